"""Reference data of the USPS 890.000 demo, created once and reused by every chunk:
campaigns, publications, events, surveys, and web meetings with their hosts, recordings,
operation log and chat channels (spread over three years, so some are past the
twenty-four months of retention 4 to 6)."""

from __future__ import annotations

import datetime
import random
import uuid
from decimal import Decimal
from typing import Any

from audit.bulk import bulk_insert
from lib.demo import DemoContext
from marketing.constants import (
    AdministrationKind,
    CampaignKind,
    ChannelKind,
    ConferencingUserStatus,
    ConferencingUserType,
    EventKind,
    RecordingStatus,
    RecordingType,
    SurveyKind,
)
from marketing.models import (
    AdministrationRecord,
    Campaign,
    ChatChannel,
    ConferencingUser,
    Event,
    MeetingRecording,
    Publication,
    Survey,
    WebMeeting,
)

UTC = datetime.UTC

# Clear reference values are fixed lists, never drawn from the pools of people's names
# and towns, so a dump of the database shows no customer's personal value in clear.
PUBLICATIONS = [
    ("PB", "Postal Bulletin", "biweekly"),
    ("DMM-ADV", "Domestic Mail Manual Advisory", "monthly"),
    ("MAILPRO", "MailPro", "bimonthly"),
    ("DELIVERS", "USPS Delivers", "quarterly"),
    ("PCC-NEWS", "PCC Newsletter", "quarterly"),
    ("STAMPS", "USA Philatelic", "quarterly"),
]
VENUES = [
    ("Indianapolis", "IN"),
    ("Nashville", "TN"),
    ("Las Vegas", "NV"),
    ("San Diego", "CA"),
    ("Minneapolis", "MN"),
    ("Baltimore", "MD"),
]
MEETING_TOPICS = [
    "Quarterly PCC virtual meeting",
    "Every Door Direct Mail webinar",
    "Informed Visibility training",
    "Shipping solutions customer briefing",
    "Mailing promotions overview",
]


def reference_data(ctx: DemoContext) -> dict[str, Any]:
    if not Campaign.objects.exists():
        _createreference_data(ctx)
    meetings = list(WebMeeting.objects.only("id", "started_at", "duration_minutes", "meeting_id"))
    meetings.sort(key=lambda m: m.started_at)
    return {
        "campaigns": list(Campaign.objects.all()),
        "publications": list(Publication.objects.all()),
        "events": sorted(Event.objects.all(), key=lambda e: e.starts_on),
        "surveys": list(Survey.objects.all()),
        "meetings": meetings,
        "meeting_days": [m.started_at.date() for m in meetings],
        "channels": list(ChatChannel.objects.only("id", "created_at")),
        "hosts": _host_pool(ctx),
    }


def _host_pool(ctx: DemoContext) -> list[tuple[str, str]]:
    """USPS staff who host meetings and share insight material (synthetic)."""
    rng = random.Random(7)  # synthetic demo hosts, the same in every chunk
    pools = ctx.pools
    hosts = []
    for n in range(6):
        given, family = rng.choice(pools.given_names), rng.choice(pools.family_names)
        hosts.append((f"{given} {family}", f"{given}.{family}.host{n}@example.org".lower()))
    return hosts


