"""The reports' charts, as inline SVG with a text alternative (the table beside each holds the
same numbers) and as PNG for Word: one stacked bar per theme of its actions by status, and one
bar per class of status change since the previous period."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

from .data import ReportData

if TYPE_CHECKING:
    from .committee import CommitteeSummary

# Colours from the GOV.UK palette, each at least 3:1 against white.
COLOURS = {
    "complete": "#00703c",
    "on_track": "#28a197",
    "at_risk": "#b58840",
    "off_track": "#d4351c",
    "not_started": "#505a5f",
    "ongoing": "#1d70b8",
    "not_carried_forward": "#f47738",
    "watching_brief": "#4c2c92",
    "superseded": "#0b0c0c",  # not a second purple beside "watching brief"
    "no_status": "#6f777b",
}
_WIDTH, _LABEL, _BAR, _GAP = 640, 190, 22, 12


def summary_chart_svg(data: ReportData) -> str:
    """The chart as an SVG string; every text in it escaped."""
    largest = max((len(theme.rows) for theme in data.themes), default=0) or 1
    scale = (_WIDTH - _LABEL - 20) / largest
    height = len(data.themes) * (_BAR + _GAP) + 30 + 22 * ((len(data.categories) + 2) // 3)
    description = "; ".join(
        f"{theme.title}: "
        + ", ".join(
            f"{theme.count(c)} {label.lower()}" for c, label in data.categories if theme.count(c)
        )
        for theme in data.themes
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" aria-labelledby="chart-title chart-desc" '
        # Its own font: as an image (or in a PDF) it inherits none, and would be a serif.
        'font-family="Arial, Helvetica, &quot;DejaVu Sans&quot;, sans-serif">',
        '<title id="chart-title">Actions by status in each theme</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    y = 10
    for theme in data.themes:
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="14" fill="#0b0c0c">{escape(theme.title[:30])}</text>'
        )
        x: float = _LABEL
        for category, _ in data.categories:
            n = theme.count(category)
            if not n:
                continue
            w = n * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{_BAR}" fill="{COLOURS[category]}" '
                'stroke="#ffffff" stroke-width="1"/>'
            )
            if w >= 16:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 15}" font-size="13" fill="#ffffff" '
                    f'text-anchor="middle">{n}</text>'
                )
            x += w
        y += _BAR + _GAP
    y += 4
    for i, (category, label) in enumerate(data.categories):
        lx, ly = (i % 3) * 210, y + (i // 3) * 22
        parts.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{COLOURS[category]}"/>')
        parts.append(
            f'<text x="{lx + 20}" y="{ly + 12}" font-size="14" fill="#0b0c0c">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def chart_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The charts' typeface at a size, for every chart drawn as a picture."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:  # no DejaVu on this machine: Pillow's own font, at the size asked
        return ImageFont.load_default(size)


def summary_chart_png(data: ReportData) -> bytes:
    """The same chart as a PNG, for Word, which has no SVG of its own to rely on. Pillow
    draws it; the document gives it the same text alternative as the SVG's description."""
    scale_px = 2  # drawn at twice the size, for print
    width, label, bar, gap = _WIDTH * scale_px, _LABEL * scale_px, _BAR * scale_px, _GAP * scale_px
    rows = len(data.themes)
    legend_rows = (len(data.categories) + 2) // 3
    height = (rows * (_BAR + _GAP) + 30 + 22 * legend_rows) * scale_px
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = chart_font(12 * scale_px)
    largest = max((len(theme.rows) for theme in data.themes), default=0) or 1
    scale = (width - label - 40) / largest
    y = 10 * scale_px
    for theme in data.themes:
        draw.text((0, y + 4), theme.title[:30], fill="#0b0c0c", font=font)
        x: float = label
        for category, _ in data.categories:
            n = theme.count(category)
            if n:
                draw.rectangle(
                    [x, y, x + n * scale, y + bar], fill=COLOURS[category], outline="white"
                )
                if n * scale >= 16 * scale_px:
                    draw.text(
                        (x + n * scale / 2 - 4 * scale_px, y + 4), str(n), fill="white", font=font
                    )
                x += n * scale
        y += bar + gap
    y += 4 * scale_px
    for i, (category, text) in enumerate(data.categories):
        lx, ly = (i % 3) * 210 * scale_px, y + (i // 3) * 22 * scale_px
        draw.rectangle([lx, ly, lx + 14 * scale_px, ly + 14 * scale_px], fill=COLOURS[category])
        draw.text((lx + 20 * scale_px, ly), text, fill="#0b0c0c", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def summary_chart_description(data: ReportData) -> str:
    """The chart's text alternative, shared by the SVG and the Word picture."""
    return "Actions by status in each theme. " + "; ".join(
        f"{theme.title}: "
        + ", ".join(
            f"{theme.count(c)} {label.lower()}" for c, label in data.categories if theme.count(c)
        )
        for theme in data.themes
    )


# The status-change classes' colours; each bar also says its class and number in words.
CHANGE_COLOURS = {
    "improved": "#00703c",
    "worsened": "#d4351c",
    "unchanged": "#505a5f",
    "ended": "#0b0c0c",
    "no_comparison": "#6f777b",
}
_CHANGE_TITLE = "Status changes since the previous period"


def status_change_description(summary: CommitteeSummary) -> str:
    """The status-change chart's text alternative (the table beside it says the same)."""
    counts = ", ".join(f"{label}: {n}" for _, label, n in summary.change_counts)
    return f"Actions' status in {summary.period} against {summary.previous}. {counts}."


def status_change_chart_svg(summary: CommitteeSummary, *, width: int = _WIDTH) -> str:
    """One labelled bar per class of status change (improved, worsened, …) as an SVG string,
    with every text in it escaped; its words and numbers are the table's, so it never
    relies on colour. A narrower `width` keeps the words large where the chart is small."""
    bars = summary.change_counts
    largest = max((n for _, _, n in bars), default=0) or 1
    label_width, bar, gap = 130, 22, 10
    scale = (width - label_width - 40) / largest
    height = len(bars) * (bar + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="change-chart-title change-chart-desc" '
        'font-family="Arial, Helvetica, &quot;DejaVu Sans&quot;, sans-serif">',
        f'<title id="change-chart-title">{_CHANGE_TITLE}</title>',
        f'<desc id="change-chart-desc">{escape(status_change_description(summary))}</desc>',
    ]
    y = 5
    for change, label, n in bars:
        w = n * scale
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="14" fill="#0b0c0c">{escape(label)}</text>'
        )
        if n:
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar}" '
                f'fill="{CHANGE_COLOURS[change]}"/>'
            )
        parts.append(
            f'<text x="{label_width + w + 6:.1f}" y="{y + 16}" font-size="14" '
            f'fill="#0b0c0c">{n}</text>'
        )
        y += bar + gap
    parts.append("</svg>")
    return "".join(parts)


def status_change_chart_png(summary: CommitteeSummary) -> bytes:
    """The same chart as a PNG, for Word (as summary_chart_png is)."""
    s = 2  # drawn at twice the size, for print
    bars = summary.change_counts
    label_width, bar, gap = 130 * s, 22 * s, 10 * s
    largest = max((n for _, _, n in bars), default=0) or 1
    scale = (_WIDTH * s - label_width - 60 * s) / largest
    image = Image.new("RGB", (_WIDTH * s, (len(bars) * 32 + 10) * s), "white")
    draw = ImageDraw.Draw(image)
    font = chart_font(12 * s)
    y = 5 * s
    for change, label, n in bars:
        draw.text((0, y + 4), label, fill="#0b0c0c", font=font)
        if n:
            draw.rectangle(
                [label_width, y, label_width + n * scale, y + bar], fill=CHANGE_COLOURS[change]
            )
        draw.text((label_width + n * scale + 6 * s, y + 4), str(n), fill="#0b0c0c", font=font)
        y += bar + gap
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
