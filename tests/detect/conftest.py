"""One real scanner per test session: loading the spaCy pipeline takes seconds."""

from __future__ import annotations

import pytest

from safecohort.detect.text import DEFAULT_MODEL, NoteScanner, get_scanner
from safecohort.policy import NotesSpec


@pytest.fixture(scope="session")
def scanner() -> NoteScanner:
    """The default scanner: default model, default notes policy."""
    return get_scanner(DEFAULT_MODEL, NotesSpec())


@pytest.fixture(scope="session")
def rules() -> NoteScanner:
    """The rules alone (no learned tagger): what the recognizer tests examine."""
    return get_scanner(DEFAULT_MODEL, NotesSpec(tagger=False))


@pytest.fixture(scope="session")
def found(rules: NoteScanner):
    """``found(text)`` -> ``[(span text, entity type), ...]`` from the rules alone."""

    def _found(text: str) -> list[tuple[str, str]]:
        return [(text[f.start : f.end], f.entity_type) for f in rules.scan([text])[0]]

    return _found


@pytest.fixture(scope="session")
def touches():
    """``touches(findings, text, word)``: whether a finding overlaps the first ``word`` in ``text``."""

    def _touches(findings: list, text: str, word: str) -> bool:
        start = text.index(word)
        end = start + len(word)
        return any(f.start < end and start < f.end for f in findings)

    return _touches
