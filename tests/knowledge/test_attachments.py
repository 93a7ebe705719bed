"""
Attached files: checked on upload, their text extracted in a Celery task
(bounded in time and memory) and searched; a corrupt file is marked failed and
search goes on.
"""

import sys

import pytest
from django.core.exceptions import ValidationError

from knowledge import selectors, services
from knowledge.extraction import ExtractionFailed, extract_text, run_bounded, text_config_of
from knowledge.models import Entry, EntryAttachment

from .factories import SAMPLES, EntryFactory, sample

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("report-ru.pdf", "побратимских городов"),
        ("agreements-en.pdf", "Twinning agreements"),
        ("report-ru.docx", "Межмуниципальная дипломатия"),
        ("protocol-ru.odt", "соглашения подписаны"),
    ],
)
def test_text_is_read_from_pdf_docx_and_odt(name, words):
    kind = name.rsplit(".", 1)[1]
    assert words in extract_text((SAMPLES / name).read_bytes(), kind)


def test_extracted_text_is_cut_at_the_limit():
    text = extract_text((SAMPLES / "report-ru.docx").read_bytes(), "docx", max_chars=20)
    assert len(text) == 20


def test_language_of_extracted_text_picks_the_search_configuration():
    assert text_config_of("Отчёт о визите делегации, Twin Cities") == "russian"
    assert text_config_of("Twinning agreements between cities, Волгоград") == "english"


def test_a_child_that_runs_too_long_is_stopped():
    with pytest.raises(ExtractionFailed, match="longer than"):
        run_bounded(
            [sys.executable, "-c", "import time; time.sleep(30)"],
            b"",
            seconds=1,
            memory_bytes=512 * 1024 * 1024,
        )


def test_a_child_that_needs_too_much_memory_is_stopped():
    with pytest.raises(ExtractionFailed, match="memory"):
        run_bounded(
            [sys.executable, "-c", "block = bytearray(1024 * 1024 * 1024)"],
            b"",
            seconds=20,
            memory_bytes=256 * 1024 * 1024,
        )


def add(entry, name, rename=None):
    return services.attachment_add(entry=entry, file=sample(name, rename), uploaded_by=None)


def found(text):
    return [e.title for e in selectors.text_search(selectors.entries_visible_to(None), text)]


@pytest.mark.postgres
def test_an_entry_is_found_by_the_text_of_its_attached_document(django_capture_on_commit_callbacks):
    entry = EntryFactory(title_ru="Визит в Минск", body_ru="")
    with django_capture_on_commit_callbacks(execute=True):
        attachment = add(entry, "report-ru.docx")
    attachment.refresh_from_db()
    assert attachment.extraction == EntryAttachment.Extraction.DONE
    assert attachment.text_config == "russian"
    assert found("межмуниципальной дипломатии") == ["Визит в Минск"]
    assert found("побратимский") == ["Визит в Минск"]


@pytest.mark.postgres
def test_attached_english_pdf_is_searched_with_english_stemming(django_capture_on_commit_callbacks):
    entry = EntryFactory(title_ru="Соглашения", body_ru="")
    with django_capture_on_commit_callbacks(execute=True):
        add(entry, "agreements-en.pdf")
    assert found("agreement municipality") == ["Соглашения"]


@pytest.mark.postgres
def test_a_corrupt_pdf_is_kept_marked_failed_and_search_still_works(
    django_capture_on_commit_callbacks,
):
    entry = EntryFactory(title_ru="Отчёт с битым файлом", body_ru="Отчёт о визите.")
    with django_capture_on_commit_callbacks(execute=True):
        attachment = add(entry, "corrupt.pdf")
    attachment.refresh_from_db()
    assert attachment.extraction == EntryAttachment.Extraction.FAILED
    assert "PDF" in attachment.extraction_error
    assert attachment.file.size > 0
    assert found("визите") == ["Отчёт с битым файлом"]


@pytest.mark.postgres
def test_removing_an_attachment_removes_its_text_from_search(django_capture_on_commit_callbacks):
    entry = EntryFactory(title_ru="Протокол", body_ru="")
    with django_capture_on_commit_callbacks(execute=True):
        attachment = add(entry, "protocol-ru.odt")
    assert found("соглашений") == ["Протокол"]
    services.attachment_remove(attachment=attachment)
    assert found("соглашений") == []


def test_images_and_old_word_files_have_nothing_to_extract(django_capture_on_commit_callbacks):
    entry = EntryFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attachment = add(entry, "photo.png")
    assert attachment.extraction == EntryAttachment.Extraction.NOT_APPLICABLE
    assert callbacks == []


@pytest.mark.parametrize(
    "name",
    ["pdf-named.docx", "program-renamed.pdf", "archive-renamed.docx", "program.exe", "notes.txt"],
)
def test_a_file_whose_content_does_not_match_its_name_is_refused(name):
    entry = EntryFactory()
    with pytest.raises(ValidationError):
        add(entry, name)
    assert not EntryAttachment.objects.exists()


def test_a_refused_file_leaves_no_half_written_entry():
    from .factories import theme

    with pytest.raises(ValidationError):
        services.entry_create(
            author=None,
            title_ru="С плохим файлом",
            themes=[theme()],
            files=[sample("report-ru.docx"), sample("program-renamed.pdf")],
        )
    assert not Entry.objects.exists()
    assert not EntryAttachment.objects.exists()


@pytest.mark.worker
@pytest.mark.postgres
def test_a_real_worker_extracts_the_text_of_an_uploaded_document(celery_worker):
    import shutil

    entry = EntryFactory(title_ru="Протокол о намерениях", body_ru="")
    attachment = EntryAttachment.objects.create(entry=entry, file=sample("protocol-ru.odt"))
    # The worker keeps its files under its own VAR_DIR: put the upload where it looks.
    stored = celery_worker.mail_dir.parent / "protected" / attachment.file.name
    stored.parent.mkdir(parents=True)
    shutil.copyfile(attachment.file.path, stored)
    services.attachment_extraction_queue(attachment)

    def extracted():
        attachment.refresh_from_db()
        return attachment.extraction != EntryAttachment.Extraction.PENDING

    celery_worker.wait_for(extracted)
    assert attachment.extraction == EntryAttachment.Extraction.DONE
    assert found("подписанные соглашения") == ["Протокол о намерениях"]
