"""Generate the synthetic English clinical PHI corpus, ``bench/data/clinical/{dev,test,dev2,...}.jsonl``.

Seven note styles (nursing, discharge, ed, radiology, pathology, letter, telephone), each written by
several templates ("authors") with their own phrasing. Every template belongs to exactly one split, so
the test split holds phrasings the scanner was never tuned on. ``dev2`` is a second tuning split added
later: new authors with layouts, name lists and formats of their own, drawn from a separate seeded World
so that dev and test stayed byte for byte as they were. ``dev3`` is a third split, added the same way
(its own World, templates and lists) to measure the scanner on authors nobody has tuned on; ``dev4`` is
a fourth, added the same way once dev3 had been tuned on, by yet other authors; ``dev5`` a fifth, added
once dev4 had been tuned on, by other authors again.

The templates are data: ``scripts/corpus_templates/clinical/<style>.yaml``, one file per style, and the
clinical material they pick from, ``material.yaml`` (format: ``scripts/corpus_templates/README.md``). This
script holds what they call: the seeded ``World``, the fillers that draw and format PHI, a few shared
blocks, and the small interpreter that runs a template's steps. Every PHI
span is recorded while the text is assembled (``Note.add``), with i2b2 2014 PHI type names as labels;
ages under 90, bare times, room numbers and eponyms (Parkinson's, Foley, Bell's palsy, ...) are
deliberately left unannotated.

All PHI is synthetic: names, streets and companies come from Faker (en_US, seeded) mixed with
hand-written lists of names Faker does not carry (so a Faker-list recognizer cannot see every name),
hospital names are assembled from invented place names, and every number is random.

The output is deterministic: the same seed and Faker version give the same bytes on every run
(``tests/test_clinical_corpus.py`` checks this against the committed files). Usage::

    .venv/bin/python scripts/make_clinical_corpus.py --out bench/data/clinical
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import functools
import json
import random
import string
import sys
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any, NamedTuple, TypeVar, Union

import yaml
from faker import Faker

SEED = 20261129
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "bench" / "data" / "clinical"
NOTES_PER_TEMPLATE = 8
MIN_CHARS, MAX_CHARS = 300, 2500
MAX_ATTEMPTS = 50
SPLITS = ("dev", "test", "dev2", "dev3", "dev4", "dev5")

# i2b2 2014 PHI types used here (relatives are PATIENT with "role": "relative", as i2b2 files them).
# fmt: off
LABELS = (
    "PATIENT", "DOCTOR", "USERNAME", "PROFESSION", "HOSPITAL", "ORGANIZATION", "STREET", "CITY", "STATE",
    "COUNTRY", "ZIP", "LOCATION-OTHER", "AGE", "DATE", "YEAR", "PHONE", "FAX", "EMAIL", "URL", "IPADDR",
    "SSN", "MEDICALRECORD", "HEALTHPLAN", "ACCOUNT", "LICENSE", "DEVICE", "IDNUM",
)
# fmt: on


# --------------------------------------------------------------------------------------------------
# Building a note: text is appended piece by piece; PHI pieces carry their label and become spans.
# --------------------------------------------------------------------------------------------------


class Phi(NamedTuple):
    """A piece of PHI text with its i2b2 label (``role`` is informational: "relative")."""

    text: str
    label: str
    role: str | None = None


Piece = Union[str, Phi, "list[Piece]", int]


class Note:
    """A note under construction: ``add`` appends text and records a span for every ``Phi`` piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[dict[str, Any]] = []
        self.length = 0
        self.upper = False

    def add(self, *pieces: Piece) -> Note:
        """Append pieces in order: strings as they are, ``Phi`` as spans, lists recursively."""
        for piece in pieces:
            if isinstance(piece, list):
                self.add(*piece)
                continue
            if isinstance(piece, Phi):
                assert piece.label in LABELS, piece.label
                assert piece.text and piece.text == piece.text.strip(), "a span has no outer blanks"
                span: dict[str, Any] = {
                    "start": self.length,
                    "end": self.length + len(piece.text),
                    "label": piece.label,
                    "text": piece.text,
                }
                if piece.role:
                    span["role"] = piece.role
                self.spans.append(span)
                text = piece.text
            else:
                text = str(piece)
            self.parts.append(text)
            self.length += len(text)
        return self

    def fmt(self, template: str, **values: Piece) -> Note:
        """Append ``template`` with ``{name}`` fields replaced by the pieces in ``values``."""
        for literal, name, _, _ in string.Formatter().parse(template):
            self.add(literal)
            if name is not None:
                self.add(values[name])
        return self

    def finish(self) -> tuple[str, list[dict[str, Any]]]:
        """The text (upper-cased for telegraphic notes) and its spans sorted by start, checked."""
        text = "".join(self.parts)
        if self.upper:
            upper = text.upper()
            # Upper-casing must keep offsets: every character maps to exactly one character.
            assert len(upper) == len(text) and all(len(ch.upper()) == 1 for ch in text)
            text = upper
        spans = sorted(self.spans, key=lambda span: (span["start"], span["end"]))
        previous_end = 0
        for span in spans:
            span["text"] = text[span["start"] : span["end"]]
            assert span["start"] >= previous_end, "spans never overlap"
            previous_end = span["end"]
        return text, spans


# --------------------------------------------------------------------------------------------------
# Name and place material. Faker supplies most names; these lists add names Faker's en_US lists lack
# (and surnames that are also English words or eponyms), so name detection cannot be a list lookup.
# --------------------------------------------------------------------------------------------------

# fmt: off
WORDLIKE_SURNAMES = (
    "Hope", "May", "Bell", "Rose", "Brown", "Smith", "Foley", "Grace", "Cash", "Joy", "Young", "King", "Long",
    "White", "Green", "Black", "Gray", "Rich", "Hall", "Wood", "Stone", "Marsh", "Frost", "Hart", "Fox",
    "Swift", "Church", "Banks", "Story", "Street", "Moody", "Best", "Little", "Love",
)
EXTRA_SURNAMES = (
    "Okonkwo", "Przybylski", "O'Sullivan", "McAllister", "DeLuca", "Kowalczyk", "Haddad", "Nakamura", "Ng",
    "Vo", "Abernathy", "Medeiros", "Pereira", "Goldberg", "Rosen", "Baptiste", "Pierre", "Desrosiers",
    "Thibodeau", "Ouellette", "Boucher", "Gagnon", "Kelleher", "Donahue", "Flaherty", "Oyelaran",
    "Szczepanski", "Van der Berg", "Gonzalez-Rivera", "St. Pierre", "Nwachukwu", "Papadakis", "Iyer",
    "Raghavan", "Featherstonhaugh", "LaFleur", "D'Amico", "Ferreira", "Tavares", "Dubois", "Mbeki", "Asante",
    "Yilmaz", "Horvath", "Lindqvist", "MacLeod", "O'Connell", "Fitzpatrick-Lowe", "Castellanos", "Quispe",
    "Tshabalala", "Bui", "Duong", "Khoury", "Sadeghi", "Petrosyan",
)
WORDLIKE_FIRST_NAMES = (
    ("F", "Hope"), ("F", "May"), ("F", "June"), ("F", "Grace"), ("F", "Joy"), ("F", "Rose"), ("F", "Faith"),
    ("F", "Iris"), ("F", "Pearl"), ("F", "Dawn"), ("F", "April"), ("F", "Ruby"), ("M", "Will"), ("M", "Mark"),
    ("M", "Bill"), ("M", "Art"), ("M", "Guy"), ("M", "Rich"), ("M", "Jack"),
)
EXTRA_FIRST_NAMES = (
    ("F", "Siobhan"), ("F", "Nguyet"), ("F", "Aoife"), ("F", "Fatima"), ("F", "Priya"), ("F", "Mei"),
    ("F", "Marisol"), ("F", "Guadalupe"), ("F", "Xiomara"), ("F", "Svetlana"), ("F", "Peg"),
    ("F", "Oluwaseun"), ("F", "Thuy"), ("F", "Magdalena"), ("F", "Ines"), ("F", "Yesenia"), ("M", "Thanh"),
    ("M", "Chidi"), ("M", "Yusuf"), ("M", "Ravi"), ("M", "Wei"), ("M", "Giovanni"), ("M", "Dmitri"),
    ("M", "Jean-Claude"), ("M", "Mohammed"), ("M", "Ahmed"), ("M", "Tadeusz"), ("M", "Kwame"),
    ("M", "Rafael"), ("M", "Seamus"), ("M", "Bao"), ("M", "Lorenzo"),
)
SAINTS = (
    "Agnes", "Anne", "Brendan", "Catherine", "Columba", "Elizabeth", "Francis", "Joseph", "Jude", "Luke",
    "Margaret", "Vincent", "Raphael", "Clare", "Bernard", "Benedict", "Cecilia",
)
PLACE_HEADS = (
    "North", "South", "East", "West", "Green", "Oak", "Maple", "Spring", "Fair", "Brook", "River", "Lake",
    "Clear", "Pine", "Elm", "Ash", "Cedar", "Stone", "Mill", "Bay",
)
PLACE_TAILS = (
    "field", "dale", "wood", "ton", "view", "brook", "haven", "ridge", "side", "port", "ford", "bury", "mont",
    "ville", "crest",
)
# Real US town names, several of them also words, surnames or eponyms (Reading, Mobile, Lowell, ...).
REAL_TOWNS = (
    ("Worcester", "MA"), ("Springfield", "MA"), ("Quincy", "MA"), ("Lowell", "MA"), ("Salem", "MA"),
    ("Brockton", "MA"), ("Fall River", "MA"), ("New Bedford", "MA"), ("Pittsfield", "MA"), ("Nashua", "NH"),
    ("Manchester", "NH"), ("Providence", "RI"), ("Warwick", "RI"), ("Hartford", "CT"), ("New Haven", "CT"),
    ("Bangor", "ME"), ("Burlington", "VT"), ("Albany", "NY"), ("Utica", "NY"), ("Reading", "PA"),
    ("Scranton", "PA"), ("Dayton", "OH"), ("Akron", "OH"), ("Mobile", "AL"), ("Florence", "SC"),
    ("Marion", "IN"), ("Chester", "PA"), ("Warren", "OH"), ("Jackson", "MS"), ("Normal", "IL"),
    ("Independence", "MO"), ("Boulder", "CO"), ("Eugene", "OR"), ("Fresno", "CA"),
)
STATE_NAMES = {
    "MA": "Massachusetts", "NH": "New Hampshire", "RI": "Rhode Island", "CT": "Connecticut", "ME": "Maine",
    "VT": "Vermont", "NY": "New York", "PA": "Pennsylvania", "OH": "Ohio", "AL": "Alabama",
    "SC": "South Carolina", "IN": "Indiana", "MS": "Mississippi", "IL": "Illinois", "MO": "Missouri",
    "CO": "Colorado", "OR": "Oregon", "CA": "California", "FL": "Florida",
}
COUNTRIES = (
    "Portugal", "Haiti", "Vietnam", "Guatemala", "Brazil", "Ireland", "Poland", "Nigeria", "Cape Verde",
    "the Dominican Republic", "India", "China", "Mexico", "Italy", "Lebanon",
)
PROFESSIONS = (
    "retired machinist", "school bus driver", "nurse's aide", "accountant", "retired teacher", "electrician",
    "line cook", "truck driver", "retired postal worker", "hairdresser", "software engineer", "carpenter",
    "retired firefighter", "home health aide",
)
AREA_CODES = (
    "617", "508", "781", "978", "413", "774", "857", "401", "603", "207", "860", "203", "212", "518", "215",
    "216", "614", "312",
)
# fmt: on
FREE_MAIL = ("gmail.com", "yahoo.com", "comcast.net", "aol.com", "outlook.com", "verizon.net")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# fmt: off
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
# fmt: on


def ordinal(day: int) -> str:
    """1 -> 1st, 22 -> 22nd, 13 -> 13th."""
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


DATE_FORMATS: dict[str, Callable[[dt.date], str]] = {
    "m/d/yyyy": lambda d: f"{d.month}/{d.day}/{d.year}",
    "mm/dd/yyyy": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    "mm/dd/yy": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
    "m/d/yy": lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
    "m-d-yy": lambda d: f"{d.month}-{d.day}-{d.year % 100:02d}",
    "iso": lambda d: d.isoformat(),
    "dd-Mon-yyyy": lambda d: f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}",
    "Month d, yyyy": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "Month dth, yyyy": lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}",
    "Mon. d, yyyy": lambda d: f"{MONTHS[d.month - 1][:3]}. {d.day}, {d.year}",
    "d Month yyyy": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "Mon d": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}",
    "Mon dth": lambda d: f"{MONTHS[d.month - 1][:3]} {ordinal(d.day)}",
    "Month dth": lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}",
    "Month d": lambda d: f"{MONTHS[d.month - 1]} {d.day}",
    "m/d": lambda d: f"{d.month}/{d.day}",
    "mm/dd": lambda d: f"{d.month:02d}/{d.day:02d}",
    "d Month": lambda d: f"{d.day} {MONTHS[d.month - 1]}",
    "d-Mon": lambda d: f"{d.day}-{MONTHS[d.month - 1][:3]}",
    "dth": lambda d: ordinal(d.day),
}
FULL_DATES = (
    "m/d/yyyy",
    "mm/dd/yyyy",
    "mm/dd/yy",
    "m/d/yy",
    "iso",
    "dd-Mon-yyyy",
    "Month d, yyyy",
    "Month dth, yyyy",
    "Mon. d, yyyy",
    "d Month yyyy",
    "m-d-yy",
)
SHORT_DATES = ("m/d", "mm/dd", "Mon d", "Mon dth", "Month dth", "Month d", "d Month", "d-Mon")


@dataclass(frozen=True)
class Person:
    """A synthetic person; ``sex`` is "F" or "M"."""

    first: str
    last: str
    sex: str
    middle: str

    @property
    def title(self) -> str:
        return "Mr." if self.sex == "M" else "Ms."

    @property
    def pronoun(self) -> str:
        return "he" if self.sex == "M" else "she"

    @property
    def possessive(self) -> str:
        return "his" if self.sex == "M" else "her"


NAME_FORMATS: dict[str, Callable[[Person], str]] = {
    "full": lambda p: f"{p.first} {p.last}",
    "full_mi": lambda p: f"{p.first} {p.middle}. {p.last}",
    "last_first": lambda p: f"{p.last}, {p.first}",
    "LAST_FIRST": lambda p: f"{p.last.upper()}, {p.first.upper()}",
    "initial_last": lambda p: f"{p.first[0]}. {p.last}",
    "last": lambda p: p.last,
    "first": lambda p: p.first,
}


