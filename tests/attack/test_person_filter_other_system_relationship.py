"""Hole: the Person change list filters on `relationships__status` / `relationships__
started_on` over *all* of a person's relationships, including those with systems the
role does not see; the filter (and its facets) tells facts about another system."""

import datetime

import pytest

from customers.models import SystemRelationship
from sorn.constants import Role
from tests.access.conftest import USPS_810, USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def ann():
    """Ann: an active USPS 810.300 customer; her 890.000 relationship started 2011 and
    ended (customer_service does not see USPS 890.000 at all)."""
    ann = person_in("C00000911", USPS_810, USPS_890, given_name="Ann")
    SystemRelationship.objects.filter(person=ann, system=USPS_890).update(
        status="ended", started_on=datetime.date(2011, 5, 5), ended_on=datetime.date(2015, 1, 1)
    )
    return ann


def test_status_filter_does_not_reach_other_systems(as_role, ann):
    response = as_role(Role.CUSTOMER_SERVICE).get(
        "/admin/customers/person/", {"relationships__status": "ended"}
    )
    # Expected safe: the filter answers only about the role's own systems (or is
    # refused): Ann's only ended relationship is with USPS 890.000, so she is not listed.
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert [p.pk for p in response.context["cl"].result_list] == []


def test_started_on_lookup_does_not_reach_other_systems(as_role, ann):
    response = as_role(Role.CUSTOMER_SERVICE).get(
        "/admin/customers/person/", {"relationships__started_on__year": "2011"}
    )
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert [p.pk for p in response.context["cl"].result_list] == []


def test_system_customer_id_lookup_does_not_reach_other_systems(as_role, ann):
    SystemRelationship.objects.filter(person=ann, system=USPS_890).update(
        system_customer_id="MKT-77"
    )
    response = as_role(Role.CUSTOMER_SERVICE).get(
        "/admin/customers/person/", {"relationships__system_customer_id": "MKT-77"}
    )
    # Expected safe: USPS 890.000's customer number is not customer_service's to match.
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert [p.pk for p in response.context["cl"].result_list] == []


def test_system_gt_lookup_does_not_reveal_membership_of_other_systems(as_role, ann):
    """`relationships__system__gt=usps-810-300` names only a system the role sees, so the
    gate lets it through, but it matches Ann's USPS 890.000 relationship."""
    response = as_role(Role.CUSTOMER_SERVICE).get(
        "/admin/customers/person/", {"relationships__system__gt": USPS_810}
    )
    # Expected safe: refused (400) or lists nobody (Ann's only other system is 890.000).
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert [p.pk for p in response.context["cl"].result_list] == []
