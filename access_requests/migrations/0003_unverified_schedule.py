"""Celery beat destroys unverified requests every day at 03:15 (service time zone); the
schedule lives in the database (django-celery-beat), seen and changed in the admin."""

from django.db import migrations

from lib.beat import daily_task


class Migration(migrations.Migration):
    dependencies = [
        ("access_requests", "0002_requests_in_full"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        daily_task(
            "Destroy unverified Privacy Act requests",
            "access_requests.tasks.destroy_unverified_requests",
            hour=3,
            minute=15,
        ),
    ]
