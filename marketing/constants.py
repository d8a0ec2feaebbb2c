"""Kinds and statuses of USPS 890.000 records, in the notice's own words where it has them."""

from django.db import models

SYSTEM = "usps-890-000"


class FirmSize(models.TextChoices):
    # USPS 890.000, category 3: "Firm name, size, and years in business".
    SMALL = "small", "Small business"
    MEDIUM = "medium", "Medium business"
    LARGE = "large", "Large business"
    ENTERPRISE = "enterprise", "Enterprise"


class CampaignKind(models.TextChoices):
    # USPS 890.000, retention 2: "Records relating to direct marketing, advertising, and
    # promotions are retained 5 years." The values are the catalogue's record kind keys.
    DIRECT_MARKETING = "direct_marketing", "Direct marketing"
    ADVERTISING = "advertising", "Advertising"
    PROMOTION = "promotion", "Promotion"


class ResponseChannel(models.TextChoices):
    MAIL = "mail", "Mail (reply card)"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    WEB = "web", "Web"
    IN_PERSON = "in_person", "In person (sales call or event)"


class CampaignResponseType(models.TextChoices):
    # Categories of individuals 1: customers who "respond to direct marketing messages".
    INQUIRY = "inquiry", "Inquiry"
    INFORMATION_REQUESTED = "information_requested", "Requested more information"
    SAMPLE_REQUESTED = "sample_requested", "Requested a sample or kit"
    PURCHASE = "purchase", "Purchased"
    PROMOTION_ENROLLED = "promotion_enrolled", "Enrolled in the promotion"
    DECLINED = "declined", "Declined"


class PublicationFormat(models.TextChoices):
    PRINT = "print", "Print"
    ELECTRONIC = "electronic", "Electronic"


class EventKind(models.TextChoices):
    # Purpose 3: "To conduct registration for USPS and related events."
    NATIONAL_CONFERENCE = "national_conference", "National conference"
    TRADE_SHOW = "trade_show", "Trade show"
    PCC_MEETING = "pcc_meeting", "Postal Customer Council meeting"
    WORKSHOP = "workshop", "Workshop"
    WEBINAR = "webinar", "Webinar"


class EventRole(models.TextChoices):
    # Category 7: "role at event".
    ATTENDEE = "attendee", "Attendee"
    SPEAKER = "speaker", "Speaker"
    PANELIST = "panelist", "Panelist"
    EXHIBITOR = "exhibitor", "Exhibitor"
    SPONSOR = "sponsor", "Sponsor"
    PRESS = "press", "Press"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    ATTENDED = "attended", "Attended"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "Did not attend"


class PccRole(models.TextChoices):
    # Category 7: "membership in a PCC" (Postal Customer Council).
    MEMBER = "member", "Member"
    BOARD_MEMBER = "board_member", "Board member"
    INDUSTRY_CO_CHAIR = "industry_co_chair", "Industry co-chair"


class SurveyKind(models.TextChoices):
    # Categories of individuals 1: customers who "respond to contests and surveys,
    # voluntarily participate in focus groups, interviews, diaries, observational studies,
    # prototype assessments, A/B comparison tests".
    SURVEY = "survey", "Survey"
    CONTEST = "contest", "Contest"
    FOCUS_GROUP = "focus_group", "Focus group"
    INTERVIEW = "interview", "Interview"
    DIARY = "diary", "Diary"
    OBSERVATIONAL_STUDY = "observational_study", "Observational study"
    PROTOTYPE_ASSESSMENT = "prototype_assessment", "Prototype assessment"
    AB_TEST = "ab_test", "A/B comparison test"


class SurveyDataTopic(models.TextChoices):
    # Category 9, "Survey data", as published: "customer perception, feelings, habits, past
    # behaviors, preferences, recommended improvements, willingness to buy, ownership, and
    # hypothetical future scenarios". The keys a survey response's survey data may hold.
    PERCEPTION = "perception", "Customer perception"
    FEELINGS = "feelings", "Feelings"
    HABITS = "habits", "Habits"
    PAST_BEHAVIORS = "past_behaviors", "Past behaviors"
    PREFERENCES = "preferences", "Preferences"
    RECOMMENDED_IMPROVEMENTS = "recommended_improvements", "Recommended improvements"
    WILLINGNESS_TO_BUY = "willingness_to_buy", "Willingness to buy"
    OWNERSHIP = "ownership", "Ownership"
    HYPOTHETICAL_FUTURE_SCENARIOS = "hypothetical_future_scenarios", "Hypothetical future scenarios"


class ContestOutcome(models.TextChoices):
    ENTERED = "entered", "Entered"
    WINNER = "winner", "Winner"
    NOT_SELECTED = "not_selected", "Not selected"


