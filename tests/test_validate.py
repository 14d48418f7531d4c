"""Validation: every check kind passes a good row and quarantines a bad one with its reason; the column
checks; coercion; conservation of rows (hypothesis); and no PHI value in reasons, summary or errors."""

from __future__ import annotations

import textwrap
import traceback
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import safecohort
from safecohort.cli import main
from safecohort.errors import PolicyError, SchemaError, UnlistedColumnError
from safecohort.policy import Policy, parse_policy
from safecohort.validate import (
    REASONS_COLUMN,
    ValidationResult,
    build_schema,
    check_columns,
    validate,
)

NOW = pd.Timestamp("2024-06-01 12:00")


def policy_from_text(text: str) -> Policy:
    """``parse_policy``, which also checks every action against the operator specs."""
    return parse_policy(text)


def make_policy(body: str, **top: Any) -> Policy:
    """A policy from the YAML of its ``columns`` (and ``row_checks``) section; every action is keep."""
    text = "version: 1\ninstitution: Test\n" + "".join(f"{k}: {v}\n" for k, v in top.items())
    return policy_from_text(text + textwrap.dedent(body))


def one_column(column_type: str, checks: str = "{}") -> Policy:
    return make_policy(f"columns:\n  value: {{type: {column_type}, checks: {checks}}}\n")


def run(policy: Policy, frame: pd.DataFrame) -> ValidationResult:
    result = validate(frame, policy, now=NOW)
    assert sorted(result.valid.index.tolist() + result.quarantine.index.tolist()) == sorted(frame.index)
    return result


# --- every column check: a passing and a failing value, and the reason -------------------------------------

COLUMN_CASES = [
    # (type, checks, good value, bad value, reason)
    ("int", "{nullable: false}", "3", None, "not_null:value"),
    ("string", "{nullable: false}", "x", np.nan, "not_null:value"),
    ("int", "{min: 0, max: 125}", "125", "126", "range:value"),
    ("float", "{min: 0.1}", "0.1", "0.05", "range:value"),
    ("category", "{allowed: [F, M, U]}", "F", "X", "allowed:value"),
    ("int", "{allowed: [0, 1]}", "1", "2", "allowed:value"),
    ("string", "{regex: 'MRN[0-9]{4}'}", "MRN0042", "MRN0042x", "regex:value"),
    ("string", "{regex: '(?!XX)[A-Z]{2}'}", "AB", "XX", "regex:value"),  # lookahead: Python re fallback
    ("string", "{min_length: 2, max_length: 3}", "abc", "abcd", "length:value"),
    ("string", "{min_length: 2}", "ab", "a", "length:value"),
    ("string", "{format: icd10cm}", "E11.9", "U07.1", "format:icd10cm:value"),
    ("string", "{format: icd10cm}", "S72001A", "E1", "format:icd10cm:value"),
    ("string", "{format: loinc}", "2345-7", "2345-6", "format:loinc:value"),
    ("string", "{format: loinc}", "718-7", "718", "format:loinc:value"),
    ("string", "{format: npi}", "1234567893", "1234567890", "format:npi:value"),
    ("string", "{format: npi}", "1245319599", "124531959", "format:npi:value"),
    ("string", "{format: us_zip}", "02139-4307", "2139", "format:us_zip:value"),
    ("string", "{format: phone}", "(617) 555-0134", "555-0134", "format:phone:value"),
    ("string", "{format: phone}", "+442079460958", "+0123", "format:phone:value"),
    ("string", "{format: email}", "a.b@example.org", "a.b@example", "format:email:value"),
    ("string", "{format: ssn}", "123-45-6789", "666-45-6789", "format:ssn:value"),
    ("string", "{format: ssn}", "123456789", "123-456789", "format:ssn:value"),
    ("string", "{format: ssn}", "078-05-1120", "123-00-6789", "format:ssn:value"),
    ("date", "{not_future: true}", "2024-06-01", "2024-06-02", "not_future:value"),
    ("datetime", "{not_future: true}", "2024-06-01T11:59:00", "2024-06-01T12:01:00", "not_future:value"),
    ("date", "{not_before: '1900-01-01'}", "1900-01-01", "1899-12-31", "not_before:value"),
    ("int", "{}", "12", "12.5", "coerce:value"),
    # Whole numbers beyond int64 are unreadable, not a crash.
    ("int", "{}", "12", "1E100", "coerce:value"),
    ("int", "{}", "12", "9223372036854775808", "coerce:value"),
    ("float", "{}", "1e3", "one", "coerce:value"),
    ("date", "{}", "2024-02-29", "2023-02-29", "coerce:value"),
    ("bool", "{}", "Yes", "maybe", "coerce:value"),
]


