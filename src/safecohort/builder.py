"""``build()``: one policy drives validate -> detect -> transform -> measure -> report.

The builder orchestrates the pure stage functions, times them, reports progress and assembles the
audit report. It reads no files itself except when handed a path (through ``safecohort.io``), and writes
none: writing outputs is the CLI's job, so a library caller decides where results go.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from safecohort.detect.columns import LeakReport, check_leaks
from safecohort.detect.text import Finding, get_scanner
from safecohort.errors import EngineError, InputError, KeyringError, SafecohortError, SafetyCheckError
from safecohort.io import BATCH_ROWS, BatchInput, InputInfo, TableWriter, quarantine_table, read_batches
from safecohort.io.sources import FolderSource, TableSource
from safecohort.measure.generalize import GeneralizationReport, enforce_thresholds
from safecohort.measure.rescan import ResidualReport, residual_phi
from safecohort.measure.risk import RiskReport, k_anonymity, measure_risk
from safecohort.measure.utility import UtilityReport, baseline_utility
from safecohort.passes import (
    BatchOutput,
    BatchStats,
    BuildContext,
    FirstPass,
    audit_report,
    column_record,
    plan_build,
    process_batch,
    scan_batch,
    scan_notes,
    stream_report,
)
from safecohort.policy import SINGLE_TABLE, Action, Policy, load_policy
from safecohort.qa import ValidationSummary, with_output
from safecohort.report.audit import AuditReport, DataSummary, TableSummary
from safecohort.transform import Keyring, transform_table
from safecohort.transform.crypto import PASSPHRASE_ENV
from safecohort.transform.notes import Span
from safecohort.transform.operators import REGISTRY
from safecohort.transform.table import ColumnAction
from safecohort.validate import REASONS_COLUMN, patient_keys, validate, validate_relations

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """The safe data, the quarantined raw rows (with ``_reasons``) and the audit report."""

    data: pd.DataFrame
    quarantine: pd.DataFrame
    report: AuditReport


@dataclass
class _Timer:
    timings: dict[str, float] = field(default_factory=dict)
    progress: Progress | None = None

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.progress:
            self.progress(f"{name}...")
        started = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - started, 3)


class FrameDigest:
    """sha256 over a table's columns, dtypes and values (order-sensitive), fed batch by batch: the same
    digest as :func:`frame_digest` of the batches' concatenation (rows hashed with their positions)."""

    def __init__(self) -> None:
        self._rows = 0
        self._digest = hashlib.sha256()
        self._last: pd.DataFrame = pd.DataFrame()

    @staticmethod
    def _header(digest: Any, frame: pd.DataFrame) -> None:
        digest.update("\x1f".join(map(str, frame.columns)).encode("utf-8"))
        digest.update("\x1f".join(str(t) for t in frame.dtypes).encode("utf-8"))

    def update(self, frame: pd.DataFrame) -> None:
        """Add the next rows (their index is ignored: rows are numbered from 0 across batches)."""
        self._last = frame.iloc[:0]
        if not len(frame):
            return
        if not self._rows:  # the header is the first rows' columns and dtypes
            self._header(self._digest, frame)
        if len(frame.columns):
            numbered = frame.set_axis(pd.RangeIndex(self._rows, self._rows + len(frame)))
            self._digest.update(pd.util.hash_pandas_object(numbered, index=True).to_numpy().tobytes())
        self._rows += len(frame)

    def hexdigest(self) -> str:
        """The digest of every row fed so far (of the columns alone when there are none)."""
        if self._rows:
            return self._digest.copy().hexdigest()
        digest = hashlib.sha256()
        self._header(digest, self._last)
        return digest.hexdigest()


def frame_digest(frame: pd.DataFrame) -> str:
    """sha256 over a DataFrame's columns, dtypes and values (order-sensitive), for the audit."""
    digest = FrameDigest()
    digest.update(frame)
    return digest.hexdigest()


