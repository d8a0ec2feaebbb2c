"""Issue 12, "Done when": each kind of request (notification, access, accounting) taken
end to end as its users would — the requester on the public form (or a privacy officer
typing in a letter), the e-mailed verification link, a privacy officer working it in the
admin's pages (assign, start, acknowledge, accept identity, search, confirm the requester
and reject anyone else, prepare the package or send the letter, answer, close), and the
requester taking the answer from the status page or the mailbox.

The steps are in steps.py; the world is a household (household.py): Wren, with records
in all four systems, and Robin, who shares Wren's family name, address and phone. What
Wren receives is checked against the counts written out where the records were seeded,
against the database queried through each record model's own link to the person (not
packages.py), and searched for every value only Robin's rows hold."""

import datetime
import json
import re
from collections import Counter

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.utils import timezone

from access_requests.models import PrivacyActRequest
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
from .steps import (
    ADMIN,
    Staff,
    counted,
    downloaded,
    move,
    package_text,
    read_for,
    rows_about,
    search_and_decide,
    send_letter,
    take_up,
    web_request,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture(autouse=True)
def one_session_for_weeks(settings):
    """These walks move the service's clock on by weeks while the officer stays signed
    in; a real officer signs in each day (sessions end after SESSION_MAX_HOURS). Signing
    in is tests/signin's subject, not these walks'."""
    settings.SESSION_COOKIE_AGE = 90 * 24 * 3600


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


# Access ----------------------------------------------------------------------------------


def answered_access_request(officer, at, systems=ALL_FOUR) -> tuple:
    """Wren's access request (to all four systems unless said), from the form to the
    answer; the package downloaded from the status page. (household, request, decisions,
    files)"""
    household = build_household()
    at(FRIDAY)
    request, token = web_request("access", systems, WREN_GIVES)
    at(MONDAY)
    staff = Staff(officer)
    take_up(staff, request, officer)
    decided = search_and_decide(staff, request, household.wren)
    assert staff.post(f"{ADMIN}/{request.pk}/package/").status_code == 302
    move(staff, request, "answer")
    return household, request, decided, downloaded(token)


def held_per_system(package: dict) -> dict[str, dict[str, int]]:
    """System → kind of record → how many rows the package's JSON holds of it."""
    return {
        section["system"]: {label: len(rows) for label, rows in section["records"].items()}
        for section in package["systems"]
    }


def test_access_package_holds_every_record_of_the_requester_in_every_system(officer, at):
    household, request, _, files = answered_access_request(officer, at)
    wren = household.wren
    assert sorted(files) == ["application/json", "text/html"]
    package = json.loads(files["application/json"])
    assert [section["system"] for section in package["systems"]] == ALL_FOUR
    held = held_per_system(package)
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


def test_access_to_two_systems_holds_nothing_from_the_two_not_asked_about(officer, at):
    _, request, _, files = answered_access_request(officer, at, [MINT, USPS_820])
    package = json.loads(files["application/json"])
    held = held_per_system(package)
    assert held == {
        MINT: {"Persons": 1, "Addresses": 1, "Phone numbers": 1, "System relationships": 1,
               "Mint orders": 1, "Gift recipients": 1},
        USPS_820: {"System relationships": 1, "Mailer accounts": 1, "Mailer logons": 1},
    }  # fmt: skip
    assert counted(read_for(request)) == {
        "customers.Person": 1, "customers.Address": 1, "customers.PhoneNumber": 1,
        "customers.SystemRelationship": 2, "orders.MintOrder": 1, "orders.GiftRecipient": 1,
        "mailers.MailerAccount": 1, "mailers.MailerLogon": 1,
    }  # fmt: skip
    assert [d["recipient_name"] for d in package["accounting_of_disclosures"]] == [
        "Example Bullion Shipping LLC"
    ]
    # Wren's USPS 810.300 and 890.000 records, and their disclosure, stay out.
    not_asked = (
        "PF2026118101", "PF2026118102", "Wren asked when the stamps would arrive.", "Wren H.",
        "Example Fulfilment Inc.", USPS_810, USPS_890,
    )  # fmt: skip
    for text in package_text(files).values():
        for value in not_asked:
            assert value not in text, value


def test_no_package_before_the_search_is_done_and_every_person_found_decided(officer, at):
    build_household()
    at(FRIDAY)
    request, token = web_request("access", [USPS_810, USPS_820], WREN_GIVES)
    at(MONDAY)
    staff = Staff(officer)
    take_up(staff, request, officer)
    package = f"{ADMIN}/{request.pk}/package/"
    # Not searched: a package would tell Wren no system holds anything.
    refused = staff.client.get(staff.post(package).url).content.decode()
    assert "Search the systems the request asks about first." in refused
    # Searched, with the people found still to decide.
    assert staff.post(f"{ADMIN}/{request.pk}/matches/search/").status_code == 302
    refused = staff.client.get(staff.post(package).url).content.decode()
    assert (
        "Confirm or reject every person the search found first (USPS 810.300, USPS 820.100)."
    ) in refused
    assert not request.documents.exists()
    status_page = Client().get(f"/privacy/requests/status/{token}/").content.decode()
    assert "Your records are ready" not in status_page
    assert not request.events.filter(event="package").exists()


# Notification ---------------------------------------------------------------------------


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


def test_no_notification_answer_while_a_person_found_is_undecided(officer, at):
    household = build_household()
    at(FRIDAY)
    request, _ = web_request("notification", [USPS_810, USPS_820], ROBIN_GIVES)
    at(MONDAY)
    staff = Staff(officer)
    take_up(staff, request, officer)
    assert staff.post(f"{ADMIN}/{request.pk}/matches/search/").status_code == 302
    # Robin is found in USPS 810.300 and not yet confirmed: "holds no records" would be
    # an answer nobody has made.
    assert list(request.matches.values_list("system", "person_id", "state")) == [
        (USPS_810, household.robin.pk, "candidate")
    ]
    mail.outbox.clear()
    url = f"{ADMIN}/{request.pk}/letters/new/determination/"
    staff.page(url)
    refused = staff.post(url, {**OFFICIAL, "send": "Send"})
    assert refused.status_code == 200
    assert "This determination cannot be sent: it lacks the decision." in refused.content.decode()
    assert mail.outbox == [] and not request.letters.exists()


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
