"""Treasury/Mint .009 (d): "Tracked Web browsing and behavioral information, IP addresses,
device settings, market segmentation", collected for registered account holders,
purchasers and newsletter subscribers who opted in (purpose 3); and (b) "product ...
preferences". Retrieval by "product preferences, market segmentation categories, bureau
online catalog browsing behavioral information".

Retention: not republished in the notice of altered system; nothing destroyed
automatically.
"""

from __future__ import annotations

from django.core.validators import validate_ipv46_address
from django.db import models
from django.utils import timezone

from keystore.fields import BlindIndexField, EncryptedRecord, EncryptedTextField
from orders.constants import (
    BrowsingEventType,
    MarketSegment,
    PreferenceLevel,
    PreferenceSource,
    ProductCategory,
)
from orders.models.common import raise_if
from orders.models.mint_orders import Product
from orders.validators import validate_catalog_path, validate_device_settings

PERSON = "customers.Person"


class BrowsingEvent(EncryptedRecord):
    """One tracked event in the bureau online catalog. The page (which may carry search
    terms), the IP address and the device settings are encrypted; the product viewed is a
    link to the catalogue, kept clear so "browsing behavioral information" can be
    retrieved and counted by product."""

    person = models.ForeignKey(
        PERSON, on_delete=models.CASCADE, related_name="mint_browsing_events"
    )
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The catalog's random session token: links a visit's events, says nothing itself.
    session_id = models.CharField("session ID", max_length=64, db_index=True)
    event_type = models.CharField(max_length=14, choices=BrowsingEventType.choices)
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    page_path = EncryptedTextField(max_length=500, validators=[validate_catalog_path])
    page_index = BlindIndexField(source="page_path", kind="identifier")
    ip_address = EncryptedTextField(
        "IP address", max_length=45, validators=[validate_ipv46_address]
    )
    # A JSON object of the published device-setting attributes (constants.DEVICE_SETTING_KEYS).
    device_settings = EncryptedTextField(max_length=2000, validators=[validate_device_settings])

    class Meta:
        verbose_name = "browsing event"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.event_type == BrowsingEventType.PRODUCT_VIEW and not self.product_id:
            errors["product"] = "A product view names the product viewed."
        if not self.page_path:
            errors["page_path"] = "Enter the page viewed."
        raise_if(errors)


class MarketSegmentMembership(EncryptedRecord):
    """A person's place in a market segment (Mint .009 (d) "market segmentation";
    purpose 3), assigned by the derived-data applications (record source categories)."""

    person = models.ForeignKey(
        PERSON, on_delete=models.CASCADE, related_name="mint_market_segments"
    )
    segment = models.CharField(max_length=20, choices=MarketSegment.choices, db_index=True)
    assigned_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = "market segment membership"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "segment"], name="orders_one_membership_per_segment"
            )
        ]


class ProductPreference(EncryptedRecord):
    """Mint .009 (b) "product ... preferences": a customer's interest in a product
    category, declared or derived."""

    person = models.ForeignKey(
        PERSON, on_delete=models.CASCADE, related_name="mint_product_preferences"
    )
    product_category = models.CharField(
        max_length=16, choices=ProductCategory.choices, db_index=True
    )
    preference = models.CharField(max_length=16, choices=PreferenceLevel.choices)
    source = models.CharField(max_length=10, choices=PreferenceSource.choices)
    recorded_on = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = "product preference"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "product_category"], name="orders_one_preference_per_category"
            )
        ]
