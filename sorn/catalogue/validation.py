"""Validation of catalogue entries.

Plain functions returning a list of problems, each naming the entry it is about, so that
the system check (`sorn.checks`) and the tests use exactly the same rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sorn.catalogue.schema import Notice, RetentionRule
from sorn.constants import RetentionAnchor
from sorn.periods import parse_period

# A category's name is a heading (sorn.RecordCategory.name); its description the text.
CATEGORY_NAME_MAX_LENGTH = 200


@dataclass(frozen=True)
class Problem:
    id: str  # stable check id, e.g. "sorn.E003"
    entry: str  # which entry, e.g. "USPS 810.300 retention rule 'ach'"
    message: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.message}"


def _duplicates(values: Iterable[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def validate_notice(notice: Notice) -> list[Problem]:
    problems: list[Problem] = []
    name = notice.number or notice.slug or "<unnamed notice>"

    def add(check_id: str, entry: str, message: str) -> None:
        problems.append(Problem(check_id, entry, message))

    for attr in ("slug", "number", "name", "authority"):
        if not getattr(notice, attr):
            add("sorn.E001", name, f"the notice has no {attr}")
    if not notice.record_categories:
        add("sorn.E001", name, "the notice lists no categories of records")
    if not notice.retention_rules:
        add(
            "sorn.E001",
            name,
            "the notice has no retention rule; where the notice gives none, declare a rule "
            "with period None (no disposition authority)",
        )

    for key in _duplicates(c.key for c in notice.record_categories):
        add("sorn.E002", f"{name} record category {key!r}", "duplicate record category key")
    for key in _duplicates(k.key for k in notice.record_kinds):
        add("sorn.E002", f"{name} record kind {key!r}", "duplicate record kind key")
    for key in sorted(notice.category_keys & notice.record_kind_keys):
        add("sorn.E002", f"{name} record kind {key!r}", "a record kind has a category's key")
    for key in _duplicates(r.key for r in notice.retention_rules):
        add("sorn.E002", f"{name} retention rule {key!r}", "duplicate retention rule key")
    for key in _duplicates(p.key for p in notice.retrievability):
        add("sorn.E002", f"{name} retrieval path {key!r}", "duplicate retrieval path key")
    for number in _duplicates(str(p.number) for p in notice.purposes):
        add("sorn.E002", f"{name} purpose {number}", "duplicate purpose number")

    for category in notice.record_categories:
        if len(category.name) > CATEGORY_NAME_MAX_LENGTH:
            add(
                "sorn.E008",
                f"{name} record category {category.key!r}",
                f"name is longer than {CATEGORY_NAME_MAX_LENGTH} characters; the description "
                "carries the full text",
            )

    for kind in notice.record_kinds:
        if kind.category not in notice.category_keys:
            add(
                "sorn.E005",
                f"{name} record kind {kind.key!r}",
                f"belongs to category {kind.category!r}, which the notice does not publish",
            )

    anchors = set(RetentionAnchor.values)
    known_targets = notice.category_keys | notice.record_kind_keys
    for rule in notice.retention_rules:
        entry = f"{name} retention rule {rule.key!r}"
        if rule.anchor not in anchors:
            add(
                "sorn.E003",
                entry,
                f"unknown anchor {rule.anchor!r}; expected one of {', '.join(sorted(anchors))}",
            )
        if rule.period is not None:
            try:
                parse_period(rule.period)
            except ValueError as exc:
                add("sorn.E004", entry, str(exc))
        if not rule.applies_to:
            add("sorn.E005", entry, "applies to nothing")
        for target in rule.applies_to:
            if target not in known_targets:
                add(
                    "sorn.E005",
                    entry,
                    f"names {target!r}, which is neither a record category nor a record kind "
                    f"of {name}",
                )
        if not rule.source_text.strip():
            add("sorn.E006", entry, "has no source text")

    # Every category is governed by exactly one category-level rule, and every record kind
    # by at most one kind-level rule, so the rule for a record is never ambiguous.
    for category in notice.record_categories:
        governing = [r.key for r in notice.retention_rules if category.key in r.applies_to]
        if len(governing) != 1:
            add(
                "sorn.E007",
                f"{name} record category {category.key!r}",
                f"must be governed by exactly one retention rule, found {len(governing)}"
                + (f" ({', '.join(governing)})" if governing else ""),
            )
    for kind in notice.record_kinds:
        governing = [r.key for r in notice.retention_rules if kind.key in r.applies_to]
        if len(governing) > 1:
            add(
                "sorn.E007",
                f"{name} record kind {kind.key!r}",
                f"is governed by more than one retention rule ({', '.join(governing)})",
            )
    problems.extend(_unpublished_reference_problems(notice, name))
    return problems


def _unpublished_reference_problems(notice: Notice, name: str) -> list[Problem]:
    """An unpublished reference quotes the notice: the referring words are in the section
    it names, the section it points at is one the notice leaves unpublished in its own
    words, and what it gives instead is quoted from the same section."""
    problems = []
    document = notice.as_document()
    for reference in notice.unpublished_references:
        entry = f"{name} unpublished reference in {reference.section!r}"
        text = document.get(reference.section)
        if not isinstance(text, str):
            problems.append(Problem("sorn.E009", entry, "names no text section of the notice"))
            continue
        for words in (reference.refers_to, reference.instead_for, reference.instead):
            if not words or words not in text:
                problems.append(
                    Problem("sorn.E009", entry, f"{words!r} is not quoted from that section")
                )
        if reference.missing not in document:
            problems.append(
                Problem("sorn.E009", entry, f"points at {reference.missing!r}, no section")
            )
    return problems


def validate_catalogue(notices: Iterable[Notice]) -> list[Problem]:
    notices = list(notices)
    problems: list[Problem] = []
    for slug in _duplicates(n.slug for n in notices):
        problems.append(Problem("sorn.E002", f"notice {slug!r}", "duplicate notice slug"))
    for number in _duplicates(n.number for n in notices):
        problems.append(Problem("sorn.E002", f"notice {number!r}", "duplicate notice number"))
    for notice in notices:
        problems.extend(validate_notice(notice))
    return problems


def validate_audit_rules(rules: Iterable[RetentionRule], targets: Iterable[str]) -> list[Problem]:
    """The audit records' own rules (sorn/catalogue/audit_records.py): well-formed like a
    notice's, and each of `targets` (what the audit keeps) governed by exactly one rule."""
    rules = list(rules)
    targets = tuple(targets)
    problems: list[Problem] = []
    for key in _duplicates(r.key for r in rules):
        problems.append(Problem("sorn.E002", f"audit retention rule {key!r}", "duplicate key"))
    for rule in rules:
        entry = f"audit retention rule {rule.key!r}"
        if rule.anchor != RetentionAnchor.CREATED:
            # An audit row has one date of its own and no relationship or access to end.
            problems.append(
                Problem(
                    "sorn.E003",
                    entry,
                    f"anchor {rule.anchor!r}: audit rows are counted from their own date "
                    f"({RetentionAnchor.CREATED.value!r}) only",
                )
            )
        if rule.period is not None:
            try:
                parse_period(rule.period)
            except ValueError as exc:
                problems.append(Problem("sorn.E004", entry, str(exc)))
        for target in rule.applies_to:
            if target not in targets:
                problems.append(
                    Problem("sorn.E005", entry, f"names {target!r}, which the audit does not keep")
                )
        if not rule.source_text.strip():
            problems.append(Problem("sorn.E006", entry, "has no source text"))
    for target in targets:
        governing = [r.key for r in rules if target in r.applies_to]
        if len(governing) != 1:
            problems.append(
                Problem(
                    "sorn.E007",
                    f"audit records {target!r}",
                    f"must be governed by exactly one retention rule, found {len(governing)}",
                )
            )
    return problems
