"""Hole: django-auditlog registers its own LogEntryAdmin for audit.ChangeEntry
(AUDITLOG_LOGENTRY_MODEL), outside the gate and outside the audit app's role checks.
Each entry keeps the changed record's title (`object_repr`, i.e. `__str__`) in clear.
An installation superuser, who holds no role in the record views (403 on the person),
lists GET /admin/audit/changeentry/ and reads "Business address of customer #1" and
"Customer #1 in usps-890-000": facts of records (an address kind, a person's membership
of a system) that the policy gives to no role-less user, unaudited."""

import pytest
from django.test import Client

from customers.models import Address
from tests.access.conftest import USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_roleless_superuser_reads_no_record_titles_in_change_entries(django_user_model, settings):
    settings.POLICY_SUPERUSER_ROLES = []
    zelda = person_in("C00000990", USPS_890, given_name="Zelda")
    Address.objects.create(person=zelda, kind="business", line1="77 Hidden Rd", city="Cody")
    root = django_user_model.objects.create_superuser("root", password="x-Root-pass-1")
    client = Client()
    client.force_login(root)
    assert client.get(f"/admin/customers/person/{zelda.pk}/change/").status_code == 403
    response = client.get("/admin/audit/changeentry/")
    body = response.content.decode() if response.status_code == 200 else ""
    assert "Business address of customer" not in body
    assert f"Customer #{zelda.pk} in usps-890-000" not in body
