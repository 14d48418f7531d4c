"""FF1 format-preserving encryption (NIST SP 800-38G, section 5.1), for many numerals at once.

Written here, over ``cryptography``'s AES, because no package does what the pseudonym operator needs:
the FF1 packages on PyPI (``fpe``, ``libffx``, ``fpr-ff1``) are young or unmaintained, none is widely
used or reviewed, and all encrypt one string per call in Python (tens of microseconds each). FF1's ten
Feistel rounds are independent from one value to the next, so here every round runs for a whole batch
of numerals of one (radix, length, tweak) together: the PRF (CBC-MAC over ``P || Q``) of all of them is
one AES-ECB call, since ``P`` and the tweak part of ``Q`` are the same for the batch and are folded into
the MAC state once. The code follows the specification's steps and names (``u``, ``v``, ``b``, ``d``,
``P``, ``Q``, ``R``, ``S``, ``y``, ``c``); the tests reproduce all nine FF1 sample vectors NIST publishes
(FF1samples.pdf, AES-128/192/256, radix 10 and 36, with and without tweak).

A numeral string ``X`` of ``n`` digits in radix ``r`` is passed as the number NUM_r(X) in [0, r**n)
(the most significant digit first, as FF1 reads it); the split into ``A`` and ``B`` is then ``divmod``
by ``r**v``. Numbers travel as ``uint64`` numpy arrays while every half fits in 32 bits (an 18-digit
decimal value at most), else as object arrays of Python ints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

_BLOCK = 16
_ROUNDS = 10
#: SP 800-38G Rev. 1 (draft) requires radix**minlen >= 1,000,000.
MIN_DOMAIN = 1_000_000
_CHUNK = 1 << 16  # values per batch: a few MB of blocks in flight, whatever the column size


class FF1:
    """FF1-AES over the numerals of one radix, length and tweak: :meth:`encrypt` / :meth:`decrypt`.

    ``key`` is 16, 24 or 32 bytes (AES-128/192/256). Both methods take numbers (a numpy array or a
    sequence of ints) and return an array of ``uint64`` or of Python ints (see the module docstring).
    The key never shows in the repr.
    """

    def __init__(self, key: bytes, radix: int, length: int, tweak: bytes = b"") -> None:
        if len(key) not in (16, 24, 32):
            raise ValueError("FF1 needs an AES key of 16, 24 or 32 bytes")
        if not 2 <= radix <= 1 << 16:
            raise ValueError("FF1 radix must be in [2, 65536]")
        if length < 2 or radix**length < MIN_DOMAIN:
            raise ValueError(f"FF1 needs at least 2 digits and {MIN_DOMAIN:,} possible values")
        self._aes = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
        self.radix, self.length = radix, length
        self._u = length // 2
        self._v = length - self._u
        self._b = math.ceil(math.ceil(self._v * math.log2(radix)) / 8)
        # log2 in floating point may round: b must hold radix**v - 1 exactly.
        while (radix**self._v - 1).bit_length() > 8 * self._b:
            self._b += 1
        self._d = 4 * math.ceil(self._b / 4) + 4
        self._modulus = (radix**self._u, radix**self._v)  # radix**m for even (m = u) and odd (m = v) rounds
        self._small = self._d == 8 and radix**length <= 1 << 64
        p = bytes([1, 2, 1]) + radix.to_bytes(3, "big") + bytes([10, self._u % 256])
        p += length.to_bytes(4, "big") + len(tweak).to_bytes(4, "big")
        # Q = T || [0]^((-t-b-1) mod 16) || [i]^1 || [NUM_radix(B)]^b. Its blocks before the one that
        # holds [i] are the same for every value and round: fold them and P into the CBC-MAC state now.
        q_fixed = tweak + bytes((-len(tweak) - self._b - 1) % _BLOCK)
        whole = len(q_fixed) // _BLOCK * _BLOCK
        self._state = self._cbc_mac(p + q_fixed[:whole])
        self._q_head = np.frombuffer(q_fixed[whole:], dtype=np.uint8)  # starts the varying blocks

    def __repr__(self) -> str:
        return f"FF1(radix={self.radix}, length={self.length}, <key hidden>)"

    def _cbc_mac(self, message: bytes) -> bytes:
        state = bytes(_BLOCK)
        for start in range(0, len(message), _BLOCK):
            block = int.from_bytes(state, "big") ^ int.from_bytes(message[start : start + _BLOCK], "big")
            state = self._aes.update(block.to_bytes(_BLOCK, "big"))
        return state

    def encrypt(self, numbers: np.ndarray | Sequence[int]) -> np.ndarray:
        """FF1.Encrypt of each numeral NUM_radix(X) in [0, radix**length); same dtype and order."""
        return self._run(numbers, forward=True)

    def decrypt(self, numbers: np.ndarray | Sequence[int]) -> np.ndarray:
        """FF1.Decrypt of each numeral; the inverse of :meth:`encrypt`."""
        return self._run(numbers, forward=False)

    def _run(self, numbers: np.ndarray | Sequence[int], *, forward: bool) -> np.ndarray:
        # The array type this cipher computes with: uint64, or Python ints when a half may pass 32 bits.
        if self._small:
            values = np.asarray(numbers, dtype=np.uint64)
        else:
            values = np.empty(len(numbers), dtype=object)
            values[:] = [int(n) for n in numbers]
        out = np.empty_like(values)
        for start in range(0, len(values), _CHUNK):
            out[start : start + _CHUNK] = self._feistel(values[start : start + _CHUNK], forward)
        return out

    def _feistel(self, numbers: np.ndarray, forward: bool) -> np.ndarray:
        split = self.radix**self._v
        a, b = numbers // split, numbers % split
        if forward:  # steps 6.i-6.ix: C = A + y, then A, B = B, C
            for i in range(_ROUNDS):
                modulus = self._modulus[i % 2]
                c = (a + self._y(i, b) % modulus) % modulus
                a, b = b, c
        else:  # the rounds backwards: C = B - y, then B, A = A, C
            for i in reversed(range(_ROUNDS)):
                modulus = self._modulus[i % 2]
                c = (b + modulus - self._y(i, a) % modulus) % modulus
                b, a = a, c
        return a * split + b

    def _y(self, i: int, half: np.ndarray) -> np.ndarray:
        """Steps 6.i-6.iv for every value: y = NUM(S), S the first d bytes of R = PRF(P || Q)."""
        count = len(half)
        tail = np.empty((count, len(self._q_head) + 1 + self._b), dtype=np.uint8)
        tail[:, : len(self._q_head)] = self._q_head
        tail[:, len(self._q_head)] = i
        tail[:, len(self._q_head) + 1 :] = self._to_bytes(half)
        state = np.broadcast_to(np.frombuffer(self._state, dtype=np.uint8), (count, _BLOCK))
        for start in range(0, tail.shape[1], _BLOCK):
            chained = state ^ tail[:, start : start + _BLOCK]
            state = np.frombuffer(self._aes.update(chained.tobytes()), dtype=np.uint8).reshape(count, _BLOCK)
        blocks = [state]
        for j in range(1, -(-self._d // _BLOCK)):  # S = R || CIPH(R xor [1]^16) || CIPH(R xor [2]^16) ...
            counter = np.frombuffer(j.to_bytes(_BLOCK, "big"), dtype=np.uint8)
            blocks.append(
                np.frombuffer(self._aes.update((state ^ counter).tobytes()), dtype=np.uint8).reshape(
                    count, _BLOCK
                )
            )
        s = np.hstack(blocks)[:, : self._d]
        if self._small:  # d == 8: S is one big-endian 64-bit word
            return np.ascontiguousarray(s).view(">u8").reshape(count).astype(np.uint64)
        y = np.empty(count, dtype=object)
        y[:] = [int.from_bytes(row, "big") for row in _rows(s)]
        return y

    def _to_bytes(self, half: np.ndarray) -> np.ndarray:
        """[NUM_radix(half)]^b for every value: b big-endian bytes each."""
        if self._small:
            return half.astype(">u8").view(np.uint8).reshape(len(half), 8)[:, 8 - self._b :]
        joined = b"".join(int(n).to_bytes(self._b, "big") for n in half)
        return np.frombuffer(joined, dtype=np.uint8).reshape(len(half), self._b)


def _rows(matrix: np.ndarray) -> list[bytes]:
    data, width = matrix.tobytes(), matrix.shape[1]
    return [data[start : start + width] for start in range(0, len(data), width)]


__all__ = ["FF1", "MIN_DOMAIN"]
