"""The public side of Privacy Act requests: the rights page, the request form in two
steps, e-mail verification and the private status page.

Nothing here looks at records: the form takes a request, the link proves an address, the
status page shows the request. Whether anyone has records anywhere is never part of a
response (issue 11, item 6: no enumeration before staff have verified identity).
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from access_requests import amendments, packages, workflow
from access_requests.amendments import AmendmentRefused
from access_requests.clocks import WORKING_DAYS_MEANING
from access_requests.documents import MAX_DOCUMENT_BYTES, attachment, read_document
from access_requests.forms import (
    ChooseRequestForm,
    PublicRequestForm,
    StatementForm,
    consent_documents,
)
from access_requests.mail import send_relink_offer, send_status_link, send_verification
from access_requests.models import RequestStatus
from access_requests.rights import agencies_of, published_systems
from access_requests.services import record_request
from access_requests.verification import (
    VerificationFailed,
    issue_status_token,
    relink,
    relink_token,
    request_by_status_token,
    verification_token,
    verify,
)
from audit.reads import client_address
from lib.normalize import NORMALIZERS
from sorn.models import SystemOfRecords

log = logging.getLogger(__name__)

# A request's form fields and one file of at most 10 MB fit in this; a body beyond it is
# refused before it is read.
MAX_BODY_BYTES = MAX_DOCUMENT_BYTES + 512 * 1024


def rights(request: HttpRequest) -> HttpResponse:
    """The public rights page: the four kinds of request, what each system holds and what a
    request to it must give, the time limits, the false-pretenses warning and appeals."""
    systems = published_systems()
    return render(
        request,
        "access_requests/rights.html",
        {
            "systems": systems,
            "agencies": agencies_of(systems),
            "working_days_meaning": WORKING_DAYS_MEANING,
        },
    )


def start(request: HttpRequest) -> HttpResponse:
    """Privacy Act requests: how to make one, online or on paper."""
    return render(request, "access_requests/start.html")


def _private(response: HttpResponse) -> HttpResponse:
    """A page whose address is a secret (a verification or status token): never cached,
    never indexed, and never sent on as a Referer to a page a link leads to."""
    # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on the
    # page's own POST, which CSRF protection rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _client_key(group: str, request: HttpRequest) -> str:
    """The client's address as the audit finds it (X-Forwarded-For believed only from
    TRUSTED_PROXIES: behind the proxy, REMOTE_ADDR is the proxy's, the same for everyone);
    an IPv6 address by its /64, which one client holds whole."""
    for address in (client_address(request), request.META.get("REMOTE_ADDR")):
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            continue
        prefix = 64 if ip.version == 6 else 32
        return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)
    return ""


def _email_key(group: str, request: HttpRequest) -> str:
    """The mailbox the submission would send to, however its address is spelled: case,
    a "+tag" and (at Gmail) dots do not make another mailbox."""
    try:
        address = NORMALIZERS["email"](request.POST.get("requester_email", ""))
    except ValueError:
        return ""
    local, _, domain = address.rpartition("@")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def _rate_limited(request: HttpRequest) -> bool:
    """Counts this submission against its client address and its e-mail address (the
    cache: Redis in production, the process's memory in the embedded default)."""
    by_address = is_ratelimited(
        request,
        group="privacy-request-address",
        key=_client_key,
        rate=settings.REQUEST_RATE_PER_ADDRESS,
        method="POST",
        increment=True,
    )
    by_email = bool(_email_key("", request)) and is_ratelimited(
        request,
        group="privacy-request-email",
        key=_email_key,
        rate=settings.REQUEST_RATE_PER_EMAIL,
        method="POST",
        increment=True,
    )
    return by_address or by_email


def _systems_named(slugs: list[str]) -> list[SystemOfRecords]:
    return list(SystemOfRecords.objects.filter(slug__in=slugs).order_by("slug"))


@never_cache
@require_http_methods(["GET", "POST"])
def new_request(request: HttpRequest) -> HttpResponse:
    """Step 1 (what and of which systems) then step 2 (only what those systems' notices
    need). Step 1 is a GET: nothing is stored until step 2 is sent."""
    if request.method == "POST":
        return _submit(request)
    if "kind" not in request.GET and "systems" not in request.GET:
        return render(request, "access_requests/choose.html", {"form": ChooseRequestForm()})
    choose = ChooseRequestForm(request.GET)
    if not choose.is_valid():
        return render(request, "access_requests/choose.html", {"form": choose})
    kind, systems = choose.cleaned_data["kind"], choose.cleaned_data["systems"]
    form = PublicRequestForm(initial={"kind": kind, "systems": systems}, kind=kind, systems=systems)
    return _render_form(request, form, kind, systems)


def _render_form(request, form, kind, systems, status=200) -> HttpResponse:
    return render(
        request,
        "access_requests/request_form.html",
        {
            "form": form,
            "kind_label": dict(ChooseRequestForm.base_fields["kind"].choices)[kind],
            "systems": _systems_named(systems),
            "change_url": reverse("access_requests:new")
            + f"?kind={kind}"
            + "".join(f"&systems={slug}" for slug in systems),
        },
        status=status,
    )


def _submit(request: HttpRequest) -> HttpResponse:
    if _rate_limited(request):
        return render(request, "access_requests/too_many.html", status=429)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0 or length > MAX_BODY_BYTES:
        return render(request, "access_requests/too_big.html", status=413)
    choose = ChooseRequestForm(request.POST)
    if not choose.is_valid():  # the hidden kind and systems were changed: start again
        return render(request, "access_requests/choose.html", {"form": choose}, status=400)
    kind, systems = choose.cleaned_data["kind"], choose.cleaned_data["systems"]
    form = PublicRequestForm(request.POST, request.FILES, kind=kind, systems=systems)
    if form.honeypot_filled:
        log.info("request form: honeypot filled; nothing stored")
        return redirect("access_requests:sent")
    if not form.is_valid():
        return _render_form(request, form, kind, systems, status=400)
    with transaction.atomic():
        saved, created = record_request(
            fields=form.request_fields(),
            identifiers=form.given_identifiers(),
            documents=consent_documents(form.cleaned_data),
        )
    # The same answer and an e-mail either way: a new request, or the same one sent again
    # (a verification link again while it waits; a new status link once it is verified).
    if saved.status == RequestStatus.UNVERIFIED:
        link = request.build_absolute_uri(
            reverse("access_requests:verify", args=[verification_token(saved)])
        )
        send_verification(saved, link)
    elif not created and saved.requester_email and saved.status_token_hash:
        # Already verified: the verified address is offered a new status link; the one it
        # has keeps working unless its owner takes the offer.
        offer = request.build_absolute_uri(
            reverse("access_requests:relink", args=[relink_token(saved)])
        )
        send_relink_offer(saved, offer)
    return redirect("access_requests:sent")


def sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "access_requests/sent.html",
        {
            "hours": settings.REQUEST_VERIFICATION_HOURS,
            "unverified_days": settings.UNVERIFIED_REQUEST_DAYS,
        },
    )


