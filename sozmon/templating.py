"""Pages from data through Jinja2 templates that escape every value by default.

Every text of a release is untrusted (area names, sources, settings). A template prints
a value with `{{ value }}`, and that is always safe for Markdown text: HTML-escaped and
with every Markdown marker backslash-escaped, so a name stays the literal name. Where a
value lands somewhere else the template says so with a filter: `|html` inside raw HTML
(attributes, `<summary>`, `<dd>`: Markdown is not processed there), `|yaml` in the front
matter, `|url` for link targets (only the site's own relative paths pass).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Python-Markdown's escapable characters with our extensions (tables adds '|').
_MARKDOWN_MARKERS = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
_SITE_PATH = re.compile(r"^(\.\./)*[A-Za-z0-9_-][A-Za-z0-9_./-]*(#[A-Za-z0-9_-]+)?$")


def md(value) -> Markup:
    """A value as literal Markdown inline text (one line, no markup, no HTML)."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_MARKERS.sub(r"\\\1", text))


def html(value) -> Markup:
    """A value as HTML text or attribute value, where Markdown is not processed."""
    return Markup(escape(" ".join(str(value).split())))


def yaml_string(value) -> Markup:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return Markup(json.dumps(" ".join(str(value).split()), ensure_ascii=True))


def site_url(value) -> Markup:
    """A link target: only relative paths inside the site, never a scheme like `javascript:`."""
    text = str(value)
    if ".." in text.replace("../", "") or not _SITE_PATH.match(text):
        raise ValueError(f"not a path inside the site: {text!r}")
    return Markup(text)


@dataclass(frozen=True)
class Link:
    """A link in a table cell or list: its text is escaped, its target must be a site path."""

    text: str
    href: str


def _finalize(value):
    if value is None:
        return "–"
    return md(value)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(html=html, yaml=yaml_string, url=site_url, md=md)
    env.tests["link"] = lambda value: isinstance(value, Link)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


@cache
def html_environment() -> jinja2.Environment:
    """For whole HTML pages outside MkDocs (the embed pages): every value HTML-escaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(template: str, **context) -> str:
    return html_environment().get_template(template).render(**context)
