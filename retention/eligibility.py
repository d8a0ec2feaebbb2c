"""When a record may be destroyed, as query conditions the database evaluates set-wise.

A record is destroyed when, as of a date:
  * its rule has a period (disposition authority) and anchor + period <= as-of date, the
    anchor being its own date, its own cancellation or end-of-participation date, or the
    end of its person's relationship with its system (an open relationship: not due);
  * no active legal hold covers it (its person, its system, the record, a query), nor
    any record it belongs to (its order, its session and meeting: the records whose
    deletion would delete it, through CASCADE foreign keys);
  * its person has no Privacy Act request open (the request and any appeal), and no
    open request has a confirmed match of its person in its system (the person row, and
    its parts, in any system);
  * no record that must be kept refers to it: a record is never destroyed early because
    something it belongs to is due (an order waits for its payments' own clocks).
The person row goes when every relationship has ended and its system's period has passed,
and no record of any system remains (so it inherits every hold and freeze of them).

Nothing here loads rows into Python: each condition is a Q the plan counts and the purge
selects with.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Exists, OuterRef, Q

from access_requests.constants import MatchState
from access_requests.models import PrivacyActRequest, RequestMatch
from customers.models import Person, SystemRelationship
from retention.models import HoldScope, LegalHold
from retention.rules import Binding, Owner, SystemRules, person_parts
from sorn.periods import latest_anchor_due_by, start_of_day_after

PROTECTING = (models.CASCADE, models.PROTECT, models.RESTRICT)


def any_of(conditions: Iterable[Q]) -> Q | None:
    conditions = list(conditions)
    return functools.reduce(operator.or_, conditions) if conditions else None


@dataclass
class Context:
    """What eligibility depends on besides the rows: the date, the rules, and the holds
    and requests in force (re-read before every batch of a purge, so a hold placed while
    a purge runs protects from the next batch on)."""

    as_of: datetime.date
    systems: dict[str, SystemRules]
    bindings: dict[type[models.Model], Binding]
    holds: list[LegalHold] = field(default_factory=list)
    requests_pending: bool = False

    def refresh(self) -> Context:
        self.holds = list(LegalHold.objects.active())
        self.requests_pending = PrivacyActRequest.objects.pending().exists()
        return self

    def holds_of(self, scope: str) -> list[LegalHold]:
        return [h for h in self.holds if h.scope == scope]

    @property
    def held_systems(self) -> set[str]:
        return {h.system for h in self.holds_of(HoldScope.SYSTEM)}


def _on_or_before(model: type[models.Model], name: str, day: datetime.date) -> Q:
    if isinstance(model._meta.get_field(name), models.DateTimeField):
        return Q(**{f"{name}__lt": start_of_day_after(day)})  # the whole day counts
    return Q(**{f"{name}__lte": day})


def person_due_by_date(ctx: Context) -> Q | None:
    past = any_of(
        Q(system=slug, ended_on__lte=latest_anchor_due_by(ctx.as_of, rules.relationship_period))
        for slug, rules in ctx.systems.items()
        if rules.relationship_period is not None
    )
    if past is None:
        return None
    relationships = SystemRelationship.objects.filter(person_id=OuterRef("pk"))
    # At least one relationship, and every one of them ended long enough ago (a
    # relationship with a system that has no period never has).
    return Q(Exists(relationships)) & ~Q(Exists(relationships.exclude(past)))


def due_by_date(b: Binding, ctx: Context) -> Q | None:
    """Rows whose period has passed as of the date; None when none ever can."""
    if b.model is Person:
        return person_due_by_date(ctx)
    if b.period is None:
        return None
    cutoff = latest_anchor_due_by(ctx.as_of, b.period)
    if b.counts_from_relationship:
        ended = SystemRelationship.objects.filter(
            person_id=OuterRef(b.person_path), system=b.system, ended_on__lte=cutoff
        )
        return Q(Exists(ended))
    return _on_or_before(b.model, b.date_field, cutoff)


def held(b: Binding, ctx: Context) -> Q | None:
    """Rows an active legal hold covers."""
    return any_of(hold_conditions(b, ctx))


def hold_conditions(b: Binding, ctx: Context) -> list[Q]:
    """One condition per way an active legal hold reaches rows of `b`: a hold that
    matches the row itself, or a record the row belongs to (`Binding.owners`: the rows
    deleting it would delete). A litigation hold on an order keeps its items, payments,
    shipments and claims; one on a meeting keeps its sessions, their devices and its
    recordings. Never the other way: a hold on an item keeps its order only by the order
    waiting for it (`blocking`), and nothing of the order's other items."""
    if b.system and b.system in ctx.held_systems:
        return [Q(pk__isnull=False)]
    found: dict[tuple, Q] = {}
    if b.model is Person and ctx.held_systems:
        # The person row is shared by every system: a system hold keeps it for the
        # system's records, and reaches none of the person's records in other systems
        # through it (which is why this is not one of the `_matching` conditions).
        related = SystemRelationship.objects.filter(
            person_id=OuterRef("pk"), system__in=ctx.held_systems
        )
        found[("system", "person")] = Q(Exists(related))
    found.update(_matching(b, None, ctx))
    for owner in b.owners:
        owner_binding = ctx.bindings.get(owner.model)
        if owner_binding is not None:
            found.update(_matching(owner_binding, owner, ctx))
    return list(found.values())


