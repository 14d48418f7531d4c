"""The regex prefilter: what each pattern requires, and that it never rules out a pattern that matches."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from presidio_analyzer import PatternRecognizer

from safecohort.detect.prefilter import DIGIT, Prefilter, digit_run, required_literals
from safecohort.detect.text import DEFAULT_MODEL, get_scanner
from safecohort.evaluation import read_corpus
from safecohort.policy import NotesSpec

BENCH_DATA = Path(__file__).resolve().parents[2] / "bench" / "data"


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\bMRN\s*\d+", {"mrn"}),  # case-folded
        (r"(?i:hospital|clinic)\s+\w+", {"hospital", "clinic"}),
        (r"\b(?:Dr|Doctor)\.?\s+[A-Z]\w+", {"dr", "doctor"}),  # re factors out the "D": joined again
        (r"[Pp]ager\s*\d", {"pager"}),  # a small class joins the strings around it
        (r"(?i)(?:january|june|july) \d", {"january ", "june ", "july "}),
        (r"\d{3}-\d{4}", {digit_run(4)}),  # the longest run of digits in a row
        (r"\d{3}\d?\d{2}", {digit_run(5)}),  # an optional digit does not break the run
        (r"(?<=\bzip:\s)\d{5}", {digit_run(5)}),  # five digits beat "zip:" (0.8 * 5 + 0.7 > 4)
        (r"(?<=\bzip code:\s)\d{5}", {"zip code:"}),  # a look-behind that must match
        (r"(?:ward|unit)?\s*\d", {DIGIT}),  # an optional group requires nothing
        (r"(?:mrn|\w+)\s*\d", {DIGIT}),  # nor does an alternation with a branch that requires nothing
        (r"\bfoo\K\d+bar", {"foo"}),  # \K (keep-out) drops nothing from what the text must hold
        (r"(?=.*\bage\b)\w+", {"age"}),  # a look-ahead that must match requires what it holds
        (r"(?<=[’'])s\s+\d{4}", {digit_run(4)}),
        (r"l[’']s", {"l’s", "l's"}),  # caseless punctuation beyond ASCII is compared as written
        (r"Müller\b", {"ller"}),  # a cased letter beyond ASCII ends a string ("m" alone is too common)
        (r"\p{Lu}\p{Ll}+ [Hh]ospital", {" hospital"}),  # a Unicode property is some unknown character
        (r"[\p{L}'-]+,\s(?:MD|DO)\b", {"md", "do"}),
    ],
)
def test_requirements(pattern: str, needs: set[str]) -> None:
    assert required_literals(pattern) == needs


@pytest.mark.parametrize(
    "pattern",
    [
        r"[A-Z][a-z]+",  # a capital word: no literal
        r"(?!mrn)\w+",  # a negative look-ahead requires nothing
        r"[[:alpha:]]+ clinic",  # a POSIX class: read differently by re, so not analysed
        r"\X+ clinic",  # a grapheme (regex-module syntax the standard parser lacks)
        r"a|b",  # single letters are in every note
        r"(?:e.g.|i.e.)?\s",
    ],
)
def test_no_requirement_where_none_can_be_proved(pattern: str) -> None:
    assert required_literals(pattern) is None


def test_case_insensitive_matches_of_odd_letters_are_not_ruled_out() -> None:
    """A case-insensitive 's' or 'k' also matches the long s and the Kelvin sign: case folding the note
    keeps them findable."""
    prefilter = Prefilter()
    pattern = r"(?i:ask)\s\d"
    assert prefilter.needs(pattern, 0) is not None
    for text in ("AſK 1", "asK 1", "ASK 1"):
        assert regex.search(pattern, text)
        assert prefilter.may_match(pattern, 0, text)
    assert not prefilter.may_match(pattern, 0, "as k 1")


def test_unicode_digits_count_as_digits() -> None:
    """``regex`` matches any decimal digit with \\d, so a run of Arabic-Indic digits counts."""
    prefilter = Prefilter()
    pattern = r"\d{5}"
    text = "zip ١٢٣٤٥"
    assert regex.search(pattern, text)
    assert prefilter.may_match(pattern, 0, text)
    assert not prefilter.may_match(pattern, 0, "zip 1234 only")


def _patterns() -> list[tuple[str, object]]:
    """Every pattern of both scanner profiles, compiled as presidio compiles it."""
    out: dict[tuple[str, int], tuple[str, object]] = {}
    for notes in (NotesSpec(), NotesSpec(profile="general")):
        scanner = get_scanner(DEFAULT_MODEL, notes)
        for recognizer in scanner._analyzer.registry.recognizers:
            if isinstance(recognizer, PatternRecognizer):
                flags = recognizer.global_regex_flags
                for pattern in recognizer.patterns:
                    compiled = regex.compile(pattern.regex, flags=flags)
                    out[(pattern.regex, flags)] = (type(recognizer).__name__, compiled)
    return [(*key, *value) for key, value in out.items()]


def test_no_pattern_is_ruled_out_where_it_matches() -> None:
    """The promise, checked on every pattern of both profiles over the bundled corpora (each note as
    written, in capitals and in lower case): where a pattern matches, the prefilter lets it run. And it
    pays: most (pattern, note) pairs are ruled out."""
    texts = [
        doc.text
        for corpus in ("clinical/dev.jsonl", "clinical/dev4.jsonl", "general/dev.jsonl", "general/dev2.jsonl")
        for doc in read_corpus(BENCH_DATA / corpus)[::3]
    ]
    texts += [text.upper() for text in texts[::4]] + [text.lower() for text in texts[::4]]
    prefilter = Prefilter()
    patterns = _patterns()
    assert len(patterns) > 150
    analysed = sum(prefilter.needs(pattern, flags) is not None for pattern, flags, _, _ in patterns)
    assert analysed > 0.8 * len(patterns)
    ruled_out = pairs = 0
    for text in texts:
        for pattern, flags, name, compiled in patterns:
            pairs += 1
            if not prefilter.may_match(pattern, flags, text):
                ruled_out += 1
                assert compiled.search(text) is None, name
    assert ruled_out > 0.3 * pairs
