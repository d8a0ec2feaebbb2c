"""Audit rows are append-only in the database itself. On PostgreSQL (production) a trigger
rejects UPDATE and DELETE on the audit tables, whoever asks; the audit retention job (a
later migration) will delete through a dedicated, audited function. On SQLite (the
embedded development default) a trigger rejects UPDATE; DELETE is refused by the
application (audit.models), because SQLite has no way to tell a test database's flush
from a deletion."""

from django.db import migrations

TABLES = ("audit_accessevent",)

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_reject_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit rows are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION audit_reject_change()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END"
            )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_reject_change()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_access_events")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
