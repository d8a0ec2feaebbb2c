"""Factories for USPS 890.000 records and the customers they are about."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from customers.models import Address, Person, PhoneNumber, SystemRelationship
from marketing import models
from marketing.constants import (
    CampaignKind,
    CampaignResponseType,
    ChannelKind,
    EventKind,
    EventRole,
    ParticipantRole,
    PaymentMethod,
    ResponseChannel,
    ShareKind,
    SurveyKind,
)

DAY = datetime.date(2025, 3, 3)
AT = datetime.datetime(2025, 3, 3, 15, 0, tzinfo=datetime.UTC)
VALID_CARD = "4111111111111111"  # a published test number, Luhn-valid
VALID_ROUTING = "011000015"  # checksum-valid ABA routing number


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    customer_id = factory.Sequence(lambda n: f"K{n:08d}")
    given_name = "Grace"
    family_name = factory.Sequence(lambda n: f"Marketer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.family_name.lower()}@example.com")
    company_name = "Example Printing Co."


class RelationshipFactory(DjangoModelFactory):
    """A customer of USPS 890.000."""

    class Meta:
        model = SystemRelationship

    person = factory.SubFactory(PersonFactory)
    system = "usps-890-000"
    system_customer_id = factory.LazyAttribute(lambda o: f"USPS-{o.person.customer_id}")
    started_on = datetime.date(2020, 1, 1)


def customer(**person_fields) -> Person:
    """A person with a USPS 890.000 relationship, a home address and a phone number."""
    person = RelationshipFactory(person=PersonFactory(**person_fields)).person
    Address.objects.create(
        person=person,
        kind="home",
        line1="1 Example Street",
        city="Springfield",
        state="IL",
        postal_code="62701",
    )
    PhoneNumber.objects.create(person=person, kind="home", number="(217) 555-0142")
    return person


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = models.Campaign

    code = factory.Sequence(lambda n: f"T-CMP-{n:03d}")
    name = "Every Door Direct Mail spring mailing"
    kind = CampaignKind.DIRECT_MARKETING
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 12, 31)


class CampaignResponseFactory(DjangoModelFactory):
    class Meta:
        model = models.CampaignResponse

    person = factory.LazyFunction(customer)
    campaign = factory.SubFactory(CampaignFactory)
    responded_on = DAY
    channel = ResponseChannel.MAIL
    response = CampaignResponseType.INQUIRY


class BusinessProfileFactory(DjangoModelFactory):
    class Meta:
        model = models.BusinessProfile

    person = factory.LazyFunction(customer)
    recorded_on = DAY
    firm_name = "Example Printing Co."
    sic_code = "2752"
    naics_code = "323111"
    employee_count = 45
    duns_number = "123456789"


class SupplierContractFactory(DjangoModelFactory):
    class Meta:
        model = models.SupplierContract

    person = factory.LazyFunction(customer)
    award_number = factory.Sequence(lambda n: f"T-AW-{n:05d}")
    starts_on = datetime.date(2024, 10, 1)
    ends_on = datetime.date(2026, 9, 30)
    contract_value = Decimal("250000.00")
    products_and_services = "Printing of mailing pieces"


class PublicationFactory(DjangoModelFactory):
    class Meta:
        model = models.Publication

    code = factory.Sequence(lambda n: f"T-PUB-{n}")
    title = "Postal Bulletin"
    first_issued_on = datetime.date(2000, 1, 1)


class PublicationRequestFactory(DjangoModelFactory):
    class Meta:
        model = models.PublicationRequest

    person = factory.LazyFunction(customer)
    publication = factory.SubFactory(PublicationFactory)
    requested_on = DAY
    format = "print"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = models.Event

    name = "National Postal Forum"
    kind = EventKind.NATIONAL_CONFERENCE
    starts_on = datetime.date(2025, 5, 4)
    ends_on = datetime.date(2025, 5, 7)
    registration_fee = Decimal("495.00")


class EventRegistrationFactory(DjangoModelFactory):
    class Meta:
        model = models.EventRegistration

    person = factory.LazyFunction(customer)
    event = factory.SubFactory(EventFactory)
    registered_on = DAY
    role = EventRole.ATTENDEE
    badge_name = "Gracie"
    accommodations = "Wheelchair-accessible seating"


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = models.Survey

    code = factory.Sequence(lambda n: f"T-SRV-{n}")
    title = "Shipping habits survey"
    kind = SurveyKind.SURVEY
    opens_on = datetime.date(2025, 2, 1)
    closes_on = datetime.date(2025, 4, 30)


class SurveyResponseFactory(DjangoModelFactory):
    class Meta:
        model = models.SurveyResponse

    person = factory.LazyFunction(customer)
    survey = factory.SubFactory(SurveyFactory)
    responded_at = AT
    answers = factory.LazyFunction(lambda: {"q1": "Satisfied"})
    survey_data = factory.LazyFunction(lambda: {"willingness_to_buy": "Likely"})


class PaymentFactory(DjangoModelFactory):
    class Meta:
        model = models.Payment

    person = factory.LazyFunction(customer)
    paid_on = DAY
    amount = Decimal("495.00")
    method = PaymentMethod.CARD
    card_number = VALID_CARD
    card_expiry_month = 12
    card_expiry_year = 2027


class AchRecordFactory(DjangoModelFactory):
    class Meta:
        model = models.AchRecord

    person = factory.LazyFunction(customer)
    authorized_on = DAY
    amount = Decimal("95.00")
    account_holder_name = "Grace Marketer"
    routing_number = VALID_ROUTING
    account_number = "000123456789"
    account_type = "checking"


class WebMeetingFactory(DjangoModelFactory):
    class Meta:
        model = models.WebMeeting

    meeting_id = factory.Sequence(lambda n: f"81234{n:05d}")
    topic = "Quarterly PCC virtual meeting"
    started_at = AT
    duration_minutes = 60
    host_name = "Harriet Host"
    host_email = "harriet.host@example.org"


class ParticipantSessionFactory(DjangoModelFactory):
    class Meta:
        model = models.ParticipantSession

    meeting = factory.SubFactory(WebMeetingFactory)
    participant_name = "Paul Participant"
    participant_email = "paul.participant@example.net"
    role = ParticipantRole.ATTENDEE
    joined_at = AT
    left_at = AT + datetime.timedelta(minutes=40)
    ip_address = "203.0.113.7"
    attributes = factory.LazyFunction(lambda: {"Participant Quality": "good"})


class MeetingRecordingFactory(DjangoModelFactory):
    class Meta:
        model = models.MeetingRecording

    meeting = factory.SubFactory(WebMeetingFactory)
    created_at = AT + datetime.timedelta(hours=1)
    recording_type = "audio_only"
    file_reference = "recordings/8123400001/audio.m4a"
    file_extension = "m4a"
    file_size = 4_000_000


class ChatChannelFactory(DjangoModelFactory):
    class Meta:
        model = models.ChatChannel

    kind = ChannelKind.PERSISTENT_CHANNEL
    created_at = AT
    title = "Customer collaboration"
    organizer_name = "Olive Organizer"


class CollaborationMessageFactory(DjangoModelFactory):
    class Meta:
        model = models.CollaborationMessage

    channel = factory.SubFactory(ChatChannelFactory)
    persistent = True
    message_id = factory.Sequence(lambda n: f"MSG-T{n:06d}")
    sender_name = "Grace Marketer"
    sent_at = AT
    text = "Can we move the drop date to Friday?"


class InsightShareFactory(DjangoModelFactory):
    class Meta:
        model = models.InsightShare

    kind = ShareKind.CUSTOM_WEBPAGE
    shared_at = AT
    shared_by_name = "Harriet Host"
    shared_by_email = "harriet.host@example.org"
    shared_to_name = "Nora Noncustomer"
    shared_to_email = "nora@example.net"
    view_count = 3
