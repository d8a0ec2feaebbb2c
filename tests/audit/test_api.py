"""The audit over the API (issue 13, item 1: "access events, seals and disclosures
(auditors)"): read-only, for the roles the audit's admin grants — access events and
seals to auditors only, the accounting of disclosures (5 U.S.C. 552a(c)) to privacy
officers and auditors — with the filters an auditor works by. Everyone else 403, no
credentials 401.

Who gets what is written out literally, per role, from the admin's rules ("auditors, and
only they, browse ... access events and seals"; disclosure accounting "is the privacy
officer's, and the auditor's to review"), not read from audit.constants.
"""

from __future__ import annotations

import base64
import datetime

import pytest
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from access.service_accounts import create_service_account
from audit.constants import AccessChannel
from audit.models import AccessEvent, AuditSeal
from sorn.constants import Role
from tests.audit.factories import AccessEventFactory, DisclosureAccountingFactory

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

EVENTS = "/api/v1/access-events/"
SEALS = "/api/v1/audit-seals/"
DISCLOSURES = "/api/v1/disclosures/"
RESOURCES = (EVENTS, SEALS, DISCLOSURES)


def at(day: int, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour))


def token_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")


@pytest.fixture
def rows():
    """One of each: an access event, a seal, a disclosure."""
    event = AccessEventFactory(about=[41])
    seal = AuditSeal.objects.create(
        stream="access_events", sequence=1, first_id=event.pk, last_id=event.pk, row_count=1,
        manifest=b"\x00" * 24, previous_digest="0" * 64, digest="a" * 64,
    )  # fmt: skip
    disclosure = DisclosureAccountingFactory(person_id=41)
    return {EVENTS: event, SEALS: seal, DISCLOSURES: disclosure}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:300]
    return [row["id"] for row in response.json()["results"]]


# Who reads what: every role, literally --------------------------------------------------

OK, NO = 200, 403
WHO_READS = {
    #                        access events, seals, disclosures
    Role.AUDITOR:           (OK, OK, OK),
    Role.PRIVACY_OFFICER:   (NO, NO, OK),
    Role.RECORDS_OFFICER:   (NO, NO, NO),
    Role.CUSTOMER_SERVICE:  (NO, NO, NO),
    Role.FULFILLMENT:       (NO, NO, NO),
    Role.MARKETING_ANALYST: (NO, NO, NO),
    Role.MAILER_SERVICES:   (NO, NO, NO),
    Role.SECURITY_ADMIN:    (NO, NO, NO),
    Role.CONTRACTOR_AGENT:  (NO, NO, NO),
    Role.SERVICE_ORDERS:    (NO, NO, NO),
    Role.SERVICE_MARKETING: (NO, NO, NO),
}  # fmt: skip


def test_the_table_names_every_role():
    assert set(WHO_READS) == set(Role)


@pytest.mark.parametrize("role", list(WHO_READS), ids=lambda role: role.value)
def test_each_role_reads_what_the_admin_gives_it(as_role, rows, role):
    client = as_role(role)
    for url, expected in zip(RESOURCES, WHO_READS[role], strict=True):
        listed = client.get(url)
        assert listed.status_code == expected, (url, listed.content[:200])
        detail = client.get(f"{url}{rows[url].pk}/")
        assert detail.status_code == expected, (url, detail.content[:200])
        if expected == NO:
            body = detail.json()
            assert set(body) == {"error", "detail", "fields"}
            assert body["error"] == "permission_denied"
            assert str(rows[url].pk) not in body["detail"]
        else:
            assert [row["id"] for row in listed.json()["results"]] == [rows[url].pk]
            assert detail.json()["id"] == rows[url].pk


def test_a_marketing_analyst_sees_no_access_event(as_role, rows):
    client = as_role(Role.MARKETING_ANALYST)
    assert client.get(EVENTS).status_code == 403
    assert client.get(EVENTS, {"username": "clerk-test"}).status_code == 403
    assert client.get(f"{EVENTS}{rows[EVENTS].pk}/").status_code == 403


