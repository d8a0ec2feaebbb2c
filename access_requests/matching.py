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
Nothing here reads a record's field: the finder runs of every system asked about (all
together and each alone) are one database query of person ids and record ids over the
blind-index lookups the finders build, and the runs of the identifiers that found
someone (not all of them) a second one. Each finder query is compiled once per shape (a
system and the names of the identifiers given: lib.prepared), and filled with each run's
values, so a search builds no query the ORM must compile again; the people, orders and
logon IDs each identifier names are looked up once per search
(sorn.retrieval.remembered). At 1,000,000 people on PostgreSQL a search of the four
systems took 250-470 ms when every run's queries were built afresh; see the README for
what it takes now (bench/request_matching.py).
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections

from access_requests.constants import MatchState
from access_requests.identifiers import IDENTIFIER_WORDS
from access_requests.models import PrivacyActRequest
from customers.services import find_people_ids, people_remembered, remember_people
from lib.prepared import Compiled, Statement, Uncapturable, assemble, compile_query, fetch_prepared
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


@dataclass(frozen=True)
class _Part:
    """One record model's query of a finder run, compiled to select the person each
    record is about and the record (their columns as the compiler named them)."""

    label: str
    query: Compiled
    person: str
    record: str
    alias: str  # the database


# (system, shape of a finder run) → its parts, compiled once (`_parts`); None: a shape
# whose queries cannot be filled again (lib.prepared.Uncapturable), compiled each time.
_compiled: dict[tuple, tuple[_Part, ...] | None] = {}
MAX_SHAPES = 2048
# Tests set this: every compiled query filled with a run's values is checked against
# the run's queries compiled afresh (nothing a finder builds may depend on a value).
CHECK_COMPILED = False


def _compile(system: str, bindings: retrieval.Bindings, capture: bool) -> tuple[_Part, ...]:
    """The finder's queries for `bindings`, built and compiled: each model's records as
    person id and record id (records about no stored person, and queries no row can
    meet, left out)."""
    parts = []
    for label, queryset in retrieval.build(system, bindings).records.items():
        path = registry.facts(queryset.model).person_id_path
        if path is None or queryset.query.is_empty():
            continue
        connection = connections[queryset.db]
        compiler = (
            queryset.order_by().values_list(path, "pk").query.get_compiler(connection=connection)
        )
        try:
            query = compile_query(compiler) if capture else Compiled(*compiler.as_sql())
        except EmptyResultSet:
            continue  # a condition no row can meet (`IN ()`): nothing found
        # The columns as the compiler named them (Django 5.2 aliases each selected column,
        # "pk" and "pk1" when the path is the primary key itself).
        person, record = (connection.ops.quote_name(alias) for _, _, alias in compiler.select)
        parts.append(_Part(label, query, person, record, queryset.db))
    return tuple(parts)


def _parts(system: str, bindings: retrieval.Bindings) -> tuple[tuple[_Part, ...], bool]:
    """The compiled parts of a finder run, compiled on the first run of its shape, and
    whether they are (else they were compiled afresh with the run's values)."""
    key = (system, bindings.shape)
    try:
        parts = _compiled[key]
    except KeyError:
        try:
            parts = _compile(system, bindings, capture=True)
        except Uncapturable:
            parts = None
        if len(_compiled) >= MAX_SHAPES:
            _compiled.clear()
        _compiled[key] = parts
    if parts is None:
        return _compile(system, bindings, capture=False), False
    if CHECK_COMPILED:
        fresh = _compile(system, bindings, capture=False)
        for part, afresh in zip_longest(parts, fresh):
            if (
                part is None
                or afresh is None
                or (part.label, part.query.sql) != (afresh.label, afresh.query.sql)
                or part.query.params(bindings.values, connections[part.alias])
                != list(afresh.query.parameters)
            ):
                raise AssertionError(
                    f"{system}, {sorted(bindings.names)}: a query compiled once differs from "
                    "the same run's built afresh (a finder built something from a value)"
                )
    return parts, True


@dataclass(frozen=True)
class _Query:
    """The finder runs of a search in one statement: which run and model each select of
    its UNION ALL is (by its number), and the database."""

    statement: Statement
    selects: tuple[tuple[int, str], ...]  # select number → (run, model label)
    alias: str


# The runs' shapes, in order (system, shape) → their query (`_query`); a search's is
# some 80 kB of SQL, twice (Django's form and PostgreSQL's).
_queries: dict[tuple, _Query | None] = {}
MAX_QUERIES = 128
_NOT_YET = object()


def _query(runs: Sequence[tuple[str, retrieval.Bindings]]) -> _Query | None:
    """The one query of several finder runs (None: none has a query a row can meet):
    a UNION ALL of one select per run and model, each the finder's own query compiled
    once per shape (`_parts`); assembled once per sequence of shapes."""
    key = tuple((system, bindings.shape) for system, bindings in runs)
    query = _queries.get(key, _NOT_YET)
    if query is not _NOT_YET and not CHECK_COMPILED:
        return query
    pieces, selects, alias, captured = [], [], None, True
    for run, (system, bindings) in enumerate(runs):
        parts, compiled_once = _parts(system, bindings)
        captured = captured and compiled_once
        for part in parts:
            alias = part.alias
            # The select's number is ours and the columns the compiler's: no value here.
            prefix = f"SELECT {len(selects)}, found.{part.person}, found.{part.record} FROM ("  # noqa: S608
            pieces.append((prefix, part.query, ") found", run))
            selects.append((run, part.label))
    query = None
    if alias is not None:
        query = _Query(assemble(pieces, " UNION ALL "), tuple(selects), alias)
    if captured:  # a query with values of its own is for this search only
        if len(_queries) >= MAX_QUERIES:
            _queries.clear()
        _queries[key] = query
    return query


