"""The answer to an access request: a package of the person's records in every system
asked about, with the accounting of disclosures about them (issue 12, item 4).

Built through the access layer only — a `Gate` for the privacy officer preparing it, on the
channel `request_package`, the request as the purpose — so every record read for it is in
the audit like any other read, and a field the officer's role may not read is not in it.
Nothing goes into a package before the requester's identity is accepted.

Kept as two files of the request (`DocumentRole.PACKAGE_HTML`, `PACKAGE_JSON`), sealed
under the request's own data key, and offered on the requester's status page for
`REQUEST_PACKAGE_DAYS` days; each download is an event in the request's history with its
time and the client's address.
"""

from __future__ import annotations

import datetime
import decimal
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from access.gate import Gate
from access_requests.documents import seal_document
from access_requests.models import (
    NOT_OPEN,
    DocumentRole,
    PrivacyActRequest,
    RequestDocument,
    RequestEvent,
    RequestKind,
)
from audit.constants import AccessChannel
from audit.disagreements import Dispute
from audit.disclosures import accounting_of
from audit.models import DisclosureAccounting
from sorn.classification import record_models, registry
from sorn.models import SystemOfRecords


class PackageRefused(ValidationError):
    """A package that may not be built now; nothing was read or stored."""


@dataclass
class RecordSet:
    """The records of one model in one system, as the gate let them through."""

    label: str  # the model's name in words
    fields: list[tuple[str, str]]  # (field name, its name in words), in the model's order
    rows: list[dict[str, Any]]
    # Per row, the statements of disagreement filed against it (5 U.S.C. 552a(d)(4)).
    disputes: list[list[Dispute]] = field(default_factory=list)

    @property
    def statements(self) -> list[tuple[int, str, Dispute]]:
        """(row number from 1, the disputed field in words, the statement) for every
        statement on the set's rows."""
        words = dict(self.fields)
        return [
            (number, words.get(d.field, d.field.replace("_", " ")), d)
            for number, disputes in enumerate(self.disputes, start=1)
            for d in disputes
        ]

    @property
    def table(self) -> list[list[Any]]:
        """Each row's values in the fields' order ("" where the row has none)."""
        return [[row.get(name, "") for name, _ in self.fields] for row in self.rows]


@dataclass
class SystemSection:
    slug: str
    number: str
    name: str
    record_sets: list[RecordSet] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(s.rows) for s in self.record_sets)


@dataclass
class Package:
    tracking_number: str
    kind: str
    generated_at: datetime.datetime
    sections: list[SystemSection]
    # 5 U.S.C. 552a(c)(3): the accounting of disclosures, without those to law
    # enforcement under 552a(b)(7).
    disclosures: list[DisclosureAccounting]


def assemble(request: PrivacyActRequest, user, people: Mapping[str, Iterable[int]]) -> Package:
    """The package for `request`, read as `user`: for each system asked about, the records
    of the people confirmed as the requester in that system (`people`: system slug →
    person ids). An accounting request gets the disclosures only."""
    if request.status in NOT_OPEN:
        raise PackageRefused(
            f"No package for a request that is {request.get_status_display().lower()}.",
            code="status",
        )
    if request.identity_accepted_at is None:
        raise PackageRefused(
            "Accept the requester's identity before preparing their records.", code="identity"
        )
    outside = sorted(set(people) - set(request.systems))
    if outside:
        raise PackageRefused(
            f"People were confirmed in systems the request does not ask about: "
            f"{', '.join(outside)}.",
            code="systems",
        )
    gate = Gate(user, AccessChannel.REQUEST_PACKAGE, request.purpose)
    systems = {s.slug: s for s in SystemOfRecords.objects.filter(slug__in=request.systems)}
    sections, seen = [], set()
    for slug in request.systems:
        system = systems[slug]
        section = SystemSection(slug, system.number, system.name)
        person_ids = sorted(set(people.get(slug, ())))
        if request.kind != RequestKind.ACCOUNTING and person_ids:
            for model in record_models():
                record_set = _records(gate, model, slug, person_ids, seen)
                if record_set is not None:
                    section.record_sets.append(record_set)
        sections.append(section)
    everyone = sorted({pid for ids in people.values() for pid in ids})
    disclosures = accounting_of(everyone, request.systems, law_enforcement=False)
    return Package(request.tracking_number, request.kind, timezone.now(), sections, disclosures)


