"""Finding 2: a filter must not confirm a value the role sees masked.

Filtering by a value is reading it: `?email=jane@example.org` answered with one result
or none tells a marketing analyst (who sees e-mails as j•••@example.org) whether Jane's
e-mail is exactly that. A filter on a field the role does not read in clear is refused
with 400, naming the parameter."""

import datetime

import pytest

from customers.models import PhoneNumber
from orders.models import MintOrder
from sorn.constants import Role

from .conftest import MINT, USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def jane():
    """Known to USPS 890.000 (the marketing analyst's system) and to the Mint."""
    person = person_in(
        "C00000031",
        USPS_890,
        MINT,
        given_name="Jane",
        family_name="Doe",
        email="jane.doe@example.org",
    )
    PhoneNumber.objects.create(person=person, kind="home", number="202-555-0131")
    return person


def assert_refused_naming(response, parameter: str) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    assert parameter in response.content.decode()


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("email", "jane.doe@example.org"),
        ("name", "Jane Doe"),
        ("phone", "202-555-0131"),
        ("customer_id", "C00000031"),
    ],
)
def test_marketing_analyst_cannot_filter_people_by_a_masked_value(as_role, jane, parameter, value):
    """Finding 2: marketing_analyst sees name, e-mail, phone and customer ID masked, so
    `?<parameter>=<Jane's value>` answers 400 naming the parameter. Today it answers
    200 with Jane as the one result: the value is confirmed."""
    response = as_role(Role.MARKETING_ANALYST).get("/api/v1/customers/", {parameter: value})
    assert_refused_naming(response, parameter)


def test_marketing_analyst_cannot_filter_mint_orders_by_order_number(as_role, jane):
    """Finding 2: order numbers are identifiers, masked for marketing_analyst:
    `?order_number=` answers 400 naming it. Today 200 with the order."""
    MintOrder.objects.create(
        person=jane,
        order_number="MO0000003101",
        internal_request_id="RQ0000003101",
        order_date=datetime.date(2025, 5, 1),
        channel="phone",
    )
    response = as_role(Role.MARKETING_ANALYST).get(
        "/api/v1/mint-orders/", {"order_number": "MO0000003101"}
    )
    assert_refused_naming(response, "order_number")


@pytest.mark.parametrize("role", [Role.RECORDS_OFFICER, Role.AUDITOR])
def test_officers_who_see_email_masked_cannot_filter_by_it(as_role, jane, role):
    """Finding 2: records_officer and auditor see contact details masked: `?email=`
    answers 400 naming it. Today 200 with Jane."""
    response = as_role(role).get("/api/v1/customers/", {"email": "jane.doe@example.org"})
    assert_refused_naming(response, "email")