@pytest.mark.parametrize(("column_type", "checks", "good", "bad", "reason"), COLUMN_CASES)
def test_column_check_passes_good_and_quarantines_bad(column_type, checks, good, bad, reason) -> None:
    frame = pd.DataFrame({"value": [good, bad]}, index=["good", "bad"])
    result = run(one_column(column_type, checks), frame)
    assert result.valid.index.tolist() == ["good"]
    assert result.quarantine.index.tolist() == ["bad"]
    assert result.quarantine[REASONS_COLUMN].tolist() == [reason]
    assert result.summary.failures_by_check == {reason: 1}


def test_unique_quarantines_every_copy_and_lets_nulls_repeat() -> None:
    frame = pd.DataFrame({"value": ["a", "b", "b", None, None]})
    result = run(one_column("string", "{unique: true}"), frame)
    assert result.quarantine.index.tolist() == [1, 2]
    assert set(result.quarantine[REASONS_COLUMN]) == {"unique:value"}


def test_missing_values_pass_every_check_but_not_null() -> None:
    checks = "{min: 0, max: 1, allowed: [0], regex: '9', min_length: 5, unique: true}"
    frame = pd.DataFrame({"value": [None, np.nan, "", "  "]})
    result = run(one_column("int", checks), frame)
    assert len(result.quarantine) == 0
    assert result.valid["value"].isna().all()


# --- row checks ----------------------------------------------------------------------------------------

ROW_CHECK_POLICY = """\
columns:
  age: {type: int}
  dob: {type: date}
  admission: {type: date}
  discharge: {type: datetime}
  los: {type: int}
row_checks:
  - {name: discharge_after_admission, kind: order, columns: [admission, discharge]}
  - {name: age_at_admission, kind: age_matches_dob, columns: [age, dob, admission], tolerance: 0}
  - {name: stay, kind: length_of_stay, columns: [los, admission, discharge], tolerance: 1}
"""


def row(
    age: Any = 39, dob: Any = "1984-03-02", admission: Any = "2024-03-01", discharge: Any = None, los: Any = 3
):
    discharge = "2024-03-04T10:30:00" if discharge is None else discharge
    return {"age": age, "dob": dob, "admission": admission, "discharge": discharge, "los": los}


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (row(discharge="2024-02-29T23:00:00", los=-1), "order:discharge_after_admission"),
        (row(age=40), "age_matches_dob:age_at_admission"),  # the 40th birthday is the day after
        (row(los=5), "length_of_stay:stay"),  # 3 midnights; 5 is beyond the tolerance of 1
    ],
)
def test_row_check_passes_good_and_quarantines_bad(bad: dict[str, Any], reason: str) -> None:
    frame = pd.DataFrame([row(), row(los=4), bad], index=["good", "within_tolerance", "bad"])
    result = run(make_policy(ROW_CHECK_POLICY), frame)
    assert result.valid.index.tolist() == ["good", "within_tolerance"]
    assert result.quarantine[REASONS_COLUMN].tolist() == [reason]


def test_row_checks_pass_when_a_value_is_missing() -> None:
    frame = pd.DataFrame([row(dob=None, discharge="", los=None)])
    assert len(run(make_policy(ROW_CHECK_POLICY), frame).valid) == 1


@pytest.mark.parametrize(
    ("row_check", "path"),
    [
        ("{name: o, kind: order, columns: [age, dob]}", "row_checks.0"),
        ("{name: a, kind: age_matches_dob, columns: [age, dob]}", "row_checks.0"),
        ("{name: s, kind: length_of_stay, columns: [dob, age, dob]}", "row_checks.0"),
    ],
)
def test_row_check_on_wrong_columns_is_a_policy_error(row_check: str, path: str) -> None:
    policy = make_policy(
        f"columns:\n  age: {{type: int}}\n  dob: {{type: date}}\nrow_checks:\n  - {row_check}\n"
    )
    with pytest.raises(PolicyError, match=path):
        build_schema(policy)


