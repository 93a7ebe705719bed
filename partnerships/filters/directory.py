"""The filters of the public directory, the map and the open-data export."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from associations.selectors import associations_public

from ..areas import Area
from ..models import FederalSubject, Municipality, Partnership
from ..selectors.directory import in_scope, municipalities_matching

SORTS = {
    "newest": ("-signed_on", "-id"),
    "oldest": ("signed_on", "id"),
    "municipality": ("municipality_a__name_ru", "id"),
    "partner": ("municipality_b__name_ru", "id"),
}
SCOPE_CHOICES = [
    ("russia", _("ties of Russian municipalities")),
    ("world", _("ties between foreign municipalities")),
    ("all", _("all ties")),
]
SORT_CHOICES = [
    ("newest", _("newest first")),
    ("oldest", _("oldest first")),
    ("municipality", _("by municipality")),
    ("partner", _("by partner")),
]


class YearInput(forms.NumberInput):
    def __init__(self, **kwargs):
        super().__init__(
            attrs={"min": 1900, "max": 2100, "inputmode": "numeric", **kwargs.get("attrs", {})}
        )


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("City"), method="filter_text")
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=countries, method="filter_country"
    )
    subject = django_filters.ModelChoiceFilter(
        label=_("Federal subject"),
        queryset=FederalSubject.objects.order_by("name_ru"),
        method="filter_subject",
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=Partnership.Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Partnership.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    area = django_filters.MultipleChoiceFilter(
        label=_("Area of cooperation"), choices=Area.choices, method="filter_area"
    )
    year_from = django_filters.NumberFilter(
        label=_("Signed from (year)"), method="filter_year_from", widget=YearInput
    )
    year_to = django_filters.NumberFilter(label=_("to"), method="filter_year_to", widget=YearInput)
    association = django_filters.ModelChoiceFilter(
        label=_("Members of a partner association"),
        queryset=associations_public(),
        method="filter_association",
    )
    scope = django_filters.ChoiceFilter(
        label=_("Which ties"), choices=SCOPE_CHOICES, method="filter_scope", empty_label=None
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Partnership
        fields = [
            "q",
            "country",
            "subject",
            "kind",
            "status",
            "area",
            "year_from",
            "year_to",
            "association",
        ]

    def _either_side(self, queryset, municipalities):
        return queryset.filter(
            Q(municipality_a__in=municipalities) | Q(municipality_b__in=municipalities)
        )

    def filter_text(self, queryset, name, value):
        matching = municipalities_matching(value)
        return queryset if matching is None else self._either_side(queryset, matching)

    def filter_country(self, queryset, name, value):
        return self._either_side(queryset, Municipality.objects.filter(country=value).values("pk"))

    def filter_subject(self, queryset, name, value):
        return self._either_side(
            queryset, Municipality.objects.filter(federal_subject=value).values("pk")
        )

    def filter_area(self, queryset, name, value):
        return queryset.filter(areas__overlaps=value) if value else queryset

    def filter_year_from(self, queryset, name, value):
        return (
            queryset.filter(signed_on__gte=datetime.date(int(value), 1, 1))
            if 1000 <= value <= 9999
            else queryset
        )

    def filter_year_to(self, queryset, name, value):
        return (
            queryset.filter(signed_on__lte=datetime.date(int(value), 12, 31))
            if 1000 <= value <= 9999
            else queryset
        )

    def filter_association(self, queryset, name, value):
        return self._either_side(queryset, value.member_municipalities.values("pk"))

    def filter_scope(self, queryset, name, value):
        return queryset  # applied in ``qs``, so that no value at all means "russia"

    @property
    def qs(self):
        if not hasattr(self, "_scoped"):
            queryset = super().qs
            cleaned = getattr(self.form, "cleaned_data", {}) if self.is_bound else {}
            self._scoped = in_scope(queryset, cleaned.get("scope") or "russia")
        return self._scoped

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["newest"]))
