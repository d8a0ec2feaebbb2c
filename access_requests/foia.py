"""The receiving end of the national FOIA portal's Agency API, spec 1.1.0 (usdoj/foia.gov,
www.foia.gov/developer/agency-api.md and _data/request_fields.yml): FOIA.gov posts each
request made to one of our components to

    POST /api/foia/v1/components/<component number>/requests/

as JSON, with the shared secret in the FOIA-API-SECRET header, and expects within 30
seconds `200 {"id": ..., "status_tracking_number": ...}`, else it delivers again (up to
five times): delivery is idempotent on the portal's `request_id`
(access_requests.services.record_foia_request). Errors are JSON in the spec's shape,
`{"code", "message", "description"}`, with the HTTP status as the code (the spec's own
example for 500 does so); a description names what was wrong (a field, an attachment)
and never a value sent.

Machine to machine: no session, no CSRF token, no REST framework authentication; the
secret is the credential, compared in constant time. Nothing the portal sends is logged
but the component number and the portal's request_id.

Everything is done inline: decoding and checking the files and encrypting them under the
request's key take well under a second at the largest body taken, and the answer must say
whether the files were taken (nothing is kept when one is refused).
"""

from __future__ import annotations

import binascii
import hmac
import json
import logging
import re
import traceback
from base64 import b64decode
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from access_requests.documents import MAX_DOCUMENT_BYTES, checked_type
from access_requests.models import DocumentRole, FoiaComponent
from access_requests.services import record_foia_request

logger = logging.getLogger(__name__)

SECRET_HEADER = "FOIA-API-SECRET"  # noqa: S105 (the header's name, not a secret)
# Spec 1.1.0, request_fields.yml: the fields marked "required: yes".
REQUIRED = (
    "version", "request_id", "agency", "agency_component_name", "request_description",
    "pdf", "testing",
)  # fmt: skip
# The spec's text fields (all optional but request_description); the portal limits its
# long ones to 10,000 characters, and we take no text field longer.
TEXT_FIELDS = (
    "version", "agency", "agency_component_name", "name_first", "name_last",
    "address_line1", "address_line2", "address_city", "address_state_province",
    "address_zip_postal_code", "address_country", "request_description",
    "fee_amount_willing", "fee_waiver", "fee_waiver_explanation", "request_category",
    "expedited_processing", "expedited_processing_explanation", "company_organization",
    "email", "phone_number", "fax_number",
)  # fmt: skip
MAX_TEXT_CHARS = 10_000
# What the office needs beside the description, kept in it under the spec's own labels.
NOTED_FIELDS = {
    "company_organization": "Organization",
    "fax_number": "Fax",
    "request_category": "Request category",
    "fee_amount_willing": "Fee amount willing to pay (USD)",
    "fee_waiver": "Fee waiver requested",
    "fee_waiver_explanation": "Fee waiver explanation",
    "expedited_processing": "Expedited processing requested",
    "expedited_processing_explanation": "Expedited processing explanation",
}
MAX_ATTACHMENTS = 20


class DeliveryRefused(Exception):
    """A delivery answered with the spec's error shape; nothing of it is kept."""

    def __init__(self, status: int, message: str, description: str) -> None:
        super().__init__(message)
        self.status, self.message, self.description = status, message, description

    def response(self) -> JsonResponse:
        return error(self.status, self.message, self.description)


def error(status: int, message: str, description: str) -> JsonResponse:
    return JsonResponse(
        {"code": str(status), "message": message, "description": description}, status=status
    )


def invalid(description: str) -> DeliveryRefused:
    return DeliveryRefused(400, "invalid request", description)


@dataclass(frozen=True)
class Delivery:
    """A delivery checked for shape: what record_foia_request needs."""

    request_id: str
    testing: bool
    fields: dict[str, Any]
    identifiers: dict[str, str]
    documents: list[tuple[str, str, bytes]]


