"""Quality summary of a table under a policy: counts per column, and distributions where they are safe.

Validation (:func:`safecohort.validate.validate`) summarises the raw extract: per column the missing and
distinct values among the valid rows, the input rows failing each of its checks, how many were out of
range, and for numeric columns the distribution (min, quartiles, max) of the valid values. The builder
then adds the same distribution measured on the safe output (:func:`with_output`), so a reviewer can see
that de-identification did not move the data more than intended. A column that was dropped, or whose
output is no longer numeric (encrypted, hashed, generalised to bands), has no "after" distribution.

A distribution is computed for non-PHI ``int`` and ``float`` columns only: the youngest age or the
earliest date of birth in a cohort is itself an identifier, so a PHI column gets counts and nothing else.
Every figure here is a count or, for non-PHI numeric columns, an order statistic; never a PHI value.

This module is pure: DataFrames and the policy in, pydantic models (or text) out.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from safecohort.policy import ColumnSpec, Policy

#: Checks that bound a column's values; their failures are a column's ``out_of_range`` count.
RANGE_CHECKS = frozenset({"range", "not_future", "not_before"})

_NUMERIC_TYPES = frozenset({"int", "float"})


class Distribution(BaseModel):
    """Order statistics of a numeric column's present values (``count`` of them)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count: int
    min: float
    q1: float
    median: float
    q3: float
    max: float


class ColumnStats(BaseModel):
    """One column: counts over the valid rows, failures over the input rows, and safe distributions.

    ``missing`` and ``distinct`` count the valid rows; ``failing`` counts the input rows failing at least
    one check on the column (row checks count for each of their columns), ``checks_failed`` the input
    rows failing each check (``range``, ``format:icd10cm``, ``order:<name>``, ...), ``out_of_range`` those
    failing ``range``, ``not_future`` or ``not_before``. ``before`` (valid rows) and ``after`` (the safe
    output) are set for non-PHI numeric columns only.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    phi: bool
    missing: int
    distinct: int
    failing: int
    out_of_range: int
    checks_failed: dict[str, int]
    before: Distribution | None = None
    after: Distribution | None = None


class ValidationSummary(BaseModel):
    """What validation did: row counts, rows failing each ``check:column``, per-column statistics."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rows_in: int
    rows_valid: int
    rows_quarantined: int
    failures_by_check: dict[str, int]
    columns: dict[str, ColumnStats]


def shows_distribution(spec: ColumnSpec) -> bool:
    """Whether a column's values may be summarised by order statistics: numeric and not PHI."""
    return spec.type in _NUMERIC_TYPES and spec.phi == "none"


def distribution(values: pd.Series) -> Distribution | None:
    """Min, quartiles (linear interpolation) and max of the present values; None when there are none
    or the values are not numbers (a column generalised to text, say)."""
    if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(values.dtype):
        return None
    present = values.dropna().to_numpy(dtype="float64")
    present = present[np.isfinite(present)]
    if not len(present):
        return None
    low, q1, median, q3, high = np.quantile(present, [0.0, 0.25, 0.5, 0.75, 1.0])
    return Distribution(
        count=len(present),
        min=float(low),
        q1=float(q1),
        median=float(median),
        q3=float(q3),
        max=float(high),
    )


def column_stats(
    valid: pd.DataFrame,
    policy: Policy,
    failures: Mapping[str, Mapping[str, np.ndarray]],
    *,
    counts_only: bool = False,
) -> dict[str, ColumnStats]:
    """Per-column statistics of the valid rows of ``valid.columns``.

    ``failures[column][check]`` is the mask (over the input rows) of the rows failing ``check`` on
    ``column``; only masks with at least one failure need be given. ``counts_only``: the counts a batch
    contributes to a whole table's (no distinct count, no distribution: they do not add up).
    """
    stats: dict[str, ColumnStats] = {}
    for name in valid.columns:
        column = str(name)
        spec = policy.columns[column]
        masks = failures.get(column, {})
        failing = 0
        if masks:
            any_failure = np.zeros(len(next(iter(masks.values()))), dtype=bool)
            for mask in masks.values():
                any_failure |= mask
            failing = int(any_failure.sum())
        counts = {check: int(mask.sum()) for check, mask in sorted(masks.items())}
        values = valid[name]
        stats[column] = ColumnStats(
            type=spec.type,
            phi=spec.phi != "none",
            missing=int(values.isna().sum()),
            distinct=0 if counts_only else int(values.nunique()),
            failing=failing,
            out_of_range=sum(count for check, count in counts.items() if check in RANGE_CHECKS),
            checks_failed=counts,
            before=distribution(values) if shows_distribution(spec) and not counts_only else None,
        )
    return stats


def with_output(summary: ValidationSummary, safe: pd.DataFrame, policy: Policy) -> ValidationSummary:
    """The summary with each non-PHI numeric column's distribution on the safe output added as ``after``.

    Columns absent from ``safe`` (dropped) or no longer numeric keep ``after`` unset ("n/a").
    """
    columns = {}
    for name, stats in summary.columns.items():
        after = None
        if name in safe.columns and shows_distribution(policy.columns[name]):
            after = distribution(safe[name])
        columns[name] = stats.model_copy(update={"after": after})
    return summary.model_copy(update={"columns": columns})


def summary_table(summary: ValidationSummary) -> str:
    """The summary as an aligned text table (one row per column) followed by the totals."""
    header = ("column", "type", "phi", "missing", "distinct", "failing", "checks failed")
    rows = [
        (
            name,
            stats.type,
            "yes" if stats.phi else "no",
            str(stats.missing),
            str(stats.distinct),
            str(stats.failing),
            ", ".join(f"{check}={count}" for check, count in stats.checks_failed.items()) or "-",
        )
        for name, stats in summary.columns.items()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    numeric = {3, 4, 5}

    def line(cells: tuple[str, ...]) -> str:
        aligned = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells[:-1])
        ]
        return "  ".join([*aligned, cells[-1]]).rstrip()

    lines = [line(header), line(tuple("-" * len(h) for h in header)), *(line(row) for row in rows)]
    lines.append("")
    lines.append(
        f"rows: {summary.rows_in} in, {summary.rows_valid} valid, {summary.rows_quarantined} quarantined"
    )
    if summary.failures_by_check:
        width = max(len(reason) for reason in summary.failures_by_check)
        lines.append("rows failing each check:")
        lines += [f"  {reason.ljust(width)}  {count}" for reason, count in summary.failures_by_check.items()]
    return "\n".join(lines)


__all__ = [
    "RANGE_CHECKS",
    "ColumnStats",
    "Distribution",
    "ValidationSummary",
    "column_stats",
    "distribution",
    "shows_distribution",
    "summary_table",
    "with_output",
]
