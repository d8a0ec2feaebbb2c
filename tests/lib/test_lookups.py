"""`among`: a filter on thousands of ids, as one array parameter on PostgreSQL."""

import pytest
from django.db import connection

from customers.models import Person
from lib.lookups import among

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def people():
    return [
        Person.objects.create(
            customer_id=f"L{n:06d}", given_name="G", family_name="F", email=f"l{n}@example.org"
        )
        for n in range(5)
    ]


@pytest.mark.parametrize("picked", [[], [0], [1, 3], [0, 1, 2, 3, 4]])
def test_among_selects_the_same_rows_as_in(people, picked):
    ids = [people[i].pk for i in picked] + [10**12]  # and one that does not exist
    found = Person.objects.filter(among("pk", ids))
    assert sorted(found.values_list("pk", flat=True)) == sorted(people[i].pk for i in picked)
    assert set(found) == set(Person.objects.filter(pk__in=ids))


def test_among_updates_and_deletes(people):
    # A plain column: update() refuses encrypted ones (keystore.fields.EncryptionBypass).
    chosen = Person.objects.filter(among("id", [people[0].pk, people[1].pk]))
    assert chosen.update(birth_month=5) == 2
    assert Person.objects.filter(birth_month=5).count() == 2
    assert Person.objects.filter(among("id", [people[2].pk]))._raw_delete("default") == 1
    assert not Person.objects.filter(pk=people[2].pk).exists()


def test_among_sends_one_parameter_on_postgresql(people):
    ids = [p.pk for p in people] * 1000
    query = Person.objects.filter(among("pk", ids)).values("pk").query
    sql, params = query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= ANY(%s::bigint[])" in sql and len(params) == 1
    else:
        assert len(params) == len(ids)
    assert Person.objects.filter(among("pk", ids)).count() == 5
