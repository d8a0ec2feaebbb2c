"""A daily schedule for the audit's own purge (audit.tasks.purge_audit), created disabled:
the retention engine's nightly job is to call audit.retention.purge_expired_audit. A
deployment that runs the audit purge on its own enables it in the admin (Periodic tasks)."""

from django.db import migrations

TASK = "audit.tasks.purge_audit"
NAME = "Purge audit records past their retention rule"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="3", day_of_week="*", day_of_month="*", month_of_year="*"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME, defaults={"task": TASK, "crontab": nightly, "enabled": False}
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0012_retention_purge_function"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
