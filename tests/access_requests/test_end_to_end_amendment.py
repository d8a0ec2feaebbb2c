"""Issue 12, "Done when": an amendment request end to end, every step as its user takes it
over HTTP — the requester on the public form and status page, a privacy officer in the
admin — for a person with records in all four systems and a namesake with records in all
four too:

the request → e-mail verification → search and confirmed match → identity accepted → the
correction recorded and reviewed side by side → one correction granted (the record
changed, prior recipients listed), one denied → the denial letter e-mailed with the
reasons → answered → appealed → the refusal upheld → the requester's statement of
disagreement from the status page → a later access request's package carries the
statement with the disputed record, and holds nothing of the namesake's."""

import json
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from access_requests.documents import read_document
from access_requests.models import DocumentRole, PrivacyActRequest, RequestMatch
from audit.models import DisclosureAccounting
from customers.models import Person
from tests.access_requests.matching_world import build_world
from tests.access_requests.test_public_form import submission, verify_by_link

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS_810 = "usps-810-300"
ADMIN = "/admin/access_requests/privacyactrequest"
STATEMENT = "My given name is Augusta Ada, as on my birth certificate."


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def ask(kind: str, **fields) -> tuple[PrivacyActRequest, str]:
    """Ada's request on the public form, verified from the e-mail; the request and its
    status page's path."""
    mail.outbox.clear()
    public = Client()
    data = submission(
        kind=kind,
        systems=[USPS_810],
        requester_name="Ada Lovelace",
        requester_email="ada@example.org",
        id_order_number="PF0000018101",
        declared_name="Ada Lovelace",
        **fields,
    )
    assert public.post("/privacy/requests/new/", data).status_code == 302
    status = verify_by_link(public, mail.outbox[-1])
    number = re.search(r"PA-\d{10}", mail.outbox[-1].body or "") or None
    request = PrivacyActRequest.objects.order_by("-pk").first()
    assert number is None or number.group(0) == request.tracking_number
    return request, status


def work(staff: Client, request: PrivacyActRequest, ada: Person) -> None:
    """Search, confirm Ada (only her), start work, accept identity."""
    assert staff.post(f"{ADMIN}/{request.pk}/matches/search/").status_code == 302
    for match in RequestMatch.objects.filter(request=request):
        verb = "confirm" if match.person_id == ada.pk else "reject"
        assert staff.post(f"{ADMIN}/{request.pk}/matches/{match.pk}/{verb}/").status_code == 302
    assert staff.post(f"{ADMIN}/{request.pk}/move/start/", {}).status_code == 302
    accepted = staff.post(f"{ADMIN}/{request.pk}/move/accept_identity/", {"method": "declaration"})
    assert accepted.status_code == 302


def move(staff: Client, request: PrivacyActRequest, name: str, **data) -> None:
    response = staff.post(f"{ADMIN}/{request.pk}/move/{name}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_amendment_from_the_public_form_to_a_statement_in_a_later_package(officer):
    world = build_world()
    ada, namesake = world.ada, world.namesake
    told = DisclosureAccounting.objects.create(
        person_id=ada.pk, system=USPS_810, nature_and_purpose="Fulfilment of an order",
        routine_use="Routine use 1", recipient_name="Example Fulfilment Inc.",
        recipient_address="1 Example Way, Springfield, IL 62701",
        records={"customers.Person": [ada.pk]}, recorded_by="test",
    )  # fmt: skip
    request, status = ask(
        "amendment",
        amend_record="My customer record",
        amend_wrong="My names are misspelt",
        amend_should_say="Given name Augusta Ada; family name King",
    )
    staff = Client()
    staff.force_login(officer)
    work(staff, request, ada)

    # Two corrections, each reviewed side by side: the family name granted, the given
    # name denied.
    ids = []
    for field, value in (("family_name", "King"), ("given_name", "Augusta Ada")):
        recorded = staff.post(
            f"{ADMIN}/{request.pk}/amendments/new/",
            {"system": USPS_810, "target": f"customers.Person:{field}", "record_pk": ada.pk,
             "requested": value},
        )  # fmt: skip
        assert recorded.status_code == 302
        ids.append(int(recorded["Location"].rstrip("/").rsplit("/", 1)[1]))
    review = staff.get(f"{ADMIN}/{request.pk}/amendments/{ids[0]}/").content.decode()
    assert "Lovelace" in review and "King" in review and "Example Fulfilment Inc." in review
    staff.post(f"{ADMIN}/{request.pk}/amendments/{ids[0]}/", {"action": "grant"})
    staff.post(
        f"{ADMIN}/{request.pk}/amendments/{ids[1]}/",
        {"action": "deny", "reasons": "The given name matches the signed application."},
    )
    ada.refresh_from_db()
    assert (ada.given_name, ada.family_name) == ("Ada", "King")
    assert Person.objects.get(pk=namesake.pk).family_name == "Lovelace"
    [notice] = request.amendments.get(pk=ids[0]).notices.all()
    assert (notice.kind, notice.disclosure_id) == ("correction", told.pk)

    # The denial letter, e-mailed with the reasons recorded; then answered, appealed,
    # upheld.
    mail.outbox.clear()
    sent = staff.post(
        f"{ADMIN}/{request.pk}/letters/new/denial/",
        {"official_name": "Pat Officer", "official_title": "Privacy Officer", "send": "Send"},
    )
    assert sent.status_code == 302, sent.content.decode()[:2000]
    [letter] = mail.outbox
    assert letter.to == ["ada@example.org"]
    assert "The given name matches the signed application." in letter.body
    assert "judicial review" in letter.body
    move(staff, request, "answer")
    move(staff, request, "appeal")
    move(staff, request, "decide_appeal", outcome="denied", reason="The refusal is upheld.")

    # The requester's statement from their status page.
    public = Client()
    assert "File a statement of disagreement" in public.get(status).content.decode()
    filed = public.post(f"{status}disagreement/", {"statement": STATEMENT})
    assert filed.status_code == 302
    assert "Your statement of disagreement" in public.get(status).content.decode()
    [notice] = request.amendments.get(pk=ids[1]).notices.filter(kind="disagreement")
    assert notice.recipient_name == "Example Fulfilment Inc."

    # Later, an access request: its package carries the statement with Ada's record.
    later, later_status = ask("access")
    work(staff, later, ada)
    assert staff.post(f"{ADMIN}/{later.pk}/package/").status_code == 302
    page = public.get(later_status).content.decode()
    [json_url] = re.findall(r'href="([^"]+/records/\d+/)"[^>]*>Download the JSON', page)
    package = json.loads(public.get(json_url).content)
    records = package["systems"][0]["records"]
    [person] = records["Persons"]
    assert (person["given_name"], person["family_name"]) == ("Ada", "King")
    assert person["statements_of_disagreement"] == [
        {"field": "given_name", "filed_on": person["statements_of_disagreement"][0]["filed_on"],
         "statement": STATEMENT}
    ]  # fmt: skip
    assert sorted(o["order_number"] for o in records["Offline orders"]) == [
        "PF0000018101", "PF0000018102",
    ]  # fmt: skip
    text = json.dumps(package)
    assert "PF0000028101" not in text and "other.ada@example.net" not in text
    html = read_document(later.documents.get(role=DocumentRole.PACKAGE_HTML)).content.decode()
    assert STATEMENT in html