def test_a_privacy_officer_sees_disclosures_but_not_access_events(as_role, rows):
    client = as_role(Role.PRIVACY_OFFICER)
    assert ids(client.get(DISCLOSURES)) == [rows[DISCLOSURES].pk]
    assert client.get(EVENTS).status_code == 403
    assert client.get(f"{EVENTS}{rows[EVENTS].pk}/").status_code == 403


def test_no_credentials_is_401(client, rows):
    for url in RESOURCES:
        for path in (url, f"{url}{rows[url].pk}/"):
            response = client.get(path)
            assert response.status_code == 401, path
            assert set(response.json()) == {"error", "detail", "fields"}


def test_a_service_account_reads_by_the_roles_it_holds(rows):
    auditing = token_client(
        create_service_account("audit-api", [Role.AUDITOR], "An audit system (test).").user
    )
    for url in RESOURCES:
        assert auditing.get(url).status_code == 200, url
        assert auditing.get(f"{url}{rows[url].pk}/").status_code == 200, url
    accounting = token_client(
        create_service_account("foia-api", [Role.PRIVACY_OFFICER], "A case system (test).").user
    )
    assert accounting.get(DISCLOSURES).status_code == 200
    assert accounting.get(EVENTS).status_code == 403
    ordering = token_client(
        create_service_account("orders-api", [Role.SERVICE_ORDERS], "Orders (test).").user
    )
    for url in RESOURCES:
        assert ordering.get(url).status_code == 403, url


def test_they_are_read_only(as_role, rows):
    client = as_role(Role.AUDITOR)
    assert as_role(Role.CUSTOMER_SERVICE).post(EVENTS, {}).status_code == 403
    for url in RESOURCES:
        assert client.post(url, {}, content_type="application/json").status_code == 405
        detail = f"{url}{rows[url].pk}/"
        assert client.patch(detail, {}, content_type="application/json").status_code == 405
        assert client.delete(detail).status_code == 405
    assert AccessEvent.objects.count() == 1


# Filters ----------------------------------------------------------------------------------


@pytest.fixture
def events():
    return {
        "clerk_early": AccessEventFactory(occurred_at=at(1), username="clerk-test",
                                          channel=AccessChannel.ADMIN_LIST, about=[41]),
        "clerk_late": AccessEventFactory(occurred_at=at(20), username="clerk-test",
                                         channel=AccessChannel.API_DETAIL,
                                         model="orders.OfflineOrder", about=[42]),
        "analyst": AccessEventFactory(occurred_at=at(10), username="analyst-test",
                                      roles="marketing_analyst", channel=AccessChannel.API_LIST,
                                      about=[41, 43]),
    }  # fmt: skip


def test_access_event_filters_narrow_the_list(as_role, events):
    client = as_role(Role.AUDITOR)
    pk = {name: event.pk for name, event in events.items()}

    def listed(**query) -> list[int]:
        return ids(client.get(EVENTS, query))

    assert listed() == [pk["analyst"], pk["clerk_late"], pk["clerk_early"]]  # newest first
    assert listed(username="clerk-test") == [pk["clerk_late"], pk["clerk_early"]]
    assert listed(channel="api_list") == [pk["analyst"]]
    assert listed(model="orders.OfflineOrder") == [pk["clerk_late"]]
    assert listed(person_id=41) == [pk["analyst"], pk["clerk_early"]]
    assert listed(person_id=43) == [pk["analyst"]]
    assert listed(occurred_after="2026-03-05") == [pk["analyst"], pk["clerk_late"]]
    assert listed(occurred_before="2026-03-10T12:00:00") == [pk["analyst"], pk["clerk_early"]]
    assert listed(occurred_after="2026-03-05T00:00:00Z", occurred_before="2026-03-15") == [
        pk["analyst"]
    ]
    assert listed(username="clerk-test", person_id=41) == [pk["clerk_early"]]
    assert listed(username="nobody") == []
    event = client.get(f"{EVENTS}{pk['analyst']}/").json()
    assert event["roles"] == ["marketing_analyst"]
    assert (event["record_ids"], event["fields"]) == (events["analyst"].record_ids, ["customer_id"])


