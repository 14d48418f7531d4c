"""Weekdays with their dates, dotted and hyphenated month-name dates, bracketed area codes and extensions,
UK numbers, extensions dialled after a number, badge, ID band, event and run numbers, UK registration
numbers and an SSN's last four in parentheses, through the real analyzer and spaCy model.

Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
untouched (scores, doses, ranges, lab values, band counts and times). The rules run alone (no learned
tagger), so each check is about the rules.
"""

from __future__ import annotations

import pytest

from safecohort.detect.text import NoteScanner

FOUND = [
    # An abbreviated weekday belongs to the date it names.
    ("Wound check due (~Fri 6/14) at the clinic", "Fri 6/14", "DATE_TIME"),
    ("Phoned the daughter on Wed 2/7 about the results", "Wed 2/7", "DATE_TIME"),
    ("Next visit Tues, Oct 8 in the afternoon", "Tues, Oct 8", "DATE_TIME"),
    # Day, month name and year with dots; month name, day and year with hyphens.
    ("DOB 03.Feb.1951   Seen today", "03.Feb.1951", "DATE_TIME"),
    ("EDD 14.OCT.2026 by early ultrasound", "14.OCT.2026", "DATE_TIME"),
    ("Admit: Feb-11-19   Team: Medicine B", "Feb-11-19", "DATE_TIME"),
    ("RECORDS RECEIVED ON 9TH OF MARCH FROM THE CLINIC", "9TH OF MARCH", "DATE_TIME"),
    # A month-day after "on" followed by a capitalised place or system, not inches.
    ("Result called on 6-19 in Radiology to the resident", "6-19", "DATE_TIME"),
    # A month/day at the end of a signature line.
    ("Reviewed with the family.\nPriya Nand, MA  2/9\n", "2/9", "DATE_TIME"),
    # Area code in square brackets, extension in brackets.
    ("Clinic desk [415] 555-0172 for refills", "[415] 555-0172", "PHONE_NUMBER"),
    ("PCP office, 415-555-0199 [x2231], faxed", "415-555-0199 [x2231]", "PHONE_NUMBER"),
    ("Reached son at [617] 555-0111 x 204 today", "[617] 555-0111 x 204", "PHONE_NUMBER"),
    # UK numbers: international with a six-digit group, and national.
    ("Surgery Tel: +44 1632 960417 for queries", "+44 1632 960417", "PHONE_NUMBER"),
    ("Fax: 01632 960555 (secure line)", "01632 960555", "PHONE_NUMBER"),
    ("Ward phone 0161 496 0123 overnight", "0161 496 0123", "PHONE_NUMBER"),
    # An extension dialled after a phone number.
    ("Pharmacy line 617-555-0142, then 7741 at the prompt.", "7741", "PHONE_NUMBER"),
    ("Call (212) 555-0160 and then dial 31 for triage", "31", "PHONE_NUMBER"),
    # Badge, identification band, event and run numbers.
    ("Seen with Deputy Ruiz (badge 48) at bedside", "48", "ID_NUMBER"),
    ("Infant wristband #556201 checked against the mother's", "556201", "ID_NUMBER"),
    ("NEWBORN ID BAND 334190 VERIFIED", "334190", "ID_NUMBER"),
    ("Safety report filed, incident #2209913.", "2209913", "ID_NUMBER"),
    ("Medic 4 transport (run 19-44821).", "19-44821", "ID_NUMBER"),
    # UK clinicians' registration numbers.
    ("Dr A. Shah MRCP | GMC 7012345", "7012345", "ID_NUMBER"),
    ("Sister B. Cole | NMC PIN 81A2345E", "81A2345E", "ID_NUMBER"),
    # An SSN's last four digits after "(last 4)".
    ("DOB 1/2/1950   SSN (last 4) 4410   Reported today", "4410", "ID_NUMBER"),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds(rules: NoteScanner, text: str, span: str, entity: str) -> None:
    found = [(text[f.start : f.end], f.entity_type) for f in rules.scan([text])[0]]
    assert (span, entity) in found


KEPT = [
    # Sleepiness and cognition scores are no dates.
    ("ESS 11/24, BMI 31, neck 16 in. BIMS 13/15 on admission", ("11/24", "13/15")),
    # Weekday abbreviations without a date, and O2 saturation in capitals.
    ("Mon-Fri clinic hours; SAT 9/10 on room air", ("9/10",)),
    # Ranges in inches and doses after "on".
    ("Laceration on 2-3 in long; on 5-10 mg daily", ("2-3", "5-10")),
    # Bands on a smear, a rubber band ligation, and tags without a number.
    ("Bands 12%, band ligation x3, ID tag checked", ("12",)),
    # Running counts and a race.
    ("Ran a 10-2000 m interval run 3-4 times a week", ("3-4",)),
    # A time after "then", and a dose after "then".
    ("Called 617-555-0142, then 1430 hrs recheck BP", ("1430",)),
    # Lab values and a ratio near fax/phone words.
    ("Fax confirmation received; K 4.1, Na 139, INR 2.3", ("4.1", "139", "2.3")),
    # A short number after "event" or "incident" without a number sign is no identifier.
    ("No adverse event 2 days post-op; incident 3 falls", ("2", "3")),
]


@pytest.mark.parametrize(("text", "untouched"), KEPT)
def test_keeps(rules: NoteScanner, touches, text: str, untouched: tuple[str, ...]) -> None:
    findings = rules.scan([text])[0]
    for word in untouched:
        assert not touches(findings, text, word), word
