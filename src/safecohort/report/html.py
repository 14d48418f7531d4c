"""The audit report as one self-contained HTML page, for a privacy board or a data steward.

The page is rendered from the :class:`~safecohort.report.audit.AuditReport` alone (never from the data),
so it can hold nothing the report does not: names, counts, digests and scores. Every string is escaped
(a column named ``<script>`` shows as text). The page has inline CSS, no scripts and no external assets,
so it opens offline and can be archived as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from safecohort.report.audit import AuditReport
from safecohort.report.charts import Bar, Group, bar_chart, grouped_bars, histogram

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("safecohort", "report/templates"),
        autoescape=True,  # every value is escaped, whatever the template's extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["seconds"] = _seconds
    environment.filters["score"] = _score
    return environment


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 60 else f"{int(value // 60)} min {value % 60:04.1f} s"


def _score(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def render_html(report: AuditReport) -> str:
    """The report as a single HTML page (UTF-8 text)."""
    # The template reads the JSON form: plain dicts and lists, the same as a reader of audit.json sees.
    data = report.model_dump(mode="json")
    return _environment().get_template(TEMPLATE).render(r=data, charts=charts(data))


# --- charts: one function per chart, from the report's JSON form -----------------------------------------
# Each reads the fields that exist and, where a richer field may come (the risk model's class sizes, several
# utility models with intervals), reads it first when present: adding one is an edit here only.

#: Most bars a chart draws (the rest are in the table beside it).
MAX_BARS = 25


def charts(r: Mapping[str, Any]) -> dict[str, Markup]:
    """Every chart of the page as inline SVG (empty markup where there is nothing to draw)."""
    return {
        "findings": findings_chart(r["detection"]["findings_by_entity"]),
        "quarantine": quarantine_chart(r["quarantine"]["reasons"]),
        "class_sizes": class_size_chart(r.get("risk")),
        "utility": utility_chart(r.get("utility")),
        "missing": missing_chart(r.get("validation") or {}),
    }


def _largest(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_BARS]


def findings_chart(findings_by_entity: Mapping[str, int]) -> Markup:
    """Findings replaced in the notes, by entity type, largest first."""
    bars = [Bar(kind, count) for kind, count in _largest(findings_by_entity)]
    return bar_chart(bars, "Findings in notes by entity type")


def quarantine_chart(reasons: Mapping[str, int]) -> Markup:
    """Quarantined rows by reason (``check:column``), largest first."""
    bars = [Bar(reason, count, "fail") for reason, count in _largest(reasons)]
    return bar_chart(bars, "Quarantined rows by reason", label_width=260)


#: Class-size bins of the k histogram: (label, smallest size, largest size).
CLASS_SIZE_BINS = (
    ("1", 1, 1),
    ("2", 2, 2),
    ("3", 3, 3),
    ("4", 4, 4),
    ("5-9", 5, 9),
    ("10-19", 10, 19),
    ("20-49", 20, 49),
    ("50-99", 50, 99),
    ("100+", 100, None),
)


def class_size_chart(risk: Mapping[str, Any] | None) -> Markup:
    """The k histogram: equivalence classes by size, bins below the policy's k in red.

    Reads ``risk["class_sizes"]``: :class:`~safecohort.measure.risk.RiskReport`'s bins (``low``, ``high``,
    ``classes``), or {size: number of classes}, or one size per class; a report without it (older JSON)
    is drawn as rows below the threshold, at high risk, and all rows measured.
    """
    if not risk:
        return Markup("")
    threshold = risk.get("k_threshold") or 0
    sizes = risk.get("class_sizes")
    if sizes and isinstance(sizes[0], Mapping) and "classes" in sizes[0]:
        # measure.risk's histogram: one SizeBin per bin of CLASS_SIZE_BINS (the same bounds).
        bins = [
            Bar(
                str(b["low"])
                + ("+" if b["high"] is None else "" if b["high"] == b["low"] else f"-{b['high']}"),
                int(b["classes"]),
                "fail" if b["high"] is not None and b["high"] < threshold else "neutral",
            )
            for b in sizes
        ]
        return histogram(
            bins, "Equivalence classes by size", caption="class size (rows sharing quasi-identifiers)"
        )
    if sizes:
        counts = {int(k): int(v) for k, v in sizes.items()} if isinstance(sizes, Mapping) else {}
        if not isinstance(sizes, Mapping):
            for size in sizes:
                counts[int(size)] = counts.get(int(size), 0) + 1
        bins = [
            Bar(
                label,
                sum(n for size, n in counts.items() if low <= size and (high is None or size <= high)),
                "fail" if high is not None and high < threshold else "neutral",
            )
            for label, low, high in CLASS_SIZE_BINS
        ]
        return histogram(
            bins, "Equivalence classes by size", caption="class size (rows sharing quasi-identifiers)"
        )
    bars = [Bar("rows measured", risk["rows"])]
    if threshold:
        bars.append(Bar(f"rows in classes below k={threshold}", risk["records_below_threshold"], "fail"))
    bars.append(
        Bar(f"rows at high risk (> {risk['high_risk_threshold']})", risk["records_at_high_risk"], "fail")
    )
    return bar_chart(bars, "Rows by re-identification risk", label_width=240)


def utility_chart(utility: Mapping[str, Any] | None) -> Markup:
    """The baseline model's score on raw and on safe data, per model, with intervals when given.

    Reads ``utility["models"]``: :class:`~safecohort.measure.utility.UtilityReport`'s models (each
    metric's raw and safe score; the main metric is drawn), or a list of ``{"model", "raw", "safe"}`` with
    optional ``raw_interval`` / ``safe_interval`` as ``[low, high]``; else the single ``raw`` and ``safe``.
    """
    if not utility:
        return Markup("")
    models = utility.get("models") or [utility]
    if models and "metrics" in models[0]:
        # measure.utility's report: per model, each metric's raw and safe score (the interval is the
        # delta's, shown in the table beside the chart).
        models = [
            {"model": m["model"], **next((x for x in m["metrics"] if x["metric"] == utility["metric"]), {})}
            for m in models
        ]
    groups = []
    for model in models:
        bars = [
            Bar(stage, float(model[stage]), stage, interval=_pair(model.get(f"{stage}_interval")))
            for stage in ("raw", "safe")
            if model.get(stage) is not None
        ]
        if bars:
            groups.append(Group(str(model.get("model", "")), bars))
    return grouped_bars(groups, f"Baseline {utility['metric']} on raw and safe data")


def _pair(value: Any) -> tuple[float, float] | None:
    return (float(value[0]), float(value[1])) if value else None


def missing_chart(validation: Mapping[str, Any]) -> Markup:
    """Share of missing values per column (of the valid rows), in the policy's column order."""
    rows = validation.get("rows_valid") or 0
    columns = validation.get("columns") or {}
    if not rows or not columns:
        return Markup("")
    bars = [
        Bar(
            name,
            100.0 * stats.get("missing", 0) / rows,
            note=f"{100.0 * stats.get('missing', 0) / rows:.1f}%",
        )
        for name, stats in list(columns.items())[: 2 * MAX_BARS]
    ]
    return bar_chart(bars, "Missing values per column (% of valid rows)", maximum=100.0)


__all__ = ["render_html"]
