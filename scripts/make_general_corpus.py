"""Generate the synthetic general-text PII corpus, ``bench/data/general/dev.jsonl`` and ``dev2.jsonl``.

An independent check on the ``general`` scanner profile, which was tuned on presidio-research's synthetic
sentences: ~90 sentence shapes of our own (support chats, CRM notes, HR and insurance letters, e-mail
signatures, shipping forms, minutes, social posts, travel bookings, bank messages, school letters, news
snippets, short multi-line records, sentences without PII and with look-alike non-PII), each filled 5 times
with Faker values from many locales. Labels and span extents follow presidio-synth (PERSON,
STREET_ADDRESS, GPE, ORGANIZATION, DATE_TIME, PHONE_NUMBER, EMAIL_ADDRESS, ZIP_CODE, DOMAIN_NAME,
IBAN_CODE, US_SSN, IP_ADDRESS, US_DRIVER_LICENSE, CREDIT_CARD, AGE, TITLE, NRP); see the README next to
the output for the exact conventions.

``dev2.jsonl`` is a second, independent split: ~70 other sentence shapes (``TEMPLATES2``: forms, CVs,
listings, obituaries, invoices, incident reports, author lists, assistant transcripts, logs, JSON/CSV,
forum posts, reviews, itineraries, letters), drawn from ``seed + DEV2_SEED_OFFSET`` and from more locales,
with most addresses as whole address blocks (one STREET_ADDRESS span). dev.jsonl does not change with it.

Every span is recorded while the text is assembled (a template's ``{field}`` resolves to plain text or a
labelled piece), so offsets are right by construction. The output is deterministic: the same seed and Faker
version give the same bytes (``tests/test_general_corpus.py`` checks it). Usage::

    .venv/bin/python scripts/make_general_corpus.py --out bench/data/general
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import string
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from faker import Faker

SEED = 20261130
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "bench" / "data" / "general"
FILLS_PER_TEMPLATE = 5
# dev2 (a second split, with its own templates) is drawn from seed + DEV2_SEED_OFFSET.
DEV2_SEED_OFFSET = 1000

# fmt: off
LABELS = (
    "PERSON", "STREET_ADDRESS", "GPE", "ORGANIZATION", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS",
    "ZIP_CODE", "DOMAIN_NAME", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "US_DRIVER_LICENSE", "CREDIT_CARD",
    "AGE", "TITLE", "NRP",
)
# Locale -> the country's English name (GPE). ja_JP supplies romanised names only (its addresses are kanji).
COUNTRY = {
    "en_US": ("United States", "USA", "US"), "en_GB": ("United Kingdom", "UK", "England"),
    "en_AU": ("Australia",), "en_IE": ("Ireland",), "en_CA": ("Canada",), "de_DE": ("Germany",),
    "de_AT": ("Austria",), "de_CH": ("Switzerland",), "fr_FR": ("France",), "es_ES": ("Spain",),
    "es_MX": ("Mexico",), "it_IT": ("Italy",), "pl_PL": ("Poland",), "pt_BR": ("Brazil",),
    "pt_PT": ("Portugal",), "nl_NL": ("Netherlands", "Holland"), "nl_BE": ("Belgium",), "sv_SE": ("Sweden",),
    "fi_FI": ("Finland",), "da_DK": ("Denmark",), "no_NO": ("Norway",),
    "cs_CZ": ("Czech Republic", "Czechia"),
    "hu_HU": ("Hungary",), "tr_TR": ("Turkey",), "ro_RO": ("Romania",), "hr_HR": ("Croatia",),
    "sk_SK": ("Slovakia",), "ja_JP": ("Japan",),
}
NATIONALITY = {
    "en_US": "American", "en_GB": "British", "en_AU": "Australian", "en_IE": "Irish", "en_CA": "Canadian",
    "de_DE": "German", "de_AT": "Austrian", "de_CH": "Swiss", "fr_FR": "French", "es_ES": "Spanish",
    "es_MX": "Mexican", "it_IT": "Italian", "pl_PL": "Polish", "pt_BR": "Brazilian", "pt_PT": "Portuguese",
    "nl_NL": "Dutch", "nl_BE": "Belgian", "sv_SE": "Swedish", "fi_FI": "Finnish", "da_DK": "Danish",
    "no_NO": "Norwegian", "cs_CZ": "Czech", "hu_HU": "Hungarian", "tr_TR": "Turkish", "ro_RO": "Romanian",
    "hr_HR": "Croatian", "sk_SK": "Slovak", "ja_JP": "Japanese",
}
LOCALES = tuple(COUNTRY)
ADDRESS_LOCALES = tuple(loc for loc in LOCALES if loc != "ja_JP")
# English-speaking locales are drawn more often, as they are in English text.
LOCALE_WEIGHTS = {"en_US": 5, "en_GB": 4, "en_AU": 1, "en_IE": 1, "en_CA": 1}
REGION_LOCALES = ("en_US", "en_CA", "en_AU")
ROMANISED_LOCALES = ("ja_JP", "zh_CN")  # names from Faker's romanised lists; their own are not Latin script
# dev2 draws from more locales than dev: more Latin-script address formats, and names of more origins.
DEV2_ADDRESS_EXTRA = {
    "en_NZ": ("New Zealand",), "en_IN": ("India",), "en_PH": ("Philippines",),
    "es_AR": ("Argentina",), "es_CL": ("Chile",), "es_CO": ("Colombia",),
    "fr_CH": ("Switzerland", "Suisse"), "id_ID": ("Indonesia",), "sl_SI": ("Slovenia",),
    "zu_ZA": ("South Africa",),
}
# Names only (Faker has no Latin-script address for them, none at all, or a garbled one: fr_CA's cities
# come out as "L'Île- Vallée"); their people live at addresses from the other locales.
DEV2_NAME_EXTRA = {
    "zh_CN": ("China",), "fr_CA": ("Canada",), "et_EE": ("Estonia",), "lt_LT": ("Lithuania",),
    "lv_LV": ("Latvia",),
    "is_IS": ("Iceland",), "ga_IE": ("Ireland",), "en_NG": ("Nigeria",), "yo_NG": ("Nigeria",),
    "en_KE": ("Kenya",), "en_PK": ("Pakistan",), "fr_BE": ("Belgium",), "de_LU": ("Luxembourg",),
    "uz_UZ": ("Uzbekistan",), "az_AZ": ("Azerbaijan",), "vi_VN": ("Vietnam", "Viet Nam"),
}
ALL_COUNTRY = {**COUNTRY, **DEV2_ADDRESS_EXTRA, **DEV2_NAME_EXTRA}
ALL_NATIONALITY = {
    **NATIONALITY, "en_NZ": "New Zealander", "en_IN": "Indian", "en_PH": "Filipino", "es_AR": "Argentinian",
    "es_CL": "Chilean", "es_CO": "Colombian", "fr_CA": "Canadian", "fr_CH": "Swiss", "id_ID": "Indonesian",
    "sl_SI": "Slovenian", "zu_ZA": "South African", "zh_CN": "Chinese", "et_EE": "Estonian",
    "lt_LT": "Lithuanian", "lv_LV": "Latvian", "is_IS": "Icelandic", "ga_IE": "Irish", "en_NG": "Nigerian",
    "yo_NG": "Nigerian", "en_KE": "Kenyan", "en_PK": "Pakistani", "fr_BE": "Belgian",
    "de_LU": "Luxembourgish", "uz_UZ": "Uzbek", "az_AZ": "Azerbaijani", "vi_VN": "Vietnamese",
}
DEV2_LOCALES = LOCALES + tuple(DEV2_ADDRESS_EXTRA) + tuple(DEV2_NAME_EXTRA)
DEV2_ADDRESS_LOCALES = ADDRESS_LOCALES + tuple(DEV2_ADDRESS_EXTRA)
RELIGIONS = ("Catholic", "Muslim", "Jewish", "Hindu", "Buddhist", "Protestant", "Sikh", "Orthodox")
POLITICS = ("Labour", "Conservative", "Green", "Liberal Democrat", "Republican", "Democrat")
FREE_MAIL = {
    "en_US": ("gmail.com", "yahoo.com", "outlook.com", "icloud.com"),
    "en_GB": ("btinternet.com", "hotmail.co.uk"),
    "de_DE": ("web.de", "gmx.de", "t-online.de"), "de_AT": ("gmx.at", "aon.at"), "de_CH": ("bluewin.ch",),
    "fr_FR": ("orange.fr", "free.fr", "laposte.net"), "es_ES": ("yahoo.es", "telefonica.net"),
    "it_IT": ("libero.it", "virgilio.it"), "pl_PL": ("wp.pl", "onet.pl", "interia.pl"),
    "pt_BR": ("uol.com.br", "bol.com.br"), "pt_PT": ("sapo.pt",), "nl_NL": ("ziggo.nl", "kpnmail.nl"),
    "sv_SE": ("telia.com",), "fi_FI": ("elisanet.fi",), "cs_CZ": ("seznam.cz", "email.cz"),
    "hu_HU": ("freemail.hu", "citromail.hu"), "tr_TR": ("hotmail.com.tr",), "ja_JP": ("yahoo.co.jp",),
}
TLD = {
    "en_US": "com", "en_GB": "co.uk", "en_AU": "com.au", "en_IE": "ie", "en_CA": "ca", "de_DE": "de",
    "de_AT": "at", "de_CH": "ch", "fr_FR": "fr", "es_ES": "es", "es_MX": "com.mx", "it_IT": "it",
    "pl_PL": "pl",
    "pt_BR": "com.br", "pt_PT": "pt", "nl_NL": "nl", "nl_BE": "be", "sv_SE": "se", "fi_FI": "fi",
    "da_DK": "dk",
    "no_NO": "no", "cs_CZ": "cz", "hu_HU": "hu", "tr_TR": "com.tr", "ro_RO": "ro", "hr_HR": "hr",
    "sk_SK": "sk",
    "ja_JP": "jp",
}
JOB_TITLES = (
    "Account Manager", "Head of Customer Success", "HR Business Partner", "Claims Handler",
    "Senior Underwriter", "Office Manager", "Logistics Coordinator", "Deputy Head Teacher",
    "Relationship Manager", "Travel Consultant", "Payroll Specialist", "Chief Financial Officer",
    "Customer Support Agent", "Sales Director", "Data Protection Officer", "Marketing Assistant",
)
HONORIFICS = {"F": ("Ms.", "Mrs.", "Ms", "Dr."), "M": ("Mr.", "Mr", "Dr.")}
# Non-PII look-alikes: product names (some with person-like or place-like words), order and ticket numbers.
PRODUCTS = (
    "Kindle Paperwhite", "Galaxy S23", "ThinkPad X1 Carbon", "AirPods Pro", "Model Y", "Surface Go 3",
    "Dyson V15", "PlayStation 5", "Fitbit Charge 6", "Nespresso Vertuo", "Victoria Sponge Kit",
    "Jordan 1 Mid",
    "Ford Transit", "Lincoln Navigator", "Chelsea Boot", "Oxford Shirt", "Camden Sofa",
    "Paris Eau de Toilette",
    "Kenwood Chef", "Philips Hue Bridge", "Garmin Forerunner 255", "Sony WH-1000XM5",
)
# dev2: invented brand names, company suffixes, and car models (not PII: product names).
BRAND_SYLLABLES = (
    "zen", "tra", "no", "va", "lu", "mi", "ko", "ra", "bel", "dex", "qui", "sol", "ner", "vo", "ta", "lix",
    "ar", "on", "fy", "io", "kai", "ze", "ly", "mo", "rix", "vel", "ora", "tek",
)
BRAND_HEADS = ("Blue", "North", "Bright", "Iron", "Silver", "Green", "Open", "True", "Swift", "Clear", "Deep")
BRAND_TAILS = ("peak", "stone", "wave", "leaf", "bridge", "gate", "works", "forge", "path", "loop", "mint")
ORG_SUFFIXES = ("Labs", "GmbH", "Ltd", "Inc.", "Analytics", "Health", "Logistics", "Studio", "AB", "S.A.")
CARS = ("Ford Focus", "Toyota Yaris", "Volkswagen Golf", "Skoda Octavia", "Renault Clio", "Honda Jazz")
CAP_WORDS = ("Will", "Mark", "Grace", "Bill", "Rose", "Faith", "Jack", "Hope", "Sue", "Pat", "Chase")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
MONTHS_DE = (
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
    "Dezember",
)
MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# fmt: on


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


DATE_FORMATS: tuple[Callable[[dt.date], str], ...] = (
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year}",
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year % 100:02d}",
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{MONTHS[d.month - 1][:3]}. {ordinal(d.day)} {d.year}",
    lambda d: f"{WEEKDAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{WEEKDAYS[d.weekday()][:3]} {MONTHS[d.month - 1][:3]} {d.day} {d.year}",
    lambda d: f"{d.day}-{MONTHS[d.month - 1][:3].upper()}-{d.year}",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
    lambda d: f"{d.day}. {MONTHS_DE[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {MONTHS_FR[d.month - 1]} {d.year}",
)
SHORT_DATE_FORMATS: tuple[Callable[[dt.date], str], ...] = (
    lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}",
    lambda d: f"{d.day} {MONTHS[d.month - 1][:3]}",
    lambda d: f"{ordinal(d.day)} of {MONTHS[d.month - 1]}",
    lambda d: f"{d.day}/{d.month}",
    lambda d: f"{WEEKDAYS[d.weekday()]} the {ordinal(d.day)}",
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}",
)


class Pii(NamedTuple):
    """A piece of PII text and its presidio-synth label."""

    text: str
    label: str


Piece = str | Pii


def ascii_fold(text: str) -> str:
    """Letters only, accents dropped, lower case: for e-mail local parts, handles and domains."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", folded.lower())


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    middle: str
    sex: str
    locale: str


