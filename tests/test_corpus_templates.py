"""The corpus generators' template files (scripts/corpus_templates/): they load with yaml.safe_load, have
only the keys the format allows, and every name or slot they use is one the generator knows; a template
that breaks one of these rules is refused with a message naming it."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "scripts" / "corpus_templates"


@pytest.fixture(scope="module")
def clinical() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "scripts" / "make_clinical_corpus.py"), run_name="make_clinical_corpus")


@pytest.fixture(scope="module")
def general() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "scripts" / "make_general_corpus.py"), run_name="make_general_corpus")


@pytest.fixture(scope="module")
def known(clinical: dict[str, Any]) -> set[str]:
    """Every name a clinical template may read (the World's draws, fillers, word lists, labels...)."""
    return set(clinical["vocabulary"](clinical["World"](clinical["SEED"]), clinical["Note"]()))


def test_every_template_file_is_read(clinical: dict[str, Any], general: dict[str, Any]) -> None:
    clinical_files = {path.stem for path in (TEMPLATES / "clinical").glob("*.yaml")}
    assert clinical_files == {*clinical["STYLES"], "material"}
    assert {path.stem for path in (TEMPLATES / "general").glob("*.yaml")} == set(general["SPLIT_TEMPLATES"])
    assert (TEMPLATES / "README.md").is_file()


def test_the_readmes_clinical_example_is_a_valid_template(clinical: dict[str, Any], known: set[str]) -> None:
    """The example in scripts/corpus_templates/README.md loads, reads only known names and writes a note."""
    readme = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Clinical templates", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    entry = yaml.safe_load(example)["templates"][0]
    clinical["check_steps"](entry["steps"], "README")
    template = clinical["Template"](entry["name"], "nursing", entry["split"], entry["steps"])
    assert clinical["unknown_names"](template, known) == []
    note = clinical["Note"]()
    clinical["Run"](clinical["World"](clinical["SEED"]), note).steps(template.steps)
    text, spans = note.finish()
    assert text.startswith("NPN ") and text == text.upper() and spans


def test_clinical_material_is_lists_of_text(clinical: dict[str, Any], known: set[str]) -> None:
    """material.yaml: named lists (of strings, or of cases that are lists of strings), all visible to
    templates, none shadowing a name the generator defines."""
    material = clinical["MATERIAL"]
    assert len(material) >= 20 and set(material) <= known
    for name, items in material.items():
        assert name.isupper() and items and isinstance(items, tuple), name
        for item in items:
            assert isinstance(item, str | tuple), name
    defined_in_code = {name for name in clinical if name.isupper()} - {"MATERIAL"}
    assert set(material) & defined_in_code == {"MEDS", "COURSE"}  # the two fillers draw from too


def test_clinical_templates_use_only_known_names(clinical: dict[str, Any], known: set[str]) -> None:
    templates = clinical["load_templates"]()
    assert len(templates) == 91
    assert {t.split for t in templates} == set(clinical["SPLITS"])
    unknown = {t.name: clinical["unknown_names"](t, known) for t in templates}
    assert not {name: names for name, names in unknown.items() if names}


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("{persn()}", ["persn"]),  # a misspelt filler
        ("{DOCTOR(doc.last)}", ["doc"]),  # a variable no step bound
        ("{num(1, 3)} and {{literal braces}} {pt.last:>10}", []),
    ],
)
def test_an_unknown_name_is_reported(
    clinical: dict[str, Any], known: set[str], text: str, unknown: list[str]
) -> None:
    steps = [{"let": {"pt": "person()"}}, {"text": text}]
    template = clinical["Template"]("probe", "nursing", "dev", steps)
    assert clinical["unknown_names"](template, known) == unknown


@pytest.mark.parametrize(
    "source",
    ["__import__('os')", "pt.__class__", "(lambda: 1)()", "num(1,", "{x for x in PMH}"],
    ids=["dunder-call", "dunder-attribute", "lambda", "syntax-error", "set-comprehension"],
)
def test_a_forbidden_expression_is_refused(clinical: dict[str, Any], known: set[str], source: str) -> None:
    template = clinical["Template"]("probe", "nursing", "dev", [{"run": source}])
    with pytest.raises(clinical["TemplateError"]):
        clinical["unknown_names"](template, known)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("  - name: probe\n    split: dev\n    steps: []\n    author: me\n", "keys"),
        ("  - name: probe\n    split: dev9\n    steps: []\n", "dev9"),
        ("  - name: probe\n    split: dev\n    steps:\n      - txt: hello\n", "not one of"),
        (
            "  - name: probe\n    split: dev\n    steps:\n      - text: a\n        with: {}\n        if: x\n",
            "not one of",
        ),
        ("  - name: nursing_icu_night\n    split: dev\n    steps: []\n", "unique"),
    ],
    ids=["unknown-template-key", "unknown-split", "unknown-step", "extra-step-key", "duplicate-name"],
)
def test_a_malformed_clinical_file_is_refused(
    clinical: dict[str, Any], tmp_path: Path, bad: str, message: str
) -> None:
    folder = tmp_path / "clinical"
    shutil.copytree(TEMPLATES / "clinical", folder)
    with (folder / "nursing.yaml").open("a", encoding="utf-8") as file:
        file.write(bad)
    with pytest.raises(clinical["TemplateError"], match=message):
        clinical["load_templates"](folder)


def test_text_slots_hold_expressions_and_escaped_braces(clinical: dict[str, Any]) -> None:
    parse = clinical["parse_text"]
    assert parse("a {x if y != 'b:c' else z} b {n:02d}{{c}}") == (
        ("a ", "x if y != 'b:c' else z", ""),
        (" b ", "n", "02d"),
        ("{c}", None, ""),
    )
    for broken in ("a } b", "a {x"):
        with pytest.raises(clinical["TemplateError"]):
            parse(broken)


def test_general_templates_fill_every_slot(general: dict[str, Any]) -> None:
    """Each template rendered once in its split's World: an unknown ``{field}`` raises KeyError."""
    for split, templates in (("dev", general["TEMPLATES"]), ("dev2", general["TEMPLATES2"])):
        w = general["split_world"](general["SEED"], split)
        for template in templates:
            item = general["render"](w, template)
            assert "{" not in item["text"] or "{" in template.text.replace("{{", ""), template.name
    probe = general["Template"]("probe", "Hello {p.fulname}")
    with pytest.raises(KeyError):
        general["render"](general["split_world"](general["SEED"], "dev"), probe)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("  - name: probe\n    text: hi\n    tone: warm\n", "keys"),
        ("  - name: probe\n    text: hi\n    case: title\n", "case"),
        ("  - name: probe\n    text: 'hi {p.first:>9}'\n", "format spec"),
    ],
    ids=["unknown-key", "unknown-case", "format-spec"],
)
def test_a_malformed_general_file_is_refused(
    general: dict[str, Any], tmp_path: Path, bad: str, message: str
) -> None:
    path = tmp_path / "dev.yaml"
    path.write_text((TEMPLATES / "general" / "dev.yaml").read_text(encoding="utf-8") + bad, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        general["load_templates"](path)
