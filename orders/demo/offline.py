"""Demo records of USPS 810.300: offline orders with their items and payments, ACH
debits of every age, shipments, status inquiries, claims, bad checks and referrals."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from audit.bulk import bulk_insert
from lib.demo import DemoContext
from lib.payments import BankAccountType
from orders.constants import (
    ACHStatus,
    BadCheckStatus,
    ClaimStatus,
    InquiryChannel,
    OfflineChannel,
    OfflinePaymentMethod,
    OrderStatus,
    ReferralMethod,
)
from orders.demo.common import (
    ROUTING_NUMBERS,
    between,
    card,
    customer_digits,
    full_name,
    later,
    one_line_address,
    order_status,
    pick,
    span,
)
from orders.models import (
    ACHRecord,
    BadCheckEntry,
    DefectiveMerchandiseClaim,
    OfflineOrder,
    OfflineOrderItem,
    OfflinePayment,
    OfflineShipment,
    OrderStatusInquiry,
    ReferralFeedback,
)

# USPS product and/or service ID numbers (synthetic) with their prices.
USPS_ITEMS = [
    ("683404", Decimal("13.60")),  # booklet of 20 Forever stamps
    ("684104", Decimal("68.00")),  # coil of 100
    ("477804", Decimal("7.35")),  # Priority Mail flat-rate supplies
    ("119600", Decimal("24.95")),  # commemorative stamp yearbook
    ("569300", Decimal("2.50")),  # stamped postal cards
    ("PMBOX1", Decimal("0.00")),  # free shipping supplies
    ("SVCPOB", Decimal("72.00")),  # PO Box rental (service)
]


def seed_offline(ctx: DemoContext, relationships: list[Any]) -> None:
    rng = ctx.rng
    orders: list[OfflineOrder] = []
    end_of: dict[int, datetime.date] = {}
    for rel in pick(ctx, relationships, 0.7):
        start, end = span(rel)
        placed = between(ctx, start, end)
        order = OfflineOrder(
            person=rel.person,
            order_number=f"PF{customer_digits(rel.person)}1",
            placed_on=placed,
            status=order_status(ctx, placed),
            channel=rng.choice(OfflineChannel.values),
        )
        orders.append(order)
        end_of[id(order)] = end
    # Decided before the orders are saved, so each order's status tells its story.
    for order in pick(ctx, orders, 0.1):
        order.recurring = True
    open_orders = [o for o in orders if o.status != OrderStatus.CANCELLED]
    shipped = pick(ctx, open_orders, 0.33)
    for order in shipped:
        if order.status not in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
            order.status = OrderStatus.SHIPPED
    claimed = pick(ctx, shipped, 0.09)
    for order in claimed:
        order.status = OrderStatus.DELIVERED
    methods = {id(o): OfflinePaymentMethod.CARD for o in orders}
    by_check = pick(ctx, orders, 0.25)
    methods.update({id(o): OfflinePaymentMethod.CHECK for o in by_check})
    checked = {id(o) for o in by_check}
    money_orders = pick(ctx, [o for o in orders if id(o) not in checked], 0.2)
    methods.update({id(o): OfflinePaymentMethod.MONEY_ORDER for o in money_orders})
    bulk_insert(ctx, OfflineOrder, orders)

    items, payments, shipments = [], [], []
    product_of: dict[int, str] = {}
    for order in orders:
        product, price = rng.choice(USPS_ITEMS)
        product_of[order.pk] = product
        quantity = rng.choice((1, 1, 1, 2, 3, 5))
        items.append(
            OfflineOrderItem(
                person=order.person,
                order=order,
                product_service_id=product,
                quantity=quantity,
                unit_price=price,
                ordered_on=order.placed_on,
            )
        )
        amount = max(price * quantity, Decimal("1.00"))
        payments.append(_offline_payment(ctx, order, amount, methods[id(order)]))
    for order in shipped:
        person, placed = order.person, order.placed_on
        street, city, state, zip_code = one_line_address(ctx)
        gift = rng.random() < 0.15
        shipments.append(
            OfflineShipment(
                person=person,
                order=order,
                product_service_id=product_of[order.pk],
                recipient_name=(
                    f"{rng.choice(ctx.pools.given_names)} {person.family_name}"
                    if gift
                    else full_name(person)
                ),
                recipient_street=street,
                recipient_city=city,
                recipient_state=state,
                recipient_postal_code=zip_code,
                shipped_on=min(later(ctx, placed, 1, 4), max(placed, end_of[id(order)])),
            )
        )
    inquiries = [
        OrderStatusInquiry(
            person=order.person,
            order=order,
            inquired_on=min(later(ctx, order.placed_on, 2, 20), end_of[id(order)]),
            channel=rng.choice(InquiryChannel.values),
            note=rng.choice(ctx.pools.sentences),
        )
        for order in pick(ctx, orders, 0.08)
    ]
    claims = []
    for order in claimed:
        submitted = min(later(ctx, order.placed_on, 10, 40), end_of[id(order)])
        status = rng.choice(ClaimStatus.values)
        closed = status in (ClaimStatus.REPLACED, ClaimStatus.REFUNDED, ClaimStatus.DENIED)
        claims.append(
            DefectiveMerchandiseClaim(
                person=order.person,
                order=order,
                product_service_id=product_of[order.pk],
                submitted_on=submitted,
                description=rng.choice(ctx.pools.sentences),
                status=status,
                resolved_on=later(ctx, submitted, 5, 30) if closed else None,
            )
        )
    referrals = [
        ReferralFeedback(
            person=order.person,
            order=order,
            method=rng.choice(ReferralMethod.values),
            recorded_on=order.placed_on,
        )
        for order in pick(ctx, orders, 0.15)
    ]
    bulk_insert(ctx, OfflineOrderItem, items)
    bulk_insert(ctx, OfflinePayment, payments)
    bulk_insert(ctx, OfflineShipment, shipments)
    bulk_insert(ctx, OrderStatusInquiry, inquiries)
    bulk_insert(ctx, DefectiveMerchandiseClaim, claims)
    bulk_insert(ctx, ReferralFeedback, referrals)
    bulk_insert(ctx, BadCheckEntry, _bad_checks(ctx, payments))
    bulk_insert(ctx, ACHRecord, _ach_records(ctx, relationships, orders))


def _offline_payment(
    ctx: DemoContext, order: OfflineOrder, amount: Decimal, method: str
) -> OfflinePayment:
    rng = ctx.rng
    payment = OfflinePayment(
        person=order.person, order=order, method=method, amount=amount, paid_on=order.placed_on
    )
    if method == OfflinePaymentMethod.CARD:
        for name, value in card(ctx, order.placed_on).items():
            setattr(payment, name, value)
        street, city, state, zip_code = one_line_address(ctx)
        payment.billing_name = full_name(order.person)
        payment.billing_address = f"{street}, {city}, {state} {zip_code}"
    elif method == OfflinePaymentMethod.CHECK:
        payment.check_number = str(rng.randint(100, 9999))
        payment.bank_routing_number = rng.choice(ROUTING_NUMBERS)
        payment.bank_account_number = str(rng.randint(10**7, 10**12))
    else:
        payment.money_order_number = str(rng.randint(10**10, 10**11 - 1))
    return payment


def _bad_checks(ctx: DemoContext, payments: list[OfflinePayment]) -> list[BadCheckEntry]:
    checks = [p for p in payments if p.method == OfflinePaymentMethod.CHECK]
    entries = []
    for payment in pick(ctx, checks, 0.06):
        returned = later(ctx, payment.paid_on, 5, 15)
        cleared = later(ctx, returned, 10, 60) if ctx.rng.random() < 0.6 else None
        entries.append(
            BadCheckEntry(
                person=payment.person,
                payment=payment,
                check_number=payment.check_number,
                amount=payment.amount,
                returned_on=returned,
                status=BadCheckStatus.CLEARED if cleared else BadCheckStatus.OUTSTANDING,
                cleared_on=cleared,
            )
        )
    return entries


def _ach_records(
    ctx: DemoContext, relationships: list[Any], orders: list[OfflineOrder]
) -> list[ACHRecord]:
    """ACH debits of every age (the 2-year rule of USPS 810.300 has old ones to destroy):
    one for each recurring order, and some on their own."""
    rng = ctx.rng
    recurring = {order.person_id: order for order in orders if order.recurring}
    debited = [rel for rel in relationships if rel.person.pk in recurring]
    debited += pick(ctx, [r for r in relationships if r.person.pk not in recurring], 0.08)
    records = []
    for rel in debited:
        order = recurring.get(rel.person.pk)
        debit = order.placed_on if order else between(ctx, *span(rel))
        status = ACHStatus.SCHEDULED if (ctx.today - debit).days < 3 else ACHStatus.SETTLED
        if status == ACHStatus.SETTLED and rng.random() < 0.03:
            status = ACHStatus.RETURNED
        records.append(
            ACHRecord(
                person=rel.person,
                order=order,
                account_holder_name=full_name(rel.person),
                bank_routing_number=rng.choice(ROUTING_NUMBERS),
                bank_account_number=str(rng.randint(10**7, 10**12)),
                account_type=rng.choice(BankAccountType.values),
                amount=Decimal(rng.randint(500, 25000)) / 100,
                debit_date=debit,
                status=status,
            )
        )
    return records
