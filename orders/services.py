"""Retrieval of each system's order records by the identifiers its notice lists, and the
writes that span several order records (placing an order with its lines and payment).

Retrieval semantics, the same for both finders: every given identifier is a condition, and
a record is returned only when it meets all of them.
- Identifiers of a person (name, address, phone, email, customer ID / customer number, and
  for the Mint product preferences, market segment and browsing behaviour) select people;
  a record matches when it is about one of them.
- Identifiers of a transaction (order number, order date, flagged, shipment tracking
  number, internal request ID) select orders (or the request itself); a record matches
  when it is, or belongs to, one of them. Records that belong to no order (browsing
  events, segments, preferences, ...) never match a transaction identifier.
- The Mint's staff user ID selects the staff user's own account and audit records and the
  orders, chats and calls the staff member handled.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet

from customers.models import Person
from customers.services import PERSON_COMPARES, find_people_ids
from keystore.fields import index_token
from lib.prepared import Bound, BoundIds, CompiledOnce
from orders.constants import UNUSUAL_QUANTITY, FlagReason
from orders.models import (
    ACHRecord,
    BadCheckEntry,
    BrowsingEvent,
    DefectiveMerchandiseClaim,
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
    OfflineOrder,
    OfflineOrderItem,
    OfflinePayment,
    OfflineShipment,
    OrderStatusInquiry,
    Product,
    ProductPreference,
    ReferralFeedback,
    UndeliveredOrder,
)
from orders.models.common import normalize_number
from sorn import retrieval

USPS_810_300 = "usps-810-300"
MINT_009 = "mint-009"

# A condition on one model: a Q, or None when the identifier cannot match that model.
Condition = Callable[[type[models.Model]], Q | None]
# People or orders selected: their ids when the identifiers single out a few (found at
# once by `bind`, through the indexes: `person_id = ANY(ids)` is cheap to plan in every
# model's condition), else a query of their ids (values("pk")), when they may be many.
Selection = QuerySet | BoundIds


@dataclass(frozen=True)
class _Path:
    """How a model reaches the person and the order it belongs to (None: it does not)."""

    person: str | None = "person"
    order: str | None = "order"


USPS_MODELS: dict[type[models.Model], _Path] = {
    OfflineOrder: _Path(order="pk"),
    OfflineOrderItem: _Path(),
    OfflinePayment: _Path(),
    ACHRecord: _Path(),
    OfflineShipment: _Path(),
    OrderStatusInquiry: _Path(),
    DefectiveMerchandiseClaim: _Path(),
    BadCheckEntry: _Path(order="payment__order"),
    ReferralFeedback: _Path(),
}

MINT_MODELS: dict[type[models.Model], _Path] = {
    MintOrder: _Path(order="pk"),
    MintOrderLine: _Path(),
    MintPayment: _Path(),
    GiftRecipient: _Path(),
    MintShipment: _Path(),
    UndeliveredOrder: _Path(),
    MintChatTranscript: _Path(),
    MintPhoneCall: _Path(),
    BrowsingEvent: _Path(order=None),
    MarketSegmentMembership: _Path(order=None),
    ProductPreference: _Path(order=None),
    MintStaffUser: _Path(person=None, order=None),
    MintSystemAccess: _Path(person=None, order=None),
}

# Records of the Mint's own request identifiers (Mint .009 retrievability: "any internal
# identification number that may be assigned to the request").
REQUEST_MODELS = (MintOrder, UndeliveredOrder, MintChatTranscript, MintPhoneCall)
HANDLED_MODELS = (MintOrder, MintChatTranscript, MintPhoneCall)


def _among(path: str, selected: Selection) -> Q:
    if isinstance(selected, BoundIds):
        return Q(**{f"{path}__any_of": selected})
    return Q(**{f"{path}__in": selected})


def _person_condition(paths: Mapping[type[models.Model], _Path], people: Selection) -> Condition:
    def condition(model: type[models.Model]) -> Q | None:
        path = paths[model].person
        return _among(path, people) if path else None

    return condition


def _order_condition(paths: Mapping[type[models.Model], _Path], orders: Selection) -> Condition:
    selected = orders.values("pk") if isinstance(orders, QuerySet) else orders

    def condition(model: type[models.Model]) -> Q | None:
        path = paths[model].order
        return _among(path, selected) if path else None

    return condition


def _results(
    paths: Mapping[type[models.Model], _Path], conditions: Iterable[Condition]
) -> dict[str, QuerySet]:
    conditions = list(conditions)
    records: dict[str, QuerySet] = {}
    for model in paths:
        query = model.objects.all()
        for condition in conditions:
            q = condition(model)
            query = query.none() if q is None else query.filter(q)
        records[model._meta.label] = query
    return records


def _parse_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _parse_flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in {"true", "yes", "y", "1", "flagged"}:
        return True
    if text in {"false", "no", "n", "0", "not flagged"}:
        return False
    return None


USPS_PERSON_IDENTIFIERS = ("name", "customer_id", "phone", "address", "email")


def bind_offline_order_identifiers(identifiers: Mapping[str, str]) -> dict[str, object]:
    """The people the person-level identifiers name, of the system, and the order the
    order number names (unique: one or none), found at once."""
    values: dict[str, object] = {}
    person_ids = {k: identifiers[k] for k in USPS_PERSON_IDENTIFIERS if identifiers.get(k)}
    if person_ids:
        values["people"] = find_people_ids(person_ids, system=USPS_810_300) or []
    if identifiers.get("order_number"):
        number = normalize_number(identifiers["order_number"])
        values["orders"] = retrieval.recall(
            ("orders", USPS_810_300, number),
            lambda: [pk for (pk,) in _OFFLINE_ORDER.rows(None, {"order_number": number})],
        )
    return values


# Looked up for every run with an order number: compiled once.
_OFFLINE_ORDER = CompiledOnce(
    lambda _: OfflineOrder.objects.filter(
        order_number=Bound("order_number", None, models.CharField())
    ).values_list("pk")
)


@retrieval.register(
    USPS_810_300,
    bind=bind_offline_order_identifiers,
    compares={"order_number": ((OfflineOrder, "order_number"),)},
)
def find_offline_order_records(bound: retrieval.Bindings) -> dict[str, QuerySet]:
    """USPS 810.300 retrievability: "By customer name, customer ID(s), phone number, mail
    or e-mail address, or order number"."""
    conditions: list[Condition] = []
    if "people" in bound:
        conditions.append(_person_condition(USPS_MODELS, bound.ids("people")))
    if "orders" in bound:
        conditions.append(_order_condition(USPS_MODELS, bound.ids("orders")))
    return _results(USPS_MODELS, conditions)


