from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from uploads.widgets import ProtectedFilesAdminMixin

from .models import (
    ActivityAttachment,
    AssociationDocument,
    Contact,
    FollowUp,
    NationalAssociation,
    OutreachActivity,
)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["full_name", "position", "email", "phone", "preferred_language"]


class DocumentInline(ProtectedFilesAdminMixin, admin.TabularInline):
    model = AssociationDocument
    extra = 0
    fields = ["kind", "title", "file", "signed_on"]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    fields = ["task", "due_on", "owner", "done_at"]
    autocomplete_fields = ["owner"]


@admin.register(NationalAssociation)
class NationalAssociationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "country", "scope", "stage", "agreement_signed_on"]
    list_filter = ["stage", "kind", "scope", "country"]
    search_fields = ["name_ru", "name_en", "acronym", "website"]
    inlines = [ContactInline, DocumentInline, FollowUpInline]
    fieldsets = (
        (None, {"fields": ("kind", "name_ru", "name_en", "acronym")}),
        (_("Where"), {"fields": ("country", "scope", "member_countries", "website")}),
        (_("Description"), {"fields": ("description_ru", "description_en")}),
        (_("Relations with the Union"), {"fields": ("stage", "agreement_signed_on")}),
    )


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "position", "association", "email", "phone"]
    list_filter = ["preferred_language"]
    search_fields = [
        "full_name",
        "position",
        "email",
        "association__name_ru",
        "association__name_en",
    ]
    autocomplete_fields = ["association"]
    list_select_related = ["association"]


class AttachmentInline(ProtectedFilesAdminMixin, admin.TabularInline):
    model = ActivityAttachment
    extra = 0


@admin.register(OutreachActivity)
class OutreachActivityAdmin(SimpleHistoryAdmin):
    list_display = ["occurred_on", "kind", "association", "author"]
    list_filter = ["kind", "occurred_on"]
    date_hierarchy = "occurred_on"
    search_fields = [
        "summary",
        "association__name_ru",
        "association__name_en",
        "association__acronym",
    ]
    autocomplete_fields = ["association", "author"]
    list_select_related = ["association", "author"]
    inlines = [AttachmentInline]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["task", "association", "due_on", "owner", "done_at"]
    list_filter = [("done_at", admin.EmptyFieldListFilter), "due_on", "owner"]
    date_hierarchy = "due_on"
    search_fields = ["task", "association__name_ru", "association__name_en"]
    autocomplete_fields = ["association", "owner", "done_by"]
    list_select_related = ["association", "owner"]


@admin.register(AssociationDocument)
class AssociationDocumentAdmin(ProtectedFilesAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "association", "signed_on", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "association__name_ru", "association__name_en"]
    autocomplete_fields = ["association"]
    list_select_related = ["association"]
