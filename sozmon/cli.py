"""The command line: the only module that reads user paths, prints and sets exit codes.

Exit codes: 0 fine, 1 the release has errors, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from . import engines, pipeline, texts
from .cache import Cache, default_folder
from .engines import SiteError
from .problems import Problem, ReleaseError, errors
from .publish import OutputNotOurs

HELP = {
    "check": "Datenlieferung prüfen: alle Probleme mit Datei, Zeile und Feld; Exit-Code 1 bei Fehlern",
    "build": "Prüfen, Indizes berechnen und die Tabellen nach OUT/daten schreiben",
    "data": "Ordner der Datenlieferung mit datapackage.json (Vorgabe: datapackage)",
    "out": "Ausgabeordner (Vorgabe: build); wird nur bei Erfolg ersetzt",
    "site": "Wie build, dazu die statische Website in OUT/site (MkDocs)",
    "docs": "Ordner mit handgeschriebenen Seiten (Vorgabe: docs)",
    "config": "MkDocs-Grundkonfiguration (Vorgabe: mkdocs.yml)",
    "engine": "Werkzeug, das die Website baut: mkdocs (Material for MkDocs, Vorgabe) oder zensical",
    "serve": "Website bauen und unter http://127.0.0.1:PORT/ zeigen (Strg+C beendet)",
    "port": "Port für serve (Vorgabe: 8000)",
    "format": "Ausgabeformat der Probleme: text (Tabelle) oder json (für CI)",
    "force": "Alles neu bauen, auch wenn sich seit dem letzten Lauf nichts geändert hat",
    "cache": (
        "Zwischenspeicher für Diagrammbilder, PDFs und die Arbeitsmappe (Vorgabe: $SOZMON_CACHE, sonst ~/.cache/sozmon)"
    ),
    "no_cache": "Keinen Zwischenspeicher benutzen: jedes Bild, PDF und jede Arbeitsmappe neu erzeugen",
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = Console(markup=False, highlight=False, soft_wrap=True)
    try:
        return args.run(args, console)
    except OSError as exc:
        console.print(texts.CANNOT_RUN.format(detail=f"{exc.strerror or exc}: {exc.filename or ''}"))
        return 2
    except Exception as exc:  # noqa: BLE001 — a bug of ours: say so, no traceback
        if os.environ.get("SOZMON_DEBUG"):
            raise
        console.print(texts.CANNOT_RUN.format(detail=f"{type(exc).__name__}: {exc}"))
        console.print(texts.DEBUG_HINT)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sozmon", description="Sozialraum-Monitoring als offene Daten")
    commands = parser.add_subparsers(required=True, metavar="BEFEHL")
    check = _command(commands, "check", _check)
    check.add_argument("--format", choices=("text", "json"), default="text", help=HELP["format"])
    _command(commands, "build", _build, out=True)
    _command(commands, "site", _build, out=True, site=True)
    serve = _command(commands, "serve", _serve, out=True, site=True)
    serve.add_argument("--port", type=int, default=8000, help=HELP["port"])
    return parser


def _command(commands, name: str, run, out: bool = False, site: bool = False) -> argparse.ArgumentParser:
    """A subcommand with the options it shares with the others."""
    command = commands.add_parser(name, help=HELP[name], description=HELP[name])
    command.add_argument("--data", type=Path, default=Path("datapackage"), help=HELP["data"])
    if out:
        command.add_argument("--out", type=Path, default=Path("build"), help=HELP["out"])
        command.add_argument("--force", action="store_true", help=HELP["force"])
        command.add_argument("--cache", type=Path, default=None, help=HELP["cache"])
        command.add_argument("--no-cache", action="store_true", help=HELP["no_cache"])
    if site:
        command.add_argument("--docs", type=Path, default=Path("docs"), help=HELP["docs"])
        command.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help=HELP["config"])
        command.add_argument("--engine", choices=engines.ENGINES, default=engines.DEFAULT, help=HELP["engine"])
    command.set_defaults(run=run)
    return command


def _serve(args: argparse.Namespace, console: Console) -> int:
    """Build the site, then show it on this machine only (127.0.0.1)."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    code = _build(args, console)
    if code:
        return code
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(args.out / "site"))
    with ThreadingHTTPServer(("127.0.0.1", args.port), handler) as httpd:
        console.print(texts.SERVING.format(url=f"http://127.0.0.1:{httpd.server_address[1]}/"))
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def _check(args: argparse.Namespace, console: Console) -> int:
    _, problems = pipeline.open_release(args.data)
    if args.format == "json":
        print(json.dumps([_as_dict(p) for p in problems], ensure_ascii=False, indent=2))
    else:
        _render(problems, args.data, console)
    return 1 if errors(problems) else 0


