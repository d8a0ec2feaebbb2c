"""Recording reads: the policy gate's channels report what they let through, and one bulk
insert per request writes it. Reads fail closed: when the access events cannot be written,
the response is an error and no record data is sent.

Written by hand because django-auditlog records writes only (model signals), not reads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, models, router, transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
)

from audit.constants import AccessChannel
from audit.models import AccessEvent, AccessEventPerson, DisclosureAccounting, ExternalRecipient
from lib.api import NUL_REFUSED, error_response, has_nul, is_api_request
from sorn.classification import registry
from sorn.roles import roles_of

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@dataclass
class PendingRead:
    channel: str
    model: str
    fields: tuple[str, ...]
    # Why, where the reader said (a request package names its request); else the
    # collector's own purpose.
    purpose: str = ""
    record_ids: set = field(default_factory=set)
    # record id → the person it is about (None: about no one), where the reader knew it
    owners: dict = field(default_factory=dict)


@dataclass
class ReadCollector:
    user: object
    remote_addr: str | None
    path: str
    purpose: str = ""
    # Reads as reported, folded into `reads` when they are looked at: a page of records
    # reports once per nested list, and folding them all at once is cheaper.
    _reported: list = field(default_factory=list, repr=False)
    _reads: dict[tuple[str, str, tuple[str, ...]], PendingRead] = field(
        default_factory=dict, repr=False
    )

    def add(
        self,
        channel: str,
        model: type[models.Model],
        records: list,
        fields: Iterable[str],
        purpose: str = "",
    ) -> None:
        # The ids now: an instance deleted later in the request has lost its pk by then.
        ids = [r.pk if isinstance(r, models.Model) else r for r in records]
        self._reported.append((channel, model, records, ids, tuple(fields), purpose))

    @property
    def reads(self) -> dict[tuple[str, str, tuple[str, ...], str], PendingRead]:
        for channel, model, records, ids, fields, purpose in self._reported:
            key = (channel, model._meta.label, fields, purpose)
            pending = self._reads.get(key)
            if pending is None:
                pending = self._reads[key] = PendingRead(channel, key[1], fields, purpose)
            # Whom each record is about, where the instance itself says (a person path
            # of one step); the others are looked up in one query when written.
            on_row = registry.facts(model).person_on_row
            pending.record_ids.update(ids)
            if on_row:
                for record, pk in zip(records, ids, strict=True):
                    if isinstance(record, models.Model):
                        pending.owners[pk] = registry.person_id_of(record)
        self._reported.clear()
        return self._reads

    def pending(self) -> list[PendingRead]:
        return [read for read in self.reads.values() if read.record_ids]

    def events(self) -> list[AccessEvent]:
        user = self.user
        roles = ",".join(sorted(roles_of(user)))
        return [
            AccessEvent(
                user_id=getattr(user, "pk", None),
                username=getattr(user, "username", "") or "",
                roles=roles,
                channel=read.channel,
                model=read.model,
                record_ids=sorted(read.record_ids),
                fields=list(read.fields),
                remote_addr=self.remote_addr,
                path=self.path[:300],
                purpose=(read.purpose or self.purpose)[:300],
            )
            for read in self.pending()
        ]


_collector: ContextVar[ReadCollector | None] = ContextVar("audit_reads", default=None)


def record_read(
    user,
    channel: AccessChannel | str,
    model: type[models.Model],
    records: Iterable,
    fields: Iterable[str],
    purpose: str = "",
) -> None:
    """Note that `fields` of the given records (instances, or primary keys) of `model`
    were let through `channel`. Instances also tell whom each record is about, which
    spares the write a query.

    Inside a request the read joins that request's single bulk insert; outside one (a
    management command, a task) it is written at once."""
    collector = _collector.get()
    if collector is not None and collector.user is None:
        collector.user = user
    if collector is None:
        standalone = ReadCollector(user=user, remote_addr=None, path="", purpose=purpose)
        standalone.add(str(channel), model, list(records), fields)
        write_events(standalone)
        return
    collector.add(str(channel), model, list(records), fields, purpose)


@contextmanager
def reads_batched(user, purpose: str = "") -> Iterator[None]:
    """Reads reported inside the block are written in one insert when it ends without an
    error (a serializer rendering a page outside a request: a task building a request
    package). Inside a request the request's own insert already batches them."""
    if _collector.get() is not None:
        yield
        return
    collector = ReadCollector(user=user, remote_addr=None, path="", purpose=purpose)
    token = _collector.set(collector)
    try:
        yield
    finally:
        _collector.reset(token)
    write_events(collector)


