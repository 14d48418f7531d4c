"""Generate the bundled synthetic demo extract, ``src/safecohort/data/demo/encounters.csv``.

Every value is synthetic: names, streets and family members come from Faker (en_US, seeded), phone
numbers use the fictional 555-01xx range, e-mail addresses use the reserved example.* domains, and MRNs
and SSNs are random numbers. Only the ZIP codes, their city names and the ICD-10-CM codes are real.

The output is deterministic: the same seed, Faker version and numpy version give the same bytes on every
run (``tests/test_demo_data.py`` checks this against the committed file). Usage::

    .venv/bin/python scripts/make_demo_data.py [--out PATH]

A handful of deliberately invalid rows (impossible ages, discharge before admission, malformed ICD-10
codes) sit at seeded positions so the validator's quarantine has work; see the README beside the CSV.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from faker import Faker

SEED = 20240917
N_PATIENTS = 2000
N_PHYSICIANS = 60
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "safecohort" / "data" / "demo" / "encounters.csv"

COLUMNS = (
    "encounter_id",
    "patient_id",
    "patient_name",
    "mrn",
    "ssn",
    "date_of_birth",
    "street_address",
    "city",
    "zip",
    "phone",
    "email",
    "admission_date",
    "discharge_date",
    "attending_physician",
    "age",
    "sex",
    "diagnosis_code",
    "hemoglobin",
    "creatinine",
    "glucose",
    "systolic_bp",
    "length_of_stay",
    "note",
    "readmitted_30d",
)

FIRST_ADMISSION = dt.date(2019, 1, 1)
LAST_DATE = dt.date(2024, 12, 31)

# Real Massachusetts ZIP codes and their cities, grouped by ZIP3. Patients pick a ZIP3 uniformly, then a
# ZIP within it, so every ZIP3 holds about a sixth of the rows and (10-year age band, sex, ZIP3) classes
# stay large enough for k-anonymity after generalisation. None of these ZIP3s is on HIPAA's restricted list.
ZIPS_BY_ZIP3: dict[str, tuple[tuple[str, str], ...]] = {
    "021": (
        ("02108", "Boston"),
        ("02118", "Boston"),
        ("02124", "Dorchester"),
        ("02130", "Jamaica Plain"),
        ("02138", "Cambridge"),
        ("02143", "Somerville"),
        ("02155", "Medford"),
        ("02169", "Quincy"),
    ),
    "022": (("02210", "Boston"), ("02215", "Boston")),
    "017": (
        ("01701", "Framingham"),
        ("01720", "Acton"),
        ("01730", "Bedford"),
        ("01742", "Concord"),
        ("01752", "Marlborough"),
        ("01760", "Natick"),
        ("01776", "Sudbury"),
        ("01778", "Wayland"),
    ),
    "018": (
        ("01801", "Woburn"),
        ("01803", "Burlington"),
        ("01810", "Andover"),
        ("01821", "Billerica"),
        ("01824", "Chelmsford"),
        ("01843", "Lawrence"),
        ("01852", "Lowell"),
        ("01867", "Reading"),
    ),
    "019": (
        ("01902", "Lynn"),
        ("01915", "Beverly"),
        ("01923", "Danvers"),
        ("01930", "Gloucester"),
        ("01945", "Marblehead"),
        ("01960", "Peabody"),
        ("01970", "Salem"),
    ),
    "024": (
        ("02420", "Lexington"),
        ("02445", "Brookline"),
        ("02451", "Waltham"),
        ("02458", "Newton"),
        ("02472", "Watertown"),
        ("02474", "Arlington"),
        ("02478", "Belmont"),
        ("02492", "Needham"),
    ),
}
AREA_CODES = ("617", "857", "781", "339", "978", "351", "508", "774")
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

# Fictional hospitals (none is a real Massachusetts institution).
HOSPITALS = (
    "St. Elsewhere Medical Center",
    "Brookline General Hospital",
    "Mystic Valley Medical Center",
    "Charles River Community Hospital",
    "Merrimack Valley General Hospital",
    "Minuteman Regional Medical Center",
    "Fells Memorial Hospital",
    "Quarry Hills Hospital",
    "Saugus River Medical Center",
    "Sudbury Valley Hospital",
)


@dataclass(frozen=True)
class Diagnosis:
    """An ICD-10-CM code with what the generator needs: group, wording, lab shifts, typical stay."""

    code: str
    group: str
    label: str
    presentations: tuple[str, ...]
    courses: tuple[str, ...]
    weight: float
    hgb_shift: float = 0.0
    cr_factor: float = 1.0
    glucose_mean: float = 108.0
    sbp_shift: float = 0.0
    los_mean: float = 3.5


DIAGNOSES: tuple[Diagnosis, ...] = (
    Diagnosis(
        "I50.9",
        "heart_failure",
        "heart failure",
        ("worsening dyspnea on exertion and bilateral leg edema", "orthopnea and a 4 kg weight gain"),
        ("was diuresed with IV furosemide", "diuresed to dry weight and resumed home carvedilol"),
        8,
        hgb_shift=-0.8,
        cr_factor=1.35,
        sbp_shift=-4,
        los_mean=5.0,
    ),
    Diagnosis(
        "I50.23",
        "heart_failure",
        "acute on chronic systolic heart failure",
        ("paroxysmal nocturnal dyspnea and crackles at both bases", "three-pillow orthopnea and JVD"),
        ("was net negative 4 L on a furosemide drip", "was started on sacubitril-valsartan after diuresis"),
        5,
        hgb_shift=-0.9,
        cr_factor=1.45,
        sbp_shift=-8,
        los_mean=5.5,
    ),
    Diagnosis(
        "I11.0",
        "heart_failure",
        "hypertensive heart disease with heart failure",
        ("shortness of breath and a blood pressure of 190/100 at home", "leg swelling and headache"),
        ("had blood pressure controlled and was diuresed", "was titrated on amlodipine and furosemide"),
        3,
        hgb_shift=-0.5,
        cr_factor=1.25,
        sbp_shift=22,
        los_mean=4.0,
    ),
    Diagnosis(
        "J44.1",
        "copd",
        "COPD exacerbation",
        ("increased sputum and wheezing", "worsening shortness of breath despite home nebulizers"),
        ("was treated with prednisone, azithromycin and nebulizers", "needed BiPAP for one night"),
        7,
        glucose_mean=128,
        los_mean=4.5,
    ),
    Diagnosis(
        "J44.0",
        "copd",
        "COPD with acute bronchitis",
        ("productive cough and fever", "purulent sputum and increased oxygen requirement"),
        ("completed a course of doxycycline and steroids", "was weaned back to 2 L nasal cannula"),
        3,
        glucose_mean=124,
        los_mean=4.0,
    ),
    Diagnosis(
        "E11.9",
        "diabetes",
        "type 2 diabetes",
        ("polyuria and fatigue", "poor oral intake and elevated fingersticks"),
        ("was started on basal insulin", "had metformin resumed and received diabetes teaching"),
        5,
        glucose_mean=190,
        los_mean=2.8,
    ),
    Diagnosis(
        "E11.65",
        "diabetes",
        "type 2 diabetes with hyperglycemia",
        ("blood sugars above 400 at home", "polydipsia, polyuria and blurred vision"),
        ("was placed on an insulin sliding scale", "had glucose controlled on a basal-bolus regimen"),
        4,
        glucose_mean=315,
        los_mean=3.0,
    ),
    Diagnosis(
        "N17.9",
        "renal",
        "acute kidney injury",
        ("decreased urine output and nausea", "poor oral intake and dizziness"),
        ("received IV fluids and had nephrotoxins held", "had creatinine trend down with hydration"),
        5,
        hgb_shift=-1.0,
        cr_factor=2.8,
        los_mean=4.5,
    ),
    Diagnosis(
        "N18.4",
        "renal",
        "chronic kidney disease stage 4",
        ("fatigue and rising creatinine on outpatient labs", "edema and hyperkalemia"),
        ("was seen by nephrology and started on a low-potassium diet", "had a fistula evaluation"),
        2,
        hgb_shift=-2.0,
        cr_factor=3.3,
        los_mean=3.5,
    ),
    Diagnosis(
        "I21.4",
        "cardiac",
        "NSTEMI",
        ("substernal chest pressure radiating to the left arm", "chest pain and diaphoresis"),
        ("underwent cardiac catheterization with one drug-eluting stent", "was started on heparin and DAPT"),
        5,
        glucose_mean=138,
        los_mean=3.8,
    ),
    Diagnosis(
        "I48.91",
        "cardiac",
        "atrial fibrillation with rapid ventricular response",
        ("palpitations and lightheadedness", "heart rate in the 150s"),
        ("was rate controlled with diltiazem and started on apixaban", "converted to sinus rhythm"),
        5,
        los_mean=2.8,
    ),
    Diagnosis(
        "J18.9",
        "infection",
        "community-acquired pneumonia",
        ("fever, productive cough and a right lower lobe infiltrate", "cough, chills and pleuritic pain"),
        ("was treated with ceftriaxone and azithromycin", "defervesced on IV antibiotics"),
        7,
        glucose_mean=130,
        los_mean=4.5,
    ),
    Diagnosis(
        "A41.9",
        "infection",
        "sepsis",
        ("fever, rigors and hypotension", "confusion, fever and a lactate of 4.1"),
        ("received a 30 mL/kg fluid bolus and broad-spectrum antibiotics", "required norepinephrine briefly"),
        5,
        hgb_shift=-1.2,
        cr_factor=1.7,
        glucose_mean=150,
        sbp_shift=-30,
        los_mean=7.0,
    ),
    Diagnosis(
        "N39.0",
        "infection",
        "urinary tract infection",
        ("dysuria, frequency and low-grade fever", "new confusion and foul-smelling urine"),
        ("was treated with ceftriaxone, then oral cephalexin", "improved on IV antibiotics"),
        6,
        cr_factor=1.15,
        los_mean=3.0,
    ),
    Diagnosis(
        "K92.2",
        "gi",
        "GI bleed",
        ("melena and lightheadedness", "coffee-ground emesis"),
        ("received two units of packed red cells and underwent EGD", "was started on a pantoprazole drip"),
        5,
        hgb_shift=-5.5,
        sbp_shift=-15,
        los_mean=4.0,
    ),
    Diagnosis(
        "K85.90",
        "gi",
        "acute pancreatitis",
        ("epigastric pain radiating to the back", "nausea, vomiting and a lipase over 1,000"),
        ("was managed with bowel rest, IV fluids and analgesia", "advanced to a low-fat diet"),
        3,
        glucose_mean=150,
        los_mean=4.8,
    ),
    Diagnosis(
        "K35.80",
        "gi",
        "acute appendicitis",
        ("right lower quadrant pain and anorexia", "periumbilical pain migrating to the right"),
        ("underwent laparoscopic appendectomy", "had an uncomplicated laparoscopic appendectomy"),
        3,
        los_mean=1.8,
    ),
    Diagnosis(
        "I63.9",
        "neuro",
        "ischemic stroke",
        ("acute left-sided weakness and slurred speech", "word-finding difficulty and facial droop"),
        ("received tPA and was monitored in the stroke unit", "was evaluated by PT/OT and speech therapy"),
        5,
        glucose_mean=128,
        sbp_shift=25,
        los_mean=6.0,
    ),
    Diagnosis(
        "R55",
        "neuro",
        "syncope",
        ("a witnessed syncopal episode at church", "passing out after standing up"),
        ("had a negative telemetry workup", "had orthostatics checked and antihypertensives reduced"),
        4,
        sbp_shift=-6,
        los_mean=2.0,
    ),
    Diagnosis(
        "S72.001A",
        "other",
        "right hip fracture",
        ("a mechanical fall at home with right hip pain", "inability to bear weight after a fall"),
        ("underwent hemiarthroplasty", "had operative fixation and began physical therapy"),
        4,
        hgb_shift=-2.0,
        los_mean=6.0,
    ),
    Diagnosis(
        "I26.99",
        "other",
        "pulmonary embolism",
        ("pleuritic chest pain and tachycardia", "sudden dyspnea after a long flight"),
        ("was anticoagulated with heparin and transitioned to apixaban", "was started on enoxaparin"),
        3,
        los_mean=3.5,
    ),
    Diagnosis(
        "E87.1",
        "other",
        "hyponatremia",
        ("confusion and a sodium of 119", "falls and nausea"),
        ("had sodium corrected slowly with fluid restriction", "had the thiazide stopped"),
        3,
        los_mean=3.8,
    ),
    Diagnosis(
        "D64.9",
        "other",
        "anemia",
        ("fatigue and exertional dyspnea", "pallor and a hemoglobin drop on routine labs"),
        ("received one unit of packed red cells", "was started on iron and had a colonoscopy planned"),
        3,
        hgb_shift=-4.5,
        los_mean=2.8,
    ),
)

# Coefficients of the readmission model (log-odds); the noise term keeps the AUC of a logistic regression
# on the observed columns around 0.75 rather than near 1.
READMIT_INTERCEPT = -1.7
READMIT_GROUP = {"heart_failure": 1.0, "copd": 0.85, "renal": 0.35, "infection": 0.15}
READMIT_NOISE_SD = 0.4

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


@dataclass
class Patient:
    """Per-patient identifiers and demographics."""

    patient_id: str
    first: str
    last: str
    sex: str
    mrn: str
    ssn: str
    dob: dt.date
    street: str
    city: str
    zip: str
    phone: str
    email: str
    family_relation: str
    family_name: str
    family_phone: str


# --------------------------------------------------------------------------------------------- helpers


def fmt_date(day: dt.date, style: str) -> str:
    """A date in one of the layouts clinicians write: iso, mdy, md, long, dmy, mdyy."""
    if style == "iso":
        return day.isoformat()
    if style == "mdy":
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if style == "md":
        return f"{day.month}/{day.day}"
    if style == "long":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == "dmy":
        return f"{day.day:02d}-{MONTHS[day.month - 1][:3]}-{day.year}"
    if style == "mdyy":
        return f"{day.month}/{day.day}/{day.year % 100:02d}"
    raise ValueError(f"unknown date style {style!r}")


DATE_STYLES = ("mdy", "md", "long", "dmy", "mdyy", "iso")
DATE_STYLE_WEIGHTS = (35, 20, 20, 12, 8, 5)


def age_on(dob: dt.date, day: dt.date) -> int:
    """Whole years between a date of birth and a day."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def make_phone(rng: random.Random) -> str:
    """A Massachusetts-area phone number in the fictional 555-0100..0199 range, in one of two layouts."""
    area = rng.choice(AREA_CODES)
    line = f"555-01{rng.randrange(100):02d}"
    return f"({area}) {line}" if rng.random() < 0.6 else f"{area}-{line}"


