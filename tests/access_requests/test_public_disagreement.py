"""The requester files a statement of disagreement from their status page (5 U.S.C.
552a(d)(3)): offered only once a refusal to amend is upheld on appeal, filed once, checked
like any public form (a clear message, nothing stored), reached only with the page's
token."""

import pytest
from django.test import Client

from access_requests import amendments, workflow
from access_requests.verification import issue_status_token
from audit.disagreements import disputes_of
from audit.models import DisagreementStatement
from customers.models import Person
from tests.access_requests.test_amendments import amendment_request, propose
from tests.retention.conftest import person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS_810 = "usps-810-300"
WORDS = "My family name is Wrenfield, as on my passport."


@pytest.fixture
def refused(officer):
    """An amendment request whose one amendment was denied and answered."""
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    amendments.deny(amendment, actor=officer, reasons="Matches the application.")
    workflow.make(request, "answer", actor=officer)
    return request, person


def uphold(request, officer):
    workflow.make(request, "appeal", actor=officer)
    workflow.make(request, "decide_appeal", actor=officer, outcome="denied", reason="Upheld.")


def test_no_statement_is_offered_or_taken_before_the_refusal_is_upheld(refused):
    request, _ = refused
    token = issue_status_token(request)
    client = Client()
    assert (
        "File a statement of disagreement"
        not in client.get(f"/privacy/requests/status/{token}/").content.decode()
    )
    response = client.post(f"/privacy/requests/status/{token}/disagreement/", {"statement": WORDS})
    assert response.status_code == 400
    assert "only after a refusal to amend has been upheld on appeal" in response.content.decode()
    assert not DisagreementStatement.objects.exists()


def test_the_requester_files_a_statement_once_it_is_upheld(refused, officer):
    request, person = refused
    uphold(request, officer)
    token = issue_status_token(request)
    client = Client()
    page = client.get(f"/privacy/requests/status/{token}/").content.decode()
    assert "File a statement of disagreement" in page
    assert "552a(g)(1)(A)" in page

    response = client.post(f"/privacy/requests/status/{token}/disagreement/", {"statement": WORDS})
    assert response.status_code == 302
    assert response["Location"] == f"/privacy/requests/status/{token}/"
    [dispute] = disputes_of(Person, [person.pk])[person.pk]
    assert (dispute.field, dispute.text) == ("family_name", WORDS)
    page = client.get(f"/privacy/requests/status/{token}/").content.decode()
    assert "Your statement of disagreement" in page and "Filed on" in page
    assert "File my statement" not in page

    again = client.post(f"/privacy/requests/status/{token}/disagreement/", {"statement": "More."})
    assert again.status_code == 400
    assert DisagreementStatement.objects.count() == 1


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("", "This field is required."),
        ("x" * 5001, "Ensure this value has at most 5000 characters"),
    ],
)
def test_a_bad_statement_is_refused_with_a_message(refused, officer, statement, message):
    request, _ = refused
    uphold(request, officer)
    token = issue_status_token(request)
    response = Client().post(
        f"/privacy/requests/status/{token}/disagreement/", {"statement": statement}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not DisagreementStatement.objects.exists()


def test_a_wrong_token_files_nothing(refused, officer):
    request, _ = refused
    uphold(request, officer)
    response = Client().post(
        "/privacy/requests/status/not-a-token/disagreement/", {"statement": WORDS}
    )
    assert response.status_code == 404
    assert (
        Client()
        .get(f"/privacy/requests/status/{issue_status_token(request)}/disagreement/")
        .status_code
        == 405
    )
    assert not DisagreementStatement.objects.exists()
