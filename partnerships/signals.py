"""
Events of the registry that apps above it may answer (the registry imports none of them).

``partnership_request_approved`` is sent once a partnership request is
approved and its tie exists, inside the approving transaction, with
``sender`` the request's model class and the keyword arguments ``request``
(the approved request), ``partnership`` (the tie it created or linked) and
``approved_by`` (the staff member). A receiver that must not run on a rolled
back approval defers its work with ``transaction.on_commit``.
"""

from django.dispatch import Signal

partnership_request_approved = Signal()
