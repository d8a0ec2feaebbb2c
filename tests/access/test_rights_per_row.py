"""Finding 1: a field's right holds only on the rows of the field's own system.

A field is visible on a row only if the field's system is one of the row's systems (a
person's systems are its relationships'; a row with a `system` column belongs to that
system) and in the role's scope. Today the gate decides per model: a role that may read
a field anywhere reads it on every row it can reach, whichever system the row is in."""

import datetime

import pytest

from customers.models import Credential, Person
from sorn.constants import Role

from .conftest import MINT, USPS_810, USPS_820, USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

CREDENTIALS = "/admin/customers/credential/"


@pytest.fixture
def credentials():
    """Carla is known to the three systems that keep credentials, with one of each;
    Mona is known to the Mint only, with the Mint's."""
    carla = person_in("C00000011", USPS_810, USPS_820, MINT, given_name="Carla")
    mona = person_in("C00000012", MINT, given_name="Mona")
    return {
        "carla-810": Credential.objects.create(person=carla, system=USPS_810, username="carla-810"),
        "carla-820": Credential.objects.create(person=carla, system=USPS_820, username="carla-820"),
        "carla-mint": Credential.objects.create(person=carla, system=MINT, username="carla-mint"),
        "mona-mint": Credential.objects.create(person=mona, system=MINT, username="mona-mint"),
    }


def test_security_admin_lists_only_820_credentials(as_role, credentials):
    """Finding 1: security_admin's scope is USPS 820.100 identification_authentication
    (and the Mint's staff_user_access, which holds no customer credential): of the four
    credentials, only Carla's USPS 820.100 one is listed. Today the Mint's are too."""
    response = as_role(Role.SECURITY_ADMIN).get(CREDENTIALS)
    assert response.status_code == 200
    listed = sorted(c.username for c in response.context["cl"].result_list)
    assert listed == ["carla-820"]


def test_security_admin_exports_no_mint_or_810_username(as_role, credentials):
    """Finding 1: "Export selected as CSV" of every credential, as security_admin,
    names Carla's USPS 820.100 username and no Mint or USPS 810.300 one."""
    response = as_role(Role.SECURITY_ADMIN).post(
        CREDENTIALS,
        {
            "action": "export_csv",
            "_selected_action": [c.pk for c in credentials.values()],
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "carla-820" in text
    leaked = [name for name in ("carla-810", "carla-mint", "mona-mint") if name in text]
    assert leaked == []


@pytest.fixture
def mint_collector():
    """Known to the Mint only; company name and job title are USPS fields (the Mint's
    notice lists neither), date of birth a USPS 890.000 one."""
    return person_in(
        "C00000021",
        MINT,
        given_name="Mint",
        family_name="Collector",
        company_name="Numismatic Holdings LLC",
        job_title="Chief Collector",
        url="https://collector.example.net",
        date_of_birth=datetime.date(1970, 3, 4),
    )


@pytest.fixture
def usps_customer():
    return person_in(
        "C00000022",
        USPS_810,
        given_name="Usps",
        family_name="Customer",
        company_name="Acme Stamps Inc.",
        job_title="Buyer",
    )


def test_customer_service_api_shows_no_usps_business_fields_on_a_mint_only_person(
    as_role, mint_collector, usps_customer
):
    """Finding 1: customer_service reads company name and job title (USPS fields) on a
    USPS 810.300 customer, and not on a person known to the Mint only. Today it reads
    them on both."""
    client = as_role(Role.CUSTOMER_SERVICE)
    usps = client.get(f"/api/v1/customers/{usps_customer.pk}/").json()
    assert (usps["company_name"], usps["job_title"]) == ("Acme Stamps Inc.", "Buyer")

    mint = client.get(f"/api/v1/customers/{mint_collector.pk}/")
    assert mint.status_code == 200
    record = mint.json()
    assert record["given_name"] == "Mint"
    assert "company_name" not in record
    assert "job_title" not in record


def test_customer_service_change_form_shows_no_usps_business_fields_on_a_mint_only_person(
    as_role, mint_collector
):
    """Finding 1: the admin change form of the Mint-only person, as customer_service,
    shows neither the company name nor the job title."""
    response = as_role(Role.CUSTOMER_SERVICE).get(
        f"/admin/customers/person/{mint_collector.pk}/change/"
    )
    assert response.status_code == 200
    assert response.context["original"] == mint_collector
    assert b"Numismatic Holdings LLC" not in response.content
    assert b"Chief Collector" not in response.content


def test_marketing_analyst_sees_no_date_of_birth_of_a_mint_only_person(as_role, mint_collector):
    """Finding 1: date of birth is a USPS 890.000 field. marketing_analyst sees it
    masked to the year on a USPS 890.000 customer, and not at all on a person known to
    the Mint only. Today it gets "1970" for both."""
    marketer = person_in("C00000023", USPS_890, date_of_birth=datetime.date(1981, 6, 7))
    client = as_role(Role.MARKETING_ANALYST)
    usps = client.get(f"/api/v1/customers/{marketer.pk}/").json()
    assert usps.get("date_of_birth", "1981") == "1981"  # may be present, never in clear

    mint = client.get(f"/api/v1/customers/{mint_collector.pk}/")
    assert mint.status_code == 200
    assert "date_of_birth" not in mint.json()


def test_customer_service_cannot_write_a_usps_url_on_a_mint_only_person(as_role, mint_collector):
    """Finding 1: the URL is a USPS 810.300/890.000 field; customer_service may not set
    it on a person known to the Mint only (403 or 400), and the stored URL stays.
    Today the write is accepted (200)."""
    response = as_role(Role.CUSTOMER_SERVICE).patch(
        f"/api/v1/customers/{mint_collector.pk}/",
        {"url": "https://example.org"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code in (400, 403)
    assert Person.objects.get(pk=mint_collector.pk).url == "https://collector.example.net"
