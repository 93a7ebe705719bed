from django import forms


class ProtectedFileInput(forms.ClearableFileInput):
    """Like Django's file input, but shows a stored file by name: it has no public URL."""

    template_name = "uploads/protected_file_input.html"

    def is_initial(self, value):
        # Django's own test looks for ``value.url``, which protected files refuse to have.
        return bool(value and getattr(value, "name", None))


class ProtectedFilesAdminMixin:
    """For ModelAdmin and inlines whose models have ProtectedFileFields."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        from .fields import ProtectedFileField

        if isinstance(db_field, ProtectedFileField):
            kwargs["widget"] = ProtectedFileInput
            return db_field.formfield(**kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
