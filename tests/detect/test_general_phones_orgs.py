"""Phone shapes, legal-form and role companies, and town-shaped places of the `general` profile (issue 3):
invented sentences, what each rule must find and what it must leave alone (dates, money, lab values,
clinical text). Recognizers run directly, without the spaCy pipeline."""

from __future__ import annotations

import pytest

from safecohort.detect.general import (
    BrandRoleRecognizer,
    GeneralRecognizer,
    LegalFormCompanyRecognizer,
    PhoneShapeRecognizer,
    TownShapeRecognizer,
    general_recognizers,
)


def spans(recognizer: type[GeneralRecognizer], text: str) -> list[str]:
    """The texts the recognizer reports in ``text``."""
    found = recognizer()
    entity = found.supported_entities[0]
    return [text[r.start : r.end] for r in found.analyze(text, [entity], None)]  # no NLP artifacts read


POSITIVE = [
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
    # invented and real towns by their shape
    (TownShapeRecognizer, "He grew up in Harrisonview before the war.", "Harrisonview"),
    (TownShapeRecognizer, "SHIP TO: SOUTH KAYLACHESTER", "SOUTH KAYLACHESTER"),
    (TownShapeRecognizer, "we drove to Port Natalie on Sunday", "Port Natalie"),
    (TownShapeRecognizer, "born in San Pedro los altos, Mexico", "San Pedro los altos"),
    (TownShapeRecognizer, "a farm near Souza dos Dourados", "Souza dos Dourados"),
    (TownShapeRecognizer, "a teacher from Kiskunfélegyháza, retired", "Kiskunfélegyháza"),
    (TownShapeRecognizer, "Country: Portugal | Source: web", "Portugal"),
    (TownShapeRecognizer, "She moved to UK last year.", "UK"),
    (TownShapeRecognizer, "send it to lipová 12, hradec 500 02. thanks", "hradec"),
    (TownShapeRecognizer, "Mailing: Lake Hollis, OR 97035", "Lake Hollis, OR"),
]


@pytest.mark.parametrize(("recognizer", "text", "span"), POSITIVE)
def test_finds(recognizer: type[GeneralRecognizer], text: str, span: str) -> None:
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
    # towns: names, common words and clinical text stay alone
    (TownShapeRecognizer, "Johnston came in with chest pain."),
    (TownShapeRecognizer, "At the bedside, the patient was stable."),
    (TownShapeRecognizer, "TELL US NOW, said the nurse."),
    (TownShapeRecognizer, "room 59, tiny but clean."),
    (TownShapeRecognizer, "New onset AF; Lower limb oedema."),
]


@pytest.mark.parametrize(("recognizer", "text"), NEGATIVE)
def test_leaves_alone(recognizer: type[GeneralRecognizer], text: str) -> None:
    assert spans(recognizer, text) == []


def test_extension_belongs_to_the_phone() -> None:
    assert spans(PhoneShapeRecognizer, "TEL 346-555-0123 X959 | x") == ["346-555-0123 X959"]


def test_one_span_per_phone() -> None:
    assert spans(PhoneShapeRecognizer, "Phone: +90(312)4567890 | Email") == ["+90(312)4567890"]


def test_capitals_stop_at_words_that_are_not_names() -> None:
    assert spans(LegalFormCompanyRecognizer, "ZIMMER QUITS HOFFMANN GMBH") == ["HOFFMANN GMBH"]


def test_lower_case_body_stops_at_title_case() -> None:
    assert spans(LegalFormCompanyRecognizer, "(Nemocniční lékárník, Dvořák s.r.o.).") == ["Dvořák s.r.o"]


def test_new_recognizers_are_registered_and_not_clinical_safe() -> None:
    names = {type(r).__name__ for r in general_recognizers()}
    assert {"PhoneShapeRecognizer", "LegalFormCompanyRecognizer", "TownShapeRecognizer"} <= names
    assert "BrandRoleRecognizer" in names
    clinical = {type(r).__name__ for r in general_recognizers(clinical_safe_only=True)}
    assert not clinical & {
        "PhoneShapeRecognizer",
        "LegalFormCompanyRecognizer",
        "TownShapeRecognizer",
        "BrandRoleRecognizer",
    }
