"""The classification registry: for every stored field of every record model, the system
of records it belongs to, the category of records its notice publishes it under, its data
class (which decides who may see it), and whether it is encrypted and searchable.

Record apps declare their classification in a `classification.py` module, which
`SornConfig.ready()` imports (like `admin.py`). `find_classification_problems()` is what
`manage.py sorn_check` and the `sorn.E010` system check report: collecting a field that no
notice publishes is itself a violation of 5 U.S.C. 552a(e)(1) and (e)(4)(C).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from keystore.fields import BlindIndexField, EncryptedMixin
from sorn import catalogue
from sorn.catalogue.schema import Notice
from sorn.catalogue.validation import Problem
from sorn.constants import DataClass, RetentionAnchor

# The apps whose models hold records about people, and so must be classified.
RECORD_APPS: tuple[str, ...] = ("customers", "orders", "mailers", "marketing")


@dataclass(frozen=True)
class FieldClassification:
    """How one stored field is classified.

    `category` is the record category key in the model's system; a model shared by several
    systems (a person) maps each system slug to its category key. None is allowed only for
    internal fields (row identity, links between records, retention bookkeeping).
    """

    data_class: DataClass
    category: str | Mapping[str, str] | None = None
    encrypted: bool = False
    searchable: bool = False
    # How the policy masks it, where the data class alone does not say (lib/masking.py).
    mask: str | None = None

    def categories(self, systems: Iterable[str]) -> dict[str, str]:
        """The category key per system slug this field is published under."""
        if self.category is None:
            return {}
        if isinstance(self.category, str):
            return {system: self.category for system in systems}
        return dict(self.category)


def internal() -> FieldClassification:
    """Row identity, links between records and retention bookkeeping: published nowhere
    because they carry nothing about the person beyond what the linked rows hold."""
    return FieldClassification(DataClass.INTERNAL)


@dataclass(frozen=True)
class ModelClassification:
    model: type[models.Model]
    systems: tuple[str, ...]  # notice slugs; one for a system's own records
    fields: Mapping[str, FieldClassification] = field(default_factory=dict)
    # For a system's own records: the record category or record kind whose retention
    # rule governs each row, and the field holding the row's own date (the anchor of
    # rules counted from "the record's own date").
    record: str | None = None
    dated_by: str | None = None
    # For records whose rule counts from an event the record itself carries ("2 years
    # after computer access privileges are cancelled", USPS 820.100, retention 3; "until
    # the customer ceases to participate", USPS 890.000, retention 1): that date field.
    anchored_by: str | None = None
    # Reference data the notice lists but that is about no one (a product, an event, a
    # publication): declared, because it is the one fact the foreign keys cannot tell.
    reference: bool = False

    @property
    def label(self) -> str:
        return self.model._meta.label


def record_title(record: models.Model) -> str:
    """A record's title wherever Django shows one (admin titles, breadcrumbs, inline
    headers, selection labels, links to it, the change log): its kind and row number.
    Never a field's value: a title shows to every role that sees the row, and a role
    may see that value masked or not at all. Reference data keeps its own titles."""
    return f"{capfirst(record._meta.verbose_name)} #{record.pk}"


class AlreadyRegistered(Exception):
    pass


@dataclass(frozen=True)
class RecordFacts:
    """What the registry derives, once, from a record model's fields and foreign keys:
    the answer every layer (policy, audit, retention, change sealing) asks instead of
    working it out again."""

    # ORM path from a row to the id of the person it is about: "pk" for the person
    # itself, "person" for a direct link, "session__person" through the record it
    # belongs to; None for reference data about no one.
    person_path: str | None
    # The attribute on a row holding its person's id ("pk", "person_id"), where the row
    # itself says (a path of one step); None otherwise.
    person_attname: str | None
    # The systems whose notices publish the model (none for an unclassified model).
    systems: frozenset[str]
    # The column naming the one system a row of a shared model belongs to (a
    # credential's or a preference's `system`), if the model has one.
    system_field: str | None
    encrypted: frozenset[str]
    # blind index field name → the field (or property) whose value it indexes
    blind_indexes: Mapping[str, str]
    # Columns no channel ever shows: blind indexes and data-key references.
    machinery: frozenset[str]

    @property
    def person_id_path(self) -> str | None:
        """The path as a values() lookup yielding the person's id."""
        if self.person_path in (None, "pk"):
            return self.person_path
        return f"{self.person_path}_id" if "__" not in self.person_path else self.person_path

    @property
    def person_on_row(self) -> bool:
        """Whether a row itself says whom it is about (no link to follow)."""
        return self.person_path is None or "__" not in self.person_path


