"""The parts of a request its admin page lists (read-only inlines): its files, the people
the search found and staff's decision on each, the amendments asked for, the letters, and
its history. Seen by privacy officers only (their role, not Django's model permissions)."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from access_requests.amendments_admin import amendment_link
from access_requests.constants import LetterDelivery, MatchState
from access_requests.matching import identifier_words, system_number
from access_requests.models import Amendment, Letter, RequestDocument, RequestEvent, RequestMatch
from access_requests.workflow import PRIVACY_OFFICERS
from sorn.admin import ReadOnlyInline
from sorn.roles import holds_role


class RequestInline(ReadOnlyInline):
    """A request's own parts, seen by whoever sees the request (its roles, not Django's
    model permissions, which no role is given)."""

    def has_view_permission(self, request, obj=None) -> bool:
        return holds_role(request.user, PRIVACY_OFFICERS)


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


class LetterInline(RequestInline):
    """The letters sent (or waiting to be posted): what, from whom, when; the text opens
    on its own page (each reading an event)."""

    model = Letter
    fields = readonly_fields = [
        "kind", "agency", "delivery", "created_at", "created_by", "sent_at", "sent_by", "text",
    ]  # fmt: skip

    @admin.display(description="letter")
    def text(self, letter: Letter) -> str:
        url = reverse(
            "admin:access_requests_privacyactrequest_letter_read",
            args=[letter.request_id, letter.pk],
        )
        if letter.delivery == LetterDelivery.POST and letter.sent_at is None:
            posted = reverse(
                "admin:access_requests_privacyactrequest_letter_posted",
                args=[letter.request_id, letter.pk],
            )
            return format_html(
                '<a href="{}">Read</a> · To be posted: <a href="{}">record the posting</a>',
                url,
                posted,
            )
        return format_html('<a href="{}">Read</a>', url)


class AmendmentInline(RequestInline):
    """The corrections asked for: which field of which record, the decision, the notices
    to prior recipients still to send; each reviewed on its own page."""

    model = Amendment
    fields = readonly_fields = [
        "system_number", "what", "decision", "decided_by", "decided_at", "notices_to_send",
        "review",
    ]  # fmt: skip

    @admin.display(description="system")
    def system_number(self, amendment: Amendment) -> str:
        return system_number(amendment.system)

    @admin.display(description="field of record")
    def what(self, amendment: Amendment) -> str:
        return (
            f"{amendment.field.replace('_', ' ')} of {_kind(amendment.record_model)} "
            f"#{amendment.record_pk}"
        )

    @admin.display(description="notices to send")
    def notices_to_send(self, amendment: Amendment) -> int:
        return amendment.notices.filter(sent_at__isnull=True).count()

    @admin.display(description="")
    def review(self, amendment: Amendment) -> str:
        return amendment_link(amendment)


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
