"""The synthetic clinical PHI corpus (bench/data/clinical): shape, span integrity, split hygiene, and
byte-for-byte reproducibility by scripts/make_clinical_corpus.py."""

from __future__ import annotations

import json
import re
import runpy
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "bench" / "data" / "clinical"
GENERATOR = ROOT / "scripts" / "make_clinical_corpus.py"
# dev2: a second tuning split, added later with its own templates; dev3: a third, written by new authors
# to measure the scanner on phrasings nobody has tuned on; dev4: a fourth, by yet other authors, added
# once dev3 had been tuned on; dev5: a fifth, by other authors again, added once dev4 had been tuned on.
SPLITS = ("dev", "test", "dev2", "dev3", "dev4", "dev5")
# i2b2 2014 PHI types (relatives are PATIENT with "role": "relative").
I2B2_LABELS = {
    "PATIENT", "DOCTOR", "USERNAME", "PROFESSION", "HOSPITAL", "ORGANIZATION", "STREET", "CITY", "STATE",
    "COUNTRY", "ZIP", "LOCATION-OTHER", "AGE", "DATE", "YEAR", "PHONE", "FAX", "EMAIL", "URL", "IPADDR",
    "SSN", "MEDICALRECORD", "HEALTHPLAN", "ACCOUNT", "LICENSE", "DEVICE", "IDNUM",
}  # fmt: skip
STYLES = {"nursing", "discharge", "ed", "radiology", "pathology", "letter", "telephone"}


def _read(split: str) -> list[dict[str, Any]]:
    path = CORPUS / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict[str, Any]]]:
    return {split: _read(split) for split in SPLITS}


