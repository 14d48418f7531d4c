"""Spanish notes (``notes.language: es``): the blank Spanish tokenizer, the shipped CRF and the rules.

The notes here were written for these tests (not taken from MEDDOCAN, on which the CRF was trained).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safecohort import load_policy
from safecohort.detect.spanish import get_spanish_tagger, kind_of, lines_of_tokens, rule_spans
from safecohort.detect.text import DEFAULT_MODEL, NoteScanner, get_scanner
from safecohort.errors import DetectionError, PolicyError
from safecohort.policy import NotesSpec, parse_policy

NOTE = (
    "Datos del paciente.\n"
    "Nombre: Gregorio.\n"
    "Apellidos: Salcedo Ibarra.\n"
    "NHC: 4418207.\n"
    "Domicilio: Calle Alcalá Galiano, 14, 3º izq.\n"
    "Localidad/ Provincia: Zaragoza.\n"
    "Fecha de ingreso: 03/11/2017.\n"
    "Médico: Inmaculada Ferrer Soto NºCol: 50 50 31877.\n"
    "Correo electrónico: isoto.ferrer@salud.aragon.es\n"
    "Varón de 64 años con hipertensión arterial y diabetes mellitus tipo 2 que acude por disnea de "
    "esfuerzo. La ecocardiografía muestra una fracción de eyección del 35%. Se inicia tratamiento con "
    "furosemida y enalapril con buena evolución clínica.\n"
)


@pytest.fixture(scope="module")
def spanish() -> NoteScanner:
    return get_scanner(DEFAULT_MODEL, NotesSpec(language="es", workers=1))


def _flagged(scanner: NoteScanner, text: str) -> list[str]:
    return [text[f.start : f.end] for f in scanner.scan([text])[0]]


def _touched(scanner: NoteScanner, text: str, word: str) -> bool:
    start = text.index(word)
    return any(f.start < start + len(word) and start < f.end for f in scanner.scan([text])[0])


@pytest.mark.parametrize(
    "word",
    [
        "Gregorio",
        "Salcedo Ibarra",
        "4418207",
        "Alcalá Galiano",
        "Zaragoza",
        "03/11/2017",
        "Inmaculada Ferrer Soto",
        "31877",
        "isoto.ferrer@salud.aragon.es",
    ],
)
def test_spanish_phi_is_found(spanish: NoteScanner, word: str) -> None:
    assert _touched(spanish, NOTE, word), _flagged(spanish, NOTE)


NARRATIVE = (
    "Paciente de 45 años, natural de Cuenca, que acude acompañada de su hija Lucía al Hospital Virgen de la "
    "Salud el 4 de febrero de 2019 por dolor abdominal. Vive en la calle Mayor 12. Atendida por el Dr. Ramón "
    "Iglesias Prada. Remitida desde el Centro de Salud de Arganda. DNI 50123456Z."
)


@pytest.mark.parametrize(
    "word",
    [
        "45 años",
        "Cuenca",
        "Lucía",
        "Virgen de la Salud",
        "4 de febrero de 2019",
        "Mayor 12",
        "Ramón",
        "Iglesias Prada",
        "Arganda",
        "50123456Z",
    ],
)
def test_spanish_phi_in_narrative_is_found(spanish: NoteScanner, word: str) -> None:
    """Running text, not the header layout most training notes open with: the rules' cues carry it."""
    assert _touched(spanish, NARRATIVE, word), _flagged(spanish, NARRATIVE)


def test_spanish_eponyms_stay(spanish: NoteScanner) -> None:
    text = "Enfermedad de Parkinson y síndrome de Down; sonda de Foley; escala de Glasgow 15."
    assert spanish.scan([text]) == [[]]


@pytest.mark.parametrize(
    "word", ["hipertensión", "diabetes", "disnea", "ecocardiografía", "furosemida", "enalapril", "evolución"]
)
def test_spanish_clinical_words_stay(spanish: NoteScanner, word: str) -> None:
    assert not _touched(spanish, NOTE, word), _flagged(spanish, NOTE)


def test_english_stays_the_default() -> None:
    assert NotesSpec().language == "en"
    english = get_scanner(DEFAULT_MODEL, NotesSpec(workers=1))
    assert "PHI" in english.entity_kinds and "RELATIVE" not in english.entity_kinds


def test_policy_filters_apply_to_spanish_findings() -> None:
    only_dates = get_scanner(DEFAULT_MODEL, NotesSpec(language="es", workers=1, phi_entities=["DATE_TIME"]))
    found = only_dates.scan([NOTE])[0]
    assert found and {f.entity_type for f in found} == {"DATE_TIME"}
    listed = NotesSpec(language="es", workers=1, allow_list=["Zaragoza"], deny_list=["fracción de eyección"])
    text_found = _flagged(get_scanner(DEFAULT_MODEL, listed), NOTE)
    assert "Zaragoza" not in text_found and "fracción de eyección" in text_found


def test_unknown_kind_names_the_spanish_kinds() -> None:
    with pytest.raises(DetectionError, match=r"Spanish finds: .*PERSON"):
        NoteScanner(DEFAULT_MODEL, NotesSpec(language="es", phi_entities=["US_SSN"]))


def test_missing_and_blank_notes_give_nothing(spanish: NoteScanner) -> None:
    assert spanish.scan([None, "", "   "]) == [[], [], []]


def test_lines_of_tokens_break_at_line_ends() -> None:
    text = "Nombre: Ana.\n\nNHC: 12345"
    lines = [[text[a:b] for a, b in line] for line in lines_of_tokens(text)]
    assert lines == [["Nombre", ":", "Ana", "."], ["NHC", ":", "12345"]]


def test_rules_find_fixed_forms() -> None:
    text = "Ingreso el 12 de marzo de 2015; NHC 7730215; tel. 976 55 85 63; correo: ana@hospital.es"
    found = {text[a:b]: kind for a, b, kind in rule_spans(text)}
    assert found["12 de marzo de 2015"] == "DATE_TIME"
    assert found["7730215"] == "ID_NUMBER"
    assert found["976 55 85 63"] == "PHONE_NUMBER"
    assert found["ana@hospital.es"] == "EMAIL_ADDRESS"


def test_labels_map_to_kinds() -> None:
    assert kind_of("NOMBRE_PERSONAL_SANITARIO") == "PERSON"
    assert kind_of("SEXO_SUJETO_ASISTENCIA") is None
    assert kind_of("ID_EMPLEO_PERSONAL_SANITARIO") == "ID_NUMBER"
    assert kind_of("OTROS_SUJETO_ASISTENCIA") == "PHI"


def test_the_shipped_tagger_records_its_training() -> None:
    tagger = get_spanish_tagger()
    assert tagger.record["corpora"] == ["../shared/data/meddocan/train.jsonl"]
    assert "train.jsonl" in repr(tagger)


def test_the_bench_policy_loads_and_other_languages_are_refused() -> None:
    path = Path(__file__).resolve().parents[2] / "bench" / "policies" / "spanish.yaml"
    assert load_policy(path).notes.language == "es"
    text = path.read_text(encoding="utf-8").replace("language: es", "language: fr")
    with pytest.raises(PolicyError, match="language"):
        parse_policy(text)
