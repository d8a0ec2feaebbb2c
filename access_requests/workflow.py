"""The lifecycle of a Privacy Act request: which move may follow which status, who may make
it, what it needs, and what it does to the clocks (issue 12, item 1). Views, the admin,
the API and tasks ask this module; none of them changes a request's status itself.

Every move is made in one transaction on the locked request, writes one event in the
request's history (who, when, what — never a value the requester gave) and recomputes the
request's next deadline (`due_on`), which the queue sorts and filters on.

The clocks (access_requests/clocks.py) run in each agency's working days from receipt of
a complete request (31 CFR 1.26(f)). Waiting on the requester stops them; resuming adds
the working days they stood still to every limit. An extension replaces the date with a
later one, with its reason. A request about systems of two agencies keeps both agencies'
clocks; its next deadline is the earlier.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from access_requests.clocks import (
    AgencyClocks,
    Deadline,
    add_days,
    clocks_for,
    working_days_between,
)
from access_requests.constants import AmendmentDecision, ClockStep, DayCount
from access_requests.models import (
    NOT_OPEN,
    AppealOutcome,
    IdentityMethod,
    PauseReason,
    PrivacyActRequest,
    RequestEvent,
    RequestKind,
    RequestStatus,
)
from sorn.constants import Role
from sorn.models import SystemOfRecords
from sorn.roles import holds_role, roles_of

S = RequestStatus
OPEN = frozenset(s for s in RequestStatus if s not in NOT_OPEN)
WORKING = frozenset({S.RECEIVED, S.IN_PROGRESS, S.EXTENDED, S.PARTIALLY_ANSWERED})
# Steps done once the request is acknowledged; the others once it is answered.
ACKNOWLEDGING = frozenset({ClockStep.ACKNOWLEDGMENT, ClockStep.AMENDMENT_ACKNOWLEDGMENT})
ANSWERED = frozenset({S.ANSWERED, S.APPEALED, S.CLOSED})
PRIVACY_OFFICERS = frozenset({Role.PRIVACY_OFFICER})
# The queue and the reminders say "due soon" this many working days ahead.
DUE_SOON_WORKING_DAYS = 3


class MoveRefused(ValidationError):
    """A move the lifecycle does not allow now, or without what it needs; nothing changed."""


@dataclass(frozen=True)
class Move:
    name: str
    label: str  # a button's words
    from_statuses: frozenset[RequestStatus]
    to: RequestStatus | None  # None: the status stays (or the effect decides)
    roles: frozenset[str] = PRIVACY_OFFICERS
    # What the move needs (a keyword of `make`) and says in the history.
    needs: tuple[str, ...] = ()
    # The history's name for it; the move's own name when empty.
    event: str = ""
    # Whether the move makes sense for this request beyond its status (offered only
    # then; `make` refuses otherwise with its own reason).
    applies: Callable[[PrivacyActRequest], bool] = lambda request: True


MOVES: dict[str, Move] = {
    move.name: move
    for move in (
        # The requester proves their e-mail address (access_requests.verification); no
        # staff role makes this move.
        Move(
            "verify",
            "Verified",
            frozenset({S.UNVERIFIED}),
            S.RECEIVED,
            roles=frozenset(),
            event="verified",
        ),
        Move("assign", "Assign", OPEN, None, needs=("assignee",)),
        Move("acknowledge", "Record the acknowledgment", WORKING | {S.WAITING}, None),
        Move(
            "accept_identity",
            "Accept the requester's identity",
            WORKING | {S.WAITING},
            None,
            needs=("method",),
        ),
        Move("start", "Start work", frozenset({S.RECEIVED}), S.IN_PROGRESS),
        Move(
            "wait",
            "Wait on the requester",
            WORKING,
            S.WAITING,
            needs=("pause_reason", "asked_of_requester"),
        ),
        Move("resume", "The requester answered: resume", frozenset({S.WAITING}), S.IN_PROGRESS),
        Move(
            "extend",
            "Extend the time limit",
            frozenset({S.RECEIVED, S.IN_PROGRESS, S.PARTIALLY_ANSWERED, S.EXTENDED, S.APPEALED}),
            None,
            needs=("extended_to", "reason"),
        ),
        Move(
            "answer_part",
            "Record a partial answer",
            frozenset({S.IN_PROGRESS, S.EXTENDED}),
            S.PARTIALLY_ANSWERED,
        ),
        Move(
            "answer",
            "Record the answer",
            frozenset({S.IN_PROGRESS, S.EXTENDED, S.PARTIALLY_ANSWERED}),
            S.ANSWERED,
        ),
        # An appeal of the answer, or of a request not answered in time (5 U.S.C.
        # 552a(d)(3); 31 CFR 1.27(e)).
        Move(
            "appeal",
            "Record an appeal",
            WORKING | {S.ANSWERED},
            S.APPEALED,
            applies=lambda request: _appealable(request),
        ),
        Move(
            "acknowledge_appeal",
            "Record the appeal's acknowledgment",
            frozenset({S.APPEALED}),
            None,
        ),
        Move(
            "decide_appeal",
            "Record the appeal's decision",
            frozenset({S.APPEALED}),
            S.CLOSED,
            needs=("outcome", "reason"),
        ),
        Move("close", "Close", OPEN, S.CLOSED, needs=("reason",)),
    )
}


# Clocks ----------------------------------------------------------------------------------


def agencies_of(request: PrivacyActRequest) -> list[AgencyClocks]:
    """The clocks of every agency whose systems the request asks about, in the systems'
    order, each once."""
    return agencies_of_systems(request.systems)


def agencies_of_systems(systems: Iterable[str]) -> list[AgencyClocks]:
    """The clocks of every agency keeping one of `systems` (catalogue slugs), in the
    systems' order, each once."""
    documents = (
        SystemOfRecords.objects.filter(slug__in=list(systems), current_revision__isnull=False)
        .order_by("slug")
        .values_list("current_revision__document", flat=True)
    )
    agencies = dict.fromkeys(document["agency"] for document in documents)
    return [clocks_for(agency) for agency in agencies]


