"""Notes: overlap resolution, per-entity operators, splicing and the positions of inserted text."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecohort.errors import TransformError
from safecohort.policy import Policy
from safecohort.transform.crypto import Keyring, decrypt_values
from safecohort.transform.notes import resolve_overlaps, transform_notes

FIXTURE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)

NOTES_POLICY = """
pid: {phi: identifier, action: hash}
visit: {type: date, phi: date, action: date_shift}
note: {type: text, phi: free_text}
"""
NOTES_SECTION = """
date_shift: {min_days: 10, max_days: 100}
notes:
  columns: [note]
  entities:
    PERSON: {operator: surrogate, kind: name}
    DATE_TIME: date_shift
    AGE_OVER_89: {operator: generalize, method: age_90}
    MEDICAL_RECORD_NUMBER: {operator: encrypt, domain: mrn}
    URL: drop
    HOSPITAL: keep
"""


@pytest.fixture(scope="module")
def policy(make_policy: Callable[..., Policy]) -> Policy:
    return make_policy(NOTES_POLICY, NOTES_SECTION)


def spans_of(text: str, finding: type, **entities: str) -> list:
    """Findings for the first occurrence of each given substring."""
    return [finding(text.index(s), text.index(s) + len(s), entity) for entity, s in entities.items()]


def test_overlaps_keep_the_longest_then_the_highest_score(finding: type) -> None:
    found = [
        finding(0, 4, "PERSON", 0.99),
        finding(0, 10, "PERSON", 0.5),
        finding(8, 14, "LOCATION", 0.9),
        finding(20, 25, "DATE_TIME", 0.4),
        finding(20, 25, "PHONE_NUMBER", 0.8),
        finding(30, 31, "X", 0.9),
        finding(40, 60, "Y", 0.9),  # clipped to the text
    ]
    kept = resolve_overlaps(found, 50)
    assert [(f.start, f.end, f.entity_type) for f in kept] == [
        (0, 10, "PERSON"),
        (20, 25, "PHONE_NUMBER"),
        (30, 31, "X"),
        (40, 60, "Y"),
    ]
    assert resolve_overlaps([finding(5, 5, "X"), finding(60, 70, "X")], 50) == []


def test_default_action_tags_and_inserted_spans(finding: type, make_policy: Callable[..., Policy]) -> None:
    policy = make_policy("pid: {}\nnote: {type: text}", "notes: {columns: [note]}")
    text = "Call Dr. Chen at 555-0100 today."
    texts = pd.Series([text, None, "nothing here"], index=[7, 8, 9], name="note")
    found = [spans_of(text, finding, PERSON="Chen", PHONE_NUMBER="555-0100"), [], []]
    out, inserted = transform_notes(texts, found, policy, None, None)
    assert out.index.equals(texts.index) and out.name == "note"
    assert out.tolist() == ["Call Dr. [PERSON] at [PHONE_NUMBER] today.", None, "nothing here"]
    assert [out[7][s:e] for s, e in inserted[0]] == ["[PERSON]", "[PHONE_NUMBER]"]
    assert inserted[1:] == [[], []]


def test_entity_actions_from_the_policy(finding: type, policy: Policy, keyring: Keyring) -> None:
    first = "Ann Lee, 94 years, MRN 123456, seen 03/14/2021 at Mercy; see http://x.org."
    second = "Ann Lee returned on 03/20/2021."
    texts = pd.Series([first, second, first], name="note")
    patients = pd.Series(["p1", "p1", "p2"])
    found = [
        spans_of(first, finding, PERSON="Ann Lee", AGE_OVER_89="94", MEDICAL_RECORD_NUMBER="123456",
                 DATE_TIME="03/14/2021", HOSPITAL="Mercy", URL="http://x.org"),
        spans_of(second, finding, PERSON="Ann Lee", DATE_TIME="03/20/2021"),
        spans_of(first, finding, PERSON="Ann Lee", DATE_TIME="03/14/2021"),
    ]  # fmt: skip
    out, inserted = transform_notes(texts, found, policy, keyring, patients)
    one, two, three = out
    assert "Ann Lee" not in one and "123456" not in one and "03/14/2021" not in one and "http" not in one
    assert "90+ years" in one and "at Mercy;" in one and "see ." in one
    # The same patient's name gets the same surrogate in every note; another patient's does not.
    name = one.split(",")[0]
    assert two.startswith(name + " returned") and not three.startswith(name + ",")
    # Dates of one patient move together: the 6-day interval survives.
    date_one = pd.Timestamp(re.findall(r"\d\d/\d\d/\d{4}", one)[0])
    date_two = pd.Timestamp(re.findall(r"\d\d/\d\d/\d{4}", two)[0])
    assert (date_two - date_one).days == 6 and 10 <= abs((date_one - pd.Timestamp("2021-03-14")).days) <= 100
    # The MRN is encrypted under the shared domain "mrn", so it decrypts like the mrn column.
    token = re.findall(r"enc:v1:\S+?:[A-Za-z0-9_-]+", one)[0]
    assert decrypt_values(keyring, "mrn", [token]) == ["123456"]
    # Inserted spans cover written text only: not the kept hospital, not the dropped URL.
    written = [one[s:e] for s, e in inserted[0]]
    assert name in written and token in written and "90+" in written
    assert "Mercy" not in written and "" not in written and len(written) == 4


def test_note_dates_shift_like_the_patients_date_columns(
    finding: type, policy: Policy, keyring: Keyring
) -> None:
    from safecohort.transform.table import transform_table

    frame = pd.DataFrame(
        {"pid": ["p1"], "visit": pd.to_datetime(["2021-03-14"]), "note": ["Seen 2021-03-14."]}
    )
    result = transform_table(frame, {"note": [[finding(5, 15, "DATE_TIME")]]}, policy, keyring)
    assert result.data["note"][0] == f"Seen {result.data['visit'][0]:%Y-%m-%d}."


@FIXTURE_SETTINGS
@given(
    pieces=st.lists(
        st.tuples(
            st.text(max_size=8), st.text(min_size=1, max_size=8), st.sampled_from(["PERSON", "ID", "URL"])
        ),
        max_size=8,
    ),
    tail=st.text(max_size=8),
)
def test_splicing_puts_each_replacement_where_inserted_says(
    finding: type, make_policy: Callable[..., Policy], pieces: list[tuple[str, str, str]], tail: str
) -> None:
    policy = make_policy(
        "pid: {}\nnote: {type: text}", "notes:\n  columns: [note]\n  entities: {URL: redact}\n"
    )
    text, found, expected = "", [], ""
    for before, span, entity in pieces:
        text += before
        found.append(finding(len(text), len(text) + len(span), entity))
        text += span
        expected += before + ("" if entity == "URL" else f"[{entity}]")
    text += tail
    expected += tail
    out, inserted = transform_notes(pd.Series([text]), [found], policy, None, None)
    assert out[0] == expected
    assert [out[0][s:e] for s, e in inserted[0]] == [f"[{e}]" for _, _, e in pieces if e != "URL"]


def test_findings_must_match_the_notes(finding: type, policy: Policy) -> None:
    with pytest.raises(TransformError, match="2 notes but 1"):
        transform_notes(pd.Series(["a", "b"], name="note"), [[]], policy, None, None)


def test_suppressed_spans_are_removed(finding: type, make_policy: Callable[..., Policy]) -> None:
    policy = make_policy(
        "pid: {}\nnote: {type: text}", "notes:\n  columns: [note]\n  default_action: suppress\n"
    )
    out, inserted = transform_notes(pd.Series(["a SECRET b"]), [[finding(2, 8, "X")]], policy, None, None)
    assert out[0] == "a  b" and inserted == [[]]