def _matching(a: Binding, owner: Owner | None, ctx: Context) -> dict[tuple, Q]:
    """Rows whose record of `a` — the row itself (owner None) or the owner it belongs
    to — a hold names, keyed by what they compare so a path reached twice counts once
    (an item's person directly and through its order)."""

    def ref(tail: str = "pk") -> str:
        return tail if owner is None else owner.ref(tail)

    found: dict[tuple, Q] = {}
    if owner is not None and a.system and a.system in ctx.held_systems:
        found[("system", ref())] = Q(**{f"{ref()}__isnull": False})
    if a.person_path and ctx.holds_of(HoldScope.PERSON):
        holds = LegalHold.objects.active().filter(
            scope=HoldScope.PERSON, person_id=OuterRef(ref(a.person_path))
        )
        found[("person", ref(a.person_path))] = Q(Exists(holds))
    if any(h.model_label == a.label for h in ctx.holds_of(HoldScope.RECORD)):
        holds = LegalHold.objects.active().filter(
            scope=HoldScope.RECORD, model_label=a.label, record_id=OuterRef(ref())
        )
        found[("record", ref())] = Q(Exists(holds))
    for hold in ctx.holds_of(HoldScope.QUERY):
        if hold.model_label == a.label:
            if owner is None:
                found[("query", hold.pk, "pk")] = Q(**hold.query)
            else:
                matches = a.model._base_manager.filter(Q(**hold.query), pk=OuterRef(ref()))
                found[("query", hold.pk, ref())] = Q(Exists(matches))
    return found


def freeze_conditions(b: Binding, ctx: Context) -> list[Q]:
    """One condition per way a pending Privacy Act request keeps rows of `b` (5 U.S.C.
    552a(d); issue 12: "confirmed matches freeze those records from purging until the
    request and any appeal are closed"): the request is about the row's person
    (`PrivacyActRequest.person`), or staff confirmed a match of the row's person in the
    row's system (`RequestMatch`), or the search found the row's person there and staff
    have not yet decided (a candidate: what a requester may have asked about is kept
    until someone looked; the search runs within minutes of a request's receipt,
    access_requests.tasks.search_new_requests). A match keeps the person row itself (and
    its parts) whatever the system. `pending()` includes answered and appealed requests,
    so the freeze lasts until any appeal is closed. Rejected matches keep nothing. Each is
    an EXISTS in the same query, never a query per row."""
    if not (b.person_path and ctx.requests_pending):
        return []
    pending = PrivacyActRequest.objects.pending()
    by_person = pending.filter(person_id=OuterRef(b.person_path))
    confirmed = RequestMatch.objects.filter(
        state__in=(MatchState.CONFIRMED, MatchState.CANDIDATE),
        person_id=OuterRef(b.person_path),
        request__in=pending.values("pk"),
    )
    if b.system:
        confirmed = confirmed.filter(system=b.system)
    return [Q(Exists(by_person)), Q(Exists(confirmed))]


def frozen(b: Binding, ctx: Context) -> Q | None:
    """Rows a pending Privacy Act request keeps (freeze_conditions), as one condition."""
    return any_of(freeze_conditions(b, ctx))


def _protecting_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Links from other rows that keep this one: rows that would cascade with it or that
    forbid its deletion. The person's own parts go with the person instead."""
    parts = {m for m, _ in person_parts()} if model is Person else set()
    return [
        rel
        for rel in model._meta.related_objects
        if not rel.many_to_many
        and rel.on_delete in PROTECTING
        and rel.related_model is not model
        and rel.related_model not in parts
    ]


def blocking(b: Binding, ctx: Context, *, recursive: bool) -> list[Q]:
    """One condition per kind of row that keeps these: one that refers to them and is
    not itself destroyed.

    The plan asks recursively (would the referring row go in this run too?); the purge
    destroys referring rows first and then asks only whether any remains, which is
    never less strict.
    """
    conditions = []
    for rel in _protecting_relations(b.model):
        children = rel.related_model._base_manager.filter(**{rel.field.attname: OuterRef("pk")})
        child = ctx.bindings.get(rel.related_model)
        if recursive and child is not None:
            child_goes = eligible(child, ctx, recursive=True)
            if child_goes is not None:
                children = children.exclude(child_goes)
        conditions.append(Q(Exists(children)))
    return conditions


def eligible(b: Binding, ctx: Context, *, recursive: bool = True) -> Q | None:
    """Rows to destroy as of the context's date; None when none ever can be."""
    condition = due_by_date(b, ctx)
    if condition is None:
        return None
    for kept in (*hold_conditions(b, ctx), *freeze_conditions(b, ctx)):
        condition &= ~kept
    # Each NOT EXISTS on its own, not NOT (EXISTS OR EXISTS ...): PostgreSQL makes a
    # top-level NOT EXISTS an anti-join with a real estimate, but evaluates the negated OR
    # as one subplan per row at a guessed selectivity of 0.5 each; the person's ~50 of them
    # then estimate one row and the planner picks a nested loop over every relationship
    # (a batch of 5,000 people out of 26,000: 127 s before, 0.2 s after).
    for kept in blocking(b, ctx, recursive=recursive):
        condition &= ~kept
    return condition