@dataclass
class World:
    """Seeded source of every synthetic entity; templates draw people, places, ids and dates here."""

    seed: int
    rng: random.Random = field(init=False)
    fake: Faker = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(self.seed)

    # -- randomness shorthands ---------------------------------------------------------------------
    def pick(self, options: Sequence[Any]) -> Any:
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def num(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def letters(self, n: int) -> str:
        return "".join(self.rng.choice(string.ascii_uppercase) for _ in range(n))

    def some(self, options: Sequence[Any], low: int, high: int) -> list[Any]:
        return self.rng.sample(list(options), self.num(low, min(high, len(options))))

    # -- people ------------------------------------------------------------------------------------
    def person(self, sex: str | None = None, last: str | None = None) -> Person:
        sex = sex or self.pick("FM")
        roll = self.rng.random()
        if roll < 0.12:
            first_pool = [name for s, name in WORDLIKE_FIRST_NAMES if s == sex]
            first = self.pick(first_pool)
        elif roll < 0.3:
            first = self.pick([name for s, name in EXTRA_FIRST_NAMES if s == sex])
        else:
            first = self.fake.first_name_female() if sex == "F" else self.fake.first_name_male()
        if last is None:
            roll = self.rng.random()
            if roll < 0.2:
                last = self.pick(WORDLIKE_SURNAMES)
            elif roll < 0.4:
                last = self.pick(EXTRA_SURNAMES)
            else:
                last = self.fake.last_name()
        return Person(first, last, sex, self.pick(string.ascii_uppercase))

    def name(self, person: Person, label: str, *formats: str, role: str | None = None) -> Phi:
        """``person`` written in one of ``formats`` (any format when none is given) as a span."""
        chosen = self.pick(formats or ("full", "full", "full_mi", "last_first", "initial_last"))
        return Phi(NAME_FORMATS[chosen](person), label, role)

    def relative(self, patient: Person) -> tuple[str, Person]:
        """A family member: (relation word, person); spouses and children often share the surname."""
        relation = self.pick(
            (
                "wife",
                "husband",
                "daughter",
                "son",
                "sister",
                "brother",
                "niece",
                "nephew",
                "granddaughter",
                "daughter-in-law",
            )
        )
        female = relation in ("wife", "daughter", "sister", "niece", "granddaughter", "daughter-in-law")
        same_last = relation in ("wife", "husband", "son", "brother") or self.chance(0.4)
        return relation, self.person("F" if female else "M", patient.last if same_last else None)

    def rel(self, person: Person, *formats: str) -> Phi:
        return self.name(person, "PATIENT", *(formats or ("first", "first", "full")), role="relative")

    # -- places ------------------------------------------------------------------------------------
    def place_word(self) -> str:
        return self.pick(PLACE_HEADS) + self.pick(PLACE_TAILS)

    def town(self) -> tuple[str, str]:
        if self.chance(0.5):
            return self.pick(REAL_TOWNS)
        return self.fake.city(), self.pick(("MA", "NH", "RI", "CT", "ME", "NY"))

    def hospital(self) -> str:
        kind = self.num(0, 7)
        place = self.pick((self.place_word(), self.town()[0], self.fake.city()))
        if kind == 0:
            return f"{place} General Hospital"
        if kind == 1:
            return f"St. {self.pick(SAINTS)}'s Hospital"
        if kind == 2:
            return f"St. {self.pick(SAINTS)} Medical Center"
        if kind == 3:
            return f"{self.fake.last_name()} Memorial Hospital"
        if kind == 4:
            return f"{place} Regional Medical Center"
        if kind == 5:
            return f"{place} Community Hospital"
        if kind == 6:
            return f"Mercy Hospital of {place}"
        return f"{place} Medical Center"

    def clinic(self, specialty: str) -> str:
        kind = self.num(0, 4)
        if kind == 0:
            return f"{self.place_word()} {specialty} Clinic"
        if kind == 1:
            return f"{self.town()[0]} {specialty} Associates"
        if kind == 2:
            return f"{self.fake.last_name()} {specialty} Group"
        if kind == 3:
            return f"{self.place_word()} Health Center"
        return f"{specialty} Clinic at {self.place_word()}"

    def nursing_home(self) -> str:
        kind = self.num(0, 4)
        if kind == 0:
            return f"{self.place_word()} Manor"
        if kind == 1:
            return f"{self.fake.last_name()} House Nursing and Rehabilitation Center"
        if kind == 2:
            return f"{self.pick(PLACE_HEADS)} Pines Skilled Nursing Facility"
        if kind == 3:
            return f"{self.place_word()} Rehab"
        return f"St. {self.pick(SAINTS)} Care Center"

    @staticmethod
    def initials(name: str) -> str:
        """NGH for Northfield General Hospital, SAMC for St. Agnes Medical Center."""
        words = [w for w in name.replace("'s", "").split() if w[0].isupper() and w != "St."]
        return ("S" if name.startswith("St.") else "") + "".join(w[0] for w in words)

    def street(self) -> str:
        if self.chance(0.7):
            return self.fake.street_address()
        suffix = self.pick(("St", "St.", "Ave", "Rd", "Road", "Street", "Lane", "Dr", "Way", "Terrace"))
        head = self.pick((self.pick(PLACE_HEADS), self.fake.last_name(), self.pick(SAINTS)))
        unit = self.pick(("", "", "", f" Apt {self.num(1, 40)}", f" #{self.num(1, 9)}{self.pick('ABC')}"))
        return f"{self.num(1, 2999)} {head} {suffix}{unit}"

    def address(self, one_line: bool = True) -> list[Piece]:
        """STREET, CITY, STATE ZIP as spans: on one line, or street on its own line."""
        town, state = self.town()
        state_text = STATE_NAMES[state] if self.chance(0.15) else state
        zip_code = self.fake.zipcode_in_state(state) + (f"-{self.digits(4)}" if self.chance(0.15) else "")
        sep = ", " if one_line else "\n"
        return [
            Phi(self.street(), "STREET"),
            sep,
            Phi(town, "CITY"),
            ", ",
            Phi(state_text, "STATE"),
            " ",
            Phi(zip_code, "ZIP"),
        ]

    # -- numbers -----------------------------------------------------------------------------------
    def phone(self, label: str = "PHONE", styles: Sequence[str] = ()) -> Phi:
        area = self.pick(AREA_CODES)
        exchange = "555" if self.chance(0.25) else str(self.num(201, 989))
        line = self.digits(4)
        style = self.pick(styles or ("paren", "dash", "dash", "dot", "plain", "dash_x"))
        text = {
            "paren": f"({area}) {exchange}-{line}",
            "dash": f"{area}-{exchange}-{line}",
            "dot": f"{area}.{exchange}.{line}",
            "plain": f"{area}{exchange}{line}",
            "dash_x": f"{area}-{exchange}-{line} x{self.num(2, 4999)}",
            "local": f"{exchange}-{line}",
            "one": f"1-{area}-{exchange}-{line}",
        }[style]
        return Phi(text, label)

    def pager(self) -> Phi:
        style = self.num(0, 3)
        text = [
            f"{self.num(1, 9)}-{self.digits(4)}",
            self.digits(5),
            f"{self.num(2, 8)}{self.digits(4)}",
            f"{self.pick(AREA_CODES)}-{self.num(201, 989)}-{self.digits(4)}",
        ][style]
        return Phi(text, "PHONE")

    def mrn(self) -> Phi:
        style = self.num(0, 4)
        if style == 0:
            text = "00" + self.digits(self.num(5, 8))
        elif style == 1:
            text = f"{self.digits(3)}-{self.digits(2)}-{self.digits(2)}"
        else:
            text = str(self.num(1, 9)) + self.digits(self.num(6, 9))
        return Phi(text, "MEDICALRECORD")

    def member_id(self) -> Phi:
        style = self.num(0, 3)
        text = [
            f"{self.letters(3)}{self.digits(9)}",
            f"{self.num(1, 9)}{self.letters(2)}{self.num(0, 9)}-{self.letters(1)}{self.letters(1)}"
            f"{self.num(0, 9)}-{self.letters(2)}{self.digits(2)}",
            f"W{self.digits(9)}",
            "1" + self.digits(11),
        ][style]
        return Phi(text, "HEALTHPLAN")

    def email(self, person: Person, domain: str | None = None) -> Phi:
        user = self.pick(
            (
                f"{person.first[0]}{person.last}",
                f"{person.first}.{person.last}",
                f"{person.last}{person.first[0]}{self.num(1, 99)}",
            )
        )
        user = "".join(ch for ch in user if ch.isalnum() or ch == ".").lower()
        return Phi(f"{user}@{domain or self.pick(FREE_MAIL)}", "EMAIL")

    def domain(self, org: str) -> str:
        words = [w.lower().strip(".'") for w in org.replace("'s", "").split()]
        core = words[0] if words[0] != "st" else "st" + words[1]
        return f"{core}{self.pick(('health', 'med', 'hospital', 'care'))}.{self.pick(('org', 'org', 'com'))}"

    def username(self, person: Person) -> Phi:
        base = (person.first[0] + person.last).lower()
        base = "".join(ch for ch in base if ch.isalnum())[:8]
        return Phi(base + (str(self.num(1, 9)) if self.chance(0.5) else ""), "USERNAME")

    # -- dates -------------------------------------------------------------------------------------
    def day(self, start: int = 2015, end: int = 2024) -> dt.date:
        first = dt.date(start, 1, 1).toordinal()
        return dt.date.fromordinal(self.num(first, dt.date(end, 12, 31).toordinal()))

    def date(self, day: dt.date, *formats: str) -> Phi:
        return Phi(DATE_FORMATS[self.pick(formats or FULL_DATES)](day), "DATE")

    def dob(self, day: dt.date, age: int) -> dt.date:
        """A date of birth that makes the person ``age`` years old on ``day``."""
        return day - dt.timedelta(days=int(age * 365.25) + self.num(5, 355))

    def age(self, old: float = 0.25, low: int = 19, high: int = 89) -> int:
        """An adult age; with probability ``old`` one over 89 (PHI under Safe Harbor)."""
        return self.num(90, 104) if self.chance(old) else self.num(low, high)

    @staticmethod
    def weekday(day: dt.date) -> Phi:
        return Phi(WEEKDAYS[day.weekday()], "DATE")


def age(years: int) -> Piece:
    """An age as text: a span only when over 89 (HIPAA Safe Harbor); younger ages are not PHI."""
    return Phi(str(years), "AGE") if years > 89 else str(years)


def year(day: dt.date | int) -> Phi:
    return Phi(str(day.year if isinstance(day, dt.date) else day), "YEAR")


def join(items: Sequence[str], last: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


# --------------------------------------------------------------------------------------------------
# What templates may call. A template (scripts/corpus_templates/clinical/*.yaml) writes ``person()`` for
# ``w.person()``, ``vitals()`` for ``vitals(w)``; the functions below are registered under their own name.
# --------------------------------------------------------------------------------------------------

FILLERS: list[Callable[..., Any]] = []  # fn(w, ...): called from a template as fn(...)
BLOCKS: list[Callable[..., Any]] = []  # fn(w, n, ...): write into the note, called as fn(...)
FnT = TypeVar("FnT", bound=Callable[..., Any])


def filler(fn: FnT) -> FnT:
    """Register ``fn(w, ...)`` so a template can call it as ``fn(...)``."""
    FILLERS.append(fn)
    return fn


def block(fn: FnT) -> FnT:
    """Register ``fn(w, n, ...)``, which writes a block into the note, as ``fn(...)``."""
    BLOCKS.append(fn)
    return fn


# --------------------------------------------------------------------------------------------------
# Clinical material (no PHI): histories, medications, courses and the radiology and pathology cases are
# data, scripts/corpus_templates/clinical/material.yaml; labs, vitals and exams are drawn here. Eponyms and
# word-like terms are in them on purpose: Parkinson's, Hodgkin, Foley, Bell's palsy, brown sputum.
# --------------------------------------------------------------------------------------------------


def as_tuples(value: Any) -> Any:
    """YAML lists as tuples, all the way down, as the lists were written in code before."""
    return tuple(as_tuples(item) for item in value) if isinstance(value, list) else value


MATERIAL_FILE = Path(__file__).resolve().parent / "corpus_templates" / "clinical" / "material.yaml"
MATERIAL: dict[str, tuple[Any, ...]] = {
    name: as_tuples(items)
    for name, items in yaml.safe_load(MATERIAL_FILE.read_text(encoding="utf-8")).items()
}
MEDS, COURSE = MATERIAL["MEDS"], MATERIAL["COURSE"]  # also drawn by meds_block and course_block


@filler
def vitals(w: World, compact: bool = True) -> str:
    sbp, dbp = w.num(92, 178), w.num(48, 98)
    hr, rr, temp, sat = (
        w.num(58, 124),
        w.num(12, 28),
        w.pick(("98.6", "99.1", "100.4", "97.8", "101.2")),
        w.num(88, 100),
    )
    o2 = w.pick(("RA", "2L NC", "4L NC", "RA", "40% FM"))
    if compact:
        return f"BP {sbp}/{dbp} HR {hr} RR {rr} T {temp} SpO2 {sat}% {o2}"
    return f"T {temp}, HR {hr}, BP {sbp}/{dbp}, RR {rr}, O2 sat {sat}% on {o2}"


@filler
def labs(w: World) -> str:
    items = [
        f"WBC {w.num(3, 19)}.{w.num(0, 9)}",
        f"Hgb {w.num(7, 15)}.{w.num(0, 9)}",
        f"Plt {w.num(88, 420)}",
        f"Na {w.num(128, 146)}",
        f"K {w.num(3, 5)}.{w.num(0, 9)}",
        f"BUN {w.num(8, 62)}",
        f"Cr {w.num(0, 3)}.{w.num(1, 9)}",
        f"INR {w.num(1, 3)}.{w.num(0, 9)}",
        f"lactate {w.num(0, 4)}.{w.num(1, 9)}",
        f"trop <0.0{w.num(1, 4)}",
        f"BNP {w.num(40, 2400)}",
        f"glucose {w.num(70, 388)}",
    ]
    return ", ".join(w.some(items, 3, 7))


@filler
def meds_block(w: World, low: int = 3, high: int = 8, numbered: bool = True) -> str:
    chosen = w.some(MEDS, low, high)
    if numbered:
        return "\n".join(f"{i}. {m}" for i, m in enumerate(chosen, 1))
    return "\n".join(f"- {m}" for m in chosen)


@filler
def exam(w: World) -> str:
    parts = [
        w.pick(
            (
                "Gen: NAD, A&Ox3",
                "Gen: elderly, frail, in mild distress",
                "Gen: well appearing, sitting up in bed",
            )
        ),
        w.pick(("HEENT: MMM, OP clear", "HEENT: dry MM, no JVD", "HEENT: anicteric, PERRL")),
        w.pick(
            ("CV: RRR, no m/r/g", "CV: irregularly irregular, II/VI SEM at RUSB", "CV: tachycardic, regular")
        ),
        w.pick(
            (
                "Lungs: CTAB",
                "Lungs: crackles at bases bilaterally",
                "Lungs: rhonchi RLL, decreased BS at R base",
            )
        ),
        w.pick(
            (
                "Abd: soft, NT/ND, +BS",
                "Abd: mildly distended, diffusely tender, no rebound",
                "Abd: obese, soft, NT",
            )
        ),
        w.pick(("Ext: 2+ pitting edema to knees", "Ext: WWP, no edema", "Ext: R calf tenderness, no cords")),
        w.pick(
            (
                "Neuro: CN II-XII intact, strength 5/5 throughout",
                "Neuro: resting tremor R>L, cogwheeling",
                "Neuro: oriented x2, moves all extremities",
            )
        ),
    ]
    return "\n".join(parts)


# -- 2. discharge summaries -------------------------------------------------------------------------


@filler
def family_history(w: World) -> list[Piece]:
    """A family-history line; relatives' ages over 89 are PHI too."""
    parent = w.pick(("Mother", "Father"))
    died = w.pick((w.num(90, 103), w.num(58, 89)))
    cause = w.pick(("MI", "stroke", '"old age"', "Alzheimer's", "colon cancer", "Parkinson's"))
    other = w.pick(
        ("Sister with breast cancer at 52.", "Brother with DM2.", "No family hx of sudden cardiac death.", "")
    )
    return [parent, " died at ", age(died), " of ", cause, ". ", other]


@filler
def course_block(w: World) -> list[Piece]:
    out: list[Piece] = []
    for item in w.some(COURSE, 2, 4):
        if "{neuro}" in item:
            head, tail = item.split("{neuro}")
            out += [head, Phi(w.person().last, "DOCTOR"), tail, "\n"]
        else:
            out += [
                item.format(
                    l=w.num(2, 9),
                    kg=w.num(58, 110),
                    ef=w.num(20, 60),
                    ef2=w.num(2, 6),
                    cr=f"{w.num(1, 3)}.{w.num(2, 9)}",
                    hgb=f"{w.num(6, 8)}.{w.num(0, 9)}",
                    grace=w.num(98, 180),
                ),
                "\n",
            ]
    return out


# -- 3. ED triage notes -----------------------------------------------------------------------------


# -- 4. radiology reports ---------------------------------------------------------------------------


@block
def rad_header(w: World, n: Note, exam: str, day: dt.date, *, pt: Person, labeled: bool) -> None:
    """Patient/exam header used by two radiology authors (each wraps it differently)."""
    if labeled:
        n.fmt(
            "PATIENT: {p}  MRN: {m}\n", p=w.name(pt, "PATIENT", "LAST_FIRST", "last_first", "full"), m=w.mrn()
        )
    n.fmt("EXAM: {e}\n", e=exam)
    n.fmt(
        "ACCESSION: {a}\n",
        a=Phi(w.pick((w.digits(8), f"RAD{w.digits(7)}", f"{w.letters(2)}{w.digits(6)}")), "IDNUM"),
    )
    n.fmt("DATE: {d}\n\n", d=w.date(day, "mm/dd/yyyy", "m/d/yyyy", "dd-Mon-yyyy"))


# -- 5. pathology reports ---------------------------------------------------------------------------


@filler
def accession(w: World, prefix: str, day: dt.date) -> Phi:
    sep = w.pick(("-", "-", ""))
    return Phi(f"{prefix}{day.year % 100:02d}{sep}{w.num(100, 99999):0{w.pick((5, 5, 4))}d}", "IDNUM")


# -- 6. clinic letters ------------------------------------------------------------------------------


@block
def letterhead(w: World, n: Note, clinic: str) -> str:
    """Clinic name, address, phone and fax lines; returns the clinic's e-mail domain."""
    domain = w.domain(clinic)
    n.fmt("{c}\n{a}\n", c=Phi(clinic, "HOSPITAL"), a=w.address(one_line=w.chance(0.5)))
    n.fmt("Tel {p}  |  Fax {f}", p=w.phone(), f=w.phone("FAX"))
    if w.chance(0.5):
        n.fmt("  |  {u}", u=Phi(f"www.{domain}", "URL"))
    n.add("\n\n")
    return domain


# --------------------------------------------------------------------------------------------------
# dev2: a second tuning split, added later. Its templates, name lists, places, date and number formats
# are its own (none of the dev or test layouts), and it is drawn from its own seeded World, so adding
# it left dev.jsonl and test.jsonl byte for byte as they were.
# --------------------------------------------------------------------------------------------------

DEV2_SEED_OFFSET = 2  # dev2 uses World(seed + DEV2_SEED_OFFSET); dev and test share World(seed)

# fmt: off
DEV2_FIRST_NAMES = (
    ("F", "Tendai"), ("F", "Oksana"), ("F", "Bolanle"), ("F", "Ngozi"), ("F", "Anh"), ("F", "Zainab"),
    ("F", "Noa"), ("F", "Dagny"), ("F", "Lakshmi"), ("F", "Kalani"), ("F", "Ilse"), ("F", "Esperanza"),
    ("F", "Nayeli"), ("F", "Itzel"), ("F", "Mekdes"), ("F", "Malak"), ("F", "Hyun-joo"), ("F", "Ayşe"),
    ("F", "Renée"), ("F", "Wanjiru"), ("M", "Hyun-woo"), ("M", "Tevita"), ("M", "Sione"), ("M", "Eitan"),
    ("M", "Aarav"), ("M", "Wiremu"), ("M", "Bogdan"), ("M", "Koffi"), ("M", "Abebe"), ("M", "Hamza"),
    ("M", "Yerlan"), ("M", "Desmond"), ("M", "Tomás"), ("M", "Joaquín"), ("M", "Olusegun"),
    ("M", "Kwabena"), ("M", "Fionn"), ("M", "Lars"), ("M", "Vusi"), ("M", "Ho"),
)
DEV2_WORDLIKE_FIRST_NAMES = (
    ("F", "Sunny"), ("F", "Destiny"), ("F", "Precious"), ("F", "Honor"), ("F", "Summer"), ("F", "Autumn"),
    ("F", "Star"), ("F", "Charity"), ("F", "Blessing"), ("M", "Hunter"), ("M", "Chase"), ("M", "Miles"),
    ("M", "Sonny"), ("M", "Rocky"), ("M", "Deacon"), ("M", "Major"), ("M", "Royal"), ("M", "King"),
)
DEV2_SURNAMES = (
    "Adeyemi", "Mensah", "Tesfaye", "Wójcik", "Núñez", "Çelik", "Halvorsen", "Kaleikini", "Tuilagi",
    "Fonoti", "Abdirahman", "Farah", "Nkemelu", "Hakobyan", "Zhou", "Lê", "Trinh", "Choi", "Park-Whitaker",
    "Ben-David", "Mahlangu", "Oduya", "Villalobos", "Achterberg", "Okafor", "Kuznetsova", "Obi",
    "Rahimi", "Vaitkus", "Ó Briain", "Mac an tSaoir", "Da Silva", "dos Santos", "Van Wyk", "Le Blanc",
    "Al-Masri", "Bahadur", "Wangui", "Sandoval-Ruiz", "Kristjánsdóttir", "Tanaka-Ross", "Kamau",
)
DEV2_WORDLIKE_SURNAMES = (
    "Price", "Lamb", "Guest", "Waters", "Bishop", "Fields", "Sharp", "Chase", "Winter", "Summers", "Moss",
    "Bridges", "Rivers", "Baker", "Cook", "Mason", "Walker", "Pope", "Crane", "Wise", "Noble", "Friend",
    "Day", "Means", "Goodnight", "Sickles",
)
# Real towns, several of them words, countries or famous cities elsewhere (Peru, Lebanon, Cairo, Athens).
DEV2_TOWNS = (
    ("Lawrence", "MA"), ("Chicopee", "MA"), ("Fitchburg", "MA"), ("Taunton", "MA"), ("Pawtucket", "RI"),
    ("Woonsocket", "RI"), ("Lewiston", "ME"), ("Rutland", "VT"), ("Troy", "NY"), ("Elmira", "NY"),
    ("Bethlehem", "PA"), ("Hershey", "PA"), ("Canton", "OH"), ("Lima", "OH"), ("Paris", "TX"),
    ("Hope", "AR"), ("Liberty", "MO"), ("Friendship", "WI"), ("Bristol", "CT"), ("Athens", "GA"),
    ("Cairo", "IL"), ("Lebanon", "NH"), ("Peru", "IN"), ("Dayton", "OH"), ("Gary", "IN"),
    ("Sandwich", "MA"), ("Marshfield", "MA"), ("Orange", "MA"), ("Truth or Consequences", "NM"),
)
DEV2_STATES = {
    "MA": ("Massachusetts", "Mass."), "RI": ("Rhode Island", "R.I."), "ME": ("Maine", "Me."),
    "VT": ("Vermont", "Vt."), "NY": ("New York", "N.Y."), "PA": ("Pennsylvania", "Penn."),
    "OH": ("Ohio", "Ohio"), "TX": ("Texas", "Tex."), "AR": ("Arkansas", "Ark."), "MO": ("Missouri", "Mo."),
    "WI": ("Wisconsin", "Wis."), "CT": ("Connecticut", "Conn."), "GA": ("Georgia", "Ga."),
    "IL": ("Illinois", "Ill."), "NH": ("New Hampshire", "N.H."), "IN": ("Indiana", "Ind."),
    "NM": ("New Mexico", "N.M."),
}
DEV2_PROFESSIONS = (
    "bus driver", "retired longshoreman", "dental hygienist", "crossing guard", "retired nurse",
    "lobsterman", "adjunct professor", "night custodian", "welder", "paralegal", "barista", "roofer",
    "retired judge", "pastor", "pharmacist", "mail carrier", "seamstress", "bartender", "CNA",
    "retired Army medic", "physical therapist", "day-care teacher", "forklift operator", "locksmith",
)
DEV2_EMPLOYERS = (
    "Keolis", "Market Basket", "the MBTA", "Raytheon", "Home Depot", "UPS", "Dunkin'", "Stop & Shop",
    "Amazon", "FedEx Ground", "Walgreens", "the Postal Service", "Costco", "Boston Public Schools",
    "Brigham Circle Dental", "Catholic Charities",
)
DEV2_LANDMARKS = (
    "the Nashua River Rail Trail", "Mill Pond Park", "the Route 9 Park and Ride", "Horseneck Beach",
    "Wachusett Reservoir", "the Blackstone River Bikeway", "Lake Quinsigamond", "Fenway Park",
    "the Lowell Memorial Auditorium", "the Cape Cod Canal",
)
DEV2_AREA_CODES = ("339", "351", "978", "617", "401", "207", "802", "518", "570", "330", "903", "870")
# fmt: on
DEV2_MAIL = ("icloud.com", "hotmail.com", "protonmail.com", "msn.com", "charter.net", "att.net")

# New date layouts (dev and test use none of these keys).
DATE_FORMATS.update(
    {
        "ddMONyyyy": lambda d: f"{d.day:02d}{MONTHS[d.month - 1][:3].upper()}{d.year}",
        "yyyymmdd": lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
        "yyyy/mm/dd": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
        "d.m.yyyy": lambda d: f"{d.day}.{d.month}.{d.year}",
        "mm-dd-yyyy": lambda d: f"{d.month:02d}-{d.day:02d}-{d.year}",
        "Mon d 'yy": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day} '{d.year % 100:02d}",
        "d Mon yy": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year % 100:02d}",
        "dth of Month": lambda d: f"{ordinal(d.day)} of {MONTHS[d.month - 1]}",
        "Month yyyy": lambda d: f"{MONTHS[d.month - 1]} {d.year}",
        "mm/yyyy": lambda d: f"{d.month:02d}/{d.year}",
        "Mon-dd": lambda d: f"{MONTHS[d.month - 1][:3]}-{d.day:02d}",
        "m.d": lambda d: f"{d.month}.{d.day}",
        "dth Month yyyy": lambda d: f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}",
    }
)
DEV2_FULL_DATES = ("ddMONyyyy", "yyyymmdd", "yyyy/mm/dd", "mm-dd-yyyy", "Mon d 'yy", "d Mon yy", "d.m.yyyy")

