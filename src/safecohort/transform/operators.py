"""The operator registry: what the policy can do to a column or to the PHI spans found in notes.

Every operator keeps one contract (as every scikit-learn estimator does): ``__init__`` only stores its
validated parameters, ``apply(values, ctx)`` is pure, keeps the index, keeps nulls null and works on a
whole Series at once. The same operator runs on a table column and on the Series of span texts of one
entity type in the notes (then ``ctx.entity_type`` is set and the output is text to splice back).

What a policy may ask of an operator (its name, parameter model, whether it needs a key or patient ids) is
data in :mod:`safecohort.operator_specs`, below the policy, which checks every action against it when it
loads (:class:`PolicyError` with the key path and YAML line). Here each spec gets its implementation:
:func:`register` attaches a class to the spec of its ``name``; a test holds specs and implementations to
the same names.

Fail closed: a value an operator cannot read (a date it cannot parse, a ZIP without digits) becomes null
in a column and a tag such as ``[DATE]`` in a note; it is never passed through.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
import pandas as pd

from safecohort.errors import KeyringError, TransformError
from safecohort.operator_specs import (
    SPECS,
    DateShiftParams,
    DomainParams,
    GeneralizeParams,
    HashParams,
    MaskParams,
    NoParams,
    OperatorSpec,
    Params,
    PseudonymParams,
    ReplaceParams,
    SurrogateParams,
    parse_params,
)
from safecohort.policy import Action, DateShiftSpec
from safecohort.transform.crypto import (
    Keyring,
    as_texts,
    distinct,
    encrypt_array,
    fpe_encrypt_values,
    hmac_values,
    map_unique,
    objects,
)

# ---------------------------------------------------------------------------------------------------------
# Contract


@dataclass(frozen=True)
class OperatorContext:
    """What an operator may know besides the values: where they come from, keys and patient ids.

    ``domain`` is the column name, or ``notes.<ENTITY>`` for note spans. ``patient_ids`` is aligned with
    the values (same index, or same length for spans). ``entity_type`` is set when the values are spans.
    """

    domain: str
    keyring: Keyring | None = None
    patient_ids: pd.Series | None = None
    date_shift: DateShiftSpec = field(default_factory=DateShiftSpec)
    entity_type: str | None = None

    @property
    def on_spans(self) -> bool:
        """True when the values are texts of spans found in notes (the output is text to splice back)."""
        return self.entity_type is not None

    def tag(self) -> str:
        """Placeholder for a value replaced by no value: ``[ENTITY]`` in notes, ``[REDACTED]`` in columns."""
        return f"[{self.entity_type}]" if self.entity_type else "[REDACTED]"


P = TypeVar("P", bound=Params)


class Operator(ABC, Generic[P]):
    """One way of transforming values. Subclasses set ``name`` and implement :meth:`apply`;
    :func:`register` sets the rest from the operator's spec."""

    name: ClassVar[str]
    spec: ClassVar[OperatorSpec]
    Params: ClassVar[type[Params]]
    needs_key: ClassVar[bool] = False
    needs_patient_id: ClassVar[bool] = False

    def __init__(self, params: P) -> None:
        self.params = params

    @abstractmethod
    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        """The transformed values: same index, nulls stay null, no side effects."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.params!r})"

    # helpers shared by the operators -------------------------------------------------------------------

    def _keyring(self, ctx: OperatorContext) -> Keyring:
        if ctx.keyring is None:
            raise KeyringError(
                f"operator '{self.name}' on '{ctx.domain}' needs a key: pass keys= to build "
                "(CLI: --keys FILE; create one with `safecohort keys new FILE`)"
            )
        return ctx.keyring

    def _patient_ids(self, values: pd.Series, ctx: OperatorContext) -> np.ndarray:
        """Patient ids as an object array aligned with ``values`` by position (None where missing)."""
        ids = ctx.patient_ids
        if ids is None:
            raise TransformError(
                f"operator '{self.name}' on '{ctx.domain}' needs patient ids: set patient_id in the policy"
            )
        if not ids.index.equals(values.index):
            if not (ids.index.is_unique and values.index.isin(ids.index).all()):
                raise TransformError(f"patient ids for '{ctx.domain}' are not aligned with its values")
            ids = ids.reindex(values.index)
        array = ids.astype(object).to_numpy()
        return np.asarray(np.where(pd.isna(array), None, array), dtype=object)


REGISTRY: dict[str, type[Operator[Any]]] = {}

OperatorT = TypeVar("OperatorT", bound=type[Operator[Any]])


def register(cls: OperatorT) -> OperatorT:
    """Class decorator: the implementation of the spec named ``cls.name`` (its parameters and needs)."""
    spec = SPECS.get(cls.name)
    if spec is None:
        raise ValueError(f"operator '{cls.name}' has no spec in safecohort.operator_specs")
    if cls.name in REGISTRY:
        raise ValueError(f"operator '{cls.name}' is registered twice")
    cls.spec = spec
    cls.Params = spec.params
    cls.needs_key = spec.needs_key
    cls.needs_patient_id = spec.needs_patient_id
    REGISTRY[cls.name] = cls
    return cls


# ---------------------------------------------------------------------------------------------------------
# Shared helpers


def _present(values: pd.Series) -> np.ndarray:
    return values.notna().to_numpy(dtype=bool)


def _fill(values: pd.Series, present: np.ndarray, results: Any, dtype: Any = object) -> pd.Series:
    """A Series like ``values`` holding ``results`` where ``present`` and nulls elsewhere."""
    if dtype is object:
        out = np.full(len(values), None, dtype=object)
        out[present] = objects(results) if isinstance(results, list) else results
        return pd.Series(out, index=values.index, dtype=object, name=values.name)
    series = pd.Series(index=values.index, dtype=dtype, name=values.name)  # all missing
    series[present] = results
    return series


def _nulls(values: pd.Series) -> pd.Series:
    return pd.Series(
        np.full(len(values), None, dtype=object), index=values.index, dtype=object, name=values.name
    )


def _is_text(values: pd.Series) -> bool:
    return (
        pd.api.types.is_object_dtype(values.dtype)
        or pd.api.types.is_string_dtype(values.dtype)
        or isinstance(values.dtype, pd.CategoricalDtype)
    )


def _per_text(values: pd.Series, present: np.ndarray, compute: Callable[[str], Any]) -> np.ndarray:
    """``compute`` on the text of each distinct present value, once per distinct value."""
    return map_unique(as_texts(values[present]), lambda uniques: [compute(v) for v in uniques])


def _wrong_type(name: str, ctx: OperatorContext, values: pd.Series, needs: str) -> TransformError:
    return TransformError(
        f"operator '{name}' cannot act on column '{ctx.domain}' of dtype {values.dtype}: it needs {needs}"
    )


# ---------------------------------------------------------------------------------------------------------
# Removing


@register
class Keep(Operator[NoParams]):
    """Pass the values through unchanged (non-PHI columns, or an entity the policy chooses to keep)."""

    name = "keep"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        return values.copy()


@register
class Redact(Operator[NoParams]):
    """Remove the value: a column cell becomes null, a note span becomes the empty string."""

    name = "redact"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        if ctx.on_spans:
            return _fill(values, _present(values), "")
        return _nulls(values)


@register
class Drop(Redact):
    """Remove the column from the output (done by the table transform); on a note entity, remove the span."""

    name = "drop"


@register
class Suppress(Operator[NoParams]):
    """Set values to null (cell suppression); in notes the span is removed."""

    name = "suppress"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        return _nulls(values)


@register
class Replace(Operator[ReplaceParams]):
    """Replace every value with a fixed text or a tag naming the entity type."""

    name = "replace"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        text = self.params.value if self.params.value is not None else ctx.tag()
        return _fill(values, _present(values), text)


@register
class Mask(Operator[MaskParams]):
    """Mask all but the last ``keep_last`` characters; a value no longer than that is masked whole."""

    name = "mask"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        keep, char = self.params.keep_last, self.params.char

        def mask(text: str) -> str:
            hidden = len(text) - keep
            return char * len(text) if hidden <= 0 else char * hidden + text[hidden:]

        present = _present(values)
        return _fill(values, present, _per_text(values, present, mask))


# ---------------------------------------------------------------------------------------------------------
# Keyed pseudonyms


@register
class Hash(Operator[HashParams]):
    """Keyed HMAC-SHA256 pseudonym as hex: deterministic, not reversible, not recomputable without the key."""

    name = "hash"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        keyring = self._keyring(ctx)
        present = _present(values)
        length, domain = self.params.length, self.params.domain or ctx.domain

        def hexes(uniques: list[str]) -> list[str]:
            return [d.hex()[:length] for d in hmac_values(keyring, domain, uniques)]

        return _fill(values, present, map_unique(as_texts(values[present]), hexes))


@register
class Encrypt(Operator[DomainParams]):
    """Deterministic AES-SIV encryption: reversible with the key (``safecohort reveal``), joins still work."""

    name = "encrypt"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        keyring = self._keyring(ctx)
        present = _present(values)
        tokens = encrypt_array(keyring, self.params.domain or ctx.domain, values[present])
        return _fill(values, present, tokens)


@register
class Pseudonym(Operator[PseudonymParams]):
    """Reversible format-preserving pseudonym (FF1): same length, same character class at each position.

    ``49788046`` becomes another 8-digit number and ``AB-1234567`` another ``AA-9999999``; separators stay
    in place. Deterministic and one-to-one per (key, domain), so joins still work, and the key holder can
    turn it back (``safecohort reveal --policy``). A value whose format has fewer than 1,000,000 values
    (e.g. fewer than 6 digits) or that holds non-ASCII letters or digits cannot be encrypted safely: it
    fails closed (null in a column, ``[ENTITY]`` in a note). ``algorithm: ff3-1`` keeps the algorithm of
    pseudonyms made before FF1; a key made before FF1 refuses FF1 (see ``fpe_encrypt_values``).
    """

    name = "pseudonym"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        keyring = self._keyring(ctx)
        present = _present(values)
        domain = self.params.domain or ctx.domain
        pseudonyms = fpe_encrypt_values(keyring, domain, values[present], algorithm=self.params.algorithm)
        if ctx.on_spans:
            pseudonyms = np.where(pd.isna(pseudonyms), ctx.tag(), pseudonyms)
        return _fill(values, present, pseudonyms)


_HOSPITAL_SUFFIXES = (
    "General Hospital",
    "Memorial Hospital",
    "Medical Center",
    "Regional Medical Center",
    "Community Hospital",
    "University Hospital",
)


def _surrogate(fake: Any, kind: str, original: str) -> str:
    if kind == "name":
        words = len(original.split())
        value = fake.last_name() if words <= 1 else f"{fake.first_name()} {fake.last_name()}"
    elif kind == "hospital":
        value = f"{fake.last_name()} {fake.random.choice(_HOSPITAL_SUFFIXES)}"
    elif kind == "street":
        value = fake.street_address()
    elif kind == "address":
        value = fake.address().replace("\n", ", ")
    elif kind == "zip":
        value = fake.postcode()
    elif kind == "phone":
        value = fake.phone_number()
    elif kind == "email":
        value = fake.safe_email()
    else:  # first_name, last_name, city: Faker methods of the same name
        value = getattr(fake, kind)()
    return str(value.upper() if original.isupper() and len(original) > 1 else value)


@register
class Surrogate(Operator[SurrogateParams]):
    """Realistic fake values (Faker), the same for the same patient's same value.

    The generator is seeded with HMAC(key, patient id + value) (by value alone without patient ids), so
    output is deterministic and a surrogate reveals nothing of the original without the key. The seed does
    not depend on the column, so a patient's name gets the same surrogate in a column and in the notes.
    """

    name = "surrogate"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        from faker import Faker  # lazy: only surrogates need Faker (0.13 s to import)

        keyring = self._keyring(ctx)
        present = _present(values)
        texts = as_texts(values[present]).tolist()
        if ctx.patient_ids is not None:
            ids = self._patient_ids(values, ctx)[present]
            keys = [t if p is None else f"{p}\x1f{t}" for p, t in zip(ids, texts, strict=True)]
        else:
            keys = texts
        codes, uniques = distinct(keys)
        first = np.unique(codes, return_index=True)[1]
        seeds = hmac_values(keyring, f"surrogate.{self.params.kind}", uniques, purpose="surrogate")
        fake = Faker(self.params.locale)
        generated = []
        for seed, position in zip(seeds, first, strict=True):
            fake.seed_instance(int.from_bytes(seed[:8], "big"))
            generated.append(_surrogate(fake, self.params.kind, texts[position]))
        return _fill(values, present, objects(generated)[codes])


# ---------------------------------------------------------------------------------------------------------
# Dates: per-patient shifting, and a parser for the date formats of clinical notes

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+)?"  # noqa: E501
_TIME = r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?"
_ORDINAL = r"(?P<ord>st|nd|rd|th)?"
_DATE_FORMATS = [
    re.compile(pattern + _TIME, re.IGNORECASE)
    for pattern in (
        rf"{_WEEKDAY}(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})",  # 2021-03-14
        rf"{_WEEKDAY}(?P<m>\d{{1,2}})(?P<sep>[-/.])(?P<d>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})",  # 3/14/21
        rf"{_WEEKDAY}{_MONTH}\s*(?P<d>\d{{1,2}}){_ORDINAL}(?:,?\s*(?P<y>\d{{4}}))?",  # March 14, 2021; Mar 14
        # 14-Mar-2021, 14 March 2021, 14th of March
        rf"{_WEEKDAY}(?P<d>\d{{1,2}}){_ORDINAL}(?:\s+of)?[\s./-]*{_MONTH}(?:[\s./,-]*(?P<y>\d{{4}}|\d{{2}}))?",
        rf"{_MONTH},?\s*(?P<y>\d{{4}})",  # March 2021
        r"(?P<m>\d{1,2})/(?P<y>\d{4})",  # 03/2021
        r"(?P<m>\d{1,2})/(?P<d>\d{1,2})",  # 3/14
    )
]
# Reference year for dates written without one: a leap year, so "Feb 29" parses.
_NO_YEAR = 2000


@dataclass(frozen=True)
class ClinicalDate:
    """A date read from text, with the match it came from (to re-render it in the same format)."""

    value: date
    match: re.Match[str]
    has_year: bool
    has_day: bool
    day_first: bool  # 14.03.2021 read as day.month.year because 14 cannot be a month


def parse_clinical_date(text: str) -> ClinicalDate | None:
    """Read a date in one of the formats common in clinical notes, or None (the whole text must match).

    ``03/14/2021``, ``3/14/21``, ``2021-03-14``, ``March 14, 2021``, ``Mar 14``, ``14-Mar-2021``,
    ``14 March 2021``, ``March 2021``, ``03/2021``, ``3/14``, optionally with a weekday before and a time
    after. Numeric dates are month first (US) unless the first number cannot be a month.
    """
    stripped = text.strip()
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(stripped)
        if match is None:
            continue
        groups = match.groupdict()
        month = _MONTHS.index(_month_name(groups["mon"])) + 1 if groups.get("mon") else int(groups["m"])
        day_text = groups.get("d")
        day = int(day_text) if day_text else 15
        year_text = groups.get("y")
        year = _NO_YEAR if not year_text else int(year_text)
        if year_text and len(year_text) == 2:
            year += 2000 if year < 50 else 1900
        day_first = False
        if month > 12 and day_text and groups.get("m") and day <= 12:
            month, day, day_first = day, month, True
        try:
            value = date(year, month, day)
        except ValueError:
            return None
        return ClinicalDate(value, match, bool(year_text), bool(day_text), day_first)
    return None


def _month_name(token: str) -> str:
    token = token.lower()
    return next(m for m in _MONTHS if m.startswith(token[:3]))


def _styled(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like.islower():
        return word.lower()
    return word.capitalize()


def _ordinal(day: int, like: str) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return suffix.upper() if like.isupper() else suffix


def render_clinical_date(parsed: ClinicalDate, new: date, shift_days: int) -> str:
    """``parsed``'s text with its date replaced by ``new``, in the same format (names, padding, case)."""
    match = parsed.match
    groups = match.groupdict()
    edits: list[tuple[int, int, str]] = []

    def edit(group: str, text: str) -> None:
        if groups.get(group) is not None:
            edits.append((match.start(group), match.end(group), text))

    if groups.get("wd"):
        # Keep the weekday consistent with the shifted date (a stale weekday would leak the offset mod 7).
        old = next(i for i, w in enumerate(_WEEKDAYS) if w.startswith(groups["wd"].lower()[:3]))
        name = _WEEKDAYS[(old + shift_days) % 7]
        edit("wd", _styled(name if len(groups["wd"]) > 3 else name[:3], groups["wd"]))
    if groups.get("mon"):
        token = groups["mon"]
        full = _MONTHS[new.month - 1]
        edit(
            "mon",
            _styled(full if token.lower() == _month_name(token) else full[:3], token),
        )
    # Zero padding as written: numeric dates pad when both numbers had two digits (03/14/2021, 2021-03-14);
    # with a month name, a day before the month pads when it had two digits (14-Mar-2021, 09-Mar-2021), a day
    # after it only when written with a leading zero (Mar 04), since "March 14" says nothing either way.
    numbers = [groups[g] for g in ("m", "d") if groups.get(g)]
    if groups.get("m"):
        pad = all(len(n) == 2 for n in numbers)
    elif groups.get("d"):
        day_before_month = match.start("d") < match.start("mon")
        pad = groups["d"].startswith("0") or (day_before_month and len(groups["d"]) == 2)
    else:
        pad = False
    month_group, day_group = ("d", "m") if parsed.day_first else ("m", "d")
    edit(month_group, f"{new.month:02d}" if pad else str(new.month))
    if parsed.has_day:
        edit(day_group, f"{new.day:02d}" if pad else str(new.day))
    edit("ord", _ordinal(new.day, groups.get("ord") or ""))
    if parsed.has_year:
        year_text = groups["y"]
        # A two-digit year stays two digits only while it still reads back as the same century (1950-2049);
        # "1/1/50" shifted back a day must become "12/31/1949", not "12/31/49" (which reads as 2049).
        two_digits = len(year_text) == 2 and 1950 <= new.year <= 2049
        edit("y", f"{new.year % 100:02d}" if two_digits else f"{new.year:04d}")
    text = match.string
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def patient_offsets(keyring: Keyring, patient_ids: np.ndarray, spec: DateShiftSpec) -> np.ndarray:
    """Per-row date offsets in days (float, NaN where the patient id is missing).

    HMAC(subkey("date_shift"), patient id) picks a magnitude in [min_days, max_days] and a sign, so an
    offset is never zero and every date of one patient moves alike (intervals are preserved).
    """
    offsets = np.full(len(patient_ids), np.nan)
    known = np.array([p is not None for p in patient_ids], dtype=bool)
    if not known.any():
        return offsets
    digests = hmac_values(keyring, "patient", [str(p) for p in patient_ids[known]], purpose="date_shift")
    width = spec.max_days - spec.min_days + 1
    draws = [int.from_bytes(d[:8], "big") for d in digests]
    offsets[known] = [(-1 if x & 1 else 1) * (spec.min_days + (x >> 1) % width) for x in draws]
    return offsets