def unique_numbers(rng: random.Random, count: int, draw: Callable[[], str]) -> list[str]:
    """``count`` distinct values from ``draw``, in draw order."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        value = draw()
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def draw_ssn(rng: random.Random) -> str:
    """An SSN-shaped number that SSA could have issued: area not 000/666/9xx, group and serial non-zero."""
    area = rng.randrange(1, 900)
    while area == 666:
        area = rng.randrange(1, 900)
    return f"{area:03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"


def draw_target_age(rng: random.Random, np_rng: np.random.Generator) -> int:
    """Age at first admission: about 1% are 90-102, the rest an older-skewed adult inpatient mix."""
    if rng.random() < 0.01:
        return rng.randint(90, 102)
    while True:  # rejection rather than clipping, which would pile patients up at the bounds
        age = round(np_rng.normal(63, 17))
        if 18 <= age <= 87:
            return int(age)


# --------------------------------------------------------------------------------------------- patients


def make_patients(fake: Faker, rng: random.Random, np_rng: np.random.Generator) -> list[Patient]:
    """The patient table (before encounters); DOB is set later from the first admission date."""
    mrns = unique_numbers(rng, N_PATIENTS, lambda: str(rng.randrange(40_000_000, 50_000_000)))
    ssns = unique_numbers(rng, N_PATIENTS, lambda: draw_ssn(rng))
    relations_f = ("daughter", "son", "husband", "sister", "niece", "health care proxy")
    relations_m = ("daughter", "son", "wife", "brother", "nephew", "health care proxy")
    patients: list[Patient] = []
    for index in range(N_PATIENTS):
        sex = "F" if rng.random() < 0.52 else "M"
        first = fake.first_name_female() if sex == "F" else fake.first_name_male()
        last = fake.last_name()
        zip3 = rng.choice(sorted(ZIPS_BY_ZIP3))
        zip_code, city = rng.choice(ZIPS_BY_ZIP3[zip3])
        street = f"{rng.randint(1, 980)} {fake.street_name()}"
        if rng.random() < 0.2:
            street += f" Apt {rng.randint(1, 40)}{rng.choice('ABCD')}"
        relation = rng.choice(relations_f if sex == "F" else relations_m)
        female_relative = relation in ("daughter", "wife", "sister", "niece") or (
            relation == "health care proxy" and rng.random() < 0.5
        )
        family_first = fake.first_name_female() if female_relative else fake.first_name_male()
        family_last = last if rng.random() < 0.7 else fake.last_name()
        handle = rng.choice(
            (
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{first}{last[0]}{rng.randint(1, 99)}",
                f"{last}.{first}",
            )
        )
        patients.append(
            Patient(
                patient_id=f"P{index + 1:06d}",
                first=first,
                last=last,
                sex=sex,
                mrn=mrns[index],
                ssn=ssns[index],
                dob=FIRST_ADMISSION,  # replaced once the first admission is drawn
                street=street,
                city=city,
                zip=zip_code,
                phone=make_phone(rng),
                email=f"{handle.lower().replace(' ', '').replace(chr(39), '')}@{rng.choice(EMAIL_DOMAINS)}",
                family_relation=relation,
                family_name=f"{family_first} {family_last}",
                family_phone=make_phone(rng),
            )
        )
    return patients


def make_physicians(fake: Faker) -> list[str]:
    """A pool of distinct attending names, "Dr. First Last"."""
    names: list[str] = []
    while len(names) < N_PHYSICIANS:
        name = f"Dr. {fake.first_name()} {fake.last_name()}"
        if name not in names:
            names.append(name)
    return names


# --------------------------------------------------------------------------------------------- clinical


@dataclass
class Encounter:
    """One admission's clinical values (identifiers are joined in when the row is written)."""

    admission: dt.date
    discharge: dt.date
    age: int
    diagnosis: Diagnosis
    hemoglobin: float
    creatinine: float
    glucose: int
    systolic_bp: int
    readmitted: int
    attending: str
    hospital: str


