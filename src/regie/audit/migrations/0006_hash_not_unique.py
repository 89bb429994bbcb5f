"""``hash`` loses its unique index (ADR 0013).

The index answered no query and guarded nothing the chain does not: every append paid a write at
a random place in it (434 MB at 3.6 million events). On PostgreSQL the constraint is dropped,
which is instant. On SQLite the column's UNIQUE comes from the table definition of ``0001`` and
could only go by rebuilding the table, which would drop the append-only triggers of ``0002``;
there it stays, harmless (development and demo databases).
"""

from django.db import migrations


def drop_unique(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE audit_auditevent DROP CONSTRAINT IF EXISTS audit_auditevent_hash_key"
        )


def restore_unique(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE audit_auditevent ADD CONSTRAINT audit_auditevent_hash_key UNIQUE (hash)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_object_index_outside_cases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="auditevent", name="audit_auditevent_hash_key"
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_unique, restore_unique),
            ],
        ),
    ]
