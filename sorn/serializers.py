"""The policy gate in the API: serializers that render only what the requesting user may
see (masked where the policy masks) and refuse, whole, a write that names a field the user
may not change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from audit.constants import AccessChannel
from audit.reads import record_read
from lib.masking import mask
from sorn.policy import Access, mask_kind, readable_fields


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


class GatedModelSerializer(serializers.ModelSerializer):
    """A model serializer whose fields are decided per request by sorn.policy.

    Subclasses name their model (Meta.model, Meta.fields = "__all__") and may declare
    nested gated serializers in `nested` (attribute name → serializer class); those are
    gated the same way and read-only.
    """

    nested: Mapping[str, type[GatedModelSerializer]] = {}

    @property
    def user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_fields(self):
        fields = super().get_fields()
        model = self.Meta.model
        if self.user is None:  # schema generation: describe the widest shape
            return fields
        allowed = readable_fields(self.user, model)
        gated: dict[str, serializers.Field] = {}
        for name, field in fields.items():
            access = allowed.get(name)
            if access is None:
                continue  # hidden: absent
            if access == Access.MASKED:
                gated[name] = MaskedField(mask_kind(model, name))
            else:
                if access != Access.WRITE:
                    field.read_only = True
                gated[name] = field
        for name, serializer_class in self.nested.items():
            gated[name] = serializer_class(many=True, read_only=True, context=self.context)
        return gated

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self.user is not None:
            view = self.context.get("view")
            channel = (
                AccessChannel.API_LIST
                if getattr(view, "action", None) == "list"
                else AccessChannel.API_DETAIL
            )
            shown = [name for name in data if name not in self.nested]
            record_read(self.user, channel, type(instance), [instance], shown)
        return data

    def to_internal_value(self, data):
        # A write that names a field the user may not change is refused whole, naming it;
        # nothing is saved.
        if isinstance(data, Mapping):
            writable = {
                name
                for name, field in self.fields.items()
                if not field.read_only and not isinstance(field, serializers.BaseSerializer)
            }
            refused = sorted(set(data) - writable)
            if refused:
                raise PermissionDenied(
                    f"You may not change: {', '.join(refused)}.", code="field_not_writable"
                )
        return super().to_internal_value(data)
