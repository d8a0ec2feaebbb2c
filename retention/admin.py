"""Retention in the admin.

- Legal holds: records and privacy officers (only they) place them and release them
  with a reason; nobody edits or deletes one. Every place and release is a change entry.
- Purge runs: officers and auditors read them and their plans; records officers approve
  or reject a plan awaiting approval, and the approval enqueues its execution.
- Certificates of destruction: officers and auditors read and export them (CSV, JSON).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_http_methods

from audit.admin import RoleRestrictedAdmin
from retention.forms import LegalHoldForm, RejectRunForm, ReleaseHoldForm
from retention.models import DestructionCertificate, LegalHold, PurgeRun, RunStatus
from retention.rules import rules_in_effect
from retention.services import (
    APPROVER_ROLES,
    DASHBOARD_ROLES,
    HOLD_ROLES,
    RUN_VIEWER_ROLES,
    DecisionRefused,
    approve_run,
    place_legal_hold,
    reject_run,
    release_legal_hold,
    run_decisions,
)
from retention.tasks import execute_approved_run
from retention.views import (
    approve_retention_change_view,
    certificates_csv,
    certificates_json,
    plan_context,
)
from sorn.admin import NoticeRevisionAdmin
from sorn.models import NoticeRevision
from sorn.roles import holds_role


class RetentionAdmin(RoleRestrictedAdmin):
    change_list_template = "retention/admin/change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_dashboard": holds_role(request.user, DASHBOARD_ROLES),
        }
        return super().changelist_view(request, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


# Legal holds -------------------------------------------------------------------------


class ActiveHoldFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", "Active"), ("released", "Released")]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.active()
        if self.value() == "released":
            return queryset.filter(released_at__isnull=False)
        return queryset


@admin.register(LegalHold)
class LegalHoldAdmin(RetentionAdmin):
    viewer_roles = HOLD_ROLES
    editor_roles = HOLD_ROLES
    form = LegalHoldForm
    list_display = [
        "__str__", "scope", "target", "short_reason", "placed_by", "placed_at", "state", "release",
    ]  # fmt: skip
    list_filter = [ActiveHoldFilter, "scope", "system"]
    list_select_related = ["placed_by", "released_by"]
    search_fields = ["=person_id", "=record_id", "=model_label"]
    search_help_text = "A customer number, a record number or a record type (orders.OfflineOrder)."
    date_hierarchy = "placed_at"
    shown_fields = [
        "scope", "target", "reason", "placed_by", "placed_at", "state",
        "released_by", "released_at", "release_reason", "release",
    ]  # fmt: skip

    def get_fields(self, request, obj=None):
        if obj is None:
            return list(LegalHoldForm._meta.fields)
        return self.shown_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.shown_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:  # a placed hold is shown, never edited
            kwargs["form"] = forms.ModelForm
            return super().get_form(request, obj, change, **kwargs)
        return super().get_form(request, obj, change, **kwargs).for_officer(request.user)

    @admin.display(description="reason")
    def short_reason(self, hold: LegalHold) -> str:
        return Truncator(hold.reason).chars(80)

    @admin.display(description="state")
    def state(self, hold: LegalHold) -> str:
        if hold.is_active:
            return "Active"
        return f"Released {hold.released_at:%Y-%m-%d}"

    @admin.display(description="release")
    def release(self, hold: LegalHold) -> str:
        if not hold.is_active:
            return "—"
        url = reverse("admin:retention_legalhold_release", args=[hold.pk])
        return format_html('<a href="{}">Release…</a>', url)

    def save_model(self, request, obj, form, change) -> None:
        if change:  # the change form is read-only; a crafted post changes nothing
            raise PermissionDenied
        place_legal_hold(obj, by=request.user)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/release/",
                self.admin_site.admin_view(self.release_view),
                name="retention_legalhold_release",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_http_methods(["GET", "POST"]))
    def release_view(self, request, object_id):
        if not holds_role(request.user, HOLD_ROLES):
            raise PermissionDenied
        hold = get_object_or_404(LegalHold, pk=object_id)
        change_url = reverse("admin:retention_legalhold_change", args=[hold.pk])
        if not hold.is_active:
            messages.error(request, f"{hold} was already released.")
            return HttpResponseRedirect(change_url)
        form = ReleaseHoldForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                release_legal_hold(
                    hold, by=request.user, reason=form.cleaned_data["release_reason"]
                )
            except DecisionRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"{hold} released: its records follow their rules again.")
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Release {hold}",
            "opts": self.opts,
            "hold": hold,
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "retention/hold_release.html", context)


# Purge runs --------------------------------------------------------------------------


@admin.register(PurgeRun)
class PurgeRunAdmin(RetentionAdmin):
    viewer_roles = RUN_VIEWER_ROLES
    list_display = [
        "__str__", "as_of", "status", "due", "triggered_by", "approved_by", "created_at",
        "finished_at", "certificate_link", "approval",
    ]  # fmt: skip
    list_filter = ["status"]
    list_select_related = ["approved_by", "certificate"]
    date_hierarchy = "created_at"
    fields = [
        "as_of", "status", "triggered_by", "approved_by", "approved_at", "rejected_by",
        "rejected_at", "rejection_reason", "decisions",
        "revisions", "batch_size", "created_at", "started_at", "finished_at",
        "certificate_link", "approval", "plan_tables",
    ]  # fmt: skip
    readonly_fields = fields

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="due")
    def due(self, run: PurgeRun) -> int:
        return run.plan.get("total_due", 0)

    @admin.display(description="certificate")
    def certificate_link(self, run: PurgeRun) -> str:
        certificate = getattr(run, "certificate", None)
        if certificate is None:
            return "—"
        url = reverse("admin:retention_destructioncertificate_change", args=[certificate.pk])
        return format_html(
            '<a href="{}">#{} ({} destroyed)</a>', url, certificate.pk, certificate.total
        )

    @admin.display(description="approval")
    def approval(self, run: PurgeRun) -> str:
        if run.status != RunStatus.AWAITING_APPROVAL:
            return "—"
        url = reverse("admin:retention_purgerun_approve", args=[run.pk])
        return format_html('<a href="{}">Review the plan…</a>', url)

    @admin.display(description="approval and rejection")
    def decisions(self, run: PurgeRun) -> str:
        events = [
            f"{e.occurred_at:%Y-%m-%d %H:%M} {e.performed_by}: {e.description}"
            for e in run_decisions(run)
        ]
        return "\n".join(events) or "—"

    @admin.display(description="plan")
    def plan_tables(self, run: PurgeRun) -> str:
        return render_to_string("retention/plan_tables.html", plan_context(run.plan))

    def get_urls(self):
        return [
            path(
                "<int:object_id>/approve/",
                self.admin_site.admin_view(self.approval_view),
                name="retention_purgerun_approve",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_http_methods(["GET", "POST"]))
    def approval_view(self, request, object_id):
        """The plan of a run awaiting approval, with Approve and Reject (records officers
        only). Approving enqueues the run's execution once the approval is committed."""
        if not holds_role(request.user, APPROVER_ROLES):
            raise PermissionDenied
        run = get_object_or_404(PurgeRun, pk=object_id)
        change_url = reverse("admin:retention_purgerun_change", args=[run.pk])
        reject_form = RejectRunForm(request.POST if "reject" in request.POST else None)
        if request.method == "POST":
            if "approve" in request.POST:
                return self._approve(request, run, change_url)
            if "reject" in request.POST and reject_form.is_valid():
                try:
                    reject_run(run, by=request.user, reason=reject_form.cleaned_data["reason"])
                except DecisionRefused as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, f"{run} rejected: nothing is destroyed under it.")
                return HttpResponseRedirect(change_url)
        elif run.status != RunStatus.AWAITING_APPROVAL:
            messages.info(request, f"{run} is {run.get_status_display().lower()}.")
            return HttpResponseRedirect(change_url)
        current = {slug: rules.revision.number for slug, rules in rules_in_effect().items()}
        context = {
            **self.admin_site.each_context(request),
            **plan_context(run.plan),
            "title": f"Approve {run}",
            "opts": self.opts,
            "run": run,
            "reject_form": reject_form,
            "change_url": change_url,
            "revisions_changed": current != run.revisions,
        }
        return TemplateResponse(request, "retention/run_approval.html", context)

    def _approve(self, request, run: PurgeRun, change_url: str):
        try:
            run = approve_run(run, by=request.user)
        except DecisionRefused as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(change_url)
        run_id = run.pk
        transaction.on_commit(lambda: execute_approved_run.delay(run_id))
        messages.success(request, f"{run} approved: its execution is queued.")
        return HttpResponseRedirect(change_url)


