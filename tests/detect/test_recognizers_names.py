"""Clinical person names through the real analyzer and spaCy model: names written surname first, with
particles and letters beyond ASCII, before roles and credentials, after kinship words, in hand-offs and
chat; and the clinical text and everyday words that must stay untouched."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from safecohort.detect.recognizers import (
    CapitalsLabelNameRecognizer,
    ChatNameRecognizer,
    HandoffNameRecognizer,
    InvertedNameRecognizer,
    KinshipNameRecognizer,
    _name_end,
    _name_start,
    clinical_recognizers,
)
from safecohort.detect.recognizers.names import InitialledNameRecognizer, NameInitialsRecognizer

Found = Callable[[str], list[tuple[str, str]]]

# (note, the name that must be reported as a PERSON span, exactly)
POSITIVE = [
    # "Surname, Given M." anywhere, and "SURNAME, GIVEN" after a label.
    ("Read by Harris, Thuy V. (attending) with Bradley K. (fellow).", "Harris, Thuy V."),
    ("Pt LaFleur, Deacon D. | E8676161 | 81 y", "LaFleur, Deacon D."),
    ("Patient Tuilagi, Crystal N. (61) joined from a car", "Tuilagi, Crystal N."),
    ("Decedent: Medeiros, Esperanza L.   Age: 95", "Medeiros, Esperanza L."),
    ("ID BAND: MOSS, DESMOND  E1850813  CODE STATUS: FULL", "MOSS, DESMOND"),
    ("Employee: FARAH, AOIFE   Job title: roofer", "FARAH, AOIFE"),
    ("HEMATOPATHOLOGY REPORT\nMOORE, FATIMA | F | 85 y", "MOORE, FATIMA"),
    ("Scribed in the presence of Guest, Star T., MD.", "Guest, Star T."),
    # Particles, multi-part surnames, letters beyond ASCII.
    ("Copy to Dr. Mac an tSaoir and to the Office", "Mac an tSaoir"),
    ("Attending pathologist dos Santos, Oksana S., MD.", "dos Santos, Oksana S."),
    ("Employee: LE BLANC, NGOZI   Job title: seamstress", "LE BLANC, NGOZI"),
    ("Attending Çelik, Sunny C., MD (NPI 2696562502).", "Çelik, Sunny C."),
    ("Sitter Ayşe B. until 2300.", "Ayşe B."),
    ("ID BAND: VAN WYK^TOMÁS^T  E4734175", "VAN WYK^TOMÁS^T"),
    ("Patient Yerlan Mac an tSaoir (31) joined", "Yerlan Mac an tSaoir"),
    ("PATIENT HYUN-JOO ACHTERBERG   DOB 10-18-1968", "HYUN-JOO ACHTERBERG"),
    # Roles and credentials after a name, roles before it.
    ("Crew: Leah D. (EMT-P), Deacon Rivers (EMT-B).", "Leah D."),
    ("assisted by Hyun-woo Mahlangu (diener).", "Hyun-woo Mahlangu"),
    ("Genetic counseling: Fionn Oduya, MS, CGC, 570/493-0921.", "Fionn Oduya"),
    ("Noble, Sunny V., PA-C", "Noble, Sunny V."),
    ("obtained from her partner, Olusegun Winter (HCP), by phone", "Olusegun Winter"),
    ("Sedation RN Major. Consent: written.", "Major"),
    ("Critical result: called to PA Osborne at 70472.", "Osborne"),
    ("carrier The Hartford, adjuster Abebe O.\nThe above employee", "Abebe O."),
    ("Appt made for 5/1 w/ R. Raghavan.", "R. Raghavan"),
    # Relatives and lone first names after kinship cues.
    ("says his stepson jimmy is on the way", "jimmy"),
    ("lives with her grandson, Desmond, who comes to visits", "Desmond"),
    ("IN FROM BRISTOL WITH A FRIEND, GIOVANNI; HCP PAPERWORK ON CHART", "GIOVANNI"),
    ("and Royal Baker from church drives her to appointments", "Royal Baker"),
    ("authorized by goddaughter Moses, Alexa; extent: complete.", "Moses, Alexa"),
    ("I am writing on behalf of my patient, June Przybylski, to appeal", "June Przybylski"),
    ("lives in a walk-up. Her partner Honor, a cashier, helps.", "Honor"),
    # Hand-offs and chat.
    ("Bedside handoff around 7p -- Kalani handing over to Blessing d.\nRm 337", "Kalani"),
    ("Bedside handoff around 7p -- Kalani handing over to Blessing d.\nRm 337", "Blessing d."),
    ("Synthesis: Star read back, no questions.", "Star"),
    ("depends on the echo. loop in Tendai from CM pls", "Tendai"),
    ("depends on the echo. loop in koffi from CM pls", "koffi"),
    ("Questions: call Eitan at (351)482-4103 or write to us", "Eitan"),
    ("jdoe1: hey, mary in 412 says her aunt is here", "mary"),
    ("jdoe1: hey, king in 412 says his son is here", "king"),
]

# Clinical text and everyday words that must not become a PERSON anywhere in the note.
NEGATIVE = [
    "Major bleeding risk discussed; star-shaped laceration; no blessing of the procedure requested.",
    "Hope to wean off pressors tomorrow. Grace period for the appointment.",
    "History of Parkinson's disease and Graves' disease, on levothyroxine.",
    "Foley in place, Jackson-Pratt drain with serosanguinous output.",
    "Na 138, K 4.1, Cl 101, Hgb 9.8, Plt 210.",
    "PATIENT RESTING COMFORTABLY. PT AMBULATING WITH ASSIST. NO DISTRESS.",
    "Lungs: Clear, Equal B. Heart: regular.",
    "his son is on the way; her friend will call back; their daughter was here.",
    "Call Cardiology at x4455 if worse; page Ortho at 5-1234.",
    "loop in social work from CM re: placement.",
    "Results read back and verified.",
    "Metoprolol, Lisinopril, Atorvastatin, Aspirin daily.",
    "CXR PA AND LATERAL: no acute process. Chest PA Lateral views.",
    "Ambulance crew arrived at 1400; patient transferred via stretcher.",
    "Insurance verified: BCBS PPO 168350796135. Coverage verified: Medicare.",
]


@pytest.mark.parametrize(("note", "name"), POSITIVE)
def test_finds_the_name(found: Found, note: str, name: str) -> None:
    assert (name, "PERSON") in found(note)


@pytest.mark.parametrize("note", NEGATIVE)
def test_clinical_text_has_no_person(found: Found, note: str) -> None:
    assert [span for span, kind in found(note) if kind == "PERSON"] == []


def test_everyday_word_names_only_in_a_name_slot(found: Found) -> None:
    """ "Star", "Major", "Royal" are names after a cue and words elsewhere in the same note."""
    note = "Synthesis: Star read back. Star-shaped wound. Sedation RN Major. Major bleeding risk low."
    persons = [span for span, kind in found(note) if kind == "PERSON"]
    assert persons == ["Star", "Major"]


def test_role_words_are_not_part_of_the_name(found: Found) -> None:
    note = "ORDERING Walter, Anne Y., MD (NPI 2528965590). Attending Hyun-woo Sandoval-Ruiz, MD."
    persons = [span for span, kind in found(note) if kind == "PERSON"]
    assert persons == ["Walter, Anne Y.", "Hyun-woo Sandoval-Ruiz"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Prosector Tracy Stokes, MD", "Tracy Stokes"),
        ("ORDERING Rebecca Gomez", "Rebecca Gomez"),
        ("Grace Anderson   DOB", "Grace Anderson"),
        ("AOIFE\tJob", "AOIFE"),
        ("Abebe White RN", "Abebe White"),
        ("Fionn Oduya, MS, CGC", "Fionn Oduya"),
        ("James at", "James"),
    ],
)
def test_ner_name_spans_are_trimmed(text: str, name: str) -> None:
    """A name spaCy found loses the role word before it, the next form field and the credential after it."""
    start = _name_start(text, 0, len(text))
    assert text[start : _name_end(text, start, len(text))] == name


def test_a_name_stops_before_the_words_after_it(found: Found) -> None:
    persons = [
        span for span, kind in found("SW BRIAN RIVERS MET FAMILY RE: TRAVEL LODGING.") if kind == "PERSON"
    ]
    assert persons == ["BRIAN RIVERS"]
    note = "To: Nayeli Rodriguez, Human Resources, Swanson Landscaping"
    assert ("Nayeli Rodriguez", "PERSON") in found(note)
    assert not any("Human" in span for span, _ in found(note))


@pytest.mark.parametrize(
    "recognizer",
    [
        InvertedNameRecognizer,
        KinshipNameRecognizer,
        HandoffNameRecognizer,
        ChatNameRecognizer,
        CapitalsLabelNameRecognizer,
    ],
)
def test_name_recognizers_are_registered(recognizer: type) -> None:
    assert any(isinstance(r, recognizer) for r in clinical_recognizers())


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    [
        (InvertedNameRecognizer(), "Read by Harris, Thuy V. today", ["Harris, Thuy V."]),
        (InvertedNameRecognizer(), "Lungs: Clear, Equal B. Heart: RRR", []),
        (KinshipNameRecognizer(), "his stepson jimmy called", ["jimmy"]),
        (KinshipNameRecognizer(), "his son will call; her son is here", []),
        (HandoffNameRecognizer(), "-- Kalani handing over to Ana", ["Kalani"]),
        (HandoffNameRecognizer(), "Orders read back and verified", []),
        (ChatNameRecognizer(), "hey, mary in 412 says hi", ["mary"]),
        (ChatNameRecognizer(), "hey, someone in 412 says hi", []),
        (CapitalsLabelNameRecognizer(), "PATIENT HYUN-JOO ACHTERBERG   DOB", ["HYUN-JOO ACHTERBERG"]),
        (CapitalsLabelNameRecognizer(), "PATIENT AMBULATING, VOIDING WELL", []),
    ],
)
def test_each_recognizer_alone(recognizer, text: str, expected: list[str]) -> None:
    """Each new recognizer's own findings, without spaCy or the other recognizers."""
    results = recognizer.analyze(text, ["PERSON"])
    assert [text[r.start : r.end] for r in results] == expected


