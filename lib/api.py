"""API plumbing that refuses bad input in JSON: bounded cursor pagination, a JSON parser
with a nesting bound, query parameters each view declares, and error answers that are
JSON under the API, in one shape for every status (`{"error": code, "detail": message,
"fields": {...}}`, issue 13, item 6), and the usual pages elsewhere.

Generic: Django and REST framework only, no app of the project (STYLE.md, habit 15). The
bounds are settings (README, configuration): API_MAX_PAGE_SIZE, API_MAX_JSON_DEPTH and
Django's DATA_UPLOAD_MAX_MEMORY_SIZE. Error bodies name the parameter and what it
accepts, never the value sent (a value may be personal data).
"""

from __future__ import annotations

import base64
import datetime
import logging
import math
import re
from array import array
from itertools import accumulate
from urllib import parse

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import dateparse, timezone
from django.views import defaults
from rest_framework import exceptions
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.utils import json

# Not rest_framework.views: its APIView reads DEFAULT_PARSER_CLASSES, which names this
# module, when the class is defined, so importing it from here would be an import cycle.

# Where config/urls.py mounts the API; below it, Django's own error answers are JSON too.
API_PATH_PREFIX = "/api/"


class QueryParameterError(exceptions.APIException):
    """400: query parameters that are unknown or out of range, each named with what is
    wrong (in the error's `fields`), never with the value sent."""

    status_code = 400
    default_code = "invalid_query_parameter"

    def __init__(self, problems: dict[str, str], detail: str | None = None):
        if detail is None:
            detail = " ".join(f"{name} {problem}." for name, problem in problems.items())
        self.problems = problems
        super().__init__(detail)


class FieldsRefused(exceptions.PermissionDenied):
    """403: a write naming fields the user may not change, each named in `fields`."""

    default_code = "field_not_writable"

    def __init__(self, names: list[str]):
        self.problems = dict.fromkeys(names, "may not be changed by your roles")
        super().__init__(f"You may not change: {', '.join(names)}.")


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(f"Request body too large: the limit is {limit} bytes.")


class Conflict(exceptions.APIException):
    """409: the record's state refuses the change now (the message says why)."""

    status_code = 409
    default_detail = "The record's state does not allow this now."
    default_code = "conflict"


class BadRequest(exceptions.APIException):
    status_code = 400
    default_detail = "Bad request."
    default_code = "bad_request"


# Pagination --------------------------------------------------------------------------------

# Plain ASCII digits only: int() would also take " 5", "+5", "1_0" and "１０". Leading
# zeros are dropped and at most 18 digits kept, so no integer the database cannot hold
# (SQLite refuses past 2**63) is ever built.
_WHOLE_NUMBER = re.compile(r"0*([0-9]{1,18})")


def whole_number(raw: str) -> int | None:
    """`raw` as a non-negative integer, or None when it is anything else."""
    match = _WHOLE_NUMBER.fullmatch(raw)
    return int(match.group(1)) if match else None


