"""The order records of two systems, one module per concept; every model belongs to one
system:

- `offline`: USPS 810.300, Offline Registration, Payment, and Fulfillment;
- `mint_staff`, `mint_orders`, `mint_service`, `mint_browsing`: Treasury/United States
  Mint .009, Order Management System.
"""

from orders.models.mint_browsing import BrowsingEvent, MarketSegmentMembership, ProductPreference
from orders.models.mint_orders import (
    GiftRecipient,
    MintOrder,
    MintOrderLine,
    MintPayment,
    MintShipment,
    Product,
    UndeliveredOrder,
)
from orders.models.mint_service import MintChatTranscript, MintPhoneCall
from orders.models.mint_staff import MintStaffUser, MintSystemAccess
from orders.models.offline import (
    ACHRecord,
    BadCheckEntry,
    DefectiveMerchandiseClaim,
    OfflineOrder,
    OfflineOrderItem,
    OfflinePayment,
    OfflineShipment,
    OrderStatusInquiry,
    ReferralFeedback,
)

__all__ = [
    "ACHRecord",
    "BadCheckEntry",
    "BrowsingEvent",
    "DefectiveMerchandiseClaim",
    "GiftRecipient",
    "MarketSegmentMembership",
    "MintChatTranscript",
    "MintOrder",
    "MintOrderLine",
    "MintPayment",
    "MintPhoneCall",
    "MintShipment",
    "MintStaffUser",
    "MintSystemAccess",
    "OfflineOrder",
    "OfflineOrderItem",
    "OfflinePayment",
    "OfflineShipment",
    "OrderStatusInquiry",
    "Product",
    "ProductPreference",
    "ReferralFeedback",
    "UndeliveredOrder",
]
