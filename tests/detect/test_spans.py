"""Span completion: a found name grows over the rest of its name and stops where the sentence goes on.

The cases are written for this test (no corpus note): each gives a sentence, the part a recognizer found
and the whole name; the stopping cases give what must stay outside (the words after a name that are the
sentence, a second person, a department, a date). The last tests run the scanner end to end.
"""

from __future__ import annotations

import pytest

from safecohort.detect.spans import MAX_WORDS, complete_names
from safecohort.detect.text import DEFAULT_MODEL, get_scanner
from safecohort.policy import NotesSpec


def _grow(text: str, found: str, kind: str, others: tuple[tuple[str, str], ...] = ()) -> str:
    """The text of ``found`` (a substring of ``text``, of ``kind``) after completion, beside ``others``."""
    start = text.index(found)
    findings = [(start, start + len(found), kind)]
    for other, other_kind in others:
        at = text.index(other)
        findings.append((at, at + len(other), other_kind))
    grown_start, grown_end = complete_names(text, findings)[0]
    return text[grown_start:grown_end]


@pytest.mark.parametrize(
    ("text", "found", "kind", "whole"),
    [
        pytest.param(
            "She attends the Boston Center for the Homeless Program on Tuesdays.",
            "Boston Center",
            "ORGANIZATION",
            "Boston Center for the Homeless Program",
            id="for-the",
        ),
        pytest.param(
            "He was transferred from the University of Michigan yesterday.",
            "University",
            "ORGANIZATION",
            "University of Michigan",
            id="of",
        ),
        pytest.param(
            "Referred to the Department of Veterans Affairs clinic.",
            "Department",
            "ORGANIZATION",
            "Department of Veterans Affairs",
            id="of-two-words",
        ),
        pytest.param(
            "Found at Lincoln Park Zoo by police.",
            "Lincoln Park",
            "LOCATION",
            "Lincoln Park Zoo",
            id="landmark-head",
        ),
        pytest.param(
            "Lives by the Golden Gate Bridge with his wife.",
            "Golden Gate",
            "LOCATION",
            "Golden Gate Bridge",
            id="bridge",
        ),
        pytest.param(
            "Works for Acme Widgets Inc. as a welder.",
            "Acme Widgets",
            "ORGANIZATION",
            "Acme Widgets Inc.",
            id="company-suffix",
        ),
        pytest.param(
            "Transported by Ordinary Police Department to the ED.",
            "Ordinary",
            "ORGANIZATION",
            "Ordinary Police Department",
            id="run-to-head",
        ),
        pytest.param(
            "The Old Vicarage Surgery\n110 High Street",
            "Vicarage Surgery",
            "HOSPITAL",
            "The Old Vicarage Surgery",
            id="letterhead-line",
        ),
        pytest.param(
            "She was seen at the Old Vicarage Surgery last week.",
            "Vicarage Surgery",
            "HOSPITAL",
            "Old Vicarage Surgery",
            id="words-before-not-the",
        ),
        pytest.param(
            "TRANSFERRED FROM BOSTON CENTER FOR THE HOMELESS PROGRAM.",
            "BOSTON CENTER",
            "ORGANIZATION",
            "BOSTON CENTER FOR THE HOMELESS PROGRAM",
            id="capitals-run-to-head",
        ),
        pytest.param(
            "Juan van der Merwe was called.", "Juan", "PERSON", "Juan van der Merwe", id="particles"
        ),
        pytest.param(
            "HCP: Oyelaran Bunch, (724) 733 8761.",
            "Bunch",
            "PERSON",
            "Oyelaran Bunch",
            id="rare-given-name",
        ),
    ],
)
def test_a_name_grows_over_the_rest_of_it(text: str, found: str, kind: str, whole: str) -> None:
    assert _grow(text, found, kind) == whole


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        pytest.param(
            "Seen at Mercy Hospital for chest pain.", "Mercy Hospital", "HOSPITAL", id="for-lowercase"
        ),
        pytest.param(
            "SEEN AT MERCY HOSPITAL FOR CHEST PAIN.", "MERCY HOSPITAL", "HOSPITAL", id="capitals-for"
        ),
        pytest.param(
            "Dr. Smith and the patient discussed the plan.", "Smith", "PERSON", id="and-the-patient"
        ),
        pytest.param("Dr. Smith and Dr. Jones saw her.", "Smith", "PERSON", id="second-person"),
        pytest.param(
            "Mercy Hospital Emergency Department called.", "Mercy Hospital", "HOSPITAL", id="department"
        ),
        pytest.param(
            "Eastville Medical Center Department of Radiology",
            "Eastville Medical Center",
            "HOSPITAL",
            id="department-of-the-hospital",
        ),
        pytest.param(
            "Seen at Mercy Hospital Monday for follow-up.", "Mercy Hospital", "HOSPITAL", id="weekday"
        ),
        pytest.param("Admitted to Mercy Hospital ICU overnight.", "Mercy Hospital", "HOSPITAL", id="unit"),
        pytest.param(
            "Follow up with Dr. Chase at Kindred Hospital.", "Chase", "PERSON", id="person-at-hospital"
        ),
        pytest.param("Called Sleep Center to reschedule.", "Sleep Center", "HOSPITAL", id="sentence-opener"),
        pytest.param("Seen by Smith Tylenol given.", "Smith", "PERSON", id="drug-after-name"),
        pytest.param("Patient Smith was seen today.", "Smith", "PERSON", id="patient-before-name"),
        pytest.param(
            "Performing site: Baystate Noble  Scanner: CT1", "Baystate Noble", "PERSON", id="two-spaces"
        ),
        pytest.param("Seen by Dr. Noble Scanner reading.", "Noble", "PERSON", id="no-rare-word-after"),
        pytest.param(
            "DISCHARGE SUMMARY -- TRANSITION TO HOSPICE (Drake Pavilion)",
            "HOSPICE",
            "PHI",
            id="heading-words",
        ),
        pytest.param(
            "Called Mercy Hospital\nOncology Clinic for records.", "Mercy Hospital", "HOSPITAL", id="line"
        ),
    ],
)
def test_a_name_stops_where_the_sentence_goes_on(text: str, found: str, kind: str) -> None:
    assert _grow(text, found, kind) == found


