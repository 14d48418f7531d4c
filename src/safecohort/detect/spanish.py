"""Spanish notes (``notes.language: es``): spaCy's blank Spanish tokenizer, a learned CRF and a few rules.

spaCy's trained Spanish pipelines on PyPI predate spaCy 3.8, and presidio's English recognizers read
English cues, so Spanish notes take their own path. Each note is cut into tokens by ``spacy.blank("es")``
(shipped with spaCy: rules, no weights, nothing downloaded); each line's tokens are a sequence for a
linear-chain CRF (CRFsuite, through ``python-crfsuite``) whose features generalise beyond the notes it
was trained on: the word, its prefixes and suffixes, shape, casing and digits, how common it is in Spanish
(wordfreq), whether Faker's names of every locale or its and GeoNames' places list it, the words and
shapes around it, and the label that opens its line ("Nombre:", "NHC:", "Domicilio:"). A token is PHI
when the CRF's marginal probability that it is outside every entity is below ``1 - threshold``.

Rules add what has a fixed form whatever the layout: e-mail addresses, web addresses, dates written with
digits or with a Spanish month name, and labelled identifiers (NHC, DNI, NIF, NASS, número de colegiado,
teléfono, fax). They add recall on notes unlike the training notes; the CRF learned the rest.

The CRF is trained on MEDDOCAN's train split only by ``scripts/train_tagger_es.py`` (seeded,
deterministic); its weights ship in ``data/tagger_es.crfsuite``. Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import json
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import regex

from safecohort.detect.tagger import _shape  # the English tagger's word shape: "Xxxx", "dd/dd/dddd"
from safecohort.errors import DetectionError

MODEL_RESOURCE = "data/tagger_es.crfsuite"
#: Bumped whenever :func:`sequence_features` changes; the training record must name the same version.
FEATURE_VERSION = 1
OUTSIDE = "O"
#: The entity kind of a span the rules or the CRF found and whose type nothing narrower names.
ENTITY = "PHI"

#: MEDDOCAN's gold labels -> safecohort entity kinds (what a policy's ``notes.entities`` names).
_KINDS = {
    "NOMBRE_SUJETO_ASISTENCIA": "PERSON",
    "NOMBRE_PERSONAL_SANITARIO": "PERSON",
    "TERRITORIO": "LOCATION",
    "PAIS": "LOCATION",
    "CALLE": "STREET_ADDRESS",
    "FECHAS": "DATE_TIME",
    "EDAD_SUJETO_ASISTENCIA": "AGE",
    "ID_SUJETO_ASISTENCIA": "MEDICAL_RECORD_NUMBER",
    "CORREO_ELECTRONICO": "EMAIL_ADDRESS",
    "NUMERO_TELEFONO": "PHONE_NUMBER",
    "NUMERO_FAX": "PHONE_NUMBER",
    "HOSPITAL": "HOSPITAL",
    "CENTRO_SALUD": "HOSPITAL",
    "INSTITUCION": "ORGANIZATION",
    "PROFESION": "PROFESSION",
    "FAMILIARES_SUJETO_ASISTENCIA": "RELATIVE",
    "URL_WEB": "URL",
}
#: Gold labels that are not identifiers: the patient's sex.
NOT_PHI = frozenset({"SEXO_SUJETO_ASISTENCIA"})
#: Every kind the Spanish path reports.
KINDS = frozenset({*_KINDS.values(), "ID_NUMBER", ENTITY})


def kind_of(label: str) -> str | None:
    """The entity kind a MEDDOCAN label trains (None: not PHI). Identifiers of any kind are ID_NUMBER."""
    if label in NOT_PHI:
        return None
    if label in _KINDS:
        return _KINDS[label]
    if label.startswith(("ID_", "IDENTIF_", "NUMERO_")):
        return "ID_NUMBER"
    return ENTITY


@cache
def _tokenizer() -> Any:
    """spaCy's rule-based Spanish tokenizer (``spacy.blank("es")``: no weights, nothing downloaded)."""
    # lazy: spaCy (seconds) loads only when a Spanish note is scanned or the tagger trained
    import spacy

    return spacy.blank("es").tokenizer


