"""
Staff import a real-shaped list in the browser, see which rows are set aside and why, and
place a name with two candidates by choosing one on the map's list: every row of that name
is written.
"""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from partnerships.models import Partnership
from tests.browser.conftest import sign_in
from tests.registry import municipality

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FILE = (
    "city1,country1,city2,country2\n"
    "Armavir,Armenia,Shakhty,Russia\n"
    "Armavir,Armenia,Volgograd,Russia\n"
    "Gyumri,Armenia,Volgograd,Russia\n"
    "Yerevan,Armenien,Kazan,Russia\n"
)


@pytest.fixture
def places():
    # Transactional tests start from the serialized database: the gazetteer they need, loaded here.
    call_command("load_gazetteer", countries="AM", verbosity=0)
    for name_ru, name_en in (("Шахты", "Shakhty"), ("Волгоград", "Volgograd"), ("Казань", "Kazan")):
        municipality("RU", name_ru=name_ru, name_en=name_en)


def test_staff_import_a_list_and_resolve_a_name_with_two_candidates(
    page, alice, password, places, tmp_path
):
    errors = []
    page.on("console", lambda message: errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, alice.email, password)
    path = tmp_path / "twin-towns.csv"
    path.write_text(FILE, encoding="utf-8")

    page.goto(page.base_url + "/en/admin/partnerships/partnership/import/")
    page.set_input_files("input[name=file]", str(path))
    page.fill("input[name=source]", "Wikipedia")
    page.get_by_role("button", name="Check the file").click()

    # The headers are pairs: the mapping step suggests both sides already.
    expect(page.locator("select[name=column-0]")).to_have_value("municipality")
    expect(page.locator("select[name=column-3]")).to_have_value("partner_country")
    page.get_by_role("button", name="Preview").click()

    expect(page.locator(".set-aside-summary")).to_contain_text("Armavir")
    expect(page.locator("table.report")).to_contain_text("new tie Волгоград — Gyumri")
    page.get_by_role("button", name="Import the placed rows").click()
    expect(page.locator("#import-progress")).to_contain_text("imported")
    assert Partnership.objects.count() == 2

    page.get_by_role("link", name="Resolve 2 rows set aside").click()
    group = page.locator("section.set-aside-group", has_text="Armavir")
    expect(group.locator(".candidate-map")).to_be_visible()
    expect(group.locator(".candidate-map .leaflet-interactive")).to_have_count(2)
    group.locator("tr", has_text="29700").locator("input[type=radio]").check()
    group.get_by_role("button", name="It is this place").click()

    expect(page.locator(".messagelist")).to_contain_text("The decision is taken for 2 rows.")
    expect(page.locator("main")).to_contain_text("No row waits for a decision.")
    assert Partnership.objects.count() == 4
    assert [e for e in errors if "favicon" not in e and "404" not in e] == []
    assert Partnership.objects.filter(municipality_b__geonames_id=616631).count() == 2
