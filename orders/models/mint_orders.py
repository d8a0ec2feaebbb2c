"""Treasury/Mint .009 (b) and (c): orders placed online, by phone, in person or by mail,
their lines against the product catalogue, card payments, gift recipients and delivery,
shipments, and the research of undelivered orders (purpose 7).

Retention: not republished in the notice of altered system; no disposition authority, so
these records are reported, never destroyed automatically.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from customers.validators import validate_postal_code
from keystore.fields import EncryptedRecord, EncryptedTextField
from orders.constants import (
    Carrier,
    FlagReason,
    MintChannel,
    OrderStatus,
    ProductCategory,
    ShipmentStatus,
    UndeliveredReason,
    UndeliveredResolution,
)
from orders.models.common import (
    PaymentCard,
    check_same_person,
    ends_after_starts,
    normalize_number,
    raise_if,
)
from orders.models.mint_staff import MintStaffUser
from orders.validators import validate_identifier

PERSON = "customers.Person"
CENT = Decimal("0.01")


def money(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=10, decimal_places=2, **kwargs)


def staff_access_errors(record: models.Model, field: str, day) -> dict[str, str]:
    """The staff user who handled a record must have held system access that day."""
    staff = record.handled_by if record.handled_by_id else None
    if staff is not None and day is not None and not staff.had_access_on(day):
        return {field: "This staff user had no system access on that date."}
    return {}


class Product(models.Model):
    """The Mint's product catalogue (purpose 8: "maintain a list of its products and
    monitor and maintain product ... inventory levels ... while remaining within mandated
    mintage levels, as applicable"). Reference data, not about a person."""

    product_code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=16, choices=ProductCategory.choices, db_index=True)
    price = money(validators=[MinValueValidator(Decimal(0))])
    inventory_on_hand = models.PositiveIntegerField(default=0)
    # "mandated mintage levels, as applicable": null where no limit is mandated.
    mintage_limit = models.PositiveIntegerField(null=True, blank=True)
    units_sold = models.PositiveIntegerField(default=0)
    released_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        ordering = ["product_code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mintage_limit__isnull=True)
                | models.Q(units_sold__lte=models.F("mintage_limit")),
                name="orders_product_sales_within_mintage",
            ),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="orders_product_price"),
        ]

    def __str__(self) -> str:
        return f"{self.product_code} {self.name}"

    def clean(self) -> None:
        if self.mintage_limit is not None and (self.units_sold or 0) > self.mintage_limit:
            raise_if({"units_sold": "Sales cannot exceed the product's mintage limit."})

    def remaining_mintage(self) -> int | None:
        return None if self.mintage_limit is None else self.mintage_limit - self.units_sold


class MintOrder(EncryptedRecord):
    """An order for numismatic items (Mint .009 (b) "order history")."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="mint_orders")
    # Mint .009 retrievability: "customer number or order number, order date".
    order_number = models.CharField(max_length=24, unique=True, validators=[validate_identifier])
    order_date = models.DateField(default=timezone.localdate, db_index=True)
    # Mint .009 retrievability: "any internal identification number that may be assigned
    # to the request".
    internal_request_id = models.CharField(
        "internal request ID", max_length=24, unique=True, validators=[validate_identifier]
    )
    channel = models.CharField(max_length=10, choices=MintChannel.choices)
    status = models.CharField(max_length=12, choices=OrderStatus.choices, default="received")
    # Mint .009 retrievability: "whether or not the account is flagged (such as due to an
    # unusual quantity ordered or an order requiring verification ...)"; purpose 5.
    flagged = models.BooleanField(default=False, db_index=True)
    flag_reason = models.CharField(max_length=24, choices=FlagReason.choices, blank=True)
    # The agent who took a phone, in-person or mail order (retrieval by staff user ID).
    handled_by = models.ForeignKey(
        MintStaffUser,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders_handled",
    )

    class Meta:
        ordering = ["-order_date", "order_number"]
        verbose_name = "Mint order"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(flagged=True) & ~models.Q(flag_reason="")
                | models.Q(flagged=False, flag_reason=""),
                name="orders_mint_order_flag_has_reason",
            )
        ]

    def save(self, *args, **kwargs) -> None:
        self.order_number = normalize_number(self.order_number)
        self.internal_request_id = normalize_number(self.internal_request_id)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.order_number = normalize_number(self.order_number)
        self.internal_request_id = normalize_number(self.internal_request_id)
        errors = staff_access_errors(self, "handled_by", self.order_date)
        if self.flagged and not self.flag_reason:
            errors["flag_reason"] = "Give the reason the order is flagged."
        elif not self.flagged and self.flag_reason:
            errors["flagged"] = "An order with a flag reason must be flagged."
        raise_if(errors)


class MintOrderLine(EncryptedRecord):
    """One product ordered, from the catalogue (Mint .009 (b) "order history")."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(MintOrder, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_lines")
    quantity = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])
    unit_price = money(validators=[MinValueValidator(Decimal(0))])
    ordered_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = "Mint order line"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="orders_mint_line_qty"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0), name="orders_mint_line_price"
            ),
        ]

    def clean(self) -> None:
        raise_if(check_same_person(self, "order"))


