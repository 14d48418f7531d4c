"""End to end: the demo build, fail-closed columns, conservation, determinism, exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
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
    raw["thresholds"]["k"] = 1  # the quasi-identifiers stay: their hierarchies generalise age and ZIP
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


def _build_failing_checks(
    tmp_path: Path, demo_frame: pd.DataFrame, policy_path: Path, keys: Path, rows: int, **changes: object
) -> dict[str, object]:
    """Build the first ``rows`` demo rows under the Safe Harbor policy changed by ``changes`` (no utility);
    assert it exits 3 writing no data; return its audit report."""
    source = tmp_path / "slice.csv"
    demo_frame.head(rows).to_csv(source, index=False)
    raw = yaml.safe_load(policy_path.read_text())
    raw.pop("utility")
    raw.update(changes)
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump(raw))
    out = tmp_path / "out"
    code = main(["build", str(source), "--policy", str(policy), "--out", str(out), "--keys", str(keys)])
    assert code == 3
    assert not (out / "data.csv").exists() and not (out / "data.parquet").exists()
    report: dict[str, object] = json.loads((out / "audit.json").read_text())
    assert report["passed"] is False
    return report


def test_checks_failing_exit_3_and_write_no_data(
    tmp_path: Path, demo_frame: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path, capsys
) -> None:
    thresholds = {"k": 1000, "on_k_violation": "fail"}
    _build_failing_checks(tmp_path, demo_frame, hipaa_policy_path, session_keys, 40, thresholds=thresholds)
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("safecohort: error:") and "k_anonymity" in err[-1]


def test_k_beyond_the_suppression_budget_exits_3_writes_no_data_and_names_the_qis(
    tmp_path: Path, demo_frame: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path, capsys
) -> None:
    # Ages in 1- or 5-year bands and ZIP3 alone: 60 rows cannot meet k = 5 with 3 suppressed (5%).
    hierarchies = {"age": {"kind": "age", "levels": [1, 5]}, "zip": {"kind": "zip", "levels": ["zip3"]}}
    thresholds = {"k": 5, "on_k_violation": "suppress", "max_suppression": 0.05}
    report = _build_failing_checks(
        tmp_path,
        demo_frame,
        hipaa_policy_path,
        session_keys,
        60,
        hierarchies=hierarchies,
        thresholds=thresholds,
    )
    generalization = report["generalization"]
    assert isinstance(generalization, dict) and generalization["feasible"] is False
    assert {"age", "zip"} <= set(generalization["drivers"])
    checks = report["checks"]
    assert isinstance(checks, list)
    check = next(c for c in checks if c["name"] == "k_anonymity")
    assert not check["passed"] and "quasi-identifiers that drive it" in check["detail"]
    assert "k_anonymity" in capsys.readouterr().err


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


def test_a_build_meets_k_l_and_t_by_generalising_and_records_the_levels() -> None:
    rng = np.random.default_rng(5)
    rows = 400
    frame = pd.DataFrame(
        {
            "age": rng.integers(20, 95, rows),
            "sex": rng.choice(["F", "M"], rows),
            "dx": rng.choice(["I50.9", "J18.9", "K92.2", "E11.9"], rows),
        }
    )
    policy = parse_policy(
        textwrap.dedent(
            """
            institution: Test
            columns:
              age: {type: int, phi: age}
              sex: {type: category}
              dx: {type: string}
            quasi_identifiers: [age, sex]
            hierarchies:
              age: {kind: age, levels: [1, 5, 10, 20, "*"]}
            sensitive_columns: [dx]
            thresholds: {k: 10, l: 3, t: 0.2, on_k_violation: suppress, max_suppression: 0.05}
            """
        )
    )
    result = safecohort.build(frame, policy)
    report = result.report
    assert report.passed and {c["name"] for c in report.checks} >= {
        "k_anonymity",
        "l_diversity",
        "t_closeness",
    }
    assert report.generalization is not None and report.generalization.levels["age"] in ("5", "10", "20")
    assert set(result.data["age"].dropna()) <= {f"{a}-{a + 4}" for a in range(0, 90, 5)} | {
        f"{a}-{min(a + w - 1, 89)}" for w in (10, 20) for a in range(0, 90, w)
    } | {"90+"}
    assert report.risk is not None and report.risk.k >= 10 and report.risk.sensitive[0].distinct_l >= 3
    assert len(result.data) + len(result.quarantine) == rows
    assert set(result.quarantine["_reasons"]) <= {"k_anonymity:10"}
    record = next(c for c in report.columns if c["column"] == "age")
    assert record["operator"] == "generalize" and record["params"] == {
        "level": report.generalization.levels["age"]
    }
