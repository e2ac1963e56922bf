"""Every German text a user reads, in one place, so another city can translate it."""

from __future__ import annotations

from string import Formatter

from .problems import Problem

# code -> (what is wrong, what to do). Placeholders come from Problem.params,
# plus {value}, {field} and {file}.
PROBLEMS: dict[str, tuple[str, str]] = {
    # the release as a whole
    "release-missing": (
        "Keine Datenlieferung gefunden: {file} fehlt",
        "Den Ordner der Datenlieferung mit --data angeben; er muss datapackage.json enthalten.",
    ),
    "descriptor-invalid": (
        "datapackage.json ist kein gültiges JSON ({detail})",
        "Die Datei in einem JSON-Prüfprogramm öffnen und die Stelle korrigieren.",
    ),
    "descriptor-error": (
        "Die Paketbeschreibung ist fehlerhaft: {detail}",
        "datapackage.json nach der Frictionless-Spezifikation korrigieren.",
    ),
    "resource-missing": (
        "Die Ressource '{value}' fehlt in datapackage.json",
        "Eine Ressource mit diesem Namen und ihrer Datei eintragen.",
    ),
    "file-missing": (
        "Die Datei {file} fehlt oder kann nicht gelesen werden ({detail})",
        "Den Pfad in datapackage.json prüfen und die Datei neben datapackage.json legen.",
    ),
    "field-missing": (
        "Die Pflichtspalte '{field}' fehlt",
        "Die Spalte in der Datei (Kopfzeile) und im Schema von datapackage.json ergänzen.",
    ),
    "file-empty": (
        "Die Datei ist leer",
        "Die Datei mit Kopfzeile und Werten neu speichern.",
    ),
    "resource-empty": (
        "Die Datei enthält keine {what} ({detail})",
        "Die {what} eintragen (mindestens eine Zeile) und die Datei neu speichern; "
        "ohne sie lässt sich kein Index berechnen.",
    ),
    "delimiter-wrong": (
        "Die Spalten sind mit '{value}' getrennt, deklariert ist '{declared}'",
        'In datapackage.json das Trennzeichen angeben (dialect: {{"csv": {{"delimiter": "{value}"}}}}) '
        "oder die Datei mit '{declared}' speichern.",
    ),
    "field-type": (
        "Das Feld '{field}' ist als '{value}' deklariert, erwartet: {expected}",
        "Den Typ im Schema von datapackage.json ändern (Kennungen als string, damit führende Nullen erhalten bleiben).",
    ),
    # frictionless findings
    "type-error": (
        "'{value}' ist kein gültiger Wert vom Typ {expected}",
        "Den Wert korrigieren; Dezimalzeichen und Trennzeichen wie in datapackage.json deklariert verwenden.",
    ),
    "constraint-error": (
        "'{value}' verletzt eine Regel des Schemas ({detail})",
        "Den Wert an die Regel im Schema anpassen.",
    ),
    "missing-cell": (
        "Die Zeile hat zu wenige Spalten: '{field}' fehlt",
        "Fehlende Trennzeichen ergänzen; leere Werte als leere Zelle eintragen.",
    ),
    "extra-cell": (
        "Die Zeile hat mehr Spalten als die Kopfzeile",
        "Überzählige Trennzeichen entfernen oder Text mit Trennzeichen in Anführungszeichen setzen.",
    ),
    "blank-row": ("Leere Zeile", "Die leere Zeile löschen."),
    "header-error": (
        "Die Kopfzeile passt nicht zum Schema ({detail})",
        "Spaltennamen und Reihenfolge wie im Schema von datapackage.json schreiben.",
    ),
    "encoding-error": (
        "Die Datei ist nicht in der deklarierten Zeichenkodierung {detail} gespeichert",
        "Als UTF-8 speichern (Excel: 'CSV UTF-8') oder die Kodierung in datapackage.json angeben.",
    ),
    "format-error": (
        "Die Datei kann nicht als Tabelle gelesen werden ({detail})",
        "Format und Trennzeichen (dialect) in datapackage.json prüfen.",
    ),
    "table-error": (
        "Die Tabelle ist fehlerhaft: {detail}",
        "Die Datei und ihr Schema in datapackage.json prüfen.",
    ),
    # keys and references
    "duplicate-key": (
        "Der Schlüssel '{value}' kommt mehrfach vor (zuerst in Zeile {first})",
        "Doppelte Zeilen löschen oder zusammenführen: jede Kombination darf nur einmal vorkommen.",
    ),
    "unknown-reference": (
        "'{value}' ist in {target} nicht bekannt{hint}",
        "Die Kennung korrigieren oder in {target} ergänzen.",
    ),
    # values
    "count-negative": (
        "Die Zahl {value} ist negativ",
        "Zähler und Nenner sind Anzahlen und dürfen nicht negativ sein.",
    ),
    "count-not-integer": (
        "{value} ist keine ganze Zahl",
        "Anzahlen als ganze Zahlen liefern (ohne Nachkommastellen).",
    ),
    "denominator-zero": (
        "Der Nenner ist 0",
        "Einen Nenner größer als 0 liefern oder die Zeile weglassen.",
    ),
    "count-exceeds": (
        "Der Zähler {value} ist größer als der Nenner {nenner} (Anteil über 100 %)",
        "Zähler und Nenner prüfen: bei einem Anteil kann der Zähler nicht größer sein.",
    ),
    "row-incomplete": (
        "Die Zeile hat {detail}",
        "Entweder Zähler und Nenner liefern oder, wenn nur eine Quote vorliegt, nur 'wert'.",
    ),
    "value-ignored": (
        "Die Zeile hat Zähler und Nenner und zusätzlich 'wert'; 'wert' wird nicht verwendet",
        "'wert' leer lassen, wenn Zähler und Nenner geliefert werden.",
    ),
    "direction-invalid": (
        "Die Richtung '{value}' ist weder +1 noch -1",
        "+1 eintragen, wenn ein höherer Wert bessere Teilhabechancen bedeutet, sonst -1.",
    ),
    "direction-missing": (
        "Die Richtung fehlt; der Indikator gehört zu einer Dimension des Index",
        "+1 eintragen, wenn ein höherer Wert bessere Teilhabechancen bedeutet, sonst -1. "
        "Nur Kontextindikatoren (ohne Dimension) bleiben ohne Richtung.",
    ),
    "weight-invalid": (
        "Das Gewicht {value} ist nicht zulässig",
        "Ein Gewicht von mindestens 0 eintragen (leer bedeutet 1).",
    ),
    "factor-invalid": (
        "Der Faktor {value} ist nicht zulässig",
        "Einen Faktor größer als 0 eintragen (100 für Prozent).",
    ),
    "year-invalid": (
        "Das Jahr {value} ist nicht plausibel",
        "Das Berichtsjahr vierstellig eintragen, z. B. 2024.",
    ),
    "id-empty": ("Die Kennung ist leer", "Jeder Zeile eine Kennung geben."),
    "id-unsafe": (
        "Die Kennung '{value}' ist als Teil einer Webadresse und eines Dateinamens nicht sicher",
        "Nur Buchstaben ohne Umlaute, Ziffern, '-' und '_' verwenden, mit einem Buchstaben oder "
        "einer Ziffer beginnen, höchstens 64 Zeichen (z. B. 'sgb2_u15').",
    ),
    "id-reserved": (
        "Die Kennung '{value}' ist reserviert ({reason})",
        "Eine andere Kennung wählen und sie überall ändern, wo sie vorkommt.",
    ),
    "id-case-collision": (
        "Die Kennung '{value}' unterscheidet sich von '{other}' (Zeile {first}) nur in Groß- und Kleinschreibung",
        "Kennungen müssen sich auch ohne Groß- und Kleinschreibung unterscheiden (Webadressen, "
        "Windows und macOS): eine der beiden umbenennen.",
    ),
    # geometry
    "geometry-unreadable": (
        "Die Geometrie-Datei kann nicht gelesen werden ({detail})",
        "Die Datei in QGIS öffnen und als GeoJSON (WGS84) oder GeoPackage neu speichern.",
    ),
    "geometry-missing": (
        "Das Gebiet hat keine Geometrie",
        "Eine Fläche für das Gebiet ergänzen.",
    ),
    "geometry-type": (
        "Die Geometrie ist vom Typ {value}, erwartet: Polygon oder MultiPolygon",
        "Sozialräume als Flächen liefern.",
    ),
    "geometry-invalid": (
        "Die Geometrie ist ungültig ({detail})",
        "In QGIS mit 'Geometrien reparieren' korrigieren.",
    ),
    "geometry-crs": (
        "Die Koordinaten liegen nicht im Bereich von WGS84 und die Datei gibt kein Koordinatensystem an",
        "Das Koordinatensystem in der Datei angeben (z. B. EPSG:25832) oder nach WGS84 umprojizieren.",
    ),
    "id-not-text": (
        "Die Kennung '{value}' ist als Zahl gespeichert; führende Nullen gehen so verloren",
        "sozialraum_id als Text speichern (in GeoJSON in Anführungszeichen).",
    ),
    "nesting-broken": (
        "Der Stadtteil '{value}' liegt in mehreren Stadtbezirken ({bezirke})",
        "Zuordnung prüfen: jeder Stadtteil sollte in genau einem Stadtbezirk liegen, sonst "
        "sind Summen über Stadtteile und Bezirke nicht vergleichbar.",
    ),
    "area-without-data": (
        "Für das Gebiet '{value}' gibt es keine Werte{detail}",
        "Prüfen, ob Werte fehlen; sonst ist nichts zu tun.",
    ),
    "indicator-without-data": (
        "Für den Indikator '{value}' gibt es keine Werte",
        "Werte nachliefern oder den Indikator aus dem Katalog nehmen.",
    ),
    "dimension-without-indicator": (
        "Die Dimension '{value}' hat keinen Indikator",
        "Indikatoren zuordnen oder die Dimension entfernen.",
    ),
    # settings
    "settings-syntax": (
        "sozmon.yml kann nicht gelesen werden ({detail})",
        "Die YAML-Syntax an der genannten Zeile korrigieren (Einrückung mit Leerzeichen).",
    ),
    "settings-unknown": (
        "Unbekannte Einstellung '{field}'",
        "Schreibweise prüfen; alle Einstellungen stehen in docs/einstellungen.md.",
    ),
    "settings-type": (
        "Die Einstellung '{field}' hat den Wert '{value}', erwartet: {expected}",
        "Den Wert korrigieren; siehe docs/einstellungen.md.",
    ),
    "settings-range": (
        "Die Einstellung '{field}' = {value} liegt außerhalb des zulässigen Bereichs ({expected})",
        "Den Wert korrigieren; siehe docs/einstellungen.md.",
    ),
    "settings-base-year": (
        "Das Basisjahr {value} kommt in den Werten nicht vor (vorhanden: {expected})",
        "Ein Jahr angeben, für das Werte geliefert werden, oder method.base_year weglassen (dann gilt das erste Jahr).",
    ),
    "settings-publisher-missing": (
        "Kein Herausgeber angegeben; die Metadaten nennen '{fallback}' (ohne Stadt: keine DCAT-Metadaten)",
        "publication.publisher in sozmon.yml eintragen, z. B. 'Stadt X, Referat Statistik'.",
    ),
    "settings-cuts-order": (
        "Die Klassengrenzen {value} sind nicht streng aufsteigend",
        "Die Grenzen aufsteigend und ohne Wiederholung angeben.",
    ),
    "settings-labels-count": (
        "Es gibt {value} Klassennamen, nötig sind {expected} (eine mehr als Grenzen)",
        "Klassennamen und Grenzen aufeinander abstimmen.",
    ),
    "settings-boundary": (
        "method.classes.boundary braucht {expected} Einträge 'oben' oder 'unten'",
        "Für jede Grenze angeben, zu welcher Klasse ein Wert genau auf der Grenze gehört.",
    ),
}

