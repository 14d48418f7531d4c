"""k-anonymity, prosecutor risk and local suppression on hand-made frames with known classes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecohort.errors import SchemaError
from safecohort.measure.risk import (
    HIGH_RISK,
    RiskReport,
    enforce_k,
    k_anonymity,
    measure_risk,
    zayatz_uniques,
)


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


# ---------------------------------------------------------------------------------------------------------
# The models of issue 17, each on a table small enough to compute by hand.


def _two_classes() -> pd.DataFrame:
    """Class A: 4 rows (dx x, x, y, z; lab 1, 1, 2, 3); class B: 2 rows (dx x, x; lab 1, 1)."""
    return pd.DataFrame(
        {
            "band": ["A", "A", "A", "A", "B", "B"],
            "dx": ["x", "x", "y", "z", "x", "x"],
            "lab": [1.0, 1.0, 2.0, 3.0, 1.0, 1.0],
        }
    )


def test_l_diversity_distinct_and_entropy_by_hand() -> None:
    report = measure_risk(_two_classes(), ["band"], sensitive=["dx"], l_threshold=2)
    dx = report.sensitive[0]
    # A holds 3 distinct values, B one: distinct l = 1. Entropy of A: 0.5 ln 2 + 2 * 0.25 ln 4 = 1.5 ln 2,
    # exp = 2 ** 1.5; of B: 0, exp = 1; the table's entropy l is the smaller.
    assert dx.distinct_l == 1
    assert dx.entropy_l == pytest.approx(1.0)
    frame = _two_classes().assign(band="A")  # one class of all six: x 4, y 1, z 1
    one = measure_risk(frame, ["band"], sensitive=["dx"]).sensitive[0]
    assert one.distinct_l == 3
    p = np.array([4, 1, 1]) / 6
    assert one.entropy_l == pytest.approx(float(np.exp(-(p * np.log(p)).sum())))
    only_a = measure_risk(_two_classes().head(4), ["band"], sensitive=["dx"]).sensitive[0]
    assert only_a.entropy_l == pytest.approx(2**1.5)


def test_t_closeness_equal_distance_for_categories_ordered_for_numbers() -> None:
    report = measure_risk(_two_classes(), ["band"], sensitive=["dx", "lab"])
    dx, lab = report.sensitive
    # Whole table: x 4/6, y 1/6, z 1/6. B = (1, 0, 0): half of |1 - 4/6| + 1/6 + 1/6 = 1/3;
    # A = (1/2, 1/4, 1/4): half of 1/6 + 1/12 + 1/12 = 1/6. t is the larger.
    assert (dx.t_distance, dx.t) == ("equal", pytest.approx(1 / 3))
    # Ordered over 1 < 2 < 3: B's cumulative differences 1/3, 1/6, 0 sum to 1/2, over m - 1 = 2: 1/4;
    # A's: -1/6, -1/12, 0: 1/8.
    assert (lab.t_distance, lab.t) == ("ordered", pytest.approx(0.25))
    # Against a reference distribution: class A alone is the whole of its own table (t = 0), but 1/6
    # from the two-class table it was drawn from.
    alone = _two_classes().head(4)
    assert measure_risk(alone, ["band"], sensitive=["dx"]).sensitive[0].t == pytest.approx(0.0)
    against = measure_risk(alone, ["band"], sensitive=["dx"], reference=_two_classes())
    assert against.sensitive[0].t == pytest.approx(1 / 6)


def test_prosecutor_journalist_marketer_by_hand() -> None:
    frame = _two_classes()
    sample = measure_risk(frame, ["band"], threshold=0.3)
    assert (sample.prosecutor_risk_max, sample.prosecutor_risk_avg) == (0.5, pytest.approx(2 / 6))
    # Without a population the data are the population: journalist = prosecutor (the worst case).
    assert sample.population_source == "sample" and sample.journalist_risk_max == 0.5
    assert sample.records_at_high_risk == 2  # B's two rows at 1/2 > 0.3; A's at 1/4 are not
    assert measure_risk(frame, ["band"], threshold=0.2).records_at_high_risk == 6
    # A population of 60: pi = 0.1, each class stands for f / pi people: journalist max = 0.1 / 2,
    # marketer = classes * pi / rows = 2 * 0.1 / 6.
    sized = measure_risk(frame, ["band"], population=60)
    assert sized.population_source == "size" and sized.population == 60
    assert sized.journalist_risk_max == pytest.approx(0.05)
    assert sized.marketer_risk == pytest.approx(2 * 0.1 / 6)
    # A population table: A has 10 people, B 4 (and 20 in a class the sample lacks): journalist 1/4,
    # marketer (4/10 + 2/4) / 6.
    table = pd.DataFrame({"band": ["A"] * 10 + ["B"] * 4 + ["C"] * 20})
    linked = measure_risk(frame, ["band"], population_table=table)
    assert linked.population_source == "table" and linked.population == 34
    assert linked.journalist_risk_max == pytest.approx(0.25)
    assert linked.marketer_risk == pytest.approx((4 / 10 + 2 / 4) / 6)


def test_class_size_histogram() -> None:
    report = measure_risk(_two_classes(), ["band"])
    filled = [(b.low, b.high, b.classes, b.records) for b in report.class_sizes if b.classes]
    assert filled == [(2, 2, 1, 2), (4, 4, 1, 4)]
    assert sum(b.records for b in report.class_sizes) == report.rows


def test_zayatz_population_uniques_by_hand() -> None:
    # Classes of 1, 1, 3 (n = 5) from N = 10 (pi = 0.5). P(X = 1 | K = 1) = 5/10; P(X = 1 | K = 3) =
    # 3 C(7, 4) / C(10, 5) = 105/252. Shares 2/3, 1/3: posterior = (2/3 * 1/2) / (2/3 * 1/2 + 1/3 *
    # 105/252) = 12/17; population uniques = 2 * 12/17 / 0.5 = 48/17.
    assert zayatz_uniques(np.array([1, 1, 3]), 10) == pytest.approx(48 / 17)
    assert zayatz_uniques(np.array([2, 3]), 100) == 0.0  # no sample unique: no population unique
    assert zayatz_uniques(np.array([1, 1, 3]), 5) == 2.0  # the data are the population
    frame = pd.DataFrame({"band": ["a", "b", "c", "c", "c"]})
    report = measure_risk(frame, ["band"], population=10)
    assert report.sample_uniques == 2
    assert report.population_uniques == pytest.approx(48 / 17)
    assert report.population_uniqueness == pytest.approx(48 / 170)