# Certificates of destruction ---------------------------------------------------------


@admin.action(description="Export selected as CSV")
def export_certificates_csv(modeladmin, request, queryset):
    return certificates_csv(queryset.order_by("pk"), "certificates-of-destruction")


@admin.action(description="Export selected as JSON")
def export_certificates_json(modeladmin, request, queryset):
    return certificates_json(list(queryset.order_by("pk")), "certificates-of-destruction")


@admin.register(DestructionCertificate)
class DestructionCertificateAdmin(RetentionAdmin):
    viewer_roles = RUN_VIEWER_ROLES
    list_display = [
        "__str__", "run", "as_of", "total", "complete", "authorised_by", "issued_at", "digest",
    ]  # fmt: skip
    list_filter = ["complete"]
    date_hierarchy = "issued_at"
    actions = [export_certificates_csv, export_certificates_json]
    fields = [
        "run", "as_of", "started_at", "finished_at", "authorised_by", "revisions", "total",
        "complete", "digest", "issued_at", "line_table", "exports",
    ]  # fmt: skip
    readonly_fields = fields

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="destroyed")
    def line_table(self, certificate: DestructionCertificate) -> str:
        return render_to_string("retention/certificate_lines.html", {"certificate": certificate})

    @admin.display(description="export")
    def exports(self, certificate: DestructionCertificate) -> str:
        return format_html(
            '<a href="{}">CSV</a> · <a href="{}">JSON</a>',
            reverse("admin:retention_destructioncertificate_csv", args=[certificate.pk]),
            reverse("admin:retention_destructioncertificate_json", args=[certificate.pk]),
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/export.csv",
                self.admin_site.admin_view(self.export_view),
                {"kind": "csv"},
                name="retention_destructioncertificate_csv",
            ),
            path(
                "<int:object_id>/export.json",
                self.admin_site.admin_view(self.export_view),
                {"kind": "json"},
                name="retention_destructioncertificate_json",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, object_id, kind):
        if not self.has_view_permission(request):
            raise PermissionDenied
        certificate = get_object_or_404(DestructionCertificate, pk=object_id)
        filename = f"certificate-of-destruction-{certificate.pk}"
        if kind == "json":
            return certificates_json([certificate], filename)
        return certificates_csv([certificate], filename)


class NoticeRevisionApprovalAdmin(NoticeRevisionAdmin):
    """The catalogue's revisions, with the records officer's approval of a revision that
    shortens retention (the catalogue's admin knows nothing of retention: this layer
    adds the screen to it)."""

    def get_urls(self):
        return [
            path(
                "<int:object_id>/approve-retention/",
                self.admin_site.admin_view(self.approve_retention_view),
                name="sorn_noticerevision_approve_retention",
            ),
            *super().get_urls(),
        ]

    def approve_retention_view(self, request, object_id):
        return approve_retention_change_view(request, self, object_id)


admin.site.unregister(NoticeRevision)
admin.site.register(NoticeRevision, NoticeRevisionApprovalAdmin)