# --- initials, inverted names with an initial, names before identifiers, credentials ------------------

INITIALLED_POSITIVE = [
    # Several initials before a surname, before a credential or a pager.
    ("SURGEON ASSIST: K.L. Okonkwo, PA-C", "K.L. Okonkwo"),
    ("Read by B.J. Lindqvist, MD, FACC. Tech: none.", "B.J. Lindqvist"),
    ("Overnight cross-cover: R.T. Abernathy, pgr 44120.", "R.T. Abernathy"),
    ("Note by Pablo R Esquivel, MD on 3/2.", "Pablo R Esquivel"),
    ("Charge RN: Hannah J ter Horst, RN   ext 2210", "Hannah J ter Horst"),
    ("P. OYELARAN, BSN RN CCRN  PGR 7723", "P. OYELARAN"),
    # Initials after a preposition or a sign-off verb.
    ("Return visit with G. Abernathy in 3 weeks.", "G. Abernathy"),
    ("WOUND CARE ORDERS PER V. KOWALCZYK. TURN Q2H.", "V. KOWALCZYK"),
    ("REQUEST FROM J. DE LA FUENTE FOR OSTOMY SUPPLIES.", "J. DE LA FUENTE"),
    ("Entered by tech (e12345) -- cosign M.B. Adeyemi", "M.B. Adeyemi"),
    ("message left on home phone for R.K. to call back", "R.K."),
    ("Discussed with P.T. (neonatology fellow) who agrees.", "P.T."),
    ("Reviewed with Ivana Petrakis (I.P.), charge RN.", "I.P."),
    ("Follow up with Okonkwo in 6 weeks.", "Okonkwo"),
    # Surname and an initial for the given name; inverted names before an identifier.
    ("Dictated by:\nLindqvist, B., MD", "Lindqvist, B."),
    ("handed to night RN Abernathy, G. at 1900", "Abernathy, G."),
    ("Called her sister Ferreira-Lund, K. by phone.", "Ferreira-Lund, K."),
    ("Donor: Halvorsen, Ingrid   MRN 4455123", "Halvorsen, Ingrid"),
    ("REFERRAL -- OYELARAN, TEMITOPE, DOB 01/02/1960", "OYELARAN, TEMITOPE"),
    ("Lindqvist, Marta (MRN 7712) is a 44 y/o G2P1", "Lindqvist, Marta"),
    ("on behalf of pt Ferreira, Joana, 71-year-old", "Ferreira, Joana"),
    ("PT OYELARAN (72YO) MRN 11 RM 4", "OYELARAN"),
    # Relatives: father of the baby, a doula, a fiancée, initials after a kinship word.
    ("Support person: FOB Tavita at bedside.", "Tavita"),
    ("Consent reviewed with her fiancée, Ottilie Brandvold, today.", "Ottilie Brandvold"),
    ("PT'S NEPHEW K.O. AT BEDSIDE FOR TEACHING.", "K.O."),
]

