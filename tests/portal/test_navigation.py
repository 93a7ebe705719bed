"""Who sees which way in: the project office's bar and the home page's staff links."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import PROJECT_OFFICE_STAFF
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PIPELINE = reverse("associations:pipeline")
ADMIN = reverse("admin:index")
IMPORT = reverse("admin:partnerships_partnership_import")


def page_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get("/").content.decode()


@pytest.mark.parametrize("who", [None, "olga", "charlie"])
def test_no_project_office_bar_for_the_public_officials_or_people_without_a_role(request, who):
    page = page_for(request.getfixturevalue(who) if who else None)
    assert "staff-nav" not in page
    assert f'href="{PIPELINE}"' not in page and f'href="{ADMIN}"' not in page
    assert f'href="{IMPORT}"' not in page


def test_staff_with_admin_access_get_every_way_in(alice):
    page = page_for(alice)
    assert "staff-nav" in page
    for url in (PIPELINE, reverse("partnerships:request_queue"), ADMIN, IMPORT):
        assert f'href="{url}"' in page


def test_staff_without_admin_access_get_no_admin_links(password):
    bob = make_user("bob@example.org", password, group=PROJECT_OFFICE_STAFF, is_staff=False)
    page = page_for(bob)
    assert f'href="{PIPELINE}"' in page
    assert f'href="{ADMIN}"' not in page and f'href="{IMPORT}"' not in page