@dataclass(frozen=True)
class Place:
    street: str
    city: str
    postcode: str
    country: str
    region: str
    locale: str


# Only the Faker providers used here: loading all of them for 28 locales takes seconds.
FAKER_PROVIDERS = [
    f"faker.providers.{name}"
    for name in (
        "person",
        "address",
        "phone_number",
        "company",
        "bank",
        "internet",
        "credit_card",
        "ssn",
        "job",
    )
]


class World:
    """Seeded source of every value: one Faker per locale, each seeded, and one ``random.Random``."""

    def __init__(
        self,
        seed: int,
        locales: Sequence[str] = LOCALES,
        address_locales: Sequence[str] = ADDRESS_LOCALES,
        providers: Sequence[str] = FAKER_PROVIDERS,
    ) -> None:
        self.rng = random.Random(seed)
        self.locales = tuple(locales)
        self.address_locales = tuple(address_locales)
        self.fakers: dict[str, Faker] = {}
        self.it_cities: list[str] = []
        for i, locale in enumerate(self.locales):
            fake = Faker(locale, providers=list(providers))
            fake.seed_instance(seed + i)
            self.fakers[locale] = fake

    def pick(self, options: Sequence[Any]) -> Any:
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def locale(self, options: Sequence[str] | None = None) -> str:
        options = options or self.locales
        weights = [LOCALE_WEIGHTS.get(loc, 1) for loc in options]
        return self.rng.choices(list(options), weights)[0]

    def person(self, locale: str) -> Person:
        fake = self.fakers[locale]
        sex = self.pick("FM")
        if locale == "zh_CN":  # Faker's zh_CN has one romanised first-name list for both sexes
            first, last = fake.first_romanized_name(), fake.last_romanized_name()
        elif locale in ROMANISED_LOCALES:
            first = fake.first_romanized_name_female() if sex == "F" else fake.first_romanized_name_male()
            last = fake.last_romanized_name()
        else:
            first = fake.first_name_female() if sex == "F" else fake.first_name_male()
            last = fake.last_name_female() if sex == "F" else fake.last_name_male()
        middle = self.pick("ABCDEFGHJKLMNPRSTW")
        return Person(first.strip(), last.strip(), middle, sex, locale)

    def place(self, locale: str) -> Place:
        if locale not in self.address_locales:
            locale = self.locale(self.address_locales)
        fake = self.fakers[locale]
        street = re.sub(r"\s+", " ", fake.street_address()).strip().rstrip(",")
        region = ""
        if locale == "en_US":
            region = fake.state_abbr(include_territories=False)
        elif locale == "en_CA":
            region = fake.province_abbr()
        elif locale == "en_AU":
            region = fake.state_abbr()
        city = self.city(locale)
        return Place(street, city, fake.postcode().strip(), self.pick(ALL_COUNTRY[locale]), region, locale)

    def city(self, locale: str) -> str:
        fake = self.fakers[locale]
        if locale == "it_IT":
            # Faker's it_IT city list is built from a set: its order (and so city()) changes with the
            # string hash seed. Draw from it sorted, with the same seeded generator.
            if not self.it_cities:
                provider = next(p for p in fake.providers if isinstance(getattr(p, "cities", None), list))
                self.it_cities = sorted(provider.cities)
            return str(fake.random_element(self.it_cities)).strip()
        return fake.city().strip()

    def address_lines(self, locale: str) -> list[str]:
        """A whole postal address in the locale's own ``address()`` format, one list item per line."""
        lines = [
            re.sub(r"\s+", " ", line).strip().strip(",").strip()
            for line in self.fakers[locale].address().split("\n")
        ]
        return [line for line in lines if line]

    def brand(self) -> str:
        """An invented brand or company name (no real word in it, or two joined words)."""
        if self.chance(0.5):
            syllables = [self.pick(BRAND_SYLLABLES) for _ in range(self.pick((2, 2, 3)))]
            return "".join(syllables).capitalize()
        return self.pick(BRAND_HEADS) + self.pick(BRAND_TAILS)

    def day(self, start: int = 2016, end: int = 2027) -> dt.date:
        first = dt.date(start, 1, 1).toordinal()
        return dt.date.fromordinal(self.rng.randint(first, dt.date(end, 12, 31).toordinal()))

    def time(self) -> str:
        hour, minute = self.rng.randint(7, 21), self.pick((0, 0, 15, 30, 45, 5, 20, 50))
        return self.pick(
            (
                f"{hour:02d}:{minute:02d}",
                f"{(hour - 1) % 12 + 1}:{minute:02d} {'am' if hour < 12 else 'pm'}",
                f"{(hour - 1) % 12 + 1}{'am' if hour < 12 else 'pm'}",
                f"{(hour - 1) % 12 + 1}:{minute:02d}{'AM' if hour < 12 else 'PM'}",
                f"{hour}h{minute:02d}",
            )
        )

    def card(self) -> str:
        fake = self.fakers["en_US"]
        number = fake.credit_card_number(card_type=self.pick(("visa16", "mastercard", "amex", "discover")))
        style = self.pick(("plain", "space", "dash"))
        if style == "plain":
            return number
        sep = " " if style == "space" else "-"
        if len(number) == 15:
            return sep.join((number[:4], number[4:10], number[10:]))
        return sep.join(number[i : i + 4] for i in range(0, len(number), 4))

    def driver_license(self) -> str:
        letter = self.pick(string.ascii_uppercase)
        return self.pick(
            (
                f"{letter}{self.digits(7)}",  # CA
                self.digits(9),  # NY
                f"{letter}{self.digits(3)}-{self.digits(3)}-{self.digits(2)}-{self.digits(3)}-0",  # FL
                f"{letter}{self.digits(12)}",  # FL, unformatted
                f"{letter}{self.digits(3)}-{self.digits(4)}-{self.digits(4)}",  # IL
                f"S{self.digits(8)}",  # MA
            )
        )


