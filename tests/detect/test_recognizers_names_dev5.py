"""Person names and user ids in more of the places staff write them: names opened by spaced initials
("A. D. Gibbs"), care-team attendees with their role in parentheses, a salutation, a field label with a
verb ("NOK notified:"), a preferred name in quotes, a lower-case name in a forwarded text message, staff
initials after "gross by", a post-nominal after a name, and a user id made from the name before it;
with the clinical text each rule must leave alone. Examples are invented."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from safecohort.detect.recognizers import UsernameRecognizer, clinical_recognizers
from safecohort.detect.recognizers.names import (
    ChatNameRecognizer,
    CredentialNameRecognizer,
    InvertedNameRecognizer,
    KinshipNameRecognizer,
    LabelledNameRecognizer,
    NicknameNameRecognizer,
    SpacedInitialsNameRecognizer,
    StaffInitialsRecognizer,
    TitledPersonRecognizer,
)

Found = Callable[[str], list[tuple[str, str]]]

# (note, the text that must be reported, its entity type) through the whole rules
POSITIVE = [
    ("Reviewed with PCP K. J. Ostrowski today.", "K. J. Ostrowski", "PERSON"),
    ("NEONATOLOGY: B. Q. NGUYỄN-TRẦN NOTIFIED AT 0410", "B. Q. NGUYỄN-TRẦN", "PERSON"),
    ("Warm regards,\n\nH. L. Ní Bhriain, MD\nNPI 1234567890", "H. L. Ní Bhriain", "PERSON"),
    ("Team huddle. Attendees: Ilse Varga (SLP); Tomas K. (dietitian).", "Tomas K.", "PERSON"),
    ("Dear Odalys Ferreira:\n\nThis letter confirms", "Odalys Ferreira", "PERSON"),
    ("NOK notified by phone: Bashir, 555-201-3344", "Bashir", "PERSON"),
    ("Supervisor Marisol Quintero drove her to the clinic.", "Marisol Quintero", "PERSON"),
    ("Client: Imogen 'Midge' Halvorsen  61 yr old", "Imogen 'Midge' Halvorsen", "PERSON"),
    ('Resident seen in the day room (prefers "Tilly").', "Tilly", "PERSON"),
    ('msg: "hi its oyelaran my pump alarms, tamsin said u would call"', "oyelaran", "PERSON"),
    ('msg: "hi its oyelaran my pump alarms, tamsin said u would call"', "tamsin", "PERSON"),
    ("Scribed by Priya Venkataraman (pvenkat2) at the bedside.", "pvenkat2", "USERNAME"),
    ("Paged by Ilse R., MLS(ASCP) (xivarga), ext 5512.", "xivarga", "USERNAME"),
]

NEGATIVE = [
    "Culture grew E. coli. Dose at 10 A. M. daily; P. O. intake fair.",
    "RE: Certification of Health Care Provider. Attn: Billing.",
    "Vitamin D (cholecalciferol) 1000 units daily; Tylenol Extra (acetaminophen) prn.",
    "Patient seen with family. Gross by description: tan tissue. Documented by ED staff.",
    "Team: Physical Therapy (PT); Occupational Therapy (OT) both following.",
    "her son ambulates with a walker; his wife is at bedside",
]


@pytest.mark.parametrize(("note", "text", "kind"), POSITIVE)
def test_finds_the_name_or_user_id(found: Found, note: str, text: str, kind: str) -> None:
    assert (text, kind) in found(note)


@pytest.mark.parametrize("note", NEGATIVE)
def test_clinical_text_stays_untouched(found: Found, note: str) -> None:
    assert [span for span, kind in found(note) if kind in ("PERSON", "USERNAME")] == []


def test_spaced_initials_recognizer_is_registered() -> None:
    assert any(isinstance(r, SpacedInitialsNameRecognizer) for r in clinical_recognizers())


@pytest.mark.parametrize(
    ("recognizer", "entity", "text", "expected"),
    [
        (SpacedInitialsNameRecognizer(), "PERSON", "seen by R. T. Abernathy today", ["R. T. Abernathy"]),
        (SpacedInitialsNameRecognizer(), "PERSON", "Cc: P. K. Moon Valley Clinic", ["P. K. Moon Valley"]),
        (SpacedInitialsNameRecognizer(), "PERSON", "Referred by S. J. van Dijk for", ["S. J. van Dijk"]),
        (SpacedInitialsNameRecognizer(), "PERSON", "at 10 A. M. Monday; E. coli; S. aureus", []),
        (SpacedInitialsNameRecognizer(), "PERSON", "grew S. A. Aureus; A. B. Fib", []),
        (
            CredentialNameRecognizer(),
            "PERSON",
            "Attendees: Wren Castillo (SLP); Dov A. (charge RN)",
            ["Wren Castillo", "Dov A."],
        ),
        (CredentialNameRecognizer(), "PERSON", "Referral to Physical Therapy (PT) placed", []),
        (LabelledNameRecognizer(), "PERSON", "Dear Mr. Halloran,\nThank you", ["Halloran"]),
        (LabelledNameRecognizer(), "PERSON", "RE: Authorization of services", []),
        (LabelledNameRecognizer(), "PERSON", "Investigator: Noor Haddad, D-ABMDI  Reviewed", ["Noor Haddad"]),
        (
            LabelledNameRecognizer(),
            "PERSON",
            "Yours sincerely,\n\nDr Ruth Amsel MRCGP\nGMC 123",
            ["Ruth Amsel"],
        ),
        (TitledPersonRecognizer(), "PERSON", "Dr Ruth Amsel FRCS reviewed", ["Ruth Amsel"]),
        (TitledPersonRecognizer(), "PERSON", "Pt Ada Okonkwo-Reyes   94 y/o F", ["Ada Okonkwo-Reyes"]),
        (InvertedNameRecognizer(), "PERSON", "Pt LINDQVIST, Ansel   Age: 91   MRN", ["LINDQVIST, Ansel"]),
        (InvertedNameRecognizer(), "PERSON", "Ivo Marsh, Benefits Administrator\nAcme", []),
        (KinshipNameRecognizer(), "PERSON", "call my grandniece ottilie instead", ["ottilie"]),
        (KinshipNameRecognizer(), "PERSON", "her grandnephew will drive; his son is here", []),
        (ChatNameRecognizer(), "PERSON", "hi its the nurse again, mom said u would call", []),
        (StaffInitialsRecognizer(), "PERSON", "Gross by QK. Grossed by: TL", ["QK", "TL"]),
        (StaffInitialsRecognizer(), "PERSON", "Documented by ED on 3/2; gross by RN", []),
        (NicknameNameRecognizer(), "PERSON", "Patient prefers 'Sunny' and goes by \"Bo\"", ["Sunny", "Bo"]),
        (NicknameNameRecognizer(), "PERSON", 'She prefers "Water" at night', []),
        (UsernameRecognizer(), "USERNAME", "Scribed by Dagny Holm (DHOLM22) in", ["DHOLM22"]),
        (UsernameRecognizer(), "USERNAME", "Aspirin Low (acetylsalicylic) daily", []),
        (UsernameRecognizer(), "USERNAME", "Lina B. (dietitian); Bo Li, RN (retired)", []),
    ],
)
def test_each_recognizer_alone(recognizer, entity: str, text: str, expected: list[str]) -> None:
    """Each rule's own findings, without spaCy or the other recognizers."""
    results = recognizer.analyze(text, [entity])
    assert sorted(text[r.start : r.end] for r in results) == sorted(expected)
