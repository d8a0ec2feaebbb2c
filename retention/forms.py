"""The shape of a legal hold, a release and a rejection: what each must name, checked
before anything is stored."""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import DatabaseError, models, transaction

from customers.models import Person
from keystore.fields import BlindIndexField
from retention.models import HoldScope, LegalHold
from retention.rules import bindings
from sorn.classification import registry

# What each scope names; every other target field must stay empty.
SCOPE_FIELDS = {
    HoldScope.PERSON: {"person_id"},
    HoldScope.SYSTEM: {"system"},
    HoldScope.RECORD: {"model_label", "record_id"},
    HoldScope.QUERY: {"model_label", "query"},
}
TARGET_FIELDS = ("person_id", "system", "model_label", "record_id", "query")


def record_models() -> dict[str, type[models.Model]]:
    """The record types a hold may name: every model a retention rule governs."""
    return {b.label: b.model for b in bindings()}


def _lookups_on_itself(field: models.Field, lookups: list[str]) -> bool:
    """A relation compared by its own column (`person`, `person__in`), not followed."""
    return not lookups or (len(lookups) == 1 and field.get_lookup(lookups[0]) is not None)


def query_problems(model: type[models.Model], query) -> list[str]:
    """Why `query` cannot be a hold's lookups on `model`; empty when it can.

    Only the model's own stored columns in clear: an encrypted field cannot be compared
    in the database, a blind index or key reference is no criterion a person types, and
    following a relation would reach fields this check never saw."""
    if not isinstance(query, dict) or not query:
        return ['a query is a JSON object of field lookups, e.g. {"recorded_on__lt": "2020-01-01"}']
    entry = registry.get(model)
    columns = {f.name: f for f in model._meta.concrete_fields}
    columns.update({f.attname: f for f in model._meta.concrete_fields})
    problems = []
    for key in query:
        name, *lookups = str(key).split("__")
        field = columns.get(name)
        if field is None:
            try:
                model._meta.get_field(name)
                problems.append(f"{key}: {name} is not a stored column of {model._meta.label}")
            except FieldDoesNotExist:
                problems.append(f"{key}: {model._meta.label} has no field {name!r}")
            continue
        classified = entry.fields.get(field.name) if entry else None
        if classified is not None and classified.encrypted:
            problems.append(f"{key}: {field.name} is encrypted; only fields stored in clear")
        elif isinstance(field, BlindIndexField) or field.attname == "data_key_id":
            problems.append(f"{key}: {field.name} is a blind index or key reference")
        elif classified is None:
            problems.append(f"{key}: {field.name} is not classified")
        elif field.is_relation and not _lookups_on_itself(field, lookups):
            problems.append(f"{key}: only lookups on {field.name} itself (no related fields)")
    if problems:
        return problems
    try:
        # A savepoint: an error the database raises leaves the admin's transaction usable.
        with transaction.atomic():
            model._base_manager.filter(**query).exists()
    except (FieldError, ValidationError, ValueError, TypeError, DatabaseError) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return [f"the lookups do not make a query on {model._meta.label}: {message}"]
    return []


class LegalHoldForm(forms.ModelForm):
    """A new hold: what it covers (by its scope) and why."""

    model_label = forms.ChoiceField(
        label="Record type",
        required=False,
        help_text="For a record or query hold: a record type a retention rule governs.",
    )

    class Meta:
        model = LegalHold
        fields = ["scope", *TARGET_FIELDS, "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model_label"].choices = [("", "---------")] + [
            (label, label) for label in sorted(record_models())
        ]
        # Stripped and required like every CharField: blanks are no reason.
        self.fields["reason"].error_messages["required"] = (
            "A legal hold needs a reason (matter, docket, request)."
        )

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if not scope:
            return data
        wanted = SCOPE_FIELDS[HoldScope(scope)]
        for name in TARGET_FIELDS:
            value = data.get(name)
            given = value not in (None, "")
            if name in wanted and not given and name not in self.errors:
                self.add_error(name, f"A {scope} hold names this.")
            elif name not in wanted and given:
                self.add_error(name, f"Leave this empty for a {scope} hold.")
        if any(name in self.errors for name in TARGET_FIELDS):
            return data
        if scope == HoldScope.PERSON:
            if not Person._base_manager.filter(pk=data["person_id"]).exists():
                self.add_error("person_id", f"There is no customer #{data['person_id']}.")
        elif scope in (HoldScope.RECORD, HoldScope.QUERY):
            model = record_models()[data["model_label"]]
            if scope == HoldScope.RECORD:
                if not model._base_manager.filter(pk=data["record_id"]).exists():
                    self.add_error(
                        "record_id", f"There is no {data['model_label']} #{data['record_id']}."
                    )
            else:
                for problem in query_problems(model, data["query"]):
                    self.add_error("query", problem)
        return data


class ReleaseHoldForm(forms.Form):
    release_reason = forms.CharField(
        label="Why the hold is released",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="The matter closed, the audit finished, the request answered.",
        error_messages={"required": "Releasing a hold needs a reason."},
    )


class RejectRunForm(forms.Form):
    reason = forms.CharField(
        label="Why the plan is rejected",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Identifiers and counts only: no personal data.",
        error_messages={"required": "Rejecting a plan needs a reason."},
    )
