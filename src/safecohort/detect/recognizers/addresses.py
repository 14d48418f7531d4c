"""Addresses: US ZIP codes and street addresses; in general text also international streets ("Puruntie
82", "Via Franscini 71", "PSC 6293, Box 8158 / APO AP 04336") and address blocks, postcodes by their
shape, after a label or in a table's column, streets after an address cue, and US grid streets."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex
from faker.providers.address.en_US import Provider as UsAddress

from safecohort.detect.recognizers.base import (
    EVERY_PROFILE,
    ClinicalPatternRecognizer,
    Pattern,
    SpanRecognizer,
    _either_case,
    _TableCellRecognizer,
)
from safecohort.detect.recognizers.dates import _MONTHS
from safecohort.detect.recognizers.facilities import _CAPITALISED
from safecohort.detect.vocab.lexicon import (
    COMMON_WORD_ZIPF,
    RARE_WORD_ZIPF,
    StreetWords,
    _glued_ending,
    is_frequent_word,
    lexicon,
    street_words,
)
from safecohort.detect.vocab.words import is_everyday_word, zipf

# --- ZIP codes and street addresses -------------------------------------------------------------------

# fmt: off
_US_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
    "WA", "WV", "WI", "WY",
)
# fmt: on
# Postal codes, then the AP style abbreviations ("Mass.", "N.M.", "W.Va.") that older letters and notes use.
_STATE = (
    "(?:" + "|".join(_US_STATES) + r"|(?:Mass|Calif|Penn)\.?|(?:Ala|Ariz|Ark|Colo|Conn|Del|Fla|Ga|Ill|Ind|"
    r"Kans?|Ky|La|Md|Mich|Minn|Miss|Mo|Mont|Nebr?|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo)\.|"
    r"[NSR]\.[ ]?[CDHIJMY]\.|W\.[ ]?Va\.)"
)
_STATE_NAME = _either_case(
    *"""Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
    Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
    Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
    Vermont Virginia Washington Wisconsin Wyoming""".split(),  # noqa: SIM905 - a word list reads better as text
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "West Virginia",
    "Puerto Rico",
    "District of Columbia",
)


class ZipCodeRecognizer(ClinicalPatternRecognizer):
    """US ZIP codes (5 or 5+4 digits) after a state abbreviation, or near an address word."""

    ENTITY = "ZIP_CODE"
    PATTERNS = (
        Pattern("zip after state", rf"(?<=\b{_STATE},?[ \t]+)\d{{5}}(?:-\d{{4}})?\b", 0.75),
        Pattern("zip after state name", rf"(?<=\b{_STATE_NAME},?[ \t]+)\d{{5}}(?:-\d{{4}})?\b", 0.75),
        Pattern("zip+4", r"(?<![\w.-])\d{5}-\d{4}(?![\w-])", 0.3),
        Pattern("5 digits", r"(?<![\w.,/-])\d{5}(?![\w/-]|[.,]\d)", 0.05),
    )
    CONTEXT = ("zip", "postal", "address", "addr", "street", "city", "state", "lives", "reside")


# Abbreviations and common forms first, then USPS Publication 28's standard suffixes as Faker ships them
# offline ("Ports", "Oval", "Pines"); dict.fromkeys drops the repeats and keeps the order.
_STREET_SUFFIX = _either_case(
    *dict.fromkeys(
        (
            "Street",
            "St",
            "Avenue",
            "Ave",
            "Road",
            "Rd",
            "Boulevard",
            "Blvd",
            "Lane",
            "Ln",
            "Drive",
            "Dr",
            "Court",
            "Ct",
            "Way",
            "Place",
            "Pl",
            "Terrace",
            "Ter",
            "Parkway",
            "Pkwy",
            "Highway",
            "Hwy",
            "Circle",
            "Cir",
            "Square",
            "Sq",
            "Park",
            "Row",
            "Trail",
            "Plaza",
            "Alley",
            "Route",
            "Rte",
            "Turnpike",
            "Pike",
            "Crescent",
            "Close",
            *UsAddress.street_suffixes,
        )
    )
)
_UNIT = (
    r"(?:(?i:apt|apartment|suite|ste|unit|rm|room|fl|floor|lot|trlr|spc)\.?[ \t]*\#?|\#)"
    r"[ \t]*[A-Za-z0-9-]*\d[A-Za-z0-9-]*"
)
_STREET = (
    # "12 Elm St", "12B Elm St", "12-14 Elm St", "12-B Elm St"
    r"(?<![\w.,/-])\d{1,6}[A-Za-z]?(?:-\d{1,4}|-[A-Z](?=[ \t]))?[ \t]+"
    r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?[ \t]+)?"
    rf"(?:(?:{_CAPITALISED}|\d{{1,3}}(?:st|nd|rd|th))[ \t]+){{1,4}}{_STREET_SUFFIX}\b\.?"
)


# A house on a numbered road ("4410 Rte 9A", "12 State Route 32", "880 Hwy 61 N"), a rural route box
# ("Rural Route 4 Box 90", "RR 2, Box 15"; "RR 18" alone is a respiratory rate).
_NUMBERED_ROUTE = (
    r"(?<![\w.,/-])\d{1,6}[A-Za-z]?[ \t]+(?:(?:State|STATE|County|COUNTY|US|U\.S\.|Old|OLD)[ \t]+)?"
    r"(?:Rte|RTE|Route|ROUTE|Hwy|HWY|Highway|HIGHWAY|Road|ROAD|Rt|RT)\.?[ \t]+\d{1,4}[A-Za-z]?\b"
    r"(?:[ \t]+(?:N|S|E|W|North|South|East|West)\b)?"
)
_RURAL_ROUTE = (
    r"\b(?:Rural[ \t]+Route|RURAL[ \t]+ROUTE|RR|R\.R\.)[ \t]+\d{1,3},?[ \t]+(?i:box)[ \t]+\d{1,5}\b"
)


class StreetAddressRecognizer(ClinicalPatternRecognizer):
    """Number + capitalised words + street suffix ("12 Elm Street", "400 W 5th Ave Apt 3B"); units and
    PO boxes on their own ("Apt. 595", "Suite 200", "PO Box 12")."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = (
        Pattern("street address", rf"{_STREET}(?:,?[ \t]*{_UNIT})?", 0.75),
        Pattern("numbered route", rf"{_NUMBERED_ROUTE}(?:,?[ \t]*{_UNIT})?", 0.75),
        Pattern("rural route", _RURAL_ROUTE, 0.7),
        Pattern("unit", r"\b(?i:apt|apartment|suite|ste)\.?[ \t]*\#?[ \t]*\d+[A-Za-z]?\b", 0.5),
        Pattern("po box", r"\b(?i:p\.?[ \t]?o\.?[ \t]*box)[ \t]*\d+\b", 0.7),
    )
    CONTEXT = ("address", "lives", "reside", "street", "home")


