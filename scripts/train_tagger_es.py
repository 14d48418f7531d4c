"""Train the Spanish notes tagger (``src/safecohort/detect/spanish.py``) on MEDDOCAN's train split.

Each line of each note is a sequence; each token is labelled B-/I-<kind> when a gold span holds it (kind:
:func:`safecohort.detect.spanish.kind_of` of the MEDDOCAN label; the patient's sex is not PHI and stays
``O``), else ``O``. The model is CRFsuite's linear-chain CRF trained by L-BFGS with L1 and L2
regularisation (deterministic: no random state is involved; ``--seed`` is recorded for symmetry with the
other scripts). The weights go to ``src/safecohort/detect/data/tagger_es.crfsuite`` and a record of what
they were trained on to ``tagger_es.crfsuite.json``.

Only the train split is read (``../shared/data/meddocan/train.jsonl``); dev is for tuning the threshold
(``--dev`` prints dev figures at several thresholds), test is scored once, in docs/benchmarks.md. Usage::

    nice -n 10 .venv/bin/python scripts/train_tagger_es.py [--dev]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEDDOCAN = ROOT.parent / "shared" / "data" / "meddocan"
OUT = ROOT / "src" / "safecohort" / "detect" / "data" / "tagger_es.crfsuite"
#: L1 and L2 weights, chosen on dev (docs/benchmarks.md); L1 keeps the shipped file small.
C1, C2 = 0.05, 0.01
MAX_ITERATIONS = 150
MIN_FEATURE_FREQUENCY = 2


def sequences(path: Path) -> tuple[list[list[list[str]]], list[list[str]]]:
    """Features and labels of every line of every note of a corpus."""
    from safecohort.detect.spanish import OUTSIDE, kind_of, lines_of_tokens, sequence_features
    from safecohort.evaluation import read_corpus

    features: list[list[list[str]]] = []
    labels: list[list[str]] = []
    for document in read_corpus(path):
        gold = sorted(
            (s.start, s.end, kind) for s in document.spans if (kind := kind_of(s.label)) is not None
        )
        for line in lines_of_tokens(document.text):
            features.append(sequence_features(document.text, line))
            tags = []
            previous = None
            for start, end in line:
                holder = next(((a, b, k) for a, b, k in gold if a < end and start < b), None)
                if holder is None:
                    tags.append(OUTSIDE)
                else:
                    tags.append(("I-" if holder == previous else "B-") + holder[2])
                previous = holder
            labels.append(tags)
    return features, labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=0, help="recorded; L-BFGS training has no randomness")
    parser.add_argument("--dev", action="store_true", help="print dev token recall/precision by threshold")
    args = parser.parse_args(argv)
    train = MEDDOCAN / "train.jsonl"
    if not train.exists():
        print(f"{train} is absent (../shared sits beside the project only in CI)", file=sys.stderr)
        return 2

    import pycrfsuite

    from safecohort.detect.spanish import FEATURE_VERSION

    features, labels = sequences(train)
    tokens = sum(len(line) for line in labels)
    print(f"train: {len(labels)} lines, {tokens} tokens", file=sys.stderr)
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(features, labels, strict=True):
        trainer.append(x, y)
    params = {
        "c1": C1,
        "c2": C2,
        "max_iterations": MAX_ITERATIONS,
        "feature.minfreq": MIN_FEATURE_FREQUENCY,
        "feature.possible_transitions": True,
    }
    trainer.set_params(params)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "model.crfsuite"
        trainer.train(str(model))
        args.out.write_bytes(model.read_bytes())
    print(f"trained in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    record = {
        "feature_version": FEATURE_VERSION,
        "model": f"CRFsuite linear-chain CRF, L-BFGS, {json.dumps(params, sort_keys=True)}",
        "corpora": ["../shared/data/meddocan/train.jsonl"],
        "lines": len(labels),
        "tokens": tokens,
        "seed": args.seed,
    }
    Path(str(args.out) + ".json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)", file=sys.stderr)
    if args.dev:
        _dev(args.out)
    return 0


def _dev(model: Path) -> None:
    """Token recall and precision on MEDDOCAN dev (the bench's scorer and ignore list), by threshold."""
    from safecohort.detect.spanish import SpanishTagger
    from safecohort.evaluation import read_corpus, score

    record = json.loads(Path(str(model) + ".json").read_text("utf-8"))
    tagger = SpanishTagger(model.read_bytes(), record)
    documents = read_corpus(MEDDOCAN / "dev.jsonl")
    for threshold in (0.2, 0.3, 0.4, 0.5):
        predictions = {d.id: [(t.start, t.end) for t in tagger.find(d.text, threshold)] for d in documents}
        scores = score(documents, predictions, frozenset({"SEXO_SUJETO_ASISTENCIA"}))
        print(f"dev threshold {threshold}: {scores.summary()}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
