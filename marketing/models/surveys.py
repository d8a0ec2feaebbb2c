"""Surveys, contests and market research, and customers' responses (USPS 890.000,
categories 5 and 9, retention 7)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from keystore.fields import EncryptedRecord
from marketing.attributes import ChoiceKeysValidator
from marketing.constants import ContestOutcome, SurveyDataTopic, SurveyKind
from marketing.fields import EncryptedJSONField


class Survey(models.Model):
    """A survey, contest or research study (reference data)."""

    code = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=SurveyKind.choices)
    opens_on = models.DateField(db_index=True)
    closes_on = models.DateField()

    class Meta:
        ordering = ["-opens_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_kind_display()})"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "A survey cannot close before it opens."})


class SurveyResponse(EncryptedRecord):
    """A customer's answers to a survey or contest entry. Category 5: "Information provided
    by customers as part of a survey or contest"; category 9, "Survey data": "customer
    perception, feelings, habits, past behaviors, preferences, recommended improvements,
    willingness to buy, ownership, and hypothetical future scenarios". Retention 7:
    "Customer insight, market research, and survey records will be retained for 3 years"."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="survey_responses"
    )
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    responded_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Question code -> answer, as the survey or contest entry form asked it.
    answers = EncryptedJSONField(default=dict)
    survey_data = EncryptedJSONField(
        default=dict,
        validators=[
            ChoiceKeysValidator(SurveyDataTopic.values, "survey data topics of category 9")
        ],
        help_text="Keys: " + ", ".join(SurveyDataTopic.values),
    )
    contest_outcome = models.CharField(max_length=12, choices=ContestOutcome.choices, blank=True)

    class Meta:
        ordering = ["-responded_at", "-id"]

    def clean(self) -> None:
        survey = self.survey if self.survey_id else None
        if survey is None:
            return
        errors = {}
        if self.responded_at:
            day = timezone.localdate(self.responded_at)
            if not survey.opens_on <= day <= survey.closes_on:
                errors["responded_at"] = (
                    f"The survey was open from {survey.opens_on} to {survey.closes_on}."
                )
        if self.contest_outcome and survey.kind != SurveyKind.CONTEST:
            errors["contest_outcome"] = "Only a contest entry has a contest outcome."
        if errors:
            raise ValidationError(errors)
