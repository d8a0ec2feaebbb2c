"""Staff sessions (issue 14, item 3): an idle timeout, and sign-out everywhere.

NIST SP 800-63B, 4.2.3 (AAL2): a session ends after a period of inactivity
(STAFF_IDLE_TIMEOUT_MINUTES, 15 by default, 30 at most) and at most 12 hours after sign-in
(SESSION_COOKIE_AGE); 7.1: a subscriber can end their sessions. Every request a signed-in
browser makes counts as activity: no page of the service polls in the background (the
admin and the staff pages load nothing on a timer), so a forgotten tab does not keep
its session alive.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from knox.models import AuthToken

from access.models import SessionGeneration
from audit.constants import SecurityEventKind
from audit.security import record_security_event

GENERATION_KEY = "_staff_session_generation"
LAST_SEEN_KEY = "_staff_last_seen"
# Activity is written to the session at most this often (a session write per request
# would cost the database session backend an UPDATE on every page).
LAST_SEEN_RESOLUTION = 30


def current_generation(user_id: int) -> int:
    return (
        SessionGeneration.objects.filter(user_id=user_id)
        .values_list("generation", flat=True)
        .first()
        or 0
    )


def start_session(sender, request, user, **kwargs) -> None:
    """user_logged_in: the new session belongs to the user's current generation and is
    active from now."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[GENERATION_KEY] = current_generation(user.pk)
    request.session[LAST_SEEN_KEY] = int(time.time())


def session_expired(request: HttpRequest, now: int) -> bool:
    """The session was ended everywhere since it began, or has been idle too long."""
    session = request.session
    if session.get(GENERATION_KEY, 0) != current_generation(int(session[SESSION_KEY])):
        return True
    last_seen = session.get(LAST_SEEN_KEY)
    return last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT_MINUTES * 60


class StaffSessionMiddleware:
    """Ends a signed-in session that is idle or of an old generation before any view
    sees its user: the request goes on as an anonymous one (the admin then asks to sign
    in again)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            if session_expired(request, now):
                logout(request)
            elif now - session.get(LAST_SEEN_KEY, 0) >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def sign_out_everywhere(user: Any, *, by: Any, actor_addr: str | None = None) -> int:
    """End every session and API token of `user`: their sessions' generation moves on
    (each is ended on its next request) and their tokens are deleted. Audited. Returns
    the number of tokens revoked."""
    with transaction.atomic():
        row, _ = SessionGeneration.objects.get_or_create(user=user)
        SessionGeneration.objects.filter(pk=row.pk).update(generation=F("generation") + 1)
        tokens, _ = AuthToken.objects.filter(user=user).delete()
        record_security_event(
            SecurityEventKind.SIGNED_OUT_EVERYWHERE,
            user=user,
            actor=by,
            actor_addr=actor_addr,
            detail=f"every session ended and {tokens} API token(s) revoked",
        )
    return tokens
