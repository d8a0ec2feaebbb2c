"""Inserting many rows at once, for the bulk loads (the demo seed, data keys)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.backends.base.base import BaseDatabaseWrapper


def insert_rows(
    connection: BaseDatabaseWrapper, table: str, columns: Sequence[str], rows: Sequence[Sequence]
) -> None:
    """Insert `rows` (values already prepared for the database) into `table`.

    On PostgreSQL one COPY: an `executemany` of INSERTs costs the server a statement per
    row, ten times the time of the COPY for a seed's batches (bench/million.py); elsewhere
    `executemany`. Database errors arrive as Django's (an IntegrityError on a duplicate
    key) either way.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608 (names from the caller's model)
            cursor.executemany(sql, rows)
