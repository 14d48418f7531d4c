"""Reading documents for ``safecohort scan``: the texts of a file, each with where it sits in the file.

A document is read into :class:`TextUnit` s: a whole text file is one unit (its lines and columns are
the file's); a PDF gives one unit per page, a Word file one per paragraph and per table cell, a Jupyter
notebook one per cell source and per cell output (outputs are where model outputs leak), a CSV or
Parquet table one per string cell (row and column), a JSON file one per string (its JSON pointer).
:func:`locate` turns a finding's offsets in a unit into a 1-based line and column.

This is an edge module beside :mod:`safecohort.io`: the stages never read files. It imports the library a
format needs only when a file of that format is read (pypdf, python-docx, nbformat, pyarrow are the
``scan`` cold start's largest imports after the scanner itself), and a missing optional library is an
:class:`InputError` naming the extra to install. Errors name the file, never its content.
"""

from __future__ import annotations

import csv
import importlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safecohort.errors import InputError

#: Suffixes ``scan`` reads, by reader. Text files are scanned in place (Markdown with its markup, HTML with
#: its tags blanked out), so a location is the file's own line and column.
PLAIN_SUFFIXES = (".txt", ".md", ".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl")
TABLE_SUFFIXES = (".csv", ".parquet", ".pq")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".ipynb")
SUPPORTED_SUFFIXES = PLAIN_SUFFIXES + JSON_SUFFIXES + TABLE_SUFFIXES + DOCUMENT_SUFFIXES

#: The optional extra that installs the document readers.
EXTRA = "safecohort[documents]"


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One text of a document and where it is: ``where`` is empty for a whole file, else (name, value)
    pairs from the outside in, e.g. ``(("page", 2),)`` or ``(("cell", 3), ("output", 1))``."""

    text: str
    where: tuple[tuple[str, int | str], ...] = ()


@dataclass(frozen=True, slots=True)
class Position:
    """A finding's extent in its unit: 1-based lines and columns (columns count characters), end inclusive
    of its last character's column."""

    line: int
    column: int
    end_line: int
    end_column: int


def readable(path: Path) -> None:
    """Raise :class:`InputError` unless ``path`` is an existing, readable file."""
    if not path.exists():
        raise InputError(f"input not found: {path}")
    if path.is_dir():
        raise InputError(f"input is a folder, not a file: {path}")
    if not os.access(path, os.R_OK):
        raise InputError(f"input is not readable (permissions): {path}")


def document_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The files to scan: each file as given, and every supported file under each folder (sorted, hidden
    files and folders skipped). A named file of an unsupported format is an :class:`InputError`."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if found.is_file() and not hidden and found.suffix.lower() in SUPPORTED_SUFFIXES:
                    out.append(found)
            continue
        if path.exists() and path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise InputError(
                f"cannot scan '{path.name}': unsupported format '{path.suffix}' "
                f"(supported: {', '.join(SUPPORTED_SUFFIXES)})"
            )
        out.append(path)
    return out


