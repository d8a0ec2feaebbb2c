"""Files that come with a request: checked from their content, kept encrypted under the
request's own data key, destroyed with it (issue 11, item 2).

Only PDF, PNG and JPEG are taken, at most 10 MB each; the type is read from the file's
first bytes (the `filetype` package), never from its name or the sender's word, so a
program renamed `consent.pdf` is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat

from access_requests.models import DocumentRole, PrivacyActRequest, RequestDocument
from keystore.crypto import decrypt_bytes, encrypt_bytes
from keystore.fields import record_data_keys

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ACCEPTED_TYPES = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}
ACCEPTED_WORDS = "PDF, PNG or JPEG"
MAX_NAME_CHARS = 200


@dataclass(frozen=True)
class Document:
    """A file read back: its name, the type found in it and its bytes."""

    name: str
    content_type: str
    content: bytes


def checked_type(content: bytes, name: str = "the file") -> str:
    """The file's type as its content shows it, or ValidationError saying what is wrong
    (in words a requester can act on, naming the file only by what they called it)."""
    if not content:
        raise ValidationError(f"{name} is empty.", code="empty")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            f"{name} is {filesizeformat(len(content))}; the most a file may be is "
            f"{filesizeformat(MAX_DOCUMENT_BYTES)}.",
            code="too_big",
        )
    kind = filetype.guess(content[:8192])
    mime = kind.mime if kind else None
    if mime not in ACCEPTED_TYPES:
        raise ValidationError(
            f"{name} is not a {ACCEPTED_WORDS} file (whatever its name says).", code="type"
        )
    return mime


def seal(request: PrivacyActRequest, what: str, content: bytes) -> bytes:
    """`content` sealed under the request's own data key (destroyed with the request),
    bound to the request's number and to `what` it is ("access_requests.Letter.body"), so
    a sealed value moved to another request or another column does not open. Files,
    letters and amendments are all sealed so."""
    key = record_data_keys(request)[request.data_key_id]
    return encrypt_bytes(content, key, f"{what}:{request.tracking_number}")


def unseal(request: PrivacyActRequest, what: str, sealed: bytes) -> bytes:
    key = record_data_keys(request)[request.data_key_id]
    return decrypt_bytes(bytes(sealed), key, f"{what}:{request.tracking_number}")


def attach_document(
    request: PrivacyActRequest, role: DocumentRole | str, name: str, content: bytes
) -> RequestDocument:
    """Check a file that came from outside (an upload, a FOIA.gov attachment) and store it
    under the request's data key. The request must be saved (it has its key); call
    inside the transaction that saves the request, so a request is never kept without
    the files it came with, nor files without their request."""
    content_type = checked_type(content, name or "the file")
    return seal_document(request, role, name, content_type, content)


def seal_document(
    request: PrivacyActRequest,
    role: DocumentRole | str,
    name: str,
    content_type: str,
    content: bytes,
) -> RequestDocument:
    """Store a file under the request's data key: one the service made itself (a
    package), or one attach_document has checked."""
    return RequestDocument.objects.create(
        request=request,
        role=role,
        content_type=content_type,
        size=len(content),
        sealed_name=seal(
            request,
            "access_requests.RequestDocument.name",
            (name or "file")[:MAX_NAME_CHARS].encode(),
        ),
        sealed_content=seal(request, "access_requests.RequestDocument.content", content),
    )


def attachment(document: Document, filename: str) -> HttpResponse:
    """A request's file as a download of the type found in (or made for) it: never shown
    in one of our pages, never sniffed into another type, and sandboxed should a browser
    open it anyway (a package page keeps only its own inline styles)."""
    textual = document.content_type in ("text/html", "application/json")
    response = HttpResponse(
        document.content,
        content_type=f"{document.content_type}; charset=utf-8"
        if textual
        else document.content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'" + (
        "; style-src 'unsafe-inline'" if document.content_type == "text/html" else ""
    )
    response["Cache-Control"] = "no-store"
    return response


def read_document(document: RequestDocument) -> Document:
    request = document.request
    return Document(
        name=unseal(request, "access_requests.RequestDocument.name", document.sealed_name).decode(),
        content_type=document.content_type,
        content=unseal(request, "access_requests.RequestDocument.content", document.sealed_content),
    )
