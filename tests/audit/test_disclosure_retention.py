"""An accounting of disclosure is kept "for at least five years or the life of the record,
whichever is longer, after the disclosure" (5 U.S.C. 552a(c)(2)): the audit retention job
removes one only past the catalogue's rule and that floor, and only once the person's
records (customers.Person) are gone."""

import dataclasses

import pytest
from django.utils import timezone

from audit.models import BulkChange, DisclosureAccounting
from audit.retention import purge_expired_audit
from customers.models import Person
from sorn.catalogue import audit_records
from tests.audit.factories import DisclosureAccountingFactory, years_ago

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def purge(**kwargs):
    return purge_expired_audit(timezone.localdate(), **kwargs)


def test_an_old_accounting_goes_once_the_persons_records_are_gone():
    gone = DisclosureAccountingFactory(expired=True)
    result = purge()
    assert result["disclosure_accounting"] == 1
    assert not DisclosureAccounting.objects.filter(pk=gone.pk).exists()
    event = BulkChange.objects.get(model="audit.DisclosureAccounting")
    assert event.row_count == 1
    assert "552a(c)(2)" in event.description


def test_the_life_of_the_record_keeps_an_accounting():
    person = Person.objects.create(customer_id="DR1", given_name="Dee", email="dee@example.org")
    kept = DisclosureAccountingFactory(expired=True, person_id=person.pk)
    result = purge()
    assert result["disclosure_accounting"] == 0
    assert result["disclosures_kept_while_person_exists"] == 1
    assert DisclosureAccounting.objects.filter(pk=kept.pk).exists()


def test_the_rule_keeps_a_younger_accounting():
    kept = DisclosureAccountingFactory(disclosed_at=years_ago(5.5))
    assert purge()["disclosure_accounting"] == 0
    assert DisclosureAccounting.objects.filter(pk=kept.pk).exists()


def test_five_years_hold_whatever_the_rule_says(monkeypatch):
    shorter = dataclasses.replace(audit_records.AUDIT_RECORDS, period="P1Y")
    monkeypatch.setattr(audit_records, "RULES", (shorter,))
    within_floor = DisclosureAccountingFactory(disclosed_at=years_ago(3))
    past_floor = DisclosureAccountingFactory(disclosed_at=years_ago(5.2))
    assert purge()["disclosure_accounting"] == 1
    assert list(DisclosureAccounting.objects.all()) == [within_floor]
    assert not DisclosureAccounting.objects.filter(pk=past_floor.pk).exists()


def test_batches_and_dry_runs():
    DisclosureAccountingFactory.create_batch(5, expired=True)
    assert purge(dry_run=True, batch_size=2)["disclosure_accounting"] == 5
    assert DisclosureAccounting.objects.count() == 5
    assert purge(batch_size=2)["disclosure_accounting"] == 5
    assert not DisclosureAccounting.objects.exists()
    assert BulkChange.objects.filter(model="audit.DisclosureAccounting").count() == 3
