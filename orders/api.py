"""/api/v1/orders/ (USPS 810.300 offline orders) and /api/v1/mint-orders/ (Treasury/Mint
.009 orders), each with its payments, through the policy gate.

Both resources are generated (`access.resources`), with the retrieval filters their
notices list; this says what the registry cannot: the offline orders' name, the
payments each carries nested, and that they take PATCH."""

from __future__ import annotations

from access.resources import customise
from orders.models import MintOrder, MintPayment, OfflineOrder, OfflinePayment

customise(OfflineOrder, name="orders", nested={"payments": OfflinePayment}, writable=True)
customise(MintOrder, nested={"payments": MintPayment}, writable=True)
