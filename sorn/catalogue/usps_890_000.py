"""USPS 890.000, Sales, Marketing, Events, and Publications.

Transcribed from shared/seeds/usps-890.000-sales-marketing-events-publications.txt, the
Federal Register notice of the modified system, which republishes the notice "in its
entirety" (section III). Section order below follows the schema, not the notice.
"""

from sorn.catalogue.schema import (
    Notice,
    Purpose,
    RecordCategory,
    RecordKind,
    RetentionRule,
    RetrievalPath,
    RoutineUses,
)
from sorn.catalogue.usps_810_300 import USPS_STANDARD_ROUTINE_USES
from sorn.constants import RetentionAnchor

NOTICE = Notice(
    slug="usps-890-000",
    number="USPS 890.000",
    name="Sales, Marketing, Events, and Publications",
    agency="United States Postal Service",
    security_classification="None.",
    system_location=(
        "USPS Headquarters Marketing and Public Policy; Integrated Business Solutions Services "
        "Centers; National Customer Service Center; Area and District USPS facilities; Post "
        "Offices; and contractor sites."
    ),
    system_managers=(
        "Chief Customer and Marketing Officer and Executive Vice President, United States "
        "Postal Service, 475 L'Enfant Plaza SW, Washington, DC 20260-4016.",
    ),
    authority="39 U.S.C. 401, 403, and 404.",
    purposes=(
        Purpose(
            1, "To understand the needs of customers and improve USPS sales and marketing efforts."
        ),
        Purpose(2, "To provide appropriate materials and publications to customers."),
        Purpose(3, "To conduct registration for USPS and related events."),
        Purpose(4, "To enable access to the USPS meeting and video web conferencing application."),
        Purpose(
            5,
            "To enhance your online meeting experience by utilizing enhanced features and "
            "functionality, including voluntary polling to gather responses from attendees to "
            "generate reports or the interactive chat feature.",
        ),
        Purpose(
            6,
            "To facilitate team collaboration and communication through information sharing and "
            "cross-functional participation.",
        ),
        Purpose(
            7,
            "To provide users outside of the USPS limited collaboration and communication "
            "capabilities through guest account access.",
        ),
        Purpose(
            8,
            "To facilitate and support cybersecurity investigations of detected or reported "
            "information security incidents.",
        ),
        Purpose(
            9,
            "To share your personal image via your device camera during meetings and web "
            "conferences, if you voluntarily choose to turn the camera on, enabling virtual "
            "face-to-face conversations.",
        ),
        Purpose(
            10,
            "To provide pre-registration for guest access to online meetings and web conferences.",
        ),
        Purpose(
            11,
            "To facilitate and support marketing initiatives, advertising campaigns, brand "
            "strategy, customer experience with products and service, including call centers, "
            "strategic customer programs, and innovation and product improvement development.",
        ),
        Purpose(12, "To anticipate customer needs and provide appropriate recommendations."),
        Purpose(
            13,
            "To analyze sales and marketing campaign materials for effectiveness and engagement.",
        ),
    ),
    categories_of_individuals=(
        "Customers who interact with USPS sales personnel, respond to direct marketing messages, "
        "request publications, respond to contests and surveys, voluntarily participate in focus "
        "groups, interviews, diaries, observational studies, prototype assessments, A/B "
        "comparison tests, and attend USPS events.",
        "Customers and other individuals who participate in web-based meeting, video conference, "
        "collaboration, and communication applications sponsored by the USPS.",
    ),
    record_categories=(
        RecordCategory(
            "customer_information",
            1,
            "Customer information",
            "Customer and key contacts' names, date of birth, age, home mailing address, and email "
            "address; phone, fax, and pager numbers; company name, job descriptions, titles, "
            "roles, level, and company address; other names and emails provided by customers.",
        ),
        RecordCategory(
            "identifying_information",
            2,
            "Identifying information",
            "Customer ID(s), D-U-N-S Numbers, USPS account numbers, meter numbers, and signatures.",
        ),
        RecordCategory(
            "business_specific_information",
            3,
            "Business specific information",
            "Firm name, size, and years in business; number of employees; sales and revenue "
            "information; business sites and locations; URLs; company age; industrial "
            "classification numbers; use of USPS and competitor's products and services; types of "
            "customers served; customer equipment and services; advertising agency and spending; "
            "names of USPS employees serving the firm; and calls made.",
        ),
        RecordCategory(
            "supplier_information",
            4,
            "Information specific to companies that act as suppliers to USPS",
            "Contract start and end dates, contract award number, contract value, products and/or "
            "services sold under contract.",
        ),
        RecordCategory(
            "survey_contest_information",
            5,
            "Information provided by customers as part of a survey or contest",
            "Information provided by customers as part of a survey or contest.",
        ),
        RecordCategory(
            "payment_information",
            6,
            "Payment information",
            "Credit and/or debit card number, type, expiration date, and check information; and "
            "ACH information.",
        ),
        RecordCategory(
            "event_information",
            7,
            "Event information",
            "Name of event; role at event; itinerary; and membership in a PCC.",
        ),
        RecordCategory(
            "customer_preferences",
            8,
            "Customer preferences",
            "Preferences for badge name and accommodations.",
        ),
        RecordCategory(
            "survey_data",
            9,
            "Survey data",
            "customer perception, feelings, habits, past behaviors, preferences, recommended "
            "improvements, willingness to buy, ownership, and hypothetical future scenarios.",
        ),
        RecordCategory(
            "participant_session_data",
            10,
            "Participant session data from web-based meetings and web conferences",
            "Participant name, participant's webcam-generated image (including presenters), "
            "recorded participant audio, video, and shared meeting screen content, chat "
            "interaction, polling questions and associated responses, participant join time and "
            "leave time, meeting duration, participant location, and participant media hardware "
            "information, Participant Job Information, Participant Stated Locale, Participant "
            "Connection Type, Participant Data Center, Participant Device Type, Participant "
            "Domain, Participant Full Data Center, Participant Hard Disk ID, Participant ID, "
            "Participant IP Address, Participant Join Time, Participant Camera Name, Participant "
            "MAC Address, Participant Microphone Name, Participant Network Type, Participant PC "
            "Name, Participant Role, Participant Share Settings, Participant Speaker Name, "
            "Participant Status, Participant User ID, Participant User Name, Participant Zoom, "
            "Participant SIP URL, Participant Leave Reason, Participant AS Input, Participant AS "
            "Output, Participant Audio Input, Participant Audio Output, Participant CPU Usage, "
            "Participant Video Input, Participant Video Output, Participant Quality, Participant "
            "Sharing Details, Participant Recording Details.",
        ),
        RecordCategory(
            "device_data",
            11,
            "Device data from web-based meetings and web conferences",
            "Device type (such as mobile, desktop, or tablet), Device Operating System, Number of "
            "users of related Operating Systems, Operating System Version, Operating System Type, "
            "MAC address, and IP address, hard disk ID, PC Name, Bluetooth Information, Packet "
            "Loss, internet Connection Type, Bluetooth Device Name, Bluetooth Device Type, Device "
            "Architecture, Central Processing Unit (CPU) Core Type, CPU core frequency, CPU Brand, "
            "Available Memory, Total CPU Capacity, Total Capacity Utilized by Application, Memory "
            "Used by Application, API Permissions, API Authentication, Authentication Secret Key, "
            "Graphics Processing Unit (GPU) Brand, GPU Type, Custom Attributes Defined by "
            "Organization, Archived Meeting Files, Archive Meeting Account Name, Archived Meeting "
            "File Download User, Archived Meeting File Extension, Archived Meeting File Size, "
            "Archived Meeting File Type, Archived Meeting File ID, Archived Meeting File "
            "Participant Email, Archived Meeting Participant Join Time, Archived Meeting "
            "Participant Leave Time, Archived Meeting File Recording Type, Archived Meeting File "
            "Status, Archived Meeting Complete Time, Archived Meeting Complete Time Duration, "
            "Archived Meeting Duration, Archived Meeting Duration In Seconds, Archived Meeting "
            "Host ID, Archived Meeting ID, Archived Meeting Settings, Archived Meeting Type, "
            "Archived Meeting Recording Count, Archived Meeting Start Time, Archived Meeting "
            "Topic, Archived Meeting Total Size, Archived Meeting UU ID, Past Meeting Participant "
            "ID, Past Meeting Participant Name, Past Meeting Participant Email, SIP Phone "
            "Authorization Name, SIP Phone Domain, SIP Phone ID, SIP Phone Password, SIP Phone "
            "Proxy Servers, SIP Phone Register Servers, SIP Phone Registration Expire Time, SIP "
            "Phone Transport Protocols, SIP Phone User Email, SIP Phone User Name, SIP Phone Voice "
            "Voicemail.",
        ),
        RecordCategory(
            "user_data",
            12,
            "User data from web-based meetings and web conferences",
            "User Creation Date, User Department, User Email Address, User Employee ID, User Name, "
            "User System ID, User Chat Group Ids, User System Client Version, User Last Login "
            "Time, User Picture URL, User PMI, User Status, User Timezone, User Type, User "
            "Verified Status, User Password, User JID, User Language, User Manager, User Personal "
            "Meeting URL, User Role ID, User Role Name, User Use PMI Status, User Phone Country, "
            "User Company, User Custom Attributes, User CMS User ID, User Pronouns, User Vanity "
            "Name, User Assistant Email, User Assistant ID, User Permissions, User Presence "
            "Status, User Scheduler Email, User Scheduler ID, User Settings, User Token, User "
            "Meeting Minutes, User Number Of Meetings, User Participant Number, User's Web "
            "Conferences Template, User Scheduled Web Conferences, User Web Conferences Settings, "
            "User Web Conferences Recurrence Settings, User Web Conferences Password, User Web "
            "Conferences Agenda, User Web Conferences Duration, User Web Conferences Start Time, "
            "User Web Conferences Template ID, User Web Conferences Topic. User Web Conferences "
            "Tracking Fields, User Web Conferences Time zone User Web Conferences Created Date, "
            "User Web Conferences Host ID, User Web Conferences Type, User Web Conferences UU ID, "
            "User Web Conferences Start URL, User TSP Account Conference Code, User TSP Account "
            "Dial-In Numbers, User TSP Account ID, User TSP Account Leader PIN, User TSP account "
            "TSP Bridge, User TSP Audio URL, Chat Messaging Content.",
        ),
        RecordCategory(
            "administration_data",
            13,
            "Web-based meeting and web conference administration data",
            "Account Administrator Name, Account Contact Information Account ID, Account Billing "
            "Information, Account Plan Information, Conference Room Account type, Conference Room "
            "calendar name, conference room camera name, conference room device IP address, "
            "conference room email address, conference room health, conference room ID, conference "
            "room issues, conference room last start time, conference room microphone name, "
            "conference room name, conference room speaker name, conference room status, "
            "Conference Room live meeting, Conference Room past meetings, conference room "
            "activation code, conference room support email, conference room support phone, "
            "conference room passcode, conference room settings, conference room location "
            "description, conference room location name, User Sign In And Sign Out Times, Deleted "
            "Message Sender, Deleted Message Time, Deleted Message ID, Deleted Message Text, "
            "Deleted Message Main Message ID, Deleted Message Main Message Timestamp, Deleted "
            "Message File Name, Deleted Message File Size, Edited Message Sender, Edited Message "
            "Time, Edited Message ID, Edited Message Text, Edited Message Main Message ID, Edited "
            "Message Main Message Timestamp, Edited Message File Name, Edited Message File Size, "
            "Message Sender, Message Time, Message ID, Message Main Message ID, Message Main "
            "Message Timestamp, Message File, Message File Size, Group admin name, Group admin "
            "email, group admin ID, group member email, group member first name, group member last "
            "name, group member ID, group member type, chat group ID, chat group name, chat group "
            "total members, chat group, Files sent through chat, GIPHYs sent through chat, groups "
            "sent through chat, p2p sent through chat, text sent through chat, total sent through "
            "chat, audio sent through chat, code snippet sent through chat, Operation Log action, "
            "operation log category type, operation log operation detail, operation log user, "
            "operation log time, Role member department, role member email, role member first "
            "name, role member ID, role member type, client feedback detail email, client feedback "
            "detail meeting ID, client feedback detail participant name, client feedback detail "
            "time.",
        ),
        RecordCategory(
            "telemetry_data",
            14,
            "Web-Based Meeting And Web Conference Telemetry Data",
            "Event Time, Client Type, Event Location, Event, Subevent, UUID, Client Version, "
            "UserID, Client OS, Meeting ID.",
        ),
        RecordCategory(
            "chat_telemetry_data",
            15,
            "Chat Application Telemetry Data",
            "User Email, Group Chat, Message Type, In Meeting Message, Status, Do Not Disturb "
            "Time, Notification Setting, Show Group On Contact List, File Type, File Location, "
            "Link URL, Keywords, GIF Keywords, Emoji Code, Audio Setting, Video Setting, Is E2E "
            "Enabled, Message ID, IP Address.",
        ),
        RecordCategory(
            "communication_data",
            16,
            "Communication Data",
            "Deleted Persistent Message Sender, Deleted Persistent Message Time, Deleted "
            "Persistent Message ID, Deleted Persistent Message Text, Deleted Persistent Message "
            "Main Message ID, Deleted Persistent Message Main Message Timestamp, Deleted "
            "Persistent Message File Name, Deleted Persistent Message File Size, Edited Persistent "
            "Message Sender, Edited Persistent Message Time, Edited Persistent Message ID, Edited "
            "Persistent Message Text, Edited Persistent Message Main Message ID, Edited Persistent "
            "Message Main Message Timestamp, Edited Persistent Message File Name, Edited "
            "Persistent Message File Size, Persistent Message Sender, Persistent Message Time, "
            "Persistent Message ID, Persistent Message Main Message ID, Persistent Message Main "
            "Message Timestamp, Persistent Message File, Persistent Message File Size, Persistent "
            "Message Images Exchanged, Persistent Message Files Exchanged, Persistent Message "
            "Videos Exchanged, Persistent Message Channel Title, Persistent Message Whiteboard "
            "Annotations, Persistent Message Text, Deleted Message Sender, Deleted Message Time, "
            "Deleted Message ID, Deleted Message Text, Deleted Message Main Message ID, Deleted "
            "Message Main Message Timestamp, Deleted Message File Name, Deleted Message File Size, "
            "Edited Message Sender, Edited Message Time, Edited Message ID, Edited Message Text, "
            "Edited Message Main Message ID, Edited Message Main Message Timestamp, Edited Message "
            "File Name, Edited Message File Size, Message Sender, Message Time, Message ID, "
            "Message Main Message ID, Message Main Message Timestamp, Message File, Message File "
            "Size, Message Text.",
        ),
        RecordCategory(
            "survey_data_17",
            17,
            "Survey data",
            "customer perception, feelings, habits, past behaviors, preferences, recommended "
            "improvements, willingness to buy, ownership, and hypothetical future scenarios.",
        ),
        RecordCategory(
            "customer_sharing_analytics",
            18,
            "Customer sharing and analytics data",
            "Analytics program shared by email address, analytics program shared to email address, "
            "Analytics program shared by name, Analytics program report data, Analytics shared "
            "document viewed count, Analytics shared document viewer email address, Analytics "
            "shared document viewer name, Analytics shared document reports. custom webpage view "
            "count, custom webpage shared by email address, custom webpage shared to email "
            "address, custom webpage shared by name, custom webpage shared to name, custom webpage "
            "share number, custom webpage share views, custom webpage user insights, customer "
            "sharing program usage report data, customer meeting insights.",
        ),
    ),
    record_kinds=(
        # Retention 1: "Records relating to organizations": the notice's only organisation
        # the customer participates in is the PCC of category 7 ("membership in a PCC").
        RecordKind(
            "organization_participation",
            "Records relating to organizations",
            "event_information",
        ),
        # Retention 1: "publication mailing lists": names and mailing addresses (category 1).
        RecordKind(
            "publication_mailing_list",
            "Publication mailing lists",
            "customer_information",
        ),
        # Retention 2: "ACH records"; category 6 lists "ACH information".
        RecordKind("ach", "ACH records", "payment_information"),
        # Retention 2: direct marketing, advertising, and promotions. Retrieval 2 retrieves
        # direct-marketing information by industrial classification number and company name,
        # which are category 3's "industrial classification numbers" and "Firm name".
        RecordKind(
            "direct_marketing",
            "Records relating to direct marketing",
            "business_specific_information",
        ),
        RecordKind(
            "advertising",
            "Records relating to advertising",
            "business_specific_information",
        ),
        RecordKind(
            "promotion",
            "Records relating to promotions",
            "business_specific_information",
        ),
        # Retention 6: "Web-based meeting and video session recordings"; category 10 lists
        # "recorded participant audio, video, and shared meeting screen content".
        RecordKind(
            "meeting_recording",
            "Web-based meeting and video session recordings",
            "participant_session_data",
        ),
    ),
    record_source_categories="Customers, USPS personnel, and list providers.",
    routine_uses=RoutineUses(
        "Standard routine uses 1. through 7., 10., and 11. apply.",
        standard=USPS_STANDARD_ROUTINE_USES,
    ),
    storage="Automated databases, computer storage media, and paper.",
    # In the notice's numbering order (retrieval 1 to 7).
    retrievability=(
        RetrievalPath(
            "sales_events_publications",
            "For sales, events, and publications, information is retrieved by customer name or "
            "customer ID(s), mail or email address, and phone number.",
            ("name", "customer_id", "address", "email", "phone"),
        ),
        RetrievalPath(
            "direct_marketing",
            "For direct marketing, information is retrieved by Standard Industry Code (SIC) or "
            "North American Industry Classification System (NAISC) number, and company name.",
            ("sic", "naics", "company_name"),
        ),
        RetrievalPath(
            "meeting_report_tracking",
            "Report and tracking data created during web-based meetings and video conferences "
            "that pertain to individual participants, content shared, conference codes and other "
            "relevant session data and historical device usage data, are retrieved by meeting "
            "ID, host name or host email address.",
            ("meeting_id", "host_name", "host_email"),
        ),
        RetrievalPath(
            "collaboration_communication",
            "Records pertaining to web-based collaboration and communication applications are "
            "retrieved by organizer name and other associated personal identifiers.",
            ("organizer_name",),
        ),
        RetrievalPath(
            "media_recordings",
            "Media recordings created during web-based meetings and video conferences are "
            "retrieved by meeting ID, host name or host email address.",
            ("meeting_id", "host_name", "host_email"),
        ),
        RetrievalPath(
            "session_recordings",
            "Web-based meeting and video session recordings are retrieved by meeting ID, host "
            "name or host email address.",
            ("meeting_id", "host_name", "host_email"),
        ),
        RetrievalPath(
            "customer_insight",
            "Customer Insight materials are retrieved by name and email address.",
            ("name", "email"),
        ),
    ),
    safeguards=(
        "Paper records, computers, and computer storage media are located in controlled-access "
        "areas under supervision of program personnel. Access to these areas is limited to "
        "authorized personnel, who must be identified with a badge.",
        "Access to records is limited to individuals whose official duties require such access. "
        "Contractors and licensees are subject to contract controls and unannounced on-site "
        "audits and inspections. Computers are protected by mechanical locks, card key systems, "
        "or other physical access control methods. The use of computer systems is regulated "
        "with installed security software, computer logon identifications, and operating system "
        "controls including access controls, terminal and transaction logging, and file "
        "management software. Online data transmission is protected by encryption.",
    ),
    # One rule per sentence of "Policies and practices for retention and disposal of
    # records", in the notice's order; item 2 has two sentences and so two rules.
    retention_rules=(
        # Retention 1.
        RetentionRule(
            key="organizations_mailing_lists",
            applies_to=("organization_participation", "publication_mailing_list"),
            period="P0D",
            anchor=RetentionAnchor.PARTICIPATION_CEASED,
            source_text="Records relating to organizations and publication mailing lists are "
            "retained until the customer ceases to participate.",
        ),
        # Retention 2, first sentence.
        RetentionRule(
            key="ach",
            applies_to=("ach",),
            period="P2Y",
            anchor=RetentionAnchor.CREATED,
            source_text="ACH records are retained up to 2 years.",
        ),
        # Retention 2, second sentence.
        RetentionRule(
            key="direct_marketing",
            applies_to=("direct_marketing", "advertising", "promotion"),
            period="P5Y",
            anchor=RetentionAnchor.CREATED,
            source_text="Records relating to direct marketing, advertising, and promotions are "
            "retained 5 years.",
        ),
        # Retention 3.
        RetentionRule(
            key="other",
            applies_to=(
                "customer_information",
                "identifying_information",
                "business_specific_information",
                "supplier_information",
                "payment_information",
                "event_information",
                "customer_preferences",
            ),
            period="P3Y",
            anchor=RetentionAnchor.RELATIONSHIP_ENDED,
            source_text="Other records are retained 3 years after the relationship ends.",
        ),
        # Retention 4.
        RetentionRule(
            key="meeting_report_tracking",
            applies_to=(
                "participant_session_data",
                "device_data",
                "user_data",
                "administration_data",
                "telemetry_data",
            ),
            period="P24M",
            anchor=RetentionAnchor.CREATED,
            source_text="Report and tracking data created during web-based meeting and video "
            "conferences, such as session data and historical device usage data, are retained "
            "for twenty-four months.",
        ),
        # Retention 5.
        RetentionRule(
            key="collaboration_communication",
            applies_to=("chat_telemetry_data", "communication_data"),
            period="P24M",
            anchor=RetentionAnchor.CREATED,
            source_text="Records pertaining to web-based collaboration and communication "
            "applications are retained for twenty-four months.",
        ),
        # Retention 6.
        RetentionRule(
            key="meeting_recordings",
            applies_to=("meeting_recording",),
            period="P24M",
            anchor=RetentionAnchor.CREATED,
            source_text="Web-based meeting and video session recordings are retained for "
            "twenty-four months.",
        ),
        # Retention 7.
        RetentionRule(
            key="customer_insight_research_survey",
            applies_to=(
                "survey_contest_information",
                "survey_data",
                "survey_data_17",
                "customer_sharing_analytics",
            ),
            period="P3Y",
            anchor=RetentionAnchor.CREATED,
            source_text="Customer insight, market research, and survey records will be retained "
            "for 3 years.",
        ),
    ),
    disposal=(
        "Records existing on paper are destroyed by burning, pulping, or shredding. Records "
        "existing on computer storage media are destroyed according to the applicable USPS "
        "media sanitization practice."
    ),
    notification_procedure=(
        "For information pertaining to sales, inquiries should be addressed to: Sales and "
        "Customer Relations 475 L'Enfant Plaza SW, Washington, DC 20260. Customers wanting to "
        "know if other information about them is maintained in this system of records must "
        "address inquiries in writing to the Chief Customer and Marketing Officer and Executive "
        "Vice President and include their name and address."
    ),
    record_access_procedure=(
        "Requests for access must be made in accordance with the Notification Procedure above "
        "and USPS Privacy Act regulations regarding access to records and verification of "
        "identity under 39 CFR 266.5."
    ),
    contesting_procedure="See Notification Procedure and Record Access Procedures above.",
    exemptions="None.",
    history=(
        "August 4, 2020, 85 FR 47258",
        "June 1, 2020, 85 FR 33208",
        "October 24, 2011, 76 FR 65756",
        "April 29, 2005, 70 FR 22516",
    ),
    editorial_notes=(
        "Transcribed from the full text the notice of the modified system republishes. Lines "
        "and words the extraction broke at page breaks are joined (e.g. 'User Language', "
        "'Edited Message Main Message Timestamp', 'Persistent Message Images Exchanged'); the "
        "notice's own typos are kept as published, e.g. 'NAISC' in retrieval 2, 'User Web "
        "Conferences Topic. User Web Conferences Tracking Fields', 'User Web Conferences Time "
        "zone User Web Conferences Created Date' (category 12), 'Account Contact Information "
        "Account ID' (category 13) and 'Analytics shared document reports. custom webpage view "
        "count' (category 18).",
        "Categories of records 9 and 17 are both 'Survey data' with the same text. The notice "
        "publishes both, so both are kept, numbered as published; category 17 has the key "
        "'survey_data_17'. Both are governed by retention 7.",
        "Category of records 5 has no italic heading in the notice; its name is the item's own "
        "text ('Information provided by customers as part of a survey or contest').",
        "Retention item 2 has two sentences, and so two rules: 'ach' and 'direct_marketing'.",
        "Every category of records is governed by exactly one retention sentence. The notice "
        "does not say which sentence governs which category; the assignments are: categories "
        "10 to 14 (participant session, device, user, administration and telemetry data of "
        "web-based meetings) by retention 4 ('Report and tracking data created during "
        "web-based meeting and video conferences, such as session data and historical device "
        "usage data'), which retrieval 3 describes with the same words; categories 15 (chat "
        "application telemetry data) and 16 (communication data) by retention 5 ('Records "
        "pertaining to web-based collaboration and communication applications'); categories 5 "
        "(survey or contest information), 9 and 17 (survey data) and 18 (customer sharing and "
        "analytics data, the 'Customer Insight materials' of retrieval 7, which lists 'customer "
        "meeting insights' and 'custom webpage user insights') by retention 7 ('Customer "
        "insight, market research, and survey records'); categories 1 to 4 and 6 to 8 by "
        "retention 3 ('Other records').",
        "Categories 12 and 13 also list message content ('Chat Messaging Content', 'Deleted "
        "Message Text', 'Message File'), which could be read as records of collaboration and "
        "communication applications (retention 5) rather than meeting report and tracking data "
        "(retention 4). Both sentences give twenty-four months from the record's date, so the "
        "assignment changes no period.",
        "Contest entries in category 5 are governed with the survey information they are "
        "published with (retention 7, 3 years); they could also be read as records relating "
        "to promotions (retention 2, 5 years). Review if contest records are stored apart.",
        "Retention sentences that name records rather than categories are rules over record "
        "kinds, which take precedence over their category's rule: 'organization_participation' "
        "sits in category 7 (event information), whose 'membership in a PCC' is the only "
        "organisation a customer participates in that the notice names; "
        "'publication_mailing_list' in category 1 (customer information: names and mailing "
        "addresses); 'ach' in category 6 (payment information, which lists 'ACH information'); "
        "'direct_marketing', 'advertising' and 'promotion' in category 3 (business specific "
        "information), because retrieval 2 retrieves direct-marketing information by industrial "
        "classification number and company name, which category 3 lists ('industrial "
        "classification numbers', 'Firm name'), as it lists 'advertising agency and spending'; "
        "'meeting_recording' in category 10, which lists 'recorded participant audio, video, "
        "and shared meeting screen content' (retention 6, also retrievals 5 and 6).",
        "Market research records (retention 7) are not declared as a record kind of their own: "
        "they are the survey categories 5, 9 and 17, which retention 7 already governs.",
        "Retention 1 keeps records 'until the customer ceases to participate': period P0D "
        "counted from the end of participation. 'Up to 2 years' (retention 2) is read as the "
        "maximum, 2 years. The notice does not say what 'retained 5 years', 'retained for "
        "twenty-four months' and 'retained for 3 years' are counted from; they are counted "
        "from the record's own date.",
        "Retrieval paths are in the notice's numbering order (1 to 7). Retrieval 2's 'NAISC' "
        "is kept in the text; its identifier is 'naics'. Retrieval 4's 'other associated "
        "personal identifiers' are not enumerated by the notice, so only 'organizer_name' is "
        "declared.",
        "extra['attributes'] lists the attribute names of categories 10 to 16 and 18 as "
        "published, split at commas outside parentheses ('Device type (such as mobile, "
        "desktop, or tablet)' stays one attribute). The list-joining 'and' is dropped ('and "
        "shared meeting screen content', 'and participant media hardware information', 'and IP "
        "address') and so is the final full stop. Four places where the notice runs two "
        "attributes together without a comma are split: 'User Web Conferences Topic' / 'User "
        "Web Conferences Tracking Fields' and 'User Web Conferences Time zone' / 'User Web "
        "Conferences Created Date' (category 12), 'Account Contact Information' / 'Account ID' "
        "(category 13), 'Analytics shared document reports' / 'custom webpage view count' "
        "(category 18). 'video' in category 10 is the notice's shorthand for recorded "
        "participant video. No category repeats an attribute name.",
        "The record access procedure cites 39 CFR 266.5 (USPS 810.300 and 820.100 cite 266.6); "
        "kept as published. The notice prints the notification procedure after the access and "
        "contesting procedures that refer to it as 'above'.",
    ),
    source_document="usps-890.000-sales-marketing-events-publications.txt",
    extra={
        # Attribute names of the long categories, as published, for validating stored
        # attributes against the notice (see the editorial notes).
        "attributes": {
            "participant_session_data": (  # category 10
                "Participant name",
                "participant's webcam-generated image (including presenters)",
                "recorded participant audio",
                "video",
                "shared meeting screen content",
                "chat interaction",
                "polling questions and associated responses",
                "participant join time and leave time",
                "meeting duration",
                "participant location",
                "participant media hardware information",
                "Participant Job Information",
                "Participant Stated Locale",
                "Participant Connection Type",
                "Participant Data Center",
                "Participant Device Type",
                "Participant Domain",
                "Participant Full Data Center",
                "Participant Hard Disk ID",
                "Participant ID",
                "Participant IP Address",
                "Participant Join Time",
                "Participant Camera Name",
                "Participant MAC Address",
                "Participant Microphone Name",
                "Participant Network Type",
                "Participant PC Name",
                "Participant Role",
                "Participant Share Settings",
                "Participant Speaker Name",
                "Participant Status",
                "Participant User ID",
                "Participant User Name",
                "Participant Zoom",
                "Participant SIP URL",
                "Participant Leave Reason",
                "Participant AS Input",
                "Participant AS Output",
                "Participant Audio Input",
                "Participant Audio Output",
                "Participant CPU Usage",
                "Participant Video Input",
                "Participant Video Output",
                "Participant Quality",
                "Participant Sharing Details",
                "Participant Recording Details",
            ),
            "device_data": (  # category 11
                "Device type (such as mobile, desktop, or tablet)",
                "Device Operating System",
                "Number of users of related Operating Systems",
                "Operating System Version",
                "Operating System Type",
                "MAC address",
                "IP address",
                "hard disk ID",
                "PC Name",
                "Bluetooth Information",
                "Packet Loss",
                "internet Connection Type",
                "Bluetooth Device Name",
                "Bluetooth Device Type",
                "Device Architecture",
                "Central Processing Unit (CPU) Core Type",
                "CPU core frequency",
                "CPU Brand",
                "Available Memory",
                "Total CPU Capacity",
                "Total Capacity Utilized by Application",
                "Memory Used by Application",
                "API Permissions",
                "API Authentication",
                "Authentication Secret Key",
                "Graphics Processing Unit (GPU) Brand",
                "GPU Type",
                "Custom Attributes Defined by Organization",
                "Archived Meeting Files",
                "Archive Meeting Account Name",
                "Archived Meeting File Download User",
                "Archived Meeting File Extension",
                "Archived Meeting File Size",
                "Archived Meeting File Type",
                "Archived Meeting File ID",
                "Archived Meeting File Participant Email",
                "Archived Meeting Participant Join Time",
                "Archived Meeting Participant Leave Time",
                "Archived Meeting File Recording Type",
                "Archived Meeting File Status",
                "Archived Meeting Complete Time",
                "Archived Meeting Complete Time Duration",
                "Archived Meeting Duration",
                "Archived Meeting Duration In Seconds",
                "Archived Meeting Host ID",
                "Archived Meeting ID",
                "Archived Meeting Settings",
                "Archived Meeting Type",
                "Archived Meeting Recording Count",
                "Archived Meeting Start Time",
                "Archived Meeting Topic",
                "Archived Meeting Total Size",
                "Archived Meeting UU ID",
                "Past Meeting Participant ID",
                "Past Meeting Participant Name",
                "Past Meeting Participant Email",
                "SIP Phone Authorization Name",
                "SIP Phone Domain",
                "SIP Phone ID",
                "SIP Phone Password",
                "SIP Phone Proxy Servers",
                "SIP Phone Register Servers",
                "SIP Phone Registration Expire Time",
                "SIP Phone Transport Protocols",
                "SIP Phone User Email",
                "SIP Phone User Name",
                "SIP Phone Voice Voicemail",
            ),
            "user_data": (  # category 12
                "User Creation Date",
                "User Department",
                "User Email Address",
                "User Employee ID",
                "User Name",
                "User System ID",
                "User Chat Group Ids",
                "User System Client Version",
                "User Last Login Time",
                "User Picture URL",
                "User PMI",
                "User Status",
                "User Timezone",
                "User Type",
                "User Verified Status",
                "User Password",
                "User JID",
                "User Language",
                "User Manager",
                "User Personal Meeting URL",
                "User Role ID",
                "User Role Name",
                "User Use PMI Status",
                "User Phone Country",
                "User Company",
                "User Custom Attributes",
                "User CMS User ID",
                "User Pronouns",
                "User Vanity Name",
                "User Assistant Email",
                "User Assistant ID",
                "User Permissions",
                "User Presence Status",
                "User Scheduler Email",
                "User Scheduler ID",
                "User Settings",
                "User Token",
                "User Meeting Minutes",
                "User Number Of Meetings",
                "User Participant Number",
                "User's Web Conferences Template",
                "User Scheduled Web Conferences",
                "User Web Conferences Settings",
                "User Web Conferences Recurrence Settings",
                "User Web Conferences Password",
                "User Web Conferences Agenda",
                "User Web Conferences Duration",
                "User Web Conferences Start Time",
                "User Web Conferences Template ID",
                "User Web Conferences Topic",
                "User Web Conferences Tracking Fields",
                "User Web Conferences Time zone",
                "User Web Conferences Created Date",
                "User Web Conferences Host ID",
                "User Web Conferences Type",
                "User Web Conferences UU ID",
                "User Web Conferences Start URL",
                "User TSP Account Conference Code",
                "User TSP Account Dial-In Numbers",
                "User TSP Account ID",
                "User TSP Account Leader PIN",
                "User TSP account TSP Bridge",
                "User TSP Audio URL",
                "Chat Messaging Content",
            ),
            "administration_data": (  # category 13
                "Account Administrator Name",
                "Account Contact Information",
                "Account ID",
                "Account Billing Information",
                "Account Plan Information",
                "Conference Room Account type",
                "Conference Room calendar name",
                "conference room camera name",
                "conference room device IP address",
                "conference room email address",
                "conference room health",
                "conference room ID",
                "conference room issues",
                "conference room last start time",
                "conference room microphone name",
                "conference room name",
                "conference room speaker name",
                "conference room status",
                "Conference Room live meeting",
                "Conference Room past meetings",
                "conference room activation code",
                "conference room support email",
                "conference room support phone",
                "conference room passcode",
                "conference room settings",
                "conference room location description",
                "conference room location name",
                "User Sign In And Sign Out Times",
                "Deleted Message Sender",
                "Deleted Message Time",
                "Deleted Message ID",
                "Deleted Message Text",
                "Deleted Message Main Message ID",
                "Deleted Message Main Message Timestamp",
                "Deleted Message File Name",
                "Deleted Message File Size",
                "Edited Message Sender",
                "Edited Message Time",
                "Edited Message ID",
                "Edited Message Text",
                "Edited Message Main Message ID",
                "Edited Message Main Message Timestamp",
                "Edited Message File Name",
                "Edited Message File Size",
                "Message Sender",
                "Message Time",
                "Message ID",
                "Message Main Message ID",
                "Message Main Message Timestamp",
                "Message File",
                "Message File Size",
                "Group admin name",
                "Group admin email",
                "group admin ID",
                "group member email",
                "group member first name",
                "group member last name",
                "group member ID",
                "group member type",
                "chat group ID",
                "chat group name",
                "chat group total members",
                "chat group",
                "Files sent through chat",
                "GIPHYs sent through chat",
                "groups sent through chat",
                "p2p sent through chat",
                "text sent through chat",
                "total sent through chat",
                "audio sent through chat",
                "code snippet sent through chat",
                "Operation Log action",
                "operation log category type",
                "operation log operation detail",
                "operation log user",
                "operation log time",
                "Role member department",
                "role member email",
                "role member first name",
                "role member ID",
                "role member type",
                "client feedback detail email",
                "client feedback detail meeting ID",
                "client feedback detail participant name",
                "client feedback detail time",
            ),
            "telemetry_data": (  # category 14
                "Event Time",
                "Client Type",
                "Event Location",
                "Event",
                "Subevent",
                "UUID",
                "Client Version",
                "UserID",
                "Client OS",
                "Meeting ID",
            ),
            "chat_telemetry_data": (  # category 15
                "User Email",
                "Group Chat",
                "Message Type",
                "In Meeting Message",
                "Status",
                "Do Not Disturb Time",
                "Notification Setting",
                "Show Group On Contact List",
                "File Type",
                "File Location",
                "Link URL",
                "Keywords",
                "GIF Keywords",
                "Emoji Code",
                "Audio Setting",
                "Video Setting",
                "Is E2E Enabled",
                "Message ID",
                "IP Address",
            ),
            "communication_data": (  # category 16
                "Deleted Persistent Message Sender",
                "Deleted Persistent Message Time",
                "Deleted Persistent Message ID",
                "Deleted Persistent Message Text",
                "Deleted Persistent Message Main Message ID",
                "Deleted Persistent Message Main Message Timestamp",
                "Deleted Persistent Message File Name",
                "Deleted Persistent Message File Size",
                "Edited Persistent Message Sender",
                "Edited Persistent Message Time",
                "Edited Persistent Message ID",
                "Edited Persistent Message Text",
                "Edited Persistent Message Main Message ID",
                "Edited Persistent Message Main Message Timestamp",
                "Edited Persistent Message File Name",
                "Edited Persistent Message File Size",
                "Persistent Message Sender",
                "Persistent Message Time",
                "Persistent Message ID",
                "Persistent Message Main Message ID",
                "Persistent Message Main Message Timestamp",
                "Persistent Message File",
                "Persistent Message File Size",
                "Persistent Message Images Exchanged",
                "Persistent Message Files Exchanged",
                "Persistent Message Videos Exchanged",
                "Persistent Message Channel Title",
                "Persistent Message Whiteboard Annotations",
                "Persistent Message Text",
                "Deleted Message Sender",
                "Deleted Message Time",
                "Deleted Message ID",
                "Deleted Message Text",
                "Deleted Message Main Message ID",
                "Deleted Message Main Message Timestamp",
                "Deleted Message File Name",
                "Deleted Message File Size",
                "Edited Message Sender",
                "Edited Message Time",
                "Edited Message ID",
                "Edited Message Text",
                "Edited Message Main Message ID",
                "Edited Message Main Message Timestamp",
                "Edited Message File Name",
                "Edited Message File Size",
                "Message Sender",
                "Message Time",
                "Message ID",
                "Message Main Message ID",
                "Message Main Message Timestamp",
                "Message File",
                "Message File Size",
                "Message Text",
            ),
            "customer_sharing_analytics": (  # category 18
                "Analytics program shared by email address",
                "analytics program shared to email address",
                "Analytics program shared by name",
                "Analytics program report data",
                "Analytics shared document viewed count",
                "Analytics shared document viewer email address",
                "Analytics shared document viewer name",
                "Analytics shared document reports",
                "custom webpage view count",
                "custom webpage shared by email address",
                "custom webpage shared to email address",
                "custom webpage shared by name",
                "custom webpage shared to name",
                "custom webpage share number",
                "custom webpage share views",
                "custom webpage user insights",
                "customer sharing program usage report data",
                "customer meeting insights",
            ),
        },
    },
)
