"""People, as every system of records knows them, and their relationship with each system.

One `Person` row serves all four systems (a customer of the Philatelic Fulfillment Service
Center may also be a mailer and a Mint customer); what ties a person to a system is a
`SystemRelationship`, whose end is the anchor of "N years after the customer relationship
ends" (USPS 810.300, 820.100 retention 4, 890.000 retention 3). Participation in mailing
lists and programs has its own start and end (USPS 890.000, retention 1).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.utils import timezone

from customers.constants import (
    AddressKind,
    ChangeChannel,
    ContactMedium,
    EmailFormat,
    PhoneKind,
    PreferenceName,
    RelationshipStatus,
)
from customers.validators import validate_phone, validate_postal_code, validate_url_text
from keystore.fields import (
    BlindIndexField,
    EncryptedDateField,
    EncryptedRecord,
    EncryptedTextField,
)
from sorn.constants import SystemSlug


class Person(EncryptedRecord):
    """A customer or other individual a system of records is about."""

    # Agency-assigned, not personal in itself: kept in clear so staff can quote it.
    # Assigned by the service (customers.services.enrol_person), never typed or changed
    # by staff: uniqueness spans every system, so a chosen value would be an oracle.
    customer_id = models.CharField("customer ID", max_length=32, unique=True, editable=False)
    given_name = EncryptedTextField(max_length=100)
    family_name = EncryptedTextField(max_length=100)
    name_index = BlindIndexField(source="full_name", kind="name")
    # A name part alone finds the person too ("Lovelace", "Ada"): one exact-match index
    # per part, never a filter on ciphertext.
    given_name_index = BlindIndexField(source="given_name", kind="name")
    family_name_index = BlindIndexField(source="family_name", kind="name")
    company_name = EncryptedTextField(max_length=200)
    company_name_index = BlindIndexField(source="company_name", kind="name")
    job_title = EncryptedTextField(max_length=200)
    email = EncryptedTextField("e-mail", max_length=254, validators=[validate_email])
    email_index = BlindIndexField(source="email", kind="email")
    url = EncryptedTextField("URL", max_length=300, validators=[validate_url_text])
    date_of_birth = EncryptedDateField(null=True, blank=True)
    # Treasury/Mint .009 (b) keeps the birth month only.
    birth_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["customer_id"]
        indexes = [models.Index(fields=["created_at"], name="customers_person_created")]

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


class Address(EncryptedRecord):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=16, choices=AddressKind.choices)
    line1 = EncryptedTextField("street address", max_length=200)
    line2 = EncryptedTextField("address line 2", max_length=200)
    city = EncryptedTextField(max_length=100)
    # State and country stay in clear: they are what regional reports group by.
    state = models.CharField(max_length=2, blank=True)
    postal_code = EncryptedTextField("ZIP code", max_length=10, validators=[validate_postal_code])
    country = models.CharField(max_length=2, default="US")
    address_index = BlindIndexField(source="one_line", kind="address")

    class Meta:
        verbose_name_plural = "addresses"

    @property
    def one_line(self) -> str:
        parts = (self.line1, self.line2, self.city, self.state, self.postal_code)
        return ", ".join(p for p in parts if p)


class PhoneNumber(EncryptedRecord):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phone_numbers")
    kind = models.CharField(max_length=16, choices=PhoneKind.choices)
    number = EncryptedTextField(max_length=32, validators=[validate_phone])
    number_index = BlindIndexField(source="number", kind="phone")


class Credential(EncryptedRecord):
    """USPS 810.300 customer information: username, password, verification question and
    answer. The password and the answer are hashed (Django's hashers), never encrypted,
    never readable: they can only be set and checked."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credentials")
    system = models.CharField(max_length=20, choices=SystemSlug.choices)
    username = EncryptedTextField(max_length=150)
    username_index = BlindIndexField(source="username", kind="identifier")
    password_hash = models.CharField(max_length=256, blank=True, editable=False)
    verification_question = models.CharField(max_length=200, blank=True)
    verification_answer_hash = models.CharField(max_length=256, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "system"], name="one_credential_per_system")
        ]

    def set_password(self, raw: str) -> None:
        self.password_hash = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return check_password(raw, self.password_hash)

    def set_verification_answer(self, raw: str) -> None:
        # Answers are compared case- and space-insensitively, as people type them.
        self.verification_answer_hash = make_password(" ".join(raw.casefold().split()))

    def check_verification_answer(self, raw: str) -> bool:
        return check_password(" ".join(raw.casefold().split()), self.verification_answer_hash)


