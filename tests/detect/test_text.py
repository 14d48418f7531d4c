"""NoteScanner and friends with real presidio and the real spaCy model: contracts, policy lists, errors."""

from __future__ import annotations

import copy
import itertools
import logging
import math

import pytest

from safecohort.detect.text import DEFAULT_MODEL, Finding, NoteScanner, get_scanner, scan_text
from safecohort.errors import DetectionError
from safecohort.policy import NotesSpec

NOTE = "Pt is a 94 yo male seen by Dr. Hope on 3/14. MRN: 40012345. Daughter Mary called 617-555-0100."


@pytest.fixture(scope="module")
def custom() -> NoteScanner:
    notes = NotesSpec(
        score_threshold=0.9,
        allow_list=["Hope", "Casper"],
        deny_list=["Elsewhereville", "Casper"],
        tagger=False,  # thresholds and lists of the rules; tests/detect/test_tagger.py covers the tagger's
    )
    return get_scanner(DEFAULT_MODEL, notes)


def test_finding_is_frozen_with_slots() -> None:
    finding = Finding(1, 3, "PERSON", 0.85)
    with pytest.raises(AttributeError):
        finding.start = 2  # type: ignore[misc]
    assert not hasattr(finding, "__dict__")


def test_scan_shapes_and_empty_notes(scanner: NoteScanner) -> None:
    result = scanner.scan([None, "", NOTE, math.nan, "   ", float("nan")])
    assert len(result) == 6
    assert result[0] == result[1] == result[3] == result[4] == result[5] == []
    assert result[2]
    assert scanner.scan([]) == []


def test_findings_are_sorted_and_disjoint(scanner: NoteScanner) -> None:
    notes = [NOTE, "Mr. Brown lives at 12 Elm Street, Boston, MA 02115; email jo@example.com"]
    for text, findings in zip(notes, scanner.scan(notes), strict=True):
        assert findings == sorted(findings, key=lambda f: (f.start, f.end))
        for before, after in itertools.pairwise(findings):
            assert before.end <= after.start
        for f in findings:
            assert 0 <= f.start < f.end <= len(text)
            assert text[f.start : f.end] == text[f.start : f.end].strip()


def test_batch_equals_one_by_one(scanner: NoteScanner) -> None:
    notes = [NOTE, None, "Seen at Brookline General Hospital on March 14th.", "nothing here"]
    assert scanner.scan(notes) == [scanner.scan([note])[0] for note in notes]


def test_score_threshold(scanner: NoteScanner, custom: NoteScanner) -> None:
    text = "zip 02139"  # a weak pattern raised to 0.4 by its context word
    assert [f.entity_type for f in scanner.scan([text])[0]] == ["ZIP_CODE"]
    assert custom.scan([text]) == [[]]
    assert all(f.score >= 0.9 for f in custom.scan([NOTE])[0])


def test_allow_list_is_never_reported(custom: NoteScanner) -> None:
    text = "Discussed with Dr. Hope and Dr. Smith"
    spans = [text[f.start : f.end] for f in custom.scan([text])[0]]
    assert "Hope" not in spans
    assert "Smith" in spans


def test_deny_list_is_always_reported(custom: NoteScanner) -> None:
    text = "moved to Elsewhereville; brother Casper visits"
    found = {text[f.start : f.end]: f.entity_type for f in custom.scan([text])[0]}
    assert found["Elsewhereville"] == "DENY_LIST"
    assert found["Casper"] == "DENY_LIST"  # on both lists: the deny list wins


def test_overlaps_keep_the_longer_span(scanner: NoteScanner) -> None:
    text = "Seen at St. Elsewhere Medical Center"
    findings = scanner.scan([text])[0]
    assert [(text[f.start : f.end], f.entity_type) for f in findings] == [
        ("St. Elsewhere Medical Center", "HOSPITAL")
    ]


def test_a_possessive_ending_is_not_part_of_a_name(found) -> None:
    assert ("Olga Krylova", "PERSON") in found("Olga Krylova's killers were sentenced.")
    assert ("Anna Bergstrom", "PERSON") in found("We met Dr. Anna Bergstrom's family.")
    assert found("Parkinson's disease, Graves' disease") == []


def test_get_scanner_caches_per_configuration(scanner: NoteScanner, custom: NoteScanner) -> None:
    assert get_scanner(DEFAULT_MODEL, NotesSpec()) is scanner
    assert (
        get_scanner(
            DEFAULT_MODEL,
            NotesSpec(
                allow_list=["Hope", "Casper"],
                deny_list=["Elsewhereville", "Casper"],
                score_threshold=0.9,
                tagger=False,
            ),
        )
        is custom
    )
    assert custom is not scanner


def test_scan_text_default_policy(scanner: NoteScanner) -> None:
    assert scan_text([NOTE, None]) == scanner.scan([NOTE, None])


