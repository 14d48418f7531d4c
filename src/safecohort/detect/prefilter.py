"""Required literals of a regular expression: a cheap test that rules a pattern out before it runs.

Most of the scanner's ~200 patterns cannot match most notes: a date pattern needs a month name or a
digit, an MRN label needs "mrn" or "record", a hospital pattern needs "hospital", "clinic", ... Running
each of them anyway cost as much as the rest of a scan of short texts together, because a regex engine
tries a pattern at every position of the text, look-behinds first. :func:`required_literals` reads a
pattern's syntax tree once and returns strings of which **every match must contain at least one** (as a
case-folded substring); :meth:`Prefilter.may_match` tests them against the set of such strings a note
holds (found once per note by an Aho-Corasick automaton), so a pattern runs only on notes that hold one.

This is what RE2 and Hyperscan call a prefilter. Neither is usable here: neither supports the
look-behinds and ``regex``-module syntax the recognizers use, and RE2's Python binding does not expose
its prefilter. So it is written here, on the standard library's own regex parser.

The analysis is conservative by construction - anything it does not understand gives ``None``, "no
requirement", and the pattern always runs:

- literals count in ASCII and in caseless punctuation (compared case-folded: a case-insensitive match
  of an ASCII letter is a character whose case fold is that letter, and ``str.casefold`` of the note
  keeps it); consecutive literals, small classes ("[Pp]") and alternations of a few strings combine
  into strings ("[Pp]ager" requires "pager");
- items that match only digits require a run of that many digits in a row (any Unicode digits, as
  ``regex`` matches them): "\\d{3}-\\d{4}" requires a run of four;
- a repeat requires what its body requires only when it repeats at least once; an alternation requires
  the union of its branches' requirements, or nothing if one branch requires nothing; look-arounds that
  must match (``(?=...)``, ``(?<=...)``) require what they contain; negative ones require nothing;
- syntax the standard parser does not share with the ``regex`` module (POSIX classes, version-1 sets,
  recursion, fuzzy matching, ...) gives ``None`` before parsing, so no pattern is ever read differently
  from how it runs; a Unicode property (``\\p{Lu}``) is read as ``\\w``, one character the analysis
  knows nothing of; ``\\K`` (keep-out) is dropped before parsing, since what it discards
  from the match must still be in the text.

Tests check the property it promises on every pattern of both scanner profiles over the bundled corpora:
no pattern that matches a note is ever ruled out for it.

Reading ~200 patterns' syntax trees costs 0.15 s of CPU, at every start of a process: the requirements
of the recognizers' own patterns ship in the package (``data/prefilter_literals.json``, written by
``scripts/make_detect_tables.py`` with :func:`encode_requirements`; a test checks that it equals what
the script derives from the patterns). A pattern not in it (a policy's deny list, a pattern changed since
the table was built) is analysed on first use as before.
"""

from __future__ import annotations

import importlib
import json
import re
import string
import threading
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import ahocorasick

# The standard library's regex parser and its opcodes (private modules, stable since Python 3.11; if a
# future Python moves them, every pattern simply runs: see required_literals).
_sre: Any = importlib.import_module("re._constants")
_sre_parser: Any = importlib.import_module("re._parser")

Requirement = frozenset[str]

#: Stands for "a run of ``n`` digits" in a requirement (any Unicode digits, as ``regex`` matches them).
_MAX_RUN = 8


def digit_run(n: int) -> str:
    """The token for "``n`` digits in a row" (at most ``_MAX_RUN``)."""
    return f"\x00digits{min(n, _MAX_RUN)}"


