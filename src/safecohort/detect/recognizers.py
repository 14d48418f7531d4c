"""Recognizers for clinical notes: which of presidio's to run, and the clinical ones it lacks.

Presidio's defaults target general PII worldwide; clinical notes from US hospitals need a different set.
This module is the one place that decides it:

- :func:`presidio_recognizers` picks presidio's own recognizers that find HIPAA identifiers in US text
  and drops the rest (non-US national ids, crypto wallets, MAC addresses, UUIDs: noise in notes);
- :func:`clinical_recognizers` adds what presidio misses: medical record numbers, ages over 89,
  hospital names, ZIP codes, street addresses, clinical date and phone forms, and names introduced by a
  title or a relation ("Dr. Hope", "MR BROWN", "daughter Mary");
- :class:`ClinicalSpacyRecognizer` keeps the spaCy NER results that are identifiers and drops what the
  model tags as a date but is not one ("3 days", "45 years old", "yesterday").

Every recognizer is a presidio ``PatternRecognizer`` or ``EntityRecognizer`` with context words, so the
analyzer's context enhancer raises a weak match ("a 7-digit number") to a finding when a context word
("MRN", "zip") stands within five words before it. Patterns are built once at import; presidio compiles
each ``Pattern`` on first use and keeps the compiled form on the shared object. Patterns use features of
the ``regex`` module that presidio compiles them with (variable-width look-behind, scoped ``(?i:...)``),
and run case-sensitively: capitals carry meaning in names, titles and states.

To add a recognizer: subclass :class:`ClinicalPatternRecognizer` (or ``EntityRecognizer``), and list it
in :func:`clinical_recognizers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

import tldextract
from faker.providers.address.en_US import Provider as UsAddress
from faker.providers.person.en_US import Provider as UsPerson
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    DateRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MedicalLicenseRecognizer,
    PhoneRecognizer,
    SpacyRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

LANGUAGE = "en"

#: Entity types presidio's NER and pattern recognizers report under our names. Account, card,
#: licence and passport numbers are all "any other unique identifying number" under HIPAA Safe Harbor
#: (45 CFR 164.514(b)(2)(i)(J)-(L), (R)), so they share one type and one policy action.
ENTITY_ALIASES: dict[str, str] = {
    "CREDIT_CARD": "ID_NUMBER",
    "IBAN_CODE": "ID_NUMBER",
    "US_PASSPORT": "ID_NUMBER",
    "US_BANK_NUMBER": "ID_NUMBER",
    "US_DRIVER_LICENSE": "ID_NUMBER",
    "US_ITIN": "ID_NUMBER",
    "MEDICAL_LICENSE": "ID_NUMBER",
}

#: spaCy labels mapped to presidio entity types; every other label is ignored (ORG is too noisy in
#: notes - hospitals have their own recognizer; NORP, quantities, money and the like are not PHI).
SPACY_LABELS: dict[str, str] = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "DATE": "DATE_TIME",
    "TIME": "DATE_TIME",
}
SPACY_IGNORED_LABELS: tuple[str, ...] = (
    "ORG",
    "ORGANIZATION",
    "NORP",
    "CARDINAL",
    "EVENT",
    "LANGUAGE",
    "LAW",
    "MONEY",
    "ORDINAL",
    "PERCENT",
    "PRODUCT",
    "QUANTITY",
    "WORK_OF_ART",
)

# Case-sensitive; parts that must ignore case say so with a scoped (?i:...).
CASE_SENSITIVE = re.DOTALL | re.MULTILINE


def _either_case(*words: str) -> str:
    """Alternation of each word as written (Title case) and in capitals: notes are often all caps."""
    forms: list[str] = []
    for word in words:
        forms += [re.escape(word), re.escape(word.upper())]
    return "(?:" + "|".join(forms) + ")"


class ClinicalPatternRecognizer(PatternRecognizer):
    """A pattern recognizer declared by class attributes, case-sensitive unless a pattern says otherwise."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[Pattern, ...]]
    CONTEXT: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language=LANGUAGE,
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
            global_regex_flags=CASE_SENSITIVE,
        )


# --- medical record and account numbers -------------------------------------------------------------

_MRN_LABEL = (
    r"(?i:mrn|mr\s?\#|med(?:ical)?\.?[ \t]*rec(?:ord)?s?\.?(?:[ \t]*(?:number|num|no\.?|\#))?"
    r"|acct|account(?:[ \t]*(?:number|num|no\.?|\#))?|accession(?:[ \t]*(?:number|num|no\.?|\#))?"
    r"|unit[ \t]*(?:number|no\.?)|hospital[ \t]*(?:number|no\.?)|patient[ \t]*id|pt[ \t]*id)"
)


class MedicalRecordNumberRecognizer(ClinicalPatternRecognizer):
    """Medical record, account and accession numbers: 6-10 digits after a label, or near one, and three
    digit groups in a header field ("| 40-909-763 |")."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    PATTERNS = (
        Pattern(
            "labelled record number",
            rf"(?<=\b{_MRN_LABEL}[ \t]*(?:is|:|\#|=)?[ \t]*[:\#]?[ \t]*)"
            r"(?:\d{6,10}|\d{2,4}(?:-\d{2,4}){1,3})\b",
            0.9,
        ),
        Pattern("bare 6-10 digit number", r"(?<![\w.,/-])\d{6,10}(?![\w/]|[.,]\d)", 0.05),
        # A header field of three digit groups ("| 40-909-763 |", "(92-549-706)", "MOSS, ANNE  99-196-637")
        # that is not a phone number (3-3-4), an SSN (3-2-4) or a date.
        Pattern(
            "grouped number in a header field",
            r"(?<=\(|\|[ \t]*|[^\S\n]{2})(?!\d{3}-\d{3}-\d{4}|\d{3}-\d\d-\d{4}|\d{1,2}-\d{1,2}-\d{2,4}\b)"
            r"\d{2,4}-\d{2,4}-\d{2,4}(?=\)|[ \t]*\||[^\S\n]{2}|[ \t]*$)",
            0.6,
        ),
    )
    CONTEXT = ("mrn", "medical record", "record", "acct", "account", "accession", "chart")


class IdNumberRecognizer(ClinicalPatternRecognizer):
    """A bare run of 8-19 digits, or a token of letters and 5+ digits: in a note, nearly always an account,
    card, record, claim, serial or phone number, whatever the label (or none) before it."""

    ENTITY = "ID_NUMBER"
    PATTERNS = (
        Pattern("long digit run", r"(?<![\w.,/-])\d{8,19}(?![\w/]|[.,]\d)", 0.4),
        # Letters and at least five digits in one token ("E8703744", "WC2207985", "XB0544812-3"): record,
        # claim, serial and lot numbers of any local format. Not a pager extension ("x83960"), a dbSNP id
        # ("rs113488022"), a range with a suffix ("100-130S") or a quantity with its unit ("10000units").
        Pattern(
            "letters and five digits",
            r"(?<![\w.,/-])(?!(?i:x|rs)\d+\b)(?!\d+-\d+[A-Za-z]?\b)(?!\d+[A-Za-z]+\b)"
            r"(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){5})"
            r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?![\w/]|[.,]\d)",
            0.4,
        ),
    )
    CONTEXT = ("id", "number", "card", "account", "policy", "member", "license", "certificate", "serial")


# --- ages over 89 (HIPAA: ages over 89 are aggregated into "90 or older") --------------------------

_AGE_90_125 = r"(?:9\d|1[01]\d|12[0-5])"


class AgeOver89Recognizer(ClinicalPatternRecognizer):
    """Ages 90-125 as the number alone ("94 yo", "94-year-old", "aged 94", "age: 94", "PAUL OBI (104M)",
    "Khoury, Mike Z. (93)"); younger ages are not identifiers and are never reported."""

    ENTITY = "AGE_OVER_89"
    PATTERNS = (
        Pattern(
            "age before years old",
            rf"(?<![\w.]){_AGE_90_125}(?=[ \t]*-?[ \t]*(?i:y/o|y\.o\.?|yo(?:[mf])?\b|yrs?\.?[ \t-]*old"
            r"|years?[ \t-]*old|years?[ \t]+of[ \t]+age|year-old))",
            0.85,
        ),
        Pattern(
            "age after 'age'",
            rf"(?<=\b(?i:aged?|age[ \t]+of)[ \t]*[:=]?[ \t]*){_AGE_90_125}\b"
            r"(?![ \t]*(?i:days?|weeks?|months?|%))",
            0.85,
        ),
        Pattern(
            "decade of life",
            r"(?<=\b(?i:in[ \t]+(?:his|her|their)(?:[ \t]+(?:early|mid|late))?)[ \t]+)(?:90|100)'?s\b",
            0.7,
        ),
        Pattern("nonagenarian", r"\b(?i:nonagenarian|centenarian)\b", 0.7),
        Pattern(
            "age at death",
            rf"(?<=\b(?i:died|passed[ \t]+away|deceased|death)[ \t]+(?i:at|aged?)[ \t]+(?:(?i:age)[ \t]+)?)"
            rf"{_AGE_90_125}\b",
            0.85,
        ),
        Pattern("age + y", rf"(?<![\w.]){_AGE_90_125}(?=[ \t]?(?i:y|yr)\b(?![.']\w))", 0.6),
        # Age and sex in parentheses after a name ("PAUL OBI (104M)"), not a temperature ("T (98F)").
        Pattern(
            "age and sex in parentheses",
            rf"(?<=\()(?<=(?<![\d.])[A-Z][A-Za-z'’.-]+[ \t]+\()(?<!(?i:t|temp|temperature|tmax)[ \t]+\()"
            rf"{_AGE_90_125}(?=[ \t]?(?:[MF]|(?i:y/?o|yo)[ \t]?[MFmf]?)\))",
            0.7,
        ),
        # The age alone in parentheses right after a patient's name ("Khoury, Mike Z. (93)").
        Pattern(
            "age in parentheses after a name",
            r"(?<=\()(?<=(?:[A-Z][A-Za-z'’-]+,[ \t]+[A-Z][A-Za-z'’-]+(?:[ \t]+[A-Z]\.?)?"
            r"|\b(?i:pt|patient|name)\b[:. \t]+[A-Z][A-Za-z'’-]+(?:[ \t]+[A-Z][A-Za-z'’.-]+){1,2})"
            r"[ \t]+\()"
            rf"{_AGE_90_125}(?=\))",
            0.7,
        ),
    )
    CONTEXT = ("age", "old", "yo")


# --- hospitals ----------------------------------------------------------------------------------------

_HOSPITAL_SUFFIX = _either_case(
    "Hospital",
    "Medical Center",
    "Medical Centre",
    "Med Ctr",
    "Clinic",
    "Health Center",
    "Health Centre",
    "Healthcare Center",
    "Health System",
    "Infirmary",
    "Hospice House",
    "Hospice",
    "Nursing Home",
    "Rehabilitation Center",
    "Rehab Center",
    "Surgical Center",
    "Surgery Center",
    "Cancer Center",
    "Medical Group",
    "Care Center",
    "Nursing Facility",
    "Skilled Nursing Facility",
    "Nursing and Rehabilitation Center",
    "Rehab",
    "Manor",
    "Associates",
    "Group",
    "Practice",
    "Pharmacy",
    "Drug",
    "Drugs",
    "VNA",
    "Home Health",
    "Medical Supply",
    "Occupational Health",
    "Inc.",
    "Inc",
    "LLC",
    "Women's and Infants",
    "Women's & Infants",
    "Internal Medicine",
    "Family Practice",
    "Family Medicine",
    "Urgent Care",
    "Rehabilitation and Nursing",
    "Rehabilitation & Nursing",
)
# Capitalised words that open a sentence or a header rather than a name ("Brief Hospital Course").
_HOSPITAL_NOT_NAME = (
    r"(?i:the|a|an|this|that|our|your|his|her|their|brief|outside|other|same|local|previous|prior|"
    r"at|in|to|from|admitted|transferred|discharged|seen|presented|called|via|and|or)"
)
_CAPITALISED = r"[A-Z][A-Za-z'’&./-]*"
# "Urgent Care & Occ Med", "... & Occupational Health" close a clinic's name.
_OCCUPATIONAL_HEALTH = r"(?i:occ(?:upational)?\.?[ ](?:med(?:icine)?|health))"
# Words after "Hospital" that start a department, an event or a record, not the hospital's town.
_NOT_A_HOSPITAL_TOWN = (
    r"(?i:course|stay|day|visit|note|records?|follow|admission|discharge|emergency|department|dept|"
    r"medical|center|inpatient|outpatient|pharmacy|lab|laboratory|radiology|cardiology|oncology|surgery|"
    r"medicine|icu|unit|floor|campus|system|network|transfer|policy|security|police|staff|ward|wing|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow)"
)


class HospitalRecognizer(ClinicalPatternRecognizer):
    """Capitalised names ending in Hospital, Medical Center, Clinic, Infirmary, ... ("St. Elsewhere
    Medical Center", "Brookline General Hospital", "Children's Hospital of Philadelphia")."""

    ENTITY = "HOSPITAL"
    PATTERNS = (
        Pattern(
            "name + hospital suffix",
            rf"\b(?!(?!(?:Our|OUR)[ ](?:Lady|LADY)\b){_HOSPITAL_NOT_NAME}\b){_CAPITALISED}"
            rf"(?:[ ](?:(?i:of|the|and|for)[ ]|&[ ])*{_CAPITALISED}){{0,5}}?"
            rf"[ ]{_HOSPITAL_SUFFIX}\b(?:[ ](?:Group|GROUP|Associates|ASSOCIATES)\b)?"
            rf"(?:[ \t]+(?i:of|at)(?:[ \t]+(?i:the))?(?:[ \t]+[A-Z][A-Za-z'’.-]*){{1,3}})?"
            rf"(?:[ ]&[ ]{_OCCUPATIONAL_HEALTH})?"
            r"(?![ \t]+(?i:course|stay|day|visit|note|records?|follow))",
            0.7,
        ),
        # A chain's hospital named after its town ("Kindred Hospital Sandwich", "Shriners Hospital
        # Springfield"): one or two capitalised words after "Hospital" that end the phrase.
        Pattern(
            "name + hospital + town",
            rf"\b(?!{_HOSPITAL_NOT_NAME}\b){_CAPITALISED}(?:[ ]{_CAPITALISED}){{0,2}}?"
            rf"[ ](?:Hospital|HOSPITAL)[ ](?!{_NOT_A_HOSPITAL_TOWN}\b)[A-Z][a-z'’-]+"
            rf"(?:[ ](?!{_NOT_A_HOSPITAL_TOWN}\b)[A-Z][a-z'’-]+)?"
            r"(?=[ \t]*(?:[,.;:|()]|$)|[ \t]{2}|[ \t]+[a-z])",
            0.6,
        ),
        # Pharmacy chains a refill or a call names ("from CVS", "Walgreens #1234").
        Pattern(
            "pharmacy chain",
            r"\b(?:CVS|Walgreens|WALGREENS|Rite Aid|RITE AID|Walmart|WALMART|Costco|Kroger|Stop & Shop)"
            r"(?:[ \t]+(?i:pharmacy))?(?:[ \t]*\#[ \t]*\d+)?",
            0.6,
        ),
    )
    CONTEXT = ("hospital", "transfer", "admit", "center", "clinic")

    def validate_result(self, pattern_text: str) -> bool:
        """A name before a generic suffix ("Pharmacy", "Group", "Rehab") must hold a word that is not
        everyday English: "Stonebrook Pharmacy" is a place, "Spanish Pharmacy" or "WANTS REHAB" is not."""
        from safecohort.detect.vocab import is_everyday_word

        match = _GENERIC_SUFFIX_END.search(pattern_text)
        if match is None:
            return True
        words = re.findall(r"[A-Za-z]+", pattern_text[: match.start()])
        return not all(is_everyday_word(word) or word.lower() in _NAME_FILLERS for word in words)


_GENERIC_SUFFIX_END = re.compile(
    r"(?i:rehab|manor|associates|group|practice|pharmacy|drugs?|internal[ ]medicine|urgent[ ]care)"
    r"(?:[ \t]+(?i:of|at)\b.*)?$"
)
_NAME_FILLERS = frozenset({"of", "the", "and", "for", "at", "w"})


# --- ZIP codes and street addresses -------------------------------------------------------------------

# fmt: off
_US_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
    "WA", "WV", "WI", "WY",
)
# fmt: on
# Postal codes, then the AP style abbreviations ("Mass.", "N.M.", "W.Va.") that older letters and notes use.
_STATE = (
    "(?:" + "|".join(_US_STATES) + r"|(?:Mass|Calif|Penn)\.?|(?:Ala|Ariz|Ark|Colo|Conn|Del|Fla|Ga|Ill|Ind|"
    r"Kans?|Ky|La|Md|Mich|Minn|Miss|Mo|Mont|Nebr?|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo)\.|"
    r"[NSR]\.[ ]?[CDHIJMY]\.|W\.[ ]?Va\.)"
)
_STATE_NAME = _either_case(
    *"""Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
    Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
    Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
    Vermont Virginia Washington Wisconsin Wyoming""".split(),  # noqa: SIM905 - a word list reads better as text
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "West Virginia",
    "Puerto Rico",
    "District of Columbia",
)


