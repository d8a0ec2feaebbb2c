"""Builders for the retention tests: a person known to one system, one record of every
retention rule with its anchor on a given day, and snapshots of every record row so a
test can say exactly which rows a purge destroyed.

The rules themselves come from the stored catalogue (`retention.rules`); each case here
names the rule it exercises and the period the notice publishes, and the tests check
that the catalogue agrees before relying on it.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from access_requests.models import PrivacyActRequest, RequestStatus
from customers.models import Address, Person, SystemRelationship
from mailers import models as mailers
from marketing import models as marketing
from orders import models as orders
from retention.models import LegalHold
from retention.rules import bindings
from sorn.classification import registry
from sorn.constants import RetentionAnchor
from sorn.periods import add_period, parse_period
from tests.mailers.factories import (
    ACHRecordFactory,
    MailerAccountFactory,
    MailerIdentifierFactory,
    MailerLogonFactory,
    SecurityAccessFactory,
)
from tests.marketing.factories import (
    AchRecordFactory,
    BusinessProfileFactory,
    CampaignFactory,
    CampaignResponseFactory,
    MeetingRecordingFactory,
    PublicationFactory,
    SurveyFactory,
    SurveyResponseFactory,
    WebMeetingFactory,
)

# A date in the past, so a purge as of it needs no RETENTION_MAX_FUTURE_DAYS, away from
# month ends so that subtracting a period is exact.
AS_OF = datetime.date(2026, 6, 15)
ONE_DAY = datetime.timedelta(days=1)
# Reference rows (campaigns, surveys, publications) and meeting hosts dated here are not
# due as of any date these tests use, so they never join what a test expects destroyed.
RECENT = datetime.date(2026, 5, 1)
LONG_AGO = datetime.date(2001, 1, 1)
ROUTING = "021000021"

USPS_810 = "usps-810-300"
USPS_820 = "usps-820-100"
USPS_890 = "usps-890-000"
MINT = "mint-009"

_numbers = itertools.count(1)


def number() -> int:
    return next(_numbers)


def at(day: datetime.date, time: datetime.time = datetime.time(12)) -> datetime.datetime:
    """A moment of `day` in the service's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, time))


# People ---------------------------------------------------------------------------------


def person_in(
    *systems: str, ended_on: datetime.date | None = None, ended: dict | None = None
) -> Person:
    """A person with a home address and a relationship with each system: open, or ended
    on `ended_on` (every system) or on `ended[system]`."""
    n = number()
    person = Person.objects.create(
        customer_id=f"R{n:08d}", given_name="Rita", family_name=f"Retained{n}"
    )
    Address.objects.create(
        person=person,
        kind="home",
        line1=f"{n} Example Street",
        city="Springfield",
        state="IL",
        postal_code="62701",
    )
    for system in systems:
        end = (ended or {}).get(system, ended_on)
        SystemRelationship.objects.create(
            person=person,
            system=system,
            system_customer_id=f"T-{n}",
            started_on=min(end, LONG_AGO) if end else LONG_AGO,
            ended_on=end,
            status="ended" if end else "active",
        )
    return person


def person_rows(person: Person) -> set[tuple[str, int]]:
    """The person row and every part of it (relationships, addresses…): what goes when
    the person goes."""
    rows = {("customers.Person", person.pk)}
    for entry in registry:
        if len(entry.systems) > 1 and entry.model is not Person:
            link = next(
                f.attname
                for f in entry.model._meta.concrete_fields
                if f.is_relation and f.related_model is Person
            )
            rows |= {
                (entry.label, pk)
                for pk in entry.model._base_manager.filter(**{link: person.pk}).values_list(
                    "pk", flat=True
                )
            }
    return rows


def row(record: models.Model) -> tuple[str, int]:
    return (record._meta.label, record.pk)


# Records, one maker per rule: make(person, anchor) -> the record whose rule anchor is
# `anchor` (a date; a moment of it for date-time fields). Records under a relationship
# rule ignore `anchor`: their person's relationship carries it.


def _ach_810(person, day):
    return orders.ACHRecord.objects.create(
        person=person,
        account_holder_name="Rita Retained",
        bank_routing_number=ROUTING,
        bank_account_number="99887766",
        account_type="checking",
        amount=Decimal("27.20"),
        debit_date=day,
        status="settled",
    )


