"""Problems found in a data release, kept as data so the CLI can render them as it likes.

A check never raises for bad input; it returns Problems. Their wording lives in
`texts.py`, keyed by `code`, so tests can assert *where* a problem is, not its prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is (file, row, field), what was there and what kind it is.

    `row` is the physical line as the user sees it in an editor or Excel (header = 1);
    for GeoJSON it is the feature number (1-based). `params` fill the text template.
    """

    file: str
    row: int | None
    field: str | None
    code: str
    value: str | None = None
    severity: Severity = "error"
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def problem(
    code: str,
    file: str,
    row: int | None = None,
    field: str | None = None,
    value: object = None,
    severity: Severity = "error",
    **params: object,
) -> Problem:
    """Build a Problem; values are turned into text once, here."""
    return Problem(
        file=file,
        row=row,
        field=field,
        code=code,
        value=None if value is None else _show(value),
        severity=severity,
        params=tuple(sorted((k, _show(v)) for k, v in params.items())),
    )


def _show(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def sort(problems: list[Problem]) -> list[Problem]:
    """File, then row, then field; problems without a row first within their file."""
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.field or "", p.code))


class ReleaseError(Exception):
    """Raised by the pipeline when a release has errors; carries all of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(errors(problems))} Fehler in der Datenlieferung")
        self.problems = problems
