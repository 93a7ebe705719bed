"""
The roadmap answers an approved partnership request: the new tie gets an
agreement-signing milestone on the overall roadmap, not public, which staff
can edit, publish or delete. The requests app never imports the roadmap.
"""

import pathlib

import pytest
from django.urls import reverse

from partnerships.models import PartnershipRequest
from partnerships.services.requests import request_transition
from roadmap.models import Milestone
from tests.partnerships.conftest import make_request
from tests.registry import tie

pytestmark = pytest.mark.django_db
Status = PartnershipRequest.Status


@pytest.fixture
def submitted(volgograd, volgograd_official, lahti):
    return make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )


def approve(partnership_request, by):
    return request_transition(
        partnership_request=partnership_request, action="approve", by=by, comment=""
    )


def test_an_approval_puts_the_signing_of_the_new_tie_on_the_overall_roadmap(
    submitted, alice, volgograd, lahti
):
    approved = approve(submitted, alice)
    milestone = Milestone.objects.get()
    assert milestone.roadmap.is_overall
    assert milestone.kind == Milestone.Kind.AGREEMENT_SIGNING
    assert milestone.status == Milestone.Status.PLANNED
    assert milestone.is_public is False
    assert list(milestone.partnerships.all()) == [approved.partnership]
    assert set(milestone.municipalities.all()) == {volgograd, lahti}
    assert milestone.responsible == alice
    assert milestone.title_ru == "Подписание соглашения: Волгоград — Лахти"
    assert milestone.title_en == "Agreement signing: Volgograd — Lahti"
    assert f"№ {submitted.pk}" in milestone.description_ru


def test_the_milestone_links_the_association_the_request_named(
    volgograd, volgograd_official, lahti, alice
):
    from tests.factories import AssociationFactory

    association = AssociationFactory()
    request = make_request(
        volgograd,
        volgograd_official,
        partner_municipality=lahti,
        partner_association=association,
        status=Status.SUBMITTED,
    )
    approve(request, alice)
    assert list(Milestone.objects.get().associations.all()) == [association]


def test_a_tie_that_already_has_its_signing_gets_no_second_one(
    volgograd, volgograd_official, lahti, alice
):
    existing = tie(volgograd, lahti, status="planned")
    for _ in range(2):
        request = make_request(
            volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
        )
        assert approve(request, alice).partnership == existing
    assert Milestone.objects.filter(partnerships=existing).count() == 1


def test_the_milestone_is_hidden_from_the_public_and_the_official(
    official_client, submitted, alice
):
    from django.test import Client

    approve(submitted, alice)
    url = Milestone.objects.get().get_absolute_url()
    assert Client().get(url).status_code == 404
    assert official_client.get(url).status_code == 404


def test_staff_publish_and_then_delete_the_milestone(staff_client, submitted, alice):
    from django.test import Client

    approve(submitted, alice)
    milestone = Milestone.objects.get()
    data = {
        "roadmap": milestone.roadmap_id,
        "title_ru": milestone.title_ru,
        "title_en": milestone.title_en,
        "kind": milestone.kind,
        "status": milestone.status,
        "planned_start_on": "2027-03-01",
        "planned_end_on": "",
        "responsible": alice.pk,
        "municipalities": [m.pk for m in milestone.municipalities.all()],
        "partnerships": [p.pk for p in milestone.partnerships.all()],
        "is_public": "on",
    }
    assert (
        staff_client.post(reverse("roadmap:milestone_edit", args=[milestone.pk]), data).status_code
        == 302
    )
    milestone.refresh_from_db()
    assert milestone.is_public and str(milestone.planned_end_on) == "2027-03-01"
    assert Client().get(milestone.get_absolute_url()).status_code == 200
    staff_client.post(reverse("roadmap:milestone_delete", args=[milestone.pk]))
    assert not Milestone.objects.exists()


def test_a_failing_roadmap_rolls_the_approval_back(submitted, alice, monkeypatch):
    from roadmap import receivers

    def broken(**kwargs):
        raise RuntimeError("the roadmap broke")

    monkeypatch.setattr(receivers, "milestone_for_approved_request", broken)
    with pytest.raises(RuntimeError):
        approve(submitted, alice)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert not Milestone.objects.exists()


def test_the_registry_never_imports_the_roadmap():
    root = pathlib.Path(__file__).resolve().parents[2]
    for lower in ("accounts", "uploads", "reminders", "associations", "partnerships"):
        for source in (root / lower).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            assert "from roadmap" not in text and "import roadmap" not in text, source
