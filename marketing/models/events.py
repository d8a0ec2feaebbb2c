"""USPS and related events, registrations, and Postal Customer Council membership
(USPS 890.000, purpose 3, categories 7 and 8, retention 1 and 3)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from keystore.fields import EncryptedRecord, EncryptedTextField
from marketing.constants import EventKind, EventRole, PccRole, RegistrationStatus


class Event(models.Model):
    """A USPS or related event (reference data). Category 7: "Name of event"."""

    name = models.CharField("name of event", max_length=200)
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    starts_on = models.DateField(db_index=True)
    ends_on = models.DateField()
    venue_city = models.CharField(max_length=100, blank=True)
    venue_state = models.CharField(max_length=2, blank=True)
    registration_fee = models.DecimalField(
        max_digits=8, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"Event #{self.pk} ({self.starts_on})"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The event cannot end before it starts."})


class EventRegistration(EncryptedRecord):
    """A customer's registration for an event. Category 7: "role at event; itinerary";
    category 8, customer preferences: "Preferences for badge name and accommodations"."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="event_registrations"
    )
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    registered_on = models.DateField(db_index=True)
    role = models.CharField("role at event", max_length=12, choices=EventRole.choices)
    status = models.CharField(
        max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    itinerary = EncryptedTextField(max_length=2000)
    badge_name = EncryptedTextField(max_length=60)
    # May reveal a disability or a dietary need: encrypted, shown to those who arrange them.
    accommodations = EncryptedTextField(max_length=1000)

    class Meta:
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "event"], name="one_registration_per_event")
        ]

    def clean(self) -> None:
        event = self.event if self.event_id else None
        if event and self.registered_on and self.registered_on > event.ends_on:
            raise ValidationError(
                {"registered_on": "A registration cannot be made after the event ended."}
            )


class PccMembership(EncryptedRecord):
    """Membership in a Postal Customer Council (category 7: "membership in a PCC").
    USPS 890.000, retention 1: "Records relating to organizations ... are retained until
    the customer ceases to participate" — `ceased_on` is the anchor."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="pcc_memberships"
    )
    council = models.CharField("Postal Customer Council", max_length=200)
    role = models.CharField(max_length=20, choices=PccRole.choices, default=PccRole.MEMBER)
    joined_on = models.DateField(db_index=True)
    ceased_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "PCC membership"
        ordering = ["-joined_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ceased_on__isnull=True)
                | models.Q(ceased_on__gte=models.F("joined_on")),
                name="pcc_membership_ceases_after_it_starts",
            )
        ]

    def clean(self) -> None:
        if self.joined_on and self.ceased_on and self.ceased_on < self.joined_on:
            raise ValidationError({"ceased_on": "Membership cannot cease before it started."})
