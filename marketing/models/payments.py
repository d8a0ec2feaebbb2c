"""Payment information for event fees and publications: cards, checks and ACH debits
(USPS 890.000, category 6; retention 2 for ACH records, retention 3 for the rest)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from keystore.fields import EncryptedRecord, EncryptedTextField
from keystore.payments import (
    PaymentCardFields,
    bank_account_number_field,
    routing_number_field,
)
from lib.payments import BankAccountType
from marketing.constants import PaymentMethod

AMOUNT = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(0.01)]}


class Payment(PaymentCardFields, EncryptedRecord):
    """A card or check payment. Category 6: "Credit and/or debit card number, type,
    expiration date, and check information". The card number is encrypted and shown by
    its last four digits; a card verification code is never accepted or stored."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="marketing_payments"
    )
    registration = models.ForeignKey(
        "marketing.EventRegistration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payments",
    )
    paid_on = models.DateField(db_index=True)
    amount = models.DecimalField(**AMOUNT)
    method = models.CharField(max_length=8, choices=PaymentMethod.choices)
    # The card: `PaymentCardFields`, where the notice's card "type" is `card_brand`.
    check_number = models.CharField(max_length=15, blank=True)
    check_routing_number = routing_number_field()
    check_account_number = bank_account_number_field()

    class Meta:
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(card_expiry_month__isnull=True)
                | models.Q(card_expiry_month__gte=1, card_expiry_month__lte=12),
                name="payment_card_expiry_month",
            ),
        ]

    def clean(self) -> None:
        if self.method == PaymentMethod.CARD:
            self._clean_card()
        elif self.method == PaymentMethod.CHECK:
            self._clean_check()

    def _clean_card(self) -> None:
        errors = self.card_errors(self.paid_on)
        if self.check_routing_number or self.check_account_number or self.check_number:
            errors["method"] = "A card payment carries no check information."
        if errors:
            raise ValidationError(errors)

    def _clean_check(self) -> None:
        errors = {}
        for name in ("check_number", "check_routing_number", "check_account_number"):
            if not getattr(self, name):
                errors[name] = "Enter the check information."
        if self.card_number:
            errors["method"] = "A check payment carries no card number."
        if errors:
            raise ValidationError(errors)


class AchRecord(EncryptedRecord):
    """An ACH debit authorisation. Category 6: "ACH information"; USPS 890.000, retention
    2: "ACH records are retained up to 2 years" (from the record's own date)."""

    person = models.ForeignKey(
        "customers.Person", on_delete=models.CASCADE, related_name="ach_records"
    )
    registration = models.ForeignKey(
        "marketing.EventRegistration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ach_records",
    )
    authorized_on = models.DateField(db_index=True)
    amount = models.DecimalField(**AMOUNT)
    account_holder_name = EncryptedTextField(max_length=200)
    routing_number = routing_number_field()
    account_number = bank_account_number_field()
    account_last_four = models.CharField(max_length=4, blank=True, editable=False)
    account_type = models.CharField(max_length=10, choices=BankAccountType.choices)

    class Meta:
        verbose_name = "ACH record"
        ordering = ["-authorized_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ach_amount_positive")
        ]

    def clean(self) -> None:
        errors = {}
        for name in ("account_holder_name", "routing_number", "account_number"):
            if not getattr(self, name):
                errors[name] = "Enter the bank account information."
        if errors:
            raise ValidationError(errors)
        self.account_last_four = self.account_number[-4:]

    def save(self, *args, **kwargs) -> None:
        if self.account_number:
            self.account_last_four = self.account_number[-4:]
        super().save(*args, **kwargs)
