"""Places: cities and countries after a cue, in a list, before a state or after an address (read with
:func:`safecohort.detect.vocab.read_place` over the gazetteer), and landmarks; in general text also
places from the gazetteer and Faker's cities, towns by their shape, places in a table's column and
after everyday-text cues."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.addresses import _RURAL_ROUTE, _STATE, _STATE_NAME, _STREET_SUFFIX, _UNIT
from safecohort.detect.recognizers.base import (
    _TITLE,
    CASE_SENSITIVE,
    AnchoredRecognizer,
    Pattern,
    SpanRecognizer,
    _either_case,
    _TableCellRecognizer,
)
from safecohort.detect.recognizers.facilities import _ORG_WORD
from safecohort.detect.vocab.gazetteer import (
    WEAK_CUE_POPULATION,
    gazetteer,
    is_everyday_place,
    is_known_place,
    read_place,
)
from safecohort.detect.vocab.lexicon import (
    _CLINICAL_STOPWORDS,
    COMMON_WORD_ZIPF,
    RARE_WORD_ZIPF,
    Lexicon,
    is_frequent_word,
    lexicon,
)
from safecohort.detect.vocab.words import is_everyday_word

# --- places: cities and countries (the gazetteer and the reading are in safecohort.detect.vocab) --------

_PLACE_CONNECTOR = r"(?:of|or|on|upon|de|del|la|le|du)"


class CityRecognizer(AnchoredRecognizer):
    """The city in an address line before a state and ZIP code ("Worcester, MA 02170", "Truth or
    Consequences, N.M. 87042")."""

    ENTITY = "LOCATION"
    PATTERNS = (Pattern("state and zip", rf",[ \t]*{_STATE}[ \t]+\d{{5}}(?:-\d{{4}})?\b", 0.7),)
    CONTEXT = ("city", "address", "lives")
    BEFORE = re.compile(
        rf"[A-Z][A-Za-z.'’-]*[A-Za-z](?:[ ](?:{_PLACE_CONNECTOR}[ ])?[A-Z][A-Za-z.'’-]*[A-Za-z]){{0,2}}$"
    )
    WINDOW = 40


_PLACE_CUES: dict[str, Any] = {}  # place cue patterns, compiled on first use


class PlaceReadingRecognizer(AnchoredRecognizer):
    """A recognizer whose anchor is a place cue and whose finding is the place name read right after it
    by :func:`safecohort.detect.vocab.read_place`: after a ``STRONG`` cue any capitalised name, after a
    weak one only a name the gazetteer lists that is neither an everyday word nor a person's name."""

    ENTITY = "LOCATION"
    STRONG: ClassVar[bool] = True

    def load(self) -> None:
        """Read the gazetteer now, while the scanner is built (about a second; forked workers share it)."""

        gazetteer()

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """One result per cue with a place after it. Cues ("in", "from", a comma) are frequent and most
        have no place after them, so the patterns run here rather than through presidio's per-match
        bookkeeping, compiled as presidio compiles them (the ``regex`` module, the class's flags)."""

        if self.ENTITY not in entities:
            return []
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        results = []
        for pattern in self.PATTERNS:
            compiled = _PLACE_CUES.get(pattern.regex)
            if compiled is None:
                compiled = _PLACE_CUES[pattern.regex] = regex.compile(pattern.regex, flags=CASE_SENSITIVE)
            for anchor in compiled.finditer(text):
                span = self._next_to(text, anchor.start(), anchor.end())
                if span is not None and span[0] < span[1]:
                    results.append(
                        RecognizerResult(
                            self.ENTITY, span[0], span[1], pattern.score, recognition_metadata=dict(metadata)
                        )
                    )
        return results

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:

        return read_place(text, end, strong=self.STRONG, after_comma=text[start] == ",")


class PlaceCueRecognizer(PlaceReadingRecognizer):
    """Where someone lives, comes from or travels: "lives with her husband in Dayton", "moved to Normal",
    "recent travel to Cape Verde", "IN FROM ATHENS WITH A FRIEND", "originally from the Dominican
    Republic", "her apartment in Canton", "a wedding in Friendship". Any capitalised name after the cue
    counts; cities that are everyday words too ("Normal", "Hope") are found only this way."""

    PATTERNS = (
        Pattern(
            "place cue",
            r"\b(?i:lives|living|resides|residing|moved|relocated|grew[ \t]+up|born|travel(?:l?ed|l?ing)?|"
            r"trip|vacation(?:ed|ing)?|visiting|emigrated|immigrated)\b"
            # words between, in lower case or, in a line in capitals, in capitals ("LIVES W/ SON JOE IN")
            r"(?:[ \t]+(?!(?i:in|to|at|near|from)\b)(?:[a-z][a-z'-]*|(?<=[A-Z/][ \t]+)[A-Z][A-Z'/-]*)){0,4}"
            r"[ \t]+(?i:in|to|near|from)[ \t]+(?=[A-Z])",
            0.6,
        ),
        Pattern(
            "origin cue",
            r"\b(?i:in[ \t]+from|originally[ \t]+from|natives?[ \t]+of|home[ \t]?town(?:[ \t]+of)?|"
            r"hails[ \t]+from|residents?[ \t]+of)[ \t]+(?=[A-Z]|(?i:the)[ \t]+[A-Z])",
            0.6,
        ),
        # A home or a family event in a place: "walk-up in Lewiston", "her son's funeral in Jameshaven".
        Pattern(
            "home or event cue",
            r"\b(?i:apartment|house|home|condo|walk-up|trailer|farm|cottage|cabin|wedding|funeral|"
            r"reunion|graduation|ceremony|memorial|christening|baptism|celebration)[ \t]+(?i:in|near)[ \t]+"
            r"(?=[A-Z])",
            0.6,
        ),
    )
    CONTEXT = ("lives", "moved", "travel", "from")


class ListedPlaceRecognizer(PlaceReadingRecognizer):
    """A city or country the gazetteer lists, after a preposition or a comma: "a man from Chicopee",
    "a walk-up in Lewiston", "Office of the Chief Medical Examiner, Dayton". A weak cue: a listed name
    that is an everyday word or a person's name ("in Hope", "from Jackson", "Reilly, Cynthia") is left
    to the strong cues."""

    STRONG = False
    PATTERNS = (
        Pattern(
            "preposition or comma",
            r"\b(?i:in|from|near|at|to|outside(?:[ \t]+of)?)[ \t]+(?=[A-Z]|(?i:the)[ \t]+[A-Z])"
            r"|(?<=[A-Za-z.)]),[ \t]*(?=[A-Z])",
            0.5,
        ),
    )
    CONTEXT = ("lives", "from", "city", "address")


_LANDMARK = _either_case(
    "Beach", "Park", "Lake", "Pond", "River", "Trail", "Reservoir", "Mall", "Plaza", "Station", "Stadium",
    "Arena", "Auditorium", "Airport", "Harbor", "Harbour", "Bridge", "Forest", "Falls", "Island",
)  # fmt: skip


class AddressCityRecognizer(PlaceReadingRecognizer):
    """The city after a street address or a landmark and a comma: "291 Lower Hodge Rd., Truth or
    Consequences", "(8164 Mike Haven, Jackson)", "found at Horseneck Beach, Liberty". A strong cue: an
    address names its town whatever the town is called."""

    PATTERNS = (
        Pattern(
            "street, city",
            rf",(?<=\d[^\n,;:()]{{1,40}}?\b{_STREET_SUFFIX}\.?(?:[ \t]+\d{{1,4}}[A-Za-z]?)?"
            rf"(?:[ \t]+{_UNIT})?,|{_RURAL_ROUTE},)[ \t]*(?=[A-Z])",
            0.6,
        ),
        Pattern("landmark, city", rf",(?<=\b[A-Z][A-Za-z'’-]+[ \t]+{_LANDMARK},)[ \t]*(?=[A-Z])", 0.6),
    )
    CONTEXT = ("address", "city", "lives")


class CityStateRecognizer(AnchoredRecognizer):
    """A listed city before a state with no ZIP code: "lives in Quincy, MA", "seen in Dayton, Ohio". Only
    a city the gazetteer lists that is not an everyday word or a US name; two capitals after a comma are
    also credentials ("Lee, MD", "Jones, MA"), so before a code a word after a title is a name ("Dr.
    Lowell, MD")."""

    ENTITY = "LOCATION"
    PATTERNS = (Pattern("city, state", rf",[ \t]*(?:{_STATE_NAME}|{_STATE})(?![\w-])(?![ \t]*\d)", 0.5),)
    CONTEXT = ("lives", "city", "address", "from")
    BEFORE = CityRecognizer.BEFORE
    WINDOW = 40

    _TITLE_BEFORE: ClassVar[re.Pattern[str]] = re.compile(rf"\b{_TITLE}\.?[ \t]*$", re.IGNORECASE)

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:

        span = super()._next_to(text, start, end)
        if span is None or not is_known_place(text[span[0] : span[1]]):
            return None
        code = re.fullmatch(r",[ \t]*[A-Z]{2}", text[start:end]) is not None
        titled = self._TITLE_BEFORE.search(text, max(0, span[0] - 12), span[0]) is not None
        return None if code and titled else span


class LandmarkRecognizer(AnchoredRecognizer):
    """Named landmarks where something happened ("found at Lake Quinsigamond", "in the parking lot of the
    Route 9 Park and Ride", "at the Lowell Memorial Auditorium"): after a preposition, capitalised words
    or a route number before a landmark word (Park, Beach, Reservoir, Trail, ...). One word must be a name
    rather than everyday English ("at the Nurses Station" is not a landmark)."""

    ENTITY = "LOCATION"
    PATTERNS = (
        Pattern(
            "preposition",
            r"\b(?i:at|in|near|outside|behind|from|of|to)[ \t]+(?=(?:(?i:the)[ \t]+)?[A-Z0-9])",
            0.6,
        ),
    )
    CONTEXT = ("found", "lot", "scene", "pickup")
    AFTER = re.compile(
        rf"(?:(?i:the)[ ])?(?:(?:{_ORG_WORD}|\d{{1,4}})[ ]){{1,3}}{_LANDMARK}(?:[ ](?:and|&)[ ]{_ORG_WORD})?"
        rf"(?![A-Za-z])|(?:Lake|Mount|Mt\.|Fort|Cape|LAKE|MOUNT|FORT|CAPE)[ ]{_ORG_WORD}(?:[ ]{_ORG_WORD})?"
        r"(?![A-Za-z])"
    )
    WINDOW = 70
    _HEAD = re.compile(rf"\b{_LANDMARK}\b|\b(?:Lake|Mount|Mt\.|Fort|Cape|LAKE|MOUNT|FORT|CAPE)[ ][A-Z]")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The landmarks of a note, or none without a landmark word in it (most notes have none)."""
        if not self._HEAD.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def keep(self, found: str) -> bool:
        """A route number, or a word that is neither everyday English nor a clinical term."""

        words = re.findall(r"[A-Za-z]+|\d+", found)
        return any(word.isdigit() or not is_everyday_word(word) for word in words)


# --- places --------------------------------------------------------------------------------------------

_PLACE_CUE = regex.compile(
    r"(?i:\b(?:flew\s+to|fly\s+to|grew\s+up\s+in|based\s+in|i\s+am\s+in|i'm\s+in|moved\s+here\s+from|"
    r"moved\s+to|lives?\s+in|lived\s+in|born\s+in|from|in|to|where\s*:|near|visiting|visit|trip\s+to))"
    r"[ \t]*(?:the[ \t]+)?$"
)
_PLACE_WORD = regex.compile(
    r"\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|del|la|le|upon|on|am|an|sur))*"
)


# US states and Canadian provinces and territories by their postal codes.
# fmt: off
_STATE_CODES = frozenset((
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    "PR", "GU", "VI", "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
))
# fmt: on
# The last line of a North American address: "Port Hollis, SC 29401", "Lake Ida, NU X0A 1H0".
_CITY_STATE_POSTCODE = regex.compile(
    r"(?<![\p{L}\p{M}])(?P<city>\p{Lu}[\p{L}\p{M}'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’-]*){0,2}),[ \t]+"
    r"(?P<state>[A-Z]{2})[ \t]+(?=\d{5}(?:-\d{4})?\b|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d\b)"
)


class PlaceRecognizer(SpanRecognizer):
    """Countries and cities from Faker's locale lists and the GeoNames gazetteer
    (:mod:`safecohort.detect.vocab.gazetteer`), in Title case or capitals ("Cyprus", "ESPOO", "Brønderslev",
    "United Kingdom", "Den Haag"); single common English words ("Mobile", "Reading"), names and small
    towns only after a place cue ("flew to", "based in", "Where:"); in lower case only after a cue and
    when English rarely uses the word ("moved here from tunisia", "lives in harburg"); the line above a
    country line of an address block ("ALFRICK / United Kingdom"). Clinical-safe: no (city lists are
    huge; in notes a capitalised word after "to"/"in" is often a unit or service; the clinical profile
    reads places after cues in :mod:`safecohort.detect.recognizers`)."""

    ENTITY = "LOCATION"

    def load(self) -> None:
        """Read the gazetteer now, while the scanner is built (forked workers then share it)."""
        gazetteer()

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Listed places, capitalised words after a strong place cue, lower-case places after a cue and
        the city line of an address block."""
        yield from _lower_case_places(text)
        yield from _address_block_cities(text)
        for match in _CITY_STATE_POSTCODE.finditer(text):
            if match.group("state") in _STATE_CODES:
                yield match.start("city"), match.end("city"), 0.6
                yield match.start("state"), match.end("state"), 0.6
        lex = lexicon()
        for match in _PLACE_WORD.finditer(text):
            words = match.group().split()
            position = match.start()
            offsets = []
            for word in words:
                position = text.find(word, position)
                offsets.append((position, position + len(word), word))
                position += len(word)
            index = 0
            while index < len(offsets):
                found = self._longest_place(offsets, index, lex, text)
                if found is None:
                    index += 1
                    continue
                last, score = found
                yield offsets[index][0], offsets[last][1], score
                index = last + 1

    @staticmethod
    def _longest_place(
        offsets: list[tuple[int, int, str]], index: int, lex: Lexicon, text: str
    ) -> tuple[int, float] | None:
        start = offsets[index][0]
        line_start = text.rfind("\n", 0, start) + 1
        cued = bool(_PLACE_CUE.search(text[max(line_start, start - 30) : start]))
        places = gazetteer()
        for last in range(min(len(offsets), index + 4) - 1, index - 1, -1):
            phrase = " ".join(w for _, _, w in offsets[index : last + 1]).strip(".,").lower()
            if not phrase or not offsets[index][2][0].isupper():
                continue
            single = last == index
            if phrase in lex.countries and not (single and is_frequent_word(phrase, COMMON_WORD_ZIPF + 0.5)):
                return last, 0.7
            if phrase in lex.cities and (not single or not is_frequent_word(phrase) or cued):
                if single and phrase in _CLINICAL_STOPWORDS:
                    continue
                return last, 0.6 if cued else 0.5
            if _is_gazetteer_place(text[start : offsets[last][1]].strip(".,"), single, cued, lex):
                return last, 0.7 if places.is_country(phrase) else 0.6 if cued else 0.5
        if not cued:
            return None
        last = index - 1
        while last + 1 < min(len(offsets), index + 3) and not is_frequent_word(offsets[last + 1][2]):
            last += 1
        return (last, 0.5) if last >= index and len(offsets[index][2]) > 2 else None


#: A one-word city the gazetteer lists counts without a cue only from this size on, and only when it is
#: not a name in any locale: small towns share their names with everyday words and people.
UNCUED_CITY_POPULATION = 15_000


def _is_gazetteer_place(phrase: str, single: bool, cued: bool, lex: Lexicon) -> bool:
    """Whether ``phrase`` (as written) is a GeoNames country or city to report: countries unless a very
    common word; cities of several words after a cue, or without one when large and not made only of
    common words ("Country Club", Florida, needs a cue); one-word cities after a cue unless everyday
    words or US names, and without a cue only larger ones no locale lists as a name."""
    places = gazetteer()
    if places.is_country(phrase):
        return not (single and is_frequent_word(phrase, COMMON_WORD_ZIPF + 0.5))
    population = places.population(phrase)
    if population < WEAK_CUE_POPULATION:
        return False
    if not single:
        common = all(is_frequent_word(word) for word in phrase.split())
        return cued or (population >= UNCUED_CITY_POPULATION and not common)
    if phrase.lower() in _CLINICAL_STOPWORDS or is_everyday_place(phrase, population):
        return False
    return cued or (population >= UNCUED_CITY_POPULATION and not lex.is_name(phrase))


# A place cue, then one to three lower-case words (group "place").
_LOWER_PLACE = regex.compile(
    _PLACE_CUE.pattern.removesuffix("$")
    + r"(?<=\s)(?P<place>\p{Ll}[\p{L}\p{M}'’-]*(?:[ \t]+\p{Ll}[\p{L}\p{M}'’-]*){0,2})"
)


def _lower_case_places(text: str) -> Iterator[tuple[int, int, float]]:
    """Places written in lower case right after a place cue ("from switzerland", "lives in harburg"):
    the longest run of up to three words that is a listed country or city, where a single word must not
    be common English ("in pain", "from home") - for a country, not very common ("from china" stays)."""
    lex, places = lexicon(), gazetteer()
    for match in _LOWER_PLACE.finditer(text):
        start = match.start("place")
        for word in reversed(list(regex.finditer(r"\S+", text, pos=start, endpos=match.end("place")))):
            phrase = " ".join(text[start : word.end()].split())
            single = " " not in phrase
            if phrase in lex.countries or places.is_country(phrase):
                if not (single and is_frequent_word(phrase, COMMON_WORD_ZIPF + 0.5)):
                    yield start, word.end(), 0.6
                    break
            elif (phrase in lex.cities or places.is_city(phrase, WEAK_CUE_POPULATION)) and not (
                single and is_frequent_word(phrase)
            ):
                yield start, word.end(), 0.6
                break


_COUNTRY_LINE = regex.compile(
    r"(?m)^[ \t]*(\p{Lu}[\p{L}\p{M}'’. -]*?)[ \t]*(?:[ \t,]+[\dA-Z -]{3,10})?[ \t]*$"
)
_CITY_LINE = regex.compile(r"[ \t]*(\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{L}[\p{L}\p{M}'’.-]*){0,3})[ \t]*")


def _address_block_cities(text: str) -> Iterator[tuple[int, int, float]]:
    """The city of an address block: the line above a line that names a country (with a postcode or
    not; one blank line may stand between): "ALFRICK / United Kingdom", "Los Angeles / United States",
    "Soto del Barco / (blank) / Spain 61709" (one to four words, no digits)."""
    lex, places = lexicon(), gazetteer()
    for line in _COUNTRY_LINE.finditer(text):
        country = line.group(1).strip(" .")
        if not (places.is_country(country) or country.lower() in lex.countries) or line.start() < 2:
            continue
        above_end = line.start() - 1  # the newline before the country line
        above_start = text.rfind("\n", 0, above_end) + 1
        if not text[above_start:above_end].strip() and above_start >= 2:
            above_end = above_start - 1
            above_start = text.rfind("\n", 0, above_end) + 1
        city = _CITY_LINE.fullmatch(text, above_start, above_end)
        if city is not None and not places.is_country(city.group(1)):
            yield city.start(1), city.end(1), 0.6


# Invented and real town names built the English way: a name and a town ending ("Johnsonview",
# "Rogerschester", "Sayinborough", "Masonport"); the endings from Faker's locale address providers.
_TOWN_ENDINGS = (
    "borough", "burgh", "bury", "chester", "fort", "haven", "mouth", "port", "shire", "side", "stad",
    "town", "view", "ville", "furt", "berg", "burg", "ton", "land", "field", "ford", "ham",
)  # fmt: skip
# Hungarian town endings no English word or name has ("Nyéktamásikőrös", "Bakonytótbánya"); they need
# no name before them.
_DISTINCT_TOWN_ENDINGS = (
    "bánya", "kőrös", "kövesd", "falva", "háza", "város", "várad", "haraszti", "nádasd", "németi", "apáti",
    "berény",
)  # fmt: skip
# A whole word long enough to be a stem and an ending (the endings are then checked with str.endswith).
_TOWN_WORD = regex.compile(r"(?<![\p{L}\p{M}'’-])\p{L}[\p{L}\p{M}]{4,}(?![\p{L}\p{M}'’-])")
_TOWN_PREFIX = r"(?:North|South|East|West|Port|New|Lake|Mount|Fort|Upper|Lower|Saint|San|Santa|St\.)"
_PREFIXED_TOWN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}'’-])(?:(?P<t>{_TOWN_PREFIX})|(?P<c>(?i:{_TOWN_PREFIX})))[ \t]+"
    r"(?P<name>\p{L}[\p{L}\p{M}'’-]+)(?![\p{L}\p{M}])"
)
# "San Sessa los bajos", "Carvalho do Amparo", "San Gonzalo de la Montaña": Iberian town endings.
_IBERIAN_ENDING = (
    r"(?:los[ \t]+(?:altos|bajos)|de[ \t]+la[ \t]+\p{Lu}\p{Ll}+|d[oa]s?[ \t]+\p{Lu}\p{Ll}+"
    r"|de[ \t]+(?:Goiás|Minas))"
)
_IBERIAN_TOWN = regex.compile(
    r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]+(?:[ \t]+\p{Lu}[\p{L}\p{M}]+){0,2}[ \t]+"
    rf"{_IBERIAN_ENDING}"
    r"(?![\p{L}\p{M}])"
)
# Labelled fields of forms and CRM exports: "Country: England", "City: Port Hollis".
_PLACE_LABEL = regex.compile(
    r"(?<=\b(?i:country|city|town|province)[ \t]*:[ \t]*)"
    r"\p{Lu}[\p{L}\p{M}'’.-]+(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]+){0,2}"
)
# "in UK", "to US", "from the USA": country abbreviations after a lower-case place word.
_COUNTRY_CODE = regex.compile(
    r"(?<=\b(?:in|to|from|across|throughout|visit|visiting)[ \t]+(?:the[ \t]+)?)"
    r"(?:U\.S\.A\.|U\.K\.|U\.S\.|USA|UAE|UK|US)(?![\p{L}]|\.\p{L})"
)
# The town of a lower-case address: "palackého 608, desná", "radničné námestie 318, klin 800 68".
_LOWER_ADDRESS_TOWN = regex.compile(
    r"(?P<street>\p{Ll}[\p{Ll}\p{M}]+)[ \t]+\d{1,5}[a-z]?\.?,[ \t]+"
    r"(?P<town>\p{Ll}[\p{Ll}\p{M}'’-]+(?:[ \t]\p{Ll}[\p{Ll}\p{M}'’-]+){0,2}?)"
    r"(?=[ \t]+\d{3,5}(?:[ \t]\d{2})?\b|[ \t]*(?:[.,;|!?]|$))",
    regex.MULTILINE,
)
_ADDRESS_UNITS = frozenset(("suite", "apt", "unit", "box", "flat", "floor"))
_NO_PLACE = frozenset(("unknown", "none", "other", "n/a", "various", "any", "all"))


