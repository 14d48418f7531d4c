"""Baseline utility: raw vs safe with one split, real scikit-learn models on synthetic data."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest

from safecohort.errors import SchemaError
from safecohort.measure.utility import (
    MAX_CATEGORIES,
    _as_model_input,
    _pipeline,
    auc_drop_verdict,
    baseline_utility,
    weighted_metrics,
)
from safecohort.policy import Policy, parse_policy

COLUMNS = """
pid: {type: string, phi: identifier, action: {operator: hash, length: 12}}
patient_name: {type: string, phi: name, action: drop}
signal: {type: float}
noise: {type: float}
ward: {type: category}
admitted: {type: date, phi: date, action: date_shift}
note: {type: text, phi: free_text, action: scan}
outcome: {type: int}
"""


def _policy(utility: str | None = "{target: outcome}") -> Policy:
    text = "version: 1\ninstitution: Test\npatient_id: pid\ncolumns:\n" + textwrap.indent(
        COLUMNS.strip(), "  "
    )
    text += "\nnotes: {columns: [note]}\n"
    if utility is not None:
        text += f"utility: {utility}\n"
    return parse_policy(text)


def _raw(rows: int = 600, seed: int = 1) -> pd.DataFrame:
    """``outcome`` depends on ``signal`` alone; the other features are noise."""
    rng = np.random.default_rng(seed)
    signal = rng.normal(size=rows)
    return pd.DataFrame(
        {
            "pid": [f"P{i:05d}" for i in range(rows)],
            "patient_name": [f"Name {i}" for i in range(rows)],
            "signal": signal,
            "noise": rng.normal(size=rows),
            "ward": pd.Categorical(rng.choice(["A", "B", "C"], rows)),
            "admitted": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 900, rows), unit="D"),
            "note": ["seen today"] * rows,
            "outcome": (signal + rng.normal(scale=0.5, size=rows) > 0).astype(int),
        },
        index=pd.RangeIndex(100, 100 + rows),
    )


def test_signal_gives_high_raw_auc_and_its_removal_lowers_safe_auc() -> None:
    raw = _raw()
    safe = raw.drop(columns=["signal", "patient_name"])
    report = baseline_utility(raw, safe, _policy())
    assert report is not None
    assert report.metric == "roc_auc" and report.model == "logistic_regression"
    assert report.raw is not None and report.raw > 0.8
    assert report.safe is not None and report.safe < 0.65
    assert report.delta == pytest.approx(report.safe - report.raw)
    assert report.features_raw == ["signal", "noise", "ward", "admitted"]
    assert report.features_safe == ["noise", "ward", "admitted"]
    assert (report.n_train, report.n_test) == (420, 180)


def test_suppressed_values_lower_utility_too() -> None:
    raw = _raw()
    safe = raw.assign(signal=np.nan)
    report = baseline_utility(raw, safe, _policy())
    assert report is not None and report.safe is not None and report.raw is not None
    assert report.features_safe == report.features_raw
    assert report.safe < report.raw - 0.2


def test_identical_data_scores_identically_and_runs_are_deterministic() -> None:
    raw = _raw()
    first = baseline_utility(raw, raw.copy(), _policy())
    assert first is not None and first.delta == 0
    assert baseline_utility(raw, raw.copy(), _policy()) == first


def test_random_forest_and_seed_are_used() -> None:
    raw = _raw(300)
    safe = raw.drop(columns=["signal"])
    report = baseline_utility(raw, safe, _policy("{target: outcome, model: random_forest, seed: 7}"))
    assert report is not None and report.model == "random_forest"
    assert report.raw is not None and report.safe is not None and report.raw > report.safe
    again = baseline_utility(raw, safe, _policy("{target: outcome, model: random_forest, seed: 7}"))
    assert again == report


def test_no_utility_section_gives_none_and_a_missing_target_is_a_schema_error() -> None:
    assert baseline_utility(_raw(50), _raw(50), _policy(None)) is None
    with pytest.raises(SchemaError, match=r"utility\.target 'outcome'"):
        baseline_utility(_raw(50).drop(columns=["outcome"]), _raw(50), _policy())


def test_rows_with_null_target_or_missing_from_safe_are_left_out() -> None:
    raw = _raw(400)
    raw["outcome"] = raw["outcome"].astype("Int64")
    raw.loc[raw.index[:50], "outcome"] = pd.NA
    safe = raw.drop(index=raw.index[-30:])  # e.g. suppressed for k-anonymity
    report = baseline_utility(raw, safe, _policy())
    assert report is not None
    assert report.n_train + report.n_test == 400 - 50 - 30


def test_multiclass_target_is_scored_with_accuracy() -> None:
    raw = _raw()
    raw["outcome"] = np.digitize(raw["signal"], [-0.5, 0.5])
    report = baseline_utility(raw, raw, _policy())
    assert report is not None and report.metric == "accuracy"
    assert report.raw is not None and report.raw > 0.7


def test_no_feature_left_scores_as_chance() -> None:
    raw = _raw()
    safe = raw[["pid", "note", "outcome"]]
    report = baseline_utility(raw, safe, _policy())
    assert report is not None and report.features_safe == [] and report.safe == 0.5


def test_too_few_rows_or_one_class_is_reported_not_raised() -> None:
    tiny = baseline_utility(_raw(6), _raw(6), _policy())
    assert tiny is not None and tiny.raw is None and tiny.note is not None and "at least" in tiny.note
    constant = _raw(100).assign(outcome=1)
    single = baseline_utility(constant, constant, _policy())
    assert single is not None and single.safe is None and single.note is not None
    assert "single value" in single.note


def test_categories_are_capped_and_dates_become_days() -> None:
    frame = pd.DataFrame(
        {
            "code": [f"C{i}" for i in range(100)],
            "when": pd.to_datetime(["1970-01-11"] * 99 + [None]),
            "flag": pd.array([True] * 99 + [None], dtype="boolean"),
        }
    )
    inputs, numeric, categorical = _as_model_input(frame, ["code", "when", "flag"])
    assert numeric == ["when", "flag"] and categorical == ["code"]
    assert inputs["when"].iloc[0] == 10.0 and np.isnan(inputs["when"].iloc[-1])
    # 100 distinct codes: the 20 most frequent get a column each, the rest share one "infrequent" column.
    features = _pipeline([], ["code"], "logistic_regression", 0).named_steps["features"]
    assert features.fit_transform(inputs).shape[1] == MAX_CATEGORIES + 1


def test_bootstrap_metrics_equal_scikit_learn_with_the_same_weights() -> None:
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    rng = np.random.default_rng(4)
    labels = rng.integers(0, 2, 300)
    scores = np.round(rng.random(300) * 0.5 + labels * 0.3, 2)  # rounded: many tied scores
    weights = rng.multinomial(300, np.full(300, 1 / 300), size=5)
    ours = weighted_metrics(scores, labels, weights, binary=True)
    for row, w in enumerate(weights):
        assert ours["roc_auc"][row] == pytest.approx(roc_auc_score(labels, scores, sample_weight=w))
        assert ours["average_precision"][row] == pytest.approx(
            average_precision_score(labels, scores, sample_weight=w)
        )
        assert ours["brier"][row] == pytest.approx(brier_score_loss(labels, scores, sample_weight=w))


def test_both_models_report_three_metrics_with_intervals_that_see_a_real_drop() -> None:
    raw = _raw()
    report = baseline_utility(raw, raw.drop(columns=["signal"]), _policy())
    assert report is not None and [m.model for m in report.models] == [
        "logistic_regression",
        "gradient_boosting",
    ]
    for scores in report.models:
        assert [m.metric for m in scores.metrics] == ["roc_auc", "average_precision", "brier"]
        auc = scores.metric("roc_auc")
        assert auc is not None and auc.low is not None and auc.high is not None
        assert auc.low <= auc.delta <= auc.high
        assert auc.high < 0  # losing the only signal is a drop the interval cannot explain as noise
    passed, detail = auc_drop_verdict(report, 0.05)
    assert not passed and "logistic_regression" in detail
    assert auc_drop_verdict(report, 0.99)[0]


def test_noise_gives_an_interval_around_zero_and_passes_the_drop_limit() -> None:
    raw = _raw()
    same = baseline_utility(raw, raw.copy(), _policy("{target: outcome, models: [logistic_regression]}"))
    assert same is not None
    auc = same.models[0].metric("roc_auc")
    assert auc is not None and (auc.delta, auc.low, auc.high) == (0.0, 0.0, 0.0)
    shuffled = raw.assign(noise=np.random.default_rng(0).permutation(raw["noise"].to_numpy()))
    noisy = baseline_utility(raw, shuffled, _policy("{target: outcome, models: [logistic_regression]}"))
    assert noisy is not None
    auc = noisy.models[0].metric("roc_auc")
    assert auc is not None and auc.low is not None and auc.high is not None and auc.low < 0 < auc.high
    assert auc_drop_verdict(noisy, 0.01)[0]  # a small point drop whose interval holds 0 is not a failure


def test_columns_the_policy_removes_are_left_out_of_both_sides() -> None:
    raw = _raw(100)
    report = baseline_utility(raw, raw, _policy("{target: outcome, bootstrap: 0}"))
    assert report is not None
    assert set(report.excluded) == {"pid", "patient_name"}  # hash and drop
    assert "pid" not in report.features_raw and "pid" not in report.features_safe
    assert report.models[0].metrics[0].low is None  # no resamples, no interval


def test_tfidf_of_the_notes_carries_their_signal_and_the_scanned_notes_lose_it() -> None:
    raw = _raw().drop(columns=["signal"])
    words = np.where(raw["outcome"] == 1, "frail and confused on arrival", "walked in, well")
    raw["note"] = [f"{w} seen by Dr. Name{i}" for i, w in enumerate(words)]
    safe = raw.assign(note="[PERSON] seen")  # the scanned notes kept none of the words that predict
    text = "{target: outcome, models: [logistic_regression], notes: true, bootstrap: 50}"
    report = baseline_utility(raw, safe, _policy(text))
    assert report is not None and "tfidf:note" in report.features_raw
    assert report.raw is not None and report.raw > 0.9
    assert report.safe is not None and report.safe < 0.7
    without = baseline_utility(raw, safe, _policy("{target: outcome, models: [logistic_regression]}"))
    assert without is not None and without.raw is not None and without.raw < 0.7
    assert "tfidf:note" not in without.features_raw
