"""What de-identification cost a model: one baseline classifier trained on raw and on safe data.

The same rows, the same train/test split (by index), the same model and the same preprocessing run on
the raw (validated) frame and on the safe frame; the report gives both scores and their difference. It
is a baseline, not a benchmark: a large negative ``delta`` says a transform removed signal the target
depends on (a dropped column, a coarse generalisation), which the researcher should know before training.

Choices, each so that both runs are comparable and the measure cannot flatter the safe data:

- features are the policy's columns present in the frame, except the target, ``patient_id``, note and
  free-text columns, and direct identifiers (names, record numbers, contact details: see
  :data:`DIRECT_IDENTIFIERS`). A model that scores well on a raw MRN has memorised rows, not learnt a
  signal, and that would make any de-identification look costly;
- labels come from the raw frame for both runs, so both models predict the true outcome on the same
  rows even if a transform touched the target column; rows with a null target are left out;
- numbers stay numbers (median-imputed, standardised), dates become days since 1970, anything else is
  one-hot encoded with its :data:`MAX_CATEGORIES` most frequent training values and one "infrequent"
  column for the rest (learnt on the training rows only);
- binary targets are scored with ROC AUC (the larger label is the positive class), others with
  accuracy; a safe frame with no feature left scores as chance (a prior-only model);
- at most :data:`MAX_ROWS` rows (a seeded sample) are used, so the measure stays seconds on millions of
  rows; everything is seeded with ``policy.utility.seed`` and deterministic.
"""

from __future__ import annotations

from typing import Any, Literal

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
#: One-hot columns kept per categorical feature (plus one for all other values).
MAX_CATEGORIES = 20
#: Rows sampled (seeded) for the baseline when the data is larger.
MAX_ROWS = 200_000
#: Fewest labelled rows for which a train/test split is meaningful.
MIN_ROWS = 10

_MISSING = "<missing>"


class UtilityReport(BaseModel):
    """Baseline model scores on raw and safe data; ``raw``/``safe`` are None when no model could be fit
    (``note`` says why)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str
    model: str
    metric: Literal["roc_auc", "accuracy"]
    raw: float | None
    safe: float | None
    delta: float | None
    n_train: int
    n_test: int
    features_raw: list[str]
    features_safe: list[str]
    note: str | None = None


def _feature_columns(frame: pd.DataFrame, policy: Policy, target: str) -> list[str]:
    """The columns of ``frame`` a baseline model may use under ``policy`` (see the module docstring)."""
    excluded = {target, policy.patient_id, *policy.notes.columns}
    features = []
    for column in frame.columns:
        spec = policy.columns.get(str(column))
        if spec is None or column in excluded:
            continue
        if spec.phi in DIRECT_IDENTIFIERS or spec.phi == "free_text" or spec.type == "text":
            continue
        features.append(str(column))
    return features


def _as_model_input(frame: pd.DataFrame, features: list[str]) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Features as floats (numbers, dates as days) or strings (everything else); names of each kind."""
    columns: dict[str, Any] = {}
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


def _pipeline(numeric: list[str], categorical: list[str], model: str, seed: int) -> Any:
    # lazy: scikit-learn takes 1-2 s to import; only a policy with a ``utility`` section trains a model.
    from sklearn.compose import ColumnTransformer
    from sklearn.dummy import DummyClassifier
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    if not numeric and not categorical:
        return DummyClassifier(strategy="prior")
    numbers = Pipeline(
        [("impute", SimpleImputer(strategy="median", keep_empty_features=True)), ("scale", StandardScaler())]
    )
    categories = OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=MAX_CATEGORIES + 1)
    columns = ColumnTransformer([("numeric", numbers, numeric), ("categorical", categories, categorical)])
    estimator = (
        LogisticRegression(max_iter=1000)
        if model == "logistic_regression"
        else RandomForestClassifier(random_state=seed)
    )
    return Pipeline([("features", columns), ("model", estimator)])


def _score(
    frame: pd.DataFrame,
    features: list[str],
    labels: np.ndarray,
    train: pd.Index,
    test: pd.Index,
    binary: bool,
    model: str,
    seed: int,
) -> float:
    from sklearn.metrics import accuracy_score, roc_auc_score  # lazy: scikit-learn, as in _pipeline

    inputs, numeric, categorical = _as_model_input(frame, features)
    fitted = _pipeline(numeric, categorical, model, seed)
    positions = pd.Series(np.arange(len(labels)), index=inputs.index)
    y_train = labels[positions.loc[train].to_numpy()]
    y_test = labels[positions.loc[test].to_numpy()]
    fitted.fit(inputs.loc[train], y_train)
    if binary:
        scores = fitted.predict_proba(inputs.loc[test])[:, list(fitted.classes_).index(1)]
        return float(roc_auc_score(y_test, scores))
    return float(accuracy_score(y_test, fitted.predict(inputs.loc[test])))


def baseline_utility(raw: pd.DataFrame, safe: pd.DataFrame, policy: Policy) -> UtilityReport | None:
    """Train the policy's baseline model on ``raw`` and on ``safe`` with one split; None without
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
    report: dict[str, Any] = {
        "target": spec.target,
        "model": spec.model,
        "metric": "roc_auc" if binary else "accuracy",
        "features_raw": features_raw,
        "features_safe": features_safe,
    }
    unusable = _why_unusable(len(rows), codes, spec.test_size)
    if unusable:
        return UtilityReport(raw=None, safe=None, delta=None, n_train=0, n_test=0, note=unusable, **report)
    train, test = train_test_split(rows, test_size=spec.test_size, random_state=spec.seed, stratify=codes)
    train, test = pd.Index(train), pd.Index(test)
    raw_score = _score(raw.loc[rows], features_raw, codes, train, test, binary, spec.model, spec.seed)
    safe_score = _score(safe.loc[rows], features_safe, codes, train, test, binary, spec.model, spec.seed)
    return UtilityReport(
        raw=raw_score,
        safe=safe_score,
        delta=safe_score - raw_score,
        n_train=len(train),
        n_test=len(test),
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


__all__ = ["DIRECT_IDENTIFIERS", "MAX_CATEGORIES", "MAX_ROWS", "UtilityReport", "baseline_utility"]
