"""Column classification that fails closed: a column is kept only on evidence that it does not identify.

Evidence comes from the column's name (:mod:`.names`) and from its values (:mod:`.values`). The verdict,
in order:

1. **Free text** (several words per value, values that do not repeat) is scanned like a note, whatever
   the column is called.
2. **An identifier's shape in the values** that no clinical column has (e-mail, phone, SSN, URL, IP) wins
   over any name.
3. **A name that says identifier** (``PAT_LAST_NM``, ``zipCode``, ``subject_id``, ``lat``) protects the
   column, whatever its values look like.
4. **An identifier's shape in most values**: person names, places smaller than a state, organisations,
   street addresses, dates, NPIs, UUIDs, record-number shapes, coordinates.
5. **Positive evidence of harmlessness** keeps it: a flag; a category (a few values, each on several
   rows); a clinical code system (:data:`safecohort.formats.CODE_SYSTEMS`); a number that is not shaped
   like a record number or a coordinate; short texts made of English and clinical words that repeat
   (code descriptions); or a clinical name with values that agree.
6. **Anything else is protected** (hashed when its values look like codes, dropped otherwise) with a
   ``review`` note saying why: an unknown high-cardinality column is never kept on a guess.

The ``research`` profile is looser in one place, and says so in ``review``: at step 6 it keeps numbers
that are not shaped like record numbers and repeated short texts with no identifier's shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict

from safecohort.detect.columns.names import is_metadata_date, kind_from_name
from safecohort.detect.columns.values import ValueEvidence, column_evidence
from safecohort.formats import SELF_EVIDENT_CODES
from safecohort.policy import ColumnType, PhiKind

Evidence = Literal["name", "values", "both"]
Profile = Literal["hipaa", "research"]

#: Confidence from which a column is reported as PHI.
PHI_THRESHOLD = 0.5
#: Sampled rows per column for value evidence (the statistics use every row).
DEFAULT_SAMPLE_ROWS = 10_000
#: Words per value from which a column named as notes or comments is free text ("no show, called twice").
NAMED_FREE_TEXT_WORDS = 3.0


class ColumnProfile(BaseModel):
    """What classification says about one column; names, kinds and shares only, never a value.

    ``phi`` is None for a column judged not to hold identifiers; then ``keep_reason`` is the evidence
    that it is harmless. ``confidence`` is the confidence of that verdict. ``evidence`` says what
    supports the PHI kind. ``review`` says what a reviewer should check, when the verdict is a default.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    inferred_type: ColumnType
    phi: PhiKind | None
    confidence: float
    evidence: Evidence | None
    is_free_text: bool
    null_share: float
    distinct_share: float
    keep_reason: str | None = None
    review: str | None = None


@dataclass(frozen=True)
class _Verdict:
    kind: PhiKind | None
    confidence: float
    evidence: Evidence | None
    keep_reason: str | None = None
    review: str | None = None


# Value shapes no clinical column has: they win over any name.
_STRONG_SHAPES: tuple[tuple[str, PhiKind], ...] = (
    ("email", "email"),
    ("phone", "phone"),
    ("ssn", "ssn"),
    ("url", "url"),
    ("ip", "ip"),
)
# Kinds that name and values may both support, each seen from the other side.
_COMPATIBLE: dict[str, frozenset[str]] = {
    "dob": frozenset({"date"}),
    "date": frozenset({"dob"}),
    "provider": frozenset({"name", "identifier"}),
    "name": frozenset({"provider", "organization"}),
    "mrn": frozenset({"identifier"}),
    "identifier": frozenset({"mrn", "provider"}),
    "zip": frozenset({"identifier"}),
    "organization": frozenset({"identifier", "name"}),
    "city": frozenset({"city"}),
}

# The value shape that supports a kind read from the name, where the two are spelled differently.
_SUPPORTING_SHAPE: dict[str, str] = {"dob": "date", "address": "street", "name": "person", "provider": "npi"}
# Value kinds that say more precisely what a name's kind holds.
_REFINES: dict[str, frozenset[str]] = {"name": frozenset({"provider", "organization"})}


def _minimum_distinct(values: ValueEvidence) -> int:
    """Distinct values a name or place shape needs: five, or all of a column with fewer (but three)."""
    return max(3, min(5, values.distinct))