def read_document(path: str | Path) -> list[TextUnit]:
    """The texts of one file with their places (see the module docstring).

    Raises :class:`InputError` for a missing, unreadable, malformed or unsupported file, or when the
    library its format needs is not installed.
    """
    file = Path(path)
    readable(file)
    suffix = file.suffix.lower()
    try:
        if suffix in (".html", ".htm"):
            return [TextUnit(_blank_tags(_utf8(file)))]
        if suffix in PLAIN_SUFFIXES:
            return [TextUnit(_utf8(file))]
        if suffix in JSON_SUFFIXES:
            return _json_units(file.name, _utf8(file), lines=suffix == ".jsonl")
        if suffix == ".csv":
            return _csv_units(file)
        if suffix in (".parquet", ".pq"):
            return _parquet_units(file)
        if suffix == ".pdf":
            return _pdf_units(file)
        if suffix == ".docx":
            return _docx_units(file)
        if suffix == ".ipynb":
            return _notebook_units(file)
    except InputError:
        raise
    except UnicodeDecodeError as exc:
        raise InputError(f"{file.name} is not UTF-8 text (first bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise InputError(f"cannot read {file.name}: {exc.strerror or type(exc).__name__}") from None
    except Exception as exc:  # a reader library's own error: its message may quote the content
        raise InputError(f"{file.name} is not a readable {suffix[1:]} file ({type(exc).__name__})") from None
    raise InputError(f"cannot scan '{file.name}': unsupported format '{suffix}'")


def locate(text: str, start: int, end: int) -> Position:
    """Lines and columns (1-based) of ``text[start:end]``; a line ends at ``\\n``."""
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    last = max(start, end - 1)
    end_line = line + text.count("\n", start, last)
    end_column = last - (text.rfind("\n", 0, last) + 1) + 1
    return Position(line, column, end_line, end_column)


def describe(where: Sequence[tuple[str, int | str]]) -> str:
    """``where`` as text: ``page 2``, ``cell 3 output 1``, ``row 5 column note``."""
    return " ".join(f"{name} {value}" for name, value in where)


def _utf8(file: Path) -> str:
    return file.read_text(encoding="utf-8")


_TAG = re.compile(r"<[^<>]*>")


def _blank_tags(html: str) -> str:
    """HTML with every tag turned into spaces (its newlines kept): the text keeps the file's offsets, so a
    finding's line and column are the file's, and ``<p>Ann`` no longer reads as the word ``p>Ann``.
    Text inside ``<script>`` and comments stays (data embedded in a page leaks as well as prose)."""
    return _TAG.sub(lambda tag: re.sub(r"[^\n]", " ", tag.group()), html)


def _json_units(name: str, content: str, *, lines: bool) -> list[TextUnit]:
    try:
        if lines:
            documents = [
                (number, json.loads(line))
                for number, line in enumerate(content.splitlines(), 1)
                if line.strip()
            ]
        else:
            documents = [(0, json.loads(content))]
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON (line {exc.lineno})") from None
    units: list[TextUnit] = []
    for number, document in documents:
        prefix: tuple[tuple[str, int | str], ...] = (("record", number),) if lines else ()
        units.extend(
            TextUnit(text, (*prefix, ("pointer", pointer))) for pointer, text in _json_strings(document, "")
        )
    return units


def _json_strings(node: object, pointer: str) -> Iterator[tuple[str, str]]:
    """(JSON pointer, string) for every string in a JSON document, keys' values in document order."""
    if isinstance(node, str):
        yield pointer or "/", node
    elif isinstance(node, dict):
        for key, value in node.items():
            escaped = str(key).replace("~", "~0").replace("/", "~1")  # RFC 6901
            yield from _json_strings(value, f"{pointer}/{escaped}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _json_strings(value, f"{pointer}/{index}")


def _csv_units(file: Path) -> list[TextUnit]:
    # The standard library's reader, not pandas: a cold ``scan`` of one CSV need not import pandas.
    with file.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, [])
        return [
            TextUnit(value, (("row", number), ("column", header[i] if i < len(header) else str(i + 1))))
            for number, row in enumerate(rows, start=1)
            for i, value in enumerate(row)
            if value.strip()
        ]


def _parquet_units(file: Path) -> list[TextUnit]:
    # lazy: pyarrow (0.3 s) only for Parquet files
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(file)
    units: list[TextUnit] = []
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            for number, value in enumerate(column.to_pylist(), start=1):
                if isinstance(value, str) and value.strip():
                    units.append(TextUnit(value, (("row", number), ("column", name))))
    return units


def _optional(module: str, package: str, suffix: str) -> Any:
    """Import a reader library, or say which package (and extra) reads this format."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(
            f"reading {suffix} files needs the '{package}' package: pip install '{EXTRA}'"
        ) from None


def _pdf_units(file: Path) -> list[TextUnit]:
    pypdf = _optional("pypdf", "pypdf", ".pdf")
    reader = pypdf.PdfReader(str(file))
    return [
        TextUnit(text, (("page", number),))
        for number, page in enumerate(reader.pages, start=1)
        if (text := page.extract_text() or "").strip()
    ]


def _docx_units(file: Path) -> list[TextUnit]:
    docx = _optional("docx", "python-docx", ".docx")
    document = docx.Document(str(file))
    units = [
        TextUnit(paragraph.text, (("paragraph", number),))
        for number, paragraph in enumerate(document.paragraphs, start=1)
        if paragraph.text.strip()
    ]
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                if cell.text.strip():
                    units.append(TextUnit(cell.text, (("table", t), ("row", r), ("column", c))))
    for s, section in enumerate(document.sections, start=1):
        for part, block in (("header", section.header), ("footer", section.footer)):
            for number, paragraph in enumerate(block.paragraphs, start=1):
                if paragraph.text.strip():
                    units.append(TextUnit(paragraph.text, (("section", s), (part, number))))
    return units


#: Notebook output data read as text, in this order of preference; images and widgets hold no text.
_OUTPUT_MIME = ("text/plain", "text/markdown", "text/html", "text/latex", "application/json")


def _notebook_units(file: Path) -> list[TextUnit]:
    nbformat = _optional("nbformat", "nbformat", ".ipynb")
    notebook = nbformat.read(str(file), as_version=4)
    units: list[TextUnit] = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.source.strip():
            units.append(TextUnit(cell.source, (("cell", number), ("source", cell.cell_type))))
        for index, output in enumerate(cell.get("outputs", ()), start=1):
            for text in _output_texts(output):
                units.append(TextUnit(text, (("cell", number), ("output", index))))
    return units


def _output_texts(output: Any) -> list[str]:
    kind = output.get("output_type")
    if kind == "stream":
        return [_joined(output.get("text", ""))]
    if kind == "error":
        return [f"{output.get('ename', '')}: {output.get('evalue', '')}", *output.get("traceback", [])]
    data = output.get("data", {})
    return [
        _joined(data[mime]) if mime != "application/json" else json.dumps(data[mime], ensure_ascii=False)
        for mime in _OUTPUT_MIME
        if mime in data
    ]


def _joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


__all__ = [
    "SUPPORTED_SUFFIXES",
    "Position",
    "TextUnit",
    "describe",
    "document_paths",
    "locate",
    "read_document",
    "readable",
]
