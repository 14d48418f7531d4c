"""Evaluation tooling for note de-identification: the shared span format, the metric, and converters.

Everything that measures how well notes are de-identified goes through here (the tests, ``bench/`` and
``scripts/train_tagger.py``). It is tooling beside the library, not a stage: it reads and writes files
(:mod:`safecohort.io`) and scores any detector's spans, so nothing in the pipeline imports it and the
detect stage stays free of file I/O.

- the **span format** of ``../shared/data``: one JSON object per line, ``{"id", "text", "spans":
  [{"start", "end", "label", "text"}], ...}``, character offsets into ``text``, end exclusive
  (:func:`read_corpus`, :func:`write_corpus`; :class:`Document`, :class:`Span`);
- the **metric** of ``../shared/eval/score.py``, label-blind on the prediction side (:func:`score`):
  token recall, precision and F2 over runs of ``[A-Za-z0-9]``, strict and loose entity recall, overall and
  per gold label; and its prediction format ``{"id", "spans": [{"start", "end"}]}``
  (:func:`read_predictions`, :func:`write_predictions`);
- **converters** from the restricted corpora users may hold (the repository ships none of their text):
  PhysioNet's "deidentified medical text" (:func:`read_physionet`), i2b2 2006 (:func:`read_i2b2_2006`)
  and i2b2 2014 (:func:`read_i2b2_2014`). ``python -m safecohort.evaluation --help`` runs them.

Errors are :class:`~safecohort.errors.InputError` naming the file and the line, record or tag index,
never a note's text or a span's phrase: these files hold PHI (or realistic surrogates of it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safecohort.errors import InputError, SafecohortError
from safecohort.io import write_text

#: Predicted spans per note id, ``(start, end)`` character offsets, end exclusive; labels play no part.
Predictions = Mapping[str, Sequence[tuple[int, int]]]

#: What score.py counts as a token.
TOKEN = re.compile(r"[A-Za-z0-9]+")
_RESERVED = ("id", "text", "spans")


@dataclass(frozen=True, slots=True)
class Span:
    """One annotated PHI span: character offsets into the note (end exclusive) and its gold label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Document:
    """One annotated note. ``extra`` keeps the line's other fields (e.g. presidio-synth's ``template``)
    so that reading and writing a corpus round-trips. The repr never shows the note's text."""

    id: str
    text: str = field(repr=False)
    spans: tuple[Span, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def span_text(self, span: Span) -> str:
        """The characters a span covers."""
        return self.text[span.start : span.end]

    def to_json(self) -> dict[str, Any]:
        """The document as one line of the span format."""
        return {
            "id": self.id,
            **self.extra,
            "text": self.text,
            "spans": [
                {"start": s.start, "end": s.end, "label": s.label, "text": self.span_text(s)}
                for s in self.spans
            ],
        }


# --- the span format ------------------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_span(where: str, index: int, span: Span, text: str) -> None:
    if not span.label:
        raise InputError(f"{where}: span {index} has an empty label")
    if not 0 <= span.start < span.end <= len(text):
        raise InputError(
            f"{where}: span {index} offsets ({span.start}, {span.end}) are empty or outside the note "
            f"of {len(text)} characters"
        )


def _document(where: str, record: object) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{where}: not a JSON object")
    doc_id, text, spans = record.get("id"), record.get("text"), record.get("spans")
    if not isinstance(doc_id, str) or not doc_id:
        raise InputError(f"{where}: 'id' must be a non-empty string")
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' must be a string")
    if not isinstance(spans, list):
        raise InputError(f"{where}: 'spans' must be a list")
    parsed: list[Span] = []
    for index, raw in enumerate(spans):
        if not isinstance(raw, dict):
            raise InputError(f"{where}: span {index} is not an object")
        start, end, label = raw.get("start"), raw.get("end"), raw.get("label")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str)) or any(
            isinstance(v, bool) for v in (start, end)
        ):
            raise InputError(f"{where}: span {index} needs integer 'start', 'end' and a string 'label'")
        span = Span(start, end, label)
        _check_span(where, index, span, text)
        if "text" in raw and raw["text"] != text[span.start : span.end]:
            raise InputError(f"{where}: span {index}'s 'text' differs from the note at its offsets")
        parsed.append(span)
    extra = {key: value for key, value in record.items() if key not in _RESERVED}
    return Document(doc_id, text, tuple(parsed), extra)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.is_file():
        raise InputError(f"corpus not found or not a file: {path}")
    try:
        with path.open(encoding="utf-8") as handle:
            yield from enumerate(handle, start=1)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 text (first bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror}") from None


