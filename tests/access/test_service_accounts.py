"""Service accounts (issue 13, item 3): created by a security administrator, never signing
in, working with tokens issued once, expiring, revocable, throttled per account, and — as
external recipients — having every read accounted for."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken

from access.models import ServiceAccount
from access.service_accounts import NotAServiceAccount, create_service_account, issue_token
from audit.models import ChangeEntry, DisclosureAccounting, ExternalRecipient
from sorn.constants import Role
from tests.access.conftest import USPS_810, person_in
from tests.signin.support import password_step

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ADD = "/admin/access/serviceaccount/add/"


@pytest.fixture
def account(db):
    return create_service_account(
        "orders-api", [Role.SERVICE_ORDERS], "Ships offline orders (test)."
    )


def api(token: str, path: str = "/api/v1/customers/", **extra):
    return Client().get(path, HTTP_AUTHORIZATION=f"Token {token}", **extra)


def test_a_security_administrator_creates_one(as_role):
    admin = as_role(Role.SECURITY_ADMIN)
    response = admin.post(
        ADD,
        {
            "username": "fulfilment-api",
            "roles": [Role.SERVICE_ORDERS.value],
            "description": "Ships orders.",
            "rate": "120/min",
            "token_days": "30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    account = ServiceAccount.objects.get(user__username="fulfilment-api")
    user = account.user
    assert (user.is_staff, user.is_superuser, user.has_usable_password()) == (False, False, False)
    assert list(user.groups.values_list("name", flat=True)) == ["service_orders"]
    assert (account.rate, account.token_days) == ("120/min", 30)
    # Nothing about a token yet: none exists until one is issued.
    assert not AuthToken.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "role",
    [Role.PRIVACY_OFFICER, Role.RECORDS_OFFICER, Role.AUDITOR, Role.CUSTOMER_SERVICE,
     Role.MARKETING_ANALYST],
)  # fmt: skip
def test_no_other_role_manages_them(as_role, account, role):
    client = as_role(role)
    for url in [
        "/admin/access/serviceaccount/",
        ADD,
        f"/admin/access/serviceaccount/{account.pk}/change/",
        f"/admin/access/serviceaccount/{account.pk}/issue-token/",
        f"/admin/access/serviceaccount/{account.pk}/revoke-tokens/",
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"all": "1"}).status_code == 403, url
    assert not AuthToken.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rate", "lots", "Give a number of requests and a period"),
        ("rate", "0/min", "Give a number of requests and a period"),
        ("token_days", "0", "greater than or equal to 1"),
        ("token_days", "3650", "less than or equal to 365"),
        ("username", "Has Spaces", "Use 3 to 60 lower-case letters"),
        ("username", "security_admin-test", "That name is taken."),
        ("roles", None, "This field is required."),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(as_role, field, value, message):
    data = {
        "username": "new-api",
        "roles": [Role.SERVICE_MARKETING.value],
        "description": "Reads preferences.",
        "rate": "60/min",
        "token_days": "90",
    }
    data[field] = value
    if value is None:
        del data[field]
    admin = as_role(Role.SECURITY_ADMIN)
    users_before = get_user_model().objects.count()
    response = admin.post(ADD, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ServiceAccount.objects.exists()
    assert get_user_model().objects.count() == users_before


def test_it_never_signs_in_anywhere(account, staff_user):
    user = account.user
    # No password: the admin's sign-in and the token endpoint refuse whatever is tried.
    for password in ["", "!", user.password]:
        client = Client()
        assert password_step(client, user.username, password).status_code == 200
        assert client.get("/admin/").status_code == 302
        token = Client().post(
            "/api/v1/auth/token/", {"username": user.username, "password": password}
        )
        assert token.status_code in (400, 401, 403)
        assert "token" not in token.json()
    # Even holding a session (as if stolen), it is not staff: the admin sends it away.
    client = Client()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/customers/person/").status_code == 302


@pytest.mark.parametrize(
    "change",
    [
        lambda user: setattr(user, "is_staff", True),
        lambda user: setattr(user, "is_superuser", True),
        lambda user: user.set_password("a-Brand-new-password-1"),
    ],
    ids=["staff", "superuser", "password"],
)
def test_its_user_cannot_be_turned_into_a_signing_in_user(account, change):
    user = get_user_model().objects.get(pk=account.user_id)
    change(user)
    with pytest.raises(NotAServiceAccount):
        user.save()
    fresh = get_user_model().objects.get(pk=account.user_id)
    assert (fresh.is_staff, fresh.is_superuser, fresh.has_usable_password()) == (
        False, False, False)  # fmt: skip


def issue_in_admin(admin: Client, account: ServiceAccount) -> str:
    response = admin.post(f"/admin/access/serviceaccount/{account.pk}/issue-token/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return re.search(r'id="issued-token"[^>]*value="([0-9a-f]{64})"', response.content.decode())[1]


def test_a_token_is_issued_once_works_and_is_stored_as_a_digest(as_role, account):
    person_in("C10000001", USPS_810, given_name="Ada")
    admin = as_role(Role.SECURITY_ADMIN)
    token = issue_in_admin(admin, account)
    response = api(token)
    assert response.status_code == 200
    assert [p["customer_id"] for p in response.json()["results"]] == ["C10000001"]
    stored = AuthToken.objects.get(user=account.user)
    assert token not in (stored.digest, stored.token_key)
    assert token.startswith(stored.token_key)
    # The change page lists it by its first characters only, never whole.
    page = admin.get(f"/admin/access/serviceaccount/{account.pk}/change/").content.decode()
    assert stored.token_key in page and token not in page
    # It expires after the account's token lifetime.
    lifetime = stored.expiry - stored.created
    assert datetime.timedelta(days=89, hours=23) < lifetime <= datetime.timedelta(days=90)


def test_issuing_and_revoking_are_in_the_change_log(as_role, account):
    admin = as_role(Role.SECURITY_ADMIN)
    token = issue_in_admin(admin, account)
    key = AuthToken.objects.get(user=account.user).token_key
    admin.post(f"/admin/access/serviceaccount/{account.pk}/revoke-tokens/", {"all": "1"})
    entries = ChangeEntry.objects.filter(content_type__model="authtoken").order_by("pk")
    assert [e.action for e in entries] == [ChangeEntry.Action.CREATE, ChangeEntry.Action.DELETE]
    assert {e.actor.username for e in entries} == {"security_admin-test"}
    for entry in entries:
        assert token not in str(entry.changes) and token[8:] not in str(entry.changes)
        assert "digest" not in str(entry.changes)
    assert key in entries[0].object_repr or key in str(entries[0].changes)


def test_an_expired_token_is_refused(account):
    token, _ = issue_token(account)
    assert api(token).status_code == 200
    AuthToken.objects.filter(user=account.user).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = api(token)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_revoking_one_token_leaves_the_other(as_role, account):
    first, _ = issue_token(account)
    second, _ = issue_token(account)
    admin = as_role(Role.SECURITY_ADMIN)
    key = next(t.token_key for t in AuthToken.objects.all() if first.startswith(t.token_key))
    page = admin.get(f"/admin/access/serviceaccount/{account.pk}/revoke-tokens/")
    assert key in page.content.decode() and first not in page.content.decode()
    admin.post(f"/admin/access/serviceaccount/{account.pk}/revoke-tokens/", {"token_key": key})
    assert api(first).status_code == 401
    assert api(second).status_code == 200
    # Another account's token cannot be revoked through this one's page.
    other = create_service_account("other-api", [Role.SERVICE_ORDERS], "Another (test).")
    theirs, _ = issue_token(other)
    their_key = AuthToken.objects.get(user=other.user).token_key
    admin.post(
        f"/admin/access/serviceaccount/{account.pk}/revoke-tokens/", {"token_key": their_key}
    )
    assert api(theirs).status_code == 200


def test_deactivating_revokes_every_token_and_stops_new_ones(as_role, account):
    token, _ = issue_token(account)
    admin = as_role(Role.SECURITY_ADMIN)
    response = admin.post(
        f"/admin/access/serviceaccount/{account.pk}/change/",
        {
            "roles": [Role.SERVICE_ORDERS.value],
            "description": account.description,
            "rate": account.rate,
            "token_days": account.token_days,
            # "active" left out: unticked
        },
    )
    assert response.status_code == 302
    assert api(token).status_code == 401
    assert not AuthToken.objects.filter(user=account.user).exists()
    response = admin.post(f"/admin/access/serviceaccount/{account.pk}/issue-token/")
    assert response.status_code == 302  # back to the account, with the reason
    assert not AuthToken.objects.filter(user=account.user).exists()


def test_changing_roles_changes_what_it_reads(as_role, account):
    token, _ = issue_token(account)
    assert api(token, "/api/v1/orders/").status_code == 200
    as_role(Role.SECURITY_ADMIN).post(
        f"/admin/access/serviceaccount/{account.pk}/change/",
        {
            "roles": [Role.SERVICE_MARKETING.value],
            "description": account.description,
            "rate": account.rate,
            "token_days": account.token_days,
            "active": "on",
        },
    )
    assert list(account.user.groups.values_list("name", flat=True)) == ["service_marketing"]
    assert api(token, "/api/v1/orders/").status_code == 403


def test_each_account_is_throttled_at_its_own_rate(account, staff_user):
    account.rate = "3/min"
    account.save()
    other = create_service_account("other-api", [Role.SERVICE_ORDERS], "Another (test).")
    token, _ = issue_token(account)
    other_token, _ = issue_token(other)
    answers = [api(token).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = api(token)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("Request was throttled.")
    # Its neighbour has its own count; staff are not throttled by it.
    assert api(other_token).status_code == 200
    client = Client()
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    assert all(client.get("/api/v1/customers/").status_code == 200 for _ in range(5))


def test_an_external_recipients_reads_are_disclosures(account):
    ada = person_in("C10000001", USPS_810, given_name="Ada")
    ExternalRecipient.objects.create(
        user=account.user,
        name="Example Partner (test)",
        address="1 Test Way, Dover, DE 19901",
        routine_use="USPS 810.300, standard routine uses",
        purpose="Shipping orders.",
    )
    token, _ = issue_token(account)
    assert api(token).status_code == 200
    entry = DisclosureAccounting.objects.get()
    assert (entry.person_id, entry.recipient_name) == (ada.pk, "Example Partner (test)")
    assert entry.records["customers.Person"] == [ada.pk]
    assert entry.recorded_by == "automatic: API read by orders-api"


def test_the_callers_roles_rate_and_recipient_are_one_query(account):
    person_in("C10000002", USPS_810, given_name="Bea")
    token, _ = issue_token(account)
    with CaptureQueriesContext(connection) as queries:
        assert api(token).status_code == 200
    about_the_caller = [
        q["sql"]
        for q in queries.captured_queries
        if any(
            t in q["sql"]
            for t in ("auth_group", "access_serviceaccount", "audit_externalrecipient")
        )
    ]
    assert len(about_the_caller) == 1, about_the_caller
    assert all(
        t in about_the_caller[0]
        for t in ("auth_group", "access_serviceaccount", "audit_externalrecipient")
    )


def test_what_was_read_of_the_caller_is_never_carried_to_its_next_request(account):
    ada = person_in("C10000003", USPS_810, given_name="Ada")
    token, _ = issue_token(account)
    assert api(token).status_code == 200
    assert not DisclosureAccounting.objects.exists()
    # Made an external recipient between two requests: the next read is a disclosure.
    ExternalRecipient.objects.create(
        user=account.user,
        name="Example Partner (test)",
        address="1 Test Way, Dover, DE 19901",
        routine_use="USPS 810.300, standard routine uses",
        purpose="Shipping orders.",
    )
    assert api(token).status_code == 200
    assert DisclosureAccounting.objects.get().person_id == ada.pk
    # Its role taken away: the next request is refused.
    account.user.groups.clear()
    assert api(token).status_code == 403
    # Its rate lowered to 3 a minute: with the two answered requests of this minute
    # counted, one more is allowed (at the old 600 a minute, both would be).
    account.user.groups.add(Group.objects.get_or_create(name=Role.SERVICE_ORDERS.value)[0])
    account.rate = "3/min"
    account.save()
    assert [api(token).status_code for _ in range(2)] == [200, 429]


def test_the_command_prints_a_working_token_once(account, capsys):
    call_command("issue_service_token", "orders-api")
    out, err = capsys.readouterr()
    token = out.strip()
    assert re.fullmatch(r"[0-9a-f]{64}", token)
    assert "shown once" in err and token not in err
    assert api(token).status_code == 200


def test_the_demo_seeds_service_accounts_and_a_recipient(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "x-Demo-pass-1"
    call_command("seed_demo")
    call_command("seed_demo")  # again: nothing twice, nothing refused
    names = sorted(ServiceAccount.objects.values_list("user__username", flat=True))
    assert names == ["partner_fulfillment", "service_marketing", "service_orders"]
    for account in ServiceAccount.objects.all():
        assert not account.user.has_usable_password() and not account.user.is_staff
        assert account.description
    recipient = ExternalRecipient.objects.get()
    assert recipient.user.username == "partner_fulfillment"
