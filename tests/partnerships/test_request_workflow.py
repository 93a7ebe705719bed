"""The workflow of a request: one transition table, enforced in one service, every step recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.models import Partnership, PartnershipRequest, RequestTransition
from partnerships.models.requests import OFFICIAL, STAFF, TRANSITIONS, transitions_from
from partnerships.services.requests import (
    TransitionNotAllowed,
    request_partner_choose,
    request_transition,
)
from partnerships.signals import partnership_request_approved
from tests.partnerships.conftest import make_request
from tests.registry import tie

Status = PartnershipRequest.Status
pytestmark = pytest.mark.django_db


def step(partnership_request, action, by, comment=""):
    return request_transition(
        partnership_request=partnership_request, action=action, by=by, comment=comment
    )


@pytest.fixture
def draft(volgograd, volgograd_official, lahti):
    return make_request(volgograd, volgograd_official, partner_municipality=lahti)


def test_the_whole_path_is_recorded_step_by_step(draft, volgograd_official, alice):
    step(draft, "submit", volgograd_official)
    step(draft, "start_review", alice)
    step(draft, "request_information", alice, "Приложите решение совета.")
    step(draft, "resubmit", volgograd_official, "Решение приложено.")
    step(draft, "start_review", alice)
    approved = step(draft, "approve", alice, "Хорошая пара.")

    assert approved.status == Status.APPROVED
    history = list(RequestTransition.objects.filter(request=draft).order_by("at", "pk"))
    assert [(h.from_status, h.to_status) for h in history] == [
        ("draft", "submitted"),
        ("submitted", "under_review"),
        ("under_review", "needs_information"),
        ("needs_information", "submitted"),
        ("submitted", "under_review"),
        ("under_review", "approved"),
    ]
    assert [h.by for h in history] == [volgograd_official, alice, alice, volgograd_official] + [
        alice
    ] * 2
    assert history[2].comment == "Приложите решение совета."
    assert all(h.at is not None for h in history)
    assert approved.submitted_at == history[0].at
    assert approved.decided_at == history[-1].at
    assert approved.reviewer == alice


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.DRAFT, "approve"),
        (Status.DRAFT, "start_review"),
        (Status.SUBMITTED, "submit"),
        (Status.UNDER_REVIEW, "resubmit"),
        (Status.APPROVED, "reject"),
        (Status.REJECTED, "approve"),
        (Status.WITHDRAWN, "submit"),
        (Status.APPROVED, "withdraw"),
        (Status.NEEDS_INFORMATION, "approve"),
    ],
)
def test_an_action_from_the_wrong_state_is_refused_and_changes_nothing(
    status, action, volgograd, volgograd_official, lahti, alice
):
    request = make_request(volgograd, volgograd_official, partner_municipality=lahti, status=status)
    actor = alice if TRANSITIONS[action].role == STAFF else volgograd_official
    with pytest.raises(ValidationError):
        step(request, action, actor, "комментарий")
    request.refresh_from_db()
    assert request.status == status
    assert not RequestTransition.objects.exists()


@pytest.mark.parametrize("action", ["start_review", "request_information", "approve", "reject"])
def test_an_official_cannot_take_staff_actions(action, volgograd, volgograd_official, lahti):
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )
    with pytest.raises(TransitionNotAllowed):
        step(request, action, volgograd_official, "комментарий")
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    assert not Partnership.objects.exists()


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_staff_cannot_take_the_officials_actions(action, draft, alice):
    with pytest.raises(TransitionNotAllowed):
        step(draft, action, alice)


def test_an_official_of_another_municipality_cannot_act(draft, boris, charlie):
    for stranger in (boris, charlie):
        with pytest.raises(TransitionNotAllowed):
            step(draft, "submit", stranger)
    assert isinstance(TransitionNotAllowed(), PermissionDenied)


def test_an_unknown_action_is_refused(draft, volgograd_official):
    with pytest.raises(TransitionNotAllowed):
        step(draft, "publish", volgograd_official)


@pytest.mark.parametrize("action", ["request_information", "reject"])
def test_asking_for_information_and_rejecting_need_a_comment(
    action, volgograd, volgograd_official, lahti, alice
):
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.UNDER_REVIEW
    )
    with pytest.raises(ValidationError):
        step(request, action, alice, "   ")
    request.refresh_from_db()
    assert request.status == Status.UNDER_REVIEW


def test_an_incomplete_draft_cannot_be_submitted(volgograd, volgograd_official):
    request = make_request(volgograd, volgograd_official, rationale="", areas=set())
    with pytest.raises(ValidationError) as refused:
        step(request, "submit", volgograd_official)
    assert set(refused.value.message_dict) == {"rationale", "areas"}
    request.refresh_from_db()
    assert request.status == Status.DRAFT


def test_the_official_withdraws_before_a_decision(draft, volgograd_official, alice):
    step(draft, "submit", volgograd_official)
    step(draft, "start_review", alice)
    assert step(draft, "withdraw", volgograd_official).status == Status.WITHDRAWN


def test_the_transition_table_gives_each_side_its_own_buttons():
    assert [t.action for t in transitions_from(Status.DRAFT, OFFICIAL)] == ["submit", "withdraw"]
    assert [t.action for t in transitions_from(Status.SUBMITTED, STAFF)] == [
        "start_review",
        "request_information",
        "approve",
        "reject",
    ]
    assert transitions_from(Status.APPROVED, STAFF) == []
    assert transitions_from(Status.APPROVED, OFFICIAL) == []


def test_approval_creates_a_planned_tie_that_is_not_public(
    volgograd, volgograd_official, lahti, alice
):
    request = make_request(
        volgograd,
        volgograd_official,
        partner_municipality=lahti,
        status=Status.UNDER_REVIEW,
        kind="cooperation",
    )
    approved = step(request, "approve", alice)
    tie_ = approved.partnership
    assert tie_.status == Partnership.Status.PLANNED
    assert tie_.is_public is False
    assert {tie_.municipality_a, tie_.municipality_b} == {volgograd, lahti}
    assert tie_.kind == "cooperation"
    assert set(tie_.areas) == {"culture", "youth"}
    assert str(request.pk) in tie_.source


def test_approval_links_the_tie_the_pair_already_has(volgograd, volgograd_official, lahti, alice):
    existing = tie(lahti, volgograd, status="active", is_public=True)
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )
    approved = step(request, "approve", alice)
    assert approved.partnership == existing
    assert Partnership.objects.count() == 1
    existing.refresh_from_db()
    assert existing.status == "active"


def test_a_country_only_request_is_approved_only_after_staff_pick_the_partner(
    volgograd, volgograd_official, lahti, alice
):
    request = make_request(
        volgograd, volgograd_official, status=Status.UNDER_REVIEW, partner_region="Päijät-Häme"
    )
    with pytest.raises(ValidationError):
        step(request, "approve", alice)
    assert not Partnership.objects.exists()

    request_partner_choose(partnership_request=request, partner=lahti, by=alice)
    approved = step(request, "approve", alice)
    assert approved.partner_municipality == lahti
    assert approved.partnership is not None
    assert RequestTransition.objects.filter(action="choose_partner", comment="Лахти").exists()


def test_staff_pick_a_partner_only_in_the_requested_country(
    volgograd, volgograd_official, alice, db
):
    from tests.registry import municipality

    request = make_request(volgograd, volgograd_official, status=Status.SUBMITTED)
    with pytest.raises(ValidationError):
        request_partner_choose(partnership_request=request, partner=municipality("DE"), by=alice)


def test_an_official_cannot_pick_the_partner(volgograd, volgograd_official, lahti):
    request = make_request(volgograd, volgograd_official, status=Status.SUBMITTED)
    with pytest.raises(TransitionNotAllowed):
        request_partner_choose(partnership_request=request, partner=lahti, by=volgograd_official)


def test_approval_sends_the_signal_with_request_tie_and_approver(
    volgograd, volgograd_official, lahti, alice
):
    received = []

    def receiver(sender, **kwargs):
        received.append((sender, kwargs))

    partnership_request_approved.connect(receiver)
    try:
        request = make_request(
            volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
        )
        approved = step(request, "approve", alice)
    finally:
        partnership_request_approved.disconnect(receiver)
    assert len(received) == 1
    sender, arguments = received[0]
    assert sender is PartnershipRequest
    assert arguments["request"].pk == request.pk
    assert arguments["partnership"] == approved.partnership
    assert arguments["approved_by"] == alice


def test_a_failing_receiver_rolls_the_approval_back(volgograd, volgograd_official, lahti, alice):
    def broken(sender, **kwargs):
        raise RuntimeError("the roadmap broke")

    partnership_request_approved.connect(broken)
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )
    try:
        with pytest.raises(RuntimeError):
            step(request, "approve", alice)
    finally:
        partnership_request_approved.disconnect(broken)
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    assert not Partnership.objects.exists()
    assert not RequestTransition.objects.exists()


def test_no_other_code_writes_the_status():
    """The status is not editable, so no ModelForm (the admin's included) can carry it."""
    assert PartnershipRequest._meta.get_field("status").editable is False
