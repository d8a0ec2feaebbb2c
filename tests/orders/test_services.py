"""Placing an order writes the order, its lines and its payment together or not at all,
and keeps the Mint's sales within each product's mintage limit (Mint .009 purpose 8)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from orders.constants import UNUSUAL_QUANTITY
from orders.models import MintOrder, MintPayment, OfflineOrder, OfflinePayment, Product
from orders.services import ItemRequest, LineRequest, place_mint_order, place_offline_order
from tests.orders.conftest import card, make_customer, make_product

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def alice():
    return make_customer("C00000401", "Alice", "Buyer", systems=("usps-810-300", "mint-009"))


def place_offline(alice, **payment):
    return place_offline_order(
        alice,
        order_number="PF0000004011",
        channel="phone",
        items=[ItemRequest("683404", 2, Decimal("13.60"))],
        payment={"method": "card", **card(), **payment},
    )


def place_mint(alice, quantity: int = 1, **card_overrides):
    return place_mint_order(
        alice,
        order_number="MO0000004011",
        internal_request_id="RQ0000004011",
        channel="online",
        lines=[LineRequest("B01", quantity)],
        card={**card(), "cardholder_name": "Alice Buyer", **card_overrides},
    )


def test_an_offline_order_is_placed_with_its_items_and_payment(alice):
    order = place_offline(alice)
    assert order.items.count() == 1
    payment = order.payments.get()
    assert (payment.amount, payment.card_last_four) == (Decimal("27.20"), "1111")


def test_an_invalid_offline_payment_saves_no_order(alice):
    with pytest.raises(ValidationError) as caught:
        place_offline(alice, card_number="4111111111111112")
    assert "card_number" in caught.value.message_dict
    assert OfflineOrder.objects.count() == 0
    assert OfflinePayment.objects.count() == 0


def test_a_card_verification_code_is_refused_and_nothing_saved(alice):
    with pytest.raises(ValidationError) as caught:
        place_offline(alice, cvv="123")
    assert "cvv" in caught.value.message_dict
    assert OfflineOrder.objects.count() == 0


def test_a_mint_order_counts_its_sales_against_the_product(alice):
    make_product(inventory_on_hand=100, mintage_limit=50)
    order = place_mint(alice, quantity=3)
    product = Product.objects.get(product_code="B01")
    assert (product.units_sold, product.inventory_on_hand) == (3, 97)
    assert order.payments.get().amount == Decimal("270.00")
    assert not order.flagged


def test_a_sale_beyond_the_mintage_limit_is_refused_and_nothing_saved(alice):
    make_product(mintage_limit=5, units_sold=4)
    with pytest.raises(ValidationError) as caught:
        place_mint(alice, quantity=2)
    assert "mintage limit" in str(caught.value)
    assert MintOrder.objects.count() == 0
    assert Product.objects.get(product_code="B01").units_sold == 4


def test_an_invalid_mint_card_leaves_the_inventory_as_it_was(alice):
    make_product(inventory_on_hand=100)
    with pytest.raises(ValidationError):
        place_mint(alice, card_expiry_year=2020)
    assert MintPayment.objects.count() == 0
    assert Product.objects.get(product_code="B01").inventory_on_hand == 100


def test_an_unusual_quantity_flags_the_order(alice):
    make_product(inventory_on_hand=1000, mintage_limit=None)
    order = place_mint(alice, quantity=UNUSUAL_QUANTITY + 1)
    assert (order.flagged, order.flag_reason) == (True, "unusual_quantity")


def test_an_order_date_in_the_past_is_kept(alice):
    make_product()
    order = place_mint_order(
        alice,
        order_number="MO0000004012",
        internal_request_id="RQ0000004012",
        channel="mail",
        lines=[LineRequest("B01", 1)],
        card={**card(card_expiry_year=2026), "cardholder_name": "Alice Buyer"},
        order_date=datetime.date(2024, 3, 1),
    )
    assert order.lines.get().ordered_on == datetime.date(2024, 3, 1)