FALLBACK = ("{detail}", "Die Datei an dieser Stelle prüfen.")
# {detail} of "resource-empty"
EMPTY_TABLE = "nur eine Kopfzeile, keine Zeile mit Daten"
EMPTY_GEOMETRY = "die Datei hat kein einziges Gebiet (Feature)"
# {reason} of "id-reserved"
ID_RESERVED = {
    "reserved_page": "so heißt die Übersichtsseite jedes Bereichs der Website",
    "reserved_total": "so heißt der Gesamtindex in den veröffentlichten Tabellen",
}

SEVERITY = {"error": "Fehler", "warning": "Hinweis"}

# command line
CHECK_HEADER = ("Datei", "Zeile", "Feld", "Wert", "Problem", "Was tun")
CHECK_OK = "Die Datenlieferung in {path} ist in Ordnung."
CHECK_OK_WARNINGS = "Die Datenlieferung in {path} ist in Ordnung ({warnings} Hinweise)."
CHECK_FAILED = "{errors} Fehler und {warnings} Hinweise in {path}."
CHECK_PER_FILE = "  {file}: {errors} Fehler, {warnings} Hinweise"
BUILD_DONE = "Fertig: {path} ({seconds:.1f} s)"
BUILD_FAILED = (
    "Nichts veröffentlicht: die Datenlieferung hat Fehler. Die letzte gute Ausgabe in {out} bleibt unverändert."
)
BUILD_STEP = {
    "load": "Datenlieferung lesen und prüfen",
    "compute": "Index berechnen",
    "write": "Datenpaket schreiben",
    "pages": "Seiten und Diagramme erzeugen",
    "mkdocs": "Website mit MkDocs bauen",
}
DEBUG_HINT = "Das ist ein Fehler in sozmon. Mit SOZMON_DEBUG=1 erscheinen die Details; bitte melden."
SITE_FAILED = "MkDocs konnte die Website nicht bauen; die letzte gute Ausgabe in {out} bleibt unverändert:\n{detail}"
SERVING = "Vorschau unter {url} – Strg+C beendet."
SITE_DONE = "Website: {path}"
CANNOT_RUN = "sozmon konnte nicht ausgeführt werden: {detail}"
OUT_NOT_OURS = (
    "Der Ausgabeordner {out} enthält Dateien, die nicht von sozmon stammen; "
    "er wird nicht überschrieben. Einen anderen Ordner mit --out angeben."
)
CHART_DOWNLOAD = "Grafik als SVG"
# Texts of the theme's scripts (theme/main.html)
THEME = {
    "menu": "Navigation",
    "table": "Tabelle (seitlich verschiebbar)",
    "table_named": "Tabelle: {name} (seitlich verschiebbar)",
    "table_hint": "Die Tabelle ist breiter als der Bildschirm: seitlich wischen für weitere Spalten →",
}
# Texts of the site's frame (theme/main.html, theme/404.html, site.config)
SHELL = {
    "print_release": "Veröffentlichung {version} vom {date}",
    "print_publisher": "Herausgeber: {publisher}",
    "print_licence": "Lizenz: {licence}",
    "print_address": "Online: {url}",
    "preview_alt": "Karte: {index} in {city} je Sozialraum",
    "not_found_title": "Seite nicht gefunden",
    "not_found_text": "Unter dieser Adresse gibt es keine Seite. Vielleicht wurde sie verschoben, "
    "oder die Adresse ist nicht vollständig.",
    "not_found_home": "Zur Startseite",
    "not_found_search": "Die Website durchsuchen",
    "not_found_query": "Suchbegriff",
    "not_found_submit": "Suchen",
    "not_found_areas": "Alle Sozialräume",
}
CHART_TABLE = "Tabelle: {title}"
SYNTHETIC_MAP_NOTE = "Synthetische Beispieldaten, schematische Grenzen"
SYNTHETIC_NOTE = "Synthetische Beispieldaten – nicht die amtlichen Zahlen der Stadt."


