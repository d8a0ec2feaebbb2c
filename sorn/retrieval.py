"""Retrieval as each notice lists it: one finder per system of records.

Each record app registers, for its system, the function that answers "which records of
this system are about the person these identifiers describe?" (`<app>/services.py`).
Privacy Act requests and the API call `find_records`; nothing else re-implements a search.
Identifiers are the catalogue's retrieval identifier names ("name", "email", "phone",
"address", "customer_id", "order_number", "logon_id", ...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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


class UnknownIdentifier(ValueError):
    pass


def register(system: str) -> Callable[[Finder], Finder]:
    def decorator(finder: Finder) -> Finder:
        if system in _finders:
            raise ValueError(f"a finder for {system} is already registered")
        _finders[system] = finder
        return finder

    return decorator


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
