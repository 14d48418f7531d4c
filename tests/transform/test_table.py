"""transform_table: every action, patient ids read before transforming, records, errors, no key leaks."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from safecohort.errors import KeyringError, TransformError, UnlistedColumnError
from safecohort.policy import Policy
from safecohort.transform import Keyring, TransformResult, transform_table
from safecohort.transform.crypto import decrypt_values
from safecohort.transform.operators import patient_offsets

COLUMNS = """
pid: {phi: identifier, action: {operator: hash, length: 20, domain: patient}}
name: {phi: name, action: drop}
mrn: {phi: mrn, action: encrypt}
admitted: {type: date, phi: date, action: date_shift}
discharged: {type: date, phi: date, action: date_shift}
zip: {phi: zip, action: {operator: generalize, method: zip3}}
age: {type: int, phi: age, action: {operator: generalize, method: age_band}}
glucose: {type: int}
note: {type: text, phi: free_text}
"""
EXTRA = "notes:\n  columns: [note]\n  entities: {PERSON: {operator: surrogate, kind: name}}\n"


@pytest.fixture(scope="module")
def policy(make_policy: Callable[..., Policy]) -> Policy:
    return make_policy(COLUMNS, EXTRA)


@pytest.fixture
def frame() -> pd.DataFrame:
    """Validated rows as the validate stage hands them over (policy dtypes, a non-default index)."""
    return pd.DataFrame(
        {
            "pid": ["p1", "p1", "p2", "p3"],
            "name": ["Ann Lee", "Ann Lee", "Bo Li", None],
            "mrn": ["100200", "100200", "300400", None],
            "admitted": pd.to_datetime(["2021-03-01", "2021-05-01", "2020-01-01", None]),
            "discharged": pd.to_datetime(["2021-03-04", "2021-05-11", "2020-01-02", "2020-02-02"]),
            "zip": ["02134", "03601", None, "8901"],
            "age": pd.array([45, 45, 93, None], dtype="Int64"),
            "glucose": pd.array([90, 101, None, 140], dtype="Int64"),
            "note": ["Ann Lee is well.", "Ann Lee again.", None, "No names."],
        },
        index=[10, 11, 20, 30],
    )


@pytest.fixture
def findings(finding: type) -> dict[str, list[list]]:
    return {"note": [[finding(0, 7, "PERSON")], [finding(0, 7, "PERSON")], [], []]}


def test_every_column_gets_its_action(
    frame: pd.DataFrame, findings: dict, policy: Policy, keyring: Keyring
) -> None:
    before = frame.copy()
    result = transform_table(frame, findings, policy, keyring)
    pd.testing.assert_frame_equal(frame, before)  # pure
    assert isinstance(result, TransformResult)
    data = result.data
    assert list(data.columns) == ["pid", "mrn", "admitted", "discharged", "zip", "age", "glucose", "note"]
    assert data.index.equals(frame.index)
    assert data["pid"].str.fullmatch(r"[0-9a-f]{20}").all() and data["pid"].iloc[0] == data["pid"].iloc[1]
    assert decrypt_values(keyring, "mrn", data["mrn"].iloc[:3]) == ["100200", "100200", "300400"]
    assert data["mrn"].iloc[3] is None
    assert data["zip"].tolist() == ["02100", "00000", None, None]
    assert data["age"].tolist() == ["40-49", "40-49", "90+", None]
    pd.testing.assert_series_equal(data["glucose"], frame["glucose"])
    assert "Ann Lee" not in " ".join(data["note"].dropna())
    assert data["note"].iloc[0].split(" is")[0] == data["note"].iloc[1].split(" again")[0]
    assert data["note"].iloc[2] is None and data["note"].iloc[3] == "No names."
    assert [len(spans) for spans in result.inserted["note"]] == [1, 1, 0, 0]


def test_dates_shift_by_the_raw_patient_id(
    frame: pd.DataFrame, findings: dict, policy: Policy, keyring: Keyring
) -> None:
    data = transform_table(frame, findings, policy, keyring).data
    # Offsets come from the raw ids, read before the pid column itself is hashed.
    expected = patient_offsets(keyring, frame["pid"].to_numpy(dtype=object), policy.date_shift)
    for column in ("admitted", "discharged"):
        moved = (data[column] - frame[column]).dt.days.to_numpy(dtype=float)
        known = ~np.isnan(moved)
        assert np.array_equal(moved[known], expected[known])
    length_of_stay = data["discharged"] - data["admitted"]
    pd.testing.assert_series_equal(length_of_stay, frame["discharged"] - frame["admitted"])


def test_actions_record_what_was_done_without_key_material(
    frame: pd.DataFrame, findings: dict, policy: Policy, keyring: Keyring
) -> None:
    actions = {a.column: a for a in transform_table(frame, findings, policy, keyring).actions}
    assert list(actions) == list(policy.columns)
    assert actions["name"].output == "dropped" and actions["pid"].output == "kept"
    assert actions["pid"].params == {"length": 20, "domain": "patient"}
    assert actions["note"].operator == "scan" and actions["note"].params["entities"] == {
        "PERSON": "surrogate"
    }
    assert actions["glucose"].operator == "keep" and actions["glucose"].phi == "none"
    dumped = str([a.model_dump() for a in actions.values()])
    assert keyring.active_id not in dumped
    assert base64.b64encode(keyring.info(keyring.active_id).material).decode() not in dumped


def test_same_input_and_key_give_identical_output(
    tmp_path: Path, frame: pd.DataFrame, findings: dict, policy: Policy, keyring: Keyring
) -> None:
    keyring.save(tmp_path / "k.json")
    first = transform_table(frame, findings, policy, keyring)
    second = transform_table(frame.copy(), findings, policy, Keyring.load(tmp_path / "k.json"))
    pd.testing.assert_frame_equal(first.data, second.data)
    assert first.inserted == second.inserted
    other = transform_table(frame, findings, policy, Keyring.generate())
    assert not other.data["pid"].equals(first.data["pid"])


def test_key_bytes_appear_in_no_file_but_the_key_file(
    tmp_path: Path, frame: pd.DataFrame, findings: dict, policy: Policy
) -> None:
    keyring = Keyring.generate()
    keyring.save(tmp_path / "site.keys.json")
    result = transform_table(frame, findings, policy, keyring)
    result.data.to_csv(tmp_path / "data.csv")
    result.data.to_parquet(tmp_path / "data.parquet")
    (tmp_path / "actions.json").write_text(str([a.model_dump_json() for a in result.actions]))
    (tmp_path / "repr.txt").write_text(repr(keyring) + str(result))
    material = keyring.info(keyring.active_id).material
    forms: list[bytes | str] = [
        material,
        base64.b64encode(material),
        base64.urlsafe_b64encode(material).rstrip(b"="),
        material.hex(),
    ]
    forms += [keyring.subkey(p) for p in ("hash", "encrypt", "date_shift", "surrogate")]
    for path in tmp_path.iterdir():
        content = path.read_bytes()
        found = [f for f in forms if (f.encode() if isinstance(f, str) else f) in content]
        assert bool(found) == (path.name == "site.keys.json"), path.name


def test_unlisted_columns_fail_or_drop(
    frame: pd.DataFrame, findings: dict, policy: Policy, keyring: Keyring, make_policy: Callable[..., Policy]
) -> None:
    extended = frame.assign(member_id=["SECRET1", "SECRET2", "SECRET3", "SECRET4"])
    with pytest.raises(UnlistedColumnError, match="member_id") as info:
        transform_table(extended, findings, policy, keyring)
    assert "SECRET" not in str(info.value)
    dropping = make_policy(COLUMNS, EXTRA + "unlisted_columns: drop\n")
    assert "member_id" not in transform_table(extended, findings, dropping, keyring).data.columns


def test_keyed_operator_without_keys(frame: pd.DataFrame, findings: dict, policy: Policy) -> None:
    with pytest.raises(KeyringError, match="needs a key"):
        transform_table(frame, findings, policy, None)


def test_bad_column_type_names_the_column_not_values(
    frame: pd.DataFrame, findings: dict, policy: Policy, keyring: Keyring
) -> None:
    bad = frame.assign(admitted=[123456, 234567, 345678, 456789])
    with pytest.raises(TransformError, match="'admitted'") as info:
        transform_table(bad, findings, policy, keyring)
    assert "123456" not in str(info.value)


def test_notes_column_must_have_been_scanned(frame: pd.DataFrame, policy: Policy, keyring: Keyring) -> None:
    with pytest.raises(TransformError, match="'note' has no findings"):
        transform_table(frame, {}, policy, keyring)


def test_optional_column_absent_and_empty_frame(
    frame: pd.DataFrame, findings: dict, policy: Policy, keyring: Keyring
) -> None:
    result = transform_table(frame.drop(columns=["zip"]), findings, policy, keyring)
    assert "zip" not in result.data.columns and "zip" not in {a.column for a in result.actions}
    empty = transform_table(frame.iloc[:0], {"note": []}, policy, keyring)
    assert len(empty.data) == 0 and empty.inserted == {"note": []}
