"""Append-only triggers for audit tables, shared by the audit migrations.

On PostgreSQL (production) a trigger rejects UPDATE and DELETE, whoever asks; the audit
retention job will delete through a dedicated, audited function. On SQLite (the embedded
development default) a trigger rejects UPDATE; DELETE is refused by the application
(audit.models), because SQLite cannot tell a test database's flush from a deletion.
"""

from django.db import migrations

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_reject_change() RETURNS trigger AS $$
BEGIN
    -- No percent signs: the statement goes through a DB-API cursor (placeholders).
    RAISE EXCEPTION USING MESSAGE =
        'audit rows are append-only (' || TG_OP || ' on ' || TG_TABLE_NAME || ')';
END
$$ LANGUAGE plpgsql;
"""


def append_only_triggers(*tables: str) -> migrations.RunPython:
    def create(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in tables:
            # Idempotent: a migration that rebuilds a table (SQLite) re-creates its trigger.
            if vendor == "postgresql":
                schema_editor.execute(POSTGRES_FUNCTION)
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION audit_reject_change()"
                )
            elif vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END"
                )

    def drop(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in tables:
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            elif vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")

    return migrations.RunPython(create, drop)
