"""
The filters of the roadmap page, its timeline data, its exports and its feeds.

The choices offered come from the milestones the person may see, so the
public's lists name no association, municipality or staff member of an
unpublished milestone; staff also filter by who is responsible and by
publication.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import User
from accounts.roles import PROJECT_OFFICE_STAFF
from associations.models import NationalAssociation
from partnerships.models import Municipality
from urc_portal.forms import DateInput

from .models import Milestone
from .selectors import is_staff, milestones_visible_to


class MilestoneFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period cannot end before it starts."))
        return cleaned


class MilestoneFilter(django_filters.FilterSet):
    association = django_filters.ModelChoiceFilter(
        label=_("Association"),
        queryset=NationalAssociation.objects.none(),
        method="filter_association",
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=countries, method="filter_country"
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.none(), method="filter_municipality"
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Milestone.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    responsible = django_filters.ModelChoiceFilter(
        label=_("Responsible"), queryset=User.objects.none()
    )
    period_from = django_filters.DateFilter(
        label=_("Period from"), method="filter_period_from", widget=DateInput()
    )
    period_to = django_filters.DateFilter(
        label=_("to"), method="filter_period_to", widget=DateInput()
    )
    only_public = django_filters.BooleanFilter(
        label=_("Public milestones only"),
        method="filter_only_public",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Milestone
        fields = [
            "association",
            "country",
            "municipality",
            "status",
            "responsible",
            "period_from",
            "period_to",
            "only_public",
        ]
        form = MilestoneFilterForm

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        visible = milestones_visible_to(user)
        self.filters["association"].queryset = NationalAssociation.objects.filter(
            Exists(visible.filter(associations=OuterRef("pk")))
            | Exists(visible.filter(roadmap__association=OuterRef("pk")))
        ).order_by("name_ru")
        self.filters["municipality"].queryset = Municipality.objects.filter(
            Exists(visible.filter(municipalities=OuterRef("pk")))
        ).order_by("name_ru", "name_en")
        if is_staff(user):
            # Former staff too: the milestones they were responsible for stay theirs.
            self.filters["responsible"].queryset = (
                User.objects.filter(groups__name=PROJECT_OFFICE_STAFF)
                .order_by("full_name", "email")
                .distinct()
            )
        else:
            # The public neither sees who is responsible nor needs to ask for public milestones.
            del self.filters["responsible"]
            del self.filters["only_public"]

    def filter_association(self, queryset, name, value):
        linked = Milestone.associations.through.objects.filter(
            milestone_id=OuterRef("pk"), nationalassociation_id=value.pk
        )
        return queryset.filter(Q(roadmap__association=value) | Q(Exists(linked)))

    def filter_country(self, queryset, name, value):
        taking_part = Milestone.municipalities.through.objects.filter(
            milestone_id=OuterRef("pk"), municipality__country=value
        )
        return queryset.filter(Q(roadmap__country=value) | Q(Exists(taking_part)))

    def filter_municipality(self, queryset, name, value):
        taking_part = Milestone.municipalities.through.objects.filter(
            milestone_id=OuterRef("pk"), municipality_id=value.pk
        )
        return queryset.filter(Exists(taking_part))

    def filter_period_from(self, queryset, name, value):
        return queryset.filter(planned_end_on__gte=value)

    def filter_period_to(self, queryset, name, value):
        return queryset.filter(planned_start_on__lte=value)

    def filter_only_public(self, queryset, name, value):
        return queryset.filter(is_public=True) if value else queryset
