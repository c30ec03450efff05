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


def answers_svg(question: str, answers: list[dict], *, key: str = "answers") -> str:
    """One question's weighted answers as bars (share, with its 95% interval as a line),
    as inline SVG whose text alternative is the table beside it. `answers` are a stored
    consultation's results for the question (answer, share, low, high); `key` makes the
    title's and description's ids unique on a page with several charts."""
    label_w, bar_h, gap, width = 230, 14, 10, 680
    scale = (width - label_w - 70) / max([a["high"] for a in answers] + [0.01])
    height = len(answers) * (bar_h + gap) + 10
    description = "; ".join(f"{a['answer']}: {a['share']:.0%}" for a in answers) + "."
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{key}-title {key}-desc">',
        f'<title id="{key}-title">{escape(question)}: answers, weighted to the population</title>',
        f'<desc id="{key}-desc">{escape(description)}</desc>',
    ]
    y = 4
    for a in answers:
        label = str(a["answer"])[:38]
        parts.append(
            f'<text x="0" y="{y + bar_h - 3}" font-size="11" fill="#0b0c0c">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{a["share"] * scale:.1f}" height="{bar_h}" fill="{_SAMPLE}"/>'
        )
        parts.append(
            f'<line x1="{label_w + a["low"] * scale:.1f}" x2="{label_w + a["high"] * scale:.1f}" '
            f'y1="{y + bar_h / 2}" y2="{y + bar_h / 2}" stroke="#0b0c0c" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{label_w + a["high"] * scale + 6:.1f}" y="{y + bar_h - 3}" font-size="10" '
            f'fill="#0b0c0c">{a["share"]:.0%}</text>'
        )
        y += bar_h + gap
    parts.append("</svg>")
    return "".join(parts)
