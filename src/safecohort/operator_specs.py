"""What a policy may ask of an operator: each operator's name, parameter schema and needs, as data.

This is the part of the operators a policy needs to be checked when it loads, and nothing of how they
run. It sits below the policy so that :func:`safecohort.policy.parse_policy` can check every action
(unknown operator, bad parameter, a column type it cannot act on, a missing ``patient_id``) with the
action's key path and YAML line, without importing a stage. The transform stage
(:mod:`safecohort.transform.operators`) attaches one implementation to each spec by name; a test holds
the two to the same set of names.

Parameters are pydantic models: frozen, unknown keys rejected, each field described for the docs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from safecohort.errors import PolicyError

# ---------------------------------------------------------------------------------------------------------
# Parameter schemas


class Params(BaseModel):
    """Base of every operator's parameters: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def unsupported(self, column_type: str) -> str | None:
        """Why an operator with these parameters cannot act on a column of this policy type, or None."""
        return None

    def applied(self) -> dict[str, Any]:
        """The parameters that act on the data, as JSON (what the audit records): all that are set (None
        means "the default", e.g. a hash domain defaulting to the column), unless a parameter applies only
        to some methods (see :class:`GeneralizeParams`)."""
        return self.model_dump(mode="json", exclude_none=True)


class NoParams(Params):
    """This operator takes no parameters."""


class ReplaceParams(Params):
    value: str | None = Field(
        default=None,
        description='Replacement text; by default "[ENTITY]" in notes and "[REDACTED]" in columns.',
    )


class MaskParams(Params):
    keep_last: int = Field(default=4, ge=0, description="How many trailing characters stay visible.")
    char: str = Field(default="*", min_length=1, max_length=1, description="The masking character.")


class HashParams(Params):
    length: int = Field(
        default=16, ge=8, le=64, description="Hex characters kept of the HMAC-SHA256 (8..64)."
    )
    domain: str | None = Field(
        default=None,
        min_length=1,
        description="Key domain; defaults to the column. Columns sharing a domain share pseudonyms.",
    )


class DomainParams(Params):
    domain: str | None = Field(
        default=None,
        min_length=1,
        description="Key domain; defaults to the column (or notes.<ENTITY>). Share it to make tokens match.",
    )


class PseudonymParams(DomainParams):
    algorithm: Literal["ff1", "ff3-1"] = Field(
        default="ff1",
        description=(
            "FF1 (NIST SP 800-38G), the default. ff3-1 only to keep making the pseudonyms of a key from "
            "before FF1: NIST's 2025 draft of SP 800-38G Rev. 1 withdraws FF3-1 (the audit warns)."
        ),
    )


SurrogateKind = Literal[
    "name", "first_name", "last_name", "street", "address", "city", "zip", "phone", "email", "hospital"
]


class SurrogateParams(Params):
    kind: SurrogateKind = Field(description="What kind of realistic value to generate.")
    locale: str = Field(default="en_US", description="Faker locale of the generated values.")

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, locale: str) -> str:
        # lazy: Faker's config takes ~0.13 s to import (as long as the policy module); only a surrogate
        # action needs its list of locales.
        from faker.config import AVAILABLE_LOCALES

        if locale not in AVAILABLE_LOCALES:
            raise ValueError(f"unknown Faker locale '{locale}' (e.g. en_US, en_GB, de_DE, fr_FR)")
        return locale


class DateShiftParams(NoParams):
    """No parameters (the range is the policy's ``date_shift``); dates live in date or text columns."""

    def unsupported(self, column_type: str) -> str | None:
        if column_type in ("date", "datetime", "string", "text", "category"):
            return None
        return f"date_shift needs a date, datetime or string column, not {column_type}"


GeneralizeMethod = Literal["age_90", "age_band", "zip3", "year", "month", "bucket"]

# Column types each generalisation can read.
_GENERALIZE_TYPES: Mapping[str, tuple[str, ...]] = {
    "age_90": ("int", "float", "string", "category"),
    "age_band": ("int", "float", "string", "category"),
    "bucket": ("int", "float", "string", "category"),
    "zip3": ("int", "string", "category"),
    "year": ("date", "datetime", "string", "category"),
    "month": ("date", "datetime", "string", "category"),
}


