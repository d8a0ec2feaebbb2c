"""Settings come from the environment; a malformed or missing value stops start-up with
a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_secret

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool(monkeypatch):
    for raw, expected in [("1", True), ("true", True), ("Yes", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("X_FLAG", raw)
        assert env_bool("X_FLAG") is expected
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG must be a boolean"):
        env_bool("X_FLAG")
    monkeypatch.delenv("X_FLAG")
    assert env_bool("X_FLAG", True) is True


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("X_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER must be an integer"):
        env_int("X_NUMBER", 1)
    monkeypatch.setenv("X_NUMBER", "12")
    assert env_int("X_NUMBER", 1) == 12
    assert env_int("X_NUMBER", 1, minimum=12, maximum=12) == 12
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER must be an integer from 1 to 10"):
        env_int("X_NUMBER", 1, minimum=1, maximum=10)
    monkeypatch.setenv("X_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER must be an integer from 1, got"):
        env_int("X_NUMBER", 1, minimum=1)
    monkeypatch.setenv("X_HOSTS", "a.example, b.example,,")
    assert env_list("X_HOSTS") == ["a.example", "b.example"]


def test_env_secret_from_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env_secret("X_SECRET") == "s3cret"
    monkeypatch.setenv("X_SECRET", "inline")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env_secret("X_SECRET")
    monkeypatch.delenv("X_SECRET")
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot read"):
        env_secret("X_SECRET")


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "KEYRING", "KEYSTORE_DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off" in result.stderr


def test_malformed_boolean_stops_start_up():
    result = run_check({"DEBUG": "perhaps"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_production_settings_start_with_their_secrets(tmp_path):
    from lib.keyring import generate_keyring_text

    result = run_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "example.org",
            "KEYRING": generate_keyring_text(),
            "KEYSTORE_DATABASE_URL": f"sqlite:///{tmp_path / 'keystore.sqlite3'}",
        }
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    from django.db import connection

    from config.settings import _database

    config = _database("postgres://u:p@db.example:5432/privacy", "DATABASE_URL")
    assert config["OPTIONS"]["options"] == "-c jit=off"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"


def test_unknown_log_level_stops_start_up():
    result = run_check({"DEBUG": "1", "LOG_LEVEL": "loud"})
    assert result.returncode != 0
    assert "LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got 'LOUD'" in result.stderr