def test_disclosure_filters_narrow_the_list(as_role):
    early = DisclosureAccountingFactory(person_id=41, disclosed_at=at(1))
    other = DisclosureAccountingFactory(person_id=42, disclosed_at=at(5), system="mint-009",
                                        recipient_name="The Mint's printer")  # fmt: skip
    late = DisclosureAccountingFactory(person_id=41, disclosed_at=at(9), law_enforcement=True)
    client = as_role(Role.PRIVACY_OFFICER)

    def listed(**query) -> list[int]:
        return ids(client.get(DISCLOSURES, query))

    assert listed() == [late.pk, other.pk, early.pk]
    assert listed(person_id=41) == [late.pk, early.pk]
    assert listed(system="mint-009") == [other.pk]
    assert listed(recipient_name="The Mint's printer") == [other.pk]
    assert listed(person_id=41, disclosed_after="2026-03-02") == [late.pk]
    assert listed(disclosed_before="2026-03-05T12:00:00+00:00") == [other.pk, early.pk]
    assert listed(person_id=99) == []
    # Staff see an entry withheld from the person's own accounting, marked so.
    assert client.get(f"{DISCLOSURES}{late.pk}/").json()["law_enforcement"] is True


def test_seals_filter_by_stream(as_role, rows):
    client = as_role(Role.AUDITOR)
    assert ids(client.get(SEALS, {"stream": "access_events"})) == [rows[SEALS].pk]
    assert ids(client.get(SEALS, {"stream": "change_entries"})) == []
    # The manifest (a hash per sealed row) is for verify_audit, not for the list.
    assert "manifest" not in client.get(f"{SEALS}{rows[SEALS].pk}/").json()


@pytest.mark.parametrize(
    ("url", "query", "named"),
    [
        (EVENTS, {"user": "clerk-test"}, "user"),
        (EVENTS, {"ordering": "-occurred_at"}, "ordering"),
        (EVENTS, {"search": "clerk"}, "search"),
        (EVENTS, {"channel": "telepathy"}, "channel"),
        (EVENTS, {"person_id": "41 OR 1=1"}, "person_id"),
        (EVENTS, {"person_id": "99999999999999999999"}, "person_id"),
        (EVENTS, {"username": ["a", "b"]}, "username"),
        (EVENTS, {"username": "x" * 151}, "username"),
        (EVENTS, {"occurred_after": "yesterday"}, "occurred_after"),
        (EVENTS, {"occurred_after": "2026-02-30"}, "occurred_after"),
        (EVENTS, {"occurred_after": "0001-01-01T00:00:00+05:00"}, "occurred_after"),
        (EVENTS, {"occurred_before": "9999-12-31T23:59:59-05:00"}, "occurred_before"),
        (EVENTS, {"occurred_after": "2026-03-01T00:00:00+25:00"}, "occurred_after"),
        (EVENTS, {"username": "clerk\x00"}, "username"),
        (EVENTS, {"page_size": "0"}, "page_size"),
        (EVENTS, {"page_size": "1000000"}, "page_size"),
        (SEALS, {"stream": "secrets"}, "stream"),
        (DISCLOSURES, {"person": "41"}, "person"),
        (DISCLOSURES, {"disclosed_after": "soon"}, "disclosed_after"),
        (DISCLOSURES, {"recipient_name": ""}, "recipient_name"),
    ],
)
def test_a_bad_or_unknown_parameter_is_a_400_naming_it(as_role, rows, url, query, named):
    response = as_role(Role.AUDITOR).get(url, query)
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert list(body["fields"]) == [named]
    # Never the value sent.
    for value in query.values():
        if isinstance(value, str) and len(value) > 3:
            assert value not in body["detail"]


