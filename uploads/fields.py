from django.db import models

from .checks import DOCUMENTS_AND_IMAGES, UploadCheck
from .storage import UploadPath, protected_storage


class ProtectedFileField(models.FileField):
    """
    A file checked by content and size on upload and stored out of public reach.

    ``kinds`` names the accepted kinds (see ``uploads.checks.KINDS``).
    """

    def __init__(self, *args, kinds=DOCUMENTS_AND_IMAGES, folder="files", **kwargs):
        self.kinds = tuple(kinds)
        self.folder = folder
        kwargs.setdefault("storage", protected_storage)
        kwargs.setdefault("upload_to", UploadPath(folder))
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)
        self.validators.append(UploadCheck(kinds=self.kinds))

    def formfield(self, **kwargs):
        from .widgets import ProtectedFileInput

        kwargs.setdefault("widget", ProtectedFileInput)
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kinds"] = self.kinds
        kwargs["folder"] = self.folder
        kwargs.pop("upload_to", None)
        if kwargs.get("storage") is protected_storage:
            kwargs.pop("storage")
        if kwargs.get("max_length") == 255:
            kwargs.pop("max_length")
        return name, path, args, kwargs
