"""People: retrieval by the identifiers the notices list, validation that saves nothing on
bad input, and the history of preference changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from customers.models import Address, Credential, Person, PhoneNumber, SystemRelationship
from customers.services import find_people, set_preference

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def jose():
    person = Person.objects.create(
        customer_id="C00000042",
        given_name="José",
        family_name="O'Neil-Doe",
        email="Jose.ONeil@Example.com",
        company_name="Acme Philatelic Supply",
    )
    Address.objects.create(
        person=person,
        kind="home",
        line1="12 Elm Street",
        city="Springfield",
        state="IL",
        postal_code="62701",
    )
    PhoneNumber.objects.create(person=person, kind="home", number="(217) 555-0142")
    SystemRelationship.objects.create(
        person=person,
        system="usps-810-300",
        system_customer_id="USPS-810-77",
        started_on=datetime.date(2020, 1, 1),
    )
    return person


@pytest.fixture
def someone_else():
    return Person.objects.create(
        customer_id="C00000043", given_name="Ann", family_name="Other", email="ann@example.org"
    )


@pytest.mark.parametrize(
    "identifiers",
    [
        {"name": "jose o neil doe"},
        {"name": "JOSÉ O'NEIL-DOE"},
        {"email": " jose.oneil@example.COM "},
        {"phone": "+1 217 555 0142"},
        {"phone": "217.555.0142"},
        {"address": "12 elm street, springfield, il, 62701"},
        {"customer_id": "c00000042"},
        {"customer_id": "USPS-810-77"},
        {"name": "José O'Neil-Doe", "email": "jose.oneil@example.com", "phone": "2175550142"},
    ],
)
def test_finds_the_person_by_each_identifier(jose, someone_else, identifiers):
    assert list(find_people(identifiers)) == [jose]


@pytest.mark.parametrize(
    "identifiers",
    [
        {"name": "Jose Doe"},  # exact match on the whole name, not a partial one
        {"email": "jose@example.com"},
        {"phone": "217-555-0143"},
        {"phone": "not a phone"},
        {"name": "José O'Neil-Doe", "email": "ann@example.org"},  # every identifier must match
    ],
)
def test_finds_nobody_on_a_mismatch(jose, someone_else, identifiers):
    assert list(find_people(identifiers)) == []


def test_narrows_to_a_system(jose):
    assert list(find_people({"email": "jose.oneil@example.com"}, system="usps-810-300")) == [jose]
    assert list(find_people({"email": "jose.oneil@example.com"}, system="mint-009")) == []


@pytest.mark.parametrize(
    ("model", "fields", "error_field", "message"),
    [
        (Person, {"email": "not-an-email"}, "email", "valid email"),
        (Person, {"url": "ftp://example.org"}, "url", "valid URL"),
        (Person, {"birth_month": 13}, "birth_month", "less than or equal to 12"),
        (PhoneNumber, {"number": "12"}, "number", "valid phone number"),
        (Address, {"postal_code": "1234"}, "postal_code", "ZIP code"),
    ],
)
def test_bad_input_is_a_field_error_and_saves_nothing(jose, model, fields, error_field, message):
    base = {"person": jose, "kind": "home"} if model is not Person else {"customer_id": "C-BAD"}
    record = model(**base, **fields)
    before = model.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        record.full_clean()
    assert error_field in excinfo.value.message_dict
    assert message in " ".join(excinfo.value.message_dict[error_field])
    assert model.objects.count() == before


def test_a_relationship_cannot_end_before_it_starts(jose):
    relationship = SystemRelationship(
        person=jose,
        system="mint-009",
        started_on=datetime.date(2024, 5, 1),
        ended_on=datetime.date(2024, 4, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        relationship.full_clean()
    assert excinfo.value.message_dict["ended_on"] == [
        "The relationship cannot end before it started."
    ]
    assert not SystemRelationship.objects.filter(system="mint-009").exists()


def test_passwords_and_answers_are_hashed_and_checkable(jose):
    credential = Credential(person=jose, system="usps-810-300", username="jose42")
    credential.set_password("correct horse battery staple")
    credential.set_verification_answer("  Springfield ")
    credential.save()
    stored = Credential.objects.get(pk=credential.pk)
    assert "correct horse" not in stored.password_hash
    assert "springfield" not in stored.verification_answer_hash.lower()
    assert stored.check_password("correct horse battery staple")
    assert not stored.check_password("wrong")
    assert stored.check_verification_answer("SPRINGFIELD")
    assert Credential.objects.lookup(username="JOSE42").get() == stored


def test_preference_changes_keep_their_history(jose, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="x-Clerk-pass-1")
    first = set_preference(jose, "usps-810-300", "usps_marketing", True, channel="web")
    second = set_preference(
        jose, "usps-810-300", "usps_marketing", False, channel="admin", changed_by=clerk
    )
    unchanged = set_preference(jose, "usps-810-300", "usps_marketing", False, channel="web")
    assert unchanged is None
    history = list(jose.preference_changes.order_by("changed_at", "pk"))
    assert history == [first, second]
    assert (second.old_value, second.new_value, second.channel, second.changed_by) == (
        "True",
        "False",
        "admin",
        clerk,
    )
    assert jose.preferences.get(system="usps-810-300").usps_marketing is False


def test_an_unknown_preference_is_refused(jose):
    with pytest.raises(ValueError):
        set_preference(jose, "usps-810-300", "favourite_colour", "blue", channel="web")
    assert not jose.preference_changes.exists()


def test_an_unknown_system_is_a_field_error(jose):
    relationship = SystemRelationship(
        person=jose, system="usps-999-999", started_on=datetime.date(2024, 1, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        relationship.full_clean()
    assert "system" in excinfo.value.message_dict
    assert not SystemRelationship.objects.filter(system="usps-999-999").exists()
