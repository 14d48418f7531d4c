"""Ages: over 89 in notes; ages of any value in general text (after a cue, a name, a sex, in a table).

Cases whose pytest id starts with a tuning split (``dev2-``, ``dev4-``, ``dev5-``) were written when
that split of a bench corpus was studied; the examples themselves are invented."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from helpers.recognizers import spans
from safecohort.detect.recognizers import (
    AgeRecognizer,
    ContextAgeRecognizer,
    TableAgeRecognizer,
)

# ----------------------------------------------------------------------------------------------------------
# Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
# (clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


POSITIVE = [
    # ages of any value
    (AgeRecognizer, "This 79 year old man was seen.", "79"),
    (AgeRecognizer, "a 38-year-old woman", "38"),
    (AgeRecognizer, "aged 35, lives alone", "35"),
    (AgeRecognizer, "age: 22", "22"),
    (AgeRecognizer, "My sister just turned 41", "41"),
    (AgeRecognizer, "I'm 35 and healthy", "35"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE)
def test_finds(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


NEGATIVE = [
    (AgeRecognizer, "Pain 7 out of 10, on day 3 of antibiotics."),
    (AgeRecognizer, "Potassium was 4 and she is 5 feet tall."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


# ----------------------------------------------------------------------------------------------------------
# Places, ages, day-month dates, lower-case IBANs and structured addresses of the general profile
# (exports, forms, chat): invented examples of what each rule must find and what it must leave alone,
# clinical text included. Recognizers run directly, without the spaCy pipeline.
#
# Written when the dev2 split of a bench corpus was studied (its cases' ids start with dev2-).
# ----------------------------------------------------------------------------------------------------------


POSITIVE_EXPORTS = [
    # delimited tables: the header names the column
    pytest.param(
        TableAgeRecognizer,
        "rank;runner;age;team\n1;Tove Lind;34;Kestrel AC\n2;Omar Diaz;61;Harbour RC",
        "34",
        id="dev2-rank-runner-age-team-1-tove",
    ),
    pytest.param(
        TableAgeRecognizer,
        "rank;runner;age;team\n1;Tove Lind;34;Kestrel AC\n2;Omar Diaz;61;Harbour RC",
        "61",
        id="dev2-rank-runner-age-team-1-tove",
    ),
    # a comma inside the last field leaves the cells before it in place
    pytest.param(
        TableAgeRecognizer,
        "id,name,age,employer\n7,Ida Berg,45,Lund, Falk and Sons",
        "45",
        id="dev2-id-name-age-employer-7-ida",
    ),
    # ages from their setting
    pytest.param(
        ContextAgeRecognizer,
        "Police said Marta Kowalska, 72, was unhurt.",
        "72",
        id="dev2-police-said-marta-kowalska-72-was",
    ),
    pytest.param(
        ContextAgeRecognizer,
        "Nurse here (31F) looking for a flatmate.",
        "31",
        id="dev2-nurse-here-31f-looking-for-a",
    ),
    pytest.param(
        ContextAgeRecognizer,
        "Dad (M, 58) wants advice on running shoes.",
        "58",
        id="dev2-dad-m-58-wants-advice-on",
    ),
]


@pytest.mark.parametrize(("recognizer", "text", "expected"), POSITIVE_EXPORTS)
def test_finds_exports(recognizer: type[EntityRecognizer], text: str, expected: str) -> None:
    assert expected in spans(recognizer, text)


NEGATIVE_EXPORTS = [
    # tables without such a column, or cells of the wrong shape
    pytest.param(
        TableAgeRecognizer, "rank;runner;team\n1;Tove Lind;Kestrel AC", id="dev2-rank-runner-team-1-tove-lind"
    ),
    pytest.param(
        TableAgeRecognizer, "id,name,age,team\n7,Ida Berg,unknown,Lund", id="dev2-id-name-age-team-7-ida"
    ),
    # numbers between commas that are no age; lab values and vitals in notes
    pytest.param(ContextAgeRecognizer, "Potassium, 42, was repeated.", id="dev2-potassium-42-was-repeated"),
    pytest.param(
        ContextAgeRecognizer, "Seen in Ward Seven, 12, beds available.", id="dev2-seen-in-ward-seven-12-beds"
    ),
    pytest.param(
        ContextAgeRecognizer, "BP 120/80 (sitting), HR 72, RR 16.", id="dev2-bp-120-80-sitting-hr-72"
    ),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE_EXPORTS)
def test_leaves_alone_exports(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []
