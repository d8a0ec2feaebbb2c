"""The Celery application: worker and beat run `celery -A config worker|beat`."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("privacy_act_records")
app.config_from_object("django.conf:settings", namespace="CELERY")


def ensure_embedded_broker_folders() -> None:
    """kombu's file-system transport needs its folders before a worker starts."""
    options = app.conf.broker_transport_options or {}
    folders = [options.get(k) for k in ("data_folder_in", "processed_folder", "control_folder")]
    backend = str(app.conf.result_backend or "")
    if backend.startswith("file://"):
        folders.append(backend.removeprefix("file://"))
    for folder in filter(None, folders):
        Path(folder).mkdir(parents=True, exist_ok=True)


if str(app.conf.broker_url).startswith("filesystem://"):
    ensure_embedded_broker_folders()

app.autodiscover_tasks()
