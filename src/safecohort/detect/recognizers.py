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
    """Medical record, account and accession numbers: 6-10 digits after a label, or near one."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    PATTERNS = (
        Pattern(
            "labelled record number",
            rf"(?<=\b{_MRN_LABEL}[ \t]*(?:is|:|\#|=)?[ \t]*[:\#]?[ \t]*)"
            r"(?:\d{6,10}|\d{2,4}(?:-\d{2,4}){1,3})\b",
            0.9,
        ),
        Pattern("bare 6-10 digit number", r"(?<![\w.,/-])\d{6,10}(?![\w/]|[.,]\d)", 0.05),
    )
    CONTEXT = ("mrn", "medical record", "record", "acct", "account", "accession", "chart")


class IdNumberRecognizer(ClinicalPatternRecognizer):
    """A bare run of 8-19 digits: in a note, nearly always an account, card, record or phone number."""

    ENTITY = "ID_NUMBER"
    PATTERNS = (Pattern("long digit run", r"(?<![\w.,/-])\d{8,19}(?![\w/]|[.,]\d)", 0.4),)
    CONTEXT = ("id", "number", "card", "account", "policy", "member", "license", "certificate", "serial")


# --- ages over 89 (HIPAA: ages over 89 are aggregated into "90 or older") --------------------------

_AGE_90_125 = r"(?:9\d|1[01]\d|12[0-5])"


class AgeOver89Recognizer(ClinicalPatternRecognizer):
    """Ages 90-125 as the number alone ("94 yo", "94-year-old", "aged 94", "age: 94"); younger ages are
    not identifiers and are never reported."""

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
    "Hospice House",
    "Medical Supply",
    "Occupational Health",
    "Inc.",
    "Inc",
    "LLC",
)
# Capitalised words that open a sentence or a header rather than a name ("Brief Hospital Course").
_HOSPITAL_NOT_NAME = (
    r"(?i:the|a|an|this|that|our|your|his|her|their|brief|outside|other|same|local|previous|prior|"
    r"at|in|to|from|admitted|transferred|discharged|seen|presented|called|via|and|or)"
)
_CAPITALISED = r"[A-Z][A-Za-z'’&./-]*"


class HospitalRecognizer(ClinicalPatternRecognizer):
    """Capitalised names ending in Hospital, Medical Center, Clinic, Infirmary, ... ("St. Elsewhere
    Medical Center", "Brookline General Hospital", "Children's Hospital of Philadelphia")."""

    ENTITY = "HOSPITAL"
    PATTERNS = (
        Pattern(
            "name + hospital suffix",
            rf"\b(?!{_HOSPITAL_NOT_NAME}\b){_CAPITALISED}"
            rf"(?:[ ](?:(?i:of|the|and|for)[ ]|&[ ])*{_CAPITALISED}){{0,5}}?"
            rf"[ ]{_HOSPITAL_SUFFIX}\b"
            rf"(?:[ \t]+(?i:of|at)(?:[ \t]+(?i:the))?(?:[ \t]+[A-Z][A-Za-z'’.-]*){{1,3}})?"
            r"(?![ \t]+(?i:course|stay|day|visit|note|records?|follow))",
            0.7,
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
    r"(?i:rehab|manor|associates|group|practice|pharmacy|drugs?)(?:[ \t]+(?i:of|at)\b.*)?$"
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
_STATE = "(?:" + "|".join(_US_STATES) + r"|Mass\.?|Calif\.?|Penn\.?)"
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


class ClinicalDateRecognizer(ClinicalPatternRecognizer):
    """Date forms frequent in notes: "3/14", "7/22-7/23", "14-Mar-2021", "March 14th", "14th of March"."""

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


# --- phone, pager and fax numbers ---------------------------------------------------------------------


class ClinicalPhoneRecognizer(ClinicalPatternRecognizer):
    """US phone numbers with extensions ("617-555-0100 ext. 12") and pager, fax or extension numbers
    after their label ("pager 4-1234", "x 5-5555", "fax: 617 555 0101")."""

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
            r"(?<![\w.-])(?:\(\d{2,4}\)[ \t]?|\d{2,4}[ \t.-])\d{2,4}(?:[ \t.-]\d{2,4}){0,2}(?![\w-])",
            0.1,
        ),
        Pattern("local 7 digits", r"(?<![\w.-])\d{3}-\d{4}(?![\w-])", 0.3),
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
    r"primary|night|float|circulating|scrub|recovery|bedside|staff|agency|travel|covering)"
)
_NAME_WORD = rf"(?!{_NOT_A_NAME}\b)[A-Z][A-Za-z'’-]*[A-Za-z]"
# Particles inside surnames: "Van der Berg", "St. Pierre", "de la Cruz".
_PARTICLE = r"(?:van|von|der|den|de|del|della|da|di|du|la|le|St\.|Ste\.)"
_NAME = (
    rf"(?:[A-Z]\.[ \t]*)?{_NAME_WORD}(?:[ \t]+[A-Z]\.)?"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_NAME_WORD}){{0,2}}"
)
_CAPS_WORD = rf"(?!{_NOT_A_NAME}\b)[A-Z][A-Z'’-]*[A-Z]"
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Doctor|Professor)"
_CREDENTIAL = r"(?:RN|MD|M\.D\.|NP|DO|PA-C|LPN|CNA|MSW|LICSW|PharmD|PhD|CRNA|APRN|FNP|FNP-BC|DNP)"
_RELATION = (
    r"(?i:daughter|son|wife|husband|mother|mom|father|dad|sister|brother|niece|nephew|grandson|"
    r"granddaughter|grandmother|grandfather|friend|partner|spouse|caregiver|guardian|neighbor|aunt|"
    r"uncle|cousin|hcp|poa|proxy|fiance|fiancee|dtr|stepson|stepdaughter|nurse|aide|cna|caseworker|"
    r"ex-wife|ex-husband|goddaughter|godson|godmother|godfather|stepmother|stepfather|roommate|landlord|"
    r"coworker|co-worker|boss|pastor|sitter)"
)


