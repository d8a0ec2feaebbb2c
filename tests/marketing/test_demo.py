"""The USPS 890.000 demo seed: every record model gets rows, every row passes
full_clean(), dates fall inside each customer's relationship, some records are past their
retention period and some are recent, and reference data is created once."""

import datetime

import pytest
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from customers import demo as customers_demo
from lib.demo import DemoContext
from marketing import demo as marketing_demo
from marketing.models import Campaign, CampaignResponse, ParticipantSession, WebMeeting

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

MODELS = list(apps.get_app_config("marketing").get_models())


def seed_chunk(count: int, start: int) -> DemoContext:
    ctx = DemoContext.create(today=timezone.localdate(), seed=start)
    customers_demo.seed(ctx, count, start_number=start)
    marketing_demo.seed(ctx)
    return ctx


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Two small chunks for the module, rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic, atomic_keys = transaction.atomic(), transaction.atomic(using="keystore")
        atomic.__enter__()
        atomic_keys.__enter__()
        yield [seed_chunk(60, 1), seed_chunk(60, 61)]
        transaction.set_rollback(True)
        transaction.set_rollback(True, using="keystore")
        atomic_keys.__exit__(None, None, None)
        atomic.__exit__(None, None, None)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_model_gets_valid_rows(seeded, model):
    rows = list(model.objects.order_by("pk")[:30])
    assert rows, f"the seed made no {model._meta.label}"
    for row in rows:
        row.full_clean()


def test_reference_data_is_created_once(seeded):
    assert Campaign.objects.count() == 22
    assert WebMeeting.objects.count() == 80


def test_records_fall_inside_the_relationship(seeded):
    for ctx in seeded:
        window = {
            r.person_id: (r.started_on, r.ended_on or ctx.today)
            for r in ctx.relationships["usps-890-000"]
        }
        responses = CampaignResponse.objects.filter(person_id__in=window)
        assert responses.exists()
        for response in responses:
            start, end = window[response.person_id]
            assert start <= response.responded_on <= end


def test_meeting_records_both_past_and_within_twenty_four_months(seeded):
    cutoff = timezone.now() - datetime.timedelta(days=730)
    assert ParticipantSession.objects.filter(joined_at__lt=cutoff).exists()
    assert ParticipantSession.objects.filter(joined_at__gte=cutoff).exists()


def test_rows_per_relationship_stay_within_the_budget(seeded):
    # The second chunk adds no reference data and no showcase: only the records of its
    # relationships, about 2 to 3 each.
    ctx = seeded[1]
    rows = sum(v for k, v in ctx.counts.items() if k.startswith("marketing."))
    assert 1 <= rows / len(ctx.relationships["usps-890-000"]) <= 3.5
