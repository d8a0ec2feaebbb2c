"""Issue 14, item 5: `manage.py check --deploy` reports nothing with the production
environment — the variables docker-compose.yml gives the web process, their secrets as
files as compose mounts them."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import yaml

from lib.keyring import generate_keyring_text

ROOT = Path(__file__).resolve().parents[2]
# Every variable the test's own environment might set for the embedded default.
LOCAL_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "KEYRING",
    "KEYSTORE_DATABASE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_URL",
    "DATA_DIR",
    "STATIC_ROOT",
}


def compose_environment(tmp_path: Path) -> dict[str, str]:
    """The web service's environment from docker-compose.yml, `${X:?…}` filled with test
    values and `${X:-default}` with its default, the mounted secrets as files."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    environment = compose["services"]["web"]["environment"]
    secrets_dir = tmp_path / "secrets"
    secrets_dir.mkdir()
    (secrets_dir / "keyring").write_text(generate_keyring_text())
    (secrets_dir / "foia_api_secret").write_text(secrets.token_urlsafe(24))
    given = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "POSTGRES_PASSWORD": "records-password",
        "KEYSTORE_PASSWORD": "keystore-password",
        "ALLOWED_HOSTS": "privacy.example.gov",
        "CSRF_TRUSTED_ORIGINS": "https://privacy.example.gov",
    }

    def fill(match: re.Match) -> str:
        name, operator, default = match.group(1), match.group(2), match.group(3)
        if name in given:
            return given[name]
        assert operator == ":-", f"compose requires {name}: give it a test value"
        return default

    filled = {
        name: re.sub(r"\$\{(\w+)(:[-?])([^}]*)\}", fill, str(value))
        for name, value in environment.items()
    }
    for name, value in filled.items():
        if value.startswith("/run/secrets/"):
            filled[name] = str(secrets_dir / value.removeprefix("/run/secrets/"))
    return {**filled, "DATA_DIR": str(tmp_path / "data")}


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in LOCAL_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_compose_environment_is_production(tmp_path):
    env = compose_environment(tmp_path)
    assert env["DEBUG"] == "0"
    assert env["DATABASE_URL"] == "postgres://privacy:records-password@db:5432/privacy"
    assert env["KEYRING_FILE"] == str(tmp_path / "secrets" / "keyring")


def test_check_deploy_reports_nothing_with_the_production_environment(tmp_path):
    result = check_deploy(compose_environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_check_deploy_names_what_an_operator_weakened(tmp_path):
    # The same check fails when production is configured without HSTS or the redirect.
    env = {**compose_environment(tmp_path), "SECURE_HSTS_SECONDS": "0", "SECURE_SSL_REDIRECT": "0"}
    result = check_deploy(env)
    assert result.returncode == 1
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr
