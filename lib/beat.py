"""Celery beat schedules kept in the database (django-celery-beat), created by data
migrations so staff see, change or disable them in the admin (Periodic tasks). One shape
for every app's schedule: a named task on a crontab or an interval, removed on reverse."""

from __future__ import annotations

from django.db import migrations


def _remove(name: str):
    def remove(apps, schema_editor) -> None:
        apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=name).delete()

    return remove


def daily_task(name: str, task: str, *, hour: int, minute: int, enabled: bool = True):
    """A migration operation scheduling `task` every day at hour:minute (service time)."""

    def create(apps, schema_editor) -> None:
        crontabs = apps.get_model("django_celery_beat", "CrontabSchedule")
        daily, _ = crontabs.objects.get_or_create(
            minute=str(minute), hour=str(hour), day_of_week="*", day_of_month="*",
            month_of_year="*",
        )  # fmt: skip
        apps.get_model("django_celery_beat", "PeriodicTask").objects.get_or_create(
            name=name, defaults={"task": task, "crontab": daily, "enabled": enabled}
        )

    return migrations.RunPython(create, _remove(name))


def interval_task(name: str, task: str, *, every: int, period: str):
    """A migration operation scheduling `task` every `every` `period` (e.g. 5 minutes)."""

    def create(apps, schema_editor) -> None:
        intervals = apps.get_model("django_celery_beat", "IntervalSchedule")
        interval, _ = intervals.objects.get_or_create(every=every, period=period)
        apps.get_model("django_celery_beat", "PeriodicTask").objects.get_or_create(
            name=name, defaults={"task": task, "interval": interval}
        )

    return migrations.RunPython(create, _remove(name))
