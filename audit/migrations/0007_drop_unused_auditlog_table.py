"""django-auditlog's migrations create its own auditlog_logentry table even when
AUDITLOG_LOGENTRY_MODEL points elsewhere (they do not declare the model swappable). Our
change entries live in audit_changeentry, so the unused table is dropped: it would hold
nothing, and on PostgreSQL its foreign key to django_content_type stops a test database's
flush (TRUNCATE). A later django-auditlog migration that alters that table would fail
loudly here, which is why pyproject.toml pins django-auditlog below 3.5."""

from django.db import migrations


def drop_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS auditlog_logentry")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_seal_streams"),
        ("auditlog", "0017_add_actor_email"),
    ]

    # Nothing to restore on the way back: the table was never used.
    operations = [migrations.RunPython(drop_table, migrations.RunPython.noop)]
