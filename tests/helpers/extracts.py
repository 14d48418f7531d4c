"""Synthetic extracts for the column-classification tests, with the truth about every column."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from faker import Faker
from stdnum import luhn

#: The PHI kind of each column of the demo extract (None: not PHI).
DEMO_TRUTH: dict[str, str | None] = {
    "encounter_id": "identifier",
    "patient_id": "identifier",
    "patient_name": "name",
    "mrn": "mrn",
    "ssn": "ssn",
    "date_of_birth": "dob",
    "street_address": "address",
    "city": "city",
    "zip": "zip",
    "phone": "phone",
    "email": "email",
    "admission_date": "date",
    "discharge_date": "date",
    "attending_physician": "provider",
    "age": "age",
    "sex": None,
    "diagnosis_code": None,
    "hemoglobin": None,
    "creatinine": None,
    "glucose": None,
    "systolic_bp": None,
    "length_of_stay": None,
    "note": "free_text",
    "readmitted_30d": None,
}

#: The demo extract's columns as three other query writers would name them.
DEMO_RENAMINGS: dict[str, dict[str, str]] = {
    "upper_abbreviated": dict(
        zip(
            DEMO_TRUTH,
            [
                "ENC_ID",
                "PAT_ID",
                "PT_NAME",
                "MRN",
                "SSN",
                "DOB",
                "ADDR1",
                "CITY",
                "ZIP",
                "PHONE_HOME",
                "EMAIL",
                "ADMIT_DT",
                "DISCH_DT",
                "ATTENDING",
                "AGE",
                "SEX",
                "DX_CD",
                "HGB",
                "CREAT",
                "GLU",
                "SBP",
                "LOS",
                "NOTE_TXT",
                "READMIT_30D",
            ],
            strict=True,
        )
    ),
    "camel_case": dict(
        zip(
            DEMO_TRUTH,
            [
                "encounterId",
                "patientId",
                "patientFullName",
                "medicalRecordNumber",
                "socialSecurityNumber",
                "dateOfBirth",
                "streetAddress",
                "homeCity",
                "zipCode",
                "phoneNumber",
                "emailAddress",
                "admissionDate",
                "dischargeDate",
                "attendingPhysician",
                "ageYears",
                "gender",
                "primaryDiagnosisCode",
                "hemoglobinGdl",
                "creatinineMgDl",
                "glucoseMgDl",
                "systolicBloodPressure",
                "lengthOfStayDays",
                "clinicalNote",
                "readmittedWithin30Days",
            ],
            strict=True,
        )
    ),
    "spreadsheet_titles": dict(
        zip(
            DEMO_TRUTH,
            [
                "Encounter Number",
                "Patient Identifier",
                "Name of Patient",
                "Medical Record #",
                "Social Security No.",
                "Birth Date",
                "Home Street",
                "Town",
                "Postal Code",
                "Telephone",
                "E-mail",
                "Date Admitted",
                "Date Discharged",
                "Attending MD",
                "Age (yrs)",
                "Sex",
                "Principal Dx (ICD-10)",
                "Hemoglobin (g/dL)",
                "Creatinine (mg/dL)",
                "Glucose (mg/dL)",
                "Systolic BP (mmHg)",
                "Length of Stay (days)",
                "Progress Note",
                "Readmitted within 30 days",
            ],
            strict=True,
        )
    ),
}

#: The PHI kind of each column of :func:`lab_claims_extract`.
LAB_CLAIMS_TRUTH: dict[str, str | None] = {
    "MBR_ID": "identifier",
    "CLAIM_ID": "identifier",
    "PAT_FIRST_NM": "name",
    "PAT_LAST_NM": "name",
    "BIRTH_DT": "dob",
    "HOME_PHONE": "phone",
    "EMAIL_ADDR": "email",
    "ADDR_LINE_1": "address",
    "CITY_NM": "city",
    "ZIP_CD": "zip",
    "PROVIDER_NPI": "provider",
    "SVC_DT": "date",
    "PT_AGE": "age",
    "GENDER_CD": None,
    "LOINC": None,
    "TEST_NAME": None,
    "RESULT_VALUE": None,
    "UNITS": None,
    "REF_RANGE": None,
    "ABNORMAL_FLAG": None,
    "DX_CODE": None,
    "CLAIM_AMT": None,
    "PAYER_NAME": None,
    "comments": "free_text",
}

_TESTS = (
    ("718-7", "Hemoglobin", "g/dL", "12.0-16.0", 7.0, 18.0),
    ("2345-7", "Glucose", "mg/dL", "70-99", 50.0, 400.0),
    ("2160-0", "Creatinine", "mg/dL", "0.6-1.3", 0.4, 6.0),
    ("2951-2", "Sodium", "mmol/L", "135-145", 120.0, 155.0),
    ("2823-3", "Potassium", "mmol/L", "3.5-5.1", 2.8, 6.5),
    ("4548-4", "Hemoglobin A1c", "%", "4.0-5.6", 4.0, 13.0),
)
_DX = ("E11.9", "I10", "N18.3", "J44.9", "I50.9", "E78.5", "D64.9", "K21.9")
_PAYERS = ("Medicare", "Medicaid", "Blue Cross Blue Shield", "Aetna", "Self-pay", "UnitedHealthcare")
_CITIES = (("Cambridge", "02139"), ("Somerville", "02144"), ("Quincy", "02169"), ("Lowell", "01852"))
_COMMENTS = (
    "Specimen received hemolyzed; repeat draw requested and result confirmed on recollection.",
    "Fasting sample. Value above reference range, provider notified and patient advised to follow up.",
    "Result reviewed with the care team; no change to the current medication plan at this time.",
    "Sample drawn after dialysis session, interpret potassium with caution per lab protocol.",
    "Claim resubmitted with corrected diagnosis pointer after initial denial for missing modifier.",
    "Patient reports good adherence to metformin 500 mg twice daily and a low carbohydrate diet.",
)


def _npi(rng: np.random.Generator) -> str:
    body = f"{rng.integers(1, 3)}{rng.integers(0, 10**8):08d}"
    return body + luhn.calc_check_digit("80840" + body)


def lab_claims_extract(rows: int = 300, seed: int = 7) -> pd.DataFrame:
    """A lab-results and claims extract with other column names and layouts than the demo's: names
    split in two, US-style birth dates, dotted phone numbers, ZIP+4, NPIs, ISO date-times, LOINC codes,
    and a free-text ``comments`` column. Seeded: the same frame on every call. All cells are strings."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = np.random.default_rng(seed)
    members: list[dict[str, Any]] = [
        {
            "MBR_ID": f"M{rng.integers(10**8, 10**9)}",
            "PAT_FIRST_NM": fake.first_name(),
            "PAT_LAST_NM": fake.last_name(),
            "BIRTH_DT": fake.date_of_birth(minimum_age=18, maximum_age=95),
            "HOME_PHONE": f"617.555.01{rng.integers(0, 100):02d}",
            "ADDR_LINE_1": fake.street_address(),
            "CITY": _CITIES[int(rng.integers(len(_CITIES)))],
            "GENDER_CD": str(rng.choice(["F", "M"])),
            "PAYER_NAME": str(rng.choice(_PAYERS)),
        }
        for _ in range(max(rows // 3, 1))
    ]
    providers = [_npi(rng) for _ in range(25)]
    records = []
    for index in range(rows):
        member = members[int(rng.integers(len(members)))]
        loinc, test, units, ref_range, low, high = _TESTS[int(rng.integers(len(_TESTS)))]
        value = rng.uniform(low, high)
        service = pd.Timestamp("2022-01-01") + pd.Timedelta(minutes=int(rng.integers(0, 2 * 365 * 24 * 60)))
        born = member["BIRTH_DT"]
        city, zip_code = member["CITY"]
        first, last = member["PAT_FIRST_NM"], member["PAT_LAST_NM"]
        records.append(
            {
                "MBR_ID": member["MBR_ID"],
                "CLAIM_ID": f"CLM-{index + 10_000_000:010d}",
                "PAT_FIRST_NM": first,
                "PAT_LAST_NM": last,
                "BIRTH_DT": born.strftime("%m/%d/%Y"),
                "HOME_PHONE": member["HOME_PHONE"],
                "EMAIL_ADDR": f"{first}.{last}@example.org".lower(),
                "ADDR_LINE_1": member["ADDR_LINE_1"],
                "CITY_NM": city,
                "ZIP_CD": zip_code if rng.random() < 0.7 else f"{zip_code}-{rng.integers(1000, 10000)}",
                "PROVIDER_NPI": providers[int(rng.integers(len(providers)))],
                "SVC_DT": service.strftime("%Y-%m-%dT%H:%M:%S"),
                "PT_AGE": str(service.year - born.year),
                "GENDER_CD": member["GENDER_CD"],
                "LOINC": loinc,
                "TEST_NAME": test,
                "RESULT_VALUE": f"{value:.1f}",
                "UNITS": units,
                "REF_RANGE": ref_range,
                "ABNORMAL_FLAG": "H" if value > high * 0.8 else "L" if value < low * 1.2 else "N",
                "DX_CODE": str(rng.choice(_DX)),
                "CLAIM_AMT": f"{rng.uniform(20, 4000):.2f}",
                "PAYER_NAME": member["PAYER_NAME"],
                "comments": str(rng.choice(_COMMENTS)),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(LAB_CLAIMS_TRUTH))
    return frame.astype(object)


def confusion(truth: Mapping[str, str | None], predicted: Mapping[str, str | None]) -> pd.DataFrame:
    """Truth kinds (rows) by predicted kinds (columns), counting columns; "-" stands for not PHI."""
    pairs = pd.DataFrame(
        {
            "truth": [truth[c] or "-" for c in truth],
            "predicted": [predicted[c] or "-" for c in truth],
        }
    )
    return pd.crosstab(pairs["truth"], pairs["predicted"])
