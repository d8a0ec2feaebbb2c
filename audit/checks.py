"""Start-up checks: the audit records' retention rule (sorn/catalogue/audit_records.py) is
well-formed and governs every stream the audit seals and the accounting of disclosures,
each by exactly one rule; otherwise `manage.py check` fails naming the entry."""

from __future__ import annotations

from django.core import checks

from audit.seals import STREAMS
from sorn.catalogue import audit_records
from sorn.catalogue.validation import validate_audit_rules


@checks.register("audit")
def check_audit_retention_rule(app_configs=None, rules=None, **kwargs) -> list[checks.CheckMessage]:
    targets = [stream.name for stream in STREAMS] + [audit_records.DISCLOSURE_ACCOUNTING]
    problems = validate_audit_rules(audit_records.RULES if rules is None else rules, targets)
    return [checks.Error(p.message, obj=p.entry, id=p.id) for p in problems]
