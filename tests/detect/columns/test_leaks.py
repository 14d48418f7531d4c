"""The build's guard on kept columns: names, coordinates and free text in a column the policy keeps as
harmless fail the build (exit 3) naming column and kind, never a value, unless the policy allows the
column with a reason, which the audit report then shows."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from safecohort.cli import main
from safecohort.detect.columns import check_leaks
from safecohort.policy import parse_policy

ROWS = 400
_FIRST = ("Rena", "Alfred", "Claudia", "Hugo", "Mariana", "Kenji", "Amara", "Søren", "Lucía", "Dmitri")
_LAST = (
    "Pacheco",
    "West",
    "Ávila",
    "Okafor",
    "Nakamura",
    "Lindqvist",
    "Moreau",
    "Kowalski",
    "Haddad",
    "Byrne",
)


def _extract() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    names = [
        f"{_FIRST[i % 10]}{rng.integers(10, 999)} {_LAST[(i * 7) % 10]}{rng.integers(10, 999)}"
        for i in range(ROWS)
    ]
    return pd.DataFrame(
        {
            "visit": [f"V{i:06d}" for i in range(ROWS)],
            "glucose": rng.integers(60, 300, ROWS).astype(str),
            "contact": names,
            "lat": [f"{v:.6f}" for v in rng.uniform(41.2, 42.9, ROWS)],
            "lon": [f"{v:.6f}" for v in rng.uniform(-73.4, -70.0, ROWS)],
            "remarks": [
                f"Seen at follow-up {i}; tolerating the new dose well and walking without the cane now."
                for i in range(ROWS)
            ],
        }
    )


_POLICY = """\
version: 1
institution: Guard test
columns:
  visit: {type: string, phi: identifier, action: drop}
  glucose: {type: int}
  contact: {type: string}
  lat: {type: float}
  lon: {type: float}
  remarks: {type: string}
"""


def test_names_coordinates_and_free_text_in_kept_columns_are_found() -> None:
    report = check_leaks(_extract(), parse_policy(_POLICY))
    shapes = {c.column: c.shapes for c in report.columns}
    assert shapes == {
        "glucose": [],
        "contact": ["PERSON_NAME"],
        "lat": ["GEOCODE"],
        "lon": ["GEOCODE"],
        "remarks": ["FREE_TEXT"],
    }
    assert not report.passed


def test_a_lone_many_decimal_measurement_is_no_coordinate() -> None:
    frame = _extract().drop(columns=["lon"]).rename(columns={"lat": "ratio"})
    policy = _POLICY.replace("  lon: {type: float}\n", "").replace("  lat:", "  ratio:")
    report = check_leaks(frame, parse_policy(policy))
    assert [c.shapes for c in report.columns if c.column == "ratio"] == [[]]


def test_the_build_exits_3_naming_column_and_kind_never_a_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = _extract()
    source = tmp_path / "extract.csv"
    frame.to_csv(source, index=False)
    policy = tmp_path / "policy.yaml"
    policy.write_text(_POLICY)
    out = tmp_path / "out"
    assert main(["build", str(source), "--policy", str(policy), "--out", str(out), "--quiet"]) == 3
    err = capsys.readouterr().err
    for column, kind in (("contact", "PERSON_NAME"), ("lat", "GEOCODE"), ("remarks", "FREE_TEXT")):
        assert f"column '{column}': values shaped as {kind}" in err
    assert not any(name in err for name in frame["contact"])
    assert not (out / "data.csv").exists()


def test_an_allowance_with_a_reason_lets_a_column_through_and_the_audit_shows_it(tmp_path: Path) -> None:
    reasons = {
        "contact": "names of the study's own coordinators, published with the protocol",
        "lat": "clinic coordinates, not homes",
        "lon": "clinic coordinates, not homes",
        "remarks": "free text reviewed by the privacy board",
    }
    allow = "leak_check:\n  allow:\n" + "".join(f"    {c}: {json.dumps(r)}\n" for c, r in reasons.items())
    source = tmp_path / "extract.csv"
    _extract().to_csv(source, index=False)
    policy = tmp_path / "policy.yaml"
    policy.write_text(_POLICY + allow)
    out = tmp_path / "out"
    assert main(["build", str(source), "--policy", str(policy), "--out", str(out), "--quiet"]) == 0
    audit = json.loads((out / "audit.json").read_text())
    assert audit["leak_allowances"] == reasons
    html = (out / "audit.html").read_text()
    assert "Allowed by the policy" in html and "clinic coordinates, not homes" in html


def test_an_allowance_needs_a_reason_and_a_listed_column() -> None:
    with pytest.raises(Exception, match="reason"):
        parse_policy(_POLICY + "leak_check: {allow: {contact: ''}}\n")
    with pytest.raises(Exception, match="not under 'columns'"):
        parse_policy(_POLICY + "leak_check: {allow: {nowhere: because}}\n")
