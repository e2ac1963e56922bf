"""Benchmarks (`make bench`): build and MkDocs wall time, pages per second, site size,
transferred bytes of a start and an area page, Lighthouse scores, the time and size
of the printable profiles (one PDF per area), and the time and peak memory of each
certainty step (bootstrap, method sensitivity, clusters).

    python tools/bench.py [--big] [--lighthouse] [--pdf-only] [--certainty-only]

Measured, never asserted: tests stay free of timing. `--big` adds generated cities of
250 and 1,000 areas × 20 indicators × 10 years and the cost per area at each size (the
same figure at both sizes = linear growth); `--lighthouse` runs Lighthouse 12.2.3 (npm,
installed into .bench/) with Debian's Chromium, three times on each of three pages of
the sample, mobile preset, and reports the median.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
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


def timed_build(data: Path, out: Path) -> dict:
    """Wall time of our build step and of MkDocs, measured separately."""
    steps: dict[str, float] = {}
    last = [time.perf_counter(), None]

    def progress(step: str) -> None:
        now = time.perf_counter()
        if last[1]:
            steps[last[1]] = steps.get(last[1], 0) + now - last[0]
        last[:] = [now, step]

    start = time.perf_counter()
    site_dir = pipeline.build_site(data, out, REPO / "docs", REPO / "mkdocs.yml", progress)
    total = time.perf_counter() - start
    mkdocs = total - (last[0] - start)  # the last step is MkDocs (and the copy of daten/)
    pages = sum(1 for _ in site_dir.rglob("index.html"))
    size = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    return {
        "build_s": round(total - mkdocs, 1),
        "mkdocs_s": round(mkdocs, 1),
        "pages": pages,
        "pages_per_s": round(pages / total, 1),
        "site_mib": round(size / 2**20, 1),
        "site": site_dir,
        "steps_s": {k: round(v, 1) for k, v in steps.items()},
    }


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


def bench(name: str, data: Path, work: Path, with_lighthouse: bool) -> dict:
    result = timed_build(data, work / name)
    area = sorted(p.name for p in (result["site"] / "sozialraeume").iterdir() if p.is_dir())[0]
    # the first index's first dimension page (indizes/<index>/dimensionen/<dimension>/)
    dimension = sorted(
        str(p.relative_to(result["site"])) for p in (result["site"] / "indizes").glob("*/dimensionen/*")
    )[0]
    httpd, base = serve(result["site"])
    try:
        result["transfer"] = transferred(base, ["", f"sozialraeume/{area}/"])
        if with_lighthouse:
            result["lighthouse"] = lighthouse(base, ["", f"sozialraeume/{area}/", f"{dimension}/"])
    finally:
        httpd.shutdown()
    result.pop("site")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also 250 and 1,000 areas × 20 indicators × 10 years")
    parser.add_argument("--lighthouse", action="store_true", help="Lighthouse scores (npm, offline)")
    parser.add_argument("--pdf-only", action="store_true", help="only the PDFs: time and size")
    parser.add_argument(
        "--certainty-only", action="store_true", help="only bootstrap, sensitivity and clusters: time and memory"
    )
    args = parser.parse_args()
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
            # Lighthouse on the sample's pages; the generated cities are for time and size
            only = args.pdf_only or args.certainty_only
            if not only:
                results[name] = bench(name.replace(" ", "-"), data, work, args.lighthouse and name == "sample")
            if not args.certainty_only:
                results.setdefault(name, {})["pdf"] = pdf_bench(data, work / f"pdf-{name.replace(' ', '-')}")
            if not args.pdf_only:
                results.setdefault(name, {})["certainty"] = certainty_bench(data)
            print(name, json.dumps(results[name], ensure_ascii=False, indent=1), flush=True)
        if args.big and not (args.pdf_only or args.certainty_only):
            print(linearity({n: r for n, r in results.items() if n != "sample"}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def linearity(results: dict[str, dict]) -> str:
    """Seconds per area of each step at each size: constant if the cost grows linearly."""
    lines = ["cost per area (linear growth = the same figure at every size):"]
    for name, r in results.items():
        areas = int(name.split()[0])
        lines.append(
            f"  {name}: build {1000 * r['build_s'] / areas:.0f} ms/area, "
            f"MkDocs {1000 * r['mkdocs_s'] / areas:.0f} ms/area, "
            f"site {1024 * r['site_mib'] / areas:.0f} KiB/area, "
            f"PDF {r['pdf']['pdf_ms_per_profile']:.0f} ms/area"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
