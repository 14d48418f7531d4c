"""Recognizers for general (non-clinical, worldwide) PII: foreign names, addresses, places, companies, ages.

safecohort's clinical recognizers (:mod:`safecohort.detect.recognizers`) target US hospital notes. Text
outside the clinic - support tickets, exported reports, presidio's own synthetic benchmark - is full of
European addresses ("Puruntie 82", "Via Franscini 71", "PSC 6293, Box 8158 / APO AP 04336"), non-English
names ("Elínborg Guðmundsdóttir"), foreign cities and invented company names. This module adds them:

- the lexicons come from the locale providers Faker ships OFFLINE (first and last names, cities,
  countries, street prefixes and company suffixes of every locale); they are read once, at the first
  scan, into lower-case frozensets (:func:`lexicon`, about half a second) and shared by every recognizer;
- common English words (wordfreq's Zipf frequency) and medical eponyms never count as names on their own,
  so "Brown sputum", "Foley catheter" or "Parkinson's disease" are not people;
- every recognizer says whether it is safe to run on clinical notes (:attr:`CLINICAL_SAFE`): the lead
  enables the set per policy profile, :func:`general_recognizers` returns the ones asked for.

Nothing here logs or raises note text; lookups are set memberships over precompiled patterns.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import regex
from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.places import WEAK_CUE_POPULATION, gazetteer, is_everyday_place
from safecohort.detect.recognizers import LANGUAGE, ClinicalPatternRecognizer
from safecohort.detect.vocab import clinical_terms, is_everyday_word, zipf

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


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, read from Faker on first use (about 0.5 s) and kept for the process."""
    import faker.providers.address as address
    import faker.providers.company as company
    import faker.providers.person as person

    # Romanised Japanese and Chinese names ("Takuma", "Nanami"); short pinyin ("He", "Ma") is English.
    romanised = _ROMANISED_MIN_LENGTH
    first = _lower_set(_provider_values(person, _FIRST_NAME_ATTRS)) | frozenset(
        w for w in _lower_set(_provider_values(person, ("first_romanized_names",))) if len(w) >= romanised
    )
    last = _lower_set(_provider_values(person, _LAST_NAME_ATTRS)) | frozenset(
        w for w in _lower_set(_provider_values(person, ("last_romanized_names",))) if len(w) >= romanised
    )
    return Lexicon(
        first_names=frozenset(w for w in first if len(w) > 1) - _CLINICAL_STOPWORDS,
        last_names=frozenset(w for w in last if len(w) > 1) - _CLINICAL_STOPWORDS,
        cities=_lower_set(_provider_values(address, _CITY_ATTRS)) - _CLINICAL_STOPWORDS,
        countries=_lower_set(_provider_values(address, ("countries",))),
        street_prefixes=_lower_set(_provider_values(address, ("street_prefixes",))),
        company_suffixes=_lower_set(
            (*_provider_values(company, ("company_suffixes",)), *_COMPANY_SUFFIXES_EN)
        ),
    )


def is_common_word(word: str, threshold: float = RARE_WORD_ZIPF) -> bool:
    """True when ``word`` is an English word at least as frequent as ``threshold`` (Zipf scale)."""
    return word.lower() in _CLINICAL_STOPWORDS or zipf(word.lower()) >= threshold


# --- shared text helpers -------------------------------------------------------------------------------

# A word of letters (any script) with inner apostrophes or hyphens: "Guðmundsdóttir", "O'Neil", "Weeks-Rivas".
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}{2,}[\p{L}\p{M}]*|-\p{L}[\p{L}\p{M}]*)*")


