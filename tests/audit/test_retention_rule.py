"""The audit records' own retention rule, in the catalogue (sorn/catalogue/audit_records.py):
6 years from each row's own date, the agency's choice under NARA GRS 3.2 item 031 (the
notices publish no period for their logs); the accounting of disclosures never sooner than
5 years after the disclosure (5 U.S.C. 552a(c)(2)). Validated at start-up like the notices'."""

import dataclasses

import pytest

from audit.checks import check_audit_retention_rule
from audit.seals import STREAMS
from sorn import catalogue
from sorn.catalogue import audit_records
from sorn.constants import RetentionAnchor

RULE = audit_records.AUDIT_RECORDS


def test_the_rule_keeps_audit_records_six_years_from_their_own_date():
    assert catalogue.AUDIT_RETENTION_RULES == (RULE,)
    assert (RULE.key, RULE.period, RULE.anchor) == ("audit_records", "P6Y", RetentionAnchor.CREATED)
    assert set(RULE.applies_to) == {s.name for s in STREAMS} | {"disclosure_accounting"}
    # Honest about its source: the schedule, and the agency's choice, not a notice.
    assert "General Records Schedule 3.2, item 031" in RULE.source_text
    assert "agency's choice" in RULE.source_text


def test_the_accounting_of_disclosures_keeps_its_statutory_floor():
    assert audit_records.DISCLOSURE_ACCOUNTING_FLOOR == "P5Y"
    assert "552a(c)(2)" in audit_records.DISCLOSURE_ACCOUNTING_FLOOR_SOURCE
    assert audit_records.rule_for("disclosure_accounting") is RULE


def test_the_catalogue_rule_passes_the_start_up_check():
    assert check_audit_retention_rule() == []


@pytest.mark.parametrize(
    ("change", "check_id"),
    [
        ({"anchor": RetentionAnchor.RELATIONSHIP_ENDED}, "sorn.E003"),
        ({"anchor": "whenever"}, "sorn.E003"),
        ({"period": "6 years"}, "sorn.E004"),
        ({"applies_to": (*RULE.applies_to, "audit_widgets")}, "sorn.E005"),
        ({"source_text": " "}, "sorn.E006"),
        ({"applies_to": ("access_events", "change_entries", "disclosure_accounting")}, "sorn.E007"),
    ],
)
def test_a_malformed_rule_fails_the_check(change, check_id):
    errors = check_audit_retention_rule(rules=(dataclasses.replace(RULE, **change),))
    assert check_id in {e.id for e in errors}


def test_two_rules_for_one_record_fail_the_check():
    second = dataclasses.replace(RULE, key="audit_records_again", applies_to=("bulk_changes",))
    errors = check_audit_retention_rule(rules=(RULE, second))
    assert [(e.id, e.obj) for e in errors] == [("sorn.E007", "audit records 'bulk_changes'")]


def test_a_rule_without_a_period_is_well_formed():
    # No period: no disposition authority, nothing is destroyed.
    assert check_audit_retention_rule(rules=(dataclasses.replace(RULE, period=None),)) == []
