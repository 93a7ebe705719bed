"""
The health endpoint: database, cache and Celery broker reachable.

Built on django-health-check; the broker check is ours because the library's
Celery check needs a running worker, and a web container must report healthy
while the worker is still starting.
"""

import dataclasses

from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Broker(HealthCheck):
    """Open a connection to the Celery broker and close it again."""

    def run(self):
        from .celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=3)
        except Exception as error:  # any transport error means "not reachable"
            raise ServiceUnavailable("Broker unreachable") from error


class PortalHealthCheckView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        Broker,
    )
