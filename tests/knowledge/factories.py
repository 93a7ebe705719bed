"""Builders of knowledge-base records for the tests."""

import datetime
from pathlib import Path

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from knowledge.models import Entry, Theme

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "knowledge"
UPLOAD_SAMPLES = Path(__file__).resolve().parent.parent / "data" / "uploads"


def sample(name, rename=None):
    folder = SAMPLES if (SAMPLES / name).exists() else UPLOAD_SAMPLES
    return SimpleUploadedFile(rename or name, (folder / name).read_bytes())


def theme(slug="twinning"):
    return Theme.objects.get(slug=slug)


class EntryFactory(factory.django.DjangoModelFactory):
    """A published public entry on twinning, in Russian; override what a test is about."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    kind = Entry.Kind.ARTICLE
    title_ru = factory.Sequence(lambda n: f"Материал №{n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    summary_ru = "Краткое содержание материала."
    body_ru = "Текст материала о сотрудничестве муниципалитетов."
    state = Entry.State.PUBLISHED
    visibility = Entry.Visibility.PUBLIC
    published_on = datetime.date(2024, 5, 17)
    first_published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(state=Entry.State.DRAFT, published_on=None, first_published_at=None)
        staff_only = factory.Trait(visibility=Entry.Visibility.STAFF)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [theme()])
