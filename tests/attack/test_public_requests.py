"""Attacks on the public side of Privacy Act requests (issue 11): the two-step form, e-mail
verification, the status page, the FOIA.gov receiver and the admin's intake, tried as a
stranger, a bot, a careless portal and every staff role but the privacy officer.

Each test states what must hold. Tests of holes that were found and fixed say so in their
docstring ("Hole: ..."); the others record attacks that did not get through."""

import base64
import copy
import json
import re

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client

from access_requests.models import (
    FoiaComponent,
    PrivacyActRequest,
    RequestDocument,
)
from access_requests.verification import VERIFY_SALT
from sorn.constants import Role
from tests.access_requests.files import tiny_pdf
from tests.access_requests.test_foia_api import EXAMPLE, SECRET
from tests.access_requests.test_public_form import (
    NEW,
    PDF,
    SENT,
    link_in,
    submission,
    upload,
    verify_by_link,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

FOIA_URL = "/api/foia/v1/components/{}/requests/"
FOIA_PDF = tiny_pdf("FOIA.gov request")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def stored() -> tuple[int, int]:
    return PrivacyActRequest.objects.count(), RequestDocument.objects.count()


# Rate limits ----------------------------------------------------------------------------


def test_behind_a_trusted_proxy_each_client_has_its_own_address_limit(settings):
    """Hole: the per-address limit keyed on REMOTE_ADDR, which behind the reverse proxy
    named in TRUSTED_PROXIES is the proxy's own address for every client: the whole
    internet shared one bucket of REQUEST_RATE_PER_ADDRESS submissions an hour, and one
    stranger sending ten requests stopped everyone else from making one. Expected: the
    limit counts the client's address as audit.reads.client_address finds it."""
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.REQUEST_RATE_PER_ADDRESS = "2/h"
    settings.REQUEST_RATE_PER_EMAIL = "100/h"
    abuser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for n in range(2):
        assert abuser.post(NEW, submission(requester_email=f"a{n}@example.org")).status_code == 302
    assert abuser.post(NEW, submission(requester_email="a3@example.org")).status_code == 429
    someone = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert someone.post(NEW, submission(requester_email="b@example.org")).status_code == 302


def test_a_forged_x_forwarded_for_does_not_escape_the_address_limit(settings):
    """Attack that failed: X-Forwarded-For from a client that is not a trusted proxy is
    ignored (a new forged address on every submission changes nothing)."""
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.REQUEST_RATE_PER_ADDRESS = "2/h"
    settings.REQUEST_RATE_PER_EMAIL = "100/h"
    for n in range(3):
        client = Client(REMOTE_ADDR="192.0.2.5", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        response = client.post(NEW, submission(requester_email=f"x{n}@example.org"))
    assert response.status_code == 429
    assert PrivacyActRequest.objects.count() == 2


def test_a_forwarded_address_that_is_not_an_address_is_no_500(settings):
    """A trusted proxy passing on garbage is counted by the proxy's own address."""
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client.post(NEW, submission()).status_code == 302


def test_ipv6_addresses_of_one_network_share_the_address_limit(settings):
    """Attack that failed: rotating through the 2**64 addresses of one IPv6 /64."""
    settings.REQUEST_RATE_PER_ADDRESS = "2/h"
    settings.REQUEST_RATE_PER_EMAIL = "100/h"
    for n in range(3):
        client = Client(REMOTE_ADDR=f"2001:db8::{n + 1:x}")
        response = client.post(NEW, submission(requester_email=f"v6{n}@example.org"))
    assert response.status_code == 429


@pytest.mark.parametrize(
    "spellings",
    [
        ["victim+1@example.org", "victim+2@example.org", "victim+3@example.org",
         "Victim+4@Example.org"],
        ["victim@example.org", "VICTIM@EXAMPLE.ORG", "Victim@Example.Org",
         "victim+x@example.org"],
        ["vic.tim@gmail.com", "v.i.c.t.i.m@gmail.com", "victim@googlemail.com",
         "VicTim+a@gmail.com"],
    ],
    ids=["plus-addressing", "case-and-tag", "gmail-dots"],
)  # fmt: skip
def test_spellings_of_one_mailbox_share_the_e_mail_limit(settings, spellings):
    """Hole: the per-e-mail limit (which stops the form being used to bomb someone's
    mailbox with verification e-mails) keyed on the address only case-folded, so
    victim+1@, victim+2@ ... (each delivered to victim@) each had their own allowance.
    Expected: the fourth submission for one mailbox within the hour is refused, however
    the address is spelled."""
    settings.REQUEST_RATE_PER_EMAIL = "3/h"
    settings.REQUEST_RATE_PER_ADDRESS = "100/h"
    answers = []
    for n, email in enumerate(spellings):
        data = submission(requester_email=email, description=f"Request {n}")
        answers.append(Client().post(NEW, data).status_code)
    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


# Bad input: clear refusal, nothing stored -------------------------------------------------


@pytest.mark.parametrize("length", ["abc", "-1", "1e9", " "])
def test_a_content_length_that_is_not_a_size_is_no_500(client, length):
    """Hole: the form's size check did int(CONTENT_LENGTH) unguarded: a request with
    "Content-Length: abc" (a test client, a proxy that lets it through) was a 500 with
    a stack trace. Expected: refused plainly, nothing stored."""
    response = client.post(NEW, submission(), CONTENT_LENGTH=length)
    assert response.status_code in (400, 413)
    assert stored() == (0, 0)


@pytest.mark.parametrize(
    "field",
    ["requester_name", "requester_email", "requester_phone", "requester_address",
     "id_order_number", "description", "declared_name", "on_behalf_of"],
)  # fmt: skip
@pytest.mark.parametrize("bad", ["\x00", "A" * 100_000])
def test_null_bytes_and_huge_values_are_refused_in_every_field(client, field, bad):
    value = (submission()[field] or "x") + bad
    response = client.post(NEW, submission(**{field: value}))
    assert response.status_code in (400, 413)
    assert stored() == (0, 0)
    assert not mail.outbox


def test_control_characters_in_the_name_do_not_reach_an_e_mail_header(client):
    """Attack that failed: the name is never put in an e-mail; an address with a line
    break is not an address."""
    client.post(NEW, submission(requester_name="Wren\r\nBcc: evil@example.net",
                                declared_name="Wren\r\nBcc: evil@example.net"))  # fmt: skip
    bad = client.post(NEW, submission(requester_email="wren@example.org\r\nBcc: evil@example.net"))
    assert bad.status_code == 400
    for message in mail.outbox:
        assert message.to == ["wren@example.org"] and not message.bcc
        assert "evil" not in str(message.message())


def test_a_system_repeated_in_the_hidden_field_is_one_system(client):
    """Hole: step 2 took its systems from the posted hidden field as they came, so
    systems=usps-810-300 twice stored ["usps-810-300", "usps-810-300"] (and a different
    submission digest, escaping the join of duplicates). Expected: the systems as step 1
    cleans them, each once."""
    client.post(NEW, submission(systems=["usps-810-300", "usps-810-300"]))
    assert PrivacyActRequest.objects.get().systems == ["usps-810-300"]
    client.post(NEW, submission())
    assert PrivacyActRequest.objects.count() == 1


def test_a_kind_changed_in_step_2_gets_that_kinds_own_questions(client):
    """Attack that failed: changing the hidden kind to amendment without its three
    answers is refused (step 2's fields follow the kind posted, not the page shown)."""
    response = client.post(NEW, submission(kind="amendment"))
    assert response.status_code == 400
    assert stored() == (0, 0)


def test_multiple_values_for_one_field_take_one_consistently(client, settings):
    """Attack that failed: two e-mail addresses in one submission. The form and the
    per-e-mail limit read the same (last) one; the mail goes to that one only."""
    settings.REQUEST_RATE_PER_EMAIL = "1/h"
    data = submission()
    data["requester_email"] = ["other@example.org", "wren@example.org"]
    assert client.post(NEW, data).status_code == 302
    assert PrivacyActRequest.objects.get().requester_email == "wren@example.org"
    assert [m.to for m in mail.outbox] == [["wren@example.org"]]
    again = submission(description="another")
    again["requester_email"] = ["wren@example.org", "third@example.org"]
    client.post(NEW, again)
    assert client.post(NEW, submission(description="a third")).status_code == 429


def test_a_polyglot_upload_is_stored_as_the_type_its_content_starts_with(client):
    """Attack noted: a file starting %PDF with HTML and script after is taken as a PDF
    (the type is from the first bytes). Stored encrypted, typed application/pdf, and no
    page serves documents back, so nothing sniffs it as HTML."""
    polyglot = PDF + b"<html><script>alert(1)</script></html>"
    client.post(NEW, submission(on_behalf_of="Ash Example",
                                consent=upload("../../etc/x.html", polyglot)))  # fmt: skip
    document = RequestDocument.objects.get()
    assert document.content_type == "application/pdf"
    assert b"<script>" not in bytes(document.sealed_content)


# Verification links and status tokens -------------------------------------------------------


def test_a_verification_link_of_one_request_verifies_no_other(client):
    client.post(NEW, submission())
    client.post(NEW, submission(kind="accounting"))
    first, second = PrivacyActRequest.objects.order_by("pk")
    forged = signing.dumps({"r": second.pk, "n": first.verification_nonce}, salt=VERIFY_SALT)
    assert client.post(f"/privacy/requests/verify/{forged}/").status_code == 400
    unsalted = signing.dumps({"r": second.pk, "n": second.verification_nonce})
    assert client.post(f"/privacy/requests/verify/{unsalted}/").status_code == 400
    assert set(PrivacyActRequest.objects.values_list("status", flat=True)) == {"unverified"}


def test_a_replayed_verification_does_not_issue_a_second_status_link(client):
    client.post(NEW, submission())
    link = link_in(mail.outbox[0])
    first = client.post(link)
    assert first.status_code == 302
    assert client.post(link).status_code == 400
    assert client.get(first["Location"]).status_code == 200  # the first link still works


def test_a_status_token_opens_only_its_own_request(client):
    client.post(NEW, submission())
    client.post(NEW, submission(requester_email="ash@example.org", requester_name="Ash Example",
                                declared_name="Ash Example"))  # fmt: skip
    wren = verify_by_link(client, mail.outbox[0])
    ash = verify_by_link(client, mail.outbox[1])
    a, b = PrivacyActRequest.objects.order_by("pk")
    assert a.tracking_number in client.get(wren).content.decode()
    assert b.tracking_number not in client.get(wren).content.decode()
    assert a.tracking_number not in client.get(ash).content.decode()
    for token in ("", "x" * 101, a.status_token_hash, "%00"):
        assert client.get(f"/privacy/requests/status/{token}/").status_code == 404


def test_the_status_page_escapes_what_staff_write(client):
    client.post(NEW, submission())
    status = verify_by_link(client, mail.outbox[0])
    request = PrivacyActRequest.objects.get()
    request.asked_of_requester = '<script>alert("x")</script>\nline two'
    request.save()
    page = client.get(status).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_a_stranger_resubmitting_learns_nothing_and_mails_only_the_requester(client):
    """Attack that failed: a stranger who knows a victim's address and request sends it
    again. The answer is the same "check your e-mail" page, names no tracking number,
    and the only mail goes to the address the victim verified."""
    client.post(NEW, submission())
    verify_by_link(client, mail.outbox[0])
    tracking = PrivacyActRequest.objects.get().tracking_number
    stranger = Client(REMOTE_ADDR="198.51.100.99")
    response = stranger.post(NEW, submission(requester_email="WREN@example.org"), follow=True)
    assert tracking not in response.content.decode()
    assert response.redirect_chain == [(SENT, 302)]
    assert {tuple(m.to) for m in mail.outbox} == {("wren@example.org",)}


def test_a_stranger_resubmitting_does_not_stop_the_victims_status_link(client):
    """Anyone who knows a victim's e-mail address and what the victim asked (name, kind,
    systems, identifiers, words) could, by sending the same request again, make the
    victim's status page link stop working. The link works until its holder asks for a
    new one, or takes the offer of one mailed to the verified address."""
    client.post(NEW, submission())
    victims_link = verify_by_link(client, mail.outbox[0])
    Client(REMOTE_ADDR="198.51.100.99").post(NEW, submission())
    assert client.get(victims_link).status_code == 200


# FOIA.gov receiver ------------------------------------------------------------------------


@pytest.fixture
def component(settings):
    settings.FOIA_API_SECRET = SECRET
    return FoiaComponent.objects.create(number=1, name="Office", agency="USPS",
                                        systems=["usps-810-300"])  # fmt: skip


def foia(client, payload, *, number=1, **headers):
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload)
    return client.post(
        FOIA_URL.format(number),
        body,
        content_type="application/json",
        headers={"FOIA-API-SECRET": SECRET, **headers},
    )


def foia_payload(**changes) -> dict:
    payload = copy.deepcopy(EXAMPLE)
    payload.update(changes)
    return payload


def assert_refused(response, status=400):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "message", "description"} and body["code"] == str(status)
    assert stored() == (0, 0)


