"""The procurement permission matrix's cases for the library pages (see test_permissions.py)."""

from __future__ import annotations

from django.urls import reverse

from eqtrack.procurement.models import SocialValueMeasure, SocialValueOutcome, SocialValueTheme

# Every member reads the library; procurement officers and administrators change it.
MEMBERS = ("viewer", "owner", "procurement", "evaluator", "other_evaluator", "contract_manager")
READ = {"anonymous": 302, "outsider": 404, "administrator": 200} | {r: 200 for r in MEMBERS}
WRITE = READ | {r: 403 for r in MEMBERS if r != "procurement"}
# A write that succeeds goes back to the library.
DONE = WRITE | {"procurement": 302, "administrator": 302}


def cases(w: dict) -> list[tuple]:
    """(url name, method, url, data, {role: expected status}); 302 for visitors means "sent to
    sign in", 404 means the thing does not exist as far as that person can tell."""
    org = w["org"].slug
    # Entries of their own to archive, so archiving leaves the world's for the other cases.
    theme = SocialValueTheme.objects.create(organisation=w["org"], name="To archive")
    outcome = SocialValueOutcome.objects.create(
        organisation=w["org"], theme=w["theme"], name="Outcome to archive"
    )
    measure = SocialValueMeasure.objects.create(
        organisation=w["org"], outcome=w["outcome"], code="ARCH", name="To archive", unit="people"
    )

    def url(name: str, *args: object) -> str:
        return reverse(f"procurement-library{name}", args=[org, *args])

    bad_csv = {"upload": _file("measures.csv", b"theme,outcome,code,name,unit\nT,O,,N,U\n")}
    return [
        ("procurement-library", "get", url(""), {}, READ),
        ("procurement-library-export", "get", url("-export"), {}, READ),
        ("procurement-library-import", "get", url("-import"), {}, WRITE),
        ("procurement-library-import", "post", url("-import"), bad_csv, WRITE),
        ("procurement-library-seed", "get", url("-seed"), {}, WRITE),
        ("procurement-library-theme-add", "get", url("-theme-add"), {}, WRITE),
        ("procurement-library-theme-add", "post", url("-theme-add"), {"name": ""}, WRITE),
        ("procurement-library-theme-change", "get", url("-theme-change", w["theme"].pk), {}, WRITE),
        (
            "procurement-library-theme-change",
            "post",
            url("-theme-change", w["theme"].pk),
            {"name": ""},
            WRITE,
        ),
        ("procurement-library-theme-archive", "get", url("-theme-archive", theme.pk), {}, WRITE),
        ("procurement-library-outcome-add", "get", url("-outcome-add"), {}, WRITE),
        (
            "procurement-library-outcome-add",
            "post",
            url("-outcome-add"),
            {"theme": w["theme"].pk, "name": ""},
            WRITE,
        ),
        (
            "procurement-library-outcome-change",
            "get",
            url("-outcome-change", w["outcome"].pk),
            {},
            WRITE,
        ),
        (
            "procurement-library-outcome-archive",
            "get",
            url("-outcome-archive", outcome.pk),
            {},
            WRITE,
        ),
        ("procurement-library-measure-add", "get", url("-measure-add"), {}, WRITE),
        (
            "procurement-library-measure-add",
            "post",
            url("-measure-add"),
            {"outcome": w["outcome"].pk, "code": "SV1", "name": "Again", "unit": "weeks"},
            WRITE,
        ),
        (
            "procurement-library-measure-change",
            "get",
            url("-measure-change", w["measure"].pk),
            {},
            WRITE,
        ),
        (
            "procurement-library-measure-change",
            "post",
            url("-measure-change", w["measure"].pk),
            {"outcome": w["outcome"].pk, "code": "SV1", "name": "", "unit": "weeks"},
            WRITE,
        ),
        (
            "procurement-library-measure-archive",
            "get",
            url("-measure-archive", measure.pk),
            {},
            WRITE,
        ),
        # Writes that succeed, last: each on an entry of its own.
        (
            "procurement-library-measure-archive",
            "post",
            url("-measure-archive", measure.pk),
            {},
            DONE,
        ),
        (
            "procurement-library-outcome-archive",
            "post",
            url("-outcome-archive", outcome.pk),
            {},
            DONE,
        ),
        ("procurement-library-theme-archive", "post", url("-theme-archive", theme.pk), {}, DONE),
        ("procurement-library-seed", "post", url("-seed"), {}, DONE),
    ]


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")
