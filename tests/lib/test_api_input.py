"""Bad input to the API is refused in JSON, naming what was wrong: a 400 or a 413, never
a 500, never an HTML page, never a silently ignored parameter (lib/api.py).

Expected answers are written out literally; the limits are the defaults of the README's
configuration table (API_MAX_PAGE_SIZE 500, API_MAX_JSON_DEPTH 32,
DATA_UPLOAD_MAX_MEMORY_SIZE 1,048,576 bytes).
"""

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

from customers.api import CustomerViewSet
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

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ROOT = Path(__file__).resolve().parents[2]

LIMIT_RULE = "must be a whole number from 1 to 500"
OFFSET_RULE = "must be a whole number from 0 to 999999999"


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


def json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


# Pagination: limit and offset ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The inputs that answered 500 (SQLite cannot take the integers; Python's slicing
        # refused the negative offset) ...
        (
            "offset=-20922789888000&limit=1025131079102842142720",
            {
                "detail": f"limit {LIMIT_RULE}. offset {OFFSET_RULE}.",
                "parameters": {"limit": LIMIT_RULE, "offset": OFFSET_RULE},
            },
        ),
        (
            "limit=99999999999999999999999",
            {"detail": f"limit {LIMIT_RULE}.", "parameters": {"limit": LIMIT_RULE}},
        ),
        (
            "offset=-1",
            {"detail": f"offset {OFFSET_RULE}.", "parameters": {"offset": OFFSET_RULE}},
        ),
        # ... and those that were ignored in silence.
        ("limit=abc", {"detail": f"limit {LIMIT_RULE}.", "parameters": {"limit": LIMIT_RULE}}),
        ("offset=ten", {"detail": f"offset {OFFSET_RULE}.", "parameters": {"offset": OFFSET_RULE}}),
    ],
)
def test_a_bad_limit_or_offset_is_a_400_naming_it(officer, carol, query, expected):
    response = officer.get(f"/api/v1/orders/?{query}")
    assert json_error(response, 400) == expected


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=-5", "limit"),
        ("limit=1.5", "limit"),
        ("limit=1e3", "limit"),
        ("limit=", "limit"),
        ("limit=+5", "limit"),
        ("limit=%205", "limit"),  # " 5": int() would take it
        ("limit=1_0", "limit"),  # int() would take it
        ("limit=%EF%BC%91%EF%BC%90", "limit"),  # fullwidth "１０": int() would take it
        ("offset=1000000000", "offset"),
        ("offset=-0.5", "offset"),
        ("offset=", "offset"),
        ("offset=0x10", "offset"),
    ],
)
def test_limit_and_offset_take_plain_whole_numbers_in_range_only(officer, query, parameter):
    body = json_error(officer.get(f"/api/v1/orders/?{query}"), 400)
    assert list(body["parameters"]) == [parameter]


def test_a_bad_limit_is_refused_on_every_paginated_list(officer):
    for url in ("/api/v1/customers/", "/api/v1/mint-orders/"):
        body = json_error(officer.get(url, {"limit": "100000"}), 400)
        assert body["parameters"] == {"limit": LIMIT_RULE}, url


def test_a_good_limit_and_offset_still_page(officer, carol):
    response = officer.get("/api/v1/orders/?limit=10&offset=0")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 12
    assert len(body["results"]) == 10
    second = officer.get("/api/v1/orders/?limit=10&offset=10").json()
    assert len(second["results"]) == 2


def test_the_bounds_themselves_are_allowed(officer, carol):
    assert len(officer.get("/api/v1/orders/?limit=500").json()["results"]) == 12
    assert len(officer.get("/api/v1/orders/?limit=1").json()["results"]) == 1
    past_the_end = officer.get("/api/v1/orders/?offset=999999999")
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
    assert (body["count"], len(body["results"])) == (51, 50)


# Query parameters a resource does not know ----------------------------------------------


def test_an_unknown_query_parameter_is_a_400_not_everything(officer, carol):
    response = officer.get("/api/v1/customers/?emial=carol@example.org")
    assert json_error(response, 400) == {
        "detail": "Unknown query parameter: emial. This resource accepts: customer_id, "
        "email, format, limit, name, offset, phone.",
        "parameters": {"emial": "is not a parameter of this resource"},
    }


def test_every_unknown_parameter_is_named_sorted_and_no_value_is_echoed(officer):
    response = officer.get("/api/v1/orders/?zeta=1&order_numbr=PF1&alpha=carol@example.org")
    body = json_error(response, 400)
    assert body["detail"] == (
        "Unknown query parameters: alpha, order_numbr, zeta. This resource accepts: "
        "format, limit, offset, order_number."
    )
    assert list(body["parameters"]) == ["alpha", "order_numbr", "zeta"]
    assert b"carol@example.org" not in response.content