MINT_PERSON_IDENTIFIERS = ("name", "address", "phone", "email")
MINT_PROFILE_IDENTIFIERS = ("product_preferences", "market_segment", "browsing_behavior")
MINT_ORDER_IDENTIFIERS = ("order_number", "order_date", "flagged", "shipment_tracking_number")


def bind_mint_identifiers(identifiers: Mapping[str, str]) -> dict[str, object]:
    """The values of the Mint's queries: the people the person-level identifiers name, of
    the system, found at once; the order an order number names (with the other order
    identifiers given), found at once; the other identifiers in their normal form (a
    date or a flag that does not parse, a name with no normal form, bound as None,
    finds nothing)."""
    values: dict[str, object] = {}
    given = set(identifiers)
    person_ids = {k: identifiers[k] for k in MINT_PERSON_IDENTIFIERS if k in identifiers}
    if "customer_number" in identifiers:
        person_ids["customer_id"] = identifiers["customer_number"]
    if person_ids:
        values["people"] = find_people_ids(person_ids, system=MINT_009) or []
    if "name" in identifiers:  # staff members of that name (`find_mint_order_records`)
        values["staff_name"] = index_token("name", identifiers["name"]) or None
    if "product_preferences" in identifiers:
        values["product_category"] = str(identifiers["product_preferences"]).strip().casefold()
    if "market_segment" in identifiers:
        values["segment"] = str(identifiers["market_segment"]).strip().casefold()
    if "browsing_behavior" in identifiers:
        # A product code ("24RJ") or a catalog page ("/coins/proof-sets") viewed.
        viewed = str(identifiers["browsing_behavior"]).strip()
        values["product_code"] = viewed
        values["page"] = index_token("identifier", viewed) or None
    if "order_date" in identifiers:
        values["order_date"] = _parse_date(identifiers["order_date"])
    if "flagged" in identifiers:
        values["flagged"] = _parse_flag(identifiers["flagged"])
    if "shipment_tracking_number" in identifiers:
        values["tracking_number"] = normalize_number(identifiers["shipment_tracking_number"])
    if "order_number" in identifiers:
        # An order number singles out one order (or none): found at once, with the other
        # order identifiers given.
        values["order_number"] = normalize_number(identifiers["order_number"])
        selecting = tuple(sorted(given & set(MINT_ORDER_IDENTIFIERS)))
        found = dict(values)
        values["orders"] = retrieval.recall(
            ("orders", MINT_009, *((name, identifiers[name]) for name in selecting)),
            lambda: [pk for (pk,) in _MINT_ORDERS.rows(selecting, found)],
        )
    if "internal_request_id" in identifiers:
        values["request_id"] = normalize_number(identifiers["internal_request_id"])
    if "staff_user_id" in identifiers:
        values["staff_user_id"] = str(identifiers["staff_user_id"]).strip()
    return values


