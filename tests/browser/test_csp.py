"""The Content-Security-Policy in a real browser (issue 14, item 4 and "Done when"): on
every kind of page — the public pages and the request form's steps, the admin as a
superuser and as a masked role, the staff pages, the API docs — Chromium's console stays
silent: no violation, no error, no warning. And the policy does block: a page with inline
script, an inline handler and an inline style runs none of them, and the browser reports
the violation to /csp-report/."""

from __future__ import annotations

import base64
import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.urls import include, path

from access.policy import restrict_queryset
from access_requests.models import PrivacyActRequest
from sorn import catalogue
from sorn.classification import registry
from sorn.constants import Role
from sorn.demo import seed_demo_records
from tests.access_requests.matching_world import open_request
from tests.browser.support import BROWSER_DB, ConsoleWatch
from tests.browser.test_admin_axe import pages_of
from tests.browser.test_request_flow import choose, fill_details, verification_link
from tests.browser.test_staff_request_flow import PASSWORD, sign_in
from tests.signin.support import totp

pytestmark = BROWSER_DB


def test_the_public_pages_and_the_request_form_raise_nothing_in_the_console(page, mailbox):
    watch = ConsoleWatch(page)
    paths = ["/", "/systems/", *(f"/systems/{notice.slug}/" for notice in catalogue.NOTICES)]
    paths += ["/privacy/", "/requests/", "/privacy/requests/new/"]
    for path_ in paths:
        assert watch.visit(path_) == 200, path_

    # The form's steps as a person goes through them: the choice, the details (with an
    # error first, then sent), the e-mailed link, the status page.
    choose(
        page,
        "Get a copy of my records",
        "USPS 810.300 Offline Registration, Payment, and Fulfillment",
    )
    watch.settle()
    page.get_by_role("button", name="Send the request").click()
    watch.settle()
    assert "There is a problem" in page.get_by_role("alert").inner_text()
    fill_details(page)
    page.get_by_role("button", name="Send the request").click()
    watch.settle()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your e-mail"
    assert watch.visit(verification_link(mailbox)) == 200
    page.get_by_role("button", name="Confirm my request").click()
    watch.settle()
    assert "/privacy/requests/status/" in page.url
    assert page.get_by_role("heading", level=1).inner_text().startswith("Privacy Act request PA-")

    assert watch.problems == []


def staff_pages(user, request: PrivacyActRequest) -> dict[str, str]:
    """The admin index, a change list and a change form of each system the user works
    in, the request queue and a request, the retention dashboard, the policy page, a
    person's records and their access history, the API docs: name → path."""
    person = restrict_queryset(user, registry.person_model.objects.order_by("pk")).first()
    assert person is not None
    return {
        **{path_: path_ for path_ in pages_of(user)},
        "request queue": "/admin/access_requests/privacyactrequest/",
        "a request": f"/admin/access_requests/privacyactrequest/{request.pk}/change/",
        "retention dashboard": "/admin/retention/dashboard/",
        "policy": "/staff/policy/",
        "person": f"/staff/people/{person.pk}/records/",
        "access history": f"/staff/people/{person.pk}/access-history/",
        "API docs": "/api/docs/",
    }


def make_superuser(settings):
    # An installation superuser holds the roles POLICY_SUPERUSER_ROLES names in the
    # record views; the privacy officer's opens every page listed above.
    settings.POLICY_SUPERUSER_ROLES = [Role.PRIVACY_OFFICER.value]
    return get_user_model().objects.create_superuser("root-test", "root@example.org", PASSWORD)


def make_analyst(settings):
    user = get_user_model().objects.create_user("analyst-test", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=Role.MARKETING_ANALYST.value)[0])
    return user


# What each persona gets on the pages whose answer depends on the role: a refusal is a
# page of its own (the admin's 403), checked like every other.
REFUSED = {
    "superuser": set(),
    "marketing analyst": {"request queue", "a request", "retention dashboard", "access history"},
}


