"""Form pieces every app's pages share."""

from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    """A native date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StyledFormMixin:
    """Give every widget Bootstrap's class, and mark invalid fields after validation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
                widget, forms.CheckboxSelectMultiple
            ):
                css = "form-select"
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


def apply_to_form(form, action):
    """
    Run ``action`` (a service call) and return its result; if it raises a
    ValidationError, put the errors on ``form`` (on their fields where the form
    has them, else on the form as a whole) and return None.
    """
    try:
        return action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None
