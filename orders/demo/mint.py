"""Demo records of Treasury/Mint .009: the product catalogue and staff accounts (created
once), orders with lines and card payments, shipments, gift recipients, undelivered
orders, chats, calls, browsing events, segments and product preferences."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from decimal import Decimal
from typing import Any

from audit.bulk import bulk_insert
from lib.demo import DemoContext
from orders.constants import (
    UNUSUAL_QUANTITY,
    BrowsingEventType,
    CallDirection,
    Carrier,
    EmployerType,
    FlagReason,
    MarketSegment,
    MintChannel,
    OrderStatus,
    PreferenceLevel,
    PreferenceSource,
    ProductCategory,
    ShipmentStatus,
    SystemAction,
    UndeliveredReason,
    UndeliveredResolution,
)
from orders.demo.common import (
    at,
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
    BrowsingEvent,
    GiftRecipient,
    MarketSegmentMembership,
    MintChatTranscript,
    MintOrder,
    MintOrderLine,
    MintPayment,
    MintPhoneCall,
    MintShipment,
    MintStaffUser,
    MintSystemAccess,
    Product,
    ProductPreference,
    UndeliveredOrder,
)

# Synthetic Mint catalogue: (code, name, category, price, mintage limit or None).
PRODUCTS = [
    ("P01", "United States Mint Proof Set", ProductCategory.PROOF_SETS, "32.00", None),
    ("P02", "Silver Proof Set", ProductCategory.PROOF_SETS, "82.00", 1_500_000),
    ("U01", "Uncirculated Coin Set", ProductCategory.UNCIRCULATED, "28.50", None),
    ("C01", "Commemorative Silver Dollar", ProductCategory.COMMEMORATIVE, "74.00", 400_000),
    ("C02", "Commemorative Half Dollar", ProductCategory.COMMEMORATIVE, "26.00", 750_000),
    ("B01", "American Eagle One Ounce Silver Proof", ProductCategory.BULLION, "90.00", 1_000_000),
    ("B02", "American Buffalo Gold Proof", ProductCategory.BULLION, "3200.00", 30_000),
    ("M01", "Presidential Bronze Medal", ProductCategory.MEDALS, "42.00", None),
    ("R01", "Quarter Two-Roll Set", ProductCategory.CIRCULATING, "21.50", None),
    ("G01", "Coin Gift Box", ProductCategory.GIFTS, "14.95", None),
]
OPENING_INVENTORY = 5_000_000
IPS = ["192.0.2.{}", "198.51.100.{}", "203.0.113.{}"]  # RFC 5737 documentation ranges
PAGES = ["/", "/coins/proof-sets", "/coins/commemoratives", "/new-releases", "/gifts", "/faq"]


def _products(ctx: DemoContext) -> list[Product]:
    """The catalogue, created once; reference data shared by every chunk."""
    if not Product.objects.exists():
        released = ctx.today - datetime.timedelta(days=15 * 365)
        bulk_insert(
            ctx,
            Product,
            [
                Product(
                    product_code=code,
                    name=name,
                    category=category,
                    price=Decimal(price),
                    inventory_on_hand=OPENING_INVENTORY,
                    mintage_limit=limit,
                    released_on=released,
                )
                for code, name, category, price, limit in PRODUCTS
            ],
        )
    return list(Product.objects.order_by("product_code"))


def _staff(ctx: DemoContext) -> list[MintStaffUser]:
    """The Mint's and its contractors' staff user accounts, created once: a core that has
    always had access, and others granted later or since revoked."""
    if not MintStaffUser.objects.exists():
        rng, staff = ctx.rng, []
        kinds = [EmployerType.FEDERAL] * 6 + [EmployerType.CONTRACTOR] * 18
        kinds += [EmployerType.SUBCONTRACTOR] * 6
        for n, kind in enumerate(kinds, start=1):
            core = n % 3 == 1
            granted = ctx.today - datetime.timedelta(
                days=14 * 365 if core else rng.randint(30, 12 * 365)
            )
            revoked = None
            if not core and rng.random() < 0.3:
                revoked = later(ctx, granted, 30, 3 * 365)
            staff.append(
                MintStaffUser(
                    name=f"{rng.choice(ctx.pools.given_names)} "
                    f"{rng.choice(ctx.pools.family_names)}",
                    user_id=f"{kind.value[:3].upper()}{n:04d}",
                    employer_type=kind,
                    access_granted_on=granted,
                    access_revoked_on=revoked,
                )
            )
        bulk_insert(ctx, MintStaffUser, staff)
    return list(MintStaffUser.objects.order_by("user_id"))


def _agent(ctx: DemoContext, staff: list[MintStaffUser], day: datetime.date) -> MintStaffUser:
    """A contractor or subcontractor agent with system access on `day` (the core staff
    created by `_staff` always qualify)."""
    agents = [s for s in staff if s.employer_type != EmployerType.FEDERAL and s.had_access_on(day)]
    return ctx.rng.choice(agents or staff)


def seed_mint(ctx: DemoContext, relationships: list[Any]) -> None:
    rng = ctx.rng
    products, staff = _products(ctx), _staff(ctx)
    if not relationships:
        return
    unlimited = next((p for p in products if p.mintage_limit is None), None)
    sold: Counter[int] = Counter()
    orders, bought = [], []
    chosen = pick(ctx, relationships, 0.65)
    flagged = {id(rel) for rel in pick(ctx, chosen, 0.03)}
    for rel in chosen:
        person, digits = rel.person, customer_digits(rel.person)
        day = between(ctx, *span(rel))
        channel = rng.choices(MintChannel.values, weights=(60, 20, 8, 12))[0]
        quantity = rng.choice((1, 1, 1, 2, 2, 3, 5))
        flag_reason = ""
        if id(rel) in flagged:
            flag_reason = rng.choice(FlagReason.values)
            if flag_reason == FlagReason.UNUSUAL_QUANTITY:
                quantity = UNUSUAL_QUANTITY + rng.randint(1, 80)
        product = rng.choice(products)
        if product.mintage_limit is not None and (
            product.units_sold + sold[product.pk] + quantity > product.mintage_limit
        ):
            # Mint .009 purpose 8: sales stay "within mandated mintage levels".
            if unlimited is None:
                continue
            product = unlimited
        sold[product.pk] += quantity
        order = MintOrder(
            person=person,
            order_number=f"MO{digits}1",
            internal_request_id=f"RQ{digits}1",
            order_date=day,
            channel=channel,
            status=OrderStatus.ON_HOLD if flag_reason else order_status(ctx, day),
            flagged=bool(flag_reason),
            flag_reason=flag_reason,
            handled_by=None if channel == MintChannel.ONLINE else _agent(ctx, staff, day),
        )
        orders.append(order)
        bought.append((order, product, quantity))
    # Which orders ship is decided before they are saved, so their status says so.
    shippable = [o for o in orders if not o.flagged and o.status != OrderStatus.CANCELLED]
    shipped = pick(ctx, shippable, 0.3)
    for order in shipped:
        if order.status not in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
            order.status = OrderStatus.SHIPPED
    # Parents first: the lines and payments take the orders' assigned keys.
    bulk_insert(ctx, MintOrder, orders)
    lines, payments = [], []
    for order, product, quantity in bought:
        lines.append(
            MintOrderLine(
                person=order.person,
                order=order,
                product=product,
                quantity=quantity,
                unit_price=product.price,
                ordered_on=order.order_date,
            )
        )
        payments.append(
            MintPayment(
                person=order.person,
                order=order,
                amount=product.price * quantity,
                paid_on=order.order_date,
                cardholder_name=full_name(order.person),
                **card(ctx, order.order_date),
            )
        )
    bulk_insert(ctx, MintOrderLine, lines)
    bulk_insert(ctx, MintPayment, payments)
    for product in products:
        if sold[product.pk]:
            product.units_sold += sold[product.pk]
            product.inventory_on_hand -= sold[product.pk]
    Product.objects.bulk_update(products, ["units_sold", "inventory_on_hand"])

    _seed_fulfilment(ctx, shipped)
    _seed_customer_service(ctx, relationships, orders, staff)
    _seed_behaviour(ctx, relationships, products)
    _seed_staff_access(ctx, staff, len(relationships))


def _seed_fulfilment(ctx: DemoContext, shipped_orders: list[MintOrder]) -> None:
    rng = ctx.rng
    gifts: dict[int, GiftRecipient] = {}
    for order in pick(ctx, shipped_orders, 0.15):
        street, city, state, zip_code = one_line_address(ctx)
        gifts[order.pk] = GiftRecipient(
            person=order.person,
            order=order,
            recipient_name=f"{rng.choice(ctx.pools.given_names)} "
            f"{rng.choice(ctx.pools.family_names)}",
            recipient_street=street,
            recipient_city=city,
            recipient_state=state,
            recipient_postal_code=zip_code,
            delivery_instructions=rng.choice(("Leave with neighbor", "Signature required")),
            gift_message=rng.choice(ctx.pools.sentences),
            recorded_on=order.order_date,
        )
    bulk_insert(ctx, GiftRecipient, list(gifts.values()))
    shipments, undelivered = [], []
    for order in shipped_orders:
        shipped = later(ctx, order.order_date, 1, 5)
        delivered = later(ctx, shipped, 2, 7) if order.status == OrderStatus.DELIVERED else None
        carrier = rng.choice(Carrier.values)
        digits = order.order_number[2:]
        shipments.append(
            MintShipment(
                person=order.person,
                order=order,
                gift_recipient=gifts.get(order.pk),
                carrier=carrier,
                tracking_number=(
                    f"1Z{rng.randint(100, 999)}{digits}"
                    if carrier == Carrier.UPS
                    else f"94{digits}00"
                ),
                shipped_on=shipped,
                delivered_on=delivered,
                status=ShipmentStatus.DELIVERED if delivered else ShipmentStatus.IN_TRANSIT,
            )
        )
    bulk_insert(ctx, MintShipment, shipments)
    for shipment in pick(ctx, shipments, 0.08):
        reported = later(ctx, shipment.shipped_on, 7, 30)
        resolution = (
            UndeliveredResolution.PENDING
            if (ctx.today - reported).days < 14
            else rng.choice(UndeliveredResolution.values[1:])
        )
        undelivered.append(
            UndeliveredOrder(
                person=shipment.person,
                order=shipment.order,
                shipment=shipment,
                internal_request_id=f"UD{shipment.order.order_number[2:]}",
                reported_on=reported,
                reason=rng.choice(UndeliveredReason.values),
                research_notes=rng.choice(ctx.pools.sentences),
                resolution=resolution,
                resolved_on=(
                    None
                    if resolution == UndeliveredResolution.PENDING
                    else later(ctx, reported, 3, 30)
                ),
            )
        )
    bulk_insert(ctx, UndeliveredOrder, undelivered)


def _conversation(ctx: DemoContext) -> str:
    say = ctx.pools.sentences
    return "\n".join(
        (
            f"Customer: {ctx.rng.choice(say)}",
            f"Agent: {ctx.rng.choice(say)}",
            f"Customer: {ctx.rng.choice(say)}",
        )
    )


def _seed_customer_service(
    ctx: DemoContext,
    relationships: list[Any],
    orders: list[MintOrder],
    staff: list[MintStaffUser],
) -> None:
    rng = ctx.rng
    order_of = {order.person_id: order for order in orders}

    def contact(rel: Any) -> tuple[MintOrder | None, datetime.datetime]:
        """The order a contact is about (if any) and when it happened."""
        order = order_of.get(rel.person.pk)
        start_on, end_on = span(rel)
        if order:
            day = min(later(ctx, order.order_date, 0, 10), max(order.order_date, end_on))
        else:
            day = between(ctx, start_on, end_on)
        return order, at(ctx, day)

    chatted = pick(ctx, relationships, 0.06)
    chats = []
    for rel in chatted:
        order, start = contact(rel)
        chats.append(
            MintChatTranscript(
                person=rel.person,
                order=order,
                internal_request_id=f"CH{customer_digits(rel.person)}1",
                handled_by=_agent(ctx, staff, start.date()),
                started_at=start,
                ended_at=start + datetime.timedelta(minutes=rng.randint(2, 25)),
                transcript=_conversation(ctx),
                notes=rng.choice(ctx.pools.sentences),
            )
        )
    calls = []
    chatted_ids = {id(rel) for rel in chatted}
    for rel in pick(ctx, [r for r in relationships if id(r) not in chatted_ids], 0.08):
        order, start = contact(rel)
        request_id = f"CL{customer_digits(rel.person)}1"
        calls.append(
            MintPhoneCall(
                person=rel.person,
                order=order,
                internal_request_id=request_id,
                handled_by=_agent(ctx, staff, start.date()),
                called_at=start,
                duration_seconds=rng.randint(60, 1800),
                direction=rng.choices(CallDirection.values, weights=(9, 1))[0],
                notes=rng.choice(ctx.pools.sentences),
                transcript=_conversation(ctx),
                recording_uri=f"https://recordings.example.net/calls/{request_id}.wav",
            )
        )
    bulk_insert(ctx, MintChatTranscript, chats)
    bulk_insert(ctx, MintPhoneCall, calls)


def _device_settings(ctx: DemoContext) -> str:
    return json.dumps(
        {
            "browser": ctx.rng.choice(("Firefox", "Chrome", "Safari", "Edge")),
            "os": ctx.rng.choice(("Windows", "macOS", "iOS", "Android", "Linux")),
            "language": ctx.rng.choice(("en-US", "en-US", "es-US")),
            "screen": ctx.rng.choice(("1920x1080", "1440x900", "390x844")),
            "cookies_enabled": True,
        },
        sort_keys=True,
    )


def _seed_behaviour(ctx: DemoContext, relationships: list[Any], products: list[Product]) -> None:
    rng = ctx.rng
    events = []
    for rel in pick(ctx, relationships, 0.15):
        day = between(ctx, *span(rel))
        session = f"{rng.getrandbits(64):016x}"
        ip = rng.choice(IPS).format(rng.randint(1, 254))
        settings = _device_settings(ctx)
        for _ in range(rng.choice((1, 2))):
            product = rng.choice(products) if rng.random() < 0.6 else None
            events.append(
                BrowsingEvent(
                    person=rel.person,
                    occurred_at=at(ctx, day),
                    session_id=session,
                    event_type=(
                        BrowsingEventType.PRODUCT_VIEW
                        if product
                        else rng.choice((BrowsingEventType.PAGE_VIEW, BrowsingEventType.SEARCH))
                    ),
                    product=product,
                    page_path=(
                        f"/products/{product.product_code.lower()}"
                        if product
                        else rng.choice(PAGES)
                    ),
                    ip_address=ip,
                    device_settings=settings,
                )
            )
    segments = [
        MarketSegmentMembership(
            person=rel.person,
            segment=rng.choice(MarketSegment.values),
            assigned_on=between(ctx, *span(rel)),
        )
        for rel in pick(ctx, relationships, 0.15)
    ]
    preferences = [
        ProductPreference(
            person=rel.person,
            product_category=rng.choice(ProductCategory.values),
            preference=rng.choice(PreferenceLevel.values),
            source=rng.choice(PreferenceSource.values),
            recorded_on=between(ctx, *span(rel)),
        )
        for rel in pick(ctx, relationships, 0.12)
    ]
    bulk_insert(ctx, BrowsingEvent, events)
    bulk_insert(ctx, MarketSegmentMembership, segments)
    bulk_insert(ctx, ProductPreference, preferences)


def _seed_staff_access(ctx: DemoContext, staff: list[MintStaffUser], relationships: int) -> None:
    """Audit-log entries of the staff's system access (Mint .009 (a)), a few per chunk."""
    rng, records = ctx.rng, []
    for _ in range(max(1, relationships // 30)):
        user = rng.choice(staff)
        last = min(ctx.today, user.access_revoked_on or ctx.today)
        day = between(ctx, user.access_granted_on, last)
        action = rng.choice(SystemAction.values)
        records.append(
            MintSystemAccess(
                staff_user=user,
                accessed_at=at(ctx, day),
                action=action,
                object_reference=(
                    f"order MO{rng.randint(10**8, 10**9 - 1)}"
                    if action in (SystemAction.VIEW_ORDER, SystemAction.UPDATE_ORDER)
                    else ""
                ),
            )
        )
    bulk_insert(ctx, MintSystemAccess, records)
