"""Hierarchies and the lattice search: levels by hand, the optimum against an exhaustive search, failure."""

from __future__ import annotations

import itertools
import textwrap

import numpy as np
import pandas as pd
import pytest

from conftest import shared_path
from safecohort.errors import SchemaError
from safecohort.measure.generalize import enforce_thresholds, level_values, search_lattice
from safecohort.measure.risk import measure_risk
from safecohort.policy import (
    CategoryHierarchy,
    DateHierarchy,
    IntervalHierarchy,
    ZipHierarchy,
    parse_policy,
)


def _levels(values: list[object], hierarchy: object) -> list[list[object]]:
    return [list(s) for s in level_values(pd.Series(values, name="c"), hierarchy)]  # type: ignore[arg-type]


def test_age_bands_cap_at_90_and_keep_nulls() -> None:
    hierarchy = IntervalHierarchy(kind="age", levels=[1, 5, 20, "*"])
    assert _levels([3, 44, 89, 93, None], hierarchy) == [
        ["3", "44", "89", "90+", None],
        ["0-4", "40-44", "85-89", "90+", None],
        ["0-19", "40-59", "80-89", "90+", None],  # the band below the cap stops at 89
        ["*", "*", "*", "*", "*"],
    ]


def test_age_from_a_date_of_birth_at_the_reference_date() -> None:
    hierarchy = IntervalHierarchy(kind="age", levels=[1, 10], reference_date="2020-06-15")
    born = pd.to_datetime(pd.Series(["2000-06-15", "2000-06-16", "1925-01-01"]))
    ages = level_values(born.rename("dob"), hierarchy)
    # Born on the reference day: 20; a day later: still 19; over 89 at the date: 90+.
    assert list(ages[0]) == ["20", "19", "90+"]
    assert list(ages[1]) == ["20-29", "10-19", "90+"]


def test_zip_levels_restrict_small_prefixes_and_name_the_state() -> None:
    hierarchy = ZipHierarchy(kind="zip", levels=["zip5", "zip3", "state", "*"])
    assert _levels(["02139", "03601", "94110-1234", None], hierarchy) == [
        ["02139", "03601", "94110", None],
        ["021", "000", "941", None],  # 036 is one of HIPAA's restricted prefixes
        ["MA", "NH", "CA", None],
        ["*", "*", "*", "*"],
    ]
    with pytest.raises(SchemaError, match="not US ZIP codes") as caught:
        level_values(pd.Series(["021"], name="zip"), hierarchy)
    assert "021'" not in str(caught.value)


def test_date_and_category_levels() -> None:
    dates = DateHierarchy(kind="date", levels=["month", "quarter", "year"])
    assert _levels(["2019-02-03", "2019-11-30"], dates) == [
        ["2019-02", "2019-11"],
        ["2019-Q1", "2019-Q4"],
        ["2019", "2019"],
    ]
    race = CategoryHierarchy(kind="category", levels=[{"asian": "other", "black": "other"}, "*"])
    assert _levels(["white", "asian", "black"], race) == [
        ["white", "asian", "black"],
        ["white", "other", "other"],
        ["*", "*", "*"],
    ]


def _population(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "age": rng.integers(18, 95, rows),
            "zip": rng.choice(["02139", "02140", "02141", "01001", "01002", "03301"], rows),
            "sex": rng.choice(["F", "M"], rows),
            "dx": rng.choice(["a", "b", "c", "d"], rows, p=[0.7, 0.1, 0.1, 0.1]),
            "lab": rng.normal(size=rows),
        }
    )


HIERARCHIES = {
    "age": IntervalHierarchy(kind="age", levels=[1, 5, 10, 20, "*"]),
    "zip": ZipHierarchy(kind="zip", levels=["zip5", "zip3", "state", "*"]),
    "sex": CategoryHierarchy(kind="category", levels=["*"]),
}


