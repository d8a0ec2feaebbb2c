"""`manage.py purge_audit`: the audit retention rule from the command line (NARA GRS 3.2
item 031 via sorn/catalogue/audit_records.py; 5 U.S.C. 552a(c)(2) for the accounting of
disclosures). Bad input is refused before anything is touched; output names identifiers
and counts, never personal data."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from audit.models import AccessEvent, AuditSeal, AuditTombstone, BulkChange, DisclosureAccounting
from audit.seals import STREAMS, seal_new_rows
from audit.tasks import purge_audit
from tests.audit.factories import AccessEventFactory, DisclosureAccountingFactory, tamper

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def expired():
    made = AccessEventFactory.create_batch(3, expired=True, username="jane.clerk")
    seal_new_rows(STREAMS[0])
    DisclosureAccountingFactory(expired=True)
    return made


def snapshot():
    return tuple(
        model.objects.count()
        for model in (AccessEvent, AuditSeal, AuditTombstone, BulkChange, DisclosureAccounting)
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--as-of", "2026-13-01"],
        ["--as-of", "yesterday"],
        ["--as-of", "31/12/2025"],
        ["--as-of", (timezone.localdate() + datetime.timedelta(days=1)).isoformat()],
        ["--batch-size", "0"],
        ["--batch-size", "-5"],
    ],
)
def test_bad_input_is_refused_and_changes_nothing(expired, args):
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("purge_audit", *args)
    assert snapshot() == before


def test_a_dry_run_reports_and_removes_nothing(expired, capsys):
    before = snapshot()
    call_command("purge_audit", "--dry-run")
    out = capsys.readouterr().out
    assert "rule audit_records, 6 years from each row's own date (dry run" in out
    assert "access_events: 1 seal(s) due, 3 row(s)" in out
    assert "would purge 3 access_events" in out
    assert "1 disclosure_accounting; 1 seal(s), 1 tombstone(s) to write" in out
    assert snapshot() == before


def test_a_run_purges_reports_counts_and_leaves_a_verifiable_chain(expired, capsys):
    call_command("purge_audit", "--as-of", timezone.localdate().isoformat())
    out = capsys.readouterr().out
    assert "access_events: seals #1–#1, 3 row(s)" in out
    assert "purged 3 access_events, 0 change_entries, 0 bulk_changes" in out
    assert "1 seal(s), 1 tombstone(s) written" in out
    assert "jane.clerk" not in out
    assert not AccessEvent.objects.exists()
    assert not DisclosureAccounting.objects.exists()
    call_command("verify_audit")
    assert "3 row(s) purged by the retention rule (1 tombstone(s))" in capsys.readouterr().out


def test_an_earlier_date_purges_less(expired):
    ten_years_ago = timezone.localdate() - datetime.timedelta(days=3653)
    call_command("purge_audit", "--as-of", ten_years_ago.isoformat())
    assert AccessEvent.objects.count() == 3


def test_a_seal_that_does_not_verify_fails_the_command(expired):
    tamper("UPDATE audit_accessevent SET username = 'intruder' WHERE id = %s", [expired[0].pk])
    with pytest.raises(CommandError, match=f"access event #{expired[0].pk} was altered"):
        call_command("purge_audit")
    assert AccessEvent.objects.count() == 3


def test_the_task_purges_as_of_today(expired):
    result = purge_audit()
    assert result["access_events"] == 3
    assert result["as_of"] == timezone.localdate().isoformat()


def test_the_tasks_daily_schedule_exists_disabled():
    # The retention engine's nightly job is to call purge_expired_audit; this one is optional.
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="audit.tasks.purge_audit")
    assert not task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("3", "30")
