"""Small SVG charts drawn on the server: no client library, no CDN.

Each function returns SVG markup as a ``markupsafe.Markup`` built only from numbers and
escaped labels, with ``role="img"`` and a ``<title>`` so a screen reader announces it.
Pages should also show the same numbers in a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 220
PAD_L, PAD_R, PAD_T, PAD_B = 44, 12, 14, 38
INK, GRID, BAR, LINE = "#1b1f24", "#c9d1d9", "#0b5cad", "#0b5cad"


def _frame(title: str, body: str, width: int = WIDTH, height: int = HEIGHT) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _y_axis(top: float, plot_h: float, max_value: float, unit: str = "") -> str:
    parts = []
    for i in range(5):
        value = max_value * i / 4
        y = PAD_T + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{PAD_L}" x2="{WIDTH - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{INK}">{value:.0f}{unit}</text>'
        )
    return "".join(parts)


def _x_label(x: float, label: str) -> str:
    return (
        f'<text x="{x:.1f}" y="{HEIGHT - PAD_B + 16}" text-anchor="middle" font-size="11" '
        f'fill="{INK}">{escape(label)}</text>'
    )


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], unit: str = "") -> Markup:
    """Vertical bars, one per label (e.g. a histogram or a forecast)."""
    n = max(1, len(values))
    top = math.ceil(max([*values, 1]) / 4) * 4  # four whole-number steps on the axis
    plot_w, plot_h = WIDTH - PAD_L - PAD_R, HEIGHT - PAD_T - PAD_B
    slot = plot_w / n
    parts = [_y_axis(top, plot_h, top, unit)]
    for i, (label, value) in enumerate(zip(labels, values, strict=False)):
        h = plot_h * value / top
        x = PAD_L + i * slot + slot * 0.12
        parts.append(
            f'<rect x="{x:.1f}" y="{PAD_T + plot_h - h:.1f}" width="{slot * 0.76:.1f}" '
            f'height="{h:.1f}" fill="{BAR}">'
            f"<title>{escape(label)}: {value:g}{escape(unit)}</title></rect>"
        )
        parts.append(_x_label(x + slot * 0.38, label))
    return _frame(title, "".join(parts))


def line_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    max_value: float = 100,
    unit: str = "%",
) -> Markup:
    """Points joined by a line, in order (e.g. scores over time)."""
    plot_w, plot_h = WIDTH - PAD_L - PAD_R, HEIGHT - PAD_T - PAD_B
    n = len(values)
    parts = [_y_axis(max_value, plot_h, max_value, unit)]
    points = []
    for i, value in enumerate(values):
        x = PAD_L + (plot_w * (i + 0.5) / n if n else 0)
        y = PAD_T + plot_h - plot_h * min(value, max_value) / max_value
        points.append((x, y, labels[i], value))
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    step = max(1, n // 8)
    for i, (x, y, label, value) in enumerate(points):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE}">'
            f"<title>{escape(label)}: {value:.0f}{escape(unit)}</title></circle>"
        )
        if i % step == 0:
            parts.append(_x_label(x, label))
    return _frame(title, "".join(parts))
