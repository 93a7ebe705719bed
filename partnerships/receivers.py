"""Signal receivers of the registry app, connected in PartnershipsConfig.ready()."""

from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save

from associations.models import NationalAssociation

from .cache import registry_changed
from .models import Municipality, Partnership


def _changed(sender, **kwargs):
    registry_changed()


# One typo in a nine-letter name ("Volgagrad") scores about 0.54 with pg_trgm's
# word similarity; its default threshold of 0.6 would miss it.
WORD_SIMILARITY_THRESHOLD = 0.45


def _tune_trigram_search(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {WORD_SIMILARITY_THRESHOLD}")


def connect():
    connection_created.connect(_tune_trigram_search, dispatch_uid="registry-trigram-threshold")
    for model in (Municipality, Partnership):
        post_save.connect(
            _changed, sender=model, dispatch_uid=f"registry-changed-save-{model.__name__}"
        )
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"registry-changed-delete-{model.__name__}"
        )
    # The directory's filters list the partner associations.
    post_save.connect(
        _changed, sender=NationalAssociation, dispatch_uid="registry-changed-association"
    )
    m2m_changed.connect(
        _changed,
        sender=Municipality.associations.through,
        dispatch_uid="registry-changed-membership",
    )
