"""Themes in free-text answers, found on the CPU: TF-IDF word weights (English stop words left
out), factorised by non-negative matrix factorisation (NMF) into themes, each a weighting of
words. An answer is in the theme it weighs most in. Deterministic: the same answers give the
same themes, numbered from the largest.

No model is downloaded; scikit-learn does the arithmetic. What the engine cannot do (no
answers, no words) is a ThemesError with one clear sentence; too few answers for the themes
asked is a smaller result with a note saying so, never a crash."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from eqtrack.core.files import InputError

# Without a number asked for: √(different answers), between these. Eight themes are as many
# as an officer reads in one go; two is the fewest that is a finding.
FEWEST_THEMES = 2
MOST_THEMES = 8
TOP_WORDS = 8
EXAMPLES = 3
# Words of letters only (no numbers, no "_"), two letters or more: "20mph" and "2024" are not
# themes' words, and sklearn's default pattern would keep them.
WORD_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"
# Words of surveys' non-answers ("No comment", "Not applicable", "Don't know", "Yes"), left out with
# the English stop words so that non-answers make no theme of their own.
NON_ANSWER_WORDS = (
    *("applicable", "comment", "comments", "don", "know", "na", "nil", "unsure", "yes"),
)


class ThemesError(InputError):
    """Answers the engine cannot find themes in; the message says why, as a sentence."""


@dataclass(frozen=True)
class FoundTheme:
    number: int  # 1-based, the largest theme first
    top_words: list[str]
    # Indices into the answers given, the answers most strongly in the theme first.
    examples: list[int]
    count: int  # answers in it

    @property
    def label(self) -> str:
        return ", ".join(self.top_words[:3])


@dataclass(frozen=True)
class ThemesFound:
    themes: list[FoundTheme]
    # One entry an answer given: its theme's number, None for a blank answer (or one with no
    # word to go by, such as "n/a": see `wordless`).
    assignments: list[int | None]
    # How strongly each answer is in its theme (the NMF weight), 0 where it has none.
    strengths: list[float]
    blank: int = 0
    wordless: int = 0
    notes: list[str] = field(default_factory=list)


def _blank(text: object) -> bool:
    return text is None or (isinstance(text, float) and math.isnan(text)) or not str(text).strip()


def themes_default(different_answers: int) -> int:
    """How many themes to look for when none is asked for."""
    guess = round(math.sqrt(different_answers))
    return max(FEWEST_THEMES, min(MOST_THEMES, guess))


def themes_find(answers: Sequence[object], *, themes: int | None = None) -> ThemesFound:
    """The themes of `answers` (texts; blanks, None and NaN allowed), `themes` of them or a
    number chosen from how many different answers there are."""
    # Loaded here: scikit-learn takes a second to import, and only finding themes needs it.
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    if themes is not None and themes < 1:
        raise ThemesError("The number of themes must be 1 or more.")
    texts = ["" if _blank(a) else " ".join(str(a).split()) for a in answers]
    given = [i for i, t in enumerate(texts) if t]
    if not given:
        raise ThemesError(
            "There are no answers to find themes in"
            + (": every answer is blank." if texts else ".")
        )
    notes: list[str] = []
    documents = [texts[i] for i in given]
    # Large sets drop the words only one answer uses (typing slips, names), and the words
    # nearly every answer uses, which tell the themes apart no better than stop words.
    many = len(documents) >= 50
    vectorizer = TfidfVectorizer(
        stop_words=sorted(ENGLISH_STOP_WORDS.union(NON_ANSWER_WORDS)),
        token_pattern=WORD_PATTERN,
        sublinear_tf=True,
        min_df=2 if many else 1,
        max_df=0.9 if many else 1.0,
        dtype=np.float64,
    )
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:
        # sklearn's "empty vocabulary": every word is a stop word, a number, or (in a large
        # set) used once or by nearly everyone.
        raise ThemesError(
            "The answers have no words to find themes by: only short words such as "
            "“the” and “yes”, numbers, or words too rare or too common to tell answers apart."
        ) from None
    words = vectorizer.get_feature_names_out()
    has_words = np.asarray(matrix.getnnz(axis=1)) > 0
    wordless = int((~has_words).sum())
    if not has_words.any():
        raise ThemesError(
            "The answers have no words to find themes by: only short words such as "
            "“the” and “yes”, numbers, or words too rare or too common to tell answers apart."
        )
    # Each different answer (by the words it uses) can make one theme at most.
    matrix.sort_indices()
    bounds = zip(matrix.indptr[:-1], matrix.indptr[1:], strict=True)
    different = len({matrix.indices[s:e].tobytes() for s, e in bounds if e > s})
    asked = themes if themes is not None else themes_default(different)
    k = min(asked, different, len(words))
    if themes is not None and k < themes:
        notes.append(
            f"{themes} themes were asked for, but the answers differ too little for more "
            f"than {k}: {k} theme{'s' if k != 1 else ''} found."
        )
    model = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=500, tol=1e-4)
    with warnings.catch_warnings():
        # Stopping at max_iter still gives usable themes; the warning would only alarm.
        warnings.simplefilter("ignore")
        weights = model.fit_transform(matrix)
    components = model.components_
    # An answer whose weights NMF left at zero (it fits no theme well) goes to the theme
    # whose words it shares most.
    similar = np.asarray(matrix @ components.T)
    chosen = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), similar.argmax(axis=1))
    strength = weights[np.arange(len(documents)), chosen]
    chosen = np.where(has_words, chosen, -1)

    sizes = np.bincount(chosen[chosen >= 0], minlength=k)
    # Numbered by size, largest first; ties by NMF's order (itself deterministic).
    order = [c for c in sorted(range(k), key=lambda c: (-sizes[c], c)) if sizes[c] > 0]
    if len(order) < k:
        empty = k - len(order)
        notes.append(
            f"{empty} of the {k} theme{'s' if k != 1 else ''} found had no answer of "
            f"{'its' if empty == 1 else 'their'} own and {'is' if empty == 1 else 'are'} left out."
        )
    number = {c: n for n, c in enumerate(order, start=1)}
    found: list[FoundTheme] = []
    for c in order:
        top = np.argsort(-components[c], kind="stable")[:TOP_WORDS]
        members = np.flatnonzero(chosen == c)
        # The strongest answers, each text once ("Parking." twice is one example).
        examples: list[int] = []
        seen: set[str] = set()
        for m in members[np.argsort(-strength[members], kind="stable")]:
            key = documents[m].lower()
            if key not in seen:
                seen.add(key)
                examples.append(given[m])
            if len(examples) == EXAMPLES:
                break
        found.append(
            FoundTheme(
                number=number[c],
                top_words=[str(words[w]) for w in top if components[c, w] > 0],
                examples=examples,
                count=int(sizes[c]),
            )
        )
    assignments: list[int | None] = [None] * len(texts)
    strengths = [0.0] * len(texts)
    for row, i in enumerate(given):
        if chosen[row] >= 0:
            assignments[i] = number[int(chosen[row])]
            strengths[i] = float(strength[row])
    if wordless:
        notes.append(
            f"{wordless} answer{'s' if wordless != 1 else ''} had no words to go by "
            "(such as “n/a” or “no”) and "
            f"{'is' if wordless == 1 else 'are'} in no theme."
        )
    return ThemesFound(
        themes=found,
        assignments=assignments,
        strengths=strengths,
        blank=len(texts) - len(given),
        wordless=wordless,
        notes=notes,
    )


def words_overlap(a: Sequence[str], b: Sequence[str]) -> int:
    """How many top words two themes share."""
    return len(set(a) & set(b))
