"""The retention plan: what is due as of a date, per system and rule, what is held and
why, what is frozen by a pending request, and what has no disposition authority.

Counts, dates and identifiers only: a plan is shown to records officers, stored with each
run and printed by `retention_plan`, and never carries personal data.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Min

from access_requests.models import PrivacyActRequest
from customers.models import SystemRelationship
from retention.eligibility import Context, due_by_date, eligible, frozen, held
from retention.models import LegalHold
from retention.rules import Binding, bindings, rules_in_effect
from sorn.periods import add_period


@dataclass
class ModelLine:
    model: str
    due: int = 0
    held: int = 0
    frozen_by_request: int = 0
    # Past their period but kept because a record that must stay refers to them.
    waiting_on_other_records: int = 0
    oldest_due_on: str | None = None


@dataclass
class RuleLine:
    system: str
    rule: str
    period: str | None
    anchor: str
    models: list[ModelLine] = field(default_factory=list)

    def total(self, attr: str) -> int:
        return sum(getattr(m, attr) for m in self.models)

    @property
    def oldest_due_on(self) -> str | None:
        dates = [m.oldest_due_on for m in self.models if m.oldest_due_on]
        return min(dates) if dates else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "rule": self.rule,
            "period": self.period,
            "anchor": self.anchor,
            "due": self.total("due"),
            "held": self.total("held"),
            "frozen_by_request": self.total("frozen_by_request"),
            "waiting_on_other_records": self.total("waiting_on_other_records"),
            "oldest_due_on": self.oldest_due_on,
            "models": {m.model: asdict(m) for m in self.models},
        }


@dataclass
class Plan:
    as_of: datetime.date
    revisions: dict[str, int]
    rules: dict[str, RuleLine]
    # Rules with no period: records kept, counted, never destroyed automatically.
    no_disposition_authority: dict[str, dict[str, int]]
    holds: list[dict[str, Any]]
    pending_requests: int

    @property
    def total_due(self) -> int:
        return sum(r.total("due") for r in self.rules.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "revisions": self.revisions,
            "total_due": self.total_due,
            "rules": {key: line.as_dict() for key, line in self.rules.items()},
            "no_disposition_authority": self.no_disposition_authority,
            "holds": self.holds,
            "pending_requests": self.pending_requests,
        }


def make_context(as_of: datetime.date) -> Context:
    systems = rules_in_effect()
    found = bindings(systems)
    return Context(as_of=as_of, systems=systems, bindings={b.model: b for b in found}).refresh()


def _oldest_due_on(b: Binding, rows) -> str | None:
    if b.period is None:
        return None
    if b.counts_from_relationship:
        anchor = SystemRelationship.objects.filter(
            system=b.system, person_id__in=rows.values(b.person_path)
        ).aggregate(first=Min("ended_on"))["first"]
    elif b.date_field:
        anchor = rows.aggregate(first=Min(b.date_field))["first"]
    else:
        return None  # the person: due when its last relationship's period passed
    if anchor is None:
        return None
    if isinstance(anchor, datetime.datetime):
        anchor = anchor.date()
    return add_period(anchor, b.period).isoformat()


def plan_binding(b: Binding, ctx: Context) -> ModelLine:
    line = ModelLine(model=b.label)
    rows = b.model._base_manager.all()
    past = due_by_date(b, ctx)
    if past is None:
        return line
    rows_past = rows.filter(past)
    past_count = rows_past.count()
    if not past_count:
        return line
    held_q, frozen_q = held(b, ctx), frozen(b, ctx)
    if held_q is not None:
        line.held = rows_past.filter(held_q).count()
    if frozen_q is not None:
        not_held = rows_past.exclude(held_q) if held_q is not None else rows_past
        line.frozen_by_request = not_held.filter(frozen_q).count()
    due_rows = rows.filter(eligible(b, ctx, recursive=True))
    line.due = due_rows.count()
    line.waiting_on_other_records = past_count - line.held - line.frozen_by_request - line.due
    if line.due:
        line.oldest_due_on = _oldest_due_on(b, due_rows)
    return line


def compute_plan(as_of: datetime.date, ctx: Context | None = None) -> Plan:
    ctx = make_context(as_of) if ctx is None else ctx
    rules: dict[str, RuleLine] = {}
    no_authority: dict[str, dict[str, int]] = {}
    for b in ctx.bindings.values():
        if b.system and b.period is None:
            count = b.model._base_manager.count()
            no_authority.setdefault(b.plan_key, {})[b.label] = count
            continue
        line = rules.setdefault(
            b.plan_key, RuleLine(system=b.system, rule=b.rule_key, period=b.period, anchor=b.anchor)
        )
        line.models.append(plan_binding(b, ctx))
    holds = [
        {
            "id": h.pk,
            "scope": h.scope,
            "target": h.target,
            "reason": h.reason,
            "placed_by": str(h.placed_by),
            "placed_at": h.placed_at.isoformat(),
        }
        for h in LegalHold.objects.active().select_related("placed_by")
    ]
    return Plan(
        as_of=as_of,
        revisions={slug: rules_.revision.number for slug, rules_ in ctx.systems.items()},
        rules=rules,
        no_disposition_authority=no_authority,
        holds=holds,
        pending_requests=PrivacyActRequest.objects.pending().count(),
    )
