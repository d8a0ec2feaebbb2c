"""Issue 11, item 5: FOIA.gov's Agency API 1.1.0 (usdoj/foia.gov,
www.foia.gov/developer/agency-api.md, _data/request_fields.yml). The portal posts each
request to /api/foia/v1/components/<id>/requests/ with its shared secret in
FOIA-API-SECRET; we answer 200 {"id", "status_tracking_number"} and store it once per
request_id however often it is delivered; errors are {"code", "message", "description"}
and keep nothing."""

import base64
import copy
import json
import logging

import pytest
from django.db import IntegrityError

from access_requests import services
from access_requests.documents import read_document
from access_requests.models import (
    FoiaComponent,
    PrivacyActRequest,
    RequestDocument,
    RequestEvent,
)
from tests.access_requests.files import tiny_pdf, tiny_png

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

SECRET = "a-test-foia-gov-secret-0123"
URL = "/api/foia/v1/components/{}/requests/"
PDF = tiny_pdf("FOIA.gov request 1534")
PNG = tiny_png()


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


# The spec's sample payload (_includes/developer/sample_payload.json with the examples of
# request_fields.yml), with 1.1.0's `pdf` and `testing`, and real files.
EXAMPLE = {
    "version": "1.1.0",
    "request_id": 1534,
    "address_city": "Mount Vernon",
    "address_country": "United States",
    "address_line1": "1800 F Street",
    "address_line2": "Suite 400",
    "address_state_province": "Virginia",
    "address_zip_postal_code": "98273",
    "agency_component_name": "Office of Information Policy",
    "agency": "Department of Justice",
    "attachments_supporting_documentation": [
        {"filename": "letter.png", "content_type": "image/png", "filesize": len(PNG),
         "filedata": b64(PNG)},
    ],
    "company_organization": "Newspaper Inc",
    "email": "george.washington@example.com",
    "expedited_processing_explanation": "The request should be given expedited processing because…",
    "expedited_processing": "no",
    "fax_number": "+15551234589",
    "fee_amount_willing": "25",
    "fee_waiver_explanation": "As a journalist organization, I am requesting these records on "
    "behalf of the public and intend to make these records accesible to the public.",
    "fee_waiver": "no",
    "name_first": "George",
    "name_last": "Washington",
    "phone_number": "+15551234567",
    "request_category": "individual",
    "request_description": "I am seeking records pertaining to ...",
    "pdf": {"filename": "request.pdf", "content_type": "application/pdf", "filesize": len(PDF),
            "filedata": b64(PDF)},
    "testing": False,
}  # fmt: skip


@pytest.fixture
def components(settings):
    settings.FOIA_API_SECRET = SECRET
    usps = FoiaComponent.objects.create(
        number=1,
        name="USPS Privacy and Records Management Office",
        agency="United States Postal Service",
        systems=["usps-810-300", "usps-820-100", "usps-890-000"],
    )
    mint = FoiaComponent.objects.create(
        number=2,
        name="United States Mint Disclosure Office",
        agency="Department of the Treasury, United States Mint",
        systems=["mint-009"],
    )
    FoiaComponent.objects.create(number=3, name="Closed office", agency="X", active=False)
    return usps, mint


def deliver(client, payload=None, *, component=1, secret=SECRET, raw: bytes | None = None):
    headers = {} if secret is None else {"FOIA-API-SECRET": secret}
    body = raw if raw is not None else json.dumps(EXAMPLE if payload is None else payload)
    return client.post(
        URL.format(component), body, content_type="application/json", headers=headers
    )


def with_changes(**changes) -> dict:
    payload = copy.deepcopy(EXAMPLE)
    for name, value in changes.items():
        if value is None:
            payload.pop(name)
        else:
            payload[name] = value
    return payload


def stored_counts() -> tuple[int, int]:
    return PrivacyActRequest.objects.count(), RequestDocument.objects.count()


