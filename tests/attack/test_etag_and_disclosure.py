"""Attacks on what a representation's ETag and an external recipient's reads give away:
an ETag that moved when a field hidden from the caller changed would tell that field's
changes (a date of birth corrected, a masked e-mail replaced); a search POST with nested
children that left no accounting would be a disclosure nobody can give the person."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from access.service_accounts import create_service_account, issue_token
from audit.models import DisclosureAccounting, ExternalRecipient
from customers.models import Address
from sorn.constants import Role
from tests.access.conftest import USPS_810, USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_a_hidden_field_changing_leaves_the_etag_alone(as_role):
    # Customer service works USPS 810.300; a date of birth is published by 890.000 only:
    # hidden from it on a person of both. Fulfillment sees the e-mail masked.
    ada = person_in("C30000001", USPS_810, USPS_890, given_name="Ada", email="ada@example.org")
    ada.date_of_birth = datetime.date(1970, 5, 1)
    ada.save()
    service, fulfillment = as_role(Role.CUSTOMER_SERVICE), as_role(Role.FULFILLMENT)
    url = f"/api/v1/customers/{ada.pk}/"
    before = service.get(url)["ETag"], fulfillment.get(url)["ETag"]
    ada.date_of_birth = datetime.date(1971, 6, 2)
    ada.email = "ana@example.org"  # masked for fulfillment as a•••@example.org either way
    ada.save()
    after = service.get(url)["ETag"], fulfillment.get(url)["ETag"]
    assert after[1] == before[1]
    assert "date_of_birth" not in service.get(url).json()
    assert after[0] != before[0]  # the e-mail, which customer service reads, changed


def test_an_external_recipients_search_with_nested_rows_is_accounted_for():
    ada = person_in("C30000002", USPS_810, given_name="Ada", email="ada@example.org")
    home = Address.objects.create(person=ada, kind="home", line1="1 Oak Lane", postal_code="19901")
    person_in("C30000003", USPS_810, given_name="Bo", email="bo@example.org")
    account = create_service_account("partner-api", [Role.SERVICE_ORDERS], "Partner (test).")
    ExternalRecipient.objects.create(
        user=account.user,
        name="Partner (test)",
        address="1 Test Way, Dover, DE 19901",
        routine_use="USPS 810.300, standard routine uses",
        purpose="Shipping orders.",
    )
    token, _ = issue_token(account)
    answer = Client().post(
        "/api/v1/customers/search/",
        json.dumps({"email": "ada@example.org"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert [row["id"] for row in answer.json()["results"]] == [ada.pk]
    entry = DisclosureAccounting.objects.get()
    assert entry.person_id == ada.pk
    assert entry.records == {"customers.Address": [home.pk], "customers.Person": [ada.pk]}
