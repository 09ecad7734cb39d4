"""Small bar charts, drawn as inline SVG on the server: geometry here, markup in
templates/charts.html (autoescaped like every other page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT, TOP, BOTTOM = 560, 160, 14, 22


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    series: int  # which series: its colour and legend entry


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # x and label under the bars
    series: list[str]
    peak: int
    palette: str = "s"  # the CSS class prefix of the series' colours


def columns(labels: Sequence[str], series: dict[str, Sequence[int]], every: int = 1) -> Chart:
    """Grouped columns: one group per label, one column per series; every n-th label shown."""
    names = list(series)
    peak = max([1, *(v for values in series.values() for v in values)])
    group = WIDTH / max(1, len(labels))
    column = group * 0.8 / max(1, len(names))
    room = HEIGHT - TOP - BOTTOM
    bars = []
    for i, label in enumerate(labels):
        for s, name in enumerate(names):
            value = series[name][i]
            height = room * value / peak
            x = i * group + group * 0.1 + s * column
            bars.append(Bar(x, TOP + room - height, column, height, value, f"{label} {name}", s))
    last = len(labels) - 1  # the newest label is always shown
    ticks = [
        (i * group + group / 2, label) for i, label in enumerate(labels) if (last - i) % every == 0
    ]
    return Chart(WIDTH, HEIGHT, bars, ticks, names, peak)


def stacked_rows(rows: dict[str, dict[str, int]], order: Sequence[str]) -> Chart:
    """One horizontal bar per row, stacked by the keys of ``order`` (verdicts by type)."""
    labels = list(rows)
    peak = max([1, *(sum(values.values()) for values in rows.values())])
    left, line = 110, 22
    height = TOP + line * max(1, len(labels)) + 4
    bars = []
    for i, label in enumerate(labels):
        x = float(left)
        for s, key in enumerate(order):
            value = rows[label].get(key, 0)
            if not value:
                continue
            width = (WIDTH - left - 10) * value / peak
            bars.append(Bar(x, TOP + i * line, width, line - 6, value, f"{label}: {key}", s))
            x += width
    ticks = [(TOP + i * line + (line - 6) / 2 + 4, label) for i, label in enumerate(labels)]
    return Chart(WIDTH, height, bars, ticks, list(order), peak, palette="v")
