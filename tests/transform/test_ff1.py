"""FF1 (NIST SP 800-38G): the nine NIST sample vectors, and properties of the batched Feistel network."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecohort.transform.ff1 import FF1

# NIST, "FF1 samples" (FF1samples.pdf, Cryptographic Standards and Guidelines: Examples with
# Intermediate Values, SP 800-38G): samples 1-3 AES-128, 4-6 AES-192, 7-9 AES-256.
KEY_128 = "2B7E151628AED2A6ABF7158809CF4F3C"
KEY_192 = KEY_128 + "EF4359D8D580AA4F"
KEY_256 = KEY_192 + "7F036D6F04FC6A94"
NO_TWEAK = ""
TWEAK_10 = "39383736353433323130"
TWEAK_36 = "3737373770717273373737"
DIGITS_10 = "0123456789"
DIGITS_36 = "0123456789abcdefghi"
NIST_FF1_SAMPLES = [
    pytest.param(KEY_128, NO_TWEAK, 10, DIGITS_10, "2433477484", id="sample-1-aes128-radix10"),
    pytest.param(KEY_128, TWEAK_10, 10, DIGITS_10, "6124200773", id="sample-2-aes128-radix10-tweak"),
    pytest.param(KEY_128, TWEAK_36, 36, DIGITS_36, "a9tv40mll9kdu509eum", id="sample-3-aes128-radix36-tweak"),
    pytest.param(KEY_192, NO_TWEAK, 10, DIGITS_10, "2830668132", id="sample-4-aes192-radix10"),
    pytest.param(KEY_192, TWEAK_10, 10, DIGITS_10, "2496655549", id="sample-5-aes192-radix10-tweak"),
    pytest.param(KEY_192, TWEAK_36, 36, DIGITS_36, "xbj3kv35jrawxv32ysr", id="sample-6-aes192-radix36-tweak"),
    pytest.param(KEY_256, NO_TWEAK, 10, DIGITS_10, "6657667009", id="sample-7-aes256-radix10"),
    pytest.param(KEY_256, TWEAK_10, 10, DIGITS_10, "1001623463", id="sample-8-aes256-radix10-tweak"),
    pytest.param(KEY_256, TWEAK_36, 36, DIGITS_36, "xs8a0azh2avyalyzuwd", id="sample-9-aes256-radix36-tweak"),
]
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def number(numeral: str, radix: int) -> int:
    """NUM_radix(X): the most significant digit first."""
    return int(numeral, radix)


def numeral(value: int, radix: int, length: int) -> str:
    digits = []
    for _ in range(length):
        value, digit = divmod(value, radix)
        digits.append(ALPHABET[digit])
    return "".join(reversed(digits))


@pytest.mark.parametrize(("key", "tweak", "radix", "plaintext", "ciphertext"), NIST_FF1_SAMPLES)
def test_nist_sample(key: str, tweak: str, radix: int, plaintext: str, ciphertext: str) -> None:
    cipher = FF1(bytes.fromhex(key), radix, len(plaintext), bytes.fromhex(tweak))
    # In a batch with other values, as the pseudonym operator calls it: each value is still its own.
    batch = [number(plaintext, radix), 0, radix ** len(plaintext) - 1, number(plaintext, radix)]
    encrypted = cipher.encrypt(batch)
    assert numeral(int(encrypted[0]), radix, len(plaintext)) == ciphertext
    assert encrypted[3] == encrypted[0]
    assert [int(n) for n in cipher.decrypt(encrypted)] == batch


@settings(max_examples=60, deadline=None)
@given(
    radix=st.sampled_from([2, 10, 26, 36, 62, 1000, 65536]),
    length=st.integers(2, 60),
    tweak=st.binary(max_size=40),
    key=st.binary(min_size=32, max_size=32),
    data=st.data(),
)
def test_round_trip_stays_in_the_domain(
    radix: int, length: int, tweak: bytes, key: bytes, data: st.DataObject
) -> None:
    if radix**length < 1_000_000:
        with pytest.raises(ValueError, match="1,000,000"):
            FF1(key, radix, length, tweak)
        return
    cipher = FF1(key, radix, length, tweak)
    values = data.draw(st.lists(st.integers(0, radix**length - 1), min_size=1, max_size=20))
    encrypted = [int(n) for n in cipher.encrypt(values)]
    assert all(0 <= n < radix**length for n in encrypted)
    assert [int(n) for n in cipher.decrypt(encrypted)] == values
    # Batching changes nothing: one value alone gives what it gives in the batch.
    assert int(cipher.encrypt([values[-1]])[0]) == encrypted[-1]


def test_a_million_values_form_a_permutation() -> None:
    # The smallest domain allowed (10**6, six decimal digits): every value maps to a distinct one.
    cipher = FF1(bytes(range(32)), 10, 6, b"tweak")
    everything = np.arange(10**6, dtype=np.uint64)
    encrypted = cipher.encrypt(everything)
    assert len(np.unique(encrypted)) == 10**6 and int(encrypted.max()) < 10**6
    assert (cipher.decrypt(encrypted) == everything).all()
    assert (encrypted != everything).mean() > 0.99


def test_tweak_and_key_change_the_permutation() -> None:
    values = list(range(1000, 1100))
    base = FF1(bytes(32), 10, 8, b"a").encrypt(values)
    assert (FF1(bytes(32), 10, 8, b"b").encrypt(values) != base).mean() > 0.9
    assert (FF1(bytes(31) + b"\x01", 10, 8, b"a").encrypt(values) != base).mean() > 0.9


@pytest.mark.parametrize(
    ("key", "radix", "length"),
    [(bytes(15), 10, 8), (bytes(16), 1, 8), (bytes(16), 65537, 2), (bytes(16), 10, 5)],
)
def test_bad_parameters_are_refused(key: bytes, radix: int, length: int) -> None:
    with pytest.raises(ValueError):
        FF1(key, radix, length)


def test_repr_hides_the_key() -> None:
    key = bytes(range(16))
    text = repr(FF1(key, 10, 8))
    assert "key hidden" in text and key.hex() not in text
