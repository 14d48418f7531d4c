"""The QA summary: distributions, per-column counts and failures, the after-transform distributions in a
real build's audit report (JSON and HTML), the text table, and never a PHI value anywhere."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest

import safecohort
from helpers.phi import occurs
from safecohort.policy import Policy, parse_policy
from safecohort.qa import (
    Distribution,
    column_stats,
    distribution,
    summary_table,
    with_output,
)
from safecohort.report.html import render_html
from safecohort.validate import validate

NOW = pd.Timestamp("2024-06-01")

POLICY = """\
version: 1
institution: QA test
patient_id: patient_id
columns:
  patient_id: {type: string, checks: {nullable: false}, phi: identifier, action: drop}
  date_of_birth: {type: date, checks: {not_before: "1900-01-01"}, phi: dob, action: drop}
  admitted: {type: date, checks: {not_future: true}, phi: date, action: drop}
  discharged: {type: date, phi: date, action: drop}
  age: {type: int, checks: {min: 0, max: 125}, phi: age, action: drop}
  code: {type: string, checks: {format: icd10cm}}
  glucose:
    type: int
    checks: {min: 10, max: 2000}
    action: {operator: generalize, method: bucket, width: 50}
  hemoglobin: {type: float, checks: {min: 2, max: 25}}
  stay: {type: int, action: {operator: generalize, method: age_band, width: 7}}
  flag: {type: bool}
row_checks:
  - {name: discharge_after_admission, kind: order, columns: [admitted, discharged]}
dataset:
  one_value_per_patient: [date_of_birth]
