"""spaCy NER: :class:`ClinicalSpacyRecognizer` keeps the entities that are identifiers and drops what the
model tags as a date but is not one ("3 days", "45 years old", "yesterday"); the spaCy label maps
(``SPACY_LABELS``, ``SPACY_IGNORED_LABELS``) and ``ENTITY_ALIASES``, and the helpers that trim or check
a span NER found (``_name_start``, ``_name_end``, ``_may_name_someone``, ``_is_known_place``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from safecohort.detect.recognizers.base import _CREDENTIAL, _DEGREE, _NOT_A_NAME, LANGUAGE
from safecohort.detect.recognizers.names import _RELATION
from safecohort.detect.vocab.gazetteer import is_known_place
from safecohort.detect.vocab.lexicon import lexicon
from safecohort.detect.vocab.words import is_common_word, zipf

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


# spaCy tags these as DATE; none is an element of a date under Safe Harbor.
_AGE_PHRASE = re.compile(
    r"(?i)\b(?:years?|yrs?|y/?o|months?|weeks?|days?)[ \t-]*old\b|(?:\b|(?<=\d))yo\b|\bof age\b|\bage[sd]?\b"
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
_WORD_AND_NUMBER = re.compile(r"(?:([A-Za-z]+)\.?,?\s+)?(\d+)[MF]?")  # "95F": an age and sex
_YEAR = re.compile(r"(?:19|20)\d\d")
# A word and a decimal spaCy tagged DATE is a reading ("T 38.9", "K 3.3"), unless the word is a month.
_WORD_AND_DECIMAL = re.compile(r"([A-Za-z]+)\.?:?\s+\d{1,3}\.\d+")
_AGE_BEFORE = re.compile(r"(?i)\bage[sd]?\s*(?:of\s*)?[:=]?\s*$")
_AGE_AFTER = re.compile(r"(?i)^\s*-?\s*(?:y/?o\b|y\.o\.|yrs?\b|years?\b|year-old)")
_NOT_A_NAME_INSIDE = ("@", "://", "www.")


_LEADING_WORD = re.compile(r"([A-Za-z]+)\.?[ \t]+")


def _name_start(text: str, start: int, end: int) -> int:
    """Where a name NER found really starts: leading words that are common English and not listed names
    ("Daughter Katherine Cisneros", "Patient Jones") are not part of it; a span made only of such words
    ("Patient") ends up empty."""

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
_ROLE_BEFORE_NAME = re.compile(rf"{_NOT_A_NAME}|(?i:pcp)|{_RELATION}")
# Fields of a form stand apart by two spaces or more: a name NER runs into the next label ("Grace
# Anderson   DOB", "AOIFE   Job title") ends where the gap starts.
_FIELD_GAP = re.compile(r"[ \t]{2,}|\t|\n")


def _name_end(text: str, start: int, end: int) -> int:
    """Where a name NER found really ends: before the first gap between form fields inside it, before a
    credential that closes it ("Abebe White RN"), and before lower-case words after it ("James at")."""
    if _CREDENTIAL_ONLY.fullmatch(text, start, end):  # "CWOCN", "FASNC": a credential alone
        return start
    gap = _FIELD_GAP.search(text, start, end)
    end = end if gap is None else gap.start()
    credential = _CREDENTIAL_AT_END.search(text, start, end)
    end = end if credential is None else credential.start()
    lower = _LOWER_CASE_AT_END.search(text, start, end)  # "Dr. James at Diaz Primary Care"
    return end if lower is None or not text[start:end][:1].isupper() else lower.start()


_CREDENTIAL_AT_END = re.compile(rf"(?:[ \t]*,?[ \t]+(?:{_CREDENTIAL}|{_DEGREE}))+$")
_CREDENTIAL_ONLY = re.compile(rf"(?:{_CREDENTIAL}|{_DEGREE})(?:[ \t]*,?[ \t]+(?:{_CREDENTIAL}|{_DEGREE}))*")
_LOWER_CASE_AT_END = re.compile(r"(?:[ \t]+[a-z]+)+$")

# A time of day is no element of a date: it is cut off the end of a date NER found ("Mar 3, 14:05", "at
# 1:15 PM"), and a span that is only a time is dropped. An ISO time stamp ("2019-10-31T06:36") stays whole,
# as ClinicalDateRecognizer reports it.
_TIME_AT_END = re.compile(
    r"(?<!\d{4}-\d\d-\d\d)(?<!\d{4}-\d\d-\d\d[ T])"
    r"(?:(?<=\d)T|[ \t]*[,@]?[ \t]*(?:(?<![A-Za-z])(?i:at)[ \t]+)?)(?<![\d:])"
    r"\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?(?:[ \t]*(?i:[ap]\.?m\.?|hrs?|h)\b)?[ \t,;.]*$"
)


def _date_pieces(text: str, result: RecognizerResult) -> list[RecognizerResult]:
    """The parts of a date NER found that may be dates: NER runs across form fields ("May 17 1925  95F
    CSN 10517490379", "NPI 1959458706  2017-01-09T00:39"), so the span is split where two spaces or more
    part fields, and a time of day is cut off the end of each part."""
    pieces = []
    start = result.start
    for gap in [*_FIELD_GAP.finditer(text, result.start, result.end), None]:
        end = result.end if gap is None else gap.start()
        time = _TIME_AT_END.search(text, start, end)
        piece_end = end if time is None else time.start()
        if start < piece_end:
            pieces.append(
                RecognizerResult(
                    result.entity_type,
                    start,
                    piece_end,
                    result.score,
                    result.analysis_explanation,
                    result.recognition_metadata,
                )
            )
        start = end if gap is None else gap.end()
    return pieces


def _may_name_someone(span: str) -> bool:
    """Whether a name or place NER found holds a word that may be one: listed as a name or place in any
    locale Faker ships, or unknown to English word lists. spaCy's small model tags capitalised clinical
    words ("Pleura", "Afebrile", "Sudafed") as people and places; those are English words no list names."""

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
    :func:`safecohort.detect.vocab.is_known_place`), and not a company named after it ("carrier The
    Hartford"): a capitalised "The" before a city that does not take one names something else."""

    span = text[result.start : result.end].strip()
    if text[max(0, result.start - 4) : result.start] == "The " and not is_known_place(f"The {span}"):
        return False
    return is_known_place(span)


# spaCy's ORG on general text also tags field labels and the acronyms of fields and roles ("SSN", "DOB",
# "IBAN", "CFO"), salutations ("Dear Mr Drake"), serial and ticket numbers and products ("Ford Transit").
_FIELD_ACRONYMS = frozenset(
    {"ssn", "dob", "iban", "bic", "swift", "vat", "sn", "id", "pin", "mrn", "ceo", "cfo", "cto", "coo", "cio"}
)
_HONORIFIC_START = re.compile(r"(?i)(?:dear|mr|mrs|ms|miss|dr|prof)\b")
_LABEL_AFTER = re.compile(r"[ \t]*:")
_THE_BEFORE = re.compile(r"\b(?i:the)[ \t]+$")
#: Words that close an organisation's name although English uses them every day ("Adams and Sons").
_ORG_HEAD_WORDS = frozenset(
    {
        "sons", "brothers", "bros", "bank", "group", "university", "college", "school", "schools", "hospital",
        "clinic", "council", "ministry", "department", "office", "agency", "service", "services", "bureau",
        "association", "society", "club", "church", "museum", "library", "foundation", "institute", "trust",
        "authority", "commission", "committee", "court", "police", "airlines", "airways", "lines", "press",
        "times", "news", "post", "research", "care", "partners", "union", "federation", "centre", "center",
        "logistics", "motors", "media", "foods", "studios", "labs", "pharmaceuticals", "electronics",
        "energy", "construction", "realty", "properties", "hotels", "shipping", "freight", "transport",
    }
)  # fmt: skip
#: A lone word English uses this much is no organisation spaCy should report alone ("Customs", "Chase").
_COMMON_ORG_WORD_ZIPF = 3.5


def _is_organisation(text: str, start: int, end: int) -> bool:
    """Whether an ORG span spaCy found on general text may name one: not a field label (a span before
    ":"), an acronym of a field or role, a salutation, a span holding digits or a "/" ("Ticket CS-705811",
    "City/State/ZIP"), a lone everyday English word, or capitalised words closed by an everyday noun that
    is no organisation head ("Kenwood Chef", "Customer Success")."""

    span = text[start:end].strip()
    words = span.split()
    if not words or _LABEL_AFTER.match(text, end) or _HONORIFIC_START.match(span):
        return False
    last = words[-1].strip(".,").lower()
    lex = lexicon()
    head = last in _ORG_HEAD_WORDS or last in lex.company_suffixes
    if "/" in span or (any(ch.isdigit() for ch in span) and not head):  # "48 Factoring Inc" stays
        return False
    if len(words) == 1:
        # "IBM", "UNHCR": an acronym names something; spaCy also tags a lone person "ORG" ("Scott is ..."),
        # but a listed name after "the" is a thing ("the Lincoln room").
        acronym = span.isupper() and len(span) <= 5
        named = lex.is_name(last) and not _THE_BEFORE.search(text, max(0, start - 5), start)
        return last not in _FIELD_ACRONYMS and (
            acronym or named or "-" in last or zipf(last) < _COMMON_ORG_WORD_ZIPF
        )
    return head or zipf(last) < _COMMON_ORG_WORD_ZIPF or lex.is_name(last)


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
            if result.entity_type == "ORGANIZATION":
                if text.startswith(("the ", "The "), result.start):
                    result.start += 4  # "the Mortier-Staelens NV office"
                lower = _LOWER_CASE_AT_END.search(text, result.start, result.end)  # "Vidica Zakoč of"
                result.end = result.end if lower is None else lower.start()
            pieces = _date_pieces(text, result) if result.entity_type == "DATE_TIME" else [result]
            kept += [r for r in pieces if r.start < r.end and self._is_identifier(r, text)]
        return kept

    @staticmethod
    def _is_identifier(result: RecognizerResult, text: str) -> bool:
        span = text[result.start : result.end].strip()
        if result.entity_type in ("PERSON", "LOCATION"):
            if any(marker in span for marker in _NOT_A_NAME_INSIDE) or not any(ch.isalpha() for ch in span):
                return False
            if result.entity_type == "PERSON" and any(ch.isdigit() for ch in span):  # "RxGrp BBB517"
                return False
            place = result.entity_type == "LOCATION" and _is_known_place(text, result)
            if not (place or _may_name_someone(span)):
                return False
            return not (result.entity_type == "LOCATION" and len(span) == 2 and span.isupper())
        if result.entity_type == "ORGANIZATION":
            return _is_organisation(text, result.start, result.end)
        if result.entity_type == "DATE_TIME":
            number = _WORD_AND_NUMBER.fullmatch(span)
            if number and not (_YEAR.fullmatch(number[2]) or (number[1] and _DATE_WORD.match(number[1]))):
                return False
            reading = _WORD_AND_DECIMAL.fullmatch(span)
            if reading and not _DATE_WORD.match(reading[1]):
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
    "ClinicalSpacyRecognizer",
]
