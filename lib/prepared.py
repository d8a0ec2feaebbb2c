"""Queries compiled once per shape and run again with other values.

A small query costs the ORM far more to build and compile than the database to run: a
Privacy Act search builds each system's finder queries (one per record model) for every
set of identifiers it tries, and at a million people compiling them was two thirds of
the search (bench/request_matching.py). Those queries differ only in their values, so a
query whose values come from outside is written with them as `Bound` expressions (and a
list of ids as an `any_of` lookup of `BoundIds`, one parameter however many ids):
compiled under `capture()`, each bound value leaves a `Slot` in the parameters instead
of itself, and `Compiled.params` fills the slots with another run's values. The SQL is
the ORM's own; what is built must depend only on which values are bound, never on what
they are (a value read while building would be frozen into the first compilation).
`assemble` joins compiled queries into one statement; `CompiledOnce` keeps the small
lookups a search makes again and again.

On PostgreSQL, planning a large query of that kind cost more than running it (a search
of four systems is one UNION ALL of some two hundred small selects: about 15 ms to plan,
5 to run), and the planner spread it over parallel workers, whose start cost more
again. `fetch_prepared` therefore prepares such a query on the server once per
connection and runs it with a generic plan made without parallel workers, both settings
local to the query.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connections, models, transaction
from django.db.models import Expression, Lookup

_capturing: ContextVar[bool] = ContextVar("prepared_capturing", default=False)


class Uncapturable(TypeError):
    """A bound value was turned into something else while compiling (Django escapes the
    value of an `iexact` on SQLite, say): that query cannot be filled again, and is
    compiled afresh each time instead."""


@dataclass(frozen=True, eq=False)
class Slot:
    """Where a bound value goes in a compiled query's parameters."""

    name: str
    adapt: Callable[[Any, Any], Any]  # (value, connection) → the database's parameter
    kind: str = ""  # how it adapts (two slots of one name and kind take one value)

    def __str__(self) -> str:
        raise Uncapturable(f"the bound value {self.name!r} was converted while compiling")


class Bound(Expression):
    """A value from outside the query, by name: one placeholder, whatever the value (None
    compares equal to nothing, so `field = NULL` finds no row)."""

    def __init__(self, name: str, value: Any, output_field: models.Field):
        super().__init__(output_field=output_field)
        self.name, self.value = name, value

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.name!r})"  # never the value

    @property
    def identity(self):
        return (self.__class__, self.name)

    def adapt(self, value: Any, connection) -> Any:
        return self.output_field.get_db_prep_value(value, connection, prepared=False)

    def as_sql(self, compiler, connection):
        if _capturing.get():
            kind = f"{self.__class__.__name__}:{self.output_field.__class__.__name__}"
            return "%s", [Slot(self.name, self.adapt, kind)]
        return "%s", [self.adapt(self.value, connection)]


class BoundIds(Bound):
    """A list of integer ids from outside the query, as one parameter: an array literal
    on PostgreSQL, a JSON array elsewhere (the `any_of` lookup reads either)."""

    def __init__(self, name: str, ids: Iterable[int]):
        super().__init__(name, [int(i) for i in ids], models.BigIntegerField())

    def adapt(self, value: Iterable[int], connection) -> str:
        ids = [int(i) for i in value]
        if connection.vendor == "postgresql":
            return "{" + ",".join(map(str, ids)) + "}"
        return json.dumps(ids)