@pytest.mark.parametrize(
    ("column", "path"),
    [
        ("{type: date, checks: {min: 0}}", "columns.value.checks.min"),
        ("{type: int, checks: {not_future: true}}", "columns.value.checks.not_future"),
        ("{type: date, checks: {not_before: 'last tuesday'}}", "columns.value.checks.not_before"),
        ("{type: string, checks: {regex: '(unclosed'}}", "columns.value.checks.regex"),
    ],
)
def test_check_that_does_not_fit_its_column_is_a_policy_error(column: str, path: str) -> None:
    with pytest.raises(PolicyError, match=path):
        build_schema(make_policy(f"columns:\n  value: {column}\n"))


def test_bundled_policies_make_schemas(hipaa_policy_path, research_policy_path) -> None:
    for path in (hipaa_policy_path, research_policy_path):
        schema = build_schema(policy_from_text(path.read_text(encoding="utf-8")))
        assert "diagnosis_code" in schema.columns


def test_build_schema_gives_named_pandera_checks() -> None:
    policy = make_policy(
        """\
        columns:
          code: {type: string, checks: {nullable: false, format: icd10cm}}
          age: {type: int, checks: {min: 0}}
          seen: {type: date, required: false}
        row_checks:
          - {name: seen_after_birth, kind: order, columns: [age, age]}
        """
    )
    schema = build_schema(policy)
    assert isinstance(schema, pa.DataFrameSchema)
    assert [c.name for c in schema.columns["code"].checks] == ["not_null", "format:icd10cm"]
    assert str(schema.columns["age"].dtype) == "Int64"
    assert str(schema.columns["seen"].dtype) == "datetime64[ns]"
    assert schema.columns["seen"].required is False
    assert [c.name for c in schema.checks] == ["order:seen_after_birth"]


# --- columns and whole-table failures ------------------------------------------------------------------

TWO_COLUMNS = """\
columns:
  mrn: {type: string}
  admitted: {type: date}
"""
SECRET = "Jane Q. Public 123-45-6789"


def test_unlisted_columns_are_named_without_their_values() -> None:
    frame = pd.DataFrame(
        {"mrn": ["1"], "admitted": ["2024-01-01"], "aux_name": [SECRET], "aux_ssn": [SECRET]}
    )
    with pytest.raises(UnlistedColumnError) as caught:
        check_columns(frame, make_policy(TWO_COLUMNS))
    message = str(caught.value)
    assert "'aux_name'" in message and "'aux_ssn'" in message
    assert "'mrn'" not in message
    assert SECRET not in message


def test_unlisted_columns_are_dropped_when_the_policy_says_so() -> None:
    frame = pd.DataFrame({"mrn": ["1", "2"], "extra": [SECRET, SECRET], "admitted": ["2024-01-01", "soon"]})
    result = run(make_policy(TWO_COLUMNS, unlisted_columns="drop"), frame)
    assert result.valid.columns.tolist() == ["mrn", "admitted"]
    assert result.quarantine.columns.tolist() == ["mrn", "admitted", REASONS_COLUMN]


def test_missing_required_column_is_a_schema_error_naming_it() -> None:
    with pytest.raises(SchemaError, match="'admitted'"):
        validate(pd.DataFrame({"mrn": ["1"]}), make_policy(TWO_COLUMNS))


def test_missing_optional_column_is_fine() -> None:
    policy = make_policy("columns:\n  mrn: {type: string}\n  admitted: {type: date, required: false}\n")
    result = run(policy, pd.DataFrame({"mrn": ["1"]}))
    assert result.valid.columns.tolist() == ["mrn"]


def test_duplicate_column_names_are_a_schema_error() -> None:
    frame = pd.DataFrame([["1", "2"]], columns=["mrn", "mrn"])
    with pytest.raises(SchemaError, match="'mrn'"):
        validate(frame, make_policy(TWO_COLUMNS))


# --- coercion --------------------------------------------------------------------------------------------