def _records(
    gate: Gate, model: type[models.Model], system: str, person_ids: list[int], seen: set
) -> RecordSet | None:
    facts = registry.facts(model)
    if system not in facts.systems or facts.person_id_path is None:
        return None
    rows = model.objects.filter(**{f"{facts.person_id_path}__in": person_ids})
    if facts.system_field:
        rows = rows.filter(**{facts.system_field: system})
    # A row shared by several systems (the person, their addresses) goes in the first
    # section that reaches it.
    found = [row for row in gate.restrict(rows).order_by("pk") if (model, row.pk) not in seen]
    if not found:
        return None
    seen.update((model, row.pk) for row in found)
    projected = gate.project(model, found)
    disputes = gate.disputes(model, found)
    shown = {name for row in projected for name in row}
    fields = [
        (f.name, str(f.verbose_name))
        for f in model._meta.concrete_fields
        if f.name in shown and f.name not in facts.machinery and not f.primary_key
    ]
    return RecordSet(
        str(model._meta.verbose_name_plural).capitalize(),
        fields,
        projected,
        [disputes.get(row.pk, []) for row in found],
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _record_json(record_set: RecordSet, row: dict, disputes: list[Dispute]) -> dict:
    record = {name: _plain(row.get(name)) for name, _ in record_set.fields}
    if disputes:
        record["statements_of_disagreement"] = [d.as_json() for d in disputes]
    return record


def as_json(package: Package) -> bytes:
    """The package for a machine: the same content as the HTML, as JSON."""
    document = {
        "tracking_number": package.tracking_number,
        "kind": package.kind,
        "generated_at": package.generated_at.isoformat(),
        "systems": [
            {
                "system": s.slug,
                "number": s.number,
                "name": s.name,
                "records": {
                    rs.label: [_record_json(rs, row, disputes)
                               for row, disputes in zip(rs.rows, rs.disputes, strict=True)]
                    for rs in s.record_sets
                },
            }
            for s in package.sections
        ],
        "accounting_of_disclosures": [
            {
                "date": d.disclosed_at.date().isoformat(),
                "system": d.system,
                "nature_and_purpose": d.nature_and_purpose,
                "routine_use": d.routine_use,
                "recipient_name": d.recipient_name,
                "recipient_address": d.recipient_address,
                "corrects_entry_of": d.corrected_entry.disclosed_at.date().isoformat()
                if d.corrected_entry else None,
            }
            for d in package.disclosures
        ],
    }  # fmt: skip
    return json.dumps(document, indent=2, ensure_ascii=False).encode()


def as_html(package: Package) -> bytes:
    """The package for a person: one printable page."""
    return render_to_string("access_requests/package.html", {"package": package}).encode()


@transaction.atomic
def prepare(
    request: PrivacyActRequest, user, people: Mapping[str, Iterable[int]]
) -> list[RequestDocument]:
    """Build the package and keep it with the request, HTML and JSON, ready for the
    requester's status page; an event says so (counts, never contents)."""
    # Its status and identity as they are now, held until the package is kept.
    request = PrivacyActRequest.objects.select_for_update().get(pk=request.pk)
    package = assemble(request, user, people)
    stamp = f"{package.generated_at:%Y%m%d}"
    documents = [
        seal_document(
            request,
            DocumentRole.PACKAGE_HTML,
            f"{request.tracking_number}-records-{stamp}.html",
            "text/html",
            as_html(package),
        ),
        seal_document(
            request,
            DocumentRole.PACKAGE_JSON,
            f"{request.tracking_number}-records-{stamp}.json",
            "application/json",
            as_json(package),
        ),
    ]
    records = sum(section.count for section in package.sections)
    RequestEvent.objects.create(
        request=request,
        actor=user,
        event="package",
        what=f"Package prepared: {records} records in {len(package.sections)} systems, "
        f"{len(package.disclosures)} disclosures",
    )
    return documents


def available_until(document: RequestDocument) -> datetime.datetime:
    return document.received_at + datetime.timedelta(days=settings.REQUEST_PACKAGE_DAYS)


def offered(request: PrivacyActRequest) -> list[RequestDocument]:
    """The package files the status page offers now (not expired), newest first."""
    since = timezone.now() - datetime.timedelta(days=settings.REQUEST_PACKAGE_DAYS)
    return list(
        request.documents.filter(
            role__in=[DocumentRole.PACKAGE_HTML, DocumentRole.PACKAGE_JSON],
            received_at__gte=since,
        ).order_by("-received_at", "role")
    )


def note_download(document: RequestDocument, address: str | None) -> None:
    RequestEvent.objects.create(
        request=document.request,
        event="download",
        what=f"{document.get_role_display()} #{document.pk} downloaded by the requester "
        f"from {address or 'an unknown address'}",
    )
