"""Retrieval as each notice lists it: one finder per system of records.

Each record app registers, for its system, the function that answers "which records of
this system are about the person these identifiers describe?" (`<app>/services.py`).
Privacy Act requests and the API call `find_records`; nothing else re-implements a search.
Identifiers are the catalogue's retrieval identifier names ("name", "email", "phone",
"address", "customer_id", "order_number", "logon_id", ...).

Beside its finder, each system declares which stored fields a search by each identifier
compares (`compares`), and `customers` those of the person-level identifiers its people
finder compares for every system: searching by a value is reading it, so a channel that
lets a user search (the API's filters) asks `compared_fields` and lets the search run
only where the user reads every one of them in clear.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import models

from sorn import catalogue


@dataclass
class RetrievalResult:
    """Records found in one system, per model."""

    system: str
    records: dict[str, models.QuerySet] = field(default_factory=dict)

    def count(self) -> int:
        return sum(qs.count() for qs in self.records.values())


Finder = Callable[[Mapping[str, str]], RetrievalResult]
_finders: dict[str, Finder] = {}

# identifier → the stored fields a search by it compares: (model, field name), the field
# a column or a blind index.
Compared = Mapping[str, Sequence[tuple[type[models.Model], str]]]
_compared: dict[str, Compared] = {}
_person_compared: dict[str, tuple[tuple[type[models.Model], str], ...]] = {}


class UnknownIdentifier(ValueError):
    pass


def register(system: str, *, compares: Compared | None = None) -> Callable[[Finder], Finder]:
    """Register the system's finder, with the fields each of its own identifiers
    compares (the person-level ones are `register_person_identifiers`')."""

    def decorator(finder: Finder) -> Finder:
        if system in _finders:
            raise ValueError(f"a finder for {system} is already registered")
        _finders[system] = finder
        _compared[system] = {name: tuple(fields) for name, fields in (compares or {}).items()}
        return finder

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
    allowed = identifiers_of(system)
    unknown = sorted(set(identifiers) - allowed)
    if unknown:
        raise UnknownIdentifier(
            f"{catalogue.get_notice(system).number} is not retrieved by {', '.join(unknown)}"
        )
    try:
        finder = _finders[system]
    except KeyError:
        raise LookupError(f"no finder registered for {system}") from None
    return finder({k: v for k, v in identifiers.items() if v not in (None, "")})


def registered_systems() -> list[str]:
    return sorted(_finders)
