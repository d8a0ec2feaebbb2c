"""Issue 11, items 2, 3 and 6: the public request form, e-mail verification and the
private status page, tried as a member of the public and as someone abusing them."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from access_requests.documents import read_document
from access_requests.models import (
    PrivacyActRequest,
    RequestDocument,
    RequestEvent,
    RequestStatus,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

NEW = "/privacy/requests/new/"
SENT = "/privacy/requests/sent/"

# A 1×1 PNG and a minimal PDF, written out so the tests depend on no image library.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def today() -> str:
    return timezone.localdate().isoformat()


def submission(**overrides) -> dict:
    """A complete access request to USPS 810.300, as the form posts it."""
    data = {
        "kind": "access",
        "systems": ["usps-810-300"],
        "requester_name": "Wren Example",
        "requester_email": "wren@example.org",
        "requester_phone": "",
        "requester_address": "",
        "id_order_number": "81030012345",
        "description": "",
        "on_behalf_of": "",
        "declared_name": "Wren Example",
        "declared_on": today(),
        "declaration": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link_in(message) -> str:
    (link,) = re.findall(r"http://testserver(/\S+)", message.body)
    return link


def verify_by_link(client: Client, message) -> str:
    """Follow the link in a verification e-mail and confirm; returns the status page path."""
    link = link_in(message)
    page = client.get(link)
    assert page.status_code == 200
    assert b"Confirm my request" in page.content
    response = client.post(link)
    assert response.status_code == 302
    return response["Location"]


# Step 1 and step 2 ---------------------------------------------------------------------


def test_step_one_offers_the_four_kinds_and_the_systems(client):
    page = client.get(NEW).content.decode()
    for words in (
        "Find out whether a system holds records about me",
        "Get a copy of my records",
        "Correct a record about me that is wrong",
        "Find out who my records were given to",
        "All systems listed here",
        "USPS 810.300 Offline Registration, Payment, and Fulfillment",
        "Treasury/United States Mint .009 Order Management System",
    ):
        assert words in page


def test_step_two_asks_only_for_what_the_chosen_systems_retrieve_by(client):
    page = client.get(NEW, {"kind": "access", "systems": "usps-820-100"}).content.decode()
    fields = set(re.findall(r'name="(id_\w+)"', page))
    # USPS 820.100 retrieves by name, customer ID and logon ID (its retrievability).
    assert fields == {"id_customer_id", "id_logon_id"}


def test_all_systems_asks_for_every_identifier_a_requester_can_know(client):
    page = client.get(NEW, {"kind": "notification", "systems": "all"}).content.decode()
    fields = set(re.findall(r'name="(id_\w+)"', page))
    assert fields == {
        "id_customer_id", "id_order_number", "id_logon_id", "id_company_name",
        "id_meeting_id", "id_host_name", "id_host_email", "id_organizer_name",
        "id_customer_number", "id_order_date", "id_shipment_tracking_number",
    }  # fmt: skip
    systems = re.findall(r'name="systems" value="([\w-]+)"', page)
    assert systems == ["mint-009", "usps-810-300", "usps-820-100", "usps-890-000"]


def test_step_one_without_a_choice_says_what_is_missing(client):
    page = client.get(NEW, {"kind": "access"})
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()
    assert 'href="#id_systems_0"' in page.content.decode()


# Each kind of request -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["notification", "access", "accounting"])
def test_each_kind_is_taken_and_waits_for_verification(client, kind):
    response = client.post(NEW, submission(kind=kind, description="Orders from 2024"))
    assert response.status_code == 302 and response["Location"] == SENT
    request = PrivacyActRequest.objects.get()
    assert (request.kind, request.channel, request.status) == (kind, "web", "unverified")
    assert request.systems == ["usps-810-300"]
    assert request.requester_email == "wren@example.org"
    assert request.description == "Orders from 2024"
    assert request.declared_on == timezone.localdate()
    assert request not in PrivacyActRequest.objects.pending()
    (message,) = mail.outbox
    assert message.to == ["wren@example.org"]
    assert message.subject == "Confirm your Privacy Act request"
    assert "/privacy/requests/verify/" in message.body
    # The e-mail carries a link, never what the request says.
    assert "81030012345" not in message.body and "Wren" not in message.body


def test_an_amendment_says_which_record_what_is_wrong_and_what_it_should_say(client):
    page = client.get(NEW, {"kind": "amendment", "systems": "usps-810-300"}).content.decode()
    assert 'name="amend_record"' in page and 'name="description"' not in page
    data = submission(
        kind="amendment",
        amend_record="Order 81030012345",
        amend_wrong="The delivery address is my old one",
        amend_should_say="1 New Street, Springfield, IL 62701",
    )
    assert client.post(NEW, data).status_code == 302
    request = PrivacyActRequest.objects.get()
    assert request.kind == "amendment"
    assert request.description == (
        "Which record: Order 81030012345\n\nWhat is wrong: The delivery address is my old one"
        "\n\nWhat it should say: 1 New Street, Springfield, IL 62701"
    )


def test_an_amendment_without_its_three_answers_is_refused(client):
    response = client.post(NEW, submission(kind="amendment"))
    assert response.status_code == 400
    page = response.content.decode()
    for field in ("amend_record", "amend_wrong", "amend_should_say"):
        assert f'href="#id_{field}"' in page
    assert not PrivacyActRequest.objects.exists()


# Verification and the status page ---------------------------------------------------------


def test_verification_gives_a_tracking_number_and_a_private_status_page(client):
    client.post(NEW, submission())
    status_path = verify_by_link(client, mail.outbox[0])
    request = PrivacyActRequest.objects.get()
    assert request.status == RequestStatus.RECEIVED and request.verified_at is not None
    assert request in PrivacyActRequest.objects.pending()
    assert re.fullmatch(r"/privacy/requests/status/[\w-]{43}/", status_path)
    page = client.get(status_path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert request.tracking_number in text
    assert "Access to records (552a(d)(1))" in text
    assert "USPS 810.300 Offline Registration, Payment, and Fulfillment" in text
    assert "Received" in text
    # USPS: acknowledged within 10 working days of receipt.
    assert "the Postal Service must acknowledge your request by" in text.replace(
        "The Postal", "the Postal"
    )
    # The second e-mail carries the tracking number and the status link.
    message = mail.outbox[1]
    assert request.tracking_number in message.subject
    assert link_in(message) == status_path
    history = [e.event for e in RequestEvent.objects.filter(request=request)]
    assert history == ["received", "verified", "status_link"]


def test_status_page_due_date_counts_working_days(client):
    # Received on Friday 20 November 2026: ten working days, skipping Thanksgiving
    # (26 November) and two weekends, end on Monday 7 December 2026.
    client.post(NEW, submission())
    status_path = verify_by_link(client, mail.outbox[0])
    request = PrivacyActRequest.objects.get()
    request.received_at = timezone.make_aware(datetime.datetime(2026, 11, 20, 10))
    request.save(update_fields=["received_at"])
    assert "December 7, 2026" in client.get(status_path).content.decode()


def test_mint_request_shows_the_mints_30_working_day_decision(client):
    data = submission(systems=["mint-009"], id_order_number="", id_customer_number="M-5512")
    client.post(NEW, data)
    status_path = verify_by_link(client, mail.outbox[0])
    request = PrivacyActRequest.objects.get()
    request.received_at = timezone.make_aware(datetime.datetime(2026, 11, 20, 10))
    request.save(update_fields=["received_at"])
    text = client.get(status_path).content.decode()
    # 30 working days from 20 November 2026, skipping weekends, Thanksgiving (26 November),
    # Christmas Day and New Year's Day 2027.
    assert "decide whether to grant access by <strong>January 6, 2027</strong>" in text


def test_a_verification_link_works_once(client):
    client.post(NEW, submission())
    link = link_in(mail.outbox[0])
    verify_by_link(client, mail.outbox[0])
    again = client.post(link)
    assert again.status_code == 400
    assert "This link does not work" in again.content.decode()
    assert PrivacyActRequest.objects.get().status == RequestStatus.RECEIVED


def test_opening_a_verification_link_does_not_verify(client):
    # Mail filters open links; only the button does.
    client.post(NEW, submission())
    client.get(link_in(mail.outbox[0]))
    assert PrivacyActRequest.objects.get().status == RequestStatus.UNVERIFIED


def test_an_altered_verification_link_is_refused(client):
    client.post(NEW, submission())
    link = link_in(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    payload = signing.loads(token, salt="access_requests.verify")
    forged = signing.dumps({"r": payload["r"], "n": "0" * 32}, salt="access_requests.verify")
    for bad in (link[:-3] + "xx/", f"/privacy/requests/verify/{forged}/"):
        response = client.post(bad)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert PrivacyActRequest.objects.get().status == RequestStatus.UNVERIFIED


def test_an_expired_verification_link_is_refused(client, monkeypatch, settings):
    settings.REQUEST_VERIFICATION_HOURS = 72
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 73 * 3600)
    client.post(NEW, submission())
    monkeypatch.setattr(signing.time, "time", real_time)
    response = client.post(link_in(mail.outbox[0]))
    assert response.status_code == 400
    assert PrivacyActRequest.objects.get().status == RequestStatus.UNVERIFIED


def test_a_tampered_status_token_opens_nothing(client):
    client.post(NEW, submission())
    status_path = verify_by_link(client, mail.outbox[0])
    for bad in (status_path[:-4] + "AAA/", "/privacy/requests/status/x/", status_path.upper()):
        page = client.get(bad)
        assert page.status_code == 404
        assert PrivacyActRequest.objects.get().tracking_number not in page.content.decode()


def test_a_new_status_link_revokes_the_old_one(client):
    client.post(NEW, submission())
    old = verify_by_link(client, mail.outbox[0])
    response = client.post(old)
    assert response.status_code == 200 and "New link sent" in response.content.decode()
    new = link_in(mail.outbox[-1])
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_the_status_page_shows_what_the_office_needs(client):
    client.post(NEW, submission())
    status_path = verify_by_link(client, mail.outbox[0])
    request = PrivacyActRequest.objects.get()
    request.asked_of_requester = "Please send a copy of a receipt for order 81030012345."
    request.save()
    text = client.get(status_path).content.decode()
    assert "We need something from you" in text
    assert "Please send a copy of a receipt for order 81030012345." in text


# Consent for a request made for someone else --------------------------------------------


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(("name", "content"), [("consent.pdf", PDF), ("consent.png", PNG)])
def test_a_consent_is_kept_encrypted_under_the_requests_key(client, name, content):
    data = submission(on_behalf_of="Ash Example", consent=upload(name, content))
    assert client.post(NEW, data).status_code == 302
    (document,) = RequestDocument.objects.all()
    assert document.role == "consent" and document.size == len(content)
    assert content not in bytes(document.sealed_content)
    read = read_document(document)
    assert (read.name, read.content) == (name, content)
    request = document.request
    assert request.on_behalf_of == "Ash Example"
    # Destroyed with the request.
    request.delete()
    assert not RequestDocument.objects.exists()


# Bad input: a clear message linked to its field, nothing saved --------------------------

BAD_INPUT = [
    # USPS 820.100 retrieves by customer ID or logon ID; the name alone finds no one.
    (
        {"systems": ["usps-820-100"], "id_order_number": None},
        "systems",
        "USPS 820.100 Mailer Services — Applications and Approvals: give at least one of: "
        "customer ID, logon ID.",
    ),
    (
        {"requester_email": "wren@@example"},
        "requester_email",
        "Enter an e-mail address like name@example.org.",
    ),
    ({"requester_email": ""}, "requester_email", "Enter your e-mail address."),
    ({"declaration": None}, "declaration", "Tick the box to make the declaration."),
    ({"declared_name": ""}, "declared_name", "Type your full name to sign."),
    (
        {"declared_name": "Someone Else"},
        "declared_name",
        "Type the same name as your full name above.",
    ),
    (
        {"declared_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
        "declared_on",
        "This date is in the future.",
    ),
    ({"declared_on": "31/02/2026"}, "declared_on", "Date: enter a real date."),
    (
        {"on_behalf_of": "Ash Example"},
        "consent",
        "Upload the signed consent of the person you ask for.",
    ),
    (
        {"requester_name": "W" * 201},
        "requester_name",
        "Your full name: at most 200 characters (it has 201).",
    ),
    (
        {"description": "x" * 2001},
        "description",
        "Anything else that helps us find your records: at most 2000 characters (it has 2001).",
    ),
    (
        {"id_order_number": "9" * 201},
        "id_order_number",
        "Order number: at most 200 characters (it has 201).",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUT)
def test_bad_input_is_refused_in_the_error_summary(client, overrides, field, message):
    response = client.post(NEW, submission(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('id="error-summary-heading"', 1)[1].split("</ul>", 1)[0]
    anchor = "#identifiers" if field == "systems" else f"#id_{field}"
    assert re.search(
        rf'<a class="usa-link" href="{anchor}">{re.escape(message)}', summary.replace("&#x27;", "'")
    ), summary
    assert "<title>Error:" in page
    assert not PrivacyActRequest.objects.exists()
    assert not mail.outbox


BAD_FILES = [
    ("consent.pdf", b"<html><script>alert(1)</script></html>", "is not a PDF, PNG or JPEG"),
    ("consent.pdf", b"MZ\x90\x00" + b"\x00" * 200, "is not a PDF, PNG or JPEG"),
    ("consent.png", b"GIF89a" + b"\x00" * 50, "is not a PDF, PNG or JPEG"),
    ("consent.pdf", b"", "The submitted file is empty."),
    ("consent.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "the most a file may be is 10.0"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_a_bad_upload_is_refused_and_nothing_is_saved(client, name, content, message):
    data = submission(on_behalf_of="Ash Example", consent=upload(name, content))
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'href="#id_consent"' in response.content.decode()
    assert not PrivacyActRequest.objects.exists()
    assert not RequestDocument.objects.exists()


def test_a_body_far_too_big_is_refused_before_it_is_read(client):
    data = submission(
        on_behalf_of="Ash Example", consent=upload("big.pdf", b"%PDF" + b"0" * (12 * 1024 * 1024))
    )
    response = client.post(NEW, data)
    assert response.status_code == 413
    assert "at most 10 MB" in response.content.decode()
    assert not PrivacyActRequest.objects.exists()


def test_a_consent_without_a_name_asks_whose_it_is(client):
    response = client.post(NEW, submission(consent=upload("consent.pdf", PDF)))
    assert response.status_code == 400
    assert "Give the name of the person whose consent this is." in response.content.decode()


def test_changed_hidden_fields_start_again(client):
    response = client.post(NEW, submission(kind="everything", systems=["no-such-system"]))
    assert response.status_code == 400
    assert not PrivacyActRequest.objects.exists()


# Abuse ----------------------------------------------------------------------------------


def test_the_honeypot_stores_nothing_and_sends_nothing(client):
    response = client.post(NEW, submission(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == SENT
    assert not PrivacyActRequest.objects.exists()
    assert not mail.outbox


def test_csrf_is_required():
    client = Client(enforce_csrf_checks=True)
    response = client.post(NEW, submission())
    assert response.status_code == 403
    assert not PrivacyActRequest.objects.exists()


def test_rate_limit_per_email_address(client, settings):
    settings.REQUEST_RATE_PER_EMAIL = "3/h"
    settings.REQUEST_RATE_PER_ADDRESS = "100/h"
    for n in range(3):
        data = submission(description=f"Request {n}", requester_email="WREN@example.org")
        assert client.post(NEW, data).status_code == 302
    fourth = client.post(NEW, submission(description="Request 4"))
    assert fourth.status_code == 429
    assert "Too many requests" in fourth.content.decode()
    assert PrivacyActRequest.objects.count() == 3
    # Another address from the same client is still taken.
    other = submission(requester_email="ash@example.org", requester_name="Ash Example",
                       declared_name="Ash Example")  # fmt: skip
    assert client.post(NEW, other).status_code == 302


def test_rate_limit_per_client_address(client, settings):
    settings.REQUEST_RATE_PER_EMAIL = "100/h"
    settings.REQUEST_RATE_PER_ADDRESS = "2/h"
    for n in range(2):
        assert client.post(NEW, submission(requester_email=f"p{n}@example.org")).status_code == 302
    assert client.post(NEW, submission(requester_email="p3@example.org")).status_code == 429
    assert PrivacyActRequest.objects.count() == 2
    # Another client address is still served.
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert other.post(NEW, submission(requester_email="p4@example.org")).status_code == 302


def test_the_same_request_twice_in_a_day_is_one_request(client):
    client.post(NEW, submission())
    client.post(NEW, submission(requester_name="  wren   example ", declared_name="Wren Example"))
    request = PrivacyActRequest.objects.get()
    assert [e.event for e in request.events.all()] == ["received", "resubmitted"]
    # Each submission gets the same answer and an e-mail; the second link still works.
    assert len(mail.outbox) == 2
    verify_by_link(client, mail.outbox[1])
    assert PrivacyActRequest.objects.get().status == RequestStatus.RECEIVED


def test_the_same_request_after_verification_offers_a_new_status_link(client):
    client.post(NEW, submission())
    old = verify_by_link(client, mail.outbox[0])
    response = client.post(NEW, submission())
    assert response["Location"] == SENT
    assert PrivacyActRequest.objects.count() == 1
    message = mail.outbox[-1]
    assert "We received the same Privacy Act request" in message.body
    # The link the requester has keeps working until they take the offer.
    assert client.get(old).status_code == 200
    offer = link_in(message)
    assert offer.startswith("/privacy/requests/new-link/")
    assert client.get(offer).status_code == 200  # a page with a button; nothing changes
    assert client.get(old).status_code == 200
    taken = client.post(offer)
    assert taken.status_code == 302
    assert client.get(old).status_code == 404
    assert client.get(taken["Location"]).status_code == 200
    assert link_in(mail.outbox[-1]) == taken["Location"]
    # An offer works once.
    again = client.post(offer)
    assert again.status_code == 400 and "This link does not work" in again.content.decode()


def test_a_different_request_is_not_joined(client):
    client.post(NEW, submission())
    client.post(NEW, submission(kind="accounting"))
    assert PrivacyActRequest.objects.count() == 2
