"""Reports on Privacy Act requests, per period and system (issue 12, item 8): how many came
in and were completed, how long acknowledging and answering took in working days, how
many are overdue now, and appeals.

The rules, each decided here and nowhere else:

- **Received**: requests whose `received_at` falls in the period (local dates, both ends
  included); not those awaiting e-mail verification nor FOIA.gov test deliveries, which
  nobody works.
- **Completed**: requests whose first completion falls in the period — the first
  "answer" event of the request's history, or its "close" event when it was closed
  without an answer (withdrawn, say). A request answered and then closed counts once,
  when answered.
- **Working days to acknowledge / to answer**: for the requests acknowledged (their
  `acknowledged_at`) or answered (their first "answer" event) in the period, the working
  days after the day of receipt up to and including that day (`clocks.working_days_between`:
  weekends and U.S. federal holidays out; the same day is 0). Elapsed days: time spent
  waiting on the requester counts, as the requester lived it.
- **Median and 90th percentile** by the nearest-rank rule: of n values sorted, the p-th
  percentile is the value at rank ceil(p/100 × n) (1-based). So the median of 1, 2, 3, 4
  is 2, and the 90th percentile of ten values is the ninth. None when there are no values.
- **Overdue now**: open requests whose next deadline (`due_on`) is before today,
  whatever the period.
- **Appeals**: requests with an "appeal" event in the period.
- **Appeal outcomes**: appeals decided in the period ("decide_appeal" events), by outcome:
  "granted 1, partly granted 0, denied 2".
- **Amendments granted and denied**: amendments (one correction each) whose decision was
  made in the period (`decided_at`), counted in the row of the amendment's own system; one
  denied and then granted on appeal counts once, as granted, when it was granted.

A request asking about two systems counts in each system's row; the "All systems" row
counts it once. Counts and working days only: no personal value is read.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Min, Q
from django.utils import timezone

from access_requests.clocks import working_days_between
from access_requests.constants import AmendmentDecision
from access_requests.models import (
    Amendment,
    AppealOutcome,
    PrivacyActRequest,
    RequestEvent,
    RequestStatus,
)
from access_requests.workflow import OPEN
from sorn.models import SystemOfRecords

ALL_SYSTEMS = "All systems"
# Requests nobody works are not received in any report.
NEVER_WORKED = (RequestStatus.UNVERIFIED, RequestStatus.TESTING)
COMPLETING_EVENTS = ("answer", "close")


def nearest_rank(values: Sequence[int], percent: int) -> int | None:
    """The `percent`-th percentile of `values` by the nearest-rank rule: the value at
    rank ceil(percent/100 × n) of the sorted values (rank 1 at least); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent * len(ordered) / 100))
    return ordered[rank - 1]


@dataclass(frozen=True)
class ReportRow:
    system: str  # a system's slug; "" for the row of all systems
    label: str
    received: int
    completed: int
    acknowledge_median: int | None
    acknowledge_p90: int | None
    answer_median: int | None
    answer_p90: int | None
    overdue_now: int
    appeals: int
    amendments_granted: int = 0
    amendments_denied: int = 0
    appeal_outcomes: str = ""


# The table's columns, in order: (attribute, heading). The CSV export and the page share it.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("label", "System"),
    ("received", "Received"),
    ("completed", "Completed"),
    ("acknowledge_median", "Working days to acknowledge, median"),
    ("acknowledge_p90", "Working days to acknowledge, 90th percentile"),
    ("answer_median", "Working days to answer, median"),
    ("answer_p90", "Working days to answer, 90th percentile"),
    ("overdue_now", "Overdue now"),
    ("amendments_granted", "Amendments granted"),
    ("amendments_denied", "Amendments denied"),
    ("appeals", "Appeals received"),
    ("appeal_outcomes", "Appeal outcomes"),
)


@dataclass
class _Facts:
    """What the report needs of one request, dates in the local time zone."""

    systems: list[str]
    received: bool = False
    completed: bool = False
    appealed: bool = False
    appeal_outcome: str = ""  # decided in the period: AppealOutcome value
    overdue: bool = False
    days_to_acknowledge: int | None = None
    days_to_answer: int | None = None


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """The period as aware datetimes: from the start of `start` to before the day after `end`."""
    return (
        timezone.make_aware(datetime.datetime.combine(start, datetime.time.min)),
        timezone.make_aware(
            datetime.datetime.combine(end + datetime.timedelta(1), datetime.time.min)
        ),
    )


