"""Retention over the API (issue 13, item 1: "legal holds and retention plans (records
officers)"): legal holds listed, read, placed and released by records and privacy
officers, as in the admin (issue 6: "placed by a records or privacy officer ...;
released explicitly; audited"); purge runs and certificates read by the officers and
auditors; the dashboard's forecasts by its roles. Everyone else 403, no credentials 401.

Who gets what is written out literally, per role, from the admin's rules as issue 6
states them — not read from retention.services' role sets, which the code uses.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from access.service_accounts import create_service_account
from audit.changes import readable_changes
from audit.models import AccessEvent, ChangeEntry
from retention.models import DestructionCertificate, LegalHold, PurgeRun, RetentionForecast
from retention.planning import compute_plan
from sorn.constants import Role
from tests.mailers.factories import ACHRecordFactory, mailer

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

HOLDS = "/api/v1/legal-holds/"
RUNS = "/api/v1/purge-runs/"
CERTIFICATES = "/api/v1/destruction-certificates/"
FORECASTS = "/api/v1/retention-forecasts/"
ACH_RULE = "usps-820-100/ach"  # USPS 820.100: ACH records, 2 years


def _years_ago(years: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=366 * years)


def token_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")


def service_account(*roles: Role) -> Client:
    account = create_service_account("records-api", roles, "A records system (test).")
    return token_client(account.user)


def post(client: Client, url: str, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def rows(staff_user):
    """One of each: a hold, a run with its certificate, a forecast."""
    officer = staff_user(Role.RECORDS_OFFICER, "records-officer-rows")
    hold = LegalHold.objects.create(
        scope="system", system="usps-820-100", reason="Docket 24-101", placed_by=officer
    )
    now = timezone.now()
    run = PurgeRun.objects.create(
        as_of=timezone.localdate(), status="completed", triggered_by="test",
        plan={"total_due": 1}, started_at=now, finished_at=now,
    )  # fmt: skip
    certificate = DestructionCertificate.objects.create(
        run=run, as_of=run.as_of, started_at=now, finished_at=now, authorised_by="test",
        revisions={"usps-820-100": 1}, total=1, digest="0" * 64, complete=True,
        lines=[{"system": "usps-820-100", "rule": "ach", "model": "mailers.ACHRecord",
                "count": 1}],
    )  # fmt: skip
    forecast = RetentionForecast.objects.create(requested_by="test")
    return {HOLDS: hold, RUNS: run, CERTIFICATES: certificate, FORECASTS: forecast}


# Who reads what: every role, literally --------------------------------------------------

OK, NO = 200, 403
RESOURCES = (HOLDS, RUNS, CERTIFICATES, FORECASTS)
WHO_READS = {
    #                        holds, runs, certificates, forecasts
    Role.PRIVACY_OFFICER:   (OK, OK, OK, OK),
    Role.RECORDS_OFFICER:   (OK, OK, OK, OK),
    Role.AUDITOR:           (NO, OK, OK, NO),
    Role.CUSTOMER_SERVICE:  (NO, NO, NO, NO),
    Role.FULFILLMENT:       (NO, NO, NO, NO),
    Role.MARKETING_ANALYST: (NO, NO, NO, NO),
    Role.MAILER_SERVICES:   (NO, NO, NO, NO),
    Role.SECURITY_ADMIN:    (NO, NO, NO, NO),
    Role.CONTRACTOR_AGENT:  (NO, NO, NO, NO),
    Role.SERVICE_ORDERS:    (NO, NO, NO, NO),
    Role.SERVICE_MARKETING: (NO, NO, NO, NO),
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
        else:
            assert [row["id"] for row in listed.json()["results"]] == [rows[url].pk]
            assert detail.json()["id"] == rows[url].pk


def test_no_credentials_is_401(client, rows):
    for url in RESOURCES:
        for path in (url, f"{url}{rows[url].pk}/"):
            response = client.get(path)
            assert response.status_code == 401, path
            assert set(response.json()) == {"error", "detail", "fields"}
    assert post(client, HOLDS, {"scope": "system"}).status_code == 401


def test_a_service_account_reads_by_the_roles_it_holds(rows):
    """A service account's roles are its groups, as a staff user's: holding the records
    officer's, it reads holds, runs, certificates and forecasts; holding only a service
    role, none of them."""
    officer_service = service_account(Role.RECORDS_OFFICER)
    for url in RESOURCES:
        assert officer_service.get(url).status_code == 200, url
        assert officer_service.get(f"{url}{rows[url].pk}/").status_code == 200, url
    orders_service = token_client(
        create_service_account("orders-api", [Role.SERVICE_ORDERS], "Orders (test).").user
    )
    for url in RESOURCES:
        assert orders_service.get(url).status_code == 403, url
        assert orders_service.get(f"{url}{rows[url].pk}/").status_code == 403, url


def test_a_service_account_never_places_or_releases_a_hold(rows):
    """Placing and releasing are a staff officer's decisions (retention.services): a
    service account holding the officer's role reads holds but gets 403 for both, and
    nothing changes."""
    client = service_account(Role.PRIVACY_OFFICER)
    hold = rows[HOLDS]
    placed = post(client, HOLDS, {"scope": "system", "system": "mint-009", "reason": "Docket 1"})
    assert placed.status_code == 403
    released = post(client, f"{HOLDS}{hold.pk}/release/", {"release_reason": "Settled"})
    assert released.status_code == 403
    hold.refresh_from_db()
    assert hold.is_active and LegalHold.objects.count() == 1


def test_a_user_no_longer_staff_holds_no_role_here(rows):
    """An account whose staff status was taken away keeps its groups; it is no service
    account either, so its old roles give it nothing here (as in the admin)."""
    user = get_user_model().objects.create_user("former-officer", password="x-Former-pass-1")
    user.groups.add(Group.objects.get(name=Role.RECORDS_OFFICER.value))
    client = token_client(user)
    for url in RESOURCES:
        assert client.get(url).status_code == 403, url


# Filters ----------------------------------------------------------------------------------


def test_hold_filters_narrow_the_list(as_role, staff_user):
    officer = staff_user(Role.PRIVACY_OFFICER, "placer")
    person = mailer()
    ach = ACHRecordFactory()
    on_system = LegalHold.objects.create(
        scope="system", system="usps-810-300", reason="Audit 7", placed_by=officer
    )
    on_person = LegalHold.objects.create(
        scope="person", person_id=person.pk, reason="Docket 9", placed_by=officer
    )
    on_record = LegalHold.objects.create(
        scope="record", model_label="mailers.ACHRecord", record_id=ach.pk, reason="FOIA 3",
        placed_by=officer, released_by=officer, released_at=timezone.now(),
        release_reason="Answered",
    )  # fmt: skip
    client = as_role(Role.RECORDS_OFFICER)

    def listed(**query) -> list[int]:
        response = client.get(HOLDS, query)
        assert response.status_code == 200, response.content[:300]
        return [row["id"] for row in response.json()["results"]]

    # Newest first.
    assert listed() == [on_record.pk, on_person.pk, on_system.pk]
    assert listed(state="active") == [on_person.pk, on_system.pk]
    assert listed(state="released") == [on_record.pk]
    assert listed(scope="person") == [on_person.pk]
    assert listed(system="usps-810-300") == [on_system.pk]
    assert listed(person_id=person.pk) == [on_person.pk]
    assert listed(model_label="mailers.ACHRecord", record_id=ach.pk) == [on_record.pk]
    assert listed(scope="person", state="released") == []


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"colour": "red"}, "colour"),
        ({"ordering": "reason"}, "ordering"),
        ({"search": "Docket"}, "search"),
        ({"state": "gone"}, "state"),
        ({"scope": "planet"}, "scope"),
        ({"person_id": "-1"}, "person_id"),
        ({"person_id": "99999999999999999999"}, "person_id"),
        ({"person_id": ["1", "2"]}, "person_id"),
        ({"page_size": "100000"}, "page_size"),
        ({"cursor": "bm90IG91cnM="}, "cursor"),
    ],
    ids=["unknown", "ordering", "search", "state", "scope", "negative", "too-long",
         "repeated", "page-size", "cursor"],
)  # fmt: skip
def test_a_bad_or_unknown_parameter_is_a_400_naming_it(as_role, rows, query, named):
    response = as_role(Role.RECORDS_OFFICER).get(HOLDS, query)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [named]


def test_a_filter_is_taken_on_the_list_only(as_role, rows):
    hold = rows[HOLDS]
    response = as_role(Role.RECORDS_OFFICER).get(f"{HOLDS}{hold.pk}/", {"scope": "system"})
    assert response.status_code == 400 and "scope" in response.json()["fields"]


def test_runs_and_certificates_filter(as_role, rows):
    client = as_role(Role.AUDITOR)
    run = rows[RUNS]
    assert [r["id"] for r in client.get(RUNS, {"status": "completed"}).json()["results"]] == [
        run.pk
    ]
    assert client.get(RUNS, {"status": "rejected"}).json()["results"] == []
    assert client.get(RUNS, {"status": "done"}).status_code == 400
    certificates = client.get(CERTIFICATES, {"run": run.pk, "complete": "true"}).json()
    assert [c["id"] for c in certificates["results"]] == [rows[CERTIFICATES].pk]
    assert client.get(CERTIFICATES, {"complete": "false"}).json()["results"] == []
    assert client.get(CERTIFICATES, {"complete": "yes"}).status_code == 400
    assert client.get(FORECASTS, {"computed": "true"}).status_code == 403  # roles first
    assert as_role(Role.RECORDS_OFFICER).get(FORECASTS, {"computed": "true"}).status_code == 400


def test_a_certificate_reads_as_its_export(as_role, rows):
    """Counts, dates, identifiers and the digest's method; no personal data."""
    body = as_role(Role.AUDITOR).get(f"{CERTIFICATES}{rows[CERTIFICATES].pk}/").json()
    assert body["lines"] == [
        {"system": "usps-820-100", "rule": "ach", "model": "mailers.ACHRecord", "count": 1}
    ]
    assert body["digest_method"].startswith("SHA-256 over")
    assert (body["run"], body["total"], body["complete"]) == (rows[RUNS].pk, 1, True)


