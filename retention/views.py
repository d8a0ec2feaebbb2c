"""Retention in the admin's pages: plans as tables, the records officers' dashboard,
certificates of destruction as CSV and JSON, and the approval of a notice revision that
would destroy records sooner.

Views authorize, call a service (retention/services.py) and render; counts, dates and
identifiers only, never personal data."""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from access_requests.models import PrivacyActRequest
from lib.spreadsheet import safe_cell
from retention.forecasts import latest_forecast, queued_forecast
from retention.models import DestructionCertificate, LegalHold, PurgeRun, RunStatus
from retention.services import (
    APPROVER_ROLES,
    DASHBOARD_ROLES,
    FORECAST_ROLES,
    DecisionRefused,
    approve_retention_change,
    request_forecast,
)
from sorn.constants import SystemSlug
from sorn.periods import NO_DISPOSITION_AUTHORITY, retention_in_words
from sorn.roles import holds_role

PERSON_SYSTEM = "customers"
# The person's own row (name, contacts) is shared by every system it has a relationship
# with: it goes when the last of them lets it go (retention/rules.py).
PERSON_KEPT = "until every system's period for the person has passed"


# Plans as tables ---------------------------------------------------------------------


def system_label(slug: str) -> str:
    if slug in ("", PERSON_SYSTEM):
        return "All systems (the person)"
    try:
        return SystemSlug(slug).label
    except ValueError:
        return slug


