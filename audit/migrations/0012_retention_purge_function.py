"""The audit's own retention job deletes through `audit_purge_range` on PostgreSQL; the
append-only trigger lets a DELETE through only inside it (see _triggers.py). Reversed, the
trigger rejects every DELETE again."""

from django.db import migrations

from audit.migrations._triggers import POSTGRES_FUNCTION, POSTGRES_PURGE_FUNCTION

STRICT_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_reject_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE =
        'audit rows are append-only (' || TG_OP || ' on ' || TG_TABLE_NAME || ')';
END
$$ LANGUAGE plpgsql;
"""


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        schema_editor.execute(POSTGRES_PURGE_FUNCTION)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_purge_range(text, bigint, bigint)")
        schema_editor.execute(STRICT_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [("audit", "0011_audit_tombstones")]

    operations = [migrations.RunPython(create_function, drop_function)]
