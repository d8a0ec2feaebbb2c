"""Attacks on staff sign-in (issue 14, items 1-3): a password without its second factor,
a replayed code, brute force past the lockout with forged X-Forwarded-For, an old session
after sign-out everywhere, a password-only session enrolling a device of its own."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from sorn.constants import Role
from tests.signin.support import code_step, enrol, password_step, totp

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture(autouse=True)
def production_rules(settings):
    settings.STAFF_MFA_REQUIRED = True
    settings.AXES_FAILURE_LIMIT = 3


def test_password_alone_reaches_no_admin_or_staff_page(client, admin_user):
    enrol(admin_user)
    password_step(client, "admin", "x-Admin-pass-1")
    assert "_auth_user_id" not in client.session  # the wizard waits for the code
    for path in ("/admin/", "/admin/retention/dashboard/", "/staff/policy/"):
        assert client.get(path).status_code == 302


def test_a_replayed_code_is_refused(client, staff_user):
    user = staff_user(Role.AUDITOR)
    device = enrol(user)
    code = totp(device.bin_key)
    password_step(client, user.username)
    assert code_step(client, code).status_code == 302
    assert client.get("/admin/").status_code == 200
    thief = Client()
    password_step(thief, user.username)
    assert code_step(thief, code).status_code == 200  # the form again, with its error
    assert thief.get("/admin/").status_code == 302


def test_forged_forwarded_addresses_do_not_dodge_the_lockout(client, staff_user):
    user = staff_user(Role.AUDITOR)
    for n in range(3):
        password_step(client, f"guess-{n}", "x", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    answer = password_step(client, user.username, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert answer.status_code == 429


def test_an_old_session_cookie_is_dead_after_sign_out_everywhere(client, staff_user):
    user = staff_user(Role.AUDITOR)
    device = enrol(user)
    password_step(client, user.username)
    code_step(client, totp(device.bin_key))
    stolen = client.cookies["sessionid"].value
    client.post("/account/sign-out-everywhere/")
    replay = Client()
    replay.cookies["sessionid"] = stolen
    assert replay.get("/admin/").status_code == 302
    assert replay.get("/staff/policy/").status_code == 302


def test_a_password_only_session_cannot_enrol_a_second_device(client, staff_user):
    user = staff_user(Role.AUDITOR)
    enrol(user)
    client.force_login(user)  # however a password-only session came about
    answer = client.post("/account/two-factor/setup/", {"staff_setup_view-current_step": "welcome"})
    assert answer.status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_signing_in_to_ones_own_account_does_not_forget_guesses_at_another(staff_user):
    # An insider with an account of their own guesses a colleague's password from one
    # address: two guesses (the third would lock), then a sign-in of their own (which
    # django-axes' reset on success answers by forgetting every failure *from that
    # address*), and again. Six wrong passwords must lock the colleague's account.
    victim = staff_user(Role.AUDITOR)
    enrol(victim)
    insider = staff_user(Role.RECORDS_OFFICER)
    device = enrol(insider)
    guesser = Client()
    for step in (-1, 0, 1):
        for n in range(2):
            password_step(guesser, victim.username, f"guess-{step}-{n}")
        own = Client()
        password_step(own, insider.username)
        code = totp(device.bin_key, at=time.time() + 30 * step)
        code_step(own, code)  # signed in, while the address is not locked
    assert password_step(guesser, victim.username).status_code == 429