# --- addresses -----------------------------------------------------------------------------------------

_U = r"\p{Lu}"
_NAME_PART = r"[\p{L}][\p{L}\p{M}'’.-]*"
# Street words that end a European street name ("Puruntie", "Kiannonkatu", "Søndergade", "Loorenstrasse").
_STREET_ENDINGS = (
    "tie", "katu", "kuja", "polku", "tori", "väylä", "raitti", "rinne", "gade", "vej", "vegen", "veien",
    "vei", "veg", "gata", "gatan", "gaten", "vägen", "väg", "stræde", "straße", "strasse", "str", "str.",
    "weg", "laan", "straat", "gracht", "kade", "plein", "dreef", "singel", "hove", "wei", "gasse",
    "graben", "platz", "allee", "ring", "damm", "ufer", "braut", "vegur", "gata", "stígur", "tröð",
    "bakki", "hlíð", "ulica", "gatve", "iela", "põik", "tee", "puiestee", "utca", "út", "körút", "tér",
    "sor", "köz", "sétány", "kapu", "ulice", "náměstí", "trg", "cesta", "sokak", "sokağı", "caddesi",
)  # fmt: skip
_STREET_PREFIXES = (
    "Via", "Viale", "Vicolo", "Piazza", "Piazzetta", "Strada", "Corso", "Largo", "Contrada", "Borgo",
    "Rue", "Avenue", "Boulevard", "Bd", "Bld", "Chemin", "Allée", "Impasse", "Place", "Quai", "Route",
    "Calle", "Avenida", "Avda.", "Av.", "Av", "Paseo", "Camino", "Carrer", "Carretera", "Plaza", "Ronda",
    "Travesía", "C/", "Rua", "Praça", "Travessa", "Largo", "Estrada", "Alameda", "Rúa", "ul.", "al.",
    "pl.", "os.", "Aleja", "Ulica", "Strada", "Bulevardul", "Calea", "Drumul", "Odos", "Leoforos",
    "Postbox", "Postboks", "Box", "Trg", "Cite", "Cité", "Jalan", "Jl.",
)  # fmt: skip
_ENDINGS_ALT = "|".join(sorted((regex.escape(e) for e in set(_STREET_ENDINGS)), key=len, reverse=True))
_PREFIX_ALT = "|".join(sorted((regex.escape(p) for p in set(_STREET_PREFIXES)), key=len, reverse=True))
_HOUSE = r"\d{1,5}[A-Za-z]?(?:[/-]\d{1,4})?\.?"
_LEAD = r"(?:\d{1,6}[ \t]+)?"
# "Puruntie 82", "Rákóczi út 13.", "Brucker Bundesstrasse 31", "Árpád fejedelem útja 3."
_CONNECTOR = r"(?:de|dei|del|della|delle|degli|di|da|do|dos|das|du|van|von|der|den|la|le|el|z|u|fejedelem)"
_CAP_PART = r"\p{Lu}[\p{L}\p{M}'’.-]*"
_ENDING_STREET = (
    rf"(?:{_CAP_PART}[ \t]+(?:{_CONNECTOR}[ \t]+)?){{0,3}}"
    rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}-]*?(?i:{_ENDINGS_ALT})|(?<=\p{{L}}[ \t]+)(?:{_ENDINGS_ALT}))"
    rf"a?\.?[ \t]+{_HOUSE}"
)
# "Via Franscini 71", "Rua Cidade de Maracajá 468", "ul. Słowicza 10", "36 rue de pologne"
_PREFIX_ALT_CASED = f"{_PREFIX_ALT}|{_PREFIX_ALT.lower()}"
# After a Title-case prefix, capitalised words and connectors only ("Estrada is a 46" is a sentence);
# an all-lower-case address ("trg revolucije 17") keeps its lower-case prefix and words.
_PREFIX_STREET = (
    rf"(?:{_PREFIX_ALT})[ \t]+(?:(?:{_CAP_PART}|{_CONNECTOR})[ \t]+){{0,4}}?{_CAP_PART}[ \t]+{_HOUSE}"
    # (an English word after the prefix is a sentence: "starting route to 81 ...", "box of 12")
    rf"|(?:{_PREFIX_ALT.lower()})[ \t]+(?!(?:to|of|for|and|the|in|on|at|is|was|a|an)\b)"
    rf"(?:\p{{Ll}}[\p{{L}}\p{{M}}'’.-]*[ \t]+){{0,4}}?\p{{L}}[\p{{L}}\p{{M}}'’.-]*[ \t]+{_HOUSE}"
    rf"|(?<=\d[ \t]+)(?:{_PREFIX_ALT_CASED})[ \t]+(?:{_NAME_PART}[ \t]+){{0,3}}?{_NAME_PART}"
)
# US/UK/AU: "3911 Fourth Avenue", "74 Diakou Street", "18 McPherson Road" - the suffix from the lexicon.
_EN_SUFFIXES = (
    "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive", "Dr",
    "Court", "Ct", "Way", "Place", "Pl", "Terrace", "Parkway", "Highway", "Circle", "Square", "Sq",
    "Close", "Crescent", "Grove", "Gardens", "Hill", "Row", "Walk", "Mews", "Green", "Parade",
)  # fmt: skip
_EN_STREET = (
    r"\d{1,6}[A-Za-z]?[ \t]+(?:(?:\p{Lu}[\p{L}\p{M}'’-]*|\d{1,3}(?:st|nd|rd|th))[ \t]+){0,4}?(?:"
    + "|".join((*_EN_SUFFIXES, *(s.upper() for s in _EN_SUFFIXES)))
    + r")\b(?!\.[ \t]+\p{Lu}\p{Ll})\.?(?:[ \t]+(?:North|South|East|West|[NSEW])\b)?"
)
_PO_BOX = r"(?i:p\.?[ \t]?o\.?[ \t]*box|postbox|postboks|box)[ \t]*\d{1,6}"
_ADDRESS_UNIT = (
    r"(?i:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|app|lgh|wohnung)\.?[ \t]*#?[ \t]*\d+[A-Za-z]?"
)
# "20789 Allika 46", "0304 Kaevu 94": postcode/house number, a capitalised name, a number - the shape of
# a European address line; must open a line or follow an address cue.
_NUMBER_NAME_NUMBER = (
    rf"\d{{3,6}}[ \t]+{_U}[\p{{L}}\p{{M}}'’-]+(?:[ \t]+{_NAME_PART}){{0,3}}?[ \t]+\d{{1,5}}\b"
)
_ADDRESS_CUE = (
    r"(?i:address(?:es)?|addr|lives?\s+(?:on|at|in)|lived\s+in|sent\s+to|send\s+(?:it|a\s+new\s+one)\s+to|"
    r"located\s+at|moved\s+to|return\s+to|taxi\s+to|enter\s+on|refers\s+to|side\s+of|here\s+they\s+are|"
    r"the\s+same|my\s+new\s+address\s+is|change\s+my\s+address\s+to)[ \t]*:?[ \t]*$"
)
_STREET_ANCHOR = regex.compile(
    rf"(?<![\w.,/-])(?:{_LEAD}(?:{_ENDING_STREET}|{_PREFIX_STREET}|{_EN_STREET}|{_PO_BOX})"
    rf"|{_ADDRESS_UNIT})(?![\w])",
    regex.MULTILINE,
)
_CUED_ANCHOR = regex.compile(rf"(?<![\w.,/-]){_NUMBER_NAME_NUMBER}|(?<![\w.,/-])\d{{3,6}}[ \t]+{_U}\p{{L}}+")
_CUE_BEFORE = regex.compile(_ADDRESS_CUE)
_CORNER = regex.compile(
    # a full stop may end an abbreviation or a house number inside ("ul. Grochowa 80", "kapu 39.")
    rf"(?i:the[ \t]+corner[ \t]+of)[ \t]+(?:[^\n.,;?!]|(?<=(?<!\p{{L}})\p{{L}}{{1,3}}|\d)\.){{2,60}}?"
    rf"[ \t]+and[ \t]+(?:{_NAME_PART}[ \t]+){{0,3}}"
    rf"{_NAME_PART}"
)
_MILITARY = regex.compile(
    r"(?i:(?:psc[ \t]+\d{3,5},?[ \t]+box[ \t]+\d{3,5}|unit[ \t]+\d{3,5},?[ \t]+box[ \t]+\d{3,5}|"
    r"(?:uss|usns|usnv|uscgc)[ \t]+[\p{L}'’-]+),?[ \t]*\n?[ \t]*(?:apo|fpo|dpo)[ \t]+(?:aa|ae|ap)[ \t]+\d{5})"
)
# What may follow a street on the same line: units, ", City", ", Country 12345", "CITY ST".
_INLINE_TAIL = regex.compile(
    rf"(?:,?[ \t]+{_ADDRESS_UNIT}|,?[ \t]+"
    r"(?!(?i:and|or|in|for|on|at|street|st|it|is|was|the|i|we|he|she|they|you|my|please|it|now|then)\b)"
    rf"(?:{_U}[\p{{L}}\p{{M}}'’().-]*|\d{{3,6}}(?:-\d{{3}})?|nan)(?=[ \t,\n?.!]|$))"
)
# A whole line that continues an address block: a unit, a city, ", ST", "Country 12345", "nan", a code.
_BLOCK_LINE = regex.compile(
    rf"^[ \t]*,?[ \t]*(?:{_ADDRESS_UNIT}"
    rf"|(?:(?:[\p{{L}}\p{{M}}'’().-]+|\d{{1,6}}(?:-\d{{3}})?)[ \t,]*){{1,6}})[ \t]*$"
)
_NOT_ADDRESS_LINE = regex.compile(
    r"(?i)\b(?:mobile|desk|phone|tel|fax|office|email|e-mail|website|web|www|http|personal|info|name|"
    r"date|when|where|is|are|was|the|and|i|you|my|please|thanks|it|this|that|of|for)\b|[@:]"
)


