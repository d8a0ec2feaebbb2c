"""The mailer services staff pages: every change list renders, personal values masked,
and the blind-index search finds a customer's account by logon ID."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from customers import demo as customers_demo
from lib.demo import DemoContext
from mailers import demo
from tests.mailers.factories import (
    ACHRecordFactory,
    KeyContactFactory,
    MailerAccountFactory,
    MailerIdentifierFactory,
    MailerLogonFactory,
    SecurityAccessFactory,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def admin_client_with_records(admin_client):
    KeyContactFactory(email="grace.hopper@example.org")
    MailerLogonFactory(account=MailerAccountFactory(logon_id="ada-42"))
    SecurityAccessFactory()
    ACHRecordFactory(account_number="987654321012")
    return admin_client


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("mailers").get_models()), ids=lambda m: m.__name__
)
def test_change_list_renders(admin_client_with_records, model):
    url = reverse(f"admin:mailers_{model._meta.model_name}_changelist")
    assert admin_client_with_records.get(url).status_code == 200


def test_change_list_masks_personal_values(admin_client_with_records):
    page = admin_client_with_records.get(reverse("admin:mailers_achrecord_changelist"))
    assert "987654321012" not in page.content.decode()
    assert "•••• 1012" in page.content.decode()


def test_search_by_logon_id(admin_client_with_records):
    url = reverse("admin:mailers_maileraccount_changelist")
    found = admin_client_with_records.get(url, {"q": "ADA 42"}).context["cl"].result_count
    missed = admin_client_with_records.get(url, {"q": "nobody"}).context["cl"].result_count
    assert (found, missed) == (1, 0)


def test_search_by_mailer_id_as_staff_type_it(admin_client):
    MailerIdentifierFactory(value="901234567")
    url = reverse("admin:mailers_maileridentifier_changelist")
    assert admin_client.get(url, {"q": "901-234 567"}).context["cl"].result_count == 1


def test_every_change_form_renders(admin_client):
    # A small demo seed: its showcase mailer has every kind of record.
    ctx = DemoContext.create(today=datetime.date(2026, 1, 15))
    customers_demo.seed(ctx, 30)
    demo.seed(ctx)
    for model in apps.get_app_config("mailers").get_models():
        row = model.objects.order_by("pk").first()
        url = reverse(f"admin:mailers_{model._meta.model_name}_change", args=[row.pk])
        assert admin_client.get(url).status_code == 200, model
