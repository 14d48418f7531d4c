"""Re-identification risk of a table over its quasi-identifiers: the models ARX offers, vectorised.

An *equivalence class* is a set of rows that share the same values on every quasi-identifier (QI): an
attacker who knows a patient's QIs (age band, sex, 3-digit ZIP) can narrow that patient down to their
class, and no further. Every measure here is computed from the class of each row (one ``groupby`` and
``bincount``s, no Python loop over rows or classes), so a million rows take about a second.

- **k-anonymity** (Sweeney 2002): every class holds at least ``k`` rows; the report gives the smallest
  class and a histogram of class sizes (:class:`SizeBin`).
- **l-diversity** (Machanavajjhala et al. 2007) of each sensitive column: *distinct* l is the fewest
  distinct sensitive values in a class; *entropy* l is the smallest ``exp(H)`` of a class's sensitive
  values (a class is entropy-l-diverse when its entropy is at least ``log l``).
- **t-closeness** (Li, Li & Venkatasubramanian 2007): the largest Earth Mover's Distance between a
  class's distribution of a sensitive column and the whole table's; *equal distance* for categories
  (half the L1 distance), *ordered distance* for numbers (the mean absolute difference of the
  cumulative distributions over the sorted distinct values).
- **Prosecutor risk** (the attacker knows the target is in the data): ``1 / f`` for a class of ``f``
  rows; max ``1 / k``, average ``classes / rows``. **Journalist risk** (the attacker knows the target is
  in a population the data were sampled from): ``1 / F`` for the class's size ``F`` in the population,
  read from a population table, or estimated from the population size as ``F = f / pi`` (``pi`` =
  rows / population). **Marketer risk** (the share of records an attacker linking everyone re-identifies
  correctly): ``sum(f / F) / rows``. Without a population every measure takes the data as the whole
  population (journalist = prosecutor), the worst case. El Emam & Dankar 2008, JAMIA 15(5).
- **Records at risk**: rows whose prosecutor risk exceeds the threshold (``risk.threshold``, 0.2 = a
  class of fewer than 5 rows; EMA policy 0070 suggests 0.09 for public release).
- **Population uniqueness**: how many people in the population are unique on the QIs, estimated from the
  sample with **Zayatz's** model (Zayatz 1991, "Estimation of the number of unique population elements
  using a sample"), one of the three ARX offers. Why Zayatz: it is closed form (hypergeometric
  probabilities of the sample's class-size histogram), so it always gives a number, deterministically, in
  microseconds; Pitman's and SNB's estimators need a numerical maximum-likelihood fit that does not
  converge on some histograms (ARX then falls back to Zayatz in Dankar et al.'s 2012 decision rule), and
  Dankar et al. found no model uniformly best. It is reported with the sampling fraction it assumed.

Conventions, chosen so that an empty or odd input never reads as "safe" by accident:

- a null in a QI or a sensitive column is a value of its own (a missing ZIP is as linkable as any other
  ZIP), so rows whose QI is null form their own classes rather than being dropped from the count;
- no rows: ``k`` is 0 and :attr:`RiskReport.note` says so (there is no class to measure);
- no quasi-identifiers: the whole dataset is one class, so ``k`` is the row count. With nothing to link
  on, an attacker cannot tell one record from another; the policy's ``quasi_identifiers`` are what make
  this measure meaningful, and the report shows the empty list.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from safecohort.errors import SchemaError

#: Prosecutor risk above which a record counts as at high risk of re-identification (a class below 5).
HIGH_RISK = 0.2
#: Upper bounds of the class-size histogram's bins (the last bin is open).
SIZE_BINS = (1, 2, 3, 4, 9, 19, 49, 99)
#: Cells of the class x value matrix built at once for ordered t-closeness (memory bound, ~80 MB).
_DENSE_CELLS = 10_000_000


class SizeBin(BaseModel):
    """Classes whose size lies in ``[low, high]`` (``high`` None: and above) and the rows they hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: int
    high: int | None
    classes: int
    records: int


class SensitiveReport(BaseModel):
    """l-diversity and t-closeness of one sensitive column over the equivalence classes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    column: str
    distinct_l: int
    entropy_l: float
    t: float
    t_distance: str  # "equal" (categories) or "ordered" (numbers)


class RiskReport(BaseModel):
    """Re-identification risk of a dataset over its quasi-identifiers; counts only, no values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quasi_identifiers: list[str]
    rows: int
    k: int
    k_threshold: int | None = None
    equivalence_classes: int
    records_below_threshold: int = 0
    class_sizes: list[SizeBin] = []
    prosecutor_risk_max: float
    prosecutor_risk_avg: float
    journalist_risk_max: float | None = None
    marketer_risk: float | None = None
    population: int | None = None
    population_source: str = "sample"  # "sample" (data = population), "size" or "table"
    high_risk_threshold: float = HIGH_RISK
    records_at_high_risk: int
    sample_uniques: int = 0
    population_uniques: float | None = None
    population_uniqueness: float | None = None
    uniqueness_model: str = "zayatz"
    sensitive: list[SensitiveReport] = []
    l_threshold: int | None = None
    l_diversity: str = "distinct"
    t_threshold: float | None = None
    suppressed: int = 0
    note: str | None = None


