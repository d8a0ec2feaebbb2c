"""The fields and rules of a Privacy Act request, one set for both ways in: the public
form (/privacy/requests/new/) and staff intake in the admin. The systems chosen decide
which identifiers are asked for (each notice's retrievability)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from access_requests.documents import MAX_NAME_CHARS, checked_type
from access_requests.identifiers import IDENTIFIER_WORDS
from access_requests.models import (
    DECLARATION,
    AppealOutcome,
    DocumentRole,
    IdentityMethod,
    PauseReason,
    PrivacyActRequest,
    RequestChannel,
    RequestKind,
)
from access_requests.services import identifiers_of_systems
from access_requests.workflow import Move
from audit.disagreements import STATEMENT_MAX_LENGTH
from lib.forms import UswdsFormMixin
from lib.normalize import NORMALIZERS
from sorn.constants import Role
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
ALL_SYSTEMS = "all"
# Length limits of what a requester types (issue 11, item 6); the model's own limits
# where it has them.
IDENTIFIER_MAX_CHARS = 200
AMENDMENT_PART_MAX_CHARS = 1500


def system_choices() -> list[tuple[str, str]]:
    return [
        (system.slug, f"{system.number} {system.name}")
        for system in SystemOfRecords.objects.filter(current_revision__isnull=False).order_by(
            "slug"
        )
    ]


def identifier_field(name: str, systems_asking: Iterable[str] = ()) -> forms.CharField:
    asking = ", ".join(systems_asking)
    return forms.CharField(
        label=IDENTIFIER_WORDS[name].capitalize(),
        max_length=IDENTIFIER_MAX_CHARS,
        required=False,
        help_text=f"Used to search {asking}." if asking else "",
    )


class RequestRules:
    """The checks every request gets, whichever way it came in: at least one identifier
    beyond the name for each system asked (the name alone finds no one), no identifier
    that none of the systems is searched by, no date in the future."""

    def given_identifiers(self) -> dict[str, str]:
        data = self.cleaned_data
        given = {name: (data.get(f"id_{name}") or "").strip() for name in IDENTIFIER_FIELDS}
        given.update({name: (data.get(field) or "").strip() for name, field in CONTACT.items()})
        return {name: value for name, value in given.items() if value}

    def clean_consent(self):
        """The consent file, checked from its content: (name, bytes), or None."""
        upload = self.files.get(self.add_prefix("consent"))
        if not upload:
            return None
        name = (upload.name or "the file")[:MAX_NAME_CHARS]
        content = upload.read(upload.size + 1 if upload.size is not None else -1)
        checked_type(content, name)
        return (name, content)

    def check_request(self, cleaned: dict, dates: Iterable[str]) -> None:
        for_someone = (cleaned.get("on_behalf_of") or "").strip()
        if for_someone and not cleaned.get("consent") and "consent" not in self.errors:
            # 5 U.S.C. 552a(b): records about someone go to another only with their
            # written consent.
            self.add_error("consent", "Upload the signed consent of the person you ask for.")
        if cleaned.get("consent") and not for_someone:
            self.add_error("on_behalf_of", "Give the name of the person whose consent this is.")
        today = timezone.localdate()
        for name in dates:
            day = cleaned.get(name)
            if day and day > today:
                self.add_error(name, "This date is in the future.")
        systems = cleaned.get("systems") or []
        asked = identifiers_of_systems(systems)
        given = self.given_identifiers()
        names = dict(system_choices())
        for name in IDENTIFIER_FIELDS:
            if name in given and not any(name in asked.get(s, []) for s in systems):
                self.add_error(f"id_{name}", "None of the chosen systems is searched by this.")
        for slug in systems:
            # Each system's notice retrieves by these; the name alone finds no one.
            beyond_name = [n for n in asked.get(slug, []) if n != "name"]
            if beyond_name and not any(n in given for n in beyond_name):
                words = ", ".join(IDENTIFIER_WORDS[n] for n in beyond_name)
                self.add_error("systems", f"{names[slug]}: give at least one of: {words}.")


def consent_documents(cleaned: dict) -> list[tuple[str, str, bytes]]:
    """The consent a form took, as record_request's documents."""
    consent = cleaned.get("consent")
    return [(DocumentRole.CONSENT, *consent)] if consent else []


