from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Roadmap")

    def ready(self):
        from urc_portal.panels import register_panel

        from . import panels, receivers

        receivers.connect()
        register_panel("associations.NationalAssociation", panels.association_milestones, order=50)
        register_panel("partnerships.Municipality", panels.municipality_milestones, order=50)
        register_panel("partnerships.Partnership", panels.partnership_milestones, order=50)
