"""No change list queries row by row (issue 14: "the admin's slowest change list per
role", bench/retention_dashboard.py): a column showing a linked record must not fetch it
for each row. The same statement, but for its values, run more than twice in one page is
such a query."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.models import Person
from marketing.constants import DeviceType
from marketing.models import MeetingDevice
from sorn.constants import Role
from sorn.demo import seed_demo_records
from tests.marketing.factories import ParticipantSessionFactory

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

# Between them these roles open every record model's change list.
ROLES = (Role.PRIVACY_OFFICER, Role.SECURITY_ADMIN, Role.CONTRACTOR_AGENT)
VALUES = re.compile(r"'[^']*'|\b\d+\b")


def _repeated(client, url: str) -> dict[str, int]:
    """Statements (values left out) run more than twice by one GET of `url`."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    shapes = Counter(VALUES.sub("?", query["sql"]) for query in captured.captured_queries)
    return {sql[:120]: n for sql, n in shapes.items() if n > 2}


def test_no_change_list_queries_row_by_row(client, staff_user):
    seed_demo_records(12)
    # The demo seed makes a meeting device for about one customer in ten: a few more, each
    # in its own session (whose number the list shows), so a row-by-row fetch shows.
    person = Person.objects.filter(relationships__system="usps-890-000").first()
    for n in range(4):
        MeetingDevice.objects.create(
            session=ParticipantSessionFactory(person=person),
            recorded_at=timezone.now(),
            device_type=DeviceType.DESKTOP,
            operating_system="Linux",
            ip_address=f"203.0.113.{n + 1}",
            mac_address=f"00:11:22:33:44:5{n}",
        )
    repeated = {}
    for role in ROLES:
        client.force_login(staff_user(role))
        index = client.get("/admin/")
        for app in index.context["app_list"]:
            for model in app["models"]:
                found = _repeated(client, model["admin_url"])
                if found:
                    repeated[(role, model["admin_url"])] = found
    assert repeated == {}