def lines_of_tokens(text: str) -> list[list[tuple[int, int]]]:
    """The note's tokens as (start, end) character ranges, one list per line (blank lines left out)."""
    lines: list[list[tuple[int, int]]] = [[]]
    for token in _tokenizer()(text):
        if token.is_space:
            if "\n" in token.text and lines[-1]:
                lines.append([])
            continue
        start = token.idx
        # spaCy keeps a line break inside no token, but a break before a token opens a new line
        if lines[-1] and "\n" in text[lines[-1][-1][1] : start]:
            lines.append([])
        lines[-1].append((start, start + len(token.text)))
    return [line for line in lines if line]


def _fold(word: str) -> str:
    """Lower case without accents ("Cuéllar" -> "cuellar"): lists spell names either way."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Folded first names, last names, cities and countries of every Faker locale, plus GeoNames'."""
    # lazy: vocab loads Faker (0.15 s) and GeoNames (0.5 s); importing this module stays light
    from safecohort.detect.vocab import gazetteer, lexicon

    lex, geo = lexicon(), gazetteer()
    cities = {_fold(c) for c in lex.cities} | {_fold(c) for c, n in geo.cities.items() if n >= 15_000}
    countries = {_fold(c) for c in lex.countries | geo.countries}
    return (
        frozenset(_fold(w) for w in lex.first_names),
        frozenset(_fold(w) for w in lex.last_names),
        frozenset(cities),
        frozenset(countries),
    )


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, ...]:
    """A word's own features, wherever it stands."""
    # lazy: wordfreq loads its Spanish table once, on the first word
    from wordfreq import zipf_frequency

    lower, folded = word.lower(), _fold(word)
    first, last, cities, countries = _lists()
    features = [
        f"sh={_shape(word)}",
        f"len={min(len(word), 10)}",
        f"zes={int(zipf_frequency(lower, 'es'))}",
    ]
    if word[:1].isupper():
        features.append("title")
    if word.isupper() and len(word) > 1:
        features.append("upper")
    if any(ch.isdigit() for ch in word):
        features.append("digit" if word.isdigit() else "hasdigit")
    features += [
        name
        for name, words in (("fn", first), ("ln", last), ("city", cities), ("country", countries))
        if folded in words
    ]
    return tuple(features)


@lru_cache(maxsize=200_000)
def _own(word: str) -> tuple[str, ...]:
    lower = word.lower()
    return (
        f"w={lower}",
        f"p2={lower[:2]}",
        f"p3={lower[:3]}",
        f"s2={lower[-2:]}",
        f"s3={lower[-3:]}",
        f"s4={lower[-4:]}",
        *_word(word),
    )


@lru_cache(maxsize=200_000)
def _near(word: str, offset: int) -> tuple[str, ...]:
    return (f"{offset:+d}w={word.lower()}", *(f"{offset:+d}{f}" for f in _word(word)))


_CUE_END = frozenset({":", "."})


def sequence_features(text: str, line: Sequence[tuple[int, int]]) -> list[list[str]]:
    """Each token's features (CRFsuite attributes, each worth 1): its own, its neighbours' (two each
    side: words and word features; three back: words), the gaps around it, its place in the line, and the
    line's opening label: the lower-case words before the line's first colon when the token follows it."""
    words = [text[a:b] for a, b in line]
    colon = next((i for i, w in enumerate(words) if w == ":"), None)
    cue = " ".join(w.lower() for w in words[:colon][:3]) if colon is not None and colon <= 6 else None
    out: list[list[str]] = []
    for index, (start, end) in enumerate(line):
        features = ["bias", *_own(words[index]), f"pos={min(index, 5)}"]
        if cue is not None and colon is not None:
            features.append(f"cue={cue}" if index > colon else f"incue={cue}")
            features.append(f"aftercolon={min(index - colon, 4)}" if index > colon else "beforecolon")
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < len(words):
                features += _near(words[other], offset)
            else:
                features.append(f"{offset:+d}none")
        if index >= 3:
            features.append(f"-3w={words[index - 3].lower()}")
        if index > 0:
            features.append(f"-1gap={text[line[index - 1][1] : start][:2]}")
        if index + 1 < len(line):
            features.append(f"+1gap={text[end : line[index + 1][0]][:2]}")
        out.append(features)
    return out


