"""Classification of USPS 890.000's own records, field by field: the category of records
the notice publishes each under, its data class, whether it is encrypted and searchable,
and the category or record kind whose retention rule governs each row.

Retention (the catalogue's rules, USPS 890.000 "Policies and practices for retention"):
  1. organizations and publication mailing lists: until the customer ceases to participate;
  2. ACH records 2 years; direct marketing, advertising and promotions 5 years;
  3. other records: 3 years after the relationship ends;
  4. meeting report and tracking data (categories 10 to 14): twenty-four months;
  5. collaboration and communication (categories 15, 16): twenty-four months;
  6. meeting recordings: twenty-four months;
  7. customer insight, market research and survey records: 3 years.
"""

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
from sorn.classification import FieldClassification as F
from sorn.classification import internal, registry
from sorn.constants import DataClass as D

SYSTEM = "usps-890-000"

CUSTOMER = "customer_information"  # category 1
IDENTIFYING = "identifying_information"  # category 2
BUSINESS = "business_specific_information"  # category 3
SUPPLIER = "supplier_information"  # category 4
SURVEY_CONTEST = "survey_contest_information"  # category 5
PAYMENT = "payment_information"  # category 6
EVENT = "event_information"  # category 7
PREFERENCES = "customer_preferences"  # category 8
SURVEY_DATA = "survey_data"  # category 9
SESSION = "participant_session_data"  # category 10
DEVICE = "device_data"  # category 11
USER = "user_data"  # category 12
ADMINISTRATION = "administration_data"  # category 13
TELEMETRY = "telemetry_data"  # category 14
CHAT_TELEMETRY = "chat_telemetry_data"  # category 15
COMMUNICATION = "communication_data"  # category 16
SHARING = "customer_sharing_analytics"  # category 18

ROW = {"id": internal()}
# A row's own date (its `dated_by`) is retention bookkeeping, internal, unless the notice
# publishes the date itself ("Contract start and end dates", "Participant Join Time",
# "Message Time", "Event Time", "User Creation Date", "Archived Meeting Start Time").
ENCRYPTED_ROW = {"id": internal(), "data_key_id": internal()}


def _register(
    model,
    *,
    record: str,
    dated_by: str,
    fields: dict,
    anchored_by: str | None = None,
    reference: bool = False,
) -> None:
    registry.register(
        model,
        systems=SYSTEM,
        record=record,
        dated_by=dated_by,
        anchored_by=anchored_by,
        fields=fields,
        reference=reference,
    )


# --- Sales: categories 2, 3 and 4; retention 3 ("Other records ... 3 years after the
# relationship ends").
_register(
    BusinessProfile,
    record=BUSINESS,
    dated_by="recorded_on",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "recorded_on": internal(),
        "firm_name": F(D.BUSINESS, BUSINESS, encrypted=True),
        # Retrieval 2: "... and company name".
        "firm_name_index": F(D.BUSINESS, BUSINESS, searchable=True),
        "firm_size": F(D.BUSINESS, BUSINESS),
        "years_in_business": F(D.BUSINESS, BUSINESS),
        "established_year": F(D.BUSINESS, BUSINESS),
        "employee_count": F(D.BUSINESS, BUSINESS),
        "annual_sales": F(D.BUSINESS, BUSINESS),
        "annual_revenue": F(D.BUSINESS, BUSINESS),
        "business_sites": F(D.ADDRESS, BUSINESS, encrypted=True),
        "website_url": F(D.CONTACT, BUSINESS, encrypted=True),
        # Retrieval 2: "by Standard Industry Code (SIC) or North American Industry
        # Classification System (NAISC) number".
        "sic_code": F(D.BUSINESS, BUSINESS, searchable=True),
        "naics_code": F(D.BUSINESS, BUSINESS, searchable=True),
        "usps_products_used": F(D.BUSINESS, BUSINESS),
        "competitor_products_used": F(D.BUSINESS, BUSINESS),
        "customer_types_served": F(D.BUSINESS, BUSINESS),
        "equipment_and_services": F(D.BUSINESS, BUSINESS),
        "advertising_agency": F(D.BUSINESS, BUSINESS),
        "advertising_spending": F(D.BUSINESS, BUSINESS),
        "usps_employees_serving": F(D.STAFF, BUSINESS, encrypted=True),
        "calls_made": F(D.BUSINESS, BUSINESS),
        "last_call_on": F(D.BUSINESS, BUSINESS),
        "duns_number": F(D.IDENTIFIER, IDENTIFYING, encrypted=True),
        "usps_account_number": F(D.IDENTIFIER, IDENTIFYING, encrypted=True),
        "meter_number": F(D.IDENTIFIER, IDENTIFYING, encrypted=True),
    },
)

