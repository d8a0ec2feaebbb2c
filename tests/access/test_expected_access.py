"""What each role gets of the most sensitive fields, written down by hand from the notices
and the policy's reasons (not computed by the access layer), row by row: the same field on
a row of each system it could belong to.

Read a line as: on a row of that system, the role sees the field as written; "·" is
nothing at all. A person's rows belong to the systems of the person's relationships; a
credential's row to its own `system`; a payment, an ACH record or a signature to the
system of the notice it is kept under.

The reasons, from the notices:
- e-mail is "customer information" in every notice; the Mint's is "customer order
  information". Each role sees it only in the systems of its duties.
- date of birth is published only by USPS 890.000 ("date of birth, age"); the birth month
  only by Mint .009 (b). On a row of any other system nobody sees either: collecting or
  showing it there is not what the notice lists (5 U.S.C. 552a(e)(1)).
- company name is in the three USPS notices, not the Mint's.
- a credential's username belongs to the system the account is for (810.300 customer
  information; 820.100 identification and authentication; the Mint's online store).
- the card number is masked to its last four for those who handle payments; the card's
  brand is kept in clear "so staff recognise the card" (a billing fact).
- bank account numbers (810.300 checks, 820.100 ACH) and SSN last four (820.100
  identification) are masked for the few whose duties touch them.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from access.gate import Gate
from access.policy import Access, rights_on
from customers.models import Credential, Person, SystemRelationship
from mailers.models import ACHRecord as MailerACH
from mailers.models import CustomerSignature
from orders.models import MintPayment, OfflinePayment
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

S810, S820, S890, MINT = "usps-810-300", "usps-820-100", "usps-890-000", "mint-009"
ROLES = (
    "privacy_officer",
    "records_officer",
    "customer_service",
    "fulfillment",
    "marketing_analyst",
    "mailer_services",
    "security_admin",
    "auditor",
    "contractor_agent",
    "service_orders",
    "service_marketing",
)
#   column order:  PO     RO     CS     FUL    MA     MS     SA     AUD    CA     SO     SM
EXPECTED = {
    ("email", S810): "R  M  W  M  ·  ·  ·  M  ·  R  ·",
    ("email", S820): "R  M  ·  ·  ·  W  ·  M  ·  ·  ·",
    ("email", S890): "R  M  ·  ·  M  ·  ·  M  ·  ·  R",
    ("email", MINT): "R  M  W  M  M  ·  ·  M  R  R  ·",
    ("date_of_birth", S810): "·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·",
    ("date_of_birth", S820): "·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·",
    ("date_of_birth", S890): "R  ·  ·  ·  M  ·  ·  ·  ·  ·  ·",
    ("date_of_birth", MINT): "·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·",
    ("birth_month", S810): "·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·",
    ("birth_month", S890): "·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·",
    ("birth_month", MINT): "R  ·  M  ·  M  ·  ·  ·  M  ·  ·",
    ("company_name", S810): "R  ·  R  ·  ·  ·  ·  ·  ·  ·  ·",
    ("company_name", S820): "R  ·  ·  ·  ·  W  ·  ·  ·  ·  ·",
    ("company_name", S890): "R  ·  ·  ·  R  ·  ·  ·  ·  ·  R",
    ("company_name", MINT): "·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·",
    ("username", S810): "R  R  R  R  ·  ·  ·  R  ·  R  ·",
    ("username", S820): "R  R  ·  ·  ·  W  R  R  ·  ·  ·",
    ("username", MINT): "R  R  R  R  M  ·  ·  R  R  R  ·",
    ("card_number", S810): "M  ·  M  ·  ·  ·  ·  ·  ·  M  ·",
    ("card_number", MINT): "M  ·  M  ·  ·  ·  ·  ·  M  M  ·",
    ("card_brand", S810): "R  ·  R  R  ·  ·  ·  ·  ·  R  ·",
    ("card_brand", MINT): "R  ·  R  R  ·  ·  ·  ·  R  R  ·",
    ("bank_account_number", S810): "M  ·  M  ·  ·  ·  ·  ·  ·  M  ·",
    ("account_number", S820): "M  ·  ·  ·  ·  M  ·  ·  ·  ·  ·",
    ("ssn_last_four", S820): "M  ·  ·  ·  ·  M  M  ·  ·  ·  ·",
}
WORDS = {"·": Access.NONE, "M": Access.MASKED, "R": Access.READ, "W": Access.WRITE}
# The single-system models the fields above are kept in, per system.
KEPT_IN = {
    ("card_number", S810): OfflinePayment,
    ("card_number", MINT): MintPayment,
    ("card_brand", S810): OfflinePayment,
    ("card_brand", MINT): MintPayment,
    ("bank_account_number", S810): OfflinePayment,
    ("account_number", S820): MailerACH,
    ("ssn_last_four", S820): CustomerSignature,
}


PERSON_FIELDS = ("email", "date_of_birth", "birth_month", "company_name")


def expected(field: str, system: str) -> dict[str, Access]:
    cells = EXPECTED[(field, system)].split()
    assert len(cells) == len(ROLES)
    return {role: WORDS[cell] for role, cell in zip(ROLES, cells, strict=True)}


@pytest.fixture
def users(db):
    made = {}
    for role in ROLES:
        user = get_user_model().objects.create_user(f"table-{role}", password="x-Table-pass-1")
        user.groups.add(Group.objects.get(name=role))
        made[role] = user
    return made


@pytest.fixture
def people(db) -> dict[str, Person]:
    """One person per system, related to that system only, with every field filled."""
    found = {}
    for n, system in enumerate((S810, S820, S890, MINT), start=1):
        person = Person.objects.create(
            customer_id=f"T{n:07d}",
            given_name="Dana",
            family_name=f"Table{n}",
            email=f"dana.table{n}@example.org",
            company_name="Example Stamps LLC",
            date_of_birth=datetime.date(1980, 5, 17),
            birth_month=5,
        )
        SystemRelationship.objects.create(
            person=person, system=system, started_on=datetime.date(2024, 1, 2)
        )
        found[system] = person
    return found


def test_the_table_names_every_role_once():
    assert sorted(ROLES) == sorted(r.value for r in Role)


@pytest.mark.parametrize(
    "field,system",
    [key for key in EXPECTED if key[0] in PERSON_FIELDS],
)
def test_a_persons_fields_follow_the_persons_systems(users, people, field, system):
    person = people[system]
    got = {
        role: Gate(user, "api_detail").rights(person).get(field, Access.NONE)
        for role, user in users.items()
    }
    assert got == expected(field, system)


@pytest.mark.parametrize("system", [S810, S820, MINT])
def test_a_credentials_username_follows_the_credentials_system(users, people, system):
    # The person is in every system here: the credential's own system decides.
    person = people[S890]
    for other in (S810, S820, MINT):
        SystemRelationship.objects.create(
            person=person, system=other, started_on=datetime.date(2024, 1, 2)
        )
    credential = Credential.objects.create(person=person, system=system, username="dtable")
    got = {
        role: Gate(user, "api_detail").rights(credential).get("username", Access.NONE)
        for role, user in users.items()
    }
    assert got == expected("username", system)


@pytest.mark.parametrize("field,system", list(KEPT_IN))
def test_payment_and_identification_fields_of_a_systems_own_records(users, field, system):
    model = KEPT_IN[(field, system)]
    got = {
        role: rights_on(user, model, frozenset({system})).get(field, Access.NONE)
        for role, user in users.items()
    }
    assert got == expected(field, system)