def test_unknown_parameters_are_refused_on_a_single_record_and_a_write(officer, carol):
    body = json_error(officer.get(f"/api/v1/customers/{carol.pk}/?fields=email"), 400)
    assert list(body["parameters"]) == ["fields"]
    response = officer.patch(
        f"/api/v1/customers/{carol.pk}/?dry_run=1",
        {"given_name": "Caroline"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert list(json_error(response, 400)["parameters"]) == ["dry_run"]
    assert Person.objects.get(pk=carol.pk).given_name == "Carol"


def test_the_public_catalogue_refuses_unknown_parameters_too(client):
    body = json_error(client.get("/api/v1/systems/?serach=mint"), 400)
    assert body["parameters"] == {"serach": "is not a parameter of this resource"}


def test_declared_filters_and_format_are_accepted(officer, carol):
    response = officer.get("/api/v1/orders/?order_number=pf-0000000003&format=json&limit=5")
    assert response.status_code == 200
    assert [r["order_number"] for r in response.json()["results"]] == ["PF0000000003"]
    people = officer.get("/api/v1/customers/", {"customer_id": "c00000201"}).json()
    assert [r["customer_id"] for r in people["results"]] == ["C00000201"]


def test_without_credentials_an_unknown_parameter_still_gets_401(client):
    response = client.get("/api/v1/customers/?emial=x")
    assert json_error(response, 401) == {"detail": "Authentication credentials were not provided."}


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
        assert json_error(response, 400) == {"detail": "JSON nested too deep: more than 32 levels."}


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
    assert json_error(response, 400) == {
        "detail": 'Unsupported charset "bz2_codec" in request Content-Type header.'
    }


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
    assert json_error(response, 413) == {
        "detail": "Request body too large: the limit is 1048576 bytes."
    }


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
    assert json_error(under, 403) == {"detail": "You may not change: given_name, padding."}


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
        ("/api/v1/orders/?limit=abc", 400),
        ("/api/v1/orders/?emial=x", 400),
        ("/api/v1/orders/999999/", 404),
        ("/api/v1/no-such-resource/", 404),
    ):
        json_error(officer.get(url, HTTP_ACCEPT=browser), status)
    officer.logout()
    json_error(officer.get("/api/v1/orders/", HTTP_ACCEPT=browser), 401)


def test_an_unknown_api_address_is_a_404_in_json(officer):
    assert json_error(officer.get("/api/v1/no-such-resource/"), 404) == {"detail": "Not found."}


def test_an_unknown_page_elsewhere_is_still_an_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_disallowed_host_on_the_api_is_a_400_in_json(client):
    response = client.get("/api/v1/systems/", HTTP_HOST="evil.example")
    assert json_error(response, 400) == {"detail": "Bad request."}


def test_a_server_error_on_the_api_is_json_without_a_trace(staff_user, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(CustomerViewSet, "list", broken)
    client = Client(raise_request_exception=False)
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    response = client.get("/api/v1/customers/")
    assert json_error(response, 500) == {"detail": "Server error."}
    assert b"secret internals" not in response.content
    assert b"Traceback" not in response.content


def test_a_django_validation_error_in_a_view_is_a_400_in_json(officer, monkeypatch):
    from django.core.exceptions import ValidationError

    def invalid(self, request, *args, **kwargs):
        raise ValidationError("That is not allowed here.")

    monkeypatch.setattr(CustomerViewSet, "list", invalid)
    response = officer.get("/api/v1/customers/")
    assert json_error(response, 400) == {"detail": "That is not allowed here."}


def test_field_errors_keep_their_fields_and_gain_a_detail(client, staff_user, carol):
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    response = client.patch(
        f"/api/v1/customers/{carol.pk}/",
        {"email": "not-an-email"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    body = json_error(response, 400)
    assert body["detail"] == "Invalid input."
    assert body["email"] == ["Enter a valid email address."]


@pytest.mark.parametrize(
    ("handler", "status", "detail"),
    [
        (bad_request, 400, "Bad request."),
        (permission_denied, 403, "You do not have permission to perform this action."),
    ],
)
def test_the_django_error_handlers_answer_json_under_the_api_only(handler, status, detail):
    api = handler(RequestFactory().get("/api/v1/customers/"), Exception("internal"))
    assert (api.status_code, api["Content-Type"]) == (status, "application/json")
    assert json.loads(api.content) == {"detail": detail}
    page = handler(RequestFactory().get("/requests/"), Exception("internal"))
    assert page.status_code == status
    assert page["Content-Type"].startswith("text/html")
    assert b"internal" not in page.content


def test_a_body_too_large_outside_rest_framework_is_a_413_under_the_api():
    exception = RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
    api = bad_request(RequestFactory().get("/api/schema/"), exception)
    assert (api.status_code, api["Content-Type"]) == (413, "application/json")
    assert json.loads(api.content) == {
        "detail": "Request body too large: the limit is 1048576 bytes."
    }
    assert bad_request(RequestFactory().get("/admin/"), exception).status_code == 400


def test_the_server_error_handler_answers_html_outside_the_api():
    api = server_error(RequestFactory().get("/api/v1/customers/"))
    assert json.loads(api.content) == {"detail": "Server error."}
    page = server_error(RequestFactory().get("/systems/"))
    assert (page.status_code, page["Content-Type"][:9]) == (500, "text/html")