@pytest.mark.parametrize(
    "raw",
    [
        '{"request_id": 1, "request_description": "\\ud800"}',
        None,  # filled in below: the example with a lone surrogate in each kind of place
    ],
)
def test_foia_lone_surrogates_are_400_not_500(client, component, raw):
    """Hole: JSON may carry a lone UTF-16 surrogate ("\\ud800"), which Python decodes
    into a str that cannot be encoded to UTF-8; the name, description or a file name
    holding one reached encryption and failed there: a 500 ("internal error") where
    the spec asks for a 400 naming what was wrong. Expected: 400, nothing stored."""
    payloads = (
        [raw]
        if raw
        else [
            foia_payload(name_first="Geo\ud800rge"),
            foia_payload(request_description="records \udfff please"),
            foia_payload(pdf={**EXAMPLE["pdf"], "filename": "req\ud83d.pdf"}),
            foia_payload(custom_field="\ud800"),
        ]
    )
    for payload in payloads:
        body = payload if isinstance(payload, str) else json.dumps(payload)
        assert_refused(foia(client, body))


@pytest.mark.parametrize(
    "request_id",
    [None, "", True, False, 1.5, "1.5", "12a", " 12", "-", [1534], {"id": 1534}, "1" * 65,
     10**70, "\u0661\u0665\u0663\u0664", "\u00b2", "NaN", -7, "-7", 0],
    ids=repr,
)  # fmt: skip
def test_foia_request_id_of_a_wrong_type_is_refused(client, component, request_id):
    """Hole (part): "١٥٣٤" (Arabic-Indic digits) and "²" passed str.isdigit() and were
    stored as request ids; a negative or zero id was taken too. Expected: request_id a
    positive integer (as a JSON number or a string of ASCII digits), else 400."""
    payload = foia_payload(request_id=request_id)
    if request_id is None:
        payload.pop("request_id")
    assert_refused(foia(client, payload))


