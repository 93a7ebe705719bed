"""Changes to the registry. Views, admin actions, commands and imports call these."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from gazetteer.models import GazetteerPlace
from gazetteer.search import gazetteer_candidates

from ..models import Municipality, Partnership
from ..places import federal_subject_of


@transaction.atomic
def municipality_save(municipality):
    """Validate and save a municipality (new or changed)."""
    municipality.full_clean()
    municipality.save()
    return municipality


@transaction.atomic
def partnership_create(**fields):
    """Create a tie after every check the form would make; refuses a second tie for a pair."""
    areas = fields.pop("areas", ())
    partnership = Partnership(**fields)
    partnership.areas = areas
    partnership.full_clean()
    partnership.save()
    return partnership


class MergeConflict(Exception):
    """A merge would leave a pair with two ties, or a municipality tied to itself."""

    def __init__(self, conflicts):
        self.conflicts = conflicts
        super().__init__("; ".join(conflicts))


def merge_conflicts(survivor, absorbed):
    """
    What stops ``absorbed`` from being merged into ``survivor``, in words staff
    can act on: a tie between the two themselves. (Ties both have with one
    partner are merged into one tie.)
    """
    conflicts = []
    for tie in Partnership.objects.filter(
        models.Q(municipality_a=absorbed, municipality_b=survivor)
        | models.Q(municipality_a=survivor, municipality_b=absorbed)
    ):
        conflicts.append(
            _(
                "Tie no. %(pk)s joins the two municipalities themselves and would become "
                "a tie of “%(name)s” with itself."
            )
            % {"pk": tie.pk, "name": survivor}
        )
    return conflicts


def colliding_ties(survivor, absorbed):
    """(survivor's tie, absorbed's tie) pairs with the same partner: one tie after the merge."""
    survivor_partners = {}
    for tie in Partnership.objects.filter(
        models.Q(municipality_a=survivor) | models.Q(municipality_b=survivor)
    ).select_related("municipality_a", "municipality_b"):
        survivor_partners[tie.other_side(survivor).pk] = tie
    pairs = []
    for tie in Partnership.objects.filter(
        models.Q(municipality_a=absorbed) | models.Q(municipality_b=absorbed)
    ).select_related("municipality_a", "municipality_b"):
        kept = survivor_partners.get(tie.other_side(absorbed).pk)
        if kept is not None:
            pairs.append((kept, tie))
    return pairs


@transaction.atomic
def municipality_merge(*, survivor, absorbed, by=None):
    """
    Move everything that points at ``absorbed`` to ``survivor`` and delete ``absorbed``.

    Links are found through the model's related objects, so records of apps
    higher up (roadmap milestones, knowledge entries ...) move too without the
    registry knowing them. Where both are tied to one partner, the two ties
    become one (``partnership_merge``). Raises MergeConflict, changing
    nothing, where a tie would join a municipality to itself, or where any
    other record would break a uniqueness rule.
    """
    if survivor.pk == absorbed.pk:
        raise MergeConflict([_("Choose two different municipalities.")])
    survivor = Municipality.objects.select_for_update().get(pk=survivor.pk)
    absorbed = Municipality.objects.select_for_update().get(pk=absorbed.pk)
    conflicts = merge_conflicts(survivor, absorbed)
    if conflicts:
        raise MergeConflict(conflicts)

    reason = _("merged from “%(name)s” (no. %(pk)s)") % {"name": absorbed, "pk": absorbed.pk}
    try:
        with transaction.atomic():
            for kept, duplicate in colliding_ties(survivor, absorbed):
                partnership_merge(survivor=kept, absorbed=duplicate, reason=reason)
            for relation in Municipality._meta.related_objects:
                if relation.many_to_many:
                    _move_many_to_many(relation, survivor, absorbed)
                elif relation.one_to_many or relation.one_to_one:
                    _move_foreign_keys(relation, survivor, absorbed, reason)
            for field_ in Municipality._meta.many_to_many:
                getattr(survivor, field_.name).add(*getattr(absorbed, field_.name).all())
            _fill_gaps(survivor, absorbed)
            survivor._change_reason = reason
            survivor.save()
            absorbed._change_reason = _("merged into “%(name)s” (no. %(pk)s)") % {
                "name": survivor,
                "pk": survivor.pk,
            }
            absorbed.delete()
    except IntegrityError as error:
        raise MergeConflict(
            [_("Another record would break a uniqueness rule: %(error)s") % {"error": error}]
        ) from error
    return survivor


TIE_FILLED_FIELDS = ("signed_on", "ended_on", "description_ru", "description_en", "source")


def partnership_merge(*, survivor, absorbed, reason=""):
    """
    Two ties of one pair become one: ``survivor`` keeps its values and takes
    ``absorbed``'s where it has none (dates with their precision, descriptions,
    source), the areas of both, and is public if either was; documents,
    milestones, entries and requests that pointed at ``absorbed`` move to it.
    """
    for name in TIE_FILLED_FIELDS:
        if getattr(survivor, name) in (None, "") and getattr(absorbed, name) not in (None, ""):
            setattr(survivor, name, getattr(absorbed, name))
            if name in ("signed_on", "ended_on"):
                precision = f"{name}_precision"
                setattr(survivor, precision, getattr(absorbed, precision))
    survivor.areas = set(survivor.areas) | set(absorbed.areas)
    survivor.is_public = survivor.is_public or absorbed.is_public
    for relation in Partnership._meta.related_objects:
        if relation.many_to_many:
            _move_many_to_many(relation, survivor, absorbed)
        elif relation.one_to_many or relation.one_to_one:
            _move_foreign_keys(relation, survivor, absorbed, reason)
    for field_ in Partnership._meta.many_to_many:
        getattr(survivor, field_.name).add(*getattr(absorbed, field_.name).all())
    absorbed._change_reason = _("merged into tie no. %(pk)s") % {"pk": survivor.pk}
    absorbed.delete()
    survivor._change_reason = reason or _("merged with a second tie of the same pair")
    survivor.save()
    return survivor


def _move_foreign_keys(relation, survivor, absorbed, reason):
    model = relation.related_model
    for obj in model._default_manager.filter(**{relation.field.name: absorbed}):
        setattr(obj, relation.field.name, survivor)
        obj._change_reason = reason
        obj.save()


def _move_many_to_many(relation, survivor, absorbed):
    # The reverse side of a many-to-many declared on another model.
    through = relation.through
    source = relation.field.m2m_reverse_field_name()
    for row in through._default_manager.filter(**{source: absorbed}):
        other = {relation.field.m2m_field_name(): getattr(row, relation.field.m2m_field_name())}
        if not through._default_manager.filter(**{source: survivor, **other}).exists():
            through._default_manager.create(**{source: survivor, **other})
    through._default_manager.filter(**{source: absorbed}).delete()


MERGE_FILLED_FIELDS = (
    "name_ru",
    "name_en",
    "oktmo",
    "population",
    "latitude",
    "longitude",
    "website",
    "geonames_id",
    "federal_subject",
    "region",
)


def _fill_gaps(survivor, absorbed):
    """The survivor keeps its own values and takes the absorbed one's where it has none."""
    unique_fields = {"oktmo", "geonames_id"}
    for name in MERGE_FILLED_FIELDS:
        if getattr(survivor, name) in (None, "") and getattr(absorbed, name) not in (None, ""):
            value = getattr(absorbed, name)
            if name in unique_fields:
                # Free the value on the absorbed row first: it is deleted next anyway.
                setattr(absorbed, name, None)
                Municipality.objects.filter(pk=absorbed.pk).update(**{name: None})
            setattr(survivor, name, value)


