"""
Pages of partnership requests: the officials' side ("My requests", the
request form and page), the project office's review queue and request page,
the officials' accounts page for staff, and the privacy notice.

Officials see their own municipality's requests only; anything else answers
404, attachments included. Anonymous visitors are sent to sign in. Every
change goes through ``partnerships.services.requests``; the forms here carry
no status. Plain POSTs redirect (or re-render with errors), so every flow works
without JavaScript.
"""

import csv
from functools import wraps

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from accounts.permissions import staff_required
from mechanisms.spreadsheets import escape_formula
from uploads.responses import protected_file_response
from urc_portal.forms import apply_to_form

from ..filters.requests import MyRequestsFilter, RequestQueueFilter
from ..forms.requests import (
    ConsentForm,
    MessageForm,
    OfficialApprovalForm,
    OfficialInviteForm,
    PartnerPickForm,
    PartnershipRequestForm,
    TransitionForm,
)
from ..models import OfficialProfile, PartnershipRequest, RequestAttachment
from ..models.requests import OFFICIAL, STAFF, transitions_from
from ..personal_data import CONSENT_VERSION, consent_text
from ..selectors import requests as selectors
from ..services import requests as services

ROWS_PER_PAGE = 50
MY_REQUESTS_PER_PAGE = 25


# --- Who may enter ------------------------------------------------------------------


