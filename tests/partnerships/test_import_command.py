"""Importing twinning files from the command line: real files, one engine, all or nothing."""

import datetime
import shutil
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from partnerships.models import FederalSubject, ImportJob, Municipality, Partnership
from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parent.parent / "data" / "imports"
TEMPLATE_HEADER = (FILES / "ties-utf8-bom-semicolon.csv").read_text("utf-8-sig").splitlines()[0]


def run(path, *args, capsys):
    try:
        call_command("import_partnerships", str(path), *args)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


def write(tmp_path, name, rows, header=TEMPLATE_HEADER, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path


def last_counts():
    counts = ImportJob.objects.latest("pk").counts
    return {key: value for key, value in counts.items() if key != "public_new"}


def counts():
    return Municipality.objects.count(), Partnership.objects.count()


@pytest.mark.parametrize(
    "name",
    [
        "ties-utf8-comma.csv",
        "ties-utf8-bom-semicolon.csv",
        "ties-cp1251-semicolon.csv",
        "ties-cp1251-tab.csv",
        "ties.xlsx",
        "ties.xls",
        "ties.ods",
    ],
)
def test_every_format_imports_the_same_five_ties(registry, capsys, name):
    code, out, _err = run(FILES / name, "--create-missing", capsys=capsys)
    assert code == 0, out
    assert last_counts()["new"] == 5
    volgograd, cologne = registry
    old = Partnership.objects.get(municipality_a=volgograd, municipality_b=cologne)
    assert old.kind == "twinning" and old.status == "active" and old.is_public
    assert old.signed_display == "1988" and old.signed_on_precision == "year"
    assert set(old.areas) == {"culture", "education"}
    kazan = Municipality.objects.get(name_ru="Казань")
    assert kazan.federal_subject.name_ru == "Республика Татарстан"
    assert kazan.geonames_id and kazan.latitude
    helsinki_tie = Partnership.objects.get(municipality_a=kazan)
    assert (
        helsinki_tie.signed_on == datetime.date(2005, 5, 12)
        and helsinki_tie.signed_on_precision == "day"
    )
    assert helsinki_tie.municipality_b.name_en == "Helsinki"
    assert helsinki_tie.municipality_b.country.code == "FI"
    samara = Partnership.objects.get(municipality_a__name_ru="Самара")
    assert (samara.kind, samara.status, samara.description_en) == (
        "intent",
        "suspended",
        "Joint youth festival",
    )
    tyumen = Partnership.objects.get(municipality_a__name_ru="Тюмень")
    assert tyumen.signed_display == "05.2021"


def test_importing_the_same_file_twice_changes_nothing(registry, capsys):
    run(FILES / "ties.xlsx", "--create-missing", capsys=capsys)
    before = counts(), Partnership.history.count()
    code, out, _err = run(FILES / "ties.xlsx", "--create-missing", capsys=capsys)
    assert code == 0, out
    assert last_counts() == {"new": 0, "updated": 0, "unchanged": 5, "merged": 0, "set_aside": 0}
    assert (counts(), Partnership.history.count()) == before


def test_a_row_written_the_other_way_round_updates_the_existing_tie(registry, capsys, tmp_path):
    volgograd, cologne = registry
    existing = tie(cologne, volgograd, kind="memorandum")
    path = write(
        tmp_path,
        "reverse.csv",
        ["Волгоград;Волгоградская обл.;;;Кёльн;;Германия;;побратимство;;1988;;;;;;"],
    )
    code, out, _err = run(path, capsys=capsys)
    assert code == 0
    assert "row 2: updated" in out
    existing.refresh_from_db()
    assert existing.kind == "twinning"
    assert Partnership.objects.count() == 1


def test_without_create_missing_an_unknown_municipality_is_an_error_and_nothing_is_written(
    registry, capsys
):
    before = counts()
    code, out, _err = run(FILES / "ties-utf8-comma.csv", capsys=capsys)
    assert code == 1
    assert "is not in the registry" in out or "нет в реестре" in out
    assert "Nothing was written." in out
    assert counts() == before


def test_created_municipalities_show_the_gazetteer_place_chosen(registry, capsys):
    code, out, _err = run(FILES / "ties.xlsx", "--create-missing", "--dry-run", capsys=capsys)
    assert code == 0
    assert "Helsinki" in out and "FI" in out and "658,864" in out


def test_a_name_with_several_gazetteer_places_is_an_error_naming_them(registry, capsys):
    code, out, _err = run(FILES / "ambiguous-gazetteer.csv", "--create-missing", capsys=capsys)
    assert code == 1
    assert "Troitsk" in out and "GeoNames" in out


def test_a_place_geonames_files_under_another_country_is_disputed_and_set_aside(
    registry, capsys, tmp_path
):
    path = write(
        tmp_path,
        "crimea.csv",
        ["Симферополь;Республика Крым;;;Кёльн;;Германия;;побратимство;;;;;;;;"],
    )
    code, out, _err = run(path, "--create-missing", capsys=capsys)
    assert code == 1
    assert "Симферополь" in out and "Crimea" in out and "Nothing was written." in out
    assert not Municipality.objects.filter(name_ru="Симферополь").exists()
    assert ImportJob.objects.latest("pk").set_aside_rows.get().reason == "disputed"


def test_a_place_not_in_the_gazetteer_is_set_aside_not_invented(registry, capsys, tmp_path):
    path = write(tmp_path, "new.csv", ["Волгоград;;;;Нигдештадт;;Германия;;побратимство;;;;;;;;"])
    code, out, _err = run(path, "--create-missing", "--set-aside", capsys=capsys)
    assert code == 0
    assert "Нигдештадт" in out and ("not in the gazetteer" in out or "нет в справочнике" in out)
    assert not Municipality.objects.filter(name_ru="Нигдештадт").exists()
    row = ImportJob.objects.latest("pk").set_aside_rows.get()
    assert (row.reason, row.name, row.country) == ("not_found", "Нигдештадт", "DE")


def test_a_name_matching_two_registry_rows_is_ambiguous(registry, capsys, tmp_path):
    subject = FederalSubject.objects.get(name_ru="Московская область")
    municipality("RU", name_ru="Троицк", federal_subject=subject)
    municipality(
        "RU",
        name_ru="Троицк",
        federal_subject=FederalSubject.objects.get(name_ru="Челябинская область"),
    )
    path = write(tmp_path, "two.csv", ["Троицк;;;;Кёльн;;Германия;;;;;;;;;;"])
    code, out, _err = run(path, capsys=capsys)
    assert code == 1
    assert "нескольким муниципалитетам" in out
    path = write(tmp_path, "one.csv", ["Троицк;Московская обл.;;;Кёльн;;Германия;;;;;;;;;;"])
    assert run(path, capsys=capsys)[0] == 0


def test_a_tie_named_from_both_sides_is_applied_once(registry, capsys):
    code, out, _err = run(FILES / "both-orders.csv", capsys=capsys)
    assert code == 0, out
    assert "row 3: merged" in out and "row 2" in out
    assert Partnership.objects.count() == 1


def test_conflicting_rows_for_one_tie_are_an_error_naming_both(registry, capsys):
    code, out, _err = run(FILES / "conflicting-pair.csv", capsys=capsys)
    assert code == 1
    assert out.count("2 and 3") + out.count("2 и 3") >= 2
    assert Partnership.objects.count() == 0


def test_bad_values_are_reported_per_row_and_column_and_nothing_is_written(registry, capsys):
    before = counts()
    code, out, err = run(FILES / "bad-values.csv", "--create-missing", capsys=capsys)
    assert code == 1
    lines = {line.split(":")[0]: line for line in out.splitlines() if line.startswith("row ")}
    assert "31.02.2019" in lines["row 2"] and "Дата подписания" in lines["row 2"]
    assert "Нарния" in lines["row 3"] and "Страна партнёра" in lines["row 3"]
    assert "same place" in lines["row 4"] or "одно и то же" in lines["row 4"]
    assert "дружба навек" in lines["row 5"]
    assert "Traceback" not in err
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("wrong-encoding-koi8.csv", "encoding"),
        ("binary-renamed.csv", "binary"),
        ("empty.csv", "empty"),
        ("headers-only.csv", "no data rows"),
        ("entity-bomb.xlsx", "forbidden XML"),
    ],
)
def test_unreadable_files_are_refused_with_a_message_and_no_traceback(
    registry, capsys, name, message, settings
):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    translation.activate("en")
    before = counts()
    code, _out, err = run(FILES / name, capsys=capsys)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert counts() == before
    assert ImportJob.objects.get().status == "failed"


