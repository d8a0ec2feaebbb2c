"""Letters to the requester (issue 12, item 7): acknowledgment, request for more
information, delay notice, determination, denial, appeal acknowledgment, appeal decision.

One plain-text template per kind (templates/access_requests/letters/<kind>.txt); what
differs between agencies is data — the time limits, where an appeal goes and the
regulations cited come from access_requests/clocks.py and the notices in the catalogue,
never from a copy of a template per agency.

What each kind must contain is declared below, element by element, each with the rule
that asks for it. `check(draft)` names every element missing from a draft — empty, or
absent from the rendered text — and `send` refuses a letter with anything missing: nothing
is e-mailed, nothing stored. Where a regulation asks for no particular content (an
acknowledgment), the elements are the issue's, and the comment says so; no legal wording is
added beyond what the regulations and the notices say.

A letter's text names the requester: it is sealed under the request's own data key, like
the request's files (access_requests/documents.py), and goes with that key.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from access_requests import amendments, workflow
from access_requests.clocks import (
    USPS,
    AgencyClocks,
    TimeLimit,
    add_days,
)
from access_requests.constants import AmendmentDecision, ClockStep, LetterDelivery, LetterKind
from access_requests.documents import seal, unseal
from access_requests.matching import notification_answer
from access_requests.models import (
    Letter,
    PrivacyActRequest,
    RequestEvent,
    RequestKind,
    RequestStatus,
)
from access_requests.rights import SystemRights, system_rights
from sorn.models import SystemOfRecords
from sorn.roles import holds_role

K = LetterKind

# 5 U.S.C. 552a(g)(1): an individual may bring a civil action against the agency in the
# district courts of the United States. Said plainly; nothing added about when or how.
JUDICIAL_REVIEW = (
    "The Privacy Act also gives you the right to seek judicial review of this decision in a "
    "United States district court (5 U.S.C. 552a(g)(1))."
)
# 5 U.S.C. 552a(d)(3): after the reviewing official refuses to amend, the individual may
# file a concise statement of the reasons for disagreeing.
STATEMENT_OF_DISAGREEMENT = (
    "You may file with us a concise statement of the reasons you disagree with this "
    "decision (5 U.S.C. 552a(d)(3)). Any later disclosure of the disputed record will note "
    "that you dispute it and include a copy of your statement (5 U.S.C. 552a(d)(4))."
)
# Where an appeal goes, by agency (Notice.agency). USPS: to the General Counsel (39 CFR 266;
# clocks.USPS.appeal) — the regulation's address is not transcribed in this project, so
# none is given. An agency not named here: the address its notices publish in place of
# the system manager's (the Mint's Disclosure Officer, mint-009 notification procedure),
# read from the catalogue.
APPEAL_TO: Mapping[str, str] = {USPS.agency: "The General Counsel of the Postal Service"}


class LetterRefused(ValidationError):
    """A letter that cannot be sent as it is: nothing sent, nothing stored."""


@dataclass
class LetterDraft:
    """A letter rendered but not sent: what `check` reads, what `send` seals and sends."""

    request: PrivacyActRequest
    kind: LetterKind
    agency: AgencyClocks
    values: dict[str, Any]
    subject: str
    body: str

    @property
    def label(self) -> str:
        return self.kind.label.lower()


@dataclass(frozen=True)
class Element:
    """Something a letter must contain: the value `key` of the draft, which must be given
    and appear in the text; only `when` the condition holds."""

    key: str
    name: str  # how check() names it when missing
    citation: str
    when: Callable[[LetterDraft], bool] = lambda draft: True


@dataclass(frozen=True)
class LetterRules:
    kind: LetterKind
    # What staff type for this kind (access_requests.forms.letter_form).
    fields: tuple[str, ...]
    elements: tuple[Element, ...] = field(default_factory=tuple)


def _limit(draft: LetterDraft, step: ClockStep) -> TimeLimit | None:
    return next((limit for limit in draft.agency.limits if limit.step == step), None)


def _refused(draft: LetterDraft) -> bool:
    return bool(draft.values.get("refused"))


def _amendment_refused(draft: LetterDraft) -> bool:
    return _refused(draft) and draft.request.kind == RequestKind.AMENDMENT


TRACKING = Element(
    "tracking_number",
    "the tracking number",
    # Issue 12, item 7: every letter names the request it answers.
    "issue 12, item 7",
)
OFFICIAL = Element(
    "official",
    "the name and title of the official responsible",
    # 5 U.S.C. 552a(d)(2)(B)(ii) (the reviewing official); issue 12, item 4 (denials state
    # the official responsible).
    "5 U.S.C. 552a(d)(2)(B)(ii)",
)
REASONS = Element(
    "reasons",
    "the reasons",
    # 5 U.S.C. 552a(d)(2)(B)(ii): "the reason for the refusal".
    "5 U.S.C. 552a(d)(2)(B)(ii)",
)
OFFICIAL_FIELDS = ("official_name", "official_title")

RULES: dict[LetterKind, LetterRules] = {
    rules.kind: rules
    for rules in (
        LetterRules(
            K.ACKNOWLEDGMENT,
            OFFICIAL_FIELDS,
            (
                # USPS acknowledges within 10 working days (39 CFR 266; clocks.py). The
                # regulation sets no content: these are the (item 7).
                TRACKING,
                Element("received_on", "the date the request was received", "issue 12, item 7"),
            ),
        ),
        LetterRules(
            K.MORE_INFORMATION,
            ("asked", *OFFICIAL_FIELDS),
            (
                TRACKING,
                # 31 CFR 1.26(f): the Mint's time runs from a complete request; 39 CFR 266.6:
                # identity sufficient to satisfy the custodian. The requester must know
                # what is missing to complete it.
                Element("asked", "what the requester is asked for", "31 CFR 1.26(f); 39 CFR 266.6"),
            ),
        ),
        LetterRules(
            K.DELAY_NOTICE,
            ("delay_reason", "expected_on", *OFFICIAL_FIELDS),
            (
                TRACKING,
                # 31 CFR 1.26(g)(1): told before the time runs out, with the reason and the
                # date by which a decision is expected.
                Element("delay_reason", "the reason for the delay", "31 CFR 1.26(g)(1)"),
                Element(
                    "expected_on",
                    "the date by which a decision is expected",
                    "31 CFR 1.26(g)(1)",
                ),
            ),
        ),
        LetterRules(
            K.DETERMINATION,
            ("decision", *OFFICIAL_FIELDS),
            (
                TRACKING,
                # 5 U.S.C. 552a(d)(1), (f)(1): the request is answered for the systems asked.
                Element("systems", "the systems of records asked about", "5 U.S.C. 552a(d)(1)"),
                Element("decision", "the decision", "5 U.S.C. 552a(d)(1)"),
            ),
        ),
        LetterRules(
            K.DENIAL,
            ("reasons", *OFFICIAL_FIELDS),
            (
                TRACKING,
                Element("systems", "the systems of records asked about", "5 U.S.C. 552a(d)(1)"),
                REASONS,
                OFFICIAL,
                # 5 U.S.C. 552a(d)(2)(B)(ii): the procedures to request a review of the
                # refusal; Mint 31 CFR 1.27(e); USPS 39 CFR 266 (to the General Counsel).
                Element("appeal", "the right to appeal", "31 CFR 1.27(e); 39 CFR 266"),
                Element("appeal_to", "where to send an appeal", "31 CFR 1.27(e); 39 CFR 266"),
                # 31 CFR 1.27(e): within 35 days of the decision. Only where the agency's
                # rules set a time (USPS's regulation, as transcribed in clocks.py, sets none).
                Element(
                    "appeal_within",
                    "how long the requester has to appeal",
                    "31 CFR 1.27(e)",
                    when=lambda draft: _limit(draft, ClockStep.APPEAL_FILING) is not None,
                ),
                # 5 U.S.C. 552a(g)(1); issue 12, item 4.
                Element("judicial_review", "the right to judicial review", "5 U.S.C. 552a(g)(1)"),
            ),
        ),
        LetterRules(
            K.APPEAL_ACKNOWLEDGMENT,
            ("appeal_received_on", *OFFICIAL_FIELDS),
            (
                TRACKING,
                # 31 CFR 1.27(e): the acknowledgment states the date the appeal was
                # received and the days allowed to decide it.
                Element("appeal_received_on", "the date the appeal was received", "31 CFR 1.27(e)"),
                Element(
                    "decide_within",
                    "the days allowed to decide the appeal",
                    "31 CFR 1.27(e)",
                    when=lambda draft: _limit(draft, ClockStep.APPEAL_DECISION) is not None,
                ),
            ),
        ),
        LetterRules(
            K.APPEAL_DECISION,
            ("decision", "refused", "reasons", *OFFICIAL_FIELDS),
            (
                TRACKING,
                Element("decision", "the decision on the appeal", "31 CFR 1.27(e); 39 CFR 266"),
                OFFICIAL,
                # A refusal on appeal: its reasons (5 U.S.C. 552a(d)(2)(B)(ii)), the right
                # to judicial review (5 U.S.C. 552a(d)(3), (g)(1)) and, for an amendment,
                # the right to a statement of disagreement (5 U.S.C. 552a(d)(3)).
                Element(REASONS.key, REASONS.name, REASONS.citation, when=_refused),
                Element(
                    "judicial_review",
                    "the right to judicial review",
                    "5 U.S.C. 552a(d)(3), (g)(1)",
                    when=_refused,
                ),
                Element(
                    "statement_of_disagreement",
                    "the right to file a statement of disagreement",
                    "5 U.S.C. 552a(d)(3)",
                    when=_amendment_refused,
                ),
            ),
        ),
    )
}

SUBJECTS: Mapping[LetterKind, str] = {
    K.ACKNOWLEDGMENT: "We have received your Privacy Act request",
    K.MORE_INFORMATION: "We need more information for your Privacy Act request",
    K.DELAY_NOTICE: "A decision on your Privacy Act request will take longer",
    K.DETERMINATION: "The decision on your Privacy Act request",
    K.DENIAL: "The decision on your Privacy Act request",
    K.APPEAL_ACKNOWLEDGMENT: "We have received your Privacy Act appeal",
    K.APPEAL_DECISION: "The decision on your Privacy Act appeal",
}

# The letter that goes with a move of the workflow: after the move, its page is offered
# with what the move recorded (what was asked, the new date and its reason) already in it.
LETTER_AFTER_MOVE: Mapping[str, LetterKind] = {
    "acknowledge": K.ACKNOWLEDGMENT,
    "wait": K.MORE_INFORMATION,
    "extend": K.DELAY_NOTICE,
    "acknowledge_appeal": K.APPEAL_ACKNOWLEDGMENT,
    "decide_appeal": K.APPEAL_DECISION,
}

# Requests nobody works get no letter.
NO_LETTERS = frozenset({RequestStatus.UNVERIFIED, RequestStatus.TESTING})


def _day(day: datetime.date | None) -> str:
    return f"{day:%B %-d, %Y}" if day else ""


def _text(value: Any) -> str:
    """The value as text, trimmed; empty when nothing in it shows (spaces, zero-width and
    other format or control characters only), so an invisible value is not "given"."""
    text = str(value or "").strip()
    return text if any(not unicodedata.category(c).startswith(("Z", "C")) for c in text) else ""


def _systems_of(request: PrivacyActRequest, agency: AgencyClocks) -> list[SystemRights]:
    systems = SystemOfRecords.objects.filter(
        slug__in=request.systems, current_revision__isnull=False
    ).select_related("current_revision")
    return [
        rights
        for rights in map(system_rights, systems.order_by("slug"))
        if rights.agency == agency.agency
    ]


def _appeal_to(agency: AgencyClocks, systems: list[SystemRights]) -> str:
    if agency.agency in APPEAL_TO:
        return APPEAL_TO[agency.agency]
    published = dict.fromkeys(ref.instead for s in systems for ref in s.notification_references)
    return "; ".join(published)


def _appeal_received_on(request: PrivacyActRequest) -> datetime.date | None:
    """The day the workflow recorded the appeal (its "appeal" move), if it did."""
    event = request.events.filter(event="appeal").order_by("-at").first()
    return timezone.localtime(event.at).date() if event else None


def agency_choices(request: PrivacyActRequest) -> list[AgencyClocks]:
    """The agencies a letter about this request may come from: those whose systems it asks
    about."""
    return workflow.agencies_of(request)


def _agency(request: PrivacyActRequest, agency: str | None) -> AgencyClocks:
    agencies = agency_choices(request)
    if agency:
        for clocks in agencies:
            if clocks.agency == agency:
                return clocks
        raise LetterRefused("The request asks about no system of that agency.", code="agency")
    if len(agencies) != 1:
        raise LetterRefused(
            "The request asks about systems of more than one agency: say which agency's "
            "letter this is."
            if agencies
            else "The request asks about no published system.",
            code="agency",
        )
    return agencies[0]


def _values(
    request: PrivacyActRequest,
    kind: LetterKind,
    agency: AgencyClocks,
    fields: Mapping[str, Any],
) -> dict[str, Any]:
    today = timezone.localdate()
    systems = _systems_of(request, agency)
    official_name, official_title = (
        _text(fields.get("official_name")),
        _text(fields.get("official_title")),
    )
    appeal_filing = next(
        (lim for lim in agency.limits if lim.step == ClockStep.APPEAL_FILING), None
    )
    appeal_decision = next(
        (lim for lim in agency.limits if lim.step == ClockStep.APPEAL_DECISION), None
    )
    appeal_received = fields.get("appeal_received_on") or _appeal_received_on(request)
    # The wait and extend moves keep what was asked and the new date on the request: the
    # letter that goes with the move says the same unless staff type otherwise.
    asked = _text(fields.get("asked")) or _text(request.asked_of_requester)
    expected_on = fields.get("expected_on") or request.extended_to
    delay_reason = _text(fields.get("delay_reason")) or _text(request.extension_reason)
    # What is still due after this letter (an acknowledgment does not promise itself).
    deadlines = [
        d
        for d in workflow.deadlines(request)
        if d.agency == agency and d.limit.step not in workflow.ACKNOWLEDGING
    ]
    return {
        "agency": agency,
        "letter_date": _day(today),
        "requester_name": _text(request.requester_name),
        "tracking_number": request.tracking_number,
        "received_on": _day(timezone.localtime(request.received_at).date()),
        "request_kind": RequestKind(request.kind).label,
        "amendment": request.kind == RequestKind.AMENDMENT,
        "systems": "\n".join(f"- {s.name} ({s.number})" for s in systems),
        "deadlines": [(d.limit.duty, _day(d.due), d.limit.citation) for d in deadlines],
        "asked": asked,
        "paused_on": _day(timezone.localtime(request.paused_at).date())
        if request.paused_at
        else "",
        "delay_reason": delay_reason,
        # A day already gone is no date by which a decision is expected (31 CFR
        # 1.26(g)(1)): the check then finds it missing.
        "expected_on": _day(expected_on) if expected_on and expected_on > today else "",
        # What the search found and staff confirmed (notification), or the corrections
        # made (amendment), in this agency's systems (each agency answers for its own),
        # unless staff write it themselves.
        "decision": _text(fields.get("decision")) or _decided(request, [s.slug for s in systems]),
        "refused": bool(fields.get("refused")),
        # An amendment's denial gives the reasons recorded with each refused correction,
        # unless staff write them.
        "reasons": _text(fields.get("reasons"))
        or (
            amendments.decided_in_words(
                request, AmendmentDecision.DENIED, [s.slug for s in systems]
            )
            if request.kind == RequestKind.AMENDMENT
            else ""
        ),
        "official_name": official_name,
        "official_title": official_title,
        "official": f"{official_name}, {official_title}"
        if official_name and official_title
        else "",
        "appeal": f"{agency.appeal} ({agency.appeal_citation})." if agency.appeal else "",
        "appeal_to": _appeal_to(agency, systems),
        "appeal_within": appeal_filing.limit_words if appeal_filing else "",
        "appeal_within_citation": appeal_filing.citation if appeal_filing else "",
        "appeal_received_on": _day(appeal_received),
        "decide_within": appeal_decision.limit_words if appeal_decision else "",
        "decide_within_citation": appeal_decision.citation if appeal_decision else "",
        "decide_note": appeal_decision.note if appeal_decision else "",
        "decide_by": _day(
            add_days(appeal_received, appeal_decision.limit, appeal_decision.days)
            if appeal_received and appeal_decision
            else None
        ),
        "judicial_review": JUDICIAL_REVIEW,
        "statement_of_disagreement": STATEMENT_OF_DISAGREEMENT,
    }


def _decided(request: PrivacyActRequest, systems: list[str]) -> str:
    """The decision a determination about `systems` states unless staff write it: what
    the search found (notification), or the corrections made (amendment)."""
    if request.kind == RequestKind.NOTIFICATION:
        return notification_answer(request, systems)
    if request.kind == RequestKind.AMENDMENT:
        return amendments.decided_in_words(request, AmendmentDecision.GRANTED, systems)
    return ""


def draft(
    request: PrivacyActRequest, kind: LetterKind | str, *, agency: str | None = None, **fields
) -> LetterDraft:
    """The letter of `kind` rendered for the request with what staff typed (`fields`:
    those RULES[kind].fields names). Not checked: `check` says what it lacks."""
    kind = LetterKind(kind)
    if request.status in NO_LETTERS:
        raise LetterRefused(
            f"No letter goes to a request that is {request.get_status_display().lower()}.",
            code="status",
        )
    clocks = _agency(request, agency)
    values = _values(request, kind, clocks, fields)
    body = render_to_string(f"access_requests/letters/{kind.value}.txt", values).strip() + "\n"
    subject = f"{SUBJECTS[kind]} ({request.tracking_number})"
    return LetterDraft(request, kind, clocks, values, subject, body)


def check(letter: LetterDraft) -> list[str]:
    """What the letter lacks of what its kind must contain (RULES), in the rules' order;
    empty when it may be sent. An element is missing when its value is empty or is not in
    the letter's text."""
    missing = []
    for element in RULES[letter.kind].elements:
        if not element.when(letter):
            continue
        value = _text(letter.values.get(element.key))
        if not value or value not in letter.body:
            missing.append(element.name)
    return missing


