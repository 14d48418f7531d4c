"""`safecohort suggest-policy`: a commented draft that loads, builds without edits and leaks nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.extracts import DEMO_TRUTH, LAB_CLAIMS_TRUTH, lab_claims_extract
from helpers.phi import IDENTIFIER_COLUMNS, identifier_values, leaked_identifiers
from safecohort.cli import main
from safecohort.detect.columns import suggest_policy
from safecohort.policy import load_policy, parse_policy
from safecohort.transform.crypto import Keyring, decrypt_values

# Rows of the demo extract built in these tests: enough for k-anonymity and the residual rate to mean
# something, few enough to keep the suite fast (the whole extract is built in docs/benchmarks.md).
SLICE = 300


@pytest.fixture(scope="module")
def drafts(demo_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both profiles' drafts for the whole demo extract, written by the CLI with --out."""
    folder = tmp_path_factory.mktemp("drafts")
    written = {}
    for profile in ("hipaa", "research"):
        path = folder / f"{profile}.yaml"
        assert main(["suggest-policy", str(demo_csv), "--profile", profile, "--out", str(path)]) == 0
        written[profile] = path
    return written


@pytest.fixture(scope="module")
def demo_slice(demo_frame: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slice") / "encounters.csv"
    demo_frame.head(SLICE).to_csv(path, index=False)
    return path


def _build(source: Path, policy: Path, keys: Path, out: Path) -> int:
    args = ["build", str(source), "--policy", str(policy), "--out", str(out), "--keys", str(keys)]
    return main([*args, "--quiet"])


def test_draft_lists_every_column_with_type_kind_and_action(
    drafts: dict[str, Path], demo_frame: pd.DataFrame
) -> None:
    text = drafts["hipaa"].read_text()
    policy = load_policy(drafts["hipaa"])
    assert list(policy.columns) == list(demo_frame.columns)
    assert {c: s.phi for c, s in policy.columns.items()} == {c: k or "none" for c, k in DEMO_TRUTH.items()}
    for name, spec in policy.columns.items():
        operator = policy.action_for(name).operator
        if name in policy.hierarchies:  # generalised by the build to the level that meets k
            assert operator == "suppress" and spec.action is None, name
            continue
        assert (operator == "keep") == (spec.phi == "none"), name
    assert policy.patient_id == "patient_id"
    assert policy.notes.columns == ["note"]
    assert set(policy.quasi_identifiers) == {"age", "zip", "sex"}
    assert policy.columns["hemoglobin"].checks.min is not None
    assert policy.columns["diagnosis_code"].checks.format == "icd10cm"
    assert text.count("\n    # ") == len(demo_frame.columns)  # one comment per column
    assert policy.leak_check.mode == "full"


def test_profiles_choose_their_actions(drafts: dict[str, Path]) -> None:
    hipaa, research = load_policy(drafts["hipaa"]), load_policy(drafts["research"])
    assert hipaa.action_for("patient_name").operator == "drop"
    assert hipaa.action_for("admission_date").params == {"method": "year"}
    assert research.action_for("mrn").operator == "encrypt"
    assert research.action_for("admission_date").operator == "date_shift"
    assert research.action_for("patient_name").operator == "surrogate"
    assert research.notes.entities["PERSON"].operator == "surrogate"


def test_stdout_is_the_same_draft(
    drafts: dict[str, Path], demo_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["suggest-policy", str(demo_csv), "--profile", "hipaa"]) == 0
    assert capsys.readouterr().out == drafts["hipaa"].read_text()


def test_hipaa_draft_builds_and_leaks_no_identifier(
    drafts: dict[str, Path], demo_slice: Path, demo_frame: pd.DataFrame, session_keys: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert _build(demo_slice, drafts["hipaa"], session_keys, out) == 0
    values = identifier_values(demo_frame)
    assert len(values) > 10_000
    assert leaked_identifiers(out, values, data="data.csv") == {}


def test_research_draft_builds_and_replaces_every_identifier(
    drafts: dict[str, Path], demo_slice: Path, session_keys: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert _build(demo_slice, drafts["research"], session_keys, out) == 0
    raw = pd.read_csv(demo_slice, dtype=str)
    safe = pd.read_csv(out / "data.csv", dtype=str)
    # Dates move and surrogates are drawn per patient, so a value may reappear in another row: compare
    # row by row, joined on the encrypted (reversible) encounter id.
    keyring = Keyring.load(session_keys)
    safe["_encounter"] = decrypt_values(keyring, "encounter_id", safe["encounter_id"].tolist())
    joined = safe.merge(raw, left_on="_encounter", right_on="encounter_id", suffixes=("", "_raw"))
    assert len(joined) == len(safe) >= SLICE // 2
    assert "ssn" not in safe.columns
    for column in (*IDENTIFIER_COLUMNS, "patient_id", "date_of_birth", "admission_date"):
        if column in safe.columns:
            same = (joined[column] == joined[f"{column}_raw"]).sum()
            assert same == 0, f"{same} rows keep their {column}"


def test_lab_claims_draft_builds_and_leaks_no_identifier(session_keys: Path, tmp_path: Path) -> None:
    frame = lab_claims_extract()
    source = tmp_path / "claims.csv"
    frame.to_csv(source, index=False)
    policy_path = tmp_path / "claims.yaml"
    assert main(["suggest-policy", str(source), "--out", str(policy_path)]) == 0
    policy = load_policy(policy_path)
    assert {c: s.phi for c, s in policy.columns.items()} == {
        c: k or "none" for c, k in LAB_CLAIMS_TRUTH.items()
    }
    assert policy.patient_id == "MBR_ID"
    out = tmp_path / "out"
    assert _build(source, policy_path, session_keys, out) == 0
    identifiers = [c for c, k in LAB_CLAIMS_TRUTH.items() if k not in (None, "free_text", "age", "zip")]
    values = {v for c in identifiers for v in frame[c] if len(v) >= 4}
    assert leaked_identifiers(out, values, data="data.csv") == {}


def test_any_column_name_survives_the_yaml() -> None:
    names = ["Age (yrs)", "yes", "null", "a: b", "#", "it's", "on", "12", "  padded ", "ünïcode"]
    frame = pd.DataFrame({name: [str(i % 7) for i in range(30)] for name in names})
    policy = parse_policy(suggest_policy(frame))
    assert list(policy.columns) == names


def test_extract_without_phi_or_notes() -> None:
    frame = pd.DataFrame({"hemoglobin": ["13.1", "12.2", "9.8"] * 10, "sex": ["F", "M", "F"] * 10})
    policy = parse_policy(suggest_policy(frame, "research"))
    assert policy.patient_id is None and policy.notes.columns == []
    assert policy.columns["sex"].checks.allowed == ["F", "M"]
    assert (policy.columns["hemoglobin"].checks.min, policy.columns["hemoglobin"].checks.max) == (9.8, 13.1)


def test_cli_refuses_an_empty_sample(demo_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest-policy", str(demo_csv), "--sample-rows", "0"]) == 2
    assert "--sample-rows" in capsys.readouterr().err