class MintPayment(PaymentCard, EncryptedRecord):
    """Mint .009 (b): "payment ... and credit card information". Card payments only; the
    verification code is never accepted or stored."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="mint_payments")
    order = models.ForeignKey(MintOrder, on_delete=models.CASCADE, related_name="payments")
    amount = money(validators=[MinValueValidator(CENT)])
    paid_on = models.DateField(default=timezone.localdate, db_index=True)
    cardholder_name = EncryptedTextField(max_length=200)

    class Meta:
        verbose_name = "Mint payment"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="orders_mint_payment_amount"
            )
        ]

    def clean(self) -> None:
        errors = check_same_person(self, "order")
        errors.update(self.card_errors(self.paid_on))
        raise_if(errors)


class GiftRecipient(EncryptedRecord):
    """Mint .009 (c): "Names, addresses, and delivery information of gift recipients",
    provided by the customer who orders the gift (record source categories)."""

    person = models.ForeignKey(
        PERSON, on_delete=models.CASCADE, related_name="mint_gift_recipients"
    )
    order = models.ForeignKey(MintOrder, on_delete=models.CASCADE, related_name="gift_recipients")
    recipient_name = EncryptedTextField(max_length=200)
    recipient_street = EncryptedTextField(max_length=200)
    recipient_city = EncryptedTextField(max_length=100)
    recipient_state = models.CharField(max_length=2, blank=True)
    recipient_postal_code = EncryptedTextField(
        "recipient ZIP code", max_length=10, validators=[validate_postal_code]
    )
    delivery_instructions = EncryptedTextField(max_length=500)
    gift_message = EncryptedTextField(max_length=1000)
    recorded_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = "gift recipient"

    def clean(self) -> None:
        errors = check_same_person(self, "order")
        for name in ("recipient_name", "recipient_street", "recipient_city"):
            if not getattr(self, name):
                errors[name] = "This field is required."
        raise_if(errors)


class MintShipment(EncryptedRecord):
    """A parcel shipped for an order (Mint .009 (b) shipping; (c) delivery information of
    gift recipients). The carrier's tracking number stays in clear: it identifies a
    parcel, not a person, fulfillment quotes it to the carrier, and the notice retrieves
    by it ("shipment tracking number")."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="mint_shipments")
    order = models.ForeignKey(MintOrder, on_delete=models.CASCADE, related_name="shipments")
    gift_recipient = models.ForeignKey(
        GiftRecipient,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shipments",
    )
    carrier = models.CharField(max_length=8, choices=Carrier.choices)
    tracking_number = models.CharField(max_length=40, unique=True, validators=[validate_identifier])
    shipped_on = models.DateField(default=timezone.localdate, db_index=True)
    delivered_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=14, choices=ShipmentStatus.choices, default="in_transit")

    class Meta:
        verbose_name = "Mint shipment"
        constraints = [ends_after_starts("shipped_on", "delivered_on", "shipment_delivered_after")]

    def save(self, *args, **kwargs) -> None:
        self.tracking_number = normalize_number(self.tracking_number)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.tracking_number = normalize_number(self.tracking_number)
        errors = check_same_person(self, "order")
        if self.gift_recipient_id and self.gift_recipient.order_id != self.order_id:
            errors["gift_recipient"] = "This gift recipient is on another order."
        if self.delivered_on and self.shipped_on and self.delivered_on < self.shipped_on:
            errors["delivered_on"] = "A parcel cannot be delivered before it was shipped."
        elif self.status == ShipmentStatus.DELIVERED and not self.delivered_on:
            errors["delivered_on"] = "Enter the delivery date."
        raise_if(errors)


class UndeliveredOrder(EncryptedRecord):
    """Mint .009 purpose 7: "research and resolve orders that were not successfully
    delivered to customers and interested parties"."""

    person = models.ForeignKey(
        PERSON, on_delete=models.CASCADE, related_name="mint_undelivered_orders"
    )
    order = models.ForeignKey(
        MintOrder, on_delete=models.CASCADE, related_name="undelivered_reports"
    )
    shipment = models.ForeignKey(
        MintShipment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    internal_request_id = models.CharField(
        "internal request ID", max_length=24, blank=True, db_index=True
    )
    reported_on = models.DateField(default=timezone.localdate, db_index=True)
    reason = models.CharField(max_length=16, choices=UndeliveredReason.choices)
    research_notes = EncryptedTextField(max_length=4000)
    resolution = models.CharField(
        max_length=18, choices=UndeliveredResolution.choices, default="pending"
    )
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "undelivered order"
        constraints = [
            ends_after_starts("reported_on", "resolved_on", "undelivered_resolved_after")
        ]

    def clean(self) -> None:
        self.internal_request_id = normalize_number(self.internal_request_id)
        errors = check_same_person(self, "order")
        if self.shipment_id and self.shipment.order_id != self.order_id:
            errors["shipment"] = "This shipment belongs to another order."
        pending = self.resolution == UndeliveredResolution.PENDING
        if self.resolved_on and self.reported_on and self.resolved_on < self.reported_on:
            errors["resolved_on"] = "A report cannot be resolved before it was made."
        elif not pending and not self.resolved_on:
            errors["resolved_on"] = "Enter the date it was resolved."
        elif pending and self.resolved_on:
            errors["resolution"] = "Choose how it was resolved."
        raise_if(errors)
