"""
The portal's Celery application.

Tasks are found in every app's tasks.py. Configuration, the beat schedule
included, is read from Django settings (the CELERY_* names in settings.py), so
there is one place to look and operators tune it from the environment.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urc_portal.settings")

app = Celery("urc_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
