"""The audit report as one self-contained HTML page, for a privacy board or a data steward.

The page is rendered from the :class:`~safecohort.report.audit.AuditReport` alone (never from the data),
so it can hold nothing the report does not: names, counts, digests and scores. Every string is escaped
(a column named ``<script>`` shows as text). The page has inline CSS, no scripts and no external assets,
so it opens offline and can be archived as it is.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from safecohort.report.audit import AuditReport

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
    return _environment().get_template(TEMPLATE).render(r=report.model_dump(mode="json"))


__all__ = ["render_html"]