def test_the_spec_example_is_stored_with_its_files(client, components, caplog):
    caplog.set_level(logging.DEBUG)
    response = deliver(client)

    assert response.status_code == 200, response.content
    answer = response.json()
    assert set(answer) == {"id", "status_tracking_number"}
    request = PrivacyActRequest.objects.get(pk=answer["id"])
    assert answer["status_tracking_number"] == request.tracking_number
    assert (request.channel, request.status, request.kind) == ("foia_gov", "received", "access")
    assert request.systems == ["usps-810-300", "usps-820-100", "usps-890-000"]
    assert request.foia_component.number == 1
    assert request.foia_request_id == "1534"
    assert request.requester_name == "George Washington"
    assert request.requester_email == "george.washington@example.com"
    assert request.requester_phone == "+15551234567"
    assert request.requester_address == (
        "1800 F Street, Suite 400, Mount Vernon, Virginia 98273, United States"
    )
    assert request.description == (
        "I am seeking records pertaining to ...\n\n"
        "--- Also sent by FOIA.gov ---\n"
        "Organization: Newspaper Inc\n"
        "Fax: +15551234589\n"
        "Request category: individual\n"
        "Fee amount willing to pay (USD): 25\n"
        "Fee waiver requested: no\n"
        "Fee waiver explanation: As a journalist organization, I am requesting these records "
        "on behalf of the public and intend to make these records accesible to the public.\n"
        "Expedited processing requested: no\n"
        "Expedited processing explanation: The request should be given expedited processing "
        "because…"
    )
    assert json.loads(request.identifiers) == {
        "name": "George Washington",
        "email": "george.washington@example.com",
        "phone": "+15551234567",
        "address": "1800 F Street, Suite 400, Mount Vernon, Virginia 98273, United States",
    }
    documents = [read_document(d) for d in request.documents.order_by("pk")]
    assert [(d.name, d.content_type, d.content) for d in documents] == [
        ("request.pdf", "application/pdf", PDF),
        ("letter.png", "image/png", PNG),
    ]
    assert list(request.documents.order_by("pk").values_list("role", flat=True)) == [
        "foia_pdf",
        "supporting",
    ]
    assert list(request.events.values_list("event", "what")) == [
        ("received", "Received by foia.gov"),
        (
            "classified",
            "Kind set automatically to access; FOIA.gov does not say which kind: check it "
            "and correct it if need be",
        ),
    ]
    assert request in PrivacyActRequest.objects.pending()
    logged = caplog.text
    for personal in ("George", "Washington", "george.washington", "15551234567", "Mount Vernon",
                     SECRET, "seeking"):  # fmt: skip
        assert personal not in logged


