"""Customer sharing and analytics data: campaign materials, analytics programs, shared
documents and custom web pages shared with customers, and what they did with them
(USPS 890.000, purposes 12 and 13, category 18; retention 7: "Customer insight ... records
will be retained for 3 years"; retrieval 7: "Customer Insight materials are retrieved by
name and email address")."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from marketing.constants import ShareKind
from marketing.models.meetings import attributes_of


class InsightShare(EncryptedRecord):
    """One sharing of customer insight material, with its views and report data."""

    kind = models.CharField(max_length=24, choices=ShareKind.choices)
    shared_at = models.DateTimeField(db_index=True)
    # The customer the material was shared with or is about, where known.
    person = models.ForeignKey(
        "customers.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="insight_shares",
    )
    # Purpose 13: "To analyze sales and marketing campaign materials for effectiveness".
    campaign = models.ForeignKey(
        "marketing.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insight_shares",
    )
    # "customer meeting insights": kept 3 years, longer than the meeting's 24 months.
    meeting = models.ForeignKey(
        "marketing.WebMeeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insight_shares",
    )
    shared_by_name = EncryptedTextField(max_length=200)
    shared_by_name_index = BlindIndexField(source="shared_by_name", kind="name")
    shared_by_email = EncryptedTextField(max_length=254, validators=[validate_email])
    shared_by_email_index = BlindIndexField(source="shared_by_email", kind="email")
    shared_to_name = EncryptedTextField(max_length=200)
    shared_to_name_index = BlindIndexField(source="shared_to_name", kind="name")
    shared_to_email = EncryptedTextField(max_length=254, validators=[validate_email])
    shared_to_email_index = BlindIndexField(source="shared_to_email", kind="email")
    # "Analytics shared document viewed count", "custom webpage share views".
    view_count = models.PositiveIntegerField(default=0)
    # "custom webpage share number".
    share_number = models.PositiveIntegerField(null=True, blank=True)
    report_data = attributes_of("customer_sharing_analytics")

    class Meta:
        ordering = ["-shared_at", "-id"]

    def clean(self) -> None:
        errors = {}
        if not (self.shared_by_name or self.shared_by_email):
            errors["shared_by_email"] = "Enter who shared the material."
        if not (self.shared_to_name or self.shared_to_email or self.person_id):
            errors["shared_to_email"] = "Enter whom the material was shared with."
        if errors:
            raise ValidationError(errors)