def write_events(collector: ReadCollector) -> int:
    events = collector.events()
    if events:
        with transaction.atomic():
            insert_events(events)
            link_people(events, collector.pending())
            account_disclosures(collector)
    return len(events)


def insert_events(events: list[AccessEvent]) -> None:
    """The request's access events in one INSERT … RETURNING, each event given its id. By
    hand: every API request writes its events before it answers, and bulk_create spent
    more than twice as long building the statement (2.5 ms against 1.0 ms for three
    events on PostgreSQL, bench/api_throughput.py's customer detail). Each value is
    prepared by its own field, as the ORM would."""
    connection = connections[router.db_for_write(AccessEvent)]
    quote = connection.ops.quote_name
    fields = [f for f in AccessEvent._meta.concrete_fields if not f.primary_key]
    row = f"({', '.join(['%s'] * len(fields))})"
    params = [
        field.get_db_prep_save(field.pre_save(event, add=True), connection)
        for event in events
        for field in fields
    ]
    sql = (
        f"INSERT INTO {quote(AccessEvent._meta.db_table)} "  # noqa: S608 (names, not values)
        f"({', '.join(quote(f.column) for f in fields)}) VALUES {', '.join([row] * len(events))} "
        f"RETURNING {quote(AccessEvent._meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [pk for (pk,) in cursor.fetchall()]
    for event, pk in zip(events, ids, strict=True):
        event.pk = pk
        event._state.adding = False
        event._state.db = connection.alias


def owners(read: PendingRead) -> dict:
    """record id → the id of the person it is about, for every record of a read (those
    whose reader did not say are looked up along the registry's person path; reference
    data about no one is left out)."""
    found = {pk: person for pk, person in read.owners.items() if person is not None}
    unknown = [pk for pk in read.record_ids if pk not in read.owners]
    if unknown:
        found.update(registry.person_ids(apps.get_model(read.model), unknown))
    return found


# Rows per INSERT of `link_people`: two parameters each, well under SQLite's limit of
# 32,766 parameters a statement.
LINK_ROWS_PER_STATEMENT = 1000


def link_people(events: list[AccessEvent], reads: list[PendingRead]) -> None:
    """One row per event and person, in one statement per thousand rows. By hand: a list
    of a hundred customers makes hundreds of rows per request, and Django's bulk_create
    would spend more time building the statement than the database spends on it (and
    executemany costs a round trip per row on PostgreSQL)."""
    rows = [
        (event.pk, person_id)
        for event, read in zip(events, reads, strict=True)
        for person_id in sorted(set(owners(read).values()))
    ]
    if not rows:
        return
    connection = connections[router.db_for_write(AccessEventPerson)]
    table = connection.ops.quote_name(AccessEventPerson._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), LINK_ROWS_PER_STATEMENT):
            chunk = rows[start : start + LINK_ROWS_PER_STATEMENT]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (event_id, person_id) VALUES {values}",  # noqa: S608
                [value for row in chunk for value in row],
            )


# Not looked up yet (`recipient_of`), unlike None: looked up, and no recipient.
_UNKNOWN = object()


def remember_recipient(user: Any, recipient_id: int | None) -> None:
    """Note whether the user is an external recipient's account (the recipient's id, or
    None), read by a caller in a query of its own (access.service_accounts.load_account):
    `recipient_of` then asks the database only when it is one."""
    user._external_recipient_id = recipient_id


def recipient_of(user: Any) -> ExternalRecipient | None:
    """The external recipient whose account the user is, if any."""
    if not getattr(user, "pk", None):
        return None
    known = getattr(user, "_external_recipient_id", _UNKNOWN)
    if known is None:
        return None
    recipients = ExternalRecipient.objects.all()
    if known is _UNKNOWN:
        return recipients.filter(user_id=user.pk).first()
    return recipients.filter(pk=known, user_id=user.pk).first()


