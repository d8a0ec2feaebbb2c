"""The gate in the admin: every change list, change form, search box, filter, facet, inline
and export of a record model asks the access layer what the user may see and change, row
by row.

- models a user's roles cannot see are absent from the admin index, and their URLs 403;
- rows outside the systems in which the user sees the model are not found;
- each cell and each form field shows what the user may see *on that row* (a Mint-only
  customer shows no USPS-only field): hidden is absent (a blank cell), masked is masked
  and read-only, readable but not writable is read-only;
- search, filters, facets, ordering and URL lookups reach only fields the user reads in
  clear on every row it may see; a crafted `?field__startswith=` on any other field is
  refused (400) and changes nothing; a search the role cannot make says so;
- a filter on a row's system offers, and accepts, only the user's own systems: a person's
  membership of another system is a fact about that system;
- nobody deletes a record in the admin (records are destroyed by the retention schedule),
  and the per-object history (Django's log entries) is off: changes are read, audited, in
  the audit app;
- "Export selected as CSV" writes only what the user may see, as the user may see it,
  with spreadsheet formulas neutralised.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets as admin_widgets
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils.html import format_html

from access.disclosures_admin import DisclosureEntryAdmin
from access.exports import export_csv
from access.gate import Gate, dispute_notes
from access.models import PolicyGrant
from access.policy import (
    HIDDEN,
    Access,
    can_see_model,
    clear_systems,
    field_access,
    in_systems,
    mask_kind,
    readable_fields,
    restrict_queryset,
    rights_on,
    row_systems,
    searchable_systems,
    shown_value,
    visible_systems,
)
from access.signin import LockoutAdmin
from audit.constants import AccessChannel
from audit.models import DisclosureAccounting
from keystore.fields import BlindIndexField, EncryptedMixin, EncryptedTextField, index_token
from lib.masking import mask
from sorn.admin import ReadOnlyAdmin
from sorn.classification import registry

RIGHTS = "_gate_rights"  # the attribute a listed row carries its rights in

# A change list fits a 1280-pixel window: a cell's text is cut at this many characters
# (the whole value on hover only where the role reads it in clear on that row).
CELL_CHARS = 40


def record_number(obj) -> Any:
    """A row's link in every change list: its number, which every role that sees the
    model may read (never a value the policy might mask or hide)."""
    return obj.pk


record_number.short_description = "No."
record_number.admin_order_field = "pk"
record_number.gate_safe = True


def _truncated(value: Any, access: Access) -> Any:
    """A long text cut to CELL_CHARS; the whole value in a title (shown on hover) only
    where the user reads it in clear: a masked value is never completed there."""
    if not isinstance(value, str) or len(value) <= CELL_CHARS:
        return value
    short = value[: CELL_CHARS - 1].rstrip() + "…"
    if access >= Access.READ:
        return format_html('<span title="{}">{}</span>', value, short)
    return short


@cache
def _masked_display(model: type[models.Model], name: str) -> Callable[[Any], str]:
    """The masking read-only display of a field on a change form; one per field, so the
    admin can recognise it among the read-only fields by identity."""
    how = mask_kind(model, name)
    field = model._meta.get_field(name)

    def display(obj) -> str:
        return mask(getattr(obj, field.attname), how)

    display.short_description = str(field.verbose_name)
    display.gated_field = name
    display.__name__ = f"masked_{name}"
    return display


@cache
def _cell(model: type[models.Model], name: str) -> Callable[[Any], Any]:
    """A change-list column that shows each row's value as the user may see it on that
    row: the rights were put on the row by the change list; a row without them shows
    nothing (fail closed)."""
    field = model._meta.get_field(name)

    def display(obj) -> Any:
        access = getattr(obj, RIGHTS, {}).get(name, Access.NONE)
        value = shown_value(obj, name, access)
        if value is HIDDEN or value is None:
            return ""
        if field.choices and access >= Access.READ:
            return dict(field.flatchoices).get(value, value)
        if field.is_relation and access >= Access.READ:
            return str(getattr(obj, name))
        return _truncated(value, access)

    display.short_description = str(field.verbose_name)
    display.gated_field = name
    display.__name__ = name  # the column's CSS class is column-<field name>
    if not isinstance(field, EncryptedMixin):
        display.admin_order_field = name
    return display


def _single_line_widget(model: type[models.Model], field) -> forms.Widget:
    """The admin's single-line input for an encrypted value, of the value's type: e-mail
    and URL from the field, a telephone number from its blind index's kind."""
    kinds = {
        model._meta.get_field(index).kind
        for index, source in registry.facts(model).blind_indexes.items()
        if source == field.name
    }
    input_type = "tel" if "phone" in kinds else field.input_type
    return admin_widgets.AdminTextInputWidget(attrs={"type": input_type})