class TownShapeRecognizer(SpanRecognizer):
    """Town names no gazetteer lists, read from how towns are named: a listed name and an English town
    ending ("Johnsonview", "RANDYMOUTH", "riceborough"), a compass or harbour prefix and a listed name
    ("Port Melanie", "EAST RANDYMOUTH"), Iberian endings ("San Mario los bajos", "Pinto dos Dourados"),
    labelled fields ("Country: England"), country abbreviations after "in/to/from" ("in UK"), and the
    town after the house number of a lower-case address ("habartovská 87, vítkov"). Clinical-safe: no."""

    ENTITY = "LOCATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Town-shaped words and phrases, labelled places, country codes, lower-case address towns."""
        lex = lexicon()
        for match in _TOWN_WORD.finditer(text):
            word = match.group()
            low = word.lower()
            if low.endswith(_DISTINCT_TOWN_ENDINGS):
                ending = next(e for e in _DISTINCT_TOWN_ENDINGS if low.endswith(e))
                if len(low) - len(ending) >= 4:
                    yield match.start(), match.end(), 0.5
                continue
            if not low.endswith(_TOWN_ENDINGS):
                continue
            stems = [word[: -len(e)] for e in _TOWN_ENDINGS if low.endswith(e) and len(low) - len(e) >= 3]
            if any(self._suffixed_town(word, stem, lex) for stem in stems):
                start, end = match.start(), match.end()
                prefix = regex.search(
                    rf"(?i:{_TOWN_PREFIX})[ \t]+$", text, pos=max(0, start - 8), endpos=start
                )
                if prefix and prefix.group()[0].isupper():
                    start = prefix.start()
                yield start, end, 0.55
        for match in _PREFIXED_TOWN.finditer(text):
            name = match.group("name")
            cased = name.istitle() if match.group("t") else name.isupper()
            if cased and lex.is_name(name) and not is_frequent_word(name, COMMON_WORD_ZIPF):
                yield match.start(), match.end(), 0.5
        for match in _IBERIAN_TOWN.finditer(text):
            yield match.start(), match.end(), 0.5
        for match in _CITY_STATE_POSTCODE.finditer(text):
            # "Lake Jesse, MD 18208" as one span: a state code alone reads as a credential or a route
            if match.group("state") in _STATE_CODES:
                yield match.start("city"), match.end("state"), 0.6
        for match in _PLACE_LABEL.finditer(text):
            if match.group().lower() not in _NO_PLACE:
                yield match.start(), match.end(), 0.5
        for match in _COUNTRY_CODE.finditer(text):
            yield match.start(), match.end(), 0.6
        for match in _LOWER_ADDRESS_TOWN.finditer(text):
            street, town = match.group("street"), match.group("town")
            if (street in _ADDRESS_UNITS or not is_frequent_word(street, 3.5)) and any(
                lex.is_name(word) or not is_frequent_word(word, 3.5) for word in regex.split(r"[ \t-]+", town)
            ):
                yield match.start("town"), match.end("town"), 0.5

    @staticmethod
    def _suffixed_town(word: str, stem: str, lex: Lexicon) -> bool:
        """A listed name and a town ending, and not itself a name or an everyday word ("Johnston")."""
        if not (word.istitle() or word.isupper() or word.islower()) or lex.is_name(word):
            return False
        if is_frequent_word(word, RARE_WORD_ZIPF):
            return False
        low = stem.lower()
        return low in lex.last_names or low in lex.first_names


