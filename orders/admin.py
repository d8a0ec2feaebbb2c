"""Staff views of the order records. Change lists show clear identifiers, dates and
statuses; encrypted values only masked. Search: clear identifiers (order, tracking and
request numbers, user IDs) through `search_fields`, names and pages through the blind
indexes (RecordAdmin). People are picked by raw ID: there are 100,000 of them."""

from django.contrib import admin

from access.admin import RecordAdmin, RecordTabularInline
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


class PersonRecordAdmin(RecordAdmin):
    """A record about a customer: the person (and the order) picked by raw ID."""

    list_select_related = ["person"]
    raw_id_fields = ["person", "order"]


# ---------------------------------------------------------------------------------------
# USPS 810.300
# ---------------------------------------------------------------------------------------


class OfflineOrderItemInline(RecordTabularInline):
    model = OfflineOrderItem
    extra = 0
    raw_id_fields = ["person"]


@admin.register(OfflineOrder)
class OfflineOrderAdmin(PersonRecordAdmin):
    list_display = ["order_number", "person", "placed_on", "channel", "status", "recurring"]
    list_filter = ["status", "channel", "recurring"]
    search_fields = ["order_number"]
    raw_id_fields = ["person"]
    inlines = [OfflineOrderItemInline]


@admin.register(OfflineOrderItem)
class OfflineOrderItemAdmin(PersonRecordAdmin):
    list_display = ["order", "product_service_id", "quantity", "unit_price", "ordered_on"]
    list_select_related = ["order"]
    search_fields = ["order__order_number", "product_service_id"]


@admin.register(OfflinePayment)
class OfflinePaymentAdmin(PersonRecordAdmin):
    list_display = [
        "order",
        "person",
        "method",
        "amount",
        "paid_on",
        "card_brand",
        "card_last_four",
        "check_number",
        "money_order_number",
    ]
    list_filter = ["method", "card_brand", "card_type"]
    list_select_related = ["person", "order"]
    search_fields = ["order__order_number", "check_number", "money_order_number"]


@admin.register(ACHRecord)
class ACHRecordAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "person",
        "debit_date",
        "amount",
        "account_type",
        "status",
        "bank_account_number",
    ]
    list_filter = ["status", "account_type"]


@admin.register(OfflineShipment)
class OfflineShipmentAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "order",
        "product_service_id",
        "shipped_on",
        "recipient_state",
        "recipient_name",
    ]
    list_filter = ["recipient_state"]
    list_select_related = ["order"]
    search_fields = ["order__order_number", "product_service_id"]


@admin.register(OrderStatusInquiry)
class OrderStatusInquiryAdmin(PersonRecordAdmin):
    list_display = ["id", "person", "order", "inquired_on", "channel"]
    list_filter = ["channel"]
    list_select_related = ["person", "order"]
    search_fields = ["order__order_number"]


@admin.register(DefectiveMerchandiseClaim)
class DefectiveMerchandiseClaimAdmin(PersonRecordAdmin):
    list_display = ["id", "order", "product_service_id", "submitted_on", "status", "resolved_on"]
    list_filter = ["status"]
    list_select_related = ["order"]
    search_fields = ["order__order_number", "product_service_id"]


@admin.register(BadCheckEntry)
class BadCheckEntryAdmin(RecordAdmin):
    list_display = ["check_number", "person", "amount", "returned_on", "status", "cleared_on"]
    list_filter = ["status"]
    list_select_related = ["person"]
    raw_id_fields = ["person", "payment"]
    search_fields = ["check_number"]


@admin.register(ReferralFeedback)
class ReferralFeedbackAdmin(PersonRecordAdmin):
    list_display = ["id", "person", "method", "recorded_on"]
    list_filter = ["method"]


# ---------------------------------------------------------------------------------------
# Treasury/Mint .009
# ---------------------------------------------------------------------------------------


@admin.register(MintStaffUser)
class MintStaffUserAdmin(RecordAdmin):
    list_display = [
        "user_id",
        "name",
        "employer_type",
        "access_granted_on",
        "access_revoked_on",
    ]
    list_filter = ["employer_type"]
    search_fields = ["user_id"]


@admin.register(MintSystemAccess)
class MintSystemAccessAdmin(RecordAdmin):
    list_display = ["accessed_at", "staff_user", "action", "object_reference"]
    list_filter = ["action"]
    list_select_related = ["staff_user"]
    raw_id_fields = ["staff_user"]
    search_fields = ["staff_user__user_id", "object_reference"]


