"""Classification of the order records, field by field, under the category of records
their own notice publishes. Every model belongs to one system: USPS 810.300 (offline
orders) or Treasury/Mint .009 (the Order Management System).

`record` names the category (or, for ACH, the record kind) whose retention rule governs
the row; `dated_by` its own date. USPS 810.300: ACH records 2 years from their own date;
every other record 3 years after the customer relationship ends. Mint .009: no retention
period republished, so no disposition authority.
"""

from orders.models import (
    ACHRecord,
    BadCheckEntry,
    BrowsingEvent,
    DefectiveMerchandiseClaim,
    GiftRecipient,
    MarketSegmentMembership,
    MintChatTranscript,
    MintOrder,
    MintOrderLine,
    MintPayment,
    MintPhoneCall,
    MintShipment,
    MintStaffUser,
    MintSystemAccess,
    OfflineOrder,
    OfflineOrderItem,
    OfflinePayment,
    OfflineShipment,
    OrderStatusInquiry,
    Product,
    ProductPreference,
    ReferralFeedback,
    UndeliveredOrder,
)
from sorn.classification import FieldClassification as F
from sorn.classification import internal, registry
from sorn.constants import DataClass as D

USPS = "usps-810-300"
MINT = "mint-009"

# Row identity and links between records, in every model of a system's own.
LINKS = {"id": internal(), "person": internal(), "order": internal()}


def card_fields(category: str) -> dict[str, F]:
    """The PaymentCard fields: USPS 810.300 "Credit and/or debit card number, type, and
    expiration date"; Mint .009 (b) "credit card information"."""
    return {
        "data_key_id": internal(),
        "card_number": F(D.FINANCIAL_CARD, category, encrypted=True),
        # The card summary (brand, last four, expiry) is kept in clear so staff recognise
        # the card (keystore/payments.py): a billing fact, not the card number.
        "card_brand": F(D.FINANCIAL, category),
        "card_type": F(D.FINANCIAL, category),
        "card_last_four": F(D.FINANCIAL, category),
        "card_expiry_month": F(D.FINANCIAL, category),
        "card_expiry_year": F(D.FINANCIAL, category),
    }


# ---------------------------------------------------------------------------------------
# USPS 810.300
# ---------------------------------------------------------------------------------------

# Orders: the records the order-processing category's inquiries, claims and bad checks
# are about; the order number is the notice's retrieval identifier.
ORDER = "order_processing"
registry.register(
    OfflineOrder,
    systems=USPS,
    record=ORDER,
    dated_by="placed_on",
    fields={
        "data_key_id": internal(),
        "id": internal(),
        "person": internal(),
        "order_number": F(D.IDENTIFIER, ORDER, searchable=True),
        "placed_on": F(D.ORDER, ORDER),
        "status": F(D.ORDER, ORDER),
        "channel": F(D.ORDER, ORDER),
        # Purpose 4: recurring ordering and payment services.
        "recurring": F(D.ORDER, ORDER),
    },
)

# Shipping information: "Product and/or service ID number".
SHIPPING = "shipping_information"
registry.register(
    OfflineOrderItem,
    systems=USPS,
    record=SHIPPING,
    dated_by="ordered_on",
    fields={
        "data_key_id": internal(),
        **LINKS,
        "product_service_id": F(D.ORDER, SHIPPING),
        "quantity": F(D.ORDER, ORDER),
        "unit_price": F(D.FINANCIAL, "payment_information"),
        "ordered_on": F(D.ORDER, ORDER),
    },
)

PAYMENT = "payment_information"
registry.register(
    OfflinePayment,
    systems=USPS,
    record=PAYMENT,
    dated_by="paid_on",
    fields={
        **LINKS,
        **card_fields(PAYMENT),
        "method": F(D.FINANCIAL, PAYMENT),
        "amount": F(D.FINANCIAL, PAYMENT),
        "paid_on": F(D.FINANCIAL, PAYMENT),
        # "billing name and address"
        "billing_name": F(D.NAME, PAYMENT, encrypted=True),
        "billing_address": F(D.ADDRESS, PAYMENT, encrypted=True),
        # "check"
        "check_number": F(D.FINANCIAL_BANK, PAYMENT),
        "bank_routing_number": F(D.FINANCIAL_BANK, PAYMENT, encrypted=True),
        "bank_account_number": F(D.FINANCIAL_BANK, PAYMENT, encrypted=True),
        # "money order"
        "money_order_number": F(D.FINANCIAL, PAYMENT),
    },
)

