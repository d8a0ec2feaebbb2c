"""Issue 14, done-when: a browser signs in with a second factor (password, then a TOTP
code computed here from the device's key), and a first sign-in enrols its device."""

from __future__ import annotations

import base64

import pytest

from sorn.constants import Role
from tests.browser.support import BROWSER_DB
from tests.signin.support import PASSWORD, enrol, totp

pytestmark = BROWSER_DB


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.STAFF_MFA_REQUIRED = True


def password_step(page, username: str) -> None:
    page.goto("/admin/")
    assert "/account/login/" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_sign_in_with_password_and_code(page, staff_user):
    user = staff_user(Role.AUDITOR)
    device = enrol(user)
    password_step(page, user.username)
    page.get_by_label("Token").fill(totp(device.bin_key))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name="Staff").is_visible()


def test_first_sign_in_enrols_a_device(page, staff_user):
    user = staff_user(Role.AUDITOR)
    password_step(page, user.username)
    page.wait_for_url("**/account/two-factor/setup/**")
    page.get_by_role("button", name="Next").click()
    secret = page.locator("#totp-secret").inner_text().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Token").fill(totp(key))
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name="Staff").is_visible()
