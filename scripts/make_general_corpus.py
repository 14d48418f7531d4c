"""Generate the synthetic general-text PII corpus: ``bench/data/general/{dev,dev2,dev3}.jsonl``.

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
``dev3.jsonl`` is a third split, held out (never tuned on): public record and message formats (vCard,
iCalendar, HL7 v2, FHIR and schema.org JSON, mail headers, BibTeX, court captions, payment fields, minutes;
``TEMPLATES3``), from ``seed + DEV3_SEED_OFFSET`` and dev2's locales.

The sentence shapes are data, ``scripts/corpus_templates/general/{dev,dev2,dev3}.yaml`` (format: the README in
``scripts/corpus_templates/``); this script holds the World and the fillers that resolve their slots.
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

import yaml
from faker import Faker

SEED = 20261130
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "bench" / "data" / "general"
FILLS_PER_TEMPLATE = 5
# dev2 (a second split, with its own templates) is drawn from seed + DEV2_SEED_OFFSET.
DEV2_SEED_OFFSET = 1000
# dev3 (a third, held-out split: public record and message formats) from seed + DEV3_SEED_OFFSET.
DEV3_SEED_OFFSET = 2000

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
# Templates live in scripts/corpus_templates/general/{dev,dev2}.yaml (format: the README there): each is
# a name, a text with ``{field}`` slots, a case ("as" keeps the text, "lower"/"upper" re-case it after
# assembly, character by character, so offsets never move) and optionally the locales it is filled
# from. A name's prefix is its kind. Order matters: it is the order items are drawn in.
# --------------------------------------------------------------------------------------------------

TEMPLATE_DIR = Path(__file__).resolve().parent / "corpus_templates" / "general"
TEMPLATE_KEYS = frozenset({"name", "text", "case", "locales"})
CASES = ("as", "lower", "upper")


class Template(NamedTuple):
    name: str
    text: str
    case: str = "as"
    locales: tuple[str, ...] | None = None


def load_templates(path: Path) -> tuple[Template, ...]:
    """The templates of one split file, checked: known keys, a known case, slots without format specs."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["templates"]
    templates = []
    for entry in entries:
        unknown = set(entry) - TEMPLATE_KEYS
        if unknown or not {"name", "text"} <= set(entry):
            raise ValueError(f"{path.name}: template {entry.get('name')!r} has keys {sorted(entry)}")
        locales = entry.get("locales")
        template = Template(entry["name"], entry["text"], entry.get("case", "as"), locales and tuple(locales))
        if template.case not in CASES:
            raise ValueError(f"{path.name}: template {template.name!r} has case {template.case!r}")
        if any(spec or conversion for _, _, spec, conversion in string.Formatter().parse(template.text)):
            raise ValueError(f"{path.name}: template {template.name!r} has a slot with a format spec")
        templates.append(template)
    return tuple(templates)


TEMPLATES = load_templates(TEMPLATE_DIR / "dev.yaml")
# dev2: a second, independent split (its own sentence shapes, its own seed); see its file's header.
TEMPLATES2 = load_templates(TEMPLATE_DIR / "dev2.yaml")
# dev3: a third, held-out split (public record and message formats, its own seed); see its file's header.
TEMPLATES3 = load_templates(TEMPLATE_DIR / "dev3.yaml")
SPLIT_TEMPLATES = {"dev": TEMPLATES, "dev2": TEMPLATES2, "dev3": TEMPLATES3}
SPLIT_SEED_OFFSETS = {"dev": 0, "dev2": DEV2_SEED_OFFSET, "dev3": DEV3_SEED_OFFSET}


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
    for literal, name, _, _ in string.Formatter().parse(template.text):
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


def split_world(seed: int, split: str) -> World:
    """The World a split is drawn from: dev's from ``seed``, dev2's from ``seed + DEV2_SEED_OFFSET`` and
    more locales."""
    if split == "dev":
        return World(seed)
    if split in ("dev2", "dev3"):
        # en_PH's building names need the misc provider.
        providers = [*FAKER_PROVIDERS, "faker.providers.misc"]
        return World(seed + SPLIT_SEED_OFFSETS[split], DEV2_LOCALES, DEV2_ADDRESS_LOCALES, providers)
    raise ValueError(split)


def generate(seed: int = SEED, split: str = "dev") -> list[dict[str, Any]]:
    """``dev`` (TEMPLATES, seed), ``dev2`` (TEMPLATES2, seed + DEV2_SEED_OFFSET, more locales) or ``dev3``
    (TEMPLATES3, seed + DEV3_SEED_OFFSET, dev2's locales)."""
    names = [t.name for t in TEMPLATES + TEMPLATES2 + TEMPLATES3]
    assert len(names) == len(set(names)), "template names are unique, across dev, dev2 and dev3"
    templates = SPLIT_TEMPLATES[split]
    w = split_world(seed, split)
    seed += SPLIT_SEED_OFFSETS[split]
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
    all_templates = SPLIT_TEMPLATES[split]
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
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (dev, dev2, dev3 .jsonl)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quiet", action="store_true", help="do not print the summary tables")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for split in SPLIT_TEMPLATES:
        records = generate(args.seed, split)
        write_jsonl(args.out / f"{split}.jsonl", records)
        if not args.quiet:
            print(f"## {split}\n\n{summary(records, split)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
