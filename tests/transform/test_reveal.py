"""reveal(): encrypted and pseudonymised columns back to their values, all or nothing, no value in errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from safecohort.errors import DecryptionError, InputError, PolicyError, UnknownKeyIdError
from safecohort.policy import Policy
from safecohort.transform.crypto import Keyring, encrypt_values, fpe_encrypt_values
from safecohort.transform.notes import transform_notes
from safecohort.transform.reveal import reveal

MRNS = ["49788046", "40108944", None, "49788046"]
SSNS = ["347-65-2935", None, "424-93-5797", "347-65-2935"]


@pytest.fixture
def policy(make_policy: Callable[..., Policy]) -> Policy:
    return make_policy(
        """
        pid: {action: {operator: hash}}
        mrn: {action: pseudonym}
        ssn: {action: {operator: encrypt, domain: identifiers}}
        """
    )


@pytest.fixture
def frame(keyring: Keyring) -> pd.DataFrame:
    mrn = [None if m is None else fpe_encrypt_values(keyring, "mrn", [m])[0] for m in MRNS]
    ssn = [None if v is None else encrypt_values(keyring, "identifiers", [v])[0] for v in SSNS]
    token = [None if v is None else encrypt_values(keyring, "token_col", [v])[0] for v in SSNS]
    return pd.DataFrame(
        {"pid": ["a", "b", "c", "d"], "mrn": mrn, "ssn": ssn, "token_col": token}, index=[10, 11, 12, 13]
    )


def test_reveal_with_policy_decrypts_pseudonyms_and_tokens(
    frame: pd.DataFrame, keyring: Keyring, policy: Policy
) -> None:
    before = frame.copy()
    result = reveal(frame, ["mrn", "ssn"], keyring, policy=policy)
    pd.testing.assert_frame_equal(frame, before)  # pure
    assert result.data["mrn"].tolist() == MRNS and result.data["ssn"].tolist() == SSNS
    assert result.data["pid"].tolist() == ["a", "b", "c", "d"] and result.data.index.tolist() == [
        10,
        11,
        12,
        13,
    ]
    assert result.methods == {"mrn": "pseudonym", "ssn": "encrypt"}
    assert result.key_ids == [keyring.active_id]


def test_reveal_without_policy_reads_tokens_of_the_columns_domain(
    frame: pd.DataFrame, keyring: Keyring
) -> None:
    assert reveal(frame, ["token_col"], keyring).data["token_col"].tolist() == SSNS
    with pytest.raises(DecryptionError, match=r"row 10 of column 'mrn'.*needs --policy"):
        reveal(frame, ["mrn"], keyring)


def test_errors_name_row_and_column_never_the_value(
    frame: pd.DataFrame, keyring: Keyring, policy: Policy
) -> None:
    tampered = frame.copy()
    token = tampered.at[13, "ssn"]
    tampered.at[13, "ssn"] = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    with pytest.raises(DecryptionError, match=r"row 13 of column 'ssn'") as info:
        reveal(tampered, ["mrn", "ssn"], keyring, policy=policy)
    assert "347-65-2935" not in str(info.value) and token[-20:] not in str(info.value)

    foreign = frame.copy()
    foreign.at[11, "token_col"] = encrypt_values(Keyring.generate(), "token_col", ["x"])[0]
    with pytest.raises(UnknownKeyIdError, match=r"row 11 of column 'token_col'"):
        reveal(foreign, ["token_col"], keyring)

    short = frame.copy()
    short.at[12, "mrn"] = "123"
    with pytest.raises(DecryptionError, match=r"row 12 of column 'mrn'") as info:
        reveal(short, ["mrn"], keyring, policy=policy)
    assert "'123'" not in str(info.value)


def test_a_wrong_key_is_an_error_for_tokens(frame: pd.DataFrame, policy: Policy) -> None:
    with pytest.raises(UnknownKeyIdError, match="column 'ssn'"):
        reveal(frame, ["ssn"], Keyring.generate(), policy=policy)
    with pytest.raises(UnknownKeyIdError, match="k9-20000101-abcdef"):
        reveal(frame, ["mrn"], Keyring.generate(), policy=policy, key_id="k9-20000101-abcdef")


def test_irreversible_and_missing_columns(frame: pd.DataFrame, keyring: Keyring, policy: Policy) -> None:
    with pytest.raises(PolicyError, match="'pid' is not reversible"):
        reveal(frame, ["pid"], keyring, policy=policy)
    with pytest.raises(InputError, match="'absent'"):
        reveal(frame, ["absent"], keyring, policy=policy)
    with pytest.raises(InputError):
        reveal(frame, [], keyring)


def test_pseudonyms_of_a_rotated_key_need_its_id(
    frame: pd.DataFrame, keyring: Keyring, policy: Policy
) -> None:
    rotated = Keyring([keyring.info(keyring.active_id)], keyring.active_id)
    old = rotated.active_id
    rotated.rotate()
    # Pseudonyms carry no key id and FF3-1 is not authenticated: the new key gives other (wrong) values...
    assert reveal(frame, ["mrn"], rotated, policy=policy).data["mrn"].tolist() != MRNS
    # ...and the key id recorded at build time gives the right ones; tokens find their key themselves.
    result = reveal(frame, ["mrn", "ssn"], rotated, policy=policy, key_id=old)
    assert result.data["mrn"].tolist() == MRNS and result.data["ssn"].tolist() == SSNS
    assert result.key_ids == [old]


# -- the pseudonym algorithm: named by the policy, else recorded by the key file ----------------------------

DATA = Path(__file__).parent / "data"


def test_pseudonyms_from_before_ff1_reveal_with_the_key_files_record(
    make_policy: Callable[..., Policy],
) -> None:
    made = json.loads((DATA / "pre_ff1_values.json").read_text())
    keyring = Keyring.load(DATA / "pre_ff1.keys.json")  # no scheme recorded: FF3-1
    old_policy = make_policy("mrn: {action: pseudonym}", patient_id=None)  # as written before FF1
    frame = pd.DataFrame({"mrn": made["pseudonyms_k2_mrn"]})
    result = reveal(frame, ["mrn"], keyring, policy=old_policy)
    assert result.data["mrn"].tolist() == made["values"] and result.schemes == {"mrn": "ff3-1:v1"}
    older = reveal(
        pd.DataFrame({"mrn": made["pseudonyms_k1_mrn"]}),
        ["mrn"],
        keyring,
        policy=old_policy,
        key_id=keyring.key_ids[0],
    )
    assert older.data["mrn"].tolist() == made["values"]

    # After a rotation the new key makes FF1 pseudonyms; each key's own are revealed with its algorithm.
    old_key = keyring.active_id
    keyring.rotate()
    new = fpe_encrypt_values(keyring, "mrn", made["values"]).tolist()
    assert reveal(pd.DataFrame({"mrn": new}), ["mrn"], keyring, policy=old_policy).schemes == {
        "mrn": "ff1:v1"
    }
    assert (
        reveal(pd.DataFrame({"mrn": new}), ["mrn"], keyring, policy=old_policy).data["mrn"].tolist()
        == made["values"]
    )
    assert (
        reveal(frame, ["mrn"], keyring, policy=old_policy, key_id=old_key).data["mrn"].tolist()
        == made["values"]
    )

    # A policy that names FF3-1 wins over the key file's record (the build used what the policy named).
    named = make_policy("mrn: {action: {operator: pseudonym, algorithm: ff3-1}}", patient_id=None)
    ff3 = fpe_encrypt_values(keyring, "mrn", made["values"], algorithm="ff3-1").tolist()
    result = reveal(pd.DataFrame({"mrn": ff3}), ["mrn"], keyring, policy=named)
    assert result.data["mrn"].tolist() == made["values"] and result.schemes == {"mrn": "ff3-1:v1"}


# -- enc:v1 tokens inside notes ---------------------------------------------------------------------------

NOTE_POLICY = """
note: {type: text}
"""
NOTE_EXTRA = """
notes:
  columns: [note]
  entities:
    PERSON: {operator: encrypt}
    MEDICAL_RECORD_NUMBER: {operator: encrypt, domain: mrn}
    DATE_TIME: {operator: replace}
