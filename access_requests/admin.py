"""Privacy Act requests in the admin: privacy officers (and only they) see them and type
in those that arrive by post, e-mail, fax or telephone, search the systems a request asks
about and confirm or reject each person found (access_requests.matching). Working a
request to its answer is the staff workflow's."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from access_requests import letters, packages, reports, workflow
from access_requests.amendments_admin import AmendmentAdminMixin
from access_requests.constants import LetterDelivery, LetterKind, MatchState
from access_requests.documents import attachment, read_document
from access_requests.forms import (
    ReportForm,
    RequestCorrectionForm,
    StaffIntakeForm,
    consent_documents,
    letter_form,
    move_form,
    system_choices,
)
from access_requests.inlines import (
    AmendmentInline,
    LetterInline,
    RequestDocumentInline,
    RequestEventInline,
    RequestMatchInline,
)
from access_requests.mail import send_status_link
from access_requests.matching import confirmed_people, undecided
from access_requests.models import (
    FoiaComponent,
    Letter,
    PrivacyActRequest,
    RequestDocument,
    RequestEvent,
    RequestKind,
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
from lib.spreadsheet import write_csv
from sorn.constants import Role


def method_decorator_post(view):
    """Only POST (a search or a decision changes the request): others get 405."""
    return method_decorator(require_POST)(view)


class SystemFilter(admin.SimpleListFilter):
    """Requests asking about a system (the systems are a JSON list: matched on its text,
    the same on SQLite and PostgreSQL)."""

    title = "system"
    parameter_name = "system"

    def lookups(self, request, model_admin):
        return system_choices()

    def queryset(self, request, queryset):
        if self.value() not in dict(system_choices()):
            return queryset
        return queryset.annotate(systems_text=Cast("systems", TextField())).filter(
            systems_text__contains=f'"{self.value()}"'
        )


class DueFilter(admin.SimpleListFilter):
    title = "deadline"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("soon", f"Due within {workflow.DUE_SOON_WORKING_DAYS} working days"),
            ("paused", "Clock stopped (waiting on the requester)"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(due_on__lt=today)
        if self.value() == "soon":
            return queryset.filter(due_on__gte=today, due_on__lte=workflow.due_soon_until(today))
        if self.value() == "paused":
            return queryset.filter(paused_at__isnull=False)
        return queryset


@admin.register(PrivacyActRequest)
class PrivacyActRequestAdmin(AmendmentAdminMixin, RoleRestrictedAdmin):
    """The privacy officers' queue and each request's page. Every change of status goes
    through access_requests.workflow (the move pages); the form corrects kind, systems
    and what is asked of the requester."""

    viewer_roles = editor_roles = workflow.PRIVACY_OFFICERS
    changeable = True
    list_display = [
        "tracking_number", "kind", "systems_asked", "status", "assignee", "deadline",
        "channel", "received_at",
    ]  # fmt: skip
    list_filter = ["status", SystemFilter, DueFilter, "assignee", "kind", "channel"]
    search_fields = ["=tracking_number"]
    inlines = [
        RequestDocumentInline, RequestMatchInline, AmendmentInline, LetterInline,
        RequestEventInline,
    ]  # fmt: skip
    readonly_fields = [
        "tracking_number", "status", "assignee", "deadlines", "channel", "received_at",
        "acknowledged_at", "identity", "closed_at", "declared_on",
    ]  # fmt: skip
    # Corrections only (RequestCorrectionForm); working the request is the workflow's.
    fields = ["tracking_number", "kind", "systems", "asked_of_requester", *readonly_fields[1:]]
    change_form_template = "admin/access_requests/privacyactrequest/change_form.html"

    def get_queryset(self, request):
        # The queue: next deadline first, requests whose clock is stopped after them.
        return (
            super()
            .get_queryset(request)
            .select_related("assignee")
            .order_by(F("due_on").asc(nulls_last=True), "received_at")
        )

    def get_ordering(self, request):
        return [F("due_on").asc(nulls_last=True), "received_at"]

    @admin.display(description="systems")
    def systems_asked(self, obj: PrivacyActRequest) -> str:
        return ", ".join(obj.systems)

    @admin.display(description="next deadline", ordering="due_on")
    def deadline(self, obj: PrivacyActRequest) -> str:
        """The next deadline in words: overdue and due-soon are said, not only coloured."""
        if obj.paused_at is not None:
            return "Clock stopped: waiting on the requester"
        if obj.due_on is None:
            return "—"
        left = workflow.working_days_left(obj.due_on)
        day = f"{obj.due_on:%b %-d, %Y}"
        if left < 0:
            return format_html(
                '<strong class="pa-overdue">Overdue by {} working day{}</strong> ({})',
                -left,
                "" if left == -1 else "s",
                day,
            )
        if left <= workflow.DUE_SOON_WORKING_DAYS:
            return format_html(
                '<strong class="pa-due-soon">Due in {} working day{}</strong> ({})',
                left,
                "" if left == 1 else "s",
                day,
            )
        return f"{day} ({left} working days)"

    @admin.display(description="deadlines")
    def deadlines(self, obj: PrivacyActRequest) -> str:
        found = workflow.deadlines(obj)
        if not found:
            return "Clock stopped: waiting on the requester" if obj.paused_at else "—"
        return format_html_join(
            "; ",
            "{}: {} by {} ({})",
            (
                (d.agency.short_name.capitalize(), d.limit.duty, f"{d.due:%B %-d, %Y}",
                 d.limit.citation)
                for d in found
            ),
        )  # fmt: skip

    @admin.display(description="identity")
    def identity(self, obj: PrivacyActRequest) -> str:
        if obj.identity_accepted_at is None:
            return "Not yet accepted"
        return (
            f"{obj.get_identity_method_display()}, accepted {obj.identity_accepted_at:%B %-d, %Y}"
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_moves"] = [
                (move, reverse("admin:access_requests_privacyactrequest_move",
                               args=[obj.pk, move.name]))
                for move in workflow.moves_for(obj, request.user)
                if move.roles
            ]  # fmt: skip
            if letters.may_send(request.user) and obj.status not in letters.NO_LETTERS:
                context["letters_url"] = reverse(
                    "admin:access_requests_privacyactrequest_letters", args=[obj.pk]
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def move_view(self, request, request_id: int, name: str) -> HttpResponse:
        """One move of the workflow: its form (what the move needs), then the move."""
        obj = self._worked_request(request, request_id)
        move = workflow.MOVES.get(name)
        if move is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        Form = move_form(move)
        # Bound on every POST: a move that needs nothing posts no field.
        form = Form(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                event = workflow.make(obj, name, actor=request.user, **form.cleaned_data)
            except workflow.MoveRefused as refused:
                form.add_error(None, refused.messages)
            else:
                letter = letters.LETTER_AFTER_MOVE.get(name)
                if letter is not None and letters.may_send(request.user):
                    messages.success(
                        request,
                        f"{event.what}. Now send the {letter.label.lower()} that goes with it.",
                    )
                    return redirect(
                        "admin:access_requests_privacyactrequest_letter", obj.pk, letter.value
                    )
                messages.success(request, event.what)
                return redirect("admin:access_requests_privacyactrequest_change", obj.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": f"{move.label}: {obj.tracking_number}",
            "move": move,
            "form": form,
            "change_url": reverse("admin:access_requests_privacyactrequest_change", args=[obj.pk]),
        }
        return TemplateResponse(request, "admin/access_requests/move.html", context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = StaffIntakeForm if obj is None else RequestCorrectionForm
        kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return list(StaffIntakeForm().fields) if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        if obj.kind != RequestKind.AMENDMENT:
            return [inline for inline in self.inlines if inline is not AmendmentInline]
        return self.inlines

    def get_urls(self):
        return [
            path(
                "report/",
                self.admin_site.admin_view(self.report_view),
                name="access_requests_privacyactrequest_report",
            ),
            path(
                "report/csv/",
                self.admin_site.admin_view(self.report_csv_view),
                name="access_requests_privacyactrequest_report_csv",
            ),
            path(
                "<int:request_id>/move/<str:name>/",
                self.admin_site.admin_view(self.move_view),
                name="access_requests_privacyactrequest_move",
            ),
            path(
                "<int:request_id>/letters/",
                self.admin_site.admin_view(self.letters_view),
                name="access_requests_privacyactrequest_letters",
            ),
            path(
                "<int:request_id>/letters/new/<str:kind>/",
                self.admin_site.admin_view(self.letter_view),
                name="access_requests_privacyactrequest_letter",
            ),
            path(
                "<int:request_id>/letters/<int:letter_id>/",
                self.admin_site.admin_view(self.letter_read_view),
                name="access_requests_privacyactrequest_letter_read",
            ),
            path(
                "<int:request_id>/letters/<int:letter_id>/posted/",
                self.admin_site.admin_view(self.letter_posted_view),
                name="access_requests_privacyactrequest_letter_posted",
            ),
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
                "<int:request_id>/package/",
                self.admin_site.admin_view(self.package_view),
                name="access_requests_privacyactrequest_package",
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
            *self.amendment_urls(),
            *super().get_urls(),
        ]

    def _report(self, request) -> tuple[ReportForm, list[reports.ReportRow] | None]:
        """The report the query string asks for, for privacy officers only (403 else)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ReportForm.for_query(request.GET)
        if not form.is_valid():
            return form, None
        data = form.cleaned_data
        return form, reports.report(data["start"], data["end"], data["system"] or None)

    def report_view(self, request) -> HttpResponse:
        """Requests per period and system (access_requests/reports.py), with its CSV."""
        form, rows = self._report(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Privacy Act requests: report",
            "form": form,
            "headings": [heading for _, heading in reports.COLUMNS],
            "rows": [reports.cells(row) for row in rows] if rows is not None else None,
            "csv_url": f"{reverse('admin:access_requests_privacyactrequest_report_csv')}?"
            f"{request.GET.urlencode()}",
        }
        return TemplateResponse(request, "admin/access_requests/report.html", context)

    def report_csv_view(self, request) -> HttpResponse:
        """The same table as CSV: counts and working days only, no personal value."""
        form, rows = self._report(request)
        if rows is None:
            return HttpResponse(
                " ".join(" ".join(errors) for errors in form.errors.values()),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        data = form.cleaned_data
        system = f"-{data['system']}" if data["system"] else ""
        filename = f"privacy-act-requests-{data['start']:%Y-%m-%d}-{data['end']:%Y-%m-%d}{system}"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response["Cache-Control"] = "no-store"
        write_csv(
            response,
            [heading for _, heading in reports.COLUMNS],
            (reports.cells(row) for row in rows),
        )
        return response

    def _letters_context(self, request, obj: PrivacyActRequest, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": title,
            "change_url": reverse("admin:access_requests_privacyactrequest_change", args=[obj.pk]),
        }

    def _letter_request(self, request, request_id: int) -> PrivacyActRequest:
        if not letters.may_send(request.user):  # the role first: no id is confirmed
            raise PermissionDenied
        obj = self._worked_request(request, request_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def letters_view(self, request, request_id: int) -> HttpResponse:
        """ "Send a letter": the kinds, each with what it must contain."""
        obj = self._letter_request(request, request_id)
        kinds = [
            (
                kind,
                reverse(
                    "admin:access_requests_privacyactrequest_letter", args=[obj.pk, kind.value]
                ),
                [element.name for element in letters.RULES[kind].elements],
            )
            for kind in LetterKind
        ]
        context = {
            **self._letters_context(request, obj, f"Send a letter: {obj.tracking_number}"),
            "kinds": kinds,
        }
        return TemplateResponse(request, "admin/access_requests/letters.html", context)

    def letter_view(self, request, request_id: int, kind: str) -> HttpResponse:
        """One letter: what staff type for its kind; "Preview" renders it and says what
        it lacks, "Send" checks, sends and keeps it (access_requests.letters.send)."""
        obj = self._letter_request(request, request_id)
        if kind not in LetterKind.values:
            raise PermissionDenied
        kind = LetterKind(kind)
        agencies = [clocks.agency for clocks in letters.agency_choices(obj)]
        Form = letter_form(letters.RULES[kind].fields, agencies)
        form = Form(request.POST or None)
        preview = missing = None
        if request.method == "POST" and form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            try:
                if "send" in request.POST:
                    letter = letters.send(obj, kind, request.user, **fields)
                    if letter.delivery == LetterDelivery.EMAIL:
                        messages.success(request, f"Letter sent by e-mail: {kind.label.lower()}.")
                    else:
                        messages.warning(
                            request,
                            f"The requester gave no e-mail address: the {kind.label.lower()} "
                            "is kept to be posted. Print it from the request's letters and "
                            "record the posting.",
                        )
                    return redirect("admin:access_requests_privacyactrequest_change", obj.pk)
                draft = letters.draft(obj, kind, **fields)
                preview, missing = draft.body, letters.check(draft)
            except letters.LetterRefused as refused:
                form.add_error(None, refused.messages)
        context = {
            **self._letters_context(request, obj, f"{kind.label}: {obj.tracking_number}"),
            "kind": kind,
            "form": form,
            "preview": preview,
            "missing": missing,
            "letters_url": reverse(
                "admin:access_requests_privacyactrequest_letters", args=[obj.pk]
            ),
        }
        return TemplateResponse(request, "admin/access_requests/letter.html", context)

    def letter_read_view(self, request, request_id: int, letter_id: int) -> HttpResponse:
        """A kept letter's text, as plain text (to read or print for posting); the reading
        is an event in the request's history."""
        if not self.has_view_permission(request):  # the role first: no id is confirmed
            raise PermissionDenied
        letter = get_object_or_404(
            Letter.objects.select_related("request"), pk=letter_id, request_id=request_id
        )
        body, _ = letters.read_letter(letter)
        RequestEvent.objects.create(
            request=letter.request,
            actor=request.user,
            event="letter_read",
            what=f"{letter.get_kind_display()} letter #{letter.pk} read",
        )
        response = HttpResponse(body, content_type="text/plain; charset=utf-8")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response

    def letter_posted_view(self, request, request_id: int, letter_id: int) -> HttpResponse:
        """Record that a letter kept to be posted was posted (asks first; POST records)."""
        obj = self._letter_request(request, request_id)
        letter = get_object_or_404(Letter, pk=letter_id, request=obj)
        if request.method == "POST":
            try:
                letters.record_posting(letter, request.user)
            except letters.LetterRefused as refused:
                messages.error(request, " ".join(refused.messages))
            else:
                messages.success(request, f"Posting recorded: {letter.get_kind_display().lower()}.")
            return redirect("admin:access_requests_privacyactrequest_change", obj.pk)
        context = {
            **self._letters_context(request, obj, f"Record the posting: {obj.tracking_number}"),
            "letter": letter,
        }
        return TemplateResponse(request, "admin/access_requests/letter_posted.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id and str(object_id).isdigit():
            extra_context["search_url"] = reverse(
                "admin:access_requests_privacyactrequest_search", args=[object_id]
            )
            extra_context["package_url"] = reverse(
                "admin:access_requests_privacyactrequest_package", args=[object_id]
            )
            extra_context["amendment_url"] = reverse(
                "admin:access_requests_amendment_new", args=[object_id]
            )
            extra_context["disagreement_url"] = reverse(
                "admin:access_requests_disagreement", args=[object_id]
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
    def package_view(self, request, request_id: int) -> HttpResponse:
        """Prepare the records package of the confirmed matches (access_requests.packages)
        and offer it on the requester's status page."""
        saved = self._worked_request(request, request_id)
        waiting = undecided(saved)
        if waiting:  # a package then would say the systems hold nothing
            messages.error(request, waiting)
            return self._back(saved)
        try:
            documents = packages.prepare(saved, request.user, confirmed_people(saved))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Package prepared ({len(documents)} files); the requester can download it "
                "from their status page.",
            )
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
        if not self.has_view_permission(request):  # the role first: no id is confirmed
            raise PermissionDenied
        document = get_object_or_404(
            RequestDocument.objects.select_related("request"),
            pk=document_id,
            request_id=request_id,
        )
        read = read_document(document)
        # The files a request came with, and the packages the service made of it.
        extension = {
            "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg",
            "text/html": "html", "application/json": "json",
        }.get(read.content_type, "bin")  # fmt: skip
        filename = f"{document.request.tracking_number}-{document.pk}.{extension}"
        RequestEvent.objects.create(
            request=document.request,
            actor=request.user,
            event="document",
            what=f"{document.get_role_display()} #{document.pk} downloaded",
        )
        return attachment(read, filename)

    def history_view(self, request, object_id, extra_context=None):
        # Django looks the object up first (a redirect when there is none): the role first,
        # so another role cannot tell which ids exist.
        if not self.has_view_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

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
