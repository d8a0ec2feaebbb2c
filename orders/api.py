"""/api/v1/orders/ (USPS 810.300 offline orders) and /api/v1/mint-orders/ (Treasury/Mint
.009 orders), each with its payments, through the policy gate."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from access.api import GatedViewSet, filter_in_clear
from access.policy import restrict_queryset
from access.serializers import GatedModelSerializer
from orders.models import MintOrder, MintPayment, OfflineOrder, OfflinePayment
from orders.models.common import normalize_number


class OfflinePaymentSerializer(GatedModelSerializer):
    class Meta:
        model = OfflinePayment
        fields = "__all__"


class OfflineOrderSerializer(GatedModelSerializer):
    nested = {"payments": OfflinePaymentSerializer}

    class Meta:
        model = OfflineOrder
        fields = "__all__"


class MintPaymentSerializer(GatedModelSerializer):
    class Meta:
        model = MintPayment
        fields = "__all__"


class MintOrderSerializer(GatedModelSerializer):
    nested = {"payments": MintPaymentSerializer}

    class Meta:
        model = MintOrder
        fields = "__all__"


ORDER_NUMBER = OpenApiParameter(
    "order_number", str, description="exact order number (case, spaces and hyphens ignored)"
)


class OrderViewSetMixin:
    payment_model = None
    query_parameters = ("order_number",)

    def get_queryset(self):
        orders = super().get_queryset().order_by("pk")
        number = self.request.query_params.get("order_number")
        if number is not None:
            orders = filter_in_clear(
                self.request.user,
                orders,
                "order_number",
                "order_number",
                order_number=normalize_number(number),
            )
        payments = restrict_queryset(self.request.user, self.payment_model.objects.all())
        return orders.prefetch_related(Prefetch("payments", queryset=payments))


@extend_schema_view(list=extend_schema(parameters=[ORDER_NUMBER]))
class OfflineOrderViewSet(OrderViewSetMixin, GatedViewSet):
    """USPS 810.300 offline orders the requesting user's roles may see."""

    queryset = OfflineOrder.objects.all()
    serializer_class = OfflineOrderSerializer
    payment_model = OfflinePayment


@extend_schema_view(list=extend_schema(parameters=[ORDER_NUMBER]))
class MintOrderViewSet(OrderViewSetMixin, GatedViewSet):
    """Treasury/Mint .009 orders the requesting user's roles may see."""

    queryset = MintOrder.objects.all()
    serializer_class = MintOrderSerializer
    payment_model = MintPayment
