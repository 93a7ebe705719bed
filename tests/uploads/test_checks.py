"""Uploads are judged by content, not by name, and limited in size."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from uploads.checks import DOCUMENTS, DOCUMENTS_AND_IMAGES, UploadCheck
from uploads.storage import ProtectedStorage

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "uploads"


def sample(name, rename=None):
    return SimpleUploadedFile(rename or name, (SAMPLES / name).read_bytes())


@pytest.mark.parametrize("name", ["agreement.pdf", "letter.docx", "protocol.odt", "photo.png"])
def test_real_documents_and_images_pass(name):
    UploadCheck(kinds=DOCUMENTS_AND_IMAGES)(sample(name))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("program.exe", "file_type"),
        ("program-renamed.pdf", "file_type"),
        ("archive.zip", "file_type"),
        ("archive-renamed.docx", "file_type"),
        ("notes.txt", "file_type"),
        ("pdf-named.docx", "file_extension_mismatch"),
        ("empty.pdf", "file_empty"),
    ],
)
def test_executables_archives_forgeries_and_empty_files_are_refused(name, code):
    with pytest.raises(ValidationError) as refused:
        UploadCheck(kinds=DOCUMENTS_AND_IMAGES)(sample(name))
    assert refused.value.code == code


def test_images_are_refused_where_only_documents_are_allowed():
    with pytest.raises(ValidationError):
        UploadCheck(kinds=DOCUMENTS)(sample("photo.png"))


def test_files_over_the_limit_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refused:
        UploadCheck()(sample("agreement.pdf"))
    assert refused.value.code == "file_too_large"


def test_protected_files_have_no_public_url(settings, tmp_path):
    settings.PROTECTED_MEDIA_ROOT = tmp_path
    storage = ProtectedStorage()
    name = storage.save("x/agreement.pdf", sample("agreement.pdf"))
    assert Path(storage.path(name)).is_relative_to(tmp_path)
    assert not Path(storage.path(name)).is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(ValueError):
        storage.url(name)
