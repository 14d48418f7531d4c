"""The Spark engine on 1,000,000 generated encounters: rows per minute, peak memory of every process.

The extract and policy are the pandas engine's scale benchmark's (``bench/test_build_scale.py``): the
first 1 M rows of ``bench/extracts.py`` (seed 2026: the demo's columns, 2.5 encounters per patient,
empty notes) as CSV, and the bundled HIPAA Safe Harbor policy with the note column dropped (scanning a
million notes is the note benchmarks' subject, and would take hours on two cores). The command run is
the CLI's::

    safecohort build extract.csv --policy P --out OUT --keys K --engine spark --spark-master local[2]

in this process, so the driver's peak resident set (VmHWM, reset through /proc/self/clear_refs before the
build) is this process's; the JVM and the Python workers Spark forks are its descendants, whose VmHWM is
read before the session stops. Wall time, CPU time of this process, the load average before and after,
and the figures go to ``bench/results/spark_throughput.json``. Run by `make bench`;
``SAFECOHORT_SPARK_BENCH_ROWS`` sets another row count.
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import pytest

from extracts import write_encounters
from safecohort.cli import main
from safecohort.transform.crypto import Keyring
from test_build_scale import structured_policy

pytestmark = pytest.mark.bench

ROWS = int(os.environ.get("SAFECOHORT_SPARK_BENCH_ROWS", "1000000"))
RESULTS = Path(__file__).parent / "results" / "spark_throughput.json"


def _peak_kib(pid: int) -> int:
    """A process's peak resident set (VmHWM) in KiB, 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(root: int) -> dict[int, str]:
    """Every living descendant of ``root``: pid -> command name."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
        names[int(entry.name)] = name
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = names[pid]
                frontier.append(pid)
    return found


def test_spark_engine_on_a_million_rows(tmp_path: Path) -> None:
    from safecohort.engines.spark import local_session

    extract = write_encounters(tmp_path / "extract.csv", ROWS)
    policy = structured_policy(tmp_path)
    keys = tmp_path / "bench.keys.json"
    Keyring.generate(purpose="bench").save(keys)
    session = local_session("local[2]")
    out = tmp_path / "out"
    load_before = os.getloadavg()
    Path("/proc/self/clear_refs").write_text("5")  # reset this process's VmHWM to its current RSS
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    code = main(
        [
            "build",
            str(extract),
            "--policy",
            str(policy),
            "--out",
            str(out),
            "--keys",
            str(keys),
            "--engine",
            "spark",
            "--spark-master",
            "local[2]",
            "--quiet",
        ]
    )
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    load_after = os.getloadavg()
    children = _descendants(os.getpid())
    peaks = {f"{name} ({pid})": _peak_kib(pid) // 1024 for pid, name in sorted(children.items())}
    session.stop()
    assert code == 0
    report = json.loads((out / "audit.json").read_text())
    assert report["output"]["rows"] + report["quarantine"]["rows"] == ROWS
    assert report["output"]["rows"] > 0.9 * ROWS
    result = {
        "rows": ROWS,
        "command": "safecohort build extract.csv --policy structured.yaml --out OUT --keys K "
        "--engine spark --spark-master local[2] (in-process, bench/test_spark_throughput.py)",
        "seconds": round(seconds, 1),
        "rows_per_minute": round(ROWS / seconds * 60),
        "driver_cpu_seconds": round(
            cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime, 1
        ),
        "driver_peak_rss_mib": _peak_kib(os.getpid()) // 1024,
        "descendant_peak_rss_mib": peaks,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "timings": report["timings"],
        "rows_out": report["output"]["rows"],
        "rows_quarantined": report["quarantine"]["rows"],
        "quarantine_reasons": report["quarantine"]["reasons"],
        "k": report["risk"]["k"],
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
