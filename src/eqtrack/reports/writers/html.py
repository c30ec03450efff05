"""The report as one accessible web page: landmarks, headings, captioned tables with header
cells, and every piece of plan text escaped."""

from __future__ import annotations

from typing import ClassVar

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..chart import summary_chart_svg
from ..data import ReportData


class HtmlWriter:
    format: ClassVar[str] = "html"
    content_type: ClassVar[str] = "text/html; charset=utf-8"

    @classmethod
    def write(cls, data: ReportData) -> bytes:
        # The chart's every text is escaped as it is built.
        chart = mark_safe(summary_chart_svg(data))  # noqa: S308
        return render_to_string("reports/report.html", {"data": data, "chart": chart}).encode()