def _order_810(person, day):
    return orders.OfflineOrder.objects.create(
        person=person, order_number=f"PF{number():010d}", placed_on=LONG_AGO, channel="mail"
    )


def _logon_820(person, moment):
    account = MailerAccountFactory(person=person, assigned_on=LONG_AGO)
    return MailerLogonFactory(account=account, person=person, logged_on_at=moment)


def _ach_820(person, day):
    return ACHRecordFactory(person=person, recorded_on=day)


def _security_access_820(person, day):
    account = MailerAccountFactory(person=person, assigned_on=LONG_AGO)
    return SecurityAccessFactory(
        account=account, person=person, granted_on=LONG_AGO, cancelled_on=day
    )


def _identifier_820(person, day):
    return MailerIdentifierFactory(person=person, assigned_on=LONG_AGO)


def _publication():
    return PublicationFactory(first_issued_on=RECENT)


def _mailing_list_890(person, day):
    return marketing.MailingListSubscription.objects.create(
        person=person,
        publication=_publication(),
        format="print",
        subscribed_on=LONG_AGO,
        ceased_on=day,
    )


def _pcc_890(person, day):
    return marketing.PccMembership.objects.create(
        person=person, council="Chicago PCC", joined_on=LONG_AGO, ceased_on=day
    )


def _ach_890(person, day):
    return AchRecordFactory(person=person, authorized_on=day)


def _campaign_response_890(person, day):
    campaign = CampaignFactory(starts_on=RECENT, ends_on=None)
    return CampaignResponseFactory(person=person, campaign=campaign, responded_on=day)


def _business_profile_890(person, day):
    return BusinessProfileFactory(person=person, recorded_on=LONG_AGO)


def conferencing_user(person):
    return marketing.ConferencingUser.objects.create(
        person=person,
        created_at=at(RECENT),
        user_name="Rita Retained",
        user_email="rita@example.com",
        user_type="guest",
    )


def _meeting_890(person, moment):
    return WebMeetingFactory(started_at=moment, host_account=conferencing_user(person))


def _chat_telemetry_890(person, moment):
    return marketing.ChatTelemetryEvent.objects.create(
        recorded_at=moment,
        person=person,
        user_email="rita@example.com",
        message_type="text",
        ip_address="192.0.2.7",
    )


def _recording_890(person, moment):
    meeting = WebMeetingFactory(started_at=at(RECENT), host_account=conferencing_user(person))
    return MeetingRecordingFactory(meeting=meeting, created_at=moment)


def _survey_response_890(person, moment):
    survey = SurveyFactory(opens_on=RECENT, closes_on=RECENT + datetime.timedelta(days=30))
    return SurveyResponseFactory(person=person, survey=survey, responded_at=moment)


def _mint_order(person, day):
    n = number()
    return orders.MintOrder.objects.create(
        person=person,
        order_number=f"MO{n:010d}",
        internal_request_id=f"RQ{n:010d}",
        order_date=day,
        channel="phone",
    )


@dataclass(frozen=True)
class RuleCase:
    """One retention rule of one system, exercised through one of its record models."""

    system: str
    rule: str
    period: str | None  # as the notice publishes it; None: no disposition authority
    anchor: str  # RetentionAnchor
    model: type[models.Model]
    make: Callable[[Person, object], models.Model]
    source: str  # the notice's words, cited

    @property
    def plan_key(self) -> str:
        return f"{self.system}/{self.rule}"

    @property
    def id(self) -> str:
        return f"{self.plan_key}:{self.model._meta.model_name}"

    @property
    def date_field(self) -> str | None:
        entry = registry.get(self.model)
        if self.anchor == RetentionAnchor.CREATED:
            return entry.dated_by
        if self.anchor == RetentionAnchor.RELATIONSHIP_ENDED:
            return None
        return entry.anchored_by

    @property
    def takes_moment(self) -> bool:
        return self.date_field is not None and isinstance(
            self.model._meta.get_field(self.date_field), models.DateTimeField
        )

    @property
    def by_relationship(self) -> bool:
        return self.anchor == RetentionAnchor.RELATIONSHIP_ENDED

    @property
    def destroyable(self) -> bool:
        return self.period is not None

    def anchor_for(self, due: datetime.date) -> datetime.date:
        """The anchor date from which the period ends exactly on `due`."""
        anchor = due - parse_period(self.period)
        assert add_period(anchor, self.period) == due, (self.period, due)
        return anchor

    def build(
        self, anchor: datetime.date | None, *, moment: datetime.datetime | None = None
    ) -> tuple[Person, models.Model]:
        """A person known to the system and one record anchored on `anchor` (None: the
        anchor has not happened — the relationship, access or participation goes on)."""
        if self.by_relationship:
            person = person_in(self.system, ended_on=anchor)
            return person, self.make(person, None)
        person = person_in(self.system)
        if self.takes_moment:
            return person, self.make(person, moment or at(anchor))
        return person, self.make(person, anchor)