def _is_title(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or not word[1:].isupper() or len(word) > 2)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _result(name: str, identifier: str, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    """A presidio result tagged with the recognizer that made it (presidio's overlap rules read it)."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: identifier,
        },
    )


_TRAILING = frozenset(" \t\n.,;:")


class GeneralRecognizer(EntityRecognizer):
    """An entity recognizer over the shared lexicon; subclasses implement :meth:`find`."""

    ENTITY: ClassVar[str]
    #: Whether the recognizer keeps clinical precision (see the module docstring and docs).
    CLINICAL_SAFE: ClassVar[bool] = False

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY], name=type(self).__name__, supported_language=LANGUAGE
        )

    def load(self) -> None:
        """Nothing to load eagerly: the lexicon is read at the first scan."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Findings of :meth:`find` as presidio results."""
        if self.ENTITY not in entities:
            return []
        results = []
        for start, end, score in self.find(text):
            # Sentence punctuation after a span is not part of it ("... from Austria.").
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            if end > start:
                results.append(_result(type(self).__name__, self.id, self.ENTITY, start, end, score))
        return results

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """(start, end, score) of each finding in ``text``."""
        raise NotImplementedError


# --- person names --------------------------------------------------------------------------------------

# A strong cue that the next word is a person's name.
_NAME_CUE = regex.compile(
    r"(?i:\b(?:my\s+name\s+is|name\s+is|names?\s*:|i\s+am|i'm|call\s+me|calls\s+me|called|named\s+(?:him|her)"
    r"|dear|signed|sincerely|regards|thanks|said|says|asked|told|tell|to|with|by|and|from|of|under|"
    r"assistant\s+to|change\s+it\s+to|add|starring|features|featuring|heard|between\s+him|ex-\w+|"
    r"founders:|including|lives|is\s+from|is\s+a|spent|had\s+given|just\s+turned))[ \t]*[:,]?[ \t]*$"
)
# A cue so strong that a rare capitalised word after it is a name even when no list has it.
_STRONG_NAME_CUE = regex.compile(
    r"(?i:\b(?:my\s+name\s+is|name\s+is|names?\s*:|call\s+me|calls\s+me|named\s+(?:him|her)|dear|"
    r"signed|sincerely|i\s+am|i'm))[ \t]*[:,]?[ \t]*$"
)
# A dialog speaker or a signature: the name alone at the start of a line, then ":" or ",".
_SPEAKER_AFTER = regex.compile(r"^[ \t]*[:,]")
_INITIAL = regex.compile(r"\p{Lu}\.?")
_NOT_NAME_AFTER = regex.compile(r"^[ \t]*(?:\d|%|mg\b|ml\b)")


class MultilingualNameRecognizer(GeneralRecognizer):
    """Person names from Faker's name lists of every locale.

    Full names: two capitalised words (an initial may stand between) where the first is a listed first
    name and the second a listed last name, or one listed and the other a rare capitalised word ("Calquín
    Cazares"); lower-case full names only when both words are listed. Lone names: a listed name after a
    cue ("my name is Siiri", "Dear Aloisia,", "Ubul:" opening a line), or a rare listed word in Title case.
    Eponyms, drugs and common English words never count ("Foley catheter", "Brown sputum").
    Clinical-safe: yes for full names and cued names; lone rare words are the riskiest part.
    """

    ENTITY = "PERSON"
    CLINICAL_SAFE = True

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Full names, then lone names, as the class docstring says."""
        lex = lexicon()
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        used: set[int] = set()
        for index, (start, end, word) in enumerate(words):
            if index in used:
                continue
            full = self._full_name(text, words, index, lex)
            if full is not None:
                used.update(range(index, full + 1))
                yield start, words[full][1], 0.75
                continue
            if self._lone_name(text, start, end, word, lex):
                used.add(index)
                yield start, end, 0.6

    @staticmethod
    def _gap(text: str, end: int, start: int) -> bool:
        """True when only spaces or tabs (at most 3) stand between two words."""
        between = text[end:start]
        return 0 < len(between) <= 3 and not between.strip(" \t")

    def _full_name(
        self, text: str, words: list[tuple[int, int, str]], index: int, lex: Lexicon
    ) -> int | None:
        """Index of the last word of a full name starting at ``index``, or None."""
        _, end, first = words[index]
        if len(first) < 2 or index + 1 >= len(words):
            return None
        last_index = index + 1
        s2, e2, second = words[last_index]
        if not self._gap(text, end, s2):
            return None
        # An initial between the names: "Ravil G Yefimov", "Iva D. Grusová".
        if len(second) == 1 and second.isalpha() and last_index + 1 < len(words):
            s3, e3, third = words[last_index + 1]
            gap = text[e2:s3]
            if gap.strip(" \t.") == "" and 0 < len(gap) <= 3:
                last_index, second = last_index + 1, third
                e2 = e3
        if len(second) < 2 or _EPONYM_NEXT.match(text, e2) or _NOT_NAME_AFTER.match(text, e2):
            return None
        first_listed = first.lower() in lex.first_names
        last_listed = second.lower() in lex.last_names or second.lower() in lex.first_names
        if first.islower() and second.islower():
            # A lower-case auxiliary is no surname although Faker lists it ("violet will write").
            both = first_listed and last_listed and not is_common_word(second, _AUXILIARY_ZIPF)
            return last_index if both and not (is_common_word(first) and is_common_word(second)) else None
        if not (_is_capitalised(first) and _is_capitalised(second)):
            return None
        if first.lower() in _CLINICAL_STOPWORDS or second.lower() in _CLINICAL_STOPWORDS:
            return None
        if last_index == index + 2 and not (is_common_word(first) or is_common_word(second)):
            return last_index  # "First M Last" with two rare words: the shape of a name
        if first_listed and last_listed:
            return (
                last_index
                if not (is_common_word(first, COMMON_WORD_ZIPF) and is_common_word(second))
                else None
            )
        if first_listed and not is_common_word(second) and not is_common_word(first, COMMON_WORD_ZIPF):
            return last_index
        if last_listed and not is_common_word(first) and not is_common_word(second, COMMON_WORD_ZIPF):
            return last_index
        return None

    def _lone_name(self, text: str, start: int, end: int, word: str, lex: Lexicon) -> bool:
        """True when a single word is a name by itself, as the class docstring says."""
        if len(word) < 2 or word.lower() in _CLINICAL_STOPWORDS or _EPONYM_NEXT.match(text, end):
            return False
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if not lex.is_name(word):
            return (
                word[0].isupper()
                and not word.isupper()
                and not is_common_word(word)
                and bool(_STRONG_NAME_CUE.search(before))
            )
        if word.isupper():
            return False
        cued = bool(_NAME_CUE.search(before)) or (
            not before.strip() and bool(_SPEAKER_AFTER.match(text, end))
        )
        if word.islower():
            return cued and not is_common_word(word)
        if not _is_capitalised(word):
            return False
        if cued and not is_common_word(word, COMMON_WORD_ZIPF):
            return True
        return not is_common_word(word) and (cued or not is_common_word(word, 2.5) or bool(before.strip()))


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
_UNIT = (
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
    rf"|{_UNIT})(?![\w])",
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
    rf"(?:,?[ \t]+{_UNIT}|,?[ \t]+(?!(?i:and|or|in|for|on|at|street|st|it|is|was|the|i|we|he|she|they|you|my|"
    rf"please|it|now|then)\b)"
    rf"(?:{_U}[\p{{L}}\p{{M}}'’().-]*|\d{{3,6}}(?:-\d{{3}})?|nan)(?=[ \t,\n?.!]|$))"
)
# A whole line that continues an address block: a unit, a city, ", ST", "Country 12345", "nan", a code.
_BLOCK_LINE = regex.compile(
    rf"^[ \t]*,?[ \t]*(?:{_UNIT}|(?:(?:[\p{{L}}\p{{M}}'’().-]+|\d{{1,6}}(?:-\d{{3}})?)[ \t,]*){{1,6}})[ \t]*$"
)
_NOT_ADDRESS_LINE = regex.compile(
    r"(?i)\b(?:mobile|desk|phone|tel|fax|office|email|e-mail|website|web|www|http|personal|info|name|"
    r"date|when|where|is|are|was|the|and|i|you|my|please|thanks|it|this|that|of|for)\b|[@:]"
)


class InternationalAddressRecognizer(GeneralRecognizer):
    """Street addresses worldwide, extended over the rest of their address block.

    Anchors: a European street with its house number ("Puruntie 82", "Via Franscini 71", "ul. Słowicza
    10", "Rákóczi út 13."), a US/UK street ("74 Diakou Street"), a PO box or unit; a postcode + name +
    number line ("20789 Allika 46") only after an address cue or at a line start in a block. From an
    anchor the span runs on over units, ", City, Country 12345" and the following short lines of the
    block (city, ", ST", "Country 12345", a lone postcode), stopping at a contact line or a sentence.
    Clinical-safe: mostly (anchors need a street word or prefix); block extension only follows anchors.
    """

    ENTITY = "STREET_ADDRESS"
    CLINICAL_SAFE = True

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


class InternationalPostcodeRecognizer(GeneralRecognizer):
    """Postcodes outside the US ("SW1A 1AA", "B0J 2H0", "1234 AB", "53-320", "340 12") within 60
    characters of an address word or on an address line. Clinical-safe: yes (needs the address cue)."""

    ENTITY = "ZIP_CODE"
    CLINICAL_SAFE = True

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Postcodes with an address cue before them."""
        for match in _POSTCODE.finditer(text):
            window = text[max(0, match.start() - 60) : match.start()]
            if _POSTCODE_CUE.search(window):
                yield match.start(), match.end(), 0.6


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
    return not is_common_word(bare, 4.0) or (lexicon().is_name(bare) and not is_common_word(bare, name_zipf))


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


class CuedStreetRecognizer(GeneralRecognizer):
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


class LabelledPostcodeRecognizer(GeneralRecognizer):
    """A postcode after its label or question ("ZIP: 02139", "the postcode?\\nCustomer: 95396"), any
    country's shape. Clinical-safe: no (the clinical profile reads ZIP codes in its own recognizer)."""

    ENTITY = "ZIP_CODE"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Postcodes right after a postcode label."""
        for match in _LABELLED_POSTCODE.finditer(text):
            yield match.start("code"), match.end("code"), 0.7


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


class PlaceRecognizer(GeneralRecognizer):
    """Countries and cities from Faker's locale lists and the GeoNames gazetteer
    (:mod:`safecohort.detect.places`), in Title case or capitals ("Cyprus", "ESPOO", "Brønderslev",
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
            if phrase in lex.countries and not (single and is_common_word(phrase, COMMON_WORD_ZIPF + 0.5)):
                return last, 0.7
            if phrase in lex.cities and (not single or not is_common_word(phrase) or cued):
                if single and phrase in _CLINICAL_STOPWORDS:
                    continue
                return last, 0.6 if cued else 0.5
            if _is_gazetteer_place(text[start : offsets[last][1]].strip(".,"), single, cued, lex):
                return last, 0.7 if places.is_country(phrase) else 0.6 if cued else 0.5
        if not cued:
            return None
        last = index - 1
        while last + 1 < min(len(offsets), index + 3) and not is_common_word(offsets[last + 1][2]):
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
        return not (single and is_common_word(phrase, COMMON_WORD_ZIPF + 0.5))
    population = places.population(phrase)
    if population < WEAK_CUE_POPULATION:
        return False
    if not single:
        common = all(is_common_word(word) for word in phrase.split())
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
                if not (single and is_common_word(phrase, COMMON_WORD_ZIPF + 0.5)):
                    yield start, word.end(), 0.6
                    break
            elif (phrase in lex.cities or places.is_city(phrase, WEAK_CUE_POPULATION)) and not (
                single and is_common_word(phrase)
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


# --- companies -----------------------------------------------------------------------------------------

_CAP = r"\p{Lu}[\p{L}\p{M}'’&-]*"
_COMPANY_SUFFIX_EN_ALT = "|".join(
    regex.escape(s) for s in sorted(_COMPANY_SUFFIXES_EN, key=len, reverse=True)
)
_COMPANY_PATTERNS = regex.compile(
    # "Microbilt Corporation", "Civic Impulse LLC", "Conway Inc."
    rf"(?<!\p{{L}})(?P<suffixed>(?:{_CAP}[ \t]+){{1,3}}(?:{_COMPANY_SUFFIX_EN_ALT})\b\.?)"
    # "Hawkins, Richardson and Santana"
    rf"|(?P<three>{_CAP},[ \t]+{_CAP},?[ \t]+(?:and|&)[ \t]+{_CAP})"
    # "Weeks-Rivas"
    rf"|(?P<hyphen>(?<![\p{{L}}-])\p{{Lu}}\p{{Ll}}+-\p{{Lu}}\p{{Ll}}+(?![\p{{L}}-]))"
)
_COMPANY_CUE = regex.compile(
    r"(?i:\b(?:work(?:s|ed)?\s+(?:for|at)|employed\s+by|spent\s+a\s+year\s+at|year\s+at|became|joined|"
    r"is\s+from|of|at)[ \t]*$)"
)
_CUED_COMPANY = regex.compile(rf"{_CAP}(?:[ \t]+{_CAP}){{0,3}}")


class CompanyRecognizer(GeneralRecognizer):
    """Company names: capitalised words before a company suffix ("Microbilt Corporation", "Areavibes
    Inc"), Faker-style partnerships of listed surnames ("Hawkins, Richardson and Santana", "Weeks-Rivas"),
    and capitalised names after "work for" / "spent a year at" / "became". Clinical-safe: no ("Group",
    "Services", "Associates" name departments and practices in notes; spaCy ORG is off for notes)."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Suffixed names, surname partnerships, cued names."""
        lex = lexicon()
        for match in _COMPANY_PATTERNS.finditer(text):
            if match.group("suffixed"):
                first = match.group("suffixed").split()[0]
                if first.lower() in {"the", "a", "an", "my", "our", "this", "i"}:
                    start = match.start() + len(first) + 1
                    if start < match.end() - 4:
                        yield start, match.end(), 0.6
                    continue
                yield match.start(), match.end(), 0.6
            elif match.group("three"):
                if _PERSON_LIST.search(text, max(0, match.start() - 40), match.end()):
                    continue  # "our founders: Kónya, Becker and Vasquez" are people
                names = regex.findall(r"\p{L}[\p{L}\p{M}'’-]*", match.group("three"))
                names = [n for n in names if n not in ("and",)]
                if sum(n.lower() in lex.last_names for n in names) >= 2:
                    yield match.start(), match.end(), 0.7
            else:
                left, right = match.group("hyphen").split("-")
                if left.lower() in lex.last_names and right.lower() in lex.last_names:
                    yield match.start(), match.end(), 0.6
        for match in _CUED_COMPANY.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[max(line_start, match.start() - 30) : match.start()]
            if _COMPANY_CUE.search(before) and regex.search(
                r"(?i)(?:work|employ|year\s+at|became|from)", before
            ):
                word = match.group().split()[0]
                if not is_common_word(word) or len(match.group().split()) > 1:
                    yield match.start(), match.end(), 0.5


# --- context rules for general text (names, companies, phones, dates) ----------------------------------

# A Title-case word ("Nora", "Šušulić", "Weeks-Rivas"); all-capitals words are headers, not names here.
_TITLE_WORD = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}[\p{Ll}\p{M}]+)?"
_LOWER_WORD = r"\p{Ll}[\p{Ll}\p{M}]+"
# Where a clause opens: the text or a line start, after a sentence mark, or after a conjunction.
_CLAUSE_START = (
    r"(?:(?<![^\n])[ \t]*|(?<=[.!?;][\"”'’)]?[ \t]+)|(?<=[,;][ \t]+(?:but|and|so|because|while|when|"
    r"although|though|that|as)[ \t]+))"
)
# Verbs that follow a person who is the subject; "is/was" only before something that is not a noun
# phrase ("Nora is very reliable", not "Coden is a design agency").
_PERSON_VERB = (
    r"(?:lives|lived|spent|spends|had|has|just|said|says|told|tells|asked|asks|went|goes|works|worked|"
    r"wants|wanted|will|would|can|could|should|did|does|loves|loved|called|wrote|writes|thinks|thought|"
    r"knows|knew|went|got|gets|left|came|comes|won't|can't|isn't|wasn't|didn't|doesn't|"
    r"(?:is|was)(?![ \t]+(?:a|an|the|one|based|located|"
    r"headquartered|known|\d)\b))\b"
)
# Words that surnames of many languages end in ("Kucharski", "Szczepańska", "Šušulić", "Krylova",
# "Jerković", "Georgsson", "Napolitani" is not one: the list stays to unambiguous endings).
_SURNAME_ENDING = regex.compile(
    r"(?i:ski|ska|cki|cka|dzki|dzka|wicz|czyk|ić|ič|vić|ová|ova|ovа|eva|enko|chuk|czuk|sson|dóttir|"
    r"dottir|poulos|akis|escu|oglu|oğlu|yan|shvili|dze|nen|inen|stein|berg|ek|ík)$"
)
# After a label's colon, only a full name to the line end: a form field ("Cardholder: Anne Botteron").
_FORM_LABEL_VALUE = regex.compile(rf"[ \t]*{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD}){{1,2}}[ \t]*(?:\n|\Z)")
_SPEAKER = regex.compile(
    rf"(?m)^[ \t]*(?P<name>{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD})?)[ \t]*:[ \t]+(?=[\"“'‘]?\p{{Lu}})"
)
_GREETING = regex.compile(
    rf"(?<![\w])(?i:hi|hello|hey|dear|thanks|thank[ \t]+you|good[ \t]+(?:morning|afternoon|evening)|bye)"
    rf"[ \t]*,?[ \t]+(?P<name>{_TITLE_WORD}|{_LOWER_WORD})(?=[ \t]*(?:[,!.:;?\n]|$))"
)
_VOCATIVE = regex.compile(
    rf"{_CLAUSE_START}(?P<name>{_TITLE_WORD}),[ \t]+(?=(?i:can|could|would|will|please|i|we|you|do|did|"
    r"are|have|thank|thanks|let|just|are)\b)"
    rf"|(?<=\b(?i:me|you|us)[ \t]*,?[ \t]+)(?P<lower>{_LOWER_WORD})(?=[ \t]*[,!?])"
)
_SUBJECT = regex.compile(
    rf"{_CLAUSE_START}(?P<name>{_TITLE_WORD})[ \t]+(?={_PERSON_VERB})"
    rf"|(?:\A[ \t]*|(?<=[.!?,;][ \t]+))(?P<lower>{_LOWER_WORD})[ \t]+(?={_PERSON_VERB})"
)
# A word that introduces a person's name right after it.
_PERSON_CUE = regex.compile(
    r"(?i:\b(?:said|says|asked|called|named|starring|featuring|featured|directed[ \t]+by|written[ \t]+by|"
    r"by|under|heard|with|to|producer|songwriter|singer|author|actor|actress|director|manager|"
    r"mr|mrs|ms|miss|dr|prof|ask[ \t]+for|asked[ \t]+for|call|ring|meet|met|password[ \t]+for|user|"
    r"operator|agent|loved[ \t]+by)\.?|\bex-\p{L}+)[ \t]+$"
)
_WEAK_PERSON_CUES = frozenset(("by", "with", "to", "under", "call", "ring", "meet", "met", "user", "agent"))
_CUED_TITLE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<name>{_TITLE_WORD}(?:[ \t]+(?:\p{{Lu}}\.?[ \t]+)?{_TITLE_WORD}){{0,2}})"
)
_CUED_LOWER = regex.compile(
    r"(?<=\b(?i:my[ \t]+name[ \t]+is|name[ \t]*:|calls[ \t]+me|call[ \t]+me|called|named|heard|"
    r"follow[ \t]+up[ \t]+with|mr\.?|mrs\.?|ms\.?|dr\.?|met|saw|meet|meeting)[ \t]+)"
    rf"(?P<name>{_LOWER_WORD}(?:[ \t]+(?:\p{{Ll}}\.?[ \t]+)?{_LOWER_WORD})?)"
)
# A list of people after a plural role ("our 3 founders: Vizirov, Barrett and Jones").
_PERSON_LIST = regex.compile(
    rf"(?i:founders|co-founders|partners|members|siblings|children|sons|daughters|authors|friends|owners|"
    rf"directors|hosts|guests|speakers|winners)[ \t]*:[ \t]*"
    rf"(?P<list>{_TITLE_WORD}(?:,[ \t]+{_TITLE_WORD})*,?[ \t]+(?:and|&)[ \t]+{_TITLE_WORD})"
)
# A full name with a surname ending, in Title case or lower case ("Djevad Šušulić", "olga krylova").
_ENDING_NAME = regex.compile(
    rf"(?<![\w-])(?P<first>{_TITLE_WORD}|{_LOWER_WORD})[ \t]+(?:\p{{L}}\.?[ \t]+)?"
    rf"(?P<last>{_TITLE_WORD}|{_LOWER_WORD})(?![\w-])"
)
# A line that is only two or three Title-case words: the name line of a contact block.
_NAME_LINE = regex.compile(
    rf"(?m)^[ \t]*(?P<name>{_TITLE_WORD}(?:[ \t]+(?:\p{{Lu}}\.?[ \t]+)?{_TITLE_WORD}){{1,2}}"
    rf"|{_LOWER_WORD}(?:[ \t]+(?:\p{{Ll}}\.?[ \t]+)?{_LOWER_WORD}){{1,2}})[ \t]*$"
)

