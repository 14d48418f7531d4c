"""Facilities, organisations, professions and addresses in the forms of a further set of notes: a
hospital's campus building after a comma, practices named after their specialty, care and post-acute
centres, a hospital named before its department or alone, town services (water, police, EMS,
ambulance), funeral and cremation services, suppliers of home equipment, a job before its employer
("optician at ...", "(SECURITY GUARD AT ...)"), an employer heading its Human Resources office, house
numbers with a letter ("12-B Elm St") and old numbered routes.

Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
untouched. The examples are invented for these tests, not taken from the tuning corpus.
"""

from __future__ import annotations

import pytest

from safecohort.detect.text import NoteScanner

FOUND = [
    # A campus building after a comma; a centre of a hospital named before it.
    (
        "transfer from Kenora Hospital Center, Ruiz Tower ED | CC: fall",
        "Kenora Hospital Center, Ruiz Tower",
        "HOSPITAL",
    ),
    (
        "Center for Sleep Medicine at Glenwood General Hospital | 12 Elm",
        "Center for Sleep Medicine at",
        "HOSPITAL",
    ),
    # Care centres and post-acute sites.
    ("colonoscopy at Harlowe Endoscopy Center | Indication: FIT+", "Harlowe Endoscopy Center", "HOSPITAL"),
    ("Kenora Sleep Center | 40 Elm St", "Kenora Sleep Center", "HOSPITAL"),
    (
        "long-term care at Ashfield Center for Nursing & Rehabilitation. Plan:",
        "Ashfield Center for Nursing & Rehabilitation",
        "HOSPITAL",
    ),
    (
        "Conference -- Okafor Post-Acute & Memory Care | Held: Monday",
        "Okafor Post-Acute & Memory Care",
        "HOSPITAL",
    ),
    (
        "PCP: Dr. Reyes, Glenwood Internal Medicine Partners, LLC | Source",
        "Glenwood Internal Medicine Partners, LLC",
        "HOSPITAL",
    ),
    ("home with Okafor Home Health & Hospice and an aide", "Okafor Home Health & Hospice", "HOSPITAL"),
    ("Interdisciplinary meeting -- The Residence at Kenora | Held", "The Residence at Kenora", "HOSPITAL"),
    # Practices named after a specialty.
    (
        "infusion ordered by A. Reyes (Kenora Area Gastroenterology). |",
        "Kenora Area Gastroenterology",
        "HOSPITAL",
    ),
    (
        "REFERRING: B. Okafor, Glenwood Hematology-Oncology & Wellness | DX",
        "Glenwood Hematology-Oncology & Wellness",
        "HOSPITAL",
    ),
    (
        "Harlowe Pathology Associates -- Surgical Pathology | Accession",
        "Harlowe Pathology Associates",
        "HOSPITAL",
    ),
    ("PRENATAL CARE AT KENORA AREA OB-GYN; RECORDS FAXED", "KENORA AREA OB-GYN", "HOSPITAL"),
    ("EGD at Harlowe Digestive Health, LLC | Clinical: GERD", "Harlowe Digestive Health, LLC", "HOSPITAL"),
    # A hospital named before its department, or alone where a place stands.
    ("Okafor Emergency Dept -- FAST TRACK PROVIDER NOTE", "Okafor", "HOSPITAL"),
    ("RN DELIVERY RECORD / HOLY NAME BIRTHING CENTER, LDR 3", "HOLY NAME", "HOSPITAL"),
    ("Old records requested from Deaconess. | Code status: full", "Deaconess", "HOSPITAL"),
    ("consult by Dr. Reyes (Good Shepherd); recommends TNK.", "Good Shepherd", "HOSPITAL"),
    ("Dr A. Okafor | Holy Name Hospital - Glenwood | 30 Elm St", "Holy Name Hospital - Glenwood", "HOSPITAL"),
    # Town services, funeral and cremation services, agencies, suppliers.
    (
        "Leave Administrator | Kenora Water Department Human Resources | By fax",
        "Kenora Water Department",
        "ORGANIZATION",
    ),
    (
        "Body released to Glenwood Cremation Services. Certificate",
        "Glenwood Cremation Services",
        "ORGANIZATION",
    ),
    (
        "Body released to Okafor-Reyes Funeral Chapel. Certificate",
        "Okafor-Reyes Funeral Chapel",
        "ORGANIZATION",
    ),
    ("home with Kenora Visiting Nurses and a private aide", "Kenora Visiting Nurses", "ORGANIZATION"),
    ("Meds (per Harlowe Home Infusion fill hx):", "Harlowe Home Infusion", "ORGANIZATION"),
    ("Reported at 0610 by Kenora PD, Officer Reyes (badge 12).", "Kenora PD", "ORGANIZATION"),
    ("Reported by Massachusetts State Police, Officer Reyes", "Massachusetts State Police", "ORGANIZATION"),
    ("ground ALS by Okafor EMS. | 06:54 Departed.", "Okafor EMS", "ORGANIZATION"),
    ("BIBA Kenora Ambulance (run 12-345). | Door", "Kenora Ambulance", "ORGANIZATION"),
    (
        "Open case with Okafor County Department of Social Services (self-neglect).",
        "Okafor County Department of Social Services",
        "ORGANIZATION",
    ),
    ("Caller: Ann from Okafor DME Solutions (555-0100) re: order", "Okafor DME Solutions", "ORGANIZATION"),
    ("auto-CPAP via Harlowe Oxygen & Sleep; mask fitting", "Harlowe Oxygen & Sleep", "ORGANIZATION"),
    ("CPAP supplies via Kenora Home Medical; mask fitting", "Kenora Home Medical", "ORGANIZATION"),
    # A job before its employer, an employer in parentheses after a past job, an employer's office.
    ("HPI: 52 yo F RHD optician at Zentrix Foods who cut her palm", "optician", "PROFESSION"),
    ("HPI: 52 yo F RHD optician at Zentrix Foods who cut her palm", "Zentrix Foods", "ORGANIZATION"),
    ("SUPPORT: FOB JOE (CRANE OPERATOR AT ZENTRIX) AND DOULA", "CRANE OPERATOR", "PROFESSION"),
    ("SUPPORT: FOB JOE (CRANE OPERATOR AT ZENTRIX) AND DOULA", "ZENTRIX", "ORGANIZATION"),
    (
        "lives with his son; retired welder (Harlowe Tool Works). Last admitted",
        "Harlowe Tool Works",
        "ORGANIZATION",
    ),
    (
        "Leave Administrator\nZentrix Mutual Human Resources\nBy fax: 555-0100",
        "Zentrix Mutual",
        "ORGANIZATION",
    ),
    ("He works as a retired ski patroller; during flares", "retired ski patroller", "PROFESSION"),
    ("Pt is a stonemason working days. ESS 12/24", "stonemason", "PROFESSION"),
    ("She is a medical coder at a clinic.", "medical coder", "PROFESSION"),
    # House numbers with a letter, an old numbered route.
    (
        "Scene: private residence, 177-D Okafor Prairie, Kenora VT 05037.",
        "177-D Okafor Prairie",
        "STREET_ADDRESS",
    ),
    ("Lab: 1551 Old Route 5, Kenora KS 66224", "1551 Old Route 5", "STREET_ADDRESS"),
]