def test_filters_are_taken_on_lists_only(as_role, rows):
    response = as_role(Role.AUDITOR).get(f"{EVENTS}{rows[EVENTS].pk}/", {"username": "x"})
    assert response.status_code == 400 and "username" in response.json()["fields"]


def test_someone_without_the_role_learns_nothing_from_parameters(as_role, rows):
    """The role is checked before the parameters: a refused caller cannot probe which
    filters exist or which values they accept."""
    client = as_role(Role.MARKETING_ANALYST)
    for query in ({"colour": "red"}, {"channel": "telepathy"}, {"person_id": "41"}):
        response = client.get(EVENTS, query)
        assert response.status_code == 403
        assert response.json()["fields"] == {}


# Pages ------------------------------------------------------------------------------------


def test_pages_follow_the_cursor_and_refuse_a_forged_one(as_role):
    made = [AccessEventFactory(occurred_at=at(1 + n)) for n in range(5)]
    client = as_role(Role.AUDITOR)
    first = client.get(EVENTS, {"page_size": 2}).json()
    assert [e["id"] for e in first["results"]] == [made[4].pk, made[3].pk]
    second = client.get(first["next"]).json()
    assert [e["id"] for e in second["results"]] == [made[2].pk, made[1].pk]
    # A cursor positioned on something that is not a record number, or offset past the
    # bound, is not one this list gave.
    for forged in ("p=clerk-test", "o=999999999&p=3", "r=2&p=3", "p=3&x=1"):
        cursor = base64.b64encode(forged.encode()).decode()
        response = client.get(EVENTS, {"cursor": cursor})
        assert response.status_code == 400, forged
        assert list(response.json()["fields"]) == ["cursor"]


def test_an_id_the_database_cannot_hold_is_a_404(as_role):
    client = as_role(Role.AUDITOR)
    for url in RESOURCES:
        assert client.get(f"{url}99999999999999999999999/").status_code == 404, url
        assert client.get(f"{url}999999999999999999/").status_code == 404, url
        assert client.get(f"{url}-1/").status_code == 404, url


def test_reading_the_audit_writes_no_access_event(as_role, rows):
    """As in the admin and on a person's access-history page: access events record reads
    of the records the notices govern, and reading the trail does not grow it."""
    client = as_role(Role.AUDITOR)
    for url in RESOURCES:
        client.get(url)
        client.get(f"{url}{rows[url].pk}/")
    assert AccessEvent.objects.count() == 1


def test_list_queries_do_not_grow_with_rows(as_role, django_assert_max_num_queries):
    client = as_role(Role.AUDITOR)
    for n in range(3):
        AccessEventFactory(about=[n + 1])
        DisclosureAccountingFactory()
    counts = {}
    for url in (EVENTS, DISCLOSURES):
        with django_assert_max_num_queries(12) as few:
            assert client.get(url, {"person_id": 1}).status_code == 200
        counts[url] = len(few.captured_queries)
    for _ in range(20):
        AccessEventFactory(about=[1])
        DisclosureAccountingFactory(person_id=1)
    for url in (EVENTS, DISCLOSURES):
        with django_assert_max_num_queries(counts[url]):
            assert len(client.get(url, {"person_id": 1}).json()["results"]) > 3


def test_the_schema_tags_and_documents_them(as_role):
    paths = as_role(Role.AUDITOR).get("/api/schema/", {"format": "json"}).json()["paths"]
    for url in RESOURCES:
        assert paths[url]["get"]["tags"] == ["Audit"], url
        assert sorted(paths[url]["get"]["responses"]) == ["200", "400", "401", "403", "429"]
        assert sorted(paths[url + "{id}/"]["get"]["responses"]) == [
            "200", "400", "401", "403", "404", "429"]  # fmt: skip
        assert set(paths[url]) == {"get"}
