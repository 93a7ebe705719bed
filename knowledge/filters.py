import functools

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Entry, Theme
from .search import MAX_QUERY_CHARS, clean_query
from .selectors import is_staff


class PlainSelect(forms.Select):
    """
    A select rendered in Python. Django renders each option through a template,
    which for the 250 countries cost more than the whole search.
    """

    def option_parts(self):
        """Each option as (value, opening tag without its end, the rest)."""
        return [
            (str(key), f'<option value="{escape(str(key))}"', f">{escape(str(label))}</option>")
            for key, label in self.choices
        ]

    def render(self, name, value, attrs=None, renderer=None):
        value = "" if value is None else str(value)
        attributes = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = "".join(
            f"{start}{' selected' if key == value else ''}{rest}"
            for key, start, rest in self.option_parts()
        )
        return format_html("<select{}>{}</select>", flatatt(attributes), mark_safe(options))  # noqa: S308 (each value escaped in option_parts)


@functools.cache
def _country_option_parts(language):
    return [
        ("", '<option value=""', f">{escape(str(_('All countries')))}</option>"),
        *(
            (code, f'<option value="{code}"', f">{escape(str(name))}</option>")
            for code, name in countries
        ),
    ]


class CountrySelect(PlainSelect):
    """The countries in the active language's order, escaped once per language."""

    def option_parts(self):
        return _country_option_parts(get_language())


@functools.cache
def _country_codes():
    return frozenset(code for code, _name in countries)


class CountryField(forms.CharField):
    """A country code, checked against a set (a ChoiceField walks all 250 choices to validate)."""

    def validate(self, value):
        super().validate(value)
        if value and value not in _country_codes():
            raise forms.ValidationError(_("Choose a country from the list."), code="invalid_choice")


class CountryFilter(django_filters.CharFilter):
    field_class = CountryField


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class SearchTextField(forms.CharField):
    """Any text is a query: control characters are dropped and a long one is cut, never refused."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField


class EntryFilter(django_filters.FilterSet):
    """
    The search form of the knowledge base. Fields that do not validate are
    left out (and the page says so); the rest still apply.
    """

    q = SearchTextFilter(
        label=_("Search"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_CHARS * 5}),
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"),
        field_name="themes__slug",
        choices=[],
        empty_label=_("All themes"),
        widget=PlainSelect(attrs={"class": "form-select"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=Entry.Kind.choices,
        empty_label=_("All types"),
        widget=PlainSelect(attrs={"class": "form-select"}),
    )
    country = CountryFilter(
        label=_("Country"),
        field_name="countries",
        lookup_expr="contains",
        widget=CountrySelect(attrs={"class": "form-select"}),
    )
    year = IntegerFilter(
        label=_("Year"),
        field_name="published_on",
        lookup_expr="year",
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control", "min": 1900, "max": 2100}),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=Entry.State.choices,
        empty_label=_("Any state"),
        widget=PlainSelect(attrs={"class": "form-select"}),
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Visibility"),
        choices=Entry.Visibility.choices,
        empty_label=_("Any visibility"),
        widget=PlainSelect(attrs={"class": "form-select"}),
    )
    # Set by the links of the panels on municipality, association and tie pages.
    municipality = IntegerFilter(field_name="municipalities", widget=forms.HiddenInput)
    association = IntegerFilter(field_name="associations", widget=forms.HiddenInput)
    partnership = IntegerFilter(field_name="partnerships", widget=forms.HiddenInput)

    class Meta:
        model = Entry
        fields = []

    def __init__(self, *args, user=None, fixed_theme=None, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        themes = themes if themes is not None else Theme.objects.all()
        self.filters["theme"].extra["choices"] = [(theme.slug, theme.name) for theme in themes]
        if not is_staff(user):
            # The public never filters by what it cannot see.
            del self.filters["state"]
            del self.filters["visibility"]
        if fixed_theme is not None:
            del self.filters["theme"]

    def filter_text(self, queryset, name, value):
        # The text is searched last, by the view (selectors.text_search): the
        # ranked results are not a queryset that other filters could narrow.
        return queryset

    @property
    def query_text(self):
        """The cleaned query, even when another field did not validate."""
        if not self.is_bound:
            return ""
        self.form.is_valid()
        return self.form.cleaned_data.get("q") or ""
