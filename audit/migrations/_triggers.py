"""Append-only triggers for audit tables, shared by the audit migrations.

On PostgreSQL (production) a trigger rejects UPDATE, whoever asks, and DELETE, except
from the audit's own retention job (audit.retention), which deletes through the dedicated
function `audit_purge_range`: it turns on the transaction-local setting `audit.purging` for
its own DELETE only, and the trigger lets a DELETE through only while it is on. That keeps
the application, the ORM and anyone's ad hoc DELETE out; it is a guard, not a privilege
boundary: a session that may run arbitrary SQL as the tables' owner can set the same
setting (or drop the trigger), which is what the seals and their tombstones are for. On
SQLite (the embedded development default) a trigger rejects UPDATE; DELETE is refused by
the application (audit.models), because SQLite cannot tell a test database's flush from a
deletion.
"""

from django.db import migrations

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_reject_change() RETURNS trigger AS $$
BEGIN
    -- No percent signs: the statement goes through a DB-API cursor (placeholders).
    IF TG_OP = 'DELETE' AND current_setting('audit.purging', true) = 'on' THEN
        RETURN OLD;  -- the retention job, inside audit_purge_range()
    END IF;
    RAISE EXCEPTION USING MESSAGE =
        'audit rows are append-only (' || TG_OP || ' on ' || TG_TABLE_NAME || ')';
END
$$ LANGUAGE plpgsql;
"""

# The one way to delete audit rows on PostgreSQL: the rows of one table whose id (for the
# people of access events, whose event id) lies in a range. Tombstones are never purged.
# Not SECURITY DEFINER: it runs with the caller's rights.
POSTGRES_PURGE_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_purge_range(target text, range_first bigint, range_last bigint)
RETURNS bigint AS $$
DECLARE
    removed bigint;
BEGIN
    PERFORM set_config('audit.purging', 'on', true);
    IF target = 'audit_accessevent' THEN
        DELETE FROM audit_accessevent WHERE id BETWEEN range_first AND range_last;
    ELSIF target = 'audit_accesseventperson' THEN
        DELETE FROM audit_accesseventperson WHERE event_id BETWEEN range_first AND range_last;
    ELSIF target = 'audit_changeentry' THEN
        DELETE FROM audit_changeentry WHERE id BETWEEN range_first AND range_last;
    ELSIF target = 'audit_bulkchange' THEN
        DELETE FROM audit_bulkchange WHERE id BETWEEN range_first AND range_last;
    ELSIF target = 'audit_securityevent' THEN
        DELETE FROM audit_securityevent WHERE id BETWEEN range_first AND range_last;
    ELSIF target = 'audit_auditseal' THEN
        DELETE FROM audit_auditseal WHERE id BETWEEN range_first AND range_last;
    ELSIF target = 'audit_disclosureaccounting' THEN
        DELETE FROM audit_disclosureaccounting WHERE id BETWEEN range_first AND range_last;
    ELSE
        PERFORM set_config('audit.purging', 'off', true);
        RAISE EXCEPTION USING MESSAGE = 'audit_purge_range does not purge ' || target;
    END IF;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('audit.purging', 'off', true);
    RETURN removed;
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