def test_an_id_the_database_cannot_hold_is_a_404(as_role):
    client = as_role(Role.RECORDS_OFFICER)
    for url in RESOURCES:
        assert client.get(f"{url}99999999999999999999999/").status_code == 404, url
        assert client.get(f"{url}999999999999999999/").status_code == 404, url


# Placing a hold ---------------------------------------------------------------------------


def test_a_hold_placed_over_the_api_is_the_admins_hold_audited(as_role, staff_user):
    client = as_role(Role.PRIVACY_OFFICER)
    person = mailer()
    response = post(
        client, HOLDS, {"scope": "person", "person_id": person.pk, "reason": "  Docket 24-101 "}
    )
    assert response.status_code == 201, response.content[:300]
    hold = LegalHold.objects.get()
    officer = get_user_model().objects.get(username="privacy_officer-test")
    assert (hold.scope, hold.person_id, hold.placed_by, hold.reason) == (
        "person", person.pk, officer, "Docket 24-101")  # fmt: skip
    assert response.json() == {
        "id": hold.pk, "scope": "person", "person_id": person.pk, "system": "",
        "model_label": "", "record_id": None, "query": None, "reason": "Docket 24-101",
        "active": True, "placed_by": "privacy_officer-test",
        "placed_at": response.json()["placed_at"], "released_by": None, "released_at": None,
        "release_reason": "",
    }  # fmt: skip
    # Audited as the admin's: a change entry by the officer, its content readable.
    entry = ChangeEntry.objects.get_for_object(hold).get()
    assert (entry.actor, entry.action) == (officer, ChangeEntry.Action.CREATE)
    assert readable_changes(entry)["reason"][1] == "Docket 24-101"


