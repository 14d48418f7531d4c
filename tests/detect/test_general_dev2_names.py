"""Person and organisation names read from fields, roles and sign-offs (general profile).

Examples are invented; each rule has positive cases and negatives that must stay untouched, including
clinical text.
"""

from __future__ import annotations

import pytest

from safecohort.detect.general import (
    ContextNameRecognizer,
    FieldNameRecognizer,
    FieldOrganisationRecognizer,
    RoleCompanyRecognizer,
)


def _people(text: str) -> list[str]:
    return sorted(text[start:end] for start, end, _ in FieldNameRecognizer().find(text))


def _orgs(text: str) -> list[str]:
    return sorted(text[start:end] for start, end, _ in FieldOrganisationRecognizer().find(text))


# --- fields: JSON keys, form labels, CSV columns -------------------------------------------------------


def test_json_name_and_employer_keys_in_any_case() -> None:
    text = '{"first_name": "thảo", "last_name": "nguyễn", "job": "clerk", "employer": "birch-holloway"}'
    assert _people(text) == ["nguyễn", "thảo"]
    assert _orgs(text) == ["birch-holloway"]


def test_json_generic_name_key_needs_a_listed_name_or_a_full_name_shape() -> None:
    assert _people('{"customer": {"name": "Oskar Lindqvist", "dob": "01.02.60"}}') == ["Oskar Lindqvist"]
    assert _people('{"product": {"name": "Blue Widget", "price": 12}}') == []
    assert _people('{"name": "unknown"}') == []
    assert _people("Specimen: blood\nName: Blood Culture\nStatus: final") == []


def test_form_labels() -> None:
    text = (
        "Surname: Okonkwo\nGiven name(s): Adaeze\nreferred by: tomás ibarra\nEmployer: Quillora\nCity: Lyon"
    )
    assert _people(text) == ["Adaeze", "Okonkwo", "tomás ibarra"]
    assert _orgs(text) == ["Quillora"]


def test_form_label_values_that_are_not_names() -> None:
    text = "Surname: n/a\nEmployer: none\nContact: 0161 555 0199\nOrganisation: 12"
    assert _people(text) == []
    assert _orgs(text) == []


def test_csv_columns_named_by_the_header() -> None:
    text = "SURNAME,FORENAME,COUNTRY\nKALNINS,ARVIDS,LATVIA\nTAMM,KADRI,ESTONIA\n\nend"
    assert _people(text) == ["ARVIDS", "KADRI", "KALNINS", "TAMM"]
    race = "pos;name;age;club\n1;Ines Barros;44;Harbour Striders\n2;Ko Mei;31;Quayside AC"
    assert _people(race) == ["Ines Barros", "Ko Mei"]
    assert _orgs(race) == ["Harbour Striders", "Quayside AC"]


def test_csv_without_a_name_column_is_left_alone() -> None:
    text = "drug,dose,route\nmetoprolol,25 mg,PO\nheparin,5000 units,SC"
    assert _people(text) == []
    assert _orgs(text) == []


# --- cued names in chats and reviews -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my neighbour harold says the power is back", ["harold"]),
        ("the manager giulia was so helpful", ["giulia"]),
        ("remind me to ring siobhan on friday", ["siobhan"]),
        ("no, i meant kenji", ["kenji"]),
        ("hey assistant call lorenzo bianchi mobile", ["lorenzo bianchi"]),
        (
            "the bag was handed in by ana dos santos. owner m. da silveira was called",
            ["ana dos santos", "m. da silveira"],
        ),
        ("staying with greta's cousin milo fischer in town", ["greta", "milo fischer"]),
    ],
)
def test_names_after_role_nouns_and_calling_verbs(text: str, expected: list[str]) -> None:
    assert _people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my neighbour says the power is back",
        "please call will tomorrow about it",
        "seen by the manager on call. call back with results.",
        "Discussed with family and nurse. Mother at bedside, son updated by phone.",
        "Patient lives with wife. Brother has diabetes.",
        "Pt is a 67 yo man admitted with chest pain, started on heparin drip.",
    ],
)
def test_no_name_after_cue_words_without_a_listed_name(text: str) -> None:
    assert _people(text) == []


# --- written forms ---------------------------------------------------------------------------------------


def test_cited_authors() -> None:
    text = "Okafor, N., Lindgren, T. and Moreau, E. (2019). Sparse models."
    assert _people(text) == ["Lindgren, T.", "Moreau, E.", "Okafor, N."]


def test_given_name_and_initial_signing_a_review() -> None:
    assert _people("Lovely stay. - Margarida T., Portugal") == ["Margarida T."]
    assert _people("Give Vitamin D. Hepatitis B, negative. Plan A, then B.") == []


def test_surname_in_capitals_before_given_name() -> None:
    assert _people("KOWALCZYK Tomasz of Lublin passed away") == ["KOWALCZYK Tomasz"]
    assert _people("CT Scan of the chest; MRI Brain normal") == []


def test_signature_with_company() -> None:
    text = "Reply by Friday to claim it.\n- Ingrid at Brightmoor"
    assert _people(text) == ["Ingrid"]
    assert _orgs(text) == ["Brightmoor"]
    assert _orgs("Follow up at Clinic.\n- seen at Memorial") == []


# --- organisations ---------------------------------------------------------------------------------------


def test_family_firms_universities_and_shops() -> None:
    assert _orgs("Previously at Okoro & Daughters and Lund and Sons.") == [
        "Lund and Sons",
        "Okoro & Daughters",
    ]
    assert _orgs("BSc Physics, University of Port Elmira (2004)") == ["University of Port Elmira"]
    assert _orgs("Thank you for shopping with Zentaro!") == ["Zentaro"]


def test_no_organisation_in_plain_or_clinical_text() -> None:
    text = "Mother and sons at bedside. Thank you for shopping with us! Seen at the University clinic."
    assert _orgs(text) == []


# --- false positives removed from other rules ----------------------------------------------------------


def test_form_label_before_a_full_name_is_no_speaker() -> None:
    text = "Paid by card\nCardholder: Anneke Vos\nThank you"
    found = [text[s:e] for s, e, _ in ContextNameRecognizer().find(text)]
    assert "Cardholder" not in found
    chat = "Ilse: Are you coming tonight?"
    assert [chat[s:e] for s, e, _ in ContextNameRecognizer().find(chat)] == ["Ilse"]


def test_job_titles_are_no_companies() -> None:
    text = "Wiremu Tane\nPrintmaker\n12 Harbour Road\n\nWORK HISTORY\nOffice Manager\nBrightwell Ltd"
    found = [text[s:e] for s, e, _ in RoleCompanyRecognizer().find(text)]
    assert "Printmaker" not in found
    assert "Office" not in found
    block = "Liisa Korpela\nInnovexa\n14 Harbour Road"
    assert [block[s:e] for s, e, _ in RoleCompanyRecognizer().find(block)] == ["Innovexa"]
