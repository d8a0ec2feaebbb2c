"""/api/v1/customers/: people, with their addresses and phone numbers, through the gate;
and the rows every system shares about them (addresses, phone numbers, credentials,
relationships, participations, preferences), found by the same identifiers.

The resources themselves are generated (`access.resources`); this says what the registry
cannot: the people's name, the rows they carry nested, that they take PATCH, and how
people — and so their shared rows — are found by the person-level identifiers the notices
list (`customers.services`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from access.api import filter_in_clear, search_systems
from access.policy import clear_systems, in_systems, restrict_queryset
from access.resources import customise, own_system, resource_models
from customers.models import Address, Person, PhoneNumber, SystemRelationship
from customers.services import PERSON_IDENTIFIERS
from sorn.classification import registry


def find_customers(user: Any, people: QuerySet, identifiers: Mapping[str, str]) -> QuerySet:
    """People matching every given identifier, each reaching only people of the systems
    in which the user reads it in clear (a masked one is refused whole: 400), through
    the blind indexes."""
    if "email" in identifiers:
        people = filter_in_clear(
            user, people.lookup(email=identifiers["email"]), "email_index", "email"
        )
    if "name" in identifiers:
        named = people.lookup(name=identifiers["name"])
        people = filter_in_clear(user, named, "name_index", "name")
    for parameter, model, source, index in (
        ("phone", PhoneNumber, "number", "number_index"),
        ("address", Address, "address", "address_index"),
    ):
        if parameter in identifiers:
            rows = model.objects.lookup(**{source: identifiers[parameter]})
            rows = filter_in_clear(user, rows, index, parameter)
            people = people.filter(pk__in=rows.values("person_id"))
    if "customer_id" in identifiers:
        people = people.filter(people_by_customer_number(user, identifiers["customer_id"]))
    return people


def people_by_customer_number(user, value: str) -> Q:
    """The person's own customer ID, or a system's customer number for them, each only
    where the user reads it in clear: a Mint agent's search by a USPS customer number
    finds nobody (the number belongs to a system outside its duties)."""
    value = value.strip()
    own = clear_systems(user, Person, "customer_id")
    numbered = clear_systems(user, SystemRelationship, "system_customer_id")
    if not (own or numbered):
        search_systems(user, Person, "customer_id", "customer_id")  # refuses, naming it
    matches = Q(
        pk__in=in_systems(Person.objects.filter(customer_id__iexact=value), own).values("pk")
    )
    relationships = SystemRelationship.objects.filter(
        system_customer_id__iexact=value, system__in=sorted(numbered)
    )
    return matches | Q(pk__in=relationships.values("person_id"))


customise(
    Person,
    name="customers",
    nested={"addresses": Address, "phone_numbers": PhoneNumber},
    writable=True,
    parameters=PERSON_IDENTIFIERS,
    retrieve=find_customers,
)


def rows_of_customers_found(user: Any, rows: QuerySet, identifiers: Mapping[str, str]) -> QuerySet:
    """The shared rows of the people `find_customers` finds by the identifiers (each only
    where the user reads it in clear; a masked one refused whole: 400), among the rows
    the user may see."""
    people = find_customers(user, restrict_queryset(user, Person.objects.all()), identifiers)
    path = registry.facts(rows.model).person_id_path
    return rows.filter(**{f"{path}__in": people.values("pk")})


# Every row shared by the systems and about a person is searched by the identifiers
# that find the person: no notice lists identifiers of its own for them.
for _model in resource_models():
    shared = _model is not Person and own_system(_model) is None
    if shared and registry.facts(_model).person_id_path is not None:
        customise(_model, parameters=PERSON_IDENTIFIERS, retrieve=rows_of_customers_found)
