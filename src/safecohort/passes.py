"""The build of one table in two passes over record batches, with memory independent of the row count.

Every stage runs per batch; what needs the whole table is gathered by a first pass into a small,
picklable, mergeable state (:class:`FirstPass`), turned into a plan (:class:`BuildPlan`) and applied by
the second pass, batch by batch (:func:`process_batch`), whose statistics (:class:`BatchStats`) merge
into the audit report (:func:`stream_report`). The pandas builder runs the passes over the batches of a
file or of a DataFrame (``safecohort.builder``); the Spark engine runs :func:`scan_batch` and
:func:`process_batch` in ``mapInPandas`` and merges the states it collects. Batches share no state: date
shifts, surrogates and pseudonyms are derived with HMAC from the key and the patient.

What needs the whole table, and the memory it takes (see docs/architecture.md):

- ``unique`` columns and ``dataset.one_value_per_patient``: keyed 64-bit digests of the coerced values
  (:func:`safecohort.validate.value_digests`), 8 bytes per row for each unique column plus the
  patient's and the row's class digest (:class:`FirstPass` ``records``), and the distinct
  (patient, value) digest pairs of each conflict column. Never the values themselves.
- k-anonymity (l, t): the first pass counts the distinct classes of quasi-identifier (and sensitive)
  values; memory per class, not per row. The lattice search runs on the weighted class table; the plan
  maps each class digest to its generalised labels and whether it is suppressed.
- the utility baseline, the leak check's shapes, the distributions of the QA summary and the rescan of
  non-PHI columns read a seeded bottom-k sample of :data:`SAMPLE_ROWS` rows (the rows of smallest keyed
  priority, so the same rows whatever the batch size or partitioning); below that size, every row.
- distinct counts per column: a k-minimum-values sketch of :data:`SKETCH_SIZE` digests (exact below).
- counts (rows, reasons, findings, residual notes, full leak scans): summed.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from safecohort._version import __version__
from safecohort.detect.columns import LeakReport, check_leaks
from safecohort.detect.columns.leaks import full_scan_hits
from safecohort.detect.text import Finding, NoteScanner
from safecohort.errors import DetectionError, SchemaError
from safecohort.measure.generalize import GeneralizationReport, enforce_thresholds
from safecohort.measure.rescan import ResidualReport, residual_phi
from safecohort.measure.risk import RiskReport, k_anonymity, measure_risk
from safecohort.measure.utility import MAX_ROWS, UtilityReport, auc_drop_verdict, baseline_utility
from safecohort.policy import Policy
from safecohort.qa import RANGE_CHECKS, ColumnStats, ValidationSummary, distribution, shows_distribution
from safecohort.report.audit import AuditReport, Check, ColumnRecord
from safecohort.transform import Keyring, transform_table
from safecohort.transform.table import ColumnAction
from safecohort.validate import (
    REASONS_COLUMN,
    TableVerdicts,
    conflicted_patients,
    repeated,
    validate,
    value_digests,
)

Progress = Callable[[str], None]

#: Rows in the seeded sample the utility baseline, leak shapes, distributions and column rescan read.
SAMPLE_ROWS = MAX_ROWS
#: Smallest digests kept per column to count its distinct values (exact below this many).
SKETCH_SIZE = 1 << 16
_TOP = float(2**64)


# --- the build's constants -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildContext:
    """What every batch of one build must share: the moment checks compare against and the key of the
    digests (random per build: the digests never leave it). Picklable; made once, on the driver."""

    now: pd.Timestamp
    key: str

    @classmethod
    def new(cls, now: pd.Timestamp | None = None) -> BuildContext:
        """A context for a new build (``now``: the current local time by default)."""
        return cls(now=pd.Timestamp.now() if now is None else pd.Timestamp(now), key=secrets.token_hex(8))


# --- pass 1 ----------------------------------------------------------------------------------------------


@dataclass
class FirstPass:
    """What the first pass gathers, mergeable (:meth:`merge`) and picklable.

    ``records``: one row per input row (only when the policy has ``unique`` or conflict checks), columns
    ``record_columns`` (each unique column's digest, the patient's, the row's class digest; 0 = none).
    ``pairs[column]``: distinct (patient, value) digest pairs. ``classes``: one row per distinct class
    (index: its digest), its QI and sensitive values and ``_rows``.
    """

    rows: int = 0
    rows_failing: int = 0
    failures_by_check: dict[str, int] = field(default_factory=dict)
    readable: dict[str, int] = field(default_factory=dict)
    first_failing: list[int] = field(default_factory=list)
    record_columns: list[str] = field(default_factory=list)
    records: list[np.ndarray] = field(default_factory=list)
    pairs: dict[str, np.ndarray] = field(default_factory=dict)
    classes: pd.DataFrame | None = None
    _distinct_pairs: dict[str, int] = field(default_factory=dict)

    def merge(self, other: FirstPass) -> FirstPass:
        """This state with ``other``'s added (in place; returned for chaining)."""
        self.rows += other.rows
        self.rows_failing += other.rows_failing
        _add_counts(self.failures_by_check, other.failures_by_check)
        _add_counts(self.readable, other.readable)
        self.first_failing = sorted(self.first_failing + other.first_failing)[:5]
        self.record_columns = self.record_columns or other.record_columns
        self.records.extend(other.records)
        if len(self.records) > 64:  # fewer, larger arrays: less overhead per batch
            self.records = [np.concatenate(self.records)]
        for column, pairs in other.pairs.items():
            both = np.concatenate([self.pairs[column], pairs]) if column in self.pairs else pairs
            # Deduplicated when the pairs doubled since the last time: linear time over the batches.
            if len(both) > 2 * self._distinct_pairs.get(column, 1 << 16):
                both = np.unique(both, axis=0)
                self._distinct_pairs[column] = len(both)
            self.pairs[column] = both
        self.classes = _merge_classes(self.classes, other.classes)
        return self


def _add_counts(into: dict[str, int], counts: Mapping[str, int]) -> None:
    for name, count in counts.items():
        into[name] = into.get(name, 0) + count


def _merge_classes(left: pd.DataFrame | None, right: pd.DataFrame | None) -> pd.DataFrame | None:
    if left is None or right is None:
        return right if left is None else left
    both = pd.concat([left, right])
    rows = both["_rows"].groupby(level=0, sort=False).sum()
    merged = both[~both.index.duplicated()].copy()
    merged["_rows"] = rows.loc[merged.index].to_numpy()
    return merged


def quasi_identifiers(policy: Policy) -> list[str]:
    """The policy's quasi-identifiers of a single-table build (names as the policy lists them)."""
    return [str(c) for c in policy.quasi_identifiers]


def _class_frame(
    valid: pd.DataFrame, safe: pd.DataFrame, policy: Policy
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The values a row's class is made of: a QI with a hierarchy as validated (the search generalises
    it), any other QI and the sensitive columns as the transform left them; and the QIs and sensitive
    columns present in the output."""
    qis = [c for c in quasi_identifiers(policy) if c in safe.columns]
    sensitive = [c for c in policy.sensitive_columns if c in safe.columns]
    columns = {c: valid[c] if c in policy.hierarchies else safe[c] for c in qis}
    columns.update({c: safe[c] for c in sensitive if c not in columns})
    return pd.DataFrame(columns, index=safe.index), qis, sensitive


def _class_digests(frame: pd.DataFrame, key: str) -> np.ndarray:
    if not len(frame.columns):
        return np.ones(len(frame), dtype=np.uint64)
    return pd.util.hash_pandas_object(frame, index=False, hash_key=key).to_numpy(dtype=np.uint64) | 1


def _positions(frame: pd.DataFrame, offset: int) -> pd.DataFrame:
    return frame.set_axis(pd.RangeIndex(offset, offset + len(frame)))


def scan_batch(
    batch: pd.DataFrame, policy: Policy, keyring: Keyring | None, context: BuildContext, offset: int
) -> FirstPass:
    """Pass 1 over one batch of raw rows (``offset``: the position of its first row in the table).

    Validates the rows (row checks only), digests what the whole-table checks need, and counts the
    classes of the valid rows' quasi-identifiers as the output will hold them. Raises what
    :func:`safecohort.validate.validate` raises for a batch that does not fit the policy.
    """
    batch = _positions(batch, offset)
    validation = validate(batch, policy, now=context.now, verdicts=TableVerdicts(key=context.key))
    valid = validation.valid
    state = FirstPass(
        rows=len(batch),
        rows_failing=len(validation.quarantine),
        failures_by_check=dict(validation.summary.failures_by_check),
        readable=dict(validation.readable),
        first_failing=[int(p) for p in validation.quarantine.index[:5]],
    )
    class_digest = np.zeros(len(batch), dtype=np.uint64)
    if policy.quasi_identifiers:
        needed = [c for c in (*quasi_identifiers(policy), *policy.sensitive_columns) if c in valid.columns]
        patients = _patient_ids(valid, policy)
        safe = transform_table(valid[needed], {}, policy, keyring, patient_ids=patients).data
        frame, _, _ = _class_frame(valid, safe, policy)
        digests = _class_digests(frame, context.key)
        class_digest[valid.index.to_numpy() - offset] = digests
        counts = pd.Series(digests).value_counts(sort=False)
        first = ~pd.Index(digests).duplicated()
        table = frame.iloc[first].set_axis(pd.Index(digests[first]))
        table["_rows"] = counts.loc[table.index].to_numpy(dtype=np.int64)
        state.classes = table
    row_digests = validation.digests
    columns = [name for name in row_digests if name.startswith("unique:")]
    columns += ["patient"] if "patient" in row_digests else []
    if columns:
        state.record_columns = [*columns, "class"]
        state.records = [np.stack([*(row_digests[c] for c in columns), class_digest], axis=1)]
    for name in row_digests:
        if name.startswith("value:"):
            pairs = np.stack([row_digests["patient"], row_digests[name]], axis=1)
            state.pairs[name.split(":", 1)[1]] = np.unique(pairs, axis=0)
    return state


def _patient_ids(valid: pd.DataFrame, policy: Policy) -> pd.Series | None:
    patient_id = policy.patient_id
    return valid[patient_id] if patient_id is not None and patient_id in valid.columns else None


# --- the plan --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildPlan:
    """What the first pass decided for the whole table; picklable, read by every batch of pass 2.

    ``verdicts``: duplicated and conflicted digests (validation). ``class_digests`` (sorted) with, per
    class, ``suppressed`` and ``labels[column]`` (the generalised value of a QI with a hierarchy).
    ``classes``: the class table (values, ``_rows`` before suppression) the risk is measured on.
    """

    context: BuildContext
    verdicts: TableVerdicts
    rows: int
    class_digests: np.ndarray
    suppressed: np.ndarray
    labels: dict[str, np.ndarray]
    classes: pd.DataFrame | None
    quasi_identifiers: list[str]
    sensitive: list[str]
    generalization: GeneralizationReport | None


def plan_build(first: FirstPass, policy: Policy, context: BuildContext) -> BuildPlan:
    """The plan from the merged first pass: the whole-table verdicts and the k-anonymity search.

    Raises :class:`SchemaError` as :func:`safecohort.validate.validate` does on a whole table: fewer than
    ``dataset.min_rows`` rows, a column none of whose values can be read, any failing row under
    ``on_invalid: fail``. Rows failing a whole-table check leave the class counts before the search.
    """
    if first.rows < policy.dataset.min_rows:
        raise SchemaError(
            f"the input has {first.rows} row(s), fewer than dataset.min_rows = {policy.dataset.min_rows}; "
            "check that the extract is complete, or lower min_rows in the policy"
        )
    for reason, count in first.failures_by_check.items():
        column = reason.split(":", 1)[1]
        if reason.startswith("coerce:") and count and not first.readable.get(column):
            spec = policy.columns[column]
            raise SchemaError(
                f"column '{column}' ({spec.type}): none of its {count} value(s) can be read as its type; "
                "check that the column is the one the policy describes"
            )
    records = np.concatenate(first.records) if first.records else np.zeros((0, 1), dtype=np.uint64)
    duplicated: dict[str, np.ndarray] = {}
    conflicted: dict[str, np.ndarray] = {}
    failing = np.zeros(len(records), dtype=bool)
    failures = dict(first.failures_by_check)
    for i, name in enumerate(first.record_columns[:-1]):
        if name.startswith("unique:"):
            column = name.split(":", 1)[1]
            duplicated[column] = repeated(records[:, i])
            hit = np.isin(records[:, i], duplicated[column])
            failing |= hit
            if hit.any():
                failures[name] = int(hit.sum())
    for column, pairs in first.pairs.items():
        conflicted[column] = conflicted_patients(pairs)
        patient = records[:, first.record_columns.index("patient")]
        hit = np.isin(patient, conflicted[column]) & (patient != 0)
        failing |= hit
        if hit.any():
            failures[f"conflict:{column}"] = int(hit.sum())
    if policy.on_invalid == "fail" and (first.rows_failing or failing.any()):
        counts = ", ".join(f"{reason}={count}" for reason, count in sorted(failures.items()))
        raise SchemaError(
            f"rows of the {first.rows} failed validation and the policy says 'on_invalid: fail'; rows "
            f"failing per check: {counts}. Fix the extract, or set 'on_invalid: quarantine' to continue "
            "with the valid rows"
        )
    verdicts = TableVerdicts(key=context.key, duplicated=duplicated, conflicted=conflicted)
    classes = first.classes
    nothing = np.zeros(0, dtype=np.uint64)
    if classes is None or not policy.quasi_identifiers:
        return BuildPlan(context, verdicts, first.rows, nothing, np.zeros(0, bool), {}, None, [], [], None)
    if failing.any():  # rows a whole-table check quarantines are no member of their class
        lost = records[failing & (records[:, -1] != 0), -1]
        lost_classes, lost_rows = np.unique(lost, return_counts=True)
        classes = classes.copy()
        classes.loc[lost_classes, "_rows"] -= lost_rows
    classes = classes.loc[classes["_rows"] > 0].sort_index()
    qis = [c for c in classes.columns if c in quasi_identifiers(policy)]
    sensitive = [c for c in policy.sensitive_columns if c in classes.columns]
    weights = classes["_rows"].to_numpy(dtype=np.int64)
    found = enforce_thresholds(classes, classes, policy, qis, weights=weights)
    return BuildPlan(
        context=context,
        verdicts=verdicts,
        rows=first.rows,
        class_digests=classes.index.to_numpy(dtype=np.uint64),
        suppressed=found.suppressed,
        labels={c: values.to_numpy(dtype=object) for c, values in found.columns.items()},
        classes=classes,
        quasi_identifiers=qis,
        sensitive=sensitive,
        generalization=found.report,
    )


# --- pass 2 ----------------------------------------------------------------------------------------------


@dataclass
class BatchStats:
    """What pass 2 counts, mergeable (:meth:`merge`) and picklable; :func:`stream_report` reads it."""

    rows_in: int = 0
    rows_out: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    rows_quarantined: int = 0
    failures_by_check: dict[str, int] = field(default_factory=dict)
    column_failing: dict[str, dict[str, int]] = field(default_factory=dict)  # column -> check -> rows
    column_any_failing: dict[str, int] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=dict)
    distinct: dict[str, np.ndarray] = field(default_factory=dict)  # column -> smallest digests
    findings_by_entity: dict[str, int] = field(default_factory=dict)
    notes_scanned: int = 0
    residual_notes: int = 0
    residual_scanned: int = 0
    residual_by_entity: dict[str, int] = field(default_factory=dict)
    leak_hits: dict[str, tuple[dict[str, int], int]] = field(default_factory=dict)
    output_classes: dict[int, int] = field(default_factory=dict)  # class digest -> rows written
    sample_valid: pd.DataFrame | None = None  # with "_priority"
    sample_safe: pd.DataFrame | None = None
    actions: list[ColumnAction] = field(default_factory=list)
    output_columns: list[str] = field(default_factory=list)
    valid_columns: list[str] = field(default_factory=list)

    def merge(self, other: BatchStats) -> BatchStats:
        """These statistics with ``other``'s added (in place; returned for chaining)."""
        self.rows_in += other.rows_in
        self.rows_out += other.rows_out
        self.rows_quarantined += other.rows_quarantined
        for mine, theirs in (
            (self.reasons, other.reasons),
            (self.failures_by_check, other.failures_by_check),
            (self.column_any_failing, other.column_any_failing),
            (self.missing, other.missing),
            (self.findings_by_entity, other.findings_by_entity),
            (self.residual_by_entity, other.residual_by_entity),
        ):
            _add_counts(mine, theirs)
        for column, checks in other.column_failing.items():
            _add_counts(self.column_failing.setdefault(column, {}), checks)
        for column, digests in other.distinct.items():
            both = np.concatenate([self.distinct[column], digests]) if column in self.distinct else digests
            self.distinct[column] = _smallest(both) if len(both) > 4 * SKETCH_SIZE else both
        self.notes_scanned += other.notes_scanned
        self.residual_notes += other.residual_notes
        self.residual_scanned += other.residual_scanned
        for column, (hits, scanned) in other.leak_hits.items():
            before, count = self.leak_hits.get(column, ({}, 0))
            total = dict(before)
            _add_counts(total, hits)
            self.leak_hits[column] = (total, count + scanned)
        for digest, rows in other.output_classes.items():
            self.output_classes[digest] = self.output_classes.get(digest, 0) + rows
        self.sample_valid, self.sample_safe = _merge_samples(
            (self.sample_valid, self.sample_safe), (other.sample_valid, other.sample_safe)
        )
        self.actions = self.actions or other.actions
        self.output_columns = self.output_columns or other.output_columns
        self.valid_columns = self.valid_columns or other.valid_columns
        return self


def _smallest(digests: np.ndarray) -> np.ndarray:
    """The :data:`SKETCH_SIZE` smallest distinct digests (a k-minimum-values sketch of distinct counts)."""
    values = np.unique(digests)
    return values[:SKETCH_SIZE]


def distinct_count(digests: np.ndarray) -> int:
    """Distinct values a sketch stands for: exact below :data:`SKETCH_SIZE`, else the KMV estimate."""
    sketch = _smallest(digests)
    if len(sketch) < SKETCH_SIZE:
        return len(sketch)
    return round((SKETCH_SIZE - 1) / (float(sketch[-1]) / _TOP))


def _merge_samples(
    left: tuple[pd.DataFrame | None, pd.DataFrame | None],
    right: tuple[pd.DataFrame | None, pd.DataFrame | None],
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    if left[0] is None or right[0] is None:
        return right if left[0] is None else left
    valid, safe = pd.concat([left[0], right[0]]), pd.concat([left[1], right[1]])
    if len(valid) > 2 * SAMPLE_ROWS:  # cut back to the sample when it doubled: linear over the batches
        valid, safe = _bottom(valid, safe)
    return valid, safe


def _bottom(valid: pd.DataFrame, safe: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The :data:`SAMPLE_ROWS` candidates of smallest priority, in input order, and their safe rows."""
    if len(valid) > SAMPLE_ROWS:
        valid = valid.nsmallest(SAMPLE_ROWS, "_priority", keep="first")
    valid = valid.sort_index()
    return valid, safe.loc[safe.index.isin(valid.index)].sort_index()


def _sample(
    valid: pd.DataFrame, safe: pd.DataFrame, seed: int, rows: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The batch's candidates for the build's bottom-k sample: valid rows with their keyed priority.

    Of a table of ``rows`` rows, about 1.25 k have a priority below 1.25 k / ``rows`` of the range, so the
    k smallest lie below it (when most rows are valid; else the sample holds every valid row below the
    cut, fewer than k): the others are not handed on, an eighth of a batch at 1 M rows rather than all of
    it. The cut depends on the table's row count alone, so the sample does not depend on the batches.
    """
    priority = value_digests(pd.Series(valid.index.to_numpy(dtype=np.int64)), f"{seed:016d}"[-16:])
    if rows > SAMPLE_ROWS:
        cut = np.uint64(min(_TOP - 1, _TOP * 1.25 * SAMPLE_ROWS / rows))
        kept = priority < cut
        valid, priority = valid.loc[kept], priority[kept]
    valid = valid.assign(_priority=priority)
    if len(valid) > SAMPLE_ROWS:
        valid = valid.nsmallest(SAMPLE_ROWS, "_priority", keep="first").sort_index()
    return valid, safe.loc[safe.index.isin(valid.index)]


@dataclass(frozen=True)
class BatchOutput:
    """One batch's safe rows (in input order), quarantined raw rows (with ``_reasons``, labelled as in
    the input) and statistics."""

    safe: pd.DataFrame
    quarantine: pd.DataFrame
    stats: BatchStats


def scan_notes(
    frame: pd.DataFrame, policy: Policy, scanner: NoteScanner
) -> tuple[dict[str, list[list[Finding]]], dict[int | str, list[str]]]:
    """Scan every note column in batches. A note whose scan fails is quarantined, never emitted unscanned."""
    findings: dict[str, list[list[Finding]]] = {}
    failed: dict[int | str, list[str]] = {}
    batch = policy.notes.batch_size * 8
    for column in policy.notes.columns:
        if column not in frame.columns or policy.action_for(column).operator == "drop":
            continue
        texts = frame[column].tolist()
        out: list[list[Finding]] = []
        for start in range(0, len(texts), batch):
            chunk = texts[start : start + batch]
            try:
                out.extend(scanner.scan(chunk))
            except DetectionError:
                # Find the notes that fail alone; the rest of the batch is scanned one by one.
                for offset, text in enumerate(chunk):
                    try:
                        out.extend(scanner.scan([text]))
                    except DetectionError:
                        failed.setdefault(frame.index[start + offset], []).append(f"scan_failed:{column}")
                        out.append([])
        findings[column] = out
    return findings, failed


def process_batch(
    batch: pd.DataFrame,
    plan: BuildPlan,
    policy: Policy,
    keyring: Keyring | None,
    scanner: NoteScanner | None,
    offset: int,
) -> BatchOutput:
    """Pass 2 over one batch: validate (with the whole table's verdicts), scan notes, transform,
    generalise and suppress per the plan, rescan the notes; the safe rows, the quarantined ones, stats.

    Every input row is either in ``safe`` or in ``quarantine`` (rows in = rows out + rows quarantined).
    Raises :class:`SchemaError` when a row's class is not in the plan (the input changed between passes).
    """
    labels = batch.index
    batch = _positions(batch, offset)
    validation = validate(batch, policy, now=plan.context.now, verdicts=plan.verdicts)
    valid = validation.valid
    quarantined = [validation.quarantine]
    stats = BatchStats(rows_in=len(batch), valid_columns=[str(c) for c in valid.columns])

    def set_aside(index: pd.Index, reasons: str | list[str]) -> None:
        rows = batch.loc[index, list(validation.quarantine.columns[:-1])].copy()
        rows[REASONS_COLUMN] = reasons
        quarantined.append(rows)

    stats.leak_hits = full_scan_hits(valid, policy)
    findings: dict[str, list[list[Finding]]] = {}
    if scanner is not None and policy.notes.columns:
        findings, failed = scan_notes(valid, policy, scanner)
        if failed:
            index = pd.Index(list(failed))
            set_aside(index, ["; ".join(failed[i]) for i in index])
            keep = ~valid.index.isin(index)
            findings = {c: [f for f, k in zip(fs, keep, strict=True) if k] for c, fs in findings.items()}
            scanned_valid = valid.loc[keep]
        else:
            scanned_valid = valid
    else:
        scanned_valid = valid
    for per_note in findings.values():
        stats.notes_scanned += len(per_note)
        for note in per_note:
            for finding in note:
                stats.findings_by_entity[finding.entity_type] = (
                    stats.findings_by_entity.get(finding.entity_type, 0) + 1
                )
    result = transform_table(
        scanned_valid, findings, policy, keyring, patient_ids=_patient_ids(scanned_valid, policy)
    )
    safe, inserted, stats.actions = result.data, result.inserted, result.actions
    if plan.classes is not None:
        frame, _, _ = _class_frame(scanned_valid, safe, policy)
        digests = _class_digests(frame, plan.context.key)
        where = np.searchsorted(plan.class_digests, digests)
        where = np.minimum(where, max(len(plan.class_digests) - 1, 0))
        if len(digests) and not (plan.class_digests[where] == digests).all():
            raise SchemaError(
                "a row's quasi-identifiers form a class the first pass did not see: the input changed "
                "between the build's two passes; build again from a stable copy"
            )
        if plan.labels:
            safe = safe.assign(
                **{
                    c: pd.Series(labels_[where], index=safe.index, dtype=object)
                    for c, labels_ in plan.labels.items()
                }
            )
        suppressed = plan.suppressed[where] if len(digests) else np.zeros(0, dtype=bool)
        if suppressed.any():
            set_aside(safe.index[suppressed], f"k_anonymity:{policy.thresholds.k}")
            keep = ~suppressed
            safe = safe.loc[keep]
            inserted = {c: [s for s, k in zip(sp, keep, strict=True) if k] for c, sp in inserted.items()}
            digests = digests[keep]
        written, counts = np.unique(digests, return_counts=True)
        stats.output_classes = dict(zip(written.tolist(), counts.tolist(), strict=True))
    if scanner is not None and policy.notes.columns:
        rescan = residual_phi(safe, policy, scanner, inserted, scan_columns=False)
        stats.residual_notes = rescan.notes_with_residual
        stats.residual_scanned = rescan.notes_scanned
        stats.residual_by_entity = dict(rescan.findings_by_entity)
    quarantine = pd.concat(quarantined) if len(quarantined) > 1 else quarantined[0]
    quarantine = quarantine.sort_index(kind="stable")
    _count_validation(stats, validation.summary, valid, plan.context.key)
    for text in quarantine[REASONS_COLUMN]:
        for reason in str(text).split("; "):
            stats.reasons[reason] = stats.reasons.get(reason, 0) + 1
    stats.rows_quarantined = len(quarantine)
    stats.rows_out = len(safe)
    stats.output_columns = [str(c) for c in safe.columns]
    stats.sample_valid, stats.sample_safe = _sample(valid, safe, _seed(policy), plan.rows)
    quarantine = quarantine.set_axis(labels[quarantine.index.to_numpy() - offset])
    return BatchOutput(safe=safe.reset_index(drop=True), quarantine=quarantine, stats=stats)


def _seed(policy: Policy) -> int:
    return policy.utility.seed if policy.utility is not None else 0


def _count_validation(stats: BatchStats, summary: ValidationSummary, valid: pd.DataFrame, key: str) -> None:
    stats.failures_by_check = dict(summary.failures_by_check)
    for column, column_stats in summary.columns.items():
        stats.column_failing[column] = dict(column_stats.checks_failed)
        stats.column_any_failing[column] = column_stats.failing
        stats.missing[column] = column_stats.missing
        stats.distinct[column] = _smallest(
            value_digests(valid[column], key)[valid[column].notna().to_numpy()]
        )


# --- the report ------------------------------------------------------------------------------------------


def stream_report(
    stats: BatchStats,
    plan: BuildPlan,
    policy: Policy,
    keyring: Keyring | None,
    scanner: NoteScanner | None,
    *,
    input_summary: Mapping[str, Any],
    output_digest: str,
    timings: Mapping[str, float],
) -> AuditReport:
    """The audit report of a build from its merged pass-2 statistics and its plan.

    ``input_summary``: the input's ``name`` and ``digest`` (of the file's bytes, or of the DataFrame);
    ``output_digest``: the writer's digest of the safe rows (``safecohort.builder.frame_digest`` of the
    whole output, fed batch by batch). The utility baseline, leak shapes, distributions and the rescan of
    non-PHI columns read the sample (every row below :data:`SAMPLE_ROWS`).
    """
    if stats.sample_valid is not None and stats.sample_safe is not None:
        stats.sample_valid, stats.sample_safe = _bottom(stats.sample_valid, stats.sample_safe)
    sample_valid = stats.sample_valid.drop(columns="_priority") if stats.sample_valid is not None else None
    sample_valid = sample_valid if sample_valid is not None else pd.DataFrame(columns=stats.valid_columns)
    sample_safe = stats.sample_safe if stats.sample_safe is not None else pd.DataFrame()
    sample_safe = sample_safe.reindex(columns=stats.output_columns) if not len(sample_safe) else sample_safe
    leaks = check_leaks(sample_valid, policy, full_scan=stats.leak_hits)
    risk, generalization = _risk(stats, plan, policy)
    residual = None
    if scanner is not None and policy.notes.columns:
        columns = residual_phi(
            sample_safe.drop(columns=[c for c in policy.notes.columns if c in sample_safe.columns]),
            policy,
            scanner,
            {},
        )
        residual = columns.model_copy(
            update={
                "notes_scanned": stats.residual_scanned,
                "notes_with_residual": stats.residual_notes,
                "residual_rate": stats.residual_notes / stats.residual_scanned
                if stats.residual_scanned
                else 0.0,
                "findings_by_entity": dict(sorted(stats.residual_by_entity.items())),
            }
        )
    utility = baseline_utility(sample_valid, sample_safe, policy) if policy.utility is not None else None
    summary = ValidationSummary(
        rows_in=stats.rows_in,
        rows_valid=stats.rows_in - _validation_failed(stats),
        rows_quarantined=_validation_failed(stats),
        failures_by_check=dict(sorted(stats.failures_by_check.items())),
        columns={
            column: ColumnStats(
                type=policy.columns[column].type,
                phi=policy.columns[column].phi != "none",
                missing=stats.missing.get(column, 0),
                distinct=distinct_count(stats.distinct.get(column, np.zeros(0, np.uint64))),
                failing=stats.column_any_failing.get(column, 0),
                out_of_range=sum(
                    n for check, n in stats.column_failing.get(column, {}).items() if check in RANGE_CHECKS
                ),
                checks_failed=dict(sorted(stats.column_failing.get(column, {}).items())),
                before=distribution(sample_valid[column])
                if shows_distribution(policy.columns[column])
                else None,
                after=distribution(sample_safe[column])
                if column in sample_safe.columns and shows_distribution(policy.columns[column])
                else None,
            )
            for column in stats.valid_columns
        },
    )
    return audit_report(
        policy,
        keyring,
        input={
            "name": str(input_summary["name"]),
            "rows": stats.rows_in,
            "columns": list(input_summary["columns"]),
            "digest": str(input_summary["digest"]),
        },
        output={"rows": stats.rows_out, "columns": stats.output_columns, "digest": output_digest},
        quarantine={"rows": stats.rows_quarantined, "reasons": dict(sorted(stats.reasons.items()))},
        columns=[column_record(a.model_dump(mode="json"), generalization) for a in stats.actions],
        detection={
            "notes_scanned": stats.notes_scanned,
            "findings_by_entity": dict(sorted(stats.findings_by_entity.items())),
        },
        validation=summary.model_dump(mode="json"),
        residual=residual,
        risk=risk,
        generalization=generalization,
        utility=utility,
        leaks=leaks,
        timings=timings,
    )


def audit_report(
    policy: Policy,
    keyring: Keyring | None,
    *,
    risk: RiskReport,
    residual: ResidualReport | None,
    leaks: LeakReport,
    generalization: GeneralizationReport | None,
    utility: UtilityReport | None,
    timings: Mapping[str, float],
    **sections: Any,
) -> AuditReport:
    """The audit report of a build: ``sections`` (input, output, quarantine, columns, detection,
    validation, and tables for several) as given; the policy's identity, the keys' ids, the warnings and
    the safety checks (:func:`safety_checks`) added here, for every kind of build alike."""
    checks = safety_checks(policy, risk, residual, leaks, generalization, utility)
    return AuditReport(
        tool_version=__version__,
        created_at=pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds"),
        policy_digest=policy.digest,
        institution=policy.institution,
        model=policy.model,
        residual=residual,
        risk=risk,
        generalization=generalization,
        utility=utility,
        key_ids=list(keyring.key_ids) if keyring is not None else [],
        warnings=crypto_warnings(policy),
        timings=dict(timings),
        checks=checks,
        leak_allowances=leaks.allowances,
        passed=all(c["passed"] for c in checks),
        **{"tables": {}, **sections},
    )


def _validation_failed(stats: BatchStats) -> int:
    """Rows quarantined by validation (not by the notes scan or k-anonymity, which come after it)."""
    later = ("scan_failed:", "k_anonymity:")
    return stats.rows_quarantined - sum(n for r, n in stats.reasons.items() if r.startswith(later))


def _risk(
    stats: BatchStats, plan: BuildPlan, policy: Policy
) -> tuple[RiskReport, GeneralizationReport | None]:
    """Risk over the classes as written (generalised, after suppression), weighted by their rows."""
    if plan.classes is None:
        return k_anonymity(pd.DataFrame(index=pd.RangeIndex(0)), [], k_threshold=policy.thresholds.k), None
    table = plan.classes.drop(columns="_rows")
    for column, labels in plan.labels.items():
        table[column] = labels
    written = np.array([stats.output_classes.get(int(d), 0) for d in plan.class_digests], dtype=np.int64)
    before = plan.classes["_rows"].to_numpy(dtype=np.int64)
    thresholds = policy.thresholds
    risk = measure_risk(
        table,
        plan.quasi_identifiers,
        k_threshold=thresholds.k,
        sensitive=plan.sensitive,
        l_threshold=thresholds.l,
        l_diversity=thresholds.l_diversity,
        t_threshold=thresholds.t,
        threshold=policy.risk.threshold,
        population=policy.risk.population,
        reference=table,  # t against the distribution the search met it against
        weights=written,
        reference_weights=before,
    ).model_copy(update={"suppressed": stats.reasons.get(f"k_anonymity:{thresholds.k}", 0)})
    return risk, plan.generalization if policy.quasi_identifiers else None


def crypto_warnings(policy: Policy) -> list[str]:
    """A warning for each action the policy sets to FF3-1 pseudonyms (withdrawn; FF1 is the default)."""
    actions = {f"column '{c}'": policy.action_for(c) for c in policy.columns}
    actions |= {f"notes entity '{e}'": a for e, a in sorted(policy.notes.entities.items())}
    actions["notes default_action"] = policy.notes.default_action
    return [
        f"{where}: pseudonyms made with FF3-1, which NIST's 2025 draft of SP 800-38G Rev. 1 withdraws; "
        "keep it only for a key from before FF1 (rotate the key file, then drop `algorithm: ff3-1`)"
        for where, action in actions.items()
        if action.operator == "pseudonym" and action.params.get("algorithm") == "ff3-1"
    ]


def column_record(action: dict[str, object], generalization: GeneralizationReport | None) -> ColumnRecord:
    """A column's record for the audit; a column with a hierarchy shows the level the search chose."""
    column = str(action["column"])
    generalized = generalization is not None and generalization.feasible and column in generalization.levels
    if generalized and generalization is not None and generalization.available.get(column) != ["as is"]:
        action = {**action, "operator": "generalize", "params": {"level": generalization.levels[column]}}
    return ColumnRecord(**action)  # type: ignore[typeddict-item]


def safety_checks(
    policy: Policy,
    risk: RiskReport,
    residual: ResidualReport | None,
    leaks: LeakReport,
    generalization: GeneralizationReport | None = None,
    utility: UtilityReport | None = None,
) -> list[Check]:
    """The audit's checks: leaks, k (l, t), utility and residual PHI, each passed or failed with why."""
    checks: list[Check] = []
    if leaks.columns:
        checks.append(Check(name="leak_check", passed=leaks.passed, detail=leaks.detail()))
    if policy.quasi_identifiers:
        thresholds = policy.thresholds
        detail = (
            f"k={risk.k}, required {thresholds.k}; {risk.suppressed} of {risk.rows + risk.suppressed} rows "
        )
        detail += f"suppressed (at most {generalization.max_suppressed if generalization else 0})"
        if generalization is not None and not generalization.feasible:
            drivers = ", ".join(f"{c} ({n} rows without it)" for c, n in generalization.drivers.items())
            detail = f"{generalization.detail}; quasi-identifiers that drive it, most first: {drivers}"
        checks.append(
            Check(
                # An empty output is never k-anonymous: k is 0 when no row is left.
                name="k_anonymity",
                passed=(generalization is None or generalization.feasible) and risk.k >= thresholds.k,
                detail=detail,
            )
        )
        if thresholds.l is not None:
            kind = "distinct_l" if thresholds.l_diversity == "distinct" else "entropy_l"
            worst = min((getattr(s, kind) for s in risk.sensitive), default=0)
            checks.append(
                Check(
                    name="l_diversity",
                    passed=risk.rows > 0 and worst >= thresholds.l - 1e-9,
                    detail=f"{thresholds.l_diversity} l={worst:.3g}, required {thresholds.l}",
                )
            )
        if thresholds.t is not None:
            worst_t = max((s.t for s in risk.sensitive), default=1.0)
            checks.append(
                Check(
                    name="t_closeness",
                    passed=risk.rows > 0 and worst_t <= thresholds.t + 1e-9,
                    detail=f"t={worst_t:.3g}, allowed {thresholds.t}",
                )
            )
    if utility is not None and policy.utility is not None and policy.utility.max_auc_drop is not None:
        passed, detail = auc_drop_verdict(utility, policy.utility.max_auc_drop)
        checks.append(Check(name="utility", passed=passed, detail=detail))
    if residual is not None:
        checks.append(
            Check(
                name="residual_phi",
                passed=residual.residual_rate <= policy.thresholds.max_residual_phi
                and not any(residual.column_hits.values()),
                detail=f"{residual.notes_with_residual} of {residual.notes_scanned} notes with residual "
                f"findings (rate {residual.residual_rate:.4f}, allowed "
                f"{policy.thresholds.max_residual_phi}); {sum(map(bool, residual.column_hits.values()))} "
                "non-PHI columns with identifier hits",
            )
        )
    return checks
