"""Amendments (5 U.S.C. 552a(d)(2)-(4); issue 12, item 5): the corrections a requester asks
for, each one field of one record, decided by a privacy officer who sees the record and the
requested change side by side.

- **Granted**: the change is made through the access layer (`Gate.amend`: only a field the
  system's notice publishes, only by a role the access layer lets amend it, audited under
  the request as purpose), and every recipient in the accounting of disclosures of that
  record is listed for a notice of correction (552a(c)(4); 39 CFR 266.3(c)).
- **Denied**: with reasons (the denial letter carries them, the reviewing official and the
  appeal rights: access_requests.letters).
- After the refusal is upheld on appeal, the person may file a **statement of
  disagreement** (552a(d)(3)): attached to the disputed record (audit.disagreements),
  shown wherever the record is shown and given with it in every later disclosure and
  package (552a(d)(4)); prior recipients are listed for notice of it.

Every refusal is an AmendmentRefused with a message staff (or the requester) can act on,
and nothing changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from access.gate import Gate, dispute_notes
from access.policy import AMENDABLE_CLASSES, amendable, can_amend
from access_requests import workflow
from access_requests.clocks import add_days
from access_requests.constants import AmendmentDecision, ClockStep, MatchState, NoticeKind
from access_requests.documents import seal, unseal
from access_requests.matching import system_number
from access_requests.models import (
    Amendment,
    AppealOutcome,
    PriorRecipientNotice,
    PrivacyActRequest,
    RequestEvent,
    RequestKind,
    RequestStatus,
)
from audit.constants import AccessChannel
from audit.disagreements import StatementRefused, file_statement
from audit.models import DisagreementStatement, DisclosureAccounting
from sorn.classification import record_models, registry
from sorn.constants import DataClass
from sorn.roles import holds_role

S = RequestStatus
REQUESTED = "access_requests.Amendment.requested"
REASONS = "access_requests.Amendment.reasons"
# Amendments are proposed and denied while the request is worked; granted then, or under
# appeal when the reviewing official reverses a denial.
PROPOSING = workflow.WORKING | {S.WAITING}
GRANTING = workflow.WORKING | {S.APPEALED}
DENYING = PROPOSING | {S.APPEALED}
# 5 U.S.C. 552a(d)(3): a statement of disagreement follows a refusal upheld on review.
UPHELD = (AppealOutcome.DENIED, AppealOutcome.PARTLY)


# The data classes an amendment corrects, in words, for a refusal's message.
AMENDABLE_WORDS = ", ".join(
    sorted(str(DataClass(c).label).split(" (")[0].lower() for c in AMENDABLE_CLASSES)
)


class AmendmentRefused(ValidationError):
    """An amendment step that may not be taken; nothing changed."""


@dataclass(frozen=True)
class Review:
    """The disputed record and the requested change, side by side, as the reviewer's
    role may see them."""

    amendment: Amendment
    system_number: str
    record_label: str  # "customer #12"
    field_label: str
    # The field's value as the gate shows it to the reviewer (masked where their role
    # reads it masked); None when the record is no longer stored or the field hidden.
    current: Any
    requested: str
    reasons: str
    # The statements of disagreement on the record, as every page lists them
    # (access.gate.dispute_notes).
    disputes: list[dict[str, Any]]
    prior_disclosures: list[DisclosureAccounting]


def _refuse(message: str, code: str) -> AmendmentRefused:
    return AmendmentRefused(message, code=code)


def _model(label: str) -> type[models.Model]:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise _refuse(f"There is no kind of record {label!r}.", "record_model") from None
    if model not in record_models():
        raise _refuse(f"{label!r} is not a kind of record in a system.", "record_model")
    return model


def _field_label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _record(amendment: Amendment) -> models.Model | None:
    model = _model(amendment.record_model)
    return model._base_manager.filter(pk=amendment.record_pk).first()


def _gate(request: PrivacyActRequest, user) -> Gate:
    return Gate(user, AccessChannel.ADMIN_FORM, request.purpose)


def _check_officer(actor) -> None:
    if not holds_role(actor, workflow.PRIVACY_OFFICERS):
        raise _refuse("Only a privacy officer decides amendments.", "role")


def _locked(request: PrivacyActRequest, statuses, doing: str) -> PrivacyActRequest:
    locked = PrivacyActRequest.objects.select_for_update().get(pk=request.pk)
    if locked.kind != RequestKind.AMENDMENT:
        raise _refuse(f"Request {locked.tracking_number} does not ask for an amendment.", "kind")
    if locked.status not in statuses:
        raise _refuse(
            f"An amendment cannot be {doing} while the request is "
            f"{locked.get_status_display().lower()}.",
            "status",
        )
    return locked


def _event(request: PrivacyActRequest, actor, event: str, what: str) -> None:
    RequestEvent.objects.create(request=request, actor=actor, event=event, what=what[:300])


def _check_target(
    request: PrivacyActRequest,
    actor,
    system: str,
    model: type[models.Model],
    record: models.Model | None,
    record_pk: int,
) -> int:
    """The id of the person whose record this is, when the request may amend it now: the
    request asks about the system, the record belongs to it, and its person is confirmed
    as the requester there. Checked when an amendment is recorded and again when it is
    granted (the request's systems or matches may have changed since)."""
    if system not in request.systems:
        raise _refuse(f"The request does not ask about {system_number(system)}.", "system")
    person_id = registry.person_id_of(record) if record is not None else None
    confirmed = (
        person_id is not None
        and request.matches.filter(
            system=system, person_id=person_id, state=MatchState.CONFIRMED
        ).exists()
    )
    if not confirmed or system not in _gate(request, actor).systems(record):
        raise _refuse(
            f"{model._meta.verbose_name.capitalize()} #{record_pk} is not a record of a "
            f"person confirmed as the requester in {system_number(system)}.",
            "record",
        )
    return person_id


def _messages(error: ValidationError, model: type[models.Model]) -> str:
    """A validation error in words, each field's messages under its name."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for name, errors in error.message_dict.items():
        words = " ".join(errors)
        if name == "__all__":
            parts.append(words)
        else:
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except Exception:  # FieldDoesNotExist: a name the model's clean made up
                label = name.replace("_", " ")
            parts.append(f"{label.capitalize()}: {words}")
    return " ".join(parts)


def _clean(model: type[models.Model], record: models.Model, field: str, value: str) -> Any:
    try:
        return model._meta.get_field(field).clean(value, record)
    except ValidationError as error:
        raise _refuse(
            f"{_field_label(model, field).capitalize()}: {' '.join(error.messages)}", "value"
        ) from None


@transaction.atomic
def propose(
    request: PrivacyActRequest,
    *,
    actor,
    system: str,
    record_model: str,
    record_pk: int,
    field: str,
    requested: str,
) -> Amendment:
    """Record what the requester asks to be corrected: `field` of the record
    `record_model` #`record_pk` in `system`, to read `requested`. Refused unless the
    system is one the request asks about, the record is of a person confirmed as the
    requester there, the system's notice publishes the field, and the value is one the
    field can hold."""
    _check_officer(actor)
    request = _locked(request, PROPOSING, "proposed")
    # The request's systems first (checked again with the record, _check_target): a
    # system it does not ask about is the refusal to give, whatever else is wrong.
    if system not in request.systems:
        raise _refuse(f"The request does not ask about {system_number(system)}.", "system")
    model = _model(record_model)
    if system not in registry.facts(model).systems:
        raise _refuse(
            f"{system_number(system)} keeps no {model._meta.verbose_name_plural}.", "system"
        )
    if not amendable(model, field, system):
        raise _refuse(
            f"An amendment cannot correct {field!r} of {model._meta.verbose_name_plural} in "
            f"{system_number(system)}: only a field its notice publishes that says something "
            f"about the person ({AMENDABLE_WORDS}) is corrected here.",
            "field",
        )
    record = model._base_manager.filter(pk=record_pk).first()
    person_id = _check_target(request, actor, system, model, record, record_pk)
    if not can_amend(actor, model, field, system, _gate(request, actor).systems(record)):
        # A field the officer reads masked (a card or account number): they could not
        # check the correction, and the review page would show the requested value.
        raise _refuse(
            f"Your role reads {model._meta.verbose_name} {_field_label(model, field)} only "
            "masked: it cannot be amended here.",
            "field",
        )
    requested = (requested or "").strip()
    _clean(model, record, field, requested)
    if request.amendments.filter(
        record_model=model._meta.label,
        record_pk=record.pk,
        field=field,
        decision=AmendmentDecision.PENDING,
    ).exists():
        raise _refuse("That field of that record already has an amendment to decide.", "duplicate")
    amendment = Amendment.objects.create(
        request=request,
        system=system,
        record_model=model._meta.label,
        record_pk=record.pk,
        field=field,
        person_id=person_id,
        sealed_requested=seal(request, REQUESTED, requested.encode()),
        created_by=actor,
    )
    _event(
        request,
        actor,
        "amendment",
        f"Amendment #{amendment.pk} recorded: {_field_label(model, field)} of "
        f"{model._meta.verbose_name} #{record.pk} in {system_number(system)}",
    )
    return amendment


def requested_value(amendment: Amendment) -> str:
    return unseal(amendment.request, REQUESTED, amendment.sealed_requested).decode()


def reasons(amendment: Amendment) -> str:
    if not amendment.sealed_reasons:
        return ""
    return unseal(amendment.request, REASONS, amendment.sealed_reasons).decode()


def decided_in_words(
    request: PrivacyActRequest, decision: AmendmentDecision, systems: list[str]
) -> str:
    """The request's amendments in `systems` decided so, one per line, in a letter's
    words: which field of which record and, for a denial, its reasons (5 U.S.C.
    552a(d)(2)(B))."""
    lines = []
    chosen = request.amendments.filter(decision=decision, system__in=systems)
    for amendment in chosen.order_by("pk"):
        model = _model(amendment.record_model)
        what = (
            f"{_field_label(model, amendment.field).capitalize()} of "
            f"{model._meta.verbose_name} #{amendment.record_pk} "
            f"({system_number(amendment.system)})"
        )
        if decision == AmendmentDecision.DENIED:
            lines.append(f"- {what}: {reasons(amendment)}")
        else:
            lines.append(f"- {what}: corrected as you asked.")
    return "\n".join(lines)


def prior_disclosures(amendment: Amendment) -> list[DisclosureAccounting]:
    """The accounting entries that disclosed the amended record, under any system's
    routine use (law enforcement's too: 552a(c)(4) reaches every recipient an accounting
    was made of)."""
    if amendment.person_id is None:
        return []
    # Every system's disclosures: a row shared by several systems (the person) may have
    # been disclosed under another system's routine use.
    entries = DisclosureAccounting.objects.filter(person_id=amendment.person_id).order_by(
        "disclosed_at", "pk"
    )
    # The records disclosed are a JSON list per model; filtered here, the same on every
    # database (SQLite has no JSON containment).
    return [
        entry
        for entry in entries
        if amendment.record_pk in (entry.records or {}).get(amendment.record_model, [])
    ]


def review(amendment: Amendment, user) -> Review:
    """The side-by-side view: the record's field as the gate shows it to `user` (the read
    audited under the request), and what the requester asks it to say."""
    model = _model(amendment.record_model)
    record = _record(amendment)
    current = None
    disputes: list[dict[str, Any]] = []
    if record is not None:
        gate = _gate(amendment.request, user)
        current = gate.project(model, [record])[0].get(amendment.field)
        disputes = dispute_notes(gate, model, [record])
    return Review(
        amendment=amendment,
        system_number=system_number(amendment.system),
        record_label=f"{model._meta.verbose_name} #{amendment.record_pk}",
        field_label=_field_label(model, amendment.field),
        current=current,
        requested=requested_value(amendment),
        reasons=reasons(amendment),
        disputes=disputes,
        prior_disclosures=prior_disclosures(amendment),
    )


def _notice_due(system: str) -> datetime.date | None:
    """When prior recipients must be told: 30 days for USPS records (39 CFR 266.3(c));
    no date where the agency's regulations give none."""
    for clocks in workflow.agencies_of_systems([system]):
        try:
            limit = clocks.limit(ClockStep.PRIOR_RECIPIENTS_NOTIFIED)
        except KeyError:
            return None
        return add_days(timezone.localdate(), limit.limit, limit.days)
    return None


