"""USPS 810.300, Offline Registration, Payment, and Fulfillment.

Transcribed from shared/seeds/usps-810.300-offline-registration-payment-fulfillment.txt.
The extracted text lost its section headings; the seeds README gives their order.
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
from sorn.constants import RetentionAnchor

USPS_STANDARD_ROUTINE_USES = (1, 2, 3, 4, 5, 6, 7, 10, 11)

NOTICE = Notice(
    slug="usps-810-300",
    number="USPS 810.300",
    name="Offline Registration, Payment, and Fulfillment",
    agency="United States Postal Service",
    system_location=(
        "USPS Marketing Headquarters; Integrated Business Solutions Services Centers; "
        "Philatelic Fulfillment Service Center; area and district facilities; Post Offices; "
        "and contractor sites."
    ),
    system_managers=(
        "President and Chief Marketing/Sales Officer, United States Postal Service, "
        "475 L’Enfant Plaza SW, Washington, DC 20260.",
    ),
    authority="39 U.S.C. 401, 403, and 404.",
    purposes=(
        Purpose(1, "To provide offline registration services for customers."),
        Purpose(2, "To fulfill requests for USPS products, services, and other materials."),
        Purpose(3, "To authenticate customer information and permit customer feedback."),
        Purpose(4, "To operate recurring ordering and payment services for products and services."),
        Purpose(5, "To enhance understanding and fulfillment of customer needs."),
    ),
    categories_of_individuals=(
        "Customers who register for USPS programs, place orders and/or make payment for USPS "
        "products and services via offline means.",
    ),
    record_categories=(
        RecordCategory(
            "customer_information",
            1,
            "Customer information",
            "Name, customer ID(s), company name, job title, home, business, and billing "
            "address(es), phone number(s), fax number(s), e-mail, URL, verification question "
            "and answer, username, and password.",
        ),
        RecordCategory(
            "payment_information",
            2,
            "Payment information",
            "Credit and/or debit card number, type, and expiration date; billing name and "
            "address; check; money order, ACH information.",
        ),
        RecordCategory(
            "shipping_information",
            3,
            "Shipping information",
            "Product and/or service ID number, name and address of recipient.",
        ),
        RecordCategory(
            "customer_preferences",
            4,
            "Customer preferences",
            "Preferences to receive USPS marketing information, preferences to receive "
            "marketing information from USPS partners, preferred contact media, preferred "
            "e-mail format, product and/or service marketing preference.",
        ),
        RecordCategory("customer_feedback", 5, "Customer feedback", "Method of referral."),
        RecordCategory(
            "order_processing",
            6,
            "Order processing",
            "Inquiries on status of orders; claims submitted for defective merchandise; lists "
            "of individuals who have submitted bad checks.",
        ),
    ),
    record_kinds=(RecordKind("ach", "ACH records", "payment_information"),),
    record_source_categories=(
        "Customers and, for call center operations, commercially available sources of names, "
        "addresses, and telephone numbers."
    ),
    routine_uses=RoutineUses(
        "Standard routine uses 1. through 7., 10., and 11. apply.",
        standard=USPS_STANDARD_ROUTINE_USES,
    ),
    storage="Automated databases, computer storage media, and paper forms.",
    retrievability=(
        RetrievalPath(
            "customer",
            "By customer name, customer ID(s), phone number, mail or e-mail address, or order "
            "number.",
            ("name", "customer_id", "phone", "address", "email", "order_number"),
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
        "access controls, terminal and transaction logging, and file management software.",
        "Online data transmission is protected by encryption, dedicated lines, and authorized "
        "access codes. For shipping supplies, data is protected within a stand-alone system "
        "within a controlled-access facility.",
    ),
    retention_rules=(
        RetentionRule(
            key="ach",
            applies_to=("ach",),
            period="P2Y",
            anchor=RetentionAnchor.CREATED,
            source_text="ACH records are retained up to 2 years.",
        ),
        RetentionRule(
            key="other",
            applies_to=(
                "customer_information",
                "payment_information",
                "shipping_information",
                "customer_preferences",
                "customer_feedback",
                "order_processing",
            ),
            period="P3Y",
            anchor=RetentionAnchor.RELATIONSHIP_ENDED,
            source_text="Other records are retained up to 3 years after the customer "
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
        "records must address inquiries in writing to the system manager. Inquiries must "
        "contain name, address, and other identifying information."
    ),
    record_access_procedure=(
        "Requests for access must be made in accordance with the Notification Procedure above "
        "and USPS Privacy Act regulations regarding access to records and verification of "
        "identity under 39 CFR 266.6."
    ),
    contesting_procedure="See Notification Procedure and Record Access Procedures above.",
    editorial_notes=(
        "The source text lost its section headings in extraction; sections follow the order "
        "the seeds README gives.",
        "The record kind 'ach' sits inside 'Payment information' because the retention section "
        "keeps ACH records on a clock of their own; a record kind's rule takes precedence over "
        "its category's rule.",
    ),
    source_document="usps-810.300-offline-registration-payment-fulfillment.txt",
)