def problem_text(p: Problem) -> tuple[str, str]:
    """The German sentence and the advice for a problem, with its placeholders filled."""
    what, todo = PROBLEMS.get(p.code, FALLBACK)
    values = {
        "value": p.value or "",
        "field": p.field or "",
        "file": p.file,
        "detail": "",
        "hint": "",
        **dict(p.params),
    }
    return _fill(what, values), _fill(todo, values)


def _fill(template: str, values: dict[str, str]) -> str:
    names = {name for _, name, _, _ in Formatter().parse(template) if name}
    return template.format(**{n: values.get(n, "") for n in names})


# --- the published open data package -------------------------------------------------
# field name -> (title, description). Column names are a public interface: keep them.
FIELDS: dict[str, tuple[str, str]] = {
    "sozialraum_id": ("Sozialraum-ID", "Kennung des Sozialraums. Text: führende Nullen gehören dazu."),
    "name": ("Name", "Name"),
    "stadtteil": ("Stadtteil", "Stadtteil, in dem der Sozialraum liegt"),
    "stadtbezirk": ("Stadtbezirk", "Stadtbezirk, in dem der Sozialraum liegt"),
    "jahr": ("Jahr", "Berichtsjahr"),
    "indikator_id": ("Indikator-ID", "Kennung des Indikators (siehe Tabelle indikatoren)"),
    "dimension_id": (
        "Dimensions-ID",
        "Kennung der Dimension (siehe Tabelle dimensionen); 'gesamt' ist der Gesamtindex",
    ),
    "zaehler": (
        "Zähler",
        "Anzahl im Zähler (z. B. Kinder in SGB-II-Bedarfsgemeinschaften); leer, wenn er gesperrt ist oder nur eine Quote geliefert wurde",
    ),
    "nenner": (
        "Nenner",
        "Anzahl im Nenner (Bezugsgröße, z. B. Kinder unter 15 Jahren); leer, wenn er gesperrt ist: dieselbe Zahl ist bei einem anderen Indikator ein gesperrter Zähler",
    ),
    "wert": ("Wert", "Zähler / Nenner × Faktor des Indikators, in der Einheit des Indikators; leer, wenn gesperrt"),
    "index_wert": (
        "Wert (standardisiert)",
        "Standardisierter Wert der Dimension bzw. des Gesamtindex ('gesamt'): gewichtetes Mittel der z-Werte ihrer Indikatoren bzw. Dimensionen, keine Quote. 0 = Mittel der Sozialräume (bei Standardisierung gegen das Basisjahr: im Basisjahr), höher = bessere Teilhabechancen; leer, wenn zu wenige Werte vorlagen",
    ),
    "z_wert": (
        "z-Wert",
        "Standardisierter Wert: Abstand zum Mittel der Sozialräume in Standardabweichungen, bei Indikatoren des Index so gedreht, dass höher = bessere Teilhabechancen. Bei Kontextindikatoren (ohne Dimension) nicht gedreht und ohne Wertung: höher = höherer Wert; leer, wenn der Nenner zu klein oder der Wert gesperrt ist",
    ),
    "im_index": (
        "Im Index",
        "true, wenn der Wert in den Index eingeht: der Indikator gehört zu einer Dimension, der Nenner ist groß genug und der Wert ist nicht gesperrt. Kontextindikatoren (ohne Dimension) beschreiben das Gebiet und sind nie im Index",
    ),
    "gesperrt": (
        "Gesperrt",
        "true, wenn Zahlen der Zeile aus Gründen der Geheimhaltung nicht veröffentlicht werden (kleine Fallzahl oder aus ihr errechenbar): der Wert (und der z-Wert) ist dann leer, dazu der Zähler, der Nenner (wenn dieselbe Zahl bei einem anderen Indikator ein gesperrter Zähler ist) oder beide",
    ),
    "nur_wert": (
        "Nur Quote geliefert",
        "true, wenn die Datenlieferung nur eine Quote, keine Zähler und Nenner enthielt",
    ),
    "klasse": (
        "Klasse",
        "Klasse des Werts nach den Teilhabechancen, nicht nach dem Namen der Dimension: von 'sehr niedrig' (geringste Teilhabechancen) bis 'sehr hoch'",
    ),
    "rang": ("Rang", "Rang unter den Sozialräumen im Jahr: 1 = geringste Teilhabechancen"),
    "abdeckung": (
        "Abdeckung",
        "Anteil (nach Gewicht) der Indikatoren bzw. Dimensionen, für die ein Wert vorlag (0 bis 1)",
    ),
    "veraenderung_vorjahr": (
        "Veränderung zum Vorjahr",
        "Wert minus Wert im vorherigen Jahr der Lieferung: eine Veränderung der relativen Lage unter den Sozialräumen (ein Gebiet steigt auch, wenn andere fallen), keine Veränderung der Lebensbedingungen selbst; diese zeigen die Indikatorwerte",
    ),
    "veraenderung_basisjahr": (
        "Veränderung zum Basisjahr",
        "Wert minus Wert im Basisjahr: eine Veränderung der relativen Lage unter den Sozialräumen, keine Veränderung der Lebensbedingungen selbst (außer bei Standardisierung gegen das Basisjahr)",
    ),
    "ebene": ("Ebene", "Gebietsebene: stadt, stadtbezirk oder stadtteil"),
    "gebiet": ("Gebiet", "Name der Stadt, des Stadtbezirks oder des Stadtteils"),
    "beschreibung": ("Beschreibung", "Beschreibung"),
    "gewicht": ("Gewicht", "Gewicht im Index bzw. in der Dimension"),
    "richtung": (
        "Richtung",
        "+1: ein höherer Wert hebt den Index (bessere Teilhabechancen), -1: ein höherer Wert senkt ihn; leer bei Kontextindikatoren (ohne Dimension), die nicht gewertet werden",
    ),
    "einheit": ("Einheit", "Einheit des Werts, z. B. % oder m² je Einwohner"),
    "faktor": ("Faktor", "Wert = Zähler / Nenner × Faktor (100 für Prozent)"),
    "zaehler_definition": ("Zähler (Definition)", "Was gezählt wird"),
    "nenner_definition": ("Nenner (Definition)", "Bezugsgröße"),
    "quelle": ("Quelle", "Datenquelle"),
}

