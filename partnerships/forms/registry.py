from django import forms
from django.utils.translation import gettext_lazy as _

from urc_portal.forms import DateInput, StyledFormMixin

from ..areas import Area
from ..models import Municipality, Partnership
from ..widgets import GazetteerLookupInput


class MunicipalityForm(StyledFormMixin, forms.ModelForm):
    """A municipality, with the gazetteer lookup on its GeoNames id."""

    class Meta:
        model = Municipality
        fields = [
            "geonames_id",
            "name_ru",
            "name_en",
            "country",
            "federal_subject",
            "region",
            "oktmo",
            "kind",
            "population",
            "latitude",
            "longitude",
            "website",
            "associations",
        ]
        widgets = {"geonames_id": GazetteerLookupInput}

    def clean_oktmo(self):
        return self.cleaned_data.get("oktmo") or None


class PartnershipForm(StyledFormMixin, forms.ModelForm):
    areas = forms.MultipleChoiceField(
        label=_("Areas of cooperation"),
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Partnership
        fields = [
            "municipality_a",
            "municipality_b",
            "kind",
            "status",
            "signed_on",
            "signed_on_precision",
            "ended_on",
            "ended_on_precision",
            "areas",
            "description_ru",
            "description_en",
            "source",
            "is_public",
        ]
        widgets = {"signed_on": DateInput(), "ended_on": DateInput()}
