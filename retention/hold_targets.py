"""What a legal hold may name: a record type a retention rule governs and, for a query
hold, lookups that compare only what the officer placing it reads in clear.

A query hold's answer shows: the plan, the dashboard and every run count the rows it
holds. Its lookups are therefore a search, and searching a field is reading it, one
guess at a time (`{"id": 102, "card_last_four": "0000"}`, then "9071"; a range lookup
halves the candidates with each hold). So every field a lookup path names, on whichever
model the path reaches, must be one the officer reads in clear under the role policy
(not hidden, not masked); and no one compares a column the database cannot (encrypted),
search machinery (a blind index, a key reference) or a credential, which no one reads.
The form shows these problems; the service refuses them whoever calls it.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import DatabaseError, models, transaction

# The role policy, named on this line only (the module moves to access.policy).
from access.policy import Access, clear_systems, field_access, roles_of, visible_systems
from keystore.fields import BlindIndexField, EncryptedMixin
from retention.rules import bindings
from sorn.classification import registry
from sorn.constants import DataClass, Role


def record_models() -> dict[str, type[models.Model]]:
    """The record types a hold may name: every model a retention rule governs."""
    return {b.label: b.model for b in bindings()}


def query_problems(model: type[models.Model], query, *, by) -> list[str]:
    """Why `query` cannot be the lookups of a hold on `model` placed by `by`; empty
    when it can.

    Only the model's own stored columns (a relation compared by its own column, not
    followed), each stored in clear, classified, not a credential, and read in clear by
    `by`; then the lookups must make a query the database runs."""
    if not isinstance(query, dict) or not query:
        return ['a query is a JSON object of field lookups, e.g. {"recorded_on__lt": "2020-01-01"}']
    problems = []
    for key in query:
        problems += _path_problems(model, str(key), by)
    if problems:
        return problems
    try:
        # A savepoint: an error the database raises leaves the admin's transaction usable.
        with transaction.atomic():
            model._base_manager.filter(**query).exists()
    # OverflowError: a number past what the column holds ({"id__gt": 1e400} is infinity).
    except (
        FieldError,
        ValidationError,
        ValueError,
        TypeError,
        OverflowError,
        DatabaseError,
    ) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return [f"the lookups do not make a query on {model._meta.label}: {message}"]
    return []


def _path_problems(model: type[models.Model], key: str, user) -> list[str]:
    """Each part of the lookup path `key` that names a field, checked on the model the
    path has reached; the parts after the last field are lookups and transforms."""
    parts = key.split("__")
    current: type[models.Model] = model
    problems = []
    for position, part in enumerate(parts):
        field = _column(current, part)
        if field is None:
            if position == 0 or _is_field(current, part):
                problems.append(f"{key}: {_not_a_column(current, part)}")
            break
        problem = _column_problem(current, field) or _reading_problem(user, current, field)
        if problem:
            problems.append(f"{key}: {problem}")
            break
        lookups = parts[position + 1 :]
        if not field.is_relation or _lookups_on_itself(field, lookups):
            break
        if position == 0:
            problems.append(f"{key}: only lookups on {field.name} itself (no related fields)")
        current = field.related_model
    return problems


def _column(model: type[models.Model], name: str) -> models.Field | None:
    """The stored column `name` (a field name, its column's attname, or pk) names."""
    if name == "pk":
        return model._meta.pk
    return next(
        (f for f in model._meta.concrete_fields if name in (f.name, f.attname)),
        None,
    )


def _is_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _not_a_column(model: type[models.Model], name: str) -> str:
    if _is_field(model, name):
        return f"{name} is not a stored column of {model._meta.label}"
    return f"{model._meta.label} has no field {name!r}"


def _lookups_on_itself(field: models.Field, lookups: list[str]) -> bool:
    """A relation compared by its own column (`person`, `person__in`), not followed."""
    return not lookups or (len(lookups) == 1 and field.get_lookup(lookups[0]) is not None)


def _column_problem(model: type[models.Model], field: models.Field) -> str | None:
    """Why no one may compare the column, whatever their role."""
    entry = registry.get(model)
    classified = entry.fields.get(field.name) if entry else None
    if isinstance(field, EncryptedMixin) or (classified is not None and classified.encrypted):
        return f"{field.name} is encrypted; only fields stored in clear"
    if isinstance(field, BlindIndexField) or field.attname == "data_key_id":
        return f"{field.name} is a blind index or key reference"
    if classified is None:
        return f"{field.name} is not classified"
    if classified.data_class == DataClass.CREDENTIAL:
        return f"{field.name} is a credential; never searched"
    return None


def _reading_problem(user, model: type[models.Model], field: models.Field) -> str | None:
    """Why `user` may not compare the column: the role policy does not show it to them
    in clear (hidden, or masked)."""
    access = field_access(user, model, field.name)
    visible = visible_systems(user, model)
    if access >= Access.READ and field.is_relation and not visible:
        # A link on a record type the officer sees nothing of: the policy shows links
        # with a record one sees at all, and here it would tell whom such a record is
        # about (`{"person": 41}` on the bad-check list). Its own number and dates stay
        # the schedule's bookkeeping.
        access = Access.NONE
    elif access >= Access.READ and clear_systems(user, model, field.name) != visible:
        access = Access.MASKED  # clear on some rows only: a hold counts every row
    if access >= Access.READ:
        return None
    roles = sorted(Role(r).label.lower() for r in roles_of(user))
    who = f"the {' and '.join(roles)} role{'s' * (len(roles) > 1)}" if roles else "no role"
    how = "it reads it only masked" if access == Access.MASKED else "it does not read it in clear"
    return f"{who} cannot search {model._meta.label}.{field.name}: {how}"