class StaffIntakeForm(RequestRules, forms.ModelForm):
    """A request that came by post, e-mail, fax or telephone, as a privacy officer types
    it in: the same fields and rules as the web form, with the channel and the date it
    was received."""

    systems = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, choices=())
    channel = forms.ChoiceField(choices=STAFF_CHANNELS)
    # An address the status link is mailed to: one address, checked as the web form's.
    requester_email = forms.EmailField(label="Requester e-mail", max_length=254, required=False)
    received_on = forms.DateField(help_text="The day the request reached the office.")
    consent = forms.FileField(
        required=False,
        help_text="For a request made for someone else: their signed consent, scanned "
        "(PDF, PNG or JPEG, at most 10 MB).",
    )

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
            self.fields[f"id_{name}"] = identifier_field(name)

    def clean(self):
        cleaned = super().clean()
        self.check_request(cleaned, dates=("declared_on", "received_on"))
        return cleaned


# The public form ------------------------------------------------------------------------

KIND_CHOICES = [
    (RequestKind.NOTIFICATION, "Find out whether a system holds records about me"),
    (RequestKind.ACCESS, "Get a copy of my records"),
    (RequestKind.AMENDMENT, "Correct a record about me that is wrong"),
    (RequestKind.ACCOUNTING, "Find out who my records were given to"),
]
KIND_HINTS = {
    RequestKind.NOTIFICATION: "A notification request (5 U.S.C. 552a(f)(1)).",
    RequestKind.ACCESS: "An access request (5 U.S.C. 552a(d)(1)).",
    RequestKind.AMENDMENT: "An amendment request (5 U.S.C. 552a(d)(2)).",
    RequestKind.ACCOUNTING: "An accounting of disclosures (5 U.S.C. 552a(c)(3)).",
}


