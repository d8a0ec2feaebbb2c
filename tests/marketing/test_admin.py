"""The USPS 890.000 admin searches through blind indexes and clear identifiers and shows
personal values only masked in its change lists."""

import pytest
from django.urls import reverse

from marketing.models import BusinessProfile, ParticipantSession, WebMeeting
from tests.marketing import factories as f

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def staff_client(client, django_user_model):
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


def test_host_email_is_shown_masked(staff_client):
    f.WebMeetingFactory()
    response = changelist(staff_client, WebMeeting, "")
    content = response.content.decode()
    assert "harriet.host@example.org" not in content
    assert "h•••@example.org" in content


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