def _exhaustive(frame: pd.DataFrame, k: int, budget: int) -> float:
    """The least loss over every node, by brute force: the same lattice, evaluated row by row."""
    levels = {c: level_values(frame[c], h) for c, h in HIERARCHIES.items()}
    best = np.inf
    for node in itertools.product(*(range(len(v)) for v in levels.values())):
        view = pd.DataFrame({c: levels[c][i] for c, i in zip(levels, node, strict=True)}).fillna("<null>")
        size = view.groupby(list(view.columns))[view.columns[0]].transform("size").to_numpy()
        bad = size < k
        if bad.sum() > budget:
            continue
        loss = []
        for column, level in zip(levels, node, strict=True):
            finest = levels[column][0].fillna("<null>")
            coarse = levels[column][level].fillna("<null>")
            leaves = finest.groupby(coarse).transform("nunique").to_numpy()
            loss.append((leaves - 1) / (finest.nunique() - 1))
        per_row = np.where(bad, 1.0, np.mean(loss, axis=0))
        best = min(best, per_row.mean())
    return best


@pytest.mark.parametrize(("rows", "k", "suppression"), [(300, 5, 0.05), (300, 10, 0.0), (120, 3, 0.1)])
def test_search_finds_the_exhaustive_optimum(rows: int, k: int, suppression: float) -> None:
    frame = _population(rows, seed=rows + k)
    found = search_lattice(frame, ["age", "zip", "sex"], HIERARCHIES, k=k, max_suppression=suppression)
    report = found.report
    assert report.feasible
    assert report.loss == pytest.approx(_exhaustive(frame, k, int(suppression * rows)), abs=1e-6)
    assert report.nodes_evaluated <= report.lattice_nodes == 5 * 4 * 2
    # The generalised columns and the suppressed rows meet k, and the report counts them.
    view = pd.DataFrame(found.columns)[~found.suppressed]
    assert measure_risk(view, ["age", "zip", "sex"]).k >= k
    assert report.suppressed == int(found.suppressed.sum()) <= report.max_suppressed


def test_no_feasible_level_names_the_quasi_identifiers_that_drive_it() -> None:
    frame = _population(200, seed=3)
    frame["mrn"] = [f"M{i}" for i in range(200)]  # unique per row, no hierarchy: nothing can merge it
    found = search_lattice(frame, ["age", "zip", "mrn"], HIERARCHIES, k=5, max_suppression=0.05)
    report = found.report
    assert not report.feasible and report.loss is None and not found.columns
    assert not found.suppressed.any()
    assert report.detail is not None and "at most 10 of 200 rows" in report.detail
    assert report.nodes_evaluated == 1  # the top node alone proves it
    # Without mrn nothing would be suppressed; without either of the others every row still would.
    assert report.drivers == {"mrn": 0, "age": 200, "zip": 200}
    assert next(iter(report.drivers)) == "mrn"  # most driving first


def test_l_diversity_and_t_closeness_are_met_by_the_chosen_levels() -> None:
    frame = _population(400, seed=9)
    found = search_lattice(
        frame, ["age", "zip", "sex"], HIERARCHIES, k=2, max_suppression=0.05, sensitive=["dx"], l=3, t=0.3
    )
    assert found.report.feasible
    kept = pd.DataFrame(found.columns).assign(dx=frame["dx"])[~found.suppressed]
    # t is measured against the whole input's distribution, as in the search (and the build).
    risk = measure_risk(kept, ["age", "zip", "sex"], sensitive=["dx"], reference=frame)
    assert risk.sensitive[0].distinct_l >= 3 and risk.sensitive[0].t <= 0.3
    assert risk.k >= 2