class TitledPersonRecognizer(ClinicalPatternRecognizer):
    """Names after a title ("Dr. Hope", "Mr. Brown", "MR BROWN") or a relation ("daughter Mary called",
    "pt Jane Doe"). The title stays in the note; only the name is reported. A capitalised word alone is
    never a name here: "BROWN SPUTUM" is not a person, "MR. BROWN" is."""

    ENTITY = "PERSON"
    PATTERNS = (
        # "Dr. Hope", "Mr Brown", "dr. Smith", "MR. BROWN": a Title-case title, or any title with a dot.
        Pattern(
            "title + name",
            rf"(?<=\b(?:{_TITLE}\.?|(?i:dr|mr|mrs|ms|mx|prof)\.)[ \t]*){_NAME}",
            0.85,
        ),
        # "MR BROWN": a capitals title without a dot only before a capitals name ("MS Contin" is a drug).
        Pattern(
            "capitals title + capitals name",
            rf"(?<=\b(?:DR|MR|MRS|MS|MX|PROF|DOCTOR)[ \t]+){_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}}\b",
            0.85,
        ),
        Pattern("relation + name", rf"(?<=\b{_RELATION}(?i:-in-law)?[ \t]+){_NAME}", 0.6),
        # "pt Jane Doe": first and last name, so "Pt Denies" or "PT EVAL" (physical therapy) are not names.
        Pattern(
            "patient + full name",
            rf"(?<=\b(?i:pt|patient)\.?[ \t]+)(?!{_NOT_A_NAME}\b)[A-Z][a-z'’-]+(?:[ \t]+[A-Z]\.)?"
            rf"[ \t]+(?!{_NOT_A_NAME}\b)[A-Z][a-z'’-]+",
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
            if span is not None and span[0] < span[1] and self.keep(text[span[0] : span[1]]):
                anchor.start, anchor.end = span
                results.append(anchor)
        return results

    def keep(self, found: str) -> bool:
        """Whether the text read next to an anchor is a finding; names must hold a word that may be one
        ("RE: DC PLANS" is not a name)."""
        if self.ENTITY != "PERSON":
            return True
        from safecohort.detect.vocab import is_everyday_word

        return not all(is_everyday_word(word) for word in re.findall(r"[A-Za-z]+", found))

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


class CredentialNameRecognizer(AnchoredRecognizer):
    """Names before a clinical credential: "Jane Smith, RN", "JOHN KOWALCZYK RN", "A. Patel MD"."""

    ENTITY = "PERSON"
    PATTERNS = (Pattern("credential", rf"(?<=[A-Za-z.])[ \t]*,?[ \t]+{_CREDENTIAL}\b", 0.6),)
    CONTEXT = ("rn", "md", "np", "signed", "nurse", "provider")
    BEFORE = re.compile(
        rf"(?:{_NAME_WORD},[ ]?{_NAME_WORD}|{_NAME}|{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}})$"
    )


# Names in a labelled field: one space between words (fields are separated by more, or by punctuation).
_FIELD_NAME = re.compile(
    rf"(?:{_NAME_WORD}(?:[ -]{_NAME_WORD})?,[ ]?{_NAME_WORD}(?:[ ][A-Z]\.?)?(?![A-Za-z])"  # Smith, Jane
    rf"|(?:[A-Z]\.[ ]?)?{_NAME_WORD}(?:[ ][A-Z]\.)?(?:[ ](?:{_PARTICLE}[ ]){{0,2}}{_NAME_WORD}){{0,2}})"
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
    r"co-signed|transcribed|read|interpreted)(?:[ \t]+by)?"
)
# Without a colon only role words and reporting verbs introduce a name ("PCP West, Dennis", "d/w Dr X").
_PERSON_CUE = (
    r"pcp|cm|rn|np|attending|radiologist|results[ \t]+called[ \t]+to|called[ \t]+to|discussed[ \t]+with|d/w|"
    r"spoke[ \t]+with|seen[ \t]+by|paged|signed|sitter|crew|handing[ \t]+over[ \t]+to|"
    r"handed[ \t]+over[ \t]+to|relieved[ \t]+by"
)


class LabelledNameRecognizer(AnchoredRecognizer):
    """Names in labelled fields and after role words: "Patient: Smith, Jane", "Ordering: J. Patel",
    "Sonographer: Bao", "PCP West, Dennis", "Results called to D. Gonzalez-Rivera", "-- Thuy Church"."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "labelled field",
            rf"(?<![A-Za-z])(?i:{_PERSON_FIELD})[ \t]*:[ \t]*(?:(?i:dr|mr|mrs|ms)\.?[ \t]*)?",
            0.7,
        ),
        Pattern(
            "role word",
            rf"(?<![A-Za-z/])(?i:{_PERSON_CUE})[ \t]+(?:(?i:dr|mr|mrs|ms)\.?[ \t]*)?(?=[A-Z])",
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


_ID_TOKEN = r"(?=(?:[A-Za-z-]*\d){4})[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ID_FIELD = (
    r"accession|acc|case|specimen\(s\)|specimens?|clia|member|subscriber|group|policy|claim(?:/reference)?|"
    r"reference|ref|insurance(?:[ \t]+verified)?|dea|npi|licen[cs]e|lic|serial|s/n|device|implant|lot|"
    r"hospital|unit|order|requisition|encounter|visit|episode|health[ \t]+plan|plan|certificate|badge"
)


class LabelledIdRecognizer(AnchoredRecognizer):
    """Identifiers after their label: "Accession #: S16-86523", "Specimen(s): BM24-19662, FC24-84929",
    "Member ID: W879203689", "Insurance verified: BCBS PPO 1DA1-BO5-HH32", "DEA FC8067423". Any run of
    letters, digits and hyphens with at least four digits counts; a payer's name may stand between."""

    ENTITY = "ID_NUMBER"
    PATTERNS = (
        Pattern(
            "id label",
            rf"(?<![A-Za-z])(?i:{_ID_FIELD})(?![A-Za-z])"
            r"(?:[ \t]*(?i:number|num|no\.?|id|\#|code))*[ \t]*[:\#]?",
            0.6,
        ),
    )
    CONTEXT = ("id", "number", "accession", "member", "insurance", "policy")
    AFTER = re.compile(
        rf"[ \t]*(?:[A-Za-z][A-Za-z&/.-]*[ \t]+){{0,3}}?\#?[ \t]*"
        rf"(?P<phi>{_ID_TOKEN}(?:[ \t]*,[ \t]*{_ID_TOKEN})*)\b"
    )
    WINDOW = 70


class UsernameRecognizer(AnchoredRecognizer):
    """User names after their label ("Entered by: mchurch", "Typed by: alarson")."""

    ENTITY = "USERNAME"
    PATTERNS = (
        Pattern(
            "user label",
            r"(?<![A-Za-z])(?i:entered|typed|documented|transcribed|logged|edited|modified|created|exported|"
            r"signed|printed|reviewed)[ \t]+(?i:by)[ \t]*:?[ \t]*"
            r"|(?<![A-Za-z])(?i:user(?:[ \t]*name|[ \t]*id)?|login)[ \t]*:[ \t]*"
            # a chat line's speaker: "[7:16] jdoe1:"
            r"|(?m:^)[ \t]*\[[0-9.:/ -]{3,20}\][ \t]*(?=[A-Za-z][A-Za-z0-9._-]{2,30}:)",
            0.7,
        ),
    )
    CONTEXT = ("user", "login", "entered", "typed")
    # A user name: lower case (jdoe, eitan.walker, e867769), or capitals with digits (MOSSD02).
    AFTER = re.compile(r"(?:[a-z][a-z0-9._-]{2,30}|[A-Z]{2,12}\d{1,4})(?![\w@])")
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
    """Names written the HL7 way, family^given^middle ("HAYES^EITAN^S")."""

    ENTITY = "PERSON"
    PATTERNS = (Pattern("hl7 name", r"\b[A-Z][A-Za-z'’-]+\^[A-Z][A-Za-z'’-]+(?:\^[A-Z][A-Za-z.]*)?\b", 0.7),)
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
            r"(?:[ \t]+[a-z]+){0,2}[ \t]+(?i:at|for|by|from)[ \t]+(?:the[ \t]+)?(?=[A-Z])",
            0.6,
        ),
    )
    CONTEXT = ("works", "employer", "job")
    AFTER = re.compile(
        r"[A-Z][A-Za-z'’&.-]*[A-Za-z]"
        r"(?:(?:,[ ]|[ ](?:and|&|of|the)[ ]|[ ]|-)[A-Z][A-Za-z'’&.-]*[A-Za-z]){0,4}"
    )
    WINDOW = 60

    def keep(self, found: str) -> bool:
        """Not a single everyday word ("works at Home", "for Surgery")."""
        from safecohort.detect.vocab import is_everyday_word

        words = re.findall(r"[A-Za-z]+", found)
        return not (len(words) == 1 and is_everyday_word(words[0]))


