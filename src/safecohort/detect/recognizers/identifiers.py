"""Identifier recognizers: medical record and other id numbers, labelled ids, user names, record formats,
ages over 89, phone numbers, e-mail addresses and URLs (offline), and :func:`presidio_recognizers`, the
presidio recognizers that run."""

from __future__ import annotations

import re

import tldextract
from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    DateRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MedicalLicenseRecognizer,
    PhoneRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

from safecohort.detect.recognizers.base import _CREDENTIAL, AnchoredRecognizer, ClinicalPatternRecognizer
from safecohort.detect.recognizers.dates import _D, _M, _RUN_TOGETHER_DATE

# --- medical record and account numbers -------------------------------------------------------------

_MRN_LABEL = (
    r"(?i:mrn|mr\s?\#|med(?:ical)?\.?[ \t]*rec(?:ord)?s?\.?(?:[ \t]*(?:number|num|no\.?|\#))?"
    r"|acct|account(?:[ \t]*(?:number|num|no\.?|\#))?|accession(?:[ \t]*(?:number|num|no\.?|\#))?"
    r"|unit[ \t]*(?:number|no\.?)|hospital[ \t]*(?:number|no\.?)|patient[ \t]*id|pt[ \t]*id)"
)


class MedicalRecordNumberRecognizer(ClinicalPatternRecognizer):
    """Medical record, account and accession numbers: 6-10 digits (or three spaced groups, "841 999 925")
    after a label, or near one, and three digit groups in a header field ("| 40-909-763 |")."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    PATTERNS = (
        Pattern(
            "labelled record number",
            rf"(?<=\b{_MRN_LABEL}[ \t]*(?:is|:|\#|=)?[ \t]*[:\#]?[ \t]*)"
            # a check digit after a hyphen belongs to the number ("MRN 3286602-1")
            # ... or written in spaced groups of three ("MRN: 841 999 925")
            r"(?:\d{6,10}(?:-\d{1,2}\b)?|\d{2,4}(?:-\d{2,4}){1,3}|\d{3}(?:[ ]\d{3}){2}(?![ ]?\d))\b",
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
        # ("rs113488022"), a range with a suffix ("100-130S"), a quantity with its unit ("10000units") or an
        # obstetric history ("G3P1011": gravida 3, para 1-0-1-1).
        Pattern(
            "letters and five digits",
            r"(?<![\w.,/-])(?!(?i:x|rs)\d+\b)(?!\d+-\d+[A-Za-z]?\b)(?!\d+[A-Za-z]+\b)(?!G\d{1,2}P\d{1,4}\b)"
            r"(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){5})"
            r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?![\w/]|[.,]\d)",
            0.4,
        ),
    )
    CONTEXT = ("id", "number", "card", "account", "policy", "member", "license", "certificate", "serial")


# --- ages over 89 (HIPAA: ages over 89 are aggregated into "90 or older") --------------------------

_AGE_90_125 = r"(?:9\d|1[01]\d|12[0-5])"


class AgeOver89Recognizer(ClinicalPatternRecognizer):
    """Ages 90-125 as the number alone ("94 yo", "94-year-old", "aged 94", "age: 94", "turned 94",
    "PAUL OBI (104M)", "Khoury, Mike Z. (93)"); younger ages are not identifiers and are never reported."""

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
            rf"(?<=\b(?i:aged?(?:[ \t]*/[ \t]*(?:sex|gender))?|age[ \t]+of)[ \t]*[:=]?[ \t]*){_AGE_90_125}\b"
            r"(?![ \t]*(?i:days?|weeks?|months?|%))",
            0.85,
        ),
        Pattern(
            "decade of life",
            r"(?<=\b(?i:in[ \t]+(?:his|her|their)(?:[ \t]+(?:early|mid|late))?)[ \t]+)(?:90|100)'?s\b",
            0.7,
        ),
        # "Pt turned 98 this admission", "she turns 100 in May": not a turn in degrees.
        Pattern(
            "age after 'turned'",
            rf"(?=[19]\d)(?<=\b(?i:turned|turns|turning|will[ \t]+turn)[ \t]+){_AGE_90_125}\b"
            r"(?![.,]\d|[ \t]*(?:°|%|(?i:deg|degrees?|days?|weeks?|months?|min|minutes?|x|times)\b))",
            0.7,
        ),
        Pattern("nonagenarian", r"\b(?i:nonagenarian|centenarian)\b", 0.7),
        Pattern(
            "age at death",
            rf"(?<=\b(?i:died|passed[ \t]+away|deceased|death)[ \t]+(?i:at|aged?)[ \t]+(?:(?i:age)[ \t]+)?)"
            rf"{_AGE_90_125}\b",
            0.85,
        ),
        Pattern("age + y", rf"(?<![\w.]){_AGE_90_125}(?=[ \t]?(?i:y|yrs?)\b(?![.']\w))", 0.6),
        # "Pt is 95, lives alone", "she is 101 and independent": not "is 95%" or "is 92.5".
        Pattern(
            "age after 'is'",
            rf"(?<=\b(?i:pt|patient|she|he)[ \t]+(?i:is|was)[ \t]+){_AGE_90_125}"
            r"(?=[ \t]*[,;](?!\d)|[ \t]+(?i:and|with|but)\b)",
            0.7,
        ),
        # The age after a date of birth in a header ("DOB 02.01.1931  93F", "DOB May 3 1929 (94)").
        Pattern(
            "age after the date of birth",
            r"(?<=\b(?i:dob|d\.o\.b\.?|born)[ \t]*:?[ \t]*[^\n|;]{4,20}?(?:19|20)\d\d[ \t,]+\(?)"
            rf"{_AGE_90_125}(?=[ \t]?(?:[MF]|(?i:y/?o|yo|yrs?|years?))?\b(?![.,]\d|[ \t]*(?i:kg|lbs?|%)))",
            0.7,
        ),
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


# --- phone, pager and fax numbers ---------------------------------------------------------------------


class ClinicalPhoneRecognizer(ClinicalPatternRecognizer):
    """US phone numbers with extensions ("617-555-0100 ext. 12") and pager, fax or extension numbers
    after their label ("pager 4-1234", "x 5-5555", "fax: 617 555 0101") or where someone was called
    ("called to PA Osborne at 70472"), and a short extension after a number ("555-0100 opt 2, ext 580")."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        Pattern(
            "us phone with extension",
            # the area code in parentheses or brackets ("[223] 385-0712"), the extension in brackets too
            r"(?<![\w.-])(?:\+?1[ \t.-]?)?(?:\(\d{3}\)[ \t]?|\[\d{3}\][ \t]?|\d{3}[ \t.-])"
            r"\d{3}[ \t.-]\d{4}"
            r"(?:[ \t]*,?[ \t]*(?i:ext\.?|x\.?|extension)[ \t]*:?[ \t]*\d{1,6}"
            r"|[ \t]*\[(?i:ext\.?|x)[ \t]?\d{1,6}\])?(?![\w-])",
            0.7,
        ),
        Pattern(
            "labelled pager, fax or extension",
            r"(?<=\b(?i:pager|pgr|beeper|bpr|fax|ext\.?|extension|x|spectralink|vocera|ascom|cisco)"
            r"[ \t]*[\#:.]?[ \t]*)"
            r"(?=[\d-]*\d{3})\d[\d-]{2,12}\d(?![\w-])",
            0.6,
        ),
        # A three-digit extension right after a phone number ("854 832-3180 opt 2, ext 580").
        Pattern(
            "short extension after a phone number",
            r"(?<=[ \t#:.])(?=\d{3}\b)"
            r"(?<=\d{3}[-. ]?\d{4}\)?(?:[ \t]*,?[ \t]*(?i:opt(?:ion)?|press)[ \t]*\d)?[^\n\d]{0,12}"
            r"\b(?i:ext\.?|extension)[ \t]*[\#:.]?[ \t]*)\d{3}(?![\w/.-])",
            0.6,
        ),
        Pattern(
            "international",
            r"(?<![\w+])\+\d{1,3}[ \t.-]?(?:\(\d{1,4}\)[ \t.-]?)?\d{1,4}(?:[ \t.-]\d{1,4}){0,3}[ \t.-]\d{1,6}"
            r"(?![\w-])",
            0.6,
        ),
        # A UK number written nationally: 0 and ten digits, grouped 5+6 ("01632 960123", "07700 900123"),
        # 4+3+4 ("0161 496 0000") or 3+4+4 ("020 7946 0000").
        Pattern(
            "uk national number",
            r"(?<![\w.+/-])0(?:\d{4}[ \t]?\d{6}|\d{3}[ \t]?\d{3}[ \t]?\d{4}|\d{2}[ \t]?\d{4}[ \t]?\d{4})"
            r"(?![\w/-]|[.,]\d)",
            0.6,
        ),
        # An extension dialled after a phone number ("555-0100, then 6188 at the prompt", "... then dial
        # 22"): not a time ("then 1430 hrs").
        Pattern(
            "extension dialled after a phone number",
            r"\b(?i:then|and[ \t]+then)(?<=\d{3}[-. ]?\d{4}\)?[ \t]*[,;]?[ \t]*(?i:then|and[ \t]+then))"
            r"(?:[ \t]+(?i:dial|enter|press))?[ \t]+\K"
            r"(?:(?i:x|ext\.?)[ \t]?)?\d{2,6}(?![\w/.:-]|[ \t]*(?i:am|pm|hrs?|h)\b)",
            0.6,
        ),
        Pattern(
            "digit groups",
            # ... but not a range of 24-hour times ("1114-1344"), nor a date's year and the time after it
            # ("4/29/2022 1731", "9/2/2023 16:17")
            r"(?<![\w./-])(?!(?:[01]\d|2[0-3])[0-5]\d-(?:[01]\d|2[0-3])[0-5]\d(?![\w-])|(?:19|20)\d\d\.\d\d\.\d\d\b)"
            r"(?:\(\d{2,4}\)[ \t]?|\d{2,4}[ \t.-])\d{2,4}(?:[ \t.-]\d{2,4}){0,2}(?![\w:-])",
            0.1,
        ),
        Pattern("local 7 digits", r"(?<![\w.-])\d{3}-\d{4}(?![\w-])", 0.3),
        # An extension or pager number where someone was called ("called to PA Osborne at 70472",
        # "paged Dr X at 5-3592", "at x87920"); four digits alone are a time ("at 1430").
        Pattern(
            "extension someone was called at",
            r"(?<=[ \t](?i:at)[ \t]+)(?<![\w.-])(?:x[ \t]?\d{4,5}|\d-\d{4}|\d{5})"
            r"(?![\w:.-]|[ \t]*(?i:hrs?|h|am|pm)\b)(?<=\b(?i:call(?:ed)?|paged?|reached|contacted|texted)\b"
            r"[^\n;]{0,60}[ \t](?i:at)[ \t]+(?:x[ \t]?\d{4,5}|\d-\d{4}|\d{5}))",
            0.6,
        ),
        # An extension in parentheses after a credential ("Ivy Yazzie, RN (70253) on 6 March"), not a year.
        Pattern(
            "extension after a credential",
            rf"(?<=\b{_CREDENTIAL}[ \t]*\()(?!(?:19|20)\d\d\))(?:x[ \t]?)?\d{{4,5}}(?=\))",
            0.6,
        ),
    )
    CONTEXT = ("phone", "tel", "call", "cell", "mobile", "pager", "beeper", "fax", "contact", "number")


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
    r"reference|ref|insurance(?:[ \t]+verified)?|dea|npi|ncpdp|licen[cs]e|lic|serial|s/n|device|implant|lot|"
    r"hospital|unit|order|requisition|encounter|visit|episode|health[ \t]+plan|plan|certificate|badge|"
    # a facility's permanent or certification number ("NYS PFI 4370", "CCN 220071")
    r"pfi|ccn|"
    # a UK clinician's registration number: General Medical / Nursing and Midwifery / Pharmaceutical / Dental
    # Council, Health and Care Professions Council ("GMC 1234567", "NMC PIN 12A3456E")
    r"gmc|nmc|gphc|gdc|hcpc"
)


