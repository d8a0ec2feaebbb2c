"""The shape of a legal hold, a release and a rejection: what each must name, checked
before anything is stored."""

from __future__ import annotations

from django import forms

from customers.models import Person
from retention.hold_targets import query_problems, record_models
from retention.models import HoldScope, LegalHold

# What each scope names; every other target field must stay empty.
SCOPE_FIELDS = {
    HoldScope.PERSON: {"person_id"},
    HoldScope.SYSTEM: {"system"},
    HoldScope.RECORD: {"model_label", "record_id"},
    HoldScope.QUERY: {"model_label", "query"},
}
TARGET_FIELDS = ("person_id", "system", "model_label", "record_id", "query")


class LegalHoldForm(forms.ModelForm):
    """A new hold: what it covers (by its scope) and why. Built for the officer placing
    it (`for_officer`): a query hold compares only fields they read in clear."""

    officer = None  # who places the hold; None reads nothing, so no query passes

    model_label = forms.ChoiceField(
        label="Record type",
        required=False,
        help_text="For a record or query hold: a record type a retention rule governs.",
    )

    class Meta:
        model = LegalHold
        fields = ["scope", *TARGET_FIELDS, "reason"]

    @classmethod
    def for_officer(cls, user) -> type[LegalHoldForm]:
        """This form, for `user` to place a hold with."""
        return type(cls.__name__, (cls,), {"officer": user})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model_label"].choices = [("", "---------")] + [
            (label, label) for label in sorted(record_models())
        ]
        self.fields["query"].help_text = (
            'For a query hold: field lookups, e.g. {"placed_on__lt": "2020-01-01"}, on '
            "fields stored in clear that your role reads in clear."
        )
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
                for problem in query_problems(model, data["query"], by=self.officer):
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
