"""The audit report of one build, and the append-only, hash-chained audit log of every build and reveal.

:class:`AuditReport` records which policy (by digest) turned which input (by digest) into which output
(by digest), what was done to each column, what detection found, what the rescan, the risk measure and
the baseline model say, and whether the output passed its checks. It holds counts, names and digests,
never a data value, so it can be shared with a privacy board as it is. ``to_json`` gives a canonical
form (sorted keys, indent 2); ``safecohort.report.html.render_html`` gives the human-readable page.

:class:`AuditLog` is a JSON Lines file with one event per line. Each line carries the seal of the line
before it (``prev``) and its own (``hash``): an HMAC-SHA256 under the keyring's ``audit.log`` subkey when
the log is written with keys (every build and reveal that has keys), else a sha256. Editing, inserting,
reordering or deleting a line breaks the chain, and with the key nobody can recompute it: whoever edits the
file without the key cannot make it verify. A chain alone cannot show that its *last* lines were cut
off, so each build records the entry it appended (:class:`LogHead`) in its audit.json, and
:meth:`AuditLog.check` (``safecohort audit verify``) checks the log still holds every such head.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, with_config
from typing_extensions import TypedDict

from safecohort.errors import OutputError
from safecohort.measure.generalize import GeneralizationReport
from safecohort.measure.rescan import ResidualReport
from safecohort.measure.risk import RiskReport
from safecohort.measure.utility import UtilityReport

if TYPE_CHECKING:
    from safecohort.transform.crypto import Keyring

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


class LogHead(TypedDict):
    """The entry a build appended to the audit log: its number, its ``hash`` and the key id that keyed
    it (None for an unkeyed log). ``audit verify`` checks the log still holds it, which is how a log cut
    short at its end is caught."""

    file: str
    seq: int
    hash: str
    key_id: str | None


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
    #: The lattice search that met k (l, t): the levels chosen, the information loss, rows suppressed.
    generalization: GeneralizationReport | None = None
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
    #: The audit-log entry this build appended (set by the CLI, which writes the log): ``audit verify``
    #: checks the log still holds it.
    audit_log: LogHead | None = None
    passed: bool

    def to_json(self) -> str:
        """The report as JSON: indent 2, sorted keys, non-ASCII kept as is (write it as UTF-8)."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> AuditReport:
        """Read a report written by :meth:`to_json`."""
        return cls.model_validate_json(text)


GENESIS = "0" * 64
#: The keyring purpose of the audit log's HMAC key (``Keyring.subkey``), separate from every data key.
AUDIT_PURPOSE = "audit.log"
_FIELDS = frozenset({"seq", "time", "event", "details", "prev", "hash"})
_KEYED_FIELDS = _FIELDS | {"key_id"}


