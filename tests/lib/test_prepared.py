"""lib.prepared: a query compiled once with its values as slots, filled with other values,
is the query built afresh with them; `any_of` selects what `__in` selects, in one
parameter whatever the number of ids."""

import pytest
from django.db import connection, models, transaction
from django.db.models import Q

from customers.models import Person
from keystore.fields import index_token
from lib.prepared import (
    Bound,
    BoundIds,
    Compiled,
    CompiledOnce,
    Slot,
    Uncapturable,
    assemble,
    compile_query,
    fetch_prepared,
    same,
)
from marketing.models import WebMeeting
from orders.models import MintStaffUser
from tests.marketing.factories import WebMeetingFactory

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def people():
    return [
        Person.objects.create(
            customer_id=f"P{n:06d}", given_name="G", family_name=f"F{n}", email=f"p{n}@example.org"
        )
        for n in range(5)
    ]


def by_ids(ids):
    return Person.objects.filter(pk__any_of=BoundIds("people", ids))


@pytest.mark.parametrize("picked", [[], [0], [1, 3], [0, 1, 2, 3, 4]])
def test_any_of_selects_what_in_selects(people, picked):
    ids = [people[i].pk for i in picked] + [10**12]  # and one that does not exist
    assert set(by_ids(ids)) == set(Person.objects.filter(pk__in=ids))
    assert set(by_ids([])) == set()


def compiled(queryset) -> Compiled:
    return compile_query(queryset.values_list("pk").query.get_compiler(connection=connection))


def test_the_compiled_query_is_the_same_for_any_number_of_ids(people):
    one, three = compiled(by_ids([people[0].pk])), compiled(by_ids([p.pk for p in people[:3]]))
    assert one.sql == three.sql
    assert [p for p in one.parameters if isinstance(p, Slot)] and one.slots == {"people"}
    values = {"people": [people[1].pk, people[4].pk]}
    sql, params = by_ids(values["people"]).values_list("pk").query.sql_with_params()
    assert same(one, values, sql, params, connection)
    with connection.cursor() as cursor:
        cursor.execute(one.sql, one.params(values, connection))
        assert sorted(row[0] for row in cursor.fetchall()) == values["people"]


def test_a_bound_none_finds_nothing_not_the_rows_without_a_value(people):
    # A blind index of an empty value is "": a name with no normal form, bound as None,
    # must not find those rows.
    Person.objects.create(customer_id="P000099", given_name="", family_name="", email="")
    assert Person.objects.filter(name_index="").exists()
    bound = Bound("name", None, models.CharField())
    assert not Person.objects.filter(name_index=bound).exists()
    token = index_token("name", "G F2")
    assert list(Person.objects.filter(name_index=Bound("name", token, models.CharField()))) == [
        people[2]
    ]


def test_any_of_across_a_nullable_relation_keeps_the_rows_the_other_branch_finds():
    """OR-ed with another condition, the join to the related row is an outer join, as for
    `__in`: a meeting with no host account is still found by its meeting ID."""
    meeting = WebMeetingFactory(host_account=None)
    condition = Q(host_account__person__any_of=BoundIds("people", [])) | Q(
        meeting_id=Bound("meeting_id", meeting.meeting_id, models.CharField())
    )
    assert list(WebMeeting.objects.filter(condition)) == [meeting]


def test_a_value_django_converts_while_compiling_is_refused_not_frozen():
    staff = MintStaffUser.objects.filter(
        user_id__iexact=Bound("user", "ABC", models.CharField())
    ).values_list("pk")
    compiler = staff.query.get_compiler(connection=connection)
    if connection.vendor == "postgresql":
        # UPPER(user_id) = UPPER(%s): the value is passed as it is, and slotted.
        assert compile_query(compiler).slots == {"user"}
    else:
        # SQLite escapes the value for LIKE: no slot could be filled again.
        with pytest.raises(Uncapturable):
            compile_query(compiler)


def settings_now() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_parallel_workers_per_gather'), "
            "current_setting('plan_cache_mode')"
        )
        return cursor.fetchone()


@pytest.mark.parametrize("in_transaction", [False, True])
def test_a_statement_runs_prepared_and_leaves_no_setting_behind(people, in_transaction):
    """Two queries of two runs in one statement; each run's value is one parameter of
    the prepared statement however many queries take it."""
    query = by_ids([0]).order_by().values_list("pk", "customer_id")
    part = compile_query(query.query.get_compiler(connection=connection))
    statement = assemble(
        [("SELECT * FROM (", part, ") a", 0), ("SELECT * FROM (", part, ") b", 1)],
        " UNION ALL ",
    )
    assert statement.numbered.count("$1") == 1 and statement.numbered.count("$2") == 1
    bound = [{"people": [people[0].pk, people[2].pk]}, {"people": [people[3].pk]}]
    expected = [(people[0].pk, "P000000"), (people[2].pk, "P000002"), (people[3].pk, "P000003")]
    if connection.vendor != "postgresql":
        assert sorted(fetch_prepared(connection, statement, bound)) == expected
        return
    before = settings_now()
    if in_transaction:
        with transaction.atomic():
            assert sorted(fetch_prepared(connection, statement, bound)) == expected
            assert sorted(fetch_prepared(connection, statement, bound)) == expected  # prepared
            assert settings_now() == before
    else:
        assert sorted(fetch_prepared(connection, statement, bound)) == expected
    assert settings_now() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'prepared_%%'")
        assert cursor.fetchone()[0] >= 1


def test_compiled_once_builds_a_query_once_per_key_and_runs_it_with_each_value(people):
    built = []

    def build(key):
        built.append(key)
        return Person.objects.filter(
            name_index=Bound("name", None, models.CharField())
        ).values_list("pk")

    lookups = CompiledOnce(build)
    for n in (1, 3, 1):
        token = index_token("name", f"G F{n}")
        assert lookups.rows("by name", {"name": token}) == [(people[n].pk,)]
    assert lookups.rows("by name", {"name": None}) == []
    assert built == ["by name"]


def test_the_least_recently_used_statements_are_deallocated_beyond_the_limit(people, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("statements are prepared on PostgreSQL only")
    from lib import prepared

    monkeypatch.setattr(prepared, "PREPARED_MAX", 2)
    for n in range(3):  # three statements: the same query under three prefixes
        query = by_ids([0]).values_list("pk")
        part = compile_query(query.query.get_compiler(connection=connection))
        prefix = f"SELECT {n} AS n, a.* FROM ("  # noqa: S608 (a number of ours)
        statement = assemble([(prefix, part, ") a", 0)], "")
        assert fetch_prepared(connection, statement, [{"people": [people[n].pk]}]) == [
            (n, people[n].pk)
        ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'prepared_%%'")
        assert cursor.fetchone()[0] == 2
