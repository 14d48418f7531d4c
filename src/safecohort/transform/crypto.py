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
* :func:`fpe_encrypt_values` / :func:`fpe_decrypt_values`: format-preserving encryption with cycle walking
  over each value's own format, so an 8-digit MRN becomes another 8-digit number, ``AB-1234567`` another
  ``AA-9999999``, and the key holder can turn it back. FF1 (NIST SP 800-38G, batched over AES in
  :mod:`safecohort.transform.ff1`) for new pseudonyms; FF3-1 (the ``ff3`` package) to reveal those made
  before FF1, and for builds whose policy names it. The key file records each key's pseudonym scheme
  (``ff1:v1``; none, in a file from before FF1, means ``ff3-1:v1``), since a format-preserving value cannot
  carry a prefix the way an ``enc:v1`` token does.

Nothing here ever puts key material or a cell value in an exception message or a repr.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import os
import re
import secrets
import string
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
from ff3 import FF3Cipher
from pandas.api.types import infer_dtype

from safecohort.errors import DecryptionError, KeyringError, TransformError, UnknownKeyIdError
from safecohort.transform.ff1 import FF1
from safecohort.transform.ff1 import MIN_DOMAIN as FF1_MIN_DOMAIN
from safecohort.transform.siv import BatchSiv, b64url_rows

KeyId = NewType("KeyId", str)

KEY_BYTES = 32
TOKEN_PREFIX = "enc:v1:"
FILE_FORMAT = "safecohort-keyring"
FILE_VERSION = 1
#: Pseudonym algorithms: FF1 for new builds; FF3-1 to reveal pseudonyms made before FF1 (and for builds
#: whose policy names it). NIST's 2025 draft of SP 800-38G Rev. 1 keeps FF1 only.
PSEUDONYM_ALGORITHMS = ("ff1", "ff3-1")
DEFAULT_PSEUDONYM = "ff1"
#: What pseudonyms under a key from a key file without algorithm metadata are: such files predate FF1.
LEGACY_PSEUDONYM = "ff3-1"
#: Scheme = algorithm and version of the construction around it (key derivation, tweak, format walk).
#: A new construction gets a new version, so values made by the old one stay revealable.
SCHEMES = {"ff1": "ff1:v1", "ff3-1": "ff3-1:v1", "encrypt": "aes-siv:v1"}

_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# scrypt cost for wrapping a key file with a passphrase (RFC 7914 interactive-use parameters, 32 MiB).
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_WRAP_AAD = b"safecohort-keyring:v1"
# Where the CLI and build() look for the passphrase of a wrapped key file (never a command-line value).
PASSPHRASE_ENV = "SAFECOHORT_KEY_PASSPHRASE"

Passphrase = str | Callable[[], str]


@dataclass(frozen=True)
class KeyInfo:
    """One master key: its id, creation time (UTC, ISO 8601), purpose and the scheme of the pseudonyms
    made with it (``ff1:v1``; ``ff3-1:v1`` for a key from before FF1). The bytes never show in repr."""

    key_id: KeyId
    created: str
    purpose: str
    material: bytes = field(repr=False)
    pseudonym_scheme: str = SCHEMES[LEGACY_PSEUDONYM]


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
    def load(cls, path: str | Path, *, passphrase: Passphrase | None = None) -> Keyring:
        """Read a key file written by :meth:`save`. Raises :class:`KeyringError` naming the file.

        ``passphrase`` is the text, or a function called only when the file is wrapped (a prompt, an
        environment lookup), so a plain key file never asks for one.
        """
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
    def from_bytes(cls, data: bytes, *, passphrase: Passphrase | None = None) -> Keyring:
        """Parse the JSON form of a keyring (see :meth:`to_bytes`), unwrapping it with ``passphrase``."""
        document = _json_object(data, "not a safecohort key file (not a JSON object)")
        if document.get("format") != FILE_FORMAT or document.get("version") != FILE_VERSION:
            raise KeyringError(f"not a safecohort key file (expected format {FILE_FORMAT} v{FILE_VERSION})")
        if "wrapped" in document:
            if passphrase is None:
                raise KeyringError(
                    f"the key file is protected by a passphrase; give the passphrase (set {PASSPHRASE_ENV}, "
                    "or run the CLI on a terminal to be asked)"
                )
            text = passphrase if isinstance(passphrase, str) else passphrase()
            document = _json_object(_unwrap(document["wrapped"], text), "damaged key file")
        elif isinstance(passphrase, str):
            raise KeyringError("the key file is not protected by a passphrase, but a passphrase was given")
        try:
            keys = [
                KeyInfo(
                    key_id=KeyId(str(entry["id"])),
                    created=str(entry["created"]),
                    purpose=str(entry["purpose"]),
                    material=base64.b64decode(entry["key"], validate=True),
                    pseudonym_scheme=_pseudonym_scheme(entry.get("schemes")),
                )
                for entry in document["keys"]
            ]
            active = KeyId(str(document["active"]))
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error):
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
                    # What each key's values are: reveal reads the algorithm of a pseudonym from here.
                    "schemes": {"pseudonym": k.pseudonym_scheme, "encrypt": SCHEMES["encrypt"]},
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

    @staticmethod
    def is_wrapped(path: str | Path) -> bool:
        """True when the key file at ``path`` is protected by a passphrase (False when unreadable)."""
        try:
            document = json.loads(Path(path).read_bytes())
        except (OSError, ValueError, UnicodeDecodeError):
            return False
        return isinstance(document, dict) and "wrapped" in document

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
    material = secrets.token_bytes(KEY_BYTES)
    return KeyInfo(key_id, now.isoformat(timespec="seconds"), purpose, material, SCHEMES[DEFAULT_PSEUDONYM])


