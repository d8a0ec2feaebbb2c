"""Bad input to the API is refused in JSON, naming what was wrong: a 400 or a 413, never
a 500, never an HTML page, never a silently ignored parameter (lib/api.py).

Expected answers are written out literally; the limits are the defaults of the README's
configuration table (API_MAX_PAGE_SIZE 500, API_MAX_JSON_DEPTH 32,
DATA_UPLOAD_MAX_MEMORY_SIZE 1,048,576 bytes).
"""

import base64
import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import Client, RequestFactory
from rest_framework.exceptions import ParseError

from access.resources import viewset_of
from customers.models import Person, SystemRelationship
from lib.api import (
    BoundedJSONParser,
    bad_request,
    json_depth,
    permission_denied,
    server_error,
)
from orders.models import OfflineOrder
from sorn.constants import Role

CustomerViewSet = viewset_of(Person)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ROOT = Path(__file__).resolve().parents[2]

PAGE_SIZE_RULE = "must be a whole number from 1 to 500"
CURSOR_RULE = "must be a cursor given by this list (its next or previous link)"


@pytest.fixture
def officer(client, staff_user):
    """The privacy officer, who reads every system's records."""
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    return client


@pytest.fixture
def carol(db) -> Person:
    """A USPS 810.300 customer with twelve offline orders."""
    person = Person.objects.create(
        customer_id="C00000201", given_name="Carol", family_name="Example"
    )
    SystemRelationship.objects.create(
        person=person, system="usps-810-300", started_on=datetime.date(2020, 1, 1)
    )
    for n in range(12):
        OfflineOrder.objects.create(
            person=person,
            order_number=f"PF{n:010d}",
            placed_on=datetime.date(2025, 5, 1),
            channel="mail",
        )
    return person


def error(code: str, detail: str) -> dict:
    """The API's one error shape, for an error about no field in particular."""
    return {"error": code, "detail": detail, "fields": {}}


def json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


# Pagination: a cursor and a bounded page size ---------------------------------------------


def cursor(query: str) -> str:
    """A cursor made by hand, as a client might forge one (DRF's: base64 of a query)."""
    return base64.b64encode(query.encode()).decode()


def invalid(parameter: str, rule: str) -> dict:
    return {
        "error": "invalid_query_parameter",
        "detail": f"{parameter} {rule}.",
        "fields": {parameter: [rule]},
    }


@pytest.mark.parametrize(
    "value",
    [
        "99999999999999999999999",  # past any integer the database holds
        "abc",
        "0",
        "501",
        "-5",
        "1.5",
        "1e3",
        "",
        "+5",
        " 5",  # int() would take it
        "1_0",  # int() would take it
        "\uff11\uff10",  # fullwidth "１０": int() would take it
        "0x10",
    ],
)
def test_a_bad_page_size_is_a_400_naming_it(officer, carol, value):
    response = officer.get("/api/v1/orders/", {"page_size": value})
    assert json_error(response, 400) == invalid("page_size", PAGE_SIZE_RULE)


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "%%%",
        cursor("p=abc"),  # a position that is no record number: a 500 in the database
        cursor("p=-1"),
        cursor("p=99999999999999999999999"),  # past SQLite's integers
        cursor("o=-1"),
        cursor("p=1&r=2"),
        "A" * 101,  # longer than any cursor the list gives
    ],
)
def test_a_cursor_the_list_did_not_give_is_a_400_naming_it(officer, carol, value):
    response = officer.get("/api/v1/orders/", {"cursor": value})
    assert json_error(response, 400) == invalid("cursor", CURSOR_RULE)


def test_limit_and_offset_are_gone_and_so_refused(officer, carol):
    # The inputs that once answered 500 (issue 13) are now unknown parameters.
    response = officer.get("/api/v1/orders/?offset=-20922789888000&limit=1025131079102842142720")
    body = json_error(response, 400)
    assert (body["error"], list(body["fields"])) == ("invalid_query_parameter", ["limit", "offset"])


def test_a_bad_page_size_is_refused_on_every_paginated_list(officer):
    for url in ("/api/v1/customers/", "/api/v1/mint-orders/", "/api/v1/gift-recipients/"):
        body = json_error(officer.get(url, {"page_size": "100000"}), 400)
        assert body["fields"] == {"page_size": [PAGE_SIZE_RULE]}, url


