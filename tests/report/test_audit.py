"""AuditReport JSON round trip; AuditLog hash chain verifies and breaks on any edit."""

from __future__ import annotations

import json
from pathlib import Path

import pydantic
import pytest

from safecohort.errors import OutputError
from safecohort.report.audit import GENESIS, AuditLog, AuditReport


def test_report_json_round_trips(sample_report: AuditReport) -> None:
    text = sample_report.to_json()
    assert AuditReport.from_json(text) == sample_report
    assert AuditReport.from_json(text.encode("utf-8")).to_json() == text


def test_report_json_is_canonical(sample_report: AuditReport) -> None:
    text = sample_report.to_json()
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Hôpital" in text  # UTF-8, not \u escapes
    assert data["tool"] == "safecohort"
    assert data["risk"]["k"] == sample_report.risk.k if sample_report.risk else False
    assert data["utility"]["metric"] == "roc_auc"
    assert data["columns"][0] == {
        "column": "patient_name",
        "phi": "name",
        "operator": "drop",
        "params": {},
        "output": "dropped",
    }


def test_report_rejects_unknown_fields(sample_report: AuditReport) -> None:
    data = sample_report.model_dump(mode="json")
    with pytest.raises(pydantic.ValidationError):
        AuditReport.model_validate({**data, "resdiual": None})


def test_log_chain_verifies(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "new" / "audit.log.jsonl")
    assert log.verify()  # no file yet: an empty log
    for i in range(3):
        log.append("build", {"run": i, "policy": "é" * 3})
    assert log.verify() and log.find_break() is None
    records = [json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines()]
    assert [r["seq"] for r in records] == [1, 2, 3]
    assert records[0]["prev"] == GENESIS
    assert [r["prev"] for r in records[1:]] == [r["hash"] for r in records[:-1]]
    assert records[2]["details"] == {"run": 2, "policy": "ééé"}
    assert records[0]["time"].endswith("+00:00")


@pytest.fixture
def three_lines(tmp_path: Path) -> AuditLog:
    log = AuditLog(tmp_path / "audit.log.jsonl")
    for event in ("build", "reveal", "build"):
        log.append(event, {"rows": 10})
    return log


def _lines(log: AuditLog) -> list[str]:
    return log.path.read_text(encoding="utf-8").splitlines()


def _write(log: AuditLog, lines: list[str], newline: bool = True) -> None:
    log.path.write_text("\n".join(lines) + ("\n" if newline else ""), encoding="utf-8")


def test_modified_line_breaks_the_chain(three_lines: AuditLog) -> None:
    lines = _lines(three_lines)
    _write(three_lines, [lines[0], lines[1].replace('"rows":10', '"rows":11'), lines[2]])
    assert not three_lines.verify()
    assert three_lines.find_break() == 2


def test_rehashed_modified_line_still_breaks_the_next_link(three_lines: AuditLog) -> None:
    import hashlib

    lines = _lines(three_lines)
    record = json.loads(lines[1])
    record["event"] = "build"
    del record["hash"]
    canonical = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    record["hash"] = hashlib.sha256(canonical.encode()).hexdigest()
    forged = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    _write(three_lines, [lines[0], forged, lines[2]])
    assert three_lines.find_break() == 3


@pytest.mark.parametrize(
    ("edit", "broken_at"),
    [
        (lambda lines: [lines[0], lines[2]], 2),  # a line deleted
        (lambda lines: [lines[1], lines[0], lines[2]], 1),  # lines reordered
        (lambda lines: [lines[0], lines[1], lines[1], lines[2]], 3),  # a line replayed
        (lambda lines: [lines[0], "", lines[1], lines[2]], 2),  # a blank line inserted
        (lambda lines: [lines[0], "not json", lines[1], lines[2]], 2),
    ],
)
def test_structural_edits_break_the_chain(three_lines: AuditLog, edit, broken_at: int) -> None:
    _write(three_lines, edit(_lines(three_lines)))
    assert three_lines.find_break() == broken_at


def test_a_line_cut_short_breaks_the_chain(three_lines: AuditLog) -> None:
    lines = _lines(three_lines)
    _write(three_lines, [*lines[:2], lines[2][:40]], newline=False)
    assert three_lines.find_break() == 3


def test_append_continues_the_chain_across_instances(three_lines: AuditLog) -> None:
    AuditLog(three_lines.path).append("reveal", {"tokens": 2})
    assert three_lines.verify()
    assert json.loads(_lines(three_lines)[-1])["seq"] == 4


