"""Helpers shared by the demo seeds of both systems: dates within a relationship, a fair
pick that never leaves a kind of record out, synthetic card and address values."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from lib.demo import DemoContext
from lib.payments import card_brand_of
from orders.constants import CardType, OrderStatus

# Bank routing numbers with valid check digits (ABA), used for synthetic checks and ACH.
ROUTING_NUMBERS = ["011000015", "021000021", "026009593", "121000248", "111000025"]
CARD_PREFIXES = ["4", "4", "51", "55", "6011", "37"]


def between(ctx: DemoContext, start: datetime.date, end: datetime.date) -> datetime.date:
    end = max(start, min(end, ctx.today))
    return start + datetime.timedelta(days=ctx.rng.randint(0, (end - start).days))


def pick(ctx: DemoContext, items: list, rate: float) -> list:
    """About `rate` of `items`, drawn at random, and at least one when there are any: even
    a demo of a few dozen people has every kind of record."""
    if not items:
        return []
    return ctx.rng.sample(items, max(1, round(len(items) * rate)))


def later(ctx: DemoContext, day: datetime.date, low: int, high: int) -> datetime.date:
    """A date a few days after `day`, never in the future and never before `day`."""
    return max(day, min(ctx.today, day + datetime.timedelta(days=ctx.rng.randint(low, high))))


def at(ctx: DemoContext, day: datetime.date) -> datetime.datetime:
    # Office hours, so the local date of the moment is the day drawn.
    moment = datetime.time(ctx.rng.randint(8, 19), ctx.rng.randint(0, 59))
    return datetime.datetime.combine(day, moment, tzinfo=timezone.get_current_timezone())


def span(rel: Any) -> tuple[datetime.date, datetime.date]:
    return rel.started_on, rel.ended_on or datetime.date.max


def customer_digits(person: Any) -> str:
    return "".join(c for c in person.customer_id if c.isdigit())


def full_name(person: Any) -> str:
    return f"{person.given_name} {person.family_name}"


def order_status(ctx: DemoContext, placed: datetime.date) -> str:
    age = (ctx.today - placed).days
    if ctx.rng.random() < 0.04:
        return OrderStatus.CANCELLED
    if age < 3:
        return ctx.rng.choice([OrderStatus.RECEIVED, OrderStatus.PROCESSING])
    if age < 10:
        return OrderStatus.SHIPPED
    return OrderStatus.DELIVERED


def card(ctx: DemoContext, used_on: datetime.date) -> dict[str, Any]:
    number = ctx.card_number(ctx.rng.choice(CARD_PREFIXES))
    return {
        "card_number": number,
        "card_brand": card_brand_of(number),
        "card_type": ctx.rng.choice(CardType.values),
        "card_last_four": number[-4:],
        "card_expiry_month": ctx.rng.randint(1, 12),
        "card_expiry_year": used_on.year + ctx.rng.randint(1, 4),
    }


def one_line_address(ctx: DemoContext) -> tuple[str, str, str, str]:
    city, state, zip_code = ctx.rng.choice(ctx.pools.cities)
    return ctx.rng.choice(ctx.pools.streets), city, state, zip_code
