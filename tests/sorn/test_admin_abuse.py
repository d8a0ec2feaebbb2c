"""Crafted admin URLs and forms change nothing and leak nothing: lookups on fields a role
may not read are refused, ordering by a hidden column is ignored, posted values for
fields outside the form are dropped, and records outside a role's systems are not found."""

import datetime

import pytest

from customers.models import Person, SystemRelationship
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

CHANGELIST = "/admin/customers/person/"


@pytest.fixture
def person():
    person = Person.objects.create(
        customer_id="Z00001",
        given_name="Zelda",
        family_name="Quist",
        email="zelda.quist@example.org",
        date_of_birth=datetime.date(1970, 3, 4),
    )
    SystemRelationship.objects.create(
        person=person, system="usps-810-300", started_on=datetime.date(2020, 1, 1)
    )
    SystemRelationship.objects.create(
        person=person, system="usps-890-000", started_on=datetime.date(2020, 1, 1)
    )
    return person


@pytest.fixture
def as_role(client, staff_user):
    def login(role: Role):
        client.force_login(staff_user(role))
        return client

    return login


@pytest.mark.parametrize(
    ("role", "lookup"),
    [
        # E-mail is masked for marketing analysts: no probing it letter by letter.
        (Role.MARKETING_ANALYST, {"email__startswith": "z"}),
        (Role.MARKETING_ANALYST, {"email_index": "0" * 32}),
        # Date of birth is hidden from customer service (published by USPS 890.000 only).
        (Role.CUSTOMER_SERVICE, {"date_of_birth__isnull": "False"}),
        (Role.CUSTOMER_SERVICE, {"date_of_birth__gte": "1900-01-01"}),
    ],
)
def test_lookups_on_fields_the_role_may_not_read_are_refused(as_role, person, role, lookup):
    response = as_role(role).get(CHANGELIST, lookup)
    assert response.status_code == 400
    assert b"Zelda" not in response.content and b"zelda" not in response.content


def test_ordering_by_a_column_the_role_does_not_have_is_ignored(as_role, person):
    client = as_role(Role.MARKETING_ANALYST)
    plain = client.get(CHANGELIST)
    crafted = client.get(CHANGELIST, {"o": "9.8.7"})
    assert crafted.status_code == 200
    assert list(crafted.context["cl"].result_list) == list(plain.context["cl"].result_list)


def test_search_does_not_reach_fields_the_role_sees_masked(as_role, person):
    client = as_role(Role.MARKETING_ANALYST)
    response = client.get(CHANGELIST, {"q": "zelda.quist@example.org"})
    assert list(response.context["cl"].result_list) == []
    reader = as_role(Role.CUSTOMER_SERVICE)
    found = reader.get(CHANGELIST, {"q": "zelda.quist@example.org"})
    assert list(found.context["cl"].result_list) == [person]


def form_data(response) -> dict:
    """What the change form would post back unchanged: its fields and its inlines'."""

    def values(form) -> dict:
        data = {}
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            data[form.add_prefix(name)] = "" if value is None else value
        return data

    data = values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(values(formset.management_form))
        for form in formset.forms:
            data.update(values(form))
    return data


def test_posted_values_for_fields_outside_the_form_are_dropped(as_role, person):
    client = as_role(Role.CUSTOMER_SERVICE)
    url = f"{CHANGELIST}{person.pk}/change/"
    data = form_data(client.get(url))
    assert "date_of_birth" not in data and "customer_id" not in data
    data.update(
        {
            "email": "zelda.new@example.org",
            "customer_id": "HIJACKED",  # read-only for customer service
            "date_of_birth": "2001-01-01",  # hidden from customer service
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    fresh = Person.objects.get(pk=person.pk)
    assert fresh.email == "zelda.new@example.org"
    assert fresh.customer_id == "Z00001"
    assert fresh.date_of_birth == datetime.date(1970, 3, 4)


def test_a_record_outside_the_roles_systems_is_not_found(as_role, person):
    mailer = Person.objects.create(customer_id="Z00002", given_name="M", email="m@example.org")
    SystemRelationship.objects.create(
        person=mailer, system="usps-820-100", started_on=datetime.date(2020, 1, 1)
    )
    client = as_role(Role.CUSTOMER_SERVICE)
    elsewhere = client.get(f"{CHANGELIST}{mailer.pk}/change/")
    missing = client.get(f"{CHANGELIST}999999/change/")
    # Both redirect to the index with the same "does not exist" message.
    assert elsewhere.status_code == missing.status_code == 302
    assert elsewhere["Location"] == missing["Location"]


def test_nobody_deletes_a_record_by_hand(as_role, person):
    client = as_role(Role.PRIVACY_OFFICER)
    response = client.post(f"{CHANGELIST}{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