def test_append_refuses_to_chain_onto_garbage(three_lines: AuditLog) -> None:
    with three_lines.path.open("a", encoding="utf-8") as file:
        file.write("garbage\n")
    with pytest.raises(OutputError, match="not a log record"):
        three_lines.append("build", {})


def test_append_rejects_details_that_are_not_json(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.log.jsonl")
    with pytest.raises(OutputError, match="not JSON"):
        log.append("build", {"when": object()})
    assert log.verify()


# --- the keyed log: HMAC under the keyring's audit subkey ------------------------------------------------


@pytest.fixture(scope="module")
def keyring():
    from safecohort.transform.crypto import Keyring

    return Keyring.generate(purpose="audit tests")


@pytest.fixture
def keyed(tmp_path: Path, keyring) -> AuditLog:
    log = AuditLog(tmp_path / "audit.log.jsonl", keyring)
    for event in ("build", "reveal", "build", "reveal"):
        log.append(event, {"rows": 10})
    return log


def test_keyed_log_names_its_key_and_verifies_only_with_it(keyed: AuditLog, keyring) -> None:
    from safecohort.transform.crypto import Keyring

    records = [json.loads(line) for line in _lines(keyed)]
    assert {r["key_id"] for r in records} == {keyring.active_id}
    status = keyed.check()
    assert status.intact and status.entries == 4 and status.key_ids == (keyring.active_id,)
    assert status.head == records[-1]["hash"]
    other = AuditLog(keyed.path, Keyring.generate()).check()
    assert other.problem is not None and other.problem.kind == "unknown key"


@pytest.mark.parametrize(
    ("edit", "line", "kind"),
    [
        (lambda lines: [lines[0], lines[1].replace('"rows":10', '"rows":11'), *lines[2:]], 2, "edited"),
        (lambda lines: [lines[0], *lines[2:]], 2, "removed"),
        (lambda lines: [lines[0], lines[2], lines[1], lines[3]], 2, "reordered"),
        (lambda lines: [*lines[:3], lines[2]], 4, "replayed"),
    ],
    ids=["edit", "deletion", "reorder", "replay"],
)
def test_keyed_verify_names_the_entry_and_the_kind(keyed: AuditLog, edit, line: int, kind: str) -> None:
    _write(keyed, edit(_lines(keyed)))
    problem = keyed.check().problem
    assert problem is not None and (problem.line, problem.kind) == (line, kind)


def test_truncation_is_caught_by_the_head_a_build_recorded(keyed: AuditLog, keyring) -> None:
    head = keyed.append("build", {"rows": 3})
    assert keyed.check([head]).intact
    _write(keyed, _lines(keyed)[:-2])  # the last two entries cut off, the rest intact
    assert keyed.check().intact  # a chain alone cannot see its end cut off...
    problem = keyed.check([head]).problem
    assert problem is not None and problem.kind == "truncated" and "entry 5" in problem.message


def test_a_chain_recomputed_without_the_key_fails(keyed: AuditLog, keyring) -> None:
    # The tamperer drops one entry and rebuilds a consistent chain: unkeyed sha256 seals, or HMACs under a
    # key of their own. Both verify as chains; neither verifies under the key file.
    from safecohort.transform.crypto import Keyring

    kept = [json.loads(line) for line in _lines(keyed)]
    del kept[1]
    for forger in (None, Keyring.generate()):
        forged = AuditLog(keyed.path.with_name(f"forged-{forger is None}.jsonl"), forger)
        for record in kept:
            forged.append(record["event"], record["details"])
        assert forged.check().intact  # self-consistent
        problem = AuditLog(forged.path, keyring).check().problem
        assert problem is not None and problem.line == 1 and problem.kind in ("unkeyed", "unknown key")
    # the same key id with other key bytes: the seal does not match
    from safecohort.transform.crypto import KeyInfo

    twin = Keyring(
        [KeyInfo(keyring.active_id, "2026-01-01T00:00:00+00:00", "forger", bytes(32))], keyring.active_id
    )
    forged = AuditLog(keyed.path.with_name("forged-twin.jsonl"), twin)
    for record in kept:
        forged.append(record["event"], record["details"])
    problem = AuditLog(forged.path, keyring).check().problem
    assert problem is not None and (problem.line, problem.kind) == (1, "edited")