def resolve_keys(
    policy: Policy,
    keys: Keyring | str | Path | None,
    *,
    passphrase: str | Callable[[], str] | None = None,
) -> Keyring | None:
    """The keyring to use: the one given, a key file path, or what the policy's env var holds.

    The env var (``keys.env``, default ``SAFECOHORT_KEYS``) holds a key file path or the key file's JSON
    itself (as a secret store injects it). A passphrase-wrapped key file is opened with ``passphrase``
    (text, or a function called only for a wrapped file: the CLI passes a prompt), by default the value
    of ``SAFECOHORT_KEY_PASSPHRASE``. Fails with :class:`KeyringError` when the policy uses a keyed
    operator and no key is available.
    """

    def from_environment() -> str:
        value = os.environ.get(PASSPHRASE_ENV)
        if not value:
            raise KeyringError(f"the key file is protected by a passphrase: set {PASSPHRASE_ENV}")
        return value

    if isinstance(keys, Keyring):
        return keys
    unlock = passphrase if passphrase is not None else from_environment
    source = os.environ.get(policy.keys.env) if keys is None else None
    if source and source.lstrip().startswith("{"):
        try:
            return Keyring.from_bytes(source.encode("utf-8"), passphrase=unlock)
        except KeyringError as exc:
            raise type(exc)(f"key file in ${policy.keys.env}: {exc}") from None
    if source:
        keys = source
    if keys is not None:
        return Keyring.load(keys, passphrase=unlock)
    keyed = sorted({a.operator for a in _actions(policy) if REGISTRY[a.operator].needs_key})
    if keyed:
        raise KeyringError(
            f"the policy uses keyed operators ({', '.join(keyed)}) but no key was given: pass keys= "
            f"(CLI: --keys FILE; create one with `safecohort keys new FILE`) or set {policy.keys.env}"
        )
    return None


def _actions(policy: Policy) -> list[Action]:
    views = [policy.table_policy(t) for t in policy.table_names]
    actions = [view.action_for(c) for view in views for c in view.columns]
    actions += [*policy.notes.entities.values(), policy.notes.default_action]
    return [a for a in actions if a.operator in REGISTRY]


@dataclass
class _Table:
    """One table on its way through the stages: its rows, what each stage found, what it set aside."""

    name: str
    raw: pd.DataFrame
    info: InputInfo
    policy: Policy  # the table's single-table policy (Policy.table_policy)
    summary: ValidationSummary | None = None
    valid: pd.DataFrame = field(default_factory=pd.DataFrame)
    quarantined: list[pd.DataFrame] = field(default_factory=list)
    patient_ids: pd.Series | None = None
    leaks: LeakReport = field(default_factory=lambda: LeakReport(columns=[]))
    findings: dict[str, list[list[Finding]]] = field(default_factory=dict)
    safe: pd.DataFrame = field(default_factory=pd.DataFrame)
    inserted: dict[str, list[list[Span]]] = field(default_factory=dict)
    actions: list[ColumnAction] = field(default_factory=list)
    residual: ResidualReport | None = None
    transformed: bool = False

    def set_aside(self, index: pd.Index, reasons: str | list[str]) -> None:
        """Quarantine rows (raw values, with their reasons) and remove them from every later stage."""
        if not len(index):
            return
        rows = self.raw.loc[index].copy()
        rows[REASONS_COLUMN] = reasons
        self.quarantined.append(rows)
        keep = ~self.valid.index.isin(index)
        self.valid = self.valid.loc[keep]
        if self.patient_ids is not None:
            self.patient_ids = self.patient_ids.loc[keep]
        if self.transformed:
            self.safe = self.safe.loc[keep]
            self.inserted = {
                c: [s for s, k in zip(spans, keep, strict=True) if k] for c, spans in self.inserted.items()
            }
        else:  # findings are counted for the report as the detect stage found them
            self.findings = {
                c: [f for f, k in zip(fs, keep, strict=True) if k] for c, fs in self.findings.items()
            }

    @property
    def quarantine(self) -> pd.DataFrame:
        """Every quarantined raw row of this table, in input order, with ``_reasons``."""
        frame = pd.concat(self.quarantined) if len(self.quarantined) > 1 else self.quarantined[0]
        return frame.sort_index(kind="stable")


