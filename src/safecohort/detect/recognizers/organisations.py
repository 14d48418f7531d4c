"""Organisations in notes: employers (after a job, before an office, "works at"), professions,
organisations by their shape ("Springfield Police Department") and town agencies. Companies of general
text are in ``companies``."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.addresses import _STATE_NAME
from safecohort.detect.recognizers.base import (
    AnchoredRecognizer,
    ClinicalPatternRecognizer,
    Pattern,
)
from safecohort.detect.recognizers.facilities import (
    _CAPITALS_PREPOSITION,
    _HOSPITAL_NOT_NAME,
    _ORG_HEAD,
    _ORG_WORD,
    _WEAK_ORG_HEAD,
    _holds_a_name,
    _trim_leading_words,
)
from safecohort.detect.vocab.gazetteer import gazetteer
from safecohort.detect.vocab.words import clinical_terms, is_everyday_word, occupations

# --- employers -------------------------------------------------------------------------------------


class EmployerRecognizer(AnchoredRecognizer):
    """Employers and workplaces: "works at the MBTA", "a cashier at Smith, Clements and Ray", "works
    nights at Martinez and Sons", "employed by OncoSeq Inc."."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (
        Pattern(
            "work cue",
            r"\b(?i:works|worked|working|employed|employee|job|cashier|supervisor|manager|clerk|driver|"
            r"teacher|engineer|technician|mechanic|nurse|aide|volunteers?|retired)\b:?"
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
            r"|\b(?i:rep|representative)[ \t]+(?i:from)[ \t]+(?=[A-Z])"
            # "needs a work note for Harmon Foods", "work excuse for"
            r"|\b(?i:work|employer)[ \t]+(?i:note|letter|excuse|form)[ \t]+(?i:for|to)[ \t]+(?=[A-Z])",
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
        """Not a single everyday word ("works at Home", "for Surgery"), nor a phrase in capitals read
        through a preposition ("TEACHER AND WILL DO CHANGES AT HOME IN ERIE")."""

        words = [word for word in re.findall(r"[A-Za-z]+", found) if word.lower() != "the"]
        if any(word.lower() in _NOT_IN_AN_EMPLOYER for word in words[1:]):
            return False
        return not (len(words) == 1 and is_everyday_word(words[0]))


_NOT_IN_AN_EMPLOYER = frozenset({"in", "on", "at", "to", "from", "with", "by", "for", "is", "was"})


# --- professions, organisations by their shape, care homes and landmarks ---------------------------------


def _occupations() -> frozenset[str]:
    """Occupation head nouns and phrases (see :func:`safecohort.detect.vocab.occupations`)."""

    return occupations()


# "72 year old", "94-year-old", "57yo", "36 y/o", "93 y.o."
_AGE_WORDS = r"\d{1,3}[ \t-]*(?i:y[/.]?o\.?|yrs?|years?)(?:[ \t-]*(?i:old))?"
# Words that end the phrase naming a job ("a welder for 30 yrs", "a barista and lives in ...").
_JOB_PHRASE_END = frozenset(
    """and or with who whose that which for at in from of on by since until originally currently now
    but was is has had presenting presents here there referred seen sent admitted transferred brought
    followed known living lives residing visiting seeking complaining status after when while because
    to as will would working""".split()  # noqa: SIM905 - reads better as text
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
            # "works days as a", "works part-time as"
            r"\b(?i:works?|worked|working|employed|retired[ \t]+from[ \t]+work|job)"
            r"(?:[ \t]+(?i:days|nights|evenings|weekends|overnights|part[ -]time|full[ -]time))?"
            r"[ \t]+(?i:as)[ \t]+(?:(?i:an?)[ \t]+)?"
            # "Job title: locksmith", "Occupation: retired teacher", "His former job: welder at"
            r"|\b(?i:job[ \t]+title|occupation|profession|vocation|job)[ \t]*:[ \t]*"
            # "Social: bank teller, employed at", "SH: retired machinist, lives alone"
            r"|\b(?i:social(?:[ \t]+history)?|soc[ \t]+hx|SH)[ \t]*:[ \t]*"
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


_WEAK_ORG_HEAD_END = re.compile(
    r"(?i:laboratories|diagnostics|manufacturing|industries|ambulance(?:[ ]service)?|fire[ ]rescue|"
    r"fire[ ]department|blood[ ](?:center|bank)|home[ ]care|electric|heating|masonry|paving|contracting|"
    r"excavating|hardware|church|parish|(?:high|middle|elementary)[ ]school|academy|public[ ]works|"
    r"housing[ ]authority|council[ ]on[ ]aging|food[ ](?:pantry|bank)|regional[ ]transit|transit[ ]authority|"
    r"medical[ ]rides|chair[ ]car|reference[ ](?:labs|laboratory)|early[ ]intervention|"
    r"police[ ](?:department|dept)|sheriff's[ ](?:office|department)|home[ ]medical|respiratory[ ]services|"
    r"oxygen|solutions|state[ ]police)"
    r"(?:(?:[ ]&[ ]|[ ](?i:of)[ ]).*)?$"
)
# A town's police department before an officer or a report ("by Dover PD Officer Ruiz").
_POLICE_CUE = (
    r"(?:officers?|ofc\.?|det\.?|detective|sgt\.?|sergeant|patrol|dispatch|report|case|badge|cruiser)"
)
_ORG_HEAD_SEEN = re.compile(
    rf"{_ORG_HEAD}|{_WEAK_ORG_HEAD}|\b(?:Office|OFFICE)[ ](?i:of)\b|\b(?:Temple|TEMPLE)[ ][A-Z]|[ ]PD[ ,]"
    r"|[ ]EMS\b"
)


class OrganizationNameRecognizer(ClinicalPatternRecognizer):
    """Companies and offices by the shape of their name: capitalised words before a company head word
    ("Westport Tool & Die", "Stoneford Credit Union", "Butler and Sons", "OncoSeq Laboratories") and
    "Office of the ..." with the town after it ("Office of the Chief Medical Examiner, Dayton")."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (
        Pattern(
            "name + company head word",
            rf"\b(?=[A-Z])(?!{_HOSPITAL_NOT_NAME}\b)(?:(?:St|ST|Mt|MT)\.|{_ORG_WORD})"
            rf"(?:[ ](?!{_CAPITALS_PREPOSITION}){_ORG_WORD}){{0,3}}"
            rf"[ ](?:{_ORG_HEAD}|{_WEAK_ORG_HEAD})"
            # "Todd & Sons Plumbing"
            rf"(?:(?<=Sons|SONS)[ ](?:{_ORG_HEAD}|{_WEAK_ORG_HEAD}))?"
            # "First Methodist Church of Dover", "Ruiz Roofing & Siding, 555-..."
            rf"(?:(?<=Church|CHURCH)[ ](?i:of)[ ](?:(?i:the)[ ])?{_ORG_WORD}(?:[ ]{_ORG_WORD})?)?"
            r"(?:[ ]&[ ][A-Z][A-Za-z'’-]+(?=[ \t]*(?:[,.;:|()]|$)|[ \t]+[a-z0-9+]))?"
            r"(?![A-Za-z])",
            0.6,
        ),
        # A synagogue by its name ("Temple Shalom", "Temple Beth Torah"); see ``validate_result``.
        Pattern(
            "temple",
            rf"\b(?:Temple|TEMPLE)[ ](?!{_HOSPITAL_NOT_NAME}\b)[A-Z][A-Za-z'’-]+"
            r"(?:[ ][A-Z][A-Za-z'’-]+){0,2}(?![A-Za-z])",
            0.6,
        ),
        Pattern(
            "town + PD",
            rf"\b(?=[A-Z])(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,2}}[ ]PD"
            rf"(?=,?[ \t]+(?i:{_POLICE_CUE})(?![A-Za-z]))",
            0.6,
        ),
        # A town's or a company's ambulance service ("by Ruiz EMS", "BIBA Dover EMS"): the first word has a
        # small letter, so a cue in capitals before it ("BIBA", "ALS") is left out.
        Pattern(
            "name + EMS",
            rf"\b(?=[A-Z][a-z'’])(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,2}}"
            r"[ ]EMS(?![A-Za-z])",
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
        """The companies of a note, or none without a head word in it (the pattern tries every capital),
        each without the label word in front of its name."""
        if not _ORG_HEAD_SEEN.search(text):
            return []
        return _trim_leading_words(text, super().analyze(text, entities, nlp_artifacts, regex_flags))

    def validate_result(self, pattern_text: str) -> bool:
        """Before a weak head word, a word that is not everyday English or a clinical term, or a listed
        place ("Dublin Fire Rescue")."""
        if re.match(r"(?i:temple)[ ]", pattern_text):  # a name after it, not "Temple Tenderness"
            return _holds_a_name(pattern_text[7:])
        if pattern_text.endswith(" EMS"):
            head: re.Match[str] | None = re.search(r"[ ]EMS$", pattern_text)
        else:
            head = _WEAK_ORG_HEAD_END.search(pattern_text)
        if head is None or re.search(r"(?i:sons)[ ]\S+$", pattern_text):
            return True
        name = pattern_text[: head.start()]
        if re.search(r"(?i:state[ ]police)$", pattern_text):  # a state's, not "NOTIFIED STATE POLICE"
            return _names_a_listed_town(name)
        if _holds_a_name(name):
            return True
        # A town's public service is named after the town, an everyday word or not ("Friendly Police
        # Department", "Unity EMS"): a place the gazetteer lists.
        return _TOWN_SERVICE.search(pattern_text, head.start() - 1) is not None and _names_a_listed_town(name)


_TOWN_SERVICE = re.compile(
    r"[ ](?:EMS|(?i:police[ ](?:department|dept)|fire[ ](?:department|rescue)|ambulance(?:[ ]service)?|"
    r"state[ ]police))$"
)


def _names_a_listed_town(text: str) -> bool:
    """Whether ``text`` is one or two capitalised words the gazetteer lists as a place, or a state."""

    words = re.findall(r"[A-Za-z][A-Za-z'’.-]*", text)
    name = " ".join(words)
    return 0 < len(words) <= 2 and (
        gazetteer().is_place(name.title()) or re.fullmatch(_STATE_NAME, name) is not None
    )


class TownAgencyRecognizer(ClinicalPatternRecognizer):
    """The town a public health agency is named after ("reported to Dover Board of Health", "NEWTON
    HEALTH DEPARTMENT notified"): the town only, a name or a listed place, not "the State Board of Health"."""

    ENTITY = "LOCATION"
    PATTERNS = (
        Pattern(
            "town + health agency",
            rf"\b(?=[A-Z])(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,2}}"
            r"(?=[ ](?:(?:Board|BOARD)[ ](?:of|OF)[ ](?:Health|HEALTH)"
            r"|(?:Health|HEALTH)[ ](?:Department|DEPARTMENT))(?![A-Za-z]))",
            0.6,
        ),
    )
    CONTEXT = ("reported", "notified", "health")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The towns, or none without an agency's head words in the note (most notes have none)."""
        if not self._HEAD.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    _HEAD: ClassVar[re.Pattern[str]] = re.compile(r"(?i:board[ ]of[ ]health|health[ ]department)")

    def validate_result(self, pattern_text: str) -> bool:
        """A name or a listed place, not everyday words ("the State", "County")."""
        return _holds_a_name(pattern_text)


# What stands right before a job named before its employer: an opening parenthesis, a patient's
# description ("64 yo F RHD", "a 30 y/o"), "is a", "as a", a comma.
_BEFORE_A_JOB = re.compile(
    r"(?:\(|,|\b(?:[RL]HD|[MF]|y/?o|yrs?|(?i:is|was|as|works?)[ ]an?|(?i:retired|former)))[ \t]*$"
)
_NOT_IN_A_JOB = _JOB_PHRASE_END | {"a", "an", "the", "his", "her", "their", "my", "pt", "yo", "fob"}


def _job_before(text: str, at: int, past: bool = False) -> tuple[int, int] | None:
    """The job phrase ending right before ``at`` (a job noun of ``data/occupations.txt`` last, at most
    four words, in capitals or in small letters but for the noun: "radio DJ"), when a description of the
    person or a parenthesis stands before it, or (``past``) one the person has retired from."""
    tail = re.search(r"(?:[A-Za-z][A-Za-z'’-]*[ ]){0,3}[A-Za-z][A-Za-z'’-]*$", text[max(0, at - 60) : at])
    if tail is None:
        return None
    offset = max(0, at - 60)
    words = list(re.finditer(r"[A-Za-z][A-Za-z'’-]*", tail[0]))
    capitals = tail[0].isupper()
    kept: list[re.Match[str]] = []
    for word in reversed(words):
        same_case = word[0].isupper() if capitals else (word[0].islower() or not kept)
        if word[0].lower() in _NOT_IN_A_JOB or not same_case:
            break
        kept.insert(0, word)
    retired = bool(kept) and kept[0][0].lower() in ("former", "ex", "retired")
    if kept and kept[0][0].lower() in ("former", "ex"):
        kept = kept[1:]
    if not kept or (past and not retired):
        return None
    lowered = [word[0].lower().replace("’", "'") for word in kept]
    if any(word in _NOT_A_JOB_MODIFIER for word in lowered):
        return None
    occupations = _occupations()
    if lowered[-1] not in occupations and " ".join(lowered[-2:]) not in occupations:
        return None
    start = offset + tail.start() + kept[0].start()
    if not past and not _BEFORE_A_JOB.search(text, max(0, start - 12), start):
        return None
    return start, offset + tail.start() + kept[-1].end()


_AT_AN_EMPLOYER = Pattern("at", r"[ \t]+(?:at|AT)[ \t]+(?=[A-Z])", 0.6)


class JobAtEmployerRecognizer(AnchoredRecognizer):
    """A job named right before its employer: "64 yo F RHD optician at Lowell Creamery", "(SECURITY
    GUARD AT IDEXX)", "Pt is a medical coder at Adams Excavation". The job: a phrase ending in a job noun
    after a description of the person or a parenthesis (so "the nurse at bedside" is not read)."""

    ENTITY = "PROFESSION"
    PATTERNS = (_AT_AN_EMPLOYER,)
    CONTEXT = ("works", "job")

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        return _job_before(text, start)


class EmployerAfterJobRecognizer(AnchoredRecognizer):
    """The employer after a job read by :class:`JobAtEmployerRecognizer` ("optician at Lowell Creamery",
    "RADIO DJ AT KEURIG DR PEPPER"), or in parentheses after a past job ("retired welder (Acme Tool)"; not
    "the nurse (Ann Lee)")."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (_AT_AN_EMPLOYER, Pattern("parenthesis", r"[ ]\((?=[A-Z])", 0.6))
    CONTEXT = ("works", "employer")
    AFTER = EmployerRecognizer.AFTER
    WINDOW = EmployerRecognizer.WINDOW

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        parenthesis = text[end - 1] == "("
        if _job_before(text, start, past=parenthesis) is None:
            return None
        span = super()._next_to(text, start, end)
        if parenthesis and (span is None or not text.startswith(")", span[1])):
            return None
        return span

    def keep(self, found: str) -> bool:
        """As :meth:`EmployerRecognizer.keep`: not one everyday word, nor a phrase read through a
        preposition."""
        return EmployerRecognizer.keep(self, found)  # type: ignore[arg-type]


class EmployerBeforeOfficeRecognizer(AnchoredRecognizer):
    """An employer heading a line before its office that writes about a worker ("Acme Mutual Human
    Resources", "DOVER SCHOOLS PAYROLL"): the capitalised words from the start of the line."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (
        Pattern(
            "office",
            r"[ ](?:Human[ ]Resources|HUMAN[ ]RESOURCES|Payroll|PAYROLL|Benefits[ ]Office|"
            r"Leave[ ]Administration)(?![A-Za-z])",
            0.6,
        ),
    )
    CONTEXT = ("employer", "leave")
    BEFORE = re.compile(
        rf"(?m)^[ \t]*(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:(?:[ ]|[ ]&[ ]|-){_ORG_WORD}){{0,3}}\Z"
    )
    WINDOW = 50

    def keep(self, found: str) -> bool:
        """Not an office of the hospital's own ("Employee Health", "Patient Services")."""

        words = re.findall(r"[A-Za-z]+", found)
        return any(word.lower() not in clinical_terms() | _HOSPITAL_OFFICE_WORDS for word in words)


_HOSPITAL_OFFICE_WORDS = frozenset(
    {"employee", "patient", "hospital", "staff", "nursing", "medical", "services", "health"}
)


__all__ = [
    "EmployerAfterJobRecognizer",
    "EmployerBeforeOfficeRecognizer",
    "EmployerRecognizer",
    "JobAtEmployerRecognizer",
    "OrganizationNameRecognizer",
    "ProfessionRecognizer",
    "TownAgencyRecognizer",
]
