"""
The portal's roles. A role is a Django group, created by a migration.

"Staff" anywhere in the portal means membership of PROJECT_OFFICE_STAFF, not
the ``is_staff`` flag alone (which only opens the admin).
"""

from django.utils.translation import gettext_lazy as _

PROJECT_OFFICE_STAFF = "Project office staff"
CITY_OFFICIAL = "City official"

ROLE_LABELS = {
    PROJECT_OFFICE_STAFF: _("Project office staff"),
    CITY_OFFICIAL: _("City official"),
}
