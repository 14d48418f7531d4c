"""What every recognizer is built on: the recognizer base classes and the pieces of names.

Every recognizer is a presidio ``PatternRecognizer`` or ``EntityRecognizer`` with context words, so the
analyzer's context enhancer raises a weak match ("a 7-digit number") to a finding when a context word
("MRN", "zip") stands within five words before it. Patterns are built once at import; presidio compiles
each ``Pattern`` on first use and keeps the compiled form on the shared object. Patterns use features of
the ``regex`` module that presidio compiles them with (variable-width look-behind, scoped ``(?i:...)``),
and run case-sensitively: capitals carry meaning in names, titles and states.

- the profiles (:data:`CLINICAL`, :data:`GENERAL`) and a recognizer's ``PROFILES``: :data:`EVERY_PROFILE`
  or :data:`GENERAL_ONLY` (read by :mod:`~safecohort.detect.recognizers.registry`);
- :class:`ClinicalPatternRecognizer`: a pattern recognizer declared by class attributes;
- :class:`AnchoredRecognizer`: a recognizer that reads its finding next to an anchor (a label, a
  credential, a state and ZIP), with :func:`_name_tail_end` and :func:`_fills_name_slot` for names;
- the pieces of names (``_NAME_WORD``, ``_CAPS_WORD``, ``_PARTICLE``, ``_TITLE``, ``_CREDENTIAL``, the
  US name lists, ...) that the name, place and NER modules share;
- :class:`SpanRecognizer`: a recognizer that yields its spans from ``find`` (general text; most read
  the lexicon of :mod:`safecohort.detect.vocab`), with the word helpers its subclasses share;
- table cells: :func:`_table_cells` and :class:`_TableCellRecognizer`, the ages, postcodes and places
  under a labelled column of a delimited table.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer import Pattern as PresidioPattern
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.prefilter import PREFILTER
from safecohort.detect.vocab.lexicon import lexicon
from safecohort.detect.vocab.words import (
    clinical_terms,
    is_everyday_word,
    us_first_names,
    us_last_names,
    zipf,
)

LANGUAGE = "en"

# Case-sensitive; parts that must ignore case say so with a scoped (?i:...).
CASE_SENSITIVE = re.DOTALL | re.MULTILINE

#: The profiles a scanner runs in (``notes.profile``): US clinical notes, and general text worldwide.
CLINICAL = "clinical"
GENERAL = "general"
#: ``PROFILES`` of a recognizer that keeps clinical precision: it runs in both profiles.
EVERY_PROFILE: frozenset[str] = frozenset({CLINICAL, GENERAL})
#: ``PROFILES`` of a recognizer too loose for clinical notes: it runs on general text only.
GENERAL_ONLY: frozenset[str] = frozenset({GENERAL})


class Pattern(PresidioPattern):
    """presidio's ``Pattern``, compiled when it first runs rather than also when it is made.

    presidio's constructor compiles each regex once only to check it, without the flags it runs with,
    and the first match compiles it again with them: two compiles of each of ~200 patterns, 0.4 s of CPU
    at every start of a process. Here the one compile happens where the pattern first runs
    (:func:`match_patterns`, with its recognizer's flags); the prefilter keeps a short scan from
    compiling the patterns its notes cannot match. ``tests/detect/recognizers/test_registry.py`` compiles
    every pattern of every recognizer with its flags, so a broken regex still fails the suite, not a
    scan. The score is checked here, as presidio does."""

    def __init__(self, name: str, regex: str, score: float) -> None:
        if not 0 <= score <= 1:
            raise ValueError(f"Invalid score: {score}. Score should be between 0 and 1")
        self.name = name
        self.regex = regex
        self.score = score
        self.compiled_regex = None
        self.compiled_with_flags = None


def _either_case(*words: str) -> str:
    """Alternation of each word as written (Title case) and in capitals: notes are often all caps."""
    forms: list[str] = []
    for word in words:
        forms += [re.escape(word), re.escape(word.upper())]
    return "(?:" + "|".join(forms) + ")"


def match_patterns(
    recognizer: PatternRecognizer, text: str, flags: int | None = None
) -> list[RecognizerResult]:
    """What presidio's ``PatternRecognizer.analyze`` returns for ``text``, computed without its per-pattern
    bookkeeping (two clock reads, a debug log call and a regex timeout per pattern, and a deduplication
    pass per recognizer), which cost twice the matching itself on short texts with ~200 patterns.

    A pattern runs only on texts holding one of the strings all its matches need (see
    :mod:`safecohort.detect.prefilter`). Same results in the same order (tested against presidio's
    method): each pattern's matches, scored by
    ``validate_result`` / ``invalidate_result``, with the pattern named in the explanation (recognizers
    read it). Without a timeout a pathological pattern would hang rather than be skipped unreported
    (presidio's behaviour); every pattern here is ours, and a deny list is escaped words."""
    this: Any = recognizer  # presidio's attributes are untyped
    flags = int(flags or this.global_regex_flags or 0)
    identifier, steps, needs_any = _plan(this, flags)
    present = PREFILTER.present(text)
    if needs_any is not None and needs_any.isdisjoint(present):
        return []  # no pattern of the recognizer can match
    name: str = this.name
    entity = this.supported_entities[0]
    metadata = {
        RecognizerResult.RECOGNIZER_NAME_KEY: name,
        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: identifier,
    }
    results: list[RecognizerResult] = []
    pattern: Any
    for pattern, needs in steps:
        if needs is not None and needs.isdisjoint(present):
            continue  # none of the strings every match needs is in the text
        compiled = pattern.compiled_regex
        if compiled is None or pattern.compiled_with_flags != flags:
            pattern.compiled_with_flags = flags
            pattern.compiled_regex = compiled = regex.compile(pattern.regex, flags=flags)
        for match in compiled.finditer(text):
            start, end = match.span()
            if start == end:
                continue
            found = text[start:end]
            score = pattern.score
            validation = recognizer.validate_result(found)
            if validation is not None:
                score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
            if recognizer.invalidate_result(found):
                score = EntityRecognizer.MIN_SCORE
            if score > EntityRecognizer.MIN_SCORE:
                explanation = AnalysisExplanation(
                    recognizer=name,
                    original_score=pattern.score,
                    pattern_name=pattern.name,
                    pattern=pattern.regex,
                    validation_result=validation,  # type: ignore[arg-type]  # presidio passes None too
                    regex_flags=flags,
                    textual_explanation=f"Detected by `{name}` using pattern `{pattern.name}`",
                )
                explanation.score = score
                results.append(
                    RecognizerResult(
                        entity_type=entity,
                        start=start,
                        end=end,
                        score=score,
                        analysis_explanation=explanation,
                        recognition_metadata=dict(metadata),
                    )
                )
    return EntityRecognizer.remove_duplicates(results) if len(results) > 1 else results


# A pattern recognizer's plan, kept on the recognizer: the flags it was made for, the pattern list it was
# made from, presidio's identifier of the recognizer (a property that formats a string per read), each
# pattern with its prefilter requirement, and the union of them all (None if one pattern has none).
_PLAN_ATTRIBUTE = "_safecohort_match_plan"


def _plan(recognizer: Any, flags: int) -> tuple[str, list[tuple[Any, Any]], frozenset[str] | None]:
    plan = recognizer.__dict__.get(_PLAN_ATTRIBUTE)
    patterns = recognizer.patterns
    if plan is None or plan[0] != flags or plan[1] is not patterns or plan[2] != len(patterns):
        steps = [(pattern, PREFILTER.needs(pattern.regex, flags)) for pattern in patterns]
        known = [needs for _, needs in steps if needs is not None]
        needs_any = frozenset().union(*known) if len(known) == len(steps) else None
        plan = (flags, patterns, len(patterns), str(recognizer.id), steps, needs_any)
        recognizer.__dict__[_PLAN_ATTRIBUTE] = plan
    return plan[3], plan[4], plan[5]


def plan_patterns(recognizers: Iterable[Any]) -> None:
    """Work out the plans of the pattern recognizers among ``recognizers`` now, when a scanner is built,
    so that the prefilter's automaton is built once with every pattern's strings rather than regrown as
    each recognizer first runs."""
    for recognizer in recognizers:
        if isinstance(recognizer, PatternRecognizer):
            _plan(recognizer, int(recognizer.global_regex_flags or 0))


class ClinicalPatternRecognizer(PatternRecognizer):
    """A pattern recognizer declared by class attributes, case-sensitive unless a pattern says otherwise."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[Pattern, ...]]
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    #: The profiles the registry runs it in (:data:`EVERY_PROFILE` or :data:`GENERAL_ONLY`).
    PROFILES: ClassVar[frozenset[str]] = EVERY_PROFILE

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language=LANGUAGE,
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
            global_regex_flags=CASE_SENSITIVE,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """presidio's pattern matching, without its per-pattern overhead (see :func:`match_patterns`)."""
        return match_patterns(self, text, regex_flags)


def prefilter_gate(recognizer: Any) -> frozenset[str] | None:
    """Strings one of which a text must hold for ``recognizer`` to find anything, when all its analysis is
    :func:`match_patterns` (presidio's plain pattern recognizers and :class:`ClinicalPatternRecognizer`
    classes that keep its ``analyze``), which returns nothing on a text holding none of them; None when
    the recognizer does more, or a pattern requires nothing. The analyzer skips such a recognizer on
    such a text without calling it."""
    if not isinstance(recognizer, PatternRecognizer):
        return None
    if type(recognizer).analyze not in (PatternRecognizer.analyze, ClinicalPatternRecognizer.analyze):
        return None
    return _plan(recognizer, int(recognizer.global_regex_flags or 0))[2]


# --- building blocks of names, shared by the name, place and NER modules ---------------------------

# Capitalised words that follow a title or relation but are not names ("Patient Denies", "MR PRESENTED").
_NOT_A_NAME = (
    r"(?i:and|or|with|was|is|are|were|the|to|of|at|on|in|for|by|from|has|had|have|called|calls|"
    r"presented|presents|reports|reported|states|stated|said|says|who|here|today|denies|denied|notes|"
    r"noted|also|would|could|should|came|comes|returned|returns|complains|admitted|agrees|"
    r"understands|feels|felt|seen|visited|visits|arrived|brought|at|bedside|present|aware|updated|"
    r"informed|spoke|phone|telephone|office|md|do|rn|np|pa|phd|none|not|no|unable|requests|requested|"
    r"wants|prefers|declined|refused|consented|signed|pt|patient|is|has|continues|tolerated|underwent|"
    r"was|remains|appears|given|started|discharged|transferred|needs|got|went|did|does|recommends|"
    r"recommended|evaluated|examined|believes|thinks|note|plan|assessment|eval|evaluation|triage|pager|"
    r"cell|fax|ext|notified|paged|called|aware|office|mrn|dob|unit|room|bed|stat|pending|sedation|charge|"
    r"primary|night|float|circulating|scrub|recovery|bedside|staff|agency|travel|covering|ordering|"
    r"referring|attending|consulting|prosector|diener|crew|adjuster|employee|decedent|synthesis|pcp)"
)
# Letters beyond ASCII ("Çelik", "Ayşe", "JOAQUÍN", "Núñez"): capitals of Latin-1 and the usual Latin
# Extended-A ones, and every Latin letter (the stdlib ``re`` that anchored recognizers use has no \p{Lu}).
_UPPER = "A-ZÀ-ÖØ-ÞĆČĐŁŃŒŚŞŠŢŽŻ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ſ"
_NAME_WORD = rf"(?!{_NOT_A_NAME}\b)[{_UPPER}][{_LETTER}'’-]*[{_LETTER}]"
# Particles inside surnames: "Van der Berg", "St. Pierre", "de la Cruz", "dos Santos", "Mac an tSaoir";
# the first group may also open one ("dos Santos, Oksana"), in lower case or in capitals ("LE BLANC").
_LEADING_PARTICLE = (
    r"(?:van|von|de|del|della|da|das|dos|di|du|la|le|los|St\.|Ste\.|VAN|VON|DE|DEL|DA|DOS|DU|LA|LE)"
)
_PARTICLE = rf"(?:{_LEADING_PARTICLE}|der|den|do|an|ter|ten|y|bin|ibn|al|el|AN|DER|DEN|LOS)"
# A surname word after a particle may carry an Irish prefix in lower case ("tSaoir", "nGallchóir").
_SURNAME_WORD = rf"(?:[tnh](?=[{_UPPER}]))?{_NAME_WORD}"
# Initials before a name ("A. Lyons", "A.G. Lyons", "A. van den Heuvel"); a middle initial with or
# without its dot ("Ivy F Sweet", "Ivy F. Sweet").
_NAME = (
    rf"(?:(?:[A-Z]\.){{1,3}}[ \t]*)?(?:{_LEADING_PARTICLE}[ \t]+){{0,2}}"
    rf"{_NAME_WORD}(?:[ \t]+[A-Z](?:\.|(?=[ \t]+(?:[{_UPPER}]|{_PARTICLE}[ \t]))))?"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_SURNAME_WORD}){{0,2}}"
)
_CAPS_WORD = rf"(?!{_NOT_A_NAME}\b)[{_UPPER}][{_UPPER}'’-]*[{_UPPER}]"
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Doctor|Professor)"
_CREDENTIAL = (
    r"(?:RN|MD|M\.D\.|NNP(?:-BC)?|NP|DO|PA-C|LPN|CNA|MSW|LICSW|PharmD|PhD|CRNA|APRN|FNP|FNP-BC|DNP|LCSW|LMSW|LSW|"
    r"LMHC|CGC|CNM|CRNP|PsyD|RRT|RD|RDN|MBBS|DDS|DMD|DPT|RPh|CCC-SLP|OTR/L|EMT(?:-[BPI])?|NRP|"
    # certifications, fellowships and training years that close a name ("RN CWOCN", "MD, FACS", "PGY-2")
    r"RNC(?:-OB|-NIC|-MNN)?|CCRN|CWOCN|WOCN|CWON|CNMT|RT\(R\)|CPhT|FACS|FACP|FACC|FASNC|FSCAI|FAAD|FACOG|"
    r"FAAP|FCCP|PGY-?\d)"
)
# Degrees that stand between a name and its credential ("Fionn Oduya, MS, CGC").
_DEGREE = r"(?:MS|MA|MPH|MSN|BSN|MBA|MEd|MSc|BS|BA|MHA|MD|PhD)"

