"""Refusals inside the admin (issue 14, item 12): a 403 or a 404 under /admin/ is a page
in the admin's layout, with the way back and who to ask, and nothing else — no trace,
no exception text, no record. Outside the admin the site's pages and the API's JSON stay."""

from __future__ import annotations

import pytest

from sorn.constants import Role
from tests.access.conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

WAY_BACK = '<a href="/admin/">Go back to the staff start page</a>'
WHO = "ask your security administrator, who keeps staff"
LAYOUT = '<div id="site-name"><a href="/admin/">Privacy Act records service</a></div>'


@pytest.fixture(autouse=True)
def production_errors(settings):
    settings.DEBUG = False  # Django's technical pages are development-only


def test_a_model_the_role_cannot_see_is_a_403_in_the_admin_layout(as_role):
    person = person_in("C00000001", USPS_810, family_name="Lovelace", email="ada@x.org")
    response = as_role(Role.SECURITY_ADMIN).get("/admin/customers/person/")
    assert response.status_code == 403
    page = " ".join(response.content.decode().split())
    assert LAYOUT in page
    assert "<h1>This page is not open to your roles</h1>" in page
    assert WAY_BACK in page
    assert WHO in page
    assert '<a href="/staff/policy/">the role policy</a>' in page
    for secret in ("Lovelace", "ada@x.org", person.customer_id, "Traceback", "PermissionDenied"):
        assert secret not in page


def test_a_record_history_refused_to_every_role_is_the_same_403(as_role):
    person = person_in("C00000001", USPS_810, family_name="Lovelace")
    response = as_role(Role.PRIVACY_OFFICER).get(f"/admin/customers/person/{person.pk}/history/")
    assert response.status_code == 403
    assert WAY_BACK in " ".join(response.content.decode().split())


def test_an_unknown_admin_address_is_a_404_in_the_admin_layout(as_role):
    response = as_role(Role.CUSTOMER_SERVICE).get("/admin/customers/nothing-here/")
    assert response.status_code == 404
    page = " ".join(response.content.decode().split())
    assert LAYOUT in page
    assert "<h1>Not found</h1>" in page
    assert "the two look the same on purpose" in page
    assert WAY_BACK in page
    assert WHO in page


def test_outside_the_admin_the_site_and_the_api_answer_as_before(as_role):
    client = as_role(Role.CUSTOMER_SERVICE)
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert LAYOUT not in page.content.decode()
    api = client.get("/api/v1/no-such-resource/")
    assert api.status_code == 404
    assert api.json() == {"error": "not_found", "detail": "Not found.", "fields": {}}
