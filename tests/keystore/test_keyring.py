"""A missing or malformed keyring stops start-up with a message; it never falls back to
writing plaintext."""

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lib.keyring import generate_keyring_text, parse_keyring

ROOT = Path(__file__).resolve().parents[2]
GOOD = json.loads(generate_keyring_text())


def variant(**changes) -> str:
    return json.dumps({**GOOD, **changes})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "KEYRING is not valid JSON"),
        ("[]", "KEYRING must be a JSON object"),
        (variant(master_keys={}), "master_keys must name at least one key"),
        (variant(current="m9"), "current names 'm9', which is not a master key"),
        (variant(master_keys={"m1": "***"}), "master key 'm1' is not valid base64"),
        (
            variant(master_keys={"m1": base64.b64encode(b"short").decode()}),
            "master key 'm1' must be 32 bytes, got 5",
        ),
        (variant(blind_index_key=None), "blind_index_key must be a base64 string"),
        (variant(master_keys={"bad id!": GOOD["master_keys"]["m1"]}), "is not a short name"),
    ],
)
def test_malformed_keyrings_are_refused_with_their_defect(text, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(")):
        parse_keyring(text)


def test_a_good_keyring_parses():
    ring = parse_keyring(generate_keyring_text("k7"))
    assert ring.current == "k7" and len(ring.current_key) == 32 and len(ring.blind_index_key) == 32


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    unset = {"DEBUG", "KEYRING", "KEYRING_FILE", "KEYSTORE_DATABASE_URL"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_missing_key_file_stops_start_up(tmp_path):
    result = run_check({"DEBUG": "1", "KEYRING_FILE": str(tmp_path / "absent.json")})
    assert result.returncode != 0
    assert "KEYRING_FILE: cannot read" in result.stderr


def test_a_wrong_key_file_stops_start_up(tmp_path):
    wrong = tmp_path / "keyring.json"
    wrong.write_text(variant(current="nope"))
    result = run_check({"DEBUG": "1", "KEYRING_FILE": str(wrong)})
    assert result.returncode != 0
    assert "KEYRING: current names 'nope'" in result.stderr


def test_production_requires_a_keyring_and_a_separate_key_store():
    env = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}
    no_store = run_check({**env, "KEYRING": generate_keyring_text()})
    assert no_store.returncode != 0
    assert "KEYSTORE_DATABASE_URL must be set when DEBUG is off" in no_store.stderr
    no_ring = run_check({**env, "KEYSTORE_DATABASE_URL": "sqlite:////tmp/ks.sqlite3"})
    assert no_ring.returncode != 0
    assert "KEYRING (or KEYRING_FILE) must be set when DEBUG is off" in no_ring.stderr
