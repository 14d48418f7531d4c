"""reveal(): encrypted and pseudonymised columns back to their values, all or nothing, no value in errors."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from safecohort.errors import DecryptionError, InputError, PolicyError, UnknownKeyIdError
from safecohort.policy import Policy
from safecohort.transform.crypto import Keyring, encrypt_values, fpe_encrypt_values
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