def test_the_site_wide_body_limit_does_not_apply(client, components, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    big = tiny_png(padding=3 * 1024 * 1024)
    payload = with_changes(
        attachments_supporting_documentation=[{"filename": "scan.png", "filedata": b64(big)}]
    )
    response = deliver(client, payload)
    assert response.status_code == 200, response.content
    document = RequestDocument.objects.get(role="supporting")
    assert read_document(document).content == big


def test_five_deliveries_of_one_request_store_it_once(client, components):
    answers = [deliver(client).json() for _ in range(5)]

    assert PrivacyActRequest.objects.count() == 1
    assert RequestDocument.objects.count() == 2
    request = PrivacyActRequest.objects.get()
    assert answers == [{"id": request.pk, "status_tracking_number": request.tracking_number}] * 5


def test_the_same_request_id_to_another_component_is_another_request(client, components):
    first = deliver(client, component=1).json()
    second = deliver(client, component=2).json()

    assert first["id"] != second["id"]
    assert first["status_tracking_number"] != second["status_tracking_number"]
    assert PrivacyActRequest.objects.get(pk=second["id"]).systems == ["mint-009"]


def test_a_delivery_stored_meanwhile_by_another_is_answered_with_that_one(
    client, components, monkeypatch
):
    """The race: two deliveries both find nothing, the second one's insert meets the
    unique constraint (component, request_id) and answers with the first one's."""
    first = deliver(client).json()
    look_up = services._foia_delivery
    calls = []

    def not_yet_the_first_time(component_id, request_id):
        calls.append(request_id)
        return None if len(calls) == 1 else look_up(component_id, request_id)

    monkeypatch.setattr(services, "_foia_delivery", not_yet_the_first_time)
    second = deliver(client)

    assert second.status_code == 200
    assert second.json() == first
    assert PrivacyActRequest.objects.count() == 1
    assert RequestDocument.objects.count() == 2
    assert len(calls) >= 2


def test_other_integrity_errors_are_not_taken_for_a_delivery(client, components, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(services, "record_request", broken)
    response = deliver(client)
    assert response.status_code == 500
    assert response.json() == {
        "code": "500",
        "message": "internal error",
        "description": "The request could not be stored; deliver it again.",
    }


@pytest.mark.parametrize(
    ("secret", "status", "answer"),
    [
        (None, 401, {"code": "401", "message": "API security token missing",
                     "description": "Send the FOIA-API-SECRET header."}),
        ("", 401, {"code": "401", "message": "API security token missing",
                   "description": "Send the FOIA-API-SECRET header."}),
        ("a-test-foia-gov-secret-0124", 403,
         {"code": "403", "message": "API security token not matched.",
          "description": "The FOIA-API-SECRET header does not match this service's secret."}),
    ],
    ids=["no header", "empty header", "wrong secret"],
)  # fmt: skip
def test_a_delivery_without_the_secret_is_refused(client, components, secret, status, answer):
    response = deliver(client, secret=secret)
    assert response.status_code == status
    assert response.json() == answer
    assert stored_counts() == (0, 0)


@pytest.mark.parametrize("configured", [None, ""], ids=["unset", "empty"])
@pytest.mark.parametrize("sent", ["", "a-test-foia-gov-secret-0123", "None"])
def test_production_without_a_secret_refuses_everything(client, components, settings,
                                                        configured, sent):  # fmt: skip
    settings.DEBUG = False
    settings.FOIA_API_SECRET = configured
    response = deliver(client, secret=sent)
    assert response.status_code in (401, 403)
    assert response.json()["code"] in ("401", "403")
    assert stored_counts() == (0, 0)


@pytest.mark.parametrize("component", [4, 3, 999999999], ids=["unknown", "inactive", "large"])
def test_an_unknown_or_inactive_component_is_404(client, components, component):
    response = deliver(client, component=component)
    assert response.status_code == 404
    assert response.json() == {
        "code": "404",
        "message": "agency component not found",
        "description": f"No active component {component} receives FOIA.gov requests here.",
    }
    assert stored_counts() == (0, 0)


def test_the_address_without_its_final_slash_works_too(client, components):
    response = client.post(
        "/api/foia/v1/components/1/requests", json.dumps(EXAMPLE),
        content_type="application/json", headers={"FOIA-API-SECRET": SECRET},
    )  # fmt: skip
    assert response.status_code == 200


def test_only_post_is_taken(client, components):
    response = client.get(URL.format(1), headers={"FOIA-API-SECRET": SECRET})
    assert response.status_code == 405
    assert response.json()["code"] == "405"
    assert response["Allow"] == "POST"


def test_a_session_is_neither_needed_nor_enough(client, components, staff_user):
    from sorn.constants import Role

    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    assert deliver(client, secret=None).status_code == 401
    client.logout()
    assert deliver(client).status_code == 200  # no CSRF token, no session


HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
OVER_10_MB = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)


def attachment(content: bytes, name: str = "letter.pdf") -> list:
    return [{"filename": name, "content_type": "application/pdf", "filedata": b64(content)}]


@pytest.mark.parametrize(
    ("raw", "payload", "description"),
    [
        (b"this is not json", None, "The body is not JSON."),
        (b"", None, "The body is not JSON."),
        (b"[1, 2]", None, "The body must be a JSON object."),
        (b"[" * 100_000, None, "The body is not JSON."),
        (None, with_changes(request_description=None),
         "Required field missing: request_description."),
        (None, with_changes(request_id=None, pdf=None, testing=None),
         "Required field missing: request_id, pdf, testing."),
        (None, with_changes(request_description=""),
         "Required field missing: request_description."),
        (None, with_changes(request_id="15x4"), "request_id must be an integer."),
        (None, with_changes(request_id=True), "request_id must be an integer."),
        (None, with_changes(testing="false"), "testing must be true or false."),
        (None, with_changes(email=["a@example.com"]), "email must be a string."),
        (None, with_changes(request_description="x" * 10_001),
         "request_description is longer than 10,000 characters."),
        (None, with_changes(pdf={"filename": "request.pdf", "filedata": "not base64!!"}),
         "pdf: filedata is not valid base64."),
        (None, with_changes(pdf={"filename": "request.pdf", "filedata": b64(HTML)}),
         "pdf is not a PDF, PNG or JPEG file (whatever its name says)."),
        (None, with_changes(pdf="request.pdf"),
         "pdf must be an object with filename and filedata."),
        (None, with_changes(attachments_supporting_documentation=attachment(EXE)),
         "attachments_supporting_documentation[0] is not a PDF, PNG or JPEG file "
         "(whatever its name says)."),
        (None, with_changes(attachments_supporting_documentation=[
            *attachment(PNG, "ok.png"), *attachment(HTML, "page.pdf")]),
         "attachments_supporting_documentation[1] is not a PDF, PNG or JPEG file "
         "(whatever its name says)."),
        (None, with_changes(attachments_supporting_documentation=attachment(b"")),
         "attachments_supporting_documentation[0] is empty."),
        (None, with_changes(attachments_supporting_documentation=attachment(OVER_10_MB)),
         "attachments_supporting_documentation[0] is larger than 10 MB, the most a file may "
         "be."),
        (None, with_changes(attachments_supporting_documentation={"filename": "a.pdf"}),
         "attachments_supporting_documentation must be a list."),
    ],
    ids=["not json", "empty body", "not an object", "nested too deep", "no description",
         "three missing", "empty description", "request_id letters", "request_id boolean",
         "testing as text", "email a list", "description too long", "bad base64",
         "html as pdf", "pdf a string", "exe attachment", "second attachment html",
         "empty attachment", "attachment over 10 MB", "attachments not a list"],
)  # fmt: skip
def test_a_malformed_delivery_is_400_and_keeps_nothing(
    client, components, raw, payload, description
):
    response = deliver(client, payload, raw=raw)
    assert response.status_code == 400
    assert response.json() == {
        "code": "400",
        "message": "invalid request",
        "description": description,
    }
    assert stored_counts() == (0, 0)
    assert RequestEvent.objects.count() == 0


def test_a_file_of_exactly_10_mb_is_taken(client, components):
    exactly = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 - 9)
    response = deliver(
        client, with_changes(attachments_supporting_documentation=attachment(exactly))
    )
    assert response.status_code == 200, response.content
    assert RequestDocument.objects.get(role="supporting").size == 10 * 1024 * 1024


