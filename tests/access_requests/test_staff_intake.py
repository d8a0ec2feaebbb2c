"""Issue 11, item 4: privacy officers type in requests that came by post, e-mail, fax or
telephone, with the same rules as the web form; each gets a tracking number and a
history that starts with its receipt. A received request freezes its person's purge."""

import datetime
import json
import re

import pytest
from django.test import Client

from access_requests.models import PrivacyActRequest, RequestEvent, RequestStatus
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ADD = "/admin/access_requests/privacyactrequest/add/"


def intake(**overrides) -> dict:
    data = {
        "kind": "access",
        "systems": ["usps-820-100"],
        "channel": "post",
        "received_on": "2026-11-20",
        "requester_name": "Rosa Example",
        "requester_address": "1 Example Street, Springfield, IL 62701",
        "id_logon_id": "rosa.example",
        "declared_name": "Rosa Example",
        "declared_on": "2026-11-18",
    }
    data.update(overrides)
    return data


@pytest.fixture
def officer(staff_user):
    client = Client()
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    return client


def test_a_privacy_officer_enters_a_request_that_came_by_post(officer):
    response = officer.post(ADD, intake())
    assert response.status_code == 302, response.content[:2000]
    request = PrivacyActRequest.objects.get()
    assert re.fullmatch(r"PA-\d{10}", request.tracking_number)
    assert (request.kind, request.channel, request.status) == ("access", "post", "received")
    assert request.systems == ["usps-820-100"]
    assert request.received_at.date() == datetime.date(2026, 11, 20)
    assert json.loads(request.identifiers) == {
        "logon_id": "rosa.example",
        "name": "Rosa Example",
        "address": "1 Example Street, Springfield, IL 62701",
    }
    assert [(e.event, e.what) for e in RequestEvent.objects.filter(request=request)] == [
        ("received", "Received by post, entered by privacy_officer-test"),
        ("status_link", "Status page link issued"),
    ]
    assert request in PrivacyActRequest.objects.pending()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_logon_id": ""}, "systems",
         "USPS 820.100 Mailer Services — Applications and Approvals: give at least one of: "
         "customer ID, logon ID."),
        ({"id_meeting_id": "123 456 789"}, "id_meeting_id",
         "None of the chosen systems is searched by this."),
        ({"declared_on": "2999-01-01"}, "declared_on", "This date is in the future."),
        ({"received_on": "2999-01-01"}, "received_on", "This date is in the future."),
        ({"declared_name": ""}, "declared_name", "This field is required."),
        ({"channel": "web"}, "channel",
         "Select a valid choice. web is not one of the available choices."),
    ],
    ids=["no identifier", "identifier not asked", "declared later", "received later",
         "no declaration", "web is not staff intake"],
)  # fmt: skip
def test_bad_intake_is_refused_naming_the_field_and_saves_nothing(
    officer, overrides, field, message
):
    response = officer.post(ADD, intake(**overrides))
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors.get(field, [])
    assert PrivacyActRequest.objects.count() == 0
    assert RequestEvent.objects.count() == 0


@pytest.mark.parametrize(
    "role", [Role.CUSTOMER_SERVICE, Role.RECORDS_OFFICER, Role.AUDITOR, Role.MAILER_SERVICES]
)
def test_only_privacy_officers_see_or_enter_requests(staff_user, role):
    client = Client()
    client.force_login(staff_user(role))
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, intake()).status_code == 403
    assert client.get("/admin/access_requests/privacyactrequest/").status_code == 403
    assert PrivacyActRequest.objects.count() == 0


def test_a_web_request_awaiting_verification_freezes_nothing():
    unverified = PrivacyActRequest.objects.create(kind="access", status=RequestStatus.UNVERIFIED)
    assert unverified not in PrivacyActRequest.objects.pending()