# The orders an order number (and the other order identifiers given) names, looked up
# for every run with it: compiled once per set of order identifiers.
_MINT_ORDERS = CompiledOnce(
    lambda selecting: _mint_orders(
        set(selecting),
        retrieval.Bindings(
            frozenset(selecting),
            dict.fromkeys(("order_number", "order_date", "flagged", "tracking_number")),
        ),
    ).values_list("pk")
)


def _mint_orders(given: set[str], bound: retrieval.Bindings) -> QuerySet[MintOrder]:
    """The orders the order identifiers given select."""
    orders: QuerySet[MintOrder] = MintOrder.objects.all()
    if "order_number" in given:
        orders = orders.filter(order_number=bound.value("order_number"))
    if "order_date" in given:
        orders = orders.filter(order_date=bound.value("order_date", models.DateField()))
    if "flagged" in given:
        orders = orders.filter(flagged=bound.value("flagged", models.BooleanField()))
    if "shipment_tracking_number" in given:
        shipments = MintShipment.objects.filter(tracking_number=bound.value("tracking_number"))
        orders = orders.filter(pk__in=shipments.values("order_id"))
    return orders


def _mint_people(bound: retrieval.Bindings) -> Selection | None:
    """People selected by the Mint's person-level identifiers, or None if none is given:
    their ids when only the identifiers of a person are given, else a query of them."""
    given = bound.names
    if not given & set(MINT_PROFILE_IDENTIFIERS):
        return bound.ids("people") if "people" in bound else None
    people = Person.objects.all()
    if "people" in bound:
        people = people.filter(pk__any_of=bound.ids("people"))
    if "product_preferences" in given:
        preferred = ProductPreference.objects.filter(
            product_category=bound.value("product_category")
        )
        people = people.filter(pk__in=preferred.values("person_id"))
    if "market_segment" in given:
        members = MarketSegmentMembership.objects.filter(segment=bound.value("segment"))
        people = people.filter(pk__in=members.values("person_id"))
    if "browsing_behavior" in given:
        viewed = Q(product__product_code__iexact=bound.value("product_code")) | Q(
            page_index=bound.value("page")
        )
        events = BrowsingEvent.objects.filter(viewed)
        people = people.filter(pk__in=events.values("person_id"))
    return people.values("pk")


