"""The lexicon of every locale Faker ships OFFLINE: first and last names, cities, countries, street
words and company suffixes, read once, at the first scan, into lower-case frozensets (:func:`lexicon`,
from word lists shipped in the package, ``data/lexicon.json.gz``, which ``scripts/make_detect_tables.py``
reads from Faker with :func:`faker_word_lists`; :func:`street_words`) and shared by every recognizer
family.

Eponyms and clinical words Faker lists as surnames or cities ("Foley", "Parkinson", "Lasix") are left
out of the name and city sets; :func:`is_frequent_word` tells a word English uses often (wordfreq's
Zipf scale) or a clinical stopword, which never counts as a name on its own.
"""

from __future__ import annotations

import functools
import gzip
import importlib
import json
import pkgutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex

from safecohort.detect.vocab.words import zipf

# --- lexicons ------------------------------------------------------------------------------------------

#: A lone listed word is a name only when English rarely uses it (Zipf below this: "Siiri" 1.2,
#: "Kastner" 2.0 pass; "Scott" 4.7, "Brown" 5.0, "Frank" 4.8 need a context such as "my name is").
RARE_WORD_ZIPF = 3.0
#: A word this frequent in English is never half of a full name unless both halves are listed.
COMMON_WORD_ZIPF = 4.5

# Eponyms and clinical words that Faker lists as surnames or cities; never a name or place on their own.
# fmt: off
_CLINICAL_STOPWORDS = frozenset(
    w.lower() for w in (
        "Addison", "Alzheimer", "Apgar", "Babinski", "Barrett", "Bell", "Billroth", "Bovie", "Braxton",
        "Brudzinski", "Burkitt", "Charcot", "Cheyne", "Chiari", "Coombs", "Creutzfeldt", "Crohn",
        "Cushing", "Doppler", "Duchenne", "Ehlers", "Epley", "Ewing", "Foley", "Fowler", "Gleason",
        "Goodpasture", "Graves", "Groshong", "Guillain", "Hartmann", "Hashimoto", "Heimlich", "Hickman",
        "Hicks", "Hirschsprung", "Hodgkin", "Holter", "Homans", "Horner", "Huntington", "Jakob",
        "Kaposi", "Kawasaki", "Kernig", "Killip", "Korsakoff", "Kussmaul", "Lachman", "Levine", "Lewy",
        "Mallory", "Marfan", "Mayo", "McBurney", "McMurray", "Meckel", "Meniere", "Mobitz", "Murphy",
        "Nissen", "Osler", "Paget", "Parkinson", "Penrose", "Pfannenstiel", "Phalen", "Raynaud",
        "Reynolds", "Romberg", "Roux", "Rovsing", "Sjogren", "Snellen", "Stokes", "Swan", "Ganz",
        "Tinel", "Tourette", "Trendelenburg", "Valsalva", "Virchow", "Wenckebach", "Wernicke",
        "Whipple", "Wilms", "Wolff", "Yankauer", "Zenker", "Zollinger", "Ellison", "Weiss", "Down",
        "Graham", "Wells", "Child", "Pugh", "Glasgow", "Salem", "Levin", "Macintosh", "Jackson",
        "Pratt", "Blake", "Kelly", "Allis", "Babcock", "Kocher", "Deaver", "Balfour", "Tenckhoff",
        "Broviac", "Quinton", "Mahurkar", "Dobhoff", "Ambu", "Venturi", "Lasix", "Coumadin", "Keppra",
        "Norco", "Zofran", "Tylenol", "Motrin", "Advil", "Ativan", "Haldol", "Xanax", "Valium",
        "Flomax", "Plavix", "Eliquis", "Xarelto", "Lovenox", "Protonix", "Zosyn", "Cipro", "Bactrim",
        "Keflex", "Flagyl", "Vanco", "Lantus", "Humalog", "Novolog", "Lipitor", "Zocor", "Norvasc",
        "Toprol", "Lopressor", "Coreg", "Cozaar", "Diovan", "Synthroid", "Prilosec", "Nexium",
        "Pepcid", "Senna", "Colace", "Miralax", "Dilaudid", "Percocet", "Vicodin", "Narcan", "Ceftriaxone",
        "Grade", "Stage", "Type", "Class", "Level", "Bed", "Room", "Unit", "Floor", "Ward", "Patient",
        "Doctor", "Nurse", "Nurses", "Clinic", "Hospital", "Vitamin", "Troponin", "Lactate",
    )
)
# Words after a capitalised word that make it an eponym or a thing, not a person ("Foley catheter").
_EPONYM_NEXT = regex.compile(
    r"(?i)^(?:'s|’s|s'|-)?[ \t]*(?:disease|syndrome|sign|test|catheter|drain|tube|maneuver|manoeuvre|"
    r"score|scale|criteria|classification|procedure|operation|repair|fundoplication|lymphoma|sarcoma|"
    r"tumou?r|palsy|phenomenon|reflex|node|nodes|esophagus|oesophagus|ulcer|tear|fracture|line|"
    r"bag|mask|blade|clamp|forceps|retractor|solution|stain|agar|grade|stage|type|class|position|"
    r"respiration|breathing|murmur|triad|law|rule|block|dementia|chorea|lesion|cells?|bodies)\b"
)
# fmt: on