# --- rules -------------------------------------------------------------------------------------------

_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
# A capitalised word, and a run of up to four joined by "de", "del", "de la", "y" ("Virgen de la Salud").
_NAME = r"\p{Lu}[\p{Ll}'’-]+"
_NAMES = rf"{_NAME}(?:[ ](?:de[ ](?:la[ ]|los[ ]|las[ ])?|del[ ]|y[ ])?{_NAME}){{0,3}}"
_TITLE = r"\b(?:Dr|Dra|D|Dña|Sr|Sra|Srta|Don|Doña)\.?[ ]"
_KIN = (
    r"\b(?:hij[oa]|espos[oa]|marido|madre|padre|herman[oa]|abuel[oa]|niet[oa]|sobrin[oa]|prim[oa]"
    r"|cuñad[oa]|suegr[oa]|yerno|nuera|pareja)[ ]"
)
_PLACE_CUE = (
    r"\b(?:natural|originari[oa]|procedente|nacid[oa]|residente|vecin[oa]|domiciliad[oa])[ ](?:de|en)[ ]"
    r"|\b(?:vive|reside)[ ]en[ ]"
)
_STREET = (
    r"\b(?:[Cc]alle|[Cc]/|[Aa]venida|[Aa]vda\.?|[Pp]laza|[Pp]aseo|[Cc]arretera|[Cc]amino|[Rr]onda"
    r"|[Tt]ravesía|[Gg]lorieta|[Uu]rbanización)[ ]?(?:de[ ](?:la[ ]|los[ ]|las[ ])?|del[ ])?"
    rf"{_NAMES}(?:,?[ ](?:n[º°o]\.?[ ]?)?\d+[\wºª/-]*)?"
)
_FACILITY = (
    r"\b(?:Hospital|Clínica|Complejo[ ]Hospitalario|Centro[ ]de[ ]Salud|Centro[ ]Médico|Sanatorio"
    r"|Policlínica|Ambulatorio)(?:[ ](?:Universitario|General|Clínico|Comarcal|Provincial))*"
    rf"(?:[ ](?:de[ ](?:la[ ]|los[ ]|las[ ])?|del[ ])?(?:{_NAME}|\d+[ ]de[ ]\p{{L}}+))+"
)
#: (entity kind, pattern) for what has a fixed form whatever the note's layout.
_RULES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("PERSON", regex.compile(rf"(?:{_TITLE}|{_KIN})\K{_NAMES}")),
    ("LOCATION", regex.compile(rf"(?:{_PLACE_CUE})\K{_NAMES}")),
    ("STREET_ADDRESS", regex.compile(_STREET)),
    ("HOSPITAL", regex.compile(_FACILITY)),
    ("EMAIL_ADDRESS", regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("URL", regex.compile(r"\b(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:]", regex.IGNORECASE)),
    (
        "DATE_TIME",
        regex.compile(
            r"\b(?:(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:19|20)?\d\d"
            rf"|[0-3]?\d\s+de\s+(?:{_MONTHS})(?:\s+(?:de|del)\s+(?:19|20)\d\d)?"
            rf"|(?:{_MONTHS})\s+(?:de|del)\s+(?:19|20)\d\d)\b",
            regex.IGNORECASE,
        ),
    ),
    (
        "ID_NUMBER",
        regex.compile(
            r"(?:\b(?:NHC|NIF|DNI|NIE|NASS|NSS|CIP|n[º°o]\.?\s*(?:de\s+)?(?:historia|colegiado|col\.?)"
            r"|historia\s+cl[ií]nica)\b\s*(?:n[º°o]\.?)?\s*[:.]?\s*)\K"
            r"(?-i:(?=[0-9A-Z /-]*\d)[0-9A-Z][0-9A-Z /-]{3,}[0-9A-Z])\b",
            regex.IGNORECASE,
        ),
    ),
    (
        "PHONE_NUMBER",
        regex.compile(
            r"(?:\b(?:tel[ée]fono|tel|tfno|fax|m[óo]vil)\.?\s*(?:de\s+contacto)?\s*[:.]?\s*)\K"
            r"\+?\d[\d .-]{7,}\d\b",
            regex.IGNORECASE,
        ),
    ),
)


