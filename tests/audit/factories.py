"""Factories for audit rows, with traits for their age under the audit retention rule (6
years from each row's own date; the accounting of disclosures at least 5 years)."""

import datetime

import factory
from django.db import DatabaseError, connection, connections
from django.utils import timezone
from factory.django import DjangoModelFactory

from audit.constants import AccessChannel
from audit.models import AccessEvent, AccessEventPerson, BulkChange, DisclosureAccounting


def years_ago(years: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=round(365.25 * years))


# Old enough to be sealed (audit.seals.GRACE), far from retention.
RECENT = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=10))


class AccessEventFactory(DjangoModelFactory):
    class Meta:
        model = AccessEvent
        skip_postgeneration_save = True  # audit rows are append-only

    occurred_at = RECENT
    user_id = 7
    username = "clerk-test"
    roles = "customer_service"
    channel = AccessChannel.ADMIN_LIST
    model = "customers.Person"
    record_ids = factory.Sequence(lambda n: [n + 1])
    fields = ["customer_id"]
    path = "/admin/customers/person/"

    class Params:
        expired = factory.Trait(occurred_at=factory.LazyFunction(lambda: years_ago(7)))
        young = factory.Trait(occurred_at=factory.LazyFunction(lambda: years_ago(5)))

    @factory.post_generation
    def about(self, create, person_ids, **kwargs):
        """`about=[person ids]`: the people the event's records are about."""
        for person_id in person_ids or ():
            AccessEventPerson.objects.create(event=self, person_id=person_id)


class BulkChangeFactory(DjangoModelFactory):
    class Meta:
        model = BulkChange

    occurred_at = RECENT
    operation = "demo_load"
    model = "customers.Person"
    row_count = 10
    performed_by = "tester via pytest"

    class Params:
        expired = factory.Trait(occurred_at=factory.LazyFunction(lambda: years_ago(7)))


class DisclosureAccountingFactory(DjangoModelFactory):
    class Meta:
        model = DisclosureAccounting

    disclosed_at = RECENT
    person_id = factory.Sequence(lambda n: 900_000 + n)  # no such person
    system = "usps-810-300"
    nature_and_purpose = "Fulfilment of offline orders"
    routine_use = "USPS standard routine use 1"
    recipient_name = "Example Fulfillment Partner"
    recipient_address = "1 Partner Plaza, Dover, DE 19901"
    records = factory.LazyAttribute(lambda o: {"customers.Person": [o.person_id]})
    recorded_by = "tester"

    class Params:
        expired = factory.Trait(disclosed_at=factory.LazyFunction(lambda: years_ago(7)))


def tamper(sql: str, params=()) -> None:
    """What an intruder with database access does: bypass the application (on SQLite,
    where only UPDATE is refused by trigger, drop those triggers first; on PostgreSQL, a
    superuser's session that skips triggers). Undone with the test's transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            for (name,) in cursor.fetchall():
                if name.endswith("_no_update"):
                    cursor.execute(f"DROP TRIGGER {name}")
        else:
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def refuse_access_events(monkeypatch) -> None:
    """The database refuses every write of access events from now on in the test (as an
    audit database that is down or full would), whichever statement writes them."""

    def refuse(execute, sql, params, many, context):
        if "audit_accessevent" in sql and sql.lstrip().upper().startswith("INSERT"):
            raise DatabaseError("audit database unavailable")
        return execute(sql, params, many, context)

    connection = connections["default"]
    monkeypatch.setattr(connection, "execute_wrappers", [*connection.execute_wrappers, refuse])
