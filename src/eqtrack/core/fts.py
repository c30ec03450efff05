"""Full-text matching shared by the plans' and the directory's search: the words of a text as
Snowball English stems (what SQLite's FTS5 tables index), and the words people type as an FTS5
or a PostgreSQL query that finds every form of each word on either database."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# The FTS5 tables index `search_stems` (plans migration 0017, directory migration 0014): the
# stems are made here, so the tokenizer only splits and folds them.
TOKENIZER = "unicode61 remove_diacritics 2"

# PostgreSQL's 'english' configuration stems with Snowball's English stemmer; so does this one
# (the same algorithm, pinned to the same Snowball 2 release: 3.x stems a few words otherwise,
# "internal" for one). The same stems on both databases mean the same words meet on both:
# "disability", "disabilities" and "disabled" are all "disabl"; "consult", "consultation" and
# "consulted" all "consult".
_STEMMER = snowballstemmer.stemmer("english")

# Plurals no stemmer joins to their singular (Snowball keeps "women" and "woman" apart): typing
# one of these words also looks for the others, as whole words, on both databases. Kept short,
# and to words people search a council's equality work by. (A stem stands for all the words
# that share it: "person" is also the stem of "personal", which "people" therefore finds too.)
IRREGULAR_FORMS: tuple[tuple[str, ...], ...] = (
    ("woman", "women"),
    ("man", "men"),
    ("child", "children"),
    ("person", "persons", "people"),
)
_OTHER_FORMS = {
    form: [o for o in group if o != form] for group in IRREGULAR_FORMS for form in group
}

# Letters and digits, as FTS5's unicode61 tokenizer splits them (an underscore splits too).
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """One lower-case word's Snowball English stem."""
    return _STEMMER.stemWord(word)


def stems(text: str) -> str:
    """A text's words as their stems, in order: what SQLite's full-text index is made of."""
    return " ".join(stem(word) for word in _WORD.findall(text.lower()))


def query_words(query: str, *, limit: int) -> list[str]:
    """The words of what someone typed, lower case, at most `limit` of them."""
    return _WORD.findall(query.lower())[:limit]


def word_forms(word: str) -> list[tuple[str, bool]]:
    """What a typed word is looked for by, each as (stem, as a prefix): its own stem as the start
    of a word, so a word typed in part still finds its whole ("sleepe" finds "sleepers"), and
    its irregular other forms as whole words ("women" finds "woman", not "womanhood")."""
    word = word.lower()
    own = stem(word)
    others = dict.fromkeys(stem(other) for other in _OTHER_FORMS.get(word, []))
    return [(own, True)] + [(other, False) for other in others if other != own]


def fts5_match(words: list[str]) -> str:
    """An FTS5 query over the stems: every word must match, as any of its forms."""
    terms = []
    for word in words:
        forms = [f'"{s}"*' if prefix else f'"{s}"' for s, prefix in word_forms(word)]
        terms.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return " AND ".join(terms)


def tsquery(words: list[str]) -> str:
    """The same query for PostgreSQL (a raw tsquery with the 'english' configuration, which
    stems each word itself, as fts5_match's stems): every word, as any of its forms."""
    terms = []
    for word in words:
        word = word.lower()
        forms = [f"{word}:*"] + _OTHER_FORMS.get(word, [])
        terms.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
    return " & ".join(terms)