def draw_labs(
    diagnosis: Diagnosis, age: int, sex: str, np_rng: np.random.Generator
) -> tuple[float, float, int, int, int]:
    """Hemoglobin, creatinine, glucose, systolic BP and length of stay, shaped by diagnosis, age and sex."""
    hgb_base = 13.1 if sex == "F" else 14.4
    hemoglobin = float(
        np.clip(np_rng.normal(hgb_base + diagnosis.hgb_shift - 0.01 * max(age - 60, 0), 1.4), 4.5, 18.5)
    )
    cr_base = (0.78 if sex == "F" else 0.98) * diagnosis.cr_factor * (1 + 0.006 * max(age - 50, 0))
    creatinine = float(np.clip(cr_base * np_rng.lognormal(0.0, 0.28), 0.3, 12.0))
    glucose = int(
        np.clip(round(np_rng.normal(diagnosis.glucose_mean, diagnosis.glucose_mean * 0.2)), 45, 780)
    )
    systolic = int(np.clip(round(np_rng.normal(132 + diagnosis.sbp_shift + 0.15 * (age - 60), 17)), 62, 235))
    stay_mean = diagnosis.los_mean * (1 + 0.008 * max(age - 60, 0))
    length_of_stay = int(min(np_rng.negative_binomial(4, 4 / (4 + stay_mean)), 30))
    if length_of_stay == 0 and np_rng.random() < 0.7:
        length_of_stay = 1
    return hemoglobin, creatinine, glucose, systolic, length_of_stay


