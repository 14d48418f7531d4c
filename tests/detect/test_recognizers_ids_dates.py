"""Clinical dates, identifiers, user names, extensions and ages through the real analyzer and spaCy model.

Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
untouched (lab values, doses, reference ranges, temperatures, times, drug names and eponyms).
"""

from __future__ import annotations

import pytest

from safecohort.detect.recognizers import _is_date_range

FOUND = [
    # Day, month and year run together, any case.
    ("IVC filter placement | Date 04DEC2024 | Pt", "04DEC2024", "DATE_TIME"),
    ("Reported 26nov2022", "26nov2022", "DATE_TIME"),
    ("NEURO ICU BED 18 / 25NOV2017 07-19", "25NOV2017", "DATE_TIME"),
    # month.day after a word that dates an event, next to another date, in a range or a time stamp.
    ("A/P: 38 y.o. woman admitted 4.26 with COPD flare", "4.26", "DATE_TIME"),
    ("Patient summary: in since 3.24 with cellulitis", "3.24", "DATE_TIME"),
    ("data synced through 12.3: usage 6.2 h/night", "12.3", "DATE_TIME"),
    ("home health start of care 11.1, intake call", "11.1", "DATE_TIME"),
    ("Autopsy performed 4.8; authorized by the niece", "4.8", "DATE_TIME"),
    ("evaluated in our clinic on 1.15 and Jan-24 for a burn", "1.15", "DATE_TIME"),
    ("evaluated in our clinic on Oct-10 and 11.17 for a burn", "11.17", "DATE_TIME"),
    ("after a stay at the rehab center (6.29 - 7.5).", "6.29 - 7.5", "DATE_TIME"),
    ("after a stay at the rehab center (10.1 - 10.10).", "10.1 - 10.10", "DATE_TIME"),
    ("[3.31 8:19] nurse: the family is here", "3.31", "DATE_TIME"),
    ("Seen 3.24.21 in clinic", "3.24.21", "DATE_TIME"),
    # User names in audit and chat lines.
    ("Exported 2024/03/31 by eitan.walker", "eitan.walker", "USERNAME"),
    ("Exported 10-01-2017 by e552531", "e552531", "USERNAME"),
    ("[Signed by csharp78 06-03-2016 1556; viewed by MCINTH04]", "MCINTH04", "USERNAME"),
    ("[Signed by csharp78 06-03-2016 1556; viewed by MCINTH04]", "csharp78", "USERNAME"),
    ("Final report. Workstation login e918574", "e918574", "USERNAME"),
    ("Login ID: jdoe12", "jdoe12", "USERNAME"),
    ("Chart accessed by user e123456 at 0300", "e123456", "USERNAME"),
    ("Author: kmiller3   Status: signed", "kmiller3", "USERNAME"),
    ("[18:33] system: BAKERP05 added CHASEN06 to the conversation", "BAKERP05", "USERNAME"),
    ("[18:33] system: BAKERP05 added CHASEN06 to the conversation", "CHASEN06", "USERNAME"),
    ("[2141] system: honor.johnson added LS07 to the conversation", "LS07", "USERNAME"),
    ("[18:33] e552531: family at bedside", "e552531", "USERNAME"),
    ("PT RESTING. SIGNED E364593 (R. HAYES, RN) 1858", "E364593", "USERNAME"),
    ("PT RESTING. SIGNED SCOTT.LEBLANC (SCOTT L., RN) 1905", "SCOTT.LEBLANC", "USERNAME"),
    ("Gross: sections submitted in cassettes A1-A5. (phoward)\n\nMICROSCOPIC:", "phoward", "USERNAME"),
    # Identifiers after a label that must stand right before them.
    ("Job title: roofer   Employee ID 388816 | SSN", "388816", "ID_NUMBER"),
    ("Sequencing Report | CLIA 46D0199950 | CAP 7987064 | Lab director", "7987064", "ID_NUMBER"),
    ("interpreter (Vietnamese), ID 239626, via audio bridge", "239626", "ID_NUMBER"),
    ("Autopsy no. A19-352     ME case pending", "A19-352", "ID_NUMBER"),
    ("BIOMED TICKET BME-621035. FAMILY AT BEDSIDE", "BME-621035", "ID_NUMBER"),
    # A plan's three-letter prefix belongs to the member id.
    ("Next video visit May 26th. Pt's plan ZFA 3393076-29 on file.", "ZFA 3393076-29", "ID_NUMBER"),
    ("Billing: Tufts Health Plan member VBJ 2465284-66", "VBJ 2465284-66", "ID_NUMBER"),
    # Record numbers in three digit groups in a header field.
    (
        "Discharge day note\nJEFF ACHTERBERG | 40-909-763 | 07-29-2017 |",
        "40-909-763",
        "MEDICAL_RECORD_NUMBER",
    ),
    ("conversation re: Renee Halvorsen (92-549-706)\nExported", "92-549-706", "MEDICAL_RECORD_NUMBER"),
    ("ID BAND: MOSS, ANNETTE  99-196-637  AGE 77", "99-196-637", "MEDICAL_RECORD_NUMBER"),
    # Extensions and pagers where someone was called.
    ("Critical result: called to PA Osborne at 70472 on Jun 12, read back.", "70472", "PHONE_NUMBER"),
    ("Critical result: called to PA Deleon at 5-3592 on Oct 26, read back.", "5-3592", "PHONE_NUMBER"),
    ("Paged Dr. Lee at x87920 for the potassium", "x87920", "PHONE_NUMBER"),
    # Letters and five or more digits in one token, with no label before it.
    ("Workers' comp claim WC2207985 on file", "WC2207985", "ID_NUMBER"),
    ("pump (serial XB0544812) interrogated", "XB0544812", "ID_NUMBER"),
    ("Lot 4R57201-A used for the flu shot", "4R57201-A", "ID_NUMBER"),
    # Ages over 89 in parentheses after a name.
    ("Arrival 1118 | Pt: Johnson, Laura R. (101F)   HAR 2444171924", "101", "AGE_OVER_89"),
    ("Pt: PAUL OBI (104M)   HAR 3961520051", "104", "AGE_OVER_89"),
    ("Patient Khoury, Mike Z. (93) joined from home", "93", "AGE_OVER_89"),
    # Ages over 89 with "yrs", after "is", after "Age/Sex" and after a date of birth.
    ("Impression: 94 yrs M with syncope", "94", "AGE_OVER_89"),
    ("Social: pt is 97, walks with a cane", "97", "AGE_OVER_89"),
    ("Name: Olu Baker   Age/Sex: 103/M   Bed 4", "103", "AGE_OVER_89"),
    ("Pt: Greer, Ann   DOB 07.12.1929  96F   HAR 5512", "96", "AGE_OVER_89"),
    # "Month the Nth" and capital ordinals.
    ("Return visit on June the 3rd with labs", "June the 3rd", "DATE_TIME"),
    ("WOUND FIRST SEEN SEPT. 14TH BY HOME CARE", "SEPT. 14TH", "DATE_TIME"),
    ("WOUND FIRST SEEN OCT 2ND BY HOME CARE", "OCT 2ND", "DATE_TIME"),
    # A short month/day after a word that dates a finding or a specimen, or in a table's date column.
    ("Ulcer first noted 5/3 by the aide", "5/3", "DATE_TIME"),
    ("Collected: 4/7   Resulted: 4/9", "4/7", "DATE_TIME"),
    (
        "Labs:\nTest        Result    Date\nSodium      139       2/6\nCreatinine  1.1       2/6",
        "2/6",
        "DATE_TIME",
    ),
    # An ISO time stamp stays whole; a date NER found loses the time after it.
    ("Note signed 2021-04-17T09:12 by the attending", "2021-04-17T09:12", "DATE_TIME"),
    ("Seen in clinic on March 3, 2021 at 14:05 for a rash", "March 3, 2021", "DATE_TIME"),
    # A check digit belongs to the record number.
    ("Pt: Rowe, Ida   MRN: 4471902-5   Rm 12", "4471902-5", "MEDICAL_RECORD_NUMBER"),
    ("Lee, Tom (MRN 9918273-0) is a 40 y/o", "9918273-0", "MEDICAL_RECORD_NUMBER"),
    # Job, pharmacy, financial and serial numbers after their labels; ISBT 128 blood unit numbers.
    ("D: 02Mar21  T: 03Mar21  Job# 7719204", "7719204", "ID_NUMBER"),
    ("Pharmacy: Elm Street Drug, NCPDP 3377120, phone on file", "3377120", "ID_NUMBER"),
    ("FIN: 4410-220981    MRN: 0099123", "4410-220981", "ID_NUMBER"),
    ("Pump: Acme 3000, SN 7712-0093, checked", "7712-0093", "ID_NUMBER"),
    ("Transfused unit Z1234 21 004417 (ISBT 128), A NEG", "Z1234 21 004417", "ID_NUMBER"),
    # A plan prefix after a short "ID" label, and a pharmacy benefit's group number.
    ("Insurance: Cigna  ID KLM 7712093-41  Group 55120", "KLM 7712093-41", "ID_NUMBER"),
    ("Member ID 55129931  RxGrp ABC123  BIN 004336", "ABC123", "ID_NUMBER"),
    # The last four digits of an SSN.
    ("Identity confirmed with last 4 SSN (8812).", "8812", "ID_NUMBER"),
    ("Asked for SSN to verify; last four 4401 matched.", "4401", "ID_NUMBER"),
    # Extensions: in parentheses after a credential, and where someone was called after a comma.
    ("Reported by Ana Ruiz, RN (41277) on 3/2: reaction noted", "41277", "PHONE_NUMBER"),
    ("Result called to Jo, RN on 4 West at 66120; read back.", "66120", "PHONE_NUMBER"),
    ("clinic line 617-555-0142 Ext: 214.", "617-555-0142 Ext: 214", "PHONE_NUMBER"),
    # A user name in parentheses after a credential.
    ("Verified by Sam O., CPhT (sokafor7) -- cosign", "sokafor7", "USERNAME"),
    ("Entered by Li Wu, RN (WULI02) at shift change", "WULI02", "USERNAME"),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) in found(text)


