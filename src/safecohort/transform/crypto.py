"""Keys and the keyed primitives every keyed operator is built on.

A :class:`Keyring` holds named, versioned 256-bit master keys, one of them active. Operators never use a
master key directly: :meth:`Keyring.subkey` derives a separate key per purpose with HKDF-SHA256, so the
hash, pseudonym, date-shift, surrogate and encryption keys are independent of one another.

* :func:`encrypt_values` / :func:`decrypt_values`: deterministic, authenticated, reversible encryption
  (AES-SIV, RFC 5297). Equal values give equal tokens (so joins and group-bys still work); the column's
  domain is the associated data, so a token moved to another column fails to decrypt. Tokens name their
  key id, so keys can be rotated and old tokens still decrypted.
* :func:`hmac_values`: HMAC-SHA256 with a per-purpose, per-domain key: keyed pseudonyms that cannot be
  recomputed without the key.

Nothing here ever puts key material or a cell value in an exception message or a repr.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NewType

import numpy as np
import pandas as pd
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from pandas.api.types import infer_dtype

from safecohort.errors import DecryptionError, KeyringError, UnknownKeyIdError

KeyId = NewType("KeyId", str)

KEY_BYTES = 32
TOKEN_PREFIX = "enc:v1:"
FILE_FORMAT = "safecohort-keyring"
FILE_VERSION = 1

_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# scrypt cost for wrapping a key file with a passphrase (RFC 7914 interactive-use parameters, 32 MiB).
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_WRAP_AAD = b"safecohort-keyring:v1"


@dataclass(frozen=True)
class KeyInfo:
    """One master key: its id, creation time (UTC, ISO 8601) and purpose. The bytes never show in repr."""

    key_id: KeyId
    created: str
    purpose: str
    material: bytes = field(repr=False)


class Keyring:
    """Named, versioned 256-bit keys; one is active (used for new hashes, pseudonyms and tokens).

    Older keys stay after :meth:`rotate` so tokens made with them still decrypt. Note that hashes,
    pseudonyms, date shifts and surrogates always use the active key: rotating changes them.
    """

    def __init__(self, keys: Sequence[KeyInfo], active_id: KeyId) -> None:
        ids = [k.key_id for k in keys]
        if not keys:
            raise KeyringError("a keyring needs at least one key")
        if len(set(ids)) != len(ids):
            raise KeyringError("a keyring holds two keys with the same id")
        if active_id not in ids:
            raise KeyringError(f"the active key id '{active_id}' is not among the keyring's keys")
        for key in keys:
            if not _KEY_ID.fullmatch(key.key_id):
                raise KeyringError("a key id may only hold letters, digits, '-' and '_' (at most 64)")
            if len(key.material) != KEY_BYTES:
                raise KeyringError(f"key '{key.key_id}' is not {KEY_BYTES * 8} bits long")
        self._keys: dict[KeyId, KeyInfo] = {k.key_id: k for k in keys}
        self._active: KeyId = active_id
        self._subkeys: dict[tuple[str, KeyId, int], bytes] = {}
        self._ciphers: dict[KeyId, AESSIV] = {}

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def generate(cls, purpose: str = "safecohort") -> Keyring:
        """A new keyring with one fresh random key."""
        key = _new_key(1, purpose)
        return cls([key], key.key_id)

    @classmethod
    def load(cls, path: str | Path, *, passphrase: str | None = None) -> Keyring:
        """Read a key file written by :meth:`save`. Raises :class:`KeyringError` naming the file."""
        file = Path(path)
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise KeyringError(f"key file not found: {file}") from None
        except OSError as exc:
            raise KeyringError(f"cannot read key file {file}: {exc.strerror}") from None
        try:
            return cls.from_bytes(data, passphrase=passphrase)
        except KeyringError as exc:
            raise type(exc)(f"{file}: {exc}") from None

    @classmethod
    def from_bytes(cls, data: bytes, *, passphrase: str | None = None) -> Keyring:
        """Parse the JSON form of a keyring (see :meth:`to_bytes`), unwrapping it with ``passphrase``."""
        document = _json_object(data, "not a safecohort key file (not a JSON object)")
        if document.get("format") != FILE_FORMAT or document.get("version") != FILE_VERSION:
            raise KeyringError(f"not a safecohort key file (expected format {FILE_FORMAT} v{FILE_VERSION})")
        if "wrapped" in document:
            if passphrase is None:
                raise KeyringError("the key file is protected by a passphrase; give the passphrase")
            document = _json_object(_unwrap(document["wrapped"], passphrase), "damaged key file")
        elif passphrase is not None:
            raise KeyringError("the key file is not protected by a passphrase, but a passphrase was given")
        try:
            keys = [
                KeyInfo(
                    key_id=KeyId(str(entry["id"])),
                    created=str(entry["created"]),
                    purpose=str(entry["purpose"]),
                    material=base64.b64decode(entry["key"], validate=True),
                )
                for entry in document["keys"]
            ]
            active = KeyId(str(document["active"]))
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise KeyringError("damaged key file: a key entry is missing a field or is not base64") from None
        return cls(keys, active)

    def to_bytes(self, *, passphrase: str | None = None) -> bytes:
        """The JSON form of the keyring; with ``passphrase``, wrapped with scrypt + AES-256-GCM."""
        inner = {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "active": self._active,
            "keys": [
                {
                    "id": k.key_id,
                    "created": k.created,
                    "purpose": k.purpose,
                    "key": base64.b64encode(k.material).decode("ascii"),
                }
                for k in self._keys.values()
            ],
        }
        plain = json.dumps(inner, indent=2).encode("utf-8")
        if passphrase is None:
            return plain + b"\n"
        salt, nonce = os.urandom(16), os.urandom(12)
        wrapping_key = Scrypt(salt=salt, length=32, **_SCRYPT).derive(passphrase.encode("utf-8"))
        wrapped = {
            "kdf": "scrypt",
            **_SCRYPT,
            "salt": base64.b64encode(salt).decode("ascii"),
            "cipher": "AES-256-GCM",
            "nonce": base64.b64encode(nonce).decode("ascii"),
            "ciphertext": base64.b64encode(AESGCM(wrapping_key).encrypt(nonce, plain, _WRAP_AAD)).decode(
                "ascii"
            ),
        }
        outer = {"format": FILE_FORMAT, "version": FILE_VERSION, "wrapped": wrapped}
        return json.dumps(outer, indent=2).encode("utf-8") + b"\n"

    def save(self, path: str | Path, *, passphrase: str | None = None) -> None:
        """Write the key file atomically (temp file + rename in its folder), readable by the owner only."""
        file = Path(path)
        data = self.to_bytes(passphrase=passphrase)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
        except OSError as exc:
            raise KeyringError(f"cannot write key file {file}: {exc.strerror}") from None
        try:
            with os.fdopen(handle, "wb") as out:  # mkstemp creates the file with mode 0600
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, file)
        except OSError as exc:
            Path(temp).unlink(missing_ok=True)
            raise KeyringError(f"cannot write key file {file}: {exc.strerror}") from None

    # -- keys -----------------------------------------------------------------------------------------

    def rotate(self) -> KeyId:
        """Add a new key and make it active; older keys are kept for decryption. Returns the new id."""
        purpose = self._keys[self._active].purpose
        key = _new_key(len(self._keys) + 1, purpose)
        while key.key_id in self._keys:  # a clash of the random suffix on the same day
            key = _new_key(len(self._keys) + 1, purpose)
        self._keys[key.key_id] = key
        self._active = key.key_id
        return key.key_id

    @property
    def active_id(self) -> KeyId:
        """Id of the key used for new tokens, hashes and pseudonyms."""
        return self._active

    @property
    def key_ids(self) -> tuple[KeyId, ...]:
        """Ids of every key held, oldest first."""
        return tuple(self._keys)

    def info(self, key_id: KeyId | str) -> KeyInfo:
        """Id, creation time and purpose of one key (its bytes are in the object but never in its repr)."""
        return self._key(key_id)

    def subkey(self, purpose: str, key_id: KeyId | str | None = None, *, length: int = 32) -> bytes:
        """A key for one purpose, derived from a master key (the active one by default) with HKDF-SHA256.

        ``info`` is the purpose, so the keys for hashing, date shifting, surrogates and encryption are
        independent: learning one reveals nothing about another or about the master key.
        """
        key = self._key(key_id if key_id is not None else self._active)
        cache_key = (purpose, key.key_id, length)
        derived = self._subkeys.get(cache_key)
        if derived is None:
            derived = HKDF(
                algorithm=hashes.SHA256(), length=length, salt=None, info=purpose.encode("utf-8")
            ).derive(key.material)
            self._subkeys[cache_key] = derived
        return derived

    def _key(self, key_id: KeyId | str) -> KeyInfo:
        key = self._keys.get(KeyId(key_id))
        if key is None:
            raise UnknownKeyIdError(
                f"key id '{key_id}' is not in this keyring (it holds {', '.join(self._keys)}); "
                "load the key file that made these tokens"
            )
        return key

    def _cipher(self, key_id: KeyId) -> AESSIV:
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            # AES-SIV takes a double-length key: 512 bits for AES-256 (S2V/CMAC half + CTR half).
            cipher = AESSIV(self.subkey("encrypt", key_id, length=64))
            self._ciphers[key_id] = cipher
        return cipher

    # -- representation and pickling (Spark ships keyrings to executors) ----------------------------------

    def __repr__(self) -> str:
        return f"Keyring(active={self._active!r}, key_ids={list(self._keys)!r})"

    __str__ = __repr__

    def __getstate__(self) -> dict[str, Any]:
        return {"keys": list(self._keys.values()), "active": self._active}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["keys"], state["active"])  # type: ignore[misc]


def _new_key(number: int, purpose: str) -> KeyInfo:
    now = datetime.now(UTC)
    # "k<n>-<date>-<random>": readable order and age, and no clash between two keyrings made the same day
    # (a clash would make a foreign token look like ours and fail as tampered instead of as unknown key).
    key_id = KeyId(f"k{number}-{now:%Y%m%d}-{secrets.token_hex(3)}")
    return KeyInfo(key_id, now.isoformat(timespec="seconds"), purpose, secrets.token_bytes(KEY_BYTES))


def _json_object(data: bytes, problem: str) -> dict[str, Any]:
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise KeyringError(problem) from None
    if not isinstance(document, dict):
        raise KeyringError(problem)
    return document


def _unwrap(wrapped: Any, passphrase: str) -> bytes:
    try:
        salt = base64.b64decode(wrapped["salt"], validate=True)
        nonce = base64.b64decode(wrapped["nonce"], validate=True)
        ciphertext = base64.b64decode(wrapped["ciphertext"], validate=True)
        params = {name: int(wrapped[name]) for name in ("n", "r", "p")}
        if wrapped["kdf"] != "scrypt" or wrapped["cipher"] != "AES-256-GCM":
            raise ValueError("unsupported wrapping")
        wrapping_key = Scrypt(salt=salt, length=32, **params).derive(passphrase.encode("utf-8"))
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise KeyringError("damaged key file: its passphrase wrapping is malformed") from None
    try:
        return AESGCM(wrapping_key).decrypt(nonce, ciphertext, _WRAP_AAD)
    except InvalidTag:
        raise KeyringError("wrong passphrase, or the key file was altered") from None


# -- vectorised keyed primitives ----------------------------------------------------------------------------


def objects(values: Iterable[Any]) -> np.ndarray:
    """Values as a 1-d object array (tuples stay whole), without copying an object array."""
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=object)
    items = values if isinstance(values, Sized) else list(values)
    return np.fromiter(items, dtype=object, count=len(items))


def as_texts(values: Iterable[Any]) -> np.ndarray:
    """Values as an object array of text (1 and 1.0 stay apart as "1" and "1.0")."""
    array = objects(values)
    if infer_dtype(array, skipna=False) in ("string", "empty"):
        return array
    return np.fromiter((v if type(v) is str else str(v) for v in array), dtype=object, count=len(array))


def distinct(values: Iterable[Any]) -> tuple[np.ndarray, list[Any]]:
    """Codes (the index of each value's distinct value) and the distinct values, in order of appearance.

    Text goes through ``pandas.factorize`` (a C hash table) unless a value holds a NUL character: that
    table compares strings only up to the first NUL, so ``"a"`` and ``"a\\x00b"`` would share one code,
    and so one token. Other values, and text with NULs, go through a dict.
    """
    array = objects(values)
    if len(array) and infer_dtype(array, skipna=False) == "string" and "\x00" not in "".join(array):
        codes, uniques = pd.factorize(array)
        return codes, uniques.tolist()
    index: dict[Any, int] = {}
    setdefault = index.setdefault
    codes = np.fromiter((setdefault(v, len(index)) for v in array), dtype=np.intp, count=len(array))
    return codes, list(index)


def map_unique(values: Iterable[Any], compute: Callable[[list[Any]], Sequence[Any]]) -> np.ndarray:
    """``compute`` applied to each distinct value once (values must be non-null), spread back to every row.

    Clinical columns repeat values (a patient's MRN on each encounter): deduplicating first means each
    distinct value is encrypted, hashed or parsed once. Returns an object array.
    """
    codes, uniques = distinct(values)
    results = np.empty(len(uniques), dtype=object)
    if uniques:
        results[:] = compute(uniques)
    return results[codes]


class _Hmac:
    """HMAC-SHA256 (RFC 2104) with the keyed inner and outer states computed once.

    Copying two precomputed SHA-256 states per value is about twice as fast as ``hmac.new`` per value,
    and the output is identical (the tests compare against :mod:`hmac`).
    """

    def __init__(self, key: bytes) -> None:
        block = key.ljust(64, b"\0")  # keys here are 32 bytes: never longer than the block
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def digests(self, messages: list[bytes]) -> list[bytes]:
        inner_copy, outer_copy = self._inner.copy, self._outer.copy
        out = []
        for message in messages:
            inner = inner_copy()
            inner.update(message)
            outer = outer_copy()
            outer.update(inner.digest())
            out.append(outer.digest())
        return out


def hmac_values(
    keyring: Keyring, domain: str, values: Iterable[Any], *, purpose: str = "hash"
) -> list[bytes]:
    """HMAC-SHA256 of each value (as UTF-8 text) under a key for ``purpose`` and ``domain``.

    The key is HMAC(subkey(purpose), domain): the same value in two domains (columns) gives unrelated
    digests unless the policy names a shared domain on purpose. Uses the active key.
    """
    domain_key = _Hmac(keyring.subkey(purpose)).digests([b"domain\0" + domain.encode("utf-8")])[0]
    mac = _Hmac(domain_key)
    digests = map_unique(as_texts(values), lambda uniques: mac.digests([u.encode("utf-8") for u in uniques]))
    return list(digests.tolist())


def encrypt_values(keyring: Keyring, domain: str, values: Iterable[Any]) -> list[str]:
    """Deterministic AES-SIV tokens ``enc:v1:<key id>:<base64url>`` under the active key.

    The domain (column name) is the associated data: a token only decrypts for the domain it was made for.
    """
    key_id = keyring.active_id
    cipher = keyring._cipher(key_id)
    associated = [domain.encode("utf-8")]
    prefix = f"{TOKEN_PREFIX}{key_id}:"

    def compute(uniques: list[str]) -> list[str]:
        encrypt, b64 = cipher.encrypt, base64.urlsafe_b64encode
        return [
            prefix + b64(encrypt(u.encode("utf-8"), associated)).rstrip(b"=").decode("ascii") for u in uniques
        ]

    return list(map_unique(as_texts(values), compute).tolist())


def decrypt_values(keyring: Keyring, domain: str, tokens: Iterable[str]) -> list[str]:
    """The plaintexts of tokens made by :func:`encrypt_values` for ``domain``.

    Raises :class:`DecryptionError` naming the row position of the first token that is garbled, tampered
    with or made for another domain, and :class:`UnknownKeyIdError` when a token names a key this keyring
    does not hold. Neither message holds the token or the value.
    """
    codes, uniques = distinct(tokens)
    associated = [domain.encode("utf-8")]
    plain = []
    for code, token in enumerate(uniques):
        parsed = _parse_token(token)
        if parsed is None:
            where = _first(codes, code)
            raise DecryptionError(
                f"the value at row position {where} is not an enc:v1 token (garbled or truncated)"
            )
        key_id, payload = parsed
        if key_id not in keyring.key_ids:
            where = _first(codes, code)
            raise UnknownKeyIdError(
                f"the token at row position {where} was made with key id '{key_id}', which this keyring "
                f"does not hold (it holds {', '.join(keyring.key_ids)})"
            )
        try:
            plain.append(keyring._cipher(key_id).decrypt(payload, associated).decode("utf-8"))
        except (InvalidTag, UnicodeDecodeError):
            where = _first(codes, code)
            raise DecryptionError(
                f"the token at row position {where} does not decrypt for domain '{domain}': it was altered, "
                "or it belongs to another column or key"
            ) from None
    results = np.empty(len(plain), dtype=object)
    results[:] = plain
    return list(results[codes])


def _first(codes: np.ndarray, code: int) -> int:
    return int(np.argmax(codes == code))


def _parse_token(token: object) -> tuple[KeyId, bytes] | None:
    """Key id and ciphertext of a well-formed token, or None."""
    if not isinstance(token, str) or not token.startswith(TOKEN_PREFIX):
        return None
    key_id, sep, body = token[len(TOKEN_PREFIX) :].partition(":")
    if not sep or not _KEY_ID.fullmatch(key_id):
        return None
    try:
        payload = base64.b64decode(body + "=" * (-len(body) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        return None
    # Only the canonical encoding is accepted: otherwise a changed last character whose low bits are
    # padding would decode to the same bytes and a tampered token would pass.
    if base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii") != body or len(payload) < 16:
        return None
    return KeyId(key_id), payload


__all__ = [
    "KeyId",
    "KeyInfo",
    "Keyring",
    "as_texts",
    "decrypt_values",
    "distinct",
    "encrypt_values",
    "hmac_values",
    "map_unique",
    "objects",
]
