"""Privacy Act requests in the admin: privacy officers (and only they) see them and type
in those that arrive by post, e-mail, fax or telephone. Working a request to its answer
is the staff workflow's (a later issue); here a request is entered and read."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone

from access_requests.forms import StaffIntakeForm, system_choices
from access_requests.mail import send_status_link
from access_requests.models import FoiaComponent, PrivacyActRequest, RequestEvent
from access_requests.services import record_request
from access_requests.verification import issue_status_token
from audit.admin import RoleRestrictedAdmin
from sorn.admin import ReadOnlyInline
from sorn.constants import Role


class RequestEventInline(ReadOnlyInline):
    model = RequestEvent
    fields = readonly_fields = ["at", "actor", "event", "what"]


@admin.register(PrivacyActRequest)
class PrivacyActRequestAdmin(RoleRestrictedAdmin):
    viewer_roles = editor_roles = frozenset({Role.PRIVACY_OFFICER})
    list_display = ["tracking_number", "kind", "status", "channel", "received_at"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["=tracking_number"]
    inlines = [RequestEventInline]
    readonly_fields = [
        "tracking_number", "kind", "status", "channel", "systems", "received_at",
        "closed_at", "declared_on",
    ]  # fmt: skip
    fields = readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = StaffIntakeForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return list(StaffIntakeForm().fields) if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing here changes a request; the workflow will
        data = form.cleaned_data
        received = datetime.datetime.combine(data["received_on"], datetime.time(9))
        fields = {name: data[name] for name in StaffIntakeForm.Meta.fields}
        fields["received_at"] = timezone.make_aware(received)
        saved, created = record_request(
            fields=fields, identifiers=form.given_identifiers(), actor=request.user
        )
        if not created:
            messages.warning(
                request,
                f"The same request was entered in the last day as {saved.tracking_number}; "
                "this one was joined to it.",
            )
        else:
            # The same status page as a web request: e-mailed when there is an address,
            # otherwise shown once here, to be sent by post.
            token = issue_status_token(saved, actor=request.user)
            link = request.build_absolute_uri(reverse("access_requests:status", args=[token]))
            if saved.requester_email:
                send_status_link(saved, link)
                messages.info(request, "The requester was e-mailed the status page link.")
            else:
                messages.info(
                    request,
                    f"Status page link, shown once (send it to the requester): {link}",
                )
        # The admin's "added" message and redirect name the new request.
        obj.pk, obj.tracking_number = saved.pk, saved.tracking_number

    def save_related(self, request, form, formsets, change):
        return None  # the events are the service's, written with the request


class FoiaComponentForm(forms.ModelForm):
    systems = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        help_text="The systems a request through this component is taken to ask about, "
        "until staff correct it.",
    )

    class Meta:
        model = FoiaComponent
        fields = ["number", "name", "agency", "systems", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["systems"].choices = system_choices()


@admin.register(FoiaComponent)
class FoiaComponentAdmin(RoleRestrictedAdmin):
    """The agency components FOIA.gov delivers to (access_requests/foia.py): privacy
    officers (and only they) configure them. Never deleted (a request keeps its
    component); a component no longer served is made inactive (its deliveries get 404)."""

    viewer_roles = editor_roles = frozenset({Role.PRIVACY_OFFICER})
    changeable = True
    form = FoiaComponentForm
    list_display = ["number", "name", "agency", "systems", "active"]
    list_filter = ["active"]