def deadlines(request: PrivacyActRequest, today: datetime.date | None = None) -> list[Deadline]:
    """Each agency's next deadline for the request: its first step not yet done, due in
    the step's days from receipt (of the request, or of the appeal) plus the working days
    the clock stood still; a later date where the limit was extended. None while the
    clock is stopped or the request is not open."""
    if request.status not in OPEN or request.paused_at is not None:
        return []
    appeal = request.status == S.APPEALED
    start = timezone.localtime(request.appealed_at if appeal else request.received_at).date()
    paused = paused_working_days(request)
    found = []
    for clocks in agencies_of(request):
        steps = (
            tuple(clocks.limit(step) for step in clocks.appeal_steps)
            if appeal
            else clocks.steps_for(request.kind)
        )
        for limit in steps:
            if _done(request, limit.step):
                continue
            due = add_days(start, limit.limit + paused, limit.days)
            if request.extended_to and request.extended_to > due:
                due = request.extended_to
            found.append(Deadline(clocks, limit, due))
            break
    return found


def paused_working_days(request: PrivacyActRequest) -> int:
    """Working days the clock stood still in finished pauses (each "wait" in the request's
    history to the next "resume"), since the appeal while under appeal (its clocks start
    afresh). Counted from the history in the calendar as it is now, never kept as a
    number: a holiday added later on a day the clock stood still is not skipped twice."""
    if request.pk is None:
        return 0  # a request being recorded has no history yet
    events = request.events.filter(event__in=("wait", "resume"))
    if request.status == S.APPEALED and request.appealed_at is not None:
        events = events.filter(at__gte=request.appealed_at)
    total, since = 0, None
    for event, at in events.order_by("at", "pk").values_list("event", "at"):
        if event == "wait":
            since = at
        elif since is not None:
            total += working_days_between(
                timezone.localtime(since).date(), timezone.localtime(at).date()
            )
            since = None
    return total


def _done(request: PrivacyActRequest, step: ClockStep) -> bool:
    if step == ClockStep.APPEAL_ACKNOWLEDGMENT:
        return request.appeal_acknowledged_at is not None
    if step == ClockStep.APPEAL_DECISION:
        return request.status != S.APPEALED
    if step in ACKNOWLEDGING:
        return request.acknowledged_at is not None
    return request.status in ANSWERED


def next_due(request: PrivacyActRequest) -> datetime.date | None:
    dates = [deadline.due for deadline in deadlines(request)]
    return min(dates) if dates else None


def due_soon_until(today: datetime.date | None = None) -> datetime.date:
    """The last day "due soon" reaches: DUE_SOON_WORKING_DAYS working days from today
    (the queue's filter and the assignees' reminders)."""
    return add_days(today or _today(), DUE_SOON_WORKING_DAYS, DayCount.WORKING)


def working_days_left(due: datetime.date, today: datetime.date | None = None) -> int:
    """Working days from today to the due date: negative when overdue."""
    today = today or timezone.localdate()
    if due >= today:
        return working_days_between(today, due)
    return -working_days_between(due, today)


# Moves -----------------------------------------------------------------------------------


def may(user, move: Move) -> bool:
    return holds_role(user, move.roles)


def moves_for(request: PrivacyActRequest, user) -> list[Move]:
    """The moves this user may make on the request now."""
    return [
        m
        for m in MOVES.values()
        if request.status in m.from_statuses and may(user, m) and m.applies(request)
    ]


