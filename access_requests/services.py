"""Recording Privacy Act requests and every change of them (the request's own history)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from access_requests import workflow
from access_requests.constants import MatchState
from access_requests.documents import attach_document
from access_requests.identifiers import requester_identifier_names
from access_requests.kinds import kind_from_description
from access_requests.matching import (
    given_identifiers,
    identifier_words,
    identifiers_for,
    search,
    system_number,
)
from access_requests.models import (
    FoiaComponent,
    PrivacyActRequest,
    RequestChannel,
    RequestEvent,
    RequestKind,
    RequestMatch,
    RequestStatus,
    new_tracking_number,
)
from access_requests.verification import new_verification_nonce
from keystore.crypto import blind_index
from lib.normalize import NORMALIZERS
from sorn.models import SystemOfRecords

# A second submission of the same request within this time is joined to the first.
DUPLICATE_WINDOW = datetime.timedelta(days=1)


def identifiers_of_systems(slugs: Iterable[str]) -> dict[str, list[str]]:
    """System slug → the identifiers (normalised names) a request to it must give, from
    each notice's retrievability as published."""
    systems = SystemOfRecords.objects.filter(
        slug__in=list(slugs), current_revision__isnull=False
    ).select_related("current_revision")
    return {
        system.slug: requester_identifier_names(system.current_revision.document["retrievability"])
        for system in systems
    }


def submission_digest(fields: Mapping[str, Any], identifiers: Mapping[str, str]) -> str:
    """A keyed digest (the blind-index key) of what a submission asks: who (e-mail, or
    name when there is none), what kind, of which systems, with which identifiers and
    words. Equal submissions have equal digests; the digest tells nothing else."""

    def norm(kind: str, value: str) -> str:
        try:
            return NORMALIZERS[kind](value)
        except (KeyError, ValueError):
            return " ".join(str(value).split()).casefold()

    canonical = {
        "who": norm("email", fields.get("requester_email") or "")
        or norm("name", fields.get("requester_name") or ""),
        "kind": fields.get("kind", ""),
        "systems": sorted(fields.get("systems") or []),
        "about": norm("name", fields.get("on_behalf_of") or ""),
        "ids": {k: norm(k, v) for k, v in sorted(identifiers.items())},
        "words": " ".join(str(fields.get("description") or "").split()).casefold(),
    }
    return blind_index("request", json.dumps(canonical, sort_keys=True))


def earlier_same_request(digest: str) -> PrivacyActRequest | None:
    """The same request submitted within DUPLICATE_WINDOW and not closed (nor a portal
    test), if any. By when
    it was entered (its "received" event), not its received date: a letter typed in twice
    on one day is one request whatever day it arrived."""
    since = timezone.now() - DUPLICATE_WINDOW
    return (
        PrivacyActRequest.objects.filter(
            submission_digest=digest, events__event="received", events__at__gte=since
        )
        # Never to a FOIA.gov test delivery: it is never worked.
        .exclude(status__in=(RequestStatus.CLOSED, RequestStatus.TESTING))
        .order_by("received_at")
        .first()
    )


def record_request(
    *,
    fields: Mapping[str, Any],
    identifiers: Mapping[str, str],
    actor=None,
    documents: Iterable[tuple[str, str, bytes]] = (),
    join_earlier: bool = True,
) -> tuple[PrivacyActRequest, bool]:
    """A new request with its first history event and its files, in one transaction; or,
    when the same request came within a day, the earlier one (with an event saying it
    came again). Returns (request, created). `fields` are the model's own (kind,
    systems, channel, contact, declaration, received_at ...); `identifiers` the values
    given, by identifier name; `documents` (role, file name, content), each checked by
    access_requests.documents (ValidationError: nothing saved). A request typed in by
    staff from post, e-mail, fax or telephone is received at once; one from the web form
    waits for its e-mail to be verified. With `join_earlier` False (FOIA.gov, idempotent
    on the portal's own request_id instead) a request is never joined to another.

    A FOIA.gov delivery whose component and request_id are already stored raises
    IntegrityError (another delivery of it won the race; record_foia_request answers with
    that one)."""
    digest = submission_digest(fields, identifiers)
    with transaction.atomic():
        earlier = earlier_same_request(digest) if join_earlier else None
        if earlier is not None:
            channel = RequestChannel(fields.get("channel", RequestChannel.WEB))
            RequestEvent.objects.create(
                request=earlier,
                actor=actor,
                event="resubmitted",
                what=f"The same request came again by {channel.label.lower()}; joined to this one",
            )
            return earlier, False
    request = PrivacyActRequest(**fields)
    request.identifiers = json.dumps(dict(identifiers), sort_keys=True)
    request.submission_digest = digest
    if request.channel == RequestChannel.WEB:
        request.status = RequestStatus.UNVERIFIED
        request.verification_nonce = new_verification_nonce()
    request.due_on = workflow.next_due(request)
    for _ in range(20):
        try:
            with transaction.atomic():
                request.save()
                for role, name, content in documents:
                    attach_document(request, role, name, content)
                RequestEvent.objects.create(
                    request=request,
                    actor=actor,
                    event="received",
                    what=f"Received by {request.get_channel_display().lower()}"
                    + (f", entered by {actor.get_username()}" if actor is not None else ""),
                )
                return request, True
        except IntegrityError:  # a tracking number drawn twice: draw again
            if request.foia_request_id and _foia_delivery(
                request.foia_component_id, request.foia_request_id
            ):
                raise  # not the number: this FOIA.gov request is already stored
            request.pk = None
            request.tracking_number = new_tracking_number()
    raise RuntimeError("no free tracking number after 20 draws")