def _pseudonym_scheme(schemes: Any) -> str:
    """The pseudonym scheme a key entry records; a key file from before FF1 records none (FF3-1)."""
    if schemes is None:
        return SCHEMES[LEGACY_PSEUDONYM]
    pseudonym = schemes["pseudonym"]
    known = [SCHEMES[a] for a in PSEUDONYM_ALGORITHMS]
    if pseudonym not in known or schemes.get("encrypt", SCHEMES["encrypt"]) != SCHEMES["encrypt"]:
        raise KeyringError(
            f"a key records a scheme this version does not know (pseudonyms: {', '.join(known)}; "
            f"tokens: {SCHEMES['encrypt']}): was it written by a newer safecohort?"
        )
    return str(pseudonym)


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


def map_unique(
    values: Iterable[Any], compute: Callable[[list[Any]], Sequence[Any] | np.ndarray]
) -> np.ndarray:
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
    return list(encrypt_array(keyring, domain, values).tolist())


def encrypt_array(keyring: Keyring, domain: str, values: Iterable[Any]) -> np.ndarray:
    """:func:`encrypt_values` as an object array (what the operators use: no list round trip)."""
    key_id = keyring.active_id
    siv = BatchSiv(keyring.subkey("encrypt", key_id, length=64), domain.encode("utf-8"))
    prefix = f"{TOKEN_PREFIX}{key_id}:".encode("ascii")

    def compute(uniques: list[str]) -> np.ndarray:
        tokens = np.empty(len(uniques), dtype=object)
        for rows, sealed in siv.encrypt_by_length([u.encode("utf-8") for u in uniques]):
            tokens[rows] = b64url_rows(prefix, sealed)
        return tokens

    return map_unique(as_texts(values), compute)


def decrypt_values(
    keyring: Keyring,
    domain: str,
    tokens: Iterable[str],
    *,
    where: Callable[[int], str] | None = None,
) -> list[str]:
    """The plaintexts of tokens made by :func:`encrypt_values` for ``domain``.

    Raises :class:`DecryptionError` naming the place of the first token that is garbled, tampered with or
    made for another domain, and :class:`UnknownKeyIdError` when a token names a key this keyring does not
    hold. ``where(position)`` describes a row position in messages (default ``row position N``). Neither
    message holds the token or the value.
    """
    place = where or _row_position
    codes, uniques = distinct(tokens)
    associated = [domain.encode("utf-8")]
    plain = []
    for code, token in enumerate(uniques):
        parsed = _parse_token(token)
        if parsed is None:
            raise DecryptionError(
                f"the value at {place(_first(codes, code))} is not an enc:v1 token (garbled or truncated)"
            )
        key_id, payload = parsed
        if key_id not in keyring.key_ids:
            raise UnknownKeyIdError(
                f"the token at {place(_first(codes, code))} was made with key id '{key_id}', which this "
                f"keyring does not hold (it holds {', '.join(keyring.key_ids)})"
            )
        try:
            plain.append(keyring._cipher(key_id).decrypt(payload, associated).decode("utf-8"))
        except (InvalidTag, UnicodeDecodeError):
            raise DecryptionError(
                f"the token at {place(_first(codes, code))} does not decrypt for domain '{domain}': it was "
                "altered, or it belongs to another column or key"
            ) from None
    results = np.empty(len(plain), dtype=object)
    results[:] = plain
    return list(results[codes])