def _take_link(request: HttpRequest, token: str, take, confirm_template: str) -> HttpResponse:
    """A link mailed to the requester that does something once (verify the request, give
    it a new status link): GET asks to confirm, so a mail filter that opens links does
    not use it up; POST takes it (`take(token)` → the request and its new status token),
    mails the status link and opens the status page."""
    if request.method == "GET":
        return _private(render(request, confirm_template))
    try:
        found, status_token = take(token)
    except VerificationFailed as failure:
        log.info("%s refused: %s", take.__name__, failure.reason)
        return _private(render(request, "access_requests/verify_failed.html", status=400))
    link = request.build_absolute_uri(reverse("access_requests:status", args=[status_token]))
    send_status_link(found, link)
    return redirect("access_requests:status", status_token)


@never_cache
@require_http_methods(["GET", "POST"])
def verify_request(request: HttpRequest, token: str) -> HttpResponse:
    """The verification link: the request becomes received and gets its status page."""
    return _take_link(request, token, verify, "access_requests/verify.html")


@never_cache
@require_http_methods(["GET", "POST"])
def relink_request(request: HttpRequest, token: str) -> HttpResponse:
    """An offer of a new status link, mailed when the same request came again: taking it
    stops the old link working."""
    return _take_link(request, token, relink, "access_requests/relink.html")


