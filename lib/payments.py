"""Payment information as every system of records keeps it: what a card number, an ABA
routing number and a bank account number must look like, a card's brand and expiry, and
the model fields that hold them.

The notices that collect it: USPS 810.300 and USPS 890.000 (category 6) "Credit and/or
debit card number, type, and expiration date", "check" and "ACH information"; USPS 820.100
(category 1) "payment information, ACH information"; Treasury/Mint .009 (b) "credit card
information". Every message is fit for a person filling a form and never repeats the
value back (it may be a card or account number).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from stdnum import luhn
from stdnum.us import rtn

from keystore.fields import EncryptedTextField

_SEPARATORS = re.compile(r"[\s\-]+")


class CardBrand(models.TextChoices):
    # The card "type" of the notices, by the network that issued it.
    VISA = "visa", "Visa"
    MASTERCARD = "mastercard", "Mastercard"
    AMEX = "amex", "American Express"
    DISCOVER = "discover", "Discover"
    OTHER = "other", "Other"


class BankAccountType(models.TextChoices):
    CHECKING = "checking", "Checking"
    SAVINGS = "savings", "Savings"


# ---------------------------------------------------------------------------------------
# Cards
# ---------------------------------------------------------------------------------------


def card_digits(value: str | None) -> str:
    """A card number as digits only ("4111 1111-1111 1111" → "4111111111111111")."""
    return _SEPARATORS.sub("", value or "")


def validate_card_number(value: str) -> None:
    """ISO/IEC 7812: a primary account number of 12 to 19 digits whose last digit is its
    Luhn check digit. Spaces and hyphens, as people type them, are allowed."""
    digits = card_digits(value)
    if not digits.isdigit() or not 12 <= len(digits) <= 19:
        raise ValidationError("Enter a card number of 12 to 19 digits.", code="card_length")
    if not luhn.is_valid(digits):
        raise ValidationError(
            "This card number is not valid (check digit mismatch); please re-enter it.",
            code="card_luhn",
        )


def card_brand_of(value: str | None) -> str:
    """The brand a card number's issuer prefix (IIN) belongs to; OTHER for a prefix of
    none of the listed brands, "" when the value is not a number at all."""
    digits = card_digits(value)
    if not digits.isdigit():
        return ""
    if digits.startswith("4"):
        return CardBrand.VISA
    if digits[:2] in {"34", "37"}:
        return CardBrand.AMEX
    # Mastercard's 2-series (2221-2720) beside its 51-55.
    if digits[:2] in {"51", "52", "53", "54", "55"} or 2221 <= int(digits[:4]) <= 2720:
        return CardBrand.MASTERCARD
    if digits.startswith(("6011", "65")) or 644 <= int(digits[:3]) <= 649:
        return CardBrand.DISCOVER
    return CardBrand.OTHER


def card_expired_before(month: int, year: int, on: datetime.date) -> bool:
    """A card is good through the last day of its expiry month."""
    return (year, month) < (on.year, on.month)


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


# ---------------------------------------------------------------------------------------
# Bank accounts (checks and ACH)
# ---------------------------------------------------------------------------------------


def validate_routing_number(value: str) -> None:
    """ABA routing transit number: 9 digits, the last its check digit (stdnum.us.rtn)."""
    if not re.fullmatch(r"\d{9}", value or "") or not rtn.is_valid(value):
        raise ValidationError("Enter a valid 9-digit ABA routing number.", code="routing_number")


def validate_bank_account_number(value: str) -> None:
    # NACHA: the DFI account number of an ACH entry is at most 17 characters.
    if not re.fullmatch(r"\d{4,17}", value or ""):
        raise ValidationError(
            "Enter a bank account number of 4 to 17 digits.", code="account_number"
        )


# Each system names these fields by what they belong to (a check's `bank_routing_number`
# or `check_routing_number`, an ACH record's `routing_number`), so they are field makers
# rather than an abstract model.
def routing_number_field(**kwargs) -> EncryptedTextField:
    return EncryptedTextField(max_length=9, validators=[validate_routing_number], **kwargs)


def bank_account_number_field(**kwargs) -> EncryptedTextField:
    return EncryptedTextField(max_length=17, validators=[validate_bank_account_number], **kwargs)
