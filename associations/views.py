"""
Staff pages of the outreach pipeline, and the public page of each partner association.

Every staff view is ``@staff_required``: anonymous visitors are sent to sign
in, anyone outside the project office gets 403. Quick forms answer htmx with
the panel they change and plain POST with a redirect, so they work without
JavaScript.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from uploads.responses import protected_file_response
from urc_portal.forms import apply_to_form

from . import selectors, services
from .filters import AssociationFilter
from .forms import ActivityForm, DocumentForm, FollowUpForm, StageForm
from .models import ActivityAttachment, AssociationDocument, FollowUp, NationalAssociation

ACTIVITIES_PER_PAGE = 20
ROWS_PER_PAGE = 50


def _filtered(request):
    association_filter = AssociationFilter(request.GET, queryset=NationalAssociation.objects.all())
    if not association_filter.is_valid():
        messages.warning(request, _("Some filters were not understood and are ignored."))
        return association_filter, NationalAssociation.objects.all()
    return association_filter, association_filter.qs


@staff_required
def pipeline(request):
    association_filter, queryset = _filtered(request)
    return render(
        request,
        "associations/pipeline.html",
        {
            "filter": association_filter,
            "columns": selectors.pipeline_board(queryset),
        },
    )


@staff_required
def association_list(request):
    association_filter, queryset = _filtered(request)
    paginator = Paginator(
        selectors.association_annotated(queryset).order_by("name_ru", "pk"), ROWS_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "associations/association_list.html",
        {"filter": association_filter, "page": page},
    )


def _detail_context(request, association, **forms):
    activities = Paginator(selectors.activities_of(association), ACTIVITIES_PER_PAGE)
    return {
        "association": association,
        "activities": activities.get_page(request.GET.get("page")),
        "activity_form": forms.get("activity_form") or ActivityForm(),
        "follow_up_form": forms.get("follow_up_form")
        or FollowUpForm(initial={"owner": request.user}),
        "stage_form": forms.get("stage_form") or StageForm(instance=association),
        "document_form": forms.get("document_form") or DocumentForm(),
    }


@staff_required
def association_detail(request, pk):
    try:
        association = selectors.association_for_staff(pk)
    except NationalAssociation.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request, "associations/association_detail.html", _detail_context(request, association)
    )


def _answer(request, association, panel, *, saved, **forms):
    """
    After a quick form: htmx gets the changed panel; a plain POST gets a
    redirect to the association page when saved, or the page with the form's
    errors when not.
    """
    if request.htmx or not saved:
        template = (
            f"associations/includes/{panel}.html"
            if request.htmx
            else "associations/association_detail.html"
        )
        association = selectors.association_for_staff(association.pk)
        return render(request, template, _detail_context(request, association, **forms))
    return redirect(association.get_absolute_url() + f"#{panel}")


@staff_required
@require_POST
def activity_create(request, pk):
    association = get_object_or_404(NationalAssociation, pk=pk)
    form = ActivityForm(request.POST, request.FILES)
    if form.is_valid() and apply_to_form(
        form,
        lambda: services.activity_log(
            association=association,
            author=request.user,
            files=form.cleaned_data["attachments"],
            **{k: form.cleaned_data[k] for k in ("occurred_on", "kind", "summary")},
        ),
    ):
        messages.success(request, _("The activity is in the timeline."))
        return _answer(request, association, "timeline", saved=True)
    return _answer(request, association, "timeline", saved=False, activity_form=form)


@staff_required
@require_POST
def follow_up_create(request, pk):
    association = get_object_or_404(NationalAssociation, pk=pk)
    form = FollowUpForm(request.POST)
    if form.is_valid() and apply_to_form(
        form, lambda: services.follow_up_schedule(association=association, **form.cleaned_data)
    ):
        messages.success(request, _("The follow-up is scheduled."))
        return _answer(request, association, "follow_ups", saved=True)
    return _answer(request, association, "follow_ups", saved=False, follow_up_form=form)


@staff_required
@require_POST
def follow_up_complete(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("association"), pk=pk)
    services.follow_up_complete(follow_up=follow_up, by=request.user)
    messages.success(request, _("The follow-up is done."))
    return _answer(request, follow_up.association, "follow_ups", saved=True)


@staff_required
@require_POST
def stage_change(request, pk):
    association = get_object_or_404(NationalAssociation, pk=pk)
    form = StageForm(request.POST, instance=association)
    if form.is_valid() and apply_to_form(
        form,
        lambda: services.association_stage_change(
            association=association,
            stage=form.cleaned_data["stage"],
            agreement_signed_on=form.cleaned_data["agreement_signed_on"],
        ),
    ):
        messages.success(request, _("The stage is changed."))
        return _answer(request, association, "overview", saved=True)
    association.refresh_from_db()
    return _answer(request, association, "overview", saved=False, stage_form=form)


@staff_required
@require_POST
def document_create(request, pk):
    association = get_object_or_404(NationalAssociation, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid() and apply_to_form(
        form,
        lambda: services.document_add(
            association=association, uploaded_by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The document is kept with the association."))
        return _answer(request, association, "documents", saved=True)
    return _answer(request, association, "documents", saved=False, document_form=form)


@staff_required
def document_download(request, pk):
    return protected_file_response(get_object_or_404(AssociationDocument, pk=pk).file)


@staff_required
def attachment_download(request, pk):
    return protected_file_response(get_object_or_404(ActivityAttachment, pk=pk).file)


def public_list(request):
    return render(
        request,
        "associations/public_list.html",
        {"associations": selectors.associations_public().order_by("name_ru")},
    )


def public_detail(request, pk):
    association = get_object_or_404(selectors.associations_public(), pk=pk)
    return render(request, "associations/public_detail.html", {"association": association})
