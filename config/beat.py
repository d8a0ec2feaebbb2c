"""Celery beat's scheduler: django-celery-beat's, with a heartbeat for readiness (issue 14,
item 7). Beat answers no pings, so the only sign that it still schedules is that its
scheduler keeps ticking; `config.readiness` reads the heartbeat's age."""

from __future__ import annotations

from django.conf import settings
from django_celery_beat.schedulers import DatabaseScheduler


class HeartbeatScheduler(DatabaseScheduler):
    """Touches BEAT_HEARTBEAT_FILE after every tick that went through (a tick that raised,
    say on a lost database, leaves it to age)."""

    def tick(self, *args, **kwargs) -> float:
        interval = super().tick(*args, **kwargs)
        path = settings.BEAT_HEARTBEAT_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        return interval