DIGIT = digit_run(1)
_DIGIT_TOKENS = tuple(digit_run(n) for n in range(1, _MAX_RUN + 1))
_ASCII = frozenset(string.printable)
_ASCII_DIGITS = frozenset(string.digits)
# Syntax the ``regex`` module reads differently from ``re`` or that ``re`` lacks: never analysed.
_FOREIGN = re.compile(
    r"\\[NXGmMLh]|\[:|\(\?(?:V|\||\(|&|R|P>|[0-9]|[+-]?\d|[fwbre])|\(\*|\{[^}]*[eids]\s*[<=]"
)
# A Unicode property (``\\p{Lu}``, ``\\P{L}``, ``\\pL``) is one character of some kind: read as ``\\w``, which
# the analysis treats as an unknown character (it requires nothing and ends a string).
_PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])")
_KEEP_OUT = re.compile(r"(?<!\\)((?:\\\\)*)\\K")
#: Alternations with more required strings than this are not worth testing.
_MAX_STRINGS = 128
# Strings in nearly every note: a requirement holding one rules nothing out.
_WEAK = frozenset(string.ascii_lowercase + string.whitespace)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))
_DIGITS = re.compile(r"\d+")


def required_literals(pattern: str, flags: int = 0) -> Requirement | None:
    """Case-folded strings at least one of which is in every text the pattern matches (with
    :func:`digit_run` tokens standing for runs of digits); ``None`` when no useful requirement can be
    proved."""
    if _FOREIGN.search(pattern):
        return None
    try:
        readable = _PROPERTY.sub(r"\1\\w", _KEEP_OUT.sub(r"\1", pattern))
        tree = _sre_parser.parse(readable, flags & re.VERBOSE)
        needs = _sequence(list(tree))
    except Exception:  # anything the standard parser rejects or reads unexpectedly: always run
        return None
    if needs is None:
        return None
    # Any-of semantics: a string that contains another required string adds nothing.
    return frozenset(s for s in needs if not any(other != s and other in s for other in needs))


def _useful(needs: Requirement | None) -> Requirement | None:
    return needs if needs and not (needs & _WEAK) else None


def _selectivity(needs: Requirement) -> tuple[float, int]:
    """How rarely a requirement holds, roughly: its shortest string's length (a run of n digits counts
    as 0.8 n + 0.7), then fewer strings."""
    return min(0.8 * int(s[7:]) + 0.7 if s[0] == "\x00" else len(s) for s in needs), -len(needs)


def _sequence(items: list[tuple[Any, Any]]) -> Requirement | None:
    """The most selective requirement of a sequence's items. Consecutive items that match a few known
    strings form strings together ("mrn", "[Pp]ager" -> "pager", "D(?:r|octor)" -> "dr", "doctor");
    consecutive items that match only digits form one run ("\\d{3}-?" does not)."""
    options: list[Requirement] = []
    run: set[str] = {""}
    digits = 0

    def close_run() -> None:
        nonlocal run
        if run != {""}:
            options.append(frozenset(run))
        run = {""}

    def close_digits() -> None:
        nonlocal digits
        if digits:
            options.append(frozenset({digit_run(digits)}))
        digits = 0

    for op, value in items:
        count = _digit_count(op, value)
        if count is not None and op is not _sre.LITERAL:  # matches digits only: the run goes on
            close_run()
            digits += count
            continue
        if count is None:
            close_digits()
        else:
            digits += count  # a literal digit: part of both runs
        exact = _exact(op, value)
        if exact is not None and len(run) * len(exact) <= _MAX_STRINGS:
            run = {head + tail for head in run for tail in exact}
            continue
        close_run()
        if exact is not None:
            run = set(exact)
            continue
        needs = _useful(_item(op, value))
        if needs:
            options.append(needs)
    close_run()
    close_digits()
    useful = [needs for needs in options if _useful(needs)]
    return max(useful, key=_selectivity) if useful else None


def _exact(op: Any, value: Any) -> set[str] | None:
    """The case-folded strings an item can match, when they are few and known; else ``None``."""
    if op is _sre.LITERAL:
        char = chr(value)
        return {char.casefold()} if _plain(char) else None
    if op is _sre.IN:
        chars = _char_class(value)
        return set(chars) if chars is not None else None
    if op is _sre.SUBPATTERN:
        return _exact_sequence(list(value[-1]))
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            strings = _exact_sequence(list(branch))
            if strings is None or "" in strings:
                return None
            union |= strings
        return union if len(union) <= _MAX_STRINGS else None
    return None


