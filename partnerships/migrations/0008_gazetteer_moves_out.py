"""The gazetteer's models now belong to the ``gazetteer`` app (which renames their tables)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0007_import_kind"),
        ("gazetteer", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="GazetteerName"),
                migrations.DeleteModel(name="GazetteerPlace"),
            ],
            database_operations=[],
        ),
    ]
