from celery import shared_task

from sorn.models import SystemOfRecords


@shared_task
def catalogue_revisions() -> dict[str, int]:
    """The current revision number of each stored notice.

    A cheap round trip through broker, worker and database: operators run it to see that
    a worker is up and reads the same catalogue as the web processes
    (`celery -A config call sorn.tasks.catalogue_revisions`).
    """
    return dict(
        SystemOfRecords.objects.filter(current_revision__isnull=False).values_list(
            "slug", "current_revision__number"
        )
    )
