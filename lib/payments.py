"""Payment information as every system of records keeps it: what a card number, an ABA
routing number and a bank account number must look like, a card's brand and expiry, and
the choices of the fields that hold them (the fields themselves, encrypted, are in
keystore/payments.py).

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
from django.db import models
from stdnum import luhn
from stdnum.us import rtn

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
