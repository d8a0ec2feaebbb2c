"""Exports through the gate: what the user may see of each row, as the user may see it,
in cells no spreadsheet evaluates as a formula."""

from __future__ import annotations

from django.http import HttpResponse

from access.gate import Gate
from access.policy import readable_fields
from audit.constants import AccessChannel
from lib.spreadsheet import write_csv


def export_rows(gate: Gate, queryset) -> tuple[list[str], list[list[str]]]:
    """Header and rows of an export: the user's readable fields, values as the user may
    see them on each row (a field hidden on a row is an empty cell). The read is
    recorded through the gate's channel."""
    model = queryset.model
    names = list(readable_fields(gate.user, model))
    projected = gate.project(model, gate.restrict(queryset))
    rows = [["" if row.get(n) is None else str(row.get(n, "")) for n in names] for row in projected]
    return names, rows


def export_csv(modeladmin, request, queryset) -> HttpResponse:
    names, rows = export_rows(Gate(request.user, AccessChannel.CSV_EXPORT), queryset)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{modeladmin.model._meta.model_name}.csv"'
    )
    write_csv(response, names, rows)
    return response
