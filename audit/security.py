"""Sign-in security events (issue 14, items 2-3): lockouts, unlocks, sign-outs everywhere,
recorded in the sealed audit stream `security_events` (audit.models.SecurityEvent).

NIST SP 800-53 AC-7 (unsuccessful logon attempts) and AU-2 (event logging): a lockout and
its release are events the agency must be able to reconstruct."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from audit.constants import SecurityEventKind
from audit.models import SecurityEvent


def record_security_event(
    kind: SecurityEventKind,
    *,
    user: Any = None,
    remote_addr: str | None = None,
    actor: Any = None,
    actor_addr: str | None = None,
    detail: str = "",
) -> SecurityEvent:
    """One security event about `user` (an account, or None for an address alone), done
    by `actor` (None: the service itself)."""
    return SecurityEvent.objects.create(
        kind=kind,
        user_id=getattr(user, "pk", None),
        username=getattr(user, "username", "") or "",
        remote_addr=remote_addr or None,
        actor_id=getattr(actor, "pk", None),
        actor_username=getattr(actor, "username", "") or "",
        actor_addr=actor_addr or None,
        detail=detail[:300],
    )


def record_lockout(sender, request, username: str | None, ip_address: str | None, **kwargs):
    """django-axes' user_locked_out: an account or address reached the failure limit, or
    tried again while locked. A name that is no account is not kept (see SecurityEvent)."""
    user = None
    if username:
        user = get_user_model()._default_manager.filter(username=username).first()
    record_security_event(
        SecurityEventKind.LOCKED_OUT,
        user=user,
        remote_addr=ip_address,
        detail=(
            f"sign-in refused after repeated failures, at {request.path}"
            if user is not None
            else f"sign-in refused after repeated failures for an unknown account name, "
            f"at {request.path}"
        ),
    )