def class_codes(df: pd.DataFrame, quasi_identifiers: Sequence[str]) -> tuple[np.ndarray, int]:
    """Per row, the code (0..classes-1) of its equivalence class; and the number of classes."""
    missing = [c for c in quasi_identifiers if c not in df.columns]
    if missing:
        names = ", ".join(f"'{c}'" for c in missing)
        raise SchemaError(f"column(s) {names} not in the data; check 'quasi_identifiers' and the policy")
    if len(df) == 0:
        return np.zeros(0, dtype=np.int64), 0
    if not quasi_identifiers:
        return np.zeros(len(df), dtype=np.int64), 1
    # dropna=False: a null is a QI value of its own; observed=True: only combinations present count.
    codes = df.groupby(list(quasi_identifiers), dropna=False, observed=True, sort=False).ngroup()
    values = codes.to_numpy(dtype=np.int64)
    return values, int(values.max()) + 1


def _class_sizes(df: pd.DataFrame, quasi_identifiers: Sequence[str]) -> tuple[np.ndarray, int]:
    """Per row, the size of its equivalence class; and the number of classes."""
    codes, classes = class_codes(df, quasi_identifiers)
    counts = np.bincount(codes, minlength=classes)
    return counts[codes], classes


def size_histogram(counts: np.ndarray) -> list[SizeBin]:
    """The histogram of class sizes ``counts`` (one entry per class) over :data:`SIZE_BINS`."""
    bins: list[SizeBin] = []
    low = 1
    for high in (*SIZE_BINS, None):
        inside = (counts >= low) & (counts <= high) if high is not None else counts >= low
        bins.append(SizeBin(low=low, high=high, classes=int(inside.sum()), records=int(counts[inside].sum())))
        low = (high or 0) + 1
    return bins


def value_codes(values: pd.Series) -> tuple[np.ndarray, bool]:
    """Codes of a sensitive column's values (null its own value, last); True when ordered (numbers).

    Numbers and dates get codes in sorted order so ordered distance can read them; anything else in
    order of first appearance.
    """
    ordered = bool(pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values))
    codes, uniques = pd.factorize(values, sort=ordered, use_na_sentinel=True)
    codes = codes.astype(np.int64)
    codes[codes < 0] = len(uniques)  # null: one value of its own, after the largest number
    return codes, ordered


