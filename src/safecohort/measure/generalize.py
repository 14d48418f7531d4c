"""k (and l, t) met by generalising quasi-identifiers first and suppressing rows only as a last resort.

Each quasi-identifier (QI) with a hierarchy in the policy (``hierarchies``) has a ladder of levels, finest
first (ages 1 -> 5 -> 10 -> 20 years, capped at 90+; ZIP5 -> ZIP3 -> state; day -> month -> quarter ->
year; category maps; optionally ``*``). A QI without a hierarchy has one level: its value in the safe
output. A *node* of the lattice picks one level per QI. A node is *feasible* when the rows of the classes
that miss ``k`` (or ``l``, ``t``) are at most ``max_suppression`` of all rows; those rows are suppressed.

**Information loss** is the normalised *loss metric* (Iyengar 2002; ARX's "Loss"): a value generalised
to a group covering ``g`` of the ``G`` distinct finest values of its column loses ``(g - 1) / (G - 1)``
(0 kept as is, 1 fully generalised); a suppressed row loses 1 in every QI; the loss of a table is the
mean over rows and QIs, between 0 and 1. It reads as "the share of each value's precision given up".

**Search** (exact, branch and bound). Without suppression the loss of a node is a sum over its QIs of
a number per (QI, level), known before any grouping, and it grows with every level; suppression only
adds to it. So this *bound* orders the nodes: they are evaluated from the smallest bound up, and the
search stops when the bound reaches the best loss found, which is then optimal. Feasibility is
monotone (a coarser node merges classes, so it never needs more suppression), hence a node below one
found infeasible is infeasible without grouping; the top node is evaluated first, and when it is
infeasible no node is, and the QIs that drive it are named. Every evaluation groups the *distinct*
tuples of finest values (with their row counts), not the rows, so its cost follows the number of
distinct combinations. ARX's Flash (Kohlmayer et al. 2012) walks paths through the lattice with the same
monotonicity ("predictive tagging") and keeps the best node it checked; see docs/risk.md.
"""

from __future__ import annotations

import itertools
import math
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from safecohort.errors import SchemaError
from safecohort.measure.risk import diversity, value_codes
from safecohort.policy import (
    CategoryHierarchy,
    DateHierarchy,
    Hierarchy,
    IntervalHierarchy,
    Policy,
    ZipHierarchy,
)
from safecohort.transform.operators import RESTRICTED_ZIP3

LOSS_MEASURE = "loss_metric"