def people_found_by(runs: Mapping[Key, tuple[str, Mapping[str, str]]]) -> dict[Key, Found]:
    """Person id → model label → count of the records found of them, for several finder
    runs (key → the system and the identifiers it is given) in one query (`_query`),
    filled with the runs' values: person ids and record ids only, counted here
    (grouping them in the database cost more to plan and run than the few rows cost to
    count). The people a system holds whom a run's person-level identifiers name are
    found too (`people_in_system`)."""
    keys = list(runs)
    bound = [(system, retrieval.bind(system, identifiers)) for system, identifiers in runs.values()]
    found: dict[Key, Found] = {key: {} for key in keys}
    query = _query(bound)
    if query is not None:
        # The same statement for every search giving the same kinds of identifier:
        # prepared and planned once on PostgreSQL.
        values = [bindings.values for _, bindings in bound]
        rows = fetch_prepared(connections[query.alias], query.statement, values)
        records: dict[tuple[int, PersonId], set] = {}
        for select, person_id, record in rows:
            if person_id is not None:
                records.setdefault((select, person_id), set()).add(record)
        for (select, person_id), found_records in sorted(records.items()):
            run, label = query.selects[select]
            found[keys[run]].setdefault(person_id, {})[label] = len(found_records)
    for key, (system, identifiers) in runs.items():
        for person_id in people_in_system(system, identifiers):
            found[key].setdefault(person_id, {})
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
    return _search([system], given)


Run = tuple[str, frozenset[str]]  # a system, and the names of the identifiers it is given


def _search(systems: Iterable[str], given: Mapping[str, str]) -> list[Candidate]:
    """The candidates of each system in turn; every finder run the systems need, in two
    queries at most."""
    # The finders and people_in_system look the same people up again and again: once
    # each is enough for one search.
    with people_remembered():
        used = {system: identifiers_for(system, given) for system in systems}
        # A system given nothing its notice retrieves by: nothing searched, nobody found.
        used = {system: names for system, names in used.items() if names}
        # The people the person-level identifiers name, and their relationships, for
        # every run of every system at once.
        remember_people(
            (PERSON_LEVEL[name], value)
            for names in used.values()
            for name, value in names.items()
            if name in PERSON_LEVEL
        )
        runs: dict[Run, Found] = {}

        def find(wanted: Iterable[Run]) -> None:
            """Run the finder for each system and set of identifiers not run yet, in one
            query."""
            new = [run for run in dict.fromkeys(wanted) if run not in runs]
            if new:
                runs.update(
                    people_found_by(
                        {
                            (system, key): (system, {n: used[system][n] for n in key})
                            for system, key in new
                        }
                    )
                )

        # All together and each alone: every run the search needs for sure, in one query.
        find(
            (system, key)
            for system, names in used.items()
            for key in (frozenset(names), *(frozenset([name]) for name in names))
        )
        found = {system: _found(system, names, runs) for system, names in used.items()}
        # What the identifiers that found someone (not all of them) find together.
        find(
            (system, frozenset(why))
            for system, people in found.items()
            for _, why, complete in people
            if not complete
        )
        return [
            candidate
            for system, people in found.items()
            for candidate in _candidates(system, used[system], people, runs)
        ]


def _found(
    system: str, used: Mapping[str, str], runs: Mapping[Run, Found]
) -> list[tuple[PersonId, tuple[str, ...], bool]]:
    """The candidates of a system: person, why (the identifiers that found them alone, in
    the notice's order) and whether all together found them."""
    complete = runs[system, frozenset(used)]
    alone = {name: runs[system, frozenset([name])] for name in used}
    people = []
    for person_id in sorted(set(complete).union(*alone.values())):
        why = tuple(name for name in used if person_id in alone[name])
        is_complete = person_id in complete
        if not is_complete and len(why) < 2 and set(why) <= SHARED_IDENTIFIERS:
            continue
        people.append((person_id, why, is_complete))
    return people


def _candidates(
    system: str,
    used: Mapping[str, str],
    people: Iterable[tuple[PersonId, tuple[str, ...], bool]],
    runs: Mapping[Run, Found],
) -> list[Candidate]:
    complete = runs[system, frozenset(used)]
    candidates = []
    for person_id, why, is_complete in people:
        # What the identifiers that found them find of them together.
        records = (
            complete[person_id] if is_complete else runs[system, frozenset(why)].get(person_id)
        )
        if records is None:  # found by each alone, not together: what each found
            records = {}
            for name in why:
                for label, count in runs[system, frozenset([name])][person_id].items():
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
    return _search(sorted(set(request.systems)), given_identifiers(request))


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
