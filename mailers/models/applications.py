"""Applications for mail management and tracking products and services, their decision
trail, and the key contacts they name (USPS 820.100, category 1; purpose 1)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from customers.validators import validate_phone, validate_postal_code
from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from keystore.payments import PaymentCardFields, card_number_field
from mailers.constants import (
    AnnualRevenue,
    ApplicationStatus,
    Decision,
    EmploymentStatus,
    Industry,
    KeyContactRole,
    MailerProduct,
    MonthlyShippingBudget,
    PaymentMethod,
    ReferralMethod,
)
from mailers.models.base import same_person_as_application


class MailerApplication(PaymentCardFields, EncryptedRecord):
    """One application for a mailer product or service.

    The applicant is the person; the applicant's name, mail and e-mail address and phone
    and fax numbers are the person's (customers app). Business facts (industry, state,
    budget, revenue) stay in clear: they describe the business and are what mailer
    services staff qualify and report applications by. The company name and city, which
    for a sole proprietor are the person's own name and home town, personal facts
    (employment status, job title) and the card number are encrypted. Bank details are
    ACH records of their own (`ACHRecord`), because retention 2 keeps them for 2 years.
    """

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_applications"
    )
    application_number = models.CharField(max_length=24, unique=True)
    product = models.CharField(
        "product or service applied for", max_length=24, choices=MailerProduct.choices
    )
    submitted_on = models.DateField(db_index=True)
    # Changed only through mailers.workflow.decide_application, with its decision trail.
    status = models.CharField(
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        editable=False,
    )
    # A company name is often a person's own name (a sole proprietor's): encrypted, as
    # customers.Person.company_name is, and found through its blind index.
    company_name = EncryptedTextField(max_length=200)
    company_name_index = BlindIndexField(source="company_name", kind="name")
    # "location": the city encrypted like an address's; the state in clear for reports.
    company_city = EncryptedTextField(max_length=100)
    company_state = models.CharField(max_length=2, blank=True)
    industry = models.CharField(max_length=16, choices=Industry.choices, blank=True)
    monthly_shipping_budget = models.CharField(
        max_length=16, choices=MonthlyShippingBudget.choices, blank=True
    )
    annual_revenue = models.CharField(max_length=20, choices=AnnualRevenue.choices, blank=True)
    employment_status = EncryptedTextField(max_length=24, choices=EmploymentStatus.choices)
    job_title = EncryptedTextField("job title and/or role", max_length=200)
    # USPS 820.100, category 1: "payment information": the card fields of
    # `PaymentCardFields`, never a card verification code.
    payment_method = models.CharField(max_length=8, choices=PaymentMethod.choices)
    # The application form's wording: one message for any card number it refuses.
    card_number = card_number_field("Enter a valid card number.")
    # USPS 820.100, category 6: customer feedback, "method of referral".
    referral_method = models.CharField(max_length=16, choices=ReferralMethod.choices, blank=True)

    class Meta:
        ordering = ["-submitted_on", "application_number"]
        indexes = [models.Index(fields=["status", "submitted_on"], name="mailer_app_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(payment_method="card") | models.Q(card_last_four=""),
                name="mailer_app_card_only_when_paying_by_card",
            )
        ]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.payment_method == PaymentMethod.CARD:
            # Checked against the submission, so a card that expired since does not make
            # a kept application invalid.
            errors = self.card_errors(self.submitted_on)
        elif any(getattr(self, name) not in (None, "") for name in self.CARD_FIELDS):
            errors["payment_method"] = "Card details are kept only when paying by card."
        if errors:
            raise ValidationError(errors)


class ApplicationDecision(EncryptedRecord):
    """One entry of an application's decision trail: who decided what, when and why.
    Written only by `mailers.workflow.decide_application`, which also moves the
    application's status."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_decisions"
    )
    application = models.ForeignKey(
        MailerApplication, on_delete=models.CASCADE, related_name="decisions"
    )
    decision = models.CharField(max_length=16, choices=Decision.choices)
    decided_at = models.DateTimeField(db_index=True)
    # Staff are deactivated, not deleted, so the trail keeps who decided.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mailer_decisions",
        help_text="The staff member; empty for the applicant's own withdrawal.",
    )
    # May describe the applicant (why an application was denied): encrypted like a note.
    reason = EncryptedTextField(max_length=2000)

    class Meta:
        ordering = ["application_id", "decided_at"]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        application = self.application if self.application_id else None
        if application is not None:
            if self.person_id and self.person_id != application.person_id:
                errors["person"] = "The decision must be filed under the applicant."
            if self.decided_at and self.decided_at.date() < application.submitted_on:
                errors["decided_at"] = "An application cannot be decided before it was submitted."
        if self.decision == Decision.DENIED and not self.reason:
            errors["reason"] = "Give the reason for a denial."
        if errors:
            raise ValidationError(errors)


class KeyContact(EncryptedRecord):
    """USPS 820.100, category 1: "key contacts name, mail and e-mail address, phone number,
    fax number, ... job title and/or role" of an application. Kept under the applicant's
    file (person); found by their own name as well (the notice retrieves by name)."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_key_contacts"
    )
    application = models.ForeignKey(
        MailerApplication, on_delete=models.CASCADE, related_name="key_contacts"
    )
    role = models.CharField(max_length=12, choices=KeyContactRole.choices)
    added_on = models.DateField(db_index=True)
    name = EncryptedTextField(max_length=200, blank=False)
    name_index = BlindIndexField(source="name", kind="name")
    job_title = EncryptedTextField(max_length=200)
    email = EncryptedTextField("e-mail", max_length=254, validators=[validate_email])
    phone = EncryptedTextField(max_length=32, validators=[validate_phone])
    fax = EncryptedTextField(max_length=32, validators=[validate_phone])
    mail_address = EncryptedTextField(max_length=300, help_text="Street address, city and state.")
    postal_code = EncryptedTextField("ZIP code", max_length=10, validators=[validate_postal_code])

    def clean(self) -> None:
        same_person_as_application(self)
