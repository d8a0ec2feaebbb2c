"""Treasury/United States Mint .009, Order Management System.

Transcribed from shared/seeds/treasury-mint-009-order-management-system.txt, a notice of
proposed alteration (FR Doc. 2014-19712). It republishes only the sections it changes;
sections it leaves unchanged are omitted and marked "* * * * *" (authority, routine uses,
storage, retention and disposal, system manager among them). Omitted sections are said to
be omitted below, never filled in from elsewhere; the editorial notes list them.
"""

from sorn.catalogue.schema import (
    Notice,
    Purpose,
    RecordCategory,
    RetentionRule,
    RetrievalPath,
    RoutineUses,
    UnpublishedReference,
)
from sorn.constants import RetentionAnchor

NOT_REPUBLISHED = "Not republished in the notice of altered system (section unchanged and omitted)."

ALL_CATEGORIES = (
    "staff_user_access",
    "customer_order_information",
    "gift_recipients",
    "browsing_behavioral",
    "chat_records",
    "phone_call_records",
)

NOTICE = Notice(
    slug="mint-009",
    number="Treasury/United States Mint .009",
    name="Order Management System",
    agency="Department of the Treasury, United States Mint",
    system_location=(
        "Electronic records are maintained at the contractor's location in Allen, Texas and are "
        "accessible from United States Mint Headquarters, 801 9th Street NW, Washington, DC "
        "20220. Paper records are stored at the United States Mint Headquarters, 801 9th Street "
        "NW, Washington, DC 20220."
    ),
    system_managers=(
        "System Manager and Address: not republished in the notice of altered system (section "
        "unchanged and omitted).",
    ),
    authority=(
        "Not republished in the notice of altered system (section unchanged and omitted, marked "
        "* * * * *); the notice cites 31 U.S.C. 5111(a)(3) and 5136 for the bureau's numismatic "
        "sales operations."
    ),
    # The purpose section is one sentence; its clauses, separated by semicolons, are
    # numbered here in the order published (the lead-in is in extra["purpose_lead_in"]).
    purposes=(
        Purpose(
            1,
            "maintain a mailing list of customers and interested parties to provide continuous "
            "communication and promotional materials about existing and upcoming numismatic "
            "product offerings, circulating coins, and activities",
        ),
        Purpose(
            2,
            "record and maintain records of customers' and interested parties' order information "
            "and requests for promotional materials",
        ),
        Purpose(
            3,
            "record and maintain records on individuals who have registered to create accounts "
            "and have opted-in to Web measurement and customization technologies that collect "
            "and store personally identifiable information to perform market segmentation that "
            "allows them to receive targeted marketing suggestions and allows the United States "
            "Mint to better understand its customer base",
        ),
        Purpose(
            4,
            "record and maintain records on individuals who have registered to create accounts "
            "and have opted-in to having their information retained for more efficient checkout "
            "and capturing and processing of orders through each stage of the order life cycle",
        ),
        Purpose(
            5,
            "maintain integrity and security of orders, customer information, and the system",
        ),
        Purpose(
            6,
            "record and maintain customer phone calls and chats with customer service "
            "representatives",
        ),
        Purpose(
            7,
            "research and resolve orders that were not successfully delivered to customers and "
            "interested parties",
        ),
        Purpose(
            8,
            "maintain a list of its products and monitor and maintain product and promotional "
            "material inventory levels to meet customer and interested party demand, while "
            "remaining within mandated mintage levels, as applicable",
        ),
    ),
    categories_of_individuals=(
        "Members of the public, federal employees, and employees of government contractors and "
        "subcontractors.",
    ),
    # Lettered (a) to (f) in the notice, without headings: each name is the item's own
    # subject phrase, verbatim; the description is the whole item.
    record_categories=(
        RecordCategory(
            "staff_user_access",
            1,
            "Staff user IDs and system access records",
            "Names and user IDs of Federal employees, employees of government contractors and "
            "subcontractors, and audit logs and records of their system access",
        ),
        RecordCategory(
            "customer_order_information",
            2,
            "Customer and order information",
            "Customer names, billing and shipping addresses, phone numbers, email addresses, "
            "payment, birth month, and credit card information, product and communication "
            "preferences, order history, and intended uses of subscribed promotional materials "
            "of - (1) individuals who have purchased numismatic items online, by phone, in person "
            "or by mail order, or subscribed to receive bureau product-related communications or "
            "promotional materials, and (2) individuals who have registered to create an account "
            "to purchase products online",
        ),
        RecordCategory(
            "gift_recipients",
            3,
            "Gift recipients",
            "Names, addresses, and delivery information of gift recipients",
        ),
        RecordCategory(
            "browsing_behavioral",
            4,
            "Web browsing, behavioral and market segmentation information",
            "Tracked Web browsing and behavioral information, IP addresses, device settings, "
            "market segmentation is collected for registered account holders, purchasers, and "
            "email newsletter subscribers.",
        ),
        RecordCategory(
            "chat_records",
            5,
            "Chat records",
            "Notes and transcripts of contractor and subcontractor employees and persons who use "
            "the online live chat feature",
        ),
        RecordCategory(
            "phone_call_records",
            6,
            "Phone call records",
            "Notes, recordings and transcripts of phone calls of contractor and subcontractor "
            "employees and persons who contact the United States Mint customer service center.",
        ),
    ),
    record_source_categories=(
        "Members of the public (including customers who provide information about third-party "
        "gift recipients), IP addresses of persons who visit the bureau online catalog, "
        "applications that generate derived data, government employees, government contractor "
        "employees, and subcontractor employees."
    ),
    routine_uses=RoutineUses(
        text="Not republished in the notice of altered system (section unchanged and omitted).",
    ),
    storage=NOT_REPUBLISHED,
    retrievability=(
        RetrievalPath(
            "order_management",
            "Name, address, phone number, email address, customer number or order number, order "
            "date, whether or not the account is flagged (such as due to an unusual quantity "
            "ordered or an order requiring verification for processing and completion), product "
            "preferences, market segmentation categories, bureau online catalog browsing "
            "behavioral information, shipment tracking number, any internal identification "
            "number that may be assigned to the request, employee, government contractor and "
            "subcontractor employee user identification.",
            (
                "name",
                "address",
                "phone",
                "email",
                "customer_number",
                "order_number",
                "order_date",
                "flagged",
                "product_preferences",
                "market_segment",
                "browsing_behavior",
                "shipment_tracking_number",
                "internal_request_id",
                "staff_user_id",
            ),
        ),
    ),
    safeguards=(
        "Paper records are stored in secured filing cabinets with access only by authorized "
        "personnel. Electronic records are stored in secured systems subject to access controls "
        "in accordance with Department of the Treasury and United States Mint policies and "
        "procedures. Access to electronic records is restricted to authorized personnel, and is "
        "subject to multiple security controls, including an access-approval process, unique "
        "user identifier, user authentication and account management, and password "
        "management. Only those individuals requiring the information to accommodate handling "
        "of transactions with the customers, or otherwise with a need to know the information "
        "for the performance of their official duties, can access information pertaining to an "
        "individual.",
    ),
    retention_rules=(
        # Retention and disposal: not republished (omitted, "* * * * *").
        RetentionRule(
            key="not_published",
            applies_to=ALL_CATEGORIES,
            period=None,
            anchor=RetentionAnchor.CREATED,
            source_text="The notice of altered system does not republish its retention and "
            "disposal section (marked * * * * *): no retention period, and so no disposition "
            "authority, is published.",
        ),
    ),
    disposal=NOT_REPUBLISHED,
    notification_procedure=(
        "Requests from individuals wishing to be notified if they are currently named in this "
        "system of records, or seeking access to any record contained in the system of records, "
        "or seeking to contest its content, should be addressed to the “System Manager and "
        "Address” described above. Requests may be made in accordance with instructions "
        "appearing at 31 CFR Part 1, subpart C, appendix H. Requests for information or "
        "specific guidance on where to send records requests should be addressed to the "
        "following official: Disclosure Officer, United States Mint, 801 9th Street, NW, "
        "Washington DC 20220. Individuals who have previously registered on the bureau’s Web "
        "site for a customer account or electronic product notifications may access their "
        "system records online by authenticating with their valid username and password. "
        "Individuals making requests and inquiries concerning their system records must provide "
        "identification to include their name, address, telephone number, customer "
        "identification number and order number (or a combination of identifying information "
        "including order information depending on the request) which must be successfully "
        "validated in the system."
    ),
    record_access_procedure=(
        "See Notification Procedure above (the notice's notification procedure covers access "
        "and contest requests)."
    ),
    contesting_procedure=(
        "See Notification Procedure above (the notice's notification procedure covers access "
        "and contest requests)."
    ),
    history=(
        "August 20, 2014, FR Doc. 2014-19712 (notice of proposed alteration)",
        "January 8, 2013, 78 FR 1307 at 1314 (inventory, as Retail Sales System)",
    ),
    editorial_notes=(
        "This is a notice of altered system: it republishes only the sections it changes (system "
        "name, location, categories of individuals, categories of records, purpose(s), "
        "retrievability, safeguards, record source categories, notification procedure) and "
        "marks the unchanged sections it omits with '* * * * *'. Omitted sections are not "
        "filled in from the earlier Retail Sales System notice, which is not among the sources; "
        "they say they were not republished.",
        "Authority: not republished. The supplementary information cites 31 U.S.C. 5111(a)(3) "
        "and 5136 for the bureau's numismatic sales operations; that is quoted in the "
        "authority field but is not the notice's authority section.",
        "Routine uses, storage, system manager and address, and disposal: not republished; "
        "their fields say so. The notification procedure refers requests to the 'System "
        "Manager and Address' described above, which this notice does not contain.",
        "Retention and disposal: not republished. The single rule 'not_published' has no period "
        "and so no disposition authority: nothing in this system is destroyed automatically. "
        "Its anchor (the record's own date) is a placeholder the schema requires; with no period "
        "it counts nothing.",
        "Record access and contesting procedures: not republished as sections of their own. The "
        "notification procedure covers requests 'seeking access to any record' and 'seeking to "
        "contest its content', so both fields refer to it.",
        "Security classification and exemptions: not in the notice; left empty.",
        "Purposes: the notice publishes one sentence, 'The purpose of this system is to permit "
        "the United States Mint to perform the following:' followed by clauses separated by "
        "semicolons. Each clause is a numbered purpose, verbatim, without the separating "
        "semicolon, the list-joining 'and' before the last clause and the closing full stop.",
        "Categories of records are lettered (a) to (f) without headings; numbers 1 to 6 are the "
        "letters' positions. The short names are editorial, taken from the notice's own "
        "summary of changes ('chat and phone call records', 'gift recipient names and delivery "
        "information', 'audit logs and system access records'); the description is the whole "
        "item, verbatim, without the list-joining semicolon or '; and'. Item (d) ('... market "
        "segmentation is collected for ...') is kept as published.",
        "The notice's description-of-changes lines under Purpose(s) and Notification Procedure "
        "say 'the categories of records in the system will read as follows' and 'the record "
        "source section will read as follows'; the text that follows each is the purpose and "
        "the notification procedure respectively, and is transcribed as such.",
        "Retrievability: one path; 'customer number or order number' gives two identifiers, "
        "'whether or not the account is flagged' the identifier 'flagged', 'any internal "
        "identification number that may be assigned to the request' 'internal_request_id', and "
        "'employee, government contractor and subcontractor employee user identification' "
        "'staff_user_id'.",
        "History: the notice has no history section; the entries are this notice and the "
        "inventory its supplementary information cites.",
    ),
    # The notification procedure sends requests to the "System Manager and Address"
    # described above, which this notice omits; the address it does publish is the
    # Disclosure Officer's. The public page says both where the procedure is shown.
    unpublished_references=(
        UnpublishedReference(
            section="notification_procedure",
            refers_to="“System Manager and Address” described above",
            missing="system_managers",
            instead_for="Requests for information or specific guidance on where to send records "
            "requests",
            instead="Disclosure Officer, United States Mint, 801 9th Street, NW, Washington DC "
            "20220",
        ),
    ),
    source_document="treasury-mint-009-order-management-system.txt",
    extra={
        "purpose_lead_in": (
            "The purpose of this system is to permit the United States Mint to perform the "
            "following:"
        ),
    },
)
