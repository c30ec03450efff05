"""Acronyms written out at their first use in a report, as accessible documents need."""

from __future__ import annotations

import re

# Terms most councils' equality reports use; an organisation edits its own copy.
DEFAULT_GLOSSARY: dict[str, str] = {
    "EqIA": "Equality Impact Assessment",
    "EDI": "Equality, Diversity and Inclusion",
    "VCS": "voluntary and community sector",
    "VCSE": "voluntary, community and social enterprise",
    "VCSEs": "voluntary, community and social enterprises",
    "MHFA": "Mental Health First Aiders",
    "CCG": "Clinical Commissioning Group",
    "HR": "Human Resources",
    "ICT": "information and communications technology",
    "FAQs": "frequently asked questions",
    "MH": "mental health",
}
# What the seed reports use beyond those: the demo council's own names.
SEED_GLOSSARY: dict[str, str] = {
    "MBC": "Maidstone Borough Council",
    "HoK": "Heart of Kent Hospice",
    "KMPT": "Kent and Medway NHS and Social Care Partnership Trust",
    "WLT": "Wider Leadership Team",
    "CHE": "Communities, Housing and Environment",
}


class FirstUse:
    """Expands each glossary term the first time it appears, across calls in reading order."""

    def __init__(self, glossary: dict[str, str]) -> None:
        self.glossary = glossary
        self.seen: set[str] = set()
        terms = sorted(glossary, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, terms)) + r")(?![\w-])")
            if terms
            else None
        )

    def __call__(self, text: str) -> str:
        if not self.pattern:
            return text

        def expand(match: re.Match[str]) -> str:
            term = match.group(1)
            if term in self.seen:
                return term
            self.seen.add(term)
            expansion = self.glossary[term]
            # Already written out just before ("Heart of Kent Hospice (HoK)"): leave it.
            before = text[max(0, match.start() - len(expansion) - 3) : match.start()]
            if expansion.lower() in before.lower():
                return term
            return f"{expansion} ({term})"

        return self.pattern.sub(expand, text)