def lookup_path(model: type[models.Model], path: str) -> list[tuple[type[models.Model], Any]]:
    """The fields a lookup path walks (`person__email__iexact`: Person.email), each with
    the model it belongs to; the trailing lookups and transforms are not fields. Raises
    FieldDoesNotExist for a path that names no field at all."""
    walked: list[tuple[type[models.Model], Any]] = []
    current = model
    for part in path.split(LOOKUP_SEP):
        if current is None:
            break  # past a plain field: lookups (exact, in, year, isnull...)
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            if not walked:
                raise
            break
        walked.append((current, field))
        current = field.related_model if field.is_relation else None
    return walked


def path_access(user, model: type[models.Model], path: str) -> Access:
    """What a search or filter along `path` reads: the weakest link along the way, each
    field counted in clear only where the user reads it in clear on *every* row it may
    see (a filter answers for every row it lists)."""
    path = path.lstrip("^=@")
    try:
        walked = lookup_path(model, path)
    except FieldDoesNotExist:
        return Access.NONE
    access = Access.WRITE
    for owner, field in walked:
        if field.is_relation and not field.concrete:
            # A reverse relation: reaching the related rows needs the right to see them;
            # and a join reaches all of them, so never rows that belong to systems (a
            # person's relationships): those of other systems would answer too. Their
            # system itself is filtered by `system_filter`, within the user's systems.
            related = field.related_model
            if not can_see_model(user, related):
                return Access.NONE
            if registry.facts(related).system_field and path != _system_path(walked, field):
                return Access.NONE
            continue
        if field.name in registry.facts(owner).machinery:
            return Access.NONE
        seen = visible_systems(user, owner)
        if not seen:
            return Access.NONE
        clear = clear_systems(user, owner, field.name)
        access = min(access, field_access(user, owner, field.name))
        if clear != seen:
            access = min(access, Access.MASKED)
    return access


def _system_path(walked, reverse) -> str | None:
    """The path up to and including a reverse relation's `system` field."""
    names = []
    for _owner, field in walked:
        names.append(field.name)
        if field is reverse:
            return LOOKUP_SEP.join([*names, registry.facts(field.related_model).system_field])
    return None


def _names_a_system(model: type[models.Model], path: str):
    """The model whose rows a path's last field assigns to a system (`system`,
    `relationships__system`), or None."""
    try:
        walked = lookup_path(model, path)
    except FieldDoesNotExist:
        return None
    if not walked:
        return None
    owner, field = walked[-1]
    return owner if field.name == registry.facts(owner).system_field else None


def system_filter(path: str, owner: type[models.Model]) -> type[admin.SimpleListFilter]:
    """A filter on a row's system that offers only the user's own systems, and counts
    facets only over them."""

    class SystemFilter(admin.SimpleListFilter):
        title = "system"
        parameter_name = path

        def lookups(self, request, model_admin):
            labels = dict(owner._meta.get_field("system").flatchoices)
            return [(s, labels.get(s, s)) for s in sorted(visible_systems(request.user, owner))]

        def queryset(self, request, queryset):
            value = self.value()
            if value is None:
                return queryset
            if value not in visible_systems(request.user, owner):
                return queryset.none()
            return queryset.filter(**{path: value}).distinct()

    return SystemFilter


