from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.roles import staff_users
from associations.models import NationalAssociation
from partnerships.models import Municipality, Partnership
from uploads.forms import MultipleCheckedFilesField
from urc_portal.forms import DateInput, StyledFormMixin

from .models import Milestone, MilestoneDocument, Roadmap
from .services import milestone_links_check

LINKS = ("municipalities", "associations", "partnerships", "depends_on")


class MilestoneForm(StyledFormMixin, forms.ModelForm):
    """
    A milestone with its links. The links are checked against the roadmap
    here for a quick answer; ``services.milestone_save`` checks them again
    under a lock of the roadmap, and that check is the guarantee.
    """

    documents = MultipleCheckedFilesField(label=_("Add documents"))

    class Meta:
        model = Milestone
        fields = [
            "roadmap",
            "title_ru",
            "title_en",
            "kind",
            "status",
            "planned_start_on",
            "planned_end_on",
            "actual_start_on",
            "actual_end_on",
            "responsible",
            "municipalities",
            "associations",
            "partnerships",
            "depends_on",
            "description_ru",
            "description_en",
            "outcome_notes",
            "is_public",
        ]
        widgets = {
            "planned_start_on": DateInput(),
            "planned_end_on": DateInput(),
            "actual_start_on": DateInput(),
            "actual_end_on": DateInput(),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "outcome_notes": forms.Textarea(attrs={"rows": 3}),
            "municipalities": forms.SelectMultiple(attrs={"size": 8}),
            "associations": forms.SelectMultiple(attrs={"size": 5}),
            "partnerships": forms.SelectMultiple(attrs={"size": 5}),
            "depends_on": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, roadmap=None, **kwargs):
        super().__init__(*args, **kwargs)
        roadmap = roadmap or (self.instance.roadmap if self.instance.roadmap_id else None)
        self.fields["roadmap"].queryset = Roadmap.objects.order_by("-is_overall", "title_ru")
        self.fields["roadmap"].empty_label = None
        self.fields["responsible"].queryset = staff_users()
        self.fields["responsible"].error_messages["invalid_choice"] = _(
            "The person responsible must be a member of the project office staff."
        )
        self.fields["municipalities"].queryset = Municipality.objects.only(
            "id", "name_ru", "name_en", "country"
        ).order_by("country", "name_ru", "name_en")
        self.fields["municipalities"].label_from_instance = lambda m: f"{m.name} ({m.country.code})"
        self.fields["associations"].queryset = NationalAssociation.objects.order_by("name_ru")
        self.fields["partnerships"].queryset = Partnership.objects.select_related(
            "municipality_a", "municipality_b"
        ).order_by("municipality_a__name_ru", "municipality_b__name_ru")
        dependencies = Milestone.objects.filter(roadmap=roadmap) if roadmap else Milestone.objects
        if self.instance.pk:
            dependencies = dependencies.exclude(pk=self.instance.pk)
        self.fields["depends_on"].queryset = dependencies.order_by("planned_start_on", "id")
        self.fields["depends_on"].error_messages["invalid_choice"] = _(
            "A milestone depends only on milestones of its own roadmap."
        )
        self.fields["depends_on"].error_messages["invalid_pk_value"] = _(
            "“%(pk)s” is not a milestone."
        )
        if roadmap is not None and not self.is_bound:
            self.initial.setdefault("roadmap", roadmap.pk)

    def clean(self):
        cleaned = super().clean()
        roadmap = cleaned.get("roadmap")
        if roadmap is not None and not self.has_error("municipalities"):
            try:
                milestone_links_check(
                    roadmap=roadmap,
                    milestone_pk=self.instance.pk,
                    municipalities=cleaned.get("municipalities") or (),
                    depends_on=cleaned.get("depends_on") or (),
                )
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    self.add_error(field, errors)
        return cleaned

    def links(self):
        return {name: self.cleaned_data.get(name) or [] for name in LINKS}


class DocumentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MilestoneDocument
        fields = ["title", "file"]
