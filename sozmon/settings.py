"""Settings that are not data: one YAML file in the release, `sozmon.yml`.

Every setting is declared once here with its default and a one-line German help
text (shown by `sozmon settings` and on the method page). A release without the file
gets the defaults. Validation collects all problems before anything is computed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, problem

FILENAME = "sozmon.yml"


def _setting(default: Any, help: str, **kw: Any) -> Any:
    if isinstance(default, (list, dict, tuple)):
        return field(default_factory=lambda: default, metadata={"help": help, **kw})
    return field(default=default, metadata={"help": help, **kw})


@dataclass(frozen=True)
class Classes:
    """Class bounds on the standardised scale (higher = better participation chances)."""

    cuts: tuple[float, ...] = _setting((-1.0, -0.5, 0.5, 1.0), "Klassengrenzen in Standardabweichungen, aufsteigend")
    labels: tuple[str, ...] = _setting(
        ("sehr niedrig", "niedrig", "mittel", "hoch", "sehr hoch"),
        "Namen der Klassen von der niedrigsten zur höchsten (eine mehr als Grenzen)",
    )
    boundary: tuple[str, ...] = _setting(
        (),
        "Je Grenze: 'oben' (ein Wert genau auf der Grenze gehört zur höheren Klasse, Vorgabe) oder 'unten'",
    )

    def upper_closed(self) -> tuple[bool, ...]:
        """Per cut: does a value exactly on the cut belong to the upper class?"""
        if not self.boundary:
            return tuple(True for _ in self.cuts)
        return tuple(b == "oben" for b in self.boundary)


@dataclass(frozen=True)
class Method:
    """How the index is computed (README, "Methode"; each step on the site's method page)."""

    min_denominator: float = _setting(20, "Werte mit kleinerem Nenner gehen nicht in den Index ein")
    suppress_below: int = _setting(3, "Zähler mit 0 < Zähler < diesem Wert werden nie veröffentlicht")
    standardise: str = _setting(
        "year",
        "'year': z-Werte je Jahr; 'base_year': jedes Jahr gegen Mittel und Standardabweichung des Basisjahres",
        choices=("year", "base_year"),
    )
    base_year: int | None = _setting(None, "Basisjahr für Standardisierung und Veränderung (Vorgabe: erstes Jahr)")
    min_coverage: float = _setting(
        0.5,
        "Mindestanteil (nach Gewicht) verfügbarer Indikatoren bzw. Dimensionen, damit ein Wert berechnet wird",
    )
    restandardise_dimensions: bool = _setting(False, "Dimensionswerte noch einmal z-standardisieren (z der Summe)")
    restandardise_index: bool = _setting(False, "Den Gesamtindex noch einmal z-standardisieren (z der Summe)")
    # Release-wide (it changes the rates every index reads); README "Kleine Zahlen stabilisieren".
    stabilise: str = _setting(
        "off",
        "Quoten kleiner Sozialräume empirisch-bayesianisch stabilisieren: 'off' (Vorgabe), zum Wert des "
        "'stadtteil' oder der ganzen 'stadt' hin; der Index rechnet dann mit den stabilisierten Werten",
        choices=("off", "stadtteil", "stadt"),
    )
    classes: Classes = field(default_factory=Classes, metadata={"help": "Klassen"})


@dataclass(frozen=True)
class Publication:
    """Who publishes, under which licence; used by the open data package and site."""

    title: str = _setting("", "Titel der Veröffentlichung (leer: Indexname und Stadt)")
    publisher: str = _setting("", "Herausgeber (z. B. Referat Statistik)")
    contact_email: str = _setting("", "Kontakt-E-Mail für Rückfragen")
    licence_id: str = _setting("dl-de-by-2.0", "Lizenzkennung")
    licence_title: str = _setting("Datenlizenz Deutschland – Namensnennung – Version 2.0", "Lizenzname")
    licence_url: str = _setting("https://www.govdata.de/dl-de/by-2-0", "Lizenz-URL")
    site_url: str = _setting("", "Adresse der veröffentlichten Website")
    # BITV 2.0 § 4: the site explained in German Sign Language (DGS), beside Leichte Sprache.
    sign_language_url: str = _setting(
        "",
        "Video in Deutscher Gebärdensprache (DGS): Pfad einer Videodatei der Website (z. B. medien/dgs.mp4) "
        "oder https-Adresse einer Seite der Stadt",
    )
    sign_language_text: str = _setting("", "Textalternative des DGS-Videos: was das Video sagt")


@dataclass(frozen=True)
class Certainty:
    """How sure the numbers are (README, "Wie sicher die Zahlen sind"): bootstrap of the
    counts, method sensitivity and spatial clusters; every random step is seeded."""

    draws: int = _setting(1000, "Ziehungen des Bootstraps der Zählwerte (0: keine Intervalle und Wahrscheinlichkeiten)")
    seed: int = _setting(20261201, "Startwert aller Zufallszahlen: dieselbe Lieferung ergibt dieselben Dateien")
    level: float = _setting(0.9, "Anteil der Ziehungen innerhalb eines Intervalls (0,9: vom 5. bis zum 95. Perzentil)")
    sure: float = _setting(0.8, "Ab dieser Wahrscheinlichkeit gilt die Klasse eines Sozialraums als sicher")
    sensitivity_samples: int = _setting(
        256,
        "Stichprobe N der Sobol-Analyse der Methodenwahl (N × (Faktoren + 2) Rechnungen; am besten eine "
        "Zweierpotenz; 0: keine)",
    )
    permutations: int = _setting(999, "Permutationen für das globale und lokale Moran's I (0: keine Cluster)")
    significance: float = _setting(0.05, "Signifikanzniveau, ab dem ein räumlicher Cluster gezeigt wird")


@dataclass(frozen=True)
class Settings:
    city: str = _setting("", "Name der Stadt")
    index_name: str = _setting("Index", "Name des Index")
    synthetic: bool = _setting(False, "Die Daten sind ein synthetisches Beispiel (Hinweis auf jeder Seite)")
    method: Method = field(default_factory=Method, metadata={"help": "Methode"})
    publication: Publication = field(default_factory=Publication, metadata={"help": "Veröffentlichung"})
    certainty: Certainty = field(default_factory=Certainty, metadata={"help": "Sicherheit der Zahlen"})
    # Read as given; `definitions.resolve` checks them against the catalogue.
    indices: tuple = _setting(
        (), "Indexdefinitionen (Liste; leer: ein Index aus indikatoren.dimension_id), siehe 'Indizes'"
    )
    typologies: tuple = _setting((), "Typologien: Klassen zweier Indizes gekreuzt (Liste), siehe 'Typologien'")
    # Read as given; `allocation.resolve` checks them against the indices and the catalogue.
    allocations: tuple = _setting(
        (), "Verteilungsschlüssel: ein Budget nach Bedarf auf die Sozialräume verteilen (Liste), siehe 'Verteilung'"
    )


_SECTIONS = {"method": Method, "publication": Publication, "classes": Classes, "certainty": Certainty}


def load(release_dir: Path) -> tuple[Settings, list[Problem]]:
    """Read `sozmon.yml` if present; return the settings and every problem found."""
    path = release_dir / FILENAME
    if not path.exists():
        return Settings(), []
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        return Settings(), [
            problem(
                "settings-syntax",
                FILENAME,
                None if line is None else line + 1,
                None,
                detail=str(getattr(exc, "problem", exc)),
            )
        ]
    if not isinstance(raw, dict):
        return Settings(), [problem("settings-syntax", FILENAME, detail="kein Schlüssel-Wert-Verzeichnis")]
    problems: list[Problem] = []
    settings = _build(Settings, raw, "", problems)
    problems += _check(settings)
    return settings, problems


def from_dict(raw: dict) -> tuple[Settings, list[Problem]]:
    """Same as `load`, from a dict (tests, other front ends)."""
    problems: list[Problem] = []
    settings = _build(Settings, raw, "", problems)
    return settings, problems + _check(settings)


def _build(cls: type, raw: dict, prefix: str, problems: list[Problem]) -> Any:
    return cls(**_values(cls, raw, prefix, problems))


# Release-wide: disclosure control and which values are usable hold for every index.
RELEASE_WIDE = ("min_denominator", "suppress_below", "base_year", "stabilise")


def method_overrides(base: Method, raw: dict, prefix: str, problems: list[Problem]) -> Method:
    """`base` with the keys an index definition gives for its own method."""
    own = {k: v for k, v in raw.items() if k not in RELEASE_WIDE}
    for key in raw:
        if key in RELEASE_WIDE:
            problems.append(problem("settings-release-wide", FILENAME, None, f"{prefix}{key}", raw[key]))
    classes = own.pop("classes", None)
    values = _values(Method, own, prefix, problems)
    if classes is not None:
        if isinstance(classes, dict):
            given = _values(Classes, classes, f"{prefix}classes.", problems)
            if "cuts" in given and "boundary" not in given:
                given["boundary"] = ()  # the base's boundaries belong to its cuts
            values["classes"] = replace(base.classes, **given)
        else:
            problems.append(problem("settings-type", FILENAME, None, f"{prefix}classes", classes, expected="Abschnitt"))
    method = replace(base, **values)
    problems += _check_method(method, prefix)
    return method


def _values(cls: type, raw: dict, prefix: str, problems: list[Problem]) -> dict[str, Any]:
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if key not in known:
            problems.append(problem("settings-unknown", FILENAME, None, name, value))
            continue
        if key in _SECTIONS:
            if not isinstance(value, dict):
                problems.append(problem("settings-type", FILENAME, None, name, value, expected="Abschnitt"))
                continue
            values[key] = _build(_SECTIONS[key], value, f"{name}.", problems)
            continue
        default = getattr(cls(), key)
        converted = _convert(value, default, known[key].metadata)
        if converted is _INVALID:
            problems.append(
                problem("settings-type", FILENAME, None, name, value, expected=_expected(default, known[key].metadata))
            )
        else:
            values[key] = converted
    return values


_INVALID = object()


def _convert(value: Any, default: Any, meta: Any) -> Any:
    if "choices" in meta:
        return value if value in meta["choices"] else _INVALID
    if isinstance(default, bool):
        return value if isinstance(value, bool) else _INVALID
    if isinstance(default, tuple):
        if not isinstance(value, list):
            return _INVALID
        return tuple(value)
    if isinstance(default, (int, float)) or default is None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return _INVALID
        return value
    if isinstance(default, str):
        return str(value) if isinstance(value, (str, int, float)) else _INVALID
    return value


def _expected(default: Any, meta: Any) -> str:
    if "choices" in meta:
        return " oder ".join(f"'{c}'" for c in meta["choices"])
    if isinstance(default, bool):
        return "true oder false"
    if isinstance(default, tuple):
        return "Liste"
    if isinstance(default, (int, float)) or default is None:
        return "Zahl"
    return "Text"


def _check(settings: Settings) -> list[Problem]:
    """Relations between settings: what a single value's type cannot tell."""
    return (
        check_classes(settings.method.classes, "method.classes")
        + _check_method(settings.method, "method.")
        + _check_sign_language(settings.publication)
        + _check_certainty(settings.certainty)
    )


def _check_certainty(c: Certainty) -> list[Problem]:
    ranges = {
        "draws": (c.draws, c.draws >= 0 and int(c.draws) == c.draws, "ganze Zahl ab 0"),
        "seed": (c.seed, c.seed >= 0 and int(c.seed) == c.seed, "ganze Zahl ab 0"),
        "level": (c.level, 0 < c.level < 1, "größer 0 und kleiner 1"),
        "sure": (c.sure, 0 < c.sure <= 1, "größer 0 und höchstens 1"),
        "sensitivity_samples": (
            c.sensitivity_samples,
            c.sensitivity_samples >= 0 and int(c.sensitivity_samples) == c.sensitivity_samples,
            "ganze Zahl ab 0",
        ),
        "permutations": (
            c.permutations,
            c.permutations >= 0 and int(c.permutations) == c.permutations,
            "ganze Zahl ab 0",
        ),
        "significance": (c.significance, 0 < c.significance < 1, "größer 0 und kleiner 1"),
    }
    return [
        problem("settings-range", FILENAME, None, f"certainty.{key}", value, expected=expected)
        for key, (value, ok, expected) in ranges.items()
        if value is not None and not ok
    ]


# A link the site may print: a file of the site (no scheme, no way up) or an http(s) address
# without spaces, quotes or angle brackets. Anything else (`javascript:`, `data:`, `//host`) is refused.
_SITE_FILE = re.compile(r"^(?!.*(?:^|/)\.\.(?:/|$))[A-Za-z0-9_][A-Za-z0-9_./-]*$")
_WEB_ADDRESS = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*)?$")