def test_a_zip_bomb_is_refused_quickly(registry, capsys):
    start = time.perf_counter()
    code, _out, err = run(FILES / "zip-bomb.xlsx", capsys=capsys)
    assert code == 1
    assert "unpack" in err or "распак" in err
    assert time.perf_counter() - start < 5


def test_a_file_over_the_size_limit_is_refused_before_parsing(registry, capsys, settings):
    settings.IMPORT_MAX_BYTES = 1000
    code, _out, err = run(FILES / "ties-utf8-comma.csv", capsys=capsys)
    assert code == 1
    assert "limit" in err or "ограничение" in err


def test_unknown_columns_need_a_mapping_then_a_saved_mapping_works(registry, capsys):
    code, _out, err = run(FILES / "unknown-headers.csv", capsys=capsys)
    assert code == 1
    assert "Муниципальное образование РФ" in err
    from mechanisms.placenames import normalize_name
    from partnerships.models import ColumnMapping

    ColumnMapping.objects.create(
        name="Администрация Волгограда",
        columns={
            normalize_name("Муниципальное образование РФ"): "municipality",
            normalize_name("Зарубежный побратим"): "partner",
            normalize_name("Государство"): "partner_country",
            normalize_name("Год"): "signed_on",
        },
    )
    code, out, _err = run(
        FILES / "unknown-headers.csv", "--mapping", "Администрация Волгограда", capsys=capsys
    )
    assert code == 0, out
    assert Partnership.objects.get().signed_display == "1988"


