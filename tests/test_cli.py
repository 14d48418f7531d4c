"""The CLI's scan and keys commands: findings without values, exit codes, key files."""

from __future__ import annotations

import json
from pathlib import Path

from safecohort.cli import main


def test_scan_reports_counts_without_values_and_exits_1(tmp_path: Path, capsys) -> None:
    report = tmp_path / "generated_report.md"
    report.write_text("Patient John Carter (MRN 40012345) can be reached at 617-555-0199.\n")
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps({"summary": "Mean HbA1c fell by 0.4 points in the treated arm."}))
    assert main(["scan", str(report)]) == 1
    out = capsys.readouterr().out
    assert "PHONE_NUMBER" in out and "PERSON" in out
    assert "555-0199" not in out and "Carter" not in out and "40012345" not in out
    assert main(["scan", str(clean)]) == 0


def test_scan_unreadable_input_is_a_clear_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Pr\xe9nom: Andr\xe9".encode("latin-1"))
    assert main(["scan", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_keys_new_refuses_to_overwrite_and_rotate_keeps_old_ids(tmp_path: Path) -> None:
    keys = tmp_path / "site.keys.json"
    assert main(["keys", "new", str(keys)]) == 0
    first = json.loads(keys.read_text())
    assert main(["keys", "new", str(keys)]) == 2
    assert main(["keys", "rotate", str(keys)]) == 0
    from safecohort.transform.crypto import Keyring

    keyring = Keyring.load(keys)
    assert len(keyring.key_ids) == 2
    assert keyring.active_id != keyring.key_ids[0] or len(set(keyring.key_ids)) == 2
    assert first != json.loads(keys.read_text())