class ChooseRequestForm(UswdsFormMixin, forms.Form):
    """Step 1: what kind of request, of which systems. Nothing is stored; it decides what
    step 2 asks for."""

    kind = forms.ChoiceField(
        label="What do you want to do?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you want to do."},
    )
    systems = forms.MultipleChoiceField(
        label="Which systems of records?",
        error_messages={"required": "Choose at least one system of records."},
        help_text="Choose every system you think may hold records about you, or all of them.",
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["systems"].choices = [
            (ALL_SYSTEMS, "All systems listed here"),
            *system_choices(),
        ]

    def clean_systems(self) -> list[str]:
        chosen = self.cleaned_data["systems"]
        every = [slug for slug, _ in system_choices()]
        return every if ALL_SYSTEMS in chosen else [s for s in every if s in chosen]


class PublicRequestForm(UswdsFormMixin, RequestRules, forms.Form):
    """Step 2, for the kind and systems chosen in step 1: only the identifiers those
    systems' notices retrieve by, contact details, the amendment's three questions, a
    consent for a request made for someone else, and the 28 U.S.C. 1746 declaration."""

    # "Give at least one of …" for a system is answered in the identifiers' fieldset.
    hidden_anchors = {"systems": "identifiers", "kind": "chosen-heading"}

    kind = forms.ChoiceField(choices=KIND_CHOICES, widget=forms.HiddenInput)
    systems = forms.MultipleChoiceField(widget=forms.MultipleHiddenInput, choices=())
    requester_name = forms.CharField(label="Your full name", max_length=200)
    requester_email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        help_text="We send a link to this address; the request goes ahead only when you follow it.",
    )
    requester_phone = forms.CharField(label="Your phone number", max_length=40, required=False)
    requester_address = forms.CharField(
        label="Your mailing address", max_length=500, required=False, widget=forms.Textarea
    )
    on_behalf_of = forms.CharField(
        label="If you are asking for someone else: their full name",
        max_length=200,
        required=False,
        help_text="Leave empty if the request is about you.",
    )
    consent = forms.FileField(
        label="Their signed consent",
        required=False,
        help_text="Needed when you ask for someone else: their written, signed consent "
        "(PDF, PNG or JPEG, at most 10 MB).",
    )
    declared_name = forms.CharField(
        label="Type your full name to sign",
        max_length=200,
        help_text="The same name as above.",
    )
    declared_on = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}), help_text="Today's date."
    )
    declaration = forms.BooleanField(label="")
    # A field people never see and bots fill in (issue 11, item 6).
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    def __init__(self, *args, kind: str, systems: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["systems"].choices = system_choices()
        names = dict(system_choices())
        asked = identifiers_of_systems(systems)
        for name in IDENTIFIER_FIELDS:
            asking = [names[s].split(" ", 1)[0] for s in systems if name in asked.get(s, [])]
            if asking:
                self.fields[f"id_{name}"] = identifier_field(name, asking)
        if kind == RequestKind.AMENDMENT:
            for name, label, hint in (
                ("amend_record", "Which record is wrong?", "For example: the order, "
                 "the date, the system."),
                ("amend_wrong", "What is wrong in it?", ""),
                ("amend_should_say", "What should it say?", ""),
            ):  # fmt: skip
                self.fields[name] = forms.CharField(
                    label=label,
                    help_text=hint,
                    max_length=AMENDMENT_PART_MAX_CHARS,
                    widget=forms.Textarea,
                )
        else:
            self.fields["description"] = forms.CharField(
                label="Anything else that helps us find your records (optional)",
                max_length=2000,
                required=False,
                widget=forms.Textarea,
            )
        today = timezone.localdate()
        self.fields["declared_on"].initial = today
        self.fields["declaration"].label = DECLARATION.format(date="the date above")
        # Move the declaration to the end, after the fields added above.
        for name in ("declared_name", "declared_on", "declaration", "website"):
            self.fields[name] = self.fields.pop(name)
        self._name_fields_in_errors()

    # What to do when a field is left empty, in words that name it: the error summary
    # lists messages away from their fields, where "This field is required." twice says
    # nothing.
    REQUIRED = {
        "requester_name": "Enter your full name.",
        "requester_email": "Enter your e-mail address.",
        "amend_record": "Say which record is wrong.",
        "amend_wrong": "Say what is wrong in the record.",
        "amend_should_say": "Say what the record should say.",
        "declared_name": "Type your full name to sign.",
        "declared_on": "Enter today's date.",
        "declaration": "Tick the box to make the declaration.",
    }

    def _name_fields_in_errors(self) -> None:
        for name, field in self.fields.items():
            label = str(field.label).removesuffix(" (optional)")
            if name in self.REQUIRED:
                field.error_messages["required"] = self.REQUIRED[name]
            field.error_messages["max_length"] = (
                f"{label}: at most %(limit_value)d characters (it has %(show_value)d)."
            )
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = f"{label}: enter a real date."
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = "Enter an e-mail address like name@example.org."

    def clean_systems(self) -> list[str]:
        # Each once, in the catalogue's order, as step 1 gives them (a repeated hidden
        # field is one system).
        chosen = set(self.cleaned_data["systems"])
        return [slug for slug, _ in system_choices() if slug in chosen]

    def clean(self):
        cleaned = super().clean()
        self.check_request(cleaned, dates=("declared_on",))
        name, signed = cleaned.get("requester_name"), cleaned.get("declared_name")
        if name and signed and NORMALIZERS["name"](name) != NORMALIZERS["name"](signed):
            self.add_error("declared_name", "Type the same name as your full name above.")
        return cleaned

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(self.add_prefix("website")) or "").strip())

    def request_fields(self) -> dict:
        data = self.cleaned_data
        if data["kind"] == RequestKind.AMENDMENT:
            description = (
                f"Which record: {data['amend_record']}\n\nWhat is wrong: {data['amend_wrong']}"
                f"\n\nWhat it should say: {data['amend_should_say']}"
            )
        else:
            description = data.get("description", "")
        return {
            "kind": data["kind"],
            "systems": data["systems"],
            "channel": RequestChannel.WEB,
            "requester_name": data["requester_name"],
            "requester_email": data["requester_email"],
            "requester_phone": data["requester_phone"],
            "requester_address": data["requester_address"],
            "on_behalf_of": data["on_behalf_of"],
            "description": description,
            "declared_name": data["declared_name"],
            "declared_on": data["declared_on"],
        }


class RequestCorrectionForm(forms.ModelForm):
    """What staff may correct on a request before the workflow (the next issue) takes it
    on: the kind (FOIA.gov does not say which Privacy Act request it delivers; a letter
    may be read again), the systems asked about, and what the office needs from the
    requester (shown on the status page). Each change is an event in its history."""

    systems = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, choices=())

    class Meta:
        model = PrivacyActRequest
        fields = ["kind", "systems", "asked_of_requester"]
        widgets = {"asked_of_requester": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "asked_of_requester": "Shown to the requester on their status page; empty when "
            "nothing is needed."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["systems"].choices = system_choices()


# Dates staff type for moves, letters and reports: within the years the clocks can count
# (a working-day clock run to 9999-12-31 overflows, and one to a far year takes seconds on
# every queue page), so a typo such as 0001 or 9999 is an error on its field.
EARLIEST_DATE = datetime.date(1974, 12, 31)  # the Privacy Act of 1974
LATEST_YEARS_AHEAD = 10


def latest_date() -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year + LATEST_YEARS_AHEAD, day=min(today.day, 28))