@dataclass(frozen=True)
class TablesResult:
    """A build of several tables: the safe tables, the quarantined raw rows of each, one audit report."""

    tables: dict[str, pd.DataFrame]
    quarantine: dict[str, pd.DataFrame]
    report: AuditReport


def one_table_policy(
    policy: Policy | str | Path, keys: Keyring | str | Path | None, *, error: type[SafecohortError]
) -> tuple[Policy, Keyring | None]:
    """The policy (loaded from YAML if a path) and its keyring, for a build of one table by either engine;
    a relational policy is ``error`` (its tables are built together by :func:`build_tables`)."""
    if not isinstance(policy, Policy):
        policy = load_policy(policy)
    if policy.relational:
        raise error(
            f"the policy describes {len(policy.tables)} tables: build them together with build_tables "
            "(CLI: pass a folder or a database as the input, with the pandas engine)"
        )
    return policy, resolve_keys(policy, keys)


def build(
    data: pd.DataFrame | str | Path,
    policy: Policy | str | Path,
    *,
    keys: Keyring | str | Path | None = None,
    engine: str = "pandas",
    progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
    workers: int = 1,
) -> BuildResult:
    """Turn a raw extract into a safe dataset under ``policy``.

    ``data`` is a DataFrame or a CSV/Parquet path; ``policy`` a :class:`Policy` or a YAML path; ``keys`` a
    :class:`Keyring` or a key file path (needed by keyed operators). Raises :class:`SafetyCheckError`
    (with the report attached as ``.report``) when the safe output misses the policy's thresholds.
    A policy of several tables is built with :func:`build_tables`.

    The table is built in batches of ``batch_rows`` rows (:func:`stream_build`), a DataFrame as a file:
    one code path, so a DataFrame and a file of the same rows give the same output, in ``workers``
    processes or one. ``progress`` gets a line per stage and a :class:`ProgressEvent` (text with counts)
    per batch.
    """
    if engine != "pandas":
        # The Spark engine sits above the builder (it maps the builder's passes over partitions), so it is
        # called directly rather than through here.
        hint = ": call safecohort.engines.spark.build with a Spark DataFrame" if engine == "spark" else ""
        raise EngineError(f"build() runs the pandas engine, not '{engine}'{hint}")
    policy, keyring = one_table_policy(policy, keys, error=InputError)
    source = (
        frame_batches(data, batch_rows) if isinstance(data, pd.DataFrame) else read_batches(data, batch_rows)
    )
    collected = _Collected()
    report = stream_build(source, policy, keyring, collected, progress=progress, workers=workers)
    built = BuildResult(data=collected.data(), quarantine=collected.quarantine(), report=report)
    raise_unless_passed(built)
    return built


def frame_batches(frame: pd.DataFrame, batch_rows: int = BATCH_ROWS) -> BatchInput:
    """A DataFrame as a batched input: slices of ``batch_rows`` rows (at least one, possibly empty)."""
    info = InputInfo(name="<DataFrame>", format="dataframe", digest=frame_digest(frame))

    def batches() -> Iterator[pd.DataFrame]:
        for start in range(0, max(len(frame), 1), batch_rows):
            yield frame.iloc[start : start + batch_rows]

    return BatchInput(batches=batches, info=info, rows=len(frame))


class BatchSink(Protocol):
    """Where pass 2 puts each batch's safe and quarantined rows, in input order."""

    def write(self, output: BatchOutput) -> None:
        """Take one batch's output."""


