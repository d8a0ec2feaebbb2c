"""Proving the e-mail address and reaching the status page (issue 11, item 3).

A web request waits for its sender to follow a link sent to the address given: signed
(Django's signing, under SECRET_KEY), expiring (REQUEST_VERIFICATION_HOURS) and
single-use (it carries a nonce that verifying clears). Verifying gives the request its
status page, reached by an unguessable token of which only the SHA-256 is kept; issuing a
new token revokes the old one.

Nothing here says whether anyone has records: a link fails in the same words whether it
was altered, expired, already used or its request destroyed.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction

from access_requests import workflow
from access_requests.models import PrivacyActRequest, RequestEvent, RequestStatus

VERIFY_SALT = "access_requests.verify"
RELINK_SALT = "access_requests.relink"
STATUS_TOKEN_BYTES = 32


class VerificationFailed(Exception):
    """A verification link that does not verify; `reason` is for the log, never shown."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def new_verification_nonce() -> str:
    return secrets.token_hex(16)


def verification_token(request: PrivacyActRequest) -> str:
    """The signed part of the verification link: the request's number and its nonce."""
    return signing.dumps({"r": request.pk, "n": request.verification_nonce}, salt=VERIFY_SALT)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_status_token(request: PrivacyActRequest, actor=None) -> str:
    """A new status-page token for the request (the old one stops working). Returned once,
    to be put in the requester's link; only its hash is kept."""
    token = secrets.token_urlsafe(STATUS_TOKEN_BYTES)
    had_one = bool(request.status_token_hash)
    request.status_token_hash = _hash(token)
    request.save(update_fields=["status_token_hash"])
    RequestEvent.objects.create(
        request=request,
        actor=actor,
        event="status_link",
        what="New status page link issued; the earlier one no longer works"
        if had_one
        else "Status page link issued",
    )
    return token


def _signed_payload(token: str, salt: str, key: str) -> dict:
    """The payload of a signed link of ours (`salt` tells which kind), still within
    REQUEST_VERIFICATION_HOURS and carrying the string `key`; VerificationFailed else."""
    try:
        payload = signing.loads(
            token, salt=salt, max_age=settings.REQUEST_VERIFICATION_HOURS * 3600
        )
    except signing.SignatureExpired as exc:
        raise VerificationFailed("expired") from exc
    except signing.BadSignature as exc:
        raise VerificationFailed("altered") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get(key), str):
        raise VerificationFailed("altered")
    return payload


def relink_token(request: PrivacyActRequest) -> str:
    """A signed, expiring offer of a new status link, mailed to the verified address when
    the same request comes again: the old link is revoked only when the mailbox's owner
    takes the offer, never by whoever sent the request again."""
    return signing.dumps({"r": request.pk, "h": request.status_token_hash[:16]}, salt=RELINK_SALT)


def relink(token: str) -> tuple[PrivacyActRequest, str]:
    """Take an offer of a new status link: the request and its new status token. The
    offer holds a prefix of the status token's hash when it was made, so it works once
    (taking it changes the hash) and not after the holder got a new link another way."""
    payload = _signed_payload(token, RELINK_SALT, "h")
    with transaction.atomic():
        request = PrivacyActRequest.objects.select_for_update().filter(pk=payload.get("r")).first()
        if request is None or not secrets.compare_digest(
            request.status_token_hash[:16], payload["h"]
        ):
            raise VerificationFailed("used or unknown")
        return request, issue_status_token(request)


def revoke_status_token(request: PrivacyActRequest, actor=None) -> None:
    request.status_token_hash = ""
    request.save(update_fields=["status_token_hash"])
    RequestEvent.objects.create(
        request=request, actor=actor, event="status_link", what="Status page link revoked"
    )


def request_by_status_token(token: str) -> PrivacyActRequest | None:
    """The request whose status page this token opens, or None (tampered, revoked, or its
    request destroyed). Looked up by the token's hash: equal hashes or nothing."""
    if not token or len(token) > 100:
        return None
    return (
        PrivacyActRequest.objects.filter(status_token_hash=_hash(token))
        .exclude(status_token_hash="")
        .first()
    )


@transaction.atomic
def verify(token: str) -> tuple[PrivacyActRequest, str]:
    """Verify the request a link names: it becomes received (its clock starts now, when
    it is complete: 31 CFR 1.26(f)) and gets its status page. Returns the request and the
    status token. Raises VerificationFailed otherwise."""
    payload = _signed_payload(token, VERIFY_SALT, "n")
    request = (
        PrivacyActRequest.objects.select_for_update()
        .filter(pk=payload.get("r"), status=RequestStatus.UNVERIFIED)
        .first()
    )
    if (
        request is None
        or not request.verification_nonce
        or not secrets.compare_digest(request.verification_nonce, payload["n"])
    ):
        raise VerificationFailed("used or unknown")
    workflow.make(request, "verify", actor=None)
    return request, issue_status_token(request)
