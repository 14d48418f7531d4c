"""Span completion: a found name grows over the rest of its name, and stops where the sentence goes on.

A recognizer or the tagger often finds only part of a multi-word name: the first words of a facility
("Boston Center" of "Boston Center for the Homeless Program"), a park without its head ("Lincoln Park" of
"Lincoln Park Zoo"), a practice without the words before it ("Vicarage Surgery" of "The Old Vicarage
Surgery" on a letterhead). :func:`complete_names` extends each name-like finding over

- a **connective and a capitalised run** ("of", "for the", "and", "&", "at", ...) when the finding ends
  in an institution's head word ("Center", "University", "Department", ...) or the run does ("Mercy
  Hospital and Medical Center");
- a **run of capitalised words ending in a head word** right after it ("Lincoln Park" + "Zoo") or a
  company suffix ("Inc.", "LLC");
- **capitalised words before it** when it ends in a head word and they do not open a sentence ("at the Old
  Vicarage Surgery"), or the name fills its line (a letterhead);
- for a person, a **name particle and surname** ("Juan" + "van der Merwe") or one more capitalised word
  that is no everyday English ("Oyelaran" + "Bunch").

Every step is bounded (a few words, the same line, single spaces) and refuses what continues a sentence
rather than a name: a lower-case word ("at Mercy Hospital for chest pain"), a title ("Dr. Smith and Dr.
Jones"), a weekday or month, a clinical term or a hospital department ("Mercy Hospital Emergency
Department": the department is no part of the name), and any other finding (a date, a phone). In a line
written in capitals, where case says nothing, a run after a connective must end in a head word and no
words are taken before a finding. Hand-written because no library completes spans this way: spaCy's
entity ruler and presidio's recognizers match whole patterns, they do not grow a partial match.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

#: Kinds of finding that name a place, an institution or a company (they grow by head words).
INSTITUTION_KINDS = frozenset({"HOSPITAL", "ORGANIZATION", "LOCATION", "STREET_ADDRESS", "PHI"})
#: Kinds of finding :func:`complete_names` extends.
NAME_KINDS = INSTITUTION_KINDS | {"PERSON"}
#: At most this many words are added on one side of a finding.
MAX_WORDS = 4

# The last word of an institution's, a landmark's or a company's name.
_HEADS = frozenset(
    """academy agency airport arena assembly association associates authority bank bridge bureau campus
    cathedral cemetery center centre chapel church clinic club co college commission company corp
    corporation council court department dept district foundation garden gardens group hall harbor harbour
    hospice hospital hotel inc infirmary institute island lake league library llc llp ltd mall manor market
    memorial ministry mission monument mosque museum observatory office park partners pavilion pharmacy
    pier plaza practice program programme project region registry residence school shelter society square
    stadium station surgery synagogue temple terminal theater theatre tower towers trust university
    village zoo""".split()  # noqa: SIM905 - reads better as text
)
# Company suffixes taken right after a finding even with no run before them.
_SUFFIXES = frozenset({"inc", "llc", "llp", "ltd", "co", "corp", "plc", "gmbh", "sa", "ag", "bv", "pllc"})
# Abbreviations whose dot belongs to the word ("St. Jude", "Acme Inc.").
_DOTTED = frozenset({"st", "inc", "co", "corp", "ltd", "dept", "mt", "ft", "univ", "assn"})
# Words between two parts of one name; longest first, so "for the" is tried before "for".
_CONNECTIVES = ("of the", "for the", "and the", "at the", "of", "for", "and", "&", "at", "de")
# Lower-case particles inside a person's name ("van der Merwe", "de Jongh", "bin Salman").
_PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le bin ibn al el ter ten".split()  # noqa: SIM905 - reads better as text
)
# Words that never join a name: titles and credentials (a second person), calendar words, and the
# pronouns and determiners that open a sentence.
_NEVER = frozenset(
    """dr dr. mr mrs ms miss mx prof rev md do rn np pa phd dds lpn cna crna dpm od
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays
    saturdays sundays mon tue tues wed thu thur thurs fri sat sun weekend weekends christmas easter
    january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec today tomorrow yesterday tonight
    the a an he she it i we they you his her its our their this that these those there here then
    patient pt per""".split()  # noqa: SIM905 - reads better as text
)
# Hospital departments and services, which follow a hospital's name without being part of it ("Mercy
# Hospital Emergency Department"), and words of care rather than of a name.
_SERVICES = frozenset(
    """emergency intensive critical urgent trauma surgical medical surgery medicine internal family acute
    outpatient inpatient ambulatory cardiac cardiology oncology radiology pediatric pediatrics neonatal
    maternity labor delivery psychiatric psych behavioral rehab rehabilitation dialysis infusion imaging
    lab laboratory pharmacy nursing ward floor unit icu ed er or pacu nicu picu micu sicu ccu birthing
    """.split()  # noqa: SIM905 - reads better as text
)
# Heads of a part of an institution: after a name that already ends in a head word they name a department
# of it ("Eastville Medical Center Department of Radiology"), not more of its name.
_SUBUNITS = frozenset({"department", "dept", "division", "section", "office", "wing", "program", "programme"})
# Short words that join a sentence, never the words of a name before its head ("Transition to Hospice").
_FUNCTION = frozenset(
    "to in into with by from as on at of for and or but than via per without within after before".split()  # noqa: SIM905
)

_WORD = regex.compile(r"[\p{L}][\p{L}\p{M}'’-]*|&")
_GAP = regex.compile(r"[ \t]{1,2}")
_SPACE = regex.compile(r" ")  # between the words of a person's name


@cache
def _clinical() -> frozenset[str]:
    # lazy: vocab loads Faker and wordfreq; importing the scanner module stays light
    from safecohort.detect.vocab import clinical_terms

    return clinical_terms()


def _everyday(word: str) -> bool:
    # lazy: as above
    from safecohort.detect.vocab import is_everyday_word

    return is_everyday_word(word)


def _key(word: str) -> str:
    return word.lower().rstrip(".").replace("’", "'").removesuffix("'s")


def _is_head(word: str) -> bool:
    return _key(word) in _HEADS


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _may_join(word: str) -> bool:
    """A capitalised word that may be part of a name: no title, calendar word or sentence opener."""
    key = _key(word)
    return _capitalised(word) and key not in _NEVER and key not in _clinical()


def _word_after(text: str, position: int, gap_pattern: regex.Pattern[str] = _GAP) -> tuple[int, int] | None:
    """The word after ``position`` across one or two spaces on the same line (its dot too, when it is an
    abbreviation's), or None."""
    gap = gap_pattern.match(text, position)
    if gap is None:
        return None
    word = _WORD.match(text, gap.end())
    if word is None:
        return None
    end = word.end()
    if end < len(text) and text[end] == "." and _key(word[0]) in _DOTTED:
        end += 1
    return word.start(), end


def _word_before(text: str, position: int) -> tuple[int, int] | None:
    """The word that ends one space before ``position`` on the same line (with an abbreviation's dot)."""
    if position < 2 or text[position - 1] not in " \t":
        return None
    end = position - 1
    if text[end - 1] == "." and end >= 2:
        end -= 1
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
        start -= 1
    if start == end or not text[start].isalpha():
        return None
    word = text[start:end]
    if text[end] == "." and _key(word) not in _DOTTED:
        return None
    return start, end + (1 if text[end] == "." else 0)


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the line around [start, end) is written in capitals (case then tells nothing)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _run_after(text: str, position: int, blocked: int) -> list[tuple[int, int]]:
    """The capitalised words that follow ``position`` (at most :data:`MAX_WORDS`, before ``blocked``)."""
    run: list[tuple[int, int]] = []
    while len(run) < MAX_WORDS:
        word = _word_after(text, run[-1][1] if run else position)
        if word is None or word[1] > blocked or not _may_join(text[word[0] : word[1]]):
            break
        run.append(word)
    return run


def _head_prefix(
    text: str, run: list[tuple[int, int]], after_head: bool, services: bool = False
) -> list[tuple[int, int]]:
    """The longest start of ``run`` that ends in a head word and holds no short sentence word, nor a
    hospital service unless ``services`` (after a connective: "and Medical Center"), or []; after a name
    holding a head word (``after_head``), not a department of it."""
    refused = _FUNCTION if services else _FUNCTION | _SERVICES
    for length in range(len(run), 0, -1):
        words = [_key(text[a:b]) for a, b in run[:length]]
        if (
            words[-1] in _HEADS
            and not any(w in refused for w in words)
            and not (after_head and words[-1] in _SUBUNITS)
        ):
            return run[:length]
    return []


def _connective_at(text: str, position: int) -> int | None:
    """The end of a connective (and its spaces) that follows ``position``, or None."""
    gap = _GAP.match(text, position)
    if gap is None:
        return None
    lowered = text[gap.end() : gap.end() + 8].lower()
    for connective in _CONNECTIVES:
        end = gap.end() + len(connective)
        if lowered.startswith(connective) and (end >= len(text) or not text[end].isalnum()):
            return end
    return None


def _extend_right(text: str, start: int, end: int, kind: str, blocked: int) -> int:
    capitals = _in_capitals(text, start, end)
    grown = True
    words_added = 0
    while grown and words_added < MAX_WORDS:
        grown = False
        words = _WORD.findall(text, start, end)
        ends_in_head = bool(words) and _is_head(words[-1])
        # a run of capitalised words ending in a head word, or a company suffix
        run = _run_after(text, end, blocked)
        has_head = any(_is_head(word) for word in words)
        direct = _head_prefix(text, run, has_head) if kind != "PERSON" or ends_in_head else []
        if not direct and run and _key(text[run[0][0] : run[0][1]]) in _SUFFIXES:
            direct = run[:1]
        if direct:
            end, words_added, grown = direct[-1][1], words_added + len(direct), True
            continue
        # a connective and a capitalised run, when the finding or the run ends in a head word
        after = _connective_at(text, end)
        if after is not None and after <= blocked and (ends_in_head or kind != "PERSON"):
            run = _run_after(text, after, blocked)
            headed = _head_prefix(text, run, False, services=True)
            if headed:
                run = headed
            elif not ends_in_head or capitals or any(_key(text[a:b]) in _SERVICES for a, b in run):
                run = []
            if run:
                end, words_added, grown = run[-1][1], words_added + len(run) + 1, True
    return end


def _extend_person(text: str, start: int, end: int, blocked: int, floor: int) -> tuple[int, int]:
    """A person's name: particles and a surname after it, one uncommon capitalised word on either side."""
    if _in_capitals(text, start, end):
        return start, end
    # "Juan" + "van der Merwe"
    position, particles = end, 0
    while particles < 3:
        word = _word_after(text, position)
        if word is None or word[1] > blocked or text[word[0] : word[1]] not in _PARTICLES:
            break
        position, particles = word[1], particles + 1
    if particles:
        word = _word_after(text, position)
        if word is not None and word[1] <= blocked and _may_join(text[word[0] : word[1]]):
            end = word[1]
    word = _word_after(text, end, _SPACE)
    if word is not None and word[1] <= blocked and _uncommon(text[word[0] : word[1]]):
        end = word[1]
    word = _word_before(text, start)
    # a label's colon may stand before a name ("HCP: Min-seo Bunch"), a sentence's end not
    if (
        word is not None
        and word[0] >= floor
        and _uncommon(text[word[0] : word[1]])
        and not _opens_sentence(text, word[0], ".!?\n|")
    ):
        start = word[0]
    return start, end


def _uncommon(word: str) -> bool:
    """A capitalised word that may be a name beside a name: a listed name or a rare word ("Oyelaran"),
    never an everyday one or a head word ("Baystate Noble  Scanner")."""
    # lazy: vocab loads Faker and wordfreq; importing the scanner module stays light
    from safecohort.detect.vocab import RARE_ZIPF, lexicon, zipf

    if not _may_join(word) or word.isupper() or _everyday(word) or _is_head(word):
        return False
    return lexicon().is_name(word) or zipf(word.lower()) < RARE_ZIPF


def _opens_sentence(text: str, position: int, ends: str = ".!?:;\n|") -> bool:
    """Whether ``position`` starts a line, a sentence or a field (after one of ``ends``)."""
    before = text[max(0, position - 4) : position].rstrip(" \t\"'(")
    return not before or before[-1] in ends


def _extend_left(text: str, start: int, end: int, floor: int) -> int:
    """Capitalised words before an institution's name that ends in a head word: not at a sentence's
    start, unless the name fills its line (a letterhead: "The Old Vicarage Surgery")."""
    words = _WORD.findall(text, start, end)
    if not words or not _is_head(words[-1]) or _in_capitals(text, start, end):
        return start
    name_in_capitals = text[start:end].isupper()
    line_end = text.find("\n", end)
    fills_line = not text[end : len(text) if line_end == -1 else line_end].strip(" \t,.")
    taken: list[tuple[int, int]] = []
    position = start
    while len(taken) < MAX_WORDS:
        word = _word_before(text, position)
        if word is None or word[0] < floor:
            break
        surface = text[word[0] : word[1]]
        opener = fills_line and _opens_sentence(text, word[0]) and _key(surface) == "the"
        joins = _may_join(surface) and _key(surface) not in _SERVICES | _FUNCTION
        if not (opener or (joins and (len(surface) == 1 or not surface.isupper() or name_in_capitals))):
            break
        taken.append(word)
        position = word[0]
        if opener:
            break
    # The first word of a sentence is capitalised whatever it is: it is taken only on a line the name
    # fills, when it is "The" or no everyday word ("Riverside Mercy Hospital", not "Called Mercy Hospital").
    while taken and _opens_sentence(text, taken[-1][0]):
        first = _key(text[taken[-1][0] : taken[-1][1]])
        if fills_line and (first == "the" or not _everyday(first)):
            break
        taken.pop()
    return taken[-1][0] if taken else start


def _same_name(kind: str, other: str) -> bool:
    """Whether a finding of ``kind`` may grow into one of ``other``: the same kind of name, or one the
    tagger did not type."""
    return kind in NAME_KINDS and other in NAME_KINDS and (kind == other or "PHI" in (kind, other))


def complete_names(text: str, findings: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The (start, end) of each finding, grown over the rest of its name (see the module docstring).

    ``findings`` are (start, end, kind), disjoint; kinds outside :data:`NAME_KINDS` keep their range. A
    finding never grows into another finding, unless that one is a name of the same kind (the two then
    overlap, and the caller merges them).
    """
    order = sorted(range(len(findings)), key=lambda i: findings[i][0])
    out = [(start, end) for start, end, _ in findings]
    for rank, index in enumerate(order):
        start, end, kind = findings[index]
        if kind not in NAME_KINDS:
            continue
        blocked, floor = len(text), 0
        if rank + 1 < len(order):  # a name may grow into the next name ("Mercy Hospital and Medical Center")
            after = findings[order[rank + 1]]
            blocked = after[1] if _same_name(kind, after[2]) else after[0]
        if rank > 0:
            before = findings[order[rank - 1]]
            floor = before[0] if _same_name(kind, before[2]) else before[1]
        if kind == "PERSON":
            start, end = _extend_person(text, start, end, blocked, floor)
        end = _extend_right(text, start, end, kind, blocked)
        if kind != "PERSON":
            start = _extend_left(text, start, end, floor)
        # a name grown into the next (or the previous) one takes all of it
        if rank + 1 < len(order) and end > findings[order[rank + 1]][0]:
            end = max(end, findings[order[rank + 1]][1])
        if rank > 0 and start < findings[order[rank - 1]][1]:
            start = min(start, findings[order[rank - 1]][0])
        out[index] = (start, end)
    return out


__all__ = ["INSTITUTION_KINDS", "MAX_WORDS", "NAME_KINDS", "complete_names"]