class AnyOf(Lookup):
    """`column__any_of=BoundIds(...)`: the column is one of the ids, as one parameter
    (`= ANY(%s::bigint[])` on PostgreSQL, which stays an index scan OR-ed with another
    indexed condition; `IN (SELECT value FROM json_each(%s))` on SQLite), so the
    compiled query is the same for any number of ids, none included."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        if not isinstance(self.rhs, BoundIds):
            raise TypeError("any_of takes a BoundIds")
        return self.rhs

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY({rhs}::bigint[])", [*lhs_params, *rhs_params]
        # The column and the placeholder, as Django compiled them: no value in the SQL.
        sql = f"{lhs} IN (SELECT value FROM json_each({rhs}))"  # noqa: S608
        return sql, [*lhs_params, *rhs_params]


models.IntegerField.register_lookup(AnyOf)
models.ForeignObject.register_lookup(AnyOf)


@contextmanager
def capture():
    """Within, a `Bound` compiles to a `Slot` in place of its value."""
    token = _capturing.set(True)
    try:
        yield
    finally:
        _capturing.reset(token)


@dataclass(frozen=True)
class Compiled:
    """A compiled query: its SQL, and its parameters with a `Slot` for each bound value."""

    sql: str
    parameters: tuple

    def params(self, values: Mapping[str, Any], connection) -> list:
        """The parameters with the slots filled from `values` (bound name → value)."""
        return [
            p.adapt(values[p.name], connection) if isinstance(p, Slot) else p
            for p in self.parameters
        ]

    @property
    def slots(self) -> set[str]:
        return {p.name for p in self.parameters if isinstance(p, Slot)}


class CompiledOnce:
    """Small queries compiled once per key, on first use, and run again with other values:
    `build(key)` returns the queryset (its values `Bound`, never read while building),
    `rows(key, values)` its rows with `values` (bound name → value). For lookups made
    again and again, where building the queryset cost more than running it."""

    def __init__(self, build: Callable[[Any], Any]):
        self._build = build
        self._compiled: dict[Any, tuple[Compiled, str]] = {}

    def rows(self, key: Any, values: Mapping[str, Any]) -> list[tuple]:
        try:
            compiled, alias = self._compiled[key]
        except KeyError:
            queryset = self._build(key)
            alias = queryset.db
            compiler = queryset.query.get_compiler(using=alias)
            compiled = compile_query(compiler)
            if len(self._compiled) >= 256:
                self._compiled.clear()
            self._compiled[key] = (compiled, alias)
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, compiled.params(values, connection))
            return cursor.fetchall()


def compile_query(compiler) -> Compiled:
    """`compiler.as_sql()` with its bound values left as slots (may raise Django's
    EmptyResultSet, or Uncapturable)."""
    with capture():
        sql, params = compiler.as_sql()
    return Compiled(sql, tuple(params))


def same(compiled: Compiled, values: Mapping[str, Any], sql: str, params: Sequence, connection):
    """Whether `compiled` filled with `values` is the query compiled afresh: `sql` with
    `params` (a check for tests: nothing built may depend on a value)."""
    return compiled.sql == sql and compiled.params(values, connection) == list(params)


@dataclass(frozen=True)
class Statement:
    """Compiled queries joined into one (`assemble`), to run again with other values: its
    SQL as Django writes it (a `%s` per parameter) and as PostgreSQL prepares it (`$n`,
    each bound value of a run once, however many of the run's queries take it)."""

    sql: str
    numbered: str
    order: tuple[int, ...]  # for each `%s`, the index of its value in `sources`
    sources: tuple[tuple[int | None, Any], ...]  # (run, Slot), or (None, a constant)

    def values(self, bound: Sequence[Mapping[str, Any]], connection) -> list:
        """The values of `numbered`'s parameters, each run's from `bound[run]`."""
        return [
            source.adapt(bound[run][source.name], connection) if run is not None else source
            for run, source in self.sources
        ]

    def params(self, bound: Sequence[Mapping[str, Any]], connection) -> list:
        """The parameters of `sql`."""
        values = self.values(bound, connection)
        return [values[i] for i in self.order]


def assemble(pieces: Iterable[tuple[str, Compiled, str, int]], separator: str) -> Statement:
    """One statement of compiled queries, each written between a prefix and a suffix of
    SQL (no placeholder there) and filled from the values of its run (an index into
    the values `Statement.values` is given)."""
    sql, numbered, order, sources = [], [], [], []
    seen: dict[tuple, int] = {}
    for prefix, compiled, suffix, run in pieces:
        numbers = []
        for parameter in compiled.parameters:
            if isinstance(parameter, Slot):
                key = (run, parameter.name, parameter.kind)
                if key not in seen:
                    seen[key] = len(sources)
                    sources.append((run, parameter))
                index = seen[key]
            else:
                index = len(sources)
                sources.append((None, parameter))
            order.append(index)
            numbers.append(index + 1)
        dollars = iter(numbers)
        text = _PLACEHOLDER.sub(
            lambda m, dollars=dollars: "%" if m[0] == "%%" else f"${next(dollars)}", compiled.sql
        )
        sql.append(f"{prefix}{compiled.sql}{suffix}")
        numbered.append(f"{prefix}{text}{suffix}")
    return Statement(separator.join(sql), separator.join(numbered), tuple(order), tuple(sources))


# Prepared statements kept per connection, the least recently used deallocated beyond
# these: a search's statement of ~220 selects (80 kB of SQL) holds ~5 MB of the server's
# memory with its plan, about 70 bytes per byte of SQL.
PREPARED_MAX = 64
PREPARED_SQL_MAX = 400_000  # bytes of SQL (~30 MB of plans)
# For the prepared query only (SET LOCAL, rolled back with it): plan it once, whatever the
# values (a custom plan per run would plan it every time), and without parallel workers.
PLAN_SETTINGS = (
    "SELECT set_config('plan_cache_mode', 'force_generic_plan', true), "
    "set_config('max_parallel_workers_per_gather', '0', true)"
)
_PLACEHOLDER = re.compile(r"%%|%s")


def fetch_prepared(
    connection, statement: Statement, bound: Sequence[Mapping[str, Any]]
) -> list[tuple]:
    """The rows of `statement` with each run's values from `bound`. On PostgreSQL the
    statement is prepared on the server, once per connection, and run with
    `PLAN_SETTINGS` local to it; elsewhere it is simply run."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, statement.params(bound, connection))
            return cursor.fetchall()
    name = _prepare(connection, statement.numbered)
    if name is None:  # the server could not prepare it: run as it is
        run, params = statement.sql, statement.params(bound, connection)
    else:
        params = statement.values(bound, connection)
        run = f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
    options = connection.settings_dict.get("OPTIONS") or {}
    if connection.get_autocommit() and not options.get("server_side_binding"):
        # Outside a transaction, the settings and the query in one message: the server
        # runs them as one implicit transaction, which ends the settings with the query
        # (one round trip, where a transaction of their own took four).
        with connection.cursor() as cursor:
            cursor.execute(f"{PLAN_SETTINGS}; {run}", params)
            cursor.nextset()
            return cursor.fetchall()
    # Inside a transaction: a savepoint, rolled back (only reads happened) to end the
    # settings with the query.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(PLAN_SETTINGS)
        cursor.execute(run, params)
        rows = cursor.fetchall()
        transaction.set_rollback(True, using=connection.alias)
    return rows


def _prepare(connection, numbered: str) -> str | None:
    """The name of the statement prepared for `numbered` (SQL with `$n` parameters) on
    this connection, prepared now if need be; None if the server refuses to prepare it
    (a parameter whose type it cannot infer)."""
    connection.ensure_connection()
    raw = connection.connection
    state = getattr(connection, "_prepared_statements", None)
    if state is None or state[0] is not raw:  # a new connection (or one from a pool)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, length(statement) FROM pg_prepared_statements "
                "WHERE name LIKE 'prepared_%%'"
            )
            state = (raw, OrderedDict(cursor.fetchall()))
        connection._prepared_statements = state
    names = state[1]  # name → length of its SQL; 0: the server refused to prepare it
    name = "prepared_" + hashlib.sha256(numbered.encode()).hexdigest()[:32]
    if name not in names:
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute(f"PREPARE {name} AS {numbered}")
        except DatabaseError:
            names[name] = 0
        else:
            names[name] = len(numbered)
        names.move_to_end(name)
        while len(names) > 1 and (
            len(names) > PREPARED_MAX or sum(names.values()) > PREPARED_SQL_MAX
        ):
            old, size = names.popitem(last=False)
            if size:
                with connection.cursor() as cursor:
                    cursor.execute(f"DEALLOCATE {old}")
    names.move_to_end(name)
    return name if names[name] else None
