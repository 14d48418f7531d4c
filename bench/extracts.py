"""Large synthetic encounter extracts for the scale benchmarks, generated from a seed (never committed).

The columns are the demo extract's (``src/safecohort/data/demo``), so the bundled HIPAA Safe Harbor policy
reads them: 2.5 encounters per patient on average, a patient's name, date of birth, sex, address, ZIP,
phone and identifiers the same in every encounter, ages that match the admission date, stays that match
the dates, valid ICD-10-CM codes (the demo's), and a note per encounter (a short templated note with the
patient's name, a date and a phone; or an empty note for the structured benchmarks, whose policy drops
it). Every value is derived from ``seed`` and the row's position, so ``rows`` rows are the first ``rows``
rows of any longer extract of the same seed: the Spark engine's benchmark reads the same 1 M rows.

    python bench/extracts.py OUT.csv --rows 1000000 [--seed 2026] [--notes]

Written in chunks of :data:`CHUNK` rows (CSV or Parquet by suffix), so generating 5 M rows needs the
memory of one chunk.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

CHUNK = 250_000
SEED = 2026
ENCOUNTERS_PER_PATIENT = 2.5

_FIRST = np.array(
    [
        "James",
        "Mary",
        "Robert",
        "Patricia",
        "John",
        "Jennifer",
        "Michael",
        "Linda",
        "David",
        "Elizabeth",
        "William",
        "Barbara",
        "Richard",
        "Susan",
        "Joseph",
        "Jessica",
        "Thomas",
        "Sarah",
        "Carlos",
        "Maria",
        "Wei",
        "Mei",
        "Ahmed",
        "Fatima",
        "Olga",
        "Ivan",
        "Priya",
        "Raj",
        "Kenji",
        "Yuki",
    ]
)
_LAST = np.array(
    [
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Garcia",
        "Miller",
        "Davis",
        "Rodriguez",
        "Martinez",
        "Hernandez",
        "Lopez",
        "Gonzalez",
        "Wilson",
        "Anderson",
        "Thomas",
        "Taylor",
        "Moore",
        "Jackson",
        "Martin",
        "Lee",
        "Perez",
        "Thompson",
        "White",
        "Harris",
        "Sanchez",
        "Clark",
        "Ramirez",
        "Lewis",
        "Robinson",
        "Walker",
        "Young",
        "Allen",
        "King",
        "Wright",
        "Scott",
        "Torres",
        "Nguyen",
        "Hill",
        "Flores",
    ]
)
_CITIES = np.array(
    [
        "Boston",
        "Quincy",
        "Peabody",
        "Lowell",
        "Worcester",
        "Salem",
        "Lynn",
        "Newton",
        "Framingham",
        "Brockton",
    ]
)
_STREETS = np.array(["Oak", "Maple", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Main"])
_ICD10 = np.array(
    [
        "I50.9",
        "K92.2",
        "J18.9",
        "N17.9",
        "E11.65",
        "I21.4",
        "A41.9",
        "J44.1",
        "I63.9",
        "K85.9",
        "N39.0",
        "E87.1",
        "I48.91",
        "J96.01",
        "K57.32",
        "R55",
        "I10",
        "E86.0",
        "D64.9",
        "K80.20",
        "M54.5",
        "R07.9",
        "S72.001A",
        "F32.9",
        "G40.909",
    ]
)
_ZIP3 = np.array(["017", "018", "019", "021", "022", "024", "010", "011", "013", "014"])
_DOCTORS = np.array([f"Dr. {f} {last}" for f, last in zip(_FIRST[:20], _LAST[20:40], strict=True)])
_NOTE = (
    "{name} is a {age}-year-old admitted on {date} with {reason}. Contact {phone}. "
    "Follow up with {doctor} in 1-2 weeks."
)
_REASONS = np.array(["chest pain", "shortness of breath", "fever", "abdominal pain", "a fall", "syncope"])
_EPOCH = np.datetime64("2019-01-01")
_DAYS = 6 * 365


def _patient_attributes(patients: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """Per patient (by number), attributes that never change: drawn from a generator keyed on the
    patient, so any chunk derives the same values for the same patient."""
    # Vectorised per patient: a keyed mix of the patient number, not one generator per patient.
    mixed = (patients.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(seed)) & np.uint64(
        (1 << 63) - 1
    )
    draws = [(mixed >> np.uint64(shift)) for shift in (0, 7, 13, 19, 29, 37, 43)]
    return {
        "first": _FIRST[(draws[0] % np.uint64(len(_FIRST))).astype(int)],
        "last": _LAST[(draws[1] % np.uint64(len(_LAST))).astype(int)],
        "born": (draws[2] % np.uint64(90 * 365)).astype(np.int64),  # days before 2019-01-01 (0-90 years)
        "sex": np.array(["F", "M"])[(draws[3] % np.uint64(2)).astype(int)],
        "zip": (draws[4] % np.uint64(len(_ZIP3))).astype(int),
        "zip_tail": (draws[5] % np.uint64(100)).astype(int),
        "street": (draws[6] % np.uint64(10_000)).astype(int),
    }


def encounters(rows: int, seed: int = SEED, *, notes: bool = False) -> Iterator[pd.DataFrame]:
    """The extract's rows in chunks of :data:`CHUNK` (index: row positions), every cell text as in a CSV."""
    patients_total = max(1, int(rows / ENCOUNTERS_PER_PATIENT))
    for start in range(0, rows, CHUNK):
        stop = min(rows, start + CHUNK)
        position = np.arange(start, stop, dtype=np.int64)
        rng = np.random.default_rng([seed, start])
        patient = rng.integers(0, patients_total, len(position))
        who = _patient_attributes(patient, seed)
        admitted = _EPOCH + rng.integers(0, _DAYS, len(position)).astype("timedelta64[D]")
        stay = rng.integers(0, 15, len(position))
        discharged = admitted + stay.astype("timedelta64[D]")
        born = _EPOCH - who["born"].astype("timedelta64[D]")
        age_days = (admitted - born).astype(np.int64)
        age = np.floor(age_days / 365.2425).astype(int)
        born_text = pd.Series(born).dt.strftime("%Y-%m-%d")
        admitted_text = pd.Series(admitted).dt.strftime("%Y-%m-%d")
        name = pd.Series(who["first"]) + " " + pd.Series(who["last"])
        zips = pd.Series(_ZIP3[who["zip"]]) + pd.Series(who["zip_tail"]).map("{:02d}".format)
        phone = pd.Series(patient % 10_000).map("(617) 555-{:04d}".format)
        frame = pd.DataFrame(
            {
                "encounter_id": pd.Series(position + 1).map("E{:09d}".format),
                "patient_id": pd.Series(patient).map("P{:08d}".format),
                "patient_name": name,
                "mrn": pd.Series(patient + 10_000_000).astype(str),
                "ssn": pd.Series(patient % 1_000_000).map(
                    lambda n: f"{100 + n // 10_000:03d}-{n // 100 % 100:02d}-{n % 100 + 1000:04d}"
                ),
                "date_of_birth": born_text,
                "street_address": pd.Series(who["street"]).astype(str)
                + " "
                + _STREETS[who["street"] % 10]
                + " St",
                "city": _CITIES[who["zip"]],
                "zip": zips,
                "phone": phone,
                "email": (pd.Series(who["first"]).str.lower() + "." + pd.Series(who["last"]).str.lower())
                + "@example.org",
                "admission_date": admitted_text,
                "discharge_date": pd.Series(discharged).dt.strftime("%Y-%m-%d"),
                "attending_physician": _DOCTORS[patient % len(_DOCTORS)],
                "age": age.astype(str),
                "sex": who["sex"],
                "diagnosis_code": _ICD10[rng.integers(0, len(_ICD10), len(position))],
                "hemoglobin": np.round(rng.normal(12.5, 2.0, len(position)).clip(4, 20), 1).astype(str),
                "creatinine": np.round(rng.lognormal(0.0, 0.35, len(position)).clip(0.2, 15), 2).astype(str),
                "glucose": rng.integers(60, 400, len(position)).astype(str),
                "systolic_bp": rng.integers(70, 200, len(position)).astype(str),
                "length_of_stay": stay.astype(str),
                "note": "",
                "readmitted_30d": (rng.random(len(position)) < 0.15 + 0.02 * stay).astype(int).astype(str),
            }
        ).set_axis(pd.RangeIndex(start, stop))
        if notes:
            reason = _REASONS[rng.integers(0, len(_REASONS), len(position))]
            frame["note"] = [  # a list: assigned by position
                _NOTE.format(name=n, age=a, date=d, reason=r, phone=p, doctor=doc)
                for n, a, d, r, p, doc in zip(
                    name, age, admitted_text, reason, phone, frame["attending_physician"], strict=True
                )
            ]
        yield frame


def write_encounters(path: str | Path, rows: int, seed: int = SEED, *, notes: bool = False) -> Path:
    """Write ``rows`` generated encounters to ``path`` (CSV or Parquet by suffix), chunk by chunk."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    writer: pq.ParquetWriter | None = None
    with target.open("w", encoding="utf-8") if target.suffix == ".csv" else open(target, "wb") as handle:
        for number, chunk in enumerate(encounters(rows, seed, notes=notes)):
            if target.suffix == ".csv":
                chunk.to_csv(handle, header=number == 0, index=False, lineterminator="\n")
            else:
                table = pa.Table.from_pandas(chunk, preserve_index=False)
                writer = writer or pq.ParquetWriter(handle, table.schema, compression="zstd")
                writer.write_table(table)
        if writer is not None:
            writer.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="CSV or Parquet file to write")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--notes", action="store_true", help="a templated clinical note per encounter")
    args = parser.parse_args()
    print(write_encounters(args.out, args.rows, args.seed, notes=args.notes))


if __name__ == "__main__":
    main()