# New name layouts: HL7-style carets, "First L.", all capitals, "Last, First M.".
NAME_FORMATS.update(
    {
        "caret": lambda p: f"{p.last.upper()}^{p.first.upper()}^{p.middle}",
        "first_initial": lambda p: f"{p.first} {p.last[0]}.",
        "FULL": lambda p: f"{p.first} {p.last}".upper(),
        "last_first_mi": lambda p: f"{p.last}, {p.first} {p.middle}.",
        "lower_first": lambda p: p.first.lower(),
    }
)


@filler
def person2(w: World, sex: str | None = None, last: str | None = None) -> Person:
    """A dev2 person: names mostly from the dev2 lists, the rest from Faker and the older lists."""
    sex = sex or w.pick("FM")
    roll = w.rng.random()
    if roll < 0.15:
        first = w.pick([name for s, name in DEV2_WORDLIKE_FIRST_NAMES if s == sex])
    elif roll < 0.5:
        first = w.pick([name for s, name in DEV2_FIRST_NAMES if s == sex])
    elif roll < 0.6:
        first = w.pick([name for s, name in EXTRA_FIRST_NAMES if s == sex])
    else:
        first = w.fake.first_name_female() if sex == "F" else w.fake.first_name_male()
    if last is None:
        roll = w.rng.random()
        if roll < 0.2:
            last = w.pick(DEV2_WORDLIKE_SURNAMES)
        elif roll < 0.55:
            last = w.pick(DEV2_SURNAMES)
        elif roll < 0.62:
            last = w.pick(EXTRA_SURNAMES)
        else:
            last = w.fake.last_name()
    return Person(first, last, sex, w.pick(string.ascii_uppercase))


@filler
def relative2(w: World, patient: Person, years: int = 60) -> tuple[str, Person]:
    """A dev2 family member, with relations the older splits do not use (no parents past 70)."""
    relations = ("partner", "stepson", "grandson", "ex-wife", "goddaughter", "cousin")
    relation = w.pick(relations if years >= 70 else (*relations, "mother", "father", "aunt"))
    female = relation in ("ex-wife", "goddaughter", "mother", "aunt") or (
        relation in ("partner", "cousin") and w.chance(0.5)
    )
    same_last = relation in ("mother", "father", "grandson") or w.chance(0.3)
    return relation, person2(w, "F" if female else "M", patient.last if same_last else None)


@filler
def town2(w: World) -> tuple[str, str]:
    return w.pick(DEV2_TOWNS) if w.chance(0.7) else (w.fake.city(), w.pick(("MA", "RI", "NY", "PA")))


@filler
def address2(w: World) -> list[Piece]:
    """An address in layouts the older splits do not use: "Lawrence MA 01841", "Troy, N.Y. 12180"."""
    town, state = town2(w)
    full, abbr = DEV2_STATES[state]
    state_text = w.pick((state, state, abbr, full))
    zip_code = w.fake.zipcode_in_state(state)
    kind = w.num(0, 2)
    if kind == 0:
        street = f"{w.fake.building_number()} {w.fake.street_name()}, Unit {w.num(1, 30)}{w.pick('ABCD')}"
    elif kind == 1:
        street = f"{w.num(1, 899)} {w.pick(('Old', 'Upper', 'Lower'))} {w.fake.last_name()} Rd."
    else:
        street = w.fake.street_address()
    sep = w.pick((" ", ", "))
    return [
        Phi(street, "STREET"),
        ", ",
        Phi(town, "CITY"),
        sep,
        Phi(state_text, "STATE"),
        " ",
        Phi(zip_code, "ZIP"),
    ]


@filler
def phone2(w: World, label: str = "PHONE") -> Phi:
    area, exchange, line = w.pick(DEV2_AREA_CODES), str(w.num(201, 989)), w.digits(4)
    text = w.pick(
        (
            f"+1 {area} {exchange} {line}",
            f"{area} {exchange} {line}",
            f"({area}){exchange}-{line}",
            f"+1-{area}-{exchange}-{line}",
            f"{area}/{exchange}-{line}",
        )
    )
    return Phi(text, label)


@filler
def extension(w: World) -> Phi:
    """An in-house extension or pager ("4-5512", "x71234", "pgr 38812" -> the digits)."""
    return Phi(w.pick((f"{w.num(2, 7)}-{w.digits(4)}", f"x{w.digits(5)}", w.digits(5))), "PHONE")


@filler
def username2(w: World, person: Person) -> Phi:
    first = "".join(ch for ch in person.first.lower() if ch.isascii() and ch.isalpha())
    last = "".join(ch for ch in person.last.lower() if ch.isascii() and ch.isalpha())
    text = w.pick(
        (
            f"{last[:5]}{first[:1]}{w.num(1, 9):02d}".upper(),
            f"{first}.{last}",
            f"e{w.digits(6)}",
            f"{first[:1]}{last[:6]}{w.num(1, 99)}",
        )
    )
    return Phi(text, "USERNAME")


@filler
def employer(w: World) -> Phi:
    text = w.pick(
        (
            w.pick(DEV2_EMPLOYERS),
            f"{w.place_word()} Tool & Die",
            f"{w.fake.last_name()} Landscaping",
            f"{w.place_word()} Credit Union",
            w.fake.company(),
        )
    )
    return Phi(text, "ORGANIZATION")


@filler
def profession2(w: World) -> Phi:
    return Phi(w.pick(DEV2_PROFESSIONS), "PROFESSION")


@filler
def npi(w: World) -> Phi:
    return Phi(w.pick(("1", "1", "2")) + w.digits(9), "IDNUM")


@filler
def mrn2(w: World) -> Phi:
    text = w.pick((f"E{w.digits(7)}", f"{w.digits(2)}-{w.digits(3)}-{w.digits(3)}", f"MR{w.digits(8)}"))
    return Phi(text, "MEDICALRECORD")


@filler
def plan_id2(w: World) -> Phi:
    text = w.pick(
        (
            f"{w.letters(3)} {w.digits(7)}-{w.digits(2)}",
            "1" + w.digits(11),
            f"{w.digits(4)}-{w.digits(4)}-{w.digits(2)}",
            f"{w.letters(1)}{w.digits(8)}{w.letters(1)}",
        )
    )
    return Phi(text, "HEALTHPLAN")


@filler
def serial(w: World) -> Phi:
    text = w.pick(
        (
            f"{w.letters(3)}{w.digits(6)}{w.letters(1)}",
            f"SN{w.digits(8)}",
            f"{w.digits(4)}-{w.digits(4)}",
            f"{w.letters(2)}{w.digits(7)}",
        )
    )
    return Phi(text, "DEVICE")


@filler
def date2(w: World, day: dt.date, *formats: str) -> Phi:
    return w.date(day, *(formats or DEV2_FULL_DATES))


@filler
def hospital2(w: World) -> str:
    town = town2(w)[0]
    return w.pick(
        (
            f"{town} Family Health Center",
            f"Our Lady of {w.pick(('Lourdes', 'Fatima', 'the Lake', 'Mercy'))} Hospital",
            f"{w.fake.last_name()}-{w.fake.last_name()} Medical Center",
            f"{w.place_word()} Hospice House",
            f"UMass {town}",
            f"{town} VA Community Based Outpatient Clinic",
            f"Kindred Hospital {town}",
            f"{w.place_word()} Women's and Infants'",
        )
    )