def test_enforcement_reads_a_hierarchy_qi_before_the_transform_and_honours_fail() -> None:
    policy = parse_policy(
        textwrap.dedent(
            """
            institution: t
            columns:
              age: {type: int, phi: age}
              sex: {type: category}
            quasi_identifiers: [age, sex]
            hierarchies:
              age: {kind: age, levels: [1, 10, "*"]}
            thresholds: {k: 3, on_k_violation: fail}
            """
        )
    )
    assert policy.action_for("age").operator == "suppress"  # what a transform alone writes: nothing
    valid = pd.DataFrame({"age": [31, 35, 38, 52, 55, 57, 71], "sex": ["F"] * 7})
    safe = valid.assign(age=None)
    found = enforce_thresholds(valid, safe, policy)
    # No suppression allowed (fail): the 70s row needs every age merged.
    assert found.report.levels == {"age": "*", "sex": "as is"}
    assert found.report.max_suppressed == 0 and not found.suppressed.any()


def test_synthea_patients_k5_keeps_at_least_90_percent() -> None:
    """Synthea's patients over age (from BIRTHDATE at 2020-01-01), gender, ZIP and race at k = 5."""
    patients = pd.read_csv(shared_path("data", "synthea", "patients.csv"), dtype=str)
    hierarchies = {
        "BIRTHDATE": IntervalHierarchy(kind="age", levels=[1, 5, 10, 20, "*"], reference_date="2020-01-01"),
        "GENDER": CategoryHierarchy(kind="category", levels=["*"]),
        "ZIP": ZipHierarchy(kind="zip", levels=["zip5", "zip3", "state", "*"]),
        "RACE": CategoryHierarchy(
            kind="category",
            levels=[{"black": "other", "asian": "other", "hawaiian": "other", "native": "other"}, "*"],
        ),
    }
    qis = ["BIRTHDATE", "GENDER", "ZIP", "RACE"]
    found = search_lattice(patients, qis, hierarchies, k=5, max_suppression=0.05)
    report = found.report
    assert report.feasible and report.loss is not None
    assert len(patients) - report.suppressed >= 0.9 * len(patients)
    assert set(report.levels) == set(qis)
    kept = pd.DataFrame(found.columns)[~found.suppressed]
    assert measure_risk(kept, qis).k >= 5


@pytest.mark.parametrize(("rows", "k", "suppression"), [(400, 5, 0.05), (300, 10, 0.0)])
def test_search_on_weighted_classes_answers_as_on_the_rows(rows: int, k: int, suppression: float) -> None:
    # A streaming build searches the table of distinct classes with their row counts (its first pass).
    frame = _population(rows, seed=rows * k)
    on_rows = search_lattice(frame, ["age", "zip", "sex"], HIERARCHIES, k=k, max_suppression=suppression)
    keys = ["age", "zip", "sex"]
    classes = frame.groupby(keys, dropna=False, sort=False).size().rename("rows").reset_index()
    weights = classes.pop("rows").to_numpy()
    on_classes = search_lattice(classes, keys, HIERARCHIES, k=k, max_suppression=suppression, weights=weights)
    assert on_classes.report.model_copy(update={"seconds": 0.0}) == on_rows.report.model_copy(
        update={"seconds": 0.0}
    )
    # Each row's class gets the labels and the suppression its row got.
    generalised = {f"level_{c}": v for c, v in on_classes.columns.items()}
    class_view = classes.assign(**generalised, suppressed=on_classes.suppressed)
    joined = frame.merge(class_view, on=keys, how="left")
    for column, values in on_rows.columns.items():
        assert joined[f"level_{column}"].tolist() == values.tolist()
    assert joined["suppressed"].tolist() == on_rows.suppressed.tolist()
    # and the risk measured on the weighted classes is the risk measured on the rows.
    risk_rows = measure_risk(frame.assign(**on_rows.columns).loc[~on_rows.suppressed, keys], keys)
    kept = ~on_classes.suppressed
    risk_classes = measure_risk(
        classes.assign(**on_classes.columns).loc[kept, keys], keys, weights=weights[kept]
    )
    assert risk_classes == risk_rows