_FIRST_NAMES = us_first_names()
_LAST_NAMES = us_last_names()

#: Listed names at least this frequent in English are words first ("Can", "An", "Will", "Long"): even
#: where a cue puts a name they are read as words.
_NAME_SLOT_MAX_ZIPF = 5.35
# Words that follow kinship and chat cues, and that some locale Faker ships lists as a name.
_NOT_NAMES_IN_SLOT = frozenset(
    {"unknown", "lady", "man", "woman", "gentleman", "baby", "patient", "family", "pt", "mrs", "mr"}
    | {"hospice"}
)


def _fills_name_slot(word: str) -> bool:
    """Whether a word standing where a cue puts a name ("Crew: Major Young", "RN Star", "hey, king in
    412") may be one: a first or last name of any locale Faker ships, unless it is a clinical term or a
    very frequent word ("can", "will"); or any word that is not everyday English. Everyday words that are
    names ("Star", "Royal", "Blessing") are names only in such a slot, never on their own."""

    base = word.lower()
    if base in _NOT_NAMES_IN_SLOT or base in clinical_terms():
        return False
    if not is_everyday_word(word):  # unknown to everyday English, or a listed US name
        return True
    return lexicon().is_name(base) and zipf(base) < _NAME_SLOT_MAX_ZIPF


