from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import staff_users
from uploads.forms import MultipleCheckedFilesField
from urc_portal.forms import DateInput, StyledFormMixin

from .models import AssociationDocument, FollowUp, NationalAssociation, OutreachActivity


class ActivityForm(StyledFormMixin, forms.ModelForm):
    attachments = MultipleCheckedFilesField(label=_("Attachments"))

    class Meta:
        model = OutreachActivity
        fields = ["occurred_on", "kind", "summary"]
        widgets = {"occurred_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}


class FollowUpForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["task", "due_on", "owner"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
        self.fields["owner"].error_messages["invalid_choice"] = _(
            "The owner of a follow-up must be a member of the project office staff."
        )


class StageForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = NationalAssociation
        fields = ["stage", "agreement_signed_on"]
        widgets = {"agreement_signed_on": DateInput()}


class DocumentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AssociationDocument
        fields = ["kind", "title", "file", "signed_on"]
        widgets = {"signed_on": DateInput()}
