"""
What an uploaded file really is, judged by its content rather than its name.

The detector (filetype) reads the file's first bytes; it needs no system
library. DOCX, XLSX and ODT are zip archives, so a zip is opened and its
members inspected: only a zip that is a well-formed office document passes,
never a bare archive. The file's extension must agree with what its content
is, so a renamed executable or a PDF named .docx is refused.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

HEAD_BYTES = 8192


@dataclass(frozen=True)
class Kind:
    extension: str
    mime: str
    extensions: tuple[str, ...]
    label: str


KINDS = {
    kind.extension: kind
    for kind in (
        Kind("pdf", "application/pdf", ("pdf",), "PDF"),
        Kind("doc", "application/msword", ("doc",), "DOC"),
        Kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
            "DOCX",
        ),
        Kind("odt", "application/vnd.oasis.opendocument.text", ("odt",), "ODT"),
        Kind("jpg", "image/jpeg", ("jpg", "jpeg"), "JPEG"),
        Kind("png", "image/png", ("png",), "PNG"),
        Kind("gif", "image/gif", ("gif",), "GIF"),
        Kind("webp", "image/webp", ("webp",), "WebP"),
    )
}
DOCUMENTS = ("pdf", "doc", "docx", "odt")
IMAGES = ("jpg", "png", "gif", "webp")
DOCUMENTS_AND_IMAGES = DOCUMENTS + IMAGES

# Zip-based formats: the member that proves what the archive is.
ZIP_SIGNATURES = {
    "docx": lambda names, archive: "word/document.xml" in names,
    "odt": lambda names, archive: (
        "mimetype" in names
        and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text"
    ),
}


def detect_kind(uploaded):
    """The kind key (``"pdf"``, ``"docx"`` ...) of a file's content, or None."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    guess = filetype.guess(head)
    extension = guess.extension if guess else None
    if extension in {"zip", "docx", "odt", "xlsx", "ods", "pptx", "odp", "epub"}:
        extension = _zip_kind(uploaded)
    uploaded.seek(position)
    return extension


def _zip_kind(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            for kind, proves in ZIP_SIGNATURES.items():
                if proves(names, archive):
                    return kind
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return "broken-zip"
    return "zip"


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


@deconstructible
class UploadCheck:
    """
    A model- and form-field validator: the content is one of ``kinds``, agrees
    with the file's extension, and the file is no larger than the limit
    (``UPLOAD_MAX_BYTES``, 20 MB unless configured).
    """

    def __init__(self, kinds=DOCUMENTS_AND_IMAGES, max_bytes=None):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __eq__(self, other):
        return (
            isinstance(other, UploadCheck)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )

    def limit(self):
        return self.max_bytes or settings.UPLOAD_MAX_BYTES

    def allowed_labels(self):
        return ", ".join(KINDS[kind].label for kind in self.kinds)

    def __call__(self, value):
        # A file already stored (checked when it was uploaded) is not re-read.
        if getattr(value, "_committed", False):
            return
        uploaded = getattr(value, "file", value)
        size = getattr(value, "size", None)
        if size is not None and size > self.limit():
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(size), "limit": filesizeformat(self.limit())},
            )
        if not size:
            raise ValidationError(_("The file is empty."), code="file_empty")
        kind = detect_kind(uploaded)
        if kind not in self.kinds:
            raise ValidationError(
                _("This file type is not accepted. Allowed: %(allowed)s."),
                code="file_type",
                params={"allowed": self.allowed_labels()},
            )
        if extension_of(getattr(value, "name", "") or "") not in KINDS[kind].extensions:
            raise ValidationError(
                _(
                    "The file's name says one thing and its content another: "
                    "the content is %(kind)s. Rename the file or upload the right one."
                ),
                code="file_extension_mismatch",
                params={"kind": KINDS[kind].label},
            )


def mime_type_of(name):
    """The content type to serve a stored file with, from its (checked) extension."""
    extension = extension_of(name)
    for kind in KINDS.values():
        if extension in kind.extensions:
            return kind.mime
    return "application/octet-stream"
