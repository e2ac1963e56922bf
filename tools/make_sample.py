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
  the north-south gap widens a little, except in Schalke-West: an invented
  "Quartiersprogramm" from 2022 stops its slide and lowers its SGB II rates and
  school-entry deficits and raises Kita attendance by a few points (see PROGRAMME), so
  one low area improves while the other low areas worsen. Each indicator's intercept is solved per year
  so that the city value (ratio of sums) hits the public city level.
* Counts are binomial draws from the denominators, so small counts arise naturally:
  school entry cohorts are u15/15 (~2,500 a year city-wide, 30-120 per Sozialraum)
  and the invented Sozialraum Scholven-Nord (an industrial area with ~2,300
  inhabitants) has cohorts of ~20 children: counts 0, 1, 2, and in some years SEU
  denominators below 20, so those values stay out of the index.
* Deliberate delivery gaps: the rows in MISSING are left out, and the context
  indicator `arbeitslose` is delivered only as a rate (`wert`, one decimal, no counts),
  as offices often publish it.
* Indices (v2, issue 10): `sozmon.yml` defines them over one catalogue. "Partizipation
  von Kindern" (`kinder`, 17 indicators, 5 dimensions; the v1 index, same values), its
  change over two years (`kinder-dynamik`), the typology `lage-entwicklung` crossing the
  two, and "Lebenslage älterer Menschen" (`aeltere`): six invented indicators for people
  65+ (Grundsicherung im Alter, SGB II at 55-64, Pflege, living alone at 80+, shops and
  barrier-free stops within walking distance) plus night noise, shared with `kinder`.
  Their levels are invented within the ranges of SAMPLE-BASIS.md; they follow the
  disadvantage score only in part: an invented centrality per Stadtteil (CENTRALITY)
  drives the walking-distance indicators, and an area factor of their own links the
  older people's indicators, so the two indices correlate at 0.6-0.7, not 1.
  65+ are the inhabitants neither under 15 nor 15-64, so the age groups add up.

* Street directory (issue 12, `strassen.csv`): invented street names laid out as
  straight synthetic streets; each house number goes to the Sozialraum whose polygon in
  the written sozialraeume.geojson holds it, so lookups agree with the map; about one
  street in six crosses a border and is split (see "Street directory" below).

The output is deterministic: seeded generators, fixed order, fixed dates. The v2
indicators are drawn after the v1 ones from a generator of their own (SEED_V2), so
every v1 row of `werte.csv` is byte-identical to the v1 sample, except Schalke-West's
children's shares from 2022 on (the programme is applied to the drawn counts).
"""

from __future__ import annotations

import math
import sys
import textwrap
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
    # The index for older people (v2).
    (
        "wirtschaft_alter",
        "Wirtschaftliche Lage im Alter",
        "Wie viele ältere Menschen Grundsicherung im Alter beziehen und wie viele kurz vor der Rente von SGB II leben.",
    ),
    (
        "unterstuetzung",
        "Unterstützungsbedarf",
        "Pflegebedürftigkeit ab 65 Jahren und Menschen ab 80 Jahren, die allein leben.",
    ),
    (
        "wohnumfeld",
        "Wohnumfeld und Versorgung",
        "Lebensmittelgeschäfte und barrierefreie Haltestellen in Fußnähe und nächtlicher Straßenlärm.",
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
    central effect of one unit of centrality (see CENTRALITY; 0 for the v1 indicators)
    own     effect of the older people's own area factor (see `simulate_values`; 0 for v1)
    kind    "share" (binomial count), "m2" (area total), "base" (numerator is the
            population `level` names), "rate" (delivered as `wert` only)
    """

    id: str
    name: str
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
    central: float = 0.0
    own: float = 0.0


def _years(first: float, last: float) -> tuple:
    """A linear path from the 2018 level to the 2024 level."""
    return tuple(np.round(np.linspace(first, last, len(YEARS)), 4))