def test_unreadable_cell_quarantines_its_row_with_the_raw_value() -> None:
    frame = pd.DataFrame(
        {"mrn": ["1", "2", "3", "4"], "admitted": ["2024-01-01", "not-a-date", "", "2024-01-03T08:00:00"]},
        index=[30, 10, 20, 40],
    )
    result = run(make_policy(TWO_COLUMNS), frame)
    assert result.valid.index.tolist() == [30, 20, 40]
    assert result.valid["admitted"].dtype == "datetime64[ns]"
    assert pd.isna(result.valid.loc[20, "admitted"])  # a blank cell is missing, not unreadable
    assert result.quarantine.loc[10, "admitted"] == "not-a-date"
    assert result.quarantine.loc[10, REASONS_COLUMN] == "coerce:admitted"


def test_unreadable_cell_in_a_required_column_gives_coerce_not_not_null() -> None:
    policy = make_policy("columns:\n  n: {type: int, checks: {nullable: false}}\n")
    result = run(policy, pd.DataFrame({"n": ["1", "x", None]}))
    assert result.quarantine[REASONS_COLUMN].tolist() == ["coerce:n", "not_null:n"]


def test_column_with_no_readable_value_is_a_schema_error() -> None:
    frame = pd.DataFrame({"mrn": ["1", "2"], "admitted": ["03/01/2024", SECRET]})
    with pytest.raises(SchemaError, match="'admitted'") as caught:
        validate(frame, make_policy(TWO_COLUMNS))
    assert SECRET not in str(caught.value) and "03/01/2024" not in str(caught.value)


def test_valid_rows_carry_the_policy_types_and_quarantine_the_raw_ones() -> None:
    policy = make_policy(
        """\
        columns:
          s: {type: string}
          i: {type: int, checks: {max: 10}}
          f: {type: float}
          d: {type: datetime}
          b: {type: bool}
        """
    )
    frame = pd.DataFrame(
        {
            "s": [2139, 2140],  # a ZIP that came in as a number
            "i": ["7", "11"],
            "f": ["1.5", "2"],
            "d": ["2024-01-01T10:00:00+02:00", "2024-01-01"],
            "b": ["true", "0"],
        }
    )
    result = run(policy, frame)
    valid = result.valid
    assert valid.dtypes.astype(str).tolist() == ["object", "Int64", "float64", "datetime64[ns]", "boolean"]
    assert valid.loc[0, "s"] == "2139"
    assert valid.loc[0, "d"] == pd.Timestamp("2024-01-01 08:00")  # offsets are honoured, kept in UTC
    assert result.quarantine.loc[1, "i"] == "11"
    assert result.quarantine["s"].dtype == frame["s"].dtype


def test_int_column_keeps_every_digit_of_large_numbers() -> None:
    result = run(one_column("int"), pd.DataFrame({"value": ["9007199254740993", None]}))
    assert result.valid["value"].iloc[0] == 9007199254740993


# --- the result as a whole -----------------------------------------------------------------------------


def test_every_failure_of_a_row_is_listed_sorted() -> None:
    policy = make_policy(
        """\
        columns:
          zip: {type: string, checks: {format: us_zip, nullable: false}}
          age: {type: int, checks: {min: 0, max: 125}}
          seen: {type: date, checks: {not_future: true}}
        """
    )
    frame = pd.DataFrame(
        {"zip": ["02139", "ABCDE"], "age": ["40", "200"], "seen": ["2024-01-01", "2099-01-01"]}
    )
    result = run(policy, frame)
    assert result.quarantine[REASONS_COLUMN].tolist() == ["format:us_zip:zip; not_future:seen; range:age"]
    summary = result.summary
    assert (summary.rows_in, summary.rows_valid, summary.rows_quarantined) == (2, 1, 1)
    assert summary.failures_by_check == {"format:us_zip:zip": 1, "not_future:seen": 1, "range:age": 1}
    assert summary.columns["zip"].missing == 0 and summary.columns["zip"].distinct == 1


def test_duplicate_index_labels_are_kept_and_partitioned() -> None:
    frame = pd.DataFrame({"value": ["1", "x", "2"]}, index=[7, 7, 7])
    result = run(one_column("int"), frame)
    assert result.valid.index.tolist() == [7, 7]
    assert result.valid["value"].tolist() == [1, 2]
    assert result.quarantine["value"].tolist() == ["x"]


