"""Service roles for API clients (sorn.constants.Role), as Django groups."""

from django.db import migrations

ROLES = ("service_orders", "service_marketing")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("sorn", "0002_create_role_groups")]

    operations = [migrations.RunPython(create_groups, delete_groups)]
