"""The database itself refuses UPDATE and DELETE on the audit table (SQLite and PostgreSQL)."""

from typing import Any

from django.db import migrations

from regie.audit import immutability


def install(apps: Any, schema_editor: Any) -> None:
    immutability.install_v1(schema_editor.connection)


def drop(apps: Any, schema_editor: Any) -> None:
    immutability.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, drop)]
