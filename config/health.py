"""Health and readiness (issue 14, item 7).

- `/healthz`: the web process is alive and answers; it touches no database, so a
  database outage does not get healthy web containers restarted.
- `/readyz`: it can do its work: the records database, the key-store database and the
  Celery broker answer. 503 names which part failed, nothing else (no address, no
  password, no trace); the reason goes to the log, by exception class only.
- `python -m config.health worker|beat` (`bin/service ready worker|beat`, the compose
  health checks): the same parts, plus the worker answering a ping through the broker,
  or beat's heartbeat being fresh.

Neither endpoint needs sign-in, reads a record (so nothing is audited), sets a cookie or
touches a session; they are named in no rate limit.
"""

from __future__ import annotations

import json
import logging
import socket
import sys
import time
from collections.abc import Callable

import django
from django.conf import settings
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.celery import app as celery_app

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
# Seconds a probe waits for the broker or a worker's answer: a probe that hangs is
# killed by the orchestrator's own timeout (5 s in docker-compose.yml) without a verdict.
PROBE_TIMEOUT = 2.0


def _database(alias: str) -> Callable[[], None]:
    def probe() -> None:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")

    return probe


def _broker() -> None:
    with celery_app.connection_for_read(connect_timeout=PROBE_TIMEOUT) as connection:
        connection.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT)


def _worker(node: str) -> Callable[[], None]:
    def probe() -> None:
        replies = celery_app.control.ping(destination=[node], timeout=PROBE_TIMEOUT)
        if not any(node in reply for reply in replies):
            raise TimeoutError(f"no answer from {node}")

    return probe


def _beat() -> None:
    path = settings.BEAT_HEARTBEAT_FILE
    age = time.time() - path.stat().st_mtime  # FileNotFoundError: beat never ticked
    if age > settings.BEAT_HEARTBEAT_MAX_AGE:
        raise TimeoutError(f"beat last ticked {age:.0f} s ago")


def run_probes(probes: dict[str, Callable[[], None]]) -> dict[str, str]:
    """Each part → "ok" or "unavailable"; why a part failed goes to the log only."""
    results = {}
    for part, probe in probes.items():
        try:
            probe()
        except Exception as exc:  # any failure means "not ready"; the kind is logged
            logger.warning("readiness: %s unavailable (%s)", part, type(exc).__name__)
            results[part] = UNAVAILABLE
        else:
            results[part] = OK
    return results


def web_probes() -> dict[str, Callable[[], None]]:
    return {"database": _database("default"), "keystore": _database("keystore"), "broker": _broker}


def _answer(results: dict[str, str]) -> JsonResponse:
    ready = all(value == OK for value in results.values())
    return JsonResponse(
        {"status": OK if ready else UNAVAILABLE, "checks": results}, status=200 if ready else 503
    )


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Alive: the process answers. No database, no broker."""
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready: the records database, the key store and the broker answer."""
    return _answer(run_probes(web_probes()))


def process_probes(process: str, node: str | None = None) -> dict[str, Callable[[], None]]:
    """What `process` (web, worker or beat) needs to be ready."""
    probes = web_probes()
    if process == "worker":
        # celery's default node name, the one `bin/service worker` runs under.
        probes["worker"] = _worker(node or f"celery@{socket.gethostname()}")
    elif process == "beat":
        probes["beat"] = _beat
    elif process != "web":
        raise ValueError(f"unknown process {process!r}: web, worker or beat")
    return probes


def main(argv: list[str]) -> int:
    """`python -m config.health web|worker|beat [node]`: the checks as JSON on standard
    output; exit status 0 when ready, 1 when not, 2 on a usage error."""
    if len(argv) not in (1, 2) or argv[0] not in ("web", "worker", "beat"):
        print("usage: python -m config.health web|worker|beat [worker node name]", file=sys.stderr)
        return 2
    results = run_probes(process_probes(argv[0], argv[1] if len(argv) == 2 else None))
    ready = all(value == OK for value in results.values())
    print(json.dumps({"status": OK if ready else UNAVAILABLE, "checks": results}))
    return 0 if ready else 1


if __name__ == "__main__":
    django.setup()
    sys.exit(main(sys.argv[1:]))
