import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from uploads.widgets import ProtectedFilesAdminMixin

from ..areas import Area
from ..forms import MunicipalityForm, PartnershipForm
from ..importing.resources import MunicipalityResource
from ..models import (
    FederalSubject,
    Municipality,
    OfficialProfile,
    Partnership,
    PartnershipDocument,
)
from ..selectors.registry import suspected_duplicates
from ..services import MergeConflict, municipalities_fill_from_gazetteer, municipality_merge
from .imports import ImportAdminMixin


@admin.register(FederalSubject)
class FederalSubjectAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "name_en", "short_name_ru", "kind", "geonames_admin1"]
    list_filter = ["kind"]
    search_fields = ["name_ru", "name_en", "short_name_ru"]


class TiesAsFirstInline(admin.TabularInline):
    model = Partnership
    fk_name = "municipality_a"
    extra = 0
    fields = ["municipality_b", "kind", "status", "signed_on", "signed_on_precision", "is_public"]
    autocomplete_fields = ["municipality_b"]
    verbose_name = _("tie")
    verbose_name_plural = _("ties (this municipality written first)")


class TiesAsSecondInline(TiesAsFirstInline):
    fk_name = "municipality_b"
    fields = ["municipality_a", "kind", "status", "signed_on", "signed_on_precision", "is_public"]
    autocomplete_fields = ["municipality_a"]
    verbose_name_plural = _("ties (this municipality written second)")


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep"),
        empty_label=None,
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = municipalities


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    form = MunicipalityForm
    list_display = [
        "__str__",
        "name_en",
        "country",
        "federal_subject",
        "kind",
        "population",
        "oktmo",
        "geonames_id",
    ]
    list_filter = ["country", "kind", "federal_subject", "associations"]
    search_fields = ["name_ru", "name_en", "search_name", "oktmo", "=geonames_id"]
    autocomplete_fields = ["federal_subject", "associations"]
    list_select_related = ["federal_subject"]
    inlines = [TiesAsFirstInline, TiesAsSecondInline]
    actions = ["merge_selected", "fill_from_gazetteer", "export_csv", "export_xlsx"]
    change_list_template = "admin/partnerships/municipality/change_list.html"

    @admin.action(description=_("Export the selected municipalities (CSV)"))
    def export_csv(self, request, queryset):
        resource = MunicipalityResource()
        response = StreamingHttpResponse(
            resource.write_csv(resource.export_queryset(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="municipalities.csv"'
        return response

    @admin.action(description=_("Export the selected municipalities (XLSX)"))
    def export_xlsx(self, request, queryset):
        resource = MunicipalityResource()
        buffer = io.BytesIO()
        resource.write_xlsx(resource.export_queryset(queryset), buffer)
        buffer.seek(0)
        return FileResponse(buffer, as_attachment=True, filename="municipalities.xlsx")

    fieldsets = (
        (_("Gazetteer"), {"fields": ("geonames_id",)}),
        (
            None,
            {
                "fields": (
                    "name_ru",
                    "name_en",
                    "kind",
                    "country",
                    "federal_subject",
                    "region",
                    "oktmo",
                )
            },
        ),
        (_("Place"), {"fields": ("population", "latitude", "longitude", "website")}),
        (_("Membership"), {"fields": ("associations",)}),
    )

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "duplicates/",
                self.admin_site.admin_view(self.duplicates_view),
                name="partnerships_municipality_duplicates",
            ),
            *super().get_urls(),
        ]

    def duplicates_view(self, request):
        """Municipalities that look like one place written twice, each group with a merge form."""
        if not (request.user.is_project_staff and self.has_change_permission(request)):
            raise PermissionDenied
        if request.method == "POST":
            self._merge_group(request)
            return redirect("admin:partnerships_municipality_duplicates")
        return render(
            request,
            "admin/partnerships/municipality/duplicates.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Suspected duplicates"),
                "groups": suspected_duplicates(),
                "opts": self.model._meta,
            },
        )

    def _merge_group(self, request):
        ids = [int(pk) for pk in request.POST.getlist("member") if pk.isascii() and pk.isdigit()]
        survivor_id = request.POST.get("survivor", "")
        members = Municipality.objects.in_bulk(ids[:10])
        survivor = (
            members.get(int(survivor_id))
            if survivor_id.isascii() and survivor_id.isdigit()
            else None
        )
        if survivor is None or len(members) < 2:
            self.message_user(request, gettext("Choose the municipality to keep."), messages.ERROR)
            return
        for absorbed in members.values():
            if absorbed.pk == survivor.pk:
                continue
            try:
                municipality_merge(survivor=survivor, absorbed=absorbed, by=request.user)
            except MergeConflict as conflict:
                for problem in conflict.conflicts:
                    self.message_user(request, problem, messages.ERROR)
                return
        self.message_user(
            request,
            gettext("Merged into “%(survivor)s”.") % {"survivor": survivor},
            messages.SUCCESS,
        )

    @admin.action(description=_("Fill GeoNames id and English name from the gazetteer"))
    def fill_from_gazetteer(self, request, queryset):
        report = municipalities_fill_from_gazetteer(queryset=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)s municipality is filled from the gazetteer.",
                "%(count)s municipalities are filled from the gazetteer.",
                len(report.filled),
            )
            % {"count": len(report.filled)},
            messages.SUCCESS,
        )
        for municipality, places in report.ambiguous[:20]:
            self.message_user(
                request,
                gettext("“%(name)s” may be any of: %(places)s.")
                % {
                    "name": municipality,
                    "places": "; ".join(f"{p.name} ({p.population:,})" for p in places[:6]),
                },
                messages.WARNING,
            )
        for municipality, place, owner in report.taken[:20]:
            self.message_user(
                request,
                gettext(
                    "“%(name)s” is %(place)s, which municipality no. %(owner)s already is: "
                    "see the suspected duplicates."
                )
                % {"name": municipality, "place": place.name, "owner": owner},
                messages.WARNING,
            )
        for municipality in report.not_found[:20]:
            self.message_user(
                request,
                gettext("“%(name)s” is not in the gazetteer for its country.")
                % {"name": municipality},
                messages.WARNING,
            )

    @admin.action(description=_("Merge the two selected municipalities"))
    def merge_selected(self, request, queryset):
        if queryset.count() != 2:
            self.message_user(
                request, gettext("Select exactly two municipalities to merge."), messages.WARNING
            )
            return None
        form = MergeForm(
            request.POST if "survivor" in request.POST else None, municipalities=queryset
        )
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            absorbed = queryset.exclude(pk=survivor.pk).get()
            try:
                municipality_merge(survivor=survivor, absorbed=absorbed, by=request.user)
            except MergeConflict as conflict:
                for problem in conflict.conflicts:
                    self.message_user(request, problem, messages.ERROR)
                self.message_user(
                    request,
                    gettext("Nothing was merged. Resolve the conflicts above and merge again."),
                    messages.ERROR,
                )
                return None
            self.message_user(
                request,
                gettext("“%(absorbed)s” is merged into “%(survivor)s”.")
                % {"absorbed": absorbed, "survivor": survivor},
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/partnerships/municipality/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Merge municipalities"),
                "form": form,
                "municipalities": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class AreaListFilter(admin.SimpleListFilter):
    title = _("area of cooperation")
    parameter_name = "area"

    def lookups(self, request, model_admin):
        return Area.choices

    def queryset(self, request, queryset):
        if self.value() in Area.values:
            return queryset.filter(areas__overlaps=[self.value()])
        return queryset


class DocumentInline(ProtectedFilesAdminMixin, admin.TabularInline):
    model = PartnershipDocument
    extra = 0
    fields = ["kind", "title", "file", "signed_on"]


@admin.register(Partnership)
class PartnershipAdmin(ImportAdminMixin, SimpleHistoryAdmin):
    form = PartnershipForm
    list_display = ["__str__", "kind", "status", "signed_display", "is_public"]
    list_filter = [
        "kind",
        "status",
        "is_public",
        AreaListFilter,
        "municipality_a__country",
        "municipality_b__country",
    ]
    search_fields = [
        "municipality_a__name_ru",
        "municipality_a__name_en",
        "municipality_b__name_ru",
        "municipality_b__name_en",
        "source",
    ]
    autocomplete_fields = ["municipality_a", "municipality_b"]
    list_select_related = ["municipality_a", "municipality_b"]
    inlines = [DocumentInline]
    actions = ["publish", "unpublish", "export_csv", "export_xlsx"]

    @admin.display(description=_("signed"), ordering="signed_on")
    def signed_display(self, obj):
        return obj.signed_display

    @admin.action(description=_("Publish the selected ties"))
    def publish(self, request, queryset):
        for tie in queryset:
            tie.is_public = True
            tie.save(update_fields=["is_public", "updated_at"])

    @admin.action(description=_("Withdraw the selected ties from the public"))
    def unpublish(self, request, queryset):
        for tie in queryset:
            tie.is_public = False
            tie.save(update_fields=["is_public", "updated_at"])


@admin.register(PartnershipDocument)
class PartnershipDocumentAdmin(ProtectedFilesAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "partnership", "signed_on", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title"]
    autocomplete_fields = ["partnership"]


@admin.register(OfficialProfile)
class OfficialProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "municipality", "position", "approved_at", "approved_by"]
    list_filter = [("approved_at", admin.EmptyFieldListFilter)]
    search_fields = [
        "user__email",
        "user__full_name",
        "municipality__name_ru",
        "municipality__name_en",
    ]
    autocomplete_fields = ["user", "municipality"]
    readonly_fields = ["approved_by", "approved_at"]
