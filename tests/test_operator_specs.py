"""Operator specs: what a policy may ask of each operator, checked at load without importing a stage."""

from __future__ import annotations

import pytest

from safecohort.errors import PolicyError
from safecohort.operator_specs import (
    PSEUDO_OPERATORS,
    SPECS,
    DateShiftParams,
    GeneralizeParams,
    MaskParams,
    NoParams,
    parse_params,
)

LINES = {"columns.pid.action": 5, "columns.pid.action.length": 6}


def line_of(path: str) -> int | None:
    """YAML line of a key path or of its nearest ancestor, as ``Policy.line_of`` gives it."""
    while path:
        if path in LINES:
            return LINES[path]
        path = path.rpartition(".")[0]
    return None


def test_parse_params_validates_against_the_named_spec() -> None:
    spec, params = parse_params("hash", {"length": 12})
    assert spec is SPECS["hash"] and spec.needs_key and not spec.needs_patient_id
    assert params == spec.params(length=12)
    assert parse_params("keep", {})[1] == NoParams()


def test_unknown_operator_lists_the_known_ones_with_path_and_line() -> None:
    with pytest.raises(PolicyError) as info:
        parse_params("scramble", {}, path="columns.pid.action", line_of=line_of)
    assert info.value.path == "columns.pid.action" and info.value.line == 5
    assert "unknown operator 'scramble'" in str(info.value)
    assert all(name in str(info.value) for name in SPECS)


@pytest.mark.parametrize(
    ("operator", "params", "path", "line", "message"),
    [
        ("hash", {"length": 4}, "columns.pid.action.length", 6, "parameter 'length'"),
        ("mask", {"colour": "red"}, "columns.pid.action.colour", 5, "parameter 'colour': unknown parameter"),
        ("surrogate", {"kind": "name", "locale": "xx_XX"}, "columns.pid.action.locale", 5, "Faker locale"),
        ("generalize", {}, "columns.pid.action.method", 5, "parameter 'method'"),
    ],
)
def test_bad_parameter_names_its_key_path_and_line(
    operator: str, params: dict[str, object], path: str, line: int, message: str
) -> None:
    with pytest.raises(PolicyError) as info:
        parse_params(operator, params, path="columns.pid.action", line_of=line_of)
    assert info.value.path == path
    assert info.value.line == line  # the parameter's own line, else its action's
    assert message in str(info.value)


def test_without_a_path_errors_name_no_place() -> None:
    with pytest.raises(PolicyError) as info:
        parse_params("hash", {"length": "twelve"})
    assert info.value.path is None and info.value.line is None


@pytest.mark.parametrize(
    ("params", "column_type", "supported"),
    [
        (DateShiftParams(), "date", True),
        (DateShiftParams(), "string", True),
        (DateShiftParams(), "int", False),
        (GeneralizeParams(method="zip3"), "int", True),
        (GeneralizeParams(method="zip3"), "date", False),
        (GeneralizeParams(method="year"), "int", False),
        (GeneralizeParams(method="age_band"), "float", True),
        (NoParams(), "bool", True),
    ],
)
def test_column_types_an_operator_can_read(params: NoParams, column_type: str, supported: bool) -> None:
    assert (params.unsupported(column_type) is None) is supported


def test_scan_is_not_an_operator() -> None:
    assert PSEUDO_OPERATORS.isdisjoint(SPECS)
    with pytest.raises(PolicyError, match="unknown operator 'scan'"):
        parse_params("scan", {})


@pytest.mark.parametrize(
    ("method", "applied"),
    [
        ("zip3", {"method": "zip3"}),
        ("year", {"method": "year"}),
        ("age_90", {"method": "age_90", "top": 90}),
        ("age_band", {"method": "age_band", "width": 10, "top": 90}),
        ("bucket", {"method": "bucket", "width": 10}),
    ],
)
def test_the_audit_records_only_the_parameters_a_method_reads(method: str, applied: dict) -> None:
    # `generalize zip3` used to list `top=90, width=10`, which it never reads.
    assert GeneralizeParams(method=method).applied() == applied  # type: ignore[arg-type]
    assert MaskParams().applied() == {"keep_last": 4, "char": "*"}


def test_unset_optional_parameters_are_not_recorded() -> None:
    _, params = parse_params("hash", {"length": 12})
    assert params.applied() == {"length": 12}  # no "domain": null (it defaults to the column)
