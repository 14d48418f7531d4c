"""The synthetic general-text PII corpus (bench/data/general): span integrity, presidio-synth labels, and
byte-for-byte reproducibility by scripts/make_general_corpus.py."""

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


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    path = CORPUS / "dev.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_shape_and_format(items: list[dict[str, Any]]) -> None:
    assert (CORPUS / "README.md").is_file()
    assert len(items) >= 450
    templates = Counter(item["template"] for item in items)
    assert len(templates) >= 90 and set(templates.values()) == {5}
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert set(item) == {"id", "template", "text", "spans"}
        assert re.fullmatch(r"gen-dev-[0-9]{4}", item["id"])
        for span in item["spans"]:
            assert set(span) == {"start", "end", "label", "text"}
            assert span["label"] in PRESIDIO_LABELS
    assert {span["label"] for item in items for span in item["spans"]} == PRESIDIO_LABELS
    assert sum(not item["spans"] for item in items) >= 25, "texts without PII are in it"
    assert any(item["text"] == item["text"].upper() and item["spans"] for item in items)
    assert any(item["text"] == item["text"].lower() and item["spans"] for item in items)


def test_spans_match_offsets_sorted_without_overlap(items: list[dict[str, Any]]) -> None:
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


def test_titles_are_outside_person_spans(items: list[dict[str, Any]]) -> None:
    names = [s["text"] for item in items for s in item["spans"] if s["label"] == "PERSON"]
    assert not [name for name in names if re.match(r"(?i)(dr|mr|mrs|ms|prof)\.?\s", name)]


def test_generator_reproduces_the_committed_file(tmp_path: Path) -> None:
    main = runpy.run_path(str(GENERATOR), run_name="make_general_corpus")["main"]
    assert main(["--out", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / "dev.jsonl").read_bytes() == (CORPUS / "dev.jsonl").read_bytes(), (
        "scripts/make_general_corpus.py no longer reproduces bench/data/general/dev.jsonl "
        "(a generator change or another Faker version); regenerate and update the README counts"
    )