@dataclass
class GazetteerReport:
    filled: list = field(default_factory=list)
    taken: list = field(default_factory=list)
    ambiguous: list = field(default_factory=list)
    not_found: list = field(default_factory=list)


@transaction.atomic
def municipalities_fill_from_gazetteer(*, queryset=None, dry_run=False, by=None):
    """
    Give municipalities without a GeoNames id (or English name, or coordinates)
    those of the one place the gazetteer's rules choose in their own country
    and federal subject; list the rest instead of guessing. A place another
    municipality already has is reported as "taken": the two are probably
    one municipality written twice.
    """
    report = GazetteerReport()
    owners = dict(Municipality.objects.exclude(geonames_id=None).values_list("geonames_id", "pk"))
    missing = (
        (queryset if queryset is not None else Municipality.objects.all())
        .filter(
            models.Q(geonames_id__isnull=True)
            | models.Q(name_en="")
            | models.Q(latitude__isnull=True)
            | models.Q(longitude__isnull=True)
        )
        .select_related("federal_subject")
    )
    for municipality in missing:
        if municipality.geonames_id:
            place = GazetteerPlace.objects.filter(pk=municipality.geonames_id).first()
            if place is not None:
                _fill_from_place(municipality, place)
                report.filled.append((municipality, place))
                if not dry_run:
                    municipality._change_reason = _("English name from the gazetteer")
                    municipality.save()
                continue
        choice = _gazetteer_choice(municipality)
        place = choice.place
        if place is None:
            target = report.ambiguous if choice.candidates else report.not_found
            target.append((municipality, choice.candidates) if choice.candidates else municipality)
            continue
        owner = owners.get(place.geonames_id)
        if owner not in (None, municipality.pk):
            report.taken.append((municipality, place, owner))
            continue
        _fill_from_place(municipality, place)
        owners[place.geonames_id] = municipality.pk
        report.filled.append((municipality, place))
        if not dry_run:
            municipality._change_reason = _("GeoNames id and English name from the gazetteer")
            if by is not None:
                municipality._history_user = by
            municipality.save()
    return report


def _gazetteer_choice(municipality):
    from gazetteer.choosing import choose_place

    subject = municipality.federal_subject
    if subject is not None and not subject.geonames_admin1:
        return choose_place([], name="", country=municipality.country.code)
    places = gazetteer_candidates(
        [municipality.name_ru, municipality.name_en],
        country=municipality.country.code,
        admin1_code=subject.geonames_admin1 if subject else None,
    )
    coordinates = None
    if municipality.latitude is not None and municipality.longitude is not None:
        coordinates = (municipality.latitude, municipality.longitude)
    return choose_place(
        places,
        name=municipality.name_en or municipality.name_ru,
        country=municipality.country.code,
        coordinates=coordinates,
    )


def _fill_from_place(municipality, place):
    municipality.geonames_id = place.geonames_id
    if not municipality.name_en:
        municipality.name_en = place.name
    if municipality.latitude is None or municipality.longitude is None:
        municipality.latitude, municipality.longitude = place.latitude, place.longitude
    if municipality.population is None and place.population:
        municipality.population = place.population
    if municipality.is_russian and municipality.federal_subject is None:
        municipality.federal_subject = federal_subject_of(place)


def validation_messages(error):
    """A ValidationError as a flat list of messages, for reports and command output."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            f"{name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(getattr(error, "messages", [str(error)]))
