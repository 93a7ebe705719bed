"""
The import of twinning records in the admin: upload, map columns, preview, confirm.

The steps live under the partnerships changelist (``…/partnership/import/``).
Each step runs the one engine through ``partnerships.services.imports``; a
file over IMPORT_BACKGROUND_ROWS rows is imported by a Celery worker and its
job page shows the progress live.
"""

import io

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from uploads.responses import protected_file_response

from .. import services
from ..importing.columns import MUNICIPALITY_COLUMNS, PARTNERSHIP_COLUMNS, match_headers
from ..importing.outcomes import OUTCOME_LABELS, SET_ASIDE
from ..importing.reading import FileRefused
from ..importing.resources import PartnershipResource
from ..models import ColumnMapping, ImportJob, Municipality, SetAsideRow
from ..selectors import imports as job_reads
from ..services import imports

ENCODINGS = [
    ("", gettext_lazy("detect")),
    ("utf-8", "UTF-8"),
    ("cp1251", "Windows-1251"),
    ("utf-16", "UTF-16"),
]
DELIMITERS = [("", gettext_lazy("detect")), (";", ";"), (",", ","), ("\\t", gettext_lazy("tab"))]
IGNORE = "-"
TIE_EXAMPLE = [
    "Волгоград",
    "Волгоградская обл.",
    "Россия",
    "18701000",
    "Кёльн",
    "Северный Рейн-Вестфалия",
    "Германия",
    "",
    "48.71939",
    "44.50183",
    "50.93333",
    "6.95",
    "побратимство",
    "действует",
    "1988",
    "",
    "культура; образование и наука",
    "",
    "",
    "",
    "да",
]
MUNICIPALITY_EXAMPLE = [
    "Волгоград",
    "Volgograd",
    "Россия",
    "Волгоградская обл.",
    "18701000",
    "городской округ",
    1013533,
    48.71378,
    44.4976,
    "",
    472757,
]
PREVIEW_ROWS = 500


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("The file lists"),
        choices=ImportJob.Kind.choices,
        initial=ImportJob.Kind.PARTNERSHIPS,
        required=False,
    )
    file = forms.FileField(label=gettext_lazy("File (CSV, XLSX, XLS or ODS)"))
    source = forms.CharField(
        label=gettext_lazy("Source of the file"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "For example “Wikipedia: twin towns” or “Volgograd city administration”. Written on "
            "the new ties; your decisions about names in the file are remembered for its source."
        ),
    )
    create_missing = forms.BooleanField(
        label=gettext_lazy("Create missing municipalities (from the gazetteer)"),
        required=False,
        initial=True,
    )
    foreign_pairs = forms.BooleanField(
        label=gettext_lazy(
            "The file is a world list: keep ties between two foreign municipalities too"
        ),
        required=False,
    )
    strict = forms.BooleanField(
        label=gettext_lazy("All or nothing: write nothing unless every row can be placed"),
        required=False,
        help_text=gettext_lazy(
            "Otherwise every row that can be placed with certainty is written, and the others "
            "are set aside for you to resolve."
        ),
    )
    mapping = forms.ModelChoiceField(
        ColumnMapping.objects.all(), label=gettext_lazy("Saved column mapping"), required=False
    )
    encoding = forms.ChoiceField(
        choices=ENCODINGS, required=False, label=gettext_lazy("Encoding (CSV)")
    )
    delimiter = forms.ChoiceField(
        choices=DELIMITERS, required=False, label=gettext_lazy("Delimiter (CSV)")
    )

    def clean_kind(self):
        return self.cleaned_data.get("kind") or ImportJob.Kind.PARTNERSHIPS

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {
                    "size": filesizeformat(uploaded.size),
                    "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        return uploaded


class ImportAdminMixin:
    """Adds the import steps and the export actions to the partnerships admin."""

    change_list_template = "admin/partnerships/partnership/change_list.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_start), name="partnerships_partnership_import"),
            path(
                "import/template.<str:fmt>",
                wrap(self.import_template),
                name="partnerships_partnership_import_template",
            ),
            path(
                "import/<int:job_id>/columns/",
                wrap(self.import_mapping),
                name="partnerships_partnership_import_mapping",
            ),
            path(
                "import/<int:job_id>/preview/",
                wrap(self.import_preview),
                name="partnerships_partnership_import_preview",
            ),
            path(
                "import/<int:job_id>/confirm/",
                wrap(self.import_confirm),
                name="partnerships_partnership_import_confirm",
            ),
            path(
                "import/<int:job_id>/progress/",
                wrap(self.import_progress),
                name="partnerships_partnership_import_progress",
            ),
            path(
                "import/<int:job_id>/rows-to-fix.csv",
                wrap(self.import_error_rows),
                name="partnerships_partnership_import_errors",
            ),
            path(
                "import/<int:job_id>/set-aside/",
                wrap(self.import_set_aside),
                name="partnerships_partnership_import_set_aside",
            ),
            path(
                "import/<int:job_id>/set-aside/write/",
                wrap(self.import_rerun),
                name="partnerships_partnership_import_rerun",
            ),
            path(
                "import/<int:job_id>/report.csv",
                wrap(self.import_report),
                name="partnerships_partnership_import_report",
            ),
            *super().get_urls(),
        ]

    def _check(self, request):
        if not (request.user.is_project_staff and self.has_add_permission(request)):
            raise PermissionDenied

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    def _job(self, request, job_id):
        self._check(request)
        return get_object_or_404(ImportJob, pk=job_id)

    def import_start(self, request):
        self._check(request)
        form = ImportForm(
            request.POST or None,
            request.FILES or None,
            initial={"kind": request.GET.get("kind", "partnerships")},
        )
        if request.method == "POST" and form.is_valid():
            uploaded = form.cleaned_data["file"]
            job = imports.job_create(
                data=uploaded.read(),
                name=uploaded.name,
                user=request.user,
                create_missing=form.cleaned_data["create_missing"],
                mapping=form.cleaned_data["mapping"],
                encoding=form.cleaned_data["encoding"],
                delimiter=form.cleaned_data["delimiter"],
                kind=form.cleaned_data["kind"],
                source=form.cleaned_data["source"],
                strict=form.cleaned_data["strict"],
                foreign_pairs=form.cleaned_data["foreign_pairs"],
            )
            try:
                imports.job_preview(job)
            except FileRefused as refused:
                imports.job_fail(job, str(refused))
                form.add_error("file", str(refused))
            except imports.ImportFailed as failed:
                form.add_error(None, str(failed))
            except imports.NeedsMapping:
                return redirect("admin:partnerships_partnership_import_mapping", job.pk)
            else:
                return redirect("admin:partnerships_partnership_import_preview", job.pk)
        return render(
            request,
            "admin/partnerships/import/start.html",
            self._context(
                request, _("Import twinning records"), form=form, max_size=settings.IMPORT_MAX_BYTES
            ),
        )

    def import_mapping(self, request, job_id):
        job = self._job(request, job_id)
        if job.status != ImportJob.Status.PREVIEWED:  # queued, running or finished: too late
            return redirect("admin:partnerships_importjob_change", job.pk)
        try:
            table = job_reads.job_table(job)
        except FileRefused as refused:
            imports.job_fail(job, str(refused))
            return redirect("admin:partnerships_importjob_change", job.pk)
        match = match_headers(
            table.headers,
            imports.columns_of(job),
            saved=job.mapping.columns if job.mapping else None,
        )
        choices = [(IGNORE, _("— ignore this column —"))] + [
            (c.key, c.header) for c in imports.columns_of(job)
        ]
        labels = dict(choices)
        errors = []
        if request.method == "POST":
            assignment = {}
            for index in range(len(table.headers)):
                key = request.POST.get(f"column-{index}", IGNORE)
                if key == IGNORE:
                    continue
                if key not in labels:
                    errors.append(
                        _("“%(key)s” is not a column of the registry.") % {"key": key[:40]}
                    )
                    continue
                if key in assignment.values():
                    errors.append(
                        _("“%(column)s” is chosen for two columns.") % {"column": labels[key]}
                    )
                assignment[index] = key
            missing = [
                c.header
                for c in imports.columns_of(job)
                if c.required and c.key not in assignment.values()
            ]
            if missing:
                errors.append(
                    _("Choose a column for: %(columns)s.") % {"columns": ", ".join(missing)}
                )
            if not errors:
                imports.job_set_assignment(
                    job, assignment, save_as=request.POST.get("save_as", "").strip()[:100]
                )
                try:
                    imports.job_preview(job)
                except imports.ImportFailed:
                    return redirect("admin:partnerships_importjob_change", job.pk)
                return redirect("admin:partnerships_partnership_import_preview", job.pk)
        columns = []
        for index, header in enumerate(table.headers):
            chosen = match.assignment.get(index) or match.suggestions.get(index) or IGNORE
            if request.method == "POST":
                chosen = request.POST.get(f"column-{index}", IGNORE)
            samples = [
                str(row[index])
                for row in table.rows[:3]
                if index < len(row) and row[index] not in (None, "")
            ]
            columns.append(
                {
                    "index": index,
                    "header": header,
                    "samples": samples,
                    "chosen": chosen,
                    "suggested": index in match.suggestions,
                }
            )
        return render(
            request,
            "admin/partnerships/import/mapping.html",
            self._context(
                request,
                _("Which column is which?"),
                job=job,
                columns=columns,
                choices=choices,
                errors=errors,
            ),
        )

    def import_preview(self, request, job_id):
        job = self._job(request, job_id)
        if job.status != ImportJob.Status.PREVIEWED:
            return redirect("admin:partnerships_importjob_change", job.pk)
        set_aside = job.counts.get(SET_ASIDE, 0)
        return render(
            request,
            "admin/partnerships/import/preview.html",
            self._context(
                request,
                _("Preview: %(name)s") % {"name": job.original_name},
                job=job,
                headers=self._headers(job),
                rows=job_reads.report_rows(job, limit=PREVIEW_ROWS),
                groups=job_reads.set_aside_groups(job)[:20],
                set_aside=set_aside,
                refused=job.strict and set_aside > 0,
                limit=PREVIEW_ROWS,
                background=job.total_rows > settings.IMPORT_BACKGROUND_ROWS,
                public_count=job.counts.get("public_new", 0),
            ),
        )

    def _headers(self, job):
        try:
            return job_reads.job_table(job).headers
        except FileRefused:
            return []

    def import_confirm(self, request, job_id):
        job = self._job(request, job_id)
        if (
            request.method != "POST"
            or job.status != ImportJob.Status.PREVIEWED
            or (job.strict and job.counts.get(SET_ASIDE))
        ):
            return redirect("admin:partnerships_partnership_import_preview", job.pk)
        job.publish = request.POST.get("publish") == "on"
        job.save(update_fields=["publish"])
        if job.total_rows > settings.IMPORT_BACKGROUND_ROWS:
            imports.job_queue(job)
            messages.info(
                request, _("The import runs in the background; this page shows its progress.")
            )
            return redirect("admin:partnerships_importjob_change", job.pk)
        try:
            report = imports.job_import(job)
        except imports.ImportFailed as failed:
            messages.error(request, str(failed))
            return redirect("admin:partnerships_importjob_change", job.pk)
        if report.written:
            messages.success(request, _("Imported: %(summary)s.") % {"summary": report.summary()})
        else:
            messages.error(request, job.message)
        return redirect("admin:partnerships_importjob_change", job.pk)

    def import_set_aside(self, request, job_id):
        """The rows set aside, one group per name: decide once for every row of a group."""
        job = self._job(request, job_id)
        if job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
            return redirect("admin:partnerships_importjob_change", job.pk)
        if request.method == "POST":
            return self._decide(request, job)
        groups = job_reads.set_aside_groups(job)
        found = self._found_municipalities(request)
        for group in groups:
            group["found"] = found if request.GET.get("group") == group["key"] else []
        return render(
            request,
            "admin/partnerships/import/set_aside.html",
            self._context(
                request,
                _("Rows set aside: %(name)s") % {"name": job.original_name},
                job=job,
                groups=groups,
                headers=self._headers(job),
                skipped=job.set_aside_rows.filter(status=SetAsideRow.Status.SKIPPED).count(),
                written=job.set_aside_rows.filter(status=SetAsideRow.Status.WRITTEN).count(),
                countries=_countries(),
                create_form=SetAsideMunicipalityForm(),
                query=request.GET.get("find", "")[:100],
                open_group=request.GET.get("group", ""),
            ),
        )

    def _found_municipalities(self, request):
        from ..selectors.directory import municipalities_matching

        matching = municipalities_matching(request.GET.get("find", ""))
        if matching is None:
            return []
        return list(
            Municipality.objects.filter(pk__in=matching)
            .select_related("federal_subject")
            .order_by("-population", "pk")[:10]
        )

    def _decide(self, request, job):
        group_key = request.POST.get("group", "")[:400]
        decision = request.POST.get("decision", "")
        everywhere = request.POST.get("everywhere") == "on"
        value = request.POST.get("value", "")
        try:
            if decision == "create":
                value = self._create_municipality(request, job, group_key)
                if value is None:
                    return redirect(_set_aside_url(job, group_key))
                decision = "municipality"
            count = imports.set_aside_decide(
                job,
                group_key=group_key,
                decision=decision,
                value=value,
                everywhere=everywhere,
                by=request.user,
            )
        except imports.DecisionRefused as refused:
            messages.error(request, str(refused))
        except imports.ImportFailed as failed:
            messages.error(request, str(failed))
        else:
            messages.success(
                request,
                ngettext(
                    "The decision is taken for %(count)s row.",
                    "The decision is taken for %(count)s rows.",
                    count,
                )
                % {"count": count},
            )
        if job.status == ImportJob.Status.PREVIEWED:
            return redirect("admin:partnerships_partnership_import_preview", job.pk)
        return redirect("admin:partnerships_partnership_import_set_aside", job.pk)

    def _create_municipality(self, request, job, group_key):
        form = SetAsideMunicipalityForm(request.POST)
        if not form.is_valid():
            for field, problems in form.errors.items():
                for problem in problems:
                    label = form.fields[field].label if field in form.fields else ""
                    messages.error(request, f"{label}: {problem}" if label else problem)
            return None
        try:
            municipality = services.municipality_save(form.save(commit=False))
        except ValidationError as invalid:
            for problem in services.validation_messages(invalid):
                messages.error(request, problem)
            return None
        return municipality.pk

    def import_rerun(self, request, job_id):
        job = self._job(request, job_id)
        if request.method != "POST":
            return redirect("admin:partnerships_partnership_import_set_aside", job.pk)
        try:
            report = imports.job_rerun_set_aside(job, by=request.user)
        except imports.ImportFailed as failed:
            messages.error(request, str(failed))
        else:
            if report is not None:
                messages.success(request, report.summary())
        return redirect("admin:partnerships_partnership_import_set_aside", job.pk)

    def import_progress(self, request, job_id):
        job = self._job(request, job_id)
        state = job_reads.job_state(job)
        if request.headers.get("HX-Request"):
            return render(
                request, "admin/partnerships/import/progress.html", {"job": job, "state": state}
            )
        return JsonResponse(state)

    def import_error_rows(self, request, job_id):
        job = self._job(request, job_id)
        response = HttpResponse(
            job_reads.rows_to_fix_file(job), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="rows-to-fix-{job.pk}.csv"'
        return response

    def import_report(self, request, job_id):
        return protected_file_response(self._job(request, job_id).report)

    def import_template(self, request, fmt):
        self._check(request)
        municipalities = request.GET.get("kind") == ImportJob.Kind.MUNICIPALITIES
        headers = [
            c.header for c in (MUNICIPALITY_COLUMNS if municipalities else PARTNERSHIP_COLUMNS)
        ]
        if fmt == "csv":
            response = HttpResponse(
                ("\ufeff" + ";".join(headers) + "\r\n").encode("utf-8"), content_type="text/csv"
            )
            name = "municipalities-template.csv" if municipalities else "twinning-template.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        if fmt == "xlsx":
            import openpyxl

            workbook = openpyxl.Workbook()
            sheet = workbook.active
            sheet.title = "Муниципалитеты · Municipalities" if municipalities else "Связи · Ties"
            sheet.append(headers)
            example = workbook.create_sheet("Пример · Example")
            example.append(headers)
            example.append(MUNICIPALITY_EXAMPLE if municipalities else TIE_EXAMPLE)
            buffer = io.BytesIO()
            workbook.save(buffer)
            buffer.seek(0)
            name = "municipalities-template.xlsx" if municipalities else "twinning-template.xlsx"
            return FileResponse(buffer, as_attachment=True, filename=name)
        raise PermissionDenied

    # Export actions ----------------------------------------------------------------------
    @admin.action(description=gettext_lazy("Export the selected ties (CSV)"))
    def export_csv(self, request, queryset):
        resource = PartnershipResource()
        response = StreamingHttpResponse(
            resource.write_csv(resource.export_queryset(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="partnerships.csv"'
        return response

    @admin.action(description=gettext_lazy("Export the selected ties (XLSX)"))
    def export_xlsx(self, request, queryset):
        resource = PartnershipResource()
        buffer = io.BytesIO()
        resource.write_xlsx(resource.export_queryset(queryset), buffer)
        buffer.seek(0)
        return FileResponse(buffer, as_attachment=True, filename="partnerships.xlsx")


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ["name", "updated_at", "created_by"]
    search_fields = ["name"]
    readonly_fields = ["created_by", "updated_at"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "status",
        "created_by",
        "created_at",
        "total_rows",
        "outcome_summary",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["original_name", "created_by__email"]
    date_hierarchy = "created_at"
    change_form_template = "admin/partnerships/import/job.html"
    readonly_fields = [field.name for field in ImportJob._meta.fields]

    @admin.display(description=gettext_lazy("outcomes"))
    def outcome_summary(self, job):
        return ", ".join(
            f"{OUTCOME_LABELS[key]}: {value}"
            for key, value in job.counts.items()
            if value and key in OUTCOME_LABELS
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, unquote(object_id))
        if job is None or not self.has_view_permission(request, job):
            return super().change_view(request, object_id, form_url, extra_context)
        extra = {
            "job": job,
            "rows": job_reads.report_rows(job, limit=PREVIEW_ROWS),
            "headers": [],
            "limit": PREVIEW_ROWS,
            "open_set_aside": job.set_aside_rows.filter(status=SetAsideRow.Status.OPEN).count(),
            "running": job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING),
            "state": job_reads.job_state(job),
            "progress_url": reverse(
                "admin:partnerships_partnership_import_progress", args=[job.pk]
            ),
        }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})


class SetAsideMunicipalityForm(forms.ModelForm):
    """A municipality staff create by hand for a name the gazetteer does not know."""

    class Meta:
        model = Municipality
        fields = [
            "name_ru",
            "name_en",
            "kind",
            "country",
            "federal_subject",
            "region",
            "latitude",
            "longitude",
            "population",
        ]


def _set_aside_url(job, group_key):
    from django.utils.http import urlencode

    return (
        reverse("admin:partnerships_partnership_import_set_aside", args=[job.pk])
        + "?"
        + urlencode({"group": group_key})
    )


def _countries():
    from django_countries import countries

    return list(countries)