@filler
def times(w: World, k: int, low: int = 0, high: int = 23) -> list[str]:
    """``k`` increasing bare times (never PHI) in one of two layouts per note: 0645 or 6:45."""
    minutes = sorted(w.rng.sample(range(low * 60, high * 60 + 60), k))
    colon = w.chance(0.5)
    return [f"{m // 60}:{m % 60:02d}" if colon else f"{m // 60:02d}{m % 60:02d}" for m in minutes]


@filler
def tm(w: World, low: int = 0, high: int = 23) -> str:
    """A bare time (never PHI): 0645, 14:05."""
    return w.pick((f"{w.num(low, high):02d}{w.num(0, 59):02d}", f"{w.num(low, high)}:{w.num(0, 59):02d}"))


# --------------------------------------------------------------------------------------------------
# dev3: a third tuning split, added after the scanner had been tuned on dev and dev2, to measure how
# the rules generalise to authors nobody has tuned on. New templates, name lists, facility shapes, date
# and number formats, drawn from its own seeded World, so dev, test and dev2 stay byte for byte.
# --------------------------------------------------------------------------------------------------

DEV3_SEED_OFFSET = 3  # dev3 uses World(seed + DEV3_SEED_OFFSET)

# fmt: off
DEV3_FIRST_NAMES = (
    ("F", "Saoirse"), ("F", "Nomvula"), ("F", "Ifeoma"), ("F", "Xochitl"), ("F", "Thandiwe"),
    ("F", "Leilani"), ("F", "Parisa"), ("F", "Shirin"), ("F", "Nilufar"), ("F", "Aigerim"), ("F", "Chiamaka"),
    ("F", "Adaeze"), ("F", "Anahí"), ("F", "Solveig"), ("F", "Tuyet"), ("F", "Hoa"), ("F", "Nasrin"),
    ("F", "Yaretzi"), ("F", "Marisela"), ("F", "Fenna"), ("F", "Mary-Kate"), ("F", "Anne-Marie"),
    ("F", "Kim-Ly"), ("F", "Ai"), ("M", "Oisín"), ("M", "Cathal"), ("M", "Tariq"), ("M", "Babajide"),
    ("M", "Chukwuemeka"), ("M", "Tenzin"), ("M", "Nikolaos"), ("M", "Stavros"), ("M", "Jaroslav"),
    ("M", "Mateusz"), ("M", "Arjun"), ("M", "Haruto"), ("M", "Matías"), ("M", "Ezequiel"), ("M", "Uriel"),
    ("M", "Bayani"), ("M", "Rangi"), ("M", "Timur"), ("M", "Jean-Baptiste"), ("M", "Duc-Anh"), ("M", "Lu"),
)
DEV3_WORDLIKE_FIRST_NAMES = (
    ("F", "Harmony"), ("F", "Ivy"), ("F", "Willow"), ("F", "Hazel"), ("F", "Marigold"), ("F", "Constance"),
    ("F", "Patience"), ("F", "Mercy"), ("F", "Clementine"), ("M", "Forrest"), ("M", "Sterling"),
    ("M", "Rusty"), ("M", "Earl"), ("M", "Judge"), ("M", "Colt"), ("M", "Denver"), ("M", "Reed"),
)
DEV3_SURNAMES = (
    "Nakashima", "Bhattacharya", "Venkataraman", "Ramírez de Arellano", "van den Heuvel", "de la Cruz",
    "Al-Khalidi", "bin Hamdan", "Ní Bhriain", "Mkhabela", "Nwosu", "Oyebanji", "Dlamini", "Sørensen",
    "Łukasiewicz", "Dąbrowski", "Novák", "Papageorgiou", "Karagiannis", "Gebremedhin", "Tsegaye", "Phan",
    "Huynh", "Kealoha", "Mahoe", "Tauiliili", "Quiñones", "Echeverría", "Zúñiga", "Mamani", "Condori",
    "Abdullahi", "Warsame", "Begay", "Yazzie", "Tsosie", "Lefebvre", "Thériault", "MacNeil", "O'Donoghue",
    "Grigoryan", "Sarkisian", "Qureshi", "Chaudhry", "Siddiqui", "Oyelowo-Grant", "Nguyen-Tran",
    "Yamamoto-Lee", "Villanueva-Ortiz", "Fitzgerald-Byrne", "Hussein-Ali", "Lindgren-Obi",
)
DEV3_WORDLIKE_SURNAMES = (
    "Payne", "Bland", "Cross", "Early", "Small", "Strong", "Swan", "Heron", "Drake", "Salmon", "Bloom",
    "Meadows", "Snow", "Lord", "Sweet", "Shepherd", "Fisher", "Gardner", "Weaver", "Wolf", "Lyons", "Power",
    "Trueblood", "Kidd", "Hardy", "Beard", "Pickles", "Needham",
)
# Real towns (several are countries, foreign capitals or words: Mexico, Poland, Dublin, Boring, Comfort).
DEV3_TOWNS = (
    ("Holyoke", "MA"), ("Gloucester", "MA"), ("Attleboro", "MA"), ("Methuen", "MA"), ("Leominster", "MA"),
    ("Cranston", "RI"), ("Newport", "RI"), ("Biddeford", "ME"), ("Augusta", "ME"), ("Mexico", "ME"),
    ("Poland", "ME"), ("Norway", "ME"), ("Keene", "NH"), ("Berlin", "NH"), ("Waterbury", "CT"),
    ("Norwich", "CT"), ("Derby", "CT"), ("Schenectady", "NY"), ("Binghamton", "NY"), ("Delhi", "NY"),
    ("Poughkeepsie", "NY"), ("Allentown", "PA"), ("Altoona", "PA"), ("Erie", "PA"), ("Toledo", "OH"),
    ("Dublin", "OH"), ("Youngstown", "OH"), ("Boring", "OR"), ("Moscow", "ID"), ("Comfort", "TX"),
    ("Success", "MO"), ("Warsaw", "IN"), ("Vienna", "VA"), ("Bath", "ME"), ("Sugar Land", "TX"),
)
DEV3_STATES = {
    "MA": "Massachusetts", "RI": "Rhode Island", "ME": "Maine", "NH": "New Hampshire", "CT": "Connecticut",
    "NY": "New York", "PA": "Pennsylvania", "OH": "Ohio", "OR": "Oregon", "ID": "Idaho", "TX": "Texas",
    "MO": "Missouri", "IN": "Indiana", "VA": "Virginia",
}
DEV3_PROFESSIONS = (
    "sous chef", "HVAC technician", "retired air-traffic controller", "court stenographer", "dog groomer",
    "rideshare driver", "hospice chaplain", "veterinary technician", "tattoo artist", "dairy farmer",
    "retired merchant mariner", "piano tuner", "corrections officer", "grocery stocker", "real-estate agent",
    "substitute teacher", "commercial fisherman", "machinist apprentice", "union electrician", "florist",
)
DEV3_EMPLOYERS = (
    "Hannaford", "Big Y", "Price Chopper", "Pratt & Whitney", "Electric Boat", "L.L.Bean", "Wegmans",
    "Cumberland Farms", "Ocean State Job Lot", "Sheetz", "Wawa", "Bath Iron Works",
)
DEV3_AREA_CODES = ("475", "959", "347", "929", "484", "610", "419", "440", "585", "607", "864", "260")
DEV3_MAIL = ("fastmail.com", "ymail.com", "sbcglobal.net", "earthlink.net", "me.com", "live.com")
# fmt: on

# New date layouts (no older split uses these keys).
DATE_FORMATS.update(
    {
        "ddMonyy": lambda d: f"{d.day:02d}{MONTHS[d.month - 1][:3]}{d.year % 100:02d}",
        "d-Mon-yy": lambda d: f"{d.day}-{MONTHS[d.month - 1][:3]}-{d.year % 100:02d}",
        "mm.dd.yyyy": lambda d: f"{d.month:02d}.{d.day:02d}.{d.year}",
        "Mon d yyyy": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day} {d.year}",
        "Month d yyyy": lambda d: f"{MONTHS[d.month - 1]} {d.day} {d.year}",
        "dd Month yyyy": lambda d: f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}",
        "Mon. dth, yyyy": lambda d: f"{MONTHS[d.month - 1][:3]}. {ordinal(d.day)}, {d.year}",
        "Mon. dth": lambda d: f"{MONTHS[d.month - 1][:3]}. {ordinal(d.day)}",
        "dd-Mon": lambda d: f"{d.day:02d}-{MONTHS[d.month - 1][:3]}",
        "Month the dth": lambda d: f"{MONTHS[d.month - 1]} the {ordinal(d.day)}",
        "MONTH d": lambda d: f"{MONTHS[d.month - 1].upper()} {d.day}",
        "yyyy-mm": lambda d: f"{d.year}-{d.month:02d}",
    }
)
DEV3_FULL_DATES = ("ddMonyy", "d-Mon-yy", "mm.dd.yyyy", "Mon d yyyy", "Month d yyyy", "dd Month yyyy")
DEV3_SHORT_DATES = ("Mon. dth", "dd-Mon", "Month the dth", "m/d", "Mon dth", "d Month")

# New name layouts: bare initials, "J.K. Last", "Last, J.", "First M Last" without the dot, LAST alone.
NAME_FORMATS.update(
    {
        "initials": lambda p: f"{p.first[0]}.{p.last[0]}.",
        "fm_last": lambda p: f"{p.first[0]}.{p.middle}. {p.last}",
        "last_fi": lambda p: f"{p.last}, {p.first[0]}.",
        "first_m_last": lambda p: f"{p.first} {p.middle} {p.last}",
        "LAST": lambda p: p.last.upper(),
    }
)


@filler
def person3(w: World, sex: str | None = None, last: str | None = None) -> Person:
    """A dev3 person: names mostly from the dev3 lists (some hyphenated or in several parts)."""
    sex = sex or w.pick("FM")
    roll = w.rng.random()
    if roll < 0.15:
        first = w.pick([name for s, name in DEV3_WORDLIKE_FIRST_NAMES if s == sex])
    elif roll < 0.55:
        first = w.pick([name for s, name in DEV3_FIRST_NAMES if s == sex])
    else:
        first = w.fake.first_name_female() if sex == "F" else w.fake.first_name_male()
    if last is None:
        roll = w.rng.random()
        if roll < 0.2:
            last = w.pick(DEV3_WORDLIKE_SURNAMES)
        elif roll < 0.55:
            last = w.pick(DEV3_SURNAMES)
        elif roll < 0.65:
            last = f"{w.fake.last_name()}-{w.fake.last_name()}"
        else:
            last = w.fake.last_name()
    return Person(first, last, sex, w.pick(string.ascii_uppercase))


@filler
def relative3(w: World, patient: Person, years: int = 60) -> tuple[str, Person]:
    """A dev3 family member, with relations no older split uses."""
    relations = ("fiancée", "stepdaughter", "brother-in-law", "son-in-law", "twin sister", "great-nephew")
    relation = w.pick(relations if years >= 60 else (*relations, "stepfather", "grandmother"))
    female = relation in ("fiancée", "stepdaughter", "twin sister", "grandmother")
    same_last = relation in ("twin sister", "stepfather") or w.chance(0.3)
    return relation, person3(w, "F" if female else "M", patient.last if same_last else None)


@filler
def town3(w: World) -> tuple[str, str]:
    if w.chance(0.7):
        return w.pick(DEV3_TOWNS)
    return w.fake.city(), w.pick(("MA", "CT", "NY", "PA", "OH"))


@filler
def address3(w: World, sep: str = ", ") -> list[Piece]:
    """ "1402 Quarry Hill Rd Bldg 3", "PO Box 1187", a state by name or postal code, ZIP+4 sometimes."""
    town, state = town3(w)
    kind = w.num(0, 3)
    if kind == 0:
        street = f"{w.num(10, 4999)} {w.fake.street_name()} Bldg {w.num(1, 9)}"
    elif kind == 1:
        street = f"PO Box {w.num(100, 9999)}"
    elif kind == 2:
        street = f"{w.num(1, 300)}{w.pick(('', '', '½', '-A'))} {w.fake.last_name()} Hill Rd"
    else:
        street = f"{w.fake.building_number()} {w.fake.street_name()}, Suite {w.num(100, 450)}"
    zip_code = w.fake.zipcode_in_state(state) + (f"-{w.digits(4)}" if w.chance(0.3) else "")
    return [
        Phi(street, "STREET"),
        sep,
        Phi(town, "CITY"),
        ", ",
        Phi(w.pick((state, state, DEV3_STATES[state])), "STATE"),
        "  " if w.chance(0.3) else " ",
        Phi(zip_code, "ZIP"),
    ]


@filler
def phone3(w: World, label: str = "PHONE", ext: bool | None = None) -> list[Piece]:
    """A phone or fax; with an extension either inside the span ("x204") or as its own PHONE span."""
    area, exchange, line = w.pick(DEV3_AREA_CODES), str(w.num(201, 989)), w.digits(4)
    text = w.pick(
        (
            f"({area}) {exchange}-{line}",
            f"{area}-{exchange}-{line}",
            f"1 ({area}) {exchange}-{line}",
            f"{area}.{exchange}.{line}",
            f"1.{area}.{exchange}.{line}",
        )
    )
    if ext is None:
        ext = label == "PHONE" and w.chance(0.35)
    if not ext:
        return [Phi(text, label)]
    if w.chance(0.4):
        return [Phi(f"{text} x{w.digits(w.num(3, 4))}", label)]
    return [
        Phi(text, label),
        w.pick((" ext. ", " ext ", ", extension ", " Ext: ")),
        Phi(w.digits(w.num(3, 5)), "PHONE"),
    ]


@filler
def pager3(w: World) -> Phi:
    return Phi(w.pick((f"{w.digits(2)}-{w.digits(4)}", f"#{w.digits(4)}", w.digits(6))).lstrip("#"), "PHONE")


@filler
def mrn3(w: World) -> Phi:
    text = w.pick((f"{w.letters(2)}-{w.digits(6)}", f"{w.digits(7)}-{w.num(0, 9)}", f"M{w.digits(9)}"))
    return Phi(text, "MEDICALRECORD")


@filler
def csn(w: World) -> Phi:
    return Phi("1" + w.digits(w.num(8, 10)), "IDNUM")


@filler
def fin(w: World) -> Phi:
    return Phi(w.pick((f"{w.digits(10)}", f"F{w.digits(8)}", f"{w.digits(4)}-{w.digits(6)}")), "ACCOUNT")


@filler
def lot(w: World) -> Phi:
    return Phi(
        w.pick(
            (
                f"{w.letters(1)}{w.digits(5)}{w.letters(1)}",
                f"{w.digits(8)}",
                f"{w.letters(2)}{w.digits(4)}-{w.digits(2)}",
            )
        ),
        "DEVICE",
    )


@filler
def dea(w: World, person: Person) -> Phi:
    return Phi(
        f"{w.pick('ABFM')}{person.last[0].upper() if person.last[0].isascii() else 'X'}{w.digits(7)}",
        "LICENSE",
    )


@filler
def date3(w: World, day: dt.date, *formats: str) -> Phi:
    return w.date(day, *(formats or DEV3_FULL_DATES))


@filler
def stamp3(w: World, day: dt.date, clock: str | None = None) -> list[Piece]:
    """An ISO date-time; only the date is PHI ("2019-03-04" of "2019-03-04T10:22")."""
    return [Phi(day.isoformat(), "DATE"), "T" + (clock or f"{w.num(0, 23):02d}:{w.num(0, 59):02d}")]


@filler
def clock3(w: World, k: int, low: int = 3, high: int = 40) -> list[str]:
    """``k`` increasing HH:MM times (never PHI) a few minutes apart, all on one day."""
    minute = w.num(0, 24 * 60 - 1 - k * high)
    out = []
    for _ in range(k):
        out.append(f"{minute // 60:02d}:{minute % 60:02d}")
        minute += w.num(low, high)
    return out