def test_foia_request_id_written_differently_is_the_same_request(client, component):
    """Hole: idempotency compared the request_id as the text sent, so 1534, "1534" and
    "01534" (the same integer) stored up to three requests for one portal request.
    Expected: one request, every delivery answered with it."""
    answers = [
        foia(client, foia_payload(request_id=value)).json()
        for value in (1534, "1534", "01534", "0001534")
    ]
    assert len({a["status_tracking_number"] for a in answers}) == 1
    assert PrivacyActRequest.objects.get().foia_request_id == "1534"


@pytest.mark.parametrize(
    ("name", "value"),
    [("request_description", 5), ("request_description", ["a"]), ("email", {"a": 1}),
     ("name_first", True), ("testing", "false"), ("testing", 0), ("testing", None),
     ("pdf", "JVBERi0="), ("pdf", []), ("pdf", {"filename": 1, "filedata": "x"}),
     ("pdf", {"filename": "a.pdf", "filedata": "!!!"}),
     ("pdf", {"filename": "a.pdf", "filedata": base64.b64encode(b"MZ\x90\x00").decode()}),
     ("attachments_supporting_documentation", {"filename": "a"}),
     ("attachments_supporting_documentation", ["x"]),
     ("version", 1.1), ("request_description", "x" * 10_001)],
    ids=repr,
)  # fmt: skip
def test_foia_fields_of_a_wrong_type_are_refused(client, component, name, value):
    assert_refused(foia(client, foia_payload(**{name: value})))


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"null",
        b"[]",
        b'"x"',
        b"1" * 5000,
        b"[" * 100_000,
        b"\xff\xfe{",
        b'{"a":NaN}',
        b'{"request_id": 1e999}',
    ],
    ids=lambda raw: repr(raw[:12]),
)
def test_foia_bodies_that_are_not_a_delivery_are_refused(client, component, raw):
    assert_refused(foia(client, raw))


