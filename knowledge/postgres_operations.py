"""Migration operations that only mean something on PostgreSQL."""

from django.db import migrations


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """
    AddIndex that does nothing on other databases. The GIN index of the search
    vector exists on PostgreSQL only; SQLite (``make run`` with nothing set up)
    searches without it.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