def _shift_text(text: str, days: int) -> str | None:
    parsed = parse_clinical_date(text)
    if parsed is None:
        return None
    try:
        new = parsed.value + timedelta(days=days)
    except OverflowError:
        return None
    return render_clinical_date(parsed, new, days)


_DATE_TAG = "[DATE]"


@register
class DateShift(Operator[DateShiftParams]):
    """Move dates by a per-patient offset in days (never zero), so intervals within a patient survive.

    Works on datetime columns, date text columns and date spans in notes (re-rendered in their own format).
    Text that is not a readable date, and rows without a patient id, fail closed: null in a column,
    ``[DATE]`` in a note.
    """

    name = "date_shift"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        keyring = self._keyring(ctx)
        offsets = patient_offsets(keyring, self._patient_ids(values, ctx), ctx.date_shift)
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            return values + pd.to_timedelta(offsets, unit="D")  # NaT where the date or patient id is missing
        if not _is_text(values):
            raise _wrong_type(self.name, ctx, values, "dates or date text")
        failed = _DATE_TAG if ctx.on_spans else None
        present = _present(values)
        texts = values[present].to_numpy(dtype=object)
        days = offsets[present]
        out = np.full(len(texts), failed, dtype=object)
        if len(texts):
            # One parse per distinct (text, offset) pair.
            codes, _ = distinct(zip(texts.tolist(), days.tolist(), strict=True))
            starts = np.unique(codes, return_index=True)[1]
            computed: list[Any] = []
            for position in starts:
                value, shift = texts[position], days[position]
                if math.isnan(shift):
                    computed.append(failed)
                elif isinstance(value, datetime | date):
                    computed.append(value + timedelta(days=int(shift)))
                else:
                    shifted = _shift_text(str(value), int(shift))
                    computed.append(failed if shifted is None else shifted)
            out = objects(computed)[codes]
        return _fill(values, present, out)