_register(
    SupplierContract,
    record=SUPPLIER,
    dated_by="starts_on",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "business_profile": internal(),
        "award_number": F(D.BUSINESS, SUPPLIER),
        "starts_on": F(D.BUSINESS, SUPPLIER),
        "ends_on": F(D.BUSINESS, SUPPLIER),
        "contract_value": F(D.BUSINESS, SUPPLIER),
        "products_and_services": F(D.BUSINESS, SUPPLIER),
        # Category 2: "signatures".
        "signature": F(D.IDENTIFIER, IDENTIFYING, encrypted=True),
    },
)

# --- Direct marketing, advertising and promotions: record kinds of category 3. The three
# kinds share one rule ("direct_marketing": 5 years from the record's own date), so the
# model names that rule's first kind; the row's `kind` keeps which of the three it is.
_register(
    Campaign,
    reference=True,
    record="direct_marketing",
    dated_by="starts_on",
    fields={
        **ROW,
        "code": F(D.BUSINESS, BUSINESS),
        "name": F(D.BUSINESS, BUSINESS),
        "kind": F(D.BUSINESS, BUSINESS),
        "starts_on": internal(),
        "ends_on": F(D.BUSINESS, BUSINESS),
    },
)

_register(
    CampaignResponse,
    record="direct_marketing",
    dated_by="responded_on",
    fields={
        "data_key_id": internal(),
        **ROW,
        "person": internal(),
        "campaign": internal(),
        "responded_on": internal(),
        "channel": F(D.BEHAVIORAL, BUSINESS),
        "response": F(D.BEHAVIORAL, BUSINESS),
    },
)

# --- Publications (purpose 2): requests are customer information (retention 3); mailing
# lists are the record kind "publication_mailing_list" (retention 1).
_register(
    Publication,
    reference=True,
    record=CUSTOMER,
    dated_by="first_issued_on",
    fields={
        **ROW,
        "code": F(D.PREFERENCE, CUSTOMER),
        "title": F(D.PREFERENCE, CUSTOMER),
        "frequency": F(D.PREFERENCE, CUSTOMER),
        "first_issued_on": internal(),
    },
)

_register(
    PublicationRequest,
    record=CUSTOMER,
    dated_by="requested_on",
    fields={
        "data_key_id": internal(),
        **ROW,
        "person": internal(),
        "publication": internal(),
        "requested_on": internal(),
        "quantity": F(D.ORDER, CUSTOMER),
        "format": F(D.PREFERENCE, CUSTOMER),
        "fulfilled_on": F(D.ORDER, CUSTOMER),
    },
)

_register(
    MailingListSubscription,
    record="publication_mailing_list",
    dated_by="subscribed_on",
    anchored_by="ceased_on",
    fields={
        "data_key_id": internal(),
        **ROW,
        "person": internal(),
        "publication": F(D.PREFERENCE, CUSTOMER),
        "format": F(D.PREFERENCE, CUSTOMER),
        "subscribed_on": internal(),  # retention bookkeeping: participation start
        "ceased_on": internal(),  # retention 1's anchor
    },
)

# --- Events (purpose 3): categories 7 and 8; PCC membership is the record kind
# "organization_participation" (retention 1).
_register(
    Event,
    reference=True,
    record=EVENT,
    dated_by="starts_on",
    fields={
        **ROW,
        "name": F(D.EVENT, EVENT),
        "kind": F(D.EVENT, EVENT),
        "starts_on": internal(),
        "ends_on": F(D.EVENT, EVENT),
        "venue_city": F(D.EVENT, EVENT),
        "venue_state": F(D.EVENT, EVENT),
        "registration_fee": F(D.FINANCIAL, PAYMENT),
    },
)

