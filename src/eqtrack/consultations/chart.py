"""The representativeness chart: each group's share of responses beside its share of the
population, as inline SVG whose text alternative is the table beside it."""

from __future__ import annotations

from django.utils.html import escape

from .evidence import GroupShare

_SAMPLE, _POPULATION, _FLAG = "#1d70b8", "#b1b4b6", "#d4351c"


def representativeness_svg(shares: list[GroupShare]) -> str:
    label_w, bar_h, gap, width = 230, 10, 10, 680
    scale = (width - label_w - 60) / max(
        [max(s.sample_share, s.population_share) for s in shares] + [0.01]
    )
    height = len(shares) * (2 * bar_h + gap) + 40
    flagged = [f"{s.variable} {s.category}" for s in shares if s.under_represented]
    description = (
        "Share of responses and of the population for each group. Under-represented: "
        + (", ".join(flagged) if flagged else "none")
        + "."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="rep-title rep-desc">',
        '<title id="rep-title">Who answered, against the population</title>',
        f'<desc id="rep-desc">{escape(description)}</desc>',
    ]
    y = 4
    for s in shares:
        label = f"{s.variable}: {s.category}"[:38]
        parts.append(
            f'<text x="0" y="{y + bar_h + 4}" font-size="11" fill="{_FLAG if s.under_represented else "#0b0c0c"}">'
            f"{escape(label)}{' ▼' if s.under_represented else ''}</text>"
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{s.sample_share * scale:.1f}" height="{bar_h}" fill="{_SAMPLE}"/>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + bar_h}" width="{s.population_share * scale:.1f}" height="{bar_h}" fill="{_POPULATION}"/>'
        )
        parts.append(
            f'<text x="{label_w + max(s.sample_share, s.population_share) * scale + 6:.1f}" y="{y + bar_h + 4}" '
            f'font-size="10" fill="#0b0c0c">{s.sample_share:.0%} / {s.population_share:.0%}</text>'
        )
        y += 2 * bar_h + gap
    parts.append(f'<rect x="0" y="{y + 8}" width="12" height="10" fill="{_SAMPLE}"/>')
    parts.append(f'<text x="18" y="{y + 17}" font-size="11" fill="#0b0c0c">Responses</text>')
    parts.append(f'<rect x="110" y="{y + 8}" width="12" height="10" fill="{_POPULATION}"/>')
    parts.append(f'<text x="128" y="{y + 17}" font-size="11" fill="#0b0c0c">Population</text>')
    parts.append("</svg>")
    return "".join(parts)
