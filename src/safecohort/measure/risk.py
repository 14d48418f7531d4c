"""Re-identification risk of the safe output: k-anonymity, prosecutor risk, local suppression.

An *equivalence class* is a set of rows that share the same values on every quasi-identifier (QI): an
attacker who knows a patient's QIs (age band, sex, 3-digit ZIP) can narrow that patient down to their
class, and no further. The dataset is *k-anonymous* when every class holds at least ``k`` rows.

Conventions, chosen so that an empty or odd input never reads as "safe" by accident:

- a null in a QI is a value of its own (a missing ZIP is as linkable as any other ZIP), so rows whose
  QI is null form their own classes rather than being dropped from the count;
- no rows: ``k`` is 0 and :attr:`RiskReport.note` says so (there is no class to measure);
- no quasi-identifiers: the whole dataset is one class, so ``k`` is the row count. With nothing to link
  on, an attacker cannot tell one record from another; the policy's ``quasi_identifiers`` are what make
  this measure meaningful, and the report shows the empty list.

Prosecutor risk (El Emam & Dankar 2008, "Protecting privacy using k-anonymity", JAMIA 15(5)) is the
probability of re-identifying a *given* target known to be in the data: 1 / size of the target's class.
Its maximum is ``1 / k``; its average over records is ``classes / rows``. A record is at high risk when
that probability exceeds :data:`HIGH_RISK` (0.2, i.e. a class of fewer than 5 rows, the common k = 5
rule); guidance for public release is stricter (EMA policy 0070 suggests 0.09), which a policy expresses
with a higher ``thresholds.k``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from safecohort.errors import SchemaError

#: Prosecutor risk above which a record counts as at high risk of re-identification.
HIGH_RISK = 0.2


class RiskReport(BaseModel):
    """k-anonymity and prosecutor risk of a dataset over its quasi-identifiers; counts only, no values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quasi_identifiers: list[str]
    rows: int
    k: int
    k_threshold: int | None = None
    equivalence_classes: int
    records_below_threshold: int = 0
    prosecutor_risk_max: float
    prosecutor_risk_avg: float
    high_risk_threshold: float = HIGH_RISK
    records_at_high_risk: int
    suppressed: int = 0
    note: str | None = None


def _class_sizes(df: pd.DataFrame, quasi_identifiers: Sequence[str]) -> tuple[np.ndarray, int]:
    """Per row, the size of its equivalence class; and the number of classes."""
    missing = [c for c in quasi_identifiers if c not in df.columns]
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        raise SchemaError(f"quasi-identifier column(s) {names} not in the data; check 'quasi_identifiers'")
    if len(df) == 0:
        return np.zeros(0, dtype=np.int64), 0
    if not quasi_identifiers:
        return np.full(len(df), len(df), dtype=np.int64), 1
    # dropna=False: a null is a QI value of its own; observed=True: only combinations present count.
    class_id = df.groupby(list(quasi_identifiers), dropna=False, observed=True, sort=False).ngroup()
    codes = class_id.to_numpy(dtype=np.int64)
    counts = np.bincount(codes)
    return counts[codes], len(counts)


def k_anonymity(
    df: pd.DataFrame, quasi_identifiers: Sequence[str], k_threshold: int | None = None
) -> RiskReport:
    """Measure k, the equivalence classes and prosecutor risk of ``df`` over ``quasi_identifiers``.

    ``k_threshold`` (the policy's ``thresholds.k``) only sets ``records_below_threshold``: the number of
    rows in classes smaller than it. Raises :class:`SchemaError` when a QI column is absent.
    """
    sizes, classes = _class_sizes(df, quasi_identifiers)
    rows = len(sizes)
    qis = [str(c) for c in quasi_identifiers]
    if rows == 0:
        return RiskReport(
            quasi_identifiers=qis,
            rows=0,
            k=0,
            k_threshold=k_threshold,
            equivalence_classes=0,
            prosecutor_risk_max=0.0,
            prosecutor_risk_avg=0.0,
            records_at_high_risk=0,
            note="no rows: k is 0 by convention and there is no risk to measure",
        )
    below = int((sizes < k_threshold).sum()) if k_threshold is not None else 0
    note = None if qis else "no quasi-identifiers: the whole dataset is one class, so k is the row count"
    return RiskReport(
        quasi_identifiers=qis,
        rows=rows,
        k=int(sizes.min()),
        k_threshold=k_threshold,
        equivalence_classes=classes,
        records_below_threshold=below,
        prosecutor_risk_max=1.0 / float(sizes.min()),
        prosecutor_risk_avg=classes / rows,
        records_at_high_risk=int((1.0 / sizes > HIGH_RISK).sum()),
        note=note,
    )


def enforce_k(df: pd.DataFrame, quasi_identifiers: Sequence[str], k: int) -> tuple[pd.DataFrame, pd.Index]:
    """Local suppression: remove every row whose equivalence class holds fewer than ``k`` rows.

    Returns the kept rows (in their original order, original index) and the index of the removed ones;
    together they partition ``df.index``. Removing whole classes leaves the other classes untouched, so
    the kept frame is k-anonymous. Raises :class:`ValueError` for ``k < 1``.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    sizes, _ = _class_sizes(df, quasi_identifiers)
    keep = sizes >= k
    return df.loc[keep], df.index[~keep]


__all__ = ["HIGH_RISK", "RiskReport", "enforce_k", "k_anonymity"]
