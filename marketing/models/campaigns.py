"""Direct marketing, advertising and promotions, and customers' responses to them
(USPS 890.000, category 3 and retention 2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from keystore.fields import EncryptedRecord
from marketing.constants import CampaignKind, CampaignResponseType, ResponseChannel


class Campaign(models.Model):
    """A direct-marketing, advertising or promotion campaign: reference data the responses
    point at; it holds nothing about a person."""

    code = models.CharField("campaign code", max_length=20, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=CampaignKind.choices)
    starts_on = models.DateField(db_index=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_kind_display()})"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The campaign cannot end before it starts."})


class CampaignResponse(EncryptedRecord):
    """A customer's response to a campaign. Categories of individuals 1: customers who
    "respond to direct marketing messages"; retention 2: "Records relating to direct
    marketing, advertising, and promotions are retained 5 years" (from the response)."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="campaign_responses"
    )
    # PROTECT: a campaign stays while responses (kept 5 years each) point at it.
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    responded_on = models.DateField(db_index=True)
    channel = models.CharField(max_length=12, choices=ResponseChannel.choices)
    response = models.CharField(max_length=24, choices=CampaignResponseType.choices)

    class Meta:
        ordering = ["-responded_on", "-id"]

    def clean(self) -> None:
        campaign = self.campaign if self.campaign_id else None
        if campaign and self.responded_on and self.responded_on < campaign.starts_on:
            raise ValidationError(
                {"responded_on": "A response cannot come before the campaign starts."}
            )
