"""Issue 17 end to end: the demo's generalisation, risk and utility report; the `risk` and `utility`
commands. (A build whose k needs more suppression than allowed: tests/test_build.py.)"""

from __future__ import annotations

import json
from pathlib import Path

from safecohort.cli import main


def test_demo_report_generalises_and_shows_both_models_with_intervals(demo_build: Path) -> None:
    report = json.loads((demo_build / "audit.json").read_text())
    generalization = report["generalization"]
    assert generalization["feasible"] is True
    assert set(generalization["levels"]) == {"age", "sex", "zip"}
    assert generalization["loss_measure"] == "loss_metric" and 0 <= generalization["loss"] < 1
    assert generalization["suppressed"] <= generalization["max_suppressed"]
    assert report["risk"]["k"] >= 5 and report["risk"]["suppressed"] == generalization["suppressed"]
    records = {c["column"]: c for c in report["columns"]}
    assert records["age"]["operator"] == "generalize"
    assert records["age"]["params"] == {"level": generalization["levels"]["age"]}
    models = {m["model"]: m for m in report["utility"]["models"]}
    assert set(models) == {"logistic_regression", "gradient_boosting"}
    for scores in models.values():
        auc = next(m for m in scores["metrics"] if m["metric"] == "roc_auc")
        assert 0.5 < auc["raw"] <= 1 and 0.5 < auc["safe"] <= 1
        assert auc["low"] <= auc["delta"] <= auc["high"]
    html = (demo_build / "audit.html").read_text()
    assert "gradient_boosting" in html and "95% interval" in html and "Generalisation" in html


def test_risk_command_prints_a_table_or_json(demo_build: Path, hipaa_policy_path: Path, capsys) -> None:
    data = str(demo_build / "data.parquet")
    assert main(["risk", data, "--policy", str(hipaa_policy_path), "--population", "100000"]) == 0
    out = capsys.readouterr().out
    assert "prosecutor risk" in out and "class size" in out and "zayatz" in out
    assert main(["risk", data, "--policy", str(hipaa_policy_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["k"] >= 5 and report["quasi_identifiers"] == ["age", "sex", "zip"]


def test_risk_command_exits_3_below_k(demo_csv: Path, hipaa_policy_path: Path, capsys) -> None:
    # The raw extract: ages in years and 5-digit ZIPs make many classes smaller than 5.
    assert main(["risk", str(demo_csv), "--policy", str(hipaa_policy_path)]) == 3
    assert "k=" in capsys.readouterr().err


def test_utility_command_matches_rows_through_the_quarantine(
    demo_build: Path, demo_csv: Path, hipaa_policy_path: Path, capsys
) -> None:
    args = ["utility", str(demo_csv), str(demo_build / "data.parquet"), "--policy", str(hipaa_policy_path)]
    assert main([*args, "--json"]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    in_build = json.loads((demo_build / "audit.json").read_text())["utility"]
    assert from_cli["n_test"] == in_build["n_test"]
    assert from_cli["models"][0]["metrics"][0]["raw"] == in_build["models"][0]["metrics"][0]["raw"]
    assert main(args) == 0
    assert "interval" in capsys.readouterr().out
