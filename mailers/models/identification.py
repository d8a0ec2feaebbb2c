"""Customer or product identification and authentication (USPS 820.100, category 2):
mailer identifiers, authorized users, the customer's signature and the security
personnel's sign-off."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from customers.validators import validate_phone
from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from mailers.constants import IdentifierKind
from mailers.models.base import same_person_as_application
from mailers.validators import (
    normalize_mailer_identifier,
    validate_mailer_identifier,
    validate_ssn_last_four,
)


class MailerIdentifier(EncryptedRecord):
    """A mailer ID, permit number, postage meter number, D-U-N-S Number, POSTNET code or
    publication ID. Business identifiers the Postal Service assigns or the business holds:
    kept in clear (normalised) so staff can look a mailer up by them."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_identifiers"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="identifiers",
    )
    kind = models.CharField(max_length=16, choices=IdentifierKind.choices)
    value = models.CharField(max_length=20)
    # "publication name(s) and ID(s)": the name beside a publication ID.
    publication_name = models.CharField(max_length=200, blank=True)
    assigned_on = models.DateField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "value"], name="mailer_identifier_value")]

    def clean(self) -> None:
        self.value = normalize_mailer_identifier(self.value)
        errors: dict[str, list[str]] = {}
        try:
            validate_mailer_identifier(self.kind, self.value)
        except ValidationError as exc:
            errors["value"] = exc.messages
        if self.publication_name and self.kind != IdentifierKind.PUBLICATION:
            errors["publication_name"] = ["Only a publication ID has a publication name."]
        if errors:
            raise ValidationError(errors)
        same_person_as_application(self)


class AuthorizedUser(EncryptedRecord):
    """USPS 820.100, category 2: "name(s) of authorized users" a mailer authorizes to act
    for it. Found by their own name as well (the notice retrieves by name)."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_authorized_users"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authorized_users",
    )
    name = EncryptedTextField(max_length=200, blank=False)
    name_index = BlindIndexField(source="name", kind="name")
    authorized_on = models.DateField(db_index=True)
    revoked_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_on__isnull=True)
                | models.Q(revoked_on__gte=models.F("authorized_on")),
                name="mailer_authorized_user_revoked_after_authorized",
            )
        ]

    def clean(self) -> None:
        if self.revoked_on and self.authorized_on and self.revoked_on < self.authorized_on:
            raise ValidationError(
                {"revoked_on": "An authorization cannot be revoked before it was given."}
            )
        same_person_as_application(self)


class CustomerSignature(EncryptedRecord):
    """USPS 820.100, category 2: "customer signature, date, last four digits of Social
    Security Number (SSN); USPS site; ... USPS location information". The signature is
    kept as the signer's name and a reference to the stored signature image."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_signatures"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication", on_delete=models.CASCADE, related_name="signatures"
    )
    signed_on = models.DateField("date", db_index=True)
    signer_name = EncryptedTextField(max_length=200, blank=False)
    signature_image = EncryptedTextField(
        "signature image reference", max_length=300, help_text="Where the signed image is kept."
    )
    ssn_last_four = EncryptedTextField(
        "last four digits of SSN", max_length=4, blank=False, validators=[validate_ssn_last_four]
    )
    # The Postal Service's own site and location: facts about USPS, not about the customer.
    usps_site = models.CharField("USPS site", max_length=200, blank=True)
    usps_location = models.CharField("USPS location", max_length=200, blank=True)

    def clean(self) -> None:
        same_person_as_application(self)


class SecurityPersonnel(EncryptedRecord):
    """USPS 820.100, category 2: "security personnel name, signature, date, telephone
    number, and last four digits of SSN" — the security officer who signs off an
    application's computer access. Found by their own name as well."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_security_personnel"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication", on_delete=models.CASCADE, related_name="security_personnel"
    )
    signed_on = models.DateField("date", db_index=True)
    name = EncryptedTextField(max_length=200, blank=False)
    name_index = BlindIndexField(source="name", kind="name")
    signature_image = EncryptedTextField("signature image reference", max_length=300)
    phone = EncryptedTextField("telephone number", max_length=32, validators=[validate_phone])
    ssn_last_four = EncryptedTextField(
        "last four digits of SSN", max_length=4, blank=False, validators=[validate_ssn_last_four]
    )

    class Meta:
        verbose_name = "security personnel sign-off"
        verbose_name_plural = "security personnel sign-offs"

    def clean(self) -> None:
        same_person_as_application(self)
