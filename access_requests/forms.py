"""The fields and rules of a Privacy Act request, shared by staff intake (and next, the
public form): the systems chosen decide which identifiers are asked for."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from access_requests.identifiers import IDENTIFIER_WORDS
from access_requests.models import PrivacyActRequest, RequestChannel
from access_requests.services import identifiers_of_systems
from sorn.models import SystemOfRecords

# Identifiers every requester is asked for as contact details, not as separate fields.
CONTACT = {"name": "requester_name", "email": "requester_email", "phone": "requester_phone",
           "address": "requester_address"}  # fmt: skip
# The other identifiers a notice retrieves by and a requester can know.
IDENTIFIER_FIELDS = [
    name for name, words in IDENTIFIER_WORDS.items() if words is not None and name not in CONTACT
]
STAFF_CHANNELS = [
    (value, label)
    for value, label in RequestChannel.choices
    if value not in (RequestChannel.WEB, RequestChannel.FOIA_GOV)
]


def system_choices() -> list[tuple[str, str]]:
    return [
        (system.slug, f"{system.number} {system.name}")
        for system in SystemOfRecords.objects.filter(current_revision__isnull=False).order_by(
            "slug"
        )
    ]


class StaffIntakeForm(forms.ModelForm):
    """A request that came by post, e-mail, fax or telephone, as a privacy officer types
    it in: the same fields and rules as the web form, with the channel and the date it
    was received."""

    systems = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, choices=())
    channel = forms.ChoiceField(choices=STAFF_CHANNELS)
    received_on = forms.DateField(help_text="The day the request reached the office.")

    class Meta:
        model = PrivacyActRequest
        fields = [
            "kind", "systems", "channel", "requester_name", "requester_email",
            "requester_phone", "requester_address", "on_behalf_of", "description",
            "declared_name", "declared_on",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["systems"].choices = system_choices()
        for name in ("requester_name", "declared_name", "declared_on"):
            self.fields[name].required = True
        for name in IDENTIFIER_FIELDS:
            self.fields[f"id_{name}"] = forms.CharField(
                label=IDENTIFIER_WORDS[name].capitalize(), max_length=200, required=False
            )

    def given_identifiers(self) -> dict[str, str]:
        data = self.cleaned_data
        given = {name: data.get(f"id_{name}", "").strip() for name in IDENTIFIER_FIELDS}
        given.update({name: (data.get(field) or "").strip() for name, field in CONTACT.items()})
        return {name: value for name, value in given.items() if value}

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name in ("declared_on", "received_on"):
            day = cleaned.get(name)
            if day and day > today:
                self.add_error(name, "This date is in the future.")
        systems = cleaned.get("systems") or []
        asked = identifiers_of_systems(systems)
        given = self.given_identifiers()
        for name in IDENTIFIER_FIELDS:
            if name in given and not any(name in asked.get(s, []) for s in systems):
                self.add_error(f"id_{name}", "None of the chosen systems is searched by this.")
        for slug in systems:
            # Each system's notice retrieves by these; the name alone finds no one.
            beyond_name = [n for n in asked.get(slug, []) if n != "name"]
            if beyond_name and not any(n in given for n in beyond_name):
                words = ", ".join(IDENTIFIER_WORDS[n] for n in beyond_name)
                self.add_error(
                    "systems", f"{dict(system_choices())[slug]}: give at least one of: {words}."
                )
        return cleaned
