"""Release texts land on pages as the literal text, whatever Markdown or HTML they hold."""

from __future__ import annotations

import markdown
import pytest
import yaml
from lxml import html as lxml_html

from sozmon.templating import Link, md, site_url, yaml_string

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klick](javascript:alert(1))",
    "![bild](x.png)",
    "*fett* _kursiv_ `code`",
    "# Überschrift",
    "1. Liste",
    "- Punkt",
    "> Zitat",
    "a | b | c",
    "Name {: .klasse #id }",
    "&amp; &copy; &#39;",
    "\\*kein\\*",
    '!!! warning "x"',
    "<https://example.org>",
    "Ende mit Backslash \\",
    "Anführungszeichen \" und '",
    "Zeilen\numbruch",
    "x" * 80,
]
EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc"]


def _text_and_links(source: str):
    tree = lxml_html.fragment_fromstring(markdown.markdown(source, extensions=EXTENSIONS), create_parent="div")
    return tree.text_content(), [a.get("href") for a in tree.iter("a")], tree


@pytest.mark.parametrize("name", HOSTILE)
def test_a_name_in_markdown_text_and_in_a_link_stays_the_literal_name(name):
    literal = " ".join(name.split())
    text, links, tree = _text_and_links(f"Vor {md(name)} nach")
    assert text == f"Vor {literal} nach" and links == []
    assert not [e for e in tree.iter() if e.tag in ("script", "img", "em", "strong", "code", "h1", "li")]
    text, links, _ = _text_and_links(render_link(name))
    assert text == literal and links == ["ziel.md"]


def render_link(name: str) -> str:
    from sozmon.templating import environment

    return environment().from_string('{% import "_macros.md.j2" as m %}{{ m.link(l) }}').render(l=Link(name, "ziel.md"))


@pytest.mark.parametrize("name", HOSTILE)
def test_a_name_in_the_front_matter_is_the_literal_name(name):
    assert yaml.safe_load(f"title: {yaml_string(name)}\n") == {"title": " ".join(name.split())}


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "https://example.org/",
        "//example.org/x",
        "data:text/html,x",
        "a b.md",
        'x.md" onclick="y',
        "",
    ],
)
def test_only_paths_inside_the_site_are_link_targets(target):
    with pytest.raises(ValueError):
        site_url(target)


def test_site_paths_pass_unchanged():
    assert [site_url(p) for p in ("../sozialraeume/01.md", "daten.md", "x.xlsx")] == [
        "../sozialraeume/01.md",
        "daten.md",
        "x.xlsx",
    ]


def test_a_table_cell_keeps_its_column_name_and_escapes_the_value():
    table = {"head": ["Sozialraum", "Wert"], "rows": [[Link("<b>A|B</b>", "a.md"), "1 | 2"]], "align": "lr"}
    from sozmon.templating import environment

    source = environment().from_string('{% import "_macros.md.j2" as m %}{{ m.table(t) }}').render(t=table)
    out = lxml_html.fragment_fromstring(markdown.markdown(source, extensions=EXTENSIONS), create_parent="div")
    cells = out.findall(".//td")
    assert [c.get("data-label") for c in cells] == ["Sozialraum", "Wert"]
    assert [c.text_content() for c in cells] == ["<b>A|B</b>", "1 | 2"]
    assert [a.get("href") for a in out.iter("a")] == ["a.md"] and not out.findall(".//b")


@pytest.mark.parametrize("name", HOSTILE)
def test_a_table_without_its_picture_is_titled_with_the_literal_name(name):
    """A large city's ranking has no picture, only its table, titled by the chart's title."""
    from sozmon.templating import environment

    chart = {"figure": None, "title": f"Rangfolge: {name}", "table": {"head": ["A"], "rows": [["1"]], "align": "l"}}
    source = (
        environment()
        .from_string('{% import "_macros.md.j2" as m with context %}{{ m.chart(c) }}')
        .render(c=chart, T={})
    )
    out = lxml_html.fragment_fromstring(markdown.markdown(source, extensions=EXTENSIONS), create_parent="div")
    title = out.find(".//p[@class='sozmon-table-title']")
    assert title is not None and " ".join(title.text_content().split()) == " ".join(f"Rangfolge: {name}".split())
    assert not [e for e in out.iter() if e.tag in ("script", "img", "em", "code", "h1", "li", "a")]
    assert [td.text_content() for td in out.iter("td")] == ["1"]