# An initial and a surname ("S. Reyes", "Ø. Ruud", "J. van Dijk"); the initial is not the end of an
# abbreviation ("U.S. Army").
_INITIAL_SURNAME = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}.&])\p{{Lu}}\.[ \t]?(?:\p{{Lu}}\.[ \t]?)?(?:(?:van|von|de|da|di|du|le|la)[ \t]+)?"
    rf"(?P<last>{_TITLE_WORD})(?![\w-])"
)
_CAPITAL_WORD_BEFORE = regex.compile(r"\p{Lu}[\p{L}\p{M}]*[ \t]+$")
# "Surname, Given" (a register or a form): "Bailey, James"; lower case after "name:" ("corona, josé").
# The surname opens the name and no list goes on: after "Anna Berg," the next word is a new item ("Anna
# Berg, German"), and "Fischer, Brooks and Hale" are three people.
_INVERTED_NAME = regex.compile(
    rf"(?<![\w-]|\p{{Lu}}[\p{{L}}\p{{M}}.]*[ \t]+|,[ \t]*)(?P<last>{_TITLE_WORD}),[ \t]+"
    rf"(?P<first>{_TITLE_WORD})(?![\w-]|[ \t]*(?:,|&|and\b))"
    rf"|(?<=\b(?i:name)[ \t]*:[ \t]*)(?P<lower_last>{_LOWER_WORD}(?:['’]{_LOWER_WORD})?),[ \t]+"
    rf"(?P<lower_first>{_LOWER_WORD}(?:[ \t]+{_LOWER_WORD})?)(?![\w-])"
)
# A passenger or booking list: "SURNAME/GIVEN" in capitals, then maybe a title ("BALL/CLIFFORD MR").
_SLASH_NAME = regex.compile(
    r"(?<![\w/])(?P<last>\p{Lu}[\p{Lu}\p{M}'’-]+)/(?P<first>\p{Lu}[\p{Lu}\p{M}-]+)(?![\w/])"
)
# A chat or minutes speaker behind a time stamp, a bullet or a role: "[9:15 am] Lily:", "- Taro: send",
# "Operator Gerard:", "Support (Agnes):".
_CHAT_SPEAKER = regex.compile(
    r"(?m)^[ \t]*(?P<pre>(?:\[[^\]\n]{1,20}\][ \t]*)?(?:[-*•][ \t]+)?"
    r"(?:(?i:operator|agent|support|admin|moderator|host|rep|advisor|caller|customer|staff|tech|user)"
    rf"[ \t]*\(?[ \t]*)?)(?P<name>{_TITLE_WORD})\)?[ \t]*:(?![/\d])"
)
# A listed name with an age in brackets ("Magnus (27) says") or at a place ("Sara at reception").
_NAME_AGE = regex.compile(rf"(?<![\w-])(?P<name>{_TITLE_WORD})[ \t]+\(\d{{1,2}}\)")
_NAME_AT = regex.compile(rf"{_CLAUSE_START}(?P<name>{_TITLE_WORD})[ \t]+at[ \t]+(?=\p{{L}})")
# A lone name called out before "!" or "?" ("Welcome aboard, Abdul!", "WAS THAT YOU, SIMONE?").
_CALLED_OUT = regex.compile(r"(?<=,[ \t]+)(?P<name>\p{L}[\p{L}\p{M}]+)(?=[ \t]*[!?])")
# A sign-off and the writer's name ("cheers\nlujza", "xx karol", "thanks, malwina mijas"), or a lone
# name closing a message after a sentence ("... a problem. Leonard").
_SIGN_OFF = regex.compile(
    r"(?<![\w])(?i:cheers|thanks|thank[ \t]+you|regards|best|love|xx+|xoxo|take[ \t]+care|ciao|bye)"
    r"[ \t]*[,!.]?[ \t]*\n?[ \t]*(?P<name>\p{L}[\p{L}\p{M}]+(?:[ \t]+\p{L}[\p{L}\p{M}]+)?)[ \t]*(?=\n|\Z)"
    rf"|(?<=[.!?][ \t]+)(?P<last>{_TITLE_WORD})[ \t]*\Z"
)

# Drug name stems (USAN): "Lisinopril", "Metoprolol", "Vancomycin" are never people.
_DRUG_ENDING = regex.compile(
    r"(?:pril|sartan|olol|statin|mab|tinib|prazole|azole|cillin|mycin|floxacin|cycline|dipine|tidine|"
    r"azepam|oxetine|triptan|gliptin|parin|xaban|gatran|lukast|terol|profen|codone|morphone|setron)$"
)


def _is_place_word(phrase: str) -> bool:
    """Whether a phrase is a listed country or city (places are not people)."""
    lex = lexicon()
    low = phrase.lower()
    return low in lex.cities or low in lex.countries or gazetteer().is_place(phrase, WEAK_CUE_POPULATION)


def _name_like(
    word: str, *, rare: float = RARE_WORD_ZIPF - 0.5, listed: float = COMMON_WORD_ZIPF, strong: bool = False
) -> bool:
    """Whether ``word`` may be a person's name in a name context: a listed name that English does not use
    much (Zipf below ``listed``), or an unlisted word English hardly knows (below ``rare``) that is no
    place (in a ``strong`` context such as "my name is" or "Hi ..." a place name may be a person's);
    never a clinical word, eponym or drug."""
    low = word.lower()
    if low in _CLINICAL_STOPWORDS or len(low) < 2 or low in clinical_terms() or _DRUG_ENDING.search(low):
        return False
    if lexicon().is_name(low):
        return zipf(low) < listed
    return zipf(low) < rare and (strong or not _is_place_word(word))


def _name_prefix(words: list[str], **limits: Any) -> list[str]:
    """The leading words that are name-like (initials pass): "elliott flew" -> ["elliott"]."""
    kept: list[str] = []
    for word in words:
        if not ((len(word.rstrip(".")) == 1 and kept) or _name_like(word, **limits)):
            break
        kept.append(word)
    while kept and len(kept[-1].rstrip(".")) == 1:
        kept.pop()
    return kept


