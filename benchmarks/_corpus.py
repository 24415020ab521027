"""Benchmark corpora built from the external evaluation data (measuring only, never shipped),
and the timing helpers the speed benchmarks share.

The machine is shared, so every figure is a median over rounds, each round runs every job once
in turn (ours and the baseline see the same load), and the 1-minute load average is kept with
each figure. CPU seconds are printed too: they move much less with the load than wall time.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import platform
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rashomon.records import Article

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval-data"
POLNEAR = SHARED / "polnear"
TIME = "/usr/bin/time"  # GNU time (Debian package "time")


def polnear_articles(limit: int = 50, split: str = "test") -> list[Article]:
    """Real news articles (PolNeAR) as Article records, in a fixed order."""
    meta = {}
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    paths = sorted((POLNEAR / split / "text").glob("*.txt"))[:limit]
    return [_article(p, meta.get(p.stem, {})) for p in paths]


def _article(path: Path, row: dict[str, str]) -> Article:
    text = path.read_text(encoding="utf-8")
    published = row.get("publication_date", "")
    return Article(
        published=dt.date.fromisoformat(published) if published[:2] == "20" else None,
        id=hashlib.sha1(text.encode()).hexdigest()[:12],
        outlet=row.get("publisher", "unknown"),
        title=row.get("title", ""),
        text=text,
        source=str(path),
    )


# --- measuring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    wall: float  # median seconds
    cpu: float  # median CPU seconds (user + system), this process and the children it waited for
    load: float  # highest 1-minute load average seen during the runs
    peak_mb: float = 0.0  # cold runs only: median peak resident memory of the process


def load() -> float:
    return os.getloadavg()[0]


def cpu_now() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def rounds(
    jobs: Mapping[str, Callable[[], object]],
    repeat: int,
    before: Callable[[], object] = lambda: None,
) -> dict[str, Timing]:
    """Run every job once per round, in turn, for ``repeat`` rounds; medians per job.

    ``before`` runs (untimed) before every job, e.g. to empty a cache.
    """
    walls: dict[str, list[float]] = {name: [] for name in jobs}
    cpus: dict[str, list[float]] = {name: [] for name in jobs}
    loads: dict[str, list[float]] = {name: [load()] for name in jobs}
    for _ in range(repeat):
        for name, job in jobs.items():
            before()
            start, cpu = time.perf_counter(), cpu_now()
            job()
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(cpu_now() - cpu)
            loads[name].append(load())
    mid = statistics.median
    return {name: Timing(mid(walls[name]), mid(cpus[name]), max(loads[name])) for name in jobs}


def cold_rounds(commands: Mapping[str, Sequence[str]], repeat: int) -> dict[str, Timing]:
    """Start every command as a new process once per round, in turn; medians per command."""
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    loads: dict[str, list[float]] = {name: [load()] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(_cold(command))
            loads[name].append(load())
    return {
        name: Timing(
            statistics.median(r[0] for r in runs[name]),
            statistics.median(r[1] for r in runs[name]),
            max(loads[name]),
            statistics.median(r[2] for r in runs[name]),
        )
        for name in commands
    }


def _cold(command: Sequence[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of one run of ``command``, which must succeed.

    GNU time reports the peak memory: a child forked from this (large) process would inherit
    its high-water mark, so the figure must come from a small parent.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        done = subprocess.run(
            [TIME, "-f", "%U %S %M", "-o", report.name, *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        wall = time.perf_counter() - start
        if done.returncode not in (0, 2):  # 2: done, with one source reported as unusable
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.decode()[-2000:]}")
        user, system, peak_kb = report.read().split()[-3:]
    return wall, float(user) + float(system), int(peak_kb) / 1024


def machine() -> str:
    """One line: date, cores, CPU model, Python, and the load averages now."""
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        model = next((line.split(":", 1)[1].strip() for line in fh if "model name" in line), "")
    loads = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{dt.datetime.now():%Y-%m-%d %H:%M}; nproc {os.cpu_count()}; {model}; "
        f"Python {platform.python_version()}; load average (1, 5, 15 min) {loads}"
    )
