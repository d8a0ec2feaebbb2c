"""Issue 14, item 1: the admin site itself refuses every page without a verified second
factor (NIST SP 800-63B, 4.2, AAL2), read per request from STAFF_MFA_REQUIRED.

The walk reverses every named URL pattern of admin.site (the index, each app's list,
each ModelAdmin's list, add, change, history and delete pages, and their custom views),
plus the custom admin views mounted elsewhere (/admin/retention/) and the staff pages
(/staff/), and asks each with a signed-in superuser whose session has not passed the
second factor, then with one whose session has."""

from __future__ import annotations

import itertools

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, URLPattern, URLResolver, reverse

from tests.signin.support import enrol, verified_login

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

# Beyond admin.site.get_urls(): views wrapped by admin.site.admin_view elsewhere.
OTHER_STAFF_PATHS = [
    "/admin/retention/dashboard/",
    "/admin/sign-in/sign-out-user/",
    "/staff/policy/",
    "/staff/people/1/access-history/",
    "/staff/people/1/records/",
]


def _patterns(resolver, prefix=""):
    for entry in resolver:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry


def admin_paths() -> list[str]:
    """Every named admin URL, with the first sample value its pattern takes for each
    argument (a number, an app label, a word)."""
    samples = ["1", next(iter(admin.site._registry))._meta.app_label, "x"]
    paths = set()
    for pattern in _patterns(admin.site.get_urls()):
        names = list(pattern.pattern.regex.groupindex)
        for values in itertools.product(samples, repeat=len(names)):
            try:
                paths.add(
                    reverse(f"admin:{pattern.name}", kwargs=dict(zip(names, values, strict=True)))
                )
                break
            except NoReverseMatch:
                continue
        else:
            raise AssertionError(f"no sample fits admin:{pattern.name}")
    return sorted(paths)


def refused_to_sign_in(response) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(("/admin/login/", "/account/"))


@pytest.fixture
def mfa_on(settings):
    settings.STAFF_MFA_REQUIRED = True


def test_the_walk_covers_the_admin():
    paths = admin_paths()
    # Index, login, logout, password change, app lists, and per model at least its list.
    assert "/admin/" in paths
    assert "/admin/retention/legalhold/" in paths
    assert "/admin/axes/accessattempt/" in paths
    assert len(paths) > 100


def test_every_admin_page_refuses_a_password_only_session(client, admin_user, mfa_on):
    enrol(admin_user)
    client.force_login(admin_user)
    answers = {path: client.get(path) for path in admin_paths() + OTHER_STAFF_PATHS}
    let_through = {
        p: (r.status_code, r.get("Location", ""))
        for p, r in answers.items()
        if not refused_to_sign_in(r)
    }
    # Django's admin sends a refused logout to the index (which refuses in turn); the
    # autocomplete is off for everyone (config/urls.py).
    assert let_through == {"/admin/logout/": (302, "/admin/"), "/admin/autocomplete/": (404, "")}
    assert refused_to_sign_in(client.get("/admin/"))
    assert client.post("/admin/retention/legalhold/add/", {}).status_code == 302


def test_every_admin_page_answers_once_the_second_factor_is_passed(client, admin_user, mfa_on):
    device = enrol(admin_user)
    verified_login(client, admin_user, device)
    answers = {path: client.get(path) for path in admin_paths() + OTHER_STAFF_PATHS}
    sent_to_sign_in = [p for p, r in answers.items() if refused_to_sign_in(r)]
    # The admin's own login page and logout are the two that send a verified user on.
    assert sent_to_sign_in == []
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/retention/dashboard/").status_code == 200
    assert client.get("/staff/policy/").status_code == 200


def test_without_a_device_the_refusal_leads_to_enrolment(client, admin_user, mfa_on):
    client.force_login(admin_user)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/account/two-factor/setup/?next=%2Fadmin%2F"
    assert response.status_code == 200


def test_with_a_device_the_refusal_leads_to_the_sign_in_page(client, admin_user, mfa_on):
    enrol(admin_user)
    client.force_login(admin_user)
    response = client.get("/admin/retention/dashboard/", follow=True)
    assert response.redirect_chain[-1][0] == "/account/login/?next=/admin/retention/dashboard/"


def test_off_in_development_a_password_session_opens_the_admin(client, admin_user, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    page = client.get("/account/login/").content.decode()
    assert "Development only:" in page
    assert "demo users of <code>./dev run</code>" in page


def test_the_sign_in_page_says_nothing_of_development_when_required(client, mfa_on):
    page = client.get("/account/login/").content.decode()
    assert "Development only:" not in page
    assert "then the code\n      your authenticator app shows" in page


def test_no_one_reads_a_device_secret_in_the_admin(client, admin_user, mfa_on):
    """django-otp's device admin would show a TOTP secret and its QR code to anyone who
    may view devices (and answered a missing device with a 500)."""
    device = enrol(admin_user)
    verified_login(client, admin_user, device)
    for path in (
        f"/admin/otp_totp/totpdevice/{device.pk}/config/",
        f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/",
        f"/admin/otp_totp/totpdevice/{device.pk + 1000}/config/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert device.key not in response.content.decode()
