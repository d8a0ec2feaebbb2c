"""Privacy Act requests in the admin: privacy officers (and only they) see them and type
in those that arrive by post, e-mail, fax or telephone, search the systems a request asks
about and confirm or reject each person found (access_requests.matching). Working a
request to its answer is the staff workflow's."""

from __future__ import annotations

import datetime

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from access_requests.constants import MatchState
from access_requests.documents import read_document
from access_requests.forms import (
    RequestCorrectionForm,
    StaffIntakeForm,
    consent_documents,
    system_choices,
)
from access_requests.mail import send_status_link
from access_requests.matching import identifier_words, system_number
from access_requests.models import (
    FoiaComponent,
    PrivacyActRequest,
    RequestDocument,
    RequestEvent,
    RequestMatch,
)
from access_requests.services import (
    confirm_match,
    correct_request,
    record_request,
    refresh_candidates,
    reject_match,
)
from access_requests.verification import issue_status_token
from audit.admin import RoleRestrictedAdmin
from sorn.admin import ReadOnlyInline
from sorn.constants import Role
from sorn.roles import roles_of

PRIVACY_OFFICERS = frozenset({Role.PRIVACY_OFFICER})


def method_decorator_post(view):
    """Only POST (a search or a decision changes the request): others get 405."""
    return method_decorator(require_POST)(view)


class RequestInline(ReadOnlyInline):
    """A request's own parts, seen by whoever sees the request (its roles, not Django's
    model permissions, which no role is given)."""

    def has_view_permission(self, request, obj=None) -> bool:
        user = request.user
        return user.is_active and user.is_staff and bool(PRIVACY_OFFICERS & roles_of(user))


class RequestEventInline(RequestInline):
    model = RequestEvent
    fields = readonly_fields = ["at", "actor", "event", "what"]


class RequestDocumentInline(RequestInline):
    """The files that came with the request: what each is, its type as its content
    shows, its size, and a link that downloads it (each download is an event)."""

    model = RequestDocument
    fields = readonly_fields = ["role", "content_type", "size", "received_at", "download"]

    @admin.display(description="file")
    def download(self, document: RequestDocument) -> str:
        url = reverse(
            "admin:access_requests_privacyactrequest_document",
            args=[document.request_id, document.pk],
        )
        return format_html('<a href="{}">Download</a>', url)


class RequestMatchInline(RequestInline):
    """The people the search found, system by system: why each matched (identifier names),
    what was found of them (counts per kind of record), and staff's decision. Confirm and
    Reject post the page's form (its CSRF token) to their own address (`formaction`)."""

    model = RequestMatch
    verbose_name = "person found by the search"
    verbose_name_plural = "people found by the search"
    fields = readonly_fields = [
        "system_searched", "person_found", "matched_by", "records_found", "state",
        "decided_by", "decided_at", "decision",
    ]  # fmt: skip

    @admin.display(description="system")
    def system_searched(self, match: RequestMatch) -> str:
        return system_number(match.system)

    @admin.display(description="person")
    def person_found(self, match: RequestMatch) -> str:
        if match.person_id is None:
            return "(no longer stored)"
        url = reverse("access:person-records", args=[match.person_id])
        return format_html('<a href="{}">Person #{}</a>', url, match.person_id)

    @admin.display(description="matched by")
    def matched_by(self, match: RequestMatch) -> str:
        return identifier_words(match.why)

    @admin.display(description="records found")
    def records_found(self, match: RequestMatch) -> str:
        return format_html_join(
            ", ", "{}: {}", ((_kind(label), count) for label, count in match.records.items())
        )

    @admin.display(description="decide")
    def decision(self, match: RequestMatch) -> str:
        if match.state != MatchState.CANDIDATE:
            return ""
        buttons = [
            (reverse(f"admin:access_requests_requestmatch_{verb}", args=[match.request_id,
             match.pk]), label)
            for verb, label in (("confirm", "Confirm"), ("reject", "Reject"))
        ]  # fmt: skip
        return format_html_join(
            " ",
            '<button type="submit" class="button" formaction="{}" formmethod="post">{}</button>',
            buttons,
        )