KEPT = [
    # month.day without a date cue is a value: labs, doses, scores, reference ranges.
    ("AHI 3.1, K 3.3, INR 1.2, Mg 2.1", ("3.1", "3.3", "1.2", "2.1")),
    ("Weaned to 2.5 L NC, on 2.5 L since yesterday", ("2.5",)),
    ("since 1.5 mg increase, was on 4.5 of warfarin", ("1.5", "4.5")),
    ("Cr up from 1.2 to 1.5 after contrast", ("1.2", "1.5")),
    ("Ca 8.5 - 10.5, Cr 1.2 - 1.5, INR goal 2.5 - 3.5", ("8.5", "10.5", "1.2", "1.5", "2.5", "3.5")),
    (
        "Hope to wean FiO2; Parkinson's disease, Graves' disease; Foley and Jackson-Pratt drain in place",
        ("Hope", "Parkinson", "Graves", "Foley", "Jackson"),
    ),
    # "by", "signed", "login" and "added" followed by words, doses and day counters.
    ("Tylenol by q4h prn, ambulating by POD2, taken by mouth, confirmed by MRI", ("q4h", "POD2", "mouth")),
    ("Signed and dated by patient. Compressed by L4 disc. Login issues reported.", ("L4", "issues")),
    ("Added lisinopril 10 mg to the regimen; family added to the chat", ("lisinopril",)),
    ("Gross: three pieces submitted. (prn)\nPT TOLERATED AMBULATION. (resolved)", ("prn", "resolved")),
    # Short or everyday labels need the identifier right after them.
    ("ID recommends vancomycin 1250 mg; treated for CAP 2019; employee of the month", ("1250", "2019")),
    ("Telehealth video visit 03-11-2023, 1042-1509 | Link", ("1042-1509",)),
    # Temperatures and vital signs in parentheses.
    ("T 37C (98F), Temp (98F), HR (94), RA (92), Pulse (92)", ("98", "94", "92")),
    # Times after "called at" are not extensions.
    ("Called at 1430, family called back at 0800", ("1430", "0800")),
    ("ALL CAPS NURSING NOTE: PT AMBULATED 2X, TOLERATED DIET, K 3.3 REPLACED", ("3.3", "2X")),
    # Tokens with letters and digits that are not identifiers: codes, variants, ranges, quantities.
    (
        "HbA1c 7.2, SpO2 98%, ICD10 J18.9, BRCA2 rs113488022 variant, SBP 100-130S, 10000units heparin",
        ("HbA1c", "SpO2", "ICD10", "BRCA2", "rs113488022", "100-130S", "10000units"),
    ),
    # Scores out of a maximum, pain scores, half tablets and doses after the new date cues.
    ("BRADEN 15/23, GCS 3/15, MMSE 9/30 today", ("15/23", "3/15", "9/30")),
    ("Pain reported 8/10 at rest. Noted 1/2 tab left over; received 1/2 dose.", ("8/10", "1/2")),
    # Times of day are no dates.
    ("Transfusion started 08:31, stopped 09:12; called back at 1:15 PM", ("08:31", "09:12", "1:15")),
    ("Seen in clinic on March 3, 2021 at 14:05 for a rash", ("14:05",)),
    # Readings, obstetric history, and ages under 90 or that are not ages.
    ("Rigors with T 38.9 C and HR 112", ("38.9",)),
    ("28 y/o G3P1011 at 28w4d, G1P0000 at 36w1d", ("G3P1011", "G1P0000")),
    ("Pt is 45, works as a roofer. Patient is 95% adherent.", ("45", "95")),
    ("DOB 02.01.1950  74F  weight 92 kg", ("74F", "92")),
    # A credential with a year or words in parentheses.
    ("Lee, MD (retired) and Kim, RN (float) and Roy, MD (x4417)", ("retired", "float")),
    ("last seen 2/2; last 4 digits of the card 1234", ("1234",)),
    ("ID FOLLOWUP 2 weeks; RX GROUP visits weekly", ("FOLLOWUP", "visits")),
    # A month/day shape ending a table row counts as a date only under a "Date" column.
    ("Meds:\nDrug        Dose\nWarfarin    1/2", ("1/2",)),
]