def answering_only_its_fields(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """The form, answering the model's own checks (`clean()`) only about the fields it
    edits. A check on a field the user cannot change here may judge values the user
    cannot read (a Mint order's handler "had no system access on that date": a staff
    member's access dates, security-log data); answering it, refused or saved, would
    tell them one guess at a time, and a user cannot mend what it cannot see. Django
    itself fails with a server error on such an error (ValueError: no such field). The
    check still holds wherever a user who edits that field saves; the API runs no model
    checks at all."""

    class AnsweringOnlyItsFields(form_class):
        def _update_errors(self, errors):
            if hasattr(errors, "error_dict"):
                kept = {
                    name: messages
                    for name, messages in errors.error_dict.items()
                    if name == NON_FIELD_ERRORS or name in self.fields
                }
                if not kept:
                    return
                errors = ValidationError(kept)
            super()._update_errors(errors)

    AnsweringOnlyItsFields.__name__ = form_class.__name__
    return AnsweringOnlyItsFields


class GatedChangeList(ChangeList):
    """Django's change list sorts by `?o=<column>` whatever `sortable_by` says; an order
    over values the user sees masked or not at all would tell them."""

    def get_ordering_field(self, field_name):
        if field_name not in self.sortable_by:
            return None
        return super().get_ordering_field(field_name)

    def get_ordering(self, request, queryset):
        # The default order (the admin's or the model's Meta.ordering) as much as ?o=:
        # only by what the user reads in clear on every row, and a link by the linked
        # row's number, since Django sorts a relation by the related model's own
        # ordering (a customer ID, an application number the user may not read).
        kept = []
        for item in super().get_ordering(request, queryset):
            ordered = self._ordering_by_clear_values(request.user, item)
            if ordered is not None:
                kept.append(ordered)
        return self._get_deterministic_ordering(kept)

    def _ordering_by_clear_values(self, user, item):
        if not isinstance(item, str):
            return None  # an expression: nothing here orders by one
        descending, path = item.startswith("-"), item.lstrip("-")
        if path in ("pk", self.lookup_opts.pk.name):
            return item
        try:
            walked = lookup_path(self.model, path)
        except FieldDoesNotExist:
            return None
        field = walked[-1][1]
        if field.is_relation and field.concrete and len(walked) == 1:
            path = field.attname  # the linked row's number, not its model's ordering
        elif field.is_relation or path_access(user, self.model, path) < Access.READ:
            return None
        return f"-{path}" if descending else path


class GatedAdminMixin:
    """Mixed into ModelAdmin and InlineModelAdmin classes of record models."""

    def get_changelist(self, request, **kwargs):
        return GatedChangeList

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
            access == Access.WRITE for access in self._rights(request, obj).values()
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

    def history_view(self, request, object_id, extra_context=None):
        # Django's log entries say who changed which fields, unaudited and past the
        # policy; a record's changes are read in the audit app (ChangeEntry), audited.
        raise PermissionDenied

    # -- rights of the row on the form -------------------------------------------------

    def _row_systems(self, obj) -> frozenset[str] | None:
        """The systems of the row a form shows (None: a new row, judged model-wide)."""
        if obj is None or obj.pk is None:
            return None
        return row_systems(type(obj), [obj])[obj.pk]

    def _rights(self, request, obj=None) -> dict[str, Access]:
        systems = self._row_systems(obj)
        if systems is None:
            return readable_fields(request.user, self.model)
        return rights_on(request.user, self.model, systems)

    def _display_fields(self, request, obj=None) -> list:
        """Every field the user may see on the row, in model order: names for readable
        fields, masking callables for masked ones. Where the admin names its `fields`,
        only those: the gate narrows what an admin shows, never widens it."""
        declared = set(self.fields) if self.fields else None
        shown: list = []
        for name, access in self._rights(request, obj).items():
            if declared is not None and name not in declared:
                continue
            field = self.model._meta.get_field(name)
            if access == Access.MASKED:
                shown.append(_masked_display(self.model, name))
            elif field.editable or access >= Access.READ:
                shown.append(name)
        return shown

    def get_fields(self, request, obj=None):
        return self._display_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": self.get_fields(request, obj)})]

    def get_readonly_fields(self, request, obj=None):
        # Read-only where the row's rights say so, and wherever the admin itself says
        # (an inline declared read-only stays so, whatever the role may write).
        allowed = self._rights(request, obj)
        declared = {f for f in self.readonly_fields if isinstance(f, str)}
        readonly = []
        for item in self._display_fields(request, obj):
            if callable(item):
                readonly.append(item)
                continue
            field = self.model._meta.get_field(item)
            if allowed[item] != Access.WRITE or not field.editable or item in declared:
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
        return answering_only_its_fields(super().get_form(request, obj, change=change, **kwargs))

    def get_exclude(self, request, obj=None):
        allowed = self._rights(request, obj)
        return [f.name for f in self.model._meta.concrete_fields if f.name not in allowed]

    # -- form widgets ------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Encrypted text is a TextField for its ciphertext's sake; a single-line value
        # (a name, an e-mail, a phone, a street, a ZIP, a URL, an identifier) is edited
        # in a single-line input of its type, here for every record admin and inline.
        if isinstance(db_field, EncryptedTextField) and db_field.single_line:
            kwargs.setdefault("widget", _single_line_widget(self.model, db_field))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

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
        if field_access(request.user, self.model, name) == Access.NONE:
            return None
        return _cell(self.model, name)

    def _tells_nothing(self, request, item) -> bool:
        """A column the role reads fully masked on every row ("•••" in each cell) or the
        row's number again: it would only take width."""
        name = getattr(item, "gated_field", None)
        if item == "__str__" or name == self.model._meta.pk.name:
            return True
        return (
            name is not None
            and field_access(request.user, self.model, name) == Access.MASKED
            and mask_kind(self.model, name) == "full"
        )

    def get_list_display(self, request):
        columns = [self._column(request, item) for item in super().get_list_display(request)]
        columns = [c for c in columns if c is not None and not self._tells_nothing(request, c)]
        return [record_number, *columns]

    def get_list_display_links(self, request, list_display):
        return [record_number]

    def get_list_select_related(self, request):
        """The linked records the declared columns show, joined: the gate's columns are
        functions (`_cell`), which Django's automatic join does not recognise, so a list
        of meeting devices fetched each row's session one by one (bench/
        retention_dashboard.py, tests/access/test_changelist_queries.py)."""
        declared = super().get_list_select_related(request)
        if declared is not False:
            return declared
        linked = []
        for item in super().get_list_display(request):
            try:
                field = self.model._meta.get_field(item) if isinstance(item, str) else None
            except FieldDoesNotExist:
                continue
            if field is not None and field.concrete and (field.many_to_one or field.one_to_one):
                linked.append(item)
        return linked or False

    def get_sortable_by(self, request):
        # Ciphertext sorts nowhere meaningful, and an order over values some rows hide
        # would tell them: only columns read in clear on every row the user sees.
        return [record_number] + [
            column
            for column in self.get_list_display(request)
            if getattr(column, "gated_field", None)
            and getattr(column, "admin_order_field", None)
            and path_access(request.user, self.model, column.gated_field) >= Access.READ
        ]

    def get_list_filter(self, request):
        kept = []
        for entry in super().get_list_filter(request):
            path = entry[0] if isinstance(entry, tuple | list) else entry
            if not isinstance(path, str):
                kept.append(entry)  # a SimpleListFilter of the admin's own
                continue
            owner = _names_a_system(self.model, path)
            if owner is not None:
                kept.append(system_filter(path, owner))
            elif path_access(request.user, self.model, path) >= Access.READ:
                kept.append(entry)
        return kept

    def get_search_fields(self, request):
        return [
            path
            for path in super().get_search_fields(request)
            if path_access(request.user, self.model, path) >= Access.READ
        ]

    def lookup_allowed(self, lookup, value, request=None):
        if request is None:
            return False
        if path_access(request.user, self.model, lookup) < Access.READ:
            return False
        owner = _names_a_system(self.model, lookup)
        if owner is not None:
            system_field = registry.facts(owner).system_field
            if lookup.rsplit(LOOKUP_SEP, 1)[-1] not in (system_field, "exact", "in"):
                return False  # a range (__gt, __startswith) would reach other systems
            asked = {v for v in str(value).split(",") if v}
            if not asked <= visible_systems(request.user, owner):
                return False  # membership of another system is not the user's to see
        return super().lookup_allowed(lookup, value, request)

    # -- reading -----------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            rows = list(changelist.result_list)
            gate = Gate(request.user, AccessChannel.ADMIN_LIST)
            rights = gate.rights_of_rows(self.model, rows)
            shown = [
                c.gated_field for c in self.get_list_display(request) if hasattr(c, "gated_field")
            ]
            for row in rows:
                setattr(row, RIGHTS, rights[row.pk])
            gate.record(self.model, rows, shown)
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", None) or {}
        original = context.get("original")
        if original is not None and original.pk is not None:
            gate = Gate(request.user, AccessChannel.ADMIN_FORM)
            gate.record(self.model, [original], list(self._rights(request, original)))
            # Statements of disagreement on the record or its inline rows, noted at the
            # top of the form (5 U.S.C. 552a(d)(4)).
            disputes = dispute_notes(gate, self.model, [original], "")
            for inline in context.get("inline_admin_formsets", []):
                rows = [form.instance for form in inline.formset.forms if form.instance.pk]
                inline_model = inline.formset.model
                fields = list(inline.opts._rights(request, original))
                gate.record(inline_model, rows, fields)
                disputes += dispute_notes(gate, inline_model, rows, inline_model._meta.verbose_name)
            context["disputes"] = disputes
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


class GatedInlineMixin(GatedAdminMixin):
    """For inlines: the same field rules, applied to each inline form with the rights of
    the parent row's systems (an address or a phone belongs where its person does)."""

    def _row_systems(self, obj) -> frozenset[str] | None:
        if obj is None or obj.pk is None:
            return None
        own = frozenset(registry.get(self.model).systems)
        if len(own) == 1:
            return own
        return own & row_systems(type(obj), [obj])[obj.pk]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["fields"] = self._form_fields(request, obj)
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = answering_only_its_fields(formset.form)
        return formset


def labelled_by_column(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """The form, each input named by its field's label (aria-label): a tabular inline
    shows the labels once, as column headings, and leaves every input of its rows without
    a label of its own (WCAG 2.1, 1.3.1 and 4.1.2)."""

    class LabelledByColumn(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                if field.label is not None:
                    field.widget.attrs.setdefault("aria-label", str(field.label))

    LabelledByColumn.__name__ = form_class.__name__
    return LabelledByColumn


class RecordTabularInline(GatedInlineMixin, admin.TabularInline):
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = labelled_by_column(formset.form)
        return formset


class RecordStackedInline(GatedInlineMixin, admin.StackedInline):
    extra = 0


def _could_be(kind: str, term: str) -> bool:
    """Whether a search term has the shape of an identifier of this kind: it has a
    normal form, and a name or an address is not an e-mail or a number."""
    if not index_token(kind, term):
        return False
    if kind in ("name", "address"):
        return "@" not in term and not any(c.isdigit() for c in term)
    return True


class RecordAdmin(GatedAdminMixin, admin.ModelAdmin):
    """A record model's admin behind the gate. Its search box goes through the blind
    indexes (an exact, normalised match: the admin never filters on ciphertext), and only
    through the indexes of fields the user reads in clear, reaching only rows of the
    systems where it does; plain `search_fields` (clear identifiers such as order
    numbers) work as usual where the user reads them in clear on every row."""

    blind_search = True
    # Notes any statement of disagreement above the form (access/admin.py changeform_view).
    change_form_template = "admin/record_change_form.html"
    list_per_page = 50
    show_full_result_count = False  # a COUNT(*) over millions of rows per page is waste

    def _blind_indexes(self, request) -> tuple[list[tuple[BlindIndexField, frozenset]], list]:
        """(index, systems where its value is read in clear) the user may search by, and
        the indexes it may not."""
        allowed, refused = [], []
        for index, _source in registry.facts(self.model).blind_indexes.items():
            if not self.blind_search:
                break
            field = self.model._meta.get_field(index)
            systems = searchable_systems(request.user, self.model, index)
            if systems:
                allowed.append((field, systems))
            else:
                refused.append(field)
        return allowed, refused

    def _index_label(self, field: BlindIndexField) -> str:
        try:
            label = str(self.model._meta.get_field(field.source).verbose_name)
        except FieldDoesNotExist:
            label = field.source.replace("_", " ")  # a computed source: full_name
        return "whole name" if field.source == "full_name" else label

    def _path_label(self, path: str) -> str:
        how = {"^": " (start)", "=": "", "@": ""}.get(path[:1], " (part)")
        path = path.lstrip("^=@")
        if path in ("pk", self.model._meta.pk.name):
            return "record number"
        try:
            return str(lookup_path(self.model, path)[-1][1].verbose_name) + how
        except (FieldDoesNotExist, IndexError):
            return path.replace("__", " ") + how

    def search_identifiers(self, request) -> tuple[list[str], list[str]]:
        """The labels of what the user may search this list by, and of what it may not
        (the same for every search: what the role reads, never what is stored)."""
        indexes, refused = self._blind_indexes(request)
        declared = [p for p in super(GatedAdminMixin, self).get_search_fields(request)]
        can = ["record number"]
        can += [
            self._path_label(p)
            for p in declared
            if path_access(request.user, self.model, p) >= Access.READ
        ]
        can += [self._index_label(field) for field, _systems in indexes]
        cannot = [self._index_label(field) for field in refused]
        cannot += [
            self._path_label(p)
            for p in declared
            if path_access(request.user, self.model, p) < Access.READ
        ]
        return list(dict.fromkeys(can)), [c for c in dict.fromkeys(cannot) if c not in can]

    def search_help(self, request) -> str:
        can, cannot = self.search_identifiers(request)
        text = (
            "Your role can search by: " + ", ".join(can) + ". Values match whole, "
            "ignoring case and accents, unless marked (part) or (start)."
        )
        if cannot:
            text += " It cannot search by: " + ", ".join(cannot) + "."
        return text

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.search_help_text = self.search_help(request)
        return changelist

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        indexes, refused = self._blind_indexes(request)
        # A term shaped like an identifier the role may not search by (an e-mail, a
        # phone number) is not looked for by it: say so, rather than let "0 results"
        # pass for an answer. The words depend on the term and the role, never on what
        # is stored.
        unsearched = [
            self._index_label(field) for field in refused if _could_be(field.kind, term)
        ] + [
            self._path_label(path)
            for path in super(GatedAdminMixin, self).get_search_fields(request)
            if path_access(request.user, self.model, path) < Access.READ
        ]
        if unsearched and request.method == "GET" and "term" not in request.GET:
            messages.warning(
                request,
                "Your role cannot search by "
                + " or ".join(dict.fromkeys(unsearched))
                + ": this search did not look for it, so what is listed says nothing "
                "about it.",
            )
        matched = queryset.none()
        for field, systems in indexes:
            token = index_token(field.kind, term)
            if token:
                matched = matched | in_systems(queryset.filter(**{field.name: token}), systems)
        if term.isdigit():
            matched = matched | queryset.filter(pk=int(term))  # a record's number
        if self._declared_search_fields(request):
            plain, may_have_duplicates = super().get_search_results(request, queryset, term)
            return matched | plain, may_have_duplicates
        return matched, False

    def _declared_search_fields(self, request) -> list[str]:
        return [f for f in super().get_search_fields(request) if f != "=pk"]

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        # The change list shows its search box only when search_fields is not empty; the
        # blind indexes and the record number are searched by get_search_results.
        return fields or (["=pk"] if self._sees(request) else [])


@admin.register(PolicyGrant)
class PolicyGrantAdmin(ReadOnlyAdmin):
    """The role policy, read-only: it is changed in access/policy.py, reviewed like code."""

    list_display = ["data_class", "role", "access", "reason"]
    list_filter = ["role", "access", "data_class"]
    search_fields = ["data_class", "role"]
    readonly_fields = ["data_class", "role", "access", "scope", "reason"]
    exclude = ["position"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff


# The accounting of disclosures' entry form searches people through the gate.
admin.site.register(DisclosureAccounting, DisclosureEntryAdmin)

# Issue 14, item 2: lockouts, for security administrators to lift (access/signin.py).
admin.site.register(AccessAttempt, LockoutAdmin)

from access import service_accounts_admin  # noqa: E402,F401  (registers ServiceAccountAdmin)
