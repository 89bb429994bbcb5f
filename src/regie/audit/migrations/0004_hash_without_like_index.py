"""``hash`` stays unique, declared as a constraint instead of ``unique=True``.

For a unique ``CharField`` Django also creates a ``varchar_pattern_ops`` index on PostgreSQL
(``…_like``), for ``LIKE`` queries that nothing runs on a hash. It cost every append a write
at a random place in a large index. The unique constraint itself is kept as it is: only its
declaration moves (state only), and the ``_like`` index is dropped.
"""

from django.db import migrations, models


def _like_indexes(cursor):
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'audit_auditevent' "
        "AND indexdef LIKE %s",
        ["%(hash varchar_pattern_ops)%"],
    )
    return [row[0] for row in cursor.fetchall()]


def drop_like_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in _like_indexes(cursor):
            cursor.execute(f'DROP INDEX "{name}"')


def create_like_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if not _like_indexes(cursor):
            cursor.execute(
                'CREATE INDEX "audit_auditevent_hash_like" '
                'ON "audit_auditevent" ("hash" varchar_pattern_ops)'
            )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_object_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="hash",
                    field=models.CharField(max_length=64),
                ),
                migrations.AddConstraint(
                    model_name="auditevent",
                    constraint=models.UniqueConstraint(
                        fields=("hash",), name="audit_auditevent_hash_key"
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_like_index, create_like_index),
            ],
        ),
    ]