def _foia_delivery(component_id: int | None, request_id: str) -> PrivacyActRequest | None:
    return PrivacyActRequest.objects.filter(
        foia_component_id=component_id, foia_request_id=request_id
    ).first()


def record_foia_request(
    *,
    component: FoiaComponent,
    request_id: str,
    fields: Mapping[str, Any],
    identifiers: Mapping[str, str],
    documents: Iterable[tuple[str, str, bytes]] = (),
    testing: bool = False,
) -> tuple[PrivacyActRequest, bool]:
    """A request delivered by the national FOIA portal (Agency API 1.1.0), once per
    component and portal request_id: the portal delivers a request up to five times when
    it does not get its answer within 30 seconds, and each delivery gets the same request
    back (created False). `fields` are the requester's (name, contact, description); the
    kind is guessed from the description (access_requests.kinds) and the guess written
    in the history for staff to correct; the systems are the component's. A portal test
    (`testing`) is kept with status TESTING and never worked."""
    request_id = str(request_id)
    existing = _foia_delivery(component.pk, request_id)
    if existing is not None:
        return existing, False
    guess = kind_from_description(str(fields.get("description") or ""))
    documents = list(documents)
    try:
        with transaction.atomic():
            request, _ = record_request(
                fields={
                    **fields,
                    "kind": guess.kind,
                    "systems": list(component.systems),
                    "channel": RequestChannel.FOIA_GOV,
                    "status": RequestStatus.TESTING if testing else RequestStatus.RECEIVED,
                    "foia_component": component,
                    "foia_request_id": request_id,
                },
                identifiers=identifiers,
                documents=documents,
                join_earlier=False,
            )
            because = f' (the description says "{guess.matched}")' if guess.matched else ""
            RequestEvent.objects.create(
                request=request,
                event="classified",
                what=(
                    f"Kind set automatically to {guess.kind.value}{because}; FOIA.gov does "
                    "not say which kind: check it and correct it if need be"
                ),
            )
    except IntegrityError:
        # Another delivery of the same request was stored between the look-up and ours.
        existing = _foia_delivery(component.pk, request_id)
        if existing is None:
            raise
        return existing, False
    return request, True


@transaction.atomic
def correct_request(
    request: PrivacyActRequest, *, changes: Mapping[str, Any], actor
) -> list[RequestEvent]:
    """Staff corrections of a request's kind, systems and what is asked of the requester
    (access_requests.forms.RequestCorrectionForm): saved with one history event per field
    changed, saying what changed but never a value the requester gave."""
    before = PrivacyActRequest.objects.select_for_update().get(pk=request.pk)
    events = []
    if "kind" in changes and changes["kind"] != before.kind:
        events.append(
            f"Kind corrected from {RequestKind(before.kind).label} to "
            f"{RequestKind(changes['kind']).label}"
        )
    if "systems" in changes and sorted(changes["systems"]) != sorted(before.systems):
        events.append(
            f"Systems corrected from {', '.join(sorted(before.systems)) or 'none'} to "
            f"{', '.join(sorted(changes['systems']))}"
        )
    if "asked_of_requester" in changes and changes["asked_of_requester"] != (
        before.asked_of_requester
    ):
        events.append(
            "Asked the requester for something (shown on their status page)"
            if changes["asked_of_requester"]
            else "Nothing is asked of the requester any more"
        )
    for name, value in changes.items():
        setattr(before, name, value)
    before.save(update_fields=list(changes))
    if "systems" in changes:
        # A person confirmed in a system the request no longer asks about is no longer
        # the request's there: undecided again, so the match freezes nothing
        # (retention.eligibility) and the package of the systems still asked can be made.
        dropped = (
            before.matches.select_for_update()
            .filter(state=MatchState.CONFIRMED)
            .exclude(system__in=list(before.systems))
        )
        for match in dropped.order_by("system", "pk"):
            events.append(
                f"Match set back to candidate: {system_number(match.system)}, person "
                f"#{match.person_id} (the request no longer asks about that system)"
            )
        dropped.update(state=MatchState.CANDIDATE, decided_by=None, decided_at=None)
    return [
        RequestEvent.objects.create(request=before, actor=actor, event="corrected", what=what)
        for what in events
    ]


