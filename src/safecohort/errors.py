"""One exception hierarchy for safecohort.

Every error a caller can see derives from :class:`SafecohortError`. Messages say what went wrong and where
(key path, YAML line, column name, row index) and never contain a cell value or key material. Errors from
dependencies (yaml, pandera, pyarrow, cryptography) are translated into these at the boundary where they
occur, so a caller never catches a dependency's exception type.

Each class carries its CLI exit code (``exit_code``: 2, or 3 for :class:`SafetyCheckError`); the CLI's
``main`` turns any of them into one line on stderr and that code.
"""

from __future__ import annotations


class SafecohortError(Exception):
    """Base class of every error safecohort raises on purpose."""

    exit_code = 2


class PolicyError(SafecohortError):
    """The policy YAML is malformed, incomplete or names an unknown operator or parameter."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = []
        if path:
            where.append(f"at '{path}'")
        if line is not None:
            where.append(f"line {line}")
        prefix = f"policy error {' '.join(where)}: " if where else "policy error: "
        super().__init__(prefix + message)


class InputError(SafecohortError):
    """An input file is missing, unreadable, in the wrong encoding or of an unsupported format."""


class SchemaError(SafecohortError):
    """The data does not fit the policy's schema as a whole (missing column, uncoercible type).

    Row-level failures never raise this: those rows go to quarantine.
    """


class UnlistedColumnError(SchemaError):
    """The input holds a column the policy does not mention and ``unlisted_columns`` is ``error``."""


class KeyringError(SafecohortError):
    """A key file or key is missing, malformed, wrongly wrapped, or the passphrase is wrong."""


class UnknownKeyIdError(KeyringError):
    """A token names a key id the keyring does not hold."""


class DecryptionError(SafecohortError):
    """A token could not be decrypted: it was tampered with, truncated, or belongs to another column."""


class DetectionError(SafecohortError):
    """The PHI scanner could not scan a note (model missing, analyzer failure); the note is not emitted."""


class TransformError(SafecohortError):
    """An operator could not be applied to a column (wrong type, missing patient id)."""


class SafetyCheckError(SafecohortError):
    """The safe output failed its own checks (residual PHI or k-anonymity below the policy's thresholds)."""

    exit_code = 3


class OutputError(SafecohortError):
    """An output could not be written."""


class EngineError(SafecohortError):
    """The engine asked for cannot run here (unknown name; pyspark or Java missing; Spark failed to start)."""


__all__ = [
    "DecryptionError",
    "DetectionError",
    "EngineError",
    "InputError",
    "KeyringError",
    "OutputError",
    "PolicyError",
    "SafecohortError",
    "SafetyCheckError",
    "SchemaError",
    "TransformError",
    "UnknownKeyIdError",
    "UnlistedColumnError",
]