RESOURCES: dict[str, tuple[str, str]] = {
    "sozialraeume": ("Sozialräume", "Grenzen der Sozialräume (WGS84) mit Stadtteil und Stadtbezirk."),
    "indikator_werte": (
        "Indikatorwerte",
        "Zähler, Nenner, Wert und z-Wert jedes Indikators je Sozialraum und Jahr. Gesperrte Werte sind leer.",
    ),
    "index": (
        "Index und Dimensionen",
        "Wert, Klasse, Rang und Veränderung des Index ('gesamt') und jeder Dimension je Sozialraum und Jahr.",
    ),
    "gebiete_werte": (
        "Werte der Stadt, Stadtbezirke und Stadtteile",
        "Indikatorwerte größerer Gebiete als Quotient der Summen (Σ Zähler / Σ Nenner × Faktor), nie als Mittel der Quoten.",
    ),
    "indikatoren": (
        "Indikatoren",
        "Katalog der Indikatoren mit Dimension, Richtung, Einheit, Definition und Quelle. Ohne Dimension: Kontextindikator, nicht im Index.",
    ),
    "dimensionen": ("Dimensionen", "Die Dimensionen des Index und ihr Gewicht; 'gesamt' ist der Gesamtindex."),
    "werte": (
        "Werte",
        "Zähler und Nenner (oder nur eine Quote) je Sozialraum, Jahr und Indikator; Teil der Datenlieferung, nicht veröffentlicht.",
    ),
    "aenderungen": ("Änderungen", "Was sich gegenüber der vorherigen Veröffentlichung geändert hat."),
}

DOWNLOADS: dict[str, tuple[str, str]] = {
    "xlsx": (
        "Excel-Arbeitsmappe",
        "Für Excel und LibreOffice: eine Übersicht des letzten Jahres und alle Tabellen mit deutschen Spaltennamen und Namen neben den Kennungen, mit Erläuterung, Lizenz und Zitierhinweis.",
    ),
    "zip": (
        "Alle Daten (ZIP)",
        "Für Programme (R, Python) und zum Archivieren: das ganze Datenpaket mit datapackage.json, allen Tabellen als CSV, den Grenzen als GeoJSON und den Änderungen.",
    ),
    "areas_geojson": (
        "Sozialräume mit Index (GeoJSON)",
        "Grenzen der Sozialräume mit Index, Klassen und Rängen des letzten Jahres, für QGIS und Webkarten.",
    ),
    "areas_gpkg": (
        "Sozialräume mit Index (GeoPackage)",
        "Grenzen der Sozialräume mit Index, Klassen und Rängen des letzten Jahres, für QGIS.",
    ),
    "datapackage": (
        "Paketbeschreibung (datapackage.json)",
        "Metadaten und Schemas aller Tabellen (Frictionless Data Package): Spalten, Typen und Bedeutung.",
    ),
    "dcat_ttl": (
        "Metadaten DCAT-AP.de (Turtle)",
        "Metadaten für Open-Data-Portale (GovData, Open.NRW) im Format Turtle.",
    ),
    "dcat_jsonld": (
        "Metadaten DCAT-AP.de (JSON-LD)",
        "Metadaten für Open-Data-Portale (GovData, Open.NRW) im Format JSON-LD.",
    ),
    "other": ("Weitere Datei", "Weitere Datei des Datenpakets."),
}