def _list_notices(amendment: Amendment, kind: NoticeKind) -> list[PriorRecipientNotice]:
    due = _notice_due(amendment.system)
    return [
        PriorRecipientNotice.objects.get_or_create(
            amendment=amendment,
            kind=kind,
            disclosure_id=entry.pk,
            defaults={
                "disclosed_at": entry.disclosed_at,
                "recipient_name": entry.recipient_name,
                "recipient_address": entry.recipient_address,
                "due_on": due,
            },
        )[0]
        for entry in prior_disclosures(amendment)
    ]


def _locked_amendment(amendment: Amendment, request: PrivacyActRequest) -> Amendment:
    return Amendment.objects.select_for_update().get(pk=amendment.pk, request=request)


@transaction.atomic
def grant(amendment: Amendment, *, actor) -> Amendment:
    """Make the correction through the access layer and list the prior recipients to
    tell. A pending amendment while the request is worked, or a denied one while its
    appeal is decided (the reviewing official reverses the denial)."""
    _check_officer(actor)
    request = _locked(amendment.request, GRANTING, "granted")
    workflow.check_identity(request)
    locked = _locked_amendment(amendment, request)
    # Under appeal the reviewing official may reverse a denial, or decide what was left
    # undecided (an appeal of a request not answered in time).
    reversal = request.status == S.APPEALED and locked.decision == AmendmentDecision.DENIED
    if locked.decision != AmendmentDecision.PENDING and not reversal:
        raise _refuse(
            f"Amendment #{locked.pk} is {locked.get_decision_display().lower()}.", "decided"
        )
    record = _record(locked)
    if record is None:
        raise _refuse(f"The record of amendment #{locked.pk} is no longer stored.", "record")
    model = type(record)
    _check_target(request, actor, locked.system, model, record, locked.record_pk)
    value = requested_value(locked)
    try:
        _gate(request, actor).amend(record, locked.field, value, system=locked.system)
    except PermissionDenied as error:
        raise _refuse(str(error), "not_amendable") from None
    except ValidationError as error:
        raise _refuse(_messages(error, model), "value") from None
    locked.decision = AmendmentDecision.GRANTED
    locked.decided_at, locked.decided_by = timezone.now(), actor
    locked.save(update_fields=["decision", "decided_at", "decided_by"])
    notices = _list_notices(locked, NoticeKind.CORRECTION)
    _event(
        request,
        actor,
        "amendment_granted",
        f"Amendment #{locked.pk} granted{' on appeal' if reversal else ''}: "
        f"{_field_label(model, locked.field)} of {model._meta.verbose_name} #{record.pk} "
        f"corrected; {len(notices)} prior recipient{'' if len(notices) == 1 else 's'} to tell",
    )
    amendment.refresh_from_db()
    return locked


