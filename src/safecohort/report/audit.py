"""The audit report of one build, and the append-only, hash-chained audit log of every build and reveal.

:class:`AuditReport` records which policy (by digest) turned which input (by digest) into which output
(by digest), what was done to each column, what detection found, what the rescan, the risk measure and
the baseline model say, and whether the output passed its checks. It holds counts, names and digests,
never a data value, so it can be shared with a privacy board as it is. ``to_json`` gives a canonical
form (sorted keys, indent 2); ``safecohort.report.html.render_html`` gives the human-readable page.

:class:`AuditLog` is a JSON Lines file with one event per line. Each line carries the sha256 of the line
before it (``prev``) and of its own content (``hash``), so editing, inserting, reordering or deleting a
line in the middle breaks the chain and :meth:`AuditLog.verify` says so. A chain cannot reveal that its
*last* lines were cut off: whoever needs that guarantee keeps the latest ``hash`` elsewhere (in the
ticket that approved a reveal, say) and checks the log still reaches it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, with_config
from typing_extensions import TypedDict

from safecohort.errors import OutputError
from safecohort.measure.rescan import ResidualReport
from safecohort.measure.risk import RiskReport
from safecohort.measure.utility import UtilityReport

try:  # POSIX: serialise concurrent appends from several processes.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class DataSummary(TypedDict):
    """An input or output table: its name (input only), size, column names and digest."""

    name: NotRequired[str]
    rows: int
    columns: list[str]
    digest: str


class QuarantineSummary(TypedDict):
    """Rows set aside and how many rows failed each ``check:column`` reason."""

    rows: int
    reasons: dict[str, int]


@with_config(ConfigDict(extra="allow"))
class ColumnRecord(TypedDict):
    """What was done to one column (``transform.table.ColumnAction`` as a dict; extra keys kept)."""

    column: str
    phi: str
    operator: str
    params: dict[str, Any]
    output: NotRequired[str]


class DetectionSummary(TypedDict):
    """How many notes were scanned and how many findings of each entity type they held."""

    notes_scanned: int
    findings_by_entity: dict[str, int]


class Check(TypedDict):
    """One check of the safe output against the policy (k-anonymity, residual PHI, ...)."""

    name: str
    passed: bool
    detail: str


class TableSummary(TypedDict):
    """One table of a relational build: its input, its output and what was quarantined from it."""

    input: DataSummary
    output: DataSummary
    quarantine: QuarantineSummary


class AuditReport(BaseModel):
    """Everything a reviewer needs to judge one build, and nothing from the data itself."""

    model_config = ConfigDict(extra="forbid")

    tool: Literal["safecohort"] = "safecohort"
    tool_version: str
    created_at: str
    policy_digest: str
    institution: str
    model: str
    input: DataSummary
    output: DataSummary
    quarantine: QuarantineSummary
    columns: list[ColumnRecord] = Field(default_factory=list)
    detection: DetectionSummary = Field(
        default_factory=lambda: DetectionSummary(notes_scanned=0, findings_by_entity={})
    )
    #: ``safecohort.qa.ValidationSummary`` as JSON: rows failing each check, per-column counts, and
    #: min/quartiles/max of non-PHI numeric columns before and after de-identification.
    validation: dict[str, Any] = Field(default_factory=dict)
    residual: ResidualReport | None = None
    risk: RiskReport | None = None
    utility: UtilityReport | None = None
    key_ids: list[str] = Field(default_factory=list)
    #: Cautions a reviewer must see that fail no check (e.g. a pseudonym made with the withdrawn FF3-1).
    warnings: list[str] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    checks: list[Check] = Field(default_factory=list)
    #: Columns the policy allows to hold names, coordinates or free text (``leak_check.allow``), with the
    #: reasons it gives: a reviewer reads every one.
    leak_allowances: dict[str, str] = Field(default_factory=dict)
    #: A relational build: each table's input, output and quarantine (the totals are above); else empty.
    tables: dict[str, TableSummary] = Field(default_factory=dict)
    passed: bool

    def to_json(self) -> str:
        """The report as JSON: indent 2, sorted keys, non-ASCII kept as is (write it as UTF-8)."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> AuditReport:
        """Read a report written by :meth:`to_json`."""
        return cls.model_validate_json(text)


