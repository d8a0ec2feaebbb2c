"""Personal values are encrypted at rest under a data key per record, in a key store of
its own; destroying a record's key makes that record — and every copy of it — unreadable
while every other record still reads (cryptographic erase, NIST SP 800-88)."""

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from customers.models import Person, PhoneNumber
from keystore.crypto import (
    DataKeyDestroyed,
    DecryptionFailed,
    decrypt_value,
    destroy_data_keys,
    fetch_data_keys,
)
from keystore.fields import MissingDataKey
from keystore.models import DataKey

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def make_person(n: int, **fields) -> Person:
    defaults = {
        "customer_id": f"T{n:06d}",
        "given_name": f"Given{n}",
        "family_name": f"Family{n}",
        "email": f"person{n}@example.org",
    }
    return Person.objects.create(**{**defaults, **fields})


def raw_row(table: str, pk: int, *columns: str) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s",  # noqa: S608 (test-owned names)
            [pk],
        )
        return cursor.fetchone()


def test_personal_values_are_stored_as_ciphertext():
    person = make_person(1, given_name="Zebulon", email="Zebulon.Q@example.org")
    given, email, email_index = raw_row(
        "customers_person", person.pk, "given_name", "email", "email_index"
    )
    for stored in (given, email):
        assert stored.startswith(f"e1:{person.data_key_id}:")
        assert "Zebulon" not in stored
    assert "zebulon" not in email_index.lower() and len(email_index) == 32
    assert Person.objects.get(pk=person.pk).email == "Zebulon.Q@example.org"


def test_each_record_has_its_own_data_key_in_the_key_store():
    first, second = make_person(1), make_person(2)
    assert first.data_key_id != second.data_key_id
    stored = DataKey.objects.using("keystore").filter(
        id__in=[first.data_key_id, second.data_key_id]
    )
    assert stored.count() == 2
    # The records database holds no key material, only the key's identifier.
    assert DataKey._meta.db_table not in connection.introspection.table_names()


def test_a_ciphertext_moved_to_another_field_does_not_decrypt():
    person = make_person(1)
    (given,) = raw_row("customers_person", person.pk, "given_name")
    keys = fetch_data_keys([person.data_key_id])
    assert decrypt_value(given, keys, "customers.Person.given_name") == "Given1"
    with pytest.raises(DecryptionFailed):
        decrypt_value(given, keys, "customers.Person.family_name")


def test_destroying_a_key_erases_that_record_and_every_copy_of_it():
    kept, erased = make_person(1), make_person(2, given_name="Erasmus")
    phone = PhoneNumber.objects.create(person=kept, kind="home", number="202-555-0101")
    # A copy of the records database taken before the destruction (a backup, an audit
    # change entry): the stored ciphertexts as they are.
    copy = {
        "erased": raw_row("customers_person", erased.pk, "given_name", "email"),
        "kept": raw_row("customers_person", kept.pk, "given_name", "email"),
    }

    assert destroy_data_keys([erased.data_key_id]) == 1

    fresh = Person.objects.get(pk=erased.pk)
    with pytest.raises(DataKeyDestroyed):
        fresh.given_name  # noqa: B018 (the read is the test)
    keys_now = fetch_data_keys([erased.data_key_id, kept.data_key_id])
    for token in copy["erased"]:
        with pytest.raises(DataKeyDestroyed):
            decrypt_value(token, keys_now, "customers.Person.given_name")
    # Everything else still reads, from the database and from the copy.
    assert Person.objects.get(pk=kept.pk).full_name == "Given1 Family1"
    assert PhoneNumber.objects.get(pk=phone.pk).number == "202-555-0101"
    assert decrypt_value(copy["kept"][0], keys_now, "customers.Person.given_name") == "Given1"


def test_a_page_of_records_fetches_its_keys_in_one_query():
    for n in range(25):
        make_person(n)
    with CaptureQueriesContext(connections["keystore"]) as keystore_queries:
        names = [p.full_name for p in Person.objects.all()]
    assert len(names) == 25 and names[3] == "Given3 Family3"
    assert len(keystore_queries.captured_queries) == 1


def test_select_related_records_share_the_one_key_query():
    for n in range(5):
        PhoneNumber.objects.create(person=make_person(n), kind="home", number="202-555-0100")
    with CaptureQueriesContext(connections["keystore"]) as keystore_queries:
        pairs = [(p.number, p.person.email) for p in PhoneNumber.objects.select_related("person")]
    assert len(pairs) == 5
    assert len(keystore_queries.captured_queries) == 1


def test_a_record_without_a_data_key_is_never_written_in_plaintext():
    unkeyed = Person(customer_id="T9", given_name="Plain", email="p@example.org")
    with (
        pytest.raises(MissingDataKey, match="refusing to store the value unencrypted"),
        transaction.atomic(),
    ):
        Person.objects.bulk_create([unkeyed])
    assert not Person.objects.filter(customer_id="T9").exists()


def test_encrypted_fields_cannot_be_searched_by_pattern():
    make_person(1)
    with pytest.raises(Exception, match="Unsupported lookup 'startswith'"):
        list(Person.objects.filter(email__startswith="person"))
    assert Person.objects.filter(date_of_birth__isnull=True).count() == 1


def test_unchanged_values_keep_their_ciphertext_and_changes_reencrypt():
    person = make_person(1)
    before = raw_row("customers_person", person.pk, "given_name", "email")
    loaded = Person.objects.get(pk=person.pk)
    loaded.family_name = "Changed"
    loaded.save()
    after = raw_row("customers_person", person.pk, "given_name", "email")
    assert after == before  # untouched fields: the same ciphertext
    assert Person.objects.get(pk=person.pk).family_name == "Changed"
    assert Person.objects.lookup(name="Given1 Changed").get() == person
