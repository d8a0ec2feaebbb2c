"""The rights page is linked from the home page, from every notice page and from the
requests placeholder (issue 11: "Linked from the home page and from every notice page")."""

import pytest

from tests.sorn.test_notice_pages import outline

pytestmark = pytest.mark.django_db


def test_home_links_to_the_rights_page(client):
    response = client.get("/")
    assert response.status_code == 200
    links = outline(response.content.decode()).links
    assert "/privacy/" in links
    assert "/privacy/requests/new/" in links
    assert "Your Privacy Act rights" in response.content.decode()


@pytest.mark.parametrize("slug", ["usps-810-300", "usps-820-100", "usps-890-000", "mint-009"])
def test_every_notice_page_links_to_the_rights_page(client, slug):
    response = client.get(f"/systems/{slug}/")
    assert response.status_code == 200
    links = outline(response.content.decode()).links
    assert f"/privacy/#{slug}" in links  # straight to the system's own part of the page


def test_requests_page_links_to_the_form_and_the_rights_page(client):
    response = client.get("/requests/")
    assert response.status_code == 200
    links = outline(response.content.decode()).links
    assert "/privacy/" in links
    assert "/privacy/requests/new/" in links