class ZipCodeRecognizer(ClinicalPatternRecognizer):
    """US ZIP codes (5 or 5+4 digits) after a state abbreviation, or near an address word."""

    ENTITY = "ZIP_CODE"
    PATTERNS = (
        Pattern("zip after state", rf"(?<=\b{_STATE},?[ \t]+)\d{{5}}(?:-\d{{4}})?\b", 0.75),
        Pattern("zip after state name", rf"(?<=\b{_STATE_NAME},?[ \t]+)\d{{5}}(?:-\d{{4}})?\b", 0.75),
        Pattern("zip+4", r"(?<![\w.-])\d{5}-\d{4}(?![\w-])", 0.3),
        Pattern("5 digits", r"(?<![\w.,/-])\d{5}(?![\w/-]|[.,]\d)", 0.05),
    )
    CONTEXT = ("zip", "postal", "address", "addr", "street", "city", "state", "lives", "reside")


# Abbreviations and common forms first, then USPS Publication 28's standard suffixes as Faker ships them
# offline ("Ports", "Oval", "Pines"); dict.fromkeys drops the repeats and keeps the order.
_STREET_SUFFIX = _either_case(
    *dict.fromkeys(
        (
            "Street",
            "St",
            "Avenue",
            "Ave",
            "Road",
            "Rd",
            "Boulevard",
            "Blvd",
            "Lane",
            "Ln",
            "Drive",
            "Dr",
            "Court",
            "Ct",
            "Way",
            "Place",
            "Pl",
            "Terrace",
            "Ter",
            "Parkway",
            "Pkwy",
            "Highway",
            "Hwy",
            "Circle",
            "Cir",
            "Square",
            "Sq",
            "Park",
            "Row",
            "Trail",
            "Plaza",
            "Alley",
            "Route",
            "Rte",
            "Turnpike",
            "Pike",
            "Crescent",
            "Close",
            *UsAddress.street_suffixes,
        )
    )
)
_UNIT = (
    r"(?:(?i:apt|apartment|suite|ste|unit|rm|room|fl|floor)\.?[ \t]*\#?|\#)[ \t]*[A-Za-z0-9-]*\d[A-Za-z0-9-]*"
)
_STREET = (
    r"(?<![\w.,/-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?[ \t]+"
    r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?[ \t]+)?"
    rf"(?:(?:{_CAPITALISED}|\d{{1,3}}(?:st|nd|rd|th))[ \t]+){{1,4}}{_STREET_SUFFIX}\b\.?"
)


class StreetAddressRecognizer(ClinicalPatternRecognizer):
    """Number + capitalised words + street suffix ("12 Elm Street", "400 W 5th Ave Apt 3B"); units and
    PO boxes on their own ("Apt. 595", "Suite 200", "PO Box 12")."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = (
        Pattern("street address", rf"{_STREET}(?:,?[ \t]*{_UNIT})?", 0.75),
        Pattern("unit", r"\b(?i:apt|apartment|suite|ste)\.?[ \t]*\#?[ \t]*\d+[A-Za-z]?\b", 0.5),
        Pattern("po box", r"\b(?i:p\.?[ \t]?o\.?[ \t]*box)[ \t]*\d+\b", 0.7),
    )
    CONTEXT = ("address", "lives", "reside", "street", "home")


# --- dates presidio misses ----------------------------------------------------------------------------

_MONTH = _either_case(
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
_M = r"(?:0?[1-9]|1[0-2])"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_ORDINAL = r"(?:st|nd|rd|th)"
# "1/2" (half a tablet) and "8/10" (a pain score) look like dates; they need a context word to count.
_AMBIGUOUS_MONTH_DAY = re.compile(r"\d/\d|\d{1,2}/10")
# ... unless a word that introduces a date stands right before them ("since 1/8", "on 5/9", "Labs 3/2:").
# presidio's context words cannot do this: they skip stop words such as "on" and "since".
_DATE_CUE_BEFORE = re.compile(
    r"\b(?i:on|since|from|until|till|thru|through|by|before|after|dated?|dos|labs?(?:[ \t]+at[ \t]+\w+)?|"
    r"comparison|compared[ \t]+(?:to|with)|seen|visit|admitted|discharged|d/c)[ \t]*:?[ \t]*$"
)
# Military style "05AUG2017", "01jan24": day, month abbreviation and year run together.
_MONTH_ABBREVIATION = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_RUN_TOGETHER_DATE = rf"(?:0[1-9]|[12]\d|3[01]){_MONTH_ABBREVIATION}(?:19|20)?\d\d"
# "3.24" is a date only after a word that dates an event ("admitted 3.24", "start of care 11.1"), next
# to another date ("on Oct-10 and 11.17"), in a range of dates or in a chat time stamp ("[3.31 8:19]"):
# alone it is a lab value ("K 3.3", "AHI 3.1"). Words that also introduce values ("from", "to", "at",
# "by") are no cue, and a unit after the number ("on 2.5 L", "since 1.5 mg") makes it a dose.
_MONTH_DOT_DAY = rf"(?<![\w.,/-]){_M}\.{_D}"
_NOT_A_DOSE = (
    r"(?![\w.]|[.,]\d|[ \t]*(?:%|(?i:mg|mcg|g|gm|kg|lbs?|l|lpm|ml|cc|units?|iu|meq|mmol|cm|mm|in|h|hrs?|"
    r"hours?|d|days?|wks?|weeks?|mos?|months?|y|yrs?|years?|x|times|tabs?|puffs?|mmhg|of)\b))"
)
_MONTH_DOT_DAY_CUE = (
    r"(?i:on|since|until|till|thru|through|admitted|admit|discharged|d/c|dc'?d|performed|done|started|"
    r"start[ \t]+of[ \t]+care|soc|seen|dated?|dos|visit|surgery|returned|evaluated|onset|injured)"
)
_DATE_BEFORE_AND = rf"(?:{_MONTH}[-. \t]?{_D}|{_M}/{_D})[ \t]+(?:and|&|to|thru|through)"
# A range of two month.day dates ("(6.29 - 7.5)"), spaced so that "3.5-5.0" reference ranges stay out.
_MONTH_DOT_DAY_RANGE = re.compile(rf"({_M})\.({_D})[ \t]+-[ \t]+({_M})\.({_D})")


def _is_date_range(found: str) -> bool | None:
    """For a month.day range, whether it reads as one: a two-digit day, the second date after the
    first and within three months ("1.2 - 1.5" or "8.5 - 10.5" are value ranges). None for other forms."""
    parts = _MONTH_DOT_DAY_RANGE.fullmatch(found)
    if parts is None:
        return None
    first_month, first_day, last_month, last_day = (int(part) for part in parts.groups())
    if len(parts[2]) < 2 and len(parts[4]) < 2:
        return False
    months_apart = (last_month - first_month) % 12
    return months_apart <= 3 and (months_apart > 0 or last_day >= first_day)


class ClinicalDateRecognizer(ClinicalPatternRecognizer):
    """Date forms frequent in notes: "3/14", "7/22-7/23", "14-Mar-2021", "March 14th", "14th of March",
    "05AUG2017", "3.24.21", and "3.24" where it reads as a date (see ``_MONTH_DOT_DAY``)."""

    ENTITY = "DATE_TIME"
    PATTERNS = (
        Pattern(
            "month/day (range)",
            rf"(?<![\w/.,-]){_M}/{_D}(?:[ \t]*-[ \t]*(?:{_M}/)?{_D})?(?![\w/]|[.,]\d)",
            0.6,
        ),
        Pattern(
            "month name day",
            rf"\b{_MONTH}\.?[ \t]+{_D}{_ORDINAL}?\b(?:(?:,[ \t]*|[ \t]+){{1,2}}(?:\d{{4}}\b|['’]\d{{2}}\b))?",
            0.6,
        ),
        Pattern(
            "day month name",
            rf"\b{_D}{_ORDINAL}?[ \t]+(?:of[ \t]+)?{_MONTH}\b\.?(?:,?[ \t]+\d{{4}}\b)?",
            0.6,
        ),
        Pattern("day-month-year", rf"\b{_D}[-/ ](?i:{_MONTH})[-/ ](?:\d{{4}}|\d{{2}})\b", 0.6),
        Pattern("iso date and time", r"\b\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b", 0.7),
        Pattern("month year", rf"\b{_MONTH}\.?,?[ \t]+(?:19|20)\d{{2}}\b", 0.5),
        Pattern("month/year", r"(?<![\w/.-])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\w/]|[.,]\d)", 0.5),
        # "on the 3rd", "since the 21st": a day of the month without the month.
        Pattern(
            "the nth",
            r"(?<=\b(?i:on|by|until|since|from|before|after|through|thru|of)[ \t]+(?i:the)[ \t]+)"
            rf"{_D}(?i:{_ORDINAL})\b",
            0.5,
        ),
        # A month on its own after a word that dates an event ("last episode in August").
        Pattern(
            "month alone",
            r"(?<=\b(?i:in|since|until|during|by|last|next|early|late|mid|of)[ \t]+)"
            r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
            r"\b(?![ \t]+\d)",
            0.5,
        ),
        # A weekday names the day of an event ("seen Monday", "since Tues"), which dates it.
        Pattern(
            "weekday",
            r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|"
            r"THURSDAY|FRIDAY|SATURDAY|SUNDAY|Tues|Thurs|TUES|THURS)\b",
            0.5,
        ),
        Pattern("day, month and year run together", rf"\b{_RUN_TOGETHER_DATE}\b", 0.6),
        Pattern(
            "month.day after a date word",
            rf"(?=\d)(?<=\b{_MONTH_DOT_DAY_CUE}[ \t]*:?[ \t]+|\b{_DATE_BEFORE_AND}[ \t]+)"
            rf"{_MONTH_DOT_DAY}{_NOT_A_DOSE}",
            0.6,
        ),
        Pattern(
            "month.day range",
            rf"(?=\d){_MONTH_DOT_DAY}[ \t]+-[ \t]+{_M}\.{_D}(?![\w.]|[.,]\d)",
            0.6,
        ),
        Pattern("month.day time stamp", rf"(?<=\[){_M}\.{_D}(?=[ \t]+\d{{1,2}}:?\d\d\])", 0.6),
        Pattern("month.day.year", rf"(?=\d){_MONTH_DOT_DAY}\.(?:\d{{4}}|\d\d)(?![\w.]|[.,]\d)", 0.6),
    )
    CONTEXT = (
        "date",
        "dob",
        "birth",
        "born",
        "admit",
        "admission",
        "discharge",
        "seen",
        "visit",
        "surgery",
        "since",
        "until",
        "follow",
        "appointment",
        "appt",
        "schedule",
    )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find the dates; ambiguous month/day forms ("1/2", "8/10") keep only a weak score."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            if _AMBIGUOUS_MONTH_DAY.fullmatch(
                text[result.start : result.end]
            ) and not _DATE_CUE_BEFORE.search(text, max(0, result.start - 16), result.start):
                result.score = min(result.score, 0.2)
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        """A month.day range must read as a range of dates (see :func:`_is_date_range`); False drops it."""
        return False if _is_date_range(pattern_text) is False else None


# --- phone, pager and fax numbers ---------------------------------------------------------------------


class ClinicalPhoneRecognizer(ClinicalPatternRecognizer):
    """US phone numbers with extensions ("617-555-0100 ext. 12") and pager, fax or extension numbers
    after their label ("pager 4-1234", "x 5-5555", "fax: 617 555 0101") or where someone was called
    ("called to PA Osborne at 70472")."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        Pattern(
            "us phone with extension",
            r"(?<![\w.-])(?:\+?1[ \t.-]?)?(?:\(\d{3}\)[ \t]?|\d{3}[ \t.-])\d{3}[ \t.-]\d{4}"
            r"(?:[ \t]*,?[ \t]*(?i:ext\.?|x\.?|extension)[ \t]*\d{1,6})?(?![\w-])",
            0.7,
        ),
        Pattern(
            "labelled pager, fax or extension",
            r"(?<=\b(?i:pager|pgr|beeper|bpr|fax|ext\.?|extension|x|spectralink|vocera|ascom|cisco)"
            r"[ \t]*[\#:.]?[ \t]*)"
            r"(?=[\d-]*\d{3})\d[\d-]{2,12}\d(?![\w-])",
            0.6,
        ),
        Pattern(
            "international",
            r"(?<![\w+])\+\d{1,3}[ \t.-]?(?:\(\d{1,4}\)[ \t.-]?)?\d{1,4}(?:[ \t.-]\d{1,4}){1,4}(?![\w-])",
            0.6,
        ),
        Pattern(
            "digit groups",
            # ... but not a range of 24-hour times ("1114-1344")
            r"(?<![\w.-])(?!(?:[01]\d|2[0-3])[0-5]\d-(?:[01]\d|2[0-3])[0-5]\d(?![\w-]))"
            r"(?:\(\d{2,4}\)[ \t]?|\d{2,4}[ \t.-])\d{2,4}(?:[ \t.-]\d{2,4}){0,2}(?![\w-])",
            0.1,
        ),
        Pattern("local 7 digits", r"(?<![\w.-])\d{3}-\d{4}(?![\w-])", 0.3),
        # An extension or pager number where someone was called ("called to PA Osborne at 70472",
        # "paged Dr X at 5-3592", "at x87920"); four digits alone are a time ("at 1430").
        Pattern(
            "extension someone was called at",
            r"(?<=[ \t](?i:at)[ \t]+)(?<![\w.-])(?:x[ \t]?\d{4,5}|\d-\d{4}|\d{5})"
            r"(?![\w:.-]|[ \t]*(?i:hrs?|h|am|pm)\b)(?<=\b(?i:call(?:ed)?|paged?|reached|contacted|texted)\b"
            r"[^\n;,]{0,60}[ \t](?i:at)[ \t]+(?:x[ \t]?\d{4,5}|\d-\d{4}|\d{5}))",
            0.6,
        ),
    )
    CONTEXT = ("phone", "tel", "call", "cell", "mobile", "pager", "beeper", "fax", "contact", "number")


