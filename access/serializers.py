"""The gate in the API: serializers that render only what the requesting user may see of
each row (masked where the policy masks it on that row) and refuse, whole, a write that
names a field the user may not change on that row. With no requesting user they refuse;
only drf-spectacular's schema generation (`swagger_fake_view`) gets the field list, and
never a value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as NoUser
from django.db.models import CheckConstraint
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from access.gate import Gate
from access.policy import Access, mask_kind, readable_fields, schema_access
from audit.constants import AccessChannel
from audit.disagreements import Dispute
from audit.reads import reads_batched, stated_purpose
from lib.api import FieldsRefused
from lib.masking import mask


class MaskedField(serializers.Field):
    """A field shown masked (•••• 1234, j•••@example.com, the year of a date)."""

    def __init__(self, how: str, **kwargs):
        self.how = how
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return mask(value, self.how)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return "" if value is None else value


# A viewset's actions that answer a list of records (`POST …/search/` is a list).
LIST_ACTIONS = frozenset({"list", "search"})


# Where a disputed record carries its statements of disagreement (5 U.S.C. 552a(d)(4)):
# every API response that shows the record, a disclosure to an external recipient's
# service account included.
DISPUTES_KEY = "statements_of_disagreement"


def with_disputes(item: dict, disputes: list[Dispute] | None) -> dict:
    """The row's representation, with its statements of disagreement when it has any
    (`Gate.disputes` decided whether their words show: null where not)."""
    if disputes:
        item[DISPUTES_KEY] = [d.as_json() for d in disputes]
    return item


class GatedListSerializer(serializers.ListSerializer):
    @property
    def data(self):
        gate = self.child.gate
        if gate is None:
            return super().data
        with reads_batched(gate.user, gate.purpose):  # one insert for the page
            return super().data

    def to_representation(self, data):
        rows = list(iter(data.all() if hasattr(data, "all") else data))  # iter: one fetch
        child = self.child
        gate = child.gate
        if gate is None:
            raise NoUser("The access layer reads records only for a known user.")
        model = child.Meta.model
        # The rows the user may see at all (nested rows are fetched unrestricted), their
        # rights learnt on the way, in one batch for the page.
        rows = gate.visible(model, rows)
        disputes = gate.disputes(model, rows)  # the page's statements, in one query
        shown, read = [], {}
        for row in rows:
            item, fields = child.render(gate, row)
            shown.append(with_disputes(item, disputes.get(row.pk)))
            read.setdefault(fields, []).append(row)
        for fields, group in read.items():  # one report per set of fields shown
            gate.record(model, group, fields)
        return shown


class GatedModelSerializer(serializers.ModelSerializer):
    """A model serializer whose fields are decided per request and per row by the access
    layer.

    Subclasses name their model (Meta.model, Meta.fields = "__all__") and may declare
    nested gated serializers in `nested` (attribute name → serializer class); those are
    gated the same way and read-only.
    """

    nested: Mapping[str, type[GatedModelSerializer]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = getattr(cls, "Meta", None)
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = GatedListSerializer

    @property
    def _describing_schema(self) -> bool:
        return getattr(self.context.get("view"), "swagger_fake_view", False)

    @property
    def gate(self) -> Gate | None:
        """The request's gate, shared by nested serializers; None only while the schema
        is generated. Without a requesting user the serializer refuses."""
        gate = self.__dict__.get("_gate") or self.context.get("_gate")
        if gate is None:
            if self._describing_schema:
                return None
            request = self.context.get("request")
            view = self.context.get("view")
            channel = (
                AccessChannel.API_LIST
                if getattr(view, "action", None) in LIST_ACTIONS
                else AccessChannel.API_DETAIL
            )
            purpose = stated_purpose(request) if request else ""
            gate = Gate(getattr(request, "user", None), channel, purpose)
            self.context["_gate"] = gate
        self.__dict__["_gate"] = gate
        return gate

    @property
    def data(self):
        gate = self.gate
        if gate is None:
            return super().data
        with reads_batched(gate.user, gate.purpose):  # the row and its nested rows at once
            return super().data

    def get_fields(self):
        fields = super().get_fields()
        model = self.Meta.model
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if self._describing_schema:
            return self._described_fields(fields)
        if self.gate is None and not self._describing_schema:
            raise NoUser("The access layer reads records only for a known user.")
        allowed = readable_fields(user, model)
        gated: dict[str, serializers.Field] = {}
        for name, field in fields.items():
            access = allowed.get(name)
            if access is None:
                continue  # hidden on every row: absent
            if access == Access.MASKED:
                gated[name] = MaskedField(mask_kind(model, name), required=False)
            else:
                if access != Access.WRITE:
                    field.read_only = True
                field.required = False  # a row of another system may not show it
                gated[name] = field
        for name, serializer_class in self.nested.items():
            gated[name] = serializer_class(many=True, read_only=True, context=self.context)
        return gated

    def _described_fields(self, fields: dict) -> dict:
        """The one shape the schema gives every caller (issue 13, item 5): each field some
        role sees on some row, none required (a role or a row may hide it), writable
        only where some role may change it; access/schema.py adds that a field some
        role sees masked may be a masked string."""
        described = schema_access(self.Meta.model)
        shape: dict[str, serializers.Field] = {}
        for name, field in fields.items():
            if name not in described:
                continue
            field.required = False
            if Access.WRITE not in described[name]:
                field.read_only = True
            shape[name] = field
        for name, serializer_class in self.nested.items():
            shape[name] = serializer_class(many=True, read_only=True, context=self.context)
        return shape

    def to_representation(self, instance):
        gate = self.gate
        if gate is None:
            raise NoUser("The access layer reads records only for a known user.")
        data, fields = self.render(gate, instance)
        gate.record(type(instance), [instance], fields)
        return with_disputes(data, gate.disputes(type(instance), [instance]).get(instance.pk))

    def render(self, gate: Gate, instance) -> tuple[dict, tuple[str, ...]]:
        """The row as the user may see it, and the fields of it shown (for the audit)."""
        shown, recorded = self._plan(gate, instance)
        data = {}
        for field, masked in shown:
            if masked is not None:  # masked on this row, shown in clear on others
                attname, how = masked
                value = getattr(instance, attname)
                data[field.field_name] = mask("" if value is None else value, how)
                continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            empty = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            data[field.field_name] = None if empty is None else field.to_representation(attribute)
        return data, recorded

    def _plan(self, gate: Gate, instance) -> tuple[list, tuple[str, ...]]:
        """Which fields a row shows and how, and which of them the audit records: the
        same for every row of the same systems, so worked out once per set of systems.
        A field absent from the row's rights (not published in its systems, or not the
        user's) is left out."""
        plans = self.__dict__.setdefault("_plans", {})
        key = gate.systems(instance)
        if key not in plans:
            rights = gate.rights(instance)
            model = type(instance)
            shown: list = []
            recorded: list[str] = []
            for field in self._readable_fields:
                name = field.field_name
                if name in self.nested:
                    shown.append((field, None))
                    continue
                access = rights.get(name, Access.NONE)
                if access == Access.NONE:
                    continue
                if access == Access.MASKED and not isinstance(field, MaskedField):
                    attname = model._meta.get_field(name).attname
                    shown.append((field, (attname, mask_kind(model, name))))
                else:
                    shown.append((field, None))
                recorded.append(name)
            plans[key] = (shown, tuple(recorded))
        return plans[key]

    def validate(self, attrs):
        """The row as the write would leave it, held to the model's check constraints (a
        flagged order gives its reason): 400 naming the rule, not the database's
        IntegrityError, a 500. REST framework checks each field and the unique
        constraints, never these; the admin's form does, with full_clean."""
        attrs = super().validate(attrs)
        if self.instance is not None:
            model = type(self.instance)
            fields = model._meta.concrete_fields
            row = model(**{f.attname: getattr(self.instance, f.attname) for f in fields})
            for name, value in attrs.items():
                setattr(row, name, value)
            for constraint in model._meta.constraints:
                if isinstance(constraint, CheckConstraint):
                    constraint.validate(model, row)
        return attrs

    def to_internal_value(self, data):
        # A write that names a field the user may not change on this row is refused
        # whole, naming it; nothing is saved.
        if isinstance(data, Mapping):
            rights = self.gate.rights(self.instance) if self.instance is not None else {}
            writable = {
                name
                for name, field in self.fields.items()
                if not field.read_only
                and not isinstance(field, serializers.BaseSerializer)
                and (self.instance is None or rights.get(name) == Access.WRITE)
            }
            refused = sorted(set(data) - writable)
            if refused:
                raise FieldsRefused(refused)
        return super().to_internal_value(data)