class ClassificationRegistry:
    def __init__(self) -> None:
        self._models: dict[type[models.Model], ModelClassification] = {}
        self._facts: dict[type[models.Model], RecordFacts] = {}
        self.person_model: type[models.Model] | None = None
        # The person model's reverse accessor to its relationships with the systems
        # (each row with a `system` column): a shared row's systems are its person's.
        self.relationships: str | None = None

    def register_person(self, model: type[models.Model], *, relationships: str) -> None:
        """Name the model every record is about and how it reaches its systems
        (customers registers `Person` and `relationships`); the catalogue itself knows
        no concrete model."""
        self.person_model = model
        self.relationships = relationships
        self._facts.clear()

    def relationship_model(self) -> type[models.Model]:
        assert self.person_model is not None and self.relationships
        return self.person_model._meta.get_field(self.relationships).related_model

    def facts(self, model: type[models.Model]) -> RecordFacts:
        found = self._facts.get(model)
        if found is None:
            found = self._facts[model] = self._derive(model)
        return found

    # Whom a record is about: the one answer policy, audit and change sealing ask.

    def person_id_of(self, instance: models.Model) -> Any:
        """The id of the person `instance` is about, read from the instance itself,
        following its links where the path has several steps (a deleted row's too);
        None for reference data about no one."""
        facts = self.facts(type(instance))
        if facts.person_attname is not None:
            return getattr(instance, facts.person_attname)
        path = facts.person_path
        if path is None:
            return None
        *through, last = path.split("__")
        holder = instance
        for part in through:  # a meeting device's person is its session's
            holder = getattr(holder, part, None)
            if holder is None:
                return None
        return getattr(holder, holder._meta.get_field(last).attname)

    def person_ids(self, model: type[models.Model], rows: Iterable[Any]) -> dict[Any, Any]:
        """Row pk → the id of the person it is about, for rows given as instances or
        primary keys: from the instances where they say, the rest in one query along the
        person path. Rows about no one are absent."""
        facts = self.facts(model)
        if facts.person_path is None:
            return {}
        found: dict[Any, Any] = {}
        by_query = []
        attname = facts.person_attname
        for row in rows:
            if attname is not None and isinstance(row, models.Model):
                found[row.pk] = getattr(row, attname)
            else:
                by_query.append(row.pk if isinstance(row, models.Model) else row)
        if by_query and facts.person_id_path == "pk":
            found.update({pk: pk for pk in by_query})
        elif by_query:
            found.update(
                model._base_manager.filter(pk__in=by_query).values_list("pk", facts.person_id_path)
            )
        return {pk: person for pk, person in found.items() if person is not None}

    def _derive(self, model: type[models.Model]) -> RecordFacts:
        fields = model._meta.concrete_fields
        indexes = {f.name: f.source for f in fields if isinstance(f, BlindIndexField)}
        system_field = next(
            (f.name for f in fields if f.name == "system" and not f.is_relation), None
        )
        entry = self._models.get(model)
        if entry is not None and len(entry.systems) == 1:
            system_field = None  # a system's own records: the model says which
        person_path = self._person_path(model)
        person_attname = None
        if person_path == "pk":
            person_attname = "pk"
        elif person_path is not None and "__" not in person_path:
            person_attname = model._meta.get_field(person_path).attname
        return RecordFacts(
            person_path=person_path,
            person_attname=person_attname,
            systems=frozenset(entry.systems) if entry is not None else frozenset(),
            system_field=system_field,
            encrypted=frozenset(f.name for f in fields if isinstance(f, EncryptedMixin)),
            blind_indexes=indexes,
            machinery=frozenset(indexes) | {"data_key_id"},
        )

    def _person_path(self, model: type[models.Model], depth: int = 0) -> str | None:
        """Its own link to the person, or one through the record it belongs to (a meeting
        device through its participant session), breadth first."""
        person = self.person_model
        if person is None:
            return None
        if model is person:
            return "pk"
        links = [f for f in model._meta.concrete_fields if f.is_relation]
        for f in links:
            if f.related_model is person:
                return f.name
        if depth < 2:
            for f in links:
                if f.related_model is not model and f.related_model in self._models:
                    below = self._person_path(f.related_model, depth + 1)
                    if below and below != "pk":
                        return f"{f.name}__{below}"
        return None

    def register(
        self,
        model: type[models.Model],
        *,
        systems: str | Iterable[str],
        fields: Mapping[str, FieldClassification],
        record: str | None = None,
        dated_by: str | None = None,
        anchored_by: str | None = None,
        reference: bool = False,
    ) -> ModelClassification:
        if model in self._models:
            raise AlreadyRegistered(f"{model._meta.label} is already classified")
        systems = (systems,) if isinstance(systems, str) else tuple(systems)
        entry = ModelClassification(
            model=model,
            systems=systems,
            fields=dict(fields),
            record=record,
            dated_by=dated_by,
            anchored_by=anchored_by,
            reference=reference,
        )
        self._models[model] = entry
        self._facts.clear()
        if not reference:
            model.__str__ = record_title
        return entry

    def unregister(self, model: type[models.Model]) -> None:
        self._models.pop(model, None)
        self._facts.clear()

    def get(self, model: type[models.Model]) -> ModelClassification | None:
        return self._models.get(model)

    def __iter__(self) -> Iterator[ModelClassification]:
        return iter(list(self._models.values()))

    def __contains__(self, model: type[models.Model]) -> bool:
        return model in self._models


