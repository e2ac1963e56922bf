"""The method page's part on how sure the numbers are: one section per part (issue 13)."""

from __future__ import annotations

from . import clusters, sensitivity, stabilise, uncertainty
from .common import Site


def method_sections(site: Site) -> str:
    """Markdown of every part's section, in reading order: counts, method, small numbers, space."""
    parts = (uncertainty, sensitivity, stabilise, clusters)
    return "\n\n".join(s for s in (p.method_section(site) for p in parts) if s)