@admin.register(Product)
class ProductAdmin(RecordAdmin):
    list_display = [
        "product_code",
        "name",
        "category",
        "price",
        "inventory_on_hand",
        "units_sold",
        "mintage_limit",
        "released_on",
    ]
    list_filter = ["category"]
    search_fields = ["product_code", "name"]


class MintOrderLineInline(RecordTabularInline):
    model = MintOrderLine
    extra = 0
    raw_id_fields = ["person", "product"]


@admin.register(MintOrder)
class MintOrderAdmin(PersonRecordAdmin):
    list_display = [
        "order_number",
        "internal_request_id",
        "person",
        "order_date",
        "channel",
        "status",
        "flagged",
        "flag_reason",
        "handled_by",
    ]
    list_filter = ["status", "channel", "flagged", "flag_reason"]
    list_select_related = ["person", "handled_by"]
    raw_id_fields = ["person", "handled_by"]
    search_fields = ["order_number", "internal_request_id", "handled_by__user_id"]
    inlines = [MintOrderLineInline]


@admin.register(MintOrderLine)
class MintOrderLineAdmin(PersonRecordAdmin):
    list_display = ["order", "product", "quantity", "unit_price", "ordered_on"]
    list_filter = ["product__category"]
    list_select_related = ["order", "product"]
    raw_id_fields = ["person", "order", "product"]
    search_fields = ["order__order_number", "product__product_code"]


@admin.register(MintPayment)
class MintPaymentAdmin(PersonRecordAdmin):
    list_display = ["order", "person", "amount", "paid_on", "card_brand", "card_last_four"]
    list_filter = ["card_brand", "card_type"]
    list_select_related = ["person", "order"]
    search_fields = ["order__order_number"]


@admin.register(GiftRecipient)
class GiftRecipientAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "order",
        "recorded_on",
        "recipient_state",
        "recipient_name",
    ]
    list_filter = ["recipient_state"]
    list_select_related = ["order"]
    search_fields = ["order__order_number"]


@admin.register(MintShipment)
class MintShipmentAdmin(PersonRecordAdmin):
    list_display = ["tracking_number", "order", "carrier", "shipped_on", "delivered_on", "status"]
    list_filter = ["carrier", "status"]
    list_select_related = ["order"]
    raw_id_fields = ["person", "order", "gift_recipient"]
    search_fields = ["tracking_number", "order__order_number"]


@admin.register(UndeliveredOrder)
class UndeliveredOrderAdmin(PersonRecordAdmin):
    list_display = [
        "internal_request_id",
        "order",
        "reported_on",
        "reason",
        "resolution",
        "resolved_on",
    ]
    list_filter = ["reason", "resolution"]
    list_select_related = ["order"]
    raw_id_fields = ["person", "order", "shipment"]
    search_fields = ["internal_request_id", "order__order_number"]


@admin.register(MintChatTranscript)
class MintChatTranscriptAdmin(PersonRecordAdmin):
    list_display = ["id", "internal_request_id", "person", "handled_by", "started_at", "ended_at"]
    list_select_related = ["person", "handled_by"]
    raw_id_fields = ["person", "order", "handled_by"]
    search_fields = ["internal_request_id", "handled_by__user_id"]


@admin.register(MintPhoneCall)
class MintPhoneCallAdmin(PersonRecordAdmin):
    list_display = [
        "id",
        "internal_request_id",
        "person",
        "handled_by",
        "called_at",
        "direction",
        "duration_seconds",
    ]
    list_filter = ["direction"]
    list_select_related = ["person", "handled_by"]
    raw_id_fields = ["person", "order", "handled_by"]
    search_fields = ["internal_request_id", "handled_by__user_id"]


@admin.register(BrowsingEvent)
class BrowsingEventAdmin(RecordAdmin):
    list_display = [
        "id",
        "person",
        "occurred_at",
        "event_type",
        "product",
        "session_id",
        "ip_address",
    ]
    list_filter = ["event_type"]
    list_select_related = ["person", "product"]
    raw_id_fields = ["person", "product"]
    search_fields = ["session_id", "product__product_code"]


@admin.register(MarketSegmentMembership)
class MarketSegmentMembershipAdmin(RecordAdmin):
    list_display = ["person", "segment", "assigned_on"]
    list_filter = ["segment"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(ProductPreference)
class ProductPreferenceAdmin(RecordAdmin):
    list_display = ["person", "product_category", "preference", "source", "recorded_on"]
    list_filter = ["product_category", "preference", "source"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]
