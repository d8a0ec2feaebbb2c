"""Issue 12, "Done when": each kind of request (notification, access, accounting) taken
end to end as its users would — the requester on the public form (or a privacy officer
typing in a letter), the e-mailed verification link, a privacy officer working it in the
admin's pages (assign, start, acknowledge, accept identity, search, confirm the requester
and reject anyone else, prepare the package or send the letter, answer, close), and the
requester taking the answer from the status page or the mailbox.

The world is a household (household.py): Wren, with records in all four systems, and
Robin, who shares Wren's family name, address and phone. What Wren receives is checked
against the database queried here (each record model's own link to the person, not
packages.py), with the counts written out where the records were seeded, and searched
for every value only Robin's rows hold."""

import datetime
import json
import re
from collections import Counter

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from access_requests.models import PrivacyActRequest, RequestMatch
from audit.models import AccessEvent
from customers.models import Person
from retention.eligibility import eligible
from retention.planning import make_context

from .household import (
    ALL_FOUR,
    MINT,
    ROBIN_EMAIL,
    ROBINS_VALUES,
    USPS_810,
    USPS_820,
    USPS_890,
    WREN_EMAIL,
    WRENS_VALUES,
    Household,
    build_household,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ADMIN = "/admin/access_requests/privacyactrequest"
# Friday 20 November 2026, the week before Thanksgiving (26 November).
FRIDAY = timezone.make_aware(datetime.datetime(2026, 11, 20, 10))
MONDAY = timezone.make_aware(datetime.datetime(2026, 11, 23, 9))

# Wren's own numbers, and the household's order number "PF2026128101", which is Robin's:
# the search finds Robin by it, and the privacy officer rejects Robin.
WREN_GIVES = {
    "requester_name": "Wren Halloway",
    "requester_email": WREN_EMAIL,
    "id_customer_id": "C20260001",
    "id_order_number": "PF2026128101",
    "id_logon_id": "whalloway",
    "id_customer_number": "C20260001",
}
ROBIN_GIVES = {
    "requester_name": "Robin Halloway",
    "requester_email": ROBIN_EMAIL,
    "id_customer_id": "C20260002",
}


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


# Access ----------------------------------------------------------------------------------


def answered_access_request(officer, at) -> tuple:
    """Wren's access request to all four systems, from the form to the answer; the
    package downloaded from the status page. (household, request, decisions, files)"""
    household = build_household()
    at(FRIDAY)
    request, token = web_request("access", ALL_FOUR, WREN_GIVES)
    at(MONDAY)
    staff = Staff(officer)
    take_up(staff, request, officer)
    decided = search_and_decide(staff, request, household.wren)
    assert staff.post(f"{ADMIN}/{request.pk}/package/").status_code == 302
    move(staff, request, "answer")
    return household, request, decided, downloaded(token)


def test_access_package_holds_every_record_of_the_requester_in_every_system(officer, at):
    household, request, _, files = answered_access_request(officer, at)
    wren = household.wren
    assert sorted(files) == ["application/json", "text/html"]
    package = json.loads(files["application/json"])
    assert [section["system"] for section in package["systems"]] == ALL_FOUR
    held = {
        section["system"]: {label: len(rows) for label, rows in section["records"].items()}
        for section in package["systems"]
    }
    # As seeded (household.seed_wren); the person, address and phone, shared by every
    # system, once, in the first section.
    assert held == {
        MINT: {"Persons": 1, "Addresses": 1, "Phone numbers": 1, "System relationships": 1,
               "Mint orders": 1, "Gift recipients": 1},
        USPS_810: {"System relationships": 1, "Offline orders": 2,
                   "Order status inquiries": 1},
        USPS_820: {"System relationships": 1, "Mailer accounts": 1, "Mailer logons": 1},
        USPS_890: {"System relationships": 1, "Event registrations": 1},
    }  # fmt: skip
    # And all the database holds about Wren, queried model by model.
    in_database = counted(rows_about(wren))
    assert in_database == {
        "customers.Person": 1, "customers.Address": 1, "customers.PhoneNumber": 1,
        "customers.SystemRelationship": 4, "orders.MintOrder": 1, "orders.GiftRecipient": 1,
        "orders.OfflineOrder": 2, "orders.OrderStatusInquiry": 1, "mailers.MailerAccount": 1,
        "mailers.MailerLogon": 1, "marketing.EventRegistration": 1,
    }  # fmt: skip
    totals = Counter()
    for records in held.values():
        totals.update(records)
    assert dict(totals) == {
        str(apps.get_model(label)._meta.verbose_name_plural).capitalize(): count
        for label, count in in_database.items()
    }
    # Each of those rows was read for the package through the access layer, audited with
    # the request as the purpose; no other row was.
    assert read_for(request) == rows_about(wren)
    for text in package_text(files).values():
        for value in WRENS_VALUES:
            assert value in text, value
    # The accounting of disclosures, without the one to the police (552a(c)(3), (b)(7)).
    assert [
        (d["date"], d["system"], d["recipient_name"]) for d in package["accounting_of_disclosures"]
    ] == [
        ("2019-03-06", USPS_810, "Example Fulfilment Inc."),
        ("2019-03-07", MINT, "Example Bullion Shipping LLC"),
    ]
    assert all("Springfield Police Department" not in text for text in package_text(files).values())
    assert (
        request.events.filter(
            event="download", what__endswith="downloaded by the requester from 198.51.100.23"
        ).count()
        == 2
    )


def test_access_package_holds_nothing_of_the_household_member_staff_rejected(officer, at):
    household, request, decided, files = answered_access_request(officer, at)
    wren, robin = household.wren, household.robin
    # The household's order number found Robin in USPS 810.300; the officer rejected Robin.
    assert decided == {
        MINT: ([wren.pk], []),
        USPS_810: ([wren.pk], [robin.pk]),
        USPS_820: ([wren.pk], []),
        USPS_890: ([wren.pk], []),
    }
    assert not read_for(request) & rows_about(robin)
    for kind, text in package_text(files).items():
        for value in ROBINS_VALUES:
            assert value not in text, (kind, value)


# Notification ---------------------------------------------------------------------------


def send_letter(staff: Staff, request: PrivacyActRequest, kind: str, **data) -> None:
    """A letter from the request's letters page: its form, then "Send"."""
    letters = f"{ADMIN}/{request.pk}/letters/"
    assert letters in staff.page(f"{ADMIN}/{request.pk}/change/")
    url = f"{letters}new/{kind}/"
    assert url in staff.page(letters)
    staff.page(url)
    response = staff.post(url, {**data, "send": "Send"})
    assert response.status_code == 302, response.content.decode()[-3000:]


OFFICIAL = {"official_name": "Pat Officer", "official_title": "Privacy Officer"}


def decision_of(letter_body: str) -> list[str]:
    """The lines of a determination letter's decision."""
    decision = letter_body.split("Our decision:\n", 1)[1].split("\n\nSincerely,", 1)[0]
    return decision.splitlines()


def test_notification_tells_the_requester_each_agencys_systems_hold_records(officer, at):
    household = build_household()
    at(FRIDAY)
    request, _ = web_request("notification", ALL_FOUR, WREN_GIVES)
    at(MONDAY)
    staff = Staff(officer)
    take_up(staff, request, officer)
    search_and_decide(staff, request, household.wren)
    mail.outbox.clear()
    # Two agencies' systems: each answers for its own (39 CFR 266.6; 31 CFR 1.26).
    send_letter(staff, request, "determination", agency="United States Postal Service",
                **OFFICIAL)  # fmt: skip
    send_letter(staff, request, "determination",
                agency="Department of the Treasury, United States Mint", **OFFICIAL)  # fmt: skip
    move(staff, request, "answer")

    usps, mint = mail.outbox
    assert usps.to == mint.to == [WREN_EMAIL]
    assert usps.body.startswith("United States Postal Service\n")
    assert decision_of(usps.body) == [
        "USPS 810.300: holds records about you.",
        "USPS 820.100: holds records about you.",
        "USPS 890.000: holds records about you.",
    ]
    assert mint.body.startswith("Department of the Treasury, United States Mint\n")
    assert decision_of(mint.body) == ["Treasury/United States Mint .009: holds records about you."]
    request.refresh_from_db()
    assert request.status == "answered"
    assert [(letter.kind, letter.sent_at is not None) for letter in request.letters.all()] == [
        ("determination", True), ("determination", True)
    ]  # fmt: skip


def test_notification_says_not_in_a_system_that_holds_nothing_of_the_requester(officer, at):
    household = build_household()
    at(FRIDAY)
    # Robin asks about USPS 810.300 (Robin is in it) and USPS 820.100 (Robin is not; Wren,
    # of the same family, address and phone, is).
    request, _ = web_request("notification", [USPS_810, USPS_820], ROBIN_GIVES)
    at(MONDAY)
    staff = Staff(officer)
    take_up(staff, request, officer)
    assert search_and_decide(staff, request, household.robin) == {
        USPS_810: ([household.robin.pk], [])
    }
    mail.outbox.clear()
    send_letter(staff, request, "determination", **OFFICIAL)
    move(staff, request, "answer")

    (letter,) = mail.outbox
    assert letter.to == [ROBIN_EMAIL]
    assert decision_of(letter.body) == [
        "USPS 810.300: holds records about you.",
        "USPS 820.100: holds no records about you.",
    ]
    for value in ("Wren", "whalloway", "PF2026118101"):
        assert value not in letter.body


# Accounting of disclosures --------------------------------------------------------------


def test_accounting_typed_in_from_a_letter_gives_the_disclosures_but_law_enforcement(officer, at):
    household = build_household()
    at(FRIDAY)
    staff = Staff(officer)
    staff.page(f"{ADMIN}/add/")
    entered = staff.post(
        f"{ADMIN}/add/",
        {
            "kind": "accounting", "systems": ALL_FOUR, "channel": "post",
            "received_on": "2026-11-20", "requester_name": "Wren Halloway",
            "requester_email": WREN_EMAIL, "requester_address": "12 Birch Lane, Springfield, IL",
            "id_customer_id": "C20260001", "id_logon_id": "whalloway",
            "id_customer_number": "C20260001",
            "declared_name": "Wren Halloway", "declared_on": "2026-11-16",
        },
    )  # fmt: skip
    assert entered.status_code == 302, entered.content.decode()[-3000:]
    request = PrivacyActRequest.objects.get()
    assert (request.kind, request.channel, request.status) == ("accounting", "post", "received")
    (token,) = re.findall(r"http://testserver/privacy/requests/status/(\S+)/", mail.outbox[-1].body)

    at(MONDAY)
    take_up(staff, request, officer)
    search_and_decide(staff, request, household.wren)
    assert staff.post(f"{ADMIN}/{request.pk}/package/").status_code == 302
    move(staff, request, "answer")

    files = downloaded(token)
    accounting = json.loads(files["application/json"])
    assert accounting["kind"] == "accounting"
    assert [
        (d["date"], d["system"], d["nature_and_purpose"], d["routine_use"], d["recipient_name"])
        for d in accounting["accounting_of_disclosures"]
    ] == [
        ("2019-03-06", USPS_810, "Order fulfilment", "Routine use 1", "Example Fulfilment Inc."),
        ("2019-03-07", MINT, "Order fulfilment", "Routine use 1", "Example Bullion Shipping LLC"),
    ]
    # The accounting alone: no record is read or given.
    assert [section["records"] for section in accounting["systems"]] == [{}, {}, {}, {}]
    assert read_for(request) == set()
    html = files["text/html"].decode()
    assert "Example Fulfilment Inc." in html and "Example Bullion Shipping LLC" in html
    for text in (html, files["application/json"].decode()):
        for value in ("Springfield Police Department", "Criminal investigation",
                      "5 U.S.C. 552a(b)(7)", "Another Household Mailer Inc.",
                      "PF2026118101", "MO2026119001"):  # fmt: skip
            assert value not in text, value


# The freeze --------------------------------------------------------------------------------


def destroyable(as_of: datetime.date, household: Household) -> dict[tuple[str, str], int]:
    """(model label, "Wren" or "Robin") → how many of their rows a purge as of `as_of`
    would destroy (retention.eligibility, as the purge asks it)."""
    names = {household.wren.pk: "Wren", household.robin.pk: "Robin"}
    ctx = make_context(as_of)
    found: dict[tuple[str, str], int] = {}
    for binding in ctx.bindings.values():
        condition = eligible(binding, ctx)
        if condition is None or not binding.person_path:
            continue
        rows = binding.model._base_manager.filter(condition)
        for person_id in rows.values_list(binding.person_path, flat=True):
            key = (binding.label, names.get(person_id, "someone else"))
            found[key] = found.get(key, 0) + 1
    return found


# Past their periods (household.ENDED): USPS 810.300, 820.100 and 890.000 records; the
# Mint's notice gives no period, so its records never are; nor are the people, while
# their Mint records remain.
ROBINS_DUE = {
    ("orders.OfflineOrder", "Robin"): 1,
    ("orders.OrderStatusInquiry", "Robin"): 1,
    ("marketing.EventRegistration", "Robin"): 1,
}
EVERYONES_DUE = {
    ("orders.OfflineOrder", "Wren"): 2,
    ("orders.OrderStatusInquiry", "Wren"): 1,
    ("mailers.MailerAccount", "Wren"): 1,
    ("mailers.MailerLogon", "Wren"): 1,
    ("marketing.EventRegistration", "Wren"): 1,
    **ROBINS_DUE,
}


def test_the_requesters_records_are_frozen_while_the_request_is_open_and_not_after(officer, at):
    household = build_household()
    today = FRIDAY.date()
    assert destroyable(today, household) == EVERYONES_DUE
    at(FRIDAY)
    request, _ = web_request("access", ALL_FOUR, WREN_GIVES)
    # Received, but nobody is confirmed as the requester yet: nothing is kept.
    assert destroyable(today, household) == EVERYONES_DUE
    at(MONDAY)
    staff = Staff(officer)
    take_up(staff, request, officer)
    search_and_decide(staff, request, household.wren)
    # Wren confirmed in every system; Robin, rejected, keeps nothing.
    assert destroyable(today, household) == ROBINS_DUE
    assert staff.post(f"{ADMIN}/{request.pk}/package/").status_code == 302
    move(staff, request, "answer")
    # Answered, the appeal period open: still kept.
    assert destroyable(today, household) == ROBINS_DUE
    move(staff, request, "close", reason="Answered; no appeal")
    request.refresh_from_db()
    assert request.status == "closed"
    assert destroyable(today, household) == EVERYONES_DUE
