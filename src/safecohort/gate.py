"""``safecohort scan`` as a gate: findings with locations, as text, JSON or SARIF, and a keyed baseline.

A compliance officer points ``scan`` at what comes out downstream (model outputs, exported tables,
notebooks, draft papers). Every :class:`LocatedFinding` says where (file; line and column, or page,
paragraph, cell, row and column, JSON pointer, through :mod:`safecohort.documents`), what kind and how
sure, and never the value. The exit code makes it a gate: 0 clean, 1 findings, 2 unreadable input.

A *baseline* holds findings a reviewer accepted, as keyed digests (HMAC-SHA256 under the keyring's
``scan.baseline`` subkey of the file, entity kind and value): a digest cannot be reversed or confirmed by
guessing a value without the key, so the baseline file can live in the repository it gates. A finding
whose digest the baseline holds is *accepted*: counted, not reported, and it does not fail the gate.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from safecohort.documents import Position, TextUnit, describe, document_paths, locate, read_document
from safecohort.errors import InputError, SafecohortError

if TYPE_CHECKING:  # the scanner module imports pandas; the gate needs only the type
    from safecohort.detect.text import Finding

#: The keyring purpose the baseline's digests are keyed with (``Keyring.subkey``).
BASELINE_PURPOSE = "scan.baseline"
BASELINE_VERSION = 1
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2

Scan = Callable[[Sequence[str]], "list[list[Finding]]"]


@dataclass(frozen=True, slots=True)
class LocatedFinding:
    """One finding in a file: where (``where`` and ``position``), what and how sure; never the value.
    ``fingerprint`` is the keyed digest a baseline compares (None without a key)."""

    file: str
    where: tuple[tuple[str, int | str], ...]
    position: Position
    entity_type: str
    score: float
    fingerprint: str | None = None

    def place(self) -> str:
        """``notes.md:3:14`` for a text file; ``report.pdf: page 2, line 3, column 14`` otherwise."""
        p = self.position
        if not self.where:
            return f"{self.file}:{p.line}:{p.column}"
        return f"{self.file}: {describe(self.where)}, line {p.line}, column {p.column}"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.file,
            "where": dict(self.where),
            "line": self.position.line,
            "column": self.position.column,
            "end_line": self.position.end_line,
            "end_column": self.position.end_column,
            "entity_type": self.entity_type,
            "score": round(self.score, 4),
        }
        if self.fingerprint is not None:
            out["fingerprint"] = self.fingerprint
        return out


@dataclass
class GateResult:
    """What a scan found: reported findings, findings the baseline accepted, unreadable files."""

    files: list[str] = field(default_factory=list)
    findings: list[LocatedFinding] = field(default_factory=list)
    accepted: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read (the gate cannot vouch for it), else 1 on findings, else 0."""
        if self.errors:
            return EXIT_UNREADABLE
        return EXIT_FINDINGS if self.findings else EXIT_CLEAN


class Baseline:
    """Accepted findings as keyed digests; ``fingerprint`` gives a finding's digest under the key."""

    def __init__(self, key: bytes, key_id: str, fingerprints: Iterable[str] = ()) -> None:
        self._key = key
        self.key_id = key_id
        self.fingerprints = set(fingerprints)

    def __repr__(self) -> str:
        return f"Baseline(key_id={self.key_id!r}, fingerprints={len(self.fingerprints)})"

    def fingerprint(self, file: str, entity_type: str, value: str) -> str:
        # The value is whitespace-normalised so a reflowed line keeps its digest; the file is part of it,
        # so accepting a name in one report does not accept it in every other.
        message = "\0".join((file, entity_type, " ".join(value.split())))
        return hmac.new(self._key, message.encode("utf-8"), hashlib.sha256).hexdigest()

    @classmethod
    def load(cls, path: str | Path, key_for: Callable[[str | None], tuple[bytes, str]]) -> Baseline:
        """Read a baseline file; ``key_for(key_id)`` gives the subkey and key id it was written with."""
        file = Path(path)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            fingerprints = data["fingerprints"]
            key_id = data["key_id"]
            if data.get("version") != BASELINE_VERSION or not isinstance(fingerprints, list):
                raise ValueError
        except OSError as exc:
            raise InputError(f"cannot read the baseline {file}: {exc.strerror}") from None
        except (ValueError, KeyError, TypeError):
            raise InputError(
                f"{file} is not a safecohort scan baseline (version {BASELINE_VERSION})"
            ) from None
        key, key_id = key_for(str(key_id))
        return cls(key, key_id, (str(f) for f in fingerprints))

    def to_json(self, fingerprints: Iterable[str]) -> str:
        """A baseline file accepting ``fingerprints`` (sorted, so a re-run gives the same bytes)."""
        body = {
            "version": BASELINE_VERSION,
            "tool": "safecohort",
            "algorithm": "HMAC-SHA256",
            "purpose": BASELINE_PURPOSE,
            "key_id": self.key_id,
            "fingerprints": sorted(set(fingerprints)),
        }
        return json.dumps(body, indent=2) + "\n"


