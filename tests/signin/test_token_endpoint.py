"""Issue 14, items 1-2: the API's token endpoint is a sign-in like the admin's: a staff
account gives its second factor (NIST SP 800-63B 4.2), a code works once (5.1.4.2), and
the endpoint is throttled per client address (5.2.2)."""

from __future__ import annotations

import pytest

from sorn.constants import Role
from tests.signin.support import PASSWORD, backup_codes, enrol, totp

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])
URL = "/api/v1/auth/token/"


@pytest.fixture
def mfa_on(settings):
    settings.STAFF_MFA_REQUIRED = True


def ask(client, username, **extra):
    return client.post(URL, {"username": username, "password": PASSWORD, **extra})


def test_a_staff_password_alone_gets_no_token(client, staff_user, mfa_on):
    user = staff_user(Role.AUDITOR)
    enrol(user)
    response = ask(client, user.username)
    assert response.status_code == 403
    assert "token" not in response.json()


def test_a_staff_password_and_current_code_get_a_token(client, staff_user, mfa_on):
    user = staff_user(Role.AUDITOR)
    device = enrol(user)
    response = ask(client, user.username, otp_token=totp(device.bin_key))
    assert response.status_code == 200
    assert len(response.json()["token"]) == 64


def test_a_code_is_accepted_once(client, staff_user, mfa_on):
    user = staff_user(Role.AUDITOR)
    device = enrol(user)
    code = totp(device.bin_key)
    assert ask(client, user.username, otp_token=code).status_code == 200
    assert ask(client, user.username, otp_token=code).status_code == 403


def test_a_backup_code_works_once(client, staff_user, mfa_on):
    user = staff_user(Role.AUDITOR)
    enrol(user)
    backup_codes(user, "k3y7q2m9")
    assert ask(client, user.username, otp_token="k3y7q2m9").status_code == 200
    assert ask(client, user.username, otp_token="k3y7q2m9").status_code == 403


def test_a_wrong_code_counts_towards_the_lockout(client, staff_user, mfa_on, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = staff_user(Role.AUDITOR)
    device = enrol(user)
    for _ in range(3):
        ask(client, user.username, otp_token="000000")
    # Password and a good code, but locked: django-axes answers, in the API's shape.
    locked = ask(client, user.username, otp_token=totp(device.bin_key))
    assert (locked.status_code, locked["Content-Type"]) == (429, "application/json")
    assert locked.json()["error"] == "locked_out"
    assert set(locked.json()) == {"error", "detail", "fields"}


def test_in_development_the_password_suffices(client, staff_user, settings):
    settings.STAFF_MFA_REQUIRED = False
    user = staff_user(Role.AUDITOR)
    assert ask(client, user.username).status_code == 200


def test_throttled_per_client_address(client, staff_user, settings):
    settings.STAFF_MFA_REQUIRED = False
    user = staff_user(Role.AUDITOR)
    answers = [ask(client, user.username).status_code for _ in range(11)]
    assert answers == [200] * 10 + [429]
    # A forged X-Forwarded-For is not another client (no TRUSTED_PROXIES).
    assert ask(client, user.username, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
