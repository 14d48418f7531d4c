"""Dates: the forms presidio misses in notes and the dates of general text, and the numbers that must stay
numbers (doses, ranges, scores, fractions, times).

Cases whose pytest id starts with a tuning split (``dev2-``, ``dev4-``, ``dev5-``) were written when
that split of a bench corpus was studied; the examples themselves are invented."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from helpers.recognizers import spans
from safecohort.detect.recognizers import (
    DayMonthDateRecognizer,
    RunningDateRecognizer,
    WrittenDateRecognizer,
    _is_date_range,
)
from safecohort.detect.text import NoteScanner

# ----------------------------------------------------------------------------------------------------------
# Each clinical recognizer through the real analyzer and spaCy model: what it must find, what it must not.
# ----------------------------------------------------------------------------------------------------------


POSITIVE = [
    ("seen 3/14 in clinic", "3/14", "DATE_TIME"),
    ("admitted 7/22-7/23 for CP", "7/22-7/23", "DATE_TIME"),
    ("surgery on 14-Mar-2021", "14-Mar-2021", "DATE_TIME"),
    ("symptoms since March 14th", "March 14th", "DATE_TIME"),
    ("follow up on the 3rd", "3rd", "DATE_TIME"),
    ("last seen Tuesday in clinic", "Tuesday", "DATE_TIME"),
    ("Stay: Jul 5 '20 through 07-19-2020", "Jul 5 '20", "DATE_TIME"),
    ("records from 01/2017 are enclosed", "01/2017", "DATE_TIME"),
    ("not eating since 1/8. 72 yo M", "1/8", "DATE_TIME"),
]


@pytest.mark.parametrize(("text", "span", "entity_type"), POSITIVE)
def test_finds(found, text: str, span: str, entity_type: str) -> None:
    assert (span, entity_type) in found(text)


# ----------------------------------------------------------------------------------------------------------
# Clinical dates, identifiers, user names, extensions and ages through the real analyzer and spaCy model.
#
# Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
# untouched (lab values, doses, reference ranges, temperatures, times, drug names and eponyms).
# ----------------------------------------------------------------------------------------------------------


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
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds_clinical(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) in found(text)


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


# ----------------------------------------------------------------------------------------------------------
# Dates after event words, dotted ISO dates, labelled identifiers, spaced record numbers, ages after
# "turned" and short extensions, through the real analyzer and spaCy model.
#
# Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
# untouched (doses, ranges, counts, scores, fractions, times and turns in degrees).
#
# Written when the dev4 split of a bench corpus was studied (its cases' ids start with dev4-).
# ----------------------------------------------------------------------------------------------------------


FOUND_EVENT = [
    # A month-day with a hyphen after a word that dates an event, or before a time of day.
    pytest.param(
        "Newborn screen sent 3-2, repeat 3-16 was normal",
        "3-2",
        "DATE_TIME",
        id="dev4-newborn-screen-sent-3-2-repeat",
    ),
    pytest.param(
        "Newborn screen sent 3-2, repeat 3-16 was normal",
        "3-16",
        "DATE_TIME",
        id="dev4-newborn-screen-sent-3-2-repeat",
    ),
    pytest.param(
        "Consent signed 11-4 by the daughter", "11-4", "DATE_TIME", id="dev4-consent-signed-11-4-by-the"
    ),
    pytest.param(
        "Family meeting held on 10-3 with the proxy",
        "10-3",
        "DATE_TIME",
        id="dev4-family-meeting-held-on-10-3",
    ),
    pytest.param("Off work through 12-1.", "12-1", "DATE_TIME", id="dev4-off-work-through-12-1"),
    pytest.param(
        "Specimen received 4-30 0715 in the lab",
        "4-30",
        "DATE_TIME",
        id="dev4-specimen-received-4-30-0715-in",
    ),
    pytest.param(
        "Callback attempt 2 3-21 14:05: no answer", "3-21", "DATE_TIME", id="dev4-callback-attempt-2-3-21-14"
    ),
    pytest.param(
        "Follow-up phone call 8-9 at 10:30, doing well",
        "8-9",
        "DATE_TIME",
        id="dev4-follow-up-phone-call-8-9",
    ),
    # A month in lower case with its day.
    pytest.param(
        "Pt d/c'd home aug 12 after a hip fracture", "aug 12", "DATE_TIME", id="dev4-pt-d-c-d-home-aug"
    ),
    pytest.param(
        "follow up phone call nov 3 at 9:15", "nov 3", "DATE_TIME", id="dev4-follow-up-phone-call-nov-3"
    ),
    pytest.param(
        "specimen received may 14, resulted the next day",
        "may 14",
        "DATE_TIME",
        id="dev4-specimen-received-may-14-resulted-the",
    ),
    pytest.param(
        "cardiology appt on dec 9 at the clinic", "dec 9", "DATE_TIME", id="dev4-cardiology-appt-on-dec-9-at"
    ),
    # A day of the month before the time of an event.
    pytest.param(
        "Phone follow-up 22nd at 1415: no answer, left message",
        "22nd",
        "DATE_TIME",
        id="dev4-phone-follow-up-22nd-at-1415",
    ),
    # Year, month and day with dots.
    pytest.param(
        "Study date: 2019.04.23  Indication: syncope",
        "2019.04.23",
        "DATE_TIME",
        id="dev4-study-date-2019-04-23-indication",
    ),
    pytest.param(
        "Report verified 2023.12.01 0830",
        "2023.12.01",
        "DATE_TIME",
        id="dev4-report-verified-2023-12-01-0830",
    ),
    # Ambiguous month/day after "given", "sent" or "signed".
    pytest.param(
        "Hep B vaccine given 3/9 in the nursery", "3/9", "DATE_TIME", id="dev4-hep-b-vaccine-given-3-9"
    ),
    pytest.param(
        "Release form signed 8/6 by the patient", "8/6", "DATE_TIME", id="dev4-release-form-signed-8-6-by"
    ),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND_EVENT)
def test_finds_event(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) in found(text)


# ----------------------------------------------------------------------------------------------------------
# Weekdays with their dates, dotted and hyphenated month-name dates, bracketed area codes and extensions,
# UK numbers, extensions dialled after a number, badge, ID band, event and run numbers, UK registration
# numbers and an SSN's last four in parentheses, through the real analyzer and spaCy model.
#
# Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
# untouched (scores, doses, ranges, lab values, band counts and times). The rules run alone (no learned
# tagger), so each check is about the rules.
#
# Written when the dev5 split of a bench corpus was studied (its cases' ids start with dev5-).
# ----------------------------------------------------------------------------------------------------------


FOUND_WEEKDAY = [
    # An abbreviated weekday belongs to the date it names.
    pytest.param(
        "Wound check due (~Fri 6/14) at the clinic",
        "Fri 6/14",
        "DATE_TIME",
        id="dev5-wound-check-due-fri-6-14",
    ),
    pytest.param(
        "Phoned the daughter on Wed 2/7 about the results",
        "Wed 2/7",
        "DATE_TIME",
        id="dev5-phoned-the-daughter-on-wed-2",
    ),
    pytest.param(
        "Next visit Tues, Oct 8 in the afternoon",
        "Tues, Oct 8",
        "DATE_TIME",
        id="dev5-next-visit-tues-oct-8-in",
    ),
    # Day, month name and year with dots; month name, day and year with hyphens.
    pytest.param(
        "DOB 03.Feb.1951   Seen today", "03.Feb.1951", "DATE_TIME", id="dev5-dob-03-feb-1951-seen-today"
    ),
    pytest.param(
        "EDD 14.OCT.2026 by early ultrasound", "14.OCT.2026", "DATE_TIME", id="dev5-edd-14-oct-2026-by-early"
    ),
    pytest.param(
        "Admit: Feb-11-19   Team: Medicine B",
        "Feb-11-19",
        "DATE_TIME",
        id="dev5-admit-feb-11-19-team-medicine",
    ),
    pytest.param(
        "RECORDS RECEIVED ON 9TH OF MARCH FROM THE CLINIC",
        "9TH OF MARCH",
        "DATE_TIME",
        id="dev5-records-received-on-9th-of-march",
    ),
    # A month-day after "on" followed by a capitalised place or system, not inches.
    pytest.param(
        "Result called on 6-19 in Radiology to the resident",
        "6-19",
        "DATE_TIME",
        id="dev5-result-called-on-6-19-in",
    ),
    # A month/day at the end of a signature line.
    pytest.param(
        "Reviewed with the family.\nPriya Nand, MA  2/9\n",
        "2/9",
        "DATE_TIME",
        id="dev5-reviewed-with-the-family-priya-nand",
    ),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND_WEEKDAY)
def test_finds_weekday(rules: NoteScanner, text: str, span: str, entity: str) -> None:
    found = [(text[f.start : f.end], f.entity_type) for f in rules.scan([text])[0]]
    assert (span, entity) in found


# ----------------------------------------------------------------------------------------------------------
# Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
# (clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------
# --- context rules: names, companies, phones and years read from the sentence, not from lists ---------

CONTEXT_POSITIVE = [
    # years in running text
    (RunningDateRecognizer, "under the Clean Air Act of 1970 the plant", "1970"),
    (RunningDateRecognizer, "They merged in 2011, and split since 2019.", "2011"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), CONTEXT_POSITIVE)
def test_context_rules_find(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


CONTEXT_NEGATIVE = [
    (RunningDateRecognizer, "Give 2000 units in 2000 mL over 4 hours."),
    (RunningDateRecognizer, "Platelets 1964, glucose 2011 mg/dL?"),
]


@pytest.mark.parametrize(("recognizer", "text"), CONTEXT_NEGATIVE)
def test_context_rules_leave_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


# --- written forms of names, dates in several languages, spaCy's ORG on general text -----------------

STRUCTURAL_POSITIVE = [
    # dates written out in several languages and forms
    (WrittenDateRecognizer, "Geboren am 3. März 1961 in Graz.", "3. März 1961"),
    (WrittenDateRecognizer, "né le 12 décembre 1948 à Lyon", "12 décembre 1948"),
    (WrittenDateRecognizer, "llegó el 9 de junio de 2011", "9 de junio de 2011"),
    (WrittenDateRecognizer, "renewal due oct. 2nd 2024 |", "oct. 2nd 2024"),
    (WrittenDateRecognizer, "Posted Tue Mar 5 2019 by admin", "Tue Mar 5 2019"),
    (WrittenDateRecognizer, "dob: thursday, 4 june 1987", "thursday, 4 june 1987"),
    (WrittenDateRecognizer, "Can we meet on Friday the 13th?", "Friday the 13th"),
    (RunningDateRecognizer, "tenant | member since: 2009 | pets: no", "2009"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), STRUCTURAL_POSITIVE)
def test_written_forms_find(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


STRUCTURAL_NEGATIVE = [
    # a date needs a day, a month name and a year; times of day are no date here
    (WrittenDateRecognizer, "Take 5 mg in March and 10 mg in May."),
    (WrittenDateRecognizer, "Pickup at 18:30 or 4pm, desk opens 9h15."),
    (WrittenDateRecognizer, "Room 12 mai be free; 2 sun loungers 2020 model."),
    (RunningDateRecognizer, "dose: 2000 units | since: 3 days"),
]


@pytest.mark.parametrize(("recognizer", "text"), STRUCTURAL_NEGATIVE)
def test_written_forms_leave_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


# ----------------------------------------------------------------------------------------------------------
# Places, ages, day-month dates, lower-case IBANs and structured addresses of the general profile
# (exports, forms, chat): invented examples of what each rule must find and what it must leave alone,
# clinical text included. Recognizers run directly, without the spaCy pipeline.
#
# Written when the dev2 split of a bench corpus was studied (its cases' ids start with dev2-).
# ----------------------------------------------------------------------------------------------------------


POSITIVE_EXPORTS = [
    # dates with a day and a month, no year
    pytest.param(
        DayMonthDateRecognizer,
        "Room free from 14 sep, message me.",
        "14 sep",
        id="dev2-room-free-from-14-sep-message",
    ),
    pytest.param(
        DayMonthDateRecognizer,
        "Party on the 3rd of may at the hall.",
        "3rd of may",
        id="dev2-party-on-the-3rd-of-may",
    ),
    pytest.param(
        DayMonthDateRecognizer,
        "Tickets go on sale october 2nd online.",
        "october 2nd",
        id="dev2-tickets-go-on-sale-october-2nd",
    ),
    pytest.param(
        DayMonthDateRecognizer,
        "Wifi has been down since feb 12 here.",
        "feb 12",
        id="dev2-wifi-has-been-down-since-feb",
    ),
    pytest.param(
        DayMonthDateRecognizer,
        "Please reply by 21/9 if you can come.",
        "21/9",
        id="dev2-please-reply-by-21-9-if",
    ),
    pytest.param(
        DayMonthDateRecognizer, "She was born 4/11 at home.", "4/11", id="dev2-she-was-born-4-11-at"
    ),
]


@pytest.mark.parametrize(("recognizer", "text", "expected"), POSITIVE_EXPORTS)
def test_finds_exports(recognizer: type[EntityRecognizer], text: str, expected: str) -> None:
    assert expected in spans(recognizer, text)


NEGATIVE = [
    # no date: fractions, scores, doses, a bare month word
    pytest.param(DayMonthDateRecognizer, "Pain 8/10, took 1/2 tablet.", id="dev2-pain-8-10-took-1-2"),
    pytest.param(DayMonthDateRecognizer, "You may 3 times a day take it.", id="dev2-you-may-3-times-a-day"),
    pytest.param(DayMonthDateRecognizer, "Give 2 mar of saline.", id="dev2-give-2-mar-of-saline"),
    pytest.param(DayMonthDateRecognizer, "Patient walked 3/4 of a mile.", id="dev2-patient-walked-3-4-of-a"),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []
