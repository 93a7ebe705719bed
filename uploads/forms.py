from django import forms
from django.utils.translation import gettext_lazy as _

from .checks import DOCUMENTS_AND_IMAGES, UploadCheck


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleCheckedFilesField(forms.FileField):
    """Several files in one input, each checked by content and size."""

    widget = MultipleFileInput

    def __init__(self, *args, kinds=DOCUMENTS_AND_IMAGES, max_files=10, **kwargs):
        kwargs.setdefault("required", False)
        self.check = UploadCheck(kinds=kinds)
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > self.max_files:
            raise forms.ValidationError(
                _("Too many files: at most %(max)s."),
                code="too_many_files",
                params={"max": self.max_files},
            )
        cleaned = [super(MultipleCheckedFilesField, self).clean(f, initial) for f in files]
        for uploaded in cleaned:
            self.check(uploaded)
        return cleaned
