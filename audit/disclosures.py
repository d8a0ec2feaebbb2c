"""Entering the accounting of a disclosure by hand, and reading the accounting with its
corrections resolved (5 U.S.C. 552a(c)).

`record_disclosure` is the one way a privacy officer's entry is written (the automatic
entries for external recipients' API reads are audit.reads.account_disclosures): the
system must be one the person has a relationship with, the routine use one that
system's notice publishes, the records the person's own in that system. A mistaken entry
is never edited or deleted — the accounting is an audit record, append-only — but
corrected by a new entry that names it (`corrects`); `resolve_corrections` is the one
place that decides what the accounting then says, for the person's packages and the
staff's pages alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import DisclosureAccounting
from sorn.classification import registry
from sorn.models import SystemOfRecords


@dataclass(frozen=True)
class RoutineUse:
    system: str
    label: str  # as stored in the accounting: "USPS standard routine use 1"


def published_routine_uses(systems: Iterable[str]) -> list[RoutineUse]:
    """The routine uses the notices of `systems` publish, as the catalogue revision in
    effect states them: its numbered standard routine uses and those it spells out. The
    Mint's notice of altered system does not republish its routine uses, so it offers
    none (sorn/catalogue/mint_009.py)."""
    found = []
    revisions = SystemOfRecords.objects.filter(slug__in=list(systems)).select_related(
        "current_revision"
    )
    for system in sorted(revisions, key=lambda s: s.position):
        document = system.current_revision.document if system.current_revision else {}
        uses = document.get("routine_uses") or {}
        agency = system.number.split(" ", 1)[0]  # "USPS", "Treasury/United"
        for number in uses.get("standard") or ():
            found.append(RoutineUse(system.slug, f"{agency} standard routine use {number}"))
        for text in uses.get("specific") or ():
            found.append(RoutineUse(system.slug, f"{system.number} routine use: {text}"[:200]))
    return found


def systems_of_person(person_id: int) -> set[str]:
    relationships = registry.relationship_model()._base_manager
    return set(relationships.filter(person_id=person_id).values_list("system", flat=True))


def _model(label: str):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if registry.get(model) is not None else None


def _records_problems(person_id: int, system: str, records: Mapping[str, list[int]]) -> list[str]:
    problems = []
    if not any(records.values()):
        return ["Name the records disclosed: at least one of the person's records."]
    for label, pks in records.items():
        model = _model(label)
        facts = registry.facts(model) if model is not None else None
        if facts is None or system not in facts.systems or facts.person_path is None:
            problems.append(f"{label} is no record type of {system} about a person.")
            continue
        rows = model._base_manager.filter(pk__in=pks)
        if facts.system_field:
            rows = rows.filter(**{facts.system_field: system})
        owners = registry.person_ids(model, list(rows.values_list("pk", flat=True)))
        strangers = sorted(pk for pk in pks if owners.get(pk) != person_id)
        if strangers:
            problems.append(
                f"{label} "
                + ", ".join(f"#{pk}" for pk in strangers)
                + f": not a record of customer #{person_id} in {system}."
            )
    return problems


@transaction.atomic
def record_disclosure(
    *,
    person_id: int,
    system: str,
    routine_use: str,
    records: Mapping[str, list[int]],
    nature_and_purpose: str,
    recipient_name: str,
    recipient_address: str,
    by: str,
    disclosed_at: datetime.datetime | None = None,
    corrects: DisclosureAccounting | None = None,
) -> DisclosureAccounting:
    """Account for one disclosure (5 U.S.C. 552a(c)(1): date, nature and purpose, name
    and address of the recipient), or correct an earlier entry. Raises ValidationError,
    per field, and saves nothing when any part does not fit."""
    errors: dict[str, list[str]] = {}
    if system not in systems_of_person(person_id):
        errors.setdefault("system", []).append(
            f"Customer #{person_id} has no relationship with {system}: nothing of theirs "
            "in it could have been disclosed."
        )
    elif routine_use not in {u.label for u in published_routine_uses([system])}:
        errors.setdefault("routine_use", []).append(
            f"{routine_use!r} is not a routine use the notice of {system} publishes."
        )
    if "system" not in errors:
        problems = _records_problems(person_id, system, records)
        if problems:
            errors["records"] = problems
    if disclosed_at is not None and disclosed_at > timezone.now():
        errors.setdefault("disclosed_at", []).append("A disclosure cannot be in the future.")
    for name, value in (
        ("nature_and_purpose", nature_and_purpose),
        ("recipient_name", recipient_name),
        ("recipient_address", recipient_address),
    ):
        if not value.strip():
            errors.setdefault(name, []).append("Required by 5 U.S.C. 552a(c)(1).")
    if corrects is not None:
        current = DisclosureAccounting.objects.select_for_update().filter(pk=corrects.pk).first()
        if current is None or current.person_id != person_id:
            errors.setdefault("corrects", []).append(
                f"Disclosure #{corrects.pk} is not an entry about customer #{person_id}."
            )
        elif current.corrections.exists():
            errors.setdefault("corrects", []).append(
                f"Disclosure #{corrects.pk} was already corrected by "
                f"#{current.corrections.get().pk}: correct that entry instead."
            )
    if errors:
        raise ValidationError(errors)
    return DisclosureAccounting.objects.create(
        disclosed_at=disclosed_at or timezone.now(),
        person_id=person_id,
        system=system,
        nature_and_purpose=nature_and_purpose.strip(),
        routine_use=routine_use,
        recipient_name=recipient_name.strip(),
        recipient_address=recipient_address.strip(),
        records={label: sorted(set(pks)) for label, pks in records.items() if pks},
        recorded_by=by,
        corrects=corrects,
    )


def resolve_corrections(entries: Iterable[DisclosureAccounting]) -> list[DisclosureAccounting]:
    """The accounting as it stands: an entry a later one corrected is left out, and the
    correction stands in its place, carrying the mistaken entry as `corrected_entry`
    (None on an entry that corrects nothing). `entries` must hold every entry of the
    people concerned: a correction and its mistaken entry may name different systems."""
    entries = list(entries)
    by_pk = {entry.pk: entry for entry in entries}
    corrected = {entry.corrects_id for entry in entries if entry.corrects_id}
    standing = []
    for entry in entries:
        if entry.pk in corrected:
            continue
        entry.corrected_entry = by_pk.get(entry.corrects_id)
        standing.append(entry)
    return standing


def accounting_of(
    person_ids: Iterable[int],
    systems: Iterable[str] | None = None,
    *,
    law_enforcement: bool = True,
) -> list[DisclosureAccounting]:
    """The accounting of disclosures about these people, corrections resolved, oldest
    first; only `systems`' entries when given; without the disclosures to law
    enforcement when `law_enforcement` is False (552a(c)(3): not given to the person)."""
    entries = DisclosureAccounting.objects.filter(person_id__in=list(person_ids)).order_by(
        "disclosed_at", "pk"
    )
    standing = resolve_corrections(entries)
    if systems is not None:
        systems = set(systems)
        standing = [entry for entry in standing if entry.system in systems]
    if not law_enforcement:
        standing = [entry for entry in standing if not entry.law_enforcement]
    return standing
