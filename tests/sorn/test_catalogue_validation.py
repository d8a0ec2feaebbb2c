"""A malformed catalogue entry stops start-up with a message naming the entry."""

import dataclasses

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from sorn import catalogue
from sorn.catalogue.schema import RecordCategory, RetentionRule
from sorn.catalogue.usps_810_300 import NOTICE as NOTICE_810
from sorn.catalogue.validation import validate_catalogue
from sorn.checks import check_catalogue


def replace_rule(notice, rule_key, **changes):
    rules = tuple(
        dataclasses.replace(r, **changes) if r.key == rule_key else r
        for r in notice.retention_rules
    )
    return dataclasses.replace(notice, retention_rules=rules)


def test_the_published_catalogue_is_valid():
    assert validate_catalogue(catalogue.NOTICES) == []
    assert check_catalogue() == []


MALFORMED = [
    pytest.param(
        lambda: replace_rule(NOTICE_810, "ach", anchor="account_opened"),
        "sorn.E003",
        "USPS 810.300 retention rule 'ach'",
        "unknown anchor 'account_opened'",
        id="unknown-anchor",
    ),
    pytest.param(
        lambda: replace_rule(NOTICE_810, "ach", period="2 years"),
        "sorn.E004",
        "USPS 810.300 retention rule 'ach'",
        "'2 years' is not an ISO 8601 duration",
        id="bad-duration",
    ),
    pytest.param(
        lambda: replace_rule(NOTICE_810, "ach", period="P2X"),
        "sorn.E004",
        "USPS 810.300 retention rule 'ach'",
        "'P2X' is not an ISO 8601 duration",
        id="bad-duration-unit",
    ),
    pytest.param(
        lambda: replace_rule(NOTICE_810, "ach", key="other"),
        "sorn.E002",
        "USPS 810.300 retention rule 'other'",
        "duplicate retention rule key",
        id="duplicate-rule-key",
    ),
    pytest.param(
        lambda: dataclasses.replace(
            NOTICE_810,
            record_categories=(
                *NOTICE_810.record_categories,
                RecordCategory("customer_feedback", 7, "Feedback again", "Duplicate."),
            ),
        ),
        "sorn.E002",
        "USPS 810.300 record category 'customer_feedback'",
        "duplicate record category key",
        id="duplicate-category-key",
    ),
    pytest.param(
        lambda: replace_rule(NOTICE_810, "ach", applies_to=("ach", "web_meetings")),
        "sorn.E005",
        "USPS 810.300 retention rule 'ach'",
        "names 'web_meetings', which is neither a record category nor a record kind",
        id="rule-names-unknown-category",
    ),
    pytest.param(
        lambda: replace_rule(NOTICE_810, "other", applies_to=("customer_information",)),
        "sorn.E007",
        "USPS 810.300 record category 'payment_information'",
        "must be governed by exactly one retention rule, found 0",
        id="category-without-rule",
    ),
    pytest.param(
        lambda: dataclasses.replace(
            NOTICE_810,
            retention_rules=(
                *NOTICE_810.retention_rules,
                RetentionRule("again", ("order_processing",), "P1Y", "created", "Again."),
            ),
        ),
        "sorn.E007",
        "USPS 810.300 record category 'order_processing'",
        "found 2 (other, again)",
        id="category-with-two-rules",
    ),
    pytest.param(
        lambda: replace_rule(NOTICE_810, "ach", source_text="  "),
        "sorn.E006",
        "USPS 810.300 retention rule 'ach'",
        "has no source text",
        id="rule-without-source-text",
    ),
    pytest.param(
        lambda: dataclasses.replace(
            NOTICE_810,
            record_categories=(
                *NOTICE_810.record_categories[:-1],
                dataclasses.replace(NOTICE_810.record_categories[-1], name="Order " * 40),
            ),
        ),
        "sorn.E008",
        "USPS 810.300 record category 'order_processing'",
        "name is longer than 200 characters",
        id="category-name-too-long",
    ),
    pytest.param(
        lambda: dataclasses.replace(NOTICE_810, retention_rules=()),
        "sorn.E001",
        "USPS 810.300",
        "has no retention rule",
        id="no-retention-at-all",
    ),
]


@pytest.mark.parametrize(("make_notice", "check_id", "entry", "message"), MALFORMED)
def test_each_malformed_entry_gets_its_message(make_notice, check_id, entry, message):
    problems = validate_catalogue([make_notice()])
    matching = [p for p in problems if p.id == check_id and p.entry == entry]
    assert matching, f"expected {check_id} for {entry}, got {[str(p) for p in problems]}"
    assert message in matching[0].message


def test_duplicate_notice_slug_is_refused():
    twin = dataclasses.replace(NOTICE_810, number="USPS 810.301")
    problems = validate_catalogue([NOTICE_810, twin])
    assert [str(p) for p in problems if p.id == "sorn.E002"] == [
        "notice 'usps-810-300': duplicate notice slug"
    ]


def test_a_malformed_catalogue_stops_start_up(monkeypatch):
    broken = replace_rule(NOTICE_810, "ach", anchor="someday")
    monkeypatch.setattr(catalogue, "NOTICES", (broken, *catalogue.NOTICES[1:]))
    with pytest.raises(SystemCheckError) as excinfo:
        call_command("check")
    assert "USPS 810.300 retention rule 'ach'" in str(excinfo.value)
    assert "sorn.E003" in str(excinfo.value)