SEU_COHORT = "Bei der Schuleingangsuntersuchung untersuchte Kinder"
INDICATORS = [
    Indicator(
        "sgb2_u15",
        "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
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

# One low area that improves against the widening gap (invented, like every number here),
# so that the typology shows a low area with a positive development next to the low areas
# that worsen: Schalke-West gets a "Quartiersprogramm" from 2022 (job coaching for
# parents, a new Kita with language support, a health guide for families). From
# PROGRAMME_START its disadvantage stops growing (each share of the children's index
# moves back on the logit scale by what GAP_GROWTH added since the year before), and
# the programme moves some shares by these percentage points on top: SGB II falls, Kita
# attendance and the U8/U9 check-ups rise, language and number-skill deficits at school
# entry fall (the school entry effects with a year's lag). The children's SGB II rate
# as drawn already falls from a peak in 2021, so the programme adds to it only in 2024,
# which keeps its two-year changes within about 6 points. Applied to the drawn counts of
# this area only: every other row stays as drawn.
PROGRAMME_AREA = "Schalke-West"
PROGRAMME_START = 2022
PROGRAMME = {
    "sgb2_u15": {2024: -3.0},
    "sgb2_1564": {2022: -0.5, 2023: -1.5, 2024: -2.5},
    "kita_36": {2022: 1.5, 2023: 3.5, 2024: 5.0},
    "kita_2j": {2023: 2.0, 2024: 4.0},
    "u8u9": {2022: 0.5, 2023: 2.0, 2024: 4.0},
    "deutsch": {2023: -2.0, 2024: -3.5},
    "zahlenvorwissen": {2023: -2.0, 2024: -3.5},
}

# --- v2: a second index from the same catalogue ------------------------------------
#
# Everything below is drawn AFTER the v1 numbers, from a generator of its own, so that
# adding it moved none of them (the children's index keeps its values exactly).
SEED_V2 = [SEED, 2]
SRC_PFLEGE = "Pflegestatistik, kleinräumige Sonderauswertung der Pflegekassen" + _EX
P65 = "Einwohner ab 65 Jahren"

# Invented centrality per Stadtteil (-1 periphery .. +1 city centre): where shops and
# barrier-free stops are within walking distance. The two centres (Altstadt, Buer) and
# the district centres score high, the industrial and green edges low, so the older
# people's index follows child poverty only in part.
CENTRALITY = {
    "Altstadt": 1.0,
    "Bismarck": 0.1,
    "Bulmke-Hüllen": 0.4,
    "Feldmark": 0.0,
    "Heßler": -0.3,
    "Schalke": 0.3,
    "Schalke-Nord": -0.4,
    "Buer": 0.9,
    "Hassel": -0.2,
    "Scholven": -0.9,
    "Horst": 0.4,
    "Beckhausen": -0.2,
    "Erle": 0.2,
    "Resse": -0.3,
    "Resser Mark": -1.0,
    "Neustadt": 0.6,
    "Ückendorf": 0.3,
    "Rotthausen": 0.0,
}
CENTRALITY_AREA = {"Scholven-Nord": -1.3}  # the industrial area: hardly any shops

# Drawn with the v2 generator, in this order; levels invented in the ranges of
# SAMPLE-BASIS.md (no figure here is Gelsenkirchen's real one).
INDICATORS_V2 = [
    Indicator(
        "grusi_65",
        "Grundsicherung im Alter (ab 65 Jahren)",
        -1,
        "%",
        100,
        "Empfängerinnen und Empfänger von Grundsicherung im Alter nach SGB XII (4. Kapitel) ab 65 Jahren",
        P65,
        "Statistik der Sozialhilfe (SGB XII), Sozialamt; Einwohnermelderegister" + _EX,
        "p65",
        _years(0.058, 0.069),
        slope=0.35,
        spread=0.2,
        own=0.25,
    ),
    Indicator(
        "sgb2_5564",
        "SGB-II-Quote der 55- bis 64-Jährigen",
        -1,
        "%",
        100,
        "Erwerbsfähige Leistungsberechtigte nach SGB II von 55 bis 64 Jahren",
        "Einwohner von 55 bis 64 Jahren",
        SRC_SGB2,
        "p5564",
        0.135,
        slope=0.45,
        spread=0.2,
        own=0.10,
    ),
    Indicator(
        "pflege_65",
        "Pflegebedürftige ab 65 Jahren",
        -1,
        "%",
        100,
        "Pflegebedürftige ab 65 Jahren mit Leistungen der Pflegeversicherung (SGB XI), nach Wohnort",
        P65,
        SRC_PFLEGE,
        "p65",
        _years(0.155, 0.195),
        slope=0.12,
        spread=0.12,
        own=0.18,
    ),
    Indicator(
        "allein_80",
        "Allein lebende Menschen ab 80 Jahren",
        -1,
        "%",
        100,
        "Einwohner ab 80 Jahren in Einpersonenhaushalten",
        "Einwohner ab 80 Jahren",
        "Haushaltegenerierung aus dem Einwohnermelderegister" + _EX,
        "p80",
        0.56,
        slope=0.05,
        spread=0.12,
        central=0.30,
        own=0.15,
    ),
    Indicator(
        "nahversorgung_65",
        "Lebensmittelgeschäft in Fußnähe (ab 65 Jahren)",
        +1,
        "%",
        100,
        "Einwohner ab 65 Jahren mit einem Lebensmittelgeschäft in höchstens 500 m Fußweg",
        P65,
        "Einzelhandelserfassung und Fußwegenetz, Stadtplanung; Einwohnermelderegister" + _EX,
        "p65",
        _years(0.76, 0.73),
        slope=0.15,
        spread=0.35,
        noise=0.03,
        central=1.1,
    ),
    Indicator(
        "haltestelle_65",
        "Barrierefreie Haltestelle in Fußnähe (ab 65 Jahren)",
        +1,
        "%",
        100,
        "Einwohner ab 65 Jahren mit einer barrierefrei ausgebauten Haltestelle des ÖPNV in höchstens 300 m Fußweg",
        P65,
        "Haltestellenkataster, Verkehrsplanung; Einwohnermelderegister" + _EX,
        "p65",
        _years(0.48, 0.64),
        slope=0.10,
        spread=0.35,
        noise=0.03,
        central=0.8,
    ),
    # Context indicator: published and shown, in no index.
    Indicator(
        "anteil_65",
        "Anteil der Einwohner ab 65 Jahren",
        None,
        "%",
        100,
        P65,
        "Einwohner (Hauptwohnsitz)",
        SRC_EMR,
        "einwohner",
        "p65",
        kind="base",
    ),
]

# The index definitions written to sozmon.yml: (dimension_id, [indicator ids]) in order.
# Weights are 1 throughout (the default).
KINDER_DIMENSIONS = [
    ("wirtschaft", ["sgb2_u15", "sgb2_1564", "sgb2_alleinerz"]),
    ("integration", ["familiensprache", "deutsch", "ausl_u18"]),
    ("gesundheit", ["uebergewicht", "u8u9", "karies", "motorik"]),
    ("bildung", ["kita_2j", "kita_36", "gymnasium", "zahlenvorwissen"]),
    ("wohnen", ["wohnflaeche", "gruenflaeche", "laerm"]),
]
AELTERE_DIMENSIONS = [
    ("wirtschaft_alter", ["grusi_65", "sgb2_5564"]),
    ("unterstuetzung", ["pflege_65", "allein_80"]),
    ("wohnumfeld", ["nahversorgung_65", "haltestelle_65", "laerm"]),  # laerm: shared with `kinder`
]


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
    """Names and descriptions; which index uses a dimension, and its weight, is in sozmon.yml."""
    return pd.DataFrame(DIMENSIONS, columns=["dimension_id", "name", "beschreibung"])


def catalogue() -> list[Indicator]:
    """Every indicator in published order: index indicators first (the children's,
    then the older people's), then the context indicators."""
    both = INDICATORS + INDICATORS_V2
    return [i for i in both if i.richtung is not None] + [i for i in both if i.richtung is None]


def indicator_table() -> pd.DataFrame:
    """The catalogue without v1's `dimension_id`/`gewicht`: the indices are in sozmon.yml."""
    rows = catalogue()
    return pd.DataFrame(
        {
            "indikator_id": [i.id for i in rows],
            "name": [i.name for i in rows],
            "richtung": [i.richtung for i in rows],
            "einheit": [i.einheit for i in rows],
            "faktor": [i.faktor for i in rows],
            "zaehler": [i.zaehler for i in rows],
            "nenner": [i.nenner for i in rows],
            "quelle": [i.quelle for i in rows],
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


def _populations_v2(areas: pd.DataFrame, pops: dict[str, np.ndarray], rng) -> dict[str, np.ndarray]:
    """The older people's denominators, drawn from the v2 generator.

    65+ are the inhabitants who are neither under 15 nor 15-64, so the three age groups
    add up to `einwohner`; about a third of them are 80+ (a little more in the centres),
    about a quarter of the 15-64-year-olds are 55-64.
    """
    n_a = len(areas)
    d = areas["disadvantage"].to_numpy()[:, None]
    p65 = pops["einwohner"] - pops["u15"] - pops["p1564"]
    share80 = 0.34 + 0.03 * _centrality(areas)[:, None] + rng.normal(0, 0.02, (n_a, 1))
    out = {
        "p65": p65,
        "p80": rng.binomial(p65, share80),
        "p5564": rng.binomial(pops["p1564"], 0.24 - 0.01 * d),
    }
    return {k: np.maximum(v, 1).astype(np.int64) for k, v in out.items()}


def _centrality(areas: pd.DataFrame) -> np.ndarray:
    by_area = areas["name"].map(CENTRALITY_AREA)
    return by_area.fillna(areas["stadtteil"].map(CENTRALITY)).to_numpy(dtype=float)


def simulate_values(areas: pd.DataFrame, rng) -> pd.DataFrame:
    """All werte rows: per indicator, counts drawn around the latent disadvantage.

    The v1 indicators come from `rng` in their original order; the v2 indicators
    afterwards from a generator of their own (SEED_V2), so the v1 rows are unchanged.
    """
    pops = _populations(areas, rng)
    n_a, n_y = len(areas), len(YEARS)
    growing = 1 + GAP_GROWTH * np.arange(n_y)[None, :]
    d = areas["disadvantage"].to_numpy()[:, None] * growing
    frames = [_simulate(ind, d, areas, pops, rng) for ind in INDICATORS]
    rng_v2 = np.random.default_rng(SEED_V2)
    pops.update(_populations_v2(areas, pops, rng_v2))
    # One factor per area that only older people's indicators share (e.g. a former
    # miners' estate: small pensions, many old people living alone), so their index
    # follows the children's only in part.
    own = rng_v2.normal(0, 1, (n_a, 1))
    frames += [_simulate(ind, d, areas, pops, rng_v2, own) for ind in INDICATORS_V2]
    values = _programme(pd.concat(frames, ignore_index=True), areas)
    rate_only = values["wert"].notna()
    values.loc[rate_only, ["zaehler", "nenner"]] = pd.NA
    order = {ind.id: k for k, ind in enumerate(catalogue())}
    values = values.sort_values(
        ["sozialraum_id", "jahr", "indikator_id"],
        key=lambda s: s.map(order) if s.name == "indikator_id" else s,
    )
    return _drop_missing(values, areas)[VALUE_COLUMNS].reset_index(drop=True)


def _simulate(ind: Indicator, d: np.ndarray, areas: pd.DataFrame, pops: dict, rng, own=None) -> pd.DataFrame:
    """One indicator's rows: a persistent area effect, yearly noise, then the counts."""
    n_a, n_y = d.shape
    n = pops[ind.base]
    effect = ind.slope * d + rng.normal(0, ind.spread, (n_a, 1)) + rng.normal(0, ind.noise, (n_a, n_y))
    if ind.central:
        effect = effect + ind.central * _centrality(areas)[:, None]
    if ind.own:
        effect = effect + ind.own * own
    zaehler, wert = _draw(ind, n, effect, areas, pops, rng)
    return pd.DataFrame(
        {
            "sozialraum_id": np.repeat(areas["sozialraum_id"].to_numpy(), n_y),
            "jahr": np.tile(YEARS, n_a),
            "indikator_id": ind.id,
            "zaehler": pd.array(zaehler.ravel(), dtype="Int64"),
            "nenner": pd.array(n.ravel(), dtype="Int64"),
            "wert": pd.array(wert.ravel(), dtype="Float64"),
        }
    )


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


def _programme(values: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The PROGRAMME_AREA's counts from PROGRAMME_START on (see PROGRAMME): first the
    gap growth undone for every share of the children's index, then PROGRAMME's
    percentage points of the denominator added; rounded and kept within 0..nenner.
    Deterministic, and no other area's row changes."""
    area = areas.loc[areas["name"] == PROGRAMME_AREA].iloc[0]
    values = values.copy()
    shares = [i for i in INDICATORS if i.kind == "share" and i.richtung is not None]
    if not set(PROGRAMME) <= {i.id for i in shares}:
        raise ValueError(f"PROGRAMME names no share of the children's index: {set(PROGRAMME)}")
    for year in YEARS:
        if year < PROGRAMME_START:
            continue
        gap = area["disadvantage"] * GAP_GROWTH * (year - PROGRAMME_START + 1)
        for ind in shares:
            row = _row(values, area["sozialraum_id"], year, ind.id)
            n, count = (int(values.at[row, column]) for column in ("nenner", "zaehler"))
            rate = min(max(count / n, 0.5 / n), 1 - 0.5 / n)  # 0 and 1 have no logit
            shift = expit(math.log(rate / (1 - rate)) - ind.slope * gap) - rate
            shift += PROGRAMME.get(ind.id, {}).get(year, 0.0) / 100
            values.at[row, "zaehler"] = min(max(count + round(n * shift), 0), n)
    return values


def _row(values: pd.DataFrame, area_id: str, year: int, indicator_id: str):
    """The index of the one row with this key."""
    found = values.index[
        (values["sozialraum_id"] == area_id) & (values["jahr"] == year) & (values["indikator_id"] == indicator_id)
    ]
    if len(found) != 1:
        raise ValueError(f"no single row for {area_id} {year} {indicator_id}")
    return found[0]


def _drop_missing(values: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Leave out the MISSING rows (and fail loudly if one of them does not exist)."""
    ids = dict(zip(areas["name"], areas["sozialraum_id"]))
    missing = {(ids[name], year, ind) for name, year, ind in MISSING}
    keys = list(zip(values["sozialraum_id"], values["jahr"], values["indikator_id"]))
    if not missing <= set(keys):
        raise ValueError(f"MISSING names rows that do not exist: {missing - set(keys)}")
    return values[[k not in missing for k in keys]]


# --- Files ------------------------------------------------------------------------

TITLE = "Sozialraummonitoring Gelsenkirchen – Synthetische Beispieldaten"
DESCRIPTION = (
    "Synthetische Beispieldaten: Alle Zahlen dieses Datenpakets sind zufällig "
    "erzeugt. Sie haben realistische Größenordnungen, "
    "sind aber NICHT die amtlichen Zahlen der Stadt Gelsenkirchen. Die Gliederung in "
    "5 Stadtbezirke und 18 Stadtteile entspricht der Stadt; die Aufteilung in 40 "
    "Sozialräume, die meisten ihrer Namen und alle Grenzen sind schematisch "
    "(Beispiel). Die Quellenangaben der Indikatoren sind Beispielangaben. "
    "Aus einem gemeinsamen Indikatorenkatalog werden zwei Indizes gebildet "
    "(„Partizipation von Kindern“ und „Lebenslage älterer Menschen“), dazu die "
    "Entwicklung der Teilhabechancen von Kindern über zwei Jahre und die Typologie "
    "„Lage und Entwicklung“; die Definitionen stehen in sozmon.yml."
)
AREA_DESCRIPTION = (
    "Schematische Grenzen der 40 Sozialräume (Voronoi-Zellen um ungefähre "
    "Stadtteilmitten, nicht die amtlichen Grenzen) mit Stadtteil, Stadtbezirk und "
    "ungefährer Einwohnerzahl am 31.12.2023. Die Aufteilung der Stadtteile in "
    "Sozialräume ist ein Beispiel."
)
DIMENSIONS_DESCRIPTION = (
    "Namen und Beschreibungen der Dimensionen (Teilindizes). Zu welchem Index eine "
    "Dimension gehört und mit welchem Gewicht, steht in sozmon.yml (indices)."
)
INDICATORS_DESCRIPTION = (
    "Indikatorenkatalog: Definition, Richtung, Einheit und Quelle jedes Indikators. "
    "Welche Indikatoren in welchen Index eingehen, steht in sozmon.yml (indices); "
    "ein Indikator kann in mehrere Indizes eingehen. Kontextindikatoren gehören zu "
    "keinem Index und haben keine Richtung."
)
RICHTUNG_DESCRIPTION = (
    "+1: ein höherer Wert ist günstiger für die Indizes, in die der Indikator eingeht; "
    "-1: ein höherer Wert ist ungünstiger; leer bei einem Kontextindikator, der in "
    "keinen Index eingeht und nicht gewertet wird"
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
            "Ältere Menschen",
            "Teilhabe",
            "Gelsenkirchen",
            "synthetisch",
            "Beispieldaten",
        ],
    }


def descriptor() -> dict:
    """The shared descriptor, with the v2 catalogue: indikatoren without `dimension_id`
    and `gewicht` (so without the key to dimensionen), dimensionen without `gewicht`."""
    package = package_descriptor(package_meta(), AREA_DESCRIPTION, PLAIN, EXCEL_DE)
    gone = {"dimension_id", "gewicht"}
    for resource in package["resources"]:
        schema = resource.get("schema", {})
        if resource["name"] == "dimensionen":
            resource["description"] = DIMENSIONS_DESCRIPTION
            schema["fields"] = [f for f in schema["fields"] if f["name"] != "gewicht"]
        if resource["name"] == "indikatoren":
            resource["description"] = INDICATORS_DESCRIPTION
            schema["fields"] = [f for f in schema["fields"] if f["name"] not in gone]
            for field in schema["fields"]:
                if field["name"] == "richtung":
                    field["description"] = RICHTUNG_DESCRIPTION
            schema.pop("foreignKeys", None)
    return package


# --- sozmon.yml ---------------------------------------------------------------------

KINDER = {
    "id": "kinder",
    "name": "Partizipation von Kindern",
    "short_name": "Teilhabechancen",
    "description": "Wie gut die Teilhabechancen von Kindern und Jugendlichen in jedem Sozialraum sind, "
    "verglichen mit den anderen Sozialräumen der Stadt: wirtschaftliche Lage, Integrationsbedarf, "
    "Gesundheit, Bildungsbeteiligung sowie Wohn- und Umweltbedingungen.",
}
KINDER_DYNAMIK = {
    "id": "kinder-dynamik",
    "name": "Entwicklung der Partizipation von Kindern",
    "short_name": "Entwicklung",
    "description": "Wie sich die Teilhabechancen von Kindern und Jugendlichen in jedem Sozialraum in den "
    "letzten zwei Jahren entwickelt haben, verglichen mit den anderen Sozialräumen: dieselben Indikatoren "
    "wie im Index, jeweils ihre Veränderung über zwei Jahre (bei Anteilen in Prozentpunkten).",
}
AELTERE = {
    "id": "aeltere",
    "name": "Lebenslage älterer Menschen",
    "short_name": "Teilhabechancen im Alter",
    "description": "Wie gut die Lebenslage von Menschen ab 65 Jahren in jedem Sozialraum ist, verglichen "
    "mit den anderen Sozialräumen der Stadt: wirtschaftliche Lage, Unterstützungsbedarf sowie Wohnumfeld "
    "und Versorgung in Fußnähe.",
}
TYPOLOGY = {
    "id": "lage-entwicklung",
    "name": "Lage und Entwicklung",
    "description": "Verbindet die Teilhabechancen von Kindern in einem Jahr mit ihrer Entwicklung in den "
    "zwei Jahren bis dahin: Wo die Lage ungünstig ist oder sich eine mittlere Lage ungünstiger entwickelt als in "
    "den meisten Sozialräumen, braucht ein Sozialraum besondere Aufmerksamkeit.",
}


def _dimensions_yaml(dimensions: list[tuple[str, list[str]]]) -> list[str]:
    lines = ["    dimensions:"]
    for dim_id, members in dimensions:
        lines += [f"      - id: {dim_id}", "        weight: 1", "        indicators:"]
        lines += [f"          - {m}" for m in members]
    return lines


def _wrapped(text: str, indent: str) -> list[str]:
    """A folded YAML block's lines (`>-` joins them with spaces again)."""
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent)


def _head_yaml(index: dict) -> list[str]:
    return [
        f"  - id: {index['id']}",
        f"    name: {index['name']}",
        f"    short_name: {index['short_name']}",
        "    description: >-",
        *_wrapped(index["description"], "      "),
    ]


def settings_text() -> str:
    """The release's sozmon.yml with the index and typology definitions (spec: issue 10)."""
    lines = [
        f"# {SETTINGS_HEADER}",
        "# Synthetische Beispieldaten: alle Zahlen sind erfunden, die Grenzen schematisch.",
        "city: Gelsenkirchen",
        "synthetic: true",
        "method:",
        "  min_denominator: 20",
        "  suppress_below: 3",
        "  standardise: year",
        f"  base_year: {YEARS[0]}",
        "  min_coverage: 0.5",
        "  classes:",
        "    cuts: [-1.0, -0.5, 0.5, 1.0]",
        "    labels: [sehr niedrig, niedrig, mittel, hoch, sehr hoch]",
        "# Die Indizes: welche Indikatoren aus indikatoren.csv in welcher Dimension eingehen.",
        "# Ein Gewicht (weight) ist ohne Angabe 1; ein Indikator mit Gewicht: {id: karies, weight: 2}.",
        "indices:",
        *_head_yaml(KINDER),
        "    kind: status",
        *_dimensions_yaml(KINDER_DIMENSIONS),
        "  # Dieselben Indikatoren und Gewichte wie `kinder`, aber ihre Veränderung über zwei Jahre.",
        "  # Klassen ohne Angabe: negativ < -1 <= stabil <= +1 < positiv.",
        *_head_yaml(KINDER_DYNAMIK),
        "    kind: dynamics",
        "    basis: kinder",
        "    period: 2",
        "    # Zweijährige Veränderungen streuen wenig im Vergleich zu den Unterschieden zwischen den",
        "    # Sozialräumen; ohne erneute Standardisierung wäre fast jeder Sozialraum „stabil“. Wie im",
        "    # Berliner Monitoring wird der Index daher noch einmal z-standardisiert.",
        "    method:",
        "      restandardise_index: true",
        "  # Aus demselben Katalog; `laerm` geht auch in `kinder` ein.",
        *_head_yaml(AELTERE),
        "    kind: status",
        *_dimensions_yaml(AELTERE_DIMENSIONS),
        "typologies:",
        f"  - id: {TYPOLOGY['id']}",
        f"    name: {TYPOLOGY['name']}",
        "    description: >-",
        *_wrapped(TYPOLOGY["description"], "      "),
        "    indices: [kinder, kinder-dynamik]",
        "    # Die Typen heißen mit den Kurznamen der Indizes, z. B. „Teilhabechancen niedrig, Entwicklung",
        "    # negativ“ (Vorgabe von label), wie Klassen, Karten und Kreuztabelle.",
        "    # Aufmerksamkeit braucht ein Sozialraum mit sehr niedrigen oder niedrigen Teilhabechancen",
        "    # und einer mit mittleren, die sich ungünstiger entwickeln (negativ). Das ist die Vorgabe (die",
        "    # Regel des Berliner Monitorings); hier ausgeschrieben, damit sie sichtbar ist und eine",
        "    # Stadt sie anpassen kann.",
        "    attention:",
        "      - {kinder: [sehr niedrig, niedrig]}",
        "      - {kinder: [mittel], kinder-dynamik: [negativ]}",
        "publication:",
        '  publisher: "sozmon-Beispiel (nicht die Stadt Gelsenkirchen)"',
        '  contact_email: "beispiel@example.org"',
    ]
    return "\n".join(lines) + "\n" + ALLOCATIONS_YAML


SETTINGS_HEADER = "Einstellungen dieser Datenlieferung (siehe docs/einstellungen.md)"

# Two allocation keys with invented budgets (issue 11): a weighted one with a floor, and one
# like NRW's plusKITA (shares of two counts, only areas needing attention, damping).
ALLOCATIONS_YAML = """\
# Verteilungsschlüssel: ein Budget nach Bedarf auf die Sozialräume verteilen (siehe
# docs/einstellungen.md, „Verteilungsschlüssel“). Budgets und Zahlen sind ein erfundenes
# Beispiel, keine Beschlüsse und keine Haushaltsmittel der Stadt.
allocations:
  - id: kinder-familien
    name: Kinder- und Familienförderung
    description: >-
      Beispiel: ein Budget für Angebote für Kinder und Familien, verteilt nach der Zahl der Kinder
      und Jugendlichen unter 18 Jahren, gewichtet nach den Teilhabechancen im Sozialraum.
    budget: 1500000
    need: {index: kinder}
    # Gewichte ohne Angabe: sehr niedrig 4, niedrig 3, mittel 2, hoch 1, sehr hoch 0
    population: {indicator: anteil_u18, count: zaehler}   # Einwohner unter 18 Jahren
    eligible: [sehr niedrig, niedrig, mittel]
    floor: 30000
  # Wie plusKITA in NRW: 75 % nach Kindern unter 15 in SGB-II-Bedarfsgemeinschaften, 25 % nach
  # Kindern mit nichtdeutscher Familiensprache, mindestens 30.000 € je berechtigtem Sozialraum.
  - id: plus-kita
    name: Zuschuss für Kitas in Sozialräumen mit besonderem Aufmerksamkeitsbedarf
    description: >-
      Beispiel nach dem Vorbild von plusKITA: ein Zuschuss nur für Sozialräume mit besonderem
      Aufmerksamkeitsbedarf, zu drei Vierteln nach der Zahl der Kinder in SGB-II-Bedarfsgemeinschaften,
      zu einem Viertel nach der Zahl der Kinder mit nichtdeutscher Familiensprache.
    budget: 1000000
    formula: shares
    shares:
      - {indicator: sgb2_u15, count: zaehler, weight: 75}
      - {indicator: familiensprache, count: zaehler, weight: 25}
    need: {typology: lage-entwicklung}
    eligible: attention
    floor: 30000
    damping: 10
"""

# The release's changelog, as a statistics office would write it (invented, like the data).
CHANGELOG = """\
# Änderungen in Version 2024.1.0 (synthetische Beispieldaten)

- Neues Berichtsjahr 2024 für alle Indikatoren.
- Korrigiert: Werte der Schuleingangsuntersuchung 2022 für zwei Sozialräume in Ückendorf
  (Zuordnung von Adressen zu Sozialräumen berichtigt).
- Neuer Kontextindikator „Arbeitslosenanteil der 15- bis 64-Jährigen“ (nur als Anteil
  geliefert, ohne Zähler und Nenner; rückwirkend ab 2018).
- Neu: Index „Lebenslage älterer Menschen“ mit sechs neuen Indikatoren (rückwirkend ab
  2018) und dem Kontextindikator „Anteil der Einwohner ab 65 Jahren“; der Indikator
  „Nächtliche Straßenlärmbelastung“ geht in beide Indizes ein.
- Neu: Entwicklung der Teilhabechancen von Kindern über zwei Jahre und die Typologie
  „Lage und Entwicklung“.
- Die Indizes sind jetzt in `sozmon.yml` definiert; `indikatoren.csv` hat keine Spalten
  `dimension_id` und `gewicht` mehr, `dimensionen.csv` keine Spalte `gewicht`.
- Unverändert: die Indikatoren des Index „Partizipation von Kindern“, ihre Gewichte und
  die Methode.

Alle Zahlen sind synthetische Beispieldaten, nicht die amtlichen Zahlen der Stadt.
"""

README = """\
# Beispiel-Datenlieferung: Sozialraummonitoring Gelsenkirchen

**Synthetische Beispieldaten.** Alle Zahlen in diesem Ordner sind zufällig erzeugt.
Sie haben realistische Größenordnungen, sind aber **nicht** die amtlichen Zahlen der
Stadt Gelsenkirchen. Die 5 Stadtbezirke und 18 Stadtteile entsprechen der Stadt; die
Aufteilung in 40 Sozialräume, die meisten ihrer Namen und alle Grenzen sind
schematisch. Die Quellenangaben der Indikatoren sind Beispielangaben.

Der Ordner zeigt, wie eine Datenlieferung für sozmon aussieht: ein Frictionless Data
Package aus Zählwerten und Grenzen. Eine Stadt ersetzt ihn durch ihre echte Lieferung.

## Indizes

Aus einem gemeinsamen Indikatorenkatalog (`indikatoren.csv`) bildet `sozmon.yml` zwei
Indizes: „Partizipation von Kindern“ ({n_kinder} Indikatoren in 5 Dimensionen) und
„Lebenslage älterer Menschen“ ({n_aeltere} Indikatoren in 3 Dimensionen; die nächtliche
Straßenlärmbelastung geht in beide ein). Dazu kommen die Entwicklung der Teilhabechancen
von Kindern über zwei Jahre und die Typologie „Lage und Entwicklung“, die Lage und
Entwicklung kreuzt und Sozialräume mit besonderem Aufmerksamkeitsbedarf kennzeichnet.
Die Methode ist eine dokumentierte Rekonstruktion, nicht die amtliche der Stadt.

Die Entwicklung ist so erfunden wie alle Zahlen: Der Abstand zwischen Norden und Süden
wächst ein wenig, daher entwickeln sich Sozialräume mit niedrigen Teilhabechancen
meist ungünstiger als die anderen. Ausnahme ist Schalke-West mit einem
erfundenen Quartiersprogramm ab 2022: Dort sinken die SGB-II-Quoten, und der Kita-Besuch
steigt um einige Prozentpunkte. So zeigt die Typologie auch einen Sozialraum mit
niedriger Lage und positiver Entwicklung.

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
| `dimensionen.csv` | Namen und Beschreibungen der {n_dimensionen} Dimensionen beider Indizes |
| `indikatoren.csv` | {n_index} Indexindikatoren und {n_kontext} Kontextindikatoren (in keinem Index, ohne Richtung) |
| `werte.csv` | Zähler und Nenner je Sozialraum, Jahr (2018 bis 2024) und Indikator; im Excel-Format (UTF-8 mit BOM, Semikolon, Dezimalkomma) |
| `strassen.csv` | Straßenverzeichnis (wie das „Straßenraster“ der Bundesagentur für Arbeit): Straße, Postleitzahl, Hausnummern von–bis, Seite, Sozialraum; **erfundene Straßennamen**, per Punkt-in-Polygon den schematischen Grenzen zugeordnet – keine echten Adressen |
| `sozmon.yml` | Einstellungen: Stadt, Methode, die Indizes und die Typologie, Herausgeber |
| `aenderungen.md` | Änderungen dieser Lieferung |

Absichtlich enthalten, damit die Regeln greifen: kleine Zählwerte (0, 1, 2; Werte mit
Zähler 1 oder 2 werden nicht veröffentlicht); in einigen Jahren Nenner unter 20 im
kleinen Sozialraum Scholven-Nord, die nicht in den Index eingehen; vier fehlende
Zeilen; ein Kontextindikator (`arbeitslose`), der nur als Anteil (`wert`) ohne Zähler
und Nenner geliefert wird.

Lizenz: Datenlizenz Deutschland – Namensnennung – Version 2.0.
"""


def readme() -> str:
    """README with the counts taken from the definitions, so they cannot drift."""
    rows = catalogue()
    return README.format(
        n_kinder=sum(len(m) for _, m in KINDER_DIMENSIONS),
        n_aeltere=sum(len(m) for _, m in AELTERE_DIMENSIONS),
        n_dimensionen=len(DIMENSIONS),
        n_index=sum(i.richtung is not None for i in rows),
        n_kontext=sum(i.richtung is None for i in rows),
    )


# --- Street directory (issue 12) ----------------------------------------------------
#
# Invented street names (plausible German patterns; not the city's streets, so a real
# address never gets a wrong answer), laid out as straight synthetic streets in the
# schematic city: houses every HOUSE_STEP metres, odd numbers on the left, even on the
# right. Each house goes to the Sozialraum whose polygon in sozialraeume.geojson holds
# it (point in polygon), so the directory agrees with the map; a street that crosses a
# border is split between two areas, by side. Consecutive houses of a side in one area
# and postcode become one row of the directory, in the shape of the Federal Employment
# Agency's Straßenraster. Drawn from a generator of its own (SEED_STREETS): no other
# file of the sample changes.

SEED_STREETS = 1201
STREETS_PER_AREA = (3, 5)  # at least, at most
STREET_LENGTH = (140.0, 480.0)  # metres
STREET_MARGIN = 150.0  # metres: a street starts at least this far inside its area
HOUSE_STEP = 24.0  # metres between two houses of one side
HOUSE_OFFSET = 14.0  # metres from the middle of the street

STREET_ROOTS = [
    "Amsel",
    "Birken",
    "Dohlen",
    "Eichen",
    "Erlen",
    "Falken",
    "Flöz",
    "Förder",
    "Gruben",
    "Hauer",
    "Hütten",
    "Kohlen",
    "Kokerei",
    "Lerchen",
    "Linden",
    "Mergel",
    "Mühlen",
    "Pütt",
    "Schacht",
    "Schlägel",
    "Seilscheiben",
    "Stollen",
    "Weißdorn",
    "Zechen",
    "Ziegel",
    "Holunder",
    "Ginster",
    "Schlehen",
    "Brombeer",
    "Wacholder",
    "Ulmen",
    "Kastanien",
    "Halden",
    "Schleusen",
    "Loren",
    "Steiger",
    "Kumpel",
    "Fördergerüst",
    "Grubenlampen",
    "Kaue",
]
STREET_SUFFIXES = ["straße", "weg", "ring", "pfad", "kamp", "allee", "gasse"]
# Named in the docs and tests of the street search (SAMPLE-BASIS.md's examples).
STREET_FIXED = ["Kohlenweg", "Am Lindenhof", "Zechenstraße Süd", "Große Weißdornstraße", "Schlägel-und-Eisen-Weg"]
# An invented, schematic postcode per Stadtteil (Gelsenkirchen's postcodes, roughly
# where they are; the synthetic streets are not real addresses).
POSTCODES = {
    "Altstadt": "45879", "Bismarck": "45889", "Bulmke-Hüllen": "45888", "Feldmark": "45883",
    "Heßler": "45883", "Schalke": "45881", "Schalke-Nord": "45881", "Buer": "45894", "Hassel": "45896",
    "Scholven": "45896", "Horst": "45899", "Beckhausen": "45897", "Erle": "45891", "Resse": "45892",
    "Resser Mark": "45892", "Neustadt": "45879", "Ückendorf": "45886", "Rotthausen": "45884",
}  # fmt: skip
STREET_COLUMNS = ["strasse", "plz", "hausnummer_von", "hausnummer_bis", "seite", "sozialraum_id"]
STREETS_DESCRIPTION = (
    "Synthetisches Straßenverzeichnis: Die Straßennamen sind erfunden und als gerade Linien schematisch in "
    "die Sozialräume gelegt; jede Hausnummer gehört zu dem Sozialraum, in dessen Fläche sie liegt. Keine "
    "echten Adressen der Stadt Gelsenkirchen. Aufbau wie das Straßenraster der Bundesagentur für Arbeit: je "
    "Straße, Postleitzahl und Straßenseite ein Abschnitt von Hausnummern mit seinem Sozialraum."
)


def street_names(rng, n: int) -> list[str]:
    """`n` invented street names, drawn from the combinations (never a fixed example)."""
    combos = [r + s for r in STREET_ROOTS for s in STREET_SUFFIXES]
    combos += [f"Am {r}hof" for r in STREET_ROOTS[::3]] + [f"{r}straße Nord" for r in STREET_ROOTS[1::5]]
    combos = [c for c in combos if c not in STREET_FIXED]
    return [combos[i] for i in rng.permutation(len(combos))[:n]]


def street_table(areas_path: Path, stadtteile: dict[str, str]) -> pd.DataFrame:
    """The synthetic street directory against the written boundaries (see above). The
    fixed example names go to chosen streets: "Kohlenweg" to the first street split by
    house number between two areas, the others to the first streets wholly in one area."""
    import json

    rng = np.random.default_rng(SEED_STREETS)
    features = json.loads(areas_path.read_text(encoding="utf-8"))["features"]
    ids = [f["properties"]["sozialraum_id"] for f in features]
    polygons = [
        shapely.transform(
            shapely.geometry.shape(f["geometry"]), lambda c: np.column_stack(_to_metres(c[:, 0], c[:, 1]))
        )
        for f in features
    ]
    counts = rng.integers(STREETS_PER_AREA[0], STREETS_PER_AREA[1] + 1, len(ids))
    names = street_names(rng, int(counts.sum()))
    streets = []
    for polygon, count in zip(polygons, counts):
        streets += [_street_rows(_street_line(polygon, rng), ids, polygons, stadtteile) for _ in range(count)]
    by_number = next(i for i, r in enumerate(streets) if _split_by_number(r))
    whole = [i for i, r in enumerate(streets) if len(r) == 1 and i != by_number]
    for i, name in zip([by_number, *whole[::7]], STREET_FIXED):
        names[i] = name
    rows = [[names[i], *row] for i, street in enumerate(streets) for row in street]
    return pd.DataFrame(rows, columns=STREET_COLUMNS)


def _split_by_number(rows: list[list]) -> bool:
    """Both sides run from one area into another (the same two areas), one postcode."""
    sides = {side: [r[4] for r in rows if r[3] == side] for side in ("ungerade", "gerade")}
    return (
        all(len(a) == 2 for a in sides.values())
        and sides["ungerade"] == sides["gerade"]
        and len({r[0] for r in rows}) == 1
    )


def _street_line(polygon, rng) -> tuple[np.ndarray, np.ndarray, float]:
    """Start (inside the area, mostly away from its border), direction and length."""
    inner = polygon.buffer(-STREET_MARGIN)
    inner = polygon if inner.is_empty else inner
    minx, miny, maxx, maxy = inner.bounds
    while True:
        start = np.array([rng.uniform(minx, maxx), rng.uniform(miny, maxy)])
        if inner.contains(Point(start)):
            break
    angle = rng.uniform(0, math.pi)
    return start, np.array([math.cos(angle), math.sin(angle)]), float(rng.uniform(*STREET_LENGTH))


def _street_rows(line, ids: list[str], polygons: list, stadtteile: dict[str, str]) -> list[list]:
    """The directory rows of one street: runs of consecutive numbers per side, area and postcode."""
    start, direction, length = line
    normal = np.array([-direction[1], direction[0]])  # to the left
    houses: dict[str, list[tuple[int, str]]] = {"ungerade": [], "gerade": []}
    for j in range(int(length // HOUSE_STEP) + 1):
        for side, number, sign in (("ungerade", 2 * j + 1, 1), ("gerade", 2 * j + 2, -1)):
            at = (
                start + direction * (j * HOUSE_STEP + (number % 2 == 0) * HOUSE_STEP / 2) + sign * normal * HOUSE_OFFSET
            )
            inside = [i for i, p in enumerate(polygons) if p.contains(Point(at))]
            if inside:
                houses[side].append((number, ids[inside[0]]))
    runs = {side: _runs(h, stadtteile) for side, h in houses.items()}
    areas = {r[3] for side in runs.values() for r in side}
    if len(areas) == 1 and all(len(r) == 1 for r in runs.values()):  # the whole street in one area
        (low_u, high_u, plz, area), (low_g, high_g, _, _) = runs["ungerade"][0], runs["gerade"][0]
        return [[plz, min(low_u, low_g), max(high_u, high_g), "alle", area]]
    return [[plz, low, high, side, area] for side, r in runs.items() for low, high, plz, area in r]


def _runs(houses: list[tuple[int, str]], stadtteile: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """(first, last, postcode, area) of each run of houses in the same area."""
    out: list[list] = []
    for number, area in houses:
        plz = POSTCODES[stadtteile[area]]
        if out and out[-1][3] == area and out[-1][2] == plz:
            out[-1][1] = number
        else:
            out.append([number, number, plz, area])
    return [tuple(r) for r in out]


def street_resource() -> dict:
    """The street directory's entry in datapackage.json (plain CSV, ids and postcodes as text)."""
    fields = [
        ("strasse", "string", "Straße", "Name der Straße (erfunden)"),
        ("plz", "string", "Postleitzahl", "Postleitzahl des Abschnitts (fünf Ziffern, Text)"),
        ("hausnummer_von", "integer", "Hausnummer von", "Erste Hausnummer des Abschnitts"),
        ("hausnummer_bis", "integer", "Hausnummer bis", "Letzte Hausnummer des Abschnitts"),
        ("seite", "string", "Straßenseite", "alle, gerade oder ungerade Hausnummern"),
        ("sozialraum_id", "string", "Sozialraum-ID", "Sozialraum, in dem die Hausnummern liegen"),
    ]
    schema = {"fields": [{"name": n, "type": t, "title": ti, "description": d} for n, t, ti, d in fields]}
    return {
        "name": "strassen",
        "path": "strassen.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": "Straßenverzeichnis (synthetisch)",
        "description": STREETS_DESCRIPTION,
        "dialect": {"csv": {"delimiter": ","}},
        "schema": schema,
    }


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
    stadtteile = dict(zip(areas["sozialraum_id"], areas["stadtteil"]))
    write_csv(street_table(outdir / "sozialraeume.geojson", stadtteile), outdir / "strassen.csv", PLAIN)
    package = descriptor()
    package["resources"].append(street_resource())
    write_json(package, outdir / "datapackage.json")
    (outdir / "sozmon.yml").write_text(settings_text(), encoding="utf-8", newline="")
    (outdir / "README.md").write_text(readme(), encoding="utf-8", newline="")
    (outdir / "aenderungen.md").write_text(CHANGELOG, encoding="utf-8", newline="")
    return outdir


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else DEFAULT_OUT
    print(write_sample(out))


if __name__ == "__main__":
    main()
