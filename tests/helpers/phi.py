"""The no-PHI check of a build's outputs: no identifier value of the demo extract appears in any of them.

Used by the demo build test and by the suggested-policy tests, so every policy that claims to
de-identify the demo extract is held to the same check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

IDENTIFIER_COLUMNS = ("patient_name", "mrn", "ssn", "street_address", "phone", "email", "attending_physician")
DATE_COLUMNS = ("date_of_birth", "admission_date", "discharge_date")


def identifier_values(frame: pd.DataFrame, *, dates: bool = True) -> set[str]:
    """Every identifier value of the demo extract (4 characters or more), attending names without their
    title, and (when ``dates``) every date in the layouts the notes and outputs use."""
    values: set[str] = set()
    for column in IDENTIFIER_COLUMNS:
        values.update(v for v in frame[column].dropna() if len(v) >= 4)
    values.update(v.removeprefix("Dr. ") for v in frame["attending_physician"].dropna())
    if dates:
        for column in DATE_COLUMNS:
            parsed = pd.to_datetime(frame[column], errors="coerce").dropna()
            values.update(parsed.dt.strftime("%Y-%m-%d"))
            values.update(parsed.dt.strftime("%m/%d/%Y"))
            values.update(f"{d.month}/{d.day}/{d.year}" for d in parsed)
    return values


def leaked_identifiers(out: Path, values: set[str], *, data: str = "data.parquet") -> dict[str, int]:
    """How many of ``values`` appear in each output of the build in ``out`` (data file as bytes and
    decoded, audit JSON and HTML); only outputs with a leak are listed."""
    path = out / data
    frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, dtype=str)
    haystacks = {
        f"{data} (bytes)": path.read_bytes().decode("latin-1"),
        f"{data} (decoded)": frame.to_csv(index=False),
        "audit.json": (out / "audit.json").read_text(),
        "audit.html": (out / "audit.html").read_text(),
    }
    leaks = {name: sum(occurs(v, text) for v in values) for name, text in haystacks.items()}
    return {name: count for name, count in leaks.items() if count}


# A keyed hash as the `hash` operator writes it: 16 or more hex digits with a letter among them.
_DIGEST = re.compile(r"(?=[0-9a-f]*[a-f])[0-9a-f]{16,}")


def occurs(value: str, text: str) -> bool:
    """Whether ``value`` stands in ``text`` anywhere but inside a keyed-hash digest: an 8-digit MRN is
    found in about one build in twenty inside some other row's 16-hex-digit hash by chance, and a digest
    cannot carry a value (it is one-way)."""
    start = text.find(value)
    while start != -1:
        end = start + len(value)
        digest = next(
            (
                m
                for m in _DIGEST.finditer(text, max(0, start - 64), end + 64)
                if m.start() <= start < end <= m.end()
            ),
            None,
        )
        if digest is None:
            return True
        start = text.find(value, start + 1)
    return False
