"""The service's settings with the baseline's URLs beside its own (bench/plain_api.py),
for bench/api_throughput.py's gunicorn. Never used by the service."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "plain_api"