def test_a_placed_hold_protects_what_it_names(as_role):
    """The hold placed over the API keeps a due record out of the purge: the plan counts
    it held, not due (USPS 820.100: ACH records, 2 years)."""
    old = ACHRecordFactory(recorded_on=_years_ago(3))
    line = compute_plan(timezone.localdate()).as_dict()["rules"][ACH_RULE]
    assert (line["due"], line["held"]) == (1, 0)
    client = as_role(Role.RECORDS_OFFICER)
    placed = post(client, HOLDS, {"scope": "person", "person_id": old.person_id,
                                  "reason": "Litigation hold"})  # fmt: skip
    assert placed.status_code == 201
    line = compute_plan(timezone.localdate()).as_dict()["rules"][ACH_RULE]
    assert (line["due"], line["held"]) == (0, 1)
    # Released, it follows its rule again.
    released = post(client, f"{HOLDS}{placed.json()['id']}/release/",
                    {"release_reason": "Case dismissed"})  # fmt: skip
    assert released.status_code == 200
    line = compute_plan(timezone.localdate()).as_dict()["rules"][ACH_RULE]
    assert (line["due"], line["held"]) == (1, 0)


def test_a_query_hold_on_fields_read_in_clear_is_placed(as_role):
    old = ACHRecordFactory(recorded_on=_years_ago(3))
    ACHRecordFactory(recorded_on=_years_ago(3))
    client = as_role(Role.RECORDS_OFFICER)
    query = {"id": old.pk, "recorded_on__lt": str(timezone.localdate())}
    response = post(client, HOLDS, {"scope": "query", "model_label": "mailers.ACHRecord",
                                    "query": query, "reason": "Audit 12"})  # fmt: skip
    assert response.status_code == 201, response.content[:300]
    assert response.json()["query"] == query
    line = compute_plan(timezone.localdate()).as_dict()["rules"][ACH_RULE]
    assert (line["due"], line["held"]) == (1, 1)


