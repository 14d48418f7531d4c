"""The build's guard on what the policy keeps: identifiers in columns the policy calls harmless.

Two checks, both on the columns that leave the build as they are (``phi: none``, action ``keep``, not a
note column):

- **Strong identifier patterns** (formatted phone, e-mail, SSN, URL with a scheme, IPv4, labelled record
  number) in the text columns: every row by default, a seeded sample when the policy says ``sample``,
  none when ``off``. Lab values, codes, bare numbers and dates never count, so a clinical column does not
  trip it. A column may allow an entity kind (``leak_check: {allow: [URL]}``).
- **Identifier shapes** in a seeded sample of every kept column, whatever its type: person names
  (:data:`PERSON_NAME`), coordinates (:data:`GEOCODE`: a latitude and a longitude kept together, or a
  coordinate-shaped column whose name says so) and free text (:data:`FREE_TEXT`). The same evidence as
  the policy draft's, so a hand-written policy cannot keep what a draft would protect. The policy allows
  a column explicitly with a reason (``leak_check: {allow: {column: reason}}``); the audit lists it.

Reports hold columns, kinds and row counts, never a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from safecohort.detect.columns.classify import identifying_shape, lone_geocodes
from safecohort.detect.columns.names import kind_from_name
from safecohort.detect.columns.values import ValueEvidence, column_evidence, sample_values, scan_column
from safecohort.policy import Policy

#: Shape kinds the guard reports.
PERSON_NAME = "PERSON_NAME"
GEOCODE = "GEOCODE"
FREE_TEXT = "FREE_TEXT"
_SCANNED_TYPES = frozenset({"string", "text", "category"})


class LeakColumn(BaseModel):
    """The guard's findings in one kept column: rows holding each strong pattern, the identifier shapes
    of its values, and what the policy allows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    column: str
    mode: Literal["full", "sample", "off"]
    rows_scanned: int
    hits: dict[str, int]
    allowed: list[str]
    shapes: list[str] = Field(default_factory=list)
    allowed_reason: str | None = None

    @property
    def failures(self) -> dict[str, int]:
        """Pattern hits the policy does not allow here, and shapes (one each) without an allowance."""
        failed = {entity: rows for entity, rows in self.hits.items() if entity not in self.allowed}
        if self.allowed_reason is None:
            failed.update({shape: 1 for shape in self.shapes})
        return failed


class LeakReport(BaseModel):
    """What the guard found in the kept columns: counts per column and kind, never a value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    columns: list[LeakColumn]

    @property
    def passed(self) -> bool:
        """True when no column holds a kind its policy does not allow."""
        return not any(c.failures for c in self.columns)

    @property
    def allowances(self) -> dict[str, str]:
        """The columns the policy allows to hold names, coordinates or free text, with the reasons."""
        return {c.column: c.allowed_reason for c in self.columns if c.allowed_reason is not None}

    def detail(self) -> str:
        """One line for the audit report and the error: columns checked, then each finding."""
        scanned = [c for c in self.columns if c.rows_scanned]
        full = sum(c.mode == "full" for c in scanned)
        parts = [
            f"{len(self.columns)} kept columns checked for names, coordinates and free text; "
            f"{len(scanned)} text columns scanned for identifier patterns ({full} in full)"
        ]
        for column in self.columns:
            scope = "rows" if column.mode == "full" else f"of {column.rows_scanned} sampled rows"
            for entity, rows in column.hits.items():
                allowed = ", allowed by the policy" if entity in column.allowed else ""
                noun = scope if rows != 1 or column.mode != "full" else "row"
                parts.append(f"column '{column.column}': {rows} {noun} with {entity}{allowed}")
            for shape in column.shapes:
                allowed = f", allowed by the policy: {column.allowed_reason}" if column.allowed_reason else ""
                parts.append(f"column '{column.column}': values shaped as {shape}{allowed}")
        return "; ".join(parts)


def _shapes(column: str, evidence: ValueEvidence, lone: set[str]) -> list[str]:
    found: list[str] = []
    shape = identifying_shape(evidence)
    if shape is not None and shape[0] in ("name", "provider"):
        found.append(PERSON_NAME)
    if evidence.is_geocode and (column not in lone or kind_from_name(column)[0] == "geocode"):
        found.append(GEOCODE)
    if evidence.free_text:
        found.append(FREE_TEXT)
    return found


def _kept(frame: pd.DataFrame, policy: Policy) -> list[str]:
    """The columns that leave the build as they are: non-PHI, action ``keep``, not a note column."""
    return [
        name
        for name, spec in policy.columns.items()
        if name in frame.columns
        and spec.phi == "none"
        and name not in policy.notes.columns
        and policy.action_for(name).operator == "keep"
    ]


def _mode(name: str, policy: Policy) -> str:
    return policy.columns[name].leak_check.mode or policy.leak_check.mode


def full_scan_hits(frame: pd.DataFrame, policy: Policy) -> dict[str, tuple[dict[str, int], int]]:
    """The strong patterns in every row of the kept text columns scanned in ``full`` mode: per column,
    rows holding each kind and rows scanned. Sums over batches give the whole table's (a streaming build
    passes the sums to :func:`check_leaks` as ``full_scan``)."""
    found: dict[str, tuple[dict[str, int], int]] = {}
    for name in _kept(frame, policy):
        if _mode(name, policy) == "full" and policy.columns[name].type in _SCANNED_TYPES:
            values = frame[name].dropna()
            found[name] = (scan_column(values).counts(), len(values))
    return found


def check_leaks(
    frame: pd.DataFrame,
    policy: Policy,
    *,
    seed: int = 0,
    full_scan: Mapping[str, tuple[dict[str, int], int]] | None = None,
) -> LeakReport:
    """Check the columns the policy keeps as they are (see the module docstring). Note columns are not
    checked here: the note scanner reads them. ``full_scan``: the ``full``-mode counts of the whole table
    (:func:`full_scan_hits` summed over its batches) when ``frame`` is a sample of it."""
    kept = _kept(frame, policy)
    sample_rows = policy.leak_check.sample_rows
    evidence = {name: column_evidence(frame[name], sample_rows=sample_rows, seed=seed) for name in kept}
    lone = lone_geocodes(evidence, [c for c in kept if evidence[c].is_geocode])
    full = full_scan_hits(frame, policy) if full_scan is None else full_scan
    results: list[LeakColumn] = []
    for name in kept:
        spec = policy.columns[name]
        mode = _mode(name, policy)
        hits: dict[str, int] = {}
        scanned = 0
        if mode == "full" and spec.type in _SCANNED_TYPES:
            hits, scanned = full.get(name, ({}, 0))
        elif mode == "sample" and spec.type in _SCANNED_TYPES:
            values = sample_values(frame[name].dropna(), sample_rows, seed)
            hits, scanned = scan_column(values).counts(), len(values)
        results.append(
            LeakColumn(
                column=name,
                mode=mode,  # type: ignore[arg-type]
                rows_scanned=scanned,
                hits=dict(hits),
                allowed=list(spec.leak_check.allow),
                shapes=_shapes(name, evidence[name], lone),
                allowed_reason=policy.leak_check.allow.get(name),
            )
        )
    return LeakReport(columns=results)


__all__ = [
    "FREE_TEXT",
    "GEOCODE",
    "PERSON_NAME",
    "LeakColumn",
    "LeakReport",
    "check_leaks",
    "full_scan_hits",
]
