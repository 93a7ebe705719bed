"""
The demo accounts of a developer's portal, listed in README.md.

Only ``make run`` creates them, through the ``create_demo_accounts`` command,
and the command refuses to run with DEBUG off: a production portal never has
a known password.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .roles import CITY_OFFICIAL, PROJECT_OFFICE_STAFF

DEMO_STAFF_EMAIL = "staff@example.org"
DEMO_STAFF_PASSWORD = "urc-staff-demo"  # noqa: S105 (a published demo password)
DEMO_OFFICIAL_EMAIL = "official@example.org"
DEMO_OFFICIAL_PASSWORD = "urc-official-demo"  # noqa: S105 (a published demo password)


@transaction.atomic
def demo_accounts_create():
    """Create (or reset) the demo staff member and city official; returns both."""
    staff = _demo_user(
        email=DEMO_STAFF_EMAIL,
        password=DEMO_STAFF_PASSWORD,
        full_name="Анна Смирнова",
        preferred_language="ru",
        is_staff=True,
        group=PROJECT_OFFICE_STAFF,
    )
    official = _demo_user(
        email=DEMO_OFFICIAL_EMAIL,
        password=DEMO_OFFICIAL_PASSWORD,
        full_name="Игорь Петров",
        preferred_language="ru",
        is_staff=False,
        group=CITY_OFFICIAL,
    )
    return staff, official


def _demo_user(*, email, password, full_name, preferred_language, is_staff, group):
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "preferred_language": preferred_language,
            "is_staff": is_staff,
            "is_active": True,
        },
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user
