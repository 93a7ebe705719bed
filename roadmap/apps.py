from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Roadmap")

    def ready(self):
        from partnerships.signals import partnership_request_approved
        from urc_portal.panels import register_panel

        from . import panels, receivers

        partnership_request_approved.connect(
            receivers.agreement_signing_for_approved_request,
            dispatch_uid="roadmap-agreement-signing-for-approved-request",
        )
        register_panel("associations.NationalAssociation", panels.association_milestones, order=50)
        register_panel("partnerships.Municipality", panels.municipality_milestones, order=50)
        register_panel("partnerships.Partnership", panels.partnership_milestones, order=50)
