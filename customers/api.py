"""/api/v1/customers/: people, with their addresses and phone numbers, through the gate."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from access.api import GatedViewSet, filter_in_clear, search_systems
from access.policy import clear_systems, in_systems, restrict_queryset
from access.serializers import GatedModelSerializer
from customers.models import Address, Person, PhoneNumber, SystemRelationship


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
        params = self.request.query_params
        # Each identifier reaches only people of the systems in which the user reads it in
        # clear (a masked one is refused whole: 400), through the blind indexes.
        if params.get("email") is not None:
            people = filter_in_clear(
                user, people.lookup(email=params["email"]), "email_index", "email"
            )
        if params.get("name") is not None:
            people = filter_in_clear(user, people.lookup(name=params["name"]), "name_index", "name")
        if params.get("phone") is not None:
            phones = filter_in_clear(
                user, PhoneNumber.objects.lookup(number=params["phone"]), "number_index", "phone"
            )
            people = people.filter(pk__in=phones.values("person_id"))
        if params.get("customer_id") is not None:
            people = people.filter(people_by_customer_number(user, params["customer_id"]))
        return people.prefetch_related(
            Prefetch("addresses", queryset=restrict_queryset(user, Address.objects.all())),
            Prefetch("phone_numbers", queryset=restrict_queryset(user, PhoneNumber.objects.all())),
        )


def people_by_customer_number(user, value: str) -> Q:
    """The person's own customer ID, or a system's customer number for them, each only
    where the user reads it in clear: a Mint agent's search by a USPS customer number
    finds nobody (the number belongs to a system outside its duties)."""
    value = value.strip()
    own = clear_systems(user, Person, "customer_id")
    numbered = clear_systems(user, SystemRelationship, "system_customer_id")
    if not (own or numbered):
        search_systems(user, Person, "customer_id", "customer_id")  # refuses, naming it
    matches = Q(
        pk__in=in_systems(Person.objects.filter(customer_id__iexact=value), own).values("pk")
    )
    relationships = SystemRelationship.objects.filter(
        system_customer_id__iexact=value, system__in=sorted(numbered)
    )
    return matches | Q(pk__in=relationships.values("person_id"))
