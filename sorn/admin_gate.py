"""The policy gate in the admin: every change list, change form, search box, filter,
inline and export of a record model asks sorn.policy what the user may see and change.

- models a user's roles cannot see are absent from the admin index, and their URLs 403;
- rows outside the user's systems are not found (the queryset is restricted);
- hidden fields are absent everywhere; masked fields are read-only and masked; fields the
  user may read but not write are read-only;
- search, filters, ordering and URL lookups only reach fields the user may read in clear
  (a date_hierarchy must name an internal date, which every role that sees the model reads);
  a crafted `?field__startswith=` on any other field is refused (400) and changes nothing;
- nobody deletes a record in the admin: records are destroyed by the retention schedule;
- "Export selected as CSV" writes only what the user may see, as the user may see it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache
from typing import Any

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpResponse

from audit.constants import AccessChannel
from audit.reads import record_read
from lib.masking import mask
from sorn.policy import (
    HIDDEN,
    Access,
    can_see_model,
    field_access,
    mask_kind,
    readable_fields,
    restrict_queryset,
    visible_value,
)


@cache
def _masked_display(model: type[models.Model], name: str) -> Callable[[Any], str]:
    """The masking column/read-only display of a field; one per field, so the admin can
    recognise it among the read-only fields by identity."""
    how = mask_kind(model, name)
    field = model._meta.get_field(name)

    def display(obj) -> str:
        return mask(getattr(obj, field.attname), how)

    display.short_description = str(field.verbose_name)
    display.gated_field = name
    display.__name__ = f"masked_{name}"
    return display


def path_access(user, model: type[models.Model], path: str) -> Access:
    """Access to the field at the end of a lookup path (`person__email`,
    `relationships__system`): the weakest link along the way."""
    access = Access.WRITE
    current = model
    for part in path.split("__"):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return access if current is not model else Access.NONE  # a lookup (__exact…)
        if field.is_relation and not field.concrete:
            # A reverse relation: reaching the related rows needs the right to see them.
            if not can_see_model(user, field.related_model):
                return Access.NONE
            current = field.related_model
            continue
        access = min(access, field_access(user, current, part))
        if field.is_relation:
            current = field.related_model
    return access


class GatedAdminMixin:
    """Mixed into ModelAdmin and InlineModelAdmin classes of record models."""

    # -- permissions -------------------------------------------------------------------

    def _sees(self, request) -> bool:
        return (
            request.user.is_active
            and request.user.is_staff
            and can_see_model(request.user, self.model)
        )

    def has_module_permission(self, request) -> bool:
        return self._sees(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._sees(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._sees(request) and any(
            access == Access.WRITE for access in readable_fields(request.user, self.model).values()
        )

    def has_add_permission(self, request, obj=None) -> bool:
        # A record may be created only by a user who may write every field it requires.
        if not self._sees(request):
            return False
        required = [
            f.name
            for f in self.model._meta.concrete_fields
            if f.editable and not f.blank and not f.has_default() and not f.primary_key
        ]
        allowed = readable_fields(request.user, self.model)
        return bool(required) and all(allowed.get(n) == Access.WRITE for n in required)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # records are destroyed by the retention schedule, never by hand

    def get_queryset(self, request):
        return restrict_queryset(request.user, super().get_queryset(request))

    # -- forms -------------------------------------------------------------------------

    def _display_fields(self, request) -> list:
        """Every field the user may see, in model order: names for readable fields,
        masking callables for masked ones."""
        allowed = readable_fields(request.user, self.model)
        shown: list = []
        for name, access in allowed.items():
            field = self.model._meta.get_field(name)
            if access == Access.MASKED:
                shown.append(_masked_display(self.model, name))
            elif field.editable or access >= Access.READ:
                shown.append(name)
        return shown

    def get_fields(self, request, obj=None):
        return self._display_fields(request)

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": self.get_fields(request, obj)})]

    def get_readonly_fields(self, request, obj=None):
        allowed = readable_fields(request.user, self.model)
        readonly = []
        for item in self._display_fields(request):
            if callable(item):
                readonly.append(item)
                continue
            field = self.model._meta.get_field(item)
            if allowed[item] != Access.WRITE or not field.editable:
                readonly.append(item)
        return readonly

    def _form_fields(self, request, obj=None) -> list[str]:
        """The model fields a form edits: the writable ones (read-only fields and masked
        displays are rendered beside the form, not in it)."""
        readonly = {f for f in self.get_readonly_fields(request, obj) if isinstance(f, str)}
        return [
            f for f in self.get_fields(request, obj) if isinstance(f, str) and f not in readonly
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = self._form_fields(request, obj)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_exclude(self, request, obj=None):
        allowed = readable_fields(request.user, self.model)
        return [f.name for f in self.model._meta.concrete_fields if f.name not in allowed]

    # -- change lists ------------------------------------------------------------------

    def _column(self, request, item):
        """A list_display entry as the user may see it, or None when hidden."""
        name = getattr(item, "gated_field", None) if callable(item) else item
        if name is None:
            # A computed column that declares no field: shown only when it says it renders
            # nothing about a person (gate_safe = True).
            target = item if callable(item) else getattr(self, item, None)
            return item if getattr(target, "gate_safe", False) or item == "__str__" else None
        try:
            self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        access = field_access(request.user, self.model, name)
        if access == Access.NONE:
            return None
        if access == Access.MASKED:
            return _masked_display(self.model, name)
        return name

    def get_list_display(self, request):
        columns = [self._column(request, item) for item in super().get_list_display(request)]
        columns = [c for c in columns if c is not None]
        return columns or ["__str__"]

    def get_list_display_links(self, request, list_display):
        return list_display[:1]

    def get_sortable_by(self, request):
        # Ciphertext sorts nowhere meaningful: encrypted columns are not sortable.
        from keystore.fields import EncryptedMixin

        sortable = []
        for column in self.get_list_display(request):
            if not isinstance(column, str) or column == "__str__":
                continue
            try:
                field = self.model._meta.get_field(column)
            except FieldDoesNotExist:
                continue
            if not isinstance(field, EncryptedMixin):
                sortable.append(column)
        return sortable

    def get_list_filter(self, request):
        kept = []
        for entry in super().get_list_filter(request):
            path = entry[0] if isinstance(entry, tuple | list) else entry
            if isinstance(path, str) and path_access(request.user, self.model, path) >= Access.READ:
                kept.append(entry)
        return kept

    def get_search_fields(self, request):
        return [
            path
            for path in super().get_search_fields(request)
            if path_access(request.user, self.model, path.lstrip("^=@")) >= Access.READ
        ]

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and path_access(request.user, self.model, lookup) < Access.READ:
            return False
        return super().lookup_allowed(lookup, value, request)

    # -- recording reads ---------------------------------------------------------------

    def _shown_fields(self, request) -> list[str]:
        return [
            getattr(item, "gated_field", item)
            for item in self.get_list_display(request)
            if (isinstance(item, str) and item != "__str__") or hasattr(item, "gated_field")
        ]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            record_read(
                request.user,
                AccessChannel.ADMIN_LIST,
                self.model,
                list(changelist.result_list),
                self._shown_fields(request),
            )
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", None) or {}
        original = context.get("original")
        if original is not None and original.pk is not None:
            record_read(
                request.user,
                AccessChannel.ADMIN_FORM,
                self.model,
                [original],
                list(readable_fields(request.user, self.model)),
            )
            for inline in context.get("inline_admin_formsets", []):
                rows = [form.instance for form in inline.formset.forms if form.instance.pk]
                inline_model = inline.formset.model
                record_read(
                    request.user,
                    AccessChannel.ADMIN_FORM,
                    inline_model,
                    rows,
                    list(readable_fields(request.user, inline_model)),
                )
        return response

    # -- inlines -----------------------------------------------------------------------

    def get_inline_instances(self, request, obj=None):
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            # An inline that is not gated would show fields past the policy: fail closed.
            if isinstance(inline, GatedAdminMixin)
        ]

    # -- exports -----------------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        if self._sees(request):
            actions["export_csv"] = (
                export_csv,
                "export_csv",
                "Export selected as CSV (what you may see)",
            )
        return actions


def export_rows(user, queryset) -> tuple[list[str], list[list[str]], list]:
    """Header, rows and records of an export: the user's readable fields, values as
    the user may see them. The one function every export (CSV now, request packages
    later) uses; the caller records the read with the channel it serves."""
    model = queryset.model
    names = list(readable_fields(user, model))
    rows = []
    shown = []
    for obj in restrict_queryset(user, queryset):
        shown.append(obj)
        row = []
        for name in names:
            value = visible_value(user, obj, name)
            row.append("" if value is HIDDEN or value is None else str(value))
        rows.append(row)
    return names, rows, shown


def export_csv(modeladmin, request, queryset) -> HttpResponse:
    names, rows, shown = export_rows(request.user, queryset)
    record_read(request.user, AccessChannel.CSV_EXPORT, queryset.model, shown, names)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{modeladmin.model._meta.model_name}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(names)
    writer.writerows(rows)
    return response


class GatedInlineMixin(GatedAdminMixin):
    """For inlines: the same field rules, applied to each inline form."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["fields"] = self._form_fields(request, obj)
        return super().get_formset(request, obj, **kwargs)


class GatedTabularInline(GatedInlineMixin, admin.TabularInline):
    extra = 0


class GatedStackedInline(GatedInlineMixin, admin.StackedInline):
    extra = 0
