"""Loading the catalogue into the database, one revision per changed notice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from sorn import catalogue
from sorn.catalogue.schema import Notice, governing_rule
from sorn.catalogue.validation import validate_catalogue
from sorn.constants import RetentionAnchor
from sorn.models import NoticeRevision, RecordCategory, RetentionRule, SystemOfRecords
from sorn.periods import period_is_shorter, retention_in_words


def canonical_json(document: Any) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def notice_digest(notice: Notice) -> str:
    return hashlib.sha256(canonical_json(notice.as_document()).encode()).hexdigest()


@dataclass
class LoadResult:
    created_systems: list[str] = field(default_factory=list)
    new_revisions: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@transaction.atomic
def load_catalogue(notices: Iterable[Notice] | None = None) -> LoadResult:
    """Store each notice; a notice whose text changed since its current revision gets a
    new revision, an unchanged one nothing. Idempotent."""
    notices = list(catalogue.NOTICES if notices is None else notices)
    problems = validate_catalogue(notices)
    if problems:
        raise ImproperlyConfigured(
            "the catalogue is malformed: " + "; ".join(str(p) for p in problems)
        )
    result = LoadResult()
    for position, notice in enumerate(notices):
        system, created = SystemOfRecords.objects.select_for_update().get_or_create(
            slug=notice.slug,
            defaults={"number": notice.number, "name": notice.name, "position": position},
        )
        if created:
            result.created_systems.append(notice.slug)
        digest = notice_digest(notice)
        current = system.current_revision
        if current is not None and current.content_digest == digest:
            result.unchanged.append(notice.slug)
            if system.position != position:
                system.position = position
                system.save(update_fields=["position"])
            continue
        revision = _store_revision(system, notice, digest)
        system.current_revision = revision
        system.number, system.name, system.position = notice.number, notice.name, position
        system.save(update_fields=["current_revision", "number", "name", "position"])
        result.new_revisions.append(f"{notice.slug}@{revision.number}")
    return result


def retention_shortenings(before: NoticeRevision | None, notice: Notice) -> list[str]:
    """How `notice` would destroy records sooner than revision `before`: per record
    category or kind, a shorter period, a period where none was published, or another
    anchor. Empty for a first revision or one that keeps everything as long or longer."""
    if before is None:
        return []
    old_rules = list(before.retention_rules.all())
    old_kinds = {k["key"]: k["category"] for k in before.document.get("record_kinds", [])}
    keys = sorted(notice.category_keys | notice.record_kind_keys)
    changes = []
    for key in keys:
        new = notice.retention_rule_for(key)
        try:
            old = governing_rule(key, old_rules, old_kinds)
        except KeyError:
            old = None
        if old is None:
            changes.append(f"{key}: newly kept under rule {new.key!r}")
        elif new.anchor != old.anchor:
            changes.append(
                f"{key}: counted from {RetentionAnchor(new.anchor).label} instead of "
                f"{RetentionAnchor(old.anchor).label}"
            )
        elif new.period is not None and (
            old.period is None or period_is_shorter(new.period, old.period)
        ):
            changes.append(
                f"{key}: kept {retention_in_words(new.period, new.anchor)} instead of "
                + (retention_in_words(old.period, old.anchor) if old.period else "indefinitely")
            )
    return changes


def _store_revision(system: SystemOfRecords, notice: Notice, digest: str) -> NoticeRevision:
    last = system.revisions.order_by("-number").values_list("number", flat=True).first()
    changes = retention_shortenings(system.retention_revision(), notice)
    revision = NoticeRevision.objects.create(
        system=system,
        number=(last or 0) + 1,
        content_digest=digest,
        document=notice.as_document(),
        retention_approval_required=bool(changes),
        retention_changes=changes,
    )
    RecordCategory.objects.bulk_create(
        RecordCategory(
            revision=revision,
            key=category.key,
            number=category.number,
            name=category.name,
            description=category.description,
            position=position,
        )
        for position, category in enumerate(notice.record_categories)
    )
    RetentionRule.objects.bulk_create(
        RetentionRule(
            revision=revision,
            key=rule.key,
            applies_to=list(rule.applies_to),
            period=rule.period,
            anchor=str(rule.anchor),
            source_text=rule.source_text,
            position=position,
        )
        for position, rule in enumerate(notice.retention_rules)
    )
    return revision
