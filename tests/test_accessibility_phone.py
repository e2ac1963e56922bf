"""axe on every page at the phone's width (tests/test_accessibility.py: the rules, the
desktop width and why each engine gets which pages). A file of its own so that the test
command's two workers (pytest-xdist, one file each) audit both widths at once."""

from __future__ import annotations

from test_accessibility import every_page


def test_axe_wcag21_aa_on_every_page_at_the_phone_width(server, browser):
    every_page(server, browser, "phone")
