"""Attacks on legal holds placed over the API (POST /api/v1/legal-holds/).

A query hold's lookups are a search: the plan, the dashboard's forecasts and every run
count the rows it holds, so an officer may compare only what they read in clear
(retention/hold_targets.py). Hole: a link (the internal class, which the policy reads to
every role in scope with a record it sees at all) passed that check on a record type
the officer reads nothing of. A records officer (no grant on bad-check data: 403 on the
resource) placed `{"person": <id>}` on the bad-check list of USPS 810.300 — whether that
person ever bounced a check, told by the counts held — and likewise on mailers' ACH
records, browsing events, survey responses and the other record types invisible to the
role. (Their own numbers and dates stay comparable: the schedule's bookkeeping, which
tests/retention/test_admin.py holds mailers' ACH records by.)

Held: encrypted fields, fields read masked, related lookups, a query that is no object,
Django's own keyword arguments (`_connector`, `_negated`), a date past the calendar,
fields given as mass assignment (`placed_by`, `released_at`): refused, nothing saved.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client

from orders.models import BadCheckEntry
from retention.models import LegalHold
from sorn.constants import Role
from tests.orders.conftest import usps_world  # noqa: F401

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

HOLDS = "/api/v1/legal-holds/"


@pytest.fixture
def bounced(usps_world):  # noqa: F811
    """Alice is on the bad-check list."""
    return BadCheckEntry.objects.create(
        person=usps_world.alice,
        payment=usps_world.check_payment,
        check_number="1042",
        amount=Decimal("12.50"),
        returned_on=datetime.date(2025, 6, 2),
    )


def place(client: Client, body: dict):
    return client.post(HOLDS, json.dumps(body), content_type="application/json")


def query_hold(model_label: str, query) -> dict:
    return {"scope": "query", "model_label": model_label, "query": query, "reason": "Docket 7"}


# Who may search the bad-check list by person, literally: the privacy officer reads it
# (masked bank numbers, the rest in clear), the records officer nothing of it.
WHO = {
    #                          list the resource, place {"person": id} on it
    Role.PRIVACY_OFFICER:      (200, 201),
    Role.RECORDS_OFFICER:      (403, 400),
}  # fmt: skip


@pytest.mark.parametrize("role", list(WHO))
def test_a_query_hold_compares_nothing_of_a_record_type_the_officer_cannot_see(
    as_role, bounced, role
):
    client = as_role(role)
    listed = client.get("/api/v1/bad-check-list/").status_code
    placed = place(client, query_hold("orders.BadCheckEntry", {"person": bounced.person_id}))
    assert (listed, placed.status_code) == WHO[role], placed.content[:300]
    if placed.status_code == 400:
        assert list(placed.json()["fields"]) == ["query"]
        assert not LegalHold.objects.exists()


INVISIBLE_TO_RECORDS_OFFICERS = [
    ("mailers.ACHRecord", {"person": 1}),
    ("orders.BrowsingEvent", {"person__in": [1, 2]}),
    ("marketing.SurveyResponse", {"survey__isnull": False}),
]


@pytest.mark.parametrize(("label", "query"), INVISIBLE_TO_RECORDS_OFFICERS)
def test_nor_any_other_such_record_type(as_role, usps_world, label, query):  # noqa: F811
    answer = place(as_role(Role.RECORDS_OFFICER), query_hold(label, query))
    assert answer.status_code == 400, answer.content[:300]
    assert list(answer.json()["fields"]) == ["query"]
    assert not LegalHold.objects.exists()


# Held ---------------------------------------------------------------------------------

REFUSED = [
    # (body, the fields named)
    (query_hold("orders.OfflinePayment", {"billing_name": "Alice"}), ["query"]),  # encrypted
    (query_hold("orders.OfflinePayment", {"check_number": "1042"}), ["query"]),  # masked
    (query_hold("orders.OfflineOrder", {"person__customer_id": "C00000101"}), ["query"]),
    (query_hold("orders.OfflineOrder", {"_negated": True, "status": "shipped"}), ["query"]),
    (query_hold("orders.OfflineOrder", {"_connector": "OR", "status": "shipped"}), ["query"]),
    (query_hold("orders.OfflineOrder", ["status", "shipped"]), ["query"]),
    (query_hold("orders.OfflineOrder", {"placed_on__lt": "99999-01-01"}), ["query"]),
    ({**query_hold("orders.OfflineOrder", {"status": "shipped"}), "placed_by": 1}, ["placed_by"]),
    (
        {**query_hold("orders.OfflineOrder", {"status": "shipped"}), "released_at": "2026-01-01"},
        ["released_at"],
    ),
]


@pytest.mark.parametrize(("body", "named"), REFUSED)
def test_a_records_officer_is_refused_what_the_rules_refuse(as_role, usps_world, body, named):  # noqa: F811
    answer = place(as_role(Role.RECORDS_OFFICER), body)
    assert answer.status_code == 400, answer.content[:300]
    assert sorted(answer.json()["fields"]) == named
    assert not LegalHold.objects.exists()


def test_a_query_on_what_the_records_officer_reads_is_placed(as_role, usps_world):  # noqa: F811
    answer = place(
        as_role(Role.RECORDS_OFFICER),
        query_hold("orders.OfflineOrder", {"person": usps_world.alice.pk, "status": "received"}),
    )
    assert answer.status_code == 201, answer.content[:300]
    assert answer.json()["placed_by"] == "records_officer-test"
    assert answer.json()["released_at"] is None
