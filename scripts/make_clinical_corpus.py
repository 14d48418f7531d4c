"""Generate the synthetic English clinical PHI corpus, ``bench/data/clinical/{dev,test,dev2,...}.jsonl``.

Seven note styles (nursing, discharge, ed, radiology, pathology, letter, telephone), each written by
several templates ("authors") with their own phrasing. Every template belongs to exactly one split, so
the test split holds phrasings the scanner was never tuned on. ``dev2`` is a second tuning split added
later: new authors with layouts, name lists and formats of their own, drawn from a separate seeded World
so that dev and test stayed byte for byte as they were. ``dev3`` is a third split, added the same way
(its own World, templates and lists) to measure the scanner on authors nobody has tuned on; ``dev4`` is
a fourth, added the same way once dev3 had been tuned on, by yet other authors; ``dev5`` a fifth, added
once dev4 had been tuned on, by other authors again. Every PHI
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
import datetime as dt
import json
import random
import string
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Union

from faker import Faker

SEED = 20261129
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "bench" / "data" / "clinical"
NOTES_PER_TEMPLATE = 8
MIN_CHARS, MAX_CHARS = 300, 2500
MAX_ATTEMPTS = 50

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
# Clinical material (no PHI): histories, medications, labs, vitals. Eponyms and word-like terms are
# here on purpose: Parkinson's, Hodgkin, Foley, Bell's palsy, brown sputum, GRACE score, Miami J collar.
# --------------------------------------------------------------------------------------------------

# fmt: off
PMH = (
    "HTN", "HLD", "DM2 on insulin", "CAD s/p CABG", "afib on Coumadin", "CHF (EF 35%)", "COPD on 2L home O2",
    "CKD stage 3", "Parkinson's disease", "Hodgkin lymphoma s/p ABVD", "h/o Bell's palsy", "hypothyroidism",
    "Graves' disease s/p RAI", "Crohn's disease", "Alzheimer's dementia", "BPH", "OSA on CPAP", "GERD",
    "Barrett's esophagus", "depression", "osteoarthritis", "gout", "h/o DVT", "Raynaud's",
    "Meniere's disease", "ESRD on HD M/W/F", "Sjogren's syndrome", "h/o Guillain-Barre", "PVD",
    "anemia of chronic disease", "CVA with L hemiparesis",
)
# fmt: on
MEDS = (
    "furosemide (Lasix) 40 mg PO daily",
    "metoprolol tartrate 25 mg PO BID",
    "apixaban (Eliquis) 5 mg PO BID",
    "warfarin (Coumadin) 2.5 mg PO daily, goal INR 2-3",
    "carbidopa/levodopa (Sinemet) 25/100 1 tab PO TID",
    "oxycodone 5 mg PO q4-6h PRN pain",
    "acetaminophen 650 mg PO q6h PRN pain/fever",
    "senna 8.6 mg 1-2 tabs PO qHS",
    "docusate 100 mg PO BID",
    "atorvastatin 80 mg PO qHS",
    "lisinopril 10 mg PO daily",
    "insulin glargine 22 units SC qHS",
    "levothyroxine 75 mcg PO daily",
    "tamsulosin 0.4 mg PO qHS",
    "pantoprazole 40 mg PO daily",
    "levetiracetam (Keppra) 500 mg PO BID",
    "cephalexin 500 mg PO QID x 5 more days",
    "prednisone 40 mg PO daily x 3 days, then stop",
    "metformin 1000 mg PO BID",
    "aspirin 81 mg PO daily",
    "Norco 5/325 1/2-1 tab PO q6h PRN pain",
    "Ensure 1 can PO TID with meals",
    "albuterol MDI 2 puffs q4h PRN SOB",
    "sertraline 50 mg PO daily",
    "gabapentin 300 mg PO TID",
    "amlodipine 5 mg PO daily",
)
# fmt: off
ALLERGIES = (
    "NKDA", "PCN (rash)", "sulfa", "codeine (N/V)", "iodinated contrast (hives)", "latex", "NKDA",
    "morphine - itching",
)
# fmt: on


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


def meds_block(w: World, low: int = 3, high: int = 8, numbered: bool = True) -> str:
    chosen = w.some(MEDS, low, high)
    if numbered:
        return "\n".join(f"{i}. {m}" for i, m in enumerate(chosen, 1))
    return "\n".join(f"- {m}" for m in chosen)


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


# --------------------------------------------------------------------------------------------------
# Templates. Each is one "author": a function that writes one note into ``n``. ``TEMPLATES`` maps a
# template name to (style, split, function); every template belongs to exactly one split.
# --------------------------------------------------------------------------------------------------

TemplateFn = Callable[[World, Note], None]
TEMPLATES: dict[str, tuple[str, str, TemplateFn]] = {}


def template(style: str, split: str) -> Callable[[TemplateFn], TemplateFn]:
    def register(fn: TemplateFn) -> TemplateFn:
        TEMPLATES[fn.__name__] = (style, split, fn)
        return fn

    return register


# -- 1. nursing progress notes: telegraphic, entirely in capitals ------------------------------------


@template("nursing", "dev")
def nursing_icu_night(w: World, n: Note) -> None:
    n.upper = True
    pt = w.person()
    day = w.day()
    rn = w.person("F" if w.chance(0.8) else "M")
    md = w.person()
    relation, fam = w.relative(pt)
    n.fmt("NPN {d} 1900-0700\n", d=w.date(day, "m/d", "mm/dd", "m/d/yy"))
    n.fmt(
        "NEURO: {neuro}\n",
        neuro=w.pick(
            (
                "A&OX3, MAE, FOLLOWS COMMANDS. PERRL.",
                "SEDATED ON PROPOFOL 20MCG, OPENS EYES TO VOICE.",
                "LETHARGIC BUT AROUSABLE, ORIENTED TO SELF ONLY. HX PARKINSON'S, TREMOR AT BASELINE PER "
                "FAMILY.",
                "CONFUSED OVERNIGHT, PULLING AT LINES, MITTS ON. CAM POS.",
            )
        ),
    )
    n.fmt(
        "CV: {cv}\n",
        cv=w.pick(
            (
                f"NSR 70-80S, SBP 100-130S. +PP. K {w.num(3, 4)}.{w.num(0, 9)} REPLETED.",
                f"AFIB 90-110S, DILTIAZEM GTT @ {w.num(5, 15)}MG/HR. HEPARIN GTT, PTT {w.num(45, 95)} @ "
                "0400.",
                "SR WITH OCC PVCS. LOPRESSOR HELD FOR SBP 90S, DR AWARE.",
            )
        ),
    )
    n.fmt(
        "RESP: {resp}\n",
        resp=w.pick(
            (
                f"VENT CPAP 5/5 FIO2 40%. LS COARSE BILAT. SX X{w.num(2, 5)} FOR MOD AMT BROWN SPUTUM. HOPE "
                "TO WEAN VENT TODAY.",
                "2L NC SATS 94-97%. LUNGS DIMINISHED BASES. IS 750. NONPRODUCTIVE COUGH.",
                f"BIPAP 12/5 OVERNIGHT, SATS 90S. ABG 7.3{w.num(1, 9)}/5{w.num(0, 9)}/7{w.num(0, 9)}.",
            )
        ),
    )
    n.fmt(
        "GI/GU: {gi}\n",
        gi=w.pick(
            (
                "ABD SOFT, +BS. NPO. MAY START TF TODAY IF OK W/ SPEECH. FOLEY TO GRAVITY, UO 30-60CC/HR, "
                "CLEAR YELLOW.",
                "TOL CLEARS. NO BM X3 DAYS, SENNA GIVEN. VOIDING QS.",
                "OGT TO LIS, SMALL AMT BILIOUS. FOLEY DRAINING AMBER URINE ~25CC/HR, DR NOTIFIED, BOLUS "
                "500CC NS.",
            )
        ),
    )
    n.fmt(
        "SKIN: {skin}\n",
        skin=w.pick(
            ("INTACT. TURNED Q2H.", "STAGE 2 COCCYX, MEPILEX CHANGED.", "L ARM ECCHYMOSIS. BRADEN 13.")
        ),
    )
    n.fmt(
        "ID: {t}. {abx}\n",
        t=w.pick(
            ("TMAX 100.9 @ 0200, BCX X2 SENT", "AFEBRILE", "TMAX 101.4, TYLENOL GIVEN, CULTURES PENDING")
        ),
        abx=w.pick(("ON VANC/ZOSYN, VANC TROUGH 0500.", "CEFTRIAXONE DAY 3.", "NO ABX.")),
    )
    n.fmt(
        "ENDO: FSBG {a}-{b}, COVERED PER RISS. {i}\n",
        a=w.num(90, 140),
        b=w.num(150, 290),
        i=w.pick(("INSULIN GTT OFF @ 2300.", "LANTUS 10U GIVEN.", "")),
    )
    n.fmt(
        "LINES: {l}\n",
        l=w.pick(
            (
                "R IJ TLC (DAY 4), A-LINE L RADIAL - DRAWING WELL.",
                "PIV X2, 20G L FA, 18G R AC.",
                "L PICC, DSG CHANGED. R RAD ART LINE DAMPENED, FLUSHED.",
            )
        ),
    )
    n.fmt("LABS: {l}\n", l=labs(w).upper())
    n.fmt(
        "PAIN: {p}\n",
        p=w.pick(
            (
                "DENIES. CPOT 0.",
                f"CPOT {w.num(2, 5)} W/ TURNS, FENTANYL 25MCG IVP X2 W/ EFFECT.",
                "GRIMACES W/ SX, FENTANYL GTT @ 50MCG/HR.",
            )
        ),
    )
    n.add("SOCIAL: ")
    if w.chance(0.5):
        n.fmt("{rel} {name} AT BEDSIDE UNTIL 2200, UPDATED BY RN. ", rel=relation, name=w.rel(fam))
    else:
        n.fmt(
            "CALLED {rel} {name} AT {ph}, UPDATED ON PLAN. ",
            rel=relation,
            name=w.rel(fam),
            ph=w.phone(styles=("dash", "paren", "local")),
        )
    if w.chance(0.4):
        n.add("PT IS DNR/DNI PER HCP. ")
    if w.chance(0.35):
        n.fmt(
            "FAMILY MTG PLANNED {wd} W/ DR. {md}.",
            wd=w.weekday(day + dt.timedelta(days=w.num(1, 4))),
            md=Phi(md.last, "DOCTOR"),
        )
    n.add("\nPLAN: ", w.pick(("CONT CURRENT POC. ", "WEAN AS TOL, ? EXTUBATE IN AM. ", "F/U AM LABS, CXR. ")))
    n.add(w.pick(("MONITOR CLOSELY. ", "SAFETY MAINTAINED. ", "")))
    n.fmt("\n{rn} RN", rn=w.name(rn, "DOCTOR", "initial_last", "full", "last_first"))
    if w.chance(0.4):
        n.fmt(" PAGER {pg}", pg=w.pager())


@template("nursing", "dev")
def nursing_medsurg_shift(w: World, n: Note) -> None:
    n.upper = True
    pt = w.person()
    years = w.age(0.25, 55)
    day = w.day()
    relation, fam = w.relative(pt)
    n.fmt("NSG NOTE {d} 0700-1500: ", d=w.date(day, "m/d", "m/d/yy", "mm/dd/yyyy"))
    n.fmt(
        "{a} YO {s} POD#{pod} S/P {proc}. ",
        a=age(years),
        s=w.pick(("F", "FEMALE")) if pt.sex == "F" else "M",
        pod=w.num(1, 4),
        proc=w.pick(("R THR", "L TKR", "EX LAP", "LAP CHOLE", "ORIF R HIP", "COLECTOMY")),
    )
    n.add(
        w.pick(
            (
                f"A&OX3. C/O {w.num(3, 9)}/10 PAIN AT INCISION, MEDICATED W/ OXYCODONE 5MG W/ GOOD EFFECT, "
                f"NOW {w.num(1, 4)}/10. ",
                f"PAIN {w.num(4, 8)}/10, GIVEN 1/2 TAB PERCOCET PER PT REQUEST, REFUSED FULL DOSE. ",
                "DENIES PAIN AT REST. ",
            )
        )
    )
    n.fmt("VS STABLE, {v}. ", v=vitals(w))
    n.add(
        w.pick(
            (
                "OOB TO CHAIR X2 W/ PT, AMB 40 FT W/ WALKER. ",
                "DANGLED AT BEDSIDE, C/O DIZZINESS. ",
                "REFUSED PT THIS AM, AGREED TO TRY AFTER LUNCH. ",
            )
        )
    )
    n.add(w.pick(("TOL REG DIET. ", "TOL CLEARS, ADVANCE AS TOL. ", "POOR APPETITE, ENSURE X1. ")))
    n.add(
        w.pick(
            (
                "FOLEY D/C'D @ 0600, DTV BY 1200. ",
                "VOIDING W/O DIFFICULTY. ",
                "BLADDER SCAN 450, STRAIGHT CATH. ",
            )
        )
    )
    n.add(
        w.pick(("INCISION C/D/I, STAPLES INTACT. ", "DSG W/ SMALL AMT SEROSANGUINOUS DRAINAGE, REINFORCED. "))
    )
    n.add(
        w.pick(
            (
                "LOVENOX 40MG SC GIVEN @ 0900. ",
                "SCDS ON WHILE IN BED. ",
                "HEPARIN SC Q8H, REFUSED 1400 DOSE. ",
            )
        )
    )
    n.add(w.pick(("IS 1000-1250, ENCOURAGED Q1H. ", "LS CLEAR, DIMINISHED AT BASES, IS 500. ")))
    n.fmt("AM LABS: {l}. ", l=labs(w))
    n.add(w.pick(("K 3.2 - REPLETED W/ 40 MEQ KCL PO PER ORDER. ", "HCT STABLE. ", "")))
    n.add(w.pick(("PIV L FA 20G PATENT, SL. ", "PIV R HAND INFILTRATED, REMOVED, NEW 20G L AC. ")))
    n.add(
        w.pick(
            (
                "MEDS GIVEN AS ORDERED, REFUSED 0900 COLACE. ",
                "HOME MEDS REVIEWED W/ PHARMACY. ",
                "CONT ON CEFAZOLIN POST-OP, LAST DOSE 1400. ",
            )
        ),
        w.pick(("SLEPT POORLY, C/O NOISE. ", "ANXIOUS ABOUT GOING HOME, SUPPORT GIVEN. ", "")),
    )
    n.fmt("{rel} {nm} VISITED, ", rel=relation, nm=w.rel(fam))
    n.add(
        w.pick(
            (
                "ASKING RE: DC PLANS, ",
                "CONCERNED ABOUT PT GOING HOME ALONE, ",
                "BROUGHT IN HOME MEDS, SENT HOME W/ FAMILY, ",
            )
        )
    )
    n.fmt("WANTS REHAB AT {nh}. ", nh=Phi(w.nursing_home(), "HOSPITAL"))
    n.fmt("CM {cm} AWARE. ", cm=w.name(w.person(), "DOCTOR", "first", "last", "initial_last"))
    if w.chance(0.5):
        n.fmt("{rel} CELL {ph}. ", rel=relation, ph=w.phone(styles=("dash", "dot", "paren")))
    n.add(w.pick(("WILL CONT TO MONITOR.", "SAFETY MAINTAINED, CALL LIGHT IN REACH.", "POC REVIEWED W/ PT.")))
    n.fmt("\n{rn}, RN", rn=w.name(w.person(), "DOCTOR", "full", "initial_last"))


@template("nursing", "dev")
def nursing_focus_dar(w: World, n: Note) -> None:
    n.upper = True
    pt = w.person()
    day = w.day()
    relation, fam = w.relative(pt)
    rn = w.person()
    n.fmt(
        "{d} {t}\nFOCUS: {f}\n",
        d=w.date(day, "m/d/yy", "m/d", "mm/dd/yy"),
        t=f"{w.num(0, 23):02d}{w.pick(('00', '15', '30', '45'))}",
        f=w.pick(("RESP STATUS", "ALTERED MENTAL STATUS", "PAIN", "FALL RISK", "SKIN INTEGRITY")),
    )
    n.fmt(
        "D: PT {d} ",
        d=w.pick(
            (
                "RESTING IN BED, NAD. REPORTS BROWN SPUTUM X2 DAYS. LS RHONCHI RUL.",
                "FOUND SITTING ON EDGE OF BED TRYING TO GET UP, UNSTEADY. BED ALARM OFF.",
                "GRIMACING W/ TURNS, RATES PAIN 8/10 L FLANK.",
                "MORE CONFUSED THAN BASELINE PER FAMILY, CALLING OUT.",
            )
        ),
    )
    if w.chance(0.6):
        n.fmt(
            " {rel} {nm} AT BEDSIDE.",
            rel=w.pick(("DTR", "SON", "WIFE", "HUSBAND", "SISTER")),
            nm=w.rel(fam, "first"),
        )
    n.add(
        "\nA: ",
        w.pick(
            (
                ["SX, CP&PT, SPUTUM SENT FOR CX. MD PAGED (PGR ", w.pager(), ")."],
                "BED ALARM ON, FALL PRECAUTIONS, 1:1 SITTER REQUESTED.",
                "MEDICATED W/ DILAUDID 0.5MG IV. REPOSITIONED W/ PILLOWS.",
                "REORIENTED, LIGHTS ON, HALDOL 0.5 MG X1 PER ORDER.",
            )
        ),
    )
    n.fmt(
        "\nR: {r}",
        r=w.pick(
            (
                "PT RESTING COMFORTABLY, SATS 95% 2L.",
                "NO FURTHER ATTEMPTS TO OOB.",
                "PAIN 4/10 @ 1 HR RECHECK.",
                "CALMER, SLEEPING AT INTERVALS.",
            )
        ),
    )
    n.fmt(
        "\nFOCUS: {f}\nD: {d}\nA: {a}\nR: {r}",
        f=w.pick(("FAMILY", "D/C PLANNING", "KNOWLEDGE DEFICIT")),
        d=w.pick(
            (
                [
                    "PT'S ",
                    relation,
                    " ",
                    w.rel(fam, "full", "first"),
                    " CALLED ASKING ABOUT PLAN FOR ",
                    w.weekday(day + dt.timedelta(days=1)),
                    ".",
                ],
                "PT ASKING WHEN SHE/HE CAN GO HOME.",
                [
                    "CM ",
                    w.name(w.person(), "DOCTOR", "first", "last"),
                    " WORKING ON REHAB BED AT ",
                    Phi(w.nursing_home(), "HOSPITAL"),
                    ".",
                ],
            )
        ),
        a=w.pick(
            ("EXPLAINED POC, INVITED TO FAMILY MTG.", "REVIEWED MEDS, TEACH-BACK USED.", "INFORMED MD.")
        ),
        r=w.pick(("VERBALIZED UNDERSTANDING.", "STATES WILL COME IN AFTER WORK.", "AWAITING INS AUTH.")),
    )
    n.fmt(
        "\nVS: {v}. {x}",
        v=vitals(w),
        x=w.pick(("FSBG 212, 4U LISPRO GIVEN. ", "I/O 1100/650. ", "NO BM X2 DAYS. ")),
    )
    n.add(
        w.pick(
            (
                "TOL PUREED DIET W/ THICKENED LIQUIDS, 50% OF TRAY. ",
                "NPO FOR PROCEDURE IN AM. ",
                "POOR PO, ENCOURAGED FLUIDS. ",
            )
        ),
        w.pick(("FOLEY TO BSD. ", "INCONTINENT OF URINE X2, PERI CARE DONE. ", "")),
    )
    n.fmt("\nHX {hx}. ", hx=", ".join(w.some(PMH, 2, 4)))
    if w.chance(0.5):
        n.fmt(
            "LAST SEEN BY DR. {md} {wd}.",
            md=Phi(w.person().last, "DOCTOR"),
            wd=w.weekday(day - dt.timedelta(days=w.num(1, 5))),
        )
    n.fmt("\n--{rn} RN", rn=w.name(rn, "DOCTOR", "initial_last", "first", "full"))


@template("nursing", "test")
def nursing_ccu_event(w: World, n: Note) -> None:
    n.upper = True
    pt = w.person()
    day = w.day()
    relation, fam = w.relative(pt)
    md = w.person()
    n.fmt("CCU NURSING EVENT NOTE - {d}\n", d=w.date(day, "mm/dd/yy", "d-Mon", "m/d"))
    n.fmt("{a} YO {s} W/ {pmh}. ", a=age(w.age(0.35, 55)), s=pt.sex, pmh=", ".join(w.some(PMH, 2, 4)))
    n.fmt(
        "AT {t} PT FOUND {what}. ",
        t=f"0{w.num(1, 5)}{w.num(10, 59)}",
        what=w.pick(
            (
                "DIAPHORETIC C/O CRUSHING SSCP 9/10 RADIATING TO L ARM",
                "IN VTACH ON MONITOR, PULSE PRESENT, SBP 80S",
                "W/ SATS 82% RA, RR 30S, USING ACCESSORY MUSCLES",
                "ON FLOOR NEXT TO BED, UNWITNESSED FALL, +HEAD STRIKE",
            )
        ),
    )
    n.fmt(
        "STAT EKG DONE. DR {md} (CARDS FELLOW) PAGED AT {pg}, AT BEDSIDE WITHIN 5 MIN. ",
        md=w.name(md, "DOCTOR", "last", "initial_last"),
        pg=w.pager(),
    )
    n.add(
        w.pick(
            (
                "NTG SL X2, ASA 325 CHEWED, MORPHINE 2MG IV. TROP SENT. CHEM7, CBC, PT/PTT SENT. ",
                "AMIODARONE 150MG IV BOLUS, CONVERTED TO SR @ 0248. LYTES SENT, MG 1.6 REPLETED. ",
                "NRB APPLIED, LASIX 80MG IV, ABG SENT, CXR ORDERED. SATS UP TO 93%. ",
                "NEURO CHECKS Q1H, STAT CT HEAD ORDERED. INR 3.4 - COUMADIN HELD. ",
            )
        )
    )
    n.fmt("VS POST: {v}. ", v=vitals(w))
    n.add(
        w.pick(
            (
                "REPEAT EKG: ST ELEVATION II/III/AVF, STEMI PAGE ACTIVATED. ",
                "REPEAT EKG W/O ACUTE CHANGES. ",
                "PT MORE COMFORTABLE, PAIN 3/10, SKIN WARM/DRY. ",
                "",
            )
        )
    )
    if w.chance(0.5):
        n.fmt("HX CAD, S/P CABG {y}, ", y=year(w.num(1995, 2014)))
    n.add(w.pick(("PT ON HEPARIN GTT. ", "PT FULL CODE. ", "PT IS DNR BUT OK FOR MEDS/PRESSORS. ")))
    n.fmt(
        "{rel} {nm} NOTIFIED AT HOME ({ph}) AT {t}, ",
        rel=relation,
        nm=w.rel(fam, "first", "full"),
        ph=w.phone(styles=("dash", "paren", "dot")),
        t=f"0{w.num(3, 6)}{w.num(10, 59)}",
    )
    n.add(
        w.pick(
            (
                "WILL COME IN THIS AM.",
                "AGREES W/ PLAN, ASKS TO BE CALLED W/ ANY CHANGE.",
                "NO ANSWER, LEFT MSG TO CALL UNIT.",
                "ON THEIR WAY IN.",
            )
        )
    )
    n.fmt(
        "\n{t}: {f} ",
        t=f"0{w.num(5, 6)}{w.num(10, 59)}",
        f=w.pick(
            (
                "REPEAT TROP 1.8 (PREV 0.4). CARDS AWARE, CATH LAB CALLED IN.",
                "PT RESTING, NSR 70S, NO FURTHER ECTOPY.",
                "SATS 95% ON 4L NC, UO 600CC SINCE LASIX.",
                "CT HEAD NEG PER RADIOLOGY, NEURO CHECKS Q2H.",
            )
        ),
    )
    n.fmt("LABS: {l}. ", l=labs(w))
    n.add(
        w.pick(("WILL CONT TO MONITOR CLOSELY.", "ROUNDING TEAM TO REASSESS.", "ATTG MADE AWARE BY FELLOW."))
    )
    if w.chance(0.4):
        n.fmt(
            " ICD INTERROGATED BY REP, SN {sn}, NO SHOCKS DELIVERED.",
            sn=Phi(f"{w.letters(3)}{w.digits(6)}{w.letters(1)}", "DEVICE"),
        )
    n.fmt("\n{rn} RN / CCU", rn=w.name(w.person(), "DOCTOR", "full", "initial_last", "LAST_FIRST"))


@template("nursing", "test")
def nursing_stepdown_sbar(w: World, n: Note) -> None:
    n.upper = True
    pt = w.person()
    years = w.age(0.3, 60)
    day = w.day()
    relation, fam = w.relative(pt)
    n.fmt(
        "SBAR HANDOFF {d}, RM {rm}\n",
        d=w.date(day, "m/d", "m/d/yyyy", "Mon d"),
        rm=f"{w.num(3, 9)}{w.num(10, 40)}",
    )
    n.fmt("S: {nm}, {a} YO ", nm=w.name(pt, "PATIENT", "LAST_FIRST", "last", "full"), a=age(years))
    n.fmt(
        "ADMITTED {d} FROM {src} W/ {dx}.\n",
        d=w.date(day - dt.timedelta(days=w.num(1, 6)), "m/d", "Mon d", "d-Mon"),
        src=w.pick((Phi(w.nursing_home(), "HOSPITAL"), "HOME", Phi(w.hospital(), "HOSPITAL"))),
        dx=w.pick(("CHF EXACERBATION", "UROSEPSIS", "COPD FLARE", "GI BLEED", "SYNCOPE")),
    )
    n.fmt(
        "B: HX {hx}. LIVES {lv}. ",
        hx=", ".join(w.some(PMH, 2, 4)),
        lv=w.pick(("ALONE", "W/ SPOUSE", "W/ DTR")),
    )
    if w.chance(0.4):
        n.fmt("DAUGHTER {nm} IS HCP. ", nm=w.rel(w.person("F", pt.last), "first", "full"))
    n.fmt("ALLERGY {al}.\n", al=w.pick(ALLERGIES))
    n.fmt(
        "A: {v}. {a}\n",
        v=vitals(w),
        a=w.pick(
            (
                f"I/O {w.num(800, 1900)}/{w.num(400, 2600)}. WT DOWN 1.2KG. CREAT TRENDING UP.",
                "HCT STABLE X2, NO FURTHER MELENA. GUAIAC NEG THIS AM.",
                "MORE SOB W/ EXERTION. LS CRACKLES BASES. ON 3L.",
                "SLEPT WELL, NO ACUTE EVENTS. DENIES CP.",
            )
        ),
    )
    n.add(
        w.pick(
            ("NEURO: A&OX3, ANXIOUS AT TIMES. ", "NEURO: FORGETFUL, REORIENTS EASILY. ", "NEURO: INTACT. ")
        ),
        w.pick(("GI: TOL 2G NA DIET, LBM TODAY. ", "GI: NPO, IVF @ 75. ", "GI: CLEARS, NO N/V. ")),
        w.pick(("GU: VOIDING, STRICT I/O. ", "GU: FOLEY, UO ~40CC/HR. ")),
        w.pick(("SKIN: INTACT. ", "SKIN: HEELS BOGGY, OFFLOADED. ")),
        "\n",
    )
    n.fmt(
        "LINES/DRIPS: {l}. MEDS DUE: {m}.\n",
        l=w.pick(("PIV X2", "L PICC", "PIV, HEPARIN GTT @ 1200U/HR")),
        m=w.pick(("LASIX 40 IV @ 1400", "PROTONIX 40 IV @ 2100", "NONE UNTIL 1800", "COUMADIN PER INR")),
    )
    n.fmt(
        "PENDING: {p}.\n",
        p=w.pick(("ECHO READ, AM LABS", "GI CONSULT, H/H Q6H", "PT/OT, CM SCREEN", "BCX FROM ADMIT")),
    )
    n.fmt(
        "R: {r} ",
        r=w.pick(
            (
                "F/U AM CHEM7, ? RESTART LASIX. ",
                "HOPE TO TRANSFER TO FLOOR TODAY. ",
                "MAY NEED SCOPE, NPO AFTER MN. ",
                "PT/OT EVAL, SCREEN FOR REHAB. ",
            )
        ),
    )
    n.fmt(
        "{rel} {nm} UPDATED, CAN BE REACHED {ph}.",
        rel=relation,
        nm=w.rel(fam, "first"),
        ph=w.phone(styles=("dash", "dash_x", "paren")),
    )
    n.fmt(
        "\nGIVEN BY {a} RN TO {b} RN",
        a=w.name(w.person(), "DOCTOR", "first", "initial_last"),
        b=w.name(w.person(), "DOCTOR", "first", "initial_last"),
    )


# -- 2. discharge summaries -------------------------------------------------------------------------

COURSE = (
    "# CHF exacerbation: diuresed with IV Lasix 40 mg BID with net negative {l} L, weight down to {kg} kg. "
    "Transitioned to PO torsemide. Echo showed EF {ef}%.",
    "# Pneumonia: CXR with RLL infiltrate, treated with ceftriaxone/azithromycin, narrowed to cefpodoxime. "
    "Afebrile since HD#2. Brown sputum cleared.",
    "# Afib with RVR: rate controlled with metoprolol. CHADS2-VASc {ef2}. Continued apixaban.",
    "# AKI: Cr peaked at {cr} from baseline 1.1, prerenal, resolved with IVF.",
    "# Parkinson's disease: continued home Sinemet on strict schedule; neurology (Dr. {neuro}) followed.",
    "# UTI: UA positive, Cx grew pan-sensitive E. coli. Foley removed HD#2. Completed 3 days ceftriaxone.",
    "# Delirium: likely multifactorial (infection, new environment). Improved with reorientation, "
    "melatonin. Avoided Haldol.",
    "# Anemia: Hgb nadir {hgb}, guaiac negative, transfused 1 unit PRBC with appropriate bump.",
    "# NSTEMI: trop peaked 2.1, GRACE score {grace}. Heparin gtt x48h, cath deferred per pt wishes.",
)


def family_history(w: World) -> list[Piece]:
    """A family-history line; relatives' ages over 89 are PHI too."""
    parent = w.pick(("Mother", "Father"))
    died = w.pick((w.num(90, 103), w.num(58, 89)))
    cause = w.pick(("MI", "stroke", '"old age"', "Alzheimer's", "colon cancer", "Parkinson's"))
    other = w.pick(
        ("Sister with breast cancer at 52.", "Brother with DM2.", "No family hx of sudden cardiac death.", "")
    )
    return [parent, " died at ", age(died), " of ", cause, ". ", other]


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


@template("discharge", "dev")
def discharge_medicine(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.2, 45)
    admit = w.day()
    dc = admit + dt.timedelta(days=w.num(2, 12))
    fmts = w.pick((("mm/dd/yyyy",), ("m/d/yyyy",), ("iso",), ("dd-Mon-yyyy",)))
    attending = w.person()
    pcp = w.person()
    hosp = w.hospital()
    n.fmt("Admission Date: {a}     Discharge Date: {d}\n\n", a=w.date(admit, *fmts), d=w.date(dc, *fmts))
    n.fmt("Date of Birth: {b}     Sex: {s}\n\n", b=w.date(w.dob(admit, years), *fmts), s=pt.sex)
    n.fmt(
        "Service: MEDICINE\n\nAttending: {a}, MD\n\n",
        a=w.name(attending, "DOCTOR", "full", "full_mi", "last_first"),
    )
    n.fmt("Chief Complaint:\n{cc}\n\n", cc=w.pick(("SOB", "fever, cough", "weakness", "fall", "chest pain")))
    n.fmt(
        "History of Present Illness:\n{a} yo {s} with {pmh} who presents with {sx}. ",
        a=age(years),
        s="woman" if pt.sex == "F" else "man",
        pmh=join(w.some(PMH, 2, 4)),
        sx=w.pick(
            (
                "3 days of worsening DOE and orthopnea",
                "fever to 102 and productive cough",
                "a mechanical fall at home",
                "generalized weakness and poor PO intake",
            )
        ),
    )
    if w.chance(0.5):
        n.fmt(
            "Was seen at {h} on {d} and ",
            h=Phi(w.hospital(), "HOSPITAL"),
            d=w.date(admit - dt.timedelta(days=w.num(2, 20)), *SHORT_DATES),
        )
        n.add(w.pick(("sent home on azithromycin. ", "told to follow up with PCP. ")))
    n.fmt("In the ED, VS {v}. Labs notable for {l}.\n\n", v=vitals(w), l=labs(w))
    n.fmt("Past Medical History:\n{p}\n\n", p="\n".join(w.some(PMH, 3, 6)))
    n.add(
        "Social History:\n",
        w.pick(
            (
                [
                    "Lives with ",
                    w.pick(("wife", "husband", "daughter")),
                    " in ",
                    Phi(w.town()[0], "CITY"),
                    ". ",
                    w.pick(("Former", "Retired")),
                    " ",
                    Phi(w.pick(PROFESSIONS).replace("retired ", ""), "PROFESSION"),
                    ". ",
                ],
                [
                    "Emigrated from ",
                    Phi(w.pick(COUNTRIES), "COUNTRY"),
                    " in ",
                    year(w.num(1970, 2010)),
                    ", speaks limited English; ",
                    w.pick(("Portuguese", "Spanish", "Haitian Creole", "Vietnamese")),
                    " interpreter used. ",
                ],
                "Lives alone, independent in ADLs. ",
            )
        ),
        w.pick(("Quit tobacco 20 yrs ago. ", "No EtOH. ", "1/2 ppd smoker. ")),
        "\n\n",
    )
    n.fmt("Family History:\n{f}\n\n", f=family_history(w))
    n.fmt("Physical Exam on admission:\n{e}\n\n", e=exam(w))
    n.add("Brief Hospital Course:\n", course_block(w), "\n")
    n.fmt("Discharge Medications:\n{m}\n\n", m=meds_block(w))
    if w.chance(0.4):
        n.fmt(
            "Discharge Disposition:\nExtended Care\nFacility: {nh}\n\n", nh=Phi(w.nursing_home(), "HOSPITAL")
        )
    else:
        n.add(
            "Discharge Disposition:\nHome With Service\nFacility: ",
            Phi(f"VNA of {w.place_word()}", "ORGANIZATION"),
            "\n\n",
        )
    n.fmt(
        "Discharge Diagnosis:\n{d}\n\nDischarge Condition: {c}\n\n",
        d=w.pick(
            (
                "Primary: acute on chronic systolic CHF\nSecondary: AKI, afib",
                "Primary: community acquired pneumonia",
                "Primary: UTI with delirium\nSecondary: Parkinson's disease",
                "Primary: NSTEMI",
            )
        ),
        c=w.pick(("stable, ambulating with walker", "good", "fair; mental status at baseline")),
    )
    follow = dc + dt.timedelta(days=w.num(5, 21))
    n.fmt(
        "Followup Instructions:\nFollow-up with Dr. {pcp} at {clinic} on {d} at {t}. Phone: {ph}\n",
        pcp=Phi(pcp.last, "DOCTOR"),
        clinic=Phi(w.clinic("Primary Care"), "HOSPITAL"),
        d=w.date(follow, "Month d, yyyy", "m/d/yyyy", "Mon d", "Month dth"),
        t=w.pick(("10:30 AM", "1:15 PM", "9am", "2:40PM")),
        ph=w.phone(),
    )
    n.fmt("\n{a}, MD  {d}\n", a=w.name(attending, "DOCTOR", "full_mi", "full"), d=w.date(dc, *fmts))
    if w.chance(0.5):
        n.fmt("{h}", h=Phi(hosp, "HOSPITAL"))


@template("discharge", "dev")
def discharge_surgery(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.12, 30)
    admit = w.day()
    op = admit + dt.timedelta(days=w.num(0, 2))
    dc = op + dt.timedelta(days=w.num(1, 6))
    surgeon = w.person()
    proc, why = w.pick(
        (
            ("laparoscopic cholecystectomy", "recurrent RUQ pain and cholelithiasis on US"),
            (
                "sigmoid colectomy with primary anastomosis",
                ["recurrent diverticulitis, last episode in ", Phi(MONTHS[w.num(0, 11)], "DATE")],
            ),
            ("open inguinal hernia repair with mesh", "an enlarging reducible R inguinal hernia"),
            ("exploratory laparotomy, lysis of adhesions", "SBO that failed conservative management"),
            ("Whipple procedure", "a pancreatic head mass, biopsy-proven adenocarcinoma"),
            ("laparoscopic Nissen fundoplication", "refractory GERD and a large hiatal hernia"),
        )
    )
    n.add("DISCHARGE SUMMARY\n\n")
    n.fmt("PATIENT: {p}    MRN: {m}\n", p=w.name(pt, "PATIENT", "LAST_FIRST", "last_first"), m=w.mrn())
    n.fmt(
        "ADMITTED: {a}   DISCHARGED: {d}\n",
        a=w.date(admit, "mm/dd/yy", "m/d/yyyy"),
        d=w.date(dc, "mm/dd/yy", "m/d/yyyy"),
    )
    n.fmt("SURGEON: {s}, MD\n", s=w.name(surgeon, "DOCTOR", "full", "full_mi"))
    if w.chance(0.6):
        n.fmt(
            "REFERRING: Dr. {r}, {c}\n",
            r=w.name(w.person(), "DOCTOR", "full", "last"),
            c=Phi(w.clinic("Family Medicine"), "HOSPITAL"),
        )
    n.fmt("\nPROCEDURE: {p} on {d}\n\n", p=proc, d=w.date(op, "m/d", "Month dth", "m/d/yy"))
    n.fmt(
        "HISTORY: {a}-year-old {s} with {why}. ",
        a=age(years),
        s="female" if pt.sex == "F" else "male",
        why=why,
    )
    if w.chance(0.5):
        n.fmt("Prior surgery: appendectomy ({y}). ", y=year(w.num(1975, 2012)))
    n.fmt("\n\nPMH: {p}\nALLERGIES: {a}", p="; ".join(w.some(PMH, 1, 4)), a=w.pick(ALLERGIES))
    n.add("\n\nHOSPITAL COURSE: ")
    n.fmt(
        "Pt was taken to the OR on {d} and underwent {p} without complication (see op note). ",
        d=w.date(op, "m/d", "mm/dd"),
        p=proc,
    )
    n.add(
        w.pick(
            (
                "Post-op course was notable for ileus on POD#2, managed with NGT decompression and bowel "
                "rest; "
                "this resolved by POD#4 and diet was advanced. ",
                "Pain was controlled with a PCA, transitioned to PO oxycodone on POD#1. ",
                "JP drain output decreased to <30 cc/day and the drain was pulled prior to discharge. ",
                "The Foley was removed POD#1 and pt voided without difficulty. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "Tolerating a regular diet, ambulating independently, pain controlled on oral medications. ",
                "At discharge afebrile, VSS, incision C/D/I. ",
            )
        )
    )
    n.fmt("\n\nDISCHARGE MEDS:\n{m}\n\n", m=meds_block(w, 2, 5, numbered=False))
    n.add(
        "DISCHARGE INSTRUCTIONS: ",
        w.pick(
            (
                "No lifting > 10 lbs x 6 weeks. May shower, pat incisions dry. No tub baths or swimming. ",
                "Regular diet as tolerated, avoid greasy foods for 1-2 weeks. No driving while on narcotics. "
                "",
                "Low residue diet x2 weeks. Walk several times a day. Ok to remove outer dressing in 48 hrs. "
                "",
            )
        ),
    )
    n.add(w.pick(("Colace while on narcotics to prevent constipation. ", "")), "\n\n")
    n.fmt(
        "FOLLOW UP: {s} clinic in 2 weeks, call {ph} to schedule. ",
        s=w.name(surgeon, "DOCTOR", "last"),
        ph=w.phone(styles=("paren", "dash", "dash_x")),
    )
    n.add(w.pick(("Staples out at that visit. ", "Pathology pending, will be reviewed at f/u. ")))
    n.fmt(
        "Call or return for fever > 101.5, worsening pain, redness at incision.\n\nDictated by: {r}, PA-C\n",
        r=w.name(w.person(), "DOCTOR", "full", "initial_last"),
    )
    n.fmt(
        "D: {d} T: {t}\n",
        d=w.date(dc, "mm/dd/yy", "m/d/yy"),
        t=w.date(dc + dt.timedelta(days=w.num(0, 2)), "mm/dd/yy", "m/d/yy"),
    )
    n.add(
        "\nThe patient was seen and examined on the day of discharge; > 30 minutes spent on discharge "
        "planning."
    )


@template("discharge", "dev")
def discharge_cardiology_transfer(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.22, 50)
    admit = w.day()
    dc = admit + dt.timedelta(days=w.num(2, 8))
    outside = w.hospital()
    here = w.hospital()
    cardiologist = w.person()
    n.fmt("{h} - Cardiology Discharge Summary\n", h=Phi(here, "HOSPITAL"))
    n.fmt(
        "Name: {p}  DOB: {b}  Unit No: {m}\n",
        p=w.name(pt, "PATIENT", "full", "last_first"),
        b=w.date(w.dob(admit, years), "mm/dd/yyyy", "m/d/yyyy"),
        m=w.mrn(),
    )
    n.fmt(
        "Dates: {a} - {d}\n\n",
        a=w.date(admit, "m/d/yyyy", "Mon. d, yyyy"),
        d=w.date(dc, "m/d/yyyy", "Mon. d, yyyy"),
    )
    n.fmt(
        "Transferred from {o} ({oi}) for {why}. ",
        o=Phi(outside, "HOSPITAL"),
        oi=Phi(World.initials(outside), "HOSPITAL"),
        why=w.pick(
            (
                "cardiac catheterization after NSTEMI",
                "management of complete heart block",
                "evaluation of recurrent VT",
                "TAVR workup for severe AS",
            )
        ),
    )
    n.fmt("Pt is {a} y/o with {pmh}. ", a=age(years), pmh=join(w.some(PMH, 2, 3)))
    n.fmt(
        "At {oi} trop peaked at {t}; ",
        oi=Phi(World.initials(outside), "HOSPITAL"),
        t=f"{w.num(0, 9)}.{w.num(1, 99)}",
    )
    n.add("GRACE score ", str(w.num(90, 170)), ". ")
    n.fmt("Labs on arrival: {l}. ", l=labs(w))
    n.fmt("\n\nExam: {e}", e=exam(w).replace("\n", "; "))
    if w.chance(0.5):
        n.fmt(
            "\nSocial: {j}, lives with {r}. ",
            j=w.pick(
                ("retired", ["works as a ", Phi(w.pick(PROFESSIONS).replace("retired ", ""), "PROFESSION")])
            ),
            r=w.pick(("spouse", "son", "alone")),
        )
    n.add("\n\nHospital course: ")
    device = w.chance(0.5)
    if device:
        n.fmt(
            "Underwent dual chamber pacemaker placement on {d} (Dr. {c}). Device: {mk}, serial {sn}. "
            "Interrogation prior to discharge showed normal function. ",
            d=w.date(admit + dt.timedelta(days=1), *SHORT_DATES),
            c=Phi(cardiologist.last, "DOCTOR"),
            mk=w.pick(("Medtronic Azure XT DR", "Boston Scientific Accolade", "Abbott Assurity MRI")),
            sn=Phi(f"{w.letters(3)}{w.digits(6)}{w.letters(1)}", "DEVICE"),
        )
    else:
        n.fmt(
            "Cath on {d} showed {f}. ",
            d=w.date(admit + dt.timedelta(days=1), *SHORT_DATES),
            f=w.pick(
                (
                    "90% mid LAD stenosis, treated with 1 DES",
                    "nonobstructive CAD, medical management",
                    "3VD, CT surgery consulted for CABG, pt declined",
                )
            ),
        )
    n.add(w.pick(("Groin site without hematoma. ", "Loaded with ticagrelor. ", "Beta blocker uptitrated. ")))
    n.add(w.pick(("Echo: EF 40-45%, mild MR. ", "Echo: preserved EF, severe AS, peak gradient 62. ", "")))
    n.fmt("\n\nDischarge meds:\n{m}\n\n", m=meds_block(w, 3, 6, numbered=False))
    n.fmt(
        "Follow-up: Dr. {c}, {cl}, {d}. ",
        c=Phi(cardiologist.last, "DOCTOR"),
        cl=Phi(w.clinic("Cardiology"), "HOSPITAL"),
        d=w.date(dc + dt.timedelta(days=w.num(7, 30)), "m/d", "Month dth", "Mon d"),
    )
    if device:
        n.add("Device clinic check in 1 week, remote monitoring set up. ")
    n.fmt(
        "PCP {p} notified by fax {f}.\n",
        p=w.name(w.person(), "DOCTOR", "full", "last_first"),
        f=w.phone("FAX"),
    )
    n.fmt("\n{c}, MD, FACC", c=w.name(cardiologist, "DOCTOR", "full", "full_mi"))


@template("discharge", "test")
def discharge_psychiatry(w: World, n: Note) -> None:
    pt = w.person()
    years = w.num(19, 70)
    admit = w.day()
    dc = admit + dt.timedelta(days=w.num(4, 21))
    relation, fam = w.relative(pt)
    n.add("INPATIENT PSYCHIATRY DISCHARGE SUMMARY\n")
    n.fmt("Patient: {p}   MR#: {m}\n", p=w.name(pt, "PATIENT", "full", "full_mi"), m=w.mrn())
    n.fmt(
        "Admission: {a} (Section 12)   Discharge: {d}\n",
        a=w.date(admit, "Month d, yyyy", "d Month yyyy"),
        d=w.date(dc, "Month d, yyyy", "d Month yyyy"),
    )
    n.fmt(
        "Unit: {u}, {h}\n\n",
        u=w.pick(("4 North", "Bay 2", "Adult Inpatient Unit")),
        h=Phi(w.hospital(), "HOSPITAL"),
    )
    n.fmt(
        "Identifying data: {a} yo {s}, {job}, ",
        a=age(years),
        s="woman" if pt.sex == "F" else "man",
        job=w.pick((Phi(w.pick(PROFESSIONS), "PROFESSION"), "unemployed", "on disability")),
    )
    n.fmt("lives in {c} with {r}. ", c=Phi(w.town()[0], "CITY"), r=w.pick((relation, "roommate", "parents")))
    if w.chance(0.4):
        n.fmt(
            "Born in {c}, moved to the US in {y}. ",
            c=Phi(w.pick(COUNTRIES), "COUNTRY"),
            y=year(w.num(1980, 2015)),
        )
    n.fmt("Grandmother (age {g}) lives with the family. ", g=age(w.pick((w.num(90, 99), w.num(70, 89)))))
    n.fmt(
        "\n\nReason for admission: {r}\n\n",
        r=w.pick(
            (
                "Brought in by police after " + relation + " called 911 reporting SI with plan to overdose.",
                "Worsening depression, 'there's no joy in anything anymore', stopped eating.",
                "Manic episode: 3 nights without sleep, pressured speech, spent $4,000 in cash.",
                "Command AH, paranoid about neighbors; off meds x 2 months.",
            )
        ),
    )
    n.fmt(
        "Hospital course: {c} ",
        c=w.pick(
            (
                "Started sertraline, titrated to 100 mg. Mood gradually improved, brighter affect by week 2.",
                "Lithium restarted, level 0.8 on day 6. Sleep normalized.",
                "Restarted risperidone with good effect; groups attended daily.",
            )
        ),
    )
    n.fmt(
        "Family meeting held {wd} with {rel} {nm}, who will stay with pt for the first week. ",
        wd=w.weekday(dc - dt.timedelta(days=w.num(1, 3))),
        rel=relation,
        nm=w.rel(fam),
    )
    n.add("Denied SI/HI at discharge; safety plan reviewed.\n\n")
    n.add(
        "Mental status at discharge: ",
        w.pick(
            (
                "Well groomed, calm, good eye contact. Speech normal rate. Mood 'better', affect mildly "
                "constricted. "
                "Thought process linear, no AH/VH. Insight and judgment fair.",
                "Casually dressed, cooperative. Mood 'okay', affect euthymic. Denies paranoia. Cognition "
                "grossly intact.",
                "Pleasant, mildly anxious. Future oriented, talking about returning to work. No psychotic "
                "symptoms.",
            )
        ),
        "\n",
    )
    n.add(
        "Risk assessment: ",
        w.pick(
            (
                "chronic risk factors (prior attempts, male sex) mitigated by engagement, "
                "family support and removal of firearms from the home.",
                "low acute risk; protective factors include children and faith community.",
            )
        ),
        "\n\n",
    )
    n.fmt("Discharge meds:\n{m}\n\n", m=meds_block(w, 1, 4))
    n.fmt(
        "Aftercare: {cl}, intake with {t}, LICSW on {d}. Psychiatrist Dr. {p} on {d2}. "
        "Crisis line 988. Clinic {ph}.\n\n",
        cl=Phi(w.clinic("Behavioral Health"), "HOSPITAL"),
        t=w.name(w.person(), "DOCTOR", "full"),
        d=w.date(dc + dt.timedelta(days=w.num(2, 6)), *SHORT_DATES),
        p=Phi(w.person().last, "DOCTOR"),
        d2=w.date(dc + dt.timedelta(days=w.num(7, 20)), *SHORT_DATES),
        ph=w.phone(),
    )
    n.fmt("Attending psychiatrist: {a}, MD", a=w.name(w.person(), "DOCTOR", "full", "full_mi"))


@template("discharge", "test")
def discharge_death_summary(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.4, 60)
    admit = w.day()
    died = admit + dt.timedelta(days=w.num(1, 9))
    relation, fam = w.relative(pt)
    md = w.person()
    n.add("DEATH SUMMARY\n\n")
    n.fmt("{p} ({m})\n", p=w.name(pt, "PATIENT", "last_first", "LAST_FIRST", "full"), m=w.mrn())
    n.fmt(
        "Admitted {a} via the ED. Expired {d} at {t}.\n\n",
        a=w.date(admit, "mm/dd/yyyy", "m/d/yy", "Month d, yyyy"),
        d=w.date(died, "mm/dd/yyyy", "m/d/yy", "Month d, yyyy"),
        t=f"{w.num(0, 23):02d}{w.num(10, 59)}",
    )
    n.fmt(
        "{a} year old {s} with {pmh}, ",
        a=age(years),
        s="woman" if pt.sex == "F" else "man",
        pmh=join(w.some(PMH, 2, 4)),
    )
    n.fmt(
        "admitted from {src} with {dx}. ",
        src=w.pick((Phi(w.nursing_home(), "HOSPITAL"), "home")),
        dx=w.pick(
            (
                "septic shock from a urinary source",
                "massive PE",
                "aspiration pneumonia",
                "ICH while on warfarin",
                "decompensated cirrhosis",
            )
        ),
    )
    n.fmt("On arrival {v}, lactate {lac}. ", v=vitals(w), lac=f"{w.num(2, 9)}.{w.num(0, 9)}")
    n.add(
        w.pick(
            (
                "Intubated in the ED for hypoxemic respiratory failure and admitted to the MICU. ",
                "Admitted to the floor, transferred to the ICU on HD#2 for worsening hypotension. ",
                "Initially improved on the floor, then had a PEA arrest with ROSC after 12 minutes. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "Course complicated by AKI requiring CRRT and new afib with RVR. ",
                "Developed ischemic bowel. ",
                "Neuro exam after sedation hold showed absent corneals and no response to pain. ",
            )
        )
    )
    n.fmt(
        "Despite {tx}, pt continued to decline. ",
        tx=w.pick(
            ("broad spectrum abx and two pressors", "intubation and maximal support", "reversal with Kcentra")
        ),
    )
    n.fmt(
        "Goals of care discussed on {d} with {rel} {nm} (HCP), ",
        d=w.date(died - dt.timedelta(days=1), *SHORT_DATES),
        rel=relation,
        nm=w.rel(fam, "full", "first"),
    )
    n.add("who confirmed pt would not want prolonged life support; transitioned to CMO. ")
    n.fmt("Pronounced by {md}, MD. Family at bedside. ", md=w.name(md, "DOCTOR", "full", "initial_last"))
    n.add(w.pick(("Autopsy declined. ", "Autopsy requested by family. ", "ME notified, case declined. ")))
    n.fmt("PCP Dr. {p} notified by phone ({ph}).\n", p=Phi(w.person().last, "DOCTOR"), ph=w.phone())
    n.fmt("NEOB notified, ref #{r}.\n", r=Phi(w.letters(2) + w.digits(7), "IDNUM"))
    n.fmt("\n{md}, MD, Medicine Housestaff  pager {pg}", md=w.name(md, "DOCTOR", "full"), pg=w.pager())


# -- 3. ED triage notes -----------------------------------------------------------------------------

# fmt: off
CHIEF_COMPLAINTS = (
    "CP", "SOB", "abd pain", "fall", "AMS", "syncope", "weakness", "HA", "back pain", "fever", "N/V/D",
    "L leg swelling", "palpitations", "dizziness",
)
# fmt: on


@template("ed", "dev")
def ed_abbreviated(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.2, 30)
    relation, fam = w.relative(pt)
    n.fmt(
        "{a} yo {s} BIBA from {src} c/o {cc} x{h}{u}. ",
        a=age(years),
        s=pt.sex,
        src=w.pick(
            (
                "home",
                "home",
                "work",
                ["a restaurant in ", Phi(w.town()[0], "CITY")],
                Phi(f"{w.place_word()} State Park", "LOCATION-OTHER"),
            )
        ),
        cc=w.pick(CHIEF_COMPLAINTS),
        h=w.num(1, 6),
        u=w.pick(("h", "d", " hrs", " days")),
    )
    n.fmt(
        "Per {rel} {nm}, pt {story}. ",
        rel=relation,
        nm=w.rel(fam, "first"),
        story=w.pick(
            (
                ["has been more confused since ", w.weekday(w.day())],
                "was found on the bathroom floor this AM",
                "c/o CP while shoveling",
                "has not been eating or drinking",
                "vomited x3",
            )
        ),
    )
    n.add(
        w.pick(
            (
                "Denies fever, cough. ",
                "+N/V x2, no diarrhea. ",
                "Denies LOC, did not hit head. ",
                "Took 2 SL NTG at home without relief. ",
            )
        )
    )
    n.fmt("PMH {p}. ", p=", ".join(w.some(PMH, 1, 4)))
    n.add(w.pick(("Last seen by PCP 1 month ago. ", "Recent admission for same. ", "")))
    n.fmt(
        "Meds: {m}. All: {al}.\n",
        m=w.pick(("see list", "Coumadin, Lasix, Lopressor", "unknown, pt unsure")),
        al=w.pick(ALLERGIES),
    )
    n.fmt("VS: {v}. FSBG {g}. Pain {p}/10.\n", v=vitals(w), g=w.num(70, 420), p=w.num(0, 10))
    n.add(
        w.pick(
            (
                "Pt pale, diaphoretic. ",
                "Pt in NAD, speaking full sentences. ",
                "Pt moaning, holding abd. ",
                "Skin warm/dry. Lungs w/ exp wheeze. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "18g PIV R AC, labs drawn, trop/CBC/CHEM7/PT/PTT/LFTs sent. ",
                "ASA 325 given per protocol. ",
                "Urine sent. Zofran 4 mg ODT given. ",
                "",
            )
        )
    )
    n.add(
        w.pick(("EKG done in triage, shown to Dr. ", "Seen in triage by Dr. ", "Dr. ")),
        Phi(w.person().last, "DOCTOR"),
        w.pick((". ", " aware. ")),
    )
    n.fmt(
        "ESI {e}. To {b}.",
        e=w.num(1, 4),
        b=w.pick(("Acute 12", "hallway bed", "Fast Track", "resus 2", "pod B")),
    )
    if w.chance(0.4):
        n.fmt(" {rel} cell {ph}.", rel=relation.capitalize(), ph=w.phone(styles=("dash", "plain", "paren")))
    n.fmt("\n-- {rn}, RN", rn=w.name(w.person(), "DOCTOR", "initial_last", "full"))


@template("ed", "dev")
def ed_triage_form(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.15, 18)
    day = w.day()
    n.add("EMERGENCY DEPARTMENT TRIAGE\n")
    n.fmt(
        "Pt: {p}    DOB: {b}    MRN: {m}\n",
        p=w.name(pt, "PATIENT", "LAST_FIRST", "last_first"),
        b=w.date(w.dob(day, years), "mm/dd/yyyy", "m/d/yyyy"),
        m=w.mrn(),
    )
    n.fmt(
        "Arrival: {d} {t}   Mode: {mode}\n",
        d=w.date(day, "mm/dd/yyyy", "m/d/yy"),
        t=f"{w.num(0, 23):02d}:{w.num(0, 59):02d}",
        mode=w.pick(("Ambulance", "Private vehicle", "Walk-in", "Police")),
    )
    n.fmt("Chief Complaint: {cc}\n", cc=w.pick(CHIEF_COMPLAINTS))
    n.fmt(
        "Triage Assessment: {a} yo presents with {sx}. {extra}\n",
        a=age(years),
        sx=w.pick(
            (
                "intermittent substernal chest pressure since 0300, nonradiating",
                "R sided abd pain, +N, no V, LMP 2 wks ago",
                "fall down 4 stairs, +LOC, on Eliquis",
                "worsening SOB, 3 pillow orthopnea, LE edema",
                "lightheadedness when standing",
            )
        ),
        extra=w.pick(
            ("Denies fever.", "Hx Hodgkin lymphoma in remission.", "States 'I hope it's nothing.'", "")
        ),
    )
    n.fmt(
        "Vitals: {v}\nWeight: {kg} kg   Allergies: {al}\n",
        v=vitals(w, compact=False),
        kg=w.num(45, 140),
        al=w.pick(ALLERGIES),
    )
    n.fmt("Acuity: ESI {e}\n", e=w.num(2, 4))
    n.fmt(
        "Screening: fall risk {f}; SI screen neg; {t}\n",
        f=w.pick(("high", "low")),
        t=w.pick(
            (
                "no recent travel",
                ["recent travel to ", Phi(w.pick(COUNTRIES), "COUNTRY")],
                "flu vaccine this season",
            )
        ),
    )
    n.fmt("Acct #: {a}\n", a=Phi(w.digits(w.num(8, 10)), "ACCOUNT"))
    n.fmt("PCP: {p}", p=w.pick((["Dr. ", w.name(w.person(), "DOCTOR", "last", "full")], "none")))
    n.fmt(
        "    Insurance: {i} #{id}\n",
        i=w.pick(("BCBS", "Medicare", "MassHealth", "Tufts HP", "Aetna")),
        id=w.member_id(),
    )
    n.fmt(
        "Emergency contact: {nm} ({rel}) {ph}\n",
        nm=w.rel(w.relative(pt)[1], "full"),
        rel=w.pick(("spouse", "child", "sibling")),
        ph=w.phone(),
    )
    n.fmt(
        "Triage RN: {rn}    Entered by: {u}",
        rn=w.name(nurse := w.person(), "DOCTOR", "full", "last_first"),
        u=w.username(nurse),
    )
    n.add("\nTriage performed by RN per ED protocol. Reassess vitals q1h while in waiting room.")


@template("ed", "dev")
def ed_nursing_home_sendout(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.45, 70)
    nh = w.nursing_home()
    day = w.day()
    n.fmt(
        "Pt sent in from {nh} for {why}. ",
        nh=Phi(nh, "HOSPITAL"),
        why=w.pick(
            ("AMS", "hypoxia", "fever and decreased PO", "fall with ? hip fx", "coffee ground emesis")
        ),
    )
    n.fmt(
        "Per NH staff (nurse {nn}) pt {s} {b} but {c} since {d}. ",
        nn=w.name(w.person("F"), "DOCTOR", "first"),
        s=w.pick(("is at baseline", "is normally")),
        b=w.pick(("A&Ox2, ambulates w/ walker", "nonverbal, bedbound", "pleasantly confused")),
        c=w.pick(("more lethargic", "not eating", "more agitated")),
        d=w.pick(
            (w.weekday(day - dt.timedelta(days=2)), w.date(day - dt.timedelta(days=1), "m/d"), "yesterday")
        ),
    )
    n.fmt("{a} yo {s}, {pmh}. ", a=age(years), s=pt.sex, pmh=", ".join(w.some(PMH, 2, 4)))
    n.add(
        w.pick(("DNR/DNI per MOLST (copy on chart). ", "Full code per paperwork. ", "DNR, OK to intubate. "))
    )
    n.fmt(
        "HCP is {rel} {nm} {ph}",
        rel=(r := w.relative(pt))[0],
        nm=w.rel(r[1], "full", "first"),
        ph=w.phone(styles=("dash", "paren", "dot")),
    )
    n.add(w.pick((", aware pt sent in. ", ", LVM. ", " - on the way. ")))
    n.fmt("{v}. Foley in place (chronic), cloudy urine. Sacral decub dressed.\n", v=vitals(w))
    n.add(
        w.pick(
            ("Sent with: MAR, face sheet, MOLST. ", "Paperwork incomplete, no med list, called NH for MAR. ")
        )
    )
    n.fmt(
        "Last dose {m} given {t}. ",
        m=w.pick(("Coumadin", "lorazepam", "Lasix", "oxycodone")),
        t=w.pick(("0800", "last night", "at 1400")),
    )
    n.fmt("Labs at NH {d}: {l}.\n", d=w.date(day - dt.timedelta(days=w.num(1, 3)), "m/d", "Mon d"), l=labs(w))
    n.fmt(
        "NH # for report: {ph}, fax {fx}.",
        ph=w.phone(styles=("dash", "dash_x")),
        fx=w.phone("FAX", styles=("dash", "paren")),
    )


@template("ed", "test")
def ed_pediatric(w: World, n: Note) -> None:
    kid = w.person()
    years = w.num(0, 15)
    parent = w.person("F" if w.chance(0.7) else "M", kid.last if w.chance(0.7) else None)
    role = "mother" if parent.sex == "F" else "father"
    day = w.day()
    n.fmt(
        "{a} {u} {s} brought in by {role} {nm} for {cc}. ",
        a=years or w.num(2, 11),
        u="yo" if years else "mo",
        s=w.pick(("F", "girl")) if kid.sex == "F" else w.pick(("M", "boy")),
        role=role,
        nm=w.rel(parent, "first", "full"),
        cc=w.pick(
            ("fever x2d", "barky cough", "vomiting, decreased wet diapers")
            if years < 2
            else (
                "fever x2d",
                "barky cough",
                "ingestion of ? 2 of grandma's pills",
                "fall from monkey bars, L wrist pain",
            )
        ),
    )
    n.add(
        w.pick(
            (
                "Born full term, no NICU stay. ",
                "Hx of RSV bronchiolitis as infant. ",
                "No chronic medical problems. ",
            )
        )
    )
    n.fmt(
        "Tmax {t} at home, last Motrin {m}. ",
        t=w.pick(("102.4", "103", "101.8")),
        m=w.pick(("0500", "2 hrs PTA", "this AM")),
    )
    n.add(w.pick(("Imms UTD. ", "Imms UTD per mom. ", "Imms behind, family from out of state. ")))
    if years >= 1:
        kind = (
            ("Daycare", "Montessori") if years < 5 else ("Elementary", "Elementary School", "Middle School")
        )
        n.fmt("Attends {sch}. ", sch=Phi(f"{w.place_word()} {w.pick(kind)}", "ORGANIZATION"))
    n.fmt(
        "PCP {p} at {c}. ",
        p=w.name(w.person(), "DOCTOR", "full", "last"),
        c=Phi(w.clinic("Pediatrics"), "HOSPITAL"),
    )
    n.fmt(
        "Wt {kg} kg. HR {hr} RR {rr} T {t} SpO2 {s}%. ",
        kg=(f"{w.num(4, 9)}.{w.num(0, 9)}" if years == 0 else max(9, 2 * years + 8 + w.num(-2, 4))),
        hr=w.num(90, 170),
        rr=w.num(18, 40),
        t=w.pick(("38.9", "37.2", "39.4")),
        s=w.num(93, 100),
    )
    n.add(w.pick(("Well appearing, playful. ", "Fussy but consolable. ", "Mild retractions. ")))
    n.add(
        w.pick(
            (
                "ROS: +cough, +runny nose, no rash, no diarrhea. ",
                "ROS: decreased PO, 2 wet diapers today, no blood in stool. ",
                "ROS: denies HA, neck stiffness. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "Cap refill <2 sec, MMM. ",
                "TMs red/bulging per mom's report from PCP. ",
                "Tearing present, fontanelle flat. ",
            )
        )
    )
    n.add(
        w.pick(("NKDA. ", "Allergic to amoxicillin (hives). ")),
        w.pick(("No sick contacts. ", "Sibling w/ same sx. ")),
    )
    if w.chance(0.5):
        n.fmt(
            "Seen at {uc} urgent care {d}. ",
            uc=Phi(w.place_word(), "HOSPITAL"),
            d=w.weekday(day - dt.timedelta(days=w.num(1, 3))),
        )
    n.add(
        w.pick(
            (
                "Given Motrin 10 mg/kg PO in triage. ",
                "Oral challenge started, tolerating popsicle. ",
                "Ice + splint applied. ",
            )
        )
    )
    n.fmt("ESI {e}. {rn} RN", e=w.num(3, 5), rn=w.name(w.person(), "DOCTOR", "first", "initial_last"))
    n.fmt("\nCall back # ({role}): {ph}", role=role, ph=w.phone(styles=("dash", "paren", "plain")))


TRAUMA_CASES = (
    ("restrained driver MVC vs tree ~40 mph, +airbag, self-extricated", "abrasion L forehead, seatbelt sign"),
    ("pedestrian struck by car at low speed", "deformity R forearm, abrasions both knees"),
    ("fall from ladder ~10 ft onto driveway", "L hip pain, shortened and externally rotated"),
    ("unhelmeted bicyclist vs parked car", "TTP midline C-spine, lac to chin 3 cm"),
    ("assaulted, struck with fist x multiple", "R periorbital swelling, R chest wall tenderness, crepitus"),
)


@template("ed", "test")
def ed_trauma(w: World, n: Note) -> None:
    n.upper = w.chance(0.4)
    pt = w.person()
    years = w.age(0.2, 18)
    day = w.day()
    n.fmt("TRAUMA TRIAGE {d}\n", d=w.date(day, "m/d/yy", "mm/dd/yy"))
    n.fmt(
        "{a} yo {s} {mech}. ",
        a=age(years),
        s=pt.sex,
        mech=(mechanism := w.pick(TRAUMA_CASES))[0],
    )
    if w.chance(0.3):
        n.fmt(
            "Found by bystanders near {p}. ",
            p=Phi(
                w.pick(
                    (
                        f"{w.place_word()} Rail Trail",
                        f"{w.pick(PLACE_HEADS)} Beach",
                        f"the {w.place_word()} Reservoir",
                    )
                ),
                "LOCATION-OTHER",
            ),
        )
    n.fmt(
        "Occurred on {st} in {c}. ",
        st=Phi(" ".join(w.street().split(" Apt")[0].split(" #")[0].split()[1:]), "STREET"),
        c=Phi(w.town()[0], "CITY"),
    )
    n.fmt(
        "EMS ({m}) reports {r}. ",
        m=w.pick(("Medic 12", "Engine 4", "Fire Rescue", "ALS unit")),
        r=w.pick(
            (
                "GCS 15 on scene, c-collar placed",
                "brief LOC, GCS 14",
                "ETOH on board, combative",
                "BP 90s, 1L NS en route",
            )
        ),
    )
    n.add(
        w.pick(
            (
                "Miami J collar in place. ",
                "Boston brace noted from prior. ",
                "C-collar in place, backboard removed. ",
            )
        )
    )
    n.fmt("{v}. GCS {g}. ", v=vitals(w), g=w.num(11, 15))
    n.fmt("Tetanus {t}. ", t=w.pick(("UTD", "unknown", ["last ", year(w.num(2005, 2020))])))
    n.add(
        "Injuries: ",
        mechanism[1],
        ". ",
    )
    n.add(w.pick(("FAST neg. ", "FAST + RUQ. ", "")), w.pick(("PMH unknown. ", "On Plavix. ", "No PMH. ")))
    n.add(
        w.pick(
            (
                "2 large bore IVs, trauma labs + type and cross sent. ",
                "Pan-scan ordered. ",
                "Splinted, XR ordered. ",
            )
        )
    )
    n.fmt(
        "Insurance per wallet card: {i} ID {m}. ",
        i=w.pick(("Harvard Pilgrim", "BCBS", "Medicaid")),
        m=w.member_id(),
    )
    n.add(
        w.pick(("Trauma 2 activation, Dr. ", "Trauma team notified, attending Dr. ", "Seen by Dr. ")),
        Phi(w.person().last, "DOCTOR"),
        ". ",
    )
    n.fmt(
        "Pt ID'd by license, DL# {dl}.",
        dl=Phi(f"{w.letters(1)}{w.digits(8)}" if w.chance(0.5) else f"S{w.digits(8)}", "LICENSE"),
    )
    n.fmt(
        "\nPD on scene: officer {o}, badge {b}.",
        o=w.name(w.person(), "PATIENT", "last", "full"),
        b=Phi(w.digits(4), "IDNUM"),
    )
    n.fmt("\nRN {rn}", rn=w.name(w.person(), "DOCTOR", "initial_last", "last_first"))


# -- 4. radiology reports ---------------------------------------------------------------------------


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


# Each case keeps history, findings and impression consistent: (history, findings, impression).
CXR_CASES = (
    (
        "SOB, r/o PNA",
        "Lungs: Patchy airspace opacity in the right lower lobe, new since prior.\nPleura: No effusion "
        "or pneumothorax.\nHeart and mediastinum: Normal cardiomediastinal silhouette.",
        "1. RLL pneumonia.\n2. No effusion.",
    ),
    (
        "fever, brown sputum",
        "Lungs: Left lower lobe consolidation with air bronchograms.\nPleura: Small left "
        "effusion.\nHeart and mediastinum: Heart size normal.",
        "LLL pneumonia with small parapneumonic effusion.",
    ),
    (
        "CHF, eval for effusion",
        "Lungs: Pulmonary vascular congestion and interstitial edema.\nPleura: Moderate "
        "bilateral effusions, increased from prior.\nHeart and mediastinum: Cardiomegaly.",
        "Worsening CHF.",
    ),
    (
        "s/p line placement",
        "Lines/tubes: Right IJ central venous catheter with tip in the SVC.\nLungs: Clear.\n"
        "Pleura: No pneumothorax.",
        "Line in good position, no PTX.",
    ),
    (
        "hx Hodgkin, new cough",
        "Lungs: Hyperinflated. Biapical scarring unchanged. No focal consolidation.\nPleura: "
        "No effusion.\nHeart and mediastinum: Mediastinal contour stable after radiation.",
        "No acute cardiopulmonary process.",
    ),
)


@template("radiology", "dev")
def rad_chest_xray(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    rad = w.person()
    history, findings, impression = w.pick(CXR_CASES)
    rad_header(
        w,
        n,
        w.pick(("CHEST PA AND LATERAL", "CHEST, PORTABLE AP", "CXR 1 VIEW")),
        day,
        pt=pt,
        labeled=w.chance(0.6),
    )
    n.fmt(
        "ORDERING: {o}  ({u})\n",
        o=w.name(w.person(), "DOCTOR", "full", "last_first"),
        u=w.pick(("MICU", "ED", "7 West", "Clinic", "PACU")),
    )
    n.fmt("HISTORY: {h}\n\n", h=history)
    n.fmt(
        "COMPARISON: {c}\n\n",
        c=w.pick(
            (
                ["Compared with ", w.date(day - dt.timedelta(days=w.num(30, 900)), "mm/dd/yyyy", "m/d/yyyy")],
                "None.",
                [w.date(day - dt.timedelta(days=w.num(1, 5)), "m/d/yy", "m/d")],
            )
        ),
    )
    n.add(
        "TECHNIQUE: ",
        w.pick(
            (
                "PA and lateral views of the chest.",
                "Single portable AP upright view.",
                "Single frontal view, patient semi-upright.",
            )
        ),
        "\n\n",
    )
    n.add(
        "FINDINGS:\n",
        findings,
        "\nBones: ",
        w.pick(
            (
                "Osseous structures intact.",
                "Degenerative changes of the thoracic spine.",
                "Old healed L rib fractures.",
            )
        ),
        "\n\n",
    )
    n.add("IMPRESSION:\n", impression)
    if w.chance(0.6):
        n.fmt(
            "\n\nFindings d/w Dr. {d} at {t} on {dd}.",
            d=Phi(w.person().last, "DOCTOR"),
            t=f"{w.num(7, 23)}:{w.num(10, 59)}",
            dd=w.date(day, "m/d", "mm/dd"),
        )
    n.fmt(
        "\n\nDictated by: {r}, MD\nSigned: {r2} {d}",
        r=w.name(rad, "DOCTOR", "full", "full_mi"),
        r2=w.name(rad, "DOCTOR", "initial_last", "full"),
        d=w.date(day, "mm/dd/yyyy", "m/d/yy"),
    )
    n.add(
        "\n\nThis examination was interpreted with the benefit of prior studies when available. ",
        "Preliminary results may have been communicated by a resident.",
    )


CT_HEAD_CASES = (
    (
        "fall, on anticoagulation",
        "No acute intracranial hemorrhage, mass effect, or territorial infarct. Chronic "
        "microvascular changes. Ventricles and sulci prominent, consistent with age-related volume loss.",
        "No acute intracranial abnormality.",
        False,
    ),
    (
        "fall, on anticoagulation",
        "Acute right subdural hematoma measuring 9 mm with 4 mm leftward midline shift.",
        "Acute R SDH with midline shift.",
        True,
    ),
    (
        "acute L facial droop, ? Bell's palsy vs stroke",
        "No hemorrhage. No CT evidence of acute infarct; MRI is more sensitive.",
        "No acute intracranial abnormality. Consider MRI.",
        False,
    ),
    (
        "aphasia and R arm weakness, last known well 0900",
        "Hypodensity in the left MCA territory with loss of "
        "gray-white differentiation. Hyperdense L MCA sign.",
        "Acute L MCA infarct.",
        True,
    ),
    (
        "Parkinson's disease with new confusion",
        "No acute abnormality. Mucosal thickening in the maxillary sinuses.",
        "No acute process.",
        False,
    ),
)


@template("radiology", "dev")
def rad_ct_head(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.25, 40)
    day = w.day()
    indication, findings, impression, critical = w.pick(CT_HEAD_CASES)
    n.add("CT HEAD WITHOUT CONTRAST\n\n")
    n.fmt(
        "Patient: {p}    DOB: {b}\n",
        p=w.name(pt, "PATIENT", "full", "last_first"),
        b=w.date(w.dob(day, years), "mm/dd/yyyy", "m/d/yyyy"),
    )
    n.fmt(
        "Exam date: {d}    Acc #: {a}\n",
        d=w.date(day, "Month d, yyyy", "mm/dd/yyyy"),
        a=Phi(w.digits(9), "IDNUM"),
    )
    n.fmt("Ordering: {o}\n\n", o=w.name(w.person(), "DOCTOR", "full", "last_first"))
    n.fmt("CLINICAL INDICATION: {a} year old with {i}.\n\n", a=age(years), i=indication)
    n.fmt(
        "TECHNIQUE: Axial images of the head without IV contrast. Coronal and sagittal reformats. "
        "DLP {dlp} mGy-cm.\n\n",
        dlp=w.num(700, 1200),
    )
    n.fmt(
        "COMPARISON: {c}\n\n",
        c=w.pick(
            (
                [
                    "MRI brain ",
                    w.date(day - dt.timedelta(days=w.num(100, 2000)), "mm/dd/yyyy"),
                    " from ",
                    Phi(w.hospital(), "HOSPITAL"),
                ],
                ["CT head ", w.date(day - dt.timedelta(days=w.num(10, 400)), "m/d/yyyy", "dd-Mon-yyyy")],
                "None available.",
            )
        ),
    )
    n.add(
        "FINDINGS: ",
        findings,
        " ",
        w.pick(
            (
                "The visualized orbits are unremarkable. ",
                "Calvarium intact. ",
                "Small L frontal scalp hematoma. ",
            )
        ),
        w.pick(("Basal cisterns patent.", "No hydrocephalus.")),
        "\n\n",
    )
    n.add("IMPRESSION: ", impression)
    if critical:
        n.fmt(
            " Critical result communicated to {r} by telephone at {t} on {d}, read back confirmed.",
            r=w.pick(
                (["Dr. ", Phi(w.person().last, "DOCTOR")], [w.name(w.person(), "DOCTOR", "full"), ", NP"])
            ),
            t=f"{w.num(0, 23):02d}:{w.num(0, 59):02d}",
            d=w.date(day, "m/d/yyyy", "m/d"),
        )
    n.fmt(
        "\n\nElectronically signed by {r}, MD on {d}",
        r=w.name(w.person(), "DOCTOR", "full", "full_mi"),
        d=w.date(day, "mm/dd/yyyy", "iso"),
    )
    n.add(
        "\n\nAll CT scans at this facility use dose modulation, iterative reconstruction and/or weight-based "
        "dosing when appropriate to reduce radiation dose to as low as reasonably achievable."
    )


US_CASES = (
    (
        "US RUQ",
        "RUQ pain, +Murphy's sign on exam",
        "Gallbladder distended with multiple shadowing stones and wall "
        "thickening to 5 mm. Sonographic Murphy's sign positive. CBD 4 mm. Liver normal in echotexture.",
        "Acute calculous cholecystitis.",
    ),
    (
        "US RENAL",
        "AKI",
        "Right kidney 10.8 cm, left kidney 11.2 cm. No hydronephrosis. No stones. Bladder "
        "decompressed with Foley.",
        "No hydronephrosis.",
    ),
    (
        "US LOWER EXTREMITY VENOUS DUPLEX LEFT",
        "LLE swelling, r/o DVT",
        "Occlusive thrombus in the left popliteal "
        "and posterior tibial veins. Common femoral and femoral veins compressible with normal flow.",
        "Acute L popliteal DVT.",
    ),
    (
        "US ABDOMEN COMPLETE",
        "elevated LFTs",
        "Liver 18.2 cm, echogenic, consistent with steatosis. No focal lesion. "
        "No biliary dilatation. Spleen 11 cm. Pancreas obscured by bowel gas.",
        "Hepatomegaly with hepatic steatosis.",
    ),
)


@template("radiology", "dev")
def rad_ultrasound(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    here = w.hospital()
    exam, indication, findings, impression = w.pick(US_CASES)
    n.fmt("{h} Department of Radiology\n", h=Phi(here, "HOSPITAL"))
    rad_header(w, n, exam, day, pt=pt, labeled=True)
    n.fmt("INDICATION: {i}\n", i=indication)
    n.add(
        "TECHNIQUE: ",
        w.pick(
            (
                "Grayscale and color Doppler images were obtained.",
                "Real-time sonography with duplex and spectral analysis.",
            )
        ),
        "\n",
    )
    n.fmt(
        "COMPARISON: {c}\n\n",
        c=w.pick(
            ("None.", ["CT A/P ", w.date(day - dt.timedelta(days=w.num(20, 600)), "mm/dd/yyyy", "m/d/yy")])
        ),
    )
    n.add("FINDINGS:\n", findings, "\n\n", "IMPRESSION: ", impression)
    n.fmt(
        "\n\nSonographer: {s}    Radiologist: {r}, MD\n",
        s=w.name(w.person(), "DOCTOR", "initial_last", "first"),
        r=w.name(w.person(), "DOCTOR", "full"),
    )
    if w.chance(0.5):
        n.fmt("Report faxed to {f} at {t}.", f=w.phone("FAX"), t=f"{w.num(8, 17)}:{w.num(10, 59)}")
    n.add(
        "\nATTESTATION: I have personally reviewed the images and agree with the findings above. "
        "Images are retained in PACS for 7 years."
    )


MRI_SPINE_CASES = (
    (
        "LBP radiating down L leg x6 wks, failed PT.",
        "L4-5: Disc bulge with superimposed L paracentral extrusion "
        "contacting the traversing L5 nerve root. Moderate spinal canal stenosis.",
        "L4-5 extrusion with L5 root contact.",
        "clinical correlation and consideration of spine surgery referral.",
    ),
    (
        "Chronic LBP.",
        "L5-S1: Broad-based disc protrusion with mild bilateral foraminal narrowing.",
        "Mild degenerative change.",
        "conservative management.",
    ),
    (
        "Hx prostate ca, new back pain.",
        "Multiple T1 hypointense lesions in L2 and L4 vertebral bodies, concerning "
        "for metastases. No epidural extension.",
        "Osseous metastatic disease.",
        "correlation with PSA and bone scan.",
    ),
)


@template("radiology", "test")
def rad_mri_spine(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.1, 25)
    day = w.day()
    history, key_finding, impression, advice = w.pick(MRI_SPINE_CASES)
    n.fmt("MRI LUMBAR SPINE W/O CONTRAST     {d}\n", d=w.date(day, "m/d/yyyy", "Mon. d, yyyy", "iso"))
    n.fmt(
        "{p}, {a}{s}, MR# {m}\n",
        p=w.name(pt, "PATIENT", "full", "LAST_FIRST"),
        a=age(years),
        s=pt.sex,
        m=w.mrn(),
    )
    n.fmt(
        "Referring: {r} ({c})\n\n",
        r=w.name(w.person(), "DOCTOR", "full", "last_first"),
        c=Phi(w.clinic("Orthopedics"), "HOSPITAL"),
    )
    n.add("History: ", history, "\n")
    n.fmt(
        "Prior: {p}\n\n",
        p=w.pick(
            (
                ["Radiographs ", w.date(day - dt.timedelta(days=w.num(10, 90)), "m/d/yy", "mm/dd/yyyy")],
                ["MRI ", year(day.year - w.num(2, 6)), " (report only, outside)"],
                "none",
            )
        ),
    )
    n.add(
        "Findings:\nAlignment: ",
        w.pick(("normal lordosis.", "grade 1 anterolisthesis of L4 on L5.", "mild levoscoliosis.")),
        "\nVertebral bodies: ",
        w.pick(("heights maintained, Modic type 2 endplate changes at L4-5.", "heights maintained.")),
        "\nConus: terminates at L1, normal signal.\n",
        key_finding,
        " ",
        w.pick(
            (
                "T12-L1 through L2-3: No significant canal or foraminal narrowing. ",
                "L1-2, L2-3: Mild disc desiccation without stenosis. ",
            )
        ),
        w.pick(("Paraspinal musculature normal.", "Incidental 2 cm L renal cyst.")),
        "\n\nImpression: ",
        impression,
    )
    n.fmt(
        "\n\nd/w {r} at {t}.\n",
        r=w.pick((["Dr. ", Phi(w.person().last, "DOCTOR")], ["PA ", w.name(w.person(), "DOCTOR", "full")])),
        t=f"{w.num(8, 18)}{w.num(10, 59)}",
    )
    n.add("Recommend ", advice, "\n")
    n.fmt(
        "Interpreting radiologist: {r}, MD  /  {u}",
        r=w.name(rad := w.person(), "DOCTOR", "full", "last_first"),
        u=w.username(rad),
    )
    n.add(
        "\n*** Final report. Addenda, if any, appear above this line. MRI safety screening form on file. ***"
    )


MAMMO_CASES = (
    (
        "No suspicious mass, calcification or architectural distortion.",
        "1 - Negative.",
        "Annual screening mammography.",
    ),
    (
        "New 6 mm group of fine pleomorphic calcifications in the right upper outer quadrant.",
        "4 - Suspicious. Stereotactic biopsy recommended.",
        "Stereotactic biopsy; scheduling will contact the patient.",
    ),
    (
        "Stable benign-appearing calcifications. Surgical clips L breast.",
        "2 - Benign.",
        "Routine screening in 1 year.",
    ),
)


@template("radiology", "test")
def rad_mammogram(w: World, n: Note) -> None:
    pt = w.person("F")
    years = w.age(0.08, 40)
    day = w.day()
    center = f"{w.place_word()} Breast Imaging Center"
    findings, birads, advice = w.pick(MAMMO_CASES)
    n.fmt("{c}\n{a}\n", c=Phi(center, "HOSPITAL"), a=w.address())
    n.fmt(
        "Patient: {p}   DOB: {b}   Age: {a}\n",
        p=w.name(pt, "PATIENT", "full", "full_mi"),
        b=w.date(w.dob(day, years), "mm/dd/yyyy"),
        a=age(years),
    )
    n.fmt(
        "Exam: Bilateral screening mammogram with tomosynthesis   Date of service: {d}\n",
        d=w.date(day, "mm/dd/yyyy", "Month d, yyyy"),
    )
    n.fmt("Accession: {a}\n\n", a=Phi(f"MG-{day.year % 100}-{w.digits(6)}", "IDNUM"))
    n.fmt(
        "Comparison: {c}\n\n",
        c=w.pick(
            (
                [
                    w.date(day - dt.timedelta(days=365 + w.num(-20, 20)), "mm/dd/yyyy"),
                    " and ",
                    w.date(day - dt.timedelta(days=730 + w.num(-30, 30)), "mm/dd/yyyy"),
                ],
                ["Outside films from ", Phi(w.hospital(), "HOSPITAL"), ", ", year(day.year - 3)],
                "None.",
            )
        ),
    )
    n.add(
        "History: ",
        w.pick(
            (
                "No current breast complaints. ",
                "L lumpectomy and radiation for DCIS. ",
                "Mother with breast cancer at 48. ",
            )
        ),
        w.pick(("No HRT.", "On tamoxifen.", "")),
        "\n",
    )
    n.add(
        "Breast composition: ",
        w.pick(("scattered fibroglandular density (B).", "heterogeneously dense (C).")),
        "\n",
    )
    n.add("Findings: ", findings, "\n\nBI-RADS: ", birads, "\nRecommendation: ", advice, "\n")
    n.fmt("Technologist: {t}\n", t=w.name(w.person("F"), "DOCTOR", "first", "initial_last", "full"))
    n.fmt(
        "A letter with these results was mailed to the patient. Questions: {ph}\n",
        ph=w.phone(styles=("paren", "one")),
    )
    n.fmt("{r}, MD", r=w.name(w.person(), "DOCTOR", "full", "full_mi"))
    n.add(
        "\n\nYour mammogram results: a normal mammogram does not rule out breast cancer. Dense breast "
        "notification: dense tissue can make it harder to find cancer and may raise the risk of breast "
        "cancer. "
        "Talk to your provider."
    )


# -- 5. pathology reports ---------------------------------------------------------------------------


def accession(w: World, prefix: str, day: dt.date) -> Phi:
    sep = w.pick(("-", "-", ""))
    return Phi(f"{prefix}{day.year % 100:02d}{sep}{w.num(100, 99999):0{w.pick((5, 5, 4))}d}", "IDNUM")


# (label on the container, gross, clinical history, microscopic, final diagnosis)
SURGICAL_CASES = (
    (
        "colon, sigmoid, resection",
        "a segment of sigmoid colon (12.5 cm) with attached mesentery",
        "Diverticulitis.",
        "Sections show colonic wall with diverticula, transmural acute inflammation and serositis. No "
        "dysplasia.",
        "Sigmoid colon, resection: diverticular disease with acute and chronic diverticulitis. 14 lymph "
        "nodes negative.",
    ),
    (
        "gallbladder",
        "a gallbladder (8.1 x 3.2 cm) containing multiple yellow-green stones",
        "Cholelithiasis.",
        "Gallbladder wall with Rokitansky-Aschoff sinuses and mild chronic inflammation.",
        "Gallbladder: chronic cholecystitis with cholelithiasis.",
    ),
    (
        "skin, left forearm, shave",
        "a tan-pink shave of skin (0.8 x 0.6 cm) with a central brown macule",
        "Changing pigmented lesion.",
        "Nests of melanocytes at the dermal-epidermal junction and in the dermis with maturation with depth.",
        "Skin, left forearm: compound melanocytic nevus with mild atypia; margins free.",
    ),
    (
        "lymph node, right cervical, excision",
        "a tan rubbery lymph node (2.4 cm)",
        "Lymphadenopathy, r/o lymphoma.",
        "Effaced architecture with fibrous bands and scattered large Reed-Sternberg cells in a mixed "
        "background.",
        "Lymph node: classic Hodgkin lymphoma, nodular sclerosis type. CD30+, CD15+, CD20-.",
    ),
)


@template("pathology", "dev")
def path_surgical(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.1, 35)
    taken = w.day()
    received = taken + dt.timedelta(days=w.num(0, 1))
    signed = received + dt.timedelta(days=w.num(1, 5))
    pathologist = w.person()
    label, gross, history, micro, diagnosis = w.pick(SURGICAL_CASES)
    n.add("SURGICAL PATHOLOGY REPORT\n\n")
    n.fmt(
        "Accession #: {a}\nPatient: {p}\nMRN: {m}    DOB: {b}    Age: {age}\n",
        a=accession(w, "S", taken),
        p=w.name(pt, "PATIENT", "LAST_FIRST", "last_first"),
        m=w.mrn(),
        b=w.date(w.dob(taken, years), "mm/dd/yyyy"),
        age=age(years),
    )
    n.fmt(
        "Collected: {c}    Received: {r}\n",
        c=w.date(taken, "mm/dd/yyyy", "m/d/yyyy"),
        r=w.date(received, "mm/dd/yyyy", "m/d/yyyy"),
    )
    n.fmt(
        "Submitting physician: {s}\nLocation: {l}\n\n",
        s=w.name(w.person(), "DOCTOR", "full", "last_first"),
        l=Phi(w.hospital(), "HOSPITAL"),
    )
    n.fmt("CLINICAL HISTORY: {h}\n\n", h=history)
    n.fmt(
        'GROSS DESCRIPTION: Received in formalin labeled with the patient\'s name ({nm}) and "{s}" is {g}. ',
        nm=w.name(pt, "PATIENT", "full", "last_first"),
        s=label,
        g=gross,
    )
    initials = w.pick(
        (
            f"{pathologist.first[0]}{pathologist.last[0]}".lower(),
            (pathologist.first[0] + pathologist.last).lower()[:7],
        )
    )
    n.add(
        "Representative sections submitted in cassettes A1-A",
        str(w.num(3, 9)),
        ". (",
        Phi("".join(ch for ch in initials if ch.isalnum()), "USERNAME"),
        ")\n\n",
    )
    n.add(
        "MICROSCOPIC: ",
        micro,
        " ",
        w.pick(("Levels examined.", "Deeper sections were reviewed.", "")),
        "\n\nFINAL DIAGNOSIS:\n",
        diagnosis,
        "\n\n",
    )
    n.fmt(
        "I have personally reviewed the material and approve this report.\n{p}, MD   {d}\n",
        p=w.name(pathologist, "DOCTOR", "full", "full_mi"),
        d=w.date(signed, "mm/dd/yyyy", "m/d/yyyy"),
    )
    if w.chance(0.3):
        n.fmt(
            "Lab: {h}, {a}  CLIA #{c}",
            h=Phi(w.hospital(), "HOSPITAL"),
            a=w.address(),
            c=Phi(f"{w.digits(2)}D{w.digits(7)}", "IDNUM"),
        )
    n.add(
        "\nThis test was performed in a CAP-accredited laboratory. Some immunohistochemical stains were "
        "developed and their performance characteristics determined by this laboratory; they have not been "
        "cleared by the FDA."
    )


# (clinical, specimen, amount, description, interpretation, note)
CYTOLOGY_CASES = (
    (
        "Hx lung adenocarcinoma, new effusion.",
        "Pleural fluid, right",
        "850 mL cloudy yellow fluid",
        "Cellular specimen with abundant mesothelial cells and clusters of atypical epithelial cells.",
        "POSITIVE FOR MALIGNANT CELLS. Metastatic adenocarcinoma, consistent with lung primary (TTF-1+, "
        "Napsin A+).",
        "Malignant effusion confers stage IV disease. Molecular testing (EGFR, ALK, PD-L1) sent on cell "
        "block.",
    ),
    (
        "3.1 cm L thyroid nodule, TI-RADS 4.",
        "Thyroid, left lobe, FNA",
        "4 passes, 2 air-dried smears + CytoLyt",
        "Colloid and benign follicular cells in macrofollicles.",
        "Benign follicular nodule (Bethesda II).",
        "Recommend clinical and radiologic follow-up in 12-24 months.",
    ),
    (
        "Hematuria, smoker.",
        "Urine, voided",
        "45 mL",
        "Scant urothelial cells, rare degenerated cells.",
        "Negative for high grade urothelial carcinoma (Paris category II).",
        "Correlation with cystoscopy is recommended.",
    ),
    (
        "RUL mass on CT.",
        "Bronchial washing, RUL",
        "20 mL",
        "Bronchial cells and macrophages with a few three-dimensional clusters of atypical cells.",
        "Atypical cells present; cannot exclude malignancy.",
        "Recommend repeat sampling or biopsy.",
    ),
)


@template("pathology", "dev")
def path_cytology(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    clinical, source, amount, description, interpretation, note = w.pick(CYTOLOGY_CASES)
    n.fmt("CYTOPATHOLOGY     Case: {c}\n", c=accession(w, w.pick(("C", "NG", "FNA")), day))
    n.fmt("Name: {p}   Med Rec #: {m}\n", p=w.name(pt, "PATIENT", "last_first", "full"), m=w.mrn())
    n.fmt(
        "Date obtained: {d}   Date reported: {r}\n",
        d=w.date(day, "m/d/yy", "mm/dd/yy"),
        r=w.date(day + dt.timedelta(days=w.num(1, 4)), "m/d/yy", "mm/dd/yy"),
    )
    n.fmt("Physician: Dr. {d}\n\n", d=w.name(w.person(), "DOCTOR", "last", "full"))
    n.add("Clinical: ", clinical, "\nSpecimen: ", source, ", ", amount, "\n\n")
    n.add("Interpretation: ", interpretation, "\n\n")
    n.add(w.pick(("Cell block prepared. ", "ThinPrep slides reviewed. ", "")), "Adequacy: satisfactory.\n")
    n.add("Description: ", description, "\n")
    if w.chance(0.6):
        n.fmt(
            "Results called to {r} at {t} on {d}.\n",
            r=w.name(w.person(), "DOCTOR", "full", "initial_last"),
            t=f"{w.num(8, 17)}:{w.num(10, 59)}",
            d=w.date(day + dt.timedelta(days=w.num(1, 3)), "m/d", "m/d/yy"),
        )
    n.add("Note: ", note, "\n")
    n.fmt(
        "Screened by: {c}, CT(ASCP)\nCytopathologist: {p}, MD",
        c=w.name(w.person(), "DOCTOR", "initial_last", "full"),
        p=w.name(w.person(), "DOCTOR", "full"),
    )


@template("pathology", "dev")
def path_bone_marrow(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.15, 45)
    day = w.day()
    n.add("HEMATOPATHOLOGY REPORT\n")
    n.fmt(
        "{p} | {s} | {a} y | MRN {m}\n",
        p=w.name(pt, "PATIENT", "LAST_FIRST", "full"),
        s=pt.sex,
        a=age(years),
        m=w.mrn(),
    )
    n.fmt("Specimen(s): {b}, {f}\n", b=accession(w, "BM", day), f=accession(w, "FC", day))
    n.fmt(
        "Procedure date: {d}, performed by {p}, NP\n",
        d=w.date(day, "Month d, yyyy", "d Month yyyy", "mm/dd/yyyy"),
        p=w.name(w.person(), "DOCTOR", "full"),
    )
    n.fmt(
        "Clinician: {c}  ({cl})\n\n",
        c=w.name(w.person(), "DOCTOR", "full", "last_first"),
        cl=Phi(w.clinic("Hematology/Oncology"), "HOSPITAL"),
    )
    n.fmt(
        "History: {h}\n",
        h=w.pick(
            (
                ["Pancytopenia. Hx Hodgkin lymphoma treated ", year(w.num(1990, 2015)), "."],
                "Staging, new DLBCL.",
                "Monoclonal protein 2.1 g/dL.",
            )
        ),
    )
    n.fmt("CBC ({d}): {l}\n\n", d=w.date(day, "m/d"), l=labs(w))
    n.add(
        "DIAGNOSIS:\n",
        w.pick(
            (
                "Hypercellular marrow (70%) with 18% plasma cells, kappa restricted, consistent with plasma "
                "cell neoplasm.",
                "Normocellular marrow with trilineage hematopoiesis; no evidence of lymphoma.",
                "Hypocellular marrow (10%) with therapy-related changes; no increase in blasts.",
            )
        ),
        "\n\n",
    )
    n.fmt(
        "Aspirate differential (500 cells): blasts {b}%, promyelocytes 2%, myelocytes {m}%, lymphocytes "
        "{ly}%, "
        "plasma cells {pc}%. M:E ratio {me}:1.\n",
        b=w.num(0, 4),
        m=w.num(8, 16),
        ly=w.num(8, 25),
        pc=w.num(1, 20),
        me=w.num(1, 5),
    )
    n.add(
        "Core biopsy: ",
        w.pick(("1.8 cm, adequate", "1.2 cm, subcortical, limited")),
        "; reticulin stain MF-",
        str(w.num(0, 2)),
        ".\n",
    )
    n.add(
        "Flow cytometry: ",
        w.pick(("no abnormal B or T cell population.", "CD38+/CD138+ cells, kappa restricted.")),
        "\n",
    )
    n.add("Cytogenetics/FISH: pending; will be reported in an addendum.\n\n")
    n.fmt(
        "Hematopathologist: {h}, MD, PhD   Signed {d}",
        h=w.name(w.person(), "DOCTOR", "full", "full_mi"),
        d=w.date(day + dt.timedelta(days=w.num(2, 6)), "mm/dd/yyyy", "Month d, yyyy"),
    )
    n.add(
        "\n\nComment: Findings correlated with peripheral smear and flow cytometry. Please call the "
        "hematopathology "
        "service with questions."
    )


# (clinical history, gross, frozen site and call, permanent diagnosis, stains)
FROZEN_CASES = (
    (
        "L breast ca, sentinel node biopsy",
        "a 1.6 cm blue-stained lymph node, bisected and entirely frozen",
        "Sentinel lymph node #1, left axilla: Negative for carcinoma",
        "One lymph node, negative for metastatic carcinoma (0/1).",
        "pancytokeratin",
    ),
    (
        "pancreatic head mass",
        "a 0.4 cm shave of pancreatic neck margin, entirely frozen (FSA1)",
        "Pancreatic neck margin: Atypical, defer to permanents",
        "Pancreatic ductal adenocarcinoma, moderately differentiated; neck margin negative.",
        "p53",
    ),
    (
        "L adnexal mass",
        "a 7 cm cystic ovary containing hair and sebaceous material",
        "Left ovary: Benign cystic lesion, favor mature teratoma",
        "Mature cystic teratoma.",
        "CK7/CK20",
    ),
)


@template("pathology", "test")
def path_frozen_section(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    surgeon = w.person()
    clinical, gross, frozen, diagnosis, stains = w.pick(FROZEN_CASES)
    n.fmt("PATHOLOGY - {h}\n", h=Phi(w.hospital(), "HOSPITAL"))
    n.fmt(
        "{p}  /  {m}  /  Acct {ac}\n",
        p=w.name(pt, "PATIENT", "LAST_FIRST", "last_first"),
        m=w.mrn(),
        ac=Phi(w.digits(w.num(8, 11)), "ACCOUNT"),
    )
    n.fmt(
        "Specimen #: {s}   Collected {d} {t}\n\n",
        s=accession(w, w.pick(("SP", "S", "SA")), day),
        d=w.date(day, "dd-Mon-yyyy", "mm/dd/yyyy"),
        t=f"{w.num(7, 16):02d}:{w.num(0, 59):02d}",
    )
    n.fmt(
        "Clinical history: {c}. Surgeon: Dr. {s}\n\n", c=clinical, s=w.name(surgeon, "DOCTOR", "full", "last")
    )
    n.add("GROSS: Received fresh for frozen section, ", gross, ".\n\n")
    n.fmt("INTRAOPERATIVE CONSULTATION:\nA. {f}. ", f=frozen)
    n.fmt(
        "Rendered to Dr. {s} at {t} on {d} by {p}.\n\n",
        s=Phi(surgeon.last, "DOCTOR"),
        t=f"{w.num(8, 15)}:{w.num(10, 59)}",
        d=w.date(day, "m/d", "mm/dd/yy"),
        p=w.name(w.person(), "DOCTOR", "initial_last", "full"),
    )
    n.add(
        "Permanent sections: ",
        w.pick(("agree with frozen section diagnosis.", "additional levels examined.")),
        "\n\nFINAL DIAGNOSIS:\nA. ",
        diagnosis,
        "\n\n",
    )
    n.add("ADDENDUM", w.pick((" #1", "")), ": ")
    n.fmt(
        "Immunostains for {st} performed on block A2 at the request of Dr. {s} ({d}); results support the "
        "diagnosis. ",
        st=stains,
        s=Phi(surgeon.last, "DOCTOR"),
        d=w.date(day + dt.timedelta(days=w.num(3, 10)), "m/d/yy", "Mon d"),
    )
    n.fmt(
        "Discussed with Dr. {o} at tumor board {wd}.\n",
        o=Phi(w.person().last, "DOCTOR"),
        wd=w.weekday(day + dt.timedelta(days=w.num(5, 12))),
    )
    n.fmt("{p}, M.D.", p=w.name(w.person(), "DOCTOR", "full", "full_mi"))
    n.add("\nFrozen section diagnoses are preliminary; the final report may differ.")


@template("pathology", "test")
def path_outside_consult(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    outside = w.hospital()
    n.add("CONSULTATION REPORT (OUTSIDE MATERIAL)\n\n")
    n.fmt(
        "Our case: {o}      Outside case: {x}\n",
        o=accession(w, "CS", day),
        x=Phi(f"{w.letters(w.num(2, 3))}-{day.year % 100}-{w.digits(4)}", "IDNUM"),
    )
    n.fmt(
        "Patient: {p} (DOB {b})\n",
        p=w.name(pt, "PATIENT", "full", "last_first"),
        b=w.date(w.dob(day, w.age(0.15, 30)), "m/d/yyyy", "mm/dd/yyyy"),
    )
    n.fmt("Contributor: {o}, {a}\n", o=Phi(outside, "HOSPITAL"), a=w.address())
    n.fmt(
        "Outside pathologist: {p}   Outside date: {d}\n\n",
        p=w.name(w.person(), "DOCTOR", "full", "last_first"),
        d=w.date(day - dt.timedelta(days=w.num(7, 40)), "mm/dd/yyyy", "Month d, yyyy"),
    )
    n.fmt(
        "Clinical: {c} Referred by {r} for second opinion prior to treatment.\n",
        c=w.pick(
            (
                "PSA 7.8, abnormal DRE.",
                "Postmenopausal bleeding.",
                "Elevated LFTs, metabolic syndrome.",
                "Epigastric pain.",
            )
        ),
        r=w.pick((["Dr. ", Phi(w.person().last, "DOCTOR")], w.name(w.person(), "DOCTOR", "full"))),
    )
    n.fmt(
        "Received {k} H&E slides and {b} paraffin block(s) labeled {x}, from a {s}.\n\n",
        k=w.num(2, 12),
        b=w.num(1, 3),
        x=Phi(f"{w.letters(2)}{w.digits(5)}", "IDNUM"),
        s=w.pick(("prostate needle biopsy", "endometrial biopsy", "liver core biopsy", "gastric biopsy")),
    )
    n.add(
        "DIAGNOSIS: ",
        w.pick(
            (
                "Prostatic adenocarcinoma, Gleason 3+4=7 (Grade Group 2), 3 of 12 cores.",
                "Endometrioid adenocarcinoma, FIGO grade 1.",
                "Steatohepatitis with bridging fibrosis.",
                "Helicobacter-associated chronic active gastritis.",
            )
        ),
        "\n",
    )
    n.add(
        "COMMENT: ",
        w.pick(
            (
                "We agree with the outside diagnosis.",
                "Our grade differs from the outside report (3+3).",
                "Additional levels examined.",
            )
        ),
        " ",
    )
    n.fmt(
        "Slides returned to {o} on {d} via FedEx {tr}.\n\n",
        o=Phi(World.initials(outside), "HOSPITAL"),
        d=w.date(day + dt.timedelta(days=w.num(3, 10)), *SHORT_DATES),
        tr=Phi(w.digits(12), "IDNUM"),
    )
    n.fmt(
        "{p}, MD\n{e}",
        p=w.name(w.person(), "DOCTOR", "full"),
        e=w.pick(("", ["Tel ", w.phone(), "  Fax ", w.phone("FAX")])),
    )
    n.add("\nThe outside material will be retained for 30 days unless a return is requested in writing.")


# -- 6. clinic letters ------------------------------------------------------------------------------


def letterhead(w: World, n: Note, clinic: str) -> str:
    """Clinic name, address, phone and fax lines; returns the clinic's e-mail domain."""
    domain = w.domain(clinic)
    n.fmt("{c}\n{a}\n", c=Phi(clinic, "HOSPITAL"), a=w.address(one_line=w.chance(0.5)))
    n.fmt("Tel {p}  |  Fax {f}", p=w.phone(), f=w.phone("FAX"))
    if w.chance(0.5):
        n.fmt("  |  {u}", u=Phi(f"www.{domain}", "URL"))
    n.add("\n\n")
    return domain


@template("letter", "dev")
def letter_cardiology_consult(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.15, 45)
    day = w.day()
    doc = w.person()
    pcp = w.person()
    clinic = f"{w.place_word()} Cardiology Clinic"
    domain = letterhead(w, n, clinic)
    n.fmt("{d}\n\n", d=w.date(day, "Month d, yyyy", "Month dth, yyyy", "d Month yyyy"))
    n.fmt(
        "Dr. {p}\n{c}\n{a}\n\n",
        p=w.name(pcp, "DOCTOR", "full", "initial_last"),
        c=Phi(w.clinic("Internal Medicine"), "HOSPITAL"),
        a=w.address(one_line=False),
    )
    n.fmt("Dear Dr. {p},\n\n", p=Phi(pcp.last, "DOCTOR"))
    n.fmt(
        "I had the pleasure of seeing your patient {t} {nm} (DOB {b}, MRN {m}) in the {c} on {d}. ",
        t=pt.title,
        nm=w.name(pt, "PATIENT", "full", "full_mi"),
        b=w.date(w.dob(day, years), "mm/dd/yyyy", "m/d/yyyy"),
        m=w.mrn(),
        c=Phi(clinic, "HOSPITAL"),
        d=w.date(day, "Month dth, yyyy", "Month d, yyyy", "m/d/yyyy"),
    )
    n.fmt(
        "As you know, {t} {l} is a {a}-year-old {s} with {pmh} referred for {r}.\n\n",
        t=pt.title,
        l=Phi(pt.last, "PATIENT"),
        a=age(years),
        s="woman" if pt.sex == "F" else "man",
        pmh=join(w.some(PMH, 2, 3)),
        r=w.pick(
            ("exertional chest tightness", "palpitations", "an abnormal ECG", "preoperative evaluation")
        ),
    )
    n.fmt(
        "{P} reports {sx}. ",
        P=pt.pronoun.capitalize(),
        sx=w.pick(
            (
                "chest pressure after climbing two flights of stairs, relieved with rest",
                "intermittent racing heartbeat lasting minutes, without syncope",
                "no cardiac symptoms; walks a mile daily with his dog"
                if pt.sex == "M"
                else "no cardiac symptoms; swims twice weekly",
            )
        ),
    )
    n.fmt("Family history: {f} ", f=family_history(w))
    n.fmt(
        "On examination BP was {bp}, heart rate {hr} and regular. ",
        bp=f"{w.num(110, 160)}/{w.num(60, 95)}",
        hr=w.num(52, 96),
    )
    n.fmt(
        "ECG showed {e}. ",
        e=w.pick(
            ("sinus rhythm with LVH", "sinus rhythm, nonspecific ST changes", "atrial fibrillation, rate 88")
        ),
    )
    n.fmt("\n\nCurrent medications:\n{m}\n\n", m=meds_block(w, 2, 5, numbered=False))
    n.add(
        "Impression: ",
        w.pick(
            (
                "Symptoms concerning for stable angina. ",
                "Paroxysmal palpitations, likely PACs. ",
                "Low perioperative cardiac risk. ",
            )
        ),
        w.pick(("Lipids from ", "Labs from ")),
    )
    n.fmt(
        "{d} were reviewed (LDL {ldl}, A1c {a}%).",
        d=w.date(day - dt.timedelta(days=w.num(10, 90)), "m/d/yyyy", "Month d"),
        ldl=w.num(60, 190),
        a=f"{w.num(5, 9)}.{w.num(0, 9)}",
    )
    n.fmt(
        "\n\nI have arranged {t}. ",
        t=w.pick(("an exercise stress echocardiogram", "a 14-day Zio patch", "a coronary CTA")),
    )
    n.fmt(
        "We will see {o} back on {d}. ",
        o="her" if pt.sex == "F" else "him",
        d=w.date(day + dt.timedelta(days=w.num(20, 90)), "Month d", "Month dth", "m/d/yyyy"),
    )
    n.add(
        w.pick(
            ("In the meantime I started atorvastatin 40 mg daily. ", "I made no medication changes today. ")
        )
    )
    n.add("Thank you for this kind referral.\n\nSincerely,\n\n")
    n.fmt("{d}, MD, FACC\n{e}\n", d=w.name(doc, "DOCTOR", "full", "full_mi"), e=w.email(doc, domain))
    n.fmt("cc: {p}", p=w.pick((["Dr. ", w.name(w.person(), "DOCTOR", "full", "last")], "patient", "chart")))
    n.add(
        "\n\nCONFIDENTIAL: This letter contains protected health information intended only for the "
        "addressee. "
        "If received in error please notify the sender and destroy all copies."
    )


@template("letter", "dev")
def letter_neurology_followup(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.12, 30)
    day = w.day()
    referrer = w.person()
    relation, fam = w.relative(pt)
    clinic = w.clinic("Neurology")
    letterhead(w, n, clinic)
    n.fmt(
        "Re: {nm}\nDOB: {b}\nHospital No: {m}\nDate of visit: {d}\n\n",
        nm=w.name(pt, "PATIENT", "full", "last_first"),
        b=w.date(w.dob(day, years), "d Month yyyy", "mm/dd/yyyy", "dd-Mon-yyyy"),
        m=w.mrn(),
        d=w.date(day, "d Month yyyy", "mm/dd/yyyy", "Month d, yyyy"),
    )
    n.fmt(
        "Dear {r},\n\n",
        r=w.pick(
            (
                ["Dr. ", Phi(referrer.last, "DOCTOR")],
                ["Dr. ", w.name(referrer, "DOCTOR", "full")],
                "Colleague",
            )
        ),
    )
    n.fmt(
        "I reviewed {t} {l} today, accompanied by {pos} {rel} {f}. ",
        t=pt.title,
        l=Phi(pt.last, "PATIENT"),
        pos=pt.possessive,
        rel=relation,
        f=w.rel(fam, "first"),
    )
    n.add(
        w.pick(
            (
                f"{pt.possessive.capitalize()} Parkinson's disease remains reasonably controlled on Sinemet "
                f"25/100 one and a half tablets four times daily, though {pt.pronoun} notes wearing-off "
                "about "
                "an hour before each dose. ",
                "Since the Bell's palsy in the spring the facial weakness has largely recovered; eye closure "
                "is now complete. ",
                f"{pt.pronoun.capitalize()} has had two further focal seizures since we last met, both on "
                "waking. Keppra was increased to 750 mg BID. ",
                "The migraines have reduced from 12 to 4 headache days per month on topiramate. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "Sleep is poor, with vivid dreams. ",
                "Falls: none since the last visit. ",
                "Mood is low at times. ",
            )
        ),
        w.pick(("Appetite is good and weight is stable. ", "Constipation remains troublesome. ")),
    )
    n.fmt("Current medication: {m}. ", m=join([m.split(" PO")[0] for m in w.some(MEDS, 2, 4)]))
    n.fmt(
        "Examination today was {e}. ",
        e=w.pick(("unchanged", "notable for mild bradykinesia on the left", "normal")),
    )
    if w.chance(0.5):
        n.fmt(
            "An MRI brain at {h} on {d} was unremarkable. ",
            h=Phi(w.hospital(), "HOSPITAL"),
            d=w.date(day - dt.timedelta(days=w.num(20, 200)), "d Month", "Month dth", "m/d/yy"),
        )
    n.add(w.pick(("I have not made any changes. ", "We agreed to add amantadine 100 mg daily. ")))
    n.fmt(
        "{P} is no longer driving; {pos} {rel} drives {o}. ",
        P=pt.pronoun.capitalize(),
        pos=pt.possessive,
        rel=relation,
        o="her" if pt.sex == "F" else "him",
    )
    n.fmt(
        "I will see {o} again in {mo} months.\n\nYours sincerely,\n\n{d}\nConsultant Neurologist\n",
        o="her" if pt.sex == "F" else "him",
        mo=w.num(3, 9),
        d=w.name(w.person(), "DOCTOR", "full", "full_mi"),
    )
    n.fmt(
        "Typed by: {t} {dd}",
        t=w.username(w.person()),
        dd=w.date(day + dt.timedelta(days=w.num(1, 6)), "mm/dd/yy", "m/d/yy"),
    )


@template("letter", "dev")
def letter_oncology_insurance(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    doc = w.person()
    clinic = f"{w.place_word()} Cancer Center"
    domain = letterhead(w, n, clinic)
    n.fmt("{d}\n\n", d=w.date(day, "Month d, yyyy", "mm/dd/yyyy"))
    plan = w.pick(
        (
            "Blue Cross Blue Shield",
            "Harvard Pilgrim Health Care",
            "Tufts Health Plan",
            "UnitedHealthcare",
            "Aetna",
        )
    )
    n.fmt(
        "{p}\nUtilization Review Department\nAttn: {a}\n\n",
        p=plan,
        a=w.name(w.person(), "PATIENT", "full"),
    )
    n.fmt(
        "RE: {nm}\nMember ID: {mid}\nGroup #: {g}\nDate of birth: {b}\n",
        nm=w.name(pt, "PATIENT", "full", "LAST_FIRST"),
        mid=w.member_id(),
        g=Phi(w.digits(6), "HEALTHPLAN"),
        b=w.date(w.dob(day, w.age(0.1, 30)), "mm/dd/yyyy"),
    )
    if w.chance(0.3):
        n.fmt("SSN: {s}\n", s=Phi(w.fake.ssn(), "SSN"))
    n.fmt("Claim/Reference #: {c}\n\n", c=Phi(f"{w.letters(1)}{w.digits(10)}", "IDNUM"))
    n.add("To Whom It May Concern:\n\n")
    n.fmt(
        "I am writing on behalf of my patient, {nm}, to appeal the denial dated {d} of {req}. ",
        nm=w.name(pt, "PATIENT", "full"),
        d=w.date(day - dt.timedelta(days=w.num(5, 30)), "Month d, yyyy", "mm/dd/yyyy"),
        req=w.pick(
            (
                "a PET/CT for restaging",
                "pegfilgrastim support",
                "brentuximab vedotin",
                "a second opinion at an out-of-network center",
            )
        ),
    )
    n.fmt(
        "{t} {l} was diagnosed with {dx} in {y} ",
        t=pt.title,
        l=Phi(pt.last, "PATIENT"),
        dx=w.pick(("classic Hodgkin lymphoma", "stage III colon adenocarcinoma", "ER+ breast cancer")),
        y=year(day.year - w.num(0, 3)),
    )
    n.add(
        w.pick(
            (
                "and relapsed after first-line ABVD. ",
                "and has completed 6 cycles of FOLFOX. ",
                "and recently developed bone pain. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "Restaging imaging is required to decide between salvage chemotherapy and autologous "
                "transplant. ",
                "Prior cycles were complicated by neutropenic fever requiring admission. ",
                "Without this treatment, the risk of progression is substantial. ",
            )
        )
    )
    n.fmt("Treatment to date has been delivered at {h} under my direction. ", h=Phi(w.hospital(), "HOSPITAL"))
    n.add("The requested service is consistent with NCCN guidelines and is medically necessary. ")
    n.add("Please contact my office with any questions.\n\nSincerely,\n\n")
    n.fmt(
        "{d}, MD\nHematology/Oncology\nNPI {npi}\n{e}",
        d=w.name(doc, "DOCTOR", "full", "full_mi"),
        npi=Phi("1" + w.digits(9), "IDNUM"),
        e=w.email(doc, domain),
    )
    n.add("\n\nEnclosures: clinical notes, imaging reports, pathology report (3 pages).")


ORTHO_CASES = (
    ("R knee pain after a twisting injury", "Exam suggests a medial meniscus tear; MRI ordered. "),
    ("L shoulder pain, worse overhead", "Positive Neer and Hawkins signs, consistent with impingement. "),
    ("a distal radius (Colles) fracture", "Alignment is acceptable in the cast. "),
    ("a Baker's cyst and knee OA", "X-rays show moderate medial compartment narrowing. "),
)


@template("letter", "test")
def letter_orthopedics_brief(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.3, 25)
    day = w.day()
    pcp = w.person()
    surgeon = w.person()
    n.fmt(
        "{c}  *  {a}  *  {p}  *  fax {f}\n\n",
        c=Phi(w.clinic("Orthopaedic"), "HOSPITAL"),
        a=w.address(),
        p=w.phone(styles=("paren", "dot")),
        f=w.phone("FAX", styles=("paren", "dot", "dash")),
    )
    n.fmt("{d}\n\n", d=w.date(day, "mm/dd/yyyy", "Month d, yyyy"))
    n.fmt("Dear {p},\n\n", p=w.pick((["Dr. ", Phi(pcp.last, "DOCTOR")], [w.name(pcp, "DOCTOR", "first")])))
    n.fmt(
        "Thanks for sending {nm} ({a}{s}) over. ",
        nm=w.name(pt, "PATIENT", "full", "first"),
        a=age(years),
        s=pt.sex,
    )
    n.fmt(
        "I saw {o} on {wd} for {c}. ",
        o="her" if pt.sex == "F" else "him",
        wd=w.weekday(day - dt.timedelta(days=w.num(1, 6))),
        c=(complaint := w.pick(ORTHO_CASES))[0],
    )
    n.add(complaint[1])
    n.fmt(
        "PMH: {p}. Meds: {m}. ",
        p=", ".join(w.some(PMH, 1, 3)),
        m=", ".join(m.split(" PO")[0] for m in w.some(MEDS, 1, 3)),
    )
    n.add(
        w.pick(
            (
                "Neurovascularly intact distally. ",
                "Mild effusion, ligaments stable. ",
                "Full passive ROM, painful arc 60-120. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "We injected the joint with 40 mg Kenalog today. ",
                "Started PT twice weekly. ",
                "Recheck X-ray in 2 weeks. ",
            )
        )
    )
    n.fmt(
        "{P} works as a {job} and will be off work until {d}. ",
        P=pt.pronoun.capitalize(),
        job=Phi(w.pick(PROFESSIONS).replace("retired ", ""), "PROFESSION"),
        d=w.date(day + dt.timedelta(days=w.num(10, 40)), "m/d", "Month dth", "Mon d"),
    )
    n.add(
        w.pick(
            (
                "I explained the natural history and the options of physiotherapy, injection and, "
                "eventually, surgery. ",
                "We discussed weight loss and low impact exercise such as swimming or cycling. ",
                "Bone density has not been checked; I would suggest a DEXA given the fracture. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "If it fails to settle, arthroscopy is an option. ",
                "Ice, NSAIDs as tolerated given CKD - please advise. ",
                "",
            )
        )
    )
    n.fmt(
        "Follow-up is booked for the {d}.\n\nBest,\n{s}",
        d=w.date(day + dt.timedelta(days=w.num(14, 28)), "dth"),
        s=w.name(surgeon, "DOCTOR", "full", "initial_last"),
    )
    n.fmt("\n{e}", e=w.email(surgeon, w.domain(w.hospital())))
    n.add("\n\nDictated but not read. Please excuse any voice recognition errors.")


@template("letter", "test")
def letter_results_to_patient(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    clinic = w.clinic(w.pick(("Family Medicine", "Primary Care", "Internal Medicine")))
    domain = w.domain(clinic)
    n.fmt("{c}\n{a}\n\n", c=Phi(clinic, "HOSPITAL"), a=w.address(one_line=False))
    n.fmt(
        "{d}\n\n{nm}\n{a}\n\n",
        d=w.date(day, "Month d, yyyy", "mm/dd/yyyy"),
        nm=w.name(pt, "PATIENT", "full", "full_mi"),
        a=w.address(one_line=False),
    )
    n.fmt("Dear {t} {l},\n\n", t=pt.title, l=Phi(pt.last, "PATIENT"))
    n.fmt(
        "Your recent blood tests from {d} are back. ",
        d=w.date(day - dt.timedelta(days=w.num(3, 14)), "m/d", "Month d", "Month dth"),
    )
    n.add(
        w.pick(
            (
                "Your cholesterol (LDL 162) is higher than we would like; please start the atorvastatin we "
                "discussed. ",
                "Your kidney function (creatinine 1.4) is slightly worse than last year. Please avoid "
                "ibuprofen. ",
                "Your A1c is 7.9%, up from 7.1%. We will talk about this at your next visit. ",
                "All of your results were normal, including your thyroid test and blood count. ",
            )
        )
    )
    if w.chance(0.5):
        n.add(
            "Your INR was 3.4, so please take 1/2 tab of warfarin tonight and then resume your usual dose. "
        )
    n.add(
        "\n\n",
        w.pick(
            (
                "Here is a summary of the main results:\n- Hemoglobin A1c: see above\n- TSH: 2.1 (normal "
                "0.4-4.0)\n"
                "- Creatinine: see above\n- Vitamin D: 18 (low); please take vitamin D3 2000 units daily\n\n",
                "Results:\n  LDL cholesterol 162 mg/dL (goal < 100)\n  HDL 41\n  Triglycerides 210\n  ALT "
                "33, AST 29 (normal)\n\n",
                "Your blood count, kidney and liver tests were all within normal limits. Your urine test "
                "showed no infection.\n\n",
            )
        ),
    )
    n.add(
        w.pick(
            (
                "Please schedule a follow-up visit in 3 months. ",
                "We will repeat this test in 6 weeks. ",
                "You are also due for your flu shot. ",
            )
        )
    )
    n.fmt(
        "You can also see these results in the patient portal at {u}. ",
        u=Phi(
            w.pick((f"https://mychart.{domain}", f"https://portal.{domain}/login", f"www.{domain}/myhealth")),
            "URL",
        ),
    )
    n.fmt(
        "If you have questions, call the office at {ph} or e-mail {e}.\n\n",
        ph=w.phone(),
        e=w.email(nurse := w.person("F"), domain),
    )
    n.fmt(
        "Sincerely,\n\n{d}, {cred}\n",
        d=w.name(w.person(), "DOCTOR", "full", "full_mi"),
        cred=w.pick(("MD", "NP", "DO", "PA-C")),
    )
    n.fmt("for the care team (RN contact: {r})", r=w.name(nurse, "DOCTOR", "full", "first"))
    n.add(
        "\n\nThis letter was generated from your electronic health record. Please do not reply to this "
        "address."
    )


# -- 7. telephone encounters ------------------------------------------------------------------------


@template("telephone", "dev")
def phone_family_call(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    relation, fam = w.relative(pt)
    phone = w.phone(styles=("dash", "dash", "paren", "plain"))
    n.fmt("Pt's {rel} {nm} called at {ph}", rel=relation, nm=w.rel(fam, "first", "full"), ph=phone)
    if w.chance(0.4):
        n.fmt(" ext {x}", x=Phi(str(w.num(2, 499)), "PHONE"))
    n.fmt(
        " re: {why}. ",
        why=w.pick(
            (
                "pt more confused since starting oxybutynin",
                "refill of Sinemet, pt down to 2 days",
                "BP readings 170s/90s at home",
                "pt fell at home last night, no injury",
                [
                    "question about stopping Eliquis before colonoscopy on the ",
                    w.date(day + dt.timedelta(days=w.num(3, 20)), "dth"),
                ],
            )
        ),
    )
    n.fmt(
        "States pt {s}. ",
        s=w.pick(
            (
                "denies CP/SOB",
                "is eating and drinking OK",
                "has had brown, foul-smelling urine",
                "has 6/10 back pain, taking Tylenol",
            )
        ),
    )
    n.fmt("{rel} is on HIPAA form. ", rel=relation.capitalize())
    n.fmt(
        "Current meds reviewed: {m}. ",
        m=", ".join(m.split(" (")[0].split(" PO")[0] for m in w.some(MEDS, 2, 4)),
    )
    n.fmt(
        "Spoke w/ Dr. {d}, who advised {a}. ",
        d=Phi(w.person().last, "DOCTOR"),
        a=w.pick(
            (
                ["holding oxybutynin and calling back ", w.weekday(day + dt.timedelta(days=w.num(1, 4)))],
                "ED if any new weakness or headache",
                "labs this week (CHEM7, CBC)",
                "increasing amlodipine to 10 mg",
            )
        ),
    )
    n.fmt(
        "Called {rel} back at {t}: {r}. ",
        rel=relation,
        t=f"{w.num(1, 4)}:{w.num(10, 59)}{w.pick(('pm', 'PM', ''))}",
        r=w.pick(
            ("LVM to call back", "no answer, LVM", "verbalized understanding", "will bring pt in tomorrow")
        ),
    )
    n.add(
        w.pick(
            (
                "Reviewed signs of stroke and when to call 911. ",
                "Pt's pharmacy confirmed on file. ",
                "Advised to keep a BP log twice daily and bring to appt. ",
                "",
            )
        )
    )
    if w.chance(0.6):
        n.fmt(
            "Appt made for {d} w/ {p}. ",
            d=w.date(day + dt.timedelta(days=w.num(1, 10)), "m/d", "Mon dth", "mm/dd"),
            p=w.name(w.person(), "DOCTOR", "full", "initial_last"),
        )
    n.fmt(
        "\n{r}, RN  {d}",
        r=w.name(w.person(), "DOCTOR", "full", "initial_last"),
        d=w.date(day, "m/d/yy", "mm/dd/yyyy"),
    )


@template("telephone", "dev")
def phone_structured_encounter(w: World, n: Note) -> None:
    pt = w.person()
    years = w.age(0.15, 25)
    day = w.day()
    relation, fam = w.relative(pt)
    self_call = w.chance(0.5)
    n.add("TELEPHONE ENCOUNTER\n")
    n.fmt(
        "Patient: {nm}   DOB: {b}   MRN: {m}\n",
        nm=w.name(pt, "PATIENT", "LAST_FIRST", "last_first", "full"),
        b=w.date(w.dob(day, years), "mm/dd/yyyy", "m/d/yyyy"),
        m=w.mrn(),
    )
    n.fmt(
        "Date/time: {d} {t}\n", d=w.date(day, "mm/dd/yyyy", "m/d/yyyy"), t=f"{w.num(8, 16)}:{w.num(10, 59)}"
    )
    if self_call:
        n.add("Caller: patient\n")
    else:
        n.fmt("Caller: {nm}   Relationship: {rel}\n", nm=w.rel(fam, "full"), rel=relation)
    n.fmt(
        "Call back #: {ph}   OK to leave detailed msg: {y}\n",
        ph=w.phone(styles=("paren", "dash", "dash_x")),
        y=w.pick(("Y", "N")),
    )
    n.fmt(
        "Preferred language: {l}   Pharmacy: {ph}\n",
        l=w.pick(("English", "Spanish", "Portuguese", "English")),
        ph=Phi(f"{w.place_word()} Pharmacy", "ORGANIZATION"),
    )
    n.fmt(
        "Reason for call: {r}\n\n",
        r=w.pick(("Medication question", "Symptom - cough", "Test results", "Referral request")),
    )
    n.fmt(
        "Message: {m}\n\n",
        m=w.pick(
            (
                [
                    "Calling about results of CT from last ",
                    w.weekday(day - dt.timedelta(days=w.num(3, 7))),
                    ". Would like to know if the nodule has grown.",
                ],
                "Cough x 10 days, now productive of brown sputum, low grade temp 99.8. No SOB.",
                "Needs referral to GI for colonoscopy; insurance requires it before the appt.",
                "Wants to know if OK to take Sudafed with BP meds.",
            )
        ),
    )
    n.add(
        "Triage: ",
        w.pick(
            (
                "afebrile per pt, no SOB, able to keep fluids down. ",
                "pt calm, speaking in full sentences. ",
                "symptoms stable x3 days. ",
            )
        ),
        w.pick(("Current meds reviewed. ", "Allergies reviewed. ")),
        "\n",
    )
    n.fmt(
        "Action taken: {a}\n",
        a=w.pick(
            (
                ["Routed to Dr. ", Phi(w.person().last, "DOCTOR"), " for review."],
                "Advised per protocol; will call back if worse.",
                ["Referral placed to ", Phi(w.clinic("Gastroenterology"), "HOSPITAL"), "."],
                [
                    "Scheduled sick visit ",
                    w.weekday(day + dt.timedelta(days=1)),
                    " with NP ",
                    w.name(w.person(), "DOCTOR", "full", "last"),
                    ".",
                ],
            )
        ),
    )
    if w.chance(0.35):
        n.fmt(
            "Video visit offered; pt connected from IP {ip} but audio failed, converted to phone.\n",
            ip=Phi(w.fake.ipv4_public() if w.chance(0.7) else w.fake.ipv4_private(), "IPADDR"),
        )
    n.fmt(
        "Insurance verified: {i} {mid}\n",
        i=w.pick(("Medicare", "BCBS PPO", "MassHealth", "Fallon")),
        mid=w.member_id(),
    )
    n.fmt(
        "Documented by: {u} ({nm}, {c})",
        u=w.username(st := w.person()),
        nm=w.name(st, "DOCTOR", "full"),
        c=w.pick(("RN", "MA", "LPN")),
    )


@template("telephone", "dev")
def phone_pharmacy_refill(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    pharmacy = w.pick(
        (
            f"{w.place_word()} Pharmacy",
            f"{w.fake.last_name()}'s Drug",
            "CVS",
            "Walgreens",
            "Stop & Shop Pharmacy",
        )
    )
    town = w.town()[0]
    n.fmt(
        "Refill request rec'd via fax from {ph} ({st}, {c}) fax {f}, ",
        ph=Phi(pharmacy, "ORGANIZATION"),
        st=Phi(w.street().split(" Apt")[0], "STREET"),
        c=Phi(town, "CITY"),
        f=w.phone("FAX", styles=("dash", "paren")),
    )
    n.fmt("pharmacy phone {p}.\n", p=w.phone(styles=("dash", "paren", "dot")))
    med = w.pick(MEDS)
    n.fmt(
        "Pt: {nm}, DOB {b}.\nMed: {m}, #{q}, last filled {d}.\n",
        nm=w.name(pt, "PATIENT", "full", "last_first"),
        b=w.date(w.dob(day, w.age(0.15, 30)), "mm/dd/yyyy", "m/d/yy"),
        m=med,
        q=w.pick((30, 60, 90)),
        d=w.date(day - dt.timedelta(days=w.num(25, 95)), "m/d/yy", "mm/dd/yyyy"),
    )
    n.fmt(
        "Last OV {d} with Dr. {doc}. ",
        d=w.date(day - dt.timedelta(days=w.num(40, 300)), "m/d/yy", "mm/dd/yy", "m/d/yy"),
        doc=Phi((doc := w.person()).last, "DOCTOR"),
    )
    n.add(w.pick(("Due for BMP - ordered. ", "Labs UTD. ", "Pt overdue for f/u, 30 day supply only. ")))
    n.fmt("Most recent {l}. BP at last visit {bp}. ", l=labs(w), bp=f"{w.num(110, 160)}/{w.num(60, 95)}")
    n.add(w.pick(("Pt pays cash for this med, asked about GoodRx. ", "Prior auth may be needed. ", "")))
    n.add(
        w.pick(
            (
                "Reviewed: no interacting meds, K 4.2 on last BMP. ",
                "Pt on warfarin - interaction checked, none. ",
                "Controlled substance: PMP checked, no early fills. ",
            )
        )
    )
    n.fmt(
        "\nApproved x{r} refills per protocol, e-prescribed {t}. ",
        r=w.num(0, 3),
        t=w.pick(("today", "this AM")),
    )
    if w.chance(0.5):
        n.fmt(
            "DEA {dea}. ",
            dea=Phi(
                w.pick(("A", "B", "F", "M"))
                + (doc.last[0].upper() if doc.last[0].isalpha() else "X")
                + w.digits(7),
                "LICENSE",
            ),
        )
    n.fmt(
        "Pt notified via portal (msg sent to {e}).\n-- {u}",
        e=w.email(pt),
        u=w.name(w.person(), "DOCTOR", "full", "initial_last"),
    )


@template("telephone", "test")
def phone_answering_service(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    relation, fam = w.relative(pt)
    oncall = w.person()
    n.fmt(
        "AFTER HOURS CALL - Answering service msg rec'd {d} {wd} at {t}\n",
        d=w.date(day, "m/d", "mm/dd/yy"),
        wd=w.weekday(day),
        t=f"{(hour := w.num(0, 4)):02d}:{(minute := w.num(10, 39))}",
    )
    n.fmt(
        "From: {who}  Tel: {ph}\n",
        who=w.pick(("patient", [relation, " (", w.rel(fam, "full"), ")"])),
        ph=w.phone(),
    )
    n.fmt(
        "Pt: {nm}, {a} yo, pt of Dr. {p}\n\n",
        nm=w.name(pt, "PATIENT", "full", "last_first"),
        a=age(w.age(0.35, 25)),
        p=Phi(w.person().last, "DOCTOR"),
    )
    n.fmt(
        "Returned call at {t}. {s} ",
        t=f"{hour:02d}:{minute + w.num(5, 20)}",
        s=w.pick(
            (
                [
                    "Reports fever 101.6 and chills since evening, on chemo (last cycle the ",
                    w.date(day - dt.timedelta(days=w.num(4, 12)), "dth"),
                    ").",
                ],
                [
                    "Reports painless blood in urine x1, Foley placed at urology visit ",
                    w.weekday(day - dt.timedelta(days=w.num(1, 6))),
                    ".",
                ],
                "Pt's INR checked at Coumadin clinic today was 5.1, missed the call from the clinic.",
                [
                    "Rash on chest after starting Bactrim ",
                    w.weekday(day - dt.timedelta(days=w.num(2, 6))),
                    ", no lip swelling, no SOB.",
                ],
            )
        ),
    )
    n.add(
        w.pick(
            (
                "Advised to go to ED now; pt agreeable. ",
                "Advised to hold med and call office in AM. ",
                "Instructed to hold warfarin tonight, recheck INR in 2 days. ",
            )
        )
    )
    n.add(
        w.pick(("Denies CP, SOB, confusion. ", "Taking fluids OK. ", "Has thermometer, reading confirmed. "))
    )
    n.add(
        w.pick(
            (
                "Per protocol (fever in immunocompromised pt) disposition is ED within 1 hr. ",
                "Reviewed red flags: facial swelling, trouble breathing, blistering - none present. ",
                "No bleeding, no black stools, no headache. Lives with spouse who can drive. ",
            )
        )
    )
    n.fmt("Meds per chart: {m}. ", m=", ".join(m.split(" PO")[0] for m in w.some(MEDS, 2, 3)))
    n.fmt("Pt prefers {h}. ", h=Phi(w.hospital(), "HOSPITAL"))
    if w.chance(0.4):
        n.fmt(
            "ED charge RN ({nm}) called with heads up at {ph}. ",
            nm=w.name(w.person(), "DOCTOR", "first", "full"),
            ph=w.phone(styles=("dash", "local")),
        )
    n.fmt(
        "Will route to PCP for f/u {wd}.\n{o}, MD (on call)",
        wd=w.weekday(day + dt.timedelta(days=w.num(1, 2))),
        o=w.name(oncall, "DOCTOR", "full", "initial_last"),
    )
    n.add("\n[Message transcribed by answering service; times are approximate]")


@template("telephone", "test")
def phone_portal_message(w: World, n: Note) -> None:
    pt = w.person()
    day = w.day()
    n.fmt(
        "Patient Portal Message - received {d} {t}\n",
        d=w.date(day, "mm/dd/yyyy", "iso"),
        t=f"{w.num(6, 23)}:{w.num(10, 59)}",
    )
    n.fmt("From: {nm} <{e}>\n", nm=w.name(pt, "PATIENT", "full"), e=w.email(pt))
    if w.chance(0.4):
        n.fmt("Sent from IP {ip} (flagged: new device)\n", ip=Phi(w.fake.ipv4_public(), "IPADDR"))
    n.fmt(
        "Subject: {s}\n\n", s=w.pick(("question about my meds", "Rx refill", "Test results??", "appointment"))
    )
    n.fmt("Hi Dr. {d}, ", d=Phi(w.person().last, "DOCTOR"))
    n.add(
        w.pick(
            (
                "I've been feeling really down lately and there's no joy in anything. My sister thinks I "
                "should talk to someone. ",
                "my glucose readings have been 200-250 every morning since the prednisone. ",
                [
                    "I was told to have my stitches out at 10 days, is that the ",
                    w.date(day + dt.timedelta(days=3), "dth"),
                    " or the ",
                    w.date(day + dt.timedelta(days=4), "dth"),
                    "? ",
                ],
                "the pharmacy says my insurance won't pay for the Eliquis anymore. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "I've tried to call the office twice but the line was busy. ",
                "Thanks for your help. ",
                "My daughter is helping me type this. ",
            )
        )
    )
    n.fmt(
        "You can call me at {ph} after 5. Thanks, {f}\n\n",
        ph=w.phone(styles=("dash", "plain", "dot")),
        f=w.name(pt, "PATIENT", "first"),
    )
    n.add(w.pick(("Also can I get my flu shot at the pharmacy? ", "Sorry for the long message. ", "")))
    n.fmt("Reply ({d}): ", d=w.date(day + dt.timedelta(days=w.num(0, 2)), "m/d", "mm/dd"))
    n.add(
        w.pick(
            (
                "Called pt, PHQ-9 = 14, no SI. Referred to behavioral health; warm handoff scheduled. ",
                "Spoke w/ pt, increase glargine by 2 units q3d until FBG <150. ",
                "Stitch removal scheduled. ",
                "Sent PA to insurance. ",
            )
        )
    )
    n.add(
        w.pick(
            (
                "Reviewed chart: last A1c 8.2, on metformin + glargine 18u. ",
                "Med list reconciled. ",
                "Last visit note reviewed, no contraindication. ",
            )
        )
    )
    if w.chance(0.3):
        n.fmt("Identity verified w/ DOB and last 4 SSN ({s}). ", s=Phi(w.digits(4), "SSN"))
    n.fmt(
        "Will see {wd}.\n{nm}, {c}",
        wd=w.weekday(day + dt.timedelta(days=w.num(2, 6))),
        nm=w.name(w.person(), "DOCTOR", "full", "initial_last"),
        c=w.pick(("RN", "NP", "MA")),
    )


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


def relative2(w: World, patient: Person, years: int = 60) -> tuple[str, Person]:
    """A dev2 family member, with relations the older splits do not use (no parents past 70)."""
    relations = ("partner", "stepson", "grandson", "ex-wife", "goddaughter", "cousin")
    relation = w.pick(relations if years >= 70 else (*relations, "mother", "father", "aunt"))
    female = relation in ("ex-wife", "goddaughter", "mother", "aunt") or (
        relation in ("partner", "cousin") and w.chance(0.5)
    )
    same_last = relation in ("mother", "father", "grandson") or w.chance(0.3)
    return relation, person2(w, "F" if female else "M", patient.last if same_last else None)


def town2(w: World) -> tuple[str, str]:
    return w.pick(DEV2_TOWNS) if w.chance(0.7) else (w.fake.city(), w.pick(("MA", "RI", "NY", "PA")))


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


def extension(w: World) -> Phi:
    """An in-house extension or pager ("4-5512", "x71234", "pgr 38812" -> the digits)."""
    return Phi(w.pick((f"{w.num(2, 7)}-{w.digits(4)}", f"x{w.digits(5)}", w.digits(5))), "PHONE")


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


def profession2(w: World) -> Phi:
    return Phi(w.pick(DEV2_PROFESSIONS), "PROFESSION")


def npi(w: World) -> Phi:
    return Phi(w.pick(("1", "1", "2")) + w.digits(9), "IDNUM")


def mrn2(w: World) -> Phi:
    text = w.pick((f"E{w.digits(7)}", f"{w.digits(2)}-{w.digits(3)}-{w.digits(3)}", f"MR{w.digits(8)}"))
    return Phi(text, "MEDICALRECORD")


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


def date2(w: World, day: dt.date, *formats: str) -> Phi:
    return w.date(day, *(formats or DEV2_FULL_DATES))


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


def times(w: World, k: int, low: int = 0, high: int = 23) -> list[str]:
    """``k`` increasing bare times (never PHI) in one of two layouts per note: 0645 or 6:45."""
    minutes = sorted(w.rng.sample(range(low * 60, high * 60 + 60), k))
    colon = w.chance(0.5)
    return [f"{m // 60}:{m % 60:02d}" if colon else f"{m // 60:02d}{m % 60:02d}" for m in minutes]


def tm(w: World, low: int = 0, high: int = 23) -> str:
    """A bare time (never PHI): 0645, 14:05."""
    return w.pick((f"{w.num(low, high):02d}{w.num(0, 59):02d}", f"{w.num(low, high)}:{w.num(0, 59):02d}"))


# -- dev2 / nursing: a mixed-case I-PASS handoff, and an all-caps ICU flowsheet narrative -------------


@template("nursing", "dev2")
def nursing_handoff_ipass(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    admit = day - dt.timedelta(days=w.num(1, 6))
    giver, taker = person2(w, "F" if w.chance(0.7) else "M"), person2(w)
    years = w.age(0.35, 45)
    relation, fam = relative2(w, pt, years)
    n.fmt(
        "Bedside handoff, {d} around {t} -- {a} handing over to {b}\n\n",
        d=date2(w, day, "Mon d 'yy", "mm-dd-yyyy", "d Mon yy", "m.d"),
        t=w.pick(("0645", "1845", "7p", "7a", "1500")),
        a=w.name(giver, "DOCTOR", "first"),
        b=w.name(taker, "DOCTOR", "first", "first_initial"),
    )
    n.fmt(
        "Rm {r} | {t} {nm}, {a}{s}\n",
        r=f"{w.num(2, 9)}{w.num(10, 40)}",
        t=pt.title,
        nm=Phi(pt.last, "PATIENT"),
        a=age(years),
        s=w.pick(("F" if pt.sex == "F" else "M", " yo", "y")),
    )
    n.add(
        "Illness severity: ",
        w.pick(("watcher", "stable", "watcher - RRT called last night", "unstable, MD aware")),
        "\n",
    )
    n.fmt(
        "Patient summary: in since {d} with {dx}. PMH {p}. ",
        d=date2(w, admit, "Mon-dd", "m.d", "dth of Month"),
        dx=w.pick(("CAP", "cellulitis of the L leg", "a hip fracture (ORIF done)", "GI bleed", "CHF")),
        p=", ".join(w.some(PMH, 2, 3)),
    )
    n.fmt(
        "{pr} is a {job} and lives in {c} ",
        pr=pt.pronoun.capitalize(),
        job=profession2(w),
        c=Phi(town2(w)[0], "CITY"),
    )
    n.fmt(
        "with {pos} {rel} {nm}, who works {when} at {org}.\n",
        pos=pt.possessive,
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        when=w.pick(("days", "nights", "weekends")),
        org=employer(w),
    )
    n.add("Action list:\n")
    n.fmt("  - recheck K at {t} (was {k})\n", t=tm(w, 10, 23), k=f"{w.num(2, 3)}.{w.num(0, 9)}")
    n.fmt(
        "  - page Dr. {d} ({sp}) re: {why} -- pgr {pg}\n",
        d=Phi(person2(w).last, "DOCTOR"),
        sp=w.pick(("GI", "renal", "ortho", "ID")),
        why=w.pick(("scope timing", "rising Cr", "wound vac", "abx duration")),
        pg=extension(w),
    )
    n.fmt(
        "  - {rel} wants a call back at {ph} after {t}\n",
        rel=relation,
        ph=phone2(w),
        t=w.pick(("5", "6pm", "her shift", "work")),
    )
    if w.chance(0.5):
        n.fmt(
            "  - has an ICD ({m}, serial {s}); rep from {o} coming to interrogate {wd}\n",
            m=w.pick(("Medtronic", "Boston Scientific", "Abbott")),
            s=serial(w),
            o=Phi(w.pick(("Medtronic", "Boston Scientific", "Abbott")), "ORGANIZATION"),
            wd=w.weekday(day + dt.timedelta(days=w.num(1, 3))),
        )
    n.fmt(
        "Situation awareness: high fall risk, bed alarm on. Sitter {s} until {t}. ",
        s=w.name(person2(w), "DOCTOR", "first", "first_initial"),
        t=w.pick(("2300", "midnight", "0300")),
    )
    n.add(
        w.pick(
            (
                "Gets agitated after dark, ask about her cat, it calms her. ",
                "Hard of hearing L ear, uses a pocket talker. ",
                "Prefers to be called by her middle name. ",
                "Spanish speaking, interpreter line works best. ",
            )
        )
    )
    if w.chance(0.6):
        neighbor = person2(w)
        n.fmt(
            "Neighbor {nb} has the house key and is feeding the dog.\n",
            nb=w.name(neighbor, "PATIENT", "full"),
        )
    else:
        n.add("\n")
    n.fmt("Synthesis: {b} read back, no questions.\n", b=w.name(taker, "DOCTOR", "first"))
    n.fmt(
        "[audit: note created by {u} {d} {t}; viewed by {v}]",
        u=username2(w, giver),
        d=date2(w, day, "yyyy/mm/dd", "mm-dd-yyyy"),
        t=tm(w),
        v=username2(w, taker),
    )


@template("nursing", "dev2")
def nursing_icu_flowsheet(w: World, n: Note) -> None:
    n.upper = True
    pt = person2(w)
    day = w.day(2016, 2025)
    years = w.age(0.45, 50)
    relation, fam = relative2(w, pt, years)
    rn = person2(w)
    n.fmt(
        "Flowsheet narrative / {u} bed {b} / {d} 07-19\n",
        u=w.pick(("MICU", "SICU", "Neuro ICU", "CVICU")),
        b=w.num(1, 24),
        d=date2(w, day, "ddMONyyyy", "yyyymmdd", "d Mon yy"),
    )
    n.fmt(
        "ID band: {nm}  {m}  age {a}  code status {c}\n",
        nm=w.name(pt, "PATIENT", "caret", "LAST_FIRST"),
        m=mrn2(w),
        a=age(years),
        c=w.pick(("full", "DNR", "DNR/DNI", "DNR, OK to intubate")),
    )
    n.add("time  hr   map  spo2  rass\n")
    hour = w.num(7, 9)
    for step in range(w.num(3, 5)):
        n.add(
            f"{hour + 2 * step:02d}00  {w.num(60, 130):<4} {w.num(55, 95):<4} {w.num(88, 100):<5} "
            f"{w.pick(('0', '-1', '-2', '+1'))}\n"
        )
    n.fmt(
        "Drips: {d}. I/O {i}/{o}.\n",
        d=w.pick(
            ("norepi 0.06 mcg/kg/min", "propofol 30 mcg/kg/min, fentanyl 50/hr", "none", "insulin 4u/hr")
        ),
        i=w.num(900, 2600),
        o=w.num(300, 2000),
    )
    n.fmt(
        "Events: at {t} {e}. Dr. {d} at bedside, orders received.\n",
        t=tm(w, 9, 17),
        e=w.pick(
            (
                "self-extubated, reintubated by anesthesia",
                "HR to 150s afib, given metoprolol 5 mg IV x2",
                "MAP 50s, bolus 500 mL LR",
                "seizure-like activity 40 sec, lorazepam 2 mg given",
            )
        ),
        d=Phi(person2(w).last, "DOCTOR"),
    )
    n.fmt(
        "Pump: {k} channel {c} (serial {s}) swapped for occlusion alarms, biomed ticket {tk}.\n",
        k=w.pick(("Alaris", "Sigma", "Plum 360")),
        c=w.pick("ABCD"),
        s=serial(w),
        tk=Phi(f"BME-{w.digits(6)}", "IDNUM"),
    )
    n.fmt(
        "Family: {rel} {nm} in from {c} with a friend, {fr}; ",
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        c=Phi(town2(w)[0], "CITY"),
        fr=w.name(person2(w), "PATIENT", "first", "full"),
    )
    n.fmt(
        "HCP paperwork on chart, contact {ph} (cell), {ph2} (work, {org}).\n",
        ph=phone2(w),
        ph2=phone2(w),
        org=employer(w),
    )
    if w.chance(0.5):
        n.fmt(
            "SW {sw} met family re: {why}.\n",
            sw=w.name(person2(w), "DOCTOR", "full", "first_initial"),
            why=w.pick(("guardianship", "MassHealth application", "travel lodging", "goals of care")),
        )
    n.fmt(
        "Signed {u} ({nm}, RN) {t}",
        u=username2(w, rn),
        nm=w.name(rn, "DOCTOR", "full", "first_initial"),
        t=w.pick(("1905", "1858", "1922")),
    )


# -- dev2 / discharge: a rehab transition-of-care summary, and a hospitalist SOAP discharge-day note ---


@template("discharge", "dev2")
def discharge_snf_transition(w: World, n: Note) -> None:
    pt = person2(w)
    years = w.age(0.5, 70)
    home_from = w.day(2016, 2025)
    snf_admit = home_from - dt.timedelta(days=w.num(10, 30))
    hosp_admit = snf_admit - dt.timedelta(days=w.num(3, 9))
    relation, fam = relative2(w, pt, years)
    facility = w.pick(
        (f"{w.place_word()} Rehabilitation and Nursing", f"The {w.fake.last_name()} at {w.place_word()}")
    )
    n.fmt("TRANSITION OF CARE -- {f} to home\n\n", f=Phi(facility, "HOSPITAL"))
    n.fmt(
        "Resident: {nm}   Rm {r}   DOB {b}\n",
        nm=w.name(pt, "PATIENT", "last_first_mi", "full"),
        r=f"{w.num(100, 399)}{w.pick('AB')}",
        b=date2(w, w.dob(home_from, years), "yyyy/mm/dd", "mm-dd-yyyy", "d.m.yyyy"),
    )
    n.fmt(
        "Stay: {a} through {d}, after a hospital stay at {h} ({ha} - {hd}).\n",
        a=date2(w, snf_admit, "Mon d 'yy", "mm-dd-yyyy"),
        d=date2(w, home_from, "Mon d 'yy", "mm-dd-yyyy"),
        h=Phi(hospital2(w), "HOSPITAL"),
        ha=date2(w, hosp_admit, "Mon-dd", "m.d"),
        hd=date2(w, snf_admit, "Mon-dd", "m.d"),
    )
    n.fmt(
        "\n{t} {nm} is a {a} year old {job} who came to us for {why}. ",
        t=pt.title,
        nm=Phi(pt.last, "PATIENT"),
        a=age(years),
        job=profession2(w),
        why=w.pick(
            (
                "strengthening after a mechanical fall with a pubic ramus fracture",
                "IV antibiotics (6 weeks of cefazolin via PICC) for MSSA bacteremia",
                "rehab after a L MCA stroke",
                "reconditioning after a long ICU stay",
            )
        ),
    )
    n.fmt(
        "{pr} lives alone in a second-floor walk-up in {c}. ",
        pr=pt.pronoun.capitalize(),
        c=Phi(town2(w)[0], "CITY"),
    )
    n.fmt(
        "{pos} {rel} {nm}, a {job2} at {org}, stops in most evenings, ",
        pos=pt.possessive.capitalize(),
        rel=relation,
        nm=w.rel(fam, "first", "full"),
        job2=w.pick(("cashier", "driver", "supervisor", "nurse")),
        org=employer(w),
    )
    n.fmt(
        "and {nb} from church drives {o} to appointments.\n\n",
        nb=w.name(person2(w), "PATIENT", "full"),
        o="her" if pt.sex == "F" else "him",
    )
    n.add(
        "Function at discharge: ",
        w.pick(
            (
                "ambulates 150 ft with rolling walker, supervision on stairs",
                "transfers with standby assist, wheelchair for distances",
                "independent ADLs except bathing",
            )
        ),
        ". Cognition: ",
        w.pick(("SLUMS 22/30", "MoCA 19", "A&Ox3, mild STM deficit")),
        ".\n",
    )
    n.fmt("Medication changes: {m}.\n", m="; ".join(m.split(",")[0] for m in w.some(MEDS, 2, 3)))
    n.fmt(
        "Services: {o} home health (PT/OT/RN) start of care {s}, intake {ph}. ",
        o=Phi(f"{w.place_word()} VNA", "ORGANIZATION"),
        s=date2(w, home_from + dt.timedelta(days=w.num(1, 3)), "Mon-dd", "m.d", "dth of Month"),
        ph=phone2(w),
    )
    n.fmt(
        "Hospital bed and commode delivered by {o}.\n",
        o=Phi(f"{w.fake.last_name()} Medical Supply", "ORGANIZATION"),
    )
    n.fmt(
        "Follow up: Dr. {p} at {c}, {d}.\n",
        p=Phi(person2(w).last, "DOCTOR"),
        c=Phi(hospital2(w), "HOSPITAL"),
        d=date2(w, home_from + dt.timedelta(days=w.num(5, 14)), "dth of Month", "Mon d 'yy"),
    )
    n.fmt(
        "\nPrepared by {sw}, LICSW. Attending {md}, MD (NPI {np}).",
        sw=w.name(person2(w), "DOCTOR", "full"),
        md=w.name(person2(w), "DOCTOR", "full", "last_first_mi"),
        np=npi(w),
    )


@template("discharge", "dev2")
def discharge_hospitalist_soap(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    hd = w.num(3, 12)
    years = w.age(0.3, 35)
    relation, fam = relative2(w, pt, years)
    hosp = hospital2(w)
    n.fmt("Hospital Medicine -- discharge day note (HD {h})\n", h=hd)
    n.fmt(
        "{nm} | {m} | {d}\n\n",
        nm=w.name(pt, "PATIENT", "FULL", "last_first_mi", "caret"),
        m=mrn2(w),
        d=date2(w, day, "ddMONyyyy", "mm-dd-yyyy", "yyyy/mm/dd"),
    )
    n.fmt(
        "S: No events overnight. {s} {pos} {rel} {nm} at bedside this AM, asking about driving.\n",
        s=w.pick(("Slept well.", "Some nausea with breakfast.", "Pain controlled on PO meds.")),
        pos=pt.possessive.capitalize(),
        rel=relation,
        nm=w.rel(fam, "first", "full"),
    )
    n.fmt("O: {v}\n{l}\n", v=vitals(w), l=labs(w))
    n.add("A/P: ", age(years), " y.o. ", "woman" if pt.sex == "F" else "man")
    n.fmt(
        " admitted {d} with {dx}, now improved.\n",
        d=date2(w, day - dt.timedelta(days=hd), "Mon-dd", "m.d"),
        dx=w.pick(
            ("pyelonephritis", "COPD flare", "DKA", "syncope (likely orthostatic)", "SBO, resolved w/o OR")
        ),
    )
    for item in sorted(
        w.some(
            (
                "1) infection -- switch to PO, total 7 days",
                "2) AKI -- resolved, hold ACE-i until PCP visit",
                "3) DM -- resume home regimen, A1c 9.1",
                "4) falls -- PT cleared for home with cane",
                "5) EtOH use -- CIWA scores 0 x48h, counseled",
            ),
            2,
            4,
        )
    ):
        n.add("   ", item, "\n")
    if w.chance(0.35):
        n.fmt(
            "Pt wishes to leave today for {pos} grandson's graduation in {c} on {wd}; has capacity, "
            "leaving AMA at {t}, form signed, witness {rn} RN.\n",
            pos=pt.possessive,
            c=Phi(town2(w)[0], "CITY"),
            wd=w.weekday(day + dt.timedelta(days=w.num(1, 5))),
            t=tm(w, 11, 18),
            rn=w.name(person2(w), "DOCTOR", "first_initial", "full"),
        )
    else:
        n.fmt(
            "Dispo: home with {rel} today; PCP {p} ({ph}) to see in 1 wk. Rx sent to {o}.\n",
            rel=relation,
            p=w.name(person2(w), "DOCTOR", "full", "last_first_mi"),
            ph=phone2(w),
            o=[
                Phi(w.pick(("CVS", "Walgreens", "Rite Aid")), "ORGANIZATION"),
                " on ",
                Phi(w.fake.street_name(), "STREET"),
            ],
        )
    n.fmt(
        ">30 min on discharge. {md}, MD, {h}, spectralink {x}",
        md=w.name(person2(w), "DOCTOR", "full"),
        h=Phi(hosp, "HOSPITAL"),
        x=extension(w),
    )


# -- dev2 / ed: a provider note in prose with MDM, and an EMS run handoff ------------------------------


@template("ed", "dev2")
def ed_provider_mdm(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    years = w.age(0.3, 21)
    driver = person2(w)
    scribe, md = person2(w), person2(w)
    n.fmt(
        "ED Provider Note   {d}   Arrival {t}\n",
        d=date2(w, day, "mm-dd-yyyy", "d Mon yy", "yyyy/mm/dd"),
        t=tm(w),
    )
    n.fmt(
        "Pt: {nm} ({a}{s})   HAR {acct}\n\n",
        nm=w.name(pt, "PATIENT", "last_first_mi", "FULL"),
        a=age(years),
        s=pt.sex,
        acct=Phi(w.digits(10), "ACCOUNT"),
    )
    # (what happened, MDM, consultant, disposition)
    case = w.pick(
        (
            (
                "passed out while shoveling",
                "Syncope, likely vasovagal vs arrhythmic. ECG NSR, no ischemia. Trop x2 negative. ",
                "cardiology",
                ["admit to ", Phi(hospital2(w), "HOSPITAL"), " telemetry"],
            ),
            (
                "had sudden slurred speech at dinner",
                "Concern for CVA. Code stroke activated, CTA neg for LVO, NIHSS 3. ",
                "neurology",
                "admit to step-down, neuro checks q1h",
            ),
            (
                "cut the left hand on a table saw",
                "Laceration with possible tendon involvement, XR no FB. ",
                "hand surgery",
                ["transfer to ", Phi(hospital2(w), "HOSPITAL"), " for hand surgery"],
            ),
            (
                "vomited blood twice",
                "Upper GI bleed, Glasgow-Blatchford 9, 2 large bore IVs, PPI gtt. ",
                "GI",
                "admit to MICU for EGD in AM",
            ),
        )
    )
    n.fmt(
        "HPI: This is a {a} year old {s} from {c} whose neighbor {nb} drove {obj} here after {pr} {what}. ",
        a=age(years),
        s="woman" if pt.sex == "F" else "man",
        c=Phi(town2(w)[0], "CITY"),
        nb=w.name(driver, "PATIENT", "full", "first"),
        obj="her" if pt.sex == "F" else "him",
        pr=pt.pronoun,
        what=case[0],
    )
    n.fmt(
        "{pr} {v} a {j} at {org} and was last seen normal at {t}. ",
        pr=pt.pronoun.capitalize(),
        v="works as" if years < 70 else "retired from work as",
        j=profession2(w),
        org=employer(w),
        t=tm(w),
    )
    before = day - dt.timedelta(days=w.num(60, 700))
    n.add(
        w.pick(
            (
                "No anticoagulants. ",
                "Takes Eliquis for afib, last dose this morning. ",
                ["Had a similar episode in ", date2(w, before, "Month yyyy", "mm/yyyy"), ". "],
            )
        )
    )
    n.fmt("PMH: {p}.\n\n", p=", ".join(w.some(PMH, 1, 3)))
    n.fmt("Exam: {v}. {e}\n\n", v=vitals(w, compact=False), e=exam(w).split("\n")[w.num(0, 6)])
    n.add("MDM: ", case[1])
    n.fmt(
        "Discussed with {sp} Dr. {c} via pgr {pg}. ",
        sp=case[2],
        c=Phi(person2(w).last, "DOCTOR"),
        pg=extension(w),
    )
    n.fmt("Dispo: {dp}\n\n", dp=case[3])
    n.fmt(
        "Scribe attestation: I, {s}, scribed for and in the presence of {m}, MD.\n",
        s=w.name(scribe, "DOCTOR", "full"),
        m=w.name(md, "DOCTOR", "full", "last_first_mi"),
    )
    n.fmt(
        "Electronically signed by {u} on {d}", u=username2(w, md), d=date2(w, day, "yyyymmdd", "mm-dd-yyyy")
    )


@template("ed", "dev2")
def ed_ems_handoff(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    years = w.age(0.35, 30)
    crew = [person2(w), person2(w)]
    n.fmt(
        "EMS RUN REPORT (handoff copy)  Run# {r}  Unit {u}\n",
        r=Phi(f"{day.year}-{w.digits(6)}", "IDNUM"),
        u=w.pick(("Medic 7", "A12", "Rescue 3", "ALS 41")),
    )
    hour = w.num(0, 21)
    clock = times(w, 4, hour, hour + 1)
    n.fmt(
        "Date of service {d}  Dispatched {t1}  At pt {t2}  At ED {t3}\n",
        d=date2(w, day, "mm-dd-yyyy", "yyyy/mm/dd", "ddMONyyyy"),
        t1=clock[0],
        t2=clock[1],
        t3=clock[2],
    )
    if w.chance(0.5):
        n.add("Pickup: ", address2(w), "\n")
    else:
        n.fmt(
            "Pickup: found at {l}, {c}\n",
            l=Phi(w.pick(DEV2_LANDMARKS), "LOCATION-OTHER"),
            c=Phi(town2(w)[0], "CITY"),
        )
    n.fmt(
        "Patient: {nm}, approx age {a}, ID from wallet (DL {dl}).\n",
        nm=w.name(pt, "PATIENT", "full", "FULL", "last_first"),
        a=age(years),
        dl=Phi(f"{w.letters(1)}{w.digits(8)}", "LICENSE"),
    )
    n.add(
        "CC/narrative: ",
        w.pick(
            (
                "Called by bystander for a man down. Pt found supine, GCS 13, smelling of EtOH, "
                "abrasion to forehead. ",
                "Pt c/o crushing CP x 30 min, diaphoretic. 12-lead with ST elevation II, III, aVF, "
                "STEMI alert called en route. ",
                "Restrained driver, MVC vs pole ~35 mph, +airbag, self-extricated, c/o neck pain. ",
                "Pt's caregiver reports new R facial droop and R arm weakness since lunch. ",
            )
        ),
    )
    n.fmt(
        "{who} {nm} on scene, {act}. ",
        who=w.pick(("Grandson", "Coworker", "Landlord", "Bystander")),
        nm=w.name(person2(w), "PATIENT", "full", "first"),
        act=w.pick(("started CPR", "gave history", "will follow by car", "has pt's phone")),
    )
    n.fmt("Vitals: {v}. BGL {g}.\n", v=vitals(w), g=w.num(60, 380))
    n.fmt(
        "Tx: {tx}.\n",
        tx=w.pick(
            ("ASA 324 mg, NTG 0.4 SL x2, IV 18g L AC", "C-collar, LR 250 mL", "O2 NRB, IV, D10 12.5 g")
        ),
    )
    n.fmt(
        "Meds/hx per pill bottles ({ph} pharmacy label): {m}.\n",
        ph=Phi(w.pick(("Walgreens", "CVS", f"{w.place_word()} Apothecary")), "ORGANIZATION"),
        m=", ".join(m.split(" ")[0] for m in w.some(MEDS, 2, 3)),
    )
    n.fmt(
        "Crew: {a} (EMT-P), {b} (EMT-B). Report given to {rn} RN at {t}.\n",
        a=w.name(crew[0], "DOCTOR", "full", "first_initial"),
        b=w.name(crew[1], "DOCTOR", "full", "first_initial"),
        rn=w.name(person2(w), "DOCTOR", "first", "full"),
        t=clock[3],
    )
    n.fmt(
        "Agency: {o}, dispatch {ph}",
        o=Phi(
            f"{w.pick((w.place_word(), town2(w)[0]))} {w.pick(('Fire Rescue', 'Ambulance', 'EMS'))}",
            "ORGANIZATION",
        ),
        ph=phone2(w),
    )


# -- dev2 / radiology: a structured CTA report with an HL7-like header, and an IR procedure note -----


@template("radiology", "dev2")
def rad_cta_structured(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    years = w.age(0.3, 25)
    ordering = person2(w)
    n.fmt(
        "PID|{m}|{nm}|{b}|{s}\n",
        m=mrn2(w),
        nm=w.name(pt, "PATIENT", "caret"),
        b=date2(w, w.dob(day, years), "yyyymmdd"),
        s=pt.sex,
    )
    n.fmt(
        "OBR|{acc}|CTA CHEST PE PROTOCOL|{d}{t}|{o}\n\n",
        acc=Phi(f"{w.letters(2)}{w.digits(8)}", "IDNUM"),
        d=date2(w, day, "yyyymmdd"),
        t=f"{w.num(0, 23):02d}{w.num(0, 59):02d}",
        o=w.name(ordering, "DOCTOR", "caret"),
    )
    n.fmt(
        "Site: {h}  Scanner: {sc}\n",
        h=Phi(hospital2(w), "HOSPITAL"),
        sc=w.pick(("CT2", "SOMATOM-ED", "Revolution 1")),
    )
    n.fmt(
        "Reason for exam: {a} yo {s}, {r}.\n",
        a=age(years),
        s=pt.sex,
        r=w.pick(("tachycardia, hypoxia, recent knee surgery", "pleuritic CP, D-dimer 2400", "hemoptysis")),
    )
    n.add("Contrast: 75 mL Omnipaque 350, no immediate reaction.\n")
    n.fmt(
        "Comparison: CT chest {d} from {o}.\n\n",
        d=date2(w, day - dt.timedelta(days=w.num(100, 1500)), "Month yyyy", "mm/yyyy", "d.m.yyyy"),
        o=Phi(hospital2(w), "HOSPITAL"),
    )
    case = w.pick(
        (
            (
                "Filling defects in the R main and RLL segmental pulmonary arteries. RV/LV 1.2, "
                "flattening of the septum.",
                "Acute R-sided PE with CT signs of right heart strain.",
                True,
            ),
            ("No filling defect to the subsegmental level. 4 mm RUL nodule (image 54).", "No PE.", False),
            ("Bilateral segmental emboli, LLL wedge-shaped opacity likely infarct.", "Bilateral PE.", True),
        )
    )
    n.add("PULMONARY ARTERIES: ", case[0], "\nLUNGS/PLEURA: ", w.pick(("Clear.", "Small L effusion.")), "\n")
    n.add("IMPRESSION\n  1. ", case[1], "\n")
    if case[2]:
        n.fmt(
            "  2. Critical result: called to {t} {nm} at {x} on {d}, read back.\n",
            t=w.pick(("NP", "PA", "Dr.")),
            nm=w.name(ordering, "DOCTOR", "full", "last"),
            x=extension(w),
            d=date2(w, day, "mm-dd-yyyy", "Mon d 'yy"),
        )
    else:
        n.add("  2. Fleischner: no routine follow-up needed for the nodule if low risk.\n")
    rad = person2(w)
    n.fmt(
        "\nRead by {r} (attending) with {f} (fellow). Final {d}. Workstation login {u}",
        r=w.name(rad, "DOCTOR", "full", "last_first_mi"),
        f=w.name(person2(w), "DOCTOR", "full", "first_initial"),
        d=date2(w, day, "yyyy/mm/dd", "mm-dd-yyyy"),
        u=username2(w, rad),
    )


@template("radiology", "dev2")
def rad_ir_procedure(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    years = w.age(0.3, 40)
    relation, fam = relative2(w, pt, years)
    proc = w.pick(
        (
            ("Tunneled port placement, R IJ", "port", True),
            ("Ultrasound-guided paracentesis", "para", False),
            ("IVC filter placement (retrievable)", "filter", True),
            ("CT-guided biopsy, L adrenal mass", "bx", False),
        )
    )
    n.fmt("INTERVENTIONAL RADIOLOGY PROCEDURE NOTE -- {p}\n", p=proc[0])
    n.fmt(
        "Date {d} | Pt {nm} | {m} | {a} y\n",
        d=date2(w, day, "d Mon yy", "mm-dd-yyyy", "ddMONyyyy"),
        nm=w.name(pt, "PATIENT", "last_first_mi", "full"),
        m=mrn2(w),
        a=age(years),
    )
    n.fmt(
        "Operators: {a}, MD (attending); {b}, MD (resident). Sedation RN {c}.\n",
        a=w.name(person2(w), "DOCTOR", "full"),
        b=w.name(person2(w), "DOCTOR", "full", "first_initial"),
        c=w.name(person2(w), "DOCTOR", "full", "first"),
    )
    if w.chance(0.5):
        n.fmt(
            "Consent: obtained from {pos} {rel}, {nm} (HCP), by phone {ph}, witnessed.\n",
            pos=pt.possessive,
            rel=relation,
            nm=w.rel(fam, "full"),
            ph=phone2(w),
        )
    else:
        n.add("Consent: patient, written, risks incl. bleeding/infection/pneumothorax discussed.\n")
    n.add("Time-out performed. Moderate sedation: midazolam 2 mg, fentanyl 100 mcg.\n")
    n.add(
        "Findings/technique: ",
        {
            "port": "R IJ accessed under US, 8 Fr single-lumen port placed, tip at cavoatrial junction. ",
            "para": f"{w.num(2, 7)}.{w.num(0, 9)} L of straw-colored fluid removed from the LLQ, "
            "albumin given. ",
            "filter": "Infrarenal IVC filter deployed via R CFV, cavogram pre and post. ",
            "bx": "Three 18G cores obtained, touch preps adequate per cytotech. ",
        }[proc[1]],
    )
    if proc[2]:
        n.fmt(
            "Device: {k}, lot {lot}, serial {s}; implant card given to pt.\n",
            k=w.pick(("PowerPort 8F", "Denali filter", "Option Elite filter", "Bard X-Port")),
            lot=Phi(w.letters(4) + w.digits(4), "DEVICE"),
            s=serial(w),
        )
    else:
        n.add("Specimens to lab.\n")
    n.add("EBL minimal. No immediate complications.\n")
    n.fmt(
        "Plan: {p}. Questions: IR PA pager {pg}.\n",
        p={
            "port": "CXR done, may use port today",
            "para": "albumin per protocol, repeat para PRN",
            "filter": "filter retrieval in 3 months",
            "bx": "bedrest 2 h, CXR at 1 h, f/u path in 3-5 days",
        }[proc[1]],
        pg=extension(w),
    )
    if proc[1] == "filter":
        n.fmt(
            "Retrieval clinic: {o}, {a}",
            o=Phi(hospital2(w), "HOSPITAL"),
            a=address2(w),
        )


# -- dev2 / pathology: an autopsy summary, and a molecular (send-out) report ----------------------------


@template("pathology", "dev2")
def path_autopsy_summary(w: World, n: Note) -> None:
    pt = person2(w)
    died = w.day(2016, 2025)
    years = w.age(0.5, 55)
    relation, fam = relative2(w, pt, years)
    n.add("REPORT OF AUTOPSY -- PRELIMINARY ANATOMIC DIAGNOSES\n")
    n.fmt(
        "Autopsy no. {a}     ME case {me}\n",
        a=Phi(f"A{died.year % 100:02d}-{w.num(1, 399):03d}", "IDNUM"),
        me=w.pick((Phi(f"ME-{died.year}-{w.digits(5)}", "IDNUM"), "n/a (hospital autopsy)")),
    )
    n.fmt(
        "Decedent: {nm}   Age: {a}   Sex: {s}\n",
        nm=w.name(pt, "PATIENT", "FULL", "last_first_mi"),
        a=age(years),
        s=pt.sex,
    )
    n.fmt(
        "Died {d} at {t}, {where}.\n",
        d=date2(w, died, "dth of Month", "ddMONyyyy", "mm-dd-yyyy"),
        t=tm(w),
        where=w.pick(
            (
                ["at home in ", Phi(town2(w)[0], "CITY")],
                ["at ", Phi(hospital2(w), "HOSPITAL")],
                ["in the parking lot of ", Phi(w.pick(DEV2_LANDMARKS), "LOCATION-OTHER")],
            )
        ),
    )
    n.fmt(
        "Autopsy performed {d}; authorized by {rel} {nm}; extent: {r}.\n\n",
        d=date2(w, died + dt.timedelta(days=w.num(0, 2)), "Mon-dd", "m.d", "dth of Month"),
        rel=relation,
        nm=w.rel(fam, "full", "last_first"),
        r=w.pick(("chest and abdomen only", "complete", "brain only", "complete, brain retained")),
    )
    n.fmt(
        "History: {a} year old former {job} with {p}, found unresponsive by {who}. ",
        a=age(years),
        job=profession2(w),
        p=join(w.some(PMH, 2, 3)),
        who=w.pick(
            (
                ["a home aide, ", w.name(person2(w), "PATIENT", "full")],
                "EMS",
                ["neighbor ", w.name(person2(w), "PATIENT", "first")],
            )
        ),
    )
    n.add("\n\nFINDINGS:\n")
    for item in w.some(
        (
            "Coronary atherosclerosis, severe, LAD 90% stenosis, with acute thrombus",
            "Cardiomegaly (heart weight 610 g), LVH",
            "Saddle pulmonary embolus; DVT, R popliteal vein",
            "Bronchopneumonia, bilateral lower lobes",
            "Nephrosclerosis, arterio- and arteriolar",
            "Cirrhosis, micronodular, with esophageal varices",
            "Alzheimer type neuropathology (pending neuropath consult)",
        ),
        3,
        5,
    ):
        n.add("  - ", item, "\n")
    n.fmt(
        "Prosector {p}, MD; assisted by {d} (diener). Attending pathologist {a}, MD.\n",
        p=w.name(person2(w), "DOCTOR", "full"),
        d=w.name(person2(w), "DOCTOR", "first", "full"),
        a=w.name(person2(w), "DOCTOR", "full", "last_first_mi"),
    )
    n.fmt(
        "Copy to Dr. {c} and to {o}, fax {f}.",
        c=Phi(person2(w).last, "DOCTOR"),
        o=Phi(f"Office of the Chief Medical Examiner, {town2(w)[0]}", "ORGANIZATION"),
        f=phone2(w, "FAX"),
    )


@template("pathology", "dev2")
def path_molecular_report(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2018, 2025)
    years = w.age(0.15, 30)
    lab_name = w.pick(("Genomix", "OncoSeq", "Helix Dx", "MolecuLab"))
    lab = f"{lab_name} {w.pick(('Laboratories', 'Inc.', 'Diagnostics'))}"
    host = "".join(ch for ch in lab.split()[0].lower() if ch.isalnum())
    n.fmt("{l} -- Next-Generation Sequencing Report\n", l=Phi(lab, "ORGANIZATION"))
    n.fmt(
        "CLIA {c} | CAP {cap} | Lab director {d}, PhD\n\n",
        c=Phi(f"{w.digits(2)}D{w.digits(7)}", "IDNUM"),
        cap=Phi(w.digits(7), "IDNUM"),
        d=w.name(person2(w), "DOCTOR", "full"),
    )
    n.fmt(
        "PATIENT {nm}   DOB {b}   SEX {s}\n",
        nm=w.name(pt, "PATIENT", "LAST_FIRST", "FULL"),
        b=date2(w, w.dob(day, years), "mm-dd-yyyy", "yyyy/mm/dd"),
        s=pt.sex,
    )
    n.fmt(
        "REQUISITION {r}   SPECIMEN {sp} (block {bl}, collected {c}, received {rcv})\n",
        r=Phi(f"RQ{w.digits(7)}", "IDNUM"),
        sp=Phi(f"{w.letters(1)}{day.year % 100}-{w.digits(5)}", "IDNUM"),
        bl=w.pick(("A3", "1B", "C2")),
        c=date2(w, day - dt.timedelta(days=w.num(10, 40)), "mm-dd-yyyy", "d Mon yy"),
        rcv=date2(w, day - dt.timedelta(days=w.num(3, 9)), "mm-dd-yyyy", "d Mon yy"),
    )
    n.fmt(
        "ORDERING {o}, MD (NPI {np}), {h}\n",
        o=w.name(person2(w), "DOCTOR", "full", "last_first_mi"),
        np=npi(w),
        h=Phi(hospital2(w), "HOSPITAL"),
    )
    n.fmt(
        "Billing: {p} member {m}\n\n",
        p=w.pick(("Medicare", "Tufts Health Plan", "MassHealth")),
        m=plan_id2(w),
    )
    case = w.pick(
        (
            ("lung adenocarcinoma", "EGFR exon 19 deletion (p.E746_A750del), VAF 31%", "osimertinib"),
            ("colon adenocarcinoma", "KRAS p.G12D, VAF 22%; MSS; TMB 4 mut/Mb", "none targeted (KRAS G12D)"),
            ("melanoma", "BRAF p.V600E, VAF 40%", "dabrafenib + trametinib"),
            ("cholangiocarcinoma", "FGFR2 fusion (FGFR2::BICC1)", "pemigatinib"),
        )
    )
    n.fmt(
        "Diagnosis submitted: {d}\nRESULT: {r}\nTherapy associations: {t}\n", d=case[0], r=case[1], t=case[2]
    )
    n.add("Tumor content ~", str(w.num(20, 80)), "% by review. Germline variants are not reported.\n")
    n.fmt(
        "Genetic counseling: {g}, MS, CGC, {ph}.\n",
        g=w.name(person2(w), "DOCTOR", "full"),
        ph=phone2(w),
    )
    n.fmt(
        "Full report and raw data: {u}\n",
        u=Phi(f"https://portal.{host}.com/r/{w.letters(2).lower()}{w.digits(6)}", "URL"),
    )
    n.fmt("Reported {d}", d=date2(w, day, "yyyy/mm/dd", "ddMONyyyy"))


# -- dev2 / letter: a PCP referral letter in prose, and a work-status letter to an employer -----------


@template("letter", "dev2")
def letter_pcp_referral(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    years = w.age(0.45, 40)
    relation, fam = relative2(w, pt, years)
    pcp = person2(w)
    practice = w.pick(
        (f"{town2(w)[0]} Family Practice", f"{w.fake.last_name()} & {w.fake.last_name()} Internal Medicine")
    )
    n.fmt("{p}\n", p=Phi(practice, "HOSPITAL"))
    n.add(address2(w), "\n")
    n.fmt("ph {ph} / fx {fx}\n\n", ph=phone2(w), fx=phone2(w, "FAX"))
    n.fmt("{d}\n\n", d=date2(w, day, "dth Month yyyy", "d.m.yyyy"))
    n.add("Dear Colleague,\n\n")
    n.fmt(
        "Re: {nm}, born {b}\n\n",
        nm=w.name(pt, "PATIENT", "full", "last_first_mi"),
        b=date2(w, w.dob(day, years), "d.m.yyyy", "mm-dd-yyyy"),
    )
    n.fmt(
        "I would be grateful if you would see {t} {l}, a {a}-year-old {job} ",
        t=pt.title,
        l=Phi(pt.last, "PATIENT"),
        a=age(years),
        job=profession2(w),
    )
    n.fmt(
        "originally from {c}, who has {why}. ",
        c=Phi(w.pick((*COUNTRIES, "Kenya", "Tonga", "Armenia", "Somalia", "Ukraine")), "COUNTRY"),
        why=w.pick(
            (
                "had three episodes of painless jaundice since the spring",
                "an unexplained weight loss of 9 kg over four months",
                "worsening exertional dyspnea despite a normal echo",
                "a resting tremor that is now interfering with writing",
            )
        ),
    )
    n.fmt(
        "{pr} moved here in {y} and lives with {pos} {rel}, {nm}, who comes to visits and interprets. ",
        pr=pt.pronoun.capitalize(),
        y=year(w.num(1975, 2019)),
        pos=pt.possessive,
        rel=relation,
        nm=w.rel(fam, "full", "first"),
    )
    n.fmt(
        "Before that {pr} was followed by Dr. {o} at {h}; records from {d} are enclosed.\n\n",
        pr=pt.pronoun,
        o=Phi(person2(w).last, "DOCTOR"),
        h=Phi(hospital2(w), "HOSPITAL"),
        d=date2(w, day - dt.timedelta(days=w.num(200, 2000)), "Month yyyy", "mm/yyyy"),
    )
    n.fmt(
        "Current medicines: {m}. Allergies: {a}. Relevant results: {l}.\n\n",
        m=", ".join(m.split(" ")[0] for m in w.some(MEDS, 2, 4)),
        a=w.pick(ALLERGIES),
        l=labs(w),
    )
    n.fmt(
        "{pr} prefers morning appointments and can be reached at {ph}, or by e-mail at {e}. ",
        pr=pt.pronoun.capitalize(),
        ph=phone2(w),
        e=Phi(
            f"{pt.first.lower()[:1]}{''.join(c for c in pt.last.lower() if c.isascii() and c.isalpha())}"
            f"{w.num(10, 99)}@{w.pick(DEV2_MAIL)}",
            "EMAIL",
        ),
    )
    n.add("Please send your consult note to my fax above.\n\nWith thanks and best wishes,\n\n")
    n.fmt("{d}, DO\n", d=w.name(pcp, "DOCTOR", "full", "full_mi"))
    n.fmt("NPI {np}", np=npi(w))


@template("letter", "dev2")
def letter_work_status(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    start = day - dt.timedelta(days=w.num(3, 40))
    back = day + dt.timedelta(days=w.num(5, 30))
    clinic = w.pick((f"{w.place_word()} Occupational Health", f"{town2(w)[0]} Urgent Care & Occ Med"))
    n.fmt(
        "{c} | {u}\n", c=Phi(clinic, "HOSPITAL"), u=Phi(f"www.{w.place_word().lower()}occhealth.com", "URL")
    )
    n.add("WORK STATUS / RETURN-TO-WORK NOTE\n\n")
    n.fmt("Date: {d}\n", d=date2(w, day, "mm-dd-yyyy", "ddMONyyyy", "yyyy/mm/dd"))
    n.fmt(
        "To: {hr}, Human Resources, {org} (fax {f})\n",
        hr=w.name(person2(w), "PATIENT", "full"),
        org=employer(w),
        f=phone2(w, "FAX"),
    )
    n.fmt(
        "Employee: {nm}   Job title: {j}   Employee ID {e}\n",
        nm=w.name(pt, "PATIENT", "full", "LAST_FIRST"),
        j=profession2(w),
        e=Phi(w.digits(w.num(5, 7)), "IDNUM"),
    )
    if w.chance(0.4):
        n.fmt("SSN (last four, for the carrier): {s}\n", s=Phi(w.digits(4), "SSN"))
    if w.chance(0.6):
        n.fmt(
            "Workers' comp claim {c}, carrier {k}, adjuster {a}\n",
            c=Phi(f"WC{w.digits(9)}", "IDNUM"),
            k=w.pick(("Liberty Mutual", "The Hartford", "AmTrust")),
            a=w.name(person2(w), "PATIENT", "full", "first_initial"),
        )
    n.fmt(
        "\nThe above employee was evaluated in our clinic on {d1} and {d2} for {why}. ",
        d1=date2(w, start, "Mon-dd", "m.d"),
        d2=date2(w, day, "Mon-dd", "m.d"),
        why=w.pick(
            (
                "a low back strain sustained while lifting at work",
                "a right wrist injury (TFCC sprain)",
                "a chemical splash to the L eye",
                "an infected laceration of the L index finger",
            )
        ),
    )
    n.fmt(
        "Restrictions until {b}: {r}. Full duty is expected after that date if progress continues. ",
        b=date2(w, back, "dth of Month", "mm-dd-yyyy"),
        r=w.pick(
            (
                "no lifting over 10 lb, no ladders",
                "seated work only, R hand in splint",
                "no driving company vehicles",
                "no work with gloves-off tasks",
            )
        ),
    )
    n.add("Diagnosis details are withheld from the employer per our policy.\n\n")
    n.fmt(
        "Questions: call {c} at {ph} or write to {e}.\n",
        c=w.name(person2(w), "DOCTOR", "full", "first"),
        ph=phone2(w),
        e=Phi(f"rtw@{w.place_word().lower()}occhealth.com", "EMAIL"),
    )
    n.fmt("\n{d}, PA-C", d=w.name(person2(w), "DOCTOR", "full", "last_first_mi"))
    if w.chance(0.5):
        n.fmt("\nPatient copy sent to {a}", a=address2(w))


# -- dev2 / telephone: a secure-chat thread export, and a telehealth video visit -----------------------


@template("telephone", "dev2")
def phone_secure_chat_log(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2016, 2025)
    relation, fam = relative2(w, pt)
    rn, md = person2(w), person2(w)
    users = (username2(w, rn), username2(w, md))
    n.fmt(
        "Secure Chat export -- conversation re: {nm} ({m})\n",
        nm=w.name(pt, "PATIENT", "full", "first_initial", "last_first"),
        m=mrn2(w),
    )
    n.fmt("Exported {d} by {u}\n\n", d=date2(w, day, "yyyy/mm/dd", "mm-dd-yyyy"), u=users[0])
    d_text = date2(w, day, "m.d", "Mon-dd", "mm-dd-yyyy")
    clock = iter(times(w, 7, 7, 21))
    n.fmt(
        "[{d} {t}] {u}: hey, {pt} in {r} says {pos} {rel} {nm} is on the way and wants to talk to you\n",
        d=d_text,
        t=next(clock),
        u=users[0],
        pt=w.name(pt, "PATIENT", "lower_first", "first"),
        r=w.pick(("412", "rm 9", "bed 3")),
        pos=pt.possessive,
        rel=relation,
        nm=w.rel(fam, "lower_first", "first", "full"),
    )
    n.fmt(
        "[{t}] {u}: ok. can you get {pos} family's number? I'm in the cath lab till ~{h}\n",
        t=next(clock),
        u=users[1],
        pos=pt.possessive,
        h=w.pick(("3", "noon", "1430")),
    )
    n.fmt("[{t}] {u}: {ph}, cell. ", t=next(clock), u=users[0], ph=phone2(w))
    n.fmt(
        "{pr} works at {org} so might not pick up\n",
        pr=fam.pronoun,
        org=employer(w),
    )
    n.fmt(
        "[{t}] {u}: also pt asking if {pr} can go to {pos} {ev} in {c} on {d}\n",
        t=next(clock),
        u=users[0],
        pr=pt.pronoun,
        pos=pt.possessive,
        ev=w.pick(("niece's wedding", "citizenship ceremony", "son's funeral", "daughter's graduation")),
        c=Phi(town2(w)[0], "CITY"),
        d=w.date(day + dt.timedelta(days=w.num(3, 12)), "Month dth", "Mon d", "dth of Month"),
    )
    n.fmt(
        "[{t}] {u}: depends on the echo. loop in {cm} from CM pls, x{x}\n",
        t=next(clock),
        u=users[1],
        cm=w.name(person2(w), "DOCTOR", "first", "lower_first", "full"),
        x=Phi(w.digits(5), "PHONE"),
    )
    n.fmt(
        "[{t}] {u}: will do. fyi pt was a {job} for 30 yrs, very anxious about the stairs at home\n",
        t=next(clock),
        u=users[0],
        job=profession2(w),
    )
    n.fmt(
        "[{t}] system: {u} added {v} to the conversation\n",
        t=next(clock),
        u=users[1],
        v=username2(w, person2(w)),
    )
    n.add("-- end of export (messages are part of the legal record) --")


@template("telephone", "dev2")
def phone_telehealth_video(w: World, n: Note) -> None:
    pt = person2(w)
    day = w.day(2020, 2025)
    years = w.age(0.35, 30)
    relation, fam = relative2(w, pt, years)
    doc = person2(w)
    host = w.pick(("telehealth", "video", "connect"))
    dom = w.pick(("northshorecare.org", "bayvalleyhealth.org", "tricountymed.com", "meridianclinics.org"))
    clock = times(w, 2, 8, 17)
    n.fmt(
        "Telehealth video visit {d}, {t}-{t2}\n",
        d=date2(w, day, "mm-dd-yyyy", "ddMONyyyy", "d Mon yy"),
        t=clock[0],
        t2=clock[1],
    )
    n.fmt(
        "Link: {u}   client IP {ip}\n",
        u=Phi(f"https://{host}.{dom}/join/{w.letters(3).lower()}-{w.digits(4)}", "URL"),
        ip=Phi(w.fake.ipv4_public(), "IPADDR"),
    )
    n.fmt(
        "Patient {nm} ({a}) joined from {loc}; identity confirmed by name and DOB {b}.\n",
        nm=w.name(pt, "PATIENT", "full", "last_first_mi"),
        a=age(years),
        loc=w.pick(
            (
                ["a car outside ", employer(w)],
                ["home in ", Phi(town2(w)[0], "CITY")],
                [pt.possessive, " ", relation, "'s apartment in ", Phi(town2(w)[0], "CITY")],
            )
        ),
        b=date2(w, w.dob(day, years), "mm-dd-yyyy", "d.m.yyyy", "yyyy/mm/dd"),
    )
    if w.chance(0.5):
        n.fmt(
            "Interpreter ({lang}) {nm}, ID {i}, via audio bridge.\n",
            lang=w.pick(("Haitian Creole", "Vietnamese", "Somali", "Portuguese", "Tongan", "Amharic")),
            nm=w.name(person2(w), "PATIENT", "first", "full"),
            i=Phi(w.digits(6), "IDNUM"),
        )
    n.fmt(
        "Also present: {rel} {nm}.\n\n",
        rel=relation,
        nm=w.rel(fam, "first", "full"),
    )
    # (reason, home device, what it showed, plan)
    case = w.pick(
        (
            (
                "home BP review after lisinopril started",
                "Omron cuff",
                "avg BP 148/90",
                "lisinopril up to 20 mg",
            ),
            ("CPAP adherence review", "ResMed AirSense 11", "usage 6.2 h/night, AHI 3.1", "no change"),
            ("glucose review", "Dexcom G7 receiver", "time in range 58%", "glargine up by 2 units"),
            ("palpitations", "KardiaMobile", "rare PACs, no afib on 14 strips", "reassurance, no change"),
        )
    )
    n.fmt(
        "Reason: {r}. Home device: {k}, serial {s}, data synced through {d}: {res}.\n",
        r=case[0],
        k=case[1],
        s=serial(w),
        d=date2(w, day - dt.timedelta(days=1), "Mon-dd", "m.d"),
        res=case[2],
    )
    n.fmt(
        "Plan: {p}. Next video visit {d}. Pt's plan {m} on file.\n",
        p=case[3],
        d=date2(w, day + dt.timedelta(days=w.num(14, 90)), "Month dth", "dth of Month", "mm-dd-yyyy"),
        m=plan_id2(w),
    )
    n.fmt(
        "{d}, NP -- {m} min, audio and video, consent for telehealth on file",
        d=w.name(doc, "DOCTOR", "full", "last_first_mi"),
        m=w.num(12, 35),
    )


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


def relative3(w: World, patient: Person, years: int = 60) -> tuple[str, Person]:
    """A dev3 family member, with relations no older split uses."""
    relations = ("fiancée", "stepdaughter", "brother-in-law", "son-in-law", "twin sister", "great-nephew")
    relation = w.pick(relations if years >= 60 else (*relations, "stepfather", "grandmother"))
    female = relation in ("fiancée", "stepdaughter", "twin sister", "grandmother")
    same_last = relation in ("twin sister", "stepfather") or w.chance(0.3)
    return relation, person3(w, "F" if female else "M", patient.last if same_last else None)


def town3(w: World) -> tuple[str, str]:
    if w.chance(0.7):
        return w.pick(DEV3_TOWNS)
    return w.fake.city(), w.pick(("MA", "CT", "NY", "PA", "OH"))


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


def pager3(w: World) -> Phi:
    return Phi(w.pick((f"{w.digits(2)}-{w.digits(4)}", f"#{w.digits(4)}", w.digits(6))).lstrip("#"), "PHONE")


def mrn3(w: World) -> Phi:
    text = w.pick((f"{w.letters(2)}-{w.digits(6)}", f"{w.digits(7)}-{w.num(0, 9)}", f"M{w.digits(9)}"))
    return Phi(text, "MEDICALRECORD")


def csn(w: World) -> Phi:
    return Phi("1" + w.digits(w.num(8, 10)), "IDNUM")


def fin(w: World) -> Phi:
    return Phi(w.pick((f"{w.digits(10)}", f"F{w.digits(8)}", f"{w.digits(4)}-{w.digits(6)}")), "ACCOUNT")


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


def dea(w: World, person: Person) -> Phi:
    return Phi(
        f"{w.pick('ABFM')}{person.last[0].upper() if person.last[0].isascii() else 'X'}{w.digits(7)}",
        "LICENSE",
    )


def date3(w: World, day: dt.date, *formats: str) -> Phi:
    return w.date(day, *(formats or DEV3_FULL_DATES))


def stamp3(w: World, day: dt.date, clock: str | None = None) -> list[Piece]:
    """An ISO date-time; only the date is PHI ("2019-03-04" of "2019-03-04T10:22")."""
    return [Phi(day.isoformat(), "DATE"), "T" + (clock or f"{w.num(0, 23):02d}:{w.num(0, 59):02d}")]


def clock3(w: World, k: int, low: int = 3, high: int = 40) -> list[str]:
    """``k`` increasing HH:MM times (never PHI) a few minutes apart, all on one day."""
    minute = w.num(0, 24 * 60 - 1 - k * high)
    out = []
    for _ in range(k):
        out.append(f"{minute // 60:02d}:{minute % 60:02d}")
        minute += w.num(low, high)
    return out


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


def email3(w: World, person: Person) -> Phi:
    first = "".join(ch for ch in person.first.lower() if ch.isascii() and ch.isalpha())
    last = "".join(ch for ch in person.last.lower() if ch.isascii() and ch.isalpha())
    user = w.pick((f"{first}_{last}", f"{last}.{first[:1]}{w.num(70, 99)}", f"{first}{last[:3]}"))
    return Phi(f"{user}@{w.pick(DEV3_MAIL)}", "EMAIL")


def host3(org: str) -> str:
    return "".join(ch for ch in org.lower() if ch.isascii() and ch.isalnum())[:18]


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


# -- dev3 / nursing: an all-caps wound-care (WOC) nursing note, and a mixed-case PACU handoff ---------


@template("nursing", "dev3")
def nursing_wound_care(w: World, n: Note) -> None:
    n.upper = True
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.4, 55)
    relation, fam = relative3(w, pt, years)
    n.fmt(
        "Wound/Ostomy/Continence Nursing -- follow-up visit\nDOS {d} {t}\n",
        d=date3(w, day, "ddMonyy", "mm.dd.yyyy", "d-Mon-yy"),
        t=tm(w, 8, 17),
    )
    n.fmt(
        "Pt {nm} ({a}) MRN {m} Rm {r}-{b}\n",
        nm=w.name(pt, "PATIENT", "last_first", "LAST", "full"),
        a=age3(w, years),
        m=mrn3(w),
        r=w.num(300, 899),
        b=w.pick("AB"),
    )
    n.fmt(
        "Consult from {d} for {why}.\n",
        d=w.name(person3(w), "DOCTOR", "initial_last", "last_fi", "fm_last"),
        why=w.pick(("sacral wound", "heel blisters", "MASD perineum", "new colostomy teaching")),
    )
    n.fmt(
        "Braden {b}/23 (mobility 2, moisture 2). Morse {m}. Alb {al}. Prealb {pa}.\n",
        b=w.num(9, 16),
        m=w.pick((45, 55, 70, 85)),
        al=f"{w.num(2, 3)}.{w.num(0, 9)}",
        pa=w.num(6, 18),
    )
    site = w.pick(("sacrum/coccyx", "R ischium", "L heel", "R lateral malleolus", "occiput under C-collar"))
    n.fmt(
        "Wound #1 {s}: {st} pressure injury, POA; first noted {d} at {f} per transfer packet.\n",
        s=site,
        st=w.pick(("stage 2", "stage 3", "stage 4", "unstageable", "deep tissue")),
        d=date3(w, day - dt.timedelta(days=w.num(4, 30)), *DEV3_SHORT_DATES),
        f=Phi(facility3(w), "HOSPITAL"),
    )
    n.fmt(
        "Measures {a} x {b} x {c} cm, undermining {u} from 11 to 2 o'clock. Wound bed 70% red granulation, "
        "30% yellow slough. Mod serosang drainage, no odor. Periwound macerated.\n",
        a=f"{w.num(1, 9)}.{w.num(0, 9)}",
        b=f"{w.num(1, 6)}.{w.num(0, 9)}",
        c=f"0.{w.num(1, 9)}",
        u=f"{w.num(1, 3)}.{w.num(0, 9)} cm",
    )
    n.add(
        w.pick(
            (
                "Cleansed w/ Vashe, Aquacel Ag to base, Mepilex Border Sacrum over. Change q3d + PRN.\n",
                "NS cleanse, Santyl nickel-thick, moist gauze, ABD, Kerlix. Change daily.\n",
                "NPWT placed at 125 mmHg continuous, black foam x1, seal ok.\n",
            )
        )
    )
    if w.chance(0.5):
        n.fmt("NPWT unit serial {s}, canister lot {l}.\n", s=serial(w), l=lot(w))
    n.fmt(
        "Offloading: Waffle boots, turn q2h, Hill-Rom low-air-loss mattress ordered. Foley in place for "
        "moisture mgmt per {d}.\n",
        d=w.name(person3(w), "DOCTOR", "initials", "initial_last"),
    )
    n.fmt(
        "Pt's {rel} {nm} at bedside, taught dressing change w/ return demo; {p} is a {job} and will do "
        "changes at home in {c}. ",
        rel=relation,
        nm=w.rel(fam, "first", "full", "initials"),
        p="she" if fam.sex == "F" else "he",
        job=Phi(w.pick(DEV3_PROFESSIONS), "PROFESSION"),
        c=Phi(town3(w)[0], "CITY"),
    )
    agency = w.pick(
        (f"{w.place_word()} Visiting Nurse Association", f"{w.fake.last_name()} Home Care Partners")
    )
    n.fmt(
        "Referral faxed to {a} ({fx}), intake {ph}.\n",
        a=Phi(agency, "ORGANIZATION"),
        fx=phone3(w, "FAX"),
        ph=phone3(w),
    )
    n.fmt(
        "Photos to media tab. Will f/u {wd} or sooner PRN; last Tuesday's photo shows slight improvement.\n",
        wd=w.pick((w.weekday(day + dt.timedelta(days=w.num(2, 4))), "next week")),
    )
    n.fmt(
        "{nm}, BSN RN CWOCN  pgr {pg}",
        nm=w.name(
            person3(w, "F" if w.chance(0.7) else "M"), "DOCTOR", "full", "initial_last", "first_m_last"
        ),
        pg=pager3(w),
    )


@template("nursing", "dev3")
def nursing_pacu_handoff(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 30)
    relation, fam = relative3(w, pt, years)
    unit = w.pick(("5 North", "4B ortho", "Short Stay", "SICU", "7 Tower", "Obs unit"))
    t0, t1, t2, t3 = clock3(w, 4, 15, 45)
    n.fmt("PACU Phase I -> {u} handoff ({s})\n", u=unit, s=stamp3(w, day, t3))
    n.fmt(
        "Pt: {nm}  DOB {b}  {a}{sx}  CSN {c}\n",
        nm=w.name(pt, "PATIENT", "first_m_last", "full", "last_first"),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "Mon d yyyy"),
        a=age(years),
        sx=pt.sex,
        c=csn(w),
    )
    proc = w.pick(
        (
            "R TKA",
            "lap chole",
            "L TSA (reverse)",
            "TURP",
            "open R inguinal hernia repair w/ mesh",
            "ORIF L distal radius",
            "lap Roux-en-Y revision",
            "cysto/stent",
        )
    )
    n.fmt(
        "Procedure: {p} -- surgeon Dr. {s}; anesthesia {an} by {c}, CRNA ({md}, MD supervising)\n",
        p=proc,
        s=w.name(person3(w), "DOCTOR", "last", "LAST"),
        an=w.pick(("GETA", "spinal + MAC", "GA/LMA", "interscalene block + GA")),
        c=w.name(person3(w), "DOCTOR", "full", "first_initial"),
        md=w.name(person3(w), "DOCTOR", "initial_last", "fm_last"),
    )
    n.fmt(
        "In PACU {a}. Aldrete 7 -> 9 at {b}. Pain 6/10 -> 3/10 after fentanyl 25 mcg x2 + "
        "hydromorphone 0.2 mg. PONV x1, ondansetron 4 mg IV at {c}.\n",
        a=t0,
        b=t1,
        c=t2,
    )
    n.fmt("VS: {v}. EBL {e} mL, UOP {u} mL. LR @ 100/h.\n", v=vitals(w), e=w.num(10, 400), u=w.num(50, 600))
    n.add(
        w.pick(
            (
                "Dressing C/D/I, Hemovac to bulb suction, 40 mL SS. CMS intact distally.\n",
                "Ace wrap + ice, SCDs on. Foley removed in OR, needs to void by 6h.\n",
                "4 port sites w/ Dermabond, abd soft. JP x1 serous.\n",
            )
        )
    )
    if w.chance(0.5):
        n.fmt(
            "Implant card to pt: {m} lot {l} / SN {s}.\n",
            m=w.pick(("Zimmer NexGen", "Stryker Triathlon", "Bard mesh", "DePuy Attune")),
            l=lot(w),
            s=serial(w),
        )
    n.fmt(
        "Family: {rel} {nm} in the surgical waiting room, cell {ph}; ",
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        ph=phone3(w, ext=False),
    )
    friend = person3(w)
    n.fmt(
        "{pr} friend {f} is the ride home (works at {o}, off at 5).\n",
        pr=pt.possessive,
        f=w.name(friend, "PATIENT", "full", "first"),
        o=employer3(w),
    )
    if years > 89:
        n.add(
            "Pt is ",
            age(years),
            ", baseline mild dementia -- delirium precautions, glasses/hearing aids w/ pt.\n",
        )
    receiver = person3(w)
    n.fmt(
        "Report called to {r}, RN on {u} at {e}; questions answered. SBAR sent in chat.\n",
        r=w.name(receiver, "DOCTOR", "full", "first"),
        u=unit,
        e=phone3(w, ext=w.chance(0.5)) if w.chance(0.4) else [extension(w)],
    )
    giver = person3(w, "F")
    n.fmt(
        "-- {g} ({i}), PACU RN {d}",
        g=w.name(giver, "DOCTOR", "full", "first_initial"),
        i=Phi(f"{giver.first[0]}.{giver.last[0]}.", "DOCTOR"),
        d=date3(w, day, "Mon. dth", "dd-Mon"),
    )


# -- dev3 / discharge: an Epic-style progress note with attestation, and an operative report ----------


@template("discharge", "dev3")
def discharge_epic_progress(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    admit = day - dt.timedelta(days=w.num(2, 9))
    years = w.age(0.35, 45)
    relation, fam = relative3(w, pt, years)
    attending, resident = person3(w), person3(w)
    n.add("Hospital Medicine Progress Note\n")
    n.fmt(
        "{nm} | MRN: {m} | DOB: {b} | CSN: {c}\n",
        nm=w.name(pt, "PATIENT", "last_first", "first_m_last"),
        m=mrn3(w),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "Month d yyyy"),
        c=csn(w),
    )
    n.fmt("Date of Service: {d}   Hospital Day #{k}\n\n", d=date3(w, day), k=(day - admit).days + 1)
    n.add("Subjective:\nInterval History: ")
    n.add(
        w.pick(
            (
                "No acute events overnight. Tolerating diet, ambulating with PT. ",
                "Rapid response called o/n for HR 140s, resolved with metoprolol. ",
                "*** Pt reports less SOB, slept in chair. ",
            )
        )
    )
    n.fmt(
        "Spoke with {rel} {nm} by phone ({ph}), who is the HCP.\n\n",
        rel=relation,
        nm=w.rel(fam, "full", "first", "last_fi"),
        ph=phone3(w, ext=False),
    )
    n.fmt(
        "Objective:\nVitals (last 24h): {v}\nI/O: {i} / {o}\n",
        v=vitals(w),
        i=w.num(800, 2400),
        o=w.num(600, 3100),
    )
    n.add("Lab Results:\nComponent      Value    Date\n")
    for lab, value in w.some(
        (
            ("Hemoglobin", f"{w.num(7, 13)}.{w.num(0, 9)} (L)"),
            ("Creatinine", f"{w.num(0, 3)}.{w.num(1, 9)}"),
            ("Potassium", f"{w.num(3, 5)}.{w.num(0, 9)}"),
            ("WBC", f"{w.num(4, 18)}.{w.num(0, 9)}"),
            ("INR", f"{w.num(1, 3)}.{w.num(0, 9)}"),
        ),
        2,
        4,
    ):
        n.fmt("{l}{v}{d}\n", l=lab.ljust(15), v=value.ljust(9), d=date3(w, day, "m/d"))
    n.add("\nAssessment & Plan:\n")
    n.fmt("{a} {s} admitted {d} with ", a=age3(w, years), s=pt.sex, d=date3(w, admit, *DEV3_SHORT_DATES))
    n.add(
        w.pick(
            (
                "decompensated HFrEF. #HFrEF: diuresing, net -2.1 L, transition to PO torsemide. "
                "#AKI on CKD: Cr peaked, trending down. ",
                "CAP with sepsis. #CAP: CURB-65 2, day 4 ceftriaxone/azithro, afebrile x48h. "
                "#Delirium: CAM neg today. ",
                "Afib with RVR. #Afib: CHA2DS2-VASc 4, rate controlled, apixaban started. "
                "#Hypothyroid: cont LT4. ",
            )
        )
    )
    n.add("\n")
    cm = person3(w)
    n.fmt(
        "Dispo: anticipate d/c to {f} in {c} on {d} pending bed offer; CM {m} following.\n\n",
        f=Phi(snf3(w), "HOSPITAL"),
        c=Phi(town3(w)[0], "CITY"),
        d=date3(w, day + dt.timedelta(days=w.num(1, 3)), "Mon. dth", "Month the dth", "m/d"),
        m=w.name(cm, "DOCTOR", "full", "initial_last"),
    )
    n.fmt(
        "{r}, MD (PGY-{y})\nPager {p}\n\n",
        r=w.name(resident, "DOCTOR", "full", "fm_last"),
        y=w.num(1, 3),
        p=pager3(w),
    )
    n.fmt(
        "Attestation: I saw and examined the patient with the resident, Dr. {r}, on the date of service, "
        "and agree with the findings and plan as documented above with the following edits: ***. "
        "Time spent 35 min.\n",
        r=w.name(resident, "DOCTOR", "last"),
    )
    n.fmt(
        "Electronically signed by {a}, MD at {s}",
        a=w.name(attending, "DOCTOR", "last_first", "LAST_FIRST"),
        s=stamp3(w, day),
    )


@template("discharge", "dev3")
def discharge_operative_note(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.15, 30)
    relation, fam = relative3(w, pt, years)
    surgeon = person3(w)
    site = f"{town3(w)[0]} Ambulatory Surgery Center" if w.chance(0.5) else hospital3(w)
    n.add("OPERATIVE REPORT\n\n")
    n.fmt(
        "PATIENT: {nm}    FIN: {f}    MRN: {m}\nDATE OF SURGERY: {d}\nFACILITY: {h}\n",
        nm=w.name(pt, "PATIENT", "LAST_FIRST", "last_first_mi"),
        f=fin(w),
        m=mrn3(w),
        d=date3(w, day, "Month d yyyy", "dd Month yyyy", "mm.dd.yyyy"),
        h=Phi(site, "HOSPITAL"),
    )
    n.fmt(
        "SURGEON: {s}, MD, FACS\nASSISTANT: {a}, PA-C\nANESTHESIA: General endotracheal ({an}, MD)\n\n",
        s=w.name(surgeon, "DOCTOR", "full", "first_m_last"),
        a=w.name(person3(w), "DOCTOR", "full", "fm_last"),
        an=w.name(person3(w), "DOCTOR", "initial_last", "full"),
    )
    case = w.pick(
        (
            (
                "Symptomatic cholelithiasis",
                "Laparoscopic cholecystectomy",
                "The critical view of safety was obtained in Calot's triangle; Hartmann's pouch retracted "
                "laterally. "
                "Cystic duct and artery clipped and divided.",
                "Gallbladder",
                None,
            ),
            (
                "Recurrent R inguinal hernia",
                "Laparoscopic TEP R inguinal hernia repair with mesh",
                "Direct defect 2.5 cm (Nyhus IIIa). 15 x 15 cm polypropylene mesh placed.",
                "None",
                "mesh",
            ),
            (
                "Morbid obesity, BMI 44, GERD",
                "Laparoscopic sleeve gastrectomy",
                "Stapled along a 36 Fr bougie from 5 cm proximal to the pylorus to the angle of His.",
                "Gastric remnant",
                "stapler",
            ),
            (
                "L breast IDC, cT1N0",
                "L partial mastectomy with SLNB",
                "Magseed localized; 2 sentinel nodes (blue, hot) sent. Closed in layers, no drains.",
                "L breast, sentinel LN x2",
                "seed",
            ),
        )
    )
    n.add("PREOPERATIVE DIAGNOSIS: ", case[0], "\nPOSTOPERATIVE DIAGNOSIS: Same\nPROCEDURE: ", case[1], "\n")
    if case[4]:
        n.fmt("IMPLANTS: {k}, lot {l}, ref {r}\n", k=case[4], l=lot(w), r=f"{w.letters(3)}{w.num(100, 999)}")
    n.fmt(
        "SPECIMENS: {s}\nEBL: {e} mL\nDRAINS: {d}\n\n",
        s=case[3],
        e=w.num(5, 150),
        d=w.pick(("None", "19 Fr Blake", "JP x1")),
    )
    n.fmt(
        "INDICATIONS: The patient is {a} {job} ",
        a=age3(w, years, article=True),
        job=Phi(w.pick(DEV3_PROFESSIONS), "PROFESSION"),
    )
    n.fmt(
        "referred by Dr. {r} of {c}. Risks, benefits and alternatives were discussed with the patient and "
        "{pos} {rel}, {nm}, on {d}, and consent was signed.\n\n",
        r=w.name(person3(w), "DOCTOR", "last", "full"),
        c=Phi(clinic3(w), "HOSPITAL"),
        pos=pt.possessive,
        rel=relation,
        nm=w.rel(fam, "full", "first_m_last"),
        d=date3(w, day - dt.timedelta(days=w.num(5, 40)), *DEV3_SHORT_DATES),
    )
    n.add("DESCRIPTION: Time-out performed. ", case[2], " Hemostasis confirmed. Counts correct x2.\n\n")
    n.fmt(
        "DISPOSITION: To PACU extubated and stable; discharged home same day with {pos} {rel}. "
        "Follow-up with {s} in 2 weeks ({d}); clinic line {ph}.\n\n",
        pos=pt.possessive,
        rel=relation,
        s=w.name(surgeon, "DOCTOR", "initial_last", "last"),
        d=date3(w, day + dt.timedelta(days=14), "Mon. dth", "dd-Mon", "Month the dth"),
        ph=phone3(w),
    )
    n.fmt(
        "D: {d1}  T: {d2}  Job# {j}\n{s}, MD",
        d1=date3(w, day, "d-Mon-yy", "ddMonyy"),
        d2=date3(w, day + dt.timedelta(days=1), "d-Mon-yy", "ddMonyy"),
        j=Phi(w.digits(7), "IDNUM"),
        s=w.name(surgeon, "DOCTOR", "LAST", "last_fi"),
    )


# -- dev3 / ed: an OB triage note, and a transfer-centre call log --------------------------------------


@template("ed", "dev3")
def ed_ob_triage(w: World, n: Note) -> None:
    pt = person3(w, "F")
    day = w.day(2017, 2025)
    years = w.num(17, 44)
    weeks = w.num(24, 41)
    edd = day + dt.timedelta(days=(40 - weeks) * 7 + w.num(0, 6))
    n.fmt("L&D OB TRIAGE NOTE -- {d} {t}\n", d=date3(w, day, "mm.dd.yyyy", "Mon d yyyy", "ddMonyy"), t=tm(w))
    n.fmt(
        "{nm} (MRN {m}) is {a} {gp} at {wk}w{dd}d by {how}, EDD {e}.\n",
        nm=w.name(pt, "PATIENT", "full", "first_m_last", "last_first"),
        m=mrn3(w),
        a=age3(w, years, article=True),
        gp=w.pick(("G1P0000", "G2P1001", "G3P2002", "G2P0010", "G4P2103", "G3P1011")),
        wk=weeks,
        dd=w.num(0, 6),
        how=w.pick(("LMP c/w 8 wk US", "early US", "IVF transfer date")),
        e=date3(w, edd, "Mon. dth", "m/d", "dd-Mon", "Month the dth"),
    )
    n.fmt(
        "PNC at {c} with {d}; records in Epic. Prenatal labs: O+, Ab screen neg, RI, HIV/HBsAg neg, "
        "GBS {g}.\n",
        c=Phi(facility3(w) if w.chance(0.5) else f"{town3(w)[0]} OB/GYN Partners", "HOSPITAL"),
        d=w.name(person3(w), "DOCTOR", "full", "initial_last", "last_fi"),
        g=w.pick(("neg", "pos (PCN allergy -> clinda sens pending)", "unknown")),
    )
    n.add(
        "CC: ",
        w.pick(
            (
                "ctx q4-5 min since 0300, increasing",
                "LOF at 2200, clear fluid, nitrazine +, ferning +",
                "decreased FM since last Tuesday",
                "HA 8/10, scotomata, BP 164/102 at home",
                "VB after intercourse, no pain",
            )
        ),
        "\n",
    )
    n.fmt(
        "Exam: {v}. SVE {c}/{e}/-{s}, Bishop score {b}. Leopold: vertex.\n",
        v=vitals(w),
        c=w.num(1, 6),
        e=w.pick(("50", "70", "80", "90")),
        s=w.num(1, 3),
        b=w.num(3, 10),
    )
    if w.chance(0.4):
        n.fmt(
            "Travel: back from {c} 3 weeks ago, Zika screen neg. ", c=Phi(w.pick(DEV3_COUNTRIES), "COUNTRY")
        )
    n.add("EFM: baseline 135, moderate variability, +accels, no decels -- Cat I. Toco: ctx q3-5 min.\n")
    n.fmt(
        "Labs: Hgb {h}, Plt {p}, AST/ALT {a}/{b}, Cr 0.{c}, uric acid {u}. UA: {ua}.\n",
        h=f"{w.num(9, 13)}.{w.num(0, 9)}",
        p=w.num(90, 310),
        a=w.num(14, 90),
        b=w.num(10, 80),
        c=w.num(4, 9),
        u=f"{w.num(3, 7)}.{w.num(0, 9)}",
        ua=w.pick(("neg", "trace protein", "2+ protein", "LE+, nitrite neg")),
    )
    fob = person3(w, "M")
    n.fmt(
        "Support: FOB {f} at bedside ({ph}). ",
        f=w.name(fob, "PATIENT", "full", "first"),
        ph=phone3(w, ext=False),
    )
    if w.chance(0.6):
        n.fmt(
            "Doula {d} en route; {pr} mother {mo} watching the older child in {c}.\n",
            d=w.name(person3(w, "F"), "PATIENT", "full", "first"),
            pr=pt.possessive,
            mo=w.rel(person3(w, "F"), "first", "full"),
            c=Phi(town3(w)[0], "CITY"),
        )
    else:
        n.fmt(
            "Works as a {j}; needs a work note for {e}.\n",
            j=Phi(w.pick(DEV3_PROFESSIONS), "PROFESSION"),
            e=employer3(w),
        )
    n.fmt(
        "Plan: {p}. D/w {d} (OB hospitalist) at {t}, agrees.\n",
        p=w.pick(
            (
                "admit to L&D for labor",
                "r/o preeclampsia, PIH labs, repeat BP q15",
                "NST 40 min then home w/ kick counts",
            )
        ),
        d=w.name(person3(w), "DOCTOR", "full", "last", "initials"),
        t=tm(w),
    )
    n.fmt("Triage RN: {r}, RNC-OB", r=w.name(person3(w, "F"), "DOCTOR", "full", "first_initial"))


@template("ed", "dev3")
def ed_transfer_center_log(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.35, 30)
    relation, fam = relative3(w, pt, years)
    call, *stamps = clock3(w, 6, 4, 30)
    town, state = town3(w)
    n.fmt("TRANSFER CENTER CALL LOG    Case # {c}\n", c=Phi(f"TC-{day.year % 100}-{w.digits(5)}", "IDNUM"))
    n.fmt(
        "{s}  Call from {h} ED, Dr. {d} ({ph}), requesting transfer of {a} {sx} {nm} (DOB {b}).\n",
        s=stamp3(w, day, call),
        h=Phi(hospital3(w), "HOSPITAL"),
        d=w.name(person3(w), "DOCTOR", "last", "full"),
        ph=phone3(w),
        a=age3(w, years, article=True),
        sx="male" if pt.sex == "M" else "female",
        nm=w.name(pt, "PATIENT", "full", "first_m_last", "LAST_FIRST"),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "Month d yyyy"),
    )
    reason = w.pick(
        (
            ("STEMI, lytics given at 1412, persistent ST elevation", "interventional cardiology"),
            ("SAH, Hunt-Hess 3, needs neuro-IR", "neurosurgery"),
            ("type A dissection on CTA", "CT surgery"),
            ("necrotizing fasciitis L thigh", "acute care surgery"),
            ("ECMO evaluation, P/F 70", "MICU"),
        )
    )
    n.fmt(
        "{t}  Reason: {r}. Pt is on {o}. Dx imaging pushed via PACS.\n",
        t=stamps[0],
        r=reason[0],
        o=w.pick(("heparin gtt", "norepi 8 mcg/min", "BiPAP", "2 PIVs, NS")),
    )
    n.fmt(
        "{t}  Accepting MD paged ({sp}): {d}, pgr {pg}. Accepted at {t2}.\n",
        t=stamps[1],
        sp=reason[1],
        d=w.name(person3(w), "DOCTOR", "full", "initial_last", "fm_last"),
        pg=pager3(w),
        t2=stamps[2],
    )
    n.fmt(
        "{t}  Bed: {b}. Report line for RN-to-RN: {ph}.\n",
        t=stamps[3],
        b=w.pick(("CCU 14", "8 North 822-B", "NSICU bed 6", "ED resus 2")),
        ph=phone3(w),
    )
    ambulance = w.pick(
        (
            f"{w.place_word()} Ambulance",
            f"{town3(w)[0]} Fire Rescue",
            f"{w.fake.last_name()} Critical Care Transport",
        )
    )
    n.fmt(
        "{t}  Transport: {a} ALS, unit {u}, ETA 40 min. ",
        t=stamps[4],
        a=Phi(ambulance, "ORGANIZATION"),
        u=w.num(10, 99),
    )
    n.add(
        w.pick(
            (
                "Weather ok for rotor wing but declined.\n",
                "MedFlight unavailable (fog).\n",
                "No aircraft needed.\n",
            )
        )
    )
    n.fmt(
        "Insurance: {pl} ID {m}. FIN at sending facility {f}.\n",
        pl=w.pick(("Medicare A/B", "Tufts Health Plan", "Harvard Pilgrim", "self-pay", "MassHealth")),
        m=plan_id2(w),
        f=fin(w),
    )
    n.fmt(
        "Family: {rel} {nm} driving from {c}, {st}; cell {ph}. ",
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        c=Phi(town, "CITY"),
        st=Phi(w.pick((state, DEV3_STATES[state])), "STATE"),
        ph=phone3(w, ext=False),
    )
    n.add(w.pick(("Given our address and parking info.\n", "Asked to call on arrival.\n")))
    coord = person3(w)
    n.fmt(
        "Logged by {u} ({i}), transfer RN {nm}",
        u=username2(w, coord),
        i=Phi(f"{coord.first[0]}{coord.last[0]}", "DOCTOR"),
        nm=w.name(coord, "DOCTOR", "full", "last_fi"),
    )


# -- dev3 / radiology: a cardiac catheterisation report, and a nuclear perfusion study -----------------


@template("radiology", "dev3")
def rad_cath_report(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.25, 40)
    operator, fellow = person3(w), person3(w)
    n.add("CARDIAC CATHETERIZATION LABORATORY REPORT\n")
    n.fmt(
        "Patient: {nm}   MRN: {m}   Study #: {s}\nProcedure date: {d}   Age: {a}\n",
        nm=w.name(pt, "PATIENT", "last_first", "full", "LAST_FIRST"),
        m=mrn3(w),
        s=Phi(f"CV{day.year}-{w.digits(5)}", "IDNUM"),
        d=date3(w, day),
        a=age(years),
    )
    n.fmt(
        "Operators: {o}, MD (attending); {f}, MD (fellow)\nReferring: Dr. {r}, {c}\n\n",
        o=w.name(operator, "DOCTOR", "full", "first_m_last"),
        f=w.name(fellow, "DOCTOR", "full", "initial_last"),
        r=w.name(person3(w), "DOCTOR", "full", "last"),
        c=Phi(f"{town3(w)[0]} Heart & Vascular Institute" if w.chance(0.5) else clinic3(w), "HOSPITAL"),
    )
    n.add(
        "Indication: ",
        w.pick(("NSTEMI, TIMI risk score 4", "positive SPECT, anterior ischemia", "CCS class III angina")),
        "\n",
    )
    n.add(
        "Access: ",
        w.pick(("R radial, 6 Fr Glidesheath; Allen test / Barbeau B", "R CFA 6 Fr, Perclose x1")),
        ". Catheters: JL3.5, JR4, Judkins.\n\n",
    )
    lad = w.num(70, 99)
    n.fmt(
        "Findings:\nLM: normal.\nLAD: {l}% mid, TIMI {t} flow.\nLCx: mild luminal irregularities.\n"
        "RCA: dominant, {r}% proximal.\nLVEDP {p} mmHg. LVEF ~{e}% by gram.\n\n",
        l=lad,
        t=w.pick(("2", "3")),
        r=w.num(0, 60),
        p=w.num(8, 28),
        e=w.pick((35, 45, 55, 60)),
    )
    n.fmt(
        "Intervention: PCI mid LAD with {s} {d} x {ln} mm DES (lot {l}), post-dilated NC 3.5; 0% residual, "
        "TIMI 3.\n",
        s=w.pick(("Xience Sierra", "Resolute Onyx", "Synergy XD")),
        d=w.pick(("2.75", "3.0", "3.5")),
        ln=w.pick(("15", "18", "23", "28")),
        l=lot(w),
    )
    n.fmt(
        "Contrast: Omnipaque {c} mL. Fluoro {f} min. Air kerma {k} mGy. Heparin {h} units, ACT {a}.\n",
        c=w.num(60, 240),
        f=f"{w.num(4, 30)}.{w.num(0, 9)}",
        k=w.num(300, 2400),
        h=w.pick((5000, 7000, 8000)),
        a=w.num(230, 320),
    )
    n.add("Complications: none. TR band applied at 14 mL.\n")
    n.fmt(
        "Plan: DAPT (aspirin + ticagrelor 90 mg BID) x12 mo; cardiac rehab referral; f/u Dr. {r} {d}.\n"
        "Report faxed to {fx}.\n\n",
        r=w.name(operator, "DOCTOR", "last"),
        d=date3(w, day + dt.timedelta(days=w.num(14, 45)), *DEV3_SHORT_DATES),
        fx=phone3(w, "FAX"),
    )
    n.fmt(
        "Signed: {o}, MD, FSCAI  NPI {np}  {s}",
        o=w.name(operator, "DOCTOR", "fm_last", "last_first"),
        np=npi(w),
        s=stamp3(w, day),
    )


@template("radiology", "dev3")
def rad_nuclear_stress(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 45)
    reader = person3(w)
    n.add("NUCLEAR MEDICINE -- MYOCARDIAL PERFUSION IMAGING (SPECT), REGADENOSON\n")
    n.fmt(
        "Name: {nm}    Acc#: {ac}    Exam date: {d}\nDOB: {b} ({a})   Ht 168 cm  Wt {wt} kg\n",
        nm=w.name(pt, "PATIENT", "LAST_FIRST", "first_m_last"),
        ac=Phi(f"NM{day.year % 100}-{w.digits(6)}", "IDNUM"),
        d=date3(w, day, "ddMonyy", "Mon d yyyy", "d-Mon-yy"),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "dd Month yyyy"),
        a=age3(w, years),
        wt=w.num(48, 130),
    )
    n.fmt(
        "Referring provider: {r} (NPI {np})    Site: {h}\n",
        r=w.name(person3(w), "DOCTOR", "last_first", "full"),
        np=npi(w),
        h=Phi(hospital3(w), "HOSPITAL"),
    )
    n.fmt(
        "Protocol: 1-day rest/stress Tc-99m sestamibi, {r} mCi rest / {s} mCi stress. Regadenoson 0.4 mg IV. "
        "Camera: D-SPECT, SN {sn}.\n",
        r=f"{w.num(8, 12)}.{w.num(0, 9)}",
        s=f"{w.num(28, 36)}.{w.num(0, 9)}",
        sn=serial(w),
    )
    n.fmt(
        "Hemodynamics: rest HR {h1}, peak {h2}; BP {b1} -> {b2}. Symptoms: {sy}. ECG: {e}.\n\n",
        h1=w.num(55, 90),
        h2=w.num(85, 120),
        b1=f"{w.num(110, 160)}/{w.num(60, 90)}",
        b2=f"{w.num(100, 150)}/{w.num(55, 85)}",
        sy=w.pick(("flushing, dyspnea", "none", "chest pressure 3/10, resolved with aminophylline 75 mg")),
        e=w.pick(("no ischemic changes", "1 mm horizontal STD V4-V6", "uninterpretable (LBBB)")),
    )
    finding = w.pick(
        (
            (
                "Medium-sized, moderate-severity reversible defect in the LAD territory (SSS 9, SRS 1).",
                "Abnormal: ischemia in the LAD territory. TID ratio 1.21.",
                True,
            ),
            ("Normal perfusion. No fixed or reversible defect.", "Normal study. Low risk.", False),
            (
                "Small fixed inferior defect, likely diaphragmatic attenuation (normal wall motion).",
                "Probably normal; attenuation artifact.",
                False,
            ),
        )
    )
    n.fmt("Findings: {f} Gated LVEF {e}%, normal wall motion.\n", f=finding[0], e=w.num(38, 72))
    n.fmt(
        "Comparison: MPI {d} at {h}.\n\nIMPRESSION: {i}\n",
        d=date3(w, day - dt.timedelta(days=w.num(300, 2000)), "yyyy-mm", "Month yyyy"),
        h=Phi(hospital3(w), "HOSPITAL"),
        i=finding[1],
    )
    if finding[2]:
        n.fmt(
            "Result called to {d} by {r} at {t} on {dd}.\n",
            d=w.name(person3(w), "DOCTOR", "full", "last_fi"),
            r=w.name(reader, "DOCTOR", "initials", "last"),
            t=tm(w, 8, 18),
            dd=date3(w, day, "Mon. dth", "m/d"),
        )
    n.fmt(
        "\nInterpreted by {r}, MD, FASNC. Technologist: {t}, CNMT. Final {d}",
        r=w.name(reader, "DOCTOR", "full", "fm_last"),
        t=w.name(person3(w), "DOCTOR", "full", "first_initial"),
        d=date3(w, day, "mm.dd.yyyy", "ddMonyy"),
    )


# -- dev3 / pathology: a dermatopathology report, and a transfusion-reaction workup -------------------


DERMPATH3_CASES = (
    ("changing mole",
     "MALIGNANT MELANOMA, superficial spreading type, Breslow depth {b} mm, Clark level III, mitoses 1/mm2, "
     "no ulceration; peripheral margin involved by melanoma in situ. pT1a.",
     "atypical melanocytes in nests and singly at the DEJ with pagetoid scatter; SOX10 and PRAME positive.",
     "88305, 88342 x2", "C43.59"),
    ("r/o BCC", "BASAL CELL CARCINOMA, nodular type, extending to the deep margin. Recommend Mohs.",
     "basaloid islands with peripheral palisading and stromal retraction.", "88305", "C44.311"),
    ("changing mole", "COMPOUND NEVUS WITH MODERATE ATYPIA (dysplastic nevus); margins free by 1 mm.",
     "bridging nests, lamellar fibroplasia and moderate cytologic atypia.", "88305", "D22.5"),
    ("new pink papule in a teenager", "SPITZ NEVUS, compound; see comment.",
     "a symmetric proliferation of spindled and epithelioid melanocytes with Kamino bodies; p16 retained.",
     "88305, 88342", "D22.5"),
    ("r/o SCC vs KA", "SQUAMOUS CELL CARCINOMA, well differentiated, keratoacanthoma type.",
     "a cup-shaped crateriform proliferation of glassy keratinocytes.", "88305", "C44.92"),
)  # fmt: skip


@template("pathology", "dev3")
def path_dermpath(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 30)
    reader = person3(w)
    submitter = person3(w)
    n.fmt(
        "DERMATOPATHOLOGY REPORT              Accession: {a}\n",
        a=Phi(f"DP{day.year % 100}-{w.digits(5)}", "IDNUM"),
    )
    n.fmt(
        "Patient: {nm}   DOB: {b}   Sex: {s}   MRN: {m}\n",
        nm=w.name(pt, "PATIENT", "LAST_FIRST", "last_first_mi"),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "ddMonyy"),
        s=pt.sex,
        m=mrn3(w),
    )
    clinic = (
        f"{town3(w)[0]} Skin & Laser" if w.chance(0.6) else f"{w.fake.last_name()} Dermatology & Mohs Surgery"
    )
    n.fmt(
        "Submitting clinician: {c}, {cr} -- {k}   Fax {fx}\n",
        c=w.name(submitter, "DOCTOR", "full", "first_m_last"),
        cr=w.pick(("PA-C", "MD", "NP")),
        k=Phi(clinic, "HOSPITAL"),
        fx=phone3(w, "FAX"),
    )
    n.fmt(
        "Obtained: {d1}   Received: {d2}   Reported: {d3}\n\n",
        d1=date3(w, day - dt.timedelta(days=w.num(3, 6)), "dd-Mon", "m/d"),
        d2=date3(w, day - dt.timedelta(days=w.num(1, 2)), "dd-Mon", "m/d"),
        d3=date3(w, day),
    )
    site = w.pick(("L upper back", "R shin", "scalp, vertex", "L nasal ala", "R dorsal hand"))
    dx = w.pick(DERMPATH3_CASES)
    n.add("Clinical history: ", dx[0], ", ", site, ".\n\n")
    n.fmt(
        "DIAGNOSIS:\nA. Skin, {s}, {how}:\n   {d}\n\n",
        s=site,
        how=w.pick(("shave biopsy", "punch 4 mm", "excision")),
        d=dx[1].replace("{b}", f"0.{w.num(3, 9)}"),
    )
    n.add("MICROSCOPIC: Sections show ", dx[2], "\n")
    n.fmt(
        "COMMENT: Case reviewed at intradepartmental consensus with Dr. {c}, who concurs. "
        "Dr. {s} notified by phone on {d} at {t}.\n\n",
        c=w.name(person3(w), "DOCTOR", "last", "full"),
        s=w.name(submitter, "DOCTOR", "last", "initial_last"),
        d=date3(w, day, "Mon. dth", "Month the dth", "m/d"),
        t=tm(w, 8, 17),
    )
    n.fmt("CPT: {c}   ICD-10: {i}\n", c=dx[3], i=dx[4])
    n.fmt(
        "Dermatopathologist: {r}, MD, FAAD  (electronically signed {d})\n",
        r=w.name(reader, "DOCTOR", "full", "last_first", "fm_last"),
        d=date3(w, day, "ddMonyy", "mm.dd.yyyy"),
    )
    n.fmt(
        "{lab}, {addr}  CLIA {cl}",
        lab=Phi(f"{w.place_word()} Dermatopathology Laboratory", "HOSPITAL"),
        addr=address3(w),
        cl=Phi(f"{w.num(10, 52)}D{w.digits(7)}", "IDNUM"),
    )


@template("pathology", "dev3")
def path_transfusion_reaction(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.35, 25)
    director = person3(w)
    n.add("TRANSFUSION SERVICE -- SUSPECTED TRANSFUSION REACTION INVESTIGATION\n\n")
    n.fmt(
        "Recipient: {nm}   MRN {m}   Loc: {loc}   Age/Sex: {a}/{s}\n",
        nm=w.name(pt, "PATIENT", "last_first", "LAST_FIRST", "full"),
        m=mrn3(w),
        loc=w.pick(("6 West 612-2", "MICU 9", "Onc infusion chair 14", "L&D 3")),
        a=age(years),
        s=pt.sex,
    )
    product = w.pick(
        ("Red Blood Cells, Leukoreduced", "Apheresis Platelets, PAS", "Plasma Frozen within 24 h")
    )
    n.fmt(
        "Component: {p}, unit {u} (ISBT 128), {abo}, expires {e}\n",
        p=product,
        u=Phi(f"W{w.digits(4)} {w.digits(2)} {w.digits(6)}", "IDNUM"),
        abo=w.pick(("O NEG", "A POS", "O POS", "AB POS")),
        e=date3(w, day + dt.timedelta(days=w.num(2, 30)), "ddMonyy", "mm.dd.yyyy"),
    )
    nurse = person3(w)
    start, stop = clock3(w, 2, 12, 75)
    n.fmt(
        "Reported by {r}, RN ({x}) on {d}: transfusion started {t1}, stopped {t2} after {ml} mL for {why}.\n",
        r=w.name(nurse, "DOCTOR", "full", "initial_last"),
        x=extension(w),
        d=date3(w, day, *DEV3_SHORT_DATES),
        t1=start,
        t2=stop,
        ml=w.num(40, 250),
        why=w.pick(
            (
                "T 38.9 C with rigors",
                "hives and pruritus",
                "SOB, SpO2 86%, crackles",
                "back pain and dark urine",
            )
        ),
    )
    n.add(
        "Clerical check: no discrepancy. Visual hemolysis: none. DAT (polyspecific): ",
        w.pick(("negative", "negative", "1+ IgG, C3 neg")),
        ". Repeat ABO/Rh: concordant. Antibody screen: negative.\n",
    )
    n.add(
        "Post-labs: ", labs(w), ", LDH ", str(w.num(150, 900)), ", haptoglobin ", str(w.num(10, 200)), ".\n"
    )
    n.fmt(
        "Unit returned, culture sent. Supplier {o} notified at {ph}, reference {r}.\n",
        o=Phi(
            w.pick((f"{w.place_word()} Regional Blood Center", f"{town3(w)[0]} Community Blood Bank")),
            "ORGANIZATION",
        ),
        ph=phone3(w),
        r=Phi(f"{w.letters(2)}{w.digits(6)}", "IDNUM"),
    )
    n.add(
        "Interpretation: ",
        w.pick(
            (
                "febrile non-hemolytic transfusion reaction (FNHTR). Premedicate with acetaminophen.",
                "mild allergic reaction. May continue with diphenhydramine premedication.",
                "possible TACO (BNP rose). Transfuse slowly with furosemide.",
            )
        ),
        "\n",
    )
    n.fmt(
        "Reported to hemovigilance ({d}); prior reaction {y}.\n",
        d=date3(w, day + dt.timedelta(days=1), "d-Mon-yy", "Mon d yyyy"),
        y=year(w.num(2005, 2016)) if w.chance(0.5) else "none on file",
    )
    n.fmt(
        "Reviewed by: {d}, MD, Medical Director, Transfusion Medicine -- {h}",
        d=w.name(director, "DOCTOR", "full", "fm_last", "last_first"),
        h=Phi(hospital3(w), "HOSPITAL"),
    )


# -- dev3 / letter: a consult letter ("Thank you for this consult"), and a referral fax cover sheet ----


CONSULT3_CASES = (
    (
        "Infectious Disease",
        "recurrent MSSA bacteremia",
        "a II/VI SEM, no Janeway lesions or Osler nodes",
        ("TTE now; TEE if negative", "cefazolin 2 g IV q8h, 6 weeks from first negative culture",
         "remove the PICC; repeat blood cultures x2", "weekly CBC and BMP to the OPAT team"),
    ),
    (
        "Endocrinology",
        "an incidental 2.4 cm L adrenal nodule",
        "Cushingoid habitus, no striae",
        ("1 mg dexamethasone suppression test", "plasma free metanephrines", "aldosterone/renin ratio",
         "repeat adrenal-protocol CT in 12 months"),
    ),
    (
        "Rheumatology",
        "inflammatory arthritis with a positive anti-CCP",
        "synovitis of MCPs 2-3 bilaterally, no Heberden nodes",
        ("start methotrexate 15 mg weekly with folic acid 1 mg daily",
         "hepatitis B/C serologies, QuantiFERON", "hand and foot X-rays",
         "prednisone 10 mg daily as a bridge, taper over 8 weeks"),
    ),
    (
        "Nephrology",
        "CKD 3b with nephrotic-range proteinuria",
        "2+ edema, no rash",
        ("UPCR, SPEP/free light chains, PLA2R antibody", "losartan 25 mg daily, BMP in 1 week",
         "avoid NSAIDs", "renal ultrasound; biopsy if PLA2R negative"),
    ),
)  # fmt: skip
DEV3_COUNTRIES = (
    "Eritrea", "Bhutan", "Samoa", "Kazakhstan", "the Philippines", "Sierra Leone", "Iran", "Greece",
    "Cameroon", "Honduras",
)  # fmt: skip
DEV3_LANDMARKS = (
    "the Quabbin Reservoir", "Walden Pond", "Roger Williams Park", "the Erie Canal towpath",
    "Hammonasset Beach", "the Bash Bish Falls trail", "Holyoke Mall", "the Big E fairgrounds",
)  # fmt: skip


@template("letter", "dev3")
def letter_consult_thanks(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 35)
    relation, fam = relative3(w, pt, years)
    author, referrer = person3(w), person3(w)
    specialty, why, finding, recs = w.pick(CONSULT3_CASES)
    practice = w.pick(
        (f"{town3(w)[0]} {specialty} Consultants", f"{w.fake.last_name()} Regional Health System")
    )
    n.fmt("{p} -- Division of {s}\n", p=Phi(practice, "HOSPITAL"), s=specialty)
    n.add(address3(w, w.pick((", ", "\n"))), "\n")
    n.fmt(
        "Tel {ph}  |  Fax {fx}  |  {u}\n\n",
        ph=phone3(w),
        fx=phone3(w, "FAX"),
        u=Phi(f"www.{host3(practice)}.org", "URL"),
    )
    n.fmt("{d}\n\n", d=date3(w, day, "Month d yyyy", "dd Month yyyy", "Mon. dth, yyyy"))
    n.fmt(
        "RE: {nm}   DOB: {b}   Acct: {ac}\n\n",
        nm=w.name(pt, "PATIENT", "full", "last_first_mi", "first_m_last"),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "Month d yyyy"),
        ac=fin(w),
    )
    n.fmt("Dear Dr. {r},\n\n", r=w.name(referrer, "DOCTOR", "last"))
    n.fmt(
        "Thank you for this consult regarding your patient, {t} {l}, {a} {job} from {c}, whom I saw in "
        "clinic on {d} for {why}. ",
        t=pt.title,
        l=Phi(pt.last, "PATIENT"),
        a=age3(w, years, article=True),
        job=Phi(w.pick(DEV3_PROFESSIONS), "PROFESSION"),
        c=Phi(town3(w)[0], "CITY"),
        d=date3(w, day - dt.timedelta(days=w.num(1, 10)), *DEV3_SHORT_DATES),
        why=why,
    )
    if w.chance(0.6):
        n.fmt(
            "{pr} is originally from {c}. ",
            pr=pt.pronoun.capitalize(),
            c=Phi(w.pick(DEV3_COUNTRIES), "COUNTRY"),
        )
    n.fmt(
        "{pr} came with {pos} {rel}, {nm}, and a close friend, {f}, who helped with the history. ",
        pr=pt.pronoun.capitalize(),
        pos=pt.possessive,
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        f=w.name(person3(w), "PATIENT", "first", "full"),
    )
    n.fmt(
        "Of note, {pr} was hospitalized at {h} in {y} and again last {m}.\n\n",
        pr=pt.pronoun,
        h=Phi(hospital3(w), "HOSPITAL"),
        y=year(w.num(2008, 2016)),
        m=Phi(w.pick(MONTHS), "DATE"),
    )
    n.add(
        "Exam was notable for ",
        finding,
        ". Pertinent results: ",
        labs(w),
        ".\n\nRecommendations:\n",
    )
    for i, rec in enumerate(w.some(recs, 2, 3), 1):
        n.add(f"{i}. {rec}\n")
    n.fmt(
        "\nI will see {o} again on {d}. Thank you for allowing me to participate in {pos} care; please "
        "do not hesitate to reach me at {ph} or {e}.\n\nSincerely,\n\n",
        o="her" if pt.sex == "F" else "him",
        d=date3(w, day + dt.timedelta(days=w.num(21, 90)), "Month the dth", "Mon. dth", "Mon d yyyy"),
        pos=pt.possessive,
        ph=phone3(w),
        e=email3(w, author),
    )
    n.fmt("{a}, MD, PhD\n", a=w.name(author, "DOCTOR", "full", "first_m_last"))
    n.fmt(
        "cc: {c}, NP; {h}",
        c=w.name(person3(w), "DOCTOR", "full", "initial_last"),
        h=Phi(clinic3(w), "HOSPITAL"),
    )


@template("letter", "dev3")
def letter_referral_fax_cover(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 25)
    relation, fam = relative3(w, pt, years)
    sender = person3(w)
    to_clinic = w.pick((f"{town3(w)[0]} Sleep & Pulmonary", clinic3(w), hospital3(w)))
    from_clinic = (
        f"{w.fake.last_name()} Family Practice" if w.chance(0.6) else f"{town3(w)[0]} Community Health"
    )
    n.add("*** FAX COVER SHEET -- REFERRAL ***\n\n")
    n.fmt(
        "TO:    {c}\nATTN:  {a}, referral coordinator\nFAX:   {fx}    PHONE: {ph}\n\n",
        c=Phi(to_clinic, "HOSPITAL"),
        a=w.name(person3(w), "DOCTOR", "full", "first"),
        fx=phone3(w, "FAX"),
        ph=phone3(w),
    )
    n.fmt(
        "FROM:  {s}, MD -- {c}\nFAX:   {fx}    PHONE: {ph}\n",
        s=w.name(sender, "DOCTOR", "full", "initial_last"),
        c=Phi(from_clinic, "HOSPITAL"),
        fx=phone3(w, "FAX"),
        ph=phone3(w),
    )
    n.fmt(
        "DATE:  {d}    PAGES (incl. cover): {p}\n\n",
        d=date3(w, day, "mm.dd.yyyy", "d-Mon-yy", "Mon d yyyy"),
        p=w.num(3, 14),
    )
    n.fmt(
        "RE: {u} REFERRAL -- {nm}, DOB {b} ({a})\n",
        u=w.pick(("URGENT", "ROUTINE", "STAT")),
        nm=w.name(pt, "PATIENT", "LAST_FIRST", "full", "last_fi"),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "ddMonyy"),
        a=age3(w, years),
    )
    n.fmt(
        "Insurance: {pl}  ID {m}  Group {g}  Auth # {au}\n",
        pl=w.pick(
            ("BCBS PPO", "Aetna Medicare Advantage", "ConnectiCare", "Fidelis Care", "UHC Community Plan")
        ),
        m=plan_id2(w),
        g=Phi(w.digits(6), "HEALTHPLAN"),
        au=Phi(f"{w.letters(1)}{w.digits(9)}", "IDNUM"),
    )
    n.add(
        "Reason: ",
        w.pick(
            (
                "suspected OSA, STOP-BANG 6, Epworth 15",
                "new AFib, CHA2DS2-VASc 3 -- please eval for ablation",
                "rising PSA 7.8, PI-RADS 4 lesion",
                "Barrett's surveillance overdue",
            )
        ),
        "\n",
    )
    n.fmt(
        "Enclosed: office note {d1}, labs, {img} report from {h} ({d2}), med list.\n",
        d1=date3(w, day - dt.timedelta(days=w.num(1, 14)), *DEV3_SHORT_DATES),
        img=w.pick(("MRI", "CT", "echo", "PSG")),
        h=Phi(hospital3(w), "HOSPITAL"),
        d2=date3(w, day - dt.timedelta(days=w.num(15, 90)), "mm.dd.yyyy", "Mon d yyyy", "yyyy-mm"),
    )
    n.fmt(
        "Best contact: pt cell {ph}; or {pos} {rel} {nm} ({ph2}), who drives. ",
        ph=phone3(w, ext=False),
        pos=pt.possessive,
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        ph2=phone3(w, ext=False),
    )
    n.add(w.pick(("Prefers afternoons. ", "Needs Spanish interpreter. ", "Pt uses the portal. ")))
    if w.chance(0.5):
        n.fmt("E-mail: {e}\n", e=email3(w, pt))
    else:
        n.fmt("Pt works nights at {o}.\n", o=employer3(w))
    n.fmt(
        "\nCONFIDENTIALITY NOTICE: This facsimile contains protected health information. If you received it "
        "in error, call {ph} and destroy all copies. Sent from {ip} by {u}.",
        ph=phone3(w),
        ip=ip3(w),
        u=username2(w, sender),
    )


# -- dev3 / telephone: a nurse advice-line call record, and a pharmacy prior-authorisation call ---------


@template("telephone", "dev3")
def phone_nurse_advice_line(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 20)
    relation, fam = relative3(w, pt, years)
    nurse = person3(w)
    n.fmt("NURSE ADVICE LINE -- CALL RECORD #{c}\n", c=Phi(w.digits(8), "IDNUM"))
    n.fmt(
        "Call start: {s}   Line: after-hours   Language: {l}\n",
        s=stamp3(w, day),
        l=w.pick(("English", "Spanish (interpreter line)", "Vietnamese")),
    )
    n.fmt(
        "Caller: {c} ({rel}) on behalf of pt {nm}, {a}, DOB {b}, MRN {m}\n",
        c=w.rel(fam, "full", "first"),
        rel=relation,
        nm=w.name(pt, "PATIENT", "full", "last_first", "initials"),
        a=age3(w, years),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "d-Mon-yy"),
        m=mrn3(w),
    )
    n.add("Callback #: ", phone3(w, ext=w.chance(0.6)), "\n")
    if w.chance(0.5):
        n.fmt("Caller is with pt at {l}. ", l=Phi(w.pick(DEV3_LANDMARKS), "LOCATION-OTHER"))
    if w.chance(0.3):
        n.fmt("ID verified by DOB + last 4 SSN ({s}).\n", s=Phi(w.digits(4), "SSN"))
    else:
        n.add("ID verified by name + DOB.\n")
    complaint = w.pick(
        (
            (
                "Fever - Adult",
                "T 102.1 since yesterday, chills, mild cough. Took Tylenol 1 g at 1900.",
                "See HCP within 24 hours.",
            ),
            (
                "Chest Pain",
                "pressure 5/10 since last Tuesday on exertion, now 7/10 at rest with sweating.",
                "Call 911 -- caller instructed, stayed on line until EMS arrived.",
            ),
            (
                "Fall",
                "slipped on ice this afternoon, hit head, no LOC, on Eliquis.",
                "Go to ED now (anticoagulated head strike). Caller agrees, will go by car.",
            ),
            (
                "Urinary Symptoms",
                "burning, frequency x3 days, no flank pain, no fever.",
                "See HCP within 24 hours; push fluids.",
            ),
            (
                "Medication Question",
                "missed 2 doses of levothyroxine, wants to know whether to double up.",
                "Home care: resume usual dose, do not double; care advice given per protocol.",
            ),
        )
    )
    n.fmt('Protocol: Schmitt-Thompson "{p}"\nHx: {h}\n', p=complaint[0], h=complaint[1])
    n.add(
        "PMH: ",
        ", ".join(w.some(PMH, 1, 3)),
        ". Meds: ",
        ", ".join(m.split(" ")[0] for m in w.some(MEDS, 1, 3)),
        ".\n",
    )
    n.add(
        "Disposition: ",
        complaint[2],
        "\n",
    )
    if w.chance(0.6):
        n.fmt(
            "Appt booked with {d} at {c} on {dd} at {t}.\n",
            d=w.name(person3(w), "DOCTOR", "full", "initial_last", "last_fi"),
            c=Phi(clinic3(w), "HOSPITAL"),
            dd=date3(w, day + dt.timedelta(days=1), "Mon. dth", "dd-Mon", "m/d"),
            t=w.pick(("9:20", "10:40", "1:15 PM", "0800")),
        )
    n.fmt(
        "Preferred pharmacy: {p}, {st}, {c} (ph {ph}).\n",
        p=pharmacy3(w),
        st=Phi(f"{w.num(1, 999)} {w.fake.street_name()}", "STREET"),
        c=Phi(town3(w)[0], "CITY"),
        ph=phone3(w, ext=False),
    )
    n.fmt("PCP {d} notified via in-basket. ", d=w.name(person3(w), "DOCTOR", "full", "last_fi"))
    n.fmt(
        "Call end {t}.\nRN: {r}, RN   user {u}",
        t=tm(w),
        r=w.name(nurse, "DOCTOR", "full", "first_m_last"),
        u=username2(w, nurse),
    )


@template("telephone", "dev3")
def phone_pharmacy_prior_auth(w: World, n: Note) -> None:
    pt = person3(w)
    day = w.day(2017, 2025)
    years = w.age(0.25, 25)
    prescriber = person3(w)
    tech = person3(w)
    rep = person3(w)
    n.add("PRIOR AUTHORIZATION -- PHONE ENCOUNTER\n")
    n.fmt(
        "Patient: {nm}   DOB {b}   ({a})\n",
        nm=w.name(pt, "PATIENT", "last_first", "full", "first_m_last"),
        b=date3(w, w.dob(day, years), "mm.dd.yyyy", "Month d yyyy"),
        a=age3(w, years),
    )
    drug = w.pick(
        (
            ("Ozempic 0.5 mg weekly", "metformin and glipizide", "A1c 8.9%", "1 pen/28 days"),
            ("Eliquis 5 mg BID", "warfarin (labile INR)", "CHA2DS2-VASc 4", "60 tabs/30 days"),
            ("Dupixent 300 mg q2wk", "topical steroids x12 wk", "EASI 24", "2 pens/28 days"),
            ("Repatha 140 mg q2wk", "atorvastatin 80 and ezetimibe", "LDL 162", "2 pens/28 days"),
        )
    )
    n.fmt("Drug: {d}. Step therapy tried: {s}. Supporting: {x}.\n", d=drug[0], s=drug[1], x=drug[2])
    if w.chance(0.4):
        n.fmt("Plan asked for SSN on file to match; last four {s} confirmed.\n", s=Phi(w.digits(4), "SSN"))
    n.fmt(
        "Plan: {pl} (PBM: {pbm})  Member ID {m}  RxGrp {g}  BIN 610014\n",
        pl=w.pick(("Anthem BCBS", "Cigna", "Humana Gold Plus", "Wellcare")),
        pbm=w.pick(("CVS Caremark", "Express Scripts", "OptumRx")),
        m=plan_id2(w),
        g=Phi(f"{w.letters(3)}{w.digits(3)}", "HEALTHPLAN"),
    )
    n.fmt(
        "Prescriber: {p}, {cr}  NPI {np}  DEA {de}\n",
        p=w.name(prescriber, "DOCTOR", "full", "last_first", "fm_last"),
        cr=w.pick(("MD", "NP", "PA-C", "DO")),
        np=npi(w),
        de=dea(w, prescriber),
    )
    n.fmt(
        "Dispensing pharmacy: {p}, NCPDP {nc}, ph {ph} / fax {fx}\n\n",
        p=pharmacy3(w),
        nc=Phi(w.digits(7), "IDNUM"),
        ph=phone3(w, ext=False),
        fx=phone3(w, "FAX"),
    )
    n.fmt(
        "{t} Called PA line {ph}. Spoke with {r} (rep), ref # {ref}. ",
        t=tm(w, 8, 12),
        ph=phone3(w, ext=True),
        r=w.name(rep, "PATIENT", "first", "first_initial"),
        ref=Phi(f"PA-{w.digits(9)}", "IDNUM"),
    )
    n.add(
        w.pick(
            (
                "Clinical questions answered over the phone; case sent to pharmacist review, 72h TAT.\n",
                "Denied: needs chart notes showing step therapy failure. Faxed OV notes and labs.\n",
                "Approved on the call.\n",
            )
        )
    )
    n.fmt(
        "{t} Determination: approved {d1} through {d2}, qty limit {q}.\n",
        q=drug[3],
        t=tm(w, 13, 17),
        d1=date3(w, day, "mm.dd.yyyy", "Mon d yyyy"),
        d2=date3(w, day + dt.timedelta(days=w.pick((180, 365))), "mm.dd.yyyy", "Mon d yyyy"),
    )
    n.fmt(
        "Pt notified: left VM at {ph} for {nm} (HIPAA-compliant, callback only) and portal message sent; "
        "copay card {cc} applied.\n",
        ph=phone3(w, ext=False),
        nm=w.name(pt, "PATIENT", "first", "initials"),
        cc=Phi(f"{w.digits(11)}", "IDNUM"),
    )
    n.fmt(
        "Documented by {t}, CPhT ({u}) -- cosign {p}",
        t=w.name(tech, "DOCTOR", "full", "first_initial"),
        u=username2(w, tech),
        p=w.name(prescriber, "DOCTOR", "initials", "initial_last"),
    )


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


def nick4(w: World, person: Person) -> list[Piece]:
    """A name with a nickname in quotes, as staff write it: Robert "Bud" Kowalski (one span, quotes
    included) or the nickname alone later on."""
    return [Phi(f'{person.first} "{w.pick(NICKNAMES4)}" {person.last}', "PATIENT")]


def town4(w: World) -> tuple[str, str]:
    if w.chance(0.7):
        return w.pick(DEV4_TOWNS)
    return w.fake.city(), w.pick(("MA", "NY", "PA", "OH", "NC"))


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


def pager4(w: World) -> Phi:
    return Phi(w.pick((f"{w.num(2, 8)}-{w.digits(4)}", w.digits(5), f"{w.digits(3)}-{w.digits(3)}")), "PHONE")


def mrn4(w: World) -> Phi:
    text = w.pick(
        (f"{w.digits(3)} {w.digits(3)} {w.digits(3)}", f"MRN{w.digits(8)}", f"{w.letters(1)}{w.digits(6)}")
    )
    return Phi(text, "MEDICALRECORD")


def encounter4(w: World) -> Phi:
    return Phi(w.pick((f"ENC{w.digits(9)}", f"{w.digits(2)}-{w.digits(7)}", f"V{w.digits(10)}")), "IDNUM")


def account4(w: World) -> Phi:
    return Phi(w.pick((f"HAR {w.digits(9)}", f"{w.digits(12)}", f"A{w.digits(3)}-{w.digits(5)}")), "ACCOUNT")


def date4(w: World, day: dt.date, *formats: str) -> Phi:
    return w.date(day, *(formats or DEV4_FULL_DATES))


def age4(w: World, years: int) -> list[Piece]:
    """An age in dev4 layouts ("92 years of age", "aged 92", "92y", "92 yo F"); only the number is a span,
    and only over 89."""
    layout = w.pick(("{a} years of age", "aged {a}", "{a}y", "{a} yo", "{a}-yr-old", "{a} years old"))
    head, tail = layout.split("{a}")
    return [head, age(years), tail]


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


def short4(w: World, short: str) -> list[Piece]:
    """A hospital's short form in running text: "the VA", "UH", "Sinai West"."""
    return ["the ", Phi(short, "HOSPITAL")] if short == "VA" else [Phi(short, "HOSPITAL")]


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


def email4(w: World, person: Person) -> Phi:
    first = "".join(ch for ch in person.first.lower() if ch.isascii() and ch.isalpha())
    last = "".join(ch for ch in person.last.lower() if ch.isascii() and ch.isalpha())
    user = w.pick((f"{first}{w.num(1960, 2005)}", f"{last}_{first[:1]}", f"{first}.{last}{w.num(1, 9)}"))
    return Phi(f"{user}@{w.pick(DEV4_MAIL)}", "EMAIL")


def host4(org: str) -> str:
    return "".join(ch for ch in org.lower() if ch.isascii() and ch.isalnum())[:16]


# -- dev4 / nursing: a home-health skilled-nursing visit, and an all-caps outpatient dialysis run note -


@template("nursing", "dev4")
def nursing_home_health_visit(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.age(0.4, 60)
    relation, fam = relative4(w, pt, years)
    agency = org4(w, "agency") if w.chance(0.5) else Phi(f"{w.place_word()} VNA & Hospice", "ORGANIZATION")
    nurse = person4(w, "F" if w.chance(0.75) else "M")
    n.fmt("Skilled Nursing Visit (SN) -- {a}\n", a=agency)
    t_in, t_out = times(w, 2, 8, 15)
    n.fmt(
        "Visit date {d}  Time in {t1} / out {t2}  Visit type: {v}\n",
        d=date4(w, day, "m/d/yyyy", "MON-dd-yyyy", "yyyy.mm.dd"),
        t1=t_in,
        t2=t_out,
        v=w.pick(("Recert", "Routine", "Resumption of Care (ROC)", "PRN - fall")),
    )
    n.add("Client: ")
    if w.chance(0.4):
        n.add(nick4(w, pt))
    else:
        n.add(w.name(pt, "PATIENT", "LAST FIRST", "full", "last_first"))
    n.fmt(
        "  ({a})  Medicaid ID {m}  Episode {e}\n",
        a=age4(w, years),
        m=Phi(f"{w.digits(9)}{w.letters(1)}", "HEALTHPLAN"),
        e=encounter4(w),
    )
    n.add("Address: ", address4(w), "\n")
    n.add(
        "Homebound status: ",
        w.pick(
            (
                "leaves home only for dialysis and church with assist of 1; taxing effort, SOB at 20 ft.",
                "requires walker and SBA; unable to negotiate 14 stairs to exit.",
                "bedbound since CVA; leaves home by ambulette for MD visits only.",
            )
        ),
        "\n",
    )
    weight = w.num(98, 260)
    n.fmt(
        "VS: {v}. Wt {wt} lb (was {wp} on {d}).\n",
        v=vitals(w),
        wt=weight,
        wp=weight - w.num(-2, 4),
        d=date4(w, day - dt.timedelta(days=w.num(6, 14)), *DEV4_SHORT_DATES),
    )
    n.add(
        w.pick(
            (
                "Med reconciliation: pill organizer filled x2 wk; pt missed 3 evening doses of Eliquis. "
                "Reinforced teaching. Lasix taken as ordered.\n",
                "Wound: R shin skin tear 2.1 x 0.8 cm, Steri-Strips intact, no s/s infection.\n",
                "Foley (16 Fr) draining clear yellow; changed per order, balloon 10 mL. Pt tolerated.\n",
                "Insulin teaching: return demo of glargine pen correct; FSBS log reviewed, range 112-240.\n",
            )
        )
    )
    n.fmt(
        "O2 concentrator (serial {s}) at 2L; tanks delivered by {v}. Home safety: throw rugs removed, "
        "grab bars in, smoke detector works.\n",
        s=serial(w),
        v=Phi(f"{w.fake.last_name()} Medical Supply", "ORGANIZATION"),
    )
    n.fmt(
        "Caregiver: {rel} {nm} lives with {pr}, ",
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        pr="him" if pt.sex == "M" else "her",
    )
    n.fmt(
        "works days as a {j} at {o}; neighbor {nb} checks in at lunch. Friends from {c} bring meals "
        "twice a week.\n",
        j=Phi(w.pick(DEV4_PROFESSIONS), "PROFESSION"),
        o=org4(w),
        nb=w.name(person4(w), "PATIENT", "first", "full"),
        c=org4(w, "church"),
    )
    full, short = hospital4(w)
    n.fmt(
        "Recent hx: d/c'd from {h} on {d} (CHF exacerbation); f/u w/ PCP ",
        h=Phi(w.pick((full, short)), "HOSPITAL"),
        d=date4(w, day - dt.timedelta(days=w.num(8, 30)), *DEV4_SHORT_DATES),
    )
    n.fmt(
        "{d} at {p} on the {dd}.\n",
        d=w.name(person4(w), "DOCTOR", "full", "initial_last", "last_fi"),
        p=Phi(practice4(w, "Primary Care"), "HOSPITAL"),
        dd=Phi(ordinal((day + dt.timedelta(days=w.num(3, 12))).day), "DATE"),
    )
    n.fmt(
        "Called office ({ph}) re: wt gain 3 lb; spoke with {r}, RN, who will relay to MD. "
        "Next SN visit {nx}.\n",
        ph=phone4(w),
        r=w.name(person4(w), "DOCTOR", "first", "full"),
        nx=w.pick((w.weekday(day + dt.timedelta(days=w.num(2, 5))), "early next week")),
    )
    n.fmt(
        "E-signed {nm}, RN (emp# {e}) {d}\nOASIS locked by {u}",
        nm=w.name(nurse, "DOCTOR", "full", "first_mi_last_dotless"),
        e=Phi(w.digits(5), "IDNUM"),
        d=date4(w, day, "m/d/yyyy", "MON-dd-yyyy"),
        u=username4(w, nurse),
    )


@template("nursing", "dev4")
def nursing_dialysis_run(w: World, n: Note) -> None:
    n.upper = True
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.age(0.35, 40)
    relation, fam = relative4(w, pt, years)
    unit = w.pick((facility4(w), f"{w.fake.last_name()} Renal Care of {town4(w)[0]}"))
    t = clock3(w, 5, 30, 70)
    n.fmt("HD TX RECORD -- {u}\n", u=Phi(unit, "HOSPITAL"))
    n.fmt(
        "DATE {d} ({wd})  CHAIR {c}  SHIFT {s}\n",
        d=date4(w, day, "m.d.yy", "MON-dd-yyyy", "m/d/yy"),
        wd=w.weekday(day),
        c=w.num(1, 24),
        s=w.pick(("1ST", "2ND", "3RD")),
    )
    n.fmt(
        "PT {nm}  {a}  MRN {m}  NEPH: DR {d}\n",
        nm=w.name(pt, "PATIENT", "LAST FIRST", "LAST_fi", "full"),
        a=age4(w, years),
        m=mrn4(w),
        d=w.name(person4(w), "DOCTOR", "last", "initial_last"),
    )
    n.fmt(
        "MACHINE FRESENIUS 2008T SN {s}  DIALYZER OPTIFLUX 160 LOT {l}  BATH 2K/2.5CA\n",
        s=serial(w),
        l=lot(w),
    )
    pre = w.num(62, 118)
    post = round(pre - w.num(10, 38) / 10, 1)
    n.fmt(
        "EDW {e} KG. PRE WT {p} KG, POST WT {q} KG. UF GOAL {g} L.\n",
        e=round(pre - w.num(15, 40) / 10, 1),
        p=pre,
        q=post,
        g=f"{w.num(1, 4)}.{w.num(0, 9)}",
    )
    n.fmt(
        "ACCESS L {acc}: + THRILL/BRUIT, CANNULATED 15G X2 ON 1ST ATTEMPT. "
        "QB 400 QD 600. VP {vp} AP -{ap}.\n",
        acc=w.pick(("BRACHIOCEPHALIC AVF", "FOREARM AVG", "IJ TUNNELED CATH (PERMCATH)")),
        vp=w.num(120, 220),
        ap=w.num(120, 220),
    )
    n.fmt(
        "{a} ON. {b} BP 88/50, PT C/O CRAMPS -- UF OFF, NS 200 ML, TRENDELENBURG. {c} BP 112/64, "
        "UF RESUMED. {d} OFF, HEMOSTASIS 8 MIN. {e} D/C'D.\n",
        a=t[0],
        b=t[1],
        c=t[2],
        d=t[3],
        e=t[4],
    )
    n.fmt(
        "LABS DRAWN: MONTHLY, KT/V {k}, ALB {al}. EPO (MIRCERA) 75 MCG IV GIVEN.\n",
        k=f"1.{w.num(1, 6)}",
        al=f"{w.num(2, 4)}.{w.num(0, 9)}",
    )
    n.fmt(
        "SOCIAL: PT LIVES W/ {rel} {nm} IN {c}. ",
        rel=relation,
        nm=w.rel(fam, "first", "full"),
        c=Phi(town4(w)[0], "CITY"),
    )
    n.fmt(
        "RIDE VIA {r} (CONF# {cf}); RIDE LATE AGAIN -- SW {sw} AWARE.\n",
        r=org4(w, "transit"),
        cf=Phi(w.digits(7), "IDNUM"),
        sw=w.name(person4(w), "DOCTOR", "full", "first_initial"),
    )
    _full, short = hospital4(w)
    trip_town, trip_state = w.pick(DEV4_TOWNS)
    n.fmt(
        "PT ASKS ABOUT TRAVEL TX IN {c} {st} THE WEEK OF {d}; PACKET FAXED TO {f} {fx}. "
        "LAST ADMIT {h} {dd}.\n",
        c=Phi(trip_town, "CITY"),
        st=Phi(trip_state, "STATE"),
        d=date4(w, day + dt.timedelta(days=w.num(20, 60)), "m/d", "Mon dth"),
        f=Phi(facility4(w), "HOSPITAL"),
        fx=phone4(w, "FAX"),
        h=short4(w, short),
        dd=date4(w, day - dt.timedelta(days=w.num(20, 200)), "m/yyyy", "Mon-yyyy"),
    )
    rn = person4(w)
    n.fmt(
        "RN {nm} / PCT {p}   CHARGE {c}  EXT {x}",
        nm=w.name(rn, "DOCTOR", "full", "LAST_fi", "initials"),
        p=w.name(person4(w), "DOCTOR", "first_initial", "first"),
        c=w.name(person4(w), "DOCTOR", "ini3", "initials"),
        x=Phi(w.digits(4), "PHONE"),
    )


# -- dev4 / discharge: a NICU discharge summary, and a discharge-to-hospice summary --------------------


@template("discharge", "dev4")
def discharge_nicu_summary(w: World, n: Note) -> None:
    mom = person4(w, "F")
    baby = person4(w, last=mom.last if w.chance(0.6) else None)
    dad = person4(w, "M", baby.last if w.chance(0.5) else None)
    born = w.day(2017, 2025)
    home = born + dt.timedelta(days=w.num(9, 60))
    ga = w.num(28, 36)
    full, short = hospital4(w)
    n.add("NICU DISCHARGE SUMMARY\n")
    n.fmt(
        "Infant: {b}   DOB {d} @ {t}   Unit #{m}\n",
        b=w.name(baby, "PATIENT", "LAST FIRST", "last_first", "full"),
        d=date4(w, born, "m/d/yyyy", "yyyy.mm.dd", "MON-dd-yyyy"),
        t=tm(w),
        m=mrn4(w),
    )
    n.fmt(
        "Admitted {a}  Discharged {dd}  LOS {l} d   Birth hospital: {h}\n",
        a=date4(w, born, "m/d/yy", "Mon dth yyyy"),
        dd=date4(w, home, "m/d/yy", "Mon dth yyyy"),
        l=(home - born).days,
        h=Phi(full, "HOSPITAL"),
    )
    n.fmt(
        "Mother: {m}, G{g}P{p}, blood type O+, GBS {gbs}, HBsAg neg, RPR NR. Father: {f}.\n",
        m=w.name(mom, "PATIENT", "full", "last_first", role="relative"),
        g=w.num(1, 5),
        p=w.num(0, 3),
        gbs=w.pick(("pos (adequately treated)", "neg", "unknown")),
        f=w.rel(dad, "full", "first"),
    )
    n.fmt(
        "Birth: {ga} 2/7 wk, BW {bw} g, Apgars {a1} and {a2}, {route}.\n",
        ga=ga,
        bw=w.num(900, 2600),
        a1=w.num(3, 8),
        a2=w.num(6, 9),
        route=w.pick(("SVD", "primary C/S for NRFHT", "repeat C/S", "vacuum-assisted")),
    )
    n.add(
        "Hospital course by system:\n",
        "- Resp: CPAP x",
        str(w.num(1, 9)),
        " days, then RA. No BPD. Caffeine stopped at 34 wk.\n",
        "- FEN/GI: advanced to ad lib Similac Neosure 22 kcal + breast milk; gaining 30 g/d.\n",
        w.pick(
            (
                "- Hyperbili: peak 13.8, phototherapy x2 days.\n",
                "- ID: r/o sepsis, amp/gent x48h, BCx neg at 48 h.\n",
                "- Neuro: HUS on DOL 7 normal (no IVH).\n",
            )
        ),
    )
    n.fmt(
        "Screens: NBS sent {d1} (lab accession {ac}), repeat {d2} -- normal. Hearing (ABR) pass both ears. "
        "CCHD pass. Car seat test passed 90 min.\n",
        d1=date4(w, born + dt.timedelta(days=1), *DEV4_SHORT_DATES),
        ac=Phi(f"NB{born.year % 100:02d}-{w.digits(6)}", "IDNUM"),
        d2=date4(w, born + dt.timedelta(days=14), *DEV4_SHORT_DATES),
    )
    n.fmt(
        "Immunizations: HepB #1 given {d}, lot {l}. Synagis eligible -- first dose before d/c.\n",
        d=date4(w, born + dt.timedelta(days=1), "m-d", "m/d"),
        l=Phi(f"{w.letters(2)}{w.digits(3)}{w.letters(1)}", "IDNUM"),
    )
    n.fmt(
        "Follow-up: PCP {d} at {p} ({ph}) in 1-2 days; NICU developmental clinic ~{dd}; "
        "Early Intervention referral to {ei}.\n",
        d=w.name(person4(w), "DOCTOR", "full", "initial_last"),
        p=Phi(practice4(w, "Pediatrics"), "HOSPITAL"),
        ph=phone4(w),
        dd=date4(w, home + dt.timedelta(days=w.num(60, 120)), "Mon-yyyy", "m/yyyy"),
        ei=Phi(f"{town4(w)[0]} Early Intervention", "ORGANIZATION"),
    )
    n.fmt(
        "Social: parents live in {c}; {mf} is a {j}. Family was also followed at {s} before transfer "
        "back from {sh}.\n",
        c=Phi(town4(w)[0], "CITY"),
        mf=w.rel(mom, "first"),
        j=Phi(w.pick(DEV4_PROFESSIONS), "PROFESSION"),
        s=short4(w, hospital4(w)[1]),
        sh=short4(w, short),
    )
    n.fmt(
        "{a}, MD (attending) / {np}, NNP-BC",
        a=w.name(person4(w), "DOCTOR", "full", "first_mi_last_dotless"),
        np=w.name(person4(w, "F"), "DOCTOR", "full", "LAST_fi"),
    )


@template("discharge", "dev4")
def discharge_hospice_transfer(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    admit = day - dt.timedelta(days=w.num(3, 12))
    years = w.age(0.55, 70)
    relation, fam = relative4(w, pt, years)
    proxy = person4(w, last=pt.last if w.chance(0.5) else None)
    _full, short = hospital4(w)
    hospice = Phi(
        w.pick(
            (
                f"{town4(w)[0]} Hospice & Palliative Care",
                f"{w.place_word()} Hospice House",
                f"Hospice of {town4(w)[0]}",
            )
        ),
        "HOSPITAL",
    )
    n.fmt("DISCHARGE SUMMARY -- TRANSITION TO HOSPICE ({h})\n", h=Phi(short, "HOSPITAL"))
    n.fmt(
        "{nm} | {a} | FIN {f} | Adm {ad} | D/C {dc}\n",
        nm=w.name(pt, "PATIENT", "last_first", "LAST FIRST", "full"),
        a=age4(w, years),
        f=account4(w),
        ad=date4(w, admit),
        dc=date4(w, day),
    )
    n.fmt(
        "Attending: {d}   Palliative care: {p}   Chaplain: {c}\n\n",
        d=w.name(person4(w), "DOCTOR", "full", "last_first"),
        p=w.name(person4(w), "DOCTOR", "initial_last", "full"),
        c=w.name(person4(w), "DOCTOR", "full", "first"),
    )
    dx = w.pick(
        (
            "metastatic pancreatic adenocarcinoma with malignant biliary obstruction",
            "end-stage HFrEF (EF 15%), NYHA IV, not a VAD candidate",
            "advanced Alzheimer's dementia (FAST 7c) with recurrent aspiration pneumonia",
            "ESRD, chose to stop dialysis",
        )
    )
    n.fmt("Principal diagnosis: {d} (first diagnosed {y}).\n", d=dx, y=year(admit.year - w.num(1, 6)))
    town = town4(w)[0]
    n.add(
        "Course: admitted from ",
        Phi(w.pick((f"The Villa at {town}", f"{town} Health & Rehabilitation")), "HOSPITAL"),
        " with ",
        w.pick(("hypoxia", "delirium and poor PO intake", "hyperkalemia", "fever and hypotension")),
        ". ",
    )
    proxy_rel = w.pick(("daughter", "son", "niece", "longtime friend"))
    n.fmt(
        "Goals-of-care meeting on {d} with {pr} health care proxy {px} ({rel2}) and {rel} {nm}; ",
        d=date4(w, day - dt.timedelta(days=w.num(1, 3)), "dth of Month", "mon d", "m-d"),
        pr=pt.possessive,
        px=w.name(
            proxy,
            "PATIENT",
            "full",
            "first_mi_last_dotless",
            role=None if proxy_rel == "longtime friend" else "relative",
        ),
        rel2=proxy_rel,
        rel=relation,
        nm=w.rel(fam, "first", "full"),
    )
    n.add(
        "family confirmed what ",
        w.name(pt, "PATIENT", "first"),
        " had said many times: no ICU, no feeding tube. MOLST completed: DNR/DNI, comfort measures only. ",
        "PPS 30%, PAINAD 2/10 on current regimen.\n",
    )
    n.fmt(
        "Comfort meds: morphine concentrate 20 mg/mL 5 mg SL q2h PRN dyspnea, lorazepam 0.5 mg SL q4h PRN, "
        "glycopyrrolate 0.2 mg SC q4h PRN secretions, Haldol 0.5 mg PRN agitation. Stopped: {s}.\n",
        s=", ".join(m.split(" ")[0] for m in w.some(MEDS, 2, 4)),
    )
    prescriber = person4(w)
    n.fmt(
        "C-II scripts (morphine, lorazepam) written by {p}, DEA {d}, to go with pt.\n",
        p=w.name(prescriber, "DOCTOR", "full", "initial_last"),
        d=dea(w, prescriber),
    )
    if years > 89:
        n.add(
            "Pt turned ",
            age(years),
            " this admission; the staff sang to ",
            w.name(pt, "PATIENT", "first"),
            ".\n",
        )
    n.fmt(
        "Spiritual: member of {c}; {pas} from the congregation visited {wd}. {pr_cap} former job: {j} at "
        "{o}.\n",
        c=org4(w, "church"),
        pas=w.name(person4(w), "PATIENT", "full"),
        wd=w.weekday(day - dt.timedelta(days=1)),
        pr_cap=pt.possessive.capitalize(),
        j=Phi(w.pick(DEV4_PROFESSIONS), "PROFESSION"),
        o=org4(w),
    )
    n.fmt(
        "Disposition: inpatient hospice at {h}, {a}. Transport by {t} at 1400. Report given to {r}, RN "
        "({ph}).\n",
        h=hospice,
        a=address4(w),
        t=Phi(f"{w.fake.last_name()} Ambulance", "ORGANIZATION"),
        r=w.name(person4(w), "DOCTOR", "first", "full"),
        ph=phone4(w),
    )
    n.fmt(
        "Hospice medical director {d} accepted (NPI {np}). Death certificate to be completed by hospice.\n"
        "Dictated by {me} {dd}",
        d=w.name(person4(w), "DOCTOR", "full", "initial_last"),
        np=npi(w),
        me=w.name(person4(w), "DOCTOR", "full", "ini3"),
        dd=date4(w, day, "MON-dd-yyyy", "yyyy.mm.dd"),
    )


# -- dev4 / ed: a behavioural-health intake in the ED, and printed ED discharge instructions ----------


@template("ed", "dev4")
def ed_psych_intake(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.num(16, 64)
    relation, fam = relative4(w, pt, years)
    clinician = person4(w)
    _full, short = hospital4(w)
    n.fmt("Behavioral Health Intake -- Emergency Services ({h})\n", h=Phi(short, "HOSPITAL"))
    n.fmt(
        "Pt: {nm}   Age {a}   Enc {e}   Arrived {d} {t}\n",
        nm=w.name(pt, "PATIENT", "last_first", "full", "LAST FIRST"),
        a=years,
        e=encounter4(w),
        d=date4(w, day, "m/d/yyyy", "yyyy.mm.dd"),
        t=tm(w),
    )
    officer = person4(w)
    if w.chance(0.5):
        n.fmt(
            "Source: brought in on a Section 12 by {pd} Officer {o} (badge {b}), ",
            pd=Phi(f"{town4(w)[0]} PD", "ORGANIZATION"),
            o=w.name(officer, "PATIENT", "last", "full"),
            b=Phi(w.digits(4), "IDNUM"),
        )
    else:
        n.add("Source: self-referred, ")
    n.fmt(
        "accompanied by {rel} {nm}.",
        rel=relation,
        nm=w.rel(fam, "first", "full"),
    )
    if w.chance(0.6):
        n.fmt(" Found sitting alone near {l} around 0200.", l=Phi(w.pick(DEV4_LANDMARKS), "LOCATION-OTHER"))
    if w.chance(0.4):
        n.fmt(
            " ID on file: {st} driver's license {lic}.",
            st=Phi("MA", "STATE"),
            lic=Phi(f"S{w.digits(8)}", "LICENSE"),
        )
    n.add("\n")
    n.fmt(
        'Presenting problem: per {nm}, pt texted a friend ({f}) last night "i cant do this anymore"; '
        "{f2} called 911. ",
        nm=w.rel(fam, "first"),
        f=w.name(person4(w), "PATIENT", "first", "full"),
        f2=w.pick(("the friend", "friend")),
    )
    n.add(
        w.pick(
            (
                "Pt endorses 2 wk of insomnia, anhedonia, passive SI; denies plan or intent.\n",
                'Pt reports AH x3 days ("they are watching me"); stopped Abilify in ',
                "Pt with escalating ETOH use (1 pint vodka/day), last drink this AM; CIWA 9.\n",
            )
        ),
    )
    if n.parts[-1].endswith(" in "):
        n.add(date4(w, day - dt.timedelta(days=w.num(20, 60)), "Mon-yyyy", "m/yyyy", "Month yyyy"), ".\n")
    n.fmt(
        "C-SSRS screen: {r} risk. PHQ-9 {p}. Last psych admit: {h} {d}; outpt therapist {th} at {c}.\n",
        r=w.pick(("low", "moderate", "high")),
        p=w.num(8, 26),
        h=short4(w, hospital4(w)[1])
        if w.chance(0.5)
        else Phi(f"{w.place_word()} Behavioral Health", "HOSPITAL"),
        d=date4(w, day - dt.timedelta(days=w.num(200, 900)), "m/yyyy", "Mon-yyyy"),
        th=w.name(person4(w), "DOCTOR", "full", "first_initial"),
        c=Phi(practice4(w, "Counseling"), "HOSPITAL"),
    )
    school = w.chance(0.35)
    home_town, home_state = town4(w)
    if school:
        n.fmt(
            "Social: junior at {s}; school adjustment counselor {sc} aware. Lives with {rel} in {c}.\n",
            s=org4(w, "school"),
            sc=w.name(person4(w), "PATIENT", "full", "last"),
            rel=relation,
            c=Phi(home_town, "CITY"),
        )
    else:
        n.fmt(
            "Social: {j}, employed at {o} (out of work since {d}); lives alone in {c}, {st}. Born in {co}, "
            "came to the US at 9.\n",
            j=Phi(w.pick([p for p in DEV4_PROFESSIONS if not p.startswith("retired")]), "PROFESSION"),
            o=org4(w),
            d=date4(w, day - dt.timedelta(days=w.num(10, 40)), *DEV4_SHORT_DATES),
            c=Phi(home_town, "CITY"),
            st=Phi(home_state, "STATE"),
            co=Phi(w.pick(DEV4_COUNTRIES), "COUNTRY"),
        )
    n.add(
        'MSE: disheveled, poor eye contact, psychomotor slowing, mood "numb", affect constricted, '
        "TP linear, no HI, insight fair. Tox: BAL ",
        str(w.num(0, 240)),
        ", UDS + THC.\n",
    )
    n.fmt(
        "Plan: inpatient psych; bed search -- called {a} ({ph}), spoke with {r}; on waitlist. "
        "Sitter 1:1. Insurer: MassHealth, ID {id}.\n",
        a=Phi(w.pick((f"{w.place_word()} Behavioral Health", f"{hospital4(w)[1]} Psych Unit")), "HOSPITAL"),
        ph=phone4(w),
        r=w.name(person4(w), "DOCTOR", "first", "full"),
        id=Phi(w.digits(12), "HEALTHPLAN"),
    )
    n.fmt(
        "{c}, LICSW -- Emergency Services Program   pgr {p}   ({u})",
        c=w.name(clinician, "DOCTOR", "full", "first_mi_last_dotless"),
        p=pager4(w),
        u=username4(w, clinician),
    )


@template("ed", "dev4")
def ed_discharge_instructions(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.age(0.15, 18)
    full, short = hospital4(w)
    doc = person4(w)
    n.fmt("{h} Emergency Department\n", h=Phi(full, "HOSPITAL"))
    n.add("AFTER VISIT SUMMARY\n")
    n.fmt(
        "{nm}   DOB: {b}   MRN: {m}   Visit: {d}\n\n",
        nm=w.name(pt, "PATIENT", "LAST FIRST", "full"),
        b=date4(w, w.dob(day, years), "m/d/yyyy", "MON-dd-yyyy"),
        m=mrn4(w),
        d=date4(w, day, "m/d/yyyy", "MON-dd-yyyy"),
    )
    n.fmt(
        "You were seen today by {d}, {cr} and {nu}, RN.\n",
        d=w.name(doc, "DOCTOR", "full", "first_mi_last_dotless"),
        cr=w.pick(("MD", "DO", "PA-C", "NP")),
        nu=w.name(person4(w), "DOCTOR", "first", "full"),
    )
    dx = w.pick(
        (
            ("Ankle sprain (right)", "Use the Aircast splint and crutches. Ice 20 minutes every 2 hours."),
            ("Kidney stone", "Take Flomax (tamsulosin) 0.4 mg once a day and strain your urine."),
            (
                "Cellulitis of the left leg",
                "Take Keflex 500 mg 4 times a day for 7 days. Keep the leg raised.",
            ),
            (
                "Concussion",
                "Rest your brain: no screens or sports until cleared. Tylenol is OK; avoid Advil.",
            ),
            (
                "Viral gastroenteritis",
                "Sip Pedialyte. Zofran 4 mg dissolving tablet every 8 hours as needed.",
            ),
        )
    )
    n.fmt("Your diagnosis: {a}\nWhat to do: {b}\n", a=dx[0], b=dx[1])
    n.add(
        "Come back right away or call 911 if you have chest pain, trouble breathing, fever over 101.5, or "
        "you feel worse. Results pending: none.\n"
    )
    n.fmt(
        "Follow up with: {d} at {p} in 2-3 days. Call {ph} to schedule",
        d=w.name(person4(w), "DOCTOR", "full", "initial_last"),
        p=Phi(practice4(w, "Pediatrics" if years < 18 else "Primary Care"), "HOSPITAL"),
        ph=phone4(w),
    )
    n.fmt(
        ", or the {c} walk-in at {a}.\n",
        c=Phi(w.pick((f"{short} Urgent Care", f"{w.fake.last_name()} Urgent Care")), "HOSPITAL"),
        a=address4(w),
    )
    if w.chance(0.5):
        n.fmt(
            "Your work note: excused from work at {o} through {d}.\n",
            o=org4(w),
            d=date4(w, day + dt.timedelta(days=w.num(2, 5)), "Mon dth", "mon d", "m/d"),
        )
    else:
        n.fmt(
            "School note: {nm} may return to {s} on {d}, no gym for 1 week.\n",
            nm=w.name(pt, "PATIENT", "first"),
            s=org4(w, "school"),
            d=w.pick(
                (
                    w.weekday(day + dt.timedelta(days=2)),
                    date4(w, day + dt.timedelta(days=2), "m-d", "Mon dth"),
                )
            ),
        )
    n.fmt(
        "Prescriptions were sent to: {p}, {ph}.\n",
        p=pharmacy4(w),
        ph=phone4(w, ext=False),
    )
    host = host4(short)
    n.fmt(
        "See your results in the patient portal: {u} (activation code {c}).\n",
        u=Phi(f"https://portal.{host}.org/activate", "URL"),
        c=Phi(f"{w.letters(5)}-{w.letters(5)}-{w.letters(5)}", "IDNUM"),
    )
    n.fmt(
        "Interpreter used: {l}, ID #{i}.\nI have received and understand these instructions. "
        "Signed: {s} ({who}) {dt}",
        l=w.pick(("Portuguese", "Haitian Creole", "Arabic", "none -- English")),
        i=Phi(w.digits(6), "IDNUM"),
        s=w.name(pt, "PATIENT", "full", "initials")
        if years >= 18
        else w.rel(person4(w, last=pt.last), "full"),
        who="patient" if years >= 18 else "parent",
        dt=date4(w, day, "m/d/yyyy", "m.d.yy"),
    )


# -- dev4 / radiology: a transthoracic echo report, and a DEXA bone-density report --------------------


@template("radiology", "dev4")
def rad_echo_report(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 35)
    sono = person4(w)
    reader = person4(w)
    _full, short = hospital4(w)
    height, weight = w.num(150, 190), w.num(45, 120)
    n.fmt("TRANSTHORACIC ECHOCARDIOGRAM REPORT -- {h} Echo Lab\n", h=Phi(short, "HOSPITAL"))
    n.fmt(
        "Name: {nm}  MRN: {m}  Acc#: {ac}\nStudy date: {d}  Age: {a}  Sex: {sx}  "
        "Ht {ht} cm  Wt {wt} kg  BSA {b} m2\n",
        nm=w.name(pt, "PATIENT", "LAST FIRST", "last_first"),
        m=mrn4(w),
        ac=Phi(f"EC{w.digits(8)}", "IDNUM"),
        d=date4(w, day, "m/d/yyyy", "yyyy.mm.dd", "MON-dd-yyyy"),
        a=[age(years)] if years > 89 else str(years),
        sx=pt.sex,
        ht=height,
        wt=weight,
        b=f"{((height * weight) / 3600) ** 0.5:.2f}",
    )
    n.fmt(
        "Referring: {r}   Sonographer: {s}, RDCS   Location: {loc}\n",
        r=w.name(person4(w), "DOCTOR", "LAST_fi", "full", "last_first"),
        s=w.name(sono, "DOCTOR", "ini3", "initials", "first_initial"),
        loc=w.pick(("Outpt", "5 West 512", "CCU 7", "ED")),
    )
    n.fmt(
        "Indication: {i}. Image quality: {q}. Definity {de}.\n",
        i=[
            w.pick(("dyspnea", "new murmur", "pre-op TAVR eval", "bacteremia, r/o vegetation", "afib")),
            w.pick(
                (
                    [],
                    [", s/p CABG ", year(day.year - w.num(2, 15))],
                    [", s/p mitral repair ", year(day.year - w.num(1, 9))],
                )
            ),
        ],
        q=w.pick(("good", "fair", "technically difficult")),
        de="given" if w.chance(0.4) else "not given",
    )
    ef = w.num(20, 70)
    n.fmt(
        "MEASUREMENTS: LVIDd {a} cm, IVS {b} cm, PW {c} cm, LA vol index {la} mL/m2, TAPSE {t} cm, "
        "E/e' {ee}, RVSP {r} mmHg, AV peak vel {av} m/s, mean gradient {mg} mmHg.\n",
        a=f"{w.num(4, 6)}.{w.num(0, 9)}",
        b=f"{w.num(0, 1)}.{w.num(7, 9)}",
        c=f"{w.num(0, 1)}.{w.num(7, 9)}",
        la=w.num(22, 58),
        t=f"{w.num(1, 2)}.{w.num(0, 9)}",
        ee=w.num(6, 19),
        r=w.num(22, 60),
        av=f"{w.num(1, 4)}.{w.num(0, 9)}",
        mg=w.num(4, 45),
    )
    n.fmt(
        "FINDINGS/CONCLUSIONS:\n1. LVEF {e}% by Simpson's biplane. {wm}\n2. {v}\n3. {x}\n",
        e=ef,
        wm=w.pick(
            ("No regional WMA.", "Hypokinesis of the mid-distal anterior wall and apex.", "Grade II DD.")
        ),
        v=w.pick(
            (
                "Moderate-severe calcific aortic stenosis (AVA 0.9 cm2 by continuity).",
                "Mild MR, trace TR. No vegetation seen; TEE if clinical suspicion remains (Duke criteria).",
                "Bicuspid AV, no significant AS/AR.",
            )
        ),
        x=w.pick(
            (
                "Small pericardial effusion, no tamponade physiology.",
                "IVC <2.1 cm with >50% collapse.",
                "McConnell's sign absent.",
            )
        ),
    )
    prior = day - dt.timedelta(days=w.num(150, 1200))
    n.fmt(
        "Compared with the prior study at {o} dated {d}: EF then {pe}%.\n",
        o=Phi(hospital4(w)[0], "HOSPITAL"),
        d=date4(w, prior, "m/yyyy", "Month dth 'yy", "m/d/yyyy"),
        pe=w.num(20, 70),
    )
    if ef < 35:
        n.fmt(
            "Critical result (LVEF {e}%) discussed with {d} by phone at {t} on {dd}.\n",
            e=ef,
            d=w.name(person4(w), "DOCTOR", "full", "first_initial"),
            t=tm(w),
            dd=date4(w, day, "m-d", "m/d"),
        )
    n.fmt(
        "Interpreting physician: {r}, MD, FASE\nElectronically signed {d} {t}  [{u}]",
        r=w.name(reader, "DOCTOR", "full", "LAST FIRST"),
        d=date4(w, day, "m/d/yyyy", "yyyy.mm.dd"),
        t=tm(w, 13, 20),
        u=username4(w, reader),
    )


@template("radiology", "dev4")
def rad_dexa_scan(w: World, n: Note) -> None:
    pt = person4(w, "F" if w.chance(0.8) else "M")
    day = w.day(2017, 2025)
    years = w.age(0.25, 50)
    reader = person4(w)
    _full, short = hospital4(w)
    site = Phi(w.pick((f"{short} Women's Imaging", f"{town4(w)[0]} Imaging at {w.place_word()}")), "HOSPITAL")
    n.add("BONE DENSITOMETRY (DXA) -- ", site, "\n")
    n.fmt(
        "PATIENT: {nm}   {a}   DOB {b}\nEXAM DATE: {d}   ACCESSION {ac}   ORDER {o}\n",
        nm=w.name(pt, "PATIENT", "LAST_FIRST", "full", "LAST FIRST"),
        a=age4(w, years),
        b=date4(w, w.dob(day, years), "m/d/yyyy", "MON-dd-yyyy"),
        d=date4(w, day),
        ac=Phi(f"{w.digits(3)}-{w.digits(4)}-{w.digits(2)}", "IDNUM"),
        o=Phi(f"ORD{w.digits(8)}", "IDNUM"),
    )
    n.fmt(
        "Scanner: Hologic Horizon A, S/N {s}. Referring: {r}.\n",
        s=Phi(f"{w.digits(6)}", "DEVICE"),
        r=w.name(person4(w), "DOCTOR", "full", "LAST_fi"),
    )
    n.add(
        "History: ",
        w.pick(
            (
                "postmenopausal, on letrozole since ",
                "long-term prednisone for PMR, started ",
                "prior wrist fracture (Colles') in ",
            )
        ),
        date4(w, day - dt.timedelta(days=w.num(300, 1500)), "m/yyyy", "Mon-yyyy", "Month dth 'yy"),
        ". Smoker: ",
        w.pick(("never", "former, 30 pk-yr", "current")),
        ".\n",
    )
    spine, hip, neck = (round(w.num(-35, 5) / 10, 1) for _ in range(3))
    n.fmt(
        "RESULTS:\nL1-L4 spine  BMD {a} g/cm2  T-score {s}  Z-score {z}\nL femoral neck  T-score {nk}\n"
        "Total hip  T-score {h}\n",
        a=f"0.{w.num(600, 999)}",
        s=spine,
        z=round(spine + 1.1, 1),
        nk=neck,
        h=hip,
    )
    n.fmt(
        "FRAX (US, with BMD): 10-yr major osteoporotic fracture {m}%, hip {hp}%. TBS {t}.\n",
        m=f"{w.num(3, 34)}.{w.num(0, 9)}",
        hp=f"{w.num(0, 9)}.{w.num(0, 9)}",
        t=f"1.{w.num(180, 420)}",
    )
    worst = min(spine, hip, neck)
    cat = "OSTEOPOROSIS" if worst <= -2.5 else ("LOW BONE MASS (osteopenia)" if worst < -1 else "NORMAL")
    n.fmt("IMPRESSION: {c} by WHO criteria.\n", c=cat)
    prior = day - dt.timedelta(days=w.num(700, 1500))
    prior_full, prior_short = hospital4(w)
    n.fmt(
        "Comparison: prior DXA {d} at {o} (different scanner, GE Lunar; least significant change not "
        "applicable). Images requested from {o2} records, fax {fx}.\n",
        d=w.pick((["early ", date4(w, prior, "m/yyyy")], date4(w, prior, "Mon dth yyyy", "m/d/yyyy"))),
        o=Phi(prior_full, "HOSPITAL"),
        o2=short4(w, prior_short),
        fx=phone4(w, "FAX"),
    )
    n.fmt(
        "Recommend repeat DXA in 2 years on the same scanner; consider bisphosphonate per {d}.\n"
        "Read by {r}, MD, CCD  {dd}",
        d=w.name(person4(w), "DOCTOR", "last", "full"),
        r=w.name(reader, "DOCTOR", "full", "first_mi_last_dotless"),
        dd=date4(w, day, "m/d/yyyy", "MON-dd-yyyy"),
    )


# -- dev4 / pathology: a microbiology culture report with a critical call, and a cytogenetics report ---


MICRO4_ORGANISMS = (
    ("Staphylococcus aureus (MRSA)", ("oxacillin R", "vancomycin S (MIC 1)", "TMP/SMX S", "clindamycin R")),
    ("Escherichia coli (ESBL)", ("ceftriaxone R", "meropenem S", "pip/tazo I", "nitrofurantoin S")),
    ("Enterococcus faecalis", ("ampicillin S", "vancomycin S", "gentamicin synergy S")),
    ("Candida glabrata", ("fluconazole SDD", "micafungin S")),
    ("Klebsiella pneumoniae", ("cefazolin R", "ceftriaxone S", "levofloxacin S")),
)


@template("pathology", "dev4")
def path_micro_culture(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 25)
    full, _short = hospital4(w)
    tech = person4(w)
    org, sens = w.pick(MICRO4_ORGANISMS)
    n.fmt("MICROBIOLOGY -- FINAL REPORT   {h} Clinical Laboratory\n", h=Phi(full, "HOSPITAL"))
    n.fmt(
        "Pt: {nm}  ({a})  MRN {m}  Loc: {loc}\nSpecimen {sp}  Source: {src}  Collected {c}  Received {r}\n",
        nm=w.name(pt, "PATIENT", "LAST FIRST", "last_first", "LAST_fi"),
        a=age4(w, years),
        m=mrn4(w),
        loc=w.pick(("MICU 11", "6 Tower 614-B", "ED", "Dialysis")),
        sp=Phi(f"M{day.year % 100:02d}-{w.digits(5)}", "IDNUM"),
        src=w.pick(("Blood, peripheral (set 1 of 2)", "Blood, PICC line", "Urine, cath", "Wound, L foot")),
        c=[date4(w, day, "m/d/yyyy", "yyyy.mm.dd"), " ", tm(w)],
        r=[date4(w, day, "m/d", "m-d"), " ", tm(w)],
    )
    n.fmt(
        "Ordering: {d}   Collected by: {c}\n",
        d=w.name(person4(w), "DOCTOR", "full", "LAST_fi"),
        c=w.name(person4(w), "DOCTOR", "ini3", "first_initial"),
    )
    n.fmt(
        "Gram stain: {g}\nCulture: {o}, {q}.\n",
        g=w.pick(
            (
                "Gram-positive cocci in clusters",
                "Gram-negative rods",
                "Gram-positive cocci in pairs/chains",
                "Yeast",
            )
        ),
        o=org,
        q=w.pick(
            (
                "growth in 1 of 2 bottles at 14 h",
                "growth in 2 of 2 bottles",
                ">100,000 CFU/mL",
                "heavy growth",
            )
        ),
    )
    n.add("Susceptibility (Vitek 2, CLSI M100): ", "; ".join(sens), ".\n")
    n.fmt(
        "** CRITICAL VALUE ** Positive culture called to and read back by {r}, RN on {u} at {t} on {d} "
        "by {tech} ({uid}).\n",
        r=w.name(person4(w), "DOCTOR", "full", "first_initial", "LAST_fi"),
        u=w.pick(("MICU", "6 Tower", "ED", "the dialysis unit")),
        t=tm(w),
        d=date4(w, day + dt.timedelta(days=1), "m-d", "Mon dth", "m/d"),
        tech=w.name(tech, "DOCTOR", "initials", "first_initial"),
        uid=username4(w, tech),
    )
    if w.chance(0.5):
        n.fmt(
            "Isolate sent to {lab} for confirmation (ref # {ref}); also reported to {town} Board of Health "
            "per state rules.\n",
            lab=Phi(
                w.pick(("State Laboratory Institute", f"{w.fake.last_name()} Reference Labs")), "ORGANIZATION"
            ),
            ref=Phi(f"{w.letters(2)}{w.digits(7)}", "IDNUM"),
            town=Phi(town4(w)[0], "CITY"),
        )
    n.fmt(
        "Prior isolates: same organism {d} ({o}).\nCLIA {cl}. Medical director: {md}, MD, D(ABMM).\n",
        d=date4(w, day - dt.timedelta(days=w.num(30, 400)), "m/yyyy", "Mon-yyyy", "Month dth 'yy"),
        o=w.pick(("outside hospital", "this lab", ["at ", Phi(hospital4(w)[0], "HOSPITAL")])),
        cl=Phi(f"{w.digits(2)}D{w.digits(7)}", "IDNUM"),
        md=w.name(person4(w), "DOCTOR", "full", "first_mi_last_dotless"),
    )
    n.fmt("Verified {d} {t}", d=date4(w, day + dt.timedelta(days=2), "m/d/yyyy", "yyyy.mm.dd"), t=tm(w))


CYTOGEN4_CASES = (
    ("r/o CML", "46,XY,t(9;22)(q34.1;q11.2)[18]/46,XY[2]", "BCR::ABL1 fusion in 92% of 200 nuclei",
     "Philadelphia chromosome-positive clone consistent with CML."),
    ("MDS workup, macrocytic anemia", "46,XX,del(5)(q13q33)[15]/46,XX[5]", "EGR1 (5q31) deletion in 71%",
     "Isolated del(5q); in the appropriate context consistent with MDS with low blasts and isolated 5q "
     "deletion."),
    ("recurrent pregnancy loss (couple)", "46,XX,t(11;22)(q23;q11.2)", "not performed",
     "Balanced reciprocal translocation; genetic counseling recommended."),
    ("new AML", "47,XY,+8[12]/46,XY[8]", "trisomy 8 in 58%, no KMT2A rearrangement",
     "Trisomy 8; intermediate-risk cytogenetics (ELN 2022)."),
    ("developmental delay", "46,XY", "22q11.2 (TUPLE1) deleted in all cells",
     "Normal karyotype; 22q11.2 deletion (DiGeorge) by FISH."),
)  # fmt: skip


@template("pathology", "dev4")
def path_cytogenetics(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.age(0.2, 1)
    why, karyo, fish, interp = w.pick(CYTOGEN4_CASES)
    director = person4(w)
    lab = w.pick((f"{w.fake.last_name()} Cytogenetics Laboratory", f"{town4(w)[0]} Genomic Diagnostics"))
    n.fmt("CYTOGENETICS & FISH REPORT\n{l}, ", l=Phi(lab, "ORGANIZATION"))
    n.add(address4(w), "  Tel ", phone4(w, ext=False), "\n")
    n.fmt(
        "Patient {nm}   DOB {b}   Sex {sx}   Lab # {lab}   Client MRN {m}\n",
        nm=w.name(pt, "PATIENT", "LAST_FIRST", "full", "LAST FIRST"),
        b=date4(w, w.dob(day, years), "m/d/yyyy", "MON-dd-yyyy", "dMonyyyy"),
        sx=pt.sex,
        lab=Phi(f"CG{day.year % 100:02d}-{w.digits(4)}", "IDNUM"),
        m=mrn4(w),
    )
    n.fmt(
        "Specimen: {s}, collected {c}, received {r}. Referring: {d} at {h}.\nReason: {why}.\n",
        s=w.pick(("bone marrow aspirate (NaHep)", "peripheral blood", "products of conception")),
        c=date4(w, day, "m/d/yy", "dMonyyyy"),
        r=date4(w, day + dt.timedelta(days=1), "m-d", "mon d", "Mon dth"),
        d=w.name(person4(w), "DOCTOR", "full", "initial_last"),
        h=Phi(w.pick((hospital4(w)[0], practice4(w))), "HOSPITAL"),
        why=why,
    )
    n.fmt(
        "Cells counted 20, analyzed 20, karyotyped 4; band level 450; GTW banding, 24-h and 48-h "
        "unstimulated cultures.\nKARYOTYPE: {k}\nFISH: {f}\nINTERPRETATION: {i}\n",
        k=karyo,
        f=fish,
        i=interp,
    )
    if years > 89:
        n.add("Note: age-related loss of Y (-Y) in a ", age(years), "-year-old is a common finding.\n")
    n.fmt(
        "Results discussed with {d} on {dd}; a copy was faxed to {f}.\n",
        d=w.name(person4(w), "DOCTOR", "last", "full", "LAST_fi"),
        dd=w.pick(
            (
                ["the ", date4(w, day + dt.timedelta(days=9), "dth of Month")],
                date4(w, day + dt.timedelta(days=9), "m/d", "m-d"),
            )
        ),
        f=phone4(w, "FAX"),
    )
    n.fmt(
        "Technologist: {t}   Director: {d}, PhD, FACMG\nCLIA {cl}  NYS PFI {pf}  Report date {rd}",
        t=w.name(person4(w), "DOCTOR", "ini3", "first_initial"),
        d=w.name(director, "DOCTOR", "full", "first_mi_last_dotless"),
        cl=Phi(f"{w.digits(2)}D{w.digits(7)}", "IDNUM"),
        pf=Phi(w.digits(4), "IDNUM"),
        rd=date4(w, day + dt.timedelta(days=w.num(7, 12))),
    )


# -- dev4 / letter: a school / sports clearance letter, and a request for outside records -----------


@template("letter", "dev4")
def letter_school_clearance(w: World, n: Note) -> None:
    kid = person4(w)
    parent = person4(w, "F", kid.last if w.chance(0.6) else None)
    day = w.day(2017, 2025)
    years = w.num(6, 18)
    doc = person4(w)
    practice = practice4(w, "Pediatrics")
    school = org4(w, "k12")
    n.fmt("{p}\n", p=Phi(practice, "HOSPITAL"))
    n.add(address4(w), "\n")
    n.add("Ph ", phone4(w), "  |  Fax ", phone4(w, "FAX"), "\n\n")
    n.add(date4(w, day, "Month d, yyyy", "Mon dth yyyy", "m/d/yyyy"), "\n\n")
    nurse = person4(w, "F")
    n.fmt(
        "To: {nu}, School Nurse\n{s}\n\nRe: {nm} (DOB {b}), grade {g}\n\n",
        nu=w.name(nurse, "DOCTOR", "full", "initial_last"),
        s=school,
        nm=w.name(kid, "PATIENT", "full", "first_mi_last_dotless"),
        b=date4(w, w.dob(day, years), "m/d/yyyy", "m.d.yy"),
        g=max(1, years - 5),
    )
    case = w.pick(
        (
            ("a concussion sustained during a soccer game on ", "has completed the graduated return-to-play "
             "protocol (5 stages, ImPACT at baseline)"),
            ("an appendectomy on ", "may return to class now and to gym and sports in 2 weeks"),
            ("new-onset type 1 diabetes diagnosed on ", "may attend school with the attached Diabetes "
             "Medical Management Plan (Dexcom G7, Omnipod)"),
            ("a right distal radius (Colles') fracture on ",
             "may attend school in a cast; no PE until cleared"),
        )
    )  # fmt: skip
    n.fmt(
        "To whom it may concern,\n\n{nm} is followed in our practice and was seen today after ",
        nm=w.name(kid, "PATIENT", "first"),
    )
    n.add(case[0], date4(w, day - dt.timedelta(days=w.num(10, 40)), "Month dth", "m/d", "Mon dth"), ". ")
    n.fmt("{nm} {c}.\n", nm=w.name(kid, "PATIENT", "first"), c=case[1])
    n.fmt(
        "Accommodations: extra time on tests and rest breaks as needed through {d}. Coach {c} has been "
        "given a copy. ",
        d=w.pick(
            (
                ["the ", Phi(ordinal((day + dt.timedelta(days=20)).day), "DATE")],
                date4(w, day + dt.timedelta(days=w.num(14, 40)), "Month d", "m/d"),
            )
        ),
        c=w.name(person4(w), "PATIENT", "last", "full"),
    )
    n.fmt(
        "{pr_cap} mother, {p}, can be reached at {ph} or {e}.\n\n",
        pr_cap=kid.possessive.capitalize(),
        p=w.rel(parent, "full", "first"),
        ph=phone4(w, ext=False),
        e=email4(w, parent),
    )
    n.add("Please call me with any questions.\n\nSincerely,\n\n")
    n.fmt(
        "{d}, {cr}\nNPI {np}\ncc: {pcp}; {kid}'s chart",
        d=w.name(doc, "DOCTOR", "full", "first_mi_last_dotless"),
        cr=w.pick(("MD, FAAP", "DO", "CPNP")),
        np=npi(w),
        pcp=w.name(person4(w), "DOCTOR", "full", "initial_last"),
        kid=w.name(kid, "PATIENT", "first"),
    )


@template("letter", "dev4")
def letter_records_request(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 22)
    full, _short = hospital4(w)
    other, other_short = hospital4(w)
    clerk = person4(w)
    n.add("REQUEST FOR OUTSIDE MEDICAL RECORDS\n")
    n.fmt(
        "From: Health Information Management, {h}\n",
        h=Phi(full, "HOSPITAL"),
    )
    n.add(address4(w), "\nPhone ", phone4(w, ext=True), "  Secure fax ", phone4(w, "FAX"), "\n\n")
    n.fmt(
        "To: Release of Information, {o} ({os})\nFax: ",
        o=Phi(other, "HOSPITAL"),
        os=Phi(other_short, "HOSPITAL"),
    )
    n.add(phone4(w, "FAX"), "\n\n")
    n.fmt(
        "Date: {d}\nPatient: {nm}   DOB {b}   Our MRN {m}   Your MRN {m2}\n",
        d=date4(w, day, "m/d/yyyy", "MON-dd-yyyy"),
        nm=w.name(pt, "PATIENT", "full", "last_first", "LAST FIRST"),
        b=date4(w, w.dob(day, years)),
        m=mrn4(w),
        m2=mrn2(w),
    )
    if w.chance(0.5):
        n.fmt("SSN (last 4, for matching only): {s}\n", s=Phi(w.digits(4), "SSN"))
    if years > 89:
        n.add("(Patient is ", age(years), "; verbal consent witnessed.)\n")
    start = day - dt.timedelta(days=w.num(200, 800))
    end = start + dt.timedelta(days=w.num(2, 9))
    n.fmt(
        "Dates of service requested: {a} - {b} (inpatient, {why}) and any ED visits since {c}.\n",
        a=date4(w, start, "m/d/yy", "m/d/yyyy"),
        b=date4(w, end, "m/d/yy", "m/d/yyyy"),
        why=w.pick(("CABG", "L hip ORIF", "GI bleed", "sepsis")),
        c=date4(w, start - dt.timedelta(days=w.num(90, 400)), "Mon-yyyy", "m/yyyy"),
    )
    n.add(
        "Please send: discharge summary, operative note, H&P, imaging reports (CT/MRI), echo, cath report, "
        "pathology, and the most recent medication list. Do NOT send psychotherapy notes or 42 CFR Part 2 "
        "records without separate consent.\n"
    )
    n.fmt(
        "Requested by {d} for continuity of care (pt establishing with {p}; previously followed at "
        "{os} by {od}).\n",
        d=w.name(person4(w), "DOCTOR", "full", "last_fi"),
        p=Phi(practice4(w), "HOSPITAL"),
        os=short4(w, other_short),
        od=w.name(person4(w), "DOCTOR", "last", "initial_last", "full"),
    )
    auth = w.chance(0.5)
    if auth:
        rep = person4(w)
        n.fmt(
            "HIPAA authorization signed by the patient's legal guardian, {g} ({gr}), on {d}, enclosed.\n",
            g=w.name(rep, "PATIENT", "full"),
            gr=w.pick(("court-appointed", "durable POA")),
            d=date4(w, day - dt.timedelta(days=w.num(1, 6)), "dth of Month", "mon d", "m-d"),
        )
    else:
        n.fmt(
            "Signed HIPAA authorization enclosed (pt signed {d}).\n",
            d=date4(w, day - dt.timedelta(days=2), "m-d", "m/d"),
        )
    n.fmt(
        "Questions: {c}, ROI Specialist, {e} or the number above. Request # {r}.\n",
        c=w.name(clerk, "PATIENT", "full", "first_initial"),
        e=Phi(f"roi@{host4(full)}.org", "EMAIL"),
        r=Phi(f"ROI-{day.year}-{w.digits(6)}", "IDNUM"),
    )
    n.add(
        "CONFIDENTIALITY: this fax contains protected health information. If received in error, call the "
        "sender and destroy all copies. Sent from ",
        ip3(w),
        " by user ",
        username4(w, clerk),
        ".",
    )


# -- dev4 / telephone: a poison-centre consult call, and a care-coordinator outreach log -----------


@template("telephone", "dev4")
def phone_poison_center(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.pick((2, 3, 4, 17, 45, 78, w.age(1.0)))
    relation, fam = relative4(w, pt, max(years, 20))
    spi = person4(w)
    n.fmt("REGIONAL POISON CENTER -- CASE {c}\n", c=Phi(f"{day.year}-{w.digits(6)}", "IDNUM"))
    n.fmt(
        "Call rec'd {d} {t} from: {who}\n",
        d=date4(w, day, "m/d/yyyy", "yyyy.mm.dd"),
        t=tm(w),
        who=w.pick(("home", "home", "cell, caller at work")),
    )
    if years < 18:
        caller = [w.rel(person4(w, "F", pt.last), "full", "first"), " (mother)"]
    else:
        caller = [w.rel(fam, "full", "first"), f" ({relation})"]
    n.add("Caller: ", caller, ", callback ", phone4(w), "\n")
    town, state = town4(w)
    n.fmt(
        "Pt: {nm}, {a}, ~{wt} kg, {c}, {st}\n",
        nm=w.name(pt, "PATIENT", "first", "full", "LAST FIRST"),
        a=[age(years), " y"],
        wt=w.num(11, 95) if years < 18 else w.num(45, 95),
        c=Phi(town, "CITY"),
        st=Phi(state, "STATE"),
    )
    exp = w.pick(
        (
            ("acetaminophen 500 mg x ~20 tabs, intentional",
             "4-h APAP level; start NAC (21-h IV) if above the Rumack-Matthew treatment line"),
            ("grandmother's amlodipine, 1-2 tabs, unintentional",
             "refer to HCF: 24-h obs, glucose and BP q1h"),
            ("laundry detergent pod, mouthed",
             "home: rinse, fluids, watch for cough/vomiting; callback 2 h"),
            ("apixaban 5 mg, double dose", "home: no treatment, watch for bleeding"),
            ("carbon monoxide at home (generator), HA and nausea", "ED now for COHb; 100% O2; FD to house"),
        )
    )  # fmt: skip
    n.fmt(
        "Exposure: {e}. Time of ingestion ~{h} h before call.\nRecommendation: {r}.\n",
        e=exp[0],
        h=w.pick(("1", "2", "0.5", "3")),
        r=exp[1],
    )
    if exp[1].startswith(("refer", "ED")) or w.chance(0.4):
        full, short = hospital4(w)
        n.fmt(
            "Called ahead to {h} ED; spoke with {d}, charge RN ({ph}). ",
            h=w.pick(([Phi(full, "HOSPITAL")], short4(w, short))),
            d=w.name(person4(w), "DOCTOR", "first", "full"),
            ph=phone4(w, ext=True),
        )
        n.fmt(
            "Toxicology on call: {d}, pgr {p}.\n",
            d=w.name(person4(w), "DOCTOR", "full", "initial_last"),
            p=pager4(w),
        )
    n.fmt(
        "F/u call {d} at {t}: {s}.\n",
        d=w.pick(
            (
                [Phi(ordinal((day + dt.timedelta(days=1)).day), "DATE")],
                date4(w, day + dt.timedelta(days=1), "m-d", "mon d"),
            )
        ),
        t=tm(w),
        s=w.pick(
            ("asymptomatic, case closed", "admitted for obs, level 58, on NAC", "no answer x2, left VM")
        ),
    )
    n.fmt(
        "SPI: {s}, RN, CSPI ({u})   Case closed by {c}",
        s=w.name(spi, "DOCTOR", "full", "first_initial"),
        u=username4(w, spi),
        c=w.name(person4(w), "DOCTOR", "initials", "ini3"),
    )


@template("telephone", "dev4")
def phone_care_coordinator_outreach(w: World, n: Note) -> None:
    pt = person4(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 35)
    relation, fam = relative4(w, pt, years)
    cc = person4(w)
    _full, short = hospital4(w)
    n.add("Care Coordination Outreach -- post-discharge (Transitions of Care)\n")
    n.fmt(
        "Pt: {nm}   {a}   PCP: {pcp}   Plan: {pl} ID {id}\n",
        nm=w.name(pt, "PATIENT", "last_first", "full"),
        a=age4(w, years),
        pcp=w.name(person4(w), "DOCTOR", "LAST_fi", "full"),
        pl=w.pick(("Tufts Medicare Preferred", "WellSense", "Fallon NaviCare", "Medicare FFS")),
        id=Phi(
            f"{w.digits(1)}{w.letters(2)}{w.digits(1)}-{w.letters(2)}{w.digits(1)}-{w.letters(2)}{w.digits(2)}",
            "HEALTHPLAN",
        ),
    )
    n.fmt(
        "D/c'd {d} from {h} after {why}.\n",
        d=date4(w, day - dt.timedelta(days=w.num(1, 3)), *DEV4_SHORT_DATES),
        h=short4(w, short),
        why=w.pick(("COPD exacerbation", "CHF", "UTI/delirium", "fall with rib fx")),
    )
    t = clock3(w, 4, 30, 180)
    n.fmt(
        "Attempt #1 {d} {t}: called {ph}, no answer, VM full.\n",
        d=date4(w, day, "m/d", "m-d"),
        t=t[0],
        ph=phone4(w, ext=False),
    )
    n.fmt("Attempt #2 {t}: sent text via outreach platform:\n", t=t[1])
    n.fmt(
        '  > "Hi {nm}, this is {c} from Dr. {pcp}\'s office, please call us back at {ph}"\n',
        nm=w.name(pt, "PATIENT", "first"),
        c=w.name(cc, "DOCTOR", "first"),
        pcp=w.name(person4(w), "DOCTOR", "last"),
        ph=phone4(w, ext=False),
    )
    n.fmt(
        '  < reply {t}: "this is {rn} {rel}. {p} is sleeping, call after 3. eye dr on {d2} so not that '
        'day"\n',
        t=t[2],
        rn=w.name(fam, "PATIENT", "lower_first", "lower_full", role="relative"),
        rel=f"her {relation}" if pt.sex == "F" else f"his {relation}",
        p=w.name(pt, "PATIENT", "lower_first"),
        d2=date4(w, day + dt.timedelta(days=w.num(2, 9)), "mon d", "m/d"),
    )
    n.fmt(
        "Attempt #3 {t}: reached {rel} {nm}; pt on speaker with {l} interpreter (ID {i}). ",
        t=t[3],
        rel=relation,
        nm=w.rel(fam, "first", "full"),
        l=w.pick(("Portuguese", "Somali", "Vietnamese", "Polish", "ASL video")),
        i=Phi(w.digits(6), "IDNUM"),
    )
    n.add(
        w.pick(
            (
                "Meds reviewed against AVS: pt still taking old dose of Lasix 20 -- corrected to 40 mg. ",
                "Has not picked up Spiriva; copay $47, enrolled in assistance. ",
                "Scale at home, wt stable. Knows red flags. ",
            )
        )
    )
    n.fmt(
        "TCM visit booked {d} at 10:40 with {np}, NP. Ride via {r} booked (trip {tr}).\n",
        d=date4(w, day + dt.timedelta(days=w.num(3, 7)), "Mon dth", "m/d", "dth of Month"),
        np=w.name(person4(w), "DOCTOR", "full", "first_initial"),
        r=org4(w, "transit"),
        tr=Phi(w.digits(8), "IDNUM"),
    )
    n.fmt(
        "SDOH: food insecurity -- referred to {f}; {pr} church ({c}) delivers meals. "
        "Pt's e-mail for the portal: {e}.\n",
        f=Phi(f"{town4(w)[0]} Community Food Pantry", "ORGANIZATION"),
        pr=pt.possessive,
        c=org4(w, "church"),
        e=email4(w, pt),
    )
    n.fmt(
        "{c}, RN Care Coordinator  {ph}  -- logged by {u}",
        c=w.name(cc, "DOCTOR", "full", "first_mi_last_dotless"),
        ph=phone4(w, ext=True),
        u=username4(w, cc),
    )


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


def nick5(w: World, person: Person) -> Phi:
    """First 'Nick' Last, single quotes inside the span."""
    return Phi(f"{person.first} '{w.pick(NICKNAMES5)}' {person.last}", "PATIENT")


def town5(w: World) -> tuple[str, str]:
    if w.chance(0.7):
        return w.pick(DEV5_TOWNS)
    return w.fake.city(), w.pick(("VT", "NH", "CT", "NY", "PA", "OH"))


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


def pager5(w: World) -> Phi:
    return Phi(
        w.pick((f"#{w.digits(4)}", f"{w.digits(2)}-{w.digits(3)}", f"{w.digits(3)}-{w.digits(4)}")), "PHONE"
    )


def mrn5(w: World) -> Phi:
    text = w.pick(
        (f"E{w.digits(8)}", f"{w.digits(2)}-{w.digits(2)}-{w.digits(2)}", f"MR{w.digits(7)}-{w.digits(1)}")
    )
    return Phi(text, "MEDICALRECORD")


def csn5(w: World) -> Phi:
    return Phi(f"{w.pick(('3', '4', '5'))}{w.digits(9)}", "IDNUM")


def fin5(w: World) -> Phi:
    return Phi(w.pick((f"{w.digits(10)}", f"FIN-{w.digits(8)}", f"{w.digits(4)}.{w.digits(6)}")), "ACCOUNT")


def npi5(w: World) -> Phi:
    return Phi("1" + w.digits(9), "IDNUM")


def date5(w: World, day: dt.date, *formats: str) -> Phi:
    return w.date(day, *(formats or DEV5_FULL_DATES))


def age5(w: World, years: int, sex: str) -> list[Piece]:
    """An age in dev5 layouts ("92 yr old", "92-year old", "92yoF", "Age: 92", "92 years"); only the number
    is a span, and only over 89."""
    layout = w.pick(("{a} yr old", "{a}-year old", "{a}yo" + sex, "Age: {a}", "{a} years", "{a} y/o " + sex))
    head, tail = layout.split("{a}")
    return [head, age(years), tail]


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


def hosp5(w: World, text: str) -> list[Piece]:
    """A hospital short form in running text: "the Clinic" and "the U" keep "the" outside the span."""
    if text.startswith("the "):
        return ["the ", Phi(text[4:], "HOSPITAL")]
    return [Phi(text, "HOSPITAL")]


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


def prof5(w: World) -> tuple[str, Phi]:
    """(article, PROFESSION span) for prose: "a" / "an" stays outside the span."""
    job = w.pick(DEV5_PROFESSIONS)
    return an(job), Phi(job, "PROFESSION")


def host5(org: str) -> str:
    return "".join(ch for ch in org.lower() if ch.isascii() and ch.isalnum())[:14]


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


# -- dev5 / nursing: an all-caps L&D delivery record, and a mixed-case outpatient infusion visit -------


@template("nursing", "dev5")
def nursing_ld_delivery(w: World, n: Note) -> None:
    n.upper = True
    mom = person5(w, "F")
    day = w.day(2017, 2025)
    _full, short = hospital5(w)
    t = times(w, 4, 0, 23)
    n.fmt("L&D RN DELIVERY RECORD / {h} BIRTHING CENTER, LDR {r}\n", h=hosp5(w, short), r=w.num(1, 14))
    gravida = w.num(1, 6)
    n.fmt(
        "PT {nm}  MRN {m}  CSN {c}  AGE {a}  G{g}P{p}  EDD {e}\n",
        nm=w.name(mom, "PATIENT", "LAST_First", "LAST FIRST", "last_first_m"),
        m=mrn5(w),
        c=csn5(w),
        a=w.num(17, 44),
        g=gravida,
        p=w.num(0, gravida - 1),
        e=date5(w, day + dt.timedelta(days=w.num(-10, 14)), "m/d/yyyy", "dd.Mon.yyyy", "Mon-dd-yy"),
    )
    n.fmt(
        "PNC AT {pr}; RECORDS FAXED FROM {fx} ON {d}. GBS {gbs}. BLOOD TYPE {bt}.\n",
        pr=Phi(practice5(w, "OB-GYN"), "HOSPITAL"),
        fx=phone5(w, "FAX"),
        d=date5(w, day - dt.timedelta(days=w.num(20, 60)), *DEV5_SHORT_DATES),
        gbs=w.pick(("NEG", "POS - PCN X2 DOSES PRIOR TO DELIVERY", "UNK - AMPICILLIN STARTED")),
        bt=w.pick(("O POS", "A NEG - RHOGAM CANDIDATE", "B POS", "AB POS")),
    )
    fob = person5(w, "M", mom.last if w.chance(0.4) else None)
    doula = person5(w, "F")
    n.fmt(
        "SUPPORT: FOB {f} ({j} AT {o}) AND DOULA {d} AT BEDSIDE. ",
        f=w.name(fob, "PATIENT", "full", "first"),
        j=Phi(w.pick(DEV5_PROFESSIONS), "PROFESSION"),
        o=org5(w),
        d=w.name(doula, "PATIENT", "full", "first"),
    )
    relation, fam = relative5(w, mom, 30)
    n.fmt(
        "PT'S {rel} {nm} IN FAMILY LOUNGE, ASKS NOT TO BE GIVEN UPDATES.\n",
        rel=relation,
        nm=w.rel(fam, "full", "first"),
    )
    n.fmt(
        "EPIDURAL PLACED {a} BY {c}, CRNA. SVE 10/100/+2 AT {b}. PUSHING X {pm} MIN.\n",
        a=t[0],
        c=w.name(person5(w), "DOCTOR", "f_m_last", "initial_last", "full"),
        b=t[1],
        pm=w.num(12, 140),
    )
    sex = w.pick(("MALE", "FEMALE"))
    n.fmt(
        "NSVD OF VIABLE {s} AT {c} ON {d} BY DR {ob}. NUCHAL CORD X1 REDUCED. APGARS {a1}/{a2}. "
        "WT {g} G. 2ND DEGREE LAC REPAIRED W/ 3-0 VICRYL. EBL {ebl} ML, FUNDUS FIRM U/-1.\n",
        s=sex,
        c=t[2],
        d=date5(w, day, "m/d/yyyy", "mmddyyyy", "m/d"),
        ob=w.name(person5(w), "DOCTOR", "last", "LAST"),
        a1=w.num(6, 9),
        a2=w.num(8, 9),
        g=w.num(2450, 4420),
        ebl=w.num(150, 900),
    )
    n.fmt(
        "NEWBORN ID BAND {b}, BABY {sx} {ln}. CORD BLOOD BANK KIT {k} SENT VIA {cr}. "
        "PEDS: {p} NOTIFIED, TO FOLLOW AT {pp}.\n",
        b=Phi(w.digits(6), "IDNUM"),
        sx="BOY" if sex == "MALE" else "GIRL",
        ln=Phi(w.pick((mom.last, fob.last)), "PATIENT"),
        k=Phi(f"{w.letters(2)}{w.digits(7)}", "IDNUM"),
        cr=w.pick(("FEDEX", "COURIER")),
        p=w.name(person5(w), "DOCTOR", "full", "f_m_last"),
        pp=Phi(practice5(w, "Pediatrics"), "HOSPITAL"),
    )
    n.fmt(
        "SKIN TO SKIN, LATCHED AT {t}. TRANSFER TO MOTHER-BABY 4 WEST RM 418 AT {u}.\n",
        t=tm(w),
        u=t[3],
    )
    rn = person5(w, "F")
    n.fmt(
        "RN {r}  VOCERA/EXT {x}   2ND RN {s}",
        r=w.name(rn, "DOCTOR", "full", "initials", "LAST_First"),
        x=pager5(w),
        s=w.name(person5(w), "DOCTOR", "ini2", "first_initial"),
    )


@template("nursing", "dev5")
def nursing_infusion_visit(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.2, 30)
    full, _short = hospital5(w)
    n.fmt(
        "Outpatient Infusion Nursing Note — {h}, Infusion Suite, Chair {c}\n",
        h=Phi(full, "HOSPITAL"),
        c=w.num(1, 30),
    )
    n.fmt("Date of service: {d}   Arrived {t}\n", d=date5(w, day), t=tm(w, 7, 15))
    n.add("Patient: ")
    n.add(nick5(w, pt) if w.chance(0.35) else w.name(pt, "PATIENT", "full", "last_first_m", "f_m_last"))
    n.fmt("  {a}  MRN {m}\n", a=age5(w, years, pt.sex), m=mrn5(w))
    drug, dose = w.pick(
        (
            ("infliximab (Remicade)", "5 mg/kg"),
            ("ocrelizumab (Ocrevus)", "600 mg"),
            ("iron sucrose (Venofer)", "200 mg"),
            ("vedolizumab (Entyvio)", "300 mg"),
            ("zoledronic acid (Reclast)", "5 mg"),
        )
    )
    n.fmt("Infusion #{k}: {dr} {ds} IV, ordered by ", k=w.num(2, 19), dr=drug, ds=dose)
    n.add(
        w.name(person5(w), "DOCTOR", "full", "last_first_m"),
        " (",
        Phi(practice5(w, w.pick(("Rheumatology", "Gastroenterology", "Neurology"))), "HOSPITAL"),
        ").\n",
    )
    relation, fam = relative5(w, pt, years)
    n.fmt(
        "Accompanied by {rel} {nm}, who drove {pr} from {c}. ",
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        pr="him" if pt.sex == "M" else "her",
        c=Phi(town5(w)[0], "CITY"),
    )
    n.fmt(
        "Pt reports URI sx resolved since last visit on {d}; no fevers, no new meds.\n",
        d=date5(w, day - dt.timedelta(days=w.num(28, 60)), *DEV5_SHORT_DATES),
    )
    t = times(w, 4, 8, 17)
    n.fmt("Pre: {v}. Wt {wt} kg.\n", v=vitals(w, compact=False), wt=w.num(44, 131))
    n.fmt(
        "Access: {a}. Premeds at {t0}: acetaminophen 650 mg PO, diphenhydramine 25 mg IV.\n",
        a=w.pick(
            (
                'R chest port accessed w/ 20G 3/4" Huber, + blood return, flushes easily',
                "PIV 22G L forearm, 1st attempt, vein finder used",
                "R arm PICC, dressing changed, CHG disc, + blood return",
            )
        ),
        t0=t[0],
    )
    n.fmt(
        "Drug lot {l}, exp {x}; pump Alaris 8100 S/N {s}. Started {t1} at titration step 1; "
        "tolerated, final rate at {t2}. Completed {t3}; observed 30 min, VSS.\n",
        l=Phi(f"{w.letters(1)}{w.digits(4)}{w.letters(2)}", "IDNUM"),
        x=w.pick(("03/2027", "11/2026", "08/2026")),
        s=serial(w),
        t1=t[1],
        t2=t[2],
        t3=t[3],
    )
    if w.chance(0.5):
        art, job = prof5(w)
        n.fmt(
            "Pt is {art} {j} at {o}; asked for a work note for today, printed.\n",
            art=art,
            j=job,
            o=org5(w),
        )
    else:
        n.fmt(
            "Home infusion of IV abx next month will be set up through {p} ({ph}).\n",
            p=pharmacy5(w),
            ph=phone5(w),
        )
    doc = person5(w)
    n.fmt(
        "Mild flushing at rate step 3 — paused 15 min, resumed at half rate. Spoke with {d}, NP, "
        "at {ph}: ok to finish at reduced rate.\n",
        d=w.name(doc, "DOCTOR", "first", "full"),
        ph=phone5(w),
    )
    n.fmt(
        "Next infusion scheduled {d} (8 wk). Prior auth on file thru {e}.\n",
        d=date5(w, day + dt.timedelta(days=56), "Wkd, Month d, yyyy", "m/d/yyyy", "Mon d, 'yy"),
        e=date5(w, day + dt.timedelta(days=w.num(90, 300)), "m/d/yy", "Month, yyyy"),
    )
    rn = person5(w, "F" if w.chance(0.8) else "M")
    n.fmt(
        "{nm}, RN, OCN — electronically signed {d}T{c}\nLast edited by {u}",
        nm=w.name(rn, "DOCTOR", "full", "first_m_last"),
        d=Phi(day.isoformat(), "DATE"),
        c=f"{w.num(12, 18)}:{w.num(0, 59):02d}",
        u=username5(w, rn),
    )


# -- dev5 / discharge: a hospital-medicine admission H&P, and care-conference minutes ----------------


@template("discharge", "dev5")
def discharge_hm_admission_hp(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.35, 55)
    _full, short = hospital5(w)
    outside_full, _ = hospital5(w)
    n.add("HOSPITAL MEDICINE ADMISSION HISTORY & PHYSICAL\n")
    n.fmt(
        "Patient: {nm}   MRN: {m}   FIN: {f}\nAdmit: {d}   Team: Hospitalist {team}   Attending: {a}\n",
        nm=w.name(pt, "PATIENT", "last_first_m", "LAST_First", "full"),
        m=mrn5(w),
        f=fin5(w),
        d=date5(w, day),
        team=w.pick(("A", "B", "4", "Gold", "Blue")),
        a=w.name(person5(w), "DOCTOR", "full", "f_m_last"),
    )
    pcp = person5(w)
    n.fmt("PCP: Dr. {p}, {pr}\n", p=w.name(pcp, "DOCTOR", "last", "full"), pr=Phi(practice5(w), "HOSPITAL"))
    n.fmt("Source: transfer from {o} ED\n\n", o=Phi(outside_full, "HOSPITAL"))
    relation, fam = relative5(w, pt, years)
    cc = w.pick(("weakness and falls", "dyspnea", "confusion", "melena"))
    n.add("CC: ", cc, "\n\nHPI: ")
    n.add(pt.title, " ", Phi(pt.last, "PATIENT"), " is ")
    n.add("a ", age(years), w.pick(("-year-old", " year old", " yo")), " with ")
    n.add(
        w.pick(
            (
                "HFrEF (EF 30%), CKD 3b and AF on apixaban",
                "COPD on 2L home O2 and T2DM",
                "Parkinson's disease and prior CVA",
                "cirrhosis (MELD 18) and varices",
            )
        )
    )
    n.fmt(
        " who presents with {cc} for 3 days. History is obtained from the patient and {pos} {rel} ",
        cc=cc,
        pos=pt.possessive,
        rel=relation,
    )
    n.fmt("{nm}, who reached us by phone at {ph}. ", nm=w.rel(fam, "full", "first"), ph=phone5(w))
    n.fmt(
        "{f}'s {rel} noticed {pr} was not {refl} after the {d}, when a new med was started by ",
        f=Phi(pt.first, "PATIENT"),
        rel=relation,
        pr=pt.pronoun,
        refl="himself" if pt.sex == "M" else "herself",
        d=Phi(ordinal((day - dt.timedelta(days=w.num(3, 9))).day), "DATE"),
    )
    n.fmt(
        "{doc}'s office. At the outside ED: {l}. CT head negative.\n\n",
        doc=Phi(pcp.last, "DOCTOR"),
        l=labs(w),
    )
    n.fmt(
        "PMH: s/p CABG {y}; {pmh}\nSocial: lives in {c} with {pr2} {rel}; retired {j} ({o}). ",
        y=year(w.num(1998, 2016)),
        pmh=", ".join(w.some(PMH, 2, 4)),
        c=Phi(town5(w)[0], "CITY"),
        pr2=pt.possessive,
        rel=relation,
        j=Phi(w.pick(DEV5_PROFESSIONS), "PROFESSION"),
        o=org5(w),
    )
    if w.chance(0.5):
        n.fmt(
            "Originally from {c}; speaks English and {l}. ",
            c=Phi(w.pick(DEV5_COUNTRIES), "COUNTRY"),
            l=w.pick(("Twi", "Polish", "K'iche'", "Nepali", "Tigrinya")),
        )
    n.fmt(
        "Last admitted early {d} for the same. Former smoker, quit {y}.\n",
        d=date5(w, day - dt.timedelta(days=w.num(200, 900)), "m/yyyy", "Month, yyyy"),
        y=year(w.num(1985, 2015)),
    )
    n.add("Meds (per ", pharmacy5(w), " fill hx):\n", meds_block(w, 3, 6, numbered=False), "\n")
    n.add("Exam: ", vitals(w), "\n", exam(w), "\n\n")
    n.fmt(
        "A/P: {cc}, likely multifactorial. Hold sedating meds, PT/OT, delirium precautions. "
        "Records requested from {s}.\nCode status: Full code, confirmed with pt. HCP: {hcp}, {ph}.\n",
        cc=cc.capitalize(),
        s=hosp5(w, short),
        hcp=w.rel(fam, "full"),
        ph=phone5(w),
    )
    me = person5(w)
    n.fmt(
        "Discussed with night float Dr. {nf} (pgr {p}).\n{me}, MD, Hospital Medicine — {d} {t}",
        nf=w.name(person5(w), "DOCTOR", "last"),
        p=pager5(w),
        me=w.name(me, "DOCTOR", "full", "first_m_last"),
        d=date5(w, day, "m/d/yyyy", "Mon-dd-yy"),
        t=tm(w),
    )


@template("discharge", "dev5")
def discharge_care_conference(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.45, 66)
    unit = snf5(w)
    n.fmt("Interdisciplinary Care Conference — {u}\n", u=Phi(unit, "HOSPITAL"))
    n.fmt(
        "Held: {d}, 1400, in the 2nd-floor conference room and by phone\n",
        d=date5(w, day, "Wkd, Month d, yyyy", "dd.Mon.yyyy", "m/d/yyyy"),
    )
    n.add("Resident: ", w.name(pt, "PATIENT", "full", "last_first_m", "LAST_First"), ", ")
    n.add(age5(w, years, pt.sex) if years > 89 else f"{years} y/o", f", Rm {w.num(100, 340)}-{w.pick('AB')}")
    if w.chance(0.4):
        n.add(' (prefers "', Phi(w.pick(NICKNAMES5), "PATIENT"), '")')
    n.add(". ")
    n.fmt(
        "Admitted {d} from {h} after {why}.\n",
        d=date5(w, day - dt.timedelta(days=w.num(9, 40)), *DEV5_SHORT_DATES),
        h=Phi(hospital5(w)[0], "HOSPITAL"),
        why=w.pick(("L hip ORIF", "a CHF admission", "sepsis from a UTI", "a L MCA stroke")),
    )
    r1, f1 = relative5(w, pt, years)
    staff = [
        (person5(w), role)
        for role in w.some(("MDS coordinator", "PT", "OT", "SLP", "dietitian", "charge RN"), 3, 5)
    ]
    n.add("Attendees: ")
    for p, role in staff:
        n.add(w.name(p, "DOCTOR", "full", "first_initial", "f_m_last"), f" ({role})", "; ")
    sw = person5(w)
    n.add(w.name(sw, "DOCTOR", "full"), " (social work); ")
    n.fmt("{rel} {nm} (by phone, {ph})\n", rel=r1, nm=w.rel(f1, "full"), ph=phone5(w))
    n.fmt(
        "Therapy: ambulates {ft} ft with RW and CGA; GG self-care 3/6 -> 4/6; BIMS {b}/15. "
        "Diet: mech soft, thin liquids; wt stable.\n",
        ft=w.num(20, 250),
        b=w.num(6, 15),
    )
    n.fmt(
        "Skilled days: Medicare day {k} of 100; secondary {pl} ID {m}.\n",
        k=w.num(8, 40),
        pl=w.pick(("Tufts Medicare Preferred", "AARP Medicare Supplement", "Medicaid")),
        m=Phi(f"{w.letters(1)}{w.digits(8)}", "HEALTHPLAN"),
    )
    r2, f2 = relative5(w, pt, years)
    n.fmt(
        "Family concerns: {nm} asked whether {pr} can return to the apartment in {c}; {rel2} {nm2} ",
        nm=w.rel(f1, "first"),
        pr=pt.pronoun,
        c=Phi(town5(w)[0], "CITY"),
        rel2=r2,
        nm2=w.rel(f2, "full", "first"),
    )
    art, job = prof5(w)
    n.fmt(
        "works nights as {art} {j} and cannot provide 24h care. {sw} reviewed options: home with "
        "{a} and a private aide, or long-term care at {lt}.\n",
        art=art,
        j=job,
        sw=w.name(sw, "DOCTOR", "first"),
        a=org5(w, "homecare"),
        lt=Phi(snf5(w), "HOSPITAL"),
    )
    n.fmt(
        "Plan: target discharge {d}; home safety eval {e}; PCP {pcp} to be faxed summary at {fx}.\n",
        d=date5(w, day + dt.timedelta(days=w.num(5, 20)), *DEV5_SHORT_DATES),
        e=w.pick(("next week", "before d/c")),
        pcp=w.name(person5(w), "DOCTOR", "full", "f_m_last"),
        fx=phone5(w, "FAX"),
    )
    n.fmt(
        "Next conference {d}. Minutes e-mailed to {e} at family request.\n",
        d=date5(w, day + dt.timedelta(days=14), *DEV5_SHORT_DATES),
        e=email5(w, f1),
    )
    n.fmt(
        "Recorded by {nm}, MSW, LICSW  ({u})",
        nm=w.name(sw, "DOCTOR", "full", "first_m_last"),
        u=username5(w, sw),
    )


# -- dev5 / ed: a code-stroke timeline, and a fast-track laceration repair -------------------------------


@template("ed", "dev5")
def ed_stroke_code_log(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.35, 50)
    full, _short = hospital5(w)
    hub_full, hub_short = hospital5(w)
    t = clock3(w, 8, 3, 16)
    n.fmt("ED CODE STROKE DOCUMENTATION — {h}\n", h=Phi(full, "HOSPITAL"))
    n.fmt(
        "Pt {nm}   {a}   MRN {m}   FIN {f}\n",
        nm=w.name(pt, "PATIENT", "LAST_First", "full", "last_first"),
        a=age5(w, years, pt.sex),
        m=mrn5(w),
        f=fin5(w),
    )
    relation, fam = relative5(w, pt, years)
    n.fmt(
        "LKW {d} {lk} per {rel} {nm}, who found {pr} slumped at the kitchen table at ",
        d=date5(w, day, "m/d/yyyy", "mmddyyyy", "yyyy-Mon-dd"),
        lk=t[0],
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        pr="him" if pt.sex == "M" else "her",
    )
    n.add(address5(w), ". ")
    n.fmt("BIBA {a} (run {r}).\n", a=org5(w, "ambulance"), r=Phi(f"{w.digits(2)}-{w.digits(5)}", "IDNUM"))
    n.fmt("{t} Door. Pre-notification received, team at bedside.\n", t=t[1])
    n.fmt(
        "{t} NIHSS {s} (R face/arm/leg, aphasia). FSBG {g}. BP {bp}.\n",
        t=t[2],
        s=w.num(4, 22),
        g=w.num(90, 240),
        bp=f"{w.num(150, 210)}/{w.num(80, 110)}",
    )
    n.fmt("{t} CT head: no bleed, ASPECTS {a}. CTA: L M1 occlusion.\n", t=t[3], a=w.num(6, 10))
    tele = person5(w)
    n.fmt(
        "{t} Telestroke consult Dr. {d} ({h}); recommends TNK.\n",
        t=t[4],
        d=w.name(tele, "DOCTOR", "last", "full"),
        h=hosp5(w, hub_short),
    )
    n.fmt(
        "{t} Tenecteplase 25 mg IV push, lot {l}; 2-person weight/dose check with {rn}.\n",
        t=t[5],
        l=Phi(f"{w.digits(6)}{w.letters(1)}", "IDNUM"),
        rn=w.name(person5(w), "DOCTOR", "full", "first_initial"),
    )
    n.fmt(
        "{t} Accepted for thrombectomy by Dr. {a} at {h}; transfer line {ph}. ",
        t=t[6],
        a=w.name(person5(w), "DOCTOR", "full", "last"),
        h=Phi(hub_full, "HOSPITAL"),
        ph=phone5(w),
    )
    n.fmt("Flight declined (weather); ground ALS by {a}.\n", a=org5(w, "ambulance"))
    n.fmt("{t} Departed. Door-in-door-out {dd} min.\n", t=t[7], dd=w.num(48, 130))
    n.fmt(
        "Family: {nm} following by car, cell {ph}. Pt's dog left with neighbor {nb}.\n",
        nm=w.rel(fam, "first", "full"),
        ph=phone5(w, ext=False),
        nb=w.name(person5(w), "PATIENT", "full", "first"),
    )
    doc = person5(w)
    scribe = person5(w)
    n.fmt(
        "ED attending: {d}. Scribed by {s} ({u}) in the presence of the attending.",
        d=w.name(doc, "DOCTOR", "full", "f_m_last"),
        s=w.name(scribe, "DOCTOR", "full", "first_initial"),
        u=username5(w, scribe),
    )


@template("ed", "dev5")
def ed_fast_track_lac(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.num(19, 64)
    _full, short = hospital5(w)
    n.fmt("{h} Emergency Dept — FAST TRACK PA NOTE\n", h=hosp5(w, short))
    n.fmt(
        "{nm}  DOB {dob}  MRN {m}  Visit {d}\n",
        nm=w.name(pt, "PATIENT", "full", "last_first_m", "LAST_First"),
        dob=date5(w, w.dob(day, years), "m/d/yyyy", "mmddyyyy"),
        m=mrn5(w),
        d=date5(w, day, "m/d/yy", "Mon d, 'yy", "dd.Mon.yyyy"),
    )
    employer = org5(w)
    n.fmt(
        "HPI: {y} yo {s} RHD {j} at {o} who cut {pr} L palm on a box cutter at work at {t} today. ",
        y=years,
        s="M" if pt.sex == "M" else "F",
        j=Phi(w.pick(DEV5_PROFESSIONS), "PROFESSION"),
        o=employer,
        pr=pt.possessive,
        t=tm(w, 6, 20),
    )
    n.fmt(
        "Supervisor {sv} drove {pr2} in. Workers' comp claim {c}; employer contact {ph}.\n",
        sv=w.name(person5(w), "PATIENT", "full", "first"),
        pr2="him" if pt.sex == "M" else "her",
        c=Phi(f"WC-{w.digits(2)}-{w.digits(6)}", "IDNUM"),
        ph=phone5(w),
    )
    n.add(
        "Exam: 3.5 cm linear lac thenar eminence, clean edges, no FB on XR. FDS/FDP intact, "
        "sensation intact median/ulnar distributions, Allen test normal, cap refill <2 s.\n"
    )
    n.fmt(
        "Procedure: lac repair, simple, 3.5 cm. Consent verbal. Lido 1% w/o epi 4 mL. Irrigated 250 mL "
        "NS. 4-0 Ethilon x {k} simple interrupted. Bacitracin, dressing. EBL minimal.\n",
        k=w.num(4, 8),
    )
    n.fmt(
        "Tdap given ({dt}): last tetanus unknown. Lot {l}.\n",
        dt=tm(w, 8, 22),
        l=Phi(f"{w.letters(1)}{w.digits(3)}{w.letters(2)}", "IDNUM"),
    )
    n.fmt(
        "Dispo: home. Suture removal in 10-14 days (~{d}) at {uc} or with PCP {p}. Work note: no use "
        "of L hand until {e}, then light duty.\n",
        d=date5(w, day + dt.timedelta(days=w.num(10, 14)), *DEV5_SHORT_DATES),
        uc=Phi(
            w.pick((f"{w.place_word()} ExpressCare", f"{town5(w)[0]} Urgent Care & Occupational Health")),
            "HOSPITAL",
        ),
        p=w.name(person5(w), "DOCTOR", "full", "f_m_last"),
        e=date5(w, day + dt.timedelta(days=w.num(3, 7)), *DEV5_SHORT_DATES),
    )
    n.fmt(
        "Return for redness, streaking, fever. Copy of note released to employer's WC carrier, {ins}, "
        "fax {fx}.\n",
        ins=w.pick(("the Hartford", "AmTrust", "Berkshire Hathaway GUARD")),
        fx=phone5(w, "FAX"),
    )
    pa = person5(w)
    n.fmt(
        "{pa}, PA-C. Supervising physician: Dr. {md}, available, did not see pt.",
        pa=w.name(pa, "DOCTOR", "full", "initial_last", "first_m_last"),
        md=w.name(person5(w), "DOCTOR", "last", "full"),
    )


# -- dev5 / radiology: an FDG PET/CT, and a diagnostic polysomnogram ----------------------------------


@template("radiology", "dev5")
def rad_pet_ct(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.2, 25)
    full, _short = hospital5(w)
    n.fmt("{h} — Nuclear Medicine / PET\n", h=Phi(full, "HOSPITAL"))
    n.fmt(
        "EXAM: PET/CT SKULL BASE TO MID-THIGH   ACC# {a}   DATE: {d}\n",
        a=Phi(f"PT{w.digits(2)}-{w.digits(6)}", "IDNUM"),
        d=date5(w, day),
    )
    n.fmt(
        "PATIENT: {nm}   MRN: {m}   DOB: {dob}\n",
        nm=w.name(pt, "PATIENT", "LAST_First", "last_first_m"),
        m=mrn5(w),
        dob=date5(w, w.dob(day, years)),
    )
    n.fmt(
        "REFERRING: {r}, {p}\n",
        r=w.name(person5(w), "DOCTOR", "full", "f_m_last"),
        p=Phi(practice5(w, "Hematology-Oncology"), "HOSPITAL"),
    )
    dx = w.pick(
        (
            ("DLBCL, interim restaging after C3 R-CHOP", "Deauville 3"),
            ("Hodgkin lymphoma, end of treatment", "Deauville 2"),
            ("RUL nodule 1.9 cm, staging", "SUVmax 7.4"),
            ("melanoma, surveillance", "no FDG-avid disease"),
        )
    )
    n.add("INDICATION: ", dx[0], ".\n")
    n.fmt(
        "TECHNIQUE: {mci} mCi F-18 FDG IV (batch {b}), uptake 60 min, glucose {g} mg/dL. Scanner "
        "Biograph Vision S/N {s}. Low-dose CT for attenuation correction and localization.\n",
        mci=f"{w.num(8, 14)}.{w.num(0, 9)}",
        b=Phi(f"FDG{w.digits(6)}", "IDNUM"),
        g=w.num(78, 180),
        s=serial(w),
    )
    n.fmt(
        "COMPARISON: PET/CT from {o} dated {d} (images imported, report reviewed); CT {y}.\n",
        o=Phi(hospital5(w)[0], "HOSPITAL"),
        d=date5(w, day - dt.timedelta(days=w.num(60, 200)), "m/d/yyyy", "yyyy-Mon-dd", "Month, yyyy"),
        y=year(day.year - w.num(1, 4)),
    )
    n.fmt(
        "FINDINGS: Mediastinal blood pool SUVmax {b}, liver {lv}. {f} No new FDG-avid lesion. "
        "Physiologic activity in brain, myocardium, bowel and urinary tract.\n",
        b=f"{w.num(1, 2)}.{w.num(0, 9)}",
        lv=f"{w.num(2, 3)}.{w.num(0, 9)}",
        f=w.pick(
            (
                "Residual L cervical level IV node 1.1 cm, SUVmax 2.4 (previously 11.8).",
                "Bulky mediastinal mass now 3.2 x 2.0 cm, SUVmax 2.1.",
                "Spiculated RUL nodule SUVmax 7.4; R hilar node SUVmax 4.0.",
            )
        ),
    )
    n.fmt("IMPRESSION: {i}, Lugano criteria.\n", i=dx[1])
    n.fmt(
        "Preliminary result discussed with {d} by phone at {t} on {dd}.\n",
        d=w.name(person5(w), "DOCTOR", "full", "f_m_last"),
        t=tm(w, 8, 18),
        dd=date5(w, day, "m/d", "dd Mon", "Wkd m/d"),
    )
    rd = person5(w)
    n.fmt(
        "Interpreted by {r}, MD (Nuclear Radiology); resident {rs}. Signed {d} {t}.",
        r=w.name(rd, "DOCTOR", "full", "first_m_last"),
        rs=w.name(person5(w), "DOCTOR", "initial_last", "full"),
        d=date5(w, day, "m/d/yyyy", "dd.Mon.yyyy"),
        t=tm(w, 9, 20),
    )


@template("radiology", "dev5")
def rad_sleep_study(w: World, n: Note) -> None:
    pt = person5(w)
    night = w.day(2017, 2025)
    years = w.age(0.12, 24)
    center = (
        f"{town5(w)[0]} Sleep Center" if w.chance(0.5) else f"Center for Sleep Medicine at {hospital5(w)[0]}"
    )
    n.fmt("{c}\n", c=Phi(center, "HOSPITAL"))
    n.add(address5(w), "  Tel ", phone5(w, ext=False), "  Fax ", phone5(w, "FAX"), "\n")
    n.add("DIAGNOSTIC POLYSOMNOGRAPHY REPORT (Type I, attended)\n")
    n.fmt(
        "Patient: {nm}   DOB {dob}   Study #: {s}\nStudy night: {d1}-{d2}\n",
        nm=w.name(pt, "PATIENT", "full", "last_first_m"),
        dob=date5(w, w.dob(night, years), "m/d/yyyy", "mmddyyyy"),
        s=Phi(f"PSG-{w.digits(2)}-{w.digits(4)}", "IDNUM"),
        d1=date5(w, night, "m/d", "Mon d"),
        d2=date5(w, night + dt.timedelta(days=1), "m/d/yyyy", "Mon d, 'yy"),
    )
    relation, fam = relative5(w, pt, 50)
    n.fmt(
        "Referred by {d} for loud snoring and witnessed apneas (per {pos} {rel} {nm}). ",
        d=w.name(person5(w), "DOCTOR", "full", "f_m_last"),
        pos=pt.possessive,
        rel=relation,
        nm=w.rel(fam, "first", "full"),
    )
    art, job = prof5(w)
    n.fmt(
        "Pt is {art} {j} {x}. ESS {e}/24, BMI {b}, neck {nk} in.\n",
        art=art,
        j=job,
        x=w.pick(("with a CDL; DOT recertification pending", "on rotating shifts", "working days")),
        e=w.num(6, 21),
        b=w.num(27, 52),
        nk=w.num(14, 19),
    )
    ahi = w.num(6, 68)
    n.fmt(
        "Lights out {a}, lights on {b}. TST {t} min, SE {se}%, sleep latency {sl} min, REM latency {rl} min. "
        "AHI {ahi}/h (supine {sa}/h), RDI {rdi}/h, ODI {odi}/h, SpO2 nadir {nd}%, T<88% {tt} min. "
        "PLMI {pl}/h. ECG: NSR, rare PVCs.\n",
        a=f"22:{w.num(10, 59)}",
        b=f"0{w.num(5, 6)}:{w.num(0, 59):02d}",
        t=w.num(280, 420),
        se=w.num(62, 94),
        sl=w.num(4, 40),
        rl=w.num(60, 180),
        ahi=ahi,
        sa=ahi + w.num(3, 20),
        rdi=ahi + w.num(1, 9),
        odi=max(1, ahi - w.num(0, 5)),
        nd=w.num(72, 89),
        tt=w.num(1, 80),
        pl=w.num(0, 30),
    )
    sev = "mild" if ahi < 15 else "moderate" if ahi < 30 else "severe"
    n.fmt(
        "IMPRESSION: {s} obstructive sleep apnea (AASM 3% rule). RECOMMEND: auto-CPAP 5-15 cm H2O via "
        "{dme}; mask fitting; follow-up in clinic in 6-8 wk with download. Drowsy-driving counseling. "
        "Results also available at {u}.\n",
        s=sev.capitalize(),
        dme=org5(w, "dme"),
        u=Phi(f"https://{host5(center)}.org/mychart", "URL"),
    )
    tech = person5(w)
    md = person5(w)
    n.fmt(
        "Scored by {t}, RPSGT. Interpreted by {m}, MD, Diplomate ABSM, NPI {npi}. {d}",
        t=w.name(tech, "DOCTOR", "full", "initials"),
        m=w.name(md, "DOCTOR", "full", "f_m_last"),
        npi=npi5(w),
        d=date5(w, night + dt.timedelta(days=w.num(2, 9)), "m/d/yyyy", "dd.Mon.yyyy"),
    )


# -- dev5 / pathology: endoscopic GI biopsies, and a medical examiner's investigator report -----------

GI5_PARTS = (
    (
        "Duodenum, random biopsies",
        "Duodenal mucosa with preserved villous architecture; no increase in IELs.",
    ),
    (
        "Gastric antrum and body",
        "Chronic active gastritis; H. pylori organisms identified (confirmed by IHC).",
    ),
    (
        "Distal esophagus, 36 cm (Prague C2M4)",
        "Columnar mucosa with goblet cells (Barrett's); negative for dysplasia.",
    ),
    ("Ascending colon polyp, cold snare", "Sessile serrated lesion without cytologic dysplasia."),
    ("Sigmoid colon polyp", "Tubular adenoma; margins not assessable."),
    ("Random colon biopsies", "Colonic mucosa without microscopic colitis; no granulomas."),
    ("Terminal ileum", "Mild active ileitis with a non-necrotizing granuloma; see comment (Crohn's?)."),
)


@template("pathology", "dev5")
def path_gi_biopsy(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.15, 30)
    lab_town = town5(w)[0]
    n.fmt("{l} — GI Pathology\n", l=Phi(f"{lab_town} Pathology Associates", "HOSPITAL"))
    n.fmt("Accession: {a}     Received: {r}     Reported: {p}\n",
          a=Phi(f"GI{day.year % 100:02d}-{w.digits(5)}", "IDNUM"),
          r=date5(w, day, "m/d/yyyy", "dd.Mon.yyyy", "mmddyyyy"),
          p=date5(w, day + dt.timedelta(days=w.num(1, 4)), "m/d/yyyy", "dd.Mon.yyyy"))  # fmt: skip
    n.fmt(
        "Patient: {nm}  ({a}{s})   MRN {m}\n",
        nm=w.name(pt, "PATIENT", "LAST_First", "last_first_m", "full"),
        a=[age(years)] if years > 89 else str(years),
        s=pt.sex,
        m=mrn5(w),
    )
    endo = person5(w)
    n.fmt(
        "Endoscopist: {e}   Procedure: {pr} at {c}\n",
        e=w.name(endo, "DOCTOR", "full", "f_m_last", "last_first"),
        pr=w.pick(("EGD", "Colonoscopy", "EGD and colonoscopy")),
        c=Phi(
            w.pick((f"{w.place_word()} Endoscopy Center", f"{town5(w)[0]} Digestive Health, LLC")), "HOSPITAL"
        ),
    )
    n.add(
        "Clinical: ",
        w.pick(("dyspepsia, IDA", "GERD, screening for Barrett's", "chronic diarrhea", "positive FIT")),
        "\n\n",
    )
    n.add("FINAL DIAGNOSIS:\n")
    for i, (site, dx) in enumerate(w.some(GI5_PARTS, 2, 4)):
        n.add(f"{'ABCD'[i]}. {site}:\n   {dx}\n")
    n.fmt(
        "\nCOMMENT: H. pylori IHC performed with appropriate controls. Updated Sydney system used. "
        "Result called to {rn}, RN, in Dr. {e}'s office on {d} at {t}.\n",
        rn=w.name(person5(w), "DOCTOR", "full", "first"),
        e=Phi(endo.last, "DOCTOR"),
        d=date5(w, day + dt.timedelta(days=w.num(1, 4)), *DEV5_SHORT_DATES),
        t=tm(w, 9, 17),
    )
    n.fmt(
        "GROSS: {k} containers labeled with the patient's name and DOB ({dob}), formalin-fixed tan mucosal "
        "fragments, entirely submitted. Gross by {g}.\n",
        k=w.num(2, 4),
        dob=date5(w, w.dob(day, years), "m/d/yyyy", "mmddyyyy"),
        g=w.name(person5(w), "DOCTOR", "ini2", "initials"),
    )
    path = person5(w)
    n.fmt(
        "Electronically signed out by {p}, MD, on {d}.\n",
        p=w.name(path, "DOCTOR", "full", "first_m_last"),
        d=date5(w, day + dt.timedelta(days=w.num(1, 4)), "Mon-dd-yy", "m/d/yyyy"),
    )
    n.add(
        "Lab: ",
        address5(w),
        "  CLIA ",
        Phi(f"{w.digits(2)}D{w.digits(7)}", "IDNUM"),
        "  Client svc ",
        phone5(w),
    )


@template("pathology", "dev5")
def path_me_investigation(w: World, n: Note) -> None:
    dec = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.5, 45)
    state = w.pick(("Vermont", "New Hampshire", "Maine", "Connecticut"))
    n.fmt("OFFICE OF THE CHIEF MEDICAL EXAMINER, STATE OF {s}\n", s=Phi(state.upper(), "STATE"))
    n.fmt(
        "MEDICOLEGAL DEATH INVESTIGATOR REPORT   Case {c}\n",
        c=Phi(f"ME{day.year % 100:02d}-{w.digits(4)}", "IDNUM"),
    )
    n.fmt(
        "Decedent: {nm}   {a}   DOB {dob}   SSN (last 4) {ss}\n",
        nm=w.name(dec, "PATIENT", "LAST_First", "last_first_m"),
        a=age5(w, years, dec.sex),
        dob=date5(w, w.dob(day, years)),
        ss=Phi(w.digits(4), "SSN"),
    )
    n.fmt(
        "Reported {d} at {t} by {o}, Officer {off} (badge {b}).\n",
        d=date5(w, day, "m/d/yyyy", "dd.Mon.yyyy", "yyyy-Mon-dd"),
        t=tm(w),
        o=org5(w, "police"),
        off=w.name(person5(w), "PATIENT", "full", "last"),
        b=Phi(w.digits(w.num(3, 4)), "IDNUM"),
    )
    nb = person5(w)
    n.add("Scene: private residence, ", address5(w), ". ")
    if w.chance(0.4):
        n.fmt("Open case with {a} (self-neglect). ", a=org5(w, "agency"))
    if w.chance(0.3):
        n.fmt("(Decedent walked daily near {l}.) ", l=Phi(w.pick(DEV5_LANDMARKS), "LOCATION-OTHER"))
    n.fmt(
        "Found supine on bedroom floor by neighbor {nb}, who had not seen {pr} since {wd} and let "
        "{pr} in with a spare key.\n",
        nb=w.name(nb, "PATIENT", "full", "first_m_last"),
        pr="him" if dec.sex == "M" else "her",
        wd=w.weekday(day - dt.timedelta(days=w.num(2, 4))),
    )
    n.fmt(
        "Pronounced at {t} by {p}, paramedic, {a}. Rigor full, livor fixed posterior. No trauma; "
        "doors locked; thermostat 64F.\n",
        t=tm(w),
        p=w.name(person5(w), "DOCTOR", "full", "initial_last"),
        a=org5(w, "ambulance"),
    )
    meds = w.some(
        ("metoprolol", "furosemide", "donepezil", "apixaban", "insulin glargine", "sertraline"), 2, 4
    )
    n.fmt(
        "Medications at scene: {m}, filled at {p} on {d}; pill counts consistent.\n",
        m=", ".join(meds),
        p=pharmacy5(w),
        d=date5(w, day - dt.timedelta(days=w.num(5, 25)), *DEV5_SHORT_DATES),
    )
    pcp = person5(w)
    n.fmt(
        "Hx per PCP Dr. {p} ({pr}, {ph}): CAD, CHF, DM2. Last seen {d}.\n",
        p=w.name(pcp, "DOCTOR", "last", "full"),
        pr=Phi(practice5(w), "HOSPITAL"),
        ph=phone5(w),
        d=date5(w, day - dt.timedelta(days=w.num(30, 200)), "m/yyyy", "Month, yyyy"),
    )
    relation, fam = relative5(w, dec, years)
    n.fmt(
        "ID: visual by {rel} {nm} at scene; {dl}. NOK notified {d}: {nm2}, {ph}.\n",
        rel=relation,
        nm=w.rel(fam, "full"),
        dl="photo ID on dresser",
        d=w.pick(("same day", "by phone")),
        nm2=w.rel(fam, "first"),
        ph=phone5(w, ext=False),
    )
    n.fmt(
        "Driver's license {l} ({s}) secured with effects.\n",
        l=Phi(f"{w.letters(1)}{w.digits(7)}", "LICENSE"),
        s=Phi(w.pick(("VT", "NH", "ME", "CT")), "STATE"),
    )
    n.fmt(
        "Disposition: jurisdiction {j}. Released to {f}. Death certificate to be signed by Dr. {p}.\n",
        j=w.pick(
            ("declined (natural death, attending physician willing to sign)", "accepted; external exam")
        ),
        f=org5(w, "funeral"),
        p=Phi(pcp.last, "DOCTOR"),
    )
    inv = person5(w)
    n.fmt(
        "Investigator: {i}, D-ABMDI   Reviewed: {m}, MD   Entered by {u}",
        i=w.name(inv, "DOCTOR", "full", "f_m_last"),
        m=w.name(person5(w), "DOCTOR", "full", "initial_last"),
        u=username5(w, inv),
    )


# -- dev5 / letter: a UK GP's referral to a US specialist, and an FMLA certification letter --------------


@template("letter", "dev5")
def letter_gp_referral_uk(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 55)
    gp = person5(w)
    uk_town, uk_county = w.pick(UK_TOWNS)
    surgery = w.pick(
        (
            f"The {w.pick(('Old Vicarage', 'Priory', 'Market Cross', 'Riverside'))} Surgery",
            f"{uk_town} Health Centre",
            f"{w.fake.last_name()} Road Medical Practice",
        )
    )
    n.fmt("{s}\n", s=Phi(surgery, "HOSPITAL"))
    postcode = f"{w.letters(2)}{w.num(1, 9)} {w.num(1, 9)}{w.letters(2)}"
    n.fmt(
        "{st}\n{t}\n{c}\n{pc}\n{co}\n",
        st=Phi(
            f"{w.num(1, 120)} {w.pick(('High Street', 'Station Road', 'Church Lane', 'Market Place'))}",
            "STREET",
        ),
        t=Phi(uk_town, "CITY"),
        c=Phi(uk_county, "LOCATION-OTHER"),
        pc=Phi(postcode, "ZIP"),
        co=Phi(w.pick(("United Kingdom", "UK", "England")), "COUNTRY"),
    )
    n.fmt(
        "Tel: {ph}   Fax: {fx}\n\n",
        ph=Phi(f"+44 1632 {w.digits(6)}", "PHONE"),
        fx=Phi(f"01632 {w.digits(6)}", "FAX"),
    )
    n.add(date5(w, day, "dd/mm/yyyy", "d Mon yyyy", "d Month yyyy"), "\n\n")
    spec = person5(w)
    full, _short = hospital5(w)
    n.fmt("Dr {s}\n{h}\n", s=w.name(spec, "DOCTOR", "full", "f_m_last"), h=Phi(full, "HOSPITAL"))
    n.add(address5(w, "\n"), "\n", Phi("USA", "COUNTRY"), "\n\n")
    n.fmt("Dear Dr {s},\n\n", s=w.name(spec, "DOCTOR", "last"))
    n.fmt(
        "Re: {nm}   DOB {dob}   NHS No. {nhs}\n\n",
        nm=w.name(pt, "PATIENT", "full", "first_m_last"),
        dob=date5(w, w.dob(day, years), "dd/mm/yyyy"),
        nhs=Phi(f"{w.digits(3)} {w.digits(3)} {w.digits(4)}", "MEDICALRECORD"),
    )
    relation, fam = relative5(w, pt, years)
    new_town, new_state = town5(w)
    n.fmt(
        "I would be grateful if you would see this {a} {g} who is emigrating to live with {pr} {rel}, ",
        a=[age(years), "-year-old"] if years > 89 else f"{years}-year-old",
        g="gentleman" if pt.sex == "M" else "lady",
        pr=pt.possessive,
        rel=relation,
    )
    n.fmt(
        "{nm}, in {c}, {s} at the end of the month. {f} has been under {u} for {cond}.\n\n",
        nm=w.rel(fam, "full"),
        c=Phi(new_town, "CITY"),
        s=Phi(new_state, "STATE"),
        f=[Phi(pt.first, "PATIENT")] if w.chance(0.5) else [pt.title[:-1], " ", Phi(pt.last, "PATIENT")],
        u="our care and the local hospital team",
        cond=w.pick(
            (
                "paroxysmal AF (CHA2DS2-VASc 4) on edoxaban, with a DC cardioversion in " + str(day.year - 1),
                "seropositive rheumatoid arthritis on methotrexate 20 mg weekly and folic acid",
                "COPD (FEV1 48% predicted) with two exacerbations this winter",
            )
        ),
    )
    n.fmt(
        "Bloods on {d}: {l}. Her last review at {h} was on {d2}.\n\n"
        if pt.sex == "F"
        else "Bloods on {d}: {l}. His last review at {h} was on {d2}.\n\n",
        d=date5(w, day - dt.timedelta(days=w.num(5, 30)), "dd/mm/yyyy", "d Mon yyyy"),
        l=labs(w),
        h=Phi(f"{uk_town} District Hospital", "HOSPITAL"),
        d2=date5(w, day - dt.timedelta(days=w.num(40, 200)), "dth of Month yyyy", "d Month yyyy"),
    )
    n.fmt(
        "Current medication is attached. {pr} is a retired {j} and remains independent. A full summary "
        "has been sent by secure e-mail from {e}; please reply to that address or to {ee}.\n\n",
        pr=pt.pronoun.capitalize(),
        j=Phi(w.pick(DEV5_PROFESSIONS), "PROFESSION"),
        e=email5(w, gp, "nhs.net"),
        ee=email5(w, fam),
    )
    n.fmt(
        "Yours sincerely,\n\nDr {g} MRCGP\nGMC {gmc}",
        g=w.name(gp, "DOCTOR", "full", "f_m_last"),
        gmc=Phi(w.digits(7), "LICENSE"),
    )


@template("letter", "dev5")
def letter_fmla_certification(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.num(24, 63)
    clinic = practice5(w, w.pick(("Internal Medicine", "Rheumatology", "Neurology", "Gastroenterology")))
    n.fmt("{c}\n", c=Phi(clinic, "HOSPITAL"))
    n.add(address5(w), "\nPhone ", phone5(w, ext=False), " | Fax ", phone5(w, "FAX"), " | ")
    n.add(Phi(f"www.{host5(clinic)}.com", "URL"), "\n\n")
    n.add(date5(w, day, "Month d, yyyy", "m/d/yyyy", "Wkd, Month d, yyyy"), "\n\n")
    employer = org5(w)
    hr = person5(w)
    n.fmt(
        "{hr}, Leave Administrator\n{e} Human Resources\nBy fax: {fx}\n\n",
        hr=w.name(hr, "PATIENT", "full", "f_m_last"),
        e=employer,
        fx=phone5(w, "FAX"),
    )
    n.fmt(
        "RE: Certification of Health Care Provider (WH-380-E) for {nm}, DOB {dob}, Employee ID {eid}\n\n",
        nm=w.name(pt, "PATIENT", "full", "first_m_last"),
        dob=date5(w, w.dob(day, years), "m/d/yyyy", "mmddyyyy"),
        eid=Phi(f"{w.digits(6)}", "IDNUM"),
    )
    n.fmt("Dear {hr}:\n\n", hr=w.name(hr, "PATIENT", "full"))
    cond = w.pick(
        (
            ("Crohn's disease", "flare-ups with abdominal pain and diarrhea"),
            ("migraine without aura", "migraines lasting 1-2 days"),
            ("seropositive rheumatoid arthritis", "flares with synovitis of the hands"),
            ("relapsing-remitting multiple sclerosis", "relapses and infusion days"),
        )
    )
    art, job = prof5(w)
    n.fmt(
        "{f} has been my patient since {y} and is treated for {c}, a chronic serious health condition. "
        "{pr} works as {art} {j}; during {fl} {pr2} cannot perform the essential functions of that job. ",
        f=w.name(pt, "PATIENT", "first", "full"),
        y=year(day.year - w.num(1, 9)),
        c=cond[0],
        pr=pt.pronoun.capitalize(),
        art=art,
        j=job,
        fl=cond[1],
        pr2=pt.pronoun,
    )
    n.fmt(
        "I estimate {k} episodes per month, each lasting 1-3 days, from {a} through {b}, plus "
        "follow-up visits every 3 months (next on {nx}).\n\n",
        k=w.pick(("1-2", "2-3", "up to 4")),
        a=date5(w, day, "m/d/yyyy", "dth of Month yyyy"),
        b=date5(w, day + dt.timedelta(days=w.num(150, 365)), "m/d/yyyy", "dth of Month yyyy"),
        nx=date5(w, day + dt.timedelta(days=w.num(60, 100)), *DEV5_SHORT_DATES),
    )
    n.add(
        "Continuous leave is not required. Intermittent leave and a reduced schedule on infusion days "
        "are medically necessary. The diagnosis codes and records are not enclosed, in keeping with "
        "the employer's request for the certification only.\n\n"
    )
    doc = person5(w)
    n.fmt(
        "Sincerely,\n\n{d}, MD\nNPI {npi}\n\ncc: patient ({e})\nSent by {u} via eFax gateway {ip}, {d2}",
        d=w.name(doc, "DOCTOR", "full", "f_m_last"),
        npi=npi5(w),
        e=email5(w, pt),
        u=username5(w, person5(w)),
        ip=ip5(w),
        d2=date5(w, day, "m/d/yyyy", "yyyy-Mon-dd"),
    )


# -- dev5 / telephone: a lab critical-value call log, and a DME supplier (CPAP/oxygen) call ----------


@template("telephone", "dev5")
def phone_critical_lab_call(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 40)
    n.add("CRITICAL VALUE NOTIFICATION — Core Laboratory\n")
    tech = person5(w)
    test, value = w.pick(
        (
            ("Potassium", "6.9 mmol/L (H)"),
            ("Hemoglobin", "5.8 g/dL (L)"),
            ("INR", "7.4 (H)"),
            ("Glucose", "38 mg/dL (L)"),
            ("Blood culture, 1 of 2 bottles", "Gram-positive cocci in clusters"),
            ("Troponin T hs", "212 ng/L (H)"),
        )
    )
    n.fmt(
        "Result: {ts} {v}   Accession {a}   Collected {d} {t}\n",
        ts=test,
        v=value,
        a=Phi(f"{w.digits(2)}{w.letters(1)}-{w.digits(3)}-{w.digits(5)}", "IDNUM"),
        d=date5(w, day, "m/d/yyyy", "mmddyyyy", "Mon-dd-yy"),
        t=tm(w),
    )
    n.fmt(
        "Patient: {nm}  {a}  MRN {m}  Location: ",
        nm=w.name(pt, "PATIENT", "LAST_First", "full", "last_first_m"),
        a=age5(w, years, pt.sex),
        m=mrn5(w),
    )
    outpatient = w.chance(0.5)
    if outpatient:
        n.fmt("outpatient draw, {f}\n", f=Phi(snf5(w), "HOSPITAL"))
    else:
        n.add(f"{w.num(3, 9)} {w.pick(('North', 'South', 'West'))} Rm {w.num(300, 990)}-{w.pick('AB')}\n")
    t = clock3(w, 4, 2, 25)
    n.fmt(
        "{t0} Called by {tech}, MLS(ASCP) ({u}), ext {x}.\n",
        t0=t[0],
        tech=w.name(tech, "DOCTOR", "full", "first_initial"),
        u=username5(w, tech),
        x=Phi(w.digits(4), "PHONE"),
    )
    doc = person5(w)
    if outpatient:
        nurse = person5(w, "F")
        n.fmt(
            "{t1} Spoke with {nr}, LPN, at the facility ({ph}); she will page the covering provider. "
            "Read-back verified.\n",
            t1=t[1],
            nr=w.name(nurse, "DOCTOR", "full", "first"),
            ph=phone5(w),
        )
        relation, fam = relative5(w, pt, years)
        n.fmt(
            "{t2} Ordering provider Dr. {d} not reached at office ({ph}); answering service took message. "
            "Pt's {rel} {nm} reached at home and told to expect a call.\n",
            t2=t[2],
            d=w.name(doc, "DOCTOR", "last", "full"),
            ph=phone5(w),
            rel=relation,
            nm=w.rel(fam, "first", "full"),
        )
    else:
        rn = person5(w)
        n.fmt(
            "{t1} Reported to {rn}, RN, primary nurse; read back correctly. RN paged Dr. {d} (pgr {p}).\n",
            t1=t[1],
            rn=w.name(rn, "DOCTOR", "full", "initial_last"),
            d=w.name(doc, "DOCTOR", "last", "full"),
            p=pager5(w),
        )
        n.fmt(
            "{t2} Dr. {d} returned page; orders entered (repeat stat, ECG).\n",
            t2=t[2],
            d=Phi(doc.last, "DOCTOR"),
        )
    n.fmt(
        "{t3} Notification complete, {m} min from result verification. Hemolysis index {h}; specimen {s}.\n",
        t3=t[3],
        m=w.num(6, 58),
        h=w.pick(("0", "1+", "not hemolyzed")),
        s=w.pick(("not redrawn", "redraw requested", "added to QA log")),
    )
    n.fmt(
        "Documented by {tech} on {d} in LIS; event #{e}. Supervisor {sv} notified of delay (>30 min policy)."
        if w.chance(0.5)
        else "Documented by {tech} on {d} in LIS; event #{e}.",
        tech=w.name(tech, "DOCTOR", "ini2", "initials", "full"),
        d=date5(w, day, *DEV5_SHORT_DATES),
        e=Phi(w.digits(7), "IDNUM"),
        sv=w.name(person5(w), "DOCTOR", "full"),
    )
    n.add("\nCallback line for the lab: ", phone5(w, ext=True))


@template("telephone", "dev5")
def phone_dme_vendor_call(w: World, n: Note) -> None:
    pt = person5(w)
    day = w.day(2017, 2025)
    years = w.age(0.3, 45)
    vendor = org5(w, "dme")
    rep = person5(w)
    n.fmt(
        "Telephone Encounter — DME vendor call  {d}  {t}\n",
        d=date5(w, day, "m/d/yyyy", "Mon d, 'yy", "mmddyyyy"),
        t=tm(w, 8, 17),
    )
    n.fmt(
        "Pt: {nm}  ({a})  MRN {m}  Plan ID {p}\n",
        nm=w.name(pt, "PATIENT", "full", "last_first_m", "LAST_First"),
        a=age5(w, years, pt.sex),
        m=mrn5(w),
        p=Phi(w.pick((f"{w.letters(3)}{w.digits(8)}", f"{w.digits(9)}-0{w.num(1, 3)}")), "HEALTHPLAN"),
    )
    device = w.pick(("CPAP (ResMed AirSense 11)", "home O2 concentrator (Inogen One G5)", "BiPAP ST"))
    n.fmt(
        "Caller: {r} from {v} ({ph}) re: order #{o} for {dv}.\n",
        r=w.name(rep, "PATIENT", "full", "first"),
        v=vendor,
        ph=phone5(w),
        o=Phi(f"{w.digits(7)}", "IDNUM"),
        dv=device,
    )
    md = person5(w)
    n.fmt(
        "{r} states Medicare requires a face-to-face note within 6 months signed by Dr. {d} documenting "
        "benefit; the {dd} visit note lacks it. Device S/N {s}; compliance download shows use >4 h on "
        "{pc}% of nights in the first 90 days.\n",
        r=w.name(rep, "PATIENT", "first"),
        d=w.name(md, "DOCTOR", "last", "full"),
        dd=date5(w, day - dt.timedelta(days=w.num(20, 150)), *DEV5_SHORT_DATES),
        s=serial(w),
        pc=w.num(41, 93),
    )
    relation, fam = relative5(w, pt, years)
    n.fmt(
        "Also spoke with pt's {rel} {nm}, who manages the equipment; {pr} reports the mask leaks and "
        "asked for a nasal pillow size M. Can be reached at {ph} or {e}.\n",
        rel=relation,
        nm=w.rel(fam, "full", "first"),
        pr="she" if fam.sex == "F" else "he",
        ph=phone5(w, ext=False),
        e=email5(w, fam),
    )
    if w.chance(0.6):
        n.fmt(
            'Text forwarded by the vendor: "hi its {me} my machine beeps all nite, {r} said u would '
            'call, can u call my {rel} {f} instead"\n',
            me=w.name(pt, "PATIENT", "lower_first"),
            r=w.name(rep, "PATIENT", "lower_first"),
            rel=relation,
            f=w.name(fam, "PATIENT", "lower_first", role="relative"),
        )
    n.fmt(
        "Plan: addendum to be written by Dr. {d}; faxed with CMN to {v} at {fx}. Pt can also upload "
        "usage via {u}.\n",
        d=Phi(md.last, "DOCTOR"),
        v=vendor,
        fx=phone5(w, "FAX"),
        u=Phi(f"https://portal.{host5(vendor.text)}.com/upload", "URL"),
    )
    me = person5(w)
    n.fmt(
        "Docs uploaded to vendor portal by {u} from {ip}. Routed to {d}'s pool.\n{me}, MA  {dt}",
        u=username5(w, me),
        ip=ip5(w),
        d=Phi(md.last, "DOCTOR"),
        me=w.name(me, "DOCTOR", "full", "first_initial"),
        dt=date5(w, day, "m/d", "dd Mon"),
    )


# --------------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------------


def make_note(w: World, fn: TemplateFn) -> tuple[str, list[dict[str, Any]]]:
    """One note from ``fn``, redrawn (deterministically) until its length is within the target range."""
    for _ in range(MAX_ATTEMPTS):
        note = Note()
        fn(w, note)
        text, spans = note.finish()
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            return text, spans
    raise RuntimeError(f"template {fn.__name__} keeps missing {MIN_CHARS}-{MAX_CHARS} characters")


SPLITS = ("dev", "test", "dev2", "dev3", "dev4", "dev5")


def generate(seed: int = SEED) -> dict[str, list[dict[str, Any]]]:
    """Every split as a list of records, each split shuffled with the seed so styles interleave.

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
    for name, (style, split, fn) in TEMPLATES.items():
        w = worlds[split]
        for _ in range(NOTES_PER_TEMPLATE):
            text, spans = make_note(w, fn)
            for span in spans:
                assert text[span["start"] : span["end"]] == span["text"]
            splits[split].append({"style": style, "template": name, "text": text, "spans": spans})
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
    for style in dict.fromkeys(style for style, _, _ in TEMPLATES.values()):
        counts = " | ".join(str(sum(r["style"] == style for r in splits[s])) for s in SPLITS)
        names = " / ".join(
            "`" + "`, `".join(t for t, (st, sp, _) in TEMPLATES.items() if st == style and sp == s) + "`"
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
