"""Statuses and kinds of the order records of USPS 810.300 and Treasury/Mint .009."""

from django.db import models

# ---------------------------------------------------------------------------------------
# Shared by both systems
# ---------------------------------------------------------------------------------------


class OrderStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    PROCESSING = "processing", "Processing"
    ON_HOLD = "on_hold", "On hold (verification)"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"
    RETURNED = "returned", "Returned"


class CardType(models.TextChoices):
    # USPS 810.300 payment information: "Credit and/or debit card number, type, ..."
    CREDIT = "credit", "Credit"
    DEBIT = "debit", "Debit"


# ---------------------------------------------------------------------------------------
# USPS 810.300, Offline Registration, Payment, and Fulfillment
# ---------------------------------------------------------------------------------------


class OfflineChannel(models.TextChoices):
    """The offline means by which customers order and pay (USPS 810.300, categories of
    individuals: "place orders and/or make payment ... via offline means")."""

    MAIL = "mail", "Mail"
    PHONE = "phone", "Phone (call center)"
    IN_PERSON = "in_person", "In person (Post Office)"
    FAX = "fax", "Fax"


class OfflinePaymentMethod(models.TextChoices):
    # USPS 810.300 payment information: card; check; money order. ACH has a model of its
    # own because its retention clock differs (ACHRecord).
    CARD = "card", "Credit or debit card"
    CHECK = "check", "Check"
    MONEY_ORDER = "money_order", "Money order"


class ACHStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    SETTLED = "settled", "Settled"
    RETURNED = "returned", "Returned"


class InquiryChannel(models.TextChoices):
    MAIL = "mail", "Mail"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    EMAIL = "email", "E-mail"


class ClaimStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    UNDER_REVIEW = "under_review", "Under review"
    REPLACED = "replaced", "Replaced"
    REFUNDED = "refunded", "Refunded"
    DENIED = "denied", "Denied"


CLAIM_CLOSED = (ClaimStatus.REPLACED, ClaimStatus.REFUNDED, ClaimStatus.DENIED)


