"""Bad input gives a clear field error through full_clean() and saves nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mailers import models
from tests.mailers.factories import (
    VALID_CARD,
    ACHRecordFactory,
    AuthorizedUserFactory,
    CustomerSignatureFactory,
    KeyContactFactory,
    MailerAccountFactory,
    MailerApplicationFactory,
    MailerIdentifierFactory,
    MailerLogonFactory,
    MailPracticeFactory,
    SecurityAccessFactory,
    SecurityPersonnelFactory,
    mailer,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize("value", ["123", "12345", "12a4", "0000", "123-"])
def test_customer_ssn_last_four_must_be_exactly_four_digits(value):
    signature = CustomerSignatureFactory.build(
        application=MailerApplicationFactory(), ssn_last_four=value
    )
    assert "last four digits" in errors_of(signature)["ssn_last_four"][0]
    assert models.CustomerSignature.objects.count() == 0


def test_security_personnel_ssn_last_four_is_validated():
    officer = SecurityPersonnelFactory.build(
        application=MailerApplicationFactory(), ssn_last_four="98765"
    )
    assert "ssn_last_four" in errors_of(officer)


def test_ssn_last_four_with_a_leading_zero_is_accepted():
    signature = CustomerSignatureFactory.build(
        application=MailerApplicationFactory(), ssn_last_four="0042"
    )
    signature.full_clean()
    signature.save()
    assert models.CustomerSignature.objects.get().ssn_last_four == "0042"


def test_card_number_must_pass_luhn():
    application = MailerApplicationFactory.build(person=mailer(), by_card=True)
    application.card_number = "4111111111111112"
    assert errors_of(application)["card_number"] == ["Enter a valid card number."]
    assert models.MailerApplication.objects.count() == 0


def test_card_expired_before_the_application_is_refused():
    application = MailerApplicationFactory.build(
        person=mailer(), by_card=True, card_expiry_month=2, card_expiry_year=2024
    )
    assert "had expired" in errors_of(application)["card_expiry_month"][0]


def test_card_valid_through_the_month_of_submission():
    application = MailerApplicationFactory.build(
        person=mailer(), by_card=True, card_expiry_month=3, card_expiry_year=2024
    )
    application.full_clean()


def test_card_details_without_paying_by_card_are_refused():
    application = MailerApplicationFactory.build(person=mailer(), card_number=VALID_CARD)
    assert "payment_method" in errors_of(application)


def test_card_last_four_and_brand_follow_the_number():
    application = MailerApplicationFactory.build(person=mailer(), by_card=True)
    application.full_clean()
    application.save()
    stored = models.MailerApplication.objects.get()
    assert (stored.card_last_four, stored.card_brand) == ("1111", "visa")


def test_card_number_is_kept_as_digits_only():
    application = MailerApplicationFactory.build(person=mailer(), by_card=True)
    application.card_number = "4111 1111-1111 1111"
    application.full_clean()
    assert application.card_number == VALID_CARD


def test_card_of_another_brand_is_refused():
    application = MailerApplicationFactory.build(person=mailer(), by_card=True, card_brand="amex")
    assert "card_brand" in errors_of(application)


def test_shipping_budget_must_be_one_of_the_forms_ranges():
    application = MailerApplicationFactory.build(person=mailer(), monthly_shipping_budget="9000")
    assert "monthly_shipping_budget" in errors_of(application)


def test_routing_number_checksum():
    record = ACHRecordFactory.build(person=mailer(), routing_number="011000016")
    assert errors_of(record)["routing_number"] == ["Enter a valid 9-digit ABA routing number."]
    assert models.ACHRecord.objects.count() == 0


def test_bank_account_number_is_digits_only():
    record = ACHRecordFactory.build(person=mailer(), account_number="12-34-AB")
    assert "account_number" in errors_of(record)


def test_security_access_cannot_be_cancelled_before_it_was_granted():
    access = SecurityAccessFactory.build(
        account=MailerAccountFactory(), cancelled_on=datetime.date(2024, 2, 1)
    )
    assert "cancelled_on" in errors_of(access)


def test_the_database_refuses_a_cancellation_before_the_grant():
    # USPS 820.100, retention 3 counts from the cancellation: it must be a real one.
    account = MailerAccountFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        models.SecurityAccess.objects.create(
            person=account.person,
            account=account,
            resource="postalone",
            access_level="view",
            granted_on=datetime.date(2024, 3, 1),
            cancelled_on=datetime.date(2024, 2, 1),
        )
    assert models.SecurityAccess.objects.count() == 0


def test_security_access_of_another_customers_account_is_refused():
    access = SecurityAccessFactory.build(account=MailerAccountFactory(), person=mailer())
    assert "account" in errors_of(access)


def test_authorized_user_cannot_be_revoked_before_being_authorized():
    user = AuthorizedUserFactory.build(person=mailer(), revoked_on=datetime.date(2024, 1, 1))
    assert "revoked_on" in errors_of(user)


def test_drop_shipment_sites_refuse_an_unknown_attribute():
    practice = MailPracticeFactory.build(
        person=mailer(), drop_shipment_sites=[{"site": "Chicago NDC", "code": "1", "dock": "4"}]
    )
    assert errors_of(practice)["drop_shipment_sites"] == [
        "Unknown drop shipment site attribute(s): dock."
    ]


def test_drop_shipment_site_needs_a_code():
    practice = MailPracticeFactory.build(person=mailer(), drop_shipment_sites=[{"site": "X"}])
    assert "drop_shipment_sites" in errors_of(practice)


def test_appointment_times_must_be_date_times():
    practice = MailPracticeFactory.build(person=mailer(), appointment_times=["next Tuesday"])
    assert "appointment_times" in errors_of(practice)


def test_presort_result_needs_a_test_date():
    practice = MailPracticeFactory.build(person=mailer(), presort_test_passed=True)
    assert "presort_tested_on" in errors_of(practice)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("duns", "12345678"),
        ("mailer_id", "1234567"),
        ("postnet", "123456"),
        ("permit_number", "12345678"),
        ("postage_meter", "PM-1"),
    ],
)
def test_identifier_must_have_the_shape_of_its_kind(kind, value):
    identifier = MailerIdentifierFactory.build(person=mailer(), kind=kind, value=value)
    assert "value" in errors_of(identifier)


def test_identifier_is_kept_normalised():
    identifier = MailerIdentifierFactory.build(person=mailer(), value="90-1234 567")
    identifier.full_clean()
    assert identifier.value == "901234567"


def test_publication_name_only_beside_a_publication_id():
    identifier = MailerIdentifierFactory.build(person=mailer(), publication_name="The Gazette")
    assert "publication_name" in errors_of(identifier)


def test_logon_source_ip_must_be_an_ip_address():
    logon = MailerLogonFactory.build(account=MailerAccountFactory(), source_ip="10.0.0.999")
    assert "source_ip" in errors_of(logon)


def test_a_logon_id_already_assigned_is_refused():
    MailerAccountFactory(logon_id="ada-42")
    duplicate = MailerAccountFactory.build(person=mailer(), logon_id="ADA 42")
    assert errors_of(duplicate)["logon_id"] == ["This logon ID is already assigned."]


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-address"), ("phone", "12"), ("fax", "call me"), ("postal_code", "1234")],
)
def test_key_contact_details_are_validated(field, value):
    contact = KeyContactFactory.build(application=MailerApplicationFactory(), **{field: value})
    assert field in errors_of(contact)


def test_a_record_is_filed_under_its_applications_applicant():
    contact = KeyContactFactory.build(application=MailerApplicationFactory(), person=mailer())
    assert errors_of(contact)["application"] == ["The application belongs to another customer."]


def test_usage_cannot_be_measured_before_the_order():
    usage = models.ProductUsage(
        person=mailer(),
        product_ordered="evs",
        ordered_on=datetime.date(2024, 3, 1),
        quantity_ordered=1,
        usage_measured_on=datetime.date(2024, 2, 1),
    )
    assert "usage_measured_on" in errors_of(usage)


def test_password_is_kept_only_as_a_hash():
    account = MailerAccountFactory()
    account.set_password("correct horse battery staple")
    account.save()
    stored = models.MailerAccount.objects.get(pk=account.pk)
    assert "correct horse" not in stored.password_hash
    assert stored.check_password("correct horse battery staple")
    assert not stored.check_password("wrong")
