"""The roadmap's answers to events of the apps below it (connected in RoadmapConfig.ready())."""

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
