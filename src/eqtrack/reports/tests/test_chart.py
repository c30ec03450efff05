"""The summary chart: readable as an image or in a PDF, where it inherits no font, with
colours a reader can tell apart, and every text escaped."""

import io

import pdfplumber
from lxml import etree

from eqtrack.reports.chart import COLOURS, summary_chart_svg
from eqtrack.reports.writers.pdf import PdfWriter

SVG = "{http://www.w3.org/2000/svg}"


def test_the_chart_names_its_own_sans_serif_font_and_readable_sizes(data_2022):
    root = etree.fromstring(summary_chart_svg(data_2022).encode())
    assert root.get("font-family").endswith("sans-serif")
    sizes = {int(t.get("font-size")) for t in root.iter(f"{SVG}text")}
    assert sizes and min(sizes) >= 13
    assert root.find(f"{SVG}title").text == "Actions by status in each theme"


def test_each_status_has_its_own_colour_and_no_two_are_near_alike():
    def rgb(hex_colour):
        return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))

    colours = [rgb(c) for c in COLOURS.values()]
    for i, a in enumerate(colours):
        for b in colours[i + 1 :]:
            # Euclidean distance in RGB: the two purples of before were 75 apart.
            assert sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5 > 40


def test_the_pdf_footer_is_in_the_reports_font(data_2022):
    with pdfplumber.open(io.BytesIO(PdfWriter.write(data_2022))) as pdf:
        footer = [c for c in pdf.pages[0].chars if c["top"] > pdf.pages[0].height - 60]
    assert "".join(c["text"] for c in footer).startswith("Page 1 of")
    assert all("DejaVu-Sans" in c["fontname"] for c in footer), {c["fontname"] for c in footer}