class InternationalAddressRecognizer(SpanRecognizer):
    """Street addresses worldwide, extended over the rest of their address block.

    Anchors: a European street with its house number ("Puruntie 82", "Via Franscini 71", "ul. Słowicza
    10", "Rákóczi út 13."), a US/UK street ("74 Diakou Street"), a PO box or unit; a postcode + name +
    number line ("20789 Allika 46") only after an address cue or at a line start in a block. From an
    anchor the span runs on over units, ", City, Country 12345" and the following short lines of the
    block (city, ", ST", "Country 12345", a lone postcode), stopping at a contact line or a sentence.
    Clinical-safe: mostly (anchors need a street word or prefix); block extension only follows anchors.
    """

    ENTITY = "STREET_ADDRESS"
    PROFILES = EVERY_PROFILE

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Anchors, military addresses and street corners, each extended over its block."""
        spans: list[tuple[int, int, float]] = []
        for match in _MILITARY.finditer(text):
            spans.append((match.start(), match.end(), 0.85))
        for match in _CORNER.finditer(text):
            spans.append((match.start(), match.end(), 0.7))
        for match in _STREET_ANCHOR.finditer(text):
            spans.append((match.start(), self._extend(text, match.end()), 0.7))
        for match in _CUED_ANCHOR.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[line_start : match.start()]
            at_line_start = not before.strip()
            if _CUE_BEFORE.search(before) or (at_line_start and self._block_follows(text, match.end())):
                spans.append((match.start(), self._extend(text, match.end()), 0.6))
        yield from _outermost(spans)

    @staticmethod
    def _block_follows(text: str, end: int) -> bool:
        """True when the line ends here and the next line continues an address block."""
        rest = text[end:]
        newline = rest.find("\n")
        if newline < 0 or rest[:newline].strip(" \t,"):
            tail = _INLINE_TAIL.match(text, end)
            return tail is not None
        following = rest[newline + 1 :].split("\n", 1)[0]
        return bool(following.strip()) and _is_block_line(following)

    @staticmethod
    def _extend(text: str, end: int) -> int:
        """End of the address block that starts with a street ending at ``end``."""
        while (tail := _INLINE_TAIL.match(text, end)) is not None:
            if _ends_sentence(text, end):
                break  # "148 Heather Drives, Peabody. Also ...": the block ended with the sentence
            end = tail.end()
        position = end
        blank_lines = 0
        lines = 0
        while position < len(text) and text[position] in " \t,":
            position += 1
        while position < len(text) and text[position] == "\n" and lines < 6:
            next_end = text.find("\n", position + 1)
            next_end = len(text) if next_end < 0 else next_end
            line = text[position + 1 : next_end]
            if not line.strip():
                blank_lines += 1
                if blank_lines > 1:
                    break
                position = next_end
                continue
            cut = _sentence_cut(line)
            if not _is_block_line(line[:cut]):
                # The last line of a block may run on into the sentence: "Netherlands 62971 in case of".
                if (closing := _BLOCK_CLOSING.match(line)) is not None:
                    end = position + 1 + closing.end()
                break
            end = position + 1 + len(line[:cut].rstrip(" \t"))
            if cut < len(line):
                break
            position, lines = next_end, lines + 1
        return end


# A block's closing line up to its postcode: an optional "Country" or ", ST" then 4 to 6 digits.
_BLOCK_CLOSING = regex.compile(
    r"[ \t]*,?[ \t]*(?:\p{Lu}[\p{L}\p{M}'’.-]*[ \t]+){0,3}\d{4,6}(?:-\d{3,4})?(?=[ \t]*[,.;]?(?:[ \t]|$))"
)


def _outermost(spans: list[tuple[int, int, float]]) -> Iterator[tuple[int, int, float]]:
    """The spans not inside another one (an anchor's unit is found again inside its block)."""
    reach = -1
    for start, end, score in sorted(spans, key=lambda span: (span[0], -span[1])):
        if end > reach:
            reach = end
            yield start, end, score


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` closes a sentence: it ends in a full stop and is not a short
    abbreviation ("St.", "Apt.", "N.")."""
    if end == 0 or text[end - 1] != ".":
        return False
    word = regex.search(r"[\p{L}\p{M}]*$", text, endpos=end - 1)
    return word is not None and len(word[0]) > 3


def _sentence_cut(line: str) -> int:
    """Where a sentence resumes inside an address line ("Cyprus 36903? I am in ..."): the index of the
    sentence mark, or the line's length."""
    match = regex.search(r"[?!]|\.(?=[ \t]+\p{Lu}|[ \t]*$)", line)
    return match.start() if match else len(line)


def _is_block_line(line: str) -> bool:
    stripped = line.strip(" \t")
    if not stripped or len(stripped) > 60 or _NOT_ADDRESS_LINE.search(stripped):
        return False
    if not _BLOCK_LINE.match(stripped):
        return False
    words = stripped.replace(",", " ").split()
    # Title/CAPS words, numbers or "nan" only: a job title ("Local transit bus driver") is no address.
    return (
        all(w[0].isupper() or w[0].isdigit() or w == "nan" or w[0] in "(" for w in words) or stripped == "nan"
    )


_POSTCODE = regex.compile(
    r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\d{4}[ \t][A-Z]{2}|"
    r"\d{2}-\d{3}|\d{3}[ \t]\d{2})(?![\w-])"
)
_POSTCODE_CUE = regex.compile(
    r"(?i)\b(?:address|addr|zip|postal|postcode|post\s+code|lives?|street|st|road|rd|avenue|ave|city|"
    r"ontario|quebec|london|canada|uk|netherlands|poland|sweden|apt|suite|box)\b|\n"
)


class InternationalPostcodeRecognizer(SpanRecognizer):
    """Postcodes outside the US ("SW1A 1AA", "B0J 2H0", "1234 AB", "53-320", "340 12") within 60
    characters of an address word or on an address line. Clinical-safe: yes (needs the address cue)."""

    ENTITY = "ZIP_CODE"
    PROFILES = EVERY_PROFILE

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Postcodes with an address cue before them."""
        for match in _POSTCODE.finditer(text):
            window = text[max(0, match.start() - 60) : match.start()]
            if _POSTCODE_CUE.search(window):
                yield match.start(), match.end(), 0.6


# A house number, optionally after "Nr." / "No." / "n°": "519", "12B", "78/47", "Nr. 99".
_CUED_HOUSE = (
    r"(?:(?i:nr|no|n[º°o])\.?[ \t]*)?\d{1,5}[A-Za-z]?(?:[/-]\d{1,4})?\b(?![.,:/]\d|[ \t]*(?:%|(?i:mg|mcg|ml|"
    r"l|g|kg|mmol|cm|mm|km|m|x|h|hrs?|hours?|min|mins|minutes?|days?|weeks?|months?|years?|yrs?|times|am|pm|"
    r"st|nd|rd|th)\b))"
)
_STREET_WORD = r"\p{L}[\p{L}\p{M}'’.-]*"
# Number-led street: "2817 marcus bridge", "06 KURT SUBWAY", "78/47 Cross Gardens".
_NUMBER_FIRST = regex.compile(
    rf"(?<![\w.,/:-])\d{{1,5}}(?:/\d{{1,4}})?[A-Za-z]?,?[ \t]+(?P<words>(?:{_STREET_WORD}[ \t]+){{1,3}}?)"
    rf"(?P<street>{_STREET_WORD})\b"
)
# Name-led street: "Laurasteeg 0", "Continuación Vanegas 710", "Piazza Etta, 286", "kováříkova 956".
# Found from its house number backwards (far fewer numbers after a word than words): the number, then
# the words before it up to the house number's start ("endpos").
_HOUSE_AFTER_WORD = regex.compile(rf"(?<=[\p{{L}}\p{{M}}.'’],?[ \t])(?:{_CUED_HOUSE})")
_NAME_FIRST = regex.compile(
    rf"(?<![\w.,/:@-])(?P<words>{_STREET_WORD}(?:[ \t]+{_STREET_WORD}){{0,4}}?),?[ \t]+"
    r"(?P<house>(?:(?i:nr|no|n[º°o])\.?[ \t]*)?\d[^ \t]*)$"
)
_NAME_REACH = 80
# Strong address cues before a street that has no street word ("Address: Husova 519").
_STRONG_CUE = regex.compile(
    r"(?i:\b(?:address(?:e|es)?|addr|adresse|dirección|direccion|endereço|indirizzo|anschrift|"
    r"lives?[ \t]+at|living[ \t]+at|moved[ \t]+to|send[ \t]+(?:\p{L}+[ \t]+){0,2}to|ship(?:ped)?[ \t]+to|"
    r"deliver(?:ed|y)?[ \t]+to|located[ \t]+at|office[ \t]+at|come[ \t]+to|recipient[^\n,;|]{0,40},|"
    r"from[ \t]+(?:\p{L}[\p{L}\p{M}'’-]*[ \t]+){1,3}?\p{L}[\p{L}\p{M}'’-]*,)|"
    r"\b(?:at|on|of|near)|[|])[ \t]*:?[ \t]*$"
)
_WEAK_CUE_WORDS = frozenset(("at", "on", "of", "near", "|"))
# A postcode and a town after a street: ", 6255 Fredriksen", " | 236 95 Nové", ", 5641-513 Odivelas".
_POSTCODE_TOWN_AFTER = regex.compile(
    r"[ \t]*(?:[,|]|\n)[ \t]*(?:\d{4,5}|\d{3}[ \t]\d{2}|\d{4}-\d{3}|\d{2}-\d{3}|"
    r"[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}|\d{4}[ \t][A-Z]{2})[ \t]+\p{Lu}"
)
# What an address block may run on over after its street (beyond InternationalAddressRecognizer's tail).
_UNIT_WORDS = (
    r"(?i:apt|apartment|suite|ste|unit|flat|floor|fl|studio|interior|int|piso|depto|dpto|departamento|"
    r"edif|edificio|puerta|nr|no|bis|lgh|app|bloco|bloque|casa|lote|andar|esc|escalera|"
    # Romanian blocks, Italian floors and flats, Latin American offices and towers, Australian levels
    r"(?:bl|sc|ap|et|of|dto)(?=\.)|piano|appartamento|interno|scala|oficina|torre|level|lvl)"
)
# "Studio 5 Kathleen Tunnel", "Flat 2, 14 Mill Road": a unit before a number-led street.
_UNIT_BEFORE = regex.compile(rf"(?<![\w-]){_UNIT_WORDS}\.?[ \t]+(?:#?[ \t]*\d{{1,5}}[A-Za-z]?,?[ \t]+)?$")
_POSTCODE_SHAPE = (
    r"(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\d{3}[ \t]\d{2}|\d{4,5}-\d{3,4}|"
    r"\d{4}[ \t][A-Z]{2}|\d{2}-\d{3}|\d{7,8}|[A-Z]{1,2}-\d{4,5}|\d{4,5}|"
    r"(?i:[ACDEFHKNPRTVWXY]\d{2}|D6W)[ \t]?(?i:[0-9ACDEFHKNPRTVWXY]{4}))\b(?![.,:/]\d)"
)
# A postcode and its town after a street: " | 5097 Vestbjerg", ", GL82 3YH Howarthfort", ", 10590-7767 San X".
_POSTCODE_TOWN = regex.compile(
    rf"[ \t]*[,|]?[ \t]*(?P<code>{_POSTCODE_SHAPE})(?P<town>[ \t]+\p{{L}}[\p{{L}}\p{{M}}'’.-]*"
    r"(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|la|del|le|am|an|upon|sur|aan|den|dos|das|do|da)){0,3}"
    r"(?:[ \t]*\(\p{Lu}{2}\)|[ \t]*/[ \t]*\p{Lu}{2}\b)?)?"
)
_BLOCK_TAIL = regex.compile(
    rf"(?:[ \t]*,[ \t]*|[ \t]+)(?:{_UNIT_WORDS}\.?[ \t]*#?[ \t]*\d{{1,5}}[A-Za-z]?\b|(?i:bis)\b|\d{{1,5}}\b"
    rf"(?=[ \t]*,)|{_POSTCODE_SHAPE})"
)
# After a block, segment by segment: ", city", ", country POSTCODE", ", ST 12345", " 416 21", in any case;
# a segment of everyday words only ("and then we") is the sentence going on.
_CITY_TAIL = regex.compile(
    r"(?:[ \t]*,[ \t]*(?P<city>\p{L}[\p{L}\p{M}'’().-]*(?:[ \t]+\p{L}[\p{L}\p{M}'’().-]*){0,3})"
    # a province or state code after the town: "Loreo (RO)", "Rio Claro / SP"
    r"(?:[ \t]*\(\p{Lu}{2}\)|[ \t]*/[ \t]*\p{Lu}{2}\b)?"
    rf"(?:[ \t]+(?P<code>{_POSTCODE_SHAPE}))?|[ \t]*,?[ \t]+(?P<code>{_POSTCODE_SHAPE})"
    r"|(?P<province>[ \t]*(?:\(\p{Lu}{2}\)|/[ \t]*\p{Lu}{2}\b)))"
    r"(?=[ \t]*(?:[,.;!?\n|]|$))"
)


def _merged(spans: list[tuple[int, int, float]]) -> Iterator[tuple[int, int, float]]:
    """Overlapping spans joined ("2613 avenida praia" and "avenida praia 1 suite 463")."""
    current: tuple[int, int, float] | None = None
    for start, end, score in sorted(spans):
        if current is not None and start < current[1]:
            current = (current[0], max(current[1], end), max(current[2], score))
            continue
        if current is not None:
            yield current
        current = (start, end, score)
    if current is not None:
        yield current


def _is_street_name_word(word: str, name_zipf: float = COMMON_WORD_ZIPF) -> bool:
    """A word that may name a street: not an everyday English word or clinical term ("Room", "Grade");
    a listed name may be a fairly common word ("Marcus") up to ``name_zipf``."""
    bare = word.strip(".,'’")
    if not bare or bare.lower() in _not_street_name() or is_everyday_word(bare):
        return False
    return not is_frequent_word(bare, 4.0) or (
        lexicon().is_name(bare) and not is_frequent_word(bare, name_zipf)
    )


_NOT_STREET_NAMES = (
    "order", "invoice", "ticket", "case", "ref", "flight", "gate", "room", "bed", "grade", "stage", "type",
    "version", "level", "page", "chapter", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
)  # fmt: skip


@functools.cache
def _not_street_name() -> frozenset[str]:
    """Words never a street name before a number: months, weekdays, document and ward words."""
    return frozenset(w.lower().rstrip(".") for w in (*_MONTHS, *_NOT_STREET_NAMES))


#: Zipf up to which a listed name counts between a house number and a suffix ("Cross", not "Price").
_NUMBERED_NAME_ZIPF = 5.1
_YEAR = regex.compile(r"(?:19|20)\d\d\b")


class CuedStreetRecognizer(SpanRecognizer):
    """Streets the anchors of :class:`InternationalAddressRecognizer` miss, extended over their block.

    - a street word from any Faker locale, in any case: a prefix ("Continuación Vanegas 710", "incrocio
      vitturi, 9"), a glued ending ("Laurasteeg 0", "Andersenmoen 4") or an English suffix after a house
      number ("2817 marcus bridge", "06 KURT SUBWAY"); the name words must not be everyday English;
    - a bare "Name 519" only after a strong address cue ("Address:", "lives at", "send it to", "from
      NAME,") or before a "postcode town" ("Husova 519, 391 82 Bzenec"); after a weak cue ("at", "on",
      "of") the name must be a foreign word (unknown to English), never "Room 12" or "Grade 3".

    The block then runs on over units ("Interior 642", "Edif. 222, Depto. 614", "Piso 6"), postcodes
    and "city postcode". Clinical-safe: no (bare "Name 12" cues are too loose for notes).
    """

    ENTITY = "STREET_ADDRESS"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Street matches whose words pass the street-word and cue checks, extended over the block."""
        words = street_words()
        spans: list[tuple[int, int, float]] = []
        for match in _NUMBER_FIRST.finditer(text):
            street = match["street"]
            names = match["words"].split()
            # Between a house number and a street suffix a listed name may be common: "4 Smith Dip".
            suffixed = street.lower().rstrip(".") in words.suffixes and all(
                _is_street_name_word(n, _NUMBERED_NAME_ZIPF) for n in names
            )
            if _YEAR.match(match[0]) and not street[0].isupper():
                continue  # "after the 2010 price rise"
            # "503, rue Lemonnier": a number before a prefixed street.
            prefixed = names[0].lower() in words.prefixes and all(
                _is_street_name_word(n) or n.lower() in _CONNECTOR_WORDS for n in (*names[1:], street)
            )
            if suffixed or prefixed:
                unit = _UNIT_BEFORE.search(text, 0, match.start())
                start = unit.start() if unit is not None else match.start()
                spans.append((start, self._extend(text, match.end()), 0.6))
        for house in _HOUSE_AFTER_WORD.finditer(text):
            line_start = text.rfind("\n", 0, house.start()) + 1
            match = _NAME_FIRST.search(text, max(line_start, house.start() - _NAME_REACH), house.end())
            if match is None:
                continue
            found = self._name_first(text, match, words)
            if found is not None:
                spans.append((found, self._extend(text, match.end()), 0.6))
        yield from _merged(spans)

    @staticmethod
    def _name_first(text: str, match: regex.Match[str], words: StreetWords) -> int | None:
        """Start of the street in a name-led match, or None when it is not one."""
        tokens = match["words"].split()
        last = tokens[-1].lower()
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 60) : match.start()]
        follows = _POSTCODE_TOWN_AFTER.match(text, match.end()) is not None
        for cut in range(len(tokens)):
            name = tokens[cut:]
            start = match.start() + match[0].find(name[0]) if cut else match.start()
            head = name[0].lower()
            if head in words.prefixes or head.rstrip(".") in words.prefixes:
                # After a foreign prefix, capitalised words may be everyday ones ("Periférico Popular").
                foreign = name[0][0].isupper() and zipf(head) < RARE_WORD_ZIPF
                # "route to 37", "box of 12": an English function word after the prefix is a sentence
                if (
                    len(name) > 1
                    and name[1].lower() not in _NOT_AFTER_PREFIX
                    and all(
                        _is_street_name_word(t) or len(t) <= 3 or (foreign and t[0].isupper())
                        for t in name[1:]
                    )
                ):
                    return start
                continue
            if len(name) == 1 and _glued_ending().search(last):
                return start if _is_street_name_word(name[0]) else None
            # A bare "Name 519": the name words after a cue, or before a postcode and town.
            if not _is_street_name_word(name[0]) or not all(
                _is_street_name_word(t) or t.lower() in _CONNECTOR_WORDS for t in name
            ):
                continue
            prefix = " ".join(tokens[:cut])
            cue = _STRONG_CUE.search(f"{before}{prefix} " if prefix else before)
            if cue is None and not follows:
                continue
            weak = cue is not None and cue[0].strip(" \t:").lower() in _WEAK_CUE_WORDS
            if weak and not follows and not all(zipf(t.lower()) < 1.5 for t in name if len(t) > 3):
                continue
            return start
        return None

    @staticmethod
    def _extend(text: str, end: int) -> int:
        """End of the block: units and postcodes, then the tail of the international recognizer."""
        while True:
            town = _POSTCODE_TOWN.match(text, end)
            if town is not None and town["town"]:
                # a lower-case town only when it is no everyday word ("783 91 uničov", not "1234 and")
                first = town["town"].split()[0]
                everyday = first[0].islower() and is_everyday_word(first)
                end = town.end("code") if everyday else town.end()
                break
            if (tail := _BLOCK_TAIL.match(text, end)) is None:
                break
            end = tail.end()
        end = InternationalAddressRecognizer._extend(text, end)
        while (city := _CITY_TAIL.match(text, end)) is not None and (
            city["code"]
            or city["province"]
            or not all(is_everyday_word(w.strip("()")) for w in city["city"].split())
        ):
            end = city.end()
        return end


_NOT_AFTER_PREFIX = frozenset(("to", "of", "for", "and", "the", "in", "on", "at", "is", "was", "a", "an"))
_CONNECTOR_WORDS = frozenset(("de", "del", "la", "van", "von", "der", "da", "di", "do", "dos", "el"))
# A postcode asked for or labelled: "Zip: 02139", "postcode?\nCustomer: 95396", "PLZ 8004".
_LABELLED_POSTCODE = regex.compile(
    r"(?i:\b(?:zip(?:[ \t]*code)?|post[ \t]*code|postal[ \t]+code|plz|c\.p\.|código[ \t]+postal|"
    r"code[ \t]+postal|cap|postnummer|postinumero|irányítószám|psč)\b)[^\n\d]{0,30}(?:\n[^\n\d]{0,25})?"
    r"(?<![\w-])(?P<code>\d{4,7}(?:-\d{3,4})?|\d{3}[ \t]\d{2}|\d{2}-\d{3}|"
    r"[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\d{4}[ \t]?[A-Z]{2})(?![\w-])"
)


class LabelledPostcodeRecognizer(SpanRecognizer):
    """A postcode after its label or question ("ZIP: 02139", "the postcode?\\nCustomer: 95396"), any
    country's shape. Clinical-safe: no (the clinical profile reads ZIP codes in its own recognizer)."""

    ENTITY = "ZIP_CODE"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Postcodes right after a postcode label."""
        for match in _LABELLED_POSTCODE.finditer(text):
            yield match.start("code"), match.end("code"), 0.7


class TablePostcodeRecognizer(_TableCellRecognizer):
    """Postcodes in a "zip"/"postcode" column of a delimited table. Clinical-safe: no."""

    ENTITY = "ZIP_CODE"


# Colombian and Argentine grid streets: "Calle 93 # 20-53", "Cra. 7 No. 45-10 Sur", "Avenida 7 N° 13".
_GRID_STREET = regex.compile(
    r"(?<![\w.])(?:Calle|Cl|Cll|Carrera|Cra|Kr|Kra|Avenida|Av|Diagonal|Dg|Transversal|Tv|Circular)\.?[ \t]+"
    r"\d{1,3}[A-Z]?(?:[ \t]+(?:Bis|Sur|Este|Norte))?[ \t]*(?:#|N[º°o]\.?|No\.?)[ \t]*\d{1,4}[A-Z]?"
    r"(?:[ \t]*-[ \t]*\d{1,3})?(?:[ \t]+(?:Sur|Este|Norte|Oeste)\b)?"
)
# A building line before a street: "58th Floor Anubing Place 9, 6893 ...", "9F Libra Building Tower 5, 12".
_BUILDING_LINE = regex.compile(
    r"(?<![\w.-])(?:\d{1,3}(?:st|nd|rd|th)[ \t]+(?i:floor)|\d{1,3}F|(?i:level|floor)[ \t]+\d{1,3})[ \t]+"
    r"(?:\p{Lu}[\p{L}\p{M}'’-]*[ \t]+){1,4}\d{1,4}[A-Za-z]?(?=,[ \t]*\d{1,5}[ \t]+\p{Lu})"
)


class GridStreetRecognizer(SpanRecognizer):
    """Addresses by structure rather than street words: grid streets with a "#"/"N°" cross number
    ("Calle 93 # 20-53", "Avenida 7 N° 13") extended over their block, and the floor and building line
    before a numbered street ("58th Floor Anubing Place 9, ..."). Clinical-safe: no."""

    ENTITY = "STREET_ADDRESS"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Grid streets with their block, building lines before a street."""
        for match in _GRID_STREET.finditer(text):
            yield match.start(), CuedStreetRecognizer._extend(text, match.end()), 0.6
        for match in _BUILDING_LINE.finditer(text):
            yield match.start(), match.end(), 0.5


__all__ = [
    "CuedStreetRecognizer",
    "GridStreetRecognizer",
    "InternationalAddressRecognizer",
    "InternationalPostcodeRecognizer",
    "LabelledPostcodeRecognizer",
    "StreetAddressRecognizer",
    "TablePostcodeRecognizer",
    "ZipCodeRecognizer",
]
