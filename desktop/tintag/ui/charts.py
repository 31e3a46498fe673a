"""A small painted bar chart (PySide6-Essentials has no QtCharts).

Grouped or stacked bars, one colour per series, a legend, a value axis with
grid lines (negative values allowed: kappa and alpha can be below zero),
category names under the bars. Names come from files and annotators, so every
text is painted as plain text (QPainter.drawText never reads markup) and
tooltips are escaped.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .plain import plain_tooltip

MAX_BAR = 56.0  # px: a few categories still look like bars, not walls
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
           "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]


@dataclass
class Series:
    name: str
    values: list[float | None]
    colour: str = ""


class BarChart(QWidget):
    """``set_data(categories, series)``; ``stacked`` piles the series of a category."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.stacked = False
        self.value_format = "{:.2f}"
        self.fixed_range: tuple[float, float] | None = None
        self.empty_text = ""
        self.integers = False
        self._bars: list[tuple[QRectF, str]] = []  # hit areas for tooltips
        self.setMouseTracking(True)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # ------------------------------------------------------------ data
    def set_data(self, categories: list[str], series: list[Series | tuple], stacked: bool = False,
                 value_format: str = "{:.2f}", value_range: tuple[float, float] | None = None,
                 empty_text: str = "", integers: bool = False) -> None:
        """``value_range``: the least extent of the value axis; ``integers``: counts
        (whole-number ticks); ``empty_text``: shown when there is nothing to draw."""
        self.categories = [str(c) for c in categories]
        self.series = []
        for n, s in enumerate(series):
            s = s if isinstance(s, Series) else Series(*s)
            if not s.colour:
                s.colour = PALETTE[n % len(PALETTE)]
            if len(s.values) != len(self.categories):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for "
                                 f"{len(self.categories)} categories")
            self.series.append(s)
        self.stacked, self.value_format = stacked, value_format
        self.fixed_range, self.empty_text, self.integers = value_range, empty_text, integers
        self.update()

    def value(self, category: str, series: str) -> float | None:
        """The value shown for a category and series (tests, accessibility)."""
        i = self.categories.index(category)
        return next(s.values[i] for s in self.series if s.name == series)

    def has_data(self) -> bool:
        """Anything to draw: a value (counts: a non-zero one)."""
        return any(v is not None and (v != 0 or not self.integers) for s in self.series for v in s.values)

    def sizeHint(self) -> QSize:
        per = max(1, len(self.series)) * (14 if not self.stacked else 10) + 24
        return QSize(max(320, 70 + per * max(1, len(self.categories))), 260)

    # --------------------------------------------------------- painting
    def _range(self) -> tuple[float, float]:
        """Zero always shown; ``value_range`` is the least extent (data beyond it still fits)."""
        lo = hi = 0.0
        for i in range(len(self.categories)):
            values = [s.values[i] for s in self.series if s.values[i] is not None]
            if self.stacked:
                hi = max(hi, sum(v for v in values if v > 0))
                lo = min(lo, sum(v for v in values if v < 0))
            elif values:
                hi, lo = max(hi, *values), min(lo, *values)
        if self.fixed_range:
            lo, hi = min(lo, self.fixed_range[0]), max(hi, self.fixed_range[1])
        if hi - lo < 1e-12:
            hi = lo + 1.0
        return lo, hi

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.windowText().color()
        fm = QFontMetricsF(self.font())
        line = fm.height()
        w, h = self.width(), self.height()
        self._bars = []
        top = 4.0
        if self.title:
            bold = self.font()
            bold.setBold(True)
            p.setFont(bold)
            p.setPen(text_colour)
            p.drawText(QRectF(8, top, w - 16, line), Qt.AlignmentFlag.AlignLeft, _elide(fm, self.title, w - 16))
            p.setFont(self.font())
            top += line + 4
        # legend, wrapping
        if len(self.series) > 1 or (self.series and self.stacked):
            x, y = 8.0, top
            for s in self.series:
                label_w = fm.horizontalAdvance(s.name) + 22
                if x + label_w > w - 8 and x > 8:
                    x, y = 8.0, y + line + 2
                p.fillRect(QRectF(x, y + line / 2 - 5, 10, 10), QColor(s.colour))
                p.setPen(text_colour)
                p.drawText(QRectF(x + 14, y, label_w, line), Qt.AlignmentFlag.AlignLeft,
                           _elide(fm, s.name, w - x - 24))
                x += label_w + 8
            top = y + line + 6
        if not self.categories or not self.has_data():
            p.setPen(pal.placeholderText().color())
            p.drawText(QRectF(0, top, w, h - top), Qt.AlignmentFlag.AlignCenter, self.empty_text or "—")
            return
        lo, hi = self._range()
        ticks = _ticks(lo, hi, self.integers)
        lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
        tick_labels = [_tick_text(t, ticks) for t in ticks]
        left = 8 + max(fm.horizontalAdvance(t) for t in tick_labels) + 6
        bottom = h - line - 8
        plot = QRectF(left, top + line, w - left - 8, bottom - top - line)
        if plot.height() < 20 or plot.width() < 20:
            return

        def ypos(v: float) -> float:
            return plot.bottom() - (v - lo) / (hi - lo) * plot.height()

        grid = QColor(text_colour)
        grid.setAlpha(40)
        for t, label in zip(ticks, tick_labels):
            y = ypos(t)
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text_colour)
            p.drawText(QRectF(4, y - line / 2, left - 10, line),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        zero = ypos(0.0) if lo <= 0 <= hi else plot.bottom()
        p.setPen(QPen(text_colour, 1))
        p.drawLine(QPointF(plot.left(), zero), QPointF(plot.right(), zero))
        n_cat = len(self.categories)
        slot = plot.width() / n_cat
        n_bars = 1 if self.stacked else max(1, len(self.series))
        bar_w = min(slot * 0.8 / n_bars, MAX_BAR)
        group = bar_w * n_bars
        for i, category in enumerate(self.categories):
            x0 = plot.left() + i * slot + (slot - group) / 2
            pos_base = neg_base = 0.0
            for k, s in enumerate(self.series):
                v = s.values[i]
                tip = f"{category} · {s.name}: " + ("—" if v is None else self.value_format.format(v))
                if v is None:
                    continue
                if self.stacked:
                    base = pos_base if v >= 0 else neg_base
                    y1, y2 = ypos(base), ypos(base + v)
                    if v >= 0:
                        pos_base += v
                    else:
                        neg_base += v
                    rect = QRectF(x0, min(y1, y2), bar_w, abs(y2 - y1))
                else:
                    y1, y2 = zero, ypos(v)
                    rect = QRectF(x0 + k * bar_w + 1, min(y1, y2), max(1.0, bar_w - 2), abs(y2 - y1))
                p.fillRect(rect, QColor(s.colour))
                self._bars.append((rect.adjusted(0, -3, 0, 3), tip))
                if not self.stacked and bar_w >= fm.horizontalAdvance("0.00") + 2:
                    text = self.value_format.format(v)
                    ty = rect.top() - line if v >= 0 else rect.bottom()
                    p.setPen(text_colour)
                    p.drawText(QRectF(rect.left() - 4, ty, rect.width() + 8, line),
                               Qt.AlignmentFlag.AlignCenter, text)
            if self.stacked and bar_w >= fm.horizontalAdvance("000") + 2 and pos_base > 0:
                p.setPen(text_colour)
                p.drawText(QRectF(x0 - 4, ypos(pos_base) - line, bar_w + 8, line),
                           Qt.AlignmentFlag.AlignCenter, self.value_format.format(pos_base))
            p.setPen(text_colour)
            p.drawText(QRectF(plot.left() + i * slot, bottom + 4, slot, line),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       _elide(fm, category, slot - 4))

    def event(self, e) -> bool:
        if e.type() == e.Type.ToolTip:
            pos = QPointF(e.pos())
            tip = next((t for rect, t in self._bars if rect.contains(pos)), None)
            if tip:
                QToolTip.showText(e.globalPos(), plain_tooltip(tip), self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)


def _elide(fm: QFontMetricsF, text: str, width: float) -> str:
    return fm.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


def _ticks(lo: float, hi: float, integers: bool = False, wanted: int = 5) -> list[float]:
    span = hi - lo
    raw = span / wanted
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integers:
        step = max(1, round(step)) if step >= 1 else 1
    first = math.floor(lo / step) * step
    out, t = [], first
    while t < hi + step * 0.5:
        out.append(round(t, 10))
        t += step
        if out[-1] >= hi - 1e-12:
            break
    return out


def _tick_text(t: float, ticks: list[float]) -> str:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    decimals = next(d for d in range(7) if abs(round(step, d) - step) < 1e-9 or d == 6)
    return f"{t:,.{decimals}f}"
