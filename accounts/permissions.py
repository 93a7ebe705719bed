"""
Access rules that read as a sentence in a view: ``@staff_required``.

Staff pages are for members of the project office group. Anonymous visitors
are sent to sign in; a signed-in person outside the group gets 403.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_project_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class StaffRequiredMixin:
    """The class-based twin of ``staff_required``."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_project_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