def test_foia_secret_only_in_its_header(client, component):
    response = client.post(
        FOIA_URL.format(1) + f"?FOIA-API-SECRET={SECRET}",
        json.dumps(EXAMPLE),
        content_type="application/json",
    )
    assert response.status_code == 401
    assert stored() == (0, 0)


@pytest.mark.parametrize("length", ["abc", "-5", str(10**30)])
def test_foia_content_length_lies_are_413(client, component, length):
    assert_refused(foia(client, EXAMPLE, CONTENT_LENGTH=length), status=413)


@pytest.mark.parametrize("number", ["0", "999999999", "000000001"])
def test_foia_odd_component_numbers(client, component, number):
    response = foia(client, EXAMPLE, number=number)
    if number == "000000001":
        assert response.status_code == 200
    else:
        assert_refused(response, status=404)


def test_foia_html_error_pages_never_answer(client, component):
    """Wrong method, wrong content type: JSON in the spec's shape still."""
    for response in (
        client.get(FOIA_URL.format(1), headers={"FOIA-API-SECRET": SECRET}),
        client.put(FOIA_URL.format(1), "{}", headers={"FOIA-API-SECRET": SECRET}),
        client.post(FOIA_URL.format(1), {"a": "b"}, headers={"FOIA-API-SECRET": SECRET}),
    ):
        assert response["Content-Type"] == "application/json"
        assert set(response.json()) == {"code", "message", "description"}