def test_pages_follow_their_cursors_in_record_order(officer, carol):
    first = officer.get("/api/v1/orders/?page_size=10")
    assert first.status_code == 200
    body = first.json()
    assert sorted(body) == ["next", "previous", "results"]
    numbers = [f"PF{n:010d}" for n in range(12)]
    assert [r["order_number"] for r in body["results"]] == numbers[:10]
    assert body["previous"] is None
    second = officer.get(body["next"]).json()
    assert [r["order_number"] for r in second["results"]] == numbers[10:]
    assert second["next"] is None
    back = officer.get(second["previous"]).json()
    assert [r["order_number"] for r in back["results"]] == numbers[:10]


def test_the_bounds_themselves_are_allowed(officer, carol):
    assert len(officer.get("/api/v1/orders/?page_size=500").json()["results"]) == 12
    assert len(officer.get("/api/v1/orders/?page_size=1").json()["results"]) == 1
    past_the_end = officer.get("/api/v1/orders/", {"cursor": cursor("p=999999999")})
    assert past_the_end.status_code == 200
    assert past_the_end.json()["results"] == []


def test_the_default_page_is_still_fifty(officer, staff_user):
    person = Person.objects.create(customer_id="C00000301", given_name="Dan", family_name="X")
    SystemRelationship.objects.create(
        person=person, system="usps-810-300", started_on=datetime.date(2020, 1, 1)
    )
    OfflineOrder.objects.bulk_create(
        OfflineOrder(
            person=person,
            order_number=f"PG{n:010d}",
            placed_on=datetime.date(2025, 5, 1),
            channel="mail",
        )
        for n in range(51)
    )
    body = officer.get("/api/v1/orders/").json()
    assert len(body["results"]) == 50
    assert len(officer.get(body["next"]).json()["results"]) == 1


# Query parameters a resource does not know ----------------------------------------------


def test_an_unknown_query_parameter_is_a_400_not_everything(officer, carol):
    response = officer.get("/api/v1/customers/?emial=carol@example.org")
    assert json_error(response, 400) == {
        "error": "invalid_query_parameter",
        "detail": "Unknown query parameter: emial. This resource accepts: address, cursor, "
        "customer_id, email, format, name, page_size, phone.",
        "fields": {"emial": ["is not a parameter of this resource"]},
    }


def test_every_unknown_parameter_is_named_sorted_and_no_value_is_echoed(officer):
    response = officer.get("/api/v1/orders/?zeta=1&order_numbr=PF1&alpha=carol@example.org")
    body = json_error(response, 400)
    assert body["detail"] == (
        "Unknown query parameters: alpha, order_numbr, zeta. This resource accepts: "
        "address, cursor, customer_id, email, format, name, order_number, page_size, phone."
    )
    assert list(body["fields"]) == ["alpha", "order_numbr", "zeta"]
    assert b"carol@example.org" not in response.content


