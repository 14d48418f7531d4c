"""The lattice search on 100,000 rows x 4 quasi-identifiers, and every risk model on 1,000,000 rows.

The table is generated with numpy (seeded): ages 0-104, 5-digit ZIPs drawn from 300 real-looking
prefixes, admission dates over three years and sex. The search gets the hierarchies of a typical policy
(age 1 -> 5 -> 10 -> 20 -> *, ZIP5 -> ZIP3 -> state -> *, day -> month -> quarter -> year -> *, sex ->
*: 5 x 4 x 5 x 2 = 200 nodes) and must meet k = 5 with at most 5% of rows suppressed; the goal is 10 s
(issue 17), judged on CPU time since the machine is shared. The risk models (k and its histogram,
distinct and entropy l, t-closeness ordered and equal, the three risks, Zayatz uniques) run on a million
rows. Both print their figures; docs/benchmarks.md records them. Run by `make bench`.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from safecohort.measure.generalize import search_lattice
from safecohort.measure.risk import measure_risk
from safecohort.policy import CategoryHierarchy, DateHierarchy, IntervalHierarchy, ZipHierarchy

GOAL_SECONDS = 10.0


def _table(rows: int, seed: int = 17) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    prefixes = rng.choice(np.arange(10, 999), 300, replace=False)
    zips = prefixes[rng.integers(0, 300, rows)] * 100 + rng.integers(0, 100, rows)
    return pd.DataFrame(
        {
            "age": rng.integers(0, 105, rows),
            "zip": pd.Series(zips).astype(str).str.zfill(5),
            "admitted": pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 1096, rows), unit="D"),
            "sex": rng.choice(["F", "M"], rows),
            "diagnosis": rng.choice([f"D{i:02d}" for i in range(40)], rows),
            "glucose": rng.normal(110, 25, rows).round(),
        }
    )


@pytest.mark.bench
def test_lattice_search_100k_rows_4_qis_under_10_s() -> None:
    frame = _table(100_000)
    hierarchies = {
        "age": IntervalHierarchy(kind="age", levels=[1, 5, 10, 20, "*"]),
        "zip": ZipHierarchy(kind="zip", levels=["zip5", "zip3", "state", "*"]),
        "admitted": DateHierarchy(kind="date", levels=["day", "month", "quarter", "year", "*"]),
        "sex": CategoryHierarchy(kind="category", levels=["*"]),
    }
    qis = ["age", "zip", "admitted", "sex"]
    wall, cpu = time.perf_counter(), time.process_time()
    found = search_lattice(frame, qis, hierarchies, k=5, max_suppression=0.05)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    report = found.report
    print(
        f"\nlattice search, 100,000 rows x 4 QIs, k=5, <=5% suppressed: {wall:.2f} s wall, {cpu:.2f} s CPU; "
        f"{report.nodes_evaluated} of {report.lattice_nodes} nodes evaluated; levels {report.levels}; "
        f"loss {report.loss}; {report.suppressed} rows suppressed"
    )
    assert report.feasible and report.suppressed <= 5_000
    assert cpu < GOAL_SECONDS


@pytest.mark.bench
def test_every_risk_model_on_a_million_rows() -> None:
    frame = _table(1_000_000)
    frame["age"] = frame["age"] // 10 * 10
    frame["zip"] = frame["zip"].str[:3]
    wall, cpu = time.perf_counter(), time.process_time()
    report = measure_risk(
        frame, ["age", "zip", "sex"], k_threshold=5, sensitive=["diagnosis", "glucose"], population=5_000_000
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"\nrisk models, 1,000,000 rows x 3 QIs, 2 sensitive columns: {wall:.2f} s wall, {cpu:.2f} s CPU; "
        f"k={report.k}, {report.equivalence_classes} classes, t={[s.t for s in report.sensitive]}"
    )
    assert report.rows == 1_000_000 and len(report.sensitive) == 2
    assert cpu < 30
