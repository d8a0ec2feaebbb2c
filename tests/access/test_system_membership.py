"""Finding 3: a role must not learn which other systems a person belongs to.

A person shared by several systems is visible to a role through the one it works on;
filtering people by a relationship to a system outside the role's scope, or finding
them by that system's own customer number, tells the role they are that system's
customer too."""

import pytest

from sorn.constants import Role

from .conftest import MINT, USPS_810, USPS_820, USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

PEOPLE = "/admin/customers/person/"


def assert_no_one_listed(response) -> None:
    """Either refused (400), or a page that lists nobody."""
    if response.status_code == 400:
        return
    assert response.status_code == 200, response.status_code
    listed = [p.customer_id for p in response.context["cl"].result_list]
    assert listed == []


def test_customer_service_cannot_filter_people_by_a_relationship_with_820(as_role):
    """Finding 3: customer_service works on USPS 810.300 and the Mint. Rosa is a
    USPS 810.300 customer and a USPS 820.100 mailer; filtering people by
    relationships__system=usps-820-100 (with facets) must not list her. Today the
    page lists her: she is a mailer."""
    person_in("C00000041", USPS_810, USPS_820, given_name="Rosa")
    person_in("C00000042", USPS_810, given_name="Sam")  # 810.300 only: never a mailer
    response = as_role(Role.CUSTOMER_SERVICE).get(
        PEOPLE, {"relationships__system": USPS_820, "_facets": "True"}
    )
    assert_no_one_listed(response)


def test_contractor_agent_cannot_filter_people_by_a_relationship_with_890(as_role):
    """Finding 3: contractor_agent works on the Mint only. Theo is a Mint customer and
    a USPS 890.000 one; relationships__system=usps-890-000 must not list him. Today it
    does."""
    person_in("C00000043", MINT, USPS_890, given_name="Theo")
    response = as_role(Role.CONTRACTOR_AGENT).get(PEOPLE, {"relationships__system": USPS_890})
    assert_no_one_listed(response)


def test_contractor_agent_cannot_find_a_person_by_a_usps_customer_number(as_role):
    """Finding 3: Theo is MINT-C00000044 at the Mint and USPS-C00000044 at USPS
    890.000. contractor_agent finds him by his customer ID or his Mint number, and
    finds no one by his USPS number. Today the USPS number finds him too."""
    theo = person_in("C00000044", MINT, USPS_890, given_name="Theo")
    client = as_role(Role.CONTRACTOR_AGENT)

    def found(customer_id: str) -> list[int]:
        response = client.get("/api/v1/customers/", {"customer_id": customer_id})
        assert response.status_code == 200, customer_id
        return [r["id"] for r in response.json()["results"]]

    assert found("C00000044") == [theo.pk]
    assert found("MINT-C00000044") == [theo.pk]
    assert found("USPS-C00000044") == []