def sign_language_link(value: str) -> str | None:
    """'file' (a path inside the site), 'web' (an http(s) address) or None (not allowed)."""
    if _WEB_ADDRESS.match(value):
        return "web"
    return "file" if _SITE_FILE.match(value) and "//" not in value else None


def _check_sign_language(pub: Publication) -> list[Problem]:
    out: list[Problem] = []
    url, text = pub.sign_language_url.strip(), pub.sign_language_text.strip()
    if url and sign_language_link(url) is None:
        out.append(problem("settings-sign-language-url", FILENAME, None, "publication.sign_language_url", url))
    if url and not text:
        out.append(problem("settings-sign-language-text", FILENAME, None, "publication.sign_language_text"))
    if text and not url:
        out.append(problem("settings-sign-language-url-missing", FILENAME, None, "publication.sign_language_url"))
    return out


def check_classes(c: Classes, place: str) -> list[Problem]:
    """A class scheme that fits: ascending numeric cuts, one label more, boundaries per cut."""
    out: list[Problem] = []
    cuts = list(c.cuts)
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in cuts):
        out.append(problem("settings-type", FILENAME, None, f"{place}.cuts", cuts, expected="Liste von Zahlen"))
    elif cuts != sorted(cuts) or len(set(cuts)) != len(cuts):
        out.append(problem("settings-cuts-order", FILENAME, None, f"{place}.cuts", cuts))
    if len(c.labels) != len(cuts) + 1:
        out.append(
            problem("settings-labels-count", FILENAME, None, f"{place}.labels", len(c.labels), expected=len(cuts) + 1)
        )
    elif len({str(label) for label in c.labels}) != len(c.labels) or not all(str(label).strip() for label in c.labels):
        out.append(problem("settings-labels-unique", FILENAME, None, f"{place}.labels", list(c.labels)))
    if c.boundary and (len(c.boundary) != len(cuts) or not set(c.boundary) <= {"oben", "unten"}):
        out.append(
            problem("settings-boundary", FILENAME, None, f"{place}.boundary", list(c.boundary), expected=len(cuts))
        )
    return out


