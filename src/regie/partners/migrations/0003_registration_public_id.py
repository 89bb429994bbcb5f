"""Registrations get a random public id for their URLs (issue 10, point 1).

Three steps, as a unique column with a per-row default needs on both SQLite and PostgreSQL:
add the column nullable, give every existing row its own UUID, then make it unique and required.
"""

import uuid

from django.db import migrations, models


def fill_public_ids(apps, schema_editor):
    Registration = apps.get_model("partners", "Registration")
    for registration in Registration.objects.filter(public_id__isnull=True).only("pk"):
        Registration.objects.filter(pk=registration.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ("partners", "0002_default_categories"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="public_id",
            field=models.UUIDField(null=True, editable=False, verbose_name="public id"),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="registration",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="public id"
            ),
        ),
    ]
