"""One search across the systems a Privacy Act request asks about (issue 12, item 3).

For each system asked about, the system's own finder (sorn.retrieval, registered by its
record app) is run with the identifiers the requester gave that the system's notice
lists — never others: an identifier the notice does not retrieve by is dropped for that
system (5 U.S.C. 552a(e)(1): a system is searched as its notice says it is retrieved).
The finders AND what they are given, so the search runs each system's finder once with
all those identifiers together and once with each alone; the people found are the
candidates, each with *why* (the names of the identifiers that found them alone, never a
value) and how many records of each model the search found of them (counts only).

Which people are candidates in a system:
  * everyone found by all the given identifiers together (a *complete* match);
  * someone found by only some of them, when what found them singles out a person: two
    identifiers or more, or one that is not shared by many people (an e-mail address, a
    customer ID, an order number, a logon ID …). A name alone, a household's address or
    phone alone, a firm's or a host's name alone, a day alone, is no reason to suspect a
    requester who gave more (a namesake with another e-mail address is not a candidate);
    given alone by the requester, it is the whole search and every person it finds is a
    candidate.

A person whose relationship with a system is stored but who has no record in it yet is
found too, by the person-level identifiers alone (customers.services.find_people, with the
system): a notification request must not be told "not in the system" about them.

Records are grouped by the person they are about through the classification registry
(`registry.facts(model).person_id_path`); records about no stored person (a meeting
participant known only by name and e-mail, a Mint staff member) are no candidate.
Nothing here reads a record's field: the finder runs of a system (all together and each
alone) are one database query of person ids and counts over the blind-index lookups the
finders build, and the people each person-level identifier names are looked up once per
search (customers.services.people_remembered).
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections

from access_requests.constants import MatchState
from access_requests.identifiers import IDENTIFIER_WORDS
from access_requests.models import PrivacyActRequest
from customers.services import find_people_ids, people_remembered
from sorn import catalogue, retrieval
from sorn.classification import registry

# Identifiers many people share: found by one of these alone, a person is no candidate
# when the requester gave more (module docstring).
SHARED_IDENTIFIERS = frozenset(
    {"name", "address", "phone", "company_name", "host_name", "organizer_name", "order_date"}
)

PersonId = int
Found = dict[PersonId, dict[str, int]]  # person id → model label → records found
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Candidate:
    """A person found in one system, why, and what was found of them (counts only)."""

    system: str
    person_id: PersonId
    # Names of the identifiers that found the person on their own, in the notice's order.
    why: tuple[str, ...]
    # Found by every identifier given to the system together.
    complete: bool
    records: Mapping[str, int] = field(default_factory=dict)

    @property
    def why_words(self) -> str:
        return identifier_words(self.why)

    @property
    def record_count(self) -> int:
        return sum(self.records.values())


def identifier_words(names: Iterable[str]) -> str:
    """'e-mail address and order number': the identifiers' plain words, never values."""
    words = [IDENTIFIER_WORDS.get(name) or name.replace("_", " ") for name in names]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def system_number(slug: str) -> str:
    """'USPS 810.300': how the notices name a system."""
    try:
        return catalogue.get_notice(slug).number
    except LookupError:
        return slug


def given_identifiers(request: PrivacyActRequest) -> dict[str, str]:
    """What the requester gave (identifier name → value), decrypted from the request."""
    if not request.identifiers:
        return {}
    given = json.loads(request.identifiers)
    return {str(k): str(v) for k, v in given.items() if v not in (None, "")}


def identifiers_for(system: str, given: Mapping[str, str]) -> dict[str, str]:
    """The given identifiers the system's notice retrieves by, in the notice's order; the
    rest are not used for this system."""
    listed = _notice_order(system)
    return {name: given[name] for name in listed if given.get(name)}


def _notice_order(system: str) -> list[str]:
    notice = catalogue.get_notice(system)
    order: list[str] = []
    for path in notice.retrievability:
        for name in path.identifiers:
            if name not in order:
                order.append(name)
    return order