# --- names introduced by a title or a relation --------------------------------------------------------

# Capitalised words that follow a title or relation but are not names ("Patient Denies", "MR PRESENTED").
_NOT_A_NAME = (
    r"(?i:and|or|with|was|is|are|were|the|to|of|at|on|in|for|by|from|has|had|have|called|calls|"
    r"presented|presents|reports|reported|states|stated|said|says|who|here|today|denies|denied|notes|"
    r"noted|also|would|could|should|came|comes|returned|returns|complains|admitted|agrees|"
    r"understands|feels|felt|seen|visited|visits|arrived|brought|at|bedside|present|aware|updated|"
    r"informed|spoke|phone|telephone|office|md|do|rn|np|pa|phd|none|not|no|unable|requests|requested|"
    r"wants|prefers|declined|refused|consented|signed|pt|patient|is|has|continues|tolerated|underwent|"
    r"was|remains|appears|given|started|discharged|transferred|needs|got|went|did|does|recommends|"
    r"recommended|evaluated|examined|believes|thinks|note|plan|assessment|eval|evaluation|triage|pager|"
    r"cell|fax|ext|notified|paged|called|aware|office|mrn|dob|unit|room|bed|stat|pending|sedation|charge|"
    r"primary|night|float|circulating|scrub|recovery|bedside|staff|agency|travel|covering|ordering|"
    r"referring|attending|consulting|prosector|diener|crew|adjuster|employee|decedent|synthesis|pcp)"
)
# Letters beyond ASCII ("Çelik", "Ayşe", "JOAQUÍN", "Núñez"): capitals of Latin-1 and the usual Latin
# Extended-A ones, and every Latin letter (the stdlib ``re`` that anchored recognizers use has no \p{Lu}).
_UPPER = "A-ZÀ-ÖØ-ÞĆČĐŁŃŒŚŞŠŢŽŻ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ſ"
_NAME_WORD = rf"(?!{_NOT_A_NAME}\b)[{_UPPER}][{_LETTER}'’-]*[{_LETTER}]"
# Particles inside surnames: "Van der Berg", "St. Pierre", "de la Cruz", "dos Santos", "Mac an tSaoir";
# the first group may also open one ("dos Santos, Oksana"), in lower case or in capitals ("LE BLANC").
_LEADING_PARTICLE = (
    r"(?:van|von|de|del|della|da|das|dos|di|du|la|le|St\.|Ste\.|VAN|VON|DE|DEL|DA|DOS|DU|LA|LE)"
)
_PARTICLE = rf"(?:{_LEADING_PARTICLE}|der|den|do|an|ter|ten|y|bin|ibn|al|el|AN|DER|DEN)"
# A surname word after a particle may carry an Irish prefix in lower case ("tSaoir", "nGallchóir").
_SURNAME_WORD = rf"(?:[tnh](?=[{_UPPER}]))?{_NAME_WORD}"
_NAME = (
    rf"(?:[A-Z]\.[ \t]*|{_LEADING_PARTICLE}[ \t]+(?=[{_UPPER}]))?{_NAME_WORD}(?:[ \t]+[A-Z]\.)?"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_SURNAME_WORD}){{0,2}}"
)
_CAPS_WORD = rf"(?!{_NOT_A_NAME}\b)[{_UPPER}][{_UPPER}'’-]*[{_UPPER}]"
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Doctor|Professor)"
_CREDENTIAL = (
    r"(?:RN|MD|M\.D\.|NP|DO|PA-C|LPN|CNA|MSW|LICSW|PharmD|PhD|CRNA|APRN|FNP|FNP-BC|DNP|LCSW|LMSW|LSW|"
    r"LMHC|CGC|CNM|CRNP|PsyD|RRT|RD|RDN|MBBS|DDS|DMD|DPT|RPh|CCC-SLP|OTR/L|EMT(?:-[BPI])?|NRP)"
)
# Degrees that stand between a name and its credential ("Fionn Oduya, MS, CGC").
_DEGREE = r"(?:MS|MA|MPH|MSN|BSN|MBA|MEd|MSc|BS|BA|MHA|MD|PhD)"
# Roles and relations in parentheses after a name ("Harris, Thuy V. (attending)", "Leah D. (EMT-P)").
_ROLE_IN_PARENTHESES = (
    r"\((?i:attending|fellow|resident|intern|diener|prosector|scribe|student|preceptor|chaperone|hcp|poa|"
    r"nok|guardian|proxy|emt(?:-[bpi])?|paramedic|interpreter|chaplain|sitter|daughter|son|wife|husband|"
    r"mother|father|sister|brother|niece|nephew|friend|partner|spouse|caregiver)\)"
)
_RELATION = (
    r"(?i:daughter|son|wife|husband|mother|mom|father|dad|sister|brother|niece|nephew|grandson|"
    r"granddaughter|grandmother|grandfather|friend|partner|spouse|caregiver|guardian|neighbor|aunt|"
    r"uncle|cousin|hcp|poa|proxy|fiance|fiancee|dtr|stepson|stepdaughter|nurse|aide|cna|caseworker|"
    r"ex-wife|ex-husband|goddaughter|godson|godmother|godfather|stepmother|stepfather|roommate|landlord|"
    r"coworker|co-worker|boss|pastor|sitter)"
)


class TitledPersonRecognizer(ClinicalPatternRecognizer):
    """Names after a title ("Dr. Hope", "Mr. Brown", "MR BROWN") or "pt" ("pt Jane Doe"); names after a
    relation ("daughter Mary called") are :class:`KinshipNameRecognizer`'s. The title stays in the note;
    only the name is reported. A capitalised word alone is never a name here: "BROWN SPUTUM" is not a
    person, "MR. BROWN" is."""

    ENTITY = "PERSON"
    PATTERNS = (
        # "Dr. Hope", "Mr Brown", "dr. Smith", "MR. BROWN": a Title-case title, or any title with a dot.
        # Cues are matched and dropped (\K), not looked behind for: a look-behind runs at every character.
        Pattern(
            "title + name",
            rf"\b(?:{_TITLE}\.?|(?i:dr|mr|mrs|ms|mx|prof)\.)[ \t]*\K{_NAME}",
            0.85,
        ),
        # "MR BROWN": a capitals title without a dot only before a capitals name ("MS Contin" is a drug).
        Pattern(
            "capitals title + capitals name",
            rf"\b(?:DR|MR|MRS|MS|MX|PROF|DOCTOR)[ \t]+\K{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}}\b",
            0.85,
        ),
        # "pt Jane Doe": first and last name, so "Pt Denies" or "PT EVAL" (physical therapy) are not names.
        Pattern(
            "patient + full name",
            rf"\b(?i:pt|patient)\.?[ \t]+\K(?!{_NOT_A_NAME}\b)[{_UPPER}][a-zß-öø-ÿ'’-]+(?:[ \t]+[A-Z]\.)?"
            rf"[ \t]+(?!{_NOT_A_NAME}\b)[{_UPPER}][a-zß-öø-ÿ'’-]+"
            rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+){{1,2}}{_SURNAME_WORD})?",
            0.6,
        ),
    )
    CONTEXT = ("dr", "doctor", "mr", "mrs", "ms", "daughter", "son", "wife", "husband", "name")


class AnchoredRecognizer(ClinicalPatternRecognizer):
    """A recognizer whose patterns find an anchor - a label ("Patient:", "Accession #"), a credential
    (", RN"), a state and ZIP (", MA 02115") - and whose finding is read next to it: ``AFTER`` is matched
    where the anchor ends (its group ``phi``, if any, is the finding), ``BEFORE`` must end where the
    anchor starts. Reading from an anchor is far cheaper than a pattern that tries a name at every capital
    of the note and then looks around it, and it says exactly why a span was reported."""

    AFTER: ClassVar[re.Pattern[str] | None] = None
    BEFORE: ClassVar[re.Pattern[str] | None] = None
    WINDOW: ClassVar[int] = 80

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """One result per anchor with a finding next to it, spanning the finding only."""
        results = []
        for anchor in super().analyze(text, entities, nlp_artifacts, regex_flags):
            span = self._next_to(text, anchor.start, anchor.end)
            if span is not None and self.ENTITY == "PERSON":
                span = (span[0], _name_tail_end(text, *span))
            if span is not None and span[0] < span[1] and self.keep(text[span[0] : span[1]]):
                anchor.start, anchor.end = span
                results.append(anchor)
        return results

    def keep(self, found: str) -> bool:
        """Whether the text read next to an anchor is a finding; names must hold a word that may be one
        ("RE: DC PLANS" is not a name)."""
        if self.ENTITY != "PERSON":
            return True
        from safecohort.detect.vocab import clinical_terms

        words = re.findall(rf"[{_LETTER}]+", found)
        if _INITIAL_FIRST.match(found):  # "D. Story", "G. White": an initial makes the word a surname
            return any(word.lower() not in clinical_terms() for word in words[1:])
        return any(_fills_name_slot(word) for word in words)

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        if self.AFTER is not None:
            found = self.AFTER.match(text, end, min(len(text), end + self.WINDOW))
            if found is None:
                return None
            return found.span("phi") if "phi" in self.AFTER.groupindex else found.span()
        assert self.BEFORE is not None
        found = self.BEFORE.search(text, max(0, start - self.WINDOW), start)
        while found is not None and found.start() > 0 and text[found.start() - 1].isalnum():
            found = self.BEFORE.search(text, found.start() + 1, start)  # it started inside a word
        return None if found is None else found.span()