def _build(args: argparse.Namespace, console: Console) -> int:
    start = time.perf_counter()

    def progress(step: str) -> None:
        name = texts.ENGINE["names"].get(step)  # the site engine's step is named after it
        what = texts.ENGINE["step"].format(engine=name) if name else texts.BUILD_STEP[step]
        going = "" if step == "unchanged" else " …"  # the others are steps under way
        console.print(f"› {what}{going}  ({time.perf_counter() - start:.1f} s)")

    cache = Cache(None if args.no_cache else args.cache or default_folder())
    cache.prune()
    reuse = not args.force
    try:
        if hasattr(args, "docs"):
            path = pipeline.build_site(
                args.data, args.out, args.docs, args.config, progress, args.engine, cache=cache, reuse=reuse
            )
            console.print(texts.SITE_DONE.format(path=path))
        else:
            pipeline.build(args.data, args.out, progress, cache=cache, reuse=reuse)
    except SiteError as exc:
        engine = texts.ENGINE["names"][args.engine]
        console.print(texts.ENGINE["failed"].format(engine=engine, out=args.out, detail=exc))
        return 1
    except ReleaseError as exc:
        _render(exc.problems, args.data, console)
        console.print(texts.BUILD_FAILED.format(out=args.out))
        return 1
    except OutputNotOurs:
        console.print(texts.OUT_NOT_OURS.format(out=args.out))
        return 2
    if cache.hits:
        console.print(_cache_line(cache))
    console.print(texts.BUILD_DONE.format(path=args.out, seconds=time.perf_counter() - start))
    return 0


def _cache_line(cache: Cache) -> str:
    parts = [
        texts.CACHE_PART.format(kind=name, hits=cache.hits[kind], total=cache.hits[kind] + cache.misses[kind])
        for kind, name in texts.CACHE_KINDS.items()
        if cache.hits[kind] + cache.misses[kind]
    ]
    return texts.CACHE_USED.format(folder=cache.folder, parts=", ".join(parts))


def _cells(p: Problem) -> tuple[str, ...]:
    what, todo = texts.problem_text(p)
    return (
        p.file,
        "" if p.row is None else str(p.row),
        p.field or "",
        p.value or "",
        f"{texts.SEVERITY[p.severity]}: {what}",
        todo,
    )


def _as_dict(p: Problem) -> dict:
    what, todo = texts.problem_text(p)
    return {
        "datei": p.file,
        "zeile": p.row,
        "feld": p.field,
        "wert": p.value,
        "code": p.code,
        "schwere": p.severity,
        "problem": what,
        "was_tun": todo,
    }


def _render(problems: list[Problem], data: Path, console: Console) -> None:
    n_errors = len(errors(problems))
    n_warnings = len(problems) - n_errors
    if problems:
        rows = [_cells(p) for p in problems]
        if console.is_terminal:
            table = Table(*texts.CHECK_HEADER, show_lines=False, expand=False)
            for row in rows:
                table.add_row(*row)
            console.print(table)
        else:  # a log (CI, a pipe): one problem a line, never wrapped
            for row in [texts.CHECK_HEADER, *rows]:
                console.print(" | ".join(row))
        for file in sorted({p.file for p in problems}):
            mine = [p for p in problems if p.file == file]
            e = len(errors(mine))
            console.print(texts.CHECK_PER_FILE.format(file=file, errors=e, warnings=len(mine) - e))
    if n_errors:
        console.print(texts.CHECK_FAILED.format(errors=n_errors, warnings=n_warnings, path=data))
    elif n_warnings:
        console.print(texts.CHECK_OK_WARNINGS.format(path=data, warnings=n_warnings))
    else:
        console.print(texts.CHECK_OK.format(path=data))


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