class LabelledIdRecognizer(AnchoredRecognizer):
    """Identifiers after their label: "Accession #: S16-86523", "Specimen(s): BM24-19662, FC24-84929",
    "Member ID: W879203689", "Insurance verified: BCBS PPO 1DA1-BO5-HH32", "DEA FC8067423", "Employee
    ID 149324", "CAP 0269381", "emp# 57800", "CONF# 5579108", "Enc 16-3053519", "NYS PFI 4370". Any run
    of letters, digits and hyphens with at least four digits counts (a date does not); a payer's name may
    stand between."""

    ENTITY = "ID_NUMBER"
    PATTERNS = (
        Pattern(
            "id label",
            rf"(?<![A-Za-z])(?:(?i:{_ID_FIELD})|FIN|SN)(?![A-Za-z])"
            r"(?:[ \t]*(?i:number|num|no\.?|id|\#|code))*[ \t]*[:\#]?",
            0.6,
        ),
        # A dictation job number ("Job# 2456471", "JOB NO. 88213"): "job" alone is a word.
        Pattern("job number", r"\b(?:[Jj]ob|JOB)[ \t]*(?:\#|(?i:no\.?|number))[ \t]*:?[ \t]*(?=\d{4})", 0.6),
        # Labels that are everyday words too ("employee", "ticket"), or short ("ID", "CAP" - the College
        # of American Pathologists number of a lab): only with the identifier right after them.
        # ... or a plan's three-letter prefix before it ("ID DYY 4595432-70").
        Pattern(
            "short id label",
            r"(?<![A-Za-z])(?:ID|CAP)[ \t]*[:\#]?[ \t]*(?=(?:[A-Z]{3}[ ])?\d{5,}(?![\d/:]|\.\d))",
            0.6,
        ),
        Pattern(
            "everyday id label",
            r"\b(?:[Ee](?i:mployee)|[Ss](?i:taff)|[Aa](?i:utopsy)|[Nn](?i:ecropsy)|[Tt](?i:icket)|[Ee]nc|"
            r"EMPLOYEE|STAFF|AUTOPSY|NECROPSY|TICKET|ENC)(?:[ \t]*(?i:number|num|no\.?|id|\#))*[ \t]*[:\#]?"
            r"[ \t]*(?=[A-Z]{0,4}-?\d)",
            0.6,
        ),
        # Abbreviated labels ("emp# 57800", "CONF# 5579108", "Auth no. 88213"): only with their "#" or
        # "no." and the number right after.
        Pattern(
            "abbreviated id label with a number sign",
            r"\b(?i:conf(?:irmation)?|emp|empl|auth(?:orization)?|trip|ride|booking|reservation|voucher|"
            r"interp(?:reter)?|operator|tracking|event|incident|occurrence)"
            r"[ \t]*(?:\#|(?i:no\.|num(?:ber)?))[ \t]*:?[ \t]*"
            r"(?=[A-Z]{0,4}-?\d)",
            0.6,
        ),
    )
    CONTEXT = ("id", "number", "accession", "member", "insurance", "policy")
    # A payer's name may stand between label and identifier; a time after "at" is none ("unit at 0551").
    AFTER = re.compile(
        r"[ \t]*(?:[A-Za-z][A-Za-z&/.-]*[ \t]+){0,3}?\#?[ \t]*"
        r"(?!(?<=\b(?:at|AT|At)[ ])(?:[01]\d|2[0-3])[0-5]\d\b(?!-))"
        rf"(?P<phi>{_PLAN_PREFIX}?{_ID_TOKEN}(?:[ \t]*,[ \t]*{_ID_TOKEN})*)\b"
    )
    WINDOW = 70


