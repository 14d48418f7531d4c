"""Keyring, AES-SIV tokens and keyed HMAC: real cryptography, no mocks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import pickle
import re
import stat
from pathlib import Path

import numpy as np
import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from ff3 import FF3Cipher
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from safecohort.errors import DecryptionError, KeyringError, TransformError, UnknownKeyIdError
from safecohort.transform.crypto import (
    FPE_PURPOSES,
    Keyring,
    decrypt_values,
    encrypt_values,
    fpe_decrypt_values,
    fpe_encrypt_values,
    fpe_pattern,
    hmac_values,
    pseudonym_algorithm,
)
from safecohort.transform.ff1 import FF1
from transform.key_leaks import assert_no_key_in

TOKEN = re.compile(r"enc:v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+")
FIXTURE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


def test_generate_gives_one_active_256_bit_key() -> None:
    keyring = Keyring.generate(purpose="unit")
    assert keyring.key_ids == (keyring.active_id,)
    assert re.fullmatch(r"k1-\d{8}-[0-9a-f]{6}", keyring.active_id)
    assert len(keyring.info(keyring.active_id).material) == 32
    assert keyring.info(keyring.active_id).purpose == "unit"
    assert Keyring.generate().active_id != keyring.active_id


def test_subkeys_are_separated_by_purpose_and_key() -> None:
    keyring = Keyring.generate()
    purposes = ("hash", "date_shift", "surrogate", "encrypt", *FPE_PURPOSES.values())
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
    assert Keyring.is_wrapped(path)
    asked: list[int] = []

    def prompt() -> str:
        asked.append(1)
        return "correct horse"

    assert Keyring.load(path, passphrase=prompt).key_ids == keyring.key_ids and asked == [1]
    plain = tmp_path / "plain.json"
    keyring.save(plain)
    with pytest.raises(KeyringError, match="not protected"):
        Keyring.load(plain, passphrase="x")
    assert not Keyring.is_wrapped(plain) and not Keyring.is_wrapped(tmp_path / "absent.json")
    # A passphrase function is only called for a wrapped file.
    assert Keyring.load(plain, passphrase=lambda: pytest.fail("asked for a passphrase")).key_ids


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


def test_tokens_are_rfc5297_aes_siv_with_the_column_as_associated_data(keyring: Keyring) -> None:
    # The bulk base64 must give exactly the unpadded base64url of the AES-SIV output, for every length.
    values = ["", "a", "ab", "abc", "12345678", "é☃", "x" * 100] + [str(n) * n for n in range(1, 40)]
    reference = AESSIV(keyring.subkey("encrypt", length=64))
    for value, token in zip(values, encrypt_values(keyring, "mrn", values), strict=True):
        payload = reference.encrypt(value.encode("utf-8"), [b"mrn"])
        body = base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii")
        assert token == f"enc:v1:{keyring.active_id}:{body}"


def test_decrypt_errors_describe_the_place_given(keyring: Keyring) -> None:
    tokens = encrypt_values(keyring, "mrn", ["1", "2"])
    with pytest.raises(DecryptionError, match="row 'r7' of column 'mrn'"):
        decrypt_values(
            keyring, "mrn", [tokens[0], "junk"], where=lambda p: f"row {['r3', 'r7'][p]!r} of column 'mrn'"
        )


# -- format-preserving encryption (FF1; FF3-1 for pseudonyms from before FF1) ---------------------------

CLASSES = {
    "digit": "0123456789",
    "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "lower": "abcdefghijklmnopqrstuvwxyz",
}
DATA = Path(__file__).parent / "data"
ALGORITHMS = pytest.mark.parametrize("algorithm", ["ff1", "ff3-1"])


def char_class(char: str) -> str:
    return next((name for name, alphabet in CLASSES.items() if char in alphabet), char)


# Every format the operator accepts: digits, letters of either case, separators (ASCII and not),
# from the smallest domain it takes (10**6) to the 56-digit limit; and what it must refuse.
IDENTIFIERS = st.one_of(
    st.from_regex(r"[0-9]{6,20}", fullmatch=True),
    st.from_regex(r"[A-Z]{1,3}-?[0-9]{5,9}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9 ./_-]{6,30}", fullmatch=True),
    st.from_regex(r"[0-9a-z]{3,8}[–·§ ][0-9A-Z]{3,8}", fullmatch=True),
    st.text(st.characters(codec="utf-8"), min_size=0, max_size=12),
)


@FIXTURE_SETTINGS
@ALGORITHMS
@given(values=st.lists(IDENTIFIERS, min_size=1, max_size=8))
@example(values=["000000", "999999", "00000000000000000000000000000000000000000000000000000000"])
def test_fpe_round_trips_and_keeps_length_classes_and_separators(
    keyring: Keyring, algorithm: str, values: list[str]
) -> None:
    pseudonyms = fpe_encrypt_values(keyring, "mrn", values, algorithm=algorithm)
    for original, pseudonym in zip(values, pseudonyms, strict=True):
        if fpe_pattern(original) is None:  # fewer than a million values of this format
            assert pseudonym is None
            continue
        assert len(pseudonym) == len(original)
        assert [char_class(c) for c in pseudonym] == [char_class(c) for c in original]
    usable = [(v, p) for v, p in zip(values, pseudonyms, strict=True) if p is not None]
    revealed = fpe_decrypt_values(keyring, "mrn", [p for _, p in usable], algorithm=algorithm)
    assert revealed == [v for v, _ in usable]
    # One-to-one: distinct values never share a pseudonym.
    assert len({p for _, p in usable}) == len({v for v, _ in usable})


@given(text=st.text(max_size=60))
def test_fpe_pattern_domain_is_the_product_of_its_alphabets(text: str) -> None:
    shape = fpe_pattern(text)
    size = 1
    for char in text:
        size *= next((len(a) for a in CLASSES.values() if char in a), 1)
    foreign = any(c.isalnum() and char_class(c) == c for c in text)  # a non-ASCII letter or digit
    assert (shape is not None) == (not foreign and size >= 10**6 and len(str(size - 1)) <= 56)
    if shape is not None:
        assert shape[1] == size and len(shape[0]) == len(text)


@FIXTURE_SETTINGS
@given(value=st.from_regex(r"[0-9]{6,12}", fullmatch=True))
def test_fpe_depends_on_key_and_domain(keyring: Keyring, value: str) -> None:
    other_key = Keyring.generate()
    base = fpe_encrypt_values(keyring, "mrn", [value, value])
    assert base[0] == base[1]
    # A 6-digit value maps to one of 10**6, so a match by chance is possible; it must stay rare.
    different = [
        fpe_encrypt_values(other_key, "mrn", [value])[0] != base[0],
        fpe_encrypt_values(keyring, "encounter", [value])[0] != base[0],
        fpe_encrypt_values(keyring, "mrn", [value], algorithm="ff3-1")[0] != base[0],
    ]
    assert all(different) or len(value) == 6
    assert fpe_decrypt_values(other_key, "mrn", [base[0]]) != [value] or len(value) == 6


def test_fpe_of_digits_is_ff1_over_the_subkey_with_the_pattern_tweak(keyring: Keyring) -> None:
    key = keyring.subkey(f"{FPE_PURPOSES['ff1']}\0mrn")
    tweak = hashlib.sha256(b"safecohort-ff1\0mrn\0" + b"99999999").digest()[:16]
    expected = FF1(key, 10, 8, tweak).encrypt(np.array([49788046], dtype=np.uint64))[0]
    assert fpe_encrypt_values(keyring, "mrn", ["49788046"]).tolist() == [f"{int(expected):08d}"]


def test_fpe_ff3_1_is_the_ff3_package(keyring: Keyring) -> None:
    key = keyring.subkey(f"{FPE_PURPOSES['ff3-1']}\0mrn")
    tweak = hashlib.sha256(b"safecohort-ff3-1\0mrn\0" + b"99999999").digest()[:7].hex()
    expected = FF3Cipher(key.hex(), tweak, radix=10).encrypt("49788046")
    assert fpe_encrypt_values(keyring, "mrn", ["49788046"], algorithm="ff3-1").tolist() == [expected]


@ALGORITHMS
@pytest.mark.parametrize(
    "value", ["12345", "AB123", "abcd", "", "----", "Zürich-12345", "١٢٣٤٥٦٧٨", "x" * 80]
)
def test_fpe_fails_closed_on_values_it_cannot_encrypt(keyring: Keyring, algorithm: str, value: str) -> None:
    assert fpe_pattern(value) is None
    assert fpe_encrypt_values(keyring, "mrn", [value], algorithm=algorithm).tolist() == [None]
    with pytest.raises(DecryptionError, match="row position 1") as info:
        fpe_decrypt_values(keyring, "mrn", ["12345678", value], algorithm=algorithm)
    if len(value) >= 3:
        assert value not in str(info.value)


def test_fpe_unknown_key_id(keyring: Keyring) -> None:
    with pytest.raises(UnknownKeyIdError, match="k9-20000101-abcdef"):
        fpe_decrypt_values(keyring, "mrn", ["12345678"], key_id="k9-20000101-abcdef")


def test_fpe_after_rotation_needs_the_old_key_id() -> None:
    keyring = Keyring.generate()
    old = keyring.active_id
    pseudonyms = fpe_encrypt_values(keyring, "mrn", ["49788046", "40108944"]).tolist()
    keyring.rotate()
    assert fpe_decrypt_values(keyring, "mrn", pseudonyms, key_id=old) == ["49788046", "40108944"]
    assert fpe_encrypt_values(keyring, "mrn", ["49788046"]).tolist() != pseudonyms[:1]


# -- versioned pseudonyms: the key file records each key's scheme ------------------------------------------


def test_new_keys_record_ff1_and_old_key_files_read_as_ff3_1(tmp_path: Path) -> None:
    keyring = Keyring.generate()
    assert pseudonym_algorithm(keyring) == "ff1"
    entry = json.loads(keyring.to_bytes())["keys"][0]
    assert entry["schemes"] == {"pseudonym": "ff1:v1", "encrypt": "aes-siv:v1"}
    old = Keyring.load(DATA / "pre_ff1.keys.json")  # written before FF1: no schemes in its entries
    assert [old.info(k).pseudonym_scheme for k in old.key_ids] == ["ff3-1:v1", "ff3-1:v1"]
    # Rotating an old file adds an FF1 key and writes down what the old keys are.
    first = old.active_id
    new = old.rotate()
    old.save(tmp_path / "rotated.keys.json")
    again = Keyring.load(tmp_path / "rotated.keys.json")
    assert pseudonym_algorithm(again, first) == "ff3-1" and pseudonym_algorithm(again, new) == "ff1"
    assert pickle.loads(pickle.dumps(again)).info(first).pseudonym_scheme == "ff3-1:v1"


@pytest.mark.parametrize("schemes", [{"pseudonym": "ff9:v1"}, {"pseudonym": "ff1:v2"}, "ff1"])
def test_an_unknown_scheme_is_refused(schemes: object) -> None:
    document = json.loads(Keyring.generate().to_bytes())
    document["keys"][0]["schemes"] = schemes
    with pytest.raises(KeyringError):
        Keyring.from_bytes(json.dumps(document).encode())


def test_pseudonyms_and_tokens_from_before_ff1_still_reveal() -> None:
    # Made by the FF3-1 code before this change (see "source" in the file), under the test keys beside it.
    made = json.loads((DATA / "pre_ff1_values.json").read_text())
    keyring = Keyring.load(DATA / "pre_ff1.keys.json")
    first, active = keyring.key_ids
    assert fpe_decrypt_values(keyring, "mrn", made["pseudonyms_k2_mrn"]) == made["values"]
    assert fpe_decrypt_values(keyring, "mrn", made["pseudonyms_k1_mrn"], key_id=first) == made["values"]
    assert decrypt_values(keyring, "ssn", made["tokens_k1_ssn"]) == ["123-45-6789", "987-65-4321"]
    # The same key still makes the same FF3-1 pseudonyms when asked for FF3-1 by name...
    assert (
        fpe_encrypt_values(keyring, "mrn", made["values"], algorithm="ff3-1").tolist()
        == made["pseudonyms_k2_mrn"]
    )
    # ...but not FF1: reveal would read those back with FF3-1, the algorithm the key file records.
    with pytest.raises(KeyringError, match=f"key '{active}' predates FF1.*keys rotate.*ff3-1"):
        fpe_encrypt_values(keyring, "mrn", made["values"])


@FIXTURE_SETTINGS
@given(values=st.lists(st.text(max_size=70), max_size=12), domain=st.text(max_size=40))
def test_batched_encryption_equals_the_reference_aes_siv(
    keyring: Keyring, values: list[str], domain: str
) -> None:
    # Tokens are made by a batched S2V + CTR; they must be exactly what cryptography's AESSIV gives.
    reference = AESSIV(keyring.subkey("encrypt", length=64))
    for value, token in zip(values, encrypt_values(keyring, domain, values), strict=True):
        payload = reference.encrypt(value.encode("utf-8"), [domain.encode("utf-8")])
        assert token.rpartition(":")[2] == base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii")


def test_cipher_objects_show_no_key(keyring: Keyring) -> None:
    from safecohort.transform.crypto import _fpe
    from safecohort.transform.siv import BatchSiv

    texts = [
        repr(BatchSiv(keyring.subkey("encrypt", length=64), b"mrn")),
        repr(_fpe(keyring, "mrn", None, "ff1")),
    ]
    assert all("key hidden" in text for text in texts)
    assert_no_key_in(" ".join(texts), keyring)


def test_reveal_refuses_ff1_under_a_key_from_before_ff1() -> None:
    # Making FF1 pseudonyms with such a key is refused, so none exist: decrypting as FF1 would be wrong.
    keyring = Keyring.load(DATA / "pre_ff1.keys.json")
    with pytest.raises(KeyringError, match="no FF1 pseudonym can have been made"):
        fpe_decrypt_values(keyring, "mrn", ["12345678"], algorithm="ff1")
    with pytest.raises(TransformError, match="unknown pseudonym algorithm 'ff2'"):
        fpe_decrypt_values(keyring, "mrn", ["12345678"], algorithm="ff2")
