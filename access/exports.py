"""Exports through the gate: what the user may see of each row, as the user may see it,
in cells no spreadsheet evaluates as a formula."""

from __future__ import annotations

from django.http import HttpResponse

from access.gate import Gate
from access.policy import readable_fields
from audit.constants import AccessChannel
from audit.disagreements import Dispute
from lib.spreadsheet import write_csv


def export_rows(gate: Gate, queryset) -> tuple[list[str], list[list[str]]]:
    """Header and rows of an export: the user's readable fields, values as the user may
    see them on each row (a field hidden on a row is an empty cell). The read is
    recorded through the gate's channel."""
    model = queryset.model
    names = list(readable_fields(gate.user, model))
    found = list(gate.restrict(queryset))
    projected = gate.project(model, found)
    rows = [["" if row.get(n) is None else str(row.get(n, "")) for n in names] for row in projected]
    # A disputed record leaves with its statements of disagreement (5 U.S.C. 552a(d)(4)):
    # a last column, present only when a row has one.
    disputes = gate.disputes(model, found)
    if disputes:
        names.append(DISPUTES_COLUMN)
        for record, row in zip(found, rows, strict=True):
            row.append(" | ".join(_dispute_cell(d) for d in disputes.get(record.pk, [])))
    return names, rows


DISPUTES_COLUMN = "statements_of_disagreement"


def _dispute_cell(dispute: Dispute) -> str:
    words = (
        dispute.text
        if dispute.text is not None
        else ("(erased with the record)" if dispute.erased else "(words not shown to your role)")
    )
    return f"{dispute.field}, filed {dispute.filed_at.date().isoformat()}: {words}"


def export_csv(modeladmin, request, queryset) -> HttpResponse:
    names, rows = export_rows(Gate(request.user, AccessChannel.CSV_EXPORT), queryset)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{modeladmin.model._meta.model_name}.csv"'
    )
    write_csv(response, names, rows)
    return response