class TablePlaceRecognizer(_TableCellRecognizer):
    """Places in a "city"/"country"/"state" column of a delimited table. Clinical-safe: no."""

    ENTITY = "LOCATION"


# A US state after a driving licence or plate number: "license S1324789 (ID)", "plate 4ABC123 (WA)".
_LICENCE_STATE = regex.compile(
    r"(?<=\b(?i:licen[cs]e|licen[cs]e[ \t]+(?:no|number|#)|dl|plate|registration|permit)[ \t]*[:#]?[ \t]*"
    r"[A-Z\d][A-Z\d-]{3,24}[ \t]*\()[A-Z]{2}(?=\))"
)
# A country abbreviation closing a place: "East Travisview, UK", "North Conor, DE9 1TA, UK".
_TRAILING_COUNTRY = regex.compile(
    r"(?<=[\p{L}\p{M}\d][ \t]*,[ \t]*)(?:U\.K\.|U\.S\.A\.|U\.S\.|USA|UK|US)(?=[ \t]*(?:[,.;|)\n\"]|$))"
)
# A place field written in lower case: "city: guadalajara", "country: new zealand".
_LOWER_PLACE_LABEL = regex.compile(
    r"(?<=\b(?i:city|town|country|province|region|hometown|place[ \t]+of[ \t]+birth|birthplace)[ \t]*:"
    r"[ \t]*)\p{Ll}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{Ll}[\p{L}\p{M}'’.-]*){0,3}(?=[ \t]*(?:[|,;\n]|$))"
)
# A listed name and "ville" as a separate word: "Brad Ville", "erin ville".
_NAME_VILLE = regex.compile(
    r"(?<![\p{L}\p{M}'’-])(?P<name>\p{L}[\p{L}\p{M}'’-]+)[ \t]+(?:ville|Ville|VILLE)\b"
)
# A lower-case compass or harbour prefix before a listed name or town-shaped word: "lake randall".
_LOWER_PREFIXED_TOWN = regex.compile(
    r"(?<![\p{L}\p{M}'’-])(?:north|south|east|west|port|new|lake|mount|fort|upper|lower|saint|san|santa)"
    r"[ \t]+(?P<name>\p{Ll}[\p{L}\p{M}'’-]+)(?![\p{L}\p{M}'’-])"
)
# A route or itinerary of places: "lyon -> turin -> milan", "Oslo → Bergen".
_ROUTE_STOP = r"(?P<stop>\p{L}[\p{L}\p{M}'’-]*(?:[ \t]+\p{L}[\p{L}\p{M}'’-]*){0,2})"
_ROUTE = regex.compile(rf"{_ROUTE_STOP}(?:[ \t]*(?:->|→|=>)[ \t]*{_ROUTE_STOP}){{2,}}")