class AnchoredRecognizer(ClinicalPatternRecognizer):
    """A recognizer whose patterns find an anchor - a label ("Patient:", "Accession #"), a credential
    (", RN"), a state and ZIP (", MA 02115") - and whose finding is read next to it: ``AFTER`` is matched
    where the anchor ends (its group ``phi``, if any, is the finding), ``BEFORE`` must end where the
    anchor starts. Reading from an anchor is far cheaper than a pattern that tries a name at every capital
    of the note and then looks around it, and it says exactly why a span was reported."""

    AFTER: ClassVar[re.Pattern[str] | None] = None
    BEFORE: ClassVar[re.Pattern[str] | None] = None
    WINDOW: ClassVar[int] = 80

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """One result per anchor with a finding next to it, spanning the finding only."""
        results = []
        for anchor in super().analyze(text, entities, nlp_artifacts, regex_flags):
            span = self._next_to(text, anchor.start, anchor.end)
            if span is not None and self.ENTITY == "PERSON":
                span = (span[0], _name_tail_end(text, *span))
            if span is not None and span[0] < span[1] and self.keep(text[span[0] : span[1]]):
                anchor.start, anchor.end = span
                results.append(anchor)
        return results

    def keep(self, found: str) -> bool:
        """Whether the text read next to an anchor is a finding; names must hold a word that may be one
        ("RE: DC PLANS" is not a name)."""
        if self.ENTITY != "PERSON":
            return True

        words = re.findall(rf"[{_LETTER}]+", found)
        if _INITIALS.fullmatch(found):  # "A.W.", "N.P.": initials alone, read only where a cue puts them
            return found not in _NOT_INITIALS
        if _INITIAL_FIRST.match(found):  # "D. Story", "G. White": an initial makes the word a surname
            return any(word.lower() not in clinical_terms() for word in words[1:])
        if _INITIAL_LAST.search(found):  # "Sweet, A.": so does the initial of the given name after it
            return any(word.lower() not in clinical_terms() for word in words[:-1])
        return any(_fills_name_slot(word) for word in words)

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        if self.AFTER is not None:
            found = self.AFTER.match(text, end, min(len(text), end + self.WINDOW))
            if found is None:
                return None
            return found.span("phi") if "phi" in self.AFTER.groupindex else found.span()
        assert self.BEFORE is not None
        found = self.BEFORE.search(text, max(0, start - self.WINDOW), start)
        while found is not None and found.start() > 0 and text[found.start() - 1].isalnum():
            found = self.BEFORE.search(text, found.start() + 1, start)  # it started inside a word
        return None if found is None else found.span()


