"""The release's changelog (`aenderungen.md`) as safe HTML for the start page.

The data owner writes the changelog in Markdown; it is rendered as Markdown, but raw
HTML, scripts, event handlers and `javascript:` links in it never reach a page. The
rendered HTML goes through nh3 (a maintained allow-list sanitizer) rather than a
hand-made filter, and its headings sit below the page's own `<h1>`.
"""

from __future__ import annotations

import re

import markdown
import nh3

# Basic text structure only: no images, forms, frames, styles or scripts.
TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
# Dropped together with their content (the rest lose the tag and keep their text).
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "svg",
    "math",
    "textarea",
    "select",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h([1-6])>")


def changelog_html(text: str) -> str:
    """Markdown from a release rendered to HTML that holds only basic text tags.

    Headings are demoted one level (a `#` heading becomes `<h2>`, the page has the
    `<h1>`) and capped at `<h4>`; links keep only http(s), mailto and relative targets.
    The result is one `<div>` block, to be placed in a page's Markdown on lines of its own.
    """
    rendered = markdown.markdown(text, extensions=["tables"], output_format="html")
    clean = nh3.clean(
        rendered,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    demoted = _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 4)}>", clean)
    # One <div>: a page's Markdown passes a raw HTML block through untouched, blank lines
    # inside included, and cannot turn left-over text such as `[x](javascript:…)` into a link.
    return f'<div class="sozmon-changelog">\n{demoted.strip()}\n</div>'
