"""USPS 810.300, Offline Registration, Payment, and Fulfillment: orders placed and paid for
by offline means (mail, phone, in person), their payments and ACH debits, shipments, and
the order-processing records (status inquiries, defective-merchandise claims, the list of
bad checks) and the method of referral.

Retention (USPS 810.300): "ACH records are retained up to 2 years" (counted from each ACH
record's own date, `ACHRecord.debit_date`); "Other records are retained up to 3 years after
the customer relationship ends" (the person's `customers.SystemRelationship`).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from customers.validators import validate_postal_code
from keystore.fields import EncryptedRecord, EncryptedTextField
from keystore.payments import bank_account_number_field, routing_number_field
from lib.payments import BankAccountType
from orders.constants import (
    CLAIM_CLOSED,
    ACHStatus,
    BadCheckStatus,
    ClaimStatus,
    InquiryChannel,
    OfflineChannel,
    OfflinePaymentMethod,
    OrderStatus,
    ReferralMethod,
)
from orders.models.common import (
    PaymentCard,
    check_same_person,
    ends_after_starts,
    normalize_number,
    raise_if,
)
from orders.validators import validate_digits, validate_identifier

PERSON = "customers.Person"
CENT = Decimal("0.01")


def money(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=10, decimal_places=2, **kwargs)


class OfflineOrder(EncryptedRecord):
    """An order for USPS products or services placed offline (USPS 810.300 purpose 2: "To
    fulfill requests for USPS products, services, and other materials")."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="offline_orders")
    # USPS 810.300 retrievability: "or order number". Clear, unique and quoted by staff.
    order_number = models.CharField(max_length=24, unique=True, validators=[validate_identifier])
    placed_on = models.DateField(default=timezone.localdate, db_index=True)
    status = models.CharField(max_length=12, choices=OrderStatus.choices, default="received")
    channel = models.CharField(max_length=10, choices=OfflineChannel.choices)
    # USPS 810.300 purpose 4: "To operate recurring ordering and payment services".
    recurring = models.BooleanField("recurring order", default=False)

    class Meta:
        ordering = ["-placed_on", "order_number"]
        verbose_name = "offline order"

    def save(self, *args, **kwargs) -> None:
        self.order_number = normalize_number(self.order_number)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.order_number = normalize_number(self.order_number)


class OfflineOrderItem(EncryptedRecord):
    """One line of an offline order: USPS 810.300 shipping information "Product and/or
    service ID number", with the quantity and price ordered."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(OfflineOrder, on_delete=models.CASCADE, related_name="items")
    product_service_id = models.CharField(
        "product and/or service ID number", max_length=20, validators=[validate_identifier]
    )
    quantity = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])
    unit_price = money(validators=[MinValueValidator(Decimal(0))])
    ordered_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = "offline order item"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="orders_offline_item_qty"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0), name="orders_offline_item_price"
            ),
        ]

    def clean(self) -> None:
        raise_if(check_same_person(self, "order"))


class OfflinePayment(PaymentCard, EncryptedRecord):
    """USPS 810.300 payment information: "Credit and/or debit card number, type, and
    expiration date; billing name and address; check; money order". ACH debits are
    `ACHRecord`, on a retention clock of their own."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="offline_payments")
    order = models.ForeignKey(OfflineOrder, on_delete=models.CASCADE, related_name="payments")
    method = models.CharField(max_length=12, choices=OfflinePaymentMethod.choices)
    amount = money(validators=[MinValueValidator(CENT)])
    paid_on = models.DateField(default=timezone.localdate, db_index=True)
    billing_name = EncryptedTextField(max_length=200)
    billing_address = EncryptedTextField(max_length=400)
    # Check: the number in clear (it is what the bad-check list quotes); the bank's
    # routing and account numbers encrypted.
    check_number = models.CharField(max_length=20, blank=True, validators=[validate_digits])
    bank_routing_number = routing_number_field()
    bank_account_number = bank_account_number_field()
    money_order_number = models.CharField(max_length=20, blank=True, validators=[validate_digits])

    CHECK_FIELDS = ("check_number", "bank_routing_number", "bank_account_number")

    class Meta:
        verbose_name = "offline payment"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="orders_offline_payment_amount"
            )
        ]

    def clean(self) -> None:
        errors = check_same_person(self, "order")
        required: tuple[str, ...] = ()
        if self.method == OfflinePaymentMethod.CARD:
            errors.update(self.card_errors(self.paid_on))
        elif self.method == OfflinePaymentMethod.CHECK:
            required = self.CHECK_FIELDS
        elif self.method == OfflinePaymentMethod.MONEY_ORDER:
            required = ("money_order_number",)
        for name in required:
            if not getattr(self, name):
                errors.setdefault(name, "This field is required for this payment method.")
        # A payment keeps only what its method needs (no stray card or bank numbers).
        used = {
            OfflinePaymentMethod.CARD: (*self.CARD_FIELDS, "billing_name", "billing_address"),
            OfflinePaymentMethod.CHECK: self.CHECK_FIELDS,
            OfflinePaymentMethod.MONEY_ORDER: ("money_order_number",),
        }.get(self.method, ())
        for name in (*self.CARD_FIELDS, *self.CHECK_FIELDS, "money_order_number"):
            if name not in used and getattr(self, name) not in (None, ""):
                errors.setdefault(name, "This payment method does not use this field.")
        raise_if(errors)