_TAIL_WORD = re.compile(rf"[ ,]+([{_LETTER}]+)\.?$")


def _name_tail_end(text: str, start: int, end: int) -> int:
    """Where a name read after a cue really ends: not at a given name that cannot be one ("Nayeli
    Rodriguez, Human Resources"), nor inside a sentence in capitals it ran into ("SW BRIAN RIVERS MET
    FAMILY"): two or more trailing words in capitals that cannot be names are dropped."""
    tail = _TAIL_WORD.search(text, start, end)
    if tail is not None and text[tail.start()] == "," and not _fills_name_slot(tail[1]):
        return tail.start()
    cut, dropped = end, 0
    while (tail := _TAIL_WORD.search(text, start, cut)) is not None and tail.start() > start:
        if not (tail[1].isupper() and len(tail[1]) > 1 and not _fills_name_slot(tail[1])):
            break
        cut, dropped = tail.start(), dropped + 1
    return cut if dropped >= 2 else end


_INITIAL_FIRST = re.compile(rf"[A-Z]\.[ ]?[{_UPPER}][{_LETTER}]")


class CredentialNameRecognizer(AnchoredRecognizer):
    """Names before a clinical credential: "Jane Smith, RN", "JOHN KOWALCZYK RN", "A. Patel MD"."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "credential",
            rf"(?<=[{_LETTER}.])[ \t]*,?[ \t]+(?:{_DEGREE}[ \t]*,[ \t]*)*{_CREDENTIAL}(?![\w-])",
            0.6,
        ),
        Pattern("role in parentheses", rf"(?<=[{_LETTER}.])[ \t]+{_ROLE_IN_PARENTHESES}", 0.6),
    )
    CONTEXT = ("rn", "md", "np", "signed", "nurse", "provider")
    BEFORE = re.compile(
        rf"(?:(?:{_LEADING_PARTICLE}[ ])?{_NAME_WORD}(?:[ -]{_NAME_WORD})?,[ ]?{_NAME_WORD}(?:[ ][A-Z]\.)?"
        rf"|{_NAME}|{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}})$"
    )
    WINDOW = 50


# Names in a labelled field: one space between words (fields are separated by more, or by punctuation).
_FIELD_NAME = re.compile(
    rf"(?:(?:{_LEADING_PARTICLE}[ ])?{_NAME_WORD}(?:[ -](?:{_PARTICLE}[ ])?{_SURNAME_WORD})?,"  # Smith,
    rf"[ ]?(?!(?:{_CREDENTIAL}|{_DEGREE})\b){_NAME_WORD}(?:[ ][A-Z]\.?)?(?![{_LETTER}])"  # Jane Q.
    rf"|(?:[A-Z]\.[ ]?|{_LEADING_PARTICLE}[ ](?=[{_UPPER}]))?{_NAME_WORD}(?:[ ][A-Za-z]\.(?![{_LETTER}]))?"
    rf"(?:[ ](?:{_PARTICLE}[ ]){{0,2}}{_SURNAME_WORD}){{0,3}})"
)
_PERSON_FIELD = (
    r"patient(?:[ \t]+name)?|pt(?:[ \t]+name)?|name|caller|contact|emergency[ \t]+contact|"
    r"next[ \t]+of[ \t]+kin|"
    r"nok|guardian|hcp|poa|spouse|interpreter|re|attn|to|from|cc|"
    r"(?:ordering|referring|attending|consulting|submitting|primary)"
    r"(?:[ \t]+(?:physician|provider|md|doctor))?|"
    r"clinician|provider|physician|surgeon|assistant|anesthesiologist|anesthesia|resident|fellow|intern|"
    r"radiologist|sonographer|technologist|tech|pathologist|cytopathologist|hematopathologist|"
    r"nurse|triage[ \t]+rn|rn|np|pa|pcp|cm|case[ \t]+manager|social[ \t]+worker|sw|"
    r"(?:dictated|signed|electronically[ \t]+signed|screened|reviewed|verified|performed|seen|cosigned|"
    r"co-signed|transcribed|read|interpreted|assisted|witnessed|accompanied)(?:[ \t]+by)?|"
    r"decedent|deceased|employee|claimant|client|id[ \t]+band|crew|sitter|adjuster|prosector|diener|scribe|"
    r"witness|chaperone|counselor|genetic[ \t]+counsel(?:or|ing)|therapist|chaplain|operators?|caseworker"
)
# Without a colon only role words and reporting verbs introduce a name ("PCP West, Dennis", "d/w Dr X").
_PERSON_CUE = (
    r"pcp|cm|rn|np|attending|radiologist|results[ \t]+called[ \t]+to|called[ \t]+to|discussed[ \t]+with|d/w|"
    r"spoke[ \t]+with|seen[ \t]+by|paged|signed|sitter|crew|handing[ \t]+over[ \t]+to|"
    r"handed[ \t]+over[ \t]+to|relieved[ \t]+by|adjuster|prosector|diener|(?:assisted|accompanied)[ \t]+by|"
    r"(?:attending[ \t]+)?(?:pathologist|surgeon|physician|hospitalist|intensivist)|"
    r"(?-i:SW)|w/(?=[ ][A-Z]\.[ ]?[A-Z])"
)


class LabelledNameRecognizer(AnchoredRecognizer):
    """Names in labelled fields and after role words: "Patient: Smith, Jane", "Ordering: J. Patel",
    "Sonographer: Bao", "PCP West, Dennis", "Results called to D. Gonzalez-Rivera", "-- Thuy Church"."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "labelled field",
            # "Insurance verified: BCBS PPO" names a payer, not the person who verified it.
            rf"(?<![A-Za-z])(?<!(?i:insurance|coverage|eligibility|benefits)[ \t]{{1,3}})(?i:{_PERSON_FIELD})"
            r"[ \t]*:[ \t]*(?:(?i:dr|mr|mrs|ms)\.?[ \t]*)?",
            0.7,
        ),
        Pattern(
            "role word",
            rf"(?<![A-Za-z/])(?i:{_PERSON_CUE})(?:[ \t]*:)?[ \t]+"
            r"(?:(?i:dr|mr|mrs|ms)\.?[ \t]*|(?:PA|NP|RN)[ ])?"
            rf"(?=[{_UPPER}]|{_LEADING_PARTICLE}[ ][{_UPPER}])",
            0.6,
        ),
        Pattern(
            "letter closing",
            r"(?<![A-Za-z])(?i:sincerely|regards|best[ \t]+wishes|best|thanks|thank[ \t]+you|"
            r"yours[ \t]+truly|"
            r"cordially|respectfully),?[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:(?i:dr|mr|mrs|ms)\.?[ \t]*)?(?=[A-Z])",
            0.6,
        ),
        Pattern("signature dash", r"(?m:^)[ \t]*--[ \t]*(?=[A-Z])", 0.6),
    )
    CONTEXT = ("patient", "name", "signed", "physician", "provider")
    AFTER = _FIELD_NAME
    WINDOW = 60


# A run of letters, digits and hyphens with four digits or more, not a date ("03-11-2023", "02JAN2024").
_ID_TOKEN = (
    rf"(?!{_M}-{_D}-(?:\d{{4}}|\d\d)\b|{_RUN_TOGETHER_DATE}\b)"
    r"(?=(?:[A-Za-z-]*\d){4})[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
)
# A health plan's three-letter prefix belongs to the member id ("member VBJ 2465284-66"); plan types
# ("BCBS PPO 1234567890") do not.
_PLAN_PREFIX = r"(?:(?!(?:PPO|HMO|EPO|POS|HSA|HRA|SNP|ICU|MRN)\b)[A-Z]{3}[ ](?=\d{6,}(?:-\d{1,3})?\b))"
_ID_FIELD = (
    r"accession|acc|case|specimen\(s\)|specimens?|clia|member|subscriber|group|policy|claim(?:/reference)?|"
    r"reference|ref|insurance(?:[ \t]+verified)?|dea|npi|licen[cs]e|lic|serial|s/n|device|implant|lot|"
    r"hospital|unit|order|requisition|encounter|visit|episode|health[ \t]+plan|plan|certificate|badge"
)


class LabelledIdRecognizer(AnchoredRecognizer):
    """Identifiers after their label: "Accession #: S16-86523", "Specimen(s): BM24-19662, FC24-84929",
    "Member ID: W879203689", "Insurance verified: BCBS PPO 1DA1-BO5-HH32", "DEA FC8067423", "Employee
    ID 149324", "CAP 0269381". Any run of letters, digits and hyphens with at least four digits counts
    (a date does not); a payer's name may stand between."""

    ENTITY = "ID_NUMBER"
    PATTERNS = (
        Pattern(
            "id label",
            rf"(?<![A-Za-z])(?i:{_ID_FIELD})(?![A-Za-z])"
            r"(?:[ \t]*(?i:number|num|no\.?|id|\#|code))*[ \t]*[:\#]?",
            0.6,
        ),
        # Labels that are everyday words too ("employee", "ticket"), or short ("ID", "CAP" - the College
        # of American Pathologists number of a lab): only with the identifier right after them.
        Pattern("short id label", r"(?<![A-Za-z])(?:ID|CAP)[ \t]*[:\#]?[ \t]*(?=\d{5,}(?![\d/.:]))", 0.6),
        Pattern(
            "everyday id label",
            r"\b(?:[Ee](?i:mployee)|[Ss](?i:taff)|[Aa](?i:utopsy)|[Nn](?i:ecropsy)|[Tt](?i:icket)|"
            r"EMPLOYEE|STAFF|AUTOPSY|NECROPSY|TICKET)(?:[ \t]*(?i:number|num|no\.?|id|\#))*[ \t]*[:\#]?"
            r"[ \t]*(?=[A-Z]{0,4}-?\d)",
            0.6,
        ),
    )
    CONTEXT = ("id", "number", "accession", "member", "insurance", "policy")
    AFTER = re.compile(
        rf"[ \t]*(?:[A-Za-z][A-Za-z&/.-]*[ \t]+){{0,3}}?\#?[ \t]*"
        rf"(?P<phi>{_PLAN_PREFIX}?{_ID_TOKEN}(?:[ \t]*,[ \t]*{_ID_TOKEN})*)\b"
    )
    WINDOW = 70


class UsernameRecognizer(AnchoredRecognizer):
    """User names in audit and chat lines: after a label ("Entered by: mchurch", "Exported 2024/03/31 by
    eitan.walker", "viewed by ALMASK01", "Workstation login e918574", "SIGNED E364593 (...)"), a chat
    line's time stamp ("[18:33] e552531:") or a chat event ("system: BAKERP05 added CHASEN06 to the
    conversation"). After a bare "by" only a shape no word has counts (a digit, or a dot inside)."""

    ENTITY = "USERNAME"
    PATTERNS = (
        # "Entered by: jdoe", "Exported 2024/03/31 by eitan.walker"; after a bare "by" only a shape no
        # word has ("viewed by e659696", "by NORTOC05 2018/03/29"). Found at "by", the verb looked back at.
        Pattern(
            "by",
            r"(?<![A-Za-z])(?i:by)(?:(?<=\b(?i:entered|typed|documented|transcribed|logged|edited|modified|"
            r"created|exported|signed|printed|reviewed|viewed|accessed|opened|updated|amended|authored|"
            r"approved|released|verified|uploaded|sent|added|removed|deleted)(?:[ \t]+[0-9][0-9/:.-]*){0,2}"
            r"[ \t]+(?i:by))[ \t]*:?[ \t]*"
            r"|[ \t]+(?!(?i:pod|hd|dol|ppd|icu|gcs)\d)"
            r"(?=[a-z]{2,}\d|[A-Za-z]\d{4,}|[a-z]{2,}[._][a-z]{2,}|[A-Z]{2,12}\d))",
            0.7,
        ),
        Pattern(
            "user label",
            r"(?<![A-Za-z])(?i:(?:user|login|logon|log-in)(?:[ \t]*name|[ \t]*id)?|author)[ \t]*:[ \t]*"
            r"|(?<![A-Za-z])(?i:login|logon|username|userid|user|signed)[ \t]+(?=[A-Za-z]+[\d._])",
            0.7,
        ),
        # A chat line's speaker: "[7:16] jdoe1:".
        Pattern(
            "chat speaker",
            r"(?m:^)[ \t]*\[[0-9.:/ -]{3,20}\][ \t]*(?=[A-Za-z][A-Za-z0-9._-]{2,30}:)",
            0.7,
        ),
        # Chat events: "system: jdoe1 added MOSSD02 to the conversation".
        Pattern(
            "chat event",
            r"\b(?i:system)[ \t]*:[ \t]*(?=\S+[ \t]+(?i:added|removed|invited|joined|left)\b)"
            r"|\b(?i:added|removed|invited)[ \t]+(?=\S+[ \t]+(?i:to|from)[ \t]+(?i:the[ \t]+)?"
            r"(?i:conversation|chat|thread|group|channel|room|call)\b)",
            0.7,
        ),
        # Who dictated a paragraph, in parentheses at its end: "... in cassettes A1-A5. (jdoe)".
        Pattern("dictation initials", r"(?<=[.!?][ \t]{1,3})\((?=[a-z][a-z0-9._-]{2,12}\)[ \t]*$)", 0.7),
    )
    CONTEXT = ("user", "login", "entered", "typed")
    # A user name: lower case (jdoe, eitan.walker, e867769), or capitals with digits (MOSSD02, E364593),
    # or capitals with a dot (SCOTT.LEBLANC).
    AFTER = re.compile(
        r"(?:[a-z][a-z0-9._-]{1,29}[a-z0-9]|[A-Z]{2,12}\d{1,4}|[A-Z]\d{5,8}|[A-Z]{2,}\.[A-Z]{2,})(?![\w@])"
    )
    WINDOW = 40

    def keep(self, found: str) -> bool:
        """Not an everyday word ("system", "nurse") or a clinical term."""
        from safecohort.detect.vocab import is_everyday_word

        return bool(re.search(r"\d|[._]", found)) or not is_everyday_word(found)


