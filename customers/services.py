"""Finding people by the identifiers the notices retrieve by, and changing preferences
with their history."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, IntegerField, QuerySet, Value
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
from keystore.fields import index_token
from lib.prepared import Bound, BoundIds, CompiledOnce
from sorn import retrieval
from sorn.constants import SystemSlug

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


@contextmanager
def people_remembered() -> Iterator[None]:
    """Within, `find_people` looks each identifier up once, and each person's relationship
    with a system once (sorn.retrieval.remembered): a search across the systems
    (access_requests.matching) asks each system's finder with the identifiers together
    and each alone, and asks again which of the people they name the system holds, so
    the same people were otherwise looked up a dozen times for one answer."""
    with retrieval.remembered():
        yield


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
    found = retrieval.memo()
    if found is None:
        found = {}  # outside a search: looked up afresh each time
    ids: set[int] | None = None
    for name, value in given.items():
        key = ("customers", name, value)
        if key not in found:
            found[key] = _named_by(name, value)
        ids = found[key] if ids is None else ids & found[key]
        if not ids:
            break  # named by nobody: the other identifiers cannot add anyone
    if system and ids:
        # Of those few, the ones the system holds; joined at once with the
        # relationships, the planner would start from every relationship of the system.
        return held_by(system, ids)
    return sorted(ids or ())


def held_by(system: str, ids: Iterable[int]) -> list[int]:
    """Of the people `ids` (a few), those with a relationship with the system, sorted:
    through the relationships' (person, system) index, each person's relationships with
    every system at once (a search asks about several; remembered within one,
    sorn.retrieval.remembered)."""
    found = retrieval.memo()
    if found is None:
        found = {}
    ids = set(ids)
    _remember_relationships(ids, found, system)
    return sorted(i for i in ids if found[("customers", system, i)])


def _remember_relationships(ids: set[int], found: dict, system: str | None = None) -> None:
    """Whether each of the people `ids` has a relationship with each system, into `found`
    ("customers", system, person id) → bool, for those not known yet: one query."""
    systems = {*SystemSlug.values, *([system] if system else [])}
    unknown = sorted(i for i in ids if any(("customers", s, i) not in found for s in systems))
    if unknown:
        held = set(_RELATIONSHIPS.rows(None, {"people": unknown}))
        found.update({("customers", s, i): (s, i) in held for s in systems for i in unknown})


_RELATIONSHIPS = CompiledOnce(
    lambda _: SystemRelationship.objects.filter(person__any_of=BoundIds("people", [])).values_list(
        "system", "person_id"
    )
)


def _named_by(name: str, value: str) -> set[int]:
    """The ids of the people one person-level identifier names."""
    return _named_by_each([(name, value)])[name, value]


def _named_by_each(given: Iterable[tuple[str, str]]) -> dict[tuple[str, str], set[int]]:
    """The ids of the people each person-level identifier names, (name, value) → ids,
    in one query (compiled once per sequence of names)."""
    given = list(dict.fromkeys(given))
    named: dict[tuple[str, str], set[int]] = {pair: set() for pair in given}
    if given:
        values = {f"value{n}": _compared(name, value) for n, (name, value) in enumerate(given)}
        for n, person_id in _NAMING.rows(tuple(name for name, _ in given), values):
            named[given[n]].add(person_id)
    return named


def _naming_queries(name: str, n: int) -> list[QuerySet]:
    """The queries of the people one person-level identifier names, the `n`th given: each
    selects n and a person's id, comparing the value bound as `value<n>` (`_compared`)."""
    value = Bound(f"value{n}", None, CharField())
    label = Value(n, output_field=IntegerField())
    if name == "name":
        return [Person.objects.filter(name_index=value).values_list(label, "pk")]
    if name == "email":
        return [Person.objects.filter(email_index=value).values_list(label, "pk")]
    if name == "phone":
        return [PhoneNumber.objects.filter(number_index=value).values_list(label, "person_id")]
    if name == "address":
        return [Address.objects.filter(address_index=value).values_list(label, "person_id")]
    # Customer IDs are stored in capitals ("C" and digits; a system's own "USPS-…");
    # matched exactly in that form, so both indexes serve the lookup (iexact across the
    # join scanned every person).
    return [
        Person.objects.filter(customer_id=value).values_list(label, "pk"),
        SystemRelationship.objects.filter(system_customer_id=value).values_list(label, "person_id"),
    ]


# The blind index each identifier's query compares (the customer ID: its own columns).
_INDEXES = {
    "name": (Person, "name_index"),
    "email": (Person, "email_index"),
    "phone": (PhoneNumber, "number_index"),
    "address": (Address, "address_index"),
}


def _compared(name: str, value: str) -> str | None:
    """The value an identifier's queries compare (`_naming_queries`): the blind-index
    token of its normal form (None when it has none: it names nobody), or a customer ID
    in capitals."""
    if name not in _INDEXES:
        return value.strip().upper()
    model, field = _INDEXES[name]
    return index_token(model._meta.get_field(field).kind, value) or None


def _naming(names: tuple[str, ...]) -> QuerySet:
    """The queries of the people the identifiers `names` name, in that order, as one."""
    queries = [
        query.order_by() for n, name in enumerate(names) for query in _naming_queries(name, n)
    ]
    return queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]


_NAMING = CompiledOnce(_naming)


def remember_people(given: Iterable[tuple[str, str]]) -> None:
    """Within a search (`people_remembered`), look up at once the people each
    person-level identifier (name, value) names and every system's relationships with
    them, so that the finders' runs find them remembered: two queries, where each
    identifier and each system asked again otherwise."""
    found = retrieval.memo()
    if found is None:
        return
    given = [
        (name, value)
        for name, value in given
        if name in PERSON_IDENTIFIERS and value and ("customers", name, value) not in found
    ]
    if not given:
        return
    named = _named_by_each(given)
    for (name, value), ids in named.items():
        found[("customers", name, value)] = ids
    _remember_relationships(set().union(*named.values()), found)


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