@filler
def age3(w: World, years: int, article: bool = False) -> list[Piece]:
    """An age in one of several layouts ("92 y/o", "age 92", "a 92-year-old", "an 88yo"); only the number
    is a span, and only over 89. ``article`` writes "a"/"an" before it, for prose."""
    if article:
        layout = w.pick(("{a} y/o", "{a}-year-old", "{a}yo", "{a} y.o."))
        an = str(years).startswith("8") or years in (11, 18)
        layout = ("an " if an else "a ") + layout
    else:
        layout = w.pick(("{a} y/o", "{a}-year-old", "{a}yo", "age {a}", "{a} yrs", "{a} y.o."))
    head, tail = layout.split("{a}")
    return [head, age(years), tail]


@filler
def hospital3(w: World) -> str:
    town = town3(w)[0]
    return w.pick(
        (
            f"{town} Memorial Health",
            f"{w.fake.last_name()} Regional Health System",
            f"{w.place_word()} Valley Hospital",
            f"Sisters of Providence {town}",
            f"{town} Surgical Pavilion",
            f"{w.fake.last_name()} Children's Hospital",
            f"{town} Heart & Vascular Institute",
            f"{w.place_word()} Behavioral Health Hospital",
        )
    )


@filler
def facility3(w: World) -> str:
    """Non-hospital care sites (HOSPITAL in i2b2): SNFs, dialysis units, surgery centres, clinics."""
    town = town3(w)[0]
    return w.pick(
        (
            f"The Arbors at {town}",
            f"{w.fake.last_name()} Hill Skilled Nursing",
            f"{w.place_word()} Gardens Assisted Living",
            f"{town} Dialysis Unit",
            f"{w.place_word()} Kidney Center",
            f"{town} Ambulatory Surgery Center",
            f"{w.fake.last_name()} Family Practice",
            f"{town} OB/GYN Partners",
            f"{town} Skin & Laser",
        )
    )


@filler
def snf3(w: World) -> str:
    """Where a patient goes after the hospital: SNFs, assisted living, transitional care (HOSPITAL)."""
    town = town3(w)[0]
    return w.pick(
        (
            f"The Arbors at {town}",
            f"{w.fake.last_name()} Hill Skilled Nursing",
            f"{w.place_word()} Gardens Assisted Living",
            f"{town} Transitional Care Unit",
        )
    )


@filler
def clinic3(w: World) -> str:
    """An outpatient practice (HOSPITAL): "Ruiz Family Practice", "Keene Internal Medicine Associates"."""
    town = town3(w)[0]
    return w.pick(
        (
            f"{w.fake.last_name()} Family Practice",
            f"{town} Internal Medicine Associates",
            f"{w.place_word()} Primary Care at {town}",
            f"{town} Community Health",
        )
    )


@filler
def pharmacy3(w: World) -> Phi:
    town = town3(w)[0]
    text = w.pick(
        (
            f"{w.fake.last_name()} Apothecary",
            f"{town} Family Pharmacy",
            f"{w.place_word()} Compounding Pharmacy",
            f"{w.fake.last_name()}'s Drug",
        )
    )
    return Phi(text, "ORGANIZATION")


@filler
def employer3(w: World) -> Phi:
    text = w.pick(
        (
            w.pick(DEV3_EMPLOYERS),
            f"{w.fake.last_name()} & Sons Plumbing",
            f"{town3(w)[0]} Public Library",
            f"{w.place_word()} Veterinary Hospital",
        )
    )
    return Phi(text, "ORGANIZATION")


@filler
def email3(w: World, person: Person) -> Phi:
    first = "".join(ch for ch in person.first.lower() if ch.isascii() and ch.isalpha())
    last = "".join(ch for ch in person.last.lower() if ch.isascii() and ch.isalpha())
    user = w.pick((f"{first}_{last}", f"{last}.{first[:1]}{w.num(70, 99)}", f"{first}{last[:3]}"))
    return Phi(f"{user}@{w.pick(DEV3_MAIL)}", "EMAIL")


def host3(org: str) -> str:
    return "".join(ch for ch in org.lower() if ch.isascii() and ch.isalnum())[:18]


@filler
def ip3(w: World) -> Phi:
    return Phi(
        w.pick(
            (
                f"10.{w.num(0, 255)}.{w.num(0, 255)}.{w.num(1, 254)}",
                f"172.{w.num(16, 31)}.{w.num(0, 255)}.{w.num(1, 254)}",
            )
        ),
        "IPADDR",
    )


# -- dev3 / pathology: a dermatopathology report, and a transfusion-reaction workup -------------------


# -- dev3 / letter: a consult letter ("Thank you for this consult"), and a referral fax cover sheet ----


DEV3_COUNTRIES = (
    "Eritrea", "Bhutan", "Samoa", "Kazakhstan", "the Philippines", "Sierra Leone", "Iran", "Greece",
    "Cameroon", "Honduras",
)  # fmt: skip
DEV3_LANDMARKS = (
    "the Quabbin Reservoir", "Walden Pond", "Roger Williams Park", "the Erie Canal towpath",
    "Hammonasset Beach", "the Bash Bish Falls trail", "Holyoke Mall", "the Big E fairgrounds",
)  # fmt: skip


# --------------------------------------------------------------------------------------------------
# dev4: a fourth split, added after the scanner had been tuned on dev, dev2 and dev3, written by new
# authors (without looking at the test templates) to measure how the rules generalise. New templates,
# name lists, hospital short forms, date, age and number formats, drawn from its own seeded World, so
# dev, test, dev2 and dev3 stay byte for byte.
# --------------------------------------------------------------------------------------------------

DEV4_SEED_OFFSET = 4  # dev4 uses World(seed + DEV4_SEED_OFFSET)

# fmt: off
DEV4_FIRST_NAMES = (
    ("F", "Adwoa"), ("F", "Folasade"), ("F", "Bożena"), ("F", "Zeynep"), ("F", "Ji-woo"), ("F", "Manaia"),
    ("F", "Rukhsana"), ("F", "Farida"), ("F", "Hadiza"), ("F", "Sigrún"), ("F", "Ingeborg"), ("F", "Carmela"),
    ("F", "Rosalba"), ("F", "Phuong"), ("F", "Mai-Linh"), ("F", "Lourdes"), ("F", "Ana-Sofía"),
    ("F", "Naledi"), ("F", "Keziah"), ("F", "Oyuna"), ("F", "Dilnoza"), ("F", "Wairimu"), ("M", "Obinna"),
    ("M", "Femi"), ("M", "Tadesse"), ("M", "Dawit"), ("M", "Raimundo"), ("M", "Wojciech"), ("M", "Grzegorz"),
    ("M", "Emre"), ("M", "Cem"), ("M", "Jae-won"), ("M", "Min-jun"), ("M", "Ikaika"), ("M", "Keoni"),
    ("M", "Sefa"), ("M", "Anatoly"), ("M", "Ruslan"), ("M", "Faisal"), ("M", "Imran"), ("M", "Jean-Pierre"),
    ("M", "Van-Thanh"), ("M", "Fergal"), ("M", "Pádraig"), ("M", "Hemi"), ("M", "Bongani"),
)
DEV4_WORDLIKE_FIRST_NAMES = (
    ("F", "Liberty"), ("F", "Journey"), ("F", "Serenity"), ("F", "Haven"), ("F", "Blossom"), ("F", "Sage"),
    ("F", "Meadow"), ("F", "Temperance"), ("M", "Ransom"), ("M", "Gunner"), ("M", "Boone"), ("M", "Justice"),
    ("M", "Ace"), ("M", "Ford"), ("M", "Lincoln"),
)
DEV4_SURNAMES = (
    "Adebayo-Smith", "Oyinlola", "Asamoah", "Boateng", "Tembo", "Chukwu", "Bakare", "Wiśniewski",
    "Zieliński", "Kovačević", "Petrović", "Hadžić", "Öztürk", "Aydın", "Kahananui", "Lam", "Truong", "Đặng",
    "Santiago-Méndez", "de los Reyes", "del Toro", "Mac Giolla Bhríde", "O'Shaughnessy", "van der Merwe",
    "ter Horst", "Abu-Lughod", "El-Sayed", "Haile Mariam", "Gebre-Egziabher", "Ramaswamy", "Subramanian",
    "Krishnamurthy", "Ahmadzai", "Popal", "Nazari", "Yellowhorse", "Two Bulls", "Whitehorse", "Kekumu",
    "Aufderheide", "Schoenberger-Diaz", "Nakagawa-Price", "Baptiste-Louis", "St. Fleur", "Mohamud",
)
DEV4_WORDLIKE_SURNAMES = (
    "Christmas", "Friday", "Sparks", "Honey", "Stout", "Rush", "Loving", "Bolt", "Pounds", "Wing", "Frye",
    "Hale", "Worth", "Root", "Boyd", "Godfrey", "Armstrong", "Blessing", "Pray", "Toothman", "Savage",
)
NICKNAMES4 = (
    "Bud", "Sissy", "Junior", "Red", "Peaches", "Skip", "Boo", "Tink", "Moose", "Butch", "Dolly", "Smitty",
    "Cookie", "Chip",
)
# Real towns not used by the older splits (several are words: Climax, Why, Joy, Plain, Carefree, Eden).
DEV4_TOWNS = (
    ("Brattleboro", "VT"), ("Saco", "ME"), ("Presque Isle", "ME"), ("Lynn", "MA"), ("Revere", "MA"),
    ("Woburn", "MA"), ("Westerly", "RI"), ("Claremont", "NH"), ("Torrington", "CT"), ("Meriden", "CT"),
    ("Oneonta", "NY"), ("Ithaca", "NY"), ("Rome", "NY"), ("Syracuse", "NY"), ("Lancaster", "PA"),
    ("Hazleton", "PA"), ("Sandusky", "OH"), ("Zanesville", "OH"), ("Milan", "OH"), ("Kokomo", "IN"),
    ("Eden", "NC"), ("Climax", "MI"), ("Carefree", "AZ"), ("Why", "AZ"), ("Joy", "IL"), ("Plain", "WI"),
    ("Versailles", "KY"), ("Manchester-by-the-Sea", "MA"), ("Hope Mills", "NC"), ("Buffalo", "NY"),
)
DEV4_STATES = {
    "VT": "Vermont", "ME": "Maine", "MA": "Massachusetts", "RI": "Rhode Island", "NH": "New Hampshire",
    "CT": "Connecticut", "NY": "New York", "PA": "Pennsylvania", "OH": "Ohio", "IN": "Indiana",
    "NC": "North Carolina", "MI": "Michigan", "AZ": "Arizona", "IL": "Illinois", "WI": "Wisconsin",
    "KY": "Kentucky",
}
DEV4_PROFESSIONS = (
    "flight attendant", "bank teller", "ironworker", "nail technician", "youth pastor", "home inspector",
    "carpet installer", "data analyst", "shellfish warden", "cosmetologist", "school librarian",
    "long-haul trucker", "meat cutter", "pipefitter", "retired insurance adjuster", "graduate student",
    "snowplow driver", "orchard worker", "letter carrier", "sign-language interpreter",
)
DEV4_EMPLOYERS = (
    "Liberty Mutual", "MassMutual", "Hanover Insurance", "Harvard Pilgrim", "Staples", "BJ's Wholesale",
    "General Dynamics", "Eversource", "National Grid", "Sodexo", "Aramark", "Raymour & Flanigan",
)
DEV4_COUNTRIES = ("Ghana", "Turkey", "Bosnia", "Afghanistan", "Somalia", "Mongolia", "Fiji", "Peru", "Laos")
DEV4_LANDMARKS = (
    "the Minuteman Bikeway", "Crane Beach", "the Mohawk Trail", "Acadia", "Lake Winnipesaukee",
    "the Cape Cod Rail Trail", "Niagara Falls State Park", "the Appalachian Trail",
)
DEV4_AREA_CODES = ("224", "331", "463", "667", "689", "743", "854", "938", "680", "726", "448", "564")
DEV4_MAIL = ("gmx.com", "rocketmail.com", "juno.com", "netzero.net", "roadrunner.com", "zoho.com")
# fmt: on

# New date layouts (no older split uses these keys).
DATE_FORMATS.update(
    {
        "m-d": lambda d: f"{d.month}-{d.day}",
        "m/yyyy": lambda d: f"{d.month}/{d.year}",
        "MON-dd-yyyy": lambda d: f"{MONTHS[d.month - 1][:3].upper()}-{d.day:02d}-{d.year}",
        "yyyy.mm.dd": lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
        "Month dth 'yy": lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)} '{d.year % 100:02d}",
        "dMonyyyy": lambda d: f"{d.day}{MONTHS[d.month - 1][:3]}{d.year}",
        "mon d": lambda d: f"{MONTHS[d.month - 1][:3].lower()} {d.day}",
        "Mon-yyyy": lambda d: f"{MONTHS[d.month - 1][:3]}-{d.year}",
        "Mon dth yyyy": lambda d: f"{MONTHS[d.month - 1][:3]} {ordinal(d.day)} {d.year}",
        "m.d.yy": lambda d: f"{d.month}.{d.day}.{d.year % 100:02d}",
    }
)
DEV4_FULL_DATES = ("MON-dd-yyyy", "yyyy.mm.dd", "Month dth 'yy", "dMonyyyy", "Mon dth yyyy", "m.d.yy")
DEV4_SHORT_DATES = ("m-d", "mon d", "dth of Month", "Mon dth", "m/d", "d Month")

# New name layouts: lower case (texts), "LAST FIRST" (no comma), "LAST, F", three bare initials.
NAME_FORMATS.update(
    {
        "lower_full": lambda p: f"{p.first} {p.last}".lower(),
        "LAST FIRST": lambda p: f"{p.last} {p.first}".upper(),
        "LAST_fi": lambda p: f"{p.last.upper()}, {p.first[0]}",
        "ini3": lambda p: f"{p.first[0]}{p.middle}{p.last[0]}".upper(),
        "first_mi_last_dotless": lambda p: f"{p.first} {p.middle}. {p.last}",
    }
)


@filler
def person4(w: World, sex: str | None = None, last: str | None = None) -> Person:
    """A dev4 person: names mostly from the dev4 lists (many origins, hyphenated and multi-part)."""
    sex = sex or w.pick("FM")
    roll = w.rng.random()
    if roll < 0.15:
        first = w.pick([name for s, name in DEV4_WORDLIKE_FIRST_NAMES if s == sex])
    elif roll < 0.55:
        first = w.pick([name for s, name in DEV4_FIRST_NAMES if s == sex])
    else:
        first = w.fake.first_name_female() if sex == "F" else w.fake.first_name_male()
    if last is None:
        roll = w.rng.random()
        if roll < 0.2:
            last = w.pick(DEV4_WORDLIKE_SURNAMES)
        elif roll < 0.6:
            last = w.pick(DEV4_SURNAMES)
        else:
            last = w.fake.last_name()
    return Person(first, last, sex, w.pick(string.ascii_uppercase))


@filler
def relative4(w: World, patient: Person, years: int = 60) -> tuple[str, Person]:
    """A dev4 family member or partner, with relations no older split uses."""
    relations = (
        "sister-in-law", "uncle", "ex-husband", "half-brother", "godson", "common-law husband",
        "great-granddaughter", "boyfriend", "girlfriend",
    )  # fmt: skip
    relation = w.pick(relations if years >= 60 else (*relations, "foster mother", "stepmother"))
    female = relation in (
        "sister-in-law", "great-granddaughter", "girlfriend", "foster mother", "stepmother"
    )  # fmt: skip
    same_last = relation in ("uncle", "half-brother", "great-granddaughter") or w.chance(0.25)
    return relation, person4(w, "F" if female else "M", patient.last if same_last else None)


@filler
def nick4(w: World, person: Person) -> list[Piece]:
    """A name with a nickname in quotes, as staff write it: Robert "Bud" Kowalski (one span, quotes
    included) or the nickname alone later on."""
    return [Phi(f'{person.first} "{w.pick(NICKNAMES4)}" {person.last}', "PATIENT")]


@filler
def town4(w: World) -> tuple[str, str]:
    if w.chance(0.7):
        return w.pick(DEV4_TOWNS)
    return w.fake.city(), w.pick(("MA", "NY", "PA", "OH", "NC"))


