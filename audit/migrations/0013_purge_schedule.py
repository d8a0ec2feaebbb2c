"""A daily schedule for the audit's own purge (audit.tasks.purge_audit), created disabled:
the retention engine's nightly job is to call audit.retention.purge_expired_audit. A
deployment that runs the audit purge on its own enables it in the admin (Periodic tasks)."""

from django.db import migrations

from lib.beat import daily_task


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0012_retention_purge_function"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        daily_task(
            "Purge audit records past their retention rule",
            "audit.tasks.purge_audit",
            hour=3,
            minute=30,
            enabled=False,
        ),
    ]