# --------------------------------------------------------------------------------------------------
# A fill: one template's values. ``{p.full}``, ``{a.city}``, ``{date2}``... resolve to text or Pii.
# The same field name gives the same value inside one item; a trailing digit asks for another value.
# --------------------------------------------------------------------------------------------------


class Fill:
    def __init__(self, w: World, locales: Sequence[str] | None) -> None:
        self.w = w
        self.locale = w.locale(locales)
        self.cache: dict[str, Piece] = {}
        self.people: dict[str, Person] = {}
        self.places: dict[str, Place] = {}
        self.blocks: dict[str, list[str]] = {}

    def person(self, key: str) -> Person:
        if key not in self.people:
            # p follows the fill's locale; q, r... are from it or from anywhere (mixed teams and families).
            loc = self.locale if key == "p" or self.w.chance(0.5) else self.w.locale()
            self.people[key] = self.w.person(loc)
        return self.people[key]

    def place(self, key: str) -> Place:
        if key not in self.places:
            loc = self.locale if key == "a" or self.w.chance(0.3) else self.w.locale(self.w.address_locales)
            self.places[key] = self.w.place(loc)
        return self.places[key]

    def get(self, name: str) -> Piece:
        if name not in self.cache:
            self.cache[name] = self.resolve(name)
        return self.cache[name]

    def email(self, person: Person, key: str) -> str:
        w = self.w
        first, last = ascii_fold(person.first) or "info", ascii_fold(person.last) or "mail"
        local = w.pick(
            (
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{first}_{last}{w.digits(2)}",
                f"{last}.{first[0]}",
                f"{first}{w.digits(4)}",
            )
        )
        if key.startswith("work"):
            domain = f"{self.company_slug()}.{TLD.get(self.locale, 'com')}"
        else:
            domain = w.pick(FREE_MAIL.get(person.locale, ("gmail.com", "outlook.com", "proton.me")))
        return f"{local}@{domain}"

    def company_slug(self) -> str:
        company = self.get("company")
        assert isinstance(company, Pii)
        words = company.text.replace("-", " ").replace(",", " ").split()
        return ascii_fold(words[0]) or "firma"

    def resolve(self, name: str) -> Piece:
        w = self.w
        if "." in name:
            key, attr = name.split(".", 1)
            if key in ("p", "q", "r", "s"):
                person = self.person(key)
                if attr == "full":
                    return Pii(f"{person.first} {person.last}", "PERSON")
                if attr == "first":
                    return Pii(person.first, "PERSON")
                if attr == "last":
                    return Pii(person.last, "PERSON")
                if attr == "mi":
                    return Pii(f"{person.first} {person.middle}. {person.last}", "PERSON")
                if attr == "init":
                    return Pii(f"{person.first[0]}. {person.last}", "PERSON")
                if attr == "lastfirst":
                    return Pii(f"{person.last}, {person.first}", "PERSON")
                if attr == "title":
                    return Pii(w.pick(HONORIFICS[person.sex]), "TITLE")
                if attr in ("email", "workemail"):
                    return Pii(self.email(person, attr), "EMAIL_ADDRESS")
                if attr == "phone":
                    return Pii(self.phone(person.locale), "PHONE_NUMBER")
                if attr == "slash":
                    return Pii(f"{person.last}/{person.first}", "PERSON")
                if attr in ("he", "He"):
                    pronoun = "she" if person.sex == "F" else "he"
                    return pronoun.capitalize() if attr == "He" else pronoun
                if attr == "his":
                    return "her" if person.sex == "F" else "his"
                if attr == "nat":
                    return Pii(ALL_NATIONALITY[person.locale], "NRP")
                # dev2 name shapes
                if attr == "inits":
                    return Pii(f"{person.first[0]}. {person.middle}. {person.last}", "PERSON")
                if attr == "fl":
                    return Pii(f"{person.first} {person.last[0]}.", "PERSON")
                if attr == "lastinit":
                    return Pii(f"{person.last}, {person.first[0]}.", "PERSON")
                if attr == "caps":
                    return Pii(f"{person.last.upper()} {person.first}", "PERSON")
                if attr == "fml":
                    second = self.w.person(person.locale)
                    first2 = second.first if second.sex == person.sex else self.w.person(person.locale).first
                    if first2 == person.first:
                        return Pii(f"{person.first} {person.middle}. {person.last}", "PERSON")
                    return Pii(f"{person.first} {first2} {person.last}", "PERSON")
            if key in ("a", "b"):
                place = self.place(key)
                if attr == "street":
                    return Pii(place.street, "STREET_ADDRESS")
                if attr == "city":
                    return Pii(place.city, "GPE")
                if attr == "zip":
                    return Pii(place.postcode, "ZIP_CODE")
                if attr == "country":
                    return Pii(place.country, "GPE")
                if attr == "region":
                    assert place.region, f"{name} needs a locale with regions"
                    return Pii(place.region, "GPE")
                if attr == "phone":
                    return Pii(self.phone(place.locale), "PHONE_NUMBER")
                if attr == "iban":
                    return Pii(self.iban(place.locale), "IBAN_CODE")
                # dev2: a whole address as one STREET_ADDRESS span, as presidio-synth's address blocks.
                if attr in ("block", "blockc", "line", "linec"):
                    if key not in self.blocks:
                        self.blocks[key] = self.w.address_lines(place.locale)
                    lines = self.blocks[key]
                    if attr.endswith("c"):
                        lines = [*lines, place.country]
                    sep = "\n" if attr.startswith("block") else ", "
                    return Pii(sep.join(lines), "STREET_ADDRESS")
                if attr == "state":
                    fake = self.w.fakers[place.locale]
                    unit = getattr(fake, "administrative_unit", None)
                    try:
                        return Pii(str(unit()).strip() if unit else place.city, "GPE")
                    except AttributeError:
                        return Pii(place.city, "GPE")
            raise KeyError(name)
        kind = name.rstrip(string.digits)
        fake = w.fakers[self.locale if self.locale in w.address_locales else "en_US"]
        if kind == "company":
            return Pii(fake.company().strip(), "ORGANIZATION")
        if kind == "url":
            slug = self.company_slug()
            tld = TLD.get(self.locale, "com")
            return Pii(
                w.pick(
                    (
                        f"https://www.{slug}.{tld}/",
                        f"https://{slug}.{tld}/kontakt",
                        f"http://{slug}.{tld}",
                        f"www.{slug}.{tld}",
                        f"https://shop.{slug}.{tld}/orders/{w.digits(6)}",
                    )
                ),
                "DOMAIN_NAME",
            )
        if kind == "domain":
            return Pii(f"{self.company_slug()}.{TLD.get(self.locale, 'com')}", "DOMAIN_NAME")
        if kind == "date":
            return Pii(w.pick(DATE_FORMATS)(w.day()), "DATE_TIME")
        if kind == "sdate":
            return Pii(w.pick(SHORT_DATE_FORMATS)(w.day()), "DATE_TIME")
        if kind == "dob":
            return Pii(w.pick(DATE_FORMATS)(w.day(1950, 2008)), "DATE_TIME")
        if kind == "weekday":
            return Pii(w.pick(WEEKDAYS), "DATE_TIME")
        if kind == "year":
            return Pii(str(w.rng.randint(1990, 2026)), "DATE_TIME")
        if kind == "monthyear":
            d = w.day()
            return Pii(
                w.pick((f"{MONTHS[d.month - 1]} {d.year}", f"{d.month:02d}/{d.year % 100:02d}")), "DATE_TIME"
            )
        if kind == "time":
            return Pii(w.time(), "DATE_TIME")
        if kind == "datetime":
            d = w.day()
            return Pii(f"{d.isoformat()} {w.rng.randint(0, 23):02d}:{w.rng.randint(0, 59):02d}", "DATE_TIME")
        if kind == "age":
            return Pii(str(w.rng.randint(18, 88)), "AGE")
        if kind == "kidage":
            return Pii(str(w.rng.randint(5, 16)), "AGE")
        if kind == "card":
            return Pii(w.card(), "CREDIT_CARD")
        if kind == "ssn":
            return Pii(w.fakers["en_US"].ssn(), "US_SSN")
        if kind == "dl":
            return Pii(w.driver_license(), "US_DRIVER_LICENSE")
        if kind == "ip":
            return Pii(fake.ipv4_public() if w.chance(0.8) else fake.ipv4_private(), "IP_ADDRESS")
        if kind == "ipsix":
            return Pii(fake.ipv6(), "IP_ADDRESS")
        if kind == "phone":
            return Pii(self.phone(self.locale), "PHONE_NUMBER")
        if kind == "iban":
            return Pii(self.iban(self.locale), "IBAN_CODE")
        if kind == "prof":
            return Pii(w.pick(("Prof.", "Professor", "Dr.")), "TITLE")
        if kind == "univ":
            return Pii(f"University of {w.city(w.locale(w.address_locales))}", "ORGANIZATION")
        if kind == "job":
            return Pii(w.pick(JOB_TITLES) if w.chance(0.7) else fake.job().strip(), "TITLE")
        if kind == "religion":
            return Pii(w.pick(RELIGIONS), "NRP")
        if kind == "party":
            return Pii(w.pick(POLITICS), "NRP")
        if kind == "country":
            return Pii(w.pick(ALL_COUNTRY[w.locale(w.address_locales)]), "GPE")
        if kind == "city":
            return Pii(w.city(w.locale(w.address_locales)), "GPE")
        # dev2 kinds
        if kind == "org":
            # Company names of every shape: the locale's Faker company, invented brands, family firms.
            last = fake.last_name
            shape = w.pick(("faker", "faker", "brand", "brandsuffix", "sons", "hyphen", "trio"))
            if shape == "faker":
                return Pii(fake.company().strip(), "ORGANIZATION")
            if shape == "brand":
                return Pii(w.brand(), "ORGANIZATION")
            if shape == "brandsuffix":
                return Pii(f"{w.brand()} {w.pick(ORG_SUFFIXES)}", "ORGANIZATION")
            if shape == "sons":
                return Pii(
                    w.pick((f"{last()} and Sons", f"{last()} & Sons Ltd", f"{last()} & Daughters")),
                    "ORGANIZATION",
                )
            if shape == "hyphen":
                return Pii(f"{last()}-{last()}", "ORGANIZATION")
            return Pii(f"{last()}, {last()} and {last()}", "ORGANIZATION")
        if kind == "brand":
            return Pii(w.brand(), "ORGANIZATION")
        if kind == "role":  # job titles in English (Faker's other locales give them in their own language)
            return Pii(w.pick(JOB_TITLES) if w.chance(0.6) else w.fakers["en_US"].job().strip(), "TITLE")
        if kind == "isots":
            d = w.day()
            return Pii(
                f"{d.isoformat()}T{w.rng.randint(0, 23):02d}:{w.rng.randint(0, 59):02d}:"
                f"{w.rng.randint(0, 59):02d}{w.pick(('Z', '.' + w.digits(3) + 'Z', '+01:00'))}",
                "DATE_TIME",
            )
        if kind == "clfts":
            d = w.day()
            return Pii(
                f"{d.day:02d}/{MONTHS[d.month - 1][:3]}/{d.year}:{w.rng.randint(0, 23):02d}:"
                f"{w.rng.randint(0, 59):02d}:{w.rng.randint(0, 59):02d} +0000",
                "DATE_TIME",
            )
        if kind == "profile":
            person = self.person("p")
            handle = f"{ascii_fold(person.first)}-{ascii_fold(person.last)}-{w.digits(3)}"
            return Pii(
                w.pick(
                    (
                        f"linkedin.com/in/{handle}",
                        f"https://github.com/{handle}",
                        f"https://www.linkedin.com/in/{handle}/",
                    )
                ),
                "DOMAIN_NAME",
            )
        if kind == "car":
            return w.pick(CARS)
        if kind == "vat":
            return f"{w.pick(('GB', 'DE', 'FR', 'NL'))}{w.digits(9)}"
        # Non-PII fillers (plain text, no span).
        if kind == "product":
            return w.pick(PRODUCTS)
        if kind == "capword":
            return w.pick(CAP_WORDS)
        if kind == "order":
            return w.pick(
                (
                    f"#{w.digits(7)}",
                    f"A{w.digits(3)}-{w.digits(4)}",
                    f"{w.digits(3)}-{w.digits(7)}-{w.digits(4)}",
                )
            )
        if kind == "ticket":
            return w.pick((f"CS-{w.digits(6)}", f"INC{w.digits(7)}", f"#{w.digits(5)}"))
        if kind == "amount":
            return w.pick(
                (
                    f"£{w.rng.randint(5, 2400)}.{w.digits(2)}",
                    f"${w.rng.randint(5, 9999):,}",
                    f"€{w.rng.randint(5, 900)},{w.digits(2)}",
                )
            )
        if kind == "num":
            return str(w.rng.randint(2, 60))
        if kind == "pnr":
            return "".join(w.pick(string.ascii_uppercase + "23456789") for _ in range(6))
        if kind == "flight":
            airline = w.pick(("LH", "BA", "AF", "KL", "IB", "SK", "AY", "LO", "TK", "FR", "U2"))
            return f"{airline}{w.rng.randint(100, 2999)}"
        if kind == "tracking":
            return w.pick((f"1Z{w.digits(16)}", f"JJD{w.digits(18)}", f"{w.digits(12)}"))
        if kind == "version":
            return ".".join(str(w.rng.randint(0, top)) for top in (12, 20, 99, 255))
        if kind == "serial":
            return f"SN {w.digits(4)}-{w.digits(3)}-{w.digits(4)}"
        if kind == "room":
            return f"{w.pick('ABCDG')}{w.rng.randint(1, 4)}.{w.digits(2)}"
        if kind == "cardend":
            return w.digits(4)
        raise KeyError(name)

    def phone(self, locale: str) -> str:
        fake = self.w.fakers[locale]
        if not hasattr(fake, "phone_number"):  # some dev2 name-only locales have no phone provider
            fake = self.w.fakers["en_US"]
        return re.sub(r"\s+", " ", fake.phone_number()).strip()

    def iban(self, locale: str) -> str:
        iban = self.w.fakers[locale].iban()
        if self.w.chance(0.4):  # printed in groups of four, as banks print them
            return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        return iban