def given(text: str | None) -> str:
    """What staff typed, trimmed; empty when nothing in it shows (spaces, zero-width and
    other format or control characters only): such a reason is no reason."""
    text = (text or "").strip()
    return text if any(not unicodedata.category(c).startswith(("Z", "C")) for c in text) else ""


def check_identity(request: PrivacyActRequest) -> None:
    # Nothing about records — not even whether there are any — goes to a requester whose
    # identity staff have not accepted (39 CFR 266.6; 31 CFR 1.26).
    if request.identity_accepted_at is None:
        raise MoveRefused("Accept the requester's identity before answering.", code="identity")


def _assign(request, actor, *, assignee, **_) -> str:
    if assignee is not None and not PRIVACY_OFFICERS & roles_of(assignee):
        raise MoveRefused("Only a privacy officer can be assigned a request.", code="assignee")
    request.assignee = assignee
    return f"Assigned to {assignee.get_username()}" if assignee else "Unassigned"


def _acknowledge(request, actor, **_) -> str:
    if request.acknowledged_at is not None:
        raise MoveRefused("The request was already acknowledged.", code="acknowledged")
    request.acknowledged_at = timezone.now()
    return "Acknowledged"


def _accept_identity(request, actor, *, method, **_) -> str:
    if method not in IdentityMethod.values:
        raise MoveRefused("Say how identity was established.", code="method")
    request.identity_method = method
    request.identity_accepted_at = timezone.now()
    request.identity_accepted_by = actor
    return f"Identity accepted: {IdentityMethod(method).label}"


def _wait(request, actor, *, pause_reason, asked_of_requester, **_) -> str:
    if pause_reason not in PauseReason.values:
        raise MoveRefused("Say what the office waits for.", code="pause_reason")
    if not given(asked_of_requester):
        raise MoveRefused(
            "Say what the requester is asked for: it is shown on their status page.",
            code="asked_of_requester",
        )
    request.paused_at = timezone.now()
    request.pause_reason = pause_reason
    request.asked_of_requester = asked_of_requester.strip()
    return f"Waiting on the requester for: {PauseReason(pause_reason).label.lower()}; clock stopped"


def _resume(request, actor, **_) -> str:
    stood = working_days_between(timezone.localtime(request.paused_at).date(), timezone.localdate())
    request.paused_at = None
    request.pause_reason = ""
    request.asked_of_requester = ""
    return f"The requester answered; clock restarted ({stood} working days paused)"


def _extend(request, actor, *, extended_to, reason, **_) -> str:
    current = next_due(request)
    if not isinstance(extended_to, datetime.date):
        raise MoveRefused("Give the new date.", code="extended_to")
    if extended_to <= _today():
        raise MoveRefused("The new date must be after today.", code="extended_to")
    if current is not None and extended_to <= current:
        raise MoveRefused(
            f"The new date must be after the current one ({current:%B %-d, %Y}).",
            code="extended_to",
        )
    if not given(reason):
        raise MoveRefused("Give the reason for the extension.", code="reason")
    request.extended_to = extended_to
    request.extension_reason = reason.strip()[:300]
    if request.status != S.APPEALED:  # an appeal stays under appeal, on its later date
        request.status = S.EXTENDED
    return f"Time limit extended to {extended_to:%B %-d, %Y}: {request.extension_reason}"


def _undecided_amendments(request: PrivacyActRequest) -> bool:
    """Whether an amendment request still has a correction to decide
    (access_requests.amendments): neither the answer nor an appeal's decision comes
    before every one is decided."""
    return (
        request.kind == RequestKind.AMENDMENT
        and request.amendments.filter(decision=AmendmentDecision.PENDING).exists()
    )


def _answer(request, actor, **_) -> str:
    check_identity(request)
    if _undecided_amendments(request):
        raise MoveRefused("Decide every amendment before answering.", code="amendments")
    return "Answered"


def _answer_part(request, actor, **_) -> str:
    check_identity(request)
    return "Partly answered"


def _appealable(request: PrivacyActRequest) -> bool:
    overdue = request.due_on is not None and request.due_on < _today()
    return request.status == S.ANSWERED or overdue


def _appeal(request, actor, **_) -> str:
    if not _appealable(request):
        raise MoveRefused(
            "Only an answered request, or one not answered in time, can be appealed.",
            code="appeal",
        )
    request.appealed_at = timezone.now()
    # The appeal runs on clocks of its own, from its receipt.
    request.extended_to = None
    request.extension_reason = ""
    return (
        "Appeal received"
        if request.status == S.ANSWERED
        else ("Appeal received: the request was not answered in time")
    )


def _acknowledge_appeal(request, actor, **_) -> str:
    if request.appeal_acknowledged_at is not None:
        raise MoveRefused("The appeal was already acknowledged.", code="acknowledged")
    request.appeal_acknowledged_at = timezone.now()
    return "Appeal acknowledged"