def _all_notes(corpus: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [note for split in SPLITS for note in corpus[split]]


def test_files_exist_with_enough_notes_in_every_style(corpus: dict[str, list[dict[str, Any]]]) -> None:
    assert (CORPUS / "README.md").is_file()
    assert len(corpus["dev"]) >= 160 and len(corpus["test"]) >= 100 and len(corpus["dev2"]) >= 112
    assert len(corpus["dev3"]) >= 112 and len(corpus["dev4"]) >= 112 and len(corpus["dev5"]) >= 112
    notes = _all_notes(corpus)
    assert len(notes) >= 728
    assert {note["style"] for note in notes} == STYLES
    for split in SPLITS:
        per_style = Counter(note["style"] for note in corpus[split])
        assert min(per_style.values()) >= 10, f"{split}: every style is represented: {per_style}"


def test_records_have_the_shared_span_format(corpus: dict[str, list[dict[str, Any]]]) -> None:
    for split in SPLITS:
        for note in corpus[split]:
            assert set(note) == {"id", "style", "template", "text", "spans"}
            assert re.fullmatch(rf"clin-{split}-[0-9]{{4}}", note["id"])
            assert 300 <= len(note["text"]) <= 2500
            for span in note["spans"]:
                assert set(span) - {"role"} == {"start", "end", "label", "text"}
                assert span["label"] in I2B2_LABELS
                assert span.get("role", "relative") == "relative"
                assert "role" not in span or span["label"] == "PATIENT"


def test_every_span_matches_its_offsets_and_none_overlap(corpus: dict[str, list[dict[str, Any]]]) -> None:
    for note in _all_notes(corpus):
        text, spans = note["text"], note["spans"]
        assert [(s["start"], s["end"]) for s in spans] == sorted((s["start"], s["end"]) for s in spans)
        previous_end = 0
        for span in spans:
            assert 0 <= span["start"] < span["end"] <= len(text), note["id"]
            assert text[span["start"] : span["end"]] == span["text"], note["id"]
            assert span["text"] == span["text"].strip(), f"{note['id']}: a span has no outer blanks"
            assert span["start"] >= previous_end, f"{note['id']}: spans overlap"
            previous_end = span["end"]


def test_annotation_conventions(corpus: dict[str, list[dict[str, Any]]]) -> None:
    """Ages are PHI only over 89; titles are outside name spans; dev/test nursing notes are in capitals
    (dev2 adds a mixed-case handoff author on purpose)."""
    notes = _all_notes(corpus)
    spans = [span for note in notes for span in note["spans"]]
    ages = [int(span["text"]) for span in spans if span["label"] == "AGE"]
    assert ages and min(ages) >= 90
    names = [span["text"] for span in spans if span["label"] in ("PATIENT", "DOCTOR")]
    assert not [name for name in names if re.match(r"(?i)(dr|mr|mrs|ms)\.?\s", name) or name.endswith(" RN")]
    old_nursing = [note for split in ("dev", "test") for note in corpus[split] if note["style"] == "nursing"]
    assert old_nursing and all(note["text"] == note["text"].upper() for note in old_nursing)
    labels = Counter(span["label"] for span in spans)
    for label in ("PATIENT", "DOCTOR", "HOSPITAL", "DATE", "PHONE", "MEDICALRECORD", "AGE", "IDNUM"):
        assert labels[label] >= 20, f"{label}: {labels[label]}"


def test_splits_share_no_id_and_no_template(corpus: dict[str, list[dict[str, Any]]]) -> None:
    ids = {split: {note["id"] for note in corpus[split]} for split in SPLITS}
    templates = {split: {note["template"] for note in corpus[split]} for split in SPLITS}
    for split in SPLITS:
        assert len(ids[split]) == len(corpus[split])
    for i, first in enumerate(SPLITS):
        for second in SPLITS[i + 1 :]:
            assert not ids[first] & ids[second], (first, second)
            assert not templates[first] & templates[second], (first, second)
    for split in ("dev2", "dev3", "dev4", "dev5"):
        per_style = Counter(note["style"] for note in corpus[split])
        authors = {style: {n["template"] for n in corpus[split] if n["style"] == style} for style in STYLES}
        assert all(len(names) >= 2 for names in authors.values()), (split, authors)
        assert all(count >= 16 for count in per_style.values()), (split, per_style)
    for split in SPLITS:
        styles = {note["style"] for note in corpus[split]}
        assert styles == STYLES, f"{split} has every style, written by its own templates"


def test_every_label_in_dev_is_also_in_test(corpus: dict[str, list[dict[str, Any]]]) -> None:
    """What the scanner is tuned on (dev, dev2) is also reported (test); dev2, dev3, dev4 and dev5 carry
    every label."""
    labels = {split: {span["label"] for note in corpus[split] for span in note["spans"]} for split in SPLITS}
    assert labels["dev"] == labels["test"]
    assert labels["dev2"] == labels["test"]
    assert labels["dev3"] == labels["test"]
    assert labels["dev4"] == labels["test"]
    assert labels["dev5"] == labels["test"]


def _header(note: dict[str, Any]) -> str:
    first_span_or_end = min([s["start"] for s in note["spans"]] + [len(note["text"])])
    return note["text"][:first_span_or_end].split("\n")[0].strip().lower()


def test_dev2_text_differs_from_dev_and_test(corpus: dict[str, list[dict[str, Any]]]) -> None:
    """dev2 authors write their own first lines (headers), never one of a dev or test author."""
    old = {_header(note) for split in ("dev", "test") for note in corpus[split]} - {""}
    new = {_header(note) for note in corpus["dev2"]} - {""}
    assert new and not new & old, sorted(new & old)


def test_dev3_text_differs_from_every_other_split(corpus: dict[str, list[dict[str, Any]]]) -> None:
    """dev3 authors write their own headers, never one of a dev, test or dev2 author."""
    old = {_header(note) for split in ("dev", "test", "dev2") for note in corpus[split]} - {""}
    new = {_header(note) for note in corpus["dev3"]} - {""}
    assert new and not new & old, sorted(new & old)


def test_dev4_text_differs_from_every_other_split(corpus: dict[str, list[dict[str, Any]]]) -> None:
    """dev4 authors write their own headers, never one of a dev, test, dev2 or dev3 author."""
    old = {_header(note) for split in ("dev", "test", "dev2", "dev3") for note in corpus[split]} - {""}
    new = {_header(note) for note in corpus["dev4"]} - {""}
    assert new and not new & old, sorted(new & old)


def test_dev5_text_differs_from_every_other_split(corpus: dict[str, list[dict[str, Any]]]) -> None:
    """dev5 authors write their own headers, never one of a dev, test, dev2, dev3 or dev4 author."""
    older = ("dev", "test", "dev2", "dev3", "dev4")
    old = {_header(note) for split in older for note in corpus[split]} - {""}
    new = {_header(note) for note in corpus["dev5"]} - {""}
    assert new and not new & old, sorted(new & old)


def _generator_main() -> Callable[[Sequence[str]], int]:
    """``main`` of scripts/make_clinical_corpus.py, which is not part of the installed package."""
    namespace = runpy.run_path(str(GENERATOR), run_name="make_clinical_corpus")
    main: Callable[[Sequence[str]], int] = namespace["main"]
    return main


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    assert _generator_main()(["--out", str(tmp_path), "--quiet"]) == 0
    for split in SPLITS:
        assert (tmp_path / f"{split}.jsonl").read_bytes() == (CORPUS / f"{split}.jsonl").read_bytes(), (
            f"scripts/make_clinical_corpus.py no longer reproduces bench/data/clinical/{split}.jsonl "
            "(a generator change or another Faker version); regenerate, update the README counts and commit"
        )


@pytest.mark.parametrize("left_out", ["dev2", "dev3", "dev4", "dev5"])
def test_other_splits_do_not_depend_on_a_later_splits_templates(left_out: str) -> None:
    """dev2 ... dev5 each draw from their own seeded World: without one's templates, the others come out
    the same."""
    namespace = runpy.run_path(str(GENERATOR), run_name="make_clinical_corpus")
    templates = [t for t in namespace["load_templates"]() if t.split != left_out]
    splits = namespace["generate"](templates=templates)
    assert splits[left_out] == []
    for split in SPLITS:
        if split != left_out:
            assert splits[split] == _read(split), split