class StaffDateField(forms.DateField):
    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST_DATE <= value <= latest_date():
            raise forms.ValidationError(
                f"Give a date from {EARLIEST_DATE:%B %-d, %Y} to {latest_date():%B %-d, %Y}.",
                code="date_range",
            )


# The staff workflow's moves -------------------------------------------------------------

# A form field for each thing a move may need (access_requests.workflow.Move.needs).
MOVE_FIELDS = {
    "assignee": lambda: forms.ModelChoiceField(
        queryset=get_user_model()
        .objects.filter(groups__name=Role.PRIVACY_OFFICER, is_active=True, is_staff=True)
        .order_by("username"),
        required=False,
        empty_label="Nobody",
        help_text="A privacy officer.",
    ),
    "method": lambda: forms.ChoiceField(
        label="How identity was established", choices=IdentityMethod.choices
    ),
    "pause_reason": lambda: forms.ChoiceField(
        label="What the office waits for", choices=PauseReason.choices
    ),
    "asked_of_requester": lambda: forms.CharField(
        label="What the requester is asked for",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the requester's status page. The clock stops until they answer.",
    ),
    "extended_to": lambda: StaffDateField(
        label="New date", widget=forms.DateInput(attrs={"type": "date"})
    ),
    "reason": lambda: forms.CharField(label="Reason", max_length=300),
    "outcome": lambda: forms.ChoiceField(label="Decision", choices=AppealOutcome.choices),
}


def move_form(move: Move) -> type[forms.Form]:
    """The form a move's page shows: one field for each thing the move needs."""
    fields = {need: MOVE_FIELDS[need]() for need in move.needs}
    return type(f"{move.name.title()}Form", (forms.Form,), fields)


# Reports ----------------------------------------------------------------------------------


class ReportForm(forms.Form):
    """The period and system of a report (access_requests/reports.py); by default the
    current month to today, every system."""

    start = StaffDateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = StaffDateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))
    system = forms.ChoiceField(label="System", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].choices = [("", "All systems"), *system_choices()]

    @classmethod
    def for_query(cls, query) -> ReportForm:
        """Bound to the query string, or to the default period when it names none."""
        if not query:
            today = timezone.localdate()
            query = {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}
        return cls(query)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError("The period ends before it starts.", code="period")
        return data


# Letters ---------------------------------------------------------------------------------

# A form field for each thing staff type into a letter (access_requests.letters.RULES).
# None is required here: the letter's own check names what its kind must contain.
LETTER_FIELDS = {
    "official_name": lambda: forms.CharField(
        label="Name of the official responsible", max_length=200, required=False
    ),
    "official_title": lambda: forms.CharField(
        label="Title of the official responsible", max_length=200, required=False
    ),
    "asked": lambda: forms.CharField(
        label="What the requester is asked for",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Empty: what the request's \u201cwait\u201d move asked.",
    ),
    "delay_reason": lambda: forms.CharField(
        label="Reason for the delay",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Empty: the reason given when the time limit was extended.",
    ),
    "expected_on": lambda: StaffDateField(
        label="Decision expected by",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: the date the time limit was extended to.",
    ),
    "decision": lambda: forms.CharField(
        label="The decision",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    ),
    "refused": lambda: forms.BooleanField(
        label="Refused in whole or in part",
        required=False,
        help_text="The letter then states the reasons and the requester's further rights.",
    ),
    "reasons": lambda: forms.CharField(
        label="Reasons", max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    ),
    "appeal_received_on": lambda: StaffDateField(
        label="Appeal received on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: the day the appeal was recorded.",
    ),
}


def letter_form(fields: Iterable[str], agencies: Iterable[str] = ()) -> type[forms.Form]:
    """The form a letter's page shows: what staff type for its kind, and which agency it
    comes from when the request asks about systems of more than one."""
    declared = {name: LETTER_FIELDS[name]() for name in fields}
    agencies = list(agencies)
    if len(agencies) > 1:
        declared = {
            "agency": forms.ChoiceField(
                label="From", choices=[(a, a) for a in agencies], required=False
            ),
            **declared,
        }
    return type("LetterForm", (forms.Form,), declared)


class StatementForm(UswdsFormMixin, forms.Form):
    """A statement of disagreement (5 U.S.C. 552a(d)(3)): filed by the requester on their
    status page, or typed in by staff from one that came by post."""

    statement = forms.CharField(
        label="Your statement of disagreement",
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Say briefly why you disagree with the refusal to amend your record. It is "
        "attached to the record, shown with it wherever it is used, and given to anyone the "
        "record is disclosed to from now on; those who were given it before are told of it.",
    )
