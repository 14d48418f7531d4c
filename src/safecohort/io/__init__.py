"""Reading inputs and writing outputs: CSV and Parquet tables, atomic writes (``scan`` reads documents
through :mod:`safecohort.documents`).

This is an edge module: the stages never touch files. Inputs are opened read-only and never modified;
every output is written to a temporary file in the destination folder and renamed into place, so a
reader never sees a half-written file and a failed run leaves no partial output.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from safecohort.documents import readable
from safecohort.errors import InputError, OutputError


@dataclass(frozen=True)
class InputInfo:
    """What the audit records about an input: its name, format and the sha256 of its bytes."""

    name: str
    format: str
    digest: str


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


#: Rows per batch of a streaming build, and per row group of the Parquet files it writes.
BATCH_ROWS = 50_000

# Strings throughout: a ZIP "02139" or an MRN "00123" must not become a number.
_CSV_OPTIONS: dict[str, object] = {
    "dtype": str,
    "keep_default_na": False,
    "na_values": [""],
    "encoding": "utf-8",
    "encoding_errors": "strict",
}


@contextmanager
def _reading(file: Path) -> Iterator[None]:
    """Map the readers' exceptions to one :class:`InputError` naming the file, never its content."""
    try:
        yield
    except UnicodeDecodeError as exc:
        raise InputError(f"{file.name} is not UTF-8 text (first bad byte at offset {exc.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{file.name} is not a readable CSV table ({type(exc).__name__})") from None
    except (pa.ArrowException, OSError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{file.name} is not a readable Parquet file ({type(exc).__name__})") from None


def _table_kind(file: Path) -> str:
    readable(file)
    suffix = file.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise InputError(f"unsupported table format '{suffix}' for {file.name}: use .csv or .parquet")


def read_table(path: str | Path) -> tuple[pd.DataFrame, InputInfo]:
    """Read a CSV (every cell as text; validation coerces types) or Parquet table.

    Raises :class:`InputError` for a missing, unreadable, non-UTF-8 or malformed file; the message
    names the file and, for encoding errors, the byte offset, never the content.
    """
    file = Path(path)
    kind = _table_kind(file)
    with _reading(file):
        if kind == "csv":
            frame = pd.read_csv(file, **_CSV_OPTIONS)
        else:
            frame = pd.read_parquet(file, engine="pyarrow")
    return frame, InputInfo(name=file.name, format=kind, digest=sha256_file(file))


@dataclass(frozen=True)
class BatchInput:
    """A table read in batches: ``batches()`` starts a new read (a build reads its input twice), each
    batch labelled with its rows' positions in the table; ``rows`` is known up front for Parquet only."""

    batches: Callable[[], Iterator[pd.DataFrame]]
    info: InputInfo
    rows: int | None


def read_batches(path: str | Path, batch_rows: int = BATCH_ROWS) -> BatchInput:
    """A CSV or Parquet table in batches of ``batch_rows`` rows, read as :func:`read_table` reads it
    (opened read-only, never modified). Errors as :func:`read_table`'s, raised while iterating."""
    file = Path(path)
    kind = _table_kind(file)
    rows = None
    if kind == "parquet":
        with _reading(file):
            rows = pq.ParquetFile(file).metadata.num_rows

    def batches() -> Iterator[pd.DataFrame]:
        with _reading(file):
            if kind == "csv":
                chunks = pd.read_csv(file, chunksize=batch_rows, **_CSV_OPTIONS)
                empty = True
                with chunks as reader:
                    for chunk in reader:
                        empty = False
                        yield chunk
                if empty:  # a header alone: one empty batch, so the columns are still checked
                    yield pd.read_csv(file, nrows=0, **_CSV_OPTIONS)
                return
            parquet = pq.ParquetFile(file)
            start = 0
            for record_batch in parquet.iter_batches(batch_size=batch_rows):
                frame = pa.Table.from_batches([record_batch]).to_pandas()
                yield frame.set_axis(pd.RangeIndex(start, start + len(frame)))
                start += len(frame)
            if start == 0:
                yield parquet.schema_arrow.empty_table().to_pandas()

    return BatchInput(
        batches=batches, info=InputInfo(name=file.name, format=kind, digest=sha256_file(file)), rows=rows
    )


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only if the block succeeds."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise OutputError(f"cannot write to {target.parent}: {exc.strerror}") from None
    temp_path = Path(temporary)
    try:
        yield temp_path
        os.replace(temp_path, target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise


@contextmanager
def staged_folder(folder: str | Path) -> Iterator[Path]:
    """Yield an empty staging folder beside ``folder``; when the block succeeds, move every file written
    there into ``folder`` (replacing files of the same names), else remove them all: a build's outputs
    appear together or not at all, never as a partial set under their final names."""
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise OutputError(f"cannot write to {target}: {exc.strerror}") from None
    try:
        yield staging
        staged = sorted(staging.iterdir())
        blocked = [f.name for f in staged if (target / f.name).is_dir()]
        if blocked:  # checked before any file moves, so no partial set is left behind
            raise OutputError(f"cannot write {target}: a folder stands where {', '.join(blocked)} goes")
        for file in staged:
            os.replace(file, target / file.name)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write(path: str | Path, writer: Callable[[Path], None]) -> Path:
    target = Path(path)
    try:
        with atomic_path(target) as temporary:
            writer(temporary)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    return target


class TableWriter:
    """Write a table batch by batch to ``path``, as Parquet (zstd, row groups of exactly
    ``row_group_rows`` rows whatever the batches' sizes) or CSV (by suffix), holding at most one row group.

    The same rows give the same bytes however they are batched: :func:`write_table` writes a whole frame
    through this writer. The file is complete only after :meth:`close`; the caller writes into a staging
    folder or uses :func:`write_table` (atomic). The schema is the first batch's (text columns as
    strings, so a column that is empty in one batch still fits the next).
    """

    def __init__(
        self, path: str | Path, row_group_rows: int = BATCH_ROWS, *, csv: bool | None = None
    ) -> None:
        self.path = Path(path)
        self.csv = self.path.suffix.lower() == ".csv" if csv is None else csv
        self.row_group_rows = row_group_rows
        self.rows = 0
        self._pending: list[pd.DataFrame] = []
        self._pending_rows = 0
        self._parquet: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self._last: pd.DataFrame | None = None

    def write(self, frame: pd.DataFrame) -> None:
        """Append rows (their index is not written)."""
        self._last = frame.iloc[:0]
        if self.csv:
            frame.to_csv(self.path, mode="a", header=self.rows == 0, index=False, lineterminator="\n")
            self.rows += len(frame)
            return
        if len(frame):
            self._pending.append(frame)
            self._pending_rows += len(frame)
        while self._pending_rows >= self.row_group_rows:
            self._flush(self.row_group_rows)

    def _flush(self, rows: int) -> None:
        pending = pd.concat(self._pending, ignore_index=True) if len(self._pending) > 1 else self._pending[0]
        group, rest = pending.iloc[:rows], pending.iloc[rows:]
        self._pending, self._pending_rows = ([rest] if len(rest) else []), len(rest)
        self._write_group(group)

    def _write_group(self, group: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(_arrow_safe(group), schema=self._schema, preserve_index=False)
        if self._parquet is None:
            fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in table.schema]
            self._schema = pa.schema(fields, metadata=table.schema.metadata)
            table = table.cast(self._schema)
            self._parquet = pq.ParquetWriter(self.path, self._schema, compression="zstd")
        self._parquet.write_table(table, row_group_size=self.row_group_rows)
        self.rows += len(group)

    def close(self) -> None:
        """Write what is pending and finish the file (a table with no rows keeps its columns)."""
        if self.csv:
            if self.rows == 0:
                header = self._last if self._last is not None else pd.DataFrame()
                header.to_csv(self.path, index=False, lineterminator="\n")
            return
        if self._pending_rows:
            self._flush(self._pending_rows)
        if self._parquet is None:
            self._write_group(self._last if self._last is not None else pd.DataFrame())
        assert self._parquet is not None
        self._parquet.close()


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table atomically as Parquet or CSV (by suffix), through :class:`TableWriter`: the same
    bytes as a streaming build writes for the same rows."""

    def write(temporary: Path) -> None:
        temporary.unlink(missing_ok=True)  # the CSV writer appends
        writer = TableWriter(temporary, csv=Path(path).suffix.lower() == ".csv")
        writer.write(frame)
        writer.close()

    return _write(Path(path), write)


def quarantine_table(quarantine: pd.DataFrame) -> pd.DataFrame:
    """The quarantine as written: input row label first (``_row``), raw values as text, reasons."""
    frame = quarantine.copy()
    frame.insert(0, "_row", frame.index.astype(str))
    return frame.astype("string")


def _arrow_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding mixed types become strings so Arrow can store them; nulls stay null.

    A CSV's empty cell arrives as NaN: it must be written as null, not as the text "nan".
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            texts = out[column].map(lambda v: v if isinstance(v, str) else str(v), na_action="ignore")
            texts = texts.astype(object)  # an all-null column must not turn into floats
            out[column] = texts.where(texts.notna(), None)
    return out


def _ignore(_: object) -> None:
    """Discard a writer's return value (a byte count)."""


def write_text(text: str, path: str | Path) -> Path:
    """Write UTF-8 text atomically."""
    return _write(Path(path), lambda tmp: _ignore(tmp.write_text(text, encoding="utf-8")))


def write_bytes(data: bytes, path: str | Path) -> Path:
    """Write bytes atomically."""
    return _write(Path(path), lambda tmp: _ignore(tmp.write_bytes(data)))
