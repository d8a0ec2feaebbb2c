"""Attacks on the second factor through the API (issue 14, item 1): REST framework's
SessionAuthentication takes the session cookie, so a staff session that has not passed
its second factor (a first sign-in before enrolment, or however it came about) must not
read records through /api/v1/ when STAFF_MFA_REQUIRED is on."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from sorn.constants import Role
from tests.access.conftest import person_in
from tests.signin.support import PASSWORD, enrol, password_step, verified_login

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture(autouse=True)
def production_rules(settings):
    settings.STAFF_MFA_REQUIRED = True


def test_a_password_only_session_reads_no_record_through_the_api(staff_user):
    user = staff_user(Role.PRIVACY_OFFICER)
    enrol(user)
    person_in("C00000001", "usps-810-300", email="ada@example.com")
    client = Client()
    client.force_login(user)  # however a password-only session came about
    assert client.get("/api/v1/customers/").status_code == 401


def test_a_first_sign_in_before_enrolment_reads_no_record_through_the_api(staff_user):
    # A staff account with no device yet: the sign-in page lets the password through
    # (enrolment comes next), and that session must reach only enrolment.
    user = staff_user(Role.PRIVACY_OFFICER)
    person_in("C00000001", "usps-810-300", email="ada@example.com")
    client = Client()
    password_step(client, user.username)
    assert "_auth_user_id" in client.session
    assert client.get("/admin/").status_code == 302
    assert client.get("/api/v1/customers/").status_code == 401


def test_a_verified_session_still_reads_through_the_api(staff_user):
    user = staff_user(Role.PRIVACY_OFFICER)
    device = enrol(user)
    client = Client()
    verified_login(client, user, device)
    assert client.get("/api/v1/customers/").status_code == 200


def role_holder_without_staff_status(django_user_model):
    # As Django's user admin adds a user (staff status off by default) before a role
    # group is ticked, or as it leaves one whose staff status was unticked.
    user = django_user_model.objects.create_user("no-staff-flag", password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=Role.PRIVACY_OFFICER.value)[0])
    return user


def test_a_role_holder_without_staff_status_gets_no_token_with_a_password_alone(
    django_user_model,
):
    user = role_holder_without_staff_status(django_user_model)
    answer = Client().post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 403


def test_a_role_holder_without_staff_status_reads_nothing_with_a_password_session(
    django_user_model,
):
    user = role_holder_without_staff_status(django_user_model)
    person_in("C00000001", "usps-810-300", email="ada@example.com")
    client = Client()
    password_step(client, user.username)
    assert client.get("/api/v1/customers/").status_code == 401