def people_found(result: retrieval.RetrievalResult) -> Found:
    """Person id → model label → count of the records found of them: one query, person
    ids and counts only."""
    return people_found_by({None: result})[None]


def people_found_by(results: Mapping[Key, retrieval.RetrievalResult]) -> dict[Key, Found]:
    """`people_found` of several finder runs (key → the run's result) in one query: a
    UNION ALL of one grouped select per run and model, over the finders' own queries
    compiled by the ORM (each model's records found, as person id and record id).

    Written around the compiled queries rather than as the ORM's union of annotated
    querysets: building and compiling those annotations cost several milliseconds a
    model, over a hundred models a search (bench/request_matching.py)."""
    found: dict[Key, Found] = {key: {} for key in results}
    parts: list[tuple[Key, str]] = []
    selects: list[str] = []
    params: list = []
    connection = None
    for key, result in results.items():
        for label, queryset in result.records.items():
            path = registry.facts(queryset.model).person_id_path
            if path is None or queryset.query.is_empty():
                continue
            connection = connections[queryset.db]
            compiler = (
                queryset.order_by()
                .values_list(path, "pk")
                .query.get_compiler(connection=connection)
            )
            try:
                sql, part_params = compiler.as_sql()
            except EmptyResultSet:
                continue  # a condition no row can meet (`IN ()`): nothing found
            # The columns as the compiler named them (Django 5.2 aliases each selected
            # column, "pk" and "pk1" when the path is the primary key itself); the
            # part's number is ours, not a value from outside.
            person, record = (connection.ops.quote_name(alias) for _, _, alias in compiler.select)
            selects.append(
                f"SELECT {len(parts)}, found.{person}, COUNT(DISTINCT found.{record}) "  # noqa: S608
                f"FROM ({sql}) found GROUP BY found.{person}"
            )
            params.extend(part_params)
            parts.append((key, label))
    if connection is None or not selects:
        return found  # every condition unmeetable: nothing found, nothing to ask
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    for part, person_id, count in rows:
        if person_id is not None and count:
            key, label = parts[part]
            found[key].setdefault(person_id, {})[label] = count
    return found


# The identifiers a person row itself answers, by the name a notice gives them → the
# name customers.services.find_people takes (the Mint calls the customer ID its
# "customer number").
PERSON_LEVEL = {"name": "name", "email": "email", "phone": "phone", "address": "address",
                "customer_id": "customer_id", "customer_number": "customer_id"}  # fmt: skip


def people_in_system(system: str, identifiers: Mapping[str, str]) -> Found:
    """People with a relationship with the system whom the person-level identifiers name,
    records or not: person id → {} (no records counted here)."""
    if not identifiers or not set(identifiers) <= set(PERSON_LEVEL):
        return {}
    named = {PERSON_LEVEL[name]: value for name, value in identifiers.items()}
    return {pk: {} for pk in find_people_ids(named, system=system) or ()}


def search_system(system: str, given: Mapping[str, str]) -> list[Candidate]:
    """The candidates of one system for what the requester gave (module docstring)."""
    # The finders and people_in_system look the same people up again and again: once
    # each is enough for one search.
    with people_remembered():
        return _search_system(system, given)


