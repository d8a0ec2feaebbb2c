"""A privacy officer in a real browser (issue 12, "Done when"): signs in, finds the request
in the queue, searches the four systems, confirms the requester and rejects the namesake,
starts work, accepts identity, prepares the package; then the requester downloads it from
their status page and gets their own records and no one else's."""

import re

from access_requests.models import RequestMatch
from access_requests.verification import issue_status_token
from sorn.constants import Role
from tests.access_requests.matching_world import build_world, open_request
from tests.browser.support import BROWSER_DB, open_page

pytestmark = BROWSER_DB

PASSWORD = "x-Test-password-1"  # tests/conftest.py staff_user


def sign_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def decide_all(page, person_id: int, verb: str) -> None:
    """Press `verb` (Confirm or Reject) in every undecided row of the person."""
    for _ in range(8):
        row = page.locator("tr", has=page.get_by_role("link", name=f"Person #{person_id}"))
        buttons = row.get_by_role("button", name=verb)
        if buttons.count() == 0:
            return
        with page.expect_navigation():
            buttons.first.click()


def make_move(page, label: str, choose: str | None = None) -> None:
    page.get_by_role("link", name=label).click()
    if choose:
        page.get_by_label("How identity was established").select_option(label=choose)
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def test_a_privacy_officer_takes_a_request_to_the_requesters_download(
    page, browser, live_server, staff_user
):
    world = build_world()
    request = open_request(
        {"name": "Ada Lovelace", "email": "ada@example.org", "logon_id": "lovelace1",
         "order_number": "MO0000019001"}
    )  # fmt: skip
    token = issue_status_token(request)
    officer = staff_user(Role.PRIVACY_OFFICER)

    sign_in(page, officer.username)
    page.goto("/admin/access_requests/privacyactrequest/")
    page.get_by_role("link", name=request.tracking_number).click()
    page.get_by_role("button", name="Search the systems").click()
    page.get_by_text(re.compile(r"Systems searched: \d+ candidate\(s\) to decide")).wait_for()
    decide_all(page, world.ada.pk, "Confirm")
    decide_all(page, world.namesake.pk, "Reject")
    states = set(RequestMatch.objects.filter(request=request).values_list("person_id", "state"))
    assert (world.ada.pk, "confirmed") in states
    assert (world.namesake.pk, "confirmed") not in states

    make_move(page, "Start work")
    make_move(page, "Accept the requester's identity", choose="A known account")
    page.get_by_role("button", name="Prepare the package").click()
    page.get_by_text(re.compile(r"Package prepared \(2 files\)")).wait_for()

    requester = browser.new_context(base_url=live_server.url, accept_downloads=True)
    try:
        mine = requester.new_page()
        open_page(mine, f"/privacy/requests/status/{token}/")
        assert mine.get_by_role("heading", name="Your records are ready").is_visible()
        with mine.expect_download() as download:
            mine.get_by_role("link", name=re.compile("Download the JSON")).click()
        with open(download.value.path(), encoding="utf-8") as file:
            text = file.read()
    finally:
        requester.close()
    assert "MO0000019001" in text and "PF0000018101" in text  # Ada's
    assert "MO0000029001" not in text and "PF0000028101" not in text  # the namesake's