# ---------------------------------------------------------------------------------------------------------
# Generalisation

# HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(B): the initial three digits of a ZIP code whose area holds
# 20,000 people or fewer (2000 census, per HHS guidance) must be changed to 000.
RESTRICTED_ZIP3 = frozenset(
    {
        "036",
        "059",
        "063",
        "102",
        "203",
        "556",
        "692",
        "790",
        "821",
        "823",
        "830",
        "831",
        "878",
        "879",
        "884",
        "890",
        "893",
    }
)
_ZIP = re.compile(r"(?<!\d)(\d{3})\d{2}(?:-\d{4})?(?!\d)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Safe Harbor: ages over 89 are aggregated into one category of 90 or older.
_SAFE_HARBOR_AGE_TOP = 90


def _age_label(age: float, method: str, width: int, top: int) -> str:
    if age >= top:
        return f"{top}+"
    if method == "age_90":
        return str(math.floor(age))
    low = math.floor(age / width) * width
    return f"{low}-{min(low + width - 1, top - 1)}"


def _zip3(digits: str) -> str:
    return "00000" if digits[:3] in RESTRICTED_ZIP3 else digits[:3] + "00"


def _bucket(number: float, width: int) -> float:
    return math.floor(number / width) * width


@register
class Generalize(Operator[GeneralizeParams]):
    """Coarsen values: age caps and bands, 3-digit ZIPs, years, months, numeric buckets.

    In notes the number (or date) inside the span is generalised and the rest of the span kept
    (``94-year-old`` -> ``90+-year-old``); a span of entity ``AGE_OVER_89`` always becomes ``90+``.
    """

    name = "generalize"

    def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        present = _present(values)
        if ctx.on_spans:
            return _fill(values, present, _per_text(values, present, lambda t: self._span(t, ctx)))
        method, width, top = self.params.method, self.params.width, self.params.top
        if method in ("year", "month"):
            return self._dates(values, present, ctx)
        if method == "zip3":
            if pd.api.types.is_integer_dtype(values.dtype):
                return _fill(values, present, [self._zip_number(int(v)) for v in values[present]])
            if not _is_text(values):
                raise _wrong_type(self.name, ctx, values, "ZIP codes as text or integers")
            return _fill(values, present, _per_text(values, present, self._zip_cell))
        numbers = self._numbers(values, ctx)
        readable = present & numbers.notna().to_numpy(dtype=bool)
        if method == "bucket":
            floors = np.floor(numbers[readable].to_numpy(dtype=float) / width) * width
            if pd.api.types.is_integer_dtype(values.dtype):
                return _fill(values, readable, floors.astype(np.int64), dtype="Int64")
            return _fill(values, readable, floors, dtype="float64")
        labels = map_unique(
            numbers[readable].to_numpy(dtype=float), lambda u: [_age_label(a, method, width, top) for a in u]
        )
        return _fill(values, readable, labels)

    def _numbers(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
        if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
            return pd.Series(values.to_numpy(dtype="float64", na_value=np.nan), index=values.index)
        if _is_text(values):
            return pd.to_numeric(values.astype(object), errors="coerce").astype("float64")
        raise _wrong_type(self.name, ctx, values, "numbers")

    @staticmethod
    def _zip_number(number: int) -> str | None:
        # A ZIP stored as a number lost its leading zeros: 2134 is 02134, 21341234 is 02134-1234.
        if number < 0 or number > 999_999_999:
            return None
        return _zip3(f"{number:05d}" if number <= 99_999 else f"{number:09d}")

    @staticmethod
    def _zip_cell(text: str) -> str | None:
        match = _ZIP.fullmatch(text.strip())
        return _zip3(match.group(1)) if match else None

    def _dates(self, values: pd.Series, present: np.ndarray, ctx: OperatorContext) -> pd.Series:
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            if self.params.method == "year":
                return values.dt.year.astype("Int64")
            return _fill(values, present, values[present].dt.strftime("%Y-%m").to_numpy(dtype=object))
        if not _is_text(values):
            raise _wrong_type(self.name, ctx, values, "dates or date text")
        parsed = _per_text(values, present, self._date_cell)
        if self.params.method == "year":
            readable = present.copy()
            readable[present] = [y is not None for y in parsed]
            return _fill(values, readable, [y for y in parsed if y is not None], dtype="Int64")
        return _fill(values, present, parsed)

    def _date_cell(self, text: str) -> Any:
        """Year (int) or ``YYYY-MM`` of a date text, or None when it has no readable year."""
        parsed = parse_clinical_date(text)
        if parsed is None or not parsed.has_year:
            return (
                int(text.strip()) if self.params.method == "year" and _YEAR.fullmatch(text.strip()) else None
            )
        return parsed.value.year if self.params.method == "year" else f"{parsed.value:%Y-%m}"

    def _span(self, text: str, ctx: OperatorContext) -> str:
        method, width, top = self.params.method, self.params.width, self.params.top
        if method in ("year", "month"):
            found = self._date_cell(text)
            return _DATE_TAG if found is None else str(found)
        if method == "zip3":
            match = _ZIP.search(text)
            return (
                ctx.tag()
                if match is None
                else text[: match.start()] + _zip3(match.group(1)) + text[match.end() :]
            )
        number = _NUMBER.search(text)
        if method in ("age_90", "age_band") and ctx.entity_type == "AGE_OVER_89":
            label = f"{min(top, _SAFE_HARBOR_AGE_TOP)}+"
        elif number is None:
            return ctx.tag()
        elif method == "bucket":
            floor = _bucket(float(number.group()), width)
            label = str(int(floor)) if floor == int(floor) else str(floor)
        else:
            label = _age_label(float(number.group()), method, width, top)
        if number is None:
            return label
        return text[: number.start()] + label + text[number.end() :]


# ---------------------------------------------------------------------------------------------------------
# Building an operator from a policy's action


def build_operator(action: Action) -> Operator[Any]:
    """The operator an action names, with its parameters validated. Raises :class:`PolicyError`."""
    spec, params = parse_params(action.operator, action.params)
    implementation = REGISTRY.get(spec.name)
    if implementation is None:  # a spec without an implementation: the registry test catches it first
        raise TransformError(f"operator '{spec.name}' has no implementation")
    return implementation(params)


__all__ = [
    "REGISTRY",
    "RESTRICTED_ZIP3",
    "ClinicalDate",
    "Operator",
    "OperatorContext",
    "Params",
    "build_operator",
    "parse_clinical_date",
    "patient_offsets",
    "register",
    "render_clinical_date",
]
