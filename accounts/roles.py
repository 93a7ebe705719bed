"""
The portal's roles. A role is a Django group, created by a migration.

"Staff" anywhere in the portal means membership of PROJECT_OFFICE_STAFF, not
the ``is_staff`` flag alone (which only opens the admin).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PROJECT_OFFICE_STAFF = "Project office staff"
CITY_OFFICIAL = "City official"

ROLE_LABELS = {
    PROJECT_OFFICE_STAFF: _("Project office staff"),
    CITY_OFFICIAL: _("City official"),
}


def staff_members():
    """Active members of the project office: ``limit_choices_to`` and filters on users."""
    return Q(groups__name=PROJECT_OFFICE_STAFF, is_active=True)


def staff_users():
    """Active members of the project office, by name: the choices of "owner" and "responsible"."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model().objects.filter(staff_members()).order_by("full_name", "email").distinct()
    )
