"""Staff views of USPS 890.000 records: clear identifiers, dates and statuses in the
change lists, encrypted values only masked; search through blind indexes (RecordAdmin)
and clear identifiers (award numbers, meeting IDs, codes)."""

from django.contrib import admin

from access.admin import RecordAdmin
from marketing.models import (
    AchRecord,
    AdministrationRecord,
    BusinessProfile,
    Campaign,
    CampaignResponse,
    ChatChannel,
    ChatTelemetryEvent,
    CollaborationMessage,
    ConferencingUser,
    Event,
    EventRegistration,
    InsightShare,
    MailingListSubscription,
    MeetingDevice,
    MeetingRecording,
    ParticipantSession,
    Payment,
    PccMembership,
    Publication,
    PublicationRequest,
    SupplierContract,
    Survey,
    SurveyResponse,
    TelemetryEvent,
    WebMeeting,
)


class PersonRecordAdmin(RecordAdmin):
    """A record hung on a customer: never load 100,000 people into a select."""

    list_select_related = ["person"]
    raw_id_fields = ["person"]


# --- Sales


@admin.register(BusinessProfile)
class BusinessProfileAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "person",
        "firm_name",
        "sic_code",
        "naics_code",
        "firm_size",
        "employee_count",
        "recorded_on",
    ]
    list_filter = ["firm_size", "recorded_on"]
    search_fields = ["=sic_code", "=naics_code"]
    date_hierarchy = "recorded_on"


@admin.register(SupplierContract)
class SupplierContractAdmin(PersonRecordAdmin):
    list_display = ["award_number", "person", "starts_on", "ends_on", "contract_value"]
    list_filter = ["starts_on", "ends_on"]
    search_fields = ["=award_number"]
    raw_id_fields = ["person", "business_profile"]


# --- Campaigns


@admin.register(Campaign)
class CampaignAdmin(RecordAdmin):
    list_display = ["code", "name", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


@admin.register(CampaignResponse)
class CampaignResponseAdmin(PersonRecordAdmin):
    list_display = ["id", "person", "campaign", "responded_on", "channel", "response"]
    list_filter = ["campaign__kind", "channel", "response", "campaign"]
    list_select_related = ["person", "campaign"]
    date_hierarchy = "responded_on"


# --- Publications


@admin.register(Publication)
class PublicationAdmin(RecordAdmin):
    list_display = ["code", "title", "frequency", "first_issued_on"]
    search_fields = ["code", "title"]


@admin.register(PublicationRequest)
class PublicationRequestAdmin(PersonRecordAdmin):
    list_display = ["id", "person", "publication", "format", "quantity", "requested_on"]
    list_filter = ["publication", "format"]
    list_select_related = ["person", "publication"]
    date_hierarchy = "requested_on"


@admin.register(MailingListSubscription)
class MailingListSubscriptionAdmin(PersonRecordAdmin):
    list_display = ["id", "person", "publication", "format", "subscribed_on", "ceased_on"]
    list_filter = ["publication", "format", ("ceased_on", admin.EmptyFieldListFilter)]
    list_select_related = ["person", "publication"]


# --- Events


@admin.register(Event)
class EventAdmin(RecordAdmin):
    list_display = ["id", "name", "kind", "starts_on", "ends_on", "venue_state"]
    list_filter = ["kind", "venue_state"]
    search_fields = ["name"]
    date_hierarchy = "starts_on"


@admin.register(EventRegistration)
class EventRegistrationAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "person",
        "event",
        "role",
        "status",
        "registered_on",
        "badge_name",
    ]
    list_filter = ["role", "status", "event"]
    list_select_related = ["person", "event"]
    date_hierarchy = "registered_on"


@admin.register(PccMembership)
class PccMembershipAdmin(PersonRecordAdmin):
    list_display = ["id", "person", "council", "role", "joined_on", "ceased_on"]
    list_filter = ["role", "council", ("ceased_on", admin.EmptyFieldListFilter)]


# --- Surveys


