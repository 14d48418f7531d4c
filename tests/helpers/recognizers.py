"""Running one recognizer on its own, as the recognizer tests do (no spaCy pipeline, no scanner)."""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from safecohort.detect.recognizers import all_recognizers

#: ``found(text)`` -> ``[(span text, entity type), ...]``: the conftest fixture that runs the scanner.
Found = Callable[[str], list[tuple[str, str]]]

#: One instance of every recognizer, by class name.
RECOGNIZERS: dict[str, EntityRecognizer] = {type(r).__name__: r for r in all_recognizers()}


def spans(recognizer: type[EntityRecognizer], text: str) -> list[str]:
    """The texts the recognizer reports in ``text`` for its (first) entity."""
    found = RECOGNIZERS[recognizer.__name__]
    entity = found.supported_entities[0]
    # None: these recognizers read no NLP artifacts (presidio's base signature does not say it may be None).
    return [text[r.start : r.end] for r in found.analyze(text, [entity], None)]  # type: ignore[arg-type]


def covered(recognizer: type[EntityRecognizer], text: str, part: str) -> bool:
    """Whether one finding of the recognizer covers ``part`` of ``text``."""
    return any(part in found for found in spans(recognizer, text))