ACH = "mailers.ACHRecord"
# The admin's refusals (tests/retention/test_admin.py INVALID_HOLDS), sent as JSON.
INVALID_HOLDS = [
    ("bad scope", {"scope": "planet", "reason": "Docket 1"}, "scope"),
    ("blank reason", {"scope": "system", "system": "usps-820-100", "reason": "   "}, "reason"),
    ("no reason", {"scope": "system", "system": "usps-820-100"}, "reason"),
    ("no scope", {"system": "usps-820-100", "reason": "Docket 1"}, "scope"),
    ("unknown system", {"scope": "system", "system": "usps-999", "reason": "D"}, "system"),
    ("unknown person", {"scope": "person", "person_id": 987654321, "reason": "D"}, "person_id"),
    ("person beyond the database", {"scope": "person", "person_id": 10**30, "reason": "D"},
     "person_id"),
    ("person hold without a person", {"scope": "person", "reason": "D"}, "person_id"),
    ("person number on a system hold",
     {"scope": "system", "system": "usps-820-100", "person_id": 1, "reason": "D"}, "person_id"),
    ("unknown record type",
     {"scope": "record", "model_label": "auth.User", "record_id": 1, "reason": "D"},
     "model_label"),
    ("missing record",
     {"scope": "record", "model_label": ACH, "record_id": 987654321, "reason": "D"},
     "record_id"),
    ("empty query", {"scope": "query", "model_label": ACH, "query": {}, "reason": "D"}, "query"),
    ("unknown field",
     {"scope": "query", "model_label": ACH, "query": {"colour": "red"}, "reason": "D"}, "query"),
    ("encrypted field",
     {"scope": "query", "model_label": ACH, "query": {"account_number": "1"}, "reason": "D"},
     "query"),
    ("a field the role reads masked",
     {"scope": "query", "model_label": "customers.Person", "query": {"birth_month": 5},
      "reason": "D"}, "query"),
    ("value of the wrong type",
     {"scope": "query", "model_label": ACH, "query": {"recorded_on__lt": "last year"},
      "reason": "D"}, "query"),
    # The shape, before the form: a form would turn a list into text.
    ("reason a list", {"scope": "system", "system": "usps-820-100", "reason": ["a"]}, "reason"),
    ("person number as text", {"scope": "person", "person_id": "12", "reason": "D"}, "person_id"),
    ("person number a boolean", {"scope": "person", "person_id": True, "reason": "D"},
     "person_id"),
    ("query a list", {"scope": "query", "model_label": ACH, "query": [1, 2], "reason": "D"},
     "query"),
    ("unknown field of the body", {"scope": "system", "system": "mint-009", "reason": "D",
                                   "placed_by": "someone-else"}, "placed_by"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "body", "field"), INVALID_HOLDS, ids=[case for case, _, _ in INVALID_HOLDS]
)
def test_a_malformed_hold_is_refused_and_nothing_is_saved(as_role, case, body, field):
    ACHRecordFactory()
    response = as_role(Role.RECORDS_OFFICER).post(
        HOLDS, json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400, (case, response.content[:300])
    answer = response.json()
    assert answer["error"] == "invalid" and field in answer["fields"], (case, answer)
    assert LegalHold.objects.count() == 0
    assert not ChangeEntry.objects.filter(content_type__model="legalhold").exists()


def test_a_query_hold_compares_only_what_the_officer_reads_in_clear(as_role):
    """Its counts show on every plan, so its lookups are a search (retention/hold_targets.py):
    a records officer reads a person's birth month only masked, and may not hold by it."""
    body = {"scope": "query", "model_label": "customers.Person", "reason": "D",
            "query": {"birth_month": 5}}  # fmt: skip
    answer = post(as_role(Role.RECORDS_OFFICER), HOLDS, body).json()
    assert answer["fields"]["query"] == [
        "birth_month: the records officer role cannot search customers.Person.birth_month: "
        "it does not read it in clear"
    ]


def test_the_query_error_says_why(as_role):
    body = {"scope": "query", "model_label": ACH, "reason": "D",
            "query": {"account_number": "1", "colour": "red"}}  # fmt: skip
    answer = post(as_role(Role.RECORDS_OFFICER), HOLDS, body).json()
    assert answer["fields"]["query"] == [
        "account_number: account_number is encrypted; only fields stored in clear",
        "colour: mailers.ACHRecord has no field 'colour'",
    ]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "error"),
    [
        ("[1, 2]", "application/json", 400, "invalid"),
        ("{", "application/json", 400, "parse_error"),
        ('{"scope": "system", "system": "mint-009", "reason": "Do\\u0000cket"}',
         "application/json", 400, "parse_error"),
        ('{"scope": "system", "system": "mint-009", "reason": "\\ud800"}', "application/json",
         400, "parse_error"),
        ('{"scope": "query", "model_label": "mailers.ACHRecord", "reason": "D", '
         '"query": {"id__gt": 1e400}}', "application/json", 400, "parse_error"),
        ("scope=system&system=mint-009&reason=Docket", "application/x-www-form-urlencoded", 415,
         "unsupported_media_type"),
    ],
    ids=["not-an-object", "not-json", "nul", "lone-surrogate", "past-floating-point",
         "form-encoded"],
)  # fmt: skip
def test_a_body_that_is_no_hold_is_refused_in_the_one_shape(
    as_role, body, content_type, status, error
):
    """A lone surrogate had been a 500 (the database cannot encode it); 1e400 too (it
    reads as infinity, which no integer column compares with)."""
    response = as_role(Role.PRIVACY_OFFICER).post(HOLDS, body, content_type=content_type)
    assert response.status_code == status, response.content[:300]
    answer = response.json()
    assert set(answer) == {"error", "detail", "fields"} and answer["error"] == error
    assert LegalHold.objects.count() == 0


