from celery import shared_task

from audit.seals import seal_new_events


@shared_task
def seal_audit() -> int:
    """Seal the access events written since the last seal (run by beat every few minutes);
    returns the number of rows sealed."""
    sealed = 0
    while (seal := seal_new_events()) is not None:
        sealed += seal.row_count
    return sealed
