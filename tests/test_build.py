"""End to end: the demo build, fail-closed columns, conservation, determinism, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

import safecohort
from helpers.phi import identifier_values, leaked_identifiers, occurs
from safecohort.cli import main
from safecohort.errors import DecryptionError, UnknownKeyIdError, UnlistedColumnError
from safecohort.policy import Action, DateShiftSpec, parse_policy
from safecohort.transform.crypto import Keyring, decrypt_values
from safecohort.transform.operators import OperatorContext, build_operator

OUTPUTS = ("data.parquet", "quarantine.parquet", "audit.json", "audit.html")


def _small_policy(path: Path, **changes: object) -> safecohort.Policy:
    """The Safe Harbor policy without k-anonymity and utility (too few rows for them), plus changes."""
    raw = yaml.safe_load(path.read_text())
    raw.pop("utility")
    raw["quasi_identifiers"] = []
    raw.update(changes)
    return parse_policy(yaml.safe_dump(raw))


def test_demo_writes_every_output(demo_build: Path) -> None:
    for name in OUTPUTS:
        assert (demo_build / name).stat().st_size > 0, name
    report = json.loads((demo_build / "audit.json").read_text())
    assert report["passed"] is True
    assert report["output"]["rows"] > 3000


def test_no_direct_identifier_survives_in_any_output(demo_build: Path, demo_frame: pd.DataFrame) -> None:
    values = identifier_values(demo_frame)
    assert len(values) > 10_000
    assert leaked_identifiers(demo_build, values) == {}


def test_no_identifier_in_the_audit_log_or_any_scan_output(
    demo_build: Path, demo_frame: pd.DataFrame, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = identifier_values(demo_frame)
    log = (demo_build / "audit.log.jsonl").read_text(encoding="utf-8")
    assert not [v for v in values if occurs(v, log)]
    # `scan` of raw rows of the extract (every identifier column) in each output format
    sample = tmp_path / "extract_sample.csv"
    demo_frame.head(25).to_csv(sample, index=False)
    rows = identifier_values(demo_frame.head(25))
    for form in ("text", "json", "sarif"):
        assert main(["scan", str(sample), "--format", form]) == 1
        captured = capsys.readouterr()
        output = captured.out + captured.err
        assert output.count("PERSON") >= 25 if form == "text" else True
        leaked = [v for v in rows if occurs(v, output)]
        assert not leaked, f"{len(leaked)} identifier values in the {form} output"


def test_the_build_records_its_log_entry_and_audit_verify_checks_it(
    demo_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads((demo_build / "audit.json").read_text())
    head = report["audit_log"]
    records = [json.loads(line) for line in (demo_build / "audit.log.jsonl").read_text().splitlines()]
    assert head == {"file": "audit.log.jsonl", "seq": len(records), "hash": records[-1]["hash"]} | {
        "key_id": records[-1]["key_id"]
    }
    assert head["hash"] in (demo_build / "audit.html").read_text()
    keys = demo_build / "demo.keys.json"
    log = demo_build / "audit.log.jsonl"
    assert main(["audit", "verify", str(log), "--keys", str(keys)]) == 0
    assert "intact" in capsys.readouterr().out
    # the log cut short before this build's entry: the head in audit.json catches it
    copy = tmp_path / "audit.log.jsonl"
    copy.write_text("".join(line + "\n" for line in log.read_text().splitlines()[:-1]))
    (tmp_path / "audit.json").write_text((demo_build / "audit.json").read_text())
    assert main(["audit", "verify", str(copy), "--keys", str(keys)]) == 1
    assert "(truncated)" in capsys.readouterr().out
    # without the key file a keyed log is checked for order only, and says so
    assert main(["audit", "verify", str(log)]) == 0
    assert "seals not checked" in capsys.readouterr().out


def test_the_leak_helper_skips_only_hash_digests() -> None:
    from helpers.phi import occurs

    assert not occurs("48500583", "row,df348500583896f8,01700")  # inside another row's keyed hash
    assert occurs("48500583", "MRN 48500583 seen")
    assert occurs("48500583", "MRN48500583x")  # glued to letters: still a leak
    assert occurs("48500583", "id 48500583896f8")  # 15 hex digits: not a digest


def test_every_row_is_in_data_or_quarantine_exactly_once(demo_build: Path, demo_frame: pd.DataFrame) -> None:
    data = pd.read_parquet(demo_build / "data.parquet")
    quarantine = pd.read_parquet(demo_build / "quarantine.parquet")
    quarantined = set(quarantine["_row"].astype(int))
    assert len(quarantined) == len(quarantine)
    assert quarantine["_reasons"].str.len().min() > 0
    assert len(data) + len(quarantine) == len(demo_frame)
    # The safe encounter ids are the keyed hashes of exactly the rows that were not quarantined.
    keyring = Keyring.load(demo_build / "demo.keys.json")
    hashing = build_operator(Action(operator="hash", params={"length": 16}))
    context = OperatorContext(
        domain="encounter_id", keyring=keyring, patient_ids=None, date_shift=DateShiftSpec(), entity_type=None
    )
    kept = demo_frame.loc[sorted(set(demo_frame.index) - quarantined), "encounter_id"]
    assert set(hashing.apply(kept, context)) == set(data["encounter_id"])


def test_deliberately_bad_rows_are_quarantined_with_reasons(demo_build: Path) -> None:
    reasons = " ".join(pd.read_parquet(demo_build / "quarantine.parquet")["_reasons"])
    assert "age" in reasons
    assert "discharge_after_admission" in reasons
    assert "diagnosis_code" in reasons


def test_unlisted_column_fails_naming_the_column_not_its_values(
    demo_frame: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path
) -> None:
    frame = demo_frame.head(30).copy()
    frame["insurance_member_id"] = [f"SECRETVALUE{i}" for i in range(len(frame))]
    with pytest.raises(UnlistedColumnError) as info:
        safecohort.build(frame, _small_policy(hipaa_policy_path), keys=session_keys)
    assert "insurance_member_id" in str(info.value)
    assert "SECRETVALUE" not in str(info.value)

    result = safecohort.build(
        frame, _small_policy(hipaa_policy_path, unlisted_columns="drop"), keys=session_keys
    )
    assert "insurance_member_id" not in result.data.columns
    assert len(result.data) + len(result.quarantine) == len(frame)


def test_same_input_policy_and_key_give_identical_bytes(
    tmp_path: Path, demo_frame: pd.DataFrame, research_policy_path: Path, session_keys: Path
) -> None:
    source = tmp_path / "slice.csv"
    demo_frame.head(120).to_csv(source, index=False)
    raw = yaml.safe_load(research_policy_path.read_text())
    raw["thresholds"] = {"k": 1, "max_residual_phi": 0.2}
    raw.pop("utility")
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump(raw))
    digests = []
    for run in ("a", "b"):
        args = [
            "build",
            str(source),
            "--policy",
            str(policy),
            "--out",
            str(tmp_path / run),
            "--keys",
            str(session_keys),
        ]
        assert main([*args, "--format", "parquet", "--quiet"]) == 0
        digests.append((tmp_path / run / "data.parquet").read_bytes())
    assert digests[0] == digests[1]

    # The MRN is reversible with the right key only.
    data = pd.read_parquet(tmp_path / "a" / "data.parquet")
    keyring = Keyring.load(session_keys)
    assert decrypt_values(keyring, "mrn", data["mrn"].head(5).tolist())[0].isdigit()
    with pytest.raises(UnknownKeyIdError):
        decrypt_values(Keyring.generate(), "mrn", data["mrn"].head(5).tolist())
    with pytest.raises(DecryptionError):
        decrypt_values(keyring, "note", data["mrn"].head(5).tolist())


def test_checks_failing_exit_3_and_write_no_data(
    tmp_path: Path, demo_frame: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path, capsys
) -> None:
    source = tmp_path / "slice.csv"
    demo_frame.head(40).to_csv(source, index=False)
    raw = yaml.safe_load(hipaa_policy_path.read_text())
    raw["thresholds"] = {"k": 1000, "on_k_violation": "fail"}
    raw.pop("utility")
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump(raw))
    out = tmp_path / "out"
    code = main(
        ["build", str(source), "--policy", str(policy), "--out", str(out), "--keys", str(session_keys)]
    )
    assert code == 3
    assert not (out / "data.csv").exists() and not (out / "data.parquet").exists()
    assert json.loads((out / "audit.json").read_text())["passed"] is False
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("safecohort: error:") and "k_anonymity" in err[-1]


def test_policy_error_is_one_line_exit_2(tmp_path: Path, demo_csv: Path, capsys) -> None:
    policy = tmp_path / "bad.yaml"
    policy.write_text("version: 1\ninstitution: X\ncolumns:\n  a: {action: {operator: nope}}\n")
    assert main(["build", str(demo_csv), "--policy", str(policy), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "line 4" in err[0] and "columns.a.action" in err[0]


def test_missing_key_file_for_keyed_policy(
    tmp_path: Path, demo_csv: Path, hipaa_policy_path: Path, capsys
) -> None:
    code = main(["build", str(demo_csv), "--policy", str(hipaa_policy_path), "--out", str(tmp_path / "o")])
    assert code == 2
    assert "no key was given" in capsys.readouterr().err
