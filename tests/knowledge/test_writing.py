"""Staff write entries in Markdown with a live preview (htmx, or a button without JavaScript)."""

import pytest
from django.urls import reverse

from knowledge.models import Entry, EntryAttachment

from .factories import EntryFactory, sample, theme

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "kind": "practice",
        "title_ru": "Побратимские связи Волгограда",
        "title_en": "",
        "summary_ru": "Как город ищет партнёров.",
        "summary_en": "",
        "body_ru": "## Опыт\n\n**Главное** — доверие.",
        "body_en": "",
        "themes": [theme("twinning").pk],
        "countries": ["FI"],
        "source": "Журнал «Муниципальная власть»",
        "source_url": "",
        "published_on": "2024-03-01",
        "visibility": "public",
        "state": "published",
    }
    data.update(changes)
    return data


def test_staff_write_and_publish_an_entry_with_a_file(
    staff_client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("knowledge:entry_create"),
            {**form_data(), "attachments": [sample("report-ru.docx")]},
        )
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/knowledge/entries/pobratimskie-svyazi-volgograda/"
    assert entry.author == alice
    assert entry.state == "published" and entry.first_published_at is not None
    assert list(entry.countries) == ["FI"]
    assert entry.attachments.get().extraction == EntryAttachment.Extraction.DONE
    page = staff_client.get(response["Location"]).content.decode()
    assert "<strong>Главное</strong>" in page
    assert "report-ru.docx" in page


def test_a_draft_is_saved_without_a_publication_date(staff_client):
    staff_client.post(reverse("knowledge:entry_create"), form_data(state="draft", published_on=""))
    entry = Entry.objects.get()
    assert entry.state == "draft" and entry.published_on is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title_ru": "", "title_en": ""}, None),
        ({"themes": []}, "themes"),
        ({"kind": "poem"}, "kind"),
        ({"visibility": "everyone"}, "visibility"),
        ({"published_on": "31.02.2024"}, "published_on"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"body_ru": "x" * 100_001}, "body_ru"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(staff_client, changes, field):
    response = staff_client.post(reverse("knowledge:entry_create"), form_data(**changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    if field:
        assert field in form.errors
    else:
        assert "Укажите название" in str(form.non_field_errors()) or form.non_field_errors()
    assert not Entry.objects.exists()


def test_an_attachment_whose_content_does_not_match_its_extension_is_refused(staff_client):
    response = staff_client.post(
        reverse("knowledge:entry_create"),
        {**form_data(), "attachments": [sample("pdf-named.docx")]},
    )
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors
    assert not Entry.objects.exists()


def test_live_preview_answers_htmx_with_sanitised_html(staff_client):
    response = staff_client.post(
        reverse("knowledge:preview"),
        {"body_ru": "**жирный** <script>alert(1)</script> [x](javascript:alert(2))"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>жирный</strong>" in html
    assert "<script" not in html and "javascript:" not in html.replace("[x](javascript:", "")
    assert "<html" not in html


def test_preview_button_works_without_javascript_and_saves_nothing(staff_client):
    response = staff_client.post(
        reverse("knowledge:entry_create"), {**form_data(body_en="*italic*"), "preview": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Главное</strong>" in html
    assert "<em>italic</em>" in html
    assert not Entry.objects.exists()


def test_the_form_wires_the_live_preview(staff_client):
    html = staff_client.get(reverse("knowledge:entry_create")).content.decode()
    assert f'hx-post="{reverse("knowledge:preview")}"' in html
    assert 'hx-target="#preview-body_ru"' in html
    assert 'name="preview"' in html


def test_editing_keeps_the_slug_adds_and_removes_files(staff_client, alice):
    entry = EntryFactory(title_ru="Исходное название", slug="ishodnoe-nazvanie")
    old = EntryAttachment.objects.create(entry=entry, file=sample("photo.png"))
    response = staff_client.post(
        reverse("knowledge:entry_edit", args=[entry.slug]),
        {
            **form_data(title_ru="Новое название"),
            "removed_attachments": [old.pk],
            "attachments": [sample("protocol-ru.odt")],
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.slug == "ishodnoe-nazvanie" and entry.title_ru == "Новое название"
    assert [a.filename for a in entry.attachments.all()] == ["protocol-ru.odt"]
    assert entry.history.count() >= 2


def test_the_edit_form_is_filled_and_previews_the_saved_body(staff_client):
    entry = EntryFactory(body_ru="_курсив_")
    html = staff_client.get(reverse("knowledge:entry_edit", args=[entry.slug])).content.decode()
    assert entry.title_ru in html
    assert "<em>курсив</em>" in html


def test_staff_unpublish_an_entry_and_the_public_loses_it(staff_client):
    from django.test import Client

    entry = EntryFactory()
    staff_client.post(reverse("knowledge:entry_edit", args=[entry.slug]), form_data(state="draft"))
    assert Client().get(entry.get_absolute_url()).status_code == 404
