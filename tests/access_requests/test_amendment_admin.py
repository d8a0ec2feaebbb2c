"""The amendment pages of a request in the admin: a privacy officer records a correction,
sees the record and the change side by side, grants or denies it, records the notices to
prior recipients, and records a statement of disagreement that came by post. Other roles
get 403 on every page; a forged field or record is refused with a message and nothing
changes."""

import pytest
from django.test import Client

from access_requests import amendments, workflow
from audit.models import DisagreementStatement
from customers.models import Person
from sorn.constants import Role
from tests.access_requests.test_amendments import amendment_request, disclosure, propose
from tests.retention.conftest import person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS_810 = "usps-810-300"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def base(request) -> str:
    return f"/admin/access_requests/privacyactrequest/{request.pk}"


def proposal(person, **changes):
    return {
        "system": USPS_810,
        "target": "customers.Person:family_name",
        "record_pk": person.pk,
        "requested": "Wrenfield",
        **changes,
    }


def test_an_officer_records_reviews_and_grants_an_amendment(officer):
    person = person_in(USPS_810)
    old_name = person.family_name
    disclosure(person, {"customers.Person": [person.pk]}, "Fulfilment A")
    request = amendment_request(officer, person)
    client = client_of(officer)

    page = client.get(f"{base(request)}/change/")
    assert "Record an amendment" in page.content.decode()
    form = client.get(f"{base(request)}/amendments/new/")
    assert f"/staff/people/{person.pk}/records/" in form.content.decode()
    saved = client.post(f"{base(request)}/amendments/new/", proposal(person))
    amendment = request.amendments.get()
    assert saved.status_code == 302
    assert saved["Location"].endswith(f"/amendments/{amendment.pk}/")

    review = client.get(saved["Location"]).content.decode()
    assert old_name in review and "Wrenfield" in review  # side by side
    assert "Fulfilment A" in review  # the prior recipient

    client.post(saved["Location"], {"action": "grant"})
    assert Person.objects.get(pk=person.pk).family_name == "Wrenfield"
    [notice] = amendment.notices.all()
    review = client.get(saved["Location"]).content.decode()
    assert "Record that it was sent" in review
    client.post(f"{base(request)}/notices/{notice.pk}/sent/")
    notice.refresh_from_db()
    assert notice.sent_by == officer


def test_a_denial_without_reasons_is_refused_and_changes_nothing(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    url = f"{base(request)}/amendments/{amendment.pk}/"
    page = client_of(officer).post(url, {"action": "deny", "reasons": ""})
    assert page.status_code == 200
    assert "This field is required." in page.content.decode()
    amendment.refresh_from_db()
    assert amendment.decision == "pending"
    client_of(officer).post(url, {"action": "deny", "reasons": "Matches the application."})
    amendment.refresh_from_db()
    assert amendment.decision == "denied"


@pytest.mark.parametrize(
    "forged",
    [
        {"target": "customers.Person:id"},
        {"target": "customers.Person:data_key_id"},
        {"target": "customers.Person:name_index"},
        {"target": "audit.AccessEvent:username"},
        {"system": "mint-009"},
        {"record_pk": "0"},
        {"record_pk": "abc"},
        {"requested": "x" * 2001},
    ],
)
def test_a_forged_proposal_is_refused_by_the_form(officer, forged):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    page = client_of(officer).post(f"{base(request)}/amendments/new/", proposal(person, **forged))
    assert page.status_code == 200
    assert 'class="errorlist' in page.content.decode()
    assert not request.amendments.exists()


def test_someone_elses_record_is_refused_with_the_services_message(officer):
    person, stranger = person_in(USPS_810), person_in(USPS_810)
    request = amendment_request(officer, person)
    page = client_of(officer).post(
        f"{base(request)}/amendments/new/", proposal(person, record_pk=stranger.pk)
    )
    assert "is not a record of a person confirmed as the requester" in page.content.decode()
    assert not request.amendments.exists()


@pytest.mark.parametrize(
    "role", [Role.CUSTOMER_SERVICE, Role.AUDITOR, Role.RECORDS_OFFICER, Role.SECURITY_ADMIN]
)
def test_other_roles_get_403_on_every_amendment_page(officer, staff_user, role):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    client = client_of(staff_user(role))
    for url, data in [
        (f"{base(request)}/amendments/new/", proposal(person)),
        (f"{base(request)}/amendments/{amendment.pk}/", {"action": "grant"}),
        (f"{base(request)}/disagreement/", {"statement": "I disagree."}),
        (f"{base(request)}/notices/1/sent/", {}),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    amendment.refresh_from_db()
    assert amendment.decision == "pending"
    assert Person.objects.get(pk=person.pk).family_name != "Wrenfield"


def test_a_statement_by_post_is_recorded_only_after_the_refusal_is_upheld(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    amendments.deny(amendment, actor=officer, reasons="Matches the application.")
    workflow.make(request, "answer", actor=officer)
    client = client_of(officer)
    early = client.get(f"{base(request)}/disagreement/").content.decode()
    assert "only after a refusal to amend has been upheld" in early
    client.post(f"{base(request)}/disagreement/", {"statement": "Too early."})
    assert not DisagreementStatement.objects.exists()

    workflow.make(request, "appeal", actor=officer)
    workflow.make(request, "decide_appeal", actor=officer, outcome="denied", reason="Upheld.")
    response = client.post(f"{base(request)}/disagreement/", {"statement": "I disagree."})
    assert response.status_code == 302
    [statement] = DisagreementStatement.objects.all()
    assert (statement.record_pk, statement.recorded_by) == (person.pk, officer.get_username())


def test_an_access_request_offers_no_amendment_pages(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    request.kind = "access"
    request.save(update_fields=["kind"])
    client = client_of(officer)
    assert "Record an amendment" not in client.get(f"{base(request)}/change/").content.decode()
    page = client.post(f"{base(request)}/amendments/new/", proposal(person))
    assert "does not ask for an amendment" in page.content.decode()
    assert not request.amendments.exists()
