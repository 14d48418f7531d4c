"""A learned token tagger: a second opinion on every token, after the rules.

Hand-written rules learn their authors' layouts: each new tuning split by new authors scored 0.79-0.86
recall before anyone tuned on it, against 0.97-0.99 on the splits the rules were written on. This tagger
generalises differently. It is a logistic regression over hashed features of a token and its neighbours:
the word, its shape, prefix and suffix, how common it is in English, whether the name lists, gazetteer,
clinical terms or company suffixes hold it, the words and punctuation around it, its place in the line,
and, for a capitalised word, the run of capitalised words it stands in (the run's last word, a name's head
such as "Center" or "Zoo"; the word before the run, a cue such as "at" or "Dr"; its length; whether the
word opens it).
It never sees the rules' findings, so it does not learn to copy them. Its findings are added to the
rules' findings (:meth:`TokenTagger.spans`), and it is trained on the tuning splits by
``scripts/train_tagger.py``.

Measured (docs/benchmarks.md) on splits neither the rules nor the tagger had seen, threshold 0.5: clinical
dev5, rules 0.825 recall at 0.914 precision, with the tagger 0.904 at 0.879; general dev2, rules 0.853 at
0.944, with the tagger 0.910 at 0.923. The run features (feature version 2), each split left out of the
tagger's training in turn (rules as committed): clinical dev5 0.991 / 0.893 -> 0.992 / 0.897, general dev2
0.952 / 0.931 -> 0.953 / 0.929, presidio-synth dev 0.984 / 0.968 -> 0.984 / 0.973 (recall / precision).

The weights ship in ``data/tagger.npz``, about 1 MB: 2**18 float32 weights, a bias and the training
record. A token's probability is a sigmoid over the sum of its features' weights. Nothing is downloaded.
The model holds no training text, only hashed feature weights.
"""

from __future__ import annotations

import json
import re
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import mmh3
import numpy as np

from safecohort.errors import DetectionError

#: Hash space of the features (sklearn's FeatureHasher, murmurhash3, no sign flip).
N_FEATURES = 2**18
#: Bumped whenever :func:`token_features` changes, so that an old weights file is refused.
FEATURE_VERSION = 2
MODEL_RESOURCE = "data/tagger.npz"
#: The entity kind of a tagged span no rule typed and the shape of its words does not type.
ENTITY = "PHI"

_TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
# Tokens of one span: only spaces, a hyphen, an apostrophe, a dot or a comma between them, same line.
_JOIN = re.compile(r"[ \t'’.,-]{0,2}")
# A tagged span this close to a rule's finding (same line, no comma or colon between) extends it.
_ADJACENT = re.compile(r"[ \t'’.#/-]{0,2}")


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if ch.isdigit():
            code = "d"
        elif ch.isupper():
            code = "X"
        elif ch.isalpha():
            code = "x"
        else:
            code = ch
        if len(out) < 2 or out[-1] != code or out[-2] != code:
            out.append(code)
    return "".join(out)


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], ...]:
    # lazy: vocab loads Faker (0.15 s); importing the scanner module stays light
    from safecohort.detect.vocab import clinical_terms, lexicon, us_first_names, us_last_names

    lex = lexicon()
    return (
        lex.first_names,
        lex.last_names,
        us_first_names(),
        us_last_names(),
        lex.cities,
        lex.countries,
        clinical_terms(),
        lex.company_suffixes,
    )


_FLAGS = ("fn", "ln", "usfn", "usln", "city", "country", "clin", "csuf")


@lru_cache(maxsize=200_000)
def _word_features(word: str) -> tuple[str, ...]:
    """Features of a word on its own, the same wherever it stands."""
    # lazy: vocab loads Faker (0.15 s); importing the scanner module stays light
    from safecohort.detect.vocab import zipf

    lower = word.lower()
    features = [f"sh={_shape(word)}", f"z={min(6, int(zipf(lower)))}", f"len={min(8, len(word))}"]
    features += [flag for flag, words in zip(_FLAGS, _lists(), strict=True) if lower in words]
    return tuple(features)


@lru_cache(maxsize=200_000)
def _neighbour_features(word: str, offset: int) -> tuple[str, ...]:
    """A neighbour's word features, marked with its offset ("-1:sh=Xx")."""
    return tuple(f"{offset:+d}:{feature}" for feature in _word_features(word))


def tokens(text: str) -> list[tuple[int, int]]:
    """Character ranges of the note's tokens: runs of letters and digits."""
    return [match.span() for match in _TOKEN.finditer(text)]


