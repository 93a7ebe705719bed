from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from .mail import queue_templated_email
from .models import User


class PortalAccountAdapter(DefaultAccountAdapter):
    """allauth's e-mails go out in the recipient's language, through Celery."""

    def is_open_for_signup(self, request):
        return settings.PORTAL_SIGNUP_OPEN

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        if user is None:
            user = self._user_for_address(email)
        queue_templated_email(
            recipient=user or email,
            template_prefix=template_prefix,
            context=context,
            address=email,
        )

    @staticmethod
    def _user_for_address(email):
        return User.objects.filter(email__iexact=email).first()