"""
NOTES = [
    "Seen by Dr. Hope on 7/22; MRN 49788046.",
    None,
    "No identifiers here.",
    "Hope's patient (MRN 49788046) called Hope-Smith back.",
]


@pytest.fixture
def note_policy(make_policy: Callable[..., Policy]) -> Policy:
    return make_policy(NOTE_POLICY, NOTE_EXTRA, patient_id=None)


@pytest.fixture
def built_notes(keyring: Keyring, note_policy: Policy, finding: Callable[..., Any]) -> pd.DataFrame:
    spans = []
    for text in NOTES:
        found = []
        for name, entity in (
            ("Hope", "PERSON"),
            ("49788046", "MEDICAL_RECORD_NUMBER"),
            ("7/22", "DATE_TIME"),
        ):
            start = (text or "").find(name)
            while text is not None and start >= 0:
                found.append(finding(start, start + len(name), entity))
                start = text.find(name, start + 1)
        spans.append(found)
    safe, _ = transform_notes(
        pd.Series(NOTES, dtype=object, index=[3, 5, 8, 9], name="note"), spans, note_policy, keyring, None
    )
    return pd.DataFrame({"note": safe})


def test_reveal_notes_restores_the_encrypted_spans(
    built_notes: pd.DataFrame, keyring: Keyring, note_policy: Policy
) -> None:
    assert "Hope" not in built_notes.at[3, "note"] and built_notes.at[3, "note"].count("enc:v1:") == 2
    assert "Hope-Smith" not in built_notes.at[9, "note"]  # a token with text right after it: "-Smith"
    result = reveal(built_notes, [], keyring, policy=note_policy, notes=["note"])
    expected = [n.replace("7/22", "[DATE_TIME]") if n else n for n in NOTES]
    assert result.data["note"].tolist() == expected
    assert result.methods == {"note": "notes"} and result.schemes == {"note": "aes-siv:v1"}
    assert result.key_ids == [keyring.active_id]


def test_tampered_tokens_in_notes_fail_with_row_and_column(
    built_notes: pd.DataFrame, keyring: Keyring, note_policy: Policy
) -> None:
    note = built_notes.at[9, "note"]
    start = note.index("enc:v1:")
    body = start + len("enc:v1:") + len(keyring.active_id) + 1
    for tampered in (
        note[: body + 5] + ("A" if note[body + 5] != "A" else "B") + note[body + 6 :],  # a changed character
        note[: body + 4] + note[body + 5 :],  # a character cut out
        note[:start] + "enc:v2:" + note[start + 7 :],  # another version
        note[: body + 3] + " " + note[body + 3 :],  # a token cut in two
    ):
        frame = built_notes.copy()
        frame.at[9, "note"] = tampered
        with pytest.raises(DecryptionError, match=r"token at row 9 of column 'note'") as info:
            reveal(frame, [], keyring, policy=note_policy, notes=["note"])
        assert "Hope" not in str(info.value) and "49788046" not in str(info.value)
    # A token from another column (another domain) does not decrypt in a note either.
    frame = built_notes.copy()
    frame.at[8, "note"] = "see " + encrypt_values(keyring, "ssn", ["Hope"])[0]
    with pytest.raises(DecryptionError, match=r"row 8 of column 'note'"):
        reveal(frame, [], keyring, policy=note_policy, notes=["note"])
    frame.at[8, "note"] = "see " + encrypt_values(Keyring.generate(), "notes.PERSON", ["Hope"])[0]
    with pytest.raises(UnknownKeyIdError, match=r"row 8 of column 'note'"):
        reveal(frame, [], keyring, policy=note_policy, notes=["note"])


def test_reveal_notes_needs_a_policy_that_encrypts_entities(
    built_notes: pd.DataFrame, keyring: Keyring, make_policy: Callable[..., Policy], note_policy: Policy
) -> None:
    with pytest.raises(InputError, match="--policy"):
        reveal(built_notes, [], keyring, notes=["note"])
    plain = make_policy(NOTE_POLICY, "notes:\n  columns: [note]\n", patient_id=None)
    with pytest.raises(PolicyError, match="encrypts no entity"):
        reveal(built_notes, [], keyring, policy=plain, notes=["note"])
    unnamed = make_policy(
        NOTE_POLICY, "notes:\n  columns: [note]\n  default_action: encrypt\n", patient_id=None
    )
    with pytest.raises(PolicyError, match="phi_entities"):
        reveal(built_notes, [], keyring, policy=unnamed, notes=["note"])
    named = make_policy(
        NOTE_POLICY,
        "notes:\n  columns: [note]\n  default_action: encrypt\n"
        "  phi_entities: [PERSON, MEDICAL_RECORD_NUMBER]\n",
        patient_id=None,
    )
    with pytest.raises(DecryptionError):  # the MRN was encrypted for domain "mrn", which this policy lacks
        reveal(built_notes, [], keyring, policy=named, notes=["note"])
    frame = pd.DataFrame({"note": built_notes["note"], "other": "x"})
    with pytest.raises(PolicyError, match="'other' are not notes columns"):
        reveal(frame, [], keyring, policy=note_policy, notes=["other"])
