"""Staff pages of the access layer: the role policy, a person's access history, and a
person's records in every system on one page (through the gate: only a person the user
may see, each field as the user's roles may see it on that row, every read audited)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from access import policy
from access.gate import Gate, dispute_notes
from access.policy import Access, restrict_queryset, roles_of
from audit.constants import AccessChannel
from audit.services import access_history, disclosures_of
from sorn.catalogue import get_notice
from sorn.classification import registry
from sorn.constants import Role

# The purpose recorded with every read of the person view.
PERSON_VIEW_PURPOSE = "Person view: one person's records in every system"


# Each page is behind the admin site's own check (access/sites.py): staff, signed in
# with the second factor where it is required.
@admin.site.admin_view
def policy_page(request: HttpRequest) -> HttpResponse:
    """The role policy for staff: who sees which data class, how, and why."""
    rows = [
        {"grant": grant, "cells": list(zip(Role.values, accesses, strict=True))}
        for grant, accesses in policy.policy_rows()
    ]
    scopes = [
        {"role": role, "scope": policy.describe_scope(role.value),
         "reason": policy.SCOPES[role.value].reason if role.value in policy.SCOPES else ""}
        for role in Role
    ]  # fmt: skip
    return render(
        request,
        "access/policy.html",
        {
            "roles": list(Role),
            "rows": rows,
            "scopes": scopes,
            "my_roles": policy.roles_of(request.user),
        },
    )


@admin.site.admin_view
def person_access_history(request: HttpRequest, person_id: int) -> HttpResponse:
    """Who has seen this person's records, and to whom they were disclosed: for the
    privacy officer answering a request and the auditor reviewing access."""
    if not {Role.PRIVACY_OFFICER, Role.AUDITOR} & roles_of(request.user):
        raise PermissionDenied
    person = get_object_or_404(
        restrict_queryset(request.user, registry.person_model.objects.all()), pk=person_id
    )
    return render(
        request,
        "audit/access_history.html",
        {
            "person": person,
            "events": access_history(person.pk)[:500],
            "disclosures": disclosures_of(person.pk)[:500],
        },
    )


@admin.site.admin_view
def person_records(request: HttpRequest, person_id: int) -> HttpResponse:
    """One person's records in every system, on one page, through the gate: only a
    person and rows the user's roles may see at all (404 for a person they may not);
    each field shown in clear, masked, or absent as the policy decides on that row
    (`Gate.project`, the same plan as every other channel); every read recorded, with
    the purpose above. For a privacy officer answering a request, and for any staff
    role within its own duties."""
    if not roles_of(request.user):
        raise PermissionDenied
    gate = Gate(request.user, AccessChannel.ADMIN_FORM, PERSON_VIEW_PURPOSE)
    person_model = registry.person_model
    person = get_object_or_404(gate.restrict(person_model.objects.all()), pk=person_id)
    sections: dict[str, list[dict]] = {}
    for entry in registry:
        model = entry.model
        path = registry.facts(model).person_id_path
        if path is None:
            continue
        rows = list(gate.restrict(model.objects.filter(**{path: person.pk})).order_by("pk"))
        if not rows:
            continue
        rights = gate.rights_of_rows(model, rows)
        projected = gate.project(model, rows)
        names = [f.name for f in model._meta.concrete_fields if any(f.name in p for p in projected)]
        table = {
            "label": model._meta.label,
            "title": str(model._meta.verbose_name_plural).capitalize(),
            "columns": [str(model._meta.get_field(n).verbose_name) for n in names],
            "rows": [
                [
                    {
                        "value": values.get(name),
                        "masked": rights[row.pk].get(name) == Access.MASKED,
                        "absent": name not in values,
                    }
                    for name in names
                ]
                for row, values in zip(rows, projected, strict=True)
            ],
            "disputes": dispute_notes(gate, model, rows, str(model._meta.verbose_name)),
        }
        system = entry.systems[0] if len(entry.systems) == 1 and model is not person_model else ""
        sections.setdefault(system, []).append(table)
    systems = [
        {
            "slug": slug,
            "title": get_notice(slug).number if slug else "The person (shared by the systems)",
            "tables": tables,
        }
        for slug, tables in sorted(sections.items())
    ]
    return render(request, "access/person_records.html", {"person": person, "systems": systems})