class ContextNameRecognizer(GeneralRecognizer):
    """Person names read from the shape of the sentence rather than from name lists, for names no list
    holds ("Irenka", "Ubul", "Djevad Šušulić"): dialogue speakers ("Ella: What a ..."), greetings and
    vocatives ("Hi Freddy,", "Cora, can I ...", "leave me nina,"), the subject of a person verb at a
    clause start ("Nora is very reliable", "Trivo lives on"), one to three rare words after a person cue
    ("said Maslin", "starring Westgård", "under Chihiro Fukunaga", "my name is borna jerković"), lists
    after a plural role ("founders: Vizirov, Barrett and Jones"), full names whose last word has a
    surname ending ("Wisława Szczepańska", "olga krylova") and a line of two or three unknown words in
    a contact block. Every word must be name-like (:func:`_name_like`). Clinical-safe: no (notes put
    section headers before colons and start sentences with drug and device names)."""

    ENTITY = "PERSON"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Each context rule in turn (the analyzer merges overlapping findings)."""
        for pattern in (_SPEAKER, _GREETING, _VOCATIVE, _SUBJECT):
            strong = pattern is not _SUBJECT
            for match in pattern.finditer(text):
                group = "name" if match.group("name") else "lower"
                words = match.group(group).split()
                if match.group(group)[0].islower():
                    if lexicon().is_name(words[0]) and _name_like(words[0], listed=COMMON_WORD_ZIPF):
                        yield match.start(group), match.end(group), 0.6
                elif all(_name_like(word, strong=strong) for word in words):
                    label = pattern is _SPEAKER and _FORM_LABEL_VALUE.match(text, match.end())
                    if label and not any(lexicon().is_name(word) for word in words):
                        continue  # "Cardholder: Anne Botteron": a form label, not a speaker
                    yield match.start(group), match.end(group), 0.6
        yield from self._cued(text)
        for match in _PERSON_LIST.finditer(text):
            # After "founders:" even eponyms and town names are people ("Barrett", "Rogers").
            for name in regex.finditer(_TITLE_WORD, match.group("list")):
                yield match.start("list") + name.start(), match.start("list") + name.end(), 0.6
        for match in _ENDING_NAME.finditer(text, overlapped=True):
            first, last = match.group("first"), match.group("last")
            if first[0].islower() != last[0].islower() or not _SURNAME_ENDING.search(last):
                continue
            if _name_like(first, listed=5.0) and _name_like(last, rare=RARE_WORD_ZIPF):
                yield match.start(), match.end(), 0.6
        for match in _NAME_LINE.finditer(text):
            words = [word for word in match.group("name").split() if len(word.rstrip(".")) > 1]
            lower = match.group("name").islower()
            if lower and not any(lexicon().is_name(word) for word in words):
                continue  # a lower-case line needs one listed name ("emidio p lombardo")
            if len(words) > 1 and all(_name_like(word, rare=1.5, listed=3.5) for word in words):
                yield match.start("name"), match.end("name"), 0.5
        yield from self._structural(text)

    @staticmethod
    def _structural(text: str) -> Iterator[tuple[int, int, float]]:
        """Names read from their written form: an initial and a surname, "Surname, Given", "SURNAME/GIVEN",
        a chat speaker behind a stamp, bullet or role, a listed name with an age or "at", a name called
        out before "!" or "?", and a sign-off."""
        lex = lexicon()
        for match in _INITIAL_SURNAME.finditer(text):
            last = match.group("last")
            listed = lex.is_name(last) and _name_like(last, listed=6.0)
            # An unlisted surname, not after a capitalised word ("Plan B. Recheck", "Vitamin D. Continue").
            unlisted = _name_like(last, rare=RARE_WORD_ZIPF) and not _CAPITAL_WORD_BEFORE.search(
                text, max(0, match.start() - 30), match.start()
            )
            if listed or unlisted:
                yield match.start(), match.end(), 0.6
        for match in _INVERTED_NAME.finditer(text):
            if match.group("last"):
                last, first = match.group("last"), match.group("first")
                if (
                    first.lower() in lex.first_names
                    and lex.is_name(last)
                    and _name_like(first, listed=5.5)
                    and _name_like(last, listed=5.5)
                    and not (
                        is_common_word(first, COMMON_WORD_ZIPF) and is_common_word(last, COMMON_WORD_ZIPF)
                    )
                    and first.lower() not in lex.countries
                    and last.lower() not in lex.countries
                ):
                    yield match.start(), match.end(), 0.6
            else:
                given = match.group("lower_first").split()
                if given[0] in lex.first_names and _name_like(match.group("lower_last"), listed=6.0):
                    kept = _name_prefix(given, listed=6.0, strong=True)
                    end = match.start("lower_first") + len(" ".join(kept))
                    if kept:
                        yield match.start(), end, 0.6
        for match in _SLASH_NAME.finditer(text):
            last, first = match.group("last"), match.group("first")
            if (
                first.lower() in lex.first_names
                and len(first) > 2
                and not is_everyday_word(first)
                and not is_everyday_word(last)
                and (lex.is_name(last) or not is_common_word(last))
            ):
                yield match.start(), match.end(), 0.6
        for match in _CHAT_SPEAKER.finditer(text):
            if match.group("pre").strip() and _name_like(match.group("name"), strong=True):
                yield match.start("name"), match.end("name"), 0.6
        for pattern in (_NAME_AGE, _NAME_AT):
            for match in pattern.finditer(text):
                name = match.group("name")
                if lex.is_name(name) and _name_like(name):
                    yield match.start("name"), match.end("name"), 0.6
        for match in _CALLED_OUT.finditer(text):
            name = match.group("name")
            if name.lower() in lex.first_names and _name_like(name) and not is_everyday_word(name):
                yield match.start("name"), match.end("name"), 0.6
        for match in _SIGN_OFF.finditer(text):
            group = "name" if match.group("name") else "last"
            words = match.group(group).split()
            if words[0].lower() not in lex.first_names:
                continue
            kept = _name_prefix(words, listed=COMMON_WORD_ZIPF, strong=True)
            if kept:
                yield match.start(group), match.start(group) + len(" ".join(kept)), 0.6

    @staticmethod
    def _cued(text: str) -> Iterator[tuple[int, int, float]]:
        """Rare words after a person cue: Title case after any cue (after "by", "with", "to" or "under"
        a lone word must be a listed name), lower case after a strong one."""
        for match in _CUED_TITLE.finditer(text, overlapped=True):
            cue = _PERSON_CUE.search(text, max(0, match.start() - 30), match.start())
            if cue is None:
                continue
            words = match.group("name").split()
            names = [word for word in words if len(word.rstrip(".")) > 1]
            weak = cue.group().strip().lower() in _WEAK_PERSON_CUES
            # After a listed first name the surname may be a rarer English word ("Moira Pagan").
            first_listed = bool(names) and lexicon().is_name(names[0]) and _name_like(names[0])
            rest = COMMON_WORD_ZIPF if first_listed else RARE_WORD_ZIPF - 0.5
            if not names or not all(_name_like(word, rare=rest) for word in names):
                continue
            if weak and len(names) < 2 and not lexicon().is_name(names[0]):
                continue
            if _is_place_word(match.group("name")):
                continue
            yield match.start(), match.end(), 0.6
        for match in _CUED_LOWER.finditer(text):
            tokens = list(regex.finditer(r"\S+", text, pos=match.start("name"), endpos=match.end("name")))
            listed = COMMON_WORD_ZIPF
            words = _name_prefix([t.group() for t in tokens], rare=RARE_WORD_ZIPF, listed=listed, strong=True)
            if words:
                yield match.start("name"), tokens[len(words) - 1].end(), 0.6


# A capitalised word of a company name; a possessive "'s" is not part of it ("Gradiant LLC's").
_ORG_WORD = r"\p{Lu}[\p{L}\p{M}&-]*(?:['’]\p{L}{2,}[\p{L}\p{M}]*)?"
_ORG_WORDS = rf"{_ORG_WORD}(?:[ \t]+(?:{_ORG_WORD}|and|of|&)){{0,3}}?[ \t]+?{_ORG_WORD}|{_ORG_WORD}"
_ORG_HEADS = (
    r"agency|company|firm|startup|start-up|brand|business|corporation|consultancy|studio|provider|"
    r"platform|brainchild|manufacturer|retailer|bank|publisher|label|organi[sz]ation|non-?profit|charity|"
    r"group|service|app|website|marketplace|network|chain|maker|developer|vendor|supplier|lab|laboratory"
)
_ROLE_NOUNS = (
    r"songwriter|producer|founder|co-founder|ceo|cto|cfo|coo|spokesperson|spokesman|spokeswoman|"
    r"engineer|analyst|executive|chairman|chairwoman|president|employee|employees|staff|manager|"
    r"director|recruiter|representative|resignation|website|app|stock|shares|account|headquarters"
)
_ROLE_COMPANY = regex.compile(
    # "Coden is a design agency", "Collective Ip is the brainchild of"
    rf"{_CLAUSE_START}(?P<a>{_ORG_WORDS})(?=[ \t]+(?:is|was)[ \t]+(?:a|an|the)[ \t]+"
    rf"(?:[\p{{L}}-]+[ \t]+){{0,3}}?(?i:{_ORG_HEADS})\b)"
    # "her Uber resignation letter", "the Uber website", "Estately songwriter Michele Østrem"
    rf"|(?:(?<=\b(?:her|his|their|my|our|your|the)[ \t]+)|{_CLAUSE_START})(?P<b>{_ORG_WORDS})"
    rf"(?=[ \t]+(?i:{_ROLE_NOUNS})\b)"
    # "Vilma Holm of Here is the CEO", "Abby Holloway of Opencounter,"
    r"|(?<=(?:\p{Lu}\.|\p{Lu}[\p{Ll}\p{M}]+)[ \t]+\p{Lu}[\p{Ll}\p{M}]+[ \t]+of[ \t]+)"
    rf"(?P<c>{_ORG_WORDS})"
    rf"(?=[ \t]+(?:is|was|has|and)\b|[ \t]*[,.;]|['’]s\b|[ \t]*$)"
    # "Bridgewater's Parker Suknović": a company owning a person
    rf"|(?<![\w-])(?P<d>{_ORG_WORD})(?=['’]s[ \t]+{_TITLE_WORD}[ \t]+{_TITLE_WORD})"
    # "recorded for datamade became", "is from stillwater supercomputing inc."
    rf"|(?<=\b(?:recorded|signed|works?|worked|working)[ \t]+(?:for|with|at)[ \t]+)"
    rf"(?P<e>\p{{L}}[\p{{L}}\p{{M}}&'’-]*(?:[ \t]{{1,2}}\p{{L}}[\p{{L}}\p{{M}}&'’.-]*){{0,3}}?)"
    rf"(?=[ \t]+(?:became|is|was|and|in|as|for|since)\b|[ \t]*[,.;!?]|[ \t]*$)"
    rf"|(?<![\w])(?P<f>(?:\p{{Ll}}[\p{{L}}\p{{M}}&'’-]*[ \t]+){{1,3}}(?i:inc|llc|ltd|corp|plc|gmbh)\b\.?)",
    regex.MULTILINE,
)
_NOT_COMPANY_START = frozenset(("the", "a", "an", "my", "our", "his", "her", "their", "your", "this", "i"))


class RoleCompanyRecognizer(GeneralRecognizer):
    """Company names read from the role they play in the sentence, for invented names no suffix marks:
    "X is a design agency / the brainchild of", "her X resignation letter", "the X website", "X
    songwriter Y", "Vilma Holm of X is the CEO", "X's Parker Suknović", "recorded for datamade became",
    lower-case names with a company suffix ("stillwater supercomputing inc."), and the line between a
    name line and an address line of a contact block. Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Role contexts, then contact-block company lines."""
        for match in _ROLE_COMPANY.finditer(text):
            group = next(name for name in "abcdef" if match.group(name))
            found = match.group(group)
            first = found.split()[0]
            if first.lower() in _NOT_COMPANY_START or _is_place_word(found):
                continue
            if group in "ad" and (lexicon().is_name(found) and len(found.split()) == 1):
                continue  # "Nora is a nurse", "Anna's Mary Jones": a person
            if group == "b" and all(is_common_word(word, 4.0) for word in found.split()):
                continue  # "Office Manager", "Account Manager": a job title, not a company
            start = match.start(group)
            if group == "f":  # "from stillwater supercomputing inc.": the cue word is not the name
                while (word := regex.match(r"\p{L}+[ \t]+", text, pos=start)) and is_common_word(
                    word.group().strip(), COMMON_WORD_ZIPF
                ):
                    start = word.end()
                if not regex.match(r"\p{L}+[ \t]+\p{L}", text, pos=start):
                    continue
            elif group == "e" and found.islower() and is_common_word(first, COMMON_WORD_ZIPF):
                continue
            yield start, match.end(group), 0.55
        yield from _block_companies(text)


# A line that is a job title, not a company ("Printmaker", "Patent examiner", "Geoscientist").
_JOB_TITLE_END = regex.compile(
    r"(?i:maker|ist|ician|examiner|manager|officer|assistant|analyst|engineer|consultant|director|"
    r"designer|developer|scientist|writer|worker|teacher|nurse|clerk|technician|advisor|adviser)$"
)
_BLOCK_COMPANY_LINE = regex.compile(
    r"[ \t]*(\p{L}[\p{L}\p{M}&'’.,-]*(?:[ \t]{1,2}[\p{L}\p{M}&'’.,-]+){0,4})[ \t]*"
)
_BLOCK_ADDRESS_START = regex.compile(
    r"[ \t]*(?:\d|(?i:the[ \t]+corner[ \t]+of|psc|unit|uss|usns|p\.?o\.?[ \t]*box)\b)"
)


def _block_companies(text: str) -> Iterator[tuple[int, int, float]]:
    """The company line of a contact block: a short line with no digits right between a line that is a
    person's name and a line that opens an address ("Liisa Lepistö / Innography / the corner of ...")."""
    content = [(m.start(), m.end()) for m in regex.finditer(r"(?m)^[^\n]*\S[^\n]*$", text)]
    names = MultilingualNameRecognizer()
    for (ps, pe), (cs, ce), (ns, ne) in zip(content, content[1:], content[2:], strict=False):
        if not _BLOCK_ADDRESS_START.match(text, ns, ne) or any(ch.isdigit() for ch in text[cs:ce]):
            continue
        company = _BLOCK_COMPANY_LINE.fullmatch(text, cs, ce)
        previous = text[ps:pe].strip()
        if company is None or ":" in previous or not 1 < len(previous.split()) < 5:
            continue
        person = list(names.find(previous)) or list(ContextNameRecognizer().find(previous))
        job = _JOB_TITLE_END.search(company.group(1))
        if person and person[0][1] - person[0][0] >= len(previous) - 3 and job is None:
            yield company.start(1), company.end(1), 0.5


_PHONE_DIGITS = regex.compile(
    r"(?<![\w+.-])(?:\+\d{1,3}[ \t.-]?)?(?:\(\d{1,4}\)[ \t.-]?)?\d{2,4}(?:[ \t.-]\d{2,6}){1,4}(?![\w-]|\.\d)"
)
_PHONE_CUE_BEFORE = regex.compile(
    r"(?i:\b(?:phone|tel|telephone|mobile|cell|cellphone|fax|office|desk|home|work|call|ring|text|sms|"
    r"whatsapp|messages|number|contact|reach\s+me|dial)\b(?:\s+(?:me\s+)?(?:at|to|on))?[ \t]*(?:no\.?|#)?"
    r"[ \t]*[:.]?)[ \t]*$"
)
_DATE_DIGITS = regex.compile(r"\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4}")
_PHONE_CUE_AFTER = regex.compile(r"[ \t]*\(?(?i:office|fax|mobile|cell|home|work|desk|phone|tel)\b")


