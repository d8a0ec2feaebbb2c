"""Honest search in the admin (issue 14, item 11): the search box says what this role can
search by and what it cannot; a search on an identifier the role cannot read says so
instead of answering "0 persons"; a person is found by the given or the family name
alone, through an exact-match blind index per name part (never a filter on ciphertext).
Nothing said depends on what is stored."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from customers.models import Person
from sorn.constants import Role
from tests.access.conftest import MINT, USPS_810, USPS_820, USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

EVERY_SYSTEM = (USPS_810, USPS_820, USPS_890, MINT)
URL = "/admin/customers/person/"
HOW = "Values match whole, ignoring case and accents, unless marked (part) or (start)."

HELP = {
    Role.PRIVACY_OFFICER: "Your role can search by: record number, customer ID (part), whole "
    f"name, given name, family name, company name, e-mail. {HOW}",
    Role.RECORDS_OFFICER: f"Your role can search by: record number, customer ID (part). {HOW} "
    "It cannot search by: whole name, given name, family name, company name, e-mail.",
    Role.CUSTOMER_SERVICE: "Your role can search by: record number, customer ID (part), whole "
    f"name, given name, family name, company name, e-mail. {HOW}",
    Role.FULFILLMENT: "Your role can search by: record number, customer ID (part), whole name, "
    f"given name, family name. {HOW} It cannot search by: company name, e-mail.",
    Role.MARKETING_ANALYST: f"Your role can search by: record number, company name. {HOW} It "
    "cannot search by: whole name, given name, family name, e-mail, customer ID (part).",
    Role.MAILER_SERVICES: "Your role can search by: record number, customer ID (part), whole "
    f"name, given name, family name, company name, e-mail. {HOW}",
    Role.AUDITOR: f"Your role can search by: record number, customer ID (part). {HOW} It "
    "cannot search by: whole name, given name, family name, company name, e-mail.",
    Role.CONTRACTOR_AGENT: "Your role can search by: record number, customer ID (part), whole "
    f"name, given name, family name, e-mail. {HOW} It cannot search by: company name.",
}

NOT_NAMES = (
    "Your role cannot search by whole name or given name or family name or company name: "
    "this search did not look for it, so what is listed says nothing about it."
)
NOT_EMAIL = (
    "Your role cannot search by e-mail: this search did not look for it, so what is "
    "listed says nothing about it."
)
NOT_NAMES_NOR_ID = (
    "Your role cannot search by whole name or given name or family name or customer ID "
    "(part): this search did not look for it, so what is listed says nothing about it."
)
NOT_COMPANY = (
    "Your role cannot search by company name: this search did not look for it, so what "
    "is listed says nothing about it."
)


@pytest.fixture
def ada(db):
    return person_in(
        "C00000001", *EVERY_SYSTEM, given_name="Ada", family_name="Lovelace", email="ada@x.org"
    )


def search(client, term):
    response = client.get(URL, {"q": term})
    assert response.status_code == 200
    found = [p.customer_id for p in response.context["cl"].result_list]
    return found, [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("role", list(HELP), ids=str)
def test_the_search_box_says_what_the_role_can_search_by(as_role, ada, role):
    response = as_role(role).get(URL)
    assert response.context["cl"].search_help_text == HELP[role]
    assert HELP[role].split(".")[0] in response.content.decode()


# Role × term → (customer IDs found, messages), literal.
SEARCHES = [
    (Role.CUSTOMER_SERVICE, "Lovelace", ["C00000001"], []),
    (Role.CUSTOMER_SERVICE, "ADA", ["C00000001"], []),
    (Role.CUSTOMER_SERVICE, "Ada Lovelace", ["C00000001"], []),
    (Role.CUSTOMER_SERVICE, "Lovelac", [], []),  # exact, not a prefix
    (Role.CUSTOMER_SERVICE, "ada@x.org", ["C00000001"], []),
    (Role.FULFILLMENT, "lovelace", ["C00000001"], [NOT_COMPANY]),
    (Role.FULFILLMENT, "ada@x.org", [], [NOT_EMAIL]),
    (Role.RECORDS_OFFICER, "Lovelace", [], [NOT_NAMES]),
    (Role.RECORDS_OFFICER, "C00000001", ["C00000001"], []),
    (Role.MARKETING_ANALYST, "Ada", [], [NOT_NAMES_NOR_ID]),
    (
        Role.MARKETING_ANALYST,
        "ada@x.org",
        [],
        [NOT_EMAIL.replace("e-mail:", "e-mail or customer ID (part):")],
    ),
    (Role.AUDITOR, "ada@x.org", [], [NOT_EMAIL]),
]


@pytest.mark.parametrize(("role", "term", "found", "said"), SEARCHES, ids=str)
def test_a_search_finds_what_the_role_may_search_and_says_what_it_did_not(
    as_role, ada, role, term, found, said
):
    assert search(as_role(role), term) == (found, said)


@pytest.mark.parametrize(
    ("role", "term"),
    [
        (Role.RECORDS_OFFICER, "Lovelace"),
        (Role.MARKETING_ANALYST, "ada@x.org"),
        (Role.FULFILLMENT, "ada@x.org"),
    ],
    ids=str,
)
def test_what_a_refused_search_says_does_not_depend_on_what_is_stored(as_role, role, term):
    client = as_role(role)
    nobody = search(client, term)
    person_in(
        "C00000001", *EVERY_SYSTEM, given_name="Ada", family_name="Lovelace", email="ada@x.org"
    )
    assert search(client, term) == nobody


def test_name_parts_are_kept_as_exact_blind_indexes_not_plaintext(ada):
    stored = Person.objects.values_list("given_name_index", "family_name_index").get()
    assert "Ada" not in stored[0] and "Lovelace" not in stored[1]
    assert (
        len(stored[0])
        == len(stored[1])
        == len(Person.objects.values_list("name_index", flat=True).get())
    )
    # A part changes with the name: the old family name finds nobody, the new one does.
    ada.family_name = "King"
    ada.save()
    assert list(Person.objects.filter(family_name_index=stored[1])) == []
