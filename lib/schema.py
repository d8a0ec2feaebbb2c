"""The API's schema says every answer an operation can give (issue 13, item 5): besides
its success, the errors — each in the one error shape of lib/api.py — that the framework
can answer there: 400 (every operation refuses unknown or malformed query parameters),
401/403/429 where a caller must be signed in (a service account is throttled at its own
rate), 404 where the path names a record, 413/415 where a body is read, 412/428 where a
write needs If-Match (lib/conditional.py), and what a view lists in `error_statuses`. An
operation that documents an error itself
keeps its own description.

Generic drf-spectacular code (no app of the project).
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny

ERROR = inline_serializer(
    "Error",
    fields={
        "error": serializers.CharField(help_text="A stable machine code, e.g. not_found."),
        "detail": serializers.CharField(help_text="What went wrong, in words for a person."),
        "fields": serializers.DictField(
            help_text="What is wrong with each named field or parameter (a list of "
            "messages, or a nested object's errors); empty when none is at fault."
        ),
    },
)

DESCRIPTIONS = {
    "400": "The query parameters or the body are refused; `fields` names each problem.",
    "401": "No valid credentials: sign in for a token, and send it as `Token <token>`.",
    "403": "Your roles do not give you this operation, or a field you tried to change.",
    "404": "No such record among those your roles may see.",
    "412": "The record changed since the ETag you sent in If-Match.",
    "413": "The body is larger than the service accepts.",
    "415": "The body's media type is not one this operation reads.",
    "428": "If-Match was not sent.",
    "429": "Too many requests: wait for the number of seconds in Retry-After.",
}

WRITES = {"POST", "PUT", "PATCH"}
CONDITIONAL = {"PUT", "PATCH", "DELETE"}


class DocumentedErrorsAutoSchema(AutoSchema):
    def _error_statuses(self) -> list[str]:
        statuses = ["400"]
        public = any(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if not public:
            statuses += ["401", "403", "429"]
        if "{" in self.path:
            statuses.append("404")
        if self.method in WRITES:
            statuses += ["413", "415"]
        # lib.conditional.ConditionalWrites, named by an attribute: importing it here would
        # be a cycle (REST framework's settings import this module).
        if self.method in CONDITIONAL and getattr(self.view, "requires_if_match", False):
            statuses += ["412", "428"]
        # What else a view knows it answers (a sign-in refusing credentials: 403, 429).
        statuses += [str(status) for status in getattr(self.view, "error_statuses", ())]
        return statuses

    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        error = self.resolve_serializer(ERROR, "response").ref
        content = {"application/json": {"schema": error}}
        for status in self._error_statuses():
            responses.setdefault(status, {"description": DESCRIPTIONS[status]})
        for status, response in responses.items():
            # An error documented without a body (an operation's own description, or
            # lib/conditional.py's 412/428) still answers in the one shape.
            if status[0] in "45" and "content" not in response:
                response["content"] = content
        return responses