def _exact_sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    strings = {""}
    for op, value in items:
        exact = _exact(op, value)
        if exact is None or len(strings) * len(exact) > _MAX_STRINGS:
            return None
        strings = {head + tail for head in strings for tail in exact}
    return strings


def _plain(char: str) -> bool:
    """Whether a literal character is compared safely after case folding: ASCII, or a character with no
    case at all (punctuation such as the typographic apostrophe)."""
    return char in _ASCII or (char.casefold() == char == char.upper() == char.lower() and not char.isalpha())


def _digit_count(op: Any, value: Any) -> int | None:
    """How many digits an item matches at least, if it matches nothing but digits; else ``None``."""
    if op is _sre.LITERAL:
        return 1 if chr(value) in _ASCII_DIGITS else None
    if op is _sre.CATEGORY:
        return 1 if value is _sre.CATEGORY_DIGIT else None
    if op is _sre.IN:
        digits_only = all(
            (kind is _sre.LITERAL and chr(v) in _ASCII_DIGITS)
            or (kind is _sre.RANGE and chr(v[0]) in _ASCII_DIGITS and chr(v[1]) in _ASCII_DIGITS)
            or (kind is _sre.CATEGORY and v is _sre.CATEGORY_DIGIT)
            for kind, v in value
        )
        return 1 if value and digits_only else None
    if op in _REPEATS:
        low, _high, body = value
        inner = _digits_of(list(body))
        return None if inner is None else low * inner
    if op is _sre.SUBPATTERN:
        return _digits_of(list(value[-1]))
    return None


def _digits_of(items: list[tuple[Any, Any]]) -> int | None:
    total = 0
    for op, value in items:
        count = _digit_count(op, value)
        if count is None:
            return None
        total += count
    return total


def _item(op: Any, value: Any) -> Requirement | None:
    if op is _sre.IN:
        return _char_class(value)
    if op in _REPEATS:
        low, _high, body = value
        return _sequence(list(body)) if low >= 1 else None
    if op is _sre.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(list(value))
    if op is _sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            needs = _sequence(list(branch))
            if needs is None:
                return None
            union |= needs
        return frozenset(union) if len(union) <= _MAX_STRINGS else None
    if op is _sre.ASSERT:  # (?=...) and (?<=...) must match inside the text
        return _sequence(list(value[1]))
    return None  # anchors, negative look-arounds, any character, back-references, non-ASCII literals


def _char_class(members: list[tuple[Any, Any]]) -> Requirement | None:
    chars: set[str] = set()
    for op, value in members:
        if op is _sre.LITERAL:
            chars.add(chr(value))
        elif op is _sre.RANGE:
            low, high = value
            if high - low > 30:
                return None
            chars.update(chr(code) for code in range(low, high + 1))
        else:  # negated classes, \w, \s, \d mixed with other characters, ...
            return None
    if not chars or not all(_plain(c) for c in chars):
        return None
    return frozenset(c.casefold() for c in chars)


#: The shipped requirements of the recognizers' patterns, in ``safecohort.detect``'s data folder.
REQUIREMENTS_FILE = "prefilter_literals.json"


def encode_requirements(patterns: Iterable[tuple[str, int]]) -> bytes:
    """The shipped form of the requirements of ``patterns`` ((regex, flags) pairs): a JSON list of
    ``[flags, regex, sorted strings or null]``, sorted, one entry per line (readable in a diff)."""
    entries = []
    for pattern, flags in sorted(set(patterns), key=lambda item: (item[1], item[0])):
        needs = required_literals(pattern, flags)
        entries.append(json.dumps([flags, pattern, None if needs is None else sorted(needs)]))
    return ("[\n" + ",\n".join(entries) + "\n]\n").encode("utf-8")


