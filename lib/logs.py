"""Logs without personal data (issue 14, item 8): one JSON object per line, and URLs with
their query values and secret path segments redacted before any handler writes them.

A search box or a filter puts what staff typed into the query string (the admin's `?q=`,
its filters, the API's `?email=`), so an access log that kept query strings would keep
e-mail addresses, names and phone numbers; the requester's status and verification links
carry a bearer credential in their path. Every configured handler runs `RedactUrls`, so
no logger — Django's, gunicorn's, Celery's or ours — writes either, whatever it logs.

The access log itself is written here, by `AccessLogMiddleware`, rather than by gunicorn
or `runserver`, so that the same redacted line comes from every way the site is served.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import quote_plus, unquote_plus

from django.http import HttpRequest, HttpResponse

REDACTED = "[redacted]"

# Query parameters whose values say nothing about anyone: paging and output format. Every
# other parameter keeps its name (which filter was used) and loses its value.
HARMLESS_PARAMETERS = frozenset({"limit", "offset", "p", "page", "format", "all", "_popup"})

# Path segments that are credentials: the requester's status token and signed links
# (access_requests/urls.py). They are as good as a password to whoever reads the log.
_SECRET_PATH = re.compile(r"(/privacy/requests/(?:status|verify|new-link)/)[^/?#\s\"]+")

# A URL's query in a log message: "GET /admin/customers/person/?q=… HTTP/1.1" (runserver),
# "Not Found: /x?y=z", a full address. The query ends at white space or a quote.
_QUERY = re.compile(r"\?([^\s\"'<>]*)")

# Parameter names as the admin and the API write them: `q`, `email`, `order_number`,
# `relationships__system__exact`, `_facets`.
_PARAMETER_NAME = re.compile(r"[a-z_][a-z0-9_]{0,63}")

_request_id: ContextVar[str | None] = ContextVar("log_request_id", default=None)
_request_path: ContextVar[str | None] = ContextVar("log_request_path", default=None)


def redact_query(query: str) -> str:
    """`q=alice%40example.com&p=2` → `q=[redacted]&p=2`: the names of parameters kept
    (which search or filter was used), their values gone. A name that is not a plain
    lower-case identifier (`?alice@example.com`, a value typed without its name) goes too."""
    parts = []
    for part in query.split("&"):
        if not part:
            continue
        name, equals, value = part.partition("=")
        name = unquote_plus(name)
        if not equals or not _PARAMETER_NAME.fullmatch(name):
            parts.append(REDACTED)
        elif name in HARMLESS_PARAMETERS:
            parts.append(f"{name}={quote_plus(unquote_plus(value), safe='[]')}")
        else:
            parts.append(f"{name}={REDACTED}")
    return "&".join(parts)


def redact_path(path: str) -> str:
    return _SECRET_PATH.sub(rf"\1{REDACTED}", path)


def redact_urls(text: str) -> str:
    """Every URL-looking part of a text with its query values and secret segments redacted."""
    return _QUERY.sub(lambda m: "?" + redact_query(m.group(1)), redact_path(text))


class RedactUrls(logging.Filter):
    """On every handler: the message, its exception text and the request's address
    redacted, and the request object itself dropped (its repr carries the full URL and
    JSON formatters would print it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_urls(record.getMessage())
        record.args = ()
        if record.exc_info:
            record.exc_text = redact_urls(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        fields = record.__dict__
        request = fields.pop("request", None)
        if isinstance(request, HttpRequest):
            # Django logs a 4xx or 5xx (django.request) after the middleware has returned.
            fields["request_id"] = getattr(request, "log_request_id", None)
            fields["path"] = redact_path(request.path)
        # The request's id and path where a request is served; outside one, no such keys.
        for name, current in (("request_id", _request_id), ("path", _request_path)):
            if fields.get(name) is None:
                fields[name] = current.get()
            if fields[name] is None:
                del fields[name]
        return True


def json_formatter() -> dict[str, Any]:
    """The JSON formatter's dictConfig entry (python-json-logger): time, level, logger,
    message, and the request id and path where a request is being served."""
    return {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(levelname)s %(name)s %(message)s",
        "rename_fields": {"levelname": "level", "name": "logger"},
        # ISO 8601 in UTC, whatever TIME_ZONE says: "2026-11-29T22:43:41.863012+00:00".
        "timestamp": "time",
        # Attributes that could carry anything are left out (_RESERVED).
        "reserved_attrs": _RESERVED,
    }


# Attributes of a LogRecord left out of the JSON object: the standard ones, and those that
# Django, Celery and gunicorn attach (a socket, a task's arguments), which could carry
# anything.
_RESERVED = [
    *logging.makeLogRecord({}).__dict__.keys(),
    "message",
    "asctime",
    "taskName",
    "server_time",
    "data",
    "task_args",
    "task_kwargs",
]


def logging_config(level: str) -> dict[str, Any]:
    """The dictConfig of every process (web, worker, beat, gunicorn's own): JSON lines on
    standard error, each through `RedactUrls`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact_urls": {"()": "lib.logs.RedactUrls"}},
        "formatters": {"json": json_formatter()},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["redact_urls"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers (plain text, and runserver's request lines) replaced:
            # everything reaches the root's JSON handler.
            "django": {"handlers": [], "level": level, "propagate": True},
            # runserver's request lines repeat the access log's: its errors only.
            "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
            "django.db.backends": {"level": "WARNING"},
            # gunicorn's error log; its access log is off (AccessLogMiddleware writes it).
            "gunicorn.error": {"handlers": [], "level": level, "propagate": True},
            "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


access_logger = logging.getLogger("access")


class AccessLogMiddleware:
    """One access line per request: method, path and query redacted, status, duration and
    a request id (also sent back as `X-Request-ID`, so a user's report can be matched to
    the log). Outermost, so that it sees every answer, 500s included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.log_request_id = uuid.uuid4().hex
        path = redact_path(request.path)
        id_token = _request_id.set(request_id)
        path_token = _request_path.set(path)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            query = request.META.get("QUERY_STRING", "")
            access_logger.info(
                "%s %s%s %s",
                request.method,
                path,
                f"?{redact_query(query)}" if query else "",
                response.status_code,
                extra={
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _request_id.reset(id_token)
            _request_path.reset(path_token)
