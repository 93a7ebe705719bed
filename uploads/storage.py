"""
Where uploaded documents live: outside any URL the web server serves.

Files go under PROTECTED_MEDIA_ROOT and have no public URL; a view that has
checked who is asking hands them out with ``uploads.responses``.
"""

import posixpath
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename


class ProtectedStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        kwargs.setdefault("location", settings.PROTECTED_MEDIA_ROOT)
        super().__init__(**kwargs)

    def url(self, name):
        raise ValueError("Protected files have no public URL; serve them through a view.")


def protected_storage():
    """Callable storage, so migrations do not record a machine's path."""
    return ProtectedStorage()


@deconstructible
class UploadPath:
    """``<folder>/<random>/<original name>``: unguessable, and the name is kept for download."""

    def __init__(self, folder):
        self.folder = folder

    def __eq__(self, other):
        return isinstance(other, UploadPath) and self.folder == other.folder

    def __call__(self, instance, filename):
        name = get_valid_filename(posixpath.basename(filename)) or "file"
        return posixpath.join(self.folder, uuid.uuid4().hex, name[-120:])
