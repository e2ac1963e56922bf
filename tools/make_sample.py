"""Generate the synthetic sample release for Gelsenkirchen in `datapackage/`.

    python tools/make_sample.py [OUTDIR]

What is real and what is invented (see /work/shared/SAMPLE-BASIS.md for the facts):

* Real structure: 5 Stadtbezirke, 18 Stadtteile with their approximate centres; the
  Stadtteil inhabitants where public (Altstadt 10,566; Buer 32,916; Bulmke-Hüllen
  25,425; Erle 25,386; Beckhausen 14,175; Hassel 15,154; Schalke ~20,000). The other
  Stadtteile are filled in so that the Bezirke match their approximate totals, plus
  ~5,000 spread over Bismarck, Horst, Ückendorf and Rotthausen so the city has
  ~266,000 inhabitants (31.12.2023).
* Invented: the split of the 18 Stadtteile into 40 Sozialräume (1-4 each, the larger
  ones into more). Eight names are confirmed in public text (Schalke-West,
  Schalke-Ost, Buer-Ost, Ückendorf-Nord, Ückendorf-Süd, Erle-West, Bulmke-Hüllen
  Nord, Beckhausen-Nordwest); the others follow the same pattern (Stadtteil, or
  Stadtteil plus direction). Their inhabitants are invented to sum to the Stadtteil.
* Schematic boundaries: a hand-drawn city outline scaled to 104.9 km², cut into
  Voronoi cells around the Stadtteil centres, each cell cut again into Voronoi cells
  around seeds placed in the direction the Sozialraum's name gives. Not the real
  borders (no boundary file of the Sozialräume is public).
* Invented numbers with realistic levels: one latent "disadvantage" score per
  Sozialraum (table below: the south and Mitte high, Buer-Ost lowest, Schalke-Nord,
  Neustadt and Altstadt highest) drives every indicator on the logit scale, plus a
  persistent area effect per indicator and a little yearly noise, so the indicators
  correlate as they do in real monitoring. The score's effect grows 4 % a year, so
  the north-south gap widens a little. Each indicator's intercept is solved per year
  so that the city value (ratio of sums) hits the public city level.
* Counts are binomial draws from the denominators, so small counts arise naturally:
  school entry cohorts are u15/15 (~2,500 a year city-wide, 30-120 per Sozialraum)
  and the invented Sozialraum Scholven-Nord (an industrial area with ~2,300
  inhabitants) has cohorts of ~20 children: counts 0, 1, 2, and in some years SEU
  denominators below 20, so those values stay out of the index.
* Deliberate delivery gaps: the rows in MISSING are left out, and the context
  indicator `arbeitslose` is delivered only as a rate (`wert`, one decimal, no counts),
  as offices often publish it.

The output is deterministic: one seeded generator, fixed order, fixed dates.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely import affinity
from shapely.geometry import MultiPoint, Point, Polygon

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.synthetic_release import (  # noqa: E402
    EXCEL_DE,
    LICENSE,
    PLAIN,
    VALUE_COLUMNS,
    expit,
    package_descriptor,
    settings_yaml,
    write_csv,
    write_geojson,
    write_indicators,
    write_json,
)

# Any seed gives the same levels and pattern. This one (the first of 1..300 that does)
# also keeps the sampling noise in line with the public story: with a plain z-score
# index, in every year the three lowest values are Schalke-Nord, Altstadt and Neustadt
# and the highest is Buer-Ost; overweight pooled over the years stays <= 8 % in the
# low and >= 18 % in the high named areas, with all other areas in between.
SEED = 109
YEARS = list(range(2018, 2025))
POPULATION_YEAR = 2023  # `einwohner` in the GeoJSON is the 31.12.2023 figure
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "datapackage"

# --- Structure --------------------------------------------------------------------

# Stadtbezirk, Stadtteil, approximate centre (lat, lon) from SAMPLE-BASIS.md.
STADTTEILE = [
    ("Mitte", "Altstadt", 51.508, 7.098),
    ("Mitte", "Bismarck", 51.535, 7.110),
    ("Mitte", "Bulmke-Hüllen", 51.515, 7.120),
    ("Mitte", "Feldmark", 51.515, 7.070),
    ("Mitte", "Heßler", 51.525, 7.055),
    ("Mitte", "Schalke", 51.525, 7.080),
    ("Mitte", "Schalke-Nord", 51.540, 7.070),
    ("Nord", "Buer", 51.577, 7.058),
    ("Nord", "Hassel", 51.603, 7.050),
    ("Nord", "Scholven", 51.600, 7.010),
    ("West", "Horst", 51.543, 7.030),
    ("West", "Beckhausen", 51.555, 7.045),
    ("Ost", "Erle", 51.560, 7.085),
    ("Ost", "Resse", 51.572, 7.115),
    ("Ost", "Resser Mark", 51.555, 7.135),
    ("Süd", "Neustadt", 51.500, 7.100),
    ("Süd", "Ückendorf", 51.490, 7.110),
    ("Süd", "Rotthausen", 51.480, 7.080),
]

# North of the Rhein-Herne-Kanal (Nord, West, Ost) vs. south (Mitte, Süd): the public
# figures give ~16 % and ~32 % foreign nationals.
SOUTH = {"Mitte", "Süd"}

# Stadtteil, Sozialraum name (invented unless confirmed, see module docstring),
# inhabitants 31.12.2023 (invented, summing to the Stadtteil), latent disadvantage
# (invented; 0 = city average, higher = worse participation chances).
SOZIALRAEUME = [
    ("Altstadt", "Altstadt", 10566, 1.70),
    ("Bismarck", "Bismarck-Nord", 5600, 0.40),
    ("Bismarck", "Bismarck-Süd", 6400, 0.80),
    ("Bismarck", "Bismarck-West", 5500, 0.60),
    ("Bulmke-Hüllen", "Bulmke-Hüllen Nord", 6900, 1.00),
    ("Bulmke-Hüllen", "Bulmke-Hüllen Ost", 5800, 0.50),
    ("Bulmke-Hüllen", "Bulmke-Hüllen Süd", 6300, 0.80),
    ("Bulmke-Hüllen", "Bulmke-Hüllen West", 6425, 0.90),
    ("Feldmark", "Feldmark", 4900, 0.30),
    ("Heßler", "Heßler", 7600, 0.60),
    ("Schalke", "Schalke-Ost", 9800, 1.10),
    ("Schalke", "Schalke-West", 10200, 1.25),
    ("Schalke-Nord", "Schalke-Nord", 4500, 1.80),
    ("Buer", "Buer-Nord", 7800, -0.90),
    ("Buer", "Buer-Ost", 8300, -1.80),
    ("Buer", "Buer-Süd", 8900, -0.50),
    ("Buer", "Buer-West", 7916, -1.10),
    ("Hassel", "Hassel-Nord", 4900, 0.00),
    ("Hassel", "Hassel-Süd", 5600, 0.30),
    ("Hassel", "Hassel-West", 4654, -0.20),
    ("Scholven", "Scholven-Nord", 2300, -0.50),
    ("Scholven", "Scholven-Süd", 8630, 0.20),
    ("Horst", "Horst-Nord", 5200, -0.30),
    ("Horst", "Horst-Ost", 4900, 0.20),
    ("Horst", "Horst-Süd", 5600, 0.50),
    ("Horst", "Horst-West", 5100, 0.00),
    ("Beckhausen", "Beckhausen-Nordwest", 6700, -1.30),
    ("Beckhausen", "Beckhausen-Südost", 7475, -0.50),
    ("Erle", "Erle-Nord", 6200, -0.90),
    ("Erle", "Erle-Ost", 6500, -0.70),
    ("Erle", "Erle-Süd", 6100, -0.30),
    ("Erle", "Erle-West", 6586, 0.20),
    ("Resse", "Resse-Nord", 5900, -0.60),
    ("Resse", "Resse-Süd", 5600, -0.30),
    ("Resser Mark", "Resser Mark", 5114, -1.40),
    ("Neustadt", "Neustadt", 10500, 1.75),
    ("Ückendorf", "Ückendorf-Nord", 7900, 1.40),
    ("Ückendorf", "Ückendorf-Süd", 7600, 1.00),
    ("Rotthausen", "Rotthausen-Nord", 6900, 0.50),
    ("Rotthausen", "Rotthausen-Süd", 6600, 0.30),
]

# Where a Sozialraum's seed sits relative to its Stadtteil's centre (x = east, y = north).
DIRECTIONS = {
    "Nord": (0.0, 1.0),
    "Süd": (0.0, -1.0),
    "Ost": (1.0, 0.0),
    "West": (-1.0, 0.0),
    "Nordwest": (-0.71, 0.71),
    "Südost": (0.71, -0.71),
}

# A rough, hand-drawn city outline (lat, lon), scaled below to the real 104.9 km².
OUTLINE = [
    (51.632, 7.030),
    (51.628, 7.070),
    (51.600, 7.085),
    (51.590, 7.125),
    (51.570, 7.155),
    (51.545, 7.160),
    (51.520, 7.150),
    (51.498, 7.140),
    (51.476, 7.120),
    (51.466, 7.085),
    (51.478, 7.060),
    (51.500, 7.060),
    (51.515, 7.040),
    (51.532, 7.012),
    (51.548, 7.000),
    (51.575, 7.012),
    (51.590, 6.985),
    (51.612, 6.990),
]
AREA_KM2 = 104.9
LAT0, LON0 = 51.55, 7.07  # centre of the local metric projection
M_PER_DEG_LAT = 111_132.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(LAT0))

# --- Catalogue --------------------------------------------------------------------

DIMENSIONS = [
    (
        "wirtschaft",
        "Wirtschaftliche Lage von Kindern",
        "Wie viele Kinder und Familien von Grundsicherung nach dem SGB II leben.",
    ),
    ("integration", "Integrationsbedarf", "Familiensprache, Deutschkenntnisse und Staatsangehörigkeit der Kinder."),
    (
        "gesundheit",
        "Gesundheitsbedingungen",
        "Gesundheit der Kinder bei der Schuleingangs- und der zahnärztlichen Untersuchung.",
    ),
    (
        "bildung",
        "Bildungsbeteiligung",
        "Kita-Besuch, Vorläuferfähigkeiten bei der Einschulung und Übergänge auf das Gymnasium.",
    ),
    (
        "wohnen",
        "Wohn- und Umweltbedingungen",
        "Wohnfläche, öffentliche Grün- und Spielflächen und nächtlicher Straßenlärm.",
    ),
]

_EX = " (Beispielangabe)"
SRC_SGB2 = "Statistik der Bundesagentur für Arbeit; Einwohnermelderegister" + _EX
SRC_SEU = "Schuleingangsuntersuchung (SEU), Gesundheitsamt" + _EX
SRC_EMR = "Einwohnermelderegister" + _EX


@dataclass(frozen=True)
class Indicator:
    """One catalogue row plus how its synthetic values are drawn.

    base    denominator population (see `_populations`)
    level   city level (ratio of sums): a share, or m² per person for kind "m2";
            a tuple gives one level per year, a dict one level per region
    slope   effect of one unit of disadvantage (logit scale; log scale for "m2")
    spread  sd of the persistent area effect that disadvantage does not explain
    noise   sd of the yearly noise on the same scale
    kind    "share" (binomial count), "m2" (area total), "base" (numerator is the
            population `level` names), "rate" (delivered as `wert` only)
    """

    id: str
    name: str
    dimension: str | None
    richtung: int | None  # None for a context indicator: it is not judged
    einheit: str
    faktor: int
    zaehler: str
    nenner: str
    quelle: str
    base: str
    level: float | tuple | dict | str
    slope: float = 0.0
    spread: float = 0.15
    kind: str = "share"
    noise: float = 0.04


def _years(first: float, last: float) -> tuple:
    """A linear path from the 2018 level to the 2024 level."""
    return tuple(np.round(np.linspace(first, last, len(YEARS)), 4))


SEU_COHORT = "Bei der Schuleingangsuntersuchung untersuchte Kinder"
INDICATORS = [
    Indicator(
        "sgb2_u15",
        "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
        "wirtschaft",
        -1,
        "%",
        100,
        "Nicht erwerbsfähige Leistungsberechtigte unter 15 Jahren nach SGB II (Sozialgeld)",
        "Einwohner unter 15 Jahren",
        SRC_SGB2,
        "u15",
        # 40.4 % (2018) and 41.1 % (2020) are public; the other years are invented.
        (0.404, 0.408, 0.411, 0.410, 0.406, 0.403, 0.401),
        0.65,
    ),
    Indicator(
        "sgb2_1564",
        "SGB-II-Quote der 15- bis 64-Jährigen",
        "wirtschaft",
        -1,
        "%",
        100,
        "Erwerbsfähige Leistungsberechtigte nach SGB II von 15 bis 64 Jahren",
        "Einwohner von 15 bis 64 Jahren",
        SRC_SGB2,
        "p1564",
        0.205,
        0.70,
    ),
    Indicator(
        "sgb2_alleinerz",
        "Alleinerziehende unter den SGB-II-Bedarfsgemeinschaften mit Kindern",
        "wirtschaft",
        -1,
        "%",
        100,
        "Alleinerziehenden-Bedarfsgemeinschaften nach SGB II",
        "Bedarfsgemeinschaften nach SGB II mit Kindern unter 18 Jahren",
        SRC_SGB2,
        "bg_kinder",
        0.38,
        0.20,
    ),
    Indicator(
        "familiensprache",
        "Kinder mit nichtdeutscher Familiensprache (SEU)",
        "integration",
        -1,
        "%",
        100,
        "Kinder, in deren Familie überwiegend nicht Deutsch gesprochen wird",
        SEU_COHORT,
        SRC_SEU,
        "seu",
        _years(0.42, 0.50),
        0.80,
    ),
    Indicator(
        "deutsch",
        "Unzureichende Deutschkenntnisse bei der Einschulung (SEU)",
        "integration",
        -1,
        "%",
        100,
        "Kinder mit fehlerhaftem oder fehlendem Deutsch (Sprachscreening)",
        SEU_COHORT,
        SRC_SEU,
        "seu",
        _years(0.23, 0.27),
        0.65,
    ),
    Indicator(
        "ausl_u18",
        "Kinder und Jugendliche ohne deutsche Staatsangehörigkeit",
        "integration",
        -1,
        "%",
        100,
        "Einwohner unter 18 Jahren ohne deutsche Staatsangehörigkeit",
        "Einwohner unter 18 Jahren",
        SRC_EMR,
        "u18",
        _years(0.26, 0.31),
        0.70,
    ),
    Indicator(
        "uebergewicht",
        "Übergewicht einschließlich Adipositas (SEU)",
        "gesundheit",
        -1,
        "%",
        100,
        "Kinder mit Übergewicht oder Adipositas (BMI über der 90. Perzentile)",
        SEU_COHORT,
        SRC_SEU,
        "seu",
        0.13,
        0.25,
        0.10,
    ),
    Indicator(
        "u8u9",
        "Früherkennungsuntersuchungen U8 und U9 wahrgenommen (SEU)",
        "gesundheit",
        +1,
        "%",
        100,
        "Kinder mit dokumentierter U8 und U9 im Vorsorgeheft",
        "Untersuchte Kinder mit vorgelegtem Vorsorgeheft",
        SRC_SEU,
        "heft",
        0.86,
        -0.45,
    ),
    Indicator(
        "karies",
        "Kinder mit behandlungsbedürftiger Karies (dmft > 0)",
        "gesundheit",
        -1,
        "%",
        100,
        "Kinder mit dmft-Index über 0",
        "In Kindertageseinrichtungen zahnärztlich untersuchte Kinder von 3 bis 6 Jahren",
        "Zahnärztlicher Dienst, Gesundheitsamt" + _EX,
        "zahn",
        0.17,
        0.55,
        0.20,
    ),
    Indicator(
        "motorik",
        "Auffälligkeiten der Körperkoordination (SEU)",
        "gesundheit",
        -1,
        "%",
        100,
        "Kinder mit auffälligem Befund der Körperkoordination",
        SEU_COHORT,
        SRC_SEU,
        "seu",
        0.21,
        0.30,
    ),
    Indicator(
        "kita_2j",
        "Kita-Besuch länger als 2 Jahre vor der Einschulung (SEU)",
        "bildung",
        +1,
        "%",
        100,
        "Kinder, die vor der Einschulung länger als 2 Jahre eine Kita besucht haben",
        SEU_COHORT,
        SRC_SEU,
        "seu",
        0.80,
        -0.50,
    ),
    Indicator(
        "kita_36",
        "Kita-Besuchsquote der 3- bis 6-Jährigen",
        "bildung",
        +1,
        "%",
        100,
        "Kinder von 3 bis unter 6 Jahren in Kindertageseinrichtungen oder Kindertagespflege",
        "Einwohner von 3 bis unter 6 Jahren",
        "Kita-Statistik, Jugendamt; Einwohnermelderegister" + _EX,
        "u3_6",
        0.89,
        -0.50,
    ),
    Indicator(
        "gymnasium",
        "Übergänge auf das Gymnasium nach Klasse 4",
        "bildung",
        +1,
        "%",
        100,
        "Schülerinnen und Schüler mit Übergang auf ein Gymnasium",
        "Schülerinnen und Schüler am Ende der Klasse 4 (nach Wohnort)",
        "Schulstatistik, Schulverwaltung" + _EX,
        "klasse4",
        0.31,
        -0.60,
    ),
    Indicator(
        "zahlenvorwissen",
        "Defizite im Mengen- und Zahlenvorwissen (SEU)",
        "bildung",
        -1,
        "%",
        100,
        "Kinder mit unzureichendem Mengen- und Zahlenvorwissen",
        # Public: 8.5 % (2012) and 23.8 % (2023); the line through both, 2018-2024.
        SEU_COHORT,
        SRC_SEU,
        "seu",
        _years(0.168, 0.252),
        0.50,
    ),
    Indicator(
        "wohnflaeche",
        "Wohnfläche je Einwohner",
        "wohnen",
        +1,
        "m² je Einwohner",
        1,
        "Wohnfläche in Wohngebäuden in m²",
        "Einwohner (Hauptwohnsitz)",
        "Gebäude- und Wohnungsbestand, Kataster; Einwohnermelderegister" + _EX,
        "einwohner",
        _years(38.3, 39.2),
        -0.07,
        0.04,
        "m2",
        noise=0.005,
    ),
    Indicator(
        "gruenflaeche",
        "Öffentliche Grün- und Spielflächen je Kind",
        "wohnen",
        +1,
        "m² je Kind",
        1,
        "Öffentliche Grünflächen und Spielplätze in m²",
        "Einwohner unter 18 Jahren",
        "Grünflächenkataster, Umweltamt; Einwohnermelderegister" + _EX,
        "u18",
        25.0,
        -0.35,
        0.35,
        "m2",
        noise=0.0,
    ),
    Indicator(
        "laerm",
        "Nächtliche Straßenlärmbelastung über 55 dB(A)",
        "wohnen",
        -1,
        "%",
        100,
        "Einwohner mit nächtlichem Straßenlärm über 55 dB(A) (Lnight)",
        "Einwohner (Hauptwohnsitz)",
        "Lärmkartierung nach EU-Umgebungslärmrichtlinie, Umweltamt" + _EX,
        "einwohner",
        0.12,
        0.40,
        0.50,
    ),
    # Context indicators: published and shown, not part of the index.
    Indicator(
        "anteil_u18",
        "Anteil der unter 18-Jährigen",
        None,
        None,
        "%",
        100,
        "Einwohner unter 18 Jahren",
        "Einwohner (Hauptwohnsitz)",
        SRC_EMR,
        "einwohner",
        "u18",
        kind="base",
    ),
    Indicator(
        "alleinerziehende",
        "Alleinerziehenden-Haushalte",
        None,
        None,
        "%",
        100,
        "Haushalte von Alleinerziehenden mit Kindern unter 18 Jahren",
        "Haushalte mit Kindern unter 18 Jahren",
        "Haushaltegenerierung aus dem Einwohnermelderegister" + _EX,
        "hh_kinder",
        0.22,
        0.35,
    ),
    Indicator(
        "auslaender",
        "Ausländeranteil",
        None,
        None,
        "%",
        100,
        "Einwohner ohne deutsche Staatsangehörigkeit",
        "Einwohner (Hauptwohnsitz)",
        SRC_EMR,
        "einwohner",
        {"nord": 0.16, "sued": 0.32},
        0.45,
    ),
    Indicator(
        "arbeitslose",
        "Arbeitslosenanteil der 15- bis 64-Jährigen",
        None,
        None,
        "%",
        100,
        "Arbeitslose nach SGB II und SGB III",
        "Einwohner von 15 bis 64 Jahren",
        "Statistik der Bundesagentur für Arbeit, nur als Anteil geliefert" + _EX,
        "p1564",
        0.095,
        0.70,
        kind="rate",
    ),
]

# Overweight is given for named areas (public reporting), the rest is solved around it.
OVERWEIGHT = {
    "Beckhausen-Nordwest": 0.07,
    "Buer-Nord": 0.07,
    "Buer-Ost": 0.065,
    "Buer-Süd": 0.08,
    "Buer-West": 0.07,
    "Resser Mark": 0.065,
    "Neustadt": 0.19,
    "Erle-West": 0.185,
    "Bulmke-Hüllen Nord": 0.20,
}

# (Sozialraum, year, indicator) rows left out of the delivery on purpose.
MISSING = [
    ("Feldmark", 2019, "motorik"),  # SEU item not recorded that year
    ("Resser Mark", 2021, "gymnasium"),  # no transition statistics delivered
    ("Hassel-West", 2018, "gruenflaeche"),  # green space mapping not yet complete
    ("Hassel-West", 2019, "gruenflaeche"),
]

GAP_GROWTH = 0.04  # yearly growth of the disadvantage effect (widening north-south gap)


# --- Geometry ---------------------------------------------------------------------


def _to_metres(lon, lat):
    return (lon - LON0) * M_PER_DEG_LON, (lat - LAT0) * M_PER_DEG_LAT


def _to_degrees(coords: np.ndarray) -> np.ndarray:
    return np.column_stack([coords[:, 0] / M_PER_DEG_LON + LON0, coords[:, 1] / M_PER_DEG_LAT + LAT0])


def city_outline() -> Polygon:
    """The hand-drawn outline in metres, scaled about its centroid to AREA_KM2."""
    lat, lon = np.array(OUTLINE).T
    outline = Polygon(np.column_stack(_to_metres(lon, lat)))
    factor = math.sqrt(AREA_KM2 * 1e6 / outline.area)
    return affinity.scale(outline, factor, factor, origin="centroid")


def _voronoi(seeds: list[Point], clip) -> list:
    """Voronoi cells of `seeds` (in seed order), clipped to `clip`."""
    cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=clip.buffer(1000), ordered=True)
    return [cell.intersection(clip) for cell in cells.geoms]


def _direction(stadtteil: str, name: str) -> tuple[float, float]:
    """Unit vector for the direction word in a name such as "Beckhausen-Nordwest"."""
    suffix = name[len(stadtteil) :].strip(" -")
    return DIRECTIONS[suffix]


def area_geometries(areas: pd.DataFrame) -> list:
    """Schematic Sozialraum polygons (WGS84, on a 1e-5 degree grid) in `areas` order."""
    outline = city_outline()
    centres = [Point(_to_metres(lon, lat)) for _, _, lat, lon in STADTTEILE]
    quarters = dict(zip([s for _, s, _, _ in STADTTEILE], _voronoi(centres, outline)))
    pieces = []
    for stadtteil, group in areas.groupby("stadtteil", sort=False):
        cell = quarters[stadtteil]
        if len(group) == 1:
            pieces.append(cell)
            continue
        # Unequal distances keep four seeds off a common circle, where the Voronoi
        # diagram degenerates.
        radius = 0.4 * math.sqrt(cell.area / math.pi)
        c = cell.centroid
        seeds = [
            Point(c.x + dx * radius * (1 + 0.1 * k), c.y + dy * radius * (1 + 0.1 * k))
            for k, (dx, dy) in enumerate(_direction(stadtteil, n) for n in group["name"])
        ]
        pieces.extend(_voronoi(seeds, cell))
    return _as_coverage(pieces)


def _as_coverage(pieces: list) -> list:
    """Degrees on the 1e-5 grid, noded so that neighbours share every vertex.

    Cutting a Stadtteil adds vertices on its border that its neighbour lacks; rounding
    each piece alone would leave slivers. Snap-rounding the union of all borders
    nodes them together; each face of that linework goes back to the piece it
    overlaps most.
    """
    grid = 1e-5
    pieces = [shapely.transform(p, _to_degrees) for p in pieces]
    borders = shapely.union_all(shapely.boundary(pieces), grid_size=grid)
    faces = list(shapely.polygonize(shapely.get_parts(borders)).geoms)
    owner = [int(np.argmax(shapely.area(shapely.intersection(f, pieces)))) for f in faces]
    result = []
    for i in range(len(pieces)):
        mine = [f for f, o in zip(faces, owner) if o == i]
        result.append(shapely.orient_polygons(shapely.union_all(mine, grid_size=grid)))
    return result


# --- Tables -----------------------------------------------------------------------


def area_table() -> pd.DataFrame:
    """The 40 Sozialräume with ids, hierarchy, inhabitants and latent disadvantage."""
    bezirk = {s: b for b, s, _, _ in STADTTEILE}
    df = pd.DataFrame(SOZIALRAEUME, columns=["stadtteil", "name", "einwohner", "disadvantage"])
    df["stadtbezirk"] = df["stadtteil"].map(bezirk)
    df.insert(0, "sozialraum_id", [f"{i + 1:02d}" for i in range(len(df))])
    df["region"] = np.where(df["stadtbezirk"].isin(SOUTH), "sued", "nord")
    return df


def dimension_table() -> pd.DataFrame:
    df = pd.DataFrame(DIMENSIONS, columns=["dimension_id", "name", "beschreibung"])
    df["gewicht"] = 1
    return df


def indicator_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indikator_id": [i.id for i in INDICATORS],
            "name": [i.name for i in INDICATORS],
            "dimension_id": [i.dimension for i in INDICATORS],
            "richtung": [i.richtung for i in INDICATORS],
            "einheit": [i.einheit for i in INDICATORS],
            "faktor": [i.faktor for i in INDICATORS],
            "zaehler": [i.zaehler for i in INDICATORS],
            "nenner": [i.nenner for i in INDICATORS],
            "quelle": [i.quelle for i in INDICATORS],
            "gewicht": 1,
        }
    )


# --- Values -----------------------------------------------------------------------


def _populations(areas: pd.DataFrame, rng) -> dict[str, np.ndarray]:
    """Denominator populations per area (rows) and year (columns), all integers > 0.

    Children are a larger share where disadvantage is higher (14.1 % under 15 on
    average); one age year of children is u15/15, which sets the SEU cohort.
    """
    n_a, years = len(areas), np.array(YEARS)
    d = areas["disadvantage"].to_numpy()[:, None]
    growth = rng.normal(-0.001, 0.004, (n_a, 1))
    einwohner = np.round(areas["einwohner"].to_numpy()[:, None] * (1 + growth * (years - POPULATION_YEAR))).astype(
        np.int64
    )
    child_share = 0.141 + 0.012 * d + rng.normal(0, 0.005, (n_a, 1))
    u15 = rng.binomial(einwohner, child_share)
    u18 = u15 + rng.binomial(einwohner, child_share / 5)
    age_year = u15 / 15
    seu = rng.poisson(age_year * 0.98)
    hh_kinder = np.round(u18 / 1.7).astype(np.int64)
    pops = {
        "einwohner": einwohner,
        "u15": u15,
        "u18": u18,
        "p1564": rng.binomial(einwohner, 0.645 - 0.01 * d),
        "seu": seu,
        "heft": rng.binomial(seu, 0.95),
        "u3_6": rng.poisson(3 * age_year),
        "zahn": rng.binomial(rng.poisson(3 * age_year), 0.8),
        "klasse4": rng.poisson(age_year * 0.97),
        "hh_kinder": hh_kinder,
        "bg_kinder": rng.binomial(hh_kinder, expit(-0.85 + 0.8 * d)),
    }
    return {k: np.maximum(v, 1).astype(np.int64) for k, v in pops.items()}


def _solve_intercept(n: np.ndarray, x: np.ndarray, target: float) -> float:
    """Intercept a with Σ n·expit(a + x) / Σ n = target (bisection; monotone in a)."""
    lo, hi = -20.0, 20.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if (n * expit(mid + x)).sum() < target * n.sum():
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _level(ind: Indicator, year_index: int, region: str) -> float:
    if isinstance(ind.level, tuple):
        return ind.level[year_index]
    if isinstance(ind.level, dict):
        return ind.level[region]
    return ind.level


def _share_probabilities(ind: Indicator, n: np.ndarray, effect: np.ndarray, areas: pd.DataFrame) -> np.ndarray:
    """Per area and year, the probability whose city ratio of sums is the level."""
    p = np.empty_like(effect)
    fixed = np.full(len(areas), np.nan)
    if ind.id == "uebergewicht":
        fixed = areas["name"].map(OVERWEIGHT).to_numpy(dtype=float)
    free = np.isnan(fixed)
    regions = areas["region"].to_numpy()
    groups = sorted(ind.level) if isinstance(ind.level, dict) else [None]
    for t in range(len(YEARS)):
        for region in groups:
            mask = regions == region if region else np.ones(len(areas), bool)
            m_free, m_fixed = mask & free, mask & ~free
            target = _level(ind, t, region)
            # Solve for the free areas after subtracting what the fixed areas contribute.
            rest = target * n[mask, t].sum() - (n[m_fixed, t] * fixed[m_fixed]).sum()
            a = _solve_intercept(n[m_free, t], effect[m_free, t], rest / n[m_free, t].sum())
            p[m_free, t] = expit(a + effect[m_free, t])
            p[m_fixed, t] = fixed[m_fixed]
    return p


def simulate_values(areas: pd.DataFrame, rng) -> pd.DataFrame:
    """All werte rows: per indicator, counts drawn around the latent disadvantage."""
    pops = _populations(areas, rng)
    n_a, n_y = len(areas), len(YEARS)
    growing = 1 + GAP_GROWTH * np.arange(n_y)[None, :]
    d = areas["disadvantage"].to_numpy()[:, None] * growing
    frames = []
    for ind in INDICATORS:
        n = pops[ind.base]
        effect = ind.slope * d + rng.normal(0, ind.spread, (n_a, 1)) + rng.normal(0, ind.noise, (n_a, n_y))
        zaehler, wert = _draw(ind, n, effect, areas, pops, rng)
        frames.append(
            pd.DataFrame(
                {
                    "sozialraum_id": np.repeat(areas["sozialraum_id"].to_numpy(), n_y),
                    "jahr": np.tile(YEARS, n_a),
                    "indikator_id": ind.id,
                    "zaehler": pd.array(zaehler.ravel(), dtype="Int64"),
                    "nenner": pd.array(n.ravel(), dtype="Int64"),
                    "wert": pd.array(wert.ravel(), dtype="Float64"),
                }
            )
        )
    values = pd.concat(frames, ignore_index=True)
    rate_only = values["wert"].notna()
    values.loc[rate_only, ["zaehler", "nenner"]] = pd.NA
    order = {ind.id: k for k, ind in enumerate(INDICATORS)}
    values = values.sort_values(
        ["sozialraum_id", "jahr", "indikator_id"],
        key=lambda s: s.map(order) if s.name == "indikator_id" else s,
    )
    return _drop_missing(values, areas)[VALUE_COLUMNS].reset_index(drop=True)


def _draw(ind: Indicator, n, effect, areas, pops, rng) -> tuple[np.ndarray, np.ndarray]:
    """Numerators (and `wert` for rate-only rows) for one indicator."""
    no_wert = np.full(n.shape, np.nan)
    if ind.kind == "base":
        return pops[ind.level], no_wert
    if ind.kind == "m2":
        # Per-person level times a lognormal area factor, scaled so the city value is
        # the level; green space does not change from year to year, so its total is
        # fixed at the first year's value.
        level = np.array([_level(ind, t, "") for t in range(n.shape[1])])[None, :]
        raw = n * np.exp(effect)
        total = np.round(raw * level * n.sum(axis=0) / raw.sum(axis=0))
        if ind.base == "u18":
            total = np.round(np.repeat(total[:, :1], n.shape[1], axis=1), -1)
        return total.astype(np.int64), no_wert
    p = _share_probabilities(ind, n, effect, areas)
    counts = rng.binomial(n, p)
    if ind.kind == "rate":
        return counts, np.round(ind.faktor * counts / n, 1)
    return counts, no_wert


def _drop_missing(values: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Leave out the MISSING rows (and fail loudly if one of them does not exist)."""
    ids = dict(zip(areas["name"], areas["sozialraum_id"]))
    missing = {(ids[name], year, ind) for name, year, ind in MISSING}
    keys = list(zip(values["sozialraum_id"], values["jahr"], values["indikator_id"]))
    if not missing <= set(keys):
        raise ValueError(f"MISSING names rows that do not exist: {missing - set(keys)}")
    return values[[k not in missing for k in keys]]


