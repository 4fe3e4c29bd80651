"""Small SVG charts drawn on the server: no client library, no CDN.

Each function returns SVG markup as a ``markupsafe.Markup`` built only from numbers and
escaped labels, with ``role="img"`` and a ``<title>`` so a screen reader announces it.
Pages should also show the same numbers in a table.

The SVG has no ``viewBox``: its width is the page's (100%) and horizontal positions are
percentages, while heights and text are in CSS pixels. So text keeps its size at any
width (12 px, never shrunk to 6 px on a phone as a scaled drawing would be), and the
stylesheet colours every part by class (``bar``, ``line``, ``dot``, ``grid``) in either
theme. A label with a space or a dash breaks onto two lines under its bar.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

from markupsafe import Markup, escape

HEIGHT = 230
PLOT_TOP, PLOT_BOTTOM = 16, 182  # px: the plot's top and its baseline
LEFT, RIGHT = 11.0, 99.0  # %: the plot's left and right edges (the axis labels sit left of it)
FONT = 12  # px


def _frame(title: str, body: str) -> Markup:
    return Markup(
        f'<svg class="chart" width="100%" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )


def _y(value: float, top: float) -> float:
    return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (min(value, top) / top if top else 0)


def _y_axis(top: float, unit: str = "") -> str:
    parts = []
    for i in range(5):
        value = top * i / 4
        y = _y(value, top)
        parts.append(
            f'<line class="grid" x1="{LEFT}%" x2="{RIGHT}%" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#c9d1d9" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 1.5}%" y="{y + 4:.1f}" text-anchor="end" font-size="{FONT}" '
            f'fill="#1b1f24">{value:.0f}{escape(unit)}</text>'
        )
    return "".join(parts)


def _x_label(x: float, label: str) -> str:
    """*label* centred under *x* (%), on two lines when it has a space or a dash."""
    first, _, second = re.sub(r"([–-])", r"\1 ", label, count=1).partition(" ")
    lines = [first, second.strip()] if second.strip() else [label]
    spans = "".join(
        f'<tspan x="{x:.2f}%" dy="{0 if n == 0 else FONT + 2}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return (
        f'<text y="{PLOT_BOTTOM + FONT + 4}" text-anchor="middle" font-size="{FONT}" '
        f'fill="#1b1f24">{spans}</text>'
    )


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], unit: str = "") -> Markup:
    """Vertical bars, one per label (e.g. a histogram or a forecast)."""
    n = max(1, len(values))
    top = math.ceil(max([*values, 1]) / 4) * 4  # four whole-number steps on the axis
    slot = (RIGHT - LEFT) / n
    parts = [_y_axis(top, unit)]
    for i, (label, value) in enumerate(zip(labels, values, strict=False)):
        y = _y(value, top)
        x = LEFT + i * slot + slot * 0.14
        parts.append(
            f'<rect class="bar" x="{x:.2f}%" y="{y:.1f}" width="{slot * 0.72:.2f}%" '
            f'height="{PLOT_BOTTOM - y:.1f}" fill="#0b5cad">'
            f"<title>{escape(label)}: {value:g}{escape(unit)}</title></rect>"
        )
        parts.append(_x_label(LEFT + (i + 0.5) * slot, label))
    return _frame(title, "".join(parts))


def line_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    max_value: float = 100,
    unit: str = "%",
) -> Markup:
    """Points joined by a line, in order (e.g. scores over time)."""
    n = len(values)
    parts = [_y_axis(max_value, unit)]
    points = [
        (LEFT + (RIGHT - LEFT) * (i + 0.5) / n, _y(value, max_value), labels[i], value)
        for i, value in enumerate(values)
    ]
    for (x1, y1, *_), (x2, y2, *_) in itertools.pairwise(points):
        parts.append(
            f'<line class="line" x1="{x1:.2f}%" y1="{y1:.1f}" x2="{x2:.2f}%" y2="{y2:.1f}" '
            f'stroke="#0b5cad" stroke-width="2"/>'
        )
    step = max(1, math.ceil(n / 6))  # at most six labels: they fit a phone's width
    for i, (x, y, label, value) in enumerate(points):
        parts.append(
            f'<circle class="dot" cx="{x:.2f}%" cy="{y:.1f}" r="4" fill="#0b5cad">'
            f"<title>{escape(label)}: {value:.0f}{escape(unit)}</title></circle>"
        )
        if i % step == 0:
            parts.append(_x_label(x, label))
    return _frame(title, "".join(parts))
