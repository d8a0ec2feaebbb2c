"""USPS 820.100 retrievability: "By customer name, customer ID(s), or logon ID."
Every path goes through sorn.retrieval.find_records, as Privacy Act requests do."""

import pytest

from sorn.retrieval import UnknownIdentifier, find_records
from tests.mailers.factories import (
    KeyContactFactory,
    MailerAccountFactory,
    MailerApplicationFactory,
    MailerLogonFactory,
    PersonFactory,
    SecurityAccessFactory,
    mailer,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])
SYSTEM = "usps-820-100"


@pytest.fixture
def ada():
    """A mailer with an application, an account, a logon and a security access grant,
    beside another mailer whose records must never be found for her."""
    person = mailer(given_name="Ada", family_name="Lovelace", customer_id="M00000042")
    MailerApplicationFactory(person=person)
    account = MailerAccountFactory(person=person, logon_id="ada.lovelace-42")
    MailerLogonFactory(account=account)
    SecurityAccessFactory(account=account)
    other = MailerAccountFactory(logon_id="someone-else")
    MailerApplicationFactory(person=other.person)
    return person


def found(identifiers) -> dict[str, set[int]]:
    result = find_records(SYSTEM, identifiers)
    return {label: {r.person_id for r in qs} for label, qs in result.records.items() if qs}


def test_by_customer_name_finds_every_record_of_the_customer(ada):
    records = found({"name": "  ada LOVELACE "})
    assert set(records) == {
        "mailers.MailerApplication",
        "mailers.MailerAccount",
        "mailers.MailerLogon",
        "mailers.SecurityAccess",
    }
    assert all(people == {ada.pk} for people in records.values())


def test_by_customer_id(ada):
    assert found({"customer_id": "m00000042"})["mailers.MailerApplication"] == {ada.pk}


def test_by_the_systems_own_customer_id(ada):
    assert found({"customer_id": "USPS-M00000042"})["mailers.MailerAccount"] == {ada.pk}


def test_by_logon_id_through_its_blind_index(ada):
    # Case, spaces and hyphens do not matter in a logon ID.
    assert found({"logon_id": "ADA.LOVELACE 42"})["mailers.MailerLogon"] == {ada.pk}


def test_by_a_logon_id_only_the_logon_records_still_hold(ada):
    account = ada.mailer_accounts.get()
    MailerLogonFactory(account=account, logon_id="old-logon-id")
    assert found({"logon_id": "old-logon-id"})["mailers.MailerAccount"] == {ada.pk}


def test_all_given_identifiers_must_match(ada):
    assert found({"name": "Ada Lovelace", "logon_id": "someone-else"}) == {}


def test_name_and_logon_id_together(ada):
    records = found({"name": "Ada Lovelace", "logon_id": "ada.lovelace-42"})
    assert records["mailers.MailerApplication"] == {ada.pk}


def test_a_name_that_matches_nobody_finds_nothing(ada):
    assert found({"name": "Charles Babbage"}) == {}


def test_an_unknown_logon_id_finds_nothing(ada):
    assert found({"logon_id": "nobody"}) == {}


def test_no_identifiers_find_nothing(ada):
    assert find_records(SYSTEM, {"name": "", "logon_id": ""}).count() == 0


def test_a_person_outside_the_system_is_not_found():
    PersonFactory(given_name="Ada", family_name="Outsider")
    assert found({"name": "Ada Outsider"}) == {}


def test_a_key_contact_is_found_by_their_own_name():
    contact = KeyContactFactory(name="Grace Hopper")
    records = find_records(SYSTEM, {"name": "grace hopper"}).records
    assert list(records["mailers.KeyContact"]) == [contact]


def test_a_key_contact_is_not_found_when_other_identifiers_point_elsewhere(ada):
    KeyContactFactory(name="Grace Hopper")
    result = find_records(SYSTEM, {"name": "Grace Hopper", "customer_id": "M00000042"})
    assert result.count() == 0


def test_identifiers_the_notice_does_not_list_are_refused():
    with pytest.raises(UnknownIdentifier, match=r"USPS 820\.100 is not retrieved by email"):
        find_records(SYSTEM, {"email": "ada@example.com"})