class WriterSink:
    """A sink that writes each batch as it comes: safe rows to ``data``, quarantined rows (as
    :func:`safecohort.io.quarantine_table`) to ``quarantine``; ``digest`` is fed the safe rows."""

    def __init__(self, data: TableWriter, quarantine: TableWriter) -> None:
        self.data, self.quarantine = data, quarantine
        self.digest = FrameDigest()

    def write(self, output: BatchOutput) -> None:
        self.data.write(output.safe)
        self.digest.update(output.safe)
        self.quarantine.write(quarantine_table(output.quarantine))


class _Collected:
    """A sink that keeps every batch in memory (the library's ``build`` of a DataFrame or file)."""

    def __init__(self) -> None:
        self._safe: list[pd.DataFrame] = []
        self._quarantine: list[pd.DataFrame] = []

    def write(self, output: BatchOutput) -> None:
        self._safe.append(output.safe)
        self._quarantine.append(output.quarantine)

    @staticmethod
    def _joined(frames: list[pd.DataFrame], ignore_index: bool) -> pd.DataFrame:
        kept = [f for f in frames if len(f)] or frames[-1:]
        return pd.concat(kept, ignore_index=ignore_index) if len(kept) > 1 else kept[0]

    def data(self) -> pd.DataFrame:
        return self._joined(self._safe, ignore_index=True).reset_index(drop=True)

    def quarantine(self) -> pd.DataFrame:
        return self._joined(self._quarantine, ignore_index=False)


class ProgressEvent(str):
    """A progress message (a plain line, for any callback taking text) that also carries the counts a
    progress bar needs: the pass, rows done of ``rows_total`` (None: not known yet) and notes scanned."""

    stage: str
    rows_done: int
    rows_total: int | None
    notes_done: int

    def __new__(
        cls, stage: str, rows_done: int, rows_total: int | None, notes_done: int = 0
    ) -> ProgressEvent:
        of = f"/{rows_total:,}" if rows_total is not None else ""
        notes = f", {notes_done:,} notes" if notes_done else ""
        event = super().__new__(cls, f"{stage}: {rows_done:,}{of} rows{notes}")
        event.stage, event.rows_done, event.rows_total, event.notes_done = (
            stage,
            rows_done,
            rows_total,
            notes_done,
        )
        return event


# Per worker process of a parallel build: the policy, key, context (pass 1) or plan (pass 2), scanner.
_WORKER: dict[str, Any] = {}