class RecordFormatRecognizer(ClinicalPatternRecognizer):
    """Identifiers in fixed record formats: the patient id and names of an HL7 v2 segment
    ("PID|E9628210|GRANT^MICHELLE^W|...", "...|GOODNIGHT^THEODORE^U"), the last four digits of an SSN
    after its label, and a letter prefix with a long number ("MR73731202", "E8703744")."""

    ENTITY = "ID_NUMBER"
    PATTERNS = (
        Pattern("hl7 patient id", r"(?<=(?m:^)PID\|)[^|\n]{4,30}(?=\|)", 0.7),
        Pattern("ssn last four", r"(?<=\b(?i:ssn|social[ \t]+security)\b[^:\n]{0,40}:[ \t]*)\d{4}\b", 0.7),
        Pattern("prefixed number", r"\b[A-Z]{1,3}\d{7,10}\b", 0.5),
    )
    CONTEXT = ("pid", "mrn", "id", "ssn")


class Hl7NameRecognizer(ClinicalPatternRecognizer):
    """Names written the HL7 way, family^given^middle ("HAYES^EITAN^S", "VAN WYK^TOMÁS^T")."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "hl7 name",
            rf"(?<![{_LETTER}])(?:[{_UPPER}][{_LETTER}'’-]*[ ])?[{_UPPER}][{_LETTER}'’-]+"
            rf"\^[{_UPPER}][{_LETTER}'’-]+(?:\^[{_UPPER}][{_LETTER}.]*)?(?![{_LETTER}])",
            0.7,
        ),
    )
    CONTEXT = ("pid", "obr", "patient")


class EmployerRecognizer(AnchoredRecognizer):
    """Employers and workplaces: "works at the MBTA", "a cashier at Smith, Clements and Ray", "works
    nights at Martinez and Sons", "employed by OncoSeq Inc."."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (
        Pattern(
            "work cue",
            r"\b(?i:works|worked|working|employed|employee|job|cashier|supervisor|manager|clerk|driver|"
            r"teacher|engineer|technician|mechanic|nurse|aide|volunteers?|retired)\b"
            # "works as a dental hygienist at", "retired from work as a retired Army medic at"
            r"(?:[ \t]+[A-Za-z'’-]+){0,6}?[ \t]+(?i:at|for|by|from)[ \t]+(?=(?:the[ \t]+)?[A-Z])",
            0.6,
        ),
        # A work phone's employer, a letter to an employer, a device maker's representative:
        # "(WORK, STOP & SHOP)", "Human Resources, Wilson-Burns", "rep from Medtronic".
        Pattern(
            "employer label",
            r"\((?i:work|employer)[ \t]*,[ \t]*(?=[A-Z])"
            r"|\b(?:Human[ \t]+Resources|HUMAN[ \t]+RESOURCES|Employee[ \t]+Health|Payroll),"
            r"[ \t]*(?=[A-Z])"
            r"|\b(?i:rep|representative)[ \t]+(?i:from)[ \t]+(?=[A-Z])",
            0.6,
        ),
    )
    CONTEXT = ("works", "employer", "job")
    # "the" belongs to the name where the note writes it ("works at the MBTA").
    AFTER = re.compile(
        r"(?:(?i:the)[ ])?[A-Z][A-Za-z'’&.-]*[A-Za-z]"
        r"(?:(?:,[ ]|[ ](?i:and|&|of|the)[ ]|[ ]|-)[A-Z][A-Za-z'’&.-]*[A-Za-z]){0,4}"
    )
    WINDOW = 60

    def keep(self, found: str) -> bool:
        """Not a single everyday word ("works at Home", "for Surgery")."""
        from safecohort.detect.vocab import is_everyday_word

        words = [word for word in re.findall(r"[A-Za-z]+", found) if word.lower() != "the"]
        return not (len(words) == 1 and is_everyday_word(words[0]))


# --- places: cities and countries (the gazetteer and the reading are in safecohort.detect.places) -------

_PLACE_CONNECTOR = r"(?:of|or|on|upon|de|del|la|le|du)"


class CityRecognizer(AnchoredRecognizer):
    """The city in an address line before a state and ZIP code ("Worcester, MA 02170", "Truth or
    Consequences, N.M. 87042")."""

    ENTITY = "LOCATION"
    PATTERNS = (Pattern("state and zip", rf",[ \t]*{_STATE}[ \t]+\d{{5}}(?:-\d{{4}})?\b", 0.7),)
    CONTEXT = ("city", "address", "lives")
    BEFORE = re.compile(
        rf"[A-Z][A-Za-z.'’-]*[A-Za-z](?:[ ](?:{_PLACE_CONNECTOR}[ ])?[A-Z][A-Za-z.'’-]*[A-Za-z]){{0,2}}$"
    )
    WINDOW = 40


_PLACE_CUES: dict[str, Any] = {}  # place cue patterns, compiled on first use


class PlaceReadingRecognizer(AnchoredRecognizer):
    """A recognizer whose anchor is a place cue and whose finding is the place name read right after it
    by :func:`safecohort.detect.places.read_place`: after a ``STRONG`` cue any capitalised name, after a
    weak one only a name the gazetteer lists that is neither an everyday word nor a person's name."""

    ENTITY = "LOCATION"
    STRONG: ClassVar[bool] = True

    def load(self) -> None:
        """Read the gazetteer now, while the scanner is built (about a second; forked workers share it)."""
        from safecohort.detect.places import gazetteer

        gazetteer()

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """One result per cue with a place after it. Cues ("in", "from", a comma) are frequent and most
        have no place after them, so the patterns run here rather than through presidio's per-match
        bookkeeping, compiled as presidio compiles them (the ``regex`` module, the class's flags)."""
        import regex

        if self.ENTITY not in entities:
            return []
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        results = []
        for pattern in self.PATTERNS:
            compiled = _PLACE_CUES.get(pattern.regex)
            if compiled is None:
                compiled = _PLACE_CUES[pattern.regex] = regex.compile(pattern.regex, flags=CASE_SENSITIVE)
            for anchor in compiled.finditer(text):
                span = self._next_to(text, anchor.start(), anchor.end())
                if span is not None and span[0] < span[1]:
                    results.append(
                        RecognizerResult(
                            self.ENTITY, span[0], span[1], pattern.score, recognition_metadata=dict(metadata)
                        )
                    )
        return results

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        from safecohort.detect.places import read_place

        return read_place(text, end, strong=self.STRONG, after_comma=text[start] == ",")


class PlaceCueRecognizer(PlaceReadingRecognizer):
    """Where someone lives, comes from or travels: "lives with her husband in Dayton", "moved to Normal",
    "recent travel to Cape Verde", "IN FROM ATHENS WITH A FRIEND", "originally from the Dominican
    Republic", "her apartment in Canton", "a wedding in Friendship". Any capitalised name after the cue
    counts; cities that are everyday words too ("Normal", "Hope") are found only this way."""

    PATTERNS = (
        Pattern(
            "place cue",
            r"\b(?i:lives|living|resides|residing|moved|relocated|grew[ \t]+up|born|travel(?:l?ed|l?ing)?|"
            r"trip|vacation(?:ed|ing)?|visiting|emigrated|immigrated)\b"
            r"(?:[ \t]+(?!(?i:in|to|at|near|from)\b)[a-z][a-z'-]*){0,4}"
            r"[ \t]+(?i:in|to|near|from)[ \t]+(?=[A-Z])",
            0.6,
        ),
        Pattern(
            "origin cue",
            r"\b(?i:in[ \t]+from|originally[ \t]+from|natives?[ \t]+of|home[ \t]?town(?:[ \t]+of)?|"
            r"hails[ \t]+from|residents?[ \t]+of)[ \t]+(?=[A-Z]|(?i:the)[ \t]+[A-Z])",
            0.6,
        ),
        # A home or a family event in a place: "walk-up in Lewiston", "her son's funeral in Jameshaven".
        Pattern(
            "home or event cue",
            r"\b(?i:apartment|house|home|condo|walk-up|trailer|farm|cottage|cabin|wedding|funeral|"
            r"reunion|graduation|ceremony|memorial|christening|baptism|celebration)[ \t]+(?i:in|near)[ \t]+"
            r"(?=[A-Z])",
            0.6,
        ),
    )
    CONTEXT = ("lives", "moved", "travel", "from")


class ListedPlaceRecognizer(PlaceReadingRecognizer):
    """A city or country the gazetteer lists, after a preposition or a comma: "a man from Chicopee",
    "a walk-up in Lewiston", "Office of the Chief Medical Examiner, Dayton". A weak cue: a listed name
    that is an everyday word or a person's name ("in Hope", "from Jackson", "Reilly, Cynthia") is left
    to the strong cues."""

    STRONG = False
    PATTERNS = (
        Pattern(
            "preposition or comma",
            r"\b(?i:in|from|near|at|to|outside(?:[ \t]+of)?)[ \t]+(?=[A-Z]|(?i:the)[ \t]+[A-Z])"
            r"|(?<=[A-Za-z.)]),[ \t]*(?=[A-Z])",
            0.5,
        ),
    )
    CONTEXT = ("lives", "from", "city", "address")


_LANDMARK = _either_case(
    "Beach", "Park", "Lake", "Pond", "River", "Trail", "Reservoir", "Mall", "Plaza", "Station", "Stadium",
    "Arena", "Auditorium", "Airport", "Harbor", "Harbour", "Bridge", "Forest", "Falls", "Island",
)  # fmt: skip


class AddressCityRecognizer(PlaceReadingRecognizer):
    """The city after a street address or a landmark and a comma: "291 Lower Hodge Rd., Truth or
    Consequences", "(8164 Mike Haven, Jackson)", "found at Horseneck Beach, Liberty". A strong cue: an
    address names its town whatever the town is called."""

    PATTERNS = (
        Pattern(
            "street, city",
            rf",(?<=\d[^\n,;:()]{{1,40}}?\b{_STREET_SUFFIX}\.?,)[ \t]*(?=[A-Z])",
            0.6,
        ),
        Pattern("landmark, city", rf",(?<=\b[A-Z][A-Za-z'’-]+[ \t]+{_LANDMARK},)[ \t]*(?=[A-Z])", 0.6),
    )
    CONTEXT = ("address", "city", "lives")


class CityStateRecognizer(AnchoredRecognizer):
    """A listed city before a state with no ZIP code: "lives in Quincy, MA", "seen in Dayton, Ohio". Only
    a city the gazetteer lists that is not an everyday word or a US name; two capitals after a comma are
    also credentials ("Lee, MD", "Jones, MA"), so before a code a word after a title is a name ("Dr.
    Lowell, MD")."""

    ENTITY = "LOCATION"
    PATTERNS = (Pattern("city, state", rf",[ \t]*(?:{_STATE_NAME}|{_STATE})(?![\w-])(?![ \t]*\d)", 0.5),)
    CONTEXT = ("lives", "city", "address", "from")
    BEFORE = CityRecognizer.BEFORE
    WINDOW = 40

    _TITLE_BEFORE: ClassVar[re.Pattern[str]] = re.compile(rf"\b{_TITLE}\.?[ \t]*$", re.IGNORECASE)

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        from safecohort.detect.places import is_known_place

        span = super()._next_to(text, start, end)
        if span is None or not is_known_place(text[span[0] : span[1]]):
            return None
        code = re.fullmatch(r",[ \t]*[A-Z]{2}", text[start:end]) is not None
        titled = self._TITLE_BEFORE.search(text, max(0, span[0] - 12), span[0]) is not None
        return None if code and titled else span


def _place_recognizers() -> list[EntityRecognizer]:
    """The recognizers that read a city or country after a cue or before a state (see above)."""
    return [PlaceCueRecognizer(), ListedPlaceRecognizer(), AddressCityRecognizer(), CityStateRecognizer()]


_FACILITY_WORD = r"(?:St\.|ST\.|[A-Z][A-Za-z'’&-]*)"
_FACILITY_CUE = (
    r"facility|pharmacy|agency|snf|rehab[ \t]+at|sent(?:[ \t]+in)?[ \t]+from|transferred[ \t]+(?:from|to)|"
    r"admitted[ \t]+from|discharged[ \t]+to|nursing[ \t]+home"
)


