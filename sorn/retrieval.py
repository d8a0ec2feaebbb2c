"""Retrieval as each notice lists it: one finder per system of records.

Each record app registers, for its system, the function that answers "which records of
this system are about the person these identifiers describe?" (`<app>/services.py`).
Privacy Act requests and the API call `find_records`; nothing else re-implements a search.
Identifiers are the catalogue's retrieval identifier names ("name", "email", "phone",
"address", "customer_id", "order_number", "logon_id", ...).

A finder is two functions: `bind` looks up what the identifiers' values name (the ids
of the people, of the orders, a blind-index token) and `build` writes each record
model's query from those values, as `lib.prepared.Bound` expressions, and from the names
of the identifiers given, never from a value: the queries of one shape (a system and the
names given) are then the same whatever the values, and a search that runs a finder
many times compiles each of its queries once (access_requests.matching).

Beside its finder, each system declares which stored fields a search by each identifier
compares (`compares`), and `customers` those of the person-level identifiers its people
finder compares for every system: searching by a value is reading it, so a channel that
lets a user search (the API's filters) asks `compared_fields` and lets the search run
only where the user reads every one of them in clear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

from lib.prepared import Bound, BoundIds
from sorn import catalogue


@dataclass
class RetrievalResult:
    """Records found in one system, per model."""

    system: str
    records: dict[str, models.QuerySet] = field(default_factory=dict)

    def count(self) -> int:
        return sum(qs.count() for qs in self.records.values())


@dataclass(frozen=True)
class Bindings:
    """What a finder's `bind` found for the identifiers given: their names (which, with
    the names of the values, decide the shape of the finder's queries) and the values
    its queries take, by name."""

    names: frozenset[str]
    values: Mapping[str, Any]

    @property
    def shape(self) -> tuple[frozenset[str], frozenset[str]]:
        return self.names, frozenset(self.values)

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def ids(self, name: str) -> BoundIds:
        """The bound list of ids `name`, for an `any_of` lookup."""
        return BoundIds(name, self.values[name])

    def value(self, name: str, output_field: models.Field | None = None) -> Bound:
        """The bound value `name` (text unless an output field says otherwise)."""
        return Bound(name, self.values[name], output_field or models.CharField())


# identifiers (those given, none empty) → the values the finder's queries take
Bind = Callable[[Mapping[str, str]], dict[str, Any]]
# the bindings → each record model's query (model label → queryset)
Build = Callable[[Bindings], dict[str, models.QuerySet]]


@dataclass(frozen=True)
class Finder:
    bind: Bind
    build: Build


_finders: dict[str, Finder] = {}

# identifier → the stored fields a search by it compares: (model, field name), the field
# a column or a blind index.
Compared = Mapping[str, Sequence[tuple[type[models.Model], str]]]
_compared: dict[str, Compared] = {}
_person_compared: dict[str, tuple[tuple[type[models.Model], str], ...]] = {}


class UnknownIdentifier(ValueError):
    pass


def register(
    system: str, *, bind: Bind, compares: Compared | None = None
) -> Callable[[Build], Build]:
    """Register the system's finder: the decorated `build`, and its `bind`; with the
    fields each of its own identifiers compares (the person-level ones are
    `register_person_identifiers`')."""

    def decorator(build: Build) -> Build:
        if system in _finders:
            raise ValueError(f"a finder for {system} is already registered")
        _finders[system] = Finder(bind=bind, build=build)
        _compared[system] = {name: tuple(fields) for name, fields in (compares or {}).items()}
        return build

    return decorator


def register_person_identifiers(compares: Compared) -> None:
    """The person-level identifiers (name, e-mail, phone, address, customer ID) and the
    fields the people finder compares for them, in whichever system's search."""
    _person_compared.update({name: tuple(fields) for name, fields in compares.items()})


def compared_fields(system: str, identifier: str) -> tuple[tuple[type[models.Model], str], ...]:
    """The stored fields a search of `system` by `identifier` compares: the people's,
    where the notice retrieves by a person-level identifier, and the system's own."""
    if identifier not in identifiers_of(system):
        number = catalogue.get_notice(system).number
        raise UnknownIdentifier(f"{number} is not retrieved by {identifier}")
    own = tuple(_compared.get(system, {}).get(identifier, ()))
    return _person_compared.get(identifier, ()) + own


def undeclared_identifiers(system: str) -> list[str]:
    """The notice's identifiers for which no compared field is declared (a test and
    `compared_fields`' callers refuse them rather than let an unchecked search run)."""
    return sorted(i for i in identifiers_of(system) if not compared_fields(system, i))


def identifiers_of(system: str) -> set[str]:
    notice = catalogue.get_notice(system)
    return {name for path in notice.retrievability for name in path.identifiers}


def find_records(system: str, identifiers: Mapping[str, str]) -> RetrievalResult:
    """The records of `system` matching every given identifier the notice retrieves by."""
    return build(system, bind(system, identifiers))


def bind(system: str, identifiers: Mapping[str, str]) -> Bindings:
    """What the system's finder looks up for the identifiers (those not empty), every one
    an identifier its notice retrieves by."""
    allowed = identifiers_of(system)
    unknown = sorted(set(identifiers) - allowed)
    if unknown:
        raise UnknownIdentifier(
            f"{catalogue.get_notice(system).number} is not retrieved by {', '.join(unknown)}"
        )
    given = {k: v for k, v in identifiers.items() if v not in (None, "")}
    return Bindings(names=frozenset(given), values=_finder(system).bind(given))


def build(system: str, bindings: Bindings) -> RetrievalResult:
    """The records of `system` the bound identifiers find, a query per record model."""
    return RetrievalResult(system=system, records=_finder(system).build(bindings))


def _finder(system: str) -> Finder:
    try:
        return _finders[system]
    except KeyError:
        raise LookupError(f"no finder registered for {system}") from None


# What the finders' `bind`s have looked up so far in one search (`remembered`): lookup key
# → result. None outside a search.
_remembered: ContextVar[dict[tuple, Any] | None] = ContextVar("lookups_remembered", default=None)
T = TypeVar("T")


@contextmanager
def remembered() -> Iterator[None]:
    """Within, each lookup `recall` is asked for is made once: a search across the
    systems (access_requests.matching) runs each system's finder with the identifiers
    together and each alone, so the same people, orders and logon IDs were otherwise
    looked up again and again for one answer. Within a search already remembering, the
    same."""
    if _remembered.get() is not None:
        yield
        return
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def recall(key: tuple, look_up: Callable[[], T]) -> T:
    """`look_up()`, made once per `key` within `remembered()` (afresh outside). The key
    names what is looked up and by which value, and starts with the app that looks."""
    memo = _remembered.get()
    if memo is None:
        return look_up()
    if key not in memo:
        memo[key] = look_up()
    return memo[key]


def memo() -> dict[tuple, Any] | None:
    """The lookups remembered in this search, or None outside one (for a lookup that
    fills several keys at once)."""
    return _remembered.get()


def registered_systems() -> list[str]:
    return sorted(_finders)