@lru_cache(maxsize=200_000)
def _own(word: str) -> tuple[str, ...]:
    lower = word.lower()
    return (f"w={lower}", f"p3={lower[:3]}", f"s3={lower[-3:]}", *_word_features(word))


@lru_cache(maxsize=200_000)
def _near(word: str, offset: int) -> tuple[str, ...]:
    return (f"w{offset:+d}={word.lower()}", *_neighbour_features(word, offset))


@lru_cache(maxsize=200_000)
def _far(lower: str, offset: int) -> tuple[str, ...]:
    return (f"w{offset:+d}={lower}",)


@lru_cache(maxsize=20_000)
def _gap(gap: str, offset: int) -> tuple[str, ...]:
    return (f"g{offset:+d}={_SPACE.sub(' ', gap)[:3]}",)


_NONE = {offset: (f"w{offset:+d}=<none>",) for offset in (-2, -1, 1, 2)}
_LINE = [(f"linepos={position}",) for position in range(4)]


@lru_cache(maxsize=200_000)
def _run(last: str, before: str, length: int, opens: bool) -> tuple[str, ...]:
    """A capitalised run's features: its last word (a name's head: "center", "zoo"), the word before it
    (a cue: "at", "dr"), its length and whether the token opens it."""
    return (f"run_last={last}", f"run_before={before}", f"run_len={length}", f"run_opens={opens}")


def _capitalised_runs(
    text: str, spans: Sequence[tuple[int, int]], words: Sequence[str]
) -> list[tuple[int, int] | None]:
    """For each token, the (first, last) token indexes of the run of capitalised words it stands in (words
    joined by a space, a hyphen, an apostrophe or an initial's dot on one line), or None."""
    out: list[tuple[int, int] | None] = [None] * len(words)
    index = 0
    while index < len(words):
        if not words[index][:1].isupper():
            index += 1
            continue
        last = index
        while (
            last + 1 < len(words)
            and words[last + 1][:1].isupper()
            and _JOIN.fullmatch(text, spans[last][1], spans[last + 1][0])
            and "\n" not in text[spans[last][1] : spans[last + 1][0]]
        ):
            last += 1
        for member in range(index, last + 1):
            out[member] = (index, last)
        index = last + 1
    return out


def _token_groups(
    text: str, spans: Sequence[tuple[int, int]], wanted: Sequence[bool] | None = None
) -> Iterator[list[tuple[str, ...]]]:
    """Each token's features, in groups that repeat from token to token (a word's own features, a
    neighbour's, a gap's), so that a group's weight can be summed once and looked up after. A token
    ``wanted`` marks False gets no groups (an empty list)."""
    words = [text[start:end] for start, end in spans]
    count = len(words)
    runs = _capitalised_runs(text, spans, words)
    line_start, line_tokens = 0, 0
    for index, (start, end) in enumerate(spans):
        line = text.rfind("\n", line_start, start)
        if line != -1:
            line_start, line_tokens = line + 1, 0
        if wanted is not None and not wanted[index]:
            line_tokens += 1
            yield []
            continue
        groups = [_own(words[index]), _LINE[min(3, line_tokens)]]
        groups.append(_far(words[index - 2].lower(), -2) if index >= 2 else _NONE[-2])
        if index >= 1:
            groups += (_near(words[index - 1], -1), _gap(text[spans[index - 1][1] : start], -1))
        else:
            groups.append(_NONE[-1])
        if index + 1 < count:
            groups += (_near(words[index + 1], 1), _gap(text[end : spans[index + 1][0]], 1))
        else:
            groups.append(_NONE[1])
        groups.append(_far(words[index + 2].lower(), 2) if index + 2 < count else _NONE[2])
        run = runs[index]
        if run is not None:
            first, last = run
            before = words[first - 1].lower() if first > 0 else "<none>"
            groups.append(_run(words[last].lower(), before, min(4, last - first + 1), index == first))
        yield groups
        line_tokens += 1