@filler
def address4(w: World, sep: str = ", ") -> list[Piece]:
    """ "88 Depot St Fl 2", "Rural Route 3 Box 41", "1200 Rte 9W Lot 17", a state by name or code."""
    town, state = town4(w)
    kind = w.num(0, 3)
    if kind == 0:
        street = f"{w.num(2, 999)} {w.fake.street_name()} Fl {w.num(1, 3)}"
    elif kind == 1:
        street = f"Rural Route {w.num(1, 9)} Box {w.num(10, 299)}"
    elif kind == 2:
        street = f"{w.num(100, 4999)} Rte {w.num(1, 202)}{w.pick(('', 'W', 'A'))} Lot {w.num(1, 80)}"
    else:
        street = w.fake.street_address()
    return [
        Phi(street, "STREET"),
        sep,
        Phi(town, "CITY"),
        w.pick((", ", " ")),
        Phi(w.pick((state, state, DEV4_STATES[state])), "STATE"),
        " ",
        Phi(w.fake.zipcode_in_state(state), "ZIP"),
    ]


@filler
def phone4(w: World, label: str = "PHONE", ext: bool | None = None) -> list[Piece]:
    """A phone or fax in dev4 layouts; an extension either in the span ("x12") or as its own span."""
    area, exchange, line = w.pick(DEV4_AREA_CODES), str(w.num(201, 989)), w.digits(4)
    text = w.pick(
        (
            f"({area}){exchange}-{line}",
            f"{area}-{exchange}-{line}",
            f"+1 ({area}) {exchange}-{line}",
            f"{area} {exchange}-{line}",
            f"1{area}{exchange}{line}",
        )
    )
    if ext is None:
        ext = label == "PHONE" and w.chance(0.35)
    if not ext:
        return [Phi(text, label)]
    if w.chance(0.4):
        return [Phi(f"{text} ext{w.digits(w.num(2, 4))}", label)]
    head, tail = w.pick(((" ext ", ""), (", ext. ", ""), (" (ext ", ")"), (" opt 2, ext ", "")))
    return [Phi(text, label), head, Phi(w.digits(w.num(3, 5)), "PHONE"), tail]


@filler
def pager4(w: World) -> Phi:
    return Phi(w.pick((f"{w.num(2, 8)}-{w.digits(4)}", w.digits(5), f"{w.digits(3)}-{w.digits(3)}")), "PHONE")


@filler
def mrn4(w: World) -> Phi:
    text = w.pick(
        (f"{w.digits(3)} {w.digits(3)} {w.digits(3)}", f"MRN{w.digits(8)}", f"{w.letters(1)}{w.digits(6)}")
    )
    return Phi(text, "MEDICALRECORD")


@filler
def encounter4(w: World) -> Phi:
    return Phi(w.pick((f"ENC{w.digits(9)}", f"{w.digits(2)}-{w.digits(7)}", f"V{w.digits(10)}")), "IDNUM")


@filler
def account4(w: World) -> Phi:
    return Phi(w.pick((f"HAR {w.digits(9)}", f"{w.digits(12)}", f"A{w.digits(3)}-{w.digits(5)}")), "ACCOUNT")


@filler
def date4(w: World, day: dt.date, *formats: str) -> Phi:
    return w.date(day, *(formats or DEV4_FULL_DATES))


@filler
def age4(w: World, years: int) -> list[Piece]:
    """An age in dev4 layouts ("92 years of age", "aged 92", "92y", "92 yo F"); only the number is a span,
    and only over 89."""
    layout = w.pick(("{a} years of age", "aged {a}", "{a}y", "{a} yo", "{a}-yr-old", "{a} years old"))
    head, tail = layout.split("{a}")
    return [head, age(years), tail]


@filler
def hospital4(w: World) -> tuple[str, str]:
    """A hospital as (full name, the short form staff use in running text): "Sinai West", "UH", "VA",
    "Mercy", a hospital named after a person, a campus or a pavilion."""
    town = town4(w)[0]
    kind = w.num(0, 7)
    if kind == 0:
        base = w.pick(("Sinai", "Baptist", "Methodist", "Good Samaritan", "Presbyterian"))
        side = w.pick(("West", "North", "East", "South"))
        return f"{base} {side} Medical Center", f"{base} {side}"
    if kind == 1:
        return f"University Hospitals {town} Medical Center", w.pick(("UH", f"UH {town}"))
    if kind == 2:
        return f"{town} VA Medical Center", "VA"
    if kind == 3:
        last = w.fake.last_name()
        return f"{w.fake.first_name()} {last} Memorial Hospital", f"{last} Memorial"
    if kind == 4:
        return f"Mercy Health - {town} Campus", "Mercy"
    if kind == 5:
        last = w.fake.last_name()
        return f"{last} Pavilion at {town} Regional", f"{last} Pavilion"
    if kind == 6:
        saint = w.pick(SAINTS)
        return f"Saint {saint} Hospital - {town}", f"Saint {saint}'s"
    return f"{town} Health System", f"{town} Health"


@filler
def short4(w: World, short: str) -> list[Piece]:
    """A hospital's short form in running text: "the VA", "UH", "Sinai West"."""
    return ["the ", Phi(short, "HOSPITAL")] if short == "VA" else [Phi(short, "HOSPITAL")]


@filler
def practice4(w: World, specialty: str = "Internal Medicine") -> str:
    """An affiliated practice or group (HOSPITAL in i2b2)."""
    town = town4(w)[0]
    return w.pick(
        (
            f"{town} Physicians Group",
            f"{w.fake.last_name()} & {w.fake.last_name()} {specialty}",
            f"{w.place_word()} Medical Associates",
            f"{town} {specialty}, PC",
        )
    )


@filler
def facility4(w: World) -> str:
    """SNFs, dialysis units, hospices, urgent cares, adult day programmes (HOSPITAL)."""
    town = town4(w)[0]
    return w.pick(
        (
            f"The Villa at {town}",
            f"{town} Health & Rehabilitation",
            f"{w.fake.last_name()} Renal Care of {town}",
            f"{w.place_word()} Adult Day Health",
            f"{town} Hospice & Palliative Care",
            f"{w.fake.last_name()} Urgent Care",
        )
    )


@filler
def pharmacy4(w: World) -> Phi:
    town = town4(w)[0]
    text = w.pick(
        (
            f"{town} Drug & Surgical",
            f"{w.fake.last_name()} Pharmacy & Gifts",
            f"{w.place_word()} Rx",
            f"{town} Community Pharmacy",
        )
    )
    return Phi(text, "ORGANIZATION")


@filler
def org4(w: World, kind: str = "employer") -> Phi:
    """ORGANIZATION: an employer, school, church or agency."""
    town = town4(w)[0]
    options = {
        "employer": (
            w.pick(DEV4_EMPLOYERS),
            f"{town} Housing Authority",
            f"{w.fake.last_name()} Roofing & Gutters",
            f"{town} Public Works",
        ),
        "school": (
            f"{w.fake.last_name()} Middle School",
            f"{town} High School",
            f"St. {w.pick(SAINTS)} Academy",
            f"{town} Community College",
        ),
        "k12": (
            f"{w.fake.last_name()} Elementary School",
            f"{w.fake.last_name()} Middle School",
            f"{town} High School",
            f"St. {w.pick(SAINTS)} Academy",
        ),
        "church": (
            f"First Baptist Church of {town}",
            f"St. {w.pick(SAINTS)} Parish",
            f"Temple Beth {w.pick(('El', 'Shalom', 'Israel'))}",
            f"{town} Islamic Center",
        ),
        "agency": (
            f"{town} Council on Aging",
            f"{w.fake.last_name()} County Sheriff's Office",
            f"{town} Department of Veterans' Services",
            f"{w.place_word()} Home Health Services",
        ),
        "transit": (
            f"{town} Regional Transit",
            f"{w.fake.last_name()} Chair Car",
            f"{w.place_word()} Medical Rides",
        ),
    }[kind]
    return Phi(w.pick(options), "ORGANIZATION")


@filler
def username4(w: World, person: Person) -> Phi:
    first = "".join(ch for ch in person.first.lower() if ch.isascii() and ch.isalpha())
    last = "".join(ch for ch in person.last.lower() if ch.isascii() and ch.isalpha())
    text = w.pick(
        (
            f"{first[:1]}{last[:7]}{w.num(1, 9)}".upper(),
            f"{last}{first[:1]}",
            f"u{w.digits(6)}",
            f"{first[:2]}{last[:2]}{w.digits(3)}",
        )
    )
    return Phi(text, "USERNAME")


@filler
def email4(w: World, person: Person) -> Phi:
    first = "".join(ch for ch in person.first.lower() if ch.isascii() and ch.isalpha())
    last = "".join(ch for ch in person.last.lower() if ch.isascii() and ch.isalpha())
    user = w.pick((f"{first}{w.num(1960, 2005)}", f"{last}_{first[:1]}", f"{first}.{last}{w.num(1, 9)}"))
    return Phi(f"{user}@{w.pick(DEV4_MAIL)}", "EMAIL")


def host4(org: str) -> str:
    return "".join(ch for ch in org.lower() if ch.isascii() and ch.isalnum())[:16]


# -- dev4 / pathology: a microbiology culture report with a critical call, and a cytogenetics report ---


# --------------------------------------------------------------------------------------------------
# dev5: a fifth split, added after the scanner had been tuned on dev, dev2, dev3 and dev4, written by new
# authors (without looking at the test templates) to measure how the rules generalise. New templates,
# name lists, hospital short forms, date, age and number formats, drawn from its own seeded World, so
# dev, test, dev2, dev3 and dev4 stay byte for byte.
# --------------------------------------------------------------------------------------------------

DEV5_SEED_OFFSET = 5  # dev5 uses World(seed + DEV5_SEED_OFFSET)

# fmt: off
DEV5_FIRST_NAMES = (
    ("F", "Ebele"), ("F", "Akosua"), ("F", "Efua"), ("F", "Zofia"), ("F", "Wiesława"), ("F", "Halina"),
    ("F", "Gülşen"), ("F", "Sevgi"), ("F", "Min-seo"), ("F", "Ji-yeon"), ("F", "Pualani"), ("F", "Kailani"),
    ("F", "Citlali"), ("F", "Yareli"), ("F", "Lindiwe"), ("F", "Zanele"), ("F", "Ngaio"), ("F", "Niamh"),
    ("F", "Caoimhe"), ("F", "Sigríður"), ("F", "Torunn"), ("F", "Dildora"), ("F", "Shahnoza"),
    ("F", "Selamawit"), ("F", "Lan-Anh"), ("F", "Anne-Laure"), ("F", "Golnaz"), ("F", "Shoshana"),
    ("M", "Emeka"), ("M", "Ikenna"), ("M", "Kofi"), ("M", "Yaw"), ("M", "Bartosz"), ("M", "Zbigniew"),
    ("M", "Hakan"), ("M", "Serkan"), ("M", "Ji-hoon"), ("M", "Kekoa"), ("M", "Anselmo"), ("M", "Rigoberto"),
    ("M", "Mandla"), ("M", "Lwazi"), ("M", "Tiernan"), ("M", "Donncha"), ("M", "Fionnán"), ("M", "Leif"),
    ("M", "Ørjan"), ("M", "Azamat"), ("M", "Bakhyt"), ("M", "Eliezer"), ("M", "Marc-André"),
    ("M", "Quoc-Bao"), ("M", "Kourosh"),
)
DEV5_WORDLIKE_FIRST_NAMES = (
    ("F", "Gift"), ("F", "Honesty"), ("F", "Verity"), ("F", "Lark"), ("F", "Treasure"), ("F", "Clover"),
    ("F", "Promise"), ("F", "Unity"), ("M", "Blaze"), ("M", "Ridge"), ("M", "Cannon"), ("M", "Maverick"),
    ("M", "Dash"), ("M", "Gentry"), ("M", "Legend"),
)
DEV5_SURNAMES = (
    "Okonjo-Bell", "Amponsah", "Darko-Mensah", "Agyeman", "Ogunleye", "Wróblewski", "Pawłowski", "Sikorski",
    "Kılıç", "Çetin", "Erdoğan", "Han-Park", "Seo", "Noh", "Keawe", "Akana", "Phạm-Lê", "Trịnh",
    "Cabeza de Vaca", "del Río-Ybarra", "Mac Aodha", "Ó Ceallaigh", "Nic Giolla Phádraig", "Brennan-Hughes",
    "van Wyk", "de Jongh", "El-Khoury", "Abdel-Malek", "Nassar-Haddad", "Wolde", "Subrahmanyam",
    "Chakraborty-Hale", "Raghunathan", "Mousavi", "Jafari", "Tohee", "Black Elk", "Little Thunder",
    "Sandqvist", "Bjørnstad", "Guðmundsdóttir", "Gutiérrez-Solana", "Oliveira Neto", "Figueiredo",
    "Arsenault", "Boudreaux", "Fontenot", "Ouellette-Reyes",
)
DEV5_WORDLIKE_SURNAMES = (
    "Brooks", "Winters", "Fairweather", "Lovejoy", "Stillwell", "Merriweather", "Proud", "Gladden", "Plenty",
    "Cheek", "Bunch", "Biggs", "Pettibone", "Kindred", "Lightfoot", "Bliss", "Goodheart", "Rainwater",
    "Doolittle", "Gentle",
)
NICKNAMES5 = (
    "Tiny", "Sarge", "Bubba", "Lefty", "Bunny", "Buster", "Birdie", "Gigi", "Coco", "Duke", "Pee Wee",
    "Nana Jo", "Tex", "Scooter",
)
# Real towns not used by the older splits (several are words: Accident, Ordinary, Surprise, Happy,
# Friendly, Protection, Welcome, Unity; some are foreign places: Lisbon, China, Belfast, Naples, Canaan).
DEV5_TOWNS = (
    ("North Adams", "MA"), ("Greenfield", "MA"), ("Amesbury", "MA"), ("Laconia", "NH"), ("Littleton", "NH"),
    ("Skowhegan", "ME"), ("Lisbon", "ME"), ("China", "ME"), ("Belfast", "ME"), ("Unity", "ME"),
    ("St. Johnsbury", "VT"), ("Bennington", "VT"), ("Danbury", "CT"), ("Canaan", "CT"),
    ("Pawcatuck", "CT"), ("Plattsburgh", "NY"), ("Watertown", "NY"), ("Olean", "NY"), ("Williamsport", "PA"),
    ("Bird-in-Hand", "PA"),
    ("Wilkes-Barre", "PA"), ("Chillicothe", "OH"), ("Ashtabula", "OH"), ("Muncie", "IN"), ("Accident", "MD"),
    ("Welcome", "MD"), ("Ordinary", "VA"), ("Surprise", "AZ"), ("Happy", "TX"), ("Friendly", "WV"),
    ("Protection", "KS"), ("Naples", "FL"),
)
DEV5_STATES = {
    "MA": "Massachusetts", "NH": "New Hampshire", "ME": "Maine", "VT": "Vermont", "CT": "Connecticut",
    "RI": "Rhode Island", "NY": "New York", "PA": "Pennsylvania", "OH": "Ohio", "IN": "Indiana",
    "MD": "Maryland", "VA": "Virginia", "AZ": "Arizona", "TX": "Texas", "WV": "West Virginia", "KS": "Kansas",
    "FL": "Florida",
}
DEV5_PROFESSIONS = (
    "school bus monitor", "stonemason", "radio DJ", "hospice aide", "optician", "oyster farmer",
    "retired ski patroller", "wind-turbine technician", "library clerk", "lineman", "pastry chef",
    "medical coder", "auto-body painter", "harbor pilot", "personal trainer", "retired postmaster",
    "security guard", "cheese maker", "tree surgeon", "church organist",
)
DEV5_EMPLOYERS = (
    "Travelers", "Amica Mutual", "Unum", "Point32Health", "Dartmouth Health", "IDEXX", "Ben & Jerry's",
    "Cabot Creamery", "Stanley Black & Decker", "Hasbro", "Keurig Dr Pepper", "Walmart Distribution Center",
)
DEV5_COUNTRIES = (
    "Nepal", "Tajikistan", "Burundi", "Moldova", "Sri Lanka", "Jamaica", "Albania", "Myanmar", "El Salvador",
)
DEV5_LANDMARKS = (
    "Mount Monadnock", "the Freedom Trail", "Revere Beach", "Old Orchard Beach",
    "the Kancamagus Highway", "Lake Champlain", "the Norwottuck Rail Trail", "Plum Island",
)
DEV5_AREA_CODES = ("838", "445", "582", "223", "878", "724", "567", "934", "272", "740", "765", "301")
DEV5_MAIL = ("mail.com", "aim.com", "cox.net", "frontier.com", "windstream.net", "tutanota.com")
# UK material for the GP referral author (reserved 01632 / 07700 900 numbers, invented postcodes).
UK_TOWNS = (
    ("Harrogate", "North Yorkshire"), ("Stroud", "Gloucestershire"), ("Kendal", "Cumbria"),
    ("Bideford", "Devon"), ("Penrith", "Cumbria"), ("Ludlow", "Shropshire"), ("Malvern", "Worcestershire"),
    ("Wetherby", "West Yorkshire"),
)
# fmt: on

