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
        "+1 eintragen, wenn ein höherer Wert im Sinn des Index günstiger ist, sonst -1.",
    ),
    "direction-missing": (
        "Die Richtung fehlt; der Indikator geht in einen Index ein",
        "+1 eintragen, wenn ein höherer Wert im Sinn des Index günstiger ist, sonst -1. "
        "Nur Kontextindikatoren (in keinem Index) bleiben ohne Richtung.",
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
    "settings-labels-unique": (
        "Die Klassennamen {value} sind leer oder kommen doppelt vor",
        "Jeder Klasse einen eigenen Namen geben.",
    ),
    "settings-release-wide": (
        "'{field}' gilt für die ganze Lieferung und kann nicht je Index gesetzt werden",
        "Den Eintrag hier entfernen und unter method: (oben in sozmon.yml) setzen.",
    ),
    # index and typology definitions (sozmon.yml: indices, typologies)
    "definition-type": (
        "'{field}' hat den Wert '{value}', erwartet: {expected}",
        "Den Eintrag nach dem Beispiel in docs/einstellungen.md (Indizes) schreiben.",
    ),
    "definition-id": (
        "'{field}' = '{value}' ist keine gültige ID",
        "Eine ID aus Buchstaben, Ziffern, '-' und '_' angeben (nicht 'index', eine Dimension nicht 'gesamt').",
    ),
    "definition-duplicate": (
        "Die ID '{value}' ({field}) kommt mehrfach vor (Groß-/Kleinschreibung zählt nicht)",
        "Jeder Definition eine eigene ID geben.",
    ),
    "definition-no-dimensions": (
        "Der Index hat keine Dimensionen ({field})",
        "Unter dimensions: mindestens eine Dimension mit ihren Indikatoren angeben (oder basis: mit period:).",
    ),
    "definition-no-indicators": (
        "Die Dimension '{value}' hat keinen Indikator ({field})",
        "Unter indicators: Indikator-IDs aus indikatoren.csv angeben oder die Dimension entfernen.",
    ),
    "definition-dimension-name": (
        "Die Dimension '{value}' hat keinen Namen ({field})",
        "name: angeben oder die Dimension in dimensionen.csv mit Namen eintragen.",
    ),
    "definition-unknown-indicator": (
        "Der Indikator '{value}' ({field}) steht nicht in indikatoren.csv",
        "Die ID korrigieren oder den Indikator in den Katalog aufnehmen.",
    ),
    "definition-indicator-twice": (
        "Der Indikator '{value}' ({field}) steht schon in {other}: er würde doppelt zählen",
        "Jeden Indikator in einem Index nur einer Dimension zuordnen.",
    ),
    "definition-weight": (
        "Das Gewicht '{value}' ({field}) ist keine Zahl größer 0",
        "Eine positive Zahl angeben oder den Eintrag weglassen (dann gilt 1).",
    ),
    "definition-period-status": (
        "period ({field}) gilt nur für einen Dynamikindex (kind: dynamics)",
        "period entfernen oder kind: dynamics angeben.",
    ),
    "definition-basis": (
        "basis ({field}) gilt nur für einen Dynamikindex mit period",
        "kind: dynamics und period: (Jahre) angeben, oder basis entfernen und dimensions: angeben.",
    ),
    "definition-basis-unknown": (
        "basis '{value}' ({field}) ist kein weiter oben definierter Statusindex",
        "Die ID eines Statusindex angeben, der in der Liste vor diesem Index steht.",
    ),
    "definition-dynamics-base-year": (
        "Ein Dynamikindex kann nicht gegen das Basisjahr standardisiert werden ({field})",
        "standardise weglassen oder 'year' angeben: im Basisjahr gibt es noch keine Veränderung.",
    ),
    "typology-indices": (
        "{field} = '{value}': eine Typologie kreuzt genau zwei verschiedene Indizes",
        "Zwei Index-IDs angeben, z. B. [status, dynamik].",
    ),
    "typology-unknown-index": (
        "'{value}' ({field}) ist kein definierter Index",
        "Eine ID aus indices: angeben.",
    ),
    "typology-label": (
        "Die Bezeichnung '{value}' ({field}) nennt nicht beide Klassen",
        "Die Platzhalter {{{first}}} und {{{second}}} in die Bezeichnung schreiben.",
    ),
    "typology-unknown-class": (
        "Die Klasse '{value}' ({field}) gibt es in diesem Index nicht (Klassen: {known})",
        "Einen Klassennamen des Index angeben.",
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
    "reserved_whole": "so heißt in den Tabellen zur Sicherheit der Zahlen der Index als Ganzes",
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
    "compute": "Indizes berechnen",
    "certainty": "Schätzen, wie sicher die Ergebnisse sind (Bootstrap, Methodenvarianten, Cluster)",
    "write": "Datenpaket schreiben",
    "pages": "Seiten und Diagramme erzeugen",
    "unchanged": "Nichts geändert seit dem letzten Lauf: die Ausgabe bleibt, wie sie ist (neu bauen mit --force)",
}
CACHE_KINDS = {"bild": "Diagrammbilder", "pdf": "PDFs", "xlsx": "Excel-Arbeitsmappe"}
CACHE_USED = "Aus dem Zwischenspeicher {folder}: {parts}"
CACHE_PART = "{kind} {hits} von {total}"
DEBUG_HINT = "Das ist ein Fehler in sozmon. Mit SOZMON_DEBUG=1 erscheinen die Details; bitte melden."
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
    "preview_alt": "Karte der Sozialräume: {title}",
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
    "indikator_name": ("Name", "Name des Indikators"),
    "sozialraum_id": ("Sozialraum-ID", "Kennung des Sozialraums. Text: führende Nullen gehören dazu."),
    "name": ("Name", "Name"),
    "stadtteil": ("Stadtteil", "Stadtteil, in dem der Sozialraum liegt"),
    "stadtbezirk": ("Stadtbezirk", "Stadtbezirk, in dem der Sozialraum liegt"),
    "jahr": ("Jahr", "Berichtsjahr"),
    "indikator_id": ("Indikator-ID", "Kennung des Indikators (siehe Tabelle indikatoren)"),
    "index_id": ("Index-ID", "Kennung des Index (siehe Tabelle indizes)"),
    "typologie_id": ("Typologie-ID", "Kennung der Typologie (siehe Tabelle typologien)"),
    "dimension_id": (
        "Dimensions-ID",
        "Kennung der Dimension; eindeutig innerhalb ihres Index (siehe Tabelle index_dimensionen)",
    ),
    # indikatoren.dimension_id of the delivery: the implicit index of a release without `indices`
    "katalog_dimension_id": (
        "Dimensions-ID",
        "Nur wenn sozmon.yml keine Indizes definiert: Dimension (siehe dimensionen), zu der der Indikator im einzigen Index gehört; leer: Kontextindikator, nicht im Index. Mit Indizes in sozmon.yml wird die Spalte nicht verwendet und darf leer sein",
    ),
    "zaehler": (
        "Zähler",
        "Anzahl im Zähler (z. B. Personen in SGB-II-Bedarfsgemeinschaften); leer, wenn er gesperrt ist oder nur eine Quote geliefert wurde",
    ),
    "nenner": (
        "Nenner",
        "Anzahl im Nenner (Bezugsgröße, z. B. Einwohner der Altersgruppe); leer, wenn er gesperrt ist: dieselbe Zahl ist bei einem anderen Indikator ein gesperrter Zähler",
    ),
    "wert": ("Wert", "Zähler / Nenner × Faktor des Indikators, in der Einheit des Indikators; leer, wenn gesperrt"),
    # index_werte.wert
    "index_wert": (
        "Wert (standardisiert)",
        "Standardisierter Wert des Index: gewichtetes Mittel seiner Dimensionswerte (wahlweise noch einmal standardisiert), keine Quote. 0 = Mittel der Sozialräume (bei Standardisierung gegen das Basisjahr: im Basisjahr), höher = besser im Sinn des Index; bei einem Dynamikindex (art = dynamik): höher = günstigere Entwicklung im Zeitraum. Leer, wenn zu wenige Dimensionen einen Wert hatten",
    ),
    # dimension_werte.wert
    "dimension_wert": (
        "Wert (standardisiert)",
        "Standardisierter Wert der Dimension: gewichtetes Mittel der z-Werte ihrer Indikatoren (bei einem Dynamikindex: der z-Werte ihrer Veränderungen; wahlweise noch einmal standardisiert), keine Quote. 0 = Mittel der Sozialräume (bei Standardisierung gegen das Basisjahr: im Basisjahr), höher = besser im Sinn des Index, auch wenn der Name der Dimension einen Bedarf nennt. Leer, wenn zu wenige Indikatoren einen Wert hatten",
    ),
    "z_wert": (
        "z-Wert",
        "Standardisierter Wert: Abstand zum Mittel der Sozialräume in Standardabweichungen, bei Indikatoren mit Richtung so gedreht, dass höher = günstiger (richtung = -1 dreht um). Bei Kontextindikatoren (in keinem Index, ohne Richtung) nicht gedreht und ohne Wertung: höher = höherer Wert; leer, wenn der Nenner zu klein oder der Wert gesperrt ist. Bei Stabilisierung (method.stabilise) der z-Wert des stabilisierten Werts, mit dem der Index rechnet",
    ),
    "im_index": (
        "Im Index",
        "true, wenn der Wert in mindestens einen Index eingeht: der Indikator gehört zu einem Index (siehe Tabelle index_indikatoren), der Nenner ist groß genug und der Wert ist nicht gesperrt. Kontextindikatoren (in keinem Index) beschreiben das Gebiet und sind nie im Index",
    ),
    "gesperrt": (
        "Gesperrt",
        "true, wenn Zahlen der Zeile aus Gründen der Geheimhaltung nicht veröffentlicht werden (kleine Fallzahl oder aus ihr errechenbar): der Wert (und der z-Wert) ist dann leer, dazu der Zähler, der Nenner (wenn dieselbe Zahl bei einem anderen Indikator ein gesperrter Zähler ist) oder beide",
    ),
    "nur_wert": (
        "Nur Quote geliefert",
        "true, wenn die Datenlieferung nur eine Quote, keine Zähler und Nenner enthielt",
    ),
    # index_werte.klasse, dimension_werte.klasse
    "klasse": (
        "Klasse",
        "Klasse des Werts nach den Klassen des Index (siehe Tabelle index_klassen), von der niedrigsten, im Sinn des Index ungünstigsten, bis zur höchsten. Zu lesen mit dem Kurznamen des Index (siehe indizes), nicht mit dem Namen der Dimension: eine niedrige Klasse ist auch in einer Dimension, deren Name einen Bedarf nennt, ungünstig. Leer, wenn der Wert leer ist",
    ),
    "rang": (
        "Rang",
        "Rang unter den Sozialräumen im Jahr: 1 = niedrigster Wert, also die im Sinn des Index ungünstigste Lage (bei einem Dynamikindex: die ungünstigste Entwicklung)",
    ),
    "abdeckung": (
        "Abdeckung",
        "Anteil (nach Gewicht) der Dimensionen des Index bzw. der Indikatoren der Dimension, für die ein Wert vorlag (0 bis 1)",
    ),
    # index_werte.abdeckung
    "index_abdeckung": (
        "Abdeckung",
        "Anteil (nach Gewicht) der Dimensionen des Index, für die ein Wert vorlag (0 bis 1)",
    ),
    # dimension_werte.abdeckung
    "dimension_abdeckung": (
        "Abdeckung",
        "Anteil (nach Gewicht) der Indikatoren der Dimension, für die ein Wert vorlag (0 bis 1)",
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
    "gewicht": (
        "Gewicht",
        "Gewicht im gewichteten Mittel: einer Dimension im Index bzw. eines Indikators in seiner Dimension (leer: 1)",
    ),
    # index_dimensionen.gewicht
    "dimension_gewicht": ("Gewicht", "Gewicht der Dimension im gewichteten Mittel des Index"),
    # index_indikatoren.gewicht
    "mitglied_gewicht": ("Gewicht", "Gewicht des Indikators im gewichteten Mittel seiner Dimension in diesem Index"),
    "richtung": (
        "Richtung",
        "+1: ein höherer Wert ist günstig und hebt jeden Index, in dem der Indikator steht; -1: ein höherer Wert ist ungünstig und senkt ihn. Leer bei Kontextindikatoren (in keinem Index), die nicht gewertet werden",
    ),
    "einheit": ("Einheit", "Einheit des Werts, z. B. % oder m² je Einwohner"),
    "faktor": ("Faktor", "Wert = Zähler / Nenner × Faktor (100 für Prozent)"),
    "zaehler_definition": ("Zähler (Definition)", "Was gezählt wird"),
    "nenner_definition": ("Nenner (Definition)", "Bezugsgröße"),
    "quelle": ("Quelle", "Datenquelle"),
    # indizes
    "index_name": ("Name", "Name des Index"),
    "kurzname": (
        "Kurzname",
        "Was ein höherer Wert des Index bedeutet, in wenigen Worten; Klassen lesen sich damit, z. B. „Entwicklung: negativ“",
    ),
    "index_beschreibung": ("Beschreibung", "Was der Index beschreibt, in Worten für alle"),
    "art": (
        "Art",
        "status: die Lage der Sozialräume in einem Jahr; dynamik: ihre Entwicklung über einen Zeitraum, gemessen an den Veränderungen der Indikatoren",
    ),
    "zeitraum": (
        "Zeitraum (Jahre)",
        "Nur bei einem Dynamikindex: über wie viele Jahre sich jeder Indikator verändert hat – Wert im Jahr minus Wert so viele Jahre vorher, bei Anteilen in Prozentpunkten. Leer bei einem Statusindex und wenn die Datenlieferung die Veränderungen schon als Indikatorwerte enthält",
    ),
    "basis": (
        "Basisindex",
        "Nur bei einem Dynamikindex: Kennung des Statusindex (siehe index_id), dessen Entwicklung er beschreibt; ohne eigene Dimensionen übernimmt er dessen Dimensionen, Indikatoren und Gewichte. Leer: ohne Bezug auf einen Statusindex",
    ),
    # index_dimensionen
    "dimension_name": ("Name", "Name der Dimension"),
    "dimension_beschreibung": ("Beschreibung", "Was die Dimension beschreibt"),
    # index_klassen
    "stufe": ("Stufe", "Nummer der Klasse: 1 = niedrigste, im Sinn des Index ungünstigste Klasse, dann aufsteigend"),
    "klasse_name": ("Klasse", "Name der Klasse, wie er in den Spalten klasse der Werte-Tabellen steht"),
    "untergrenze": (
        "Untergrenze",
        "Untere Grenze der Klasse auf der Skala der standardisierten Werte (Spalte wert); leer bei Stufe 1 (nach unten offen). Ob ein Wert genau auf der Grenze dazugehört, sagt bereich",
    ),
    "obergrenze": (
        "Obergrenze",
        "Obere Grenze der Klasse auf der Skala der standardisierten Werte (Spalte wert); leer bei der höchsten Stufe (nach oben offen). Ob ein Wert genau auf der Grenze dazugehört, sagt bereich",
    ),
    "bereich": (
        "Bereich",
        "Die Klasse als Bedingung an den Wert, mit der Angabe, zu welcher Klasse ein Wert genau auf einer Grenze gehört, z. B. „−1,0 ≤ Wert < −0,5“",
    ),
    # typologien, typologie_typen, typologie_werte
    "typologie_name": ("Name", "Name der Typologie"),
    "typologie_beschreibung": ("Beschreibung", "Was die Typologie zeigt, in Worten für alle"),
    "index_1": (
        "Index 1 (Zeilen)",
        "Kennung des ersten Index der Typologie (siehe Tabelle indizes); seine Klassen stehen in klasse_1",
    ),
    "index_2": (
        "Index 2 (Spalten)",
        "Kennung des zweiten Index der Typologie (siehe Tabelle indizes); seine Klassen stehen in klasse_2",
    ),
    "klasse_1": (
        "Klasse in Index 1",
        "Klasse im ersten Index der Typologie (index_1 in Tabelle typologien); leer, wenn der Sozialraum im Jahr dort keine Klasse hat",
    ),
    "klasse_2": (
        "Klasse in Index 2",
        "Klasse im zweiten Index der Typologie (index_2 in Tabelle typologien); leer, wenn der Sozialraum im Jahr dort keine Klasse hat",
    ),
    "typ": (
        "Typ",
        "Bezeichnung der Kombination beider Klassen, z. B. „Lage niedrig, Entwicklung negativ“; leer, wenn eine der beiden Klassen fehlt",
    ),
    "aufmerksamkeit": (
        "Besondere Aufmerksamkeit",
        "true, wenn diese Kombination der beiden Klassen nach der Regel der Typologie besondere Aufmerksamkeit braucht (alle Kombinationen in Tabelle typologie_typen; die Regel auf der Methodenseite); leer, wenn eine der beiden Klassen fehlt",
    ),
    # how sure the numbers are (contract 2.3.0)
    "wert_stabilisiert": (
        "Stabilisierter Wert",
        "Der Wert nach empirisch-bayesianischer Stabilisierung zum Wert des Stadtteils oder der Stadt hin (Einstellung method.stabilise); mit ihm rechnen Index und z-Wert. Ein ohne Zähler und Nenner gelieferter Wert bleibt unverändert. Leer, wenn nicht stabilisiert wird, der Wert gesperrt ist oder es keinen Wert gibt",
    ),
    "sicherheit_dimension_id": (
        "Dimensions-ID",
        "Kennung der Dimension des Index; „gesamt“ für den Index als Ganzes",
    ),
    "wert_unten": (
        "Wert, untere Grenze",
        "Untere Grenze des Intervalls des Werts (5. Perzentil der Bootstrap-Ziehungen bei certainty.level 0,9)",
    ),
    "wert_oben": (
        "Wert, obere Grenze",
        "Obere Grenze des Intervalls des Werts (95. Perzentil der Bootstrap-Ziehungen bei certainty.level 0,9)",
    ),
    "rang_unten": (
        "Rang, untere Grenze",
        "Kleinster wahrscheinlicher Rang (5. Perzentil der Ränge der Bootstrap-Ziehungen); Rang 1 = niedrigster Wert",
    ),
    "rang_oben": (
        "Rang, obere Grenze",
        "Größter wahrscheinlicher Rang (95. Perzentil der Ränge der Bootstrap-Ziehungen)",
    ),
    "klasse_wahrscheinlichkeit": (
        "Sicherheit der Klasse",
        "Anteil der Bootstrap-Ziehungen, in denen der Sozialraum in der veröffentlichten Klasse liegt (0 bis 1)",
    ),
    "ziehungen": ("Ziehungen", "Zahl der Bootstrap-Ziehungen, in denen ein Wert berechnet wurde"),
    "wahrscheinlichkeit": (
        "Wahrscheinlichkeit",
        "Anteil der Bootstrap-Ziehungen, in denen der Sozialraum in dieser Klasse liegt (0 bis 1); Klassen ohne Ziehung fehlen, die übrigen ergeben zusammen 1",
    ),
    "typ_wahrscheinlichkeit": (
        "Sicherheit des Typs",
        "Anteil der Bootstrap-Ziehungen, in denen der Sozialraum diesen Typ hat (beide Klassen wie veröffentlicht; 0 bis 1)",
    ),
    "aufmerksamkeit_wahrscheinlichkeit": (
        "Wahrscheinlichkeit besonderer Aufmerksamkeit",
        "Anteil der Bootstrap-Ziehungen, in denen der Typ des Sozialraums besondere Aufmerksamkeit braucht (0 bis 1), ob er es in der Veröffentlichung braucht oder nicht",
    ),
    "rang_min": ("Kleinster Rang", "Kleinster Rang des Sozialraums unter allen Methodenvarianten"),
    "rang_max": ("Größter Rang", "Größter Rang des Sozialraums unter allen Methodenvarianten"),
    "wert_min": (
        "Kleinster Wert",
        "Kleinster Indexwert unter allen Methodenvarianten (jede Variante auf ihrer eigenen Skala)",
    ),
    "wert_max": (
        "Größter Wert",
        "Größter Indexwert unter allen Methodenvarianten (jede Variante auf ihrer eigenen Skala)",
    ),
    "varianten": ("Varianten", "Zahl der Methodenvarianten, in denen der Sozialraum einen Wert hat"),
    "methodenwahl": (
        "Methodenwahl",
        "Die Wahl in der Methode, deren Einfluss auf die Ränge gemessen wird: gewichtung (wie definiert oder gleich), neustandardisierung (mit oder ohne), mittelung (arithmetisch oder geometrisch), normierung (z-Werte oder Min-Max), kleine_nenner (Regel für kleine Nenner an oder aus)",
    ),
    "s1": (
        "Sobol-Index erster Ordnung",
        "Anteil der Streuung der Rangverschiebung, den diese Wahl allein erklärt (0 bis 1)",
    ),
    "s1_konfidenz": ("Konfidenz S1", "Halbe Breite des 95-%-Konfidenzintervalls von s1 (Bootstrap)"),
    "st": (
        "Sobol-Index gesamt",
        "Anteil der Streuung, den diese Wahl allein oder im Zusammenspiel mit anderen erklärt (0 bis 1)",
    ),
    "st_konfidenz": ("Konfidenz ST", "Halbe Breite des 95-%-Konfidenzintervalls von st (Bootstrap)"),
    "moran_i_lokal": ("Lokales Moran's I", "Lokales Moran's I des Werts (positiv: ähnlich wie die Nachbarn)"),
    "p_wert": (
        "p-Wert",
        "Pseudo-p-Wert aus den Permutationen: wie oft eine zufällige Anordnung einen so deutlichen Cluster ergibt",
    ),
    "cluster": (
        "Cluster",
        "hoch-hoch (günstiger Wert, günstige Nachbarn), niedrig-niedrig (ungünstiger Wert, ungünstige Nachbarn), hoch-niedrig, niedrig-hoch oder leer (nicht signifikant)",
    ),
    "moran_i": ("Globales Moran's I", "Wie stark ähnliche Werte nebeneinander liegen (0: zufällig, positiv: gehäuft)"),
    "erwartung": ("Erwartungswert", "Erwartetes Moran's I bei zufälliger Anordnung: −1 / (Gebiete − 1)"),
    "moran_p_wert": ("p-Wert", "Pseudo-p-Wert aus den Permutationen"),
    "permutationen": ("Permutationen", "Zahl der zufälligen Anordnungen, gegen die geprüft wurde"),
    "gebiete": ("Gebiete", "Zahl der Sozialräume mit Wert und mindestens einem Nachbarn"),
}

RESOURCES: dict[str, tuple[str, str]] = {
    "sozialraeume": ("Sozialräume", "Grenzen der Sozialräume (WGS84) mit Stadtteil und Stadtbezirk."),
    "indikator_werte": (
        "Indikatorwerte",
        "Zähler, Nenner, Wert und z-Wert jedes Indikators je Sozialraum und Jahr. Gesperrte Werte sind leer.",
    ),
    "index_werte": (
        "Indexwerte",
        "Wert, Klasse, Rang, Abdeckung und Veränderung jedes Index je Sozialraum und Jahr.",
    ),
    "dimension_werte": (
        "Dimensionswerte",
        "Wert, Klasse, Rang, Abdeckung und Veränderung jeder Dimension jedes Index je Sozialraum und Jahr.",
    ),
    "typologie_werte": (
        "Typen je Sozialraum",
        "Je Typologie, Sozialraum und Jahr: die Klassen in ihren beiden Indizes, der Typ und ob er besondere Aufmerksamkeit braucht.",
    ),
    "gebiete_werte": (
        "Werte der Stadt, Stadtbezirke und Stadtteile",
        "Indikatorwerte größerer Gebiete als Quotient der Summen (Σ Zähler / Σ Nenner × Faktor), nie als Mittel der Quoten.",
    ),
    "indikatoren": (
        "Indikatoren",
        "Katalog der Indikatoren mit Richtung, Einheit, Definition und Quelle. In welchem Index und welcher Dimension ein Indikator steht, sagt die Tabelle index_indikatoren; ein Indikator in keinem Index ist ein Kontextindikator.",
    ),
    "indizes": (
        "Indizes",
        "Katalog der Indizes: Name, Kurzname, Beschreibung, Art (Status oder Dynamik), Zeitraum und Basisindex.",
    ),
    "index_dimensionen": (
        "Dimensionen der Indizes",
        "Die Dimensionen jedes Index mit Name, Beschreibung und Gewicht im Index.",
    ),
    "index_indikatoren": (
        "Indikatoren der Indizes",
        "Welcher Indikator mit welchem Gewicht in welche Dimension welches Index eingeht. Ein Indikator kann in mehreren Indizes stehen, in einem Index aber nur in einer Dimension.",
    ),
    "index_klassen": (
        "Klassen der Indizes",
        "Die Klassen jedes Index von der niedrigsten (Stufe 1) zur höchsten, mit ihren Grenzen; sie gelten für den Index und seine Dimensionen.",
    ),
    "typologien": (
        "Typologien",
        "Katalog der Typologien: je zwei Indizes, deren Klassen zusammen den Typ eines Sozialraums ergeben.",
    ),
    "typologie_typen": (
        "Typen der Typologien",
        "Jede Kombination der Klassen der beiden Indizes einer Typologie, mit dem Namen des Typs und ob er besondere Aufmerksamkeit braucht.",
    ),
    "dimensionen": (
        "Dimensionen",
        "Namen und Beschreibungen der Dimensionen (Teil der Datenlieferung); das Gewicht gilt nur, wenn sozmon.yml keine Indizes definiert.",
    ),
    "werte": (
        "Werte",
        "Zähler und Nenner (oder nur eine Quote) je Sozialraum, Jahr und Indikator; Teil der Datenlieferung, nicht veröffentlicht.",
    ),
    "aenderungen": ("Änderungen", "Was sich gegenüber der vorherigen Veröffentlichung geändert hat."),
    "sicherheit": (
        "Sicherheit der Werte",
        "Je Index, Dimension, Sozialraum und Jahr: Intervall des Werts und des Rangs und wie sicher die Klasse ist, aus dem Bootstrap der Zählwerte (Methodenseite).",
    ),
    "klassen_wahrscheinlichkeiten": (
        "Wahrscheinlichkeiten der Klassen",
        "Je Index, Dimension, Sozialraum und Jahr: wie wahrscheinlich jede Klasse ist, aus dem Bootstrap der Zählwerte.",
    ),
    "typologie_sicherheit": (
        "Sicherheit der Typen",
        "Je Typologie, Sozialraum und Jahr: wie sicher der Typ ist und wie wahrscheinlich besondere Aufmerksamkeit, aus denselben Bootstrap-Ziehungen beider Indizes.",
    ),
    "methoden_spannweite": (
        "Ränge unter anderen Methoden",
        "Je Index, Sozialraum und Jahr: kleinster und größter Rang, wenn der Index mit anderen vertretbaren Methoden gerechnet wird.",
    ),
    "sensitivitaet": (
        "Einfluss der Methodenwahl",
        "Sobol-Indizes: wie stark jede Wahl in der Methode die Ränge verschiebt, allein (s1) und insgesamt (st).",
    ),
    "cluster": (
        "Räumliche Cluster",
        "Lokales Moran's I je Index, Dimension, Sozialraum und Jahr: wo sich günstige oder ungünstige Werte häufen.",
    ),
    "autokorrelation": (
        "Räumliche Autokorrelation",
        "Globales Moran's I je Index, Dimension und Jahr mit p-Wert aus Permutationen.",
    ),
}

DOWNLOADS: dict[str, tuple[str, str]] = {
    "xlsx": (
        "Excel-Arbeitsmappe",
        "Für Excel und LibreOffice: eine Übersicht aller Indizes und Typen des letzten Jahres und alle Tabellen mit deutschen Spaltennamen und Namen neben den Kennungen, mit Erläuterung, Lizenz und Zitierhinweis.",
    ),
    "zip": (
        "Alle Daten (ZIP)",
        "Für Programme (R, Python) und zum Archivieren: das ganze Datenpaket mit datapackage.json, allen Tabellen als CSV (Werte, Indizes, Dimensionen, Klassen, Typologien), den Grenzen als GeoJSON und den Änderungen.",
    ),
    "areas_geojson": (
        "Sozialräume mit Indizes (GeoJSON)",
        "Grenzen der Sozialräume mit Wert, Klasse und Rang jedes Index, den Klassen seiner Dimensionen und den Typen des letzten Jahres, für QGIS und Webkarten. Spalten: <Index-ID>{sep}wert, <Index-ID>{sep}klasse, <Index-ID>{sep}rang, <Index-ID>{sep}<Dimensions-ID>{sep}klasse, <Typologie-ID>{sep}typ und <Typologie-ID>{sep}aufmerksamkeit (Kennungen wie in den Tabellen indizes, index_dimensionen und typologien).",
    ),
    "areas_gpkg": (
        "Sozialräume mit Indizes (GeoPackage)",
        "Grenzen der Sozialräume mit Wert, Klasse und Rang jedes Index, den Klassen seiner Dimensionen und den Typen des letzten Jahres, für QGIS. Spalten wie im GeoJSON: <Index-ID>{sep}wert, <Index-ID>{sep}klasse, <Index-ID>{sep}rang, <Index-ID>{sep}<Dimensions-ID>{sep}klasse, <Typologie-ID>{sep}typ und <Typologie-ID>{sep}aufmerksamkeit.",
    ),
    "datapackage": (
        "Paketbeschreibung (datapackage.json)",
        "Metadaten und Schemas aller Tabellen (Frictionless Data Package): Spalten, Typen, Bedeutung, Schlüssel und Verweise zwischen den Tabellen; die Version des Datenformats steht in „sozmon:contract“.",
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
# Title and description of the package and of the DCAT catalogue where the release's
# metadata and settings give none; {indices} is a list of index names (`names`).
DOWNLOADS_METADATA = {
    "title": "{indices} – {city}",
    "title_no_city": "{indices}",
    "description": "Offene Daten des Sozialraummonitorings{where}{indices}: Indikatorwerte, Werte, Klassen und Ränge der Indizes und ihrer Dimensionen je Sozialraum und Jahr, mit den Definitionen der Indizes.",
    "where": " in {city}",
    "one_index": " (Index {names})",
    "indices": " (Indizes {names})",
    "quoted": "„{name}“",
    "and": " und ",
    "catalogue_title": "Offene Daten: {title}",
    "catalogue_description": "Offene Daten des Sozialraummonitorings{where}{indices}, veröffentlicht von {publisher}.",
    "attribution_version": "Version {version}",
}

SYNTHETIC_PACKAGE_NOTE = (
    "Achtung: synthetische Beispieldaten. Die Zahlen sind erfunden (realistische "
    "Größenordnungen), die Grenzen schematisch – nicht die amtlichen Zahlen der Stadt."
)
XLSX_INTRO_SHEET = "Erläuterung"
XLSX_OVERVIEW_SHEET = "Übersicht"
# Resource -> sheet (at most 31 characters), in the order of the workbook; a table
# without rows (no typology defined) gets no sheet.
XLSX_SHEETS = {
    "indikator_werte": "Indikatorwerte",
    "index_werte": "Indexwerte",
    "dimension_werte": "Dimensionswerte",
    "typologie_werte": "Typen je Sozialraum",
    "gebiete_werte": "Gebietswerte",
    "indikatoren": "Indikatoren",
    "indizes": "Indizes",
    "index_dimensionen": "Dimensionen",
    "index_indikatoren": "Indikatoren der Indizes",
    "index_klassen": "Klassen",
    "typologien": "Typologien",
    "typologie_typen": "Typen der Typologien",
    "sozialraeume": "Sozialräume",
}
XLSX_LABELS = {
    "title": "Titel",
    "description": "Beschreibung",
    "version": "Version",
    "contract": "Datenformat",
    "created": "Stand",
    "licence": "Lizenz",
    "citation": "Zitierhinweis",
    "sheets": "Blätter",
    "notes": "Hinweise",
}
XLSX_CONTRACT = "sozmon-Datenformat {version} (Spalten und Tabellen wie in den CSV-Dateien)"
# What a sheet holds, where it differs from the CSV resource's description (the workbook
# has no geometry, so "Sozialräume" must not promise boundaries).
XLSX_SHEET_DESCRIPTIONS = {
    "overview": (
        "Jeder Index im letzten Jahr für jeden Sozialraum – Rang, Wert, Klasse und Veränderung "
        "zum Vorjahr – und der Typ jeder Typologie; sortiert nach dem Rang im ersten Index "
        "(1 = niedrigster Wert)."
    ),
    "sozialraeume": (
        "Kennung, Name, Stadtteil und Stadtbezirk jedes Sozialraums. Die Grenzen (Flächen) "
        "stehen nicht in dieser Arbeitsmappe, sondern in den Geodaten: sozialraeume.geojson "
        "(GeoJSON) sowie sozialraeume_index.geojson und sozialraeume_index.gpkg (GeoPackage, "
        "mit den Indizes des letzten Jahres)."
    ),
}
XLSX_NOTES = [
    "Angezeigt werden gerundete Zahlen (Quoten mit einer, standardisierte Werte und Indizes mit "
    "zwei Nachkommastellen); in jeder Zelle steht der volle Wert.",
    "Neben jeder Kennung (ID) steht der Name des Sozialraums, des Indikators, des Index, der "
    "Dimension oder der Typologie.",
    "Für Programme (R, Python, Datenbanken) sind die CSV-Dateien im ZIP-Archiv die "
    "maßgebliche, maschinenlesbare Fassung; diese Arbeitsmappe ist zum Lesen gedacht.",
]
# Columns the workbook adds beside the ids: the names a reader looks for (titles unique
# beside the contract's own column titles).
XLSX_NAME_COLUMNS = {
    "sozialraum_id": "Sozialraum",
    "indikator_id": "Indikator",
    "index_id": "Index",
    "dimension_id": "Dimension",
    "typologie_id": "Typologie",
    "index_1": "Name von Index 1",
    "index_2": "Name von Index 2",
    "basis": "Name des Basisindex",
}
# The indicator sheet: in which indices an indicator stands.
XLSX_INDICATOR_INDICES = "In Indizes"
XLSX_CONTEXT_INDICATOR = "Kontextindikator (in keinem Index)"
XLSX_OVERVIEW = {
    "title": "{year}: alle Sozialräume, sortiert nach dem Rang im Index {index}",
    "rank_note": (
        "Rang 1 = niedrigster Wert, also die im Sinn des Index ungünstigste Lage (bei einem "
        "Dynamikindex: die ungünstigste Entwicklung). Wert: standardisiert, 0 = Mittel der "
        "Sozialräume, höher = günstiger."
    ),
    "index_note": "{index}: Klassen von „{short_name}: {lowest}“ bis „{short_name}: {highest}“.",
    "typology_note": (
        "{typology}: Typ aus den Klassen der Indizes {first} und {second}; „{attention}“ nach der "
        "Regel der Typologie (alle Kombinationen im Blatt {types})."
    ),
    "change_note": (
        "Veränderung zum Vorjahr ({previous}): Veränderung der Lage im Vergleich zu den anderen "
        "Sozialräumen (ein Gebiet steigt auch, wenn andere fallen), nicht der Lebensbedingungen "
        "selbst; diese zeigen die Indikatorwerte."
    ),
    "no_previous": "Für das Vorjahr gibt es keine Werte, daher keine Veränderung.",
    "quoted": "„{name}“",
    "id": "Sozialraum-ID",
    "name": "Sozialraum",
    "stadtteil": "Stadtteil",
    "stadtbezirk": "Stadtbezirk",
    # columns of each index and typology: "<name>: <what>"
    "column": "{name}: {what}",
    "rank": "Rang",
    "value": "Wert",
    "class": "Klasse",
    "change": "Veränderung zum Vorjahr",
    "type": "Typ",
    "attention": "Besondere Aufmerksamkeit",
}
CITATION = "{publisher}: {title}, Version {version} vom {date}. Lizenz: {licence}."
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
    "start_description": "Sozialmonitoring {city}: Indizes, Karten und Zahlen je Sozialraum",
    "start_intro": (
        "Das Sozialmonitoring zeigt für jeden Sozialraum in {city}, wo die Lage ungünstig ist und wo sie sich "
        "günstiger oder ungünstiger entwickelt als in den anderen Sozialräumen – in {n} Indizes aus einem "
        "gemeinsamen Katalog von Indikatoren. Alle Werte vergleichen Sozialräume; sie urteilen nicht über die "
        "Menschen, die dort leben."
    ),
    "score_reading": "Index- und Dimensionswerte sind gewichtete Mittel von z-Werten der Indikatoren (Abstände zum Mittel der Sozialräume in Standardabweichungen). 0 ist das Mittel der Sozialräume; höher bedeutet immer günstiger im Sinn des Index – auch bei Dimensionen, die einen Bedarf benennen. Die Klassen beschreiben „{measure}“: „{lowest}“ ist die ungünstigste Klasse.",
    "synthetic_title": "Beispieldaten",
    "synthetic_more": "Die Grenzen der Sozialräume sind schematisch.",
    "score_reading_general": (
        "Index- und Dimensionswerte sind gewichtete Mittel von z-Werten der Indikatoren (Abstände zum "
        "Mittel der Sozialräume in Standardabweichungen). 0 ist das Mittel der Sozialräume; höher bedeutet immer "
        "günstiger im Sinn des Index – auch bei Dimensionen, die einen Bedarf benennen."
    ),
    "class_reading": "Die Klassen beschreiben „{measure}“; „{lowest}“ ist die ungünstigste.",
    "index_more": "Mehr zu diesem Index",
    "map_title": "Karte: {measure} nach Sozialraum {year}",
    "map_hint": "Ein Klick oder Tipp auf ein Gebiet der Karte öffnet seine Seite; die aufklappbare Tabelle zur Karte enthält dieselben Zahlen mit Links.",
    "map_title_dim": "Karte: {name} {year}",
    "map_title_classes": "Karte: {measure} nach Sozialraum – {name} {year}",
    "table_of": "Tabelle: {title}",
    "lowest": "Ungünstigste Werte ({measure})",
    "release": "Stand der Daten",
    "release_line": "Version {version} vom {date}, Berichtsjahre bis {year}.",
    "all_areas": "Alle Sozialräume",
    "method": "Methode",
    "downloads": "Daten herunterladen",
    "score": "Wert (höher = besser)",
    "value": "Wert",
    "value_in_year": "Wert {year}",
    "rank": "Rang (1 = am ungünstigsten)",
    "rank_of": "{rank} von {n}",
    "area": "Sozialraum",
    "stadtteil": "Stadtteil",
    "stadtbezirk": "Stadtbezirk",
    "in_stadtteil": "Stadtteil {name}",
    "in_stadtbezirk": "Stadtbezirk {name}",
    "areas_title": "Sozialräume",
    "areas_description": "Alle Sozialräume mit den Klassen aller Indizes und ihrem Typ",
    "areas_intro": "Die Klassen aller Indizes und der Typ im Jahr {year}; die Seite jedes Sozialraums erklärt sie.",
    "dimensions_title": "Dimensionen",
    "indicators_title": "Indikatoren",
    "indicators_description": "Alle Indikatoren mit den Indizes, in die sie eingehen, Einheit und Wirkung",
    "indicators_intro": "Kontextindikatoren beschreiben die Sozialräume und gehen in keinen Index ein.",
    "indicator": "Indikator",
    "dimension": "Dimension",
    "unit": "Einheit",
    "effect": "Wirkung im Index",
    "effect_raises": "ein höherer Wert hebt den Index",
    "effect_lowers": "ein höherer Wert senkt den Index",
    "effect_context": "beschreibt das Gebiet, in keinem Index",
    "context": "Kontext",
    "context_long": "Kontextindikator (in keinem Index)",
    "property": "Angabe",
    "content": "Inhalt",
    "area_description": "{name} ({city}): Indizes, Entwicklung, Typ und Indikatoren",
    "locator_title": "Lage von {name} in der Stadt",
    "dimension_chart": "{index}: Dimensionen von {name} im Jahr {year}, Abstand zum Mittel der Sozialräume (0)",
    "over_time": "Verlauf",
    "over_time_chart": "{index}: {name} über die Jahre",
    "change_prev_position": "Veränderung der Lage zum Vorjahr",
    "position_note": "Index und Rang beschreiben die Lage im Vergleich zu den anderen Sozialräumen im selben Jahr. Eine Veränderung ist eine Veränderung dieser relativen Lage, nicht der Lebensbedingungen: ein Sozialraum steigt auch, wenn andere zurückfallen. Ob sich die Verhältnisse selbst verändert haben, zeigen die Indikatoren unten in ihrer eigenen Einheit.",
    "position_note_base_year": "Jedes Jahr ist gegen Mittel und Streuung des Basisjahres {base_year} standardisiert: eine Veränderung des Index ist eine Veränderung gegenüber dem Stand von {base_year}, gemessen in dessen Standardabweichungen. Die Indikatoren unten zeigen die Veränderung in ihrer eigenen Einheit.",
    "year": "Jahr",
    "indicator_table_intro": "Werte {year}; Differenz zu {city_total} und Veränderung zum Vorjahr in der Einheit des Indikators (bei Anteilen in Prozentpunkten), mit der Angabe, ob der Unterschied in die Richtung weist, die der Index als günstig wertet. Ob der Index eines Sozialraums steigt, hängt dagegen vom Mittel der Sozialräume ab, nicht vom Wert der ganzen Stadt. Kontextindikatoren beschreiben das Gebiet und werden nicht gewertet. ▲ heißt günstiger, ▼ ungünstiger im Sinn des Index.",
    "difference": "Differenz zu {city_total}",
    "change_prev": "Veränderung zum Vorjahr",
    "percentage_points": "Prozentpunkte",
    "bytes": "{n} Byte",
    # Better or worse always in a word and a symbol (never colour alone): ▲ better, ▼ worse.
    "better": "▲ günstiger",
    "worse": "▼ ungünstiger",
    "same": "= unverändert",
    "index_favourable": "▲ im Sinne des Index günstiger",
    "index_unfavourable": "▼ im Sinne des Index ungünstiger",
    "not_judged": "Kontext, ohne Wertung",
    "pp_short": "Pp.",
    "and": " und ",
    "suppressed": "gesperrt",
    "suppressed_note": "„gesperrt“: aus Gründen der Geheimhaltung nicht veröffentlicht (kleine Fallzahl oder aus einer solchen errechenbar). „–“: kein Wert.",
    "small_mark": " (unsicher)",
    "rate_only_note": "Bei Indikatoren, die nur als Anteil geliefert wurden, fehlt der Wert für {city_total}: er lässt sich ohne Zähler und Nenner nicht berechnen.",
    "small_note": "„(unsicher)“: der Wert beruht auf weniger als {min_denominator} Personen im Nenner; er schwankt zufällig stark und geht nicht in den Index ein.",
    "neighbours": "Weitere Sozialräume im Stadtteil {stadtteil}:",
    "download_rows": "Die Zahlen dieses Sozialraums stehen in allen Tabellen unter der Sozialraum-ID {id}:",
    "dimension_value": "{name} ({value}, {measure} „{klasse}“)",
    "position_note_dynamics": (
        "Jeder Wert beschreibt die Entwicklung der {period} Jahre bis zu diesem Jahr im Vergleich der Sozialräume: "
        "„positiv“ heißt günstiger als in den meisten Sozialräumen, „stabil“ etwa wie im Mittel, „negativ“ "
        "ungünstiger – auch dann, wenn sich vieles verbessert hat, anderswo aber noch mehr."
    ),
    "effect_rise_raises": "ein Anstieg hebt den Index",
    "effect_rise_lowers": "ein Anstieg senkt den Index",
    "no_value_count": "kein Wert (zu wenige verwertbare Indikatoren)",
    "yes": "ja",
    "no": "nein",
    "score_rank": "{value} (Rang {rank})",
    "attention": "Besonderer Aufmerksamkeitsbedarf",
    "no_judgement": "Die Typen vergleichen Sozialräume; sie urteilen nicht über die Menschen, die dort leben.",
    "summary_below": "Am weitesten unter dem Mittel der Sozialräume liegen in „{name}“ die Dimensionen {dims}.",
    "summary_below_one": "Unter dem Mittel der Sozialräume liegt in „{name}“ nur die Dimension {dims}.",
    "dimension_weight": "Gewicht im Index: {weight}.",
    "map_and_ranking": "Karte und Rangfolge {year}",
    "ranking_chart": "Rangfolge der Sozialräume: {name} {year}",
    "ranking_chart_classes": "Rangfolge der Sozialräume – {name} {year}",
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
    "pandas_code": 'import pandas as pd\nbasis = "https://…/daten/"  # Adresse dieser Seite\nwerte = pd.read_csv(basis + "indikator_werte.csv", dtype={"sozialraum_id": str})\nindex = pd.read_csv(basis + "index_werte.csv", dtype={"sozialraum_id": str})\nindex.pivot(index=["index_id", "sozialraum_id"], columns="jahr", values="wert")',
    "dictionary": "Datenwörterbuch",
    "gis_title": "Sozialräume mit Index (Geodaten)",
    "gis_description": "Die Grenzen der Sozialräume mit den Werten, Klassen und Rängen des letzten Jahres als Spalten, eine Zeile je Sozialraum.",
    "gis_area_columns": "sozialraum_id, name, stadtteil, stadtbezirk",
    "gis_area_columns_type": "string",
    "gis_area_columns_meaning": "wie in der Tabelle Sozialräume",
    "gis_year": "Berichtsjahr der Werte ({year})",
    "gis_wert": "{name}: Wert {year} (Abstand zum Mittel der Sozialräume, höher = günstiger)",
    "gis_klasse": "{name}: Klasse {year} ({measure})",
    "gis_rang": "{name}: Rang {year} (1 = ungünstigster Wert)",
    "column": "Spalte",
    "title": "Titel",
    "type": "Typ",
    "meaning": "Bedeutung",
    "method_title": "Methode",
    "method_description": "Wie die Indizes berechnet werden: Status, Dynamik, Typologie, kleine Zahlen und Geheimhaltung",
    "method_reconstruction": '!!! note "Rekonstruktion"\n    Die genaue Indikatorenliste, Standardisierung, Gewichte und Klassengrenzen des städtischen Index sind nicht veröffentlicht. Diese Seite beschreibt die Methode, mit der diese Website rechnet – eine dokumentierte Rekonstruktion, nicht die amtliche Methode der Stadt.',
    "method_steps": "1. **Indikatorwert** = Zähler / Nenner × Faktor je Sozialraum und Jahr. Werte für Stadt, Stadtbezirke und Stadtteile sind Quotienten der Summen, nie Mittelwerte der Quoten.\n2. **Kleine Zahlen**: Werte mit einem Nenner unter {min_denominator} gehen in keinen Index ein und sind auf den Seiten als „unsicher“ markiert. Zähler mit 0 < Zähler < {suppress_below} werden nie veröffentlicht.\n3. **Standardisierung, Dimensionen, Klassen**: wie sie jeder Index festlegt (seine Methodenseite unten).",
    "standardise_year": "z-Werte je Jahr über alle Sozialräume, mit der Standardabweichung der Grundgesamtheit.",
    "standardise_base_year": "z-Werte jedes Jahres gegen Mittelwert und Standardabweichung des Basisjahres {base_year}, damit Veränderungen echte Veränderungen sind.",
    "restandardise_yes": "Zusammengefasste Werte werden noch einmal z-standardisiert.",
    "city_vs_mean_title": "Stadt insgesamt und Mittel der Sozialräume",
    "city_vs_mean_text": "Zwei Vergleichswerte haben verschiedene Namen, weil sie Verschiedenes sind. „{city_total}“ ist der Wert der ganzen Stadt, als Quotient der Summen berechnet: alle Zähler geteilt durch alle Nenner. Große Sozialräume zählen darin mehr als kleine. Das „Mittel der Sozialräume“ ist die 0 der Index- und Dimensionswerte: jeder Sozialraum zählt gleich viel, egal wie viele Menschen dort leben. Deshalb kann ein Sozialraum über {city_total} und zugleich unter dem Mittel der Sozialräume liegen.",
    "classes": "Klassen",
    "classes_reading": "Die Klassen beschreiben „{measure}“: „{lowest}“ ist die ungünstigste Klasse, auch in Dimensionen, deren Name einen Bedarf nennt.",
    "weights": "Indikatoren und Gewichte",
    "weight": "Gewicht",
    "context_title": "Kontextindikatoren (veröffentlicht, in keinem Index)",
    "disclosure_title": "Geheimhaltung",
    "disclosure_text": "Zähler von 1 bis {suppress_below} (ausschließlich) werden nicht veröffentlicht, ebenso weitere Werte, aus denen sie sich über Summen für Stadtteil, Stadtbezirk oder Stadt zurückrechnen ließen (sekundäre Geheimhaltung). Gesperrte Werte gehen auch nicht in den Index ein, weil sie sich sonst aus den Dimensionswerten errechnen ließen; fehlen dadurch zu viele Indikatoren einer Dimension, hat sie in dem Jahr keinen Wert. Nennen zwei Indikatoren im Katalog dieselbe Zahl (denselben Zähler, oder der Zähler des einen ist der Nenner des anderen), wird sie gemeinsam geschützt: Ist sie gesperrt, fehlt sie überall, wo sie sonst stünde, als Nenner zusammen mit dem Wert des Indikators.",
    "site_title": "Sozialmonitoring {city}",
    "none": "Keine.",
    "indices_title": "Indizes",
    "indices_description": "Die Indizes des Sozialmonitorings: was sie messen und für wen",
    "indices_intro": "Jeder Index fasst Indikatoren aus demselben Katalog zusammen; jeder hat eine Seite mit Karte, Rangfolge, Dimensionen und Methode.",
    "index_page_description": "{name}: Karte, Rangfolge und Dimensionen je Sozialraum",
    "index_method_link": "Wie „{name}“ berechnet wird",
    "areas_count": "Sozialräume",
    "classes_count": "Sozialräume je Klasse {year}",
    "index_method_title": "Methode: {name}",
    "index_method_description": "Wie der Index „{name}“ berechnet wird: Indikatoren, Gewichte und Klassen",
    "index_steps": "1. **Standardisierung**: {standardise} Jeder Indikator wird so gedreht, dass höhere Werte günstiger im Sinn des Index sind („{measure}“).\n2. **Dimensionen und Index**: gewichtetes Mittel der verfügbaren z-Werte; ein Wert entsteht nur, wenn mindestens {coverage} % (nach Gewicht) verfügbar sind. {restandardise}\n3. **Klassen** nach den Grenzen unten, **Rang** 1 = ungünstigster Wert, **Veränderung** zum Vorjahr und zum Basisjahr {base_year}.",
    "dynamics_steps": "Ein Dynamikindex misst nicht die Lage, sondern ihre Entwicklung: Wo sich ein Sozialraum stärker verbessert als die anderen, ist er „positiv“; wo er sich stärker verschlechtert, „negativ“; dazwischen „stabil“. Bei Anteilen ist die Veränderung in Prozentpunkten gemessen, sonst in der Einheit des Indikators. Fehlt der Wert am Anfang oder am Ende des Zeitraums, gibt es keine Veränderung.",
    "range": "Bereich",
    "method_general": "Methode des Sozialmonitorings",
    "dimension_of": "Eine Dimension des Index",
    "kind_status": "Ein Statusindex: er beschreibt die Lage in einem Jahr im Vergleich der Sozialräume.",
    "kind_dynamics": "Ein Dynamikindex: er beschreibt die Veränderung der Indikatoren über {period} Jahre im Vergleich der Sozialräume.",
    "kind_dynamics_delivered": "Ein Dynamikindex: er beschreibt Veränderungen, die als eigene Indikatoren geliefert werden, im Vergleich der Sozialräume.",
    "rule_part": "{measure} {classes}",
    "or": " oder ",
    "attention_rule": "Besonderer Aufmerksamkeitsbedarf besteht bei: {rules}.",
    "attention_none": "Für diese Typologie ist keine Regel für besonderen Aufmerksamkeitsbedarf festgelegt.",
    "attention_mark": " ⚑",
    "typology_description": "{name}: Karte, Kreuztabelle und Sozialräume mit besonderem Aufmerksamkeitsbedarf",
    "typology_crossing": "Die Typologie kreuzt die Klassen zweier Indizes:",
    "typology_map_title": "Karte: {name} {year} – Sozialräume mit besonderem Aufmerksamkeitsbedarf",
    "cross_title": "Kreuztabelle {year}",
    "cross_reading": "Anzahl der Sozialräume je Kombination der Klassen; eine Zahl führt zur Liste dieser Sozialräume. ⚑ = besonderer Aufmerksamkeitsbedarf.",
    "attention_heading": "Besonderer Aufmerksamkeitsbedarf {year}: {n} Sozialräume",
    "types_heading": "Alle Typen mit ihren Sozialräumen",
    "attention_yes": "besonderer Aufmerksamkeitsbedarf",
    "attention_no": "kein besonderer Aufmerksamkeitsbedarf",
    "typology_missing": "Ohne Typ (eine der beiden Klassen fehlt):",
    "typology_more": "Mehr zu „{name}“: Kreuztabelle und alle Typen",
    "attention_title": "Besonderer Aufmerksamkeitsbedarf {year} ({n} Sozialräume)",
    "no_value": "kein Wert",
    "key_class": "{measure}: {klasse} (Rang {rank} von {n}; Rang 1 = am ungünstigsten)",
    "summary_intro": "{name} im Jahr {year}:",
    "summary_no_value_last": (
        "Für „{name}“ gibt es {year} keinen Wert (zu wenige verwertbare Indikatoren); der letzte stammt aus "
        "{last_year}: {measure} „{klasse}“."
    ),
    "summary_no_value": "Für „{name}“ gibt es {year} keinen Wert (zu wenige verwertbare Indikatoren).",
    "summary_status": "{measure} „{klasse}“ ({name}).",
    "summary_dynamics": "{measure} der letzten {period} Jahre „{klasse}“ ({name}).",
    "summary_attention": "Typ „{typ}“: besonderer Aufmerksamkeitsbedarf ({name}).",
    "summary_type": "Typ „{typ}“, kein besonderer Aufmerksamkeitsbedarf ({name}).",
    "used_in": "Im Index",
    "gis_typ": "{name}: Typ {year}",
    "gis_aufmerksamkeit": "{name}: besonderer Aufmerksamkeitsbedarf {year} (true/false)",
    "method_common": "Für alle Indizes",
    "typologies_title": "Typologien",
    "method_citizens": "Das Sozialmonitoring beantwortet zwei Fragen je Sozialraum. **Wie ist die Lage?** Das sagt ein *Statusindex*: er vergleicht die Sozialräume in einem Jahr. **Wohin entwickelt es sich?** Das sagt ein *Dynamikindex*: er vergleicht, wie sich dieselben Indikatoren über einige Jahre verändert haben. Eine *Typologie* kreuzt beides, etwa „Lage niedrig, Entwicklung negativ“, und markiert nach einer festen Regel die Sozialräume mit besonderem Aufmerksamkeitsbedarf. Alle Werte sind Vergleiche zwischen den Sozialräumen der Stadt, keine Urteile über die Menschen, die dort leben.",
}

# Texts inside the charts and maps (titles, axes, legends, tooltips, descriptions)
CHARTS: dict[str, str] = {
    "missing": "keine Angabe",
    "latest_year": "neuestes Jahr",
    "area": "Sozialraum",
    "year": "Jahr",
    "value": "Wert",
    "value_class": "Wertebereich",
    "rank": "Rang (1 = am ungünstigsten)",
    "index": "Index",
    "bar_subject": "Bereich",
    "type": "Typ",
    "attention_title": "Einstufung",
    "attention": "besonderer Aufmerksamkeitsbedarf",
    "no_attention": "kein besonderer Aufmerksamkeitsbedarf",
    "city_average": "Mittel der Sozialräume",
    "city_total": "{city} insgesamt",
    "areas": "Sozialräume",
    "unit_axis": "Wert in {unit}",
    "score_axis": "Abstand zum Mittel der Sozialräume (Standardabweichungen)",
    "index_axis": "{name} (0 = Mittel der Sozialräume)",
    # titles
    # Class charts name the index's short name ({short_name}: what a higher value means),
    # never only the dimension: a dimension named after a need would read backwards.
    "class_map_title": "{short_name} nach Sozialraum: {name}, {year}",
    "value_map_title": "{name} nach Sozialraum, {year}",
    "typology_map_title": "{name} nach Sozialraum, {year}",
    "dimension_bars_title": "{area}: {short_name} in Index und Dimensionen, {year}",
    "index_over_time_title": "{area}: {name} im Zeitverlauf",
    "ranking_title": "{name}: alle Sozialräume, {year}",
    "ranking_title_index": "{short_name}, alle Sozialräume: {name}, {year}",
    "distribution_title": "{name}: Sozialräume und {city} insgesamt je Jahr",
    "distribution_title_areas": "{name}: Sozialräume je Jahr",
    # accessible names of whole charts (vega-embed puts them into aria-label)
    "class_map_description": (
        "Karte der Sozialräume in {city}: {short_name} nach „{name}“, {year}, in Klassen von „{lowest}“ "
        "(am ungünstigsten, rot) bis „{highest}“ (am günstigsten, blau). "
        "Jede Fläche führt zur Seite des Sozialraums."
    ),
    "typology_map_description": (
        "Karte der Sozialräume in {city}: {name}, {year}. Sozialräume mit besonderem "
        "Aufmerksamkeitsbedarf sind orangerot gefüllt, die übrigen fast weiß, Sozialräume ohne Angabe grau. "
        "Jede Fläche führt zur Seite des Sozialraums."
    ),
    "locator_description": "Kleine Karte: Lage des Sozialraums {area} in {city}.",
    "locator_description_nearby": "Kleine Karte: Lage des Sozialraums {area} in {city} zwischen den umliegenden Sozialräumen.",
    "locator_mark": "Der Sozialraum ist schwarz gefüllt, alle anderen sind hellgrau.",
    "districts_description": "Dicke Linien und fette Namen zeigen die Stadtbezirke.",
    "value_map_description": (
        "Karte der Sozialräume in {city}: {name} in {unit}, {year}, in {classes} Klassen; je dunkler, desto ungünstiger."
    ),
    "value_map_description_context": (
        "Karte der Sozialräume in {city}: {name} in {unit}, {year}, in {classes} Klassen; "
        "je dunkler, desto höher der Wert. Ein Kontextindikator: er beschreibt das Gebiet und wird nicht gewertet."
    ),
    "value_legend_context": "Wert in {unit}, je dunkler, desto höher",
    "dimension_bars_description": (
        "Balkendiagramm: {area} im Index „{name}“ und in seinen Dimensionen, {year}, als Abstand zum "
        "Mittel der Sozialräume (0) in Standardabweichungen; höher ist günstiger ({short_name})."
    ),
    "index_over_time_description": (
        "Liniendiagramm: {name} für {area} je Jahr; 0 ist das Mittel der Sozialräume, "
        "höher ist günstiger ({short_name})."
    ),
    "ranking_description": (
        "Balkendiagramm: {name} für alle Sozialräume in {city}, {year}, sortiert vom ungünstigsten "
        "zum günstigsten Wert."
    ),
    "ranking_description_index": (
        "Balkendiagramm: {short_name} nach „{name}“ für alle Sozialräume in {city}, {year}, sortiert "
        "vom ungünstigsten zum günstigsten Wert."
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
    "mark_class": "{area}: {label} {value}, {short_name} {klasse}",
    "mark_missing": "{area}: keine Angabe",
    "mark_value": "{area}: {value} {unit}",
    "mark_bar": "{label}: {value}, {short_name} {klasse}",
    "mark_type": "{area}: {typ}",
    "mark_type_attention": "{area}: {typ}, {attention}",
    "bar_label": "{label}: {value}",
    "mark_year_class": "{year}: {value}, {short_name} {klasse}",
    "mark_rank": "Rang {rank}: {area}, {value}",
    "mark_year_value": "{area} {year}: {value} {unit}",
    # classes of indicator values on a map
    "value_class_first": "unter {upper}",
    "value_class_middle": "{lower} bis unter {upper}",
    "value_class_last": "{lower} und mehr",
    "value_class_all": "alle Werte",
}


# --- Verteilungsschlüssel (allocation key) ---------------------------------------------
# (texts of sozmon/allocation.py, compute/allocation.py, pages/allocation.py)
PROBLEMS.update(
    {
        "allocation-type": (
            "'{field}' hat den Wert '{value}', erwartet: {expected}",
            "Den Schlüssel nach dem Beispiel in docs/einstellungen.md (Verteilungsschlüssel) schreiben.",
        ),
        "allocation-id": (
            "'{field}' = '{value}' ist keine gültige ID",
            "Eine ID aus Buchstaben, Ziffern, '-' und '_' angeben (nicht 'index'); sie steht in den Tabellen "
            "und in der Adresse der Seite.",
        ),
        "allocation-duplicate": (
            "Die ID '{value}' ({field}) kommt mehrfach vor (Groß-/Kleinschreibung zählt nicht)",
            "Jedem Verteilungsschlüssel eine eigene ID geben.",
        ),
        "allocation-formula": (
            "Die Formel '{value}' ({field}) gibt es nicht",
            "weighted_population, shares oder rate_per_band angeben – oder formula weglassen (dann "
            "weighted_population: Gewicht der Klasse × Bevölkerung).",
        ),
        "allocation-budget": (
            "Das Budget '{value}' ({field}) ist kein Betrag über 0 Euro mit höchstens zwei Nachkommastellen",
            "Das Budget in Euro als Zahl ohne Tausenderpunkte angeben, z. B. budget: 1500000 "
            "(nur rate_per_band kommt ohne Budget aus).",
        ),
        "allocation-amount": (
            "'{value}' ({field}) ist kein Betrag ab 0 Euro mit höchstens zwei Nachkommastellen",
            "Den Betrag in Euro als Zahl ohne Tausenderpunkte angeben, z. B. 20000 – oder den Eintrag weglassen.",
        ),
        "allocation-year": (
            "Das Jahr '{value}' ({field}) ist kein Jahr der Lieferung (Jahre: {known})",
            "Eines der Jahre angeben – oder year weglassen: dann gilt das letzte Jahr.",
        ),
        "allocation-need-missing": (
            "Der Schlüssel sagt nicht, woran sich der Bedarf bemisst ({field})",
            "need: {{index: <Index-ID>}} angeben (oder {{index: …, dimension: …}} oder {{typology: <Typologie-ID>}}).",
        ),
        "allocation-need": (
            "'{field}' = '{value}': der Bedarf nennt genau einen Index (wahlweise mit einer Dimension) oder "
            "eine Typologie",
            "need: {{index: <Index-ID>}}, need: {{index: <Index-ID>, dimension: <Dimensions-ID>}} oder "
            "need: {{typology: <Typologie-ID>}} schreiben.",
        ),
        "allocation-unknown-index": (
            "'{value}' ({field}) ist kein Index dieser Lieferung (Indizes: {known})",
            "Eine ID aus indices: angeben.",
        ),
        "allocation-unknown-dimension": (
            "Die Dimension '{value}' ({field}) gibt es im Index '{index}' nicht (Dimensionen: {known})",
            "Eine Dimensions-ID dieses Index angeben.",
        ),
        "allocation-unknown-typology": (
            "'{value}' ({field}) ist keine Typologie dieser Lieferung (Typologien: {known})",
            "Eine ID aus typologies: angeben.",
        ),
        "allocation-unknown-class": (
            "'{value}' ({field}) ist keine Klasse von '{source}' (Klassen: {known})",
            "Den Namen der Klasse (bei einer Typologie: des Typs) genau so schreiben, wie er dort heißt.",
        ),
        "allocation-weight": (
            "'{value}' ({field}) ist keine Zahl ab 0",
            "Eine Zahl ab 0 angeben (ungünstigere Klassen bekommen in der Regel ein höheres Gewicht).",
        ),
        "allocation-weights-zero": (
            "Alle Gewichte ({field}) sind 0: kein Sozialraum bekäme etwas",
            "Mindestens einer Klasse ein Gewicht über 0 geben – oder weights weglassen (Vorgabe).",
        ),
        "allocation-rates": (
            "Die Formel rate_per_band braucht einen Betrag je Kopf für jede Klasse ({field})",
            "rates: {{<Klasse>: <Euro je Kopf>, …}} angeben; nicht genannte Klassen erhalten 0 €.",
        ),
        "allocation-not-for-formula": (
            "'{field}' gilt nicht für die Formel {formula}",
            "Den Eintrag entfernen oder die Formel ändern (weights: weighted_population, rates: rate_per_band, "
            "shares: shares, population: alle außer shares).",
        ),
        "allocation-population-missing": (
            "Der Schlüssel nennt keine Zielgruppe ({field})",
            "population: {{indicator: <Indikator-ID>, count: nenner}} angeben: die Zahl, die ein Indikator je "
            "Sozialraum als Zähler oder Nenner zählt.",
        ),
        "allocation-unknown-indicator": (
            "Der Indikator '{value}' ({field}) steht nicht in indikatoren.csv",
            "Die ID eines Indikators aus dem Katalog angeben.",
        ),
        "allocation-count": (
            "'{value}' ({field}) ist weder zaehler noch nenner",
            "count: zaehler (die gezählten Personen) oder count: nenner (die Bezugsbevölkerung) angeben.",
        ),
        "allocation-shares": (
            "Die Formel shares braucht eine Liste von Zählungen mit ihrem Anteil am Budget ({field})",
            "Zum Beispiel shares: [{{indicator: <Indikator-ID>, count: zaehler, weight: 75}}, "
            "{{indicator: <Indikator-ID>, count: zaehler, weight: 25}}] schreiben.",
        ),
        "allocation-share-weight": (
            "Der Anteil '{value}' ({field}) ist keine Zahl über 0",
            "Den Anteil am Budget in Prozent angeben, z. B. weight: 75.",
        ),
        "allocation-share-twice": (
            "Dieselbe Zählung steht zweimal unter {field}",
            "Jede Zählung nur einmal nennen und ihre Anteile zusammenzählen.",
        ),
        "allocation-shares-sum": (
            "Die Anteile unter {field} ergeben zusammen {value} statt 100; sie werden als Verhältnis genommen",
            "Anteile in Prozent angeben, die zusammen 100 ergeben.",
        ),
        "allocation-floor-cap": (
            "Der Mindestbetrag {value} € ({field}) ist größer als der Höchstbetrag {cap} €",
            "Den Mindestbetrag senken oder den Höchstbetrag erhöhen.",
        ),
        "allocation-floor-over-budget": (
            "Der Mindestbetrag {value} € ({field}) ist größer als das ganze Budget {budget} €",
            "Den Mindestbetrag senken oder das Budget erhöhen.",
        ),
        "allocation-damping": (
            "Die Dämpfung '{value}' ({field}) ist keine Zahl über 0 und bis 100 (Prozent)",
            "Die größte erlaubte Veränderung gegenüber dem Vorjahr in Prozent angeben, z. B. damping: 10.",
        ),
        "allocation-needs-budget": (
            "'{field}' braucht ein Budget: ohne budget ist der Betrag Satz × Köpfe",
            "budget: angeben (dann werden die Sätze auf das Budget skaliert) oder den Eintrag entfernen.",
        ),
        "allocation-attention": (
            "eligible: attention ({field}) gilt nur, wenn der Bedarf eine Typologie ist",
            "need: {{typology: <Typologie-ID>}} angeben – oder die berechtigten Klassen als Liste nennen.",
        ),
        "allocation-eligible-without-need": (
            "Berechtigte Klassen ({field}) gibt es nur mit einem Bedarf",
            "need: angeben oder eligible entfernen (dann sind alle Sozialräume berechtigt).",
        ),
        # found when the key is computed (the year it is decided for)
        "allocation-no-need-year": (
            "Im Jahr {year} hat '{source}' für keinen Sozialraum eine Klasse: der Schlüssel lässt sich nicht berechnen",
            "Ein anderes Jahr angeben (year:) oder einen anderen Bedarf.",
        ),
        "allocation-floor-budget": (
            "Im Jahr {year} sind {n} Sozialräume berechtigt; {n} × Mindestbetrag {floor} € = {total} € ist mehr "
            "als das Budget von {budget} €",
            "Den Mindestbetrag senken, das Budget erhöhen oder weniger Klassen berechtigen (eligible).",
        ),
        "allocation-cap-budget": (
            "Im Jahr {year} lassen sich höchstens {total} € verteilen ({n} Sozialräume mit Bedarf, je höchstens "
            "{cap} €), das Budget ist {budget} €",
            "Den Höchstbetrag erhöhen, das Budget senken oder mehr Klassen berechtigen.",
        ),
        "allocation-nobody": (
            "Im Jahr {year} hat kein berechtigter Sozialraum Punkte: das Budget ließe sich nicht verteilen",
            "Berechtigte Klassen (eligible), Gewichte und Zielgruppe (population) prüfen.",
        ),
        "allocation-skipped-floor": (
            "Für {year} gibt es keinen Schlüssel: die Mindestbeträge der berechtigten Sozialräume übersteigen "
            "das Budget",
            "Nur ein Hinweis: frühere Jahre werden zum Vergleich und für die Dämpfung berechnet; für diese Jahre "
            "fehlen die Zeilen in verteilung.csv. Mit einem niedrigeren Mindestbetrag gäbe es sie.",
        ),
        "allocation-skipped-cap": (
            "Für {year} gibt es keinen Schlüssel: mit den Höchstbeträgen lässt sich das Budget nicht ausgeben",
            "Nur ein Hinweis: frühere Jahre werden zum Vergleich und für die Dämpfung berechnet; für diese Jahre "
            "fehlen die Zeilen in verteilung.csv. Mit einem höheren Höchstbetrag gäbe es sie.",
        ),
        "allocation-skipped-nobody": (
            "Für {year} gibt es keinen Schlüssel: kein berechtigter Sozialraum hat Punkte",
            "Nur ein Hinweis: frühere Jahre werden zum Vergleich und für die Dämpfung berechnet; für diese Jahre "
            "fehlen die Zeilen in verteilung.csv.",
        ),
    }
)
FIELDS.update(
    {
        # verteilung
        "verteilung_id": ("Verteilungs-ID", "Kennung des Verteilungsschlüssels (siehe Tabelle verteilungen)"),
        "bedarf": (
            "Bedarf",
            "Klasse des Sozialraums im Index oder in der Dimension, nach der sich der Bedarf bemisst, oder sein Typ in der Typologie (siehe verteilungen: bedarf_index, bedarf_dimension, bedarf_typologie); leer, wenn er im Jahr keine hat",
        ),
        "verteilung_gewicht": (
            "Gewicht",
            "Gewicht der Klasse (Formel gewichtete_bevoelkerung) oder Euro je Kopf der Klasse (Formel satz_je_kopf); leer bei der Formel anteile und ohne Klasse",
        ),
        "bevoelkerung": (
            "Bevölkerung",
            "Die Zielgruppe im Sozialraum: die Zahl aus indikator_werte (Indikator und Zähler oder Nenner nach verteilungen). Leer, wenn sie gesperrt oder nicht geliefert ist: dann geht der Sozialraum ohne sie ein (siehe grund). Leer bei der Formel anteile",
        ),
        "berechtigt": (
            "Berechtigt",
            "true, wenn der Sozialraum Geld aus diesem Schlüssel erhalten kann: seine Klasse ist berechtigt (verteilungen.berechtigte)",
        ),
        "punkte": (
            "Punkte",
            "Wonach das Budget verteilt wird: Gewicht × Bevölkerung (gewichtete_bevoelkerung), Satz × Bevölkerung in Euro (satz_je_kopf) oder die Summe der Anteile am Budget in Prozent (anteile: Anteil × Zahl des Sozialraums / Summe der berechtigten Sozialräume). 0, wenn der Sozialraum nicht berechtigt ist oder seine Zahl gesperrt ist",
        ),
        "betrag_roh": (
            "Betrag vor Begrenzung",
            "Budget × Punkte / Summe der Punkte aller Sozialräume in Euro, ungerundet: der Betrag ohne Mindestbetrag, Höchstbetrag und Dämpfung",
        ),
        "begrenzung": (
            "Begrenzung",
            "Welche Grenze den Betrag festlegt: mindestbetrag, hoechstbetrag, daempfung_unten (höchstens die erlaubte Abnahme gegenüber dem Vorjahr), daempfung_oben (höchstens die erlaubte Zunahme); leer: der Betrag folgt den Punkten. Was eine Grenze nimmt oder gibt, wird nach Punkten auf die übrigen Sozialräume verteilt",
        ),
        "daempfung": (
            "Dämpfung anwendbar",
            "true, wenn die Dämpfung für den Sozialraum in diesem Jahr gilt: er hatte im Vorjahr (mit demselben Schlüssel berechnet) einen Betrag und ist weiter berechtigt. Ob sie seinen Betrag tatsächlich begrenzt, sagt begrenzung (daempfung_unten, daempfung_oben). Wer neu berechtigt ist oder nicht mehr, wird nicht gedämpft",
        ),
        "betrag": (
            "Betrag (Euro)",
            "Betrag in Euro, auf Cent gerundet (Verfahren der größten Reste): die Beträge eines Schlüssels und Jahres ergeben zusammen genau das Budget",
        ),
        "anteil": ("Anteil (%)", "Anteil des Betrags am Budget des Jahres in Prozent"),
        "grund": (
            "Grund",
            "Warum der Sozialraum keine oder weniger Punkte hat, mehrere durch ; getrennt: keine_klasse (keine Klasse im Jahr), nicht_berechtigt, gesperrt (Zahl aus Gründen der Geheimhaltung gesperrt: sie geht nicht ein, damit sie sich nicht aus dem Betrag zurückrechnen lässt), keine_zahl (nicht geliefert), gewicht_null, keine_bevoelkerung (Zahl 0)",
        ),
        # verteilungen
        "verteilung_name": ("Name", "Name des Verteilungsschlüssels"),
        "verteilung_beschreibung": ("Beschreibung", "Wofür das Budget ist, in Worten für alle"),
        "budget": (
            "Budget (Euro)",
            "Zu verteilender Betrag in Euro je Jahr; leer bei satz_je_kopf ohne Budget (dann ist das Budget die Summe der Beträge)",
        ),
        "verteilung_jahr": (
            "Jahr der Entscheidung",
            "Das Jahr, für das der Schlüssel gilt (die Seite zeigt es); verteilung enthält zum Vergleich auch frühere Jahre mit demselben Budget",
        ),
        "formel": (
            "Formel",
            "gewichtete_bevoelkerung (Gewicht der Klasse × Bevölkerung), anteile (gewichtete Anteile mehrerer Zahlen) oder satz_je_kopf (Euro je Kopf je Klasse)",
        ),
        "bedarf_index": (
            "Bedarf: Index",
            "Index, dessen Klasse den Bedarf bestimmt (siehe Tabelle indizes); leer bei einer Typologie oder ohne Bedarf",
        ),
        "bedarf_dimension": (
            "Bedarf: Dimension",
            "Dimension dieses Index, deren Klasse den Bedarf bestimmt (siehe index_dimensionen); leer: der Index selbst",
        ),
        "bedarf_typologie": (
            "Bedarf: Typologie",
            "Typologie, deren Typ den Bedarf bestimmt (siehe Tabelle typologien); leer bei einem Index",
        ),
        "gewichte": (
            "Gewichte",
            "Gewicht (bei satz_je_kopf: Euro je Kopf) jeder Klasse oder jedes Typs, von der ungünstigsten an, z. B. „sehr niedrig: 4; niedrig: 3; …“",
        ),
        "bevoelkerung_indikator": (
            "Zielgruppe: Indikator",
            "Indikator, dessen Zähler oder Nenner die Zielgruppe zählt (siehe Tabelle indikatoren); leer bei anteile",
        ),
        "bevoelkerung_zahl": ("Zielgruppe: Zahl", "zaehler oder nenner des Indikators; leer bei anteile"),
        "anteile": (
            "Anteile",
            "Bei der Formel anteile: je Zahl ihr Anteil am Budget in Prozent, z. B. „<Indikator-ID> zaehler: 75; <Indikator-ID> zaehler: 25“",
        ),
        "berechtigte": (
            "Berechtigte Klassen",
            "Klassen oder Typen, die Geld erhalten können, durch ; getrennt; leer: alle Sozialräume mit einer Klasse",
        ),
        "mindestbetrag": (
            "Mindestbetrag (Euro)",
            "Jeder berechtigte Sozialraum erhält mindestens diesen Betrag; leer: keiner",
        ),
        "hoechstbetrag": ("Höchstbetrag (Euro)", "Kein Sozialraum erhält mehr als diesen Betrag; leer: keiner"),
        "daempfung_prozent": (
            "Dämpfung (%)",
            "Größte Veränderung des Betrags eines Sozialraums gegenüber dem Vorjahr in Prozent, wenn er in beiden Jahren einen Betrag hat (der Vorjahresbetrag ist mit demselben Schlüssel berechnet, nicht ausgezahlt); wer neu berechtigt ist oder nicht mehr, wird nicht gedämpft; leer: keine",
        ),
    }
)
RESOURCES.update(
    {
        "verteilung": (
            "Verteilung je Sozialraum",
            "Je Verteilungsschlüssel, Jahr und Sozialraum: Bedarf, Gewicht, Bevölkerung, Punkte, Betrag in Euro und Anteil am Budget, mit dem Grund, wenn ein Sozialraum nichts erhält. Gesperrte Zahlen gehen nicht ein.",
        ),
        "verteilungen": (
            "Verteilungsschlüssel",
            "Katalog der Verteilungsschlüssel: Budget, Jahr, Formel, Bedarf, Zielgruppe, Gewichte, berechtigte Klassen, Mindest- und Höchstbetrag und Dämpfung.",
        ),
    }
)
# before the areas' sheet, which stays the last (a reference for every other sheet)
XLSX_SHEETS.update({"verteilung": "Verteilung", "verteilungen": "Verteilungsschlüssel"})
XLSX_SHEETS["sozialraeume"] = XLSX_SHEETS.pop("sozialraeume")
XLSX_NAME_COLUMNS.update({"verteilung_id": "Verteilungsschlüssel"})
# Published codes in words (verteilung.grund, verteilung.begrenzung).
ALLOCATION_REASONS = {
    "keine_klasse": "keine Klasse",
    "nicht_berechtigt": "nicht berechtigt",
    "gesperrt": "Zahl gesperrt, geht nicht ein",
    "keine_zahl": "Zahl nicht geliefert",
    "gewicht_null": "Gewicht 0",
    "keine_bevoelkerung": "Zahl 0",
    "mindestbetrag": "Mindestbetrag",
    "hoechstbetrag": "Höchstbetrag",
    "daempfung_unten": "Dämpfung: Abnahme begrenzt",
    "daempfung_oben": "Dämpfung: Zunahme begrenzt",
}
ALLOCATION = {
    "list_title": "Verteilung",
    "list_description": "Verteilungsschlüssel: wie ein Budget nach Bedarf auf die Sozialräume verteilt wird",
    "list_intro": (
        "Ein Verteilungsschlüssel teilt ein Budget nach dem Bedarf der Sozialräume auf, wie ihn das "
        "Sozialmonitoring zeigt. Jeder Schlüssel hat eine Seite mit seinen Regeln, einem Rechenbeispiel und "
        "dem Betrag für jeden Sozialraum."
    ),
    "list_item": "{budget} im Jahr {year}. {description}",
    "list_item_demand": "Satz je Kopf, Beträge für {year}. {description}",
    "page_description": "{name}: Verteilung von {budget} auf die Sozialräume nach Bedarf",
    "page_description_demand": "{name}: Beträge je Sozialraum nach Sätzen je Kopf",
    "summary": "**{budget}** im Jahr {year}: {paid} von {n} Sozialräumen erhalten einen Betrag.",
    "summary_demand": "**{budget}** im Jahr {year} (Summe der Sätze je Kopf): {paid} von {n} Sozialräumen erhalten einen Betrag.",
    "rules_title": "So wird verteilt",
    "property": "Regel",
    "content": "Einstellung",
    "budget": "Budget",
    "budget_value": "{budget} je Jahr",
    "budget_demand": "kein festes Budget: Satz je Kopf × Köpfe, die Summe ist das Budget",
    "year": "Jahr",
    "year_value": "{year} (die Klassen und Zahlen dieses Jahres)",
    "need": "Bedarf",
    "need_index": "die Klasse im Index „{name}“ ({measure})",
    "need_dimension": "die Klasse in der Dimension „{dimension}“ des Index „{name}“ ({measure})",
    "need_typology": "der Typ in der Typologie „{name}“",
    "need_none": "kein Bedarf nach Klassen: nur die Zahlen unten",
    "population": "Zielgruppe",
    "population_value": "{definition} ({count} des Indikators „{indicator}“)",
    "count_zaehler": "Zähler",
    "count_nenner": "Nenner",
    "formula": "Formel",
    "formula_weighted": (
        "Jeder berechtigte Sozialraum erhält Punkte: Gewicht seiner Klasse × Zielgruppe. Das Budget wird im "
        "Verhältnis der Punkte verteilt."
    ),
    "formula_shares": (
        "Das Budget wird in Anteile geteilt: {shares}. Jeder Anteil wird im Verhältnis der Zahl des Sozialraums "
        "zur Summe über alle berechtigten Sozialräume verteilt."
    ),
    "share_part": "{percent} % nach der Zahl „{definition}“ ({count} des Indikators „{indicator}“)",
    "formula_rates": (
        "Je Kopf der Zielgruppe gilt ein Satz je Klasse. Die Beträge (Satz × Köpfe) werden so skaliert, dass "
        "sie zusammen das Budget ergeben; die Sätze wirken damit wie Gewichte."
    ),
    "formula_rates_demand": "Jeder berechtigte Sozialraum erhält den Satz seiner Klasse × Köpfe der Zielgruppe.",
    "eligible": "Berechtigt",
    "eligible_all": "alle Sozialräume mit einer Klasse",
    "eligible_all_shares": "alle Sozialräume",
    "eligible_classes": "nur Sozialräume mit {measure} {classes}",
    "eligible_attention": "nur Sozialräume mit besonderem Aufmerksamkeitsbedarf ({types})",
    "no_class_index": "Ein Sozialraum ohne Klasse im Jahr (ohne Wert des Index) erhält nichts",
    "no_class_typology": "Ein Sozialraum ohne Typ im Jahr (ohne Wert in einem der beiden Indizes) erhält nichts",
    "no_class_names": "{rule}; {year}: {names}.",
    "no_class_nobody": "{rule}; {year} betrifft das keinen Sozialraum.",
    "floor": "Mindestbetrag",
    "floor_value": "{floor} für jeden berechtigten Sozialraum",
    "cap": "Höchstbetrag",
    "cap_value": "höchstens {cap} je Sozialraum",
    "damping": "Dämpfung",
    "damping_value": (
        "Der Betrag eines Sozialraums, der im Vorjahr einen Betrag hatte und weiter berechtigt ist, ändert sich "
        "um höchstens {damping} % gegenüber dem Vorjahresbetrag. Nicht gedämpft wird, wer neu in die Förderung "
        "kommt (er erhält gleich den vollen Betrag nach Punkten) oder aus ihr fällt (er erhält nichts). Die "
        "Vorjahresbeträge sind berechnet (derselbe Schlüssel mit den Klassen und Zahlen des Vorjahres und "
        "demselben Budget), nicht ausgezahlt; wer dämpft, setzt bei echter Anwendung den tatsächlich bewilligten "
        "Vorjahresbetrag ein."
    ),
    "none": "keiner",
    "none_f": "keine",
    "withheld": "Gesperrte Zahlen",
    "withheld_value": (
        "Ist die Zahl eines Sozialraums aus Gründen der Geheimhaltung gesperrt, geht er ohne sie ein: sie gibt "
        "ihm keine Punkte, und auch die Summe aller Punkte enthält sie nicht. Einen Mindestbetrag erhält er "
        "trotzdem, wenn er berechtigt ist. So lässt sich die gesperrte Zahl aus keinem Betrag zurückrechnen."
    ),
    "rounding": "Rundung",
    "rounding_value": (
        "Auf Cent: jeder Betrag wird abgerundet, die fehlenden Cent bis zum Budget erhalten die Sozialräume mit "
        "den größten Resten (je einen). So ergeben die Beträge zusammen genau das Budget."
    ),
    "bounds_value": (
        "Was Mindestbetrag, Höchstbetrag oder Dämpfung einem Sozialraum geben oder nehmen, wird im Verhältnis "
        "der Punkte auf die übrigen Sozialräume verteilt, bis alle Grenzen eingehalten sind."
    ),
    "weights_title": "Gewichte {year}",
    "rates_title": "Sätze je Kopf {year}",
    "weights_reading": (
        "Je ungünstiger die Lage, desto höher das Gewicht: ein Kopf der Zielgruppe zählt so viel wie sein "
        "Gewicht. Die Klasse ist ein Vergleich der Sozialräume, kein Urteil über die Menschen, die dort leben."
    ),
    "weights_default": "Beispielgewichte (Vorgabe von sozmon: {rule}); die Stadt legt sie fest.",
    "weights_not_eligible": "Nicht berechtigte Klassen erhalten nichts; ihr Gewicht steht deshalb als –.",
    "weights_default_classes": "Zahl der Klassen über der Klasse: die günstigste 0, jede ungünstigere eine mehr",
    "weights_default_types": "Typen mit besonderem Aufmerksamkeitsbedarf 2, die anderen 1",
    "class": "Klasse",
    "type": "Typ",
    "weight": "Gewicht",
    "rate": "Euro je Kopf",
    "areas": "Sozialräume",
    "heads": "Zielgruppe",
    "points": "Punkte",
    "sum": "Betrag zusammen (€)",
    "share": "Anteil (%)",
    "amounts_title": "Beträge je Sozialraum {year}",
    "chart_title": "{name}: Betrag je Sozialraum {year}",
    "table_note": (
        "Alle Sozialräume, nach Betrag sortiert; woraus sich ihre Punkte ergeben, zeigt die Tabelle darunter. "
        "Vorjahr: der Betrag, den derselbe "
        "Schlüssel mit den Klassen und Zahlen von {previous} und demselben Budget ergibt – berechnet, nicht "
        "ausgezahlt."
    ),
    "table_note_first": (
        "Alle Sozialräume, nach Betrag sortiert; woraus sich ihre Punkte ergeben, zeigt die Tabelle darunter."
    ),
    "points_title": "Punkte je Sozialraum {year}",
    "points_note": "In derselben Reihenfolge. Punkte: {points_meaning}; – heißt: nicht berechtigt.",
    "points_weighted": "Gewicht × Zielgruppe",
    "points_rates": "Satz × Köpfe in Euro",
    "points_shares": "Anteil am Budget in Prozent vor Mindestbetrag, Höchstbetrag und Dämpfung",
    "area": "Sozialraum",
    "amount": "Betrag (€)",
    "previous": "Vorjahr (€)",
    "change": "Veränderung zum Vorjahr (€)",
    "left": "fällt aus der Förderung ({previous}: {before}; {year}: {now})",
    "entered": "neu in der Förderung ({previous}: {before}; {year}: {now})",
    "no_label": "keine Klasse",
    "left_plain": "fällt aus der Förderung",
    "entered_plain": "neu in der Förderung",
    "note": "Hinweis",
    "example_title": "Rechenbeispiel",
    "example_points": "**{area}** hat {need} „{klasse}“: Gewicht {weight} × {heads} {population} = {points} Punkte.",
    "example_points_rate": "**{area}** hat {need} „{klasse}“: {rate} je Kopf × {heads} {population} = {points} Punkte.",
    "example_shares_intro": "**{area}**:",
    "example_share": "{percent} % × {value} von {total} ({what}) = {result} %",
    "count_short": "{count} von „{indicator}“",
    "sources": "Woraus der Schlüssel rechnet:",
    "example_shares_sum": "zusammen {points} % des Budgets.",
    "example_all": (
        "Alle {n} berechtigten Sozialräume haben zusammen {total} Punkte; das Budget von {budget} wird nach "
        "Punkten verteilt: {points} / {total} × {budget} = {exact}."
    ),
    "example_pool": (
        "Sozialräume, deren Betrag eine Grenze festlegt ({what}): {bounded}, zusammen {bounded_sum}. Für die "
        "übrigen {n} bleiben {budget} − {bounded_sum} = {pool}, verteilt nach ihren {total} Punkten: "
        "{points} / {total} × {pool} = {exact}."
    ),
    "example_shares_all": (
        "Die {n} berechtigten Sozialräume haben zusammen {total} %; das Budget wird im Verhältnis verteilt: "
        "{points} / {total} × {budget} = {exact}."
    ),
    "example_shares_pool": (
        "Sozialräume, deren Betrag eine Grenze festlegt ({what}): {bounded}, zusammen {bounded_sum}. Die "
        "übrigen {n} teilen sich {budget} − {bounded_sum} = {pool} im Verhältnis ihrer Anteile (zusammen "
        "{total} %): {points} / {total} × {pool} = {exact}."
    ),
    "example_demand": "Der Betrag ist {points}.",
    "example_rounded": "Auf Cent gerundet nach dem Verfahren der größten Reste: **{amount}**.",
    "example_decimals": (
        "Die Punkte stehen hier mit {decimals} Nachkommastellen (in der Tabelle oben gerundet auf 2, in "
        "verteilung.csv mit 6); so ergibt die Rechnung den Betrag auf den Cent."
    ),
    "example_result": "Betrag: **{amount}**.",
    "example_floor": (
        "**{area}** hätte vor Begrenzung (Budget × Punkte / Summe der Punkte aller Sozialräume) nur {unbounded}; "
        "es erhält den Mindestbetrag von {amount}."
    ),
    "example_cap": (
        "**{area}** hätte vor Begrenzung (Budget × Punkte / Summe der Punkte aller Sozialräume) {unbounded}; "
        "es erhält den Höchstbetrag von {amount}."
    ),
    "example_none": "In diesem Jahr folgt kein Betrag allein den Punkten; die Tabelle zeigt die Grenzen.",
    "earlier": (
        "Die Tabelle verteilung.csv enthält den Schlüssel auch für frühere Jahre, jeweils mit den Klassen und "
        "Zahlen des Jahres und demselben Budget: zum Vergleich und für die Dämpfung. Diese Beträge sind "
        "berechnet, nicht ausgezahlt; der Schlüssel gilt für {year}."
    ),
    "earlier_synthetic": (
        "Die Tabelle verteilung.csv enthält den Schlüssel auch für frühere Jahre, jeweils mit den Klassen und "
        "Zahlen des Jahres und demselben Budget: zum Vergleich und für die Dämpfung. Alle Beträge sind ein "
        "Rechenbeispiel mit erfundenen Zahlen, weder beschlossen noch ausgezahlt."
    ),
    "downloads": "Herunterladen",
    "download_values": "Verteilung je Sozialraum (CSV)",
    "download_keys": "Verteilungsschlüssel (CSV)",
    "download_xlsx": "Excel-Arbeitsmappe (Blätter „Verteilung“ und „Verteilungsschlüssel“)",
    "all_data": "Alle Daten und das Datenwörterbuch",
    "synthetic": "Synthetische Beispieldaten: Budget und Zahlen sind erfunden, nicht die der Stadt.",
    "and": " und ",
    "or": " oder ",
}
CHARTS.update(
    {
        "allocation_title": "{name}: Betrag je Sozialraum, {year}",
        "allocation_axis": "Betrag in Euro",
        "allocation_amount": "Betrag",
        "allocation_share": "Anteil am Budget",
        "allocation_description": (
            "Balkendiagramm: {name}, {year}: Betrag in Euro für jeden Sozialraum, der einen Betrag erhält, "
            "sortiert vom höchsten zum niedrigsten; die Farbe zeigt {colour}."
        ),
        "allocation_colour_none": "keine Klasse (ein Balken je Sozialraum)",
        "allocation_type_description": "die Klasse „{title}“ des Typs (der ganze Typ steht im Tooltip)",
        "mark_allocation": "{area}: {amount} Euro, {label}",
        "mark_allocation_plain": "{area}: {amount} Euro",
    }
)


# --- PDF: Steckbriefe and reports ------------------------------------------------------
# (texts of sozmon/pdf.py and templates/*.typ)
PDF: dict[str, str] = {
    "error": "Das PDF {template} konnte nicht erzeugt werden: {detail}",
    "date": "Stand {date}",
    "version": "Version {version}",
    "licence": "Lizenz: {licence}",
    "page": "Seite",
    "synthetic_title": " (synthetische Beispieldaten)",
}
# The profile of a Sozialraum (sozmon/profile.py, templates/profile.typ)
PROFILE: dict[str, str] = {
    "title": "Steckbrief {name}",
    "subject": "Steckbrief des Sozialraums {name} ({city}): Indizes, Typ, Dimensionen und Indikatoren",
    "kicker": "Steckbrief Sozialraum · {title}",
    "year": "Werte {year}",
    "at_a_glance": "Auf einen Blick",
    "in_short": "Kurz gesagt",
    "dimensions": "Dimensionen im Vergleich mit dem Mittel der Sozialräume",
    "indicators": "Indikatoren",
    "notes": "Hinweise",
    "sources": "Quellen",
    "class_rank": "{measure} „{klasse}“ · Rang {rank} von {n} (1 = am ungünstigsten)",
    "no_value_year": "kein Wert {year}",
    "older": "({year}: {value}, {measure} „{klasse}“)",
    "kicker_synthetic": "{kicker} · Synthetische Beispieldaten",
    "bar_class": "{measure} {klasse}",
    "guide": "Lesehilfe",
    "guide_item": "„{name}“: {text}",
    "guide_any": (
        "Bei {condition} kommt es auf „{other}“ nicht an: auch ein Sozialraum mit „{best}“ hat dann "
        "besonderen Aufmerksamkeitsbedarf."
    ),
    "bars_alt": "Balkendiagramm: {title}. {values}.",
    "zero": "0 = Mittel der Sozialräume",
    "lower": "← ungünstiger",
    "higher": "günstiger →",
    "scale_note": (
        "Balken und Verlauf haben in allen Steckbriefen dieselbe Skala ({low} bis {high}; breiter nur, wenn ein "
        "Wert weiter außen liegt)."
    ),
    "trend_title": "Verlauf: {index}",
    "trend_alt": "Liniendiagramm: {title}, 0 ist das Mittel der Sozialräume. {values}.",
    "trend_note": "Lage im Vergleich mit den anderen Sozialräumen im selben Jahr, nicht die Lebensbedingungen selbst.",
    "trend_note_dynamics": "Entwicklung im Vergleich mit den anderen Sozialräumen, nicht die Lebensbedingungen selbst.",
    "difference": "Differenz",
    "group_of": "{name} ({index})",
    "context": "Kontextindikatoren (beschreiben das Gebiet, nicht gewertet)",
    "pp_note": (
        "Differenz (zur ganzen Stadt) und Veränderung in der Einheit des Indikators, bei Anteilen in "
        "Prozentpunkten (Pp.); „▲ günstiger“/„▼ ungünstiger“: im Sinne des Index."
    ),
    "rounding_note": "Differenzen aus ungerundeten Werten; die letzte Stelle kann abweichen.",
    "citation": "Zitiervorschlag: {citation}",
    "licence_url": "Lizenztext: {url}",
    "web": "Im Internet: {url}",
    "contact": "Kontakt: {email}",
}
PDF_DOWNLOADS: dict[str, tuple[str, str]] = {
    "bestandsanalyse.pdf": (
        "Bestandsanalyse (PDF)",
        "Der Bericht für den Verwaltungsvorstand: wo Aufmerksamkeit nötig ist, was sich verbessert und was sich "
        "verschlechtert hat, je Dimension und Stadtbezirk.",
    ),
    "steckbriefe.zip": (
        "Steckbriefe aller Sozialräume (PDF, ZIP)",
        "Je Sozialraum zwei Seiten zum Ausdrucken, etwa für eine Vorlage: Indizes mit Klasse und Rang, Typ, "
        "Dimensionen, Verlauf und alle Indikatoren mit dem Wert der Stadt; barrierefreies PDF (PDF/UA-1).",
    ),
    "steckbrief": (
        "Steckbrief {name} (PDF)",
        "Zwei Seiten zum Ausdrucken: Indizes, Typ, Dimensionen, Verlauf und Indikatoren des Sozialraums.",
    ),
}
DOWNLOAD_GROUPS["berichte"] = "Berichte und Steckbriefe (PDF)"
PROFILE_LINK = "Steckbrief als PDF"
PROFILE_LINK_SIZE = {"one": "1 Seite, {size}", "many": "{pages} Seiten, {size}"}


# --- Bestandsanalyse ---------------------------------------------------------------------
# (texts of sozmon/analysis.py, pages/analysis.py)
ANALYSIS: dict = {
    "title": "Bestandsanalyse {year}: Sozialmonitoring {city}",
    "title_no_city": "Bestandsanalyse {year}: Sozialmonitoring",
    "city_fallback": "die Stadt",
    "percentage_points": "Prozentpunkte",
    "better": "▲ günstiger",
    "worse": "▼ ungünstiger",
    "same": "= gleich",
    "higher": "höher",
    "lower": "niedriger",
    "index_sense": "{judgement} im Sinne des Index",
    "small_change": "kaum verändert",
    "and": " und ",
    "or": " oder ",
    # 1. overview
    "overview_title": "Überblick",
    "overview_areas": "Das Sozialmonitoring beschreibt {n} Sozialräume; dieser Bericht das Jahr {year}.",
    "overview_distribution": "„{name}“, {year}, Sozialräume je Klasse ({measure}): {classes}.",
    "class_count": "{klasse} {n}",
    "overview_no_value": "Ohne Wert: {names}.",
    "windows": "Zeiträume: Berichtsjahr ist {year}{parts}.",
    "window_dynamics": "; „{name}“ misst die Entwicklung über {period} Jahre ({start} bis {year})",
    "window_previous": "; Vorjahr für Klassenwechsel und Veränderungen ist {year}",
    "window_base": "; Basisjahr für die langfristigen Veränderungen ist {year}",
    "attention_count": "Besondere Aufmerksamkeit nach der Typologie „{name}“, {year}: {k} von {n} Sozialräumen.",
    "attention_count_fallback": (
        "Diese Veröffentlichung hat keine Typologie; besondere Aufmerksamkeit nennt dieser Bericht daher für die "
        "Sozialräume in der niedrigsten Klasse von „{name}“ ({measure} {lowest}): {year} sind es {k} von {n}."
    ),
    "fallback_label": "niedrigste Klasse von „{name}“",
    "attention_names": "Es sind: {names}.",
    "attention_unclassified_short": "Nicht einzuordnen (ohne Indexwert): {names}.",
    "attention_no_previous_year": "Ein früheres Jahr zum Vergleich gibt es nicht.",
    "attention_previous_unknown": "Für {year} liegt kein Vergleich vor: dort fehlt eine der Klassen.",
    "attention_previous": "Im Jahr davor ({year}): {k}.",
    "attention_new": "Neu dabei: {names}.",
    "attention_gone": "Nicht mehr dabei: {names}.",
    "attention_same": "Es sind dieselben Sozialräume.",
    # 2. areas needing attention
    "attention_title": "Sozialräume mit besonderer Aufmerksamkeit",
    "attention_title_one": "Sozialräume mit besonderer Aufmerksamkeit nach „{name}“",
    "attention_rule_typology": "Die Typologie „{name}“ liest „{first}“ und „{second}“. {rule}",
    "attention_rule_fallback": "Ohne Typologie: die Sozialräume in der niedrigsten Klasse von „{name}“ ({measure} {lowest}).",
    "attention_unclassified": (
        "Nicht einzuordnen, {year}: {items} – etwa weil zu wenige verwendbare Werte vorliegen. Ob dort besondere "
        "Aufmerksamkeit nötig ist, lässt sich daher nicht sagen; sie könnte es sein."
    ),
    "unclassified_item": "{name} (kein Wert in {indices})",
    "attention_other": (
        "„{name}“ gehört nicht zu dieser Regel; dort {year} {measure} {classes} (der niedrigste Wert zuerst): {names}."
    ),
    "attention_other_none": "„{name}“ gehört nicht zu dieser Regel; dort {year} kein Sozialraum {measure} {classes}.",
    "summary_caption": "Auf einen Blick: die Sozialräume mit besonderer Aufmerksamkeit, {year}",
    "summary_type": "Typ",
    "summary_scores": "Indexwert (Rang)",
    "summary_changes": "Klassenwechsel seit {year}",
    "summary_dims": "Niedrigste Dimensionen („{name}“)",
    "summary_score": "{measure} {value} (Rang {rank} von {n})",
    "summary_no_score": "{measure} ohne Wert",
    "summary_new": "neu in der Liste",
    "summary_same": "keiner",
    "summary_no_previous": "kein Vergleich",
    "summary_dim": "{name} {value}",
    "attention_intro": (
        "Für jeden dieser Sozialräume: sein Typ, seine Indexwerte und was seine Lage prägt – die Dimensionen mit "
        "den niedrigsten Werten und darin die Indikatoren, die am ungünstigsten vom Mittel der Sozialräume "
        "abweichen, neben dem Wert der Stadt insgesamt. Das ist ein Hinweis, wo Verwaltung und Politik genauer "
        "hinschauen sollten, kein Urteil über die Menschen, die dort leben."
    ),
    "attention_group": "Nach „{name}“:",
    "attention_none": "Nach „{name}“ braucht {year} kein Sozialraum besondere Aufmerksamkeit.",
    "area_type": "Typ „{typ}“ ({name}).",
    "scores": "Werte {year}: {scores}.",
    "score": "„{name}“ {value} ({measure} {klasse}, Rang {rank} von {n})",
    "score_missing": "„{name}“ ohne Wert",
    "dimension_value": "„{name}“ ({value}, {measure} {klasse})",
    "drivers_below": "Im Index „{name}“ am ungünstigsten (Dimensionen unter {cut}): {dims}.",
    "drivers_lowest": "Im Index „{name}“ liegt keine Dimension unter {cut}; am niedrigsten: {dims}.",
    "drivers_none": "Im Index „{name}“ liegt keine Dimension unter dem Mittel der Sozialräume.",
    "indicators_in": "In „{dim}“ im Sinne des Index am ungünstigsten: {items}.",
    "indicator_vs_city": "{name}: {value} (Stadt: {city}; {diff} {direction}, {judgement} im Sinne des Index)",
    "indicator_as_city": "{name}: {value} (Stadt: {city})",
    "indicator_no_city": "{name}: {value} (kein Wert für die Stadt insgesamt)",
    "changes_in": (
        "In „{dim}“ von {start} bis {year} im Sinne des Index ungünstiger entwickelt als in der Stadt insgesamt: "
        "{items}."
    ),
    "change_vs_city": "{name}: {movement} ({change} gegenüber {city} {unit})",
    "rose": "gestiegen",
    "fell": "gesunken",
    "flat": "unverändert",
    "move_more": "{move}, stärker als in der Stadt",
    "move_less": "{move}, aber weniger als in der Stadt",
    "move_other": "{move}, in der Stadt {city_move}",
    "percentage_points_dative": "Prozentpunkten",
    "gaps": "Ohne verwendbaren Wert, daher in keinem Index und in keiner Zahl dieses Berichts: {items}.",
    "gap_item": "{name} ({year}: {reason})",
    "reason_gesperrt": "gesperrt",
    "reason_klein": "Nenner unter {min_denominator}",
    "reason_fehlt": "nicht geliefert",
    # 3. changes
    "changes_title": "Was sich verändert hat",
    "changes_intro": (
        "Veränderungen in der Einheit des Indikators (bei Anteilen in Prozentpunkten); „günstiger“ und "
        "„ungünstiger“ im Sinn des Index."
    ),
    "changes_none": "Für Veränderungen fehlt ein früheres Jahr.",
    "city_changes": "„{name}“, Stadt insgesamt, {since} bis {year}: {parts}",
    "city_changed": "Deutlich verändert: {items}.",
    "city_changed_none": "Kein Indikator deutlich verändert.",
    "city_item": "{name} {change} ({judgement})",
    "city_small": "Kaum verändert (weniger als {share} Standardabweichungen der Sozialräume): {n} Indikatoren.",
    "city_small_one": "Kaum verändert (weniger als {share} Standardabweichungen der Sozialräume): 1 Indikator.",
    "city_unknown": "Nicht berechenbar (kein Wert für die Stadt insgesamt): {names}.",
    "city_table": (
        "Stadt insgesamt: die Indikatoren von „{name}“ („kaum verändert“: weniger als {share} "
        "Standardabweichungen der Sozialräume)"
    ),
    "indicator": "Indikator",
    "city_in": "Stadt {year}",
    "change_since": "seit {year}",
    "area": "Sozialraum",
    "area_changes_since": "Größte Veränderungen seit {year}",
    "area_change": "{name} {change} ({judgement})",
    # class changes
    "classes_title": "Klassenwechsel {previous}→{year}",
    "classes_typology": "Besondere Aufmerksamkeit nach „{name}“",
    "classes_joined": "Neu in der Liste: {items}.",
    "classes_left": "Nicht mehr in der Liste: {items}.",
    "classes_list_same": "Die Liste ist dieselbe wie {year}.",
    "classes_item": "{name} ({moves})",
    "classes_move": "{measure} {before} → {after}",
    "classes_no_value": "ohne Wert",
    "classes_better": "▲ In eine im Sinne des Index günstigere Klasse: {items}.",
    "classes_worse": "▼ In eine im Sinne des Index ungünstigere Klasse: {items}.",
    "classes_none": "Kein Sozialraum hat die Klasse gewechselt.",
    "classes_kept": "Dieselbe Klasse wie {year}: {n} Sozialräume.",
    "classes_unknown": "Ohne Wert in einem der beiden Jahre: {names}.",
    "area_change_none": "keine über der Schwelle",
    "area_missing": "{names}",
    "not_computable": "Nicht berechenbar (gesperrt, nicht geliefert oder Nenner unter {min_denominator})",
    "area_table": "Je Sozialraum: die größten Veränderungen bis {year}",
    "area_threshold": (
        "Je Sozialraum zeigt die Tabelle bis zu {max} Veränderungen je Zeitraum, die größten zuerst, wenn sie "
        "mindestens {share} Standardabweichungen der Werte der Sozialräume ausmachen. Sozialräume mit solchen "
        "Veränderungen: {n}, ohne: {quiet}."
    ),
    "area_not_computable": (
        "Für {n} Sozialräume ist mindestens eine Veränderung nicht berechenbar: Werte gesperrt, nicht geliefert "
        "oder Nenner unter {min_denominator}; welche, steht in der letzten Spalte."
    ),
    "area_not_computable_one": (
        "Für 1 Sozialraum ist mindestens eine Veränderung nicht berechenbar: Werte gesperrt, nicht geliefert "
        "oder Nenner unter {min_denominator}; welche, steht in der letzten Spalte."
    ),
    # 4. hot spots
    "hotspots_title": "Schwerpunkte je Dimension",
    "hotspot_intro": "Die Sozialräume in der niedrigsten Klasse einer Dimension, {year}.",
    "hotspot": "„{dim}“ ({measure} {lowest}): {n} – {names}.",
    "hotspot_none": "„{dim}“: kein Sozialraum mit {measure} {lowest}.",
    # 5. districts
    "districts_title": "Stadtbezirke",
    "district_areas": "Sozialräume: {n}, davon mit besonderer Aufmerksamkeit ({name}, {year}): {k}.",
    "district_range": "„{name}“ von {low} ({measure} {low_class}) bis {high} ({measure} {high_class}).",
    "district_worst": "Im Mittel seiner Sozialräume am ungünstigsten: „{dim}“ ({value}).",
    "district_lowest": "Keine Dimension liegt im Mittel seiner Sozialräume unter 0; am niedrigsten: „{dim}“ ({value}).",
    "district_missing": "Ohne Wert: {names}.",
    "district_no_value": "„{name}“: kein Sozialraum mit Wert.",
    "district_outside": "Sozialräume ohne Stadtbezirk: {n}.",
    # the rules ("Wie dieser Bericht entsteht"), with this module's thresholds
    "rules_title": "Wie dieser Bericht entsteht",
    "rules": (
        "Jeder Satz entsteht nach einer festen Regel aus den veröffentlichten Tabellen des offenen Datenpakets; "
        "jede Zahl lässt sich dort nachprüfen. Berichtsjahr ist das letzte Jahr der Indexwerte, Vorjahr das Jahr "
        "davor, Basisjahr das der Methode.",
        "Index- und Dimensionswerte: 0 ist das Mittel der Sozialräume, höher ist günstiger im Sinn des Index; "
        "Rang 1 ist der ungünstigste Wert.",
        "Ein Wert eines Sozialraums wird nur beziffert, wenn er nicht gesperrt ist und sein Nenner mindestens "
        "{min_denominator} beträgt (sonst geht er auch in keinen Index ein). Fehlt ein solcher Wert, sagt der "
        "Bericht das, statt ihn zu verschweigen.",
        "Besondere Aufmerksamkeit: die Sozialräume, die eine Typologie so markiert (ihre Regel steht auf der "
        "Seite der Typologie). Ohne Typologie: die Sozialräume in der niedrigsten Klasse des ersten Statusindex. "
        "Ein Sozialraum ohne Indexwert lässt sich nicht einordnen; er wird genannt. Statusindizes, die die Regel "
        "nicht liest: die Sozialräume in ihren beiden niedrigsten Klassen, der niedrigste Wert zuerst.",
        "Klassenwechsel: die Klassen des Vorjahrs und des Berichtsjahrs aus den Indexwerten; eine höhere Klasse ist "
        "im Sinne des Index günstiger. Für die Typologie: welche Sozialräume neu in der Liste sind oder nicht mehr, "
        "und welche ihrer beiden Klassen sich dabei geändert hat.",
        "Was die Lage prägt: je Index die Dimensionen mit einem Wert unter {driver_cut} (mehr als eine halbe "
        "Standardabweichung ungünstiger als das Mittel der Sozialräume), höchstens {max_drivers}, die niedrigste "
        "zuerst; liegt keine darunter, die niedrigste, wenn sie unter 0 liegt. Darin je Dimension bis zu "
        "{max_indicators} Indikatoren mit dem ungünstigsten z-Wert unter 0, mit dem Wert der Stadt insgesamt und "
        "dem Abstand in der Einheit des Indikators. Bei einem Index der Entwicklung die Indikatoren, die sich über "
        "seinen Zeitraum ungünstiger verändert haben als in der Stadt insgesamt, der größte Abstand zuerst "
        "(gemessen an der Streuung der Veränderungen zwischen den Sozialräumen).",
        "Veränderungen: Differenzen der ungerundeten veröffentlichten Werte in der Einheit des Indikators (bei "
        "Anteilen in Prozentpunkten), seit dem Vorjahr und seit dem Basisjahr, für die Indikatoren der "
        "Statusindizes. Genannt wird eine Veränderung der Stadt insgesamt ab {city_share}, eines Sozialraums ab "
        "{area_share} Standardabweichungen der Werte der Sozialräume (ihrer verwendbaren Werte im Berichtsjahr), je Sozialraum und Zeitraum höchstens {max_changes}, die größten zuerst. Durch Runden kann "
        "die letzte Stelle abweichen.",
        "Schwerpunkte: je Statusindex und Dimension die Sozialräume in der niedrigsten Klasse des Index.",
        "Stadtbezirke: Zahl der Sozialräume und der mit besonderer Aufmerksamkeit; je Statusindex der niedrigste "
        "und der höchste Wert und die Dimension mit dem niedrigsten ungewichteten Mittel der Dimensionswerte "
        "seiner Sozialräume.",
        "„Günstiger“ und „ungünstiger“ beziehen sich immer auf den Index: ob ein höherer Wert eines Indikators "
        "als günstig gilt, sagt seine Richtung. Die Worte beschreiben die Lage und ihre Entwicklung im Sinn des "
        "Index, nicht die Menschen, die dort leben.",
    ),
    # the page and the PDF
    "page_description": "Bestandsanalyse für den Verwaltungsvorstand: wo die Lage ungünstig ist, was sich verändert hat.",
    "page_intro": (
        "Ein kompaktes Bild für den Verwaltungsvorstand, die Fachbereiche und die Öffentlichkeit: welche "
        "Sozialräume besondere Aufmerksamkeit brauchen und warum, was sich verbessert und was sich verschlechtert "
        "hat, wo die Schwerpunkte je Dimension liegen und wie die Stadtbezirke dastehen."
    ),
    "key_areas": "Sozialräume",
    "key_year": "Berichtsjahr",
    "key_attention": "Besondere Aufmerksamkeit ({name})",
    "key_attention_note": "Im Jahr davor ({year}): {k}",
    "pdf_link": "Bestandsanalyse als PDF",
    "pdf_note": "(zum Drucken und für Vorlagen)",
    "more_area": "Seite des Sozialraums",
    "pdf_author": "sozmon",
    "pdf_subtitle": "Sozialmonitoring {city}",
    "pdf_release": "Veröffentlichung {version} vom {date}",
    "pdf_page": "Seite",
}


# --- street directory: find your area by street (issue 12, pages/streets.py) ---------

STREETS: dict = {
    # the search box (start page, every area page)
    "box_title": "Sozialraum zu einer Adresse finden",
    "label": "Straße und Hausnummer oder Postleitzahl",
    "hint": "Zum Beispiel „{example}“ oder eine Postleitzahl mit fünf Ziffern.",
    "submit": "Suchen",
    "az_link": "Alle Straßen von A bis Z",
    # the script's messages (written into the search data, shown with textContent)
    "failed": "Das Straßenverzeichnis konnte nicht geladen werden. Bitte die Liste aller Straßen nutzen.",
    "too_short": "Bitte mindestens drei Buchstaben der Straße eingeben.",
    "none": "Keine Straße und keine Postleitzahl gefunden. Bitte die Schreibweise prüfen oder die Liste "
    "aller Straßen nutzen.",
    "one": "{street}: Sozialraum {area}. Mit der Eingabetaste öffnen.",
    "streets": "{n} Straßen gefunden. Bitte eine auswählen oder weiter tippen.",
    "split": "{street} liegt in mehreren Sozialräumen. Bitte die Hausnummer angeben:",
    "number_none": "Die Hausnummer {number} steht für {street} nicht im Straßenverzeichnis. Die Abschnitte:",
    "postcode": "Zur Postleitzahl {plz} gehören diese Sozialräume:",
    "postcode_none": "Die Postleitzahl {plz} steht nicht im Straßenverzeichnis.",
    "more": "Weitere Treffer: bitte genauer eingeben.",
    # ranges, in the box and on the A–Z page
    "range": "Nr. {von}–{bis}",
    "range_from": "ab Nr. {von}",
    "number": "Nr. {von}",
    "range_to": "bis Nr. {bis}",
    "range_all": "alle Hausnummern",
    "side": {"alle": "", "gerade": "gerade", "ungerade": "ungerade"},
    # the A–Z page
    "page_title": "Straßenverzeichnis",
    "page_description": "Alle Straßen von {city} von A bis Z mit dem Sozialraum jeder Hausnummer.",
    "intro": "Jede Straße von {city} mit Postleitzahl und dem Sozialraum, in dem ihre Hausnummern liegen. Liegt "
    "eine Straße in mehreren Sozialräumen, steht bei jedem Sozialraum, welche Hausnummern dazugehören.",
    "synthetic": "Die Straßen sind erfunden und schematisch verteilt (synthetische Beispieldaten): keine "
    "echten Adressen der Stadt.",
    "letters": "Anfangsbuchstaben",
    "letter_anchor": "buchstabe-{letter}",
    "download": "Das Straßenverzeichnis als Tabelle:",
}

FIELDS.update(
    {
        "strasse": ("Straße", "Name der Straße, wie er auf dem Straßenschild steht"),
        "plz": ("Postleitzahl", "Postleitzahl des Abschnitts (fünf Ziffern)"),
        "hausnummer_von": (
            "Hausnummer von",
            "Erste Hausnummer des Abschnitts (ohne Zusatz wie „a“); leer: ab dem Anfang der Straße",
        ),
        "hausnummer_bis": (
            "Hausnummer bis",
            "Letzte Hausnummer des Abschnitts (ohne Zusatz); leer: bis zum Ende der Straße",
        ),
        "seite": ("Straßenseite", "Welche Hausnummern des Abschnitts gemeint sind: alle, gerade oder ungerade"),
        "strassen_sozialraum_id": (
            "Sozialraum-ID",
            "Kennung des Sozialraums, in dem die Hausnummern des Abschnitts liegen (Text, führende Nullen bleiben)",
        ),
    }
)
RESOURCES.update(
    {
        "strassen": (
            "Straßenverzeichnis",
            "Welche Straße und Hausnummer in welchem Sozialraum liegt: je Straße, Postleitzahl und Straßenseite "
            "ein Abschnitt von Hausnummern mit seinem Sozialraum (Aufbau wie das Straßenraster der Bundesagentur "
            "für Arbeit).",
        ),
    }
)
XLSX_SHEETS["strassen"] = "Straßenverzeichnis"
XLSX_SHEETS["sozialraeume"] = XLSX_SHEETS.pop("sozialraeume")  # the areas stay the last sheet
PROBLEMS.update(
    {
        "street-empty": (
            "Der Straßenname ist leer",
            "Jeder Zeile des Straßenverzeichnisses den Namen der Straße geben oder die Zeile löschen.",
        ),
        "street-number-invalid": (
            "'{value}' ist keine Hausnummer (erwartet: eine ganze Zahl ab 1)",
            "Nur die Zahl eintragen, ohne Zusatz (aus „12a“ wird 12); leer lassen für den Anfang oder das Ende "
            "der Straße.",
        ),
        "street-range-reversed": (
            "Die Hausnummer von ({value}) ist größer als die Hausnummer bis ({bis})",
            "Die beiden Hausnummern tauschen oder korrigieren.",
        ),
        "street-side-invalid": (
            "Die Straßenseite '{value}' gibt es nicht",
            "alle, gerade oder ungerade eintragen (auch a, g, u); leer bedeutet alle.",
        ),
        "street-postcode-invalid": (
            "'{value}' ist keine Postleitzahl (fünf Ziffern)",
            "Die Postleitzahl mit fünf Ziffern eintragen, führende Null eingeschlossen (als Text speichern).",
        ),
        "street-overlap": (
            "Der Abschnitt überschneidet sich mit Zeile {first} ({street}, {plz}, {numbers})",
            "Die Hausnummern so abgrenzen, dass jede Hausnummer in genau einer Zeile steht: {hint}",
        ),
    }
)
STREET_OVERLAP_SAME = "beide Zeilen nennen denselben Sozialraum; eine Zeile genügt."
STREET_OVERLAP_OTHER = "die Zeilen nennen verschiedene Sozialräume ({areas}); die Grenze prüfen."

# --- share, embed and download charts (issue 12, share.py) ---------------------------

SHARE: dict = {
    # the credit lines: in the shared picture, the embed page and the CSV (columns quelle, lizenz, datenstand)
    "source": "Quelle: {publisher}, {title}",
    "basis": "Datengrundlage: {sources}",
    "licence": "Lizenz: {licence}",
    "licence_label": "Lizenz:",
    "date": "Datenstand: {date}",
    "date_version": "Datenstand: {date} (Version {version})",
    # the share menu under each chart
    "menu": "Teilen und herunterladen",
    "link": "Link zu diesem Diagramm",
    "svg": "Bild als SVG (mit Quelle)",
    "png": "Bild als PNG (mit Quelle)",
    "csv": "Daten als CSV",
    "embed": "Einbettbare Ansicht",
    "code_label": "Code zum Einbetten in eine andere Website",
    "copy": "Code kopieren",
    "copy_link": "Link kopieren",
    "copied": "In die Zwischenablage kopiert.",
    "copy_failed": "Kopieren nicht möglich: bitte den Code markieren und kopieren.",
    "png_failed": "Das PNG-Bild konnte nicht erzeugt werden. Bitte das SVG-Bild nutzen.",
    "png_working": "Das PNG-Bild wird erzeugt …",
    # the embed page
    "back": "Zur Seite auf „{site}“",
}

# --- compare areas (issue 12, pages/compare.py) --------------------------------------

COMPARE: dict = {
    "title": "Gebiete vergleichen",
    "description": "Sozialräume, Stadtteile, Stadtbezirke und {city} nebeneinander: Indizes, Dimensionen und Indikatoren.",
    "intro": (
        "Wählen Sie zwei oder mehr Sozialräume, dazu nach Wunsch Stadtteile, Stadtbezirke und die ganze Stadt. "
        "Die Tabellen zeigen die Werte von {year} nebeneinander: je Index Wert, Klasse und Rang, je Dimension den Wert "
        "und je Indikator den Wert mit dem Unterschied zu {city_total}. Die Adresse dieser Seite behält Ihre Auswahl: "
        "Sie können sie weitergeben oder als Lesezeichen speichern."
    ),
    "example": "Beispiel: zwei Sozialräume und die Stadt",
    "noscript": (
        "Diese Seite braucht JavaScript, um die gewählten Gebiete nebeneinanderzustellen. Ohne JavaScript stehen "
        "dieselben Werte auf den Seiten der Sozialräume und in den offenen Daten:"
    ),
    "noscript_areas": "Alle Sozialräume, je mit eigener Seite",
    "noscript_data": "Daten zum Herunterladen (Werte der Sozialräume, Stadtteile, Stadtbezirke und der Stadt)",
    "small_note": (
        "„(unsicher)“: Der Nenner ist kleiner als {min_denominator}. Der Wert geht nicht in den Index ein und wird "
        "nicht gewertet."
    ),
    "group": "{dimension} – {index}",
    "group_context": "Kontextindikatoren (beschreiben das Gebiet, werden nicht gewertet)",
    "rank_of": "{rank} von {n}",
    # The link on each area's page.
    "link": "Mit anderen Gebieten vergleichen",
    "link_note": "Vorausgewählt: {items}.",
    "link_similar": "{name} (im Index „{index}“ mit dem ähnlichsten Wert)",
    "link_stadtteil": "Stadtteil {name}",
    # What an indicator's direction means for its differences.
    "direction": {
        "1": "höherer Wert: im Sinne des Index günstiger",
        "-1": "niedrigerer Wert: im Sinne des Index günstiger",
        "None": "Kontextindikator: nicht gewertet",
    },
    # The texts the script writes (sozmon-compare.js), passed to it in the data file.
    "ui": {
        "choose": "Gebiet hinzufügen",
        "choose_placeholder": "– bitte wählen –",
        "add": "Hinzufügen",
        "remove": "Entfernen",
        "remove_label": "{name} aus dem Vergleich entfernen",
        "clear": "Auswahl leeren",
        "chosen": "Ihre Auswahl",
        "none": "Noch ist kein Gebiet gewählt. Wählen Sie oben mindestens zwei Gebiete.",
        "one": "Wählen Sie ein weiteres Gebiet, um zu vergleichen.",
        "status": "{n} Gebiete im Vergleich: {names}.",
        "status_one": "1 Gebiet gewählt: {names}.",
        "status_none": "Kein Gebiet gewählt.",
        "unknown": "Nicht gefunden und daher übergangen: {keys}.",
        "error": "Die Daten für den Vergleich ließen sich nicht laden. Bitte laden Sie die Seite neu.",
        "permalink": "Link zu diesem Vergleich:",
        "levels": {
            "sozialraum": "Sozialraum",
            "stadtteil": "Stadtteil",
            "stadtbezirk": "Stadtbezirk",
            "stadt": "Stadt",
        },
        "groups": {
            "sozialraum": "Sozialräume",
            "stadtteil": "Stadtteile",
            "stadtbezirk": "Stadtbezirke",
            "stadt": "Stadt",
        },
        "indices": "Indizes",
        "index_caption": "Index „{name}“, {year}",
        "dimensions": "Dimensionen",
        "dimensions_caption": "Dimensionen des Index „{name}“, {year}: Wert, Klasse, Rang",
        "indicators": "Indikatoren",
        "indicators_intro": (
            "Unter jedem Wert steht der Unterschied zu {city_total} in der Einheit des Indikators (bei Anteilen in "
            "Prozentpunkten) und ob er im Sinne des Index günstiger (▲) oder ungünstiger (▼) ist. Kontextindikatoren "
            "beschreiben das Gebiet und werden nicht gewertet."
        ),
        "indicators_caption": "Indikatoren: {group}, {year}",
        "row_head": "Gebiet",
        "row_indicator": "Indikator",
        "row_dimension": "Dimension",
        "value": "Wert (höher = besser)",
        "klasse": "Klasse ({measure})",
        "rank": "Rang (1 = am ungünstigsten)",
        "dimension_cell": "{value}, {klasse}, Rang {rank}",
        "not_computed": "nicht berechnet",
        "not_computed_note": (
            "Indexwerte gibt es nur für Sozialräume, denn ein Index vergleicht die Sozialräume miteinander. Für "
            "Stadtteile, Stadtbezirke und die Stadt sind sie nicht berechnet; deren Indikatorwerte stehen weiter unten."
        ),
        "city_value": "{city_total}: {value}",
        "region": "{name} (seitlich verschiebbar)",
    },
}

# --- Leichte Sprache and DGS (issue 12, pages/easy.py) -------------------------------
# Written to the rules of the Netzwerk Leichte Sprache and BITV 2.0 Anlage 2 Teil 2: one
# statement per sentence, at most 15 words, hard words explained, digits for numbers, a
# hyphen in long compound words, no Konjunktiv, negations only where they carry the point.
# A list holds the sentences of one paragraph; `{…}` are names from the release.

EASY: dict = {
    "title": "Leichte Sprache",
    "description": "Die Website in Leichter Sprache: was sie zeigt, wie man den eigenen Sozialraum findet, "
    "wer sie herausgibt.",
    "heading": "Diese Internet-Seite in Leichter Sprache",
    "link": "Leichte Sprache",
    "dgs_link": "Gebärdensprache",
    "shell_label": "Leichte Sprache und Gebärdensprache",
    "start_before": "Informationen in",
    "start_and": "und in",
    "start_easy": "Leichter Sprache",
    "start_dgs": "Deutscher Gebärdensprache",
    # BITV 2.0 § 4 (1) 1: what the site holds
    "about_title": "Was steht auf dieser Internet-Seite?",
    "about": [
        "Diese Internet-Seite ist über die Stadt {city}.",
        "Die Stadt hat viele kleine Gebiete.",
        "So ein Gebiet heißt: Sozial-Raum.",
        "{city} hat {n} Sozial-Räume.",
        "Auf dieser Internet-Seite stehen Zahlen über jeden Sozial-Raum.",
    ],
    "about_one": [
        "Diese Internet-Seite ist über die Stadt {city}.",
        "Die Stadt hat Gebiete.",
        "So ein Gebiet heißt: Sozial-Raum.",
        "Auf dieser Internet-Seite stehen Zahlen über den Sozial-Raum.",
    ],
    "topics": "Die Zahlen sind über diese Themen:",
    "index_one": [
        "Aus den Zahlen rechnet die Stadt einen Index.",
        "Ein Index ist eine Zahl für ein Thema.",
        "Der Index heißt:",
    ],
    "index_many": [
        "Aus den Zahlen rechnet die Stadt {n} Indizes.",
        "Ein Index ist eine Zahl für ein Thema.",
        "Indizes ist die Mehrzahl von Index.",
        "Die Indizes heißen:",
    ],
    "purpose": [
        "Mit einem Index vergleicht die Stadt die Sozial-Räume.",
        "Die Stadt und die Politik planen mit diesen Zahlen.",
        "Sie planen zum Beispiel Angebote in den Sozial-Räumen.",
    ],
    "synthetic": [
        "Achtung: Die Zahlen auf dieser Internet-Seite sind ausgedacht.",
        "Die Zahlen sind nur ein Beispiel.",
        "Es sind nicht die echten Zahlen von {city}.",
    ],
    "year": "Die Zahlen sind aus dem Jahr {year}.",
    # the classes: better or worse for the index, never about people
    "classes_title": "Was bedeuten die Stufen?",
    "classes": [
        "Jeder Sozial-Raum bekommt bei jedem Index eine Stufe.",
        "Die Stufe vergleicht den Sozial-Raum mit den anderen Sozial-Räumen.",
    ],
    "classes_same": "Es gibt {k} Stufen:",
    "classes_of": "Beim Index „{name}“ gibt es {k} Stufen:",
    "classes_order": [
        "Die Stufen gehen von „{low}“ bis „{high}“.",
        "Eine höhere Stufe ist besser für das Thema vom Index.",
    ],
    "middle": [
        "Die Mitte ist der Durchschnitt von allen Sozial-Räumen.",
        "Durchschnitt heißt hier: der mittlere Wert von allen Sozial-Räumen.",
        "Eine Stufe über der Mitte ist besser als der Durchschnitt.",
        "Eine Stufe unter der Mitte ist schlechter als der Durchschnitt.",
    ],
    "people": [
        "Wichtig: Die Stufe sagt etwas über die Zahlen im Sozial-Raum.",
        "Die Stufe sagt nichts über die Menschen im Sozial-Raum.",
    ],
    "dynamics": [
        "Der Index „{name}“ zeigt die Entwicklung.",
        "Entwicklung heißt: So haben sich die Zahlen verändert.",
    ],
    "dynamics_period": [
        "Der Index „{name}“ zeigt die Entwicklung.",
        "Entwicklung heißt: So haben sich die Zahlen in {period} Jahren verändert.",
    ],
    "dynamics_relative": "Die Stadt vergleicht die Entwicklung mit den anderen Sozial-Räumen.",
    "attention": [
        "Manche Sozial-Räume haben einen Hinweis: besondere Aufmerksamkeit.",
        "Das heißt: Die Stadt und die Politik schauen dort genauer hin.",
        "Der Hinweis kommt von den Stufen bei 2 Indizes.",
    ],
    "attention_count": "Im Jahr {year} haben {k} Sozial-Räume diesen Hinweis.",
    "attention_count_one": "Im Jahr {year} hat 1 Sozial-Raum diesen Hinweis.",
    # BITV 2.0 § 4 (1) 2: how to find one's area and how to navigate
    "find_title": "Wie finde ich meinen Sozial-Raum?",
    "find_street": [
        "Sie kennen die Straße?",
        "Dann schreiben Sie die Straße in das Such-Feld.",
        "Schreiben Sie auch die Haus-Nummer dazu.",
        "Dann zeigt das Such-Feld Ihren Sozial-Raum.",
        "Sie können auch die Post-Leit-Zahl schreiben.",
        "Dann zeigt das Such-Feld alle Sozial-Räume mit dieser Post-Leit-Zahl.",
        "Das Such-Feld ist auf der Start-Seite.",
        "Und es ist auf jeder Seite von einem Sozial-Raum.",
    ],
    "find_start": "Hier geht es zur Start-Seite:",
    "start": "Start-Seite",
    "find_list": [
        "Es gibt auch eine Liste mit allen Sozial-Räumen.",
        "Die Liste geht von A bis Z.",
    ],
    "find_list_link": "Hier ist die Liste:",
    "areas": "Alle Sozial-Räume",
    "find_map": [
        "Auf der Start-Seite ist auch eine Karte.",
        "Auf der Karte sind alle Sozial-Räume.",
        "Klicken Sie auf einen Sozial-Raum in der Karte.",
        "Dann kommen Sie zur Seite von diesem Sozial-Raum.",
    ],
    "find_area": [
        "Jeder Sozial-Raum hat eine eigene Seite.",
        "Oben auf der Seite steht ein kurzer Text in Leichter Sprache.",
        "Klicken Sie dafür auf: In Leichter Sprache.",
    ],
    "nav_title": "Wie benutze ich diese Internet-Seite?",
    "nav_menu": [
        "Auf jeder Seite gibt es ein Menü.",
        "Im Menü finden Sie alle Teile von dieser Internet-Seite.",
        "Auf einem großen Bild-Schirm ist das Menü links.",
        "Auf einem Handy ist das Menü zu.",
        "Tippen Sie dann oben links auf den Knopf mit 3 Strichen.",
        "Dann geht das Menü auf.",
    ],
    "nav_search": [
        "Oben rechts ist die Suche.",
        "Die Suche hat das Zeichen von einer Lupe.",
        "Schreiben Sie ein Wort in die Suche.",
        "Dann sehen Sie alle Seiten mit diesem Wort.",
    ],
    "nav_compare": [
        "Sie möchten 2 Sozial-Räume vergleichen?",
        "Dafür gibt es eine eigene Seite.",
    ],
    "nav_compare_link": "Hier geht es zum Vergleich:",
    "compare": "Gebiete vergleichen",
    "nav_keyboard": [
        "Sie können die Internet-Seite auch mit der Tastatur benutzen.",
        "Mit der Tab-Taste kommen Sie zum nächsten Link.",
        "Mit der Enter-Taste öffnen Sie den Link.",
    ],
    "nav_back": [
        "Ganz unten auf jeder Seite steht: Leichte Sprache.",
        "Das ist ein Link zu diesem Text.",
    ],
    "nav_back_dgs": "Daneben steht: Gebärdensprache.",
    # the data
    "data_title": "Wo finde ich die Zahlen?",
    "data": [
        "Alle Zahlen stehen in Tabellen.",
        "Die Tabellen können Sie herunter-laden.",
        "Herunter-laden heißt: Sie speichern die Tabellen auf Ihrem Computer.",
    ],
    "data_link": "Die Tabellen sind auf dieser Seite:",
    "data_page": "Daten",
    "licence": [
        "Alle Menschen dürfen die Zahlen benutzen.",
        "Dafür gibt es Regeln.",
        "Die Regeln heißen: Lizenz.",
        "Die Lizenz für diese Zahlen heißt: {licence}.",
    ],
    "secret": [
        "Manche Zahlen sind sehr klein.",
        "Zum Beispiel die Zahl 1.",
        "Dann bleibt die Zahl geheim.",
        "So schützt die Stadt die Daten von jedem Menschen.",
    ],
    # who publishes, contact
    "who_title": "Wer macht diese Internet-Seite?",
    "who": "Diese Internet-Seite macht: {publisher}.",
    "contact": [
        "Sie haben eine Frage?",
        "Dann schreiben Sie eine E-Mail an:",
    ],
    "imprint": [
        "Mehr über den Heraus-Geber steht im Impressum.",
        "Das Impressum ist eine Seite mit Angaben über den Heraus-Geber.",
    ],
    "imprint_link": "Hier ist das Impressum:",
    "imprint_page": "Impressum",
    # BITV 2.0 § 4 (1) 3: the accessibility statement
    "access_title": "Ist die Internet-Seite barriere-frei?",
    "access": [
        "Barriere-frei heißt: Alle Menschen können die Internet-Seite gut benutzen.",
        "Zum Beispiel auch Menschen mit einer Seh-Behinderung.",
        "Die Stadt prüft die Internet-Seite.",
        "Das Ergebnis steht in der Erklärung zur Barriere-Freiheit.",
    ],
    "access_known": [
        "Ein Teil ist noch schwer: die Karten.",
        "Die Karten können Sie nur mit der Maus benutzen.",
        "Deshalb gibt es unter jeder Karte eine Tabelle.",
        "In der Tabelle sind alle Sozial-Räume mit einem Link.",
    ],
    "access_report": [
        "Sie finden eine Barriere auf der Internet-Seite?",
        "Barriere heißt: Etwas auf der Internet-Seite ist schwer zu benutzen.",
        "Dann sagen Sie es bitte der Stadt.",
    ],
    "access_mail": "Schreiben Sie eine E-Mail an:",
    "access_more": [
        "In der Erklärung steht auch: So können Sie sich beschweren.",
        "Die Erklärung ist in schwerer Sprache.",
    ],
    "access_link": "Hier ist die Erklärung zur Barriere-Freiheit:",
    "access_page": "Erklärung zur Barriere-Freiheit",
    # BITV 2.0 § 4 (1) 4: more in Leichte Sprache and DGS
    "more_title": "Gibt es noch mehr in Leichter Sprache?",
    "more": [
        "Ja. Jeder Sozial-Raum hat einen kurzen Text in Leichter Sprache.",
        "Die anderen Texte auf dieser Internet-Seite sind in schwerer Sprache.",
    ],
    "more_dgs": [
        "Es gibt auch ein Video in Deutscher Gebärden-Sprache.",
        "Das Video erklärt die Internet-Seite.",
    ],
    "more_dgs_link": "Hier ist das Video:",
    # an area's summary in Leichte Sprache (pages/easy.py: area_summary)
    "summary_title": "In Leichter Sprache",
    "summary_where": "Der Sozial-Raum {name} ist in {city}.",
    "summary_stadtteil": "Er gehört zum Stadt-Teil {name}.",
    "summary_stadtbezirk": "Er gehört zum Stadt-Bezirk {name}.",
    "summary_class": "Beim Index „{index}“ hat der Sozial-Raum die Stufe: {klasse}.",
    "summary_missing": "Beim Index „{index}“ fehlt für {year} die Zahl.",
    "summary_above": "Das ist besser als die Mitte von allen Sozial-Räumen.",
    "summary_middle": "Das ist ungefähr die Mitte von allen Sozial-Räumen.",
    "summary_below": "Das ist schlechter als die Mitte von allen Sozial-Räumen.",
    "summary_dyn_above": "Die Entwicklung ist besser als die Mitte von allen Sozial-Räumen.",
    "summary_dyn_middle": "Die Entwicklung ist ungefähr wie die Mitte von allen Sozial-Räumen.",
    "summary_dyn_below": "Die Entwicklung ist schlechter als die Mitte von allen Sozial-Räumen.",
    "summary_attention": [
        "Der Sozial-Raum hat den Hinweis: besondere Aufmerksamkeit.",
        "Das heißt: Die Stadt und die Politik schauen hier genauer hin.",
    ],
    "summary_people": [
        "Die Stufen sagen etwas über die Zahlen im Sozial-Raum.",
        "Die Stufen sagen nichts über die Menschen hier.",
    ],
    "summary_synthetic": "Achtung: Die Zahlen sind ausgedacht.",
    "summary_more": "Mehr in Leichter Sprache",
    # the page with the DGS video (only when publication.sign_language_url is set)
    "dgs_title": "Deutsche Gebärdensprache (DGS)",
    "dgs_description": "Ein Video in Deutscher Gebärdensprache erklärt, was diese Website zeigt und wie man sie "
    "bedient; darunter sein Inhalt als Text.",
    "dgs_intro": "Ein Video in Deutscher Gebärdensprache (DGS) erklärt, was diese Website zeigt, wie man sie "
    "bedient und was in der Erklärung zur Barrierefreiheit steht.",
    "dgs_video_label": "Video in Deutscher Gebärdensprache",
    "dgs_download": "Video herunterladen",
    "dgs_web": "Das Video auf der Website der Stadt ansehen",
    "dgs_text_title": "Der Inhalt des Videos als Text",
    "dgs_easy": "Dieselben Informationen in Leichter Sprache:",
}
PROBLEMS.update(
    {
        "settings-sign-language-url": (
            "'{value}' ist als Adresse des Gebärdensprachvideos nicht erlaubt",
            "Einen Pfad einer Datei der Website (z. B. medien/dgs.mp4, ohne ../) oder eine Adresse mit https:// "
            "angeben; andere Adressen wie javascript: oder data: werden nie verlinkt.",
        ),
        "settings-sign-language-text": (
            "Zum Gebärdensprachvideo fehlt die Textalternative",
            "In publication.sign_language_text aufschreiben, was das Video sagt (für alle, die es nicht sehen können).",
        ),
        "settings-sign-language-url-missing": (
            "Es gibt eine Textalternative zum Gebärdensprachvideo, aber kein Video",
            "In publication.sign_language_url die Adresse des Videos angeben oder die Textalternative entfernen.",
        ),
    }
)

# --- site engines: MkDocs (Material) and Zensical (issue 12, site.py) ----------------

ENGINE = {
    "names": {"mkdocs": "MkDocs", "zensical": "Zensical"},
    "step": "Website mit {engine} bauen",
    "failed": "{engine} konnte die Website nicht bauen; die letzte gute Ausgabe in {out} bleibt unverändert:\n{detail}",
}


# --- how sure the numbers are (issue 13) ----------------------------------------------
XLSX_SHEETS.update(
    {
        "sicherheit": "Sicherheit der Werte",
        "klassen_wahrscheinlichkeiten": "Klassenwahrscheinlichkeiten",
        "typologie_sicherheit": "Sicherheit der Typen",
        "methoden_spannweite": "Ränge anderer Methoden",
        "sensitivitaet": "Einfluss der Methodenwahl",
        "cluster": "Räumliche Cluster",
        "autokorrelation": "Räumliche Autokorrelation",
    }
)
XLSX_SHEETS["sozialraeume"] = XLSX_SHEETS.pop("sozialraeume")  # the areas stay the last sheet
# One dict per part; each is filled by the module named in its comment.
# Bootstrap display: area pages, rankings, Bestandsanalyse, typologies, method section (pages/uncertainty.py).
UNCERTAINTY: dict = {
    # phrases (pages/uncertainty.py); {p} is a whole percentage, ranks count from 1 = least favourable
    "rank": "Rang {rank} von {n} (wahrscheinlich zwischen {low} und {high}; Rang 1 = am ungünstigsten)",
    "rank_single": "Rang {rank} von {n} (wahrscheinlich genau dieser Rang; Rang 1 = am ungünstigsten)",
    "rank_plain": "Rang {rank} von {n} (Rang 1 = am ungünstigsten)",
    "class_sure": "{measure}: {klasse} (zu {p} % sicher)",
    "class_unsure": "{measure}: {klasse}, aber unsicher: zu {p} %",
    "class_plain": "{measure}: {klasse}",
    "class_other": "zu {p} % {klasse}",
    "other_direction": " ({direction})",
    "class_always": "{measure}: {klasse} (sicher: in allen {draws} Wiederholungen diese Klasse)",
    "key": "{klasse}. {rank}",
    # compact cells (tables)
    "range": "{low}–{high}",
    "value_range": "{low} bis {high}",
    "compact_sure": "{klasse} (zu {p} % sicher)",
    "compact_unsure": "{klasse} (unsicher: zu {p} %{others})",
    "compact_other": "; zu {p} % {klasse}",
    "col_class": "Klasse (wie sicher)",
    "col_rank": "Rang wahrscheinlich zwischen",
    "col_value": "Wert: wahrscheinlich zwischen",
    "flag": "Klasse unsicher (zu {p} % sicher)",
    "flag_inline": "Klasse unsicher, zu {p} % sicher",
    "flag_in": "{name} nur zu {p} % sicher",
    # Bestandsanalyse (analysis.py)
    "analysis_lowest": (
        "{k} der {m} Sozialräume in den beiden ungünstigsten Klassen von „{name}“ ({classes}) liegen nicht "
        "sicher in ihrer Klasse (zu weniger als {sure} % sicher): {names}."
    ),
    "analysis_lowest_one": (
        "1 der {m} Sozialräume in den beiden ungünstigsten Klassen von „{name}“ ({classes}) liegt nicht "
        "sicher in seiner Klasse (zu weniger als {sure} % sicher): {names}."
    ),
    "analysis_lowest_none": (
        "Alle {m} Sozialräume in den beiden ungünstigsten Klassen von „{name}“ ({classes}) liegen sicher in "
        "ihrer Klasse (zu mindestens {sure} % sicher)."
    ),
    "analysis_unsure_name": "{name} (zu {p} % sicher)",
    "analysis_noise_fact": "Mindestens eine der beiden Klassen unsicher, der Wechsel kann Zufall sein: {items}.",
    "analysis_unsure_index": "Davon nicht sicher in ihrer Klasse: {names}.",
    "analysis_unsure_dimension": "„{dim}“, nicht sicher in der Klasse: {names}.",
    "analysis_rule": (
        "Sicherheit der Klassen: aus dem Bootstrap der Zählwerte ({draws} Ziehungen, Tabelle sicherheit.csv). "
        "Eine Klasse gilt als unsicher, wenn weniger als {sure} % der Ziehungen in ihr liegen; ein Wechsel der "
        "Klasse, bei dem eine der beiden Klassen unsicher ist, kann Zufall sein und ist so markiert."
    ),
    # typology pages
    "type_col": "Typ sicher?",
    "type_sure": "ja",
    "type_unsure": "nein: {flags}",
    "type_group_unsure": "Typ unsicher: {items}.",
    "type_col_chances": "Wie sicher?",
    "type_p": "Typ zu {p} % sicher",
    "type_attention_p": "Aufmerksamkeitsbedarf in {p} % der Wiederholungen; {typ}",
    "type_near": (
        "Nicht in der Liste, aber in mindestens {low} % der Wiederholungen mit besonderem "
        "Aufmerksamkeitsbedarf (die Grenze der Liste ist hier nicht sicher): {items}."
    ),
    "type_near_item": "{name} ({p} %)",
    "type_group_item": "{name} ({flags})",
    "type_note": (
        "Ein Typ ist unsicher, wenn eine der beiden Klassen, aus denen er entsteht, zu weniger als {sure} % "
        "sicher ist (Bootstrap der Zählwerte, siehe Methode). Für die Liste zählt, wie oft der Sozialraum in "
        "den Wiederholungen einen Typ mit besonderem Aufmerksamkeitsbedarf hat – welcher, ist gleich: "
        "beide Klassen stammen aus denselben Wiederholungen (Tabelle typologie_sicherheit.csv)."
    ),
    # the method page's section (templates/_uncertainty_method.md.j2)
    "method_title": "Wie sicher sind Rang und Klasse?",
    "method_intro": (
        "Jede Kennzahl eines Sozialraums beruht auf gezählten Personen oder Fällen. Solche Zahlen schwanken auch "
        "durch Zufall, in kleinen Sozialräumen stärker als in großen. Deshalb steht bei jedem Rang und jeder "
        "Klasse, wie sicher sie sind. Das schätzt ein Bootstrap: Die ganze Rechnung wird viele Male wiederholt, "
        "jedes Mal mit zufällig veränderten Zahlen."
    ),
    "method_how": "So wird gerechnet",
    "method_counts": (
        "Jede Zählung wird wie eine Stichprobe behandelt. In jeder Wiederholung wird jede Zahl so verändert, "
        "wie es der Zufall hätte tun können."
    ),
    "method_binomial": (
        "Bei einem Anteil (so und so viele von allen Personen einer Gruppe) bleibt die Zahl aller Personen gleich; "
        "wie viele davon gezählt werden, wird neu gezogen (Binomialverteilung)."
    ),
    "method_poisson": "Jede andere Zahl wird um ihren gezählten Wert herum neu gezogen (Poisson-Verteilung).",
    "method_rate_only": (
        "Werte, die nur als Rate ohne Zähler und Nenner geliefert wurden, bleiben in jeder Wiederholung gleich: "
        "Für sie ist nicht bekannt, wie stark sie schwanken. Ihr Beitrag zur Unsicherheit fehlt also."
    ),
    "method_rate_only_some": "In dieser Lieferung betrifft das: {names}.",
    "method_rate_only_none": "In dieser Lieferung gibt es keine solchen Werte.",
    "method_small": (
        "Wie bei den veröffentlichten Zahlen gehen Werte mit einem Nenner unter {min_denominator} und gesperrte "
        "Werte nicht in den Index ein, auch in keiner Wiederholung."
    ),
    "method_recompute": (
        "Mit den veränderten Zahlen wird alles neu berechnet: Standardisierung, Dimensionen, Index, Klassen und "
        "Ränge. Das geschieht {draws} Mal."
    ),
    "method_centred": (
        "Zufall in allen Zahlen lässt die Sozialräume etwas unterschiedlicher erscheinen, als sie sind. Damit "
        "dadurch nicht jeder Sozialraum etwas näher an der Mitte erscheint, werden die Ergebnisse jedes "
        "Sozialraums so verschoben, dass sie im Mittel seinen veröffentlichten Wert treffen. Die Rechnung misst "
        "also, wie weit ein Wert schwanken kann, nicht wo er liegt."
    ),
    "method_interval": (
        "Das Intervall eines Werts oder Rangs enthält die mittleren {level} % dieser Ergebnisse (vom {low}. bis "
        "zum {high}. Perzentil); liegt der veröffentlichte Wert knapp außerhalb, reicht es bis zu ihm. Die "
        "Wahrscheinlichkeit einer Klasse ist der Anteil der Ergebnisse, die in dieser Klasse liegen."
    ),
    "method_seed": "Der Zufall hat einen festen Startwert: Dieselbe Lieferung ergibt immer dieselben Ergebnisse.",
    "method_read": "So lesen Sie es",
    "method_read_rank": (
        "„wahrscheinlich zwischen {low} und {high}“ heißt: In {level} % der Wiederholungen lag der Sozialraum "
        "zwischen Rang {low} und Rang {high}. Rang 1 ist der ungünstigste."
    ),
    "method_read_example": "Beispiel aus dieser Lieferung: {name} hat in „{index}“ {year} {phrase}.",
    "method_read_class": (
        "„zu {p} % sicher“ heißt: In {p} % der Wiederholungen lag der Sozialraum in dieser Klasse. Liegt der "
        "Anteil unter {sure} %, steht „unsicher“ dabei und dazu die Klasse, in der der Sozialraum am "
        "zweithäufigsten lag, und ob sie günstiger oder ungünstiger ist. Die Prozente sind abgerundet (79,9 % "
        "steht als 79 %), damit eine unsichere Klasse nie „zu {sure} % sicher“ heißt; genau stehen sie in "
        "sicherheit.csv. „sicher: in allen Wiederholungen diese Klasse“ heißt nur, dass der Zufall in den "
        "Zahlen die Klasse nicht ändert – eine andere Methode kann es (nächster Abschnitt)."
    ),
    "method_read_unsure": "Beispiel aus dieser Lieferung: {name} in „{index}“ {year}: {phrase}.",
    "method_not": "Was diese Rechnung nicht erfasst",
    "method_not_errors": (
        "Fehler in den Daten selbst, etwa falsch gezählte oder falsch zugeordnete Fälle. Die Rechnung nimmt die "
        "gelieferten Zahlen als richtig gezählt an."
    ),
    "method_not_choice": (
        "Die Wahl der Kennzahlen, ihrer Gewichte und des Rechenwegs. Auch eine andere, ebenso vertretbare Wahl "
        "würde Ränge verschieben."
    ),
    "method_not_choice_link": "Wie stark, zeigt der Abschnitt",
    "method_chart_title": "Wie sicher die Klassen sind: {name} {year}",
    "method_chart_intro": (
        "Die Grafik zeigt für „{name}“ {year} je Sozialraum, in welchem Anteil der Wiederholungen er in welcher "
        "Klasse lag. Ein Balken in nur einer Farbe heißt: Die Klasse ist sicher."
    ),
    "method_none": (
        "In dieser Veröffentlichung wurde keine Unsicherheit berechnet (Einstellung certainty.draws = 0): "
        "Ränge und Klassen stehen ohne Intervall."
    ),
    "table_area": "Sozialraum",
    "table_class": "Veröffentlichte Klasse ({measure})",
    "table_sure": "in dieser Klasse",
    "table_others": "andere Klassen",
    # charts (charts.ranking, charts_uncertainty.py)
    "chart_interval": "{area}: wahrscheinlich zwischen {low} und {high}",
    "chart_interval_tooltip": "Wert wahrscheinlich zwischen",
    "chart_interval_legend": "Schwarzer Strich: Bereich, in dem der Wert wahrscheinlich liegt (siehe Methode)",
    "chart_interval_description": (
        "Ein schwarzer Strich über jedem Balken zeigt den Bereich, in dem der Wert wahrscheinlich liegt "
        "(Bootstrap der Zählwerte)."
    ),
    "chart_probability_axis": "Anteil der Wiederholungen in der Klasse",
    "chart_probability_mark": "{area}: zu {p} in der Klasse {klasse}",
    "chart_probability_description": (
        "Gestapelte Balken, ein Balken je Sozialraum: in welchem Anteil der Wiederholungen des Bootstraps der "
        "Sozialraum in welcher Klasse von „{name}“ lag ({year}), von {lowest} (ungünstigste) bis {highest}. "
        "Ein Balken in einer Farbe: die Klasse ist sicher."
    ),
}
# Method variants and Sobol indices (compute/sensitivity.py, pages/sensitivity.py, charts_sensitivity.py).
SENSITIVITY: dict = {
    # the choices (compute/sensitivity.FACTORS): short label (charts, tables) and what it means
    "label": {
        "gewichtung": "Gewichte",
        "neustandardisierung": "Neu standardisieren",
        "mittelung": "Mittelwert",
        "normierung": "Umrechnung",
        "kleine_nenner": "Kleine Nenner",
    },
    "explain": {
        "gewichtung": "die festgelegten Gewichte der Kennzahlen und Dimensionen – oder alle gleich gewichtet.",
        "neustandardisierung": (
            "die Werte der Dimensionen und des Index noch einmal so umrechnen, dass sie gleich stark streuen – "
            "oder nicht. Verglichen wird mit dem Gegenteil dessen, was der Index festlegt."
        ),
        "mittelung": (
            "die Kennzahlen einer Dimension und die Dimensionen als gewöhnlichen Mittelwert zusammenfassen – "
            "oder als geometrischen Mittelwert. Beim geometrischen gleicht ein günstiger Wert einen ungünstigen "
            "weniger aus. (Dafür werden die Werte jedes Jahres so verschoben, dass der niedrigste 1 ist.)"
        ),
        "normierung": (
            "Kennzahlen in verschiedenen Einheiten vergleichbar machen als Abstand vom Mittel der Sozialräume "
            "(z-Wert) – oder auf einer Skala von 0 (niedrigster Sozialraum) bis 1 (höchster)."
        ),
        "kleine_nenner": (
            "Werte mit einem Nenner unter {min_denominator} bleiben aus dem Index heraus – oder zählen mit. "
            "Gesperrte Werte zählen nie mit."
        ),
    },
    # the general method page (templates/_sensitivity_method.md.j2)
    "method_title": "Wie stark hängen die Ränge von der Methode ab?",
    "method_intro": (
        "Ein Index entsteht nicht nur aus Zahlen, sondern auch aus Entscheidungen über den Rechenweg, die "
        "**Methode**. Für jede dieser Entscheidungen gibt es andere, ebenso vertretbare Möglichkeiten – und "
        "mit ihnen ergäben sich andere Ränge. Fünf Entscheidungen werden deshalb geprüft, jede mit zwei "
        "Möglichkeiten: der, die der Index festlegt, und einer anderen."
    ),
    "method_variants": (
        "Der Index wird mit allen {variants} Kombinationen dieser Möglichkeiten neu berechnet. Auf der "
        "Methodenseite jedes Index steht, zwischen welchen Rängen jeder Sozialraum dabei liegt."
    ),
    "method_sobol": (
        "Wie stark jede Entscheidung die Ränge verschiebt, zeigt eine Zerlegung nach Sobol: Für viele zufällige "
        "Kombinationen wird gezählt, um wie viele Plätze sich die Ränge der Sozialräume im Mittel gegenüber den "
        "veröffentlichten verschieben. Dann wird aufgeteilt, welcher Anteil dieser Unterschiede auf welche "
        "Entscheidung zurückgeht."
    ),
    "method_alone": (
        "**allein**: der Anteil, den die Entscheidung für sich genommen erklärt, egal wie die anderen ausfallen."
    ),
    "method_total": (
        "**insgesamt, mit Wechselwirkungen**: dazu der Anteil, den sie nur zusammen mit anderen Entscheidungen "
        "bewirkt (zum Beispiel, wenn gleiche Gewichte nur beim geometrischen Mittelwert etwas ändern). Ist "
        "dieser Wert viel größer als „allein“, wirkt die Entscheidung vor allem im Zusammenspiel."
    ),
    "method_read": (
        "Gemessen wird, wie weit sich die Ränge aller Sozialräume im Mittel verschieben, nicht der Rang eines "
        "einzelnen. „insgesamt“ 0 % heißt: Diese Entscheidung ändert keinen Rang; 100 % heißt: Sie erklärt alle "
        "Unterschiede. Die Anteile sind aus {samples} zufälligen Kombinationen geschätzt; die Zahl in Klammern "
        "(±) sagt, wie genau – ein kleiner Anteil mit großem ± ist von 0 nicht zu unterscheiden. Die Zufallszahlen haben einen festen Startwert: Dieselbe Lieferung ergibt dieselben Zahlen."
    ),
    "method_none": (
        "Die Zerlegung nach Sobol ist in dieser Veröffentlichung abgeschaltet (Einstellung "
        "certainty.sensitivity_samples = 0); die Spannweite der Ränge steht auf der Methodenseite jedes Index."
    ),
    "method_data": "Die Zahlen stehen in den Tabellen methoden_spannweite.csv und sensitivitaet.csv.",
    # one paragraph per index
    "index_most": (
        "Am stärksten hängen die Ränge {year} von der Entscheidung „{label}“ ab: Sie erklärt allein {alone} "
        "der Unterschiede, insgesamt mit Wechselwirkungen {total}."
    ),
    "index_nothing": "Keine der fünf Entscheidungen ändert {year} einen Rang.",
    "index_inert_one": "Die Entscheidung {labels} ändert keinen Rang.",
    "index_inert": "Die Entscheidungen {labels} ändern keinen Rang.",
    "and": " und ",
    "index_equal_weights": "(Alle Gewichte dieses Index sind ohnehin gleich.)",
    "index_kept": "{kept} von {n} Sozialräumen haben in allen Varianten denselben Rang.",
    "index_kept_one": "1 von {n} Sozialräumen hat in allen Varianten denselben Rang.",
    "index_kept_none": "Kein Sozialraum hat in allen Varianten denselben Rang.",
    "index_kept_all": "Alle {n} Sozialräume haben in allen Varianten denselben Rang.",
    "index_more_link": "Ränge jedes Sozialraums mit anderer Methode: {name}",
    "percent": "{value} %",
    "percent_conf": "{value} % (± {conf})",
    "col_choice": "Entscheidung",
    "col_alone": "allein",
    "col_total": "insgesamt, mit Wechselwirkungen",
    "chart_title": "Einfluss der Methode auf die Ränge: {name} {year}",
    # the index method page (templates/_sensitivity_index.md.j2)
    "index_title": "Ränge mit anderer Methode",
    "index_intro": (
        "Mit anderen, ebenso vertretbaren Entscheidungen über die Methode (siehe {link}) ergäben sich andere "
        "Ränge. Die Grafik zeigt für jeden Sozialraum den veröffentlichten Rang {year} (Punkt) und den kleinsten "
        "bis größten Rang unter allen {variants} Varianten (Balken). Rang 1 ist der niedrigste Wert, also die "
        "ungünstigste Lage im Sinn des Index „{short_name}“."
    ),
    "general_link": "Wie stark hängen die Ränge von der Methode ab?",
    "index_within": (
        "Bei {k} von {n} Sozialräumen ändert sich der Rang um höchstens {places} Plätze; am stärksten bei {names}."
    ),
    "index_within_all": "Bei allen {n} Sozialräumen ändert sich der Rang um höchstens {places} Plätze.",
    "index_within_none": "Bei keinem Sozialraum ändert sich der Rang.",
    "index_strongest_item": "{area} (Rang {rank}, mit anderer Methode zwischen {low} und {high})",
    "index_chart_title": "Ränge mit anderer Methode: {name} {year}",
    "col_area": "Sozialraum",
    "col_rank": "Rang",
    "col_range": "mit anderer Methode",
    "range": "{low} bis {high}",
    "same": "immer {rank}",
    # charts (charts_sensitivity.py)
    "chart_axis_share": "Anteil an den Unterschieden der Ränge",
    "chart_kind": "Art des Anteils",
    "chart_share": "Anteil",
    "chart_alone": "allein",
    "chart_total": "insgesamt",
    "chart_mark_share": "{label}, {kind}: {value}",
    "chart_sobol_description": (
        "Balken je Entscheidung über die Methode von „{name}“ ({year}): welcher Anteil der Unterschiede in den "
        "Rängen auf sie allein zurückgeht und welcher insgesamt, also mit Wechselwirkungen; ein dünner Strich "
        "zeigt, wie genau der Anteil geschätzt ist."
    ),
    "chart_axis_rank": "Rang (1 = am ungünstigsten)",
    "chart_mark_range": "{area}: Rang {rank}, mit anderer Methode zwischen {low} und {high}",
    "chart_range_tooltip": "mit anderer Methode",
    "chart_range_description": (
        "Je Sozialraum der veröffentlichte Rang in „{name}“ ({year}) als Punkt und der kleinste bis größte Rang "
        "unter allen Varianten der Methode als Balken; Rang 1 ist der ungünstigste."
    ),
}
# Small-number stabilisation (compute/stabilise.py, pages/stabilise.py).
STABILISE: dict = {
    "title": "Kleine Zahlen stabilisieren",
    "why": (
        "In einem kleinen Sozialraum schwankt eine Quote schon durch Zufall stark: 3 von 40 sind "
        "7,5 %, 5 von 40 schon 12,5 %. Solche Sprünge sagen wenig über den "
        "Sozialraum, können aber seinen Rang und seine Klasse verschieben."
    ),
    "what_stadtteil": (
        "Deshalb werden in dieser Veröffentlichung die Werte **stabilisiert**: Jeder Wert wird ein Stück "
        "zum Wert seines **Stadtteils** hin gezogen – umso mehr, je kleiner sein Nenner ist und je weniger "
        "sich die Sozialräume des Stadtteils über den Zufall hinaus unterscheiden. Ein großer Sozialraum "
        "behält seinen Wert fast ganz."
    ),
    "what_stadt": (
        "Deshalb werden in dieser Veröffentlichung die Werte **stabilisiert**: Jeder Wert wird ein Stück "
        "zum Wert der **ganzen Stadt** hin gezogen – umso mehr, je kleiner sein Nenner ist und je weniger "
        "sich die Sozialräume über den Zufall hinaus unterscheiden. Ein großer Sozialraum behält seinen "
        "Wert fast ganz."
    ),
    "how": (
        "Das Verfahren ist die empirisch-bayesianische Schätzung nach R. J. Marshall (1991, Applied "
        "Statistics 40, S. 283–294): Für jeden Indikator "
        "und jedes Jahr wird aus den Zählern und Nennern der Gruppe geschätzt, wie stark die Sozialräume "
        "wirklich voneinander abweichen und wie viel davon der Zufall erklärt (bei Anteilen nach der "
        "Binomialverteilung, bei anderen Quoten nach der Poisson-Verteilung). Daraus folgt für jeden "
        "Sozialraum, welchen Teil seiner Abweichung vom Gruppenwert er behält. Erklärt der Zufall alle "
        "Unterschiede, bekommen alle Sozialräume der Gruppe den Gruppenwert."
    ),
    "rules": (
        "Gesperrte Zahlen gehen nicht ein und bekommen keinen stabilisierten Wert. Werte, die ohne Zähler "
        "und Nenner geliefert wurden, bleiben, wie sie sind, denn wie genau sie sind, ist nicht bekannt. "
        "Ein Sozialraum, der allein in seiner Gruppe ist (oder keinem Stadtteil angehört), behält seinen "
        "Wert."
    ),
    "small_rule": (
        "Werte mit einem Nenner unter {min_denominator} bleiben auch stabilisiert außerhalb des Index; "
        "veröffentlicht werden sie wie bisher."
    ),
    "published": (
        "Beide Werte werden veröffentlicht: der gemessene Wert in der Spalte `wert` der Tabelle "
        "`indikator_werte`, der stabilisierte in der Spalte `wert_stabilisiert`. Der Index, seine "
        "Dimensionen und die z-Werte der Indikatoren rechnen mit den stabilisierten Werten."
    ),
    "no_stadtteil": (
        "Die Datenlieferung nennt keine Stadtteile. Deshalb ist jeder Sozialraum allein in seiner Gruppe "
        "und behält seinen Wert; stabilisieren lässt sich hier nur zum Wert der ganzen Stadt hin."
    ),
    "table_intro": (
        "Die Werte im Index, die sich {year} durch die Stabilisierung am stärksten ändern (gemessen an der "
        "Streuung des Indikators über die Sozialräume), mit ihrem Nenner:"
    ),
    "area": "Sozialraum",
    "indicator": "Indikator",
    "nenner": "Nenner",
    "measured": "gemessen",
    "stabilised": "stabilisiert",
    "off": (
        "Kleine Sozialräume haben oft springende Quoten, weil wenige Fälle den Wert stark verändern. Man "
        "kann solche Werte ein Stück zum Wert ihres Stadtteils oder der ganzen Stadt hin ziehen – umso mehr, "
        "je kleiner der Sozialraum ist (eine empirisch-bayesianische Schätzung). In dieser Veröffentlichung "
        "geschieht das nicht: Der Index rechnet mit den gemessenen Werten. (Für Fachleute: Einstellung "
        "`method.stabilise`; die Spalte `wert_stabilisiert` bleibt leer.)"
    ),
}
# Spatial clusters (compute/clusters.py, pages/clusters.py, charts_clusters.py).
CLUSTERS: dict = {
    # the kinds of cluster (compute.clusters: high = favourable for the index), as maps and tables name them
    "label": {
        "niedrig-niedrig": "Häufung ungünstiger Werte (niedrig-niedrig)",
        "niedrig-hoch": "ungünstiger Wert zwischen günstigen (niedrig-hoch)",
        "hoch-niedrig": "günstiger Wert zwischen ungünstigen (hoch-niedrig)",
        "hoch-hoch": "Häufung günstiger Werte (hoch-hoch)",
    },
    "none": "kein deutlicher Cluster",
    "missing": "keine Angabe",
    # the map (charts_clusters.py)
    "map_title": "Räumliche Cluster: {short_name} nach Sozialraum, {year}",
    "legend": "Räumliche Cluster ({short_name})",
    "map_description": (
        "Karte der Sozialräume in {city}: räumliche Cluster von „{name}“ ({short_name}), {year}. "
        "Rot: Sozialräume, die mit ihren Nachbarn eine Häufung ungünstiger Werte bilden; blau: eine Häufung "
        "günstiger Werte; hellrot und hellblau: ein Wert, der sich deutlich von dem seiner Nachbarn abhebt; "
        "fast weiß: kein deutlicher Cluster; grau: keine Angabe. Jede Fläche führt zur Seite des Sozialraums."
    ),
    "mark": "{area}: {label}; lokales Moran's I {i}, p = {p}",
    "cluster": "Cluster",
    "local_i": "Lokales Moran's I",
    "p": "p-Wert",
    # the index page (pages/clusters.py, templates/_clusters_index.md.j2)
    "heading": "Räumliche Cluster",
    "intro": (
        "Liegen Sozialräume mit ähnlichen Werten nebeneinander? Die Karte zeigt, wo sich {year} günstige oder "
        "ungünstige Werte von „{name}“ deutlich häufen (lokales Moran's I; Nachbarn sind Sozialräume mit "
        "gemeinsamer Grenze oder gemeinsamem Eckpunkt; grau: kein Wert oder kein Nachbar mit Wert). Günstig heißt: über dem Mittel der Sozialräume im Sinn von „{short_name}“. "
        "Ein Cluster beschreibt Orte, nicht die Menschen, die dort leben."
    ),
    "global_positive": (
        "Ähnliche Werte liegen deutlich häufiger nebeneinander als bei zufälliger Verteilung (Moran's I = {i}; p {p})."
    ),
    "global_negative": (
        "Günstige und ungünstige Werte wechseln sich deutlich häufiger ab als bei zufälliger Verteilung "
        "(Moran's I = {i}; p {p})."
    ),
    "global_none": (
        "Ähnliche Werte liegen nicht deutlich häufiger nebeneinander als bei zufälliger Verteilung "
        "(Moran's I = {i}; p {p})."
    ),
    "map_chart_title": "Karte: räumliche Cluster – {measure} {year}",
    "p_equal": "= {p}",
    "p_at_most": "≤ {p}",
    "in_clusters": "{count} von {n} Sozialräumen liegen in einem deutlichen Cluster (p ≤ {level}).",
    "in_clusters_one": "1 von {n} Sozialräumen liegt in einem deutlichen Cluster (p ≤ {level}).",
    "no_clusters": "Kein Sozialraum liegt {year} in einem deutlichen Cluster (p ≤ {level}).",
    "without": "Ohne Angabe (grau) bleiben {count} Sozialräume ohne Wert oder ohne Nachbarn mit Wert.",
    "without_one": "Ohne Angabe (grau) bleibt 1 Sozialraum ohne Wert oder ohne Nachbarn mit Wert.",
    "area": "Sozialraum",
    "dimensions_heading": "Räumliche Cluster der Dimensionen {year}",
    "dimension": "Dimension",
    "moran_i": "Moran's I",
    "reading": "Gehäuft?",
    "reading_positive": "ja, deutlich",
    "reading_negative": "nein, deutlich abwechselnd",
    "reading_none": "nicht deutlich",
    "unfavourable": "In Häufung ungünstiger Werte",
    "favourable": "In Häufung günstiger Werte",
    "method_link": "Wie die Cluster berechnet werden",
    # the general method page (pages/clusters.method_section, templates/_clusters_method.md.j2)
    "method_heading": "Räumliche Cluster",
    "method_what": (
        "Ob Sozialräume mit ähnlichen Werten nebeneinanderliegen, misst Moran's I. Das **globale Moran's I** fasst "
        "die ganze Stadt in einer Zahl zusammen: um 0, wenn die Werte zufällig verteilt sind, positiv (höchstens "
        "etwa 1), wenn ähnliche Werte nebeneinanderliegen, negativ, wenn sich günstige und ungünstige Werte "
        "abwechseln. Das **lokale Moran's I** sagt für jeden Sozialraum, ob er mit seinen Nachbarn eine Häufung "
        "bildet – „hoch-hoch“: günstiger Wert, Nachbarn im Mittel auch günstig; „niedrig-niedrig“: ungünstiger "
        "Wert zwischen ungünstigen – oder ob er sich von ihnen abhebt („hoch-niedrig“, „niedrig-hoch“). Günstig "
        "und ungünstig heißt hier: über oder unter dem Mittel der Sozialräume, im Sinn des Index; „niedrig“ ist "
        "also immer die ungünstige Seite. Berechnet werden beide für jeden Index und jede Dimension in jedem Jahr."
    ),
    "method_neighbours": (
        "Nachbarn sind Sozialräume mit gemeinsamer Grenze oder gemeinsamem Eckpunkt; jeder Nachbar zählt gleich "
        "viel, verglichen wird mit dem Mittel der Nachbarn. Ein Sozialraum ohne Nachbarn mit Wert (etwa eine "
        "Insel, oder alle Nachbarn ohne Wert) bekommt keinen lokalen Wert und zählt im globalen nicht mit."
    ),
    "method_nearest": (
        "Die Grenzen dieser Datenlieferung berühren sich meist nicht. Als Nachbarn gelten deshalb die {k} "
        "nächstgelegenen Sozialräume (nach ihrem Mittelpunkt)."
    ),
    "method_chance": (
        "Ob ein Muster deutlich ist, zeigt der Vergleich mit dem Zufall: Die Werte werden {permutations} Mal "
        "zufällig auf die Sozialräume verteilt (für den lokalen Wert eines Sozialraums nur die Werte der übrigen). "
        "Der p-Wert ist der Anteil der zufälligen Anordnungen, die ein mindestens so deutliches Muster ergeben; "
        "kleiner als {smallest} kann er deshalb nicht werden. Als deutlich gilt ein Cluster bei p ≤ {level}. "
        "Die Zufallszahlen haben einen festen Startwert: Dieselbe Datenlieferung ergibt dieselben Cluster."
    ),
    "method_multiple": (
        "Die p-Werte sind nicht dafür korrigiert, dass viele Sozialräume zugleich geprüft werden. Bei {n} "
        "Sozialräumen und p ≤ {level} erscheinen auch bei rein zufällig verteilten Werten im Mittel etwa "
        "{expected} Sozialräume als Cluster. Ein einzelner Cluster ist deshalb ein Hinweis, wo sich genaueres "
        "Hinschauen lohnt, kein Beweis; belastbarer sind Häufungen aus mehreren benachbarten Sozialräumen, "
        "die über die Jahre bestehen bleiben."
    ),
    "method_places": (
        "Ein Cluster beschreibt Orte, nie die Menschen, die dort leben: Er sagt, dass benachbarte Sozialräume "
        "ähnliche Werte haben – nicht, warum, und nichts über einzelne Menschen."
    ),
    "method_data": (
        "Die Werte stehen in den Tabellen cluster.csv (lokal, je Sozialraum) und autokorrelation.csv (global) "
        "der Daten, berechnet mit esda (PySAL)."
    ),
}
