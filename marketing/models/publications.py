"""Publications, customers' requests for them, and publication mailing lists (USPS
890.000, purpose 2, category 1 and retention 1)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from keystore.fields import EncryptedRecord
from marketing.constants import PublicationFormat


class Publication(models.Model):
    """A USPS publication customers may request or subscribe to (reference data)."""

    code = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    frequency = models.CharField(max_length=40, blank=True)
    first_issued_on = models.DateField(db_index=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.code


class PublicationRequest(EncryptedRecord):
    """Categories of individuals 1: customers who "request publications"; purpose 2: "To
    provide appropriate materials and publications to customers"."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="publication_requests"
    )
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="requests")
    requested_on = models.DateField(db_index=True)
    quantity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    format = models.CharField(max_length=10, choices=PublicationFormat.choices)
    fulfilled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fulfilled_on__isnull=True)
                | models.Q(fulfilled_on__gte=models.F("requested_on")),
                name="publication_fulfilled_after_request",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="publication_request_quantity"
            ),
        ]

    def clean(self) -> None:
        if self.requested_on and self.fulfilled_on and self.fulfilled_on < self.requested_on:
            raise ValidationError(
                {"fulfilled_on": "A request cannot be fulfilled before it was made."}
            )


class MailingListSubscription(EncryptedRecord):
    """A customer on a publication mailing list. USPS 890.000, retention 1: "publication
    mailing lists are retained until the customer ceases to participate" — `ceased_on`
    is the anchor."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailing_list_subscriptions"
    )
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="subscriptions"
    )
    format = models.CharField(max_length=10, choices=PublicationFormat.choices)
    subscribed_on = models.DateField(db_index=True)
    ceased_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-subscribed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ceased_on__isnull=True)
                | models.Q(ceased_on__gte=models.F("subscribed_on")),
                name="mailing_list_ceases_after_it_starts",
            )
        ]

    def clean(self) -> None:
        if self.subscribed_on and self.ceased_on and self.ceased_on < self.subscribed_on:
            raise ValidationError({"ceased_on": "Participation cannot cease before it started."})
