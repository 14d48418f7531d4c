"""Inline SVG charts for the audit page: bars, histograms and paired scores with intervals.

Written by hand because the page must be self-contained (no script, no CDN, no image files) and
print well: a plotting library would either need JavaScript (Vega, Plotly) or pull matplotlib (tens of
MB, seconds to import) into every build to draw a few rectangles. Every label is escaped; a chart has a
``<title>`` and an ``aria-label`` so a screen reader and a text-only print say what it shows.

The charts take plain data (:class:`Bar`, :class:`Group`); :mod:`safecohort.report.html` turns the
report's fields into that data, one small function per chart, so a new field (class sizes from the risk
model, several utility models with confidence intervals) is one function there, not a new chart here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: Colours by meaning; the page's CSS uses the same ones.
TONES = {"neutral": "#4a6fa5", "pass": "#17663a", "fail": "#9b1c1c", "raw": "#8a94a6", "safe": "#4a6fa5"}
WIDTH = 640
_BAR = 22
_GAP = 6
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, colour by meaning, and an optional text shown after it."""

    label: str
    value: float
    tone: str = "neutral"
    note: str | None = None
    interval: tuple[float, float] | None = None


@dataclass(frozen=True)
class Group:
    """Bars drawn together under one label (e.g. one model's raw and safe scores)."""

    label: str
    bars: Sequence[Bar] = field(default_factory=tuple)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"


def _svg(height: float, title: str, body: list[str]) -> Markup:
    label = escape(title)
    return Markup(
        f'<svg class="chart" role="img" aria-label="{label}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}">'
        f"<title>{label}</title>{''.join(body)}</svg>"
    )


def bar_chart(
    bars: Sequence[Bar], title: str, *, label_width: int = 200, maximum: float | None = None
) -> Markup:
    """Horizontal bars, one per row, with the value written after each; empty input draws nothing."""
    if not bars:
        return Markup("")
    top = maximum if maximum is not None else max(b.value for b in bars) or 1.0
    room = WIDTH - label_width - 90
    body = []
    for row, bar in enumerate(bars):
        y = row * (_BAR + _GAP)
        length = max(0.0, min(1.0, bar.value / top)) * room
        text = escape(bar.note if bar.note is not None else _number(bar.value))
        body.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" {_FONT} fill="#1d2330">'
            f"{escape(_clip(bar.label, 30))}</text>"
            f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" height="{_BAR - 4}" rx="2" '
            f'fill="{TONES.get(bar.tone, TONES["neutral"])}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 15}" {_FONT} fill="#1d2330">{text}</text>'
        )
        body.extend(_whisker(bar.interval, label_width, room, top, y + _BAR / 2))
    return _svg(len(bars) * (_BAR + _GAP), title, body)


def grouped_bars(groups: Sequence[Group], title: str, *, maximum: float = 1.0) -> Markup:
    """Groups of horizontal bars (one row per bar, the group's label on its first row) on one scale,
    with an interval drawn as a whisker where a bar has one; a legend-free design: each bar's label
    says what it is (``raw``, ``safe``)."""
    bars = [
        Bar(
            f"{group.label} - {bar.label}" if group.label else bar.label,
            bar.value,
            bar.tone,
            bar.note,
            bar.interval,
        )
        for group in groups
        for bar in group.bars
    ]
    return bar_chart(bars, title, maximum=maximum)


def histogram(bins: Sequence[Bar], title: str, *, caption: str = "") -> Markup:
    """Vertical columns, one per bin (label under it, count above it); ``caption`` names the axis."""
    if not bins:
        return Markup("")
    top = max(b.value for b in bins) or 1.0
    height, base, left = 200, 160, 20
    step = (WIDTH - 2 * left) / len(bins)
    body = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - left}" y2="{base}" stroke="#d9dde5"/>']
    for index, bin_ in enumerate(bins):
        x = left + index * step
        tall = bin_.value / top * (base - 24)
        fill = TONES.get(bin_.tone, TONES["neutral"])
        middle = x + step / 2
        body.append(
            f'<rect x="{x + 4:.1f}" y="{base - tall:.1f}" width="{step - 8:.1f}" height="{tall:.1f}" '
            f'rx="2" fill="{fill}"/>'
            f'<text x="{middle:.1f}" y="{base - tall - 4:.1f}" text-anchor="middle" {_FONT} fill="#1d2330">'
            f"{escape(_number(bin_.value))}</text>"
            f'<text x="{middle:.1f}" y="{base + 16}" text-anchor="middle" {_FONT} fill="#1d2330">'
            f"{escape(_clip(bin_.label, 14))}</text>"
        )
    if caption:
        body.append(
            f'<text x="{WIDTH / 2:.0f}" y="{height - 6}" text-anchor="middle" {_FONT} fill="#5d6677">'
            f"{escape(caption)}</text>"
        )
    return _svg(height, title, body)


def _whisker(
    interval: tuple[float, float] | None, left: float, room: float, top: float, y: float
) -> list[str]:
    if interval is None:
        return []
    low, high = (left + max(0.0, min(1.0, v / top)) * room for v in interval)
    return [
        f'<path d="M{low:.1f} {y - 5:.1f}v10M{low:.1f} {y:.1f}H{high:.1f}M{high:.1f} {y - 5:.1f}v10" '
        'stroke="#1d2330" stroke-width="1.5" fill="none"/>'
    ]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["Bar", "Group", "bar_chart", "grouped_bars", "histogram"]
