"""Finding 10: an access event says whose record was read, however far the record is
from its person.

Each access event is indexed by the people its records are about (AccessEventPerson),
which is what "who has seen my records" answers from. The index follows a record's own
`person` column only: a meeting device (device → participant session → person) is
recorded as about no one."""

import datetime

import pytest

from audit.models import AccessEvent, AccessEventPerson
from marketing.models import MeetingDevice
from sorn.constants import Role
from tests.marketing.factories import ParticipantSessionFactory, WebMeetingFactory

from .conftest import USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

AT = datetime.datetime(2025, 3, 3, 15, 0, tzinfo=datetime.UTC)


def test_reading_a_meeting_device_is_recorded_as_about_its_participant(as_role):
    """Finding 10: privacy_officer opens the change form of the device Petra joined a
    meeting from; the access event is linked to Petra through AccessEventPerson.
    Today the event is written but linked to no one."""
    petra = person_in("C00000111", USPS_890, given_name="Petra")
    session = ParticipantSessionFactory(meeting=WebMeetingFactory(), person=petra)
    device = MeetingDevice.objects.create(
        session=session,
        recorded_at=AT,
        device_type="desktop",
        operating_system="Linux",
        ip_address="203.0.113.9",
    )
    response = as_role(Role.PRIVACY_OFFICER).get(
        f"/admin/marketing/meetingdevice/{device.pk}/change/"
    )
    assert response.status_code == 200
    event = AccessEvent.objects.get(model="marketing.MeetingDevice")
    assert event.record_ids == [device.pk]
    linked = list(AccessEventPerson.objects.filter(event=event).values_list("person_id", flat=True))
    assert linked == [petra.pk]
