"""The payment rules every system keeps (lib.payments): card numbers (ISO/IEC 7812, Luhn
check digit), brands by issuer prefix, expiry through the end of the month, ABA routing
numbers and bank account numbers. A refusal never repeats the value back."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lib.payments import (
    CardBrand,
    card_brand_of,
    card_digits,
    card_expired_before,
    validate_bank_account_number,
    validate_card_number,
    validate_routing_number,
)


def refusal(validator, value) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    if value.strip():
        assert value.strip() not in " ".join(caught.value.messages)
    return caught.value


@pytest.mark.parametrize(
    "value",
    ["4111111111111111", "4111 1111-1111 1111", "378282246310005", "5555555555554444"],
)
def test_a_valid_card_number_is_accepted(value):
    validate_card_number(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "card_length"),
        ("4111-1111", "card_length"),
        ("41111111111111111111", "card_length"),
        ("4111 1111 1111 111a", "card_length"),
        ("4111111111111112", "card_luhn"),
    ],
)
def test_a_bad_card_number_is_refused_with_a_stable_code(value, code):
    assert refusal(validate_card_number, value).code == code


def test_card_digits_drop_the_separators_people_type():
    assert card_digits(" 4111 1111-1111 1111 ") == "4111111111111111"


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        ("4111111111111111", CardBrand.VISA),
        ("378282246310005", CardBrand.AMEX),
        ("5555555555554444", CardBrand.MASTERCARD),
        ("2221000000000009", CardBrand.MASTERCARD),
        ("6011111111111117", CardBrand.DISCOVER),
        ("6445644564456445", CardBrand.DISCOVER),
        ("3530111333300000", CardBrand.OTHER),
        ("", ""),
        ("not a number", ""),
    ],
)
def test_the_brand_follows_the_issuer_prefix(number, brand):
    assert card_brand_of(number) == brand


@pytest.mark.parametrize(
    ("month", "year", "on", "expired"),
    [
        (3, 2025, datetime.date(2025, 3, 31), False),
        (3, 2025, datetime.date(2025, 4, 1), True),
        (12, 2024, datetime.date(2025, 1, 1), True),
        (1, 2026, datetime.date(2025, 12, 31), False),
    ],
)
def test_a_card_is_good_through_the_end_of_its_expiry_month(month, year, on, expired):
    assert card_expired_before(month, year, on) is expired


ROUTING, ACCOUNT = validate_routing_number, validate_bank_account_number


@pytest.mark.parametrize(
    ("validator", "value"),
    [(ROUTING, "011000015"), (ROUTING, "021000021"), (ACCOUNT, "1234"), (ACCOUNT, "1" * 17)],
)
def test_a_routing_or_bank_account_number_is_accepted(validator, value):
    validator(value)


@pytest.mark.parametrize(
    ("validator", "value", "code"),
    [
        *((ROUTING, v, "routing_number") for v in ("", "011000016", "01100001", " 011000015")),
        (ROUTING, "0110000150", "routing_number"),
        *((ACCOUNT, v, "account_number") for v in ("", "123", "1" * 18, "12-34", "12ab")),
    ],
)
def test_a_bad_routing_or_bank_account_number_is_refused(validator, value, code):
    assert refusal(validator, value).code == code