# --------------------------------------------------------------------------------------------------
# Templates: (name, text, case, locales). case "as" keeps the text, "lower"/"upper" re-case it after
# assembly (character by character, so offsets never move). A name's prefix is its kind.
# --------------------------------------------------------------------------------------------------


class Template(NamedTuple):
    name: str
    text: str
    case: str = "as"
    locales: tuple[str, ...] | None = None


US = ("en_US",)
EN = ("en_US", "en_GB", "en_AU", "en_IE", "en_CA")
# fmt: off
TEMPLATES: tuple[Template, ...] = (
    # -- customer-support chats -------------------------------------------------------------------
    Template("chat_parcel_missing",
             "Agent: Thanks for waiting! Can I take the name on the order?\nCustomer: {p.full}\n"
             "Agent: And the delivery postcode?\nCustomer: {a.zip}\nAgent: Found it - order {order}, "
             "the {product} left our depot on {sdate}."),
    Template("chat_change_address",
             "[{time}] {p.first}: hi, I moved last week, can you send everything to {a.street}, {a.city} "
             "from now on?\n[{time2}] Support ({q.first}): done, updated on your account."),
    Template("chat_card_blocked",
             "customer: my card {card} got declined at the till twice today\nbot: I'm sorry to hear that. "
             "for security, please confirm your date of birth\ncustomer: {dob}", "lower"),
    Template("chat_callback",
             "Live chat transcript {date}\nVisitor: can someone call me back? {p.phone}, ask for {p.first}\n"
             "Operator {q.first}: Sure, a colleague will ring you before {time}."),
    Template("chat_refund_email",
             "Hello {p.title} {p.last}, this is {q.first} from {company}. I've issued the "
             "refund of {amount}; a confirmation is on its way to {p.email}."),
    Template("chat_wrong_item",
             "Will you be able to swap it? I ordered the {product} but got a phone case instead. "
             "Ticket {ticket}, account name {p.mi}."),
    Template("chat_login_issue",
             "SUPPORT: WE SAW A LOGIN TO YOUR ACCOUNT FROM {ip} AT {time}. WAS THAT YOU, {p.first}?\n"
             "USER: NO!! I WAS ASLEEP IN {a.city}", "upper"),
    Template("chat_pay_by_phone",
             "Agent: I can take the payment now. Long number please?\nCaller: {card}, expiry {monthyear}, "
             "name on the card is {p.mi}."),
    Template("chat_nothing_personal",
             "Grace periods apply to all subscriptions. Mark the invoice as disputed and we will pause "
             "reminders for {num} days."),
    # -- CRM notes ---------------------------------------------------------------------------------
    Template("crm_call_note",
             "Call note {date} - spoke with {p.full} ({job}, {company}). Wants a demo for {num} seats; "
             "follow up on {weekday}. Direct line {p.phone}."),
    Template("crm_lead_import",
             "Lead: {p.lastfirst} | Company: {company} | Email: {p.workemail} | Source: webinar | "
             "Country: {a.country} | Web: {url}"),
    Template("crm_churn_risk",
             "{p.first} at {company} hinted they are moving to a competitor after the {year} price rise. "
             "{q.full} (their CFO) has not replied since {sdate}."),
    Template("crm_visit",
             "visited {company} at {a.street}, {a.city} {a.zip}. met {p.full} and "
             "{q.first}. they run {num} sites.", "lower"),
    Template("crm_dedupe",
             "Merged duplicate contacts: {p.init} <{p.email}> and {p.full} <{p.workemail}>. "
             "Kept the newer record."),
    Template("crm_renewal",
             "Renewal for {company} is due {date}. Champion: {p.title} {p.last}. "
             "Rose gold {product} bundle offered as a sweetener."),
    # -- HR letters --------------------------------------------------------------------------------
    Template("hr_offer_letter",
             "Dear {p.first},\n\nWe are delighted to offer you the position of {job} at {company}, "
             "starting on {date}. Please report to {q.full} at our office at {a.street}, {a.city}.\n\n"
             "Kind regards,\n{r.full}"),
    Template("hr_reference",
             "To whom it may concern: {p.mi} worked for us from {monthyear} to {monthyear2} as {job}. "
             "{p.He} was reliable and well liked. Contact me on {q.phone} with any questions."),
    Template("hr_leave_request",
             "Leave request - employee {p.full}, dates {sdate} to {sdate2}, reason: family wedding in "
             "{a.city}, {a.country}. Approved by {q.init}."),
    Template("hr_payroll_change",
             "Please update the salary account for {p.full} to {a.iban} from the {monthyear} payroll "
             "onwards. {p.He} confirmed the change by phone."),
    Template("hr_onboarding_checklist",
             "ONBOARDING - {p.last}, {p.first}\nStart: {date}\nManager: {q.full}\nLaptop: {product} "
             "({serial})\nBadge photo: done\nEmergency contact: {r.full}, {r.phone}"),
    Template("hr_us_i9",
             "New hire {p.full}, SSN {ssn}, DOB {dob}, home address {a.street}, {a.city}, {a.region} "
             "{a.zip}.", "as", US),
    Template("hr_w2_correction",
             "Payroll: the W-2 for {p.lastfirst} shows SSN {ssn}; the employee says the correct number is "
             "{ssn2}. Please fix before {sdate}.", "as", US),
    Template("hr_exit_interview",
             "Exit interview, {date}. {p.first} ({age}) says the commute from {city} was the main "
             "reason for leaving."),
    # -- insurance ---------------------------------------------------------------------------------
    Template("ins_claim_ack",
             "Dear {p.title} {p.last},\nWe acknowledge your claim for the water damage at {a.street}, "
             "{a.city}, reported on {date}. Your claims handler is {q.full}, reachable on {q.phone}."),
    Template("ins_motor_claim",
             "Third party: {p.full}, licence {dl}, {a.region} plates. Collision {date} at {time} near "
             "{a.street}.", "as", US),
    Template("ins_quote",
             "Quote for {p.full}, aged {age}, non-smoker, living in {a.city}. "
             "Premium {amount} per month."),
    Template("ins_policy_holder_upper",
             "POLICY HOLDER: {p.full}\nDATE OF BIRTH: {dob}\nADDRESS: {a.street}, {a.zip} {a.city}\n"
             "PREMIUM ACCOUNT: {a.iban}", "upper"),
    Template("ins_travel_claim",
             "I fell ill in {b.city} on {sdate} and had to stay {num} extra nights. My partner "
             "{q.first} paid the hotel with card {card}."),
    # -- e-mail signatures -------------------------------------------------------------------------
    Template("sig_corporate",
             "Best regards,\n\n{p.full}\n{job}\n{company}\n{a.street} | {a.zip} {a.city} | {a.country}\n"
             "T {p.phone} | {url}"),
    Template("sig_short",
             "--\n{p.init}\n{company}\nm: {p.phone}\ne: {p.workemail}\nw: {domain}"),
    Template("sig_lower",
             "cheers\n{p.first}\n\nsent from my phone, please excuse typos", "lower"),
    Template("sig_legal_footer",
             "{p.mi} | {job}\n{company}, registered office {a.street}, {a.city}. This e-mail and any "
             "attachments are confidential."),
    Template("sig_academic",
             "{prof} {p.full}\nDepartment of Economics\n{univ}\n{p.email} / {phone}"),
    # -- shipping forms ----------------------------------------------------------------------------
    Template("ship_label",
             "SHIP TO:\n{p.full}\n{a.street}\n{a.city} {a.zip}\n{a.country}\nTEL {a.phone}\n"
             "Tracking {tracking}", "upper"),
    Template("ship_customs",
             "Customs declaration - sender {p.full}, {a.city}, {a.country}; recipient {q.full}, "
             "{b.street}, {b.zip} {b.city}, {b.country}. Contents: {product}, value {amount}."),
    Template("ship_delivery_note",
             "Your {product} will arrive on {weekday} between {time} and {time2}. If you are out, "
             "we will leave it with {q.first} at number {num}."),
    Template("ship_us_form",
             "Recipient: {p.mi}\nStreet: {a.street}\nCity/State/ZIP: {a.city}, {a.region} {a.zip}\n"
             "Phone: {a.phone}", "as", ("en_US", "en_CA", "en_AU")),
    Template("ship_return_lower",
             "return label for order {order} - from {p.full}, {a.street}, {a.city}", "lower"),
    Template("ship_tracking_only",
             "Parcel {tracking} has left the sorting centre. Estimated delivery window: 2-3 working days."),
    # -- meeting minutes ---------------------------------------------------------------------------
    Template("min_board",
             "Minutes of the board meeting, {date}\nPresent: {p.full} (chair), {q.full}, {r.init}\n"
             "Apologies: {s.full}\n1. The minutes of the last meeting were approved."),
    Template("min_actions",
             "ACTIONS\n- {p.first}: send the revised budget to {company} by {sdate}\n- {q.full}: "
             "book room {room} for the offsite\n- all: review the {product} pilot"),
    Template("min_pta",
             "The PTA met on {weekday} evening. {p.title} {p.last} thanked {q.first} for organising the "
             "cake sale, which raised {amount}. Next meeting {sdate} at {time}."),
    Template("min_residents",
             "residents association - {date}. {p.full} of {a.street} raised the parking problem again. "
             "{q.first} will write to the council.", "lower"),
    # -- social posts ------------------------------------------------------------------------------
    Template("soc_birthday",
             "Happy birthday to my amazing friend {p.first}, {age} today!! Dinner at ours "
             "on {weekday} \U0001f382"),
    Template("soc_moving",
             "Big news: we've moved to {a.city}! Housewarming {sdate}, message me for the address. "
             "{p.full} and {q.first}"),
    Template("soc_lost_dog",
             "LOST DOG near {a.street}, {a.city}. Answers to Max. Please call {p.first} on {p.phone}, "
             "reward offered!!", "upper"),
    Template("soc_review",
             "Stayed at {company} in {a.city} last week. {p.first} at reception was lovely, room "
             "{num} was tiny. 3/5"),
    Template("soc_thread_lower",
             "omg just saw {p.full} at the airport in {city}, {p.he}'s even taller irl", "lower"),
    Template("soc_shop_link",
             "new drop in the shop!! prints inspired by {city} - link in bio \u2192 {url} xx {p.first}",
             "lower"),
    Template("soc_product_hype",
             "Jack of all trades, master of none: the new {product} does everything except make coffee. "
             "Reviewed it over {num} weeks."),
    Template("soc_politics",
             "As a {religion} {p.nat} woman I never thought I'd vote {party}, but here we are."),
    # -- travel bookings ---------------------------------------------------------------------------
    Template("trv_flight_confirmation",
             "Booking confirmed! Passenger: {p.title} {p.full}\nFlight {flight} to {b.city} on "
             "{date}, departs {time}\nBooking ref {pnr}"),
    Template("trv_hotel",
             "Reservation for {p.full} at {company}, {a.street}, {a.city}. Check-in {sdate}, "
             "{num} nights. Paid with {card}."),
    Template("trv_passenger_list",
             "PAX LIST {flight}\n1. {p.slash} {p.title}\n2. {q.slash}\n"
             "3. {r.slash}", "upper"),
    Template("trv_car_hire",
             "Driver: {p.full}, age {age}, US licence {dl}. Pick-up {datetime} at {a.city} airport.",
             "as", US),
    Template("trv_itinerary",
             "Day 1 ({sdate}): land in {city}, train to {city2}. Day 2: meet {p.first} from the "
             "{company} office. Day 3: fly home."),
    Template("trv_visa_letter",
             "This is to confirm that {p.mi} ({p.nat} national, born {dob}) is invited to {a.country} "
             "by {company} for meetings from {sdate} to {sdate2}."),
    # -- bank messages -----------------------------------------------------------------------------
    Template("bank_transfer_alert",
             "You sent {amount} to {q.full} ({b.iban}) on {date}. Not you? Call us on {phone}."),
    Template("bank_direct_debit",
             "Direct debit set up: {company}, reference {order}, from account {a.iban} in the name of "
             "{p.full}."),
    Template("bank_card_ending",
             "Your card ending {cardend} was used for {amount} at {company} on {sdate} at {time}."),
    Template("bank_sms_upper",
             "BANK ALERT: LOGIN FROM NEW DEVICE, IP {ip}, {datetime}. IF THIS WAS NOT YOU REPLY STOP",
             "upper"),
    Template("bank_statement_header",
             "Statement for {p.title} {p.full}\n{a.street}\n{a.zip} {a.city}\nIBAN: {a.iban}\n"
             "Period: {date} - {date2}"),
    Template("bank_fraud_case",
             "Fraud case {ticket}: card {card} reported stolen by the holder {p.full} on {date}. "
             "Disputed: {num} transactions."),
    Template("bank_us_verification",
             "To verify your identity we need the last four of your SSN; you gave {ssn} in full, which we "
             "have now masked. Driver license {dl} is on file.", "as", US),
    # -- school letters ----------------------------------------------------------------------------
    Template("sch_trip",
             "Dear parents,\nYear 6 will visit {city} on {date}. Please return the consent form to "
             "{p.title} {p.last} by {weekday}. Pupils should bring a packed lunch."),
    Template("sch_absence",
             "hi {p.title} {p.last}, {q.first} won't be in today, {q.he} has a temperature. thanks, {r.full}",
             "lower"),
    Template("sch_report",
             "{p.first} ({kidage}) has made excellent progress in maths this term. {p.He} should keep "
             "reading every evening. - {q.init}, class teacher"),
    Template("sch_contact_sheet",
             "Pupil: {p.full}\nDOB: {dob}\nParent/carer: {q.full}\nPhone: {q.phone}\nEmail: {q.email}\n"
             "Address: {a.street}, {a.city}"),
    Template("sch_newsletter",
             "Congratulations to {p.full} and {q.full}, who won the regional chess tournament in "
             "{a.city} on {sdate}!"),
    # -- news snippets -----------------------------------------------------------------------------
    Template("news_appointment",
             "{company} has appointed {p.full}, {age}, as its new chief executive, the firm said on "
             "{weekday}. {p.last} previously ran operations in {country}."),
    Template("news_court",
             "A {age}-year-old man from {a.city} was fined {amount} at {city} magistrates' court on "
             "{sdate} for driving without insurance."),
    Template("news_local_event",
             "More than {num}00 people gathered on {a.street} in {a.city} on {weekday} to protest the "
             "closure of the library, organiser {p.full} said."),
    Template("news_upper_headline",
             "{p.last} QUITS {company} AFTER {num} YEARS", "upper"),
    Template("news_market",
             "Sales of the {product} rose {num}% on the year, analysts said, helped by a strong "
             "holiday quarter."),
    Template("news_obituary",
             "{p.mi}, of {a.city}, died peacefully on {date}, aged {age}. Much loved by {q.first} and "
             "family. Funeral at the parish church on {weekday}."),
    # -- short multi-line records ------------------------------------------------------------------
    Template("rec_visitor_log",
             "VISITOR LOG\nName: {p.full}\nCompany: {company}\nHost: {q.full}\nIn: {time}  Out: {time2}\n"
             "Date: {date}"),
    Template("rec_it_ticket",
             "Ticket {ticket}\nReporter: {p.workemail}\nHost IP: {ip}\nIPv6: {ipsix}\nDescription: VPN "
             "drops every {num} minutes since the {version} update."),
    Template("rec_membership",
             "member no. {order}\nname: {p.lastfirst}\nborn: {dob}\nphone: {p.phone}\nsince: {year}",
             "lower"),
    Template("rec_tenant",
             "Tenant: {p.full}, {p.nat}\nProperty: {a.street}, {a.zip} {a.city}\nRent: {amount} to "
             "{a.iban}\nLandlord: {q.full}"),
    Template("rec_server_access",
             "{datetime} sshd: Accepted publickey for deploy from {ip} port {num}22\n{datetime2} sshd: "
             "Failed password for {p.first} from {ip2}"),
    Template("rec_donation",
             "Donor: {p.title} {p.full}\nGift: {amount}\nCard: {card}\nGift Aid: yes\nDate: {date}"),
    Template("rec_us_patient_intake",
             "Name: {p.full}\nSSN: {ssn}\nDL: {dl}\nAge: {age}\nAddress: {a.street}, {a.city}, {a.region} "
             "{a.zip}", "as", US),
    Template("rec_contacts_csv",
             "name,email,phone\n{p.full},{p.email},{p.phone}\n{q.full},{q.email},{q.phone}"),
    # -- no PII and look-alike non-PII -------------------------------------------------------------
    Template("none_product_specs",
             "The {product} ships with firmware {version} and serial {serial}; replacement parts are "
             "listed under order code {order}."),
    Template("none_capital_words",
             "{capword} is a common word at the start of a sentence. Hope this helps, and Chase the "
             "supplier for the {product} spares."),
    Template("none_numbers",
             "Invoice total {amount} for {num} units; call-off reference {tracking}, "
             "ISBN 978-0-306-40615-7."),
    Template("none_policy_text",
             "Refunds are processed within 14 days. Items must be returned in their original packaging "
             "unless they arrived damaged."),
    Template("none_meeting_room",
             "The Lincoln room on floor {num} is booked for the {product} launch; "
             "catering for {num2} people."),
    Template("none_lower_chatter",
             "ok that works for me, let's do the usual place. bring the charger for the {product}",
             "lower"),
    Template("none_upper_notice",
             "NOTICE: THE CAR PARK WILL BE CLOSED FOR RESURFACING. PLEASE USE GATE {num}.", "upper"),
    Template("none_generic_greeting",
             "Hi team, quick reminder that expense claims for this quarter close soon. Thanks all!"),
    # -- mixed ---------------------------------------------------------------------------------
    Template("mix_wedding_rsvp",
             "RSVP: {p.first} & {q.full} - yes, both coming! Dietary: vegetarian. "
             "We'll stay at {company} in {a.city}."),
    Template("mix_landlord_email",
             "Hi {p.first}, the plumber ({q.full}, {q.phone}) will come to {a.street} on {weekday} "
             "morning. Let me know if that's a problem. {r.first}"),
    Template("mix_gym_signup",
             "Welcome to {company}, {p.first}! Your membership starts {sdate}. Monthly fee {amount} from "
             "{a.iban}. Questions? {url}"),
    Template("mix_car_sale_ad",
             "For sale: {year} Ford Transit, {num}k miles, one owner. Viewing in {a.city}, call "
             "{p.first} {phone} after {time}."),
    Template("mix_religious_community",
             "The {religion} community centre on {a.street} welcomes {p.full} as its new "
             "coordinator from {monthyear}."),
    Template("mix_domain_whois",
             "Domain {domain} registered {date} by {p.full}, {company}, {a.city}, {a.country}. "
             "Admin contact {p.email}, server {ip}."),
    Template("mix_jp_partner",
             "Our {p.nat} partner {p.full} ({company}) will join the call from {city} at {time}; "
             "{q.first} will translate.", "as", ("ja_JP",)),
)
# fmt: on


