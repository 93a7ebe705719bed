"""
Consent of city officials to the processing of their personal data.

Russia's law on personal data (Federal Law No. 152-FZ of 27 July 2006) asks
for a consent that names the operator, the data, the purposes, the actions
and how to withdraw it, and for the operator to be able to show which consent
a person gave and when. The text lives in one template, rendered in Russian
or English; ``CONSENT_VERSION`` names the wording in force and is stored with
each consent. Change the version whenever the wording changes, so the profile
keeps pointing at what the person actually agreed to.
"""

from django.template.loader import render_to_string
from django.utils import translation

CONSENT_VERSION = "2025-1"
CONSENT_TEMPLATE = "partnerships/requests/consent_text.html"


def consent_text(language=None):
    """The consent wording in force, as HTML, in ``language`` (the active one by default)."""
    if language is None:
        return render_to_string(CONSENT_TEMPLATE)
    with translation.override(language):
        return render_to_string(CONSENT_TEMPLATE)
