"""The changelog: its Markdown is rendered, its HTML and scripted links are not."""

from __future__ import annotations

import lxml.html

from sozmon.sanitize import changelog_html


def _tree(html: str):
    return lxml.html.fragment_fromstring(html)


def test_markdown_is_rendered_with_headings_below_the_page_title():
    html = changelog_html(
        "# Version 2\n\n- **neu**: Jahr 2024\n- *korrigiert*\n\n## Details\n\n### Mehr\n\n#### Tief\n"
    )
    tree = _tree(html)
    assert tree.tag == "div" and tree.get("class") == "sozmon-changelog"
    assert [(h.tag, h.text_content()) for h in tree.xpath("h1|h2|h3|h4|h5|h6")] == [
        ("h2", "Version 2"),
        ("h3", "Details"),
        ("h4", "Mehr"),
        ("h4", "Tief"),
    ]
    assert [li.text_content() for li in tree.xpath("ul/li")] == ["neu: Jahr 2024", "korrigiert"]
    assert tree.xpath("ul/li/strong/text()") == ["neu"] and tree.xpath("ul/li/em/text()") == ["korrigiert"]


def test_raw_html_scripts_and_handlers_are_removed():
    html = changelog_html(
        'Text <script>alert(1)</script> und <img src=x onerror="alert(1)">.\n\n'
        '<iframe src="https://example.org/">innen</iframe>\n\n'
        '<div onclick="alert(1)" style="color:red">Block</div>\n'
    )
    tree = _tree(html)
    assert tree.xpath("//script | //iframe | //img | //*[@onclick] | //*[@style] | //*[@onerror]") == []
    assert "alert" not in html and "innen" not in html
    assert "Text" in tree.text_content() and "Block" in tree.text_content()


def test_links_keep_only_safe_targets():
    html = changelog_html(
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) "
        "[d](https://example.org/) [e](mailto:x@example.org) [f](../daten/) "
        '<a href="vbscript:x">g</a>\n'
    )
    hrefs = {a.text: a.get("href") for a in _tree(html).iter("a")}
    assert hrefs == {
        "a": None,
        "b": None,
        "c": None,
        "d": "https://example.org/",
        "e": "mailto:x@example.org",
        "f": "../daten/",
        "g": None,
    }


def test_html_text_stays_visible_as_text():
    tree = _tree(changelog_html("Der Name `<b>` und 5 < 6 & 7 > 3\n"))
    assert tree.text_content().strip() == "Der Name <b> und 5 < 6 & 7 > 3"
    assert tree.xpath("//p/code/text()") == ["<b>"]