def readmission_probability(
    age: int, creatinine: float, hemoglobin: float, length_of_stay: int, group: str, noise: float
) -> float:
    """Log-odds model of 30-day readmission; low hemoglobin, high creatinine, long stays, HF/COPD raise it."""
    logit = (
        READMIT_INTERCEPT
        + 0.03 * (age - 65)
        + 1.1 * math.log(creatinine)
        - 0.26 * (hemoglobin - 12.5)
        + 0.09 * (length_of_stay - 4)
        + READMIT_GROUP.get(group, 0.0)
        + noise
    )
    return 1.0 / (1.0 + math.exp(-logit))


def make_encounters(
    patient: Patient, physicians: Sequence[str], rng: random.Random, np_rng: np.random.Generator
) -> list[Encounter]:
    """1-3 admissions; a readmitted encounter's next admission falls within 30 days of its discharge."""
    count = rng.choices((1, 2, 3), weights=(38, 36, 26))[0]
    target_age = draw_target_age(rng, np_rng)
    admission = FIRST_ADMISSION + dt.timedelta(
        days=rng.randrange((dt.date(2024, 6, 30) - FIRST_ADMISSION).days)
    )
    birth_year_start = dt.date(admission.year - target_age - 1, admission.month, min(admission.day, 28))
    patient.dob = birth_year_start + dt.timedelta(days=rng.randrange(1, 365))
    weights = [d.weight for d in DIAGNOSES]
    home_hospital = rng.choice(HOSPITALS)
    primary_doctor = rng.choice(physicians)
    encounters: list[Encounter] = []
    for _ in range(count):
        age = age_on(patient.dob, admission)
        diagnosis = rng.choices(DIAGNOSES, weights=weights)[0]
        if diagnosis.code == "K35.80" and age > 70 and rng.random() < 0.6:
            diagnosis = rng.choices(DIAGNOSES, weights=weights)[0]
        hemoglobin, creatinine, glucose, systolic, stay = draw_labs(diagnosis, age, patient.sex, np_rng)
        discharge = admission + dt.timedelta(days=stay)
        if discharge > LAST_DATE:
            break
        noise = float(np_rng.normal(0.0, READMIT_NOISE_SD))
        probability = readmission_probability(
            age, round(creatinine, 2), round(hemoglobin, 1), stay, diagnosis.group, noise
        )
        readmitted = int(np_rng.random() < probability)
        encounters.append(
            Encounter(
                admission=admission,
                discharge=discharge,
                age=age,
                diagnosis=diagnosis,
                hemoglobin=round(hemoglobin, 1),
                creatinine=round(creatinine, 2),
                glucose=glucose,
                systolic_bp=systolic,
                readmitted=readmitted,
                attending=primary_doctor if rng.random() < 0.5 else rng.choice(physicians),
                hospital=home_hospital if rng.random() < 0.8 else rng.choice(HOSPITALS),
            )
        )
        gap = rng.randint(2, 30) if readmitted else rng.randint(31, 720)
        admission = discharge + dt.timedelta(days=gap)
    return encounters


