"""How the API's schema describes a gated record (issue 13, item 5): one schema for every
caller that every caller's answers validate against.

A gated serializer's fields are decided per caller and per row (access/serializers.py),
so the schema gives the widest shape (`GatedModelSerializer._described_fields`) and
says here what may differ: a field some role sees masked may be a masked string instead
of its own type (•••• 1234, j•••@example.com, a date's year, •••, or "" for no value);
any record may carry its statements of disagreement (5 U.S.C. 552a(d)(4)).
"""

from __future__ import annotations

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from drf_spectacular.extensions import OpenApiSerializerExtension

from access.policy import Access, schema_access
from access.serializers import DISPUTES_KEY

MASKED = {
    "type": "string",
    "description": "Masked for your roles: part of the value, or none of it.",
}
STATEMENTS = {
    "type": "array",
    "readOnly": True,
    "description": "Statements of disagreement filed about this record (5 U.S.C. "
    "552a(d)(4)); `statement` is null where your roles may not read the disputed field "
    "in clear, or its words were erased with the record.",
    "items": {
        "type": "object",
        "properties": {
            "field": {"type": "string"},
            "filed_on": {"type": "string", "format": "date"},
            "statement": {"type": "string", "nullable": True},
        },
        "required": ["field", "filed_on", "statement"],
    },
}


class GatedSerializerExtension(OpenApiSerializerExtension):
    target_class = "access.serializers.GatedModelSerializer"
    match_subclasses = True

    def get_name(self, auto_schema, direction):
        return None  # the serializer's own component name

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        model = self.target.Meta.model
        described = schema_access(model)
        properties = schema.get("properties", {})
        if direction == "response":
            for name, accesses in described.items():
                if Access.MASKED in accesses and name in properties:
                    properties[name] = {"anyOf": [properties[name], MASKED]}
            properties[DISPUTES_KEY] = STATEMENTS
        schema.pop("required", None)  # a role or a row may hide any field
        schema["description"] = (
            f"A {model._meta.verbose_name} as your roles show it: a field your roles do not "
            "see on this row is absent; one they see masked is a masked string."
        )
        return schema


__all__ = ["GatedSerializerExtension"]


class VerifiedSessionScheme(SessionScheme):
    """The session cookie, as drf-spectacular describes REST framework's own (a session
    that has not passed a staff account's second factor is refused: access/authentication.py)."""

    target_class = "access.authentication.VerifiedSessionAuthentication"


class AccountTokenScheme(KnoxTokenScheme):
    """knox's token, as drf-spectacular describes knox's own class (ours reads the
    caller's account with it: access/authentication.py)."""

    target_class = "access.authentication.AccountTokenAuthentication"
