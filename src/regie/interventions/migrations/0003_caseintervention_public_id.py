"""Case interventions get a random public id for their URLs (issue 10, point 1), in the same
three steps as partner registrations (partners 0003)."""

import uuid

from django.db import migrations, models


def fill_public_ids(apps, schema_editor):
    CaseIntervention = apps.get_model("interventions", "CaseIntervention")
    for item in CaseIntervention.objects.filter(public_id__isnull=True).only("pk"):
        CaseIntervention.objects.filter(pk=item.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):

    dependencies = [
        ("interventions", "0002_basispallet_2026"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseintervention",
            name="public_id",
            field=models.UUIDField(null=True, editable=False, verbose_name="public id"),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="caseintervention",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="public id"
            ),
        ),
    ]
