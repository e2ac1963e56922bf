"""A content-addressed cache of the slow outputs: chart pictures, PDFs and the workbook.

An entry is named by the SHA-256 of everything that goes into it: its own inputs, every
file of sozmon itself, the versions of all installed packages and the system's fonts.
Builds are deterministic, so a hit is byte for byte what a fresh run would write. Entries
are written atomically (parallel builds and test workers may share one folder) and
dropped after `MAX_AGE_DAYS` without use.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

MAX_AGE_DAYS = 30
ENV = "SOZMON_CACHE"  # the cache folder; "off" switches the cache off
_HERE = Path(__file__).resolve().parent
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")


def default_folder() -> Path | None:
    """SOZMON_CACHE, else the user's cache folder (XDG); None when switched off."""
    chosen = os.environ.get(ENV)
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sozmon"


class Cache:
    """Entries in `folder`/<kind>/<2 hex>/<64 hex>; `Cache(None)` keeps nothing."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()

    def key(self, kind: str, parts: Iterable[bytes | str]) -> str:
        """The entry's name: its kind, what goes in (`parts`) and the tool that makes it."""
        digest = hashlib.sha256(f"{kind}\0{tool_version()}".encode())
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))  # parts cannot run into each other
            digest.update(data)
        return digest.hexdigest()

    def get(self, kind: str, key: str) -> bytes | None:
        """The entry's bytes, or None (counted as a hit or a miss)."""
        data = None
        if self.folder is not None:
            path = self._path(kind, key)
            try:
                data = path.read_bytes()
            except OSError:
                pass
        if data is None:
            self.misses[kind] += 1
            return None
        self.hits[kind] += 1
        try:
            os.utime(path)  # used: kept for MAX_AGE_DAYS more
        except OSError:
            pass
        return data

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        path = self._path(kind, key)
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".neu-")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except OSError:  # a full or read-only disk costs speed, never the build
            if temporary:
                Path(temporary).unlink(missing_ok=True)

    def fetch(self, kind: str, parts: Iterable[bytes | str], make: Callable[[], bytes]) -> bytes:
        """The cached bytes for these inputs, or `make()`'s, then kept."""
        key = self.key(kind, parts)
        found = self.get(kind, key)
        if found is not None:
            return found
        data = make()
        self.put(kind, key, data)
        return data

    def fetch_many(
        self,
        kind: str,
        jobs: list,
        parts: Callable[[object], Iterable[bytes | str]],
        make: Callable[[list], list[bytes]],
    ) -> list[bytes]:
        """`fetch` for many jobs: `parts(job)` names each, `make(jobs)` makes the missing ones
        together (on all cores), in the order asked."""
        if self.folder is None:
            return make(jobs)
        keys = [self.key(kind, parts(job)) for job in jobs]
        found = [self.get(kind, key) for key in keys]
        todo = [i for i, data in enumerate(found) if data is None]
        for i, data in zip(todo, make([jobs[i] for i in todo])):
            found[i] = data
            self.put(kind, keys[i], data)
        return found

    def prune(self, now: float | None = None) -> None:
        """Drop entries unused for MAX_AGE_DAYS."""
        if self.folder is None or not self.folder.is_dir():
            return
        limit = (now or time.time()) - MAX_AGE_DAYS * 86400
        for path in self.folder.glob("*/*/*"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key


OFF = Cache(None)


@functools.lru_cache(maxsize=1)
def tool_version() -> str:
    """Everything besides its inputs that can change an output: sozmon's own files (code,
    templates, fonts, scripts), the installed packages, Python and the system's fonts."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in _HERE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_HERE).as_posix().encode() + b"\0" + path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    for folder in _FONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir():
            for font in sorted(p for p in root.rglob("*") if p.is_file()):
                stat = font.stat()
                digest.update(f"{font}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def tree_digest(folder: Path, skip: Iterable[str] = ()) -> str:
    """SHA-256 of every file's relative path and bytes under `folder` (except `skip`)."""
    skipped = set(skip)
    digest = hashlib.sha256()
    if folder.is_file():
        digest.update(folder.read_bytes())
        return digest.hexdigest()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name in skipped:
            continue
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
