"""
Forms of partnership requests and officials' accounts.

None of them has a status field: the workflow moves only through
``partnerships.services.requests.request_transition``.

``OfficialSignupForm`` is allauth's ACCOUNT_SIGNUP_FORM_CLASS (see settings):
allauth adds the e-mail and password fields to it. allauth imports it while
building its own forms, so this module must not import ``allauth.account.forms``.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from associations.models import NationalAssociation
from uploads.checks import DOCUMENTS, UploadCheck
from uploads.forms import MultipleCheckedFilesField
from urc_portal.forms import StyledFormMixin

from ..areas import Area
from ..models import RUSSIA, TRANSITIONS, Municipality, PartnershipRequest, RequestAttachment


def _consent_label():
    return format_html(
        '{} <a href="{}" target="_blank">{}</a>',
        _("I consent to the processing of my personal data on the terms of the"),
        reverse_lazy("partnerships:privacy"),
        _("consent and privacy notice"),
    )


class OfficialSignupForm(forms.Form):
    """What a city official adds to allauth's sign-up: who they are and their consent."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    municipality_name = forms.CharField(
        label=_("Your municipality"),
        max_length=300,
        help_text=_("As in its charter, with the region: «городской округ город Волжский»."),
    )
    position = forms.CharField(label=_("Your position"), max_length=300)
    personal_data_consent = forms.BooleanField(
        label=lazy(_consent_label, SafeString)(),
        required=True,
        error_messages={"required": _("Without your consent the portal cannot keep your account.")},
    )

    def signup(self, request, user):
        from ..services.requests import official_signup

        official_signup(
            user=user,
            full_name=self.cleaned_data["full_name"],
            municipality_name=self.cleaned_data["municipality_name"],
            position=self.cleaned_data["position"],
            language=translation.get_language() or "ru",
        )


class ConsentForm(forms.Form):
    """The consent an invited official gives on first entry."""

    personal_data_consent = forms.BooleanField(
        label=_("I consent to the processing of my personal data on the terms above."),
        required=True,
        error_messages={"required": _("Without your consent the portal cannot keep your account.")},
    )


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.country.name})"


def foreign_municipalities(country=None):
    queryset = Municipality.objects.exclude(country=RUSSIA)
    if country:
        queryset = queryset.filter(country=country)
    return queryset.order_by("country", "name_ru", "name_en")


class PartnershipRequestForm(StyledFormMixin, forms.ModelForm):
    """
    The request as its official writes it, with its attachments. The
    applicant municipality comes from the account, never from the form.
    """

    areas = forms.MultipleChoiceField(
        label=_("Areas of cooperation"),
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    partner_municipality = PartnerChoiceField(
        label=_("Wished partner municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_(
            "A municipality of the registry. Leave it empty to ask the project office "
            "to find a partner in the country."
        ),
    )
    letter_of_intent = forms.FileField(
        label=_("Letter of intent"),
        required=False,
        validators=[UploadCheck(kinds=DOCUMENTS)],
        help_text=_("PDF, DOC, DOCX or ODT."),
    )
    council_decision = forms.FileField(
        label=_("Council decision"),
        required=False,
        validators=[UploadCheck(kinds=DOCUMENTS)],
        help_text=_("PDF, DOC, DOCX or ODT."),
    )
    other_documents = MultipleCheckedFilesField(
        label=_("Other documents"), kinds=DOCUMENTS, max_files=5
    )

    class Meta:
        model = PartnershipRequest
        fields = [
            "partner_country",
            "partner_municipality",
            "partner_region",
            "partner_association",
            "kind",
            "areas",
            "rationale",
            "first_steps",
            "contact_name",
            "contact_position",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "rationale": forms.Textarea(attrs={"rows": 5}),
            "first_steps": forms.Textarea(attrs={"rows": 4}),
        }

    required_to_submit = PartnershipRequest.REQUIRED_TO_SUBMIT

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.instance.municipality = municipality
        self.fields["partner_country"].required = False
        self.fields["partner_country"].help_text = _(
            "Filled from the partner municipality when you choose one."
        )
        country = self.data.get("partner_country") or (
            self.instance.partner_country.code if self.instance.partner_country else None
        )
        # The list offers foreign municipalities (of the chosen country); any municipality
        # is accepted for validation, so choosing one's own or a Russian one gets a clear
        # error from the model rather than "not one of the available choices".
        partner_field = self.fields["partner_municipality"]
        partner_field.queryset = Municipality.objects.all()
        partner_field.widget.choices = PartnerChoiceField(
            queryset=foreign_municipalities(country or None), required=False
        ).choices
        self.fields["partner_association"].queryset = NationalAssociation.objects.order_by(
            "name_ru"
        )
        if self.instance.pk:
            self.initial["areas"] = list(self.instance.areas)

    def clean(self):
        cleaned = super().clean()
        partner = cleaned.get("partner_municipality")
        country = cleaned.get("partner_country")
        if partner is not None and not country:
            cleaned["partner_country"] = partner.country
            self.instance.partner_country = partner.country
        elif partner is None and not country and "partner_country" not in self.errors:
            self.add_error(
                "partner_country", _("Choose the partner's country or a partner municipality.")
            )
        return cleaned

    def attachments(self):
        """The new files as ``(kind, file)`` pairs for the service."""
        Kind = RequestAttachment.Kind
        files = []
        if self.cleaned_data.get("letter_of_intent"):
            files.append((Kind.LETTER_OF_INTENT, self.cleaned_data["letter_of_intent"]))
        if self.cleaned_data.get("council_decision"):
            files.append((Kind.COUNCIL_DECISION, self.cleaned_data["council_decision"]))
        files += [(Kind.OTHER, f) for f in self.cleaned_data.get("other_documents") or []]
        return files


class TransitionForm(StyledFormMixin, forms.Form):
    """
    A workflow action and its comment. Every action is a valid choice here on
    purpose: whether this person may take it in this state is the service's
    decision alone.
    """

    action = forms.ChoiceField(
        choices=[(action, t.label) for action, t in TRANSITIONS.items()],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PartnerPickForm(StyledFormMixin, forms.Form):
    """Staff name the foreign municipality of a request that named only a country."""

    partner_municipality = PartnerChoiceField(
        label=_("Partner municipality"), queryset=Municipality.objects.none()
    )

    def __init__(self, *args, country, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_municipality"].queryset = foreign_municipalities(country)


class RussianMunicipalityField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Municipality.objects.filter(country=RUSSIA)
            .select_related("federal_subject")
            .order_by("name_ru"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        subject = obj.federal_subject.name if obj.federal_subject_id else ""
        return f"{obj} ({subject})" if subject else str(obj)


class FirstChosenSelect(forms.Select):
    """
    The officials page offers suggested municipalities as radio buttons before
    the full list, under the same name: the first value filled in wins.
    """

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        chosen = [value for value in values if value]
        return chosen[0] if chosen else None


class OfficialApprovalForm(StyledFormMixin, forms.Form):
    # A ticked suggestion stands in for the list, which the browser must not insist on.
    use_required_attribute = False

    municipality = RussianMunicipalityField(label=_("Municipality"), widget=FirstChosenSelect)
    position = forms.CharField(label=_("Position"), max_length=300, required=False)


class OfficialInviteForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    municipality = RussianMunicipalityField(label=_("Municipality"))
    position = forms.CharField(label=_("Position"), max_length=300)
    language = forms.ChoiceField(
        label=_("Language of the portal's e-mails"),
        choices=User._meta.get_field("preferred_language").choices,
        initial="ru",
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email