class SystemRelationship(models.Model):
    """A person's relationship with one system of records: the retention anchor of
    "retained N years after the customer relationship ends"."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    system = models.CharField(max_length=20, choices=SystemSlug.choices)
    # The system's own customer ID(s) for the person, where it assigns one.
    system_customer_id = models.CharField("customer ID in the system", max_length=40, blank=True)
    status = models.CharField(
        max_length=10, choices=RelationshipStatus.choices, default=RelationshipStatus.ACTIVE
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "system"], name="one_relationship_per_system"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="relationship_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(status="active", ended_on__isnull=True)
                | models.Q(status="ended", ended_on__isnull=False),
                name="relationship_status_matches_end",
            ),
        ]
        indexes = [
            models.Index(fields=["system", "ended_on"], name="relationship_system_end"),
            models.Index(fields=["system_customer_id"], name="relationship_customer_id"),
        ]

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The relationship cannot end before it started."})
        self.status = RelationshipStatus.ENDED if self.ended_on else RelationshipStatus.ACTIVE


class ProgramParticipation(models.Model):
    """Participation in a program, organization or publication mailing list, kept "until
    the customer ceases to participate" (USPS 890.000, retention 1)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    system = models.CharField(max_length=20, choices=SystemSlug.choices)
    program = models.CharField(max_length=200)
    started_on = models.DateField()
    ceased_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ceased_on__isnull=True)
                | models.Q(ceased_on__gte=models.F("started_on")),
                name="participation_ceases_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["system", "ceased_on"], name="participation_ceased")]

    def clean(self) -> None:
        if self.ceased_on and self.started_on and self.ceased_on < self.started_on:
            raise ValidationError({"ceased_on": "Participation cannot cease before it started."})


class Preferences(models.Model):
    """A person's current preferences and consents for one system; every change is also
    written to `PreferenceChange` by `customers.services.set_preference`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="preferences")
    system = models.CharField(max_length=20, choices=SystemSlug.choices)
    # USPS 810.300 customer preferences
    usps_marketing = models.BooleanField("receive USPS marketing information", default=False)
    partner_marketing = models.BooleanField(
        "receive marketing information from USPS partners", default=False
    )
    preferred_contact_medium = models.CharField(
        max_length=10, choices=ContactMedium.choices, blank=True
    )
    preferred_email_format = models.CharField(
        "preferred e-mail format", max_length=10, choices=EmailFormat.choices, blank=True
    )
    product_marketing_preference = models.CharField(
        "product and/or service marketing preference", max_length=200, blank=True
    )
    # Treasury/Mint .009 purposes: opted in to Web measurement and customization.
    web_measurement_opt_in = models.BooleanField(default=False)
    # The partner's promise (PC-postage privacy policy): opt out of sharing with partners.
    partner_sharing_opt_out = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "preferences"
        constraints = [
            models.UniqueConstraint(fields=["person", "system"], name="one_preferences_per_system")
        ]


class PreferenceChange(models.Model):
    """Who changed which preference, when, and how: the consent history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="preference_changes")
    system = models.CharField(max_length=20, choices=SystemSlug.choices)
    preference = models.CharField(max_length=40, choices=PreferenceName.choices)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=ChangeChannel.choices)

    class Meta:
        ordering = ["-changed_at"]
