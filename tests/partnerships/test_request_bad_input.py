"""
Bad input on the request form: a clear error in the user's language, nothing
saved (no request, no attachment, no file on disk), nothing sent.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from partnerships.models import PartnershipRequest, RequestAttachment, RequestTransition
from tests.partnerships.conftest import form_data, make_request, upload
from tests.registry import municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client, volgograd_official):
    client.force_login(volgograd_official)
    return client


def stored_files():
    folder = Path(settings.PROTECTED_MEDIA_ROOT) / "partnerships" / "requests"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def nothing_saved(mailoutbox, django_capture_on_commit_callbacks):
    before = stored_files()
    with django_capture_on_commit_callbacks(execute=True):  # whatever was queued goes out
        yield
    assert not PartnershipRequest.objects.exists()
    assert not RequestAttachment.objects.exists()
    assert not RequestTransition.objects.exists()
    assert stored_files() == before
    assert mailoutbox == []


def post(client, url=None, save="submit", language="", **data):
    return client.post(
        language + (url or reverse("partnerships:request_create")), {**data, "save": save}
    )


def errors_of(response):
    assert response.status_code in (200, 429), response.status_code
    return response.context["form"].errors


def test_missing_required_fields_are_named_and_nothing_is_saved(official, nothing_saved):
    data = form_data(rationale="", first_steps="", contact_email="", areas=[])
    errors = errors_of(post(official, **data))
    assert set(errors) == {"rationale", "first_steps", "contact_email", "areas"}
    assert errors["rationale"] == ["Обязательно для отправки заявки."]
    assert errors["areas"] == ["Выберите хотя бы одну сферу сотрудничества."]


def test_the_errors_are_in_english_on_english_pages(official, nothing_saved):
    errors = errors_of(post(official, language="/en", **form_data(rationale="")))
    assert errors["rationale"] == ["Required to submit the request."]


def test_a_draft_needs_at_least_the_country_or_the_partner(official, nothing_saved):
    errors = errors_of(post(official, save="draft", **form_data(partner_country="")))
    assert errors["partner_country"] == ["Выберите страну партнёра или муниципалитет-партнёр."]


@pytest.mark.parametrize(
    ("field", "sample", "message"),
    [
        ("letter_of_intent", "pdf-named.docx", "по содержимому это PDF"),
        ("council_decision", "program-renamed.pdf", "Файлы этого типа не принимаются"),
        ("other_documents", "program.exe", "Файлы этого типа не принимаются"),
        ("letter_of_intent", "archive.zip", "Файлы этого типа не принимаются"),
        ("letter_of_intent", "archive-renamed.docx", "Файлы этого типа не принимаются"),
        ("council_decision", "photo.png", "Файлы этого типа не принимаются"),
        ("other_documents", "notes.txt", "Файлы этого типа не принимаются"),
        ("letter_of_intent", "empty.pdf", ""),
    ],
)
def test_a_bad_attachment_is_refused_by_its_content(
    official, nothing_saved, field, sample, message
):
    data = {**form_data(), field: [upload(sample)]}
    errors = errors_of(post(official, **data))
    assert list(errors) == [field]
    assert message in " ".join(errors[field])


def test_an_attachment_over_the_size_limit_is_refused(official, nothing_saved, settings):
    settings.UPLOAD_MAX_BYTES = 100
    errors = errors_of(post(official, **{**form_data(), "letter_of_intent": upload("letter.docx")}))
    assert "ограничение — 100" in errors["letter_of_intent"][0]


def test_a_bad_attachment_among_good_ones_saves_none_of_them(official, nothing_saved):
    data = {
        **form_data(),
        "letter_of_intent": upload("agreement.pdf"),
        "other_documents": [upload("protocol.odt"), upload("program.exe")],
    }
    assert "other_documents" in errors_of(post(official, **data))


def test_a_request_for_a_partnership_with_itself_is_refused(official, volgograd, nothing_saved):
    errors = errors_of(
        post(official, **form_data(partner_municipality=volgograd.pk, partner_country=""))
    )
    assert errors["partner_municipality"] == [
        "Муниципалитет не может просить о партнёрстве с самим собой."
    ]


def test_a_russian_partner_is_refused(official, nothing_saved, db):
    kazan = municipality("RU", name_ru="Казань")
    errors = errors_of(post(official, **form_data(partner_municipality=kazan.pk)))
    assert errors["partner_municipality"] == [
        "Выберите в качестве партнёра зарубежный муниципалитет."
    ]


def test_a_partner_in_another_country_than_the_one_chosen_is_refused(
    official, lahti, nothing_saved
):
    errors = errors_of(
        post(official, **form_data(partner_municipality=lahti.pk, partner_country="DE"))
    )
    assert "Лахти" in errors["partner_country"][0]


def test_russia_is_not_a_partner_country(official, nothing_saved):
    errors = errors_of(post(official, **form_data(partner_country="RU")))
    assert errors["partner_country"]


def test_a_second_open_request_for_the_same_pair_is_refused(
    official, volgograd, volgograd_official, lahti, mailoutbox
):
    first = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status="under_review"
    )
    response = post(
        official,
        **{**form_data(partner_municipality=lahti.pk), "letter_of_intent": upload("agreement.pdf")},
    )
    errors = errors_of(response)
    assert errors["partner_municipality"] == [
        f"У вашего муниципалитета уже есть открытая заявка на этого партнёра (№ {first.pk}). "
        "Продолжайте работу с ней."
    ]
    assert PartnershipRequest.objects.count() == 1
    assert not RequestAttachment.objects.exists()
    assert mailoutbox == []


def test_a_new_request_for_the_pair_is_allowed_after_a_decision(
    official, volgograd, volgograd_official, lahti
):
    make_request(volgograd, volgograd_official, partner_municipality=lahti, status="rejected")
    response = post(official, **form_data(partner_municipality=lahti.pk))
    assert response.status_code == 302
    assert PartnershipRequest.objects.count() == 2


def test_the_database_refuses_a_second_open_request_too(volgograd, volgograd_official, lahti):
    from django.db import IntegrityError, transaction

    make_request(volgograd, volgograd_official, partner_municipality=lahti)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_request(volgograd, volgograd_official, partner_municipality=lahti)


def test_the_database_refuses_a_request_for_a_partnership_with_itself(
    volgograd, volgograd_official
):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_request(volgograd, volgograd_official, partner_municipality=volgograd)


def test_an_empty_message_is_refused(client, volgograd, volgograd_official, lahti):
    from partnerships.models import RequestMessage

    client.force_login(volgograd_official)
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status="submitted"
    )
    response = client.post(
        reverse("partnerships:request_message", args=[request.pk]), {"body": "  "}
    )
    assert response.status_code == 400
    assert not RequestMessage.objects.exists()