class FacilityRecognizer(AnchoredRecognizer):
    """Facilities named after a label or a transfer ("Facility: Burke House Nursing and Rehabilitation
    Center", "WANTS REHAB AT CEDARDALE REHAB", "sent in from Mill Pines")."""

    ENTITY = "HOSPITAL"
    PATTERNS = (Pattern("facility cue", rf"(?<![A-Za-z])(?i:{_FACILITY_CUE})[ \t]*:?[ \t]*(?=[A-Z])", 0.6),)
    CONTEXT = ("facility", "transfer", "rehab", "pharmacy")
    AFTER = re.compile(
        rf"(?!(?i:the|home|hospital|rehab|nursing|ed|er|icu|floor|clinic)\b){_FACILITY_WORD}"
        rf"(?:[ ](?:(?i:of|and|the|at|for)[ ]|&[ ])*{_FACILITY_WORD}){{0,6}}"
    )
    WINDOW = 90


# Units and services a patient is admitted or transferred to: never a facility's name.
_HOSPITAL_UNIT = re.compile(
    r"(?i:icu|micu|sicu|ccu|cvicu|nicu|picu|pacu|ed|er|or|tele|telemetry|floor|medicine|surgery|rehab|"
    r"hospice|home|step-?down|psych|psychiatry|labor|l&d|ir|cath|cardiology|neurology|oncology|bedside)$"
)


class CareSiteRecognizer(FacilityRecognizer):
    """A facility or a health system's site named where care happens, with no suffix to tell it: "Site:
    UMass Fitchburg", "transfer to UMass Amyland for", "followed by Dr. Perez at Bayhaven Women's and
    Infants'", "MD (NPI 2582083016), UMass Woonsocket". The name must hold a word that is not everyday
    English and not open with a unit ("admit to MICU", "transfer to Medicine" are not facilities)."""

    PATTERNS = (
        Pattern(
            "site cue",
            r"(?<![A-Za-z])(?i:site|performing[ \t]+site|location|retrieval[ \t]+clinic)[ \t]*:[ \t]*"
            r"(?=[A-Z])"
            r"|\b(?i:transfer|admit|return(?:ed)?|follow(?:ed|s)?[ \t]+up|going)[ \t]+(?i:to|at)[ \t]+"
            r"(?=[A-Z])"
            r"|\b(?:Dr|DR)\.?[ \t]+[A-Z][A-Za-z'’-]+(?:[ -][A-Z][A-Za-z'’-]+)?[ \t]+(?i:at)[ \t]+(?=[A-Z])"
            r"|\((?i:npi)[ \t]*[\#:]?[ \t]*\d{10}\),[ \t]*(?=[A-Z])",
            0.6,
        ),
    )
    # Without "for" and "at" between words: "transfer to Lahey Burlington for ERCP" ends at the town.
    AFTER = re.compile(
        rf"(?!(?i:the|home|hospital|rehab|nursing|ed|er|icu|floor|clinic)\b){_FACILITY_WORD}"
        rf"(?:[ ](?:(?i:of|and|the)[ ]|&[ ])*{_FACILITY_WORD}){{0,6}}"
    )

    def keep(self, found: str) -> bool:
        """Not a unit or service, and a word that is neither everyday English nor a clinical term (a
        name of one word must not even be common English: "at BEDSIDE")."""
        from safecohort.detect.vocab import is_common_word, is_everyday_word

        words = [word.rstrip("'’") for word in re.findall(r"[A-Za-z][A-Za-z'’&-]*", found)]
        if not words or _HOSPITAL_UNIT.match(words[0]):
            return False
        if len(words) == 1:
            return not is_common_word(words[0])
        return any(not is_everyday_word(word) for word in words)


# --- professions, organisations by their shape, care homes and landmarks ---------------------------------

_OCCUPATIONS: frozenset[str] | None = None


def _occupations() -> frozenset[str]:
    """Occupation head nouns and phrases of ``data/occupations.txt`` (lower case), read once."""
    global _OCCUPATIONS
    if _OCCUPATIONS is None:
        from importlib import resources

        text = resources.files("safecohort.detect").joinpath("data/occupations.txt").read_text("utf-8")
        lines = (line.strip().lower() for line in text.splitlines())
        _OCCUPATIONS = frozenset(line for line in lines if line and not line.startswith("#"))
    return _OCCUPATIONS


_AGE_WORDS = r"\d{1,3}[ \t-]*(?i:y/?o|yrs?|years?)(?:[ \t-]*(?i:old))?"
# Words that end the phrase naming a job ("a welder for 30 yrs", "a barista and lives in ...").
_JOB_PHRASE_END = frozenset(
    """and or with who whose that which for at in from of on by since until originally currently now
    but was is has had presenting presents here there""".split()  # noqa: SIM905 - reads better as text
)
# Words before a job noun that make it a role in an event, not a job ("the restrained driver").
_NOT_A_JOB_MODIFIER = frozenset(
    {"restrained", "unrestrained", "belted", "unbelted", "intoxicated", "impaired", "drunk", "passenger"}
)
_JOB_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?")
_JOB_WORDS_MAX = 4


