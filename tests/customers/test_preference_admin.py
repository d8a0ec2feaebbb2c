"""A preference changed in the admin is a consent change like any other: it goes through
customers.services.set_preference, so the consent history says who changed it, when and
how (the partner's promise: opt-outs are honoured and recorded)."""

import pytest

from customers.constants import ChangeChannel
from customers.models import PreferenceChange, Preferences
from sorn.constants import Role
from tests.access.conftest import USPS_810, person_in
from tests.attack.forms import form_data

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_an_opt_out_made_in_the_admin_is_in_the_consent_history(as_role):
    ivy = person_in("C00000995", USPS_810, given_name="Ivy")
    prefs = Preferences.objects.create(person=ivy, system=USPS_810, usps_marketing=True)
    client = as_role(Role.CUSTOMER_SERVICE)
    url = f"/admin/customers/preferences/{prefs.pk}/change/"
    data = form_data(client.get(url), "preferences_form")
    data.pop("usps_marketing", None)  # an unticked box is absent from the post
    response = client.post(url, data)
    assert response.status_code == 302
    prefs.refresh_from_db()
    assert prefs.usps_marketing is False
    change = PreferenceChange.objects.get(person=ivy)
    assert (change.preference, change.old_value, change.new_value) == (
        "usps_marketing",
        "True",
        "False",
    )
    assert change.channel == ChangeChannel.ADMIN
    assert change.changed_by.username == "customer_service-test"