class ContextPlaceRecognizer(SpanRecognizer):
    """Places read from their setting rather than a gazetteer: a state code in brackets after a licence
    or plate number, a country abbreviation closing an address or place ("..., UK"), a lower-case place
    field ("city: guadalajara"), a listed name and "ville" ("erin ville"), a lower-case compass prefix and
    a listed name ("lake randall", "west sharon"), and the stops of a route ("a -> b -> c") when one stop
    is a known place. Clinical-safe: no."""

    ENTITY = "LOCATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Places from licence states, trailing countries, fields, "ville" names and routes."""
        if "(" in text:
            for match in _LICENCE_STATE.finditer(text):
                if match[0] in _STATE_CODES:
                    yield match.start(), match.end(), 0.6
        if "U" in text:
            for match in _TRAILING_COUNTRY.finditer(text):
                yield match.start(), match.end(), 0.6
        if ":" in text:
            for match in _LOWER_PLACE_LABEL.finditer(text):
                # a very common word is a value, not a place ("city: same", "town: none")
                value = match[0]
                if value not in _NO_PLACE and (
                    gazetteer().is_city(value, WEAK_CUE_POPULATION)
                    or gazetteer().is_country(value)
                    or not all(is_frequent_word(w, COMMON_WORD_ZIPF + 0.5) for w in value.split())
                ):
                    yield match.start(), match.end(), 0.5
        lex = lexicon()
        for match in _NAME_VILLE.finditer(text):
            if lex.is_name(match["name"]):
                yield match.start(), match.end(), 0.5
        for match in _LOWER_PREFIXED_TOWN.finditer(text):
            name = match["name"]
            town = any(
                TownShapeRecognizer._suffixed_town(name, name[: -len(e)], lex)
                for e in _TOWN_ENDINGS
                if name.endswith(e) and len(name) - len(e) >= 3
            )
            if town or (lex.is_name(name) and not is_frequent_word(name, COMMON_WORD_ZIPF)):
                yield match.start(), match.end(), 0.5
        if "->" in text or "→" in text or "=>" in text:
            yield from self._route_stops(text)

    @staticmethod
    def _route_stops(text: str) -> Iterator[tuple[int, int, float]]:
        places, lex = gazetteer(), lexicon()
        for match in _ROUTE.finditer(text):
            stops = list(zip(match.starts("stop"), match.ends("stop"), strict=True))
            known = [
                text[s:e].lower() in lex.cities
                or places.is_city(text[s:e], WEAK_CUE_POPULATION)
                or places.is_country(text[s:e])
                for s, e in stops
            ]
            if sum(known) >= 1 and not any(is_everyday_word(text[s:e]) for s, e in stops):
                for start, end in stops:
                    yield start, end, 0.5


__all__ = [
    "UNCUED_CITY_POPULATION",
    "AddressCityRecognizer",
    "CityRecognizer",
    "CityStateRecognizer",
    "ContextPlaceRecognizer",
    "LandmarkRecognizer",
    "ListedPlaceRecognizer",
    "PlaceCueRecognizer",
    "PlaceReadingRecognizer",
    "PlaceRecognizer",
    "TablePlaceRecognizer",
    "TownShapeRecognizer",
]