# "ACH information", under the record kind "ach": retained up to 2 years.
registry.register(
    ACHRecord,
    systems=USPS,
    record="ach",
    dated_by="debit_date",
    fields={
        **LINKS,
        "data_key_id": internal(),
        "account_holder_name": F(D.NAME, PAYMENT, encrypted=True),
        "bank_routing_number": F(D.FINANCIAL_BANK, PAYMENT, encrypted=True),
        "bank_account_number": F(D.FINANCIAL_BANK, PAYMENT, encrypted=True),
        "account_type": F(D.FINANCIAL_BANK, PAYMENT),
        "amount": F(D.FINANCIAL, PAYMENT),
        "debit_date": F(D.FINANCIAL, PAYMENT),
        "status": F(D.FINANCIAL, PAYMENT),
    },
)

# "Product and/or service ID number, name and address of recipient".
RECIPIENT_ADDRESS = F(D.ADDRESS, SHIPPING, encrypted=True)
registry.register(
    OfflineShipment,
    systems=USPS,
    record=SHIPPING,
    dated_by="shipped_on",
    fields={
        **LINKS,
        "data_key_id": internal(),
        "product_service_id": F(D.ORDER, SHIPPING),
        "recipient_name": F(D.NAME, SHIPPING, encrypted=True),
        "recipient_street": RECIPIENT_ADDRESS,
        "recipient_city": RECIPIENT_ADDRESS,
        "recipient_state": F(D.ADDRESS, SHIPPING),
        "recipient_postal_code": RECIPIENT_ADDRESS,
        "shipped_on": F(D.ORDER, SHIPPING),
    },
)

# Order processing: "Inquiries on status of orders".
registry.register(
    OrderStatusInquiry,
    systems=USPS,
    record=ORDER,
    dated_by="inquired_on",
    fields={
        **LINKS,
        "data_key_id": internal(),
        "inquired_on": F(D.ORDER, ORDER),
        "channel": F(D.ORDER, ORDER),
        "note": F(D.COMMUNICATION, ORDER, encrypted=True),
    },
)

# Order processing: "claims submitted for defective merchandise".
registry.register(
    DefectiveMerchandiseClaim,
    systems=USPS,
    record=ORDER,
    dated_by="submitted_on",
    fields={
        **LINKS,
        "data_key_id": internal(),
        "product_service_id": F(D.ORDER, ORDER),
        "submitted_on": F(D.ORDER, ORDER),
        "description": F(D.COMMUNICATION, ORDER, encrypted=True),
        "status": F(D.ORDER, ORDER),
        "resolved_on": F(D.ORDER, ORDER),
    },
)

# Order processing: "lists of individuals who have submitted bad checks".
registry.register(
    BadCheckEntry,
    systems=USPS,
    record=ORDER,
    dated_by="returned_on",
    fields={
        "data_key_id": internal(),
        "id": internal(),
        "person": internal(),
        "payment": internal(),
        "check_number": F(D.FINANCIAL_BANK, ORDER),
        "amount": F(D.FINANCIAL, ORDER),
        "returned_on": F(D.FINANCIAL, ORDER),
        "status": F(D.FINANCIAL, ORDER),
        "cleared_on": F(D.FINANCIAL, ORDER),
    },
)

# Customer feedback: "Method of referral".
FEEDBACK = "customer_feedback"
registry.register(
    ReferralFeedback,
    systems=USPS,
    record=FEEDBACK,
    dated_by="recorded_on",
    fields={
        "data_key_id": internal(),
        **LINKS,
        "method": F(D.SURVEY, FEEDBACK),
        "recorded_on": F(D.SURVEY, FEEDBACK),
    },
)

# ---------------------------------------------------------------------------------------
# Treasury/Mint .009
# ---------------------------------------------------------------------------------------

# (a) "Names and user IDs of Federal employees, employees of government contractors and
# subcontractors, and audit logs and records of their system access".
STAFF = "staff_user_access"
registry.register(
    MintStaffUser,
    systems=MINT,
    # About staff, not customers: no person row; found by user ID (Mint .009 (a)).
    reference=True,
    record=STAFF,
    dated_by="access_granted_on",
    fields={
        "id": internal(),
        "data_key_id": internal(),
        "name": F(D.STAFF, STAFF, encrypted=True),
        "name_index": F(D.STAFF, STAFF, searchable=True),
        "user_id": F(D.STAFF, STAFF, searchable=True),
        "employer_type": F(D.STAFF, STAFF),
        "access_granted_on": F(D.SECURITY_LOG, STAFF),
        "access_revoked_on": F(D.SECURITY_LOG, STAFF),
    },
)
registry.register(
    MintSystemAccess,
    systems=MINT,
    reference=True,
    record=STAFF,
    dated_by="accessed_at",
    fields={
        "id": internal(),
        "staff_user": internal(),
        "accessed_at": F(D.SECURITY_LOG, STAFF),
        "action": F(D.SECURITY_LOG, STAFF),
        "object_reference": F(D.SECURITY_LOG, STAFF),
    },
)

