from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from associations.models import NationalAssociation
from partnerships.models import Municipality, Partnership
from uploads.checks import DOCUMENTS_AND_IMAGES
from uploads.forms import MultipleCheckedFilesField
from urc_portal.forms import DateInput, StyledFormMixin

from .models import Entry, EntryAttachment

BODY_MAX_CHARS = 100_000
SUMMARY_MAX_CHARS = 2_000


class PartnershipChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.municipality_a.name} — {obj.municipality_b.name}"


class EntryForm(StyledFormMixin, forms.ModelForm):
    """Staff write and edit an entry: texts in Markdown, links, files."""

    attachments = MultipleCheckedFilesField(
        label=_("Attach files"),
        kinds=DOCUMENTS_AND_IMAGES,
        help_text=_(
            "PDF, DOC, DOCX, ODT or images. The text of PDF, DOCX and ODT files is searched."
        ),
    )
    removed_attachments = forms.ModelMultipleChoiceField(
        label=_("Remove attached files"),
        queryset=EntryAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Entry
        fields = [
            "kind",
            "title_ru",
            "title_en",
            "summary_ru",
            "summary_en",
            "body_ru",
            "body_en",
            "themes",
            "countries",
            "municipalities",
            "associations",
            "partnerships",
            "source",
            "source_url",
            "published_on",
            "visibility",
            "state",
        ]
        widgets = {
            "summary_ru": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_ru": forms.Textarea(attrs={"rows": 14}),
            "body_en": forms.Textarea(attrs={"rows": 14}),
            "themes": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
            "state": forms.RadioSelect,
            "published_on": DateInput(),
            "countries": forms.SelectMultiple(attrs={"size": 6}),
            "municipalities": forms.SelectMultiple(attrs={"size": 6}),
            "associations": forms.SelectMultiple(attrs={"size": 6}),
        }
        field_classes = {"partnerships": PartnershipChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].required = True
        for name in ("themes", "visibility", "state"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        # By name, the Russian one where there is one, so foreign towns sort among the rest.
        self.fields["municipalities"].queryset = Municipality.objects.order_by(
            Lower(Coalesce(NullIf("name_ru", Value("")), "name_en"))
        )
        self.fields["associations"].queryset = NationalAssociation.objects.order_by("name_ru")
        self.fields["partnerships"].queryset = Partnership.objects.select_related(
            "municipality_a", "municipality_b"
        ).order_by("municipality_a__name_ru", "municipality_b__name_ru")
        self.fields["partnerships"].widget.attrs["size"] = 6
        for name, limit in (
            ("summary_ru", SUMMARY_MAX_CHARS),
            ("summary_en", SUMMARY_MAX_CHARS),
            ("body_ru", BODY_MAX_CHARS),
            ("body_en", BODY_MAX_CHARS),
        ):
            self.fields[name].validators.append(MaxLengthValidator(limit))
            self.fields[name].widget.attrs["maxlength"] = limit
        if self.instance.pk:
            self.fields["removed_attachments"].queryset = self.instance.attachments.all()
        else:
            del self.fields["removed_attachments"]


class PreviewForm(forms.Form):
    """One Markdown text for the live preview."""

    body_ru = forms.CharField(required=False, max_length=BODY_MAX_CHARS, strip=False)
    body_en = forms.CharField(required=False, max_length=BODY_MAX_CHARS, strip=False)
