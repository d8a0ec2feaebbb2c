"""Personal values of USPS 820.100 records are stored only as ciphertext ("e1:..."), and
the blind indexes beside them hold no plaintext."""

import pytest
from django.db import connection

from tests.mailers.factories import (
    ACHRecordFactory,
    CustomerSignatureFactory,
    KeyContactFactory,
    MailerApplicationFactory,
    MailerLogonFactory,
    SecurityPersonnelFactory,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def raw(instance, *columns: str) -> tuple:
    table = instance._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s",  # noqa: S608 (test-owned names)
            [instance.pk],
        )
        return cursor.fetchone()


def assert_ciphertext(stored: tuple, *plaintexts: str) -> None:
    for value in stored:
        assert value.startswith("e1:")
        for plaintext in plaintexts:
            assert plaintext not in value


def test_application_card_number_and_personal_facts():
    application = MailerApplicationFactory(by_card=True, job_title="Chief Mail Officer")
    assert_ciphertext(
        raw(application, "card_number", "job_title", "employment_status"),
        "4111111111111111",
        "Chief Mail Officer",
        "employed",
    )
    (last_four,) = raw(application, "card_last_four")
    assert last_four == "1111"  # only the last four in clear, by design


def test_key_contact_details_and_name_index():
    contact = KeyContactFactory(name="Grace Hopper", email="grace.hopper@example.org")
    assert_ciphertext(
        raw(contact, "name", "email", "phone", "mail_address", "postal_code"),
        "Grace",
        "grace.hopper",
        "555-0142",
        "Main St",
        "62701",
    )
    (index,) = raw(contact, "name_index")
    assert "grace" not in index.lower() and len(index) == 32


def test_customer_ssn_last_four_and_signature():
    signature = CustomerSignatureFactory(ssn_last_four="6789", signer_name="Ada Mailer")
    assert_ciphertext(
        raw(signature, "ssn_last_four", "signer_name", "signature_image"), "6789", "Ada"
    )


def test_security_personnel_ssn_last_four_and_phone():
    officer = SecurityPersonnelFactory(ssn_last_four="4321")
    assert_ciphertext(raw(officer, "ssn_last_four", "phone", "name"), "4321", "555-0177", "Sam")


def test_logon_id_and_source_ip():
    logon = MailerLogonFactory(source_ip="198.51.100.23", logon_id="ada-the-mailer")
    assert_ciphertext(raw(logon, "logon_id", "source_ip"), "198.51.100.23", "ada-the-mailer")
    assert_ciphertext(raw(logon.account, "logon_id"), "ada-the-mailer")


def test_ach_routing_and_account_numbers():
    record = ACHRecordFactory(account_number="987654321012")
    assert_ciphertext(
        raw(record, "routing_number", "account_number", "account_holder_name"),
        "011000015",
        "987654321012",
        "Example Mailing",
    )
