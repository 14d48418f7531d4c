"""Dates after event words, dotted ISO dates, labelled identifiers, spaced record numbers, ages after
"turned" and short extensions, through the real analyzer and spaCy model.

Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
untouched (doses, ranges, counts, scores, fractions, times and turns in degrees).
"""

from __future__ import annotations

import pytest

FOUND = [
    # A month-day with a hyphen after a word that dates an event, or before a time of day.
    ("Newborn screen sent 3-2, repeat 3-16 was normal", "3-2", "DATE_TIME"),
    ("Newborn screen sent 3-2, repeat 3-16 was normal", "3-16", "DATE_TIME"),
    ("Consent signed 11-4 by the daughter", "11-4", "DATE_TIME"),
    ("Family meeting held on 10-3 with the proxy", "10-3", "DATE_TIME"),
    ("Off work through 12-1.", "12-1", "DATE_TIME"),
    ("Specimen received 4-30 0715 in the lab", "4-30", "DATE_TIME"),
    ("Callback attempt 2 3-21 14:05: no answer", "3-21", "DATE_TIME"),
    ("Follow-up phone call 8-9 at 10:30, doing well", "8-9", "DATE_TIME"),
    # A month in lower case with its day.
    ("Pt d/c'd home aug 12 after a hip fracture", "aug 12", "DATE_TIME"),
    ("follow up phone call nov 3 at 9:15", "nov 3", "DATE_TIME"),
    ("specimen received may 14, resulted the next day", "may 14", "DATE_TIME"),
    ("cardiology appt on dec 9 at the clinic", "dec 9", "DATE_TIME"),
    # A day of the month before the time of an event.
    ("Phone follow-up 22nd at 1415: no answer, left message", "22nd", "DATE_TIME"),
    # Year, month and day with dots.
    ("Study date: 2019.04.23  Indication: syncope", "2019.04.23", "DATE_TIME"),
    ("Report verified 2023.12.01 0830", "2023.12.01", "DATE_TIME"),
    # Ambiguous month/day after "given", "sent" or "signed".
    ("Hep B vaccine given 3/9 in the nursery", "3/9", "DATE_TIME"),
    ("Release form signed 8/6 by the patient", "8/6", "DATE_TIME"),
    # Identifiers after labels.
    ("Home visit note. E-signed by nurse (emp# 40213) 3/2/2021", "40213", "ID_NUMBER"),
    ("Transport booked (Conf# 8812034); driver late", "8812034", "ID_NUMBER"),
    ("Pt: Doe, Jane   Enc 44-1234567   Arrived 10:02", "44-1234567", "ID_NUMBER"),
    ("Lab CLIA 22D0012345, NYS PFI 8123, report attached", "8123", "ID_NUMBER"),
    ("Influenza vaccine IM L deltoid, lot AB12C, exp 2026", "AB12C", "ID_NUMBER"),
    ("Lot #: 7K3Q2 recorded on the MAR", "7K3Q2", "ID_NUMBER"),
    ("Sign up at the portal (activation code QWERT-ZXCVB-ASDFG).", "QWERT-ZXCVB-ASDFG", "ID_NUMBER"),
    ("Interpreter used: Somali, ID #448210.", "448210", "ID_NUMBER"),
    ("Transfer packet: FIN at the sending hospital 2233-778899.", "2233-778899", "ID_NUMBER"),
    # A record number written in spaced groups of three.
    ("Name: Roe, Jim  MRN: 123 456 789  Acc#: EC1234", "123 456 789", "MEDICAL_RECORD_NUMBER"),
    # Ages over 89 after "turned" or "turns".
    ("Pt turned 94 last week; family celebrated on the unit", "94", "AGE_OVER_89"),
    ("She turns 100 in May", "100", "AGE_OVER_89"),
    # A three-digit extension right after a phone number.
    ("Clinic 617 555-0134 opt 3, ext 412 for scheduling", "412", "PHONE_NUMBER"),
    ("Call (212) 555-0187 (ext 071) with questions", "071", "PHONE_NUMBER"),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) in found(text)


KEPT = [
    # Ranges and counts after the same words: doses, liters, times, episodes.
    ("On 2-3 L NC, given 1-2 tabs of oxycodone, seen 3-4 times this week", ("2-3", "1-2", "3-4")),
    ("On 5-10 mg of oxycodone since 2-3 days; vomited on 4-5 occasions", ("5-10", "2-3", "4-5")),
    ("Received 1-2 units PRBC; repeat 2-3 doses of lasix", ("1-2", "2-3")),
    # Fractions after "given", scores and ratios.
    ("Given 1/2 amp D50 and sent 1/4 of the dose; pain 6/10", ("1/2", "1/4", "6/10")),
    ("Strength 4/5 on the left, GCS 14/15, I:E 1:2", ("4/5", "14/15", "1:2")),
    # "may", "mar" and "dec" are words when no event word stands before them.
    ("Symptoms may 2 times a day; dec 2 L O2 requirement", ("may 2", "dec 2")),
    # Version-like or value-like dotted numbers.
    ("Software v2.10.3; K 3.5, Mg 2.01", ("2.10.3", "3.5", "2.01")),
    # "lot", "conf", "emp" and "enc" without an identifier after them.
    ("A lot of pain today; conf call at 1400; emp therapy held; Enc 2 times", ("1400", "2")),
    # Turns in degrees and turning schedules are not ages.
    ("Turned 90 degrees q2h; turned 180° to the right", ("90", "180")),
    # A knee extension is not a phone extension.
    ("ROM knee flexion 110, ext 100 degrees", ("110", "100")),
    # Times of day stay times.
    ("Vitals at 14:05 and 0715; HR 80-90 overnight", ("14:05", "0715", "80-90")),
    # A label with a preposition after it reads a time, not an identifier.
    ("Pt arrived on the unit at 0630 by stretcher", ("0630",)),
    # Days of a gestational age are not a date.
    ("Born at 33 2/7 wk, GA 29w 5/7, BW 1450 g", ("2/7", "5/7")),
    # A date's year and the time after it are no phone number.
    ("Electronically signed 3/14/2022 1645 and 2021.06.30 17:05", ("1645", "17")),
]


NOT_AS = [
    ("Electronically signed 2021.06.30 17:05", "2021.06.30", "PHONE_NUMBER"),
    ("Electronically signed 2021.06.30 17:05", "2021.06.30 17", "PHONE_NUMBER"),
    ("Signed 4/29/2022 1731 by the attending", "2022 1731", "PHONE_NUMBER"),
]


@pytest.mark.parametrize(("text", "span", "entity"), NOT_AS)
def test_not_reported_as(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) not in found(text)


@pytest.mark.parametrize(("text", "untouched"), KEPT)
def test_keeps(rules, touches, text: str, untouched: tuple[str, ...]) -> None:
    findings = rules.scan([text])[0]
    for word in untouched:
        assert not touches(findings, text, word), word
