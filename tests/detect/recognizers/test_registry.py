"""The registry: which recognizers run in which profile, in what order, and the contract every one keeps.

Cases whose pytest id starts with a tuning split (``dev2-``, ``dev4-``, ``dev5-``) were written when
that split of a bench corpus was studied; the examples themselves are invented."""

from __future__ import annotations

import pytest
import regex
from presidio_analyzer import EntityRecognizer

from safecohort.detect.recognizers import (
    ClinicalPatternRecognizer,
    SpanRecognizer,
    all_recognizers,
    presidio_recognizers,
    recognizers_for,
)
from safecohort.detect.recognizers.base import Pattern

# ----------------------------------------------------------------------------------------------------------
# Each clinical recognizer through the real analyzer and spaCy model: what it must find, what it must not.
# ----------------------------------------------------------------------------------------------------------


POSITIVE = [
    ("94 yo F with CHF", "94", "AGE_OVER_89"),
    ("a 94-year-old woman", "94", "AGE_OVER_89"),
    ("aged 94, lives alone", "94", "AGE_OVER_89"),
    ("age: 101", "101", "AGE_OVER_89"),
    ("she is in her 90s", "90s", "AGE_OVER_89"),
    ("Father died at 101 of stroke.", "101", "AGE_OVER_89"),
]


@pytest.mark.parametrize(("text", "span", "entity_type"), POSITIVE)
def test_finds(found, text: str, span: str, entity_type: str) -> None:
    assert (span, entity_type) in found(text)


NEGATIVE = [
    ("age 45, 45 yo, 45-year-old", None),
    ("This 79 year old female complains of pain", None),
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


def clinical_pattern_recognizers() -> list[EntityRecognizer]:
    """The pattern recognizers the clinical profile runs (presidio's own aside)."""
    return [r for r in recognizers_for("clinical") if isinstance(r, ClinicalPatternRecognizer)]


@pytest.mark.parametrize("make", [clinical_pattern_recognizers, presidio_recognizers])
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
    first, second = clinical_pattern_recognizers(), clinical_pattern_recognizers()
    for a, b in zip(first, second, strict=True):
        assert all(p is q for p, q in zip(a.patterns, b.patterns, strict=True))


def test_every_pattern_compiles_with_its_recognizers_flags() -> None:
    """Patterns are compiled when they first run, not when they are made (``base.Pattern``): a broken
    regex must fail here rather than in a scan. Each compiles as ``match_patterns`` compiles it."""
    checked = 0
    for recognizer in all_recognizers():
        flags = int(getattr(recognizer, "global_regex_flags", 0) or 0)
        for pattern in getattr(recognizer, "patterns", ()):
            assert regex.compile(pattern.regex, flags=flags) is not None, pattern.name
            checked += 1
    assert checked > 150


def test_our_patterns_are_checked_for_their_score() -> None:
    with pytest.raises(ValueError, match="Invalid score"):
        Pattern("too sure", r"\d", 1.5)


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


def test_every_recognizer_class_is_exported() -> None:
    """The package's ``__all__`` lists every recognizer class its modules define, so a user (or a policy
    extension) can import any of them from ``safecohort.detect.recognizers``."""
    import importlib
    import inspect

    from presidio_analyzer import EntityRecognizer

    import safecohort.detect.recognizers as package

    defined = set()
    families = (
        "base names names_cued names_lexicon dates ages identifiers contact addresses places facilities"
    )
    for module in (*families.split(), "organisations", "companies", "ner"):
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


# ----------------------------------------------------------------------------------------------------------
# Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
# (clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


def test_clinical_safe_subset() -> None:
    safe = {type(r).__name__ for r in recognizers_for("clinical") if isinstance(r, SpanRecognizer)}
    assert safe == {
        "MultilingualNameRecognizer",
        "InternationalAddressRecognizer",
        "InternationalPostcodeRecognizer",
    }
    every = [type(r).__name__ for r in all_recognizers()]
    assert len(every) == len(set(every)) and safe < set(every)
    assert {"CuedStreetRecognizer", "PhoneShapeRecognizer", "LegalFormCompanyRecognizer"} <= set(every)


# ----------------------------------------------------------------------------------------------------------
# International streets and postcodes of the general profile: Faker street words in any case, "Name 12"
# streets after an address cue, address blocks with units and "postcode town", labelled postcodes. All
# examples invented; negatives include clinical and everyday "Word + number" phrases that must stay.
# ----------------------------------------------------------------------------------------------------------


def test_not_used_on_clinical_notes() -> None:
    safe = {type(r).__name__ for r in recognizers_for("clinical")}
    assert not {"CuedStreetRecognizer", "LabelledPostcodeRecognizer"} & safe


# ----------------------------------------------------------------------------------------------------------
# Places, ages, day-month dates, lower-case IBANs and structured addresses of the general profile
# (exports, forms, chat): invented examples of what each rule must find and what it must leave alone,
# clinical text included. Recognizers run directly, without the spaCy pipeline.
#
# Written when the dev2 split of a bench corpus was studied (its cases' ids start with dev2-).
# ----------------------------------------------------------------------------------------------------------


def test_clinical_profile_runs_none_of_these() -> None:
    names = {type(r).__name__ for r in recognizers_for("clinical")}
    assert not names & {
        "TableAgeRecognizer", "ContextAgeRecognizer", "DayMonthDateRecognizer", "LowerCaseIbanRecognizer",
        "ContextPlaceRecognizer", "GridStreetRecognizer",
    }  # fmt: skip


# ----------------------------------------------------------------------------------------------------------
# Phone shapes, legal-form and role companies, and town-shaped places of the `general` profile (issue 3):
# invented sentences, what each rule must find and what it must leave alone (dates, money, lab values,
# clinical text). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


def test_new_recognizers_are_registered_and_not_clinical_safe() -> None:
    names = {type(r).__name__ for r in all_recognizers()}
    assert {"PhoneShapeRecognizer", "LegalFormCompanyRecognizer", "TownShapeRecognizer"} <= names
    assert "BrandRoleRecognizer" in names
    clinical = {type(r).__name__ for r in recognizers_for("clinical")}
    assert not clinical & {
        "PhoneShapeRecognizer",
        "LegalFormCompanyRecognizer",
        "TownShapeRecognizer",
        "BrandRoleRecognizer",
    }
