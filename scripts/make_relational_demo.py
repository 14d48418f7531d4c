"""Generate the bundled relational demo extract (``src/safecohort/data/demo_relational``).

Five synthetic tables of one small hospital, linked by keys: providers, patients, encounters (patient,
provider), labs (encounter only: their patient is the encounter's) and notes (patient, encounter). Names
come from Faker (en_US, seeded); ids, MRNs and dates are random.
Run: ``python scripts/make_relational_demo.py``.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from faker import Faker

OUT = Path(__file__).resolve().parents[1] / "src" / "safecohort" / "data" / "demo_relational"
ZIPS = [("02139", "Cambridge"), ("02138", "Cambridge"), ("01905", "Lynn"), ("02472", "Watertown")]
CODES = ["I10", "E11.9", "J18.9", "N17.9", "I50.9", "K35.80"]
LABS = [("718-7", "g/dL", 9.0, 16.0), ("2160-0", "mg/dL", 0.5, 3.0), ("2345-7", "mg/dL", 70, 250)]


def main() -> None:
    rng = random.Random(16)
    fake = Faker("en_US")
    fake.seed_instance(16)
    providers = [
        {
            "provider_id": f"PR{100 + i}",
            "provider_name": f"Dr. {fake.first_name()} {fake.last_name()}",
            "specialty": rng.choice(["medicine", "surgery", "cardiology"]),
        }
        for i in range(6)
    ]
    patients, encounters, labs, notes = [], [], [], []
    for _ in range(60):
        sex = rng.choice("FM")
        first = fake.first_name_female() if sex == "F" else fake.first_name_male()
        last = fake.last_name()
        born = date(1935, 1, 1) + timedelta(days=rng.randrange(0, 365 * 65))
        zip_code, city = rng.choice(ZIPS)
        patient_id = f"PT-{rng.randrange(10**7, 10**8)}"
        mrn = f"{rng.randrange(10**7, 10**8)}"
        patients.append(
            {
                "patient_id": patient_id,
                "mrn": mrn,
                "first_name": first,
                "last_name": last,
                "birth_date": born.isoformat(),
                "sex": sex,
                "zip": zip_code,
                "city": city,
            }
        )
        admitted = datetime(2019, 1, 1, 8) + timedelta(hours=rng.randrange(0, 24 * 365 * 5))
        for _ in range(rng.randint(1, 3)):
            encounter_id = f"EN-{rng.randrange(10**8, 10**9)}"
            provider = rng.choice(providers)
            discharged = admitted + timedelta(hours=rng.randrange(4, 24 * 9))
            encounters.append(
                {
                    "encounter_id": encounter_id,
                    "patient_id": patient_id,
                    "provider_id": provider["provider_id"],
                    "admitted": admitted.isoformat(),
                    "discharged": discharged.isoformat(),
                    "patient_birth_date": born.isoformat(),
                    "diagnosis_code": rng.choice(CODES),
                }
            )
            for code, unit, low, high in rng.sample(LABS, rng.randint(1, 3)):
                taken = admitted + timedelta(minutes=rng.randrange(30, 600))
                labs.append(
                    {
                        "lab_id": f"LB-{rng.randrange(10**8, 10**9)}",
                        "encounter_id": encounter_id,
                        "taken_at": taken.isoformat(),
                        "loinc": code,
                        "value": round(rng.uniform(low, high), 1),
                        "unit": unit,
                    }
                )
            written = discharged - timedelta(hours=1)
            notes.append(
                {
                    "note_id": f"NT-{rng.randrange(10**8, 10**9)}",
                    "patient_id": patient_id,
                    "encounter_id": encounter_id,
                    "written_at": written.isoformat(),
                    "text": f"{first} {last} (MRN {mrn}) was admitted on {admitted:%m/%d/%Y} and seen by "
                    f"{provider['provider_name']}. Lives in {city}. Discharged home "
                    f"on {discharged:%m/%d/%Y} in stable condition.",
                }
            )
            admitted = discharged + timedelta(days=rng.randrange(10, 400))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in [
        ("providers", providers),
        ("patients", patients),
        ("encounters", encounters),
        ("labs", labs),
        ("notes", notes),
    ]:
        pd.DataFrame(rows).to_csv(OUT / f"{name}.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