RULE_CASES = [
    RuleCase(
        USPS_810,
        "ach",
        "P2Y",
        RetentionAnchor.CREATED,
        orders.ACHRecord,
        _ach_810,
        "USPS 810.300, retention: ACH records are retained up to 2 years",
    ),
    RuleCase(
        USPS_810,
        "other",
        "P3Y",
        RetentionAnchor.RELATIONSHIP_ENDED,
        orders.OfflineOrder,
        _order_810,
        "USPS 810.300, retention: other records, up to 3 years after the relationship ends",
    ),
    RuleCase(
        USPS_820,
        "logon",
        "P1Y",
        RetentionAnchor.CREATED,
        mailers.MailerLogon,
        _logon_820,
        "USPS 820.100, retention 1: logon records, 1 year after computer access",
    ),
    RuleCase(
        USPS_820,
        "ach",
        "P2Y",
        RetentionAnchor.CREATED,
        mailers.ACHRecord,
        _ach_820,
        "USPS 820.100, retention 2: ACH records, up to 2 years",
    ),
    RuleCase(
        USPS_820,
        "security_access",
        "P2Y",
        RetentionAnchor.ACCESS_CANCELLED,
        mailers.SecurityAccess,
        _security_access_820,
        "USPS 820.100, retention 3: 2 years after access privileges are cancelled",
    ),
    RuleCase(
        USPS_820,
        "other",
        "P4Y",
        RetentionAnchor.RELATIONSHIP_ENDED,
        mailers.MailerIdentifier,
        _identifier_820,
        "USPS 820.100, retention 4: other records, 4 years after the relationship ends",
    ),
    RuleCase(
        USPS_890,
        "organizations_mailing_lists",
        "P0D",
        RetentionAnchor.PARTICIPATION_CEASED,
        marketing.MailingListSubscription,
        _mailing_list_890,
        "USPS 890.000, retention 1: mailing lists, until the customer ceases to participate",
    ),
    RuleCase(
        USPS_890,
        "organizations_mailing_lists",
        "P0D",
        RetentionAnchor.PARTICIPATION_CEASED,
        marketing.PccMembership,
        _pcc_890,
        "USPS 890.000, retention 1: organizations, until the customer ceases to participate",
    ),
    RuleCase(
        USPS_890,
        "ach",
        "P2Y",
        RetentionAnchor.CREATED,
        marketing.AchRecord,
        _ach_890,
        "USPS 890.000, retention 2 (first sentence): ACH records, up to 2 years",
    ),
    RuleCase(
        USPS_890,
        "direct_marketing",
        "P5Y",
        RetentionAnchor.CREATED,
        marketing.CampaignResponse,
        _campaign_response_890,
        "USPS 890.000, retention 2 (second sentence): direct marketing, 5 years",
    ),
    RuleCase(
        USPS_890,
        "other",
        "P3Y",
        RetentionAnchor.RELATIONSHIP_ENDED,
        marketing.BusinessProfile,
        _business_profile_890,
        "USPS 890.000, retention 3: other records, 3 years after the relationship ends",
    ),
    RuleCase(
        USPS_890,
        "meeting_report_tracking",
        "P24M",
        RetentionAnchor.CREATED,
        marketing.WebMeeting,
        _meeting_890,
        "USPS 890.000, retention 4: meeting report and tracking data, 24 months",
    ),
    RuleCase(
        USPS_890,
        "collaboration_communication",
        "P24M",
        RetentionAnchor.CREATED,
        marketing.ChatTelemetryEvent,
        _chat_telemetry_890,
        "USPS 890.000, retention 5: collaboration and communication records, 24 months",
    ),
    RuleCase(
        USPS_890,
        "meeting_recordings",
        "P24M",
        RetentionAnchor.CREATED,
        marketing.MeetingRecording,
        _recording_890,
        "USPS 890.000, retention 6: meeting recordings, 24 months",
    ),
    RuleCase(
        USPS_890,
        "customer_insight_research_survey",
        "P3Y",
        RetentionAnchor.CREATED,
        marketing.SurveyResponse,
        _survey_response_890,
        "USPS 890.000, retention 7: customer insight, research and surveys, 3 years",
    ),
    RuleCase(
        MINT,
        "not_published",
        None,
        RetentionAnchor.CREATED,
        orders.MintOrder,
        _mint_order,
        "Treasury/Mint .009: no retention period published",
    ),
]
DESTROYABLE = [case for case in RULE_CASES if case.destroyable]


