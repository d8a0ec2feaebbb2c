"""Issue 11, "Done when": a Privacy Act request made on the public form, once verified,
freezes the purge of its person's records through the retention freeze for pending
requests; the same request still awaiting verification freezes nothing (anyone could
otherwise keep anyone's records from their destruction by typing their name)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from access_requests.models import PrivacyActRequest, RequestStatus
from retention.purge import purge_expired

from .conftest import AS_OF, USPS_810, all_rows, person_in, person_rows

pytestmark = [
    pytest.mark.django_db(databases=["default", "keystore"]),
    pytest.mark.usefixtures("own_purge_lock"),
]

# USPS 810.300, retention: records kept up to 3 years after the relationship ends.
ENDED_810 = datetime.date(2021, 1, 1)


def web_request(client: Client, email: str) -> PrivacyActRequest:
    response = client.post(
        "/privacy/requests/new/",
        {
            "kind": "access",
            "systems": [USPS_810],
            "requester_name": "Rita Retained",
            "requester_email": email,
            "id_order_number": "81030099999",
            "declared_name": "Rita Retained",
            "declared_on": "2026-06-01",
            "declaration": "on",
        },
    )
    assert response.status_code == 302
    return PrivacyActRequest.objects.order_by("-pk").first()


def verify(client: Client) -> None:
    (link,) = re.findall(r"http://testserver(/\S+)", mail.outbox[-1].body)
    assert client.post(link).status_code == 302


def test_a_verified_web_request_freezes_its_persons_purge():
    cache.clear()
    client = Client()
    asking, waiting, control = (person_in(USPS_810, ended_on=ENDED_810) for _ in range(3))

    verified = web_request(client, "rita.one@example.org")
    verify(client)
    unverified = web_request(client, "rita.two@example.org")
    # Staff confirm whom each request is about (identity review, the staff side).
    for request, person in ((verified, asking), (unverified, waiting)):
        request.refresh_from_db()
        request.person = person
        request.save(update_fields=["person"])
    assert verified.status == RequestStatus.RECEIVED
    assert unverified.status == RequestStatus.UNVERIFIED

    kept, going = person_rows(asking), person_rows(waiting) | person_rows(control)
    purge_expired(AS_OF, triggered_by="test", batch_size=10)

    remaining = all_rows()
    assert kept <= remaining
    assert not (going & remaining)
