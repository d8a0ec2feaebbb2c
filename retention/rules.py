"""Which retention rule governs each record model, and the date it counts from.

The rules come from each system's stored catalogue revision that is in effect for
retention (`SystemOfRecords.retention_revision`: a revision that would destroy sooner
waits for a records officer's approval); which rule governs a model comes from its
classification (`record=`), through the catalogue's own `governing_rule`. Nothing here
restates a notice.
"""

from __future__ import annotations

import functools
import graphlib
from dataclasses import dataclass

from django.db import models

from customers.models import Person
from sorn.catalogue.schema import governing_rule
from sorn.classification import registry
from sorn.constants import RetentionAnchor
from sorn.models import NoticeRevision, RetentionRule, SystemOfRecords

PERSON_RULE = "person"  # the rule key reported for the person row itself


class CatalogueNotLoaded(Exception):
    pass


@dataclass(frozen=True)
class SystemRules:
    slug: str
    revision: NoticeRevision
    rules: tuple[RetentionRule, ...]
    kinds: dict[str, str]

    def rule_for(self, record_key: str) -> RetentionRule:
        return governing_rule(record_key, self.rules, self.kinds)

    @property
    def relationship_period(self) -> str | None:
        """How long after the relationship ends the person's records in this system are
        kept; None where no rule counts from it (no disposition authority)."""
        for rule in self.rules:
            if rule.anchor == RetentionAnchor.RELATIONSHIP_ENDED:
                return rule.period
        return None


def rules_in_effect() -> dict[str, SystemRules]:
    """Per system slug, the rules of the revision in effect for retention."""
    found: dict[str, SystemRules] = {}
    for system in SystemOfRecords.objects.all():
        revision = system.retention_revision()
        if revision is None:
            continue
        found[system.slug] = SystemRules(
            slug=system.slug,
            revision=revision,
            rules=tuple(revision.retention_rules.all()),
            kinds={k["key"]: k["category"] for k in revision.document.get("record_kinds", [])},
        )
    missing = {e.systems[0] for e in registry if len(e.systems) == 1} - set(found)
    if missing:
        raise CatalogueNotLoaded(
            "the catalogue is not loaded for " + ", ".join(sorted(missing)) + ": run migrate"
        )
    return found


@dataclass(frozen=True)
class Owner:
    """A record that rows of a model belong to: deleting it deletes them, through a
    chain of CASCADE foreign keys (an order item's order; a meeting device's session,
    and the session's meeting and participant)."""

    model: type[models.Model]
    path: str  # ORM path from the row to the owner: "order", "session__meeting"
    column: str  # ORM path from the row to the owner's primary key: "session__meeting_id"

    def ref(self, tail: str = "pk") -> str:
        """The ORM path from the row to the owner's `tail` (a path from the owner)."""
        return self.column if tail == "pk" else f"{self.path}__{tail}"


@functools.cache
def owners(model: type[models.Model]) -> tuple[Owner, ...]:
    """Every record a row of `model` belongs to, parents and their parents, by every
    chain of CASCADE foreign keys. Read from the models' own links, once per model."""
    found: list[Owner] = []

    def climb(current: type[models.Model], names: tuple[str, ...], seen: frozenset) -> None:
        for f in current._meta.concrete_fields:
            cascades = (
                isinstance(f, models.ForeignKey) and f.remote_field.on_delete is models.CASCADE
            )
            if not cascades:
                continue
            parent = f.related_model
            if parent in seen:  # a link back into the chain (a row's own kind)
                continue
            found.append(Owner(parent, "__".join((*names, f.name)), "__".join((*names, f.attname))))
            climb(parent, (*names, f.name), seen | {parent})

    climb(model, (), frozenset({model}))
    return tuple(found)


@dataclass(frozen=True)
class Binding:
    """One record model under the rule that governs it."""

    model: type[models.Model]
    system: str  # notice slug; "" for the person row, which every system shares
    rule_key: str
    period: str | None  # None: no disposition authority, never destroyed automatically
    anchor: str  # a RetentionAnchor value
    date_field: str | None  # the row's own field the anchor is read from, if any
    person_path: str | None  # ORM path from the row to its person's id, if it has one
    owners: tuple[Owner, ...] = ()  # the records it belongs to (CASCADE), see `owners`

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def plan_key(self) -> str:
        return f"{self.system or 'customers'}/{self.rule_key}"

    @property
    def counts_from_relationship(self) -> bool:
        return self.anchor == RetentionAnchor.RELATIONSHIP_ENDED and self.date_field is None


def _binding(entry, systems: dict[str, SystemRules]) -> Binding:
    slug = entry.systems[0]
    rule = systems[slug].rule_for(entry.record)
    own_person = any(
        f.is_relation and f.related_model is Person for f in entry.model._meta.concrete_fields
    )
    if rule.anchor == RetentionAnchor.CREATED:
        date_field = entry.dated_by
    elif rule.anchor == RetentionAnchor.RELATIONSHIP_ENDED:
        # A row about no one (an event, a publication: reference data the notice lists)
        # has no relationship to end: it counts from its own date, and is kept anyway
        # while any record still refers to it.
        date_field = None if own_person else entry.dated_by
    else:
        date_field = entry.anchored_by
    return Binding(
        model=entry.model,
        system=slug,
        rule_key=rule.key,
        period=rule.period,
        anchor=rule.anchor,
        date_field=date_field,
        person_path=registry.facts(entry.model).person_id_path,
        owners=owners(entry.model),
    )


PERSON_BINDING = Binding(
    model=Person,
    system="",
    rule_key=PERSON_RULE,
    period=None,  # per system: SystemRules.relationship_period
    anchor=RetentionAnchor.RELATIONSHIP_ENDED,
    date_field=None,
    person_path="pk",
)


def person_parts() -> list[tuple[type[models.Model], str]]:
    """The rows that are part of the person shared by every system (addresses, phones,
    credentials, relationships, preferences): (model, link to the person). They go with
    the person and only with the person."""
    parts = []
    for entry in registry:
        if len(entry.systems) > 1 and entry.model is not Person:
            link = next(
                f
                for f in entry.model._meta.concrete_fields
                if f.is_relation and f.related_model is Person
            )
            parts.append((entry.model, link.attname))
    return parts


def bindings(systems: dict[str, SystemRules] | None = None) -> list[Binding]:
    """Every system record model under its rule, in destruction order: a record comes
    before the records it refers to, and the person comes last."""
    systems = rules_in_effect() if systems is None else systems
    by_model = {e.model: _binding(e, systems) for e in registry if len(e.systems) == 1}
    graph: dict[type[models.Model], set[type[models.Model]]] = {m: set() for m in by_model}
    for child in by_model:
        for f in child._meta.concrete_fields:
            parent = f.related_model if f.is_relation else None
            if parent in by_model and parent is not child:
                graph[parent].add(child)  # the child must go first
    order = list(graphlib.TopologicalSorter(graph).static_order())
    return [by_model[m] for m in order] + [PERSON_BINDING]
