"""Personal values are encrypted at rest: the raw column holds an "e1:" token and never
the plaintext; clear identifiers stay queryable."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

# (world fixture, record attribute, field, plaintext the fixture stored)
ENCRYPTED = [
    ("usps_world", "payment", "card_number", "4111111111111111"),
    ("usps_world", "payment", "billing_name", "Alice Example"),
    ("usps_world", "check_payment", "bank_routing_number", "021000021"),
    ("usps_world", "check_payment", "bank_account_number", "123456789012"),
    ("usps_world", "ach", "bank_account_number", "99887766"),
    ("usps_world", "ach", "account_holder_name", "Alice Example"),
    ("usps_world", "shipment", "recipient_name", "Carol Example"),
    ("usps_world", "inquiry", "note", "Asked when the stamps would arrive."),
    ("usps_world", "claim", "description", "Booklet arrived torn."),
    ("mint_world", "agent", "name", "Dana Agent"),
    ("mint_world", "payment", "card_number", "4111111111111111"),
    ("mint_world", "gift", "recipient_name", "Frank Grandson"),
    ("mint_world", "gift", "gift_message", "Happy birthday, Frank!"),
    ("mint_world", "undelivered", "research_notes", "Carrier could not find the house number."),
    ("mint_world", "chat", "transcript", "Where is my silver eagle?"),
    ("mint_world", "call", "recording_uri", "recordings.example.net"),
    ("mint_world", "event", "ip_address", "198.51.100.7"),
    ("mint_world", "event", "device_settings", "Firefox"),
    ("mint_world", "event", "page_path", "/products/b01"),
]


def raw_value(record, field: str) -> str:
    column = record._meta.get_field(field).column
    table = record._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM "  # noqa: S608 (model names)
            f"{connection.ops.quote_name(table)} WHERE id = %s",
            [record.pk],
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize(("world", "attribute", "field", "plaintext"), ENCRYPTED)
def test_the_value_is_not_in_clear_in_the_database(request, world, attribute, field, plaintext):
    record = getattr(request.getfixturevalue(world), attribute)
    stored = raw_value(record, field)
    assert stored.startswith("e1:")
    assert plaintext not in stored


@pytest.mark.parametrize(("world", "attribute", "field", "plaintext"), ENCRYPTED)
def test_the_value_decrypts_on_reading(request, world, attribute, field, plaintext):
    record = getattr(request.getfixturevalue(world), attribute)
    fresh = type(record).objects.get(pk=record.pk)
    assert plaintext in getattr(fresh, field)


def test_the_card_summary_stays_clear_for_recognition(usps_world):
    assert raw_value(usps_world.payment, "card_last_four") == "1111"
    assert raw_value(usps_world.payment, "card_brand") == "visa"


def test_str_never_renders_personal_data(usps_world, mint_world):
    records = [getattr(usps_world, name) for name in ("order", "payment", "ach", "shipment")]
    records += [getattr(mint_world, name) for name in ("agent", "gift", "chat", "event")]
    for record in records:
        text = str(record)
        for secret in ("Alice", "Example", "Numis", "Dana", "Frank", "4111", "198.51"):
            assert secret not in text
