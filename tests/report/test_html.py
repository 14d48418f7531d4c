"""The HTML audit page: renders, names the policy, escapes names, shows no data value, no assets."""

from __future__ import annotations

import re

import pandas as pd

from safecohort.report.audit import AuditReport
from safecohort.report.html import render_html


def test_page_renders_with_digests_and_sections(sample_report: AuditReport) -> None:
    html = render_html(sample_report)
    assert html.startswith("<!DOCTYPE html>")
    assert sample_report.policy_digest in html
    assert sample_report.input["digest"] in html and sample_report.output["digest"] in html
    assert "PASSED" in html
    for heading in ("Checks", "Columns", "Residual PHI", "Re-identification risk", "Utility", "Quarantine"):
        assert f"<h2>{heading}" in html
    assert "in_range:lab_value" in html and "k-2024-01" in html
    assert "1 min 15.5 s" in html  # the measure timing
    # Per-column counts, then before/after order statistics for the non-PHI numeric column only.
    assert '<th class="num">Missing</th><th class="num">Distinct</th><th class="num">Failing</th>' in html
    assert "<code>not_null</code>: 3" in html
    assert html.count('<td rowspan="2"><code>outcome</code></td>') == 1
    assert '<td rowspan="2"><code>zip3</code></td>' not in html


def test_failed_checks_show_a_fail_verdict_naming_them(sample_report: AuditReport) -> None:
    failed = sample_report.model_copy(
        update={"passed": False, "checks": [{"name": "residual_phi", "passed": False, "detail": "3 of 9"}]}
    )
    html = render_html(failed)
    assert '<section class="verdict fail"' in html and "PASSED" not in html
    assert "1 of 1 checks failed" in html and "<strong>residual_phi</strong>: 3 of 9" in html


def test_the_verdict_comes_first(sample_report: AuditReport) -> None:
    html = render_html(sample_report)
    body = html[html.index("<body>") :]
    assert (
        body.index('<section class="verdict pass"') < body.index("Policy digest") < body.index("<h2>Checks")
    )
    assert body.index("<h1>PASSED</h1>") < body.index("<h2>")


def test_charts_are_inline_svg_with_titles(sample_report: AuditReport) -> None:
    html = render_html(sample_report)
    charts = re.findall(r'<svg class="chart" role="img" aria-label="([^"]+)"', html)
    # no note column in the sample: no findings chart; the others draw from the report's fields
    assert charts == [
        "Equivalence classes by size",  # the risk model's class-size histogram
        "Baseline roc_auc on raw and safe data",
        "Quarantined rows by reason",
        "Missing values per column (% of valid rows)",
    ]
    assert html.count("<title>") == 1 + len(charts)  # the page's and one per chart


def test_names_are_escaped(sample_report: AuditReport) -> None:
    html = render_html(sample_report)
    assert "<script>" not in html and "alert(1)" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Hôpital &lt;b&gt;Test&lt;/b&gt; &amp; Co" in html


def test_page_is_self_contained(sample_report: AuditReport) -> None:
    html = render_html(sample_report)
    assert not re.search(r"https?://|<script|<link|<img|@import|url\(", html)


def test_no_value_from_the_data_appears(sample_report: AuditReport, sample_frame: pd.DataFrame) -> None:
    outputs = {"html": render_html(sample_report), "json": sample_report.to_json()}
    values = {str(v) for column in sample_frame.columns for v in sample_frame[column].unique()}
    distinctive = {v for v in values if len(v) >= 3}  # sex "F"/"M" and outcome 0/1 are too short to test
    assert any(v.startswith("Quenby") for v in distinctive) and "Z91" in distinctive
    for name, text in outputs.items():
        leaked = sorted(v for v in distinctive if v in text)
        assert not leaked, f"{len(leaked)} data values in the {name} report"


def test_reports_without_measures_render(sample_report: AuditReport) -> None:
    bare = sample_report.model_copy(update={"residual": None, "risk": None, "utility": None, "checks": []})
    html = render_html(bare)
    assert "Not measured" in html and "Not run" in html