GENESIS = "0" * 64


def _canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _hash(record: dict[str, Any]) -> str:
    """sha256 of a line's canonical content: every field but ``hash`` itself (``prev`` included)."""
    return hashlib.sha256(_canonical({k: v for k, v in record.items() if k != "hash"})).hexdigest()


class AuditLog:
    """An append-only JSONL audit log whose lines are chained by sha256.

    Each line is ``{"seq", "time", "event", "details", "prev", "hash"}``: ``seq`` counts from 1, ``time``
    is ISO 8601 UTC, ``prev`` is the previous line's ``hash`` (64 zeros for the first) and ``hash`` the
    sha256 of the line's canonical JSON without ``hash``. ``details`` must be JSON-serialisable and,
    like every audit record, hold no data value.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"AuditLog({str(self.path)!r})"

    def append(self, event: str, details: dict[str, Any]) -> None:
        """Add one event at the end of the log (creating it and its folder) and fsync it to disk."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "ab+") as file, _locked(file):
                last = _last_line(file)
                previous = json.loads(last) if last else None
                record: dict[str, Any] = {
                    "seq": previous["seq"] + 1 if previous else 1,
                    "time": datetime.now(UTC).isoformat(timespec="microseconds"),
                    "event": event,
                    "details": details,
                    "prev": previous["hash"] if previous else GENESIS,
                }
                record["hash"] = _hash(record)
                file.write(_canonical(record) + b"\n")
                file.flush()
                os.fsync(file.fileno())
        except OSError as exc:
            raise OutputError(f"cannot append to the audit log {self.path}: {exc.strerror}") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise OutputError(
                f"cannot append to the audit log {self.path}: its last line is not a log record or the "
                f"details are not JSON ({type(exc).__name__}); run verify() and keep the file for review"
            ) from None

    def find_break(self) -> int | None:
        """The 1-based number of the first line that breaks the chain, or None when it is intact.

        A line breaks the chain when it is not a JSON record of the six fields, its ``seq`` is not the
        next number, its ``prev`` is not the previous line's ``hash``, its ``hash`` does not match its
        content, it is not in canonical form, or it lacks its final newline (a write cut short). A missing
        file is an empty, intact log.
        """
        if not self.path.exists():
            return None
        lines = self.path.read_bytes().split(b"\n")
        # Every record ends with a newline, so the text after the last one must be empty; anything else
        # is a line cut short (or appended by hand) and is reported as the break.
        expected_prev = GENESIS
        for number, line in enumerate(lines, start=1):
            if number == len(lines) and not line:
                break
            if number == len(lines):
                return number
            try:
                record = json.loads(line)
            except ValueError:
                return number
            if (
                not isinstance(record, dict)
                or set(record) != {"seq", "time", "event", "details", "prev", "hash"}
                or record["seq"] != number
                or record["prev"] != expected_prev
                or record["hash"] != _hash(record)
                or line != _canonical(record)
            ):
                return number
            expected_prev = record["hash"]
        return None

    def verify(self) -> bool:
        """True when every line chains to the one before it and matches its own hash."""
        return self.find_break() is None


@contextlib.contextmanager
def _locked(file: BinaryIO) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    fcntl.flock(file.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(file.fileno(), fcntl.LOCK_UN)


def _last_line(file: BinaryIO, block: int = 4096) -> bytes:
    """The last non-empty line of a binary file opened for reading, read backwards from its end."""
    end = file.seek(0, os.SEEK_END)
    tail = b""
    position = end
    while position > 0:
        step = min(block, position)
        position -= step
        file.seek(position)
        tail = file.read(step) + tail
        stripped = tail.rstrip(b"\n")
        if b"\n" in stripped:
            return stripped.rsplit(b"\n", 1)[1]
    return tail.rstrip(b"\n")


__all__ = [
    "AuditLog",
    "AuditReport",
    "Check",
    "ColumnRecord",
    "DataSummary",
    "DetectionSummary",
    "QuarantineSummary",
]
