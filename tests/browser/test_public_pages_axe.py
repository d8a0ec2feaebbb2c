"""The public pages in a real browser (issue 11, "Done when"): axe-core finds no WCAG 2.0
or 2.1 level A or AA violation on the home page, the list of systems, every notice page,
the rights page or the requests page, each with its stylesheet loaded; and a keyboard
user's first Tab reaches the skip link, which moves focus to the main content (WCAG 2.1
2.4.1, Bypass Blocks)."""

import pytest
from django.urls import reverse

from sorn import catalogue
from sorn.models import SystemOfRecords
from tests.browser.support import BROWSER_DB, assert_no_violations, open_page

pytestmark = BROWSER_DB

PAGES = {
    "home": "/",
    "systems": "/systems/",
    "rights": "/privacy/",
    "requests": "/requests/",
}
# The notices the catalogue publishes; test_every_stored_system_is_checked makes sure no
# stored system goes without its page's check.
NOTICE_SLUGS = [notice.slug for notice in catalogue.NOTICES]


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_public_page_has_no_wcag21_aa_violation(page, path):
    open_page(page, path)
    assert_no_violations(page)


@pytest.mark.parametrize("slug", NOTICE_SLUGS)
def test_notice_page_has_no_wcag21_aa_violation(page, slug):
    system = SystemOfRecords.objects.get(slug=slug)
    open_page(page, reverse("sorn:system-detail", args=[system.slug]))
    assert_no_violations(page)


def test_every_stored_system_is_checked():
    stored = set(SystemOfRecords.objects.values_list("slug", flat=True))
    assert stored == {"usps-810-300", "usps-820-100", "usps-890-000", "mint-009"}
    assert stored == set(NOTICE_SLUGS)


def test_the_stylesheet_is_served(page):
    responses = open_page(page, "/")
    css = [r for r in responses if r.url.endswith("/static/css/site.css")]
    assert [r.status for r in css] == [200]
    assert "text/css" in css[0].headers["content-type"]


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(page):
    open_page(page, "/")

    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({tag: document.activeElement.tagName,"
        " text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"tag": "A", "text": "Skip to main content", "href": "#main"}
    # Visible once focused (it sits off-screen until then; USWDS slides it in over
    # 0.2 s, so wait for the slide to end rather than catch it half-way).
    page.wait_for_function(
        "() => { const r = document.activeElement.getBoundingClientRect();"
        " return r.left >= 0 && r.top >= 0; }",
        timeout=2000,
    )
    box = page.locator(":focus").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'main'")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    # And the next Tab continues from inside the main content, not from the top.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