SYNTHETIC_PACKAGE_NOTE = (
    "Achtung: synthetische Beispieldaten. Die Zahlen sind erfunden (realistische "
    "Größenordnungen), die Grenzen schematisch – nicht die amtlichen Zahlen der Stadt."
)
XLSX_INTRO_SHEET = "Erläuterung"
XLSX_OVERVIEW_SHEET = "Übersicht"
XLSX_SHEETS = {
    "indikator_werte": "Indikatorwerte",
    "index": "Index",
    "gebiete_werte": "Gebietswerte",
    "indikatoren": "Indikatoren",
    "dimensionen": "Dimensionen",
    "sozialraeume": "Sozialräume",
}
XLSX_LABELS = {
    "title": "Titel",
    "description": "Beschreibung",
    "version": "Version",
    "created": "Stand",
    "licence": "Lizenz",
    "citation": "Zitierhinweis",
    "sheets": "Blätter",
    "notes": "Hinweise",
}
# What a sheet holds, where it differs from the CSV resource's description (the workbook
# has no geometry, so "Sozialräume" must not promise boundaries).
XLSX_SHEET_DESCRIPTIONS = {
    "overview": (
        "Der Gesamtindex im letzten Jahr für jeden Sozialraum, sortiert nach Rang "
        "(1 = geringste Teilhabechancen), mit Klasse und Veränderung zum Vorjahr."
    ),
    "sozialraeume": (
        "Kennung, Name, Stadtteil und Stadtbezirk jedes Sozialraums. Die Grenzen (Flächen) "
        "stehen nicht in dieser Arbeitsmappe, sondern in den Geodaten: sozialraeume.geojson "
        "(GeoJSON) sowie sozialraeume_index.geojson und sozialraeume_index.gpkg (GeoPackage, "
        "mit dem Index des letzten Jahres)."
    ),
}
XLSX_NOTES = [
    "Angezeigt werden gerundete Zahlen (Quoten mit einer, standardisierte Werte und Index mit "
    "zwei Nachkommastellen); in jeder Zelle steht der volle Wert.",
    "Neben jeder Kennung (ID) steht der Name des Sozialraums, des Indikators oder der Dimension.",
    "Für Programme (R, Python, Datenbanken) sind die CSV-Dateien im ZIP-Archiv die "
    "maßgebliche, maschinenlesbare Fassung; diese Arbeitsmappe ist zum Lesen gedacht.",
]
# Columns the workbook adds beside the ids: the names a reader looks for.
XLSX_NAME_COLUMNS = {
    "sozialraum_id": "Sozialraum",
    "indikator_id": "Indikator",
    "dimension_id": "Dimension",
}
XLSX_CONTEXT_DIMENSION = "Kontextindikator (nicht im Index)"
XLSX_OVERVIEW = {
    "title": "{index} {year}: alle Sozialräume nach Rang",
    "rank_note": (
        "Rang 1 = geringste Teilhabechancen. Index: höher = bessere Teilhabechancen, "
        "0 = Mittel der Sozialräume. Klasse: von „sehr niedrig“ (geringste) bis „sehr hoch“ "
        "(beste Teilhabechancen)."
    ),
    "change_note": (
        "Veränderung zum Vorjahr ({previous}): Veränderung der Lage im Vergleich zu den anderen "
        "Sozialräumen (ein Gebiet steigt auch, wenn andere fallen), nicht der Lebensbedingungen "
        "selbst; diese zeigen die Indikatorwerte."
    ),
    "no_previous": "Für das Vorjahr gibt es keine Werte, daher keine Veränderung.",
    "rank": "Rang",
    "id": "Sozialraum-ID",
    "name": "Sozialraum",
    "stadtteil": "Stadtteil",
    "stadtbezirk": "Stadtbezirk",
    "value": "Index",
    "class": "Klasse (Teilhabechancen)",
    "change": "Veränderung zum Vorjahr",
}
CITATION = "{publisher}: {title}, Version {version} vom {date}. Lizenz: {licence}."
INDEX_ROW_DESCRIPTION = "Gesamtindex: gewichtetes Mittel der Dimensionen"
CONTRIBUTOR_ROLE_PUBLISHER = "publisher"


DOWNLOAD_GROUPS: dict[str, str] = {
    "excel": "Für Excel",
    "tabellen": "Tabellen (CSV) und ganzes Datenpaket",
    "geodaten": "Geodaten",
    "metadaten": "Metadaten",
}

