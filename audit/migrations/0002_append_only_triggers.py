"""Audit rows are append-only in the database itself (see _triggers.py)."""

from django.db import migrations

from audit.migrations._triggers import append_only_triggers


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_access_events")]

    operations = [append_only_triggers("audit_accessevent")]
