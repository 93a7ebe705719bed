from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from uploads.widgets import ProtectedFilesAdminMixin

from .models import CalendarToken, Milestone, MilestoneDocument, Roadmap
from .services import milestone_links_check


@admin.register(Roadmap)
class RoadmapAdmin(SimpleHistoryAdmin):
    list_display = ["title_ru", "title_en", "starts_on", "ends_on", "association", "country"]
    list_filter = ["is_overall", "country"]
    search_fields = ["title_ru", "title_en"]
    autocomplete_fields = ["association"]
    list_select_related = ["association"]
    fieldsets = (
        (None, {"fields": ("title_ru", "title_en", "description_ru", "description_en")}),
        (_("Period"), {"fields": ("starts_on", "ends_on")}),
        (_("For whom"), {"fields": ("association", "country")}),
    )

    def has_delete_permission(self, request, obj=None):
        # The overall roadmap is where approved requests put their first milestone.
        if obj is not None and obj.is_overall:
            return False
        return super().has_delete_permission(request, obj)


class MilestoneAdminForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = [
            "roadmap",
            "title_ru",
            "title_en",
            "kind",
            "status",
            "is_public",
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
        ]

    def clean(self):
        cleaned = super().clean()
        roadmap = cleaned.get("roadmap")
        if roadmap is None:
            return cleaned
        # The admin saves inside one transaction: holding the roadmap's lock
        # until it commits keeps a simultaneous edit from closing a cycle.
        roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
        try:
            milestone_links_check(
                roadmap=roadmap,
                milestone_pk=self.instance.pk,
                municipalities=cleaned.get("municipalities") or (),
                depends_on=cleaned.get("depends_on") or (),
            )
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return cleaned


class DocumentInline(ProtectedFilesAdminMixin, admin.TabularInline):
    model = MilestoneDocument
    extra = 0
    fields = ["title", "file", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    form = MilestoneAdminForm
    list_display = [
        "title_ru",
        "roadmap",
        "kind",
        "status",
        "planned_start_on",
        "planned_end_on",
        "responsible",
        "is_public",
    ]
    list_filter = ["status", "kind", "is_public", "roadmap"]
    date_hierarchy = "planned_start_on"
    search_fields = ["title_ru", "title_en"]
    autocomplete_fields = ["responsible", "municipalities", "associations", "partnerships"]
    filter_horizontal = ["depends_on"]
    list_select_related = ["roadmap", "responsible"]
    inlines = [DocumentInline]
    fieldsets = (
        (None, {"fields": ("roadmap", "title_ru", "title_en", "kind", "status", "is_public")}),
        (
            _("Dates"),
            {
                "fields": (
                    ("planned_start_on", "planned_end_on"),
                    ("actual_start_on", "actual_end_on"),
                )
            },
        ),
        (
            _("Who and what"),
            {
                "fields": (
                    "responsible",
                    "municipalities",
                    "associations",
                    "partnerships",
                    "depends_on",
                )
            },
        ),
        (_("Description"), {"fields": ("description_ru", "description_en", "outcome_notes")}),
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "depends_on":
            kwargs["queryset"] = Milestone.objects.select_related("roadmap").order_by(
                "roadmap", "planned_start_on"
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        for document in formset.save(commit=False):
            if document.uploaded_by_id is None:
                document.uploaded_by = request.user
            document.save()
        for document in formset.deleted_objects:
            document.delete()


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    """Who has a private calendar address, and until when; deleting one revokes it."""

    list_display = ["user", "created_at", "expires_at"]
    readonly_fields = ["user", "created_at", "expires_at"]
    exclude = ["digest"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