def test_a_missing_required_column_is_refused(registry, capsys):
    code, _out, err = run(FILES / "missing-required-column.csv", capsys=capsys)
    assert code == 1
    assert "partner_country" in err


def test_a_russian_office_sheet_with_its_own_headers_imports(registry, capsys):
    code, out, _err = run(FILES / "russian-office.csv", "--create-missing", capsys=capsys)
    assert code == 0, out
    assert Partnership.objects.count() == 2
    kazan = Municipality.objects.get(name_ru="Казань")
    assert kazan.federal_subject.name_ru == "Республика Татарстан"


def test_formulas_are_stored_as_text_and_escaped_on_export(registry, capsys, tmp_path):
    code, out, _err = run(FILES / "formulas.csv", capsys=capsys)
    assert code == 0, out
    stored = Partnership.objects.get()
    assert stored.description_ru == '=HYPERLINK("http://evil.example","Нажмите")'
    assert stored.source == "@SUM(1+1)"
    exported = tmp_path / "out.csv"
    call_command("export_partnerships", "--format", "csv", str(exported))
    text = exported.read_text("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    # ... and the escaped export re-imports as unchanged.
    code, out, _err = run(exported, capsys=capsys)
    assert code == 0, out
    assert last_counts()["unchanged"] == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_reimports_as_unchanged(registry, capsys, tmp_path, fmt):
    run(FILES / "ties.xlsx", "--create-missing", capsys=capsys)
    exported = tmp_path / f"all.{fmt}"
    call_command("export_partnerships", "--format", fmt, str(exported))
    code, out, _err = run(exported, capsys=capsys)
    assert code == 0, out
    assert last_counts() == {"new": 0, "updated": 0, "unchanged": 5, "merged": 0, "set_aside": 0}


def test_json_export_is_open_data(registry, capsys):
    import json

    tie(*registry, is_public=True, source="внутренняя пометка")
    tie(municipality("RU"), municipality("FI"), is_public=False)
    call_command("export_partnerships", "--format", "json", "--public")
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 1
    assert records[0]["municipality"] == "Волгоград"
    assert "source" not in records[0]


def test_the_job_is_recorded_and_history_is_attributed_to_it(registry, capsys, alice):
    run(FILES / "ties-utf8-comma.csv", "--create-missing", "--user", alice.email, capsys=capsys)
    job = ImportJob.objects.get()
    assert job.status == "succeeded" and job.created_by == alice and job.counts["new"] == 5
    record = Partnership.history.filter(history_type="+").first()
    assert record.history_user == alice
    assert f"import job #{job.pk}" in record.history_change_reason


def test_the_preview_issues_the_same_number_of_queries_for_5_and_500_rows(
    registry, tmp_path, django_assert_max_num_queries
):
    from partnerships.services.imports import job_create, job_preview

    lines = (FILES / "ties-utf8-bom-semicolon.csv").read_text("utf-8-sig").splitlines()
    small = tmp_path / "small.csv"
    small.write_text("\n".join(lines), "utf-8")
    big = tmp_path / "big.csv"
    big.write_text("\n".join([lines[0], *(lines[1:] * 100)]), "utf-8")

    def preview(path):
        job = job_create(data=path.read_bytes(), name=path.name, user=None, create_missing=True)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            report = job_preview(job)
        return len(queries), report

    small_queries, _report = preview(small)
    big_queries, report = preview(big)
    assert big_queries == small_queries
    assert report.counts["merged"] == 495


def test_files_are_kept_out_of_the_public_media(registry, capsys, settings):
    run(FILES / "ties.xlsx", "--create-missing", capsys=capsys)
    job = ImportJob.objects.get()
    assert Path(job.file.path).is_relative_to(settings.PROTECTED_MEDIA_ROOT)
    shutil.rmtree(Path(job.file.path).parent, ignore_errors=True)