def test_empty_frame_validates() -> None:
    result = run(make_policy(TWO_COLUMNS), pd.DataFrame({"mrn": [], "admitted": []}, dtype=object))
    assert len(result.valid) == 0 and len(result.quarantine) == 0
    assert REASONS_COLUMN in result.quarantine.columns


def test_on_invalid_fail_raises_with_counts_per_check() -> None:
    policy = make_policy(TWO_COLUMNS, on_invalid="fail")
    frame = pd.DataFrame({"mrn": ["1", "2", "3"], "admitted": ["2024-01-01", "nope", "never"]})
    with pytest.raises(SchemaError, match=r"2 of 3 rows .*coerce:admitted=2.*positions\): 1, 2"):
        validate(frame, policy)
    assert len(validate(frame.iloc[:1], policy).valid) == 1


def test_on_invalid_fail_stops_the_build_with_exit_2(tmp_path: Path, capsys) -> None:
    frame = pd.DataFrame({"mrn": ["1", "2"], "admitted": ["2024-01-01", "31/12/2023"]})
    source = tmp_path / "extract.csv"
    frame.to_csv(source, index=False)
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\ninstitution: Test\non_invalid: fail\n" + TWO_COLUMNS)
    with pytest.raises(SchemaError, match="on_invalid: fail"):
        safecohort.build(frame, policy_from_text(policy.read_text()))
    assert main(["validate", str(source), "--policy", str(policy)]) == 2
    err = capsys.readouterr().err
    assert "coerce:admitted=1" in err and "31/12/2023" not in err


# --- dataset checks ------------------------------------------------------------------------------------

DATASET_POLICY = """patient_id: patient
columns:
  encounter: {type: string, checks: {unique: true}}
  patient: {type: string}
  dob: {type: date}
  sex: {type: category}
dataset:
  min_rows: 3
  one_value_per_patient: [dob, sex]
"""


def visit(encounter: str, patient: Any, dob: Any = "1984-03-02", sex: Any = "F") -> dict[str, Any]:
    return {"encounter": encounter, "patient": patient, "dob": dob, "sex": sex}


def test_one_value_per_patient_quarantines_every_row_of_a_conflicted_patient() -> None:
    frame = pd.DataFrame(
        [
            visit("e1", "p1"),
            visit("e2", "p1", dob="1984-03-02T00:00:00"),  # the same date, written another way
            visit("e3", "p1", dob=None),  # missing is not a second value
            visit("e4", "p2"),
            visit("e5", "p2", dob="1948-03-02"),
            visit("e6", "p2", dob=None),  # which date is right is unknown: this row goes too
            visit("e7", None, dob="1901-01-01"),  # no patient to compare with
            visit("e8", "p3", sex="M"),
            visit("e9", "p3", sex="F"),
        ],
        index=[f"r{i}" for i in range(1, 10)],
    )
    result = run(make_policy(DATASET_POLICY), frame)
    assert result.valid.index.tolist() == ["r1", "r2", "r3", "r7"]
    assert result.quarantine[REASONS_COLUMN].to_dict() == {
        "r4": "conflict:dob",
        "r5": "conflict:dob",
        "r6": "conflict:dob",
        "r8": "conflict:sex",
        "r9": "conflict:sex",
    }
    assert result.summary.columns["dob"].checks_failed == {"conflict": 3}


def test_duplicated_encounter_id_quarantines_every_copy() -> None:
    # Which copy is right is unknown; none of them may train a model.
    frame = pd.DataFrame([visit("e1", "p1"), visit("e2", "p2"), visit("e1", "p3"), visit("e1", "p4")])
    result = run(make_policy(DATASET_POLICY), frame)
    assert result.valid.index.tolist() == [1]
    assert result.quarantine[REASONS_COLUMN].tolist() == ["unique:encounter"] * 3


