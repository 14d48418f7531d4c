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


def read_table(path: str | Path) -> tuple[pd.DataFrame, InputInfo]:
    """Read a CSV (every cell as text; validation coerces types) or Parquet table.

    Raises :class:`InputError` for a missing, unreadable, non-UTF-8 or malformed file; the message
    names the file and, for encoding errors, the byte offset, never the content.
    """
    file = Path(path)
    readable(file)
    suffix = file.suffix.lower()
    try:
        if suffix == ".csv":
            # Strings throughout: a ZIP "02139" or an MRN "00123" must not become a number.
            frame = pd.read_csv(
                file,
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                encoding="utf-8",
                encoding_errors="strict",
            )
            kind = "csv"
        elif suffix in (".parquet", ".pq"):
            frame = pd.read_parquet(file, engine="pyarrow")
            kind = "parquet"
        else:
            raise InputError(f"unsupported table format '{suffix}' for {file.name}: use .csv or .parquet")
    except UnicodeDecodeError as exc:
        raise InputError(f"{file.name} is not UTF-8 text (first bad byte at offset {exc.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{file.name} is not a readable CSV table ({type(exc).__name__})") from None
    except (pa.ArrowException, OSError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{file.name} is not a readable Parquet file ({type(exc).__name__})") from None
    return frame, InputInfo(name=file.name, format=kind, digest=sha256_file(file))


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


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table atomically as Parquet or CSV (by suffix). Byte-identical for identical frames."""
    target = Path(path)
    if target.suffix.lower() == ".csv":
        return _write(target, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n"))
    table = pa.Table.from_pandas(_arrow_safe(frame), preserve_index=False)
    return _write(target, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


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
