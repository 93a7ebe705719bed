"""
Admin of partnership requests and of officials' accounts.

A request's status and its workflow fields are read-only here: the workflow
moves on the staff request page, through the one service that checks every
transition. The admin shows each request's steps, thread and attachments, and
its history with who changed what.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from uploads.widgets import ProtectedFilesAdminMixin

from ..models import (
    OfficialProfile,
    PartnershipRequest,
    RequestAttachment,
    RequestMessage,
    RequestTransition,
)
from ..services.requests import official_approve, official_deactivate
from .registry import OfficialProfileAdmin


class TransitionInline(admin.TabularInline):
    model = RequestTransition
    extra = 0
    fields = ["at", "action", "from_status", "to_status", "by", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MessageInline(admin.TabularInline):
    model = RequestMessage
    extra = 0
    fields = ["created_at", "author", "is_from_staff", "body"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(ProtectedFilesAdminMixin, admin.TabularInline):
    model = RequestAttachment
    extra = 0
    fields = ["kind", "file", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        # New files need an uploader; officials add them on the request form.
        return False


@admin.register(PartnershipRequest)
class PartnershipRequestAdmin(SimpleHistoryAdmin):
    list_display = [
        "pk",
        "municipality",
        "partner_display",
        "kind",
        "status",
        "submitted_at",
        "status_changed_at",
    ]
    list_filter = ["status", "kind", "partner_country", "municipality__federal_subject"]
    search_fields = [
        "=pk",
        "municipality__name_ru",
        "municipality__name_en",
        "partner_municipality__name_ru",
        "partner_municipality__name_en",
        "contact_name",
        "contact_email",
    ]
    list_select_related = ["municipality", "partner_municipality"]
    autocomplete_fields = ["partner_municipality", "partner_association"]
    readonly_fields = [
        "municipality",
        "review_page",
        "status",
        "status_changed_at",
        "submitted_at",
        "decided_at",
        "reviewer",
        "partnership",
        "created_by",
        "created_at",
    ]
    fieldsets = (
        (
            _("Workflow"),
            {
                "fields": (
                    "review_page",
                    "status",
                    "status_changed_at",
                    "submitted_at",
                    "decided_at",
                    "reviewer",
                    "partnership",
                    "created_by",
                    "created_at",
                )
            },
        ),
        (
            _("Request"),
            {
                "fields": (
                    "municipality",
                    "partner_country",
                    "partner_municipality",
                    "partner_region",
                    "partner_association",
                    "kind",
                    "areas",
                    "rationale",
                    "first_steps",
                )
            },
        ),
        (
            _("Contact"),
            {"fields": ("contact_name", "contact_position", "contact_email", "contact_phone")},
        ),
    )
    inlines = [TransitionInline, MessageInline, AttachmentInline]
    date_hierarchy = "status_changed_at"

    def has_add_permission(self, request):
        # Requests are filed by officials for their own municipality, on the portal.
        return False

    @admin.display(description=_("wished partner"))
    def partner_display(self, obj):
        return obj.partner_display

    @admin.display(description=_("actions"))
    def review_page(self, obj):
        if obj.pk is None or obj.submitted_at is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("partnerships:request_review", args=[obj.pk]),
            gettext("Review the request and take workflow actions"),
        )


admin.site.unregister(OfficialProfile)


@admin.register(OfficialProfile)
class OfficialAccountAdmin(OfficialProfileAdmin):
    """The registry's officials' profiles, with sign-up, consent and deactivation."""

    list_display = [
        "user",
        "municipality",
        "municipality_name_given",
        "position",
        "approved_at",
        "is_active",
    ]
    list_filter = [
        ("approved_at", admin.EmptyFieldListFilter),
        ("deactivated_at", admin.EmptyFieldListFilter),
        "user__is_active",
    ]
    search_fields = [*OfficialProfileAdmin.search_fields, "municipality_name_given"]
    list_select_related = ["user", "municipality"]
    readonly_fields = [
        "approved_by",
        "approved_at",
        "municipality_name_given",
        "personal_data_consent_at",
        "personal_data_consent_version",
        "invited_at",
        "deactivated_at",
    ]
    actions = ["approve", "deactivate"]

    @admin.action(description=_("Approve the selected officials for the municipality set"))
    def approve(self, request, queryset):
        approved = 0
        for profile in queryset.select_related("user", "municipality"):
            if profile.municipality is None:
                self.message_user(
                    request,
                    gettext("%(person)s has no municipality yet: set it first.")
                    % {"person": profile.user},
                    messages.WARNING,
                )
                continue
            official_approve(profile=profile, municipality=profile.municipality, by=request.user)
            approved += 1
        if approved:
            self.message_user(
                request,
                gettext("Approved %(count)s official(s).") % {"count": approved},
                messages.SUCCESS,
            )

    @admin.display(boolean=True, description=_("active"), ordering="user__is_active")
    def is_active(self, obj):
        return obj.user.is_active

    @admin.action(description=_("Close the selected officials' accounts (their requests stay)"))
    def deactivate(self, request, queryset):
        closed = 0
        for profile in queryset.select_related("user"):
            official_deactivate(profile=profile, by=request.user)
            closed += 1
        self.message_user(
            request,
            gettext("Closed %(count)s account(s).") % {"count": closed},
            messages.SUCCESS,
        )
