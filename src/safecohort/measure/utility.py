"""What de-identification cost a model: baseline classifiers trained on raw and on safe data.

The same rows, the same seeded train/test split (by index), the same models (logistic regression and
histogram gradient boosting by default) and the same preprocessing run on the raw (validated) frame and
on the safe frame; the report gives both scores and their difference for ROC AUC, average precision and
the Brier score (accuracy for a target of more than two classes), each with a 95% bootstrap interval:
the test rows are resampled ``utility.bootstrap`` times (seeded), both models' predictions scored on the
same resample, and the 2.5th and 97.5th percentiles of the deltas taken. A "drop of 0.004" whose
interval holds 0 is noise. It is a baseline, not a benchmark: a large negative ``delta`` says a transform
removed signal the target depends on (a coarse generalisation), which the researcher should know.

Choices, each so that both runs are comparable and the measure cannot flatter the safe data:

- features are the policy's columns present in the frame, except the target, ``patient_id``, note and
  free-text columns, and direct identifiers (names, record numbers, contact details: see
  :data:`DIRECT_IDENTIFIERS`). A model that scores well on a raw MRN has memorised rows, not learnt a
  signal, and that would make any de-identification look costly. Columns the policy drops, encrypts,
  hashes, pseudonymises or suppresses (:data:`REMOVING_OPERATORS`) are left out of *both* sides, and
  listed in ``excluded``: the comparison measures what generalisation and suppression cost, on equal
  features;
- labels come from the raw frame for both runs, so both models predict the true outcome on the same
  rows even if a transform touched the target column; rows with a null target are left out;
- numbers stay numbers (median-imputed, standardised), dates become days since 1970, anything else is
  one-hot encoded with its :data:`MAX_CATEGORIES` most frequent training values and one "infrequent"
  column for the rest (learnt on the training rows only);
- ``utility.notes``: TF-IDF features of the notes columns (raw notes for the raw model, the scanned
  notes for the safe one), :data:`MAX_TERMS` terms per column learnt on the training rows;
- binary targets are scored with ROC AUC (the larger label is the positive class), others with
  accuracy; a safe frame with no feature left scores as chance (a prior-only model);
- at most :data:`MAX_ROWS` rows (a seeded sample) are used, so the measure stays seconds on millions of
  rows; everything is seeded with ``policy.utility.seed`` and deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from safecohort.errors import SchemaError
from safecohort.policy import Policy

#: PHI kinds that name or contact a person, or identify a record: never model features.
DIRECT_IDENTIFIERS = frozenset(
    {
        "name",
        "identifier",
        "mrn",
        "ssn",
        "address",
        "phone",
        "email",
        "url",
        "ip",
        "provider",
        "geocode",
        "organization",
        "other",
    }
)
#: Operators that remove a column's information: its column is left out of both models' features.
REMOVING_OPERATORS = frozenset({"drop", "encrypt", "hash", "pseudonym", "suppress", "redact"})
#: One-hot columns kept per categorical feature (plus one for all other values).
MAX_CATEGORIES = 20
#: TF-IDF terms kept per notes column (``utility.notes``): the most frequent in the training rows.
MAX_TERMS = 300
#: Rows sampled (seeded) for the baseline when the data is larger.
MAX_ROWS = 100_000
#: Fewest labelled rows for which a train/test split is meaningful.
MIN_ROWS = 10
#: Coverage of the bootstrap intervals.
CONFIDENCE = 0.95

_MISSING = "<missing>"


class MetricDelta(BaseModel):
    """One metric of one model on raw and safe data, ``delta = safe - raw`` and its bootstrap interval
    (``low``, ``high``; None without resamples). Higher is better except for ``brier``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: str
    raw: float
    safe: float
    delta: float
    low: float | None
    high: float | None


class ModelScores(BaseModel):
    """The scores of one model (``logistic_regression``, ``gradient_boosting``, ``random_forest``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str
    metrics: list[MetricDelta]

    def metric(self, name: str) -> MetricDelta | None:
        """The scores of metric ``name``, or None when it was not measured."""
        return next((m for m in self.metrics if m.metric == name), None)


class UtilityReport(BaseModel):
    """Baseline model scores on raw and safe data. ``model``, ``metric``, ``raw``, ``safe``, ``delta``
    repeat the first model's main metric (None when no model could be fit: ``note`` says why)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str
    model: str
    metric: str
    raw: float | None
    safe: float | None
    delta: float | None
    n_train: int
    n_test: int
    features_raw: list[str]
    features_safe: list[str]
    excluded: dict[str, str] = {}
    models: list[ModelScores] = []
    bootstrap: int = 0
    confidence: float = CONFIDENCE
    note: str | None = None


