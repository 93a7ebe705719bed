"""The roadmap's answers to events of its own records and of the apps below it."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import roadmap_changed
from .services import milestone_for_approved_request


def agreement_signing_for_approved_request(sender, request, partnership, approved_by, **kwargs):
    """
    A partnership request was approved: its tie gets a first milestone, an
    agreement signing on the overall roadmap. This runs inside the approving
    transaction, so the milestone and the approval are saved or lost together.
    """
    milestone_for_approved_request(
        partnership_request=request, partnership=partnership, approved_by=approved_by
    )


def _changed(sender, **kwargs):
    roadmap_changed()


def connect():
    """Cached feeds, timeline data and filters go stale when what they show changes."""
    from associations.models import NationalAssociation
    from partnerships.models import Municipality
    from partnerships.signals import partnership_request_approved

    from .models import Milestone, Roadmap

    partnership_request_approved.connect(
        agreement_signing_for_approved_request,
        dispatch_uid="roadmap-agreement-signing-for-approved-request",
    )
    # Names of municipalities and associations appear in the cached filter lists.
    for model in (Roadmap, Milestone, Municipality, NationalAssociation):
        post_save.connect(_changed, sender=model, dispatch_uid=f"roadmap-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"roadmap-delete-{model.__name__}")
    for field in ("municipalities", "associations", "partnerships", "depends_on"):
        m2m_changed.connect(
            _changed,
            sender=getattr(Milestone, field).through,
            dispatch_uid=f"roadmap-links-{field}",
        )
