"""Staff roles are Django groups with fixed meanings (sorn.constants.Role).

The names are frozen here, as a migration must be: a role added later gets a migration of
its own.
"""

from django.db import migrations

ROLES = (
    "privacy_officer",
    "records_officer",
    "customer_service",
    "fulfillment",
    "marketing_analyst",
    "mailer_services",
    "security_admin",
    "auditor",
    "contractor_agent",
)


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sorn", "0001_catalogue"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
