"""Issue 13, items 1, 2 and 6: a resource under /api/v1/ for every record model,
generated from the classification registry (access/resources.py), with the retrieval
filters each notice lists, `POST …/search/` taking the same identifiers in a body, and
every error in one JSON shape.

Expected answers are written out literally, per role, from the policy's scopes
(access/policy.py): privacy officers work every system; customer service USPS 810.300
and the Mint's orders and gift recipients; marketing analysts USPS 890.000 and the Mint's
orders and browsing; mailer services USPS 820.100 only.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from access.resources import resource_routes
from audit.models import AccessEvent
from customers.models import (
    Address,
    Credential,
    PhoneNumber,
    PreferenceChange,
    Preferences,
    ProgramParticipation,
    SystemRelationship,
)
from sorn.constants import Role
from tests.access.conftest import USPS_810
from tests.audit.factories import refuse_access_events
from tests.mailers import factories as mailers
from tests.marketing import factories as marketing
from tests.orders.conftest import mint_world, usps_world  # noqa: F401

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

PO, CS, MA, MS = (
    Role.PRIVACY_OFFICER,
    Role.CUSTOMER_SERVICE,
    Role.MARKETING_ANALYST,
    Role.MAILER_SERVICES,
)


@pytest.fixture
def world(usps_world, mint_world):  # noqa: F811
    """One customer's records in each of the four systems (and a few of others')."""
    account = mailers.MailerAccountFactory(logon_id="adamailer77")
    application = mailers.MailerApplicationFactory(person=account.person)
    contact = mailers.KeyContactFactory(application=application)
    meeting = marketing.WebMeetingFactory(
        meeting_id="81234000042", host_name="Harriet Host", host_email="harriet.host@example.org"
    )
    marketing.WebMeetingFactory(meeting_id="81234000043", host_name="Other Host",
                                host_email="other.host@example.org")  # fmt: skip
    firm = marketing.BusinessProfileFactory()
    channel = marketing.ChatChannelFactory(organizer_name="Olive Organizer")
    message = marketing.CollaborationMessageFactory(channel=channel)
    marketing.CollaborationMessageFactory(
        channel=marketing.ChatChannelFactory(organizer_name="Other Organizer")
    )
    return {
        "channel": channel,
        "message": message,
        "usps": usps_world,
        "mint": mint_world,
        "account": account,
        "contact": contact,
        "meeting": meeting,
        "firm": firm,
    }


@pytest.fixture
def as_role(staff_user):
    clients: dict[Role, Client] = {}

    def login(role: Role) -> Client:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(staff_user(role))
        return clients[role]

    return login


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:300]
    return [row["id"] for row in response.json()["results"]]


def search(client: Client, resource: str, body) -> object:
    return client.post(
        f"/api/v1/{resource}/search/", json.dumps(body), content_type="application/json"
    )


# Every record model has its resource --------------------------------------------------


def test_every_record_model_of_the_registry_has_a_resource():
    names = {prefix for prefix, _, _ in resource_routes()}
    assert len(names) == len(resource_routes()) == 71
    # The three written by hand keep their addresses; a name two models share is told
    # apart by the app.
    assert {
        "customers", "orders", "mint-orders", "gift-recipients", "mailer-accounts",
        "web-meetings", "business-profiles", "orders-ach-records", "mailers-ach-records",
        "marketing-ach-records", "addresses", "browsing-events", "key-contacts",
    } <= names  # fmt: skip


def test_each_resource_is_tagged_by_its_system_in_the_schema(as_role):
    schema = as_role(PO).get("/api/schema/", {"format": "json"}).json()
    tags = {
        path: schema["paths"][path]["get"]["tags"]
        for path in (
            "/api/v1/orders/",
            "/api/v1/gift-recipients/",
            "/api/v1/mailer-accounts/",
            "/api/v1/web-meetings/",
            "/api/v1/customers/",
        )
    }
    assert tags == {
        "/api/v1/orders/": ["USPS 810.300"],
        "/api/v1/gift-recipients/": ["Treasury/United States Mint .009"],
        "/api/v1/mailer-accounts/": ["USPS 820.100"],
        "/api/v1/web-meetings/": ["USPS 890.000"],
        "/api/v1/customers/": ["People (shared by the systems)"],
    }
    post = schema["paths"]["/api/v1/web-meetings/search/"]["post"]
    body = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][body.rsplit("/", 1)[1]]
    assert sorted(component["properties"]) == [
        "address", "company_name", "customer_id", "email", "host_email", "host_name",
        "meeting_id", "naics", "name", "organizer_name", "phone", "sic",
    ]  # fmt: skip


# Who lists what: role × resource, literally ------------------------------------------

LISTED, FORBIDDEN = "listed", 403

VISIBILITY = {
    #                        privacy officer, customer service, marketing, mailer services
    "orders":              (LISTED, LISTED, FORBIDDEN, FORBIDDEN),
    "orders-ach-records":  (LISTED, LISTED, FORBIDDEN, FORBIDDEN),
    "mint-orders":         (LISTED, LISTED, LISTED, FORBIDDEN),
    "gift-recipients":     (LISTED, LISTED, FORBIDDEN, FORBIDDEN),
    "browsing-events":     (LISTED, FORBIDDEN, LISTED, FORBIDDEN),
    "mailer-accounts":     (LISTED, FORBIDDEN, FORBIDDEN, LISTED),
    "key-contacts":        (LISTED, FORBIDDEN, FORBIDDEN, LISTED),
    "web-meetings":        (LISTED, FORBIDDEN, LISTED, FORBIDDEN),
    "business-profiles":   (LISTED, FORBIDDEN, LISTED, FORBIDDEN),
}  # fmt: skip


@pytest.mark.parametrize(
    ("resource", "role", "expected"),
    [
        (resource, role, answers[n])
        for resource, answers in VISIBILITY.items()
        for n, role in enumerate((PO, CS, MA, MS))
    ],
)
def test_a_role_lists_a_resource_only_within_its_duties(world, as_role, resource, role, expected):
    response = as_role(role).get(f"/api/v1/{resource}/")
    if expected == FORBIDDEN:
        assert response.status_code == 403
        assert response.json()["error"] == "permission_denied"
    else:
        assert len(ids(response)) >= 1


def test_people_are_listed_only_in_the_systems_of_the_role(world, as_role):
    usps, mint = world["usps"], world["mint"]
    listed = set(ids(as_role(MS).get("/api/v1/customers/?page_size=500")))
    assert listed == {world["account"].person_id}  # the mailer only
    listed = set(ids(as_role(CS).get("/api/v1/customers/?page_size=500")))
    assert listed == {usps.alice.pk, usps.bob.pk, mint.alice.pk, mint.bob.pk}


def test_a_masked_field_shows_masked(world, as_role):
    ach = as_role(CS).get(f"/api/v1/orders-ach-records/{world['usps'].ach.pk}/").json()
    assert ach["bank_account_number"] == "•••• 7766"
    firm = world["firm"]
    firm.person.email = "grace.marketer@example.com"
    firm.person.save()
    person = as_role(MA).get(f"/api/v1/customers/{firm.person_id}/").json()
    assert person["email"] == "g•••@example.com"
    session = as_role(MA).get(f"/api/v1/web-meetings/{world['meeting'].pk}/").json()
    assert session["host_email"] == "h•••@example.org"


def test_a_generated_list_records_an_access_event_naming_every_record(world, as_role):
    mint = world["mint"]
    before = AccessEvent.objects.count()
    response = as_role(PO).get("/api/v1/gift-recipients/", HTTP_X_ACCESS_PURPOSE="audit test")
    assert ids(response) == [mint.gift.pk]
    (event,) = AccessEvent.objects.order_by("pk")[before:]
    assert (event.channel, event.model, event.record_ids) == (
        "api_list",
        "orders.GiftRecipient",
        [mint.gift.pk],
    )
    assert event.purpose == "audit test"
    assert "recipient_name" in event.fields


def test_a_search_records_its_reads_as_a_list(world, as_role):
    before = AccessEvent.objects.count()
    response = search(as_role(PO), "mailer-accounts", {"logon_id": "ADAMAILER77"})
    assert ids(response) == [world["account"].pk]
    (event,) = AccessEvent.objects.order_by("pk")[before:]
    assert (event.channel, event.model, event.record_ids) == (
        "api_list",
        "mailers.MailerAccount",
        [world["account"].pk],
    )


# Retrieval filters, system by system, as each notice lists them ------------------------


def expected_records(world, key: str) -> list[int]:
    usps, mint = world["usps"], world["mint"]
    return {
        "alices offline orders": [usps.order.pk, usps.order.pk + 1],
        "one offline order": [usps.order.pk],
        "alices mint order": [mint.order.pk],
        "the mint staff user": [mint.agent.pk],
        "the account": [world["account"].pk],
        "the meeting": [world["meeting"].pk],
        "the firm": [world["firm"].pk],
        "the browsing event": [mint.event.pk],
        "the channel": [world["channel"].pk],
        "the message": [world["message"].pk],
    }[key]


FILTERS = [
    # USPS 810.300: "By customer name, customer ID(s), phone number, mail or e-mail
    # address, or order number".
    ("orders", "name", "alice  EXAMPLE", "alices offline orders"),
    ("orders", "customer_id", "c00000101", "alices offline orders"),
    ("orders", "phone", "+1 202 555 0101", "alices offline orders"),
    ("orders", "email", "Alice@Example.com", "alices offline orders"),
    ("orders", "address", "1 Main Street, Springfield, IL, 62701", "alices offline orders"),
    ("orders", "order_number", "pf-0000001011", "one offline order"),
    # Treasury/Mint .009.
    ("mint-orders", "name", "Alice Numis", "alices mint order"),
    ("mint-orders", "address", "5 Mint Road, Springfield, IL, 62701", "alices mint order"),
    ("mint-orders", "phone", "303-555-0122", "alices mint order"),
    ("mint-orders", "email", "alice.numis@example.com", "alices mint order"),
    ("mint-orders", "customer_number", "C00000201", "alices mint order"),
    ("mint-orders", "order_number", "MO0000002011", "alices mint order"),
    ("mint-orders", "order_date", "2025-05-01", "alices mint order"),
    ("mint-orders", "flagged", "yes", "alices mint order"),
    ("mint-orders", "product_preferences", "proof_sets", "alices mint order"),
    ("mint-orders", "market_segment", "bullion_investor", "alices mint order"),
    ("mint-orders", "browsing_behavior", "/products/b01", "alices mint order"),
    ("mint-orders", "shipment_tracking_number", "1Z999AA10123456784", "alices mint order"),
    ("mint-orders", "internal_request_id", "RQ0000002011", "alices mint order"),
    ("mint-staff-users", "staff_user_id", "con0007", "the mint staff user"),
    ("browsing-events", "browsing_behavior", "/products/b01", "the browsing event"),
    # USPS 820.100: "customer name, customer ID(s), logon ID".
    ("mailer-accounts", "logon_id", "adamailer77", "the account"),
    # USPS 890.000: meeting ID, host name or e-mail; SIC, NAICS, company name.
    ("web-meetings", "meeting_id", "812 3400 0042", "the meeting"),
    ("web-meetings", "host_name", "harriet host", "the meeting"),
    ("web-meetings", "host_email", "Harriet.Host@example.org", "the meeting"),
    ("business-profiles", "sic", "2752", "the firm"),
    ("business-profiles", "naics", "323111", "the firm"),
    ("business-profiles", "company_name", "example printing co.", "the firm"),
    # Retrieval 4: "Records pertaining to web-based meetings … by … organizer name".
    ("chat-channels", "organizer_name", "olive  ORGANIZER", "the channel"),
    ("collaboration-messages", "organizer_name", "Olive Organizer", "the message"),
]


@pytest.mark.parametrize(("resource", "identifier", "value", "expected"), FILTERS)
def test_each_filter_finds_the_seeded_record_by_get_and_by_post(
    world, as_role, resource, identifier, value, expected
):
    client = as_role(PO)
    by_get = ids(client.get(f"/api/v1/{resource}/", {identifier: value}))
    assert by_get == expected_records(world, expected)
    assert ids(search(client, resource, {identifier: value})) == by_get


def test_the_person_level_filters_of_820_and_890(world, as_role):
    client = as_role(PO)
    person = world["account"].person
    for query in ({"name": f"Ada {person.family_name}"}, {"customer_id": person.customer_id}):
        assert ids(client.get("/api/v1/mailer-accounts/", query)) == [world["account"].pk]
    firm = world["firm"]
    owner = firm.person
    for query in (
        {"email": owner.email},
        {"phone": "(217) 555-0142"},
        {"name": f"{owner.given_name} {owner.family_name}"},
        {"customer_id": owner.customer_id},
        {"address": "1 Example Street, Springfield, IL, 62701"},
    ):
        assert ids(client.get("/api/v1/business-profiles/", query)) == [firm.pk], query


def test_a_value_that_matches_nothing_finds_nothing(world, as_role):
    client = as_role(PO)
    assert ids(client.get("/api/v1/orders/", {"order_number": "PF9"})) == []
    assert ids(client.get("/api/v1/web-meetings/", {"host_email": "nobody@example.org"})) == []


# The rows every system shares about a person are found by what finds the person --------

SHARED = ["addresses", "phone-numbers", "credentials", "system-relationships",
          "program-participations", "preferences", "preference-changes"]  # fmt: skip

# USPS 810.300 retrieves by "customer name, customer ID(s), phone number, mail or e-mail
# address": each finds Alice, and so her shared rows, not Bob's.
ALICE = [
    ("name", "alice  EXAMPLE"),
    ("customer_id", "c00000101"),
    ("phone", "+1 202 555 0101"),
    ("email", "Alice@Example.com"),
    ("address", "1 Main Street, Springfield, IL, 62701"),
]


@pytest.fixture
def shared_rows(world):
    """A row of each shared kind for Alice and for Bob (USPS 810.300 both)."""
    usps = world["usps"]
    rows = {}
    for person in (usps.alice, usps.bob):
        kept = {
            "addresses": Address.objects.create(person=person, line1="9 Side St", city="Town"),
            "phone-numbers": PhoneNumber.objects.create(person=person, number="(202) 555-0999"),
            "credentials": Credential.objects.create(
                person=person, system=USPS_810, username=f"user-{person.pk}"
            ),
            "system-relationships": SystemRelationship.objects.get(person=person, system=USPS_810),
            "program-participations": ProgramParticipation.objects.create(
                person=person,
                system=USPS_810,
                program="Informed Delivery",
                started_on=datetime.date(2024, 1, 1),
            ),
            "preferences": Preferences.objects.create(person=person, system=USPS_810),
            "preference-changes": PreferenceChange.objects.create(
                person=person,
                system=USPS_810,
                preference="usps_marketing",
                new_value="yes",
                channel="web",
            ),
        }
        rows[person.customer_id] = kept
    return rows


@pytest.mark.parametrize("resource", SHARED)
@pytest.mark.parametrize(("identifier", "value"), ALICE)
def test_each_shared_row_is_found_by_the_identifiers_that_find_its_person(
    world, shared_rows, as_role, resource, identifier, value
):
    alice = world["usps"].alice
    expected = sorted(
        row.pk
        for row in type(shared_rows["C00000101"][resource])._base_manager.filter(person=alice)
    )
    assert shared_rows["C00000101"][resource].pk in expected
    client = as_role(PO)
    by_get = ids(client.get(f"/api/v1/{resource}/", {identifier: value}))
    assert by_get == expected
    assert shared_rows["C00000102"][resource].pk not in by_get  # Bob's
    assert ids(search(client, resource, {identifier: value})) == by_get


@pytest.mark.parametrize("resource", SHARED)
def test_a_shared_rows_filter_on_what_the_role_reads_masked_is_a_400(
    world, shared_rows, as_role, resource
):
    # A marketing analyst reads no customer's name, e-mail address or customer ID in
    # clear in any system: hit or miss, by query or by body, 400 naming it.
    for identifier, hit, miss in (("email", "alice@example.com", "nobody@example.com"),
                                  ("name", "Alice Example", "Nobody Here"),
                                  ("customer_id", "C00000101", "C09999999")):  # fmt: skip
        refusal = {
            identifier: [f"Your roles do not read {identifier} in clear, so may not search by it."]
        }
        for response in (
            as_role(MA).get(f"/api/v1/{resource}/", {identifier: hit}),
            as_role(MA).get(f"/api/v1/{resource}/", {identifier: miss}),
            search(as_role(MA), resource, {identifier: hit}),
        ):
            assert (response.status_code, response.json()["fields"]) == (400, refusal)
            assert hit.encode() not in response.content


# Searching by what a role reads masked is refused, whatever matches --------------------

MASKED = [
    (MA, "web-meetings", "host_email", "harriet.host@example.org", "nobody@example.org"),
    (MA, "web-meetings", "host_name", "Harriet Host", "Nobody Here"),
    (MA, "mint-orders", "email", "alice.numis@example.com", "nobody@example.com"),
    (MA, "mint-orders", "order_number", "MO0000002011", "MO0000009999"),
    (CS, "orders", "customer_id", "C00000101", "C09999999"),
    (MS, "mailer-accounts", "name", "Ada Mailer1", "Nobody Here"),
]


@pytest.mark.parametrize(("role", "resource", "identifier", "hit", "miss"), MASKED)
def test_a_filter_on_a_value_the_role_reads_masked_is_a_400_hit_or_miss(
    world, as_role, role, resource, identifier, hit, miss
):
    client = as_role(role)
    refusal = {
        "error": "invalid",
        "detail": "Invalid input.",
        "fields": {
            identifier: [f"Your roles do not read {identifier} in clear, so may not search by it."]
        },
    }
    answers = [
        client.get(f"/api/v1/{resource}/", {identifier: hit}),
        client.get(f"/api/v1/{resource}/", {identifier: miss}),
        search(client, resource, {identifier: hit}),
        search(client, resource, {identifier: miss}),
    ]
    for response in answers:
        assert (response.status_code, response.json()) == (400, refusal)
        assert hit.encode() not in response.content


def test_a_role_searches_by_what_it_reads_in_clear(world, as_role):
    firm = world["firm"]
    found = as_role(MA).get("/api/v1/business-profiles/", {"company_name": "Example Printing Co."})
    assert ids(found) == [firm.pk]
    assert ids(search(as_role(MS), "mailer-accounts", {"logon_id": "adamailer77"})) == [
        world["account"].pk
    ]


# Bad input --------------------------------------------------------------------------------


def test_an_unknown_parameter_is_a_400(world, as_role):
    response = as_role(PO).get("/api/v1/gift-recipients/", {"emial": "x@example.org"})
    body = response.json()
    assert (response.status_code, body["error"], body["fields"]) == (
        400,
        "invalid_query_parameter",
        {"emial": ["is not a parameter of this resource"]},
    )
    assert b"x@example.org" not in response.content


def test_identifiers_are_not_query_parameters_of_the_search_or_a_record(world, as_role):
    client = as_role(PO)
    response = client.post(
        "/api/v1/orders/search/?email=alice@example.com", "{}", content_type="application/json"
    )
    assert response.json()["fields"] == {"email": ["is not a parameter of this resource"]}
    detail = client.get(f"/api/v1/orders/{world['usps'].order.pk}/", {"order_number": "x"})
    assert detail.json()["fields"] == {"order_number": ["is not a parameter of this resource"]}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": "a@example.org", "is_staff": True}, {"is_staff": [
            "is not an identifier this resource is searched by"]}),
        ({"meeting_id": {"$ne": ""}}, {"meeting_id": ["must be a non-empty string"]}),
        ({"meeting_id": ["1", "2"]}, {"meeting_id": ["must be given once"]}),
        ({"meeting_id": 81234000042}, {"meeting_id": ["must be a non-empty string"]}),
        ({"meeting_id": "   "}, {"meeting_id": ["must be a non-empty string"]}),
        ({"meeting_id": "8" * 255}, {"meeting_id": ["must be at most 254 characters"]}),
    ],
)  # fmt: skip
def test_a_search_body_with_anything_but_identifiers_is_a_400(world, as_role, body, fields):
    response = search(as_role(PO), "web-meetings", body)
    assert (response.status_code, response.json()["fields"]) == (400, fields)


@pytest.mark.parametrize("body", ["[]", '"x"', "1", "null"])
def test_a_search_body_that_is_not_an_object_is_a_400(world, as_role, body):
    response = as_role(PO).post(
        "/api/v1/web-meetings/search/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid",
        "detail": "Send the identifiers as a JSON object.",
        "fields": {},
    }


def test_an_empty_search_is_every_row_the_role_may_see(world, as_role):
    client = as_role(PO)
    assert ids(search(client, "web-meetings", {})) == ids(client.get("/api/v1/web-meetings/"))


def test_a_repeated_parameter_is_refused(world, as_role):
    response = as_role(PO).get("/api/v1/orders/?order_number=PF0000001011&order_number=PF9")
    assert response.json()["fields"] == {"order_number": ["must be given once"]}


def test_ordering_is_not_a_parameter(world, as_role):
    """A list ordered by an encrypted field would tell its values, page after page."""
    response = as_role(PO).get("/api/v1/customers/", {"ordering": "email"})
    assert response.json()["fields"] == {"ordering": ["is not a parameter of this resource"]}


def test_a_record_number_past_the_databases_integers_is_a_404(world, as_role):
    response = as_role(PO).get("/api/v1/orders/99999999999999999999999/")
    assert (response.status_code, response.json()) == (
        404,
        {"error": "not_found", "detail": "Not found.", "fields": {}},
    )


# Reaching another system's rows ----------------------------------------------------------


def test_a_record_of_another_system_is_not_found_through_a_shared_resource(world, as_role):
    mailer = world["account"].person
    client = as_role(CS)
    response = client.get(f"/api/v1/customers/{mailer.pk}/")
    assert response.status_code == 404
    assert response.json() == client.get("/api/v1/customers/99999999/").json()
    address = mailer.addresses.first()
    if address is not None:
        assert client.get(f"/api/v1/addresses/{address.pk}/").status_code == 404


def test_nested_children_come_only_from_the_roles_systems(world, as_role):
    usps = world["usps"]
    order = as_role(CS).get(f"/api/v1/orders/{usps.order.pk}/").json()
    assert [p["id"] for p in order["payments"]] == [usps.payment.pk]


def test_generated_resources_are_read_only(world, as_role):
    client = as_role(PO)
    url = f"/api/v1/gift-recipients/{world['mint'].gift.pk}/"
    for response in (
        client.patch(url, {"gift_message": "x"}, content_type="application/json"),
        client.delete(url),
        client.post("/api/v1/gift-recipients/", {}, content_type="application/json"),
    ):
        assert response.status_code == 405
        assert response.json()["error"] == "method_not_allowed"
    world["mint"].gift.refresh_from_db()
    assert world["mint"].gift.gift_message == "Happy birthday, Frank!"


# One error shape for every status ---------------------------------------------------------


def shape(response) -> tuple[int, str, set]:
    assert response["Content-Type"] == "application/json", response.content[:200]
    body = response.json()
    assert sorted(body) == ["detail", "error", "fields"]
    assert isinstance(body["detail"], str) and isinstance(body["fields"], dict)
    assert b"Traceback" not in response.content
    return response.status_code, body["error"], set(body["fields"])


@pytest.mark.urls("tests.config.urls_with_error")
def test_every_status_answers_the_one_error_shape(world, as_role, staff_user):
    client = as_role(MA)
    gift = world["mint"].gift.pk
    assert shape(client.get("/api/v1/web-meetings/?host_email=a@b.org")) == (
        400, "invalid", {"host_email"},
    )  # fmt: skip
    assert shape(Client().get("/api/v1/web-meetings/")) == (401, "not_authenticated", set())
    assert shape(client.get("/api/v1/gift-recipients/")) == (403, "permission_denied", set())
    assert shape(client.get("/api/v1/web-meetings/999999/")) == (404, "not_found", set())
    assert shape(client.get("/api/v1/no-such-resource/")) == (404, "not_found", set())
    assert shape(as_role(PO).delete(f"/api/v1/gift-recipients/{gift}/")) == (
        405, "method_not_allowed", set(),
    )  # fmt: skip
    failing = Client(raise_request_exception=False)
    failing.force_login(staff_user(PO, "po-failing"))
    response = failing.get("/api/v1/test-fails/")
    assert shape(response) == (500, "server_error", set())
    assert b"the view failed" not in response.content


def test_a_read_that_cannot_be_audited_is_a_500_in_the_shape_and_sends_nothing(
    world, as_role, monkeypatch
):
    refuse_access_events(monkeypatch)
    response = as_role(PO).get("/api/v1/gift-recipients/")
    assert shape(response) == (500, "audit_failed", set())
    assert b"Frank" not in response.content
