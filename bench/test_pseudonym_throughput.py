"""Pseudonym throughput: FF1 (batched) against FF3-1 (the ``ff3`` package) in one process; `make bench`.

Distinct values per CPU second of this process (``time.process_time``: one core; numpy and OpenSSL run
single-threaded here), for encryption and for reveal, on distinct 8-digit MRNs (every value distinct: the
operator works once per distinct value, so repeated values only cost a lookup) and on a mixed format
(``AB-1234567``: two letters, seven digits, cycle walking). FF3-1 runs on fewer values: it is about a
hundred times slower, and its rate does not depend on the count. The issue's target: FF1 at 300,000 or
more distinct 8-digit MRNs per second.

    .venv/bin/python -m pytest -m bench -p no:cacheprovider bench/test_pseudonym_throughput.py -q -s
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from safecohort.transform.crypto import Keyring, fpe_decrypt_values, fpe_encrypt_values

TARGET = 300_000


def distinct_mrns(count: int, seed: int = 7) -> list[str]:
    numbers = np.random.default_rng(seed).choice(np.arange(10_000_000, 100_000_000), count, replace=False)
    return [f"{n:08d}" for n in numbers.tolist()]


def distinct_mixed(count: int, seed: int = 8) -> list[str]:
    numbers = np.random.default_rng(seed).choice(26 * 26 * 10**7, count, replace=False).tolist()
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"{letters[n // 260_000_000]}{letters[n // 10**7 % 26]}-{n % 10**7:07d}" for n in numbers]


def per_cpu_second(run: object, values: list[str]) -> tuple[float, list[str]]:
    assert callable(run)
    started = time.process_time()
    out = run(values)
    return len(values) / (time.process_time() - started), list(out)


@pytest.mark.bench
def test_ff1_pseudonyms_per_second_against_ff3_1() -> None:
    keyring = Keyring.generate()
    rows = []
    for label, make, counts in (
        ("8-digit MRN", distinct_mrns, {"ff1": 1_000_000, "ff3-1": 20_000}),
        ("AB-1234567", distinct_mixed, {"ff1": 200_000, "ff3-1": 5_000}),
    ):
        for algorithm, count in counts.items():
            values = make(count)
            encrypt_rate, pseudonyms = per_cpu_second(
                lambda v, a=algorithm: fpe_encrypt_values(keyring, "mrn", v, algorithm=a), values
            )
            reveal_rate, revealed = per_cpu_second(
                lambda v, a=algorithm: fpe_decrypt_values(keyring, "mrn", v, algorithm=a), pseudonyms
            )
            assert revealed == values and len(set(pseudonyms)) == count
            rows.append((label, algorithm, count, encrypt_rate, reveal_rate))
    print("\n| format | algorithm | distinct values | pseudonyms/s (CPU) | reveals/s (CPU) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for label, algorithm, count, encrypt_rate, reveal_rate in rows:
        print(f"| {label} | {algorithm.upper()} | {count:,} | {encrypt_rate:,.0f} | {reveal_rate:,.0f} |")
    ff1 = rows[0][3]
    print(f"FF1 / FF3-1 on 8-digit MRNs: {ff1 / rows[1][3]:,.0f}x")
    assert ff1 >= TARGET, f"FF1: {ff1:,.0f} distinct MRNs/s, target {TARGET:,}"
