"""The Content-Security-Policy's violation reports (issue 14, item 4; the policy itself is
in config/settings.py).

A browser that blocks something on one of our pages POSTs a report to `/csp-report/`
(the policy's `report-uri`). It is logged so that a page broken by the policy, or an
injection the policy stopped, shows up in the logs; but a report quotes the page's
address, the blocked address and a sample of the blocked code, any of which may carry
personal data or a requester's secret link. So only these are logged: the directive, the
page's path (secret segments redacted, no query), what was blocked reduced to a keyword
(`inline`, `eval`, …) or an origin, and the line. Never the sample, the referrer or a
query string.

Anyone can POST here (a browser sends no cookie-bound token with a report): the body is
bounded, parsed as JSON only, every logged value is checked against a narrow shape, and
each client address is heard at most REPORTS_PER_MINUTE times a minute (a page that
breaks sends a handful; a flood would only fill the logs).
"""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from audit.reads import client_address
from lib.logs import redact_path

logger = logging.getLogger(__name__)

# A report is a few hundred bytes; Chromium caps the sample at 40 characters.
MAX_REPORT_BYTES = 16 * 1024
REPORTS_PER_MINUTE = 30
_DIRECTIVE = re.compile(r"[a-z-]{1,40}")
# CSP 3, "blocked-uri" keywords for what has no address of its own.
_KEYWORDS = frozenset({"inline", "eval", "wasm-eval", "trusted-types-sink", "self", "data", "blob"})
_SCHEME_AND_HOST = re.compile(r"[a-z][a-z0-9+.-]{0,15}://[a-z0-9.-]{1,253}(:[0-9]{1,5})?")
_PATH = re.compile(r"/[A-Za-z0-9/_.~%\[\]-]{0,300}")


def _blocked(value: object) -> str:
    """`inline`, `eval`, `data`, or the scheme and host of a blocked address."""
    text = str(value).strip().lower()
    if text in _KEYWORDS:
        return text
    if text.startswith(("data:", "blob:")):
        return text.split(":", 1)[0]
    parts = urlsplit(text)
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin if _SCHEME_AND_HOST.fullmatch(origin) else "other"


def _document_path(value: object) -> str:
    path = redact_path(urlsplit(str(value)).path)
    return path if _PATH.fullmatch(path) else "other"


def _reporter(group: str, request: HttpRequest) -> str:
    """The client's address, X-Forwarded-For believed from TRUSTED_PROXIES only."""
    return client_address(request) or ""


def _line(value: object) -> int | None:
    return value if isinstance(value, int) and 0 <= value < 10**7 else None


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log one violation report, as little of it as says what broke; always 204 for a
    well-formed report, 400 for anything else, 413 past the size bound, 429 past the
    rate (not logged)."""
    if is_ratelimited(
        request,
        group="csp-report",
        key=_reporter,
        rate=f"{REPORTS_PER_MINUTE}/m",
        method="POST",
        increment=True,
    ):
        return HttpResponse(status=429)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.body)["csp-report"]
        directive = str(report.get("effective-directive") or report["violated-directive"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return HttpResponse(status=400)
    directive = directive.split(" ", 1)[0]
    logger.warning(
        "csp violation: %s blocked %s on %s, line %s",
        directive if _DIRECTIVE.fullmatch(directive) else "other",
        _blocked(report.get("blocked-uri", "")),
        _document_path(report.get("document-uri", "")),
        _line(report.get("line-number")),
    )
    return HttpResponse(status=204)
