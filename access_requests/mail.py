"""What the service e-mails a requester: the verification link, the status page link, and
word that a request sent again was joined to the first. Plain text; each carries only the
link and the tracking number — never the request's contents — since mail travels and
rests in places the service does not control."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from access_requests.models import PrivacyActRequest


def _send(request: PrivacyActRequest, subject: str, template: str, **context) -> None:
    body = render_to_string(
        f"access_requests/email/{template}.txt",
        {"request": request, "unverified_days": settings.UNVERIFIED_REQUEST_DAYS, **context},
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [request.requester_email])


def send_verification(request: PrivacyActRequest, link: str) -> None:
    _send(
        request,
        "Confirm your Privacy Act request",
        "verify",
        link=link,
        hours=settings.REQUEST_VERIFICATION_HOURS,
    )


def send_status_link(request: PrivacyActRequest, link: str) -> None:
    _send(request, f"Your Privacy Act request {request.tracking_number}", "status_link", link=link)


def send_relink_offer(request: PrivacyActRequest, link: str) -> None:
    """The same request came again after it was verified: the tracking number, and an
    offer of a new status link for the owner of the address, should they have lost it."""
    _send(
        request,
        f"Your Privacy Act request {request.tracking_number}",
        "relink_offer",
        link=link,
        hours=settings.REQUEST_VERIFICATION_HOURS,
    )
