"""Filters of the staff review queue and of an official's "My requests"."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..models import FederalSubject, PartnershipRequest, RequestStatus
from ..selectors.directory import municipalities_matching

AGE_CHOICES = [
    (3, _("more than 3 days")),
    (7, _("more than a week")),
    (14, _("more than two weeks")),
    (30, _("more than a month")),
]


class RequestQueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Municipality"), method="filter_text")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=[c for c in RequestStatus.choices if c[0] != RequestStatus.DRAFT],
        widget=forms.CheckboxSelectMultiple,
    )
    country = django_filters.ChoiceFilter(
        label=_("Partner's country"), choices=countries, field_name="partner_country"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region of the applicant"),
        queryset=FederalSubject.objects.order_by("name_ru"),
        field_name="municipality__federal_subject",
    )
    waiting = django_filters.TypedChoiceFilter(
        label=_("In this status for"),
        choices=AGE_CHOICES,
        coerce=int,
        method="filter_waiting",
    )

    class Meta:
        model = PartnershipRequest
        fields = ["q", "status", "country", "region", "waiting"]

    def filter_text(self, queryset, name, value):
        """City names as the directory searches them: either language or script, typos forgiven."""
        matching = municipalities_matching(value)
        if matching is None:
            return queryset
        return queryset.filter(Q(municipality__in=matching) | Q(partner_municipality__in=matching))

    def filter_waiting(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            status_changed_at__lt=timezone.now() - datetime.timedelta(days=int(value))
        )


class MyRequestsFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)

    class Meta:
        model = PartnershipRequest
        fields = ["status"]