def auc_drop_verdict(report: UtilityReport, max_auc_drop: float) -> tuple[bool, str]:
    """Whether every model's ROC AUC drop stays within ``max_auc_drop``, and a one-line detail.

    A model fails when the interval shows the drop exceeding the limit: the lower bound of
    ``raw - safe`` (``-high`` of the delta's interval; the point delta without resamples) is above it.
    """
    parts = []
    passed = True
    for scores in report.models:
        auc = scores.metric("roc_auc")
        if auc is None:
            continue
        least_drop = -(auc.high if auc.high is not None else auc.delta)
        ok = least_drop <= max_auc_drop
        passed &= ok
        parts.append(f"{scores.model} drop {-auc.delta:+.3f} (at least {least_drop:+.3f})")
    if not parts:
        return True, "no ROC AUC measured (the target is not binary or no model could be fit)"
    return passed, f"{'; '.join(parts)}; allowed {max_auc_drop}"


def _feature_columns(frame: pd.DataFrame, policy: Policy, target: str) -> list[str]:
    """The columns of ``frame`` a baseline model may use under ``policy`` (see the module docstring)."""
    excluded = {target, policy.patient_id, *policy.notes.columns}
    features = []
    for column in frame.columns:
        spec = policy.columns.get(str(column))
        if spec is None or column in excluded or str(column) in _removed(policy):
            continue
        if str(column) in policy.hierarchies:
            features.append(str(column))
            continue
        if spec.phi in DIRECT_IDENTIFIERS or spec.phi == "free_text" or spec.type == "text":
            continue
        features.append(str(column))
    return features


def _removed(policy: Policy) -> dict[str, str]:
    """Columns whose action removes their information (not those the search generalises), and why."""
    removed = {}
    for column in policy.columns:
        operator = policy.action_for(column).operator
        if operator in REMOVING_OPERATORS and column not in policy.hierarchies:
            removed[column] = f"action {operator}: left out of both models"
    return removed


def _text_columns(frame: pd.DataFrame, policy: Policy) -> list[str]:
    """The notes columns of ``frame`` whose TF-IDF features the models read (``utility.notes``)."""
    if policy.utility is None or not policy.utility.notes:
        return []
    return [c for c in policy.notes.columns if c in frame.columns and policy.action_for(c).operator != "drop"]


