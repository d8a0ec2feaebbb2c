"""The demo seed hangs valid, internally consistent records of both systems on the seeded
people, for every model of the app."""

import datetime
import random

import pytest
from django.apps import apps
from django.db.models import Sum

from customers import demo as customers_demo
from lib.demo import DemoContext, Pools
from orders import demo as orders_demo
from orders.demo.mint import OPENING_INVENTORY, PRODUCTS
from orders.models import MintOrderLine, MintStaffUser, OfflineOrder, Product

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

TODAY = datetime.date(2026, 3, 2)
_pools: list[Pools] = []


def seeded(customers: int = 1500, seed: int = 7, start_number: int = 1) -> DemoContext:
    """Seed people and their order records; the slow Faker pools are drawn once."""
    if not _pools:
        _pools.append(DemoContext.create(today=TODAY).pools)
    ctx = DemoContext(
        rng=random.Random(seed), faker=None, pools=_pools[0], today=TODAY
    )  # faker is not used by the record seeds
    customers_demo.seed(ctx, customers, start_number=start_number)
    orders_demo.seed(ctx)
    return ctx


def order_models():
    return list(apps.get_app_config("orders").get_models())


def test_every_model_gets_rows():
    seeded()
    empty = [m.__name__ for m in order_models() if not m.objects.exists()]
    assert empty == []


def test_seeded_rows_pass_full_clean():
    seeded()
    for model in order_models():
        for record in model.objects.order_by("pk")[:25]:
            record.full_clean()


def test_about_three_rows_per_relationship_at_most():
    ctx = seeded()
    relationships = sum(len(ctx.relationships.get(s, [])) for s in ("usps-810-300", "mint-009"))
    rows = sum(n for label, n in ctx.counts.items() if label.startswith("orders."))
    assert 2 <= rows / relationships <= 3.2


def test_reference_data_is_created_once_and_sales_are_counted():
    seeded(seed=1)
    second_chunk = seeded(customers=500, seed=2, start_number=1501)
    assert "orders.Product" not in second_chunk.counts
    assert Product.objects.count() == len(PRODUCTS)
    assert MintStaffUser.objects.count() == 30
    for product in Product.objects.all():
        ordered = MintOrderLine.objects.filter(product=product).aggregate(n=Sum("quantity"))["n"]
        assert product.units_sold == (ordered or 0)
        assert product.inventory_on_hand == OPENING_INVENTORY - product.units_sold


def test_record_dates_fall_within_the_relationship():
    ctx = seeded()
    span = {
        (rel.person.pk): (rel.started_on, rel.ended_on or TODAY)
        for rel in ctx.relationships["usps-810-300"]
    }
    for order in OfflineOrder.objects.all():
        start, end = span[order.person_id]
        assert start <= order.placed_on <= end