# New date layouts (no older split uses these keys).
DATE_FORMATS.update(
    {
        "dd.Mon.yyyy": lambda d: f"{d.day:02d}.{MONTHS[d.month - 1][:3]}.{d.year}",
        "Mon-dd-yy": lambda d: f"{MONTHS[d.month - 1][:3]}-{d.day:02d}-{d.year % 100:02d}",
        "yyyy-Mon-dd": lambda d: f"{d.year}-{MONTHS[d.month - 1][:3]}-{d.day:02d}",
        "mmddyyyy": lambda d: f"{d.month:02d}{d.day:02d}{d.year}",
        "Mon d, 'yy": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, '{d.year % 100:02d}",
        "dth of Month yyyy": lambda d: f"{ordinal(d.day)} of {MONTHS[d.month - 1]} {d.year}",
        "Wkd, Month d, yyyy": lambda d: f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}",
        "Wkd m/d": lambda d: f"{WEEKDAYS[d.weekday()][:3]} {d.month}/{d.day}",
        "dd Mon": lambda d: f"{d.day:02d} {MONTHS[d.month - 1][:3]}",
        "dd/mm/yyyy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
        "d Mon yyyy": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
        "Month, yyyy": lambda d: f"{MONTHS[d.month - 1]}, {d.year}",
        "m/d/yyyy@": lambda d: f"{d.month}/{d.day}/{d.year}",
    }
)
DEV5_FULL_DATES = (
    "dd.Mon.yyyy", "Mon-dd-yy", "yyyy-Mon-dd", "mmddyyyy", "Mon d, 'yy", "dth of Month yyyy", "m/d/yyyy",
)  # fmt: skip
DEV5_SHORT_DATES = ("dd Mon", "Wkd m/d", "dth of Month", "m-d", "Mon d", "m/d")

# New name layouts: "Last, First M" (no dot), "F. M. Last", two initials without dots, a lower-case
# first name (texts), "LAST, First".
NAME_FORMATS.update(
    {
        "last_first_m": lambda p: f"{p.last}, {p.first} {p.middle}",
        "f_m_last": lambda p: f"{p.first[0]}. {p.middle}. {p.last}",
        "ini2": lambda p: f"{p.first[0]}{p.last[0]}".upper(),
        "lower_first": lambda p: p.first.lower(),
        "LAST_First": lambda p: f"{p.last.upper()}, {p.first}",
    }
)


@filler
def person5(w: World, sex: str | None = None, last: str | None = None) -> Person:
    """A dev5 person: names mostly from the dev5 lists (many origins, hyphenated and multi-part)."""
    sex = sex or w.pick("FM")
    roll = w.rng.random()
    if roll < 0.15:
        first = w.pick([name for s, name in DEV5_WORDLIKE_FIRST_NAMES if s == sex])
    elif roll < 0.55:
        first = w.pick([name for s, name in DEV5_FIRST_NAMES if s == sex])
    else:
        first = w.fake.first_name_female() if sex == "F" else w.fake.first_name_male()
    if last is None:
        roll = w.rng.random()
        if roll < 0.2:
            last = w.pick(DEV5_WORDLIKE_SURNAMES)
        elif roll < 0.6:
            last = w.pick(DEV5_SURNAMES)
        else:
            last = w.fake.last_name()
    return Person(first, last, sex, w.pick(string.ascii_uppercase))


@filler
def relative5(w: World, patient: Person, years: int = 60) -> tuple[str, Person]:
    """A dev5 family member or partner, with relations no older split uses (friends, neighbours and
    supervisors are drawn with ``person5`` and carry no role)."""
    relations = (
        "second wife", "stepson", "daughter's partner", "cousin", "grandnephew", "aunt", "goddaughter",
        "great-aunt", "ex-wife", "son's fiancée", "longtime partner",
    )  # fmt: skip
    relation = w.pick(relations if years >= 40 else (*relations, "grandmother", "stepfather"))
    female = relation in ("second wife", "aunt", "goddaughter", "great-aunt", "ex-wife", "son's fiancée") or (
        relation in ("daughter's partner", "cousin", "longtime partner", "grandmother") and w.chance(0.5)
    )
    same_last = relation in ("second wife", "grandnephew", "stepfather") or w.chance(0.2)
    return relation, person5(w, "F" if female else "M", patient.last if same_last else None)


@filler
def nick5(w: World, person: Person) -> Phi:
    """First 'Nick' Last, single quotes inside the span."""
    return Phi(f"{person.first} '{w.pick(NICKNAMES5)}' {person.last}", "PATIENT")


@filler
def town5(w: World) -> tuple[str, str]:
    if w.chance(0.7):
        return w.pick(DEV5_TOWNS)
    return w.fake.city(), w.pick(("VT", "NH", "CT", "NY", "PA", "OH"))


@filler
def address5(w: World, sep: str = ", ") -> list[Piece]:
    """ "14-B Quarry Ln", "12 Elm St Unit 3R", "4410 County Road 17", a state by name or code, often a
    ZIP+4."""
    town, state = town5(w)
    kind = w.num(0, 3)
    if kind == 0:
        street = f"{w.num(2, 399)}-{w.pick('ABCD')} {w.fake.street_name()}"
    elif kind == 1:
        street = f"{w.num(1, 99)} {w.fake.street_name()} Unit {w.num(1, 12)}{w.pick('RLF')}"
    elif kind == 2:
        street = f"{w.num(1000, 9999)} {w.pick(('County Road', 'State Hwy', 'Old Route'))} {w.num(2, 99)}"
    else:
        street = w.fake.street_address()
    zip_code = w.fake.zipcode_in_state(state) + (f"-{w.digits(4)}" if w.chance(0.4) else "")
    return [
        Phi(street, "STREET"),
        sep,
        Phi(town, "CITY"),
        w.pick((", ", " ")),
        Phi(w.pick((state, state, DEV5_STATES[state])), "STATE"),
        w.pick((" ", "  ")),
        Phi(zip_code, "ZIP"),
    ]


@filler
def phone5(w: World, label: str = "PHONE", ext: bool | None = None) -> list[Piece]:
    """A phone or fax in dev5 layouts; an extension either in the span ("x 221") or its own span."""
    area, exchange, line = w.pick(DEV5_AREA_CODES), str(w.num(201, 989)), w.digits(4)
    text = w.pick(
        (
            f"({area}) {exchange} {line}",
            f"{area}.{exchange}-{line}",
            f"+1-{area}-{exchange}-{line}",
            f"{area}-{exchange}-{line}",
            f"[{area}] {exchange}-{line}",
        )
    )
    if ext is None:
        ext = label == "PHONE" and w.chance(0.35)
    if not ext:
        return [Phi(text, label)]
    if w.chance(0.4):
        return [Phi(f"{text} x {w.digits(w.num(3, 4))}", label)]
    head, tail = w.pick(((" ext: ", ""), (" extension ", ""), (" [x", "]"), (", then ", " at the prompt")))
    return [Phi(text, label), head, Phi(w.digits(w.num(3, 5)), "PHONE"), tail]


@filler
def pager5(w: World) -> Phi:
    return Phi(
        w.pick((f"#{w.digits(4)}", f"{w.digits(2)}-{w.digits(3)}", f"{w.digits(3)}-{w.digits(4)}")), "PHONE"
    )


@filler
def mrn5(w: World) -> Phi:
    text = w.pick(
        (f"E{w.digits(8)}", f"{w.digits(2)}-{w.digits(2)}-{w.digits(2)}", f"MR{w.digits(7)}-{w.digits(1)}")
    )
    return Phi(text, "MEDICALRECORD")


@filler
def csn5(w: World) -> Phi:
    return Phi(f"{w.pick(('3', '4', '5'))}{w.digits(9)}", "IDNUM")


@filler
def fin5(w: World) -> Phi:
    return Phi(w.pick((f"{w.digits(10)}", f"FIN-{w.digits(8)}", f"{w.digits(4)}.{w.digits(6)}")), "ACCOUNT")


@filler
def npi5(w: World) -> Phi:
    return Phi("1" + w.digits(9), "IDNUM")


@filler
def date5(w: World, day: dt.date, *formats: str) -> Phi:
    return w.date(day, *(formats or DEV5_FULL_DATES))


@filler
def age5(w: World, years: int, sex: str) -> list[Piece]:
    """An age in dev5 layouts ("92 yr old", "92-year old", "92yoF", "Age: 92", "92 years"); only the number
    is a span, and only over 89."""
    layout = w.pick(("{a} yr old", "{a}-year old", "{a}yo" + sex, "Age: {a}", "{a} years", "{a} y/o " + sex))
    head, tail = layout.split("{a}")
    return [head, age(years), tail]


@filler
def hospital5(w: World) -> tuple[str, str]:
    """A hospital as (full name, short form): "the Clinic", a one-word health system named after a
    person, "Deaconess", "Holy Family", a tower, "Mount ...", a cancer institute, a university
    hospital written "the U"."""
    town = town5(w)[0]
    kind = w.num(0, 7)
    if kind == 0:
        return f"{town} Clinic", "the Clinic"
    if kind == 1:
        last = w.fake.last_name()
        return f"{last} Health", last
    if kind == 2:
        return f"{town} Deaconess Hospital", "Deaconess"
    if kind == 3:
        name = w.pick(("Holy Family", "Holy Cross", "Good Shepherd", "Sacred Heart", "Holy Redeemer"))
        return f"{name} Hospital - {town}", name
    if kind == 4:
        last = w.fake.last_name()
        return f"{town} Hospital Center, {last} Tower", f"{last} Tower"
    if kind == 5:
        head = w.pick(PLACE_HEADS)
        return f"Mount {head} Hospital", f"Mount {head}"
    if kind == 6:
        last = w.fake.last_name()
        return f"{last} Cancer Institute", last
    return f"University Medical Center of {town}", "the U"


@filler
def hosp5(w: World, text: str) -> list[Piece]:
    """A hospital short form in running text: "the Clinic" and "the U" keep "the" outside the span."""
    if text.startswith("the "):
        return ["the ", Phi(text[4:], "HOSPITAL")]
    return [Phi(text, "HOSPITAL")]


@filler
def practice5(w: World, specialty: str = "Family Medicine") -> str:
    """Practices, SNFs, dialysis and sleep centres, urgent cares, imaging (HOSPITAL)."""
    town = town5(w)[0]
    return w.pick(
        (
            f"{w.fake.last_name()} Family Practice",
            f"{town} {specialty} & Wellness",
            f"{w.place_word()} {specialty} Partners, LLC",
            f"{town} Area {specialty}",
        )
    )


@filler
def facility5(w: World) -> str:
    town = town5(w)[0]
    return w.pick(
        (
            f"{w.fake.last_name()} Gardens Skilled Nursing",
            f"Dialysis Clinic of {town}",
            f"{town} Post-Acute & Memory Care",
            f"{w.place_word()} ExpressCare",
            f"{w.fake.last_name()} House",
            f"{town} Imaging at {w.place_word()} Plaza",
        )
    )


@filler
def snf5(w: World) -> str:
    """A skilled nursing or long-term care facility (HOSPITAL)."""
    town = town5(w)[0]
    return w.pick(
        (
            f"{w.fake.last_name()} Gardens Skilled Nursing",
            f"{town} Post-Acute & Memory Care",
            f"The Residence at {w.place_word()}",
            f"{town} Center for Nursing & Rehabilitation",
        )
    )


@filler
def pharmacy5(w: World) -> Phi:
    town = town5(w)[0]
    text = w.pick(
        (
            f"{town} Compounding Pharmacy",
            f"{w.fake.last_name()} Family Pharmacy",
            f"{w.place_word()} Specialty Pharmacy",
            f"{town} Home Infusion",
        )
    )
    return Phi(text, "ORGANIZATION")


@filler
def org5(w: World, kind: str = "employer") -> Phi:
    """ORGANIZATION: an employer, school, church, agency, DME supplier or funeral home."""
    town = town5(w)[0]
    last = w.fake.last_name()
    options = {
        "employer": (w.pick(DEV5_EMPLOYERS), f"{town} Water Department", f"{last} Excavation",
                     f"{last} & Sons Paving"),
        "school": (f"{town} Regional Vocational Technical High School", f"{last} University",
                   f"{town} Montessori School", f"{town} Adult Learning Center"),
        "church": ("Grace Lutheran Church", "Holy Trinity Greek Orthodox Church", f"{town} Kingdom Hall",
                   f"Masjid al-Noor of {town}", f"{town} Congregational Church"),
        "agency": (f"{last} County Department of Social Services", f"{town} Fire Rescue",
                   f"Area Agency on Aging of {town}", f"{town} Housing Authority"),
        "police": (f"{town} Police Department", f"{town} PD", f"{DEV5_STATES[town5(w)[1]]} State Police"),
        "homecare": (f"{w.place_word()} Visiting Nurses", f"{town} Home Care Partners",
                     f"{last} Home Health & Hospice"),
        "dme": (f"{last} Respiratory Services", f"{w.place_word()} Home Medical", f"{town} Oxygen & Sleep",
                f"{last} DME Solutions"),
        "funeral": (f"{last} Funeral Home", f"{last}-{w.fake.last_name()} Funeral Chapel",
                    f"{town} Cremation Services"),
        "ambulance": (f"{town} Ambulance", f"{last} EMS", f"{w.place_word()} Regional Ambulance"),
    }[kind]  # fmt: skip
    return Phi(w.pick(options), "ORGANIZATION")


@filler
def username5(w: World, person: Person) -> Phi:
    first = "".join(ch for ch in person.first.lower() if ch.isascii() and ch.isalpha()) or "x"
    last = "".join(ch for ch in person.last.lower() if ch.isascii() and ch.isalpha()) or "y"
    text = w.pick(
        (
            f"{first}.{last}",
            f"{last[:5]}{first[:1]}{w.digits(2)}".upper(),
            f"E{w.digits(5)}",
            f"x{first[:1]}{last[:6]}",
        )
    )
    return Phi(text, "USERNAME")


@filler
def email5(w: World, person: Person, domain: str | None = None) -> Phi:
    first = "".join(ch for ch in person.first.lower() if ch.isascii() and ch.isalpha()) or "pt"
    last = "".join(ch for ch in person.last.lower() if ch.isascii() and ch.isalpha()) or "x"
    user = w.pick((f"{first[:1]}.{last}", f"{last}{first}{w.num(10, 99)}", f"{first}_{last}"))
    if domain == "nhs.net":
        user = f"{first}.{last}{w.pick(('', '', '2', '1'))}"
    return Phi(f"{user}@{domain or w.pick(DEV5_MAIL)}", "EMAIL")


def an(word: str) -> str:
    """The article for ``word``: "an optician", "a lineman"."""
    return "an" if word[0].lower() in "aeio" else "a"


@filler
def prof5(w: World) -> tuple[str, Phi]:
    """(article, PROFESSION span) for prose: "a" / "an" stays outside the span."""
    job = w.pick(DEV5_PROFESSIONS)
    return an(job), Phi(job, "PROFESSION")


def host5(org: str) -> str:
    return "".join(ch for ch in org.lower() if ch.isascii() and ch.isalnum())[:14]


@filler
def ip5(w: World) -> Phi:
    return Phi(
        w.pick(
            (
                f"172.{w.num(16, 31)}.{w.num(0, 255)}.{w.num(1, 254)}",
                f"10.{w.num(0, 255)}.{w.num(0, 255)}.{w.num(1, 254)}",
            )
        ),
        "IPADDR",
    )


# -- dev5 / pathology: endoscopic GI biopsies, and a medical examiner's investigator report -----------