# --- the site's pages -----------------------------------------------------------------
PAGES: dict[str, str] = {
    "city_fallback": "der Stadt",
    "city_total": "{city} insgesamt",
    "start_description": "{index} in {city}: Index, Karte und Zahlen je Sozialraum",
    "start_heading": "{index} in {city}",
    "start_intro": (
        "Der Index „{index}“ fasst zusammen, wie gut die Teilhabechancen von Kindern in jedem "
        "Sozialraum sind – aus Zahlen zu wirtschaftlicher Lage, Integrationsbedarf, Gesundheit, "
        "Bildungsbeteiligung und Wohnumfeld."
    ),
    "score_reading": (
        "Index- und Dimensionswerte sind gewichtete Mittel von z-Werten der Indikatoren (Abstände zum "
        "Mittel der Sozialräume in Standardabweichungen). 0 ist das Mittel der Sozialräume; höher "
        "bedeutet immer bessere Teilhabechancen – auch bei Dimensionen, die einen Bedarf benennen. Die Klassen sagen dasselbe: "
        "„sehr niedrig“ heißt sehr geringe Teilhabechancen."
    ),
    "synthetic_title": "Beispieldaten",
    "synthetic_more": "Die Grenzen der Sozialräume sind schematisch.",
    "map_title": "Karte: Teilhabechancen nach Sozialraum {year}",
    "map_hint": "Ein Klick oder Tipp auf ein Gebiet der Karte öffnet seine Seite; die aufklappbare Tabelle zur Karte enthält dieselben Zahlen mit Links.",
    "map_title_dim": "Karte: {name} {year}",
    "map_title_classes": "Karte: Teilhabechancen nach Sozialraum – {name} {year}",
    "table_of": "Tabelle: {title}",
    "lowest": "Geringste Teilhabechancen",
    "highest": "Höchste Teilhabechancen",
    "release": "Stand der Daten",
    "release_line": "Version {version} vom {date}, Berichtsjahre bis {year}.",
    "all_areas": "Alle Sozialräume",
    "method": "Methode",
    "downloads": "Daten herunterladen",
    "index_value": "Index",
    "index_in_year": "Index {year}",
    "score": "Wert (höher = besser)",
    "value": "Wert",
    "value_in_year": "Wert {year}",
    "class": "Teilhabechancen",
    "rank": "Rang",
    "rank_long": "Rang (1 = geringste Teilhabechancen)",
    "rank_of": "{rank} von {n}",
    "area": "Sozialraum",
    "stadtteil": "Stadtteil",
    "stadtbezirk": "Stadtbezirk",
    "in_stadtteil": "Stadtteil {name}",
    "in_stadtbezirk": "Stadtbezirk {name}",
    "areas_title": "Sozialräume",
    "areas_description": "Alle Sozialräume mit Index, Teilhabechancen und Rang",
    "areas_intro": "Index, Teilhabechancen (Klasse) und Rang im Jahr {year}. Rang 1 = geringste Teilhabechancen.",
    "dimensions_title": "Dimensionen",
    "dimensions_description": "Die Dimensionen des Index und was sie beschreiben",
    "dimensions_intro": "Der Index fasst diese Dimensionen zusammen; jede hat eine Seite mit Karte und Rangfolge.",
    "indicators_title": "Indikatoren",
    "indicators_description": "Alle Indikatoren mit Dimension, Einheit und Wirkung im Index",
    "indicators_intro": (
        "Indikatoren ohne Dimension sind Kontextindikatoren: sie beschreiben die Sozialräume und "
        "gehen nicht in den Index ein."
    ),
    "indicator": "Indikator",
    "dimension": "Dimension",
    "unit": "Einheit",
    "effect": "Wirkung im Index",
    "effect_raises": "ein höherer Wert hebt den Index",
    "effect_lowers": "ein höherer Wert senkt den Index",
    "effect_context": "beschreibt das Gebiet, nicht im Index",
    "context": "Kontext",
    "context_long": "Kontextindikator (nicht im Index)",
    "property": "Angabe",
    "content": "Inhalt",
    "area_description": "{name}: {index} – Index, Dimensionen und Indikatoren",
    "no_index": "Für {year} gibt es keinen Indexwert (zu wenige verwertbare Indikatoren).",
    "no_index_last": (
        "Für {year} gibt es keinen Indexwert (zu wenige verwertbare Indikatoren). Der letzte Wert "
        "stammt aus {last_year}: {value}, Teilhabechancen „{klasse}“."
    ),
    "locator_title": "Lage von {name} in der Stadt",
    "dimension_chart": "Dimensionen von {name} im Jahr {year}, Abstand zum Mittel der Sozialräume (0)",
    "over_time": "Verlauf",
    "over_time_chart": "Index von {name} über die Jahre",
    "change_prev_position": "Veränderung der Lage zum Vorjahr",
    "position_note": (
        "Index und Rang beschreiben die Lage im Vergleich zu den anderen Sozialräumen im selben "
        "Jahr. Eine Veränderung ist eine Veränderung dieser relativen Lage, nicht der "
        "Lebensbedingungen: ein Sozialraum steigt auch, wenn andere zurückfallen. Ob sich die "
        "Verhältnisse selbst verändert haben, zeigen die Indikatoren unten in ihrer eigenen Einheit."
    ),
    "position_note_base_year": (
        "Jedes Jahr ist gegen Mittel und Streuung des Basisjahres {base_year} standardisiert: eine "
        "Veränderung des Index ist eine Veränderung gegenüber dem Stand von {base_year}, gemessen in "
        "dessen Standardabweichungen. Die Indikatoren unten zeigen die Veränderung in ihrer eigenen Einheit."
    ),
    "year": "Jahr",
    "indicator_table_intro": (
        "Werte {year}; Differenz zu {city_total} und Veränderung zum Vorjahr in der Einheit des "
        "Indikators (bei Anteilen in Prozentpunkten), mit der Angabe, ob der "
        "Unterschied in die Richtung weist, die der Index als günstig wertet. Ob der Index eines "
        "Sozialraums steigt, hängt dagegen vom Mittel der Sozialräume ab, nicht vom Wert der ganzen Stadt. "
        "Kontextindikatoren beschreiben das Gebiet und werden nicht gewertet."
    ),
    "difference": "Differenz zu {city_total}",
    "change_prev": "Veränderung zum Vorjahr",
    "percentage_points": "Prozentpunkte",
    "bytes": "{n} Byte",
    "better": "günstiger",
    "worse": "ungünstiger",
    "same": "unverändert",
    "index_favourable": "im Sinne des Index günstiger",
    "index_unfavourable": "im Sinne des Index ungünstiger",
    "and": " und ",
    "suppressed": "gesperrt",
    "suppressed_note": "„gesperrt“: aus Gründen der Geheimhaltung nicht veröffentlicht (kleine Fallzahl oder aus einer solchen errechenbar). „–“: kein Wert.",
    "small_mark": " (unsicher)",
    "rate_only_note": "Bei Indikatoren, die nur als Anteil geliefert wurden, fehlt der Wert für {city_total}: er lässt sich ohne Zähler und Nenner nicht berechnen.",
    "small_note": "„(unsicher)“: der Wert beruht auf weniger als {min_denominator} Personen im Nenner; er schwankt zufällig stark und geht nicht in den Index ein.",
    "neighbours": "Weitere Sozialräume im Stadtteil {stadtteil}:",
    "download_rows": "Die Zahlen dieses Sozialraums stehen in allen Tabellen unter der Sozialraum-ID {id}:",
    "summary_index": "Im Jahr {year} liegt der Index für {name} bei {value}: Teilhabechancen „{klasse}“.",
    "summary_below": "Am weitesten unter dem Mittel der Sozialräume liegen die Dimensionen {dims}.",
    "summary_below_one": "Unter dem Mittel der Sozialräume liegt nur die Dimension {dims}.",
    "summary_none_below": "Keine Dimension liegt unter dem Mittel der Sozialräume.",
    "summary_change": "Gegenüber dem Vorjahr hat sich die Lage im Vergleich der Sozialräume um {change} verändert.",
    "dimension_weight": "Gewicht im Index: {weight}.",
    "map_and_ranking": "Karte und Rangfolge {year}",
    "ranking_chart": "Rangfolge der Sozialräume: {name} {year}",
    "ranking_chart_classes": "Rangfolge der Sozialräume nach Teilhabechancen – {name} {year}",
    "ranking_chart_context": "Sozialräume nach Wert, vom höchsten zum niedrigsten: {name} {year}",
    "indicator_description": "{name}: Definition, Quelle, Karte und Werte je Sozialraum",
    "definition": "Berechnung",
    "definition_text": "{zaehler} / {nenner} × {faktor}",
    "source": "Quelle",
    "rate_only": "Dieser Indikator wurde nur als Quote geliefert (ohne Zähler und Nenner): Werte für Stadt, Stadtbezirke und Stadtteile lassen sich daraus nicht als Quotient der Summen berechnen und fehlen deshalb.",
    "distribution_chart": "{name}: Werte der Sozialräume und {city_total} je Jahr",
    "distribution_chart_areas": "{name}: Werte der Sozialräume je Jahr",
    "data_title": "Daten",
    "data_description": "Alle Daten zum Herunterladen, Datenwörterbuch, Lizenz und Zitierhinweis",
    "data_intro": "Alle Zahlen dieser Website zum Herunterladen. Für Excel ist die Arbeitsmappe gedacht (mit Namen, Übersicht und deutschen Zahlenformaten); die CSV-Tabellen sind das maschinenlesbare Datenpaket, dessen Spaltennamen über Veröffentlichungen hinweg gleich bleiben.",
    "licence": "Lizenz",
    "citation": "Zitierhinweis",
    "pandas_title": "Mit pandas weiterrechnen",
    "pandas_intro": "Die Sozialraum-ID als Text lesen, damit führende Nullen erhalten bleiben:",
    "pandas_code": (
        "import pandas as pd\n"
        'basis = "https://…/daten/"  # Adresse dieser Seite\n'
        'werte = pd.read_csv(basis + "indikator_werte.csv", dtype={"sozialraum_id": str})\n'
        'index = pd.read_csv(basis + "index.csv", dtype={"sozialraum_id": str})\n'
        'index.query("dimension_id == \'gesamt\'").pivot(index="sozialraum_id", columns="jahr", values="wert")'
    ),
    "dictionary": "Datenwörterbuch",
    "gis_title": "Sozialräume mit Index (Geodaten)",
    "gis_description": "Die Grenzen der Sozialräume mit den Werten, Klassen und Rängen des letzten Jahres als Spalten, eine Zeile je Sozialraum.",
    "gis_area_columns": "sozialraum_id, name, stadtteil, stadtbezirk",
    "gis_area_columns_type": "string",
    "gis_area_columns_meaning": "wie in der Tabelle Sozialräume",
    "gis_year": "Berichtsjahr der Werte ({year})",
    "gis_wert": "{name}: Wert {year} (Abstand zum Mittel der Sozialräume, höher = bessere Teilhabechancen)",
    "gis_klasse": "{name}: Klasse {year} (Teilhabechancen)",
    "gis_rang": "{name}: Rang {year} (1 = geringste Teilhabechancen)",
    "column": "Spalte",
    "title": "Titel",
    "type": "Typ",
    "meaning": "Bedeutung",
    "method_title": "Methode",
    "method_description": "Wie der Index berechnet wird: Indikatoren, Gewichte, Schwellen und Klassen",
    "method_reconstruction": (
        '!!! note "Rekonstruktion"\n    Die genaue Indikatorenliste, Standardisierung, Gewichte und '
        "Klassengrenzen des städtischen Index sind nicht veröffentlicht. Diese Seite beschreibt die "
        "Methode, mit der diese Website rechnet – eine dokumentierte Rekonstruktion, nicht die "
        "amtliche Methode der Stadt."
    ),
    "method_steps": (
        "1. **Indikatorwert** = Zähler / Nenner × Faktor je Sozialraum und Jahr. Werte für Stadt, "
        "Stadtbezirke und Stadtteile sind Quotienten der Summen, nie Mittelwerte der Quoten.\n"
        "2. **Kleine Zahlen**: Werte mit einem Nenner unter {min_denominator} gehen nicht in den Index "
        "ein und sind auf den Seiten als „unsicher“ markiert. Zähler mit 0 < Zähler < {suppress_below} "
        "werden nie veröffentlicht.\n"
        "3. **Standardisierung**: {standardise} Jeder Indikator wird so gedreht, dass höhere Werte "
        "bessere Teilhabechancen bedeuten.\n"
        "4. **Dimensionen und Index**: gewichtetes Mittel der verfügbaren z-Werte; ein Wert entsteht nur, "
        "wenn mindestens {coverage} % (nach Gewicht) verfügbar sind. {restandardise}\n"
        "5. **Klassen** nach den Grenzen unten, **Rang** 1 = geringste Teilhabechancen, "
        "**Veränderung** zum Vorjahr und zum Basisjahr {base_year}. Bei z-Werten je Jahr ist das eine Veränderung "
        "der relativen Lage: ein Sozialraum steigt auch, wenn andere zurückfallen."
    ),
    "standardise_year": "z-Werte je Jahr über alle Sozialräume, mit der Standardabweichung der Grundgesamtheit.",
    "standardise_base_year": "z-Werte jedes Jahres gegen Mittelwert und Standardabweichung des Basisjahres {base_year}, damit Veränderungen echte Veränderungen sind.",
    "restandardise_yes": "Zusammengefasste Werte werden noch einmal z-standardisiert.",
    "city_vs_mean_title": "Stadt insgesamt und Mittel der Sozialräume",
    "city_vs_mean_text": (
        "Zwei Vergleichswerte haben verschiedene Namen, weil sie Verschiedenes sind. „{city_total}“ ist "
        "der Wert der ganzen Stadt, als Quotient der Summen berechnet: alle Zähler geteilt durch alle "
        "Nenner. Große Sozialräume zählen darin mehr als kleine. Das „Mittel der Sozialräume“ ist die 0 "
        "der Index- und Dimensionswerte: jeder Sozialraum zählt gleich viel, egal wie viele Menschen "
        "dort leben. Deshalb kann ein Sozialraum über {city_total} und zugleich unter dem Mittel der "
        "Sozialräume liegen."
    ),
    "classes": "Klassen",
    "classes_reading": "Die Klassen beschreiben die Teilhabechancen: „sehr niedrig“ heißt sehr geringe Teilhabechancen, auch in Dimensionen, deren Name einen Bedarf nennt.",
    "from": "ab",
    "to": "bis unter",
    "weights": "Indikatoren und Gewichte",
    "weight": "Gewicht",
    "context_title": "Kontextindikatoren (veröffentlicht, nicht im Index)",
    "disclosure_title": "Geheimhaltung",
    "disclosure_text": (
        "Zähler von 1 bis {suppress_below} (ausschließlich) werden nicht veröffentlicht, ebenso weitere "
        "Werte, aus denen sie sich über Summen für Stadtteil, Stadtbezirk oder Stadt zurückrechnen "
        "ließen (sekundäre Geheimhaltung). Gesperrte Werte gehen auch nicht in den Index ein, weil sie "
        "sich sonst aus den Dimensionswerten errechnen ließen; fehlen dadurch zu viele Indikatoren einer "
        "Dimension, hat sie in dem Jahr keinen Wert. Nennen zwei Indikatoren im Katalog dieselbe Zahl "
        "(denselben Zähler, oder der Zähler des einen ist der Nenner des anderen), wird sie gemeinsam "
        "geschützt: Ist sie gesperrt, fehlt sie überall, wo sie sonst stünde, als Nenner zusammen mit "
        "dem Wert des Indikators."
    ),
}

