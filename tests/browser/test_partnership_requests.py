"""
The whole path of a partnership request, in two real browsers: a city
official signs up and confirms the address from the e-mail, staff approve the
account, the official submits with an attachment, staff ask for information,
the official answers and resubmits, staff approve. Both sides' e-mails are in
the test's outbox, each in its reader's language.
"""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Partnership, PartnershipRequest
from tests.browser.conftest import sign_in
from tests.registry import municipality

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OFFICIAL_EMAIL = "irina@volgograd.example"
OFFICIAL_PASSWORD = "Volga-Lahti-1953!"


@pytest.fixture
def staff_page(browser, live_server):
    """A second browser, for the project office (English-speaking, like alice)."""
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_an_official_s_request_from_sign_up_to_approval(
    page, staff_page, alice, password, mailoutbox, settings
):
    settings.PORTAL_SIGNUP_OPEN = True
    volgograd = municipality("RU", name_ru="Волгоград", name_en="Volgograd")
    municipality("FI", name_ru="Лахти", name_en="Lahti")

    # The official signs up (the portal speaks Russian first) ...
    page.goto(page.base_url + "/accounts/signup/")
    expect(page.locator("h1")).to_have_text("Регистрация представителя муниципалитета")
    page.fill("input[name=email]", OFFICIAL_EMAIL)
    page.fill("input[name=full_name]", "Ирина Петрова")
    page.fill("input[name=municipality_name]", "городской округ город-герой Волгоград")
    page.fill("input[name=position]", "начальник отдела внешних связей")
    page.check("input[name=personal_data_consent]")
    page.fill("input[name=password1]", OFFICIAL_PASSWORD)
    page.fill("input[name=password2]", OFFICIAL_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()

    # ... and confirms the address from the e-mail in the outbox.
    confirmation = next(m for m in mailoutbox if m.to == [OFFICIAL_EMAIL])
    page.goto(link_in(confirmation))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    # Not approved yet: the request page says why.
    sign_in(page, OFFICIAL_EMAIL, OFFICIAL_PASSWORD)
    page.get_by_role("navigation", name="Основная навигация").get_by_role(
        "link", name="Подать заявку"
    ).click()
    expect(page.locator("main")).to_contain_text("ждёт, пока проектный офис подтвердит")

    # Staff approve the account, picking the suggested municipality.
    sign_in(staff_page, alice.email, password)
    staff_page.goto(staff_page.base_url + "/en/review/officials/")
    expect(staff_page.locator("main")).to_contain_text("городской округ город-герой Волгоград")
    staff_page.get_by_label(re.compile(r"^Volgograd")).check()
    staff_page.get_by_role("button", name="Approve").click()
    expect(staff_page.locator(".alert-success")).to_contain_text("may now submit requests")

    # The official files the request with a letter of intent.
    page.get_by_role("navigation", name="Основная навигация").get_by_role(
        "link", name="Подать заявку"
    ).click()
    expect(page.locator("h1")).to_have_text("Новая заявка на партнёрство")
    page.select_option("select[name=partner_municipality]", label="Лахти (Финляндия)")
    page.select_option("select[name=kind]", "twinning")
    page.get_by_label("Культура", exact=True).check()
    page.get_by_label("Молодёжная политика", exact=True).check()
    page.fill("textarea[name=rationale]", "Оба города стоят на больших реках; молодёжные обмены.")
    page.fill("textarea[name=first_steps]", "Письмо главе Лахти, визит делегации весной.")
    page.set_input_files("input[name=letter_of_intent]", "tests/data/uploads/agreement.pdf")
    page.get_by_role("button", name="Отправить в проектный офис").click()
    expect(page.locator(".alert-success")).to_contain_text("Заявка отправлена в проектный офис")
    request = PartnershipRequest.objects.get()
    assert request.municipality == volgograd
    assert request.attachments.count() == 1

    # Staff take it into review and ask for the council's decision.
    staff_page.get_by_role("link", name="Requests to review").click()
    staff_page.get_by_role("link", name="Lahti").click()
    staff_page.get_by_role("button", name="Take into review").click()
    staff_page.fill("#comment-request_information", "Please attach the council's decision.")
    staff_page.get_by_role("button", name="Ask the official for information").click()
    expect(staff_page.locator("main")).to_contain_text("needs information")

    # The official answers with the document and resubmits.
    page.reload()
    expect(page.locator("main")).to_contain_text("Please attach the council's decision.")
    page.get_by_role("link", name="Изменить заявку и ответить").click()
    page.set_input_files("input[name=council_decision]", "tests/data/uploads/letter.docx")
    page.fill("textarea[name=comment]", "Решение думы приложено.")
    page.get_by_role("button", name="Ответить и отправить снова").click()
    expect(page.locator(".alert-success")).to_contain_text("Заявка отправлена")

    # Staff approve; the tie is planned and not public.
    staff_page.reload()
    expect(staff_page.locator("main")).to_contain_text("Решение думы приложено.")
    staff_page.get_by_role("button", name="Approve").click()
    expect(staff_page.locator("main")).to_contain_text("approved")
    tie = Partnership.objects.get()
    assert tie.status == Partnership.Status.PLANNED and tie.is_public is False

    page.reload()
    expect(page.locator("main")).to_contain_text("Проектный офис одобрил заявку")

    # Both sides got their e-mails, each in their own language.
    to_official = [m for m in mailoutbox if m.to == [OFFICIAL_EMAIL]]
    to_staff = [m for m in mailoutbox if m.to == [alice.email]]
    official_subjects = " | ".join(m.subject for m in to_official)
    staff_subjects = " | ".join(m.subject for m in to_staff)
    assert "учётная запись представителя муниципалитета подтверждена" in official_subjects
    assert f"Заявка № {request.pk}: на рассмотрении" in official_subjects
    assert f"Заявка № {request.pk}: нужны сведения" in official_subjects
    assert f"Заявка № {request.pk}: одобрена" in official_subjects
    assert "asks for an official's account" in staff_subjects
    assert f"Request no. {request.pk}: submitted" in staff_subjects
    assert staff_subjects.count(f"Request no. {request.pk}: submitted") == 2  # and resubmitted
    assert all(not re.search("[а-яё]", m.body.split("\n")[0], re.I) for m in to_staff)
    assert all("Здравствуйте" in m.body for m in to_official[1:])