# --- Files ------------------------------------------------------------------------

TITLE = "Partizipation von Kindern in Gelsenkirchen – Synthetische Beispieldaten"
DESCRIPTION = (
    "Synthetische Beispieldaten: Alle Zahlen dieses Datenpakets sind zufällig "
    "erzeugt. Sie haben realistische Größenordnungen, "
    "sind aber NICHT die amtlichen Zahlen der Stadt Gelsenkirchen. Die Gliederung in "
    "5 Stadtbezirke und 18 Stadtteile entspricht der Stadt; die Aufteilung in 40 "
    "Sozialräume, die meisten ihrer Namen und alle Grenzen sind schematisch "
    "(Beispiel). Die Quellenangaben der Indikatoren sind Beispielangaben."
)
AREA_DESCRIPTION = (
    "Schematische Grenzen der 40 Sozialräume (Voronoi-Zellen um ungefähre "
    "Stadtteilmitten, nicht die amtlichen Grenzen) mit Stadtteil, Stadtbezirk und "
    "ungefährer Einwohnerzahl am 31.12.2023. Die Aufteilung der Stadtteile in "
    "Sozialräume ist ein Beispiel."
)


def package_meta() -> dict:
    return {
        "name": "sozmon-beispiel-gelsenkirchen",
        "title": TITLE,
        "description": DESCRIPTION,
        "version": "2024.1.0",
        "created": "2025-06-30T00:00:00Z",
        "licenses": [LICENSE],
        "sources": [
            {"title": "Synthetisch erzeugt mit dem Beispielgenerator von sozmon"},
            {
                "title": "Struktur und Größenordnungen nach öffentlichen Angaben der Stadt "
                "Gelsenkirchen (Stadtteile, Einwohnerzahlen, Berichte zum Index "
                "„Partizipation von Kindern“)"
            },
        ],
        "keywords": [
            "Sozialraummonitoring",
            "Sozialberichterstattung",
            "Kinder",
            "Teilhabe",
            "Gelsenkirchen",
            "synthetisch",
            "Beispieldaten",
        ],
    }


