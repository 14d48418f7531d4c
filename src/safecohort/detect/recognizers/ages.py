"""Ages: over 89 in notes (HIPAA Safe Harbor aggregates them into "90 or older"); in general text
ages of any value after a cue, after a name and a comma, beside a sex, or in a table's age column."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from safecohort.detect.recognizers.base import (
    GENERAL_ONLY,
    ClinicalPatternRecognizer,
    Pattern,
    SpanRecognizer,
    _TableCellRecognizer,
)
from safecohort.detect.recognizers.names_lexicon import _TITLE_WORD
from safecohort.detect.vocab.lexicon import lexicon
from safecohort.detect.vocab.words import is_everyday_word

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


# --- ages ----------------------------------------------------------------------------------------------

_AGE_NUMBER = r"(?:1[01]\d|12[0-5]|\d{1,2})"


class AgeRecognizer(ClinicalPatternRecognizer):
    """Ages of any value: "79 year old", "a 38-year-old", "aged 35", "age: 22", "I'm 35", "just turned
    60", "I'll turn 23", "when he was 64". Entity AGE: whether an age under 90 is an identifier is the
    policy's call (HIPAA Safe Harbor keeps them; presidio's benchmark counts them). Clinical-safe: no
    (every age in a note would be reported; ages over 89 have AGE_OVER_89)."""

    ENTITY = "AGE"
    PROFILES = GENERAL_ONLY
    PATTERNS = (
        Pattern(
            "age before years old",
            rf"(?<![\w.]){_AGE_NUMBER}(?=[ \t]*-?[ \t]*(?i:y/o|y\.o\.?|yo(?:[mf])?\b|yrs?\.?[ \t-]*old"
            r"|years?[ \t-]*old|years?[ \t]+of[ \t]+age|year-old))",
            0.8,
        ),
        Pattern(
            "age after 'age'",
            rf"(?<=\b(?i:aged?|age[ \t]+of)[ \t]*[:=]?[ \t]*){_AGE_NUMBER}\b"
            r"(?![ \t]*(?i:days?|weeks?|months?|%))",
            0.8,
        ),
        Pattern(
            "age after a turning or being verb",
            rf"(?<=\b(?i:turned|turn|turning|i'm|i[ \t]+am|he[ \t]+was|she[ \t]+was|they[ \t]+were)[ \t]+)"
            rf"{_AGE_NUMBER}\b(?![ \t]*(?i:days?|weeks?|months?|minutes?|hours?|%|mg|kg|lbs?|pounds?|percent|"
            r"times|pm|am|o'clock|feet|foot|ft|inch|inches|in\b|cm|m\b|miles?|km|[:.,]\d))",
            0.6,
        ),
    )
    CONTEXT = ("age", "old", "birthday", "turned")


class TableAgeRecognizer(_TableCellRecognizer):
    """Ages in the "age" column of a delimited table ("pos,bib,name,age" / "1,601,Ann Lee,68").
    Clinical-safe: no (ages under 90 are no Safe Harbor identifier)."""

    ENTITY = "AGE"


# "Ana Silva, 80, reported": a full name, then an age between commas and a lower-case word.
_NAME_COMMA_AGE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<first>{_TITLE_WORD})[ \t]+(?:(?:van|von|de|da|del|der|le|la)[ \t]+)?"
    rf"(?P<last>{_TITLE_WORD}),[ \t](?P<age>{_AGE_NUMBER}),[ \t]+\p{{Ll}}{{3,}}"
)
# "expat here (50F)", "(M, 34)": an age with a sex in brackets.
_SEX_AGE = regex.compile(
    rf"(?<=\(){_AGE_NUMBER}(?=[ \t]?[MFmf]\))|(?<=\([MFmf][ \t]*[,/]?[ \t]*){_AGE_NUMBER}(?=\))"
)


class ContextAgeRecognizer(SpanRecognizer):
    """Ages written the way news reports and forums give them: after a full name between commas
    ("Ana Silva, 80, reported ...", the first name listed, the surname no everyday word) and with a sex
    in brackets ("expat here (50F)", "(M, 34)"). Clinical-safe: no (every age would be reported)."""

    ENTITY = "AGE"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Ages after a full name between commas, ages beside a sex in brackets."""
        if ", " in text:
            lex = lexicon()
            for match in _NAME_COMMA_AGE.finditer(text):
                if lex.is_name(match["first"]) and not is_everyday_word(match["last"]):
                    yield match.start("age"), match.end("age"), 0.6
        if "(" in text:
            for match in _SEX_AGE.finditer(text):
                yield match.start(), match.end(), 0.7


__all__ = [
    "AgeOver89Recognizer",
    "AgeRecognizer",
    "ContextAgeRecognizer",
    "TableAgeRecognizer",
]