@transaction.atomic
def deny(amendment: Amendment, *, actor, reasons: str) -> Amendment:
    """Refuse the correction, with the reasons the denial letter gives."""
    _check_officer(actor)
    request = _locked(amendment.request, DENYING, "denied")
    workflow.check_identity(request)
    locked = _locked_amendment(amendment, request)
    if locked.decision != AmendmentDecision.PENDING:
        raise _refuse(
            f"Amendment #{locked.pk} is {locked.get_decision_display().lower()}.", "decided"
        )
    text = workflow.given(reasons)
    if not text:
        raise _refuse("Give the reasons for denying the amendment.", "reasons")
    locked.decision = AmendmentDecision.DENIED
    locked.decided_at, locked.decided_by = timezone.now(), actor
    locked.sealed_reasons = seal(request, REASONS, text[:2000].encode())
    locked.save(update_fields=["decision", "decided_at", "decided_by", "sealed_reasons"])
    _event(request, actor, "amendment_denied", f"Amendment #{locked.pk} denied")
    amendment.refresh_from_db()
    return locked


def may_disagree(request: PrivacyActRequest) -> bool:
    """Whether the requester may now file a statement of disagreement: a denied amendment
    whose refusal was upheld on appeal (5 U.S.C. 552a(d)(3))."""
    return (
        request.kind == RequestKind.AMENDMENT
        and request.appeal_outcome in UPHELD
        and request.amendments.filter(decision=AmendmentDecision.DENIED).exists()
    )