class CuedPhoneRecognizer(GeneralRecognizer):
    """Phone numbers in international layouts presidio's regions miss ("699 956 915", "28-64-66-98",
    "mobile: 99 577450", "781 1704 office"): 6 to 15 digits in groups, only with a phone word right
    before or after them (never bare digit groups; never a date). Clinical-safe: no."""

    ENTITY = "PHONE_NUMBER"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Digit groups next to a phone word."""
        for match in _PHONE_DIGITS.finditer(text):
            digits = sum(ch.isdigit() for ch in match.group())
            if not 6 <= digits <= 15 or _DATE_DIGITS.fullmatch(match.group()):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[max(line_start, match.start() - 30) : match.start()]
            if _PHONE_CUE_BEFORE.search(before) or _PHONE_CUE_AFTER.match(text, match.end()):
                yield match.start(), match.end(), 0.6


class RunningDateRecognizer(ClinicalPatternRecognizer):
    """Years in running text that presidio's date patterns miss: after "Act of" or closing an
    "in/since/until 2014" phrase. A bare number is never a year by itself; weekdays are left alone (no
    identifier, and the benchmark labels them inconsistently). Clinical-safe: no (Safe Harbor keeps
    years; notes are full of "in 2014" histories the clinical policy need not remove)."""

    ENTITY = "DATE_TIME"
    CLINICAL_SAFE: ClassVar[bool] = False
    PATTERNS = (
        Pattern(
            "year of an act", r"(?<=\b(?i:act|acts|law|treaty|code)[ \t]+of[ \t]+)(?:1[6-9]|20)\d{2}\b", 0.7
        ),
        Pattern(
            "year closing a time phrase",
            r"(?<=\b(?i:in|since|until|till|during|by|early|late|mid|summer|spring|autumn|fall|winter)"
            r"[ \t]*:?[ \t]+)(?:19|20)\d{2}"  # "since 2014", "member since: 2014"
            r"(?=[ \t]*[.,;:!?)|]|[ \t]*$|[ \t]+(?i:and|to|when|where|as|after|before)\b)",
            0.6,
        ),
    )


# Month names of the languages the general profile reads, English abbreviations included.
# fmt: off
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
    "septembre", "octobre", "novembre", "décembre", "januar", "jänner", "februar", "märz", "juni", "juli",
    "oktober", "dezember", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "gennaio", "febbraio", "aprile",
    "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "januari", "februari", "maart",
    "mei", "augustus", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "dezembro",
)
# fmt: on
_MONTH_ALT = "|".join(sorted(set(_MONTHS), key=len, reverse=True))
_EN_MONTH_ALT = "|".join(sorted(set(_MONTHS[:23]), key=len, reverse=True))
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
)


class WrittenDateRecognizer(ClinicalPatternRecognizer):
    """Dates written out in words in several languages and forms presidio misses: "5 septembre 1972",
    "13. Oktober 2016", "5 de mayo de 2020", "aug. 16th 2018", "february 23, 2004", "Mon Aug 29 2022",
    "monday, 25 february 1963", "Monday the 26th". A day, a month name and a year are required (or a
    weekday and an ordinal day), so "mars" or "mai" alone never count. Times of day are left alone on
    purpose: Safe Harbor lists dates, not clock times, and presidio's benchmark never labels a bare time.
    Clinical-safe: no (the clinical date recognizers cover note dates)."""

    ENTITY = "DATE_TIME"
    CLINICAL_SAFE: ClassVar[bool] = False
    PATTERNS = (
        Pattern(
            "day month-name year",
            # (the look-ahead on the first letters of weekdays and months only saves time)
            rf"(?i)(?<![\w.])(?=[\dmtwfsljvd])(?:{_WEEKDAY}\.?,?[ \t]+)?\d{{1,2}}(?:\.|st|nd|rd|th|er)?[ \t]+"
            r"(?:de[ \t]+)?"
            rf"(?:{_MONTH_ALT})\.?,?[ \t]+(?:de[ \t]+)?(?:1[89]|20)\d{{2}}(?![\w])",
            0.7,
        ),
        Pattern(
            "month-name day year",
            rf"(?i)(?<![\w.])(?=[mtwfsjaond])(?:{_WEEKDAY}\.?,?[ \t]+)?(?:{_EN_MONTH_ALT})\.?[ \t]+\d{{1,2}}"
            r"(?:st|nd|rd|th)?,?[ \t]+(?:1[89]|20)\d{2}(?![\w])",
            0.7,
        ),
        Pattern(
            "weekday the ordinal day",
            r"(?i)(?<![\w])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?[ \t]+the[ \t]+"
            r"\d{1,2}(?:st|nd|rd|th)(?![\w])",
            0.7,
        ),
    )


# --- ages ----------------------------------------------------------------------------------------------

_AGE_NUMBER = r"(?:1[01]\d|12[0-5]|\d{1,2})"


class AgeRecognizer(ClinicalPatternRecognizer):
    """Ages of any value: "79 year old", "a 38-year-old", "aged 35", "age: 22", "I'm 35", "just turned
    60", "I'll turn 23", "when he was 64". Entity AGE: whether an age under 90 is an identifier is the
    policy's call (HIPAA Safe Harbor keeps them; presidio's benchmark counts them). Clinical-safe: no
    (every age in a note would be reported; ages over 89 have AGE_OVER_89)."""

    ENTITY = "AGE"
    CLINICAL_SAFE: ClassVar[bool] = False
    PATTERNS = (
        Pattern(
            "age before years old",
            rf"(?<![\w.]){_AGE_NUMBER}(?=[ \t]*-?[ \t]*(?i:y/o|y\.o\.?|yo(?:[mf])?\b|yrs?\.?[ \t-]*old"
            r"|years?[ \t-]*old|years?[ \t]+of[ \t]+age|year-old))",
            0.8,
        ),
        Pattern(
            "age after 'age'",
            rf"(?<=\b(?i:aged?|age[ \t]+of)[ \t]*[:=]?[ \t]*){_AGE_NUMBER}\b"
            r"(?![ \t]*(?i:days?|weeks?|months?|%))",
            0.8,
        ),
        Pattern(
            "age after a turning or being verb",
            rf"(?<=\b(?i:turned|turn|turning|i'm|i[ \t]+am|he[ \t]+was|she[ \t]+was|they[ \t]+were)[ \t]+)"
            rf"{_AGE_NUMBER}\b(?![ \t]*(?i:days?|weeks?|months?|minutes?|hours?|%|mg|kg|lbs?|pounds?|percent|"
            r"times|pm|am|o'clock|feet|foot|ft|inch|inches|in\b|cm|m\b|miles?|km|[:.,]\d))",
            0.6,
        ),
    )
    CONTEXT = ("age", "old", "birthday", "turned")


# --- phone shapes, legal forms and invented places (issue 3) -------------------------------------------

# An extension belongs to the phone: "x103", " X959", " ext. 12".
_PHONE_EXT = r"(?:[ \t]*(?:[xX]|(?i:ext\.?|extension))[ \t]*\d{1,6})?"
# What may not follow a phone: more of a word or a code, or decimals ("555.5551234.5").
_PHONE_END = r"(?![\w-]|[.,/:]\d)"
_PHONE_SHAPE = regex.compile(
    # North American layouts with any area code: "(706)826-3640x85", "001-362-489-7523X103",
    # "555.555.1234x12", "+1 362 489 7523" (a fictional or unassigned area code is still a phone)
    rf"(?<![\w+.-])(?:\+1[ \t.-]?|(?:1|001)[ \t.-])?(?:\(\d{{3}}\)[ \t]?|\d{{3}}(?P<sep>[.-]))\d{{3}}"
    rf"(?(sep)(?P=sep)|[.-])\d{{4}}{_PHONE_EXT}{_PHONE_END}"
    # a bracketed area code and a run of digits: "(351) 922455838"
    rf"|(?<![\w+.-])\(\d{{2,4}}\)[ \t]?\d{{6,10}}{_PHONE_EXT}{_PHONE_END}"
    # international with a plus: "+43 (0) 5396 61623676", "+90(915)9023839", "+3276-8869428"
    rf"|(?<![\w+])\+\d{{1,4}}(?:[ \t.-]?\(\d{{1,4}}\))?(?:[ \t.-]?\d{{2,11}}){{1,5}}{_PHONE_EXT}{_PHONE_END}"
)
# Digit groups that need a cue: "0145-976 67", "2629 0219", "5350.8392", "00099 69681", "90149225".
_CUED_PHONE_SHAPE = regex.compile(
    r"(?<![\w+./-])(?<!\d,)(?:(?:\+|00)\d{1,4}[ \t.-]?)?(?:\(\d{1,4}\)[ \t.-]?)?\d{2,12}"
    rf"(?:[ \t.-]\d{{2,8}}){{0,4}}{_PHONE_EXT}{_PHONE_END}"
)
# The cue right before such a number: a phone word, "reachable on", "call us on", a one-letter label of
# a signature ("T 5350 8392", "m: +39 ..."), or an e-mail field of the same contact line ("a@b.de,9014").
_PHONE_SHAPE_CUE = regex.compile(
    r"(?:(?i:\b(?:phone|tel|telephone|tél|telefon|tlf|puh|mobile|mob|cell|fax|whatsapp|sms|hotline)\b"
    r"\.?(?:[ \t]+(?i:no|nr|number)\.?)?|\b(?:reachable|contactable|reached|call(?:[ \t]+(?:us|me|him|her))?|"
    r"ring|text|dial)[ \t]+(?:on|at))|(?:^|(?<=[|,;(]))[ \t]*[TtMmFfPp])[ \t]*[:.]?[ \t]*$"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+[ \t]*[,;|][ \t]*$"
    # "my number is", "contact no.:", "reach me at", "text us on"
    r"|(?i:\b(?:number|no\.|#)[ \t]*(?:is|was|:)?|\b(?:reach|text|call|phone|ring|contact|message|sms)[ \t]+"
    r"(?:me|us|him|her|them)[ \t]+(?:on|at)|\bph\.?[ \t]*:?)[ \t]*$",
    regex.MULTILINE,
)
# An identifier's label before "number is": "order number is 2629 0219" is no phone.
_ID_NUMBER_BEFORE = regex.compile(
    r"(?i:\b(?:sn|serial|ref|reference|order|invoice|ticket|case|account|acct|tracking|licen[cs]e|id|part|"
    r"model|policy|claim|member|confirmation|booking|reservation|customer|passport|flight|room|table|seat)"
    r"[ \t]*(?:no\.|number|#)[ \t]*(?:is|was|:)?)[ \t]*$"
)
# The kind of line after a number in a contact block: "416 60 039 office", "0490 39 07 81 (mobile)".
_PHONE_KIND_AFTER = regex.compile(
    r"[ \t]*[(\[]?(?i:office|mobile|cell|home|work|fax|landline|direct|desk|pager)[)\]]?[ \t]*(?:$|[,;|])",
    regex.MULTILINE,
)
# Never a phone: dates ("2024-05-11", "11.05.2024", "05/11/24"), decimals with a unit or money.
_NOT_PHONE = regex.compile(r"\d{4}[.-]\d{2}[.-]\d{2}|\d{1,2}[.-]\d{1,2}[.-](?:\d{4}|\d{2})")
# A code's label before digits in a phone layout: "SN 1613-682-0847", "order 555-123-4567".
_ID_BEFORE = regex.compile(
    r"(?i:\b(?:sn|s/n|serial|ref|reference|order|invoice|ticket|case|account|acct|isbn|tracking|licen[cs]e|"
    r"id|part|model|policy|claim|member)[ \t]*(?:no\.?|number|#)?[ \t]*[:#]?)[ \t]*$"
)
_MONEY_BEFORE = regex.compile(r"[$€£¥₹][ \t]*$|(?i:\b(?:usd|eur|gbp|chf|sek|nok|dkk|pln|czk))[ \t]*$")


class PhoneShapeRecognizer(GeneralRecognizer):
    """Phone-SHAPED numbers, valid in a numbering plan or not: a de-identification tool removes typos,
    fictional area codes and synthetic numbers too (libphonenumber, behind presidio's and the clinical
    phone recognizers, drops them). Without a cue: North American layouts with any area code and an
    optional extension, a bracketed area code and digits, "+CC" numbers with groups and a "(0)" trunk
    prefix. After a cue (a phone word, "reachable on", "call us on", a "T"/"M" signature label, the
    e-mail field of a contact line): grouped European forms ("0145-976 67", "5350.8392", "00099 69681").
    Dates, money and digit runs inside codes are left alone. Clinical-safe: no (lab values and doses
    in grouped digits)."""

    ENTITY = "PHONE_NUMBER"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Uncued phone layouts, then digit groups after a phone cue."""
        found = set()
        for match in _PHONE_SHAPE.finditer(text):
            if _ID_BEFORE.search(text, max(0, match.start() - 25), match.start()):
                continue
            if 7 <= sum(ch.isdigit() for ch in match.group()) <= 18 and not self._money(text, match.start()):
                found.add(match.start())
                yield match.start(), match.end(), 0.6
        for match in _CUED_PHONE_SHAPE.finditer(text):
            number = match.group()
            if match.start() in found:
                continue
            digits = sum(ch.isdigit() for ch in number)
            if not 6 <= digits <= 15 or _NOT_PHONE.search(number) or self._money(text, match.start()):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            if _ID_NUMBER_BEFORE.search(text, max(line_start, match.start() - 40), match.start()):
                continue
            if _PHONE_SHAPE_CUE.search(
                text, max(line_start, match.start() - 60), match.start()
            ) or _PHONE_KIND_AFTER.match(text, match.end()):
                yield match.start(), match.end(), 0.55

    @staticmethod
    def _money(text: str, start: int) -> bool:
        return bool(_MONEY_BEFORE.search(text, max(0, start - 5), start))


def _latin(value: str) -> bool:
    return all(ch.isascii() or ch.isspace() or regex.match(r"\p{Latin}|\p{M}|\p{P}", ch) for ch in value)