# --------------------------------------------------------------------------------------------- notes

HISTORY = (
    "hypertension",
    "hyperlipidemia",
    "CAD s/p CABG",
    "atrial fibrillation on apixaban",
    "type 2 diabetes",
    "CKD stage 3",
    "COPD on 2 L home O2",
    "obesity",
    "prior stroke",
    "depression",
    "osteoarthritis",
    "hypothyroidism",
    "GERD",
    "dementia",
)
DISPOSITIONS = (
    "home",
    "home with VNA services",
    "a skilled nursing facility",
    "acute rehab",
    "home with family",
)
SERVICES = ("Cardiology", "Nephrology", "Pulmonology", "Infectious disease", "Gastroenterology", "Neurology")

PROGRESS_OPENERS = (
    "{name} is {age_long_a} {sex_word} admitted to {hospital} on {adm} with {dx}.",
    "{title_last} is {age_short_a} {sex_short} with a history of {history}, hospital day {hd} for {dx}.",
    "Progress note {day_in}: {age_short} {sex_short} with {dx}, followed by {attending}.",
    "Hospital day {hd}. {name} ({age_short}) remains admitted for {dx}.",
)
PROGRESS_BODY = (
    "{Pronoun} presented on {adm} with {presentation}.",
    "Since admission {pronoun} {course}.",
    "Labs today: Hgb {hgb}, Cr {cr}, glucose {glu}.",
    "Vitals: BP {sbp}/{dbp}, HR {hr}, SpO2 {spo2}% on {o2}.",
    "Discussed the plan with {relation} {family_name} at the bedside.",
    "{Relation} {family_first} can be reached at {family_phone}.",
    "Seen and examined with {attending}.",
    "Anticipate discharge on {dis} to {disposition}.",
    "Past history includes {history} and {history2}.",
    "{title_last} lives in {city} and was last admitted to {other_hospital} on {prior}.",
)
DISCHARGE_OPENERS = (
    "DISCHARGE SUMMARY - {name} (MRN {mrn}). Admitted {adm}, discharged {dis} from {hospital}.",
    "Discharge summary for {title_last}, {age_long_a} {sex_word}, admitted to {hospital} {adm} through {dis} "
    "for {dx}.",
    "{hospital} discharge summary. Patient: {name}, DOB {dob}. Attending: {attending}.",
)
DISCHARGE_BODY = (
    "Hospital course: presented with {presentation} and {course}.",
    "Admission labs notable for hemoglobin {hgb} g/dL and creatinine {cr} mg/dL.",
    "Discharged on {dis} to {disposition}; {relation} {family_name} updated by phone.",
    "Follow up with {attending} in 1-2 weeks; clinic phone {clinic_phone}.",
    "Total length of stay {los_days}.",
    "Previously admitted to {other_hospital} on {prior}.",
    "Patient's home address on file: {street}, {city}; contact {phone}.",
    "Principal diagnosis: {dx} ({code}).",
)
ED_OPENERS = (
    "ED TRIAGE {time}: {age_short} {sex_short} BIBA from home in {city} with {presentation}.",
    "Triage note {adm}: {name}, {age_short}, c/o {presentation}.",
    "ED note {adm} {time}. {title_last}, {age_long_a} {sex_word} known to {attending}, "
    "here with {presentation}.",
)
ED_BODY = (
    "BP {sbp}/{dbp}, HR {hr}, RR {rr}, SpO2 {spo2}% RA.",
    "POC glucose {glu}.",
    "{Relation} {family_name} accompanying, contact {family_phone}.",
    "Attending {attending} notified; admit to {hospital}.",
    "PMH per {relation}: {history}, {history2}.",
    "MRN {mrn} wristband placed.",
    "Initial labs: Hgb {hgb}, Cr {cr}.",
)
PHONE_OPENERS = (
    "Telephone encounter {call_date}: {relation} {family_name} called from {family_phone} "
    "about {title_last}.",
    "Phone call from {name} on {call_date} re: follow-up after discharge from {hospital} on {dis}.",
    "TC {call_date} - spoke with {title_last} at {phone}.",
)
PHONE_BODY = (
    "Reports {symptom} since getting home.",
    "Reviewed discharge labs (Cr {cr}, Hgb {hgb}).",
    "Advised to call {attending_last}'s office at {clinic_phone} or return to the ED.",
    "Identity verified with name and MRN {mrn}.",
    "Message routed to {attending}.",
    "Confirmed follow-up appointment for {followup}.",
)
NURSING_OPENERS = (
    "NURSING NOTE {day_in}: PT {name} RESTING IN BED, A&O X3.",
    "PT IS {age_short_a} {sex_short} ADMITTED {adm} FOR {dx}.",
    "RN NOTE. {title_last} ({age_short}) ON TELEMETRY, NO ACUTE EVENTS OVERNIGHT.",
)
NURSING_BODY = (
    "VS: BP {sbp}/{dbp} HR {hr} SPO2 {spo2}% ON {o2}.",
    "{relation} {family_name} VISITED THIS EVENING, UPDATED ON PLAN.",
    "FSBG {glu}, COVERED PER SLIDING SCALE.",
    "WILL CONTINUE TO MONITOR, {attending} AWARE.",
    "FALL PRECAUTIONS IN PLACE, BED ALARM ON.",
    "{relation} ASKS TO BE CALLED AT {family_phone} WITH ANY CHANGES.",
)
CONSULT_OPENERS = (
    "{service} consult requested by {attending} for {title_last}, {age_long_a} {sex_word} with {dx}.",
    "{service} consult note, {hospital}, {day_in}: asked to see {name} regarding {dx}.",
)
CONSULT_BODY = (
    "{Pronoun} presented with {presentation}.",
    "Relevant labs: creatinine {cr}, hemoglobin {hgb}, glucose {glu}.",
    "History obtained from the patient and {relation} {family_name}.",
    "Recommend continuing current therapy; will follow while at {hospital}.",
    "Thank you for this consult; please page with questions or call {clinic_phone}.",
)
STYLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], float], ...] = (
    ("progress", PROGRESS_OPENERS, PROGRESS_BODY, 30),
    ("discharge", DISCHARGE_OPENERS, DISCHARGE_BODY, 22),
    ("ed", ED_OPENERS, ED_BODY, 18),
    ("phone", PHONE_OPENERS, PHONE_BODY, 10),
    ("nursing", NURSING_OPENERS, NURSING_BODY, 12),
    ("consult", CONSULT_OPENERS, CONSULT_BODY, 8),
)
SYMPTOMS = (
    "mild fatigue",
    "some ankle swelling",
    "poor appetite",
    "a low-grade temperature",
    "no new complaints",
)


