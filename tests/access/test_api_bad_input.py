"""Finding 14: bad input to the API is answered with a JSON 4xx, never a 500 or an
HTML page.

Pagination parameters out of range or of the wrong type, a misspelt filter (silently
ignored today, so `?emial=` lists everyone), a body nested past the parser's recursion
limit, and a body over the upload limit are the client's errors: each is a 400 (413 for
the size) with a JSON body that says what was wrong."""

import datetime
import json

import pytest
from django.test import Client

from orders.models import OfflineOrder
from sorn.constants import Role

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ORDERS = "/api/v1/orders/"


@pytest.fixture
def clerk(staff_user):
    """customer_service, with server errors answered as responses (as in production)
    rather than raised into the test."""
    client = Client(raise_request_exception=False)
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    return client


@pytest.fixture
def order():
    gina = person_in("C00000151", USPS_810, given_name="Gina")
    return OfflineOrder.objects.create(
        person=gina, order_number="PF0000015101", placed_on=datetime.date(2025, 5, 1),
        channel="mail",
    )  # fmt: skip


def assert_json_error(response, status: int) -> dict:
    assert (response.status_code, response["Content-Type"].split(";")[0]) == (
        status,
        "application/json",
    ), response.content[:200]
    return response.json()


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "99999999999999999999999"},
        {"offset": "-5"},
        {"limit": "abc"},
    ],
    ids=["limit-overflow", "negative-offset", "limit-not-a-number"],
)
def test_bad_pagination_is_a_json_400(clerk, order, query):
    """Finding 14: ?limit=99999999999999999999999 (today a 500: the database cannot
    hold it), ?offset=-5 and ?limit=abc (today silently replaced by the default, 200)
    each answer 400 in JSON."""
    assert_json_error(clerk.get(ORDERS, query), 400)


def test_an_unknown_parameter_is_a_json_400_naming_it(clerk, order):
    """Finding 14: ?emial=x answers 400 in JSON naming `emial`. Today the parameter is
    ignored and every order is listed (200)."""
    body = assert_json_error(clerk.get(ORDERS, {"emial": "x"}), 400)
    assert "emial" in json.dumps(body)


def test_a_deeply_nested_body_is_a_json_400(clerk, order):
    """Finding 14: a PATCH whose JSON body nests 100,000 arrays answers 400 in JSON.
    Today the parser's RecursionError is a 500."""
    body = "[" * 100_000 + "]" * 100_000
    response = clerk.generic(
        "PATCH", f"{ORDERS}{order.pk}/", body, content_type="application/json", HTTP_IF_MATCH="*"
    )
    assert_json_error(response, 400)


def test_an_oversized_body_is_a_json_413(clerk, order):
    """Finding 14: a PATCH with a 3 MB JSON body (over DATA_UPLOAD_MAX_MEMORY_SIZE,
    2.5 MB) answers 413 in JSON. Today Django's RequestDataTooBig is a 400 HTML page."""
    body = json.dumps({"status": "x" * 3_000_000})
    response = clerk.generic(
        "PATCH", f"{ORDERS}{order.pk}/", body, content_type="application/json", HTTP_IF_MATCH="*"
    )
    assert_json_error(response, 413)


def test_a_lone_surrogate_in_a_body_is_a_json_400(clerk, order):
    """JSON may escape a lone UTF-16 surrogate ("\\ud800"), which Python decodes into text
    no database, cipher or log can encode: a PATCH carrying one answered 500 (found
    placing a legal hold over the API). Refused by the parser, as a NUL is."""
    body = '{"status": "\\ud800"}'
    response = clerk.generic(
        "PATCH", f"{ORDERS}{order.pk}/", body, content_type="application/json", HTTP_IF_MATCH="*"
    )
    assert assert_json_error(response, 400)["error"] == "parse_error"