@pytest.mark.parametrize(("text", "untouched"), KEPT)
def test_keeps(rules, touches, text: str, untouched: tuple[str, ...]) -> None:
    findings = rules.scan([text])[0]
    for word in untouched:
        assert not touches(findings, text, word), word


NOT_AS = [
    # Phone, SSN and date shapes in a header field are not record numbers.
    ("Contact | 617-555-0100 | fax", "617-555-0100", "MEDICAL_RECORD_NUMBER"),
    ("SSN | 536-22-8761 |", "536-22-8761", "MEDICAL_RECORD_NUMBER"),
    ("Seen | 07-29-2017 | follow up", "07-29-2017", "MEDICAL_RECORD_NUMBER"),
    # A plan type is not part of the member id.
    ("Insurance verified: BCBS PPO 168350796135", "PPO 168350796135", "ID_NUMBER"),
    # A date after a visit label is a date, not an identifier.
    ("Telehealth video visit 02JAN2024, 1114-1344 | Link", "02JAN2024, 1114-1344", "ID_NUMBER"),
    # A year in parentheses after a credential is no extension; a pager number is no user name.
    ("Smith, RN (2019) joined the unit", "2019", "PHONE_NUMBER"),
    ("Roy, MD (x4417) paged", "x4417", "USERNAME"),
]


@pytest.mark.parametrize(("text", "span", "entity"), NOT_AS)
def test_not_reported_as(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) not in found(text)


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("6.29 - 7.5", True),
        ("10.1 - 10.10", True),
        ("12.28 - 1.3", True),  # over the new year
        ("8.5 - 10.5", False),  # no two-digit day: a calcium reference range
        ("1.2 - 1.5", False),
        ("3.15 - 9.20", False),  # six months apart
        ("7.25 - 7.20", False),  # backwards
        ("7/22-7/23", None),  # other forms are not judged here
    ],
)
def test_month_dot_day_range(found: str, expected: bool | None) -> None:
    assert _is_date_range(found) is expected