UNTOUCHED = [
    # Services, specialties and departments of the hospital itself.
    ("Consults: Pediatric Cardiology and GI Pathology reviewed the case.", "Cardiology"),
    ("Consults: Pediatric Cardiology and GI Pathology reviewed the case.", "Pathology"),
    ("Called Nephrology re: AKI, recs to hold lisinopril.", "Nephrology"),
    ("Seen in the Pediatric Emergency Department overnight.", "Pediatric"),
    ("Discussed in the Main Emergency Department huddle.", "Main"),
    ("Started on Home Oxygen 2L at rest.", "Home Oxygen"),
    ("Ordered from Home Medical supply closet.", "Home Medical"),
    ("Mental Health follow-up arranged.", "Mental Health"),
    # Staff and places that are not an employer or a job.
    ("Discussed with the nurse at bedside; pain controlled.", "nurse"),
    ("NOTIFIED STATE POLICE PER PROTOCOL.", "NOTIFIED"),
    ("Religion: (Baptist) | Diet: regular", "Baptist"),
    ("Called Human Resources about the badge.", "Called"),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds_the_span(rules: NoteScanner, text: str, span: str, entity: str) -> None:
    found = [(text[f.start : f.end], f.entity_type) for f in rules.scan([text])[0]]
    assert (span, entity) in found


@pytest.mark.parametrize(("text", "word"), UNTOUCHED)
def test_leaves_the_word_untouched(rules, touches, text: str, word: str) -> None:
    assert not touches(rules.scan([text])[0], text, word), text