def _start_worker(state: dict[str, Any]) -> None:
    """A worker's set-up: what every batch needs, received once. Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER.clear()
    _WORKER.update(state)


def _scan(batch: pd.DataFrame, offset: int, state: dict[str, Any] | None = None) -> FirstPass:
    w = _WORKER if state is None else state
    return scan_batch(batch, w["policy"], w["keyring"], w["context"], offset)


def _process(batch: pd.DataFrame, offset: int, state: dict[str, Any] | None = None) -> BatchOutput:
    w = _WORKER if state is None else state
    if "scanner" not in w:  # one note scanner per process, made on its first batch
        policy = w["policy"]
        w["scanner"] = get_scanner(policy.model, policy.notes) if policy.notes.columns else None
    return process_batch(batch, w["plan"], w["policy"], w["keyring"], w["scanner"], offset)


def _map_batches(
    task: Callable[..., Any], batches: Iterator[pd.DataFrame], state: dict[str, Any], workers: int
) -> Iterator[tuple[pd.DataFrame, int, Any]]:
    """``task(batch, offset)`` over the batches, results in input order: in this process, or in
    ``workers`` processes with at most ``workers + 1`` batches in flight (memory stays bounded)."""
    offset = 0
    if workers <= 1:
        for batch in batches:
            yield batch, offset, task(batch, offset, state)
            offset += len(batch)
        return
    # fork: the workers start with the modules already imported (spawn would import them again).
    pool = ProcessPoolExecutor(workers, get_context("fork"), initializer=_start_worker, initargs=(state,))
    pending: deque[tuple[pd.DataFrame, int, Future[Any]]] = deque()
    try:
        for batch in batches:
            pending.append((batch.iloc[:0], offset, pool.submit(task, batch, offset)))
            offset += len(batch)
            while len(pending) > workers:
                header, start, future = pending.popleft()
                yield header, start, future.result()
        while pending:
            header, start, future = pending.popleft()
            yield header, start, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def stream_build(
    source: BatchInput,
    policy: Policy,
    keyring: Keyring | None,
    sink: BatchSink,
    *,
    progress: Progress | None = None,
    digest: FrameDigest | None = None,
    workers: int = 1,
) -> AuditReport:
    """Build one table in two passes over ``source``'s batches (:mod:`safecohort.passes`); each batch's
    output goes to ``sink`` as it is made, so memory does not grow with the rows. Returns the audit
    report (``passed`` False when the output misses its checks: the caller decides what to write).

    ``digest``: a :class:`FrameDigest` the sink feeds with the safe rows it writes (default: fed here).
    ``workers``: processes the batches are spread over (the output is the same for any number).
    """
    timer = _Timer(progress=progress)
    context = BuildContext.new()
    first = FirstPass()
    columns: list[str] = []
    state: dict[str, Any] = {"policy": policy, "keyring": keyring, "context": context}
    with timer.stage("pass 1 (validate, count classes)"):
        for batch, offset, scanned in _map_batches(_scan, source.batches(), state, workers):
            columns = columns or [str(c) for c in batch.columns]
            first.merge(scanned)
            if progress:
                progress(ProgressEvent("pass 1", offset + scanned.rows, source.rows))
    with timer.stage("plan (uniqueness, conflicts, k-anonymity search)"):
        plan = plan_build(first, policy, context)
    del first
    state = {"policy": policy, "keyring": keyring, "plan": plan}
    stats = BatchStats()
    output_digest = FrameDigest() if digest is None else None
    with timer.stage("pass 2 (detect, transform, write)"):
        for _, offset, output in _map_batches(_process, source.batches(), state, workers):
            sink.write(output)
            if output_digest is not None:
                output_digest.update(output.safe)
            stats.merge(output.stats)
            if progress:
                progress(
                    ProgressEvent("pass 2", offset + output.stats.rows_in, plan.rows, stats.notes_scanned)
                )
    with timer.stage("report"):
        final = output_digest if output_digest is not None else digest
        assert final is not None
        if "scanner" not in state:  # the batches ran in workers: this process needs a scanner too
            state["scanner"] = get_scanner(policy.model, policy.notes) if policy.notes.columns else None
        report = stream_report(
            stats,
            plan,
            policy,
            keyring,
            state["scanner"],
            input_summary={"name": source.info.name, "digest": source.info.digest, "columns": columns},
            output_digest=final.hexdigest(),
            timings=timer.timings,
        )
    return report.model_copy(update={"timings": dict(timer.timings)})  # the report's own time too


def build_tables(
    data: Mapping[str, pd.DataFrame] | TableSource | str | Path,
    policy: Policy | str | Path,
    *,
    keys: Keyring | str | Path | None = None,
    progress: Progress | None = None,
) -> TablesResult:
    """Build every table of a relational policy together, under one policy and one key.

    ``data`` maps table names to DataFrames, or is a folder of CSV/Parquet files (one per table, named
    after it) or any :class:`safecohort.io.TableSource` (a PostgreSQL schema). Every table the policy names
    must be there. A key gets one token in every table, a patient one date shift, rows that break a
    relation are quarantined (``orphan:``, ``conflict:``), and a patient suppressed for k-anonymity leaves
    every table. Raises :class:`SafetyCheckError` (result attached as ``.result``) when the output fails
    its checks, and :class:`InputError` when a table is missing.
    """
    if not isinstance(policy, Policy):
        policy = load_policy(policy)
    keyring = resolve_keys(policy, keys)
    if isinstance(data, Mapping):
        inputs = {
            name: (frame, InputInfo(name=name, format="dataframe", digest=frame_digest(frame)))
            for name, frame in data.items()
        }
        missing = [t for t in policy.table_names if t not in inputs]
        if missing:
            raise InputError(f"tables named by the policy are missing from the input: {', '.join(missing)}")
    else:
        source = data if isinstance(data, TableSource) else FolderSource(data)
        inputs = source.read_tables(policy.table_names)
    extra = sorted(set(inputs) - set(policy.table_names))
    if extra:
        raise InputError(f"tables not in the policy: {', '.join(extra)}; describe them under 'tables'")
    result = _run({t: inputs[t] for t in policy.table_names}, policy, keyring, progress)
    raise_unless_passed(result)
    return result


def raise_unless_passed(built: BuildResult | TablesResult | AuditReport) -> None:
    """Raise :class:`SafetyCheckError` (``.result``: what was built) when the report's checks failed."""
    report = built if isinstance(built, AuditReport) else built.report
    if not report.passed:
        failed_checks = "; ".join(f"{c['name']} ({c['detail']})" for c in report.checks if not c["passed"])
        error = SafetyCheckError(f"the safe output failed its checks: {failed_checks}; see the audit report")
        error.result = built  # type: ignore[attr-defined]
        raise error


