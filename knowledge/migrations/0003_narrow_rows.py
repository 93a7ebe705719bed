"""
Keep the rows of knowledge_entry narrow on PostgreSQL: long values (bodies,
the search vector) go to TOAST storage once a row passes 128 bytes, instead
of 2 KB, so counting the matches of a search reads a few thousand small heap
rows and the heap stays in memory (50,000 entries: 10 MB of heap instead of
160 MB). The search vector is stored uncompressed: ranking reads it for
every candidate, and decompressing it cost more than the reading (see
benchmarks/README.md).
"""

from django.db import migrations


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE knowledge_entry SET (toast_tuple_target = 128)")
        schema_editor.execute(
            "ALTER TABLE knowledge_entry ALTER COLUMN search_vector SET STORAGE EXTERNAL"
        )


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE knowledge_entry RESET (toast_tuple_target)")
        schema_editor.execute(
            "ALTER TABLE knowledge_entry ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_themes")]

    operations = [migrations.RunPython(narrow, widen, elidable=False)]
