"""No clinical words lost: eponyms and name-like clinical words must not be taken for PHI.

``data/clinical_words.jsonl`` holds clinical sentences written for this test, full of eponyms (diseases,
signs, scores, devices, procedures, instruments: "Parkinson's", "Lewy body", "Swan-Ganz", "Apgar",
"Jackson-Pratt"), brand names and everyday words that are also first or last names at the head of a
sentence ("Hope to wean", "May start", "Brown sputum", "Frank hematuria", "Will need"). Each sentence marks
the words that must stay (spans labelled ``KEEP``). The default English scanner (what
``safecohort.scan_text`` runs) scans every sentence; a must-stay token (a run of letters and digits, as the
benchmark's scorer counts them) is lost when a finding touches it. At least 99.5% must stay.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from safecohort.detect.text import NoteScanner
from safecohort.evaluation import read_corpus

CORPUS = Path(__file__).resolve().parent / "data" / "clinical_words.jsonl"
KEPT_SHARE = 0.995
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def test_clinical_words_stay(scanner: NoteScanner) -> None:
    documents = read_corpus(CORPUS)
    assert len(documents) >= 150
    found = scanner.scan([d.text for d in documents])
    total = 0
    lost: list[str] = []
    for document, findings in zip(documents, found, strict=True):
        for span in document.spans:
            for token in _TOKEN.finditer(document.text, span.start, span.end):
                total += 1
                if any(f.start < token.end() and token.start() < f.end for f in findings):
                    lost.append(f"{document.id}: {token[0]}")
    kept = 1 - len(lost) / total
    print(f"\nclinical words kept: {kept:.4f} ({total - len(lost)}/{total} tokens; lost: {lost})")
    assert kept >= KEPT_SHARE, f"kept {kept:.4f} of {total} must-stay tokens; lost: {lost}"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Daughter Mary Joseph called and will visit tomorrow.", "Mary Joseph"),
        ("Seen by Dr. Hunt in clinic today.", "Hunt"),
        ("Spoke with Jackson Pratt, the patient's son.", "Jackson Pratt"),
        ("Patient Anna Stevens-Johnson seen for follow up.", "Stevens-Johnson"),
        ("Wife Grace Hamilton at bedside.", "Hamilton"),
        ("Discussed with Richard Clark, the health care proxy.", "Clark"),
        ("Pt lives with partner Ramsay Hunt in Ohio.", "Ramsay Hunt"),
    ],
)
def test_names_that_are_also_eponyms_are_still_found(scanner: NoteScanner, text: str, name: str) -> None:
    """The same words as people, with no head word after them: still names."""
    start = text.index(name)
    found = scanner.scan([text])[0]
    assert any(f.start <= start and start + len(name) <= f.end for f in found), found
