"""Hole: update() on an encrypted column is refused only through the model's own
manager (RecordQuerySet). `Model._base_manager` is Django's plain Manager (the
EncryptedRecord does not name a base manager), and the code base itself reaches for
`_base_manager` (policy, retention, forms): its update() writes the value into the
encrypted column in clear, past the field's encryption."""

import pytest
from django.db import connection

from customers.models import Person
from keystore.fields import EncryptionBypass
from tests.access.conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_base_manager_update_of_an_encrypted_column_is_refused():
    """Person._base_manager.filter(pk=...).update(email="plain@example.com") succeeds
    and the customers_person.email column then holds "plain@example.com" in clear.
    Expected: EncryptionBypass, as for Person.objects.update(email=...)."""
    olga = person_in("C00000970", USPS_810, given_name="Olga", email="olga@example.com")
    try:
        Person._base_manager.filter(pk=olga.pk).update(email="plain@example.com")
    except EncryptionBypass:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM customers_person WHERE id = %s", [olga.pk])
        stored = cursor.fetchone()[0]
    assert stored != "plain@example.com", "the e-mail was written unencrypted"
    pytest.fail("update() through _base_manager was not refused")