registry = ClassificationRegistry()


def stored_fields(model: type[models.Model]) -> list[models.Field]:
    """Every field that stores a value: concrete columns and many-to-many links."""
    return [
        f
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) or (f.many_to_many and not f.auto_created)
    ]


def record_models(app_labels: Iterable[str] = RECORD_APPS) -> list[type[models.Model]]:
    found: list[type[models.Model]] = []
    for label in app_labels:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        found.extend(m for m in config.get_models() if not m._meta.auto_created)
    return found


def find_classification_problems(
    models_to_check: Iterable[type[models.Model]] | None = None,
    notices: Iterable[Notice] | None = None,
    reg: ClassificationRegistry | None = None,
) -> list[Problem]:
    reg = registry if reg is None else reg
    notices_by_slug = {n.slug: n for n in (catalogue.NOTICES if notices is None else notices)}
    problems: list[Problem] = []
    for model in record_models() if models_to_check is None else models_to_check:
        label = model._meta.label
        entry = reg.get(model)
        fields = stored_fields(model)
        if entry is None:
            for f in fields:
                problems.append(Problem("sorn.E010", f"{label}.{f.name}", "is not classified"))
            continue
        unknown = [s for s in entry.systems if s not in notices_by_slug]
        for slug in unknown:
            problems.append(
                Problem("sorn.E011", label, f"names system {slug!r}, which the catalogue lacks")
            )
        names = {f.name for f in fields}
        for f in fields:
            where = f"{label}.{f.name}"
            fc = entry.fields.get(f.name)
            if fc is None:
                problems.append(Problem("sorn.E010", where, "is not classified"))
                continue
            problems.extend(_field_problems(where, fc, entry.systems, notices_by_slug))
        for stale in sorted(set(entry.fields) - names):
            problems.append(
                Problem("sorn.E013", f"{label}.{stale}", "is classified but is not a field")
            )
        problems.extend(_record_problems(model, entry, notices_by_slug))
        problems.extend(_person_problems(model, entry, reg))
    return problems


def _person_problems(
    model: type[models.Model], entry: ModelClassification, reg: ClassificationRegistry
) -> list[Problem]:
    """Every record reaches the person it is about through its foreign keys, or is
    declared reference data about no one: otherwise no request would find it, the audit
    would not know whose it is, and its rights could not follow its person's systems."""
    if reg.person_model is None:
        return []
    path = reg.facts(model).person_path
    label = model._meta.label
    if path is None and not entry.reference:
        return [
            Problem(
                "sorn.E017",
                label,
                "reaches no person through its foreign keys and is not declared reference "
                "data (reference=True)",
            )
        ]
    if path is not None and entry.reference:
        return [
            Problem(
                "sorn.E017", label, f"is declared reference data but is about a person ({path})"
            )
        ]
    return []


