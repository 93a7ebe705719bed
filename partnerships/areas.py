"""
Areas of cooperation of a tie, stored as one integer of bits.

A bit field keeps ``bulk_create``/``bulk_update`` plain (no many-to-many
rows), filters cheap on any database (``areas__overlaps=[...]`` is one
bitwise AND) and the order of areas fixed. Each area owns one bit forever:
add new areas at the end, never reuse or reorder bits.
"""

from django import forms
from django.db import models
from django.db.models import Lookup
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    ECONOMY = "economy", _("economy and trade")
    INDUSTRY = "industry", _("industry")
    CULTURE = "culture", _("culture")
    EDUCATION = "education", _("education and science")
    YOUTH = "youth", _("youth")
    SPORT = "sport", _("sport")
    TOURISM = "tourism", _("tourism")
    HEALTH = "health", _("health")
    URBAN = "urban", _("urban management and utilities")
    ENVIRONMENT = "environment", _("environment")
    SOCIAL = "social", _("social policy")
    AGRICULTURE = "agriculture", _("agriculture")
    TRANSPORT = "transport", _("transport and logistics")
    MEDIA = "media", _("media and information")
    HUMANITARIAN = "humanitarian", _("humanitarian and people-to-people ties")
    OTHER = "other", _("other")


BITS = {code: 1 << index for index, code in enumerate(Area.values)}


def mask_of(codes):
    mask = 0
    for code in codes or ():
        try:
            mask |= BITS[code]
        except KeyError as unknown:
            raise ValueError(f"unknown area of cooperation: {code!r}") from unknown
    return mask


def codes_of(mask):
    """The area codes in a bit mask, in the order of ``Area``."""
    return [code for code, bit in BITS.items() if mask & bit]


class AreaSet(frozenset):
    """The areas of one tie; iterates in the order of ``Area`` and knows its labels."""

    def __iter__(self):
        return iter([code for code in BITS if code in frozenset(self)])

    def labels(self):
        return [Area(code).label for code in self]


class AreaSetField(models.BigIntegerField):
    description = "A set of areas of cooperation"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        # A set of areas is not a number: BigIntegerField's range checks would
        # compare the set with an integer and fail on full_clean().
        return [*self.default_validators, *self._validators]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") == 0:
            del kwargs["default"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return AreaSet(codes_of(value or 0))

    def to_python(self, value):
        if isinstance(value, AreaSet):
            return value
        if isinstance(value, int):
            return AreaSet(codes_of(value))
        if not value:
            return AreaSet()
        return AreaSet(value)

    def get_prep_value(self, value):
        if isinstance(value, int):
            return value
        return mask_of(value)

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj) or ())

    def validate(self, value, model_instance):
        unknown = set(value or ()) - set(BITS)
        if unknown:
            raise forms.ValidationError(
                _("Unknown area of cooperation: %(areas)s."),
                code="unknown_area",
                params={"areas": ", ".join(sorted(unknown))},
            )

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": Area.choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        defaults.pop("max_value", None)
        defaults.pop("min_value", None)
        return forms.TypedMultipleChoiceField(
            choices=defaults["choices"],
            widget=defaults["widget"],
            required=defaults["required"],
            label=defaults.get("label", self.verbose_name),
            help_text=defaults.get("help_text", self.help_text),
        )


class _BitLookup(Lookup):
    prepare_rhs = False

    def get_prep_lookup(self):
        return mask_of(self.rhs)


@AreaSetField.register_lookup
class Overlaps(_BitLookup):
    """``areas__overlaps=["culture", "youth"]``: at least one of them."""

    lookup_name = "overlaps"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"({lhs} & %s) <> 0", [*lhs_params, self.rhs]


@AreaSetField.register_lookup
class ContainsAll(_BitLookup):
    """``areas__contains_all=["culture", "youth"]``: all of them."""

    lookup_name = "contains_all"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"({lhs} & %s) = %s", [*lhs_params, self.rhs, self.rhs]
