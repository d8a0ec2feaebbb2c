"""The keyring: master keys that wrap every record's data key, and the blind-index key.

It comes from the KEYRING setting (environment variable KEYRING or a file named by
KEYRING_FILE), never from the database, so a copy of the databases alone decrypts nothing.
Development generates one in DATA_DIR/keys/keyring.json (never committed). Format:

    {"current": "m2", "master_keys": {"m1": "<base64 32 bytes>", "m2": "<...>"},
     "blind_index_key": "<base64 32 bytes>"}

`current` wraps new data keys; the others still unwrap old ones until `rotate_keys` has
rewrapped them.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32  # AES-256-GCM and HMAC-SHA-256
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


@dataclass(frozen=True)
class Keyring:
    current: str
    master_keys: dict[str, bytes]
    blind_index_key: bytes

    @property
    def current_key(self) -> bytes:
        return self.master_keys[self.current]


def _key(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise ImproperlyConfigured(f"KEYRING: {what} must be a base64 string")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured(f"KEYRING: {what} is not valid base64") from exc
    if len(raw) != KEY_BYTES:
        raise ImproperlyConfigured(f"KEYRING: {what} must be {KEY_BYTES} bytes, got {len(raw)}")
    return raw


def parse_keyring(text: str) -> Keyring:
    """Parse and check a keyring; every defect is an ImproperlyConfigured naming it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"KEYRING is not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise ImproperlyConfigured("KEYRING must be a JSON object")
    masters = data.get("master_keys")
    if not isinstance(masters, dict) or not masters:
        raise ImproperlyConfigured("KEYRING: master_keys must name at least one key")
    keys = {}
    for key_id, value in masters.items():
        if not _KEY_ID.match(key_id):
            raise ImproperlyConfigured(f"KEYRING: master key id {key_id!r} is not a short name")
        keys[key_id] = _key(value, f"master key {key_id!r}")
    current = data.get("current")
    if current not in keys:
        raise ImproperlyConfigured(f"KEYRING: current names {current!r}, which is not a master key")
    return Keyring(current, keys, _key(data.get("blind_index_key"), "blind_index_key"))


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def keyring_text(current: str, master_keys: dict[str, bytes], blind_index_key: bytes) -> str:
    """The JSON form of a keyring (what KEYRING or the KEYRING_FILE holds)."""

    def encode(raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    return json.dumps(
        {
            "current": current,
            "master_keys": {key_id: encode(raw) for key_id, raw in master_keys.items()},
            "blind_index_key": encode(blind_index_key),
        },
        indent=2,
    )


def generate_keyring_text(master_key_id: str = "m1") -> str:
    return keyring_text(master_key_id, {master_key_id: new_key()}, new_key())


def development_keyring(path: Path) -> str:
    """The development keyring at `path`, generated on first use (mode 0600)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(generate_keyring_text())
    return path.read_text()
