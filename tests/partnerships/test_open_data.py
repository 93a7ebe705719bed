"""Open data: exactly the filtered list, formula-safe, streamed, limited per IP."""

import csv
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def ties():
    volgograd = municipality("RU", name_ru="Волгоград")
    return [
        tie(
            volgograd,
            municipality("DE", name_ru="Кёльн"),
            is_public=True,
            description_ru='=HYPERLINK("x")',
        ),
        tie(
            volgograd,
            municipality("FI", name_ru="Кеми"),
            is_public=True,
            source="внутренняя пометка",
        ),
        tie(volgograd, municipality("FI", name_ru="Лахти"), is_public=False),
    ]


def export(client, fmt, **params):
    response = client.get(reverse("partnerships:directory_export", args=[fmt]), params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_csv_is_exactly_the_filtered_public_list_and_formula_safe(client, ties):
    response, body = export(client, "csv", country="DE")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][0] == "Волгоград" and rows[1][4] == "Кёльн"
    assert "'=HYPERLINK" in body.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming


def test_public_export_leaves_out_unpublished_ties_and_internal_columns(client, ties):
    _response, body = export(client, "json")
    records = json.loads(body)
    assert {r["partner"] for r in records} == {"Кёльн", "Кеми"}
    assert all("source" not in r and "is_public" not in r for r in records)


def test_staff_export_has_every_tie_and_every_column(staff_client, ties):
    _response, body = export(staff_client, "csv")
    text = body.decode("utf-8-sig")
    assert "Лахти" in text and "внутренняя пометка" in text


def test_xlsx_export(client, ties):
    _response, body = export(client, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet.max_row == 3
    assert sheet["N2"].value.startswith("'=") or any(
        str(cell.value).startswith("'=") for cell in sheet[2] if cell.value
    )


def test_xlsx_above_the_row_limit_is_refused_with_a_message(client, ties, settings):
    settings.EXPORT_XLSX_MAX_ROWS = 1
    response, _body = export(client, "xlsx")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "CSV" in page.content.decode() and 'class="alert' in page.content.decode()


def test_exports_are_rate_limited_per_address(client, ties, settings):
    settings.EXPORT_RATE_LIMIT = "2/m"
    assert export(client, "json")[0].status_code == 200
    assert export(client, "json")[0].status_code == 200
    response, body = export(client, "json")
    assert response.status_code == 429
    assert "минуту" in body.decode()
    other = client.get(
        reverse("partnerships:directory_export", args=["json"]), REMOTE_ADDR="10.1.2.3"
    )
    assert other.status_code == 200


def test_unknown_export_format_is_404(client, ties):
    assert client.get(reverse("partnerships:directory_export", args=["pdf"])).status_code == 404


def _export_queries(client, fmt):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # the rate limit and the cached counts count nothing here
    with CaptureQueriesContext(connection) as queries:
        response, body = export(client, fmt)
    assert response.status_code == 200
    return len(queries), body


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("who", ["client", "staff_client"])
def test_exports_read_the_ties_in_a_fixed_number_of_queries(request, fmt, who, ties):
    """Every column of a tie comes with the rows: no query per tie, however many there are."""
    client = request.getfixturevalue(who)
    few, _body = _export_queries(client, fmt)
    volgograd = ties[0].municipality_a
    for n in range(30):
        tie(volgograd, municipality("FI", oktmo=None), is_public=True, description_ru=f"№{n}")
    many, body = _export_queries(client, fmt)
    assert many == few
    if fmt == "json":  # two public ties of the fixture and the thirty; staff see the third too
        assert len(json.loads(body)) == (33 if who == "staff_client" else 32)
