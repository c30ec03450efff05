"""The full-text query built from what people type: other forms of a word, and words typed in
part, on an index of whole words."""

import sqlite3

import pytest

from eqtrack.core.fts import UNSTEMMED, fts5_match, word_forms


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("disabilities", ["disabilities", "disabilit"]),
        ("sleeping", ["sleeping", "sleep"]),
        ("spaces", ["spaces", "spac"]),
        ("caring", ["caring"]),  # "car…" would find cars and careers
        ("communit", ["communit"]),
    ],
)
def test_the_forms_of_a_typed_word(word, forms):
    assert word_forms(word) == forms


def test_other_forms_and_parts_of_words_are_found_on_whole_words():
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{UNSTEMMED}')")
    db.executemany(
        "INSERT INTO t VALUES (?)",
        [("Disability confident employer",), ("Support for rough sleepers",), ("Community",)],
    )

    def found(*words):
        return [
            r[0] for r in db.execute("SELECT x FROM t WHERE t MATCH ?", [fts5_match(list(words))])
        ]

    assert found("disabilities") == ["Disability confident employer"]
    assert found("sleeping", "rough") == ["Support for rough sleepers"]
    assert found("communit") == ["Community"]  # typed in part
    assert found("disabilities", "sleeping") == []  # every word must match
