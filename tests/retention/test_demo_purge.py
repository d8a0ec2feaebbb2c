"""The purge over the demo data: every rule applied, exactly the plan destroyed, each
batch audited, the certificate checkable, and no personal data in what it leaves behind."""

import datetime
import hashlib
import logging

import pytest
from django.utils import timezone

from audit.models import BulkChange
from customers.models import Person
from retention.models import PurgeBatch
from retention.planning import compute_plan
from retention.purge import purge_expired, unpack
from sorn.demo import seed_demo_records

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def demo(settings):
    settings.RETENTION_MAX_FUTURE_DAYS = 36500
    seed_demo_records(60)
    return {
        "emails": [p.email for p in Person.objects.all() if p.email],
        "names": [p.family_name for p in Person.objects.all()],
    }


def test_plan_then_purge_destroys_exactly_the_plan(demo, caplog):
    as_of = timezone.localdate() + datetime.timedelta(days=365 * 3)
    plan = compute_plan(as_of)
    assert plan.total_due > 0
    caplog.set_level(logging.DEBUG)
    run, _ = purge_expired(as_of, triggered_by="test", batch_size=7)
    certificate = run.certificate
    assert certificate.total == plan.total_due
    by_model = {line["model"]: line["count"] for line in certificate.lines}
    planned = {line.model: line.due for rule in plan.rules.values() for line in rule.models}
    assert {label: n for label, n in planned.items() if n} == by_model
    assert compute_plan(as_of).total_due == 0

    # Each batch is journalled and audited; the digest is recomputable from the journal.
    batches = list(PurgeBatch.objects.filter(run=run))
    assert all(b.row_count <= 7 and b.keys_destroyed_at for b in batches)
    purge_events = BulkChange.objects.filter(operation="purge", description__contains=f"#{run.pk},")
    assert purge_events.count() == len(batches)
    assert sum(e.row_count for e in purge_events) == certificate.total
    assert sum(len(unpack(b.record_ids)) for b in batches) == certificate.total
    expected = hashlib.sha256()
    for label in sorted({b.model_label for b in batches}):
        for record_id in sorted(
            i for b in batches if b.model_label == label for i in unpack(b.record_ids)
        ):
            expected.update(f"{label}:{record_id}\n".encode())
    assert certificate.digest == expected.hexdigest()

    # No personal value in the logs, the certificate, the plan or the audit events.
    left_behind = " ".join(
        [
            caplog.text,
            str(certificate.lines),
            str(run.plan),
            " ".join(purge_events.values_list("description", flat=True)),
        ]
    )
    for value in demo["emails"] + demo["names"]:
        assert value not in left_behind


def test_what_is_kept_still_reads(demo):
    as_of = timezone.localdate() + datetime.timedelta(days=365 * 3)
    purge_expired(as_of, triggered_by="test")
    kept = list(Person.objects.all())
    assert kept
    # Every kept person decrypts (their key survived; only destroyed rows' keys went).
    assert all(p.family_name for p in kept)
