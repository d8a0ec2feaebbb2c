"""The USPS 890.000 demo records of each relationship, dated within it."""

from __future__ import annotations

import datetime
from typing import Any

from audit.bulk import bulk_insert
from lib.demo import DemoContext
from marketing.demo.meetings import MeetingRecords
from marketing.demo.sales import SalesRecords
from marketing.models import (
    AchRecord,
    BusinessProfile,
    CampaignResponse,
    ChatTelemetryEvent,
    CollaborationMessage,
    ConferencingUser,
    EventRegistration,
    InsightShare,
    MailingListSubscription,
    MeetingDevice,
    ParticipantSession,
    Payment,
    PccMembership,
    PublicationRequest,
    SupplierContract,
    SurveyResponse,
)


class RecordSeeder(SalesRecords, MeetingRecords):
    """Builds the records of one chunk's relationships, then inserts them parents first."""

    def __init__(self, ctx: DemoContext, ref: dict[str, Any]) -> None:
        self.ctx, self.rng, self.ref = ctx, ctx.rng, ref
        self.rows: dict[type, list] = {}
        self.forced = False  # every optional part of a record is made (showcase)
        self.registered: set[tuple[int, int]] = set()
        self.payments: list[tuple[EventRegistration, str]] = []
        self.session_extras: list[tuple[ParticipantSession, Any, bool]] = []
        self.message_edits: list[CollaborationMessage] = []

    def chance(self, p: float) -> bool:
        return self.forced or self.rng.random() < p

    def _add(self, obj) -> Any:
        self.rows.setdefault(type(obj), []).append(obj)
        return obj

    def _day(self, low: datetime.date, high: datetime.date) -> datetime.date | None:
        if high < low:
            return None
        return low + datetime.timedelta(days=self.rng.randint(0, (high - low).days))

    def add(self, rel) -> None:
        rng = self.rng
        for _ in range(rng.choice((0, 1, 1, 1, 2))):
            self.campaign_response(rel)
        if rng.random() < 0.25:
            self.publication_request(rel)
        if rng.random() < 0.12:
            self.mailing_list(rel)
        if rng.random() < 0.2:
            self.event_registration(rel)
        if rng.random() < 0.05:
            self.pcc_membership(rel)
        if rng.random() < 0.15:
            self.survey_response(rel)
        if rel.person.company_name and rng.random() < 0.3:
            self.business_profile(rel)
        if rng.random() < 0.3:
            self.meeting_session(rel)
        if rng.random() < 0.1:
            self.message(rel)
        if rng.random() < 0.06:
            self.insight_share(rel)

    def showcase(self, relationships: list, missing: list) -> None:
        self.forced = True
        for _model, make in missing:
            for rel in relationships:
                if make(self, rel):
                    break
        self.forced = False

    def _window(self, rel) -> tuple[datetime.date, datetime.date]:
        return rel.started_on, rel.ended_on or self.ctx.today

    def insert(self) -> None:
        # Parents first: rows that point at others need their primary keys.
        for model in (
            BusinessProfile,
            EventRegistration,
            ParticipantSession,
            ConferencingUser,
            CollaborationMessage,
        ):
            bulk_insert(self.ctx, model, self.rows.pop(model, []))
        for registration, method in self.payments:
            self._payment(registration, method)
        for session, user, forced in self.session_extras:
            self._session_extras(session, user, forced)
        for message in self.message_edits:
            self._edit(message)
        for model, objects in self.rows.items():
            _link_saved_parents(objects)
            bulk_insert(self.ctx, model, objects)


# Each record model made per relationship, and how to make one (a small seed on a fresh
# database still shows every kind).
SHOWCASE: list[tuple[type, Any]] = [
    (CampaignResponse, RecordSeeder.campaign_response),
    (PublicationRequest, RecordSeeder.publication_request),
    (MailingListSubscription, RecordSeeder.mailing_list),
    (PccMembership, RecordSeeder.pcc_membership),
    (SurveyResponse, RecordSeeder.survey_response),
    (Payment, lambda seeder, rel: seeder.event_registration(rel, method="card")),
    (AchRecord, lambda seeder, rel: seeder.event_registration(rel, method="ach")),
    (SupplierContract, RecordSeeder.business_profile),
    (MeetingDevice, RecordSeeder.meeting_session),
    (ChatTelemetryEvent, RecordSeeder.message),
    (InsightShare, RecordSeeder.insight_share),
]


def _link_saved_parents(objects: list) -> None:
    """Copy the primary keys of parents saved after they were assigned (a supplier
    contract's business profile) into the foreign-key columns; bulk_insert writes the
    columns as they are."""
    if not objects:
        return
    relations = [f for f in objects[0]._meta.concrete_fields if f.many_to_one]
    for obj in objects:
        for field in relations:
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                parent = field.get_cached_value(obj)
                if parent is not None and parent.pk is not None:
                    setattr(obj, field.attname, parent.pk)
