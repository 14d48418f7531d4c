"""A sample frame with distinctive values and an audit report built from real measures over it."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest

from safecohort.measure.rescan import ResidualReport
from safecohort.measure.risk import k_anonymity
from safecohort.measure.utility import baseline_utility
from safecohort.policy import parse_policy
from safecohort.report.audit import AuditReport

POLICY = """
version: 1
institution: "Hôpital <b>Test</b> & Co"
columns:
  patient_name: {type: string, phi: name, action: drop}
  zip3: {type: string}
  sex: {type: category}
  lab_value: {type: float}
  outcome: {type: int}
quasi_identifiers: [zip3, sex]
utility: {target: outcome}
"""


# Order statistics of the 0/1 outcome, as safecohort.qa reports a non-PHI numeric column.
OUTCOME = {"count": 200, "min": 0.0, "q1": 0.0, "median": 0.0, "q3": 1.0, "max": 1.0}


@pytest.fixture(scope="session")
def sample_frame() -> pd.DataFrame:
    """Values no report may show: made-up names, odd ZIP prefixes, lab values with many digits."""
    rng = np.random.default_rng(3)
    rows = 200
    lab = rng.normal(loc=7.0, size=rows).round(6) + 0.000123
    return pd.DataFrame(
        {
            "patient_name": [f"Quenby Zarkowitz{i}" for i in range(rows)],
            "zip3": rng.choice(["Z91", "Z97"], rows),
            "sex": rng.choice(["F", "M"], rows),
            "lab_value": lab,
            "outcome": (lab > 7.0).astype(int),
        }
    )


@pytest.fixture(scope="session")
def sample_report(sample_frame: pd.DataFrame) -> AuditReport:
    policy = parse_policy(textwrap.dedent(POLICY))
    safe = sample_frame.drop(columns=["patient_name"])
    return AuditReport(
        tool_version="0.1.0",
        created_at="2024-05-01T12:00:00+00:00",
        policy_digest=policy.digest,
        institution=policy.institution,
        model=policy.model,
        input={"name": "<DataFrame>", "rows": 210, "columns": list(sample_frame.columns), "digest": "a" * 64},
        output={"rows": len(safe), "columns": list(safe.columns), "digest": "b" * 64},
        quarantine={"rows": 10, "reasons": {"in_range:lab_value": 7, "not_null:zip3": 3}},
        columns=[
            {"column": "patient_name", "phi": "name", "operator": "drop", "params": {}, "output": "dropped"},
            {
                "column": "<script>alert(1)</script>",
                "phi": "none",
                "operator": "keep",
                "params": {},
                "output": "kept",
            },
            {
                "column": "zip3",
                "phi": "none",
                "operator": "generalize",
                "params": {"method": "zip3"},
                "output": "kept",
            },
        ],
        detection={"notes_scanned": 0, "findings_by_entity": {}},
        validation={
            "rows_in": 210,
            "rows_valid": 200,
            "rows_quarantined": 10,
            "failures_by_check": {"in_range:lab_value": 7, "not_null:zip3": 3},
            "columns": {
                "zip3": {"type": "string", "phi": False, "missing": 0, "distinct": 2, "failing": 3}
                | {"out_of_range": 0, "checks_failed": {"not_null": 3}, "before": None, "after": None},
                "outcome": {"type": "int", "phi": False, "missing": 0, "distinct": 2, "failing": 0}
                | {"out_of_range": 0, "checks_failed": {}, "before": OUTCOME, "after": OUTCOME},
            },
        },
        residual=ResidualReport(
            notes_scanned=0,
            notes_with_residual=0,
            residual_rate=0.0,
            findings_by_entity={},
            columns_scanned=["zip3"],
            column_hits={"zip3": {}},
        ),
        risk=k_anonymity(safe, policy.quasi_identifiers, k_threshold=5),
        utility=baseline_utility(sample_frame, safe, policy),
        key_ids=["k-2024-01"],
        timings={"validate": 0.12, "measure": 75.5},
        checks=[{"name": "k_anonymity", "passed": True, "detail": "k=40, required 5"}],
        passed=True,
    )