def article_for(number: int) -> str:
    """'a' or 'an' before a number said aloud (an 80-year-old, an 18-year-old, a 94-year-old)."""
    return "an" if str(number).startswith("8") or number in (11, 18) else "a"


def make_note(patient: Patient, encounter: Encounter, rng: random.Random) -> str:
    """A 2-6 sentence note in one of several styles, mentioning this patient's PHI as clinicians do."""
    age = encounter.age
    style, openers, body, _ = rng.choices(STYLES, weights=[s[3] for s in STYLES])[0]
    date_style = rng.choices(DATE_STYLES, weights=DATE_STYLE_WEIGHTS)[0]

    def date(day: dt.date) -> str:
        # Most notes keep one layout; some mix layouts as real notes do.
        chosen = (
            date_style if rng.random() < 0.75 else rng.choices(DATE_STYLES, weights=DATE_STYLE_WEIGHTS)[0]
        )
        return fmt_date(day, chosen)

    stay = (encounter.discharge - encounter.admission).days
    day_in = encounter.admission + dt.timedelta(days=rng.randint(0, max(stay, 0)))
    prior = encounter.admission - dt.timedelta(days=rng.randint(45, 900))
    call_date = encounter.discharge + dt.timedelta(days=rng.randint(1, 12))
    followup = call_date + dt.timedelta(days=rng.randint(3, 20))
    age_short = rng.choice((f"{age} yo", f"{age}yo", f"{age} y/o", f"{age}-year-old"))
    sex_short = rng.choice(("F", "female") if patient.sex == "F" else ("M", "male"))
    title = "Ms." if patient.sex == "F" else "Mr."
    relation = patient.family_relation
    history, history2 = rng.sample(HISTORY, 2)
    hospital = encounter.hospital
    other_hospital = rng.choice([h for h in HOSPITALS if h != hospital])
    values = {
        "name": f"{patient.first} {patient.last}",
        "title_last": f"{title} {patient.last}",
        "age_long_a": f"{article_for(age)} {age}-year-old",
        "age_short": age_short,
        "age_short_a": f"{article_for(age)} {age_short}",
        "sex_word": "woman" if patient.sex == "F" else "man",
        "sex_short": sex_short,
        "Pronoun": "She" if patient.sex == "F" else "He",
        "pronoun": "she" if patient.sex == "F" else "he",
        "hospital": hospital,
        "other_hospital": other_hospital,
        "adm": date(encounter.admission),
        "dis": date(encounter.discharge),
        "day_in": date(day_in),
        "prior": date(prior),
        "call_date": date(call_date),
        "followup": date(followup),
        "dob": fmt_date(patient.dob, rng.choice(("mdy", "long", "iso", "dmy"))),
        "hd": (day_in - encounter.admission).days + 1,
        "dx": encounter.diagnosis.label,
        "code": encounter.diagnosis.code,
        "presentation": rng.choice(encounter.diagnosis.presentations),
        "course": rng.choice(encounter.diagnosis.courses),
        "history": history,
        "history2": history2,
        "hgb": f"{encounter.hemoglobin:.1f}",
        "cr": f"{encounter.creatinine:.2f}",
        "glu": encounter.glucose,
        "sbp": encounter.systolic_bp,
        "dbp": max(40, int(encounter.systolic_bp * rng.uniform(0.52, 0.66))),
        "hr": rng.randint(58, 118),
        "rr": rng.randint(14, 26),
        "spo2": rng.randint(88, 99),
        "o2": rng.choice(("room air", "2 L NC", "3 L NC", "RA")),
        "relation": relation,
        "Relation": relation[0].upper() + relation[1:],
        "family_name": patient.family_name,
        "family_first": patient.family_name.split()[0],
        "family_phone": patient.family_phone,
        "phone": patient.phone,
        "clinic_phone": make_phone(rng),
        "attending": encounter.attending,
        "attending_last": "Dr. " + encounter.attending.split()[-1],
        "mrn": patient.mrn,
        "city": patient.city,
        "street": patient.street,
        "disposition": rng.choice(DISPOSITIONS),
        "service": rng.choice(SERVICES),
        "symptom": rng.choice(SYMPTOMS),
        "time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "los_days": f"{stay} day" if stay == 1 else f"{stay} days",
    }
    extra = rng.randint(1, min(5, len(body)))
    sentences = [rng.choice(openers), *rng.sample(body, extra)]
    text = " ".join(sentence.format(**values) for sentence in sentences)
    if style == "nursing":
        text = text.upper()
    return text