def token_features(text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[list[str]]:
    """The feature strings of each token of ``text`` (``spans`` from :func:`tokens`): the word, its
    prefix and suffix, shape, English frequency and list memberships; the same for the words before and
    after it, the two words beyond them, the punctuation between, and the token's place in its line."""
    spans = tokens(text) if spans is None else spans
    return [[feature for group in groups for feature in group] for groups in _token_groups(text, spans)]


class TokenTagger:
    """Probabilities that tokens are PHI, from the shipped weights (see the module docstring)."""

    def __init__(self, weights: np.ndarray, bias: float, record: dict[str, Any]) -> None:
        if weights.shape != (N_FEATURES,):
            raise DetectionError(f"the tagger's weights have shape {weights.shape}, not ({N_FEATURES},)")
        if record.get("feature_version") != FEATURE_VERSION:
            raise DetectionError(
                f"the tagger's weights were trained for feature version {record.get('feature_version')}, "
                f"this safecohort computes version {FEATURE_VERSION}; retrain with scripts/train_tagger.py"
            )
        self.weights = weights.astype(np.float32, copy=False)
        self.bias = float(bias)
        self.record = record
        self._weights: dict[tuple[str, ...], float] = {}  # feature group -> summed weight, as met

    def __repr__(self) -> str:
        corpora = ", ".join(self.record.get("corpora", []))
        return f"TokenTagger(features={N_FEATURES}, trained on: {corpora})"

    def _group_weight(self, group: tuple[str, ...]) -> float:
        """The summed weight of a feature group. A feature's weight sits at sklearn's FeatureHasher index
        (murmurhash3 of the UTF-8 bytes, seed 0, absolute value modulo the hash space). The hash comes
        from mmh3, the same MurmurHash3_x86_32 (signed) as sklearn's ``murmurhash3_32`` (tested equal):
        importing scikit-learn for it cost a cold ``scan`` 1.2 s."""
        if len(self._weights) > 1_000_000:  # a bound on memory over very long runs
            self._weights.clear()
        weight = sum(
            float(self.weights[abs(mmh3.hash(feature.encode("utf-8"), seed=0, signed=True)) % N_FEATURES])
            for feature in group
        )
        self._weights[group] = weight
        return weight

    def probabilities(
        self, text: str, spans: Sequence[tuple[int, int]] | None = None, wanted: Sequence[bool] | None = None
    ) -> np.ndarray:
        """The probability that each token (``spans``, default :func:`tokens`) is part of a PHI span; a
        token ``wanted`` marks False is not scored (its probability is the bias's)."""
        spans = tokens(text) if spans is None else spans
        known = self._weights
        logits = np.fromiter(
            (
                sum(known[g] if g in known else self._group_weight(g) for g in groups)
                for groups in _token_groups(text, spans, wanted)
            ),
            dtype=np.float64,
            count=len(spans),
        )
        return 1.0 / (1.0 + np.exp(-np.clip(logits + self.bias, -30, 30)))

    def spans(
        self, text: str, threshold: float, covered: Iterable[tuple[int, int, str]]
    ) -> list[tuple[int, int, str, float]]:
        """PHI spans the tagger adds: runs of tokens above ``threshold`` that no finding in ``covered``
        ((start, end, entity) of the rules) holds. A run next to a rule's finding on the same line takes
        that finding's entity (it extends "Mercy" to "Mercy Renal Care"); any other run is typed by its
        words: digits make an ``ID_NUMBER``, listed names a ``PERSON``, listed places a ``LOCATION``,
        anything else ``PHI``. A run no finding touches, or next to a name, is dropped when doubtful (see
        :meth:`_doubtful`). Returns (start, end, entity, probability)."""
        spans = tokens(text)
        if not spans:
            return []
        found = sorted(covered)
        starts = [start for start, _, _ in found]
        free = [not _inside(found, starts, start, end) for start, end in spans]
        probabilities = self.probabilities(text, spans, free)
        runs: list[list[int]] = []
        for index, (start, _end) in enumerate(spans):
            if not free[index] or probabilities[index] <= threshold:
                continue
            if runs and runs[-1][-1] == index - 1 and self._joins(text, spans[index - 1], start):
                runs[-1].append(index)
            else:
                runs.append([index])
        out = []
        for run in runs:
            start, end = spans[run[0]][0], spans[run[-1]][1]
            neighbour = self._neighbour(text, start, end, found)
            probability = float(min(probabilities[i] for i in run))
            # Names do not grow by everyday words or numbers ("Daughter", "84" in "Mary Lee, 84-year-old").
            if neighbour in (None, "PERSON") and self._doubtful(text, [spans[i] for i in run], probability):
                continue
            out.append((start, end, neighbour or self._entity(text, start, end), probability))
        return out

    @staticmethod
    def _doubtful(text: str, run: list[tuple[int, int]], probability: float) -> bool:
        """Whether a run no rule's finding touches is too weak to report: everyday English words below
        :data:`PLAIN_PROBABILITY`, or one such word opening a sentence ("Internal Medicine", "Blood Bank",
        "Park", "Health care proxy": the rules judge such words by their cues), or fewer than five digits
        alone or with a unit ("4.5", "15", "1430", "62yo", "10mg": values, doses, ages, clock times)."""
        words = [text[a:b] for a, b in run]
        if all(word.isdigit() or _MEASURE.fullmatch(word) for word in words):
            return sum(ch.isdigit() for word in words for ch in word) < 5
        if not all(_plain(word) for word in words):
            return False
        before = text[max(0, run[0][0] - 20) : run[0][0]].rstrip(" \t\"'(")
        sentence_start = not before or before[-1] in ".!?:\n"
        return probability < PLAIN_PROBABILITY or (len(words) == 1 and sentence_start)

    @staticmethod
    def _joins(text: str, previous: tuple[int, int], start: int) -> bool:
        """Whether a token continues the run of the token before it: only a space, hyphen, apostrophe,
        comma or the dot of an initial between them ("J. Smith", not "Medicine. Brief")."""
        gap = text[previous[1] : start]
        return bool(_JOIN.fullmatch(gap)) and ("." not in gap or previous[1] - previous[0] == 1)

    @staticmethod
    def _neighbour(text: str, start: int, end: int, found: list[tuple[int, int, str]]) -> str | None:
        """The entity of a rule's finding right before or after the run on the same line, if any."""
        for other_start, other_end, entity in found:
            if other_end <= start and _ADJACENT.fullmatch(text, other_end, start):
                return entity
            if end <= other_start and _ADJACENT.fullmatch(text, end, other_start):
                return entity
        return None

    @staticmethod
    def _entity(text: str, start: int, end: int) -> str:
        if any(ch.isdigit() for ch in text[start:end]):
            return "ID_NUMBER"
        first, last, us_first, us_last, cities, countries, _, _ = _lists()
        lowers = [word.lower() for word in _TOKEN.findall(text, start, end)]
        if any(w in first or w in last or w in us_first or w in us_last for w in lowers):
            return "PERSON"
        if any(w in cities or w in countries for w in lowers):
            return "LOCATION"
        return ENTITY


# A number with a unit or an age written after it: "62yo", "10mg", "3cm", "5x".
_MEASURE = re.compile(r"\d+[a-z]{1,3}")
#: A run of everyday words no rule's finding touches needs at least this probability.
PLAIN_PROBABILITY = 0.8
#: English words at least this frequent (Zipf) are everyday words.
_PLAIN_ZIPF = 3.5


def _plain(word: str) -> bool:
    """An everyday English word or a clinical term (never a word with a digit)."""
    # lazy: vocab loads Faker (0.15 s); importing the scanner module stays light
    from safecohort.detect.vocab import clinical_terms, zipf

    if any(ch.isdigit() for ch in word):
        return False
    lower = word.lower()
    return len(word) == 1 or lower in clinical_terms() or zipf(lower) >= _PLAIN_ZIPF


def _inside(found: list[tuple[int, int, str]], starts: list[int], start: int, end: int) -> bool:
    """Whether a finding of ``found`` (sorted, with their ``starts``) overlaps [start, end)."""
    index = bisect_right(starts, start)
    return (index > 0 and found[index - 1][1] > start) or (index < len(found) and found[index][0] < end)


_TAGGER: TokenTagger | None = None
_TAGGER_LOCK = threading.Lock()


def get_tagger() -> TokenTagger:
    """The shipped tagger, loaded once per process."""
    global _TAGGER
    with _TAGGER_LOCK:
        if _TAGGER is None:
            try:
                raw = resources.files("safecohort.detect").joinpath(MODEL_RESOURCE).read_bytes()
            except OSError as exc:
                raise DetectionError(
                    f"the tagger's weights ({MODEL_RESOURCE}) could not be read ({type(exc).__name__}); "
                    "reinstall safecohort or set notes.tagger: false"
                ) from None
            # lazy: only when the weights are read
            import io

            with np.load(io.BytesIO(raw), allow_pickle=False) as data:
                record = json.loads(str(data["record"]))
                _TAGGER = TokenTagger(data["weights"], float(data["bias"]), record)
        return _TAGGER


__all__ = [
    "ENTITY",
    "FEATURE_VERSION",
    "N_FEATURES",
    "TokenTagger",
    "get_tagger",
    "token_features",
    "tokens",
]
