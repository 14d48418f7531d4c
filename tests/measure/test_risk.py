"""k-anonymity, prosecutor risk and local suppression on hand-made frames with known classes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecohort.errors import SchemaError
from safecohort.measure.risk import HIGH_RISK, RiskReport, enforce_k, k_anonymity


def _classes_of(sizes: list[int]) -> pd.DataFrame:
    """A frame whose (band, sex) classes have the given sizes, plus a non-QI column."""
    rows = [
        (f"{10 * i}-{10 * i + 9}", "F" if i % 2 else "M") for i, size in enumerate(sizes) for _ in range(size)
    ]
    frame = pd.DataFrame(rows, columns=["band", "sex"])
    frame["lab"] = np.arange(len(frame), dtype=float)
    return frame


EXPECTED_FIELDS = (
    "quasi_identifiers",
    "rows",
    "k",
    "k_threshold",
    "equivalence_classes",
    "records_below_threshold",
    "prosecutor_risk_max",
    "prosecutor_risk_avg",
    "records_at_high_risk",
    "suppressed",
)


def test_known_classes_give_known_k_and_risk() -> None:
    frame = _classes_of([2, 3, 5])
    report = k_anonymity(frame, ["band", "sex"], k_threshold=3)
    assert report.model_dump(include=set(EXPECTED_FIELDS)) == RiskReport(
        quasi_identifiers=["band", "sex"],
        rows=10,
        k=2,
        k_threshold=3,
        equivalence_classes=3,
        records_below_threshold=2,
        prosecutor_risk_max=0.5,
        prosecutor_risk_avg=0.3,
        records_at_high_risk=5,  # classes of 2 and 3 (risk 1/2, 1/3 > 0.2); the class of 5 is at 0.2
        suppressed=0,
    ).model_dump(include=set(EXPECTED_FIELDS))
    assert report.high_risk_threshold == HIGH_RISK


def test_a_non_qi_column_does_not_split_classes() -> None:
    assert k_anonymity(_classes_of([4, 4]), ["band"]).k == 4


def test_null_is_a_value_of_its_own() -> None:
    frame = pd.DataFrame(
        {"zip3": ["021", "021", None, None, None, np.nan], "sex": ["F", "F", "F", "F", "M", "M"]}
    )
    report = k_anonymity(frame, ["zip3", "sex"])
    # (021,F) x2, (null,F) x2, (null,M) x2: None and NaN are the same missing value.
    assert (report.k, report.equivalence_classes, report.rows) == (2, 3, 6)


def test_unused_categories_make_no_empty_class() -> None:
    frame = pd.DataFrame({"sex": pd.Categorical(["F", "F", "M", "M"], categories=["F", "M", "U"])})
    report = k_anonymity(frame, ["sex"])
    assert (report.k, report.equivalence_classes) == (2, 2)


def test_no_rows_gives_k_zero_and_says_so() -> None:
    report = k_anonymity(_classes_of([3]).iloc[:0], ["band", "sex"], k_threshold=5)
    assert (report.rows, report.k, report.equivalence_classes, report.records_at_high_risk) == (0, 0, 0, 0)
    assert report.note is not None and "no rows" in report.note


def test_no_quasi_identifiers_makes_one_class() -> None:
    report = k_anonymity(_classes_of([2, 3]), [], k_threshold=3)
    assert (report.k, report.equivalence_classes, report.records_below_threshold) == (5, 1, 0)
    assert report.prosecutor_risk_max == pytest.approx(0.2)
    assert report.note is not None and "no quasi-identifiers" in report.note


def test_absent_qi_column_is_a_schema_error_naming_it() -> None:
    with pytest.raises(SchemaError, match="'zip3'"):
        k_anonymity(_classes_of([2]), ["band", "zip3"])


def test_enforce_k_removes_exactly_the_small_classes() -> None:
    frame = _classes_of([1, 2, 3, 5]).set_axis([f"r{i}" for i in range(11)])
    kept, removed = enforce_k(frame, ["band", "sex"], 3)
    assert list(removed) == ["r0", "r1", "r2"]
    assert list(kept.index) == [f"r{i}" for i in range(3, 11)]
    assert k_anonymity(kept, ["band", "sex"]).k == 3
    pd.testing.assert_frame_equal(kept, frame.loc[kept.index])


def test_enforce_k_of_one_keeps_everything_and_rejects_zero() -> None:
    frame = _classes_of([1, 2])
    kept, removed = enforce_k(frame, ["band"], 1)
    assert len(kept) == 3 and removed.empty
    with pytest.raises(ValueError, match="at least 1"):
        enforce_k(frame, ["band"], 0)


def test_enforce_k_without_qis_removes_all_when_too_few_rows() -> None:
    kept, removed = enforce_k(_classes_of([2]), [], 3)
    assert kept.empty and len(removed) == 2


def test_large_frame_is_measured_quickly() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"age": rng.integers(0, 100, 1_000_000), "zip3": rng.integers(0, 50, 1_000_000)})
    report = k_anonymity(frame, ["age", "zip3"], k_threshold=5)
    assert report.equivalence_classes == 5000
    assert report.k >= 100


qi_values = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["a", "b"]))


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(qi_values, st.integers(0, 2)), max_size=40),
    k=st.integers(1, 6),
    use_qis=st.booleans(),
)
def test_enforce_k_leaves_k_anonymous_data_and_conserves_rows(
    rows: list[tuple[object, int]], k: int, use_qis: bool
) -> None:
    frame = pd.DataFrame(rows, columns=["q1", "q2"], dtype=object)
    frame.index = pd.Index([f"row{i}" for i in range(len(frame))])
    qis = ["q1", "q2"] if use_qis else []
    kept, removed = enforce_k(frame, qis, k)
    assert len(kept) + len(removed) == len(frame)
    assert set(kept.index).isdisjoint(removed) and set(kept.index) | set(removed) == set(frame.index)
    after = k_anonymity(kept, qis, k_threshold=k)
    assert after.rows == 0 or after.k >= k
    assert after.records_below_threshold == 0
    before = k_anonymity(frame, qis, k_threshold=k)
    assert len(removed) == before.records_below_threshold