def plan_rows(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per rule key of a plan (`Plan.as_dict()` or a run's stored plan), in the
    plan's order, with its per-model lines."""
    rows = []
    for key, line in plan.get("rules", {}).items():
        rows.append(
            {
                "key": key,
                "system": system_label(line.get("system", "")),
                "rule": line.get("rule", key),
                "period": line.get("period"),
                "anchor": line.get("anchor", ""),
                "kept": retention_in_words(line.get("period"), line.get("anchor", ""))
                if line.get("system")
                else PERSON_KEPT,
                "due": line.get("due", 0),
                "held": line.get("held", 0),
                "frozen_by_request": line.get("frozen_by_request", 0),
                "waiting_on_other_records": line.get("waiting_on_other_records", 0),
                "oldest_due_on": line.get("oldest_due_on") or "",
                "models": list(line.get("models", {}).values()),
            }
        )
    return rows


def no_authority_rows(plan: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for key, counts in plan.get("no_disposition_authority", {}).items():
        system = key.split("/", 1)[0]
        for label, count in counts.items():
            rows.append(
                {"key": key, "system": system_label(system), "model": label, "count": count}
            )
    return rows


def plan_context(plan: dict[str, Any]) -> dict[str, Any]:
    return {
        "plan": plan,
        "rows": plan_rows(plan),
        "no_authority": no_authority_rows(plan),
        "revisions": sorted(plan.get("revisions", {}).items()),
    }


# The dashboard -----------------------------------------------------------------------


def forecast_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored forecast's rules as the dashboard's rows, their periods in words; then a
    row per system whose notice gives no period (the Mint's): its records are kept
    without disposition authority and never destroyed automatically."""
    width = len(figures.get("horizons", ()))
    rows = [
        {
            **row,
            "system": system_label(row["system"]),
            "kept": retention_in_words(row["period"], row["anchor"])
            if row["system"]
            else PERSON_KEPT,
        }
        for row in figures.get("rows", ())
    ]
    for key, counts in figures.get("no_disposition_authority", {}).items():
        rows.append(
            {
                "key": key,
                "system": system_label(key.split("/", 1)[0]),
                "rule": key.split("/", 1)[-1],
                "kept": NO_DISPOSITION_AUTHORITY,
                "no_authority": sum(counts.values()),
                "columns": [None] * width,
            }
        )
    return rows


def page_context(request: HttpRequest) -> dict[str, Any]:
    """The admin's page context without its navigation sidebar: building the sidebar's
    app list asks every registered admin for the user's permissions, about half of the
    dashboard's time (bench/retention_dashboard.py); the breadcrumbs lead back."""
    return {
        "site_title": admin.site.site_title,
        "site_header": admin.site.site_header,
        "site_url": admin.site.site_url,
        "has_permission": admin.site.has_permission(request),
        "available_apps": [],
        "is_popup": False,
        "is_nav_sidebar_enabled": False,
        "log_entries": admin.site.get_log_entries(request),
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    """The records officers' view of retention: what comes due (the stored forecast, and
    how old it is), what is held, what waits for approval, what was destroyed."""
    if not holds_role(request.user, DASHBOARD_ROLES):
        raise PermissionDenied
    latest = latest_forecast()
    horizons = []
    if latest is not None:
        horizons = [
            {"days": days, "as_of": latest.as_of + datetime.timedelta(days=days)}
            for days in latest.figures["horizons"]
        ]
    runs = list(
        PurgeRun.objects.select_related("certificate", "approved_by").order_by(
            "-created_at", "-id"
        )[:10]
    )
    awaiting = list(PurgeRun.objects.filter(status=RunStatus.AWAITING_APPROVAL).order_by("as_of"))
    context = {
        **page_context(request),
        "title": "Retention dashboard",
        "forecast": latest,
        "queued": queued_forecast(latest),
        "horizons": horizons,
        "count_columns": 3 * len(horizons),  # due, held, frozen per horizon
        "rows": forecast_rows(latest.figures) if latest else [],
        "holds": list(LegalHold.objects.active().select_related("placed_by")),
        "pending_requests": PrivacyActRequest.objects.pending().count(),
        "runs": runs,
        "awaiting": awaiting,
        "may_approve": holds_role(request.user, APPROVER_ROLES),
        "may_forecast": holds_role(request.user, FORECAST_ROLES),
    }
    return TemplateResponse(request, "retention/dashboard.html", context)


@require_POST
def ask_for_forecast(request: HttpRequest) -> HttpResponse:
    """The dashboard's "Compute the forecast now": queued for the worker, audited."""
    if not holds_role(request.user, FORECAST_ROLES):
        raise PermissionDenied
    try:
        row = request_forecast(by=request.user)
    except DecisionRefused as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(
            request, f"{row} is queued: it replaces the one below when the worker has computed it."
        )
    return HttpResponseRedirect(reverse("retention:dashboard"))


# Certificates of destruction ---------------------------------------------------------

CERTIFICATE_DIGEST = 'SHA-256 over "app_label.Model:id\\n" of every record destroyed, sorted'
CSV_COLUMNS = [
    "certificate", "run", "issued_at", "as_of", "started_at", "finished_at", "authorised_by",
    "revisions", "complete", "total", "digest", "system", "rule", "model", "count",
]  # fmt: skip


def certificate_document(certificate: DestructionCertificate) -> dict[str, Any]:
    """What a certificate certifies, as exported: counts, dates, identifiers."""
    return {
        "certificate": certificate.pk,
        "run": certificate.run_id,
        "issued_at": certificate.issued_at.isoformat(),
        "as_of": certificate.as_of.isoformat(),
        "started_at": certificate.started_at.isoformat(),
        "finished_at": certificate.finished_at.isoformat(),
        "authorised_by": certificate.authorised_by,
        "revisions": certificate.revisions,
        "lines": [
            {k: line.get(k) for k in ("system", "rule", "model", "count")}
            for line in certificate.lines
        ],
        "total": certificate.total,
        "digest": certificate.digest,
        "digest_method": CERTIFICATE_DIGEST,
        "complete": certificate.complete,
    }


def certificates_json(
    certificates: Iterable[DestructionCertificate], filename: str
) -> HttpResponse:
    documents = [certificate_document(c) for c in certificates]
    body = documents[0] if len(documents) == 1 else documents
    response = HttpResponse(
        json.dumps(body, indent=2, sort_keys=True), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def certificates_csv(certificates: Iterable[DestructionCertificate], filename: str) -> HttpResponse:
    """One row per certified line (system, rule, model, count), each repeating its
    certificate's dates, authority, revisions, total and digest."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in CSV_COLUMNS])
    for certificate in certificates:
        document = certificate_document(certificate)
        head = [
            document["certificate"],
            document["run"],
            document["issued_at"],
            document["as_of"],
            document["started_at"],
            document["finished_at"],
            document["authorised_by"],
            "; ".join(f"{slug}@{n}" for slug, n in sorted(document["revisions"].items())),
            "yes" if document["complete"] else "no",
            document["total"],
            document["digest"],
        ]
        for line in document["lines"] or [{}]:
            cells = head + [line.get(k, "") for k in ("system", "rule", "model", "count")]
            writer.writerow([safe_cell(cell) for cell in cells])
    return response


# Notice revisions --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def approve_retention_change_view(request: HttpRequest, model_admin, object_id: str):
    """A records officer reads how a revision would destroy records sooner and approves
    it (sorn/admin.py NoticeRevisionAdmin links here)."""
    if not holds_role(request.user, APPROVER_ROLES):
        raise PermissionDenied
    revision = get_object_or_404(model_admin.model.objects.select_related("system"), pk=object_id)
    change_url = reverse("admin:sorn_noticerevision_change", args=[revision.pk])
    if request.method == "POST":
        try:
            approve_retention_change(revision, by=request.user)
        except DecisionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"{revision}: its retention rules are in effect from the next plan."
            )
        return HttpResponseRedirect(change_url)
    previous = (
        revision.system.revisions.filter(number__lt=revision.number).order_by("-number").first()
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Approve the retention change of {revision}",
        "opts": model_admin.model._meta,
        "revision": revision,
        "previous": previous,
        "in_effect": revision.system.retention_revision(),
        "rules": revision.retention_rules.all(),
        "decidable": revision.retention_approval_required
        and revision.retention_approved_at is None,
        "change_url": change_url,
    }
    return TemplateResponse(request, "retention/revision_approval.html", context)