def _run(
    inputs: Mapping[str, tuple[pd.DataFrame, InputInfo]],
    policy: Policy,
    keyring: Keyring | None,
    progress: Progress | None,
) -> TablesResult:
    """The stages over every table: one table for a single-table policy, all of them for a relational one."""
    timer = _Timer(progress=progress)
    runs = {
        name: _Table(name=name, raw=raw, info=info, policy=policy.table_policy(name))
        for name, (raw, info) in inputs.items()
    }

    with timer.stage("validate"):
        for run in runs.values():
            validation = validate(run.raw, run.policy)
            run.summary, run.valid = validation.summary, validation.valid
            run.quarantined.append(validation.quarantine)
    if policy.relational:
        with timer.stage("relations"):
            failed = validate_relations({t: r.valid for t, r in runs.items()}, policy)
            for table, reasons in failed.items():
                runs[table].set_aside(reasons.index, list(reasons.to_numpy()))
    patient_ids = patient_keys({t: r.valid for t, r in runs.items()}, policy)
    for table, ids in patient_ids.items():
        runs[table].patient_ids = ids

    with timer.stage("leak_check"):
        # Identifier patterns in the columns the policy calls non-PHI: those pass through as they are.
        for run in runs.values():
            run.leaks = check_leaks(run.valid, run.policy)

    with timer.stage("detect"):
        notes = any(run.policy.notes.columns for run in runs.values())
        scanner = get_scanner(policy.model, policy.notes) if notes else None
        for run in runs.values():
            if scanner is None or not run.policy.notes.columns:
                continue
            run.findings, failed_notes = scan_notes(run.valid, run.policy, scanner)
            if failed_notes:
                failed_index = pd.Index(list(failed_notes))
                run.set_aside(failed_index, ["; ".join(failed_notes[i]) for i in failed_index])

    with timer.stage("transform"):
        for run in runs.values():
            domains = policy.column_domains(run.name) if policy.relational else {}
            result = transform_table(
                run.valid, run.findings, run.policy, keyring, domains=domains, patient_ids=run.patient_ids
            )
            run.safe, run.inserted, run.actions = result.data, result.inserted, result.actions
            run.transformed = True

    with timer.stage("measure"):
        risk, generalization = _measure_risk(runs, policy)
        for run in runs.values():
            if scanner is not None and run.policy.notes.columns:
                run.residual = residual_phi(run.safe, run.policy, scanner, run.inserted)
        single = runs.get(SINGLE_TABLE) if not policy.relational else None
        utility = baseline_utility(single.valid, single.safe, policy) if single is not None else None

    report = _report(runs, policy, keyring, timer, risk, utility, generalization)
    return TablesResult(
        tables={t: r.safe.reset_index(drop=True) for t, r in runs.items()},
        quarantine={t: r.quarantine for t, r in runs.items()},
        report=report,
    )


