"""Column classification and the policy draft of a 1,000,000-row x 50-column extract, and the leak check
of a 1,000,000-row text column; times printed, run by `make bench` (see docs/benchmarks.md)."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from safecohort.detect.columns import check_leaks, classify_columns, suggest_policy
from safecohort.policy import parse_policy

ROWS = 1_000_000
# The target: classify 1,000,000 x 50 in under a minute on 2 cores.
CLASSIFY_BUDGET_S = 60.0

_SENTENCES = np.array(
    [
        "Fasting glucose 145 mg/dL, repeat in AM; continue metformin 500 mg BID.",
        "Hgb 13.8 g/dL, Cr 1.35 mg/dL; BP 120/80, HR 72. No acute distress.",
        "Reviewed LOINC 2345-7 result with the team, ICD-10 E11.9; follow up in 2-3 weeks.",
        "Specimen hemolyzed on 2024-03-14, redraw requested and result confirmed.",
        "Patient tolerating diet, ambulating in hallway, pain controlled on oral medication.",
    ],
    dtype=object,
)


def _pool(values: list[str]) -> np.ndarray:
    return np.array(values, dtype=object)


def _extract(rows: int, seed: int = 0) -> pd.DataFrame:
    """50 columns: 10 unique ids, 20 identifier-like columns drawn from pools, 20 clinical columns."""
    rng = np.random.default_rng(seed)

    def draw(pool: np.ndarray) -> np.ndarray:
        return pool[rng.integers(0, len(pool), rows)]

    numbers = pd.Series(np.arange(rows)).astype(str)
    first = _pool(["James", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen"])
    last = _pool(["Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Moore"])
    columns: dict[str, object] = {}
    for i in range(10):
        columns[f"id_{i}_number"] = ("E" + numbers.str.zfill(9)).to_numpy(dtype=object)
    pools = {
        "patient_first_name": first,
        "patient_last_name": last,
        "home_phone": _pool([f"(617) 555-01{i:02d}" for i in range(100)]),
        "email_address": _pool([f"user{i}@example.org" for i in range(1000)]),
        "street_address": _pool([f"{i} Elm Street" for i in range(1, 500)]),
        "zip_code": _pool([f"0{2100 + i}" for i in range(60)]),
        "city": _pool(["Quincy", "Peabody", "Lowell", "Cambridge"]),
        "birth_date": _pool([f"19{50 + i % 50}-0{1 + i % 9}-1{i % 10}" for i in range(2000)]),
        "admit_dt": _pool([f"2021-0{1 + i % 9}-1{i % 10}" for i in range(900)]),
        "ssn": _pool([f"{100 + i}-45-{6000 + i}" for i in range(3000)]),
    }
    for name, pool in pools.items():
        columns[name] = draw(pool)
        columns[f"{name}_2"] = draw(pool)
    clinical = {
        "hemoglobin": _pool([f"{v / 10:.1f}" for v in range(50, 180)]),
        "glucose": _pool([str(v) for v in range(60, 400)]),
        "sex": _pool(["F", "M"]),
        "diagnosis_code": _pool(["I50.9", "E11.9", "J18.9", "K92.2", "N17.9"]),
        "loinc": _pool(["718-7", "2345-7", "2160-0"]),
        "units": _pool(["g/dL", "mg/dL", "mmol/L"]),
        "result_value": _pool([f"{v / 100:.2f}" for v in range(1, 3000)]),
        "claim_amt": _pool([f"{v}.{v % 100:02d}" for v in range(20, 4000)]),
        "abnormal_flag": _pool(["H", "L", "N"]),
        "comments": _SENTENCES,
    }
    for name, pool in clinical.items():
        columns[name] = draw(pool)
        columns[f"{name}_repeat"] = draw(pool)
    frame = pd.DataFrame(columns)
    assert frame.shape == (rows, 50)
    return frame


@pytest.mark.bench
def test_classify_one_million_rows_by_fifty_columns() -> None:
    frame = _extract(ROWS)
    started = time.perf_counter()
    profiles = classify_columns(frame)
    elapsed = time.perf_counter() - started
    phi = sum(p.phi is not None for p in profiles)
    print(f"\nclassify {ROWS:,} x {len(frame.columns)}: {elapsed:.1f} s ({phi} PHI columns)")
    assert {p.name: p.phi for p in profiles}["comments"] == "free_text"
    assert all(p.phi is None for p in profiles if p.name.startswith(("hemoglobin", "loinc", "claim_amt")))
    assert elapsed < CLASSIFY_BUDGET_S


@pytest.mark.bench
def test_suggest_policy_one_million_rows_by_fifty_columns() -> None:
    frame = _extract(ROWS)
    started = time.perf_counter()
    draft = parse_policy(suggest_policy(frame, "hipaa"))
    elapsed = time.perf_counter() - started
    kept = [c for c in draft.columns if draft.action_for(c).operator == "keep"]
    print(f"\nsuggest-policy {ROWS:,} x {len(frame.columns)}: {elapsed:.1f} s ({len(kept)} columns kept)")
    assert not any(c.startswith(("id_", "patient_", "home_phone", "ssn", "street", "birth")) for c in kept)
    assert elapsed < CLASSIFY_BUDGET_S


@pytest.mark.bench
def test_leak_check_one_million_rows_of_text() -> None:
    rng = np.random.default_rng(1)
    comments = _SENTENCES[rng.integers(0, len(_SENTENCES), ROWS)].copy()
    comments[777_777] = "call back at 617-555-0142"
    frame = pd.DataFrame({"comments": comments})
    policy = parse_policy("version: 1\ninstitution: bench\ncolumns:\n  comments: {type: text}\n")
    started = time.perf_counter()
    report = check_leaks(frame, policy)
    elapsed = time.perf_counter() - started
    print(f"\nleak check, {ROWS:,} rows of text, full scan: {elapsed:.2f} s ({ROWS / elapsed:,.0f} rows/s)")
    assert report.columns[0].hits == {"PHONE_NUMBER": 1}
