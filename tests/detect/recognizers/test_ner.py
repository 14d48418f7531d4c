"""spaCy NER as the scanner keeps it: name spans trimmed, places confirmed, organisations on general text."""

from __future__ import annotations

import pytest

from safecohort.detect.recognizers import ClinicalSpacyRecognizer, _name_end, _name_start

# ----------------------------------------------------------------------------------------------------------
# Clinical person names through the real analyzer and spaCy model: names written surname first, with
# particles and letters beyond ASCII, before roles and credentials, after kinship words, in hand-offs and
# chat; and the clinical text and everyday words that must stay untouched.
# ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Prosector Tracy Stokes, MD", "Tracy Stokes"),
        ("ORDERING Rebecca Gomez", "Rebecca Gomez"),
        ("Grace Anderson   DOB", "Grace Anderson"),
        ("AOIFE\tJob", "AOIFE"),
        ("Abebe White RN", "Abebe White"),
        ("Fionn Oduya, MS, CGC", "Fionn Oduya"),
        ("James at", "James"),
    ],
)
def test_ner_name_spans_are_trimmed(text: str, name: str) -> None:
    """A name spaCy found loses the role word before it, the next form field and the credential after it."""
    start = _name_start(text, 0, len(text))
    assert text[start : _name_end(text, start, len(text))] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [("CWOCN", ""), ("Doula Ines Brandt", "Ines Brandt"), ("STEPDAUGHTER EMILY", "EMILY")],
)
def test_ner_spans_lose_credentials_and_relations(text: str, name: str) -> None:
    start = _name_start(text, 0, len(text))
    assert text[start : _name_end(text, start, len(text))] == name


# ----------------------------------------------------------------------------------------------------------
# The place gazetteer and the place readers: what they must find after a cue, and what must stay.
# ----------------------------------------------------------------------------------------------------------


def test_ner_places_confirmed_by_the_gazetteer() -> None:
    from presidio_analyzer import RecognizerResult

    text = "I'm in Miami, at the conference. Pleura clear."
    keep = ClinicalSpacyRecognizer._is_identifier
    assert keep(RecognizerResult("LOCATION", 7, 12, 0.85), text)  # no Faker list has Miami
    assert not keep(RecognizerResult("LOCATION", 33, 39, 0.85), text)  # a clinical word


def test_ner_place_after_a_capitalised_the_is_a_company() -> None:
    from presidio_analyzer import RecognizerResult

    text = "workers' comp claim, carrier The Hartford, adjuster Fields. Seen in Hartford."
    keep = ClinicalSpacyRecognizer._is_identifier
    assert not keep(RecognizerResult("LOCATION", 33, 41, 0.85), text)
    assert keep(RecognizerResult("LOCATION", 69, 77, 0.85), text)


# ----------------------------------------------------------------------------------------------------------
# Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
# (clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "org", "kept"),
    [
        ("He works at Ostrander Logistics now.", "Ostrander Logistics", True),
        ("Bought from Adams and Sons last week.", "Adams and Sons", True),
        ("I work for 48 Factoring Inc today.", "48 Factoring Inc", True),
        ("She joined UNHCR in May.", "UNHCR", True),
        ("Scott is a very kind person.", "Scott", True),
        ("New hire, SSN 123-45-6789, DOB 01/02/80.", "SSN", False),
        ("Holder: IBAN: GB00 TEST 0000", "IBAN", False),
        ("City/State/ZIP: Springfield, IL 62701", "City/State/ZIP", False),
        ("Refer to Ticket AB-123456 for details.", "Ticket AB-123456", False),
        ("Dear Mr Halvorsen, thank you.", "Dear Mr Halvorsen", False),
        ("Customs declaration attached.", "Customs", False),
        ("The Lincoln room is booked.", "Lincoln", False),
        ("Ms Oyelaran (their CFO) called.", "CFO", False),
        ("For sale: a Vauxhall Mixer, barely used.", "Vauxhall Mixer", False),
        ("Promoted to Head of Customer Success in June.", "Customer Success", False),
    ],
)
def test_spacy_organisations_on_general_text(text: str, org: str, kept: bool) -> None:
    from safecohort.detect.recognizers.ner import _is_organisation

    start = text.index(org)
    assert _is_organisation(text, start, start + len(org)) is kept