def test_fewer_rows_than_min_rows_is_a_schema_error_counted_on_the_input() -> None:
    policy = make_policy(DATASET_POLICY)
    frame = pd.DataFrame([visit("e1", "p1"), visit("e2", "p1"), visit("e3", "p1")])
    assert len(run(policy, frame).valid) == 3
    with pytest.raises(SchemaError, match=r"2 row\(s\), fewer than dataset.min_rows = 3"):
        validate(frame.iloc[:2], policy)
    # Invalid rows still count: how many may fail is on_invalid's business, not min_rows'.
    frame.loc[2, "dob"] = "not a date"
    assert run(policy, frame).summary.rows_quarantined == 1


@pytest.mark.parametrize(
    ("top", "dataset", "path"),
    [
        ("", "{one_value_per_patient: [dob]}", "dataset"),  # no patient_id
        ("patient_id: patient\n", "{one_value_per_patient: [height]}", "dataset.one_value_per_patient"),
        ("", "{min_rows: -1}", "dataset.min_rows"),
    ],
)
def test_bad_dataset_section_is_a_policy_error(top: str, dataset: str, path: str) -> None:
    body = "columns:\n  patient: {type: string}\n  dob: {type: date}\n"
    with pytest.raises(PolicyError, match=path):
        policy_from_text(f"version: 1\ninstitution: T\n{top}{body}dataset: {dataset}\n")


def test_bundled_policies_quarantine_only_the_six_planted_rows(
    demo_frame: pd.DataFrame, hipaa_policy_path: Path, research_policy_path: Path
) -> None:
    for path in (hipaa_policy_path, research_policy_path):
        policy = policy_from_text(path.read_text(encoding="utf-8"))
        assert policy.dataset.one_value_per_patient == ["date_of_birth"] and policy.dataset.min_rows == 1
        result = validate(demo_frame, policy)
        assert result.quarantine.index.tolist() == [864, 1423, 1649, 1882, 2001, 3464]
        # A second date of birth for one patient sets aside each of that patient's rows.
        changed = demo_frame.copy()
        patient = changed.loc[0, "patient_id"]
        changed.loc[0, "date_of_birth"] = "1931-02-03"
        rows = changed.index[changed["patient_id"] == patient].tolist()
        quarantine = validate(changed, policy).quarantine
        assert set(rows) <= set(quarantine.index) and len(quarantine) == 6 + len(rows)
        assert set(quarantine.loc[rows, REASONS_COLUMN]) == {"conflict:date_of_birth"}


# --- the command line: safecohort validate ---------------------------------------------------------------


