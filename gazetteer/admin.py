from django.contrib import admin
from django.db.models import Q

from mechanisms.placenames import normalize_name

from .models import CountryAlias, GazetteerPlace, PlaceAlias


@admin.register(GazetteerPlace)
class GazetteerPlaceAdmin(admin.ModelAdmin):
    list_display = [
        "geonames_id",
        "name",
        "russian_name_suggestion",
        "country_code",
        "admin1_code",
        "population",
    ]
    list_filter = ["country_code"]
    search_fields = ["=geonames_id", "name"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        # The names table answers a name search from its index, in any script.
        if search_term and not search_term.isdigit():
            key = normalize_name(search_term)
            return queryset.filter(Q(names__normalized__startswith=key)).distinct(), True
        return super().get_search_results(request, queryset, search_term)


@admin.register(CountryAlias)
class CountryAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "source", "created_by", "created_at"]
    list_filter = ["source"]
    search_fields = ["name", "normalized", "source"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PlaceAlias)
class PlaceAliasAdmin(CountryAliasAdmin):
    list_display = ["name", "country", "geonames_id", "source", "created_by", "created_at"]
