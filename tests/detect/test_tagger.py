"""The learned token tagger: its shipped weights, that its fast scoring is sklearn's hashing exactly, the
spans it adds and how they are typed, and its place in the scanner (on by default, off by policy)."""

from __future__ import annotations

import numpy as np
import pytest

from safecohort.detect import tagger as tagger_module
from safecohort.detect.tagger import (
    ENTITY,
    FEATURE_VERSION,
    N_FEATURES,
    TokenTagger,
    get_tagger,
    token_features,
    tokens,
)
from safecohort.detect.text import DEFAULT_MODEL, get_scanner
from safecohort.errors import DetectionError
from safecohort.policy import NotesSpec

NOTES = [
    "Pt seen with daughter Oyelaran in clinic; she works at Brightwell Tool & Die.",
    "hi its kwabena, my pump beeps all nite, can u call me back",
    "Lives at 14 Quarry Hill Rd, Westbrook. PCP: T. Nakashima-Ruiz.",
    "The patient denies chest pain, shortness of breath or fever.",
]


@pytest.fixture(scope="module")
def tagger() -> TokenTagger:
    return get_tagger()


def test_shipped_weights_and_their_record(tagger: TokenTagger) -> None:
    assert tagger.weights.shape == (N_FEATURES,) and tagger.weights.dtype == np.float32
    assert np.count_nonzero(tagger.weights) > 10_000
    assert tagger.record["feature_version"] == FEATURE_VERSION
    corpora = tagger.record["corpora"]
    assert corpora and not any("test" in name for name in corpora)  # tuning splits only
    assert "TokenTagger(" in repr(tagger)


def test_fast_scoring_is_sklearn_hashing(tagger: TokenTagger) -> None:
    """The cached per-group sums equal sklearn's FeatureHasher over the feature strings, to the bit."""
    from sklearn.feature_extraction import FeatureHasher

    hasher = FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)
    for note in NOTES:
        expected = hasher.transform(token_features(note)) @ tagger.weights + tagger.bias
        got = tagger.probabilities(note)
        assert np.allclose(got, 1 / (1 + np.exp(-expected)), atol=1e-9)


def test_features_describe_the_token_and_its_neighbours() -> None:
    text = "Seen by Dr. Oyelaran today"
    spans = tokens(text)
    assert [text[a:b] for a, b in spans] == ["Seen", "by", "Dr", "Oyelaran", "today"]
    features = token_features(text, spans)[3]
    assert "w=oyelaran" in features and "w-1=dr" in features and "w+1=today" in features
    assert "g-1=. " in features and "w+2=<none>" in features and "sh=Xxx" in features


def test_names_score_high_and_clinical_prose_low(tagger: TokenTagger) -> None:
    note = NOTES[0]
    probability = dict(zip([note[a:b] for a, b in tokens(note)], tagger.probabilities(note), strict=True))
    assert probability["Oyelaran"] > 0.5
    assert max(tagger.probabilities(NOTES[3])) < 0.5


def test_spans_are_added_outside_the_rules_findings_and_typed(tagger: TokenTagger) -> None:
    note = NOTES[0]
    start = note.index("Oyelaran")
    # Alone, the name is typed by its words; inside a rule's finding, nothing is added.
    found = tagger.spans(note, 0.5, [])
    assert any(note[a:b] == "Oyelaran" for a, b, _, _ in found)
    assert not any(a <= start < b for a, b, _, _ in tagger.spans(note, 0.5, [(start, start + 8, "PERSON")]))
    for a, b, entity, probability in found:
        assert entity in {"PERSON", "LOCATION", "ID_NUMBER", "ORGANIZATION", ENTITY} or entity.isupper()
        assert 0.5 < probability <= 1.0 and note[a:b] == note[a:b].strip()


def test_a_run_next_to_a_rule_finding_takes_its_entity(tagger: TokenTagger) -> None:
    text = "Transferred from Quarrybank Renal Care of Zephyrine today."
    start = text.index("Quarrybank")
    # A rule found only "Quarrybank"; the tagger's run right after it is the same hospital.
    for a, _b, entity, _ in tagger.spans(text, 0.2, [(start, start + len("Quarrybank"), "HOSPITAL")]):
        if a == start + len("Quarrybank") + 1:
            assert entity == "HOSPITAL"
            break
    else:
        pytest.fail("the words after the hospital were not added")


def test_an_old_weights_file_is_refused() -> None:
    with pytest.raises(DetectionError, match="feature version"):
        TokenTagger(np.zeros(N_FEATURES, dtype=np.float32), 0.0, {"feature_version": FEATURE_VERSION - 1})
    with pytest.raises(DetectionError, match="shape"):
        TokenTagger(np.zeros(10, dtype=np.float32), 0.0, {"feature_version": FEATURE_VERSION})


def test_the_scanner_runs_the_tagger_unless_the_policy_says_no() -> None:
    on = get_scanner(DEFAULT_MODEL, NotesSpec())
    off = get_scanner(DEFAULT_MODEL, NotesSpec(tagger=False))
    assert ENTITY in on.entity_kinds and ENTITY not in off.entity_kinds
    with_tagger, without = on.scan(NOTES), off.scan(NOTES)

    def covered(findings: list) -> set[int]:
        return {i for f in findings for i in range(f.start, f.end)}

    for a, b in zip(with_tagger, without, strict=True):
        assert covered(b) <= covered(a)  # the tagger only adds
    assert sum(map(len, with_tagger)) >= sum(map(len, without))
    assert with_tagger[3] == []  # clinical prose stays untouched


def test_tagger_threshold_is_validated() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        NotesSpec(tagger_threshold=1.5)
    assert NotesSpec().tagger_threshold == 0.5


def test_allow_list_applies_to_the_tagger() -> None:
    notes = NotesSpec(allow_list=["Oyelaran"])
    found = get_scanner(DEFAULT_MODEL, notes).scan([NOTES[0]])[0]
    assert not any(NOTES[0][f.start : f.end] == "Oyelaran" for f in found)


def test_unreadable_weights_are_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tagger_module, "_TAGGER", None)
    monkeypatch.setattr(tagger_module, "MODEL_RESOURCE", "data/missing-tagger.npz")
    with pytest.raises(DetectionError, match="tagger: false"):
        get_tagger()
