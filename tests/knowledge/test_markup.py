"""Markdown bodies are rendered, and no script, handler or javascript: URL survives."""

from html.parser import HTMLParser

import pytest

from knowledge.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, markdown_to_html, markdown_to_plain

# Known payloads (OWASP's XSS filter evasion cheat sheet and friends), raw and in Markdown.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<IMG SRC=`javascript:alert(1)`>",
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    '<IMG SRC="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JAVASCRIPT:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "![x](javascript:alert(1))",
    '[click](https://example.org "x" onclick="alert(1)")',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<body onload="alert(1)">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<details open ontoggle="alert(1)">',
    '<p onmouseover="alert(1)">hover</p>',
    '<base href="javascript:alert(1)//">',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>alert(1)</script>-->",
    '<img src="x" alt="x` onerror=alert(1)">',
]

ALLOWED_SCHEMES = ("http:", "https:", "mailto:")


class LiveHtml(HTMLParser):
    """The tags and attributes a browser would act on (text content is inert)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def live_html(html):
    parser = LiveHtml()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payload_is_rendered_harmless(payload):
    html = live_html(str(markdown_to_html(f"Текст до.\n\n{payload}\n\nТекст после.")))
    assert set(html.tags) <= ALLOWED_TAGS, payload
    assert set(html.tags).isdisjoint({"script", "iframe", "object", "embed", "svg", "style"})
    for tag, name, value in html.attributes:
        assert name in ALLOWED_ATTRIBUTES.get(tag, ()) or name == "rel", (payload, name)
        assert not name.startswith("on"), payload
        if name in {"href", "src"}:
            address = "".join(value.split()).lower()
            assert ":" not in address.split("/")[0] or address.startswith(ALLOWED_SCHEMES), (
                payload,
                value,
            )


def test_markdown_is_rendered():
    html = str(
        markdown_to_html(
            "# Заголовок\n\n**жирный** и _курсив_, [ссылка](https://urc.ru)\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- пункт\n\n~~старое~~"
        )
    )
    assert "<h1>Заголовок</h1>" in html
    assert "<strong>жирный</strong>" in html
    assert "<em>курсив</em>" in html
    assert '<a href="https://urc.ru" rel="noopener noreferrer nofollow">ссылка</a>' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<li>пункт</li>" in html
    assert "<s>старое</s>" in html


def test_images_with_web_and_relative_addresses_are_kept():
    html = str(
        markdown_to_html("![план](https://urc.ru/plan.png) ![файл](/knowledge/attachments/1/)")
    )
    assert '<img src="https://urc.ru/plan.png" alt="план">' in html
    assert '<img src="/knowledge/attachments/1/" alt="файл">' in html


def test_plain_text_of_markdown_for_snippets():
    assert markdown_to_plain("## Итоги\n**Важно**: [см. отчёт](https://x.org)") == (
        "Итоги Важно: см. отчёт"
    )
