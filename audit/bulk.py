"""Loading records in bulk (the synthetic demo data, `manage.py seed_demo`): model signals do
not fire, so the load writes its own audit event, and encrypted records get their data keys
first (no code path writes their personal values in plaintext)."""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import connections, models, router, transaction
from django.db.models import Max

from audit.writes import record_bulk_change
from keystore.fields import EncryptedRecord, attach_data_keys
from lib.bulk import insert_rows
from lib.demo import DemoContext

BATCH_SIZE = 2000


def bulk_insert(ctx: DemoContext, model: type[models.Model], objects: list[models.Model]) -> list:
    """Insert in batches; encrypted records get their data keys in one bulk insert per
    batch first (no code path writes their personal values in plaintext).

    Written by hand on COPY (PostgreSQL) or `executemany` (lib.bulk.insert_rows) because
    Django's bulk_create spends most of its time building one SQL statement per batch
    with a placeholder per value; primary keys are
    assigned here (the seed holds the only writer), then each sequence is moved past them.
    """
    if not objects:
        return objects
    with transaction.atomic():
        for start in range(0, len(objects), BATCH_SIZE):
            batch = objects[start : start + BATCH_SIZE]
            if issubclass(model, EncryptedRecord):
                attach_data_keys(batch)
            _insert_rows(model, batch)
        _reset_sequence(model)
        record_bulk_change("seed_demo", model._meta.label, len(objects), "synthetic demo records")
    ctx.counts[model._meta.label] = ctx.counts.get(model._meta.label, 0) + len(objects)
    return objects


def _insert_rows(model: type[models.Model], batch: list[models.Model]) -> None:
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    for offset, obj in enumerate(batch):
        # Foreign keys to parents assigned before the parents were saved, as bulk_create does.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        obj.pk = next_id + offset
        obj._state.adding = False
        obj._state.db = connection.alias
    fields = meta.local_concrete_fields
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in batch
    ]
    insert_rows(connection, meta.db_table, [f.column for f in fields], rows)


def _reset_sequence(model: type[models.Model]) -> None:
    connection = connections[router.db_for_write(model)]
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
