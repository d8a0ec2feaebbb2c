"""Change lists a masked role can use (issue 14, item 10): a row's link is its record
number, which every role may read, never a masked value; a column that would read "•••"
on every row is left out; long values are cut, with the whole value on hover only where
the role reads it in clear."""

from __future__ import annotations

import re

import pytest

from sorn.constants import Role
from tests.access.conftest import MINT, USPS_810, USPS_820, USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

EVERY_SYSTEM = (USPS_810, USPS_820, USPS_890, MINT)
LONG_NAME = "Lovelace-Byron-Kingsley-Wentworth-Montgomery"  # 45 characters
LONG_EMAIL = "ada.lovelace@analytical-engine-society.example.org"

# Role → the person list's columns (after the selection box), literal.
PERSON_COLUMNS = {
    Role.PRIVACY_OFFICER: ["No.", "Customer ID", "Family name", "E-mail", "Created at"],
    Role.RECORDS_OFFICER: ["No.", "Customer ID", "E-mail", "Created at"],
    Role.CUSTOMER_SERVICE: ["No.", "Customer ID", "Family name", "E-mail", "Created at"],
    Role.FULFILLMENT: ["No.", "Customer ID", "Family name", "E-mail", "Created at"],
    Role.MARKETING_ANALYST: ["No.", "E-mail", "Created at"],
    Role.MAILER_SERVICES: ["No.", "Customer ID", "Family name", "E-mail", "Created at"],
    Role.AUDITOR: ["No.", "Customer ID", "E-mail", "Created at"],
    Role.CONTRACTOR_AGENT: ["No.", "Customer ID", "Family name", "E-mail", "Created at"],
}


def _headers(response) -> list[str]:
    cl = response.context["cl"]
    names = []
    for column in cl.list_display[1:]:  # the selection box first
        names.append(str(getattr(column, "short_description", column)))
    return names


def _row_links(html: str) -> list[str]:
    return re.findall(r'<th class="field-record_number"><a href="[^"]*">([^<]*)</a></th>', html)


@pytest.mark.parametrize("role", list(PERSON_COLUMNS), ids=str)
def test_a_person_row_links_by_its_number_with_the_columns_the_role_reads(as_role, role):
    person = person_in("C00000001", *EVERY_SYSTEM, family_name="Lovelace", email="ada@example.com")
    response = as_role(role).get("/admin/customers/person/")
    assert response.status_code == 200
    assert [h.capitalize() for h in _headers(response)] == [
        h.capitalize() for h in PERSON_COLUMNS[role]
    ]
    assert _row_links(response.content.decode()) == [str(person.pk)]


def test_the_security_administrator_has_no_person_list(as_role):
    person_in("C00000001", *EVERY_SYSTEM, family_name="Lovelace")
    assert as_role(Role.SECURITY_ADMIN).get("/admin/customers/person/").status_code == 403


def test_the_marketing_analyst_links_are_numbers_not_dots(as_role):
    people = [person_in(f"C0000000{i}", *EVERY_SYSTEM, family_name=f"Name{i}") for i in range(1, 4)]
    html = as_role(Role.MARKETING_ANALYST).get("/admin/customers/person/").content.decode()
    assert sorted(_row_links(html), key=int) == [str(p.pk) for p in people]
    assert "•••</a>" not in html


def test_a_long_value_read_in_clear_is_cut_with_the_whole_of_it_on_hover(as_role):
    person_in("C00000001", *EVERY_SYSTEM, family_name=LONG_NAME, email="ada@example.com")
    html = as_role(Role.CUSTOMER_SERVICE).get("/admin/customers/person/").content.decode()
    assert (
        '<td class="field-family_name"><span title="Lovelace-Byron-Kingsley-Wentworth-Montgomery">'
        "Lovelace-Byron-Kingsley-Wentworth-Montg…</span></td>"
    ) in html


def test_a_long_masked_value_is_cut_and_never_completed_on_hover(as_role):
    person_in("C00000001", *EVERY_SYSTEM, family_name="Lovelace", email=LONG_EMAIL)
    html = as_role(Role.MARKETING_ANALYST).get("/admin/customers/person/").content.decode()
    assert '<td class="field-email">a•••@analytical-engine-society.example.…</td>' in html
    assert "ada.lovelace" not in html
    assert "example.org" not in html
