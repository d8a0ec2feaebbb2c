"""The demo seed: rows for every USPS 820.100 model, each valid, internally consistent,
with records on both sides of each retention clock."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from customers import demo as customers_demo
from customers.models import Person
from keystore.models import DataKey
from lib.demo import DemoContext
from mailers import demo
from mailers.models import (
    ACHRecord,
    ApplicationDecision,
    MailerApplication,
    MailerLogon,
    SecurityAccess,
)
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])
TODAY = datetime.date(2026, 1, 15)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seeded once for the module (a fixed date and seed make it reproducible), and
    removed afterwards, data keys included, so later tests start from an empty database."""
    with django_db_blocker.unblock():
        started = timezone.now()
        user = get_user_model().objects.create_user(
            "mailer_services", password="x-Test-password-1", is_staff=True
        )
        user.groups.add(Group.objects.get(name=Role.MAILER_SERVICES))
        ctx = DemoContext.create(today=TODAY)
        customers_demo.seed(ctx, 3000)
        demo.seed(ctx)
        yield ctx
        ApplicationDecision.objects.all().delete()  # before the staff user it protects
        Person.objects.filter(pk__in=[p.pk for p in ctx.people]).delete()
        user.delete()
        DataKey.objects.using("keystore").filter(created_at__gte=started).delete()


MAILER_MODELS = list(apps.get_app_config("mailers").get_models())


@pytest.mark.parametrize("model", MAILER_MODELS, ids=lambda m: m.__name__)
def test_every_model_gets_rows_that_pass_full_clean(seeded, model):
    sample = list(model.objects.order_by("?")[:20])
    assert sample
    for row in sample:
        row.full_clean()


def test_about_three_rows_per_relationship(seeded):
    rows = sum(v for k, v in seeded.counts.items() if k.startswith("mailers."))
    assert rows / len(seeded.relationships["usps-820-100"]) <= 3.2


def test_every_relationship_has_its_application(seeded):
    assert MailerApplication.objects.count() == len(seeded.relationships["usps-820-100"])


def test_the_decision_trail_matches_each_status(seeded):
    for application in MailerApplication.objects.prefetch_related("decisions")[:300]:
        decisions = [d.decision for d in application.decisions.all()]
        assert decisions == ([] if application.status == "submitted" else [application.status])


def test_staff_decide_and_applicants_withdraw(seeded):
    decided_by = set(ApplicationDecision.objects.values_list("decision", "decided_by__username"))
    assert ("approved", "mailer_services") in decided_by
    assert ("withdrawn", None) in decided_by
    assert ("approved", None) not in decided_by


def test_records_lie_within_the_relationship(seeded):
    for rel in seeded.relationships["usps-820-100"][:500]:
        end = rel.ended_on or TODAY
        for logon in MailerLogon.objects.filter(person=rel.person):
            assert rel.started_on <= logon.logged_on_at.date() <= end


def test_logons_on_both_sides_of_the_one_year_retention(seeded):
    # USPS 820.100, retention 1: logon records, 1 year after the computer access.
    year_ago = datetime.datetime(2025, 1, 15, tzinfo=datetime.UTC)
    assert MailerLogon.objects.filter(logged_on_at__lt=year_ago).exists()
    assert MailerLogon.objects.filter(logged_on_at__gte=year_ago).exists()


def test_security_access_open_recently_cancelled_and_long_cancelled(seeded):
    # USPS 820.100, retention 3: 2 years after access privileges are cancelled.
    two_years_ago = TODAY - datetime.timedelta(days=730)
    assert SecurityAccess.objects.filter(cancelled_on__isnull=True).exists()
    assert SecurityAccess.objects.filter(cancelled_on__lt=two_years_ago).exists()
    assert SecurityAccess.objects.filter(cancelled_on__gte=two_years_ago).exists()


def test_ach_records_on_both_sides_of_the_two_year_retention(seeded):
    # USPS 820.100, retention 2: ACH records, up to 2 years.
    two_years_ago = TODAY - datetime.timedelta(days=730)
    assert ACHRecord.objects.filter(recorded_on__lt=two_years_ago).exists()
    assert ACHRecord.objects.filter(recorded_on__gte=two_years_ago).exists()