class CityRecognizer(AnchoredRecognizer):
    """The city in an address line before a state and ZIP code ("Worcester, MA 02170")."""

    ENTITY = "LOCATION"
    PATTERNS = (Pattern("state and zip", rf",[ \t]*{_STATE}[ \t]+\d{{5}}(?:-\d{{4}})?\b", 0.7),)
    CONTEXT = ("city", "address", "lives")
    BEFORE = re.compile(r"[A-Z][A-Za-z.'’-]*[A-Za-z](?:[ ][A-Z][A-Za-z.'’-]*[A-Za-z]){0,2}$")
    WINDOW = 40


class PlaceCueRecognizer(AnchoredRecognizer):
    """Where someone lives, comes from or travels: "lives with her husband in Dayton", "moved to Normal",
    "recent travel to Cape Verde" (any capitalised words after the cue; cities that are everyday words
    too, such as "Normal" or "Independence", are found only this way)."""

    ENTITY = "LOCATION"
    PATTERNS = (
        Pattern(
            "place cue",
            r"\b(?i:lives|living|resides|residing|moved|relocated|grew[ \t]+up|born|travel(?:l?ed|l?ing)?|"
            r"trip|vacation(?:ed|ing)?|visiting|emigrated|immigrated)\b"
            r"(?:[ \t]+(?!(?i:in|to|at|near|from)\b)[a-z][a-z'-]*){0,4}"
            r"[ \t]+(?i:in|to|near|from)[ \t]+(?=[A-Z])",
            0.6,
        ),
    )
    CONTEXT = ("lives", "moved", "travel", "from")
    AFTER = re.compile(
        r"(?!(?:the|The|a|A)\b)[A-Z][A-Za-z'’.-]*[A-Za-z](?:[ ][A-Z][A-Za-z'’.-]*[A-Za-z]){0,2}"
    )
    WINDOW = 40


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
        PlaceCueRecognizer(),
        RecordFormatRecognizer(),
        Hl7NameRecognizer(),
        EmployerRecognizer(),
        FacilityRecognizer(),
        DictionaryNameRecognizer(),
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
        if not is_common_word(word[1]):
            return start
        start = word.end()
    return start


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
            if result.start < result.end and self._is_identifier(result, text):
                kept.append(result)
        return kept

    @staticmethod
    def _is_identifier(result: RecognizerResult, text: str) -> bool:
        span = text[result.start : result.end].strip()
        if result.entity_type in ("PERSON", "LOCATION"):
            if any(marker in span for marker in _NOT_A_NAME_INSIDE) or not any(ch.isalpha() for ch in span):
                return False
            if not _may_name_someone(span):
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
    "AgeOver89Recognizer",
    "AnchoredRecognizer",
    "CityRecognizer",
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
    "MedicalRecordNumberRecognizer",
    "OfflineEmailRecognizer",
    "OfflineUrlRecognizer",
    "PlaceCueRecognizer",
    "RecordFormatRecognizer",
    "StreetAddressRecognizer",
    "TitledPersonRecognizer",
    "UsPhoneRecognizer",
    "UsernameRecognizer",
    "ZipCodeRecognizer",
    "clinical_recognizers",
    "presidio_recognizers",
]