def diversity(
    classes: np.ndarray,
    n_classes: int,
    values: np.ndarray,
    ordered: bool,
    weights: np.ndarray | None = None,
    overall: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per class: distinct sensitive values, entropy l (``exp(H)``) and t (distance to the whole table).

    ``classes`` and ``values`` are codes per row (or per distinct tuple, with its row count in
    ``weights``); ``overall`` is the count of each value in the whole table (default: of these rows).
    Classes without rows get distinct 0, entropy l 0 and t 0.
    """
    weight = np.ones(len(classes)) if weights is None else weights.astype(float)
    n_values = max(int(values.max()) + 1 if len(values) else 1, len(overall) if overall is not None else 0)
    pair = classes * n_values + values
    pairs, inverse = np.unique(pair, return_inverse=True)
    pair_counts = np.bincount(inverse, weights=weight)
    pair_class = pairs // n_values
    pair_value = pairs % n_values
    class_total = np.bincount(pair_class, weights=pair_counts, minlength=n_classes)
    distinct = np.bincount(pair_class, minlength=n_classes)
    p = pair_counts / class_total[pair_class]
    entropy = -np.bincount(pair_class, weights=p * np.log(p), minlength=n_classes)
    entropy_l = np.where(distinct > 0, np.exp(entropy), 0.0)
    if overall is None:
        overall = np.bincount(values, weights=weight, minlength=n_values)
    overall = np.asarray(overall, dtype=float)
    q = overall / overall.sum() if overall.sum() else overall
    if not ordered or n_values == 1:
        # Equal distance: EMD = half the L1 distance; values absent from a class contribute their q.
        present = np.bincount(
            pair_class, weights=np.abs(p - q[pair_value]) - q[pair_value], minlength=n_classes
        )
        t = np.where(distinct > 0, 0.5 * (present + 1.0), 0.0)
        return distinct, entropy_l, np.clip(t, 0.0, 1.0)
    t = np.zeros(n_classes)
    chunk = max(1, _DENSE_CELLS // n_values)
    cumulative_q = np.cumsum(q)
    for start in range(0, n_classes, chunk):
        stop = min(n_classes, start + chunk)
        inside = (pair_class >= start) & (pair_class < stop)
        dense = np.zeros((stop - start, n_values))
        dense[pair_class[inside] - start, pair_value[inside]] = p[inside]
        # Ordered distance: sum over the sorted values of |cumulative difference|, divided by m - 1.
        t[start:stop] = np.abs(np.cumsum(dense, axis=1) - cumulative_q).sum(axis=1) / (n_values - 1)
    return distinct, entropy_l, np.where(distinct > 0, t, 0.0)


def zayatz_uniques(counts: np.ndarray, population: int) -> float:
    """Population uniques estimated from the sample's class sizes ``counts`` (Zayatz 1991).

    The share of population classes of size ``i`` is taken to be the share of sample classes of size
    ``i``; a population class of size ``i`` yields a sample unique with the hypergeometric probability
    ``P(X = 1; N, i, n)``. Bayes gives the probability that a sample unique is a population unique, and
    the sample uniques so qualified, scaled by ``1 / pi``, estimate the population's.
    """
    rows = int(counts.sum())
    uniques = int((counts == 1).sum())
    if uniques == 0 or rows == 0:
        return 0.0
    if population <= rows:
        return float(uniques)  # the data are the population: its uniques are the uniques
    sizes, frequency = np.unique(counts, return_counts=True)
    share = frequency / frequency.sum()
    chance = np.array([_hypergeometric_one(population, int(size), rows) for size in sizes])
    posterior = share[sizes == 1][0] * chance[sizes == 1][0] / float((share * chance).sum())
    return uniques * posterior / (rows / population)


def _hypergeometric_one(population: int, successes: int, draws: int) -> float:
    """P(X = 1) for X ~ Hypergeometric(population, successes, draws), in logs (large populations)."""
    if successes > population or population - successes < draws - 1:
        return 0.0

    def log_choose(n: int, r: int) -> float:
        return math.lgamma(n + 1) - math.lgamma(r + 1) - math.lgamma(n - r + 1)

    log_p = (
        math.log(successes) + log_choose(population - successes, draws - 1) - log_choose(population, draws)
    )
    return math.exp(log_p)


def measure_risk(
    df: pd.DataFrame,
    quasi_identifiers: Sequence[str],
    *,
    k_threshold: int | None = None,
    sensitive: Sequence[str] = (),
    l_threshold: int | None = None,
    l_diversity: str = "distinct",
    t_threshold: float | None = None,
    threshold: float = HIGH_RISK,
    population: int | None = None,
    population_table: pd.DataFrame | None = None,
    reference: pd.DataFrame | None = None,
    weights: np.ndarray | None = None,
    reference_weights: np.ndarray | None = None,
) -> RiskReport:
    """Every risk model of the module over ``quasi_identifiers`` (and ``sensitive`` columns).

    ``k_threshold`` sets ``records_below_threshold`` (rows in classes smaller than it); ``l_threshold``
    and ``t_threshold`` are reported as given. ``population`` (a size) or ``population_table`` (a frame
    with the same QI columns, generalised the same way) are what journalist and marketer risk and the
    uniqueness estimate are measured against. ``reference`` (a frame with the sensitive columns) is the
    distribution t-closeness is measured against, by default ``df``'s own: the build passes the rows
    before suppression, as its search does. ``weights`` (and ``reference_weights``): how many rows each row
    of ``df`` (``reference``) stands for, when it is a table of distinct classes with their counts; the
    measures are those of the rows. Raises :class:`SchemaError` when a column is absent.
    """
    qis = [str(c) for c in quasi_identifiers]
    if weights is not None:  # a class of no rows is no class
        present = np.asarray(weights) > 0
        df, weights = df.loc[present], np.asarray(weights, dtype=np.int64)[present]
    codes, n_classes = class_codes(df, qis)
    row_weights = np.ones(len(codes), dtype=np.int64) if weights is None else weights
    missing = [c for c in sensitive if c not in df.columns]
    if missing:
        raise SchemaError(
            f"sensitive column(s) {', '.join(missing)} not in the data; check 'sensitive_columns'"
        )
    rows = int(row_weights.sum())
    settings = {
        "quasi_identifiers": qis,
        "k_threshold": k_threshold,
        "high_risk_threshold": threshold,
        "l_threshold": l_threshold,
        "l_diversity": l_diversity,
        "t_threshold": t_threshold,
    }
    if rows == 0:
        return RiskReport(
            rows=0,
            k=0,
            equivalence_classes=0,
            prosecutor_risk_max=0.0,
            prosecutor_risk_avg=0.0,
            records_at_high_risk=0,
            note="no rows: k is 0 by convention and there is no risk to measure",
            **settings,  # type: ignore[arg-type]
        )
    counts = np.bincount(codes, weights=row_weights, minlength=n_classes).astype(np.int64)
    sizes = counts[codes]
    journalist, marketer, source, size = _population_risk(
        df, qis, codes, counts, population, population_table
    )
    pop_uniques = zayatz_uniques(counts, size)
    reports = []
    for column in sensitive:
        overall = None
        if reference is not None:
            # Code the data and the reference together, so a value has one code in both.
            both, ordered = value_codes(pd.concat([df[column], reference[column]], ignore_index=True))
            values = both[: len(codes)]
            overall = np.bincount(
                both[len(codes) :], weights=reference_weights, minlength=int(both.max()) + 1
            )
        else:
            values, ordered = value_codes(df[column])
        distinct, entropy_l, t = diversity(
            codes, n_classes, values, ordered, weights=row_weights, overall=overall
        )
        reports.append(
            SensitiveReport(
                column=str(column),
                distinct_l=int(distinct.min()),
                entropy_l=float(entropy_l.min()),
                t=float(t.max()),
                t_distance="ordered" if ordered else "equal",
            )
        )
    note = None if qis else "no quasi-identifiers: the whole dataset is one class, so k is the row count"
    return RiskReport(
        rows=rows,
        k=int(counts.min()),
        equivalence_classes=n_classes,
        records_below_threshold=int(row_weights[sizes < k_threshold].sum()) if k_threshold is not None else 0,
        class_sizes=size_histogram(counts),
        prosecutor_risk_max=1.0 / float(counts.min()),
        prosecutor_risk_avg=n_classes / rows,
        journalist_risk_max=journalist,
        marketer_risk=marketer,
        population=size,
        population_source=source,
        records_at_high_risk=int(row_weights[1.0 / sizes > threshold].sum()),
        sample_uniques=int((counts == 1).sum()),
        population_uniques=pop_uniques,
        population_uniqueness=pop_uniques / size,
        sensitive=reports,
        note=note,
        **settings,  # type: ignore[arg-type]
    )


def _population_risk(
    df: pd.DataFrame,
    qis: list[str],
    codes: np.ndarray,
    counts: np.ndarray,
    population: int | None,
    table: pd.DataFrame | None,
) -> tuple[float, float, str, int]:
    """Journalist risk (max), marketer risk, where the population came from, and its size."""
    rows = int(counts.sum())
    if table is not None:
        missing = [c for c in qis if c not in table.columns]
        if missing:
            raise SchemaError(f"the population table lacks quasi-identifier column(s) {', '.join(missing)}")
        # Each sample class's size in the population; a class the table lacks counts its sample rows.
        first = pd.Series(np.arange(rows)).groupby(codes).first().to_numpy()
        keys = df.iloc[first][qis].reset_index(drop=True) if qis else pd.DataFrame(index=range(len(first)))
        if qis:
            in_population = table.groupby(qis, dropna=False, observed=True).size().rename("_F").reset_index()
            joined = keys.merge(in_population, on=qis, how="left")["_F"].fillna(0).to_numpy()
        else:
            joined = np.array([len(table)], dtype=float)
        big = np.maximum(joined, counts)
        return float(1.0 / big.min()), float((counts / big).sum() / rows), "table", max(len(table), rows)
    if population is None or population <= rows:
        return float(1.0 / counts.min()), len(counts) / rows, "sample", rows
    fraction = rows / population
    # F = f / pi: each sample class stands for 1 / pi times as many people in the population.
    return float(min(1.0, fraction / counts.min())), len(counts) * fraction / rows, "size", population


def k_anonymity(
    df: pd.DataFrame, quasi_identifiers: Sequence[str], k_threshold: int | None = None
) -> RiskReport:
    """k, the class sizes and the risks of ``df`` over ``quasi_identifiers`` (:func:`measure_risk`)."""
    return measure_risk(df, quasi_identifiers, k_threshold=k_threshold)


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


__all__ = [
    "HIGH_RISK",
    "RiskReport",
    "SensitiveReport",
    "SizeBin",
    "class_codes",
    "diversity",
    "enforce_k",
    "k_anonymity",
    "measure_risk",
    "size_histogram",
    "value_codes",
    "zayatz_uniques",
]
