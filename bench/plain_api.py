"""The baseline the API benchmarks compare with: the same customers, addresses and phone
numbers rendered by plain REST framework serializers — no policy gate, no masking, no
read audit. Used by bench/gate_cost.py (the serializers alone) and bench/api_throughput.py
(a whole request: the URLconf below adds `/bench/plain/customers/<id>/` beside the
service's own URLs; bench/api_settings.py points gunicorn at it). Never part of the
service."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import path
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated

from config.urls import urlpatterns as service_urlpatterns
from customers.models import Address, Person, PhoneNumber


class PlainAddress(serializers.ModelSerializer):
    class Meta:
        model = Address
        exclude = ["address_index", "data_key_id"]


class PlainPhone(serializers.ModelSerializer):
    class Meta:
        model = PhoneNumber
        exclude = ["number_index", "data_key_id"]


class PlainCustomer(serializers.ModelSerializer):
    addresses = PlainAddress(many=True, read_only=True)
    phone_numbers = PlainPhone(many=True, read_only=True)

    class Meta:
        model = Person
        exclude = ["name_index", "email_index", "company_name_index", "data_key_id"]


class PlainCustomerDetail(generics.RetrieveAPIView):
    """A customer as /api/v1/customers/<id>/ shows it, signed in the same way (a knox
    token), without the access layer and the audit."""

    permission_classes = [IsAuthenticated]
    serializer_class = PlainCustomer
    queryset = Person.objects.prefetch_related(Prefetch("addresses"), Prefetch("phone_numbers"))


urlpatterns = [
    *service_urlpatterns,
    path("bench/plain/customers/<int:pk>/", PlainCustomerDetail.as_view()),
]
