"""Person names and user ids in the places staff write them: a surname with a bare initial after a label,
staff initials after "collected by" or "charge", a name and a lower-case initial before a credential,
everyday-word names where a cue puts a name, a lower-case name in a text reply, a nickname in quotes,
and user ids in brackets or parentheses after a signature, a name or a pager; with the clinical text
each rule must leave alone. Examples are invented."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from safecohort.detect.recognizers import (
    InvertedNameRecognizer,
    NicknameNameRecognizer,
    OccupationSubjectRecognizer,
    StaffInitialsRecognizer,
    UsernameRecognizer,
    clinical_recognizers,
)

Found = Callable[[str], list[tuple[str, str]]]

# (note, the text that must be reported, its entity type)
POSITIVE = [
    # "SURNAME, I": the given name's initial without its dot, after a label, a role or "with"/"by".
    ("Referring: OKONKWO, C   Sonographer: Lee", "OKONKWO, C", "PERSON"),
    ("RN MARCHETTI, W / PCT ALINA N.   EXT 3811", "MARCHETTI, W", "PERSON"),
    ("Results discussed with FERRANTE-LOPEZ, J on the 3rd.", "FERRANTE-LOPEZ, J", "PERSON"),
    ("Pt: HALVORSEN, K  (52y)  MRN 0448812", "HALVORSEN, K", "PERSON"),
    # A role without a colon before a name ("PCT" is a patient care technician).
    ("RN KOVAC, K / PCT LUDMILA W.   CHARGE B.M.", "LUDMILA W.", "PERSON"),
    # Staff initials after a cue that says who did the task.
    ("Specimen collected by: QRT | Gram stain: GNR", "QRT", "PERSON"),
    ("Case closed by MKL", "MKL", "PERSON"),
    ("RN KOVAC, K / PCT LUDMILA W.   CHARGE B.M.  EXT 4410", "B.M.", "PERSON"),
    ("Dictated by TPW 2021.03.04", "TPW", "PERSON"),
    # A name and a lower-case initial before a credential; a name before the user id that signs for it.
    ("SPI: Tendai m., RN, CSPI (tema123)", "Tendai m.", "PERSON"),
    ("read back by Oksana d. (u063269). Isolate sent.", "Oksana d.", "PERSON"),
    # Everyday-word names where a cue puts a name.
    ("school adjustment counselor Harlow aware.", "Harlow", "PERSON"),
    ("Coach Journey Pike has been given a copy.", "Journey Pike", "PERSON"),
    ("Hospice medical director B. Okafor accepted the referral.", "B. Okafor", "PERSON"),
    ("Requested by Calla Whitmore for continuity of care.", "Calla Whitmore", "PERSON"),
    ("Father: Kwame. Mother: Lindqvist, Astrid, G2P1.", "Kwame", "PERSON"),
    ("Father: Kwame. Mother: Lindqvist, Astrid, G2P1.", "Lindqvist, Astrid", "PERSON"),
    ("Infant: Lindqvist, Sofie   DOB 1/2/2025", "Lindqvist, Sofie", "PERSON"),
    ("pt texted a friend (Tomasz Pleva) last night", "Tomasz Pleva", "PERSON"),
    ("Caregiver: boyfriend Arlo Finch lives with him", "Arlo Finch", "PERSON"),
    ("scripts written by Hyun-woo Lind, DEA AB1234567", "Hyun-woo Lind", "PERSON"),
    ("Social: parents live nearby; Harmony is a school librarian.", "Harmony", "PERSON"),
    ("NEPH: DR K. OYELARAN | MACHINE 2008T", "K. OYELARAN", "PERSON"),
    ("Patient HALVORSEN, INGRID   DOB 23Nov1997", "HALVORSEN, INGRID", "PERSON"),
    # A text reply in lower case, and a caller introducing themselves.
    ('< reply 09:12: "this is tomasz his boyfriend. she is asleep"', "tomasz", "PERSON"),
    ('< reply: "this is mirela okafor her sister-in-law"', "mirela okafor", "PERSON"),
    ('"Hi, this is Destiny from Dr. Lee\'s office, please call"', "Destiny", "PERSON"),
    # A nickname in quotes between the given name and the surname.
    ('Client: Rosa "Nena" Ibarra  (84 years old)', 'Rosa "Nena" Ibarra', "PERSON"),
    # User ids in brackets or parentheses after a signature, a name's initial, a pager or a credential.
    ("Electronically signed 3/6/2025 14:58  [KWALSH4]", "KWALSH4", "USERNAME"),
    ("Electronically signed 2024.01.18 09:12  [ortizj]", "ortizj", "USERNAME"),
    ("Crisis Services   pgr 8-1234   (doylek)", "doylek", "USERNAME"),
    ("called to RN at 0400 by Marta R. (MROSS7). Prior isolates: none.", "MROSS7", "USERNAME"),
    ("called to RN at 0400 by M.S. (salasm). Prior isolates: none.", "salasm", "USERNAME"),
    ("SPI: Ana Reyes, RN, CSPI (AREYES5)   Case closed.", "AREYES5", "USERNAME"),
    ("OASIS locked by perezmj", "perezmj", "USERNAME"),
    # An initial and a surname as a field's value.
    ("Attending: Ravi Patel   Palliative care: T. Okafor   Chaplain: Ruth", "T. Okafor", "PERSON"),
]

# Clinical text that must stay without a PERSON or USERNAME finding.
NEGATIVE = [
    "Potassium, L  3.1 mmol/L. Sodium, H  149.",
    "Pt: Alert, O x3. BP: 120/80, R arm.",
    "Specimen collected by RN. Closed by ED. Drawn by ICU staff.",
    "CHARGE RN aware. No charge for the visit.",
    "Metoprolol 25 mg p.o. (bid) with meals.",
    'Patient "Feels" Better today. MS C. DIFF positive.',
    "Pharmacy is a resource. The patient is a poor historian. She is a nurse. Hope is a good sign.",
    "daughter (HCP) aware; son (age 12) at home",
    "Gene panel: BRCA1 (BRCA1) negative, signed [see attached].",
    "this is the nurse from the floor; this is his daughter calling back",
    "Assessment: A. Acute kidney injury B. Sepsis. Plan: A. Fib, rate control. Culture: S. aureus.",
]


@pytest.mark.parametrize(("note", "text", "kind"), POSITIVE)
def test_finds_the_name_or_user_id(found: Found, note: str, text: str, kind: str) -> None:
    assert (text, kind) in found(note)


@pytest.mark.parametrize("note", NEGATIVE)
def test_clinical_text_stays_untouched(found: Found, note: str) -> None:
    assert [span for span, kind in found(note) if kind in ("PERSON", "USERNAME")] == []


@pytest.mark.parametrize(
    "recognizer", [StaffInitialsRecognizer, NicknameNameRecognizer, OccupationSubjectRecognizer]
)
def test_new_recognizers_are_registered(recognizer: type) -> None:
    assert any(isinstance(r, recognizer) for r in clinical_recognizers())


@pytest.mark.parametrize(
    ("recognizer", "entity", "text", "expected"),
    [
        (InvertedNameRecognizer(), "PERSON", "Referring: OKONKWO, C   Tech: none", ["OKONKWO, C"]),
        (InvertedNameRecognizer(), "PERSON", "Lungs: Clear, R  Heart: RRR", []),
        (StaffInitialsRecognizer(), "PERSON", "Collected by: SLQ | Gram stain", ["SLQ"]),
        (StaffInitialsRecognizer(), "PERSON", "Collected by: RN | Drawn by: ICU", []),
        (StaffInitialsRecognizer(), "PERSON", "Case closed by R.d.", ["R.d."]),
        (StaffInitialsRecognizer(), "PERSON", "Dose given 9 A.M. CHARGE A.M. shift", []),
        (NicknameNameRecognizer(), "PERSON", 'Client: Elena "Lena" Varga', ['Elena "Lena" Varga']),
        (NicknameNameRecognizer(), "PERSON", 'Pain "Sharp" Today', []),
        (OccupationSubjectRecognizer(), "PERSON", "Marisol is a letter carrier.", ["Marisol"]),
        (OccupationSubjectRecognizer(), "PERSON", "Mother is a teacher; Plan is a trial.", []),
        (UsernameRecognizer(), "USERNAME", "Signed 3/6/2025  [BTRAVIS4]", ["BTRAVIS4"]),
        (UsernameRecognizer(), "USERNAME", "Tylenol 1 g p.o. (prn) for pain", []),
    ],
)
def test_each_recognizer_alone(recognizer, entity: str, text: str, expected: list[str]) -> None:
    """Each rule's own findings, without spaCy or the other recognizers."""
    results = recognizer.analyze(text, [entity])
    assert [text[r.start : r.end] for r in results] == expected
