"""Sales records: business profiles of the firms USPS sales personnel serve, and the
contracts of companies that act as suppliers to USPS (USPS 890.000, categories 2 to 4)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from customers.validators import validate_url_text
from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from marketing.constants import FirmSize
from marketing.validators import validate_duns, validate_naics, validate_sic

MONEY = {"max_digits": 14, "decimal_places": 2}


class BusinessProfile(EncryptedRecord):
    """What sales personnel know about a firm, with its key contact (USPS 890.000,
    category 3 "Business specific information" and category 2 "Identifying information").

    Retrieval 2: "For direct marketing, information is retrieved by Standard Industry Code
    (SIC) or North American Industry Classification System (NAISC) number, and company
    name" — hence the indexed codes and the blind index of the firm name.
    """

    # Category 1: "Customer and key contacts' names"; the key contact is the person.
    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="business_profiles"
    )
    recorded_on = models.DateField(default=timezone.localdate, db_index=True)
    # Category 3: "Firm name, size, and years in business". Encrypted: a sole
    # proprietor's firm is often named after the person.
    firm_name = EncryptedTextField(max_length=200)
    firm_name_index = BlindIndexField(source="firm_name", kind="name")
    firm_size = models.CharField(max_length=12, choices=FirmSize.choices, blank=True)
    years_in_business = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(400)]
    )
    # Category 3: "company age", kept as the year the company was established.
    established_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1600)]
    )
    # Category 3: "number of employees; sales and revenue information".
    employee_count = models.PositiveIntegerField("number of employees", null=True, blank=True)
    annual_sales = models.DecimalField(**MONEY, null=True, blank=True)
    annual_revenue = models.DecimalField(**MONEY, null=True, blank=True)
    # Category 3: "business sites and locations; URLs".
    business_sites = EncryptedTextField("business sites and locations", max_length=2000)
    website_url = EncryptedTextField("URL", max_length=300, validators=[validate_url_text])
    # Category 3: "industrial classification numbers" (retrieval 2).
    sic_code = models.CharField(
        "SIC code", max_length=4, blank=True, db_index=True, validators=[validate_sic]
    )
    naics_code = models.CharField(
        "NAICS code", max_length=6, blank=True, db_index=True, validators=[validate_naics]
    )
    # Category 3: "use of USPS and competitor's products and services; types of customers
    # served; customer equipment and services; advertising agency and spending".
    usps_products_used = models.TextField("USPS products and services used", blank=True)
    competitor_products_used = models.TextField(
        "competitors' products and services used", blank=True
    )
    customer_types_served = models.CharField(
        "types of customers served", max_length=200, blank=True
    )
    equipment_and_services = models.TextField("customer equipment and services", blank=True)
    advertising_agency = models.CharField(max_length=200, blank=True)
    advertising_spending = models.DecimalField(
        "annual advertising spending", **MONEY, null=True, blank=True
    )
    # Category 3: "names of USPS employees serving the firm; and calls made".
    usps_employees_serving = EncryptedTextField(
        "names of USPS employees serving the firm", max_length=500
    )
    calls_made = models.PositiveIntegerField("sales calls made", default=0)
    last_call_on = models.DateField("last sales call", null=True, blank=True)
    # Category 2: "D-U-N-S Numbers, USPS account numbers, meter numbers".
    duns_number = EncryptedTextField("D-U-N-S Number", max_length=11, validators=[validate_duns])
    usps_account_number = EncryptedTextField("USPS account number", max_length=40)
    meter_number = EncryptedTextField(max_length=40)

    class Meta:
        ordering = ["-recorded_on", "-id"]

    def clean(self) -> None:
        today = timezone.localdate()
        errors = {}
        if self.established_year and self.established_year > today.year:
            errors["established_year"] = "A company cannot be established in the future."
        if self.last_call_on and self.last_call_on > today:
            errors["last_call_on"] = "A sales call cannot be in the future."
        if self.last_call_on and not self.calls_made:
            errors["calls_made"] = "A last sales call is recorded, so calls made cannot be 0."
        if errors:
            raise ValidationError(errors)


class SupplierContract(EncryptedRecord):
    """USPS 890.000, category 4: "Information specific to companies that act as suppliers
    to USPS: Contract start and end dates, contract award number, contract value, products
    and/or services sold under contract"."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="supplier_contracts"
    )
    business_profile = models.ForeignKey(
        BusinessProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supplier_contracts",
    )
    award_number = models.CharField("contract award number", max_length=40, unique=True)
    starts_on = models.DateField("contract start date", db_index=True)
    ends_on = models.DateField("contract end date")
    contract_value = models.DecimalField(**MONEY, validators=[MinValueValidator(0)])
    products_and_services = models.TextField("products and/or services sold under contract")
    # Category 2: "signatures": the contact's signature on the contract (typed name or a
    # reference to the signed image).
    signature = EncryptedTextField(max_length=500)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="supplier_contract_ends_after_it_starts",
            )
        ]

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The contract cannot end before it starts."})
