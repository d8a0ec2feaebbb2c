"""The change log in the admin: the auditors' own, not django-auditlog's (open to any
superuser); it says who changed which record and when, never the values."""

import pytest
from django.test import Client

from audit.models import ChangeEntry
from customers.models import Address
from sorn.constants import Role
from tests.access.conftest import USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

URL = "/admin/audit/changeentry/"


@pytest.fixture
def changed_address():
    zoe = person_in("C00000991", USPS_890, given_name="Zoe")
    address = Address.objects.create(person=zoe, kind="home", line1="12 Quiet Ln", city="Lima")
    address.line1 = "14 Quiet Ln"
    address.save()
    return address


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.AUDITOR, 200), (Role.PRIVACY_OFFICER, 403), (Role.CUSTOMER_SERVICE, 403)],
)
def test_only_auditors_browse_the_change_log(staff_user, changed_address, role, status):
    client = Client()
    client.force_login(staff_user(role))
    assert client.get(URL).status_code == status


def test_a_superuser_without_the_auditor_role_is_refused(django_user_model, settings):
    settings.POLICY_SUPERUSER_ROLES = []
    root = django_user_model.objects.create_superuser("root", password="x-Root-pass-1")
    client = Client()
    client.force_login(root)
    assert client.get(URL).status_code == 403


def test_the_auditor_sees_who_changed_what_but_no_value(staff_user, changed_address):
    client = Client()
    client.force_login(staff_user(Role.AUDITOR))
    entry = ChangeEntry.objects.filter(object_pk=str(changed_address.pk)).latest("pk")
    response = client.get(f"{URL}{entry.pk}/change/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Address #{changed_address.pk}" in body
    assert "sealed with the record" in body
    assert "Quiet Ln" not in body