@never_cache
@require_http_methods(["GET", "POST"])
def request_status(request: HttpRequest, token: str) -> HttpResponse:
    """The private status page. POST sends the requester a new link (to the e-mail address
    the request was verified with) and stops this one working."""
    found = request_by_status_token(token)
    if found is None:
        return _private(render(request, "access_requests/status_unknown.html", status=404))
    if request.method == "POST":
        new_token = issue_status_token(found)
        if found.requester_email:
            link = request.build_absolute_uri(reverse("access_requests:status", args=[new_token]))
            send_status_link(found, link)
        return _private(
            render(
                request,
                "access_requests/status_relinked.html",
                {"emailed": bool(found.requester_email)},
            )
        )
    return _status_page(request, found, token)


def _status_page(
    request: HttpRequest, found, token: str, statement_form: StatementForm | None = None
) -> HttpResponse:
    systems = _systems_named(found.systems)
    # The same clocks as the staff queue: pauses, extensions and acknowledgments count.
    deadlines = workflow.deadlines(found)
    files = [
        (document, packages.available_until(document),
         reverse("access_requests:records", args=[token, document.pk]))
        for document in packages.offered(found)
    ]  # fmt: skip
    filed = amendments.statement_filed_on(found)
    may_disagree = filed is None and amendments.may_disagree(found)
    return _private(
        render(
            request,
            "access_requests/status.html",
            {
                "req": found,
                "systems": systems,
                "deadlines": deadlines,
                "files": files,
                "working_days_meaning": WORKING_DAYS_MEANING,
                "statement_filed_on": filed,
                # The form where a statement may be filed; its errors alone where one was
                # sent that may not be.
                "may_disagree": may_disagree,
                "statement_form": statement_form or (StatementForm() if may_disagree else None),
                "statement_url": reverse("access_requests:disagreement", args=[token]),
            },
            status=400 if statement_form is not None and statement_form.errors else 200,
        )
    )


@never_cache
@require_http_methods(["POST"])
def file_statement(request: HttpRequest, token: str) -> HttpResponse:
    """The requester files a statement of disagreement from their status page, once a
    refusal to amend has been upheld on appeal (5 U.S.C. 552a(d)(3))."""
    found = request_by_status_token(token)
    if found is None:
        return _private(render(request, "access_requests/status_unknown.html", status=404))
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            amendments.file_disagreement(found, form.cleaned_data["statement"])
        except AmendmentRefused as refused:
            form.add_error(None, refused.messages)
        else:
            return redirect("access_requests:status", token)
    return _status_page(request, found, token, form)


@never_cache
@require_http_methods(["GET"])
def download_records(request: HttpRequest, token: str, document_id: int) -> HttpResponse:
    """A records package from the status page, while it is offered: as an attachment of
    its own type, never shown in our pages; the download is an event with its time and
    the client's address. The same 404 for a wrong token, another request's file or an
    expired one."""
    found = request_by_status_token(token)
    document = next(
        (d for d in (packages.offered(found) if found else []) if d.pk == document_id), None
    )
    if document is None:
        return _private(render(request, "access_requests/status_unknown.html", status=404))
    read = read_document(document)
    packages.note_download(document, client_address(request))
    return _private(attachment(read, read.name))
