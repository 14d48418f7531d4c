"""Facilities, organisations, landmarks and professions through the real analyzer and spaCy model.

Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
untouched (units, services, staff, drug names, eponyms, lab values, nursing text in capitals). The
examples are written for these tests, not taken from the tuning corpus.
"""

from __future__ import annotations

import pandas as pd
import pytest

from safecohort.detect.recognizers import _occupations
from safecohort.policy import parse_policy
from safecohort.transform.notes import transform_notes

FOUND = [
    # Professions after a cue, ending in an occupation noun.
    ("Social: she works as a pharmacy technician at the hospital.", "pharmacy technician", "PROFESSION"),
    ("Occupation: long-haul trucker   Employer ID 55", "long-haul trucker", "PROFESSION"),
    ("He is a retired firefighter who lives alone.", "retired firefighter", "PROFESSION"),
    ("Lives with wife. Former electrician. Quit tobacco.", "electrician", "PROFESSION"),
    ("see Mr. Oyelaran, a 67-year-old plumber originally from Ohio", "plumber", "PROFESSION"),
    ("fyi pt was a dairy farmer for 40 years", "dairy farmer", "PROFESSION"),
    ("PT IS A RETIRED TEACHER AND LIVES WITH WIFE", "RETIRED TEACHER", "PROFESSION"),
    ("History: 71 year old former LPN with CHF", "LPN", "PROFESSION"),
    ("Mrs. Ferro is a 77 year old school bus driver who fell", "school bus driver", "PROFESSION"),
    # Employers after a work cue, a work phone, a letter to Human Resources, a device rep.
    ("He works as a welder at Harmon Steel Fabrication and", "Harmon Steel Fabrication", "ORGANIZATION"),
    ("retired from work as a bus driver for the MBTA in 2019", "the MBTA", "ORGANIZATION"),
    ("617-555-0142 (WORK, RIVERSIDE AUTO BODY).", "RIVERSIDE AUTO BODY", "ORGANIZATION"),
    ("To: J. Reyes, Human Resources, Quarry Hill Markets (fax", "Quarry Hill Markets", "ORGANIZATION"),
    # A place cue ("from") reads the same word as a place, with the same score: either type redacts it.
    ("device check today; rep from Abbott coming at 2", "Abbott", None),
    # Companies by the shape of their name.
    ("Employer: Greenfield Tool & Die", "Greenfield Tool & Die", "ORGANIZATION"),
    ("she mows lawns for Ortega Landscaping", "Ortega Landscaping", "ORGANIZATION"),
    ("per the Hillcrest Apothecary label", "Hillcrest Apothecary", "ORGANIZATION"),
    ("a custodian with Worcester Public Schools", "Worcester Public Schools", "ORGANIZATION"),
    ("sent out to Quantix Diagnostics for testing", "Quantix Diagnostics", "ORGANIZATION"),
    (
        "cc: Office of the Medical Examiner, Springfield, by fax",
        "Office of the Medical Examiner, Springfield",
        "ORGANIZATION",
    ),
    # Hospitals and care sites.
    ("Site: Shriners Hospital Springfield | Billing", "Shriners Hospital Springfield", "HOSPITAL"),
    ("Dispo: admit to Our Lady of Grace Hospital telemetry", "Our Lady of Grace Hospital", "HOSPITAL"),
    # ... but a weekday after "Hospital" is a date, not the hospital's town.
    ("seen at Mercy Hospital Tuesday, stable", "Mercy Hospital", "HOSPITAL"),
    ("after a stay at Cedar Ridge Hospice House (5/2 - 5/9).", "Cedar Ridge Hospice House", "HOSPITAL"),
    ("delivered at Maplewood Women's and Infants' in 1990", "Maplewood Women's and Infants", "HOSPITAL"),
    ("Nguyen & Okafor Internal Medicine\n12 Elm St", "Nguyen & Okafor Internal Medicine", "HOSPITAL"),
    (
        "Riverside Urgent Care & Occupational Health | fax",
        "Riverside Urgent Care & Occupational Health",
        "HOSPITAL",
    ),
    (
        "discharged from Bayview Rehabilitation and Nursing today",
        "Bayview Rehabilitation and Nursing",
        "HOSPITAL",
    ),
    ("TRANSITION OF CARE -- The Bennett at Oakmont to home", "The Bennett at Oakmont", "HOSPITAL"),
    # Two listed names read as a person's name too, with a higher score: either type redacts it.
    ("Performing site: Baystate Noble  Scanner: CT1", "Baystate Noble", None),
    ("Site: Mercy Westside  Scanner: CT1", "Mercy Westside", "HOSPITAL"),
    ("Plan: transfer to Lahey Burlington for ERCP", "Lahey Burlington", "HOSPITAL"),
    ("followed by Dr. Osei at Sturdy Memorial; records", "Sturdy Memorial", "HOSPITAL"),
    # Landmarks after a preposition.
    ("found down at Walden Pond by a jogger", "Walden Pond", "LOCATION"),
    ("in the parking lot of the Route 20 Park and Ride.", "the Route 20 Park and Ride", "LOCATION"),
    ("collapsed at the Tsongas Arena during a game", "the Tsongas Arena", "LOCATION"),
    ("Pickup: found at Lake Winnipesaukee, Laconia", "Lake Winnipesaukee", "LOCATION"),
    # Practices, care homes and systems by their head words; a generic head needs a name or a place.
    (
        "Prior stress test at Framingham Heart & Vascular Institute, 2019.",
        "Framingham Heart & Vascular Institute",
        "HOSPITAL",
    ),
    ("TO:    Lowell Sleep & Pulmonary | ATTN: scheduling", "Lowell Sleep & Pulmonary", "HOSPITAL"),
    ("PNC at Keene Skin & Laser with the midwife", "Keene Skin & Laser", "HOSPITAL"),
    ("Op note from Eastfield Surgical Pavilion (3/2).", "Eastfield Surgical Pavilion", "HOSPITAL"),
    ("plan d/c to Willow Creek Assisted Living next week", "Willow Creek Assisted Living", "HOSPITAL"),
    ("d/c to Harper Hill Skilled Nursing tomorrow", "Harper Hill Skilled Nursing", "HOSPITAL"),
    ("cc: Dr. Amari; Springfield Community Health", "Springfield Community Health", "HOSPITAL"),
    ("CT 2019 at Salem Memorial Health for comparison", "Salem Memorial Health", "HOSPITAL"),
    ("PNC at Beverly OB/GYN Partners since 12 wks", "Beverly OB/GYN Partners", "HOSPITAL"),
    ("Westbury Nephrology Consultants -- fax to clinic", "Westbury Nephrology Consultants", "HOSPITAL"),
    # ... read from the name, not from the doctor before "of", nor through a preposition in capitals.
    (
        "referred by Dr. Ng of Oakridge Primary Care at Worcester. Risks reviewed.",
        "Oakridge Primary Care at Worcester",
        "HOSPITAL",
    ),
    ("NOTED ON ARRIVAL AT LAKEVIEW DIALYSIS UNIT PER PACKET", "LAKEVIEW DIALYSIS UNIT", "HOSPITAL"),
    ("MPI in 2015 at Sisters of Charity Lowell.", "Sisters of Charity Lowell", "HOSPITAL"),
    ("d/c to The Willows at Westfield on Monday", "The Willows at Westfield", "HOSPITAL"),
    ("Refill faxed from Stop & Shop Pharmacy today", "Stop & Shop Pharmacy", "HOSPITAL"),
    # Agencies, suppliers and transport services; the label word before the name is left out.
    (
        "Referral faxed to Worcester Visiting Nurse Association today",
        "Worcester Visiting Nurse Association",
        "ORGANIZATION",
    ),
    (
        "Supplier Hartford Regional Blood Center notified of reaction",
        "Hartford Regional Blood Center",
        "ORGANIZATION",
    ),
    ("unit issued by Norway Community Blood Bank", "Norway Community Blood Bank", "ORGANIZATION"),
    ("Transport: Greenfield Ambulance BLS, ETA 20 min", "Greenfield Ambulance", "ORGANIZATION"),
    ("Transport: Pruitt Critical Care Transport, ETA 1 h", "Pruitt Critical Care Transport", "ORGANIZATION"),
    ("Transport: Mexico Fire Rescue, ETA 1 h", "Mexico Fire Rescue", "ORGANIZATION"),
    ("needs a work note for Hanley & Sons Plumbing.", "Hanley & Sons Plumbing", "ORGANIZATION"),
    ("needs a work note for Costas Market today", "Costas Market", "ORGANIZATION"),
    # Jobs after an age in its short forms, ending before "referred", "seen".
    ("The patient is a 57yo tattoo artist referred by Dr. Lee.", "tattoo artist", "PROFESSION"),
    (
        "Ms. Cho, a 36 y/o retired air-traffic controller from Lowell",
        "retired air-traffic controller",
        "PROFESSION",
    ),
    ("Ms. Day, a 93 y.o. HVAC technician from Keene, whom I saw", "HVAC technician", "PROFESSION"),
    ("HE IS A MACHINIST APPRENTICE AND LIVES ALONE", "MACHINIST APPRENTICE", "PROFESSION"),
    ("pt is a 44 yo dog groomer who lives alone", "dog groomer", "PROFESSION"),
    ("he is an 80-year-old retired merchant mariner referred by", "retired merchant mariner", "PROFESSION"),
    ("The patient is a 39 y.o. real-estate agent referred by", "real-estate agent", "PROFESSION"),
    ("she is a 50 yo piano tuner seen for hoarseness", "piano tuner", "PROFESSION"),
]