#: A lower-case word at least this frequent in English is a word, not a user name ("RN (float)").
_USERNAME_MAX_ZIPF = 3.0


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
            r"approved|released|verified|uploaded|sent|added|removed|deleted|locked|unlocked)"
            r"(?:[ \t]+[0-9][0-9/:.-]*){0,2}"
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
        # A user name in parentheses after a credential ("Lu H., CPhT (hudsol04)"): with a digit or a dot,
        # so that "RN (retired)" or "MD (x4567)" stay out.
        Pattern(
            "user name after a credential",
            rf"(?<=(?:\b(?:{_CREDENTIAL}|CPhT|CMA|RT|PT|OT|SLP)|,[ \t]*[A-Z]{{2,6}})"
            r"(?:\([A-Z]{2,6}\))?[ \t]*)"
            r"\((?!x\d)(?=[A-Za-z][A-Za-z0-9_-]*[\d._][A-Za-z0-9._-]*\)|[a-z]{5,12}\))",
            0.7,
        ),
        # A user name in parentheses after a full name it is made from: "Ana Ruiz (aruiz2)", "Bo de Wit
        # (DEWITB30)", "Ann Lee (ann.lee)"; see :meth:`analyze`.
        Pattern(
            "user name after a full name",
            r"(?<=\b[A-Z][A-Za-z'’-]+[ \t](?:[a-z]{1,3}[ \t])?[A-Z][A-Za-z'’-]+[ \t]{1,2})"
            r"\((?=[A-Za-z][A-Za-z0-9._-]{3,29}\))",
            0.7,
        ),
        # A signature's user name in brackets: "Electronically signed 3/6/2025 14:58  [jdoe4]".
        Pattern(
            "user name in brackets after a signature",
            r"(?<=\b(?i:signed|signature)\b[^\n\[\]()]{0,40})\[(?=[A-Za-z][A-Za-z0-9._-]{2,29}\])",
            0.7,
        ),
        # A user name in parentheses after a name's initial or a pager number: "by Ana R. (AROSS4)",
        # "by M.S. (salasm)", "pgr 8-8707 (kimj)".
        Pattern(
            "user name after an initial or a pager",
            r"(?<=(?<!\w)[A-Za-z]\.[ \t]{0,2}|\b(?i:pgr|pager|beeper)[ \t]*\#?[ \t]*\d[\d-]{3,11}[ \t]{1,4})"
            r"\((?=[A-Za-z][A-Za-z0-9._-]{2,29}\))",
            0.7,
        ),
    )
    CONTEXT = ("user", "login", "entered", "typed")
    # A user name: lower case (jdoe, eitan.walker, e867769), or capitals with digits (MOSSD02, E364593),
    # or capitals with a dot (SCOTT.LEBLANC).
    AFTER = re.compile(
        r"(?:[a-z][a-z0-9._-]{1,29}[a-z0-9]|[A-Z]{2,12}\d{1,4}|[A-Z]\d{5,8}|[A-Z]{2,}\.[A-Z]{2,})(?![\w@])"
    )
    WINDOW = 40

    def keep(self, found: str) -> bool:
        """Not an English word ("system", "float"), a clinical term or an occupation ("dietitian")."""
        from safecohort.detect.vocab import is_everyday_word, occupations, zipf

        if re.search(r"\d|[._]", found):
            return True
        lower = found.lower()
        return not (is_everyday_word(found) or zipf(lower) >= _USERNAME_MAX_ZIPF or lower in occupations())

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """As :meth:`AnchoredRecognizer.analyze`; after a full name only a user name made from it: four
        letters in a row of the name ("Cannon Rodriguez (xcrodrig)"), so "Vitamin D (calciferol)" is not."""
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            explanation = result.analysis_explanation
            if explanation is not None and explanation.pattern_name == "user name after a full name":
                name = "".join(re.findall(r"[a-z]+", text[max(0, result.start - 40) : result.start].lower()))
                letters = re.sub(r"[^a-z]", "", text[result.start : result.end].lower())
                if not any(letters[i : i + 4] in name for i in range(len(letters) - 3)):
                    continue
            kept.append(result)
        return kept


