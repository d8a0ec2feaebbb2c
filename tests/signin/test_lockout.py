"""Issue 14, item 2: lockout after repeated failed sign-ins (django-axes), per account and
per client address, the address believed from TRUSTED_PROXIES only; each lockout audited;
a security administrator lifts it in the admin, audited (NIST SP 800-53 AC-7)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from audit.models import SecurityEvent
from sorn.constants import Role
from tests.signin.support import PASSWORD
from tests.signin.support import password_step as sign_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture(autouse=True)
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.STAFF_MFA_REQUIRED = False


def test_the_account_is_locked_after_the_limit(client, staff_user):
    user = staff_user(Role.AUDITOR)
    assert [sign_in(client, user.username, "wrong-password").status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
    # The right password now changes nothing, from this address or another.
    assert sign_in(client, user.username, PASSWORD).status_code == 429
    assert sign_in(client, user.username, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert "_auth_user_id" not in client.session


def test_each_lockout_is_audited_without_the_password(client, staff_user):
    user = staff_user(Role.AUDITOR)
    for _ in range(3):
        sign_in(client, user.username, "wrong-password-7")
    event = SecurityEvent.objects.get()
    assert (event.kind, event.user_id, event.username, event.remote_addr) == (
        "locked_out",
        user.pk,
        user.username,
        "127.0.0.1",
    )
    attempts = "".join(a.post_data + a.get_data for a in AccessAttempt.objects.all())
    assert "wrong-password-7" not in attempts


def test_an_unknown_account_name_is_not_kept_in_the_audit(client, db):
    for _ in range(3):
        sign_in(client, "my-password-by-mistake", "x")
    event = SecurityEvent.objects.get()
    assert (event.user_id, event.username) == (None, "")
    assert "my-password-by-mistake" not in event.detail


def test_the_address_is_locked_whatever_the_account(client, staff_user):
    user = staff_user(Role.AUDITOR)
    for name in ("a-1", "a-2", "a-3"):
        sign_in(client, name, "x")
    assert sign_in(client, user.username, PASSWORD).status_code == 429
    # Another address is another client.
    assert sign_in(client, user.username, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, staff_user, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    user = staff_user(Role.AUDITOR)
    for name in ("b-1", "b-2", "b-3"):
        sign_in(client, name, "x", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    proxied = {"REMOTE_ADDR": "10.0.0.1"}
    assert (
        sign_in(client, user.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxied)
    ).status_code == 429
    assert (
        sign_in(client, user.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxied)
    ).status_code == 302


def test_a_security_administrator_unlocks_audited(client, staff_user):
    user = staff_user(Role.AUDITOR)
    for _ in range(3):
        sign_in(client, user.username, "wrong")
    security = staff_user(Role.SECURITY_ADMIN)
    client.force_login(security)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    response = client.post(
        "/admin/axes/accessattempt/",
        {
            "action": "unlock",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    assert AccessAttempt.objects.count() == 0
    unlocked = SecurityEvent.objects.filter(kind="unlocked").get()
    assert (unlocked.username, unlocked.actor_username) == (user.username, security.username)
    client.logout()
    assert sign_in(client, user.username, PASSWORD).status_code == 302


def test_other_roles_cannot_see_or_lift_locks(client, staff_user):
    user = staff_user(Role.AUDITOR)
    for _ in range(3):
        sign_in(client, user.username, "wrong")
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": [AccessAttempt.objects.get().pk]},
    )
    assert AccessAttempt.objects.count() == 1
    assert not SecurityEvent.objects.filter(kind="unlocked").exists()
