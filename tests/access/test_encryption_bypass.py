"""Finding 6: encryption at rest cannot be bypassed by the queryset.

`EncryptedTextField` encrypts in `pre_save`; `QuerySet.update()` and `bulk_update()`
never call it, so they write plaintext into the encrypted column (and into a blind
index, any value at all). They must raise `keystore.fields.EncryptionBypass` and change
nothing. And reading a queryset with `.iterator()` skips the page-wise key fetch: one
key-store query per record instead of one per chunk."""

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from customers.models import Person

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def olga():
    return person_in("C00000071", USPS_810, given_name="Olga", email="olga@example.org")


def stored_email(person: Person) -> tuple[str, str]:
    """The e-mail column and its blind index as the database holds them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT email, email_index FROM customers_person WHERE id = %s", [person.pk])
        return cursor.fetchone()


def test_update_of_an_encrypted_column_is_refused(olga):
    """Finding 6: Person.objects.filter(...).update(email=...) raises EncryptionBypass
    and the stored ciphertext stays; update() of a plain column (birth_month) still
    works. Today EncryptionBypass does not exist and the update stores
    "x@example.org" in clear."""
    from keystore.fields import EncryptionBypass

    before = stored_email(olga)
    with pytest.raises(EncryptionBypass):
        Person.objects.filter(pk=olga.pk).update(email="x@example.org")
    assert stored_email(olga) == before
    assert Person.objects.get(pk=olga.pk).email == "olga@example.org"

    assert Person.objects.filter(pk=olga.pk).update(birth_month=7) == 1
    assert Person.objects.get(pk=olga.pk).birth_month == 7


def test_bulk_update_of_an_encrypted_column_is_refused(olga):
    """Finding 6: bulk_update([person], ["email"]) raises EncryptionBypass and changes
    nothing. Today it writes the new e-mail in clear."""
    from keystore.fields import EncryptionBypass

    before = stored_email(olga)
    olga.email = "x@example.org"
    with pytest.raises(EncryptionBypass):
        Person.objects.bulk_update([olga], ["email"])
    assert stored_email(olga) == before
    assert Person.objects.get(pk=olga.pk).email == "olga@example.org"


def test_update_of_a_blind_index_is_refused(olga):
    """Finding 6: a blind index is computed from its source on save; update() of
    email_index raises EncryptionBypass and changes nothing. Today any value is
    written."""
    from keystore.fields import EncryptionBypass

    before = stored_email(olga)
    with pytest.raises(EncryptionBypass):
        Person.objects.filter(pk=olga.pk).update(email_index="0" * 32)
    assert stored_email(olga) == before
    assert list(Person.objects.lookup(email="olga@example.org")) == [olga]


def test_iterating_in_chunks_fetches_keys_per_chunk():
    """Finding 6: reading .email of 120 people through .iterator(chunk_size=50) makes
    at most 3 key-store queries (one per chunk). Today it makes one per person (120)."""
    for n in range(120):
        Person.objects.create(customer_id=f"IT{n:04d}", email=f"it{n}@example.org")
    with CaptureQueriesContext(connections["keystore"]) as keystore:
        emails = [p.email for p in Person.objects.order_by("pk").iterator(chunk_size=50)]
    assert emails[0] == "it0@example.org" and emails[-1] == "it119@example.org"
    assert len(keystore.captured_queries) <= 3