# (b) "Customer names, billing and shipping addresses, ..., payment, ... credit card
# information, product and communication preferences, order history".
CUSTOMER_ORDER = "customer_order_information"

# The product catalogue is reference data, not about anyone; the notice publishes it as
# the subject of purpose 8 ("maintain a list of its products and monitor ... inventory
# levels ... within mandated mintage levels") and of (b) "order history", whose lines name
# its products. No other category fits; the notice publishes no retention for it either.
registry.register(
    Product,
    systems=MINT,
    reference=True,
    record=CUSTOMER_ORDER,
    dated_by="released_on",
    fields={
        "id": internal(),
        "product_code": F(D.ORDER, CUSTOMER_ORDER, searchable=True),
        "name": F(D.ORDER, CUSTOMER_ORDER),
        "category": F(D.ORDER, CUSTOMER_ORDER),
        "price": F(D.ORDER, CUSTOMER_ORDER),
        "inventory_on_hand": F(D.ORDER, CUSTOMER_ORDER),
        "mintage_limit": F(D.ORDER, CUSTOMER_ORDER),
        "units_sold": F(D.ORDER, CUSTOMER_ORDER),
        "released_on": F(D.ORDER, CUSTOMER_ORDER),
    },
)

registry.register(
    MintOrder,
    systems=MINT,
    record=CUSTOMER_ORDER,
    dated_by="order_date",
    fields={
        "data_key_id": internal(),
        "id": internal(),
        "person": internal(),
        "handled_by": internal(),
        # Retrieval: "customer number or order number, order date, whether or not the
        # account is flagged ..., any internal identification number ...".
        "order_number": F(D.IDENTIFIER, CUSTOMER_ORDER, searchable=True),
        "order_date": F(D.ORDER, CUSTOMER_ORDER, searchable=True),
        "internal_request_id": F(D.IDENTIFIER, CUSTOMER_ORDER, searchable=True),
        "channel": F(D.ORDER, CUSTOMER_ORDER),
        "status": F(D.ORDER, CUSTOMER_ORDER),
        "flagged": F(D.ORDER, CUSTOMER_ORDER, searchable=True),
        "flag_reason": F(D.ORDER, CUSTOMER_ORDER),
    },
)

registry.register(
    MintOrderLine,
    systems=MINT,
    record=CUSTOMER_ORDER,
    dated_by="ordered_on",
    fields={
        "data_key_id": internal(),
        **LINKS,
        "product": internal(),
        "quantity": F(D.ORDER, CUSTOMER_ORDER),
        "unit_price": F(D.ORDER, CUSTOMER_ORDER),
        "ordered_on": F(D.ORDER, CUSTOMER_ORDER),
    },
)

registry.register(
    MintPayment,
    systems=MINT,
    record=CUSTOMER_ORDER,
    dated_by="paid_on",
    fields={
        **LINKS,
        **card_fields(CUSTOMER_ORDER),
        "amount": F(D.FINANCIAL, CUSTOMER_ORDER),
        "paid_on": F(D.FINANCIAL, CUSTOMER_ORDER),
        "cardholder_name": F(D.NAME, CUSTOMER_ORDER, encrypted=True),
    },
)

# (c) "Names, addresses, and delivery information of gift recipients".
GIFT = "gift_recipients"
GIFT_ADDRESS = F(D.ADDRESS, GIFT, encrypted=True)
registry.register(
    GiftRecipient,
    systems=MINT,
    record=GIFT,
    dated_by="recorded_on",
    fields={
        **LINKS,
        "data_key_id": internal(),
        "recipient_name": F(D.NAME, GIFT, encrypted=True),
        "recipient_street": GIFT_ADDRESS,
        "recipient_city": GIFT_ADDRESS,
        "recipient_state": F(D.ADDRESS, GIFT),
        "recipient_postal_code": GIFT_ADDRESS,
        "delivery_instructions": F(D.COMMUNICATION, GIFT, encrypted=True),
        "gift_message": F(D.COMMUNICATION, GIFT, encrypted=True),
        "recorded_on": F(D.ORDER, GIFT),
    },
)

registry.register(
    MintShipment,
    systems=MINT,
    record=CUSTOMER_ORDER,
    dated_by="shipped_on",
    fields={
        "data_key_id": internal(),
        **LINKS,
        "gift_recipient": internal(),
        "carrier": F(D.ORDER, CUSTOMER_ORDER),
        # Retrieval: "shipment tracking number".
        "tracking_number": F(D.IDENTIFIER, CUSTOMER_ORDER, searchable=True),
        "shipped_on": F(D.ORDER, CUSTOMER_ORDER),
        "delivered_on": F(D.ORDER, CUSTOMER_ORDER),
        "status": F(D.ORDER, CUSTOMER_ORDER),
    },
)

