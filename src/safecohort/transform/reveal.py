"""Authorised re-identification: encrypted tokens and reversible pseudonyms back to their values.

:func:`reveal` is pure over DataFrames: it returns a new frame with the named columns decrypted, and what
it used (for the audit log). It checks every value of every named column before returning anything, so
a caller writes the whole output or nothing. ``safecohort reveal`` wraps it: it reads the input, writes
the output atomically and appends the reveal to the hash-chained audit log.

Three kinds of column: ``enc:v1`` tokens (AES-SIV; each names its key id), pseudonyms (FF1, or FF3-1 for
those made before FF1: the algorithm is the one the policy names for the column, else the one the key
file records for the key) and notes, whose ``enc:v1`` tokens are restored where they were spliced in.

Errors name the row (by index) and the column, never a value or a key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from safecohort.errors import DecryptionError, InputError, PolicyError
from safecohort.policy import Policy
from safecohort.transform.crypto import (
    SCHEMES,
    TOKEN_PREFIX,
    TOKEN_START,
    KeyId,
    Keyring,
    as_texts,
    decrypt_token_at,
    decrypt_values,
    distinct,
    fpe_decrypt_values,
    pseudonym_algorithm,
    scheme_for,
)

Method = Literal["encrypt", "pseudonym", "notes"]


@dataclass(frozen=True)
class RevealResult:
    """The frame with the named columns revealed, how each was revealed (method and scheme), key ids."""

    data: pd.DataFrame
    methods: dict[str, Method]
    key_ids: list[KeyId]
    #: Column -> scheme of the values revealed: ``aes-siv:v1``, ``ff1:v1`` or ``ff3-1:v1``.
    schemes: dict[str, str]


def reveal(
    frame: pd.DataFrame,
    columns: Sequence[str],
    keyring: Keyring,
    *,
    policy: Policy | None = None,
    key_id: KeyId | str | None = None,
    notes: Sequence[str] = (),
    table: str | None = None,
) -> RevealResult:
    """Decrypt ``columns`` of ``frame`` (tokens, and pseudonyms where ``policy`` says so) and ``notes``.

    Without a policy every named column must hold ``encrypt`` tokens made for a domain of the column's
    name. With one, a column's action decides: ``encrypt`` (with its ``domain`` parameter) or
    ``pseudonym`` (with its ``domain``); any other action is not reversible. Pseudonyms carry no key id or
    algorithm: they are decrypted with ``key_id`` (by default the active key: after a rotation, give the
    ``active_key_id`` the build's audit-log record names) and the algorithm the policy's action names,
    else the one the key file records for that key (FF3-1 for a key from before FF1). ``notes`` are notes
    columns of ``policy``: every ``enc:v1`` token in them is replaced by its plaintext, trying the domain
    of each entity the policy encrypts. Nulls stay null. ``table`` names the table of a relational
    policy the frame was built as: its column specs apply, and a key's domain is the key it references
    (``patients.Id`` for ``encounters.PATIENT``), as the build made it.

    Raises :class:`DecryptionError` (garbled or tampered token, a value no pseudonym can have),
    :class:`~safecohort.errors.UnknownKeyIdError` (a token's key id, or ``key_id``, is not in the keyring),
    :class:`InputError` (a column is missing, or nothing to reveal) or :class:`PolicyError` (a column is
    not reversible, notes without a policy that encrypts entities in them).
    """
    if not columns and not notes:
        raise InputError("name at least one column (or notes column) to reveal")
    domains: dict[str, str] = {}
    if policy is not None and policy.relational:
        if table is None or table not in policy.table_names:
            raise InputError(
                f"the policy has several tables ({', '.join(policy.table_names)}): name the one this file "
                "holds (--table)"
            )
        domains = policy.column_domains(table)
        policy = policy.table_policy(table)
    missing = [c for c in [*columns, *notes] if c not in frame.columns]
    if missing:
        raise InputError(f"column(s) not in the input: {', '.join(map(repr, missing))}")
    out = frame.copy()
    methods: dict[str, Method] = {}
    schemes: dict[str, str] = {}
    used: set[KeyId] = set()
    note_domains = _note_domains(notes, policy) if notes else []
    for column in dict.fromkeys([*columns, *notes]):
        values = frame[column]
        present = values.notna().to_numpy(dtype=bool)
        where = _places(column, frame.index[present])
        texts = as_texts(values[present])
        method: Method
        if column in notes:
            method, scheme = "notes", SCHEMES["encrypt"]
            plain, found = _reveal_in_notes(keyring, note_domains, texts, where)
            used.update(found)
        else:
            method, domain, algorithm = _method(column, policy, domains.get(column, column))
            if method == "encrypt":
                hint = "" if policy is not None else " (a pseudonym column needs --policy)"
                try:
                    plain = decrypt_values(keyring, domain, texts, where=where)
                except DecryptionError as exc:
                    raise DecryptionError(f"{exc}{hint}") from None
                used.update(_token_key_ids(texts))
                scheme = scheme_for("encrypt")
            else:
                key = keyring.info(key_id if key_id is not None else keyring.active_id).key_id
                algorithm = algorithm or pseudonym_algorithm(keyring, key)
                plain = fpe_decrypt_values(
                    keyring, domain, texts, key_id=key, algorithm=algorithm, where=where
                )
                used.add(key)
                scheme = scheme_for("pseudonym", algorithm)
        revealed = np.full(len(values), None, dtype=object)
        revealed[present] = np.asarray(plain, dtype=object) if len(plain) else []
        out[column] = pd.Series(revealed, index=frame.index, dtype=object, name=column)
        methods[column] = method
        schemes[column] = scheme
    return RevealResult(data=out, methods=methods, key_ids=sorted(used), schemes=schemes)


def _places(column: str, rows: pd.Index) -> Callable[[int], str]:
    """``where(position)``: the row label (of the non-null values' ``rows``) and the column, for errors."""

    def where(position: int) -> str:
        label = rows[position]
        return f"row {label.item() if isinstance(label, np.generic) else label!r} of column '{column}'"

    return where


def _method(
    column: str, policy: Policy | None, default_domain: str
) -> tuple[Literal["encrypt", "pseudonym"], str, str | None]:
    """How a column was made reversible, its key domain (the action's, else ``default_domain``: the
    column, or the key it references in a relational build), and the pseudonym algorithm named."""
    if policy is None or column not in policy.columns:
        return "encrypt", default_domain, None
    action = policy.action_for(column)
    if action.operator not in ("encrypt", "pseudonym"):
        raise PolicyError(
            f"column '{column}' is not reversible: the policy's action on it is '{action.operator}' "
            "(only encrypt and pseudonym can be revealed; notes with --notes)",
            path=f"columns.{column}.action",
            line=policy.line_of(f"columns.{column}.action"),
        )
    domain = str(action.params.get("domain") or default_domain)
    if action.operator == "encrypt":
        return "encrypt", domain, None
    algorithm = action.params.get("algorithm")
    return "pseudonym", domain, None if algorithm is None else str(algorithm)


def _note_domains(notes: Sequence[str], policy: Policy | None) -> list[str]:
    """The key domains of the entities the policy encrypts in notes (a token's entity is not known)."""
    if policy is None:
        raise InputError(
            "revealing notes needs the build's policy (--policy): it names the encrypted entities"
        )
    strays = [c for c in notes if c not in policy.notes.columns]
    if strays:
        raise PolicyError(
            f"column(s) {', '.join(map(repr, strays))} are not notes columns of the policy (notes.columns)",
            path="notes.columns",
            line=policy.line_of("notes.columns"),
        )
    entities = policy.notes.entities
    domains = [
        str(action.params.get("domain") or f"notes.{entity}")
        for entity, action in sorted(entities.items())
        if action.operator == "encrypt"
    ]
    default = policy.notes.default_action
    if default.operator == "encrypt":
        if default.params.get("domain"):
            domains.append(str(default.params["domain"]))
        elif policy.notes.phi_entities is not None:
            domains += [f"notes.{e}" for e in policy.notes.phi_entities if e not in entities]
        else:
            raise PolicyError(
                "the policy's notes.default_action encrypts entities it does not name: list them in "
                "notes.phi_entities (or give default_action a domain) so reveal knows their key domains",
                path="notes.default_action",
                line=policy.line_of("notes.default_action"),
            )
    if not domains:
        raise PolicyError(
            "the policy encrypts no entity in notes, so nothing in them can be revealed",
            path="notes.entities",
            line=policy.line_of("notes.entities"),
        )
    return list(dict.fromkeys(domains))


def _reveal_in_notes(
    keyring: Keyring, domains: list[str], texts: np.ndarray, where: Callable[[int], str]
) -> tuple[list[str], set[KeyId]]:
    """Each note with its ``enc:v1`` tokens replaced by their plaintexts, and the key ids they used."""
    out: list[str] = []
    used: set[KeyId] = set()
    for position, text in enumerate(texts.tolist()):
        pieces: list[str] = []
        cursor = 0
        for match in TOKEN_START.finditer(text):
            if match.start() < cursor:  # inside a token already restored
                continue
            plain, end, key_id = decrypt_token_at(keyring, text, match.start(), domains, where(position))
            pieces += [text[cursor : match.start()], plain]
            cursor = end
            used.add(key_id)
        pieces.append(text[cursor:])
        out.append("".join(pieces))
    return out, used


def _token_key_ids(tokens: np.ndarray) -> set[KeyId]:
    _, uniques = distinct(tokens)
    return {KeyId(str(t)[len(TOKEN_PREFIX) :].partition(":")[0]) for t in uniques}


__all__ = ["RevealResult", "reveal"]
