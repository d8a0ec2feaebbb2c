"""How a mailer mails, with what, and what it uses: mail practices and delivery
information (USPS 820.100, category 3), technical information (category 4), and product
usage and payment information (category 5)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from keystore.fields import EncryptedRecord, EncryptedTextField
from mailers.constants import (
    ContainerType,
    ContractedPartyKind,
    MailerProduct,
    MailingFrequency,
    MailingType,
    MediaPreference,
    PresortOption,
)
from mailers.models.base import same_person_as_application
from mailers.validators import validate_appointment_times, validate_drop_shipment_sites


class MailPractice(EncryptedRecord):
    """USPS 820.100, category 3: a mailer's mail practices and delivery information, as
    stated on (or after) an application. Operational facts about the business's mailings:
    kept in clear; the contractors and advertisers, who may be individuals, are
    `ContractedParty` rows, encrypted."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mail_practices"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mail_practices",
    )
    recorded_on = models.DateField(db_index=True)
    mailing_equipment = models.CharField("type of mailing equipment", max_length=200, blank=True)
    containers = models.CharField(max_length=12, choices=ContainerType.choices, blank=True)
    mail_preparation = models.TextField("mail preparation information", blank=True)
    drop_shipment_sites = models.JSONField(
        "drop shipment sites and codes",
        default=list,
        blank=True,
        validators=[validate_drop_shipment_sites],
        help_text='A list of {"site": ..., "code": ...}.',
    )
    automation_compatible = models.BooleanField(
        "compatible with mailing automation equipment", default=False
    )
    presort_option = models.CharField(max_length=16, choices=PresortOption.choices, blank=True)
    presort_tested_on = models.DateField("presort test date", null=True, blank=True)
    presort_test_passed = models.BooleanField(null=True, blank=True)
    mailing_frequency = models.CharField(
        "frequency of mailings", max_length=12, choices=MailingFrequency.choices, blank=True
    )
    mail_volume = models.PositiveIntegerField(
        "mail volume (pieces per mailing)", null=True, blank=True
    )
    primary_mailing_type = models.CharField(
        "primary type of mailing", max_length=16, choices=MailingType.choices, blank=True
    )
    destination_information = models.CharField(max_length=300, blank=True)
    uses_contracted_mail_services = models.BooleanField(
        "uses contracted mail services", default=False
    )
    appointment_times = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_appointment_times],
        help_text="Drop shipment appointment date-times (ISO 8601).",
    )

    def clean(self) -> None:
        if self.presort_test_passed is not None and not self.presort_tested_on:
            raise ValidationError({"presort_tested_on": "Give the date of the presort test."})
        same_person_as_application(self)


class ContractedParty(EncryptedRecord):
    """USPS 820.100, category 3: "names and addresses of contractors and advertisers"."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mail_contracted_parties"
    )
    mail_practice = models.ForeignKey(
        MailPractice, on_delete=models.CASCADE, related_name="contracted_parties"
    )
    kind = models.CharField(max_length=12, choices=ContractedPartyKind.choices)
    recorded_on = models.DateField(db_index=True)
    name = EncryptedTextField(max_length=200, blank=False)
    address = EncryptedTextField(max_length=300)

    class Meta:
        verbose_name = "contractor or advertiser"
        verbose_name_plural = "contractors and advertisers"

    def clean(self) -> None:
        if (
            self.mail_practice_id
            and self.person_id
            and self.mail_practice.person_id != self.person_id
        ):
            raise ValidationError(
                {"mail_practice": "The mail practices belong to another customer."}
            )


class TechnicalProfile(EncryptedRecord):
    """USPS 820.100, category 4: "hardware, software, and equipment names, types,
    versions, and specifications; media preferences; mail site specifications", collected
    "to ensure the proper operation of electronic data transmission and software"
    (purpose 4). About the business's systems, not the person: kept in clear."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_technical_profiles"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technical_profiles",
    )
    recorded_on = models.DateField(db_index=True)
    hardware = models.CharField(max_length=200, blank=True)
    software_name = models.CharField(max_length=200, blank=True)
    software_version = models.CharField(max_length=50, blank=True)
    equipment_name = models.CharField(max_length=200, blank=True)
    equipment_type = models.CharField(max_length=100, blank=True)
    equipment_version = models.CharField(max_length=50, blank=True)
    specifications = models.TextField(blank=True)
    media_preference = models.CharField(max_length=16, choices=MediaPreference.choices, blank=True)
    mail_site_specifications = models.TextField(blank=True)

    def clean(self) -> None:
        same_person_as_application(self)


class ProductUsage(EncryptedRecord):
    """USPS 820.100, category 5: "package volumes, package weights, product ordered,
    quantity ordered, billing information, products used, ordered date, inventory date,
    and usage measure dates". The billing information (billing name and address as given)
    is encrypted."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_product_usage"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="product_usage",
    )
    product_ordered = models.CharField(max_length=24, choices=MailerProduct.choices)
    ordered_on = models.DateField("ordered date", db_index=True)
    quantity_ordered = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    products_used = models.CharField(max_length=200, blank=True)
    package_volume = models.PositiveIntegerField("package volume (packages)", null=True, blank=True)
    package_weight_lb = models.DecimalField(
        "package weight (lb)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    billing_information = EncryptedTextField(max_length=500)
    inventory_on = models.DateField("inventory date", null=True, blank=True)
    usage_measured_on = models.DateField("usage measure date", null=True, blank=True)

    class Meta:
        verbose_name_plural = "product usage"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usage_measured_on__isnull=True)
                | models.Q(usage_measured_on__gte=models.F("ordered_on")),
                name="mailer_usage_measured_after_ordered",
            )
        ]

    def clean(self) -> None:
        if self.usage_measured_on and self.ordered_on and self.usage_measured_on < self.ordered_on:
            raise ValidationError(
                {"usage_measured_on": "Usage cannot be measured before the product was ordered."}
            )
        same_person_as_application(self)