def _row_position(position: int) -> str:
    return f"row position {position}"


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


# Where a token may start inside text: any version, so a token whose prefix was altered is not taken
# for plain text. What follows must then be a whole ``enc:v1`` token.
TOKEN_START = re.compile(r"enc:v[0-9]+:")
_TOKEN_AT = re.compile(r"enc:v1:([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]+)")
_MIN_BODY = 22  # base64url characters of the shortest payload: the 16-byte synthetic IV alone


def decrypt_token_at(
    keyring: Keyring, text: str, start: int, domains: Sequence[str], place: str
) -> tuple[str, int, KeyId]:
    """The plaintext of the ``enc:v1`` token that starts at ``text[start]``, where it ends, and its key id.

    For tokens spliced into notes: the token's entity (so its domain) is not known, and the note's own
    text may follow it without a space (``enc:v1:k1:...'s``). Each of ``domains`` is tried, with the
    longest token first and then shorter ones: AES-SIV authenticates, so only the token as it was made,
    under the domain it was made for, decrypts (a false match has probability 2**-128). Raises
    :class:`DecryptionError` naming ``place`` when nothing decrypts (garbled, tampered, or made for a
    domain not among ``domains``), :class:`UnknownKeyIdError` for a key this keyring does not hold.
    """
    match = _TOKEN_AT.match(text, start)
    if match is None:
        raise DecryptionError(f"the token at {place} is not an enc:v1 token (garbled or truncated)")
    key_id, body = KeyId(match.group(1)), match.group(2)
    if key_id not in keyring.key_ids:
        raise UnknownKeyIdError(
            f"the token at {place} was made with key id '{key_id}', which this keyring does not hold "
            f"(it holds {', '.join(keyring.key_ids)})"
        )
    cipher = keyring._cipher(key_id)
    head = match.start(2)
    for length in range(len(body), _MIN_BODY - 1, -1):
        parsed = _parse_token(text[start : head + length])
        if parsed is None:  # not a canonical base64url length or ending
            continue
        for domain in domains:
            try:
                plain = cipher.decrypt(parsed[1], [domain.encode("utf-8")]).decode("utf-8")
            except (InvalidTag, UnicodeDecodeError):
                continue
            return plain, head + length, key_id
    raise DecryptionError(
        f"the token at {place} does not decrypt for any encrypted entity of the policy: it was altered, "
        "or it belongs to another column or key"
    )


# -- format-preserving encryption: reversible pseudonyms -------------------------------------------------

# NIST SP 800-38G Rev. 1 (drafts of 2019 and 2025) requires FPE domains of at least one million values.
FPE_MIN_DOMAIN = FF1_MIN_DOMAIN
FPE_PURPOSES = {"ff1": "pseudonym.ff1", "ff3-1": "pseudonym.ff3-1"}
_FPE_ALPHABETS = {"9": string.digits, "A": string.ascii_uppercase, "a": string.ascii_lowercase}
_FPE_CLASS = {char: cls for cls, alphabet in _FPE_ALPHABETS.items() for char in alphabet}
_FPE_TO_PATTERN = str.maketrans(_FPE_CLASS)
# Byte -> position in its alphabet, and per class the alphabet's bytes (both read as numpy lookups).
_FPE_INDEX = np.zeros(256, dtype=np.uint8)
for _alphabet in _FPE_ALPHABETS.values():
    _FPE_INDEX[np.frombuffer(_alphabet.encode("ascii"), dtype=np.uint8)] = np.arange(len(_alphabet))
_FPE_BYTES = {
    cls: np.frombuffer(alphabet.encode("ascii"), dtype=np.uint8) for cls, alphabet in _FPE_ALPHABETS.items()
}
# FF3-1 runs here on decimal strings; radix 10 allows at most 2 * floor(96 / log2 10) = 56 digits. FF1
# has no such limit, but both keep the same format rules, so a value is a pseudonym under either or none.
_FPE_MAX_DIGITS = 56
_FF3_TWEAK_BYTES = 7  # FF3-1's 56-bit tweak
_FF1_TWEAK_BYTES = 16
_UTF8 = ("utf-8", "surrogatepass")  # a lone surrogate is a separator like any other non-alphanumeric


