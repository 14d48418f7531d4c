"""The bundled demo extract: shape, the planted bad rows, and byte-for-byte reproducibility."""

from __future__ import annotations

import re
import runpy
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "scripts" / "make_demo_data.py"
EXPECTED_COLUMNS = [
    "encounter_id",
    "patient_id",
    "patient_name",
    "mrn",
    "ssn",
    "date_of_birth",
    "street_address",
    "city",
    "zip",
    "phone",
    "email",
    "admission_date",
    "discharge_date",
    "attending_physician",
    "age",
    "sex",
    "diagnosis_code",
    "hemoglobin",
    "creatinine",
    "glucose",
    "systolic_bp",
    "length_of_stay",
    "note",
    "readmitted_30d",
]
# The shape of an ICD-10-CM code (letter, digit, alphanumeric, optional dot and up to four more).
ICD10CM_SHAPE = re.compile(r"[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?")


def _generator_main() -> Callable[[Sequence[str]], int]:
    """``main`` of scripts/make_demo_data.py, which is not part of the installed package."""
    namespace = runpy.run_path(str(GENERATOR), run_name="make_demo_data")
    main: Callable[[Sequence[str]], int] = namespace["main"]
    return main


def _bad_ages(frame: pd.DataFrame) -> pd.Series:
    return ~pd.to_numeric(frame["age"]).between(0, 125)


def _reversed_stays(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["discharge_date"]) < pd.to_datetime(frame["admission_date"])


def _bad_codes(frame: pd.DataFrame) -> pd.Series:
    return ~frame["diagnosis_code"].map(lambda code: ICD10CM_SHAPE.fullmatch(code) is not None)


BAD_ROW_KINDS: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "impossible_age": _bad_ages,
    "discharge_before_admission": _reversed_stays,
    "bad_icd10": _bad_codes,
}


def test_columns_and_size(demo_frame: pd.DataFrame) -> None:
    assert demo_frame.columns.tolist() == EXPECTED_COLUMNS
    assert demo_frame["patient_id"].nunique() == 2000
    assert 3000 <= len(demo_frame) <= 4000
    assert demo_frame["encounter_id"].is_unique
    assert demo_frame.notna().all().all(), "the demo extract has no empty cells"
    assert demo_frame.groupby("patient_id").size().between(1, 3).all()


def test_identifier_layouts(demo_frame: pd.DataFrame) -> None:
    assert demo_frame["encounter_id"].str.fullmatch(r"E[0-9]{7}").all()
    assert demo_frame["patient_id"].str.fullmatch(r"P[0-9]{6}").all()
    assert demo_frame["mrn"].str.fullmatch(r"[0-9]{8}").all()
    assert demo_frame["zip"].str.fullmatch(r"0[0-9]{4}").all(), "ZIP codes keep their leading zero"
    assert set(demo_frame["zip"].str[:3]) == {"017", "018", "019", "021", "022", "024"}
    per_patient = demo_frame.groupby("patient_id")[["mrn", "ssn", "date_of_birth", "zip"]].nunique()
    assert (per_patient == 1).all().all(), "identifiers are per patient"
    assert demo_frame.drop_duplicates("patient_id")["mrn"].is_unique


def test_clinical_values(demo_frame: pd.DataFrame) -> None:
    ages = pd.to_numeric(demo_frame["age"])
    assert (ages >= 90).sum() > 0 and (ages.between(90, 102)).mean() < 0.03
    assert set(demo_frame["sex"]) == {"F", "M"}
    assert set(demo_frame["readmitted_30d"]) == {"0", "1"}
    prevalence = (demo_frame["readmitted_30d"] == "1").mean()
    assert 0.15 < prevalence < 0.3
    assert demo_frame["hemoglobin"].str.fullmatch(r"[0-9]+\.[0-9]").all()
    assert demo_frame["creatinine"].str.fullmatch(r"[0-9]+\.[0-9]{2}").all()


@pytest.mark.parametrize("kind", BAD_ROW_KINDS)
def test_each_kind_of_bad_row_appears_twice(demo_frame: pd.DataFrame, kind: str) -> None:
    assert BAD_ROW_KINDS[kind](demo_frame).sum() == 2


def test_bad_rows_are_six_distinct_rows_listed_in_the_readme(
    demo_frame: pd.DataFrame, demo_csv: Path
) -> None:
    bad = pd.concat([check(demo_frame) for check in BAD_ROW_KINDS.values()], axis=1).any(axis=1)
    assert bad.sum() == 6
    readme = (demo_csv.parent / "README.md").read_text(encoding="utf-8")
    for index, encounter_id in demo_frame.loc[bad, "encounter_id"].items():
        assert f"| {index} | `{encounter_id}` |" in readme, f"README does not list bad row {index}"


def test_generator_reproduces_the_bundled_file(demo_csv: Path, tmp_path: Path) -> None:
    main = _generator_main()
    out = tmp_path / "encounters.csv"
    assert main(["--out", str(out), "--quiet"]) == 0
    assert out.read_bytes() == demo_csv.read_bytes(), (
        "scripts/make_demo_data.py no longer reproduces the bundled demo extract; "
        "regenerate it, check its README and commit both"
    )