# Legal forms that are also everyday English or codes ("SD plates", "the URL", "ME"); never a suffix alone.
_AMBIGUOUS_LEGAL_FORMS = frozenset(
    ("ad", "ba", "con", "ep", "et", "ra", "sd", "sem", "spi", "url", "oc1", "oc2", "oc3", "san.", "tic.",
     "osk", "tmi", "ry", "group", "groep", "gruppen", "corporation", "limited", "limitada")
)  # fmt: skip
# Words that join the names of a partnership: "Strangio, Basso e Iadanza", "Coppens, D'Hondt en Van Camp".
_NAME_PARTICLES = frozenset(("van", "de", "von", "der"))
_PARTNER_JOINS = frozenset(
    ("&", "e", "et", "i", "en", "and", "und", "y", "og", "-", "van", "de", "von", "der")
)


# A token that may open a legal form; only tokens whose lower case opens a listed form try the pattern.
_FORM_TOKEN = regex.compile(r"(?<=[ \t])[^\s,;:|()]+")


def _form_key(token: str) -> str:
    return token.lower().rstrip(".")


@functools.cache
def _legal_form_pattern() -> tuple[frozenset[str], Any]:
    """The company suffixes of every Latin-script locale Faker ships ("s.r.o.", "A/S", "GesbR", "Oy",
    "Sp. z o.o.", "et Fils") as one anchored pattern (dotted forms match in any case, short ones as
    written), and the keys of their first tokens (a set lookup per token keeps the scan fast)."""
    import faker.providers.company as company

    forms = {
        s.strip()
        for s in _provider_values(company, ("company_suffixes",))
        if s.strip() and _latin(s) and s.strip().lower() not in _AMBIGUOUS_LEGAL_FORMS
    }
    cased: list[str] = []
    any_case: list[str] = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = regex.escape(form).replace(r"\ ", r"[ \t]+")
        (any_case if regex.search(r"[./]", form) or len(form) >= 4 else cased).append(escaped)
    pattern = regex.compile(rf"(?:(?i:{'|'.join(any_case)})|{'|'.join(cased)})(?![\p{{L}}\p{{N}}]|\.\p{{L}})")
    return frozenset(_form_key(form.split()[0]) for form in forms), pattern


_BODY_TOKEN = regex.compile(r"(\S+)[ \t]+$")
_BODY_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")