class ACHRecord(EncryptedRecord):
    """USPS 810.300 payment information, "ACH information": an automated clearing house
    debit. USPS 810.300, retention: "ACH records are retained up to 2 years", counted from
    the debit date."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="offline_ach_records")
    # A recurring debit may pay for several orders; the ACH record outlives none of them
    # by rule, but is kept on its own (shorter) clock, so the link may be lost first.
    order = models.ForeignKey(
        OfflineOrder,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ach_records",
    )
    account_holder_name = EncryptedTextField(max_length=200)
    bank_routing_number = routing_number_field()
    bank_account_number = bank_account_number_field()
    account_type = models.CharField(max_length=10, choices=BankAccountType.choices)
    amount = money(validators=[MinValueValidator(CENT)])
    debit_date = models.DateField(default=timezone.localdate, db_index=True)
    status = models.CharField(max_length=10, choices=ACHStatus.choices, default="scheduled")

    class Meta:
        verbose_name = "ACH record"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="orders_ach_amount_positive"
            )
        ]

    def clean(self) -> None:
        errors = check_same_person(self, "order")
        for name in ("account_holder_name", "bank_routing_number", "bank_account_number"):
            if not getattr(self, name):
                errors[name] = "This field is required."
        raise_if(errors)


class OfflineShipment(EncryptedRecord):
    """USPS 810.300 shipping information: "Product and/or service ID number, name and
    address of recipient"."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="offline_shipments")
    order = models.ForeignKey(OfflineOrder, on_delete=models.CASCADE, related_name="shipments")
    product_service_id = models.CharField(
        "product and/or service ID number", max_length=20, validators=[validate_identifier]
    )
    recipient_name = EncryptedTextField(max_length=200)
    recipient_street = EncryptedTextField(max_length=200)
    recipient_city = EncryptedTextField(max_length=100)
    # State in clear, as on customers.Address: it is what regional reports group by.
    recipient_state = models.CharField(max_length=2, blank=True)
    recipient_postal_code = EncryptedTextField(
        "recipient ZIP code", max_length=10, validators=[validate_postal_code]
    )
    shipped_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = "offline shipment"

    def clean(self) -> None:
        errors = check_same_person(self, "order")
        for name in ("recipient_name", "recipient_street", "recipient_city"):
            if not getattr(self, name):
                errors[name] = "This field is required."
        raise_if(errors)


class OrderStatusInquiry(EncryptedRecord):
    """USPS 810.300 order processing: "Inquiries on status of orders"."""

    person = models.ForeignKey(
        PERSON, on_delete=models.CASCADE, related_name="offline_order_inquiries"
    )
    # The customer may ask without quoting an order number.
    order = models.ForeignKey(
        OfflineOrder, null=True, blank=True, on_delete=models.CASCADE, related_name="inquiries"
    )
    inquired_on = models.DateField(default=timezone.localdate, db_index=True)
    channel = models.CharField(max_length=10, choices=InquiryChannel.choices)
    note = EncryptedTextField(max_length=2000)

    class Meta:
        verbose_name = "order status inquiry"
        verbose_name_plural = "order status inquiries"

    def clean(self) -> None:
        raise_if(check_same_person(self, "order"))