# The admin -------------------------------------------------------------------------------


OTHER_ROLES = [role for role in Role if role != Role.PRIVACY_OFFICER]


@pytest.mark.parametrize("role", OTHER_ROLES, ids=lambda r: r.value)
def test_no_other_role_reaches_requests_or_components_in_the_admin(client, staff_user, role):
    client.post(NEW, submission())
    request = PrivacyActRequest.objects.get()
    comp = FoiaComponent.objects.create(number=9, name="Office", agency="USPS", systems=[])
    client.force_login(staff_user(role))
    base = "/admin/access_requests/"
    for path in (
        f"{base}privacyactrequest/",
        f"{base}privacyactrequest/add/",
        f"{base}privacyactrequest/{request.pk}/change/",
        f"{base}privacyactrequest/{request.pk}/history/",
        f"{base}privacyactrequest/{request.pk}/delete/",
        f"{base}foiacomponent/",
        f"{base}foiacomponent/add/",
        f"{base}foiacomponent/{comp.pk}/change/",
        f"{base}foiacomponent/{comp.pk}/history/",
        f"{base}foiacomponent/{comp.pk}/delete/",
        base,
    ):
        response = client.get(path)
        assert response.status_code in (302, 403, 404), (path, response.status_code)
        assert request.tracking_number not in response.content.decode()
    for model in ("privacyactrequest", "foiacomponent"):
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": "access_requests", "model_name": model, "field_name": "id", "term": ""},
        )
        assert response.status_code in (403, 404)
        assert request.tracking_number not in response.content.decode()
    index = client.get("/admin/").content.decode()
    assert "Privacy Act request" not in index and "FOIA.gov component" not in index
    response = client.post(
        f"{base}privacyactrequest/",
        {"action": "delete_selected", "_selected_action": [request.pk], "post": "yes"},
    )
    assert response.status_code in (302, 403)
    assert PrivacyActRequest.objects.filter(pk=request.pk).exists()


def test_a_privacy_officer_cannot_delete_or_renumber_a_request(client, staff_user):
    client.post(NEW, submission())
    request = PrivacyActRequest.objects.get()
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    base = f"/admin/access_requests/privacyactrequest/{request.pk}"
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{base}/change/", {"tracking_number": "PA-0000000001", "status": "closed"})
    request.refresh_from_db()
    assert request.tracking_number != "PA-0000000001" and request.status == "unverified"