class ProfessionRecognizer(AnchoredRecognizer):
    """A person's job, read after a cue and ending in an occupation noun of ``data/occupations.txt``:
    "works as a dental hygienist at", "Job title: locksmith", "former seamstress with", "a 94-year-old
    bartender originally from", "pt was a welder for 30 yrs", "is a retired Army medic". Without a cue
    an occupation word is staff ("the nurse called"); after one, a phrase ending in another noun is not a
    job ("is a poor historian", "is a 72 year old man")."""

    ENTITY = "PROFESSION"
    PATTERNS = (
        Pattern(
            "job cue",
            # "works as a", "retired from work as an", "employed as"
            r"\b(?i:works?|worked|working|employed|retired[ \t]+from[ \t]+work|job)[ \t]+(?i:as)[ \t]+"
            r"(?:(?i:an?)[ \t]+)?"
            # "Job title: locksmith", "Occupation: retired teacher"
            r"|\b(?i:job[ \t]+title|occupation|profession|vocation)[ \t]*:[ \t]*"
            # "is a barista", "pt was a welder", "is a 72 year old bus driver" (not "there was a nurse")
            r"|\b(?i:is|was)(?<!\b(?i:there|it|this|that|which|what)[ \t]+\w+)[ \t]+(?i:an?)[ \t]+"
            rf"(?:{_AGE_WORDS}[ \t]+)?"
            # ", a 94-year-old bartender", "80 year old former CNA"
            rf"|\b(?i:an?)(?<=,[ \t]*\w+)[ \t]+{_AGE_WORDS}[ \t]+"
            rf"|\b{_AGE_WORDS}[ \t]+(?=(?i:former|retired)\b)"
            # "Former machinist.", "Retired electrician."
            r"|\b(?i:former|retired)[ \t]+",
            0.6,
        ),
    )
    CONTEXT = ("works", "job", "occupation", "retired", "former")

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The words after the cue up to the end of the phrase, when they end in an occupation noun: one
        space between words, "former" left out, at most three words before the noun."""
        words: list[re.Match[str]] = []
        position = end
        while len(words) <= _JOB_WORDS_MAX:
            word = _JOB_WORD.match(text, position)
            if word is None or word[0].lower() in _JOB_PHRASE_END:
                break
            words.append(word)
            after = text[word.end() : word.end() + 2]
            if not (after[:1] == " " and after[1:2].isalpha()):
                break
            position = word.end() + 1
        if words and words[0][0].lower() in ("former", "ex"):
            words = words[1:]
        if not words or len(words) > _JOB_WORDS_MAX:
            return None
        lowered = [word[0].lower().replace("’", "'") for word in words]
        if any(word in _NOT_A_JOB_MODIFIER for word in lowered):
            return None
        occupations = _occupations()
        if lowered[-1] in occupations or " ".join(lowered[-2:]) in occupations:
            return words[0].start(), words[-1].end()
        return None


_ORG_WORD = r"[A-Z][A-Za-z'’.-]*[A-Za-z]"
# Head words that make the capitalised words before them a company whatever they are ("Boston Public
# Schools", "Lopez Landscaping"), and weaker ones that need a name no dictionary calls everyday English
# ("Genomix Diagnostics", not "Clinical Laboratories").
_ORG_HEAD = _either_case(
    "Tool & Die", "Tool and Die", "Landscaping", "Credit Union", "Apothecary", "Public Schools",
    "School District", "& Sons", "and Sons", "Construction", "Trucking", "Roofing", "Plumbing",
)  # fmt: skip
# ("Labs" is left out: it heads a section of most notes.)
_WEAK_ORG_HEAD = _either_case("Laboratories", "Diagnostics", "Manufacturing", "Industries")
_WEAK_ORG_HEAD_END = re.compile(r"(?i:laboratories|diagnostics|manufacturing|industries)$")
_ORG_HEAD_SEEN = re.compile(rf"{_ORG_HEAD}|{_WEAK_ORG_HEAD}|\b(?:Office|OFFICE)[ ](?i:of)\b")


class OrganizationNameRecognizer(ClinicalPatternRecognizer):
    """Companies and offices by the shape of their name: capitalised words before a company head word
    ("Westport Tool & Die", "Stoneford Credit Union", "Butler and Sons", "OncoSeq Laboratories") and
    "Office of the ..." with the town after it ("Office of the Chief Medical Examiner, Dayton")."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (
        Pattern(
            "name + company head word",
            rf"\b(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,2}}"
            rf"[ ](?:{_ORG_HEAD}|{_WEAK_ORG_HEAD})"
            r"(?![A-Za-z])",
            0.6,
        ),
        Pattern(
            "office of",
            rf"\b(?:Office|OFFICE)[ ](?i:of)[ ](?:(?i:the)[ ])?{_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,3}}"
            rf"(?:,[ ]{_ORG_WORD}(?:[ ]{_ORG_WORD})?(?=[,.;)]))?",
            0.6,
        ),
    )
    CONTEXT = ("works", "employer", "company", "fax")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The companies of a note, or none without a head word in it (the pattern tries every capital)."""
        if not _ORG_HEAD_SEEN.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> bool:
        """Before a weak head word, a word that is not everyday English or a clinical term."""
        from safecohort.detect.vocab import is_everyday_word

        head = _WEAK_ORG_HEAD_END.search(pattern_text)
        if head is None:
            return True
        words = re.findall(r"[A-Za-z]+", pattern_text[: head.start()])
        return not all(is_everyday_word(word) for word in words)


class CareHomeRecognizer(ClinicalPatternRecognizer):
    """Senior living and care homes named "The <surname> at <place>" ("The Bentley at Brookridge"), the
    way such communities are branded; the surname must be in Faker's US list."""

    ENTITY = "HOSPITAL"
    PATTERNS = (
        Pattern(
            "the name at place",
            r"\b(?:The|THE)[ ][A-Z][A-Za-z'’-]+[ ](?:at|AT)[ ][A-Z][A-Za-z'’-]+(?:[ ][A-Z][A-Za-z'’-]+)?\b",
            0.6,
        ),
    )
    CONTEXT = ("resident", "facility", "discharge", "transition")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the word after "The" is a listed surname."""
        return pattern_text.split()[1].lower() in _LAST_NAMES


class LandmarkRecognizer(AnchoredRecognizer):
    """Named landmarks where something happened ("found at Lake Quinsigamond", "in the parking lot of the
    Route 9 Park and Ride", "at the Lowell Memorial Auditorium"): after a preposition, capitalised words
    or a route number before a landmark word (Park, Beach, Reservoir, Trail, ...). One word must be a name
    rather than everyday English ("at the Nurses Station" is not a landmark)."""

    ENTITY = "LOCATION"
    PATTERNS = (
        Pattern(
            "preposition",
            r"\b(?i:at|in|near|outside|behind|from|of|to)[ \t]+(?=(?:(?i:the)[ \t]+)?[A-Z0-9])",
            0.6,
        ),
    )
    CONTEXT = ("found", "lot", "scene", "pickup")
    AFTER = re.compile(
        rf"(?:(?i:the)[ ])?(?:(?:{_ORG_WORD}|\d{{1,4}})[ ]){{1,3}}{_LANDMARK}(?:[ ](?:and|&)[ ]{_ORG_WORD})?"
        rf"(?![A-Za-z])|(?:Lake|Mount|Mt\.|Fort|Cape|LAKE|MOUNT|FORT|CAPE)[ ]{_ORG_WORD}(?:[ ]{_ORG_WORD})?"
        r"(?![A-Za-z])"
    )
    WINDOW = 70
    _HEAD = re.compile(rf"\b{_LANDMARK}\b|\b(?:Lake|Mount|Mt\.|Fort|Cape|LAKE|MOUNT|FORT|CAPE)[ ][A-Z]")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The landmarks of a note, or none without a landmark word in it (most notes have none)."""
        if not self._HEAD.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def keep(self, found: str) -> bool:
        """A route number, or a word that is neither everyday English nor a clinical term."""
        from safecohort.detect.vocab import is_everyday_word

        words = re.findall(r"[A-Za-z]+|\d+", found)
        return any(word.isdigit() or not is_everyday_word(word) for word in words)


def _org_and_profession_recognizers() -> list[EntityRecognizer]:
    """The recognizers above: jobs, companies by their shape, care homes and landmarks."""
    return [
        ProfessionRecognizer(),
        OrganizationNameRecognizer(),
        CareHomeRecognizer(),
        LandmarkRecognizer(),
        CareSiteRecognizer(),
    ]


_FIRST_NAMES = frozenset(n.lower() for n in (*UsPerson.first_names_female, *UsPerson.first_names_male))
_LAST_NAMES = frozenset(n.lower() for n in UsPerson.last_names)
_LISTED_NAME_WORD = r"(?:[A-Z][a-z'’-]+|[A-Z][A-Z'’-]+)"


class DictionaryNameRecognizer(ClinicalPatternRecognizer):
    """Full names whose first and last words are both in the US name lists Faker ships offline ("Amber
    Gamble is a 78-year-old..."): spaCy's small model misses many names at the start of a sentence or in
    capitals. Both words must be listed, so "Brown sputum" or "May start" are never names here."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "first + last name", rf"\b{_LISTED_NAME_WORD}(?:[ \t]+[A-Z]\.?)?[ \t]+{_LISTED_NAME_WORD}\b", 0.7
        ),
    )
    CONTEXT = ("patient", "pt", "name", "called", "seen")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the first word is a listed first name and the last a listed last name."""
        words = pattern_text.split()
        return words[0].lower() in _FIRST_NAMES and words[-1].lower() in _LAST_NAMES


# --- names where a cue puts them: inverted names, kin, hand-offs, chat ------------------------------------

#: Listed names at least this frequent in English are words first ("Can", "An", "Will", "Long"): even
#: where a cue puts a name they are read as words.
_NAME_SLOT_MAX_ZIPF = 5.35
#: A listed name in lower case after a kinship word must be rarer than this ("his son will", "her son ray").
_LOWER_CASE_NAME_MAX_ZIPF = 4.5
#: Below this frequency a word no name list holds may still be a name where a cue puts one ("Eitan").
_UNLISTED_NAME_MAX_ZIPF = 3.0
# Words that follow kinship and chat cues, and that some locale Faker ships lists as a name.
_NOT_NAMES_IN_SLOT = frozenset(
    {"unknown", "lady", "man", "woman", "gentleman", "baby", "patient", "family", "pt", "mrs", "mr"}
)


def _fills_name_slot(word: str) -> bool:
    """Whether a word standing where a cue puts a name ("Crew: Major Young", "RN Star", "hey, king in
    412") may be one: a first or last name of any locale Faker ships, unless it is a clinical term or a
    very frequent word ("can", "will"); or any word that is not everyday English. Everyday words that are
    names ("Star", "Royal", "Blessing") are names only in such a slot, never on their own."""
    from safecohort.detect.general import lexicon
    from safecohort.detect.vocab import clinical_terms, is_everyday_word, zipf

    base = word.lower()
    if base in _NOT_NAMES_IN_SLOT or base in clinical_terms():
        return False
    if not is_everyday_word(word):  # unknown to everyday English, or a listed US name
        return True
    return lexicon().is_name(base) and zipf(base) < _NAME_SLOT_MAX_ZIPF


def _fills_weak_name_slot(word: str) -> bool:
    """:func:`_fills_name_slot` for a slot without a capital to tell it ("loop in koffi from CM"): a word
    no name list holds must also be rare in English ("Ortho", "Cardiology" are departments)."""
    from safecohort.detect.general import lexicon
    from safecohort.detect.vocab import zipf

    if not _fills_name_slot(word):
        return False
    return lexicon().is_name(word.lower()) or zipf(word.lower()) < _UNLISTED_NAME_MAX_ZIPF


_LETTERS = re.compile(rf"[{_LETTER}]{{2,}}")
_PARTICLES = frozenset(
    "van von der den de del della da das dos do di du la le an ter ten y bin ibn al el st ste mac mc".split()  # noqa: SIM905
)


def _name_words(found: str) -> list[str]:
    """The words of a name found, particles left out ("dos", "an" in "Mac an tSaoir")."""
    return [word for word in _LETTERS.findall(found) if word.lower() not in _PARTICLES]


# "Okafor, Marisol D.", "dos Santos, Oksana S.", "Mac an tSaoir, Dagny": surname(s), comma, given name(s).
_INVERTED_NAME = (
    rf"(?:{_LEADING_PARTICLE}[ ])?(?=[{_UPPER}]){_NAME_WORD}"
    rf"(?:[ -](?:{_PARTICLE}[ ]){{0,2}}{_SURNAME_WORD}){{0,2}}"
    rf",[ ]?(?!(?:{_CREDENTIAL}|{_DEGREE})\b){_NAME_WORD}(?:[ -]{_NAME_WORD})?"
)


# A cheap look at the shape first (words, a comma, a capital): most capitalised words fail here, before the
# costly look-ahead of every name word.
_INVERTED_SHAPE = rf"(?=[{_UPPER}dlv][{_LETTER}'’.-]*(?:[ -][{_LETTER}'’.-]+){{0,3}},[ ]?[{_UPPER}])"


class InvertedNameRecognizer(ClinicalPatternRecognizer):
    """Names written surname first with a middle initial, anywhere ("Read by Harris, Thuy V.", "Pt
    LaFleur, Deacon D.", "Attending Çelik, Sunny C., MD"), and "Surname, Given" alone on a line (a
    report's patient line, "MOORE, FATIMA"). A capitalised word, a comma, a capitalised word and an
    initial is a name's shape; one of the words must be able to be a name ("Clear, Equal B." is not)."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "surname, given initial.",
            rf"(?<![\w'’.-]){_INVERTED_SHAPE}{_INVERTED_NAME}[ ][{_UPPER}]\.(?![\w])",
            0.7,
        ),
        Pattern(
            "surname, given alone in a field",
            rf"(?:(?m:^)|\|)[ \t]*\K{_INVERTED_SHAPE}{_INVERTED_NAME}(?:[ ][{_UPPER}]\.?)?"
            r"(?=[ \t]*(?:(?m:$)|\||[ \t]{2}))",
            0.6,
        ),
    )
    CONTEXT = ("patient", "name", "pt", "read", "signed")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the given name may be one, or the surname is no everyday word: "Guest, Star T.",
        "Oduya, Honor Q." are names, "Clear, Equal B." is not (see :func:`_fills_name_slot`)."""
        from safecohort.detect.vocab import is_everyday_word

        surname, _, given = pattern_text.partition(",")
        given_words, surname_words = _name_words(given), _name_words(surname)
        if given_words and _fills_name_slot(given_words[0]):
            return True
        return any(not is_everyday_word(word) for word in surname_words)


class KinshipNameRecognizer(AnchoredRecognizer):
    """Relatives and friends named after the kinship word in any case or order: "lives with her grandson,
    Desmond, who", "WITH A FRIEND, GIOVANNI;", "authorized by goddaughter Moses, Alexa", "his stepson
    jimmy", "my patient, June Przybylski" (a name in lower case only when a name list holds it and it is
    not a frequent word)."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "kinship word",
            rf"\b(?:{_RELATION}(?i:-in-law)?|(?i:my|our)[ \t]+(?i:patient))(?:[ \t]*,[ \t]*|[ \t]+)"
            r"(?:(?i:dr|mr|mrs|ms|miss)\.?[ \t]+)?"
            rf"(?=[{_LETTER}])",
            0.6,
        ),
    )
    CONTEXT = ("daughter", "son", "wife", "husband", "friend", "family")
    AFTER = re.compile(
        rf"(?:{_INVERTED_NAME}(?![{_LETTER}])|{_NAME}|[a-zß-öø-ÿ][a-zß-öø-ÿ'’-]+)(?![{_LETTER}'’-])"
    )
    WINDOW = 60

    def keep(self, found: str) -> bool:
        """A name in Title case right after the kinship word is one ("her partner Honor"); one in capitals
        as :meth:`AnchoredRecognizer.keep` ("A FRIEND, PAPERWORK" is not); a lower-case word only when
        it is a listed name and not a frequent word ("his son is", "her friend will")."""
        if found[0].isupper():
            return not found.isupper() or super().keep(found)
        from safecohort.detect.general import lexicon
        from safecohort.detect.vocab import zipf

        return (
            lexicon().is_name(found)
            and zipf(found) < _LOWER_CASE_NAME_MAX_ZIPF
            and _fills_weak_name_slot(found)
        )


_HANDOFF_VERB = (
    r"(?i:handing|hands|handed|signing|signs|signed|giving|gives|gave)[ \t]+(?i:over|off|out)[ \t]+(?i:to)"
    r"|(?i:read|reads|repeated|repeats)[ \t]+(?i:back)"
)


class HandoffNameRecognizer(AnchoredRecognizer):
    """The speaker of a hand-off or a read-back, at the start of a clause: "-- Kalani handing over to
    Blessing d.", "Synthesis: Star read back", "Night RN. Tevita signing out to". The name after "handing
    over to" is :class:`LabelledNameRecognizer`'s."""

    ENTITY = "PERSON"
    PATTERNS = (Pattern("hand-off verb", rf"[ \t]+(?:{_HANDOFF_VERB})\b", 0.6),)
    CONTEXT = ("handoff", "report", "read")
    BEFORE = re.compile(rf"(?:(?<=[\n:;.>|–—-][ \t])|(?<=[\n>|–—-])|^){_NAME}$")
    WINDOW = 50


_NAMEISH = rf"[{_LETTER}][{_LETTER}'’-]*[{_LETTER}](?:[ ][{_UPPER}][{_LETTER}'’-]*[{_LETTER}])?"


class ChatNameRecognizer(ClinicalPatternRecognizer):
    """Names in chat and phone talk, in any case: "hey, mary in 412 says", "loop in Tendai from CM", "call
    Eitan at (351) 482-4103", "Royal Baker from church drives her". Each word must be able to be a name
    and, in lower case, be listed or rare (see :func:`_fills_weak_name_slot`)."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "greeting, name in room",
            rf"\b(?i:hey|hi|hello|fyi|btw)[ \t]*,?[ \t]+\K{_NAMEISH}"
            r"(?=[ \t]+in[ \t]+(?:(?i:rm|room|bed|bay)[ \t]*)?\d)",
            0.6,
        ),
        Pattern(
            "loop in",
            rf"\b(?i:loop(?:ed|ing)?[ \t]+in|ping(?:ed)?|cc(?:'d)?)[ \t]+\K{_NAMEISH}"
            r"(?=[ \t]+(?i:from|re|about|on|in)\b)",
            0.6,
        ),
        Pattern(
            "call name at number",
            rf"\b(?i:call|page|text|contact|reach)[ \t]+\K{_NAMEISH}"
            r"(?=[ \t]+(?i:at|on)[ \t]+(?:[(+]?\d|(?i:x|ext)\.?[ \t]*\d))",
            0.6,
        ),
        Pattern(
            "name from church",
            rf"(?<![\w'’.-])[{_UPPER}][{_LETTER}'’-]+(?:[ ][{_UPPER}][{_LETTER}'’-]+)?"
            r"(?=[ \t]+from[ \t]+(?:(?i:his|her|their|the|my)[ \t]+)?"
            r"(?i:church|synagogue|mosque|temple|parish|congregation|next[ \t]+door))",
            0.6,
        ),
    )
    CONTEXT = ("call", "page", "loop")

    def validate_result(self, pattern_text: str) -> bool:
        """True when a lone word may be a name where the cue puts one, and in a longer name when every
        word in lower case may be and one capitalised word may be ("Vusi Guest", not "Social Work")."""
        words = _name_words(pattern_text)
        if len(words) == 1:
            return _fills_weak_name_slot(words[0])
        lower_ok = all(_fills_weak_name_slot(word) for word in words if word.islower())
        return lower_ok and any(_fills_name_slot(word) for word in words)


_INFLECTED = re.compile(r"(?i:ing|ed|ly|tion)$")


class CapitalsLabelNameRecognizer(ClinicalPatternRecognizer):
    """A full name in capitals after a label in capitals without a colon ("PATIENT HYUN-JOO ACHTERBERG
    DOB ...", "DECEDENT CHARITY MAC AN TSAOIR"): two to four words, none of them an everyday word, so
    "PATIENT RESTING COMFORTABLY" is not a name."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "capitals label + capitals name",
            rf"(?<=\b(?:PATIENT|PT|DECEDENT|EMPLOYEE|CLIENT|RESIDENT|NAME)[ \t]+)(?:{_LEADING_PARTICLE}[ ])?"
            rf"{_CAPS_WORD}(?:,?[ ](?:{_PARTICLE}[ ]){{0,2}}{_CAPS_WORD}){{1,3}}(?![{_LETTER}])",
            0.6,
        ),
    )
    CONTEXT = ("patient", "name")

    def validate_result(self, pattern_text: str) -> bool:
        """True when every word may be a name, one is not a common English word, and no word is an
        unlisted inflected form ("AMBULATING", "SEDATED")."""
        from safecohort.detect.general import lexicon
        from safecohort.detect.vocab import is_common_word

        words = _name_words(pattern_text)
        if any(_INFLECTED.search(word) and not lexicon().is_name(word) for word in words):
            return False
        return all(map(_fills_name_slot, words)) and not all(map(is_common_word, words))


def _cued_name_recognizers() -> list[EntityRecognizer]:
    """The name recognizers above: shapes and cues that put a name where it stands."""
    return [
        InvertedNameRecognizer(),
        KinshipNameRecognizer(),
        HandoffNameRecognizer(),
        ChatNameRecognizer(),
        CapitalsLabelNameRecognizer(),
    ]


