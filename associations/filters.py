import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import User
from accounts.roles import PROJECT_OFFICE_STAFF

from .models import FollowUp, NationalAssociation


class AssociationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Text"), method="filter_text")
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=countries, method="filter_country"
    )
    stage = django_filters.MultipleChoiceFilter(
        label=_("Stage"),
        choices=NationalAssociation.Stage.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Follow-up owner"),
        queryset=User.objects.filter(groups__name=PROJECT_OFFICE_STAFF).order_by(
            "full_name", "email"
        ),
        method="filter_owner",
    )
    overdue = django_filters.BooleanFilter(
        label=_("Has overdue follow-ups"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = NationalAssociation
        fields = ["q", "country", "stage", "owner", "overdue"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name_ru__icontains=value) | Q(name_en__icontains=value) | Q(acronym__icontains=value)
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(Q(country=value) | Q(member_countries__contains=value))

    def filter_owner(self, queryset, name, value):
        return queryset.filter(
            Exists(
                FollowUp.objects.filter(
                    association=OuterRef("pk"), owner=value, done_at__isnull=True
                )
            )
        )

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(
                FollowUp.objects.filter(
                    association=OuterRef("pk"),
                    done_at__isnull=True,
                    due_on__lt=timezone.localdate(),
                )
            )
        )
