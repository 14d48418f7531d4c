"""``build()``: one policy drives validate -> detect -> transform -> measure -> report.

The builder orchestrates the pure stage functions, times them, reports progress and assembles the
audit report. It reads no files itself except when handed a path (through ``safecohort.io``), and writes
none: writing outputs is the CLI's job, so a library caller decides where results go.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from safecohort import __version__
from safecohort.detect.columns import LeakReport, check_leaks
from safecohort.detect.text import Finding, NoteScanner, get_scanner
from safecohort.errors import DetectionError, InputError, KeyringError, SafetyCheckError
from safecohort.io import InputInfo, read_table
from safecohort.io.sources import FolderSource, TableSource
from safecohort.measure.generalize import GeneralizationReport, enforce_thresholds
from safecohort.measure.rescan import ResidualReport, residual_phi
from safecohort.measure.risk import RiskReport, k_anonymity, measure_risk
from safecohort.measure.utility import UtilityReport, auc_drop_verdict, baseline_utility
from safecohort.policy import SINGLE_TABLE, Action, Policy, load_policy
from safecohort.qa import ValidationSummary, with_output
from safecohort.report.audit import AuditReport, Check, ColumnRecord, DataSummary, TableSummary
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


def frame_digest(frame: pd.DataFrame) -> str:
    """sha256 over a DataFrame's columns, dtypes and values (order-sensitive), for the audit."""
    digest = hashlib.sha256()
    digest.update("\x1f".join(map(str, frame.columns)).encode("utf-8"))
    digest.update("\x1f".join(str(t) for t in frame.dtypes).encode("utf-8"))
    if len(frame.columns):
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
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


def _scan_notes(
    frame: pd.DataFrame, policy: Policy, scanner: NoteScanner, progress: Progress | None
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
            if progress and len(texts) > batch:
                progress(f"  {column}: {min(start + batch, len(texts))}/{len(texts)} notes scanned")
        findings[column] = out
    return findings, failed


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


def build(
    data: pd.DataFrame | str | Path,
    policy: Policy | str | Path,
    *,
    keys: Keyring | str | Path | None = None,
    engine: str = "pandas",
    progress: Progress | None = None,
) -> BuildResult:
    """Turn a raw extract into a safe dataset under ``policy``.

    ``data`` is a DataFrame or a CSV/Parquet path; ``policy`` a :class:`Policy` or a YAML path; ``keys`` a
    :class:`Keyring` or a key file path (needed by keyed operators). Raises :class:`SafetyCheckError`
    (with the report attached as ``.report``) when the safe output misses the policy's thresholds.
    A policy of several tables is built with :func:`build_tables`; this is its one-table case.
    """
    if engine != "pandas":
        raise ValueError(f"unknown engine '{engine}': only 'pandas' is available in this version")
    if not isinstance(policy, Policy):
        policy = load_policy(policy)
    if policy.relational:
        raise InputError(
            f"the policy describes {len(policy.tables)} tables: build them together with build_tables "
            "(CLI: pass a folder or a database as the input)"
        )
    keyring = resolve_keys(policy, keys)
    if isinstance(data, pd.DataFrame):
        info = InputInfo(name="<DataFrame>", format="dataframe", digest=frame_digest(data))
        raw = data
    else:
        raw, info = read_table(data)
    result = _run({SINGLE_TABLE: (raw, info)}, policy, keyring, progress)
    built = BuildResult(
        data=result.tables[SINGLE_TABLE], quarantine=result.quarantine[SINGLE_TABLE], report=result.report
    )
    _raise_unless_passed(built)
    return built


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
    _raise_unless_passed(result)
    return result


def _raise_unless_passed(built: BuildResult | TablesResult) -> None:
    report = built.report
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
            run.findings, failed_notes = _scan_notes(run.valid, run.policy, scanner, progress)
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
    checks = _safety_checks(policy, risk, residual, leaks, generalization, utility)
    return AuditReport(
        tool_version=__version__,
        created_at=pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds"),
        policy_digest=policy.digest,
        institution=policy.institution,
        model=policy.model,
        input=input_summary,
        output=output_summary,
        quarantine={
            "rows": sum(s["quarantine"]["rows"] for s in tables.values()),
            "reasons": dict(sorted(reasons.items())),
        },
        columns=[
            _column_record(
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
        key_ids=list(keyring.key_ids) if keyring is not None else [],
        warnings=_crypto_warnings(policy),
        timings=timer.timings,
        checks=checks,
        leak_allowances=leaks.allowances,
        tables=tables if relational else {},
        passed=all(c["passed"] for c in checks),
    )


def _crypto_warnings(policy: Policy) -> list[str]:
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


def _column_record(action: dict[str, object], generalization: GeneralizationReport | None) -> ColumnRecord:
    """A column's record for the audit; a column with a hierarchy shows the level the search chose."""
    column = str(action["column"])
    generalized = generalization is not None and generalization.feasible and column in generalization.levels
    if generalized and generalization is not None and generalization.available.get(column) != ["as is"]:
        action = {**action, "operator": "generalize", "params": {"level": generalization.levels[column]}}
    return ColumnRecord(**action)  # type: ignore[typeddict-item]


def _safety_checks(
    policy: Policy,
    risk: RiskReport,
    residual: ResidualReport | None,
    leaks: LeakReport,
    generalization: GeneralizationReport | None = None,
    utility: UtilityReport | None = None,
) -> list[Check]:
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
