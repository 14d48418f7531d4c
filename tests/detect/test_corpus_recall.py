"""Regression floor on a slice of the clinical development corpus (bench/data/clinical, written for this
project and shipped in the repository): the scanner must keep finding what it found when tuned.

The full corpus is scored in `make bench` (bench/notes_phi.py); this slice keeps `make test` fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safecohort.detect.text import NoteScanner
from safecohort.evaluation import read_corpus, score

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "data" / "clinical" / "dev.jsonl"
# Years and states are not identifiers under HIPAA Safe Harbor; the corpus labels them so they can be ignored.
IGNORE = frozenset({"YEAR", "STATE"})
SLICE = 60


def test_recall_floor_on_a_slice_of_the_clinical_corpus(scanner: NoteScanner) -> None:
    if not CORPUS.exists():
        pytest.skip("bench/data/clinical/dev.jsonl is not in this checkout")
    documents = read_corpus(CORPUS)[:SLICE]
    found = scanner.scan([d.text for d in documents])
    predictions = {d.id: [(f.start, f.end) for f in fs] for d, fs in zip(documents, found, strict=True)}
    scores = score(documents, predictions, IGNORE)
    assert scores.token_recall >= 0.97, scores.summary()
    assert scores.token_precision >= 0.85, scores.summary()
