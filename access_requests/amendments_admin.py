"""Amendments in the admin (issue 12, item 5): a privacy officer records each correction the
requester asks for, sees the record and the requested change side by side, grants or
denies it, records the notices sent to prior recipients, and records a statement of
disagreement that came by post. Every decision is access_requests.amendments'; these
pages only ask it and say what it answered."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from access.policy import amendable
from access_requests import amendments
from access_requests.amendments import AmendmentRefused
from access_requests.constants import AmendmentDecision
from access_requests.forms import StatementForm
from access_requests.matching import confirmed_people, system_number
from access_requests.models import Amendment, PriorRecipientNotice, PrivacyActRequest
from sorn.classification import record_models, registry

CHANGE = "admin:access_requests_privacyactrequest_change"


def _targets(systems: list[str]) -> list[tuple[str, str]]:
    """("app_label.Model:field", "Person: family name") for every field of a record kind
    of the request's systems that an amendment may name in one of them."""
    choices = []
    for model in record_models():
        kept_in = [s for s in systems if s in registry.facts(model).systems]
        for field in model._meta.concrete_fields:
            if any(amendable(model, field.name, s) for s in kept_in):
                choices.append(
                    (
                        f"{model._meta.label}:{field.name}",
                        f"{model._meta.verbose_name.capitalize()}: {field.verbose_name}",
                    )
                )
    return choices


class ProposeForm(forms.Form):
    system = forms.ChoiceField(label="System")
    target = forms.ChoiceField(label="Which field of which kind of record")
    record_pk = forms.IntegerField(
        label="Record number",
        min_value=1,
        help_text="The record's number, as the person view (linked above) shows it.",
    )
    requested = forms.CharField(
        label="What it should say",
        max_length=2000,
        strip=True,
        help_text="As the requester asks; it is checked as the field checks any value.",
    )

    def __init__(self, *args, request: PrivacyActRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].choices = [(s, system_number(s)) for s in sorted(request.systems)]
        self.fields["target"].choices = _targets(request.systems)


class DenyForm(forms.Form):
    reasons = forms.CharField(
        label="Reasons for the denial",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The denial letter gives them, with the reviewing official and the "
        "requester's rights to appeal and to judicial review.",
    )


class AmendmentAdminMixin:
    """Mixed into the request's admin: the amendment pages and their addresses."""

    def amendment_urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path(
                "<int:request_id>/amendments/new/",
                view(self.amendment_new_view),
                name="access_requests_amendment_new",
            ),
            path(
                "<int:request_id>/amendments/<int:amendment_id>/",
                view(self.amendment_view),
                name="access_requests_amendment",
            ),
            path(
                "<int:request_id>/notices/<int:notice_id>/sent/",
                view(self.notice_sent_view),
                name="access_requests_notice_sent",
            ),
            path(
                "<int:request_id>/disagreement/",
                view(self.disagreement_view),
                name="access_requests_disagreement",
            ),
        ]

    def _page(self, request, obj: PrivacyActRequest, title: str, template: str, **context):
        return TemplateResponse(
            request,
            f"admin/access_requests/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": obj,
                "title": f"{title}: {obj.tracking_number}",
                "heading": title,
                "change_url": reverse(CHANGE, args=[obj.pk]),
                **context,
            },
        )

    def amendment_new_view(self, request, request_id: int) -> HttpResponse:
        """Record one correction the requester asks for."""
        obj = self._worked_request(request, request_id)
        form = ProposeForm(request.POST or None, request=obj)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            model_label, _, field = data["target"].partition(":")
            try:
                amendment = amendments.propose(
                    obj,
                    actor=request.user,
                    system=data["system"],
                    record_model=model_label,
                    record_pk=data["record_pk"],
                    field=field,
                    requested=data["requested"],
                )
            except AmendmentRefused as refused:
                form.add_error(None, refused.messages)
            else:
                messages.success(request, f"Amendment #{amendment.pk} recorded.")
                return redirect("admin:access_requests_amendment", obj.pk, amendment.pk)
        people = sorted({pid for ids in confirmed_people(obj).values() for pid in ids})
        return self._page(
            request,
            obj,
            "Record an amendment",
            "amendment_new.html",
            form=form,
            description=obj.description,
            people=[(pid, reverse("access:person-records", args=[pid])) for pid in people],
        )

    def amendment_view(self, request, request_id: int, amendment_id: int) -> HttpResponse:
        """The record and the requested change side by side; grant, or deny with reasons."""
        obj = self._worked_request(request, request_id)
        amendment = get_object_or_404(Amendment, pk=amendment_id, request=obj)
        deny_form = DenyForm(request.POST if request.POST.get("action") == "deny" else None)
        if request.method == "POST":
            try:
                if request.POST.get("action") == "grant":
                    amendments.grant(amendment, actor=request.user)
                    messages.success(request, f"Amendment #{amendment.pk} granted.")
                    return redirect("admin:access_requests_amendment", obj.pk, amendment.pk)
                if deny_form.is_valid():
                    amendments.deny(
                        amendment, actor=request.user, reasons=deny_form.cleaned_data["reasons"]
                    )
                    messages.success(request, f"Amendment #{amendment.pk} denied.")
                    return redirect("admin:access_requests_amendment", obj.pk, amendment.pk)
            except ValidationError as refused:  # AmendmentRefused, or MoveRefused (identity)
                messages.error(request, " ".join(refused.messages))
            amendment.refresh_from_db()
        review = amendments.review(amendment, request.user)
        decidable = amendment.decision == AmendmentDecision.PENDING
        return self._page(
            request,
            obj,
            f"Amendment #{amendment.pk}",
            "amendment.html",
            review=review,
            deny_form=deny_form,
            decidable=decidable,
            reconsidered=amendment.decision == AmendmentDecision.DENIED
            and obj.status == "appealed",
            notices=list(amendment.notices.all()),
        )

    def notice_sent_view(self, request, request_id: int, notice_id: int) -> HttpResponse:
        obj = self._worked_request(request, request_id)
        if request.method != "POST":
            raise PermissionDenied
        notice = get_object_or_404(PriorRecipientNotice, pk=notice_id, amendment__request=obj)
        try:
            amendments.mark_notice_sent(notice, actor=request.user)
        except AmendmentRefused as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, f"{notice.get_kind_display()} recorded as sent.")
        return redirect("admin:access_requests_amendment", obj.pk, notice.amendment_id)

    def disagreement_view(self, request, request_id: int) -> HttpResponse:
        """Record a statement of disagreement the requester sent by post."""
        obj = self._worked_request(request, request_id)
        form = StatementForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                statements = amendments.file_disagreement(
                    obj, form.cleaned_data["statement"], actor=request.user
                )
            except AmendmentRefused as refused:
                form.add_error(None, refused.messages)
            else:
                messages.success(
                    request, f"Statement attached to {len(statements)} disputed record(s)."
                )
                return redirect(CHANGE, obj.pk)
        return self._page(
            request,
            obj,
            "Record a statement of disagreement",
            "disagreement.html",
            form=form,
            allowed=amendments.may_disagree(obj),
        )


def amendment_link(amendment: Amendment) -> str:
    url = reverse("admin:access_requests_amendment", args=[amendment.request_id, amendment.pk])
    return format_html('<a href="{}">Review</a>', url)
