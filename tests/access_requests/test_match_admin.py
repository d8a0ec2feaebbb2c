"""Issue 12, item 3, in the admin: on a request's page privacy officers see the people the
search found (system, person number, why, counts of records per kind) with Confirm and
Reject, and "Search the systems"; every other role gets 403 and nothing changes. The
person view shows one person's records in every system through the gate."""

import pytest
from django.test import Client

from access_requests.constants import MatchState
from access_requests.models import RequestMatch
from access_requests.services import refresh_candidates
from audit.models import AccessEvent
from sorn.constants import Role

from .matching_world import USPS_810, USPS_820, build_world, open_request

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ADA = {"name": "Ada Lovelace", "email": "ada@example.org", "order_number": "PF0000018101"}
CHANGE = "/admin/access_requests/privacyactrequest/{}/change/"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_privacy_officer_searches_sees_candidates_and_confirms(officer):
    world = build_world()
    request = open_request(ADA, systems=[USPS_810])
    client = client_of(officer)

    searched = client.post(f"/admin/access_requests/privacyactrequest/{request.pk}/matches/search/")
    assert searched.status_code == 302
    page = client.get(CHANGE.format(request.pk)).content.decode()
    match = RequestMatch.objects.get(request=request)

    assert "Search the systems" in page
    assert f"Person #{world.ada.pk}" in page
    assert "name, e-mail address and order number" in page
    assert "offline order: 1" in page
    # Identifiers' values never appear among the matches (only in the request's fields).
    assert "PF0000018101" not in page
    confirm = f"/admin/access_requests/privacyactrequest/{request.pk}/matches/{match.pk}/confirm/"
    assert f'formaction="{confirm}"' in page

    assert client.post(confirm).status_code == 302
    assert RequestMatch.objects.get(pk=match.pk).state == MatchState.CONFIRMED


def test_a_refused_decision_is_shown_and_changes_nothing(officer):
    build_world()
    request = open_request({"name": "Ada Lovelace"}, systems=[USPS_820])
    refresh_candidates(request, actor=officer)
    match = request.matches.first()
    client = client_of(officer)
    url = f"/admin/access_requests/privacyactrequest/{request.pk}/matches/{match.pk}/"
    client.post(url + "reject/")

    response = client.post(url + "confirm/", follow=True)

    assert "is already decided (rejected: not the requester)" in response.content.decode()
    assert RequestMatch.objects.get(pk=match.pk).state == MatchState.REJECTED


def test_only_post_searches_or_decides(officer):
    build_world()
    request = open_request({"name": "Ada Lovelace"}, systems=[USPS_820])
    refresh_candidates(request, actor=officer)
    match = request.matches.first()
    client = client_of(officer)
    base = f"/admin/access_requests/privacyactrequest/{request.pk}/matches/"
    for url in (base + "search/", f"{base}{match.pk}/confirm/", f"{base}{match.pk}/reject/"):
        assert client.get(url).status_code == 405
    assert RequestMatch.objects.get(pk=match.pk).state == MatchState.CANDIDATE


@pytest.mark.parametrize(
    "role",
    [Role.RECORDS_OFFICER, Role.CUSTOMER_SERVICE, Role.AUDITOR, Role.MAILER_SERVICES,
     Role.SECURITY_ADMIN],
)  # fmt: skip
def test_every_other_role_gets_403_and_nothing_changes(staff_user, officer, role):
    build_world()
    request = open_request({"name": "Ada Lovelace"}, systems=[USPS_820])
    refresh_candidates(request, actor=officer)
    match = request.matches.first()
    before = list(RequestMatch.objects.values())
    client = client_of(staff_user(role))
    base = f"/admin/access_requests/privacyactrequest/{request.pk}/matches/"

    assert client.post(base + "search/").status_code == 403
    assert client.post(f"{base}{match.pk}/confirm/").status_code == 403
    assert client.post(f"{base}{match.pk}/reject/").status_code == 403
    assert client.get(CHANGE.format(request.pk)).status_code == 403
    assert list(RequestMatch.objects.values()) == before


def test_the_person_view_shows_every_system_for_a_privacy_officer_and_records_the_reads(
    officer,
):
    world = build_world()
    response = client_of(officer).get(f"/staff/people/{world.ada.pk}/records/")
    page = response.content.decode()

    assert response.status_code == 200
    for heading in ("USPS 810.300", "USPS 820.100", "USPS 890.000",
                    "Treasury/United States Mint .009"):  # fmt: skip
        assert f"<h2>{heading}</h2>" in page
    assert "ada@example.org" in page  # contact: read by privacy officers
    assert "PF0000018101" in page and "lovelace1" in page
    assert "PF0000028101" not in page  # the namesake's order
    # Inside a web request the audit records the request's path (and the purpose of its
    # X-Access-Purpose header, none here), as for every other gated read.
    read = AccessEvent.objects.filter(path=f"/staff/people/{world.ada.pk}/records/")
    assert set(read.values_list("username", flat=True)) == {officer.username}
    assert {"customers.Person", "orders.OfflineOrder", "orders.MintOrder",
            "mailers.MailerAccount", "marketing.CampaignResponse"} <= set(
        read.values_list("model", flat=True)
    )  # fmt: skip
    assert read.filter(model="customers.Person").get().record_ids == [world.ada.pk]


def test_the_person_view_shows_a_mailer_services_user_only_usps_820_100(staff_user):
    world = build_world()
    response = client_of(staff_user(Role.MAILER_SERVICES)).get(
        f"/staff/people/{world.ada.pk}/records/"
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "<h2>USPS 820.100</h2>" in page
    assert "lovelace1" in page
    for heading in ("USPS 810.300", "USPS 890.000", "Treasury/United States Mint .009"):
        assert f"<h2>{heading}</h2>" not in page
    assert "PF0000018101" not in page and "MO0000019001" not in page


def test_the_person_view_masks_what_the_policy_masks(staff_user):
    world = build_world()
    page = (
        client_of(staff_user(Role.MARKETING_ANALYST))
        .get(f"/staff/people/{world.ada.pk}/records/")
        .content.decode()
    )
    # Marketing analysts: contact data masked (access/policy.py).
    assert "ada@example.org" not in page
    assert "(masked)" in page


def test_the_person_view_needs_a_role(django_user_model):
    world = build_world()
    nobody = django_user_model.objects.create_user("staff-no-role", is_staff=True)
    assert client_of(nobody).get(f"/staff/people/{world.ada.pk}/records/").status_code == 403
    assert AccessEvent.objects.count() == 0
