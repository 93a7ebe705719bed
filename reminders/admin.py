from django.contrib import admin

from .models import ReminderLog


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "kind", "period", "content_type", "object_id", "recipient"]
    list_filter = ["kind", "content_type", "sent_at"]
    search_fields = ["kind", "period", "recipient__email"]
    date_hierarchy = "sent_at"
    list_select_related = ["content_type", "recipient"]
    readonly_fields = [f.name for f in ReminderLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