# The parameters each generalisation reads (transform.operators.Generalize).
_GENERALIZE_USES: Mapping[str, tuple[str, ...]] = {
    "age_90": ("top",),
    "age_band": ("width", "top"),
    "bucket": ("width",),
    "zip3": (),
    "year": (),
    "month": (),
}


class GeneralizeParams(Params):
    method: GeneralizeMethod = Field(
        description="age_90 (ages >= top -> 'top+'), age_band ('40-49', ..., 'top+'), zip3 (first 3 digits "
        "+ '00', restricted prefixes -> '00000'), year, month ('YYYY-MM'), bucket (floor to width)."
    )
    width: int = Field(default=10, ge=1, description="Band width for age_band and bucket.")
    top: int = Field(default=90, ge=1, description="Ages at or above this become 'top+' (Safe Harbor: 90).")

    def unsupported(self, column_type: str) -> str | None:
        if column_type in _GENERALIZE_TYPES[self.method]:
            return None
        return f"generalize {self.method} cannot act on a {column_type} column"

    def applied(self) -> dict[str, Any]:
        # `generalize zip3` reads neither width nor top: the audit must not list their defaults.
        return {
            "method": self.method,
            **{name: getattr(self, name) for name in _GENERALIZE_USES[self.method]},
        }


# ---------------------------------------------------------------------------------------------------------
# The specs


@dataclass(frozen=True)
class OperatorSpec:
    """One operator as a policy sees it: its name, parameter model, and whether it needs a key (given at
    run time) or the policy's ``patient_id`` (checked at load)."""

    name: str
    params: type[Params]
    needs_key: bool = False
    needs_patient_id: bool = False


SPECS: Mapping[str, OperatorSpec] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            OperatorSpec("keep", NoParams),
            OperatorSpec("drop", NoParams),
            OperatorSpec("redact", NoParams),
            OperatorSpec("suppress", NoParams),
            OperatorSpec("replace", ReplaceParams),
            OperatorSpec("mask", MaskParams),
            OperatorSpec("hash", HashParams, needs_key=True),
            OperatorSpec("encrypt", DomainParams, needs_key=True),
            OperatorSpec("pseudonym", PseudonymParams, needs_key=True),
            OperatorSpec("surrogate", SurrogateParams, needs_key=True),
            OperatorSpec("date_shift", DateShiftParams, needs_key=True, needs_patient_id=True),
            OperatorSpec("generalize", GeneralizeParams),
        )
    }
)
"""Every operator a policy may name, by name."""

#: Actions that are not operators: ``scan`` marks a notes column, whose spans follow ``notes.entities``.
PSEUDO_OPERATORS = frozenset({"scan"})


def parse_params(
    operator: str,
    params: Mapping[str, Any],
    *,
    path: str | None = None,
    line_of: Callable[[str], int | None] | None = None,
) -> tuple[OperatorSpec, Params]:
    """The spec ``operator`` names and ``params`` validated against it.

    Raises :class:`PolicyError` for an unknown operator or a bad parameter, naming the key path under
    ``path`` (e.g. ``columns.pid.action.length``) and its YAML line (``line_of(path)``) when given.
    """

    def line(where: str | None) -> int | None:
        return line_of(where) if line_of is not None and where else None

    spec = SPECS.get(operator)
    if spec is None:
        known = ", ".join(sorted(SPECS))
        raise PolicyError(f"unknown operator '{operator}' (known: {known})", path=path, line=line(path))
    try:
        parsed = spec.params.model_validate(params)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first["loc"])
        message = "unknown parameter" if first["type"] == "extra_forbidden" else first["msg"]
        message = message.removeprefix("Value error, ")
        where = f"{path}.{name}" if path and name else path
        label = f"parameter '{name}'" if name else "parameters"
        raise PolicyError(
            f"operator '{operator}': {label}: {message}", path=where, line=line(where)
        ) from None
    return spec, parsed


__all__ = [
    "PSEUDO_OPERATORS",
    "SPECS",
    "DateShiftParams",
    "DomainParams",
    "GeneralizeMethod",
    "GeneralizeParams",
    "HashParams",
    "MaskParams",
    "NoParams",
    "OperatorSpec",
    "Params",
    "PseudonymParams",
    "ReplaceParams",
    "SurrogateKind",
    "SurrogateParams",
    "parse_params",
]
