"""Entering the accounting of a disclosure in the admin (issue 14, item 14), in the
access layer because the person is picked by a search through the gate.

Two steps on the add page: find the person with the person list's own search (the blind
indexes and record number the user's role may search by, in the systems where it reads
them: access.admin.RecordAdmin; Django's autocomplete stays off, config/urls.py), then
fill in the disclosure with the system, routine use and records offered only from that
person's systems and records. audit.disclosures.record_disclosure checks every part
again, whatever was posted. An entry is never changed or deleted; a mistaken one is
corrected by a new entry that names it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from access.policy import restrict_queryset, visible_systems
from audit.admin import DisclosureAccountingAdmin
from audit.disclosures import published_routine_uses, record_disclosure, systems_of_person
from audit.models import DisclosureAccounting
from sorn.classification import record_models, record_title, registry
from sorn.constants import SystemSlug

SEARCH_LIMIT = 20


def _system_label(slug: str) -> str:
    try:
        return SystemSlug(slug).label
    except ValueError:
        return slug


def person_records(user, person_id: int, systems: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Per system, ("system:app.Model:pk", title) of the person's records the user may
    see in it: a system's own records, and the rows shared by the person's systems."""
    found: dict[str, list[tuple[str, str]]] = {system: [] for system in systems}
    for model in record_models():
        facts = registry.facts(model)
        if facts.person_id_path is None:
            continue
        rows = restrict_queryset(user, model.objects.filter(**{facts.person_id_path: person_id}))
        for row in rows.order_by("pk"):
            own = {getattr(row, facts.system_field)} if facts.system_field else facts.systems
            for system in systems:
                if system in own:
                    found[system].append(
                        (f"{system}:{model._meta.label}:{row.pk}", record_title(row))
                    )
    return found


class DisclosureEntryForm(forms.Form):
    system = forms.ChoiceField(label="System of records")
    routine_use = forms.ChoiceField(
        help_text="Only the routine uses the notices of this person's systems publish."
    )
    records = forms.MultipleChoiceField(
        label="Records disclosed", help_text="Only this person's records in the system chosen."
    )
    disclosed_at = forms.DateTimeField(
        label="Date of the disclosure",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    nature_and_purpose = forms.CharField(max_length=300)
    recipient_name = forms.CharField(max_length=200)
    recipient_address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    corrects = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Corrects entry",
        help_text="When this entry corrects a mistaken one of this person: the mistaken "
        "entry stays, and the accounting shows this one instead.",
    )

    def __init__(self, *args, user, person_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person_id = person_id
        systems = sorted(
            systems_of_person(person_id) & visible_systems(user, registry.person_model)
        )
        self.fields["system"].choices = [("", "---------")] + [
            (slug, _system_label(slug)) for slug in systems
        ]
        uses: dict[str, list[tuple[str, str]]] = {}
        for use in published_routine_uses(systems):
            uses.setdefault(_system_label(use.system), []).append((use.label, use.label))
        self.fields["routine_use"].choices = [("", "---------"), *uses.items()]
        self.records_by_system = person_records(user, person_id, systems)
        self.fields["records"].choices = [
            (_system_label(system), rows) for system, rows in self.records_by_system.items()
        ]
        self.fields["disclosed_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["corrects"].choices = [("", "---------")] + [
            (entry.pk, f"Disclosure #{entry.pk} of {entry.disclosed_at:%Y-%m-%d} to "
             f"{entry.recipient_name}")
            for entry in DisclosureAccounting.objects.filter(
                person_id=person_id, corrections__isnull=True
            ).order_by("-disclosed_at", "-pk")
        ]  # fmt: skip
        self.no_routine_use = not uses

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        system, picked = data.get("system"), data.get("records") or []
        if system:
            elsewhere = [value for value in picked if not value.startswith(f"{system}:")]
            if elsewhere:
                self.add_error(
                    "records",
                    "Pick only records listed under the system chosen ("
                    + _system_label(system)
                    + ").",
                )
        return data

    def records_disclosed(self) -> dict[str, list[int]]:
        records: dict[str, list[int]] = {}
        for value in self.cleaned_data["records"]:
            _system, label, pk = value.split(":")
            records.setdefault(label, []).append(int(pk))
        return records


class DisclosureEntryAdmin(DisclosureAccountingAdmin):
    list_display = [*DisclosureAccountingAdmin.list_display, "corrects"]
    list_select_related = ["corrects"]  # nullable: Django's automatic join skips it
    fields = [*DisclosureAccountingAdmin.fields, "corrects"]

    def get_readonly_fields(self, request, obj=None):
        # Nothing is edited here: entries are added only through add_view's form.
        return self.fields

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        person_admin = self.admin_site._registry[registry.person_model]
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Account for a disclosure",
            "term": request.GET.get("q", "").strip(),
        }
        person_id = request.GET.get("person", "")
        person = None
        if person_id:
            people = person_admin.get_queryset(request)
            person = people.filter(pk=int(person_id)).first() if person_id.isdigit() else None
            if person is None:
                messages.error(
                    request,
                    f"No person #{person_id[:20]} that your role may see: find the person "
                    "by search.",
                )
        if person is None:
            return self._search(request, person_admin, context)
        return self._entry(request, person, context)

    def _search(self, request, person_admin, context) -> HttpResponse:
        """Step one: the person list's own search, as the user's role may search."""
        results = []
        if context["term"]:
            people, _ = person_admin.get_search_results(
                request, person_admin.get_queryset(request), context["term"]
            )
            results = [(p.pk, record_title(p)) for p in people.order_by("pk")[:SEARCH_LIMIT]]
        context.update(
            step="search",
            results=results,
            search_help=person_admin.search_help(request),
            more=len(results) == SEARCH_LIMIT,
        )
        return TemplateResponse(request, "admin/audit/disclosure_entry.html", context)

    def _entry(self, request, person, context) -> HttpResponse:
        """Step two: the disclosure, from the person's systems, routine uses, records."""
        form = DisclosureEntryForm(
            request.POST if request.method == "POST" else None,
            user=request.user,
            person_id=person.pk,
        )
        if request.method == "POST" and form.is_valid():
            corrects = form.cleaned_data["corrects"]
            try:
                entry = record_disclosure(
                    person_id=person.pk,
                    system=form.cleaned_data["system"],
                    routine_use=form.cleaned_data["routine_use"],
                    records=form.records_disclosed(),
                    nature_and_purpose=form.cleaned_data["nature_and_purpose"],
                    recipient_name=form.cleaned_data["recipient_name"],
                    recipient_address=form.cleaned_data["recipient_address"],
                    disclosed_at=form.cleaned_data["disclosed_at"],
                    corrects=DisclosureAccounting(pk=corrects) if corrects else None,
                    by=request.user.get_username(),
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"{entry} recorded for {record_title(person)}.")
                return HttpResponseRedirect(
                    reverse("admin:audit_disclosureaccounting_change", args=[entry.pk])
                )
        context.update(step="entry", form=form, person=person, person_title=record_title(person))
        return TemplateResponse(request, "admin/audit/disclosure_entry.html", context)
