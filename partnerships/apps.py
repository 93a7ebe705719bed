from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Municipalities and partnerships")

    def ready(self):
        from allauth.account.signals import email_confirmed

        from . import panels, receivers

        receivers.connect()
        panels.register()
        email_confirmed.connect(_announce_official, dispatch_uid="partnerships-official-signed-up")


def _announce_official(sender, request, email_address, **kwargs):
    """A person who signed up has confirmed their address: staff may now approve them."""
    from .services.requests import official_signup_announce

    official_signup_announce(user=email_address.user)