class RecordFormatRecognizer(ClinicalPatternRecognizer):
    """Identifiers in fixed record formats: the patient id and names of an HL7 v2 segment
    ("PID|E9628210|GRANT^MICHELLE^W|...", "...|GOODNIGHT^THEODORE^U"), the last four digits of an SSN
    after its label, lot numbers ("lot SE159C"), portal activation codes ("BMLEU-VTXYP-FLEAD") and a letter
    prefix with a long number ("MR73731202", "E8703744")."""

    ENTITY = "ID_NUMBER"
    PATTERNS = (
        Pattern("hl7 patient id", r"(?<=(?m:^)PID\|)[^|\n]{4,30}(?=\|)", 0.7),
        Pattern("ssn last four", r"(?<=\b(?i:ssn|social[ \t]+security)\b[^:\n]{0,40}:[ \t]*)\d{4}\b", 0.7),
        # "last 4 SSN (3950)", "SSN on file; last four 9717 confirmed".
        Pattern(
            "ssn last four digits",
            r"(?<=\b(?i:last)[ \t]+(?:4|(?i:four))(?:[ \t]+(?i:digits))?(?:[ \t]+(?i:of(?:[ \t]+the)?))?"
            r"[ \t]+(?i:ssn|social(?:[ \t]+security)?(?:[ \t]+(?:number|no\.?|\#))?)[ \t]*[:(\#]?[ \t]*"
            r"|\b(?i:ssn|social[ \t]+security)\b[^\n.:]{0,40}\b(?i:last)[ \t]+(?:4|(?i:four))"
            r"(?:[ \t]+(?i:digits))?[ \t]*\)?[ \t]*[:(\#]?[ \t]*)\d{4}\b",
            0.7,
        ),
        # A badge or shield number, however short ("Officer Ruiz (badge 027)", "shield #4411").
        Pattern(
            "badge number",
            r"\b(?i:badge|shield)[ \t]*(?:\#|(?i:no\.?|number))?[ \t]*:?[ \t]*\K\d{2,8}"
            r"(?![\w/.-]|[.,]\d)",
            0.6,
        ),
        # An identification band's number ("NEWBORN ID BAND 869233", "wristband #A4471").
        Pattern(
            "identification band",
            r"\b(?i:(?:id|identification)[ \t]*(?:band|bracelet|tag)|wrist[ \t-]?band|arm[ \t-]?band)"
            r"[ \t]*(?:\#|(?i:no\.?|number))?[ \t]*:?[ \t]*\K(?=[A-Z0-9-]*\d{3})[A-Z0-9][A-Z0-9-]{2,14}\b",
            0.6,
        ),
        # An ambulance run or dispatch number ("(run 53-70605)", "Run #: 21-004417").
        Pattern(
            "ems run number",
            r"\b(?i:run|dispatch|pcr|incident)[ \t]*(?:\#|(?i:no\.?|number))?[ \t]*:?[ \t]*\K"
            r"\d{2,4}-\d{4,8}\b(?!-)",
            0.6,
        ),
        # An ISBT 128 donation number on a blood product ("unit W3363 55 030731"): facility, year, serial.
        Pattern("isbt 128 donation number", r"\b[A-Z]\d{4}[ \t]?\d\d[ \t]?\d{6}\b", 0.6),
        # A pharmacy benefit's group number ("RxGrp PRW333", "Rx Group: 0417A"), however short.
        Pattern(
            "rx group",
            r"(?<=\b(?i:rx[ \t]*(?:grp|group))[ \t]*[:\#]?[ \t]*)"
            r"(?=[A-Za-z-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,14}\b",
            0.6,
        ),
        # A vaccine's or a device's lot number ("lot PM878S", "Lot #: 4F21A"), however few its digits.
        Pattern(
            "lot number",
            r"(?<![\w-])(?=[A-Z0-9-]*\d)(?=[0-9-]*[A-Z])"
            r"(?<=(?<!\b(?i:a|the|parking)[ \t]+)\b(?i:lot)[ \t]*(?:\#|(?i:no\.?|number))?[ \t]*:?[ \t]*)"
            r"[A-Z0-9][A-Z0-9-]{3,14}\b",
            0.6,
        ),
        # A portal's activation, access or verification code ("activation code BMLEU-VTXYP-FLEAD").
        Pattern(
            "activation code",
            r"(?<![\w-])(?=[A-Z0-9]{3})(?<=\b(?i:(?:activation|access|verification|enrol?lment|invitation|invite|pairing|registration)"
            r"[ \t]+code|passcode)[ \t]*[:\#]?[ \t]*)"
            r"(?:[A-Z0-9]{3,8}(?:-[A-Z0-9]{3,8}){1,5}|(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{6,16})\b",
            0.6,
        ),
        Pattern("prefixed number", r"\b[A-Z]{1,3}\d{7,10}\b", 0.5),
    )
    CONTEXT = ("pid", "mrn", "id", "ssn")


