"""Companies of general text: by their legal form, an English suffix or a cue, a role, a brand, a contact
block or a form field; recognizers run on their own."""

from __future__ import annotations

import pytest
from presidio_analyzer import EntityRecognizer

from helpers.recognizers import spans
from safecohort.detect.recognizers import (
    BrandRoleRecognizer,
    CompanyRecognizer,
    LegalFormCompanyRecognizer,
    RoleCompanyRecognizer,
    SpanRecognizer,
)

# ----------------------------------------------------------------------------------------------------------
# Each general-PII recognizer on invented sentences: what it must find, and what it must leave alone
# (clinical words, eponyms, drugs, lab values). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


POSITIVE_GENERAL = [
    # companies
    (CompanyRecognizer, "She is employed at Microbilt Corporation now.", "Microbilt Corporation"),
    (CompanyRecognizer, "Invoices go to Hawkins, Richardson and Santana.", "Hawkins, Richardson and Santana"),
    (CompanyRecognizer, "I worked with Weeks-Rivas for a year.", "Weeks-Rivas"),
    (CompanyRecognizer, "He said he works for Quarnix Analytics.", "Quarnix Analytics"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE_GENERAL)
def test_finds_general(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


NEGATIVE_GENERAL = [
    (CompanyRecognizer, "Dr. Hope reviewed the case. Labs pending."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE_GENERAL)
def test_leaves_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


# --- context rules: names, companies, phones and years read from the sentence, not from lists ---------

CONTEXT_POSITIVE = [
    # companies by their role in the sentence
    (RoleCompanyRecognizer, "Quarnix is a logistics startup based in Lyon.", "Quarnix"),
    (RoleCompanyRecognizer, "I read it on the Zentrobe website yesterday.", "Zentrobe"),
    (RoleCompanyRecognizer, "Tuula Rantanen of Zentrobe, and others.", "Zentrobe"),
    (RoleCompanyRecognizer, "Guests included Zentrobe's Tuula Rantanen.", "Zentrobe"),
    (RoleCompanyRecognizer, "the demo recorded for brightloop became a hit", "brightloop"),
    (RoleCompanyRecognizer, "she is from quarnix holdings ltd. now", "quarnix holdings ltd"),
    (RoleCompanyRecognizer, "Tuula Rantanen\nZentrobe\n4 Elm Street\nLyon", "Zentrobe"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), CONTEXT_POSITIVE)
def test_context_rules_find(recognizer: type[EntityRecognizer], text: str, span: str) -> None:
    assert span in spans(recognizer, text)


CONTEXT_NEGATIVE = [
    (RoleCompanyRecognizer, "Foley catheter removed. Patient is a pleasant man."),
    (RoleCompanyRecognizer, "Nora is a nurse on the ward."),
    (RoleCompanyRecognizer, "She is from the clinic and works for herself."),
]


@pytest.mark.parametrize(("recognizer", "text"), CONTEXT_NEGATIVE)
def test_context_rules_leave_alone(recognizer: type[EntityRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_company_possessive_is_not_part_of_the_company() -> None:
    text = "Tuula Rantanen of Gradiant Research LLC's board spoke."
    assert all(not span.endswith("'s") for span in spans(RoleCompanyRecognizer, text))


# ----------------------------------------------------------------------------------------------------------
# Person and organisation names read from fields, roles and sign-offs (general profile).
#
# Examples are invented; each rule has positive cases and negatives that must stay untouched, including
# clinical text.
#
# Written when the dev2 split of a bench corpus was studied.
# ----------------------------------------------------------------------------------------------------------


def test_job_titles_are_no_companies() -> None:
    text = "Wiremu Tane\nPrintmaker\n12 Harbour Road\n\nWORK HISTORY\nOffice Manager\nBrightwell Ltd"
    found = [text[s:e] for s, e, _ in RoleCompanyRecognizer().find(text)]
    assert "Printmaker" not in found
    assert "Office" not in found
    block = "Liisa Korpela\nInnovexa\n14 Harbour Road"
    assert [block[s:e] for s, e, _ in RoleCompanyRecognizer().find(block)] == ["Innovexa"]


# ----------------------------------------------------------------------------------------------------------
# Phone shapes, legal-form and role companies, and town-shaped places of the `general` profile (issue 3):
# invented sentences, what each rule must find and what it must leave alone (dates, money, lab values,
# clinical text). Recognizers run directly, without the spaCy pipeline.
# ----------------------------------------------------------------------------------------------------------


POSITIVE_SHAPES = [
    # companies with a legal form of many countries
    (LegalFormCompanyRecognizer, "The invoice from Lindqvist Oy arrived.", "Lindqvist Oy"),
    (LegalFormCompanyRecognizer, "Supplier: Holm & Vestergaard A/S | Email", "Holm & Vestergaard A/S"),
    (LegalFormCompanyRecognizer, "Visit Novak Horvat d.o.o. in May.", "Novak Horvat d.o.o."),
    (
        LegalFormCompanyRecognizer,
        "contract with Rinaldi, Ferro e Gallo s.r.l. signed",
        "Rinaldi, Ferro e Gallo s.r.l.",
    ),
    (LegalFormCompanyRecognizer, "Girard Dubois et Fils opened a shop", "Girard Dubois et Fils"),
    (LegalFormCompanyRecognizer, "KLEIN LEAVES BRANDT GMBH TODAY", "BRANDT GMBH"),
    (LegalFormCompanyRecognizer, "we met Jansen Van Dijk CV staff", "Jansen Van Dijk CV"),
    (LegalFormCompanyRecognizer, "delivered by kowalczyk sp. z o.o. yesterday", "kowalczyk sp. z o.o."),
    (LegalFormCompanyRecognizer, "Mrs. Berg (Sales, Dvořák s.r.o.) called", "Dvořák s.r.o."),
    # companies from the role they play
    (BrandRoleRecognizer, "In 2019 she joined Quorvanta as a designer.", "Quorvanta"),
    (BrandRoleRecognizer, "He works at Blendoria in Leeds.", "Blendoria"),
    (BrandRoleRecognizer, "the CEO of Tarrow Brothers said so", "Tarrow Brothers"),
    (BrandRoleRecognizer, "Zentrivo's CEO resigned on Monday.", "Zentrivo"),
    (BrandRoleRecognizer, "Lumetrix announced a new product.", "Lumetrix"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE_SHAPES)
def test_finds_shapes(recognizer: type[SpanRecognizer], text: str, span: str) -> None:
    # (sentence punctuation after a span is never part of it: "d.o.o." is reported as "d.o.o")
    assert span.rstrip(".") in spans(recognizer, text)


NEGATIVE_SHAPES = [
    # companies: clinical text, English words before a short legal form, lone forms
    (LegalFormCompanyRecognizer, "Please attach My CV and the AB negative result."),
    (LegalFormCompanyRecognizer, "Patient is AS positive; SD plates noted."),
    (LegalFormCompanyRecognizer, "Given 2 mg IV, then PO AG ratio checked."),
    (LegalFormCompanyRecognizer, "PLAN: WEAN AS TOLERATED, DRESSING CHANGED"),
    (BrandRoleRecognizer, "I joined Marketing last year."),
    (BrandRoleRecognizer, "He joined the Army at 18."),
    (BrandRoleRecognizer, "Sarah announced her pregnancy."),
    (BrandRoleRecognizer, "She works at the hospital on weekends."),
    (BrandRoleRecognizer, "Paris announced new rules."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE_SHAPES)
def test_leaves_alone_shapes(recognizer: type[SpanRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_capitals_stop_at_words_that_are_not_names() -> None:
    assert spans(LegalFormCompanyRecognizer, "ZIMMER QUITS HOFFMANN GMBH") == ["HOFFMANN GMBH"]


def test_lower_case_body_stops_at_title_case() -> None:
    assert spans(LegalFormCompanyRecognizer, "(Nemocniční lékárník, Dvořák s.r.o.).") == ["Dvořák s.r.o"]
