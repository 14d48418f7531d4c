"""Authorised re-identification: encrypted tokens and reversible pseudonyms back to their values.

:func:`reveal` is pure over DataFrames: it returns a new frame with the named columns decrypted, and what
it used (for the audit log). It checks every value of every named column before returning anything, so
a caller writes the whole output or nothing. ``safecohort reveal`` wraps it: it reads the input, writes
the output atomically and appends the reveal to the hash-chained audit log.

Errors name the row (by index) and the column, never a value or a key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from safecohort.errors import DecryptionError, InputError, PolicyError
from safecohort.policy import Policy
from safecohort.transform.crypto import (
    TOKEN_PREFIX,
    KeyId,
    Keyring,
    as_texts,
    decrypt_values,
    distinct,
    fpe_decrypt_values,
)

Method = Literal["encrypt", "pseudonym"]


@dataclass(frozen=True)
class RevealResult:
    """The frame with the named columns revealed, how each was revealed, and the key ids used."""

    data: pd.DataFrame
    methods: dict[str, Method]
    key_ids: list[KeyId]


def reveal(
    frame: pd.DataFrame,
    columns: Sequence[str],
    keyring: Keyring,
    *,
    policy: Policy | None = None,
    key_id: KeyId | str | None = None,
) -> RevealResult:
    """Decrypt ``columns`` of ``frame``: ``enc:v1`` tokens, and pseudonyms where ``policy`` says so.

    Without a policy every named column must hold ``encrypt`` tokens made for a domain of the column's
    name. With one, a column's action decides: ``encrypt`` (with its ``domain`` parameter) or
    ``pseudonym`` (FF3-1, with its ``domain``); any other action is not reversible. Pseudonyms carry no
    key id, so they are decrypted with ``key_id`` (by default the active key: after a rotation, give the
    ``active_key_id`` the build's audit-log record names). Nulls stay null.

    Raises :class:`DecryptionError` (garbled or tampered token, a value no pseudonym can have),
    :class:`~safecohort.errors.UnknownKeyIdError` (a token's key id, or ``key_id``, is not in the keyring),
    :class:`InputError` (a column is missing) or :class:`PolicyError` (a column is not reversible).
    """
    if not columns:
        raise InputError("name at least one column to reveal")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"column(s) not in the input: {', '.join(map(repr, missing))}")
    out = frame.copy()
    methods: dict[str, Method] = {}
    used: set[KeyId] = set()
    for column in dict.fromkeys(columns):
        method, domain = _method(column, policy)
        values = frame[column]
        present = values.notna().to_numpy(dtype=bool)
        rows = frame.index[present]

        def where(position: int, column: str = column, rows: pd.Index = rows) -> str:
            label = rows[position]
            return f"row {label.item() if isinstance(label, np.generic) else label!r} of column '{column}'"

        texts = as_texts(values[present])
        if method == "encrypt":
            hint = "" if policy is not None else " (a pseudonym column needs --policy)"
            try:
                plain = decrypt_values(keyring, domain, texts, where=where)
            except DecryptionError as exc:
                raise DecryptionError(f"{exc}{hint}") from None
            used.update(_token_key_ids(texts))
        else:
            plain = fpe_decrypt_values(keyring, domain, texts, key_id=key_id, where=where)
            used.add(keyring.info(key_id if key_id is not None else keyring.active_id).key_id)
        revealed = np.full(len(values), None, dtype=object)
        revealed[present] = np.asarray(plain, dtype=object) if plain else []
        out[column] = pd.Series(revealed, index=frame.index, dtype=object, name=column)
        methods[column] = method
    return RevealResult(data=out, methods=methods, key_ids=sorted(used))


def _method(column: str, policy: Policy | None) -> tuple[Method, str]:
    """How a column was made reversible, and the key domain it used."""
    if policy is None or column not in policy.columns:
        return "encrypt", column
    action = policy.action_for(column)
    if action.operator not in ("encrypt", "pseudonym"):
        raise PolicyError(
            f"column '{column}' is not reversible: the policy's action on it is '{action.operator}' "
            "(only encrypt and pseudonym can be revealed)",
            path=f"columns.{column}.action",
            line=policy.line_of(f"columns.{column}.action"),
        )
    domain = action.params.get("domain") or column
    return ("encrypt" if action.operator == "encrypt" else "pseudonym"), str(domain)


def _token_key_ids(tokens: np.ndarray) -> set[KeyId]:
    _, uniques = distinct(tokens)
    return {KeyId(str(t)[len(TOKEN_PREFIX) :].partition(":")[0]) for t in uniques}


__all__ = ["RevealResult", "reveal"]