def _measure_risk(
    runs: Mapping[str, _Table], policy: Policy
) -> tuple[RiskReport, GeneralizationReport | None]:
    """Risk over the quasi-identifiers, per row of a single table or per patient of several, after k (l, t)
    is met by generalising the QIs with a hierarchy and suppressing within ``max_suppression``.

    Per patient: the quasi-identifiers are columns of the patient table (one row per patient). A
    suppressed patient's rows leave every table, each with its reason.
    """
    if policy.relational:
        unit_table = policy.patient_table
        qis = [c.split(".", 1)[1] for c in policy.quasi_identifiers]
    else:
        unit_table, qis = SINGLE_TABLE, list(policy.quasi_identifiers)
    if unit_table is None:  # no patients: nothing to measure per patient
        return k_anonymity(pd.DataFrame(index=pd.RangeIndex(0)), [], k_threshold=policy.thresholds.k), None
    unit = runs[unit_table]
    qis = [c for c in qis if c in unit.safe.columns]
    enforced = enforce_thresholds(unit.valid, unit.safe, policy, qis)
    if enforced.columns:
        unit.safe = unit.safe.assign(**enforced.columns)
    before_suppression = unit.safe
    removed = unit.safe.index[enforced.suppressed]
    if len(removed):
        reason = f"k_anonymity:{policy.thresholds.k}"
        patients = unit.patient_ids.loc[removed] if unit.patient_ids is not None else None
        unit.set_aside(removed, reason)
        for run in runs.values():
            if run is not unit and patients is not None and run.patient_ids is not None:
                run.set_aside(run.valid.index[run.patient_ids.isin(patients).to_numpy()], reason)
    thresholds = policy.thresholds
    risk = measure_risk(
        unit.safe,
        qis,
        k_threshold=thresholds.k,
        sensitive=[c for c in policy.sensitive_columns if c in unit.safe.columns],
        l_threshold=thresholds.l,
        l_diversity=thresholds.l_diversity,
        t_threshold=thresholds.t,
        threshold=policy.risk.threshold,
        population=policy.risk.population,
        reference=before_suppression,  # t against the distribution the search met it against
    ).model_copy(update={"suppressed": len(removed)})
    return risk, enforced.report if policy.quasi_identifiers else None


def _merge_residual(runs: Mapping[str, _Table]) -> ResidualReport | None:
    """One rescan report over every table's notes (columns named ``table.column``)."""
    reports = {t: r.residual for t, r in runs.items() if r.residual is not None}
    if not reports:
        return None
    scanned = sum(r.notes_scanned for r in reports.values())
    with_residual = sum(r.notes_with_residual for r in reports.values())
    entities: dict[str, int] = {}
    for report in reports.values():
        for entity, count in report.findings_by_entity.items():
            entities[entity] = entities.get(entity, 0) + count
    return ResidualReport(
        notes_scanned=scanned,
        notes_with_residual=with_residual,
        residual_rate=with_residual / scanned if scanned else 0.0,
        findings_by_entity=dict(sorted(entities.items())),
        columns_scanned=[f"{t}.{c}" for t, r in reports.items() for c in r.columns_scanned],
        column_hits={f"{t}.{c}": hits for t, r in reports.items() for c, hits in r.column_hits.items()},
    )