SETTINGS_HEADER = "Einstellungen dieser Datenlieferung (siehe docs/einstellungen.md)"

# The release's changelog, as a statistics office would write it (invented, like the data).
CHANGELOG = """\
# Änderungen in Version 2024.1.0 (synthetische Beispieldaten)

- Neues Berichtsjahr 2024 für alle Indikatoren.
- Korrigiert: Werte der Schuleingangsuntersuchung 2022 für zwei Sozialräume in Ückendorf
  (Zuordnung von Adressen zu Sozialräumen berichtigt).
- Neuer Kontextindikator „Arbeitslosenanteil der 15- bis 64-Jährigen“ (nur als Anteil
  geliefert, ohne Zähler und Nenner; rückwirkend ab 2018).
- Unverändert: die Indikatoren des Index, ihre Gewichte und die Methode.

Alle Zahlen sind synthetische Beispieldaten, nicht die amtlichen Zahlen der Stadt.
"""

README = """\
# Beispiel-Datenlieferung: Partizipation von Kindern in Gelsenkirchen

**Synthetische Beispieldaten.** Alle Zahlen in diesem Ordner sind zufällig erzeugt.
Sie haben realistische Größenordnungen, sind aber **nicht** die amtlichen Zahlen der
Stadt Gelsenkirchen. Die 5 Stadtbezirke und 18 Stadtteile entsprechen der Stadt; die
Aufteilung in 40 Sozialräume, die meisten ihrer Namen und alle Grenzen sind
schematisch. Die Quellenangaben der Indikatoren sind Beispielangaben.

Der Ordner zeigt, wie eine Datenlieferung für sozmon aussieht: ein Frictionless Data
Package aus Zählwerten und Grenzen. Eine Stadt ersetzt ihn durch ihre echte Lieferung.

## Neu erzeugen

```
python tools/make_sample.py            # schreibt diesen Ordner neu
python tools/make_sample.py ANDERER/ORDNER
```

Das Skript ist deterministisch: Jeder Lauf erzeugt byte-gleiche Dateien. Welche
Annahmen es trifft, steht im Kopf von `tools/make_sample.py`.

## Dateien

| Datei | Inhalt |
| --- | --- |
| `datapackage.json` | Beschreibung des Datenpakets: Lizenz, Quellen, Schema jeder Tabelle |
| `sozialraeume.geojson` | 40 Sozialräume mit Kennung (`01` bis `40`), Name, Stadtteil, Stadtbezirk, Einwohnerzahl und schematischer Grenze (WGS84) |
| `dimensionen.csv` | die 5 Dimensionen des Index |
| `indikatoren.csv` | 17 Indexindikatoren und 4 Kontextindikatoren (ohne Dimension) |
| `werte.csv` | Zähler und Nenner je Sozialraum, Jahr (2018 bis 2024) und Indikator; im Excel-Format (UTF-8 mit BOM, Semikolon, Dezimalkomma) |
| `sozmon.yml` | Einstellungen: Stadt, Indexname, Methode, Herausgeber |

Absichtlich enthalten, damit die Regeln greifen: kleine Zählwerte (0, 1, 2; Werte mit
Zähler 1 oder 2 werden nicht veröffentlicht); in einigen Jahren Nenner unter 20 im
kleinen Sozialraum Scholven-Nord, die nicht in den Index eingehen; vier fehlende
Zeilen; ein Kontextindikator (`arbeitslose`), der nur als Anteil (`wert`) ohne Zähler
und Nenner geliefert wird.

Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0.
"""


