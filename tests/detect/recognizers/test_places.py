"""Places: cities, countries, states and landmarks after a cue, in a list, by their shape or in a table.

Cases whose pytest id starts with a tuning split (``dev2-``, ``dev4-``, ``dev5-``) were written when
that split of a bench corpus was studied; the examples themselves are invented."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from helpers.recognizers import spans
from safecohort.detect.recognizers import (
    AddressCityRecognizer,
    CityRecognizer,
    CityStateRecognizer,
    ContextPlaceRecognizer,
    ListedPlaceRecognizer,
    PlaceCueRecognizer,
    PlaceRecognizer,
    SpanRecognizer,
    TablePlaceRecognizer,
    TownShapeRecognizer,
)

# ----------------------------------------------------------------------------------------------------------
# Each clinical recognizer through the real analyzer and spaCy model: what it must find, what it must not.
# ----------------------------------------------------------------------------------------------------------


POSITIVE = [
    ("Lives with husband in Normal. Retired.", "Normal", "LOCATION"),
]


@pytest.mark.parametrize(("text", "span", "entity_type"), POSITIVE)
def test_finds(found, text: str, span: str, entity_type: str) -> None:
    assert (span, entity_type) in found(text)


def test_city_before_state_and_zip(rules) -> None:
    """The city of an address line is found by its own recognizer, and covered in the scan (there as part
    of the whole address block)."""
    from safecohort.detect.recognizers import CityRecognizer

    text = "6379 Shawn Branch Suite 952, Worcester, MA 02170"
    assert [text[r.start : r.end] for r in CityRecognizer().analyze(text, ["LOCATION"])] == ["Worcester"]
    city = text.index("Worcester")
    assert any(f.start <= city and city + len("Worcester") <= f.end for f in rules.scan([text])[0])


# ----------------------------------------------------------------------------------------------------------
# Facilities, organisations, landmarks and professions through the real analyzer and spaCy model.
#
# Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
# untouched (units, services, staff, drug names, eponyms, lab values, nursing text in capitals). The
# examples are written for these tests, not taken from the tuning corpus.
# ----------------------------------------------------------------------------------------------------------


FOUND = [
    # Landmarks after a preposition.
    ("found down at Walden Pond by a jogger", "Walden Pond", "LOCATION"),
    ("in the parking lot of the Route 20 Park and Ride.", "the Route 20 Park and Ride", "LOCATION"),
    ("collapsed at the Tsongas Arena during a game", "the Tsongas Arena", "LOCATION"),
    ("Pickup: found at Lake Winnipesaukee, Laconia", "Lake Winnipesaukee", "LOCATION"),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds_the_span(found, text: str, span: str, entity: str | None) -> None:
    spans = found(text)
    assert (span, entity) in spans if entity else span in [found_span for found_span, _ in spans]


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


FOUND_CAMPUS = [
    pytest.param(
        "also reported to Kenora Board of Health per state rules",
        "Kenora",
        "LOCATION",
        id="dev4-also-reported-to-kenora-board-of",
    ),
    pytest.param(
        "Address: 381 Rte 65W Lot 49, Glenwood, ME 04366",
        "Glenwood",
        "LOCATION",
        id="dev4-address-381-rte-65w-lot-49",
    ),
    # A place after "lives ... in" in a line in capitals.
    pytest.param(
        "SOCIAL: PT LIVES W/ SON DAVID IN SYRACUSE. RIDE ARRANGED",
        "SYRACUSE",
        "LOCATION",
        id="dev4-social-pt-lives-w-son-david",
    ),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND_CAMPUS)
def test_finds_the_span_campus(found, text: str, span: str, entity: str | None) -> None:
    spans = found(text)
    assert (span, entity) in spans if entity else span in [found_span for found_span, _ in spans]


# ----------------------------------------------------------------------------------------------------------
# The place gazetteer and the place readers: what they must find after a cue, and what must stay.
# ----------------------------------------------------------------------------------------------------------
# --- the clinical recognizers ---------------------------------------------------------------------------


def _spans(recognizer: EntityRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["LOCATION"], None)]


@pytest.mark.parametrize(
    ("recognizer", "text", "place"),
    [
        (PlaceCueRecognizer, "FAMILY: COUSIN IN FROM CHICOPEE WITH A FRIEND, GIOVANNI", "CHICOPEE"),
        (
            PlaceCueRecognizer,
            "a night custodian originally from the Dominican Republic, who",
            "the Dominican Republic",
        ),
        (
            PlaceCueRecognizer,
            "asking if she can go to her niece's wedding in Friendship on Sep 15",
            "Friendship",
        ),
        (
            PlaceCueRecognizer,
            "released from his goddaughter's apartment in Canton; identity confirmed",
            "Canton",
        ),
        (PlaceCueRecognizer, "her son's funeral in East Loriport on March 3rd", "East Loriport"),
        (
            ListedPlaceRecognizer,
            "This is a 94 year old man from Chicopee whose neighbor drove him",
            "Chicopee",
        ),
        (ListedPlaceRecognizer, "Office of the Chief Medical Examiner, Dayton\nCase 12", "Dayton"),
        (
            AddressCityRecognizer,
            "Pickup: 291 Lower Hodge Rd., Truth or Consequences, N.M. 87042",
            "Truth or Consequences",
        ),
        (
            AddressCityRecognizer,
            "via fax from CVS (38826 Dominguez Keys, Nicoleborough) fax",
            "Nicoleborough",
        ),
        (AddressCityRecognizer, "Pickup: found at Horseneck Beach, Liberty\nPatient:", "Liberty"),
        (
            CityRecognizer,
            "Pickup: 291 Lower Hodge Rd., Truth or Consequences, N.M. 87042",
            "Truth or Consequences",
        ),
    ],
)
def test_clinical_place_recognizers_find(recognizer: type[EntityRecognizer], text: str, place: str) -> None:
    assert place in _spans(recognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "Hope to wean from the vent. HOPE TO WEAN VENT TODAY.",
        "History of Graves' disease and Parkinson's; Foley in place, Jackson-Pratt drain to bulb.",
        "Referred from Jackson for a second opinion; seen by Marshall in clinic.",  # surnames: weak cues only
        "Started Lasix 40 mg in Normal saline; switched to Coumadin.",
        "Patient: Reilly, Cynthia, DOB 4/25/32. Addison, Bell and Lowell eponyms.",
        "INCISION C/D/I, STAPLES INTACT. PT IN BED. FAMILY IN ROOM. TO OR AT 0800. FROM ED TO ICU.",
        "K 4.1, Na 138, Hgb 12.2; transferred to Radiology at 10:00.",
        "Moved to Bell's palsy clinic; lives with Addison's disease, Crohn's in remission. Seen in Nov.",
        "Followed by Dr. Lowell, MD and Jane Graves, PA; Mobile phone on file. Born in May, raised in Hope.",
    ],
)
def test_clinical_place_recognizers_leave_clinical_text(text: str) -> None:
    for recognizer in (
        PlaceCueRecognizer(),
        ListedPlaceRecognizer(),
        AddressCityRecognizer(),
        CityRecognizer(),
        CityStateRecognizer(),
    ):
        assert _spans(recognizer, text) == [], type(recognizer).__name__


def test_scanner_reports_cued_places_and_leaves_eponyms(found) -> None:
    text = (
        "HPI: This is a 84 year old woman from Hershey whose neighbor drove her in. Hx of Graves' disease, "
        "Parkinson's. Foley in place. Hope to wean O2."
    )
    places = [span for span, entity in found(text) if entity == "LOCATION"]
    assert places == ["Hershey"]


# --- the general profile --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("I'm in Miami, at the conference", "Miami"),
        ("my friend lives in harburg", "harburg"),
        ("i'm originally from switzerland", "switzerland"),
        ("we moved here from tunisia", "tunisia"),
        ("Ms. Barajas flew to New Westminster on Saturday morning.", "New Westminster"),
        ("I'm in Den Haag, at the conference", "Den Haag"),
        ("Przemek Kucharski\n\nALFRICK\nUnited Kingdom", "ALFRICK"),
        ("Martin Karlsen\n\nLos Angeles\nUnited States", "Los Angeles"),
    ],
)
def test_general_place_recognizer_finds(text: str, place: str) -> None:
    assert place in [text[r.start : r.end] for r in PlaceRecognizer().analyze(text, ["LOCATION"])]


@pytest.mark.parametrize(
    "text",
    [
        "I am in pain and went to bed early.",
        "He comes from home and goes to work.",
        "Hope to see you soon; Jackson said hello.",
        "Patient reports Reading glasses and a Mobile phone.",
    ],
)
def test_general_place_recognizer_leaves(text: str) -> None:
    assert PlaceRecognizer().analyze(text, ["LOCATION"]) == []


def test_general_place_recognizer_reads_address_blocks_and_common_word_towns() -> None:
    text = "85199 Avda. Rio Nalon 58\nSoto del Barco\n\nSpain 61709"
    assert "Soto del Barco" in [text[r.start : r.end] for r in PlaceRecognizer().analyze(text, ["LOCATION"])]
    # A town named with common words only ("Country Club", Florida) needs a cue; a country never takes
    # "the" unless its name does.
    text = "Dinner at the Country Club. Blink-182 pay tribute here to the Finland."
    found = [text[r.start : r.end] for r in PlaceRecognizer().analyze(text, ["LOCATION"])]
    assert "Country Club" not in found and "Finland" in found
    text = "Blink-182 pay tribute here to the Finland; she is from the Netherlands."
    assert _spans(ListedPlaceRecognizer(), text) == ["Finland", "the Netherlands"]


def test_a_first_name_after_a_comma_is_not_a_small_town() -> None:
    text = "COUSIN IN FROM DAYTON WITH A FRIEND, NGOZI; Office of the Medical Examiner, Dayton"
    assert _spans(ListedPlaceRecognizer(), text) == ["Dayton"]  # "Ngozi" (61,000) is a first name
    assert _spans(ListedPlaceRecognizer(), "Magdalena, her sister, came in Nov with Esperanza") == []


def test_city_before_a_state_without_zip() -> None:
    recognizer = CityStateRecognizer()
    assert _spans(recognizer, "lives in Quincy, MA with his wife; seen in Dayton, Ohio in May") == [
        "Quincy",
        "Dayton",
    ]
    # Two capitals after a comma are credentials too; a surname or an everyday word is not a city here.
    assert (
        _spans(recognizer, "Signed: John Lee, MD. Mary Jones, MA. Seen in Jackson, MS. From Hope, AR.") == []
    )


# ----------------------------------------------------------------------------------------------------------
# Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
# (clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


POSITIVE_GENERAL = [
    # places: countries and listed cities anywhere in Title case or capitals, anything after "flew to"
    (PlaceRecognizer, "We moved here from Austria last year.", "Austria"),
    (PlaceRecognizer, "She works in ESPOO most weeks.", "ESPOO"),
    (PlaceRecognizer, "The ferry left for the United Kingdom.", "United Kingdom"),
    (PlaceRecognizer, "Mr. Lind flew to KVALSUND on Monday.", "KVALSUND"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE_GENERAL)
def test_finds_general(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


NEGATIVE = [
    (PlaceRecognizer, "Patient reports Reading glasses and a Mobile phone."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


# --- written forms of names, dates in several languages, spaCy's ORG on general text -----------------

STRUCTURAL_POSITIVE = [
    (PlaceRecognizer, "Street: 12 Elm Row | City/State/ZIP: Port Hollis, SC 29401 |", "Port Hollis"),
    (PlaceRecognizer, "Street: 12 Elm Row | City/State/ZIP: Port Hollis, SC 29401 |", "SC"),
    (PlaceRecognizer, "Mail to Lake Ida, NU X0A 1H0 by Friday", "NU"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), STRUCTURAL_POSITIVE)
def test_written_forms_find(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


STRUCTURAL_NEGATIVE = [
    (PlaceRecognizer, "Murmur, MR 2 of 6; Edema, OK 3 plus."),
    (PlaceRecognizer, "Labs: Sodium, NA 13500 reported."),
]


@pytest.mark.parametrize(("recognizer", "text"), STRUCTURAL_NEGATIVE)
def test_written_forms_leave_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


# ----------------------------------------------------------------------------------------------------------
# Places, ages, day-month dates, lower-case IBANs and structured addresses of the general profile
# (exports, forms, chat): invented examples of what each rule must find and what it must leave alone,
# clinical text included. Recognizers run directly, without the spaCy pipeline.
#
# Written when the dev2 split of a bench corpus was studied (its cases' ids start with dev2-).
# ----------------------------------------------------------------------------------------------------------


POSITIVE_EXPORTS = [
    pytest.param(
        TablePlaceRecognizer,
        "ref|client|town|zip|country\nQ-11|Rui Paz|Braga|4700-123|Portugal",
        "Braga",
        id="dev2-ref-client-town-zip-country-q",
    ),
    pytest.param(
        TablePlaceRecognizer,
        "ref|client|town|zip|country\nQ-11|Rui Paz|Braga|4700-123|Portugal",
        "Portugal",
        id="dev2-ref-client-town-zip-country-q",
    ),
    # places from their setting
    pytest.param(
        ContextPlaceRecognizer,
        "driver stopped, licence K5521907 (OR), no insurance",
        "OR",
        id="dev2-driver-stopped-licence-k5521907-or-no",
    ),
    pytest.param(
        ContextPlaceRecognizer,
        "Place of birth: Little Haddow, UK | Nationality: British",
        "UK",
        id="dev2-place-of-birth-little-haddow-uk",
    ),
    pytest.param(
        ContextPlaceRecognizer,
        "name: ola | city: trondheim | newsletter: no",
        "trondheim",
        id="dev2-name-ola-city-trondheim-newsletter-no",
    ),
    pytest.param(
        ContextPlaceRecognizer,
        "we moved to kevin ville last spring",
        "kevin ville",
        id="dev2-we-moved-to-kevin-ville-last",
    ),
    pytest.param(
        ContextPlaceRecognizer,
        "the lake by north melissa is lovely",
        "north melissa",
        id="dev2-the-lake-by-north-melissa-is",
    ),
    pytest.param(
        ContextPlaceRecognizer,
        "itinerary: bergen -> oslo -> uppsala",
        "uppsala",
        id="dev2-itinerary-bergen-oslo-uppsala",
    ),
]


@pytest.mark.parametrize(("recognizer", "text", "expected"), POSITIVE_EXPORTS)
def test_finds_exports(recognizer: type[EntityRecognizer], text: str, expected: str) -> None:
    assert expected in spans(recognizer, text)


NEGATIVE_EXPORTS = [
    # no place: state codes outside a licence, UK inside words, everyday field values, routes of steps
    pytest.param(
        ContextPlaceRecognizer, "Oxygen via NC (2L), titrate to sats.", id="dev2-oxygen-via-nc-2l-titrate-to"
    ),
    pytest.param(
        ContextPlaceRecognizer, "The UKG report, US guided biopsy.", id="dev2-the-ukg-report-us-guided-biopsy"
    ),
    pytest.param(ContextPlaceRecognizer, "city: unknown | town: none", id="dev2-city-unknown-town-none"),
    pytest.param(
        ContextPlaceRecognizer,
        "status: pending -> approved -> closed",
        id="dev2-status-pending-approved-closed",
    ),
    pytest.param(
        ContextPlaceRecognizer, "a new diagnosis; the north wing.", id="dev2-a-new-diagnosis-the-north-wing"
    ),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE_EXPORTS)
def test_leaves_alone_exports(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


# ----------------------------------------------------------------------------------------------------------
# Phone shapes, legal-form and role companies, and town-shaped places of the `general` profile (issue 3):
# invented sentences, what each rule must find and what it must leave alone (dates, money, lab values,
# clinical text). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


POSITIVE_SHAPES = [
    # invented and real towns by their shape
    (TownShapeRecognizer, "He grew up in Harrisonview before the war.", "Harrisonview"),
    (TownShapeRecognizer, "SHIP TO: SOUTH KAYLACHESTER", "SOUTH KAYLACHESTER"),
    (TownShapeRecognizer, "we drove to Port Natalie on Sunday", "Port Natalie"),
    (TownShapeRecognizer, "born in San Pedro los altos, Mexico", "San Pedro los altos"),
    (TownShapeRecognizer, "a farm near Souza dos Dourados", "Souza dos Dourados"),
    (TownShapeRecognizer, "a teacher from Kiskunfélegyháza, retired", "Kiskunfélegyháza"),
    (TownShapeRecognizer, "Country: Portugal | Source: web", "Portugal"),
    (TownShapeRecognizer, "She moved to UK last year.", "UK"),
    (TownShapeRecognizer, "send it to lipová 12, hradec 500 02. thanks", "hradec"),
    (TownShapeRecognizer, "Mailing: Lake Hollis, OR 97035", "Lake Hollis, OR"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE_SHAPES)
def test_finds_shapes(recognizer: type[SpanRecognizer], text: str, span: str) -> None:
    # (sentence punctuation after a span is never part of it: "d.o.o." is reported as "d.o.o")
    assert span.rstrip(".") in spans(recognizer, text)


NEGATIVE_SHAPES = [
    # towns: names, common words and clinical text stay alone
    (TownShapeRecognizer, "Johnston came in with chest pain."),
    (TownShapeRecognizer, "At the bedside, the patient was stable."),
    (TownShapeRecognizer, "TELL US NOW, said the nurse."),
    (TownShapeRecognizer, "room 59, tiny but clean."),
    (TownShapeRecognizer, "New onset AF; Lower limb oedema."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE_SHAPES)
def test_leaves_alone_shapes(recognizer: type[SpanRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []
