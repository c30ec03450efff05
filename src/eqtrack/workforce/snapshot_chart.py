"""The workforce charts: horizontal bars, one group of bars a row of the table beside it, as
inline SVG (for pages, HTML and PDF) and as PNG (for Word), each with a text alternative that
says what it shows. Bars may be negative (a pay gap in the other group's favour), drawn left
of a zero line."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from PIL import Image, ImageDraw

from eqtrack.reports.chart import chart_font

# GOV.UK colours, each at least 3:1 against white and told apart by their order and legend.
COLOURS = ("#1d70b8", "#505a5f", "#d4351c", "#00703c")
_WIDTH, _LABEL, _BAR, _GAP = 680, 240, 10, 10


@dataclass(frozen=True)
class Chart:
    key: str  # unique on its page, for the title's and description's ids
    title: str
    series: tuple[str, ...]
    rows: Sequence[tuple[str, tuple[float | None, ...]]]  # label, one value a series (%)

    @property
    def description(self) -> str:
        parts = []
        for label, values in self.rows:
            shown = ", ".join(
                f"{name} {'not shown' if v is None else f'{v:.1f}%'}"
                for name, v in zip(self.series, values, strict=True)
            )
            parts.append(f"{label}: {shown}")
        return f"{self.title}. " + "; ".join(parts) + ". The table beside it has the figures."

    def _scale(self) -> tuple[float, float, float]:
        values = [v for _, vs in self.rows for v in vs if v is not None]
        low, high = min([0.0, *values]), max([0.0, *values])
        span = (high - low) or 1.0
        plot = _WIDTH - _LABEL - 70
        zero = _LABEL + (-low) / span * plot
        return plot / span, zero, low

    def _height(self) -> int:
        per_row = len(self.series) * _BAR + _GAP
        return len(self.rows) * per_row + 44

    def svg(self) -> str:
        scale, zero, _ = self._scale()
        height = self._height()
        k = escape(self.key)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" '
            f'height="{height}" viewBox="0 0 {_WIDTH} {height}" '
            f'aria-labelledby="{k}-title {k}-desc">',
            f'<title id="{k}-title">{escape(self.title)}</title>',
            f'<desc id="{k}-desc">{escape(self.description)}</desc>',
        ]
        y = 4
        for label, values in self.rows:
            block = len(self.series) * _BAR
            parts.append(
                f'<text x="0" y="{y + block / 2 + 4:.0f}" font-size="11" fill="#0b0c0c">'
                f"{escape(label[:40])}</text>"
            )
            for i, value in enumerate(values):
                top = y + i * _BAR
                if value is None:
                    parts.append(
                        f'<text x="{zero + 4:.1f}" y="{top + _BAR - 1}" font-size="9" '
                        'fill="#0b0c0c">not shown</text>'
                    )
                    continue
                left = min(zero, zero + value * scale)
                parts.append(
                    f'<rect x="{left:.1f}" y="{top}" width="{abs(value) * scale:.1f}" '
                    f'height="{_BAR - 1}" fill="{COLOURS[i % len(COLOURS)]}"/>'
                )
                end = max(zero, zero + value * scale)
                parts.append(
                    f'<text x="{end + 4:.1f}" y="{top + _BAR - 1}" font-size="9" '
                    f'fill="#0b0c0c">{value:.1f}%</text>'
                )
            y += block + _GAP
        parts.append(
            f'<line x1="{zero:.1f}" y1="0" x2="{zero:.1f}" y2="{y}" stroke="#0b0c0c" '
            'stroke-width="1"/>'
        )
        x = 0
        for i, name in enumerate(self.series):
            parts.append(
                f'<rect x="{x}" y="{y + 10}" width="12" height="10" '
                f'fill="{COLOURS[i % len(COLOURS)]}"/>'
            )
            parts.append(
                f'<text x="{x + 18}" y="{y + 19}" font-size="11" fill="#0b0c0c">'
                f"{escape(name)}</text>"
            )
            x += 30 + 7 * len(name)
        parts.append("</svg>")
        return "".join(parts)

    def png(self) -> bytes:
        """The same chart drawn at twice the size, for Word."""
        s = 2
        scale, zero, _ = self._scale()
        image = Image.new("RGB", (_WIDTH * s, self._height() * s), "white")
        draw = ImageDraw.Draw(image)
        font = chart_font(11 * s)
        small = chart_font(9 * s)
        y = 4
        for label, values in self.rows:
            block = len(self.series) * _BAR
            draw.text((0, (y + block / 2 - 6) * s), label[:40], fill="#0b0c0c", font=font)
            for i, value in enumerate(values):
                top = y + i * _BAR
                if value is None:
                    draw.text(((zero + 4) * s, top * s), "not shown", fill="#0b0c0c", font=small)
                    continue
                left, right = sorted((zero, zero + value * scale))
                draw.rectangle(
                    (left * s, top * s, max(right, left + 0.5) * s, (top + _BAR - 1) * s),
                    fill=COLOURS[i % len(COLOURS)],
                )
                draw.text(((right + 4) * s, top * s), f"{value:.1f}%", fill="#0b0c0c", font=small)
            y += block + _GAP
        draw.line((zero * s, 0, zero * s, y * s), fill="#0b0c0c", width=s)
        x = 0
        for i, name in enumerate(self.series):
            draw.rectangle(
                (x * s, (y + 10) * s, (x + 12) * s, (y + 20) * s), fill=COLOURS[i % len(COLOURS)]
            )
            draw.text(((x + 18) * s, (y + 8) * s), name, fill="#0b0c0c", font=font)
            x += 30 + 7 * len(name)
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
