"""Query lookups Django lacks."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Lookup


class Among(Lookup):
    """`column IN (ids)` for thousands of integer ids. On PostgreSQL one parameter, an
    array literal (`= ANY('{1,2,...}'::bigint[])`), instead of a placeholder per id for
    Django to prepare and the driver to parse and quote; elsewhere a plain IN list."""

    lookup_name = "among"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            literal = "{" + ",".join(map(str, self.rhs)) + "}"
            return f"{lhs} = ANY(%s::bigint[])", (*params, literal)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", (*params, *self.rhs)


def among(column: str, ids: Iterable[int]) -> Among:
    """A filter condition: `Model.objects.filter(among("person_id", ids))`."""
    return Among(F(column), list(ids))
