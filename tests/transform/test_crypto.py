"""Keyring, AES-SIV tokens and keyed HMAC: real cryptography, no mocks."""

from __future__ import annotations

import base64
import hmac
import json
import pickle
import re
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecohort.errors import DecryptionError, KeyringError, UnknownKeyIdError
from safecohort.transform.crypto import Keyring, decrypt_values, encrypt_values, hmac_values

TOKEN = re.compile(r"enc:v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+")
FIXTURE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


def key_forms(keyring: Keyring) -> list[bytes]:
    """Every way a key could leak: raw bytes, base64, urlsafe base64, hex; for master keys and subkeys."""
    forms = []
    for key_id in keyring.key_ids:
        material = [keyring.info(key_id).material] + [
            keyring.subkey(p, key_id) for p in ("hash", "encrypt", "date_shift", "surrogate", "pseudonym")
        ]
        for raw in material:
            forms += [
                raw,
                base64.b64encode(raw),
                base64.urlsafe_b64encode(raw).rstrip(b"="),
                raw.hex().encode(),
            ]
    return forms


def assert_no_key_in(text: str | bytes, keyring: Keyring) -> None:
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    for form in key_forms(keyring):
        assert form not in data


def test_generate_gives_one_active_256_bit_key() -> None:
    keyring = Keyring.generate(purpose="unit")
    assert keyring.key_ids == (keyring.active_id,)
    assert re.fullmatch(r"k1-\d{8}-[0-9a-f]{6}", keyring.active_id)
    assert len(keyring.info(keyring.active_id).material) == 32
    assert keyring.info(keyring.active_id).purpose == "unit"
    assert Keyring.generate().active_id != keyring.active_id


def test_subkeys_are_separated_by_purpose_and_key() -> None:
    keyring = Keyring.generate()
    purposes = ("hash", "date_shift", "surrogate", "encrypt", "pseudonym")
    derived = {keyring.subkey(p) for p in purposes}
    assert len(derived) == len(purposes)
    assert all(len(k) == 32 for k in derived)
    assert keyring.subkey("hash") == keyring.subkey("hash", keyring.active_id)
    first = keyring.active_id
    keyring.rotate()
    assert keyring.subkey("hash") != keyring.subkey("hash", first)


def test_repr_and_str_show_ids_only(keyring: Keyring) -> None:
    for text in (repr(keyring), str(keyring), repr(keyring.info(keyring.active_id))):
        assert keyring.active_id in text
        assert_no_key_in(text, keyring)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    keyring = Keyring.generate()
    path = tmp_path / "site.keys.json"
    keyring.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["site.keys.json"]  # no temp file left behind
    loaded = Keyring.load(path)
    assert loaded.key_ids == keyring.key_ids and loaded.active_id == keyring.active_id
    assert loaded.subkey("hash") == keyring.subkey("hash")
    assert json.loads(path.read_text())["format"] == "safecohort-keyring"


def test_passphrase_wraps_the_keys(tmp_path: Path) -> None:
    keyring = Keyring.generate()
    path = tmp_path / "wrapped.json"
    keyring.save(path, passphrase="correct horse")
    assert_no_key_in(path.read_bytes(), keyring)
    assert Keyring.load(path, passphrase="correct horse").subkey("encrypt") == keyring.subkey("encrypt")
    with pytest.raises(KeyringError, match="wrong passphrase") as info:
        Keyring.load(path, passphrase="wrong horse")
    assert "correct horse" not in str(info.value) and "wrong horse" not in str(info.value)
    with pytest.raises(KeyringError, match="give the passphrase"):
        Keyring.load(path)
    plain = tmp_path / "plain.json"
    keyring.save(plain)
    with pytest.raises(KeyringError, match="not protected"):
        Keyring.load(plain, passphrase="x")


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[1, 2]",
        b'{"format": "other", "version": 1}',
        b'{"format": "safecohort-keyring", "version": 1, "active": "k1", "keys": [{"id": "k1"}]}',
        b'{"format": "safecohort-keyring", "version": 1, "active": "k1", '
        b'"keys": [{"id": "k1", "created": "x", "purpose": "x", "key": "c2hvcnQ="}]}',
        b'{"format": "safecohort-keyring", "version": 1, "active": "k2", '
        b'"keys": [{"id": "k1", "created": "x", "purpose": "x", "key": "!!"}]}',
    ],
)
def test_malformed_key_files_raise_keyring_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(KeyringError) as info:
        Keyring.load(path)
    assert "bad.json" in str(info.value)


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyringError, match="not found"):
        Keyring.load(tmp_path / "absent.json")


def test_rotation_keeps_old_tokens_readable(tmp_path: Path) -> None:
    keyring = Keyring.generate()
    old_tokens = encrypt_values(keyring, "mrn", ["12345", "67890"])
    old_id = keyring.active_id
    new_id = keyring.rotate()
    assert keyring.active_id == new_id != old_id
    assert keyring.key_ids == (old_id, new_id)
    new_tokens = encrypt_values(keyring, "mrn", ["12345"])
    assert new_tokens[0] != old_tokens[0] and f":{new_id}:" in new_tokens[0]
    keyring.save(tmp_path / "k.json")
    reloaded = Keyring.load(tmp_path / "k.json")
    assert decrypt_values(reloaded, "mrn", old_tokens + new_tokens) == ["12345", "67890", "12345"]


