from celery import shared_task

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
