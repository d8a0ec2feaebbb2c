"""Auditors, and only they, browse and export the access events."""

import pytest

from audit.models import AccessEvent
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def event():
    return AccessEvent.objects.create(
        username="clerk", roles="customer_service", channel="admin_list",
        model="customers.Person", record_ids=[1, 2], fields=["email"], path="/admin/",
    )  # fmt: skip


@pytest.mark.parametrize("role", [r for r in Role if r != Role.AUDITOR])
def test_no_one_but_auditors_sees_access_events(client, staff_user, event, role):
    client.force_login(staff_user(role))
    assert client.get("/admin/audit/accessevent/").status_code in (302, 403)


def test_an_auditor_filters_and_exports_access_events(client, staff_user, event):
    client.force_login(staff_user(Role.AUDITOR))
    listed = client.get("/admin/audit/accessevent/", {"channel__exact": "admin_list"})
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [event]
    export = client.post(
        "/admin/audit/accessevent/", {"action": "export_events", "_selected_action": [event.pk]}
    )
    lines = export.content.decode().splitlines()
    assert lines[0].startswith("id,occurred_at,username")
    assert "clerk" in lines[1]
    assert client.post(f"/admin/audit/accessevent/{event.pk}/delete/").status_code == 403
