"""Celery beat seals the access events every five minutes; the schedule lives in the
database (django-celery-beat), so staff see and change it in the admin."""

from django.db import migrations

from lib.beat import interval_task


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_audit_seals"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_task(
            "Seal the audit trail (access events)",
            "audit.tasks.seal_audit",
            every=5,
            period="minutes",
        ),
    ]
