"""Column classification: names in many spellings, values through the recognizers' patterns, no values out."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.extracts import (
    DEMO_RENAMINGS,
    DEMO_TRUTH,
    LAB_CLAIMS_TRUTH,
    confusion,
    lab_claims_extract,
)
from safecohort.detect.columns import (
    PHI_THRESHOLD,
    ColumnProfile,
    classify_column,
    classify_columns,
    name_words,
    scan_column,
)


@pytest.fixture(scope="module")
def lab_claims() -> pd.DataFrame:
    return lab_claims_extract()


def _check_against(truth: dict[str, str | None], profiles: list[ColumnProfile]) -> None:
    predicted = {p.name: p.phi for p in profiles}
    table = confusion(truth, predicted)
    print(f"\n{table}")
    wrong = {c: (truth[c], predicted[c]) for c in truth if truth[c] != predicted[c]}
    assert wrong == {}, f"misclassified (truth, predicted): {wrong}"


@pytest.mark.parametrize(
    ("column", "words"),
    [
        ("pt_name", ["patient", "name"]),
        ("PATIENT_LAST", ["patient", "last"]),
        ("PAT_FIRST_NM", ["patient", "first", "name"]),
        ("PATIENTLASTNAME", ["patient", "last", "name"]),
        ("dateOfBirth", ["date", "of", "birth"]),
        ("addr1", ["address", "1"]),
        ("E-mail Address", ["email", "address"]),
        ("phone_home", ["phone", "home"]),
        ("Medical Record #", ["medical", "event", "id"]),
    ],
)
def test_name_words_read_any_spelling(column: str, words: list[str]) -> None:
    assert name_words(column) == words


@pytest.mark.parametrize(
    ("column", "kind"),
    [
        ("pt_name", "name"),
        ("PATIENT_LAST", "name"),
        ("dob", "dob"),
        ("mrn", "mrn"),
        ("ssn", "ssn"),
        ("addr1", "address"),
        ("zip", "zip"),
        ("phone_home", "phone"),
        ("email", "email"),
        ("npi", "provider"),
        ("attending", "provider"),
        ("MBR_ID", "identifier"),
        ("ip_address", "ip"),
    ],
)
def test_identifier_names_alone_decide_when_the_values_say_nothing(column: str, kind: str) -> None:
    # Values with no identifier shape: the name is the only evidence.
    profile = classify_column(pd.Series(["x1", "x2", None, "x3"] * 5), column)
    assert (profile.phi, profile.evidence) == (kind, "name")
    assert profile.confidence >= PHI_THRESHOLD


@pytest.mark.parametrize(
    "column", ["drug_name", "insurance_name", "phone_type", "birth_weight", "dosage", "test_name", "LOINC"]
)
def test_names_of_things_and_attributes_are_not_phi(column: str) -> None:
    assert classify_column(pd.Series(["a", "b", "c"] * 5), column).phi is None


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([f"user{i}@example.org" for i in range(40)], "email"),
        ([f"(617) 555-01{i:02d}" for i in range(40)], "phone"),
        ([f"{100 + i}-45-{6000 + i}" for i in range(40)], "ssn"),
        ([f"2021-03-{1 + i % 28:02d}" for i in range(40)], "date"),
        ([f"{3 + i % 9}/{1 + i % 28}/2019" for i in range(40)], "date"),
        ([f"https://portal.example.org/p/{i}" for i in range(40)], "url"),
        ([f"10.0.{i}.7" for i in range(40)], "ip"),
        ([f"{12 + i} Elm Street" for i in range(40)], "address"),
        (["Sean Newton", "Mary Johnson", "James Smith", "Linda Brown"] * 10, "name"),
        (["Dr. Andrew Lowery", "Dr. Crystal Adkins", "Dr. Michael Leon"] * 10, "provider"),
        (["1234567893", "1245319599", "1003000126"] * 10, "provider"),  # valid NPIs (Luhn with 80840)
    ],
)
def test_values_alone_decide_under_a_meaningless_name(values: list[str], kind: str) -> None:
    profile = classify_column(pd.Series(values), "col_07")
    assert (profile.phi, profile.evidence) == (kind, "values")


def test_weak_value_shapes_alone_are_not_phi() -> None:
    # Five repeating digits could be ZIP codes, amounts or codes: only a name makes them ZIP codes.
    repeated = pd.Series([f"0{2100 + i % 5}" for i in range(50)])
    assert classify_column(repeated, "col_07").phi is None
    zips = classify_column(repeated, "postal")
    assert (zips.phi, zips.evidence) == ("zip", "both")
    # Unique codes under an unknown name fail closed: an identifier until a reviewer says otherwise.
    unique = classify_column(pd.Series([f"{10_000 + i}" for i in range(50)]), "col_07")
    assert (unique.phi, unique.evidence) == ("identifier", "values")


def test_strong_values_overrule_a_clinical_name_but_weak_ones_do_not() -> None:
    emails = classify_column(pd.Series([f"a{i}@example.com" for i in range(30)]), "result_value")
    assert emails.phi == "email"
    # Codes that repeat under a clinical name are kept; a record number's shape alone does not overrule it.
    codes = classify_column(pd.Series([f"E{i % 10:07d}" for i in range(30)]), "result_value")
    assert codes.phi is None and codes.keep_reason is not None


def test_unique_codes_under_a_clinical_name_fail_closed() -> None:
    # A different code on every row is a record number's shape: the name alone is no evidence of harm-
    # lessness, so the column is protected (hashed, joins still work) rather than kept on a guess.
    codes = classify_column(pd.Series([f"E{i:07d}" for i in range(30)]), "result_value")
    assert (codes.phi, codes.evidence) == ("identifier", "values")


def test_free_text_columns_are_flagged_for_note_scanning() -> None:
    notes = pd.Series(
        [
            f"Patient seen in clinic {i} days after discharge; tolerating diet, no chest pain."
            for i in range(30)
        ]
    )
    profile = classify_column(notes, "comments")
    assert profile.is_free_text and profile.phi == "free_text" and profile.inferred_type == "text"
    short = classify_column(pd.Series(["H", "L", "N"] * 10), "comments")
    assert not short.is_free_text and short.phi is None


def test_statistics_use_every_row_and_types_follow_validation() -> None:
    values = pd.Series(["1", "2", None, "2"] * 25, name="glucose")
    profile = classify_column(values, sample_rows=10)
    assert profile.null_share == 0.25
    assert profile.distinct_share == round(2 / 75, 4)
    assert profile.inferred_type == "int"
    assert classify_column(pd.Series(["1.5", "2"]), "hgb").inferred_type == "float"
    assert classify_column(pd.Series(["02169", "01960"] * 20), "zip").inferred_type == "string"
    assert classify_column(pd.Series(["2019-01-01", "2020-02-29"]), "admit_dt").inferred_type == "date"


def test_demo_extract_as_named(demo_frame: pd.DataFrame) -> None:
    _check_against(DEMO_TRUTH, classify_columns(demo_frame))


@pytest.mark.parametrize("style", sorted(DEMO_RENAMINGS))
def test_demo_extract_renamed(demo_frame: pd.DataFrame, style: str) -> None:
    names = DEMO_RENAMINGS[style]
    truth = {names[c]: kind for c, kind in DEMO_TRUTH.items()}
    _check_against(truth, classify_columns(demo_frame.rename(columns=names)))


def test_lab_claims_extract(lab_claims: pd.DataFrame) -> None:
    profiles = classify_columns(lab_claims)
    _check_against(LAB_CLAIMS_TRUTH, profiles)
    by_name = {p.name: p for p in profiles}
    # 08/26/1976 is not ISO 8601: validation would not read it as a date.
    assert by_name["BIRTH_DT"].inferred_type == "string"
    assert by_name["SVC_DT"].inferred_type == "datetime"


def test_profiles_hold_no_values(demo_frame: pd.DataFrame) -> None:
    dumped = " ".join(p.model_dump_json() for p in classify_columns(demo_frame.head(200)))
    for column in ("patient_name", "mrn", "ssn", "phone", "email", "zip", "city"):
        leaked = [v for v in demo_frame[column].head(200) if v in dumped]
        assert leaked == [], column


def test_scan_column_finds_each_strong_pattern_and_where_it_stands() -> None:
    texts = pd.Series(
        [
            "call back at 617-555-0123 after 5",
            "(617) 555-0199",
            "mail jdoe@example.org re results",
            "SSN 347-65-2935 on file",
            "see https://portal.example.org/x",
            "from host 10.1.2.3",
            "MRN: 40012345 verified",
            None,
            "",
        ]
    )
    scan = scan_column(texts)
    assert scan.counts() == {
        "EMAIL_ADDRESS": 1,
        "PHONE_NUMBER": 2,
        "US_SSN": 1,
        "URL": 1,
        "IP_ADDRESS": 1,
        "MEDICAL_RECORD_NUMBER": 1,
    }
    assert scan.anywhere["PHONE_NUMBER"].tolist()[:2] == [True, True]
    assert scan.whole["PHONE_NUMBER"].tolist()[:2] == [False, True]


def test_scan_column_ignores_clinical_text() -> None:
    clinical = pd.Series(
        [
            "Hgb 13.8 g/dL, Cr 1.35 mg/dL, glucose 145; BP 120/80, HR 72, SpO2 98% RA",
            "LOINC 2345-7 and 718-7 resulted; ICD-10 I50.9, K92.2; CPT 99213",
            "Admitted 2019-01-01, discharged 1/7; follow up in 1-2 weeks",
            "Metoprolol 25 mg PO BID; heparin 5000 units SC q8h; INR 2.1",
            "Order 1234567 placed; WBC 11.2 x10^3/uL; platelets 250",
            "SSN-like 000-12-3456 and 666-12-3456 are never issued",
            "Version 2.5 of the protocol; 3.5-5.1 mmol/L reference",
        ]
    )
    assert scan_column(clinical).counts() == {}
