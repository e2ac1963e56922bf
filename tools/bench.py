"""Benchmarks (`make bench`): the targets of issue 14 next to the measured figures, then
the details: build step and MkDocs wall time, pages per second, site size, peak memory,
transferred bytes of a start and an area page, Lighthouse scores.

    python tools/bench.py [--big] [--lighthouse] [--pdf-only] [--certainty-only]

Measured, never asserted: tests stay free of timing. Each build runs in a process of its
own (its peak memory is its own). The sample is built cold (no cache), again with a warm
cache, again unchanged (`sozmon site` as a user runs it), and with one indicator changed.
`--big` adds generated cities of 250 and 1,000 areas × 20 indicators × 10 years and the
cost per area at 1,000 against 250 (1.00 = linear); `--lighthouse` runs Lighthouse 12.2.3
(npm, installed into .bench/) with Debian's Chromium, three times on each of three pages
of the sample, mobile preset, and reports the median. `--pdf-only` and
`--certainty-only` time those steps alone.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sozmon import package, pipeline, profile, report  # noqa: E402
from sozmon.cache import Cache  # noqa: E402
from tests.conftest import make_charts_interactive  # noqa: E402
from tools.synthetic_release import write_release  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = "lighthouse@12.2.3"
RUNS = 3  # Lighthouse runs per page; the median is reported
BIG_SIZES = (250, 1000)  # areas of the generated cities, × 20 indicators × 10 years


class Gzipped(SimpleHTTPRequestHandler):
    """Like real hosts: gzip for text, and caching headers."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
            or path.suffix not in (".html", ".js", ".css", ".json", ".csv", ".svg", ".topojson", ".xml")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzipped, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def timed_build(data: Path, out: Path, cache: Cache | None = None) -> dict:
    """Wall time of our build step and of MkDocs, measured separately."""
    steps: dict[str, float] = {}
    last = [time.perf_counter(), None]

    def progress(step: str) -> None:
        now = time.perf_counter()
        if last[1]:
            steps[last[1]] = steps.get(last[1], 0) + now - last[0]
        last[:] = [now, step]

    store = cache or Cache(None)
    start = time.perf_counter()
    site_dir = pipeline.build_site(data, out, REPO / "docs", REPO / "mkdocs.yml", progress, cache=store)
    total = time.perf_counter() - start
    mkdocs = total - (last[0] - start)  # the last step is MkDocs (and the copy of daten/)
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    size = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    return {
        "build_s": round(total - mkdocs, 1),
        "mkdocs_s": round(mkdocs, 1),
        "total_s": round(total, 1),
        "pages": pages,
        "pages_per_s": round(pages / total, 1),
        "site_mib": round(size / 2**20, 1),
        "site": str(site_dir),
        "steps_s": {k: round(v, 1) for k, v in steps.items()},
        "cache": {k: [store.hits[k], store.hits[k] + store.misses[k]] for k in sorted({*store.hits, *store.misses})},
    }


def measured_build(data: Path, out: Path, cache: Path | None = None) -> dict:
    """`timed_build` in a fresh process, with its peak memory (resident, of that process:
    the renderers and MkDocs run in processes of their own, and Linux reports a child's
    peak from before its exec, so theirs is not measured)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(data), str(out), str(cache or "")]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode:
        raise SystemExit(f"build of {data} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _measure(data: str, out: str, cache: str) -> None:
    result = timed_build(Path(data), Path(out), Cache(Path(cache)) if cache else None)
    result["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


def cli_seconds(data: Path, out: Path, cache: Path) -> tuple[float, str]:
    """Wall time of `sozmon site` as a user runs it (Python start included), and what it said last."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sozmon", "site", "--data", str(data), "--out", str(out), "--cache", str(cache)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "COLUMNS": "200"},
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"sozmon site failed:\n{done.stdout[-3000:]}")
    return round(seconds, 1), done.stdout.strip().splitlines()[0]