def test_missing_model_raises_detection_error() -> None:
    with pytest.raises(DetectionError) as error:
        NoteScanner("en_core_web_not_installed", NotesSpec())
    assert "en-core-web-not-installed" in str(error.value)


def test_bad_note_raises_detection_error_without_text(scanner: NoteScanner) -> None:
    with pytest.raises(DetectionError) as error:
        scanner.scan([NOTE, 12345])  # type: ignore[list-item]
    assert "note 1" in str(error.value)
    assert "Hope" not in str(error.value)


def test_a_single_string_is_refused(scanner: NoteScanner) -> None:
    with pytest.raises(TypeError):
        scanner.scan(NOTE)


def test_no_network_and_no_noise_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    """E-mail and URL validation read tldextract's bundled suffix list: nothing is fetched or logged."""
    caplog.set_level(logging.DEBUG)
    for name in ("presidio-analyzer", "tldextract", "urllib3", "requests", "filelock"):
        caplog.set_level(logging.DEBUG, logger=name)
    fresh = NoteScanner(DEFAULT_MODEL, NotesSpec(deny_list=["Fresh Scanner"]))  # a new e-mail recognizer
    findings = fresh.scan(["mail jo@example.com or jane.doe@hospital.org, see https://www.example.org/a"])[0]
    assert {f.entity_type for f in findings} >= {"EMAIL_ADDRESS", "URL"}
    words = ("connection", "network", "urlopen", "max retries", "resolve", "not mapped")
    noisy = [r.getMessage() for r in caplog.records if any(w in r.getMessage().lower() for w in words)]
    assert noisy == []


NOTES = [
    NOTE,
    "PT RESTING. DTR MARY AT BEDSIDE. SEEN BY DR MAY.",
    "Lasix 40 mg given. Seen by Jane Ostrowski, RN, on 7/22.",
    "No identifiers here: BP 120/80, HR 72.",
]


def test_worker_processes_give_the_same_findings(scanner: NoteScanner) -> None:
    """A batch large enough for two worker processes gives exactly the one-process findings, in order."""
    texts = NOTES * 12
    parallel = get_scanner(DEFAULT_MODEL, NotesSpec(batch_size=2, workers=2))
    assert parallel._workers(len(texts)) == 2
    assert parallel.scan(texts) == scanner.scan(texts)


@pytest.mark.parametrize("mode", ["all", "off"])
def test_ner_modes(scanner: NoteScanner, mode: str) -> None:
    """``ner: all`` finds at least what gated NER finds; ``ner: off`` still finds every pattern."""
    other = get_scanner(DEFAULT_MODEL, NotesSpec(ner=mode)).scan(NOTES)
    gated = scanner.scan(NOTES)
    for mine, theirs in zip(gated, other, strict=True):
        patterns = {(f.start, f.end) for f in mine if f.entity_type not in ("PERSON", "LOCATION")}
        if mode == "all":
            assert {(f.start, f.end) for f in mine} <= {(f.start, f.end) for f in theirs} | patterns
        else:
            assert patterns <= {(f.start, f.end) for f in theirs}


def test_phi_entities_and_thresholds() -> None:
    only_phones = get_scanner(DEFAULT_MODEL, NotesSpec(phi_entities=["PHONE_NUMBER"]))
    assert {f.entity_type for f in only_phones.scan([NOTE])[0]} == {"PHONE_NUMBER"}
    strict_dates = get_scanner(DEFAULT_MODEL, NotesSpec(entity_thresholds={"DATE_TIME": 0.99}))
    kinds = {f.entity_type for f in strict_dates.scan([NOTE])[0]}
    assert "DATE_TIME" not in kinds and "PHONE_NUMBER" in kinds


def test_unknown_entity_kind_is_an_error() -> None:
    with pytest.raises(DetectionError, match=r"unknown entity kind.*PERSONS"):
        NoteScanner(DEFAULT_MODEL, NotesSpec(phi_entities=["PERSONS"]))


