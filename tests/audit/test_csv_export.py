"""The auditor's CSV export of access events neutralises spreadsheet formulas (OWASP "CSV
Injection"): the purpose comes from a request header (X-Access-Purpose), so anyone who can
read a record can put a formula into the auditor's spreadsheet."""

import csv
import io

import pytest

from audit.models import AccessEvent
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

FORMULA = "=1+cmd|' /C calc'!A0"


def test_the_export_writes_a_formula_purpose_as_text(client, staff_user):
    event = AccessEvent.objects.create(
        username="@clerk", roles="customer_service", channel="api", model="customers.Person",
        record_ids=[1], fields=["email"], path="/api/v1/customers/1/", purpose=FORMULA,
    )  # fmt: skip
    client.force_login(staff_user(Role.AUDITOR))
    export = client.post(
        "/admin/audit/accessevent/", {"action": "export_events", "_selected_action": [event.pk]}
    )
    assert export.status_code == 200
    header, row = csv.reader(io.StringIO(export.content.decode()))
    exported = dict(zip(header, row, strict=True))
    assert exported["purpose"] == "'=1+cmd|' /C calc'!A0"
    assert exported["username"] == "'@clerk"
    assert exported["id"] == str(event.pk)
    assert exported["path"] == "/api/v1/customers/1/"
    assert exported["record_ids"] == "[1]"
    assert FORMULA not in row