def by_id(cases: Iterable[RuleCase]) -> list:
    return [pytest.param(case, id=case.id) for case in cases]


def case_named(case_id: str) -> RuleCase:
    return next(case for case in RULE_CASES if case.id == case_id)


# Snapshots and checks -------------------------------------------------------------------


def record_models() -> list[type[models.Model]]:
    return [entry.model for entry in registry]


def all_rows() -> set[tuple[str, int]]:
    """Every row of every classified model (system records, people and their parts)."""
    return {
        (model._meta.label, pk)
        for model in record_models()
        for pk in model._base_manager.values_list("pk", flat=True)
    }


def retention_plan(as_of: datetime.date) -> dict:
    """The plan as `retention_plan --json` prints it."""
    out = io.StringIO()
    call_command("retention_plan", "--as-of", as_of.isoformat(), "--json", stdout=out)
    return json.loads(out.getvalue())


def plan_totals(plan: dict, attr: str) -> dict[str, int]:
    return {key: line[attr] for key, line in plan["rules"].items() if line[attr]}


def counts_by_rule(plan: dict, rows: Iterable[tuple[str, int]]) -> dict[str, int]:
    """How many of `rows` each rule of the plan governs (a person's parts count with
    none: they go with the person, which the plan counts)."""
    rule_of = {label: key for key, line in plan["rules"].items() for label in line["models"]}
    return dict(Counter(rule_of[label] for label, _ in rows if label in rule_of))


def assert_plan_agrees(plan: dict, destroyed: set[tuple[str, int]]) -> None:
    """What the plan said was due is what the purge destroyed, rule by rule."""
    assert plan_totals(plan, "due") == counts_by_rule(plan, destroyed)
    assert plan["total_due"] == sum(counts_by_rule(plan, destroyed).values())


def digest_of(rows: Iterable[tuple[str, int]]) -> str:
    """The certificate's digest, computed independently: SHA-256 over the sorted
    "label:id" lines."""
    digest = hashlib.sha256()
    for label, pk in sorted(rows):
        digest.update(f"{label}:{pk}\n".encode())
    return digest.hexdigest()


def certified_labels() -> set[str]:
    """The models a certificate names: system records and the person, not the person's
    parts (they go with the person row the certificate counts)."""
    return {b.label for b in bindings()}


def place_hold(user, **fields) -> LegalHold:
    return LegalHold.objects.create(placed_by=user, reason="Docket 26-cv-0042", **fields)


def release(hold: LegalHold, user) -> None:
    hold.released_by, hold.released_at = user, timezone.now()
    hold.release_reason = "Matter settled"
    hold.save()


# Open requests; one awaiting e-mail verification, or a portal's test delivery, is never
# worked and freezes nothing.
PENDING = [
    RequestStatus.RECEIVED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.ANSWERED,
    RequestStatus.APPEALED,
]


def open_request(person: Person, status: str = RequestStatus.RECEIVED) -> PrivacyActRequest:
    return PrivacyActRequest.objects.create(kind="access", person=person, status=status)


def close(request: PrivacyActRequest) -> None:
    request.status, request.closed_at = RequestStatus.CLOSED, timezone.now()
    request.save()


@pytest.fixture
def own_purge_lock(settings, tmp_path):
    """The purge lock (on SQLite a file in DATA_DIR) of this test alone: test runs
    sharing a DATA_DIR would otherwise refuse each other's purges."""
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def records_officer(django_user_model):
    """Who places and releases holds (the role's permissions are the admin's concern)."""
    return django_user_model.objects.create_user("records-officer-test", is_staff=True)