@pytest.mark.parametrize(
    "email",
    ["rosa@example.org\nBcc: evil@example.net", "rosa@example.org, evil@example.net",
     "not an address"],
)  # fmt: skip
def test_staff_intake_takes_only_an_e_mail_address_as_one(client, staff_user, email):
    """Hole: staff intake's requester e-mail was a plain text field: "a@x, b@y" or an
    address with a line break in it was taken, and the status link mail then failed (a
    500, the address in the error) or went where it should not. Expected: refused with
    a message on the field; nothing stored, nothing sent."""
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    data = {
        "kind": "access", "systems": ["usps-820-100"], "channel": "post",
        "received_on": "2026-01-20", "requester_name": "Rosa Example",
        "requester_email": email, "id_logon_id": "rosa.example",
        "declared_name": "Rosa Example", "declared_on": "2026-01-18",
    }  # fmt: skip
    response = client.post("/admin/access_requests/privacyactrequest/add/", data)
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert stored() == (0, 0)
    assert not mail.outbox


def test_no_personal_data_in_the_logs(client, caplog, component):
    caplog.set_level("DEBUG")
    client.post(NEW, submission(requester_name="Zebedee Quill", declared_name="Zebedee Quill",
                                requester_email="zebedee@example.org"))  # fmt: skip
    verify_by_link(client, mail.outbox[0])
    client.post(NEW, submission(requester_name="Zebedee Quill", declared_name="X",
                                requester_email="zebedee@example.org"))  # fmt: skip
    foia(client, foia_payload(name_first="Zebedee", email="zebedee@example.org"))
    foia(client, foia_payload(request_id=77, name_first="Zebedee\ud800"))
    text = caplog.text
    for value in ("Zebedee", "zebedee@example.org", "81030012345", "Quill"):
        assert value not in text
    assert not re.search(r"status/[\w-]{20,}", text)


# Joins and links of requests from other channels ---------------------------------------------


def test_a_web_request_is_never_joined_to_a_foia_gov_test_delivery(client, component):
    """Hole: duplicates were joined to any earlier request not closed, a FOIA.gov test
    delivery (status TESTING, never worked) included: a real web request that matched one
    was dropped into it, never to be worked, and its sender mailed a status link to the
    test. Expected: the web request stands on its own."""
    from access_requests.services import record_foia_request

    web = submission(description="Please send my records.")
    record_foia_request(
        component=component,
        request_id="9",
        fields={"requester_name": web["requester_name"],
                "requester_email": web["requester_email"],
                "description": web["description"]},
        identifiers={"name": web["requester_name"], "email": web["requester_email"],
                     "order_number": web["id_order_number"]},
        testing=True,
    )  # fmt: skip
    assert client.post(NEW, web).status_code == 302
    assert PrivacyActRequest.objects.filter(channel="web", status="unverified").count() == 1


def test_asking_for_a_new_link_of_a_request_without_an_e_mail_says_so(client, staff_user):
    """Hole: a request typed in by staff without an e-mail address has a status link sent
    by post; "E-mail me a new link" on its page revoked the link and said "We have
    e-mailed a new status page link", though no mail could go anywhere. Expected: the
    page says the link no longer works and to ask the office for a new one."""
    from access_requests.verification import issue_status_token

    officer = Client()
    officer.force_login(staff_user(Role.PRIVACY_OFFICER))
    officer.post(
        "/admin/access_requests/privacyactrequest/add/",
        {"kind": "access", "systems": ["usps-820-100"], "channel": "post",
         "received_on": "2026-01-20", "requester_name": "Rosa Example",
         "requester_address": "1 Example Street, Springfield, IL 62701",
         "id_logon_id": "rosa.example", "declared_name": "Rosa Example",
         "declared_on": "2026-01-18"},
    )  # fmt: skip
    request = PrivacyActRequest.objects.get()
    assert not request.requester_email
    token = issue_status_token(request)
    page = client.post(f"/privacy/requests/status/{token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "e-mailed" not in text
    assert "no longer works" in text and "office" in text
    assert not mail.outbox