_FIRST_NAME_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_LAST_NAME_ATTRS = ("last_names", "last_names_male", "last_names_female")
_ROMANISED_MIN_LENGTH = 4
#: Zipf of the everyday words ("will", "may", "can") a listed lower-case surname never is.
_AUXILIARY_ZIPF = 5.5
_CITY_ATTRS = ("cities", "city_names", "real_city_names", "towns", "localities", "settlements", "villages")
_COMPANY_SUFFIXES_EN = (
    "Inc", "Incorporated", "LLC", "L.L.C.", "LLP", "Ltd", "Limited", "PLC", "Plc", "Corp", "Corporation",
    "Company", "Co", "Group", "Holdings", "Partners", "Associates", "Agency", "Industries", "Enterprises",
    "Foundation", "Institute", "Bank", "Insurance", "Investments", "Solutions", "Systems",
    "Technologies", "Ventures", "Capital", "Consulting", "Transit", "Global", "International",
    "Networks", "Software", "Analytics",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lower-case word sets read from Faker's offline locale providers (every locale it ships)."""

    first_names: frozenset[str]
    last_names: frozenset[str]
    cities: frozenset[str]
    countries: frozenset[str]
    street_prefixes: frozenset[str]
    company_suffixes: frozenset[str]

    def is_name(self, word: str) -> bool:
        """True when ``word`` is a listed first or last name (any case)."""
        low = word.lower()
        return low in self.first_names or low in self.last_names


def _provider_values(package: Any, attributes: Iterable[str]) -> Iterator[str]:
    """Every string in ``attributes`` of every locale's Provider in a Faker provider package."""
    names = tuple(attributes)
    for module in pkgutil.iter_modules(package.__path__):
        provider = importlib.import_module(f"{package.__name__}.{module.name}").Provider
        for name in names:
            values = getattr(provider, name, None)
            if isinstance(values, dict | tuple | list):
                yield from (v for v in values if isinstance(v, str))


def _lower_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in values if v.strip() and "{" not in v)


#: The shipped word lists of Faker's locales (see scripts/make_detect_tables.py), in ``safecohort.detect``'s
#: data folder: reading them from Faker's ~300 locale modules cost 0.3 s of CPU at every start.
LEXICON_FILE = "lexicon.json.gz"
# The word lists read from Faker: group -> (provider package, Provider attributes).
_FAKER_GROUPS = {
    "first_names": ("person", _FIRST_NAME_ATTRS),
    "first_romanized_names": ("person", ("first_romanized_names",)),
    "last_names": ("person", _LAST_NAME_ATTRS),
    "last_romanized_names": ("person", ("last_romanized_names",)),
    "cities": ("address", _CITY_ATTRS),
    "countries": ("address", ("countries",)),
    "street_prefixes": ("address", ("street_prefixes",)),
    "company_suffixes": ("company", ("company_suffixes",)),
}


def faker_word_lists() -> dict[str, frozenset[str]]:
    """Each group's words (lower case, stripped, no format placeholders) from every locale Faker ships."""
    lists: dict[str, frozenset[str]] = {}
    for group, (package, attributes) in _FAKER_GROUPS.items():
        # lazy: Faker's ~300 locale provider modules are read only to build the shipped table
        providers = importlib.import_module(f"faker.providers.{package}")
        lists[group] = _lower_set(_provider_values(providers, attributes))
    return lists


def encode_word_lists(lists: dict[str, frozenset[str]], source: str) -> bytes:
    """The shipped form of the word lists: gzip (no timestamp) of JSON, ``source`` and each group's
    words, sorted (the same lists give the same bytes)."""
    document = {"source": source, "groups": {group: sorted(lists[group]) for group in sorted(lists)}}
    text = json.dumps(document, ensure_ascii=False, indent=0)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def decode_word_lists(content: bytes) -> dict[str, frozenset[str]]:
    """The word lists of :func:`encode_word_lists`' bytes."""
    groups = json.loads(gzip.decompress(content))["groups"]
    return {group: frozenset(words) for group, words in groups.items()}


