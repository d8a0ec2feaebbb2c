"""Bad input to USPS 890.000 records is a clear field error from full_clean(), and
nothing is saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from marketing import models
from marketing.constants import MessageRecordKind, PaymentMethod, SurveyKind
from tests.marketing import factories as f

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def field_error(record, field: str) -> str:
    """The error full_clean() gives `field`; the record must not have been saved."""
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    assert record.pk is None
    assert not type(record).objects.exists()
    errors = caught.value.message_dict
    assert field in errors, errors
    return " ".join(errors[field])


def test_card_number_failing_the_luhn_check():
    payment = f.PaymentFactory.build(person=f.customer(), card_number="4111111111111112")
    assert "check digit" in field_error(payment, "card_number")


def test_card_expired_before_the_payment():
    payment = f.PaymentFactory.build(
        person=f.customer(),
        paid_on=datetime.date(2025, 3, 3),
        card_expiry_year=2025,
        card_expiry_month=2,
    )
    assert "expired" in field_error(payment, "card_expiry_year")


def test_card_good_through_the_end_of_its_expiry_month():
    payment = f.PaymentFactory.build(
        person=f.customer(),
        paid_on=datetime.date(2025, 3, 31),
        card_expiry_year=2025,
        card_expiry_month=3,
    )
    payment.full_clean()
    assert (payment.card_last_four, payment.card_brand) == ("1111", "visa")


def test_no_card_verification_code_is_ever_a_field():
    names = {field.name for field in models.Payment._meta.get_fields()}
    assert not names & {"cvv", "cvc", "card_verification_code", "security_code"}


def test_check_payment_needs_its_check_information():
    payment = f.PaymentFactory.build(
        person=f.customer(),
        method=PaymentMethod.CHECK,
        card_number="",
        card_expiry_month=None,
        card_expiry_year=None,
        check_number="1001",
    )
    assert "check information" in field_error(payment, "check_routing_number")


def test_ach_routing_number_with_a_bad_check_digit():
    ach = f.AchRecordFactory.build(person=f.customer(), routing_number="011000016")
    assert "routing number" in field_error(ach, "routing_number")


def test_supplier_contract_ending_before_it_starts():
    contract = f.SupplierContractFactory.build(
        person=f.customer(), starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2024, 1, 1)
    )
    assert "before it starts" in field_error(contract, "ends_on")


def test_the_database_refuses_a_contract_ending_before_it_starts():
    contract = f.SupplierContractFactory.build(
        person=f.customer(), starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2024, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        contract.save()
    assert not models.SupplierContract.objects.exists()


def test_pcc_membership_ceasing_before_it_began():
    membership = models.PccMembership(
        person=f.customer(),
        council="Dallas PCC",
        joined_on=datetime.date(2025, 5, 1),
        ceased_on=datetime.date(2025, 4, 1),
    )
    assert "cannot cease" in field_error(membership, "ceased_on")


def test_an_unknown_attribute_key_names_the_key():
    session = f.ParticipantSessionFactory.build(
        meeting=f.WebMeetingFactory(),
        attributes={"Participant Quality": "good", "Participant Shoe Size": "9"},
    )
    message = field_error(session, "attributes")
    assert "'Participant Shoe Size'" in message
    assert "Participant session data" in message


def test_an_attribute_of_another_category_is_refused():
    # "CPU Brand" is published for device data (category 11), not participant sessions.
    session = f.ParticipantSessionFactory.build(
        meeting=f.WebMeetingFactory(), attributes={"CPU Brand": "Intel"}
    )
    assert "'CPU Brand'" in field_error(session, "attributes")


def test_a_published_secret_attribute_is_never_stored():
    device = models.MeetingDevice(
        session=f.ParticipantSessionFactory(),
        recorded_at=f.AT,
        device_type="desktop",
        operating_system="Windows 11",
        attributes={"SIP Phone Password": "hunter2"},
    )
    assert "secret" in field_error(device, "attributes")


def test_attributes_must_be_an_object():
    device = models.MeetingDevice(
        session=f.ParticipantSessionFactory(),
        recorded_at=f.AT,
        device_type="desktop",
        operating_system="Windows 11",
        attributes=["CPU Brand"],
    )
    assert "JSON object" in field_error(device, "attributes")


def test_survey_data_only_holds_the_published_topics():
    response = f.SurveyResponseFactory.build(
        person=f.customer(), survey=f.SurveyFactory(), survey_data={"shoe_size": "9"}
    )
    assert "'shoe_size'" in field_error(response, "survey_data")


def test_survey_response_outside_the_survey_window():
    survey = f.SurveyFactory()
    response = f.SurveyResponseFactory.build(
        person=f.customer(),
        survey=survey,
        responded_at=datetime.datetime(2026, 1, 1, 15, tzinfo=datetime.UTC),
    )
    assert "open from" in field_error(response, "responded_at")


def test_contest_outcome_only_for_a_contest():
    response = f.SurveyResponseFactory.build(
        person=f.customer(),
        survey=f.SurveyFactory(kind=SurveyKind.SURVEY),
        contest_outcome="winner",
    )
    assert "contest" in field_error(response, "contest_outcome")


@pytest.mark.parametrize(
    ("field", "value"), [("sic_code", "275"), ("naics_code", "32A111"), ("duns_number", "12345")]
)
def test_industrial_classification_and_duns_formats(field, value):
    profile = f.BusinessProfileFactory.build(person=f.customer(), **{field: value})
    assert field_error(profile, field)


def test_meeting_id_must_be_digits():
    meeting = f.WebMeetingFactory.build(meeting_id="abc-defg-hij")
    assert "meeting ID" in field_error(meeting, "meeting_id")


def test_insight_share_with_an_invalid_email():
    share = f.InsightShareFactory.build(shared_to_email="not-an-address")
    assert field_error(share, "shared_to_email")


def test_campaign_response_before_the_campaign():
    response = f.CampaignResponseFactory.build(
        person=f.customer(), campaign=f.CampaignFactory(), responded_on=datetime.date(2024, 6, 1)
    )
    assert "before the campaign" in field_error(response, "responded_on")


def test_edited_message_names_its_main_message():
    message = f.CollaborationMessageFactory.build(
        channel=f.ChatChannelFactory(), record_kind=MessageRecordKind.EDITED
    )
    assert "main message" in field_error(message, "main_message")


def test_participant_leaving_before_joining():
    session = f.ParticipantSessionFactory.build(
        meeting=f.WebMeetingFactory(), left_at=f.AT - datetime.timedelta(minutes=1)
    )
    assert "before joining" in field_error(session, "left_at")
