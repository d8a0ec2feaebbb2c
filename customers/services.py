"""Finding people by the identifiers the notices retrieve by, and changing preferences
with their history."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
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

# The person-level identifiers of the notices' retrievability sections.
PERSON_IDENTIFIERS = ("name", "email", "phone", "address", "customer_id")


def find_people(identifiers: Mapping[str, str], system: str | None = None) -> QuerySet[Person]:
    """People matching every given person-level identifier (exact, normalised, through the
    blind indexes); with `system`, only those with a relationship to it."""
    people = Person.objects.all()
    if identifiers.get("name"):
        people = people.lookup(name=identifiers["name"])
    if identifiers.get("email"):
        people = people.lookup(email=identifiers["email"])
    if identifiers.get("phone"):
        phones = PhoneNumber.objects.lookup(number=identifiers["phone"])
        people = people.filter(pk__in=phones.values("person_id"))
    if identifiers.get("address"):
        addresses = Address.objects.lookup(address=identifiers["address"])
        people = people.filter(pk__in=addresses.values("person_id"))
    if identifiers.get("customer_id"):
        # Customer IDs are stored in capitals ("C" and digits; a system's own "USPS-…");
        # matched exactly in that form, so both indexes serve the lookup (iexact across
        # the join scanned every person).
        value = identifiers["customer_id"].strip().upper()
        named = set(Person.objects.filter(customer_id=value).values_list("pk", flat=True))
        named |= set(
            SystemRelationship.objects.filter(system_customer_id=value).values_list(
                "person_id", flat=True
            )
        )
        people = people.filter(pk__in=sorted(named))
    if system:
        if people.query.where:
            # The few people the identifiers name are found first, through their
            # indexes; joined at once with the relationships, the planner would start
            # from every relationship of the system instead (seconds at 20,000 people).
            people = Person.objects.filter(pk__in=list(people.values_list("pk", flat=True)))
        people = people.filter(relationships__system=system)
    return people.distinct()


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
