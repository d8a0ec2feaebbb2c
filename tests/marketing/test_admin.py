"""The USPS 890.000 admin searches through blind indexes and clear identifiers and shows
personal values only masked in its change lists."""

import pytest
from django.urls import reverse

from marketing.models import BusinessProfile, ParticipantSession, WebMeeting
from sorn.constants import Role
from tests.marketing import factories as f

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def staff_client(client, django_user_model, settings):
    # A superuser holds no role in the record views unless the setting grants one.
    settings.POLICY_SUPERUSER_ROLES = ["privacy_officer"]
    user = django_user_model.objects.create_superuser("mkt-admin", password="x-Admin-pass-1")
    client.force_login(user)
    return client


def changelist(client, model, query: str):
    url = reverse(f"admin:marketing_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response


def test_meeting_found_by_host_email_in_another_case(staff_client):
    meeting = f.WebMeetingFactory()
    f.WebMeetingFactory(host_email="someone@example.org")
    response = changelist(staff_client, WebMeeting, "HARRIET.HOST@example.org")
    assert list(response.context["cl"].result_list) == [meeting]


def test_host_email_is_masked_for_a_marketing_analyst(client, staff_user):
    # The policy masks contact details for marketing analysts and shows them to the
    # privacy officer.
    f.WebMeetingFactory()
    client.force_login(staff_user(Role.MARKETING_ANALYST))
    content = changelist(client, WebMeeting, "").content.decode()
    assert "harriet.host@example.org" not in content
    assert "h•••@example.org" in content


def test_host_email_is_shown_to_the_privacy_officer(staff_client):
    f.WebMeetingFactory()
    content = changelist(staff_client, WebMeeting, "").content.decode()
    assert "harriet.host@example.org" in content


def test_sessions_found_by_meeting_id(staff_client):
    session = f.ParticipantSessionFactory(meeting=f.WebMeetingFactory(meeting_id="81200000001"))
    f.ParticipantSessionFactory()
    response = changelist(staff_client, ParticipantSession, "81200000001")
    assert list(response.context["cl"].result_list) == [session]


def test_business_profile_found_by_sic_code(staff_client):
    profile = f.BusinessProfileFactory(sic_code="5961")
    f.BusinessProfileFactory(sic_code="2752")
    response = changelist(staff_client, BusinessProfile, "5961")
    assert list(response.context["cl"].result_list) == [profile]
