"""
The gazetteer's tables move here from the registry app (``partnerships``),
which created them: the state moves, the tables are renamed, nothing is
copied. Their content types (and so staff's permissions on them) move too.
"""

import django.db.models.deletion
import django_countries.fields
from django.conf import settings
from django.db import migrations, models

from accounts.role_permissions import grant_app_permissions
from mechanisms.placenames import name_skeleton

BATCH = 20_000


def fill_skeletons(apps, schema_editor):
    """Give the names already loaded their skeleton (a fresh database has none yet)."""
    GazetteerName = apps.get_model("gazetteer", "GazetteerName")
    keys = GazetteerName.objects.values_list("normalized", flat=True).distinct().iterator(
        chunk_size=BATCH
    )
    connection = schema_editor.connection
    table = connection.ops.quote_name(GazetteerName._meta.db_table)
    batch = []

    def flush():
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET skeleton = %s WHERE normalized = %s",  # noqa: S608
                [(name_skeleton(key)[:200], key) for key in batch],
            )
        batch.clear()

    for key in keys:
        batch.append(key)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("gazetteerplace", "gazetteername"):
        if ContentType.objects.filter(app_label="partnerships", model=model).exists():
            ContentType.objects.filter(app_label="gazetteer", model=model).delete()
            ContentType.objects.filter(app_label="partnerships", model=model).update(
                app_label="gazetteer"
            )


def grant_staff(apps, schema_editor):
    grant_app_permissions(apps, "gazetteer", "Project office staff")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("gazetteerplace", "gazetteername"):
        if ContentType.objects.filter(app_label="gazetteer", model=model).exists():
            ContentType.objects.filter(app_label="partnerships", model=model).delete()
            ContentType.objects.filter(app_label="gazetteer", model=model).update(
                app_label="partnerships"
            )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnerships", "0007_import_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="GazetteerPlace",
                    fields=[
                        (
                            "geonames_id",
                            models.PositiveIntegerField(primary_key=True, serialize=False),
                        ),
                        ("name", models.CharField(max_length=200)),
                        ("country_code", models.CharField(db_index=True, max_length=2)),
                        ("admin1_code", models.CharField(blank=True, max_length=20)),
                        ("population", models.PositiveBigIntegerField(default=0)),
                        ("latitude", models.DecimalField(decimal_places=5, max_digits=8)),
                        ("longitude", models.DecimalField(decimal_places=5, max_digits=8)),
                        ("russian_name_suggestion", models.CharField(blank=True, max_length=200)),
                        ("alternate_names", models.TextField(blank=True)),
                    ],
                    options={
                        "verbose_name": "gazetteer place",
                        "verbose_name_plural": "gazetteer places",
                        "db_table": "partnerships_gazetteerplace",
                        "indexes": [
                            models.Index(
                                fields=["country_code", "admin1_code"],
                                name="partnership_country_12e468_idx",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="GazetteerName",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("normalized", models.CharField(max_length=200)),
                        ("population", models.PositiveBigIntegerField(default=0)),
                        ("country_code", models.CharField(max_length=2)),
                        (
                            "place",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="names",
                                to="gazetteer.gazetteerplace",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "partnerships_gazetteername",
                        "indexes": [
                            models.Index(
                                fields=["normalized"],
                                name="gazetteer_name_prefix",
                                opclasses=["varchar_pattern_ops"],
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="gazetteerplace", table="gazetteer_place"),
        migrations.AlterModelTable(name="gazetteername", table="gazetteer_name"),
        migrations.RenameIndex(
            model_name="gazetteerplace",
            new_name="gazetteer_p_country_d4f110_idx",
            old_name="partnership_country_12e468_idx",
        ),
        migrations.AddField(
            model_name="gazetteername",
            name="skeleton",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(fill_skeletons, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="gazetteername",
            index=models.Index(fields=["skeleton", "country_code"], name="gazetteer_name_skeleton"),
        ),
        migrations.CreateModel(
            name="CountryAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name as written")),
                ("normalized", models.CharField(db_index=True, editable=False, max_length=200)),
                (
                    "source",
                    models.CharField(
                        blank=True,
                        help_text="The source of files this holds for; empty for every file.",
                        max_length=200,
                        verbose_name="source",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="decided at")),
                ("country", django_countries.fields.CountryField(max_length=2, verbose_name="country")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
            ],
            options={
                "verbose_name": "country alias",
                "verbose_name_plural": "country aliases",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("normalized", "source"), name="country_alias_once_per_source"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PlaceAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name as written")),
                ("normalized", models.CharField(db_index=True, editable=False, max_length=200)),
                (
                    "source",
                    models.CharField(
                        blank=True,
                        help_text="The source of files this holds for; empty for every file.",
                        max_length=200,
                        verbose_name="source",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="decided at")),
                ("country", django_countries.fields.CountryField(max_length=2, verbose_name="country")),
                ("geonames_id", models.PositiveIntegerField(verbose_name="GeoNames id")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
            ],
            options={
                "verbose_name": "place alias",
                "verbose_name_plural": "place aliases",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("normalized", "country", "source"),
                        name="place_alias_once_per_source",
                    )
                ],
            },
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(grant_staff, migrations.RunPython.noop),
    ]