def lexicon_from(lists: dict[str, frozenset[str]]) -> Lexicon:
    """The lexicon of Faker's word lists (:func:`faker_word_lists`): clinical stopwords out of the names
    and cities, one-letter names out, romanised names of four letters or more, English company suffixes
    added."""
    # Romanised Japanese and Chinese names ("Takuma", "Nanami"); short pinyin ("He", "Ma") is English.
    romanised = _ROMANISED_MIN_LENGTH
    first = lists["first_names"] | {w for w in lists["first_romanized_names"] if len(w) >= romanised}
    last = lists["last_names"] | {w for w in lists["last_romanized_names"] if len(w) >= romanised}
    return Lexicon(
        first_names=frozenset(w for w in first if len(w) > 1) - _CLINICAL_STOPWORDS,
        last_names=frozenset(w for w in last if len(w) > 1) - _CLINICAL_STOPWORDS,
        cities=lists["cities"] - _CLINICAL_STOPWORDS,
        countries=lists["countries"],
        street_prefixes=lists["street_prefixes"],
        company_suffixes=lists["company_suffixes"] | _lower_set(_COMPANY_SUFFIXES_EN),
    )


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, read from the shipped word lists on first use and kept for the process."""
    content = resources.files("safecohort.detect").joinpath("data", LEXICON_FILE).read_bytes()
    return lexicon_from(decode_word_lists(content))


def is_frequent_word(word: str, threshold: float = RARE_WORD_ZIPF) -> bool:
    """True when ``word`` is an English word at least as frequent as ``threshold`` (Zipf scale)."""
    return word.lower() in _CLINICAL_STOPWORDS or zipf(word.lower()) >= threshold


# --- street words from Faker, cued streets, labelled postcodes -----------------------------------------


@dataclass(frozen=True, slots=True)
class StreetWords:
    """Lower-case street words of every Faker locale, by where a street name puts them."""

    #: Before the name: "Continuación Vanegas", "Intrarea Dochioiu", "Incrocio Vitturi".
    prefixes: frozenset[str]
    #: Glued to the end of the name: "Andersen|moen", "Laura|steeg", "Kiitäjän|bulevardi".
    glued: frozenset[str]
    #: A separate word after the name: "Kurt Subway", "Smith Dip", "Kathleen Tunnel".
    suffixes: frozenset[str]


_STREET_WORD_ATTRS = (
    "street_suffixes", "street_suffixes_long", "street_suffixes_short", "street_prefixes",
    "street_prefixes_long", "street_prefixes_short",
)  # fmt: skip
# Abbreviations of street words Faker spells out ("Av.", "Blvd", "Str.", "Pza.", "Cda.").
_STREET_ABBREVIATIONS = ("av", "avda", "pza", "cda", "cjon", "prol", "calz", "blvd", "bd", "str", "ul", "al")
#: A glued street ending must be rare in English ("moen", "steeg", "gade"; not "station", "park").
_GLUED_MAX_ZIPF = 3.0
_LATIN_WORD = regex.compile(r"[\p{Latin}][\p{Latin}\p{M}'’ -]*\.?")


def _placeholder(attribute: str) -> str:
    """The placeholder a Faker format uses for a word list: street_suffixes_long -> street_suffix_long."""
    head, _, tail = attribute.partition("es")
    return f"{{{{{head}{tail}}}}}"


@functools.cache
def street_words() -> StreetWords:
    """Street words read from each locale's word lists, placed by its ``street_name_formats``."""
    # lazy: Faker's locale providers are read once, at the first scan
    import faker.providers.address as address

    prefixes: set[str] = set(_STREET_ABBREVIATIONS)
    glued: set[str] = set()
    suffixes: set[str] = set()
    for module in pkgutil.iter_modules(address.__path__):
        provider = importlib.import_module(f"{address.__name__}.{module.name}").Provider
        formats = [f for f in getattr(provider, "street_name_formats", ()) if isinstance(f, str)]
        for attribute in _STREET_WORD_ATTRS:
            values = getattr(provider, attribute, None)
            if not isinstance(values, tuple | list) or attribute not in vars(provider):
                continue
            words = {
                w.strip().lower() for w in values if isinstance(w, str) and _LATIN_WORD.fullmatch(w.strip())
            }
            holder = _placeholder(attribute)
            for form in formats:
                at = form.find(holder)
                if at < 0:
                    continue
                after = form[at + len(holder) : at + len(holder) + 1]
                if at == 0 and after == " ":
                    prefixes.update(words)
                elif at > 0 and form[at - 1] in "}-":
                    # "-station", "-park", "-lane" end English words ("PlayStation"): foreign endings only.
                    glued.update(
                        w for w in words if len(w) >= 3 and " " not in w and zipf(w) < _GLUED_MAX_ZIPF
                    )
                elif at > 0 and form[at - 1] == " " and not after:
                    suffixes.update(w for w in words if " " not in w)
    prefixes = {p for p in prefixes if len(p.rstrip(".")) >= 2}
    return StreetWords(frozenset(prefixes), frozenset(glued), frozenset(suffixes))


@functools.cache
def _glued_ending() -> regex.Pattern[str]:
    """A word ending in a glued street word after at least three letters ("andersen|moen")."""
    endings = "|".join(sorted((regex.escape(g) for g in street_words().glued), key=len, reverse=True))
    return regex.compile(rf"\p{{L}}{{3}}-?(?:{endings})$")


__all__ = [
    "COMMON_WORD_ZIPF",
    "LEXICON_FILE",
    "RARE_WORD_ZIPF",
    "Lexicon",
    "StreetWords",
    "decode_word_lists",
    "encode_word_lists",
    "faker_word_lists",
    "is_frequent_word",
    "lexicon",
    "lexicon_from",
    "street_words",
]
