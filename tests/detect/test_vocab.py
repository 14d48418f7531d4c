"""Word lists behind case normalisation, NER gating and the clinical allow-list."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecohort.detect.vocab import (
    WEAK_CUE_POPULATION,
    clinical_terms,
    gazetteer,
    is_clinical_phrase,
    is_common_word,
    is_everyday_place,
    is_frequent_word,
    is_known_place,
    lexicon,
    may_be_name,
    ner_segments,
    read_place,
    street_words,
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


# ----------------------------------------------------------------------------------------------------------
# --- the gazetteer --------------------------------------------------------------------------------------


def test_gazetteer_is_read_once_and_holds_cities_countries_and_states() -> None:
    places = gazetteer()
    assert gazetteer() is places
    assert 100_000 < len(places.cities) < 300_000
    assert places.population("Chicopee") > 50_000
    assert places.population("TRUTH OR CONSEQUENCES") >= WEAK_CUE_POPULATION
    assert places.is_city("Den Haag") and places.is_city("København")  # other names of large cities
    assert places.is_country("the Dominican Republic") and places.is_country("england")
    assert places.is_us_state("New Mexico") and not places.is_us_state("NM")


def test_gazetteer_leaves_out_what_it_cannot_use() -> None:
    places = gazetteer()
    assert places.population("Jameshaven") == 0  # invented
    assert not places.is_city("Москва")  # other scripts
    assert not places.is_city("Wean")  # a one-word transliteration, an English word
    assert not places.is_country("Foley")


@pytest.mark.parametrize(
    ("word", "everyday"),
    [
        ("Chicopee", False),
        ("Chicago", False),
        ("Lewiston", False),
        ("Hope", True),  # an English word far more frequent than a town of 10,000 explains
        ("Normal", True),
        ("Mobile", True),
        ("Friendship", True),
        ("Jackson", True),  # a US surname
        ("Marshall", True),
        ("Foley", True),  # a clinical eponym
        ("Parkinson", True),
        ("BRISTOL", True),  # in capitals any common word is everyday
        ("CHICOPEE", False),
        ("DOB", True),
    ],
)
def test_is_everyday_place(word: str, everyday: bool) -> None:
    assert is_everyday_place(word, max(gazetteer().population(word), 1)) is everyday


def test_is_known_place() -> None:
    assert is_known_place("Miami") and is_known_place("Den Haag") and is_known_place("Tunisia")
    assert not is_known_place("Hope") and not is_known_place("Jackson") and not is_known_place("Rhonchi")
    assert not is_known_place("Ohio")  # Safe Harbor lets a state stand


# --- reading a place after a cue ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cue", "text", "strong", "place"),
    [
        ("man from ", "Chicopee whose neighbor", False, "Chicopee"),
        ("walk-up in ", "Lewiston. Her", False, "Lewiston"),
        ("I'm in ", "Den Haag, at the", False, "Den Haag"),
        ("from ", "the Dominican Republic, who", False, "the Dominican Republic"),
        ("Rd., ", "Truth or Consequences, N.M. 87042", True, "Truth or Consequences"),
        ("IN FROM ", "ATHENS WITH A FRIEND", True, "ATHENS"),
        ("IN FROM ", "JAMESHAVEN WITH A FRIEND", True, "JAMESHAVEN"),
        ("funeral in ", "Port Anthonyport on", True, "Port Anthonyport"),
        ("wedding in ", "Friendship on Sep 15", True, "Friendship"),
        ("moved to ", "Jackson last year", True, "Jackson"),
    ],
)
def test_read_place_finds(cue: str, text: str, strong: bool, place: str) -> None:
    span = read_place(cue + text, len(cue), strong=strong)
    assert span is not None and (cue + text)[span[0] : span[1]] == place


@pytest.mark.parametrize(
    ("text", "strong"),
    [
        ("Hope to wean", False),  # an everyday word needs a strong cue
        ("Jackson-Pratt drain", False),  # a surname needs a strong cue
        ("Graves' disease", True),
        ("Lasix 40 mg", True),  # a drug is never a place
        ("ICU", True),  # an acronym
        ("ROOM", True),  # an everyday word in capitals
        ("Dr. Lee", True),  # a title
        ("Jameshaven on March 3rd", False),  # unlisted: only after a strong cue
        ("STAPLES INTACT", False),
    ],
)
def test_read_place_leaves(text: str, strong: bool) -> None:
    assert read_place(text, 0, strong=strong) is None


# ----------------------------------------------------------------------------------------------------------
def test_lexicon_reads_many_locales_once() -> None:
    lex = lexicon()
    assert lexicon() is lex
    assert {"siiri", "elínborg", "miklós"} <= lex.first_names
    assert {"cyprus", "austria", "united kingdom"} <= lex.countries
    assert "foley" not in lex.last_names  # eponyms are removed from the name lists


def test_common_words_and_eponyms_are_common() -> None:
    assert is_frequent_word("Brown") and is_frequent_word("Foley") and is_frequent_word("hodgkin")
    assert not is_frequent_word("Siiri")


def test_lexicon_holds_romanised_japanese_names_but_not_short_pinyin() -> None:
    lex = lexicon()
    assert {"takuma", "nanami", "atsushi"} <= lex.first_names
    assert "yamamoto" in lex.last_names
    assert "he" not in lex.last_names and "ma" not in lex.last_names


# ----------------------------------------------------------------------------------------------------------
def test_street_words_are_read_from_faker_by_position() -> None:
    words = street_words()
    assert {"continuación", "andador", "incrocio", "intrarea", "rue", "piazza"} <= words.prefixes
    assert {"steeg", "moen", "vej", "gade", "straat", "bulevardi", "vägen"} <= words.glued
    assert {"subway", "tunnel", "bridge", "dip"} <= words.suffixes
    # Glued endings that end English words are left out ("PlayStation", "Disneyland Park").
    assert not {"station", "park", "lane", "road"} & words.glued


@given(st.text(alphabet=st.sampled_from("abcXYZ .,'’\tÉéßΣσİı1"), max_size=60) | st.text(max_size=60))
def test_capitals_test_counts_cased_letters_as_python_does(line: str) -> None:
    """The line test's ASCII shortcut agrees with counting str.isupper / str.islower character by
    character, on ASCII and on any Unicode text."""
    from safecohort.detect.vocab.words import _CAPITALS_SHARE, _in_capitals

    upper = sum(ch.isupper() for ch in line)
    lower = sum(ch.islower() for ch in line)
    assert _in_capitals(line) == (upper >= 3 and upper >= _CAPITALS_SHARE * (upper + lower))


def test_capitals_test_on_notes() -> None:
    from safecohort.detect.vocab.words import _in_capitals

    assert _in_capitals("PT RESTING IN BED. DTR Mary AT BEDSIDE.")
    assert _in_capitals("ÉLODIE DUPONT, NÉE À LYON")
    assert not _in_capitals("Pt resting in bed. BP 120/80, HR 88.")
    assert not _in_capitals("BP")  # fewer than three capitals
