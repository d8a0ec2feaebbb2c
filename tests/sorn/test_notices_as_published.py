"""The catalogue says what the published notices say.

Table-driven checks of each system of records against its source text in shared/seeds/:
retention rules (period, anchor, what they govern, the sentence they come from), record
category names, purposes, retrieval identifiers. No database needed:

    python -m pytest tests/sorn/test_notices_as_published.py -p no:django -q
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from sorn.catalogue import NOTICES, get_notice
from sorn.catalogue.validation import validate_catalogue
from sorn.constants import RetentionAnchor

# Copies of shared/seeds/, kept in the repository so a fresh clone can check itself.
SEEDS = Path(__file__).resolve().parents[2] / "docs" / "notices"

SEED_FILES = {
    "usps-810-300": "usps-810.300-offline-registration-payment-fulfillment.txt",
    "usps-820-100": "usps-820.100-mailer-services-applications.txt",
    "usps-890-000": "usps-890.000-sales-marketing-events-publications.txt",
    "mint-009": "treasury-mint-009-order-management-system.txt",
}

USPS_890_OTHER = (
    "customer_information",
    "identifying_information",
    "business_specific_information",
    "supplier_information",
    "payment_information",
    "event_information",
    "customer_preferences",
)
MINT_CATEGORIES = (
    "staff_user_access",
    "customer_order_information",
    "gift_recipients",
    "browsing_behavioral",
    "chat_records",
    "phone_call_records",
)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def seed_text(slug: str) -> str:
    return normalise((SEEDS / SEED_FILES[slug]).read_text(encoding="utf-8"))


def rule(slug: str, key: str):
    for candidate in get_notice(slug).retention_rules:
        if candidate.key == key:
            return candidate
    raise AssertionError(f"{slug} declares no retention rule {key!r}")


# (slug, rule key, period, anchor, applies_to, source_text, quoted from the notice)
RETENTION_CASES = [
    # USPS 810.300, retention and disposal, first sentence
    (
        "usps-810-300",
        "ach",
        "P2Y",
        RetentionAnchor.CREATED,
        ("ach",),
        "ACH records are retained up to 2 years.",
        True,
    ),
    # USPS 810.300, retention and disposal, second sentence
    (
        "usps-810-300",
        "other",
        "P3Y",
        RetentionAnchor.RELATIONSHIP_ENDED,
        (
            "customer_information",
            "payment_information",
            "shipping_information",
            "customer_preferences",
            "customer_feedback",
            "order_processing",
        ),
        "Other records are retained up to 3 years after the customer relationship ends.",
        True,
    ),
    # USPS 820.100, retention 1
    (
        "usps-820-100",
        "logon",
        "P1Y",
        RetentionAnchor.CREATED,
        ("logon",),
        "Logon records are retained 1 year after computer access.",
        True,
    ),
    # USPS 820.100, retention 2
    (
        "usps-820-100",
        "ach",
        "P2Y",
        RetentionAnchor.CREATED,
        ("ach",),
        "ACH records are retained up to 2 years.",
        True,
    ),
    # USPS 820.100, retention 3
    (
        "usps-820-100",
        "security_access",
        "P2Y",
        RetentionAnchor.ACCESS_CANCELLED,
        ("security_access",),
        "Security access records are retained 2 years after computer access privileges are "
        "cancelled.",
        True,
    ),
    # USPS 820.100, retention 4
    (
        "usps-820-100",
        "other",
        "P4Y",
        RetentionAnchor.RELATIONSHIP_ENDED,
        (
            "customer_information",
            "identification_authentication",
            "mail_practices",
            "technical_information",
            "product_usage_payment",
            "customer_feedback",
        ),
        "Other customer records are retained 4 years after the customer relationship ends.",
        True,
    ),
    # USPS 890.000, retention 1
    (
        "usps-890-000",
        "organizations_mailing_lists",
        "P0D",
        RetentionAnchor.PARTICIPATION_CEASED,
        ("organization_participation", "publication_mailing_list"),
        "Records relating to organizations and publication mailing lists are retained until "
        "the customer ceases to participate.",
        True,
    ),
    # USPS 890.000, retention 2, first sentence
    (
        "usps-890-000",
        "ach",
        "P2Y",
        RetentionAnchor.CREATED,
        ("ach",),
        "ACH records are retained up to 2 years.",
        True,
    ),
    # USPS 890.000, retention 2, second sentence
    (
        "usps-890-000",
        "direct_marketing",
        "P5Y",
        RetentionAnchor.CREATED,
        ("direct_marketing", "advertising", "promotion"),
        "Records relating to direct marketing, advertising, and promotions are retained 5 years.",
        True,
    ),
    # USPS 890.000, retention 3
    (
        "usps-890-000",
        "other",
        "P3Y",
        RetentionAnchor.RELATIONSHIP_ENDED,
        USPS_890_OTHER,
        "Other records are retained 3 years after the relationship ends.",
        True,
    ),
    # USPS 890.000, retention 4
    (
        "usps-890-000",
        "meeting_report_tracking",
        "P24M",
        RetentionAnchor.CREATED,
        (
            "participant_session_data",
            "device_data",
            "user_data",
            "administration_data",
            "telemetry_data",
        ),
        "Report and tracking data created during web-based meeting and video conferences, such "
        "as session data and historical device usage data, are retained for twenty-four months.",
        True,
    ),
    # USPS 890.000, retention 5
    (
        "usps-890-000",
        "collaboration_communication",
        "P24M",
        RetentionAnchor.CREATED,
        ("chat_telemetry_data", "communication_data"),
        "Records pertaining to web-based collaboration and communication applications are "
        "retained for twenty-four months.",
        True,
    ),
    # USPS 890.000, retention 6
    (
        "usps-890-000",
        "meeting_recordings",
        "P24M",
        RetentionAnchor.CREATED,
        ("meeting_recording",),
        "Web-based meeting and video session recordings are retained for twenty-four months.",
        True,
    ),
    # USPS 890.000, retention 7
    (
        "usps-890-000",
        "customer_insight_research_survey",
        "P3Y",
        RetentionAnchor.CREATED,
        (
            "survey_contest_information",
            "survey_data",
            "survey_data_17",
            "customer_sharing_analytics",
        ),
        "Customer insight, market research, and survey records will be retained for 3 years.",
        True,
    ),
    # Treasury/United States Mint .009, retention and disposal: not republished (* * * * *);
    # the source text is an editorial statement, not a quotation.
    (
        "mint-009",
        "not_published",
        None,
        RetentionAnchor.CREATED,
        MINT_CATEGORIES,
        "The notice of altered system does not republish its retention and disposal section "
        "(marked * * * * *): no retention period, and so no disposition authority, is "
        "published.",
        False,
    ),
]


def _case_id(case) -> str:
    return f"{case[0]}:{case[1]}"


@pytest.mark.parametrize(
    ("slug", "key", "period", "anchor", "applies_to", "source_text", "quoted"),
    RETENTION_CASES,
    ids=[_case_id(c) for c in RETENTION_CASES],
)
def test_retention_rule_as_published(slug, key, period, anchor, applies_to, source_text, quoted):
    declared = rule(slug, key)
    assert declared.period == period
    assert declared.anchor == anchor
    assert declared.applies_to == applies_to
    assert declared.source_text == source_text


@pytest.mark.parametrize(
    ("slug", "key", "source_text"),
    [(c[0], c[1], c[5]) for c in RETENTION_CASES if c[6]],
    ids=[_case_id(c) for c in RETENTION_CASES if c[6]],
)
def test_retention_source_text_is_verbatim_in_the_notice(slug, key, source_text):
    assert normalise(rule(slug, key).source_text) in seed_text(slug)


@pytest.mark.parametrize("slug", list(SEED_FILES))
def test_every_declared_retention_rule_is_in_the_table(slug):
    declared = [r.key for r in get_notice(slug).retention_rules]
    expected = [c[1] for c in RETENTION_CASES if c[0] == slug]
    assert declared == expected  # same rules, in the notice's order


def test_mint_publishes_no_retention_period():
    # Treasury/United States Mint .009: retention and disposal omitted (* * * * *).
    notice = get_notice("mint-009")
    assert [r.period for r in notice.retention_rules] == [None]
    assert not notice.retention_rules[0].has_disposition_authority
    text = seed_text("mint-009")
    assert "* * * * *" in text
    assert "retention and disposal" not in text.lower()


RECORD_CATEGORY_CASES = [
    (notice.slug, category.key, category.name, category.description)
    for notice in NOTICES
    for category in notice.record_categories
]


@pytest.mark.parametrize(
    ("slug", "key", "name", "description"),
    RECORD_CATEGORY_CASES,
    ids=[f"{c[0]}:{c[1]}" for c in RECORD_CATEGORY_CASES],
)
def test_record_category_is_in_the_notice(slug, key, name, description):
    text = seed_text(slug)
    # The Mint's notice letters its categories (a)-(f) without headings, so their short
    # names are editorial (see its editorial notes); everywhere else the name is published.
    if slug != "mint-009":
        assert normalise(name) in text
    assert normalise(description) in text


# (slug, number of record categories published, their numbers in order)
CATEGORY_NUMBERING_CASES = [
    ("usps-810-300", list(range(1, 7))),  # USPS 810.300, categories of records 1-6
    ("usps-820-100", list(range(1, 7))),  # USPS 820.100, categories of records 1-6
    ("usps-890-000", list(range(1, 19))),  # USPS 890.000, categories of records 1-18
    ("mint-009", list(range(1, 7))),  # Mint .009, categories of records (a)-(f)
]


@pytest.mark.parametrize(("slug", "numbers"), CATEGORY_NUMBERING_CASES)
def test_record_categories_numbered_as_published(slug, numbers):
    assert [c.number for c in get_notice(slug).record_categories] == numbers


def test_usps_890_survey_data_published_twice():
    # USPS 890.000, categories of records 9 and 17: both "Survey data", same text.
    notice = get_notice("usps-890-000")
    nine, seventeen = notice.category("survey_data"), notice.category("survey_data_17")
    assert (nine.number, seventeen.number) == (9, 17)
    assert nine.name == seventeen.name == "Survey data"
    assert nine.description == seventeen.description
    assert any("17" in note and "Survey data" in note for note in notice.editorial_notes)


# (slug, number of purposes published)
PURPOSE_CASES = [
    ("usps-810-300", 5),  # USPS 810.300, purposes 1-5
    ("usps-820-100", 4),  # USPS 820.100, purpose(s) 1-4
    ("usps-890-000", 13),  # USPS 890.000, purpose(s) of the system 1-13
    ("mint-009", 8),  # Mint .009, purpose(s): one sentence, eight clauses
]


@pytest.mark.parametrize(("slug", "count"), PURPOSE_CASES)
def test_purposes_numbered_consecutively(slug, count):
    purposes = get_notice(slug).purposes
    assert [p.number for p in purposes] == list(range(1, count + 1))


@pytest.mark.parametrize(("slug", "count"), PURPOSE_CASES)
def test_purposes_are_verbatim(slug, count):
    text = seed_text(slug)
    for purpose in get_notice(slug).purposes:
        assert normalise(purpose.text) in text, purpose.number


# (slug, retrieval path key, identifiers)
RETRIEVAL_CASES = [
    # USPS 810.300, retrievability
    (
        "usps-810-300",
        "customer",
        ("name", "customer_id", "phone", "address", "email", "order_number"),
    ),
    # USPS 820.100, retrievability
    ("usps-820-100", "customer", ("name", "customer_id", "logon_id")),
    # USPS 890.000, retrieval 1
    (
        "usps-890-000",
        "sales_events_publications",
        ("name", "customer_id", "address", "email", "phone"),
    ),
    # USPS 890.000, retrieval 2 (the notice spells NAICS "NAISC")
    ("usps-890-000", "direct_marketing", ("sic", "naics", "company_name")),
    # USPS 890.000, retrieval 3
    ("usps-890-000", "meeting_report_tracking", ("meeting_id", "host_name", "host_email")),
    # USPS 890.000, retrieval 4
    ("usps-890-000", "collaboration_communication", ("organizer_name",)),
    # USPS 890.000, retrieval 5
    ("usps-890-000", "media_recordings", ("meeting_id", "host_name", "host_email")),
    # USPS 890.000, retrieval 6
    ("usps-890-000", "session_recordings", ("meeting_id", "host_name", "host_email")),
    # USPS 890.000, retrieval 7
    ("usps-890-000", "customer_insight", ("name", "email")),
    # Treasury/United States Mint .009, retrievability
    (
        "mint-009",
        "order_management",
        (
            "name",
            "address",
            "phone",
            "email",
            "customer_number",
            "order_number",
            "order_date",
            "flagged",
            "product_preferences",
            "market_segment",
            "browsing_behavior",
            "shipment_tracking_number",
            "internal_request_id",
            "staff_user_id",
        ),
    ),
]


@pytest.mark.parametrize(
    ("slug", "key", "identifiers"),
    RETRIEVAL_CASES,
    ids=[f"{c[0]}:{c[1]}" for c in RETRIEVAL_CASES],
)
def test_retrieval_identifiers(slug, key, identifiers):
    paths = {p.key: p for p in get_notice(slug).retrievability}
    assert paths[key].identifiers == identifiers
    assert normalise(paths[key].text) in seed_text(slug)


@pytest.mark.parametrize("slug", list(SEED_FILES))
def test_every_retrieval_path_is_in_the_table(slug):
    declared = [p.key for p in get_notice(slug).retrievability]
    assert declared == [c[1] for c in RETRIEVAL_CASES if c[0] == slug]  # notice's order


def test_usps_890_attributes_as_published():
    # USPS 890.000, categories of records 10-16 and 18: attribute names as published.
    notice = get_notice("usps-890-000")
    attributes = notice.extra["attributes"]
    assert [notice.category(key).number for key in attributes] == [10, 11, 12, 13, 14, 15, 16, 18]
    text = seed_text("usps-890-000")
    for key, names in attributes.items():
        assert len(names) == len(set(names)), key
        for name in names:
            assert name in text, (key, name)
            assert name in notice.category(key).description, (key, name)
    assert "Participant CPU Usage" in attributes["participant_session_data"]
    assert "Device type (such as mobile, desktop, or tablet)" in attributes["device_data"]
    assert "Account ID" in attributes["administration_data"]


def test_catalogue_validates():
    assert [str(problem) for problem in validate_catalogue(NOTICES)] == []