def account_disclosures(collector: ReadCollector) -> int:
    """When the reader is an external recipient's service account, each person whose
    records it read gets an accounting of the disclosure (5 U.S.C. 552a(c)(1)), one per
    person and system, in the same transaction as the access events."""
    user = collector.user
    recipient = recipient_of(user)
    if recipient is None:
        return 0
    disclosed: dict[tuple[int, str], dict[str, list]] = {}
    for read in collector.reads.values():
        entry = registry.get(apps.get_model(read.model))
        system = entry.systems[0] if entry and len(entry.systems) == 1 else "shared"
        for pk, person_id in owners(read).items():
            records = disclosed.setdefault((person_id, system), {})
            records.setdefault(read.model, []).append(pk)
    DisclosureAccounting.objects.bulk_create(
        DisclosureAccounting(
            person_id=person_id,
            system=system,
            nature_and_purpose=recipient.purpose,
            routine_use=recipient.routine_use,
            recipient_name=recipient.name,
            recipient_address=recipient.address,
            records={label: sorted(pks) for label, pks in records.items()},
            recorded_by=f"automatic: API read by {getattr(user, 'username', '')}",
            law_enforcement=recipient.law_enforcement,
        )
        for (person_id, system), records in disclosed.items()
    )
    return len(disclosed)


def client_address(request: HttpRequest) -> str | None:
    """The client's address. X-Forwarded-For is trusted only from the proxies named in
    TRUSTED_PROXIES (any client can forge the header), and then read from the right."""
    remote = request.META.get("REMOTE_ADDR")
    trusted = set(getattr(settings, "TRUSTED_PROXIES", ()))
    if remote in trusted:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for address in reversed([a for a in forwarded if a]):
            if address not in trusted:
                return address
    return remote


def stated_purpose(request: HttpRequest) -> str:
    """The purpose the caller states for its reads (X-Access-Purpose), recorded with
    them; checked by AccessEventMiddleware before the request goes on."""
    return request.headers.get("X-Access-Purpose", "")


def _purpose_refused(request: HttpRequest) -> HttpResponse:
    """A purpose holding a NUL, which PostgreSQL's text cannot hold: the events' insert
    would fail and the audit fail closed (a 500 and its alarm) after the request had
    read, or written, its records. Refused first, as the API refuses a NUL anywhere."""
    message = f"X-Access-Purpose: {NUL_REFUSED}"
    if is_api_request(request):
        return error_response(400, "bad_request", message)
    return HttpResponseBadRequest(message, content_type="text/plain")


class AccessEventMiddleware:
    """Collects the reads of one request and writes them in one insert before the
    response leaves; if that fails, the response is replaced by an error (fail closed)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        purpose = stated_purpose(request)
        if has_nul(purpose):
            return _purpose_refused(request)
        collector = ReadCollector(
            user=None,
            remote_addr=client_address(request),
            path=request.path,
            purpose=purpose,
        )
        token = _collector.set(collector)
        try:
            if request.method in SAFE_METHODS:
                return self._respond(request, collector)
            # A write and the reads it reports stand or fall together: when the audit
            # cannot be written, the write is rolled back as well as withheld.
            with transaction.atomic():
                response = self._respond(request, collector)
                if getattr(response, "audit_failed", False):
                    transaction.set_rollback(True)
                return response
        finally:
            _collector.reset(token)

    def _respond(self, request: HttpRequest, collector: ReadCollector) -> HttpResponse:
        response = self.get_response(request)
        if collector.user is None:
            collector.user = getattr(request, "user", None)
        if not collector.reads:
            return response
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        try:
            write_events(collector)  # atomic: all of the request's events, or none
        except Exception:
            # No personal data in the log: the path and the models only.
            logger.exception(
                "access events could not be written for %s (%s); response withheld",
                request.path,
                ", ".join(sorted({r.model for r in collector.reads.values()})),
            )
            message = "The access could not be recorded, so nothing was sent."
            if is_api_request(request):  # the API's one error shape (issue 13, item 6)
                failed = error_response(500, "audit_failed", message)
            else:
                failed = HttpResponseServerError(message, content_type="text/plain")
            failed.audit_failed = True
            return failed
        return response
