"""``build()``: one policy drives validate -> detect -> transform -> measure -> report.

The builder orchestrates the pure stage functions, times them, reports progress and assembles the
audit report. It reads no files itself except when handed a path (through ``safecohort.io``), and writes
none: writing outputs is the CLI's job, so a library caller decides where results go.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from safecohort import __version__
from safecohort.detect.columns import LeakReport, check_leaks
from safecohort.detect.text import Finding, NoteScanner, get_scanner
from safecohort.errors import DetectionError, KeyringError, SafetyCheckError
from safecohort.io import InputInfo, read_table
from safecohort.measure.rescan import ResidualReport, residual_phi
from safecohort.measure.risk import RiskReport, enforce_k, k_anonymity
from safecohort.measure.utility import baseline_utility
from safecohort.policy import Action, Policy, load_policy
from safecohort.qa import with_output
from safecohort.report.audit import AuditReport, Check, ColumnRecord
from safecohort.transform import Keyring, transform_table
from safecohort.transform.crypto import PASSPHRASE_ENV
from safecohort.transform.operators import REGISTRY
from safecohort.validate import REASONS_COLUMN, validate

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
    actions = [policy.action_for(c) for c in policy.columns]
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


def _quarantine_rows(raw: pd.DataFrame, index: pd.Index, reason: str) -> pd.DataFrame:
    rows = raw.loc[index].copy()
    rows[REASONS_COLUMN] = reason
    return rows


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
    """
    if engine != "pandas":
        raise ValueError(f"unknown engine '{engine}': only 'pandas' is available in this version")
    timer = _Timer(progress=progress)
    if not isinstance(policy, Policy):
        policy = load_policy(policy)
    keyring = resolve_keys(policy, keys)
    if isinstance(data, pd.DataFrame):
        raw = data
        info = InputInfo(name="<DataFrame>", format="dataframe", digest=frame_digest(data))
    else:
        raw, info = read_table(data)

    with timer.stage("validate"):
        validation = validate(raw, policy)
    valid = validation.valid
    quarantined = [validation.quarantine]

    with timer.stage("leak_check"):
        # Identifier patterns in the columns the policy calls non-PHI: those pass through as they are.
        leaks = check_leaks(valid, policy)

    with timer.stage("detect"):
        scanner = get_scanner(policy.model, policy.notes) if policy.notes.columns else None
        findings: dict[str, list[list[Finding]]] = {}
        if scanner is not None:
            findings, failed = _scan_notes(valid, policy, scanner, progress)
            if failed:
                failed_index = pd.Index(list(failed))
                rows = raw.loc[failed_index].copy()
                rows[REASONS_COLUMN] = ["; ".join(failed[i]) for i in failed_index]
                quarantined.append(rows)
                keep = ~valid.index.isin(failed_index)
                valid = valid.loc[keep]
                findings = {c: [f for f, k in zip(fs, keep, strict=True) if k] for c, fs in findings.items()}

    with timer.stage("transform"):
        result = transform_table(valid, findings, policy, keyring)
        safe = result.data
        inserted = result.inserted

    with timer.stage("measure"):
        qis = [c for c in policy.quasi_identifiers if c in safe.columns]
        risk: RiskReport = k_anonymity(safe, qis, k_threshold=policy.thresholds.k)
        if policy.thresholds.on_k_violation == "suppress" and risk.k < policy.thresholds.k and len(safe):
            kept, removed = enforce_k(safe, qis, policy.thresholds.k)
            quarantined.append(_quarantine_rows(raw, removed, f"k_anonymity:{policy.thresholds.k}"))
            positions = safe.index.get_indexer(kept.index)
            inserted = {c: [spans[p] for p in positions] for c, spans in inserted.items()}
            safe = kept
            valid = valid.loc[kept.index]
            risk = k_anonymity(safe, qis, k_threshold=policy.thresholds.k).model_copy(
                update={"suppressed": len(removed)}
            )
        residual: ResidualReport | None = None
        if scanner is not None:
            residual = residual_phi(safe, policy, scanner, inserted)
        utility = baseline_utility(valid, safe, policy)

    quarantine = pd.concat(quarantined) if len(quarantined) > 1 else quarantined[0]
    quarantine = quarantine.sort_index(kind="stable")
    checks = _safety_checks(policy, risk, residual, leaks)
    findings_by_entity: dict[str, int] = {}
    for per_note in findings.values():
        for note in per_note:
            for finding in note:
                findings_by_entity[finding.entity_type] = findings_by_entity.get(finding.entity_type, 0) + 1
    reasons: dict[str, int] = {}
    for text in quarantine[REASONS_COLUMN] if len(quarantine) else []:
        for reason in str(text).split("; "):
            reasons[reason] = reasons.get(reason, 0) + 1

    safe = safe.reset_index(drop=True)
    report = AuditReport(
        tool_version=__version__,
        created_at=pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds"),
        policy_digest=policy.digest,
        institution=policy.institution,
        model=policy.model,
        input={
            "name": info.name,
            "rows": len(raw),
            "columns": [str(c) for c in raw.columns],
            "digest": info.digest,
        },
        output={"rows": len(safe), "columns": [str(c) for c in safe.columns], "digest": frame_digest(safe)},
        quarantine={"rows": len(quarantine), "reasons": dict(sorted(reasons.items()))},
        columns=[ColumnRecord(**a.model_dump(mode="json")) for a in result.actions],  # type: ignore[typeddict-item]
        detection={
            "notes_scanned": sum(len(v) for v in findings.values()),
            "findings_by_entity": dict(sorted(findings_by_entity.items())),
        },
        # The QA summary of the raw valid rows, with the same distributions measured on the safe output.
        validation=with_output(validation.summary, safe, policy).model_dump(mode="json"),
        residual=residual,
        risk=risk,
        utility=utility,
        key_ids=list(keyring.key_ids) if keyring is not None else [],
        warnings=_crypto_warnings(policy),
        timings=timer.timings,
        checks=checks,
        leak_allowances=leaks.allowances,
        passed=all(c["passed"] for c in checks),
    )
    built = BuildResult(data=safe, quarantine=quarantine, report=report)
    if not report.passed:
        failed_checks = "; ".join(f"{c['name']} ({c['detail']})" for c in checks if not c["passed"])
        error = SafetyCheckError(f"the safe output failed its checks: {failed_checks}; see the audit report")
        error.result = built  # type: ignore[attr-defined]
        raise error
    return built


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


def _safety_checks(
    policy: Policy, risk: RiskReport, residual: ResidualReport | None, leaks: LeakReport
) -> list[Check]:
    checks: list[Check] = []
    if leaks.columns:
        checks.append(Check(name="leak_check", passed=leaks.passed, detail=leaks.detail()))
    if policy.quasi_identifiers:
        checks.append(
            Check(
                name="k_anonymity",
                passed=risk.rows == 0 or risk.k >= policy.thresholds.k,
                detail=f"k={risk.k}, required {policy.thresholds.k}",
            )
        )
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
