"""The security headers on every HTML page (issue 14, item 4): a Content-Security-Policy
with no 'unsafe-inline' or 'unsafe-eval', frame-ancestors 'none' beside X-Frame-Options
DENY, nosniff and a Referrer-Policy; and no page carrying inline script, inline style or
an inline event handler that the policy would block (the browser test,
tests/browser/test_csp.py, shows Chromium agrees). And the violation report endpoint
logs what broke without the page's addresses or code."""

from __future__ import annotations

import datetime
import json
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http import HttpResponse

from access_requests.models import PrivacyActRequest
from customers.models import Person, SystemRelationship
from sorn import catalogue
from sorn.constants import Role, SystemSlug
from tests.access_requests.matching_world import open_request

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

PASSWORD = "x-Test-password-1"

PUBLIC = [
    "/",
    "/systems/",
    *(f"/systems/{notice.slug}/" for notice in catalogue.NOTICES),
    "/privacy/",
    "/requests/",
    "/privacy/requests/new/",
    "/privacy/requests/new/?kind=access&systems=usps-810-300",
    "/privacy/requests/sent/",
    "/privacy/requests/verify/not-a-real-link/",
    "/privacy/requests/status/not-a-real-token/",
    "/account/login/",  # the staff sign-in (the admin's own login redirects here)
    "/api/docs/",
    "/no-such-page/",
]


def staff_paths(person: Person, request: PrivacyActRequest) -> dict[str, str]:
    return {
        "admin index": "/admin/",
        "people": "/admin/customers/person/",
        "a person": f"/admin/customers/person/{person.pk}/change/",
        "offline orders": "/admin/orders/offlineorder/",
        "mailers app": "/admin/mailers/",
        "marketing app": "/admin/marketing/",
        "request queue": "/admin/access_requests/privacyactrequest/",
        "a request": f"/admin/access_requests/privacyactrequest/{request.pk}/change/",
        "retention dashboard": "/admin/retention/dashboard/",
        "access events": "/admin/audit/accessevent/",
        "users": "/admin/auth/user/",
        "policy": "/staff/policy/",
        "person view": f"/staff/people/{person.pk}/records/",
        "access history": f"/staff/people/{person.pk}/access-history/",
    }


# The pages each persona may not open (every other page answers 200): their refusals are
# pages too, and carry the same headers.
NOT_OPEN = {
    "superuser": {"access events": 403},
    "marketing analyst": {
        "offline orders": 403, "mailers app": 404, "request queue": 403, "a request": 403,
        "retention dashboard": 403, "access events": 403, "users": 403, "access history": 403,
    },
    "auditor": {"request queue": 403, "a request": 403, "retention dashboard": 403, "users": 403},
}  # fmt: skip


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


# What the policy would block in a page's own markup.
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "inline style element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+=", re.IGNORECASE),
    "javascript: address": re.compile(r"""(?:href|src|action)=["']?\s*javascript:""", re.I),
}


def problems_of(path: str, response) -> list[str]:
    problems = []
    header = response.get("Content-Security-Policy")
    if header is None:
        return [f"{path}: no Content-Security-Policy"]
    policy = directives(header)
    expected = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    for name, values in expected.items():
        if policy.get(name) != values:
            problems.append(f"{path}: {name} is {policy.get(name)}")
    if "'unsafe-inline'" in header or "'unsafe-eval'" in header or "'unsafe-hashes'" in header:
        problems.append(f"{path}: {header}")
    for name, value in (
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ):
        if response.get(name) != value:
            problems.append(f"{path}: {name} is {response.get(name)}")
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        problems += [f"{path}: {what}" for what, pattern in INLINE.items() if pattern.search(html)]
    return problems


def test_every_public_page_carries_the_policy_and_nothing_inline(client):
    problems = []
    for path in PUBLIC:
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        problems += problems_of(path, response)
    assert problems == []


@pytest.fixture
def staff_world(settings):
    settings.POLICY_SUPERUSER_ROLES = [Role.PRIVACY_OFFICER.value]
    person = Person.objects.create(customer_id="CSP00001", given_name="Wren", family_name="Csp")
    for system in SystemSlug:
        SystemRelationship.objects.create(
            person=person, system=system.value, started_on=datetime.date(2021, 1, 1)
        )
    request = open_request({"name": "Wren Csp"}, systems=["usps-810-300"])
    return person, request


