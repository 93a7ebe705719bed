"""
Whatever stops a run, the job ends failed with its reason, in every path (admin, command,
task), and nothing is half-written. Bad column mappings are refused before anything is read.
"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse

from partnerships.importing.engine import PartnershipImport
from partnerships.models import ColumnMapping, ImportJob, Municipality, Partnership
from partnerships.services import imports
from partnerships.tasks import run_import_job

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parent.parent / "data" / "imports"


@pytest.fixture
def broken_writer(monkeypatch):
    def write(self, report):
        Municipality.objects.create(name_ru="Половина", country="RU")
        raise IntegrityError('duplicate key value violates unique constraint "geonames_id"')

    monkeypatch.setattr(PartnershipImport, "write", write)


def before():
    return Municipality.objects.count(), Partnership.objects.count()


def test_the_admin_confirm_marks_the_job_failed_with_the_reason(
    staff_client, registry, broken_writer
):
    counts = before()
    staff_client.post(
        reverse("admin:partnerships_partnership_import"),
        {
            "file": SimpleUploadedFile("t.csv", (FILES / "ties-utf8-comma.csv").read_bytes()),
            "create_missing": "on",
        },
    )
    job = ImportJob.objects.get()
    response = staff_client.post(
        reverse("admin:partnerships_partnership_import_confirm", args=[job.pk]), follow=True
    )
    assert response.status_code == 200
    job.refresh_from_db()
    assert job.status == "failed" and "geonames_id" in job.message
    assert before() == counts


def test_the_command_marks_the_job_failed_and_exits_1(registry, broken_writer, capsys):
    counts = before()
    with pytest.raises(SystemExit) as stop:
        call_command("import_partnerships", str(FILES / "ties-utf8-comma.csv"), "--create-missing")
    assert stop.value.code == 1
    assert "geonames_id" in capsys.readouterr().err
    assert ImportJob.objects.get().status == "failed"
    assert before() == counts


def test_the_task_marks_the_job_failed(registry, broken_writer, alice):
    job = imports.job_create(
        data=(FILES / "ties-utf8-comma.csv").read_bytes(),
        name="t.csv",
        user=alice,
        create_missing=True,
    )
    counts = before()
    run_import_job.delay(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "geonames_id" in job.message
    assert before() == counts


def test_a_failing_preview_marks_the_job_failed_without_a_500(staff_client, registry, monkeypatch):
    def plan(self):
        raise RuntimeError("the gazetteer is unreachable")

    monkeypatch.setattr(PartnershipImport, "plan", plan)
    response = staff_client.post(
        reverse("admin:partnerships_partnership_import"),
        {"file": SimpleUploadedFile("t.csv", (FILES / "ties-utf8-comma.csv").read_bytes())},
    )
    assert response.status_code == 200
    assert "unreachable" in response.content.decode()
    assert ImportJob.objects.get().status == "failed"


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (["Город=municipality", "Город=partner"], "given twice"),
        (["Город=municipality", "Страна=municipality"], "municipality"),
        (["Город=town", "Партнёр=partner", "Страна=partner_country"], "town"),
        (["Нет такого=municipality", "Партнёр=partner", "Страна=partner_country"], "Нет такого"),
        (["Город", "Партнёр=partner"], "HEADER=KEY"),
        (["Город=municipality", "Партнёр=partner"], "partner_country"),
    ],
)
def test_a_bad_column_mapping_is_refused_and_nothing_is_written(tmp_path, columns, message):
    path = tmp_path / "t.csv"
    path.write_text("Город;Партнёр;Страна;Город\nВолгоград;Кёльн;Германия;x\n", encoding="utf-8")
    args = [arg for spec in columns for arg in ("--column", spec)]
    with pytest.raises((CommandError, SystemExit)) as refused:
        call_command("import_partnerships", str(path), *args)
    assert message in str(refused.value)
    assert not ImportJob.objects.exists() and not Partnership.objects.exists()


def test_a_header_the_file_has_twice_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Город;Партнёр;Страна;Город\nВолгоград;Кёльн;Германия;x\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"two columns|два столбца"):
        call_command(
            "import_partnerships",
            str(path),
            "--column",
            "Город=municipality",
            "--column",
            "Партнёр=partner",
            "--column",
            "Страна=partner_country",
        )


def test_the_report_file_adds_up_and_names_the_rows_set_aside(registry, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "Город;Партнёр;Страна;Год;Примечание\n"
        "Волгоград;Кёльн;Германия;1988;x\n"
        "Волгоград;Кёльн;Германия;1988;y\n"
        "Волгоград;Нигдештадт;Германия;1990;z\n"
        "Волгоград;Кёльн;Нарния;1990;z\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    call_command(
        "import_partnerships",
        str(path),
        "--column",
        "Город=municipality",
        "--column",
        "Партнёр=partner",
        "--column",
        "Страна=partner_country",
        "--column",
        "Год=signed_on",
        "--set-aside",
        "--report",
        str(report),
    )
    result = json.loads(report.read_text("utf-8"))
    assert {k: result[k] for k in ("rows", "written", "unchanged", "merged", "set_aside")} == {
        "rows": 4,
        "written": 1,
        "unchanged": 0,
        "merged": 1,
        "set_aside": 2,
    }
    assert [(r["row"], r["name"], r["reason"]) for r in result["set_aside_rows"]] == [
        (4, "Нигдештадт", "not_found"),
        (5, "Нарния", "unknown_country"),
    ]


def test_a_saved_mapping_applies_to_a_later_file_with_extra_columns(registry, tmp_path, capsys):
    from mechanisms.placenames import normalize_name

    ColumnMapping.objects.create(
        name="Администрация",
        columns={
            normalize_name("Муниципальное образование РФ"): "municipality",
            normalize_name("Зарубежный побратим"): "partner",
            normalize_name("Государство"): "partner_country",
        },
    )
    path = tmp_path / "t.csv"
    path.write_text(
        "Муниципальное образование РФ;Зарубежный побратим;Государство;Новая колонка;Ещё одна\n"
        "Волгоград;Кёльн;Германия;что-то;ещё\n",
        encoding="utf-8",
    )
    call_command("import_partnerships", str(path), "--mapping", "Администрация")
    assert Partnership.objects.count() == 1