# --------------------------------------------------------------------------------------------------
# dev2: a second, independent split (its own sentence shapes, its own seed). Kinds dev has few of:
# forms, CVs, property listings, obituaries and announcements, event registrations, invoices and
# delivery notes, incident reports, academic author lists, chatbot and voice-assistant transcripts,
# logs, JSON and CSV records, forum posts and personal statements, reviews, itineraries, and letters
# with a whole postal address block in each locale's own format (one STREET_ADDRESS span).
# --------------------------------------------------------------------------------------------------
# fmt: off
TEMPLATES2: tuple[Template, ...] = (
    # -- forms and key-value records ---------------------------------------------------------------
    Template("form_club_registration",
             "Registration form\nFull name: {p.full}\nDate of birth: {dob}\nAddress:\n{a.block}\n"
             "Telephone: {p.phone}\nE-mail: {p.email}\nHow did you hear about us? Leaflet"),
    Template("form_change_of_address",
             "CHANGE OF ADDRESS\nSurname: {p.last}\nGiven name(s): {p.first}\nPrevious address: {a.line}\n"
             "New address: {b.line}\nEffective from: {date}"),
    Template("form_emergency_contact",
             "Staff member: {p.init}\nNext of kin: {q.fml}\nRelationship: sibling\nMobile: {q.phone}\n"
             "Town: {city}"),
    Template("form_visa_style",
             "Surname / given names: {p.caps}\nNationality: {p.nat}\nPlace of birth: {city}, {country}\n"
             "Date of birth: {dob}\nOccupation: {role}"),
    Template("form_lower_signup",
             "name: {p.full}\nage: {age}\ncity: {city}\nreferred by: {q.first}\nnewsletter: yes", "lower"),
    Template("form_us_rental_application",
             "RENTAL APPLICATION\nApplicant: {p.full}\nSSN: {ssn}\nDriver's license #: {dl}\n"
             "Current address:\n{a.block}\nEmployer: {org}\nMonthly income: {amount}", "as", US),
    # -- CVs and resumes ---------------------------------------------------------------------------
    Template("cv_contact_header",
             "{p.full}\n{role}\n{a.linec} | {p.phone} | {p.email} | {profile}"),
    Template("cv_work_history",
             "WORK HISTORY\n{role} | {org} | {city}\n{monthyear} - present\n{role2} | {org2} | {city2}, "
             "{country}\n{monthyear2} - {monthyear3}"),
    Template("cv_education_block",
             "Education: MSc Data Science, {univ} ({year}); BSc Physics, {univ2} ({year2}). "
             "References available on request."),
    Template("cv_profile_prose",
             "I am a {age}-year-old {p.nat} software engineer living in {a.city}, currently at {org}. "
             "Before that I spent {num} years with {org2} in {city}."),
    # -- property listings -------------------------------------------------------------------------
    Template("estate_for_sale",
             "FOR SALE - three bedroom semi-detached house\n{a.linec}\nGuide price {amount}. Viewings "
             "strictly by appointment with {org} on {phone}."),
    Template("estate_rental_lower",
             "2 bed flat to rent near the park in {a.city}, available from {sdate}. text {p.first} on "
             "{p.phone}, no agents please", "lower"),
    Template("estate_sold_prose",
             "Sold in {monthyear}: the cottage on {a.street}, {a.city}, went to {p.full} and {q.full} "
             "after {num} days on the market, {org} confirmed."),
    Template("estate_open_house",
             "Open house {weekday}, {time} to {time2}\n{a.block}\nYour host: {p.title} {p.last}. "
             "Parking on the street."),
    # -- obituaries and announcements --------------------------------------------------------------
    Template("obit_family_notice",
             "{p.caps} of {a.city}, formerly of {city}, passed away peacefully on {date}, aged {age}. "
             "Beloved partner of the late {q.first} and parent of {r.first} and {s.first}. The service "
             "will be held at St Anne's Church on {weekday} at {time}."),
    Template("ann_new_baby",
             "{p.first} and {q.full} are thrilled to welcome baby {r.first}, born {sdate} at "
             "{time}. Mum and baby are doing well!"),
    Template("ann_engagement",
             "The engagement is announced between {p.full}, of {a.city}, and {q.full}, of {b.city}, "
             "{b.country}."),
    Template("ann_retirement",
             "After {num} years at {org}, {p.title} {p.inits} retires on {date}. Join us for a farewell "
             "at the Red Lion from {time}."),
    # -- event registrations -----------------------------------------------------------------------
    Template("evt_confirmation",
             "Your registration is confirmed!\nEvent: Open Data Summit {year}\nAttendee: {p.full}\n"
             "Organisation: {org}\nBadge name: {p.first}\nSession: Hall B, {date} {time}"),
    Template("evt_race_results_csv",
             "pos,bib,name,age,club,nationality\n1,{num}01,{p.full},{age},{org},{p.nat}\n2,{num2}17,"
             "{q.full},{age2},{org2},{q.nat}"),
    Template("evt_ticket_purchase",
             "Thanks for your order, {p.first}! {num} tickets for {sdate}, charged to {card}. "
             "Manage your booking at {url} or call us on {phone}."),
    Template("evt_waitlist_email",
             "Hi {p.fl}, a place has opened up for the {weekday} workshop in {city}. Reply by {sdate} "
             "to claim it. - {q.first} at {brand}"),
    # -- invoices and delivery notes ---------------------------------------------------------------
    Template("inv_invoice_header",
             "INVOICE {order}\nInvoice date: {date}\nBill to:\n{p.full}\n{org}\n{a.block}\n"
             "VAT no. {vat}"),
    Template("inv_delivery_note",
             "DELIVERY NOTE\nDeliver to: {p.title} {p.full}\n{a.blockc}\nCarrier ref: {tracking}\n"
             "Delivery window: {sdate}, after {time}"),
    Template("inv_pro_forma_upper",
             "PRO FORMA INVOICE\nSELLER: {org}\nBUYER: {org2}, {b.line}\nPAY TO: {iban}", "upper"),
    Template("inv_card_receipt",
             "Receipt {order}\n{num} x {product}\nPaid by card {card}, exp {monthyear}\nCardholder: "
             "{p.full}\nThank you for shopping with {brand}!"),
    # -- incident and police reports ---------------------------------------------------------------
    Template("pol_burglary_report",
             "Incident {ticket}: at approx. {time} on {date} officers attended {a.street}, {a.city} "
             "after {p.full}, {age}, reported a break-in. A silver {car} was seen leaving."),
    Template("pol_witness_statement",
             "Witness statement of {p.mi}, born {dob}, of {a.line}.\nI have known {q.full} since "
             "{year}. On the evening of {sdate} I saw {q.first} leave the Crown with {r.first}."),
    Template("pol_traffic_stop",
             "Traffic stop {date}, {time}: driver {p.full}, DOB {dob}, license {dl} ({a.region}). "
             "Vehicle registered to {q.full}.", "as", US),
    Template("pol_lost_property_lower",
             "lost property: black wallet handed in at the station by {p.full}. owner {q.init} "
             "contacted on {q.phone} on {weekday}", "lower"),
    Template("pol_security_incident",
             "SECURITY INCIDENT {ticket}\nDetected: {isots}\nSource IP: {ip}\nTarget host: {ipsix}\n"
             "Affected user: {p.workemail}\nAnalyst: {q.full}"),
    # -- academic affiliations and author lists ----------------------------------------------------
    Template("acad_author_block",
             "{p.inits}, {q.full} and {r.init}\nSchool of Computing, {univ}, {a.city}, {a.country}\n"
             "{org}, {city}"),
    Template("acad_correspondence",
             "*Correspondence: {p.email}; Tel.: {p.phone}\nReceived: {date}; Accepted: {date2}; "
             "Published: {date3}"),
    Template("acad_reference_list",
             "{p.lastinit}, {q.lastinit} and {r.lastinit} ({year}). Learning from sparse tables. "
             "Journal of Applied Statistics, 12(3), 45-67."),
    Template("acad_speaker_bio",
             "{prof} {p.full} is a visiting fellow at {org} in {city} and previously taught at {univ}. "
             "{p.He} grew up in {country}."),
    # -- chatbot and voice-assistant transcripts ---------------------------------------------------
    Template("bot_voice_call_lower",
             "user: hey assistant call {p.full} mobile\nassistant: calling {p.full}, mobile\nuser: no "
             "stop, i meant {q.first}", "lower"),
    Template("bot_voice_directions_lower",
             "user: navigate to {a.line}\nassistant: starting route to {a.line}. you'll arrive around "
             "{time}", "lower"),
    Template("bot_table_booking",
             "Bot: What name is the table under?\nUser: {p.last}\nBot: How many guests?\nUser: {num}\n"
             "Bot: Lovely, {p.title} {p.last}, see you {weekday} at {time}."),
    Template("bot_reminder_lower",
             "set a reminder to ring {p.first} on {weekday} at {time} about the {product}", "lower"),
    Template("bot_smart_speaker_lower",
             "alexa what's the weather in {city} this weekend\nalexa play radio {num}", "lower"),
    Template("bot_caller_verification",
             "Virtual agent: To check it's you, please say your postcode.\nCaller: {a.zip}\nVirtual "
             "agent: Thanks. And the first line of your address?\nCaller: {a.street}"),
    # -- app and web-server logs -------------------------------------------------------------------
    Template("log_access_line",
             "{ip} - - [{clfts}] \"GET /account/{num}/settings HTTP/1.1\" 200 {num2}34 \"-\" "
             "\"Mozilla/5.0 (X11; Linux x86_64)\""),
    Template("log_json_event",
             "{{\"ts\": \"{isots}\", \"level\": \"INFO\", \"event\": \"password_reset\", \"email\": "
             "\"{p.email}\", \"client_ip\": \"{ip}\"}}"),
    Template("log_auth_lockout",
             "{isots} WARN auth: 3 failed logins for {p.email} from {ipsix}; account locked until {time}"),
    Template("log_mail_relay",
             "{datetime} postfix/smtp[{num}11]: to=<{p.email}>, relay={ip}:25, status=sent (250 OK)"),
    # -- JSON and CSV records ----------------------------------------------------------------------
    Template("json_customer_record",
             "{{\"customer\": {{\"name\": \"{p.full}\", \"dob\": \"{dob}\", \"address\": \"{a.linec}\", "
             "\"phone\": \"{p.phone}\"}}}}"),
    Template("csv_order_export",
             "order_id;customer;city;postcode;country\n{order};{p.full};{a.city};{a.zip};{a.country}\n"
             "{order2};{q.full};{b.city};{b.zip};{b.country}"),
    Template("json_employee_lower",
             "{{\"first_name\": \"{p.first}\", \"last_name\": \"{p.last}\", \"role\": \"{role}\", "
             "\"employer\": \"{org}\", \"iban\": \"{a.iban}\"}}", "lower"),
    Template("csv_delegates_upper",
             "SURNAME,FORENAME,NATIONALITY,DOB\n{p.last},{p.first},{p.nat},{dob}\n{q.last},{q.first},"
             "{q.nat},{dob2}", "upper"),
    # -- forum posts and personal statements -------------------------------------------------------
    Template("post_moved_cities",
             "I moved from {city} to {city2} with my husband {q.first} in {year}, and honestly the first "
             "winter was brutal."),
    Template("post_personal_statement",
             "Growing up in {a.city}, {a.state}, I was the first in my family to go to university. My "
             "neighbour {q.full}, a {religion} refugee from {country}, taught me to read."),
    Template("post_broadband_lower",
             "anyone else on {org} broadband in {city}? down since {sdate}. my neighbour {p.first} says "
             "theirs is fine lol", "lower"),
    Template("post_expat_question",
             "{p.nat} expat here ({age}F), relocating from {country} to {city} for a job at {org}. Any "
             "tips on areas near the park?"),
    Template("post_thank_you",
             "Huge thanks to {p.full} of {org} for the flowers, and to {q.first} & {r.first} for "
             "driving all the way from {city}!"),
    Template("post_politics_lower",
             "voted {party} my whole life but after what happened in {city} last year i'm done. "
             "{p.last} doesn't speak for me", "lower"),
    Template("post_shop_plug",
             "Shameless plug: my friend {p.first} just opened {p.his} pottery shop in {city}, all online at "
             "{url} - use code SPRING for free delivery!"),
    Template("post_startup_news",
             "Thrilled to share that I've joined {org} as employee number {num}! Previously at {org2} "
             "and {org3}."),
    # -- reviews -----------------------------------------------------------------------------------
    Template("rev_hotel_stay",
             "Stayed {sdate} to {sdate2}. Spotless room, and {p.first} at reception upgraded us for "
             "free. We'll be back next time we're in {city}. - {q.fl}, {country}"),
    Template("rev_tradesman",
             "{org} fixed our boiler the same day. {p.full} was polite and tidy. Highly recommend to "
             "anyone in {a.city}."),
    Template("rev_restaurant_lower",
             "came here for my mum's birthday and the manager {p.first} was lovely. best pasta in {city} "
             "hands down", "lower"),
    # -- travel itineraries ------------------------------------------------------------------------
    Template("itin_day_by_day",
             "Day 1 - {date}\n{time} Land in {city}, transfer to the hotel\n{time2} Meet your guide "
             "{p.full} in the lobby\nDay 2 - {date2}\nTrain to {city2}; dinner with {q.first} and "
             "{r.first}"),
    Template("itin_flight_summary",
             "Booking {pnr}\nLead traveller: {p.title} {p.inits}\nOutbound {flight}: {city} to {city2}, "
             "{datetime}\nReturn {flight2}: {datetime2}\nEmergency contact: {q.phone}"),
    Template("itin_roadtrip_lower",
             "road trip: {city} -> {city2} -> {city3}. staying with {p.first}'s cousin {q.full} in "
             "{city2} on {weekday}", "lower"),
    # -- letters with a whole postal address block -------------------------------------------------
    Template("letter_formal_block",
             "{p.title} {p.full}\n{a.block}\n\n{date}\n\nDear {p.title} {p.last},\nThank you for your "
             "letter about the renewal of your policy."),
    Template("letter_international_block",
             "From:\n{p.full}\n{a.blockc}\n\nTo:\n{q.full}\n{org}\n{b.blockc}"),
    Template("letter_send_contract",
             "Please send the signed contract to {q.title} {q.full}, {b.linec}, no later than {date}."),
    Template("letter_care_of",
             "{p.full}\nc/o {q.full}\n{a.block}"),
    Template("letter_return_address",
             "If undelivered, please return to {org}, {a.line}."),
    # -- no PII, and non-PII look-alikes -----------------------------------------------------------
    Template("nopii_cv_tips",
             "Keep your CV to two pages and put your most recent role first. Recruiters often skim, so "
             "lead with results."),
    Template("nopii_generic_places",
             "Meet at the park by the main gate; the cafe next to the station does good coffee and the "
             "library opens at nine."),
    Template("nopii_part_numbers",
             "Pump {serial} runs at {num}00 rpm. Order part no. 555-0199-22 and fuse 10A, firmware "
             "{version}."),
    Template("nopii_job_advert",
             "We are hiring a Senior Data Engineer and two night-shift nurses. The Head of Finance will "
             "interview shortlisted candidates."),
    Template("nopii_capitalised_rooms",
             "Orion Suite and Mercury Lounge are free after lunch. Summer Sale prices apply to the "
             "{product} while stocks last."),
    Template("nopii_site_sign_upper",
             "STAFF ONLY BEYOND THIS POINT. HARD HATS AND HI-VIS MUST BE WORN AT ALL TIMES.", "upper"),
    Template("nopii_product_review",
             "The {product} is great, but battery life is poor and the car charger costs extra. "
             "Four stars."),
)
# fmt: on


