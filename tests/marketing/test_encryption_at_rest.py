"""Personal values of USPS 890.000 records are encrypted at rest: the raw column holds
an "e1:" token, never the plaintext; they decrypt on access through the record."""

import pytest
from django.db import connection

from tests.marketing import factories as f

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def raw_column(record, column: str) -> str:
    table = connection.ops.quote_name(record._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [record.pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("make", "column", "plaintext"),
    [
        (lambda: f.PaymentFactory(), "card_number", "4111111111111111"),
        (lambda: f.AchRecordFactory(), "account_number", "000123456789"),
        (lambda: f.BusinessProfileFactory(), "firm_name", "Example Printing Co."),
        (lambda: f.BusinessProfileFactory(), "duns_number", "123456789"),
        (lambda: f.EventRegistrationFactory(), "accommodations", "Wheelchair"),
        (lambda: f.WebMeetingFactory(), "host_email", "harriet.host@example.org"),
        (lambda: f.ParticipantSessionFactory(), "ip_address", "203.0.113.7"),
        (lambda: f.ParticipantSessionFactory(), "attributes", "Participant Quality"),
        (lambda: f.CollaborationMessageFactory(), "text", "drop date"),
        (lambda: f.ChatChannelFactory(), "organizer_name", "Olive"),
        (lambda: f.SurveyResponseFactory(), "survey_data", "Likely"),
        (lambda: f.InsightShareFactory(), "shared_to_email", "nora@example.net"),
        (lambda: f.MeetingRecordingFactory(), "file_reference", "recordings/"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_personal_value_is_not_in_clear_in_the_database(make, column, plaintext):
    record = make()
    stored = raw_column(record, column)
    assert stored.startswith("e1:")
    assert plaintext not in stored


def test_encrypted_attributes_decrypt_through_the_record():
    session = f.ParticipantSessionFactory()
    reloaded = type(session).objects.get(pk=session.pk)
    assert reloaded.attributes == {"Participant Quality": "good"}


def test_attributes_changed_in_place_are_re_encrypted_on_save():
    session = f.ParticipantSessionFactory()
    reloaded = type(session).objects.get(pk=session.pk)
    reloaded.attributes["Participant Status"] = "in waiting room"
    reloaded.save()
    again = type(session).objects.get(pk=session.pk)
    assert again.attributes == {
        "Participant Quality": "good",
        "Participant Status": "in waiting room",
    }


def test_card_shown_by_last_four_kept_in_clear():
    payment = f.PaymentFactory()
    assert raw_column(payment, "card_last_four") == "1111"
