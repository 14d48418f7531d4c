"""Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
(clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from safecohort.detect.general import (
    AgeRecognizer,
    CompanyRecognizer,
    InternationalAddressRecognizer,
    InternationalPostcodeRecognizer,
    MultilingualNameRecognizer,
    PlaceRecognizer,
    general_recognizers,
    is_common_word,
    lexicon,
)

RECOGNIZERS: dict[str, EntityRecognizer] = {type(r).__name__: r for r in general_recognizers()}


def spans(recognizer: type[EntityRecognizer], text: str) -> list[str]:
    """The texts the recognizer reports in ``text``."""
    found = RECOGNIZERS[recognizer.__name__]
    entity = found.supported_entities[0]
    # None: these recognizers read no NLP artifacts (presidio's base signature does not say it may be None).
    return [text[r.start : r.end] for r in found.analyze(text, [entity], None)]  # type: ignore[arg-type]


POSITIVE = [
    # names: full names of any locale, cued lone names, dialog speakers, lower-case full names
    (MultilingualNameRecognizer, "Dear Siiri, thanks for the parcel.", "Siiri"),
    (MultilingualNameRecognizer, "My name is Akinori and I called yesterday.", "Akinori"),
    (MultilingualNameRecognizer, "We met Elínborg Guðmundsdóttir at the station.", "Elínborg Guðmundsdóttir"),
    (MultilingualNameRecognizer, "The letter was signed by Miklós Hajdu.", "Miklós Hajdu"),
    (MultilingualNameRecognizer, "Siiri: are you coming tonight?", "Siiri"),
    (MultilingualNameRecognizer, "please ring patricia desrosiers tomorrow", "patricia desrosiers"),
    (MultilingualNameRecognizer, "A parcel for Ravil G Yefimov arrived.", "Ravil G Yefimov"),
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
    # places: countries and listed cities anywhere in Title case or capitals, anything after "flew to"
    (PlaceRecognizer, "We moved here from Austria last year.", "Austria"),
    (PlaceRecognizer, "She works in ESPOO most weeks.", "ESPOO"),
    (PlaceRecognizer, "The ferry left for the United Kingdom.", "United Kingdom"),
    (PlaceRecognizer, "Mr. Lind flew to KVALSUND on Monday.", "KVALSUND"),
    # companies
    (CompanyRecognizer, "She is employed at Microbilt Corporation now.", "Microbilt Corporation"),
    (CompanyRecognizer, "Invoices go to Hawkins, Richardson and Santana.", "Hawkins, Richardson and Santana"),
    (CompanyRecognizer, "I worked with Weeks-Rivas for a year.", "Weeks-Rivas"),
    (CompanyRecognizer, "He said he works for Quarnix Analytics.", "Quarnix Analytics"),
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
    (MultilingualNameRecognizer, "Foley catheter placed, draining clear urine."),
    (MultilingualNameRecognizer, "History of Parkinson's disease and Hodgkin lymphoma."),
    (MultilingualNameRecognizer, "Productive cough with Brown sputum."),
    (MultilingualNameRecognizer, "Started Lasix and Coumadin, continue Tylenol."),
    (MultilingualNameRecognizer, "Grade 3 edema, Troponin 12, Vitamin D 50."),
    (MultilingualNameRecognizer, "Will follow up in clinic. May start metformin."),
    (InternationalAddressRecognizer, "Grade 3 edema, Troponin 12, Vitamin D 50."),
    (InternationalAddressRecognizer, "Take 2 tablets every 4 hours for 3 days. Follow up with cardiology."),
    (InternationalAddressRecognizer, "It is the most beautiful place in the world."),
    (InternationalAddressRecognizer, "Diabetes type 2 since 2010, stage 3 CKD."),
    (InternationalPostcodeRecognizer, "Creatinine 1.2, potassium 4.5, sodium 140 mmol/L."),
    (PlaceRecognizer, "Patient reports Reading glasses and a Mobile phone."),
    (CompanyRecognizer, "Dr. Hope reviewed the case. Labs pending."),
    (AgeRecognizer, "Pain 7 out of 10, on day 3 of antibiotics."),
    (AgeRecognizer, "Potassium was 4 and she is 5 feet tall."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_possessive_is_not_part_of_the_name() -> None:
    assert spans(MultilingualNameRecognizer, "Elínborg Guðmundsdóttir's house") == ["Elínborg Guðmundsdóttir"]


def test_address_block_stops_at_contact_line_and_sentence() -> None:
    text = "Send it to 4021 Kiannonkatu 98 Apt. 3, OULU. I am travelling then."
    assert spans(InternationalAddressRecognizer, text) == ["4021 Kiannonkatu 98 Apt. 3, OULU"]


def test_lexicon_reads_many_locales_once() -> None:
    lex = lexicon()
    assert lexicon() is lex
    assert {"siiri", "elínborg", "miklós"} <= lex.first_names
    assert {"cyprus", "austria", "united kingdom"} <= lex.countries
    assert "foley" not in lex.last_names  # eponyms are removed from the name lists


def test_common_words_and_eponyms_are_common() -> None:
    assert is_common_word("Brown") and is_common_word("Foley") and is_common_word("hodgkin")
    assert not is_common_word("Siiri")


def test_clinical_safe_subset() -> None:
    safe = {type(r).__name__ for r in general_recognizers(clinical_safe_only=True)}
    assert safe == {
        "MultilingualNameRecognizer",
        "InternationalAddressRecognizer",
        "InternationalPostcodeRecognizer",
    }
    assert len(general_recognizers()) == 6


def test_recognizers_ignore_entities_not_asked_for() -> None:
    recognizer = RECOGNIZERS["MultilingualNameRecognizer"]
    assert recognizer.analyze("Dear Siiri,", ["LOCATION"], None) == []  # type: ignore[arg-type]


def test_prefix_street_needs_capitalised_words_before_the_number() -> None:
    assert spans(InternationalAddressRecognizer, "Ms Estrada is a 46 year old teacher.") == []
    assert spans(InternationalAddressRecognizer, "Send it to Via dei Fiorentini 17 today") == [
        "Via dei Fiorentini 17"
    ]
