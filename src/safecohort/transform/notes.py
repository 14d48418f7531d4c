"""Rewrite free-text notes span by span, with the same operators as the table columns.

For each note the findings are resolved (overlaps: the longest span wins, then the highest score), the
spans are grouped by entity type across all notes, and each entity's operator runs once on the Series of
its span texts (vectorised, with a patient id per span). The replacements are then spliced into each note,
and the positions of the inserted text in the new note are returned, so the residual-PHI rescan can tell a
surrogate it wrote from a leak it missed.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Protocol

import pandas as pd

from safecohort.errors import TransformError
from safecohort.policy import Policy
from safecohort.transform.crypto import Keyring
from safecohort.transform.operators import OperatorContext, build_operator

Span = tuple[int, int]


class FindingLike(Protocol):
    """What the transform needs of a finding (``safecohort.detect.text.Finding``): offsets and entity."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def entity_type(self) -> str: ...

    @property
    def score(self) -> float: ...


def resolve_overlaps(findings: Sequence[FindingLike], length: int) -> list[FindingLike]:
    """Non-overlapping findings in text order: the longest span wins an overlap, then the highest score.

    Offsets are clipped to the text; empty spans are dropped.
    """
    candidates = [f for f in findings if min(f.end, length) > max(f.start, 0)]
    candidates.sort(key=lambda f: (-(min(f.end, length) - max(f.start, 0)), -f.score, f.start, f.entity_type))
    starts: list[int] = []
    chosen: list[tuple[int, int, FindingLike]] = []
    for finding in candidates:
        start, end = max(finding.start, 0), min(finding.end, length)
        at = bisect.bisect_left(starts, start)
        before_clear = at == 0 or chosen[at - 1][1] <= start
        after_clear = at == len(chosen) or chosen[at][0] >= end
        if before_clear and after_clear:
            starts.insert(at, start)
            chosen.insert(at, (start, end, finding))
    return [finding for _, _, finding in chosen]


def transform_notes(
    texts: pd.Series,
    findings: Sequence[Sequence[FindingLike]],
    policy: Policy,
    keyring: Keyring | None,
    patient_ids: pd.Series | None,
) -> tuple[pd.Series, list[list[Span]]]:
    """Apply the policy's per-entity actions to the PHI spans of each note.

    ``findings[i]`` are the findings of the note at position *i* of ``texts``; ``patient_ids`` is aligned
    with ``texts``. Returns the new texts (same index; null notes stay null) and, per note, the
    ``(start, end)`` spans of replacement text in the new note (a kept span is not replacement text).
    """
    if len(findings) != len(texts):
        raise TransformError(
            f"notes column '{texts.name}' has {len(texts)} notes but {len(findings)} lists of findings"
        )
    raw = texts.to_numpy(dtype=object)
    ids = None if patient_ids is None else patient_ids.astype(object).to_numpy()
    if ids is not None and len(ids) != len(raw):
        raise TransformError(f"patient ids are not aligned with notes column '{texts.name}'")

    # Resolve each note's findings and gather the spans of each entity type across all notes.
    resolved: list[list[tuple[int, int, str]]] = []
    by_entity: dict[str, list[tuple[int, int]]] = {}  # entity -> [(note position, span number)]
    for position, (text, found) in enumerate(zip(raw, findings, strict=True)):
        if not isinstance(text, str) or not found:
            resolved.append([])
            continue
        spans = [
            (max(f.start, 0), min(f.end, len(text)), f.entity_type)
            for f in resolve_overlaps(found, len(text))
        ]
        for number, (_, _, entity) in enumerate(spans):
            by_entity.setdefault(entity, []).append((position, number))
        resolved.append(spans)

    # One operator call per entity type, over every span of that type in the column.
    replacements: list[list[str | None]] = [[None] * len(spans) for spans in resolved]
    kept: set[str] = set()
    for entity, members in sorted(by_entity.items()):
        action = policy.notes.entities.get(entity, policy.notes.default_action)
        operator = build_operator(action)
        if operator.name == "keep":
            kept.add(entity)
        span_texts = pd.Series(
            [raw[p][resolved[p][n][0] : resolved[p][n][1]] for p, n in members], dtype=object
        )
        span_ids = None if ids is None else pd.Series([ids[p] for p, _ in members], dtype=object)
        context = OperatorContext(
            domain=f"notes.{entity}",
            keyring=keyring,
            patient_ids=span_ids,
            date_shift=policy.date_shift,
            entity_type=entity,
        )
        out = operator.apply(span_texts, context).to_numpy(dtype=object)
        for (p, n), value in zip(members, out, strict=True):
            # A null replacement (suppress) removes the span: the original text never survives.
            replacements[p][n] = value if isinstance(value, str) else "" if pd.isna(value) else str(value)

    # Splice left to right into a list of pieces, tracking where each replacement lands in the new text.
    new_texts = raw.copy()
    inserted: list[list[Span]] = []
    for position, spans in enumerate(resolved):
        if not spans:
            inserted.append([])
            continue
        text = raw[position]
        pieces: list[str] = []
        written: list[Span] = []
        cursor = 0
        length = 0
        for (start, end, entity), replacement in zip(spans, replacements[position], strict=True):
            pieces.append(text[cursor:start])
            length += start - cursor
            value = replacement or ""
            if value and entity not in kept:
                written.append((length, length + len(value)))
            pieces.append(value)
            length += len(value)
            cursor = end
        pieces.append(text[cursor:])
        new_texts[position] = "".join(pieces)
        inserted.append(written)
    return pd.Series(new_texts, index=texts.index, name=texts.name, dtype=object), inserted


__all__ = ["FindingLike", "Span", "resolve_overlaps", "transform_notes"]