def _facts(start: datetime.date, end: datetime.date) -> list[_Facts]:
    begin, until = _bounds(start, end)
    in_period = {"at__gte": begin, "at__lt": until}
    today = timezone.localdate()
    # The first answer and the first close of each request with either in the period.
    firsts: dict[int, dict[str, datetime.datetime]] = {}
    completed_in_period = RequestEvent.objects.filter(
        event__in=COMPLETING_EVENTS, **in_period
    ).values("request_id")
    completing = (
        RequestEvent.objects.filter(
            event__in=COMPLETING_EVENTS, at__lt=until, request_id__in=completed_in_period
        )
        .values("request_id", "event")
        .annotate(first=Min("at"))
    )
    for row in completing:
        firsts.setdefault(row["request_id"], {})[row["event"]] = row["first"]
    appealed = set(
        RequestEvent.objects.filter(event="appeal", **in_period).values_list(
            "request_id", flat=True
        )
    )
    decided = dict(
        RequestEvent.objects.filter(event="decide_appeal", **in_period).values_list(
            "request_id", "request__appeal_outcome"
        )
    )
    # A request completed before the period and closed in it is not this period's.
    completed_ids = {pk for pk, found in firsts.items() if min(found.values()) >= begin}
    requests = (
        PrivacyActRequest.objects.exclude(status__in=NEVER_WORKED)
        .filter(
            Q(received_at__gte=begin, received_at__lt=until)
            | Q(acknowledged_at__gte=begin, acknowledged_at__lt=until)
            | Q(pk__in=completed_ids | appealed | set(decided))
            | Q(status__in=OPEN, due_on__lt=today)
        )
        .values("pk", "systems", "status", "received_at", "acknowledged_at", "due_on")
    )
    facts = []
    for request in requests:
        received_on = _local_date(request["received_at"])
        fact = _Facts(
            systems=list(dict.fromkeys(request["systems"] or [])),
            received=begin <= request["received_at"] < until,
            completed=request["pk"] in completed_ids,
            appealed=request["pk"] in appealed,
            appeal_outcome=decided.get(request["pk"], ""),
            overdue=request["status"] in OPEN
            and request["due_on"] is not None
            and request["due_on"] < today,
        )
        acknowledged = request["acknowledged_at"]
        if acknowledged is not None and begin <= acknowledged < until:
            fact.days_to_acknowledge = working_days_between(received_on, _local_date(acknowledged))
        answered = firsts.get(request["pk"], {}).get("answer")
        if answered is not None and answered >= begin:
            fact.days_to_answer = working_days_between(received_on, _local_date(answered))
        facts.append(fact)
    return facts


def _amendments(start: datetime.date, end: datetime.date) -> Counter[tuple[str, str]]:
    """(system, decision) → amendments decided so in the period."""
    begin, until = _bounds(start, end)
    return Counter(
        Amendment.objects.filter(decided_at__gte=begin, decided_at__lt=until)
        .exclude(decision=AmendmentDecision.PENDING)
        .values_list("system", "decision")
    )


def _row(
    system: str, label: str, facts: Iterable[_Facts], decided: Counter[tuple[str, str]]
) -> ReportRow:
    facts = list(facts)

    def decisions(decision: str) -> int:
        return sum(
            n for (where, how), n in decided.items() if how == decision and system in ("", where)
        )

    acknowledge = [f.days_to_acknowledge for f in facts if f.days_to_acknowledge is not None]
    answer = [f.days_to_answer for f in facts if f.days_to_answer is not None]
    return ReportRow(
        system=system,
        label=label,
        received=sum(f.received for f in facts),
        completed=sum(f.completed for f in facts),
        acknowledge_median=nearest_rank(acknowledge, 50),
        acknowledge_p90=nearest_rank(acknowledge, 90),
        answer_median=nearest_rank(answer, 50),
        answer_p90=nearest_rank(answer, 90),
        overdue_now=sum(f.overdue for f in facts),
        appeals=sum(f.appealed for f in facts),
        amendments_granted=decisions(AmendmentDecision.GRANTED),
        amendments_denied=decisions(AmendmentDecision.DENIED),
        appeal_outcomes=", ".join(
            f"{outcome.label.lower()} {sum(f.appeal_outcome == outcome for f in facts)}"
            for outcome in AppealOutcome
        ),
    )


def report(start: datetime.date, end: datetime.date, system: str | None = None) -> list[ReportRow]:
    """The report for the period from `start` to `end` (both included): a row per system
    of the catalogue (or only `system`), then, without `system`, a row of all systems
    in which a request counts once."""
    if end < start:
        raise ValueError("The period ends before it starts.")
    facts = _facts(start, end)
    decided = _amendments(start, end)
    systems = SystemOfRecords.objects.filter(current_revision__isnull=False).order_by("slug")
    if system:
        systems = systems.filter(slug=system)
    rows = [
        _row(s.slug, f"{s.number} {s.name}", (f for f in facts if s.slug in f.systems), decided)
        for s in systems
    ]
    if not system:
        rows.append(_row("", ALL_SYSTEMS, facts, decided))
    return rows


def cells(row: ReportRow) -> list[object]:
    """A row's cells in the order of COLUMNS (None: no value to compute a figure from)."""
    return [getattr(row, attribute) for attribute, _ in COLUMNS]
