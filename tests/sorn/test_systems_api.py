"""GET /api/v1/systems/ and /api/v1/systems/<slug>/: the catalogue as public JSON, and the
OpenAPI schema and docs served without any CDN."""

import re

import pytest

from sorn import catalogue

pytestmark = pytest.mark.django_db

DETAIL_FIELDS = {
    "slug", "number", "name", "revision", "url", "revision_loaded_at", "agency",
    "security_classification", "system_location", "system_managers", "authority",
    "purposes", "categories_of_individuals", "record_categories", "record_kinds",
    "record_source_categories", "routine_uses", "storage", "retrievability", "safeguards",
    "retention_rules", "disposal", "notification_procedure", "record_access_procedure",
    "contesting_procedure", "exemptions", "history", "editorial_notes",
}  # fmt: skip


def test_list_is_public_and_names_the_four_systems(client):
    response = client.get("/api/v1/systems/")
    assert response.status_code == 200
    body = response.json()
    assert [s["slug"] for s in body] == [n.slug for n in catalogue.NOTICES]
    assert set(body[0]) == {"slug", "number", "name", "revision", "url"}
    assert body[0]["url"].endswith("/api/v1/systems/usps-810-300/")
    assert {s["number"] for s in body} == {
        "USPS 810.300",
        "USPS 820.100",
        "USPS 890.000",
        "Treasury/United States Mint .009",
    }


@pytest.mark.parametrize("notice", catalogue.NOTICES, ids=lambda n: n.slug)
def test_detail_carries_every_section(client, notice):
    response = client.get(f"/api/v1/systems/{notice.slug}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == DETAIL_FIELDS
    assert body["number"] == notice.number
    assert body["revision"] == 1
    assert body["purposes"] == [{"number": p.number, "text": p.text} for p in notice.purposes]
    assert [c["key"] for c in body["record_categories"]] == [
        c.key for c in notice.record_categories
    ]
    assert body["record_categories"][0] == {
        "key": notice.record_categories[0].key,
        "number": notice.record_categories[0].number,
        "name": notice.record_categories[0].name,
        "description": notice.record_categories[0].description,
    }
    assert body["retrievability"] == [
        {"key": p.key, "text": p.text, "identifiers": list(p.identifiers)}
        for p in notice.retrievability
    ]
    assert body["routine_uses"]["text"] == notice.routine_uses.text
    assert body["routine_uses"]["standard"] == list(notice.routine_uses.standard)
    assert body["notification_procedure"] == notice.notification_procedure
    rules = body["retention_rules"]
    assert [
        (r["key"], r["period"], r["anchor"], r["applies_to"], r["source_text"]) for r in rules
    ] == [
        (r.key, r.period, str(r.anchor), list(r.applies_to), r.source_text)
        for r in notice.retention_rules
    ]
    for rule in rules:
        assert rule["has_disposition_authority"] is (rule["period"] is not None)


def test_retention_rule_shape_for_a_rule_without_authority(client):
    (rule,) = client.get("/api/v1/systems/mint-009/").json()["retention_rules"]
    assert rule["period"] is None
    assert rule["has_disposition_authority"] is False
    assert rule["period_description"] == "no period published (no disposition authority)"


def test_unknown_system_is_404(client):
    assert client.get("/api/v1/systems/usps-999-999/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_catalogue_is_read_only(client, method):
    response = getattr(client, method)(
        "/api/v1/systems/usps-810-300/", data={}, content_type="application/json"
    )
    assert response.status_code == 405
    list_response = getattr(client, method)(
        "/api/v1/systems/", data={}, content_type="application/json"
    )
    assert list_response.status_code == 405


def test_openapi_schema_describes_the_systems_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/systems/" in schema["paths"]
    assert "/api/v1/systems/{slug}/" in schema["paths"]
    detail = schema["components"]["schemas"]["SystemDetail"]["properties"]
    assert set(detail) >= DETAIL_FIELDS


def test_interactive_docs_load_their_assets_locally(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in s for s in sources)
    for source in sources:
        assert not source.startswith(("http://", "https://", "//")), source
