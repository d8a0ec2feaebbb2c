"""USPS 820.100, Mailer Services — Applications and Approvals.

Transcribed from shared/seeds/usps-820.100-mailer-services-applications.txt.
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
    slug="usps-820-100",
    number="USPS 820.100",
    name="Mailer Services — Applications and Approvals",
    agency="United States Postal Service",
    system_location=(
        "USPS Headquarters; Integrated Business Solutions Services Centers; National Customer "
        "Support Center (NCSC); district facilities; detached mailing units; and facilities that "
        "access USPS computers."
    ),
    system_managers=(
        "President and Chief Marketing/Sales Officer, United States Postal Service, "
        "475 L’Enfant Plaza SW, Washington, DC 20260.",
        "Vice President, Mail Entry and Payment Technology, United States Postal Service, "
        "475 L’Enfant Plaza SW, Washington, DC 20260.",
    ),
    authority="39 U.S.C. 401, 403, and 404.",
    purposes=(
        Purpose(
            1,
            "To provide application services for mail management and tracking products and "
            "services.",
        ),
        Purpose(
            2,
            "To authenticate applicant information, assign computer logon IDs, and qualify and "
            "assist users.",
        ),
        Purpose(3, "To provide product and/or service updates, service, and support."),
        Purpose(
            4,
            "To collect accurate technical data to ensure the proper operation of electronic data "
            "transmission and software.",
        ),
    ),
    categories_of_individuals=(
        "Customers who apply for mail management and tracking products or services.",
    ),
    record_categories=(
        RecordCategory(
            "customer_information",
            1,
            "Customer information",
            "Applicant and key contacts name, mail and e-mail address, phone number, fax number, "
            "customer ID(s), job title and/or role, employment status, company name, location, "
            "industry, monthly shipping budget, annual revenue, payment information, ACH "
            "information.",
        ),
        RecordCategory(
            "identification_authentication",
            2,
            "Customer or product identification and authentication",
            "User and manager customer ID(s) and/or passwords; customer signature, date, last "
            "four digits of Social Security Number (SSN); USPS site; security personnel name, "
            "signature, date, telephone number, and last four digits of SSN; USPS location "
            "information; D-U-N-S Number; postage meter numbers; permit numbers; POSTNET code; "
            "mailer ID(s); publication name(s) and ID(s); and name(s) of authorized users.",
        ),
        RecordCategory(
            "mail_practices",
            3,
            "Mail practices and delivery information",
            "Type of mailing equipment and/or containers used, mail preparation information, drop "
            "shipment sites and codes, compatibility with mailing automation equipment, presort "
            "options and tests, frequency of mailings, mail volume, primary type of mailing, "
            "destination information, use of contracted mail services, names and addresses of "
            "contractors and advertisers, publication name(s) and ID(s), and appointment times.",
        ),
        RecordCategory(
            "technical_information",
            4,
            "Technical information",
            "Hardware, software, and equipment names, types, versions, and specifications; media "
            "preferences; mail site specifications.",
        ),
        RecordCategory(
            "product_usage_payment",
            5,
            "Product usage and payment information",
            "Package volumes, package weights, product ordered, quantity ordered, billing "
            "information, products used, ordered date, inventory date, and usage measure dates.",
        ),
        RecordCategory("customer_feedback", 6, "Customer feedback", "Method of referral."),
    ),
    record_kinds=(
        # Retention 1: logon records. Not a category of their own: the logon IDs purpose 2
        # assigns, with the "User and manager customer ID(s) and/or passwords" of category 2.
        RecordKind("logon", "Logon records", "identification_authentication"),
        # Retention 2: ACH records; category 1 lists "ACH information".
        RecordKind("ach", "ACH records", "customer_information"),
        # Retention 3: security access records; category 2 lists the security personnel and
        # the "name(s) of authorized users".
        RecordKind("security_access", "Security access records", "identification_authentication"),
    ),
    record_source_categories="Customers.",
    routine_uses=RoutineUses(
        "Standard routine uses 1. through 7., 10., and 11. apply.",
        standard=USPS_STANDARD_ROUTINE_USES,
    ),
    storage="Automated database, computer storage media, and paper.",
    retrievability=(
        RetrievalPath(
            "customer",
            "By customer name, customer ID(s), or logon ID.",
            ("name", "customer_id", "logon_id"),
        ),
    ),
    safeguards=(
        "Paper records, computers, and computer storage media are located in controlled-access "
        "areas under supervision of program personnel. Access to these areas is limited to "
        "authorized personnel, who must be identified with a badge.",
        "Access to records is limited to individuals whose official duties require such access. "
        "Contractors and licensees are subject to contract controls and unannounced on-site "
        "audits and inspections.",
        "Computers are protected by mechanical locks, card key systems, or other physical access "
        "control methods. The use of computer systems is regulated with installed security "
        "software, computer logon identifications, and operating system controls including "
        "access controls, terminal and transaction logging, and file management software. "
        "Online data transmissions are protected by encryption.",
    ),
    # One rule per numbered sentence of "Retention and Disposal", in the notice's order.
    retention_rules=(
        # Retention 1.
        RetentionRule(
            key="logon",
            applies_to=("logon",),
            period="P1Y",
            anchor=RetentionAnchor.CREATED,
            source_text="Logon records are retained 1 year after computer access.",
        ),
        # Retention 2.
        RetentionRule(
            key="ach",
            applies_to=("ach",),
            period="P2Y",
            anchor=RetentionAnchor.CREATED,
            source_text="ACH records are retained up to 2 years.",
        ),
        # Retention 3.
        RetentionRule(
            key="security_access",
            applies_to=("security_access",),
            period="P2Y",
            anchor=RetentionAnchor.ACCESS_CANCELLED,
            source_text="Security access records are retained 2 years after computer access "
            "privileges are cancelled.",
        ),
        # Retention 4.
        RetentionRule(
            key="other",
            applies_to=(
                "customer_information",
                "identification_authentication",
                "mail_practices",
                "technical_information",
                "product_usage_payment",
                "customer_feedback",
            ),
            period="P4Y",
            anchor=RetentionAnchor.RELATIONSHIP_ENDED,
            source_text="Other customer records are retained 4 years after the customer "
            "relationship ends.",
        ),
    ),
    disposal=(
        "Records existing on paper are destroyed by burning, pulping, or shredding. Records "
        "existing on computer storage media are destroyed according to the applicable USPS "
        "media sanitization practice."
    ),
    notification_procedure=(
        "Customers wanting to know if information about them is maintained in this system of "
        "records must address inquiries in writing to the system manager. Inquiries should "
        "contain name, customer ID(s), if any, and/or logon ID."
    ),
    record_access_procedure=(
        "Requests for access must be made in accordance with the Notification Procedure above "
        "and USPS Privacy Act regulations regarding access to records and verification of "
        "identity under 39 CFR 266.6."
    ),
    contesting_procedure="See Notification Procedure and Record Access Procedures above.",
    editorial_notes=(
        "The notice's categories of records name neither logon records nor security access "
        "records, which retention 1 and 3 keep on clocks of their own. Both are declared as "
        "record kinds of category 2 (customer or product identification and authentication): "
        "logon records because purpose 2 assigns computer logon IDs and category 2 holds the "
        "user and manager customer ID(s) and passwords; security access records because "
        "category 2 holds the security personnel and the name(s) of authorized users.",
        "The record kind 'ach' sits inside category 1 (customer information), which lists "
        "'ACH information' (unlike USPS 810.300, where it is in payment information).",
        "Retention 1 counts from 'computer access': a logon record's own date is the computer "
        "access it records, so the anchor is the record's date. 'Up to 2 years' (retention 2) "
        "is read as the maximum, 2 years from the record's date, as for USPS 810.300.",
        "Retention 4 ('Other customer records') governs all six categories; the record kinds "
        "of retention 1 to 3 take precedence over it.",
        "The notice publishes no security classification, exemptions or history; those fields "
        "are left empty.",
    ),
    source_document="usps-820.100-mailer-services-applications.txt",
)