_TAIL_WORD = re.compile(rf"[ ,]+([{_LETTER}]+)\.?$")


def _name_tail_end(text: str, start: int, end: int) -> int:
    """Where a name read after a cue really ends: not at a given name that cannot be one ("Nayeli
    Rodriguez, Human Resources"), nor inside a sentence in capitals it ran into ("SW BRIAN RIVERS MET
    FAMILY"): two or more trailing words in capitals that cannot be names are dropped."""
    tail = _TAIL_WORD.search(text, start, end)
    initial = tail is not None and len(tail[1]) == 1 and tail[0].endswith(".")  # "Sweet, A."
    if tail is not None and text[tail.start()] == "," and not initial and not _fills_name_slot(tail[1]):
        return tail.start()
    cut, dropped = end, 0
    while (tail := _TAIL_WORD.search(text, start, cut)) is not None and tail.start() > start:
        if not (tail[1].isupper() and len(tail[1]) > 1 and not _fills_name_slot(tail[1])):
            break
        cut, dropped = tail.start(), dropped + 1
    return cut if dropped >= 2 else end


_INITIAL_FIRST = re.compile(rf"(?:[A-Z]\.){{1,3}}[ ]?(?:{_LEADING_PARTICLE}[ ]){{0,2}}[{_UPPER}][{_LETTER}]")
# Initials alone where a cue puts a person ("for A.W.", "grandmother N.P."), unless an abbreviation.
_INITIAL_LAST = re.compile(r",[ ]?[A-Z]\.$")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_NOT_INITIALS = frozenset(
    "A.M. P.M. P.O. I.V. I.M. S.Q. S.C. U.S. N.P.O. B.I.D. T.I.D. Q.I.D. Q.D. O.D. O.S. O.U. D.O. "  # noqa: SIM905
    "M.D. R.N. E.R. I.C.U. O.R. P.R.N. H.S. A.C. P.C. D.C. N.G. G.I. E.D. U.K. E.U.".split()
)


