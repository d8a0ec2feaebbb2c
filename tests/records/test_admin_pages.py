"""Every record model is in the admin, and its change list, change form and search work on
seeded data (search goes through the blind indexes, never through ciphertext)."""

import pytest
from django.contrib import admin
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from customers.models import Person, PhoneNumber
from sorn.classification import record_models
from sorn.demo import seed_demo_records

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    seed_demo_records(40)


@pytest.fixture
def installer(client, django_user_model, settings):
    """A superuser working as a privacy officer (who sees every record model)."""
    settings.POLICY_SUPERUSER_ROLES = ["privacy_officer"]
    user = django_user_model.objects.create_superuser("installer", password="x-Install-pass-1")
    client.force_login(user)
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_record_model_is_registered():
    missing = [m._meta.label for m in record_models() if m not in admin.site._registry]
    assert missing == []


@pytest.mark.parametrize("model", record_models(), ids=lambda m: m._meta.label)
def test_change_list_and_form_render(seeded, installer, model):
    response = installer.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    record = model.objects.order_by("pk").first()
    assert record is not None, f"the demo seed made no {model._meta.label} in 40 customers"
    response = installer.get(admin_url(model, "change", record.pk))
    assert response.status_code == 200


def test_search_by_email_finds_through_the_blind_index(seeded, installer):
    person = Person.objects.order_by("pk")[7]
    response = installer.get(admin_url(Person, "changelist"), {"q": person.email.upper()})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [person]


def test_search_by_phone_in_another_format(seeded, installer):
    phone = PhoneNumber.objects.order_by("pk")[3]
    digits = "".join(c for c in phone.number if c.isdigit())
    response = installer.get(admin_url(PhoneNumber, "changelist"), {"q": f"+1 {digits}"})
    assert list(response.context["cl"].result_list) == [phone]


def test_a_change_list_page_fetches_its_keys_in_one_query(seeded, installer):
    with CaptureQueriesContext(connections["keystore"]) as keystore_queries:
        response = installer.get(admin_url(Person, "changelist"))
    assert response.status_code == 200
    assert len(keystore_queries.captured_queries) == 1