_register(
    EventRegistration,
    record=EVENT,
    dated_by="registered_on",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "event": F(D.EVENT, EVENT),
        "registered_on": internal(),
        "role": F(D.EVENT, EVENT),
        "status": F(D.EVENT, EVENT),
        "itinerary": F(D.EVENT, EVENT, encrypted=True),
        "badge_name": F(D.PREFERENCE, PREFERENCES, encrypted=True),
        "accommodations": F(D.PREFERENCE, PREFERENCES, encrypted=True),
    },
)

_register(
    PccMembership,
    record="organization_participation",
    dated_by="joined_on",
    anchored_by="ceased_on",
    fields={
        "data_key_id": internal(),
        **ROW,
        "person": internal(),
        "council": F(D.EVENT, EVENT),
        "role": F(D.EVENT, EVENT),
        "joined_on": internal(),  # retention bookkeeping: participation start
        "ceased_on": internal(),  # retention 1's anchor
    },
)

# --- Surveys and contests: categories 5 and 9; retention 7 (3 years).
_register(
    Survey,
    reference=True,
    record=SURVEY_CONTEST,
    dated_by="opens_on",
    fields={
        **ROW,
        "code": F(D.SURVEY, SURVEY_CONTEST),
        "title": F(D.SURVEY, SURVEY_CONTEST),
        "kind": F(D.SURVEY, SURVEY_CONTEST),
        "opens_on": internal(),
        "closes_on": F(D.SURVEY, SURVEY_CONTEST),
    },
)

_register(
    SurveyResponse,
    record=SURVEY_CONTEST,
    dated_by="responded_at",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "survey": internal(),
        "responded_at": internal(),
        "answers": F(D.SURVEY, SURVEY_CONTEST, encrypted=True),
        "survey_data": F(D.SURVEY, SURVEY_DATA, encrypted=True),
        "contest_outcome": F(D.SURVEY, SURVEY_CONTEST),
    },
)

# --- Payment information: category 6; ACH records are the record kind "ach" (retention 2,
# 2 years); card and check payments fall under retention 3.
_register(
    Payment,
    record=PAYMENT,
    dated_by="paid_on",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "registration": internal(),
        "paid_on": internal(),
        "amount": F(D.FINANCIAL, PAYMENT),
        "method": F(D.FINANCIAL, PAYMENT),
        "card_number": F(D.FINANCIAL_CARD, PAYMENT, encrypted=True),
        # The card summary (brand, last four, expiry) is kept in clear so staff recognise
        # the card (keystore/payments.py): a billing fact, not the card number.
        "card_brand": F(D.FINANCIAL, PAYMENT),
        "card_last_four": F(D.FINANCIAL, PAYMENT),
        "card_expiry_month": F(D.FINANCIAL, PAYMENT),
        "card_expiry_year": F(D.FINANCIAL, PAYMENT),
        "check_number": F(D.FINANCIAL_BANK, PAYMENT),
        "check_routing_number": F(D.FINANCIAL_BANK, PAYMENT, encrypted=True),
        "check_account_number": F(D.FINANCIAL_BANK, PAYMENT, encrypted=True),
    },
)

_register(
    AchRecord,
    record="ach",
    dated_by="authorized_on",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "registration": internal(),
        "authorized_on": internal(),
        "amount": F(D.FINANCIAL_BANK, PAYMENT),
        "account_holder_name": F(D.NAME, PAYMENT, encrypted=True),
        "routing_number": F(D.FINANCIAL_BANK, PAYMENT, encrypted=True),
        "account_number": F(D.FINANCIAL_BANK, PAYMENT, encrypted=True),
        "account_last_four": F(D.FINANCIAL_BANK, PAYMENT),
        "account_type": F(D.FINANCIAL_BANK, PAYMENT),
    },
)

# --- Web-based meetings: categories 10 to 14 (retention 4, twenty-four months) and
# recordings (record kind "meeting_recording", retention 6, twenty-four months).
_register(
    ConferencingUser,
    record=USER,
    dated_by="created_at",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "created_at": F(D.TELEMETRY, USER),
        "user_name": F(D.NAME, USER, encrypted=True),
        "user_name_index": F(D.NAME, USER, searchable=True),
        "user_email": F(D.CONTACT, USER, encrypted=True),
        "user_email_index": F(D.CONTACT, USER, searchable=True),
        "user_type": F(D.TELEMETRY, USER),
        "status": F(D.TELEMETRY, USER),
        "last_login_at": F(D.TELEMETRY, USER),
        "attributes": F(D.TELEMETRY, USER, encrypted=True),
    },
)