def scan_documents(
    paths: Iterable[str | Path],
    scan: Scan,
    *,
    baseline: Baseline | None = None,
    read: Callable[[Path], list[TextUnit]] = read_document,
) -> GateResult:
    """Scan every file (folders are walked) and locate each finding; files that cannot be read are
    listed in ``errors`` (the rest are still scanned). With a ``baseline``, every finding carries its
    fingerprint and those the baseline holds are accepted instead of reported."""
    result = GateResult()
    try:
        files = document_paths(paths)
    except InputError as exc:
        result.errors.append(("", str(exc)))
        return result
    for path in files:
        name = path.as_posix()
        result.files.append(name)
        try:
            units = read(path)
            found = scan([unit.text for unit in units])
        except SafecohortError as exc:
            result.errors.append((name, str(exc)))
            continue
        for unit, findings in zip(units, found, strict=True):
            for finding in findings:
                fingerprint = (
                    baseline.fingerprint(name, finding.entity_type, unit.text[finding.start : finding.end])
                    if baseline is not None
                    else None
                )
                if baseline is not None and fingerprint in baseline.fingerprints:
                    result.accepted += 1
                    continue
                result.findings.append(
                    LocatedFinding(
                        file=name,
                        where=unit.where,
                        position=locate(unit.text, finding.start, finding.end),
                        entity_type=finding.entity_type,
                        score=finding.score,
                        fingerprint=fingerprint,
                    )
                )
    return result


def as_text(result: GateResult) -> str:
    """One line per finding: ``place: KIND (score s)`` (unreadable files go to stderr, see the CLI)."""
    lines = [f"{f.place()}: {f.entity_type} (score {f.score:.2f})" for f in result.findings]
    return "\n".join(lines) + ("\n" if lines else "")


def summary(result: GateResult) -> str:
    """The last line a person reads: counts per kind, accepted and unreadable files."""
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.entity_type] = counts.get(finding.entity_type, 0) + 1
    kinds = ", ".join(f"{kind}={count}" for kind, count in sorted(counts.items()))
    text = f"{len(result.findings)} findings in {len(result.files)} files" + (f" ({kinds})" if kinds else "")
    if result.accepted:
        text += f"; {result.accepted} accepted by the baseline"
    if result.errors:
        text += f"; {len(result.errors)} unreadable"
    return text


def as_json(result: GateResult) -> str:
    """The result as JSON: files, findings (locations, kinds, scores), accepted count, errors."""
    body = {
        "tool": "safecohort",
        "version": version("safecohort"),
        "files": result.files,
        "findings": [f.as_dict() for f in result.findings],
        "accepted": result.accepted,
        "errors": [{"file": file, "error": message} for file, message in result.errors],
        "exit_code": result.exit_code,
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def as_sarif(result: GateResult) -> str:
    """The result as a SARIF 2.1.0 log: one rule per entity kind, one result per finding.

    A finding in a text file gets a region (line and column, counted in Unicode code points, which the
    run declares); one inside a page, cell, paragraph or table cell names that place in its message and
    in ``properties.where`` and points at the file alone, since a line of a PDF page is no line of the
    file a code-scanning interface would show.
    """
    kinds = sorted({f.entity_type for f in result.findings})
    rules = [
        {
            "id": kind,
            "name": kind.title().replace("_", ""),
            "shortDescription": {"text": f"Possible PHI: {kind}"},
            "defaultConfiguration": {"level": "error"},
        }
        for kind in kinds
    ]
    results = []
    for finding in result.findings:
        physical: dict[str, Any] = {"artifactLocation": {"uri": quote(finding.file)}}
        if not finding.where:
            p = finding.position
            physical["region"] = {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column + 1,  # SARIF's end column is exclusive
            }
        place = f" at {describe(finding.where)}, line {finding.position.line}" if finding.where else ""
        entry: dict[str, Any] = {
            "ruleId": finding.entity_type,
            "ruleIndex": kinds.index(finding.entity_type),
            "level": "error",
            "message": {"text": f"{finding.entity_type} (score {finding.score:.2f}){place}"},
            "locations": [{"physicalLocation": physical}],
            "properties": {"score": round(finding.score, 4), "where": dict(finding.where)},
        }
        if finding.fingerprint is not None:
            entry["partialFingerprints"] = {"safecohort/v1": finding.fingerprint}
        results.append(entry)
    notifications = [
        {"level": "error", "message": {"text": message}}
        | ({"locations": [{"physicalLocation": {"artifactLocation": {"uri": quote(file)}}}]} if file else {})
        for file, message in result.errors
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "safecohort",
                        "version": version("safecohort"),
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not result.errors,
                        "exitCode": result.exit_code,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


FORMATTERS: dict[str, Callable[[GateResult], str]] = {"text": as_text, "json": as_json, "sarif": as_sarif}

__all__ = [
    "BASELINE_PURPOSE",
    "FORMATTERS",
    "Baseline",
    "GateResult",
    "LocatedFinding",
    "as_json",
    "as_sarif",
    "as_text",
    "scan_documents",
    "summary",
]