def _as_model_input(
    frame: pd.DataFrame, features: list[str], texts: Sequence[str] = ()
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Features as floats (numbers, dates as days) or strings (everything else); names of each kind.
    ``texts`` (notes columns) are added as text, a missing note as empty."""
    columns: dict[str, Any] = {name: frame[name].astype("string").fillna("").astype(object) for name in texts}
    numeric: list[str] = []
    categorical: list[str] = []
    for name in features:
        values = frame[name]
        if pd.api.types.is_datetime64_any_dtype(values):
            epoch = pd.Timestamp("1970-01-01", tz=getattr(values.dt, "tz", None))
            columns[name] = ((values - epoch) / pd.Timedelta(days=1)).astype(float)
            numeric.append(name)
        elif pd.api.types.is_numeric_dtype(values):
            columns[name] = values.astype("Float64").astype(float)
            numeric.append(name)
        else:
            text = values.astype("string").fillna(_MISSING)
            columns[name] = text.astype(object)
            categorical.append(name)
    return pd.DataFrame(columns, index=frame.index), numeric, categorical


def _pipeline(
    numeric: list[str], categorical: list[str], model: str, seed: int, texts: Sequence[str] = ()
) -> Any:
    # lazy: scikit-learn takes 1-2 s to import; only a policy with a ``utility`` section trains a model.
    from sklearn.compose import ColumnTransformer
    from sklearn.dummy import DummyClassifier
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    if not numeric and not categorical and not texts:
        return DummyClassifier(strategy="prior")
    numbers = Pipeline(
        [("impute", SimpleImputer(strategy="median", keep_empty_features=True)), ("scale", StandardScaler())]
    )
    categories = OneHotEncoder(
        handle_unknown="infrequent_if_exist",
        max_categories=MAX_CATEGORIES + 1,
        sparse_output=model != "gradient_boosting",  # histogram boosting reads dense input only
    )
    # A text column is passed by name (not in a list): TfidfVectorizer reads one sequence of strings.
    words = [
        (f"text:{name}", TfidfVectorizer(max_features=MAX_TERMS, sublinear_tf=True), name) for name in texts
    ]
    columns = ColumnTransformer(
        [("numeric", numbers, numeric), ("categorical", categories, categorical), *words],
        sparse_threshold=0.0 if model == "gradient_boosting" else 0.3,
    )
    estimator: Any
    if model == "logistic_regression":
        estimator = LogisticRegression(max_iter=1000)
    elif model == "gradient_boosting":
        estimator = HistGradientBoostingClassifier(random_state=seed, max_iter=100, early_stopping=False)
    else:
        estimator = RandomForestClassifier(random_state=seed)
    return Pipeline([("features", columns), ("model", estimator)])


def _predict(
    frame: pd.DataFrame,
    features: list[str],
    y_train: np.ndarray,
    train: pd.Index,
    test: pd.Index,
    binary: bool,
    model: str,
    seed: int,
    texts: Sequence[str] = (),
) -> np.ndarray:
    """Test-row scores of the positive class (binary) or predicted class codes."""
    from threadpoolctl import threadpool_limits  # lazy: scikit-learn's own dependency, as in _pipeline

    inputs, numeric, categorical = _as_model_input(frame, features, texts)
    fitted = _pipeline(numeric, categorical, model, seed, texts)
    # One OpenMP thread: the boosted trees' thread team spins while waiting, and on a loaded machine (a
    # build runs beside note-scanning workers) that made a 2,400-row fit 10x slower than one thread.
    with threadpool_limits(limits=1, user_api="openmp"):
        fitted.fit(inputs.loc[train], y_train)
        if binary:
            return np.asarray(fitted.predict_proba(inputs.loc[test])[:, list(fitted.classes_).index(1)])
        return np.asarray(fitted.predict(inputs.loc[test]))


def weighted_metrics(
    scores: np.ndarray, labels: np.ndarray, weights: np.ndarray, binary: bool
) -> dict[str, np.ndarray]:
    """Metrics of ``scores`` against ``labels`` under each row of ``weights`` (resample counts, B x n).

    Binary: ROC AUC (ties count one half), average precision (sklearn's step-wise definition) and the
    Brier score, from one sort of the scores and cumulative sums per resample: the bootstrap runs as
    matrix operations rather than B calls to scikit-learn (tested equal to it). Otherwise accuracy.
    """
    weights = np.atleast_2d(weights).astype(float)
    if not binary:
        correct = (scores == labels).astype(float)
        return {"accuracy": weights @ correct / weights.sum(axis=1)}
    order = np.argsort(-scores, kind="stable")
    sorted_scores = scores[order]
    # Groups of tied scores, highest first.
    starts = np.flatnonzero(np.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    positive = (labels[order] == 1).astype(float)
    w = weights[:, order]
    pos = np.add.reduceat(w * positive, starts, axis=1)
    neg = np.add.reduceat(w * (1 - positive), starts, axis=1)
    total_pos, total_neg = pos.sum(axis=1), neg.sum(axis=1)
    # AUC: each positive beats the negatives scored lower (after its group) and half of its own group's.
    neg_below = total_neg[:, None] - np.cumsum(neg, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        auc = (pos * (neg_below + 0.5 * neg)).sum(axis=1) / (total_pos * total_neg)
        true_pos, false_pos = np.cumsum(pos, axis=1), np.cumsum(neg, axis=1)
        precision = np.where(true_pos + false_pos > 0, true_pos / (true_pos + false_pos), 0.0)
        average_precision = (pos * precision).sum(axis=1) / total_pos
    brier = (w * (scores[order] - positive) ** 2).sum(axis=1) / w.sum(axis=1)
    return {"roc_auc": auc, "average_precision": average_precision, "brier": brier}


def _compare(
    raw_scores: np.ndarray,
    safe_scores: np.ndarray,
    labels: np.ndarray,
    binary: bool,
    resamples: int,
    seed: int,
) -> list[MetricDelta]:
    """Each metric on raw and safe predictions, and the bootstrap interval of the delta."""
    ones = np.ones((1, len(labels)))
    raw = weighted_metrics(raw_scores, labels, ones, binary)
    safe = weighted_metrics(safe_scores, labels, ones, binary)
    intervals: dict[str, tuple[float | None, float | None]] = {name: (None, None) for name in raw}
    if resamples:
        rng = np.random.default_rng(seed)
        deltas: dict[str, list[np.ndarray]] = {name: [] for name in raw}
        for start in range(0, resamples, 50):  # 50 resamples at a time bound the memory
            count = min(50, resamples - start)
            weights = rng.multinomial(len(labels), np.full(len(labels), 1 / len(labels)), size=count)
            raw_b = weighted_metrics(raw_scores, labels, weights, binary)
            safe_b = weighted_metrics(safe_scores, labels, weights, binary)
            for name in raw:
                deltas[name].append(safe_b[name] - raw_b[name])
        tail = (1 - CONFIDENCE) / 2 * 100
        for name, parts in deltas.items():
            values = np.concatenate(parts)
            values = values[np.isfinite(values)]  # a resample with one class has no AUC
            if len(values):
                low, high = np.percentile(values, [tail, 100 - tail])
                intervals[name] = (float(low), float(high))
    return [
        MetricDelta(
            metric=name,
            raw=float(raw[name][0]),
            safe=float(safe[name][0]),
            delta=float(safe[name][0] - raw[name][0]),
            low=intervals[name][0],
            high=intervals[name][1],
        )
        for name in raw
    ]


def baseline_utility(raw: pd.DataFrame, safe: pd.DataFrame, policy: Policy) -> UtilityReport | None:
    """Train the policy's baseline models on ``raw`` and on ``safe`` with one split; None without
    ``policy.utility``.

    Rows are matched by index (``safe`` may hold fewer rows, e.g. after k-anonymity suppression): only
    rows present in both frames with a non-null raw target are used. When no model can be fit (too few
    rows, a single class) the scores are None and ``note`` says why. Raises :class:`SchemaError` when
    the target column is absent.
    """
    from sklearn.model_selection import train_test_split  # lazy: scikit-learn, as in _pipeline

    spec = policy.utility
    if spec is None:
        return None
    if spec.target not in raw.columns:
        raise SchemaError(f"utility.target '{spec.target}' is not a column of the data; check 'utility'")
    if not (raw.index.is_unique and safe.index.is_unique):
        raise ValueError("baseline_utility matches rows by index: raw and safe need unique indexes")
    features_raw = _feature_columns(raw, policy, spec.target)
    features_safe = _feature_columns(safe, policy, spec.target)
    target = raw[spec.target]
    rows = raw.index[target.notna().to_numpy() & raw.index.isin(safe.index)]
    if len(rows) > MAX_ROWS:
        rows = pd.Index(np.random.default_rng(spec.seed).choice(rows, MAX_ROWS, replace=False)).sort_values()
    codes, classes = pd.factorize(target.loc[rows], sort=True)
    binary = len(classes) == 2
    models = spec.model_names
    report: dict[str, Any] = {
        "target": spec.target,
        "model": models[0],
        "metric": "roc_auc" if binary else "accuracy",
        "features_raw": features_raw + [f"tfidf:{c}" for c in _text_columns(raw, policy)],
        "features_safe": features_safe + [f"tfidf:{c}" for c in _text_columns(safe, policy)],
        "excluded": {c: why for c, why in _removed(policy).items() if c in raw.columns},
        "bootstrap": spec.bootstrap,
    }
    unusable = _why_unusable(len(rows), codes, spec.test_size)
    if unusable:
        return UtilityReport(raw=None, safe=None, delta=None, n_train=0, n_test=0, note=unusable, **report)
    train, test = train_test_split(rows, test_size=spec.test_size, random_state=spec.seed, stratify=codes)
    train, test = pd.Index(train), pd.Index(test)
    positions = pd.Series(np.arange(len(rows)), index=rows)
    y_train = codes[positions.loc[train].to_numpy()]
    y_test = codes[positions.loc[test].to_numpy()]
    scores = []
    for model in models:

        def predict(frame: pd.DataFrame, features: list[str], model: str = model) -> np.ndarray:
            texts = _text_columns(frame, policy)
            return _predict(frame.loc[rows], features, y_train, train, test, binary, model, spec.seed, texts)

        raw_scores = predict(raw, features_raw)
        safe_scores = predict(safe, features_safe)
        scores.append(
            ModelScores(
                model=model,
                metrics=_compare(raw_scores, safe_scores, y_test, binary, spec.bootstrap, spec.seed),
            )
        )
    main = scores[0].metrics[0]
    return UtilityReport(
        raw=main.raw,
        safe=main.safe,
        delta=main.delta,
        n_train=len(train),
        n_test=len(test),
        models=scores,
        **report,
    )


def _why_unusable(rows: int, codes: np.ndarray, test_size: float) -> str | None:
    """Why no baseline can be fit on these labels, or None when one can."""
    if rows < MIN_ROWS:
        return f"{rows} labelled rows in both frames; at least {MIN_ROWS} are needed for a baseline"
    counts = np.bincount(codes)
    if len(counts) < 2:
        return "the target has a single value; there is nothing to predict"
    if counts.min() < 2:
        return "a target class has a single row; a stratified split needs at least 2 per class"
    n_test = int(np.ceil(test_size * rows))
    if n_test < len(counts) or rows - n_test < len(counts):
        return f"{rows} labelled rows are too few to hold every target class in both train and test"
    return None


__all__ = [
    "DIRECT_IDENTIFIERS",
    "MAX_CATEGORIES",
    "MAX_ROWS",
    "REMOVING_OPERATORS",
    "MetricDelta",
    "ModelScores",
    "UtilityReport",
    "auc_drop_verdict",
    "baseline_utility",
    "weighted_metrics",
]
