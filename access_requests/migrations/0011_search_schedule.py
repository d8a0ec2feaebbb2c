"""Every 5 minutes, search the systems for open requests not yet searched
(access_requests.tasks.search_new_requests): their candidates are frozen from purging
until staff decide them."""

from django.db import migrations

from lib.beat import interval_task


class Migration(migrations.Migration):
    dependencies = [
        ("access_requests", "0010_pauses_from_history"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        interval_task(
            "Search the systems for new Privacy Act requests",
            "access_requests.tasks.search_new_requests",
            every=5,
            period="minutes",
        )
    ]
