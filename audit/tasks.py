import datetime

from celery import shared_task
from django.utils import timezone

from audit.retention import purge_expired_audit
from audit.seals import STREAMS, seal_new_rows


@shared_task
def seal_audit() -> int:
    """Seal every audit stream's rows written since its last seal (run by beat every few
    minutes); returns the number of rows sealed."""
    sealed = 0
    for stream in STREAMS:
        while (seal := seal_new_rows(stream)) is not None:
            sealed += seal.row_count
    return sealed


@shared_task
def purge_audit(as_of: str | None = None) -> dict:
    """Purge the audit records past their catalogue rule (audit.retention), as of an ISO
    date or today; returns the counts. `purge_expired_audit` is there for the retention
    engine's nightly job to call; this task's daily schedule (audit/migrations/0013) is
    created disabled, for a deployment that runs the audit's purge on its own."""
    day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
    return purge_expired_audit(day)
