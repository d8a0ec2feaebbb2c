"""The one entry point every channel calls: the admin, the API, exports, and (next) request
packages and tasks.

A `Gate` is a user working through a channel for a purpose. It restricts a queryset to the
rows the user may see, tells each row's rights (field → access, per the row's own
systems), projects rows into what the user may see of them, and records every read it
lets through in the audit (in the request's single bulk insert, or at once outside a
request, inside the caller's transaction). With no user it refuses: a code path without
a request (a Celery task building a request package) must say whose reading it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet

from access.policy import (
    HIDDEN,
    Access,
    Systems,
    can_amend,
    restrict_queryset,
    rights_on,
    row_systems,
    shown_value,
    visible_systems,
)
from audit.changes import writes_for
from audit.constants import AccessChannel
from audit.disagreements import Dispute, disputed_models, disputes_of
from audit.reads import record_read

# The name under which reading a statement's words is recorded with the record's reads.
DISPUTE_READ = "statement_of_disagreement"


class Gate:
    def __init__(self, user: Any, channel: AccessChannel | str, purpose: str = "") -> None:
        if user is None or not getattr(user, "is_authenticated", False):
            raise PermissionDenied("The access layer reads records only for a known user.")
        self.user = user
        self.channel = str(channel)
        self.purpose = purpose
        self._people: dict = {}  # person id → systems, kept across calls
        # (model, pk) → (the row's systems, field → access), kept across calls
        self._rows: dict[tuple[type[models.Model], Any], tuple[Systems, dict]] = {}
        self._by_systems: dict[tuple[type[models.Model], Systems], dict] = {}
        self._disputed: frozenset[str] | None = None  # models with statements, asked once

    def restrict(self, queryset: QuerySet) -> QuerySet:
        return restrict_queryset(self.user, queryset)

    def rights_of_rows(
        self, model: type[models.Model], rows: Iterable[models.Model]
    ) -> dict[Any, dict[str, Access]]:
        """Row pk → field name → access (masked, read or write), per the row's systems."""
        rows = list(rows)
        self.learn(model, rows)
        return {row.pk: self._rows[model, row.pk][1] for row in rows}

    def learn(self, model: type[models.Model], rows: Iterable[models.Model]) -> None:
        """Work out the rights on rows not seen yet, in one query for their people; kept
        for the gate's life, so a page asks once and its rows' serializers find theirs."""
        known = self._rows
        new = [row for row in rows if (model, row.pk) not in known]
        if new:
            by_systems = self._by_systems
            for pk, systems in row_systems(model, new, self._people).items():
                rights = by_systems.get((model, systems))
                if rights is None:
                    rights = by_systems[model, systems] = rights_on(self.user, model, systems)
                known[model, pk] = (systems, rights)

    def visible(self, model: type[models.Model], rows: Iterable[models.Model]) -> list:
        """The rows the user may see at all: those `restrict` keeps (a row of a system in
        which the user's roles see something of the model), told from the systems the
        gate learns of each row anyway. A channel that fetched rows without `restrict`
        (the nested rows of a record: the API's prefetch) keeps only these, sparing the
        database a subquery per nested list; a restricted fetch loses nothing here."""
        rows = list(rows)
        self.learn(model, rows)
        systems = visible_systems(self.user, model)
        return [row for row in rows if self._rows[model, row.pk][0] & systems]

    def rights(self, obj: models.Model) -> dict[str, Access]:
        return self._row(obj)[1]

    def systems(self, obj: models.Model) -> Systems:
        """The systems the row belongs to: with the user and the model, all its rights
        depend on (a serializer plans each row's fields once per set of systems)."""
        return self._row(obj)[0]

    def _row(self, obj: models.Model) -> tuple[Systems, dict]:
        model = type(obj)
        if (model, obj.pk) not in self._rows:
            self.learn(model, [obj])
        return self._rows[model, obj.pk]

    def project(
        self, model: type[models.Model], rows: Iterable[models.Model]
    ) -> list[dict[str, Any]]:
        """Each row as the user may see it (field → value in clear or masked; hidden
        fields absent), and the read recorded."""
        rows = list(rows)
        rights = self.rights_of_rows(model, rows)
        projected = []
        shown: set[str] = set()
        for row in rows:
            values = {}
            for name, access in rights[row.pk].items():
                value = shown_value(row, name, access)
                if value is not HIDDEN:
                    values[name] = value
            shown.update(values)
            projected.append(values)
        self.record(model, rows, [f.name for f in model._meta.concrete_fields if f.name in shown])
        return projected

    def record(self, model: type[models.Model], rows: Iterable, fields: Iterable[str]) -> None:
        record_read(self.user, self.channel, model, list(rows), list(fields), purpose=self.purpose)

    def disputes(
        self, model: type[models.Model], rows: Iterable[models.Model]
    ) -> dict[Any, list[Dispute]]:
        """Row pk → the statements of disagreement filed against the row: every channel
        that shows a disputed record notes the dispute (5 U.S.C. 552a(d)(4)). The words
        go only to a user who reads the disputed field in clear — they would tell a masked
        or hidden value — and reading them is recorded like the row's fields."""
        rows = list(rows)
        if self._disputed is None:
            self._disputed = disputed_models()
        if model._meta.label not in self._disputed or not rows:
            return {}
        found = disputes_of(model, [row.pk for row in rows])
        if not found:
            return {}
        rights = self.rights_of_rows(model, rows)
        shown: dict[Any, list[Dispute]] = {}
        told = []
        for row in rows:
            if row.pk not in found:
                continue
            clear = {name for name, access in rights[row.pk].items() if access >= Access.READ}
            shown[row.pk] = [
                dispute if dispute.field in clear or dispute.erased else replace(dispute, text=None)
                for dispute in found[row.pk]
            ]
            if any(d.text is not None for d in shown[row.pk]):
                told.append(row)
        if told:
            self.record(model, told, [DISPUTE_READ])
        return shown

    def amend(self, obj: models.Model, field_name: str, value: Any, *, system: str) -> None:
        """Correct one field of one record of `system` for a granted amendment (5 U.S.C.
        552a(d)(2)): PermissionDenied unless the access layer lets this user amend that
        field on this row; ValidationError, nothing saved, unless the new value passes
        what the model checks of it (the field's own validation, the model's `clean`, the
        unique fields and constraints it takes part in). The row is locked while it changes,
        so a staff edit of another field meanwhile is not lost; saved whole, so the row's
        blind indexes follow the new value; the change entry names the user and the
        gate's purpose."""
        model = type(obj)
        if not can_amend(self.user, model, field_name, system, self.systems(obj)):
            raise PermissionDenied(
                f"You may not amend {model._meta.verbose_name} {field_name!r} in {system}."
            )
        field = model._meta.get_field(field_name)
        with transaction.atomic(), writes_for(self.user, self.purpose):
            row = model._base_manager.select_for_update().get(pk=obj.pk)
            setattr(row, field.attname, field.clean(value, row))
            # The amended field, the model's own clean, and the unique fields and
            # constraints it takes part in; not the row's other fields, which this
            # correction neither changes nor answers for.
            row.full_clean(exclude=[f.name for f in model._meta.fields if f.name != field_name])
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                # A database rule full_clean cannot see (a unique value taken meanwhile).
                raise ValidationError(
                    f"The new {field.verbose_name} conflicts with another record."
                ) from None
        setattr(obj, field.attname, getattr(row, field.attname))


def dispute_notes(
    gate: Gate, model: type[models.Model], rows: Iterable[models.Model], label: str = ""
) -> list[dict[str, Any]]:
    """The statements filed against `rows` as a page lists them: where (`label` and the
    row's number, when the page shows several rows), the disputed field in words, the
    statement (`Gate.disputes` decides whether its words show)."""
    notes = []
    for pk, disputes in gate.disputes(model, rows).items():
        for dispute in disputes:
            try:
                field = str(model._meta.get_field(dispute.field).verbose_name)
            except FieldDoesNotExist:
                field = dispute.field
            where = f"{label} #{pk}" if label else ""
            notes.append({"where": where, "field": field, "dispute": dispute})
    return notes