def decode_requirements(content: bytes) -> dict[tuple[str, int], Requirement | None]:
    """The requirements of :func:`encode_requirements`' bytes, by (regex, flags)."""
    return {
        (pattern, flags): None if needs is None else frozenset(needs)
        for flags, pattern, needs in json.loads(content)
    }


def _shipped_requirements() -> dict[tuple[str, int], Requirement | None]:
    return decode_requirements(
        resources.files("safecohort.detect").joinpath("data", REQUIREMENTS_FILE).read_bytes()
    )


class Prefilter:
    """Per-pattern requirements, computed once, and the per-note test.

    For each note the set of required strings it holds is found once, in one pass of an Aho-Corasick
    automaton over the case-folded note (``pyahocorasick``; testing the ~1,000 strings one by one cost
    ten to twenty times more); a pattern may then match only if its strings meet that set. The last few
    texts' sets are remembered, since every recognizer of a scan asks about the same note. Safe to share
    between threads: state is replaced, never changed in place.
    """

    def __init__(self, known: Mapping[tuple[str, int], Requirement | None] | None = None) -> None:
        """``known``: requirements worked out beforehand, by (regex, flags) (the shipped ones for
        :data:`PREFILTER`); any other pattern is analysed on first use."""
        self._known = known or {}
        self._needs: dict[tuple[str, int], Requirement | None] = {}
        self._lock = threading.Lock()
        self._strings: frozenset[str] = frozenset()  # every required string of every pattern seen
        self._automaton: tuple[frozenset[str], Any] = (frozenset(), None)
        # The last few texts' answers, by identity (a recognizer may also ask about a piece of a note).
        self._recent: dict[int, tuple[str, frozenset[str], frozenset[str]]] = {}

    def needs(self, pattern: str, flags: int) -> Requirement | None:
        """The pattern's requirement (see :func:`required_literals`), computed on first use."""
        key = (pattern, flags)
        try:
            return self._needs[key]
        except KeyError:
            needs = self._known[key] if key in self._known else required_literals(pattern, flags)
            with self._lock:
                self._needs[key] = needs
                if needs:
                    self._strings = self._strings | {s for s in needs if s not in _DIGIT_TOKENS}
            return needs

    def _current_automaton(self) -> tuple[frozenset[str], Any]:
        """The automaton of the current strings, with the strings it was built from."""
        strings, automaton = self._automaton
        if strings is not self._strings:
            with self._lock:
                strings, automaton = self._automaton
                if strings is not self._strings:
                    strings = self._strings
                    automaton = ahocorasick.Automaton()
                    for string in strings:
                        automaton.add_word(string, string)
                    if strings:
                        automaton.make_automaton()
                    self._automaton = (strings, automaton)
        return strings, automaton

    def present(self, text: str) -> frozenset[str]:
        """The required strings (of patterns seen so far) that ``text`` holds."""
        recent = self._recent.get(id(text))
        # An answer holds while no pattern has added strings since (the automaton is rebuilt then).
        if recent is not None and recent[0] is text and recent[1] is self._strings:
            return recent[2]
        strings, automaton = self._current_automaton()
        longest = max(map(len, _DIGITS.findall(text)), default=0)
        found = (string for _, string in automaton.iter(text.casefold())) if len(automaton) else ()
        present = frozenset([*found, *_DIGIT_TOKENS[:longest]])
        if len(self._recent) >= _RECENT:
            self._recent = {}
        self._recent[id(text)] = (text, strings, present)  # holding the text keeps its id unique
        return present

    def may_match(self, pattern: str, flags: int, text: str) -> bool:
        """False only if the pattern cannot match ``text``."""
        needs = self.needs(pattern, flags)
        return needs is None or not needs.isdisjoint(self.present(text))


_RECENT = 8
PREFILTER = Prefilter(_shipped_requirements())


__all__ = [
    "DIGIT",
    "PREFILTER",
    "REQUIREMENTS_FILE",
    "Prefilter",
    "decode_requirements",
    "digit_run",
    "encode_requirements",
    "required_literals",
]