# --------------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------------


def recase(text: str, case: str) -> str:
    """Lower or upper case, character by character, so a character that would change length stays."""
    if case == "as":
        return text
    change = str.lower if case == "lower" else str.upper
    return "".join(c2 if len(c2 := change(ch)) == 1 else ch for ch in text)


def render(w: World, template: Template) -> dict[str, Any]:
    """One item: the template's fields resolved in order, PII pieces becoming spans as they are appended."""
    fill = Fill(w, template.locales)
    parts: list[str] = []
    spans: list[dict[str, Any]] = []
    length = 0
    for literal, name, spec, conversion in string.Formatter().parse(template.text):
        assert not spec and not conversion, template.name
        pieces: list[Piece] = [literal]
        if name is not None:
            pieces.append(fill.get(name))
        for piece in pieces:
            if isinstance(piece, Pii):
                assert piece.label in LABELS, piece.label
                assert piece.text and piece.text == piece.text.strip(), piece
                spans.append({"start": length, "end": length + len(piece.text), "label": piece.label})
                text = piece.text
            else:
                text = piece
            parts.append(text)
            length += len(text)
    text = recase("".join(parts), template.case)
    assert len(text) == length
    previous_end = 0
    for span in spans:  # appended left to right: already sorted
        assert span["start"] >= previous_end, (template.name, span)
        span["text"] = text[span["start"] : span["end"]]
        previous_end = span["end"]
    return {"template": template.name, "text": text, "spans": spans}