# Purpose 7: orders not successfully delivered, researched and resolved; part of the
# customer's order history.
registry.register(
    UndeliveredOrder,
    systems=MINT,
    record=CUSTOMER_ORDER,
    dated_by="reported_on",
    fields={
        **LINKS,
        "data_key_id": internal(),
        "shipment": internal(),
        "internal_request_id": F(D.IDENTIFIER, CUSTOMER_ORDER, searchable=True),
        "reported_on": F(D.ORDER, CUSTOMER_ORDER),
        "reason": F(D.ORDER, CUSTOMER_ORDER),
        "research_notes": F(D.COMMUNICATION, CUSTOMER_ORDER, encrypted=True),
        "resolution": F(D.ORDER, CUSTOMER_ORDER),
        "resolved_on": F(D.ORDER, CUSTOMER_ORDER),
    },
)

# (e) "Notes and transcripts of contractor and subcontractor employees and persons who
# use the online live chat feature".
CHAT = "chat_records"
registry.register(
    MintChatTranscript,
    systems=MINT,
    record=CHAT,
    dated_by="started_at",
    fields={
        **LINKS,
        "data_key_id": internal(),
        "handled_by": internal(),
        "internal_request_id": F(D.IDENTIFIER, CHAT, searchable=True),
        "started_at": F(D.COMMUNICATION, CHAT),
        "ended_at": F(D.COMMUNICATION, CHAT),
        "transcript": F(D.COMMUNICATION, CHAT, encrypted=True),
        "notes": F(D.COMMUNICATION, CHAT, encrypted=True),
    },
)

# (f) "Notes, recordings and transcripts of phone calls".
CALL = "phone_call_records"
registry.register(
    MintPhoneCall,
    systems=MINT,
    record=CALL,
    dated_by="called_at",
    fields={
        **LINKS,
        "data_key_id": internal(),
        "handled_by": internal(),
        "internal_request_id": F(D.IDENTIFIER, CALL, searchable=True),
        "called_at": F(D.COMMUNICATION, CALL),
        "duration_seconds": F(D.COMMUNICATION, CALL),
        "direction": F(D.COMMUNICATION, CALL),
        "notes": F(D.COMMUNICATION, CALL, encrypted=True),
        "transcript": F(D.COMMUNICATION, CALL, encrypted=True),
        "recording_uri": F(D.MEDIA, CALL, encrypted=True),
    },
)

# (d) "Tracked Web browsing and behavioral information, IP addresses, device settings,
# market segmentation".
BEHAVIOUR = "browsing_behavioral"
registry.register(
    BrowsingEvent,
    systems=MINT,
    record=BEHAVIOUR,
    dated_by="occurred_at",
    fields={
        "id": internal(),
        "person": internal(),
        "data_key_id": internal(),
        "occurred_at": F(D.BEHAVIORAL, BEHAVIOUR),
        "session_id": F(D.BEHAVIORAL, BEHAVIOUR),
        "event_type": F(D.BEHAVIORAL, BEHAVIOUR),
        # Retrieval: "bureau online catalog browsing behavioral information".
        "product": F(D.BEHAVIORAL, BEHAVIOUR, searchable=True),
        "page_path": F(D.BEHAVIORAL, BEHAVIOUR, encrypted=True),
        "page_index": F(D.BEHAVIORAL, BEHAVIOUR, searchable=True),
        "ip_address": F(D.TELEMETRY, BEHAVIOUR, encrypted=True),
        "device_settings": F(D.TELEMETRY, BEHAVIOUR, encrypted=True),
    },
)
registry.register(
    MarketSegmentMembership,
    systems=MINT,
    record=BEHAVIOUR,
    dated_by="assigned_on",
    fields={
        "data_key_id": internal(),
        "id": internal(),
        "person": internal(),
        # Retrieval: "market segmentation categories".
        "segment": F(D.BEHAVIORAL, BEHAVIOUR, searchable=True),
        "assigned_on": F(D.BEHAVIORAL, BEHAVIOUR),
    },
)

# (b) "product and communication preferences"; retrieval: "product preferences".
registry.register(
    ProductPreference,
    systems=MINT,
    record=CUSTOMER_ORDER,
    dated_by="recorded_on",
    fields={
        "data_key_id": internal(),
        "id": internal(),
        "person": internal(),
        "product_category": F(D.PREFERENCE, CUSTOMER_ORDER, searchable=True),
        "preference": F(D.PREFERENCE, CUSTOMER_ORDER),
        "source": F(D.PREFERENCE, CUSTOMER_ORDER),
        "recorded_on": F(D.PREFERENCE, CUSTOMER_ORDER),
    },
)