def _search_system(system: str, given: Mapping[str, str]) -> list[Candidate]:
    used = identifiers_for(system, given)
    if not used:
        return []  # nothing its notice retrieves by: nothing searched, nobody found
    runs: dict[frozenset[str], Found] = {}

    def find(keys: Iterable[frozenset[str]]) -> None:
        """Run the finder for each set of identifiers not run yet, in one query."""
        chosen = {key: {n: used[n] for n in used if n in key} for key in keys}
        results = {
            key: retrieval.find_records(system, names)
            for key, names in chosen.items()
            if key not in runs
        }
        for key, found in people_found_by(results).items():
            for person_id in people_in_system(system, chosen[key]):
                found.setdefault(person_id, {})
            runs[key] = found

    def run(names: Iterable[str]) -> Found:
        key = frozenset(names)
        find([key])
        return runs[key]

    # All together and each alone: every run the search needs for sure, in one query.
    find([frozenset(used), *(frozenset([name]) for name in used)])
    complete = runs[frozenset(used)]
    alone = {name: runs[frozenset([name])] for name in used}
    candidates = []
    for person_id in sorted(set(complete).union(*alone.values())):
        why = tuple(name for name in used if person_id in alone[name])
        is_complete = person_id in complete
        if not is_complete and len(why) < 2 and set(why) <= SHARED_IDENTIFIERS:
            continue
        # What the identifiers that found them find of them together.
        records = complete[person_id] if is_complete else run(why).get(person_id)
        if records is None:  # found by each alone, not together: what each found
            records = {}
            for name in why:
                for label, count in alone[name][person_id].items():
                    records[label] = max(records.get(label, 0), count)
        candidates.append(
            Candidate(
                system=system,
                person_id=person_id,
                why=why,
                complete=is_complete,
                records=dict(sorted(records.items())),
            )
        )
    # Complete matches first, then by how many identifiers found them, then by person.
    candidates.sort(key=lambda c: (not c.complete, -len(c.why), c.person_id))
    return candidates


def search(request: PrivacyActRequest) -> list[Candidate]:
    """Every candidate of every system the request asks about, system by system in the
    order of their slugs; within a system, complete matches first."""
    given = given_identifiers(request)
    candidates: list[Candidate] = []
    with people_remembered():  # the same people, looked up once for every system
        for system in sorted(set(request.systems)):
            candidates.extend(search_system(system, given))
    return candidates


def confirmed_people(request: PrivacyActRequest) -> dict[str, list[int]]:
    """System slug → the people staff confirmed as the requester there: whose records a
    package holds (access_requests.packages)."""
    people: dict[str, list[int]] = {}
    for system, person_id in (
        request.matches.filter(state=MatchState.CONFIRMED, person__isnull=False)
        .order_by("system", "person_id")
        .values_list("system", "person_id")
    ):
        people.setdefault(system, []).append(person_id)
    return people


def undecided(request: PrivacyActRequest, systems: Iterable[str] | None = None) -> str:
    """Why what the search found is not yet an answer, in words for staff, or "" when it
    is: the systems not searched, or people found there still to confirm or reject (of
    the request's systems, or of those of them in `systems`). No answer — a package, a
    determination — says a system holds nothing before then."""
    asked = set(request.systems) if systems is None else set(request.systems) & set(systems)
    if not request.events.filter(event="searched").exists():
        return "Search the systems the request asks about first."
    waiting = sorted(
        set(
            request.matches.filter(state=MatchState.CANDIDATE, system__in=asked).values_list(
                "system", flat=True
            )
        )
    )
    if waiting:
        return (
            "Confirm or reject every person the search found first "
            f"({', '.join(system_number(slug) for slug in waiting)})."
        )
    return ""


def notification_answer(request: PrivacyActRequest, systems: Iterable[str] | None = None) -> str:
    """For a notification request (552a(f)(1)) searched and decided: for each system asked
    about (of those `systems` only, when given: one agency's, in that agency's letter),
    whether it holds records about the requester (a confirmed match there), in the words
    of a determination letter. Empty until the systems have been searched and every
    person found in them decided: an unsearched system, or one where a person found awaits
    staff's decision, is no answer that it holds nothing."""
    answered = set(request.systems) if systems is None else set(request.systems) & set(systems)
    if undecided(request, answered):
        return ""
    confirmed = confirmed_people(request)
    return "\n".join(
        f"{system_number(slug)}: "
        + ("holds records about you." if confirmed.get(slug) else "holds no records about you.")
        for slug in sorted(answered)
    )
