"""Fill the given-name and family-name blind indexes of the people already stored (each
row's names decrypted under its own data key, only the two index columns written)."""

from django.db import migrations

PARTS = ["given_name_index", "family_name_index"]


def fill(apps, schema_editor):
    Person = apps.get_model("customers", "Person")
    db = schema_editor.connection.alias
    for person in Person.objects.using(db).exclude(data_key_id=None).iterator(chunk_size=2000):
        # BlindIndexField.pre_save computes each token from its decrypted source.
        person.save(using=db, update_fields=PARTS)


def empty(apps, schema_editor):
    Person = apps.get_model("customers", "Person")
    Person.objects.using(schema_editor.connection.alias).update(
        given_name_index="", family_name_index=""
    )


class Migration(migrations.Migration):
    dependencies = [("customers", "0003_name_part_indexes")]

    operations = [migrations.RunPython(fill, empty)]
