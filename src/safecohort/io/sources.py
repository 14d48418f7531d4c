"""Sources and sinks of several tables: a folder of CSV/Parquet files, one per table (and PostgreSQL in
:mod:`safecohort.io.postgres`), behind one small interface.

A source yields each table in record batches (``read_batches``); ``read_tables`` gathers the tables a
policy names and fails with one :class:`InputError` naming every missing table. A sink writes every table
or none: a folder's files are written atomically one by one into a temporary folder renamed into place.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd

from safecohort.documents import TABLE_SUFFIXES
from safecohort.errors import InputError
from safecohort.io import InputInfo, read_table, staged_folder, write_table


class TableSource(ABC):
    """Where the tables of a relational build come from."""

    #: What the audit report calls this source (a folder path, a database and schema without password).
    name: str

    @abstractmethod
    def missing(self, tables: Sequence[str]) -> list[str]:
        """The tables of ``tables`` this source does not hold."""

    @abstractmethod
    def read_batches(self, table: str) -> tuple[Iterator[pd.DataFrame], InputInfo]:
        """The rows of one table in batches, and what the audit records about the table."""

    def read_tables(self, tables: Sequence[str]) -> dict[str, tuple[pd.DataFrame, InputInfo]]:
        """Every table of ``tables``, whole; :class:`InputError` names all missing tables at once."""
        missing = self.missing(tables)
        if missing:
            raise InputError(f"{self.name}: tables named by the policy are missing: {', '.join(missing)}")
        out: dict[str, tuple[pd.DataFrame, InputInfo]] = {}
        for table in tables:
            batches, info = self.read_batches(table)
            frames = list(batches)
            frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            out[table] = (frame, info)
        return out


class FolderSource(TableSource):
    """A folder with one CSV or Parquet file per table, named after the table (``patients.csv``)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.name = str(self.folder)
        if not self.folder.is_dir():
            raise InputError(f"input folder not found: {self.folder}")

    def _file(self, table: str) -> Path | None:
        found = [self.folder / f"{table}{suffix}" for suffix in TABLE_SUFFIXES]
        found = [f for f in found if f.is_file()]
        if len(found) > 1:
            raise InputError(f"{self.folder}: table '{table}' is in more than one file; keep one")
        return found[0] if found else None

    def missing(self, tables: Sequence[str]) -> list[str]:
        return [t for t in tables if self._file(t) is None]

    def read_batches(self, table: str) -> tuple[Iterator[pd.DataFrame], InputInfo]:
        file = self._file(table)
        if file is None:
            raise InputError(f"{self.folder}: no file for table '{table}' (.csv or .parquet)")
        frame, info = read_table(file)
        return iter([frame]), info


def write_folder(
    tables: Mapping[str, pd.DataFrame], folder: str | Path, suffix: str = ".parquet"
) -> list[Path]:
    """Write every table as ``<folder>/<table><suffix>``: all of them, or none.

    The files are written into a temporary folder beside ``folder`` and moved into place only when all
    are written, so a failure leaves no partial set of tables.
    """
    with staged_folder(folder) as staging:
        for table, frame in tables.items():
            write_table(frame, staging / f"{table}{suffix}")
    return [Path(folder) / f"{table}{suffix}" for table in tables]


__all__ = ["FolderSource", "TableSource", "write_folder"]
