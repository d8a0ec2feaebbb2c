"""Helpers for the sign-in tests: a staff user's TOTP device and the codes it accepts,
computed here from the device's key (RFC 6238), not by the code under test."""

from __future__ import annotations

import hashlib
import hmac
import struct
import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "x-Test-password-1"  # tests/conftest.py staff_user


def totp(key: bytes, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP (HMAC-SHA1), the code an authenticator app shows at `at`."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return str(code).zfill(digits)


def enrol(user) -> TOTPDevice:
    """A confirmed TOTP device for `user`, as enrolment leaves it."""
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def backup_codes(user, *codes: str) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    for code in codes:
        device.token_set.create(token=code)
    return device


def verified_login(client, user, device) -> None:
    """Sign `user` in on `client` with the second factor passed, as the sign-in page
    leaves a session (django-otp's device id in it)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


SIGN_IN = "/account/login/"


def password_step(client, username, password=PASSWORD, **extra):
    """The sign-in page's first step, as the browser posts it."""
    return client.post(
        SIGN_IN,
        {
            "staff_login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": password,
        },
        **extra,
    )


def code_step(client, code):
    """The sign-in page's second step: the code from the authenticator (or a backup)."""
    return client.post(SIGN_IN, {"staff_login_view-current_step": "token", "token-otp_token": code})