def identifying_shape(values: ValueEvidence) -> tuple[PhiKind, float] | None:
    """The identifier kind most values are shaped as, and the share that are, or None.

    Names and places need several distinct values: a category of two values ("white", "black") that
    happen to be listed surnames is not a column of names.
    """
    if values.sampled == 0:
        return ("date", 0.9) if values.temporal_dtype else None
    many = _minimum_distinct(values)
    if values.holds("person", many):
        titled = values.share("titled") >= values.share("person") / 2
        return ("provider" if titled else "name"), values.share("person")
    if values.is_geocode:
        return "geocode", 0.8
    if values.holds("city", many):
        return "city", values.share("city")
    if values.holds("organization", 3):
        return "organization", values.share("organization")
    if values.holds("street"):
        return "address", values.share("street")
    if values.share("date") >= 0.8 or values.temporal_dtype:
        return "date", max(values.share("date"), 0.9 if values.temporal_dtype else 0.0)
    if values.holds("npi", many):
        return "provider", values.share("npi")
    if values.id_like:
        return "identifier", 0.8
    return None


def _harmless(values: ValueEvidence, name_kind: object, profile: Profile) -> tuple[str | None, str | None]:
    """The evidence that a column does not identify anyone, and a review note when that evidence is only
    the research profile's looser rule; (None, None) when there is none."""
    clinical_name = name_kind == "none"
    if values.is_flag:
        plural = "s" if values.distinct > 1 else ""
        return f"flag ({f'{values.distinct} value{plural}' if values.distinct else 'declared boolean'})", None
    if values.sampled == 0:
        return ("clinical name, no values to contradict it" if clinical_name else None), None
    system = values.code_system
    if system is not None and (system in SELF_EVIDENT_CODES or values.repeats or clinical_name):
        return f"{system} codes", None
    if values.is_category and not values.id_like:
        return f"category of {values.distinct} values", None
    counts_or_amounts = not values.integer or values.repeats or values.distinct_share < 0.9 or clinical_name
    if values.numeric and not values.id_like and counts_or_amounts:
        return "measurement (numbers not shaped like record numbers)", None
    if values.share("vocabulary") >= 0.9 and values.repeats:
        return "repeated clinical or English terms (descriptions from a vocabulary)", None
    if clinical_name and not values.id_like and (values.repeats or values.share("vocabulary") >= 0.9):
        return "clinical name; values repeat and hold no identifier's shape", None
    if profile == "research" and not values.id_like and (values.numeric or values.repeats):
        return (
            "research profile: no identifier's shape",
            "kept by the research profile's looser rule (numbers or repeated values with no identifier's "
            "shape); the hipaa profile protects this column",
        )
    return None, None


def _decide(column: str, values: ValueEvidence, profile: Profile) -> _Verdict:
    name_kind, name_confidence = kind_from_name(column)
    if values.free_text:
        both = name_kind == "free_text"
        return _Verdict("free_text", max(0.9, name_confidence) if both else 0.9, "both" if both else "values")
    for shape, kind in _STRONG_SHAPES:
        share = values.share(shape)
        if share >= PHI_THRESHOLD:
            return _Verdict(kind, round(0.95 * share, 3), "both" if name_kind == kind else "values")
    shaped = identifying_shape(values)
    if name_kind == "free_text":
        if values.sampled and values.mean_words >= NAMED_FREE_TEXT_WORDS:
            return _Verdict("free_text", 0.8, "both")
        if values.sampled == 0:
            return _Verdict("free_text", name_confidence, "name", review="named as free text: scanned")
        name_kind, name_confidence = None, 0.0  # "report_code": a note's name but no note in it
    if name_kind not in (None, "none"):
        assert name_kind is not None
        support = values.share(_SUPPORTING_SHAPE.get(name_kind, name_kind))
        if support >= PHI_THRESHOLD and (shaped is None or shaped[0] == name_kind):
            return _Verdict(name_kind, round(1 - (1 - name_confidence) * (1 - support), 3), "both")
        if shaped is not None and (shaped[0] == name_kind or shaped[0] in _COMPATIBLE.get(name_kind, ())):
            # The values may say more precisely whose name it is: a clinician's, an organisation's.
            kind = shaped[0] if shaped[0] in _REFINES.get(name_kind, ()) else name_kind
            return _Verdict(kind, round(1 - (1 - name_confidence) * (1 - shaped[1]), 3), "both")
        return _Verdict(name_kind, name_confidence, "name")
    keep_reason, review = _harmless(values, name_kind, profile)
    if shaped is not None:
        kind, share = shaped
        # A clinical name and values of a code system or a measurement outweigh a record number's shape.
        weak = kind == "identifier" and name_kind == "none" and keep_reason is not None
        if kind == "date" and is_metadata_date(column):
            return _Verdict(None, 0.7, None, "a date of the record's handling (its name says), not of care")
        if not weak:
            return _Verdict(kind, round(max(share, PHI_THRESHOLD), 3), "values")
    if keep_reason is not None:
        return _Verdict(None, 0.8 if name_kind == "none" else 0.6, None, keep_reason, review)
    stats = f"{values.distinct} distinct of {values.present} values"
    if values.share("code_id") >= PHI_THRESHOLD or (values.numeric and values.integer):
        why = f"no evidence that it is harmless ({stats}, shaped like codes): hashed, joins still work"
        return _Verdict("identifier", 0.6, "values", review=why)
    return _Verdict("other", 0.6, "values" if values.sampled else None,
                    review=f"no evidence that it is harmless ({stats}): dropped")  # fmt: skip