def rule_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of every rule's match."""
    for kind, pattern in _RULES:
        for match in pattern.finditer(text):
            yield match.start(), match.end(), kind


# --- the tagger --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tagged:
    """A span found in a Spanish note: character range (end exclusive), entity kind, confidence."""

    start: int
    end: int
    entity_type: str
    score: float


# Tokens of one span: on one line, with at most a space, a hyphen, a slash, a comma or a dot between them.
_JOIN = regex.compile(r"[ \t/.,ºª-]{0,3}")


class SpanishTagger:
    """The shipped CRF and the rules over Spanish notes (see the module docstring)."""

    def __init__(self, model: bytes, record: dict[str, Any]) -> None:
        if record.get("feature_version") != FEATURE_VERSION:
            raise DetectionError(
                f"the Spanish tagger was trained for feature version {record.get('feature_version')}, this "
                f"safecohort computes version {FEATURE_VERSION}; retrain with scripts/train_tagger_es.py"
            )
        # lazy: python-crfsuite (C extension) loads only when Spanish notes are scanned
        import pycrfsuite

        self.record = record
        self._lock = threading.Lock()  # a CRFsuite tagger holds one sequence at a time
        self._model = model  # CRFsuite reads the model from this buffer without copying it
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._model)
        self._labels = [label for label in self._tagger.labels() if label != OUTSIDE]

    def __repr__(self) -> str:
        return f"SpanishTagger(trained on: {', '.join(self.record.get('corpora', []))})"

    def token_probabilities(self, text: str) -> list[tuple[tuple[int, int], float, str]]:
        """Each token's range, the probability that it is part of a PHI span and the most likely kind."""
        out: list[tuple[tuple[int, int], float, str]] = []
        for line in lines_of_tokens(text):
            features = sequence_features(text, line)
            with self._lock:
                self._tagger.set(features)
                for index, span in enumerate(line):
                    phi = 1.0 - self._tagger.marginal(OUTSIDE, index)
                    kind = ""
                    if phi > 0.05:
                        best = max(self._labels, key=lambda label: self._tagger.marginal(label, index))
                        kind = best.split("-", 1)[1]
                    out.append((span, phi, kind))
        return out

    def find(self, text: str, threshold: float) -> list[Tagged]:
        """Spans of tokens whose PHI probability exceeds ``threshold`` (consecutive ones of one kind on a
        line joined), then the rules' matches, each as one :class:`Tagged`."""
        found: list[Tagged] = []
        run: list[tuple[int, int, float, str]] = []

        def close() -> None:
            if run:
                found.append(Tagged(run[0][0], run[-1][1], run[0][3], min(r[2] for r in run)))
                run.clear()

        for (start, end), phi, kind in self.token_probabilities(text):
            if phi <= threshold:
                close()
                continue
            if run and (run[-1][3] != kind or not _JOIN.fullmatch(text, run[-1][1], start)):
                close()
            run.append((start, end, phi, kind))
        close()
        found += [Tagged(start, end, kind, 1.0) for start, end, kind in rule_spans(text)]
        return found


_TAGGER: SpanishTagger | None = None
_TAGGER_LOCK = threading.Lock()


def get_spanish_tagger() -> SpanishTagger:
    """The shipped Spanish tagger, loaded once per process."""
    global _TAGGER
    with _TAGGER_LOCK:
        if _TAGGER is None:
            package = resources.files("safecohort.detect")
            try:
                model = package.joinpath(MODEL_RESOURCE).read_bytes()
                record_text = package.joinpath(MODEL_RESOURCE + ".json").read_text("utf-8")
            except OSError as exc:
                raise DetectionError(
                    f"the Spanish tagger's weights ({MODEL_RESOURCE}) could not be read "
                    f"({type(exc).__name__}); reinstall safecohort"
                ) from None
            _TAGGER = SpanishTagger(model, json.loads(record_text))
        return _TAGGER


__all__ = [
    "ENTITY",
    "FEATURE_VERSION",
    "KINDS",
    "NOT_PHI",
    "SpanishTagger",
    "Tagged",
    "get_spanish_tagger",
    "kind_of",
    "lines_of_tokens",
    "rule_spans",
    "sequence_features",
]
