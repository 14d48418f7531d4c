"""International streets and postcodes of the general profile: Faker street words in any case, "Name 12"
streets after an address cue, address blocks with units and "postcode town", labelled postcodes. All
examples invented; negatives include clinical and everyday "Word + number" phrases that must stay."""

from __future__ import annotations

import pytest

from safecohort.detect.general import (
    CuedStreetRecognizer,
    LabelledPostcodeRecognizer,
    general_recognizers,
    street_words,
)

STREETS = CuedStreetRecognizer()
POSTCODES = LabelledPostcodeRecognizer()


def found(recognizer: CuedStreetRecognizer | LabelledPostcodeRecognizer, text: str) -> list[str]:
    """Texts the recognizer reports (through presidio's analyze, so trailing punctuation is trimmed)."""
    entity = recognizer.supported_entities[0]
    return [text[r.start : r.end] for r in recognizer.analyze(text, [entity], None)]


def test_street_words_are_read_from_faker_by_position() -> None:
    words = street_words()
    assert {"continuación", "andador", "incrocio", "intrarea", "rue", "piazza"} <= words.prefixes
    assert {"steeg", "moen", "vej", "gade", "straat", "bulevardi", "vägen"} <= words.glued
    assert {"subway", "tunnel", "bridge", "dip"} <= words.suffixes
    # Glued endings that end English words are left out ("PlayStation", "Disneyland Park").
    assert not {"station", "park", "lane", "road"} & words.glued


STREET_POSITIVE = [
    # a Faker street prefix, any case, comma before the number, unit designators after it
    ("The office is at Andador Quiroga 318 Interior 27, Puebla.", "Andador Quiroga 318 Interior 27, Puebla"),
    ("ufficio: incrocio bellandi, 14 vicino al bar", "incrocio bellandi, 14"),
    ("LEFT MY BAG NEAR PIAZZA ROSSELLINI, 41, BRESCIA. CALL ME", "PIAZZA ROSSELLINI, 41, BRESCIA"),
    ("Visit us at Intrarea Vlasceanu Nr. 12, Brasov.", "Intrarea Vlasceanu Nr. 12, Brasov"),
    (
        "Deliver to Avenida Tamaulipas 88 Edif. 3 , Depto. 21, Toluca.",
        "Avenida Tamaulipas 88 Edif. 3 , Depto. 21, Toluca",
    ),
    ("Meet at 77, rue Dufresnoy, Lille.", "77, rue Dufresnoy, Lille"),
    # a glued street ending
    ("Parcel for Joke de Wit, Ingridsteeg 14, 3512 Utrecht.", "Ingridsteeg 14, 3512 Utrecht"),
    ("we met at olsenmoen 7 yesterday", "olsenmoen 7"),
    # an English street suffix after a house number, in lower case or capitals, with units
    (
        "ship it to 4410 dorothy viaduct apt 5, east karenmouth 20931.",
        "4410 dorothy viaduct apt 5, east karenmouth 20931",
    ),
    ("FOUND NEAR 12 HOLLIS SUBWAY, NEW TREVOR.", "12 HOLLIS SUBWAY, NEW TREVOR"),
    (
        "recipient: Flat 3 Glenda Causeway, W1K 4TT Westburgh, UK.",
        "Flat 3 Glenda Causeway, W1K 4TT Westburgh, UK",
    ),
    # a bare "Name 12" after a strong cue or before "postcode town"
    ("ADRESSE: NERUDOVA 214, 602 00 BRNO", "NERUDOVA 214, 602 00 BRNO"),
    ("Address: Vrbová 31, Litomyšl", "Vrbová 31, Litomyšl"),
    ("parcel from jana dvořáková, květinová 5, 783 91 uničov", "květinová 5, 783 91 uničov"),
    ("Kovács Kft | Hársfa 19 | 8200 Veszprém | Hungary", "Hársfa 19 | 8200 Veszprém"),
    ("we went to dinner at brněnská 47 with friends", "brněnská 47"),
]


@pytest.mark.parametrize(("text", "expected"), STREET_POSITIVE)
def test_streets_found(text: str, expected: str) -> None:
    assert expected in found(STREETS, text)


STREET_NEGATIVE = [
    # rooms, beds, grades, stages, versions, pages, gates: everyday words before a number
    "Patient moved to Room 12 and then to Bed 4 on the ward.",
    "Grade 3 tumour, Stage 2 disease, Type 1 diabetes since 2010.",
    "Please install Version 5 and read Page 7; boarding at Gate 12 on Level 2.",
    "Address: Room 4 is free on Friday 12 for the meeting.",
    # drugs and doses after a cue word: clinical terms and units are no streets
    "Continued on metoprolol 25 mg and lisinopril 10 mg daily.",
    "Started at Keppra 500 twice daily; review in 2 weeks.",
    # years and products before an English word that is also a street suffix
    "They left after the 2010 price rise and bought a PlayStation 5.",
    "He walked 3 miles to the bridge and 2 blocks past the park.",
    # weak cues ("at", "on", "near") need a foreign word: names and English words stay
    "Pubertal status at Tanner 4, reviewed on Monday 12 near Exit 9.",
]


@pytest.mark.parametrize("text", STREET_NEGATIVE)
def test_streets_left_alone(text: str) -> None:
    assert found(STREETS, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Agent: What is your postcode?\nCustomer: 40213\nAgent: thanks", "40213"),
        ("ZIP: 02139-4307", "02139-4307"),
        ("PLZ 8004 Zürich", "8004"),
        ("postal code M5V 2T6, Toronto", "M5V 2T6"),
        ("Código postal: 1100-148 Lisboa", "1100-148"),
    ],
)
def test_labelled_postcodes(text: str, expected: str) -> None:
    assert found(POSTCODES, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "CP 10/10 this morning, troponin 45.",  # chest pain, not a postcode label
        "Postcode unknown, patient has no fixed abode.",
        "The zip on the bag broke after 3 days.",
    ],
)
def test_unlabelled_numbers_left_alone(text: str) -> None:
    assert found(POSTCODES, text) == []


def test_not_used_on_clinical_notes() -> None:
    safe = {type(r).__name__ for r in general_recognizers(clinical_safe_only=True)}
    assert not {"CuedStreetRecognizer", "LabelledPostcodeRecognizer"} & safe