"""


@pytest.fixture(scope="module")
def policy() -> Policy:
    return parse_policy(POLICY)


def patient(i: int, **changes: str) -> dict[str, str]:
    row = {
        "patient_id": f"P{i:04d}",
        "date_of_birth": f"19{40 + i % 50}-0{1 + i % 9}-1{i % 10}",
        "admitted": f"2023-0{1 + i % 9}-0{1 + i % 9}",
        "discharged": f"2023-0{1 + i % 9}-2{i % 9}",
        "age": str(30 + i % 50),
        "code": "E11.9",
        "glucose": str(80 + 7 * i),
        "hemoglobin": f"{10 + (i % 40) / 10:.1f}",
        "stay": str(i % 20),
        "flag": "yes" if i % 3 else "no",
    }
    return row | changes


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rows = [patient(i) for i in range(40)]
    rows += [
        patient(40, age="131"),  # out of range
        patient(41, admitted="2031-01-01"),  # in the future, and after its discharge
        patient(42, code="U07.1"),  # not an ICD-10-CM code shape
        patient(43, date_of_birth="1890-02-03", glucose="5"),  # two checks out of range
        patient(0, date_of_birth="1931-07-17"),  # patient 0 again, with a second date of birth
    ]
    return pd.DataFrame(rows, index=[f"row{i}" for i in range(len(rows))])


# --- distribution ---------------------------------------------------------------------------------------


def test_distribution_gives_min_quartiles_max_of_present_values() -> None:
    values = pd.Series([8, None, 1, 2, 3, 4, 5, 6, 7], dtype="Int64")
    assert distribution(values) == Distribution(count=8, min=1, q1=2.75, median=4.5, q3=6.25, max=8)
    floats = pd.Series([np.nan, 0.5, np.inf, 2.5])
    assert distribution(floats) == Distribution(count=2, min=0.5, q1=1.0, median=1.5, q3=2.0, max=2.5)


@pytest.mark.parametrize(
    "values",
    [
        pd.Series([], dtype="float64"),
        pd.Series([None, None], dtype="Int64"),
        pd.Series(["10-19", "20-29"]),  # a number generalised to bands is no longer a number
        pd.Series([True, False], dtype="boolean"),
    ],
)
def test_distribution_is_none_without_numbers(values: pd.Series) -> None:
    assert distribution(values) is None


# --- per-column statistics from validation ---------------------------------------------------------------


def test_column_stats_count_failures_per_check_and_column(policy: Policy, frame: pd.DataFrame) -> None:
    summary = validate(frame, policy, now=NOW).summary
    assert (summary.rows_in, summary.rows_valid, summary.rows_quarantined) == (45, 39, 6)
    columns = summary.columns
    assert columns["age"].checks_failed == {"range": 1} and columns["age"].out_of_range == 1
    # A row check counts for each of its columns; it is not a range check.
    order = "order:discharge_after_admission"
    assert columns["admitted"].checks_failed == {"not_future": 1, order: 1}
    assert columns["admitted"].out_of_range == 1 and columns["admitted"].failing == 1
    assert columns["discharged"].checks_failed == {order: 1} and columns["discharged"].out_of_range == 0
    assert columns["code"].checks_failed == {"format:icd10cm": 1} and columns["code"].out_of_range == 0
    # Row 43 fails not_before; rows 0 and 44 (one patient, two dates of birth) fail conflict.
    assert columns["date_of_birth"].checks_failed == {"conflict": 2, "not_before": 1}
    assert columns["date_of_birth"].failing == 3 and columns["date_of_birth"].out_of_range == 1
    assert columns["glucose"].out_of_range == 1
    assert columns["hemoglobin"].failing == 0 and columns["hemoglobin"].checks_failed == {}
    # Missing and distinct count the valid rows.
    assert columns["patient_id"].distinct == 39 and columns["patient_id"].missing == 0
    assert columns["flag"].distinct == 2


def test_distributions_only_for_non_phi_numbers(policy: Policy, frame: pd.DataFrame) -> None:
    result = validate(frame, policy, now=NOW)
    columns = result.summary.columns
    shown = {name for name, stats in columns.items() if stats.before is not None}
    assert shown == {"glucose", "hemoglobin", "stay"}  # not age (PHI), dates (PHI), code, flag
    assert all(columns[name].phi for name in ("patient_id", "date_of_birth", "admitted", "age"))
    glucose = result.valid["glucose"].astype(float)
    before = columns["glucose"].before
    assert before is not None
    assert (before.count, before.min, before.max) == (39, glucose.min(), glucose.max())
    assert before.median == glucose.median()


def test_column_stats_without_failures(policy: Policy, frame: pd.DataFrame) -> None:
    valid = validate(frame, policy, now=NOW).valid
    stats = column_stats(valid, policy, {})
    assert all(s.failing == 0 and s.checks_failed == {} for s in stats.values())
    assert stats["hemoglobin"].before == distribution(valid["hemoglobin"])


# --- after transformation ---------------------------------------------------------------------------------


def test_with_output_measures_the_safe_columns(policy: Policy, frame: pd.DataFrame) -> None:
    summary = validate(frame, policy, now=NOW).summary
    valid = validate(frame, policy, now=NOW).valid
    safe = pd.DataFrame(
        {
            "hemoglobin": valid["hemoglobin"].to_numpy(),  # kept
            "glucose": (valid["glucose"] // 50 * 50).to_numpy(),  # bucketed: still numeric, moved
            "stay": ["0-6"] * len(valid),  # banded: text
        }
    )
    after = with_output(summary, safe, policy).columns
    assert after["hemoglobin"].after == after["hemoglobin"].before
    assert after["glucose"].after is not None and after["glucose"].before is not None
    assert after["glucose"].after.max <= after["glucose"].before.max
    assert after["glucose"].after.max == float(safe["glucose"].max())
    assert after["stay"].after is None and after["stay"].before is not None
    assert after["age"].after is None  # PHI: never a distribution, before or after
    assert summary.columns["hemoglobin"].after is None  # the input summary is unchanged


def test_build_reports_before_and_after_without_phi_values(policy: Policy, frame: pd.DataFrame) -> None:
    result = safecohort.build(frame, policy)
    assert len(result.data) == 39 and len(result.quarantine) == 6
    columns = result.report.validation["columns"]
    assert columns["hemoglobin"]["before"] == columns["hemoglobin"]["after"] is not None
    assert columns["glucose"]["after"]["max"] % 50 == 0 != columns["glucose"]["before"]["max"] % 50
    assert columns["stay"]["before"] is not None and columns["stay"]["after"] is None
    for name in ("date_of_birth", "age", "admitted", "patient_id"):
        assert columns[name]["before"] is None and columns[name]["after"] is None
    assert columns["date_of_birth"]["checks_failed"] == {"conflict": 2, "not_before": 1}

    json_text, html = result.report.to_json(), render_html(result.report)
    assert "Distributions before and after de-identification" in html
    assert html.count('<td rowspan="2"><code>') == 3  # glucose, hemoglobin, stay
    assert "<td>safe output</td>" in html and ">n/a</td>" in html
    phi_values = {
        str(value)
        for name in ("patient_id", "date_of_birth", "admitted", "discharged")
        for value in frame[name]
    }
    ages = pd.to_numeric(frame["age"])
    phi_values |= {f"{age}" for age in ages[ages > 99]} | {f"{float(age)}" for age in ages[ages > 99]}
    phi_values |= {str(year) for year in pd.to_datetime(frame["date_of_birth"]).dt.year}
    for name, text in {"json": json_text, "html": html}.items():
        # The report's policy and data digests are hex: a value inside one is chance, not a leak.
        leaked = sorted(value for value in phi_values if occurs(value, text))
        assert not leaked, f"{len(leaked)} PHI values in the {name} report"


# --- the text table -------------------------------------------------------------------------------------


def test_summary_table_is_aligned_and_holds_counts_only(policy: Policy, frame: pd.DataFrame) -> None:
    table = summary_table(validate(frame, policy, now=NOW).summary)
    lines = table.splitlines()
    header, rule, rows = lines[0], lines[1], lines[2 : 2 + len(policy.columns)]
    assert header.split() == ["column", "type", "phi", "missing", "distinct", "failing", "checks", "failed"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert [row.split()[0] for row in rows] == list(policy.columns)
    end = header.index("failing") + len("failing")
    assert all(row[end - 1].isdigit() and row[end] == " " for row in rows)  # right-aligned counts
    by_name = {row.split()[0]: row for row in rows}
    assert by_name["date_of_birth"].endswith("conflict=2, not_before=1")
    assert by_name["hemoglobin"].split()[-1] == "-"
    assert "rows: 45 in, 39 valid, 6 quarantined" in lines
    assert "  conflict:date_of_birth" in table and "order:discharge_after_admission" in table
    for value in ("1931-07-17", "1890-02-03", "131", "U07.1", "P0000"):
        assert value not in table


def test_summary_of_an_empty_table() -> None:
    policy = parse_policy(textwrap.dedent(POLICY))
    empty = pd.DataFrame({name: pd.Series([], dtype=object) for name in policy.columns})
    summary = validate(empty, policy).summary
    assert all(stats.before is None and stats.distinct == 0 for stats in summary.columns.values())
    assert "rows: 0 in, 0 valid, 0 quarantined" in summary_table(summary)