@pytest.mark.parametrize("role", sorted(set(Role) - {Role.RECORDS_OFFICER, Role.PRIVACY_OFFICER}))
def test_no_one_else_places_a_hold(as_role, role):
    body = {"scope": "system", "system": "mint-009", "reason": "Docket 1"}
    assert post(as_role(role), HOLDS, body).status_code == 403
    assert LegalHold.objects.count() == 0


def test_a_session_places_no_hold_without_its_csrf_token(staff_user):
    """A browser's session cookie alone cannot place (or release) a hold from another
    site: REST framework's session authentication asks for the CSRF token, as the
    admin's form does; a token in Authorization needs none."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    body = {"scope": "system", "system": "mint-009", "reason": "Docket 1"}
    refused = post(client, HOLDS, body)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert LegalHold.objects.count() == 0
    assert post(token_client(staff_user(Role.RECORDS_OFFICER)), HOLDS, body).status_code == 201


def test_hold_list_queries_do_not_grow_with_holds(
    as_role, staff_user, django_assert_max_num_queries
):
    officer = staff_user(Role.PRIVACY_OFFICER, "placer")
    client = as_role(Role.RECORDS_OFFICER)
    for n in range(3):
        LegalHold.objects.create(scope="system", system="mint-009", reason=f"Matter {n}",
                                 placed_by=officer)  # fmt: skip
    with django_assert_max_num_queries(12) as few:
        assert client.get(HOLDS).status_code == 200
    for n in range(20):
        LegalHold.objects.create(scope="system", system="mint-009", reason=f"Matter {n}",
                                 placed_by=officer, released_by=officer,
                                 released_at=timezone.now(), release_reason="Done")  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(HOLDS).json()["results"]) == 23


# Releasing a hold -------------------------------------------------------------------------


def test_a_hold_is_released_once_with_a_reason_and_audited(as_role, rows):
    hold = rows[HOLDS]
    client = as_role(Role.PRIVACY_OFFICER)
    url = f"{HOLDS}{hold.pk}/release/"
    for body, field in [({}, "release_reason"), ({"release_reason": "  "}, "release_reason"),
                        ({"release_reason": ["Settled"]}, "release_reason"),
                        ({"reason": "Settled"}, "reason")]:  # fmt: skip
        refused = post(client, url, body)
        assert refused.status_code == 400 and field in refused.json()["fields"], body
    hold.refresh_from_db()
    assert hold.is_active
    released = post(client, url, {"release_reason": "Case dismissed"})
    assert released.status_code == 200
    assert (released.json()["active"], released.json()["released_by"]) == (
        False, "privacy_officer-test")  # fmt: skip
    hold.refresh_from_db()
    assert (hold.is_active, hold.release_reason) == (False, "Case dismissed")
    entry = ChangeEntry.objects.get_for_object(hold).get(action=ChangeEntry.Action.UPDATE)
    assert entry.actor.username == "privacy_officer-test"
    assert readable_changes(entry)["release_reason"][1] == "Case dismissed"
    # A second release is refused, saying why; the first stands.
    again = post(client, url, {"release_reason": "Again"})
    assert again.status_code == 409
    assert again.json()["detail"] == (
        f"Legal hold #{hold.pk} (a system of records) was already released on "
        f"{hold.released_at:%Y-%m-%d}."
    )
    hold.refresh_from_db()
    assert hold.release_reason == "Case dismissed"
    assert ChangeEntry.objects.get_for_object(hold).count() == 2


def test_releasing_a_hold_that_does_not_exist_is_a_404(as_role):
    response = post(as_role(Role.RECORDS_OFFICER), f"{HOLDS}4242/release/", {"release_reason": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.CUSTOMER_SERVICE, Role.SECURITY_ADMIN])
def test_no_one_else_releases_a_hold(as_role, rows, role):
    hold = rows[HOLDS]
    response = post(as_role(role), f"{HOLDS}{hold.pk}/release/", {"release_reason": "Not mine"})
    assert response.status_code == 403
    hold.refresh_from_db()
    assert hold.is_active


def test_reading_holds_and_runs_writes_no_access_event(as_role, rows):
    """As in the admin: these rows hold no record's values (identifiers, counts, reasons);
    access events record reads of the records the notices govern."""
    client = as_role(Role.RECORDS_OFFICER)
    for url in RESOURCES:
        client.get(url)
        client.get(f"{url}{rows[url].pk}/")
    assert not AccessEvent.objects.exists()


def test_the_schema_tags_and_documents_them(as_role):
    schema = as_role(Role.RECORDS_OFFICER).get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for url in RESOURCES:
        assert paths[url]["get"]["tags"] == ["Retention"], url
        assert sorted(paths[url]["get"]["responses"]) == ["200", "400", "401", "403", "429"]
    assert sorted(paths[HOLDS]["post"]["responses"]) == [
        "201", "400", "401", "403", "413", "415", "429"]  # fmt: skip
    assert sorted(paths[HOLDS + "{id}/release/"]["post"]["responses"]) == [
        "200", "400", "401", "403", "404", "409", "413", "415", "429"]  # fmt: skip