class BadCheckStatus(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    CLEARED = "cleared", "Cleared"


class ReferralMethod(models.TextChoices):
    """USPS 810.300 customer feedback: "Method of referral" (how the customer came to us)."""

    POST_OFFICE = "post_office", "Post Office"
    CATALOG = "catalog", "Printed catalog"
    DIRECT_MAIL = "direct_mail", "Direct mail"
    USPS_COM = "usps_com", "usps.com"
    FRIEND = "friend", "Friend or family"
    ADVERTISEMENT = "advertisement", "Advertisement"
    COLLECTOR_CLUB = "collector_club", "Stamp collecting club"
    OTHER = "other", "Other"


# ---------------------------------------------------------------------------------------
# Treasury/United States Mint .009, Order Management System
# ---------------------------------------------------------------------------------------


class MintChannel(models.TextChoices):
    # Mint .009 (b): "purchased numismatic items online, by phone, in person or by mail order"
    ONLINE = "online", "Online"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    MAIL = "mail", "Mail order"


class FlagReason(models.TextChoices):
    # Mint .009 retrievability: "whether or not the account is flagged (such as due to an
    # unusual quantity ordered or an order requiring verification for processing and
    # completion)".
    UNUSUAL_QUANTITY = "unusual_quantity", "Unusual quantity ordered"
    VERIFICATION_REQUIRED = "verification_required", "Requires verification"
    OTHER = "other", "Other"


class ProductCategory(models.TextChoices):
    PROOF_SETS = "proof_sets", "Proof sets"
    UNCIRCULATED = "uncirculated", "Uncirculated coins and sets"
    COMMEMORATIVE = "commemorative", "Commemorative coins"
    BULLION = "bullion", "Bullion coins"
    MEDALS = "medals", "Medals"
    CIRCULATING = "circulating", "Circulating coin rolls and bags"
    GIFTS = "gifts", "Gifts and accessories"


class Carrier(models.TextChoices):
    USPS = "usps", "USPS"
    UPS = "ups", "UPS"
    FEDEX = "fedex", "FedEx"


class ShipmentStatus(models.TextChoices):
    IN_TRANSIT = "in_transit", "In transit"
    DELIVERED = "delivered", "Delivered"
    UNDELIVERABLE = "undeliverable", "Undeliverable"
    RETURNED = "returned", "Returned to sender"


class UndeliveredReason(models.TextChoices):
    # Mint .009 purpose 7: "research and resolve orders that were not successfully delivered"
    ADDRESS_UNKNOWN = "address_unknown", "Address unknown or incomplete"
    REFUSED = "refused", "Refused by recipient"
    DAMAGED = "damaged", "Damaged in transit"
    LOST = "lost", "Lost in transit"
    UNCLAIMED = "unclaimed", "Unclaimed"


class UndeliveredResolution(models.TextChoices):
    PENDING = "pending", "Pending research"
    RESHIPPED = "reshipped", "Reshipped"
    ADDRESS_CORRECTED = "address_corrected", "Address corrected and reshipped"
    REFUNDED = "refunded", "Refunded"
    CANCELLED = "cancelled", "Cancelled"


class EmployerType(models.TextChoices):
    # Mint .009 (a): "Federal employees, employees of government contractors and
    # subcontractors".
    FEDERAL = "federal", "Federal employee"
    CONTRACTOR = "contractor", "Contractor employee"
    SUBCONTRACTOR = "subcontractor", "Subcontractor employee"


class SystemAction(models.TextChoices):
    # Mint .009 (a): "audit logs and records of their system access".
    LOGON = "logon", "Logon"
    LOGOFF = "logoff", "Logoff"
    VIEW_CUSTOMER = "view_customer", "Viewed a customer"
    VIEW_ORDER = "view_order", "Viewed an order"
    UPDATE_ORDER = "update_order", "Updated an order"
    EXPORT = "export", "Exported records"
    FAILED_LOGON = "failed_logon", "Failed logon"


class CallDirection(models.TextChoices):
    INBOUND = "inbound", "Inbound"
    OUTBOUND = "outbound", "Outbound"


class BrowsingEventType(models.TextChoices):
    PAGE_VIEW = "page_view", "Page viewed"
    PRODUCT_VIEW = "product_view", "Product viewed"
    SEARCH = "search", "Catalog search"
    ADD_TO_CART = "add_to_cart", "Added to cart"


class MarketSegment(models.TextChoices):
    """Mint .009 (d) "market segmentation" and purpose 3: the segments the derived-data
    applications assign."""

    NEW_COLLECTOR = "new_collector", "New collector"
    PROOF_SET_BUYER = "proof_set_buyer", "Proof set buyer"
    BULLION_INVESTOR = "bullion_investor", "Bullion investor"
    GIFT_GIVER = "gift_giver", "Gift giver"
    SUBSCRIBER = "subscriber", "Newsletter subscriber"
    LAPSED = "lapsed", "Lapsed customer"
    HIGH_VALUE = "high_value", "High-value customer"


class PreferenceLevel(models.TextChoices):
    INTERESTED = "interested", "Interested"
    VERY_INTERESTED = "very_interested", "Very interested"
    NOT_INTERESTED = "not_interested", "Not interested"


class PreferenceSource(models.TextChoices):
    DECLARED = "declared", "Declared by the customer"
    DERIVED = "derived", "Derived from orders and browsing"


# The device-settings attributes the online catalog records (Mint .009 (d) "device
# settings"); anything else is refused so nothing unpublished slips in.
DEVICE_SETTING_KEYS = frozenset(
    {
        "browser",
        "color_depth",
        "cookies_enabled",
        "language",
        "os",
        "screen",
        "timezone",
        "user_agent",
    }
)

# An order line above this quantity flags the order for review (Mint .009
# retrievability: "flagged ... due to an unusual quantity ordered").
UNUSUAL_QUANTITY = 20