# --- e-mail addresses, URLs and phone numbers, and presidio's own recognizers ---------------------


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


class WindowedPhoneRecognizer(PhoneRecognizer):
    """presidio's libphonenumber-based recognizer, run only on the stretches of a note that may hold a
    phone number: seven or more digits in a row (separators allowed) and a few characters around them.
    libphonenumber's matcher is a slow pass over its whole input, once per region; prose between the
    numbers cannot hold one, so it is skipped. ``regions`` are presidio's (its default eight when None)."""

    _MAY_HOLD_PHONE = re.compile(
        r"(?P<core>\+?\(?\d(?:[ \t().+/-]{0,3}\d){6,})"
        r"(?:[ \t,]*(?i:ext\.?|extension|x|\#)[ \t]*\d{1,6})?"
    )
    _MARGIN = 3
    _NOT_A_PHONE = re.compile(
        r"\d{4}([-./])\d\d\1\d\d(?:[ T]\d\d)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"  # dates
        r"|\d{3}-\d\d-\d{4}|\d{1,3}(?:\.\d{1,3}){3}"  # SSNs, IPv4 addresses
    )

    def __init__(self, regions: tuple[str, ...] | None = None) -> None:
        if regions is None:
            super().__init__()
        else:
            super().__init__(supported_regions=regions)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """presidio's phone matches inside each window, with offsets into the whole note."""
        windows: list[list[int]] = []
        for found in self._MAY_HOLD_PHONE.finditer(text):
            if self._NOT_A_PHONE.fullmatch(found.group("core")) or (
                sum(ch.isdigit() for ch in found.group("core")) > 15  # E.164's longest number
            ):
                continue  # a date, an SSN, an IP address, a card or account number
            start, end = max(0, found.start() - self._MARGIN), min(len(text), found.end() + self._MARGIN)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
        results: list[RecognizerResult] = []
        for start, end in windows:
            for result in super().analyze(text[start:end], entities, nlp_artifacts):  # type: ignore[arg-type]
                result.start += start
                result.end += start
                results.append(result)
        return results


class UsPhoneRecognizer(WindowedPhoneRecognizer):
    """US numbers only: each extra region is a full phonenumbers pass (8 regions took half of the
    analyzer's time on the clinical dev split); international numbers keep a "+" form."""

    def __init__(self) -> None:
        super().__init__(regions=("US",))


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