@admin.register(Survey)
class SurveyAdmin(RecordAdmin):
    list_display = ["code", "title", "kind", "opens_on", "closes_on"]
    list_filter = ["kind"]
    search_fields = ["code", "title"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(PersonRecordAdmin):
    list_display = ["id", "person", "survey", "responded_at", "contest_outcome"]
    list_filter = ["survey__kind", "survey", "contest_outcome"]
    list_select_related = ["person", "survey"]
    date_hierarchy = "responded_at"


# --- Payments


@admin.register(Payment)
class PaymentAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "person",
        "method",
        "amount",
        "paid_on",
        "card_brand",
        "card_number",
    ]
    list_filter = ["method", "card_brand"]
    raw_id_fields = ["person", "registration"]
    date_hierarchy = "paid_on"


@admin.register(AchRecord)
class AchRecordAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "person",
        "amount",
        "authorized_on",
        "account_type",
        "account_number",
    ]
    list_filter = ["account_type"]
    raw_id_fields = ["person", "registration"]
    date_hierarchy = "authorized_on"


# --- Web-based meetings


@admin.register(ConferencingUser)
class ConferencingUserAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "person",
        "user_email",
        "user_type",
        "status",
        "created_at",
        "last_login_at",
    ]
    list_filter = ["user_type", "status"]


@admin.register(WebMeeting)
class WebMeetingAdmin(RecordAdmin):
    list_display = [
        "meeting_id",
        "topic",
        "started_at",
        "duration_minutes",
        "host_email",
    ]
    search_fields = ["=meeting_id"]
    raw_id_fields = ["host_account"]


@admin.register(ParticipantSession)
class ParticipantSessionAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "meeting",
        "person",
        "role",
        "device_type",
        "joined_at",
        "left_at",
        "participant_email",
    ]
    list_filter = ["role", "device_type"]
    list_select_related = ["person", "meeting"]
    search_fields = ["=meeting__meeting_id"]
    raw_id_fields = ["person", "meeting"]


@admin.register(MeetingDevice)
class MeetingDeviceAdmin(RecordAdmin):
    list_display = ["id", "session", "device_type", "operating_system", "recorded_at"]
    list_filter = ["device_type", "operating_system"]
    raw_id_fields = ["session"]
    date_hierarchy = "recorded_at"


@admin.register(MeetingRecording)
class MeetingRecordingAdmin(RecordAdmin):
    list_display = ["id", "meeting", "recording_type", "status", "file_size", "created_at"]
    list_filter = ["recording_type", "status"]
    list_select_related = ["meeting"]
    search_fields = ["=meeting__meeting_id"]
    raw_id_fields = ["meeting"]
    date_hierarchy = "created_at"


@admin.register(AdministrationRecord)
class AdministrationRecordAdmin(PersonRecordAdmin):
    list_display = ["id", "kind", "account_id", "meeting", "recorded_at"]
    list_filter = ["kind"]
    list_select_related = ["meeting"]
    raw_id_fields = ["person", "meeting"]
    date_hierarchy = "recorded_at"


@admin.register(TelemetryEvent)
class TelemetryEventAdmin(RecordAdmin):
    list_display = ["event_uuid", "event", "subevent", "client_type", "client_os", "event_time"]
    list_filter = ["event", "client_type", "client_os"]
    search_fields = ["=meeting__meeting_id"]
    raw_id_fields = ["meeting", "user"]


# --- Collaboration and communication


@admin.register(ChatChannel)
class ChatChannelAdmin(RecordAdmin):
    list_display = [
        "id",
        "kind",
        "created_at",
        "organizer_name",
    ]
    list_filter = ["kind"]


@admin.register(CollaborationMessage)
class CollaborationMessageAdmin(RecordAdmin):
    list_display = ["message_id", "record_kind", "channel", "meeting", "persistent", "sent_at"]
    list_filter = ["record_kind", "persistent"]
    list_select_related = ["channel", "meeting"]
    search_fields = ["=message_id"]
    raw_id_fields = ["channel", "meeting", "main_message", "sender"]


@admin.register(ChatTelemetryEvent)
class ChatTelemetryEventAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "message_type",
        "status",
        "group_chat",
        "in_meeting_message",
        "recorded_at",
    ]
    list_filter = ["message_type", "status", "group_chat", "in_meeting_message"]
    raw_id_fields = ["person", "channel", "meeting"]
    date_hierarchy = "recorded_at"


# --- Customer sharing and analytics


@admin.register(InsightShare)
class InsightShareAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "kind",
        "person",
        "shared_at",
        "view_count",
        "shared_to_email",
    ]
    list_filter = ["kind"]
    raw_id_fields = ["person", "campaign", "meeting"]
    date_hierarchy = "shared_at"
