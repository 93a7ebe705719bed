"""Template helpers every app's pages use: ``{% load portal %}``."""

from django import template

from urc_portal.panels import render_panels

register = template.Library()


@register.simple_tag
def page_numbers(page, on_each_side=2, on_ends=1):
    """Page numbers around the current one, with ellipses: 1 … 4 5 [6] 7 8 … 20."""
    return page.paginator.get_elided_page_range(
        page.number, on_each_side=on_each_side, on_ends=on_ends
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def object_panels(context, obj):
    """Sections that apps higher in the import order add to this page (urc_portal.panels)."""
    return render_panels(context.get("request"), obj)
