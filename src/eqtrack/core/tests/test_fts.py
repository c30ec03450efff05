"""The stems full-text search indexes and the queries built from what people type: every form
of a word finds the others, and a word typed in part still finds its whole."""

import sqlite3

import pytest

from eqtrack.core.fts import TOKENIZER, fts5_match, query_words, stems, tsquery, word_forms


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        (["disability", "disabilities", "disabled", "disable"], "disabl"),
        (["consult", "consultation", "consulted", "consultations"], "consult"),
        (["community", "communities"], "communiti"),
        (["sleeping", "sleep"], "sleep"),
        # As PostgreSQL's 'english' stems it (Snowball 2): Snowball 3 would keep "internal".
        (["internal", "intern"], "intern"),
    ],
)
def test_forms_of_a_word_share_a_stem(words, stem):
    assert stems(" ".join(words)) == " ".join([stem] * len(words))


def test_a_texts_stems_split_as_the_index_splits():
    assert (
        stems("Café-based support_groups, 1453 responses") == "café base support group 1453 respons"
    )


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("Disabilities", [("disabl", True)]),
        ("women", [("women", True), ("woman", False)]),
        ("woman", [("woman", True), ("women", False)]),
        ("children", [("children", True), ("child", False)]),
        ("people", [("peopl", True), ("person", False)]),
        ("communit", [("communit", True)]),  # typed in part: the start of "communiti"
    ],
)
def test_what_a_typed_word_is_looked_for_by(word, forms):
    assert word_forms(word) == forms


def test_the_queries_for_each_database():
    words = query_words("Women's  consultation_events!", limit=3)
    assert words == ["women", "s", "consultation"]
    assert fts5_match(words) == '("women"* OR "woman") AND "s"* AND "consult"*'
    # PostgreSQL stems the words itself, with the same stemmer.
    assert tsquery(words) == "(women:* | woman) & s:* & consultation:*"


@pytest.fixture
def found():
    """What an FTS5 table of these texts' stems finds for some typed words."""
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
    texts = [
        "Disability confident employer",
        "Support for disabled people and their carers",
        "Rights of persons with disabilities",
        "Consult residents on the budget",
        "A consultation on the budget",
        "We consulted 1453 residents",
        "Women's networks",
        "A woman in every shortlist",
        "Support for rough sleepers",
        "Community",
    ]
    db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(map(stems, texts)))

    def found(query):
        match = fts5_match(query_words(query, limit=12))
        return {texts[r[0]] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", [match])}

    return found


def test_each_form_finds_the_others(found):
    disability = {
        "Disability confident employer",
        "Support for disabled people and their carers",
        "Rights of persons with disabilities",
    }
    for word in ("disability", "disabilities", "disabled"):
        assert found(word) == disability
    consult = {
        "Consult residents on the budget",
        "A consultation on the budget",
        "We consulted 1453 residents",
    }
    for word in ("consult", "consultation", "consulted"):
        assert found(word) == consult
    for word in ("women", "woman"):
        assert found(word) == {"Women's networks", "A woman in every shortlist"}
    for word in ("people", "persons"):
        assert found(f"disabled {word}") == {
            "Support for disabled people and their carers",
            "Rights of persons with disabilities",
        }


def test_words_typed_in_part_and_every_word_must_match(found):
    assert found("communit") == {"Community"}
    assert found("sleepe rou") == {"Support for rough sleepers"}
    assert found("sleeping rough") == {"Support for rough sleepers"}
    assert found("disabilities sleeping") == set()
