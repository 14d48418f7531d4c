"""Column names: split into words whatever their spelling, and read against the name vocabulary.

``pt_name``, ``PATIENT_LAST``, ``dateOfBirth``, ``Postal Code``, ``ADDR1``, ``name.given`` and
``PATIENTLASTNAME`` all become canonical words (:func:`name_words`); :func:`kind_from_name` reads a PHI
kind from them, ``"none"`` for a clinical or descriptive name, or None when the name says nothing known.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from safecohort.detect.columns.vocabulary import (
    BIRTH_MEASURES,
    CLINICAL,
    DATA_THINGS,
    DESCRIPTORS,
    ENTITY_ALONE,
    METADATA,
    NOT_PEOPLE,
    PIPELINE,
    SPELLINGS,
)
from safecohort.detect.vocab import clinical_terms
from safecohort.policy import PhiKind

_CANONICAL: dict[str, str] = {
    spelling: word for word, spellings in SPELLINGS.items() for spelling in spellings
}
# Words (and their spellings) that may be glued together in a column name ("PATIENTLASTNAME").
_VOCABULARY = frozenset(
    w for w in (*_CANONICAL, *DESCRIPTORS, *NOT_PEOPLE, *CLINICAL) if len(w) >= 2 or w in ("e",)
)
_CAMEL_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_CAMEL_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z])")
_SEPARATORS = re.compile(r"[^A-Za-z0-9#]+|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


def _segment(word: str) -> list[str]:
    """A lowercase word split into vocabulary words when it is a run of them ("dateofbirth"), else as is."""
    if word in _VOCABULARY or len(word) < 5:
        return [word]
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 16), end):
            piece = word[start:end]
            head = best[start]
            if head is not None and len(piece) >= 2 and piece in _VOCABULARY:
                candidate = [*head, piece]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    found = best[len(word)]
    return found if found else [word]


@cache
def raw_words(column: str) -> tuple[str, ...]:
    """The lowercase words of a column name as spelled: camelCase, snake_case, dots, spaces and glued
    vocabulary words split ("dateOfBirth" -> date, of, birth)."""
    spaced = _CAMEL_LOWER_UPPER.sub(r"\1 \2", str(column))
    spaced = _CAMEL_ACRONYM.sub(r"\1 \2", spaced)
    words: list[str] = []
    for part in _SEPARATORS.split(spaced):
        if part:
            words += _segment(part.lower())
    return tuple(words)


def name_words(column: str) -> list[str]:
    """The words of a column name, lowercased and canonical, whatever its spelling.

    >>> name_words("PAT_FIRST_NM"), name_words("dateOfBirth"), name_words("E-mail Address")
    (['patient', 'first', 'name'], ['date', 'of', 'birth'], ['email', 'address'])
    """
    joined: list[str] = []
    for word in (_CANONICAL.get(w, w) for w in raw_words(column)):
        if joined and joined[-1] == "e" and word == "email":
            joined[-1] = "email"  # "e mail"
        else:
            joined.append(word)
    return joined


NameKind = PhiKind | Literal["none"] | None
NameVerdict = tuple[NameKind, float]
_NAME_WORDS = frozenset({"name", "first", "last", "middle"})
_PEOPLE = frozenset({"patient", "member", "guarantor"})
# Entities whose keys identify someone or something of theirs.
_KEYED = frozenset({"patient", "member", "guarantor", "event", "organization", "provider", "location"})
# Spellings of a key as the last word of a name ("drug_exposure_id", "CHARGEID", "SERIES_UID"); "number"
# and "no" are left out: "line_number", "seq_no" count things.
_KEY_WORDS = frozenset({"id", "ids", "identifier", "key", "uid", "guid", "uuid", "ide", "reference"})
# More words before "text" naming a coded element ("bodySite.text", "admitSource.text"); a site's or a
# source's *name* is an organisation's, so these do not make a name harmless.
_CODED_TEXT = frozenset({"site", "body", "absent", "source", "preference", "communication", "readmission"})
# Entities whose referenced display text names someone or somewhere ("subject.display", "assigner.display").
_NAMED_ENTITIES = frozenset({"patient", "member", "guarantor", "provider", "organization", "location"})
# Keys of administrative things, not of a person or an event of theirs ("payer_id", "versionId").
_ADMIN_KEYS = frozenset(
    {"version", "project", "cohort", "department", "dept", "network", "metadata", "payer", "payor", "upload",
     "fee", "schedule", "vocabulary", "domain", "concept", "product"}
)  # fmt: skip
# Words before "text" that make it the text of a coded element ("code.text", "maritalStatus.text").
_CODED = frozenset(
    {"code", "concept", "coding", "codeable", "status", "category", "type", "class", "language", "method",
     "interpretation", "priority", "use", "purpose", "disposition", "relationship", "reaction", "cause",
     "marital", "icd", "icd9", "icd10", "drg", "cpt", "hcpcs", "loinc", "snomed", "rxnorm", "ndc"}
)  # fmt: skip
# First words that make a column a yes/no flag.
_FLAG_PREFIXES = frozenset({"is", "has", "was", "were", "had", "did", "does", "can", "should"})
# Words of entity-attribute-value tables: their value column holds any field's value.
_FIELD_WORDS = frozenset({"field", "attribute", "attr", "property", "param", "parameter"})
# Words that qualify a key without changing what it is ("identifier.value", "member_id_number").
_KEY_FILLERS = frozenset({"id", "value", "val", "of", "home"})
# Geography finer than a state: with one of these, a "region" word does not make the column harmless.
_FINE_PLACES = frozenset({"address", "line", "zip", "city", "geo"})


def kind_from_name(column: str) -> NameVerdict:
    """PHI kind the column's name suggests, and how sure: ``"none"`` for a clinical or descriptive name
    ("hemoglobin", "phone_type"), None when the name says nothing known."""
    spelled = raw_words(column)
    raw = set(spelled)
    words = name_words(column)
    canon = set(words)
    if not canon:
        return None, 0.0
    last = next((w for w in reversed(spelled) if not w.isdigit()), spelled[-1])  # "fact_id_1": id
    if last in {"source", "src"}:
        return "none", 0.7  # where a value came from ("PATIENT_IDE_SOURCE", "admission_source")
    if last in _KEY_WORDS and not raw & (_CODED | _ADMIN_KEYS | METADATA):
        return "identifier", 0.85  # a key of something: "subject.reference", "transfer_id", "vitalid"
    if words[-1] == "note" and "id" not in canon:
        if raw & (_CODED | _CODED_TEXT):
            return "none", 0.7  # the text of a coded element: "code.text", "maritalStatus.text"
        return "free_text", 0.7  # "result_text", "comment": the text, whatever it describes
    if raw & {"value", "val"} and (raw & _FIELD_WORDS or (raw & _KEY_WORDS and not raw & DESCRIPTORS)):
        return ("other" if raw & _FIELD_WORDS else "identifier"), 0.8  # "identifier.value", "field_value"
    if is_metadata_date(column):
        return "none", 0.7  # the record's handling ("upload_date", "valid_start_date"), not the person's care
    if spelled[0] in _FLAG_PREFIXES:
        return "none", 0.7  # "is_hierarchical", "has_allergy": a flag
    described = (spelled[-1] in DESCRIPTORS and "age" not in canon) or not canon & {"birth", "age", "date"}
    if raw & DESCRIPTORS and described and words[-1] != "date":
        return "none", 0.7
    if "name" in canon and raw & _CODED:
        return "none", 0.7  # the display name of a coded element ("code.coding.display")
    if (
        last == "display"
        and not canon & _NAMED_ENTITIES
        and canon - {"name"} <= _KEYED | CLINICAL | {"event"}
    ):
        return (
            "none",
            0.6,
        )  # the display text of a reference to an event ("encounter.display", "account.display")
    if "region" in canon and not canon & _FINE_PLACES - {"address", "geo"}:
        return "none", 0.7  # state, province, country: Safe Harbor lets them stay ("address.state")
    person = bool(canon & _PEOPLE)
    people_words = not raw & NOT_PEOPLE
    named = "name" in canon
    # A name of something that is not a person: a drug's, a test's, a plan's.
    if named and not people_words and not canon & {"organization", "provider"} and not person:
        return "none", 0.7
    rules: list[tuple[bool, PhiKind, float]] = [
        ("ssn" in canon or {"social", "security"} <= canon, "ssn", 0.95),
        ("secret" in canon, "identifier", 0.9),
        ("email" in canon, "email", 0.95),
        ("url" in canon, "url", 0.9),
        ("ip" in canon and bool(canon & {"address", "id"}), "ip", 0.9),
        ("mrn" in canon or {"medical", "event", "id"} <= canon, "mrn", 0.95),
        ("phone" in canon, "phone", 0.9),
        ("birth" in canon and not raw & BIRTH_MEASURES and "city" not in canon, "dob", 0.95),
        ("npi" in canon or ("provider" in canon and (people_words or named)), "provider", 0.85),
        (
            "organization" in canon and (named or not canon - {"organization", "home", "of"}),
            "organization",
            0.85,
        ),
        (
            people_words
            and (
                (named and (person or not canon - _NAME_WORDS - {"home", "of"}))
                or (bool(canon & {"first", "last", "middle"}) and (person or named or canon <= _NAME_WORDS))
            ),
            "name",
            0.9,
        ),
        ("geo" in canon, "geocode", 0.9),
        ("zip" in canon, "zip", 0.9),
        ("address" in canon, "address", 0.85),
        ("city" in canon, "city", 0.85),
        ("age" in canon, "age", 0.85),
        # A name of something not known to be a thing rather than a person: fail closed.
        (named and people_words, "name", 0.6),
        (
            "standalone_id" in canon
            or ("id" in canon and bool(canon & _KEYED))
            or (
                bool(canon & _KEYED - {"event"})
                and bool(raw & {"value", "val"})
                and not raw & (CLINICAL | DESCRIPTORS) - {"value", "val", "source"}
            )
            or (bool(raw) and not raw - ENTITY_ALONE - {"home", "of"})
            or (bool(raw & _KEY_WORDS) and not canon - _KEY_FILLERS),
            "identifier",
            0.85,
        ),
        # A date word names a date when it ends the name or heads "date of ..."; "stop_reason" is a reason.
        (words[-1] == "date" or ("date" in canon and "of" in canon), "date", 0.75),
        ("note" in canon, "free_text", 0.7),
    ]
    for matched, kind, confidence in rules:
        if matched:
            return kind, confidence
    rest = raw - {"source", "value", "of", "as", "from", "to", "for", "by"}
    if (
        {"source", "value"} <= raw
        and rest
        and not rest & (CLINICAL | DESCRIPTORS | NOT_PEOPLE)
        and "event" not in canon
    ):
        return "identifier", 0.7  # the source system's value of a non-clinical thing ("family_source_value")
    if raw & (CLINICAL | METADATA) or raw & clinical_terms() or "event" in canon:
        return "none", 0.8
    return None, 0.0


def is_metadata_date(column: str) -> bool:
    """True for a date of the record's handling ("upload_date", "valid_start_date"): its name says so, and
    names no person, event, place or thing of a person's ("card_valid_until", "address_valid_from" are
    the person's dates)."""
    words = set(name_words(column))
    if "date" not in words:
        return False
    personal = words & (_KEYED | _FINE_PLACES | {"birth", "age", "phone", "email"})
    data_release = has_words(column, frozenset({"release", "released"})) and has_words(column, DATA_THINGS)
    return has_words(column, PIPELINE) or ((has_words(column, METADATA) or data_release) and not personal)


def has_words(column: str, words: frozenset[str]) -> bool:
    """True when the column's name, as spelled, holds one of ``words``."""
    return bool(set(raw_words(column)) & words)


__all__ = [
    "NameKind",
    "NameVerdict",
    "has_words",
    "is_metadata_date",
    "kind_from_name",
    "name_words",
    "raw_words",
]
