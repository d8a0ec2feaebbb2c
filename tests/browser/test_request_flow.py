"""A member of the public's path in a real browser (issue 11, "Done when"): from the home
page to a sent request, the verification link from the e-mail, and the status page with
a tracking number; the same with a consent upload; and axe-core on every page of the way,
with and without errors."""

import re

import pytest

from access_requests.documents import read_document
from access_requests.models import PrivacyActRequest, RequestDocument, RequestStatus
from tests.browser.support import BROWSER_DB, assert_no_violations, open_page

pytestmark = BROWSER_DB


def choose(page, kind: str, *systems: str) -> None:
    """Step 1, as a person does it: click the labels."""
    page.get_by_text(kind, exact=True).click()
    for system in systems:
        page.get_by_text(system, exact=True).click()
    page.get_by_role("button", name="Continue").click()


def fill_details(page, name: str = "Wren Example", email: str = "wren@example.org") -> None:
    page.get_by_label(re.compile(r"^Your full name")).fill(name)
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_label("Order number").fill("81030012345")
    page.get_by_label("Type your full name to sign").fill(name)
    page.get_by_text("I declare under penalty of perjury").click()


def verification_link(mailbox) -> str:
    (message,) = [m for m in mailbox if m.subject == "Confirm your Privacy Act request"]
    (link,) = re.findall(r"https?://\S+/privacy/requests/verify/\S+/", message.body)
    return link


def test_from_home_to_a_verified_request_and_its_status_page(page, mailbox):
    open_page(page, "/")
    page.get_by_role("link", name="Make a Privacy Act request").click()
    choose(
        page,
        "Get a copy of my records",
        "USPS 810.300 Offline Registration, Payment, and Fulfillment",
    )
    fill_details(page)
    page.get_by_role("button", name="Send the request").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your e-mail"

    page.goto(verification_link(mailbox))
    page.get_by_role("button", name="Confirm my request").click()

    request = PrivacyActRequest.objects.get()
    assert request.status == RequestStatus.RECEIVED
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == f"Privacy Act request {request.tracking_number}"
    assert re.fullmatch(r"Privacy Act request PA-\d{10}", heading)
    assert "Access to records" in page.content()
    assert "/privacy/requests/status/" in page.url


def test_a_request_for_someone_else_with_their_consent(page, mailbox, pdf_file):
    open_page(page, "/privacy/requests/new/")
    choose(page, "Find out who my records were given to", "All systems listed here")
    fill_details(page, name="Ash Example", email="ash@example.org")
    page.get_by_label("Customer ID").fill("C12345678")
    page.get_by_label("If you are asking for someone else: their full name").fill("Rowan Example")
    page.get_by_label("Their signed consent").set_input_files(str(pdf_file))
    page.get_by_role("button", name="Send the request").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your e-mail"

    page.goto(verification_link(mailbox))
    page.get_by_role("button", name="Confirm my request").click()
    request = PrivacyActRequest.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Privacy Act request {request.tracking_number}"
    )
    assert request.kind == "accounting" and request.on_behalf_of == "Rowan Example"
    assert request.systems == ["mint-009", "usps-810-300", "usps-820-100", "usps-890-000"]
    (document,) = RequestDocument.objects.filter(request=request)
    assert read_document(document).content == pdf_file.read_bytes()


def test_error_summary_links_move_focus_to_the_field(page):
    open_page(page, "/privacy/requests/new/?kind=access&systems=usps-810-300")
    page.get_by_role("button", name="Send the request").click()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    # The summary takes focus when the page loads, so a screen reader reads it first.
    page.wait_for_function(
        "() => document.activeElement.classList.contains('error-summary')", timeout=2000
    )
    assert page.evaluate("document.activeElement.className") == (
        "usa-alert usa-alert--error error-summary"
    )
    summary.get_by_role("link", name="Enter your full name.").click()
    assert page.evaluate("document.activeElement.id") == "id_requester_name"


def test_step_one_by_keyboard_alone(page):
    open_page(page, "/privacy/requests/new/")
    page.locator("#id_kind_1").focus()
    page.keyboard.press("Space")
    page.locator("#id_systems_1").focus()
    page.keyboard.press("Space")
    for _ in range(10):  # Tab on to the button, then press it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Your Privacy Act request"
    assert "kind=access" in page.url and "systems=mint-009" in page.url


PAGES_ON_THE_WAY = [
    "/privacy/requests/new/",
    "/privacy/requests/new/?kind=access",  # step 1 with an error
    "/privacy/requests/new/?kind=amendment&systems=all",
    "/privacy/requests/sent/",
    "/privacy/requests/verify/not-a-real-link/",
    "/privacy/requests/new-link/not-a-real-link/",
]


@pytest.mark.parametrize("path", PAGES_ON_THE_WAY)
def test_form_pages_have_no_wcag21_aa_violation(page, path):
    open_page(page, path)
    assert_no_violations(page)


def test_form_with_errors_has_no_wcag21_aa_violation(page, png_file):
    open_page(page, "/privacy/requests/new/?kind=amendment&systems=usps-820-100")
    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_label("Their signed consent").set_input_files(str(png_file))
    page.get_by_role("button", name="Send the request").click()
    assert "There is a problem" in page.get_by_role("alert").inner_text()
    assert_no_violations(page)


def test_verification_failure_status_and_relink_pages_have_no_violation(page, mailbox):
    open_page(page, "/privacy/requests/new/?kind=notification&systems=usps-810-300")
    fill_details(page)
    page.get_by_role("button", name="Send the request").click()
    link = verification_link(mailbox)
    open_page(page, link)
    assert_no_violations(page)  # the confirm page
    page.get_by_role("button", name="Confirm my request").click()
    assert_no_violations(page)  # the status page
    status_url = page.url
    page.get_by_role("button", name="E-mail me a new link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "New link sent"
    assert_no_violations(page)
    page.goto(status_url)
    assert page.get_by_role("heading", level=1).inner_text() == "Status page not found"
    assert_no_violations(page)
    page.goto(link)
    page.get_by_role("button", name="Confirm my request").click()
    assert page.get_by_role("heading", level=1).inner_text() == "This link does not work"
    assert_no_violations(page)
