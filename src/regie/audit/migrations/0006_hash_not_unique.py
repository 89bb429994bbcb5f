"""``hash`` loses its unique index (ADR 0013).

The index answered no query and guarded nothing the chain does not: every append paid a write at
a random place in it (434 MB at 3.6 million events). On PostgreSQL the constraint is dropped,
which does no work on the data. On SQLite the column's UNIQUE comes from the table definition of
``0001`` and could only go by rebuilding the table, which would drop the append-only triggers of
``0002``; there it stays, harmless (development and demo databases).
"""

from django.db import migrations


_UNIQUE_ON_HASH = """
    SELECT c.conname FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.conrelid = 'audit_auditevent'::regclass AND c.contype = 'u'
      AND array_length(c.conkey, 1) = 1 AND a.attname = 'hash'
"""


def drop_unique(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # A moment of the table's exclusive lock; rather fail than queue every audited request
        # behind a long reader (`regie audit verify`). Run the migration again then.
        cursor.execute("SET LOCAL lock_timeout = '10s'")
        cursor.execute(_UNIQUE_ON_HASH)
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE audit_auditevent DROP CONSTRAINT "{name}"')


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
