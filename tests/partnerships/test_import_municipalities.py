"""Importing a list of municipalities: matched by GeoNames id, OKTMO or name; all or nothing."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import ImportJob, Municipality
from tests.registry import municipality

pytestmark = pytest.mark.django_db
FILES = Path(__file__).resolve().parent.parent / "data" / "imports"


def run(path, *args):
    try:
        call_command("import_municipalities", str(path), *args)
    except SystemExit as exit_:
        return exit_.code
    return 0


def test_a_list_of_municipalities_is_imported_with_every_field(capsys):
    assert run(FILES / "municipalities-cp1251.csv") == 0
    volgograd = Municipality.objects.get(geonames_id=472757)
    assert (volgograd.name_ru, volgograd.oktmo, volgograd.kind) == (
        "Волгоград",
        "18701000",
        "urban_okrug",
    )
    assert volgograd.federal_subject.name_ru == "Волгоградская область"
    assert volgograd.population == 1013533 and volgograd.latitude == Decimal("48.71378")
    cologne = Municipality.objects.get(name_en="Cologne")
    assert (cologne.country.code, cologne.region, cologne.kind) == (
        "DE",
        "Северный Рейн-Вестфалия",
        "city",
    )
    assert Municipality.objects.get(name_en="Lahti").country.code == "FI"
    assert ImportJob.objects.get().counts["new"] == 4


def test_importing_again_changes_nothing_and_a_changed_value_updates(capsys, tmp_path):
    run(FILES / "municipalities-cp1251.csv")
    assert run(FILES / "municipalities-cp1251.csv") == 0
    assert ImportJob.objects.latest("pk").counts["unchanged"] == 4
    changed = tmp_path / "changed.csv"
    text = (
        (FILES / "municipalities-cp1251.csv")
        .read_bytes()
        .decode("cp1251")
        .replace("103 000", "104 000")
    )
    changed.write_bytes(text.encode("cp1251"))
    assert run(changed) == 0
    assert ImportJob.objects.latest("pk").counts == {
        "new": 0,
        "updated": 1,
        "unchanged": 3,
        "merged": 0,
        "set_aside": 0,
        "public_new": 0,
    }
    assert Municipality.objects.get(name_ru="Камышин").population == 104000
    assert Municipality.objects.count() == 4


def test_an_existing_record_is_found_by_its_name_and_updated(capsys):
    existing = municipality("RU", name_ru="Волгоград", name_en="", federal_subject=None)
    run(FILES / "municipalities-cp1251.csv")
    existing.refresh_from_db()
    assert existing.geonames_id == 472757 and existing.name_en == "Volgograd"
    assert Municipality.objects.filter(name_ru="Волгоград").count() == 1


def test_bad_rows_are_reported_and_nothing_is_written(capsys):
    code = run(FILES / "municipalities-bad.csv")
    out = capsys.readouterr().out
    assert code == 1
    assert "row 2" in out and "95" in out
    assert "Нарния" in out and "полис" in out
    assert not Municipality.objects.exists()


def test_a_row_naming_two_registry_records_by_its_codes_is_refused(capsys):
    municipality("RU", name_ru="Один", geonames_id=472757)
    municipality("RU", name_ru="Другой", oktmo="18701000")
    assert run(FILES / "municipalities-cp1251.csv") == 1
    assert "Другой" not in Municipality.objects.get(geonames_id=472757).name_ru
    assert Municipality.objects.count() == 2


def test_the_admin_imports_municipalities_with_preview_and_confirm(staff_client):
    page = staff_client.get(reverse("admin:partnerships_municipality_changelist"))
    assert "?kind=municipalities" in page.content.decode()
    staff_client.post(
        reverse("admin:partnerships_partnership_import"),
        {
            "kind": "municipalities",
            "file": SimpleUploadedFile("m.csv", (FILES / "municipalities-cp1251.csv").read_bytes()),
        },
    )
    job = ImportJob.objects.get()
    assert job.kind == "municipalities" and job.status == "previewed"
    assert not Municipality.objects.exists()
    staff_client.post(reverse("admin:partnerships_partnership_import_confirm", args=[job.pk]))
    assert Municipality.objects.count() == 4


def test_municipality_export_reimports_as_unchanged(staff_client, tmp_path, capsys):
    run(FILES / "municipalities-cp1251.csv")
    response = staff_client.post(
        reverse("admin:partnerships_municipality_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(Municipality.objects.values_list("pk", flat=True)),
        },
    )
    exported = tmp_path / "export.csv"
    exported.write_bytes(b"".join(response.streaming_content))
    assert run(exported) == 0
    assert ImportJob.objects.latest("pk").counts["unchanged"] == 4


@pytest.mark.parametrize("kind", ["partnerships", "municipalities"])
def test_templates_for_both_kinds(staff_client, kind):
    response = staff_client.get(
        reverse("admin:partnerships_partnership_import_template", args=["csv"]), {"kind": kind}
    )
    header = response.content.decode("utf-8-sig")
    assert ("Население / Population" in header) == (kind == "municipalities")
