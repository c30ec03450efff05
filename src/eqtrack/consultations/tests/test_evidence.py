"""Representativeness and weighted results, with values checked against textbook ones."""

from io import StringIO

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command

from eqtrack.consultations.evidence import representativeness, weighted_results, wilson
from eqtrack.consultations.weighting import Margin


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    # Wilson intervals as published (e.g. Newcombe 1998, table I).
    [
        (0, 10, 0.0, 0.2775),
        (5, 10, 0.2366, 0.7634),
        (81, 263, 0.2553, 0.3662),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_intervals(k, n, low, high):
    assert wilson(k, n) == pytest.approx((low, high), abs=5e-5)


def test_the_under_35s_are_flagged_as_the_seed_reports_found():
    # 500 answers, 10% under 35 where the population has 30%; "Prefer not to say" left out.
    ages = ["Under 35"] * 50 + ["35 and over"] * 450 + ["Prefer not to say"] * 20
    responses = pd.DataFrame({"age": ages})
    shares = representativeness(responses, [Margin("age", {"Under 35": 30, "35 and over": 70})])
    under = next(s for s in shares if s.category == "Under 35")
    assert (under.respondents, under.sample_share, under.population_share) == (50, 0.1, 0.3)
    assert under.ratio == pytest.approx(1 / 3)
    assert under.under_represented
    assert not next(s for s in shares if s.category == "35 and over").under_represented


def test_a_small_gap_within_chance_is_not_flagged():
    responses = pd.DataFrame({"sex": ["Female"] * 9 + ["Male"] * 11})
    shares = representativeness(
        responses, [Margin("sex", {"Female": 51, "Male": 49})], threshold=0.9
    )
    assert not any(s.under_represented for s in shares)


def test_weighted_results_use_the_effective_sample_size():
    answers = pd.Series(["Yes"] * 60 + ["No"] * 40 + [""] * 5)
    weights = np.array([0.5] * 60 + [2.0] * 40 + [1.0] * 5)
    shares, effective = weighted_results(answers, weights)
    yes, no = {s.answer: s for s in shares}["Yes"], {s.answer: s for s in shares}["No"]
    assert yes.share == pytest.approx(30 / 110) and no.share == pytest.approx(80 / 110)
    assert effective == pytest.approx(110**2 / (60 * 0.25 + 40 * 4))  # Kish: (Σw)² / Σw²
    assert (yes.respondents, no.respondents) == (60, 40)
    # Weighting widens the interval beyond the unweighted one for the same share.
    assert yes.high - yes.low > wilson(30 / 110 * 100, 100)[1] - wilson(30 / 110 * 100, 100)[0]


def test_represent_and_results_commands(tmp_path):
    responses = tmp_path / "responses.csv"
    pd.DataFrame(
        {"age": ["Under 35"] * 30 + ["35 and over"] * 170, "q1": ["Yes"] * 120 + ["No"] * 80}
    ).to_csv(responses, index=False)
    margins = tmp_path / "margins.csv"
    margins.write_text(
        "variable,category,population\nage,Under 35,30\nage,35 and over,70\n", encoding="utf-8"
    )
    out, err = StringIO(), StringIO()
    call_command(
        "consultation-represent", str(responses), "--margins", str(margins), stdout=out, stderr=err
    )
    assert "age,Under 35,30,0.1500,0.3000,0.500," in out.getvalue()
    weighted = tmp_path / "weighted.csv"
    call_command(
        "consultation-weight",
        str(responses),
        "--margins",
        str(margins),
        "-o",
        str(weighted),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    out = StringIO()
    call_command("consultation-results", str(weighted), "--question", "q1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "question,answer,respondents,weighted_share,low_95,high_95,effective_n"
    yes = next(line for line in lines if line.startswith("q1,Yes,120,"))
    # Under-35s (all 'Yes' here) weigh 2, the others 70/85: Yes = (30·2 + 90·0.8235)/200.
    assert yes.split(",")[3] == f"{(30 * 2 + 90 * 140 / 170) / 200:.4f}"


@pytest.mark.parametrize("format", ["html", "pdf", "docx", "xlsx"])
def test_representativeness_as_a_document(tmp_path, format):
    import io

    responses = tmp_path / "responses.csv"
    pd.DataFrame({"age": ["Under 35"] * 30 + ["35 and over"] * 170}).to_csv(responses, index=False)
    margins = tmp_path / "margins.csv"
    margins.write_text(
        "variable,category,population\nage,Under 35,30\nage,35 and over,70\n", encoding="utf-8"
    )
    output = tmp_path / f"who-answered.{format}"
    call_command(
        "consultation-represent",
        str(responses),
        "--margins",
        str(margins),
        "--format",
        format,
        "-o",
        str(output),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    data = output.read_bytes()
    if format == "html":
        html = data.decode()
        assert '<html lang="en-GB">' in html and "<caption>" in html and 'role="img"' in html
        assert (
            '<th scope="row">Under 35</th><td class="num">30</td><td class="num">15.0%</td>' in html
        )
        assert '<span class="flag">Yes</span>' in html
    elif format == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        assert (
            "/StructTreeRoot" in reader.trailer["/Root"]
            and reader.trailer["/Root"]["/Lang"] == "en-GB"
        )
    elif format == "xlsx":
        from openpyxl import load_workbook

        rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
        assert rows[0][:3] == ("variable", "group", "responses")
        assert rows[1][:4] == ("age", "Under 35", 30, 0.15) and rows[1][-1] == "yes"
    else:
        import docx

        document = docx.Document(io.BytesIO(data))
        rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
        assert ["age", "Under 35", "30", "15.0%", "10.7%–20.6%", "30.0%", "0.50", "Yes"] in rows