@pytest.mark.parametrize(
    "persona, make", [("superuser", make_superuser), ("marketing analyst", make_analyst)]
)
def test_the_staff_pages_raise_nothing_in_the_console(page, settings, persona, make):
    settings.DEBUG = True  # the demo seed is development-only
    seed_demo_records(6)
    settings.DEBUG = False
    request = open_request({"name": "Wren Example", "email": "wren@example.org"})
    user = make(settings)
    sign_in(page, user.username)
    watch = ConsoleWatch(page)
    pages = staff_pages(get_user_model().objects.get(pk=user.pk), request)
    assert len(pages) >= 11, pages  # the index and at least one system's two pages
    statuses = {name: watch.visit(path_) for name, path_ in pages.items()}
    assert {name for name, status in statuses.items() if status == 403} == REFUSED[persona]
    assert all(status in (200, 403) for status in statuses.values()), statuses
    # The API docs drew the operations from the schema (their script ran, from its URL).
    # (The schema is half a megabyte of YAML: give Swagger UI time to draw it.)
    page.goto("/api/docs/")
    page.locator(".opblock-summary-path").first.wait_for(timeout=60_000)
    watch.settle()
    assert "/api/v1/addresses/" in page.locator(".opblock-summary-path").all_text_contents()
    assert watch.problems == []


def test_the_sign_in_pages_raise_nothing_in_the_console(page, settings, staff_user):
    """The second factor's pages (issue 14, item 1): the password step, enrolment with its
    QR code, the backup codes, and a refusal of a wrong password."""
    settings.STAFF_MFA_REQUIRED = True
    user = staff_user(Role.AUDITOR)
    watch = ConsoleWatch(page)
    assert watch.visit("/admin/") == 200  # the sign-in page, where /admin/ sends a stranger
    assert "/account/login/" in page.url
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    watch.settle()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/account/two-factor/setup/**")
    watch.settle()
    page.get_by_role("button", name="Next").click()
    watch.settle()
    assert page.get_by_role("img", name="QR code of this account's authenticator key").is_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Token").fill(totp(key))
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/admin/")
    watch.settle()
    assert watch.visit("/account/two-factor/backup/tokens/") == 200
    assert watch.problems == []


# The policy blocks: a page as an injection would leave it ---------------------------------

INJECTED = """<!doctype html><html lang="en"><head><title>untouched</title></head><body>
<script>document.title = "inline script ran";</script>
<button id="b" onclick="document.title = 'inline handler ran'">Press</button>
<p id="p" style="color: rgb(255, 0, 0)">Styled?</p>
<a id="a" href="javascript:document.title = 'javascript link ran'">Link</a>
</body></html>"""


def injected_page(request):
    return HttpResponse(INJECTED)


urlpatterns = [path("injected/", injected_page), path("", include("config.urls"))]


def test_the_policy_refuses_inline_script_handlers_and_styles(page, settings, caplog):
    settings.ROOT_URLCONF = __name__  # the site's own URLs, and the page above
    watch = ConsoleWatch(page)
    caplog.set_level(logging.WARNING, logger="config.security")
    with page.expect_request(lambda r: r.url.endswith("/csp-report/")) as report:
        response = page.goto("/injected/", wait_until="load")
        page.click("#b")
        page.click("#a")
    assert response.headers["content-security-policy"]
    assert report.value.method == "POST"
    watch.settle()
    assert page.title() == "untouched"
    assert page.evaluate("getComputedStyle(document.getElementById('p')).color") != (
        "rgb(255, 0, 0)"
    )
    blocked = "\n".join(watch.problems)
    assert "script-src-elem blocked inline" in blocked
    assert "script-src-attr blocked inline" in blocked
    assert "style-src-attr blocked inline" in blocked
    # The report reached the service and was logged without the page's code.
    page.wait_for_timeout(500)
    logged = [r.getMessage() for r in caplog.records if r.name == "config.security"]
    assert any(
        m.startswith("csp violation: script-src-elem blocked inline on /injected/") for m in logged
    ), logged
    assert not any("document.title" in m for m in logged)