def _report(
    runs: Mapping[str, _Table],
    policy: Policy,
    keyring: Keyring | None,
    timer: _Timer,
    risk: RiskReport,
    utility: UtilityReport | None,
    generalization: GeneralizationReport | None = None,
) -> AuditReport:
    """The audit report: for one table as it always was; for several, totals plus a summary per table."""
    relational = policy.relational
    if relational:
        residual = _merge_residual(runs)
        leaks = LeakReport(
            columns=[
                c.model_copy(update={"column": f"{t}.{c.column}"})
                for t, r in runs.items()
                for c in r.leaks.columns
            ]
        )
    else:
        only = runs[SINGLE_TABLE]
        residual, leaks = only.residual, only.leaks

    def qualified(table: str, column: object) -> str:
        return f"{table}.{column}" if relational else str(column)

    findings_by_entity: dict[str, int] = {}
    reasons: dict[str, int] = {}
    tables: dict[str, TableSummary] = {}
    for run in runs.values():
        for per_note in run.findings.values():
            for note in per_note:
                for finding in note:
                    findings_by_entity[finding.entity_type] = (
                        findings_by_entity.get(finding.entity_type, 0) + 1
                    )
        quarantine = run.quarantine
        table_reasons: dict[str, int] = {}
        for text in quarantine[REASONS_COLUMN] if len(quarantine) else []:
            for reason in str(text).split("; "):
                table_reasons[reason] = table_reasons.get(reason, 0) + 1
                reasons[reason] = reasons.get(reason, 0) + 1
        safe = run.safe.reset_index(drop=True)
        tables[run.name] = TableSummary(
            input={
                "name": run.info.name,
                "rows": len(run.raw),
                "columns": [str(c) for c in run.raw.columns],
                "digest": run.info.digest,
            },
            output={
                "rows": len(safe),
                "columns": [str(c) for c in safe.columns],
                "digest": frame_digest(safe),
            },
            quarantine={"rows": len(quarantine), "reasons": dict(sorted(table_reasons.items()))},
        )

    def validation_of(run: _Table) -> dict[str, Any]:
        assert run.summary is not None
        # The QA summary of the raw valid rows, with the same distributions measured on the safe output.
        return with_output(run.summary, run.safe, run.policy).model_dump(mode="json")

    if relational:
        combined = hashlib.sha256(
            "\x1f".join(f"{t}:{s['input']['digest']}" for t, s in tables.items()).encode()
        )
        output_digest = hashlib.sha256(
            "\x1f".join(f"{t}:{s['output']['digest']}" for t, s in tables.items()).encode()
        )
        input_summary: DataSummary = {
            "name": ", ".join(tables),
            "rows": sum(s["input"]["rows"] for s in tables.values()),
            "columns": [qualified(t, c) for t, s in tables.items() for c in s["input"]["columns"]],
            "digest": combined.hexdigest(),
        }
        output_summary: DataSummary = {
            "rows": sum(s["output"]["rows"] for s in tables.values()),
            "columns": [qualified(t, c) for t, s in tables.items() for c in s["output"]["columns"]],
            "digest": output_digest.hexdigest(),
        }
        validation = {t: validation_of(r) for t, r in runs.items()}
    else:
        input_summary, output_summary = tables[SINGLE_TABLE]["input"], tables[SINGLE_TABLE]["output"]
        validation = validation_of(runs[SINGLE_TABLE])
    return audit_report(
        policy,
        keyring,
        input=input_summary,
        output=output_summary,
        quarantine={
            "rows": sum(s["quarantine"]["rows"] for s in tables.values()),
            "reasons": dict(sorted(reasons.items())),
        },
        columns=[
            column_record(
                {**a.model_dump(mode="json"), "column": qualified(r.name, a.column)}, generalization
            )
            for r in runs.values()
            for a in r.actions
        ],
        detection={
            "notes_scanned": sum(len(v) for r in runs.values() for v in r.findings.values()),
            "findings_by_entity": dict(sorted(findings_by_entity.items())),
        },
        validation=validation,
        residual=residual,
        risk=risk,
        generalization=generalization,
        utility=utility,
        leaks=leaks,
        timings=timer.timings,
        tables=tables if relational else {},
    )