def may_send(user) -> bool:
    """Privacy officers, and only they, send letters (as they make the workflow's moves)."""
    return holds_role(user, workflow.PRIVACY_OFFICERS)


def _seal(request: PrivacyActRequest, part: str, text: str) -> bytes:
    return seal(request, f"access_requests.Letter.{part}", text.encode())


def read_letter(letter: Letter) -> tuple[str, str]:
    """A kept letter's text and where it went (e-mail address or postal address)."""
    request = letter.request
    return (
        unseal(request, "access_requests.Letter.body", letter.sealed_body).decode(),
        unseal(request, "access_requests.Letter.to", letter.sealed_to).decode(),
    )


def send(
    request: PrivacyActRequest,
    kind: LetterKind | str,
    actor,
    *,
    agency: str | None = None,
    **fields,
) -> Letter:
    """Check, render, send and keep a letter, with its event in the request's history, in
    one transaction. LetterRefused, and nothing sent or stored, when anything the kind
    must contain is missing. E-mailed to the address the requester gave; with none, kept
    to be posted (delivery POST, not yet sent: staff print and post it, then
    `record_posting`).

    The e-mail goes inside the transaction: a letter kept as sent was sent, and a failed
    sending stores nothing."""
    if not may_send(actor):
        raise LetterRefused("Sending letters is not for your role.", code="role")
    letter = draft(request, kind, agency=agency, **fields)
    # A determination says what the systems hold of the requester, even that they hold
    # nothing: not before staff accept the requester's identity (39 CFR 266.6; 31 CFR
    # 1.26). A denial, which may be for want of identity, can go.
    if letter.kind == K.DETERMINATION and request.identity_accepted_at is None:
        raise LetterRefused(
            "Accept the requester's identity before sending a determination.", code="identity"
        )
    missing = check(letter)
    if missing:
        raise LetterRefused(
            f"This {letter.label} cannot be sent: it lacks {'; '.join(missing)}.",
            code="missing",
        )
    email = _text(request.requester_email)
    delivery = LetterDelivery.EMAIL if email else LetterDelivery.POST
    to = (
        email
        if email
        else "\n".join(
            v for v in (_text(request.requester_name), _text(request.requester_address)) if v
        )
    )
    body = letter.body
    if delivery == LetterDelivery.POST and to:
        body = f"{to}\n\n{body}"
    now = timezone.now()
    with transaction.atomic():
        kept = Letter.objects.create(
            request=request,
            kind=letter.kind,
            agency=letter.agency.agency,
            delivery=delivery,
            sealed_body=_seal(request, "body", body),
            sealed_to=_seal(request, "to", to),
            created_at=now,
            created_by=actor,
            sent_at=now if delivery == LetterDelivery.EMAIL else None,
            sent_by=actor if delivery == LetterDelivery.EMAIL else None,
        )
        RequestEvent.objects.create(
            request=request,
            actor=actor,
            event="letter",
            what=f"Letter sent: {letter.label}"
            if delivery == LetterDelivery.EMAIL
            else f"Letter kept to be posted (no e-mail address): {letter.label}",
        )
        if delivery == LetterDelivery.EMAIL:
            send_mail(letter.subject, letter.body, settings.DEFAULT_FROM_EMAIL, [email])
    return kept


@transaction.atomic
def record_posting(letter: Letter, actor) -> Letter:
    """Staff printed and posted a letter kept to be posted: when and by whom, with its
    event."""
    if not may_send(actor):
        raise LetterRefused("Recording letters is not for your role.", code="role")
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.delivery != LetterDelivery.POST or locked.sent_at is not None:
        raise LetterRefused("This letter is not waiting to be posted.", code="posted")
    locked.sent_at, locked.sent_by = timezone.now(), actor
    locked.save(update_fields=["sent_at", "sent_by"])
    RequestEvent.objects.create(
        request=locked.request,
        actor=actor,
        event="letter",
        what=f"Letter posted: {locked.get_kind_display().lower()}",
    )
    return locked
