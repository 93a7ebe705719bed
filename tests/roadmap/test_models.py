"""The roadmap's records: the overall roadmap, database guarantees, derived progress, history."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from accounts.roles import PROJECT_OFFICE_STAFF
from roadmap.models import Milestone, Roadmap
from roadmap.selectors import progress_of, roadmaps_with_progress
from roadmap.services import overall_roadmap
from tests.roadmap.conftest import make_milestone

pytestmark = pytest.mark.django_db
S = Milestone.Status


def test_one_overall_roadmap_exists_from_the_data_migration():
    overall = Roadmap.objects.get(is_overall=True)
    assert overall.title_ru.startswith("Дорожная карта сотрудничества")
    assert overall.title_en
    assert overall.starts_on == datetime.date(2018, 1, 1)
    assert overall_roadmap() == overall


def test_the_database_allows_only_one_overall_roadmap(overall):
    with pytest.raises(IntegrityError), transaction.atomic():
        Roadmap.objects.create(
            title_ru="Вторая",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2027, 1, 1),
            is_overall=True,
        )


def test_a_roadmap_is_for_an_association_or_a_country_not_both(finnish_association):
    with pytest.raises(IntegrityError), transaction.atomic():
        Roadmap.objects.create(
            title_ru="Обе",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2027, 1, 1),
            association=finnish_association,
            country="FI",
        )


def test_the_database_refuses_a_milestone_ending_before_it_starts(overall):
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(
            roadmap=overall,
            title_ru="Наоборот",
            planned_start_on=datetime.date(2027, 5, 10),
            planned_end_on=datetime.date(2027, 5, 1),
        )


def test_the_database_refuses_an_actual_end_before_the_actual_start(overall):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_milestone(
            overall,
            actual_start_on=datetime.date(2027, 5, 10),
            actual_end_on=datetime.date(2027, 5, 9),
        )


def test_a_milestone_is_not_public_unless_staff_say_so(overall):
    assert make_milestone(overall).is_public is False


def test_an_empty_planned_end_makes_a_one_day_milestone(overall):
    milestone = Milestone(
        roadmap=overall, title_ru="Вебинар", planned_start_on=datetime.date(2027, 3, 1)
    )
    milestone.full_clean()
    assert milestone.planned_end_on == datetime.date(2027, 3, 1)
    assert milestone.is_one_day


def test_progress_is_counted_from_the_milestones_and_ignores_cancelled_ones(overall):
    for status in [S.DONE, S.DONE, S.PLANNED, S.IN_PROGRESS, S.CANCELLED]:
        make_milestone(overall, status=status)
    progress = progress_of(Milestone.objects.filter(roadmap=overall))
    assert progress.total == 5
    assert progress.done == 2
    assert progress.percent == 50
    Milestone.objects.filter(status=S.PLANNED).update(status=S.DONE)
    assert progress_of(Milestone.objects.filter(roadmap=overall)).percent == 75


def test_the_public_progress_counts_public_milestones_only(overall):
    make_milestone(overall, status=S.DONE, is_public=True)
    make_milestone(overall, status=S.PLANNED, is_public=False)
    public = {r.pk: r.progress for r in roadmaps_with_progress(None)}[overall.pk]
    assert (public.total, public.percent) == (1, 100)


def test_a_milestone_keeps_its_history_with_its_links(overall, volgograd, alice):
    milestone = make_milestone(overall, municipalities=[volgograd])
    milestone.status = S.IN_PROGRESS
    milestone._history_user = alice
    milestone.save()
    history = list(milestone.history.order_by("history_date"))
    assert (history[0].status, history[-1].status) == (S.PLANNED, S.IN_PROGRESS)
    assert history[-1].history_user == alice
    assert [m.municipality_id for m in history[-1].municipalities.all()] == [volgograd.pk]


def test_the_staff_role_may_change_the_roadmap():
    codenames = set(
        Group.objects.get(name=PROJECT_OFFICE_STAFF)
        .permissions.filter(content_type__app_label="roadmap")
        .values_list("codename", flat=True)
    )
    assert {"add_milestone", "change_milestone", "delete_milestone", "view_roadmap"} <= codenames
    assert "change_roadmap" in codenames
