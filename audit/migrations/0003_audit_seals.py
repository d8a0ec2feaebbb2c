import django.utils.timezone
from django.db import migrations, models

from audit.migrations._triggers import append_only_triggers


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sequence", models.PositiveIntegerField(unique=True)),
                ("first_id", models.BigIntegerField()),
                ("last_id", models.BigIntegerField()),
                ("row_count", models.PositiveIntegerField()),
                ("manifest", models.BinaryField()),
                ("previous_digest", models.CharField(max_length=64)),
                ("digest", models.CharField(max_length=64)),
                ("sealed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"ordering": ["sequence"]},
        ),
        append_only_triggers("audit_auditseal"),
    ]