def official_required(view):
    """
    For an approved official who has consented: ``request.official_profile`` is
    their profile. Anonymous visitors sign in; an official without consent gives
    it first; anyone else learns why the page is closed to them (403).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        profile = selectors.official_profile_of(request.user)
        if profile is None:
            pending = OfficialProfile.objects.filter(
                user=request.user, approved_at__isnull=True
            ).first()
            return render(
                request,
                "partnerships/requests/not_an_official.html",
                {"pending": pending},
                status=403,
            )
        if not profile.has_consented:
            return redirect_to_login(
                request.get_full_path(), login_url=reverse("partnerships:official_consent")
            )
        request.official_profile = profile
        return view(request, *args, **kwargs)

    return wrapper


def _request_of_official(request, pk):
    try:
        return selectors.request_for_official(pk, request.official_profile)
    except PartnershipRequest.DoesNotExist as missing:
        raise Http404 from missing


def _request_for_staff(pk):
    try:
        return selectors.request_for_staff(pk)
    except PartnershipRequest.DoesNotExist as missing:
        raise Http404 from missing


# --- Rate limits on submissions ---------------------------------------------------------


def _client_ip(group, request):
    # The address django-axes locks sign-ins by, so one PROXY_COUNT setting serves both.
    return get_client_ip_address(request) or "unknown"


def _submission_limits():
    return [
        ("partnership-requests:account", "user", settings.PARTNERSHIP_REQUESTS_PER_ACCOUNT),
        ("partnership-requests:ip", _client_ip, settings.PARTNERSHIP_REQUESTS_PER_IP),
    ]


def submissions_exhausted(request):
    """Whether this account or this address has used up its submissions for now."""
    for group, key, rate in _submission_limits():
        usage = get_usage(request, group=group, key=key, rate=rate, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return True
    return False


def submission_count(request):
    """Count one submission (only saved ones count, so typing mistakes cost nothing)."""
    for group, key, rate in _submission_limits():
        get_usage(request, group=group, key=key, rate=rate, increment=True)


def _rate_limited_message():
    return _(
        "You have submitted the most requests allowed in a short time. Nothing was saved "
        "this time; please try again in an hour, or write to the project office."
    )


# --- The officials' side -----------------------------------------------------------------


@official_required
def request_list(request):
    profile = request.official_profile
    request_filter = MyRequestsFilter(
        request.GET, queryset=selectors.requests_of_municipality(profile.municipality)
    )
    queryset = (
        request_filter.qs
        if request_filter.is_valid()
        else selectors.requests_of_municipality(profile.municipality)
    )
    page = Paginator(queryset, MY_REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/requests/request_list.html",
        {"profile": profile, "filter": request_filter, "page": page},
    )


def _save_request(request, form, *, submit_action=None, comment=""):
    """Save the form through the services, and submit it when asked; all or nothing."""

    def save():
        with transaction.atomic():
            saved = services.request_save(
                partnership_request=form.instance,
                by=request.user,
                attachments=form.attachments(),
                complete=bool(submit_action),
            )
            if submit_action:
                services.request_transition(
                    partnership_request=saved,
                    action=submit_action,
                    by=request.user,
                    comment=comment,
                )
            return saved

    saved = apply_to_form(form, save)
    # A rolled-back insert may leave its primary key on the instance.
    rolled_back = saved is None and form.instance.pk is not None
    if rolled_back and not PartnershipRequest.objects.filter(pk=form.instance.pk).exists():
        form.instance.pk = None
        form.instance._state.adding = True
    return saved


@official_required
def request_create(request):
    profile = request.official_profile
    if request.method == "POST":
        submitting = request.POST.get("save") == "submit"
        form = PartnershipRequestForm(
            request.POST, request.FILES, municipality=profile.municipality
        )
        if submissions_exhausted(request):
            form.is_valid()
            form.add_error(None, _rate_limited_message())
            return _form_page(request, form, profile, status=429)
        if form.is_valid():
            saved = _save_request(request, form, submit_action="submit" if submitting else None)
            if saved is not None:
                submission_count(request)
                messages.success(
                    request,
                    _("The request is sent to the project office.")
                    if submitting
                    else _("The draft is saved. Submit it when it is ready."),
                )
                return redirect("partnerships:request_detail", saved.pk)
    else:
        form = PartnershipRequestForm(
            municipality=profile.municipality,
            initial={
                "contact_name": request.user.full_name,
                "contact_position": profile.position,
                "contact_email": request.user.email,
                "partner_country": request.GET.get("partner_country") or None,
            },
        )
    return _form_page(request, form, profile)


def _form_page(request, form, profile, *, status=200, partnership_request=None, comment=""):
    return render(
        request,
        "partnerships/requests/request_form.html",
        {
            "form": form,
            "profile": profile,
            "partnership_request": partnership_request,
            "comment": comment,
        },
        status=status,
    )


@official_required
def request_edit(request, pk):
    profile = request.official_profile
    partnership_request = _request_of_official(request, pk)
    if not partnership_request.is_editable:
        messages.warning(
            request,
            _("A request that is %(status)s cannot be changed.")
            % {"status": partnership_request.get_status_display()},
        )
        return redirect("partnerships:request_detail", partnership_request.pk)
    comment = ""
    if request.method == "POST":
        action = {"submit": "submit", "resubmit": "resubmit"}.get(request.POST.get("save"))
        comment = request.POST.get("comment", "")
        form = PartnershipRequestForm(
            request.POST,
            request.FILES,
            instance=partnership_request,
            municipality=profile.municipality,
        )
        if action and submissions_exhausted(request):
            form.is_valid()
            form.add_error(None, _rate_limited_message())
            return _form_page(
                request, form, profile, status=429, partnership_request=partnership_request
            )
        if form.is_valid():
            saved = _save_request(request, form, submit_action=action, comment=comment)
            if saved is not None:
                if action:
                    submission_count(request)
                messages.success(
                    request,
                    _("The request is sent to the project office.")
                    if action
                    else _("The changes are saved."),
                )
                return redirect("partnerships:request_detail", saved.pk)
        partnership_request.refresh_from_db()
    else:
        form = PartnershipRequestForm(
            instance=partnership_request, municipality=profile.municipality
        )
    return _form_page(
        request, form, profile, partnership_request=partnership_request, comment=comment
    )


@official_required
def request_detail(request, pk):
    partnership_request = _request_of_official(request, pk)
    return render(
        request,
        "partnerships/requests/request_detail.html",
        _detail_context(request, partnership_request, role=OFFICIAL),
    )


def _detail_context(request, partnership_request, *, role, **forms):
    return {
        "partnership_request": partnership_request,
        "role": role,
        "timeline": selectors.request_timeline(partnership_request),
        "actions": transitions_from(partnership_request.status, role),
        "message_form": forms.get("message_form") or MessageForm(),
        "partner_form": forms.get("partner_form")
        or (
            PartnerPickForm(country=partnership_request.partner_country)
            if role == STAFF and not partnership_request.partner_municipality_id
            else None
        ),
    }


@official_required
@require_POST
def request_transition(request, pk):
    partnership_request = _request_of_official(request, pk)
    return _transition(request, partnership_request, detail="partnerships:request_detail")


def _transition(request, partnership_request, *, detail):
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect(detail, partnership_request.pk)
    action = form.cleaned_data["action"]
    submitting = action in ("submit", "resubmit")
    if submitting and submissions_exhausted(request):
        messages.error(request, _rate_limited_message())
        return render(
            request,
            "partnerships/requests/request_detail.html",
            _detail_context(
                request,
                partnership_request,
                role=selectors.request_role(request.user, partnership_request),
            ),
            status=429,
        )
    try:
        services.request_transition(
            partnership_request=partnership_request,
            action=action,
            by=request.user,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(detail, partnership_request.pk)
    if submitting:
        submission_count(request)
    messages.success(request, _("Done: the other side is informed by e-mail."))
    return redirect(detail, partnership_request.pk)


@require_POST
def request_message(request, pk):
    """A message in a request's thread, from either side."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.is_project_staff:
        partnership_request = _request_for_staff(pk)
        detail, role = "partnerships:request_review", STAFF
    else:
        profile = selectors.official_profile_of(request.user)
        if profile is None or not profile.has_consented:
            raise Http404
        request.official_profile = profile
        partnership_request = _request_of_official(request, pk)
        detail, role = "partnerships:request_detail", OFFICIAL
    form = MessageForm(request.POST)
    if form.is_valid() and apply_to_form(
        form,
        lambda: services.request_message_post(
            partnership_request=partnership_request,
            author=request.user,
            body=form.cleaned_data["body"],
        ),
    ):
        messages.success(request, _("The message is sent."))
        return redirect(reverse(detail, args=[partnership_request.pk]) + "#thread")
    template = (
        "partnerships/requests/request_review.html"
        if role == STAFF
        else "partnerships/requests/request_detail.html"
    )
    return render(
        request,
        template,
        _detail_context(request, partnership_request, role=role, message_form=form),
        status=400,
    )


