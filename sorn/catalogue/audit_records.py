"""The audit records' own retention: not a notice's rule, the agency's.

The notices name the logs only as a safeguard ("terminal and transaction logging", USPS
810.300, 820.100, 890.000; the Mint's "audit logs and records of their system access",
Treasury/Mint .009) and publish no period for them. The period here is therefore the
agency's choice under the National Archives' General Records Schedule, written down in the
one place that decides it: change it here (and nowhere else, no setting overrides it), and
`manage.py check` validates it like the notices' rules (`audit.checks`).

`applies_to` names what the audit keeps: its sealed streams (audit.seals.STREAMS) and the
accounting of disclosures, which keeps a statutory floor of its own on top of this rule.
"""

from __future__ import annotations

from sorn.catalogue.schema import RetentionRule, governing_rule
from sorn.constants import RetentionAnchor

# What the audit keeps, as the rule names it: the sealed streams, then the accounting.
ACCESS_EVENTS = "access_events"
CHANGE_ENTRIES = "change_entries"
BULK_CHANGES = "bulk_changes"
SECURITY_EVENTS = "security_events"
DISCLOSURE_ACCOUNTING = "disclosure_accounting"
TARGETS = (ACCESS_EVENTS, CHANGE_ENTRIES, BULK_CHANGES, SECURITY_EVENTS, DISCLOSURE_ACCOUNTING)

AUDIT_RECORDS = RetentionRule(
    key="audit_records",
    applies_to=TARGETS,
    period="P6Y",
    anchor=RetentionAnchor.CREATED,
    source_text=(
        "The agency's choice: the notices publish no period for their logs. NARA General "
        "Records Schedule 3.2, item 031, system access records (including audit trail "
        "files) of systems requiring special accountability for access: destroy 6 years "
        "after password is altered or user account is terminated, but longer retention is "
        "authorized if required for business use. This service holds no such date for the "
        "accounts an audit row names, so it counts the 6 years from each row's own date; "
        "the agency's records officer confirms that reading or sets a longer period here."
    ),
)

RULES: tuple[RetentionRule, ...] = (AUDIT_RECORDS,)

# 5 U.S.C. 552a(c)(2): an accounting of disclosure is kept "for at least five years or the
# life of the record, whichever is longer, after the disclosure". The floor holds whatever
# the rule above says: never removed sooner than this after the disclosure, nor while the
# person's records (customers.Person) still exist.
DISCLOSURE_ACCOUNTING_FLOOR = "P5Y"
DISCLOSURE_ACCOUNTING_FLOOR_SOURCE = (
    "5 U.S.C. 552a(c)(2): at least five years or the life of the record, whichever is "
    "longer, after the disclosure."
)


def rule_for(target: str, rules: tuple[RetentionRule, ...] | None = None) -> RetentionRule:
    """The rule that governs one of TARGETS; KeyError when none does."""
    return governing_rule(target, RULES if rules is None else rules, kinds={})