def one_indicator_changed(data: Path, target: Path) -> tuple[Path, str]:
    """A copy of the release whose last indicator (a context indicator in the sample) has
    every zaehler of the latest year 5 % higher (never above its nenner): what a corrected
    delivery of one indicator looks like."""
    shutil.copytree(data, target)
    indicators = (target / "indikatoren.csv").read_text(encoding="utf-8").splitlines()
    indicator = indicators[-1].split(",")[0]
    werte = target / "werte.csv"
    raw = werte.read_bytes()
    lines = raw.decode("utf-8-sig").splitlines()
    sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
    header = lines[0].split(sep)
    at = {name: header.index(name) for name in ("jahr", "indikator_id", "zaehler", "nenner")}
    rows = [line.split(sep) for line in lines[1:]]
    latest = max(int(r[at["jahr"]]) for r in rows if r[at["indikator_id"]] == indicator)
    for r in rows:
        if r[at["indikator_id"]] == indicator and int(r[at["jahr"]]) == latest and r[at["zaehler"]]:
            higher = round(int(r[at["zaehler"]]) * 1.05)
            r[at["zaehler"]] = str(min(higher, int(r[at["nenner"]])) if r[at["nenner"]] else higher)
    body = "\n".join([lines[0], *(sep.join(r) for r in rows)]) + "\n"
    werte.write_bytes(("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "").encode() + body.encode("utf-8"))
    return target, indicator


def transferred(base: str, paths: list[str]) -> dict:
    """Compressed bytes on the wire for a first visit, for what using the charts adds, and
    for a repeat visit (Chromium, cache on)."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for path in paths:
            context = browser.new_context()
            page = context.new_page()
            client = context.new_cdp_session(page)
            client.send("Network.enable")
            received = []
            client.on("Network.loadingFinished", lambda e, received=received: received.append(e["encodedDataLength"]))
            page.goto(base + path, wait_until="networkidle")
            first = sum(received)
            received.clear()
            make_charts_interactive(page)  # what a reader who scrolls loads on top (Vega, specs, data)
            page.wait_for_load_state("networkidle")
            interactive = sum(received)
            received.clear()
            page.goto(base + path, wait_until="networkidle")
            out[path or "/"] = {
                "first_kib": round(first / 1024),
                "charts_on_use_kib": round(interactive / 1024),
                "repeat_kib": round(sum(received) / 1024),
            }
            context.close()
        browser.close()
    return out


def lighthouse(base: str, paths: list[str]) -> dict:
    tools = REPO / ".bench"
    binary = tools / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        tools.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(tools), "--no-audit", "--no-fund", "-E", LIGHTHOUSE],
            check=True,
            capture_output=True,
        )
    scores = {}
    for path in paths:
        runs = []
        for _ in range(RUNS):
            done = subprocess.run(
                [
                    str(binary),
                    base + path,
                    f"--chrome-path={CHROMIUM}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--output=json",
                    "--quiet",
                    "--form-factor=mobile",
                ],
                capture_output=True,
                text=True,
            )
            report = json.loads(done.stdout)
            runs.append({k: round(v["score"] * 100) for k, v in report["categories"].items()})
        # the median of each score; performance varies by a few points from run to run
        scores[path or "/"] = {k: sorted(r[k] for r in runs)[len(runs) // 2] for k in runs[0]}
        scores[path or "/"]["performance_runs"] = [r["performance"] for r in runs]
    return scores


def pdf_bench(data: Path, out: Path) -> dict:
    """The PDFs alone, after loading and computing: the profiles (`profile.write`: every
    area's PDF and the ZIP) in all and per profile, their size, and the Bestandsanalyse."""
    release, problems = pipeline.open_release(data)
    if release is None:
        raise SystemExit(f"{data}: {problems}")
    tables = package.tables(release, pipeline.results(release))
    start = time.perf_counter()
    written = profile.write(release, tables, out, package._timestamp(release))
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    analysis = report.write(release, tables, out, package._timestamp(release))
    analysis_s = time.perf_counter() - start
    pdfs = [p for p in written if p.suffix == ".pdf"]
    sizes = sorted(p.stat().st_size for p in pdfs)
    return {
        "profiles": len(pdfs),
        "pdf_s": round(seconds, 2),
        "pdf_ms_per_profile": round(1000 * seconds / max(len(pdfs), 1), 1),
        "pdf_kib_median": round(sizes[len(sizes) // 2] / 1024),
        "pdf_kib_max": round(sizes[-1] / 1024),
        "zip_mib": round((out / profile.ZIP).stat().st_size / 2**20, 1),
        "analysis_s": round(analysis_s, 2),
        "analysis_kib": round(analysis.stat().st_size / 1024),
    }


def certainty_bench(data: Path) -> dict:
    """How sure the numbers are, step by step after compute: time and peak memory of the
    bootstrap (settings draws, 1,000 by default), the method variants with Sobol, and the
    spatial clusters (tracemalloc counts numpy's arrays)."""
    from sozmon.compute import bootstrap, clusters, compute, sensitivity
    from sozmon.compute.suppress import suppress

    release, problems = pipeline.open_release(data)
    if release is None:
        raise SystemExit(f"{data}: {problems}")
    result = suppress(compute(release), release.settings)
    out = {"draws": release.settings.certainty.draws}
    for name, step in (("bootstrap", bootstrap), ("sensitivity", sensitivity), ("clusters", clusters)):
        tracemalloc.start()
        start = time.perf_counter()
        tables = step.assess(release, result)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        out[name] = {
            "s": round(seconds, 2),
            "peak_mib": round(peak / 2**20),
            "rows": {table: len(frame) for table, frame in tables.items()},
        }
    return out


def bench(name: str, data: Path, work: Path, with_lighthouse: bool, rebuilds: bool) -> dict:
    """A first build with an empty cache (what a new user or CI without a cache gets), then
    the pages' transfer; with `rebuilds`, the rebuilds with the warm cache too."""
    cache = work / f"cache-{name}"
    result = measured_build(data, work / name, cache)
    site = Path(result.pop("site"))
    area = sorted(p.name for p in (site / "sozialraeume").iterdir() if p.is_dir())[0]
    # the first index's first dimension page (indizes/<index>/dimensionen/<dimension>/)
    dimension = sorted(str(p.relative_to(site)) for p in (site / "indizes").glob("*/dimensionen/*"))[0]
    httpd, base = serve(site)
    try:
        result["transfer"] = transferred(base, ["", f"sozialraeume/{area}/"])
        if with_lighthouse:
            result["lighthouse"] = lighthouse(base, ["", f"sozialraeume/{area}/", f"{dimension}/"])
    finally:
        httpd.shutdown()
    search = site / "search" / "search_index.json"
    if search.is_file():
        result["search_index_kib"] = round(search.stat().st_size / 1024)
        result["search_index_gzip_kib"] = round(len(gzip.compress(search.read_bytes(), mtime=0)) / 1024)
    if rebuilds:
        warm = measured_build(data, work / name, cache)
        result["warm"] = {k: warm[k] for k in ("build_s", "mkdocs_s", "total_s", "steps_s", "cache")}
        result["unchanged_s"], result["unchanged_said"] = cli_seconds(data, work / name, cache)
        changed, indicator = one_indicator_changed(data, work / f"{name}-changed")
        again = measured_build(changed, work / name, cache)
        result["one_indicator_changed"] = {
            "indicator": indicator,
            **{k: again[k] for k in ("build_s", "mkdocs_s", "total_s", "cache")},
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also 250 and 1,000 areas × 20 indicators × 10 years")
    parser.add_argument("--lighthouse", action="store_true", help="Lighthouse scores (npm, offline)")
    parser.add_argument("--pdf-only", action="store_true", help="only the PDFs: time and size")
    parser.add_argument(
        "--certainty-only", action="store_true", help="only bootstrap, sensitivity and clusters: time and memory"
    )
    parser.add_argument("--measure", nargs=3, metavar=("DATA", "OUT", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(*args.measure)
        return
    work = Path(tempfile.mkdtemp(prefix="sozmon-bench-"))
    try:
        runs = {"sample": REPO / "datapackage"}
        if args.big:
            dims = {f"d{i}": 4 for i in range(1, 6)}  # 5 dimensions × 4 = 20 indicators
            for areas in BIG_SIZES:
                runs[f"{areas} areas"] = write_release(
                    work / f"release-{areas}", n_areas=areas, dimensions=dims, years=range(2015, 2025), id_prefix="B"
                )
        results = {}
        for name, data in runs.items():
            if args.pdf_only:
                results[name] = {"pdf": pdf_bench(data, work / f"pdf-{name.replace(' ', '-')}")}
            elif args.certainty_only:
                results[name] = {"certainty": certainty_bench(data)}
            else:
                sample = name == "sample"
                results[name] = bench(name.replace(" ", "-"), data, work, args.lighthouse and sample, sample)
            print(name, json.dumps(results[name], ensure_ascii=False, indent=1), flush=True)
        if not (args.pdf_only or args.certainty_only):
            print(targets(results))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def targets(results: dict[str, dict]) -> str:
    """The targets of issue 14, each beside what was measured, and whether it holds."""
    rows = []

    def row(target: str, measured: str, holds: bool | None) -> None:
        rows.append((target, measured, {True: "ja", False: "NEIN", None: "–"}[holds]))

    sample = results["sample"]
    row(
        "Build step ≤ MkDocs (sample, first build)",
        f"{sample['build_s']} s vs MkDocs {sample['mkdocs_s']} s",
        sample["build_s"] <= sample["mkdocs_s"],
    )
    row("Whole sample site < 15 s (first build)", f"{sample['total_s']} s", sample["total_s"] < 15)
    if "warm" in sample:
        warm = sample["warm"]
        row("  … with a warm cache (forced rebuild)", f"{warm['total_s']} s (build {warm['build_s']} s)", None)
        row("Unchanged rebuild < 5 s (`sozmon site`)", f"{sample['unchanged_s']} s", sample["unchanged_s"] < 5)
        changed = sample["one_indicator_changed"]
        redone = ", ".join(f"{k} {total - hits} of {total}" for k, (hits, total) in changed["cache"].items())
        row(f"One indicator changed ({changed['indicator']}): re-made", f"{redone}; {changed['total_s']} s", None)
    if "1000 areas" in results:
        big, small = results["1000 areas"], results["250 areas"]
        row("1,000 areas: whole site < 180 s", f"{big['total_s']} s", big["total_s"] < 180)
        for label, key in (
            ("build step", "build_s"),
            ("MkDocs", "mkdocs_s"),
            ("site size", "site_mib"),
            ("peak memory", "peak_mib"),
        ):
            ratio = (big[key] / 1000) / (small[key] / 250) if small[key] else float("nan")
            row(f"Per area 1,000 vs 250 ≤ 1.10: {label}", f"{ratio:.2f}", ratio <= 1.10)
        first = big["transfer"]["/"]["first_kib"]
        row("First visit at 1,000 areas < 400 KB", f"{first} KiB ({first * 1.024:.0f} KB)", first * 1024 < 400_000)
    width = max(len(r[0]) for r in rows)
    lines = ["", "Targets (issue 14)", f"{'target':{width}}  {'measured':38}  holds"]
    lines += [f"{t:{width}}  {m:38}  {h}" for t, m, h in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
