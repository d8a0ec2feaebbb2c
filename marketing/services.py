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
from lib.prepared import BoundIds
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


def matching_firms(bound: retrieval.Bindings) -> QuerySet[BusinessProfile]:
    """Business profiles by SIC or NAICS number and company name (retrieval 2)."""
    firms = BusinessProfile.objects.all()
    if "sic" in bound:
        firms = firms.filter(sic_code=bound.value("sic"))
    if "naics" in bound:
        firms = firms.filter(naics_code=bound.value("naics"))
    if "company_name" in bound:
        firms = firms.filter(firm_name_index=bound.value("company_name"))
    return firms


def matching_meetings(bound: retrieval.Bindings) -> QuerySet[WebMeeting]:
    """Meetings by meeting ID, host name or host e-mail (retrievals 3, 5 and 6)."""
    meetings = WebMeeting.objects.all()
    if "meeting_id" in bound:
        meetings = meetings.filter(meeting_id=bound.value("meeting_id"))
    if "host_name" in bound:
        meetings = meetings.filter(host_name_index=bound.value("host_name"))
    if "host_email" in bound:
        meetings = meetings.filter(host_email_index=bound.value("host_email"))
    return meetings


@dataclass
class _Scope:
    """What the given identifiers select, group by group (None: group not given)."""

    # The ids of the people the person-level identifiers name (found at once: `person_id
    # = ANY(ids)` OR-ed with a row's own blind indexes stays an index scan, where a
    # subquery of the people made the planner read every row of the model).
    people: BoundIds | None
    bound: retrieval.Bindings
    firms: QuerySet[BusinessProfile] | None
    meetings: QuerySet[WebMeeting] | None
    channels: QuerySet[ChatChannel] | None
    organized_meetings: QuerySet[WebMeeting] | None

    def named(self, *prefixes: str) -> Q:
        """Rows whose own blind indexes `<prefix>_name_index` / `<prefix>_email_index` match
        the given name and e-mail, for people known to the record only by name and e-mail
        (participants, hosts, users, share recipients: retrieval 7). Applies only when no
        other person-level identifier is given: such a row could not match those."""
        given = self.bound.names & set(PERSON_IDENTIFIERS)
        if not given or given - {"name", "email"}:
            return NOTHING
        matches = [
            Q(
                **{
                    f"{prefix}_{kind}_index": self.bound.value(f"{kind}_token")
                    for kind in sorted(given)
                }
            )
            for prefix in prefixes
        ]
        return reduce(or_, matches, NOTHING)

    def person(self, path: str = "person") -> Q:
        return Q(**{f"{path}__any_of": self.people})


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


# Beside the people's fields, the records' own name and e-mail indexes a name or an e-mail
# alone also matches (`_Scope.named`: participants, hosts, users, share recipients).
_NAMED = {
    ConferencingUser: ("user",),
    WebMeeting: ("host",),
    ParticipantSession: ("participant",),
    InsightShare: ("shared_by", "shared_to"),
}


def bind_marketing_identifiers(identifiers: Mapping[str, str]) -> dict[str, object]:
    """The values of USPS 890.000's queries: the people the person-level identifiers name,
    of the system, found at once; the tokens of a name and an e-mail address for the
    records' own indexes (`_Scope.named`); the firm, meeting and organizer identifiers
    in their normal form (one with none, a meeting ID without digits, a name without a
    normal form, bound as None, finds nothing)."""
    values: dict[str, object] = {}
    person_ids = {k: identifiers[k] for k in PERSON_IDENTIFIERS if identifiers.get(k)}
    if person_ids:
        values["people"] = find_people_ids(person_ids, system=SYSTEM) or []
        if not set(person_ids) - {"name", "email"}:
            for kind, value in person_ids.items():
                values[f"{kind}_token"] = index_token(kind, value) or None
    given = {k: v for k, v in identifiers.items() if v}
    if "sic" in given:
        values["sic"] = digits_only(given["sic"])
    if "naics" in given:
        values["naics"] = digits_only(given["naics"])
    if "company_name" in given:
        values["company_name"] = index_token("name", given["company_name"]) or None
    if "meeting_id" in given:
        # Meeting IDs are written with spaces or hyphens ("812 3456 7890"): digits match.
        values["meeting_id"] = digits_only(given["meeting_id"]) or None
    if "host_name" in given:
        values["host_name"] = index_token("name", given["host_name"]) or None
    if "host_email" in given:
        values["host_email"] = index_token("email", given["host_email"]) or None
    if "organizer_name" in given:
        values["organizer_name"] = index_token("name", given["organizer_name"]) or None
    return values


@retrieval.register(
    SYSTEM,
    bind=bind_marketing_identifiers,
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
def find_marketing_records(bound: retrieval.Bindings) -> dict[str, QuerySet]:
    """USPS 890.000 records matching every given identifier, per model."""
    given = bound.names
    groups = [
        group
        for group, names in (
            ("person", PERSON_IDENTIFIERS),
            ("firm", FIRM_IDENTIFIERS),
            ("meeting", MEETING_IDENTIFIERS),
            ("organizer", ORGANIZER_IDENTIFIERS),
        )
        if given & set(names)
    ]
    if not groups:
        return {}  # nothing given matches nothing, never everything
    organizer = bound.value("organizer_name") if "organizer" in groups else None
    scope = _Scope(
        people=bound.ids("people") if "person" in groups else None,
        bound=bound,
        firms=matching_firms(bound) if "firm" in groups else None,
        meetings=matching_meetings(bound) if "meeting" in groups else None,
        channels=ChatChannel.objects.filter(organizer_name_index=organizer) if organizer else None,
        organized_meetings=(
            WebMeeting.objects.filter(host_name_index=organizer) if organizer else None
        ),
    )
    records: dict[str, QuerySet] = {}
    for model, reach in REACH.items():
        if not all(group in reach for group in groups):
            continue
        condition = reduce(lambda q, group: q & reach[group](scope), groups, Q())
        records[model._meta.label] = model.objects.filter(condition)
    return records