def _canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _hash(record: dict[str, Any], key: bytes | None = None) -> str:
    """A line's seal over its canonical content (every field but ``hash``, ``prev`` included):
    HMAC-SHA256 under the audit key when the log is keyed, else sha256."""
    content = _canonical({k: v for k, v in record.items() if k != "hash"})
    if key is None:
        return hashlib.sha256(content).hexdigest()
    return hmac.new(key, content, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """Where and how a log's chain is broken: the 1-based line, the kind (``edited``, ``removed``,
    ``reordered``, ``replayed``, ``truncated``, ``malformed``, ``unkeyed``, ``unknown key``), a sentence."""

    line: int
    kind: str
    message: str


@dataclass(frozen=True)
class ChainStatus:
    """The result of :meth:`AuditLog.check`: entries read, the last entry's hash, the key ids that keyed
    them, and the first break (None when intact)."""

    entries: int
    head: str | None
    key_ids: tuple[str, ...]
    unkeyed: int
    problem: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.problem is None


class AuditLog:
    """An append-only JSONL audit log whose lines are chained, and keyed when a keyring is given.

    Each line is ``{"seq", "time", "event", "details", "prev", "hash"}``: ``seq`` counts from 1, ``time``
    is ISO 8601 UTC, ``prev`` is the previous line's ``hash`` (64 zeros for the first). With a keyring,
    a line also names ``key_id`` and its ``hash`` is an HMAC-SHA256 under that key's ``audit.log`` subkey,
    so whoever edits the file without the key cannot forge a chain that verifies; without one, ``hash`` is
    a plain sha256 (tamper-evident against edits in the middle only). ``details`` must be
    JSON-serialisable and, like every audit record, hold no data value.
    """

    def __init__(self, path: str | Path, keyring: Keyring | None = None) -> None:
        self.path = Path(path)
        self._keyring = keyring

    def __repr__(self) -> str:
        keyed = f", key_id={self._keyring.active_id!r}" if self._keyring is not None else ""
        return f"AuditLog({str(self.path)!r}{keyed})"

    def append(self, event: str, details: dict[str, Any]) -> LogHead:
        """Add one event at the end of the log (creating it and its folder), fsync it, and return the new
        head (which a build records in its audit.json)."""
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
                key_id = None
                if self._keyring is not None:
                    key_id = str(self._keyring.active_id)
                    record["key_id"] = key_id
                record["hash"] = _hash(record, self._key(key_id))
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
        return LogHead(file=self.path.name, seq=record["seq"], hash=record["hash"], key_id=key_id)

    def _key(self, key_id: str | None) -> bytes | None:
        if key_id is None or self._keyring is None:
            return None
        return self._keyring.subkey(AUDIT_PURPOSE, key_id)

    def check(self, heads: Sequence[LogHead] = ()) -> ChainStatus:
        """Walk the chain and report the first break, naming its line and kind.

        A line breaks the chain when it is not a JSON record of the log's fields in canonical form, its
        ``seq`` is not the next number (an entry removed, reordered or replayed), its ``prev`` is not the
        previous line's ``hash``, its ``hash`` does not seal its content (an edit, or a chain recomputed
        without the key), or it lacks its final newline (a write cut short). With a keyring every line
        must be keyed by one of its keys; without one, keyed lines are checked for order and links only
        (their seals need the key). Each of ``heads`` (entries builds recorded) must still be in the log,
        unchanged: a log cut short at its end loses them. A missing file is an empty, intact log.
        """
        lines = self.path.read_bytes().split(b"\n") if self.path.exists() else [b""]
        # Every record ends with a newline, so the text after the last one must be empty.
        body, tail = lines[:-1], lines[-1]
        records: list[dict[str, Any] | None] = []
        for line in body:
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            records.append(record if isinstance(record, dict) else None)
        seqs = {r.get("seq") for r in records if r is not None}
        key_ids: set[str] = set()
        unkeyed = 0
        expected_prev = GENESIS

        def status(problem: ChainBreak | None) -> ChainStatus:
            head = records[-1]["hash"] if records and records[-1] is not None and problem is None else None
            return ChainStatus(len(records), head, tuple(sorted(key_ids)), unkeyed, problem)

        for number, (line, record) in enumerate(zip(body, records, strict=True), start=1):
            fields = set(record) if record is not None else set()
            if record is None or fields not in (_FIELDS, _KEYED_FIELDS):
                return status(ChainBreak(number, "malformed", f"line {number} is not a log record"))
            if record["seq"] != number:
                return status(_misplaced(number, record["seq"], seqs))
            if record["prev"] != expected_prev:
                return status(
                    ChainBreak(
                        number,
                        "edited",
                        f"entry {number} does not link to entry {number - 1}: one of them was edited",
                    )
                )
            problem = self._check_seal(number, record)
            if problem is not None:
                return status(problem)
            if line != _canonical(record):
                return status(ChainBreak(number, "edited", f"entry {number} is not in canonical form"))
            if "key_id" in record:
                key_ids.add(str(record["key_id"]))
            else:
                unkeyed += 1
            expected_prev = record["hash"]
        if tail:
            number = len(body) + 1
            return status(ChainBreak(number, "truncated", f"line {number} is cut short (no final newline)"))
        for head in heads:
            seq = int(head["seq"])
            if seq > len(records):
                return status(
                    ChainBreak(
                        len(records) + 1,
                        "truncated",
                        f"the log ends at entry {len(records)}, but a build recorded entry {seq} "
                        f"({head['hash'][:12]}...): entries were cut off the end",
                    )
                )
            found = records[seq - 1]
            if found is None or found["hash"] != head["hash"]:
                return status(
                    ChainBreak(seq, "edited", f"entry {seq} is not the entry a build recorded as its head")
                )
        return status(None)

    def _check_seal(self, number: int, record: dict[str, Any]) -> ChainBreak | None:
        key_id = record.get("key_id")
        if self._keyring is None:
            if key_id is None and record["hash"] != _hash(record):
                return ChainBreak(number, "edited", f"entry {number} does not match its hash: it was edited")
            return None
        if key_id is None:
            return ChainBreak(
                number,
                "unkeyed",
                f"entry {number} is not keyed: it was written, or its chain recomputed, without the key",
            )
        if str(key_id) not in {str(k) for k in self._keyring.key_ids}:
            return ChainBreak(
                number, "unknown key", f"entry {number} names a key id the key file does not hold"
            )
        if not hmac.compare_digest(str(record["hash"]), _hash(record, self._key(str(key_id)))):
            return ChainBreak(
                number,
                "edited",
                f"entry {number} does not match its seal: edited, or the chain recomputed without the key",
            )
        return None

    def find_break(self) -> int | None:
        """The 1-based number of the first line that breaks the chain (see :meth:`check`), or None."""
        problem = self.check().problem
        return problem.line if problem is not None else None

    def verify(self) -> bool:
        """True when every line chains to the one before it and matches its own seal."""
        return self.find_break() is None


def _misplaced(number: int, seq: object, seqs: set[Any]) -> ChainBreak:
    """The break when line ``number`` holds entry ``seq``: the entry due here is elsewhere (reordered),
    gone (removed), or this entry came before (replayed)."""
    if not isinstance(seq, int):
        return ChainBreak(number, "malformed", f"line {number} has no entry number")
    if number in seqs:
        return ChainBreak(number, "reordered", f"line {number} holds entry {seq}: entries were reordered")
    if seq > number:
        gone = f"entry {number}" if seq == number + 1 else f"entries {number} to {seq - 1}"
        return ChainBreak(number, "removed", f"{gone} removed: line {number} holds entry {seq}")
    return ChainBreak(number, "replayed", f"line {number} repeats entry {seq}")


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
    "AUDIT_PURPOSE",
    "AuditLog",
    "AuditReport",
    "ChainBreak",
    "ChainStatus",
    "Check",
    "ColumnRecord",
    "DataSummary",
    "DetectionSummary",
    "LogHead",
    "QuarantineSummary",
]