def classify_column(
    values: pd.Series,
    name: str | None = None,
    *,
    sample_rows: int = DEFAULT_SAMPLE_ROWS,
    seed: int = 0,
    profile: Profile = "hipaa",
) -> ColumnProfile:
    """Profile one column: inferred type, PHI kind (or the evidence that it is harmless), confidence.

    Statistics (null and distinct shares) use every row; the value evidence a seeded sample of
    ``sample_rows`` non-null values. See the module docstring for the order of the evidence.
    """
    column = str(values.name if name is None else name)
    evidence = column_evidence(values, sample_rows=sample_rows, seed=seed)
    verdict = _decide(column, evidence, profile)
    return _profile(column, len(values), evidence, verdict)


def _profile(column: str, rows: int, evidence: ValueEvidence, verdict: _Verdict) -> ColumnProfile:
    inferred = evidence.inferred_type
    if verdict.kind == "free_text":
        inferred = "text"  # scanned as a note, whatever shape a few values had
    elif verdict.kind not in (None, "free_text", "age") and inferred not in ("date", "datetime"):
        inferred = "string"  # identifiers are text: "00123" keeps its zeros, and hashes do not vary by type
    elif verdict.kind is None and evidence.code_system is not None and inferred in ("int", "float"):
        inferred = "string"  # codes are text: "0123" keeps its zero
    return ColumnProfile(
        name=column,
        inferred_type=inferred,
        phi=verdict.kind,
        confidence=round(float(verdict.confidence), 3),
        evidence=verdict.evidence,
        is_free_text=evidence.free_text,
        null_share=round(1 - evidence.present / rows, 4) if rows else 0.0,
        distinct_share=round(evidence.distinct_share, 4),
        keep_reason=verdict.keep_reason,
        review=verdict.review,
    )


def lone_geocodes(evidence: dict[str, ValueEvidence], candidates: list[str]) -> set[str]:
    """The coordinate-shaped columns among ``candidates`` that have no partner: a latitude comes with a
    longitude over about as many distinct places, or the value is a "lat, lon" pair; a lone column of
    that shape is more likely a measurement with many decimals."""
    lone: set[str] = set()
    for column in candidates:
        if evidence[column].holds("geo_pair"):
            continue
        distinct = evidence[column].distinct
        partners = [
            other
            for other in candidates
            if other != column and abs(evidence[other].distinct - distinct) <= max(2, 0.2 * distinct)
        ]
        if not partners:
            lone.add(column)
    return lone


def classify_columns(
    frame: pd.DataFrame, *, sample_rows: int = DEFAULT_SAMPLE_ROWS, seed: int = 0, profile: Profile = "hipaa"
) -> list[ColumnProfile]:
    """A :class:`ColumnProfile` for every column of ``frame``, in column order.

    Coordinates are judged across columns: a latitude-shaped column is a geocode when a longitude-shaped
    one (or a name) goes with it; a lone one keeps the verdict its other evidence gives.
    """
    names = [str(c) for c in frame.columns]
    evidence = {
        name: column_evidence(frame.iloc[:, i], sample_rows=sample_rows, seed=seed)
        for i, name in enumerate(names)
    }
    verdicts = {name: _decide(name, evidence[name], profile) for name in names}
    shaped = [c for c, v in verdicts.items() if v.kind == "geocode" and v.evidence == "values"]
    for column in lone_geocodes(evidence, shaped):
        lone = ValueEvidence(**{**evidence[column].__dict__, "decimals": 0.0})
        verdicts[column] = _decide(column, lone, profile)
    return [_profile(name, len(frame), evidence[name], verdicts[name]) for name in names]


__all__ = [
    "DEFAULT_SAMPLE_ROWS",
    "PHI_THRESHOLD",
    "ColumnProfile",
    "Evidence",
    "Profile",
    "classify_column",
    "classify_columns",
    "identifying_shape",
    "lone_geocodes",
]