def secret_matches(given: str | None) -> bool:
    """Whether the header carries the configured secret, compared in constant time. No
    secret configured (production without FOIA_API_SECRET): nothing matches."""
    expected = settings.FOIA_API_SECRET
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def decoded_file(value: Any, label: str) -> tuple[str, bytes]:
    """(file name, bytes) of one of the spec's file objects ({"filename", "content_type",
    "filesize", "filedata": base64}), checked from its content (PDF, PNG or JPEG, at most
    10 MB: access_requests.documents); DeliveryRefused naming `label` otherwise. The
    sender's content_type and filesize are not trusted."""
    if not isinstance(value, dict):
        raise invalid(f"{label} must be an object with filename and filedata.")
    name, data = value.get("filename"), value.get("filedata")
    if not isinstance(name, str) or not isinstance(data, str):
        raise invalid(f"{label} must have a filename and a base64 filedata (strings).")
    # Refused before decoding: base64 takes 4 characters for 3 bytes.
    if len(data) > (MAX_DOCUMENT_BYTES + 2) // 3 * 4 + 4:
        raise invalid(f"{label} is larger than 10 MB, the most a file may be.")
    try:
        content = b64decode(data.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise invalid(f"{label}: filedata is not valid base64.") from None
    try:
        checked_type(content, label)
    except ValidationError as exc:
        raise invalid(" ".join(exc.messages)) from None
    return name, content


def requester_address(body: dict[str, str]) -> str:
    place = " ".join(
        part for part in (body.get("address_state_province"), body.get("address_zip_postal_code"))
        if part
    )  # fmt: skip
    parts = [
        body.get("address_line1"), body.get("address_line2"), body.get("address_city"),
        place, body.get("address_country"),
    ]  # fmt: skip
    return ", ".join(part.strip() for part in parts if part and part.strip())


def description_with_notes(body: dict[str, Any], extra: dict[str, Any]) -> str:
    """The requester's description, then what else the portal sent that the office acts
    on (fees, expedited processing, category; the component's own form fields), under
    the spec's labels."""
    notes = [f"{label}: {body[name]}" for name, label in NOTED_FIELDS.items() if body.get(name)]
    notes += [f"{name}: {json.dumps(value)}" for name, value in sorted(extra.items())]
    text = body["request_description"].strip()
    if notes:
        text += "\n\n--- Also sent by FOIA.gov ---\n" + "\n".join(notes)
    return text


def parse_delivery(raw: bytes) -> Delivery:
    """The delivery's fields mapped to a request's, its files decoded and checked; a
    DeliveryRefused (400) naming the first thing wrong."""
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise invalid("The body is not JSON.") from None
    if not isinstance(body, dict):
        raise invalid("The body must be a JSON object.")
    # JSON may escape a lone UTF-16 surrogate ("\\ud800"): Python decodes it into text that
    # cannot be encoded, stored or encrypted.
    try:
        json.dumps(body, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise invalid(
            "The body holds text that is not valid Unicode (a lone surrogate such as \\ud800)."
        ) from None
    except RecursionError:
        raise invalid("The body is nested too deeply.") from None
    missing = [name for name in REQUIRED if body.get(name) in (None, "")]
    if missing:
        raise invalid(f"Required field missing: {', '.join(missing)}.")
    for name in TEXT_FIELDS:
        value = body.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise invalid(f"{name} must be a string.")
        if len(value) > MAX_TEXT_CHARS:
            raise invalid(f"{name} is longer than {MAX_TEXT_CHARS:,} characters.")
    request_id = body["request_id"]
    # One integer, however written (1534, "1534", "01534"): delivery is idempotent on it.
    # ASCII digits only: str.isdigit() also takes "²" and "١٥٣٤".
    if isinstance(request_id, str) and re.fullmatch(r"[0-9]+", request_id):
        request_id = request_id.lstrip("0") or "0"
    elif isinstance(request_id, int) and not isinstance(request_id, bool):
        request_id = str(request_id)
    else:
        raise invalid("request_id must be an integer.")
    if len(request_id) > 64:
        raise invalid("request_id is too long.")
    if request_id.startswith("-") or request_id == "0":
        raise invalid("request_id must be a positive integer.")
    if not isinstance(body["testing"], bool):
        raise invalid("testing must be true or false.")

    documents = [(DocumentRole.FOIA_PDF, *decoded_file(body["pdf"], "pdf"))]
    attachments = body.get("attachments_supporting_documentation") or []
    if not isinstance(attachments, list):
        raise invalid("attachments_supporting_documentation must be a list.")
    if len(attachments) > MAX_ATTACHMENTS:
        raise invalid(f"attachments_supporting_documentation: at most {MAX_ATTACHMENTS} files.")
    for number, attachment in enumerate(attachments, start=1):
        label = f"attachments_supporting_documentation[{number - 1}]"
        documents.append((DocumentRole.SUPPORTING, *decoded_file(attachment, label)))

    # Component-specific form fields (the spec's "*"): kept in the description, bounded.
    known = {*TEXT_FIELDS, "request_id", "testing", "pdf", "attachments_supporting_documentation"}
    extra = {name: value for name, value in body.items() if name not in known}
    if len(json.dumps(extra)) > MAX_TEXT_CHARS:
        raise invalid(f"The component's own fields are longer than {MAX_TEXT_CHARS:,} characters.")

    name = " ".join(
        part.strip() for part in (body.get("name_first"), body.get("name_last")) if part
    )
    fields = {
        "requester_name": name,
        "requester_email": (body.get("email") or "").strip(),
        "requester_phone": (body.get("phone_number") or "").strip(),
        "requester_address": requester_address(body),
        "description": description_with_notes(body, extra),
    }
    # The contact details are identifiers of every notice (as staff intake gives them).
    contact = {"name": "requester_name", "email": "requester_email",
               "phone": "requester_phone", "address": "requester_address"}  # fmt: skip
    identifiers = {key: fields[field] for key, field in contact.items() if fields[field]}
    return Delivery(request_id, body["testing"], fields, identifiers, documents)


@csrf_exempt
def receive_request(request: HttpRequest, component: str) -> JsonResponse:
    """One delivery from FOIA.gov: the secret, the component, the body's size and shape,
    then the request stored (or found again) and its id and tracking number answered."""
    number = int(component)  # the URL takes 1 to 9 digits
    if request.method != "POST":
        response = error(405, "method not allowed", "Deliver requests with POST.")
        response["Allow"] = "POST"
        return response
    if not settings.FOIA_API_SECRET:
        logger.warning("FOIA.gov delivery refused: FOIA_API_SECRET is not configured")
    given = request.headers.get(SECRET_HEADER)
    if not given:
        return error(401, "API security token missing", f"Send the {SECRET_HEADER} header.")
    if not secret_matches(given):
        logger.warning("FOIA.gov delivery to component %s refused: secret not matched", number)
        return error(
            403,
            "API security token not matched.",
            f"The {SECRET_HEADER} header does not match this service's secret.",
        )
    target = FoiaComponent.objects.filter(number=number, active=True).first()
    if target is None:
        return error(
            404,
            "agency component not found",
            f"No active component {number} receives FOIA.gov requests here.",
        )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0 or length > settings.FOIA_API_MAX_BODY_SIZE:
        return error(
            413,
            "Maximum request length exceeded.",
            f"The body may be at most {settings.FOIA_API_MAX_BODY_SIZE:,} bytes.",
        )
    # Read from the stream, not request.body: the site-wide DATA_UPLOAD_MAX_MEMORY_SIZE is
    # for forms and the REST API; this endpoint has its own bound, checked above.
    try:
        delivery = parse_delivery(request.read())
        stored, created = record_foia_request(
            component=target,
            request_id=delivery.request_id,
            fields=delivery.fields,
            identifiers=delivery.identifiers,
            documents=delivery.documents,
            testing=delivery.testing,
        )
    except DeliveryRefused as refused:
        logger.info("FOIA.gov delivery to component %s refused (%s)", number, refused.status)
        return refused.response()
    except ValidationError as exc:  # a file the checks above let through (should not be)
        return invalid(" ".join(exc.messages)).response()
    except Exception as exc:
        # The frames only: an exception's message may quote a value sent.
        logger.error(
            "FOIA.gov delivery to component %s failed: %s\n%s",
            number,
            type(exc).__name__,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        return error(500, "internal error", "The request could not be stored; deliver it again.")
    logger.info(
        "FOIA.gov request %s to component %s: %s as request %s",
        delivery.request_id,
        number,
        "stored" if created else "already stored",
        stored.pk,
    )
    return JsonResponse({"id": stored.pk, "status_tracking_number": stored.tracking_number})