@retrieval.register(
    MINT_009,
    bind=bind_mint_identifiers,
    compares={
        "name": ((MintStaffUser, "name_index"),),  # a name alone finds staff members too
        "customer_number": PERSON_COMPARES["customer_id"],
        "order_number": ((MintOrder, "order_number"),),
        "order_date": ((MintOrder, "order_date"),),
        "flagged": ((MintOrder, "flagged"),),
        "shipment_tracking_number": ((MintShipment, "tracking_number"),),
        "internal_request_id": tuple((model, "internal_request_id") for model in REQUEST_MODELS),
        "staff_user_id": ((MintStaffUser, "user_id"),),
        "product_preferences": ((ProductPreference, "product_category"),),
        "market_segment": ((MarketSegmentMembership, "segment"),),
        "browsing_behavior": ((BrowsingEvent, "page_index"), (Product, "product_code")),
    },
)
def find_mint_order_records(bound: retrieval.Bindings) -> dict[str, QuerySet]:
    """Treasury/Mint .009 retrievability: "Name, address, phone number, email address,
    customer number or order number, order date, whether or not the account is flagged
    ..., product preferences, market segmentation categories, bureau online catalog
    browsing behavioral information, shipment tracking number, any internal identification
    number that may be assigned to the request, employee, government contractor and
    subcontractor employee user identification"."""
    given = bound.names
    conditions: list[Condition] = []
    people = _mint_people(bound)
    if people is not None:
        person_condition = _person_condition(MINT_MODELS, people)
        # A name also finds the staff members of that name, who are individuals covered
        # by the system too (categories of individuals); no other person identifier does.
        only_name = (
            given
            & {
                "address",
                "phone",
                "email",
                "customer_number",
                *MINT_PROFILE_IDENTIFIERS,
            }
            == set()
        )
        staff = (
            MintStaffUser.objects.filter(name_index=bound.value("staff_name"))
            if "name" in given
            else None
        )

        def person_or_staff(model: type[models.Model]) -> Q | None:
            if model is MintStaffUser and only_name and staff is not None:
                return Q(pk__in=staff.values("pk"))
            if model is MintSystemAccess and only_name and staff is not None:
                return Q(staff_user__in=staff.values("pk"))
            return person_condition(model)

        conditions.append(person_or_staff)

    if given & set(MINT_ORDER_IDENTIFIERS):
        # An order number singles out one order (or none): found at once (`bind`).
        selected = bound.ids("orders") if "order_number" in given else _mint_orders(given, bound)
        conditions.append(_order_condition(MINT_MODELS, selected))

    if "internal_request_id" in given:
        request_id = bound.value("request_id")
        requested_orders = MintOrder.objects.filter(internal_request_id=request_id)
        by_order = _order_condition(MINT_MODELS, requested_orders)

        def request_condition(model: type[models.Model]) -> Q | None:
            q = by_order(model)
            if model in REQUEST_MODELS:
                own = Q(internal_request_id=request_id)
                q = own if q is None else q | own
            return q

        conditions.append(request_condition)

    if "staff_user_id" in given:
        staff_users = MintStaffUser.objects.filter(
            user_id__iexact=bound.value("staff_user_id")
        ).values("pk")

        def staff_condition(model: type[models.Model]) -> Q | None:
            if model is MintStaffUser:
                return Q(pk__in=staff_users)
            if model is MintSystemAccess:
                return Q(staff_user__in=staff_users)
            if model in HANDLED_MODELS:
                return Q(handled_by__in=staff_users)
            return None

        conditions.append(staff_condition)
    return _results(MINT_MODELS, conditions)


# ---------------------------------------------------------------------------------------
# Writes that span several records: all or nothing.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRequest:
    """One USPS product or service asked for in an offline order."""

    product_service_id: str
    quantity: int
    unit_price: Decimal