def test_cli_validate_prints_the_table_and_exits_by_outcome(tmp_path: Path, capsys) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\ninstitution: Test\n" + DATASET_POLICY)
    clean = tmp_path / "clean.csv"
    pd.DataFrame([visit("e1", "p1"), visit("e2", "p1"), visit("e3", "p2")]).to_csv(clean, index=False)
    assert main(["validate", str(clean), "--policy", str(policy)]) == 0
    out = capsys.readouterr().out
    assert "rows: 3 in, 3 valid, 0 quarantined" in out

    dirty = tmp_path / "dirty.parquet"
    rows = [visit("e1", "p1"), visit("e2", "p1", dob="1911-11-11"), visit("e3", "p2"), visit("e3", "p3")]
    pd.DataFrame(rows).to_parquet(dirty)
    quarantine = tmp_path / "out" / "quarantine.csv"
    assert main(["validate", str(dirty), "--policy", str(policy), "--quarantine", str(quarantine)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["column", "type", "phi", "missing", "distinct", "failing", "checks", "failed"]
    # Aligned: every row of the table has its counts in the same character columns as the header.
    failing_at = lines[0].index("failing") + len("failing")
    table = lines[2:6]  # one row per column of the policy, after the header and its rule
    assert [line.split()[0] for line in table] == ["encounter", "patient", "dob", "sex"]
    assert all(line[failing_at - 1].isdigit() and line[failing_at] == " " for line in table)
    assert table[0].split()[-1] == "unique=2" and table[2].split()[-1] == "conflict=2"
    assert "rows: 4 in, 0 valid, 4 quarantined" in out
    assert "1911-11-11" not in out and "1984-03-02" not in out
    written = pd.read_csv(quarantine, dtype=str)
    assert written["_row"].tolist() == ["0", "1", "2", "3"]
    assert written[REASONS_COLUMN].tolist() == ["conflict:dob"] * 2 + ["unique:encounter"] * 2
    assert not list(quarantine.parent.glob("*.tmp*"))


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame([visit("e1", "p1")]).drop(columns=["dob"]), "lacks required column(s) 'dob'"),
        (pd.DataFrame([visit("e1", "p1"), visit("e2", "p1")]), "fewer than dataset.min_rows = 3"),
    ],
)
def test_cli_validate_exits_2_on_a_schema_failure(
    tmp_path: Path, capsys, frame: pd.DataFrame, message: str
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\ninstitution: Test\n" + DATASET_POLICY)
    source = tmp_path / "extract.csv"
    frame.to_csv(source, index=False)
    assert main(["validate", str(source), "--policy", str(policy)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and len(captured.err.strip().splitlines()) == 1


# --- PHI never leaves in reasons, summary or errors -----------------------------------------------------

PHI_POLICY = """\
patient_id: patient_id
columns:
  patient_id: {type: string, phi: identifier, action: drop}
  patient_name: {type: string, checks: {max_length: 5}, phi: name, action: drop}
  ssn: {type: string, checks: {format: ssn}, phi: ssn, action: drop}
  phone: {type: string, checks: {format: phone}, phi: phone, action: drop}
  email: {type: string, checks: {format: email}, phi: email, action: drop}
  date_of_birth: {type: date, checks: {not_before: "1900-01-01"}, phi: dob, action: drop}
  age: {type: int, checks: {max: 125}, phi: age, action: drop}
  mrn: {type: string, checks: {unique: true, regex: "MRN[0-9]{6}"}, phi: mrn, action: drop}
  glucose: {type: int, checks: {max: 2000}}
dataset:
  one_value_per_patient: [date_of_birth]
"""
PHI_ROW = {
    "patient_id": "PAT-Quist-77",
    "patient_name": "Zelda Quistgaard",
    "ssn": "666-12-3456",
    "phone": "555-01",
    "email": "zelda.q@@mail",
    "date_of_birth": "1850-07-04",
    "age": "173",
    "mrn": "MRN-99-8877",
    "glucose": "4187",
}
# The same patient again, with a second date of birth: a conflict, and every other check failing too.
PHI_ROW_AGAIN = PHI_ROW | {"date_of_birth": "1851-09-23"}
CLEAN_ROW = {
    "patient_id": "P1",
    "patient_name": "Al",
    "ssn": "123-45-6789",
    "phone": "617-555-0134",
    "email": "al@example.org",
    "date_of_birth": "1960-01-01",
    "age": "64",
    "mrn": "MRN123456",
    "glucose": "97",
}
PHI_VALUES = [*PHI_ROW.values(), PHI_ROW_AGAIN["date_of_birth"], "1850", "1851-09", "173.0", "4187.0"]


def _all_text(error: BaseException) -> str:
    """Everything a user could see of an exception: message, repr and the printed traceback."""
    return str(error) + repr(error) + "".join(traceback.format_exception(error))


def test_no_phi_value_in_reasons_summary_errors_or_cli_output(tmp_path: Path, capsys) -> None:
    frame = pd.DataFrame([CLEAN_ROW, PHI_ROW, PHI_ROW_AGAIN])
    result = run(make_policy(PHI_POLICY), frame)
    assert result.quarantine.index.tolist() == [1, 2]
    assert "conflict:date_of_birth" in result.quarantine.loc[2, REASONS_COLUMN]
    exposed = " ".join(result.quarantine[REASONS_COLUMN]) + result.summary.model_dump_json()
    with pytest.raises(SchemaError) as caught:
        validate(frame, make_policy(PHI_POLICY, on_invalid="fail"))
    exposed += _all_text(caught.value)
    with pytest.raises(SchemaError) as caught:
        validate(frame, make_policy(PHI_POLICY + "  min_rows: 4\n"))
    exposed += _all_text(caught.value)
    with pytest.raises(SchemaError) as caught:  # a column none of whose values can be read
        validate(frame.assign(date_of_birth=frame["date_of_birth"].str[::-1]), make_policy(PHI_POLICY))
    exposed += _all_text(caught.value)
    source, policy = tmp_path / "extract.csv", tmp_path / "policy.yaml"
    frame.to_csv(source, index=False)
    policy.write_text("version: 1\ninstitution: Test\n" + PHI_POLICY)
    quarantine = tmp_path / "quarantine.parquet"
    assert main(["validate", str(source), "--policy", str(policy), "--quarantine", str(quarantine)]) == 1
    captured = capsys.readouterr()
    # The paths the CLI names are the test's own (pytest numbers its folders: "pytest-173" holds "173").
    exposed += (captured.out + captured.err).replace(str(tmp_path), "<tmp>")
    for value in PHI_VALUES:
        assert value not in exposed
    for name in PHI_ROW:
        assert name in exposed  # the reasons do name every failing column
    # The quarantine file, which is meant to hold the raw rows, does hold them.
    assert pd.read_parquet(quarantine)["patient_name"].tolist() == [PHI_ROW["patient_name"]] * 2


# --- conservation: whatever the input, every row comes out once ----------------------------------------

CONSERVATION_POLICY = """\
patient_id: patient
columns:
  id: {type: string, checks: {unique: true, nullable: false}}
  patient: {type: string}
  dob: {type: date}
  age: {type: int, checks: {min: 0, max: 125}}
  zip: {type: string, checks: {format: us_zip}}
  admitted: {type: date, checks: {not_future: true}}
  discharged: {type: date}
  flag: {type: bool}
row_checks:
  - {name: discharge_after_admission, kind: order, columns: [admitted, discharged]}
dataset:
  one_value_per_patient: [dob]
"""
CONSERVATION = make_policy(CONSERVATION_POLICY)
ANCHOR = {
    "id": "anchor",
    "patient": "anchor",
    "dob": "1980-01-01",
    "age": "1",
    "zip": "02139",
    "admitted": "2024-01-01",
    "discharged": "2024-01-02",
    "flag": "no",
}

cells = st.one_of(st.none(), st.text(max_size=6), st.integers(-5, 300).map(str))
dates = st.one_of(cells, st.dates(min_value=pd.Timestamp("1990-01-01").date()).map(str))
rows = st.fixed_dictionaries(
    {
        "id": st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d"])),
        "patient": st.one_of(st.none(), st.sampled_from(["p", "q"])),
        "dob": st.one_of(st.none(), st.sampled_from(["1950-01-01", "1950-01-01T00:00:00", "1960-05-05"])),
        "age": cells,
        "zip": st.one_of(cells, st.sampled_from(["02139", "2139", "02139-0001"])),
        "admitted": dates,
        "discharged": dates,
        "flag": st.one_of(cells, st.sampled_from(["true", "False", "1", "0"])),
    }
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, max_size=25), st.randoms(use_true_random=False), st.booleans())
def test_rows_in_equal_valid_plus_quarantined(generated: list[dict[str, Any]], random, text_labels) -> None:
    # The anchor row keeps every typed column readable somewhere, so no column fails as a whole.
    labels: list[Any] = random.sample(range(1000), len(generated) + 1)
    if text_labels:
        labels = [f"row-{label}" for label in labels]
    frame = pd.DataFrame([ANCHOR, *generated], index=labels)
    policy = CONSERVATION
    result = validate(frame, policy, now=NOW)
    valid, quarantine = result.valid, result.quarantine
    assert len(valid) + len(quarantine) == len(frame) == result.summary.rows_in
    assert set(valid.index).isdisjoint(quarantine.index)
    assert set(valid.index) | set(quarantine.index) == set(frame.index)
    assert valid.index.tolist() == [i for i in frame.index if i in set(valid.index)]  # order kept
    assert quarantine[REASONS_COLUMN].str.len().gt(0).all()
    pd.testing.assert_frame_equal(quarantine.drop(columns=REASONS_COLUMN), frame.loc[quarantine.index])
    summary = result.summary
    assert (summary.rows_valid, summary.rows_quarantined) == (len(valid), len(quarantine))
    assert all(stats.failing <= len(quarantine) for stats in summary.columns.values())
    assert sum(summary.failures_by_check.values()) >= len(quarantine)
    # What passed passes again: validation is idempotent on its own output.
    assert len(validate(valid, policy, now=NOW).quarantine) == 0