class DefectiveMerchandiseClaim(EncryptedRecord):
    """USPS 810.300 order processing: "claims submitted for defective merchandise"."""

    person = models.ForeignKey(
        PERSON, on_delete=models.CASCADE, related_name="offline_defect_claims"
    )
    order = models.ForeignKey(OfflineOrder, on_delete=models.CASCADE, related_name="claims")
    product_service_id = models.CharField(
        "product and/or service ID number", max_length=20, validators=[validate_identifier]
    )
    submitted_on = models.DateField(default=timezone.localdate, db_index=True)
    description = EncryptedTextField(max_length=4000)
    status = models.CharField(max_length=12, choices=ClaimStatus.choices, default="received")
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "defective merchandise claim"
        constraints = [ends_after_starts("submitted_on", "resolved_on", "claim_resolved_after")]

    def clean(self) -> None:
        errors = check_same_person(self, "order")
        if not self.description:
            errors["description"] = "Describe the defect."
        if self.resolved_on and self.submitted_on and self.resolved_on < self.submitted_on:
            errors["resolved_on"] = "A claim cannot be resolved before it was submitted."
        if self.status in CLAIM_CLOSED and not self.resolved_on:
            errors["resolved_on"] = "Enter the date the claim was resolved."
        if self.status not in CLAIM_CLOSED and self.resolved_on:
            errors["status"] = "A resolved claim must be replaced, refunded or denied."
        raise_if(errors)


class BadCheckEntry(EncryptedRecord):
    """USPS 810.300 order processing: "lists of individuals who have submitted bad
    checks". One entry per returned check; the list is the outstanding entries."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="offline_bad_checks")
    payment = models.ForeignKey(
        OfflinePayment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bad_check_entries",
    )
    check_number = models.CharField(max_length=20, validators=[validate_digits])
    amount = money(validators=[MinValueValidator(CENT)])
    returned_on = models.DateField("date returned unpaid", default=timezone.localdate)
    status = models.CharField(
        max_length=12, choices=BadCheckStatus.choices, default="outstanding", db_index=True
    )
    cleared_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "bad check entry"
        verbose_name_plural = "bad check list"
        indexes = [models.Index(fields=["returned_on"], name="orders_badcheck_returned")]
        constraints = [
            ends_after_starts("returned_on", "cleared_on", "bad_check_cleared_after"),
            models.CheckConstraint(
                condition=models.Q(status="outstanding", cleared_on__isnull=True)
                | models.Q(status="cleared", cleared_on__isnull=False),
                name="orders_bad_check_status_matches_cleared",
            ),
        ]

    def clean(self) -> None:
        errors = check_same_person(self, "payment")
        if self.payment_id and "payment" not in errors:
            if self.payment.method != OfflinePaymentMethod.CHECK:
                errors["payment"] = "Only a payment by check can be a bad check."
            elif self.check_number and self.payment.check_number != self.check_number:
                errors["check_number"] = "The check number differs from the payment's."
        if self.cleared_on and self.returned_on and self.cleared_on < self.returned_on:
            errors["cleared_on"] = "A check cannot clear before it was returned."
        elif self.status == BadCheckStatus.CLEARED and not self.cleared_on:
            errors["cleared_on"] = "Enter the date the check was made good."
        elif self.status == BadCheckStatus.OUTSTANDING and self.cleared_on:
            errors["status"] = "A check made good is cleared, not outstanding."
        raise_if(errors)


class ReferralFeedback(EncryptedRecord):
    """USPS 810.300 customer feedback: "Method of referral" — how the customer came to
    order (purpose 3: "permit customer feedback")."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="offline_referrals")
    order = models.ForeignKey(
        OfflineOrder,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    method = models.CharField("method of referral", max_length=16, choices=ReferralMethod.choices)
    recorded_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = "method of referral"
        verbose_name_plural = "methods of referral"

    def clean(self) -> None:
        raise_if(check_same_person(self, "order"))
