"""Forms fit their values (issue 14, item 9): encrypted text is a TextField for its
ciphertext's sake, but a single-line value is edited in a single-line input of its type
(decided once, in the field and the admin base), a long text in a text area."""

from __future__ import annotations

import re

import pytest
from django import forms

from customers.models import Address, Person, PhoneNumber
from orders.models import OrderStatusInquiry
from sorn.constants import Role
from tests.access.conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def control(page: str, name: str) -> str:
    """The opening tag of the form control named `name`."""
    found = re.search(rf'<(input|textarea)[^>]*name="{re.escape(name)}"[^>]*>', page)
    assert found, name
    return found.group(0)


def test_a_person_and_its_phones_and_addresses_edit_on_single_lines_of_their_type(as_role):
    person = person_in("C00000001", USPS_810, given_name="Ada", family_name="Lovelace")
    PhoneNumber.objects.create(person=person, kind="home", number="+12025550100")
    Address.objects.create(person=person, kind="home", line1="1 Main", city="Cody", state="WY")
    page = as_role(Role.CUSTOMER_SERVICE).get(f"/admin/customers/person/{person.pk}/change/")
    page = page.content.decode()
    # Literal: field → the input it is edited in.
    expected = {
        "given_name": 'type="text"',
        "family_name": 'type="text"',
        "email": 'type="email"',
        "url": 'type="url"',
        "phone_numbers-0-number": 'type="tel"',
        "addresses-0-line1": 'type="text"',
        "addresses-0-city": 'type="text"',
        "addresses-0-postal_code": 'type="text"',
    }
    for name, input_type in expected.items():
        tag = control(page, name)
        assert tag.startswith("<input"), (name, tag)
        assert input_type in tag, (name, tag)
    assert "<textarea" not in page
    # A tabular inline's inputs are named by their column (no <label> of their own).
    assert 'aria-label="Number"' in control(page, "phone_numbers-0-number")


def test_the_field_decides_its_input_outside_the_admin_too():
    single = Person._meta.get_field("family_name").formfield()
    email = Person._meta.get_field("email").formfield()
    long_text = OrderStatusInquiry._meta.get_field("note").formfield()
    assert isinstance(single.widget, forms.TextInput)
    assert single.widget.input_type == "text" and single.max_length == 100
    assert email.widget.input_type == "email"
    assert isinstance(long_text.widget, forms.Textarea)