def test_analyzer_shortcuts_change_nothing(scanner: NoteScanner) -> None:
    """The scanner's analyzer skips presidio's per-recognizer context pass and pattern bookkeeping and
    caches the supported entities; presidio's own engine over the same registry gives exactly the same
    results, in order."""
    from presidio_analyzer import AnalyzerEngine

    from safecohort.detect.text import LANGUAGE, _context_enhancer

    plain = AnalyzerEngine(
        registry=scanner._analyzer.registry,
        nlp_engine=scanner._nlp_engine,
        supported_languages=[LANGUAGE],
        context_aware_enhancer=_context_enhancer(),
    )
    texts = [*NOTES, NOTE, "MRN 40012345 called from 617-555-0100; zip 02139. Seen 3/14 by Dr. Hope."]
    found = 0
    for text, artifacts in zip(texts, scanner._artifacts(texts), strict=True):

        def key(results: list) -> list:
            return [(r.entity_type, r.start, r.end, round(r.score, 6)) for r in results]

        ours = scanner._analyzer.analyze(text=text, language=LANGUAGE, nlp_artifacts=artifacts)
        theirs = plain.analyze(text=text, language=LANGUAGE, nlp_artifacts=artifacts)
        assert key(ours) == key(theirs)
        lean = scanner._analyzer.scan(text, artifacts, 0.3)
        assert key(lean) == key(plain.analyze(text, LANGUAGE, nlp_artifacts=artifacts, score_threshold=0.3))
        found += len(ours)
    assert found > len(texts)
    assert sorted(scanner._analyzer.get_supported_entities(LANGUAGE)) == sorted(
        plain.get_supported_entities(LANGUAGE)
    )


def test_lean_pattern_matching_is_presidios(scanner: NoteScanner) -> None:
    """Every pattern recognizer of the scanner returns through ``match_patterns`` what presidio's own
    ``PatternRecognizer.analyze`` returns: spans, scores (after checksum validation and invalidation),
    pattern names and recognizer metadata."""
    from presidio_analyzer import PatternRecognizer

    from safecohort.detect.recognizers.base import match_patterns

    texts = [
        *NOTES,
        NOTE,
        "SSN 078-05-1120 and 123-45-6789; card 4111 1111 1111 1111 and 4111 1111 1111 1112; "
        "mail jo@example.org, www.example.com, 10.0.0.7; seen 3/14/2021 and 2021-03-14.",
        "",
    ]
    checked = matched = 0
    for recognizer in scanner._analyzer.registry.recognizers:
        if not isinstance(recognizer, PatternRecognizer):
            continue
        checked += 1
        for text in texts:

            def key(results: list) -> list:
                return [
                    (
                        r.entity_type,
                        r.start,
                        r.end,
                        r.score,
                        r.analysis_explanation.pattern_name,
                        r.recognition_metadata,
                    )
                    for r in results
                ]

            theirs = PatternRecognizer.analyze(recognizer, text, recognizer.supported_entities)
            ours = match_patterns(recognizer, text)
            assert key(ours) == key(theirs), (type(recognizer).__name__, texts.index(text))
            matched += len(ours)
    assert checked > 30 and matched > 20


def test_keywords_are_presidios(scanner: NoteScanner) -> None:
    """The artifacts' keywords, built from a per-word cache, are the list presidio's ``set_keywords``
    builds from the same lemmas (stop words, punctuation and "be" out, split at ":")."""
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from safecohort.detect.text import LANGUAGE

    texts = [*NOTES, NOTE, "Time: 10:30. Allergies:none; he is being seen by the team, and it's fine!"]
    for artifacts in scanner._artifacts(texts):
        expected = NlpArtifacts.set_keywords(scanner._nlp_engine, artifacts.lemmas, LANGUAGE)
        assert artifacts.keywords == expected
        assert artifacts.nlp_engine is scanner._nlp_engine


def test_context_enhancer_is_presidios(scanner: NoteScanner) -> None:
    """The scanner's context enhancer raises the same results to the same scores, with the same supporting
    word, as presidio's ``LemmaContextAwareEnhancer`` over the same recognizers and artifacts."""
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    from safecohort.detect.text import _context_enhancer

    texts = [*NOTES, NOTE, "MRN 40012345 called from 617-555-0100; zip 02139. Seen 3/14 by Dr. Hope."]
    recognizers = scanner._analyzer._plan()[0]
    ours, theirs = _context_enhancer(), LemmaContextAwareEnhancer()
    raised = 0
    for text, artifacts in zip(texts, scanner._artifacts(texts), strict=True):
        found: list[RecognizerResult] = []
        for recognizer in recognizers:
            for result in recognizer.analyze(text, recognizer.supported_entities, artifacts) or ():
                result.recognition_metadata = result.recognition_metadata or {}
                result.recognition_metadata.setdefault(
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id
                )
                found.append(result)

        def key(results: list[RecognizerResult]) -> list[tuple]:
            return [
                (
                    r.entity_type,
                    r.start,
                    r.end,
                    round(r.score, 6),
                    r.analysis_explanation.supportive_context_word if r.analysis_explanation else None,
                )
                for r in results
            ]

        before = key(found)
        for context in (None, ["pager", "Clinic"]):
            # presidio's enhancer copies the results it is given; the scanner's raises them in place
            mine = ours.enhance_using_context(text, copy.deepcopy(found), artifacts, recognizers, context)
            presidio = theirs.enhance_using_context(text, found, artifacts, recognizers, context)
            assert key(mine) == key(presidio)
            raised += sum(a[3] != b[3] for a, b in zip(before, key(mine), strict=True))
    assert raised > 0
