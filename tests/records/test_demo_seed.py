"""`seed_demo --customers N` fills every record model of every system with valid,
synthetic records, and running it again adds nothing."""

import pytest

from customers.models import Person
from sorn.classification import record_models
from sorn.demo import seed_demo_records

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One seed of 60 customers for the module (and removed afterwards)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic_keys = transaction.atomic(using="keystore")
        atomic.__enter__()
        atomic_keys.__enter__()
        counts = seed_demo_records(60)
        yield counts
        transaction.set_rollback(True)
        transaction.set_rollback(True, using="keystore")
        atomic_keys.__exit__(None, None, None)
        atomic.__exit__(None, None, None)


@pytest.mark.parametrize("model", record_models(), ids=lambda m: m._meta.label)
def test_every_record_model_gets_valid_rows(seeded, model):
    rows = list(model.objects.order_by("pk")[:25])
    assert rows, f"the seed made no {model._meta.label}"
    for row in rows:
        row.full_clean()


def test_seeding_again_adds_nothing(seeded):
    before = Person.objects.count()
    assert before == 60
    assert seed_demo_records(60) == {}
    assert Person.objects.count() == before
