"""A person's access-history page (issue 14, item 15): it lists the reads of that
person's records and nothing of anyone else's — not another person's events, and not
another person's record numbers where one read (a change list) covered both — and the
person view links to it for the roles that may open it."""

from __future__ import annotations

import datetime
import re

import pytest

from customers.models import Address, Person, SystemRelationship
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def make_person(n: int) -> Person:
    person = Person.objects.create(customer_id=f"AHP{n}", given_name=f"Hist{n}")
    SystemRelationship.objects.create(
        person=person, system="usps-810-300", started_on=datetime.date(2021, 1, 1)
    )
    Address.objects.create(person=person, kind="home", line1=f"{n} Elm", postal_code="20001")
    return person


def records_cells(html: str) -> list[str]:
    return re.findall(r'<td class="records">(.*?)</td>', html)


@pytest.fixture
def two_people_read(client, staff_user):
    """Ada's address read alone by `reader-ada`, Bo's by `reader-bo`, and both in one
    change list by `reader-both`."""
    ada, bo = make_person(1), make_person(2)
    for username, person in (("reader-ada", ada), ("reader-bo", bo)):
        client.force_login(staff_user(Role.CUSTOMER_SERVICE, username=username))
        assert (
            client.get(f"/admin/customers/address/{person.addresses.get().pk}/change/").status_code
            == 200
        )
    client.force_login(staff_user(Role.CUSTOMER_SERVICE, username="reader-both"))
    assert client.get("/admin/customers/address/").status_code == 200
    client.logout()
    return ada, bo


def test_the_history_shows_only_the_persons_own_reads_and_records(
    client, staff_user, two_people_read
):
    ada, bo = two_people_read
    ada_address, bo_address = ada.addresses.get().pk, bo.addresses.get().pk
    client.force_login(staff_user(Role.PRIVACY_OFFICER))

    html = client.get(f"/staff/people/{ada.pk}/access-history/").content.decode()
    assert "reader-ada" in html and "reader-both" in html
    assert "reader-bo<" not in html and "reader-bo " not in html
    assert f"customers.Address #{ada_address}" in records_cells(html)
    assert all(f"#{bo_address}" not in cell for cell in records_cells(html))

    html = client.get(f"/staff/people/{bo.pk}/access-history/").content.decode()
    assert "reader-bo" in html and "reader-both" in html and "reader-ada" not in html
    assert f"customers.Address #{bo_address}" in records_cells(html)
    assert all(f"#{ada_address}" not in cell for cell in records_cells(html))


def test_the_person_view_links_to_the_history_for_those_who_may_open_it(client, staff_user):
    person = make_person(3)
    link = f'href="/staff/people/{person.pk}/access-history/"'
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    assert link in client.get(f"/staff/people/{person.pk}/records/").content.decode()
    client.force_login(staff_user(Role.AUDITOR))
    assert link in client.get(f"/staff/people/{person.pk}/records/").content.decode()
    # Customer service opens the person view, not the history (a 403 there): no link.
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    page = client.get(f"/staff/people/{person.pk}/records/")
    assert page.status_code == 200 and link not in page.content.decode()
    assert client.get(f"/staff/people/{person.pk}/access-history/").status_code == 403