@transaction.atomic
def place_offline_order(
    person: Person,
    *,
    order_number: str,
    channel: str,
    items: Iterable[ItemRequest],
    payment: Mapping[str, object],
    placed_on: datetime.date | None = None,
    recurring: bool = False,
) -> OfflineOrder:
    """Record an order placed by mail, phone or in person with its items and payment
    (USPS 810.300 purposes 2 and 4). Any invalid part raises ValidationError and nothing
    is saved; a card verification code is refused, never stored."""
    order = OfflineOrder(
        person=person, order_number=order_number, channel=channel, recurring=recurring
    )
    if placed_on:
        order.placed_on = placed_on
    requests = list(items)
    if not requests:
        raise ValidationError({"items": "An order needs at least one product or service."})
    order.full_clean()
    order.save()
    total = Decimal(0)
    for request in requests:
        item = OfflineOrderItem(
            person=person,
            order=order,
            product_service_id=request.product_service_id,
            quantity=request.quantity,
            unit_price=request.unit_price,
            ordered_on=order.placed_on,
        )
        item.full_clean()
        item.save()
        total += item.unit_price * item.quantity
    record = OfflinePayment(person=person, order=order, amount=total, paid_on=order.placed_on)
    accepted = {
        "method",
        "billing_name",
        "billing_address",
        "money_order_number",
        *OfflinePayment.CARD_FIELDS,
        *OfflinePayment.CHECK_FIELDS,
    }
    for name, value in payment.items():
        if name not in accepted:
            raise ValidationError({name: "This payment detail is not accepted."})
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return order


@dataclass(frozen=True)
class LineRequest:
    """One product and quantity asked for in an order."""

    product_code: str
    quantity: int


@transaction.atomic
def place_mint_order(
    person: Person,
    *,
    order_number: str,
    internal_request_id: str,
    channel: str,
    lines: Iterable[LineRequest],
    card: Mapping[str, object],
    order_date: datetime.date | None = None,
    handled_by: MintStaffUser | None = None,
) -> MintOrder:
    """Place an order with its lines and card payment, and count the sales against each
    product's inventory and mintage limit (Mint .009 purpose 8: "remaining within mandated
    mintage levels"). Any invalid part raises ValidationError and nothing is saved.

    An order line of an unusual quantity flags the order (Mint .009 retrievability:
    "flagged (such as due to an unusual quantity ordered ...)")."""
    order = MintOrder(
        person=person,
        order_number=order_number,
        internal_request_id=internal_request_id,
        channel=channel,
        handled_by=handled_by,
    )
    if order_date:
        order.order_date = order_date
    requests = list(lines)
    if not requests:
        raise ValidationError({"lines": "An order needs at least one product."})
    if any(r.quantity > UNUSUAL_QUANTITY for r in requests):
        order.flagged, order.flag_reason = True, FlagReason.UNUSUAL_QUANTITY
    order.full_clean()
    order.save()
    total = Decimal(0)
    for request in requests:
        product = Product.objects.select_for_update().filter(product_code=request.product_code)
        product = product.first()
        if product is None:
            raise ValidationError({"lines": f"There is no product {request.product_code}."})
        line = MintOrderLine(
            person=person,
            order=order,
            product=product,
            quantity=request.quantity,
            unit_price=product.price,
            ordered_on=order.order_date,
        )
        line.full_clean()
        if product.inventory_on_hand < request.quantity:
            raise ValidationError({"lines": f"Product {product.product_code} is out of stock."})
        product.units_sold += request.quantity
        product.inventory_on_hand -= request.quantity
        product.full_clean()  # refuses a sale beyond the mintage limit
        product.save(update_fields=["units_sold", "inventory_on_hand"])
        line.save()
        total += line.unit_price * line.quantity
    payment = MintPayment(person=person, order=order, amount=total, paid_on=order.order_date)
    for name, value in card.items():
        if name not in {*MintPayment.CARD_FIELDS, "cardholder_name"}:
            # Card verification codes (and anything else) are refused, never stored.
            raise ValidationError({name: "This card detail is not accepted."})
        setattr(payment, name, value)
    payment.full_clean()
    payment.save()
    return order
