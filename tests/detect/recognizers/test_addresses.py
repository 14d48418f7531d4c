"""Addresses: ZIP codes and postcodes, US and international street addresses, address blocks.

Cases whose pytest id starts with a tuning split (``dev2-``, ``dev4-``, ``dev5-``) were written when
that split of a bench corpus was studied; the examples themselves are invented."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from helpers.recognizers import covered, spans
from safecohort.detect.recognizers import (
    CuedStreetRecognizer,
    GridStreetRecognizer,
    InternationalAddressRecognizer,
    InternationalPostcodeRecognizer,
    LabelledPostcodeRecognizer,
    TablePostcodeRecognizer,
    ZipCodeRecognizer,
)
from safecohort.detect.text import NoteScanner

# ----------------------------------------------------------------------------------------------------------
# Each clinical recognizer through the real analyzer and spaCy model: what it must find, what it must not.
# ----------------------------------------------------------------------------------------------------------


POSITIVE = [
    ("Lives in Boston, MA 02115 with wife", "02115", "ZIP_CODE"),
    ("zip 02139", "02139", "ZIP_CODE"),
    ("Lives at 12 Elm Street with wife", "12 Elm Street", "STREET_ADDRESS"),
    ("address: 77 Oak Rd Apt 4B", "77 Oak Rd Apt 4B", "STREET_ADDRESS"),
    ("Nashua, New Hampshire 03381", "03381", "ZIP_CODE"),
]


@pytest.mark.parametrize(("text", "span", "entity_type"), POSITIVE)
def test_finds(found, text: str, span: str, entity_type: str) -> None:
    assert (span, entity_type) in found(text)


# ----------------------------------------------------------------------------------------------------------
# Facilities, organisations, professions and addresses in the forms newer notes write them: short and
# campus names of systems, practices with a business form, faith communities, schools, agencies and
# services, police departments, employers after "job:", numbered routes and rural route boxes.
#
# Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
# untouched. The examples are invented for these tests, not taken from the tuning corpus.
#
# Written when the dev4 split of a bench corpus was studied (its cases' ids start with dev4-).
# ----------------------------------------------------------------------------------------------------------


FOUND = [
    # Numbered routes, lots and rural route boxes, and the town after them.
    pytest.param(
        "Address: 381 Rte 65W Lot 49, Glenwood, ME 04366",
        "381 Rte 65W Lot 49",
        "STREET_ADDRESS",
        id="dev4-address-381-rte-65w-lot-49",
    ),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds_the_span(found, text: str, span: str, entity: str | None) -> None:
    spans = found(text)
    assert (span, entity) in spans if entity else span in [found_span for found_span, _ in spans]


# ----------------------------------------------------------------------------------------------------------
# Facilities, organisations, professions and addresses in the forms of a further set of notes: a
# hospital's campus building after a comma, practices named after their specialty, care and post-acute
# centres, a hospital named before its department or alone, town services (water, police, EMS,
# ambulance), funeral and cremation services, suppliers of home equipment, a job before its employer
# ("optician at ...", "(SECURITY GUARD AT ...)"), an employer heading its Human Resources office, house
# numbers with a letter ("12-B Elm St") and old numbered routes.
#
# Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
# untouched. The examples are invented for these tests, not taken from the tuning corpus.
#
# Written when the dev5 split of a bench corpus was studied (its cases' ids start with dev5-).
# ----------------------------------------------------------------------------------------------------------


FOUND_SERVICES = [
    # House numbers with a letter, an old numbered route.
    pytest.param(
        "Scene: private residence, 177-D Okafor Prairie, Kenora VT 05037.",
        "177-D Okafor Prairie",
        "STREET_ADDRESS",
        id="dev5-scene-private-residence-177-d-okafor",
    ),
    pytest.param(
        "Lab: 1551 Old Route 5, Kenora KS 66224",
        "1551 Old Route 5",
        "STREET_ADDRESS",
        id="dev5-lab-1551-old-route-5-kenora",
    ),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND_SERVICES)
def test_finds_the_span_services(rules: NoteScanner, text: str, span: str, entity: str) -> None:
    found = [(text[f.start : f.end], f.entity_type) for f in rules.scan([text])[0]]
    assert (span, entity) in found


# ----------------------------------------------------------------------------------------------------------
# The place gazetteer and the place readers: what they must find after a cue, and what must stay.
# ----------------------------------------------------------------------------------------------------------


def test_zip_after_an_ap_style_state() -> None:
    text = "Pickup: 291 Lower Hodge Rd., Truth or Consequences, N.M. 87042 | Patient"
    assert [text[r.start : r.end] for r in ZipCodeRecognizer().analyze(text, ["ZIP_CODE"])] == ["87042"]


# ----------------------------------------------------------------------------------------------------------
# Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
# (clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


POSITIVE_GENERAL = [
    # addresses: European streets, US streets with their block, PO and military boxes, corners
    (InternationalAddressRecognizer, "Her flat is at Puruntie 82 near the lake.", "Puruntie 82"),
    (InternationalAddressRecognizer, "Send it to Via Franscini 71 please", "Via Franscini 71"),
    (InternationalAddressRecognizer, "Deliver to ul. Słowicza 10 today", "ul. Słowicza 10"),
    (InternationalAddressRecognizer, "They live in Søndergade 52 now", "Søndergade 52"),
    (InternationalAddressRecognizer, "Office: Rákóczi út 13. in the centre", "Rákóczi út 13"),
    (
        InternationalAddressRecognizer,
        "Ship to:\n4021 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896\nMobile: 040 123",
        "4021 Kiannonkatu 98\n Suite 464\n OULU\n\n Finland 80896",
    ),
    (
        InternationalAddressRecognizer,
        "New address: PSC 1234, Box 5678\nAPO AP 01234 from May",
        "PSC 1234, Box 5678\nAPO AP 01234",
    ),
    (
        InternationalAddressRecognizer,
        "Write to USNS Comfort\nFPO AE 09876 soon",
        "USNS Comfort\nFPO AE 09876",
    ),
    (
        InternationalAddressRecognizer,
        "We meet at the corner of Elm Street and Baker Road.",
        "the corner of Elm Street and Baker Road",
    ),
    (
        InternationalAddressRecognizer,
        "her address: 5049 Harjukuja 54, SEINÄJOKI",
        "5049 Harjukuja 54, SEINÄJOKI",
    ),
    # postcodes outside the US, near an address word
    (InternationalPostcodeRecognizer, "Our address is 1 Main Street, Halifax NS B0J 2H0", "B0J 2H0"),
    (InternationalPostcodeRecognizer, "Postcode for the address: SW1A 1AA", "SW1A 1AA"),
    (InternationalPostcodeRecognizer, "Address Keizersgracht 1, 1015 CJ Amsterdam", "1015 CJ"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE_GENERAL)
def test_finds_general(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


NEGATIVE = [
    (InternationalAddressRecognizer, "Grade 3 edema, Troponin 12, Vitamin D 50."),
    (InternationalAddressRecognizer, "Take 2 tablets every 4 hours for 3 days. Follow up with cardiology."),
    (InternationalAddressRecognizer, "It is the most beautiful place in the world."),
    (InternationalAddressRecognizer, "Diabetes type 2 since 2010, stage 3 CKD."),
    (InternationalPostcodeRecognizer, "Creatinine 1.2, potassium 4.5, sodium 140 mmol/L."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_address_block_stops_at_contact_line_and_sentence() -> None:
    text = "Send it to 4021 Kiannonkatu 98 Apt. 3, OULU. I am travelling then."
    assert spans(InternationalAddressRecognizer, text) == ["4021 Kiannonkatu 98 Apt. 3, OULU"]


def test_prefix_street_needs_capitalised_words_before_the_number() -> None:
    assert spans(InternationalAddressRecognizer, "Ms Estrada is a 46 year old teacher.") == []
    assert spans(InternationalAddressRecognizer, "Send it to Via dei Fiorentini 17 today") == [
        "Via dei Fiorentini 17"
    ]


# ----------------------------------------------------------------------------------------------------------
# International streets and postcodes of the general profile: Faker street words in any case, "Name 12"
# streets after an address cue, address blocks with units and "postcode town", labelled postcodes. All
# examples invented; negatives include clinical and everyday "Word + number" phrases that must stay.
# ----------------------------------------------------------------------------------------------------------


STREETS = CuedStreetRecognizer()
POSTCODES = LabelledPostcodeRecognizer()


def found(recognizer: CuedStreetRecognizer | LabelledPostcodeRecognizer, text: str) -> list[str]:
    """Texts the recognizer reports (through presidio's analyze, so trailing punctuation is trimmed)."""
    entity = recognizer.supported_entities[0]
    return [text[r.start : r.end] for r in recognizer.analyze(text, [entity], None)]


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


# ----------------------------------------------------------------------------------------------------------
# Places, ages, day-month dates, lower-case IBANs and structured addresses of the general profile
# (exports, forms, chat): invented examples of what each rule must find and what it must leave alone,
# clinical text included. Recognizers run directly, without the spaCy pipeline.
#
# Written when the dev2 split of a bench corpus was studied (its cases' ids start with dev2-).
# ----------------------------------------------------------------------------------------------------------


POSITIVE_EXPORTS = [
    pytest.param(
        TablePostcodeRecognizer,
        "ref|client|town|zip|country\nQ-11|Rui Paz|Braga|4700-123|Portugal",
        "4700-123",
        id="dev2-ref-client-town-zip-country-q",
    ),
    # structured addresses
    pytest.param(
        GridStreetRecognizer,
        "Address: Calle 45 # 12-30 Sur, Bogotá",
        "Calle 45 # 12-30 Sur, Bogotá",
        id="dev2-address-calle-45-12-30-sur",
    ),
    pytest.param(
        GridStreetRecognizer,
        "Ship to Avenida 9 N° 210, Rosario",
        "Avenida 9 N° 210, Rosario",
        id="dev2-ship-to-avenida-9-n-210",
    ),
    pytest.param(
        GridStreetRecognizer,
        "Office: 12th Floor Orchid Tower 2, 881 Mabini Street, Makati",
        "12th Floor Orchid Tower 2",
        id="dev2-office-12th-floor-orchid-tower-2",
    ),
]


@pytest.mark.parametrize(("recognizer", "text", "expected"), POSITIVE_EXPORTS)
def test_finds_exports(recognizer: type[EntityRecognizer], text: str, expected: str) -> None:
    assert expected in spans(recognizer, text)


NEGATIVE_EXPORTS = [
    pytest.param(
        TablePostcodeRecognizer, "drug,dose,route\nheparin,5000,sc", id="dev2-drug-dose-route-heparin-5000-sc"
    ),
    # no grid street: avenue and a number in prose, a floor without a street after it
    pytest.param(
        GridStreetRecognizer,
        "Admitted to the 3rd Floor Cardiac Unit 4 for monitoring.",
        id="dev2-admitted-to-the-3rd-floor-cardiac",
    ),
    pytest.param(GridStreetRecognizer, "Take Calle 5 then turn left.", id="dev2-take-calle-5-then-turn-left"),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE_EXPORTS)
def test_leaves_alone_exports(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_street_blocks_run_on_over_units_provinces_and_new_postcodes() -> None:
    """Romanian blocks, Italian floors and provinces, Brazilian states, Irish Eircodes, a lower-case
    hyphenated German street, a bare street with its postcode line below."""
    text = "Strada Lunga Nr. 7 Bl. 3 Sc. 2 Ap. 41, 400123 Cluj"
    assert covered(CuedStreetRecognizer, text, "Ap. 41")
    text = "Via Roma, 12 Piano 2, 20121, Milano (MI)"
    assert covered(CuedStreetRecognizer, text, "Milano (MI)")
    text = "navigate to hans-sachs-straße 9, 8010 graz"
    assert covered(CuedStreetRecognizer, text, "hans-sachs-straße 9")
    text = "Deliver to:\nKovačeva 4b\n10000 Zagreb"
    assert covered(CuedStreetRecognizer, text, "Kovačeva 4b")


def test_lower_case_prefix_before_function_word_is_no_street() -> None:
    text = "assistant: starting route to 12 harbour road now"
    assert not any(found.startswith("route to") for found in spans(CuedStreetRecognizer, text))
    assert not any(found.startswith("route to") for found in spans(InternationalAddressRecognizer, text))


def test_military_address_with_comma_before_apo() -> None:
    text = "Ship to PSC 4411, Box 2210, APO AE 09012 asap"
    assert "PSC 4411, Box 2210, APO AE 09012" in spans(InternationalAddressRecognizer, text)


def test_labelled_postcode_of_six_or_seven_digits() -> None:
    assert spans(LabelledPostcodeRecognizer, "Agent: your postcode please?\nCaller: 560034") == ["560034"]
