"""Each clinical recognizer through the real analyzer and spaCy model: what it must find, what it must not."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from safecohort.detect.recognizers import clinical_recognizers, presidio_recognizers

POSITIVE = [
    ("MRN: 40012345", "40012345", "MEDICAL_RECORD_NUMBER"),
    ("Medical record number 1234567 on file", "1234567", "MEDICAL_RECORD_NUMBER"),
    ("Acct #: 987654321", "987654321", "MEDICAL_RECORD_NUMBER"),
    ("accession number 12345678 pending", "12345678", "MEDICAL_RECORD_NUMBER"),
    ("94 yo F with CHF", "94", "AGE_OVER_89"),
    ("a 94-year-old woman", "94", "AGE_OVER_89"),
    ("aged 94, lives alone", "94", "AGE_OVER_89"),
    ("age: 101", "101", "AGE_OVER_89"),
    ("she is in her 90s", "90s", "AGE_OVER_89"),
    ("Seen at St. Elsewhere Medical Center today", "St. Elsewhere Medical Center", "HOSPITAL"),
    ("Transferred from Brookline General Hospital", "Brookline General Hospital", "HOSPITAL"),
    ("Lives in Boston, MA 02115 with wife", "02115", "ZIP_CODE"),
    ("zip 02139", "02139", "ZIP_CODE"),
    ("Lives at 12 Elm Street with wife", "12 Elm Street", "STREET_ADDRESS"),
    ("address: 77 Oak Rd Apt 4B", "77 Oak Rd Apt 4B", "STREET_ADDRESS"),
    ("seen 3/14 in clinic", "3/14", "DATE_TIME"),
    ("admitted 7/22-7/23 for CP", "7/22-7/23", "DATE_TIME"),
    ("surgery on 14-Mar-2021", "14-Mar-2021", "DATE_TIME"),
    ("symptoms since March 14th", "March 14th", "DATE_TIME"),
    ("call 617-555-0100 ext. 12", "617-555-0100 ext. 12", "PHONE_NUMBER"),
    ("pager 4-1234", "4-1234", "PHONE_NUMBER"),
    ("fax: (617) 555-0101", "(617) 555-0101", "PHONE_NUMBER"),
    ("Discussed with Dr. Hope", "Hope", "PERSON"),
    ("Mr. Brown is here", "Brown", "PERSON"),
    ("Ms. Lee called back", "Lee", "PERSON"),
    ("MR. BROWN was seen", "BROWN", "PERSON"),
    ("MR BROWN SEEN TODAY", "BROWN", "PERSON"),
    ("SEEN BY DR. HOPE", "HOPE", "PERSON"),
    ("pt Jane Doe denies pain", "Jane Doe", "PERSON"),
    ("daughter Mary called", "Mary", "PERSON"),
    ("card 4111111111111111 on file", "4111111111111111", "ID_NUMBER"),
    ("write to jo@example.com", "jo@example.com", "EMAIL_ADDRESS"),
    ("see https://www.example.org/x", "https://www.example.org/x", "URL"),
    ("ip 10.0.0.1", "10.0.0.1", "IP_ADDRESS"),
    ("SSN 536-22-8761", "536-22-8761", "US_SSN"),
    # Capitals: a title makes an everyday word a name.
    ("MR. BROWN SEEN WITH DR. HOPE", "BROWN", "PERSON"),
    ("MR. BROWN SEEN WITH DR. HOPE", "HOPE", "PERSON"),
    ("DR MAY AWARE OF LABS", "MAY", "PERSON"),
    ("DTR MARY AT BEDSIDE", "MARY", "PERSON"),
    ("SEEN BY JOHN KOWALCZYK RN AT 0800", "JOHN KOWALCZYK", "PERSON"),
    ("Note by Jane Ostrowski, RN", "Jane Ostrowski", "PERSON"),
    ("PT LISA HESS RESTING IN BED", "LISA HESS", "PERSON"),
    ("Seen by Dr. Foley today", "Foley", "PERSON"),
    ("follow up on the 3rd", "3rd", "DATE_TIME"),
    ("last seen Tuesday in clinic", "Tuesday", "DATE_TIME"),
    # Labelled fields and record formats.
    ("Patient: Okafor, Chidinma   DOB: 1/2/1950", "Okafor, Chidinma", "PERSON"),
    ("Sonographer: Bao    Radiologist: x", "Bao", "PERSON"),
    ("Accession #: S16-86523", "S16-86523", "ID_NUMBER"),
    ("Entered by: mchurch", "mchurch", "USERNAME"),
    ("[7:16] e867769: pt asking for you", "e867769", "USERNAME"),
    ("PID|E9628210|GRANT^MICHELLE^W|19501227|F", "E9628210", "ID_NUMBER"),
    ("PID|E9628210|GRANT^MICHELLE^W|19501227|F", "GRANT^MICHELLE^W", "PERSON"),
    ("SSN (last four, for the carrier): 9149", "9149", "ID_NUMBER"),
    ("works nights at Martinez and Sons.", "Martinez and Sons", "ORGANIZATION"),
    ("Lives with husband in Normal. Retired.", "Normal", "LOCATION"),
    ("Nashua, New Hampshire 03381", "03381", "ZIP_CODE"),
    ("called to Dr. Choi at spectralink 69156", "69156", "PHONE_NUMBER"),
    ("Stay: Jul 5 '20 through 07-19-2020", "Jul 5 '20", "DATE_TIME"),
    ("records from 01/2017 are enclosed", "01/2017", "DATE_TIME"),
    ("not eating since 1/8. 72 yo M", "1/8", "DATE_TIME"),
    ("Father died at 101 of stroke.", "101", "AGE_OVER_89"),
]


@pytest.mark.parametrize(("text", "span", "entity_type"), POSITIVE)
def test_finds(found, text: str, span: str, entity_type: str) -> None:
    assert (span, entity_type) in found(text)


NEGATIVE = [
    ("Expectorating BROWN SPUTUM since the morning.", "PERSON"),
    ("Patient Denies chest pain", "PERSON"),
    ("PT EVAL COMPLETED", "PERSON"),
    ("age 45, 45 yo, 45-year-old", None),
    ("This 79 year old female complains of pain", None),
    ("Brief Hospital Course: stable", "HOSPITAL"),
    ("follow up in clinic next week", None),
    ("WBC 12000, platelets 250000", None),
    ("took 1/2 tab", None),
    ("pain 8/10", None),
    ("BP 120/80", None),
    ("for 3 days", None),
    ("2 weeks ago, yesterday", None),
    ("Echo shows mild MR and TR.", None),
    # Capitals without a title: everyday words and clinical terms are not names.
    ("PT RESTING IN BED. REPORTS BROWN SPUTUM. HOPE TO WEAN VENT TODAY.", None),
    ("MAY START TF TOMORROW. HX PARKINSON'S.", "PERSON"),
    ("Foley catheter in place. Bell's palsy resolved. On Lasix 40 mg daily.", "PERSON"),
    ("Parkinson's disease, Hodgkin lymphoma in remission.", "PERSON"),
    ("Labs today: Hgb 13.4, Cr 1.00, glucose 146. PMH per daughter: CHF.", "PERSON"),
]


@pytest.mark.parametrize(("text", "entity_type"), NEGATIVE)
def test_does_not_find(found, text: str, entity_type: str | None) -> None:
    """``entity_type`` None: nothing at all may be found."""
    findings = found(text)
    if entity_type is None:
        assert findings == []
    else:
        assert all(found_type != entity_type for _, found_type in findings)


def test_plain_ages_are_not_phi(found) -> None:
    assert not any(entity == "AGE_OVER_89" for _, entity in found("age 45 and 89 yo and 126 yo"))


@pytest.mark.parametrize("make", [clinical_recognizers, presidio_recognizers])
def test_recognizer_contract(make) -> None:
    """Every recognizer is a presidio recognizer for English, with context words and one entity."""
    recognizers = make()
    assert recognizers
    for recognizer in recognizers:
        assert isinstance(recognizer, EntityRecognizer)
        assert recognizer.supported_language == "en"
        assert recognizer.context, recognizer.name
        assert len(recognizer.supported_entities) == 1


def test_patterns_compile_once() -> None:
    """Recognizers share their Pattern objects (and so the compiled regex) across instances."""
    first, second = clinical_recognizers(), clinical_recognizers()
    for a, b in zip(first, second, strict=True):
        assert all(p is q for p, q in zip(a.patterns, b.patterns, strict=True))


def test_dictionary_names_found_at_sentence_start_and_in_capitals() -> None:
    from safecohort.detect.recognizers import DictionaryNameRecognizer
    from safecohort.detect.text import scan_text

    texts = ["Amber Gamble is a 78-year-old woman admitted with weakness.", "AMBER GAMBLE SEEN ON ROUNDS."]
    found = [
        [(t[f.start : f.end], f.entity_type) for f in fs]
        for t, fs in zip(texts, scan_text(texts), strict=True)
    ]
    assert ("Amber Gamble", "PERSON") in found[0]
    assert ("AMBER GAMBLE", "PERSON") in found[1]
    recognizer = DictionaryNameRecognizer()
    assert not recognizer.analyze("Brown sputum noted. May start lasix. Hope to wean.", ["PERSON"])


def test_street_names_with_usps_suffixes() -> None:
    from safecohort.detect.text import scan_text

    text = "Home address: 148 Heather Drives, Peabody. Also 11 Sabrina Ports."
    spans = [text[f.start : f.end] for f in scan_text([text])[0] if f.entity_type == "STREET_ADDRESS"]
    # Each street is reported, with the rest of its address line (the city) but not the next sentence.
    assert any(span.startswith("148 Heather Drives") and "Also" not in span for span in spans)
    assert any(span.startswith("11 Sabrina Ports") for span in spans)


def test_other_mentions_of_a_found_name_and_a_hospital_acronym(found) -> None:
    """A confidently found name or a hospital's acronym marks its other mentions in the same note."""
    text = (
        "Transferred from Fresno Community Hospital (FCH) for AMS. At FCH trop peaked at 2.1. "
        "Seen by Dr. Okonkwo. FOLLOW UP: Okonkwo clinic in 2 weeks."
    )
    spans = [span for span, _ in found(text)]
    assert spans.count("FCH") == 2
    assert spans.count("Okonkwo") == 2


