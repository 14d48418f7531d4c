"""Residual-PHI rescan: our own inserted text is not a leak, original text is; non-PHI columns sampled.

The overlap logic is ours, so most tests use a tiny scripted scanner that returns given spans; one test
runs the real presidio-based ``NoteScanner`` end to end.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import pytest

from safecohort.measure.rescan import COLUMN_SAMPLE, residual_phi
from safecohort.policy import Policy, parse_policy


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    entity_type: str
    score: float = 0.9


class PatternScanner:
    """Reports every match of each regex as its entity type; records what it was asked to scan."""

    def __init__(self, patterns: dict[str, str]) -> None:
        self.patterns = {entity: re.compile(p) for entity, p in patterns.items()}
        self.calls: list[list[str | None]] = []

    def scan(self, texts: Sequence[str | None]) -> list[list[Hit]]:
        self.calls.append(list(texts))
        return [
            []
            if not isinstance(text, str)
            else [Hit(m.start(), m.end(), e) for e, p in self.patterns.items() for m in p.finditer(text)]
            for text in texts
        ]


def _policy(extra_columns: str = "") -> Policy:
    columns = (
        """
    note: {type: text, phi: free_text, action: scan}
    """
        + extra_columns
    )
    text = "version: 1\ninstitution: Test\ncolumns:\n" + textwrap.indent(
        textwrap.dedent(columns).strip(), "  "
    )
    return parse_policy(text + "\nnotes: {columns: [note]}\n")


TAGS_AND_NAMES = {"PERSON": r"<PERSON>(?: [A-Z][a-z]+)?|Smith", "PHONE_NUMBER": r"\d{3}-\d{3}-\d{4}"}


def _spans(text: str | None, *inserted: str) -> list[tuple[int, int]]:
    assert text is not None
    return [(text.index(part), text.index(part) + len(part)) for part in inserted]


def test_findings_over_inserted_text_are_ours_and_others_are_residual() -> None:
    notes = [
        "Seen by <PERSON> today.",  # the tag we wrote: ours
        "Seen by <PERSON> Smith today.",  # the finding reaches into original text: residual
        "Call 617-555-0199 after <PERSON>.",  # a phone the first pass missed: residual
        None,  # not scanned, not counted
        "Nothing here.",
    ]
    inserted = [
        _spans(notes[0], "<PERSON>"),
        _spans(notes[1], "<PERSON>"),
        _spans(notes[2], "<PERSON>"),
        [],
        [],
    ]
    report = residual_phi(
        pd.DataFrame({"note": notes}), _policy(), PatternScanner(TAGS_AND_NAMES), {"note": inserted}
    )
    assert report.notes_scanned == 4
    assert report.notes_with_residual == 2
    assert report.residual_rate == 0.5
    assert report.findings_by_entity == {"PERSON": 1, "PHONE_NUMBER": 1}


def test_words_touching_our_text_are_ours_and_whole_original_words_are_not() -> None:
    text = "Dr (Ann Lee), code [ID_NUMBER].23 ok"
    inserted = _spans(text, "Ann", "Lee", "[ID_NUMBER]")

    def residual(pattern: str) -> dict[str, int]:
        scanner = PatternScanner({"PERSON": pattern})
        return residual_phi(
            pd.DataFrame({"note": [text]}), _policy(), scanner, {"note": [inserted]}
        ).findings_by_entity

    assert residual(r"\(Ann Lee\),") == {}  # brackets and a comma around our text
    assert residual(r"ID_NUMBER\]\.23") == {}  # a suffix glued to our tag
    assert residual(r"\.23") == {}  # the suffix alone: its word "[ID_NUMBER].23" holds our tag
    assert residual(r"Dr \(Ann Lee\)") == {"PERSON": 1}  # "Dr" is a whole original word
    assert residual(r"\.23 ok") == {"PERSON": 1}  # "ok" is a whole original word


def test_overlapping_or_unsorted_inserted_spans_are_merged() -> None:
    text = "AAAA BBBB"
    scanner = PatternScanner({"PERSON": r"AAAA BBBB"})
    inserted = [[(5, 9), (0, 3), (2, 5)]]
    report = residual_phi(pd.DataFrame({"note": [text]}), _policy(), scanner, {"note": inserted})
    assert report.notes_with_residual == 0


def test_no_inserted_entry_means_every_finding_is_residual() -> None:
    frame = pd.DataFrame({"note": ["Smith called", "Smith and Smith"]})
    report = residual_phi(frame, _policy(), PatternScanner(TAGS_AND_NAMES), {})
    assert (report.notes_with_residual, report.findings_by_entity) == (2, {"PERSON": 3})


def test_span_lists_must_match_the_notes() -> None:
    frame = pd.DataFrame({"note": ["a", "b"]})
    with pytest.raises(ValueError, match="1 notes but the safe frame holds 2"):
        residual_phi(frame, _policy(), PatternScanner({}), {"note": [[]]})


def test_dropped_note_column_and_no_notes_give_rate_zero() -> None:
    report = residual_phi(pd.DataFrame({"other": [1]}), _policy(), PatternScanner(TAGS_AND_NAMES), {})
    assert (report.notes_scanned, report.residual_rate, report.findings_by_entity) == (0, 0.0, {})


EXTRA = """
comment: {type: string}
unit: {type: category}
sex: {type: category, checks: {allowed: [F, M]}}
diagnosis_code: {type: string, checks: {format: icd10cm}}
email: {type: string, phi: email, action: drop}
count: {type: int}
"""


def test_non_phi_string_columns_are_rescanned_for_contact_and_record_entities_only() -> None:
    frame = pd.DataFrame(
        {
            "note": ["ok"] * 4,
            "comment": ["mail a@b.org", "mail a@b.org", "Parkinson", None],
            "unit": pd.Categorical(["4 West", "4 West", "ICU", "ICU"]),
            "sex": ["F", "M", "F", "M"],
            "diagnosis_code": ["E11.9"] * 4,
            "email": ["x@y.org"] * 4,
            "count": [1, 2, 3, 4],
        }
    )
    scanner = PatternScanner({"EMAIL_ADDRESS": r"\S+@\S+", "PERSON": r"Parkinson|West|[FM]|E11"})
    report = residual_phi(frame, _policy(EXTRA), scanner, {"note": [[]] * 4})
    assert report.columns_scanned == ["comment", "unit"]
    # Rows whose value holds an e-mail; PERSON is not counted in columns (eponyms, places, codes).
    assert report.column_hits == {"comment": {"EMAIL_ADDRESS": 2}, "unit": {}}
    # Each distinct value is scanned once.
    assert sorted(str(text) for text in scanner.calls[1]) == ["Parkinson", "mail a@b.org"]


def test_column_sample_is_capped_and_deterministic() -> None:
    values = [f"value {i}" for i in range(3 * COLUMN_SAMPLE)]
    frame = pd.DataFrame({"note": [None] * len(values), "comment": values})
    policy = _policy("comment: {type: string}")
    first, second = PatternScanner({}), PatternScanner({})
    residual_phi(frame, policy, first, {})
    residual_phi(frame, policy, second, {})
    assert len(first.calls[-1]) == COLUMN_SAMPLE
    assert first.calls[-1] == second.calls[-1]


def test_real_scanner_sees_a_leak_and_ignores_our_tags() -> None:
    text = pytest.importorskip("safecohort.detect.text", reason="the note scanner is not available")
    scanner = text.get_scanner()
    note = "Patient seen by <PERSON> on <DATE_TIME>. Call back at 617-555-0199."
    frame = pd.DataFrame(
        {
            "note": [note, "Follow up by <PERSON> in clinic."],
            "comment": ["reach jane.doe@example.com", "stable"],
        }
    )
    inserted = {"note": [_spans(note, "<PERSON>", "<DATE_TIME>"), _spans(frame["note"][1], "<PERSON>")]}
    report = residual_phi(frame, _policy("comment: {type: string}"), scanner, inserted)
    assert report.notes_scanned == 2
    assert report.notes_with_residual == 1
    assert report.findings_by_entity == {"PHONE_NUMBER": 1}
    assert report.column_hits == {"comment": {"EMAIL_ADDRESS": 1}}