def test_a_body_20_mb_over_the_limit_is_413_and_keeps_nothing(client, components, settings):
    too_big = settings.FOIA_API_MAX_BODY_SIZE + 20 * 1024 * 1024
    assert settings.FOIA_API_MAX_BODY_SIZE == 40 * 1024 * 1024  # the default
    response = deliver(client, raw=b" " * too_big)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "code": "413",
        "message": "Maximum request length exceeded.",
        "description": "The body may be at most 41,943,040 bytes.",
    }
    assert stored_counts() == (0, 0)


def test_a_portal_test_is_kept_apart_and_never_worked(client, components):
    response = deliver(client, with_changes(testing=True, request_id=77))

    assert response.status_code == 200
    request = PrivacyActRequest.objects.get(pk=response.json()["id"])
    assert request.status == "testing"
    assert request not in PrivacyActRequest.objects.pending()
    assert request.documents.count() == 2


def test_the_kind_is_guessed_from_the_description_and_said_so(client, components):
    payload = with_changes(
        request_description="Please amend my mailing address in your records; it is wrong."
    )
    request = PrivacyActRequest.objects.get(pk=deliver(client, payload).json()["id"])
    assert request.kind == "amendment"
    assert request.events.get(event="classified").what == (
        'Kind set automatically to amendment (the description says "amend"); FOIA.gov does '
        "not say which kind: check it and correct it if need be"
    )


def test_component_specific_fields_are_kept_in_the_description(client, components):
    payload = with_changes(case_number_if_known="A-123", prefers_email=True)
    request = PrivacyActRequest.objects.get(pk=deliver(client, payload).json()["id"])
    assert request.description.endswith('case_number_if_known: "A-123"\nprefers_email: true')