# --------------------------------------------------------------------------------------------------
# Templates are data: scripts/corpus_templates/clinical/<style>.yaml, one file per note style, each
# template one "author" that belongs to exactly one split. A template is a list of steps run in order;
# its expressions are a checked subset of Python over the names of ``vocabulary`` (format: the README in
# scripts/corpus_templates/). The steps are run eagerly in the order they are written, exactly as the
# functions they were converted from drew their random numbers, so the corpus stays byte for byte.
# --------------------------------------------------------------------------------------------------

TEMPLATE_DIR = Path(__file__).resolve().parent / "corpus_templates" / "clinical"
STYLES = ("nursing", "discharge", "ed", "radiology", "pathology", "letter", "telephone")
# A step's kind (its first key) and the other keys it may have.
STEP_KEYS: dict[str, frozenset[str]] = {
    "upper": frozenset(),
    "let": frozenset(),
    "text": frozenset({"with"}),
    "run": frozenset(),
    "if": frozenset({"then", "else"}),
    "for": frozenset({"in", "steps"}),
}
TEMPLATE_KEYS = frozenset({"name", "split", "steps"})
# The Python an expression may use: names, calls, attributes, arithmetic, comparisons, literals,
# comprehensions. No lambdas, no imports, no name or attribute that starts with "_"; builtins are not
# reachable.
EXPRESSION_NODES = (
    ast.Expression, ast.Constant, ast.Name, ast.expr_context, ast.Attribute, ast.Call, ast.keyword,
    ast.Starred, ast.BinOp, ast.operator, ast.UnaryOp, ast.unaryop, ast.BoolOp, ast.boolop, ast.Compare,
    ast.cmpop, ast.IfExp, ast.Subscript, ast.Slice, ast.Tuple, ast.List, ast.Dict, ast.JoinedStr,
    ast.FormattedValue, ast.ListComp, ast.GeneratorExp, ast.comprehension, ast.NamedExpr,
)  # fmt: skip
BUILTINS = (str, int, len, max, min, round, sorted, enumerate, range, iter, next)
PURE = (ordinal, age, year, join, an, host3, host4, host5, dt.timedelta)


class TemplateError(ValueError):
    """A template file that does not follow the format (which file, which template, what)."""


@dataclass(frozen=True)
class Template:
    name: str
    style: str
    split: str
    steps: list[dict[str, Any]]


def load_templates(directory: Path = TEMPLATE_DIR) -> list[Template]:
    """Every template, style by style (the order notes are drawn in), with its steps checked for shape."""
    templates = []
    for style in STYLES:
        path = directory / f"{style}.yaml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if document.get("style") != style:
            raise TemplateError(f"{path.name}: style is {document.get('style')!r}, expected {style!r}")
        for entry in document["templates"]:
            where = f"{path.name}: template {entry.get('name')!r}"
            if set(entry) != TEMPLATE_KEYS or entry["split"] not in SPLITS:
                raise TemplateError(f"{where}: keys {sorted(entry)} (split {entry.get('split')!r})")
            check_steps(entry["steps"], where)
            templates.append(Template(entry["name"], style, entry["split"], entry["steps"]))
    names = [t.name for t in templates]
    if len(names) != len(set(names)):
        raise TemplateError("template names are not unique")
    return templates


def check_steps(steps: list[dict[str, Any]], where: str) -> None:
    """Every step has one known kind and only that kind's keys; nested steps likewise."""
    for step in steps:
        kind = next(iter(step), None) if isinstance(step, dict) else None
        if kind not in STEP_KEYS or not set(step) - {kind} <= STEP_KEYS[kind]:
            raise TemplateError(f"{where}: a step {step!r:.80} is not one of {sorted(STEP_KEYS)}")
        for nested in ("then", "else", "steps"):
            check_steps(step.get(nested, []), where)


@functools.cache
def parsed(source: str) -> ast.Expression:
    """An expression's syntax tree, checked against ``EXPRESSION_NODES``."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        raise TemplateError(f"expression {source!r} is not Python: {error.msg}") from None
    for node in ast.walk(tree):
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
        private = name.startswith("_") and name != "_"  # a lone _ is a throwaway loop variable
        if private or not isinstance(node, EXPRESSION_NODES):
            raise TemplateError(f"expression {source!r} uses {type(node).__name__}, which templates may not")
    return tree


@functools.cache
def compiled(source: str) -> CodeType:
    return compile(parsed(source), "<template>", "eval")


@functools.cache
def parse_text(text: str) -> tuple[tuple[str, str | None, str], ...]:
    """A text as (literal, expression or None, format spec) parts: ``{expr}`` or ``{expr:spec}`` slots,
    ``{{`` and ``}}`` for literal braces. Written by hand because ``string.Formatter`` stops a field at
    the first ``:`` or ``!`` and so cannot hold an expression such as ``x if a != b else y``."""
    parts: list[tuple[str, str | None, str]] = []
    literal, i = "", 0
    while i < len(text):
        ch = text[i]
        if ch in "{}" and text[i + 1 : i + 2] == ch:
            literal, i = literal + ch, i + 2
            continue
        if ch == "}":
            raise TemplateError(f"a single '}}' in text {text!r}")
        if ch != "{":
            literal, i = literal + ch, i + 1
            continue
        depth, quote, spec_at, j = 0, "", -1, i + 1
        while j < len(text) and not (depth == 0 and not quote and text[j] == "}"):
            c = text[j]
            if quote:
                quote = "" if c == quote else quote
            elif c in "'\"":
                quote = c
            elif c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            elif c == ":" and depth == 0 and spec_at < 0 and text[j + 1 : j + 2] != "=":
                spec_at = j
            j += 1
        if j == len(text):
            raise TemplateError(f"an unclosed '{{' in text {text!r}")
        end = spec_at if spec_at >= 0 else j
        parts.append((literal, text[i + 1 : end], text[end + 1 : j] if spec_at >= 0 else ""))
        literal, i = "", j + 1
    if literal or not parts:
        parts.append((literal, None, ""))
    return tuple(parts)


def vocabulary(w: World, note: Note) -> dict[str, Any]:
    """The names a template's expressions see: the World's draws, the registered fillers and blocks,
    pure helpers, a few builtins, the word lists (module constants in capitals and the lists of
    material.yaml), one function per label (``DOCTOR(text)`` is a DOCTOR span; ``LOCATION_OTHER`` for
    LOCATION-OTHER) and ``note_ends_with``."""
    hidden = ("seed", "rng", "age")
    names: dict[str, Any] = {name: getattr(w, name) for name in dir(w) if name[0] != "_"}
    for name in hidden:
        names.pop(name, None)
    names["adult_age"] = w.age  # ``age`` is the module's age(years) (a span over 89), as in the code
    names.update({fn.__name__: functools.partial(fn, w) for fn in FILLERS})
    names.update({fn.__name__: functools.partial(fn, w, note) for fn in BLOCKS})
    names.update({fn.__name__: fn for fn in (*BUILTINS, *PURE)})
    names.update({key: value for key, value in globals().items() if key.isupper() and not callable(value)})
    names.update(MATERIAL)
    names.update({label.replace("-", "_"): functools.partial(Phi, label=label) for label in LABELS})
    names["note_ends_with"] = lambda suffix: "".join(note.parts).endswith(suffix)
    names["__builtins__"] = {}
    return names


@functools.cache
def assignment_target(target: str) -> ast.expr:
    """The left-hand side of ``target = ...``: a name or a (nested, possibly starred) tuple of names."""
    statement = ast.parse(f"{target} = None").body[0]
    assert isinstance(statement, ast.Assign)
    return statement.targets[0]


def unknown_names(template: Template, known: Collection[str]) -> list[str]:
    """The names ``template`` reads that are neither ``known`` (the vocabulary) nor bound by an earlier
    step (``let``, ``with``, ``for``, ``:=``): empty for a well-formed template. Also parses every
    expression and text, so a malformed one raises ``TemplateError``."""
    missing: list[str] = []

    def expression(source: str, bound: set[str]) -> None:
        names = [node for node in ast.walk(parsed(source)) if isinstance(node, ast.Name)]
        bound |= {node.id for node in names if isinstance(node.ctx, ast.Store)}  # := and comprehensions
        missing.extend(node.id for node in names if node.id not in known and node.id not in bound)

    def value(item: Any, bound: set[str]) -> None:
        if isinstance(item, str):
            for _, source, _ in parse_text(item):
                if source is not None:
                    expression(source, bound)
        elif isinstance(item, list):
            for part in item:
                value(part, bound)
        elif isinstance(item, dict) and set(item) == {"pick"}:
            value(item["pick"], bound)
        else:
            raise TemplateError(f"{template.name}: {item!r:.80} is not a text, a list or a pick")

    def target(text: str) -> set[str]:
        return {node.id for node in ast.walk(assignment_target(text)) if isinstance(node, ast.Name)}

    def steps(items: list[dict[str, Any]], bound: set[str]) -> None:
        for step in items:
            if isinstance(step.get("upper"), str) or "run" in step:
                expression(step.get("upper") or step["run"], bound)
            elif "let" in step:
                for name, source in step["let"].items():
                    expression(source, bound)
                    bound |= target(name)
            elif "text" in step:
                with_values = step.get("with", {})
                value(list(with_values.values()), bound)
                inner = bound | set(with_values)
                value(step["text"], inner)
                bound |= inner - set(with_values)  # what a := in the text bound
            elif "if" in step:
                expression(step["if"], bound)
                then, other = set(bound), set(bound)
                steps(step["then"], then)
                steps(step.get("else", []), other)
                bound |= then | other
            elif "for" in step:
                expression(step["in"], bound)
                bound |= target(step["for"])
                steps(step["steps"], bound)

    steps(template.steps, set())
    return missing


class Run:
    """One template written into one note: the steps in order, variables in one flat scope."""

    def __init__(self, w: World, note: Note) -> None:
        self.w, self.note = w, note
        self.scope = vocabulary(w, note)

    def eval(self, source: str) -> Any:
        return eval(compiled(source), self.scope)  # a checked expression (``compiled``), no builtins

    def assign(self, target: str, value: Any) -> None:
        """Bind ``target`` (``a``, ``a, b``, ``i, (a, b)``, ``a, *rest``) as a Python assignment would."""
        self.bind(assignment_target(target), value)

    def bind(self, node: ast.expr, value: Any) -> None:
        if isinstance(node, ast.Name):
            self.scope[node.id] = value
            return
        if not isinstance(node, ast.Tuple):
            raise TemplateError(f"cannot assign to {ast.unparse(node)!r}")
        values = list(value)
        star = next((i for i, element in enumerate(node.elts) if isinstance(element, ast.Starred)), None)
        if star is not None:
            tail = len(values) - (len(node.elts) - star - 1)
            values = [*values[:star], values[star:tail], *values[tail:]]
        if len(values) != len(node.elts):
            raise TemplateError(f"{ast.unparse(node)!r} unpacks {len(node.elts)} values, got {len(values)}")
        for element, item in zip(node.elts, values, strict=True):
            self.bind(element.value if isinstance(element, ast.Starred) else element, item)

    def pieces(self, value: Any) -> list[Piece]:
        """A value's pieces: a text (its slots evaluated left to right), a list (one after another) or
        ``{pick: [...]}`` (every option evaluated, as a Python tuple would be, then one chosen)."""
        if isinstance(value, str):
            out: list[Piece] = []
            for literal, source, spec in parse_text(value):
                out.append(literal)
                if source is not None:
                    result = self.eval(source)
                    out.append(format(result, spec) if spec else result)
            return out
        if isinstance(value, list):
            return [piece for item in value for piece in self.pieces(item)]
        if isinstance(value, dict) and set(value) == {"pick"}:
            options = [self.pieces(option) for option in value["pick"]]
            return list(self.w.pick(options))
        raise TemplateError(f"a value is neither a text, a list nor a pick: {value!r}")

    def steps(self, steps: list[dict[str, Any]]) -> None:
        for step in steps:
            if "upper" in step:
                upper = step["upper"]
                self.note.upper = upper if isinstance(upper, bool) else bool(self.eval(upper))
            elif "let" in step:
                for target, source in step["let"].items():
                    self.assign(target, self.eval(source))
            elif "text" in step:
                bound = {name: self.pieces(value) for name, value in step.get("with", {}).items()}
                saved = {name: self.scope[name] for name in bound if name in self.scope}
                self.scope.update(bound)
                self.note.add(self.pieces(step["text"]))
                for name in bound:
                    del self.scope[name]
                self.scope.update(saved)
            elif "run" in step:
                self.eval(step["run"])
            elif "if" in step:
                self.steps(step["then"] if self.eval(step["if"]) else step.get("else", []))
            else:
                for item in self.eval(step["in"]):
                    self.assign(step["for"], item)
                    self.steps(step["steps"])


# --------------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------------


def make_note(w: World, template: Template) -> tuple[str, list[dict[str, Any]]]:
    """One note from ``template``, redrawn (deterministically) until its length is within the target range."""
    for _ in range(MAX_ATTEMPTS):
        note = Note()
        Run(w, note).steps(template.steps)
        text, spans = note.finish()
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            return text, spans
    raise RuntimeError(f"template {template.name} keeps missing {MIN_CHARS}-{MAX_CHARS} characters")


def generate(
    seed: int = SEED, templates: Sequence[Template] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every split as a list of records (from ``templates``, by default every template file's), each split
    shuffled with the seed so styles interleave.

    dev and test draw from one World in template order, as they did before dev2 existed; dev2, dev3, dev4
    and dev5 each draw from their own World, so their templates can change without moving a byte of the
    others.
    """
    shared = World(seed)
    worlds = {
        "dev": shared,
        "test": shared,
        "dev2": World(seed + DEV2_SEED_OFFSET),
        "dev3": World(seed + DEV3_SEED_OFFSET),
        "dev4": World(seed + DEV4_SEED_OFFSET),
        "dev5": World(seed + DEV5_SEED_OFFSET),
    }
    splits: dict[str, list[dict[str, Any]]] = {split: [] for split in SPLITS}
    for template in load_templates() if templates is None else templates:
        w = worlds[template.split]
        for _ in range(NOTES_PER_TEMPLATE):
            text, spans = make_note(w, template)
            for span in spans:
                assert text[span["start"] : span["end"]] == span["text"]
            record = {"style": template.style, "template": template.name, "text": text, "spans": spans}
            splits[template.split].append(record)
    out: dict[str, list[dict[str, Any]]] = {}
    for split, records in splits.items():
        random.Random(f"{seed}-{split}").shuffle(records)
        out[split] = [{"id": f"clin-{split}-{i:04d}", **record} for i, record in enumerate(records, 1)]
    return out


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> None:
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(lines), encoding="utf-8", newline="\n")
    tmp.replace(path)


def summary(splits: dict[str, list[dict[str, Any]]]) -> str:
    """Markdown tables of notes per style and spans per label, per split (pasted into the README)."""
    lines = [
        "| style | "
        + " | ".join(f"{s} notes" for s in SPLITS)
        + " | templates ("
        + " / ".join(SPLITS)
        + ") |",
        "|---|" + "---|" * len(SPLITS) + "---|",
    ]
    templates = load_templates()
    for style in STYLES:
        counts = " | ".join(str(sum(r["style"] == style for r in splits[s])) for s in SPLITS)
        names = " / ".join(
            "`" + "`, `".join(t.name for t in templates if t.style == style and t.split == s) + "`"
            for s in SPLITS
        )
        lines.append(f"| {style} | {counts} | {names} |")
    lines.append("| **all** | " + " | ".join(str(len(splits[s])) for s in SPLITS) + " | |")
    labels = {s: Counter(span["label"] for r in splits[s] for span in r["spans"]) for s in SPLITS}
    lines += [
        "",
        "| label | " + " | ".join(f"{s} spans" for s in SPLITS) + " |",
        "|---|" + "---|" * len(SPLITS),
    ]
    for label in LABELS:
        if any(labels[s][label] for s in SPLITS):
            lines.append(f"| {label} | " + " | ".join(str(labels[s][label]) for s in SPLITS) + " |")
    lines.append("| **all** | " + " | ".join(str(sum(labels[s].values())) for s in SPLITS) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (dev ... dev5 .jsonl)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quiet", action="store_true", help="do not print the summary tables")
    args = parser.parse_args(argv)
    splits = generate(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for split, records in splits.items():
        write_jsonl(args.out / f"{split}.jsonl", records)
    if not args.quiet:
        print(summary(splits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
