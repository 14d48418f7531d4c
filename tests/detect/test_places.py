"""The place gazetteer and the place readers: what they must find after a cue, and what must stay."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from safecohort.detect.general import PlaceRecognizer
from safecohort.detect.places import (
    WEAK_CUE_POPULATION,
    gazetteer,
    is_everyday_place,
    is_known_place,
    read_place,
)
from safecohort.detect.recognizers import (
    AddressCityRecognizer,
    CityRecognizer,
    CityStateRecognizer,
    ClinicalSpacyRecognizer,
    ListedPlaceRecognizer,
    PlaceCueRecognizer,
    ZipCodeRecognizer,
)

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


def test_zip_after_an_ap_style_state() -> None:
    text = "Pickup: 291 Lower Hodge Rd., Truth or Consequences, N.M. 87042 | Patient"
    assert [text[r.start : r.end] for r in ZipCodeRecognizer().analyze(text, ["ZIP_CODE"])] == ["87042"]


def test_scanner_reports_cued_places_and_leaves_eponyms(found) -> None:
    text = (
        "HPI: This is a 84 year old woman from Hershey whose neighbor drove her in. Hx of Graves' disease, "
        "Parkinson's. Foley in place. Hope to wean O2."
    )
    places = [span for span, entity in found(text) if entity == "LOCATION"]
    assert places == ["Hershey"]


def test_ner_places_confirmed_by_the_gazetteer() -> None:
    from presidio_analyzer import RecognizerResult

    text = "I'm in Miami, at the conference. Pleura clear."
    keep = ClinicalSpacyRecognizer._is_identifier
    assert keep(RecognizerResult("LOCATION", 7, 12, 0.85), text)  # no Faker list has Miami
    assert not keep(RecognizerResult("LOCATION", 33, 39, 0.85), text)  # a clinical word


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


def test_ner_place_after_a_capitalised_the_is_a_company() -> None:
    from presidio_analyzer import RecognizerResult

    text = "workers' comp claim, carrier The Hartford, adjuster Fields. Seen in Hartford."
    keep = ClinicalSpacyRecognizer._is_identifier
    assert not keep(RecognizerResult("LOCATION", 33, 41, 0.85), text)
    assert keep(RecognizerResult("LOCATION", 69, 77, 0.85), text)


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
