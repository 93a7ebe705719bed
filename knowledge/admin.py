from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from uploads.widgets import ProtectedFilesAdminMixin

from . import services
from .models import Entry, EntryAttachment, Theme


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name_ru", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_ru", "name_en"]
    readonly_fields = ["slug"]


class AttachmentInline(ProtectedFilesAdminMixin, admin.TabularInline):
    model = EntryAttachment
    extra = 0
    fields = ["file", "extraction", "extraction_error", "uploaded_by", "uploaded_at"]
    readonly_fields = ["extraction", "extraction_error", "uploaded_by", "uploaded_at"]


@admin.register(Entry)
class EntryAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "state", "visibility", "published_on", "author"]
    list_filter = ["state", "visibility", "kind", "themes", "published_on"]
    date_hierarchy = "published_on"
    search_fields = ["title_ru", "title_en", "slug", "source"]
    list_select_related = ["author"]
    filter_horizontal = ["themes"]
    autocomplete_fields = ["municipalities", "associations", "partnerships", "author"]
    readonly_fields = ["slug", "first_published_at", "created_at", "updated_at"]
    inlines = [AttachmentInline]
    fieldsets = (
        (None, {"fields": ("kind", "state", "visibility", "published_on", "slug")}),
        (_("In Russian"), {"fields": ("title_ru", "summary_ru", "body_ru")}),
        (_("In English"), {"fields": ("title_en", "summary_en", "body_en")}),
        (
            _("Themes and links"),
            {"fields": ("themes", "countries", "municipalities", "associations", "partnerships")},
        ),
        (
            _("Source and authorship"),
            {
                "fields": (
                    "source",
                    "source_url",
                    "author",
                    "first_published_at",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        # Slug and publication dates as the portal's own form sets them.
        if not change:
            obj.slug = services.slug_for(obj.title_ru, obj.title_en)
            obj.author = obj.author or request.user
        services.publication_dates_set(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not EntryAttachment:
            return super().save_formset(request, form, formset, change)
        attachments = formset.save(commit=False)
        for removed in formset.deleted_objects:
            services.attachment_remove(attachment=removed)
        for attachment in attachments:
            # New rows and rows whose file was replaced (other fields are read-only).
            if attachment.pk is None:
                attachment.uploaded_by = request.user
            services.attachment_store(attachment)
        formset.save_m2m()
        return None
