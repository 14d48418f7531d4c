"""Documents of every format ``scan`` reads, built from the demo's notes, with where each note went.

Each writer puts note *i* at a place the test knows (``expected[i]``): a line of a text file, a page of a
PDF, a paragraph of a Word file, a cell of a notebook, a row of a table, a JSON pointer. PDFs are written
with fpdf2 (Helvetica, two notes a page), Word files with python-docx, notebooks with nbformat.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

Where = tuple[tuple[str, int | str], ...]
Writer = Callable[[list[str], Path], list[Where]]

NOTES_PER_PAGE = 2


def _lines(notes: list[str], path: Path, before: str = "", wrap: str = "{}") -> list[Where]:
    # One note per line after a header, so note i sits on line (header lines) + i + 1.
    path.write_text(before + "".join(wrap.format(n) + "\n" for n in notes), encoding="utf-8")
    return [() for _ in notes]


def write_txt(notes: list[str], path: Path) -> list[Where]:
    return _lines(notes, path)


def write_md(notes: list[str], path: Path) -> list[Where]:
    return _lines(notes, path, before="# Model outputs\n\n", wrap="- {}")


def write_html(notes: list[str], path: Path) -> list[Where]:
    return _lines(notes, path, before="<!DOCTYPE html>\n<html><body>\n", wrap="<p>{}</p>")


def write_json(notes: list[str], path: Path) -> list[Where]:
    path.write_text(json.dumps({"outputs": [{"id": i, "text": n} for i, n in enumerate(notes)]}), "utf-8")
    return [(("pointer", f"/outputs/{i}/text"),) for i in range(len(notes))]


def write_jsonl(notes: list[str], path: Path) -> list[Where]:
    path.write_text("".join(json.dumps({"text": n}) + "\n" for n in notes), encoding="utf-8")
    return [(("record", i + 1), ("pointer", "/text")) for i in range(len(notes))]


def write_csv(notes: list[str], path: Path) -> list[Where]:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "note"])
        writer.writerows([i, n] for i, n in enumerate(notes))
    return [(("row", i + 1), ("column", "note")) for i in range(len(notes))]


def write_parquet(notes: list[str], path: Path) -> list[Where]:
    pq.write_table(pa.table({"id": list(range(len(notes))), "note": notes}), path)
    return [(("row", i + 1), ("column", "note")) for i in range(len(notes))]


def write_pdf(notes: list[str], path: Path) -> list[Where]:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for i, note in enumerate(notes):
        if i % NOTES_PER_PAGE == 0:
            pdf.add_page()
        pdf.multi_cell(0, 6, note)
        pdf.ln(4)
    pdf.output(str(path))
    return [(("page", i // NOTES_PER_PAGE + 1),) for i in range(len(notes))]


def write_docx(notes: list[str], path: Path) -> list[Where]:
    import docx

    document = docx.Document()
    half = len(notes) // 2
    for note in notes[:half]:
        document.add_paragraph(note)
    table = document.add_table(rows=len(notes) - half, cols=2)
    for r, note in enumerate(notes[half:]):
        table.cell(r, 0).text = str(r)
        table.cell(r, 1).text = note
    document.save(str(path))
    return [(("paragraph", i + 1),) for i in range(half)] + [
        (("table", 1), ("row", r + 1), ("column", 2)) for r in range(len(notes) - half)
    ]


def write_ipynb(notes: list[str], path: Path) -> list[Where]:
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    notebook = new_notebook()
    places: list[Where] = []
    for i, note in enumerate(notes):
        number = i + 1
        if i % 2 == 0:  # a markdown cell quoting the note
            notebook.cells.append(new_markdown_cell(note))
            places.append((("cell", number), ("source", "markdown")))
        else:  # a model's output printed by a code cell: where notebooks leak
            output = new_output("stream", name="stdout", text=note + "\n")
            notebook.cells.append(new_code_cell("print(model.generate(prompt))", outputs=[output]))
            places.append((("cell", number), ("output", 1)))
    nbformat.write(notebook, str(path))
    return places


WRITERS: dict[str, Writer] = {
    "txt": write_txt,
    "md": write_md,
    "html": write_html,
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": write_parquet,
    "pdf": write_pdf,
    "docx": write_docx,
    "ipynb": write_ipynb,
}
