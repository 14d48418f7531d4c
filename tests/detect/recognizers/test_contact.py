"""Contact details: phone, pager and fax numbers, e-mail addresses and URLs, in notes and in general text.

Cases whose pytest id starts with a tuning split (``dev2-``, ``dev4-``, ``dev5-``) were written when
that split of a bench corpus was studied; the examples themselves are invented."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from helpers.recognizers import spans
from safecohort.detect.recognizers import (
    CuedPhoneRecognizer,
    PhoneShapeRecognizer,
    SpanRecognizer,
    WindowedPhoneRecognizer,
)
from safecohort.detect.text import NoteScanner

# ----------------------------------------------------------------------------------------------------------
# Each clinical recognizer through the real analyzer and spaCy model: what it must find, what it must not.
# ----------------------------------------------------------------------------------------------------------


POSITIVE = [
    ("call 617-555-0100 ext. 12", "617-555-0100 ext. 12", "PHONE_NUMBER"),
    ("pager 4-1234", "4-1234", "PHONE_NUMBER"),
    ("fax: (617) 555-0101", "(617) 555-0101", "PHONE_NUMBER"),
    ("write to jo@example.com", "jo@example.com", "EMAIL_ADDRESS"),
    ("see https://www.example.org/x", "https://www.example.org/x", "URL"),
    ("called to Dr. Choi at spectralink 69156", "69156", "PHONE_NUMBER"),
]


@pytest.mark.parametrize(("text", "span", "entity_type"), POSITIVE)
def test_finds(found, text: str, span: str, entity_type: str) -> None:
    assert (span, entity_type) in found(text)


def test_windowed_phone_recognizer_agrees_with_presidio_on_phone_stretches() -> None:
    """Running libphonenumber only around digit runs finds what presidio's full pass finds, offsets
    included, for numbers in prose, with extensions, several per note and at the very start or end."""
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    texts = [
        "Call (617) 555-0134 ext. 12 or the desk 617.555.0199 after 5.",
        "+44 20 7946 0958 is the London office; fax +49 30 901820.",
        "Nothing here but 3 pills and BP 120/80.",
        "212-555-0147",
    ]
    full, windowed = PhoneRecognizer(), WindowedPhoneRecognizer()
    found = 0
    for text in texts:
        expected = sorted((r.start, r.end) for r in full.analyze(text, ["PHONE_NUMBER"]))
        got = sorted((r.start, r.end) for r in windowed.analyze(text, ["PHONE_NUMBER"]))
        assert got == expected, text
        found += len(got)
    assert found >= 5
    assert WindowedPhoneRecognizer().analyze("Seen 3 times, 2 days ago.", ["PHONE_NUMBER"]) == []
    # Dates, SSNs, IP addresses and card numbers are other identifiers, never phone numbers.
    others = "Seen 09-27-2018 and 2019-03-04; SSN 075-56-5129; from 219.216.81.94; card 4956514223803400."
    assert full.analyze(others, ["PHONE_NUMBER"])  # libphonenumber alone calls some of them phones
    assert windowed.analyze(others, ["PHONE_NUMBER"]) == []


# ----------------------------------------------------------------------------------------------------------
# Clinical dates, identifiers, user names, extensions and ages through the real analyzer and spaCy model.
#
# Each rule is checked both ways: the span it must report, and clinical text next to it that must stay
# untouched (lab values, doses, reference ranges, temperatures, times, drug names and eponyms).
# ----------------------------------------------------------------------------------------------------------


FOUND = [
    # Extensions and pagers where someone was called.
    ("Critical result: called to PA Osborne at 70472 on Jun 12, read back.", "70472", "PHONE_NUMBER"),
    ("Critical result: called to PA Deleon at 5-3592 on Oct 26, read back.", "5-3592", "PHONE_NUMBER"),
    ("Paged Dr. Lee at x87920 for the potassium", "x87920", "PHONE_NUMBER"),
    # Extensions: in parentheses after a credential, and where someone was called after a comma.
    ("Reported by Ana Ruiz, RN (41277) on 3/2: reaction noted", "41277", "PHONE_NUMBER"),
    ("Result called to Jo, RN on 4 West at 66120; read back.", "66120", "PHONE_NUMBER"),
    ("clinic line 617-555-0142 Ext: 214.", "617-555-0142 Ext: 214", "PHONE_NUMBER"),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND)
def test_finds_clinical(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) in found(text)


NOT_AS = [
    # A year in parentheses after a credential is no extension; a pager number is no user name.
    ("Smith, RN (2019) joined the unit", "2019", "PHONE_NUMBER"),
]


@pytest.mark.parametrize(("text", "span", "entity"), NOT_AS)
def test_not_reported_as(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) not in found(text)


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
    # A three-digit extension right after a phone number.
    pytest.param(
        "Clinic 617 555-0134 opt 3, ext 412 for scheduling",
        "412",
        "PHONE_NUMBER",
        id="dev4-clinic-617-555-0134-opt-3",
    ),
    pytest.param(
        "Call (212) 555-0187 (ext 071) with questions",
        "071",
        "PHONE_NUMBER",
        id="dev4-call-212-555-0187-ext-071",
    ),
]


@pytest.mark.parametrize(("text", "span", "entity"), FOUND_EVENT)
def test_finds_event(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) in found(text)


NOT_AS_EVENT = [
    pytest.param(
        "Electronically signed 2021.06.30 17:05",
        "2021.06.30",
        "PHONE_NUMBER",
        id="dev4-electronically-signed-2021-06-30-17",
    ),
    pytest.param(
        "Electronically signed 2021.06.30 17:05",
        "2021.06.30 17",
        "PHONE_NUMBER",
        id="dev4-electronically-signed-2021-06-30-17",
    ),
    pytest.param(
        "Signed 4/29/2022 1731 by the attending",
        "2022 1731",
        "PHONE_NUMBER",
        id="dev4-signed-4-29-2022-1731-by",
    ),
]


@pytest.mark.parametrize(("text", "span", "entity"), NOT_AS_EVENT)
def test_not_reported_as_event(found, text: str, span: str, entity: str) -> None:
    assert (span, entity) not in found(text)


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
    # Area code in square brackets, extension in brackets.
    pytest.param(
        "Clinic desk [415] 555-0172 for refills",
        "[415] 555-0172",
        "PHONE_NUMBER",
        id="dev5-clinic-desk-415-555-0172-for",
    ),
    pytest.param(
        "PCP office, 415-555-0199 [x2231], faxed",
        "415-555-0199 [x2231]",
        "PHONE_NUMBER",
        id="dev5-pcp-office-415-555-0199-x2231",
    ),
    pytest.param(
        "Reached son at [617] 555-0111 x 204 today",
        "[617] 555-0111 x 204",
        "PHONE_NUMBER",
        id="dev5-reached-son-at-617-555-0111",
    ),
    # UK numbers: international with a six-digit group, and national.
    pytest.param(
        "Surgery Tel: +44 1632 960417 for queries",
        "+44 1632 960417",
        "PHONE_NUMBER",
        id="dev5-surgery-tel-44-1632-960417-for",
    ),
    pytest.param(
        "Fax: 01632 960555 (secure line)",
        "01632 960555",
        "PHONE_NUMBER",
        id="dev5-fax-01632-960555-secure-line",
    ),
    pytest.param(
        "Ward phone 0161 496 0123 overnight",
        "0161 496 0123",
        "PHONE_NUMBER",
        id="dev5-ward-phone-0161-496-0123-overnight",
    ),
    # An extension dialled after a phone number.
    pytest.param(
        "Pharmacy line 617-555-0142, then 7741 at the prompt.",
        "7741",
        "PHONE_NUMBER",
        id="dev5-pharmacy-line-617-555-0142-then",
    ),
    pytest.param(
        "Call (212) 555-0160 and then dial 31 for triage",
        "31",
        "PHONE_NUMBER",
        id="dev5-call-212-555-0160-and-then",
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
    # phones in international layouts with a phone word
    (CuedPhoneRecognizer, "Reach me on mobile: 44 901 2231 after six.", "44 901 2231"),
    (CuedPhoneRecognizer, "Contact\n61-22-90-17 office\n", "61-22-90-17"),
    (CuedPhoneRecognizer, "please stop sending messages to 712 440 093", "712 440 093"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), CONTEXT_POSITIVE)
def test_context_rules_find(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


CONTEXT_NEGATIVE = [
    (CuedPhoneRecognizer, "BP 120 80, pulse 88, platelets 245 000, INR 1.2."),
    (CuedPhoneRecognizer, "Seen in office on 2021-03-04 and 12-04-2021."),
    (CuedPhoneRecognizer, "Lot 4411 2093 expires soon."),
]


@pytest.mark.parametrize(("recognizer", "text"), CONTEXT_NEGATIVE)
def test_context_rules_leave_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


# ----------------------------------------------------------------------------------------------------------
# Phone shapes, legal-form and role companies, and town-shaped places of the `general` profile (issue 3):
# invented sentences, what each rule must find and what it must leave alone (dates, money, lab values,
# clinical text). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


POSITIVE_SHAPES = [
    # phones: North American layouts with any area code, extensions included
    (PhoneShapeRecognizer, "Fax 001-987-654-3210X77 before noon.", "001-987-654-3210X77"),
    (PhoneShapeRecognizer, "Her desk line is 555.123.4567x89 now.", "555.123.4567x89"),
    (PhoneShapeRecognizer, "Reception: (212)555-0199 ext. 4", "(212)555-0199 ext. 4"),
    (PhoneShapeRecognizer, "ring Paul (412) 987654321 tonight", "(412) 987654321"),
    # international with a plus and a trunk prefix or brackets
    (PhoneShapeRecognizer, "she is on +44 (0) 1632 960123.", "+44 (0) 1632 960123"),
    (PhoneShapeRecognizer, "Mobile +61(4)12345678 | web", "+61(4)12345678"),
    (PhoneShapeRecognizer, "questions? +4712-3456789.", "+4712-3456789"),
    # grouped European forms after a cue
    (PhoneShapeRecognizer, "The agent is reachable on 0321-456 78.", "0321-456 78"),
    (PhoneShapeRecognizer, "Kind regards | T 4711.2233 | www.x.example", "4711.2233"),
    (PhoneShapeRecognizer, "Ana Lopes,ana.lopes@mail.example,00123 45678", "00123 45678"),
    (PhoneShapeRecognizer, "Ole Berg,ole@post.example,81234567", "81234567"),
    (PhoneShapeRecognizer, "Please call us on 7788 9900 today.", "7788 9900"),
    # cues in prose and the kind of line after the number in a contact block
    (PhoneShapeRecognizer, "my number is 0612 34 56 78, thanks", "0612 34 56 78"),
    (PhoneShapeRecognizer, "You can reach me at 81 234 567 after six.", "81 234 567"),
    (PhoneShapeRecognizer, "Contact no.: 4455 6677", "4455 6677"),
    (PhoneShapeRecognizer, "Unit 4 Box 12\n512 70 331 office\n", "512 70 331"),
    (PhoneShapeRecognizer, "ph: 358 0594", "358 0594"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE_SHAPES)
def test_finds_shapes(recognizer: type[SpanRecognizer], text: str, span: str) -> None:
    # (sentence punctuation after a span is never part of it: "d.o.o." is reported as "d.o.o")
    assert span.rstrip(".") in spans(recognizer, text)


NEGATIVE = [
    # phones: dates, money, lab values, ranges, codes, clinical numbers
    (PhoneShapeRecognizer, "Seen 2024-05-11 and again 11.05.2024 at 10:30."),
    (PhoneShapeRecognizer, "Total $1,234,567.89 paid; refund €12 345."),
    (PhoneShapeRecognizer, "Na 138, K 4.1, Cr 1.02, WBC 11.2, plt 245 000."),
    (PhoneShapeRecognizer, "BP 120/80, HR 72, weight 70-75 kg, dose 500 mg."),
    (PhoneShapeRecognizer, "Your order number is 2629 0219 and booking no.: 4455 6677."),
    (PhoneShapeRecognizer, "Scores 12 14 16 at home; room 12 office."),
    (PhoneShapeRecognizer, "IBAN GB29 NWBK 6016 1331 9268 19, card 4111 1111 1111 1111."),
    (PhoneShapeRecognizer, "Order 2019 4455 shipped; postcode 1012 AB."),
    (PhoneShapeRecognizer, "Tel: 12.05.2024"),
    (PhoneShapeRecognizer, "Laptop (SN 2745-310-9981), order 212-555-0147 shipped."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[SpanRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_extension_belongs_to_the_phone() -> None:
    assert spans(PhoneShapeRecognizer, "TEL 346-555-0123 X959 | x") == ["346-555-0123 X959"]


def test_one_span_per_phone() -> None:
    assert spans(PhoneShapeRecognizer, "Phone: +90(312)4567890 | Email") == ["+90(312)4567890"]