_register(
    WebMeeting,
    record=SESSION,
    dated_by="started_at",
    fields={
        **ENCRYPTED_ROW,
        "host_account": internal(),
        # Category 14: "Meeting ID"; retrievals 3, 5 and 6.
        "meeting_id": F(D.IDENTIFIER, TELEMETRY, searchable=True),
        # Category 11: "Archived Meeting Topic", "Archived Meeting Start Time".
        "topic": F(D.TELEMETRY, DEVICE),
        "started_at": F(D.TELEMETRY, DEVICE),
        # Category 10: "meeting duration".
        "duration_minutes": F(D.TELEMETRY, SESSION),
        # Category 12: "User Name", "User Email Address" of the host; retrievals 3, 5, 6.
        "host_name": F(D.NAME, USER, encrypted=True),
        "host_name_index": F(D.NAME, USER, searchable=True),
        "host_email": F(D.CONTACT, USER, encrypted=True),
        "host_email_index": F(D.CONTACT, USER, searchable=True),
    },
)

_register(
    ParticipantSession,
    record=SESSION,
    dated_by="joined_at",
    fields={
        **ENCRYPTED_ROW,
        "meeting": internal(),
        "person": internal(),
        "participant_name": F(D.NAME, SESSION, encrypted=True),
        "participant_name_index": F(D.NAME, SESSION, searchable=True),
        "participant_email": F(D.CONTACT, SESSION, encrypted=True),
        "participant_email_index": F(D.CONTACT, SESSION, searchable=True),
        "role": F(D.TELEMETRY, SESSION),
        "joined_at": F(D.TELEMETRY, SESSION),
        "left_at": F(D.TELEMETRY, SESSION),
        "device_type": F(D.TELEMETRY, SESSION),
        "ip_address": F(D.TELEMETRY, SESSION, encrypted=True),
        "location": F(D.TELEMETRY, SESSION, encrypted=True),
        "attributes": F(D.TELEMETRY, SESSION, encrypted=True),
    },
)

_register(
    MeetingDevice,
    record=DEVICE,
    dated_by="recorded_at",
    fields={
        **ENCRYPTED_ROW,
        "session": internal(),
        "recorded_at": internal(),
        "device_type": F(D.TELEMETRY, DEVICE),
        "operating_system": F(D.TELEMETRY, DEVICE),
        "os_version": F(D.TELEMETRY, DEVICE),
        "ip_address": F(D.TELEMETRY, DEVICE, encrypted=True),
        "mac_address": F(D.TELEMETRY, DEVICE, encrypted=True),
        "attributes": F(D.TELEMETRY, DEVICE, encrypted=True),
    },
)

_register(
    MeetingRecording,
    record="meeting_recording",
    dated_by="created_at",
    fields={
        **ENCRYPTED_ROW,
        "meeting": internal(),
        # Category 10: "recorded participant audio, video, and shared meeting screen
        # content"; the file's details are category 11's "Archived Meeting File ...".
        "created_at": internal(),
        "recording_type": F(D.MEDIA, DEVICE),
        "status": F(D.MEDIA, DEVICE),
        "file_reference": F(D.MEDIA, SESSION, encrypted=True),
        "file_extension": F(D.MEDIA, DEVICE),
        "file_size": F(D.MEDIA, DEVICE),
    },
)

_register(
    AdministrationRecord,
    record=ADMINISTRATION,
    dated_by="recorded_at",
    fields={
        **ENCRYPTED_ROW,
        "meeting": internal(),
        "person": internal(),
        "kind": F(D.TELEMETRY, ADMINISTRATION),
        "recorded_at": internal(),
        "account_id": F(D.IDENTIFIER, ADMINISTRATION),
        "attributes": F(D.TELEMETRY, ADMINISTRATION, encrypted=True),
    },
)

_register(
    TelemetryEvent,
    record=TELEMETRY,
    dated_by="event_time",
    fields={
        **ENCRYPTED_ROW,
        "meeting": internal(),
        "user": internal(),
        "event_time": F(D.TELEMETRY, TELEMETRY),
        "event_uuid": F(D.TELEMETRY, TELEMETRY),
        "client_type": F(D.TELEMETRY, TELEMETRY),
        "client_version": F(D.TELEMETRY, TELEMETRY),
        "client_os": F(D.TELEMETRY, TELEMETRY),
        "event": F(D.TELEMETRY, TELEMETRY),
        "subevent": F(D.TELEMETRY, TELEMETRY),
        "event_location": F(D.TELEMETRY, TELEMETRY, encrypted=True),
    },
)