def test_unknown_parameters_are_refused_on_a_single_record_and_a_write(officer, carol):
    body = json_error(officer.get(f"/api/v1/customers/{carol.pk}/?fields=email"), 400)
    assert list(body["fields"]) == ["fields"]
    response = officer.patch(
        f"/api/v1/customers/{carol.pk}/?dry_run=1",
        {"given_name": "Caroline"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert list(json_error(response, 400)["fields"]) == ["dry_run"]
    assert Person.objects.get(pk=carol.pk).given_name == "Carol"


def test_the_public_catalogue_refuses_unknown_parameters_too(client):
    body = json_error(client.get("/api/v1/systems/?serach=mint"), 400)
    assert body["fields"] == {"serach": ["is not a parameter of this resource"]}


def test_declared_filters_and_format_are_accepted(officer, carol):
    response = officer.get("/api/v1/orders/?order_number=pf-0000000003&format=json&page_size=5")
    assert response.status_code == 200
    assert [r["order_number"] for r in response.json()["results"]] == ["PF0000000003"]
    people = officer.get("/api/v1/customers/", {"customer_id": "c00000201"}).json()
    assert [r["customer_id"] for r in people["results"]] == ["C00000201"]


def test_without_credentials_an_unknown_parameter_still_gets_401(client):
    response = client.get("/api/v1/customers/?emial=x")
    assert json_error(response, 401) == {
        "error": "not_authenticated",
        "detail": "Authentication credentials were not provided.",
        "fields": {},
    }


# JSON bodies -----------------------------------------------------------------------------


def test_a_body_nested_100000_deep_is_a_400_not_a_recursion_error(officer, carol):
    for body in (
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
    ):
        response = officer.patch(
            f"/api/v1/customers/{carol.pk}/",
            body,
            content_type="application/json",
            HTTP_IF_MATCH="*",
        )
        assert json_error(response, 400) == error(
            "parse_error", "JSON nested too deep: more than 32 levels."
        )


def test_the_depth_bound_is_32_levels():
    parser = BoundedJSONParser()
    assert parser.parse(io.BytesIO(b"[" * 32 + b"]" * 32)) == json.loads("[" * 32 + "]" * 32)
    with pytest.raises(ParseError) as refused:
        parser.parse(io.BytesIO(b"[" * 33 + b"]" * 33))
    assert refused.value.detail == "JSON nested too deep: more than 32 levels."


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ("[]", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('["[[[", "{{{"]', 1),
        (r'["\"[[[", "\\", ["]]]"]]', 2),  # escaped quote, escaped backslash
        (r'["\\\"[[["]', 1),  # a backslash, then a quote: still inside the string
        (r'["\\", [[]]]', 3),  # an escaped backslash ends the string: brackets after count
        ("[" * 100_000, 100_000),  # unterminated: json.loads would recurse as deep
    ],
)
def test_json_depth_counts_brackets_outside_strings(text, depth):
    assert json_depth(text) == depth


def test_brackets_inside_strings_are_not_nesting():
    text = json.dumps({"note": "[" * 1000 + '\\"{' * 100, "q": ['"]]]"']})
    assert BoundedJSONParser().parse(io.BytesIO(text.encode()))["note"].startswith("[[[")


def test_lib_api_imports_before_rest_frameworks_views():
    """REST framework's views import the default parser (this module) when they are
    defined; lib.api must not import them back."""
    code = (
        "import django; django.setup(); import lib.api; "
        "from rest_framework.views import APIView; print(APIView.parser_classes[0].__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout.strip()) == (0, "BoundedJSONParser"), done.stderr


def test_a_charset_that_is_not_a_text_encoding_is_a_400_in_json(officer, carol):
    # bz2_codec would decompress the body after its size was checked.
    response = officer.patch(
        f"/api/v1/customers/{carol.pk}/",
        b"{}",
        content_type="application/json; charset=bz2_codec",
        HTTP_IF_MATCH="*",
    )
    assert json_error(response, 400) == error(
        "parse_error", 'Unsupported charset "bz2_codec" in request Content-Type header.'
    )


def test_malformed_json_is_a_400_in_json(officer, carol):
    response = officer.patch(
        f"/api/v1/customers/{carol.pk}/",
        '{"given_name": ',
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert json_error(response, 400)["detail"].startswith("JSON parse error")
    latin1 = officer.patch(
        f"/api/v1/customers/{carol.pk}/",
        b'{"given_name": "\xe9"}',
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert json_error(latin1, 400)["detail"].startswith("JSON parse error")


# Body size -------------------------------------------------------------------------------


def padded_body(size: int) -> str:
    """A valid JSON object of exactly `size` bytes."""
    shell = '{"given_name": "Carol", "padding": ""}'
    return shell.replace('""', '"' + "x" * (size - len(shell)) + '"')


def test_a_3_mb_body_is_a_413_in_json(officer, carol):
    response = officer.patch(
        f"/api/v1/customers/{carol.pk}/",
        padded_body(3 * 1024 * 1024),
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert json_error(response, 413) == error(
        "request_too_large", "Request body too large: the limit is 1048576 bytes."
    )


def test_the_body_limit_is_one_mebibyte(officer, carol):
    over = officer.patch(
        f"/api/v1/customers/{carol.pk}/",
        padded_body(1_048_577),
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert json_error(over, 413)["detail"] == "Request body too large: the limit is 1048576 bytes."
    under = officer.patch(
        f"/api/v1/customers/{carol.pk}/",
        padded_body(1_048_576),
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    # Read and parsed: the gate then refuses the write (the officer changes nothing).
    assert json_error(under, 403) == {
        "error": "field_not_writable",
        "detail": "You may not change: given_name, padding.",
        "fields": {
            "given_name": ["may not be changed by your roles"],
            "padding": ["may not be changed by your roles"],
        },
    }


def test_a_large_login_body_is_a_413_in_json(client):
    response = client.post(
        "/api/v1/auth/token/", padded_body(2 * 1024 * 1024), content_type="application/json"
    )
    assert json_error(response, 413)["detail"] == (
        "Request body too large: the limit is 1048576 bytes."
    )


# Every error in JSON under /api/, the usual pages elsewhere -------------------------------


def test_errors_are_json_even_for_a_browser_asking_for_html(officer, client):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for url, status in (
        ("/api/v1/orders/?page_size=abc", 400),
        ("/api/v1/orders/?emial=x", 400),
        ("/api/v1/orders/999999/", 404),
        ("/api/v1/no-such-resource/", 404),
    ):
        json_error(officer.get(url, HTTP_ACCEPT=browser), status)
    officer.logout()
    json_error(officer.get("/api/v1/orders/", HTTP_ACCEPT=browser), 401)


def test_an_unknown_api_address_is_a_404_in_json(officer):
    assert json_error(officer.get("/api/v1/no-such-resource/"), 404) == error(
        "not_found", "Not found."
    )


def test_an_unknown_page_elsewhere_is_still_an_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_disallowed_host_on_the_api_is_a_400_in_json(client):
    response = client.get("/api/v1/systems/", HTTP_HOST="evil.example")
    assert json_error(response, 400) == error("bad_request", "Bad request.")


def test_a_server_error_on_the_api_is_json_without_a_trace(staff_user, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(CustomerViewSet, "list", broken)
    client = Client(raise_request_exception=False)
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    response = client.get("/api/v1/customers/")
    assert json_error(response, 500) == error("server_error", "Server error.")
    assert b"secret internals" not in response.content
    assert b"Traceback" not in response.content


def test_a_django_validation_error_in_a_view_is_a_400_in_json(officer, monkeypatch):
    from django.core.exceptions import ValidationError

    def invalid(self, request, *args, **kwargs):
        raise ValidationError("That is not allowed here.")

    monkeypatch.setattr(CustomerViewSet, "list", invalid)
    response = officer.get("/api/v1/customers/")
    assert json_error(response, 400) == error("invalid", "That is not allowed here.")


def test_field_errors_keep_their_fields_and_gain_a_detail(client, staff_user, carol):
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    response = client.patch(
        f"/api/v1/customers/{carol.pk}/",
        {"email": "not-an-email"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert json_error(response, 400) == {
        "error": "invalid",
        "detail": "Invalid input.",
        "fields": {"email": ["Enter a valid email address."]},
    }


@pytest.mark.parametrize(
    ("handler", "status", "code", "detail"),
    [
        (bad_request, 400, "bad_request", "Bad request."),
        (
            permission_denied,
            403,
            "permission_denied",
            "You do not have permission to perform this action.",
        ),
    ],
)
def test_the_django_error_handlers_answer_json_under_the_api_only(handler, status, code, detail):
    api = handler(RequestFactory().get("/api/v1/customers/"), Exception("internal"))
    assert (api.status_code, api["Content-Type"]) == (status, "application/json")
    assert json.loads(api.content) == error(code, detail)
    page = handler(RequestFactory().get("/requests/"), Exception("internal"))
    assert page.status_code == status
    assert page["Content-Type"].startswith("text/html")
    assert b"internal" not in page.content


def test_a_body_too_large_outside_rest_framework_is_a_413_under_the_api():
    exception = RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
    api = bad_request(RequestFactory().get("/api/schema/"), exception)
    assert (api.status_code, api["Content-Type"]) == (413, "application/json")
    assert json.loads(api.content) == error(
        "request_too_large", "Request body too large: the limit is 1048576 bytes."
    )
    assert bad_request(RequestFactory().get("/admin/"), exception).status_code == 400


def test_the_server_error_handler_answers_html_outside_the_api():
    api = server_error(RequestFactory().get("/api/v1/customers/"))
    assert json.loads(api.content) == error("server_error", "Server error.")
    page = server_error(RequestFactory().get("/systems/"))
    assert (page.status_code, page["Content-Type"][:9]) == (500, "text/html")
