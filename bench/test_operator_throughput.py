"""Operator throughput on a 1,000,000-row column (rows/s on one core), printed as a table; `make bench`.

Every registered operator is measured. The keyed text operators run on 1,000,000 distinct 8-digit MRNs
(the worst case: they work once per distinct value), pseudonym with FF1 too. Pseudonym with FF3-1 (kept
for keys from before FF1) and surrogate (Faker) cost tens of microseconds per distinct value, so they run on
1,000,000 rows holding 100,000 distinct values (ten encounters per patient), as the table says. The
targets: encrypt and hash above 200,000 rows/s, pseudonym (FF1) above 300,000.

Rates are rows per CPU second of this process (``time.process_time``), which is what "on one core" means
on a shared machine; wall-clock rates are printed beside them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from safecohort.policy import Action, DateShiftSpec
from safecohort.transform.crypto import Keyring
from safecohort.transform.operators import REGISTRY, OperatorContext, build_operator

ROWS = 1_000_000
TARGETS = {"encrypt": 200_000, "hash": 200_000, "pseudonym (FF1)": 300_000}


def mrns(distinct: int) -> pd.Series:
    return pd.Series([f"{40_000_000 + i % distinct:08d}" for i in range(ROWS)], dtype=object)


def patients(distinct: int) -> pd.Series:
    return pd.Series([f"P{i % distinct:07d}" for i in range(ROWS)], dtype=object)


def numbers(step: float) -> pd.Series:
    return pd.Series(np.arange(ROWS) * step)


def dates() -> pd.Series:
    return pd.Series(pd.Timestamp("2015-01-01") + pd.to_timedelta(np.arange(ROWS) % 3650, unit="D"))


def date_texts() -> pd.Series:
    return pd.Series(dates().dt.strftime("%m/%d/%Y").to_numpy(dtype=object))


# (label, operator, parameters, values, patient ids or None)
Case = tuple[str, str, dict[str, object], Callable[[], pd.Series], Callable[[], pd.Series] | None]
CASES: list[Case] = [
    ("keep", "keep", {}, lambda: mrns(ROWS), None),
    ("drop", "drop", {}, lambda: mrns(ROWS), None),
    ("redact", "redact", {}, lambda: mrns(ROWS), None),
    ("suppress", "suppress", {}, lambda: mrns(ROWS), None),
    ("replace", "replace", {}, lambda: mrns(ROWS), None),
    ("mask", "mask", {}, lambda: mrns(ROWS), None),
    ("hash", "hash", {"length": 16}, lambda: mrns(ROWS), None),
    ("encrypt", "encrypt", {}, lambda: mrns(ROWS), None),
    ("pseudonym (FF1)", "pseudonym", {}, lambda: mrns(ROWS), None),
    ("pseudonym (FF3-1)", "pseudonym", {"algorithm": "ff3-1"}, lambda: mrns(100_000), None),
    ("surrogate name", "surrogate", {"kind": "name"}, lambda: mrns(100_000), lambda: patients(100_000)),
    ("date_shift (datetime)", "date_shift", {}, dates, lambda: patients(100_000)),
    ("date_shift (text)", "date_shift", {}, date_texts, lambda: patients(100_000)),
    ("generalize zip3", "generalize", {"method": "zip3"}, lambda: mrns(99_999).str[3:], None),
    ("generalize age_band", "generalize", {"method": "age_band"}, lambda: numbers(1) % 110, None),
    ("generalize year", "generalize", {"method": "year"}, dates, None),
    ("generalize bucket", "generalize", {"method": "bucket", "width": 5}, lambda: numbers(0.37), None),
]  # fmt: skip


@pytest.mark.bench
def test_every_operator_rows_per_second() -> None:
    assert {operator for _, operator, _, _, _ in CASES} == set(REGISTRY), "bench every registered operator"
    keyring = Keyring.generate()
    rows = []
    for label, operator, params, make_values, make_ids in CASES:
        values = make_values()
        ids = make_ids() if make_ids is not None else None
        context = OperatorContext(domain="mrn", keyring=keyring, patient_ids=ids, date_shift=DateShiftSpec())
        op = build_operator(Action(operator=operator, params=params))
        started, cpu_started = time.perf_counter(), time.process_time()
        out = op.apply(values, context)
        cpu, wall = time.process_time() - cpu_started, time.perf_counter() - started
        assert len(out) == ROWS
        rows.append((label, values.nunique(), ROWS / cpu, ROWS / wall))
    print("\n| operator | distinct values | rows/s (CPU, one core) | rows/s (wall) |")
    print("| --- | ---: | ---: | ---: |")
    for label, distinct, rate, wall_rate in rows:
        print(f"| {label} | {distinct:,} | {rate:,.0f} | {wall_rate:,.0f} |")
    rates = {label: rate for label, _, rate, _ in rows}
    for name, target in TARGETS.items():
        assert rates[name] > target, f"{name}: {rates[name]:,.0f} rows/s, target {target:,}"