# --- presidio's own recognizers, and spaCy NER --------------------------------------------------------


class OfflineEmailRecognizer(EmailRecognizer):
    """presidio's e-mail recognizer, validating the domain with the suffix list bundled in tldextract.

    presidio calls ``tldextract.extract``, whose module-level extractor fetches the public suffix list
    from the network on first use and logs a connection error offline; this one never does.
    """

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """presidio's e-mail matches; a note without an "@" has none (its pattern is costly to run)."""
        if "@" not in text:
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> bool:
        """True when the address ends in a known public suffix."""
        return _public_suffixes()(pattern_text).fqdn != ""


_URL_END = r"[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"


class OfflineUrlRecognizer(ClinicalPatternRecognizer):
    """URLs: with a scheme, starting ``www.``, or a bare host name ("portal.example.org/x") whose last
    label is a public suffix in tldextract's bundled list (so "Dr.Smith" or "report.pdf" are not hosts).

    Written here rather than taken from presidio: presidio's pattern spells out every top-level domain and
    took a fifth of the analyzer's time; this one checks the suffix only for what it matched."""

    ENTITY = "URL"
    PATTERNS = (
        Pattern("url with scheme", rf"\b(?i:https?|ftp|sftp)://{_URL_END}", 0.6),
        Pattern("www url", rf"\b(?i:www)\.{_URL_END}", 0.6),
        Pattern(
            "host name",
            r"(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
            rf"(?:/(?:{_URL_END})?)?(?![\w@-])",
            0.5,
        ),
    )
    CONTEXT = ("url", "website", "web", "site", "link", "portal", "online")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the host ends in a known public suffix and has a name before it."""
        host = re.sub(r"^(?i:[a-z]+://)", "", pattern_text).split("/", 1)[0]
        parts = _public_suffixes()(host)
        return bool(parts.suffix and parts.domain)


def _public_suffixes() -> tldextract.TLDExtract:
    """tldextract over its bundled public suffix list: never the network (its default fetches the list)."""
    global _SUFFIXES
    if _SUFFIXES is None:
        _SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    return _SUFFIXES


_SUFFIXES: tldextract.TLDExtract | None = None


class UsPhoneRecognizer(PhoneRecognizer):
    """presidio's libphonenumber-based recognizer for US numbers, run only on notes with seven or more
    digits in a phone-like run (a US number has ten; libphonenumber's matcher is a slow full pass)."""

    _MAY_HOLD_PHONE = re.compile(r"\d(?:[ \t().+/-]{0,3}\d){6}")

    def __init__(self) -> None:
        # US numbers only: each extra region is a full phonenumbers pass over the note (8 regions took
        # half of the analyzer's time on the dev split); international numbers keep a "+" form below.
        super().__init__(supported_regions=("US",))

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """presidio's phone matches, or none without seven digits in a row (separators allowed)."""
        if not self._MAY_HOLD_PHONE.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts)  # type: ignore[arg-type]


def presidio_recognizers() -> list[EntityRecognizer]:
    """presidio's recognizers that find HIPAA identifiers in US notes (non-US ids, crypto wallets, MAC
    addresses and UUIDs are left out: in notes they only add false positives)."""
    return [
        OfflineEmailRecognizer(),
        OfflineUrlRecognizer(),
        IpRecognizer(),
        UsPhoneRecognizer(),
        DateRecognizer(),
        UsSsnRecognizer(),
        CreditCardRecognizer(),
        IbanRecognizer(),
        UsPassportRecognizer(),
        MedicalLicenseRecognizer(),
        UsBankRecognizer(),
        UsLicenseRecognizer(),
        UsItinRecognizer(),
    ]


def clinical_recognizers() -> list[EntityRecognizer]:
    """The clinical recognizers presidio lacks; new ones slot in here."""
    return [
        MedicalRecordNumberRecognizer(),
        IdNumberRecognizer(),
        AgeOver89Recognizer(),
        HospitalRecognizer(),
        ZipCodeRecognizer(),
        StreetAddressRecognizer(),
        ClinicalDateRecognizer(),
        ClinicalPhoneRecognizer(),
        TitledPersonRecognizer(),
        CredentialNameRecognizer(),
        LabelledNameRecognizer(),
        LabelledIdRecognizer(),
        UsernameRecognizer(),
        CityRecognizer(),
        *_place_recognizers(),
        RecordFormatRecognizer(),
        Hl7NameRecognizer(),
        EmployerRecognizer(),
        FacilityRecognizer(),
        *_org_and_profession_recognizers(),
        DictionaryNameRecognizer(),
        *_cued_name_recognizers(),
    ]


# spaCy tags these as DATE; none is an element of a date under Safe Harbor.
_AGE_PHRASE = re.compile(
    r"(?i)\b(?:years?|yrs?|y/?o|months?|weeks?|days?)[ \t-]*old\b|\byo\b|\bof age\b|\bage[sd]?\b"
)
_DURATION = re.compile(
    r"(?i)^(?:(?:the|a|an|past|last|next|previous|prior|first|several|few|couple|many|over|about|around|"
    r"approximately|almost|nearly|for|within|after|more|than|less|of|at|least)\s+)*"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few|couple|\d+(?:\.\d+)?)?"
    r"(?:\s*(?:-|to|or)\s*(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten))?\s*-?\s*"
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|months?|mos?|years?|yrs?|decades?)"
    r"(?:\s+(?:ago|prior|before|later|earlier|after|postop|post-op|old))?$"
)
_DATE_WORD = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|christmas|"
    r"thanksgiving|easter|halloween|new year)"
)


# A number spaCy tagged DATE, alone or after one word ("12000", "MA 02115", "age 45"): a date only when
# the number is a year or the word a month ("2019", "March 14").
_WORD_AND_NUMBER = re.compile(r"(?:([A-Za-z]+)\.?,?\s+)?(\d+)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_AGE_BEFORE = re.compile(r"(?i)\bage[sd]?\s*(?:of\s*)?[:=]?\s*$")
_AGE_AFTER = re.compile(r"(?i)^\s*-?\s*(?:y/?o\b|y\.o\.|yrs?\b|years?\b|year-old)")
_NOT_A_NAME_INSIDE = ("@", "://", "www.")


_LEADING_WORD = re.compile(r"([A-Za-z]+)\.?[ \t]+")


def _name_start(text: str, start: int, end: int) -> int:
    """Where a name NER found really starts: leading words that are common English and not listed names
    ("Daughter Katherine Cisneros", "Patient Jones") are not part of it; a span made only of such words
    ("Patient") ends up empty."""
    from safecohort.detect.vocab import is_common_word

    while start < end:
        word = _LEADING_WORD.match(text, start, end)
        if word is None:
            last = text[start:end].strip(" \t.,")
            return end if last.isalpha() and is_common_word(last) else start
        if not (is_common_word(word[1]) or _ROLE_BEFORE_NAME.fullmatch(word[1])):
            return start
        start = word.end()
    return start


# Role words that open a name NER found ("Prosector Tracy Stokes", "ORDERING Rebecca Gomez", "PCP Blessing").
_ROLE_BEFORE_NAME = re.compile(rf"{_NOT_A_NAME}|(?i:pcp)")
# Fields of a form stand apart by two spaces or more: a name NER runs into the next label ("Grace
# Anderson   DOB", "AOIFE   Job title") ends where the gap starts.
_FIELD_GAP = re.compile(r"[ \t]{2,}|\t|\n")


def _name_end(text: str, start: int, end: int) -> int:
    """Where a name NER found really ends: before the first gap between form fields inside it, before a
    credential that closes it ("Abebe White RN"), and before lower-case words after it ("James at")."""
    gap = _FIELD_GAP.search(text, start, end)
    end = end if gap is None else gap.start()
    credential = _CREDENTIAL_AT_END.search(text, start, end)
    end = end if credential is None else credential.start()
    lower = _LOWER_CASE_AT_END.search(text, start, end)  # "Dr. James at Diaz Primary Care"
    return end if lower is None or not text[start:end][:1].isupper() else lower.start()


_CREDENTIAL_AT_END = re.compile(rf"(?:[ \t]*,?[ \t]+(?:{_CREDENTIAL}|{_DEGREE}))+$")
_LOWER_CASE_AT_END = re.compile(r"(?:[ \t]+[a-z]+)+$")


def _may_name_someone(span: str) -> bool:
    """Whether a name or place NER found holds a word that may be one: listed as a name or place in any
    locale Faker ships, or unknown to English word lists. spaCy's small model tags capitalised clinical
    words ("Pleura", "Afebrile", "Sudafed") as people and places; those are English words no list names."""
    from safecohort.detect.general import lexicon
    from safecohort.detect.vocab import zipf

    names = lexicon()
    for word in re.findall(r"[^\W\d_]+", span):
        base = word.lower()
        if base in names.first_names or base in names.last_names or base in names.cities:
            return True
        if base in names.countries or zipf(base) < 1.0:
            return True
    return False


def _is_known_place(text: str, result: RecognizerResult) -> bool:
    """Whether a place NER found is one the GeoNames gazetteer confirms ("Miami", "Den Haag"; see
    :func:`safecohort.detect.places.is_known_place`), and not a company named after it ("carrier The
    Hartford"): a capitalised "The" before a city that does not take one names something else."""
    from safecohort.detect.places import is_known_place

    span = text[result.start : result.end].strip()
    if text[max(0, result.start - 4) : result.start] == "The " and not is_known_place(f"The {span}"):
        return False
    return is_known_place(span)


class ClinicalSpacyRecognizer(SpacyRecognizer):
    """presidio's spaCy recognizer, minus what the model tags but is not an identifier.

    Drops DATE entities that are ages ("45 years old", "age 45": ages under 90 are not PHI, older ones
    are AGE_OVER_89), durations ("3 days", "the past two weeks"), relative days ("yesterday") and bare
    numbers that are not years ("12000", "MA 02115": lab values and ZIP codes have their own
    recognizers). Drops names and places with no letter, with an e-mail address or URL inside (their
    own recognizers report them), and two-capital "places" ("MR", "TR", "MA": valve findings or a state,
    which Safe Harbor does not require removing).
    """

    def __init__(self, supported_entities: Iterable[str], **kwargs: Any) -> None:
        super().__init__(
            supported_language=LANGUAGE,
            supported_entities=list(supported_entities),
            name=type(self).__name__,
            **kwargs,
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """spaCy's entities for this note, filtered as the class docstring says."""
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts):
            if result.entity_type == "PERSON":
                result.start = _name_start(text, result.start, result.end)
                result.end = _name_end(text, result.start, result.end)
            if result.start < result.end and self._is_identifier(result, text):
                kept.append(result)
        return kept

    @staticmethod
    def _is_identifier(result: RecognizerResult, text: str) -> bool:
        span = text[result.start : result.end].strip()
        if result.entity_type in ("PERSON", "LOCATION"):
            if any(marker in span for marker in _NOT_A_NAME_INSIDE) or not any(ch.isalpha() for ch in span):
                return False
            place = result.entity_type == "LOCATION" and _is_known_place(text, result)
            if not (place or _may_name_someone(span)):
                return False
            return not (result.entity_type == "LOCATION" and len(span) == 2 and span.isupper())
        if result.entity_type == "DATE_TIME":
            number = _WORD_AND_NUMBER.fullmatch(span)
            if number and not (_YEAR.fullmatch(number[2]) or (number[1] and _DATE_WORD.match(number[1]))):
                return False
            if _AGE_BEFORE.search(text[max(0, result.start - 12) : result.start]) or _AGE_AFTER.match(
                text[result.end : result.end + 12]
            ):
                return False
            return not (
                _AGE_PHRASE.search(span)
                or _DURATION.match(span)
                or not (any(ch.isdigit() for ch in span) or _DATE_WORD.search(span))
            )
        return True


__all__ = [
    "ENTITY_ALIASES",
    "SPACY_IGNORED_LABELS",
    "SPACY_LABELS",
    "AddressCityRecognizer",
    "AgeOver89Recognizer",
    "AnchoredRecognizer",
    "CareHomeRecognizer",
    "CareSiteRecognizer",
    "CityRecognizer",
    "CityStateRecognizer",
    "ClinicalDateRecognizer",
    "ClinicalPatternRecognizer",
    "ClinicalPhoneRecognizer",
    "ClinicalSpacyRecognizer",
    "CredentialNameRecognizer",
    "EmployerRecognizer",
    "FacilityRecognizer",
    "Hl7NameRecognizer",
    "HospitalRecognizer",
    "IdNumberRecognizer",
    "LabelledIdRecognizer",
    "LabelledNameRecognizer",
    "LandmarkRecognizer",
    "ListedPlaceRecognizer",
    "MedicalRecordNumberRecognizer",
    "OfflineEmailRecognizer",
    "OfflineUrlRecognizer",
    "OrganizationNameRecognizer",
    "PlaceCueRecognizer",
    "PlaceReadingRecognizer",
    "ProfessionRecognizer",
    "RecordFormatRecognizer",
    "StreetAddressRecognizer",
    "TitledPersonRecognizer",
    "UsPhoneRecognizer",
    "UsernameRecognizer",
    "ZipCodeRecognizer",
    "clinical_recognizers",
    "presidio_recognizers",
]