# First three digits of a US ZIP code -> state (USPS prefix ranges; DC and the territories included).
_ZIP3_STATES = (
    (5, 5, "NY"), (6, 9, "PR"), (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"), (39, 49, "ME"),
    (50, 59, "VT"), (60, 69, "CT"), (70, 89, "NJ"), (90, 99, "AE"), (100, 149, "NY"), (150, 196, "PA"),
    (197, 199, "DE"), (200, 205, "DC"), (206, 219, "MD"), (220, 246, "VA"), (247, 268, "WV"),
    (270, 289, "NC"), (290, 299, "SC"), (300, 319, "GA"), (320, 349, "FL"), (350, 369, "AL"),
    (370, 385, "TN"), (386, 397, "MS"), (398, 399, "GA"), (400, 427, "KY"), (430, 459, "OH"),
    (460, 479, "IN"), (480, 499, "MI"), (500, 528, "IA"), (530, 549, "WI"), (550, 567, "MN"),
    (569, 569, "DC"), (570, 577, "SD"), (580, 588, "ND"), (590, 599, "MT"), (600, 629, "IL"),
    (630, 658, "MO"), (660, 679, "KS"), (680, 693, "NE"), (700, 715, "LA"), (716, 729, "AR"),
    (730, 749, "OK"), (750, 799, "TX"), (800, 816, "CO"), (820, 831, "WY"), (832, 838, "ID"),
    (840, 847, "UT"), (850, 865, "AZ"), (870, 884, "NM"), (885, 885, "TX"), (889, 898, "NV"),
    (900, 961, "CA"), (962, 966, "AP"), (967, 968, "HI"), (969, 969, "GU"), (970, 979, "OR"),
    (980, 994, "WA"), (995, 999, "AK"),
)  # fmt: skip
_STATE_OF_ZIP3 = np.full(1000, "??", dtype=object)
for _low, _high, _state in _ZIP3_STATES:
    _STATE_OF_ZIP3[_low : _high + 1] = _state
_ZIP5 = re.compile(r"^\s*(\d{5})(?:-?\d{4})?\s*$")


class GeneralizationReport(BaseModel):
    """What the lattice search chose and what it cost; names, levels and counts only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quasi_identifiers: list[str]
    levels: dict[str, str]  # QI -> the level chosen ("5", "zip3", "month", "*", "as is")
    available: dict[str, list[str]]  # QI -> its levels, finest first
    loss: float | None
    loss_measure: str = LOSS_MEASURE
    suppressed: int
    max_suppressed: int
    rows: int
    lattice_nodes: int
    nodes_evaluated: int
    seconds: float
    feasible: bool
    drivers: dict[str, int] = {}  # QI -> rows suppressed at the top node if it were removed
    detail: str | None = None


@dataclass(frozen=True)
class Generalization:
    """The report, each generalised QI's values at the chosen levels, and which rows to suppress (rows of
    the frame searched: classes, when it was a table of classes with weights)."""

    report: GeneralizationReport
    columns: dict[str, pd.Series]
    suppressed: np.ndarray  # bool per row of the input frame


@dataclass(frozen=True)
class _Ladder:
    """One QI: per row, the code of its finest value (a leaf); per level, each leaf's group and labels."""

    column: str
    names: list[str]
    leaf: np.ndarray  # per row
    groups: list[np.ndarray]  # per level: leaf -> group code
    labels: list[np.ndarray]  # per level: group code -> label (None for a null)
    loss: list[np.ndarray]  # per level: leaf -> loss of a value of that leaf at that level


# ---------------------------------------------------------------------------------------------------------
# Hierarchies: each level's labels for a column's values


def level_names(hierarchy: Hierarchy) -> list[str]:
    """The names of a hierarchy's levels, finest first, as the report shows them."""
    if isinstance(hierarchy, CategoryHierarchy):
        return [
            "as is",
            *(f"map {i}" if level != "*" else "*" for i, level in enumerate(hierarchy.levels, 1)),
        ]
    return [str(level) for level in hierarchy.levels]


def level_values(values: pd.Series, hierarchy: Hierarchy) -> list[pd.Series]:
    """The column ``values`` at every level of ``hierarchy``, finest first (labels as text; nulls kept).

    Raises :class:`SchemaError` when the column cannot be read as the hierarchy's kind (no value shown).
    """
    if isinstance(hierarchy, IntervalHierarchy):
        return _interval_levels(values, hierarchy)
    if isinstance(hierarchy, ZipHierarchy):
        return _zip_levels(values, hierarchy)
    if isinstance(hierarchy, DateHierarchy):
        dates = _as_dates(values)
        formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
        out = []
        for date_level in hierarchy.levels:
            if date_level == "*":
                out.append(_everything(values))
            elif date_level == "quarter":
                text = (
                    dates.dt.year.astype("Int64").astype("string")
                    + "-Q"
                    + dates.dt.quarter.astype("Int64").astype("string")
                )
                out.append(text.astype(object).where(dates.notna(), None))
            else:
                out.append(dates.dt.strftime(formats[date_level]).astype(object).where(dates.notna(), None))
        return out
    assert isinstance(hierarchy, CategoryHierarchy)
    text = values.astype("string").astype(object).where(values.notna(), None)
    out = [text]
    for mapping in hierarchy.levels:
        if mapping == "*":
            out.append(_everything(values))
        else:
            out.append(text.map(lambda v, m=mapping: m.get(v, v) if v is not None else None))
    return out


def _everything(values: pd.Series) -> pd.Series:
    return pd.Series("*", index=values.index, dtype=object)


