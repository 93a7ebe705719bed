"""``{% load knowledge %}``: entry bodies and search snippets in templates."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from knowledge.markup import markdown_to_html, markdown_to_plain
from knowledge.search import START_MARK, STOP_MARK

register = template.Library()


@register.filter
def markdown(text):
    """Markdown as sanitised HTML."""
    return markdown_to_html(text)


@register.filter
def snippet(entry, words=40):
    """
    What a search result shows: the ts_headline fragments with the matches
    marked, or else the summary (or the start of the body). Always escaped:
    only the <mark> tags are ours.
    """
    headline = getattr(entry, "headline", None)
    if headline and START_MARK in headline:
        text = escape(markdown_to_plain(headline))
        # Cleaning the Markdown may have dropped one end of a mark: keep them paired.
        if text.count(START_MARK) != text.count(STOP_MARK):
            text = text.replace(START_MARK, "").replace(STOP_MARK, "")
        text = text.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
        return mark_safe(text)  # noqa: S308 (escaped above; only our <mark> tags)
    if entry.summary:
        return Truncator(markdown_to_plain(entry.summary)).words(words)
    # Matched in the title or a file only: the start of the text.
    plain = (headline or "").replace(START_MARK, "").replace(STOP_MARK, "")
    return Truncator(markdown_to_plain(plain)).words(words)
