"""Residual-PHI rescan: run the PHI scanner again over the safe output and count what it still finds.

Two places can leak:

- **note columns**: every safe note is scanned again. A finding over text the transform itself wrote
  (a ``<PERSON>`` tag, a surrogate name, a shifted date: ``inserted[column][i]``) is ours, not a leak.
  A finding is ours when each word it covers (a whitespace-delimited word of the note, holding a letter
  or digit) contains inserted text; a finding that covers a word of original text alone ("<PERSON>
  Smith", where "Smith" was missed the first time) is residual. Recognizers often take a bracket,
  period or suffix glued to our text along with it ("[ID_NUMBER].23", "<PERSON>'s"): those stay
  ours, so that the rate measures leaks rather than the edges of our own replacements.
- **non-PHI string columns** (``phi: none``, type ``string`` or ``category``): a free-text "comment" or
  "source" column marked harmless may still carry an e-mail or a phone number. A sample of up to
  :data:`COLUMN_SAMPLE` distinct values is scanned, and only for the entity types in
  :data:`COLUMN_ENTITIES`, whose recognizers match on a value's own shape (an ``@``, a dashed phone or
  SSN pattern, a labelled record number). Name, location, date, ZIP and bare-number entities are left
  out: on short values without context they fire on eponymous diagnoses ("Parkinson", "Hodgkin"), drug
  and place-like words, lab values and codes, and any hit fails the build. Columns whose values the
  policy constrains (an ``allowed`` list, or a clinical code ``format``: ICD-10-CM, LOINC, NPI) are
  not scanned: validation already guarantees their values.

The scanner is duck-typed: anything with ``scan(texts) -> list[list[finding]]`` where a finding has
``start``, ``end`` (exclusive) and ``entity_type`` (``safecohort.detect.text.NoteScanner``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from safecohort.policy import Policy
from safecohort.transform.notes import FindingLike

#: Entity types counted in non-PHI columns (see the module docstring for why not the others).
COLUMN_ENTITIES = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "MEDICAL_RECORD_NUMBER"})
#: Distinct values scanned per non-PHI column.
COLUMN_SAMPLE = 1000
#: Checks under which a column's values are codes, not free strings.
_CODE_FORMATS = frozenset({"icd10cm", "loinc", "npi"})

Span = tuple[int, int]
_WORD = re.compile(r"\S+")


class _Scanner(Protocol):
    def scan(self, texts: Sequence[str | None]) -> Sequence[Sequence[FindingLike]]: ...


class ResidualReport(BaseModel):
    """What the rescan of the safe output found: counts per entity and column, never a value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    notes_scanned: int
    notes_with_residual: int
    residual_rate: float
    findings_by_entity: dict[str, int]
    columns_scanned: list[str]
    column_hits: dict[str, dict[str, int]]