class BoundedCursorPagination(CursorPagination):
    """Cursor pagination in the order of the records' numbers (pk), never of a value:
    an order by an encrypted or masked field would tell it, page after page. `?cursor=`
    takes only a cursor this list gave (one whose position is a record number and whose
    offset is in range), `?page_size=` a whole number from 1 to API_MAX_PAGE_SIZE;
    anything else is a 400 naming the parameter. Without them, the first PAGE_SIZE
    records."""

    ordering = "pk"
    page_size_query_param = "page_size"
    # A cursor is a short base64 query string; a longer one is not ours.
    max_cursor_length = 100

    @property
    def max_page_size(self) -> int:  # type: ignore[override]
        return settings.API_MAX_PAGE_SIZE

    def _page_size(self, request) -> int | None:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return None
        value = whole_number(raw)
        if value is None or not 1 <= value <= self.max_page_size:
            rule = f"must be a whole number from 1 to {self.max_page_size}"
            raise QueryParameterError({self.page_size_query_param: rule})
        return value

    def get_page_size(self, request) -> int | None:
        asked = self._page_size(request)
        if asked is not None:
            return asked
        return None if self.page_size is None else min(self.page_size, self.max_page_size)

    def decode_cursor(self, request) -> Cursor | None:
        """The cursor asked for, read strictly (REST framework's own reading takes any
        text, drops what is not base64 and takes any integer as a direction): base64
        of `o` (an offset up to `offset_cutoff`), `r` (0 or 1) and `p` (a record number,
        ordering by pk: anything else would reach the database as a comparison it
        cannot make, a 500, or past the integers it holds)."""
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None:
            return None
        rule = "must be a cursor given by this list (its next or previous link)"
        refused = QueryParameterError({self.cursor_query_param: rule})
        if len(raw) > self.max_cursor_length:
            raise refused
        try:
            text = base64.b64decode(raw.encode("ascii"), validate=True).decode("ascii")
        except (ValueError, UnicodeError):  # binascii.Error is a ValueError
            raise refused from None
        tokens = parse.parse_qs(text, keep_blank_values=True)
        if set(tokens) - {"o", "r", "p"} or any(len(v) != 1 for v in tokens.values()):
            raise refused
        offset = whole_number(tokens.get("o", ["0"])[0])
        reverse = tokens.get("r", ["0"])[0]
        position = tokens.get("p", [None])[0]
        if (
            offset is None
            or offset > self.offset_cutoff
            or reverse not in ("0", "1")
            or (position is not None and not self.valid_position(position))
        ):
            raise refused
        return Cursor(offset=offset, reverse=reverse == "1", position=position)

    def valid_position(self, position: str) -> bool:
        """Whether a cursor's position is a value of the first ordering field: here a
        record number (a list ordered otherwise says what its own are)."""
        return whole_number(position) is not None

    def check_query_parameters(self, request) -> None:
        self._page_size(request)
        self.decode_cursor(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    **parameter["schema"],
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
            if parameter["name"] == self.cursor_query_param:
                parameter["schema"] = {**parameter["schema"], "maxLength": self.max_cursor_length}
        return parameters


class NewestFirstPagination(BoundedCursorPagination):
    """The same bounded cursor, newest record first (record numbers descending): an
    audit trail, a list of decisions."""

    ordering = "-pk"


# JSON bodies ------------------------------------------------------------------------------

_NOT_A_BRACKET = bytes(byte for byte in range(256) if byte not in b"[]{}")
_SIGNED_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1, +1, -1, -1 as int8


def json_depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest, found by counting brackets
    outside strings, without parsing it (and so without recursing). In a text that is
    not JSON the count may differ from a parser's, but only past the first error, where
    json.loads stops.

    Only C-level operations touch each byte: about 0.1 s for the slowest megabyte
    measured (half a million empty strings), 20 ms for a megabyte of ordinary objects."""
    data = text.encode()
    # Escapes pair up from the left: drop each \\ first, then each \", and no quote left
    # belongs to a string's content.
    data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Split at the quotes, the pieces outside strings are every other one.
    outside = b"".join(data.split(b'"')[::2])
    steps = outside.translate(None, _NOT_A_BRACKET).translate(_SIGNED_STEP)
    return max(accumulate(array("b", steps)), default=0)


def _finite(text: str) -> float:
    """A JSON number as a float, refused past what a float holds: `1e400` would read as
    infinity, which strict JSON refuses to write (PostgreSQL's jsonb refuses it too)."""
    value = float(text)
    if math.isinf(value):
        raise ValueError("a number past what a float holds (infinity) is not JSON compliant")
    return value


class BoundedJSONParser(JSONParser):
    """REST framework's JSON parser, refusing (400) a body nested deeper than
    API_MAX_JSON_DEPTH before it is parsed: json.loads recurses once per level, and a
    body of 100,000 brackets would reach Python's recursion limit (a 500). Parsed, a body
    holding a NUL, a lone surrogate or a number past a float is refused too (400)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from exc
        limit = settings.API_MAX_JSON_DEPTH
        if json_depth(text) > limit:
            raise exceptions.ParseError(f"JSON nested too deep: more than {limit} levels.")
        parse_constant = json.strict_constant if self.strict else None
        try:
            data = json.loads(text, parse_constant=parse_constant, parse_float=_finite)
        except ValueError as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from exc
        if has_nul(data):
            raise exceptions.ParseError(NUL_REFUSED)
        if has_lone_surrogate(data):
            raise exceptions.ParseError(SURROGATE_REFUSED)
        return data


# PostgreSQL's text cannot hold a NUL character (it refuses the query: a 500 had been
# answered for `?order_number=%00`, found by schemathesis); no identifier or value of a
# record holds one, so it is refused as input wherever it comes (Django's and REST
# framework's form fields already refuse it in the fields they validate).
NUL = "\x00"
NUL_REFUSED = "A NUL character (\\u0000) is not accepted in any name or value."


def has_nul(value) -> bool:
    """Whether a parsed value holds a NUL character in any string, key or item."""
    return _any_text(value, lambda text: NUL in text)


# JSON may escape a lone UTF-16 surrogate ("\\ud800"), which Python decodes into text that
# no database, cipher or log can encode (UTF-8 refuses it): a PATCH carrying one had been
# answered 500, found placing a legal hold. No name or value of a record holds one.
SURROGATE_REFUSED = (
    "Text that is not valid Unicode (a lone surrogate such as \\ud800) is not accepted."
)


def _not_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def has_lone_surrogate(value) -> bool:
    """Whether a parsed value holds text UTF-8 cannot encode in any string, key or item."""
    return _any_text(value, _not_utf8)


def _any_text(value, test) -> bool:
    if isinstance(value, str):
        return test(value)
    if isinstance(value, dict):
        return any(_any_text(key, test) or _any_text(item, test) for key, item in value.items())
    if isinstance(value, list):
        return any(_any_text(item, test) for item in value)
    return False


# Query parameters --------------------------------------------------------------------------


class StrictQueryParameters:
    """A view that refuses (400) query parameters it does not know, naming every one, so
    that a misspelt filter (?emial=) is not answered with every record.

    A view declares the parameters it reads in `query_parameters`; its paginator's
    (`limit`, `offset`) and REST framework's `format` are added. The check runs after
    authentication and permissions (a client without access learns nothing, not even
    the parameters) and before the handler, along with the paginator's own checks."""

    query_parameters: tuple[str, ...] = ()

    def accepted_query_parameters(self) -> set[str]:
        accepted = set(self.query_parameters)
        if api_settings.URL_FORMAT_OVERRIDE:
            accepted.add(api_settings.URL_FORMAT_OVERRIDE)
        paginator = getattr(self, "paginator", None)
        if paginator is not None:
            # limit_query_param, offset_query_param, page_query_param, cursor_query_param...
            for attribute in dir(paginator):
                if attribute.endswith("_query_param"):
                    value = getattr(paginator, attribute)
                    if isinstance(value, str):
                        accepted.add(value)
        return accepted

    def check_query_parameters(self, request) -> None:
        holding_nul = sorted(
            name for name, values in request.query_params.lists() if has_nul([name, *values])
        )
        if holding_nul:
            raise QueryParameterError(
                dict.fromkeys(holding_nul, "must not contain a NUL character"), NUL_REFUSED
            )
        accepted = self.accepted_query_parameters()
        unknown = sorted(set(request.query_params) - accepted)
        if unknown:
            noun = "parameter" if len(unknown) == 1 else "parameters"
            raise QueryParameterError(
                dict.fromkeys(unknown, "is not a parameter of this resource"),
                detail=f"Unknown query {noun}: {', '.join(unknown)}. "
                f"This resource accepts: {', '.join(sorted(accepted))}.",
            )
        check = getattr(getattr(self, "paginator", None), "check_query_parameters", None)
        if check is not None:
            check(request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_query_parameters(request)


class QueryFilters:
    """A list's filters read from the query string, each checked for what it accepts:
    every problem is collected and `check()` refuses them at once (400 naming each
    parameter and what it accepts, never the value sent). A parameter given twice is
    refused rather than one of its values silently taken."""

    def __init__(self, request) -> None:
        self.params = request.query_params
        self.problems: dict[str, str] = {}

    def _raw(self, name: str) -> str | None:
        values = self.params.getlist(name)
        if len(values) > 1:
            self.problems[name] = "must be given once"
            return None
        return values[0] if values else None

    def text(self, name: str, max_length: int) -> str | None:
        raw = self._raw(name)
        if raw is not None and not 1 <= len(raw) <= max_length:
            self.problems[name] = f"must be from 1 to {max_length} characters"
            return None
        return raw

    def choice(self, name: str, choices) -> str | None:
        raw = self._raw(name)
        if raw is not None and raw not in choices:
            self.problems[name] = f"must be one of {', '.join(sorted(choices))}"
            return None
        return raw

    def number(self, name: str) -> int | None:
        """A record number: a whole number the database can hold (whole_number)."""
        raw = self._raw(name)
        if raw is None:
            return None
        value = whole_number(raw)
        if value is None:
            self.problems[name] = "must be a whole number of at most 18 digits"
        return value

    def boolean(self, name: str) -> bool | None:
        raw = self._raw(name)
        if raw is not None and raw not in ("true", "false"):
            self.problems[name] = "must be true or false"
            return None
        return None if raw is None else raw == "true"

    def moment(self, name: str) -> datetime.datetime | None:
        """An ISO 8601 date and time (with an offset, or in the service's time zone
        without one) or a date (its first moment in the service's time zone)."""
        raw = self._raw(name)
        if raw is None:
            return None
        try:
            found = dateparse.parse_datetime(raw)
            if found is None and (day := dateparse.parse_date(raw)) is not None:
                found = datetime.datetime.combine(day, datetime.time())
            if found is not None:
                if timezone.is_naive(found):
                    found = timezone.make_aware(found)
                # The database compares in UTC: a moment UTC cannot hold (year 1 at +01:00)
                # is refused here, not met there as an OverflowError.
                found.astimezone(datetime.UTC)
        except (ValueError, OverflowError):
            found = None
        if found is None:
            self.problems[name] = (
                "must be an ISO 8601 date (2026-01-31) or date and time (2026-01-31T09:00:00Z)"
            )
        return found

    def check(self) -> None:
        if self.problems:
            raise QueryParameterError(dict(sorted(self.problems.items())))


# Errors ------------------------------------------------------------------------------------


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, Http404):
        return exceptions.NotFound(*exc.args)
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    if isinstance(exc, SuspiciousOperation):
        # Django logs these to django.security.<name> when it answers them; so do we.
        logging.getLogger(f"django.security.{type(exc).__name__}").error(str(exc))
        return BadRequest()
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(as_serializer_error(exc))
        return exceptions.ValidationError({"detail": " ".join(exc.messages)})
    return exc


def error_body(code: str, detail: str, fields: dict | None = None) -> dict:
    """The one shape of every error the API answers, whatever its status (issue 13,
    item 6): a stable machine code, a sentence for a person, and what is wrong with each
    named field or parameter (a list of messages, or the nested errors of a nested
    object). Never the value sent: it may be personal data."""
    return {"error": code, "detail": detail, "fields": fields or {}}


def _messages(value):
    """A field's errors as a list of strings, nested objects' errors kept nested."""
    if isinstance(value, dict):
        return {str(key): _messages(item) for key, item in value.items()}
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return [str(item) for item in value]
        return [_messages(item) for item in value]
    return [str(value)]


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes
    return exc.default_code


def _as_body(exc: exceptions.APIException) -> dict:
    problems = getattr(exc, "problems", None)
    if problems is not None:  # QueryParameterError, FieldsRefused
        return error_body(_code(exc), str(exc.detail), _messages(problems))
    data = exc.detail
    if isinstance(data, dict):
        fields = {
            k: v for k, v in data.items() if k not in ("detail", api_settings.NON_FIELD_ERRORS_KEY)
        }
        general = [
            str(message)
            for key in ("detail", api_settings.NON_FIELD_ERRORS_KEY)
            for message in _messages(data.get(key, []))
        ]
        detail = " ".join(general) or "Invalid input."
        return error_body(_code(exc), detail, _messages(fields))
    if isinstance(data, list):
        return error_body(_code(exc), " ".join(str(m) for m in _messages(data)) or "Invalid input.")
    return error_body(_code(exc), str(data))


def exception_handler(exc, context):
    """REST framework's exceptions, Http404 and PermissionDenied answered as REST
    framework's own handler answers them (headers and rollback included), plus Django's
    ValidationError (400), a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413) and other
    suspicious requests (400); every body in the shape of `error_body`. Anything else is
    left to handler500 (JSON under the API)."""
    exc = _as_api_exception(exc)
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    # ATOMIC_REQUESTS: an error answer commits nothing (rest_framework.views.set_rollback).
    for connection in connections.all():
        if connection.settings_dict["ATOMIC_REQUESTS"] and connection.in_atomic_block:
            connection.set_rollback(True)
    request = context.get("request")
    if request is not None:
        # JSON whatever the client accepts: a browser asking for HTML gets the browsable
        # API for what succeeds, never an HTML page for an error.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return Response(_as_body(exc), status=exc.status_code, headers=headers)


def error_response(status: int, code: str, detail: str) -> JsonResponse:
    """An error answered outside REST framework (Django's handlers, the audit's
    fail-closed answer) in the same shape."""
    return JsonResponse(error_body(code, detail), status=status)


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


# Django's error handlers (config/urls.py): JSON under the API, the admin's layout under
# the admin (with the way back and who to ask), the site's pages elsewhere. None says more
# than the status: no exception message, never a trace, nothing about any record.

ADMIN_PATH_PREFIX = "/admin/"


def _admin_refusal(request: HttpRequest, status: int) -> HttpResponse:
    context = admin.site.each_context(request)
    response = TemplateResponse(request, f"admin/{status}.html", context, status=status)
    return response.render()


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api_request(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return error_response(413, RequestTooLarge.default_code, str(RequestTooLarge().detail))
    return error_response(400, BadRequest.default_code, str(BadRequest.default_detail))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path_info.startswith(ADMIN_PATH_PREFIX):
        return _admin_refusal(request, 403)
    if not is_api_request(request):
        return defaults.permission_denied(request, exception)
    denied = exceptions.PermissionDenied
    return error_response(403, denied.default_code, str(denied.default_detail))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path_info.startswith(ADMIN_PATH_PREFIX):
        return _admin_refusal(request, 404)
    if not is_api_request(request):
        return defaults.page_not_found(request, exception)
    return error_response(
        404, exceptions.NotFound.default_code, str(exceptions.NotFound.default_detail)
    )


def server_error(request: HttpRequest) -> HttpResponse:
    if not is_api_request(request):
        return defaults.server_error(request)
    return error_response(500, "server_error", "Server error.")
