"""ACH records (USPS 820.100, category 1 "ACH information"; retention 2: "ACH records are
retained up to 2 years", counted from the record's own date)."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models

from keystore.fields import EncryptedRecord, EncryptedTextField
from keystore.payments import bank_account_number_field, routing_number_field
from lib.payments import BankAccountType
from mailers.constants import ACHRecordKind
from mailers.models.base import same_person_as_application


class ACHRecord(EncryptedRecord):
    """An ACH debit authorization, debit or refund for a mailer's payments. The account
    holder's name and the routing and account numbers are encrypted (shown masked to the
    last four digits); the amount and date stay in clear for reconciliation and retention."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="mailer_ach_records"
    )
    application = models.ForeignKey(
        "mailers.MailerApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ach_records",
    )
    kind = models.CharField(max_length=16, choices=ACHRecordKind.choices)
    recorded_on = models.DateField(db_index=True)
    account_holder_name = EncryptedTextField(max_length=200, blank=False)
    routing_number = routing_number_field(blank=False)
    account_number = bank_account_number_field(blank=False)
    account_type = models.CharField(max_length=8, choices=BankAccountType.choices)
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "ACH record"

    def clean(self) -> None:
        same_person_as_application(self)