def test_what_the_requester_gave_is_encrypted_at_rest(officer):
    from django.db import connection

    officer.post(ADD, intake())
    request = PrivacyActRequest.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT requester_name, requester_address, identifiers, declared_name "
            "FROM access_requests_privacyactrequest WHERE id = %s",
            [request.pk],
        )
        stored = " ".join(str(value) for value in cursor.fetchone())
    for plain in ("Rosa", "Springfield", "rosa.example"):
        assert plain not in stored


# Consent, files and corrections -----------------------------------------------------------

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def consent(content: bytes = PDF, name: str = "consent.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_consent_that_came_by_post_is_kept_and_downloaded_by_a_privacy_officer(officer):
    response = officer.post(ADD, intake(on_behalf_of="Ash Example", consent=consent()))
    assert response.status_code == 302
    request = PrivacyActRequest.objects.get()
    (document,) = request.documents.all()
    assert (document.role, document.content_type, document.size) == (
        "consent", "application/pdf", len(PDF)
    )  # fmt: skip
    page = officer.get(f"/admin/access_requests/privacyactrequest/{request.pk}/change/")
    url = f"/admin/access_requests/privacyactrequest/{request.pk}/documents/{document.pk}/"
    assert url in page.content.decode()
    download = officer.get(url)
    assert download.status_code == 200
    assert download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{request.tracking_number}-{document.pk}.pdf"'
    )
    assert (
        request.events.last().what
        == f"Written consent of the person the request is about #{document.pk} downloaded"
    )


def test_a_consent_without_a_name_or_a_name_without_consent_is_refused(officer):
    for data, field, message in (
        (intake(on_behalf_of="Ash Example"), "consent",
         "Upload the signed consent of the person you ask for."),
        (intake(consent=consent()), "on_behalf_of",
         "Give the name of the person whose consent this is."),
        (intake(on_behalf_of="Ash Example", consent=consent(b"<html></html>")), "consent",
         "consent.pdf is not a PDF, PNG or JPEG file (whatever its name says)."),
    ):  # fmt: skip
        response = officer.post(ADD, data)
        assert response.status_code == 200
        assert message in response.context["adminform"].form.errors[field]
    assert PrivacyActRequest.objects.count() == 0


@pytest.mark.parametrize(
    "role", [Role.CUSTOMER_SERVICE, Role.RECORDS_OFFICER, Role.AUDITOR, Role.SECURITY_ADMIN]
)
def test_no_other_role_downloads_a_requests_file(officer, staff_user, role):
    officer.post(ADD, intake(on_behalf_of="Ash Example", consent=consent()))
    request = PrivacyActRequest.objects.get()
    document = request.documents.get()
    client = Client()
    client.force_login(staff_user(role))
    url = f"/admin/access_requests/privacyactrequest/{request.pk}/documents/{document.pk}/"
    response = client.get(url)
    assert response.status_code == 403
    assert PDF not in response.content
    assert not request.events.filter(event="document").exists()


def test_a_privacy_officer_corrects_the_kind_systems_and_asks_the_requester(officer):
    officer.post(ADD, intake())
    request = PrivacyActRequest.objects.get()
    url = f"/admin/access_requests/privacyactrequest/{request.pk}/change/"
    response = officer.post(
        url,
        {
            "kind": "amendment",
            "systems": ["usps-810-300", "usps-820-100"],
            "asked_of_requester": "Please send a copy of your mailer permit.",
            "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0",
            "letters-TOTAL_FORMS": "0", "letters-INITIAL_FORMS": "0",
            "matches-TOTAL_FORMS": "0", "matches-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content[:3000]
    request.refresh_from_db()
    assert request.kind == "amendment"
    assert request.systems == ["usps-810-300", "usps-820-100"]
    assert request.asked_of_requester == "Please send a copy of your mailer permit."
    assert [e.what for e in request.events.filter(event="corrected")] == [
        "Kind corrected from Access to records (552a(d)(1)) to Amendment of records (552a(d)(2))",
        "Systems corrected from usps-820-100 to usps-810-300, usps-820-100",
        "Asked the requester for something (shown on their status page)",
    ]
    # The tracking number, channel and status stay as they were.
    assert (request.channel, request.status) == ("post", "received")