# --- Collaboration and communication: categories 15 and 16 (retention 5).
_register(
    ChatChannel,
    reference=True,
    record=COMMUNICATION,
    dated_by="created_at",
    fields={
        **ENCRYPTED_ROW,
        "kind": F(D.COMMUNICATION, COMMUNICATION),
        "created_at": internal(),
        "title": F(D.COMMUNICATION, COMMUNICATION, encrypted=True),
        # Retrieval 4: "retrieved by organizer name".
        "organizer_name": F(D.NAME, COMMUNICATION, encrypted=True),
        "organizer_name_index": F(D.NAME, COMMUNICATION, searchable=True),
    },
)

_register(
    CollaborationMessage,
    record=COMMUNICATION,
    dated_by="sent_at",
    fields={
        **ENCRYPTED_ROW,
        "channel": internal(),
        "meeting": internal(),
        "sender": internal(),
        "main_message": F(D.COMMUNICATION, COMMUNICATION),  # "Main Message ID"
        "record_kind": F(D.COMMUNICATION, COMMUNICATION),
        "persistent": F(D.COMMUNICATION, COMMUNICATION),
        "message_id": F(D.COMMUNICATION, COMMUNICATION),
        "sender_name": F(D.NAME, COMMUNICATION, encrypted=True),
        "sent_at": F(D.COMMUNICATION, COMMUNICATION),
        "text": F(D.COMMUNICATION, COMMUNICATION, encrypted=True),
        "file_name": F(D.COMMUNICATION, COMMUNICATION, encrypted=True),
        "file_size": F(D.COMMUNICATION, COMMUNICATION),
        "attributes": F(D.COMMUNICATION, COMMUNICATION, encrypted=True),
    },
)

_register(
    ChatTelemetryEvent,
    record=CHAT_TELEMETRY,
    dated_by="recorded_at",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "channel": internal(),
        "meeting": internal(),
        "recorded_at": internal(),
        "user_email": F(D.CONTACT, CHAT_TELEMETRY, encrypted=True),
        "group_chat": F(D.TELEMETRY, CHAT_TELEMETRY),
        "in_meeting_message": F(D.TELEMETRY, CHAT_TELEMETRY),
        "message_type": F(D.TELEMETRY, CHAT_TELEMETRY),
        "status": F(D.TELEMETRY, CHAT_TELEMETRY),
        "message_id": F(D.TELEMETRY, CHAT_TELEMETRY),
        "ip_address": F(D.TELEMETRY, CHAT_TELEMETRY, encrypted=True),
        "attributes": F(D.TELEMETRY, CHAT_TELEMETRY, encrypted=True),
    },
)

# --- Customer sharing and analytics: category 18 (retention 7, 3 years; retrieval 7 by
# name and e-mail address).
_register(
    InsightShare,
    record=SHARING,
    dated_by="shared_at",
    fields={
        **ENCRYPTED_ROW,
        "person": internal(),
        "campaign": internal(),
        "meeting": internal(),
        "kind": F(D.BEHAVIORAL, SHARING),
        "shared_at": internal(),
        "shared_by_name": F(D.NAME, SHARING, encrypted=True),
        "shared_by_name_index": F(D.NAME, SHARING, searchable=True),
        "shared_by_email": F(D.CONTACT, SHARING, encrypted=True),
        "shared_by_email_index": F(D.CONTACT, SHARING, searchable=True),
        "shared_to_name": F(D.NAME, SHARING, encrypted=True),
        "shared_to_name_index": F(D.NAME, SHARING, searchable=True),
        "shared_to_email": F(D.CONTACT, SHARING, encrypted=True),
        "shared_to_email_index": F(D.CONTACT, SHARING, searchable=True),
        "view_count": F(D.BEHAVIORAL, SHARING),
        "share_number": F(D.BEHAVIORAL, SHARING),
        "report_data": F(D.BEHAVIORAL, SHARING, encrypted=True),
    },
)
