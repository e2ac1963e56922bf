"""German number formats and the Markdown building blocks the pages share."""

from __future__ import annotations

import math
from html import escape
from typing import NamedTuple

from .routes import CHART_DIR
from .texts import CHART_DOWNLOAD, CHART_TABLE, SHARE

MINUS = "\u2212"  # a real minus sign, read as "minus" by screen readers
# Where a chart's wide picture (render.WIDE_WIDTH) replaces its phone picture: from here
# on the content column is at least about 690 px wide, so the picture is shown at 95 %
# of its size or more (its text as large as on a phone); below, the phone picture.
WIDE_MEDIA = "(min-width: 720px)"


class ChartSize(NamedTuple):
    """The size of a chart's static picture, and (width, height, plot height) of its
    picture for wide screens, which only maps have."""

    width: int
    height: int
    wide: tuple[int, int, int] | None = None


def picture_path(name: str, wide: bool = False) -> str:
    """The static picture of a chart id (routes.chart), relative to the site root."""
    return f"{CHART_DIR}/{name}{'.breit' if wide else ''}.svg"


def german(value, decimals: int = 1) -> str:
    """12345.67 → '12.345,7'; missing → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(number):
        return "–"
    text = f"{abs(number):,.{decimals}f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    negative = number < 0 and float(text.replace(".", "").replace(",", ".")) != 0
    return (MINUS if negative else "") + text


def signed(value, decimals: int = 1) -> str:
    """Like `german`, with '+' for positive values: for differences and scores."""
    text = german(value, decimals)
    if text in ("–",) or text.startswith(MINUS) or float(text.replace(".", "").replace(",", ".")) == 0:
        return text
    return "+" + text


def table(head: list[str], rows: list[list[str]], align: str = "") -> str:
    """A Markdown table; `align` is one letter per column: l, r or c."""
    marks = {"l": ":--", "r": "--:", "c": ":-:"}
    sep = [marks.get(a, "---") for a in align.ljust(len(head), "l")]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def chart_block(
    name: str,
    title: str,
    table_markdown: str,
    root: str,
    size: tuple[int, int] | ChartSize,
    share: dict | None = None,
) -> str:
    """A chart as its static SVG picture, with its numbers as a table below.

    The picture is the chart for everyone at first (fast on a phone, and without
    JavaScript); sozmon-charts.js swaps in the interactive chart, drawn at the size of
    the picture shown, when the reader starts using the page. Width and height keep the
    page from jumping while pictures load. A map (`size`: a ChartSize with `wide`) has a
    second, wide picture for wide screens; its <source> carries its own width and height
    and, for the live chart, the plot height. The download link is the phone picture.
    The table stays out of the search index: its numbers would only make every reader
    download a larger index (Material loads it on each first visit).

    `share` (share.menu): the figure gets its id (a stable link to it) and, instead of the
    plain download link, a closed menu to share it: the link, the picture as SVG and PNG
    with its source inside, its data as CSV, its embed page and the <iframe> code
    (sozmon-share.js copies it, makes the link absolute and draws the PNG).
    """
    svg = f"{root}{picture_path(name)}"  # `name`: a chart id, routes.chart
    width, height = size[0], size[1]
    wide = getattr(size, "wide", None)
    picture = (
        f'<img class="sozmon-chart__static" src="{svg}" alt="{title}" width="{width}" height="{height}" '
        f'loading="lazy" decoding="async">'
    )
    if wide:
        wide_width, wide_height, plot_height = wide
        picture = (
            f'<picture><source media="{WIDE_MEDIA}" srcset="{root}{picture_path(name, wide=True)}" '
            f'width="{wide_width}" height="{wide_height}" data-height="{plot_height}">{picture}</picture>'
        )
    if share:
        figure = (
            f'<figure class="sozmon-chart" id="{share["anchor"]}" data-spec="{CHART_DIR}/{name}.vl.json">\n'
            f"{picture}\n<figcaption>{title}</figcaption>\n{share_menu(share)}</figure>\n"
        )
    else:
        figure = (
            f'<figure class="sozmon-chart" data-spec="{CHART_DIR}/{name}.vl.json">\n'
            f"{picture}\n"
            f'<figcaption>{title} <a href="{svg}" download>({CHART_DOWNLOAD})</a></figcaption>\n</figure>\n'
        )
    if not table_markdown:
        return figure
    return (
        figure
        + '\n<details class="sozmon-table" data-search-exclude markdown="1">\n'
        + f"<summary>{CHART_TABLE.format(title=title)}</summary>\n\n"
        f"{table_markdown}\n</details>\n"
    )


def share_menu(share: dict) -> str:
    """The share menu of a figure (see chart_block); one line per element, no blank line,
    so that Markdown passes it through as it is. The embed code is text in a <textarea>
    (escaped once more); the PNG button is hidden until sozmon-share.js can draw it."""
    t, a = SHARE, share["anchor"]
    code = escape(share["code"], quote=False)
    return (
        '<details class="sozmon-share" data-search-exclude>\n'
        f"<summary>{t['menu']}</summary>\n"
        '<ul class="sozmon-share__links">\n'
        f'<li><a class="sozmon-share__link" href="#{a}">{t["link"]}</a></li>\n'
        f'<li><a href="{share["svg"]}" download>{t["svg"]}</a></li>\n'
        f'<li hidden><button type="button" class="sozmon-share__png" data-svg="{share["svg"]}" '
        f'data-name="{share["png_name"]}">{t["png"]}</button></li>\n'
        f'<li><a href="{share["csv"]}" download>{t["csv"]}</a></li>\n'
        f'<li><a class="sozmon-share__embed" href="{share["embed"]}">{t["embed"]}</a></li>\n'
        "</ul>\n"
        f'<label for="{a}-code">{t["code_label"]}</label>\n'
        f'<textarea id="{a}-code" class="sozmon-share__code" readonly rows="3" spellcheck="false"'
        f"{'' if share['absolute'] else ' data-relative'}>{code}</textarea>\n"
        f'<button type="button" class="sozmon-share__copy" data-copy="{a}-code" hidden>{t["copy"]}</button>\n'
        f'<p class="sozmon-share__status" role="status" data-copied="{t["copied"]}" '
        f'data-copy-failed="{t["copy_failed"]}" data-png-working="{t["png_working"]}" '
        f'data-png-failed="{t["png_failed"]}"></p>\n'
        "</details>\n"
    )


def first_chart_eager(markdown: str) -> str:
    """The page's first chart picture loads at once, not lazily: it is likely in view."""
    return markdown.replace('loading="lazy"', 'fetchpriority="high"', 1)