def _createreference_data(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    kinds = list(CampaignKind)
    # Two campaigns a year for eleven years, each running a year.
    campaigns = [
        Campaign(
            code=f"CMP-{n:03d}",
            name=f"{kinds[n % 3].label} campaign {n}",
            kind=kinds[n % 3],
            starts_on=today - datetime.timedelta(days=182 * n + 30),
            ends_on=today - datetime.timedelta(days=182 * n + 30) + datetime.timedelta(days=365),
        )
        for n in range(22)
    ]
    bulk_insert(ctx, Campaign, campaigns)
    bulk_insert(
        ctx,
        Publication,
        [
            Publication(
                code=code,
                title=title,
                frequency=frequency,
                first_issued_on=today - datetime.timedelta(days=365 * 20),
            )
            for code, title, frequency in PUBLICATIONS
        ],
    )
    events = []
    for n in range(16):  # about every four months over five years
        starts = today - datetime.timedelta(days=115 * n + 20)
        kind = rng.choice(list(EventKind))
        city, state = rng.choice(VENUES)
        events.append(
            Event(
                name=f"{kind.label} {starts.year} #{n}",
                kind=kind,
                starts_on=starts,
                ends_on=starts + datetime.timedelta(days=rng.randint(0, 2)),
                venue_city=city,
                venue_state=state,
                registration_fee=Decimal(rng.choice([0, 0, 95, 150, 495])),
            )
        )
    bulk_insert(ctx, Event, events)
    survey_kinds = list(SurveyKind)
    bulk_insert(
        ctx,
        Survey,
        [
            Survey(
                code=f"SRV-{n:03d}",
                title=f"{survey_kinds[n % len(survey_kinds)].label} {n}",
                kind=survey_kinds[n % len(survey_kinds)],
                opens_on=today - datetime.timedelta(days=150 * n + 60),
                closes_on=today - datetime.timedelta(days=150 * n + 60) + datetime.timedelta(90),
            )
            for n in range(12)
        ],
    )
    _create_meetings(ctx)


def _create_meetings(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    hosts = _host_pool(ctx)
    accounts = [
        ConferencingUser(
            created_at=at(ctx, today - datetime.timedelta(days=rng.randint(30, 700))),
            user_name=name,
            user_email=email,
            user_type=ConferencingUserType.LICENSED,
            status=ConferencingUserStatus.ACTIVE,
            attributes={"User Department": "Marketing", "User Timezone": "America/New_York"},
        )
        for name, email in hosts
    ]
    bulk_insert(ctx, ConferencingUser, accounts)
    meetings = []
    for _ in range(80):  # spread over three years: about a third past twenty-four months
        host = rng.randrange(len(hosts))
        meetings.append(
            WebMeeting(
                meeting_id=str(rng.randint(10**9, 10**11 - 1)),
                topic=rng.choice(MEETING_TOPICS),
                started_at=at(ctx, today - datetime.timedelta(days=rng.randint(1, 3 * 365))),
                duration_minutes=rng.choice([30, 45, 60, 90]),
                host_account=accounts[host],
                host_name=hosts[host][0],
                host_email=hosts[host][1],
            )
        )
    bulk_insert(ctx, WebMeeting, meetings)
    recordings = [
        MeetingRecording(
            meeting=meeting,
            created_at=meeting.started_at + datetime.timedelta(minutes=meeting.duration_minutes),
            recording_type=rng.choice(list(RecordingType)),
            status=RecordingStatus.COMPLETED,
            file_reference=f"recordings/{meeting.meeting_id}/{uuid.UUID(int=rng.getrandbits(128))}",
            file_extension="mp4",
            file_size=rng.randint(20, 900) * 1024 * 1024,
        )
        for meeting in meetings
        if rng.random() < 0.5
    ]
    bulk_insert(ctx, MeetingRecording, recordings)
    admin = [
        AdministrationRecord(
            kind=AdministrationKind.OPERATION_LOG,
            recorded_at=meeting.started_at - datetime.timedelta(days=1),
            account_id="USPS-MKT-01",
            meeting=meeting,
            attributes={
                "Operation Log action": "Schedule meeting",
                "operation log category type": "Meeting",
                "operation log user": meeting.host_email,
            },
        )
        for meeting in meetings[:20]
    ]
    bulk_insert(ctx, AdministrationRecord, admin)
    channels = []
    for n in range(8):
        name, _ = hosts[n % len(hosts)]
        channels.append(
            ChatChannel(
                kind=rng.choice([ChannelKind.PERSISTENT_CHANNEL, ChannelKind.GROUP_CHAT]),
                created_at=at(ctx, today - datetime.timedelta(days=rng.randint(200, 3 * 365))),
                title=f"Customer collaboration {n + 1}",
                organizer_name=name,
            )
        )
    bulk_insert(ctx, ChatChannel, channels)


def at(ctx: DemoContext, day: datetime.date) -> datetime.datetime:
    # Afternoon UTC: the same calendar day in every US time zone.
    time = datetime.time(ctx.rng.randint(13, 20), ctx.rng.randint(0, 59))
    return datetime.datetime.combine(day, time, tzinfo=UTC)
