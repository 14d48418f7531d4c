"""Validation: the policy's column types and checks applied to a raw extract, failing rows quarantined.

``validate`` runs in four steps:

1. :func:`check_columns`: every input column must be listed in the policy (or is dropped, when the policy
   says ``unlisted_columns: drop``) and every required column must be present; the table must have at
   least ``dataset.min_rows`` rows.
2. Cell-by-cell coercion to the policy's types (dates from ISO 8601, ints into nullable ``Int64``, ...).
   A cell that cannot be read as its type fails its row (reason ``coerce:<column>``); a column of which
   no value can be read is the wrong column, and raises :class:`SchemaError`.
3. Every named check of the pandera schema from :func:`build_schema` runs once, vectorised, on its whole
   column (row checks and ``dataset.one_value_per_patient`` conflicts on the whole table); every failure
   of every row is collected, not just the first.
4. The rows are split: ``valid`` (coerced dtypes, original index) and ``quarantine`` (the raw rows as
   given, with a ``_reasons`` column such as ``"not_null:age; range:age"``), and summarised
   (:mod:`safecohort.qa`: per-column counts, failures per check, distributions of non-PHI numbers).

Rows that share a value of a ``unique`` column (a duplicated encounter id) are all quarantined, not all
but the first: which copy is right is unknown, and a model must not train on an ambiguous encounter.

Why not ``schema.validate(df, lazy=True)``: pandera's lazy coercion leaves a column with one bad cell
uncoerced, so every later check on that column fails as a whole instead of on that one row; and its failure
report (``failure_cases``, a copy of every failing value) costs seconds per check once many rows fail: 7 s
for 20 columns with 100,000 failing rows each, 45 s for one row check failing 100,000 of 1,000,000 rows.
Running each :class:`pandera.Check` directly gives the same checks as row masks in milliseconds, and we
read nothing of them but those masks. An exception inside a check becomes :class:`SchemaError` naming the
check and column, so no pandera (or pandas) exception reaches a caller. Reasons, messages and the summary
name checks, columns, counts and row positions, never a value.

Missing values pass every check except ``not_null`` (``nullable: false``). A missing value is a null, or,
in a typed (non-string) column, an empty or blank string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pandera.errors as pandera_errors
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
from pandera.engines import pandas_engine

from safecohort.errors import PolicyError, SchemaError, UnlistedColumnError
from safecohort.formats import FORMATS, matches_pattern
from safecohort.policy import Checks, ColumnSpec, ColumnType, Policy, RowCheck
from safecohort.qa import ColumnStats, ValidationSummary, column_stats

REASONS_COLUMN = "_reasons"

_STRING_TYPES = frozenset({"string", "text", "category"})
_NUMERIC_TYPES = frozenset({"int", "float"})
_TEMPORAL_TYPES = frozenset({"date", "datetime"})

# How each cell of a typed column is read: what the user sees in a coercion error.
_TYPE_HINTS: dict[str, str] = {
    "int": "a whole number",
    "float": "a number",
    "date": "an ISO 8601 date (e.g. 2024-03-01)",
    "datetime": "an ISO 8601 date-time (e.g. 2024-03-01T14:30:00)",
    "bool": "true/false, yes/no or 1/0",
}

_BOOL_WORDS: dict[str, bool] = {
    "true": True,
    "t": True,
    "yes": True,
    "y": True,
    "1": True,
    "1.0": True,
    "false": False,
    "f": False,
    "no": False,
    "n": False,
    "0": False,
    "0.0": False,
}


@dataclass(frozen=True)
class ValidationResult:
    """The rows that passed (coerced), the raw rows that failed (with ``_reasons``) and a summary.

    A batch validation (``verdicts`` given) also returns, per row of the batch, the keyed digests the
    whole-table checks need (``digests``: ``unique:<column>``, ``patient``, ``value:<column>``; 0 where
    the value is missing) and, per column, how many of its values could be read (``readable``).
    """

    valid: pd.DataFrame
    quarantine: pd.DataFrame
    summary: ValidationSummary
    digests: dict[str, np.ndarray] = field(default_factory=dict)
    readable: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TableVerdicts:
    """What only the whole table can tell about a batch's rows, for validating it batch by batch.

    ``key`` keys the 64-bit digests of values (:func:`value_digests`; 16 characters, random per build, so
    the digests are no dictionary of the values). ``duplicated[column]``: sorted digests of the values of a
    ``unique`` column held by more than one row of the table; ``conflicted[column]``: sorted digests of the
    patients holding more than one value of a ``one_value_per_patient`` column. Empty in the first pass,
    which collects the digests these are computed from (:func:`table_verdicts`).
    """

    key: str
    duplicated: Mapping[str, np.ndarray] = field(default_factory=dict)
    conflicted: Mapping[str, np.ndarray] = field(default_factory=dict)


def value_digests(values: pd.Series, key: str) -> np.ndarray:
    """A keyed 64-bit digest (SipHash, pandas' ``hash_pandas_object``) of each value; 0 for a missing one
    (a present value's digest is odd, so never 0). Equal values of one dtype get equal digests."""
    digests = pd.util.hash_pandas_object(values, index=False, hash_key=key).to_numpy(dtype=np.uint64) | 1
    digests[values.isna().to_numpy(dtype=bool)] = 0
    return digests


def repeated(digests: np.ndarray) -> np.ndarray:
    """The sorted non-zero digests that occur more than once in ``digests``."""
    values, counts = np.unique(digests[digests != 0], return_counts=True)
    return values[counts > 1]


def conflicted_patients(pairs: np.ndarray) -> np.ndarray:
    """The sorted patient digests holding two or more value digests in ``pairs`` (rows: patient, value;
    rows with a zero in either are ignored, as a missing patient or value conflicts with nothing)."""
    pairs = pairs[(pairs[:, 0] != 0) & (pairs[:, 1] != 0)]
    distinct = np.unique(pairs, axis=0) if len(pairs) else pairs
    patients, counts = np.unique(distinct[:, 0], return_counts=True)
    return patients[counts > 1]


# --- step 1: columns ------------------------------------------------------------------------------------


def _quoted(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def check_columns(df: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """The input's columns checked against the policy's; unlisted ones dropped when the policy says so.

    Raises :class:`UnlistedColumnError` naming every column the policy does not list (unless
    ``unlisted_columns: drop``) and :class:`SchemaError` naming every required column that is absent or
    any column that appears twice. Only column names appear in the messages.
    """
    names = [str(c) for c in df.columns]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise SchemaError(
            f"the input has more than one column named {_quoted(duplicated)}; rename or remove the copies"
        )
    unlisted = [name for name in names if name not in policy.columns]
    if unlisted:
        if policy.unlisted_columns == "error":
            raise UnlistedColumnError(
                f"the input has {len(unlisted)} column(s) the policy does not list: {_quoted(unlisted)}; "
                "add each under 'columns' with its phi kind and action, or set 'unlisted_columns: drop'"
            )
        df = df.loc[:, [name in policy.columns for name in names]]
    present = {str(c) for c in df.columns}
    missing = [name for name, spec in policy.columns.items() if spec.required and name not in present]
    if missing:
        raise SchemaError(
            f"the input lacks required column(s) {_quoted(missing)}; "
            "check the extract, or mark the column 'required: false' in the policy"
        )
    return df


# --- step 2: coercion -----------------------------------------------------------------------------------


def _blank(values: pd.Series) -> np.ndarray:
    return np.asarray(values.map(lambda v: isinstance(v, str) and not v.strip()), dtype=bool)


def _numbers(raw: pd.Series, target: pyarrow.DataType) -> pd.Series:
    """Numbers from a column: Arrow's parser when every cell parses (the common case, several times faster
    than pandas'), else ``pd.to_numeric`` cell by cell, unreadable cells missing."""
    if pd.api.types.is_integer_dtype(raw.dtype) and pyarrow.types.is_integer(target):
        return raw.astype("Int64")
    if pd.api.types.is_object_dtype(raw.dtype) or pd.api.types.is_string_dtype(raw.dtype):
        try:
            parsed = pc.cast(pyarrow.array(raw, from_pandas=True), target)
        except (pyarrow.ArrowInvalid, pyarrow.ArrowTypeError, pyarrow.ArrowNotImplementedError):
            pass
        else:
            missing = parsed.is_null().to_numpy(zero_copy_only=False)
            if pyarrow.types.is_integer(target):
                values = parsed.fill_null(0).to_numpy()
                return pd.Series(pd.arrays.IntegerArray(values, missing), index=raw.index)
            return pd.Series(parsed.to_numpy(zero_copy_only=False), index=raw.index, dtype="float64")
    numbers = pd.to_numeric(raw, errors="coerce")
    if pd.api.types.is_integer_dtype(numbers.dtype) and pyarrow.types.is_integer(target):
        if pd.api.types.is_unsigned_integer_dtype(numbers.dtype):  # a value beyond int64: unreadable
            numbers = numbers.astype("UInt64").mask(numbers > np.iinfo(np.int64).max)
        return numbers.astype("Int64")  # every value a whole number: keep all digits
    return numbers.astype("float64")


def _coerce(raw: pd.Series, column_type: ColumnType) -> tuple[pd.Series, np.ndarray]:
    """A column in its policy type, and a mask of the cells that held a value which could not be read.

    Unreadable cells become missing in the coerced column; blank strings in typed columns count as missing.
    """
    if column_type in _STRING_TYPES:
        # Text as given; other values (a ZIP read as a number from Parquet) as their string form.
        coerced = raw.astype(object).where(raw.isna(), raw.astype(str))
        return coerced, np.zeros(len(raw), dtype=bool)
    if column_type == "int":
        coerced = _numbers(raw, pyarrow.int64())
        if not pd.api.types.is_integer_dtype(coerced.dtype):
            # A whole number outside int64 ("1E100") cannot be stored: unreadable, like "12.5".
            whole = np.isfinite(coerced) & (coerced % 1 == 0) & (coerced.abs() < 2.0**63)
            coerced = coerced.where(whole).astype("Int64")
    elif column_type == "float":
        coerced = _numbers(raw, pyarrow.float64()).astype("float64")
    elif column_type in _TEMPORAL_TYPES:
        if isinstance(raw.dtype, pd.DatetimeTZDtype):
            coerced = raw.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[ns]")
        elif pd.api.types.is_datetime64_dtype(raw.dtype):
            coerced = raw.astype("datetime64[ns]")
        else:
            # Offsets are honoured and the result kept in UTC; naive values are taken as they are.
            parsed = pd.to_datetime(raw, errors="coerce", format="ISO8601", utc=True)
            coerced = parsed.dt.tz_localize(None).astype("datetime64[ns]")
    else:  # bool
        if pd.api.types.is_bool_dtype(raw.dtype):
            coerced = raw.astype("boolean")
        else:
            words = raw.map(_BOOL_WORDS)  # exact spellings first: a hash lookup, no Python loop per cell
            unread = (words.isna() & raw.notna()).to_numpy(dtype=bool)
            if unread.any():
                words[unread] = raw[unread].astype(str).str.strip().str.lower().map(_BOOL_WORDS)
            coerced = words.astype("boolean")
    failed = (coerced.isna() & raw.notna()).to_numpy(dtype=bool)
    if failed.any():
        failed[failed] = ~_blank(raw[failed])
    return coerced, failed


# --- the schema -----------------------------------------------------------------------------------------


def _dtype(column_type: ColumnType) -> Any:
    if column_type in _STRING_TYPES:
        return str
    if column_type == "int":
        return "Int64"
    if column_type == "float":
        return "float64"
    if column_type in _TEMPORAL_TYPES:
        return pandas_engine.DateTime(to_datetime_kwargs={"format": "ISO8601"})  # type: ignore[call-arg]
    return "boolean"


def _present_only(test: Callable[[pd.Series], Any]) -> Callable[[pd.Series], pd.Series]:
    """A column check that sees only the non-missing values; missing values pass."""

    def check(values: pd.Series) -> pd.Series:
        present = values.notna().to_numpy(dtype=bool)
        passed = np.ones(len(values), dtype=bool)
        if present.any():
            passed[present] = np.asarray(test(values[present]), dtype=bool)
        return pd.Series(passed, index=values.index)

    return check


def _as_text(values: pd.Series) -> pd.Series:
    return values if pd.api.types.is_object_dtype(values.dtype) else values.astype(str)


def _policy_error(policy: Policy, path: str, message: str) -> PolicyError:
    return PolicyError(message, path=path, line=policy.line_of(path))


def _column_checks(name: str, spec: ColumnSpec, policy: Policy, now: pd.Timestamp) -> list[pa.Check]:
    checks: Checks = spec.checks
    path = f"columns.{name}.checks"
    built: list[pa.Check] = []

    def add(check_name: str, test: Callable[[pd.Series], Any], error: str) -> None:
        built.append(pa.Check(_present_only(test), name=check_name, description=error, ignore_na=False))

    if not checks.nullable:
        built.append(
            pa.Check(lambda s: s.notna(), name="not_null", description="value is missing", ignore_na=False)
        )
    if checks.unique:
        add("unique", lambda s: ~s.duplicated(keep=False), "value is not unique")
    if checks.min is not None or checks.max is not None:
        if spec.type not in _NUMERIC_TYPES:
            raise _policy_error(
                policy,
                f"{path}.min",
                f"min/max apply to int and float columns, not {spec.type}; "
                "for dates use not_before / not_future",
            )
        low = -np.inf if checks.min is None else checks.min
        high = np.inf if checks.max is None else checks.max
        add("range", lambda s: (s >= low) & (s <= high), f"value outside [{low}, {high}]")
    if checks.allowed is not None:
        allowed = [str(a) for a in checks.allowed] if spec.type in _STRING_TYPES else list(checks.allowed)
        add("allowed", lambda s: s.isin(allowed), f"value not among the {len(allowed)} allowed values")
    if checks.regex is not None:
        pattern = checks.regex
        try:
            re.compile(pattern)
        except re.error as exc:
            message = f"not a valid regular expression: {exc.msg}"
            raise _policy_error(policy, f"{path}.regex", message) from None
        add("regex", lambda s: matches_pattern(_as_text(s), pattern), "value does not match the pattern")
    if checks.min_length is not None or checks.max_length is not None:
        shortest = checks.min_length or 0
        longest = np.inf if checks.max_length is None else checks.max_length
        add(
            "length", lambda s: _as_text(s).str.len().between(shortest, longest), "value length out of bounds"
        )
    if checks.format is not None:
        test = FORMATS[checks.format]
        add(f"format:{checks.format}", lambda s: test(_as_text(s)), f"value is not a valid {checks.format}")
    if (checks.not_future or checks.not_before is not None) and spec.type not in _TEMPORAL_TYPES:
        key = "not_future" if checks.not_future else "not_before"
        raise _policy_error(policy, f"{path}.{key}", f"{key} applies to date and datetime columns only")
    if checks.not_future:
        add("not_future", lambda s: s <= now, "date is in the future")
    if checks.not_before is not None:
        try:
            earliest = pd.Timestamp(checks.not_before)
        except (ValueError, TypeError):
            raise _policy_error(
                policy, f"{path}.not_before", "not an ISO 8601 date, e.g. 1900-01-01"
            ) from None
        add("not_before", lambda s: s >= earliest, f"date before {checks.not_before}")
    return built


def _row_check_name(row_check: RowCheck) -> str:
    """The reason a row check gives: ``<kind>:<name>``, e.g. ``order:discharge_after_admission``."""
    return f"{row_check.kind}:{row_check.name}"


# Column types each row check kind takes, in the order of its ``columns``.
_ROW_CHECK_TYPES: dict[str, tuple[frozenset[str], ...]] = {
    "age_matches_dob": (_NUMERIC_TYPES, _TEMPORAL_TYPES, _TEMPORAL_TYPES),
    "length_of_stay": (_NUMERIC_TYPES, _TEMPORAL_TYPES, _TEMPORAL_TYPES),
}


def _completed_years(born: pd.Series, at: pd.Series) -> pd.Series:
    birthday_ahead = (at.dt.month < born.dt.month) | (
        (at.dt.month == born.dt.month) & (at.dt.day < born.dt.day)
    )
    return at.dt.year - born.dt.year - birthday_ahead.astype(int)


def _row_check(index: int, row_check: RowCheck, policy: Policy) -> pa.Check:
    """A dataframe-level check; rows where any of its columns is missing (or absent) pass."""
    columns = row_check.columns
    types = [policy.columns[c].type for c in columns]
    path = f"row_checks.{index}"
    if row_check.kind == "order":
        same_family = any(set(types) <= family for family in (_NUMERIC_TYPES, _TEMPORAL_TYPES)) or (
            types[0] == types[-1]
        )
        if len(columns) != 2 or not same_family:
            raise _policy_error(policy, path, "an order check takes two columns of comparable types")
    else:
        wanted = _ROW_CHECK_TYPES[row_check.kind]
        if len(columns) != 3 or not all(t in family for t, family in zip(types, wanted, strict=True)):
            raise _policy_error(
                policy, path, f"a {row_check.kind} check takes three columns: a number, then two dates"
            )
    tolerance = row_check.tolerance

    def holds(frame: pd.DataFrame) -> pd.Series:
        if any(c not in frame.columns for c in columns):
            return pd.Series(True, index=frame.index)
        parts = [frame[c] for c in columns]
        if row_check.kind == "order":
            result = parts[1] >= parts[0]
        elif row_check.kind == "age_matches_dob":
            age, born, at = parts
            result = (age - _completed_years(born, at)).abs() <= tolerance
        else:
            # Calendar days between the dates, as a ward counts midnights; times of day do not matter.
            stay, admitted, discharged = parts
            days = (discharged.dt.normalize() - admitted.dt.normalize()).dt.days
            result = (stay - days).abs() <= tolerance
        present = pd.concat([p.notna() for p in parts], axis=1).all(axis=1)
        return pd.Series(
            np.asarray(result.fillna(False), dtype=bool) | ~present.to_numpy(), index=frame.index
        )

    return pa.Check(
        holds, name=_row_check_name(row_check), ignore_na=False, description=f"row check {row_check.name}"
    )


def _conflict_check(column: str, patient_id: str) -> pa.Check:
    """A dataframe-level check: every row of a patient holding two or more values of ``column`` fails.

    All rows of that patient fail, those with the column missing too: which value is right is unknown,
    so none of them is used. Rows without a patient id pass (there is no patient to compare with).
    """

    def holds(frame: pd.DataFrame) -> pd.Series:
        if column not in frame.columns or patient_id not in frame.columns:
            return pd.Series(True, index=frame.index)
        pairs = frame[[patient_id, column]].dropna().drop_duplicates()
        conflicted = pairs[patient_id][pairs[patient_id].duplicated()]
        return ~frame[patient_id].isin(conflicted.unique())

    return pa.Check(
        holds,
        name=f"conflict:{column}",
        ignore_na=False,
        description=f"patient has more than one {column}",
    )


def _dataset_checks(policy: Policy) -> list[pa.Check]:
    patient_id = policy.patient_id
    if patient_id is None:  # the policy model requires one whenever one_value_per_patient is set
        return []
    return [_conflict_check(column, patient_id) for column in policy.dataset.one_value_per_patient]


def build_schema(policy: Policy, *, now: pd.Timestamp | None = None) -> pa.DataFrameSchema:
    """The policy as a pandera schema: one column per policy column, one named check per policy check.

    Check names are ``not_null``, ``unique``, ``range``, ``allowed``, ``regex``, ``length``,
    ``format:<name>``, ``not_future``, ``not_before``; for row checks ``<kind>:<name>``; for
    ``dataset.one_value_per_patient`` columns ``conflict:<column>`` (table-level). ``now`` is the
    moment ``not_future`` compares against (default: the current local time). Raises :class:`PolicyError`
    when a check does not fit its column's type.
    """
    moment = pd.Timestamp.now() if now is None else pd.Timestamp(now)
    columns = {
        name: pa.Column(
            _dtype(spec.type),
            checks=_column_checks(name, spec, policy, moment),
            nullable=True,  # nulls are the not_null check's business, so they get a named reason
            required=spec.required,
            coerce=True,
            description=spec.description,
        )
        for name, spec in policy.columns.items()
    }
    try:
        return pa.DataFrameSchema(
            columns,
            checks=[
                *(_row_check(i, rc, policy) for i, rc in enumerate(policy.row_checks)),
                *_dataset_checks(policy),
            ],
            coerce=True,
            strict="filter" if policy.unlisted_columns == "drop" else True,
            name=f"safecohort policy {policy.digest[:12]}",
        )
    except (pandera_errors.SchemaInitError, pandera_errors.SchemaDefinitionError) as exc:
        raise PolicyError(f"the policy does not make a valid schema ({type(exc).__name__})") from None


# --- step 3 and 4: validate -----------------------------------------------------------------------------


def _run_check(check: pa.Check, target: pd.Series | pd.DataFrame) -> np.ndarray | str:
    """The rows a check fails, as a mask; or the exception's type name when the check cannot run."""
    try:
        outcome = check(target).check_output
    except Exception as exc:  # any failure inside a check is a schema-level failure
        return type(exc).__name__
    passed = np.broadcast_to(np.asarray(outcome, dtype=bool), (len(target),))
    return ~passed


def _reason_strings(masks: Mapping[str, np.ndarray], failing: np.ndarray) -> np.ndarray:
    """``"check:column; check:column"`` for each failing row: its reasons, sorted."""
    text = np.full(int(failing.sum()), "", dtype=object)
    for reason in sorted(masks):
        hit = masks[reason][failing]
        text[hit] = text[hit] + (reason + "; ")
    return np.array([t[:-2] for t in text], dtype=object)


def validate(
    df: pd.DataFrame,
    policy: Policy,
    *,
    now: pd.Timestamp | None = None,
    verdicts: TableVerdicts | None = None,
) -> ValidationResult:
    """Check an extract against the policy; split it into valid (coerced) and quarantined (raw) rows.

    ``valid.index`` and ``quarantine.index`` partition ``df.index``. ``quarantine`` holds the raw values of
    the policy's columns plus ``_reasons``. Raises :class:`UnlistedColumnError` / :class:`SchemaError` for a
    table that does not fit the policy as a whole (also when it has fewer rows than ``dataset.min_rows``),
    and :class:`SchemaError` when any row fails and the policy says ``on_invalid: fail``. ``now`` is
    passed to :func:`build_schema`.

    With ``verdicts`` ``df`` is one batch of a larger table: ``unique`` and ``conflict:`` failures come
    from the verdicts (the whole table's), and what needs every row (``min_rows``, ``on_invalid: fail``, a
    column none of whose values can be read) is left to the caller, which sums the batches' results.
    """
    checked = check_columns(df, policy)
    schema = build_schema(policy, now=now)
    rows = len(checked)
    # Counted on the input, before any row is judged: a short extract is a failed extract, whatever its
    # rows hold (how many rows may fail is on_invalid's business).
    if verdicts is None and rows < policy.dataset.min_rows:
        raise SchemaError(
            f"the input has {rows} row(s), fewer than dataset.min_rows = {policy.dataset.min_rows}; "
            "check that the extract is complete, or lower min_rows in the policy"
        )
    positions = pd.RangeIndex(rows)  # labels may repeat; positions map failures back without ambiguity
    # Each reason's check name as a column's summary shows it, and the columns it concerns.
    concerns: dict[str, tuple[str, tuple[str, ...]]] = {}

    coerced_columns: dict[str, pd.Series] = {}
    masks: dict[str, np.ndarray] = {}
    for name in checked.columns:
        column_type = policy.columns[str(name)].type
        raw = checked[name].set_axis(positions)
        coerced_columns[str(name)], failed = _coerce(raw, column_type)
        if failed.any():
            if verdicts is None and not coerced_columns[str(name)].notna().any():
                raise SchemaError(
                    f"column '{name}' ({column_type}): none of its {int(failed.sum())} value(s) can be read "
                    f"as {_TYPE_HINTS[column_type]}; check that the column is the one the policy describes"
                )
            masks[f"coerce:{name}"] = failed
            concerns[f"coerce:{name}"] = ("coerce", (str(name),))
    coerced = pd.DataFrame(coerced_columns, index=positions)

    # Each check of the schema runs once on the whole column (or table) and yields a row mask. We do not
    # call schema.validate: its lazy failure report costs seconds per check with many failing rows
    # (DataFrame.unstack in pandera's error formatter) and copies failing values, which we never need.
    broken: list[str] = []
    digests: dict[str, np.ndarray] = {}
    if verdicts is not None:
        digests = _batch_digests(coerced, policy, verdicts.key)
        for name, duplicated in verdicts.duplicated.items():
            if f"unique:{name}" in digests:
                masks[f"unique:{name}"] = np.isin(digests[f"unique:{name}"], duplicated)
                concerns[f"unique:{name}"] = ("unique", (name,))
    for name, column in schema.columns.items():
        if name not in coerced.columns:
            continue
        for check in column.checks:
            if verdicts is not None and check.name == "unique":
                continue  # the whole table's verdict, above
            outcome = _run_check(check, coerced[name])
            if isinstance(outcome, str):
                broken.append(f"{check.name} on column '{name}' ({outcome})")
            else:
                masks[f"{check.name}:{name}"] = outcome
                concerns[f"{check.name}:{name}"] = (str(check.name), (str(name),))
    table_checks = {_row_check_name(rc): (_row_check_name(rc), tuple(rc.columns)) for rc in policy.row_checks}
    table_checks |= {f"conflict:{c}": ("conflict", (c,)) for c in policy.dataset.one_value_per_patient}
    for check in schema.checks:
        if verdicts is not None and str(check.name).startswith("conflict:"):
            column = str(check.name).split(":", 1)[1]
            if "patient" in digests and column in coerced.columns:
                patients = verdicts.conflicted.get(column, np.zeros(0, np.uint64))
                masks[str(check.name)] = np.isin(digests["patient"], patients) & (digests["patient"] != 0)
                concerns[str(check.name)] = table_checks[str(check.name)]
            continue
        outcome = _run_check(check, coerced)
        if isinstance(outcome, str):
            broken.append(f"table check {check.name} ({outcome})")
        else:
            masks[str(check.name)] = outcome
            concerns[str(check.name)] = table_checks[str(check.name)]
    if broken:
        raise SchemaError(
            f"these checks could not be evaluated on the input: {'; '.join(broken)}; "
            "check the columns' types and contents against the policy"
        )

    # A cell that could not be read is missing after coercion; its reason is coerce, not not_null.
    for name in checked.columns:
        coerce_key, null_key = f"coerce:{name}", f"not_null:{name}"
        if coerce_key in masks and null_key in masks:
            masks[null_key] = masks[null_key] & ~masks[coerce_key]
    masks = {reason: mask for reason, mask in masks.items() if mask.any()}

    failing = np.zeros(rows, dtype=bool)
    for mask in masks.values():
        failing |= mask
    failures_by_check = {reason: int(masks[reason].sum()) for reason in sorted(masks)}

    if verdicts is None and policy.on_invalid == "fail" and failing.any():
        counts = ", ".join(f"{reason}={count}" for reason, count in failures_by_check.items())
        first = ", ".join(str(p) for p in np.flatnonzero(failing)[:5])
        raise SchemaError(
            f"{int(failing.sum())} of {rows} rows failed validation and the policy says 'on_invalid: fail'; "
            f"rows failing per check: {counts}; first failing rows (0-based positions): {first}. "
            "Fix the extract, or set 'on_invalid: quarantine' to continue with the valid rows"
        )

    valid = coerced.loc[~failing]
    valid.index = checked.index[~failing]
    quarantine = checked.loc[failing].copy() if failing.any() else checked.iloc[:0].copy()
    quarantine[REASONS_COLUMN] = _reason_strings(masks, failing)

    by_column: dict[str, dict[str, np.ndarray]] = {}
    for reason, mask in masks.items():
        check_name, columns = concerns[reason]
        for column in columns:
            by_column.setdefault(column, {})[check_name] = mask
    summary = ValidationSummary(
        rows_in=rows,
        rows_valid=len(valid),
        rows_quarantined=len(quarantine),
        failures_by_check=failures_by_check,
        columns=column_stats(valid, policy, by_column, counts_only=verdicts is not None),
    )
    readable = {str(c): int(coerced[c].notna().sum()) for c in coerced.columns} if verdicts else {}
    return ValidationResult(
        valid=valid, quarantine=quarantine, summary=summary, digests=digests, readable=readable
    )


def _batch_digests(coerced: pd.DataFrame, policy: Policy, key: str) -> dict[str, np.ndarray]:
    """Per row, the digests the whole-table checks read: each ``unique`` column's value, the patient and
    each ``one_value_per_patient`` column's value (coerced values, so "007" and "7" of an int agree)."""
    digests = {
        f"unique:{name}": value_digests(coerced[name], key)
        for name, spec in policy.columns.items()
        if spec.checks.unique and name in coerced.columns
    }
    patient_id = policy.patient_id
    conflicts = [c for c in policy.dataset.one_value_per_patient if c in coerced.columns]
    if patient_id is not None and patient_id in coerced.columns and conflicts:
        digests["patient"] = value_digests(coerced[patient_id], key)
        for column in conflicts:
            digests[f"value:{column}"] = value_digests(coerced[column], key)
    return digests


# --- across tables: the relations of a policy with several tables -------------------------------------


def patient_keys(tables: Mapping[str, pd.DataFrame], policy: Policy) -> dict[str, pd.Series]:
    """Each row's patient key (a value of the patient table's primary key), per table that has patients.

    A single-table policy's key is its ``patient_id`` column. A table whose patient column references
    another table (a note's encounter) gets the patient of the referenced row; a row whose reference does
    not resolve gets a missing key (it is an orphan, and :func:`validate_relations` quarantines it).
    """
    if not policy.relational:
        return {
            table: frame[policy.patient_id]
            for table, frame in tables.items()
            if policy.patient_id is not None and policy.patient_id in frame.columns
        }
    keys: dict[str, pd.Series] = {}
    for table in policy.parents_first():
        relations = policy.relations.get(table)
        if relations is None or relations.patient is None or table not in tables:
            continue
        frame = tables[table]
        if relations.patient not in frame.columns:
            continue
        target = relations.foreign_keys.get(relations.patient)
        parent = None if target is None else target.split(".")[0]
        if parent is None or parent == policy.patient_table:
            keys[table] = frame[relations.patient]
        elif parent in keys:
            key = target.split(".")[1]  # type: ignore[union-attr]
            lookup = pd.Series(keys[parent].to_numpy(), index=tables[parent][key].to_numpy())
            lookup = lookup[~lookup.index.duplicated()]
            keys[table] = pd.Series(
                frame[relations.patient].map(lookup).to_numpy(), index=frame.index, name=relations.patient
            )
    return keys


def validate_relations(tables: Mapping[str, pd.DataFrame], policy: Policy) -> dict[str, pd.Series]:
    """The rows of validated tables that break a relation, per table: row label -> ``"reason; ..."``.

    Pure: ``tables`` are the valid rows of each table (policy dtypes, original index). First
    ``dataset.across_tables``: every row, in the tables named, of a patient holding two or more values
    across those columns fails with ``conflict:<name>``. Then, parents before children, every row whose
    foreign key is set but names no remaining row of its parent fails with ``orphan:<table>.<column>``, so
    a row whose parent failed (a patient in conflict, an encounter of a missing patient) fails too.
    Reasons name checks and columns, never a value.
    """
    failing: dict[str, dict[object, list[str]]] = {table: {} for table in tables}

    def fail(table: str, index: pd.Index, reason: str) -> None:
        for label in index:
            failing[table].setdefault(label, []).append(reason)

    keys = patient_keys(tables, policy)
    for name, cells in policy.dataset.across_tables.items():
        located = [(c.split(".")[0], c.split(".")[1]) for c in cells if c.split(".")[0] in tables]
        pairs = pd.concat(
            [
                pd.DataFrame({"patient": keys[t].to_numpy(), "value": tables[t][c].to_numpy()})
                for t, c in located
            ],
            ignore_index=True,
        )
        pairs = pairs.dropna().drop_duplicates()
        conflicted = pairs["patient"][pairs["patient"].duplicated()].unique()
        for table in dict.fromkeys(t for t, _ in located):
            fail(table, tables[table].index[keys[table].isin(conflicted).to_numpy()], f"conflict:{name}")

    remaining: dict[str, pd.DataFrame] = {}
    for table in policy.parents_first():
        if table not in tables:
            continue
        frame = tables[table]
        frame = frame.loc[~frame.index.isin(list(failing[table]))]
        relations = policy.relations.get(table)
        orphan = np.zeros(len(frame), dtype=bool)
        for column, target in relations.foreign_keys.items() if relations else []:
            if column not in frame.columns:
                continue  # an optional column absent from this extract
            parent, key = target.split(".")
            parents = frame if parent == table else remaining.get(parent)
            known = parents[key] if parents is not None else pd.Series([], dtype=object)
            lost = (frame[column].notna() & ~frame[column].isin(known)).to_numpy()
            fail(table, frame.index[lost], f"orphan:{table}.{column}")
            orphan |= lost
        remaining[table] = frame.loc[~orphan]
    return {
        table: pd.Series({label: "; ".join(reasons) for label, reasons in rows.items()}, dtype=object)
        for table, rows in failing.items()
    }


__all__ = [
    "FORMATS",
    "REASONS_COLUMN",
    "ColumnStats",
    "TableVerdicts",
    "ValidationResult",
    "ValidationSummary",
    "build_schema",
    "check_columns",
    "conflicted_patients",
    "patient_keys",
    "repeated",
    "validate",
    "validate_relations",
    "value_digests",
]