# --- shared text helpers -------------------------------------------------------------------------------

# A word of letters (any script) with inner apostrophes or hyphens: "Guðmundsdóttir", "O'Neil", "Weeks-Rivas".
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}{2,}[\p{L}\p{M}]*|-\p{L}[\p{L}\p{M}]*)*")


def _is_title(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or not word[1:].isupper() or len(word) > 2)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _result(name: str, identifier: str, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    """A presidio result tagged with the recognizer that made it (presidio's overlap rules read it)."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: identifier,
        },
    )


_TRAILING = frozenset(" \t\n.,;:")


class SpanRecognizer(EntityRecognizer):
    """An entity recognizer whose subclasses yield spans from :meth:`find` (most of them read the shared
    lexicon, :mod:`safecohort.detect.vocab`); trailing sentence punctuation is trimmed off each span."""

    ENTITY: ClassVar[str]
    #: The profiles the registry runs it in; :data:`EVERY_PROFILE` only when it keeps clinical precision.
    PROFILES: ClassVar[frozenset[str]] = GENERAL_ONLY

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY], name=type(self).__name__, supported_language=LANGUAGE
        )

    def load(self) -> None:
        """Nothing to load eagerly: the lexicon is read at the first scan."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Findings of :meth:`find` as presidio results."""
        if self.ENTITY not in entities:
            return []
        results = []
        for start, end, score in self.find(text):
            # Sentence punctuation after a span is not part of it ("... from Austria.").
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            if end > start:
                results.append(_result(type(self).__name__, self.id, self.ENTITY, start, end, score))
        return results

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """(start, end, score) of each finding in ``text``."""
        raise NotImplementedError


# --- table cells: ages, postcodes and places under a labelled column -----------------------------------

# A delimited table's header names the columns: "order_id;customer;city;postcode;country",
# "pos,bib,name,age,club". Each column word maps to the entity its cells hold.
_TABLE_COLUMNS = {
    "age": "AGE", "zip": "ZIP_CODE", "zipcode": "ZIP_CODE", "zip_code": "ZIP_CODE", "postcode": "ZIP_CODE",
    "post_code": "ZIP_CODE", "postal_code": "ZIP_CODE", "postalcode": "ZIP_CODE", "plz": "ZIP_CODE",
    "city": "LOCATION", "town": "LOCATION", "country": "LOCATION", "state": "LOCATION",
    "province": "LOCATION", "region": "LOCATION", "county": "LOCATION", "birthplace": "LOCATION",
}  # fmt: skip
_TABLE_HEADER = regex.compile(
    r"(?im)^[ \t]*[\w ]{1,30}(?P<sep>[,;\t|])(?:[\w ]{1,30}(?P=sep))*[\w ]{1,30}[ \t]*$"
)
# What a cell must look like for its column's entity (a header alone is no evidence).
_CELL_SHAPES = {
    "AGE": regex.compile(r"(?:1[01]\d|12[0-5]|\d{1,2})"),
    "ZIP_CODE": regex.compile(
        r"\d{3,6}(?:-\d{3,4})?|\d{3}[ ]\d{2}|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d"
    ),
    "LOCATION": regex.compile(r"\p{L}[\p{L}\p{M}'’. -]{1,40}"),
}


@functools.lru_cache(maxsize=16)
def _table_cells(text: str) -> tuple[tuple[str, int, int], ...]:
    """(entity, start, end) of each cell under an age, postcode or place column of a delimited table.

    Cells are read by position from the left; a row may have more cells than the header (a comma inside
    an unquoted company name), never fewer."""
    found: list[tuple[str, int, int]] = []
    for header in _TABLE_HEADER.finditer(text):
        sep = header["sep"]
        names = [n.strip().lower().replace(" ", "_") for n in header[0].split(sep)]
        columns = {i: _TABLE_COLUMNS[n] for i, n in enumerate(names) if n in _TABLE_COLUMNS}
        if not columns or len(names) < 3:
            continue
        position = header.end() + 1
        while position < len(text):
            line_end = text.find("\n", position)
            line_end = len(text) if line_end < 0 else line_end
            cells = text[position:line_end].split(sep)
            if len(cells) < len(names):
                break
            offset = position
            for index, cell in enumerate(cells):
                entity = columns.get(index)
                value = cell.strip()
                if entity is not None and value and _CELL_SHAPES[entity].fullmatch(value):
                    start = offset + cell.find(value)
                    found.append((entity, start, start + len(value)))
                offset += len(cell) + 1
            position = line_end + 1
    return tuple(found)


class _TableCellRecognizer(SpanRecognizer):
    """Cells of one entity under a labelled column of a delimited table (see :func:`_table_cells`)."""

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        """The table cells of this recognizer's entity."""
        if "\n" not in text:
            return
        for entity, start, end in _table_cells(text):
            if entity == self.ENTITY:
                yield start, end, 0.6


__all__ = [
    "CASE_SENSITIVE",
    "LANGUAGE",
    "AnchoredRecognizer",
    "ClinicalPatternRecognizer",
    "SpanRecognizer",
    "match_patterns",
    "plan_patterns",
]