def scheme_for(operator: str, algorithm: str | None = None) -> str:
    """The scheme (``algorithm:vN``) of values an operator made: ``aes-siv:v1`` for ``encrypt``,
    ``ff1:v1`` or ``ff3-1:v1`` for ``pseudonym`` (``algorithm``, FF1 when None)."""
    if operator == "encrypt":
        return SCHEMES["encrypt"]
    return SCHEMES[algorithm or DEFAULT_PSEUDONYM]


@dataclass(frozen=True)
class _Format:
    """One pattern's layout: its classes in order, their byte offsets in the UTF-8 text, its size."""

    pattern: str
    classes: tuple[str, ...]
    offsets: np.ndarray = field(repr=False)
    width: int  # bytes of each text of this pattern
    size: int

    @property
    def digits(self) -> int:
        """Length of the decimal numerals FPE runs on: enough for ``size - 1``."""
        return len(str(self.size - 1))

    def numbers(self, texts: list[str]) -> np.ndarray:
        """Each text read as a mixed-radix number in [0, size) (10 per digit, 26 per letter)."""
        raw = np.frombuffer("".join(texts).encode(*_UTF8), dtype=np.uint8).reshape(len(texts), self.width)
        places = _FPE_INDEX[raw[:, self.offsets]]
        small = 10**self.digits < 1 << 64
        number = np.zeros(len(texts), dtype=np.uint64) if small else np.zeros(len(texts), dtype=object)
        for position, cls in enumerate(self.classes):
            column = places[:, position] if small else places[:, position].astype(object)
            number = number * len(_FPE_ALPHABETS[cls]) + column
        return number

    def texts(self, template: list[str], numbers: np.ndarray) -> list[str]:
        """``numbers`` written back in the pattern, separators taken from the texts of ``template``."""
        out = np.frombuffer("".join(template).encode(*_UTF8), dtype=np.uint8).reshape(
            len(template), self.width
        )
        out = out.copy()
        for position in range(len(self.classes) - 1, -1, -1):
            alphabet = _FPE_BYTES[self.classes[position]]
            numbers, digit = numbers // len(alphabet), numbers % len(alphabet)
            out[:, self.offsets[position]] = alphabet[np.asarray(digit, dtype=np.intp)]
        joined = out.tobytes().decode(*_UTF8)
        step = len(self.pattern)
        return [joined[start : start + step] for start in range(0, len(joined), step)]


@functools.lru_cache(maxsize=4096)
def _format(pattern: str) -> _Format | None:
    """The layout of a pattern, or None when no pseudonym keeps it (see :func:`fpe_pattern`)."""
    classes, offsets = [], []
    size, offset = 1, 0
    for char in pattern:
        if char in _FPE_ALPHABETS:
            classes.append(char)
            offsets.append(offset)
            size *= len(_FPE_ALPHABETS[char])
        elif char.isalnum():  # a letter or digit outside ASCII: no alphabet keeps it, it must not pass
            return None
        offset += len(char.encode(*_UTF8))
    if size < FPE_MIN_DOMAIN or len(str(size - 1)) > _FPE_MAX_DIGITS:
        return None
    return _Format(pattern, tuple(classes), np.array(offsets, dtype=np.intp), offset, size)


def fpe_pattern(text: str) -> tuple[str, int] | None:
    """The format of ``text`` and the number of values of that format, or None when it has no usable one.

    The pattern has ``9`` for an ASCII digit, ``A`` / ``a`` for an upper / lower case ASCII letter and
    every other character as itself (separators stay in place). None when the text holds a non-ASCII
    letter or digit (no alphabet keeps it, and it must not pass through), when its format has fewer than
    :data:`FPE_MIN_DOMAIN` values (e.g. fewer than 6 digits: too few to encrypt safely), or more than
    10**56 (beyond FF3-1's length limit; FF1 keeps the same rule).
    """
    shape = _format(text.translate(_FPE_TO_PATTERN))
    return None if shape is None else (shape.pattern, shape.size)