INITIALLED_NEGATIVE = [
    "Urine culture with E. coli >100k; repeat culture from S. aureus wound swab.",
    "Started for H. pylori per GI; flagyl for C. diff.",
    "Dose given at 9 A.M. for A.M. labs; meds per P.O. route.",
    "CC: VB after intercourse. CC: LOF since 0300.",
    "Signed by RN CCRN BSN.",
    "Emergency Department (ED) visit yesterday; Blood Pressure (BP) stable.",
    "Plan: Cardiology to follow, f/u with Cardiology in 2 weeks.",
    "PT AMBULATING (2X) IN HALL. PATIENT TOLERATED (5/10 PAIN).",
]


@pytest.mark.parametrize(("note", "name"), INITIALLED_POSITIVE)
def test_finds_initialled_and_inverted_names(found: Found, note: str, name: str) -> None:
    assert (name, "PERSON") in found(note)


@pytest.mark.parametrize("note", INITIALLED_NEGATIVE)
def test_abbreviations_and_species_are_no_person(found: Found, note: str) -> None:
    assert [span for span, kind in found(note) if kind == "PERSON"] == []


def test_credentials_are_not_names(found: Found) -> None:
    note = "Interpreted by Ngozi Adeyemi, MD, FASNC. Tech: Lars Berg, CNMT. Triage RN: Eva Holm, RNC-OB"
    persons = [span for span, kind in found(note) if kind == "PERSON"]
    assert sorted(persons) == ["Eva Holm", "Lars Berg", "Ngozi Adeyemi"]


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    [
        (InitialledNameRecognizer(), "Appt made with T. Haugen at clinic", ["T. Haugen"]),
        (InitialledNameRecognizer(), "grew E. coli and K. pneumoniae", []),
        (InitialledNameRecognizer(), "given for A.M. dose", []),
        (NameInitialsRecognizer(), "-- Sigrid Haugen (S.H.), RN", ["S.H."]),
        (NameInitialsRecognizer(), "Intensive Care (IC), Short Stay (S.S.)", []),
        (InvertedNameRecognizer(), "Dictated by Haugen, T., MD", ["Haugen, T."]),
        (InvertedNameRecognizer(), "Lungs, A. Heart, B.", []),
    ],
)
def test_initial_recognizers_alone(recognizer, text: str, expected: list[str]) -> None:
    results = recognizer.analyze(text, ["PERSON"])
    assert [text[r.start : r.end] for r in results] == expected


@pytest.mark.parametrize("recognizer", [InitialledNameRecognizer, NameInitialsRecognizer])
def test_initial_recognizers_are_registered(recognizer: type) -> None:
    assert any(isinstance(r, recognizer) for r in clinical_recognizers())


@pytest.mark.parametrize(
    ("text", "name"),
    [("CWOCN", ""), ("Doula Ines Brandt", "Ines Brandt"), ("STEPDAUGHTER EMILY", "EMILY")],
)
def test_ner_spans_lose_credentials_and_relations(text: str, name: str) -> None:
    start = _name_start(text, 0, len(text))
    assert text[start : _name_end(text, start, len(text))] == name