def _record_problems(
    model: type[models.Model], entry: ModelClassification, notices_by_slug: Mapping[str, Notice]
) -> list[Problem]:
    """A system's own records say which rule governs them and what their date is."""
    label = model._meta.label
    if len(entry.systems) != 1:
        return []  # shared people data: governed through each system's relationship
    notice = notices_by_slug.get(entry.systems[0])
    if notice is None:
        return []
    problems: list[Problem] = []
    if entry.record not in notice.category_keys | notice.record_kind_keys:
        problems.append(
            Problem(
                "sorn.E014",
                label,
                f"must name the record category or record kind of {notice.number} that "
                f"governs its retention (record=...), got {entry.record!r}",
            )
        )
    try:
        dated = model._meta.get_field(entry.dated_by) if entry.dated_by else None
    except FieldDoesNotExist:  # reported below like a missing one
        dated = None
    if not isinstance(dated, models.DateField):  # DateTimeField is a DateField
        problems.append(
            Problem(
                "sorn.E015",
                label,
                f"must name its own date field (dated_by=...), got {entry.dated_by!r}",
            )
        )
    problems.extend(_anchor_problems(model, entry, notice))
    return problems


# Anchors counted from an event the record itself carries, and so from a field of its own.
EVENT_ANCHORS = frozenset({RetentionAnchor.ACCESS_CANCELLED, RetentionAnchor.PARTICIPATION_CEASED})


def _anchor_problems(
    model: type[models.Model], entry: ModelClassification, notice: Notice
) -> list[Problem]:
    """A record whose rule counts from the cancellation of access or the end of
    participation names the field holding that date; one counted from the end of the
    relationship reaches its person (retention needs the relationship's end)."""
    try:
        rule = notice.retention_rule_for(entry.record or "")
    except KeyError:
        return []  # sorn.E014 or the catalogue's own checks report it
    label = model._meta.label
    if rule.anchor in EVENT_ANCHORS:
        try:
            anchor = model._meta.get_field(entry.anchored_by) if entry.anchored_by else None
        except FieldDoesNotExist:
            anchor = None
        if not isinstance(anchor, models.DateField):
            return [
                Problem(
                    "sorn.E016",
                    label,
                    f"is kept under {notice.number} rule {rule.key!r}, counted from "
                    f"{rule.anchor_label}: name that date field (anchored_by=...), got "
                    f"{entry.anchored_by!r}",
                )
            ]
    elif entry.anchored_by:
        return [
            Problem(
                "sorn.E016",
                label,
                f"names anchored_by={entry.anchored_by!r}, but {notice.number} rule "
                f"{rule.key!r} counts from {rule.anchor_label}",
            )
        ]
    return []


def _field_problems(
    where: str,
    fc: FieldClassification,
    systems: tuple[str, ...],
    notices_by_slug: Mapping[str, Notice],
) -> list[Problem]:
    problems: list[Problem] = []
    if fc.category is None:
        if fc.data_class != DataClass.INTERNAL:
            problems.append(
                Problem(
                    "sorn.E012",
                    where,
                    f"has data class {fc.data_class!s} but no record category; only internal "
                    "fields may have none",
                )
            )
        return problems
    for slug, key in fc.categories(systems).items():
        notice = notices_by_slug.get(slug)
        if notice is None or slug not in systems:
            problems.append(
                Problem("sorn.E011", where, f"is classified under system {slug!r}, not its own")
            )
        elif key not in notice.category_keys:
            problems.append(
                Problem(
                    "sorn.E012",
                    where,
                    f"is classified as {key!r}, a category {notice.number} does not publish",
                )
            )
    return problems


def category_coverage(
    notices: Iterable[Notice] | None = None, reg: ClassificationRegistry | None = None
) -> dict[str, dict[str, list[str]]]:
    """Per system slug: the published categories that some field stores, and those none
    does (a published category with no storage is reported, not an error)."""
    reg = registry if reg is None else reg
    notices = list(catalogue.NOTICES if notices is None else notices)
    stored: dict[str, set[str]] = {n.slug: set() for n in notices}
    for entry in reg:
        for fc in entry.fields.values():
            for slug, key in fc.categories(entry.systems).items():
                stored.setdefault(slug, set()).add(key)
    return {
        n.slug: {
            "stored": [c.key for c in n.record_categories if c.key in stored[n.slug]],
            "not_stored": [c.key for c in n.record_categories if c.key not in stored[n.slug]],
        }
        for n in notices
    }
