"""Issue 14, item 8: logs without personal data.

Known personal values are seeded (a name, an e-mail, a phone, an order number); every
channel that can carry them in a URL or a form is exercised — admin search, admin
filters, API filters, CSV export, the admin's autocomplete, a 404, a 500, failed forms
and sign-ins — and what the configured handlers really wrote (the root's JSON handler,
its stream pointed at a buffer) holds none of them, in any spelling."""

from __future__ import annotations

import datetime
import io
import json
import logging
from urllib.parse import quote, quote_plus

import pytest
from django.core.cache import cache
from django.test import Client
from pythonjsonlogger.json import JsonFormatter

from customers.models import Person, PhoneNumber, SystemRelationship
from lib.logs import redact_query, redact_urls
from orders.models import MintOrder
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

GIVEN = "Wilhelmina"
FAMILY = "Quaxley-Trent"
EMAIL = "wilhelmina.quaxley@example.org"
PHONE = "202-555-0173"
ORDER = "MO0000004242"


@pytest.fixture
def log_buffer():
    """The configured JSON handlers of the root logger, writing into a buffer."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler) and isinstance(h.formatter, JsonFormatter)
    ]
    assert len(handlers) == 1, logging.getLogger().handlers
    buffer = io.StringIO()
    previous = handlers[0].setStream(buffer)
    yield buffer
    handlers[0].setStream(previous)


@pytest.fixture
def wilhelmina():
    person = Person.objects.create(
        customer_id="C00000777", given_name=GIVEN, family_name=FAMILY, email=EMAIL
    )
    for system, number in (("usps-810-300", "USPS-C00000777"), ("mint-009", "MINT-C00000777")):
        SystemRelationship.objects.create(
            person=person,
            system=system,
            system_customer_id=number,
            started_on=datetime.date(2020, 1, 1),
        )
    PhoneNumber.objects.create(person=person, kind="home", number=PHONE)
    MintOrder.objects.create(
        person=person,
        order_number=ORDER,
        internal_request_id="RQ0000004242",
        order_date=datetime.date(2025, 5, 1),
        channel="phone",
    )
    return person


def spellings() -> set[str]:
    """Each value as it could reach a log: as typed, URL-encoded, lower-cased, digits."""
    found = set()
    for value in (GIVEN, FAMILY, EMAIL, PHONE, ORDER, "2025550173", "+12025550173"):
        for spelling in (value, quote(value), quote_plus(value), quote(value, safe="")):
            found.add(spelling.lower())
    return found


def exercise_every_channel(officer: Client, anonymous: Client, person: Person) -> int:
    """Each channel once; returns how many requests were made."""
    name = f"{GIVEN} {FAMILY}"
    requests = [
        # The admin's search box and filters (a lookup the admin does not offer is
        # answered with a redirect to ?e=1: that request is logged too).
        lambda: officer.get("/admin/customers/person/", {"q": EMAIL}),
        lambda: officer.get("/admin/customers/person/", {"q": name, "p": "1"}),
        lambda: officer.get(
            "/admin/customers/person/", {"relationships__system": "mint-009", "q": PHONE}
        ),
        lambda: officer.get("/admin/customers/phonenumber/", {"kind": "home", "number": PHONE}),
        lambda: officer.get("/admin/orders/mintorder/", {"order_number": ORDER}),
        # The API's filters.
        lambda: officer.get("/api/v1/customers/", {"email": EMAIL}),
        lambda: officer.get("/api/v1/customers/", {"name": name, "phone": PHONE}),
        lambda: officer.get("/api/v1/mint-orders/", {"order_number": ORDER}),
        lambda: officer.get("/api/v1/customers/", {"emial": EMAIL}),  # 400: unknown
        # CSV export, from a searched list.
        lambda: officer.post(
            f"/admin/customers/person/?q={quote_plus(EMAIL)}",
            {"action": "export_csv", "_selected_action": [person.pk]},
        ),
        # The admin's autocomplete (off: 404).
        lambda: officer.get(
            "/admin/autocomplete/",
            {"term": FAMILY, "app_label": "customers", "model_name": "address"},
        ),
        # 404s, with the values in the query.
        lambda: officer.get("/api/v1/no-such-resource/999999/", {"email": EMAIL}),
        lambda: officer.get("/admin/customers/person/999999/change/", {"q": PHONE}),
        lambda: anonymous.get("/no/such/page/", {"q": name}),
        # 500.
        lambda: officer.get("/test/fails/", {"email": EMAIL, "order_number": ORDER}),
        # Failed forms: the public request form, the admin's sign-in, the API's token.
        lambda: anonymous.post(
            "/privacy/requests/new/",
            {
                "kind": "access",
                "systems": ["mint-009"],
                "requester_name": name,
                "requester_email": EMAIL,
                "requester_phone": PHONE,
                "id_order_number": ORDER,
                "declared_name": "someone else",
                "website": "",
            },
        ),
        lambda: anonymous.get("/privacy/requests/new/", {"kind": "access", "q": EMAIL}),
        lambda: anonymous.post("/admin/login/", {"username": EMAIL, "password": PHONE}),
        lambda: anonymous.post(
            "/api/v1/auth/token/",
            json.dumps({"username": EMAIL, "password": ORDER}),
            content_type="application/json",
        ),
    ]
    statuses = [request().status_code for request in requests]
    # Each channel answered as it does (so the test ran what it says).
    assert statuses == [
        200, 200, 200, 302, 200, 200, 200, 200, 400, 200,
        404, 404, 302, 404, 500, 400, 200, 200, 403,
    ]  # fmt: skip
    return len(requests)


def test_no_personal_value_reaches_any_log_line(wilhelmina, staff_user, settings, log_buffer):
    settings.ROOT_URLCONF = "tests.config.urls_with_error"
    cache.clear()  # the request form's rate limits
    officer = Client(raise_request_exception=False)
    officer.force_login(staff_user(Role.PRIVACY_OFFICER))
    anonymous = Client(raise_request_exception=False)

    made = exercise_every_channel(officer, anonymous, wilhelmina)

    lines = log_buffer.getvalue().splitlines()
    records = [json.loads(line) for line in lines]  # one JSON object per line
    access = [r for r in records if r["logger"] == "access"]
    assert len(access) == made
    for record in records:
        assert {"time", "level", "logger", "message"} <= record.keys()
    text = log_buffer.getvalue().lower()
    leaked = sorted(value for value in spellings() if value in text)
    assert leaked == [], "\n".join(lines)

    # What the lines do say: the channel, the parameter names, the status.
    messages = [r["message"] for r in access]
    assert messages[0] == "GET /admin/customers/person/?q=[redacted] 200"
    assert messages[1] == "GET /admin/customers/person/?q=[redacted]&p=1 200"
    assert messages[5] == "GET /api/v1/customers/?email=[redacted] 200"
    assert messages[14] == "GET /test/fails/?email=[redacted]&order_number=[redacted] 500"
    (failure,) = [r for r in records if r["logger"] == "django.request" and r["level"] == "ERROR"]
    assert failure["message"] == "Internal Server Error: /test/fails/"
    assert "RuntimeError: the view failed" in failure["exc_info"]
    assert failure["request_id"] == access[14]["request_id"]
    assert failure["path"] == "/test/fails/"


def test_query_values_are_redacted_and_their_names_kept():
    assert redact_query("q=jane%40example.org&p=2") == "q=[redacted]&p=2"
    assert redact_query("limit=50&offset=100&email=x") == "limit=50&offset=100&email=[redacted]"
    assert redact_query("e=1") == "e=[redacted]"
    # A value typed without its name, or as a name, goes whole.
    assert redact_query("jane%40example.org") == "[redacted]"
    assert redact_query("Jane.Doe=1&o=2") == "[redacted]&o=[redacted]"


def test_urls_in_any_message_are_redacted():
    assert (
        redact_urls('"GET /admin/customers/person/?q=jane%40example.org HTTP/1.1" 200 512')
        == '"GET /admin/customers/person/?q=[redacted] HTTP/1.1" 200 512'
    )
    # The requester's status and verification links are credentials.
    assert (
        redact_urls("GET /privacy/requests/status/AbC123-xyz/records/4/ 200")
        == "GET /privacy/requests/status/[redacted]/records/4/ 200"
    )
    assert (
        redact_urls("Not Found: /privacy/requests/verify/eyJ1c2Vy:1tx:sig/")
        == "Not Found: /privacy/requests/verify/[redacted]/"
    )
