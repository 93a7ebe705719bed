from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project package as an app: shared template tags and whole-portal commands."""

    name = "urc_portal"
    verbose_name = _("Portal")
