"""The model fields that hold payment information, encrypted: a card (number encrypted;
brand, last four and expiry in clear) and bank routing and account numbers. The rules
they obey (shapes, check digits, brands) are lib/payments.py's."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from keystore.fields import EncryptedTextField
from lib.payments import (
    CardBrand,
    card_brand_of,
    card_digits,
    card_expired_before,
    validate_bank_account_number,
    validate_card_number,
    validate_routing_number,
)


def card_number_field(message: str = "", **kwargs) -> EncryptedTextField:
    """The card number, encrypted: up to 19 digits with the separators they were typed
    with (kept as digits only). `message`, where a form words it its own way, replaces
    the messages of `validate_card_number` for any number refused."""
    if message:
        kwargs["error_messages"] = {"card_length": message, "card_luhn": message}
    return EncryptedTextField(max_length=23, validators=[validate_card_number], **kwargs)


class PaymentCardFields(models.Model):
    """A payment card: the number encrypted; the brand, last four and expiry in clear, so
    staff recognise the card without decrypting its number. The card verification code
    (CVV) is never accepted or stored: there is no field for it.

    A model calls `card_errors` from its `clean` when the record is a card payment; the
    number's own shape (length, check digit) is its field validator's."""

    card_number = card_number_field()
    card_brand = models.CharField(max_length=12, choices=CardBrand.choices, blank=True)
    card_last_four = models.CharField(max_length=4, blank=True, editable=False)
    card_expiry_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    card_expiry_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )

    # What a record that is not a card payment must leave empty.
    CARD_FIELDS: tuple[str, ...] = (
        "card_number",
        "card_brand",
        "card_expiry_month",
        "card_expiry_year",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.fill_card_summary()
        super().save(*args, **kwargs)

    def card_errors(self, used_on: datetime.date | None) -> dict[str, str]:
        """The checks across the card fields, by field; normalises the number and fills
        its brand and last four. `used_on` is the day the card was offered (a payment's
        date, an application's submission): a card that expired since stays valid."""
        self.fill_card_summary()
        errors: dict[str, str] = {}
        if not self.card_number:
            errors["card_number"] = "Enter the card number."
        brand = card_brand_of(self.card_number)
        if brand and self.card_brand != brand:
            errors["card_brand"] = "The card number is not a number of this brand."
        month, year = self.card_expiry_month, self.card_expiry_year
        if month is None:
            errors["card_expiry_month"] = "Enter the card's expiry month."
        if year is None:
            errors["card_expiry_year"] = "Enter the card's expiry year."
        if month and year and used_on and card_expired_before(month, year, used_on):
            # The month and year together are at fault: both carry the message.
            expired = "The card had expired by the date it was used."
            errors["card_expiry_month"] = errors["card_expiry_year"] = expired
        return errors

    def fill_card_summary(self) -> None:
        """The number kept as digits only, its last four and brand in clear beside it."""
        digits = card_digits(self.card_number)
        self.card_number = digits
        self.card_last_four = digits[-4:] if digits.isdigit() else ""
        self.card_brand = self.card_brand or card_brand_of(digits)


# Each system names these fields by what they belong to (a check's `bank_routing_number`
# or `check_routing_number`, an ACH record's `routing_number`), so they are field makers
# rather than an abstract model.
def routing_number_field(**kwargs) -> EncryptedTextField:
    return EncryptedTextField(max_length=9, validators=[validate_routing_number], **kwargs)


def bank_account_number_field(**kwargs) -> EncryptedTextField:
    return EncryptedTextField(max_length=17, validators=[validate_bank_account_number], **kwargs)