def test_city_before_state_and_zip(rules) -> None:
    """The city of an address line is found by its own recognizer, and covered in the scan (there as part
    of the whole address block)."""
    from safecohort.detect.recognizers import CityRecognizer

    text = "6379 Shawn Branch Suite 952, Worcester, MA 02170"
    assert [text[r.start : r.end] for r in CityRecognizer().analyze(text, ["LOCATION"])] == ["Worcester"]
    city = text.index("Worcester")
    assert any(f.start <= city and city + len("Worcester") <= f.end for f in rules.scan([text])[0])


def test_windowed_phone_recognizer_agrees_with_presidio_on_phone_stretches() -> None:
    """Running libphonenumber only around digit runs finds what presidio's full pass finds, offsets
    included, for numbers in prose, with extensions, several per note and at the very start or end."""
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    from safecohort.detect.recognizers.identifiers import WindowedPhoneRecognizer

    texts = [
        "Call (617) 555-0134 ext. 12 or the desk 617.555.0199 after 5.",
        "+44 20 7946 0958 is the London office; fax +49 30 901820.",
        "Nothing here but 3 pills and BP 120/80.",
        "212-555-0147",
    ]
    full, windowed = PhoneRecognizer(), WindowedPhoneRecognizer()
    found = 0
    for text in texts:
        expected = sorted((r.start, r.end) for r in full.analyze(text, ["PHONE_NUMBER"]))
        got = sorted((r.start, r.end) for r in windowed.analyze(text, ["PHONE_NUMBER"]))
        assert got == expected, text
        found += len(got)
    assert found >= 5
    assert WindowedPhoneRecognizer().analyze("Seen 3 times, 2 days ago.", ["PHONE_NUMBER"]) == []
    # Dates, SSNs, IP addresses and card numbers are other identifiers, never phone numbers.
    others = "Seen 09-27-2018 and 2019-03-04; SSN 075-56-5129; from 219.216.81.94; card 4956514223803400."
    assert full.analyze(others, ["PHONE_NUMBER"])  # libphonenumber alone calls some of them phones
    assert windowed.analyze(others, ["PHONE_NUMBER"]) == []


def test_every_recognizer_class_is_exported() -> None:
    """The package's ``__all__`` lists every recognizer class its modules define, so a user (or a policy
    extension) can import any of them from ``safecohort.detect.recognizers``."""
    import importlib
    import inspect

    from presidio_analyzer import EntityRecognizer

    import safecohort.detect.recognizers as package

    defined = set()
    for module in ("base", "names", "identifiers", "dates", "locations", "ner"):
        members = inspect.getmembers(importlib.import_module(f"safecohort.detect.recognizers.{module}"))
        defined |= {
            name
            for name, obj in members
            if inspect.isclass(obj)
            and issubclass(obj, EntityRecognizer)
            and obj.__module__.startswith("safecohort.")
            and not name.startswith("_")
        }
    assert len(defined) > 30
    assert defined <= set(package.__all__)
    assert all(hasattr(package, name) for name in package.__all__)
