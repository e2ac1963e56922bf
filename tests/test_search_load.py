"""A first visit does not load the search index; a reader who searches still finds.

Material fetches the whole index on every page load; in a large city it was most of what a
first visit transferred (issue 14). theme/main.html holds that request back until the reader
starts to search.
"""

from __future__ import annotations

from tests.conftest import search


def _index_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if u.endswith("search/search_index.json")]


def test_the_search_index_loads_only_when_the_reader_searches(mkdocs_server, browser):
    site, base = mkdocs_server
    assert (site / "search" / "search_index.json").is_file()
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(base + "sozialraeume/", wait_until="networkidle")
        page.mouse.wheel(0, 800)  # reading and scrolling is not searching
        page.wait_for_timeout(300)
        assert _index_requests(requested) == []
        results = search(page, "mkdocs", "Bismarck")
        assert len(_index_requests(requested)) == 1
        assert any("Bismarck" in text for text in results.all_text_contents())
    finally:
        page.close()


def _requests_after(browser, url: str, action=None) -> list[str]:
    page = browser.new_page()  # a context of its own: nothing cached
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(url, wait_until="networkidle")
        if action:
            action(page)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
        return _index_requests(requested)
    finally:
        page.close()


def test_a_search_key_or_a_search_address_loads_it_at_once(mkdocs_server, browser):
    _, base = mkdocs_server
    assert _requests_after(browser, base) == []
    assert len(_requests_after(browser, base, lambda page: page.keyboard.press("s"))) == 1  # Material's shortcut
    assert len(_requests_after(browser, base + "methode/?h=Bootstrap")) == 1  # arriving from a search result
    assert len(_requests_after(browser, base + "?q=Bismarck")) == 1
