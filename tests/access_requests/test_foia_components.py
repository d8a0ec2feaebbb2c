"""FOIA.gov components are configured in the admin by privacy officers only, and the demo
data of `./dev run` has the two demo agencies' components (README, "FOIA.gov Agency
API")."""

import pytest
from django.core.management import call_command
from django.test import Client

from access_requests.models import FoiaComponent
from sorn.constants import Role
from sorn.models import SystemOfRecords

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

LIST = "/admin/access_requests/foiacomponent/"


@pytest.fixture
def component():
    return FoiaComponent.objects.create(
        number=7, name="Synthetic Disclosure Office", agency="United States Postal Service",
        systems=["usps-820-100"],
    )  # fmt: skip


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_privacy_officer_sees_and_configures_components(staff_user, component):
    officer = client_of(staff_user(Role.PRIVACY_OFFICER))
    listing = officer.get(LIST)
    assert listing.status_code == 200
    assert "Synthetic Disclosure Office" in listing.content.decode()

    added = officer.post(
        f"{LIST}add/",
        {"number": "8", "name": "Another Office", "agency": "United States Postal Service",
         "systems": ["usps-810-300", "usps-890-000"], "active": "on"},
    )  # fmt: skip
    assert added.status_code == 302, added.content[:2000]
    assert FoiaComponent.objects.get(number=8).systems == ["usps-810-300", "usps-890-000"]

    changed = officer.post(
        f"{LIST}{component.pk}/change/",
        {"number": "7", "name": "Synthetic Disclosure Office", "agency": "X",
         "systems": ["usps-820-100"]},
    )  # fmt: skip
    assert changed.status_code == 302
    assert FoiaComponent.objects.get(number=7).active is False


def test_a_system_not_in_the_catalogue_is_refused(staff_user):
    officer = client_of(staff_user(Role.PRIVACY_OFFICER))
    response = officer.post(
        f"{LIST}add/", {"number": "9", "name": "N", "agency": "A", "systems": ["no-such-system"]}
    )
    assert response.status_code == 200
    assert "Select a valid choice. no-such-system is not one of the available choices." in (
        response.content.decode()
    )
    assert not FoiaComponent.objects.filter(number=9).exists()


@pytest.mark.parametrize("role", [Role.CUSTOMER_SERVICE, Role.RECORDS_OFFICER, Role.AUDITOR])
def test_other_roles_get_no_access(staff_user, component, role):
    other = client_of(staff_user(role))
    assert other.get(LIST).status_code == 403
    assert other.get(f"{LIST}{component.pk}/change/").status_code == 403
    assert other.get(f"{LIST}add/").status_code == 403
    assert "foiacomponent" not in other.get("/admin/").content.decode()


def test_nobody_deletes_a_component(staff_user, component):
    officer = client_of(staff_user(Role.PRIVACY_OFFICER))
    assert officer.get(f"{LIST}{component.pk}/delete/").status_code == 403


def test_the_demo_components_are_seeded_once(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "x-Demo-pass-1"
    assert set(SystemOfRecords.objects.values_list("slug", flat=True)) == {
        "usps-810-300", "usps-820-100", "usps-890-000", "mint-009",
    }  # fmt: skip
    call_command("seed_demo")
    FoiaComponent.objects.filter(number=2).update(active=False)  # an officer's change
    call_command("seed_demo")

    columns = ("number", "name", "agency", "systems", "active")
    assert list(FoiaComponent.objects.values_list(*columns)) == [
        (1, "USPS Privacy and Records Management Office", "United States Postal Service",
         ["usps-810-300", "usps-820-100", "usps-890-000"], True),
        (2, "United States Mint Disclosure Office",
         "Department of the Treasury, United States Mint", ["mint-009"], False),
    ]  # fmt: skip