def _decide_appeal(request, actor, *, outcome, reason, **_) -> str:
    if outcome not in AppealOutcome.values:
        raise MoveRefused("Say how the appeal was decided.", code="outcome")
    if not given(reason):
        raise MoveRefused("Give the reasons for the decision.", code="reason")
    if _undecided_amendments(request):
        # An appeal of a request not answered in time: the corrections still undecided
        # are decided first (granted, or denied so the requester may disagree).
        raise MoveRefused("Decide every amendment before deciding the appeal.", code="amendments")
    if (
        outcome == AppealOutcome.GRANTED
        and request.kind == RequestKind.AMENDMENT
        and request.amendments.filter(decision=AmendmentDecision.DENIED).exists()
    ):
        raise MoveRefused(
            "An appeal granted in full corrects the records: grant the denied amendments first.",
            code="amendments",
        )
    request.appeal_outcome = outcome
    request.appeal_decision_reasons = reason.strip()[:2000]
    request.closed_at = timezone.now()
    return f"Appeal decided: {AppealOutcome(outcome).label.lower()}"


def _today() -> datetime.date:
    return timezone.localdate()


def _close(request, actor, *, reason, **_) -> str:
    if not given(reason):
        raise MoveRefused("Give the reason for closing.", code="reason")
    request.closed_at = timezone.now()
    # A closed request asks nothing more of its requester (the status page says so).
    request.paused_at = None
    request.pause_reason = ""
    request.asked_of_requester = ""
    return f"Closed: {reason.strip()[:200]}"


def _verify(request, actor, **_) -> str:
    now = timezone.now()
    request.verified_at = now
    # The clocks run from receipt of a complete request (31 CFR 1.26(f)): for a web
    # request, the moment its sender proved the address.
    request.received_at = now
    request.verification_nonce = ""
    return "E-mail address verified; request received"


EFFECTS: dict[str, Callable[..., str]] = {
    "verify": _verify,
    "assign": _assign,
    "acknowledge": _acknowledge,
    "accept_identity": _accept_identity,
    "start": lambda request, actor, **_: "Work started",
    "wait": _wait,
    "resume": _resume,
    "extend": _extend,
    "answer_part": _answer_part,
    "answer": _answer,
    "appeal": _appeal,
    "acknowledge_appeal": _acknowledge_appeal,
    "decide_appeal": _decide_appeal,
    "close": _close,
}


def make(request: PrivacyActRequest, name: str, *, actor, **details) -> RequestEvent:
    """Make the move `name` on the request as `actor`, with what the move needs
    (`details`). MoveRefused, and nothing changed, when the lifecycle does not allow it,
    the actor may not make it, or something it needs is missing. `actor` None is the
    service itself or the requester (verification, tasks): only moves without a staff
    role ("verify") or those the service makes on its own schedule."""
    try:
        move = MOVES[name]
    except KeyError:
        raise MoveRefused(f"There is no move {name!r}.", code="move") from None
    missing = [need for need in move.needs if need not in details]
    if missing:
        raise MoveRefused(f"{move.label}: give {', '.join(missing)}.", code="needs")
    with transaction.atomic():
        locked = PrivacyActRequest.objects.select_for_update().get(pk=request.pk)
        if (actor is None and move.roles) or (actor is not None and not may(actor, move)):
            raise MoveRefused(f"{move.label}: not for your role.", code="role")
        if locked.status not in move.from_statuses:
            raise MoveRefused(
                f"{move.label}: not possible while the request is "
                f"{locked.get_status_display().lower()}.",
                code="status",
            )
        before, before_label = locked.status, locked.get_status_display()
        what = EFFECTS[name](locked, actor, **details)
        if move.to is not None:
            locked.status = move.to
        if locked.status != before:
            what = f"{what} ({before_label} → {locked.get_status_display()})"
        # The event first: the next deadline counts the pauses in the history, this
        # move's own "resume" with them.
        event = RequestEvent.objects.create(
            request=locked,
            at=timezone.now(),  # the service's clock, as the move's own dates
            actor=actor,
            event=move.event or name,
            what=what[:300],
        )
        locked.due_on = next_due(locked)
        locked.save()
    request.refresh_from_db()
    return event


def recompute_due_dates(requests: Iterable[PrivacyActRequest] | None = None) -> int:
    """Recompute the next deadline of open requests (all of them by default): after the
    holiday calendar changed, a date computed before may be wrong. Returns how many
    changed."""
    changed = 0
    rows = requests if requests is not None else PrivacyActRequest.objects.filter(status__in=OPEN)
    for request in rows:
        due = next_due(request)
        if due != request.due_on:
            PrivacyActRequest.objects.filter(pk=request.pk).update(due_on=due)
            changed += 1
    return changed
