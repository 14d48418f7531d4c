"""Train safecohort's token tagger (``src/safecohort/detect/tagger.py``) on the tuning splits.

Each token of each note is an example: PHI when a gold span holds it (labels a split ignores, such as
YEAR and STATE in the clinical corpus or TITLE and NRP in presidio-synth, do not count). The model is
scikit-learn's logistic regression (lbfgs, deterministic) over the hashed features of
:func:`safecohort.detect.tagger.token_features`. The weights go to ``src/safecohort/detect/data/tagger.npz``
with a record of what they were trained on.

Only tuning splits are read: the clinical corpus's dev splits, the general corpus's dev splits and
presidio-synth dev (from ``../shared``, which the project does not ship; the script says so and stops when it
is absent, unless ``--without-shared``). Never a test split. Usage::

    .venv/bin/python scripts/train_tagger.py [--out src/safecohort/detect/data/tagger.npz]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLINICAL = [ROOT / "bench" / "data" / "clinical" / f"dev{n}.jsonl" for n in ("", "2", "3", "4", "5")]
GENERAL = [ROOT / "bench" / "data" / "general" / f"dev{n}.jsonl" for n in ("", "2")]
PRESIDIO_DEV = SHARED / "data" / "presidio-synth" / "dev.jsonl"
CLINICAL_IGNORED = frozenset({"YEAR", "STATE"})
GENERAL_IGNORED = frozenset({"TITLE", "NRP"})
#: Inverse regularisation strength, chosen by leaving one tuning corpus out at a time (docs/benchmarks.md).
C = 0.3


def examples(path: Path, ignored: frozenset[str]) -> tuple[list[list[str]], list[int]]:
    """Feature lists and 0/1 labels of every token of a corpus."""
    from safecohort.detect.tagger import token_features, tokens
    from safecohort.evaluation import read_corpus

    features: list[list[str]] = []
    labels: list[int] = []
    for document in read_corpus(path):
        spans = tokens(document.text)
        gold = sorted((s.start, s.end) for s in document.spans if s.label not in ignored)
        features += token_features(document.text, spans)
        labels += [int(any(a <= start and end <= b for a, b in gold)) for start, end in spans]
    return features, labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "src" / "safecohort" / "detect" / "data" / "tagger.npz"
    )
    parser.add_argument("--without-shared", action="store_true", help="train without presidio-synth dev")
    parser.add_argument(
        "--extra", type=Path, nargs="*", default=[], help="more tuning splits (clinical labels)"
    )
    args = parser.parse_args(argv)

    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression

    from safecohort.detect.tagger import FEATURE_VERSION, N_FEATURES

    corpora = [(path, CLINICAL_IGNORED) for path in [*CLINICAL, *args.extra]]
    corpora += [(path, GENERAL_IGNORED) for path in GENERAL]
    if PRESIDIO_DEV.exists():
        corpora.append((PRESIDIO_DEV, GENERAL_IGNORED))
    elif not args.without_shared:
        print(
            f"{PRESIDIO_DEV} is absent (../shared sits beside the project only in CI); "
            "pass --without-shared to train without it",
            file=sys.stderr,
        )
        return 2
    features: list[list[str]] = []
    labels: list[int] = []
    names = []
    for path, ignored in corpora:
        more, more_labels = examples(path, ignored)
        features += more
        labels += more_labels
        inside = path.is_relative_to(ROOT)
        name = str(path.relative_to(ROOT) if inside else "../shared" / path.relative_to(SHARED))
        names.append(name)
        print(f"{name}: {len(more)} tokens, {sum(more_labels)} PHI", file=sys.stderr)
    started = time.perf_counter()
    hasher = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)
    model = LogisticRegression(C=C, max_iter=1000)
    model.fit(hasher.transform(features), labels)
    print(f"trained on {len(labels)} tokens in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    record = {
        "feature_version": FEATURE_VERSION,
        "model": f"sklearn LogisticRegression(C={C}, lbfgs) over FeatureHasher(2**18)",
        "corpora": names,
        "tokens": len(labels),
        "phi_tokens": int(sum(labels)),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.out.with_suffix(".tmp.npz")
    np.savez_compressed(
        temporary,
        weights=model.coef_[0].astype(np.float32),
        bias=np.float32(model.intercept_[0]),
        record=np.array(json.dumps(record, sort_keys=True)),
    )
    temporary.replace(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
