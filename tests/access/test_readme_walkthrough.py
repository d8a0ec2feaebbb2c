"""The README's curl session for service accounts (issue 13, item 7), step by step
through the test client on the demo data, so that the README says what the service does."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from audit.models import DisclosureAccounting
from customers.models import SystemRelationship
from orders.models import OfflineOrder

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_the_readme_walkthrough(settings, capsys):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "x-Demo-pass-1"
    call_command("seed_demo", customers=3)
    capsys.readouterr()
    call_command("issue_service_token", "partner_fulfillment")
    token = capsys.readouterr().out.strip()
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")

    order = OfflineOrder.objects.order_by("pk").first()
    person = order.person
    assert SystemRelationship.objects.filter(person=person, system="usps-810-300").exists()
    found = api.post(
        "/api/v1/customers/search/", {"email": person.email}, content_type="application/json"
    )
    assert found.status_code == 200, found.content
    assert [row["id"] for row in found.json()["results"]] == [person.pk]

    read = api.get(f"/api/v1/orders/{order.pk}/")
    assert read.status_code == 200
    tag = read["ETag"]
    new_status = "shipped" if order.status != "shipped" else "delivered"
    changed = api.patch(
        f"/api/v1/orders/{order.pk}/",
        {"status": new_status},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert changed.status_code == 200, changed.content
    assert OfflineOrder.objects.get(pk=order.pk).status == new_status
    # The same tag again: the order changed since.
    stale = api.patch(
        f"/api/v1/orders/{order.pk}/",
        {"status": order.status},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert stale.status_code == 412
    # Each read was a disclosure to the partner, accounted for the person.
    entries = DisclosureAccounting.objects.filter(person_id=person.pk)
    assert entries.exists()
    assert {e.recipient_name for e in entries} == {"Example Fulfillment Partner (synthetic)"}
    assert all(e.disclosed_at.date() <= datetime.date.today() for e in entries)
