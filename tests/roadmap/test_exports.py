"""Exports of a roadmap: a formula-safe spreadsheet and a printable page."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.roadmap.conftest import make_milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestones(overall, volgograd, lahti, alice):
    return [
        make_milestone(
            overall,
            title_ru='=HYPERLINK("http://evil.example","нажми")',
            title_en="+1 evil",
            description_ru="@SUM(A1)",
            is_public=True,
            municipalities=[volgograd, lahti],
            planned_start_on=datetime.date(2026, 4, 1),
        ),
        make_milestone(
            overall,
            title_ru="Форум в Лахти",
            is_public=True,
            planned_start_on=datetime.date(2027, 4, 1),
        ),
        make_milestone(
            overall, title_ru="Внутреннее совещание", title_en="Internal meeting", responsible=alice
        ),
    ]


def sheet_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_spreadsheet_is_formula_safe(client, milestones):
    rows = sheet_rows(client.get(reverse("roadmap:export_all")))
    cells = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert '\'=HYPERLINK("http://evil.example","нажми")' in cells
    assert "'+1 evil" in cells and "'@SUM(A1)" in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


def test_the_public_spreadsheet_has_public_milestones_and_russian_headers(client, milestones):
    rows = sheet_rows(client.get(reverse("roadmap:export_all")))
    headers = rows[3]
    assert headers[:3] == ["№", "Название (рус.)", "Название (англ.)"]
    assert "Ответственный" not in headers
    titles = {row[1] for row in rows[4:]}
    assert "Форум в Лахти" in titles and "Внутреннее совещание" not in titles
    lahti_row = next(row for row in rows[4:] if row[1] == "Форум в Лахти")
    assert lahti_row[5] == datetime.datetime(2027, 4, 1)


def test_staff_get_every_milestone_with_owner_and_publication_in_english(staff_client, milestones):
    rows = sheet_rows(staff_client.get("/en" + reverse("roadmap:export_all")))
    headers = rows[3]
    assert headers[-2:] == ["Responsible", "Public"]
    internal = next(row for row in rows[4:] if row[1] == "Внутреннее совещание")
    assert internal[-2:] == ["Alice Staff", "no"]
    first = next(row for row in rows[4:] if row[0] == milestones[0].pk)
    assert first[10] == "Volgograd; Lahti"


def test_the_spreadsheet_follows_the_filters(staff_client, milestones, overall):
    rows = sheet_rows(
        staff_client.get(
            reverse("roadmap:export", args=[overall.pk]), {"period_from": "2027-01-01"}
        )
    )
    assert {row[1] for row in rows[4:]} == {"Форум в Лахти", "Внутреннее совещание"}


def test_exports_are_rate_limited(client, milestones, settings):
    settings.EXPORT_RATE_LIMIT = "2/m"
    url = reverse("roadmap:export_all")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_the_printable_page_groups_milestones_by_year_with_a_print_stylesheet(client, milestones):
    text = client.get(reverse("roadmap:print_all")).content.decode()
    assert "roadmap/roadmap-print.css" in text
    assert text.index(">2026<") < text.index(">2027<")
    assert "Форум в Лахти" in text and "Внутреннее совещание" not in text
    assert "Волгоград, Лахти" in text


def test_staff_printing_everything_are_warned_it_includes_unpublished_milestones(
    staff_client, milestones
):
    text = staff_client.get("/en" + reverse("roadmap:print_all")).content.decode()
    assert "includes milestones that are not public" in text
    assert "Internal meeting" in text
    public_only = staff_client.get(
        "/en" + reverse("roadmap:print_all"), {"only_public": "true"}
    ).content.decode()
    assert "Internal meeting" not in public_only
    assert "includes milestones that are not public" not in public_only
