"""Issue 14, item 7: /healthz (alive, no database), /readyz (records database, key store
and broker reachable; 503 naming the part, nothing secret), and the readiness of the
Celery worker and beat that docker-compose.yml's health checks run."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.sessions.models import Session

from audit.models import AccessEvent
from config.beat import HeartbeatScheduler
from config.celery import app
from config.health import process_probes, run_probes

ROOT = Path(__file__).resolve().parents[2]
DATABASES = ["default", "keystore"]


@pytest.mark.django_db(databases=DATABASES)
def test_healthz_is_alive_without_a_database_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(databases=DATABASES)
def test_readyz_checks_the_databases_and_the_broker(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "keystore": "ok", "broker": "ok"},
    }


@pytest.mark.django_db(databases=DATABASES)
def test_readyz_names_the_part_that_failed_and_nothing_else(client, monkeypatch):
    # A broker nobody listens on: the port is closed, the connection really fails.
    monkeypatch.setattr(app.conf, "broker_url", "redis://:hunter2-password@127.0.0.1:9/0")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "keystore": "ok", "broker": "unavailable"},
    }
    body = response.content.decode()
    for secret in ("hunter2", "127.0.0.1", "redis", "Traceback", "Error"):
        assert secret not in body


@pytest.mark.django_db(databases=DATABASES)
def test_probes_need_no_sign_in_set_no_cookie_and_read_no_record(client):
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.cookies == {}, path
    assert Session.objects.count() == 0
    assert AccessEvent.objects.count() == 0


def test_probes_answer_plain_http_when_https_is_enforced(client, settings):
    # Production redirects HTTP to HTTPS; the container's own probe calls plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/systems/").status_code == 301


def test_readiness_command_reports_an_unreachable_key_store(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATA_DIR": str(tmp_path),
        "KEYSTORE_DATABASE_URL": "postgres://keystore:secret-pw@127.0.0.1:9/keystore",
    }
    result = subprocess.run(
        [sys.executable, "-m", "config.health", "web"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "status": "unavailable",
        "checks": {"database": "ok", "keystore": "unavailable", "broker": "ok"},
    }
    assert "secret-pw" not in result.stdout + result.stderr


def test_readiness_command_refuses_an_unknown_process():
    result = subprocess.run(
        [sys.executable, "-m", "config.health", "scheduler"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == "usage: python -m config.health web|worker|beat [worker node name]\n"


@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_worker_is_ready_while_it_answers_pings():
    node = "readiness@test"
    with start_worker(app, pool="solo", hostname=node, perform_ping_check=False):
        assert run_probes(process_probes("worker", node)) == {
            "database": "ok",
            "keystore": "ok",
            "broker": "ok",
            "worker": "ok",
        }
    assert run_probes(process_probes("worker", node))["worker"] == "unavailable"


# Transactional: django-celery-beat's scheduler closes old database connections, which
# on PostgreSQL would end a test's wrapping transaction.
@pytest.mark.django_db(transaction=True, databases=DATABASES)
def test_beat_is_ready_while_its_scheduler_ticks(settings, tmp_path):
    settings.BEAT_HEARTBEAT_FILE = tmp_path / "beat.heartbeat"
    assert run_probes(process_probes("beat"))["beat"] == "unavailable"  # never ticked
    HeartbeatScheduler(app=app, lazy=True).tick()
    assert run_probes(process_probes("beat")) == {
        "database": "ok",
        "keystore": "ok",
        "broker": "ok",
        "beat": "ok",
    }
    stale = settings.BEAT_HEARTBEAT_FILE.stat().st_mtime - 61
    os.utime(settings.BEAT_HEARTBEAT_FILE, (stale, stale))
    assert run_probes(process_probes("beat"))["beat"] == "unavailable"


@pytest.mark.django_db(databases=DATABASES)
def test_probes_are_in_no_rate_limit(client, settings):
    # More calls than the strictest anonymous limit (API_ANON_RATE, 60/m by default):
    # a load balancer probing every second is never refused.
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] == "60/m"
    for _ in range(61):
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200