def statement_filed_on(request: PrivacyActRequest) -> datetime.date | None:
    """When the requester's statement of disagreement was filed, if it was."""
    filed = (
        DisagreementStatement.objects.filter(request_number=request.tracking_number)
        .order_by("filed_at")
        .values_list("filed_at", flat=True)
        .first()
    )
    return timezone.localtime(filed).date() if filed else None


@transaction.atomic
def file_disagreement(
    request: PrivacyActRequest, text: str, *, actor=None
) -> list[DisagreementStatement]:
    """Attach the requester's statement to every record whose amendment was refused and
    upheld on appeal, and list the prior recipients of each for notice of it. `actor` is
    the staff member who recorded a statement that came by post; None for the requester
    on their status page."""
    if actor is not None:
        _check_officer(actor)
    request = PrivacyActRequest.objects.select_for_update().get(pk=request.pk)
    if not may_disagree(request):
        raise _refuse(
            "A statement of disagreement can be filed only after a refusal to amend has "
            "been upheld on appeal.",
            "not_upheld",
        )
    statements = []
    for amendment in request.amendments.filter(decision=AmendmentDecision.DENIED):
        record = _record(amendment)
        if record is None:
            continue  # destroyed on its schedule since: nothing left to dispute
        if DisagreementStatement.objects.filter(
            record_model=amendment.record_model,
            record_pk=amendment.record_pk,
            field=amendment.field,
            request_number=request.tracking_number,
        ).exists():
            raise _refuse("A statement of disagreement was already filed.", "filed")
        try:
            statements.append(
                file_statement(
                    record,
                    amendment.field,
                    text,
                    system=amendment.system,
                    request_number=request.tracking_number,
                    recorded_by=actor.get_username() if actor else "the requester",
                )
            )
        except StatementRefused as error:
            raise _refuse(str(error), "statement") from None
        _list_notices(amendment, NoticeKind.DISAGREEMENT)
    if not statements:
        raise _refuse("The disputed records are no longer stored.", "record")
    _event(
        request,
        actor,
        "disagreement",
        f"Statement of disagreement filed against {len(statements)} "
        f"record{'' if len(statements) == 1 else 's'}",
    )
    return statements


@transaction.atomic
def mark_notice_sent(notice: PriorRecipientNotice, *, actor) -> PriorRecipientNotice:
    _check_officer(actor)
    locked = PriorRecipientNotice.objects.select_for_update().get(pk=notice.pk)
    if locked.sent_at is not None:
        raise _refuse(f"{locked} was already sent.", "sent")
    locked.sent_at, locked.sent_by = timezone.now(), actor
    locked.save(update_fields=["sent_at", "sent_by"])
    _event(
        locked.amendment.request,
        actor,
        "notice_sent",
        f"{locked.get_kind_display()} sent to {locked.recipient_name} "
        f"(disclosure #{locked.disclosure_id})",
    )
    return locked
