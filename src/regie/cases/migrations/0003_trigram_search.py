"""On PostgreSQL, a trigram index makes substring name search fast; SQLite scans instead.
Both run the very same query (``search_name LIKE %part%``), so behaviour is identical."""

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS person_search_name_trgm "
        "ON cases_person USING gin (search_name gin_trgm_ops)"
    )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_default_configuration")]

    operations = [migrations.RunPython(install, drop)]