# Matches: the search across the systems, and staff's decision on each person found
# (access_requests.matching; issue 12, item 3).


def _open_request(request: PrivacyActRequest) -> PrivacyActRequest:
    """The request, locked, if it is open (received, worked, answered with an appeal
    possible, or appealed); ValidationError otherwise."""
    locked = PrivacyActRequest.objects.select_for_update().get(pk=request.pk)
    if not PrivacyActRequest.objects.pending().filter(pk=locked.pk).exists():
        raise ValidationError(
            f"Request {locked.tracking_number} is not open "
            f"({locked.get_status_display().lower()}): its matches cannot change.",
            code="request_not_open",
        )
    return locked


@transaction.atomic
def refresh_candidates(request: PrivacyActRequest, *, actor) -> list[RequestMatch]:
    """Search the request's systems (access_requests.matching.search) and store what was
    found: new people as candidates; candidates found again with their new reasons and
    counts; candidates no longer found removed; confirmed and rejected matches kept as
    decided. One history event per system searched, naming the identifiers used and how
    many were found (no value). Returns the request's matches."""
    request = _open_request(request)
    found = search(request)
    given = given_identifiers(request)
    existing = {(m.system, m.person_id): m for m in request.matches.select_for_update()}
    seen = set()
    for candidate in found:
        key = (candidate.system, candidate.person_id)
        seen.add(key)
        match = existing.get(key)
        if match is None:
            RequestMatch.objects.create(
                request=request,
                system=candidate.system,
                person_id=candidate.person_id,
                why=list(candidate.why),
                records=dict(candidate.records),
            )
        elif match.state == MatchState.CANDIDATE:
            match.why, match.records = list(candidate.why), dict(candidate.records)
            match.found_at = timezone.now()
            match.save(update_fields=["why", "records", "found_at"])
    stale = [
        m.pk for key, m in existing.items() if key not in seen and m.state == MatchState.CANDIDATE
    ]
    RequestMatch.objects.filter(pk__in=stale).delete()
    for system in sorted(set(request.systems)):
        used = identifiers_for(system, given)
        count = sum(1 for c in found if c.system == system)
        what = (
            f"Searched {system_number(system)} by {identifier_words(used)}: "
            f"{count} candidate{'' if count == 1 else 's'}"
            if used
            else f"Not searched {system_number(system)}: no identifier its notice "
            "retrieves by was given"
        )
        RequestEvent.objects.create(request=request, actor=actor, event="searched", what=what)
    return list(request.matches.all())


def _decide(match: RequestMatch, state: MatchState, actor) -> RequestMatch:
    request = _open_request(match.request)
    locked = RequestMatch.objects.select_for_update().get(pk=match.pk, request=request)
    if locked.state != MatchState.CANDIDATE:
        raise ValidationError(
            f"Match #{locked.pk} is already decided ({locked.get_state_display().lower()}).",
            code="match_decided",
        )
    if state == MatchState.CONFIRMED and locked.system not in request.systems:
        raise ValidationError(
            f"{system_number(locked.system)} is not one of the systems request "
            f"{request.tracking_number} asks about.",
            code="match_outside_systems",
        )
    if locked.person_id is None:
        raise ValidationError(
            f"Match #{locked.pk} is about a person no longer stored.", code="match_no_person"
        )
    locked.state, locked.decided_by, locked.decided_at = state, actor, timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    match.state, match.decided_by, match.decided_at = state, actor, locked.decided_at
    verb = "confirmed" if state == MatchState.CONFIRMED else "rejected"
    RequestEvent.objects.create(
        request=request,
        actor=actor,
        event=f"match_{verb}",
        what=(
            f"Match {verb}: {system_number(locked.system)}, person #{locked.person_id}, "
            f"by {identifier_words(locked.why)}"
        ),
    )
    return locked


@transaction.atomic
def confirm_match(match: RequestMatch, *, actor) -> RequestMatch:
    """Staff confirm the person found is the requester: the person's records in that
    system are the request's, and are frozen from purging until the request and any
    appeal are closed (retention.eligibility). Refused (ValidationError, nothing
    changed) on a request not open, a match already decided, or a match in a system the
    request does not ask about (its systems corrected since the search)."""
    return _decide(match, MatchState.CONFIRMED, actor)


@transaction.atomic
def reject_match(match: RequestMatch, *, actor) -> RequestMatch:
    """Staff reject a person found: not the requester. Refused (ValidationError, nothing
    changed) on a request not open or a match already decided."""
    return _decide(match, MatchState.REJECTED, actor)
