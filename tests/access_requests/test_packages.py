"""Issue 12, item 4: the package answering an access request holds every record of the
confirmed person in every system asked about, through the access layer (each read in the
audit with the request as its purpose), and nothing of anyone else's; the accounting of
disclosures without those to law enforcement; offered on the status page for a time,
each download an event."""

import datetime
import json

import pytest
from django.core import mail as django_mail
from django.test import Client
from django.utils import timezone

from access_requests import packages, workflow
from access_requests.documents import read_document
from access_requests.models import PrivacyActRequest, RequestDocument, RequestStatus
from access_requests.verification import issue_status_token
from audit.models import AccessEvent, DisclosureAccounting
from tests.retention.conftest import (
    _logon_820,
    _mailing_list_890,
    _mint_order,
    _order_810,
    person_in,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

SYSTEMS = ["mint-009", "usps-810-300", "usps-820-100", "usps-890-000"]
TODAY = datetime.date(2026, 11, 20)


def held_person():
    """A person with records in all four systems."""
    person = person_in(*SYSTEMS)
    moment = timezone.make_aware(datetime.datetime(2026, 11, 2, 9))
    records = [
        _order_810(person, TODAY),
        _logon_820(person, moment),
        _mailing_list_890(person, TODAY),
        _mint_order(person, TODAY),
    ]
    return person, records


def access_request(officer, kind="access", systems=SYSTEMS) -> PrivacyActRequest:
    request = PrivacyActRequest.objects.create(
        kind=kind, systems=list(systems), status=RequestStatus.RECEIVED
    )
    workflow.make(request, "start", actor=officer)
    workflow.make(request, "accept_identity", actor=officer, method="documents")
    return request


def read_rows(request) -> set[tuple[str, int]]:
    """Every (model, record) the audit says was read for this request's package."""
    return {
        (event.model, pk)
        for event in AccessEvent.objects.filter(
            channel="request_package", purpose=f"Privacy Act request {request.tracking_number}"
        )
        for pk in event.record_ids
    }


def test_the_package_holds_the_persons_records_and_nobody_elses(officer):
    wren, records = held_person()
    other, others = held_person()
    request = access_request(officer)
    documents = packages.prepare(request, officer, {s: [wren.pk] for s in SYSTEMS})
    assert [d.role for d in documents] == ["package_html", "package_json"]

    read = read_rows(request)
    for record in [wren, *records]:
        assert (record._meta.label, record.pk) in read
    for record in [other, *others]:
        assert (record._meta.label, record.pk) not in read
    assert {label for label, _ in read} >= {
        "customers.Person", "customers.Address", "orders.OfflineOrder",
        "mailers.MailerLogon", "marketing.MailingListSubscription", "orders.MintOrder",
    }  # fmt: skip

    document = json.loads(read_document(documents[1]).content)
    assert [s["system"] for s in document["systems"]] == SYSTEMS
    by_system = {s["system"]: s["records"] for s in document["systems"]}
    orders_810 = by_system["usps-810-300"]["Offline orders"]
    assert [o["order_number"] for o in orders_810] == [records[0].order_number]
    mint = by_system["mint-009"]["Mint orders"]
    assert [o["order_number"] for o in mint] == [records[3].order_number]
    # The person (shared by every system) appears once, in the first section.
    people = [s["records"].get("Persons", []) for s in document["systems"]]
    assert [len(p) for p in people] == [1, 0, 0, 0]
    text = json.dumps(document)
    assert other.family_name not in text and others[0].order_number not in text

    html = read_document(documents[0]).content.decode()
    assert f"Privacy Act request {request.tracking_number}" in html
    assert records[0].order_number in html and others[0].order_number not in html
    assert request.events.last().what.startswith("Package prepared: ")


def test_the_accounting_leaves_out_law_enforcement_disclosures(officer):
    wren, _ = held_person()
    common = {"person_id": wren.pk, "system": "usps-810-300", "records": {},
              "recorded_by": "test", "recipient_address": "1 Example Way"}  # fmt: skip
    DisclosureAccounting.objects.create(
        nature_and_purpose="Fulfilment of an order", routine_use="Routine use 1",
        recipient_name="Example Fulfilment Inc.", **common,
    )  # fmt: skip
    DisclosureAccounting.objects.create(
        nature_and_purpose="Investigation", routine_use="5 U.S.C. 552a(b)(7)",
        recipient_name="An investigating agency", law_enforcement=True, **common,
    )  # fmt: skip
    request = access_request(officer, kind="accounting")
    documents = packages.prepare(request, officer, {s: [wren.pk] for s in SYSTEMS})
    document = json.loads(read_document(documents[1]).content)
    assert [d["recipient_name"] for d in document["accounting_of_disclosures"]] == [
        "Example Fulfilment Inc."
    ]
    # An accounting request reads no records.
    assert all(s["records"] == {} for s in document["systems"])
    assert read_rows(request) == set()


def test_no_package_before_identity_is_accepted(officer):
    wren, _ = held_person()
    request = PrivacyActRequest.objects.create(
        kind="access", systems=SYSTEMS, status=RequestStatus.RECEIVED
    )
    with pytest.raises(packages.PackageRefused, match="Accept the requester's identity"):
        packages.prepare(request, officer, {s: [wren.pk] for s in SYSTEMS})
    assert not RequestDocument.objects.exists()
    assert read_rows(request) == set()


def test_no_person_from_a_system_the_request_does_not_ask_about(officer):
    wren, _ = held_person()
    request = access_request(officer, systems=["usps-810-300"])
    with pytest.raises(packages.PackageRefused, match="usps-820-100"):
        packages.prepare(request, officer, {"usps-820-100": [wren.pk]})
    assert not RequestDocument.objects.exists()


def test_the_requester_downloads_it_from_the_status_page_while_it_is_offered(officer):
    wren, records = held_person()
    request = access_request(officer)
    token = issue_status_token(request)
    html, as_json = packages.prepare(request, officer, {s: [wren.pk] for s in SYSTEMS})
    client = Client(REMOTE_ADDR="198.51.100.7")
    page = client.get(f"/privacy/requests/status/{token}/").content.decode()
    url = f"/privacy/requests/status/{token}/records/{as_json.pk}/"
    assert "Your records are ready" in page and url in page
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json; charset=utf-8"
    assert download["Content-Disposition"].startswith("attachment; filename=")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert records[0].order_number in download.content.decode()
    assert request.events.last().what == (
        f"Records package (JSON) #{as_json.pk} downloaded by the requester from 198.51.100.7"
    )
    # Another request's token opens none of it; nor does a guess.
    other = access_request(officer)
    other_token = issue_status_token(other)
    assert (
        client.get(f"/privacy/requests/status/{other_token}/records/{as_json.pk}/").status_code
        == 404
    )
    assert client.get(f"/privacy/requests/status/x/records/{as_json.pk}/").status_code == 404
    # After REQUEST_PACKAGE_DAYS it is no longer offered.
    RequestDocument.objects.filter(pk__in=[html.pk, as_json.pk]).update(
        received_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert client.get(url).status_code == 404
    assert (
        "Your records are ready"
        not in client.get(f"/privacy/requests/status/{token}/").content.decode()
    )


def test_from_search_to_the_requesters_download_through_the_admin(officer):
    """End to end in the admin: search, confirm the requester (not the namesake), accept
    identity, prepare the package; the requester downloads exactly their own records."""
    from access_requests.models import RequestMatch
    from tests.access_requests.matching_world import build_world, open_request

    world = build_world()
    request = open_request(
        {"name": "Ada Lovelace", "email": "ada@example.org", "logon_id": "lovelace1",
         "order_number": "MO0000019001"}
    )  # fmt: skip
    token = issue_status_token(request)
    staff = Client()
    staff.force_login(officer)
    base = f"/admin/access_requests/privacyactrequest/{request.pk}"
    assert staff.post(f"{base}/matches/search/").status_code == 302
    candidates = RequestMatch.objects.filter(request=request)
    assert {m.person_id for m in candidates} >= {world.ada.pk}
    for match in candidates:
        verb = "confirm" if match.person_id == world.ada.pk else "reject"
        assert staff.post(f"{base}/matches/{match.pk}/{verb}/").status_code == 302
    # Not before identity is accepted.
    staff.post(f"{base}/package/")
    assert not packages.offered(request)
    workflow.make(request, "start", actor=officer)
    workflow.make(request, "accept_identity", actor=officer, method="known_account")
    assert staff.post(f"{base}/package/").status_code == 302
    (_, as_json) = sorted(packages.offered(request), key=lambda d: d.role)
    download = Client().get(f"/privacy/requests/status/{token}/records/{as_json.pk}/")
    text = download.content.decode()
    assert "MO0000019001" in text and "PF0000018101" in text
    assert "MO0000029001" not in text and "PF0000028101" not in text


def test_a_download_link_of_a_replaced_status_link_no_longer_works(officer):
    """The requester asked for a new status link (theirs may have leaked): the old link's
    package addresses stop working with it; the new link's work."""
    wren, records = held_person()
    request = access_request(officer)
    request.requester_email = "wren@example.org"
    request.save()
    token = issue_status_token(request)
    _, as_json = packages.prepare(request, officer, {s: [wren.pk] for s in SYSTEMS})
    client = Client()
    old_url = f"/privacy/requests/status/{token}/records/{as_json.pk}/"
    assert client.get(old_url).status_code == 200
    client.post(f"/privacy/requests/status/{token}/")  # "E-mail me a new link"
    assert client.get(old_url).status_code == 404
    [mail] = [m for m in django_mail.outbox if "/privacy/requests/status/" in m.body]
    new_token = mail.body.split("/privacy/requests/status/")[1].split("/")[0]
    new_url = f"/privacy/requests/status/{new_token}/records/{as_json.pk}/"
    assert records[0].order_number in client.get(new_url).content.decode()
