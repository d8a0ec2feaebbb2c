"""Attacks on the accounting of disclosures (5 U.S.C. 552a(c)) through the API: every
read an external recipient's account makes must be accounted for, per person.

Hole: the role-restricted resources (the audit's and retention's: access events, seals,
disclosures, legal holds, purge runs, certificates, forecasts) admit a service account by
the roles it holds, an external recipient's included, and reading them is recorded
nowhere (audit/api.py: "not itself recorded as an access event"). A partner's account
holding the auditor's or an officer's roles read who read which person's records, to
whom each person's records went and which records are held, with no accounting at all.

Held: the record resources account for every read of such an account, the single
record, its nested rows, and the answer to its own PATCH included.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from access.service_accounts import create_service_account, issue_token
from audit.models import DisclosureAccounting, ExternalRecipient
from retention.models import LegalHold
from sorn.constants import Role
from tests.audit.factories import AccessEventFactory, DisclosureAccountingFactory
from tests.orders.conftest import usps_world  # noqa: F401

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

GOVERNANCE = (
    "/api/v1/access-events/",
    "/api/v1/audit-seals/",
    "/api/v1/disclosures/",
    "/api/v1/legal-holds/",
    "/api/v1/purge-runs/",
    "/api/v1/destruction-certificates/",
    "/api/v1/retention-forecasts/",
)
# Every viewer role of those resources: the auditor's, the privacy and records officers'.
OVERSIGHT = (Role.AUDITOR, Role.PRIVACY_OFFICER, Role.RECORDS_OFFICER)


def account_client(username: str, roles, *, external: bool) -> Client:
    account = create_service_account(username, roles, "A service (test).")
    if external:
        ExternalRecipient.objects.create(
            user=account.user,
            name="Example Partner (test)",
            address="1 Test Way, Dover, DE 19901",
            routine_use="USPS 810.300, routine use (test)",
            purpose="Oversight (test).",
        )
    token, _ = issue_token(account)
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


@pytest.fixture
def about_a_person(usps_world, staff_user):  # noqa: F811
    """An access event, a disclosure and a person hold, each about Alice."""
    alice = usps_world.alice
    AccessEventFactory(about=[alice.pk])
    DisclosureAccountingFactory(person_id=alice.pk)
    LegalHold.objects.create(
        scope="person",
        person_id=alice.pk,
        reason="Docket 26-001",
        placed_by=staff_user(Role.RECORDS_OFFICER, "records-officer-holds"),
    )
    return alice


# An agency's own account with the oversight roles reads them; a partner's does not.
WHO_READS = {
    #                              internal service, external recipient
    "/api/v1/access-events/":            (200, 403),
    "/api/v1/audit-seals/":              (200, 403),
    "/api/v1/disclosures/":              (200, 403),
    "/api/v1/legal-holds/":              (200, 403),
    "/api/v1/purge-runs/":               (200, 403),
    "/api/v1/destruction-certificates/": (200, 403),
    "/api/v1/retention-forecasts/":      (200, 403),
}  # fmt: skip


def test_the_table_names_every_governance_resource():
    assert tuple(WHO_READS) == GOVERNANCE


@pytest.mark.parametrize("url", GOVERNANCE)
def test_an_external_recipient_reads_no_audit_or_retention_resource(about_a_person, url):
    internal = account_client("oversight-api", OVERSIGHT, external=False)
    partner = account_client("partner-api", OVERSIGHT, external=True)
    before = DisclosureAccounting.objects.count()
    answers = (internal.get(url).status_code, partner.get(url).status_code)
    assert answers == WHO_READS[url]
    # Nothing the partner could read went unaccounted for: it read nothing.
    assert DisclosureAccounting.objects.count() == before


def test_an_external_recipient_filtering_by_person_learns_nothing(about_a_person):
    partner = account_client("partner-api", OVERSIGHT, external=True)
    for url in ("/api/v1/access-events/", "/api/v1/disclosures/", "/api/v1/legal-holds/"):
        answer = partner.get(url, {"person_id": about_a_person.pk})
        assert answer.status_code == 403, url
        assert str(about_a_person.pk) not in json.dumps(answer.json()["fields"])


# Held: the record resources account for every read ----------------------------------


def test_an_external_recipients_detail_and_patch_are_accounted_for(usps_world):  # noqa: F811
    partner = account_client("partner-orders", [Role.SERVICE_ORDERS], external=True)
    order = usps_world.order
    url = f"/api/v1/orders/{order.pk}/"
    read = partner.get(url)
    assert read.status_code == 200
    assert [p["id"] for p in read.json()["payments"]] != []
    entries = list(DisclosureAccounting.objects.order_by("pk"))
    assert [(e.person_id, e.system) for e in entries] == [(usps_world.alice.pk, "usps-810-300")]
    assert entries[0].records["orders.OfflineOrder"] == [order.pk]
    assert "orders.OfflinePayment" in entries[0].records
    changed = partner.patch(
        url, json.dumps({"status": "shipped"}), content_type="application/json", HTTP_IF_MATCH="*"
    )
    assert changed.status_code == 200
    latest = DisclosureAccounting.objects.order_by("-pk").first()
    assert latest.pk != entries[0].pk
    assert (latest.person_id, latest.records["orders.OfflineOrder"]) == (
        usps_world.alice.pk,
        [order.pk],
    )
