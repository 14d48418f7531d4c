"""The synthetic general-text PII corpus (bench/data/general, splits dev, dev2 and dev3): span integrity,
presidio-synth labels, and byte-for-byte reproducibility by scripts/make_general_corpus.py."""

from __future__ import annotations

import json
import re
import runpy
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "bench" / "data" / "general"
GENERATOR = ROOT / "scripts" / "make_general_corpus.py"
# presidio-synth's labels (../shared/data/presidio-synth).
PRESIDIO_LABELS = {
    "PERSON", "STREET_ADDRESS", "GPE", "ORGANIZATION", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS",
    "ZIP_CODE", "DOMAIN_NAME", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "US_DRIVER_LICENSE", "CREDIT_CARD",
    "AGE", "TITLE", "NRP",
}  # fmt: skip
SPLITS = ("dev", "dev2", "dev3")
# split -> (at least this many items, at least this many templates)
MINIMUM = {"dev": (450, 90), "dev2": (350, 70), "dev3": (150, 30)}


def load(split: str) -> list[dict[str, Any]]:
    path = CORPUS / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module", params=SPLITS)
def split_items(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]]]:
    return request.param, load(request.param)


@pytest.fixture(scope="module")
def generator() -> dict[str, Any]:
    return runpy.run_path(str(GENERATOR), run_name="make_general_corpus")


def test_shape_and_format(split_items: tuple[str, list[dict[str, Any]]]) -> None:
    split, items = split_items
    assert (CORPUS / "README.md").is_file()
    min_items, min_templates = MINIMUM[split]
    assert len(items) >= min_items
    templates = Counter(item["template"] for item in items)
    assert len(templates) >= min_templates and set(templates.values()) == {5}
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert set(item) == {"id", "template", "text", "spans"}
        assert re.fullmatch(rf"gen-{split}-[0-9]{{4}}", item["id"])
        for span in item["spans"]:
            assert set(span) == {"start", "end", "label", "text"}
            assert span["label"] in PRESIDIO_LABELS
    assert {span["label"] for item in items for span in item["spans"]} == PRESIDIO_LABELS
    assert sum(not item["spans"] for item in items) >= 25, "texts without PII are in it"
    assert any(item["text"] == item["text"].upper() and item["spans"] for item in items)
    assert any(item["text"] == item["text"].lower() and item["spans"] for item in items)


def test_spans_match_offsets_sorted_without_overlap(split_items: tuple[str, list[dict[str, Any]]]) -> None:
    _, items = split_items
    for item in items:
        text, spans = item["text"], item["spans"]
        assert [(s["start"], s["end"]) for s in spans] == sorted((s["start"], s["end"]) for s in spans)
        previous_end = 0
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text), item["id"]
            assert text[span["start"] : span["end"]] == span["text"], item["id"]
            assert span["text"] == span["text"].strip(), f"{item['id']}: a span has no outer blanks"
            assert span["start"] >= previous_end, f"{item['id']}: spans overlap"
            previous_end = span["end"]


def test_titles_are_outside_person_spans(split_items: tuple[str, list[dict[str, Any]]]) -> None:
    _, items = split_items
    names = [s["text"] for item in items for s in item["spans"] if s["label"] == "PERSON"]
    assert not [name for name in names if re.match(r"(?i)(dr|mr|mrs|ms|prof)\.?\s", name)]


def test_dev2_has_whole_address_blocks() -> None:
    """dev2 writes most addresses as presidio-synth's whole-block STREET_ADDRESS spans, some multi-line."""
    spans = [s["text"] for item in load("dev2") for s in item["spans"] if s["label"] == "STREET_ADDRESS"]
    assert sum("\n" in text for text in spans) >= 30
    assert sum(", " in text and "\n" not in text for text in spans) >= 30


@pytest.mark.parametrize(
    ("earlier", "later", "templates"),
    [("dev", "dev2", "TEMPLATES2"), ("dev", "dev3", "TEMPLATES3"), ("dev2", "dev3", "TEMPLATES3")],
)
def test_no_template_is_shared_between_splits(
    generator: dict[str, Any], earlier: str, later: str, templates: str
) -> None:
    """Each split has its own templates, texts and shapes (dev3 is held out from dev and dev2 both)."""
    first, second = load(earlier), load(later)
    assert not {item["template"] for item in first} & {item["template"] for item in second}
    assert not {item["text"] for item in first} & {item["text"] for item in second} - {""}

    def shape(text: str) -> str:  # the template with its fields blanked out
        return re.sub(r"\{[^{}]*\}", "{}", text)

    earlier_templates = generator["TEMPLATES" if earlier == "dev" else "TEMPLATES2"]
    shapes = {shape(t.text) for t in earlier_templates}
    assert not [t.name for t in generator[templates] if shape(t.text) in shapes]
    assert {t.name for t in generator[templates]} == {item["template"] for item in second}


def test_generator_reproduces_the_committed_files(generator: dict[str, Any], tmp_path: Path) -> None:
    assert generator["main"](["--out", str(tmp_path), "--quiet"]) == 0
    for split in SPLITS:
        assert (tmp_path / f"{split}.jsonl").read_bytes() == (CORPUS / f"{split}.jsonl").read_bytes(), (
            f"scripts/make_general_corpus.py no longer reproduces bench/data/general/{split}.jsonl "
            "(a generator change or another Faker version); regenerate and update the README counts"
        )