def generate(seed: int = SEED, split: str = "dev") -> list[dict[str, Any]]:
    """``dev`` (TEMPLATES, seed) or ``dev2`` (TEMPLATES2, seed + DEV2_SEED_OFFSET, more locales)."""
    names = [t.name for t in TEMPLATES + TEMPLATES2]
    assert len(names) == len(set(names)), "template names are unique, across dev and dev2"
    if split == "dev":
        templates, w = TEMPLATES, World(seed)
    elif split == "dev2":
        seed += DEV2_SEED_OFFSET
        # en_PH's building names need the misc provider.
        providers = [*FAKER_PROVIDERS, "faker.providers.misc"]
        templates, w = TEMPLATES2, World(seed, DEV2_LOCALES, DEV2_ADDRESS_LOCALES, providers)
    else:
        raise ValueError(split)
    records = [render(w, template) for template in templates for _ in range(FILLS_PER_TEMPLATE)]
    random.Random(f"{seed}-order").shuffle(records)
    return [
        {"id": f"gen-{split}-{i:04d}", "template": r["template"], "text": r["text"], "spans": r["spans"]}
        for i, r in enumerate(records, 1)
    ]


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> None:
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(lines), encoding="utf-8", newline="\n")
    tmp.replace(path)


def summary(records: Sequence[dict[str, Any]], split: str = "dev") -> str:
    """Markdown tables of items per kind and spans per label (pasted into the README)."""
    all_templates = TEMPLATES if split == "dev" else TEMPLATES2
    kinds = Counter(r["template"].split("_", 1)[0] for r in records)
    kinds = Counter({k: kinds[k] for k in dict.fromkeys(t.name.split("_", 1)[0] for t in all_templates)})
    templates = Counter(t.name.split("_", 1)[0] for t in all_templates)
    lines = ["| kind | templates | items |", "|---|---|---|"]
    lines += [f"| {k} | {templates[k]} | {n} |" for k, n in kinds.items()]
    lines.append(f"| **all** | {len(all_templates)} | {len(records)} |")
    labels = Counter(span["label"] for r in records for span in r["spans"])
    lines += ["", "| label | spans |", "|---|---|"]
    lines += [f"| {label} | {labels[label]} |" for label in LABELS if labels[label]]
    lines.append(f"| **all** | {sum(labels.values())} |")
    no_pii = sum(not r["spans"] for r in records)
    lines.append(f"\nItems without any span: {no_pii}.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (dev.jsonl, dev2.jsonl)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quiet", action="store_true", help="do not print the summary tables")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for split in ("dev", "dev2"):
        records = generate(args.seed, split)
        write_jsonl(args.out / f"{split}.jsonl", records)
        if not args.quiet:
            print(f"## {split}\n\n{summary(records, split)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