def _kind(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except LookupError:
        return label


@admin.register(PrivacyActRequest)
class PrivacyActRequestAdmin(RoleRestrictedAdmin):
    viewer_roles = editor_roles = PRIVACY_OFFICERS
    changeable = True
    list_display = ["tracking_number", "kind", "status", "channel", "received_at"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["=tracking_number"]
    inlines = [RequestDocumentInline, RequestMatchInline, RequestEventInline]
    change_form_template = "access_requests/admin/request_change_form.html"
    readonly_fields = [
        "tracking_number", "status", "channel", "received_at", "closed_at", "declared_on",
    ]  # fmt: skip
    # Corrections only (RequestCorrectionForm); working the request is the workflow's.
    fields = ["tracking_number", "kind", "systems", "asked_of_requester", *readonly_fields[1:]]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = StaffIntakeForm if obj is None else RequestCorrectionForm
        kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return list(StaffIntakeForm().fields) if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def get_urls(self):
        return [
            path(
                "<int:request_id>/documents/<int:document_id>/",
                self.admin_site.admin_view(self.document_view),
                name="access_requests_privacyactrequest_document",
            ),
            path(
                "<int:request_id>/matches/search/",
                self.admin_site.admin_view(self.search_view),
                name="access_requests_privacyactrequest_search",
            ),
            path(
                "<int:request_id>/matches/<int:match_id>/confirm/",
                self.admin_site.admin_view(self.confirm_view),
                name="access_requests_requestmatch_confirm",
            ),
            path(
                "<int:request_id>/matches/<int:match_id>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name="access_requests_requestmatch_reject",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id and str(object_id).isdigit():
            extra_context["search_url"] = reverse(
                "admin:access_requests_privacyactrequest_search", args=[object_id]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _worked_request(self, request, request_id: int) -> PrivacyActRequest:
        """The request, for a privacy officer (anyone else: 403, before it is looked up)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(PrivacyActRequest, pk=request_id)

    def _back(self, saved: PrivacyActRequest) -> HttpResponseRedirect:
        url = reverse("admin:access_requests_privacyactrequest_change", args=[saved.pk])
        return HttpResponseRedirect(f"{url}#matches-group")

    @method_decorator_post
    def search_view(self, request, request_id: int) -> HttpResponse:
        """Search every system the request asks about again (refresh_candidates)."""
        saved = self._worked_request(request, request_id)
        try:
            matches = refresh_candidates(saved, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            waiting = sum(1 for m in matches if m.state == MatchState.CANDIDATE)
            messages.info(request, f"Systems searched: {waiting} candidate(s) to decide.")
        return self._back(saved)

    @method_decorator_post
    def confirm_view(self, request, request_id: int, match_id: int) -> HttpResponse:
        return self._decide(request, request_id, match_id, confirm_match, "confirmed")

    @method_decorator_post
    def reject_view(self, request, request_id: int, match_id: int) -> HttpResponse:
        return self._decide(request, request_id, match_id, reject_match, "rejected")

    def _decide(self, request, request_id, match_id, service, verb) -> HttpResponse:
        saved = self._worked_request(request, request_id)
        match = get_object_or_404(RequestMatch, pk=match_id, request=saved)
        try:
            service(match, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.info(request, f"Match #{match.pk} {verb}.")
        return self._back(saved)

    def document_view(self, request, request_id: int, document_id: int) -> HttpResponse:
        """One file of a request, as an attachment of the type found in its content
        (never rendered in the page, never sniffed), for those who may view the request;
        the download is an event in the request's history."""
        document = get_object_or_404(
            RequestDocument.objects.select_related("request"),
            pk=document_id,
            request_id=request_id,
        )
        if not self.has_view_permission(request, document.request):
            raise PermissionDenied
        read = read_document(document)
        RequestEvent.objects.create(
            request=document.request,
            actor=request.user,
            event="document",
            what=f"{document.get_role_display()} #{document.pk} downloaded",
        )
        response = HttpResponse(read.content, content_type=read.content_type)
        extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
        filename = (
            f"{document.request.tracking_number}-{document.pk}.{extension[read.content_type]}"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response

    def save_model(self, request, obj, form, change):
        if change:
            correct_request(
                obj,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
                actor=request.user,
            )
            return
        data = form.cleaned_data
        received = datetime.datetime.combine(data["received_on"], datetime.time(9))
        fields = {name: data[name] for name in StaffIntakeForm.Meta.fields}
        fields["received_at"] = timezone.make_aware(received)
        saved, created = record_request(
            fields=fields,
            identifiers=form.given_identifiers(),
            actor=request.user,
            documents=consent_documents(data),
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

    def construct_change_message(self, request, form, formsets, add=False):
        # The inlines are read-only and never saved: the change is the form's alone.
        return super().construct_change_message(request, form, [], add)


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
