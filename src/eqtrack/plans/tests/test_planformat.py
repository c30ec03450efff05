"""The plan format's validation: each problem named by where it is."""

import copy

import pytest

from eqtrack.plans.generated import document_generate
from eqtrack.plans.planformat import PlanFormatError, document_validate


@pytest.fixture
def document():
    return document_generate(actions=4, periods=2)


def test_a_generated_document_is_valid(document):
    document_validate(document)


def test_an_introduction_is_optional_in_version_1(document):
    assert "introduction" not in document
    document_validate({**document, "introduction": ["The table below lists our actions."]})


def test_another_version_is_refused_by_name(document):
    document["format"] = "eqtrack-plan/2"
    with pytest.raises(PlanFormatError, match="'eqtrack-plan/2'; this version of eqtrack reads"):
        document_validate(document)


def test_a_document_of_another_kind_is_refused(document):
    del document["format"]
    with pytest.raises(PlanFormatError, match='format: expected "eqtrack-plan/1"'):
        document_validate(document)


def test_not_an_object():
    with pytest.raises(PlanFormatError, match="not a JSON object"):
        document_validate([1, 2])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["themes"][1]["actions"][0].pop("text"),
            r"themes\[1\]\.actions\[0\]: 'text' is a required",
        ),
        (
            lambda d: d["themes"][0]["actions"][1]["updates"][1]["status"].update(category="fine"),
            r"themes\[0\]\.actions\[1\]\.updates\[1\]\.status",
        ),
        (
            lambda d: d["themes"][0]["actions"][1]["updates"][0].update(period="1999"),
            r"themes\[0\]\.actions\[1\]\.updates\[0\]\.period: '1999' is not one of the plan's periods",
        ),
        (
            lambda d: d["themes"][0]["actions"][0]["updates"][0]["progress"].append({"text": "x"}),
            r"themes\[0\]\.actions\[0\]\.updates\[0\]\.progress\[2\]",
        ),
        (lambda d: d["periods"].append(d["periods"][0]), "periods: a period is listed twice"),
        # The introduction is a list of paragraphs, not one string.
        (lambda d: d.update(introduction="One paragraph."), r"introduction: 'One paragraph\.'"),
        (lambda d: d.update(introduction=["Fine.", 3]), r"introduction\[1\]: 3 is not"),
        # An empty paragraph would be an empty <p> on the plan's page.
        (lambda d: d.update(introduction=[""]), r"introduction\[0\]: '' should be non-empty"),
        (
            lambda d: d.update(introduction=["Fine.", " \n "]),
            r"introduction\[1\]: a paragraph cannot be blank",
        ),
    ],
)
def test_problems_are_named_by_their_place(document, change, message):
    bad = copy.deepcopy(document)
    change(bad)
    with pytest.raises(PlanFormatError, match=message):
        document_validate(bad)


def test_a_second_update_for_one_period_is_refused(document):
    updates = document["themes"][0]["actions"][0]["updates"]
    updates.append(copy.deepcopy(updates[0]))
    with pytest.raises(PlanFormatError, match="a second update for"):
        document_validate(document)