def test_keyring_pickles_for_executors(keyring: Keyring) -> None:
    copy = pickle.loads(pickle.dumps(keyring))
    assert copy.active_id == keyring.active_id
    token = encrypt_values(keyring, "d", ["x"])
    assert encrypt_values(copy, "d", ["x"]) == token


@FIXTURE_SETTINGS
@given(values=st.lists(st.text(), max_size=30))
def test_decrypt_inverts_encrypt_for_any_text(keyring: Keyring, values: list[str]) -> None:
    tokens = encrypt_values(keyring, "mrn", values)
    assert all(TOKEN.fullmatch(t) for t in tokens)
    assert decrypt_values(keyring, "mrn", tokens) == values


@FIXTURE_SETTINGS
@given(value=st.text(), other=st.text())
def test_tokens_are_deterministic_per_key_and_domain(keyring: Keyring, value: str, other: str) -> None:
    token = encrypt_values(keyring, "mrn", [value])[0]
    assert encrypt_values(keyring, "mrn", [value, value]) == [token, token]
    assert encrypt_values(keyring, "other_column", [value])[0] != token
    if other != value:
        assert encrypt_values(keyring, "mrn", [other])[0] != token


def test_another_key_gives_other_tokens_and_cannot_read_them(keyring: Keyring) -> None:
    other = Keyring.generate()
    tokens = encrypt_values(keyring, "mrn", ["12345"])
    assert encrypt_values(other, "mrn", ["12345"]) != tokens
    with pytest.raises(UnknownKeyIdError, match="row position 0"):
        decrypt_values(other, "mrn", tokens)


def test_token_for_another_domain_fails(keyring: Keyring) -> None:
    tokens = encrypt_values(keyring, "mrn", ["12345"])
    with pytest.raises(DecryptionError, match="domain 'ssn'"):
        decrypt_values(keyring, "ssn", tokens)


@FIXTURE_SETTINGS
@given(value=st.text(max_size=40), data=st.data())
def test_any_changed_payload_character_is_detected(keyring: Keyring, value: str, data: st.DataObject) -> None:
    good = encrypt_values(keyring, "mrn", ["other", value])
    token = good[1]
    payload_start = token.rindex(":") + 1
    position = data.draw(st.integers(payload_start, len(token) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=."
    char = data.draw(st.sampled_from([c for c in alphabet if c != token[position]]))
    tampered = token[:position] + char + token[position + 1 :]
    with pytest.raises(DecryptionError) as info:
        decrypt_values(keyring, "mrn", [good[0], tampered])
    assert "row position 1" in str(info.value)
    if len(value) >= 3:
        assert value not in str(info.value)
    assert_no_key_in(str(info.value), keyring)


@pytest.mark.parametrize(
    "garbled",
    [
        "12345",
        "",
        "enc:v1:",
        "enc:v1:k1:",
        "enc:v2:k1:AAAAAAAAAAAAAAAAAAAAAA",
        "enc:v1:bad id:AAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_garbled_tokens_raise_decryption_error(keyring: Keyring, garbled: str) -> None:
    with pytest.raises(DecryptionError, match="row position 0"):
        decrypt_values(keyring, "mrn", [garbled])


def test_truncated_token(keyring: Keyring) -> None:
    token = encrypt_values(keyring, "mrn", ["1234567890"])[0]
    with pytest.raises(DecryptionError):
        decrypt_values(keyring, "mrn", [token[:-4]])


def test_unknown_key_id(keyring: Keyring) -> None:
    token = encrypt_values(keyring, "mrn", ["42"])[0]
    foreign = token.replace(keyring.active_id, "k9-20000101-abcdef")
    with pytest.raises(UnknownKeyIdError, match="k9-20000101-abcdef") as info:
        decrypt_values(keyring, "mrn", [foreign])
    assert_no_key_in(str(info.value), keyring)


def test_hmac_matches_the_standard_library(keyring: Keyring) -> None:
    values = ["", "12345", "é☃", "12345"]
    domain_key = hmac.digest(keyring.subkey("hash"), b"domain\0mrn", "sha256")
    expected = [hmac.digest(domain_key, v.encode("utf-8"), "sha256") for v in values]
    assert hmac_values(keyring, "mrn", values) == expected


def test_hmac_is_separated_by_domain_purpose_and_key(keyring: Keyring) -> None:
    base = hmac_values(keyring, "mrn", ["12345"])
    assert hmac_values(keyring, "encounter", ["12345"]) != base
    assert hmac_values(keyring, "mrn", ["12345"], purpose="pseudonym") != base
    assert hmac_values(Keyring.generate(), "mrn", ["12345"]) != base
    assert hmac_values(keyring, "mrn", [12345]) == base  # values are hashed as text


def test_values_differing_after_a_nul_character_stay_apart(keyring: Keyring) -> None:
    values = ["a", "a\x00b", "a\x00c", "", "\x00"]
    tokens = encrypt_values(keyring, "d", values)
    assert len(set(tokens)) == len(values)
    assert decrypt_values(keyring, "d", tokens) == values
    assert len(set(hmac_values(keyring, "d", values))) == len(values)


def test_empty_inputs(keyring: Keyring) -> None:
    assert encrypt_values(keyring, "d", []) == []
    assert decrypt_values(keyring, "d", []) == []
    assert hmac_values(keyring, "d", []) == []
