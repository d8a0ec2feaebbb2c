"""The steps of a Privacy Act request through HTTP, as its users take them: the requester
on the public form, the e-mailed verification link and the status page; a privacy
officer in the admin (CSRF checked, each move and button reached from the page that
offers it); and what the database holds about a person, queried without the code under
test (test_end_to_end.py)."""

from __future__ import annotations

import re
from collections import Counter

from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from access_requests.models import PrivacyActRequest, RequestMatch
from audit.models import AccessEvent
from customers.models import Person

ADMIN = "/admin/access_requests/privacyactrequest"


# The requester's side ------------------------------------------------------------------


def web_request(kind: str, systems: list[str], gives: dict) -> tuple[PrivacyActRequest, str]:
    """The public form, then the e-mailed verification link (confirmed by its button):
    the request and its status page's token."""
    cache.clear()  # the form's rate limits count per address
    client = Client()
    sent = client.post(
        "/privacy/requests/new/",
        {
            "kind": kind, "systems": systems, **gives,
            "declared_name": gives["requester_name"],
            "declared_on": timezone.localdate().isoformat(), "declaration": "on",
        },
    )  # fmt: skip
    assert sent.status_code == 302, sent.content[:2000]
    (link,) = re.findall(r"http://testserver(/privacy/requests/verify/\S+)", mail.outbox[-1].body)
    verified = client.post(link)
    assert verified.status_code == 302
    token = verified.url.rstrip("/").rsplit("/", 1)[-1]
    return PrivacyActRequest.objects.get(), token


def downloaded(token: str) -> dict[str, bytes]:
    """What the status page offers, downloaded: content type → bytes."""
    client = Client(REMOTE_ADDR="198.51.100.23")
    page = client.get(f"/privacy/requests/status/{token}/").content.decode()
    assert "Your records are ready" in page
    files = {}
    for url in re.findall(rf'href="(/privacy/requests/status/{token}/records/\d+/)"', page):
        response = client.get(url)
        assert response.status_code == 200
        files[response["Content-Type"].split(";")[0]] = response.content
    return files


# The privacy officer's side ------------------------------------------------------------


class Staff:
    """A privacy officer in a browser: logged in, and every form posted with the page's
    CSRF token (the client checks it, as the site does)."""

    def __init__(self, officer):
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(officer)

    def page(self, url: str) -> str:
        response = self.client.get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    def post(self, url: str, data: dict | None = None):
        token = self.client.cookies["csrftoken"].value
        return self.client.post(url, {"csrfmiddlewaretoken": token, **(data or {})})


def move(staff: Staff, request: PrivacyActRequest, name: str, **data) -> None:
    """A move of the workflow through its page, as the change page links it."""
    url = f"{ADMIN}/{request.pk}/move/{name}/"
    assert url in staff.page(f"{ADMIN}/{request.pk}/change/")
    staff.page(url)
    response = staff.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]


def take_up(staff: Staff, request: PrivacyActRequest, officer) -> None:
    """Assign, start, acknowledge and accept the identity (a declaration made with a
    verified e-mail address)."""
    move(staff, request, "assign", assignee=officer.pk)
    move(staff, request, "start")
    move(staff, request, "acknowledge")
    move(staff, request, "accept_identity", method="declaration")


def search_and_decide(staff: Staff, request: PrivacyActRequest, person: Person) -> dict:
    """Search the systems, confirm `person` wherever found and reject anyone else:
    system → (confirmed person ids, rejected person ids)."""
    change = f"{ADMIN}/{request.pk}/change/"
    assert f"{ADMIN}/{request.pk}/matches/search/" in staff.page(change)
    assert staff.post(f"{ADMIN}/{request.pk}/matches/search/").status_code == 302
    page = staff.page(change)
    for match in RequestMatch.objects.filter(request=request):
        verb = "confirm" if match.person_id == person.pk else "reject"
        url = f"{ADMIN}/{request.pk}/matches/{match.pk}/{verb}/"
        assert f'formaction="{url}"' in page  # the candidate's button
        assert staff.post(url).status_code == 302
    decided: dict = {}
    for match in RequestMatch.objects.filter(request=request).order_by("person_id"):
        confirmed, rejected = decided.setdefault(match.system, ([], []))
        (confirmed if match.state == "confirmed" else rejected).append(match.person_id)
    return decided


# What the database holds, queried here ------------------------------------------------


def rows_about(person: Person) -> set[tuple[str, int]]:
    """The person's row and every row that links to the person by a foreign key of its
    own, over every model of the four systems' apps: listed here, independently of
    packages.py."""
    rows = {(Person._meta.label, person.pk)}
    for app in ("customers", "orders", "mailers", "marketing"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is Person:
                    found = model._base_manager.filter(**{field.name: person})
                    rows |= {(model._meta.label, pk) for pk in found.values_list("pk", flat=True)}
    return rows


def counted(rows: set[tuple[str, int]]) -> dict[str, int]:
    return dict(Counter(label for label, _ in rows))


def read_for(request: PrivacyActRequest) -> set[tuple[str, int]]:
    """Every (model, row) the audit says the package read."""
    return {
        (event.model, pk)
        for event in AccessEvent.objects.filter(
            channel="request_package", purpose=f"Privacy Act request {request.tracking_number}"
        )
        for pk in event.record_ids
    }


def package_text(files: dict[str, bytes]) -> dict[str, str]:
    return {kind: content.decode() for kind, content in files.items()}


def send_letter(staff: Staff, request: PrivacyActRequest, kind: str, **data) -> None:
    """A letter from the request's letters page: its form, then "Send"."""
    letters = f"{ADMIN}/{request.pk}/letters/"
    assert letters in staff.page(f"{ADMIN}/{request.pk}/change/")
    url = f"{letters}new/{kind}/"
    assert url in staff.page(letters)
    staff.page(url)
    response = staff.post(url, {**data, "send": "Send"})
    assert response.status_code == 302, response.content.decode()[-3000:]
