"""``transform_table``: each column gets its policy action; notes are rewritten span by span.

Pure: a DataFrame, the findings of the detect stage, the policy and the keys in; a new DataFrame, the
positions of inserted note text and a record of what was done to each column out. Nothing passes
through unnamed: a column the policy does not list is dropped (``unlisted_columns: drop``) or is an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict

from safecohort.errors import SafecohortError, TransformError, UnlistedColumnError
from safecohort.policy import Policy
from safecohort.transform.crypto import Keyring
from safecohort.transform.notes import FindingLike, Span, transform_notes
from safecohort.transform.operators import OperatorContext, build_operator


class ColumnAction(BaseModel):
    """What the transform did to one column, for the audit report (parameters only, never key material)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    column: str
    phi: str
    operator: str
    params: dict[str, Any]
    output: Literal["kept", "dropped"]


@dataclass(frozen=True)
class TransformResult:
    """The safe data (same index as the input), inserted note spans per notes column, per-column actions."""

    data: pd.DataFrame
    inserted: dict[str, list[list[Span]]]
    actions: list[ColumnAction]


def transform_table(
    df: pd.DataFrame,
    findings: Mapping[str, Sequence[Sequence[FindingLike]]],
    policy: Policy,
    keyring: Keyring | None,
    *,
    domains: Mapping[str, str] | None = None,
    patient_ids: pd.Series | None = None,
) -> TransformResult:
    """Apply the policy to every column of ``df`` (validated rows, policy dtypes).

    Columns are transformed in policy order. Patient ids (for per-patient date shifts and surrogates) are
    ``patient_ids`` (aligned with ``df``; a relational build resolves them across tables) or else the
    untransformed ``policy.patient_id`` column. A keyed operator's domain is ``domains[column]`` (the key a
    column's values belong to, so a key gets one token in every table), else the column's name.
    ``findings[column][i]`` are the PHI spans of
    note *i* of a notes column; a notes column without findings is an error (it was not scanned).
    Raises :class:`TransformError` (column named, no values) and :class:`KeyringError` when a keyed
    operator has no keys.
    """
    unlisted = [str(c) for c in df.columns if c not in policy.columns]
    if unlisted and policy.unlisted_columns == "error":
        raise UnlistedColumnError(
            f"columns not in the policy: {', '.join(unlisted)}; list them under 'columns' "
            "or set unlisted_columns: drop"
        )
    if patient_ids is None and policy.patient_id is not None and policy.patient_id in df.columns:
        patient_ids = df[policy.patient_id]
    domains = domains or {}

    outputs: dict[str, pd.Series] = {}
    inserted: dict[str, list[list[Span]]] = {}
    actions: list[ColumnAction] = []
    for column, spec in policy.columns.items():
        if column not in df.columns:
            continue  # an optional column absent from this extract
        action = policy.action_for(column)
        values = df[column]
        if action.operator == "drop":
            actions.append(_record(column, spec.phi, "drop", {}, "dropped"))
            continue
        try:
            if action.operator == "scan":
                if column not in findings:
                    raise TransformError(
                        f"notes column '{column}' has no findings: scan it before transforming it"
                    )
                outputs[column], inserted[column] = transform_notes(
                    values, findings[column], policy, keyring, patient_ids
                )
                params: dict[str, Any] = {
                    "entities": {e: a.operator for e, a in sorted(policy.notes.entities.items())},
                    "default_action": policy.notes.default_action.operator,
                }
            else:
                operator = build_operator(action)
                context = OperatorContext(
                    domain=domains.get(column, column),
                    keyring=keyring,
                    patient_ids=patient_ids,
                    date_shift=policy.date_shift,
                    entity_type=None,
                )
                outputs[column] = operator.apply(values, context)
                params = operator.params.applied()
        except SafecohortError:
            raise
        except (TypeError, ValueError, AttributeError, OverflowError) as exc:
            # The dependency's message may quote a cell; name the column and the error kind only.
            raise TransformError(
                f"column '{column}': operator '{action.operator}' could not be applied "
                f"({type(exc).__name__}); check the column's type in the policy"
            ) from None
        actions.append(_record(column, spec.phi, action.operator, params, "kept"))

    order = [c for c in df.columns if c in outputs]
    data = pd.DataFrame({c: outputs[c] for c in order}, index=df.index)
    return TransformResult(data=data, inserted=inserted, actions=actions)


def _record(column: str, phi: str, operator: str, params: dict[str, Any], output: str) -> ColumnAction:
    return ColumnAction(column=column, phi=phi, operator=operator, params=params, output=output)  # type: ignore[arg-type]


__all__ = ["ColumnAction", "TransformResult", "transform_table"]
