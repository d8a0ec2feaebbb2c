"""Retention periods in words (issue 14, item 13): every page that shows a period says it
as the notice does — "3 years after the relationship ends" — never as P3Y."""

import pytest

from sorn.constants import ANCHOR_EVENTS, RetentionAnchor, Role
from sorn.models import SystemOfRecords
from sorn.periods import retention_in_words


@pytest.mark.parametrize(
    ("period", "anchor", "words"),
    [
        # USPS 810.300: "Other records are retained up to 3 years after the customer
        # relationship ends."
        ("P3Y", "relationship_ended", "3 years after the relationship ends"),
        # USPS 820.100, retention 1: "Logon records are retained 1 year after computer access."
        ("P1Y", "created", "1 year after the event it records"),
        # USPS 820.100, retention 3.
        ("P2Y", "access_cancelled", "2 years after computer access privileges are cancelled"),
        # USPS 890.000, retention 1: "retained until the customer ceases to participate".
        ("P0D", "participation_ceased", "until the customer ceases to participate"),
        # USPS 890.000, retention 4: "twenty-four months".
        ("P24M", "created", "24 months after the event it records"),
        # Treasury/Mint .009 publishes no period.
        (
            None,
            "created",
            "kept without disposition authority: the notice publishes no retention period, "
            "so nothing is destroyed automatically",
        ),
    ],
)
def test_a_rule_in_words(period, anchor, words):
    assert retention_in_words(period, anchor) == words


def test_every_anchor_has_its_event_in_words():
    assert set(ANCHOR_EVENTS) == set(RetentionAnchor)


@pytest.mark.django_db
def test_the_public_notice_page_says_periods_in_words(client):
    html = client.get("/systems/usps-810-300/").content.decode()
    assert "3 years after the relationship ends" in html
    assert "2 years after the event it records" in html
    assert "P3Y" not in html and "P2Y" not in html


@pytest.mark.django_db(databases=["default", "keystore"])
def test_the_catalogues_admin_says_periods_in_words_beside_the_iso_value(client, staff_user):
    client.force_login(staff_user(Role.RECORDS_OFFICER))
    revision = SystemOfRecords.objects.get(slug="usps-810-300").current_revision
    html = client.get(f"/admin/sorn/noticerevision/{revision.pk}/change/").content.decode()
    assert "3 years after the relationship ends" in html
    assert "P3Y" in html  # the stored value, for whoever checks it against the notice
