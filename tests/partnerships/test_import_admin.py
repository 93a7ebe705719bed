"""The import in the admin: upload, map columns, preview (dry run), confirm."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from partnerships.models import ColumnMapping, ImportJob, Municipality, Partnership

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parent.parent / "data" / "imports"


def upload(client, name, **options):
    data = {"file": SimpleUploadedFile(name, (FILES / name).read_bytes()), **options}
    return client.post(reverse("admin:partnerships_partnership_import"), data)


def test_preview_writes_nothing_then_confirm_imports(staff_client, registry):
    response = upload(staff_client, "ties-cp1251-semicolon.csv", create_missing="on")
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:partnerships_partnership_import_preview", args=[job.pk]
    )
    preview = staff_client.get(response["Location"])
    text = preview.content.decode()
    assert "Helsinki" in text and "new" in text
    assert Partnership.objects.count() == 0 and job.status == "previewed"

    response = staff_client.post(
        reverse("admin:partnerships_partnership_import_confirm", args=[job.pk])
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "succeeded" and job.counts["new"] == 5
    assert Partnership.objects.count() == 5
    page = staff_client.get(reverse("admin:partnerships_importjob_change", args=[job.pk]))
    assert page.status_code == 200 and "5" in page.content.decode()


def test_an_all_or_nothing_file_with_bad_rows_cannot_be_confirmed(staff_client, registry):
    upload(staff_client, "bad-values.csv", create_missing="on", strict="on")
    job = ImportJob.objects.get()
    assert job.strict
    preview = staff_client.get(
        reverse("admin:partnerships_partnership_import_preview", args=[job.pk])
    )
    assert (
        reverse("admin:partnerships_partnership_import_confirm", args=[job.pk])
        not in preview.content.decode()
    )
    staff_client.post(reverse("admin:partnerships_partnership_import_confirm", args=[job.pk]))
    assert Partnership.objects.count() == 0


def test_rows_that_cannot_be_placed_are_set_aside_and_download_as_rows_to_fix(
    staff_client, registry
):
    upload(staff_client, "bad-values.csv", create_missing="on")
    job = ImportJob.objects.get()
    assert job.counts["set_aside"] == 4
    staff_client.post(reverse("admin:partnerships_partnership_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "succeeded" and Partnership.objects.count() == 0
    rows = staff_client.get(reverse("admin:partnerships_partnership_import_errors", args=[job.pk]))
    lines = rows.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 4
    assert lines[0].endswith("Строка / Row;Причина / Reason")
    assert "31.02.2019" in lines[1] and "Дата подписания" in lines[1]


def test_unreadable_file_gets_a_message_on_the_form(staff_client, registry):
    response = upload(staff_client, "binary-renamed.csv")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert ImportJob.objects.get().status == "failed"


def test_unknown_headers_lead_to_the_mapping_step_with_suggestions_and_a_saved_mapping(
    staff_client, registry
):
    response = upload(staff_client, "unknown-headers.csv")
    job = ImportJob.objects.get()
    assert response["Location"] == reverse(
        "admin:partnerships_partnership_import_mapping", args=[job.pk]
    )
    page = staff_client.get(response["Location"])
    columns = {c["header"]: c for c in page.context["columns"]}
    assert columns["Год"]["chosen"] in {"signed_on", "-"}
    response = staff_client.post(
        response["Location"],
        {
            "column-0": "municipality",
            "column-1": "partner",
            "column-2": "partner_country",
            "column-3": "signed_on",
            "save_as": "Администрация Волгограда",
        },
    )
    assert response.status_code == 302
    assert ColumnMapping.objects.get().name == "Администрация Волгограда"
    staff_client.post(reverse("admin:partnerships_partnership_import_confirm", args=[job.pk]))
    assert Partnership.objects.count() == 1


def test_mapping_must_cover_the_required_columns(staff_client, registry):
    upload(staff_client, "unknown-headers.csv")
    job = ImportJob.objects.get()
    response = staff_client.post(
        reverse("admin:partnerships_partnership_import_mapping", args=[job.pk]),
        {"column-0": "municipality", "column-1": "partner", "column-2": "-", "column-3": "-"},
    )
    assert response.status_code == 200
    assert response.context["errors"]


def test_mapping_refuses_unknown_column_keys_with_a_message(staff_client, registry):
    upload(staff_client, "unknown-headers.csv")
    job = ImportJob.objects.get()
    response = staff_client.post(
        reverse("admin:partnerships_partnership_import_mapping", args=[job.pk]),
        {"column-0": "x", "column-1": "x", "column-2": "partner_country", "column-3": "-"},
    )
    assert response.status_code == 200
    assert any("«x»" in str(error) or "“x”" in str(error) for error in response.context["errors"])
    job.refresh_from_db()
    assert "x" not in job.assignment.values()


def test_a_finished_job_cannot_be_mapped_again(staff_client, registry):
    upload(staff_client, "unknown-headers.csv")
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.SUCCEEDED)
    url = reverse("admin:partnerships_partnership_import_mapping", args=[job.pk])
    response = staff_client.post(url, {"column-0": "municipality"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:partnerships_importjob_change", args=[job.pk])
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.SUCCEEDED


def test_the_job_page_answers_an_unknown_or_malformed_id_without_an_error(staff_client, registry):
    upload(staff_client, "unknown-headers.csv")
    job = ImportJob.objects.get()
    assert staff_client.get(job.get_absolute_url()).status_code == 200
    for bad in ("abc", "999999"):
        response = staff_client.get(f"/admin/partnerships/importjob/{bad}/change/")
        assert response.status_code == 302  # to the admin's index, with a message


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_templates_have_headers_in_both_languages(staff_client, fmt):
    response = staff_client.get(
        reverse("admin:partnerships_partnership_import_template", args=[fmt])
    )
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        assert "Страна партнёра / Partner country" in content.decode("utf-8-sig")
    else:
        import io

        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        assert "Страна партнёра / Partner country" in [c.value for c in sheet[1]]


def test_export_actions_write_the_selected_ties(staff_client, registry):
    from tests.registry import tie

    selected = tie(*registry)
    response = staff_client.post(
        reverse("admin:partnerships_partnership_changelist"),
        {"action": "export_csv", "_selected_action": [selected.pk]},
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Волгоград" in text and "Кёльн" in text


def test_the_import_is_for_staff_only(official_client, registry):
    url = reverse("admin:partnerships_partnership_import")
    assert official_client.get(url).status_code == 302  # the admin sends non-admins to its login
    assert Client().get(url).status_code == 302
    assert not Municipality.objects.filter(name_ru="Казань").exists()