# Texts inside the charts and maps (titles, axes, legends, tooltips, descriptions)
CHARTS: dict[str, str] = {
    "missing": "keine Angabe",
    "latest_year": "neuestes Jahr",
    "area": "Sozialraum",
    "year": "Jahr",
    "value": "Wert",
    "class": "Teilhabechancen",
    "rank": "Rang",
    "index": "Index",
    "class_legend": "Teilhabechancen",
    "city_average": "Mittel der Sozialräume",
    "city_total": "{city} insgesamt",
    "areas": "Sozialräume",
    "unit_axis": "Wert in {unit}",
    "score_axis": "Abstand zum Mittel der Sozialräume (Standardabweichungen)",
    "index_axis": "{name} (0 = Mittel der Sozialräume)",
    # titles
    # class charts say "Teilhabechancen": "Integrationsbedarf sehr hoch" would read backwards
    "class_map_title": "Teilhabechancen nach Sozialraum: {name}, {year}",
    "value_map_title": "{name} nach Sozialraum, {year}",
    "dimension_bars_title": "{area}: Teilhabechancen in Index und Dimensionen, {year}",
    "index_over_time_title": "{area}: {name} im Zeitverlauf",
    "ranking_title": "{name}: alle Sozialräume, {year}",
    "ranking_title_index": "Teilhabechancen, alle Sozialräume: {name}, {year}",
    "distribution_title": "{name}: Sozialräume und {city} insgesamt je Jahr",
    "distribution_title_areas": "{name}: Sozialräume je Jahr",
    # accessible names of whole charts (vega-embed puts them into aria-label)
    "class_map_description": (
        "Karte der Sozialräume in {city}: Teilhabechancen nach „{name}“, {year}, von „{lowest}“ "
        "(geringe Teilhabechancen, rot) bis „{highest}“ (hohe Teilhabechancen, blau). "
        "Jede Fläche führt zur Seite des Sozialraums."
    ),
    "locator_description": "Kleine Karte: Lage des Sozialraums {area} in {city}.",
    "locator_description_nearby": "Kleine Karte: Lage des Sozialraums {area} in {city} zwischen den umliegenden Sozialräumen.",
    "locator_mark": "Der Sozialraum ist schwarz gefüllt, alle anderen sind hellgrau.",
    "districts_description": "Dicke Linien und fette Namen zeigen die Stadtbezirke.",
    "value_map_description": (
        "Karte der Sozialräume in {city}: {name} in {unit}, {year}, in {classes} Klassen; "
        "je dunkler, desto ungünstiger für die Teilhabechancen."
    ),
    "value_map_description_context": (
        "Karte der Sozialräume in {city}: {name} in {unit}, {year}, in {classes} Klassen; "
        "je dunkler, desto höher der Wert. Ein Kontextindikator: er beschreibt das Gebiet und wird nicht gewertet."
    ),
    "value_legend_context": "Wert in {unit}, je dunkler, desto höher",
    "dimension_bars_description": (
        "Balkendiagramm: {area} im Index und in seinen Dimensionen, {year}, als Abstand zum "
        "Mittel der Sozialräume (0) in Standardabweichungen; höher bedeutet bessere "
        "Teilhabechancen."
    ),
    "index_over_time_description": (
        "Liniendiagramm: {name} für {area} je Jahr; 0 ist das Mittel der Sozialräume, "
        "höher bedeutet bessere Teilhabechancen."
    ),
    "ranking_description": (
        "Balkendiagramm: {name} für alle Sozialräume in {city}, {year}, sortiert von den "
        "geringsten zu den höchsten Teilhabechancen."
    ),
    "ranking_description_context": (
        "Balkendiagramm: {name} für alle Sozialräume in {city}, {year}, sortiert vom höchsten "
        "zum niedrigsten Wert; ein Kontextindikator, der nicht gewertet wird."
    ),
    "distribution_description": (
        "Streudiagramm: {name} in {unit} je Jahr, ein Strich je Sozialraum, dazu die Linie für {city} insgesamt."
    ),
    "distribution_description_areas": "Streudiagramm: {name} in {unit} je Jahr, ein Strich je Sozialraum.",
    # labels of single marks (the `description` encoding → aria-label of each shape)
    "mark_class": "{area}: {label} {value}, Teilhabechancen {klasse}",
    "mark_missing": "{area}: keine Angabe",
    "mark_value": "{area}: {value} {unit}",
    "mark_bar": "{label}: {value}, Teilhabechancen {klasse}",
    "bar_label": "{label}: {value}",
    "mark_year_class": "{year}: {value}, Teilhabechancen {klasse}",
    "mark_rank": "Rang {rank}: {area}, {value}",
    "mark_year_value": "{area} {year}: {value} {unit}",
    # classes of indicator values on a map
    "value_class_first": "unter {upper}",
    "value_class_middle": "{lower} bis unter {upper}",
    "value_class_last": "{lower} und mehr",
    "value_class_all": "alle Werte",
}
