"""Attacks on what the API believes about its caller, now read once at sign-in
(access/authentication.py → access.service_accounts.load_account: the roles, the
service account's rate and the external recipient, in one query, kept on the user).

Each caller below is tried on a record resource (the gate: roles decide, staff status
or not) and on a role-restricted one (the accounting of disclosures: a staff user's
roles, or a service account's). Expected answers are written out; all held:
- a token outliving its user's deactivation, or its roles, opens nothing;
- a superuser holds no role unless POLICY_SUPERUSER_ROLES names one, whatever its groups;
- a user with no group reads nothing; a former staff user keeps the records its roles
  open (roles, not staff status: README, sign-in) but no audit resource;
- a request carrying both a session and a token is the token's caller's, its audit too;
- with STAFF_MFA_REQUIRED on (as in production), no account gets a token without its
  second factor: staff or not, a wrong, reused or missing code, an unconfirmed device,
  a service account's user (no password at all).
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from access.service_accounts import create_service_account, issue_token
from audit.models import AccessEvent
from sorn.constants import Role
from tests.access.conftest import USPS_810, USPS_890, person_in
from tests.signin.support import PASSWORD, enrol, totp

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

RECORDS, AUDIT = "/api/v1/customers/", "/api/v1/disclosures/"


def user_with(username: str, *roles: Role, **flags):
    user = get_user_model().objects.create_user(username, password=PASSWORD, **flags)
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


def with_token(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")


def answers(client: Client) -> tuple[int, int]:
    return client.get(RECORDS).status_code, client.get(AUDIT).status_code


@pytest.fixture(autouse=True)
def people():
    person_in("C10000001", USPS_810, given_name="Ada")
    person_in("C10000002", USPS_890, given_name="Bea")


def test_anonymous():
    assert answers(Client()) == (401, 401)


def test_a_token_outliving_its_users_deactivation_opens_nothing():
    user = user_with("po-leaving", Role.PRIVACY_OFFICER, is_staff=True)
    client = with_token(user)
    assert answers(client) == (200, 200)
    user.is_active = False
    user.save()
    assert answers(client) == (401, 401)


def test_a_token_outliving_its_users_roles_opens_nothing():
    user = user_with("po-moved", Role.PRIVACY_OFFICER, is_staff=True)
    client = with_token(user)
    assert answers(client) == (200, 200)
    user.groups.clear()
    assert answers(client) == (403, 403)


@pytest.mark.parametrize(
    ("superuser_roles", "expected"),
    [([], (403, 403)), (["privacy_officer"], (200, 200))],
    ids=["no superuser roles", "privacy officer"],
)
def test_a_superuser_holds_only_the_roles_the_setting_names(settings, superuser_roles, expected):
    settings.POLICY_SUPERUSER_ROLES = superuser_roles
    root = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    root.groups.add(Group.objects.get_or_create(name=Role.AUDITOR.value)[0])  # ignored
    assert answers(with_token(root)) == expected


def test_a_user_with_no_group_reads_nothing():
    assert answers(with_token(user_with("nobody", is_staff=True))) == (403, 403)


def test_a_former_staff_user_keeps_its_records_but_not_the_audit():
    user = user_with("former-po", Role.PRIVACY_OFFICER, is_staff=False)
    assert answers(with_token(user)) == (200, 403)


WHO_READS = {
    #                                                   records, disclosures
    "service account, privacy officer":                 (200, 200),
    "service account, service marketing":               (200, 403),
    "service account, no role":                         (403, 403),
}  # fmt: skip


@pytest.mark.parametrize("caller", list(WHO_READS))
def test_service_accounts_read_by_their_roles(caller):
    roles = {
        "service account, privacy officer": [Role.PRIVACY_OFFICER],
        "service account, service marketing": [Role.SERVICE_MARKETING],
        "service account, no role": [],
    }[caller]
    account = create_service_account("svc-api", roles, "A service (test).")
    token, _ = issue_token(account)
    assert answers(Client(HTTP_AUTHORIZATION=f"Token {token}")) == WHO_READS[caller]


def test_a_request_with_a_session_and_a_token_is_the_tokens_callers(staff_user):
    officer = staff_user(Role.PRIVACY_OFFICER)
    account = create_service_account("marketing-api", [Role.SERVICE_MARKETING], "Test.")
    token, _ = issue_token(account)
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    client.force_login(officer)
    listed = client.get(RECORDS)
    assert listed.status_code == 200
    # Service marketing sees USPS 890.000's customers only: Bea, not Ada.
    assert [row["given_name"] for row in listed.json()["results"]] == ["Bea"]
    assert client.get(AUDIT).status_code == 403
    assert list(AccessEvent.objects.values_list("username", "roles")) == [
        ("marketing-api", "service_marketing")
    ]


# The token endpoint, with the second factor required --------------------------------


@pytest.fixture
def production(settings):
    settings.STAFF_MFA_REQUIRED = True


_addresses = iter(f"192.0.2.{n}" for n in range(1, 255))


def token_answer(username: str, **extra) -> int:
    """One sign-in from an address of its own: the lockout and the throttle count per
    address, and are not what is tried here."""
    body = {"username": username, "password": PASSWORD, **extra}
    client = Client(REMOTE_ADDR=next(_addresses))
    return client.post("/api/v1/auth/token/", body, content_type="application/json").status_code


def test_no_account_gets_a_token_without_its_second_factor(production):
    staff = user_with("po-staff", Role.PRIVACY_OFFICER, is_staff=True)
    device = enrol(staff)
    guessed = user_with("po-guessed", Role.PRIVACY_OFFICER, is_staff=True)
    right = totp(enrol(guessed).bin_key)
    not_staff = user_with("po-not-staff", Role.PRIVACY_OFFICER, is_staff=False)
    enrol(not_staff)
    unconfirmed = user_with("po-unconfirmed", Role.PRIVACY_OFFICER, is_staff=True)
    unconfirmed_device = TOTPDevice.objects.create(user=unconfirmed, name="new", confirmed=False)
    service = create_service_account("svc-orders", [Role.SERVICE_ORDERS], "Test.")
    code = totp(device.bin_key)
    attempts = {
        "no code": token_answer("po-guessed"),
        "empty code": token_answer("po-guessed", otp_token=""),
        "wrong code": token_answer("po-guessed", otp_token="000000" if right != "000000" else "1"),
        "not staff, no code": token_answer("po-not-staff"),
        "unconfirmed device, its code": token_answer(
            "po-unconfirmed", otp_token=totp(unconfirmed_device.bin_key)
        ),
        "service account's user": token_answer(service.user.username),
        "the right code": token_answer("po-staff", otp_token=code),
        "the same code again": token_answer("po-staff", otp_token=code),
    }
    assert attempts == {
        "no code": 403,
        "empty code": 403,
        "wrong code": 403,
        "not staff, no code": 403,
        "unconfirmed device, its code": 403,
        "service account's user": 403,
        "the right code": 200,
        "the same code again": 403,
    }