# --------------------------------------------------------------------------------------------- bad rows

BAD_AGES = ("212", "-3")
BAD_CODES = ("XYZ", "15O.9")  # "15O.9": digit 1 for the letter I and letter O for zero (I50.9 mistyped)


def plant_bad_rows(rows: list[dict[str, str]], rng: random.Random) -> dict[str, list[int]]:
    """Corrupt six rows at seeded positions: two impossible ages, two reversed stays, two bad ICD codes.

    Returns the 0-based row indices of each kind (the README lists them).
    """
    positions = sorted(rng.sample(range(len(rows)), 6))
    rng.shuffle(positions)
    kinds = {
        "impossible_age": positions[0:2],
        "discharge_before_admission": positions[2:4],
        "bad_icd10": positions[4:6],
    }
    for index, age in zip(kinds["impossible_age"], BAD_AGES, strict=True):
        rows[index]["age"] = age
    for index in kinds["discharge_before_admission"]:
        row = rows[index]
        if row["admission_date"] == row["discharge_date"]:  # a zero-day stay cannot be reversed
            row["discharge_date"] = (
                dt.date.fromisoformat(row["admission_date"]) + dt.timedelta(days=2)
            ).isoformat()
        row["admission_date"], row["discharge_date"] = row["discharge_date"], row["admission_date"]
    for index, code in zip(kinds["bad_icd10"], BAD_CODES, strict=True):
        rows[index]["diagnosis_code"] = code
    return {kind: sorted(indices) for kind, indices in kinds.items()}