def _records(file: Path) -> Iterator[tuple[str, Any]]:
    """(where, parsed JSON) for each non-blank line of a JSONL file; where = "name line N"."""
    for number, line in _lines(file):
        if not line.strip():
            continue
        where = f"{file.name} line {number}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"{where}: not valid JSON") from None


def read_corpus(path: str | Path) -> list[Document]:
    """Read a corpus in the span format; blank lines are skipped.

    Raises :class:`InputError` (file and line number) for invalid JSON, a missing or mistyped field, a
    span that is empty, out of range or whose ``text`` differs from the note, or a repeated id.
    """
    file = Path(path)
    documents: list[Document] = []
    seen: set[str] = set()
    for where, record in _records(file):
        document = _document(where, record)
        if document.id in seen:
            raise InputError(f"{where}: note id repeated (ids must be unique)")
        seen.add(document.id)
        documents.append(document)
    return documents


def _jsonl(records: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def write_corpus(documents: Iterable[Document], path: str | Path) -> Path:
    """Write documents in the span format, atomically (each span carries its ``text``)."""
    docs = list(documents)
    for document in docs:
        for index, span in enumerate(document.spans):
            _check_span(f"note {document.id!r}", index, span, document.text)
    return write_text(_jsonl(document.to_json() for document in docs), path)


def read_predictions(path: str | Path) -> dict[str, list[tuple[int, int]]]:
    """Read score.py's prediction format: ``{"id", "spans": [{"start", "end"}]}`` per line.

    As in score.py, a repeated id keeps its last line and extra fields are ignored.
    """
    file = Path(path)
    predictions: dict[str, list[tuple[int, int]]] = {}
    for where, record in _records(file):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise InputError(f"{where}: needs a string 'id'")
        spans = record.get("spans")
        if not isinstance(spans, list) or not all(
            isinstance(s, dict) and _is_int(s.get("start")) and _is_int(s.get("end")) for s in spans
        ):
            raise InputError(f"{where}: 'spans' must be a list of objects with integer 'start' and 'end'")
        predictions[record["id"]] = [(s["start"], s["end"]) for s in spans]
    return predictions


def write_predictions(predictions: Predictions, path: str | Path) -> Path:
    """Write predictions in score.py's format, atomically, one line per note in the mapping's order."""
    return write_text(
        _jsonl(
            {"id": doc_id, "spans": [{"start": start, "end": end} for start, end in spans]}
            for doc_id, spans in predictions.items()
        ),
        path,
    )


# --- the metric ------------------------------------------------------------------------------------------


class _EntityRecall:
    """Strict and loose entity recall, shared by the overall and the per-label scores."""

    __slots__ = ()
    entities: int
    strict: int
    loose: int

    @property
    def recall_strict(self) -> float:
        """Share of gold entities whose every character is covered by a prediction."""
        return self.strict / max(1, self.entities)

    @property
    def recall_loose(self) -> float:
        """Share of gold entities a prediction overlaps."""
        return self.loose / max(1, self.entities)


@dataclass(frozen=True, slots=True)
class LabelScores(_EntityRecall):
    """Entity and token counts for the gold spans of one label.

    ``token_tp``/``token_fn``: scored tokens (not touching an ignored span) that overlap a gold span of
    this label and are / are not covered by a prediction. Predictions carry no label, so a false
    positive belongs to no label: precision exists overall only.
    """

    entities: int
    strict: int
    loose: int
    token_tp: int
    token_fn: int

    @property
    def token_recall(self) -> float:
        return self.token_tp / max(1, self.token_tp + self.token_fn)


@dataclass(frozen=True)
class Scores(_EntityRecall):
    """What :func:`score` measures; every ratio is derived from the counts exactly as score.py does."""

    notes: int
    notes_missing: int
    entities: int
    strict: int
    loose: int
    tp: int
    fp: int
    fn: int
    by_label: Mapping[str, LabelScores]

    @property
    def token_recall(self) -> float:
        return self.tp / max(1, self.tp + self.fn)

    @property
    def token_precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    @property
    def token_f2(self) -> float:
        """F-beta with beta = 2: recall weighs four times as much as precision."""
        recall, precision = self.token_recall, self.token_precision
        return 5 * precision * recall / max(1e-9, 4 * precision + recall)

    def summary(self) -> str:
        """The two lines ``../shared/eval/score.py`` prints, character for character."""
        overall = (
            f"notes_missing={self.notes_missing} entities={self.entities} "
            f"recall_strict={self.recall_strict:.4f} recall_loose={self.recall_loose:.4f} "
            f"token_recall={self.token_recall:.4f} token_precision={self.token_precision:.4f} "
            f"token_F2={self.token_f2:.4f} tp={self.tp} fp={self.fp} fn={self.fn}"
        )
        labels = ", ".join(f"{k}={v.strict}/{v.entities}" for k, v in sorted(self.by_label.items()))
        return f"{overall}\nby label (strict recall): {labels}"

    def to_dict(self) -> dict[str, Any]:
        """Counts and ratios as plain JSON-ready data."""
        return {
            "notes": self.notes,
            "notes_missing": self.notes_missing,
            "entities": self.entities,
            "recall_strict": self.recall_strict,
            "recall_loose": self.recall_loose,
            "token_recall": self.token_recall,
            "token_precision": self.token_precision,
            "token_f2": self.token_f2,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "by_label": {
                label: {
                    "entities": s.entities,
                    "strict": s.strict,
                    "loose": s.loose,
                    "recall_strict": s.recall_strict,
                    "recall_loose": s.recall_loose,
                    "token_tp": s.token_tp,
                    "token_fn": s.token_fn,
                    "token_recall": s.token_recall,
                }
                for label, s in sorted(self.by_label.items())
            },
        }


def score(gold: Iterable[Document], predictions: Predictions, ignore: Iterable[str] = frozenset()) -> Scores:
    """Score predicted spans against gold documents with the metric of ``../shared/eval/score.py``.

    Predictions are label-blind. Per gold note: a character is *covered* when a predicted span (clipped
    to the note) holds it. A gold entity is a strict hit when every character is covered, a loose hit
    when one is. Tokens are runs of ``[A-Za-z0-9]``; a token touching a span of an ``ignore``d label is
    not scored; otherwise it is gold when it touches a gold span and predicted when it touches a covered
    character (tp / fp / fn). A gold note absent from ``predictions`` counts in ``notes_missing`` and is
    scored as if nothing was predicted; predictions for notes not in ``gold`` are ignored.
    """
    ignored = frozenset(ignore)
    notes = missing = entities = strict = loose = tp = fp = fn = 0
    labels: dict[str, list[int]] = {}  # label -> [entities, strict, loose, token_tp, token_fn]
    for document in gold:
        notes += 1
        if document.id not in predictions:
            missing += 1
        text = document.text
        size = len(text)
        covered = bytearray(size + 1)
        for start, end in predictions.get(document.id, ()):
            start, end = max(0, start), min(size, end)
            if start < end:
                covered[start:end] = b"\x01" * (end - start)
        gold_mask = bytearray(size + 1)
        ignored_mask = bytearray(size + 1)
        label_masks: dict[str, bytearray] = {}
        for span in document.spans:
            length = span.end - span.start
            if span.label in ignored:
                ignored_mask[span.start : span.end] = b"\x01" * length
                continue
            gold_mask[span.start : span.end] = b"\x01" * length
            label_mask = label_masks.setdefault(span.label, bytearray(size + 1))
            label_mask[span.start : span.end] = b"\x01" * length
            hits = covered[span.start : span.end].count(1)
            counts = labels.setdefault(span.label, [0, 0, 0, 0, 0])
            entities += 1
            counts[0] += 1
            if hits == length:
                strict += 1
                counts[1] += 1
            if hits:
                loose += 1
                counts[2] += 1
        for match in TOKEN.finditer(text):
            a, b = match.start(), match.end()
            if 1 in ignored_mask[a:b]:
                continue
            is_gold = 1 in gold_mask[a:b]
            is_predicted = 1 in covered[a:b]
            tp += is_gold and is_predicted
            fp += is_predicted and not is_gold
            fn += is_gold and not is_predicted
            if is_gold:
                for label, mask in label_masks.items():
                    if 1 in mask[a:b]:
                        labels[label][3 if is_predicted else 4] += 1
    return Scores(
        notes=notes,
        notes_missing=missing,
        entities=entities,
        strict=strict,
        loose=loose,
        tp=tp,
        fp=fp,
        fn=fn,
        by_label={label: LabelScores(*counts) for label, counts in labels.items()},
    )


# --- converters ------------------------------------------------------------------------------------------


def _read_source(path: Path, *, keep_newlines: bool = False) -> str:
    if not path.is_file():
        raise InputError(f"input not found or not a file: {path}")
    try:
        with path.open(encoding="utf-8", newline="" if keep_newlines else None) as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 text (first bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror}") from None


def _is_number(value: str) -> bool:
    return value.isascii() and value.isdigit()


def _line_at(content: str, position: int) -> int:
    """1-based line number of a character position (only computed for error messages)."""
    return content.count("\n", 0, position) + 1


def _same_phrase(a: str, b: str) -> bool:
    """Equal up to runs of whitespace (phrase files join a phrase's words with single spaces)."""
    return a.split() == b.split()


_PHYSIONET_RECORD = re.compile(r"START_OF_RECORD=(\d+)\|\|\|\|(\d+)\|\|\|\|[^\n]*\n")
_PHYSIONET_END = "||||END_OF_RECORD"


def read_physionet(text_path: str | Path, phrase_path: str | Path) -> list[Document]:
    """Convert PhysioNet's "deidentified medical text" corpus (``id.text`` + ``id-phi.phrase``).

    ``id.text`` holds records ``START_OF_RECORD=<patient>||||<record>||||`` (a line of its own) ...
    ``||||END_OF_RECORD``. A record's text is everything after the header line's newline up to the end
    marker, unchanged (a ``\\r`` stays a character); documents are named ``<patient>-<record>``.

    ``id-phi.phrase`` lines are ``<patient> <record> <start> <end> <type> <phrase...>``, the phrase last
    because it may hold spaces; the label is the type (``PTName``, ``HCPName``, ``Date``, ``DateYear``,
    ``Location``, ``Phone``, ``Age``, ...). A line without a type (``<patient> <record> <start> <end>
    <phrase...>``) is read too, labelled ``PHI``. Offsets are characters from the start of the record's
    text, end exclusive.

    What was verified and how (public sources, via code search, 2026-11): deid.pl of the PhysioNet
    ``deid`` package (v1.1) skips the START_OF_RECORD line, appends every following line with ``"\\n"``
    to the record's text and takes a PHI's words as ``substr($text, $start, $end - $start)`` (so offset 0
    is the first character after the header line, end exclusive); its ``stat.pm`` reads ``start end``
    pairs per ``Patient N Note M``; the Python port in the MingzheHu-Duke/deid2021 course repository
    subtracts exactly the header line's length (27 characters for ``START_OF_RECORD=1||||1||||\\n``) from
    positions in the raw record; and bert-deid's ``load_physionet_gs`` reads ``id-phi.phrase`` as five
    space-separated fields (patient, record, start, stop, type) followed by the phrase. The corpus itself
    is restricted and was not at hand, so the converter checks the convention on every span: its phrase
    must equal the record's text at its offsets (up to whitespace), or :class:`InputError` names the line.
    """
    text_file, phrase_file = Path(text_path), Path(phrase_path)
    content = _read_source(text_file, keep_newlines=True)
    texts: dict[str, str] = {}
    position = 0
    for match in _PHYSIONET_RECORD.finditer(content):
        problem = ""
        end = content.find(_PHYSIONET_END, match.end())
        doc_id = f"{match.group(1)}-{match.group(2)}"
        if content[position : match.start()].strip():
            problem = "text outside a record before this header"
        elif end < 0 or content.find("START_OF_RECORD=", match.end(), end) >= 0:
            problem = f"record has no {_PHYSIONET_END}"
        elif doc_id in texts:
            problem = f"record {doc_id} appears twice"
        if problem:
            raise InputError(f"{text_file.name} line {_line_at(content, match.start())}: {problem}")
        texts[doc_id] = content[match.end() : end]
        position = end + len(_PHYSIONET_END)
    if content[position:].strip():
        where = f"{text_file.name} line {_line_at(content, position)}"
        raise InputError(f"{where}: text after the last record or a malformed header")
    if not texts:
        raise InputError(f"{text_file.name}: no START_OF_RECORD=<patient>||||<record>|||| header found")

    spans: dict[str, list[Span]] = {doc_id: [] for doc_id in texts}
    for number, raw in enumerate(_read_source(phrase_file).splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{phrase_file.name} line {number}"
        fields = raw.split(maxsplit=4)
        if len(fields) < 5 or not all(_is_number(f) for f in fields[:4]):
            raise InputError(f"{where}: expected '<patient> <record> <start> <end> [type] <phrase>'")
        doc_id = f"{fields[0]}-{fields[1]}"
        if doc_id not in texts:
            raise InputError(f"{where}: no record {doc_id} in {text_file.name}")
        text, rest = texts[doc_id], fields[4]
        span = Span(int(fields[2]), int(fields[3]), "PHI")
        _check_span(where, 0, span, text)
        covered = text[span.start : span.end]
        typed = rest.split(maxsplit=1)
        if len(typed) == 2 and _same_phrase(covered, typed[1]):
            span = Span(span.start, span.end, typed[0])
        elif not _same_phrase(covered, rest):
            raise InputError(f"{where}: the phrase differs from record {doc_id}'s text at its offsets")
        spans[doc_id].append(span)
    return [Document(doc_id, text, tuple(spans[doc_id])) for doc_id, text in texts.items()]


_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _parse_xml(path: Path) -> ET.Element:
    """Parse with the standard library, refusing any DTD: corpus files have none, and a DTD is how
    entity-expansion and external-entity attacks come in."""
    content = _read_source(path)
    if _DTD.search(content):
        raise InputError(f"{path.name}: XML with a DOCTYPE or ENTITY declaration is not accepted")
    try:
        return ET.fromstring(content)
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(f"{path.name} is not well-formed XML (line {line}, column {column})") from None


def read_i2b2_2006(path: str | Path) -> list[Document]:
    """Convert the i2b2 2006 de-identification XML: ``<ROOT><RECORD ID=".."><TEXT>...<PHI TYPE="DOCTOR">
    ..</PHI>...</TEXT></RECORD>...</ROOT>``, PHI tagged inline. A record's text is its TEXT element's
    text with the tags removed; each PHI element becomes a span labelled with its TYPE. Any other element
    inside TEXT, a nested tag in a PHI, an empty PHI or a missing/repeated ID raises :class:`InputError`.
    """
    file = Path(path)
    root = _parse_xml(file)
    records = [root] if root.tag == "RECORD" else list(root.iter("RECORD"))
    if not records:
        raise InputError(f"{file.name}: no RECORD element")
    documents: list[Document] = []
    seen: set[str] = set()
    for number, record in enumerate(records):
        where = f"{file.name} record {number}"
        doc_id = record.get("ID")
        if not doc_id:
            raise InputError(f"{where}: RECORD has no ID attribute")
        if doc_id in seen:
            raise InputError(f"{where}: RECORD ID repeated")
        seen.add(doc_id)
        text_element = record.find("TEXT")
        if text_element is None:
            raise InputError(f"{where}: RECORD has no TEXT element")
        parts = [text_element.text or ""]
        offset = len(parts[0])
        spans: list[Span] = []
        for index, tag in enumerate(text_element):
            if tag.tag != "PHI":
                raise InputError(f"{where}: tag {index} inside TEXT is <{tag.tag}>, expected <PHI>")
            if len(tag):
                raise InputError(f"{where}: PHI tag {index} contains nested tags")
            phrase, label = tag.text or "", tag.get("TYPE") or ""
            if not phrase or not label:
                raise InputError(f"{where}: PHI tag {index} is empty or has no TYPE")
            spans.append(Span(offset, offset + len(phrase), label))
            tail = tag.tail or ""
            parts += [phrase, tail]
            offset += len(phrase) + len(tail)
        documents.append(Document(doc_id, "".join(parts), tuple(spans)))
    return documents


def _i2b2_2014_file(path: Path) -> Document:
    root = _parse_xml(path)
    text_element = root.find("TEXT")
    if text_element is None:
        raise InputError(f"{path.name}: no TEXT element")
    text = text_element.text or ""
    tags = root.find("TAGS")
    spans: list[Span] = []
    for index, tag in enumerate(tags if tags is not None else ()):
        where = f"{path.name} tag {index}"
        start, end, label = tag.get("start"), tag.get("end"), tag.get("TYPE")
        if not (start and end and _is_number(start) and _is_number(end) and label):
            raise InputError(f"{where}: <{tag.tag}> needs integer 'start', 'end' and a 'TYPE'")
        span = Span(int(start), int(end), label)
        _check_span(where, index, span, text)
        phrase = tag.get("text")
        if phrase is not None and text[span.start : span.end] != phrase:
            raise InputError(f"{where}: 'text' differs from the note at offsets ({start}, {end})")
        spans.append(span)
    return Document(path.stem, text, tuple(spans))


def read_i2b2_2014(paths: str | Path | Iterable[str | Path]) -> list[Document]:
    """Convert i2b2/UTHealth 2014 de-identification XML: one note per file, ``<deIdi2b2><TEXT><![CDATA[
    ...]]></TEXT><TAGS><NAME id=".." start=".." end=".." text=".." TYPE="PATIENT"/>...</TAGS></deIdi2b2>``.

    ``paths``: files, or folders whose ``*.xml`` files are read (sorted). A note is named after its file
    (without ``.xml``); spans take offsets into the CDATA text and the TYPE attribute as label (PATIENT,
    DOCTOR, USERNAME, PROFESSION, ROOM, DEPARTMENT, HOSPITAL, ORGANIZATION, STREET, CITY, STATE, COUNTRY,
    ZIP, LOCATION-OTHER, AGE, DATE, PHONE, FAX, EMAIL, URL, IPADDR, SSN, MEDICALRECORD, HEALTHPLAN,
    ACCOUNT, LICENSE, VEHICLE, DEVICE, BIOID, IDNUM). A tag whose ``text`` differs from the note at its
    offsets raises :class:`InputError` naming the file and the tag's index (the XML parser reads line
    ends as ``\n``; a file saved with CRLF ends would be caught there).
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    files: list[Path] = []
    for item in map(Path, items):
        files.extend(sorted(item.glob("*.xml")) if item.is_dir() else [item])
    if not files:
        raise InputError("no i2b2 2014 XML files given (a folder must hold *.xml files)")
    documents = [_i2b2_2014_file(file) for file in files]
    names = [d.id for d in documents]
    if len(set(names)) != len(names):
        raise InputError("two i2b2 2014 files share a name; notes are named after their files")
    return documents


# --- command line ----------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m safecohort.evaluation",
        description="Convert an annotated de-identification corpus to the JSONL span format.",
    )
    commands = parser.add_subparsers(dest="format", required=True)
    physionet = commands.add_parser("physionet", help="PhysioNet deid: id.text + id-phi.phrase")
    physionet.add_argument("text", type=Path, help="id.text")
    physionet.add_argument("phrases", type=Path, help="id-phi.phrase")
    physionet.add_argument("out", type=Path, help="output .jsonl")
    i2b2_2006 = commands.add_parser("i2b2-2006", help="i2b2 2006 XML (inline PHI tags)")
    i2b2_2006.add_argument("xml", type=Path)
    i2b2_2006.add_argument("out", type=Path, help="output .jsonl")
    i2b2_2014 = commands.add_parser("i2b2-2014", help="i2b2 2014 XML files or folders of them")
    i2b2_2014.add_argument("inputs", type=Path, nargs="+", help="XML files and/or folders, then OUT.jsonl")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a converter; print a one-line summary (counts only). Exit 2 on an input error."""
    args = _parser().parse_args(argv)
    try:
        if args.format == "physionet":
            documents, out = read_physionet(args.text, args.phrases), args.out
        elif args.format == "i2b2-2006":
            documents, out = read_i2b2_2006(args.xml), args.out
        else:
            if len(args.inputs) < 2:
                raise InputError("i2b2-2014 needs at least one input and the output path")
            documents, out = read_i2b2_2014(args.inputs[:-1]), args.inputs[-1]
        write_corpus(documents, out)
    except SafecohortError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    spans = sum(len(d.spans) for d in documents)
    print(f"wrote {len(documents)} notes with {spans} spans to {out}")
    return 0


__all__ = [
    "TOKEN",
    "Document",
    "LabelScores",
    "Predictions",
    "Scores",
    "Span",
    "main",
    "read_corpus",
    "read_i2b2_2006",
    "read_i2b2_2014",
    "read_physionet",
    "read_predictions",
    "score",
    "write_corpus",
    "write_predictions",
]

if __name__ == "__main__":
    sys.exit(main())
