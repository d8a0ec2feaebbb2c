"""Staff pages of the access layer: the role policy, and a person's access history
(through the gate: only a person the user may see)."""

from __future__ import annotations

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from access import policy
from access.policy import restrict_queryset, roles_of
from audit.services import access_history, disclosures_of
from sorn.classification import registry
from sorn.constants import Role


@staff_member_required
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


@staff_member_required
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