# --------------------------------------------------------------------------------------------- main


def generate(seed: int = SEED) -> tuple[str, dict[str, list[int]]]:
    """The whole extract as CSV text, and the indices of the planted bad rows."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    physicians = make_physicians(fake)
    patients = make_patients(fake, rng, np_rng)
    rows: list[dict[str, str]] = []
    for patient in patients:
        for encounter in make_encounters(patient, physicians, rng, np_rng):
            rows.append(
                {
                    "encounter_id": "",  # numbered in admission order below
                    "patient_id": patient.patient_id,
                    "patient_name": f"{patient.first} {patient.last}",
                    "mrn": patient.mrn,
                    "ssn": patient.ssn,
                    "date_of_birth": patient.dob.isoformat(),
                    "street_address": patient.street,
                    "city": patient.city,
                    "zip": patient.zip,
                    "phone": patient.phone,
                    "email": patient.email,
                    "admission_date": encounter.admission.isoformat(),
                    "discharge_date": encounter.discharge.isoformat(),
                    "attending_physician": encounter.attending,
                    "age": str(encounter.age),
                    "sex": patient.sex,
                    "diagnosis_code": encounter.diagnosis.code,
                    "hemoglobin": f"{encounter.hemoglobin:.1f}",
                    "creatinine": f"{encounter.creatinine:.2f}",
                    "glucose": str(encounter.glucose),
                    "systolic_bp": str(encounter.systolic_bp),
                    "length_of_stay": str((encounter.discharge - encounter.admission).days),
                    "note": make_note(patient, encounter, rng),
                    "readmitted_30d": str(encounter.readmitted),
                }
            )
    # Rows in admission order (then patient) like a real extract; ids follow that order.
    rows.sort(key=lambda row: (row["admission_date"], row["patient_id"]))
    for index, row in enumerate(rows):
        row["encounter_id"] = f"E{index + 1:07d}"
    bad_rows = plant_bad_rows(rows, random.Random(seed + 1))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue(), bad_rows


def main(argv: Sequence[str] | None = None) -> int:
    """Write the demo extract to ``--out`` (default: the bundled location) and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV file to write")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    text, bad_rows = generate()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    if not args.quiet:
        print(f"wrote {text.count(chr(10)) - 1} rows to {args.out}")
        for kind, indices in bad_rows.items():
            print(f"  {kind}: rows {indices}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
