from django import forms
from django.urls import reverse_lazy


class GazetteerLookupInput(forms.NumberInput):
    """
    The GeoNames id field with a search box beside it. Picking a place fills
    the form's country, federal subject, coordinates, population and English
    name; the Russian spelling GeoNames offers is shown to be confirmed, never
    filled in silently. Without JavaScript the field is a plain number input.
    """

    template_name = "partnerships/widgets/gazetteer_lookup.html"

    class Media:
        js = ["js/gazetteer-lookup.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["lookup_url"] = reverse_lazy("partnerships:gazetteer_lookup")
        return context