def _as_dates(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    parsed = pd.to_datetime(values, errors="coerce")
    if (parsed.isna() & values.notna()).any():
        raise SchemaError(f"column '{values.name}' has values that are not dates; its hierarchy reads dates")
    return parsed


def _interval_levels(values: pd.Series, hierarchy: IntervalHierarchy) -> list[pd.Series]:
    if hierarchy.reference_date is not None:
        born = _as_dates(values)
        at = pd.Timestamp(hierarchy.reference_date)
        # Whole years at the reference date: one less if the birthday is still to come that year.
        before = (born.dt.month > at.month) | ((born.dt.month == at.month) & (born.dt.day > at.day))
        numbers = (at.year - born.dt.year - before.astype("Int64")).astype("Float64").astype(float)
    elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        numbers = values.astype("Float64").astype(float)
    else:
        numbers = pd.to_numeric(values.astype(object), errors="coerce").astype(float)
        if (numbers.isna() & values.notna()).any():
            raise SchemaError(
                f"column '{values.name}' has values that are not numbers; its hierarchy reads numbers"
            )
    cap = hierarchy.cap
    whole = bool(np.all(np.mod(numbers.dropna().to_numpy(), 1) == 0))
    out = []
    for width in hierarchy.levels:
        if width == "*":
            out.append(_everything(values))
            continue
        distinct = pd.unique(numbers.dropna().to_numpy())
        labels = {number: _band(number, width, cap, whole) for number in distinct}
        out.append(numbers.map(labels).astype(object).where(numbers.notna(), None))
    return out


def _band(number: float, width: int, cap: float | None, whole: bool) -> str:
    if cap is not None and number >= cap:
        return f"{cap:g}+"
    low = math.floor(number / width) * width
    if whole:
        high = low + width - 1 if cap is None else min(low + width - 1, cap - 1)
        return f"{low:g}" if high == low else f"{low:g}-{high:g}"
    high = low + width if cap is None else min(low + width, cap)
    return f"[{low:g}, {high:g})"


def _zip_levels(values: pd.Series, hierarchy: ZipHierarchy) -> list[pd.Series]:
    if pd.api.types.is_integer_dtype(values):
        # A ZIP stored as a number lost its leading zeros: 2134 is 02134.
        text = values.astype("Int64").astype("string").str.zfill(5).astype(object)
    else:
        text = values.astype("string").astype(object)
    text = text.where(values.notna(), None)
    digits = text.map(lambda v: (m.group(1) if (m := _ZIP5.match(v)) else "") if v is not None else None)
    if (digits == "").any():
        raise SchemaError(
            f"column '{values.name}' has values that are not US ZIP codes; its hierarchy reads ZIPs"
        )
    out = []
    prefix = digits.str[:3]
    for zip_level in hierarchy.levels:
        if zip_level == "zip5":
            out.append(digits)
        elif zip_level == "zip3":
            out.append(prefix.map(lambda p: None if p is None else "000" if p in RESTRICTED_ZIP3 else p))
        elif zip_level == "state":
            state = prefix.map(lambda p: None if p is None else _STATE_OF_ZIP3[int(p)])
            out.append(state)
        else:
            out.append(_everything(values))
    return out


def _ladder(column: str, levels: list[pd.Series], names: list[str]) -> _Ladder:
    """Codes of every level's values; a leaf is the combination of a row's codes at all levels."""
    codes = []
    labels = []
    for series in levels:
        level_codes, uniques = pd.factorize(series, use_na_sentinel=False)
        codes.append(level_codes.astype(np.int64))
        labels.append(np.asarray(uniques, dtype=object))
    stacked = np.stack(codes, axis=1)
    leaves, leaf = np.unique(stacked, axis=0, return_inverse=True)
    leaf = leaf.reshape(-1)
    groups = [leaves[:, level] for level in range(len(levels))]
    total = len(leaves)
    losses = []
    for group in groups:
        covered = np.bincount(group)[group]  # leaves in each leaf's group
        losses.append((covered - 1) / (total - 1) if total > 1 else np.zeros(total))
    return _Ladder(column, names, leaf, groups, labels, losses)


# ---------------------------------------------------------------------------------------------------------
# The search


def search_lattice(
    frame: pd.DataFrame,
    quasi_identifiers: Sequence[str],
    hierarchies: Mapping[str, Hierarchy],
    *,
    k: int,
    max_suppression: float,
    sensitive: Sequence[str] = (),
    l: int | None = None,  # noqa: E741 - the name of the model
    l_diversity: str = "distinct",
    t: float | None = None,
    weights: np.ndarray | None = None,
) -> Generalization:
    """Find the levels of least information loss that meet ``k`` (and ``l``, ``t``) within the suppression
    budget (a fraction of the rows); see the module docstring.

    ``frame`` holds each QI's values to generalise (the valid, untransformed values for a QI with a
    hierarchy; the safe output's for the others) and the ``sensitive`` columns. Infeasible: the report
    says so (``feasible`` False, ``drivers``) and nothing is generalised or suppressed.

    ``weights``: the number of rows each row of ``frame`` stands for (a table of distinct classes with
    their counts, as a streaming build's first pass gathers it); the search then needs memory per class,
    not per row, and its answer is the one it gives on the rows themselves.
    """
    started = time.perf_counter()
    qis = [str(c) for c in quasi_identifiers]
    missing = [c for c in (*qis, *sensitive) if c not in frame.columns]
    if missing:
        raise SchemaError(
            f"column(s) {', '.join(missing)} not in the data; check the policy's quasi-identifiers"
        )
    row_weights = np.ones(len(frame)) if weights is None else np.asarray(weights, dtype=float)
    rows = round(row_weights.sum())
    if not qis:  # nothing to link on: one class, nothing to generalise or suppress
        nothing = (0.0, np.zeros(0, np.int64), np.zeros(1, bool))
        return _result(
            frame, [], qis, nothing, np.zeros(len(frame), np.int64), row_weights, 0, 1, 0, started, {}, None
        )
    ladders = []
    for column in qis:
        hierarchy = hierarchies.get(column)
        if hierarchy is None:
            ladders.append(_ladder(column, [frame[column]], ["as is"]))
        else:
            ladders.append(_ladder(column, level_values(frame[column], hierarchy), level_names(hierarchy)))
    budget = math.floor(max_suppression * rows + 1e-9)
    # Distinct tuples of leaves (and sensitive values), with their row counts: the unit of every evaluation.
    sensitive_codes = [value_codes(frame[c]) for c in sensitive]
    parts = [ladder.leaf for ladder in ladders] + [codes for codes, _ in sensitive_codes]
    if len(frame) and parts:
        tuples, tuple_of_row = np.unique(np.stack(parts, axis=1), axis=0, return_inverse=True)
        tuple_of_row = tuple_of_row.reshape(-1)
    else:
        tuples = np.zeros((min(len(frame), 1), 0), dtype=np.int64)
        tuple_of_row = np.zeros(len(frame), dtype=np.int64)
    tuple_weights = np.bincount(tuple_of_row, weights=row_weights, minlength=len(tuples)).astype(float)
    overall = [
        np.bincount(codes, weights=row_weights, minlength=int(codes.max()) + 1 if len(frame) else 1)
        for codes, _ in sensitive_codes
    ]
    context = _Context(ladders, tuples, tuple_weights, sensitive_codes, overall, k, l, l_diversity, t)

    shape = [len(ladder.names) for ladder in ladders]
    nodes = np.array(list(itertools.product(*(range(h) for h in shape))), dtype=np.int64).reshape(
        -1, len(shape)
    )
    # Loss without suppression: per QI and level, the mean loss over rows; a node's bound is their mean.
    level_loss = [
        np.array(
            [float((loss[ladder.leaf] * row_weights).sum() / rows) if rows else 0.0 for loss in ladder.loss]
        )
        for ladder in ladders
    ]
    bound = (
        np.mean([level_loss[i][nodes[:, i]] for i in range(len(ladders))], axis=0) if ladders else np.zeros(1)
    )
    order = np.lexsort((nodes.sum(axis=1), bound))
    infeasible: list[np.ndarray] = []
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    evaluated = 0
    top = np.array([h - 1 for h in shape], dtype=np.int64)
    top_bad = context.bad_tuples(top)
    evaluated += 1
    top_suppressed = int(tuple_weights[top_bad].sum())
    if top_suppressed > budget:
        drivers = context.drivers(top)
        return _result(
            frame, ladders, qis, None, None, row_weights, budget, len(nodes), evaluated, started, drivers,
            f"no generalisation meets the thresholds with at most {budget} of {rows} rows suppressed: "
            f"even at the coarsest levels {top_suppressed} rows would be",
        )  # fmt: skip
    for index in order:
        node = nodes[index]
        if best is not None and bound[index] >= best[0] - 1e-12:
            break
        if infeasible and bool(np.any(np.all(node <= np.array(infeasible), axis=1))):
            continue  # below an infeasible node: needs at least as much suppression
        bad = context.bad_tuples(node)
        evaluated += 1
        suppressed = float(tuple_weights[bad].sum())
        if suppressed > budget:
            infeasible.append(node)
            continue
        kept_loss = context.kept_loss(node)
        loss = float((tuple_weights * np.where(bad, 1.0, kept_loss)).sum() / rows) if rows else 0.0
        if best is None or loss < best[0] - 1e-12:
            best = (loss, node, bad)
    assert best is not None  # the top node is feasible
    generalized = [c for c in qis if c in hierarchies]
    return _result(
        frame, ladders, qis, best, tuple_of_row, row_weights, budget, len(nodes), evaluated, started, {},
        None, generalized,
    )  # fmt: skip


@dataclass
class _Context:
    ladders: list[_Ladder]
    tuples: np.ndarray
    weights: np.ndarray
    sensitive: list[tuple[np.ndarray, bool]]
    overall: list[np.ndarray]
    k: int
    l: int | None  # noqa: E741
    l_diversity: str
    t: float | None

    def classes(self, node: np.ndarray, skip: int | None = None) -> tuple[np.ndarray, int]:
        """Per distinct tuple, its class at ``node`` (``skip``: a QI left out, as if fully generalised)."""
        key = np.zeros(len(self.tuples), dtype=np.int64)
        for i, (ladder, level) in enumerate(zip(self.ladders, node, strict=True)):
            if i == skip:
                continue
            group = ladder.groups[level][self.tuples[:, i]]
            radix = int(ladder.groups[level].max()) + 1 if len(ladder.groups[level]) else 1
            if len(key) and int(key.max()) >= (1 << 62) // radix:  # re-code before the key overflows
                key = np.unique(key, return_inverse=True)[1].reshape(-1).astype(np.int64)
            key = key * radix + group
        codes, inverse = np.unique(key, return_inverse=True)
        return inverse.reshape(-1), len(codes)

    def bad_tuples(self, node: np.ndarray, skip: int | None = None) -> np.ndarray:
        """Per distinct tuple: is it in a class that misses k, l or t at ``node``?"""
        classes, n_classes = self.classes(node, skip)
        size = np.bincount(classes, weights=self.weights, minlength=n_classes)
        bad_class = size < self.k
        offset = len(self.ladders)
        for j, ((_, ordered), overall) in enumerate(zip(self.sensitive, self.overall, strict=True)):
            if self.l is None and self.t is None:
                break
            values = self.tuples[:, offset + j]
            distinct, entropy_l, t = diversity(classes, n_classes, values, ordered, self.weights, overall)
            if self.l is not None:
                measure = distinct if self.l_diversity == "distinct" else entropy_l + 1e-9
                bad_class |= measure < self.l
            if self.t is not None:
                bad_class |= t > self.t + 1e-12
        return bad_class[classes]

    def kept_loss(self, node: np.ndarray) -> np.ndarray:
        """Per distinct tuple: its loss at ``node`` when kept (the mean over QIs)."""
        if not self.ladders:
            return np.zeros(len(self.tuples))
        per_qi = [
            ladder.loss[level][self.tuples[:, i]]
            for i, (ladder, level) in enumerate(zip(self.ladders, node, strict=True))
        ]
        return np.mean(per_qi, axis=0)

    def drivers(self, top: np.ndarray) -> dict[str, int]:
        """Per QI: rows still suppressed at the top node if that QI were left out entirely."""
        return {
            ladder.column: int(self.weights[self.bad_tuples(top, skip=i)].sum())
            for i, ladder in enumerate(self.ladders)
        }


def _result(
    frame: pd.DataFrame,
    ladders: list[_Ladder],
    qis: list[str],
    best: tuple[float, np.ndarray, np.ndarray] | None,
    tuple_of_row: np.ndarray | None,
    row_weights: np.ndarray,
    budget: int,
    lattice: int,
    evaluated: int,
    started: float,
    drivers: dict[str, int],
    detail: str | None,
    generalized: Sequence[str] = (),
) -> Generalization:
    """The search's answer: the chosen node's columns and suppressed rows, or (``best`` None) nothing."""
    columns = {}
    suppressed = np.zeros(len(frame), dtype=bool)
    levels: dict[str, str] = {}
    loss = None
    if best is not None and tuple_of_row is not None:
        loss_value, node, bad = best
        loss = round(loss_value, 6)
        suppressed = bad[tuple_of_row]
        for ladder, level in zip(ladders, node, strict=True):
            levels[ladder.column] = ladder.names[level]
            if ladder.column in generalized:
                group = ladder.groups[level][ladder.leaf]
                columns[ladder.column] = pd.Series(
                    ladder.labels[level][group], index=frame.index, dtype=object
                )
    report = GeneralizationReport(
        quasi_identifiers=qis,
        levels=levels,
        available={ladder.column: ladder.names for ladder in ladders},
        loss=loss,
        suppressed=round(row_weights[suppressed].sum()),
        max_suppressed=budget,
        rows=round(row_weights.sum()),
        lattice_nodes=lattice,
        nodes_evaluated=evaluated,
        seconds=round(time.perf_counter() - started, 3),
        feasible=best is not None,
        drivers=dict(sorted(drivers.items(), key=lambda item: item[1])),
        detail=detail,
    )
    return Generalization(report, columns, suppressed)


def enforce_thresholds(
    valid: pd.DataFrame,
    safe: pd.DataFrame,
    policy: Policy,
    quasi_identifiers: Sequence[str] | None = None,
    *,
    weights: np.ndarray | None = None,
) -> Generalization:
    """The policy's enforcement of k (l, t) on one build: :func:`search_lattice` over its QIs present in
    ``safe``, a hierarchy QI read from ``valid`` (the same index, before the transform nulled it).

    Rows may be suppressed only when ``thresholds.on_k_violation`` is ``suppress``, and then at most
    ``thresholds.max_suppression`` of them. ``quasi_identifiers``: the QI columns of this table (default:
    the policy's; a relational build passes the patient table's). ``weights``: rows per row of the frames
    (a table of classes; :func:`search_lattice`).
    """
    names = policy.quasi_identifiers if quasi_identifiers is None else quasi_identifiers
    qis = [c for c in names if c in safe.columns]
    columns = {c: valid[c] if c in policy.hierarchies else safe[c] for c in qis}
    sensitive = [c for c in policy.sensitive_columns if c in safe.columns]
    columns.update({c: safe[c] for c in sensitive})
    frame = pd.DataFrame(columns, index=safe.index)
    thresholds = policy.thresholds
    return search_lattice(
        frame,
        qis,
        policy.hierarchies,
        k=thresholds.k,
        max_suppression=thresholds.max_suppression if thresholds.on_k_violation == "suppress" else 0.0,
        sensitive=sensitive,
        l=thresholds.l,
        l_diversity=thresholds.l_diversity,
        t=thresholds.t,
        weights=weights,
    )


__all__ = [
    "LOSS_MEASURE",
    "Generalization",
    "GeneralizationReport",
    "enforce_thresholds",
    "level_names",
    "level_values",
    "search_lattice",
]
