"""Identifier recognizers: medical record, account and other id numbers, labelled ids, user names,
record formats, and IBANs written in lower case."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.base import (
    _CREDENTIAL,
    AnchoredRecognizer,
    ClinicalPatternRecognizer,
    Pattern,
    SpanRecognizer,
)
from safecohort.detect.recognizers.dates import _D, _M, _RUN_TOGETHER_DATE
from safecohort.detect.vocab.words import is_everyday_word, occupations, zipf

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


# An IBAN in lower case ("gb28 rypk 7800 9920 4503 01"), as JSON exports and chat often write it;
# presidio's IBAN recognizer reads capitals only. The check digits decide.
_LOWER_IBAN = regex.compile(r"(?<![\w-])[a-z]{2}\d{2}(?:[ ]?[a-z\d]{1,4}){3,8}(?![\w-])")


def _iban_valid(value: str) -> bool:
    code = value.replace(" ", "").upper()
    if not 15 <= len(code) <= 34:
        return False
    digits = "".join(str(int(c, 36)) for c in code[4:] + code[:4])
    return int(digits) % 97 == 1


class LowerCaseIbanRecognizer(SpanRecognizer):
    """IBANs written in lower case, with or without groups of four, whose ISO 7064 check digits hold.
    Clinical-safe: no (the clinical profile reports no IBAN entity)."""

    ENTITY = "IBAN_CODE"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Lower-case IBAN shapes that validate, the longest valid prefix of groups."""
        for match in _LOWER_IBAN.finditer(text):
            value = match[0]
            while value:
                if _iban_valid(value):
                    yield match.start(), match.start() + len(value), 0.8
                    break
                cut = value.rfind(" ")
                value = value[:cut] if cut > 0 else ""


__all__ = [
    "IdNumberRecognizer",
    "LabelledIdRecognizer",
    "LowerCaseIbanRecognizer",
    "MedicalRecordNumberRecognizer",
    "RecordFormatRecognizer",
    "UsernameRecognizer",
]
