"""USPS 890.000 "Retrievability", path by path, through `sorn.retrieval.find_records`:
1. customer name or customer ID(s), mail or e-mail address, phone number; 2. SIC or NAICS
number and company name; 3., 5., 6. meeting ID, host name or host e-mail; 4. organizer
name; 7. Customer Insight materials by name and e-mail address."""

import pytest

from sorn.retrieval import UnknownIdentifier, find_records
from tests.marketing import factories as f

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

SYSTEM = "usps-890-000"


def found(identifiers, label):
    return set(find_records(SYSTEM, identifiers).records[label].values_list("pk", flat=True))


@pytest.fixture
def customer_records():
    """One customer's sales, event and publication records, and another customer's."""
    person = f.customer(given_name="Ada", family_name="Lovelace", email="ada@example.com")
    other = f.customer(given_name="Charles", family_name="Babbage", email="cb@example.com")
    return {
        "person": person,
        "response": f.CampaignResponseFactory(person=person),
        "registration": f.EventRegistrationFactory(person=person),
        "request": f.PublicationRequestFactory(person=person),
        "other_response": f.CampaignResponseFactory(person=other),
    }


@pytest.mark.parametrize(
    "identifiers",
    [
        {"name": "ADA  lovelace"},
        {"email": " Ada@Example.com"},
        {"phone": "+1 217 555 0142", "name": "Ada Lovelace"},
        {"address": "1 example street, springfield, IL, 62701", "name": "Ada Lovelace"},
    ],
    ids=["name", "email", "phone", "address"],
)
def test_retrieval_1_finds_sales_event_and_publication_records(customer_records, identifiers):
    assert found(identifiers, "marketing.CampaignResponse") == {customer_records["response"].pk}
    assert found(identifiers, "marketing.EventRegistration") == {
        customer_records["registration"].pk
    }
    assert found(identifiers, "marketing.PublicationRequest") == {customer_records["request"].pk}


def test_retrieval_1_by_customer_id_of_the_system(customer_records):
    person = customer_records["person"]
    for value in (person.customer_id, f"usps-{person.customer_id}"):
        assert found({"customer_id": value}, "marketing.CampaignResponse") == {
            customer_records["response"].pk
        }


def test_a_non_matching_identifier_finds_nothing(customer_records):
    result = find_records(SYSTEM, {"email": "nobody@example.com"})
    assert result.count() == 0


def test_every_identifier_given_must_match(customer_records):
    result = find_records(SYSTEM, {"email": "ada@example.com", "name": "Charles Babbage"})
    assert result.count() == 0


def test_no_identifiers_find_nothing(customer_records):
    assert find_records(SYSTEM, {}).records == {}


def test_an_identifier_the_notice_does_not_list_is_refused():
    with pytest.raises(UnknownIdentifier, match="order_number"):
        find_records(SYSTEM, {"order_number": "X1"})


@pytest.fixture
def firm():
    profile = f.BusinessProfileFactory(firm_name="Acme Letterpress", sic_code="2752")
    return {
        "profile": profile,
        "contract": f.SupplierContractFactory(person=profile.person, business_profile=profile),
        "response": f.CampaignResponseFactory(person=profile.person),
        "elsewhere": f.BusinessProfileFactory(firm_name="Other Firm", sic_code="2752"),
    }


def test_retrieval_2_by_sic_and_company_name(firm):
    identifiers = {"sic": "2752", "company_name": "ACME letterpress"}
    assert found(identifiers, "marketing.BusinessProfile") == {firm["profile"].pk}
    assert found(identifiers, "marketing.SupplierContract") == {firm["contract"].pk}
    assert found(identifiers, "marketing.CampaignResponse") == {firm["response"].pk}


def test_retrieval_2_by_naics_number(firm):
    profiles = found({"naics": "323111"}, "marketing.BusinessProfile")
    assert profiles == {firm["profile"].pk, firm["elsewhere"].pk}


def test_retrieval_2_with_another_company_name_finds_nothing(firm):
    result = find_records(SYSTEM, {"sic": "2752", "company_name": "Nonexistent Inc"})
    assert result.count() == 0


@pytest.fixture
def meeting():
    meeting = f.WebMeetingFactory(meeting_id="81234567890")
    return {
        "meeting": meeting,
        "session": f.ParticipantSessionFactory(meeting=meeting),
        "recording": f.MeetingRecordingFactory(meeting=meeting),
        "other_session": f.ParticipantSessionFactory(
            meeting=f.WebMeetingFactory(host_name="Other Host", host_email="o@example.org")
        ),
    }


@pytest.mark.parametrize(
    "identifiers",
    [
        {"meeting_id": "812 3456 7890"},
        {"host_name": "harriet HOST", "meeting_id": "81234567890"},
        {"host_email": "Harriet.Host@example.org", "meeting_id": "81234567890"},
    ],
    ids=["meeting_id", "host_name", "host_email"],
)
def test_retrievals_3_5_6_find_sessions_and_recordings(meeting, identifiers):
    assert found(identifiers, "marketing.WebMeeting") == {meeting["meeting"].pk}
    assert found(identifiers, "marketing.ParticipantSession") == {meeting["session"].pk}
    assert found(identifiers, "marketing.MeetingRecording") == {meeting["recording"].pk}


def test_retrieval_3_by_host_email_through_the_blind_index(meeting):
    sessions = found({"host_email": "o@example.org"}, "marketing.ParticipantSession")
    assert sessions == {meeting["other_session"].pk}


def test_retrieval_3_with_an_unknown_meeting_id_finds_nothing(meeting):
    assert find_records(SYSTEM, {"meeting_id": "99999999999"}).count() == 0


def test_retrieval_4_by_organizer_name():
    message = f.CollaborationMessageFactory()
    f.CollaborationMessageFactory(channel=f.ChatChannelFactory(organizer_name="Someone Else"))
    identifiers = {"organizer_name": "olive organizer"}
    assert found(identifiers, "marketing.CollaborationMessage") == {message.pk}
    assert found(identifiers, "marketing.ChatChannel") == {message.channel_id}


def test_retrieval_7_customer_insight_by_name_and_email():
    share = f.InsightShareFactory()
    f.InsightShareFactory(shared_to_name="Nora Noncustomer", shared_to_email="n2@example.net")
    identifiers = {"name": "Nora Noncustomer", "email": "NORA@example.net"}
    assert found(identifiers, "marketing.InsightShare") == {share.pk}


def test_a_customer_and_a_meeting_identifier_must_both_match(meeting, customer_records):
    identifiers = {"email": "ada@example.com", "meeting_id": "81234567890"}
    assert found(identifiers, "marketing.ParticipantSession") == set()
    person = customer_records["person"]
    session = f.ParticipantSessionFactory(meeting=meeting["meeting"], person=person)
    assert found(identifiers, "marketing.ParticipantSession") == {session.pk}
