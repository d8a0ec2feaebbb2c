"""Celery beat runs the purge every night at 02:30 (service time zone); the schedule
lives in the database (django-celery-beat), so records officers see, change or disable
it in the admin."""

from django.db import migrations

from lib.beat import daily_task


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        daily_task("Nightly retention purge", "retention.tasks.nightly_purge", hour=2, minute=30),
    ]