class LegalFormCompanyRecognizer(GeneralRecognizer):
    """Companies named by a legal form of any country Faker knows ("Kallio Oy", "Iversen & Knudsen
    A/S", "Andrijević Šimara d.o.o.", "Strangio, Basso e Iadanza s.r.l.", "Faure Hernandez et Fils",
    "WEGMANN GMBH", lower case "thorsen a/s"): one to five name words before the suffix, read
    backwards until a common English word, a change from Title case to lower case, or the line start.
    Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def load(self) -> None:
        """Build the legal-form pattern now, while the scanner is built (forked workers then share it)."""
        _legal_form_pattern()

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """A legal form and the name words before it."""
        firsts, pattern = _legal_form_pattern()
        for token in _FORM_TOKEN.finditer(text):
            if _form_key(token.group()) not in firsts:
                continue
            match = pattern.match(text, token.start())
            if match is None:
                continue
            start = self._body_start(text, match.start())
            if start is None:
                continue
            body = text[start : match.start()].split()
            if len(match.group()) <= 3 and body[-1].isupper() and not lexicon().is_name(body[-1]):
                continue  # capitals: "WEAN AS", "AQUACEL AG" are a line of a note, not a company
            yield start, match.end(), 0.6

    @staticmethod
    def _body_start(text: str, suffix_start: int) -> int | None:
        line_start = text.rfind("\n", 0, suffix_start) + 1
        position, start, lower, words = suffix_start, None, None, 0
        while words < 6:
            token = _BODY_TOKEN.search(text, max(line_start, position - 40), position)
            if token is None:
                break
            word = token.group(1).rstrip(",")
            if word.lower() in _PARTNER_JOINS and start is not None:
                if word.lower() in _NAME_PARTICLES:  # "De Decker CV", "Van Camp"
                    start = token.start(1)
                position = token.start()
                continue
            if not _BODY_WORD.fullmatch(word) or (token.group(1).endswith((".", ":", ";")) and start):
                break
            is_lower = word.islower()
            if lower is None:
                lower = is_lower
            common = is_common_word(word, 3.5) and not (
                lexicon().is_name(word) and not is_common_word(word, COMMON_WORD_ZIPF)
            )
            shouted = start is not None and word.isupper() and not lexicon().is_name(word)
            if is_lower != lower or common or shouted:
                break  # in capitals only names go on: "QUITS WEGMANN GMBH"
            start, position, words = token.start(1), token.start(), words + 1
        return start


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


class TownShapeRecognizer(GeneralRecognizer):
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
            if cased and lex.is_name(name) and not is_common_word(name, COMMON_WORD_ZIPF):
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
            if (street in _ADDRESS_UNITS or not is_common_word(street, 3.5)) and any(
                lex.is_name(word) or not is_common_word(word, 3.5) for word in regex.split(r"[ \t-]+", town)
            ):
                yield match.start("town"), match.end("town"), 0.5

    @staticmethod
    def _suffixed_town(word: str, stem: str, lex: Lexicon) -> bool:
        """A listed name and a town ending, and not itself a name or an everyday word ("Johnston")."""
        if not (word.istitle() or word.isupper() or word.islower()) or lex.is_name(word):
            return False
        if is_common_word(word, RARE_WORD_ZIPF):
            return False
        low = stem.lower()
        return low in lex.last_names or low in lex.first_names


# A company's role in a sentence: who works there, who runs it, what it did (group "org").
_BRAND_WORD = r"\p{Lu}[\p{L}\p{M}&'’-]*(?<!['’]s)"
_BRAND_WORDS = rf"{_BRAND_WORD}(?:[ \t]+(?:&[ \t]+)?{_BRAND_WORD}){{0,3}}"
_BRAND_ROLES = (
    r"ceo|cto|cfo|coo|founders?|co-founders?|president|chairman|chairwoman|spokes(?:person|man|woman)"
)
_BRAND_BEFORE = regex.compile(
    r"\b(?i:joined|(?:works?|worked|working|employed|interned?|internship)[ \t]+(?:at|for|by)|"
    rf"(?:{_BRAND_ROLES}|head|director|manager|engineer|employees?|staff)[ \t]+(?:of|at)|"
    r"(?:hired|acquired|funded|owned|sponsored|founded)[ \t]+by|subsidiary[ \t]+of|partnered[ \t]+with|"
    r"(?:job|position|offer|role|career)[ \t]+(?:at|with))[ \t]+(?:the[ \t]+)?"
    rf"(?P<org>{_BRAND_WORDS})"
)
_BRAND_AFTER = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}'’-])(?P<org>{_BRAND_WORDS})(?:['’]s[ \t]+(?i:{_BRAND_ROLES}|board|headquarters|"
    r"shareholders|employees|staff|stock|shares|share[ \t]+price|earnings|revenue)\b|[ \t]+(?:announced|"
    r"reported|unveiled|launched|acquired|has[ \t]+acquired|shares[ \t]+(?:rose|fell)|"
    r"(?:is|was)[ \t]+(?:headquartered|based)[ \t]+in)\b)"
)
_NOT_BRAND = frozenset((
    "the", "a", "an", "my", "our", "his", "her", "their", "your", "this", "that", "i", "we", "he", "she",
    "they", "it", "mr", "mrs", "ms", "dr", "company", "team", "everyone",
))  # fmt: skip


class BrandRoleRecognizer(GeneralRecognizer):
    """Invented or real company names read from the role they play ("joined Verdafero", "works at
    Xignite", "CEO of Kollar Brothers", "Numedii's CEO", "Telenav announced"): one to four capitalised
    words, not made only of common English words and not a place. Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Capitalised words in an organisation slot."""
        # After a cue ("works at Walmart") a proper noun is the employer unless very common English.
        for pattern, common in ((_BRAND_BEFORE, COMMON_WORD_ZIPF), (_BRAND_AFTER, RARE_WORD_ZIPF)):
            for match in pattern.finditer(text):
                found = match.group("org")
                words = found.split()
                if words[0].lower().strip("'’") in _NOT_BRAND or _is_place_word(found):
                    continue
                if all(is_common_word(word.strip("&'’"), common) for word in words if word != "&"):
                    continue  # "joined Marketing", "Sales announced"
                yield match.start("org"), match.end("org"), 0.5


# --- person and organisation names in fields, roles and sign-offs (general dev2) -----------------------

# A name word in any case and script ("hồng", "MACHÁČEK", "Weeks-Rivas").
_ANY_WORD = r"\p{L}[\p{L}\p{M}'’-]*"
_PARTICLE = r"(?:da|das|de|del|della|der|den|di|do|dos|du|la|le|van|von|bin|binti|al|el)"
#: A listed first name after a role noun is a person unless English uses it this much ("will", "may").
_LONE_NAME_ZIPF = 5.1
#: Field values that say nothing about anyone.
_NO_VALUE = frozenset(("unknown", "none", "null", "n/a", "na", "yes", "no", "tbc", "tbd", "other", "self"))
# Keys of a form, JSON object or CSV header whose value is a person's name: strict ones take any value,
# generic ones ("name", "customer") need a listed name in the value.
_STRICT_PERSON_KEY = (
    r"(?:first|last|given|family|middle|full|sur|fore|maiden|nick|birth)[ _-]?names?(?:[ \t]*\(s\))?|"
    r"surname|forenames?|referred[ _-]by|card[ _-]?holder|account[ _-]?holder|next[ _-]of[ _-]kin|"
    r"emergency[ _-]contact(?:[ _-]name)?|contact[ _-]name|customer[ _-]name|client[ _-]name|"
    r"employee[ _-]name|attendee|passenger|beneficiary|guarantor|signatory|witness"
)
_GENERIC_PERSON_KEY = r"name|customer|client|contact|owner|tenant|guest|applicant|author|runner|athlete"
_ORG_KEY = (
    r"employer(?:[ _-]name)?|company(?:[ _-]name)?|organi[sz]ation(?:[ _-]name)?|org|club|workplace|"
    r"business(?:[ _-]name)?|firm|agency|insurer|bank[ _-]name"
)
_KEY_ALT = rf"(?P<key>{_STRICT_PERSON_KEY}|{_GENERIC_PERSON_KEY}|{_ORG_KEY})"
# "first_name": "hồng" in JSON, or "Employer: Iozen" on a form line (the value ends at a field break).
_JSON_FIELD = regex.compile(rf"\"(?i:{_KEY_ALT})\"[ \t]*:[ \t]*\"(?P<value>[^\"\n]{{1,80}})\"")
_LABEL_FIELD = regex.compile(
    rf"(?:(?<![^\n|;])|(?<=[|;][ \t]*))[ \t]*(?i:{_KEY_ALT})[ \t]*:[ \t]*"
    r"(?P<value>[^\s|;:,\"{}\[\]\d][^\n|;:\"{}\[\]\d]{0,79}?)(?=[ \t]*(?:\n|\||;|,|[ \t]{2}|\Z))"
)
_VALUE_NAME = regex.compile(rf"{_ANY_WORD}(?:\.?[ \t]+{_ANY_WORD}){{0,3}}\.?")
_VALUE_ORG = regex.compile(rf"{_ANY_WORD}\.?(?:(?:[ \t]+|,[ \t]*)(?:{_ANY_WORD}\.?|&|\(\p{{L}}+\))){{0,6}}")
# A CSV header line: three or more short fields of letters, one of them a name or employer key.
_CSV_HEADER = regex.compile(r"(?m)^[ \t]*[#\p{L}_ ()-]{1,30}(?:[,;\t][#\p{L}_ ()-]{1,30}){2,}[ \t]*$")
_PERSON_KEY_FULL = regex.compile(rf"(?i:{_STRICT_PERSON_KEY}|{_GENERIC_PERSON_KEY})")
_STRICT_KEY_FULL = regex.compile(rf"(?i:{_STRICT_PERSON_KEY})")
_ORG_KEY_FULL = regex.compile(rf"(?i:{_ORG_KEY})")

# Role and kin nouns that introduce a person: "my neighbour albert", "the manager ástrós was",
# "owner r. da cunha", "mariah's cousin rhys potter".
_PERSON_NOUN = (
    r"neighbou?rs?|cousin|manager|owner|friend|boss|colleague|landlord|landlady|flatmate|roommate|"
    r"housemate|wife|husband|son|daughter|brother|sister|mum|mom|mother|dad|father|aunt|auntie|uncle|"
    r"nephew|niece|grandma|grandpa|grandmother|grandfather|granddaughter|grandson|boyfriend|girlfriend|"
    r"fianc[ée]e?|stepson|stepdaughter|teacher|tutor|coach|mentor|supervisor|caretaker|nanny|carer"
)
_VERB_CUE = r"ring|call|calling|phone|text|message|email|meant|mean|ask|tell|remind|visit|visiting"
_NOUN_CUE = regex.compile(
    rf"(?<![\w-])(?i:(?P<noun>{_PERSON_NOUN})|(?P<verb>{_VERB_CUE})|(?P<weak>by|with|and))[ \t]+(?=\p{{L}})"
)
_NAME_RUN = regex.compile(
    rf"(?P<initial>\p{{L}}\.[ \t]*(?:\p{{L}}\.[ \t]*)?(?:{_PARTICLE}[ \t]+)?)?(?P<first>{_ANY_WORD})"
    rf"(?P<rest>(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_ANY_WORD}){{0,2}})"
)
_SURNAME_STEP = regex.compile(rf"[ \t]+((?:{_PARTICLE}[ \t]+)*)({_ANY_WORD})")
# "mariah's cousin": a listed first name owning a kin or role noun.
_OWNER_NAME = regex.compile(rf"(?<![\w-])(?P<name>{_ANY_WORD})['’]s[ \t]+(?i:{_PERSON_NOUN})\b")
# A reference list: "Faria, P., Alves, M. and Lassen, C. (2008)".
_CITED_AUTHOR = regex.compile(
    rf"(?<![\w-])(?P<last>{_TITLE_WORD}),[ \t]+\p{{Lu}}\.(?:[ \t]?\p{{Lu}}\.)*"
    r"(?=[ \t]*(?:,|and\b|&|\(\d{4}|\n|\Z))"
)
# A reviewer's or writer's given name and initial: "- Fernanda S., United States".
_GIVEN_INITIAL = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}.-])(?<!\p{{Lu}}[\p{{L}}\p{{M}}]*[ \t]+)(?P<name>{_TITLE_WORD}[ \t]+\p{{Lu}}\.)"
    r"(?=[ \t]*(?:,|\n|\Z))"
)
# "SMITH John": a surname in capitals before a given name (a register, a notice).
_UPPER_SURNAME_FIRST = regex.compile(
    rf"(?<![\w-])(?P<last>\p{{Lu}}[\p{{Lu}}\p{{M}}'’-]+)[ \t]+(?P<first>{_TITLE_WORD})(?![\w-])"
)
_SHOP_WORDS = r"\p{Lu}[\p{L}\p{M}&'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}&'’-]*){0,2}"
# A signature naming the writer and the company: "- Aleksandrs at Swiftpeak".
_SIGNED_AT = regex.compile(
    rf"(?:(?<![^\n])|(?<=[.!?][ \t]{{1,3}}))[ \t]*[-–—~][ \t]*(?P<name>{_TITLE_WORD})[ \t]+at[ \t]+"
    rf"(?P<org>{_SHOP_WORDS})[ \t]*[.!]?[ \t]*(?=\n|\Z)"
)
# A university or school named after its town: "University of Nueva Argentina", "College of Gerasdorf bei
# Wien" (the subject studied before it is not part of it).
_UNIVERSITY = regex.compile(
    r"(?<![\w-])(?P<org>(?:University|College|Academy|Polytechnic|Institute)[ \t]+of[ \t]+"
    r"\p{Lu}[\p{L}\p{M}'’-]*(?:[ \t]+(?:(?:bei|an|am|der|de|del|la|upon|on)[ \t]+)?"
    r"\p{Lu}[\p{L}\p{M}'’-]*){0,3})"
)
# A family firm: "Maillot & Daughters", "Harvey and Sons".
_FAMILY_FIRM = regex.compile(
    rf"(?<![\w-])(?P<org>{_ANY_WORD}[ \t]+(?:&|and)[ \t]+(?i:sons|daughters|brothers|bros\.?))(?![\w-])"
)
# A shop or bank the writer is a customer of: "Thank you for shopping with Oralu!".
_CUSTOMER_OF = regex.compile(
    r"(?i:shopping|banking|ordering|customers?)[ \t]+(?:with|at|from|of)[ \t]+"
    rf"(?P<org>{_SHOP_WORDS})(?=[ \t]*[!.,;\n]|\Z)"
)


def _surname_like(word: str) -> bool:
    """A listed surname English does not use much, or a word English hardly knows (any case)."""
    low = word.lower()
    if low in _NO_VALUE or low in _CLINICAL_STOPWORDS or low in clinical_terms():
        return False
    if lexicon().is_name(low):
        return zipf(low) < COMMON_WORD_ZIPF
    return zipf(low) < RARE_WORD_ZIPF and not _is_place_word(word)


def _given_like(word: str, ceiling: float = _LONE_NAME_ZIPF) -> bool:
    """A listed first name that is no everyday English word (Zipf below ``ceiling``)."""
    low = word.lower()
    return (
        low in lexicon().first_names
        and zipf(low) < ceiling
        and low not in _CLINICAL_STOPWORDS
        and low not in clinical_terms()
    )


def _field_values(text: str) -> Iterator[tuple[str, int, int]]:
    """(key, start, end) of each JSON, form or CSV field value whose key names a person or an employer."""
    for pattern in (_JSON_FIELD, _LABEL_FIELD):
        for match in pattern.finditer(text):
            yield match.group("key"), match.start("value"), match.end("value")
    for header in _CSV_HEADER.finditer(text):
        delimiter = next(ch for ch in ",;\t" if ch in header.group())
        keys = [key.strip() for key in header.group().split(delimiter)]
        wanted = {
            i: key
            for i, key in enumerate(keys)
            if _PERSON_KEY_FULL.fullmatch(key) or _ORG_KEY_FULL.fullmatch(key)
        }
        if not wanted:
            continue
        for line in regex.finditer(r"(?m)^[^\n]*$", text, pos=header.end() + 1):
            if not line.group().strip() or delimiter not in line.group():
                break
            offset = line.start()
            for index, field in enumerate(line.group().split(delimiter)):
                if index in wanted and field.strip():
                    lead = len(field) - len(field.lstrip())
                    yield wanted[index], offset + lead, offset + len(field.rstrip())
                offset += len(field) + 1


def _is_person_value(key: str, value: str) -> bool:
    """Whether a field value is a person's name: any name-shaped value under a strict key, one with a
    listed name under a generic key."""
    if not _VALUE_NAME.fullmatch(value) or value.strip(". ").lower() in _NO_VALUE:
        return False
    words = [word.strip(".") for word in value.split() if len(word.strip(".")) > 1]
    if not words or any(word.lower() in clinical_terms() for word in words):
        return False
    if _STRICT_KEY_FULL.fullmatch(key):
        return True
    lex = lexicon()
    if any(lex.is_name(word) and _name_like(word, listed=5.5, strong=True) for word in words):
        return True
    # Two or three Title-case words no list holds are a full name's shape ("Lei Sun") when one is rare in
    # English and none is an everyday word ("Blue Widget", "Blood Culture").
    frequencies = [zipf(word.lower()) for word in words]
    return (
        1 < len(words) == len(value.split()) < 4
        and all(_is_title(word) and not word.isupper() for word in words)
        and max(frequencies) < _LONE_NAME_ZIPF - 0.1
        and min(frequencies) < RARE_WORD_ZIPF + 0.5
    )


class FieldNameRecognizer(GeneralRecognizer):
    """Person names read from where they stand, in any case: the value of a JSON, form or CSV field
    whose key names a person ("first_name": "hồng", "Given name(s): Elisa", a SURNAME column), a listed
    first name after a role or kin noun or a calling verb ("my neighbour albert", "ring məhru on", "i
    meant mikako") with its surname ("call paul hunt"), an initial and surname after a role ("owner r. da
    cunha"), a full name after "by" / "with", a name owning a kin noun ("mariah's cousin"), cited
    authors ("Faria, P., Alves, M."), a given name and initial signing a review ("- Fernanda S.,"),
    "SURNAME Given" and the writer of "- Aleksandrs at Swiftpeak". Clinical-safe: no."""

    ENTITY = "PERSON"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Fields, cued names, then written forms."""
        for key, start, end in _field_values(text):
            if _PERSON_KEY_FULL.fullmatch(key) and _is_person_value(key, text[start:end]):
                yield start, end, 0.6
        yield from self._cued(text)
        lex = lexicon()
        for match in _OWNER_NAME.finditer(text):
            if _given_like(match.group("name"), COMMON_WORD_ZIPF):
                yield match.start("name"), match.end("name"), 0.6
        for match in _CITED_AUTHOR.finditer(text):
            last = match.group("last")
            if (lex.is_name(last) and _name_like(last, listed=6.0)) or _name_like(last, rare=RARE_WORD_ZIPF):
                yield match.start(), match.end(), 0.6
        for match in _GIVEN_INITIAL.finditer(text):
            if _given_like(match.group("name").split()[0], 5.5):
                yield match.start("name"), match.end("name"), 0.6
        for match in _UPPER_SURNAME_FIRST.finditer(text):
            last, first = match.group("last"), match.group("first")
            if (
                len(last) > 2
                and not is_everyday_word(last)
                and (last.lower() in lex.last_names or (len(last) > 3 and _surname_like(last)))
                and _given_like(first, COMMON_WORD_ZIPF)
            ):
                yield match.start(), match.end(), 0.6
        for match in _SIGNED_AT.finditer(text):
            if _given_like(match.group("name"), 5.5) or _name_like(match.group("name"), strong=True):
                yield match.start("name"), match.end("name"), 0.6

    @staticmethod
    def _cued(text: str) -> Iterator[tuple[int, int, float]]:
        """A name after a role noun, a calling verb or "by" / "with" / "and" (the latter need a surname)."""
        for cue in _NOUN_CUE.finditer(text):
            run = _NAME_RUN.match(text, cue.end())
            if run is None:
                continue
            first = run.group("first")
            if run.group("initial"):
                # "owner r. da cunha": an initial and a surname, only after a role noun.
                if cue.group("noun") and _surname_like(first):
                    yield run.start(), run.end("first"), 0.6
                continue
            if not _given_like(first, 5.5):
                continue
            end = run.end("first")
            for word in _SURNAME_STEP.finditer(run.group("rest")):
                surname = word.group(2)
                if not _surname_like(surname) or is_common_word(surname, _AUXILIARY_ZIPF):
                    break
                end = run.end("first") + word.end()
            lone = not cue.group("weak") and zipf(first.lower()) < _LONE_NAME_ZIPF - 0.3
            if end > run.end("first") or lone:
                yield run.start(), end, 0.6


class FieldOrganisationRecognizer(GeneralRecognizer):
    """Organisation names read from where they stand: the value of a JSON, form or CSV field whose key
    names an employer or organisation ("employer": "hodge-reed", "Organisation: Bluestone Logistics", a
    club column), family firms ("Maillot & Daughters"), the company of a "- Aleksandrs at Swiftpeak"
    signature and a shop thanked for custom ("shopping with Oralu"). Clinical-safe: no."""

    ENTITY = "ORGANIZATION"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Fields, family firms, signatures and shops."""
        for key, start, end in _field_values(text):
            value = text[start:end]
            if (
                _ORG_KEY_FULL.fullmatch(key)
                and _VALUE_ORG.fullmatch(value)
                and value.strip(". ").lower() not in _NO_VALUE
                and not _is_place_word(value)
            ):
                yield start, end, 0.55
        for match in _FAMILY_FIRM.finditer(text):
            head = match.group("org").split()[0]
            if head.lower() not in _NOT_BRAND and not is_everyday_word(head):
                yield match.start("org"), match.end("org"), 0.55
        for match in _UNIVERSITY.finditer(text):
            yield match.start("org"), match.end("org"), 0.55
        for pattern in (_SIGNED_AT, _CUSTOMER_OF):
            for match in pattern.finditer(text):
                found = match.group("org")
                if found.split()[0].lower() in _NOT_BRAND or _is_place_word(found):
                    continue
                if all(is_common_word(word, COMMON_WORD_ZIPF) for word in found.split()):
                    continue
                yield match.start("org"), match.end("org"), 0.55


# --- places, ages, dates and codes of exports, forms and chat (general dev2) --------------------------

# A delimited table's header names the columns: "order_id;customer;city;postcode;country",
# "pos,bib,name,age,club". Each column word maps to the entity its cells hold.
_TABLE_COLUMNS = {
    "age": "AGE", "zip": "ZIP_CODE", "zipcode": "ZIP_CODE", "zip_code": "ZIP_CODE", "postcode": "ZIP_CODE",
    "post_code": "ZIP_CODE", "postal_code": "ZIP_CODE", "postalcode": "ZIP_CODE", "plz": "ZIP_CODE",
    "city": "LOCATION", "town": "LOCATION", "country": "LOCATION", "state": "LOCATION",
    "province": "LOCATION", "region": "LOCATION", "county": "LOCATION", "birthplace": "LOCATION",
}  # fmt: skip
_TABLE_HEADER = regex.compile(
    r"(?im)^[ \t]*[\w ]{1,30}(?P<sep>[,;\t|])(?:[\w ]{1,30}(?P=sep))*[\w ]{1,30}[ \t]*$"
)
# What a cell must look like for its column's entity (a header alone is no evidence).
_CELL_SHAPES = {
    "AGE": regex.compile(r"(?:1[01]\d|12[0-5]|\d{1,2})"),
    "ZIP_CODE": regex.compile(
        r"\d{3,6}(?:-\d{3,4})?|\d{3}[ ]\d{2}|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d"
    ),
    "LOCATION": regex.compile(r"\p{L}[\p{L}\p{M}'’. -]{1,40}"),
}


@functools.lru_cache(maxsize=16)
def _table_cells(text: str) -> tuple[tuple[str, int, int], ...]:
    """(entity, start, end) of each cell under an age, postcode or place column of a delimited table.

    Cells are read by position from the left; a row may have more cells than the header (a comma inside
    an unquoted company name), never fewer."""
    found: list[tuple[str, int, int]] = []
    for header in _TABLE_HEADER.finditer(text):
        sep = header["sep"]
        names = [n.strip().lower().replace(" ", "_") for n in header[0].split(sep)]
        columns = {i: _TABLE_COLUMNS[n] for i, n in enumerate(names) if n in _TABLE_COLUMNS}
        if not columns or len(names) < 3:
            continue
        position = header.end() + 1
        while position < len(text):
            line_end = text.find("\n", position)
            line_end = len(text) if line_end < 0 else line_end
            cells = text[position:line_end].split(sep)
            if len(cells) < len(names):
                break
            offset = position
            for index, cell in enumerate(cells):
                entity = columns.get(index)
                value = cell.strip()
                if entity is not None and value and _CELL_SHAPES[entity].fullmatch(value):
                    start = offset + cell.find(value)
                    found.append((entity, start, start + len(value)))
                offset += len(cell) + 1
            position = line_end + 1
    return tuple(found)


class _TableCellRecognizer(GeneralRecognizer):
    """Cells of one entity under a labelled column of a delimited table (see :func:`_table_cells`)."""

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """The table cells of this recognizer's entity."""
        if "\n" not in text:
            return
        for entity, start, end in _table_cells(text):
            if entity == self.ENTITY:
                yield start, end, 0.6


class TableAgeRecognizer(_TableCellRecognizer):
    """Ages in the "age" column of a delimited table ("pos,bib,name,age" / "1,601,Ann Lee,68").
    Clinical-safe: no (ages under 90 are no Safe Harbor identifier)."""

    ENTITY = "AGE"


class TablePostcodeRecognizer(_TableCellRecognizer):
    """Postcodes in a "zip"/"postcode" column of a delimited table. Clinical-safe: no."""

    ENTITY = "ZIP_CODE"


class TablePlaceRecognizer(_TableCellRecognizer):
    """Places in a "city"/"country"/"state" column of a delimited table. Clinical-safe: no."""

    ENTITY = "LOCATION"


# "Ana Silva, 80, reported": a full name, then an age between commas and a lower-case word.
_NAME_COMMA_AGE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<first>{_TITLE_WORD})[ \t]+(?:(?:van|von|de|da|del|der|le|la)[ \t]+)?"
    rf"(?P<last>{_TITLE_WORD}),[ \t](?P<age>{_AGE_NUMBER}),[ \t]+\p{{Ll}}{{3,}}"
)
# "expat here (50F)", "(M, 34)": an age with a sex in brackets.
_SEX_AGE = regex.compile(
    rf"(?<=\(){_AGE_NUMBER}(?=[ \t]?[MFmf]\))|(?<=\([MFmf][ \t]*[,/]?[ \t]*){_AGE_NUMBER}(?=\))"
)


