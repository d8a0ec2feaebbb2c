"""/api/v1/customers/: people, with their addresses and phone numbers, through the gate."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from customers.models import Address, Person, PhoneNumber
from customers.services import find_people
from sorn.api_views import GatedViewSet
from sorn.policy import restrict_queryset
from sorn.serializers import GatedModelSerializer


class AddressSerializer(GatedModelSerializer):
    class Meta:
        model = Address
        fields = "__all__"


class PhoneNumberSerializer(GatedModelSerializer):
    class Meta:
        model = PhoneNumber
        fields = "__all__"


class CustomerSerializer(GatedModelSerializer):
    nested = {"addresses": AddressSerializer, "phone_numbers": PhoneNumberSerializer}

    class Meta:
        model = Person
        fields = "__all__"


FILTERS = ("email", "phone", "name", "customer_id")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(name, str, description=f"exact match on {name} (blind index)")
            for name in FILTERS
        ]
    )
)
class CustomerViewSet(GatedViewSet):
    """People the requesting user's roles may see, with the fields they may see."""

    queryset = Person.objects.all()
    serializer_class = CustomerSerializer
    query_parameters = FILTERS

    def get_queryset(self):
        user = self.request.user
        people = super().get_queryset().order_by("pk")
        identifiers = {
            k: self.request.query_params[k] for k in FILTERS if k in self.request.query_params
        }
        if identifiers:
            people = people.filter(pk__in=find_people(identifiers).values("pk"))
        return people.prefetch_related(
            Prefetch("addresses", queryset=restrict_queryset(user, Address.objects.all())),
            Prefetch("phone_numbers", queryset=restrict_queryset(user, PhoneNumber.objects.all())),
        )
