"""Finding 12: an export never hands a spreadsheet a formula.

A value that begins with `=` (or `+`, `-`, `@`) is run as a formula when the CSV is
opened in a spreadsheet (CSV injection, CWE-1236). Names are typed by customers and
purposes by API callers: an export writes such a cell with a leading single quote, so
it is shown as text."""

import csv
import io

import pytest

from audit.models import AccessEvent
from sorn.constants import Role

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

HYPERLINK = '=HYPERLINK("http://evil.example","x")'
CALC = "=1+cmd|' /C calc'!A0"


def exported(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_a_family_name_formula_is_exported_as_text(as_role):
    """Finding 12: privacy_officer exports a person whose family name is
    =HYPERLINK("http://evil.example","x"); the cell is '=HYPERLINK(...), starting with a
    single quote. Today it starts with "=" and is a live link."""
    mallory = person_in("C00000131", USPS_810, given_name="Mallory", family_name=HYPERLINK)
    response = as_role(Role.PRIVACY_OFFICER).post(
        "/admin/customers/person/",
        {"action": "export_csv", "_selected_action": [mallory.pk]},
    )
    (row,) = exported(response)
    assert row["given_name"] == "Mallory"
    assert row["family_name"] == "'" + HYPERLINK


def test_an_access_purpose_formula_is_exported_as_text(as_role):
    """Finding 12: an API caller states the purpose =1+cmd|' /C calc'!A0 (header
    X-Access-Purpose); the auditor's export of that access event writes the purpose as
    '=1+cmd|' /C calc'!A0. Today it starts with "=" (a DDE payload)."""
    person_in("C00000132", USPS_810, given_name="Ivan")
    read = as_role(Role.CUSTOMER_SERVICE).get("/api/v1/customers/", HTTP_X_ACCESS_PURPOSE=CALC)
    assert read.status_code == 200
    event = AccessEvent.objects.get(model="customers.Person")
    assert event.purpose == CALC  # stored as stated; only the export must defuse it

    response = as_role(Role.AUDITOR).post(
        "/admin/audit/accessevent/",
        {"action": "export_events", "_selected_action": [event.pk]},
    )
    (row,) = exported(response)
    assert row["purpose"] == "'" + CALC
