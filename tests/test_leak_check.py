"""The build's leak check: identifiers in a column the policy calls non-PHI fail the build (exit 3)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import safecohort
from safecohort.cli import main
from safecohort.detect.columns import check_leaks
from safecohort.errors import PolicyError, SafetyCheckError
from safecohort.policy import parse_policy

ROWS = 100_000
PLANTED_ROW = 61_234
PHONE = "617-555-0142"
EMAIL = "k.jordan@example.net"
POLICY = """\
version: 1
institution: Leak check test
leak_check:
  allow: {comments: "lab comments written by the lab's own staff, reviewed by the privacy board"}
columns:
  encounter_id: {type: string, phi: identifier, action: drop}
  glucose: {type: int, checks: {min: 10, max: 2000}}
  comments:
    type: text
    description: clinical free text the policy calls harmless
"""
_SENTENCES = (
    "Fasting glucose {g} mg/dL, repeat in AM.",
    "Hgb 13.{d} g/dL; BP 12{d}/8{d}; HR 7{d}. Continue metoprolol 25 mg BID.",
    "Reviewed LOINC 2345-7 result with team, ICD-10 E11.9; follow up in 2-3 weeks.",
    "Specimen hemolyzed on 2024-03-1{d}, redraw requested.",
    "No change to insulin plan; A1c 7.{d}%.",
)


@pytest.fixture(scope="module")
def clinical() -> pd.DataFrame:
    """100,000 rows of clinical free text with lab values, codes and dates, and no identifier."""
    rng = np.random.default_rng(3)
    glucose = rng.integers(60, 400, ROWS)
    picks = rng.integers(0, len(_SENTENCES), ROWS)
    digits = rng.integers(0, 10, ROWS)
    rows = zip(picks.tolist(), glucose.tolist(), digits.tolist(), strict=True)
    comments = [_SENTENCES[p].format(g=g, d=d) for p, g, d in rows]
    return pd.DataFrame(
        {
            "encounter_id": [f"E{i:07d}" for i in range(ROWS)],
            "glucose": glucose.astype(str),
            "comments": comments,
        },
        dtype=object,
    )


def _planted(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    planted = frame.copy()
    planted.loc[PLANTED_ROW, "comments"] = f"Pt asked to be called back at {value} with results."
    return planted


def test_clinical_text_passes(clinical: pd.DataFrame) -> None:
    result = safecohort.build(clinical, parse_policy(POLICY))
    check = next(c for c in result.report.checks if c["name"] == "leak_check")
    assert check["passed"] and "1 text columns scanned for identifier patterns (1 in full)" in check["detail"]
    assert result.report.leak_allowances == {
        "comments": "lab comments written by the lab's own staff, reviewed by the privacy board"
    }


@pytest.mark.parametrize(("value", "entity"), [(PHONE, "PHONE_NUMBER"), (EMAIL, "EMAIL_ADDRESS")])
def test_one_planted_identifier_in_100k_rows_fails_the_build(
    clinical: pd.DataFrame, value: str, entity: str
) -> None:
    with pytest.raises(SafetyCheckError) as info:
        safecohort.build(_planted(clinical, value), parse_policy(POLICY))
    message = str(info.value)
    assert f"column 'comments': 1 row with {entity}" in message
    assert value not in message
    assert info.value.exit_code == 3
    report = info.value.result.report  # type: ignore[attr-defined]
    check = next(c for c in report.checks if c["name"] == "leak_check")
    assert not check["passed"] and not report.passed
    assert value not in report.to_json()


def test_cli_exit_3_names_column_count_and_kind_never_the_value(
    tmp_path: Path, clinical: pd.DataFrame, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "extract.csv"
    _planted(clinical, PHONE).to_csv(source, index=False)
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY)
    out = tmp_path / "out"
    code = main(["build", str(source), "--policy", str(policy), "--out", str(out), "--quiet"])
    assert code == 3
    err = capsys.readouterr().err
    assert "leak_check" in err and "'comments': 1 row with PHONE_NUMBER" in err
    assert PHONE not in err
    assert not (out / "data.csv").exists()
    audit = json.loads((out / "audit.json").read_text())
    assert [c["passed"] for c in audit["checks"] if c["name"] == "leak_check"] == [False]


def test_policy_can_allow_a_kind_or_turn_a_column_off(clinical: pd.DataFrame) -> None:
    planted = _planted(clinical, PHONE)
    allowing = POLICY + "    leak_check: {allow: [PHONE_NUMBER]}\n"
    result = safecohort.build(planted, parse_policy(allowing))
    check = next(c for c in result.report.checks if c["name"] == "leak_check")
    assert check["passed"] and "PHONE_NUMBER, allowed by the policy" in check["detail"]
    # Allowing another kind does not allow this one.
    with pytest.raises(SafetyCheckError):
        safecohort.build(planted, parse_policy(POLICY + "    leak_check: {allow: [URL]}\n"))
    off = safecohort.build(
        planted, parse_policy(POLICY.replace("leak_check:\n", "leak_check:\n  mode: off\n"))
    )
    check = next(c for c in off.report.checks if c["name"] == "leak_check")
    assert check["passed"] and "0 text columns scanned" in check["detail"] and "PHONE" not in check["detail"]


def test_sample_mode_scans_the_sample_only(clinical: pd.DataFrame) -> None:
    policy = parse_policy(
        POLICY.replace("leak_check:\n", "leak_check:\n  mode: sample\n  sample_rows: 2000\n")
    )
    report = check_leaks(_planted(clinical, EMAIL), policy)
    (column,) = [c for c in report.columns if c.column == "comments"]
    assert (column.mode, column.rows_scanned) == ("sample", 2000)
    # Full mode is the default because a sample misses a rare leak; one row in 100,000 here.
    full = check_leaks(_planted(clinical, EMAIL), parse_policy(POLICY))
    assert [c.hits for c in full.columns if c.column == "comments"] == [{"EMAIL_ADDRESS": 1}]


def test_only_kept_columns_are_checked_and_only_text_scanned_for_patterns(clinical: pd.DataFrame) -> None:
    frame = _planted(clinical, PHONE)
    frame["encounter_id"] = EMAIL  # a PHI column: its action deals with it
    report = check_leaks(frame, parse_policy(POLICY))
    assert [(c.column, c.rows_scanned) for c in report.columns] == [("glucose", 0), ("comments", ROWS)]


@pytest.mark.parametrize(
    ("extra", "where"),
    [
        ("    leak_check: {allow: [NAME]}\n", "columns.comments.leak_check.allow.0"),
        ("    leak_check: sometimes\n", "columns.comments.leak_check.mode"),
    ],
)
def test_bad_leak_check_keys_fail_at_load(extra: str, where: str) -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(POLICY + extra)
    assert where in str(info.value)


def test_leak_check_on_a_phi_column_is_refused() -> None:
    text = POLICY.replace(
        "encounter_id: {type: string, phi: identifier, action: drop}",
        "encounter_id: {type: string, phi: identifier, action: drop, leak_check: full}",
    )
    with pytest.raises(PolicyError, match="applies to columns with phi: none"):
        parse_policy(text)
