"""gunicorn's settings (`gunicorn -c python:config.gunicorn`, bin/service web): its own log
as JSON lines through the same redaction as the site's (lib/logs.py, issue 14, item 8),
and no gunicorn access log: AccessLogMiddleware writes one, query values redacted."""

from config.env import env_str
from lib.logs import logging_config

logconfig_dict = logging_config(env_str("LOG_LEVEL", "INFO").upper())
accesslog = None
