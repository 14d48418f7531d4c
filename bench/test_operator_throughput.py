"""Operator throughput on a 1,000,000-row column (rows/s), printed; run by `make bench`."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from safecohort.policy import Action, DateShiftSpec
from safecohort.transform.crypto import Keyring
from safecohort.transform.operators import OperatorContext, build_operator

ROWS = 1_000_000


@pytest.mark.bench
@pytest.mark.parametrize(
    ("operator", "params"),
    [("hash", {"length": 16}), ("encrypt", {}), ("mask", {}), ("generalize", {"method": "zip3"})],
)
def test_operator_rows_per_second(operator: str, params: dict[str, object]) -> None:
    values = pd.Series([f"{40_000_000 + i:08d}" for i in range(ROWS)])
    if operator == "generalize":
        values = pd.Series([f"{i % 99_999:05d}" for i in range(ROWS)])
    context = OperatorContext(domain="mrn", keyring=Keyring.generate(), date_shift=DateShiftSpec())
    started = time.perf_counter()
    out = build_operator(Action(operator=operator, params=params)).apply(values, context)
    elapsed = time.perf_counter() - started
    assert len(out) == ROWS
    print(f"\n{operator}: {ROWS / elapsed:,.0f} rows/s on one core ({ROWS:,} distinct values)")
