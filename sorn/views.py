"""Public pages: home, and the published notices rendered from the catalogue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sorn.models import NoticeRevision, SystemOfRecords
from sorn.presentation import TRANSCRIPTION_HEADING, notice_sections, transcription_notes


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "sorn/home.html")


def system_list(request: HttpRequest) -> HttpResponse:
    systems = SystemOfRecords.objects.filter(current_revision__isnull=False).select_related(
        "current_revision"
    )
    return render(request, "sorn/system_list.html", {"systems": systems})


def system_detail(request: HttpRequest, slug: str, revision: int | None = None) -> HttpResponse:
    system = get_object_or_404(SystemOfRecords, slug=slug, current_revision__isnull=False)
    if revision is None:
        shown = system.current_revision
    else:
        shown = get_object_or_404(NoticeRevision, system=system, number=revision)
    revisions = system.revisions.order_by("-number").only("number", "loaded_at", "system_id")
    return render(
        request,
        "sorn/system_detail.html",
        {
            "system": system,
            "revision": shown,
            "is_current": shown.pk == system.current_revision_id,
            "sections": notice_sections(shown.document),
            "transcription_heading": TRANSCRIPTION_HEADING,
            "transcription_notes": transcription_notes(shown.document),
            "source_document": shown.document.get("source_document", ""),
            "revisions": revisions,
        },
    )
