"""Finding 13: the admin's own filters work for the roles that read the field.

The gate refuses a URL lookup on a field the user may not read; but it reads a lookup
suffix on a field of the model itself (`channel__exact`, `ended_on__year`) as a field
name, finds none, and refuses it too. So the change list's own filter links and date
hierarchy answer 400 to a privacy officer, who reads every field."""

import datetime

import pytest

from customers.models import SystemRelationship
from orders.models import OfflineOrder
from sorn.constants import Role

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def faxed():
    """Felix ordered by fax; his USPS 810.300 relationship ended in 2020."""
    felix = person_in("C00000141", USPS_810, given_name="Felix")
    felix.relationships.update(ended_on=datetime.date(2020, 9, 30), status="ended")
    return OfflineOrder.objects.create(
        person=felix, order_number="PF0000014101", placed_on=datetime.date(2020, 3, 1),
        channel="fax",
    )  # fmt: skip


def test_the_channel_filter_of_offline_orders_works(as_role, faxed):
    """Finding 13: privacy_officer's ?channel__exact=fax (the "By channel" filter link)
    answers 200 listing the faxed order. Today 400."""
    response = as_role(Role.PRIVACY_OFFICER).get(
        "/admin/orders/offlineorder/", {"channel__exact": "fax"}
    )
    assert response.status_code == 200
    assert [o.order_number for o in response.context["cl"].result_list] == ["PF0000014101"]


def test_the_date_hierarchy_of_relationships_works(as_role, faxed):
    """Finding 13: privacy_officer's ?ended_on__year=2020 (the date hierarchy of
    relationships) answers 200 listing Felix's relationship. Today 400."""
    response = as_role(Role.PRIVACY_OFFICER).get(
        "/admin/customers/systemrelationship/", {"ended_on__year": "2020"}
    )
    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert listed == list(SystemRelationship.objects.filter(person__customer_id="C00000141"))
