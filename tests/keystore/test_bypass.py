"""Set-wise writes cannot go around the encryption: `update()` and `bulk_update()` refuse
encrypted fields, blind indexes and the data key (they skip the fields' pre_save, so the
value would be stored in clear and the old value's blind index kept); other columns update
as usual. `iterator()` fetches the data keys a chunk at a time, not one query per row."""

import datetime

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from customers.models import Person
from keystore.fields import EncryptionBypass, attach_data_keys

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

STORED = ("given_name", "family_name", "email", "email_index", "name_index", "data_key_id")
NEW_EMAIL = "leaked.in.clear@example.org"


def make_person(n: int) -> Person:
    return Person.objects.create(
        customer_id=f"B{n:06d}",
        given_name=f"Given{n}",
        family_name=f"Family{n}",
        email=f"person{n}@example.org",
    )


def raw_row(pk: int, *columns: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM customers_person WHERE id = %s",  # noqa: S608 (test-owned names)
            [pk],
        )
        return cursor.fetchone()


@pytest.fixture
def person() -> Person:
    return make_person(1)


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"email": NEW_EMAIL}, "email"),
        ({"email_index": "0" * 32}, "email_index"),
        ({"given_name": "Mallory"}, "given_name"),
        ({"date_of_birth": datetime.date(1970, 1, 1)}, "date_of_birth"),
        ({"name_index": ""}, "name_index"),
        ({"data_key_id": 1}, "data_key_id"),
        # A plain column beside an encrypted one: nothing at all is written.
        ({"customer_id": "B999999", "email": NEW_EMAIL}, "email"),
    ],
)
def test_update_refuses_encrypted_and_index_columns(person, values, named):
    before = raw_row(person.pk, "customer_id", *STORED)
    with pytest.raises(EncryptionBypass) as refused:
        Person.objects.filter(pk=person.pk).update(**values)
    message = str(refused.value)
    assert "customers.Person" in message and named in message
    assert NEW_EMAIL not in message and "Mallory" not in message
    assert raw_row(person.pk, "customer_id", *STORED) == before
    assert Person.objects.lookup(email="person1@example.org").get() == person
    assert not Person.objects.lookup(email=NEW_EMAIL).exists()


def test_update_through_the_manager_is_refused_too(person):
    before = raw_row(person.pk, *STORED)
    with pytest.raises(EncryptionBypass):
        Person.objects.update(email=NEW_EMAIL)
    assert raw_row(person.pk, *STORED) == before


@pytest.mark.parametrize(
    "fields",
    [
        ["email"],
        ["email_index"],
        ["customer_id", "family_name"],
        ["name_index"],
        ["data_key_id"],
    ],
)
def test_bulk_update_refuses_encrypted_and_index_columns(person, fields):
    before = raw_row(person.pk, "customer_id", *STORED)
    person.email = NEW_EMAIL
    person.family_name = "Mallory"
    person.customer_id = "B999999"
    with pytest.raises(EncryptionBypass) as refused:
        Person.objects.bulk_update([person], fields)
    message = str(refused.value)
    assert "customers.Person" in message and "bulk_update()" in message
    assert NEW_EMAIL not in message and "Mallory" not in message
    assert raw_row(person.pk, "customer_id", *STORED) == before
    assert not Person.objects.lookup(email=NEW_EMAIL).exists()


def test_bulk_update_reads_a_generator_of_field_names_once(person):
    with pytest.raises(EncryptionBypass):
        Person.objects.bulk_update([person], (name for name in ["birth_month", "email"]))
    person.birth_month = 4
    assert Person.objects.bulk_update([person], (name for name in ["birth_month"])) == 1
    assert Person.objects.get(pk=person.pk).birth_month == 4


def test_plain_columns_still_update(person):
    before = raw_row(person.pk, *STORED)
    updated = Person.objects.filter(pk=person.pk).update(customer_id="B000100", birth_month=7)
    assert updated == 1
    assert raw_row(person.pk, *STORED) == before
    fresh = Person.objects.get(pk=person.pk)
    assert (fresh.customer_id, fresh.birth_month, fresh.email) == (
        "B000100",
        7,
        "person1@example.org",
    )


def test_plain_columns_still_bulk_update():
    people = [make_person(n) for n in range(3)]
    before = [raw_row(p.pk, *STORED) for p in people]
    for n, p in enumerate(people):
        p.customer_id = f"R{n:06d}"
        p.birth_month = n + 1
    assert Person.objects.bulk_update(people, ["customer_id", "birth_month"]) == 3
    assert [raw_row(p.pk, *STORED) for p in people] == before
    assert list(Person.objects.order_by("pk").values_list("customer_id", "birth_month")) == [
        ("R000000", 1),
        ("R000001", 2),
        ("R000002", 3),
    ]


@pytest.fixture
def many_people() -> list[Person]:
    people = [
        Person(customer_id=f"I{n:06d}", given_name=f"Given{n}", email=f"i{n}@example.org")
        for n in range(120)
    ]
    attach_data_keys(people)
    return Person.objects.bulk_create(people)


def test_iterator_fetches_the_keys_once_per_chunk(many_people):
    with CaptureQueriesContext(connections["keystore"]) as keystore_queries:
        emails = [p.email for p in Person.objects.order_by("pk").iterator(chunk_size=50)]
    assert emails == [f"i{n}@example.org" for n in range(120)]
    # 120 records in chunks of 50, 50 and 20: three key-store queries, not 120.
    assert len(keystore_queries.captured_queries) == 3


def test_iterator_stays_lazy(many_people):
    with CaptureQueriesContext(connections["keystore"]) as keystore_queries:
        records = Person.objects.order_by("pk").iterator(chunk_size=50)
        assert len(keystore_queries.captured_queries) == 0
        first = next(records)
        assert first.email == "i0@example.org"
        assert len(keystore_queries.captured_queries) == 1  # the first chunk's keys only
        assert sum(1 for _ in records) == 119
        assert len(keystore_queries.captured_queries) == 3


def test_iterator_without_a_chunk_size_uses_djangos_2000(many_people):
    with CaptureQueriesContext(connections["keystore"]) as keystore_queries:
        given = [p.given_name for p in Person.objects.iterator()]
    assert len(given) == 120 and "Given119" in given
    assert len(keystore_queries.captured_queries) == 1


def test_iterator_of_values_needs_no_keys(many_people):
    with CaptureQueriesContext(connections["keystore"]) as keystore_queries:
        ids = list(Person.objects.values_list("customer_id", flat=True).iterator(chunk_size=50))
    assert len(ids) == 120 and ids[0] == "I000000"
    assert len(keystore_queries.captured_queries) == 0