def attachment_download(request, pk):
    """An attachment, for staff and for the officials of the request's municipality only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        attachment = selectors.attachment_visible_to(pk, request.user)
    except RequestAttachment.DoesNotExist as missing:
        raise Http404 from missing
    return protected_file_response(attachment.file)


# --- The project office's side -------------------------------------------------------------


def _queue_filtered(request):
    queue_filter = RequestQueueFilter(request.GET, queryset=selectors.requests_for_staff())
    if not queue_filter.is_valid():
        messages.warning(request, _("Some filters were not understood and are ignored."))
        return queue_filter, selectors.requests_for_staff()
    return queue_filter, queue_filter.qs


@staff_required
def request_queue(request):
    queue_filter, queryset = _queue_filtered(request)
    page = Paginator(selectors.request_queue(queryset), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "partnerships/requests/request_queue.html",
        {"filter": queue_filter, "page": page, "now": timezone.now()},
    )


class _Echo:
    def write(self, value):
        return value


@staff_required
def request_queue_export(request):
    """The filtered queue as CSV (UTF-8 with a BOM, so Excel reads Cyrillic), streamed."""
    _queue_filter, queryset = _queue_filtered(request)
    headers = [
        _("No."),
        _("Status"),
        _("Applicant municipality"),
        _("Region"),
        _("Wished partner"),
        _("Partner's country"),
        _("Kind of tie"),
        _("Areas of cooperation"),
        _("Contact person"),
        _("Contact e-mail"),
        _("First submitted"),
        _("Status changed"),
    ]

    def rows():
        yield headers
        for item in selectors.request_queue(queryset).iterator(chunk_size=2000):
            municipality = item.municipality
            yield [
                item.pk,
                item.get_status_display(),
                str(municipality),
                str(municipality.federal_subject or ""),
                item.partner_display,
                str(item.partner_country.name),
                item.get_kind_display(),
                "; ".join(str(label) for label in item.areas.labels()),
                item.contact_name,
                item.contact_email,
                timezone.localtime(item.submitted_at).strftime("%d.%m.%Y %H:%M"),
                timezone.localtime(item.status_changed_at).strftime("%d.%m.%Y %H:%M"),
            ]

    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        for row in rows():
            # Officials type some of these cells: a spreadsheet must not run them as formulas.
            yield writer.writerow([escape_formula(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="partnership-requests-{stamp}.csv"'
    return response


@staff_required
def request_review(request, pk):
    partnership_request = _request_for_staff(pk)
    return render(
        request,
        "partnerships/requests/request_review.html",
        _detail_context(request, partnership_request, role=STAFF),
    )


@staff_required
@require_POST
def request_review_transition(request, pk):
    partnership_request = _request_for_staff(pk)
    return _transition(request, partnership_request, detail="partnerships:request_review")


@staff_required
@require_POST
def request_partner_pick(request, pk):
    partnership_request = _request_for_staff(pk)
    form = PartnerPickForm(request.POST, country=partnership_request.partner_country)
    if form.is_valid() and apply_to_form(
        form,
        lambda: services.request_partner_choose(
            partnership_request=partnership_request,
            partner=form.cleaned_data["partner_municipality"],
            by=request.user,
        ),
    ):
        messages.success(request, _("The partner is chosen; the officials are informed."))
        return redirect("partnerships:request_review", partnership_request.pk)
    return render(
        request,
        "partnerships/requests/request_review.html",
        _detail_context(request, partnership_request, role=STAFF, partner_form=form),
        status=400,
    )


# --- Officials' accounts, for staff ----------------------------------------------------------


def _officials_page(request, *, invite_form=None, approval_forms=None, status=200):
    pending = list(selectors.officials_awaiting_approval())
    approval_forms = approval_forms or {}
    candidates = selectors.municipality_candidates(
        {profile.municipality_name_given for profile in pending}
    )
    rows = []
    municipality_choices = None  # the list of every Russian municipality, read once
    for profile in pending:
        form = approval_forms.get(profile.pk) or OfficialApprovalForm(
            prefix=f"p{profile.pk}", initial={"position": profile.position}
        )
        if municipality_choices is None:
            municipality_choices = list(form.fields["municipality"].choices)
        form.fields["municipality"].choices = municipality_choices
        rows.append((profile, form, candidates[profile.municipality_name_given]))
    approved = Paginator(selectors.officials_approved(), ROWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "partnerships/requests/officials.html",
        {
            "pending": rows,
            "page": approved,
            "invite_form": invite_form or OfficialInviteForm(),
        },
        status=status,
    )


@staff_required
def officials(request):
    return _officials_page(request)


@staff_required
@require_POST
def official_approve(request, pk):
    profile = get_object_or_404(OfficialProfile.objects.select_related("user"), pk=pk)
    form = OfficialApprovalForm(request.POST, prefix=f"p{profile.pk}")
    if form.is_valid() and apply_to_form(
        form,
        lambda: services.official_approve(
            profile=profile,
            municipality=form.cleaned_data["municipality"],
            position=form.cleaned_data["position"] or None,
            by=request.user,
        ),
    ):
        messages.success(
            request,
            _("%(person)s may now submit requests for %(municipality)s.")
            % {"person": profile.user, "municipality": form.cleaned_data["municipality"]},
        )
        return redirect("partnerships:officials")
    return _officials_page(request, approval_forms={profile.pk: form}, status=400)


@staff_required
@require_POST
def official_deactivate(request, pk):
    profile = get_object_or_404(OfficialProfile.objects.select_related("user"), pk=pk)
    services.official_deactivate(profile=profile, by=request.user)
    messages.success(
        request,
        _("The account of %(person)s is closed; the municipality keeps its requests.")
        % {"person": profile.user},
    )
    return redirect("partnerships:officials")


@staff_required
@require_POST
def official_invite(request):
    form = OfficialInviteForm(request.POST)
    if form.is_valid() and apply_to_form(
        form, lambda: services.official_invite(by=request.user, **form.cleaned_data)
    ):
        messages.success(
            request,
            _("The invitation is sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("partnerships:officials")
    return _officials_page(request, invite_form=form, status=400)


# --- Consent and privacy -------------------------------------------------------------------


def privacy(request):
    return render(
        request,
        "partnerships/requests/privacy.html",
        {"consent_text": consent_text(), "consent_version": CONSENT_VERSION},
    )


def official_consent(request):
    """An invited official gives (or any official renews) the consent before going on."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    profile = OfficialProfile.objects.filter(user=request.user).first()
    if profile is None:
        raise Http404
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("partnerships:request_list")
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            services.official_consent_record(profile=profile)
            messages.success(request, _("Thank you. Your consent is recorded."))
            return redirect(next_url)
    else:
        form = ConsentForm()
    return render(
        request,
        "partnerships/requests/consent.html",
        {"form": form, "consent_text": consent_text(), "consent_version": CONSENT_VERSION},
    )