class _FormatPreserving:
    """FF1 or FF3-1 over the values of each format, by cycle walking (Black and Rogaway, CT-RSA 2002).

    A value of a given pattern is read as a mixed-radix number in [0, size) (10 per digit, 26 per letter),
    taken as a decimal numeral of the fixed length of ``size - 1`` and encrypted (radix 10) until the
    result falls below ``size`` again. That is a permutation of the values of the pattern: each position
    keeps its character class, separators stay, and decryption walks back the same way. On average
    fewer than 10 calls per value (exactly one for an all-digit value).

    FF1 (:class:`~safecohort.transform.ff1.FF1`) runs on all values of one pattern at once; FF3-1 (the
    ``ff3`` package, kept to reveal pseudonyms made before FF1) one value at a time.
    """

    def __init__(self, key: bytes, domain: str, algorithm: str) -> None:
        self._key = key
        self._algorithm = algorithm
        self._domain = domain.encode(*_UTF8)

    def __repr__(self) -> str:
        return f"_FormatPreserving({self._algorithm}, <key hidden>)"

    def _tweak(self, pattern: str, size: int) -> bytes:
        # The tweak names the column's domain and the value's pattern (both public): values of other
        # columns or formats are encrypted under unrelated permutations.
        label = b"safecohort-ff1\0" if self._algorithm == "ff1" else b"safecohort-ff3-1\0"
        digest = hashlib.sha256(label + self._domain + b"\0" + pattern.encode(*_UTF8)).digest()
        return digest[:size]

    def _cipher(self, shape: _Format, forward: bool) -> Callable[[np.ndarray], np.ndarray]:
        if self._algorithm == "ff1":
            ff1 = FF1(self._key, 10, shape.digits, self._tweak(shape.pattern, _FF1_TWEAK_BYTES))
            step = ff1.encrypt if forward else ff1.decrypt

            def run_ff1(numbers: np.ndarray) -> np.ndarray:
                return step(numbers).astype(numbers.dtype)

            return run_ff1
        ff3 = FF3Cipher(self._key.hex(), self._tweak(shape.pattern, _FF3_TWEAK_BYTES).hex(), radix=10)
        call = ff3.encrypt if forward else ff3.decrypt
        digits = shape.digits

        def run_ff3(numbers: np.ndarray) -> np.ndarray:
            try:
                out = [int(call(str(n).zfill(digits))) for n in numbers.tolist()]
            except ValueError:  # ff3 messages may quote the input: never let one through
                raise TransformError("FF3-1 rejected a value (internal error); no value is shown") from None
            return np.array(out, dtype=numbers.dtype)

        return run_ff3

    def convert(self, texts: list[str], *, forward: bool) -> np.ndarray:
        """The encryption (``forward``) or decryption of each text; None where it has no usable format."""
        patterns = [text.translate(_FPE_TO_PATTERN) for text in texts]
        codes, uniques = distinct(patterns)
        out = np.full(len(texts), None, dtype=object)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
        for code, pattern in enumerate(uniques):
            shape = _format(pattern)
            if shape is None:
                continue
            rows = order[bounds[code] : bounds[code + 1]]
            group = [texts[row] for row in rows.tolist()]
            step = self._cipher(shape, forward)
            # Cycle walking: a result at or above the pattern's size is encrypted again until it fits.
            numbers = step(shape.numbers(group))
            pending = np.flatnonzero(np.asarray(numbers >= shape.size, dtype=bool))
            while len(pending):
                numbers[pending] = step(numbers[pending])
                pending = pending[np.asarray(numbers[pending] >= shape.size, dtype=bool)]
            out[rows] = shape.texts(group, numbers)
        return out


def pseudonym_algorithm(keyring: Keyring, key_id: KeyId | str | None = None) -> str:
    """The pseudonym algorithm the key file records for a key (the active one by default).

    A key file written before FF1 records none: its pseudonyms are FF3-1 (:data:`LEGACY_PSEUDONYM`).
    """
    return keyring.info(key_id if key_id is not None else keyring.active_id).pseudonym_scheme.split(":")[0]


def _pseudonym_key(keyring: Keyring, key_id: KeyId | str | None, algorithm: str | None) -> KeyId:
    """The key id pseudonyms use (the active key by default), once the algorithm is known to exist."""
    if algorithm is not None and algorithm not in PSEUDONYM_ALGORITHMS:
        raise TransformError(
            f"unknown pseudonym algorithm '{algorithm}' (use one of {', '.join(PSEUDONYM_ALGORITHMS)})"
        )
    return keyring.info(key_id if key_id is not None else keyring.active_id).key_id


