"""The web page reader keeps to the page's main content: a council site's cookie banner and
breadcrumbs around the plan are not its introduction."""

from eqtrack.importing.readers.web_page import WebPageReader

_TABLE = (
    "<h2>Workforce</h2><table><tr><th>Ref</th><th>Action</th><th>Progress</th><th>Status</th></tr>"
    "<tr><td>1.1</td><td>Publish our pay gaps</td><td>Published.</td><td>Complete</td></tr>"
    "</table>"
)
_AROUND = (
    "<div class='cookie-banner'><p>We use cookies to make this website work.</p></div>"
    "<div class='breadcrumbs'><ol><li>Home</li><li>Your council</li></ol></div>"
)


def _page(main_open: str, main_close: str) -> bytes:
    return (
        f"<html><body>{_AROUND}{main_open}<h1>Equality plan</h1>"
        f"<p>The table below lists our commitments.</p>{_TABLE}{main_close}"
        "<div><p>© Northbridge Borough Council</p></div></body></html>"
    ).encode()


def test_a_page_with_a_main_element_is_read_from_it_alone():
    for main_open, main_close in (("<main>", "</main>"), ("<div role='main'>", "</div>")):
        report = WebPageReader.read(_page(main_open, main_close), source="p.html")
        assert report.introduction == ["The table below lists our commitments."]
        assert [a.ref for t in report.themes for a in t.actions] == ["1.1"]


def test_a_page_without_one_is_read_whole():
    report = WebPageReader.read(_page("<div>", "</div>"), source="p.html")
    assert "We use cookies to make this website work." in report.introduction
    assert [a.ref for t in report.themes for a in t.actions] == ["1.1"]
