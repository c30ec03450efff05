"""The pay gap charts, as inline SVG whose text alternative is the table beside each: men
and women (or a group and its reference) in each quartile pay band, and each group's mean
hourly pay gap."""

from __future__ import annotations

from django.utils.html import escape

_A, _B, _INK, _AXIS = "#1d70b8", "#f499be", "#0b0c0c", "#505a5f"


def quartiles_svg(
    bands: list[tuple[str, float | None, float | None]], *, a_name: str, b_name: str
) -> str:
    """One bar a quartile band, split into the shares of A and B (percentages)."""
    label_w, bar_h, gap, width = 130, 22, 10, 640
    scale = (width - label_w - 20) / 100
    height = len(bands) * (bar_h + gap) + 40
    described = "; ".join(
        f"{name}: {a_name} {a:.1f}%, {b_name} {b:.1f}%"
        if a is not None and b is not None
        else f"{name}: no figure"
        for name, a, b in bands
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="q-title q-desc">',
        '<title id="q-title">Who is in each quartile pay band</title>',
        f'<desc id="q-desc">{escape(described)}.</desc>',
    ]
    y = 4
    for name, a, b in bands:
        parts.append(
            f'<text x="0" y="{y + bar_h - 7}" font-size="11" fill="{_INK}">{escape(name)}</text>'
        )
        if a is not None and b is not None:
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{a * scale:.1f}" height="{bar_h}" fill="{_A}"/>'
            )
            parts.append(
                f'<rect x="{label_w + a * scale:.1f}" y="{y}" width="{b * scale:.1f}" '
                f'height="{bar_h}" fill="{_B}"/>'
            )
            parts.append(
                f'<text x="{label_w + 4}" y="{y + bar_h - 7}" font-size="10" fill="#ffffff">'
                f"{a:.0f}%</text>"
            )
        y += bar_h + gap
    parts.append(f'<rect x="0" y="{y + 8}" width="12" height="10" fill="{_A}"/>')
    parts.append(f'<text x="18" y="{y + 17}" font-size="11" fill="{_INK}">{escape(a_name)}</text>')
    parts.append(f'<rect x="260" y="{y + 8}" width="12" height="10" fill="{_B}"/>')
    parts.append(f'<text x="278" y="{y + 17}" font-size="11" fill="{_INK}">{escape(b_name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def gaps_svg(gaps: list[tuple[str, float | None]]) -> str:
    """One bar a group: its mean hourly pay gap, to the right when the group is paid less."""
    label_w, bar_h, gap, width = 300, 14, 8, 680
    shown = [abs(v) for _, v in gaps if v is not None]
    span = max([*shown, 1.0])
    half = (width - label_w - 60) / 2
    zero = label_w + half
    height = len(gaps) * (bar_h + gap) + 30
    described = "; ".join(
        f"{name}: {value:.1f}%" if value is not None else f"{name}: suppressed or no figure"
        for name, value in gaps
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="g-title g-desc">',
        '<title id="g-title">Mean hourly pay gap of each group against the reference</title>',
        f'<desc id="g-desc">{escape(described)}.</desc>',
        f'<line x1="{zero}" y1="0" x2="{zero}" y2="{height - 24}" stroke="{_AXIS}"/>',
    ]
    y = 4
    for name, value in gaps:
        parts.append(
            f'<text x="0" y="{y + bar_h - 3}" font-size="10" fill="{_INK}">{escape(name[:52])}</text>'
        )
        if value is not None:
            length = abs(value) / span * half
            x = zero if value >= 0 else zero - length
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{_A}"/>'
            )
            parts.append(
                f'<text x="{zero + (length + 4 if value >= 0 else 4):.1f}" y="{y + bar_h - 3}" '
                f'font-size="10" fill="{_INK}">{value:.1f}%</text>'
            )
        else:
            parts.append(
                f'<text x="{zero + 4}" y="{y + bar_h - 3}" font-size="10" fill="{_AXIS}">'
                "suppressed</text>"
            )
        y += bar_h + gap
    parts.append(
        f'<text x="{label_w}" y="{height - 8}" font-size="10" fill="{_INK}">'
        "Right of the line: the group is paid less than the reference group.</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