def test_a_name_never_takes_another_finding() -> None:
    text = "Seen at Mercy Hospital Center 3/4/2021."
    assert _grow(text, "Mercy", "HOSPITAL", (("Hospital Center 3/4/2021", "DATE_TIME"),)) == "Mercy"
    # ... but grows into the rest of a name of its own kind, whole
    text = "Admitted to Mercy Hospital and Medical Center on 3/4."
    both = (("Medical Center", "HOSPITAL"),)
    assert _grow(text, "Mercy Hospital", "HOSPITAL", both) == "Mercy Hospital and Medical Center"
    text = "Previously at Miller Ltd and Martin, Jones and Sons."
    other = (("Martin, Jones and Sons", "ORGANIZATION"),)
    assert _grow(text, "Miller Ltd", "ORGANIZATION", other) == "Miller Ltd and Martin, Jones and Sons"


def test_growth_is_bounded() -> None:
    words = " ".join(["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"])
    text = f"Sent to the Center of {words} Hall today."
    grown = _grow(text, "Center", "ORGANIZATION")
    assert grown.startswith("Center of") and len(grown.split()) <= 2 + MAX_WORDS


def test_other_kinds_keep_their_range() -> None:
    text = "Seen on Monday March 3 of Spring Term."
    assert complete_names(text, [(8, 22, "DATE_TIME")]) == [(8, 22)]
    assert complete_names("", []) == []


def _scan(text: str) -> list[str]:
    scanner = get_scanner(DEFAULT_MODEL, NotesSpec(workers=1))
    return [text[f.start : f.end] for f in scanner.scan([text])[0]]


def test_the_scanner_completes_names_and_stops() -> None:
    text = "She attends the Boston Center for the Homeless Program; seen at Mercy Hospital for chest pain."
    found = _scan(text)
    assert "Boston Center for the Homeless Program" in found
    assert "Mercy Hospital" in found and not any("chest" in span for span in found)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        pytest.param("Transcribed by: JKL 03/04/2021", "JKL", id="initials-colon"),
        pytest.param("Dictated by: RTW", "RTW", id="dictated-initials"),
        pytest.param("Transcribed by jkl/mn", "jkl", id="lower-case-initials"),
    ],
)
def test_user_initials_after_transcribed_by(text: str, initials: str) -> None:
    assert any(initials in span for span in _scan(text))
