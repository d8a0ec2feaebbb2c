"""The role policy page in a real browser (issue 14, item 15): in the admin's layout
(its header, breadcrumbs and navigation), one row per data class with the reason under
it and one column per role, fitting a 1280-pixel window; at a narrower window the table
scrolls inside a labelled region that takes keyboard focus and scrolls by the arrow keys;
axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from access.policy import GRANTS
from sorn.constants import Role
from tests.browser.support import BROWSER_DB, assert_no_violations, open_page
from tests.browser.test_staff_request_flow import sign_in

pytestmark = BROWSER_DB

REGION = "[role=region][aria-label='Grants by data class and role']"


def test_the_policy_page_is_an_admin_page_that_fits_1280_pixels(page, staff_user):
    sign_in(page, staff_user(Role.MARKETING_ANALYST).username)
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, "/staff/policy/")

    assert page.locator("#site-name").inner_text() == "Privacy Act records service"
    assert " ".join(page.locator(".breadcrumbs").inner_text().split()) == (
        "Home › Access to records (policy) › Role policy"
    )
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Who may see what: the role policy"
    )
    # The text, not as drawn: the admin's stylesheet capitalises table headings.
    assert page.locator(f"{REGION} thead th").all_text_contents() == [
        "Data class and reason",
        "Privacy officer",
        "Records officer",
        "Customer service",
        "Fulfillment",
        "Marketing analyst",
        "Mailer services",
        "Security administrator",
        "Auditor",
        "Contractor agent",
        "Service: order processing",
        "Service: marketing",
    ]
    rows = page.locator(f"{REGION} tbody tr")
    assert rows.count() == len(GRANTS) == 23
    first = rows.first.locator("th")
    assert first.locator(".class-name").inner_text() == (
        "Internal (row identity, links, bookkeeping)"
    )
    assert first.locator(".reason").inner_text().startswith("Row identity, links between records")
    assert page.locator("p.policy-intro").inner_text().endswith("Your roles: Marketing analyst.")

    fits = page.evaluate(
        "sel => { const r = document.querySelector(sel);"
        " return [document.documentElement.scrollWidth, r.scrollWidth, r.clientWidth]; }",
        REGION,
    )
    assert fits[0] <= 1280 and fits[1] <= fits[2], fits
    # Every role's name fits its column in whole words: none overflows its cell.
    overflowing = page.evaluate(
        "sel => [...document.querySelectorAll(sel + ' th.role')]"
        ".filter(th => th.scrollWidth > th.clientWidth)"
        ".map(th => `${th.textContent} ${th.scrollWidth}>${th.clientWidth}`)",
        REGION,
    )
    assert overflowing == []
    assert_no_violations(page)


def test_at_a_narrow_window_the_table_scrolls_by_keyboard(page, staff_user):
    sign_in(page, staff_user(Role.AUDITOR).username)
    page.set_viewport_size({"width": 700, "height": 900})
    open_page(page, "/staff/policy/")
    region = page.locator(REGION)
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    # Reached by Tab, as a keyboard user reaches it, then scrolled with the arrow key.
    for _ in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("r => r === document.activeElement"):
            break
    assert region.evaluate("r => r === document.activeElement")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # A function, not an expression: Playwright runs an expression through eval(), which
    # the page's own policy refuses.
    page.wait_for_function(f"() => document.querySelector({REGION!r}).scrollLeft > 0")