def _merged(spans: Sequence[Span]) -> tuple[list[int], list[int]]:
    """Starts and ends of the union of ``spans``, as sorted disjoint intervals."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _is_ours(text: str, start: int, end: int, starts: list[int], ends: list[int]) -> bool:
    """True when every word ``text[start:end]`` covers (taken whole, as delimited by whitespace in the
    note) either touches inserted text or holds no letter or digit."""
    for word in _WORD.finditer(text, start, end):
        if not any(ch.isalnum() for ch in word.group()):
            continue
        word_start, word_end = word.start(), word.end()
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        while word_end < len(text) and not text[word_end].isspace():
            word_end += 1
        index = bisect_right(ends, word_start)  # first inserted interval ending after the word starts
        if index == len(starts) or starts[index] >= word_end:
            return False
    return True


def _residual_in_notes(
    texts: list[Any], findings: Sequence[Sequence[FindingLike]], inserted: Sequence[Sequence[Span]] | None
) -> tuple[int, dict[str, int]]:
    """Notes with at least one residual finding, and residual findings per entity type."""
    notes = 0
    by_entity: dict[str, int] = {}
    for position, note_findings in enumerate(findings):
        if not note_findings:
            continue
        starts, ends = _merged(inserted[position]) if inserted is not None else ([], [])
        text = texts[position]
        residual = [f for f in note_findings if not _is_ours(text, f.start, f.end, starts, ends)]
        notes += bool(residual)
        for finding in residual:
            by_entity[finding.entity_type] = by_entity.get(finding.entity_type, 0) + 1
    return notes, by_entity


def _scanned_columns(safe: pd.DataFrame, policy: Policy) -> list[str]:
    """The non-PHI string columns of the safe frame whose values are free strings."""
    columns = []
    for column in safe.columns:
        spec = policy.columns.get(str(column))
        if spec is None or column in policy.notes.columns:
            continue
        if spec.phi != "none" or spec.type not in ("string", "category"):
            continue
        if spec.checks.allowed is not None or spec.checks.format in _CODE_FORMATS:
            continue
        columns.append(str(column))
    return columns


def _column_hits(values: pd.Series, scanner: _Scanner) -> dict[str, int]:
    """Rows (among the sampled distinct values) holding each entity type of :data:`COLUMN_ENTITIES`."""
    counts = values.dropna().astype(str).value_counts(sort=False)
    if len(counts) > COLUMN_SAMPLE:
        # Seeded, so the same output gives the same report.
        chosen = np.sort(np.random.default_rng(0).choice(len(counts), COLUMN_SAMPLE, replace=False))
        counts = counts.iloc[chosen]
    hits: dict[str, int] = {}
    for rows, findings in zip(counts.tolist(), scanner.scan(counts.index.tolist()), strict=True):
        for entity in {f.entity_type for f in findings} & COLUMN_ENTITIES:
            hits[entity] = hits.get(entity, 0) + int(rows)
    return dict(sorted(hits.items()))


def residual_phi(
    safe: pd.DataFrame,
    policy: Policy,
    scanner: _Scanner,
    inserted: dict[str, list[list[Span]]],
    *,
    scan_columns: bool = True,
) -> ResidualReport:
    """Rescan the safe output for PHI: every note of every note column still present, and a sample of
    the non-PHI string columns (see the module docstring).

    ``inserted[column][i]`` lists the ``(start, end)`` spans the transform wrote into the *i*-th note
    (positional); a column absent from ``inserted`` had nothing inserted. Raises :class:`ValueError`
    when a column's span list does not match its number of notes, and lets the scanner's
    ``DetectionError`` through: an output that cannot be rescanned is not reported as clean.
    ``scan_columns=False`` rescans the notes only (a streaming build rescans its batches' notes, and the
    columns on its sample of the output).
    """
    notes_scanned = 0
    notes_with_residual = 0
    by_entity: dict[str, int] = {}
    for column in policy.notes.columns:
        if column not in safe.columns:
            continue
        texts = safe[column].tolist()
        spans = inserted.get(column)
        if spans is not None and len(spans) != len(texts):
            raise ValueError(
                f"inserted['{column}'] lists spans for {len(spans)} notes "
                f"but the safe frame holds {len(texts)}"
            )
        residual_notes, residual = _residual_in_notes(texts, scanner.scan(texts), spans)
        notes_scanned += sum(isinstance(t, str) for t in texts)
        notes_with_residual += residual_notes
        for entity, count in residual.items():
            by_entity[entity] = by_entity.get(entity, 0) + count
    columns = _scanned_columns(safe, policy) if scan_columns else []
    return ResidualReport(
        notes_scanned=notes_scanned,
        notes_with_residual=notes_with_residual,
        residual_rate=notes_with_residual / notes_scanned if notes_scanned else 0.0,
        findings_by_entity=dict(sorted(by_entity.items())),
        columns_scanned=columns,
        column_hits={column: _column_hits(safe[column], scanner) for column in columns},
    )


__all__ = ["COLUMN_ENTITIES", "COLUMN_SAMPLE", "ResidualReport", "residual_phi"]