class PaymentMethod(models.TextChoices):
    # Category 6: "Credit and/or debit card number, type, expiration date, and check
    # information"; ACH information is a record kind of its own (marketing.AchRecord).
    CARD = "card", "Credit or debit card"
    CHECK = "check", "Check"


class ConferencingUserType(models.TextChoices):
    # Category 12: "User Type".
    BASIC = "basic", "Basic"
    LICENSED = "licensed", "Licensed"
    GUEST = "guest", "Guest (outside the USPS)"


class ConferencingUserStatus(models.TextChoices):
    # Category 12: "User Status".
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    PENDING = "pending", "Pending"


class ParticipantRole(models.TextChoices):
    # Category 10: "Participant Role".
    HOST = "host", "Host"
    CO_HOST = "co_host", "Co-host"
    PANELIST = "panelist", "Panelist"
    ATTENDEE = "attendee", "Attendee"
    GUEST = "guest", "Guest"


class DeviceType(models.TextChoices):
    # Category 11: "Device type (such as mobile, desktop, or tablet)".
    DESKTOP = "desktop", "Desktop"
    MOBILE = "mobile", "Mobile"
    TABLET = "tablet", "Tablet"
    ROOM_SYSTEM = "room_system", "Conference room system"
    PHONE = "phone", "Telephone dial-in"


class RecordingType(models.TextChoices):
    # Category 10: "recorded participant audio, video, and shared meeting screen content";
    # category 11: "Archived Meeting File Recording Type".
    SHARED_SCREEN_WITH_SPEAKER = "shared_screen_with_speaker", "Shared screen with speaker view"
    ACTIVE_SPEAKER = "active_speaker", "Active speaker video"
    GALLERY_VIEW = "gallery_view", "Gallery view video"
    AUDIO_ONLY = "audio_only", "Audio only"
    CHAT_FILE = "chat_file", "Chat file"


class RecordingStatus(models.TextChoices):
    # Category 11: "Archived Meeting File Status".
    PROCESSING = "processing", "Processing"
    COMPLETED = "completed", "Completed"


class AdministrationKind(models.TextChoices):
    # Category 13, "Web-based meeting and web conference administration data", by what
    # the entry is about.
    ACCOUNT = "account", "Account"
    CONFERENCE_ROOM = "conference_room", "Conference room"
    SIGN_IN_OUT = "sign_in_out", "User sign in and sign out"
    MESSAGE_AUDIT = "message_audit", "Message audit (deleted and edited messages)"
    CHAT_GROUP = "chat_group", "Chat group"
    CHAT_USAGE = "chat_usage", "Chat usage"
    OPERATION_LOG = "operation_log", "Operation log"
    ROLE_MEMBER = "role_member", "Role member"
    CLIENT_FEEDBACK = "client_feedback", "Client feedback"


class ChannelKind(models.TextChoices):
    # Category 15: "Group Chat"; category 16: "Persistent Message Channel Title".
    PERSISTENT_CHANNEL = "persistent_channel", "Persistent channel"
    GROUP_CHAT = "group_chat", "Group chat"
    PEER_TO_PEER = "p2p", "One-to-one chat"


class MessageRecordKind(models.TextChoices):
    # Category 16 keeps messages, edited messages and deleted messages as records of
    # their own ("Edited Message Text", "Deleted Message Text", each with its "Main
    # Message ID").
    MESSAGE = "message", "Message"
    EDITED = "edited", "Edited message"
    DELETED = "deleted", "Deleted message"


class ChatMessageType(models.TextChoices):
    # Category 15: "Message Type"; category 13 lists what is "sent through chat".
    TEXT = "text", "Text"
    FILE = "file", "File"
    GIF = "gif", "GIF"
    EMOJI = "emoji", "Emoji"
    AUDIO = "audio", "Audio"
    CODE_SNIPPET = "code_snippet", "Code snippet"
    LINK = "link", "Link"


class ChatStatus(models.TextChoices):
    # Category 15: "Status".
    AVAILABLE = "available", "Available"
    AWAY = "away", "Away"
    DO_NOT_DISTURB = "do_not_disturb", "Do not disturb"
    IN_MEETING = "in_meeting", "In a meeting"
    OFFLINE = "offline", "Offline"


class ShareKind(models.TextChoices):
    # Category 18, "Customer sharing and analytics data".
    ANALYTICS_PROGRAM = "analytics_program", "Analytics program"
    SHARED_DOCUMENT = "shared_document", "Analytics shared document"
    CUSTOM_WEBPAGE = "custom_webpage", "Custom webpage"
    PROGRAM_USAGE_REPORT = "program_usage_report", "Customer sharing program usage report"
    MEETING_INSIGHTS = "meeting_insights", "Customer meeting insights"
