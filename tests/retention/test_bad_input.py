"""Bad input to retention is refused with a message that says what is wrong, and
destroys nothing: a legal hold without a reason, an as-of date past
RETENTION_MAX_FUTURE_DAYS or not a date, a batch size outside 1..50,000, a run executed
without approval."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from retention.models import DestructionCertificate, LegalHold, PurgeBatch, PurgeRun, RunStatus
from retention.purge import PurgeRefused, execute_run, prepare_run

from .conftest import AS_OF, DESTROYABLE, ONE_DAY, USPS_820, all_rows

pytestmark = [
    pytest.mark.django_db(databases=["default", "keystore"]),
    pytest.mark.usefixtures("own_purge_lock"),
]


@pytest.fixture
def due_records():
    """A record of every rule whose period ended the day before AS_OF (so also due as
    of today): whatever is refused below would otherwise have destroyed them."""
    for case in DESTROYABLE:
        case.build(case.anchor_for(AS_OF - ONE_DAY))
    return all_rows()


def assert_nothing_destroyed(before):
    assert all_rows() == before
    assert not PurgeBatch.objects.exists()
    assert not DestructionCertificate.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_legal_hold_needs_a_reason(records_officer, due_records, reason):
    hold = LegalHold(scope="system", system=USPS_820, placed_by=records_officer, reason=reason)
    with pytest.raises(ValidationError) as refused:
        hold.full_clean()
    assert "reason" in refused.value.message_dict

    # The database refuses it too, whatever path the row takes.
    with pytest.raises(IntegrityError, match="hold_has_reason"), transaction.atomic():
        LegalHold.objects.create(
            scope="system", system=USPS_820, placed_by=records_officer, reason=reason
        )
    assert not LegalHold.objects.exists()
    assert_nothing_destroyed(due_records)


def _today_plus(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(
            ["--as-of", _today_plus(1)],
            "is after {today}: a purge may not run ahead of the calendar",
            id="tomorrow",
        ),
        pytest.param(
            ["--as-of", _today_plus(1), "--dry-run"],
            "a purge may not run ahead of the calendar",
            id="tomorrow, dry run",
        ),
        pytest.param(
            ["--as-of", "15/06/2026"], "--as-of must be a date as YYYY-MM-DD", id="day first"
        ),
        pytest.param(
            ["--as-of", "2026-02-30"], "--as-of must be a date as YYYY-MM-DD", id="no such day"
        ),
        pytest.param(["--as-of", ""], "--as-of must be a date as YYYY-MM-DD", id="empty"),
        pytest.param(
            ["--batch-size", "0"], "batch size must be between 1 and 50000, not 0", id="batch 0"
        ),
        pytest.param(
            ["--batch-size", "-5"], "batch size must be between 1 and 50000, not -5", id="batch -5"
        ),
        pytest.param(
            ["--batch-size", "50001"], "batch size must be between 1 and 50000", id="batch 50001"
        ),
        pytest.param(["--batch-size", "five"], "invalid int value: 'five'", id="batch five"),
    ],
)
def test_purge_expired_refuses(args, message, due_records):
    message = message.format(today=timezone.localdate().isoformat())
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("purge_expired", *args, "--no-progress")
    assert_nothing_destroyed(due_records)
    assert not PurgeRun.objects.exists()


def test_retention_plan_refuses_what_is_not_a_date(due_records):
    with pytest.raises(CommandError, match=re.escape("--as-of must be a date as YYYY-MM-DD")):
        call_command("retention_plan", "--as-of", "June 15")
    assert_nothing_destroyed(due_records)


def test_the_limit_on_purging_ahead_is_a_setting(settings, due_records):
    """RETENTION_MAX_FUTURE_DAYS days ahead are allowed (a dry run here), one more is
    not."""
    settings.RETENTION_MAX_FUTURE_DAYS = 30
    call_command("purge_expired", "--as-of", _today_plus(30), "--dry-run", "--no-progress")
    with pytest.raises(CommandError, match="may not run ahead of the calendar"):
        call_command("purge_expired", "--as-of", _today_plus(31), "--no-progress")
    assert_nothing_destroyed(due_records)
    assert list(PurgeRun.objects.values_list("status", flat=True)) == [RunStatus.DRY_RUN]


@pytest.mark.parametrize(
    "status",
    [
        RunStatus.AWAITING_APPROVAL,
        RunStatus.REJECTED,
        RunStatus.RUNNING,
        RunStatus.INTERRUPTED,
        RunStatus.COMPLETED,
        RunStatus.DRY_RUN,
    ],
)
def test_only_an_approved_run_is_executed(status, due_records):
    run = prepare_run(AS_OF, triggered_by="test", batch_size=10)
    assert run.plan["total_due"] > 0
    PurgeRun.objects.filter(pk=run.pk).update(status=status)
    run.refresh_from_db()

    with pytest.raises(PurgeRefused, match=rf"purge run #{run.pk} is "):
        execute_run(run)

    assert_nothing_destroyed(due_records)
    run.refresh_from_db()
    assert run.status == status
    assert run.started_at is None


def test_an_approved_run_is_refused_once_its_date_is_too_far_ahead(settings, due_records):
    """Approved while the limit allowed it, executed after the limit was lowered."""
    settings.RETENTION_MAX_FUTURE_DAYS = 30
    run = prepare_run(
        timezone.localdate() + datetime.timedelta(days=10),
        triggered_by="test",
        status=RunStatus.APPROVED,
    )
    settings.RETENTION_MAX_FUTURE_DAYS = 0
    with pytest.raises(PurgeRefused, match="may not run ahead of the calendar"):
        execute_run(run)
    assert_nothing_destroyed(due_records)


def test_prepare_run_refuses_a_bad_batch_size(due_records):
    for size in (0, -1):
        with pytest.raises(PurgeRefused, match=f"not {size}"):
            prepare_run(AS_OF, triggered_by="test", batch_size=size)
    assert not PurgeRun.objects.exists()
    assert_nothing_destroyed(due_records)
