"""
Panels: how an app higher in the import order adds a section to a lower
app's page without the lower app importing it.

A lower app's template asks for the panels of the object it shows::

    {% load portal %}
    {% object_panels municipality %}

A higher app registers, in its ``AppConfig.ready()``, a function that gets
the request and the object and returns a template name and its context, or
None when it has nothing to show::

    register_panel("partnerships.Municipality", knowledge_panel, order=50)

Panels render in ``order``, then in the order they were registered.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class Panel:
    model_label: str
    provider: object
    order: int


_PANELS: list[Panel] = []


def register_panel(model_label, provider, *, order=100):
    """``provider(request, obj)`` returns ``(template_name, context)`` or None."""
    panel = Panel(model_label.lower(), provider, order)
    if panel not in _PANELS:
        _PANELS.append(panel)


def render_panels(request, obj):
    label = obj._meta.label_lower
    html = []
    for panel in sorted((p for p in _PANELS if p.model_label == label), key=lambda p: p.order):
        answer = panel.provider(request, obj)
        if answer:
            template_name, context = answer
            html.append(
                render_to_string(template_name, {"object": obj, **context}, request=request)
            )
    return mark_safe("".join(html))  # noqa: S308 (each panel is a rendered, autoescaped template)
