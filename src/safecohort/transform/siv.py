"""Batched AES-SIV (RFC 5297, one associated-data string): many messages in a few OpenSSL calls.

Written here because ``cryptography``'s :class:`AESSIV` encrypts one message per call, and its set-up
cost dominates on short values; the tokens are byte-identical to it (tested in
tests/transform/test_crypto.py). :mod:`safecohort.transform.crypto` uses it for ``encrypt`` tokens.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import numpy as np
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

_BLOCK = 16
_BATCH_BYTES = 32 << 20


def _dbl(block: bytes) -> bytes:
    """Doubling in GF(2^128) (RFC 5297 section 2.3): shift left by one, reduce with 0x87."""
    number = int.from_bytes(block, "big") << 1
    if number >> 128:
        number = (number ^ 0x87) & ((1 << 128) - 1)
    return number.to_bytes(_BLOCK, "big")


def _xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(len(a), "big")


class BatchSiv:
    """AES-SIV encryption (RFC 5297, one associated-data string) of many messages at once.

    :class:`AESSIV` of ``cryptography`` costs a few microseconds per call, mostly setting up OpenSSL
    contexts; here the same S2V (CMAC) and CTR steps run for all messages of one length together, each
    step one AES-ECB call over all of them. The output is byte-identical to :class:`AESSIV` (the tests
    compare them for every length); decryption, which must authenticate, stays with :class:`AESSIV`.
    """

    def __init__(self, key: bytes, associated: bytes) -> None:
        self._mac = Cipher(algorithms.AES(key[:32]), modes.ECB()).encryptor()
        self._ctr = Cipher(algorithms.AES(key[32:]), modes.ECB()).encryptor()
        self._k1 = _dbl(self._aes(bytes(_BLOCK)))  # CMAC subkeys (RFC 4493)
        self._k2 = _dbl(self._k1)
        # S2V up to the last string: D = dbl(CMAC(0^128)) xor CMAC(associated data); the same for all.
        self._d = _xor(_dbl(self._cmac_one(bytes(_BLOCK))), self._cmac_one(associated))

    def __repr__(self) -> str:
        return "BatchSiv(<key hidden>)"

    def _aes(self, block: bytes) -> bytes:
        return self._mac.update(block)

    def _cmac_one(self, message: bytes) -> bytes:
        blocks = [message[i : i + _BLOCK] for i in range(0, len(message), _BLOCK)] or [b""]
        last = blocks[-1]
        blocks[-1] = _xor(last, self._k1) if len(last) == _BLOCK else _xor(self._pad(last), self._k2)
        state = bytes(_BLOCK)
        for block in blocks:
            state = self._aes(_xor(state, block))
        return state

    @staticmethod
    def _pad(block: bytes) -> bytes:
        return block + b"\x80" + bytes(_BLOCK - len(block) - 1)

    def encrypt_by_length(self, messages: list[bytes]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Per message length: the positions of those messages and their ``V || C`` as a uint8 array
        (one row each), as :meth:`AESSIV.encrypt` with ``[associated]`` would give them."""
        if not messages:
            return
        lengths = np.fromiter(map(len, messages), dtype=np.intp, count=len(messages))
        for length in np.unique(lengths).tolist():
            same = np.flatnonzero(lengths == length)
            step = max(1, _BATCH_BYTES // (length + 2 * _BLOCK))  # bounded memory for long texts
            for start in range(0, len(same), step):
                rows = same[start : start + step]
                yield rows, self._encrypt_equal([messages[r] for r in rows.tolist()], length)

    def _encrypt_equal(self, messages: list[bytes], length: int) -> np.ndarray:
        count = len(messages)
        plain = np.frombuffer(b"".join(messages), dtype=np.uint8).reshape(count, length)
        d = np.frombuffer(self._d, dtype=np.uint8)
        if length >= _BLOCK:  # T = P xorend D
            t = plain.copy()
            t[:, -_BLOCK:] ^= d
        else:  # T = dbl(D) xor pad(P)
            t = np.zeros((count, _BLOCK), dtype=np.uint8)
            t[:, :length] = plain
            t[:, length] = 0x80
            t ^= np.frombuffer(_dbl(self._d), dtype=np.uint8)
        # CMAC of T for every row at once: CBC over its blocks, the last one completed with K1 or K2.
        size = t.shape[1]
        blocks = -(-size // _BLOCK)
        if size % _BLOCK:
            padded = np.zeros((count, blocks * _BLOCK), dtype=np.uint8)
            padded[:, :size] = t
            padded[:, size] = 0x80
            padded[:, -_BLOCK:] ^= np.frombuffer(self._k2, dtype=np.uint8)
        else:
            padded = t
            padded[:, -_BLOCK:] ^= np.frombuffer(self._k1, dtype=np.uint8)
        state = np.zeros((count, _BLOCK), dtype=np.uint8)
        for index in range(blocks):
            chained = state ^ padded[:, index * _BLOCK : (index + 1) * _BLOCK]
            state = np.frombuffer(self._mac.update(chained.tobytes()), dtype=np.uint8).reshape(count, _BLOCK)
        tags = state
        # CTR from Q = V with bits 31 and 63 cleared; the cleared bit keeps the +j inside the last word.
        counter = tags.copy()
        counter[:, 8] &= 0x7F
        counter[:, 12] &= 0x7F
        stream_blocks = -(-length // _BLOCK)
        cipher = np.empty((count, _BLOCK + length), dtype=np.uint8)
        cipher[:, :_BLOCK] = tags
        if stream_blocks:
            low = counter[:, 12:].copy().view(">u4").reshape(count)
            counters = np.repeat(counter[:, None, :], stream_blocks, axis=1)
            steps = low[:, None] + np.arange(stream_blocks, dtype=np.uint32)[None, :]
            counters[:, :, 12:] = steps.astype(">u4").view(np.uint8).reshape(count, stream_blocks, 4)
            stream = np.frombuffer(self._ctr.update(counters.tobytes()), dtype=np.uint8)
            cipher[:, _BLOCK:] = plain ^ stream.reshape(count, stream_blocks * _BLOCK)[:, :length]
        return cipher


def b64url_rows(prefix: bytes, rows: np.ndarray) -> list[str]:
    """``prefix`` + the unpadded base64url of each row of a uint8 array, encoded in one call.

    The rows are zero-padded to a multiple of 3 bytes and encoded together: base64 works on 3-byte
    groups, so the first ceil(4n/3) characters of each row's slice are exactly the unpadded base64url of
    its n bytes (the tests compare with :func:`base64.urlsafe_b64encode`).
    """
    count, length = rows.shape
    padded = -(-length // 3) * 3
    block = np.zeros((count, padded), dtype=np.uint8)
    block[:, :length] = rows
    encoded = np.frombuffer(base64.urlsafe_b64encode(block.tobytes()), dtype=np.uint8)
    text = encoded.reshape(count, padded // 3 * 4)[:, : -(-4 * length // 3)]
    tokens = np.hstack([np.broadcast_to(np.frombuffer(prefix, dtype=np.uint8), (count, len(prefix))), text])
    width = tokens.shape[1]
    joined = tokens.tobytes().decode("ascii")
    return [joined[start : start + width] for start in range(0, count * width, width)]


__all__ = ["BatchSiv", "b64url_rows"]
