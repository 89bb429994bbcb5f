"""Audit events get the request's ``path`` (ADR 0014).

PostgreSQL adds the column with its empty default as a catalogue change: no row is rewritten and
no UPDATE trigger fires. SQLite would rebuild the whole table for a NOT NULL column through the
schema editor, which drops the append-only triggers of ``0002``; ``ALTER TABLE … ADD COLUMN``
with a constant default is allowed there and leaves the table and its triggers in place.
"""

from django.db import migrations, models

_ADD = {
    "sqlite": ["ALTER TABLE audit_auditevent ADD COLUMN \"path\" varchar(300) NOT NULL DEFAULT ''"],
    # What the schema editor writes for this field, after a bounded wait for the lock: rather
    # fail than queue every audited request behind a long reader (`regie audit verify`).
    "postgresql": [
        "SET LOCAL lock_timeout = '10s'",
        "ALTER TABLE audit_auditevent ADD COLUMN \"path\" varchar(300) DEFAULT '' NOT NULL",
        'ALTER TABLE audit_auditevent ALTER COLUMN "path" DROP DEFAULT',
    ],
}
_DROP = 'ALTER TABLE audit_auditevent DROP COLUMN "path"'


def add_path(apps, schema_editor):
    for statement in _ADD[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


def remove_path(apps, schema_editor):
    schema_editor.execute(_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_hash_not_unique"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="auditevent",
                    name="path",
                    field=models.CharField(
                        blank=True, default="", max_length=300, verbose_name="request path"
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(add_path, remove_path),
            ],
        ),
    ]
