"""Finding people by the identifiers the notices retrieve by, and changing preferences
with their history."""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from customers.constants import ChangeChannel, PreferenceName
from customers.models import (
    Address,
    Person,
    PhoneNumber,
    PreferenceChange,
    Preferences,
    SystemRelationship,
)
from sorn import retrieval

# The person-level identifiers of the notices' retrievability sections.
PERSON_IDENTIFIERS = ("name", "email", "phone", "address", "customer_id")

# What `_named_by` compares for each: searching by a value is reading it, so a channel
# lets a user search by one only where every field named here reads in clear.
PERSON_COMPARES = {
    "name": ((Person, "name_index"),),
    "email": ((Person, "email_index"),),
    "phone": ((PhoneNumber, "number_index"),),
    "address": ((Address, "address_index"),),
    # Any system's own customer number matches too (SystemRelationship rows of every
    # system), so the search reads those as well.
    "customer_id": ((Person, "customer_id"), (SystemRelationship, "system_customer_id")),
}
retrieval.register_person_identifiers(PERSON_COMPARES)


# What one search has found so far (`people_remembered`): the ids of the people each
# identifier names, ("name", value) → ids, and whether a person has a relationship with
# a system, (system, person id) → bool. None outside a search.
_found: ContextVar[dict[tuple, Any] | None] = ContextVar("people_found", default=None)


@contextmanager
def people_remembered() -> Iterator[None]:
    """Within, `find_people` looks each identifier up once, and each person's relationship
    with a system once: a search across the systems (access_requests.matching) asks each
    system's finder with the identifiers together and each alone, and asks again which
    of the people they name the system holds, so the same people were otherwise looked
    up a dozen times for one answer. Within a search already remembering, the same."""
    if _found.get() is not None:
        yield
        return
    token = _found.set({})
    try:
        yield
    finally:
        _found.reset(token)


def find_people(identifiers: Mapping[str, str], system: str | None = None) -> QuerySet[Person]:
    """People matching every given person-level identifier (exact, normalised, through the
    blind indexes); with `system`, only those with a relationship to it.

    With an identifier given, the people each names are found at once (through its
    index) and those named by all are handed on as their ids: the finders put the result
    in a condition on each of their record models, where `person_id IN (ids)` is cheap to
    build and to plan, and stays an index scan when OR-ed with a record's own blind index
    (the identifiers' conditions repeated in every model's subquery were not: a
    relationship join planned from every person of the system at 1,000,000 people). With
    none given, every person (of the system), as a lazy query."""
    ids = find_people_ids(identifiers, system)
    if ids is None:
        people = Person.objects.all()
        return people.filter(relationships__system=system).distinct() if system else people
    return Person.objects.filter(pk__in=ids)


def find_people_ids(identifiers: Mapping[str, str], system: str | None = None) -> list[int] | None:
    """The ids of the people `find_people` finds, sorted; None when no person-level
    identifier is given (everyone, of the system: no list)."""
    given = {name: identifiers[name] for name in PERSON_IDENTIFIERS if identifiers.get(name)}
    if not given:
        return None
    found = _found.get()
    if found is None:
        found = {}  # outside a search: looked up afresh each time
    ids: set[int] | None = None
    for name, value in given.items():
        if (name, value) not in found:
            found[(name, value)] = _named_by(name, value)
        ids = found[(name, value)] if ids is None else ids & found[(name, value)]
        if not ids:
            break  # named by nobody: the other identifiers cannot add anyone
    if system and ids:
        # Of those few, the ones the system holds, through the relationships' unique
        # (person, system) index; joined at once with the relationships, the planner
        # would start from every relationship of the system instead.
        unknown = sorted(i for i in ids if (system, i) not in found)
        if unknown:
            held = set(
                SystemRelationship.objects.filter(person_id__in=unknown, system=system)
                .values_list("person_id", flat=True)
            )  # fmt: skip
            found.update({(system, i): i in held for i in unknown})
        ids = {i for i in ids if found[(system, i)]}
    return sorted(ids or ())


def _named_by(name: str, value: str) -> set[int]:
    """The ids of the people one person-level identifier names."""
    if name == "name":
        return set(Person.objects.lookup(name=value).values_list("pk", flat=True))
    if name == "email":
        return set(Person.objects.lookup(email=value).values_list("pk", flat=True))
    if name == "phone":
        phones = PhoneNumber.objects.lookup(number=value)
        return set(phones.values_list("person_id", flat=True))
    if name == "address":
        addresses = Address.objects.lookup(address=value)
        return set(addresses.values_list("person_id", flat=True))
    # Customer IDs are stored in capitals ("C" and digits; a system's own "USPS-…");
    # matched exactly in that form, so both indexes serve the lookup (iexact across the
    # join scanned every person).
    value = value.strip().upper()
    named = set(Person.objects.filter(customer_id=value).values_list("pk", flat=True))
    return named | set(
        SystemRelationship.objects.filter(system_customer_id=value).values_list(
            "person_id", flat=True
        )
    )


@transaction.atomic
def enrol_person(person: Person, system: str, started_on=None) -> SystemRelationship:
    """Record a new person together with their first relationship with a system; a
    person is never stored without one (nobody could see them, no request would find
    them, no retention schedule would end them). The customer ID is the service's to
    assign: one typed by staff would be checked against every system's customers, and
    "already exists" would tell a role of customers outside its systems."""
    if person.pk is not None:
        raise ValueError("enrol_person records a new person")
    drawn = not person.customer_id  # an ID given by a caller (a data load) is kept
    for _ in range(20):
        if drawn:
            person.customer_id = new_customer_id()
        try:
            with transaction.atomic():  # a savepoint: a taken ID is drawn again
                person.full_clean()
                person.save()
                return SystemRelationship.objects.create(
                    person=person, system=system, started_on=started_on or timezone.localdate()
                )
        except (IntegrityError, ValidationError) as error:
            taken = isinstance(error, IntegrityError) or "customer_id" in getattr(
                error, "error_dict", {}
            )
            if not (drawn and taken):
                raise
            person.pk = None
    raise RuntimeError("no free customer ID after 20 draws")


def new_customer_id() -> str:
    """A customer ID nobody chose: "C" and eight random digits (a guess of the next one
    tells nothing)."""
    return f"C{secrets.randbelow(10**8):08d}"


@transaction.atomic
def set_preference(
    person: Person,
    system: str,
    preference: PreferenceName | str,
    value: Any,
    *,
    channel: ChangeChannel | str,
    changed_by=None,
) -> PreferenceChange | None:
    """Change one preference and record who changed it, when and how. Returns the
    history entry, or None when the value did not change."""
    preference = PreferenceName(preference)
    channel = ChangeChannel(channel)
    prefs, _ = Preferences.objects.select_for_update().get_or_create(person=person, system=system)
    old = getattr(prefs, preference.value)
    if old == value:
        return None
    setattr(prefs, preference.value, value)
    prefs.updated_at = timezone.now()
    prefs.full_clean()
    prefs.save()
    return PreferenceChange.objects.create(
        person=person,
        system=system,
        preference=preference,
        old_value=str(old),
        new_value=str(value),
        changed_by=changed_by,
        channel=channel,
    )