def write_sample(outdir: Path) -> Path:
    """Write the whole sample release to `outdir`."""
    outdir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    areas = area_table()
    geoms = area_geometries(areas)
    values = simulate_values(areas, rng)

    props = areas[["sozialraum_id", "name", "stadtteil", "stadtbezirk", "einwohner"]]
    write_geojson(props.to_dict("records"), geoms, outdir / "sozialraeume.geojson")
    write_csv(dimension_table(), outdir / "dimensionen.csv", PLAIN)
    write_indicators(indicator_table(), outdir / "indikatoren.csv", PLAIN)
    write_csv(values, outdir / "werte.csv", EXCEL_DE)
    write_json(package_descriptor(package_meta(), AREA_DESCRIPTION, PLAIN, EXCEL_DE), outdir / "datapackage.json")
    settings = settings_yaml(
        SETTINGS_HEADER,
        "Gelsenkirchen",
        "Partizipation von Kindern",
        YEARS[0],
        "sozmon-Beispiel (nicht die Stadt Gelsenkirchen)",
        "beispiel@example.org",
    )
    (outdir / "sozmon.yml").write_text(settings, encoding="utf-8", newline="")
    (outdir / "README.md").write_text(README, encoding="utf-8", newline="")
    (outdir / "aenderungen.md").write_text(CHANGELOG, encoding="utf-8", newline="")
    return outdir


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else DEFAULT_OUT
    print(write_sample(out))


if __name__ == "__main__":
    main()