UNTOUCHED = [
    # Jobs need a cue and an occupation noun at the end of the phrase.
    ("Pt is a poor historian, hx per daughter.", "historian"),
    ("He is a 72 year old man with CHF.", "man"),
    ("the nurse called at 0300 re: pain", "nurse"),
    ("Pt was a restrained driver in a low speed MVC.", "driver"),
    ("There was a nurse at bedside throughout.", "nurse"),
    ("She is a former smoker and a good candidate for surgery.", "smoker"),
    ("PT IS A FULL CODE. RN AT BEDSIDE.", "CODE"),
    ("She is a BRCA2 carrier; Keppra is an antiepileptic agent.", "carrier"),
    ("She is a BRCA2 carrier; Keppra is an antiepileptic agent.", "agent"),
    # Units, services and everyday words where a facility or an employer could stand.
    ("Dispo: admit to MICU, then transfer to Medicine.", "MICU"),
    ("Dispo: admit to MICU, then transfer to Medicine.", "Medicine"),
    ("IV Site: Left antecubital, no redness.", "Left"),
    ("DR. BAKER AT BEDSIDE, ORDERS RECEIVED.", "BEDSIDE"),
    ("Dr. Baker at bedside, orders received.", "bedside"),
    ("UO 30-60CC/HR, CLEAR YELLOW. HR, BP stable.", "CLEAR"),
    ("Department of Internal Medicine. Brief Hospital Course: uneventful.", "Internal"),
    ("sent to Clinical Laboratories for a CBC", "Laboratories"),
    ("he works at Home on weekends", "Home"),
    # Generic places without a name.
    ("walked to the Nurses Station unassisted", "Station"),
    ("went to the Park with family", "Park"),
    # Clinical text that must stay untouched.
    ("Hope to wean. Parkinson's disease, Graves' disease.", "Parkinson"),
    ("Foley in place, Jackson-Pratt drain to bulb suction.", "Jackson"),
    ("K 3.4, Na 138, started on Lasix 40 mg.", "Lasix"),
    # Head words without a name, services of the hospital itself, report titles and nursing text.
    ("Exam: Normal Heart & Lung sounds, no edema.", "Heart"),
    ("D/C Assisted Living when stable.", "Assisted"),
    ("Discussed Skilled Nursing vs home with family.", "Skilled"),
    ("Follow up with Primary Care in 2 weeks.", "Primary"),
    ("Admit to Dialysis Unit for HD.", "Dialysis"),
    ("Called Blood Bank re: crossmatch.", "Blood"),
    ("Transport: ALS Ambulance, ETA 15 min.", "Ambulance"),
    ("Sisters of patient at bedside.", "Sisters"),
    ("CARDIAC CATHETERIZATION LABORATORY REPORT", "LABORATORY"),
    ("HOME MEDS REVIEWED W/ PHARMACY. SLEPT WELL.", "PHARMACY"),
    ("HE IS A TEACHER AND WILL DO CHANGES AT HOME IN ERIE.", "HOME"),
    ("Mercy Hospital of Oakhaven Department of Radiology", "Department"),
    ("The Patient at Home is stable.", "Patient"),
    ("Pt is a 60 y.o. man with CHF referred by cardiology.", "man"),
    ("He is a 70 yo smoker referred for PFTs.", "smoker"),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds_the_span(found, text: str, span: str, entity: str | None) -> None:
    spans = found(text)
    assert (span, entity) in spans if entity else span in [found_span for found_span, _ in spans]


@pytest.mark.parametrize(("text", "word"), UNTOUCHED)
def test_leaves_the_word_untouched(rules, touches, text: str, word: str) -> None:
    assert not touches(rules.scan([text])[0], text, word), text


def test_profession_is_a_kind_the_clinical_profile_finds(rules) -> None:
    assert "PROFESSION" in rules.entity_kinds


def test_occupation_lexicon_is_lower_case_and_leaves_out_note_words() -> None:
    occupations = _occupations()
    assert {"welder", "barista", "cna", "nurse's aide"} <= occupations
    assert all(word == word.lower() for word in occupations)
    assert not {"historian", "resident", "patient", "caregiver", "man", "smoker"} & occupations
    assert {
        "groomer",
        "stocker",
        "mariner",
        "apprentice",
        "piano tuner",
        "air-traffic controller",
    } <= occupations
    # Words that are also surnames or everyday nouns are listed only inside a phrase.
    assert not {"miller", "server", "printer", "conductor", "controller", "tuner"} & occupations
    assert len(occupations) > 600


def test_the_in_front_of_an_employer_is_kept_only_with_a_name(found) -> None:
    assert ("the MBTA", "ORGANIZATION") in found("her partner, a supervisor at the MBTA, visits")
    assert not [kind for _, kind in found("a supervisor at the Park") if kind == "ORGANIZATION"]


def test_a_profession_found_is_replaced_by_its_tag(rules) -> None:
    policy = parse_policy(
        "version: 1\ninstitution: Test\npatient_id: pid\ncolumns:\n  pid: {phi: identifier, action: hash}\n"
        "  note: {type: text, phi: free_text}\nnotes:\n  columns: [note]\n"
    )
    text = "Social: works as a dental hygienist, lives with wife."
    out, _ = transform_notes(pd.Series([text]), rules.scan([text]), policy, None, None)
    assert out[0] == "Social: works as a [PROFESSION], lives with wife."
