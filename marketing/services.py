"""Retrieval of USPS 890.000 records as the notice's "Retrievability" section lists it.

1. Sales, events and publications: customer name or customer ID(s), mail or e-mail
   address, and phone number (person-level: `customers.services.find_people`);
2. Direct marketing: SIC or NAICS number, and company name (the business profile);
3., 5., 6. Meeting report and tracking data, media and session recordings: meeting ID,
   host name or host e-mail address;
4. Collaboration and communication: organizer name;
7. Customer Insight materials: name and e-mail address.

A record is returned when it matches every identifier given. Identifiers fall in groups
(person, firm, meeting, organizer); each model says how each group reaches it, and a
model no given group can reach is left out, since it cannot match them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q, QuerySet

from customers.services import find_people_ids
from keystore.fields import index_token
from marketing.constants import SYSTEM
from marketing.models import (
    AchRecord,
    AdministrationRecord,
    BusinessProfile,
    CampaignResponse,
    ChatChannel,
    ChatTelemetryEvent,
    CollaborationMessage,
    ConferencingUser,
    EventRegistration,
    InsightShare,
    MailingListSubscription,
    MeetingDevice,
    MeetingRecording,
    ParticipantSession,
    Payment,
    PccMembership,
    PublicationRequest,
    SupplierContract,
    SurveyResponse,
    TelemetryEvent,
    WebMeeting,
)
from marketing.validators import digits_only
from sorn import retrieval

PERSON_IDENTIFIERS = ("name", "customer_id", "address", "email", "phone")  # retrieval 1, 7
FIRM_IDENTIFIERS = ("sic", "naics", "company_name")  # retrieval 2
MEETING_IDENTIFIERS = ("meeting_id", "host_name", "host_email")  # retrievals 3, 5, 6
ORGANIZER_IDENTIFIERS = ("organizer_name",)  # retrieval 4

NOTHING = Q(pk__in=[])


def matching_firms(identifiers: Mapping[str, str]) -> QuerySet[BusinessProfile]:
    """Business profiles by SIC or NAICS number and company name (retrieval 2)."""
    firms = BusinessProfile.objects.all()
    if identifiers.get("sic"):
        firms = firms.filter(sic_code=digits_only(identifiers["sic"]))
    if identifiers.get("naics"):
        firms = firms.filter(naics_code=digits_only(identifiers["naics"]))
    if identifiers.get("company_name"):
        firms = firms.lookup(firm_name=identifiers["company_name"])
    return firms


def matching_meetings(identifiers: Mapping[str, str]) -> QuerySet[WebMeeting]:
    """Meetings by meeting ID, host name or host e-mail (retrievals 3, 5 and 6)."""
    meetings = WebMeeting.objects.all()
    if identifiers.get("meeting_id"):
        # Meeting IDs are written with spaces or hyphens ("812 3456 7890"): digits match.
        meeting_id = digits_only(identifiers["meeting_id"])
        meetings = meetings.filter(meeting_id=meeting_id) if meeting_id else meetings.none()
    if identifiers.get("host_name"):
        meetings = meetings.lookup(host_name=identifiers["host_name"])
    if identifiers.get("host_email"):
        meetings = meetings.lookup(host_email=identifiers["host_email"])
    return meetings


@dataclass
class _Scope:
    """What the given identifiers select, group by group (None: group not given)."""

    # The ids of the people the person-level identifiers name (found at once: `person_id
    # IN (ids)` OR-ed with a row's own blind indexes stays an index scan, where a
    # subquery of the people made the planner read every row of the model).
    people: list[int] | None
    person_identifiers: dict[str, str]
    firms: QuerySet[BusinessProfile] | None
    meetings: QuerySet[WebMeeting] | None
    channels: QuerySet[ChatChannel] | None
    organized_meetings: QuerySet[WebMeeting] | None

    def named(self, *prefixes: str) -> Q:
        """Rows whose own blind indexes `<prefix>_name_index` / `<prefix>_email_index` match
        the given name and e-mail, for people known to the record only by name and e-mail
        (participants, hosts, users, share recipients: retrieval 7). Applies only when no
        other person-level identifier is given: such a row could not match those."""
        given = self.person_identifiers
        if not given or set(given) - {"name", "email"}:
            return NOTHING
        matches = []
        for prefix in prefixes:
            tokens = {f"{prefix}_{kind}_index": index_token(kind, v) for kind, v in given.items()}
            if all(tokens.values()):
                matches.append(Q(**tokens))
        return reduce(or_, matches, NOTHING)

    def person(self, path: str = "person") -> Q:
        return Q(**{f"{path}__in": self.people})


Reach = Callable[[_Scope], Q]


# How each group of identifiers reaches each model's rows; a group missing from a model's
# entry cannot reach it.
REACH: dict[type[models.Model], dict[str, Reach]] = {
    BusinessProfile: {
        "person": lambda s: s.person(),
        "firm": lambda s: Q(pk__in=s.firms.values("pk")),
    },
    SupplierContract: {
        "person": lambda s: s.person(),
        "firm": lambda s: Q(business_profile__in=s.firms.values("pk")),
    },
    # Retrieval 2 is "for direct marketing": the responses of the firm's key contacts.
    CampaignResponse: {
        "person": lambda s: s.person(),
        "firm": lambda s: Q(person__in=s.firms.values("person")),
    },
    PublicationRequest: {"person": lambda s: s.person()},
    MailingListSubscription: {"person": lambda s: s.person()},
    EventRegistration: {"person": lambda s: s.person()},
    PccMembership: {"person": lambda s: s.person()},
    SurveyResponse: {"person": lambda s: s.person()},
    Payment: {"person": lambda s: s.person()},
    AchRecord: {"person": lambda s: s.person()},
    ConferencingUser: {
        "person": lambda s: s.person() | s.named("user"),
        "meeting": lambda s: Q(pk__in=s.meetings.values("host_account")),
    },
    WebMeeting: {
        "person": lambda s: s.person("host_account__person") | s.named("host"),
        "meeting": lambda s: Q(pk__in=s.meetings.values("pk")),
    },
    ParticipantSession: {
        "person": lambda s: s.person() | s.named("participant"),
        "meeting": lambda s: Q(meeting__in=s.meetings.values("pk")),
    },
    MeetingDevice: {
        "person": lambda s: Q(
            session__in=ParticipantSession.objects.filter(
                s.person() | s.named("participant")
            ).values("pk")
        ),
        "meeting": lambda s: Q(session__meeting__in=s.meetings.values("pk")),
    },
    MeetingRecording: {"meeting": lambda s: Q(meeting__in=s.meetings.values("pk"))},
    AdministrationRecord: {
        "person": lambda s: s.person(),
        "meeting": lambda s: Q(meeting__in=s.meetings.values("pk")),
    },
    TelemetryEvent: {
        "person": lambda s: Q(
            user__in=ConferencingUser.objects.filter(s.person() | s.named("user")).values("pk")
        ),
        "meeting": lambda s: Q(meeting__in=s.meetings.values("pk")),
    },
    ChatChannel: {"organizer": lambda s: Q(pk__in=s.channels.values("pk"))},
    CollaborationMessage: {
        "person": lambda s: s.person("sender"),
        "meeting": lambda s: Q(meeting__in=s.meetings.values("pk")),
        "organizer": lambda s: (
            Q(channel__in=s.channels.values("pk"))
            | Q(meeting__in=s.organized_meetings.values("pk"))
        ),
    },
    ChatTelemetryEvent: {
        "person": lambda s: s.person(),
        "meeting": lambda s: Q(meeting__in=s.meetings.values("pk")),
        "organizer": lambda s: (
            Q(channel__in=s.channels.values("pk"))
            | Q(meeting__in=s.organized_meetings.values("pk"))
        ),
    },
    # Retrieval 7: "Customer Insight materials are retrieved by name and email address".
    InsightShare: {
        "person": lambda s: s.person() | s.named("shared_by", "shared_to"),
        "meeting": lambda s: Q(meeting__in=s.meetings.values("pk")),
    },
}


def _given(identifiers: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    return {k: identifiers[k] for k in names if identifiers.get(k)}


# Beside the people's fields, the records' own name and e-mail indexes a name or an e-mail
# alone also matches (`_Scope.named`: participants, hosts, users, share recipients).
_NAMED = {
    ConferencingUser: ("user",),
    WebMeeting: ("host",),
    ParticipantSession: ("participant",),
    InsightShare: ("shared_by", "shared_to"),
}


@retrieval.register(
    SYSTEM,
    compares={
        "name": tuple((m, f"{p}_name_index") for m, prefixes in _NAMED.items() for p in prefixes),
        "email": tuple((m, f"{p}_email_index") for m, prefixes in _NAMED.items() for p in prefixes),
        "sic": ((BusinessProfile, "sic_code"),),
        "naics": ((BusinessProfile, "naics_code"),),
        "company_name": ((BusinessProfile, "firm_name_index"),),
        "meeting_id": ((WebMeeting, "meeting_id"),),
        "host_name": ((WebMeeting, "host_name_index"),),
        "host_email": ((WebMeeting, "host_email_index"),),
        "organizer_name": ((ChatChannel, "organizer_name_index"), (WebMeeting, "host_name_index")),
    },
)
def find_marketing_records(identifiers: Mapping[str, str]) -> retrieval.RetrievalResult:
    """USPS 890.000 records matching every given identifier, per model."""
    person_ids = _given(identifiers, PERSON_IDENTIFIERS)
    firm_ids = _given(identifiers, FIRM_IDENTIFIERS)
    meeting_ids = _given(identifiers, MEETING_IDENTIFIERS)
    organizer = identifiers.get("organizer_name")
    scope = _Scope(
        people=(find_people_ids(person_ids, system=SYSTEM) or []) if person_ids else None,
        person_identifiers=person_ids,
        firms=matching_firms(firm_ids) if firm_ids else None,
        meetings=matching_meetings(meeting_ids) if meeting_ids else None,
        channels=ChatChannel.objects.lookup(organizer_name=organizer) if organizer else None,
        organized_meetings=WebMeeting.objects.lookup(host_name=organizer) if organizer else None,
    )
    groups = [
        group
        for group, given in (
            ("person", person_ids),
            ("firm", firm_ids),
            ("meeting", meeting_ids),
            ("organizer", organizer),
        )
        if given
    ]
    result = retrieval.RetrievalResult(system=SYSTEM)
    if not groups:
        return result  # nothing given matches nothing, never everything
    for model, reach in REACH.items():
        if not all(group in reach for group in groups):
            continue
        condition = reduce(lambda q, group: q & reach[group](scope), groups, Q())
        result.records[model._meta.label] = model.objects.filter(condition)
    return result