def _fpe(keyring: Keyring, domain: str, key_id: KeyId | str | None, algorithm: str) -> _FormatPreserving:
    # An AES-256 key per algorithm and domain, derived with HKDF from the master key.
    return _FormatPreserving(
        keyring.subkey(f"{FPE_PURPOSES[algorithm]}\0{domain}", key_id), domain, algorithm
    )


def fpe_encrypt_values(
    keyring: Keyring,
    domain: str,
    values: Iterable[Any],
    *,
    key_id: KeyId | str | None = None,
    algorithm: str = DEFAULT_PSEUDONYM,
) -> np.ndarray:
    """Reversible format-preserving pseudonyms (FF1 by default) of non-null values under ``key_id``.

    Returns an object array; None where a value has no usable format (see :func:`fpe_pattern`): the
    caller fails closed on those. The output carries no key id or algorithm: the key file records the
    key's algorithm, the audit log the build's. Raises :class:`KeyringError` for FF1 under a key whose
    file records FF3-1 (a key from before FF1): its pseudonyms would then be read back with the wrong
    algorithm; rotate the key file, or name FF3-1 explicitly.
    """
    used = _pseudonym_key(keyring, key_id, algorithm)
    if algorithm == "ff1" and pseudonym_algorithm(keyring, used) != "ff1":
        raise KeyringError(
            f"key '{used}' predates FF1 pseudonyms (its key file records FF3-1, the algorithm of the "
            "pseudonyms it made): add an FF1 key with `safecohort keys rotate FILE` (the old key stays to "
            "reveal old pseudonyms), or keep FF3-1 with `algorithm: ff3-1` on the pseudonym action"
        )
    fpe = _fpe(keyring, domain, used, algorithm)
    return map_unique(as_texts(values), lambda uniques: fpe.convert(uniques, forward=True))


def fpe_decrypt_values(
    keyring: Keyring,
    domain: str,
    values: Iterable[Any],
    *,
    key_id: KeyId | str | None = None,
    algorithm: str | None = None,
    where: Callable[[int], str] | None = None,
) -> list[str]:
    """The originals of pseudonyms made by :func:`fpe_encrypt_values` with the same key and domain.

    ``algorithm`` defaults to the one the key file records for the key (FF3-1 for a key from before FF1).
    FF1 and FF3-1 are not authenticated: a wrong key, domain or algorithm gives wrong values, not an
    error. Raises :class:`DecryptionError` naming the place of the first value that no pseudonym can have
    (too short, non-ASCII letters or digits); :class:`UnknownKeyIdError` for a key id the keyring lacks.
    """
    place = where or _row_position
    key = _pseudonym_key(keyring, key_id, algorithm)
    used = algorithm or pseudonym_algorithm(keyring, key)
    if (
        used == "ff1" and pseudonym_algorithm(keyring, key) != "ff1"
    ):  # refused when making them, so none exist
        raise KeyringError(
            f"no FF1 pseudonym can have been made with key '{key}': its key file records FF3-1 (a key from "
            "before FF1); reveal with the policy the build used, or give the key id the build's log names"
        )
    fpe = _fpe(keyring, domain, key, used)
    codes, uniques = distinct(as_texts(values))
    plain = fpe.convert(uniques, forward=False) if uniques else np.empty(0, dtype=object)
    missing = np.flatnonzero(pd.isna(plain))
    if len(missing):
        raise DecryptionError(
            f"the value at {place(_first(codes, int(missing[0])))} cannot be a pseudonym (fewer than "
            f"{FPE_MIN_DOMAIN:,} values of its format, or letters or digits outside ASCII)"
        )
    return list(plain[codes])


__all__ = [
    "DEFAULT_PSEUDONYM",
    "FPE_MIN_DOMAIN",
    "FPE_PURPOSES",
    "LEGACY_PSEUDONYM",
    "PASSPHRASE_ENV",
    "PSEUDONYM_ALGORITHMS",
    "SCHEMES",
    "TOKEN_START",
    "KeyId",
    "KeyInfo",
    "Keyring",
    "as_texts",
    "decrypt_token_at",
    "decrypt_values",
    "distinct",
    "encrypt_array",
    "encrypt_values",
    "fpe_decrypt_values",
    "fpe_encrypt_values",
    "fpe_pattern",
    "hmac_values",
    "map_unique",
    "objects",
    "pseudonym_algorithm",
    "scheme_for",
]
