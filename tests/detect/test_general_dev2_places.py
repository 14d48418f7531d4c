"""Places, ages, day-month dates, lower-case IBANs and structured addresses of the general profile
(exports, forms, chat): invented examples of what each rule must find and what it must leave alone,
clinical text included. Recognizers run directly, without the spaCy pipeline."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from safecohort.detect.general import (
    ContextAgeRecognizer,
    ContextPlaceRecognizer,
    CuedStreetRecognizer,
    DayMonthDateRecognizer,
    GridStreetRecognizer,
    InternationalAddressRecognizer,
    LabelledPostcodeRecognizer,
    LowerCaseIbanRecognizer,
    TableAgeRecognizer,
    TablePlaceRecognizer,
    TablePostcodeRecognizer,
    general_recognizers,
)

RECOGNIZERS: dict[str, EntityRecognizer] = {type(r).__name__: r for r in general_recognizers()}


def spans(recognizer: type[EntityRecognizer], text: str) -> list[str]:
    """The texts the recognizer reports in ``text``."""
    found = RECOGNIZERS[recognizer.__name__]
    entity = found.supported_entities[0]
    return [text[r.start : r.end] for r in found.analyze(text, [entity], None)]  # type: ignore[arg-type]


def covered(recognizer: type[EntityRecognizer], text: str, part: str) -> bool:
    """Whether one finding of the recognizer covers ``part`` of ``text``."""
    return any(part in found for found in spans(recognizer, text))


POSITIVE = [
    # delimited tables: the header names the column
    (TableAgeRecognizer, "rank;runner;age;team\n1;Tove Lind;34;Kestrel AC\n2;Omar Diaz;61;Harbour RC", "34"),
    (TableAgeRecognizer, "rank;runner;age;team\n1;Tove Lind;34;Kestrel AC\n2;Omar Diaz;61;Harbour RC", "61"),
    # a comma inside the last field leaves the cells before it in place
    (TableAgeRecognizer, "id,name,age,employer\n7,Ida Berg,45,Lund, Falk and Sons", "45"),
    (
        TablePostcodeRecognizer,
        "ref|client|town|zip|country\nQ-11|Rui Paz|Braga|4700-123|Portugal",
        "4700-123",
    ),
    (TablePlaceRecognizer, "ref|client|town|zip|country\nQ-11|Rui Paz|Braga|4700-123|Portugal", "Braga"),
    (TablePlaceRecognizer, "ref|client|town|zip|country\nQ-11|Rui Paz|Braga|4700-123|Portugal", "Portugal"),
    # ages from their setting
    (ContextAgeRecognizer, "Police said Marta Kowalska, 72, was unhurt.", "72"),
    (ContextAgeRecognizer, "Nurse here (31F) looking for a flatmate.", "31"),
    (ContextAgeRecognizer, "Dad (M, 58) wants advice on running shoes.", "58"),
    # dates with a day and a month, no year
    (DayMonthDateRecognizer, "Room free from 14 sep, message me.", "14 sep"),
    (DayMonthDateRecognizer, "Party on the 3rd of may at the hall.", "3rd of may"),
    (DayMonthDateRecognizer, "Tickets go on sale october 2nd online.", "october 2nd"),
    (DayMonthDateRecognizer, "Wifi has been down since feb 12 here.", "feb 12"),
    (DayMonthDateRecognizer, "Please reply by 21/9 if you can come.", "21/9"),
    (DayMonthDateRecognizer, "She was born 4/11 at home.", "4/11"),
    # lower-case IBANs whose check digits hold
    (LowerCaseIbanRecognizer, '{"iban": "de89 3704 0044 0532 0130 00"}', "de89 3704 0044 0532 0130 00"),
    (LowerCaseIbanRecognizer, "pay to gb29nwbk60161331926819 please", "gb29nwbk60161331926819"),
    # places from their setting
    (ContextPlaceRecognizer, "driver stopped, licence K5521907 (OR), no insurance", "OR"),
    (ContextPlaceRecognizer, "Place of birth: Little Haddow, UK | Nationality: British", "UK"),
    (ContextPlaceRecognizer, "name: ola | city: trondheim | newsletter: no", "trondheim"),
    (ContextPlaceRecognizer, "we moved to kevin ville last spring", "kevin ville"),
    (ContextPlaceRecognizer, "the lake by north melissa is lovely", "north melissa"),
    (ContextPlaceRecognizer, "itinerary: bergen -> oslo -> uppsala", "uppsala"),
    # structured addresses
    (GridStreetRecognizer, "Address: Calle 45 # 12-30 Sur, Bogotá", "Calle 45 # 12-30 Sur, Bogotá"),
    (GridStreetRecognizer, "Ship to Avenida 9 N° 210, Rosario", "Avenida 9 N° 210, Rosario"),
    (
        GridStreetRecognizer,
        "Office: 12th Floor Orchid Tower 2, 881 Mabini Street, Makati",
        "12th Floor Orchid Tower 2",
    ),
]


@pytest.mark.parametrize(("recognizer", "text", "expected"), POSITIVE)
def test_finds(recognizer: type[EntityRecognizer], text: str, expected: str) -> None:
    assert expected in spans(recognizer, text)


NEGATIVE = [
    # tables without such a column, or cells of the wrong shape
    (TableAgeRecognizer, "rank;runner;team\n1;Tove Lind;Kestrel AC"),
    (TableAgeRecognizer, "id,name,age,team\n7,Ida Berg,unknown,Lund"),
    (TablePostcodeRecognizer, "drug,dose,route\nheparin,5000,sc"),
    # numbers between commas that are no age; lab values and vitals in notes
    (ContextAgeRecognizer, "Potassium, 42, was repeated."),
    (ContextAgeRecognizer, "Seen in Ward Seven, 12, beds available."),
    (ContextAgeRecognizer, "BP 120/80 (sitting), HR 72, RR 16."),
    # no date: fractions, scores, doses, a bare month word
    (DayMonthDateRecognizer, "Pain 8/10, took 1/2 tablet."),
    (DayMonthDateRecognizer, "You may 3 times a day take it."),
    (DayMonthDateRecognizer, "Give 2 mar of saline."),
    (DayMonthDateRecognizer, "Patient walked 3/4 of a mile."),
    # IBAN shapes whose check digits fail; a lower-case code that is no IBAN
    (LowerCaseIbanRecognizer, "ref de12 3456 7890 1234 5678 90"),
    (LowerCaseIbanRecognizer, "ticket ab12 cdef ghij klmn"),
    # no place: state codes outside a licence, UK inside words, everyday field values, routes of steps
    (ContextPlaceRecognizer, "Oxygen via NC (2L), titrate to sats."),
    (ContextPlaceRecognizer, "The UKG report, US guided biopsy."),
    (ContextPlaceRecognizer, "city: unknown | town: none"),
    (ContextPlaceRecognizer, "status: pending -> approved -> closed"),
    (ContextPlaceRecognizer, "a new diagnosis; the north wing."),
    # no grid street: avenue and a number in prose, a floor without a street after it
    (GridStreetRecognizer, "Admitted to the 3rd Floor Cardiac Unit 4 for monitoring."),
    (GridStreetRecognizer, "Take Calle 5 then turn left."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[EntityRecognizer], text: str) -> None:
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


def test_clinical_profile_runs_none_of_these() -> None:
    names = {type(r).__name__ for r in general_recognizers(clinical_safe_only=True)}
    assert not names & {
        "TableAgeRecognizer", "ContextAgeRecognizer", "DayMonthDateRecognizer", "LowerCaseIbanRecognizer",
        "ContextPlaceRecognizer", "GridStreetRecognizer",
    }  # fmt: skip
