"""Organisations: employers (after a job, before an office, "works at"), professions, organisations
by their shape ("Springfield Police Department") and town agencies; in general text also companies by
their legal form, their suffix, a role ("CEO of Acme"), a brand, a contact block or a form field."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.addresses import _STATE_NAME
from safecohort.detect.recognizers.base import (
    AnchoredRecognizer,
    ClinicalPatternRecognizer,
    SpanRecognizer,
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
from safecohort.detect.recognizers.names_lexicon import (
    _CLAUSE_START,
    _CUSTOMER_OF,
    _FAMILY_FIRM,
    _NO_VALUE,
    _ORG_KEY_FULL,
    _PERSON_LIST,
    _SIGNED_AT,
    _TITLE_WORD,
    _UNIVERSITY,
    _VALUE_ORG,
    ContextNameRecognizer,
    MultilingualNameRecognizer,
    _field_values,
    _is_place_word,
)
from safecohort.detect.vocab.gazetteer import gazetteer
from safecohort.detect.vocab.lexicon import (
    _COMPANY_SUFFIXES_EN,
    COMMON_WORD_ZIPF,
    RARE_WORD_ZIPF,
    _provider_values,
    is_frequent_word,
    lexicon,
)
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


# --- companies -----------------------------------------------------------------------------------------

_CAP = r"\p{Lu}[\p{L}\p{M}'’&-]*"
_COMPANY_SUFFIX_EN_ALT = "|".join(
    regex.escape(s) for s in sorted(_COMPANY_SUFFIXES_EN, key=len, reverse=True)
)
_COMPANY_PATTERNS = regex.compile(
    # "Microbilt Corporation", "Civic Impulse LLC", "Conway Inc."
    rf"(?<!\p{{L}})(?P<suffixed>(?:{_CAP}[ \t]+){{1,3}}(?:{_COMPANY_SUFFIX_EN_ALT})\b\.?)"
    # "Hawkins, Richardson and Santana"
    rf"|(?P<three>{_CAP},[ \t]+{_CAP},?[ \t]+(?:and|&)[ \t]+{_CAP})"
    # "Weeks-Rivas"
    rf"|(?P<hyphen>(?<![\p{{L}}-])\p{{Lu}}\p{{Ll}}+-\p{{Lu}}\p{{Ll}}+(?![\p{{L}}-]))"
)
_COMPANY_CUE = regex.compile(
    r"(?i:\b(?:work(?:s|ed)?\s+(?:for|at)|employed\s+by|spent\s+a\s+year\s+at|year\s+at|became|joined|"
    r"is\s+from|of|at)[ \t]*$)"
)
_CUED_COMPANY = regex.compile(rf"{_CAP}(?:[ \t]+{_CAP}){{0,3}}")


class CompanyRecognizer(SpanRecognizer):
    """Company names: capitalised words before a company suffix ("Microbilt Corporation", "Areavibes
    Inc"), Faker-style partnerships of listed surnames ("Hawkins, Richardson and Santana", "Weeks-Rivas"),
    and capitalised names after "work for" / "spent a year at" / "became". Clinical-safe: no ("Group",
    "Services", "Associates" name departments and practices in notes; spaCy ORG is off for notes)."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Suffixed names, surname partnerships, cued names."""
        lex = lexicon()
        for match in _COMPANY_PATTERNS.finditer(text):
            if match.group("suffixed"):
                first = match.group("suffixed").split()[0]
                if first.lower() in {"the", "a", "an", "my", "our", "this", "i"}:
                    start = match.start() + len(first) + 1
                    if start < match.end() - 4:
                        yield start, match.end(), 0.6
                    continue
                yield match.start(), match.end(), 0.6
            elif match.group("three"):
                if _PERSON_LIST.search(text, max(0, match.start() - 40), match.end()):
                    continue  # "our founders: Kónya, Becker and Vasquez" are people
                names = regex.findall(r"\p{L}[\p{L}\p{M}'’-]*", match.group("three"))
                names = [n for n in names if n not in ("and",)]
                if sum(n.lower() in lex.last_names for n in names) >= 2:
                    yield match.start(), match.end(), 0.7
            else:
                left, right = match.group("hyphen").split("-")
                if left.lower() in lex.last_names and right.lower() in lex.last_names:
                    yield match.start(), match.end(), 0.6
        for match in _CUED_COMPANY.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[max(line_start, match.start() - 30) : match.start()]
            if _COMPANY_CUE.search(before) and regex.search(
                r"(?i)(?:work|employ|year\s+at|became|from)", before
            ):
                word = match.group().split()[0]
                if not is_frequent_word(word) or len(match.group().split()) > 1:
                    yield match.start(), match.end(), 0.5


# A capitalised word of a company name; a possessive "'s" is not part of it ("Gradiant LLC's").
_COMPANY_WORD = r"\p{Lu}[\p{L}\p{M}&-]*(?:['’]\p{L}{2,}[\p{L}\p{M}]*)?"
_ORG_WORDS = (
    rf"{_COMPANY_WORD}(?:[ \t]+(?:{_COMPANY_WORD}|and|of|&)){{0,3}}?[ \t]+?{_COMPANY_WORD}|{_COMPANY_WORD}"
)
_ORG_HEADS = (
    r"agency|company|firm|startup|start-up|brand|business|corporation|consultancy|studio|provider|"
    r"platform|brainchild|manufacturer|retailer|bank|publisher|label|organi[sz]ation|non-?profit|charity|"
    r"group|service|app|website|marketplace|network|chain|maker|developer|vendor|supplier|lab|laboratory"
)
_ROLE_NOUNS = (
    r"songwriter|producer|founder|co-founder|ceo|cto|cfo|coo|spokesperson|spokesman|spokeswoman|"
    r"engineer|analyst|executive|chairman|chairwoman|president|employee|employees|staff|manager|"
    r"director|recruiter|representative|resignation|website|app|stock|shares|account|headquarters"
)
_ROLE_COMPANY = regex.compile(
    # "Coden is a design agency", "Collective Ip is the brainchild of"
    rf"{_CLAUSE_START}(?P<a>{_ORG_WORDS})(?=[ \t]+(?:is|was)[ \t]+(?:a|an|the)[ \t]+"
    rf"(?:[\p{{L}}-]+[ \t]+){{0,3}}?(?i:{_ORG_HEADS})\b)"
    # "her Uber resignation letter", "the Uber website", "Estately songwriter Michele Østrem"
    rf"|(?:(?<=\b(?:her|his|their|my|our|your|the)[ \t]+)|{_CLAUSE_START})(?P<b>{_ORG_WORDS})"
    rf"(?=[ \t]+(?i:{_ROLE_NOUNS})\b)"
    # "Vilma Holm of Here is the CEO", "Abby Holloway of Opencounter,"
    r"|(?<=(?:\p{Lu}\.|\p{Lu}[\p{Ll}\p{M}]+)[ \t]+\p{Lu}[\p{Ll}\p{M}]+[ \t]+of[ \t]+)"
    rf"(?P<c>{_ORG_WORDS})"
    rf"(?=[ \t]+(?:is|was|has|and)\b|[ \t]*[,.;]|['’]s\b|[ \t]*$)"
    # "Bridgewater's Parker Suknović": a company owning a person
    rf"|(?<![\w-])(?P<d>{_COMPANY_WORD})(?=['’]s[ \t]+{_TITLE_WORD}[ \t]+{_TITLE_WORD})"
    # "recorded for datamade became", "is from stillwater supercomputing inc."
    rf"|(?<=\b(?:recorded|signed|works?|worked|working)[ \t]+(?:for|with|at)[ \t]+)"
    rf"(?P<e>\p{{L}}[\p{{L}}\p{{M}}&'’-]*(?:[ \t]{{1,2}}\p{{L}}[\p{{L}}\p{{M}}&'’.-]*){{0,3}}?)"
    rf"(?=[ \t]+(?:became|is|was|and|in|as|for|since)\b|[ \t]*[,.;!?]|[ \t]*$)"
    rf"|(?<![\w])(?P<f>(?:\p{{Ll}}[\p{{L}}\p{{M}}&'’-]*[ \t]+){{1,3}}(?i:inc|llc|ltd|corp|plc|gmbh)\b\.?)",
    regex.MULTILINE,
)
_NOT_COMPANY_START = frozenset(("the", "a", "an", "my", "our", "his", "her", "their", "your", "this", "i"))


class RoleCompanyRecognizer(SpanRecognizer):
    """Company names read from the role they play in the sentence, for invented names no suffix marks:
    "X is a design agency / the brainchild of", "her X resignation letter", "the X website", "X
    songwriter Y", "Vilma Holm of X is the CEO", "X's Parker Suknović", "recorded for datamade became",
    lower-case names with a company suffix ("stillwater supercomputing inc."), and the line between a
    name line and an address line of a contact block. Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Role contexts, then contact-block company lines."""
        for match in _ROLE_COMPANY.finditer(text):
            group = next(name for name in "abcdef" if match.group(name))
            found = match.group(group)
            first = found.split()[0]
            if first.lower() in _NOT_COMPANY_START or _is_place_word(found):
                continue
            if group in "ad" and (lexicon().is_name(found) and len(found.split()) == 1):
                continue  # "Nora is a nurse", "Anna's Mary Jones": a person
            if group == "b" and all(is_frequent_word(word, 4.0) for word in found.split()):
                continue  # "Office Manager", "Account Manager": a job title, not a company
            start = match.start(group)
            if group == "f":  # "from stillwater supercomputing inc.": the cue word is not the name
                while (word := regex.match(r"\p{L}+[ \t]+", text, pos=start)) and is_frequent_word(
                    word.group().strip(), COMMON_WORD_ZIPF
                ):
                    start = word.end()
                if not regex.match(r"\p{L}+[ \t]+\p{L}", text, pos=start):
                    continue
            elif group == "e" and found.islower() and is_frequent_word(first, COMMON_WORD_ZIPF):
                continue
            yield start, match.end(group), 0.55
        yield from _block_companies(text)


# A line that is a job title, not a company ("Printmaker", "Patent examiner", "Geoscientist").
_JOB_TITLE_END = regex.compile(
    r"(?i:maker|ist|ician|examiner|manager|officer|assistant|analyst|engineer|consultant|director|"
    r"designer|developer|scientist|writer|worker|teacher|nurse|clerk|technician|advisor|adviser)$"
)
_BLOCK_COMPANY_LINE = regex.compile(
    r"[ \t]*(\p{L}[\p{L}\p{M}&'’.,-]*(?:[ \t]{1,2}[\p{L}\p{M}&'’.,-]+){0,4})[ \t]*"
)
_BLOCK_ADDRESS_START = regex.compile(
    r"[ \t]*(?:\d|(?i:the[ \t]+corner[ \t]+of|psc|unit|uss|usns|p\.?o\.?[ \t]*box)\b)"
)


def _block_companies(text: str) -> Iterator[tuple[int, int, float]]:
    """The company line of a contact block: a short line with no digits right between a line that is a
    person's name and a line that opens an address ("Liisa Lepistö / Innography / the corner of ...")."""
    content = [(m.start(), m.end()) for m in regex.finditer(r"(?m)^[^\n]*\S[^\n]*$", text)]
    names = MultilingualNameRecognizer()
    for (ps, pe), (cs, ce), (ns, ne) in zip(content, content[1:], content[2:], strict=False):
        if not _BLOCK_ADDRESS_START.match(text, ns, ne) or any(ch.isdigit() for ch in text[cs:ce]):
            continue
        company = _BLOCK_COMPANY_LINE.fullmatch(text, cs, ce)
        previous = text[ps:pe].strip()
        if company is None or ":" in previous or not 1 < len(previous.split()) < 5:
            continue
        person = list(names.find(previous)) or list(ContextNameRecognizer().find(previous))
        job = _JOB_TITLE_END.search(company.group(1))
        if person and person[0][1] - person[0][0] >= len(previous) - 3 and job is None:
            yield company.start(1), company.end(1), 0.5


def _latin(value: str) -> bool:
    return all(ch.isascii() or ch.isspace() or regex.match(r"\p{Latin}|\p{M}|\p{P}", ch) for ch in value)


# Legal forms that are also everyday English or codes ("SD plates", "the URL", "ME"); never a suffix alone.
_AMBIGUOUS_LEGAL_FORMS = frozenset(
    ("ad", "ba", "con", "ep", "et", "ra", "sd", "sem", "spi", "url", "oc1", "oc2", "oc3", "san.", "tic.",
     "osk", "tmi", "ry", "group", "groep", "gruppen", "corporation", "limited", "limitada")
)  # fmt: skip
# Words that join the names of a partnership: "Strangio, Basso e Iadanza", "Coppens, D'Hondt en Van Camp".
_NAME_PARTICLES = frozenset(("van", "de", "von", "der"))
_PARTNER_JOINS = frozenset(
    ("&", "e", "et", "i", "en", "and", "und", "y", "og", "-", "van", "de", "von", "der")
)


# A token that may open a legal form; only tokens whose lower case opens a listed form try the pattern.
_FORM_TOKEN = regex.compile(r"(?<=[ \t])[^\s,;:|()]+")


def _form_key(token: str) -> str:
    return token.lower().rstrip(".")


@functools.cache
def _legal_form_pattern() -> tuple[frozenset[str], Any]:
    """The company suffixes of every Latin-script locale Faker ships ("s.r.o.", "A/S", "GesbR", "Oy",
    "Sp. z o.o.", "et Fils") as one anchored pattern (dotted forms match in any case, short ones as
    written), and the keys of their first tokens (a set lookup per token keeps the scan fast)."""
    # lazy: Faker's company providers of every locale are read once, at the first scan
    import faker.providers.company as company

    forms = {
        s.strip()
        for s in _provider_values(company, ("company_suffixes",))
        if s.strip() and _latin(s) and s.strip().lower() not in _AMBIGUOUS_LEGAL_FORMS
    }
    cased: list[str] = []
    any_case: list[str] = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = regex.escape(form).replace(r"\ ", r"[ \t]+")
        (any_case if regex.search(r"[./]", form) or len(form) >= 4 else cased).append(escaped)
    pattern = regex.compile(rf"(?:(?i:{'|'.join(any_case)})|{'|'.join(cased)})(?![\p{{L}}\p{{N}}]|\.\p{{L}})")
    return frozenset(_form_key(form.split()[0]) for form in forms), pattern


_BODY_TOKEN = regex.compile(r"(\S+)[ \t]+$")
_BODY_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")


class LegalFormCompanyRecognizer(SpanRecognizer):
    """Companies named by a legal form of any country Faker knows ("Kallio Oy", "Iversen & Knudsen
    A/S", "Andrijević Šimara d.o.o.", "Strangio, Basso e Iadanza s.r.l.", "Faure Hernandez et Fils",
    "WEGMANN GMBH", lower case "thorsen a/s"): one to five name words before the suffix, read
    backwards until a common English word, a change from Title case to lower case, or the line start.
    Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def load(self) -> None:
        """Build the legal-form pattern now, while the scanner is built (forked workers then share it)."""
        _legal_form_pattern()

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """A legal form and the name words before it."""
        firsts, pattern = _legal_form_pattern()
        for token in _FORM_TOKEN.finditer(text):
            if _form_key(token.group()) not in firsts:
                continue
            match = pattern.match(text, token.start())
            if match is None:
                continue
            start = self._body_start(text, match.start())
            if start is None:
                continue
            body = text[start : match.start()].split()
            if len(match.group()) <= 3 and body[-1].isupper() and not lexicon().is_name(body[-1]):
                continue  # capitals: "WEAN AS", "AQUACEL AG" are a line of a note, not a company
            yield start, match.end(), 0.6

    @staticmethod
    def _body_start(text: str, suffix_start: int) -> int | None:
        line_start = text.rfind("\n", 0, suffix_start) + 1
        position, start, lower, words = suffix_start, None, None, 0
        while words < 6:
            token = _BODY_TOKEN.search(text, max(line_start, position - 40), position)
            if token is None:
                break
            word = token.group(1).rstrip(",")
            if word.lower() in _PARTNER_JOINS and start is not None:
                if word.lower() in _NAME_PARTICLES:  # "De Decker CV", "Van Camp"
                    start = token.start(1)
                position = token.start()
                continue
            if not _BODY_WORD.fullmatch(word) or (token.group(1).endswith((".", ":", ";")) and start):
                break
            is_lower = word.islower()
            if lower is None:
                lower = is_lower
            common = is_frequent_word(word, 3.5) and not (
                lexicon().is_name(word) and not is_frequent_word(word, COMMON_WORD_ZIPF)
            )
            shouted = start is not None and word.isupper() and not lexicon().is_name(word)
            if is_lower != lower or common or shouted:
                break  # in capitals only names go on: "QUITS WEGMANN GMBH"
            start, position, words = token.start(1), token.start(), words + 1
        return start


# A company's role in a sentence: who works there, who runs it, what it did (group "org").
_BRAND_WORD = r"\p{Lu}[\p{L}\p{M}&'’-]*(?<!['’]s)"
_BRAND_WORDS = rf"{_BRAND_WORD}(?:[ \t]+(?:&[ \t]+)?{_BRAND_WORD}){{0,3}}"
_BRAND_ROLES = (
    r"ceo|cto|cfo|coo|founders?|co-founders?|president|chairman|chairwoman|spokes(?:person|man|woman)"
)
_BRAND_BEFORE = regex.compile(
    r"\b(?i:joined|(?:works?|worked|working|employed|interned?|internship)[ \t]+(?:at|for|by)|"
    rf"(?:{_BRAND_ROLES}|head|director|manager|engineer|employees?|staff)[ \t]+(?:of|at)|"
    r"(?:hired|acquired|funded|owned|sponsored|founded)[ \t]+by|subsidiary[ \t]+of|partnered[ \t]+with|"
    r"(?:job|position|offer|role|career)[ \t]+(?:at|with))[ \t]+(?:the[ \t]+)?"
    rf"(?P<org>{_BRAND_WORDS})"
)
_BRAND_AFTER = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}'’-])(?P<org>{_BRAND_WORDS})(?:['’]s[ \t]+(?i:{_BRAND_ROLES}|board|headquarters|"
    r"shareholders|employees|staff|stock|shares|share[ \t]+price|earnings|revenue)\b|[ \t]+(?:announced|"
    r"reported|unveiled|launched|acquired|has[ \t]+acquired|shares[ \t]+(?:rose|fell)|"
    r"(?:is|was)[ \t]+(?:headquartered|based)[ \t]+in)\b)"
)
_NOT_BRAND = frozenset((
    "the", "a", "an", "my", "our", "his", "her", "their", "your", "this", "that", "i", "we", "he", "she",
    "they", "it", "mr", "mrs", "ms", "dr", "company", "team", "everyone",
))  # fmt: skip


class BrandRoleRecognizer(SpanRecognizer):
    """Invented or real company names read from the role they play ("joined Verdafero", "works at
    Xignite", "CEO of Kollar Brothers", "Numedii's CEO", "Telenav announced"): one to four capitalised
    words, not made only of common English words and not a place. Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Capitalised words in an organisation slot."""
        # After a cue ("works at Walmart") a proper noun is the employer unless very common English.
        for pattern, common in ((_BRAND_BEFORE, COMMON_WORD_ZIPF), (_BRAND_AFTER, RARE_WORD_ZIPF)):
            for match in pattern.finditer(text):
                found = match.group("org")
                words = found.split()
                if words[0].lower().strip("'’") in _NOT_BRAND or _is_place_word(found):
                    continue
                if all(is_frequent_word(word.strip("&'’"), common) for word in words if word != "&"):
                    continue  # "joined Marketing", "Sales announced"
                yield match.start("org"), match.end("org"), 0.5


class FieldOrganisationRecognizer(SpanRecognizer):
    """Organisation names read from where they stand: the value of a JSON, form or CSV field whose key
    names an employer or organisation ("employer": "hodge-reed", "Organisation: Bluestone Logistics", a
    club column), family firms ("Maillot & Daughters"), the company of a "- Aleksandrs at Swiftpeak"
    signature and a shop thanked for custom ("shopping with Oralu"). Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Fields, family firms, signatures and shops."""
        for key, start, end in _field_values(text):
            value = text[start:end]
            if (
                _ORG_KEY_FULL.fullmatch(key)
                and _VALUE_ORG.fullmatch(value)
                and value.strip(". ").lower() not in _NO_VALUE
                and not _is_place_word(value)
            ):
                yield start, end, 0.55
        for match in _FAMILY_FIRM.finditer(text):
            head = match.group("org").split()[0]
            if head.lower() not in _NOT_BRAND and not is_everyday_word(head):
                yield match.start("org"), match.end("org"), 0.55
        for match in _UNIVERSITY.finditer(text):
            yield match.start("org"), match.end("org"), 0.55
        for pattern in (_SIGNED_AT, _CUSTOMER_OF):
            for match in pattern.finditer(text):
                found = match.group("org")
                if found.split()[0].lower() in _NOT_BRAND or _is_place_word(found):
                    continue
                if all(is_frequent_word(word, COMMON_WORD_ZIPF) for word in found.split()):
                    continue
                yield match.start("org"), match.end("org"), 0.55


__all__ = [
    "BrandRoleRecognizer",
    "CompanyRecognizer",
    "EmployerAfterJobRecognizer",
    "EmployerBeforeOfficeRecognizer",
    "EmployerRecognizer",
    "FieldOrganisationRecognizer",
    "JobAtEmployerRecognizer",
    "LegalFormCompanyRecognizer",
    "OrganizationNameRecognizer",
    "ProfessionRecognizer",
    "RoleCompanyRecognizer",
    "TownAgencyRecognizer",
]