class ContextAgeRecognizer(GeneralRecognizer):
    """Ages written the way news reports and forums give them: after a full name between commas
    ("Ana Silva, 80, reported ...", the first name listed, the surname no everyday word) and with a sex
    in brackets ("expat here (50F)", "(M, 34)"). Clinical-safe: no (every age would be reported)."""

    ENTITY = "AGE"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Ages after a full name between commas, ages beside a sex in brackets."""
        if ", " in text:
            lex = lexicon()
            for match in _NAME_COMMA_AGE.finditer(text):
                if lex.is_name(match["first"]) and not is_everyday_word(match["last"]):
                    yield match.start("age"), match.end("age"), 0.6
        if "(" in text:
            for match in _SEX_AGE.finditer(text):
                yield match.start(), match.end(), 0.7


# Months whose name is also an everyday word ("may", "mar", "mars", "mai", "mei") need an ordinal or "of".
_PLAIN_MONTHS = "|".join(
    sorted((m for m in set(_MONTHS) if m not in ("may", "mar", "mars", "mai", "mei")), key=len, reverse=True)
)
_ORDINAL = r"(?:st|nd|rd|th)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
# A word before a day/month that reads it as a date ("since 26/6", "born 30/8", "reply by 18/7").
_DATE_CUE = r"(?i:since|born|by|on|from|until|till|before|after|due|dated|stayed|expires?|window[ \t]*:)"


class DayMonthDateRecognizer(ClinicalPatternRecognizer):
    """Dates with a day and a month but no year: "31 aug", "26th of may", "march 17th", "jul 9", and
    "26/6" after a date word ("since", "born", "by", "on", "until"). A bare "3/4" is never a date; an
    everyday-word month ("may") needs an ordinal day or "of". Clinical-safe: no (scores and fractions)."""

    ENTITY = "DATE_TIME"
    CLINICAL_SAFE: ClassVar[bool] = False
    PATTERNS = (
        Pattern(
            "day month-name",
            rf"(?i)(?<![\w.,/:-])(?=\d){_DAY}(?:{_ORDINAL}[ \t]+(?:of[ \t]+)?(?:{_MONTH_ALT})"
            rf"|[ \t]+(?:of[ \t]+(?:{_MONTH_ALT})|(?:{_PLAIN_MONTHS})))\.?(?![\w-]|\.\w)",
            0.6,
        ),
        Pattern(
            "month-name day",
            rf"(?i)(?<![\w.-])(?=[a-zé])(?:(?:{_EN_MONTH_ALT})\.?[ \t]+{_DAY}{_ORDINAL}"
            rf"|(?:{_PLAIN_MONTHS})\.?[ \t]+{_DAY}{_ORDINAL}?)(?![\w:/-]|[.,]\d)",
            0.6,
        ),
        Pattern(
            "day/month after a date word",
            rf"(?<=\b{_DATE_CUE}[ \t]+){_DAY}/(?:1[0-2]|0?[1-9])(?![\w/-]|[.,:]\d)",
            0.6,
        ),
    )


# An IBAN in lower case ("gb28 rypk 7800 9920 4503 01"), as JSON exports and chat often write it;
# presidio's IBAN recognizer reads capitals only. The check digits decide.
_LOWER_IBAN = regex.compile(r"(?<![\w-])[a-z]{2}\d{2}(?:[ ]?[a-z\d]{1,4}){3,8}(?![\w-])")


def _iban_valid(value: str) -> bool:
    code = value.replace(" ", "").upper()
    if not 15 <= len(code) <= 34:
        return False
    digits = "".join(str(int(c, 36)) for c in code[4:] + code[:4])
    return int(digits) % 97 == 1


class LowerCaseIbanRecognizer(GeneralRecognizer):
    """IBANs written in lower case, with or without groups of four, whose ISO 7064 check digits hold.
    Clinical-safe: no (the clinical profile reports no IBAN entity)."""

    ENTITY = "IBAN_CODE"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Lower-case IBAN shapes that validate, the longest valid prefix of groups."""
        for match in _LOWER_IBAN.finditer(text):
            value = match[0]
            while value:
                if _iban_valid(value):
                    yield match.start(), match.start() + len(value), 0.8
                    break
                cut = value.rfind(" ")
                value = value[:cut] if cut > 0 else ""


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


class ContextPlaceRecognizer(GeneralRecognizer):
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
                    or not all(is_common_word(w, COMMON_WORD_ZIPF + 0.5) for w in value.split())
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
            if town or (lex.is_name(name) and not is_common_word(name, COMMON_WORD_ZIPF)):
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


class GridStreetRecognizer(GeneralRecognizer):
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


# --- the set -------------------------------------------------------------------------------------------


def general_recognizers(*, clinical_safe_only: bool = False) -> list[EntityRecognizer]:
    """The general-PII recognizers (see the module docstring); with ``clinical_safe_only``, only those
    that keep precision on clinical notes."""
    recognizers: list[EntityRecognizer] = [
        MultilingualNameRecognizer(),
        InternationalAddressRecognizer(),
        InternationalPostcodeRecognizer(),
        CuedStreetRecognizer(),
        LabelledPostcodeRecognizer(),
        PlaceRecognizer(),
        CompanyRecognizer(),
        AgeRecognizer(),
        ContextNameRecognizer(),
        RoleCompanyRecognizer(),
        CuedPhoneRecognizer(),
        PhoneShapeRecognizer(),
        LegalFormCompanyRecognizer(),
        TownShapeRecognizer(),
        BrandRoleRecognizer(),
        FieldNameRecognizer(),
        FieldOrganisationRecognizer(),
        RunningDateRecognizer(),
        WrittenDateRecognizer(),
        TableAgeRecognizer(),
        TablePostcodeRecognizer(),
        TablePlaceRecognizer(),
        ContextAgeRecognizer(),
        DayMonthDateRecognizer(),
        LowerCaseIbanRecognizer(),
        ContextPlaceRecognizer(),
        GridStreetRecognizer(),
    ]
    if clinical_safe_only:
        return [r for r in recognizers if getattr(r, "CLINICAL_SAFE", False)]
    return recognizers


__all__ = [
    "AgeRecognizer",
    "BrandRoleRecognizer",
    "CompanyRecognizer",
    "ContextAgeRecognizer",
    "ContextNameRecognizer",
    "ContextPlaceRecognizer",
    "CuedPhoneRecognizer",
    "CuedStreetRecognizer",
    "DayMonthDateRecognizer",
    "FieldNameRecognizer",
    "FieldOrganisationRecognizer",
    "GeneralRecognizer",
    "GridStreetRecognizer",
    "InternationalAddressRecognizer",
    "InternationalPostcodeRecognizer",
    "LabelledPostcodeRecognizer",
    "LegalFormCompanyRecognizer",
    "Lexicon",
    "LowerCaseIbanRecognizer",
    "MultilingualNameRecognizer",
    "PhoneShapeRecognizer",
    "PlaceRecognizer",
    "RoleCompanyRecognizer",
    "RunningDateRecognizer",
    "StreetWords",
    "TableAgeRecognizer",
    "TablePlaceRecognizer",
    "TablePostcodeRecognizer",
    "TownShapeRecognizer",
    "WrittenDateRecognizer",
    "general_recognizers",
    "is_common_word",
    "lexicon",
    "street_words",
]
