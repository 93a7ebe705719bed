"""
Entry bodies: Markdown turned into HTML that is safe to show.

markdown-it-py renders CommonMark (with tables and strikethrough), raw HTML
included, and nh3 (the Rust sanitiser ammonia) then keeps only an allow-list
of tags and attributes: no script, no style, no iframe or object, no event
handler, and links and images only with http, https or mailto URLs (or
relative ones). The sanitiser, not the Markdown parser, is the guarantee.
"""

import re

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def markdown_to_html(text):
    """Markdown to sanitised HTML, marked safe for templates."""
    if not text:
        return mark_safe("")
    html = _parser.render(str(text))
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 just above)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LINE_MARKS = re.compile(r"^\s{0,3}(#{1,6}|>|[-+*]|\d+\.)\s+", re.MULTILINE)
_INLINE_MARKS = re.compile(r"[*_`~|]+|-{3,}|={3,}")


def markdown_to_plain(text):
    """Markdown with its marks taken away, for snippets and feeds: [a](b) -> a, **x** -> x."""
    text = _LINK.sub(r"\1", str(text or ""))
    text = _LINE_MARKS.sub("", text)
    text = _INLINE_MARKS.sub("", text)
    return " ".join(text.split())
