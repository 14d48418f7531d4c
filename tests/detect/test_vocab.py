"""Word lists behind case normalisation, NER gating and the clinical allow-list."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from safecohort.detect.vocab import (
    clinical_terms,
    is_clinical_phrase,
    is_common_word,
    may_be_name,
    ner_segments,
    truecase,
)


def test_truecase_reads_capitals_as_words_and_names() -> None:
    text = "PT RESTING. DTR MARY AT BEDSIDE. BROWN SPUTUM. SEEN BY JOHN KOWALCZYK RN.\nNormal line, Dr. Hope."
    assert truecase(text) == (
        "pt resting. dtr Mary at bedside. brown sputum. seen by John Kowalczyk rn.\nNormal line, Dr. Hope."
    )


@given(st.text())
def test_truecase_keeps_length_and_letters(text: str) -> None:
    cased = truecase(text)
    assert len(cased) == len(text)
    assert cased.lower() == text.lower()


def test_everyday_words_and_clinical_terms_are_not_names() -> None:
    for word in ("BROWN", "HOPE", "MAY", "WILL", "SPUTUM", "LASIX", "FOLEY", "PARKINSON'S", "BP"):
        assert not may_be_name(word), word
    for word in ("MARY", "KOWALCZYK", "SIIRI", "Lisa"):
        assert may_be_name(word), word


def test_ner_reads_only_sentences_that_may_hold_a_name() -> None:
    text = "Pt c/o CP. BP 120/80, HR 72. Daughter Karen Ostrowski called. Lasix 40 mg given."
    segments = [text[a:b].strip() for a, b in ner_segments(text)]
    assert segments == ["Daughter Karen Ostrowski called."]


def test_clinical_phrases() -> None:
    assert is_clinical_phrase("Foley")
    assert is_clinical_phrase("Parkinson's")
    assert is_clinical_phrase("Bell", "'s palsy resolved")
    assert not is_clinical_phrase("Bell", " called back")
    assert not is_clinical_phrase("Mary Foley")
    assert "lasix" in clinical_terms()


def test_common_words() -> None:
    assert is_common_word("Patient") and is_common_word("Daughter")
    assert not is_common_word("Katherine") and not is_common_word("Grace")
