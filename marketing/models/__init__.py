"""USPS 890.000, Sales, Marketing, Events, and Publications: the system's own records,
split by concept."""

from marketing.models.analytics import InsightShare
from marketing.models.campaigns import Campaign, CampaignResponse
from marketing.models.collaboration import ChatChannel, ChatTelemetryEvent, CollaborationMessage
from marketing.models.events import Event, EventRegistration, PccMembership
from marketing.models.meetings import (
    AdministrationRecord,
    ConferencingUser,
    MeetingDevice,
    MeetingRecording,
    ParticipantSession,
    TelemetryEvent,
    WebMeeting,
)
from marketing.models.payments import AchRecord, Payment
from marketing.models.publications import MailingListSubscription, Publication, PublicationRequest
from marketing.models.sales import BusinessProfile, SupplierContract
from marketing.models.surveys import Survey, SurveyResponse

__all__ = [
    "AchRecord",
    "AdministrationRecord",
    "BusinessProfile",
    "Campaign",
    "CampaignResponse",
    "ChatChannel",
    "ChatTelemetryEvent",
    "CollaborationMessage",
    "ConferencingUser",
    "Event",
    "EventRegistration",
    "InsightShare",
    "MailingListSubscription",
    "MeetingDevice",
    "MeetingRecording",
    "ParticipantSession",
    "Payment",
    "PccMembership",
    "Publication",
    "PublicationRequest",
    "SupplierContract",
    "Survey",
    "SurveyResponse",
    "TelemetryEvent",
    "WebMeeting",
]
