"""Pieces shared by the order records of both systems: the payment card fields and the
checks every order-linked record makes. Each concrete model belongs to one system."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from keystore.fields import EncryptedTextField
from lib.normalize import normalize_identifier
from orders.constants import CardBrand, CardType
from orders.validators import (
    card_brand_of,
    card_digits,
    card_expired_before,
    validate_card_number,
)


def normalize_number(value: str) -> str:
    """Order, tracking and request numbers are stored in their normal form (upper case,
    no spaces or hyphens) so an exact match finds them however they are typed."""
    try:
        return normalize_identifier(value)
    except ValueError:
        return (value or "").strip()


class PaymentCard(models.Model):
    """A payment card as USPS 810.300 ("Credit and/or debit card number, type, and
    expiration date") and Mint .009 (b) ("credit card information") keep it: the number
    encrypted, the brand, last four and expiry in clear for recognition. The card
    verification code (CVV) is never accepted or stored: there is no field for it."""

    card_number = EncryptedTextField(max_length=23, validators=[validate_card_number])
    card_brand = models.CharField(max_length=12, choices=CardBrand.choices, blank=True)
    card_type = models.CharField(max_length=8, choices=CardType.choices, blank=True)
    card_last_four = models.CharField(max_length=4, blank=True, editable=False)
    card_expiry_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    card_expiry_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )

    CARD_FIELDS = (
        "card_number",
        "card_brand",
        "card_type",
        "card_expiry_month",
        "card_expiry_year",
    )

    class Meta:
        abstract = True

    def card_errors(self, used_on: datetime.date | None) -> dict[str, str]:
        """Checks across the card fields; normalises the number and fills brand and last
        four. Field validators (Luhn) have already run on the number itself."""
        errors: dict[str, str] = {}
        digits = card_digits(self.card_number or "")
        if not digits:
            errors["card_number"] = "Enter the card number."
            return errors
        self.card_number = digits
        self.card_last_four = digits[-4:]
        brand = card_brand_of(digits) if digits.isdigit() else ""
        if not self.card_brand:
            self.card_brand = brand
        elif brand and brand != self.card_brand:
            errors["card_brand"] = "The card number is not a number of this brand."
        if not self.card_brand:
            errors["card_brand"] = "Select the card brand."
        if self.card_expiry_month is None:
            errors["card_expiry_month"] = "Enter the card's expiry month."
        if self.card_expiry_year is None:
            errors["card_expiry_year"] = "Enter the card's expiry year."
        if (
            used_on
            and self.card_expiry_month
            and self.card_expiry_year
            and card_expired_before(self.card_expiry_month, self.card_expiry_year, used_on)
        ):
            errors["card_expiry_year"] = "The card had expired on the payment date."
        return errors

    def fill_card_summary(self) -> None:
        digits = card_digits(self.card_number or "")
        if digits:
            self.card_number = digits
            self.card_last_four = digits[-4:]


def check_same_person(record: models.Model, *links: str) -> dict[str, str]:
    """An order-linked record is about the order's customer, not someone else's."""
    errors: dict[str, str] = {}
    for link in links:
        linked = getattr(record, link, None) if getattr(record, f"{link}_id", None) else None
        if (
            linked is not None
            and record.person_id
            and getattr(linked, "person_id", None)
            and linked.person_id != record.person_id
        ):
            errors[link] = f"This {link.replace('_', ' ')} belongs to another customer."
    return errors


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def ends_after_starts(start: str, end: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=f"orders_{name}",
    )
