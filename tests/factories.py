"""factory-boy factories for the portal's records."""

import datetime

import factory
from django.utils import timezone

from associations.models import Contact, FollowUp, NationalAssociation, OutreachActivity


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalAssociation

    name_ru = factory.Sequence(lambda n: f"Ассоциация муниципалитетов №{n}")
    name_en = factory.Sequence(lambda n: f"Association of Municipalities No. {n}")
    country = "MN"
    stage = NationalAssociation.Stage.PROSPECT


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    association = factory.SubFactory(AssociationFactory)
    full_name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "+7 495 123-45-67"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachActivity

    association = factory.SubFactory(AssociationFactory)
    occurred_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    kind = OutreachActivity.Kind.LETTER
    summary = "Письмо с предложением о сотрудничестве"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    association = factory.SubFactory(AssociationFactory)
    due_on = factory.LazyFunction(timezone.localdate)
    task = factory.Sequence(lambda n: f"Позвонить по поводу визита №{n}")