@pytest.mark.parametrize(
    "persona, role",
    [("superuser", None), ("marketing analyst", Role.MARKETING_ANALYST), ("auditor", Role.AUDITOR)],
)
def test_every_staff_page_carries_the_policy_and_nothing_inline(client, staff_world, persona, role):
    model = get_user_model()
    if role is None:
        user = model.objects.create_superuser("root-csp", "root@example.org", PASSWORD)
    else:
        user = model.objects.create_user("csp-staff", password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    client.force_login(user)
    problems, statuses = [], {}
    for name, path in staff_paths(*staff_world).items():
        response = client.get(path)
        statuses[name] = response.status_code
        problems += problems_of(path, response)
    assert problems == []
    assert {name: status for name, status in statuses.items() if status != 200} == (
        NOT_OPEN[persona]
    )


def test_the_api_docs_script_is_a_url_of_its_own(client):
    page = client.get("/api/docs/").content.decode()
    assert '<script src="/api/docs/?script="></script>' in page
    script = client.get("/api/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in script.content
    # Swagger UI's icons are data: images: allowed on the docs alone.
    assert "img-src 'self' data:" in client.get("/api/docs/")["Content-Security-Policy"]
    assert "img-src 'self';" in client.get("/")["Content-Security-Policy"] + ";"


def test_the_checks_find_what_the_policy_would_block():
    """The markup checks above are not vacuous: each finds its case."""
    samples = {
        "inline script": "<script>alert(1)</script>",
        "inline style element": "<style>p{}</style>",
        "style attribute": '<p style="color:red">',
        "event handler attribute": '<img src="x" onerror="alert(1)">',
        "javascript: address": '<a href="javascript:alert(1)">',
    }
    for what, html in samples.items():
        response = HttpResponse(html)
        response["Content-Security-Policy"] = "default-src 'self'"
        assert f"/x: {what}" in problems_of("/x", response), what
    clean = HttpResponse('<script src="/static/js/forms.js" defer></script><p class="a">')
    assert [p for p in problems_of("/x", clean) if "inline" in p or "attribute" in p] == []


# The violation reports -----------------------------------------------------------------


def report(client, body: dict | str, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/csp-report/", data, content_type="application/csp-report", **extra)


def test_a_report_is_logged_without_addresses_queries_or_code(client, caplog):
    caplog.set_level(logging.WARNING, logger="config.security")
    response = report(
        client,
        {
            "csp-report": {
                "document-uri": "https://records.example.gov/privacy/requests/status/SECRETTOKEN/?email=wren%40example.org",
                "referrer": "https://elsewhere.example/?name=Wren",
                "violated-directive": "script-src-elem",
                "effective-directive": "script-src-elem",
                "blocked-uri": "https://evil.example/steal.js?ssn=1234",
                "line-number": 12,
                "script-sample": "wren@example.org",
            }
        },
    )
    assert response.status_code == 204
    (line,) = [r.getMessage() for r in caplog.records if r.name == "config.security"]
    assert line == (
        "csp violation: script-src-elem blocked https://evil.example on "
        "/privacy/requests/status/[redacted]/, line 12"
    )


@pytest.mark.parametrize(
    "blocked, logged",
    [("inline", "inline"), ("eval", "eval"), ("data:image/png;base64,AAA", "data")],
)
def test_a_keyword_or_data_address_is_logged_as_a_word(client, caplog, blocked, logged):
    caplog.set_level(logging.WARNING, logger="config.security")
    report(client, {"csp-report": {"violated-directive": "img-src 'self'", "blocked-uri": blocked,
                                   "document-uri": "https://x.example/systems/"}})  # fmt: skip
    (line,) = [r.getMessage() for r in caplog.records if r.name == "config.security"]
    assert line == f"csp violation: img-src blocked {logged} on /systems/, line None"


def test_a_malformed_or_oversized_report_is_refused_and_not_logged(client, caplog):
    caplog.set_level(logging.WARNING, logger="config.security")
    assert report(client, "not json").status_code == 400
    assert report(client, {"something": "else"}).status_code == 400
    assert report(client, ["csp-report"]).status_code == 400
    big = {"csp-report": {"violated-directive": "img-src", "x": "a" * 20_000}}
    assert report(client, big).status_code == 413
    assert client.get("/csp-report/").status_code == 405
    assert [r for r in caplog.records if r.name == "config.security"] == []


def test_a_forged_directive_or_address_cannot_write_into_the_log(client, caplog):
    caplog.set_level(logging.WARNING, logger="config.security")
    report(client, {"csp-report": {
        "effective-directive": "script-src\nFAKE LINE wren@example.org",
        "blocked-uri": "javascript:alert('wren@example.org')",
        "document-uri": "https://x.example/a b/<wren@example.org>",
        "line-number": "12; DROP",
    }})  # fmt: skip
    (line,) = [r.getMessage() for r in caplog.records if r.name == "config.security"]
    assert line == "csp violation: other blocked other on other, line None"


def test_a_flood_of_reports_is_cut_off_per_address(client, caplog):
    caplog.set_level(logging.WARNING, logger="config.security")
    body = {"csp-report": {"violated-directive": "img-src", "blocked-uri": "inline"}}
    try:
        statuses = [report(client, body).status_code for _ in range(32)]
        other = report(client, body, REMOTE_ADDR="192.0.2.7").status_code
    finally:
        cache.clear()  # the counters live in the cache; the next test starts afresh
    assert statuses == [204] * 30 + [429, 429]
    assert other == 204  # another address is still heard
    assert len([r for r in caplog.records if r.name == "config.security"]) == 31