def _check_method(m: Method, prefix: str) -> list[Problem]:
    out: list[Problem] = []
    if not 0 < m.min_coverage <= 1:
        out.append(
            problem(
                "settings-range",
                FILENAME,
                None,
                f"{prefix}min_coverage",
                m.min_coverage,
                expected="größer 0 und höchstens 1",
            )
        )
    if m.min_denominator < 0:
        out.append(
            problem(
                "settings-range", FILENAME, None, f"{prefix}min_denominator", m.min_denominator, expected="mindestens 0"
            )
        )
    if m.suppress_below < 0 or int(m.suppress_below) != m.suppress_below:
        out.append(
            problem(
                "settings-range",
                FILENAME,
                None,
                f"{prefix}suppress_below",
                m.suppress_below,
                expected="ganze Zahl ab 0",
            )
        )
    return out


def with_base_year(settings: Settings, base_year: int) -> Settings:
    """Fill in the documented default base year (the release's first year)."""
    if settings.method.base_year is not None:
        return settings
    return replace(settings, method=replace(settings.method, base_year=base_year))


def documented() -> list[tuple[str, Any, str]]:
    """Every setting as (key, default, help), for docs and the test that all are documented."""
    out: list[tuple[str, Any, str]] = []

    def walk(cls: type, prefix: str) -> None:
        for f in fields(cls):
            if f.name in _SECTIONS:
                walk(_SECTIONS[f.name], f"{prefix}{f.name}.")
            else:
                out.append((f"{prefix}{f.name}", getattr(cls(), f.name), f.metadata["help"]))

    walk(Settings, "")
    return out
