"""What the audit tells about one person: who has seen their records, and to whom they
were disclosed (5 U.S.C. 552a(c)(3): the accounting is available to the person)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.apps import apps
from django.db import connection
from django.db.models import QuerySet

from audit.disclosures import accounting_of
from audit.models import AccessEvent, DisclosureAccounting
from sorn.classification import registry


def access_history(person_id: int) -> QuerySet[AccessEvent]:
    """Every access event that let through a record about the person, newest first."""
    return events_about_person(AccessEvent.objects.all(), person_id)


def own_record_ids(events: Sequence[AccessEvent], person_id: int) -> dict[int, list[int]]:
    """Event id → the ids, among the records it read, of the records about this person.

    One read may cover many people (a change list, an export): a person's history shows
    the event, but only their own records' numbers, never their neighbours' on the same
    page. One query per model; a record since destroyed can no longer be traced to anyone
    and is left out."""
    wanted: dict[str, set] = defaultdict(set)
    for event in events:
        wanted[event.model].update(event.record_ids)
    own: dict[str, set] = {}
    for label, ids in wanted.items():
        people = registry.person_ids(apps.get_model(label), ids)
        own[label] = {pk for pk, person in people.items() if person == person_id}
    return {event.pk: [pk for pk in event.record_ids if pk in own[event.model]] for event in events}


def events_about_person(events: QuerySet[AccessEvent], person_id: int) -> QuerySet[AccessEvent]:
    return events.filter(people__person_id=person_id).distinct()


def events_about_record(
    events: QuerySet[AccessEvent], model_label: str, record_id: int
) -> QuerySet[AccessEvent]:
    """Events that let through one record: its model, and its id among the event's
    record ids (a JSON containment on PostgreSQL; SQLite's json_each otherwise)."""
    events = events.filter(model=model_label)
    if connection.vendor == "postgresql":
        return events.filter(record_ids__contains=[record_id])
    table = AccessEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {table}.id FROM {table}, json_each({table}.record_ids) "  # noqa: S608
            f"WHERE {table}.model = %s AND json_each.value = %s",
            [model_label, record_id],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return events.filter(pk__in=ids)


def disclosures_of(person_id: int) -> list[DisclosureAccounting]:
    """The person's accounting of disclosures, corrections resolved, newest first."""
    return accounting_of([person_id])[::-1]
