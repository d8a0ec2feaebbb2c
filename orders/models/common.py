"""Pieces shared by the order records of both systems: the payment card fields and the
checks every order-linked record makes. Each concrete model belongs to one system."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from keystore.payments import PaymentCardFields
from lib.normalize import normalize_identifier
from orders.constants import CardType


def normalize_number(value: str) -> str:
    """Order, tracking and request numbers are stored in their normal form (upper case,
    no spaces or hyphens) so an exact match finds them however they are typed."""
    try:
        return normalize_identifier(value)
    except ValueError:
        return (value or "").strip()


class PaymentCard(PaymentCardFields):
    """A payment card as USPS 810.300 ("Credit and/or debit card number, type, and
    expiration date") and Mint .009 (b) ("credit card information") keep it: the card
    fields every system keeps (`lib.payments.PaymentCardFields`) and whether the card is
    a credit or a debit card."""

    card_type = models.CharField(max_length=8, choices=CardType.choices, blank=True)

    CARD_FIELDS = (*PaymentCardFields.CARD_FIELDS, "card_type")

    class Meta:
        abstract = True


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
