"""Every form a key could leak in, for the key tests (``from transform.key_leaks import ...``)."""

from __future__ import annotations

import base64

from safecohort.transform.crypto import FPE_PURPOSES, Keyring

PURPOSES = ("hash", "encrypt", "date_shift", "surrogate")


def key_forms(keyring: Keyring, fpe_domains: tuple[str, ...] = ("mrn",)) -> list[bytes]:
    """Raw bytes, base64, base64url, hex (both cases) of each master key, the subkey of every purpose, the
    AES-SIV key and the FF1 and FF3-1 keys of each pseudonym domain, for every key id of the keyring."""
    forms = []
    for key_id in keyring.key_ids:
        material = [keyring.info(key_id).material]
        material += [keyring.subkey(p, key_id) for p in PURPOSES]
        material += [keyring.subkey("encrypt", key_id, length=64)]
        material += [keyring.subkey(f"{p}\0{d}", key_id) for p in FPE_PURPOSES.values() for d in fpe_domains]
        for raw in material:
            forms += [
                raw,
                base64.b64encode(raw),
                base64.urlsafe_b64encode(raw).rstrip(b"="),
                raw.hex().encode(),
                raw.hex().upper().encode(),
            ]
    return forms


def assert_no_key_in(text: str | bytes, keyring: Keyring, fpe_domains: tuple[str, ...] = ("mrn",)) -> None:
    """Fail when any form of any key of ``keyring`` occurs in ``text`` (without printing the key)."""
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    leaked = sum(form in data for form in key_forms(keyring, fpe_domains))
    assert leaked == 0, f"{leaked} key form(s) found"
